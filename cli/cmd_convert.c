/*
 * competency convert IN OUT: a framework from one format to another, YAML,
 * CASE JSON or Moodle CSV, chosen by the file names or --from and --to.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "atomic_file.h"
#include "cli.h"
#include "input.h"
#include "output.h"
#include "report_output.h"

#define CONVERT_NAME "convert"
#define CONVERT_SYNOPSIS                                                       \
    "competency convert [--from FORMAT] [--to FORMAT] IN OUT"

enum { OPT_HELP, OPT_FROM, OPT_TO };

static const args_option convert_options[] = {
    {"help", 'h', 0, OPT_HELP},
    {"from", 'f', 1, OPT_FROM},
    {"to", 't', 1, OPT_TO},
};

#define CONVERT_OPTION_COUNT                                                   \
    (sizeof convert_options / sizeof convert_options[0])

/* The formats, in the order of their names below. */
typedef enum convert_format {
    FORMAT_NONE = -1,
    FORMAT_YAML = 0,
    FORMAT_CASE = 1,
    FORMAT_MOODLE = 2
} convert_format;

static const char *const format_names[] = {"yaml", "case-json", "moodle-csv"};
#define FORMAT_COUNT 3

typedef struct convert_settings {
    convert_format from, to;
    const char *operands[2];
    size_t operand_count;
    int help;
} convert_settings;

void cmd_convert_help(FILE *out)
{
    fputs("Usage: " CONVERT_SYNOPSIS "\n"
          "\n"
          "Read the framework IN and write it to OUT in another format:\n"
          "\n"
          "  yaml        the framework YAML of docs/format.md (.yaml, .yml)\n"
          "  case-json   a 1EdTech CASE 1.0/1.1 CFPackage (.json)\n"
          "  moodle-csv  Moodle's competency framework CSV (.csv)\n"
          "\n"
          "Each format comes from the file's extension unless --from or --to\n"
          "names it; - reads standard input or writes standard output, as\n"
          "YAML unless the option says otherwise. OUT is replaced whole or\n"
          "not at all. docs/interop.md says what maps to what.\n"
          "\n"
          "Options:\n"
          "  -f, --from FORMAT  the format of IN\n"
          "  -t, --to FORMAT    the format of OUT\n"
          "  -h, --help         show this help and exit\n"
          "\n"
          "Exit status: 0 converted, 1 IN is not valid or OUT cannot be\n"
          "written, 2 usage error.\n",
          out);
}

/* "--from yaml" */
static int parse_format(const char *option, const char *value,
                        convert_format *out)
{
    for (int i = 0; i < FORMAT_COUNT; i++) {
        if (strcmp(value, format_names[i]) == 0) {
            *out = (convert_format)i;
            return CLI_EXIT_OK;
        }
    }
    const char *guess = cf_suggest(value, format_names, FORMAT_COUNT);
    out_usage_error(CONVERT_NAME, CONVERT_SYNOPSIS,
                    "unknown format '%s' for %s (known: yaml, case-json, "
                    "moodle-csv)%s%s%s",
                    value, option, guess ? "; did you mean '" : "",
                    guess ? guess : "", guess ? "'?" : "");
    return CLI_EXIT_USAGE;
}

/* Whether name ends in suffix, ignoring ASCII case. */
static int ends_with(const char *name, const char *suffix)
{
    size_t n = strlen(name), k = strlen(suffix);
    if (n <= k) {
        return 0;
    }
    for (size_t i = 0; i < k; i++) {
        if (tolower((unsigned char)name[n - k + i]) != suffix[i]) {
            return 0;
        }
    }
    return 1;
}

/* The format of a file from its name; FORMAT_NONE when it does not say. */
static convert_format format_of(const char *name)
{
    if (strcmp(name, INPUT_STDIN_OPERAND) == 0 || ends_with(name, ".yaml") ||
        ends_with(name, ".yml")) {
        return FORMAT_YAML;
    }
    if (ends_with(name, ".json")) {
        return FORMAT_CASE;
    }
    if (ends_with(name, ".csv")) {
        return FORMAT_MOODLE;
    }
    return FORMAT_NONE;
}

