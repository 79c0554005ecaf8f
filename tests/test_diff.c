/*
 * Framework diffs (cf_framework_diff): two versions of a small framework.
 *
 * Version 1                         Version 2
 *   scales four (1 Low, 2 Mid,        four gains 4 Expert
 *     3 High; proficient 2),          yesno as it was
 *     yesno (0 No, 1 Yes), old        new (1 X, 2 Y) added; old removed
 *   A Reference                       A Reference
 *     A.1 Answers questions             A.1 Answers reference questions
 *     A.2 Finds sources, weight 2       A.2 Finds sources, weight 3
 *     A.3 Uses catalogue                B.2 Talks to press (from B)
 *   B Outreach                        B Outreach, rollup min
 *     B.1 Runs events                   B.1 Runs events, scale yesno
 *     B.2 Talks to press                B.3 Writes newsletter
 *
 * Expected changes, in order (scales first, new order then removed ones;
 * then elements in the new pre-order, then removed ones in the old):
 *   scale      four  "1 Low, 2 Mid, 3 High; proficient 2"
 *                    -> "1 Low, 2 Mid, 3 High, 4 Expert; proficient 2"
 *   scale      new   (none) -> "1 X, 2 Y; proficient 2"
 *   scale      old   "1 A; proficient 1" -> (none)
 *   retitled   A.1   Answers questions -> Answers reference questions
 *   reweighted A.2   weight 2, mean -> weight 3, mean
 *   moved      B.2   B -> A
 *   reweighted B     weight 1, mean -> weight 1, min
 *   rescaled   B.1   four -> yesno
 *   added      B.3   (none) -> Writes newsletter
 *   removed    A.3   Uses catalogue -> (none)
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "competency.h"
#include "support.h"
#include "support_alloc.h"

static const char v1_yaml[] =
    "framework:\n"
    "  id: lib\n"
    "  title: Library skills\n"
    "  version: \"1\"\n"
    "  scales:\n"
    "    - id: four\n"
    "      levels: [{value: 1, label: Low}, {value: 2, label: Mid},\n"
    "               {value: 3, label: High}]\n"
    "      proficient: 2\n"
    "    - id: yesno\n"
    "      levels: [{value: 0, label: \"No\"}, {value: 1, label: \"Yes\"}]\n"
    "      proficient: 1\n"
    "    - id: old\n"
    "      levels: [{value: 1, label: A}]\n"
    "      proficient: 1\n"
    "  default_scale: four\n"
    "  elements:\n"
    "    - id: A\n"
    "      title: Reference\n"
    "      children:\n"
    "        - {id: A.1, title: Answers questions}\n"
    "        - {id: A.2, title: Finds sources, weight: 2}\n"
    "        - {id: A.3, title: Uses catalogue}\n"
    "    - id: B\n"
    "      title: Outreach\n"
    "      children:\n"
    "        - {id: B.1, title: Runs events}\n"
    "        - {id: B.2, title: Talks to press}\n";

static const char v2_yaml[] =
    "framework:\n"
    "  id: lib\n"
    "  title: Library skills\n"
    "  version: \"2\"\n"
    "  scales:\n"
    "    - id: four\n"
    "      levels: [{value: 1, label: Low}, {value: 2, label: Mid},\n"
    "               {value: 3, label: High}, {value: 4, label: Expert}]\n"
    "      proficient: 2\n"
    "    - id: yesno\n"
    "      levels: [{value: 0, label: \"No\"}, {value: 1, label: \"Yes\"}]\n"
    "      proficient: 1\n"
    "    - id: new\n"
    "      levels: [{value: 1, label: X}, {value: 2, label: Y}]\n"
    "      proficient: 2\n"
    "  default_scale: four\n"
    "  elements:\n"
    "    - id: A\n"
    "      title: Reference\n"
    "      children:\n"
    "        - {id: A.1, title: Answers reference questions}\n"
    "        - {id: A.2, title: Finds sources, weight: 3}\n"
    "        - {id: B.2, title: Talks to press}\n"
    "    - id: B\n"
    "      title: Outreach\n"
    "      rollup: min\n"
    "      children:\n"
    "        - {id: B.1, title: Runs events, scale: yesno}\n"
    "        - {id: B.3, title: Writes newsletter}\n";

typedef struct expected {
    cf_change change;
    const char *id;
    const char *before;
    const char *after;
} expected;

static const expected changes[] = {
    {CF_CHANGE_SCALE, "four", "1 Low, 2 Mid, 3 High; proficient 2",
     "1 Low, 2 Mid, 3 High, 4 Expert; proficient 2"},
    {CF_CHANGE_SCALE, "new", NULL, "1 X, 2 Y; proficient 2"},
    {CF_CHANGE_SCALE, "old", "1 A; proficient 1", NULL},
    {CF_CHANGE_RETITLED, "A.1", "Answers questions",
     "Answers reference questions"},
    {CF_CHANGE_REWEIGHTED, "A.2", "weight 2, mean", "weight 3, mean"},
    {CF_CHANGE_MOVED, "B.2", "B", "A"},
    {CF_CHANGE_REWEIGHTED, "B", "weight 1, mean", "weight 1, min"},
    {CF_CHANGE_RESCALED, "B.1", "four", "yesno"},
    {CF_CHANGE_ADDED, "B.3", NULL, "Writes newsletter"},
    {CF_CHANGE_REMOVED, "A.3", "Uses catalogue", NULL},
};

#define CHANGE_COUNT (sizeof changes / sizeof changes[0])

static void same_text(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        assert_ptr_equal(a, b);
    else
        assert_string_equal(a, b);
}

static void test_changes(void **state)
{
    cf_framework *v1 = support_load(v1_yaml), *v2 = support_load(v2_yaml);
    cf_diff *d = NULL;
    cf_error err;
    (void)state;
    support_fail_on(cf_framework_diff(&d, v1, v2, &err), &err, "diff");
    /* The diff holds references: the frameworks may go first. */
    cf_framework_free(v1);
    cf_framework_free(v2);
    assert_int_equal(cf_diff_count(d), CHANGE_COUNT);
    for (size_t i = 0; i < CHANGE_COUNT; i++) {
        assert_int_equal(cf_diff_change(d, i), changes[i].change);
        assert_string_equal(cf_diff_id(d, i), changes[i].id);
        same_text(cf_diff_before(d, i), changes[i].before);
        same_text(cf_diff_after(d, i), changes[i].after);
    }
    assert_null(cf_diff_id(d, CHANGE_COUNT));
    assert_null(cf_diff_before(d, CHANGE_COUNT));
    cf_diff_free(d);
}

