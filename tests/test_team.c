/*
 * Team reports (cf_team_analyze): per-target bench strength, single points
 * of failure, per-person fit and readiness, the ranking, and the errors.
 * Inputs are built with the public API.
 *
 * The framework: scale 1..4, so a level v normalises to (v - 1) / 3.
 * Elements in pre-order: A (mean of A.1, A.2), A.1, A.2, B, C, D.
 *
 * The profile "lead", with L the required level and Ln = (L - 1) / 3:
 *   A: L 4, importance 1           Ln 1
 *   B: L 3, importance 2, critical Ln 2/3
 *   C: L 2, importance 1           Ln 1/3
 *   D: L 4, importance 1           Ln 1
 * sum(I * Ln) = 1 + 4/3 + 1/3 + 1 = 11/3.
 *
 * The people (given in the order dan, cat, bob, ann):
 *   ann: A.1 3, A.2 4 (A 3.5), B 3, C 1, D 2
 *   bob: A.1 2, A.2 2 (A 2),   B 4, C 2, D 3
 *   cat: A.1 4        (A 4),   B 2, C and D unrated
 *   dan: as bob
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
    "  id: team\n"
    "  title: Team\n"
    "  scales:\n"
    "    - id: p\n" SUPPORT_YAML_LEVELS_1_TO_4 "  elements:\n"
    "    - id: A\n"
    "      title: Alpha\n"
    "      children:\n"
    "        - {id: A.1, title: One}\n"
    "        - {id: A.2, title: Two}\n"
    "    - {id: B, title: Beta}\n"
    "    - {id: C, title: Gamma}\n"
    "    - {id: D, title: Delta}\n";

/* Indexes of the people in the order given. */
enum { DAN, CAT, BOB, ANN, PEOPLE };

/* Indexes of the profile's targets. */
enum { T_A, T_B, T_C, T_D, TARGETS };

typedef struct fixture {
    cf_framework *fw;
    cf_profile *profile;
    cf_assessment *people[PEOPLE];
} fixture;

static const support_rating ann_ratings[] = {{"A.1", 3}, {"A.2", 4}, {"B", 3},
                                             {"C", 1},   {"D", 2},   {NULL, 0}};
static const support_rating bob_ratings[] = {{"A.1", 2}, {"A.2", 2}, {"B", 4},
                                             {"C", 2},   {"D", 3},   {NULL, 0}};
static const support_rating cat_ratings[] = {{"A.1", 4}, {"B", 2}, {NULL, 0}};

/* The profile "lead" (see the top of the file). */
static const support_target lead_targets[] = {{"A", 4, 1, 0},
                                              {"B", 3, 2, 1},
                                              {"C", 2, 1, 0},
                                              {"D", 4, 1, 0},
                                              {NULL, 0, 0, 0}};

/* Loads everything with opts (NULL: defaults), so through its allocator. */
static void fixture_build(fixture *f, const cf_load_options *opts)
{
    f->fw = support_load_opts(framework_yaml, opts);
    f->profile =
        support_profile_opts(f->fw, "lead", "Team lead", lead_targets, opts);
    f->people[DAN] =
        support_assess_opts(f->fw, "dan", NULL, NULL, NULL, bob_ratings, opts);
    f->people[CAT] =
        support_assess_opts(f->fw, "cat", NULL, NULL, NULL, cat_ratings, opts);
    f->people[BOB] =
        support_assess_opts(f->fw, "bob", NULL, NULL, NULL, bob_ratings, opts);
    f->people[ANN] =
        support_assess_opts(f->fw, "ann", NULL, NULL, NULL, ann_ratings, opts);
}

static void fixture_free(fixture *f)
{
    size_t i;

    for (i = 0; i < PEOPLE; i++) {
        cf_assessment_free(f->people[i]);
    }
    cf_profile_free(f->profile);
    cf_framework_free(f->fw);
}

SUPPORT_FIXTURE_HOOKS(fixture, fixture_build, fixture_free)

static cf_team_report *analyze(fixture *f)
{
    cf_team_report *r = NULL;
    cf_error err;

    memset(&err, 0, sizeof err);
    support_fail_on(cf_team_analyze(&r, (const cf_assessment *const *)f->people,
                                    PEOPLE, f->profile, NULL, &err),
                    &err, "cf_team_analyze");
    assert_non_null(r);
    return r;
}

