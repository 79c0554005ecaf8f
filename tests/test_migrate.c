/*
 * Migrating assessments between framework versions (cf_assessment_migrate).
 *
 * Version 1 elements (scale four, 1..4): A.1 .. A.5, B.1, C.1.
 * Version 2: A.1, A.2 as before; A.3 kept, replaced_by A.4 and A.1; A.4
 * new; A.5 kept, replaced_by A.1; B.1 now on the yesno scale (0, 1); C.1
 * gone.
 *
 * The assessment (rater, role, date and notes must survive):
 *   A.1 = 2             same id                -> A.1 = 2
 *   A.2 = 4 "note"      same id, note kept     -> A.2 = 4 "note"
 *   A.3 = 3             replaced_by, first one -> A.4 = 3 (moved)
 *   A.5 = 1             replaced_by A.1, which is rated -> dropped
 *   B.1 = 3             3 is not on yesno      -> dropped
 *   C.1 = 2             gone                   -> dropped
 * Dropped, in order: B.1 (level) and C.1 (gone), from the first pass over
 * the ratings that keep their id (old pre-order), then A.5 from the second
 * pass over the ratings that move.
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

static const char v1_yaml[] =
    "framework:\n"
    "  id: lib\n"
    "  title: Library skills\n"
    "  version: \"1\"\n"
    "  scales:\n"
    "    - id: four\n"
    "      levels: [{value: 1, label: Low}, {value: 2, label: Mid},\n"
    "               {value: 3, label: High}, {value: 4, label: Top}]\n"
    "      proficient: 3\n"
    "  elements:\n"
    "    - {id: A.1, title: One}\n"
    "    - {id: A.2, title: Two}\n"
    "    - {id: A.3, title: Three}\n"
    "    - {id: A.5, title: Five}\n"
    "    - {id: B.1, title: Bee}\n"
    "    - {id: C.1, title: Sea}\n";

static const char v2_yaml[] =
    "framework:\n"
    "  id: lib\n"
    "  title: Library skills\n"
    "  version: \"2\"\n"
    "  scales:\n"
    "    - id: four\n"
    "      levels: [{value: 1, label: Low}, {value: 2, label: Mid},\n"
    "               {value: 3, label: High}, {value: 4, label: Top}]\n"
    "      proficient: 3\n"
    "    - id: yesno\n"
    "      levels: [{value: 0, label: \"No\"}, {value: 1, label: \"Yes\"}]\n"
    "      proficient: 1\n"
    "  default_scale: four\n"
    "  elements:\n"
    "    - {id: A.1, title: One}\n"
    "    - {id: A.2, title: Two}\n"
    "    - {id: A.3, title: Three, replaced_by: [A.4, A.1]}\n"
    "    - {id: A.4, title: Four}\n"
    "    - {id: A.5, title: Five, replaced_by: A.1}\n"
    "    - {id: B.1, title: Bee, scale: yesno}\n";

static const char assessment_yaml[] = "assessment:\n"
                                      "  subject: jdoe\n"
                                      "  rater: asmith\n"
                                      "  role: manager\n"
                                      "  date: 2026-11-01\n"
                                      "  ratings:\n"
                                      "    A.1: 2\n"
                                      "    A.2: {level: 4, note: kept note}\n"
                                      "    A.3: 3\n"
                                      "    A.5: 1\n"
                                      "    B.1: 3\n"
                                      "    C.1: 2\n"
                                      "  x-team: outreach\n";

typedef struct fixture {
    cf_framework *v1, *v2;
    cf_assessment_list *list;
    cf_migration *m;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    cf_error err;
    assert_non_null(f);
    f->v1 = support_load(v1_yaml);
    f->v2 = support_load(v2_yaml);
    support_fail_on(
        cf_assessment_list_load_buffer(&f->list, f->v1, assessment_yaml,
                                       strlen(assessment_yaml), "a.yaml",
                                       CF_FORMAT_YAML, NULL, &err),
        &err, "assessment");
    support_fail_on(cf_assessment_migrate(
                        &f->m, cf_assessment_list_get(f->list, 0), f->v2, &err),
                    &err, "migrate");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    cf_migration_free(f->m);
    cf_assessment_list_free(f->list);
    cf_framework_free(f->v1);
    cf_framework_free(f->v2);
    free(f);
    return 0;
}

static double level_of(const cf_assessment *a, const char *id)
{
    const cf_element *el = cf_framework_find(cf_assessment_framework(a), id);
    assert_non_null(el);
    return cf_assessment_level(a, cf_element_index(el));
}

static void test_carried(void **state)
{
    fixture *f = *state;
    const cf_assessment *a = cf_migration_assessment(f->m);
    assert_ptr_equal(cf_assessment_framework(a), f->v2);
    assert_string_equal(cf_assessment_subject(a), "jdoe");
    assert_string_equal(cf_assessment_rater(a), "asmith");
    assert_string_equal(cf_assessment_role(a), "manager");
    assert_string_equal(cf_assessment_date(a), "2026-11-01");
    assert_string_equal(
        cf_extensions_get(cf_assessment_extensions(a), "x-team"), "outreach");
    assert_int_equal(cf_assessment_rated_count(a), 3);
    assert_true(level_of(a, "A.1") == 2);
    assert_true(level_of(a, "A.2") == 4);
    assert_true(level_of(a, "A.4") == 3);
    assert_true(isnan(level_of(a, "A.3")));
    assert_true(isnan(level_of(a, "B.1")));
    const cf_element *a2 = cf_framework_find(f->v2, "A.2");
    assert_string_equal(cf_assessment_note(a, cf_element_index(a2)),
                        "kept note");
}

static void test_moved(void **state)
{
    fixture *f = *state;
    assert_int_equal(cf_migration_moved_count(f->m), 1);
    assert_string_equal(cf_migration_moved_from(f->m, 0), "A.3");
    assert_string_equal(cf_migration_moved_to(f->m, 0), "A.4");
    assert_null(cf_migration_moved_from(f->m, 1));
    assert_null(cf_migration_moved_to(f->m, 1));
}

static void test_dropped(void **state)
{
    fixture *f = *state;
    assert_int_equal(cf_migration_dropped_count(f->m), 3);
    assert_string_equal(cf_migration_dropped_id(f->m, 0), "B.1");
    assert_string_equal(cf_migration_dropped_reason(f->m, 0),
                        "level 3 is not on scale 'yesno' of element 'B.1' "
                        "(its levels: 0 No, 1 Yes)");
    assert_string_equal(cf_migration_dropped_id(f->m, 1), "C.1");
    assert_string_equal(cf_migration_dropped_reason(f->m, 1),
                        "no element 'C.1' in the new version");
    assert_string_equal(cf_migration_dropped_id(f->m, 2), "A.5");
    assert_string_equal(cf_migration_dropped_reason(f->m, 2),
                        "element 'A.1', which replaces it, is already rated");
    assert_null(cf_migration_dropped_id(f->m, 3));
    assert_null(cf_migration_dropped_reason(f->m, 3));
}

static void test_json(void **state)
{
    fixture *f = *state;
    cf_error err;
    char *json = NULL;
    support_fail_on(cf_migration_to_json(f->m, 0, &json, &err), &err, "json");
    assert_non_null(strstr(json, "\"subject\":\"jdoe\""));
    assert_non_null(strstr(json, "\"carried\":3"));
    assert_non_null(
        strstr(json, "\"moved\":[{\"from\":\"A.3\",\"to\":\"A.4\"}]"));
    assert_non_null(strstr(json, "{\"id\":\"C.1\",\"reason\":\"no element "
                                 "'C.1' in the new version\"}"));
    cf_string_free(json);
}

static void test_same_version(void **state)
{
    fixture *f = *state;
    cf_migration *m = NULL;
    cf_error err;
    const cf_assessment *old = cf_assessment_list_get(f->list, 0);
    support_fail_on(cf_assessment_migrate(&m, old, f->v1, &err), &err,
                    "migrate");
    assert_int_equal(cf_assessment_rated_count(cf_migration_assessment(m)),
                     cf_assessment_rated_count(old));
    assert_int_equal(cf_migration_moved_count(m), 0);
    assert_int_equal(cf_migration_dropped_count(m), 0);
    cf_migration_free(m);
}

static void test_arguments(void **state)
{
    fixture *f = *state;
    cf_migration *m = (cf_migration *)f;
    cf_error err;
    assert_int_equal(cf_assessment_migrate(&m, NULL, f->v2, &err), CF_EARG);
    assert_null(m);
    cf_migration_free(NULL);
}

/* The inputs, loaded through a counting allocator. */
typedef struct counted {
    cf_framework *v1, *v2;
    cf_assessment_list *list;
} counted;

