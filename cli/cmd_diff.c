/*
 * competency diff OLD NEW: what changed between two versions of a
 * framework, grouped by kind of change, as text or JSON.
 */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "input.h"
#include "loading.h"
#include "output.h"
#include "report_output.h"
#include "text.h"

#define DIFF_NAME "diff"
#define DIFF_SYNOPSIS "competency diff [--format text|json] OLD NEW"
#define DIFF_KINDS 7

enum { OPT_HELP, OPT_FORMAT };

static const args_option diff_options[] = {
    {"help", 'h', 0, OPT_HELP},
    {"format", 'f', 1, OPT_FORMAT},
};

#define DIFF_OPTION_COUNT (sizeof diff_options / sizeof diff_options[0])

typedef struct diff_settings {
    int json;
    const char *operands[2];
    size_t operand_count;
    int help;
} diff_settings;

/* Headings of the groups, in the order of cf_change. */
static const char *const headings[DIFF_KINDS] = {
    "Added",      "Removed",  "Retitled", "Moved",
    "Reweighted", "Rescaled", "Scales"};

/* The order the groups are printed in. */
static const cf_change group_order[DIFF_KINDS] = {
    CF_CHANGE_SCALE,   CF_CHANGE_ADDED,    CF_CHANGE_REMOVED,
    CF_CHANGE_MOVED,   CF_CHANGE_RETITLED, CF_CHANGE_REWEIGHTED,
    CF_CHANGE_RESCALED};

void cmd_diff_help(FILE *out)
{
    fputs("Usage: " DIFF_SYNOPSIS "\n"
          "\n"
          "Compare two versions of a framework, matching elements and\n"
          "scales by id, and list what changed, grouped by kind: scales\n"
          "added, removed or with other levels; elements added, removed,\n"
          "moved (another parent), retitled, reweighted (another weight or\n"
          "rollup) and rescaled (another effective scale). One of OLD and\n"
          "NEW may be - for standard input.\n"
          "\n"
          "Options:\n"
          "  -f, --format FORMAT  text (the default) or json\n"
          "  -h, --help           show this help and exit\n"
          "\n"
          "Exit status: 0 compared (whether or not anything changed), 1 a\n"
          "framework is not valid, 2 usage error.\n",
          out);
}

static int diff_parse(diff_settings *s, int argc, char **argv)
{
    args_parser p;
    int id, status = CLI_EXIT_OK;
    args_init(&p, argc, argv, diff_options, DIFF_OPTION_COUNT);
    while (status == CLI_EXIT_OK && !s->help &&
           (id = args_next(&p)) != ARGS_END) {
        if (id == ARGS_ERROR) {
            out_usage_error(DIFF_NAME, DIFF_SYNOPSIS, "%s", p.problem);
            status = CLI_EXIT_USAGE;
        } else if (id == ARGS_OPERAND) {
            if (s->operand_count < 2) {
                s->operands[s->operand_count] = p.value;
            }
            s->operand_count++;
        } else if (id == OPT_HELP) {
            s->help = 1;
        } else if (strcmp(p.value, "json") == 0 ||
                   strcmp(p.value, "text") == 0) {
            s->json = strcmp(p.value, "json") == 0;
        } else {
            out_usage_error(DIFF_NAME, DIFF_SYNOPSIS,
                            "unknown format '%s' for --format (known: text, "
                            "json)",
                            p.value);
            status = CLI_EXIT_USAGE;
        }
    }
    if (status != CLI_EXIT_OK || s->help) {
        return status;
    }
    if (s->operand_count != 2) {
        out_usage_error(DIFF_NAME, DIFF_SYNOPSIS,
                        s->operand_count < 2
                            ? "diff compares two frameworks: give OLD and NEW"
                            : "too many operands: diff compares OLD and NEW");
        return CLI_EXIT_USAGE;
    }
    if (strcmp(s->operands[0], INPUT_STDIN_OPERAND) == 0 &&
        strcmp(s->operands[1], INPUT_STDIN_OPERAND) == 0) {
        out_usage_error(DIFF_NAME, DIFF_SYNOPSIS,
                        "standard input (-) can be read only once");
        return CLI_EXIT_USAGE;
    }
    return CLI_EXIT_OK;
}

