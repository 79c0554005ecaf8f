/*
 * competency consolidate FRAMEWORK ASSESSMENT...: the 360 view of one
 * person rated by several people.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "loading.h"
#include "report_args.h"
#include "report_output.h"

#define CONSOLIDATE_NAME "consolidate"
#define CONSOLIDATE_SYNOPSIS                                                   \
    "competency consolidate [OPTION]... FRAMEWORK ASSESSMENT..."

enum { OPT_WEIGHT = REPORT_OPT_OWN, OPT_THRESHOLD };

static const args_option consolidate_options[] = {
    {"weight", '\0', 1, OPT_WEIGHT},
    {"threshold", '\0', 1, OPT_THRESHOLD},
};
static const char *const consolidate_operands[] = {"framework", "assessment"};

/* The options of consolidate's own: role weights (roles copied). */
typedef struct consolidate_settings {
    cf_role_weight *weights;
    size_t weight_count;
    double threshold; /* 0: the library's default, 1 level */
} consolidate_settings;

static int bad_weight(const report_command *cmd, const char *value)
{
    report_usage_error(cmd,
                       "invalid value '%s' for --weight (expected ROLE=N "
                       "with N a number above 0, e.g. manager=2)",
                       value);
    return CLI_EXIT_USAGE;
}

static int known_role(const consolidate_settings *s, const char *role,
                      size_t len)
{
    for (size_t i = 0; i < s->weight_count; i++) {
        if (strlen(s->weights[i].role) == len &&
            strncmp(s->weights[i].role, role, len) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Appends role (len bytes) with weight; 0 on success, -1 out of memory. */
static int add_weight(consolidate_settings *s, const char *role, size_t len,
                      double weight)
{
    char *copy = malloc(len + 1);
    cf_role_weight *grown =
        realloc(s->weights, (s->weight_count + 1) * sizeof *grown);
    if (copy == NULL || grown == NULL) {
        free(copy);
        if (grown != NULL) {
            s->weights = grown;
        }
        return -1;
    }
    memcpy(copy, role, len);
    copy[len] = '\0';
    s->weights = grown;
    s->weights[s->weight_count].role = copy;
    s->weights[s->weight_count].weight = weight;
    s->weight_count++;
    return 0;
}

/* --weight ROLE=N */
static int parse_weight(const report_command *cmd, consolidate_settings *s,
                        const char *value)
{
    const char *equals = strchr(value, '=');
    double weight = 0;
    size_t len;
    if (equals == NULL || equals == value ||
        args_parse_number(equals + 1, &weight) != 0 || !(weight > 0)) {
        return bad_weight(cmd, value);
    }
    len = (size_t)(equals - value);
    if (known_role(s, value, len)) {
        report_usage_error(cmd, "role '%.*s' is given a weight twice", (int)len,
                           value);
        return CLI_EXIT_USAGE;
    }
    if (add_weight(s, value, len, weight) != 0) {
        fprintf(stderr, "%s %s: out of memory\n", CLI_PROGRAM, cmd->name);
        return CLI_EXIT_INPUT;
    }
    return CLI_EXIT_OK;
}

static int consolidate_option(const report_command *cmd, void *own, int id,
                              const char *value)
{
    consolidate_settings *s = own;
    if (id == OPT_WEIGHT) {
        return parse_weight(cmd, s, value);
    }
    if (args_parse_number(value, &s->threshold) != 0 || !(s->threshold > 0)) {
        report_usage_error(cmd,
                           "invalid value '%s' for --threshold (expected a "
                           "number of levels above 0)",
                           value);
        return CLI_EXIT_USAGE;
    }
    return CLI_EXIT_OK;
}

static void consolidate_settings_free(consolidate_settings *s)
{
    for (size_t i = 0; i < s->weight_count; i++) {
        free((char *)s->weights[i].role);
    }
    free(s->weights);
}

static const report_command consolidate_command = {
    .name = CONSOLIDATE_NAME,
    .synopsis = CONSOLIDATE_SYNOPSIS,
    .scores = 0,
    .own_options = consolidate_options,
    .own_option_count =
        sizeof consolidate_options / sizeof consolidate_options[0],
    .option = consolidate_option,
    .operand_names = consolidate_operands,
    .operand_name_count = 2,
    .min_operands = 2,
    .max_operands = SIZE_MAX,
};

void cmd_consolidate_help(FILE *out)
{
    fputs("Usage: " CONSOLIDATE_SYNOPSIS "\n"
          "\n"
          "Merge the assessments of one person by several raters (the\n"
          "ASSESSMENT files, YAML or CSV) into one: per element the\n"
          "role-weighted mean level, how many rated it, how far they\n"
          "disagree, the self rating against the others', and a flag where\n"
          "they differ by the threshold or more: a blind spot (self above\n"
          "others) or a hidden strength (others above self). The rating "
          "with\n"
          "the role 'self' is the self rating.\n"
          "\n"
          "Options:\n",
          out);
    report_help_options(
        out, 0,
        "      --weight ROLE=N  weigh the ratings of ROLE N times (default "
        "1;\n"
        "                       repeat for each role: --weight manager=2)\n"
        "      --threshold X    the difference in levels that is flagged\n"
        "                       (default 1)\n");
    fputs("\n"
          "Exit status: 0 reported, 1 an input is not valid (assessments of\n"
          "several people included) or the output cannot be written, 2 "
          "usage\n"
          "error.\n",
          out);
}

static int consolidate_render(const cli_context *ctx, const report_args *r,
                              const consolidate_settings *s,
                              const report_inputs *in)
{
    const assessment_set *set = &in->assessments;
    cf_consolidate_options co = CF_CONSOLIDATE_OPTIONS_INIT;
    cf_render_options ro;
    cf_consolidation *c = NULL;
    char *text = NULL;
    cf_error err = {0};
    int rc;
    co.role_weights = s->weights;
    co.role_weight_count = s->weight_count;
    if (s->threshold > 0) {
        co.threshold = s->threshold;
    }
    rc = cf_consolidate(&c, (const cf_assessment *const *)set->items,
                        set->count, &co, &err);
    if (rc == CF_OK) {
        report_render_options(&ro, ctx, r);
        rc = cf_consolidation_render(c, &ro, &text, &err);
    }
    cf_consolidation_free(c);
    return report_finish(ctx, &consolidate_command, r, rc, text, &err);
}

static int consolidate_run(const cli_context *ctx, const report_args *r,
                           const consolidate_settings *s)
{
    report_inputs in;
    int status = load_report_inputs(ctx, r->operands[0], NULL, r->operands + 1,
                                    r->operand_count - 1, r->input_format, &in);
    if (status == CLI_EXIT_OK) {
        status = consolidate_render(ctx, r, s, &in);
    }
    report_inputs_free(&in);
    return status;
}

int cmd_consolidate_run(const cli_context *ctx, int argc, char **argv)
{
    report_args r;
    consolidate_settings s = {NULL, 0, 0};
    int status = report_args_parse(&r, &consolidate_command, &s, argc, argv);
    if (status == CLI_EXIT_OK && r.help) {
        cmd_consolidate_help(stdout);
    } else if (status == CLI_EXIT_OK) {
        status = consolidate_run(ctx, &r, &s);
    }
    report_args_free(&r);
    consolidate_settings_free(&s);
    return status;
}
