/*
 * Progress (cf_progress_analyze): scores before and after, the change and
 * its trend per element, and the fit against a profile before and after.
 * Inputs are built with the public API.
 *
 * The framework: scale 1..4 (v normalises to (v - 1) / 3); elements in
 * pre-order A (mean of A.1, A.2), A.1, A.2, B, C, D, E, F (mean of F.1,
 * F.2), F.1, F.2.
 *
 *          before   after
 *   A.1       2       3
 *   A.2       2       4
 *   B         3       3
 *   C         2       1
 *   D         -       2
 *   E         -       -
 *   F.1       1       3
 *   F.2       4       2
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
    "  id: growth\n"
    "  title: Growth\n"
    "  scales:\n"
    "    - id: p\n" SUPPORT_YAML_LEVELS_1_TO_4 "  elements:\n"
    "    - id: A\n"
    "      title: Alpha\n"
    "      children:\n"
    "        - {id: A.1, title: One}\n"
    "        - {id: A.2, title: Two}\n"
    "    - {id: B, title: Beta}\n"
    "    - {id: C, title: Gamma}\n"
    "    - {id: D, title: Delta}\n"
    "    - {id: E, title: Epsilon}\n"
    "    - id: F\n"
    "      title: Phi\n"
    "      children:\n"
    "        - {id: F.1, title: One}\n"
    "        - {id: F.2, title: Two}\n";

enum { A, A1, A2, B, C, D, E, F, F1, F2, ELEMENTS };

typedef struct fixture {
    cf_framework *fw;
    cf_assessment *before;
    cf_assessment *after;
    cf_profile *profile;
} fixture;

static const support_rating before_ratings[] = {
    {"A.1", 2}, {"A.2", 2}, {"B", 3}, {"C", 2},
    {"F.1", 1}, {"F.2", 4}, {NULL, 0}};
static const support_rating after_ratings[] = {
    {"A.1", 3}, {"A.2", 4}, {"B", 3},   {"C", 1},
    {"D", 2},   {"F.1", 3}, {"F.2", 2}, {NULL, 0}};

/*
 * The profile: A 3 (importance 1), B 3 (1, critical), D 2 (2). Required
 * normalised: A 2/3, B 2/3, D 1/3; sum(I * Ln) = 2/3 + 2/3 + 2/3 = 2.
 */
static const support_target senior_targets[] = {
    {"A", 3, 1, 0}, {"B", 3, 1, 1}, {"D", 2, 2, 0}, {NULL, 0, 0, 0}};

static void fixture_build(fixture *f, const cf_load_options *opts)
{
    f->fw = support_load_opts(framework_yaml, opts);
    f->before = support_assess_opts(f->fw, "kim", NULL, NULL, "2025-11-01",
                                    before_ratings, opts);
    f->after = support_assess_opts(f->fw, "kim", NULL, NULL, "2026-11-01",
                                   after_ratings, opts);
    f->profile =
        support_profile_opts(f->fw, "senior", NULL, senior_targets, opts);
}

static void fixture_free(fixture *f)
{
    cf_assessment_free(f->before);
    cf_assessment_free(f->after);
    cf_profile_free(f->profile);
    cf_framework_free(f->fw);
}

SUPPORT_FIXTURE_HOOKS(fixture, fixture_build, fixture_free)

static cf_progress_report *analyze(const fixture *f, const cf_profile *p)
{
    cf_progress_report *r = NULL;
    cf_error err;

    memset(&err, 0, sizeof err);
    support_fail_on(cf_progress_analyze(&r, f->before, f->after, p, NULL, &err),
                    &err, "cf_progress_analyze");
    assert_non_null(r);
    return r;
}

static void test_changes(void **state)
{
    fixture *f = *state;
    cf_progress_report *r = analyze(f, NULL);

    /* A: the mean of its children, (2 + 2) / 2 = 2, then (3 + 4) / 2 =
     * 3.5: +1.5. */
    support_check_near(cf_progress_report_before(r, A), 2, "before A");
    support_check_near(cf_progress_report_after(r, A), 3.5, "after A");
    support_check_near(cf_progress_report_change(r, A), 1.5, "change A");
    /* A.1 2 -> 3, A.2 2 -> 4. */
    support_check_near(cf_progress_report_change(r, A1), 1, "change A.1");
    support_check_near(cf_progress_report_change(r, A2), 2, "change A.2");
    /* B 3 -> 3; C 2 -> 1. */
    support_check_near(cf_progress_report_change(r, B), 0, "change B");
    support_check_near(cf_progress_report_before(r, C), 2, "before C");
    support_check_near(cf_progress_report_after(r, C), 1, "after C");
    support_check_near(cf_progress_report_change(r, C), -1, "change C");
    /* F: (1 + 4) / 2 = 2.5, then (3 + 2) / 2 = 2.5: no change, although
     * F.1 rose by 2 and F.2 fell by 2. */
    support_check_near(cf_progress_report_before(r, F), 2.5, "before F");
    support_check_near(cf_progress_report_after(r, F), 2.5, "after F");
    support_check_near(cf_progress_report_change(r, F), 0, "change F");
    support_check_near(cf_progress_report_change(r, F1), 2, "change F.1");
    support_check_near(cf_progress_report_change(r, F2), -2, "change F.2");
    cf_progress_report_free(r);
}

