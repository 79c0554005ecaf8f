/*
 * Multi-rater (360) consolidation (cf_consolidate): role-weighted means,
 * spread, self against others, blind spots and hidden strengths, and the
 * errors. Inputs are built with the public API.
 *
 * The framework has eight leaves E1..E8 (indexes 0..7) on a 1..4 scale.
 * Five assessments of subject "sam":
 *
 *          self  manager  peer  report  (no role)
 *   E1       4      2       3      2
 *   E2       1      3       2      3
 *   E3       3      3       2                4
 *   E4       2
 *   E5       3      2       3
 *   E6       2      3       2
 *   E7       3      2
 *   E8    (nobody)
 *
 * Weights in most tests: manager 2, peer 0.5; report, self and the rating
 * without a role weigh 1.
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
#include "support_analysis.h"

static const char framework_yaml[] =
    "framework:\n"
    "  id: three-sixty\n"
    "  title: Three sixty\n"
    "  scales:\n"
    "    - id: p\n" SUPPORT_YAML_LEVELS_1_TO_4 "  elements:\n"
    "    - {id: E1, title: One}\n"
    "    - {id: E2, title: Two}\n"
    "    - {id: E3, title: Three}\n"
    "    - {id: E4, title: Four}\n"
    "    - {id: E5, title: Five}\n"
    "    - {id: E6, title: Six}\n"
    "    - {id: E7, title: Seven}\n"
    "    - {id: E8, title: Eight}\n";

enum { E1, E2, E3, E4, E5, E6, E7, E8, ELEMENTS };
enum { SELF, MANAGER, PEER, REPORT, NOROLE, RATERS };

typedef struct fixture {
    cf_framework *fw;
    cf_assessment *raters[RATERS];
} fixture;

static const support_rating self_ratings[] = {{"E1", 4}, {"E2", 1}, {"E3", 3},
                                              {"E4", 2}, {"E5", 3}, {"E6", 2},
                                              {"E7", 3}, {NULL, 0}};
static const support_rating manager_ratings[] = {
    {"E1", 2}, {"E2", 3}, {"E3", 3}, {"E5", 2},
    {"E6", 3}, {"E7", 2}, {NULL, 0}};
static const support_rating peer_ratings[] = {{"E1", 3}, {"E2", 2}, {"E3", 2},
                                              {"E5", 3}, {"E6", 2}, {NULL, 0}};
static const support_rating report_ratings[] = {
    {"E1", 2}, {"E2", 3}, {NULL, 0}};
static const support_rating norole_ratings[] = {{"E3", 4}, {NULL, 0}};

static const cf_role_weight weights[] = {{"manager", 2}, {"peer", 0.5}};

static void fixture_build(fixture *f, const cf_load_options *opts)
{
    f->fw = support_load_opts(framework_yaml, opts);
    f->raters[SELF] = support_assess_opts(f->fw, "sam", "sam", "self", NULL,
                                          self_ratings, opts);
    f->raters[MANAGER] = support_assess_opts(f->fw, "sam", "max", "manager",
                                             NULL, manager_ratings, opts);
    f->raters[PEER] = support_assess_opts(f->fw, "sam", "pat", "peer", NULL,
                                          peer_ratings, opts);
    f->raters[REPORT] = support_assess_opts(f->fw, "sam", "rob", "report", NULL,
                                            report_ratings, opts);
    f->raters[NOROLE] = support_assess_opts(f->fw, "sam", "nora", NULL, NULL,
                                            norole_ratings, opts);
}

static void fixture_free(fixture *f)
{
    size_t i;

    for (i = 0; i < RATERS; i++) {
        cf_assessment_free(f->raters[i]);
    }
    cf_framework_free(f->fw);
}

SUPPORT_FIXTURE_HOOKS(fixture, fixture_build, fixture_free)

static const cf_assessment *const *all(const fixture *f)
{
    return (const cf_assessment *const *)f->raters;
}

/* Consolidates with the manager 2 / peer 0.5 weights and a threshold. */
static cf_consolidation *consolidate(const fixture *f, double threshold)
{
    cf_consolidate_options opts = CF_CONSOLIDATE_OPTIONS_INIT;
    cf_consolidation *c = NULL;
    cf_error err;

    opts.role_weights = weights;
    opts.role_weight_count = sizeof weights / sizeof weights[0];
    opts.threshold = threshold;
    memset(&err, 0, sizeof err);
    support_fail_on(cf_consolidate(&c, all(f), RATERS, &opts, &err), &err,
                    "cf_consolidate");
    assert_non_null(c);
    return c;
}

