/*
 * The framework builder that importers of other formats use: the model it
 * makes, its checks, and its allocation failures.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "internal.h"
#include "support.h"
#include "support_alloc.h"

/*
 * Builds: framework "b" (hierarchy area, skill), scales "p" (1 Low,
 * 2 High; proficient High) and "f" (0 Never, 3 Often; proficient Often),
 * default "p"; elements A (x-a: 1) > A.1 (scale f, weight 2, min rollup),
 * A.2; then B; relations A.1 related B, B replaced_by A.2 and B precedes
 * A.1. Returns the builder's code.
 */
static int build(const cf_load_options *opts, cf_framework **out, cf_error *err)
{
    cfi_builder *b = cfi_builder_new(opts, "built.case");
    size_t p, f, a, a1, a2, bb;
    int rc;

    *out = NULL;
    if (!b)
        return cfi_fail(err, CF_ENOMEM, "built.case", NULL, "out of memory");
#define TRY(call)                                                              \
    do {                                                                       \
        rc = (call);                                                           \
        if (rc != CF_OK) {                                                     \
            cfi_builder_free(b);                                               \
            return rc;                                                         \
        }                                                                      \
    } while (0)
    TRY(cfi_builder_set_meta(b, CFI_META_ID, "b", err));
    TRY(cfi_builder_set_meta(b, CFI_META_TITLE, "Built", err));
    TRY(cfi_builder_set_meta(b, CFI_META_VERSION, "2", err));
    TRY(cfi_builder_add_hierarchy(b, "area", err));
    TRY(cfi_builder_add_hierarchy(b, "skill", err));
    TRY(cfi_builder_add_scale(b, "p", "Proficiency", NULL, &p, err));
    TRY(cfi_builder_add_level(b, 1, "Low", NULL, err));
    TRY(cfi_builder_add_level(b, 2, "High", "the top", err));
    TRY(cfi_builder_set_proficient(b, p, 1, err));
    TRY(cfi_builder_add_scale(b, "f", NULL, NULL, &f, err));
    TRY(cfi_builder_add_level(b, 0, "Never", NULL, err));
    TRY(cfi_builder_add_level(b, 3, "Often", NULL, err));
    TRY(cfi_builder_set_proficient(b, f, 1, err));
    TRY(cfi_builder_set_default_scale(b, p, err));
    TRY(cfi_builder_add_element(b, CFI_NONE, "A", "Area A", &a, err));
    TRY(cfi_builder_add_extension(b, CFI_OWNER_ELEMENT, a, "x-a", "1", err));
    TRY(cfi_builder_add_element(b, a, "A.1", "First", &a1, err));
    TRY(cfi_builder_set_element(b, a1, "about it", NULL, 2, CF_ROLLUP_MIN, f,
                                err));
    TRY(cfi_builder_add_element(b, a, "A.2", "Second", &a2, err));
    TRY(cfi_builder_add_element(b, CFI_NONE, "B", "Area B", &bb, err));
    TRY(cfi_builder_add_relation(b, a1, CF_RELATION_RELATED, bb, err));
    TRY(cfi_builder_add_relation(b, bb, CF_RELATION_REPLACED_BY, a2, err));
    TRY(cfi_builder_add_relation(b, bb, CF_RELATION_PRECEDES, a1, err));
    TRY(cfi_builder_add_extension(b, CFI_OWNER_FRAMEWORK, 0, "x-from", "test",
                                  err));
    TRY(cfi_builder_add_extension(b, CFI_OWNER_LEVEL, 1, "x-l", "top", err));
#undef TRY
    return cfi_builder_finish(b, out, err);
}

static cf_framework *build_ok(void)
{
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    cf_framework *fw = NULL;
    cf_error err;

    support_fail_on(build(&opts, &fw, &err), &err, "build");
    assert_non_null(fw);
    return fw;
}

