/* The command line of the report subcommands (see report_args.h). */
#include "report_args.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "input.h"

#define REPORT_MESSAGE_MAX 512
#define REPORT_MAX_FORMATS 16 /* more than cf_report_format has */

/* The shared options; --missing last, for the commands that score. */
static const args_option shared_options[] = {
    {"help", 'h', 0, REPORT_OPT_HELP},
    {"format", 'f', 1, REPORT_OPT_FORMAT},
    {"output", 'o', 1, REPORT_OPT_OUTPUT},
    {"width", 'w', 1, REPORT_OPT_WIDTH},
    {"input-format", '\0', 1, REPORT_OPT_INPUT_FORMAT},
    {"missing", '\0', 1, REPORT_OPT_MISSING},
};

#define SHARED_COUNT (sizeof shared_options / sizeof shared_options[0])

static const char *const input_format_names[] = {"yaml", "csv"};
static const cf_format input_formats[] = {CF_FORMAT_YAML, CF_FORMAT_CSV};
static const char *const missing_names[] = {"skip", "zero"};
static const cf_missing missings[] = {CF_MISSING_SKIP, CF_MISSING_ZERO};

void report_help_options(FILE *out, int scores, const char *own_help)
{
    fputs("  -f, --format FORMAT  text, json, csv, markdown or html (default:\n"
          "                       from the -o file's name, else text)\n"
          "  -o, --output FILE    write the report to FILE, replaced "
          "atomically,\n"
          "                       instead of standard output\n"
          "  -w, --width N        fit text in N columns, 20 to 1000 (default:\n"
          "                       COLUMNS, else the terminal's width, else "
          "80)\n"
          "      --input-format yaml|csv\n"
          "                       read assessments in this format (default: "
          "by\n"
          "                       the name: .csv is CSV, else YAML)\n",
          out);
    if (scores) {
        fputs("      --missing skip|zero\n"
              "                       leave an unscored element out of its\n"
              "                       parent's score (skip, the default), or\n"
              "                       count it as the lowest level (zero)\n",
              out);
    }
    fputs(own_help, out);
    fputs("  -h, --help           show this help and exit\n"
          "\n"
          "A FILE of - is standard input (one at most; assessments in YAML\n"
          "unless --input-format csv).\n",
          out);
}

/* The shared options (less --missing when cmd does not score) and cmd's. */
static size_t command_options(const report_command *cmd, args_option *all)
{
    size_t count = cmd->scores ? SHARED_COUNT : SHARED_COUNT - 1;
    memcpy(all, shared_options, count * sizeof *all);
    if (cmd->own_option_count > 0) {
        memcpy(all + count, cmd->own_options,
               cmd->own_option_count * sizeof *all);
    }
    return count + cmd->own_option_count;
}

void report_usage_error(const report_command *cmd, const char *format, ...)
{
    char message[REPORT_MESSAGE_MAX];
    va_list ap;
    va_start(ap, format);
    vsnprintf(message, sizeof message, format, ap);
    va_end(ap);
    out_usage_error(cmd->name, cmd->synopsis, "%s", message);
}

/* "a, b or c": the count names, for a message. */
static void list_choices(char *buf, size_t size, const char *const *names,
                         size_t count)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < count && used < size; i++) {
        const char *sep = i == 0 ? "" : i + 1 == count ? " or " : ", ";
        int n = snprintf(buf + used, size - used, "%s%s", sep, names[i]);
        used += n > 0 ? (size_t)n : 0;
    }
}

/* The usage error of a value that is none of the count names. */
static int bad_choice(const report_command *cmd, const char *option,
                      const char *value, const char *const *names, size_t count)
{
    char choices[REPORT_MESSAGE_MAX / 2];
    const char *guess = cf_suggest(value, names, count);
    if (guess != NULL) {
        report_usage_error(cmd,
                           "invalid value '%s' for %s (did you mean '%s'?)",
                           value, option, guess);
    } else {
        list_choices(choices, sizeof choices, names, count);
        report_usage_error(cmd, "invalid value '%s' for %s (expected %s)",
                           value, option, choices);
    }
    return CLI_EXIT_USAGE;
}

/* value as one of count names into *index, else a usage error. */
static int pick_word(const report_command *cmd, const char *option,
                     const char *value, const char *const *names, size_t count,
                     size_t *index)
{
    for (size_t i = 0; i < count; i++) {
        if (strcmp(value, names[i]) == 0) {
            *index = i;
            return CLI_EXIT_OK;
        }
    }
    return bad_choice(cmd, option, value, names, count);
}

/*
 * The format an output file's name asks for when --format is not given:
 * .json, .csv, .md and .html (or .htm); text otherwise and on stdout.
 */
static cf_report_format format_of_output(const char *output)
{
    static const struct {
        const char *ending;
        cf_report_format format;
    } endings[] = {
        {".json", CF_REPORT_JSON},   {".csv", CF_REPORT_CSV},
        {".md", CF_REPORT_MARKDOWN}, {".markdown", CF_REPORT_MARKDOWN},
        {".html", CF_REPORT_HTML},   {".htm", CF_REPORT_HTML}};
    size_t len = output ? strlen(output) : 0;
    for (size_t i = 0; i < sizeof endings / sizeof endings[0]; i++) {
        size_t n = strlen(endings[i].ending);
        if (len > n && strcasecmp(output + len - n, endings[i].ending) == 0) {
            return endings[i].format;
        }
    }
    return CF_REPORT_TEXT;
}

