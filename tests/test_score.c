/*
 * Scoring (DESIGN section 4) through cf_scores_compute: rollups, direct
 * ratings over children, mixed scales, the missing-rating policies and
 * coverage. Every expected number is worked out by hand in a comment.
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
#include "support_score.h"

/*
 * Two scales: "four" (1..4, the default) and "ten" (0..10). Normalised,
 * a level v of "four" is (v - 1) / 3 and a level v of "ten" is v / 10.
 */
static const char framework_yaml[] =
    "framework:\n"
    "  id: scoring\n"
    "  title: Scoring\n"
    "  scales:\n"
    "    - id: four\n" SUPPORT_YAML_LEVELS_1_TO_4 "    - id: ten\n"
    "      levels:\n"
    "        - {value: 0, label: None}\n"
    "        - {value: 5, label: Half}\n"
    "        - {value: 8, label: Most}\n"
    "        - {value: 10, label: All}\n"
    "      proficient: 8\n"
    "  default_scale: four\n"
    "  elements:\n"
    "    - id: W\n"
    "      title: Weighted mean\n"
    "      children:\n"
    "        - {id: W.1, title: Heavy, weight: 3}\n"
    "        - {id: W.2, title: Plain}\n"
    "        - {id: W.3, title: Light, weight: 0.5}\n"
    "    - id: MIN\n"
    "      title: Lowest child\n"
    "      rollup: min\n"
    "      children:\n"
    "        - {id: MIN.1, title: One}\n"
    "        - {id: MIN.2, title: Two}\n"
    "        - {id: MIN.3, title: Three}\n"
    "    - id: MAX\n"
    "      title: Highest child\n"
    "      rollup: max\n"
    "      children:\n"
    "        - {id: MAX.1, title: One}\n"
    "        - {id: MAX.2, title: Two}\n"
    "    - id: OV\n"
    "      title: Rated over its children\n"
    "      children:\n"
    "        - {id: OV.1, title: One}\n"
    "        - {id: OV.2, title: Two}\n"
    "    - id: MIX\n"
    "      title: Children on two scales\n"
    "      children:\n"
    "        - {id: MIX.1, title: Tenths, scale: ten, weight: 2}\n"
    "        - {id: MIX.2, title: Fourths}\n"
    "    - id: NEST\n"
    "      title: Nested weights\n"
    "      children:\n"
    "        - id: NEST.1\n"
    "          title: Inner\n"
    "          weight: 2\n"
    "          children:\n"
    "            - {id: NEST.1.1, title: Rated}\n"
    "            - {id: NEST.1.2, title: Unrated, weight: 3}\n"
    "        - {id: NEST.2, title: Unrated sibling}\n"
    "    - id: NONE\n"
    "      title: Nothing rated below\n"
    "      children:\n"
    "        - {id: NONE.1, title: Unrated}\n";

struct fixture {
    cf_framework *fw;
    cf_assessment *a;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    cf_error err;

