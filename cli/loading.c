/* The inputs of a report from files or standard input (see loading.h). */
#include "loading.h"

#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "output.h"
#include "progress.h"

int load_framework(const cli_context *ctx, const char *operand,
                   cf_framework **out)
{
    cf_error err;
    int rc = input_load_framework(out, operand, &err);
    if (rc != CF_OK) {
        out_load_error(ctx, input_name(operand), rc, &err);
        return CLI_EXIT_INPUT;
    }
    return CLI_EXIT_OK;
}

static int profile_from_stdin(cf_profile **out, cf_framework *fw, cf_error *err)
{
    char *data = NULL;
    size_t len = 0;
    int rc = input_read_stdin(&data, &len, err);
    if (rc == CF_OK) {
        rc = cf_profile_load_buffer(out, fw, data != NULL ? data : "", len,
                                    INPUT_STDIN_NAME, NULL, err);
    }
    free(data);
    return rc;
}

int load_profile(const cli_context *ctx, cf_framework *fw, const char *operand,
                 cf_profile **out)
{
    cf_error err;
    int rc;
    memset(&err, 0, sizeof err);
    *out = NULL;
    if (strcmp(operand, INPUT_STDIN_OPERAND) == 0) {
        rc = profile_from_stdin(out, fw, &err);
    } else {
        rc = cf_profile_load_file(out, fw, operand, NULL, &err);
    }
    if (rc != CF_OK) {
        out_load_error(ctx, input_name(operand), rc, &err);
        return CLI_EXIT_INPUT;
    }
    return CLI_EXIT_OK;
}

static int list_from_stdin(cf_assessment_list **out, cf_framework *fw,
                           cf_format format, cf_error *err)
{
    char *data = NULL;
    size_t len = 0;
    int rc = input_read_stdin(&data, &len, err);
    if (rc == CF_OK) {
        rc = cf_assessment_list_load_buffer(out, fw, data != NULL ? data : "",
                                            len, INPUT_STDIN_NAME, format, NULL,
                                            err);
    }
    free(data);
    return rc;
}

/*
 * Loads one file into *out; reports a failure or a file without any,
 * after clearing the progress line so the message starts on its own line.
 */
static int load_list(const cli_context *ctx, cf_framework *fw,
                     const char *operand, cf_format format,
                     cf_assessment_list **out, progress *p)
{
    cf_error err;
    int rc;
    memset(&err, 0, sizeof err);
    *out = NULL;
    if (strcmp(operand, INPUT_STDIN_OPERAND) == 0) {
        rc = list_from_stdin(out, fw, format, &err);
    } else {
        rc = cf_assessment_list_load_file(out, fw, operand, format, NULL, &err);
    }
    if (rc != CF_OK) {
        progress_clear(p);
        out_load_error(ctx, input_name(operand), rc, &err);
        return CLI_EXIT_INPUT;
    }
    if (cf_assessment_list_count(*out) == 0) {
        progress_clear(p);
        out_error_at(ctx, input_name(operand), 0, 0,
                     "the file holds no assessment");
        return CLI_EXIT_INPUT;
    }
    return CLI_EXIT_OK;
}

/* Lists every assessment of set->lists in set->items. */
static int gather(assessment_set *set)
{
    size_t total = 0;
    for (size_t i = 0; i < set->list_count; i++) {
        total += cf_assessment_list_count(set->lists[i]);
    }
    set->items = malloc(total * sizeof *set->items);
    if (set->items == NULL) {
        return CLI_EXIT_INPUT;
    }
    for (size_t i = 0; i < set->list_count; i++) {
        size_t n = cf_assessment_list_count(set->lists[i]);
        for (size_t k = 0; k < n; k++) {
            set->items[set->count++] = cf_assessment_list_get(set->lists[i], k);
        }
    }
    return CLI_EXIT_OK;
}

int load_assessments(const cli_context *ctx, cf_framework *fw,
                     const char *const *operands, size_t count,
                     cf_format format, assessment_set *set)
{
    int status = CLI_EXIT_OK;
    progress p;
    memset(set, 0, sizeof *set);
    set->lists = calloc(count > 0 ? count : 1, sizeof *set->lists);
    if (set->lists == NULL) {
        out_error_at(ctx, CLI_PROGRAM, 0, 0, "out of memory");
        return CLI_EXIT_INPUT;
    }
    set->list_count = count;
    progress_start(&p, ctx, "loading", count);
    for (size_t i = 0; i < count; i++) {
        progress_step(&p, i, operands[i]);
        if (load_list(ctx, fw, operands[i], format, &set->lists[i], &p) !=
            CLI_EXIT_OK) {
            status = CLI_EXIT_INPUT;
        }
    }
    progress_end(&p);
    if (status == CLI_EXIT_OK && gather(set) != CLI_EXIT_OK) {
        out_error_at(ctx, CLI_PROGRAM, 0, 0, "out of memory");
        status = CLI_EXIT_INPUT;
    }
    if (status != CLI_EXIT_OK) {
        assessment_set_free(set);
    }
    return status;
}

void assessment_set_free(assessment_set *set)
{
    for (size_t i = 0; i < set->list_count; i++) {
        cf_assessment_list_free(set->lists[i]);
    }
    free(set->lists);
    free(set->items);
    memset(set, 0, sizeof *set);
}

int load_report_inputs(const cli_context *ctx, const char *framework,
                       const char *profile, const char *const *assessments,
                       size_t count, cf_format format, report_inputs *in)
{
    int status;
    memset(in, 0, sizeof *in);
    status = load_framework(ctx, framework, &in->framework);
    if (status != CLI_EXIT_OK) {
        return status;
    }
    if (profile != NULL) {
        status = load_profile(ctx, in->framework, profile, &in->profile);
    }
    if (load_assessments(ctx, in->framework, assessments, count, format,
                         &in->assessments) != CLI_EXIT_OK) {
        status = CLI_EXIT_INPUT;
    }
    return status;
}

void report_inputs_free(report_inputs *in)
{
    assessment_set_free(&in->assessments);
    cf_profile_free(in->profile);
    cf_framework_free(in->framework);
    memset(in, 0, sizeof *in);
}
