/*
 * Dense team analysis (cf_team_matrix_analyze, cf_scores_compute_matrix):
 * a small team worked by hand, then random teams on a framework with every
 * rollup, weights, three scales and direct ratings of parents, compared
 * bit for bit with the object API (cf_team_analyze, cf_scores_compute)
 * under both missing-rating policies and several thread counts; the SOLS
 * sample team; the errors and allocation failures.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "competency.h"
#include "support.h"
#include "support_alloc.h"
#include "support_analysis.h"

/* ---- the small team ---------------------------------------------------- */

/*
 * Scale 1..4: a level v normalises to (v - 1) / 3. A is the weighted mean
 * of A.1 (weight 2) and A.2 (weight 1). Elements in pre-order: A, A.1, A.2.
 * The profile: A at level 3, importance 1, so sum(I x Ln) = 2/3.
 */
static const char small_yaml[] =
    "framework:\n"
    "  id: small\n"
    "  title: Small\n"
    "  scales:\n"
    "    - id: p\n" SUPPORT_YAML_LEVELS_1_TO_4 "  elements:\n"
    "    - id: A\n"
    "      title: Alpha\n"
    "      children:\n"
    "        - {id: A.1, title: One, weight: 2}\n"
    "        - {id: A.2, title: Two}\n";

static const support_target small_targets[] = {{"A", 3, 1, 1}, {NULL, 0, 0, 0}};

/* Three rows of A, A.1, A.2. */
static const double small_levels[3 * 3] = {
    /* row 0: A.1 4 (1), A.2 1 (0): A = (2 x 1 + 1 x 0) / 3 = 2/3 -> level
     * 1 + 2/3 x 3 = 3, met; fit 1. */
    NAN, 4, 1,
    /* row 1: A.2 2 (1/3) alone: A = 1/3 -> level 2, unmet by 1; fit
     * min(1/3, 2/3) / (2/3) = 0.5. */
    NAN, NAN, 2,
    /* row 2: nothing rated: A unassessed; fit 0. */
    NAN, NAN, NAN};

static cf_team_matrix *analyze_or_fail(const cf_profile *p,
                                       const double *levels, size_t people,
                                       const cf_score_options *opts)
{
    cf_team_matrix *m = NULL;
    cf_error err;
    memset(&err, 0, sizeof err);
    support_fail_on(cf_team_matrix_analyze(&m, p, levels, people, opts, &err),
                    &err, "cf_team_matrix_analyze");
    assert_non_null(m);
    return m;
}