    assert_non_null(f);
    f->fw = support_load(framework_yaml);
    assert_int_equal(cf_assessment_new(&f->a, f->fw, "jdoe", NULL, &err),
                     CF_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    cf_assessment_free(f->a);
    cf_framework_free(f->fw);
    free(f);
    return 0;
}

static size_t index_of(const struct fixture *f, const char *id)
{
    const cf_element *el = cf_framework_find(f->fw, id);

    assert_non_null(el);
    return cf_element_index(el);
}

static cf_scores *compute(const struct fixture *f, cf_missing missing)
{
    cf_score_options opts = CF_SCORE_OPTIONS_INIT;
    cf_scores *s = NULL;
    cf_error err;

    opts.missing = missing;
    if (cf_scores_compute(&s, f->a, &opts, &err) != CF_OK) {
        fail_msg("cf_scores_compute: %s", err.message);
    }
    assert_non_null(s);
    return s;
}

static double value(const struct fixture *f, const cf_scores *s, const char *id)
{
    return cf_scores_value(s, index_of(f, id));
}

static double normalized(const struct fixture *f, const cf_scores *s,
                         const char *id)
{
    return cf_scores_normalized(s, index_of(f, id));
}

static double coverage(const struct fixture *f, const cf_scores *s,
                       const char *id)
{
    return cf_scores_coverage(s, index_of(f, id));
}

static cf_source source(const struct fixture *f, const cf_scores *s,
                        const char *id)
{
    return cf_scores_source(s, index_of(f, id));
}

static void test_weighted_mean(void **state)
{
    struct fixture *f = *state;
    cf_scores *s;

    support_rate(f->a, "W.1", 4); /* normalised (4 - 1) / 3 = 1, weight 3 */
    support_rate(f->a, "W.2", 1); /* normalised 0, weight 1 */
    support_rate(f->a, "W.3", 2); /* normalised 1/3, weight 0.5 */
    s = compute(f, CF_MISSING_SKIP);
    /* (3 * 1 + 1 * 0 + 0.5 * 1/3) / (3 + 1 + 0.5) = (19/6) / (9/2) = 19/27 */
    assert_near(normalized(f, s, "W"), 19.0 / 27);
    /* In level units: 1 + 3 * 19/27 = 1 + 19/9 = 28/9 = 3.111... */
    assert_near(value(f, s, "W"), 28.0 / 9);
    assert_int_equal(source(f, s, "W"), CF_SOURCE_DERIVED);
    assert_int_equal(source(f, s, "W.1"), CF_SOURCE_RATED);
    /* The children keep their own ratings. */
    assert_exact(value(f, s, "W.3"), 2);
    assert_near(normalized(f, s, "W.3"), 1.0 / 3);
    /* Every leaf is rated: coverage 1. */
    assert_exact(coverage(f, s, "W"), 1);
    cf_scores_free(s);
}

static void test_min_and_max(void **state)
{
    struct fixture *f = *state;
    cf_scores *s;

    support_rate(f->a, "MIN.1", 3);
    support_rate(f->a, "MIN.2", 2);
    support_rate(f->a, "MAX.1", 1);
    support_rate(f->a, "MAX.2", 3);
    s = compute(f, CF_MISSING_SKIP);
    /* min(3, 2) = 2, normalised (2 - 1) / 3 = 1/3; MIN.3 is skipped. */
    assert_near(value(f, s, "MIN"), 2);
    assert_near(normalized(f, s, "MIN"), 1.0 / 3);
    /* max(1, 3) = 3, normalised 2/3. */
    assert_near(value(f, s, "MAX"), 3);
    assert_near(normalized(f, s, "MAX"), 2.0 / 3);
    /* MIN covers 2 of its 3 equal-weight leaves. */
    assert_near(coverage(f, s, "MIN"), 2.0 / 3);
    cf_scores_free(s);

    s = compute(f, CF_MISSING_ZERO);
    /* Unrated MIN.3 counts as normalised 0: min(2/3, 1/3, 0) = 0, the
     * bottom level, 1. */
    assert_near(value(f, s, "MIN"), 1);
    assert_near(normalized(f, s, "MIN"), 0);
    /* max is unchanged: max(0, 2/3) = 2/3, level 3. */
    assert_near(value(f, s, "MAX"), 3);
    cf_scores_free(s);
}

static void test_direct_rating_overrides_children(void **state)
{
    struct fixture *f = *state;
    cf_scores *s;

    support_rate(f->a, "OV", 2);
    support_rate(f->a, "OV.1", 4);
    support_rate(f->a, "OV.2", 4);
    s = compute(f, CF_MISSING_SKIP);
    /* The children would give 4; the direct rating 2 wins. */
    assert_exact(value(f, s, "OV"), 2);
    assert_near(normalized(f, s, "OV"), 1.0 / 3);
    assert_int_equal(source(f, s, "OV"), CF_SOURCE_RATED);
    assert_exact(coverage(f, s, "OV"), 1);
    assert_exact(value(f, s, "OV.1"), 4);
    cf_scores_free(s);
}

static void test_mixed_scales(void **state)
{
    struct fixture *f = *state;
    cf_scores *s;

    /* MIX.1 on 0..10: normalised 5 / 10 = 0.5, weight 2. */
    support_rate(f->a, "MIX.1", 5);
    /* MIX.2 on 1..4: normalised 1, weight 1. */
    support_rate(f->a, "MIX.2", 4);
    s = compute(f, CF_MISSING_SKIP);
    /* (2 * 0.5 + 1 * 1) / 3 = 2/3 normalised ... */
    assert_near(normalized(f, s, "MIX"), 2.0 / 3);
    /* ... which is 1 + 3 * 2/3 = 3 on MIX's own scale (1..4). */
    assert_near(value(f, s, "MIX"), 3);
    /* MIX.1 stays in its own units. */
    assert_exact(value(f, s, "MIX.1"), 5);
    assert_exact(normalized(f, s, "MIX.1"), 0.5);
    cf_scores_free(s);
}

static void test_missing_skip_and_zero(void **state)
{
    struct fixture *f = *state;
    cf_scores *s;

    support_rate(f->a, "W.1", 4); /* normalised 1, weight 3 */
    support_rate(f->a, "W.2", 1); /* normalised 0, weight 1 */
    /* W.3 (weight 0.5) unrated. */
    s = compute(f, CF_MISSING_SKIP);
    /* Skip: (3 * 1 + 1 * 0) / (3 + 1) = 0.75, level 1 + 3 * 0.75 = 3.25. */
    assert_near(normalized(f, s, "W"), 0.75);
    assert_near(value(f, s, "W"), 3.25);
    assert_true(isnan(value(f, s, "W.3")));
    cf_scores_free(s);

    s = compute(f, CF_MISSING_ZERO);
    /* Zero: (3 * 1 + 1 * 0 + 0.5 * 0) / 4.5 = 2/3, level 1 + 3 * 2/3 = 3. */
    assert_near(normalized(f, s, "W"), 2.0 / 3);
    assert_near(value(f, s, "W"), 3);
    /* The unrated child itself stays unscored. */
    assert_true(isnan(value(f, s, "W.3")));
    assert_int_equal(source(f, s, "W.3"), CF_SOURCE_UNSCORED);
    /* Coverage does not depend on the policy: (3 + 1) / 4.5 = 8/9. */
    assert_near(coverage(f, s, "W"), 8.0 / 9);
    cf_scores_free(s);
}

static void test_coverage_nested_weights(void **state)
{
    struct fixture *f = *state;
    cf_scores *s;

    support_rate(f->a, "NEST.1.1", 3);
    s = compute(f, CF_MISSING_SKIP);
    assert_exact(coverage(f, s, "NEST.1.1"), 1);
    assert_exact(coverage(f, s, "NEST.1.2"), 0);
    /* NEST.1: (1 * 1 + 3 * 0) / (1 + 3) = 0.25. */
    assert_near(coverage(f, s, "NEST.1"), 0.25);
    /* NEST: (2 * 0.25 + 1 * 0) / (2 + 1) = 1/6. */
    assert_near(coverage(f, s, "NEST"), 1.0 / 6);
    /* Its score is NEST.1.1's all the way up: 3. */
    assert_near(value(f, s, "NEST"), 3);
    assert_near(value(f, s, "NEST.1"), 3);
    cf_scores_free(s);
}

static void test_unscored_everywhere(void **state)
{
    struct fixture *f = *state;
    static const cf_missing policies[] = {CF_MISSING_SKIP, CF_MISSING_ZERO};
    size_t n = cf_framework_element_count(f->fw);
    size_t p;
    size_t i;

    for (p = 0; p < 2; p++) {
        cf_scores *s = compute(f, policies[p]);

        /* Nothing rated: even under ZERO no element has a scored child. */
        for (i = 0; i < n; i++) {
            assert_true(isnan(cf_scores_value(s, i)));
            assert_true(isnan(cf_scores_normalized(s, i)));
            assert_int_equal(cf_scores_source(s, i), CF_SOURCE_UNSCORED);
            assert_exact(cf_scores_coverage(s, i), 0);
        }
        cf_scores_free(s);
    }
}

static void test_unscored_subtree_beside_scored(void **state)
{
    struct fixture *f = *state;
    cf_scores *s;

    support_rate(f->a, "W.1", 4);
    s = compute(f, CF_MISSING_ZERO);
    /* NONE has one child, unrated: unscored even under ZERO. */
    assert_true(isnan(value(f, s, "NONE")));
    assert_int_equal(source(f, s, "NONE"), CF_SOURCE_UNSCORED);
    /* W under ZERO: (3 * 1 + 0 + 0) / 4.5 = 2/3, level 3. */
    assert_near(value(f, s, "W"), 3);
    cf_scores_free(s);
}

static void test_accessors_and_arguments(void **state)
{
    struct fixture *f = *state;
    size_t n = cf_framework_element_count(f->fw);
    cf_score_options opts = CF_SCORE_OPTIONS_INIT;
    cf_scores *s = (cf_scores *)f; /* any non-NULL value */
    cf_error err;

    assert_int_equal(cf_scores_compute(&s, NULL, NULL, &err), CF_EARG);
    assert_null(s);
    assert_int_equal(cf_scores_compute(NULL, f->a, NULL, &err), CF_EARG);
    opts.version = 99;
    assert_int_equal(cf_scores_compute(&s, f->a, &opts, &err), CF_EARG);
    assert_non_null(strstr(err.message, "version 99"));
    opts.version = CF_SCORE_OPTIONS_VERSION;
    opts.missing = (cf_missing)7;
    assert_int_equal(cf_scores_compute(&s, f->a, &opts, &err), CF_EARG);
    assert_string_equal(err.message, "unknown missing-rating policy 7");

    support_rate(f->a, "W.1", 4);
    assert_int_equal(cf_scores_compute(&s, f->a, NULL, &err), CF_OK);
    assert_ptr_equal(cf_scores_assessment(s), f->a);
    assert_true(isnan(cf_scores_value(s, n)));
    assert_true(isnan(cf_scores_normalized(s, n)));
    assert_int_equal(cf_scores_source(s, n), CF_SOURCE_UNSCORED);
    assert_exact(cf_scores_coverage(s, n), 0);
    /* The scores hold a reference to the assessment. */
    cf_assessment_free(f->a);
    f->a = NULL;
    assert_exact(cf_scores_value(s, 1), 4);
    assert_string_equal(cf_assessment_subject(cf_scores_assessment(s)), "jdoe");
    cf_scores_free(s);
    cf_scores_free(NULL);

    assert_string_equal(cf_source_name(CF_SOURCE_UNSCORED), "unscored");
    assert_string_equal(cf_source_name(CF_SOURCE_RATED), "rated");
    assert_string_equal(cf_source_name(CF_SOURCE_DERIVED), "derived");
    assert_null(cf_source_name((cf_source)3));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_weighted_mean, setup, teardown),
        cmocka_unit_test_setup_teardown(test_min_and_max, setup, teardown),
        cmocka_unit_test_setup_teardown(test_direct_rating_overrides_children,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_mixed_scales, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_skip_and_zero, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_coverage_nested_weights, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_unscored_everywhere, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_unscored_subtree_beside_scored,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_accessors_and_arguments, setup,
                                        teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
