/*
 * competency migrate OLD NEW ASSESSMENT...: carries assessments from one
 * version of a framework to the next and writes them as YAML; what could
 * not be carried goes to standard error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "input.h"
#include "loading.h"
#include "output.h"
#include "report_output.h"
#include "text.h"

#define MIGRATE_NAME "migrate"
#define MIGRATE_SYNOPSIS                                                       \
    "competency migrate [-o FILE] OLD_FRAMEWORK NEW_FRAMEWORK ASSESSMENT..."

enum { OPT_HELP, OPT_OUTPUT, OPT_QUIET };

static const args_option migrate_options[] = {
    {"help", 'h', 0, OPT_HELP},
    {"output", 'o', 1, OPT_OUTPUT},
    {"quiet", 'q', 0, OPT_QUIET},
};

#define MIGRATE_OPTION_COUNT                                                   \
    (sizeof migrate_options / sizeof migrate_options[0])

typedef struct migrate_settings {
    const char *output; /* NULL or "-": standard output */
    int quiet;
    const char **operands;
    size_t operand_count;
    int help;
} migrate_settings;

void cmd_migrate_help(FILE *out)
{
    fputs("Usage: " MIGRATE_SYNOPSIS "\n"
          "\n"
          "Carry assessments (YAML or CSV files, loaded against\n"
          "OLD_FRAMEWORK) over to NEW_FRAMEWORK, another version of it, and\n"
          "write them as assessment YAML. A rating goes to the element with\n"
          "the same id or, when that element is replaced_by others in the\n"
          "new version, to the first of them. A rating whose element is\n"
          "gone, whose level is not on the new element's scale, or whose\n"
          "new element is already rated is dropped; each dropped rating is\n"
          "reported on standard error as a warning, and each rating carried\n"
          "to another id as a note.\n"
          "\n"
          "Options:\n"
          "  -o, --output FILE  write the assessments to FILE, replaced whole\n"
          "                     or not at all (default, or -: standard "
          "output)\n"
          "  -q, --quiet        do not print the notes of ratings carried to\n"
          "                     another id\n"
          "  -h, --help         show this help and exit\n"
          "\n"
          "Exit status: 0 written (even when ratings were dropped), 1 an\n"
          "input is not valid or the output cannot be written, 2 usage "
          "error.\n",
          out);
}

static int migrate_parse(migrate_settings *s, int argc, char **argv)
{
    args_parser p;
    int id, status = CLI_EXIT_OK;
    size_t stdin_count = 0;
    s->operands = calloc((size_t)(argc > 0 ? argc : 1), sizeof *s->operands);
    if (s->operands == NULL) {
        fprintf(stderr, "%s %s: out of memory\n", CLI_PROGRAM, MIGRATE_NAME);
        return CLI_EXIT_INPUT;
    }
    args_init(&p, argc, argv, migrate_options, MIGRATE_OPTION_COUNT);
    while (status == CLI_EXIT_OK && !s->help &&
           (id = args_next(&p)) != ARGS_END) {
        if (id == ARGS_ERROR) {
            out_usage_error(MIGRATE_NAME, MIGRATE_SYNOPSIS, "%s", p.problem);
            status = CLI_EXIT_USAGE;
        } else if (id == ARGS_OPERAND) {
            s->operands[s->operand_count++] = p.value;
            stdin_count += strcmp(p.value, INPUT_STDIN_OPERAND) == 0;
        } else if (id == OPT_HELP) {
            s->help = 1;
        } else if (id == OPT_QUIET) {
            s->quiet = 1;
        } else {
            s->output = p.value;
        }
    }
    if (status != CLI_EXIT_OK || s->help) {
        return status;
    }
    if (s->operand_count < 3) {
        static const char *const missing[] = {"no old framework given",
                                              "no new framework given",
                                              "no assessment given"};
        out_usage_error(MIGRATE_NAME, MIGRATE_SYNOPSIS, "%s",
                        missing[s->operand_count]);
        return CLI_EXIT_USAGE;
    }
    if (stdin_count > 1) {
        out_usage_error(MIGRATE_NAME, MIGRATE_SYNOPSIS,
                        "standard input (-) can be read only once");
        return CLI_EXIT_USAGE;
    }
    return CLI_EXIT_OK;
}