static int run_migrate(void *ctx, const cf_load_options *opts, void **out,
                       cf_error *err)
{
    counted *c = ctx;
    cf_migration *m = *out;
    int rc = cf_assessment_migrate(&m, cf_assessment_list_get(c->list, 0),
                                   c->v2, err);
    (void)opts;
    *out = m;
    return rc;
}

static void free_migration(void *ctx, void *m)
{
    (void)ctx;
    assert_int_equal(cf_migration_dropped_count(m), 3);
    cf_migration_free(m);
}

static void test_allocation_failures(void **state)
{
    struct support_counter counter;
    cf_load_options opts;
    counted c;
    cf_error err;
    (void)state;
    support_counter_init(&counter);
    opts = support_counter_options(&counter);
    c.v1 = support_load_opts(v1_yaml, &opts);
    c.v2 = support_load_opts(v2_yaml, &opts);
    support_fail_on(cf_assessment_list_load_buffer(
                        &c.list, c.v1, assessment_yaml, strlen(assessment_yaml),
                        "a.yaml", CF_FORMAT_YAML, &opts, &err),
                    &err, "assessment");
    const struct support_alloc_case t = {
        "cf_assessment_migrate", run_migrate, free_migration, &c, CF_OK, 1};
    support_fail_each_allocation(&counter, &t);
    cf_assessment_list_free(c.list);
    cf_framework_free(c.v1);
    cf_framework_free(c.v2);
    assert_int_equal(counter.live_blocks, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_carried, setup, teardown),
        cmocka_unit_test_setup_teardown(test_moved, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dropped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_json, setup, teardown),
        cmocka_unit_test_setup_teardown(test_same_version, setup, teardown),
        cmocka_unit_test_setup_teardown(test_arguments, setup, teardown),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