static void test_targets(void **state)
{
    fixture *f = *state;
    cf_team_report *r = analyze(f);

    assert_ptr_equal(cf_team_report_profile(r), f->profile);
    assert_int_equal(cf_team_report_target_count(r), TARGETS);
    assert_ptr_equal(cf_team_report_element(r, T_A),
                     cf_framework_find(f->fw, "A"));
    assert_ptr_equal(cf_team_report_element(r, T_D),
                     cf_framework_find(f->fw, "D"));

    /* A (L 4): dan 2, cat 4, bob 2, ann (3 + 4) / 2 = 3.5; all assessed.
     * Mean (2 + 4 + 2 + 3.5) / 4 = 11.5 / 4 = 2.875; only cat meets 4. */
    assert_int_equal(cf_team_report_assessed(r, T_A), 4);
    support_check_near(cf_team_report_mean(r, T_A), 2.875, "mean A");
    support_check_near(cf_team_report_min(r, T_A), 2, "min A");
    support_check_near(cf_team_report_max(r, T_A), 4, "max A");
    assert_int_equal(cf_team_report_meeting(r, T_A), 1);

    /* B (L 3): 4, 2, 4, 3: mean 13 / 4 = 3.25; dan, bob, ann meet it. */
    assert_int_equal(cf_team_report_assessed(r, T_B), 4);
    support_check_near(cf_team_report_mean(r, T_B), 3.25, "mean B");
    support_check_near(cf_team_report_min(r, T_B), 2, "min B");
    support_check_near(cf_team_report_max(r, T_B), 4, "max B");
    assert_int_equal(cf_team_report_meeting(r, T_B), 3);

    /* C (L 2): dan 2, cat unrated, bob 2, ann 1: three assessed, mean
     * 5 / 3; dan and bob meet it. */
    assert_int_equal(cf_team_report_assessed(r, T_C), 3);
    support_check_near(cf_team_report_mean(r, T_C), 5.0 / 3.0, "mean C");
    support_check_near(cf_team_report_min(r, T_C), 1, "min C");
    support_check_near(cf_team_report_max(r, T_C), 2, "max C");
    assert_int_equal(cf_team_report_meeting(r, T_C), 2);

    /* D (L 4): dan 3, cat unrated, bob 3, ann 2: mean 8 / 3; nobody has
     * 4. */
    assert_int_equal(cf_team_report_assessed(r, T_D), 3);
    support_check_near(cf_team_report_mean(r, T_D), 8.0 / 3.0, "mean D");
    support_check_near(cf_team_report_min(r, T_D), 2, "min D");
    support_check_near(cf_team_report_max(r, T_D), 3, "max D");
    assert_int_equal(cf_team_report_meeting(r, T_D), 0);

    /* Out of range: nothing, without undefined behaviour. */
    assert_null(cf_team_report_element(r, TARGETS));
    assert_int_equal(cf_team_report_assessed(r, TARGETS), 0);
    assert_true(isnan(cf_team_report_mean(r, TARGETS)));
    assert_true(isnan(cf_team_report_min(r, TARGETS)));
    assert_true(isnan(cf_team_report_max(r, TARGETS)));
    assert_int_equal(cf_team_report_meeting(r, TARGETS), 0);
    assert_false(cf_team_report_single_point(r, TARGETS));
    cf_team_report_free(r);
}

static void test_single_points(void **state)
{
    fixture *f = *state;
    cf_team_report *r = analyze(f);

    /* A is met by one person (cat) and D by nobody: both are single points
     * of failure. B (3 people) and C (2) are not. */
    assert_true(cf_team_report_single_point(r, T_A));
    assert_false(cf_team_report_single_point(r, T_B));
    assert_false(cf_team_report_single_point(r, T_C));
    assert_true(cf_team_report_single_point(r, T_D));
    cf_team_report_free(r);
}

