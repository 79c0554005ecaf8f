/* competency gap FRAMEWORK PROFILE ASSESSMENT...: each person's gaps. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "loading.h"
#include "report_args.h"
#include "report_output.h"

#define GAP_NAME "gap"
#define GAP_SYNOPSIS                                                           \
    "competency gap [OPTION]... FRAMEWORK PROFILE ASSESSMENT..."

enum { OPT_FAIL_UNREADY = REPORT_OPT_OWN };

static const args_option gap_options[] = {
    {"fail-unready", '\0', 0, OPT_FAIL_UNREADY},
};
static const char *const gap_operands[] = {"framework", "profile",
                                           "assessment"};

/* The options of gap's own. */
typedef struct gap_settings {
    int fail_unready;
} gap_settings;

static int gap_option(const report_command *cmd, void *own, int id,
                      const char *value)
{
    gap_settings *s = own;
    (void)cmd;
    (void)id; /* OPT_FAIL_UNREADY, the only one */
    (void)value;
    s->fail_unready = 1;
    return CLI_EXIT_OK;
}

static const report_command gap_command = {
    .name = GAP_NAME,
    .synopsis = GAP_SYNOPSIS,
    .scores = 1,
    .own_options = gap_options,
    .own_option_count = sizeof gap_options / sizeof gap_options[0],
    .option = gap_option,
    .operand_names = gap_operands,
    .operand_name_count = 3,
    .min_operands = 3,
    .max_operands = SIZE_MAX,
};

void cmd_gap_help(FILE *out)
{
    fputs("Usage: " GAP_SYNOPSIS "\n"
          "\n"
          "Compare every assessment in the ASSESSMENT files (YAML or CSV, "
          "each\n"
          "may hold many) with PROFILE, what a role requires of FRAMEWORK:\n"
          "per target the level required and achieved, the gap, whether it\n"
          "is met and why; the fit (0-100%), whether the person is ready\n"
          "(every critical target met) and what to work on first. One "
          "report\n"
          "per assessment, in file order.\n"
          "\n"
          "Options:\n",
          out);
    report_help_options(
        out, 1,
        "      --fail-unready   exit with 3 when some person is not ready\n"
        "                       (the report is written all the same)\n");
    fputs("\n"
          "Exit status: 0 reported, 1 an input is not valid or the output\n"
          "cannot be written, 2 usage error, 3 some person is not ready\n"
          "(with --fail-unready only).\n",
          out);
}

/* CLI_EXIT_UNREADY when some report says its subject is not ready. */
static int readiness(cf_gap_report *const *reports, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (!cf_gap_report_ready(reports[i])) {
            return CLI_EXIT_UNREADY;
        }
    }
    return CLI_EXIT_OK;
}

/*
 * Analyses each assessment, renders the reports as one document and
 * writes it. With fail_unready, returns CLI_EXIT_UNREADY after a
 * successful write when someone is not ready.
 */
static int gap_render(const cli_context *ctx, const report_args *r,
                      const report_inputs *in, int fail_unready)
{
    const assessment_set *set = &in->assessments;
    cf_score_options so = CF_SCORE_OPTIONS_INIT;
    cf_render_options ro;
    cf_gap_report **reports = calloc(set->count, sizeof *reports);
    char *text = NULL;
    cf_error err = {0};
    int status, ready = CLI_EXIT_OK;
    int rc = reports != NULL ? CF_OK : CF_ENOMEM;
    so.missing = r->missing;
    for (size_t i = 0; rc == CF_OK && i < set->count; i++) {
        rc = cf_gap_analyze(&reports[i], set->items[i], in->profile, &so, &err);
    }
    if (rc == CF_OK) {
        report_render_options(&ro, ctx, r);
        rc = cf_gap_report_render((const cf_gap_report *const *)reports,
                                  set->count, &ro, &text, &err);
        ready = readiness(reports, set->count);
    }
    for (size_t i = 0; reports != NULL && i < set->count; i++) {
        cf_gap_report_free(reports[i]);
    }
    free(reports);
    status = report_finish(ctx, &gap_command, r, rc, text, &err);
    return status == CLI_EXIT_OK && fail_unready ? ready : status;
}

static int gap_run(const cli_context *ctx, const report_args *r,
                   const gap_settings *s)
{
    report_inputs in;
    int status =
        load_report_inputs(ctx, r->operands[0], r->operands[1], r->operands + 2,
                           r->operand_count - 2, r->input_format, &in);
    if (status == CLI_EXIT_OK) {
        status = gap_render(ctx, r, &in, s->fail_unready);
    }
    report_inputs_free(&in);
    return status;
}

int cmd_gap_run(const cli_context *ctx, int argc, char **argv)
{
    report_args r;
    gap_settings s = {0};
    int status = report_args_parse(&r, &gap_command, &s, argc, argv);
    if (status == CLI_EXIT_OK && r.help) {
        cmd_gap_help(stdout);
    } else if (status == CLI_EXIT_OK) {
        status = gap_run(ctx, &r, &s);
    }
    report_args_free(&r);
    return status;
}