static void test_weighted_means(void **state)
{
    fixture *f = *state;
    cf_consolidation *c = consolidate(f, 0);
    const cf_assessment *a = cf_consolidation_assessment(c);

    /* E1: self 4 (w 1), manager 2 (w 2), peer 3 (w 0.5), report 2 (w 1):
     * (4 + 4 + 1.5 + 2) / (1 + 2 + 0.5 + 1) = 11.5 / 4.5. */
    support_check_near(cf_assessment_level(a, E1), 11.5 / 4.5, "E1");
    /* E2: (1 + 6 + 1 + 3) / 4.5 = 11 / 4.5. */
    support_check_near(cf_assessment_level(a, E2), 11.0 / 4.5, "E2");
    /* E3: self 3, manager 3, peer 2, no role 4 (w 1):
     * (3 + 6 + 1 + 4) / 4.5 = 14 / 4.5. */
    support_check_near(cf_assessment_level(a, E3), 14.0 / 4.5, "E3");
    /* E4: self alone: 2. */
    support_check_near(cf_assessment_level(a, E4), 2, "E4");
    /* E5: (3 + 4 + 1.5) / 3.5 = 8.5 / 3.5. */
    support_check_near(cf_assessment_level(a, E5), 8.5 / 3.5, "E5");
    /* E6: (2 + 6 + 1) / 3.5 = 9 / 3.5. */
    support_check_near(cf_assessment_level(a, E6), 9.0 / 3.5, "E6");
    /* E7: (3 + 4) / 3 = 7 / 3. */
    support_check_near(cf_assessment_level(a, E7), 7.0 / 3.0, "E7");
    /* E8: nobody rated it. */
    assert_true(isnan(cf_assessment_level(a, E8)));
    assert_int_equal(cf_assessment_rated_count(a), 7);

    /* The consolidated assessment: same framework and subject, role
     * "consolidated", no rater, no date. */
    assert_ptr_equal(cf_assessment_framework(a), f->fw);
    assert_string_equal(cf_assessment_subject(a), "sam");
    assert_string_equal(cf_assessment_role(a), "consolidated");
    assert_null(cf_assessment_rater(a));
    assert_null(cf_assessment_date(a));
    cf_consolidation_free(c);
}

static void test_inputs(void **state)
{
    fixture *f = *state;
    cf_consolidation *c = consolidate(f, 0);
    double weight = 0;
    size_t i;

    /* The five raters, in the order given, with their role weights:
     * self 1 (unlisted), manager 2, peer 0.5, report 1 (unlisted), and the
     * rater with no role 1. */
    static const double expected[RATERS] = {1, 2, 0.5, 1, 1};
    assert_int_equal(cf_consolidation_input_count(c), RATERS);
    for (i = 0; i < RATERS; i++) {
        assert_ptr_equal(cf_consolidation_input(c, i, &weight), f->raters[i]);
        assert_true(weight == expected[i]);
    }
    assert_ptr_equal(cf_consolidation_input(c, 0, NULL), f->raters[0]);
    assert_null(cf_consolidation_input(c, RATERS, &weight));
    cf_consolidation_free(c);
}

static void test_default_weights(void **state)
{
    fixture *f = *state;
    cf_consolidation *c = NULL;
    cf_error err;

    memset(&err, 0, sizeof err);
    support_fail_on(cf_consolidate(&c, all(f), RATERS, NULL, &err), &err,
                    "cf_consolidate");
    /* Every weight 1. E1: (4 + 2 + 3 + 2) / 4 = 2.75; others
     * (2 + 3 + 2) / 3 = 7/3. */
    support_check_near(cf_assessment_level(cf_consolidation_assessment(c), E1),
                       2.75, "E1");
    support_check_near(cf_consolidation_others(c, E1), 7.0 / 3.0, "others E1");
    cf_consolidation_free(c);
}

