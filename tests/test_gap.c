/*
 * Individual gap reports (DESIGN section 4): per-target numbers, status,
 * inputs and explanations; fit with importance; readiness; priorities;
 * the SOLS framework with a realistic profile; allocation failures.
 * Every expected number is worked out in a comment.
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
#include "internal.h"
#include "support.h"
#include "support_alloc.h"
#include "support_score.h"

/*
 * One scale, 0..4, so that a level v normalises to v / 4 exactly and the
 * sums below are exact in binary. Pre-order indexes: A 0, A.1 1, A.2 2,
 * A.3 3, B 4, B.1 5, B.2 6, C 7, C.1 8, C.2 9, D 10, D.1 11, E 12, F 13,
 * F.1 14, F.2 15, F.3 16, G 17, G.1 18, G.1.1 19, G.1.2 20, G.2 21, H 22.
 */
static const char framework_yaml[] =
    "framework:\n"
    "  id: gaps\n"
    "  title: Gaps\n"
    "  scales:\n"
    "    - id: five\n" SUPPORT_YAML_LEVELS_0_TO_4 "  elements:\n"
    "    - id: A\n"
    "      title: Weighted mean\n"
    "      children:\n"
    "        - {id: A.1, title: One}\n"
    "        - {id: A.2, title: Two, weight: 3}\n"
    "        - {id: A.3, title: Three}\n"
    "    - id: B\n"
    "      title: Lowest\n"
    "      rollup: min\n"
    "      children:\n"
    "        - {id: B.1, title: One}\n"
    "        - {id: B.2, title: Two}\n"
    "    - id: C\n"
    "      title: Highest\n"
    "      rollup: max\n"
    "      children:\n"
    "        - {id: C.1, title: One}\n"
    "        - {id: C.2, title: Two}\n"
    "    - id: D\n"
    "      title: Never rated\n"
    "      children:\n"
    "        - {id: D.1, title: One}\n"
    "    - {id: E, title: A leaf}\n"
    "    - id: F\n"
    "      title: Awkward weights\n"
    "      children:\n"
    "        - {id: F.1, title: One, weight: 0.1}\n"
    "        - {id: F.2, title: Two, weight: 0.2}\n"
    "        - {id: F.3, title: Three, weight: 0.3}\n"
    "    - id: G\n"
    "      title: Nested\n"
    "      children:\n"
    "        - id: G.1\n"
    "          title: Inner\n"
    "          children:\n"
    "            - {id: G.1.1, title: One}\n"
    "            - {id: G.1.2, title: Two}\n"
    "        - {id: G.2, title: Two}\n"
    "    - {id: H, title: An unrated leaf}\n";

struct fixture {
    cf_framework *fw;
    cf_assessment *a;
    cf_profile *p;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    cf_error err;

