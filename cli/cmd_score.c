/* competency score FRAMEWORK ASSESSMENT...: every element's score. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "loading.h"
#include "report_args.h"
#include "report_output.h"

#define SCORE_NAME "score"
#define SCORE_SYNOPSIS "competency score [OPTION]... FRAMEWORK ASSESSMENT..."

static const char *const score_operands[] = {"framework", "assessment"};

static const report_command score_command = {
    .name = SCORE_NAME,
    .synopsis = SCORE_SYNOPSIS,
    .scores = 1,
    .operand_names = score_operands,
    .operand_name_count = 2,
    .min_operands = 2,
    .max_operands = SIZE_MAX,
};

void cmd_score_help(FILE *out)
{
    fputs("Usage: " SCORE_SYNOPSIS "\n"
          "\n"
          "Score every assessment in the ASSESSMENT files (YAML or CSV, each\n"
          "may hold many) against FRAMEWORK: for each element its score in\n"
          "level units, its share of the scale, whether it was rated or\n"
          "derived from its children, and how much of it was rated. One\n"
          "report per assessment, in file order.\n"
          "\n"
          "Options:\n",
          out);
    report_help_options(out, 1, "");
    fputs("\n"
          "Exit status: 0 scored, 1 an input is not valid or the output "
          "cannot\n"
          "be written, 2 usage error.\n",
          out);
}

/* Scores each assessment, then renders them all as one document. */
static int score_render(const cli_context *ctx, const report_args *r,
                        const report_inputs *in)
{
    const assessment_set *set = &in->assessments;
    cf_score_options so = CF_SCORE_OPTIONS_INIT;
    cf_render_options ro;
    cf_scores **scores = calloc(set->count, sizeof *scores);
    char *text = NULL;
    cf_error err = {0};
    int rc = scores != NULL ? CF_OK : CF_ENOMEM;
    so.missing = r->missing;
    for (size_t i = 0; rc == CF_OK && i < set->count; i++) {
        rc = cf_scores_compute(&scores[i], set->items[i], &so, &err);
    }
    if (rc == CF_OK) {
        report_render_options(&ro, ctx, r);
        rc = cf_scores_render((const cf_scores *const *)scores, set->count, &ro,
                              &text, &err);
    }
    for (size_t i = 0; scores != NULL && i < set->count; i++) {
        cf_scores_free(scores[i]);
    }
    free(scores);
    return report_finish(ctx, &score_command, r, rc, text, &err);
}

static int score_run(const cli_context *ctx, const report_args *r)
{
    report_inputs in;
    int status = load_report_inputs(ctx, r->operands[0], NULL, r->operands + 1,
                                    r->operand_count - 1, r->input_format, &in);
    if (status == CLI_EXIT_OK) {
        status = score_render(ctx, r, &in);
    }
    report_inputs_free(&in);
    return status;
}

int cmd_score_run(const cli_context *ctx, int argc, char **argv)
{
    report_args r;
    int status = report_args_parse(&r, &score_command, NULL, argc, argv);
    if (status == CLI_EXIT_OK && r.help) {
        cmd_score_help(stdout);
    } else if (status == CLI_EXIT_OK) {
        status = score_run(ctx, &r);
    }
    report_args_free(&r);
    return status;
}