static void test_raters_and_spread(void **state)
{
    fixture *f = *state;
    cf_consolidation *c = consolidate(f, 0);

    /* Raters per element, and spread = highest - lowest rating. */
    assert_int_equal(cf_consolidation_raters(c, E1), 4);
    support_check_near(cf_consolidation_spread(c, E1), 4 - 2, "spread E1");
    assert_int_equal(cf_consolidation_raters(c, E2), 4);
    support_check_near(cf_consolidation_spread(c, E2), 3 - 1, "spread E2");
    assert_int_equal(cf_consolidation_raters(c, E3), 4);
    support_check_near(cf_consolidation_spread(c, E3), 4 - 2, "spread E3");
    assert_int_equal(cf_consolidation_raters(c, E4), 1);
    support_check_near(cf_consolidation_spread(c, E4), 0, "spread E4");
    assert_int_equal(cf_consolidation_raters(c, E7), 2);
    support_check_near(cf_consolidation_spread(c, E7), 3 - 2, "spread E7");
    assert_int_equal(cf_consolidation_raters(c, E8), 0);
    assert_true(isnan(cf_consolidation_spread(c, E8)));
    cf_consolidation_free(c);
}

static void test_self_and_others(void **state)
{
    fixture *f = *state;
    cf_consolidation *c = consolidate(f, 0);

    /* E1: others (manager 2 x 2, peer 3 x 0.5, report 2 x 1) / 3.5
     * = 7.5 / 3.5 = 2.142857...; self 4; self - others = 1.857.... */
    support_check_near(cf_consolidation_self(c, E1), 4, "self E1");
    support_check_near(cf_consolidation_others(c, E1), 7.5 / 3.5, "others E1");
    support_check_near(cf_consolidation_self_minus_others(c, E1), 4 - 7.5 / 3.5,
                       "self - others E1");
    /* E2: others (6 + 1 + 3) / 3.5 = 10 / 3.5; self 1. */
    support_check_near(cf_consolidation_others(c, E2), 10.0 / 3.5, "others E2");
    support_check_near(cf_consolidation_self_minus_others(c, E2),
                       1 - 10.0 / 3.5, "self - others E2");
    /* E3: others (6 + 1 + 4) / 3.5 = 11 / 3.5 (the rating without a role
     * is one of the others). */
    support_check_near(cf_consolidation_others(c, E3), 11.0 / 3.5, "others E3");
    /* E4: self only: no others, so no difference. */
    support_check_near(cf_consolidation_self(c, E4), 2, "self E4");
    assert_true(isnan(cf_consolidation_others(c, E4)));
    assert_true(isnan(cf_consolidation_self_minus_others(c, E4)));
    /* E5: others (4 + 1.5) / 2.5 = 2.2; self 3: 0.8. */
    support_check_near(cf_consolidation_self_minus_others(c, E5), 0.8, "E5");
    /* E6: others (6 + 1) / 2.5 = 2.8; self 2: -0.8. */
    support_check_near(cf_consolidation_self_minus_others(c, E6), -0.8, "E6");
    /* E7: others 2 (manager alone); self 3: exactly 1. */
    support_check_near(cf_consolidation_self_minus_others(c, E7), 1, "E7");
    /* E8: nothing. */
    assert_true(isnan(cf_consolidation_self(c, E8)));
    assert_true(isnan(cf_consolidation_others(c, E8)));
    cf_consolidation_free(c);
}

