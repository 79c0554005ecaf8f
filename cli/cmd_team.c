/* competency team FRAMEWORK PROFILE ASSESSMENT...: a team against a role. */
#include <stdint.h>
#include <stdio.h>

#include "cli.h"
#include "loading.h"
#include "report_args.h"
#include "report_output.h"

#define TEAM_NAME "team"
#define TEAM_SYNOPSIS                                                          \
    "competency team [OPTION]... FRAMEWORK PROFILE ASSESSMENT..."

static const char *const team_operands[] = {"framework", "profile",
                                            "assessment"};

static const report_command team_command = {
    .name = TEAM_NAME,
    .synopsis = TEAM_SYNOPSIS,
    .scores = 1,
    .operand_names = team_operands,
    .operand_name_count = 3,
    .min_operands = 3,
    .max_operands = SIZE_MAX,
};

void cmd_team_help(FILE *out)
{
    fputs("Usage: " TEAM_SYNOPSIS "\n"
          "\n"
          "Compare a team with PROFILE, what a role requires of FRAMEWORK:\n"
          "the ASSESSMENT files (YAML or CSV) hold one assessment per "
          "person.\n"
          "Per target how many people were assessed, their mean, lowest and\n"
          "highest level and how many meet it (bench strength; a target met\n"
          "by one person or nobody is a single point of failure); per "
          "person\n"
          "the fit, whether they are ready and the targets they miss; and a\n"
          "ranking, best fit first. As HTML, a heat map of people by "
          "targets.\n"
          "\n"
          "Options:\n",
          out);
    report_help_options(out, 1, "");
    fputs("\n"
          "Exit status: 0 reported, 1 an input is not valid (a person\n"
          "assessed twice included) or the output cannot be written, 2 "
          "usage\n"
          "error.\n",
          out);
}

static int team_render(const cli_context *ctx, const report_args *r,
                       const report_inputs *in)
{
    const assessment_set *set = &in->assessments;
    cf_score_options so = CF_SCORE_OPTIONS_INIT;
    cf_render_options ro;
    cf_team_report *report = NULL;
    char *text = NULL;
    cf_error err = {0};
    int rc;
    so.missing = r->missing;
    rc = cf_team_analyze(&report, (const cf_assessment *const *)set->items,
                         set->count, in->profile, &so, &err);
    if (rc == CF_OK) {
        report_render_options(&ro, ctx, r);
        rc = cf_team_report_render(report, &ro, &text, &err);
    }
    cf_team_report_free(report);
    return report_finish(ctx, &team_command, r, rc, text, &err);
}

static int team_run(const cli_context *ctx, const report_args *r)
{
    report_inputs in;
    int status =
        load_report_inputs(ctx, r->operands[0], r->operands[1], r->operands + 2,
                           r->operand_count - 2, r->input_format, &in);
    if (status == CLI_EXIT_OK) {
        status = team_render(ctx, r, &in);
    }
    report_inputs_free(&in);
    return status;
}

int cmd_team_run(const cli_context *ctx, int argc, char **argv)
{
    report_args r;
    int status = report_args_parse(&r, &team_command, NULL, argc, argv);
    if (status == CLI_EXIT_OK && r.help) {
        cmd_team_help(stdout);
    } else if (status == CLI_EXIT_OK) {
        status = team_run(ctx, &r);
    }
    report_args_free(&r);
    return status;
}
