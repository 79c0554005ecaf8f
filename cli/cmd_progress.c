/* competency progress FRAMEWORK BEFORE AFTER: one person's change. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "input.h"
#include "loading.h"
#include "output.h"
#include "report_args.h"
#include "report_output.h"

#define PROGRESS_NAME "progress"
#define PROGRESS_SYNOPSIS                                                      \
    "competency progress [OPTION]... FRAMEWORK BEFORE AFTER"

enum { OPT_PROFILE = REPORT_OPT_OWN };

static const args_option progress_options[] = {
    {"profile", 'p', 1, OPT_PROFILE},
};
static const char *const progress_operands[] = {
    "framework", "BEFORE assessment", "AFTER assessment"};

/* The options of progress's own. */
typedef struct progress_settings {
    const char *profile; /* NULL without --profile */
} progress_settings;

static int progress_option(const report_command *cmd, void *own, int id,
                           const char *value)
{
    progress_settings *s = own;
    (void)cmd;
    (void)id; /* OPT_PROFILE, the only one */
    s->profile = value;
    return CLI_EXIT_OK;
}

static const report_command progress_command = {
    .name = PROGRESS_NAME,
    .synopsis = PROGRESS_SYNOPSIS,
    .scores = 1,
    .own_options = progress_options,
    .own_option_count = sizeof progress_options / sizeof progress_options[0],
    .option = progress_option,
    .operand_names = progress_operands,
    .operand_name_count = 3,
    .min_operands = 3,
    .max_operands = 3,
};

void cmd_progress_help(FILE *out)
{
    fputs("Usage: " PROGRESS_SYNOPSIS "\n"
          "\n"
          "Compare two assessments of one person against FRAMEWORK: BEFORE\n"
          "and AFTER (YAML or CSV files) hold one assessment each. Per\n"
          "element the score before and after, the change and the trend\n"
          "(improved, declined, unchanged, or unscored when a score is\n"
          "missing); with --profile, the fit before and after too.\n"
          "\n"
          "Options:\n",
          out);
    report_help_options(out, 1,
                        "  -p, --profile PROFILE\n"
                        "                       also compare the fit with "
                        "this profile\n");
    fputs("\n"
          "Exit status: 0 reported, 1 an input is not valid (a file with\n"
          "several assessments, or two people, included) or the output\n"
          "cannot be written, 2 usage error.\n",
          out);
}

/* BEFORE and AFTER must each hold exactly one assessment. */
static int check_single(const cli_context *ctx, const report_args *r,
                        const report_inputs *in)
{
    int status = CLI_EXIT_OK;
    for (size_t i = 0; i < 2; i++) {
        size_t n = cf_assessment_list_count(in->assessments.lists[i]);
        char message[CF_ERROR_MESSAGE_MAX];
        if (n == 1) {
            continue;
        }
        snprintf(message, sizeof message,
                 "the file holds %zu assessments; progress compares one "
                 "assessment %s with one %s",
                 n, i == 0 ? "BEFORE" : "AFTER", i == 0 ? "AFTER" : "BEFORE");
        out_error_at(ctx, input_name(r->operands[1 + i]), 0, 0, message);
        status = CLI_EXIT_INPUT;
    }
    return status;
}

static int progress_render(const cli_context *ctx, const report_args *r,
                           const report_inputs *in)
{
    const assessment_set *set = &in->assessments;
    cf_score_options so = CF_SCORE_OPTIONS_INIT;
    cf_render_options ro;
    cf_progress_report *report = NULL;
    char *text = NULL;
    cf_error err = {0};
    int rc;
    so.missing = r->missing;
    rc = cf_progress_analyze(&report, set->items[0], set->items[1], in->profile,
                             &so, &err);
    if (rc == CF_OK) {
        report_render_options(&ro, ctx, r);
        rc = cf_progress_report_render(report, &ro, &text, &err);
    }
    cf_progress_report_free(report);
    return report_finish(ctx, &progress_command, r, rc, text, &err);
}

static int progress_run(const cli_context *ctx, const report_args *r,
                        const progress_settings *s)
{
    report_inputs in;
    int status = load_report_inputs(ctx, r->operands[0], s->profile,
                                    r->operands + 1, 2, r->input_format, &in);
    if (status == CLI_EXIT_OK) {
        status = check_single(ctx, r, &in);
    }
    if (status == CLI_EXIT_OK) {
        status = progress_render(ctx, r, &in);
    }
    report_inputs_free(&in);
    return status;
}

int cmd_progress_run(const cli_context *ctx, int argc, char **argv)
{
    report_args r;
    progress_settings s = {NULL};
    int status = report_args_parse(&r, &progress_command, &s, argc, argv);
    if (status == CLI_EXIT_OK && !r.help && s.profile != NULL &&
        strcmp(s.profile, INPUT_STDIN_OPERAND) == 0 &&
        report_args_reads_stdin(&r)) {
        report_usage_error(&progress_command,
                           "standard input (-) can be read only once");
        status = CLI_EXIT_USAGE;
    }
    if (status == CLI_EXIT_OK && r.help) {
        cmd_progress_help(stdout);
    } else if (status == CLI_EXIT_OK) {
        status = progress_run(ctx, &r, &s);
    }
    report_args_free(&r);
    return status;
}