static void test_flags_default_threshold(void **state)
{
    fixture *f = *state;
    cf_consolidation *c = consolidate(f, 0); /* 0: the default, 1 level */

    /* E1: self - others 1.857 >= 1: a blind spot. */
    assert_int_equal(cf_consolidation_flag(c, E1), CF_FLAG_BLIND_SPOT);
    /* E2: others - self 1.857 >= 1: a hidden strength. */
    assert_int_equal(cf_consolidation_flag(c, E2), CF_FLAG_HIDDEN_STRENGTH);
    /* E3: -0.14; E4: no others; E5 0.8 and E6 -0.8 are under 1. */
    assert_int_equal(cf_consolidation_flag(c, E3), CF_FLAG_NONE);
    assert_int_equal(cf_consolidation_flag(c, E4), CF_FLAG_NONE);
    assert_int_equal(cf_consolidation_flag(c, E5), CF_FLAG_NONE);
    assert_int_equal(cf_consolidation_flag(c, E6), CF_FLAG_NONE);
    /* E7: exactly 1 counts (>=). */
    assert_int_equal(cf_consolidation_flag(c, E7), CF_FLAG_BLIND_SPOT);
    assert_int_equal(cf_consolidation_flag(c, E8), CF_FLAG_NONE);
    cf_consolidation_free(c);
}

static void test_flags_half_level(void **state)
{
    fixture *f = *state;
    cf_consolidation *c = consolidate(f, 0.5);

    assert_int_equal(cf_consolidation_flag(c, E1), CF_FLAG_BLIND_SPOT);
    assert_int_equal(cf_consolidation_flag(c, E2), CF_FLAG_HIDDEN_STRENGTH);
    /* E3: |-0.14| < 0.5 still. */
    assert_int_equal(cf_consolidation_flag(c, E3), CF_FLAG_NONE);
    /* E5: 0.8 >= 0.5 is now a blind spot; E6: 0.8 a hidden strength. */
    assert_int_equal(cf_consolidation_flag(c, E5), CF_FLAG_BLIND_SPOT);
    assert_int_equal(cf_consolidation_flag(c, E6), CF_FLAG_HIDDEN_STRENGTH);
    assert_int_equal(cf_consolidation_flag(c, E7), CF_FLAG_BLIND_SPOT);
    cf_consolidation_free(c);
}

static void test_names_and_ranges(void **state)
{
    fixture *f = *state;
    cf_consolidation *c = consolidate(f, 0);

    assert_string_equal(cf_flag_name(CF_FLAG_NONE), "none");
    assert_string_equal(cf_flag_name(CF_FLAG_BLIND_SPOT), "blind_spot");
    assert_string_equal(cf_flag_name(CF_FLAG_HIDDEN_STRENGTH),
                        "hidden_strength");
    assert_null(cf_flag_name((cf_flag)3));
    assert_int_equal(cf_consolidation_raters(c, ELEMENTS), 0);
    assert_true(isnan(cf_consolidation_spread(c, ELEMENTS)));
    assert_true(isnan(cf_consolidation_self(c, ELEMENTS)));
    assert_true(isnan(cf_consolidation_others(c, ELEMENTS)));
    assert_true(isnan(cf_consolidation_self_minus_others(c, ELEMENTS)));
    assert_int_equal(cf_consolidation_flag(c, ELEMENTS), CF_FLAG_NONE);
    cf_consolidation_free(c);
}

/* The consolidated assessment outlives the consolidation with a ref. */
static void test_keep_assessment(void **state)
{
    fixture *f = *state;
    cf_consolidation *c = consolidate(f, 0);
    cf_assessment *a = cf_assessment_ref(cf_consolidation_assessment(c));

    cf_consolidation_free(c);
    support_check_near(cf_assessment_level(a, E7), 7.0 / 3.0, "E7");
    cf_assessment_free(a);
}

static void expect_failure(const cf_assessment *const *raters, size_t count,
                           const cf_consolidate_options *opts, int code,
                           cf_error *err)
{
    cf_consolidation *c = (cf_consolidation *)err; /* any non-NULL value */
    int rc;

    memset(err, 0, sizeof *err);
    rc = cf_consolidate(&c, raters, count, opts, err);
    support_check_fails(rc, code, c, err);
}

static void test_different_subjects(void **state)
{
    fixture *f = *state;
    cf_assessment *sue =
        support_assess(f->fw, "sue", "max", "manager", NULL, manager_ratings);
    const cf_assessment *pair[2];
    cf_error err;

    pair[0] = f->raters[SELF];
    pair[1] = sue;
    expect_failure(pair, 2, NULL, CF_EINVALID, &err);
    assert_non_null(strstr(err.message, "'sam'"));
    assert_non_null(strstr(err.message, "'sue'"));
    cf_assessment_free(sue);
}