static void put(const char *s)
{
    text_write(stdout, s, strlen(s));
}

/* "sols-community-relations 2015-08-13" */
static void put_version(const cf_framework *fw)
{
    put(cf_framework_id(fw));
    if (cf_framework_version(fw) != NULL) {
        fputc(' ', stdout);
        put(cf_framework_version(fw));
    }
}

/* One change's line after its id. */
static void put_change(const cf_diff *d, size_t i)
{
    const char *before = cf_diff_before(d, i);
    const char *after = cf_diff_after(d, i);
    cf_change c = cf_diff_change(d, i);
    if (c == CF_CHANGE_SCALE && before == NULL) {
        fputs("added: ", stdout);
        put(after);
    } else if (c == CF_CHANGE_SCALE && after == NULL) {
        fputs("removed: ", stdout);
        put(before);
    } else if (before == NULL || after == NULL) {
        put(before != NULL ? before : after);
    } else {
        if (c == CF_CHANGE_MOVED) {
            fputs("from ", stdout);
        }
        put(before);
        fputs(c == CF_CHANGE_MOVED ? " to " : " -> ", stdout);
        put(after);
    }
}

static void print_text(const cf_diff *d, const cf_framework *old_fw,
                       const cf_framework *new_fw)
{
    size_t n = cf_diff_count(d), id_columns = 0;
    for (size_t i = 0; i < n; i++) {
        size_t w = text_columns(cf_diff_id(d, i));
        id_columns = w > id_columns ? w : id_columns;
    }
    fputs(n == 0 ? "No changes from " : "Changes from ", stdout);
    put_version(old_fw);
    fputs(" to ", stdout);
    put_version(new_fw);
    if (n == 0) {
        fputs(".\n", stdout);
        return;
    }
    printf(": %zu\n", n);
    for (size_t g = 0; g < DIFF_KINDS; g++) {
        size_t count = 0;
        for (size_t i = 0; i < n; i++) {
            count += cf_diff_change(d, i) == group_order[g];
        }
        if (count == 0) {
            continue;
        }
        printf("\n%s (%zu):\n", headings[group_order[g]], count);
        for (size_t i = 0; i < n; i++) {
            if (cf_diff_change(d, i) != group_order[g]) {
                continue;
            }
            fputs("  ", stdout);
            put(cf_diff_id(d, i));
            printf("%*s  ", (int)(id_columns - text_columns(cf_diff_id(d, i))),
                   "");
            put_change(d, i);
            fputc('\n', stdout);
        }
    }
}

static int diff_run(const cli_context *ctx, const diff_settings *s)
{
    cf_framework *old_fw = NULL, *new_fw = NULL;
    cf_diff *d = NULL;
    cf_error err;
    int status = load_framework(ctx, s->operands[0], &old_fw);
    if (load_framework(ctx, s->operands[1], &new_fw) != CLI_EXIT_OK) {
        status = CLI_EXIT_INPUT;
    }
    memset(&err, 0, sizeof err);
    if (status == CLI_EXIT_OK) {
        int rc = cf_framework_diff(&d, old_fw, new_fw, &err);
        char *json = NULL;
        if (rc == CF_OK && s->json) {
            rc = cf_diff_to_json(d, CF_JSON_PRETTY, &json, &err);
        }
        if (rc != CF_OK) {
            status = report_failure(ctx, DIFF_NAME, rc, &err);
        } else if (s->json) {
            fputs(json, stdout);
            fputc('\n', stdout);
        } else {
            print_text(d, old_fw, new_fw);
        }
        cf_string_free(json);
    }
    cf_diff_free(d);
    cf_framework_free(old_fw);
    cf_framework_free(new_fw);
    return status;
}

int cmd_diff_run(const cli_context *ctx, int argc, char **argv)
{
    diff_settings s;
    memset(&s, 0, sizeof s);
    int status = diff_parse(&s, argc, argv);
    if (status == CLI_EXIT_OK && s.help) {
        cmd_diff_help(stdout);
    } else if (status == CLI_EXIT_OK) {
        status = diff_run(ctx, &s);
    }
    return status;
}