static void test_trends(void **state)
{
    fixture *f = *state;
    cf_progress_report *r = analyze(f, NULL);

    assert_int_equal(cf_progress_report_trend(r, A), CF_TREND_IMPROVED);
    assert_int_equal(cf_progress_report_trend(r, A1), CF_TREND_IMPROVED);
    assert_int_equal(cf_progress_report_trend(r, A2), CF_TREND_IMPROVED);
    assert_int_equal(cf_progress_report_trend(r, B), CF_TREND_UNCHANGED);
    assert_int_equal(cf_progress_report_trend(r, C), CF_TREND_DECLINED);
    /* F: 0.5 normalised both times, whatever the rounding of
     * (2/3 + 1/3) / 2: within 1e-9 of the range, so unchanged. */
    assert_int_equal(cf_progress_report_trend(r, F), CF_TREND_UNCHANGED);
    assert_int_equal(cf_progress_report_trend(r, F1), CF_TREND_IMPROVED);
    assert_int_equal(cf_progress_report_trend(r, F2), CF_TREND_DECLINED);
    cf_progress_report_free(r);
}

static void test_unscored(void **state)
{
    fixture *f = *state;
    cf_progress_report *r = analyze(f, NULL);

    /* D: unrated before, 2 after: no change known. */
    assert_true(isnan(cf_progress_report_before(r, D)));
    support_check_near(cf_progress_report_after(r, D), 2, "after D");
    assert_true(isnan(cf_progress_report_change(r, D)));
    assert_int_equal(cf_progress_report_trend(r, D), CF_TREND_UNSCORED);
    /* E: unrated both times. */
    assert_true(isnan(cf_progress_report_before(r, E)));
    assert_true(isnan(cf_progress_report_after(r, E)));
    assert_true(isnan(cf_progress_report_change(r, E)));
    assert_int_equal(cf_progress_report_trend(r, E), CF_TREND_UNSCORED);
    /* Past the end. */
    assert_true(isnan(cf_progress_report_before(r, ELEMENTS)));
    assert_true(isnan(cf_progress_report_after(r, ELEMENTS)));
    assert_true(isnan(cf_progress_report_change(r, ELEMENTS)));
    assert_int_equal(cf_progress_report_trend(r, ELEMENTS), CF_TREND_UNSCORED);
    /* Without a profile there is no fit. */
    assert_true(isnan(cf_progress_report_fit_before(r)));
    assert_true(isnan(cf_progress_report_fit_after(r)));
    cf_progress_report_free(r);
}

static void test_reports_its_inputs(void **state)
{
    fixture *f = *state;
    cf_progress_report *with = analyze(f, f->profile);
    cf_progress_report *without = analyze(f, NULL);

    assert_ptr_equal(cf_progress_report_before_assessment(with), f->before);
    assert_ptr_equal(cf_progress_report_after_assessment(with), f->after);
    assert_ptr_equal(cf_progress_report_profile(with), f->profile);
    assert_null(cf_progress_report_profile(without));
    cf_progress_report_free(with);
    cf_progress_report_free(without);
}

static void test_fit(void **state)
{
    fixture *f = *state;
    cf_progress_report *r = analyze(f, f->profile);

    /* Before: A 2 -> An 1/3, min(1/3, 2/3) = 1/3; B 3 -> 2/3; D
     * unassessed 0. (1/3 + 2/3 + 2 x 0) / 2 = 0.5. */
    support_check_near(cf_progress_report_fit_before(r), 0.5, "fit before");
    /* After: A 3.5 -> 5/6, capped at 2/3; B 2/3; D 2 -> 1/3, 2 x 1/3.
     * (2/3 + 2/3 + 2/3) / 2 = 1. */
    support_check_near(cf_progress_report_fit_after(r), 1, "fit after");
    /* The scores are the same as without a profile. */
    support_check_near(cf_progress_report_change(r, A), 1.5, "change A");
    cf_progress_report_free(r);
}