static void test_different_frameworks(void **state)
{
    fixture *f = *state;
    cf_framework *other = support_load(framework_yaml);
    cf_assessment *elsewhere =
        support_assess(other, "sam", "pat", "peer", NULL, peer_ratings);
    const cf_assessment *pair[2];
    cf_error err;

    pair[0] = f->raters[SELF];
    pair[1] = elsewhere;
    expect_failure(pair, 2, NULL, CF_EINVALID, &err);
    assert_non_null(strstr(err.message, "'three-sixty'"));
    cf_assessment_free(elsewhere);
    cf_framework_free(other);
}

static void test_two_self_ratings(void **state)
{
    fixture *f = *state;
    cf_assessment *again =
        support_assess(f->fw, "sam", "sam", "self", NULL, report_ratings);
    const cf_assessment *three[3];
    cf_error err;

    three[0] = f->raters[SELF];
    three[1] = f->raters[PEER];
    three[2] = again;
    expect_failure(three, 3, NULL, CF_EINVALID, &err);
    assert_non_null(strstr(err.message, "self"));
    assert_non_null(strstr(err.message, "assessment 0"));
    assert_non_null(strstr(err.message, "assessment 2"));
    cf_assessment_free(again);
}

static void test_bad_options(void **state)
{
    static const double bad[] = {0, -1, INFINITY, -INFINITY, NAN};
    fixture *f = *state;
    cf_consolidate_options opts = CF_CONSOLIDATE_OPTIONS_INIT;
    cf_role_weight one[1];
    cf_role_weight twice[2] = {{"peer", 1}, {"peer", 2}};
    cf_error err;
    size_t k;

    for (k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        one[0].role = "manager";
        one[0].weight = bad[k];
        opts.role_weights = one;
        opts.role_weight_count = 1;
        expect_failure(all(f), RATERS, &opts, CF_EARG, &err);
        assert_non_null(strstr(err.message, "'manager'"));
    }
    /* A role without a name, a role given twice, a missing array. */
    one[0].role = NULL;
    one[0].weight = 1;
    expect_failure(all(f), RATERS, &opts, CF_EARG, &err);
    opts.role_weights = twice;
    opts.role_weight_count = 2;
    expect_failure(all(f), RATERS, &opts, CF_EARG, &err);
    assert_non_null(strstr(err.message, "'peer'"));
    opts.role_weights = NULL;
    expect_failure(all(f), RATERS, &opts, CF_EARG, &err);

    /* A negative or non-finite threshold; an unknown version. */
    opts.role_weight_count = 0;
    opts.threshold = -1;
    expect_failure(all(f), RATERS, &opts, CF_EARG, &err);
    opts.threshold = NAN;
    expect_failure(all(f), RATERS, &opts, CF_EARG, &err);
    opts.threshold = 1;
    opts.version = 2;
    expect_failure(all(f), RATERS, &opts, CF_EARG, &err);
}

static void test_bad_arguments(void **state)
{
    fixture *f = *state;
    const cf_assessment *with_null[2];
    cf_error err;

    expect_failure(all(f), 0, NULL, CF_EARG, &err);
    expect_failure(NULL, 2, NULL, CF_EARG, &err);
    with_null[0] = f->raters[SELF];
    with_null[1] = NULL;
    expect_failure(with_null, 2, NULL, CF_EARG, &err);
    assert_int_equal(cf_consolidate(NULL, all(f), RATERS, NULL, NULL), CF_EARG);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_weighted_means),
        T(test_default_weights),
        T(test_inputs),
        T(test_raters_and_spread),
        T(test_self_and_others),
        T(test_flags_default_threshold),
        T(test_flags_half_level),
        T(test_names_and_ranges),
        T(test_keep_assessment),
        T(test_different_subjects),
        T(test_different_frameworks),
        T(test_two_self_ratings),
        T(test_bad_options),
        T(test_bad_arguments),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