static void test_small_team_by_hand(void **state)
{
    (void)state;
    cf_framework *fw = support_load(small_yaml);
    cf_profile *p = support_profile_opts(fw, "lead", NULL, small_targets, NULL);
    cf_team_matrix *m = analyze_or_fail(p, small_levels, 3, NULL);

    assert_ptr_equal(cf_team_matrix_profile(m), p);
    assert_int_equal(cf_team_matrix_person_count(m), 3);
    assert_int_equal(cf_team_matrix_target_count(m), 1);
    support_check_near(cf_team_matrix_achieved(m, 0, 0), 3, "row 0 A");
    support_check_near(cf_team_matrix_achieved(m, 1, 0), 2, "row 1 A");
    assert_true(isnan(cf_team_matrix_achieved(m, 2, 0)));
    assert_int_equal(cf_team_matrix_status(m, 0, 0), CF_STATUS_MET);
    assert_int_equal(cf_team_matrix_status(m, 1, 0), CF_STATUS_UNMET);
    assert_int_equal(cf_team_matrix_status(m, 2, 0), CF_STATUS_UNASSESSED);
    support_check_near(cf_team_matrix_fit(m, 0), 1, "fit 0");
    support_check_near(cf_team_matrix_fit(m, 1), 0.5, "fit 1");
    support_check_near(cf_team_matrix_fit(m, 2), 0, "fit 2");
    /* A is critical: only row 0 is ready */
    assert_int_equal(cf_team_matrix_ready(m, 0), 1);
    assert_int_equal(cf_team_matrix_ready(m, 1), 0);
    assert_int_equal(cf_team_matrix_ready(m, 2), 0);
    /* two assessed: mean (3 + 2) / 2 = 2.5, min 2, max 3; one meets it,
     * so it is a single point of failure */
    assert_int_equal(cf_team_matrix_assessed(m, 0), 2);
    support_check_near(cf_team_matrix_mean(m, 0), 2.5, "mean");
    support_check_near(cf_team_matrix_min(m, 0), 2, "min");
    support_check_near(cf_team_matrix_max(m, 0), 3, "max");
    assert_int_equal(cf_team_matrix_meeting(m, 0), 1);
    assert_true(cf_team_matrix_single_point(m, 0));
    /* fits 1, 0.5, 0: the rows in order */
    assert_int_equal(cf_team_matrix_rank(m, 0), 0);
    assert_int_equal(cf_team_matrix_rank(m, 1), 1);
    assert_int_equal(cf_team_matrix_rank(m, 2), 2);
    /* past the end */
    assert_true(isnan(cf_team_matrix_fit(m, 3)));
    assert_int_equal(cf_team_matrix_ready(m, 3), 0);
    assert_true(isnan(cf_team_matrix_achieved(m, 0, 1)));
    assert_int_equal(cf_team_matrix_status(m, 3, 0), CF_STATUS_UNASSESSED);
    assert_int_equal(cf_team_matrix_assessed(m, 1), 0);
    assert_true(isnan(cf_team_matrix_mean(m, 1)));
    assert_int_equal(cf_team_matrix_rank(m, 3), SIZE_MAX);
    assert_ptr_equal(cf_team_matrix_fits(m)[1], cf_team_matrix_fit(m, 1));

    /* the profile outlives its last user */
    cf_profile_free(p);
    cf_framework_free(fw);
    assert_int_equal(cf_profile_target_count(cf_team_matrix_profile(m)), 1);
    cf_team_matrix_free(m);
    cf_team_matrix_free(NULL);
}

/* ---- random teams against the object API -------------------------------- */

/*
 * Every rollup, weights, three scales (p 1..4, f 0..2, one a single level
 * 5, which normalises to 1). Pre-order: A, A.1, A.2, A.3, B, B.1, B.2,
 * B.2.a, B.2.b, C, C.1, C.2, D, E.
 */
static const char mixed_yaml[] =
    "framework:\n"
    "  id: mixed\n"
    "  title: Mixed\n"
    "  default_scale: p\n"
    "  scales:\n"
    "    - id: p\n" SUPPORT_YAML_LEVELS_1_TO_4 "    - id: f\n"
    "      levels:\n"
    "        - {value: 0, label: Never}\n"
    "        - {value: 1, label: Sometimes}\n"
    "        - {value: 2, label: Always}\n"
    "      proficient: 1\n"
    "    - id: one\n"
    "      levels:\n"
    "        - {value: 5, label: Yes}\n"
    "      proficient: 5\n"
    "  elements:\n"
    "    - id: A\n"
    "      title: Mean\n"
    "      children:\n"
    "        - {id: A.1, title: A1, weight: 2}\n"
    "        - {id: A.2, title: A2, weight: 0.5}\n"
    "        - {id: A.3, title: A3, scale: f}\n"
    "    - id: B\n"
    "      title: Min\n"
    "      rollup: min\n"
    "      children:\n"
    "        - {id: B.1, title: B1}\n"
    "        - id: B.2\n"
    "          title: Max\n"
    "          rollup: max\n"
    "          weight: 3\n"
    "          children:\n"
    "            - {id: B.2.a, title: B2a}\n"
    "            - {id: B.2.b, title: B2b, scale: f}\n"
    "    - id: C\n"
    "      title: Max of f\n"
    "      scale: f\n"
    "      rollup: max\n"
    "      children:\n"
    "        - {id: C.1, title: C1}\n"
    "        - {id: C.2, title: C2, weight: 3}\n"
    "    - {id: D, title: Leaf}\n"
    "    - {id: E, title: One level, scale: one}\n";