static void test_people(void **state)
{
    fixture *f = *state;
    cf_team_report *r = analyze(f);
    size_t i;

    assert_int_equal(cf_team_report_person_count(r), PEOPLE);
    for (i = 0; i < PEOPLE; i++) {
        assert_ptr_equal(cf_gap_report_assessment(cf_team_report_person(r, i)),
                         f->people[i]);
    }
    assert_null(cf_team_report_person(r, PEOPLE));

    /* Fit = sum(I * min(An, Ln)) / (11/3), An = (A - 1) / 3:
     * bob, dan: A 1/3, B 2 * 2/3, C 1/3, D 2/3: 8/3 -> 8/11.
     * ann: A min(5/6, 1) = 5/6, B 2 * 2/3, C 0, D 1/3: 5/2 -> 15/22.
     * cat: A 1, B 2 * 1/3, C and D unassessed 0: 5/3 -> 5/11. */
    support_check_near(cf_gap_report_fit(cf_team_report_person(r, BOB)),
                       8.0 / 11.0, "fit bob");
    support_check_near(cf_gap_report_fit(cf_team_report_person(r, DAN)),
                       8.0 / 11.0, "fit dan");
    support_check_near(cf_gap_report_fit(cf_team_report_person(r, ANN)),
                       15.0 / 22.0, "fit ann");
    support_check_near(cf_gap_report_fit(cf_team_report_person(r, CAT)),
                       5.0 / 11.0, "fit cat");

    /* Ready: the critical B (L 3) is met by ann (3), bob and dan (4), not
     * by cat (2). */
    assert_true(cf_gap_report_ready(cf_team_report_person(r, ANN)));
    assert_true(cf_gap_report_ready(cf_team_report_person(r, BOB)));
    assert_true(cf_gap_report_ready(cf_team_report_person(r, DAN)));
    assert_false(cf_gap_report_ready(cf_team_report_person(r, CAT)));

    /* Unmet targets: ann A, C, D; bob and dan A, D; cat B, C, D. */
    assert_int_equal(
        cf_gap_report_priority_count(cf_team_report_person(r, ANN)), 3);
    assert_int_equal(
        cf_gap_report_priority_count(cf_team_report_person(r, BOB)), 2);
    assert_int_equal(
        cf_gap_report_priority_count(cf_team_report_person(r, DAN)), 2);
    assert_int_equal(
        cf_gap_report_priority_count(cf_team_report_person(r, CAT)), 3);
    cf_team_report_free(r);
}

static void test_ranking(void **state)
{
    fixture *f = *state;
    cf_team_report *r = analyze(f);

    /* bob and dan tie at 8/11 (the same ratings): "bob" < "dan" puts bob
     * first although dan was given first. Then ann 15/22 = 0.68..., then
     * cat 5/11 = 0.45.... */
    assert_int_equal(cf_team_report_rank(r, 0), BOB);
    assert_int_equal(cf_team_report_rank(r, 1), DAN);
    assert_int_equal(cf_team_report_rank(r, 2), ANN);
    assert_int_equal(cf_team_report_rank(r, 3), CAT);
    assert_int_equal(cf_team_report_rank(r, PEOPLE), SIZE_MAX);
    cf_team_report_free(r);
}

/* One person: every target met by at most one person. */
static void test_one_person(void **state)
{
    fixture *f = *state;
    const cf_assessment *one[1];
    cf_team_report *r = NULL;
    cf_error err;

    one[0] = f->people[ANN];
    memset(&err, 0, sizeof err);
    support_fail_on(cf_team_analyze(&r, one, 1, f->profile, NULL, &err), &err,
                    "cf_team_analyze");
    /* ann meets B only: B's meeting is 1, the others 0. */
    assert_int_equal(cf_team_report_meeting(r, T_B), 1);
    assert_int_equal(cf_team_report_meeting(r, T_A), 0);
    support_check_near(cf_team_report_mean(r, T_A), 3.5, "mean A");
    assert_true(cf_team_report_single_point(r, T_B));
    assert_int_equal(cf_team_report_rank(r, 0), 0);
    cf_team_report_free(r);
}

/* Under CF_MISSING_ZERO cat's A is the mean of A.1 (1) and A.2 (0):
 * normalised 0.5, 2.5 in levels, so A's mean becomes (2+2.5+2+3.5)/4. */
static void test_missing_zero(void **state)
{
    fixture *f = *state;
    cf_score_options opts = CF_SCORE_OPTIONS_INIT;
    cf_team_report *r = NULL;
    cf_error err;

    opts.missing = CF_MISSING_ZERO;
    memset(&err, 0, sizeof err);
    support_fail_on(cf_team_analyze(&r, (const cf_assessment *const *)f->people,
                                    PEOPLE, f->profile, &opts, &err),
                    &err, "cf_team_analyze");
    support_check_near(cf_team_report_mean(r, T_A), 10.0 / 4.0, "mean A");
    assert_int_equal(cf_team_report_meeting(r, T_A), 0);
    cf_team_report_free(r);
}

