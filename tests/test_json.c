/*
 * The JSON writers (lib/json.c, shapes in docs/reports.md): the JSON of
 * each report kind is parsed back with jansson and checked field by field
 * against the C accessors, with every double compared bit for bit; NaN
 * must come back as null. Also: the key order of every object, pretty
 * against compact text, and the errors.
 *
 * The framework: scale p with levels 0..4 (a level v normalises to v / 4)
 * and scale fine with levels 0, 0.1, 0.1 + 0.2 and 1, so that a rating of
 * 0.1 + 0.2 = 0.30000000000000004 must survive the trip through text.
 * Elements in pre-order: A (mean of A.1, A.2 with weight 2, A.3), A.1,
 * A.2, A.3, B (max of B.1, B.2), B.1, B.2, F (scale fine), U.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "competency.h"
#include "support.h"
#include "support_analysis.h"

static const char framework_yaml[] =
    "framework:\n"
    "  id: json-test\n"
    "  title: JSON test\n"
    "  scales:\n"
    "    - id: p\n" SUPPORT_YAML_LEVELS_0_TO_4 "    - id: fine\n"
    "      levels:\n"
    "        - {value: 0, label: zero}\n"
    "        - {value: 0.1, label: tenth}\n"
    "        - {value: 0.30000000000000004, label: three tenths}\n"
    "        - {value: 1, label: one}\n"
    "      proficient: 1\n"
    "  default_scale: p\n"
    "  elements:\n"
    "    - id: A\n"
    "      title: Area A\n"
    "      children:\n"
    "        - {id: A.1, title: One}\n"
    "        - {id: A.2, title: Two, weight: 2}\n"
    "        - {id: A.3, title: Three}\n"
    "    - id: B\n"
    "      title: Area B\n"
    "      rollup: max\n"
    "      children:\n"
    "        - {id: B.1, title: B one}\n"
    "        - {id: B.2, title: B two}\n"
    "    - {id: F, title: Fine, scale: fine}\n"
    "    - {id: U, title: Unrated}\n";

#define N_ELEMENTS 9

typedef struct fixture {
    cf_framework *fw;
    cf_profile *profile;
} fixture;

/* 0.1 + 0.2, computed at run time like any other double. */
static double three_tenths(void)
{
    volatile double tenth = 0.1;
    return tenth + 0.2;
}

/* The profile "lead". */
static const support_target lead_targets[] = {
    {"A", 3, 2, 0},   {"B", 4, 1, 1},   {"F", 1, 1, 0},
    {"U", 2, 0.5, 0}, {"A.3", 1, 1, 0}, {NULL, 0, 0, 0}};

static void fixture_build(fixture *f, const cf_load_options *opts)
{
    f->fw = support_load_opts(framework_yaml, opts);
    f->profile =
        support_profile_opts(f->fw, "lead", "Team lead", lead_targets, opts);
}

static void fixture_free(fixture *f)
{
    cf_profile_free(f->profile);
    cf_framework_free(f->fw);
}

SUPPORT_FIXTURE_HOOKS(fixture, fixture_build, fixture_free)

/* ---- reading the JSON back ------------------------------------------- */

static json_t *parse(const char *text)
{
    json_error_t error;
    json_t *root = json_loads(text, 0, &error);

    if (root == NULL) {
        fail_msg("not valid JSON (line %d, column %d: %s):\n%s", error.line,
                 error.column, error.text, text);
    }
    assert_true(json_is_object(root));
    return root;
}

static json_t *member(const json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);

    if (v == NULL) {
        fail_msg("no key '%s'", key);
    }
    return v;
}

/* The member key of obj is expected (null when NaN), to the bit. */
static void check_number(const json_t *obj, const char *key, double expected)
{
    json_t *v = member(obj, key);
    double got;

    if (isnan(expected)) {
        if (!json_is_null(v)) {
            fail_msg("'%s': expected null for NaN", key);
        }
        return;
    }
    if (!json_is_number(v)) {
        fail_msg("'%s': expected the number %.17g", key, expected);
    }
    got = json_number_value(v);
    if (memcmp(&got, &expected, sizeof got) != 0) {
        fail_msg("'%s': expected %.17g, read back %.17g", key, expected, got);
    }
}

/* The member key of obj is the string expected (null when NULL). */
static void check_string(const json_t *obj, const char *key,
                         const char *expected)
{
    json_t *v = member(obj, key);

    if (expected == NULL) {
        if (!json_is_null(v)) {
            fail_msg("'%s': expected null", key);
        }
        return;
    }
    if (!json_is_string(v)) {
        fail_msg("'%s': expected the string \"%s\"", key, expected);
    }
    assert_string_equal(json_string_value(v), expected);
}

static void check_bool(const json_t *obj, const char *key, int expected)
{
    json_t *v = member(obj, key);

    if (!json_is_boolean(v)) {
        fail_msg("'%s': expected a boolean", key);
    }
    assert_int_equal(json_is_true(v), expected != 0);
}