static const support_target mixed_targets[] = {
    {"A", 3, 1, 0}, {"B", 2, 2, 1},     {"C", 1, 1, 0}, {"D", 4, 1.5, 1},
    {"E", 5, 1, 0}, {"B.2", 3, 0.5, 0}, {NULL, 0, 0, 0}};

#define MIXED_PEOPLE 29 /* not a multiple of the kernel's 8 lanes */

/* A small deterministic generator (64-bit LCG, top bits). */
static unsigned next_random(uint64_t *state, unsigned bound)
{
    *state = *state * 6364136223846793005u + 1442695040888963407u;
    return (unsigned)((*state >> 33) % bound);
}

/* Random levels: each element rated with probability 3/5 (parents too, so
 * some direct ratings override rollups), at a random level of its scale. */
static void random_levels(const cf_framework *fw, size_t people, uint64_t seed,
                          double *levels)
{
    size_t n = cf_framework_element_count(fw);
    for (size_t r = 0; r < people; r++) {
        for (size_t i = 0; i < n; i++) {
            const cf_scale *s = cf_element_scale(cf_framework_element(fw, i));
            double *cell = &levels[r * n + i];
            *cell = NAN;
            if (next_random(&seed, 5) < 3) {
                size_t k =
                    next_random(&seed, (unsigned)cf_scale_level_count(s));
                *cell = cf_level_value(cf_scale_level(s, k));
            }
        }
    }
}

/* The same ratings as assessments, subjects p00, p01, ... (so that the
 * object API's subject order is the row order). */
static cf_assessment **assessments_of(cf_framework *fw, const double *levels,
                                      size_t people)
{
    size_t n = cf_framework_element_count(fw);
    cf_assessment **a = calloc(people, sizeof *a);
    cf_error err;
    memset(&err, 0, sizeof err);
    assert_non_null(a);
    for (size_t r = 0; r < people; r++) {
        char subject[32];
        snprintf(subject, sizeof subject, "p%02zu", r);
        support_fail_on(cf_assessment_new(&a[r], fw, subject, NULL, &err), &err,
                        "cf_assessment_new");
        for (size_t i = 0; i < n; i++) {
            double level = levels[r * n + i];
            if (isnan(level))
                continue;
            support_fail_on(
                cf_assessment_rate(a[r],
                                   cf_element_id(cf_framework_element(fw, i)),
                                   level, NULL, &err),
                &err, "cf_assessment_rate");
        }
    }
    return a;
}

static void free_assessments(cf_assessment **a, size_t people)
{
    for (size_t r = 0; r < people; r++)
        cf_assessment_free(a[r]);
    free(a);
}

/* Equal as bits, NaN equal to NaN. */
static void check_same(double matrix, double object, const char *what, size_t i)
{
    if (isnan(matrix) && isnan(object))
        return;
    if (memcmp(&matrix, &object, sizeof matrix) != 0)
        fail_msg("%s %zu: matrix %.17g, object API %.17g", what, i, matrix,
                 object);
}

static void compare_with_team_report(const cf_team_matrix *m,
                                     const cf_team_report *r)
{
    size_t people = cf_team_report_person_count(r);
    size_t targets = cf_team_report_target_count(r);
    assert_int_equal(cf_team_matrix_person_count(m), people);
    assert_int_equal(cf_team_matrix_target_count(m), targets);
    for (size_t i = 0; i < people; i++) {
        const cf_gap_report *g = cf_team_report_person(r, i);
        check_same(cf_team_matrix_fit(m, i), cf_gap_report_fit(g), "fit", i);
        assert_int_equal(cf_team_matrix_ready(m, i), cf_gap_report_ready(g));
        for (size_t t = 0; t < targets; t++) {
            check_same(cf_team_matrix_achieved(m, i, t),
                       cf_gap_report_achieved(g, t), "achieved", i);
            assert_int_equal(cf_team_matrix_status(m, i, t),
                             cf_gap_report_status(g, t));
        }
        assert_int_equal(cf_team_matrix_rank(m, i), cf_team_report_rank(r, i));
    }
    for (size_t t = 0; t < targets; t++) {
        assert_int_equal(cf_team_matrix_assessed(m, t),
                         cf_team_report_assessed(r, t));
        assert_int_equal(cf_team_matrix_meeting(m, t),
                         cf_team_report_meeting(r, t));
        assert_int_equal(cf_team_matrix_single_point(m, t),
                         cf_team_report_single_point(r, t));
        check_same(cf_team_matrix_mean(m, t), cf_team_report_mean(r, t), "mean",
                   t);
        check_same(cf_team_matrix_min(m, t), cf_team_report_min(r, t), "min",
                   t);
        check_same(cf_team_matrix_max(m, t), cf_team_report_max(r, t), "max",
                   t);
    }
}