/* --format: a name the library knows; the choices are its names. */
static int parse_format(const report_command *cmd, report_args *r,
                        const char *value)
{
    const char *names[REPORT_MAX_FORMATS];
    size_t count = 0;
    if (cf_report_format_parse(&r->format, value, NULL) == CF_OK) {
        r->format_given = 1;
        return CLI_EXIT_OK;
    }
    while (count < REPORT_MAX_FORMATS &&
           cf_report_format_name((cf_report_format)count) != NULL) {
        names[count] = cf_report_format_name((cf_report_format)count);
        count++;
    }
    return bad_choice(cmd, "--format", value, names, count);
}

static int parse_width(const report_command *cmd, report_args *r,
                       const char *value)
{
    size_t width = 0;
    if (args_parse_size(value, &width) != 0 || width < REPORT_MIN_WIDTH ||
        width > REPORT_MAX_WIDTH) {
        report_usage_error(cmd,
                           "invalid value '%s' for --width (expected a whole "
                           "number from %d to %d)",
                           value, REPORT_MIN_WIDTH, REPORT_MAX_WIDTH);
        return CLI_EXIT_USAGE;
    }
    r->width = width;
    return CLI_EXIT_OK;
}

static int parse_choice(const report_command *cmd, report_args *r, int id,
                        const char *value)
{
    size_t index = 0;
    int status;
    if (id == REPORT_OPT_INPUT_FORMAT) {
        status = pick_word(cmd, "--input-format", value, input_format_names, 2,
                           &index);
        r->input_format = input_formats[index];
    } else {
        status = pick_word(cmd, "--missing", value, missing_names, 2, &index);
        r->missing = missings[index];
    }
    return status;
}

int report_args_reads_stdin(const report_args *r)
{
    for (size_t i = 0; i < r->operand_count; i++) {
        if (strcmp(r->operands[i], INPUT_STDIN_OPERAND) == 0) {
            return 1;
        }
    }
    return 0;
}

/* An operand: kept in order; standard input may be named only once. */
static int add_operand(const report_command *cmd, report_args *r,
                       const char *value)
{
    if (strcmp(value, INPUT_STDIN_OPERAND) == 0 && report_args_reads_stdin(r)) {
        report_usage_error(cmd, "standard input (-) can be read only once");
        return CLI_EXIT_USAGE;
    }
    r->operands[r->operand_count++] = value;
    return CLI_EXIT_OK;
}

static int shared_option(const report_command *cmd, report_args *r, int id,
                         const char *value)
{
    switch (id) {
    case REPORT_OPT_HELP:
        r->help = 1;
        return CLI_EXIT_OK;
    case REPORT_OPT_FORMAT:
        return parse_format(cmd, r, value);
    case REPORT_OPT_OUTPUT:
        r->output = value;
        return CLI_EXIT_OK;
    case REPORT_OPT_WIDTH:
        return parse_width(cmd, r, value);
    default: /* REPORT_OPT_INPUT_FORMAT, REPORT_OPT_MISSING */
        return parse_choice(cmd, r, id, value);
    }
}

static int one_argument(const report_command *cmd, report_args *r, void *own,
                        int id, const args_parser *p)
{
    if (id == ARGS_ERROR) {
        report_usage_error(cmd, "%s", p->problem);
        return CLI_EXIT_USAGE;
    }
    if (id == ARGS_OPERAND) {
        return add_operand(cmd, r, p->value);
    }
    if (id >= REPORT_OPT_OWN) {
        return cmd->option(cmd, own, id, p->value);
    }
    return shared_option(cmd, r, id, p->value);
}

static const char *operand_name(const report_command *cmd, size_t index)
{
    size_t last = cmd->operand_name_count - 1;
    return cmd->operand_names[index < last ? index : last];
}

static int check_operands(const report_command *cmd, const report_args *r)
{
    if (r->operand_count < cmd->min_operands) {
        report_usage_error(cmd, "no %s given",
                           operand_name(cmd, r->operand_count));
        return CLI_EXIT_USAGE;
    }
    if (r->operand_count > cmd->max_operands) {
        report_usage_error(cmd, "unexpected argument '%s'",
                           r->operands[cmd->max_operands]);
        return CLI_EXIT_USAGE;
    }
    return CLI_EXIT_OK;
}

int report_args_parse(report_args *r, const report_command *cmd, void *own,
                      int argc, char **argv)
{
    args_option options[SHARED_COUNT + REPORT_MAX_OWN_OPTIONS];
    size_t option_count = command_options(cmd, options);
    args_parser p;
    int id, status = CLI_EXIT_OK;
    memset(r, 0, sizeof *r);
    r->format = CF_REPORT_TEXT;
    r->missing = CF_MISSING_SKIP;
    r->input_format = CF_FORMAT_AUTO;
    r->operands = malloc((size_t)(argc > 0 ? argc : 1) * sizeof *r->operands);
    if (r->operands == NULL) {
        fprintf(stderr, "%s %s: out of memory\n", CLI_PROGRAM, cmd->name);
        return CLI_EXIT_INPUT;
    }
    args_init(&p, argc, argv, options, option_count);
    while (status == CLI_EXIT_OK && !r->help &&
           (id = args_next(&p)) != ARGS_END) {
        status = one_argument(cmd, r, own, id, &p);
    }
    if (status != CLI_EXIT_OK || r->help) {
        return status;
    }
    if (!r->format_given) {
        r->format = format_of_output(r->output);
    }
    return check_operands(cmd, r);
}

void report_args_free(report_args *r)
{
    free(r->operands);
    r->operands = NULL;
    r->operand_count = 0;
}