/* Under CF_MISSING_ZERO an unrated child counts as the bottom level. */
static void test_missing_zero(void **state)
{
    static const support_rating only_a1[] = {{"A.1", 4}, {NULL, 0}};
    static const support_rating both[] = {{"A.1", 4}, {"A.2", 4}, {NULL, 0}};
    fixture *f = *state;
    cf_assessment *before =
        support_assess(f->fw, "lee", NULL, NULL, "2025-01-01", only_a1);
    cf_assessment *after =
        support_assess(f->fw, "lee", NULL, NULL, "2026-01-01", both);
    cf_score_options opts = CF_SCORE_OPTIONS_INIT;
    cf_progress_report *r = NULL;
    cf_error err;

    memset(&err, 0, sizeof err);
    /* Skipping: A is 4 before (A.1 alone) and 4 after: unchanged. */
    support_fail_on(cf_progress_analyze(&r, before, after, NULL, &opts, &err),
                    &err, "skip");
    assert_int_equal(cf_progress_report_trend(r, A), CF_TREND_UNCHANGED);
    cf_progress_report_free(r);
    /* Zero: before A = (1 + 0) / 2 normalised = 0.5, 2.5 in levels: +1.5. */
    opts.missing = CF_MISSING_ZERO;
    support_fail_on(cf_progress_analyze(&r, before, after, NULL, &opts, &err),
                    &err, "zero");
    support_check_near(cf_progress_report_before(r, A), 2.5, "before A");
    support_check_near(cf_progress_report_change(r, A), 1.5, "change A");
    assert_int_equal(cf_progress_report_trend(r, A), CF_TREND_IMPROVED);
    cf_progress_report_free(r);
    cf_assessment_free(before);
    cf_assessment_free(after);
}

/* The report holds its inputs: it outlives the caller's references. */
static void test_holds_references(void **state)
{
    fixture *f = *state;
    cf_progress_report *r = analyze(f, f->profile);

    cf_assessment_free(f->before);
    cf_assessment_free(f->after);
    cf_profile_free(f->profile);
    f->before = f->after = NULL;
    f->profile = NULL;
    support_check_near(cf_progress_report_change(r, A2), 2, "change A.2");
    support_check_near(cf_progress_report_fit_after(r), 1, "fit after");
    cf_progress_report_free(r);
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(cf_trend_name(CF_TREND_UNCHANGED), "unchanged");
    assert_string_equal(cf_trend_name(CF_TREND_IMPROVED), "improved");
    assert_string_equal(cf_trend_name(CF_TREND_DECLINED), "declined");
    assert_string_equal(cf_trend_name(CF_TREND_UNSCORED), "unscored");
    assert_null(cf_trend_name((cf_trend)4));
}

static void expect_failure(const cf_assessment *before,
                           const cf_assessment *after, const cf_profile *p,
                           const cf_score_options *opts, int code,
                           cf_error *err)
{
    cf_progress_report *r = (cf_progress_report *)err; /* any non-NULL */
    int rc;

    memset(err, 0, sizeof *err);
    rc = cf_progress_analyze(&r, before, after, p, opts, err);
    support_check_fails(rc, code, r, err);
}

static void test_errors(void **state)
{
    fixture *f = *state;
    cf_assessment *someone_else =
        support_assess(f->fw, "max", NULL, NULL, "2026-11-01", after_ratings);
    cf_framework *other = support_load(framework_yaml);
    cf_assessment *elsewhere =
        support_assess(other, "kim", NULL, NULL, "2026-11-01", after_ratings);
    cf_profile *other_profile =
        support_profile_opts(other, "senior", NULL, senior_targets, NULL);
    cf_score_options bad = CF_SCORE_OPTIONS_INIT;
    cf_error err;

    /* Another subject: the message names both. */
    expect_failure(f->before, someone_else, NULL, NULL, CF_EINVALID, &err);
    assert_non_null(strstr(err.message, "'kim'"));
    assert_non_null(strstr(err.message, "'max'"));
    /* Another load of the framework, for an assessment or the profile. */
    expect_failure(f->before, elsewhere, NULL, NULL, CF_EINVALID, &err);
    assert_non_null(strstr(err.message, "'growth'"));
    expect_failure(f->before, f->after, other_profile, NULL, CF_EINVALID, &err);
    assert_non_null(strstr(err.message, "'senior'"));
    /* Arguments. */
    expect_failure(NULL, f->after, NULL, NULL, CF_EARG, &err);
    expect_failure(f->before, NULL, NULL, NULL, CF_EARG, &err);
    assert_int_equal(
        cf_progress_analyze(NULL, f->before, f->after, NULL, NULL, NULL),
        CF_EARG);
    bad.version = 7;
    expect_failure(f->before, f->after, NULL, &bad, CF_EARG, &err);
    bad.version = CF_SCORE_OPTIONS_VERSION;
    bad.missing = (cf_missing)5;
    expect_failure(f->before, f->after, NULL, &bad, CF_EARG, &err);

    cf_profile_free(other_profile);
    cf_assessment_free(elsewhere);
    cf_framework_free(other);
    cf_assessment_free(someone_else);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_changes),
        T(test_trends),
        T(test_unscored),
        T(test_fit),
        T(test_reports_its_inputs),
        T(test_missing_zero),
        T(test_holds_references),
        cmocka_unit_test(test_names),
        T(test_errors),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