/* Whether two analyses are the same to the bit. */
static void check_identical(const cf_team_matrix *a, const cf_team_matrix *b)
{
    size_t people = cf_team_matrix_person_count(a);
    size_t targets = cf_team_matrix_target_count(a);
    assert_memory_equal(cf_team_matrix_fits(a), cf_team_matrix_fits(b),
                        people * sizeof(double));
    assert_memory_equal(cf_team_matrix_achieved_all(a),
                        cf_team_matrix_achieved_all(b),
                        people * targets * sizeof(double));
    for (size_t k = 0; k < people; k++)
        assert_int_equal(cf_team_matrix_rank(a, k), cf_team_matrix_rank(b, k));
}

static void compare_random_team(cf_missing missing, uint64_t seed)
{
    cf_framework *fw = support_load(mixed_yaml);
    cf_profile *p =
        support_profile_opts(fw, "mixed", NULL, mixed_targets, NULL);
    size_t n = cf_framework_element_count(fw);
    double *levels = malloc(MIXED_PEOPLE * n * sizeof *levels);
    assert_non_null(levels);
    random_levels(fw, MIXED_PEOPLE, seed, levels);
    cf_assessment **people = assessments_of(fw, levels, MIXED_PEOPLE);
    cf_score_options opts = CF_SCORE_OPTIONS_INIT;
    opts.missing = missing;
    cf_team_report *r = NULL;
    cf_error err;
    memset(&err, 0, sizeof err);
    support_fail_on(cf_team_analyze(&r, (const cf_assessment *const *)people,
                                    MIXED_PEOPLE, p, &opts, &err),
                    &err, "cf_team_analyze");
    cf_team_matrix *one = analyze_or_fail(p, levels, MIXED_PEOPLE, &opts);
    compare_with_team_report(one, r);
    /* 3 threads share the 4 blocks of 8 rows; 0 is one per processor */
    static const unsigned thread_counts[] = {2, 3, 0, 64};
    for (size_t k = 0; k < sizeof thread_counts / sizeof *thread_counts; k++) {
        opts.threads = thread_counts[k];
        cf_team_matrix *many = analyze_or_fail(p, levels, MIXED_PEOPLE, &opts);
        check_identical(one, many);
        cf_team_matrix_free(many);
    }
    cf_team_matrix_free(one);
    cf_team_report_free(r);
    free_assessments(people, MIXED_PEOPLE);
    free(levels);
    cf_profile_free(p);
    cf_framework_free(fw);
}

static void test_random_teams_skip(void **state)
{
    (void)state;
    for (uint64_t seed = 1; seed <= 20; seed++)
        compare_random_team(CF_MISSING_SKIP, seed);
}

static void test_random_teams_zero(void **state)
{
    (void)state;
    for (uint64_t seed = 1; seed <= 20; seed++)
        compare_random_team(CF_MISSING_ZERO, seed);
}