    assert_non_null(f);
    f->fw = support_load(framework_yaml);
    assert_int_equal(cf_assessment_new(&f->a, f->fw, "jdoe", NULL, &err),
                     CF_OK);
    assert_int_equal(cf_profile_new(&f->p, f->fw, "role", NULL, NULL, &err),
                     CF_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    cf_profile_free(f->p);
    cf_assessment_free(f->a);
    cf_framework_free(f->fw);
    free(f);
    return 0;
}

static void target(cf_profile *p, const char *id, double level,
                   double importance, int critical)
{
    cf_error err;

    if (cf_profile_add_target(p, id, level, importance, critical, &err) !=
        CF_OK) {
        fail_msg("target %s: %s", id, err.message);
    }
}

static cf_gap_report *analyze(const cf_assessment *a, const cf_profile *p,
                              cf_missing missing)
{
    cf_score_options opts = CF_SCORE_OPTIONS_INIT;
    cf_gap_report *r = NULL;
    cf_error err;

    opts.missing = missing;
    if (cf_gap_analyze(&r, a, p, &opts, &err) != CF_OK) {
        fail_msg("cf_gap_analyze: %s", err.message);
    }
    assert_non_null(r);
    return r;
}

/* Checks input k of target t: its element, score, weight and share. */
static void check_input(const cf_gap_report *r, size_t t, size_t k,
                        const char *id, double score, double weight,
                        double share)
{
    double got_score;
    double got_weight;
    double got_share;
    const cf_element *el =
        cf_gap_report_input(r, t, k, &got_score, &got_weight, &got_share);

    assert_non_null(el);
    assert_string_equal(cf_element_id(el), id);
    if (isnan(score)) {
        assert_true(isnan(got_score));
    } else {
        assert_near(got_score, score);
    }
    assert_exact(got_weight, weight);
    assert_near(got_share, share);
}

/* ---- one report, every kind of target ------------------------------------ */

/* The ratings and profile of the worked example (profile in the reverse of
 * framework order, so that ties are not broken by profile order). */
static void worked_example(struct fixture *f)
{
    support_rate(f->a, "A.1", 4);
    support_rate(f->a, "A.2", 2);
    support_rate(f->a, "B.1", 3);
    support_rate(f->a, "B.2", 1);
    support_rate(f->a, "C.1", 2);
    support_rate(f->a, "C.2", 4);
    support_rate(f->a, "E", 3);
    target(f->p, "E", 4, 3, 0);   /* t0 */
    target(f->p, "D", 2, 0.5, 0); /* t1 */
    target(f->p, "C", 3, 1, 0);   /* t2 */
    target(f->p, "B", 2, 1, 1);   /* t3, critical */
    target(f->p, "A", 3, 2, 0);   /* t4 */
}

static void test_numbers_and_status(void **state)
{
    struct fixture *f = *state;
    cf_gap_report *r;

    worked_example(f);
    r = analyze(f->a, f->p, CF_MISSING_SKIP);
    assert_int_equal(cf_gap_report_target_count(r), 5);

    /* t0 E: rated 3 (0.75) against 4 (1): gap 1, normalised 0.25. */
    assert_string_equal(cf_element_id(cf_gap_report_element(r, 0)), "E");
    assert_int_equal(cf_gap_report_status(r, 0), CF_STATUS_UNMET);
    assert_exact(cf_gap_report_achieved(r, 0), 3);
    assert_exact(cf_gap_report_achieved_normalized(r, 0), 0.75);
    assert_exact(cf_gap_report_required(r, 0), 4);
    assert_exact(cf_gap_report_required_normalized(r, 0), 1);
    assert_exact(cf_gap_report_gap(r, 0), 1);
    assert_exact(cf_gap_report_gap_normalized(r, 0), 0.25);
    assert_exact(cf_gap_report_importance(r, 0), 3);
    assert_int_equal(cf_gap_report_critical(r, 0), 0);

    /* t1 D: nothing rated below it: unassessed, A and gap NaN. */
    assert_int_equal(cf_gap_report_status(r, 1), CF_STATUS_UNASSESSED);
    assert_true(isnan(cf_gap_report_achieved(r, 1)));
    assert_true(isnan(cf_gap_report_achieved_normalized(r, 1)));
    assert_true(isnan(cf_gap_report_gap(r, 1)));
    assert_true(isnan(cf_gap_report_gap_normalized(r, 1)));
    assert_exact(cf_gap_report_required_normalized(r, 1), 0.5);

    /* t2 C: max(2, 4) = 4 against 3: met, gap 3 - 4 = -1, normalised
     * 0.75 - 1 = -0.25. */
    assert_int_equal(cf_gap_report_status(r, 2), CF_STATUS_MET);
    assert_exact(cf_gap_report_achieved(r, 2), 4);
    assert_exact(cf_gap_report_gap(r, 2), -1);
    assert_exact(cf_gap_report_gap_normalized(r, 2), -0.25);

    /* t3 B: min(3, 1), normalised min(0.75, 0.25) = 0.25, level 1, against 2:
     * gap 1, normalised 0.5 - 0.25 = 0.25. */
    assert_int_equal(cf_gap_report_status(r, 3), CF_STATUS_UNMET);
    assert_exact(cf_gap_report_achieved(r, 3), 1);
    assert_exact(cf_gap_report_gap(r, 3), 1);
    assert_exact(cf_gap_report_gap_normalized(r, 3), 0.25);
    assert_int_equal(cf_gap_report_critical(r, 3), 1);

    /* t4 A: (1 * 1 + 3 * 0.5) / (1 + 3) = 0.625, level 2.5, against 3:
     * gap 0.5, normalised 0.75 - 0.625 = 0.125. */
    assert_int_equal(cf_gap_report_status(r, 4), CF_STATUS_UNMET);
    assert_exact(cf_gap_report_achieved(r, 4), 2.5);
    assert_exact(cf_gap_report_achieved_normalized(r, 4), 0.625);
    assert_exact(cf_gap_report_gap(r, 4), 0.5);
    assert_exact(cf_gap_report_gap_normalized(r, 4), 0.125);
    cf_gap_report_free(r);
}

static void test_fit_ready_and_priorities(void **state)
{
    struct fixture *f = *state;
    cf_gap_report *r;

    worked_example(f);
    r = analyze(f->a, f->p, CF_MISSING_SKIP);
    /*
     * sum I * L:      E 3 * 1 + D 0.5 * 0.5 + C 1 * 0.75 + B 1 * 0.5
     *                 + A 2 * 0.75 = 3 + 0.25 + 0.75 + 0.5 + 1.5 = 6
     * sum I * min(A, L): E 3 * 0.75 + D 0 (unassessed) + C 1 * 0.75
     *                 + B 1 * 0.25 + A 2 * 0.625 = 2.25 + 0.75 + 0.25
     *                 + 1.25 = 4.5
     * fit = 4.5 / 6 = 0.75
     */
    assert_exact(cf_gap_report_fit(r), 0.75);
    /* B is critical and unmet. */
    assert_int_equal(cf_gap_report_ready(r), 0);
    /*
     * Not met: E (t0) 3 * 0.25 = 0.75; D (t1) 0.5 * 0.5 (its L) = 0.25;
     * B (t3) 1 * 0.25 = 0.25; A (t4) 2 * 0.125 = 0.25. E first, then the
     * tie at 0.25 in framework order: A (index 0), B (4), D (10).
     */
    assert_int_equal(cf_gap_report_priority_count(r), 4);
    assert_int_equal(cf_gap_report_priority(r, 0), 0);
    assert_int_equal(cf_gap_report_priority(r, 1), 4);
    assert_int_equal(cf_gap_report_priority(r, 2), 3);
    assert_int_equal(cf_gap_report_priority(r, 3), 1);
    assert_int_equal(cf_gap_report_priority(r, 4), SIZE_MAX);
    cf_gap_report_free(r);
}

static void test_explanations_and_inputs(void **state)
{
    struct fixture *f = *state;
    cf_gap_report *r;

    worked_example(f);
    r = analyze(f->a, f->p, CF_MISSING_SKIP);

    assert_string_equal(cf_gap_report_explanation(r, 0),
                        "E rated 3 (Proficient)");
    assert_int_equal(cf_gap_report_input_count(r, 0), 1);
    check_input(r, 0, 0, "E", 3, 1, 1);

    assert_string_equal(cf_gap_report_explanation(r, 1),
                        "D: no rating in its subtree");
    assert_int_equal(cf_gap_report_input_count(r, 1), 1);
    check_input(r, 1, 0, "D.1", NAN, 1, 0);

    /* max picks C.2. */
    assert_string_equal(cf_gap_report_explanation(r, 2),
                        "C = 4, the max of C.1 rated 2, C.2 rated 4");
    check_input(r, 2, 0, "C.1", 2, 1, 0);
    check_input(r, 2, 1, "C.2", 4, 1, 1);

    /* min picks B.2. */
    assert_string_equal(cf_gap_report_explanation(r, 3),
                        "B = 1, the min of B.1 rated 3, B.2 rated 1");
    check_input(r, 3, 0, "B.1", 3, 1, 0);
    check_input(r, 3, 1, "B.2", 1, 1, 1);

    /* Shares of the mean: w / (1 + 3) over the scored children. */
    assert_string_equal(cf_gap_report_explanation(r, 4),
                        "A = 2.5, the weighted mean of A.1 rated 4 (weight "
                        "1), A.2 rated 2 (weight 3); not rated: A.3 (skipped)");
    assert_int_equal(cf_gap_report_input_count(r, 4), 3);
    check_input(r, 4, 0, "A.1", 4, 1, 0.25);
    check_input(r, 4, 1, "A.2", 2, 3, 0.75);
    check_input(r, 4, 2, "A.3", NAN, 1, 0);
    cf_gap_report_free(r);
}

static void test_missing_zero(void **state)
{
    struct fixture *f = *state;
    cf_gap_report *r;

    worked_example(f);
    r = analyze(f->a, f->p, CF_MISSING_ZERO);
    /* A: (1 * 1 + 3 * 0.5 + 1 * 0) / 5 = 0.5, level 2; every child
     * counts: shares 1/5, 3/5, 1/5. */
    assert_exact(cf_gap_report_achieved(r, 4), 2);
    assert_string_equal(cf_gap_report_explanation(r, 4),
                        "A = 2, the weighted mean of A.1 rated 4 (weight 1), "
                        "A.2 rated 2 (weight 3); not rated: A.3 (counted as "
                        "the lowest level)");
    check_input(r, 4, 0, "A.1", 4, 1, 0.2);
    check_input(r, 4, 1, "A.2", 2, 3, 0.6);
    check_input(r, 4, 2, "A.3", NAN, 1, 0.2);
    /* D stays unassessed: no child of it is scored. */
    assert_int_equal(cf_gap_report_status(r, 1), CF_STATUS_UNASSESSED);
    check_input(r, 1, 0, "D.1", NAN, 1, 0);
    /*
     * fit: sum I * L = 6 as before; sum I * min(A, L) = 2.25 + 0 + 0.75 +
     * 0.25 + 2 * 0.5 = 4.25; 4.25 / 6 = 17/24.
     */
    assert_near(cf_gap_report_fit(r), 17.0 / 24);
    cf_gap_report_free(r);
}

/* Under ZERO a min can pick an unrated child: it counts as 0. */
static void test_min_picks_unrated_under_zero(void **state)
{
    struct fixture *f = *state;
    cf_gap_report *r;

    support_rate(f->a, "B.1", 3);
    target(f->p, "B", 2, 1, 0);
    r = analyze(f->a, f->p, CF_MISSING_ZERO);
    /* min(0.75, 0) = 0: level 0. */
    assert_exact(cf_gap_report_achieved(r, 0), 0);
    assert_string_equal(cf_gap_report_explanation(r, 0),
                        "B = 0, the min of B.1 rated 3; not rated: B.2 "
                        "(counted as the lowest level)");
    check_input(r, 0, 0, "B.1", 3, 1, 0);
    check_input(r, 0, 1, "B.2", NAN, 1, 1);
    cf_gap_report_free(r);

    r = analyze(f->a, f->p, CF_MISSING_SKIP);
    /* Skipped: min(0.75) = 0.75, level 3; B.1 takes it all. */
    assert_exact(cf_gap_report_achieved(r, 0), 3);
    assert_string_equal(cf_gap_report_explanation(r, 0),
                        "B = 3, the min of B.1 rated 3; not rated: B.2 "
                        "(skipped)");
    check_input(r, 0, 0, "B.1", 3, 1, 1);
    check_input(r, 0, 1, "B.2", NAN, 1, 0);
    cf_gap_report_free(r);
}

/* A tie in a max goes to the first child in framework order. */
static void test_max_tie_first_child(void **state)
{
    struct fixture *f = *state;
    cf_gap_report *r;

    support_rate(f->a, "C.1", 3);
    support_rate(f->a, "C.2", 3);
    target(f->p, "C", 3, 1, 0);
    r = analyze(f->a, f->p, CF_MISSING_SKIP);
    check_input(r, 0, 0, "C.1", 3, 1, 1);
    check_input(r, 0, 1, "C.2", 3, 1, 0);
    cf_gap_report_free(r);
}

static void test_nested_and_leaves(void **state)
{
    struct fixture *f = *state;
    cf_gap_report *r;

    support_rate(f->a, "G.1.1", 4);
    support_rate(f->a, "G.1.2", 2);
    support_rate(f->a, "G.2", 1);
    target(f->p, "G", 2, 1, 0);
    target(f->p, "H", 1, 1, 0);
    r = analyze(f->a, f->p, CF_MISSING_SKIP);
    /* G.1 = (1 + 0.5) / 2 = 0.75, level 3; G = (0.75 + 0.25) / 2 = 0.5,
     * level 2: met. A derived child is "scored", a rated one "rated". */
    assert_exact(cf_gap_report_achieved(r, 0), 2);
    assert_int_equal(cf_gap_report_status(r, 0), CF_STATUS_MET);
    assert_string_equal(cf_gap_report_explanation(r, 0),
                        "G = 2, the weighted mean of G.1 scored 3 (weight 1), "
                        "G.2 rated 1 (weight 1)");
    check_input(r, 0, 0, "G.1", 3, 1, 0.5);
    check_input(r, 0, 1, "G.2", 1, 1, 0.5);
    /* An unrated leaf has no inputs. */
    assert_int_equal(cf_gap_report_status(r, 1), CF_STATUS_UNASSESSED);
    assert_string_equal(cf_gap_report_explanation(r, 1), "H: not rated");
    assert_int_equal(cf_gap_report_input_count(r, 1), 0);
    assert_null(cf_gap_report_input(r, 1, 0, NULL, NULL, NULL));
    cf_gap_report_free(r);
}

/* A rating that is not a level (a consolidation stores weighted means)
 * has no label to show. */
static void test_rated_between_levels(void **state)
{
    struct fixture *f = *state;
    size_t e = cf_element_index(cf_framework_find(f->fw, "E"));
    cf_gap_report *r;

    assert_int_equal(cfi_assessment_store(f->a, e, 2.5, NULL), CF_OK);
    target(f->p, "E", 3, 1, 0);
    r = analyze(f->a, f->p, CF_MISSING_SKIP);
    assert_string_equal(cf_gap_report_explanation(r, 0), "E rated 2.5");
    assert_exact(cf_gap_report_gap(r, 0), 0.5);
    cf_gap_report_free(r);
}

/* ---- tolerance, readiness, fit edge cases ---------------------------------
 */

static void test_met_within_tolerance(void **state)
{
    struct fixture *f = *state;
    cf_gap_report *r;
    double achieved;

    support_rate(f->a, "F.1", 3);
    support_rate(f->a, "F.2", 3);
    support_rate(f->a, "F.3", 3);
    target(f->p, "F", 3, 1, 1);
    r = analyze(f->a, f->p, CF_MISSING_SKIP);
    /*
     * Each child is 0.75. In doubles, 0.1 * 0.75 + 0.2 * 0.75 + 0.3 * 0.75
     * = 0.45 and 0.1 + 0.2 + 0.3 = 0.6000000000000001, so the mean is
     * 0.7499999999999999 and the level 4 * that = 2.9999999999999996, one
     * step below 3. Within the tolerance (1e-9 of the range 4), F is met.
     */
    achieved = cf_gap_report_achieved(r, 0);
    assert_true(fabs(achieved - 3) < 1e-15);
    assert_int_equal(cf_gap_report_status(r, 0), CF_STATUS_MET);
    assert_true(fabs(cf_gap_report_gap(r, 0)) < 1e-15);
    /* A met target counts its whole L: the fit is exactly 1, and F, though
     * critical, leaves the person ready, with nothing to prioritise. */
    assert_exact(cf_gap_report_fit(r), 1);
    assert_int_equal(cf_gap_report_ready(r), 1);
    assert_int_equal(cf_gap_report_priority_count(r), 0);
    /* The explanation is for people: six significant digits, so the level
     * reads "3" whether the sum landed on 3 or one step below it. */
    assert_string_equal(cf_gap_report_explanation(r, 0),
                        "F = 3, the weighted mean of F.1 rated 3 (weight "
                        "0.1), F.2 rated 3 (weight 0.2), F.3 rated 3 "
                        "(weight 0.3)");
    /* Shares: 0.1 / 0.6, 0.2 / 0.6, 0.3 / 0.6. */
    check_input(r, 0, 0, "F.1", 3, 0.1, 1.0 / 6);
    check_input(r, 0, 1, "F.2", 3, 0.2, 2.0 / 6);
    check_input(r, 0, 2, "F.3", 3, 0.3, 3.0 / 6);
    cf_gap_report_free(r);
}

static void test_critical_met_and_unassessed(void **state)
{
    struct fixture *f = *state;
    cf_gap_report *r;

    support_rate(f->a, "E", 4);
    target(f->p, "E", 3, 1, 1);
    r = analyze(f->a, f->p, CF_MISSING_SKIP);
    /* The only target, critical and met: ready; fit min(1, 0.75) / 0.75. */
    assert_int_equal(cf_gap_report_ready(r), 1);
    assert_exact(cf_gap_report_fit(r), 1);
    cf_gap_report_free(r);

    target(f->p, "H", 1, 1, 1);
    r = analyze(f->a, f->p, CF_MISSING_SKIP);
    /* H is critical and unassessed: not ready. fit = (0.75 + 0) / (0.75 +
     * 0.25) = 0.75. */
    assert_int_equal(cf_gap_report_ready(r), 0);
    assert_exact(cf_gap_report_fit(r), 0.75);
    assert_int_equal(cf_gap_report_priority_count(r), 1);
    assert_int_equal(cf_gap_report_priority(r, 0), 1);
    cf_gap_report_free(r);
}

/* Targets at the lowest level weigh nothing; with only those, fit is 1. */
static void test_fit_of_zero_requirements(void **state)
{
    struct fixture *f = *state;
    cf_gap_report *r;

    target(f->p, "E", 0, 1, 0);
    target(f->p, "H", 0, 2, 0);
    r = analyze(f->a, f->p, CF_MISSING_SKIP);
    /* sum I * L = 0: fit 1. Both unassessed, with normalised gap L = 0. */
    assert_exact(cf_gap_report_fit(r), 1);
    assert_int_equal(cf_gap_report_priority_count(r), 2);
    /* Tie at 0: framework order, E (12) before H (22). */
    assert_int_equal(cf_gap_report_priority(r, 0), 0);
    assert_int_equal(cf_gap_report_priority(r, 1), 1);
    cf_gap_report_free(r);
}

static void test_empty_profile(void **state)
{
    struct fixture *f = *state;
    cf_gap_report *r = analyze(f->a, f->p, CF_MISSING_SKIP);

    assert_int_equal(cf_gap_report_target_count(r), 0);
    assert_exact(cf_gap_report_fit(r), 1);
    assert_int_equal(cf_gap_report_ready(r), 1);
    assert_int_equal(cf_gap_report_priority_count(r), 0);
    cf_gap_report_free(r);
}

/* ---- the SOLS framework with a realistic profile ---------------------- */

static void test_sols_branch_manager(void **state)
{
    static const char *const cr4[] = {"CR.4.1", "CR.4.2", "CR.4.3", "CR.4.4",
                                      "CR.4.5", "CR.4.6", "CR.4.7", "CR.4.8"};
    static const double cr4_levels[] = {4, 4, 3, 4, 3, 4, 4, 2};
    cf_framework *fw = support_load_sols();
    cf_assessment *a = NULL;
    cf_profile *p = NULL;
    cf_gap_report *r;
    cf_error err;
    size_t i;

    (void)state;
    assert_int_equal(cf_profile_load_file(&p, fw,
                                          CF_TEST_DATA_DIR
                                          "/profiles/branch-manager.yaml",
                                          NULL, &err),
                     CF_OK);
    assert_int_equal(cf_assessment_new(&a, fw, "jdoe", NULL, &err), CF_OK);
    /* CR.1: 3, 3, 2, 3 and CR.1.5 unrated. */
    support_rate(a, "CR.1.1", 3);
    support_rate(a, "CR.1.2", 3);
    support_rate(a, "CR.1.3", 2);
    support_rate(a, "CR.1.4", 3);
    /* CR.2 rated directly; its KSA's rating does not count. */
    support_rate(a, "CR.2", 3);
    support_rate(a, "CR.2.1", 1);
    /* CR.3: nothing. CR.4: all eight KSAs. */
    for (i = 0; i < 8; i++) {
        support_rate(a, cr4[i], cr4_levels[i]);
    }
    /* CR.5: two of seven. CR.6.1 directly. */
    support_rate(a, "CR.5.1", 2);
    support_rate(a, "CR.5.2", 2);
    support_rate(a, "CR.6.1", 1);
    r = analyze(a, p, CF_MISSING_SKIP);

    /* Targets (branch-manager.yaml): CR.1 3, CR.2 3, CR.3 3 (I 0.25),
     * CR.4 4 (I 2, critical), CR.5 2, CR.6.1 2 (I 1.5). The scale is 1..4:
     * v normalises to (v - 1) / 3. */

    /* CR.1: (2/3 + 2/3 + 1/3 + 2/3) / 4 = 7/12, level 1 + 3 * 7/12 = 2.75:
     * unmet by 0.25, normalised 2/3 - 7/12 = 1/12. */
    assert_near(cf_gap_report_achieved(r, 0), 2.75);
    assert_int_equal(cf_gap_report_status(r, 0), CF_STATUS_UNMET);
    assert_near(cf_gap_report_gap(r, 0), 0.25);
    assert_near(cf_gap_report_gap_normalized(r, 0), 1.0 / 12);
    assert_string_equal(cf_gap_report_explanation(r, 0),
                        "CR.1 = 2.75, the weighted mean of CR.1.1 rated 3 "
                        "(weight 1), CR.1.2 rated 3 (weight 1), CR.1.3 rated "
                        "2 (weight 1), CR.1.4 rated 3 (weight 1); not rated: "
                        "CR.1.5 (skipped)");
    assert_int_equal(cf_gap_report_input_count(r, 0), 5);
    check_input(r, 0, 2, "CR.1.3", 2, 1, 0.25);
    check_input(r, 0, 4, "CR.1.5", NAN, 1, 0);

    /* CR.2: rated 3, met with gap 0. */
    assert_int_equal(cf_gap_report_status(r, 1), CF_STATUS_MET);
    assert_exact(cf_gap_report_gap(r, 1), 0);
    assert_string_equal(cf_gap_report_explanation(r, 1),
                        "CR.2 rated 3 (Proficient)");
    assert_int_equal(cf_gap_report_input_count(r, 1), 1);
    check_input(r, 1, 0, "CR.2", 3, 1, 1);

    /* CR.3: unassessed; its three KSAs are the inputs. */
    assert_int_equal(cf_gap_report_status(r, 2), CF_STATUS_UNASSESSED);
    assert_string_equal(cf_gap_report_explanation(r, 2),
                        "CR.3: no rating in its subtree");
    assert_int_equal(cf_gap_report_input_count(r, 2), 3);

    /* CR.4: (1 + 1 + 2/3 + 1 + 2/3 + 1 + 1 + 1/3) / 8 = (20/3) / 8 = 5/6,
     * level 1 + 3 * 5/6 = 3.5 against 4: unmet by 0.5, normalised 1/6. */
    assert_near(cf_gap_report_achieved(r, 3), 3.5);
    assert_int_equal(cf_gap_report_status(r, 3), CF_STATUS_UNMET);
    assert_near(cf_gap_report_gap_normalized(r, 3), 1.0 / 6);
    assert_int_equal(cf_gap_report_critical(r, 3), 1);

    /* CR.5: (1/3 + 1/3) / 2 = 1/3, level 2: met. */
    assert_near(cf_gap_report_achieved(r, 4), 2);
    assert_int_equal(cf_gap_report_status(r, 4), CF_STATUS_MET);
    assert_string_equal(cf_gap_report_explanation(r, 4),
                        "CR.5 = 2, the weighted mean of CR.5.1 rated 2 "
                        "(weight 1), CR.5.2 rated 2 (weight 1); not rated: "
                        "CR.5.3, CR.5.4, CR.5.5, CR.5.6, CR.5.7 (skipped)");

    /* CR.6.1: rated 1 against 2: gap 1, normalised 1/3. */
    assert_string_equal(cf_gap_report_explanation(r, 5),
                        "CR.6.1 rated 1 (Beginning)");
    assert_near(cf_gap_report_gap_normalized(r, 5), 1.0 / 3);

    /*
     * sum I * L = 2/3 + 2/3 + 0.25 * 2/3 + 2 * 1 + 1/3 + 1.5 * 1/3
     *           = (4 + 4 + 1 + 12 + 2 + 3) / 6 = 26/6
     * sum I * min(A, L) = 7/12 + 2/3 + 0 + 2 * 5/6 + 1/3 + 1.5 * 0
     *           = (7 + 8 + 20 + 4) / 12 = 39/12
     * fit = (39/12) / (26/6) = 0.75
     */
    assert_near(cf_gap_report_fit(r), 0.75);
    /* CR.4 is critical and unmet. */
    assert_int_equal(cf_gap_report_ready(r), 0);
    /* Priorities: CR.6.1 1.5 * 1/3 = 0.5; CR.4 2 * 1/6 = 1/3; CR.3 0.25 *
     * 2/3 (its L) = 1/6; CR.1 1 * 1/12. */
    assert_int_equal(cf_gap_report_priority_count(r), 4);
    assert_int_equal(cf_gap_report_priority(r, 0), 5);
    assert_int_equal(cf_gap_report_priority(r, 1), 3);
    assert_int_equal(cf_gap_report_priority(r, 2), 2);
    assert_int_equal(cf_gap_report_priority(r, 3), 0);

    /* The report holds references: it outlives everything else. */
    cf_profile_free(p);
    cf_assessment_free(a);
    cf_framework_free(fw);
    assert_string_equal(cf_profile_id(cf_gap_report_profile(r)),
                        "branch-manager");
    assert_string_equal(cf_assessment_subject(cf_gap_report_assessment(r)),
                        "jdoe");
    assert_near(cf_scores_value(cf_gap_report_scores(r),
                                cf_element_index(cf_gap_report_element(r, 0))),
                2.75);
    cf_gap_report_free(r);
}

/* ---- arguments and accessors ----------------------------------------- */

static void test_arguments(void **state)
{
    struct fixture *f = *state;
    cf_score_options opts = CF_SCORE_OPTIONS_INIT;
    cf_gap_report *r = (cf_gap_report *)f; /* any non-NULL value */
    cf_framework *other = support_load("framework:\n"
                                       "  id: other\n"
                                       "  title: Other\n"
                                       "  scales:\n"
                                       "    - id: s\n"
                                       "      levels: [{value: 1, label: L}]\n"
                                       "      proficient: 1\n"
                                       "  elements:\n"
                                       "    - {id: E, title: E}\n");
    cf_profile *p = NULL;
    cf_error err;

    assert_int_equal(cf_gap_analyze(&r, NULL, f->p, NULL, &err), CF_EARG);
    assert_null(r);
    assert_int_equal(cf_gap_analyze(&r, f->a, NULL, NULL, &err), CF_EARG);
    assert_int_equal(cf_gap_analyze(NULL, f->a, f->p, NULL, &err), CF_EARG);
    opts.version = CF_SCORE_OPTIONS_VERSION + 1;
    assert_int_equal(cf_gap_analyze(&r, f->a, f->p, &opts, &err), CF_EARG);
    assert_null(r);

    assert_int_equal(cf_profile_new(&p, other, "p", NULL, NULL, &err), CF_OK);
    assert_int_equal(cf_gap_analyze(&r, f->a, p, NULL, &err), CF_EINVALID);
    assert_null(r);
    assert_string_equal(err.message, "the assessment and the profile are for "
                                     "different frameworks ('gaps' and "
                                     "'other')");
    assert_int_equal(err.line, 0);
    cf_profile_free(p);
    cf_framework_free(other);
    cf_gap_report_free(NULL);
}

static void test_accessors_past_the_end(void **state)
{
    struct fixture *f = *state;
    cf_gap_report *r;
    double score = 0;
    double weight = 0;
    double share = 0;

    support_rate(f->a, "E", 2);
    target(f->p, "E", 3, 1, 0);
    r = analyze(f->a, f->p, CF_MISSING_SKIP);
    assert_ptr_equal(cf_gap_report_profile(r), f->p);
    assert_ptr_equal(cf_gap_report_assessment(r), f->a);
    assert_null(cf_gap_report_element(r, 1));
    assert_int_equal(cf_gap_report_status(r, 1), CF_STATUS_UNASSESSED);
    assert_true(isnan(cf_gap_report_required(r, 1)));
    assert_true(isnan(cf_gap_report_required_normalized(r, 1)));
    assert_true(isnan(cf_gap_report_achieved(r, 1)));
    assert_true(isnan(cf_gap_report_achieved_normalized(r, 1)));
    assert_true(isnan(cf_gap_report_gap(r, 1)));
    assert_true(isnan(cf_gap_report_gap_normalized(r, 1)));
    assert_true(isnan(cf_gap_report_importance(r, 1)));
    assert_int_equal(cf_gap_report_critical(r, 1), 0);
    assert_null(cf_gap_report_explanation(r, 1));
    assert_int_equal(cf_gap_report_input_count(r, 1), 0);
    assert_null(cf_gap_report_input(r, 0, 1, &score, &weight, &share));
    assert_true(isnan(score) && isnan(weight) && isnan(share));
    assert_null(cf_gap_report_input(r, 1, 0, &score, &weight, &share));
    /* The out parameters are optional. */
    assert_non_null(cf_gap_report_input(r, 0, 0, NULL, NULL, NULL));
    assert_int_equal(cf_gap_report_priority(r, 1), SIZE_MAX);
    cf_gap_report_free(r);

    assert_string_equal(cf_status_name(CF_STATUS_MET), "met");
    assert_string_equal(cf_status_name(CF_STATUS_UNMET), "unmet");
    assert_string_equal(cf_status_name(CF_STATUS_UNASSESSED), "unassessed");
    assert_null(cf_status_name((cf_status)3));
}

/* ---- allocation failures --------------------------------------------- */

static int run_gap_analyze(void *ctx, const cf_load_options *opts, void **out,
                           cf_error *err)
{
    struct fixture *f = ctx;
    cf_gap_report *r = *out;
    int rc;

    (void)opts; /* the report allocates through the assessment's allocator */
    rc = cf_gap_analyze(&r, f->a, f->p, NULL, err);
    *out = r;
    return rc;
}

static void check_gap_report(void *ctx, void *r)
{
    (void)ctx;
    assert_exact(cf_gap_report_fit(r), 0.75);
    cf_gap_report_free(r);
}

/*
 * The worked example with the assessment's memory from a counting
 * allocator (the report uses the assessment's allocator): each call of
 * cf_gap_analyze failed in turn, alone and with every later one, gives
 * CF_ENOMEM and nothing, or a correct report, and leaves the live blocks
 * as they were.
 */
static void test_allocation_failures(void **state)
{
    struct fixture *f = *state;
    struct support_counter c;
    cf_load_options opts;
    cf_assessment *a = NULL;
    cf_error err;
    struct support_alloc_case t = {.name = "cf_gap_analyze",
                                   .run = run_gap_analyze,
                                   .done = check_gap_report,
                                   .ctx = f,
                                   .ok_code = CF_OK};

    support_counter_init(&c);
    opts = support_counter_options(&c);
    assert_int_equal(cf_assessment_new(&a, f->fw, "jdoe", &opts, &err), CF_OK);
    cf_assessment_free(f->a);
    f->a = a;
    worked_example(f);

    assert_true(support_fail_each_allocation(&c, &t) >= 8);

    support_counter_arm(&c, SUPPORT_COUNT_ONLY, 0);
    cf_assessment_free(f->a);
    f->a = NULL;
    assert_int_equal(c.live_blocks, 0);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_numbers_and_status),
        T(test_fit_ready_and_priorities),
        T(test_explanations_and_inputs),
        T(test_missing_zero),
        T(test_min_picks_unrated_under_zero),
        T(test_max_tie_first_child),
        T(test_nested_and_leaves),
        T(test_rated_between_levels),
        T(test_met_within_tolerance),
        T(test_critical_met_and_unassessed),
        T(test_fit_of_zero_requirements),
        T(test_empty_profile),
        T(test_sols_branch_manager),
        T(test_arguments),
        T(test_accessors_past_the_end),
        T(test_allocation_failures),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