static void test_no_changes(void **state)
{
    cf_framework *v1 = support_load(v1_yaml);
    cf_diff *d = NULL;
    cf_error err;
    (void)state;
    support_fail_on(cf_framework_diff(&d, v1, v1, &err), &err, "diff");
    assert_int_equal(cf_diff_count(d), 0);
    cf_diff_free(d);
    cf_framework_free(v1);
}

static void test_top_level_move(void **state)
{
    /* B.2 moved to the top level. */
    static const char moved_yaml[] =
        "framework:\n"
        "  id: lib\n"
        "  title: Library skills\n"
        "  version: \"1\"\n"
        "  scales:\n"
        "    - id: four\n"
        "      levels: [{value: 1, label: Low}, {value: 2, label: Mid},\n"
        "               {value: 3, label: High}]\n"
        "      proficient: 2\n"
        "    - id: yesno\n"
        "      levels: [{value: 0, label: \"No\"}, {value: 1, label: "
        "\"Yes\"}]\n"
        "      proficient: 1\n"
        "    - id: old\n"
        "      levels: [{value: 1, label: A}]\n"
        "      proficient: 1\n"
        "  default_scale: four\n"
        "  elements:\n"
        "    - id: A\n"
        "      title: Reference\n"
        "      children:\n"
        "        - {id: A.1, title: Answers questions}\n"
        "        - {id: A.2, title: Finds sources, weight: 2}\n"
        "        - {id: A.3, title: Uses catalogue}\n"
        "    - id: B\n"
        "      title: Outreach\n"
        "      children:\n"
        "        - {id: B.1, title: Runs events}\n"
        "    - {id: B.2, title: Talks to press}\n";
    cf_framework *v1 = support_load(v1_yaml), *v2 = support_load(moved_yaml);
    cf_diff *d = NULL;
    cf_error err;
    (void)state;
    support_fail_on(cf_framework_diff(&d, v1, v2, &err), &err, "diff");
    assert_int_equal(cf_diff_count(d), 1);
    assert_int_equal(cf_diff_change(d, 0), CF_CHANGE_MOVED);
    assert_string_equal(cf_diff_before(d, 0), "B");
    assert_string_equal(cf_diff_after(d, 0), "(top level)");
    cf_diff_free(d);
    cf_framework_free(v1);
    cf_framework_free(v2);
}