/* cf_scores_compute_matrix gives cf_scores_normalized of every row. */
static void test_scores_matrix(void **state)
{
    (void)state;
    cf_framework *fw = support_load(mixed_yaml);
    size_t n = cf_framework_element_count(fw);
    double *levels = malloc(MIXED_PEOPLE * n * sizeof *levels);
    double *normalized = malloc(MIXED_PEOPLE * n * sizeof *normalized);
    assert_true(levels && normalized);
    random_levels(fw, MIXED_PEOPLE, 7, levels);
    cf_assessment **people = assessments_of(fw, levels, MIXED_PEOPLE);
    for (int zero = 0; zero <= 1; zero++) {
        cf_score_options opts = CF_SCORE_OPTIONS_INIT;
        opts.missing = zero ? CF_MISSING_ZERO : CF_MISSING_SKIP;
        opts.threads = 2;
        cf_error err;
        memset(&err, 0, sizeof err);
        support_fail_on(cf_scores_compute_matrix(normalized, fw, levels,
                                                 MIXED_PEOPLE, &opts, &err),
                        &err, "cf_scores_compute_matrix");
        for (size_t r = 0; r < MIXED_PEOPLE; r++) {
            cf_scores *s = NULL;
            support_fail_on(cf_scores_compute(&s, people[r], &opts, &err), &err,
                            "cf_scores_compute");
            for (size_t i = 0; i < n; i++)
                check_same(normalized[r * n + i], cf_scores_normalized(s, i),
                           "normalized", r * n + i);
            cf_scores_free(s);
        }
    }
    /* no people: nothing to do, and nothing is touched */
    cf_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(cf_scores_compute_matrix(NULL, fw, NULL, 0, NULL, &err),
                     CF_OK);
    free_assessments(people, MIXED_PEOPLE);
    free(normalized);
    free(levels);
    cf_framework_free(fw);
}

/* ---- the SOLS sample team ------------------------------------------------ */

static const char *const sample_team[] = {"harriet-quill-manager.yaml",
                                          "juniper-stacks-manager.yaml",
                                          "omar-colophon-manager.yaml",
                                          "priya-vellum-manager.yaml",
                                          "tobias-ledger-manager.yaml",
                                          "wren-folio-manager.yaml",
                                          NULL};

/* The six sample managers, as the CLI's team command reads them. */
static void test_sols_sample_team(void **state)
{
    cf_framework *fw = *state;
    size_t n = cf_framework_element_count(fw);
    cf_assessment *people[8];
    size_t count = 0;
    cf_error err;
    memset(&err, 0, sizeof err);
    char *profile_path =
        support_path(CF_EXAMPLES_DIR, "profiles/branch-manager.yaml");
    cf_profile *p = NULL;
    support_fail_on(cf_profile_load_file(&p, fw, profile_path, NULL, &err),
                    &err, profile_path);
    for (; sample_team[count]; count++) {
        char name[128];
        snprintf(name, sizeof name, "assessments/%s", sample_team[count]);
        char *path = support_path(CF_EXAMPLES_DIR, name);
        cf_assessment_list *list = NULL;
        support_fail_on(cf_assessment_list_load_file(
                            &list, fw, path, CF_FORMAT_AUTO, NULL, &err),
                        &err, path);
        people[count] = cf_assessment_ref(cf_assessment_list_get(list, 0));
        cf_assessment_list_free(list);
        free(path);
    }
    double *levels = malloc(count * n * sizeof *levels);
    assert_non_null(levels);
    for (size_t r = 0; r < count; r++)
        memcpy(levels + r * n, cf_assessment_levels(people[r]),
               n * sizeof *levels);
    cf_team_report *r = NULL;
    support_fail_on(cf_team_analyze(&r, (const cf_assessment *const *)people,
                                    count, p, NULL, &err),
                    &err, "cf_team_analyze");
    cf_team_matrix *m = analyze_or_fail(p, levels, count, NULL);
    compare_with_team_report(m, r);
    cf_team_matrix_free(m);
    cf_team_report_free(r);
    for (size_t k = 0; k < count; k++)
        cf_assessment_free(people[k]);
    cf_profile_free(p);
    free(levels);
    free(profile_path);
}

/* ---- errors ----------------------------------------------------------------
 */