static void test_model(void **state)
{
    cf_framework *fw = build_ok();
    const cf_element *a = cf_framework_find(fw, "A");
    const cf_element *a1 = cf_framework_find(fw, "A.1");
    const cf_element *a2 = cf_framework_find(fw, "A.2");
    const cf_element *b = cf_framework_find(fw, "B");

    (void)state;
    assert_string_equal(cf_framework_id(fw), "b");
    assert_string_equal(cf_framework_title(fw), "Built");
    assert_string_equal(cf_framework_version(fw), "2");
    assert_null(cf_framework_publisher(fw));
    assert_string_equal(cf_framework_source(fw), "built.case");
    assert_string_equal(
        cf_extensions_get(cf_framework_extensions(fw), "x-from"), "test");
    /* Pre-order A, A.1, A.2, B; two roots; A's subtree is [0, 3). */
    assert_int_equal(cf_framework_element_count(fw), 4);
    assert_int_equal(cf_element_index(a1), 1);
    assert_int_equal(cf_element_index(b), 3);
    assert_int_equal(cf_framework_root_count(fw), 2);
    assert_ptr_equal(cf_framework_root(fw, 1), b);
    assert_int_equal(cf_element_subtree_end(a), 3);
    assert_int_equal(cf_element_child_count(a), 2);
    assert_ptr_equal(cf_element_child(a, 1), a2);
    assert_ptr_equal(cf_element_parent(a2), a);
    assert_int_equal(cf_element_depth(a2), 1);
    /* Kinds from the hierarchy; A.1's own fields; A.2 inherits p. */
    assert_string_equal(cf_element_kind(a), "area");
    assert_string_equal(cf_element_kind(a2), "skill");
    assert_string_equal(cf_element_description(a1), "about it");
    assert_true(cf_element_weight(a1) == 2);
    assert_int_equal(cf_element_rollup(a1), CF_ROLLUP_MIN);
    assert_string_equal(cf_scale_id(cf_element_scale(a1)), "f");
    assert_string_equal(cf_scale_id(cf_element_scale(a2)), "p");
    assert_string_equal(cf_extensions_get(cf_element_extensions(a), "x-a"),
                        "1");
    assert_int_equal(cf_extensions_count(cf_element_extensions(b)), 0);
    /* Scales: f's title defaults to its id; proficient levels; level 1
     * (p's High) has x-l. */
    const cf_scale *p = cf_framework_find_scale(fw, "p");
    const cf_scale *f = cf_framework_find_scale(fw, "f");
    assert_ptr_equal(cf_framework_default_scale(fw), p);
    assert_string_equal(cf_scale_title(f), "f");
    assert_string_equal(cf_level_label(cf_scale_proficient(p)), "High");
    assert_true(cf_level_value(cf_scale_proficient(f)) == 3);
    assert_string_equal(
        cf_extensions_get(cf_level_extensions(cf_scale_level(p, 1)), "x-l"),
        "top");
    /* Relations, in the order added per element. */
    assert_int_equal(cf_element_relation_count(a1, CF_RELATION_RELATED), 1);
    assert_ptr_equal(cf_element_relation(a1, CF_RELATION_RELATED, 0), b);
    assert_ptr_equal(cf_element_relation(b, CF_RELATION_REPLACED_BY, 0), a2);
    assert_ptr_equal(cf_element_relation(b, CF_RELATION_PRECEDES, 0), a1);
    assert_null(cf_element_relation(b, CF_RELATION_PRECEDES, 1));
    assert_int_equal(cf_element_relation_count(a, CF_RELATION_RELATED), 0);
    cf_framework_free(fw);
}

/* Each check of the builder refuses and says why. */
static void test_checks(void **state)
{
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    cfi_builder *b = cfi_builder_new(&opts, "x");
    cf_framework *fw = NULL;
    cf_error err;
    size_t s, a, a1, c;

    (void)state;
    assert_non_null(b);
    assert_int_equal(cfi_builder_set_meta(b, CFI_META_ID, "bad id", &err),
                     CF_EINVALID);
    assert_non_null(strstr(err.message, "malformed framework id 'bad id'"));
    assert_int_equal(cfi_builder_add_level(b, 1, "L", NULL, &err), CF_EARG);
    assert_int_equal(cfi_builder_add_scale(b, "s", NULL, NULL, &s, &err),
                     CF_OK);
    assert_int_equal(cfi_builder_add_scale(b, "s", NULL, NULL, &s, &err),
                     CF_EINVALID);
    assert_int_equal(cfi_builder_add_level(b, 2, "L", NULL, &err), CF_OK);
    /* 1 after 2: values must increase. */
    assert_int_equal(cfi_builder_add_level(b, 1, "M", NULL, &err), CF_EINVALID);
    assert_int_equal(cfi_builder_add_element(b, CFI_NONE, "A", "a", &a, &err),
                     CF_OK);
    assert_int_equal(cfi_builder_add_element(b, CFI_NONE, "A", "a", &c, &err),
                     CF_EINVALID);
    assert_non_null(strstr(err.message, "duplicate element id 'A'"));
    assert_int_equal(cfi_builder_add_element(b, a, "A.1", "", &a1, &err),
                     CF_EINVALID);
    assert_int_equal(cfi_builder_add_element(b, a, "A.1", "t", &a1, &err),
                     CF_OK);
    assert_int_equal(cfi_builder_add_element(b, CFI_NONE, "C", "c", &c, &err),
                     CF_OK);
    /* A is closed now that C, a root, came after it. */
    assert_int_equal(cfi_builder_add_element(b, a, "A.2", "t", &c, &err),
                     CF_EARG);
    assert_int_equal(cfi_builder_set_element(b, a1, NULL, NULL, 0,
                                             CF_ROLLUP_MEAN, CFI_NONE, &err),
                     CF_EINVALID);
    assert_int_equal(
        cfi_builder_add_relation(b, a1, CF_RELATION_RELATED, a1, &err),
        CF_EINVALID);
    /* No id, no title, no proficient level: finish refuses and frees. */
    assert_int_equal(cfi_builder_finish(b, &fw, &err), CF_EINVALID);
    assert_null(fw);
}

static int run_build(void *ctx, const cf_load_options *opts, void **out,
                     cf_error *err)
{
    cf_framework *fw = NULL;
    int rc = build(opts, &fw, err);

    (void)ctx;
    *out = fw;
    return rc;
}

static void done_build(void *ctx, void *out)
{
    (void)ctx;
    assert_int_equal(cf_framework_element_count(out), 4);
    cf_framework_free(out);
}

static void test_allocation_failures(void **state)
{
    struct support_counter counter;
    const struct support_alloc_case t = {"build", run_build, done_build,
                                         NULL,    CF_OK,     1};
    size_t n;

    (void)state;
    support_counter_init(&counter);
    n = support_fail_each_allocation(&counter, &t);
    /* The builder, the framework, its arena, the arrays, the id map... */
    assert_true(n > 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_model),
        cmocka_unit_test(test_checks),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