static void test_json(void **state)
{
    cf_framework *v1 = support_load(v1_yaml), *v2 = support_load(v2_yaml);
    cf_diff *d = NULL;
    cf_error err;
    char *json = NULL;
    (void)state;
    support_fail_on(cf_framework_diff(&d, v1, v2, &err), &err, "diff");
    support_fail_on(cf_diff_to_json(d, 0, &json, &err), &err, "to_json");
    assert_non_null(strstr(json, "\"old\":{\"id\":\"lib\",\"title\":\"Library "
                                 "skills\",\"version\":\"1\"}"));
    assert_non_null(strstr(json, "{\"change\":\"added\",\"id\":\"B.3\","
                                 "\"before\":null,\"after\":\"Writes "
                                 "newsletter\"}"));
    cf_string_free(json);
    assert_int_equal(cf_diff_to_json(d, 8, &json, &err), CF_EARG);
    assert_null(json);
    cf_diff_free(d);
    cf_framework_free(v1);
    cf_framework_free(v2);
}

static void test_names_and_arguments(void **state)
{
    static const char *const names[] = {"added", "removed",    "retitled",
                                        "moved", "reweighted", "rescaled",
                                        "scale"};
    cf_diff *d = (cf_diff *)names;
    cf_error err;
    (void)state;
    for (int i = 0; i < 7; i++)
        assert_string_equal(cf_change_name((cf_change)i), names[i]);
    assert_null(cf_change_name((cf_change)7));
    assert_int_equal(cf_framework_diff(&d, NULL, NULL, &err), CF_EARG);
    assert_null(d);
    cf_diff_free(NULL);
}

/* The two versions, loaded through a counting allocator. */
typedef struct versions {
    cf_framework *v1, *v2;
} versions;

static int run_diff(void *ctx, const cf_load_options *opts, void **out,
                    cf_error *err)
{
    versions *v = ctx;
    cf_diff *d = *out;
    int rc = cf_framework_diff(&d, v->v1, v->v2, err);
    (void)opts;
    *out = d;
    return rc;
}

static void free_diff(void *ctx, void *d)
{
    (void)ctx;
    assert_int_equal(cf_diff_count(d), CHANGE_COUNT);
    cf_diff_free(d);
}

static void test_allocation_failures(void **state)
{
    struct support_counter counter;
    cf_load_options opts;
    versions v;
    (void)state;
    support_counter_init(&counter);
    opts = support_counter_options(&counter);
    v.v1 = support_load_opts(v1_yaml, &opts);
    v.v2 = support_load_opts(v2_yaml, &opts);
    const struct support_alloc_case t = {
        "cf_framework_diff", run_diff, free_diff, &v, CF_OK, 1};
    support_fail_each_allocation(&counter, &t);
    cf_framework_free(v.v1);
    cf_framework_free(v.v2);
    assert_int_equal(counter.live_blocks, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_changes),
        cmocka_unit_test(test_no_changes),
        cmocka_unit_test(test_top_level_move),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_names_and_arguments),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