static void check_invalid_level(const cf_profile *p, double level,
                                const char *expected)
{
    double levels[3 * 3];
    memcpy(levels, small_levels, sizeof levels);
    levels[2 * 3 + 2] = level; /* row 2, element A.2 */
    cf_team_matrix *m = (cf_team_matrix *)p;
    cf_error err;
    memset(&err, 0, sizeof err);
    for (unsigned threads = 1; threads <= 3; threads++) {
        cf_score_options opts = CF_SCORE_OPTIONS_INIT;
        opts.threads = threads;
        int rc = cf_team_matrix_analyze(&m, p, levels, 3, &opts, &err);
        support_check_fails(rc, CF_EINVALID, m, &err);
        if (!strstr(err.message, expected))
            fail_msg("expected '%s' in: %s", expected, err.message);
        double normalized[9];
        rc = cf_scores_compute_matrix(normalized, cf_profile_framework(p),
                                      levels, 3, &opts, &err);
        assert_int_equal(rc, CF_EINVALID);
        if (!strstr(err.message, expected))
            fail_msg("expected '%s' in: %s", expected, err.message);
    }
}

static void test_errors(void **state)
{
    (void)state;
    cf_framework *fw = support_load(small_yaml);
    cf_profile *p = support_profile_opts(fw, "lead", NULL, small_targets, NULL);
    cf_team_matrix *m = (cf_team_matrix *)fw; /* must be cleared */
    cf_error err;
    int rc;
    memset(&err, 0, sizeof err);

    rc = cf_team_matrix_analyze(&m, NULL, small_levels, 3, NULL, &err);
    support_check_fails(rc, CF_EARG, m, &err);
    m = (cf_team_matrix *)fw;
    rc = cf_team_matrix_analyze(&m, p, NULL, 3, NULL, &err);
    support_check_fails(rc, CF_EARG, m, &err);
    m = (cf_team_matrix *)fw;
    rc = cf_team_matrix_analyze(&m, p, small_levels, 0, NULL, &err);
    support_check_fails(rc, CF_EARG, m, &err);
    assert_non_null(strstr(err.message, "at least one person"));
    assert_int_equal(
        cf_team_matrix_analyze(NULL, p, small_levels, 3, NULL, &err), CF_EARG);
    /* more rows than memory can address */
    m = (cf_team_matrix *)fw;
    rc = cf_team_matrix_analyze(&m, p, small_levels, SIZE_MAX / 2, NULL, &err);
    support_check_fails(rc, CF_EARG, m, &err);
    assert_non_null(strstr(err.message, "too large"));

    cf_score_options bad = CF_SCORE_OPTIONS_INIT;
    bad.version = 3;
    m = (cf_team_matrix *)fw;
    rc = cf_team_matrix_analyze(&m, p, small_levels, 3, &bad, &err);
    support_check_fails(rc, CF_EARG, m, &err);
    assert_non_null(strstr(err.message, "version 3"));
    bad.version = CF_SCORE_OPTIONS_VERSION;
    bad.missing = (cf_missing)7;
    double out[9];
    assert_int_equal(
        cf_scores_compute_matrix(out, fw, small_levels, 3, &bad, &err),
        CF_EARG);
    assert_int_equal(
        cf_scores_compute_matrix(NULL, fw, small_levels, 3, NULL, &err),
        CF_EARG);
    assert_int_equal(
        cf_scores_compute_matrix(out, NULL, small_levels, 3, NULL, &err),
        CF_EARG);

    /* levels off the scale 1..4, or not finite: row and element named */
    check_invalid_level(p, 5, "row 2, element 'A.2': level 5 is outside");
    check_invalid_level(p, 0.5, "row 2, element 'A.2': level 0.5 is outside");
    check_invalid_level(p, INFINITY, "row 2, element 'A.2': level inf");
    check_invalid_level(p, -INFINITY, "row 2, element 'A.2': level -inf");

    cf_profile_free(p);
    cf_framework_free(fw);
}