/* "FILE:LINE: warning: " or "FILE:LINE: note: ", then the message. */
static void report_line(const cf_assessment *a, const char *kind,
                        const char *id, const char *message)
{
    const char *source = cf_assessment_source(a);
    const char *subject = cf_assessment_subject(a);
    fflush(stdout);
    source = source != NULL ? source : INPUT_STDIN_NAME;
    text_write(stderr, source, strlen(source));
    if (cf_assessment_line(a) > 0) {
        fprintf(stderr, ":%zu", cf_assessment_line(a));
    }
    fprintf(stderr, ": %s: ", kind);
    fputs("rating of '", stderr);
    text_write(stderr, id, strlen(id));
    fputs("' for '", stderr);
    text_write(stderr, subject, strlen(subject));
    fputs("' ", stderr);
    text_write(stderr, message, strlen(message));
    fputc('\n', stderr);
}

static void report_migration(const migrate_settings *s, const cf_assessment *a,
                             const cf_migration *m)
{
    char message[CF_ERROR_MESSAGE_MAX + 32];
    for (size_t i = 0; !s->quiet && i < cf_migration_moved_count(m); i++) {
        snprintf(message, sizeof message, "carried to '%s' (replaced_by)",
                 cf_migration_moved_to(m, i));
        report_line(a, "note", cf_migration_moved_from(m, i), message);
    }
    for (size_t i = 0; i < cf_migration_dropped_count(m); i++) {
        snprintf(message, sizeof message, "not carried: %s",
                 cf_migration_dropped_reason(m, i));
        report_line(a, "warning", cf_migration_dropped_id(m, i), message);
    }
}

/* Migrates every assessment of set into migrated (count of them). */
static int migrate_all(const cli_context *ctx, const migrate_settings *s,
                       const assessment_set *set, cf_framework *new_fw,
                       cf_migration **migrations, char **text)
{
    cf_error err;
    int rc = CF_OK;
    const cf_assessment **carried = calloc(set->count, sizeof *carried);
    memset(&err, 0, sizeof err);
    if (carried == NULL) {
        rc = CF_ENOMEM;
    }
    for (size_t i = 0; i < set->count && rc == CF_OK; i++) {
        rc = cf_assessment_migrate(&migrations[i], set->items[i], new_fw, &err);
        if (rc == CF_OK) {
            report_migration(s, set->items[i], migrations[i]);
            carried[i] = cf_migration_assessment(migrations[i]);
        }
    }
    if (rc == CF_OK) {
        rc = cf_assessments_to_yaml(carried, set->count, text, &err);
    }
    free(carried);
    return rc == CF_OK ? CLI_EXIT_OK
                       : report_failure(ctx, MIGRATE_NAME, rc, &err);
}

static int migrate_run(const cli_context *ctx, const migrate_settings *s)
{
    cf_framework *old_fw = NULL, *new_fw = NULL;
    assessment_set set;
    cf_migration **migrations = NULL;
    char *text = NULL;
    int status = load_framework(ctx, s->operands[0], &old_fw);
    memset(&set, 0, sizeof set);
    if (load_framework(ctx, s->operands[1], &new_fw) != CLI_EXIT_OK) {
        status = CLI_EXIT_INPUT;
    }
    if (status == CLI_EXIT_OK) {
        status = load_assessments(ctx, old_fw, s->operands + 2,
                                  s->operand_count - 2, CF_FORMAT_AUTO, &set);
    }
    if (status == CLI_EXIT_OK) {
        migrations = calloc(set.count, sizeof *migrations);
        status =
            migrations != NULL
                ? migrate_all(ctx, s, &set, new_fw, migrations, &text)
                : report_failure(ctx, MIGRATE_NAME, CF_ENOMEM, &(cf_error){0});
    }
    if (status == CLI_EXIT_OK) {
        status = cli_write_output(ctx, s->output, text);
    }
    cf_string_free(text);
    for (size_t i = 0; migrations != NULL && i < set.count; i++) {
        cf_migration_free(migrations[i]);
    }
    free(migrations);
    assessment_set_free(&set);
    cf_framework_free(old_fw);
    cf_framework_free(new_fw);
    return status;
}

int cmd_migrate_run(const cli_context *ctx, int argc, char **argv)
{
    migrate_settings s;
    memset(&s, 0, sizeof s);
    int status = migrate_parse(&s, argc, argv);
    if (status == CLI_EXIT_OK && s.help) {
        cmd_migrate_help(stdout);
    } else if (status == CLI_EXIT_OK) {
        status = migrate_run(ctx, &s);
    }
    free(s.operands);
    return status;
}