static int convert_parse(convert_settings *s, int argc, char **argv)
{
    args_parser p;
    int id, status = CLI_EXIT_OK;
    args_init(&p, argc, argv, convert_options, CONVERT_OPTION_COUNT);
    while (status == CLI_EXIT_OK && !s->help &&
           (id = args_next(&p)) != ARGS_END) {
        switch (id) {
        case ARGS_ERROR:
            out_usage_error(CONVERT_NAME, CONVERT_SYNOPSIS, "%s", p.problem);
            status = CLI_EXIT_USAGE;
            break;
        case ARGS_OPERAND:
            if (s->operand_count < 2) {
                s->operands[s->operand_count] = p.value;
            }
            s->operand_count++;
            break;
        case OPT_HELP:
            s->help = 1;
            break;
        case OPT_FROM:
            status = parse_format("--from", p.value, &s->from);
            break;
        default: /* OPT_TO */
            status = parse_format("--to", p.value, &s->to);
            break;
        }
    }
    if (status != CLI_EXIT_OK || s->help) {
        return status;
    }
    if (s->operand_count != 2) {
        out_usage_error(
            CONVERT_NAME, CONVERT_SYNOPSIS,
            s->operand_count < 2
                ? (s->operand_count == 0 ? "no input given" : "no output given")
                : "too many operands: convert takes IN and OUT");
        return CLI_EXIT_USAGE;
    }
    for (int i = 0; i < 2; i++) {
        convert_format *f = i == 0 ? &s->from : &s->to;
        if (*f == FORMAT_NONE) {
            *f = format_of(s->operands[i]);
        }
        if (*f == FORMAT_NONE) {
            out_usage_error(CONVERT_NAME, CONVERT_SYNOPSIS,
                            "cannot tell the format of '%s' from its name: "
                            "give %s yaml, case-json or moodle-csv",
                            s->operands[i], i == 0 ? "--from" : "--to");
            return CLI_EXIT_USAGE;
        }
    }
    return CLI_EXIT_OK;
}

/* Loads operand in format; reports a failure. */
static int convert_load(const cli_context *ctx, const char *operand,
                        convert_format format, cf_framework **fw)
{
    cf_error err;
    char *data = NULL;
    size_t len = 0;
    int rc = CF_OK;
    memset(&err, 0, sizeof err);
    *fw = NULL;
    if (format == FORMAT_YAML) {
        rc = input_load_framework(fw, operand, &err);
    } else if (strcmp(operand, INPUT_STDIN_OPERAND) == 0) {
        rc = input_read_stdin(&data, &len, &err);
        if (rc == CF_OK && format == FORMAT_CASE) {
            rc = cf_framework_load_case_buffer(fw, data ? data : "", len,
                                               INPUT_STDIN_NAME, NULL, &err);
        } else if (rc == CF_OK) {
            rc = cf_framework_load_moodle_buffer(fw, data ? data : "", len,
                                                 INPUT_STDIN_NAME, NULL, &err);
        }
        free(data);
    } else if (format == FORMAT_CASE) {
        rc = cf_framework_load_case_file(fw, operand, NULL, &err);
    } else {
        rc = cf_framework_load_moodle_file(fw, operand, NULL, &err);
    }
    if (rc != CF_OK) {
        out_load_error(ctx, input_name(operand), rc, &err);
        return CLI_EXIT_INPUT;
    }
    return CLI_EXIT_OK;
}

int cli_write_output(const cli_context *ctx, const char *path, const char *text)
{
    size_t len = strlen(text);
    const char *what = "cannot write the file";
    char message[CF_ERROR_MESSAGE_MAX];
    if (path == NULL || strcmp(path, INPUT_STDIN_OPERAND) == 0) {
        fwrite(text, 1, len, stdout);
        return CLI_EXIT_OK;
    }
    if (atomic_write_file(path, text, len, &what) != 0) {
        snprintf(message, sizeof message, "%s: %s", what, strerror(errno));
        out_error_at(ctx, path, 0, 0, message);
        return CLI_EXIT_INPUT;
    }
    return CLI_EXIT_OK;
}

static int convert_run(const cli_context *ctx, const convert_settings *s)
{
    cf_framework *fw = NULL;
    cf_error err;
    char *text = NULL;
    int rc;
    int status = convert_load(ctx, s->operands[0], s->from, &fw);
    if (status != CLI_EXIT_OK) {
        return status;
    }
    memset(&err, 0, sizeof err);
    if (s->to == FORMAT_YAML) {
        rc = cf_framework_to_yaml(fw, &text, &err);
    } else if (s->to == FORMAT_CASE) {
        rc = cf_framework_to_case(fw, CF_JSON_PRETTY, &text, &err);
    } else {
        rc = cf_framework_to_moodle(fw, &text, &err);
    }
    if (rc != CF_OK) {
        status = report_failure(ctx, CONVERT_NAME, rc, &err);
    } else {
        status = cli_write_output(ctx, s->operands[1], text);
    }
    cf_string_free(text);
    cf_framework_free(fw);
    return status;
}

int cmd_convert_run(const cli_context *ctx, int argc, char **argv)
{
    convert_settings s;
    memset(&s, 0, sizeof s);
    s.from = s.to = FORMAT_NONE;
    int status = convert_parse(&s, argc, argv);
    if (status == CLI_EXIT_OK && s.help) {
        cmd_convert_help(stdout);
    } else if (status == CLI_EXIT_OK) {
        status = convert_run(ctx, &s);
    }
    return status;
}
