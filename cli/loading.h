/*
 * Loading what a report is made from: the framework, a profile and
 * assessment files (YAML or CSV). Each function reports what went wrong on
 * standard error, as FILE:LINE:COLUMN: error: MESSAGE, and returns
 * CLI_EXIT_OK or CLI_EXIT_INPUT. An operand of "-" is standard input.
 */
#ifndef CLI_LOADING_H
#define CLI_LOADING_H

#include <stddef.h>

#include "cli.h"
#include "competency.h"

/* Loads FRAMEWORK into *out (NULL on failure). */
int load_framework(const cli_context *ctx, const char *operand,
                   cf_framework **out);

/* Loads the profile in operand against fw into *out (NULL on failure). */
int load_profile(const cli_context *ctx, cf_framework *fw, const char *operand,
                 cf_profile **out);

/* The assessments of several files, in order: file by file, each in file
 * order. */
typedef struct assessment_set {
    cf_assessment_list **lists; /* one per file */
    size_t list_count;
    const cf_assessment **items; /* every assessment (borrowed from lists) */
    size_t count;
} assessment_set;

/*
 * Loads the count files in operands against fw. format is CF_FORMAT_AUTO
 * (by the name: .csv is CSV, else YAML; standard input is YAML),
 * CF_FORMAT_YAML or CF_FORMAT_CSV. Every file is tried and every bad one
 * reported; a file that holds no assessment is an error too. On failure
 * set is empty. Free it with assessment_set_free either way. A long run
 * shows a progress line on a terminal's standard error (progress.h).
 */
int load_assessments(const cli_context *ctx, cf_framework *fw,
                     const char *const *operands, size_t count,
                     cf_format format, assessment_set *set);
void assessment_set_free(assessment_set *set);

/* Everything a report is made from. */
typedef struct report_inputs {
    cf_framework *framework;
    cf_profile *profile; /* NULL when the report takes none */
    assessment_set assessments;
} report_inputs;

/*
 * Loads the framework, then the profile (when profile is not NULL) and
 * the count assessment files, reporting every bad file. Free in with
 * report_inputs_free either way.
 */
int load_report_inputs(const cli_context *ctx, const char *framework,
                       const char *profile, const char *const *assessments,
                       size_t count, cf_format format, report_inputs *in);
void report_inputs_free(report_inputs *in);

#endif /* CLI_LOADING_H */
