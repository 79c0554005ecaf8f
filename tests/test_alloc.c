/*
 * Allocation failures: a counting allocator, given through
 * cf_load_options.allocator, fails the i-th allocation (alone, or with
 * every one after it) for every i a load makes. Each load must then fail
 * with CF_ENOMEM (or succeed, if the failure did not matter) and hand every
 * block back. Public API only.
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

/*
 * Where a load reads from: a file, or a buffer with a source name; and
 * what checks a framework that loads (NULL for an invalid input).
 */
struct input {
    const char *path; /* NULL for a buffer */
    const char *data;
    size_t len;
    void (*check_ok)(const cf_framework *);
};

static int load(void *ctx, const cf_load_options *opts, void **out,
                cf_error *err)
{
    const struct input *in = ctx;
    cf_framework *fw = *out;
    int rc;

    if (in->path != NULL) {
        rc = cf_framework_load_file(&fw, in->path, opts, err);
    } else {
        rc = cf_framework_load_buffer(&fw, in->data, in->len, "alloc.yaml",
                                      opts, err);
    }
    *out = fw;
    return rc;
}

static void check_loaded(void *ctx, void *fw)
{
    const struct input *in = ctx;

    in->check_ok(fw);
    cf_framework_free(fw);
}

/*
 * Loads once counting, then once per call number i and mode, failing
 * there (support_fail_each_allocation). ok_code is the code the input
 * gives when memory never runs out: CF_OK, or the error of an invalid
 * input.
 */
static void fail_every_allocation(const char *name, struct input *in,
                                  int ok_code)
{
    struct support_counter c;
    struct support_alloc_case t = {.name = name,
                                   .run = load,
                                   .done = check_loaded,
                                   .ctx = in,
                                   .ok_code = ok_code};

    support_counter_init(&c);
    support_fail_each_allocation(&c, &t);
}

static void check_sols(const cf_framework *fw)
{
    /* 1 area + 6 competencies + 35 KSAs = 42 elements. */
    assert_int_equal(cf_framework_element_count(fw), 42);
    assert_non_null(cf_framework_find(fw, "CR.6.5"));
    assert_string_equal(cf_framework_id(fw), "sols-community-relations");
    assert_int_equal(cf_scale_level_count(cf_framework_default_scale(fw)), 4);
}

static void test_sols_file(void **state)
{
    char *path =
        support_path(CF_FRAMEWORKS_DIR, "sols-community-relations.yaml");
    struct input in = {path, NULL, 0, check_sols};

    (void)state;
    fail_every_allocation("sols-community-relations.yaml", &in, CF_OK);
    free(path);
}

/* Aliases, x- values (scalar and JSON), two scales, hierarchy, kinds. */
static const char rich_yaml[] =
    "framework:\n"
    "  id: rich\n"
    "  title: &t Rich framework\n"
    "  version: \"1\"\n"
    "  publisher: Someone\n"
    "  language: en\n"
    "  description: &d Shared description.\n"
    "  x-note: kept as text\n"
    "  x-map: {a: 1, b: [x, y, {c: \"q\\\"uote\"}]}\n"
    "  hierarchy: [area, competency, ksa]\n"
    "  scales:\n"
    "    - id: p\n"
    "      title: *t\n"
    "      x-origin: added\n"
    "      levels: &lv\n"
    "        - {value: 1, label: Low, description: low, x-c: red}\n"
    "        - {value: 2, label: Mid}\n"
    "        - {value: 3, label: High}\n"
    "      proficient: Mid\n"
    "    - id: q\n"
    "      levels: *lv\n"
    "      proficient: 3\n"
    "  default_scale: p\n"
    "  elements:\n"
    "    - id: A\n"
    "      title: Area\n"
    "      description: *d\n"
    "      x-tags: &tags [one, two]\n"
    "      children:\n"
    "        - id: A.1\n"
    "          title: First\n"
    "          scale: q\n"
    "          weight: 2\n"
    "          rollup: min\n"
    "          x-copy: *tags\n"
    "          children:\n"
    "            - {id: A.1.1, title: Leaf, kind: behaviour}\n"
    "            - {id: A.1.2, title: *t, description: *d}\n"
    "        - {id: A.2, title: Second, rollup: max}\n"
    "    - {id: B, title: Other}\n";

static void check_rich(const cf_framework *fw)
{
    const cf_element *a1 = cf_framework_find(fw, "A.1");

    /* A, A.1, A.1.1, A.1.2, A.2, B. */
    assert_int_equal(cf_framework_element_count(fw), 6);
    assert_string_equal(cf_scale_id(cf_element_scale(a1)), "q");
    assert_string_equal(
        cf_extensions_get(cf_framework_extensions(fw), "x-map"),
        "{\"a\":\"1\",\"b\":[\"x\",\"y\",{\"c\":\"q\\\"uote\"}]}");
    assert_string_equal(cf_extensions_get(cf_element_extensions(a1), "x-copy"),
                        "[\"one\",\"two\"]");
    assert_string_equal(cf_element_title(cf_framework_find(fw, "A.1.2")),
                        "Rich framework");
    assert_string_equal(cf_element_kind(cf_framework_find(fw, "A.1.1")),
                        "behaviour");
}

static void test_rich_buffer(void **state)
{
    struct input in = {NULL, rich_yaml, sizeof rich_yaml - 1, check_rich};

    (void)state;
    fail_every_allocation("rich buffer", &in, CF_OK);
}

/* Failures on the error path: an unknown key with a suggestion. */
static void test_invalid_buffer(void **state)
{
    static const char yaml[] = "framework:\n"
                               "  id: bad\n"
                               "  title: &t Bad\n"
                               "  x-a: [*t, *t]\n"
                               "  scales:\n"
                               "    - id: s\n"
                               "      levels: [{value: 1, label: L}]\n"
                               "      proficient: 1\n"
                               "  elements:\n"
                               "    - {id: A, title: t}\n"
                               "    - {id: B, titel: t}\n";
    struct input in = {NULL, yaml, sizeof yaml - 1, NULL};

    (void)state;
    fail_every_allocation("invalid buffer", &in, CF_EINVALID);
}

/* A framework made with an allocator frees through it, last ref last. */
static void test_refs_release_through_allocator(void **state)
{
    struct support_counter c;
    cf_load_options opts;
    cf_framework *fw = NULL;
    cf_error err;

    (void)state;
    support_counter_init(&c);
    /* The allocator must outlive the framework: it lives in c. */
    opts = support_counter_options(&c);
    assert_int_equal(cf_framework_load_buffer(&fw, rich_yaml,
                                              sizeof rich_yaml - 1,
                                              "alloc.yaml", &opts, &err),
                     CF_OK);
    assert_ptr_equal(cf_framework_ref(fw), fw);
    cf_framework_free(fw);
    assert_true(c.live_blocks > 0);
    cf_framework_free(fw);
    assert_int_equal(c.live_blocks, 0);
    assert_int_equal(c.foreign, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sols_file),
        cmocka_unit_test(test_rich_buffer),
        cmocka_unit_test(test_invalid_buffer),
        cmocka_unit_test(test_refs_release_through_allocator),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