/* A version 1 options struct (no threads field) is still read. */
static void test_options_version_1(void **state)
{
    (void)state;
    cf_framework *fw = support_load(small_yaml);
    cf_profile *p = support_profile_opts(fw, "lead", NULL, small_targets, NULL);
    /* the first two fields only, then a poison a version 1 caller could
     * leave after its smaller struct */
    cf_score_options v1 = {1, CF_MISSING_ZERO, 9999};
    cf_team_matrix *m = analyze_or_fail(p, small_levels, 3, &v1);
    /* row 1 with missing as 0: A = (2 x 0 + 1 x 1/3) / 3 = 1/9 -> level
     * 1 + 3/9 = 4/3 */
    support_check_near(cf_team_matrix_achieved(m, 1, 0), 4.0 / 3, "row 1");
    cf_team_matrix_free(m);
    cf_profile_free(p);
    cf_framework_free(fw);
}

/* ---- allocation failures ----------------------------------------------------
 */

typedef struct alloc_ctx {
    cf_profile *profile;
    unsigned threads;
} alloc_ctx;

static int run_analyze(void *ctx, const cf_load_options *opts, void **out,
                       cf_error *err)
{
    const alloc_ctx *c = ctx;
    cf_score_options so = CF_SCORE_OPTIONS_INIT;
    (void)opts; /* the profile was built through the counter */
    so.threads = c->threads;
    return cf_team_matrix_analyze((cf_team_matrix **)out, c->profile,
                                  small_levels, 3, &so, err);
}

static void done_analyze(void *ctx, void *out)
{
    (void)ctx;
    assert_int_equal(cf_team_matrix_person_count(out), 3);
    cf_team_matrix_free(out);
}

static int run_scores(void *ctx, const cf_load_options *opts, void **out,
                      cf_error *err)
{
    const alloc_ctx *c = ctx;
    double normalized[9];
    (void)opts;
    *out = NULL;
    return cf_scores_compute_matrix(normalized,
                                    cf_profile_framework(c->profile),
                                    small_levels, 3, NULL, err);
}

/* cf_scores_compute_matrix hands back no object, so the shared loop does
 * not fit it: count its calls, then fail each; every failure must give
 * CF_ENOMEM and leave nothing allocated. */
static void check_scores_allocation_failures(struct support_counter *counter,
                                             alloc_ctx *ctx)
{
    cf_error err;
    void *out = NULL;
    size_t blocks = counter->live_blocks;
    memset(&err, 0, sizeof err);
    support_counter_arm(counter, SUPPORT_COUNT_ONLY, 0);
    assert_int_equal(run_scores(ctx, NULL, &out, &err), CF_OK);
    size_t calls = counter->calls;
    assert_true(calls > 0);
    for (size_t i = 0; i < calls; i++) {
        support_counter_arm(counter, SUPPORT_FAIL_ONE, i);
        assert_int_equal(run_scores(ctx, NULL, &out, &err), CF_ENOMEM);
        assert_string_equal(err.message, "out of memory");
        assert_int_equal(counter->live_blocks, blocks);
    }
    support_counter_arm(counter, SUPPORT_COUNT_ONLY, 0);
}

static void test_allocation_failures(void **state)
{
    (void)state;
    struct support_counter counter;
    support_counter_init(&counter);
    cf_load_options opts = support_counter_options(&counter);
    cf_framework *fw = support_load_opts(small_yaml, &opts);
    alloc_ctx ctx = {
        support_profile_opts(fw, "lead", NULL, small_targets, &opts), 1};
    struct support_alloc_case analyze = {
        "cf_team_matrix_analyze", run_analyze, done_analyze, &ctx, CF_OK, 1};
    support_fail_each_allocation(&counter, &analyze);
    ctx.threads = 2;
    support_fail_each_allocation(&counter, &analyze);
    check_scores_allocation_failures(&counter, &ctx);
    cf_profile_free(ctx.profile);
    cf_framework_free(fw);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_team_by_hand),
        cmocka_unit_test(test_random_teams_skip),
        cmocka_unit_test(test_random_teams_zero),
        cmocka_unit_test(test_scores_matrix),
        cmocka_unit_test_setup_teardown(
            test_sols_sample_team, support_setup_sols, support_teardown_sols),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_options_version_1),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
