/*
 * A team as one matrix: every assessment file on the command line becomes
 * a row of levels (cf_assessment_levels), and cf_team_matrix_analyze
 * analyses all rows at once, on every processor. For an organisation's
 * thousands of people this is the fast path; for a handful, cf_team_analyze
 * gives the full report with explanations.
 *
 *   team_matrix FRAMEWORK PROFILE ASSESSMENT...
 */
#include <competency.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(const cf_error *err)
{
    fprintf(stderr, "%s:%zu:%zu: %s\n", err->source, err->line, err->column,
            err->message);
    return 1;
}

/* Appends the levels of every assessment in path to *levels (rows). */
static int add_rows(cf_framework *fw, const char *path, double **levels,
                    size_t *rows, cf_error *err)
{
    cf_assessment_list *list = NULL;
    if (cf_assessment_list_load_file(&list, fw, path, CF_FORMAT_AUTO, NULL,
                                     err) != CF_OK)
        return -1;
    size_t n = cf_framework_element_count(fw);
    size_t count = cf_assessment_list_count(list);
    double *grown = realloc(*levels, (*rows + count) * n * sizeof **levels);
    if (!grown) {
        cf_assessment_list_free(list);
        return -1;
    }
    for (size_t k = 0; k < count; k++)
        memcpy(grown + (*rows + k) * n,
               cf_assessment_levels(cf_assessment_list_get(list, k)),
               n * sizeof *grown);
    *levels = grown;
    *rows += count;
    cf_assessment_list_free(list);
    return 0;
}

static void print_report(const cf_team_matrix *m)
{
    const cf_profile *p = cf_team_matrix_profile(m);
    printf("%zu people against %s\n", cf_team_matrix_person_count(m),
           cf_profile_id(p));
    for (size_t t = 0; t < cf_team_matrix_target_count(m); t++)
        printf("  %-8s mean %.3g, met by %zu%s\n",
               cf_element_id(cf_profile_target_element(p, t)),
               cf_team_matrix_mean(m, t), cf_team_matrix_meeting(m, t),
               cf_team_matrix_single_point(m, t) ? " (single point)" : "");
    size_t best = cf_team_matrix_rank(m, 0);
    printf("best fit: row %zu, %.3f%s\n", best, cf_team_matrix_fit(m, best),
           cf_team_matrix_ready(m, best) ? ", ready" : "");
}

int main(int argc, char **argv)
{
    cf_error err = {0};
    cf_framework *fw = NULL;
    cf_profile *p = NULL;
    cf_team_matrix *m = NULL;
    double *levels = NULL;
    size_t rows = 0;
    int status = 1;
    if (argc < 4) {
        fprintf(stderr, "usage: %s FRAMEWORK PROFILE ASSESSMENT...\n", argv[0]);
        return 2;
    }
    if (cf_framework_load_file(&fw, argv[1], NULL, &err) != CF_OK ||
        cf_profile_load_file(&p, fw, argv[2], NULL, &err) != CF_OK)
        goto done;
    for (int i = 3; i < argc; i++)
        if (add_rows(fw, argv[i], &levels, &rows, &err) != 0)
            goto done;
    cf_score_options opts = CF_SCORE_OPTIONS_INIT;
    opts.threads = 0; /* one per processor: the numbers do not change */
    if (cf_team_matrix_analyze(&m, p, levels, rows, &opts, &err) != CF_OK)
        goto done;
    print_report(m);
    status = 0;
done:
    if (status && err.code != CF_OK)
        fail(&err);
    else if (status)
        fprintf(stderr, "out of memory\n");
    cf_team_matrix_free(m);
    cf_profile_free(p);
    cf_framework_free(fw);
    free(levels);
    return status;
}