/* Fails with code; no report comes back; err holds a message. */
static void expect_failure(const cf_assessment *const *people, size_t count,
                           const cf_profile *p, const cf_score_options *opts,
                           int code, cf_error *err)
{
    cf_team_report *r = (cf_team_report *)err; /* any non-NULL value */
    int rc;

    memset(err, 0, sizeof *err);
    rc = cf_team_analyze(&r, people, count, p, opts, err);
    support_check_fails(rc, code, r, err);
}

static void test_duplicate_subject(void **state)
{
    fixture *f = *state;
    cf_assessment *again =
        support_assess(f->fw, "bob", NULL, NULL, NULL, cat_ratings);
    const cf_assessment *people[3];
    cf_error err;

    people[0] = f->people[BOB];
    people[1] = f->people[ANN];
    people[2] = again;
    expect_failure(people, 3, f->profile, NULL, CF_EINVALID, &err);
    /* Built, not loaded: the message names the subject and both indexes. */
    assert_non_null(strstr(err.message, "'bob'"));
    assert_non_null(strstr(err.message, "assessment 0"));
    assert_non_null(strstr(err.message, "assessment 2"));
    cf_assessment_free(again);
}

static void test_duplicate_subject_loaded(void **state)
{
    static const char yaml[] = "assessment:\n"
                               "  subject: eve\n"
                               "  ratings: {B: 3}\n"
                               "---\n"
                               "assessment:\n"
                               "  subject: fay\n"
                               "---\n"
                               "assessment:\n"
                               "  subject: eve\n"
                               "  ratings: {B: 4}\n";
    fixture *f = *state;
    cf_assessment_list *list = NULL;
    const cf_assessment *people[3];
    cf_error err;
    size_t i;

    memset(&err, 0, sizeof err);
    support_fail_on(cf_assessment_list_load_buffer(&list, f->fw, yaml,
                                                   sizeof yaml - 1, "team.yaml",
                                                   CF_FORMAT_YAML, NULL, &err),
                    &err, "cf_assessment_list_load_buffer");
    assert_int_equal(cf_assessment_list_count(list), 3);
    for (i = 0; i < 3; i++) {
        people[i] = cf_assessment_list_get(list, i);
    }
    expect_failure(people, 3, f->profile, NULL, CF_EINVALID, &err);
    /* Loaded: the message names both places as source:line. */
    assert_non_null(strstr(err.message, "'eve'"));
    assert_non_null(strstr(err.message, "team.yaml:"));
    assert_non_null(
        strstr(strstr(err.message, "team.yaml:") + 1, "team.yaml:"));
    cf_assessment_list_free(list);
}

static void test_errors(void **state)
{
    fixture *f = *state;
    const cf_assessment *const *people =
        (const cf_assessment *const *)f->people;
    const cf_assessment *with_null[2];
    cf_score_options bad_opts = CF_SCORE_OPTIONS_INIT;
    cf_framework *other = support_load(framework_yaml);
    cf_assessment *stranger = NULL;
    const cf_assessment *mixed[2];
    cf_error err;

    /* No people at all. */
    expect_failure(people, 0, f->profile, NULL, CF_EARG, &err);
    assert_non_null(strstr(err.message, "0"));
    expect_failure(NULL, 2, f->profile, NULL, CF_EARG, &err);
    expect_failure(people, PEOPLE, NULL, NULL, CF_EARG, &err);
    assert_int_equal(
        cf_team_analyze(NULL, people, PEOPLE, f->profile, NULL, NULL), CF_EARG);
    with_null[0] = f->people[ANN];
    with_null[1] = NULL;
    expect_failure(with_null, 2, f->profile, NULL, CF_EARG, &err);
    bad_opts.version = 99;
    expect_failure(people, PEOPLE, f->profile, &bad_opts, CF_EARG, &err);

    /* An assessment against another load of the framework. */
    stranger = support_assess(other, "gus", NULL, NULL, NULL, cat_ratings);
    mixed[0] = f->people[ANN];
    mixed[1] = stranger;
    expect_failure(mixed, 2, f->profile, NULL, CF_EINVALID, &err);
    assert_non_null(strstr(err.message, "'gus'"));
    assert_non_null(strstr(err.message, "'team'"));
    cf_assessment_free(stranger);
    cf_framework_free(other);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_targets),
        T(test_single_points),
        T(test_people),
        T(test_ranking),
        T(test_one_person),
        T(test_missing_zero),
        T(test_duplicate_subject),
        T(test_duplicate_subject_loaded),
        T(test_errors),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