static void check_count(const json_t *obj, const char *key, size_t expected)
{
    json_t *v = member(obj, key);

    if (!json_is_integer(v)) {
        fail_msg("'%s': expected the integer %zu", key, expected);
    }
    assert_int_equal(json_integer_value(v), (json_int_t)expected);
}

/* The keys of obj are exactly keys (NULL-terminated), in that order. */
static void check_keys(json_t *obj, const char *const *keys)
{
    void *it = json_object_iter(obj);
    size_t k = 0;

    for (; it != NULL; it = json_object_iter_next(obj, it), k++) {
        if (keys[k] == NULL) {
            fail_msg("unexpected key '%s' at position %zu",
                     json_object_iter_key(it), k);
        }
        if (strcmp(json_object_iter_key(it), keys[k]) != 0) {
            fail_msg("key %zu: expected '%s', got '%s'", k, keys[k],
                     json_object_iter_key(it));
        }
    }
    if (keys[k] != NULL) {
        fail_msg("missing key '%s' at position %zu", keys[k], k);
    }
}

static json_t *array_member(const json_t *obj, const char *key, size_t size)
{
    json_t *v = member(obj, key);

    if (!json_is_array(v)) {
        fail_msg("'%s': expected an array", key);
    }
    assert_int_equal(json_array_size(v), size);
    return v;
}

static void check_element(const json_t *obj, const char *key,
                          const cf_element *el)
{
    assert_non_null(el);
    check_string(obj, key, cf_element_id(el));
}

static void check_assessment(const json_t *obj, const cf_assessment *a)
{
    check_string(obj, "subject", cf_assessment_subject(a));
    check_string(obj, "rater", cf_assessment_rater(a));
    check_string(obj, "role", cf_assessment_role(a));
    check_string(obj, "date", cf_assessment_date(a));
}

static void check_profile(const json_t *obj, const cf_profile *p)
{
    static const char *const keys[] = {"id", "title", NULL};
    json_t *o = member(obj, "profile");

    check_keys(o, keys);
    check_string(o, "id", cf_profile_id(p));
    check_string(o, "title", cf_profile_title(p));
}

static char *not_null(char *text)
{
    assert_non_null(text);
    return text;
}

/*
 * Calls the writer fn on report into the caller's char *text (with its
 * cf_error err), fails the test unless it succeeds, and gives the text.
 */
#define WRITE_JSON(fn, report, flags)                                          \
    (support_fail_on((fn)((report), (flags), &text, &err), &err, #fn),         \
     not_null(text))

/* ---- scores ----------------------------------------------------------- */

static const support_rating jdoe_ratings[] = {
    {"A.1", 3}, {"A.2", 1}, {"B.1", 2}, {"B.2", 4}, {"F", 0}, {NULL, 0}};

/*
 * jdoe's ratings by rater in role on date (NULL: none), with F (rated 0 in
 * jdoe_ratings) at 0.1 + 0.2 computed at run time.
 */
static cf_assessment *assess_jdoe_fine(const fixture *f, const char *rater,
                                       const char *role, const char *date)
{
    support_rating ratings[sizeof jdoe_ratings / sizeof jdoe_ratings[0]];

    memcpy(ratings, jdoe_ratings, sizeof ratings);
    ratings[4].level = three_tenths(); /* F */
    return support_assess(f->fw, "jdoe", rater, role, date, ratings);
}

static void test_scores(void **state)
{
    static const char *const root_keys[] = {"report",   "framework", "subject",
                                            "rater",    "role",      "date",
                                            "elements", NULL};
    static const char *const element_keys[] = {
        "element", "score", "normalized", "source", "coverage", NULL};
    fixture *f = *state;
    cf_assessment *a;
    cf_scores *s = NULL;
    cf_error err;
    char *text = NULL;
    json_t *root, *elements;
    size_t i, k, scored = 0;

    a = assess_jdoe_fine(f, "asmith", NULL, "2026-11-01");
    support_fail_on(cf_scores_compute(&s, a, NULL, &err), &err,
                    "cf_scores_compute");
    text = WRITE_JSON(cf_scores_to_json, s, 0);
    root = parse(text);

    check_keys(root, root_keys);
    check_string(root, "report", "scores");
    check_string(root, "framework", "json-test");
    check_assessment(root, a);
    check_string(root, "role", NULL);

    /* Only the scored elements, in framework order. */
    for (i = 0; i < N_ELEMENTS; i++) {
        scored += cf_scores_source(s, i) != CF_SOURCE_UNSCORED;
    }
    assert_int_equal(scored, 7); /* all but A.3 and U */
    elements = array_member(root, "elements", scored);
    for (i = 0, k = 0; i < N_ELEMENTS; i++) {
        json_t *o;

        if (cf_scores_source(s, i) == CF_SOURCE_UNSCORED) {
            continue;
        }
        o = json_array_get(elements, k++);
        check_keys(o, element_keys);
        check_element(o, "element", cf_framework_element(f->fw, i));
        check_number(o, "score", cf_scores_value(s, i));
        check_number(o, "normalized", cf_scores_normalized(s, i));
        check_string(o, "source", cf_source_name(cf_scores_source(s, i)));
        check_number(o, "coverage", cf_scores_coverage(s, i));
    }

    /* F, rated 0.1 + 0.2, reads back as exactly that double. */
    {
        const cf_element *fe = cf_framework_find(f->fw, "F");
        json_t *o = json_array_get(elements, scored - 1);

        assert_ptr_equal(cf_framework_element(f->fw, 7), fe);
        check_string(o, "element", "F");
        check_number(o, "score", three_tenths());
        assert_true(json_number_value(member(o, "score")) == 0.1 + 0.2);
        assert_non_null(strstr(text, "0.30000000000000004"));
    }
    /* Each number has its own shortest form: A.2 rated 1 is 0.25. */
    assert_non_null(strstr(text, "\"normalized\":0.25,"));

    json_decref(root);
    cf_string_free(text);
    cf_scores_free(s);
    cf_assessment_free(a);
}

/* ---- gap report --------------------------------------------------------- */

static void check_gap_target(json_t *o, const cf_gap_report *r, size_t t)
{
    static const char *const target_keys[] = {"element",
                                              "title",
                                              "status",
                                              "required",
                                              "required_normalized",
                                              "achieved",
                                              "achieved_normalized",
                                              "gap",
                                              "gap_normalized",
                                              "importance",
                                              "critical",
                                              "explanation",
                                              "inputs",
                                              NULL};
    static const char *const input_keys[] = {"element", "score", "weight",
                                             "share", NULL};
    const cf_element *el = cf_gap_report_element(r, t);
    size_t k, n = cf_gap_report_input_count(r, t);
    json_t *inputs;

    check_keys(o, target_keys);
    check_element(o, "element", el);
    check_string(o, "title", cf_element_title(el));
    check_string(o, "status", cf_status_name(cf_gap_report_status(r, t)));
    check_number(o, "required", cf_gap_report_required(r, t));
    check_number(o, "required_normalized",
                 cf_gap_report_required_normalized(r, t));
    check_number(o, "achieved", cf_gap_report_achieved(r, t));
    check_number(o, "achieved_normalized",
                 cf_gap_report_achieved_normalized(r, t));
    check_number(o, "gap", cf_gap_report_gap(r, t));
    check_number(o, "gap_normalized", cf_gap_report_gap_normalized(r, t));
    check_number(o, "importance", cf_gap_report_importance(r, t));
    check_bool(o, "critical", cf_gap_report_critical(r, t));
    check_string(o, "explanation", cf_gap_report_explanation(r, t));
    inputs = array_member(o, "inputs", n);
    for (k = 0; k < n; k++) {
        json_t *io = json_array_get(inputs, k);
        double score, weight, share;
        const cf_element *in =
            cf_gap_report_input(r, t, k, &score, &weight, &share);

        check_keys(io, input_keys);
        check_element(io, "element", in);
        check_number(io, "score", score);
        check_number(io, "weight", weight);
        check_number(io, "share", share);
    }
}

static void check_priorities(const json_t *obj, const char *key,
                             const cf_gap_report *r)
{
    size_t k, n = cf_gap_report_priority_count(r);
    json_t *ids = array_member(obj, key, n);

    for (k = 0; k < n; k++) {
        const cf_element *el =
            cf_gap_report_element(r, cf_gap_report_priority(r, k));
        json_t *v = json_array_get(ids, k);

        assert_true(json_is_string(v));
        assert_string_equal(json_string_value(v), cf_element_id(el));
    }
}

static void check_gap_json(const char *text, const cf_gap_report *r)
{
    static const char *const root_keys[] = {
        "report", "framework", "profile", "subject", "rater",      "role",
        "date",   "fit",       "ready",   "targets", "priorities", NULL};
    json_t *root = parse(text);
    json_t *targets;
    size_t t, n = cf_gap_report_target_count(r);

    check_keys(root, root_keys);
    check_string(root, "report", "gap");
    check_string(root, "framework", "json-test");
    check_profile(root, cf_gap_report_profile(r));
    check_assessment(root, cf_gap_report_assessment(r));
    check_number(root, "fit", cf_gap_report_fit(r));
    check_bool(root, "ready", cf_gap_report_ready(r));
    targets = array_member(root, "targets", n);
    for (t = 0; t < n; t++) {
        check_gap_target(json_array_get(targets, t), r, t);
    }
    check_priorities(root, "priorities", r);
    json_decref(root);
}

static void test_gap(void **state)
{
    fixture *f = *state;
    cf_assessment *a;
    cf_gap_report *r = NULL;
    cf_error err;
    char *text = NULL;
    json_t *root, *target;

    a = assess_jdoe_fine(f, "asmith", "manager", "2026-11-01");
    support_fail_on(cf_gap_analyze(&r, a, f->profile, NULL, &err), &err,
                    "cf_gap_analyze");
    assert_int_equal(cf_gap_report_target_count(r), 5);
    text = WRITE_JSON(cf_gap_report_to_json, r, 0);
    check_gap_json(text, r);

    /* U is unassessed: its NaNs are nulls, and it has no inputs. */
    assert_int_equal(cf_gap_report_status(r, 3), CF_STATUS_UNASSESSED);
    assert_true(isnan(cf_gap_report_achieved(r, 3)));
    assert_int_equal(cf_gap_report_input_count(r, 3), 0);
    root = parse(text);
    target = json_array_get(member(root, "targets"), 3);
    check_string(target, "element", "U");
    check_string(target, "status", "unassessed");
    assert_true(json_is_null(member(target, "achieved")));
    assert_true(json_is_null(member(target, "achieved_normalized")));
    assert_true(json_is_null(member(target, "gap")));
    assert_true(json_is_null(member(target, "gap_normalized")));
    check_number(target, "required", 2);

    /* Whole numbers are written as integers, the rest as reals. */
    assert_true(json_is_integer(member(target, "required")));
    assert_true(json_is_real(member(target, "required_normalized")));
    assert_true(json_is_real(member(target, "importance")));
    assert_non_null(
        strstr(text, "\"required\":2,\"required_normalized\":0.5,"));

    json_decref(root);
    cf_string_free(text);
    cf_gap_report_free(r);
    cf_assessment_free(a);
}

/* ---- team report --------------------------------------------------------- */

static const support_rating ann_ratings[] = {{"A.1", 4}, {"A.2", 4}, {"A.3", 3},
                                             {"B.1", 4}, {"F", 1},   {"U", 2},
                                             {NULL, 0}};
static const support_rating bob_ratings[] = {
    {"A.1", 2}, {"A.2", 3}, {"B.2", 4}, {"F", 0.1}, {NULL, 0}};
static const support_rating cat_ratings[] = {{"U", 1}, {NULL, 0}};

static void test_team(void **state)
{
    static const char *const root_keys[] = {
        "report", "framework", "profile", "targets", "people", "ranking", NULL};
    static const char *const target_keys[] = {"element",
                                              "assessed",
                                              "mean",
                                              "min",
                                              "max",
                                              "meeting",
                                              "single_point_of_failure",
                                              NULL};
    static const char *const person_keys[] = {"subject", "fit", "ready",
                                              "unmet", NULL};
    fixture *f = *state;
    cf_assessment *people[3];
    cf_team_report *r = NULL;
    cf_error err;
    char *text = NULL;
    json_t *root, *targets, *list, *ranking;
    size_t t, i, k, n;

    people[0] = support_assess(f->fw, "cat", NULL, NULL, NULL, cat_ratings);
    people[1] = support_assess(f->fw, "ann", NULL, NULL, NULL, ann_ratings);
    people[2] = support_assess(f->fw, "bob", NULL, NULL, NULL, bob_ratings);
    support_fail_on(cf_team_analyze(&r, (const cf_assessment *const *)people, 3,
                                    f->profile, NULL, &err),
                    &err, "cf_team_analyze");
    text = WRITE_JSON(cf_team_report_to_json, r, 0);
    root = parse(text);

    check_keys(root, root_keys);
    check_string(root, "report", "team");
    check_string(root, "framework", "json-test");
    check_profile(root, f->profile);

    n = cf_team_report_target_count(r);
    assert_int_equal(n, 5);
    targets = array_member(root, "targets", n);
    for (t = 0; t < n; t++) {
        json_t *o = json_array_get(targets, t);

        check_keys(o, target_keys);
        check_element(o, "element", cf_team_report_element(r, t));
        check_count(o, "assessed", cf_team_report_assessed(r, t));
        check_number(o, "mean", cf_team_report_mean(r, t));
        check_number(o, "min", cf_team_report_min(r, t));
        check_number(o, "max", cf_team_report_max(r, t));
        check_count(o, "meeting", cf_team_report_meeting(r, t));
        check_bool(o, "single_point_of_failure",
                   cf_team_report_single_point(r, t));
    }
    /* A.3 is assessed by ann alone; B by ann and bob. */
    assert_int_equal(cf_team_report_assessed(r, 4), 1);
    assert_int_equal(cf_team_report_assessed(r, 1), 2);

    n = cf_team_report_person_count(r);
    assert_int_equal(n, 3);
    list = array_member(root, "people", n);
    for (i = 0; i < n; i++) {
        const cf_gap_report *g = cf_team_report_person(r, i);
        json_t *o = json_array_get(list, i);

        check_keys(o, person_keys);
        check_string(o, "subject",
                     cf_assessment_subject(cf_gap_report_assessment(g)));
        check_number(o, "fit", cf_gap_report_fit(g));
        check_bool(o, "ready", cf_gap_report_ready(g));
        check_priorities(o, "unmet", g);
    }
    check_string(json_array_get(list, 0), "subject", "cat");

    ranking = array_member(root, "ranking", n);
    for (k = 0; k < n; k++) {
        const cf_gap_report *g =
            cf_team_report_person(r, cf_team_report_rank(r, k));

        assert_string_equal(json_string_value(json_array_get(ranking, k)),
                            cf_assessment_subject(cf_gap_report_assessment(g)));
    }

    json_decref(root);
    cf_string_free(text);
    cf_team_report_free(r);
    for (i = 0; i < 3; i++) {
        cf_assessment_free(people[i]);
    }
}

/* ---- consolidation ------------------------------------------------------- */

static const support_rating self_ratings[] = {
    {"A.1", 4}, {"B.1", 1}, {NULL, 0}};
static const support_rating manager_ratings[] = {
    {"A.1", 2}, {"A.2", 3}, {NULL, 0}};
static const support_rating peer_ratings[] = {
    {"A.1", 2}, {"B.1", 3}, {"F", 0.1}, {NULL, 0}};

static void test_consolidation(void **state)
{
    static const char *const root_keys[] = {"report", "framework", "subject",
                                            "elements", NULL};
    static const char *const element_keys[] = {
        "element",           "level", "raters", "spread", "self", "others",
        "self_minus_others", "flag",  NULL};
    static const cf_role_weight weights[] = {{"manager", 2}};
    fixture *f = *state;
    cf_assessment *raters[3];
    cf_consolidate_options opts = CF_CONSOLIDATE_OPTIONS_INIT;
    cf_consolidation *c = NULL;
    cf_assessment *merged;
    cf_error err;
    char *text = NULL;
    json_t *root, *elements;
    size_t i, k, rated = 0;

    raters[0] = support_assess(f->fw, "dee", "dee", "self", NULL, self_ratings);
    raters[1] =
        support_assess(f->fw, "dee", "mo", "manager", NULL, manager_ratings);
    raters[2] = support_assess(f->fw, "dee", "pat", "peer", NULL, peer_ratings);
    opts.role_weights = weights;
    opts.role_weight_count = 1;
    support_fail_on(cf_consolidate(&c, (const cf_assessment *const *)raters, 3,
                                   &opts, &err),
                    &err, "cf_consolidate");
    merged = cf_consolidation_assessment(c);
    text = WRITE_JSON(cf_consolidation_to_json, c, 0);
    root = parse(text);

    check_keys(root, root_keys);
    check_string(root, "report", "consolidation");
    check_string(root, "framework", "json-test");
    check_string(root, "subject", "dee");

    /* Only the elements someone rated, in framework order. */
    for (i = 0; i < N_ELEMENTS; i++) {
        rated += cf_consolidation_raters(c, i) > 0;
    }
    assert_int_equal(rated, 4); /* A.1, A.2, B.1, F */
    elements = array_member(root, "elements", rated);
    for (i = 0, k = 0; i < N_ELEMENTS; i++) {
        json_t *o;

        if (cf_consolidation_raters(c, i) == 0) {
            continue;
        }
        o = json_array_get(elements, k++);
        check_keys(o, element_keys);
        check_element(o, "element", cf_framework_element(f->fw, i));
        check_number(o, "level", cf_assessment_level(merged, i));
        check_count(o, "raters", cf_consolidation_raters(c, i));
        check_number(o, "spread", cf_consolidation_spread(c, i));
        check_number(o, "self", cf_consolidation_self(c, i));
        check_number(o, "others", cf_consolidation_others(c, i));
        check_number(o, "self_minus_others",
                     cf_consolidation_self_minus_others(c, i));
        check_string(o, "flag", cf_flag_name(cf_consolidation_flag(c, i)));
    }
    /* A.2: rated by the manager only, so no self: null. */
    check_string(json_array_get(elements, 1), "element", "A.2");
    assert_true(json_is_null(member(json_array_get(elements, 1), "self")));
    check_string(json_array_get(elements, 0), "flag", "blind_spot");

    json_decref(root);
    cf_string_free(text);
    cf_consolidation_free(c);
    for (i = 0; i < 3; i++) {
        cf_assessment_free(raters[i]);
    }
}

/* ---- progress ------------------------------------------------------------ */

static const support_rating before_ratings[] = {
    {"A.1", 1}, {"A.2", 2}, {"B.1", 3}, {NULL, 0}};
static const support_rating after_ratings[] = {
    {"A.1", 3}, {"A.2", 2}, {"B.1", 2}, {"F", 0.1}, {NULL, 0}};

static void check_progress_json(const cf_progress_report *r,
                                const cf_assessment *before,
                                const cf_assessment *after, const cf_profile *p,
                                cf_framework *fw)
{
    static const char *const root_keys[] = {
        "report",     "framework", "subject",    "profile",  "before", "after",
        "fit_before", "fit_after", "fit_change", "elements", NULL};
    static const char *const moment_keys[] = {"rater", "role", "date", NULL};
    static const char *const element_keys[] = {"element", "before", "after",
                                               "change",  "trend",  NULL};
    cf_error err;
    char *text = NULL;
    json_t *root, *elements, *o;
    size_t i, k, listed = 0;
    double fit_before = cf_progress_report_fit_before(r);
    double fit_after = cf_progress_report_fit_after(r);

    text = WRITE_JSON(cf_progress_report_to_json, r, 0);
    root = parse(text);
    check_keys(root, root_keys);
    check_string(root, "report", "progress");
    check_string(root, "framework", "json-test");
    check_string(root, "subject", "eve");
    if (p == NULL) {
        assert_true(json_is_null(member(root, "profile")));
    } else {
        check_profile(root, p);
    }
    o = member(root, "before");
    check_keys(o, moment_keys);
    check_string(o, "rater", cf_assessment_rater(before));
    check_string(o, "role", cf_assessment_role(before));
    check_string(o, "date", cf_assessment_date(before));
    o = member(root, "after");
    check_keys(o, moment_keys);
    check_string(o, "rater", cf_assessment_rater(after));
    check_string(o, "date", cf_assessment_date(after));
    check_number(root, "fit_before", fit_before);
    check_number(root, "fit_after", fit_after);
    check_number(root, "fit_change", fit_after - fit_before);

    for (i = 0; i < N_ELEMENTS; i++) {
        listed += !(isnan(cf_progress_report_before(r, i)) &&
                    isnan(cf_progress_report_after(r, i)));
    }
    assert_int_equal(listed, 6); /* all but A.3, B.2 and U */
    elements = array_member(root, "elements", listed);
    for (i = 0, k = 0; i < N_ELEMENTS; i++) {
        if (isnan(cf_progress_report_before(r, i)) &&
            isnan(cf_progress_report_after(r, i))) {
            continue;
        }
        o = json_array_get(elements, k++);
        check_keys(o, element_keys);
        check_element(o, "element", cf_framework_element(fw, i));
        check_number(o, "before", cf_progress_report_before(r, i));
        check_number(o, "after", cf_progress_report_after(r, i));
        check_number(o, "change", cf_progress_report_change(r, i));
        check_string(o, "trend", cf_trend_name(cf_progress_report_trend(r, i)));
    }
    /* F was unscored before: its before and change are null. */
    o = json_array_get(elements, listed - 1);
    check_string(o, "element", "F");
    assert_true(json_is_null(member(o, "before")));
    assert_true(json_is_null(member(o, "change")));
    check_string(o, "trend", "unscored");

    json_decref(root);
    cf_string_free(text);
}

static void test_progress(void **state)
{
    fixture *f = *state;
    cf_assessment *before, *after;
    cf_progress_report *r = NULL;
    cf_error err;

    before = support_assess(f->fw, "eve", "mo", "manager", "2026-01-15",
                            before_ratings);
    after = support_assess(f->fw, "eve", "mo", "manager", "2026-07-15",
                           after_ratings);

    support_fail_on(
        cf_progress_analyze(&r, before, after, f->profile, NULL, &err), &err,
        "cf_progress_analyze");
    assert_false(isnan(cf_progress_report_fit_before(r)));
    check_progress_json(r, before, after, f->profile, f->fw);
    cf_progress_report_free(r);

    /* Without a profile the fits are NaN, so null. */
    r = NULL;
    support_fail_on(cf_progress_analyze(&r, before, after, NULL, NULL, &err),
                    &err, "cf_progress_analyze");
    assert_true(isnan(cf_progress_report_fit_before(r)));
    check_progress_json(r, before, after, NULL, f->fw);
    cf_progress_report_free(r);

    cf_assessment_free(before);
    cf_assessment_free(after);
}

/* ---- text: pretty and compact, errors ---------------------------------- */

static void test_pretty_and_compact(void **state)
{
    fixture *f = *state;
    cf_assessment *a;
    cf_gap_report *r = NULL;
    cf_error err;
    char *compact = NULL, *pretty = NULL, *text = NULL;
    json_t *from_compact, *from_pretty;
    const char *line;

    a = support_assess(f->fw, "jdoe", NULL, NULL, NULL, jdoe_ratings);
    support_fail_on(cf_gap_analyze(&r, a, f->profile, NULL, &err), &err,
                    "cf_gap_analyze");
    compact = WRITE_JSON(cf_gap_report_to_json, r, 0);
    text = NULL;
    pretty = WRITE_JSON(cf_gap_report_to_json, r, CF_JSON_PRETTY);

    /* Compact: one line, no space after ':' or ','. */
    assert_null(strchr(compact, '\n'));
    assert_null(strstr(compact, "\": "));
    assert_int_equal(strncmp(compact, "{\"report\":\"gap\",", 16), 0);

    /* Pretty: indented by 2 per level, no newline at the end. */
    assert_int_equal(strncmp(pretty, "{\n  \"report\": \"gap\",\n", 21), 0);
    assert_non_null(strstr(pretty, "\n  \"targets\": [\n    {\n      \""));
    assert_true(pretty[strlen(pretty) - 1] == '}');
    for (line = pretty; line != NULL; line = strchr(line + 1, '\n')) {
        size_t spaces = strspn(line + 1, " ");

        if (*line == '\n') {
            assert_int_equal(spaces % 2, 0);
        }
    }

    /* The same JSON either way. */
    from_compact = parse(compact);
    from_pretty = parse(pretty);
    assert_true(json_equal(from_compact, from_pretty));
    check_gap_json(pretty, r);

    /* And the same text every time. */
    text = NULL;
    text = WRITE_JSON(cf_gap_report_to_json, r, 0);
    assert_string_equal(text, compact);

    json_decref(from_compact);
    json_decref(from_pretty);
    cf_string_free(text);
    cf_string_free(compact);
    cf_string_free(pretty);
    cf_gap_report_free(r);
    cf_assessment_free(a);
}

static void test_errors(void **state)
{
    fixture *f = *state;
    cf_assessment *a;
    cf_scores *s = NULL;
    cf_error err;
    char *text = (char *)"unchanged";

    memset(&err, 0, sizeof err);
    assert_int_equal(cf_gap_report_to_json(NULL, 0, &text, &err), CF_EARG);
    assert_null(text);
    assert_int_equal(err.code, CF_EARG);
    assert_int_equal(cf_team_report_to_json(NULL, 0, &text, NULL), CF_EARG);
    assert_int_equal(cf_consolidation_to_json(NULL, 0, &text, NULL), CF_EARG);
    assert_int_equal(cf_progress_report_to_json(NULL, 0, &text, NULL), CF_EARG);

    a = support_assess(f->fw, "jdoe", NULL, NULL, NULL, jdoe_ratings);
    support_fail_on(cf_scores_compute(&s, a, NULL, &err), &err,
                    "cf_scores_compute");
    assert_int_equal(cf_scores_to_json(s, 0, NULL, &err), CF_EARG);
    text = (char *)"unchanged";
    memset(&err, 0, sizeof err);
    assert_int_equal(cf_scores_to_json(s, 2, &text, &err), CF_EARG);
    assert_null(text);
    assert_non_null(strstr(err.message, "0x2"));
    cf_scores_free(s);
    cf_assessment_free(a);

    cf_string_free(NULL);
}

/* ---- out of memory ------------------------------------------------------ */

/* jansson's allocator for the test below: fails allocation number fail_at
 * (counting from 1), and every one after it. */
static size_t allocations, fail_at;

static void *failing_malloc(size_t size)
{
    return ++allocations >= fail_at ? NULL : malloc(size);
}

/*
 * Writes report with every jansson allocation failing in turn: each
 * attempt must give CF_ENOMEM and no text (ASan sees any leak), until one
 * has enough memory and gives expected.
 */
#define CHECK_OUT_OF_MEMORY(fn, report, expected)                              \
    do {                                                                       \
        int rc_;                                                               \
        for (fail_at = 1;; fail_at++) {                                        \
            char *text_ = (char *)"unchanged";                                 \
            allocations = 0;                                                   \
            json_set_alloc_funcs(failing_malloc, free);                        \
            rc_ = (fn)((report), 0, &text_, &err);                             \
            json_set_alloc_funcs(malloc, free);                                \
            if (rc_ == CF_OK) {                                                \
                assert_string_equal(text_, (expected));                        \
                cf_string_free(text_);                                         \
                break;                                                         \
            }                                                                  \
            assert_int_equal(rc_, CF_ENOMEM);                                  \
            assert_int_equal(err.code, CF_ENOMEM);                             \
            assert_null(text_);                                                \
        }                                                                      \
        assert_true(fail_at > 10);                                             \
    } while (0)

static void test_out_of_memory(void **state)
{
    fixture *f = *state;
    cf_assessment *a, *b, *ann, *people[2];
    cf_scores *s = NULL;
    cf_gap_report *g = NULL;
    cf_team_report *t = NULL;
    cf_consolidation *c = NULL;
    cf_progress_report *p = NULL;
    cf_error err;
    char *text = NULL;

    a = support_assess(f->fw, "jdoe", "mo", "self", NULL, jdoe_ratings);
    b = support_assess(f->fw, "jdoe", "pat", "peer", "2026-02-03", ann_ratings);
    ann = support_assess(f->fw, "ann", NULL, NULL, NULL, ann_ratings);
    people[0] = a;
    people[1] = ann;
    support_fail_on(cf_scores_compute(&s, a, NULL, &err), &err, "scores");
    support_fail_on(cf_gap_analyze(&g, a, f->profile, NULL, &err), &err, "gap");
    support_fail_on(cf_team_analyze(&t, (const cf_assessment *const *)people, 2,
                                    f->profile, NULL, &err),
                    &err, "team");
    people[1] = b;
    support_fail_on(
        cf_consolidate(&c, (const cf_assessment *const *)people, 2, NULL, &err),
        &err, "consolidate");
    support_fail_on(cf_progress_analyze(&p, a, b, f->profile, NULL, &err), &err,
                    "progress");

    text = WRITE_JSON(cf_scores_to_json, s, 0);
    CHECK_OUT_OF_MEMORY(cf_scores_to_json, s, text);
    cf_string_free(text);
    text = WRITE_JSON(cf_gap_report_to_json, g, 0);
    CHECK_OUT_OF_MEMORY(cf_gap_report_to_json, g, text);
    cf_string_free(text);
    text = WRITE_JSON(cf_team_report_to_json, t, 0);
    CHECK_OUT_OF_MEMORY(cf_team_report_to_json, t, text);
    cf_string_free(text);
    text = WRITE_JSON(cf_consolidation_to_json, c, 0);
    CHECK_OUT_OF_MEMORY(cf_consolidation_to_json, c, text);
    cf_string_free(text);
    text = WRITE_JSON(cf_progress_report_to_json, p, 0);
    CHECK_OUT_OF_MEMORY(cf_progress_report_to_json, p, text);
    cf_string_free(text);

    cf_progress_report_free(p);
    cf_consolidation_free(c);
    cf_team_report_free(t);
    cf_gap_report_free(g);
    cf_scores_free(s);
    cf_assessment_free(ann);
    cf_assessment_free(b);
    cf_assessment_free(a);
}

/* A locale whose decimal point is a comma changes nothing in the JSON. */
static void test_comma_locale(void **state)
{
    static const char *const locales[] = {"de_DE.UTF-8", "de_DE.utf8",
                                          "fr_FR.UTF-8", "fr_FR.utf8",
                                          "nl_NL.UTF-8", NULL};
    fixture *f = *state;
    cf_assessment *a;
    cf_scores *s = NULL;
    cf_error err;
    char *text = NULL, *in_c = NULL;
    const char *const *name;

    a = assess_jdoe_fine(f, NULL, NULL, NULL);
    support_fail_on(cf_scores_compute(&s, a, NULL, &err), &err,
                    "cf_scores_compute");
    in_c = WRITE_JSON(cf_scores_to_json, s, 0);
    for (name = locales; *name != NULL; name++) {
        if (setlocale(LC_NUMERIC, *name) != NULL) {
            break;
        }
    }
    if (*name != NULL) {
        text = NULL;
        text = WRITE_JSON(cf_scores_to_json, s, 0);
        setlocale(LC_NUMERIC, "C");
        assert_string_equal(text, in_c);
        cf_string_free(text);
    }
    cf_string_free(in_c);
    cf_scores_free(s);
    cf_assessment_free(a);
    if (*name == NULL) {
        skip(); /* no such locale installed */
    }
}

/* Text that is not UTF-8 cannot go into JSON: CF_EINVALID, not garbage. */
static void test_invalid_utf8(void **state)
{
    fixture *f = *state;
    cf_assessment *a = NULL;
    cf_scores *s = NULL;
    cf_error err;
    char *text = NULL;

    memset(&err, 0, sizeof err);
    support_fail_on(cf_assessment_new(&a, f->fw, "jdoe", NULL, &err), &err,
                    "cf_assessment_new");
    if (cf_assessment_set_rater(a, "caf\xe9", &err) != CF_OK) {
        /* The library refuses such text before it reaches JSON. */
        cf_assessment_free(a);
        skip();
    }
    support_fail_on(cf_scores_compute(&s, a, NULL, &err), &err,
                    "cf_scores_compute");
    assert_int_equal(cf_scores_to_json(s, 0, &text, &err), CF_EINVALID);
    assert_null(text);
    assert_non_null(strstr(err.message, "rater"));
    cf_scores_free(s);
    cf_assessment_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scores),
        cmocka_unit_test(test_gap),
        cmocka_unit_test(test_team),
        cmocka_unit_test(test_consolidation),
        cmocka_unit_test(test_progress),
        cmocka_unit_test(test_pretty_and_compact),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_comma_locale),
        cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test(test_invalid_utf8),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
