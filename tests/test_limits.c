/*
 * The limits of cf_load_options (issue 7, item 5; the table is in
 * docs/format.md, "Limits"): each is tried just under (the input loads)
 * and just over (CF_ELIMIT, at the place where the limit is crossed, with
 * a message naming the option), at its default and, where it has one, at
 * its ceiling; for frameworks, and for assessments and profiles where the
 * limit applies to them too. tests/test_load.c tries each limit on small
 * hand-written frameworks; this file works at the real values. Public API
 * only.
 */
#define _POSIX_C_SOURCE 200809L

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

enum kind { FRAMEWORK, ASSESSMENTS, PROFILE };
#define KIND_COUNT 3

/* A growable text, for generated inputs. */
struct text {
    char *data;
    size_t len, cap;
};

static void text_add(struct text *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 4096;
        char *grown;

        while (cap < t->len + n + 1) {
            cap *= 2;
        }
        grown = realloc(t->data, cap);
        assert_non_null(grown);
        t->data = grown;
        t->cap = cap;
    }
    memcpy(t->data + t->len, s, n);
    t->len += n;
    t->data[t->len] = '\0';
}

static void text_puts(struct text *t, const char *s)
{
    text_add(t, s, strlen(s));
}

static void text_printf(struct text *t, const char *fmt, ...)
{
    char line[256];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < sizeof line);
    text_add(t, line, (size_t)n);
}

static void text_repeat(struct text *t, char c, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        text_add(t, &c, 1);
    }
}

/*
 * The start of a valid document of each kind, up to the point where a
 * test adds its own keys (at an indentation of two spaces) before
 * text_finish() ends it. Assessments and profiles are of the SOLS
 * framework.
 */
static void text_start(struct text *t, enum kind kind)
{
    switch (kind) {
    case FRAMEWORK:
        text_puts(t, "framework:\n"
                     "  id: limits\n"
                     "  title: Limits\n"
                     "  scales:\n"
                     "    - id: s\n" SUPPORT_YAML_LEVELS_1_TO_4);
        break;
    case ASSESSMENTS:
        text_puts(t, "assessment:\n"
                     "  framework: sols-community-relations\n");
        break;
    default:
        text_puts(t, "profile:\n"
                     "  id: limits\n");
        break;
    }
}

static void text_finish(struct text *t, enum kind kind)
{
    switch (kind) {
    case FRAMEWORK:
        text_puts(t, "  elements:\n"
                     "    - {id: A, title: t}\n");
        break;
    case ASSESSMENTS:
        text_puts(t, "  subject: someone\n"
                     "  ratings: {CR.1: 3}\n");
        break;
    default:
        text_puts(t, "  targets: {CR.1: 3}\n");
        break;
    }
}

/* Loads len bytes as kind; returns the code, freeing what loaded. */
static int load_as(enum kind kind, cf_framework *sols, const char *data,
                   size_t len, const cf_load_options *opts, cf_error *err)
{
    cf_framework *fw = NULL;
    cf_assessment_list *list = NULL;
    cf_profile *p = NULL;
    int rc;

    memset(err, 0, sizeof *err);
    if (kind == FRAMEWORK) {
        rc = cf_framework_load_buffer(&fw, data, len, "limits", opts, err);
        assert_true(rc == CF_OK ? fw != NULL : fw == NULL);
        cf_framework_free(fw);
    } else if (kind == ASSESSMENTS) {
        rc = cf_assessment_list_load_buffer(&list, sols, data, len, "limits",
                                            CF_FORMAT_YAML, opts, err);
        assert_true(rc == CF_OK ? list != NULL : list == NULL);
        cf_assessment_list_free(list);
    } else {
        rc = cf_profile_load_buffer(&p, sols, data, len, "limits", opts, err);
        assert_true(rc == CF_OK ? p != NULL : p == NULL);
        cf_profile_free(p);
    }
    return rc;
}

static void expect_loads(enum kind kind, cf_framework *sols,
                         const struct text *t, const cf_load_options *opts)
{
    cf_error err;
    int rc = load_as(kind, sols, t->data, t->len, opts, &err);

    support_fail_on(rc, &err, "just under the limit");
}

/*
 * Expects CF_ELIMIT naming option, at byte offset (SIZE_MAX: with no
 * position, as for max_input_bytes).
 */
static void expect_limit(enum kind kind, cf_framework *sols,
                         const struct text *t, const cf_load_options *opts,
                         const char *option, size_t offset)
{
    cf_error err;
    int rc = load_as(kind, sols, t->data, t->len, opts, &err);

    if (rc != CF_ELIMIT || err.code != CF_ELIMIT ||
        !strstr(err.message, option)) {
        fail_msg("expected CF_ELIMIT naming %s, got %d: %zu:%zu: %s", option,
                 rc, err.line, err.column, err.message);
    }
    if (offset == SIZE_MAX) {
        assert_int_equal(err.line, 0);
        assert_int_equal(err.column, 0);
    } else {
        assert_true(err.line > 0 && err.column > 0);
        if (err.offset != offset) {
            fail_msg("%s: error at offset %zu, expected %zu: %s", option,
                     err.offset, offset, err.message);
        }
    }
}

/* ---- max_input_bytes ------------------------------------------------------
 */

static void test_max_input_bytes(void **state)
{
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    size_t k;

    for (k = 0; k < KIND_COUNT; k++) {
        struct text t = {NULL, 0, 0};
        char *path = support_path(CF_TEST_TMP_DIR, "limits-input.yaml");
        void *out = NULL;
        cf_error err;
        int rc;

        text_start(&t, (enum kind)k);
        text_finish(&t, (enum kind)k);
        opts.max_input_bytes = t.len;
        expect_loads((enum kind)k, *state, &t, &opts);
        opts.max_input_bytes = t.len - 1;
        expect_limit(
            (enum kind)k, *state, &t, &opts,
            "(max_input_bytes; a program can raise it in cf_load_options)",
            SIZE_MAX);

        /* From a file, the file layer stops reading at the limit. */
        support_write_file(path, t.data, t.len);
        memset(&err, 0, sizeof err);
        if (k == FRAMEWORK) {
            rc = cf_framework_load_file((cf_framework **)&out, path, &opts,
                                        &err);
        } else if (k == ASSESSMENTS) {
            rc = cf_assessment_list_load_file((cf_assessment_list **)&out,
                                              *state, path, CF_FORMAT_YAML,
                                              &opts, &err);
        } else {
            rc = cf_profile_load_file((cf_profile **)&out, *state, path, &opts,
                                      &err);
        }
        assert_int_equal(rc, CF_ELIMIT);
        assert_null(out);
        assert_int_equal(err.line, 0);
        assert_non_null(strstr(
            err.message,
            "(max_input_bytes; a program can raise it in cf_load_options)"));
        remove(path);
        free(path);
        free(t.data);
    }
    /*
     * The default (256 MiB) is not tried here: the check is the same
     * comparison, and a 256 MiB input would make the test slow.
     */
}

/* ---- max_depth (frameworks only) ----------------------------------------- */

/*
 * A chain of elements e0 > e1 > ... > e<deepest> in flow style; *at gets
 * the offset of the mapping of the element at depth `mark`.
 */
static void depth_chain(struct text *t, size_t deepest, size_t mark, size_t *at)
{
    size_t d;

    text_start(t, FRAMEWORK);
    text_puts(t, "  elements:\n    - ");
    for (d = 0; d < deepest; d++) {
        if (d == mark) {
            *at = t->len;
        }
        text_printf(t, "{id: e%zu, title: t, children: [", d);
    }
    if (deepest == mark) {
        *at = t->len;
    }
    text_printf(t, "{id: e%zu, title: t}", deepest);
    for (d = 0; d < deepest; d++) {
        text_puts(t, "]}");
    }
    text_puts(t, "\n");
}

static void check_depth(size_t max_depth, size_t max_nesting)
{
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    struct text t = {NULL, 0, 0};
    size_t at = 0;

    opts.max_depth = max_depth;
    opts.max_nesting = max_nesting;
    /* Depths run from 0 to max_depth - 1. */
    depth_chain(&t, max_depth - 1, max_depth - 1, &at);
    expect_loads(FRAMEWORK, NULL, &t, &opts);
    t.len = 0;
    depth_chain(&t, max_depth, max_depth, &at);
    expect_limit(
        FRAMEWORK, NULL, &t, &opts,
        "(the limit max_depth; a program can raise it in cf_load_options)", at);
    free(t.data);
}

static void test_max_depth(void **state)
{
    (void)state;
    check_depth(CF_DEFAULT_MAX_DEPTH, 0);
    /* At the ceiling, with max_nesting raised as docs/format.md says. */
    check_depth(CF_MAX_DEPTH_CEILING, CF_MAX_NESTING_CEILING);
    /* Assessments and profiles have no element tree: no max_depth. */
}

/* ---- max_nesting ----------------------------------------------------------
 */

/*
 * An extension value nested `levels` deep. The root mapping and the
 * kind's mapping are levels 1 and 2, so the whole document is levels + 2
 * deep; *at gets the offset of the innermost '['.
 */
static void nested(struct text *t, enum kind kind, size_t levels, size_t *at)
{
    text_start(t, kind);
    text_puts(t, "  x-deep: ");
    text_repeat(t, '[', levels);
    *at = t->len - 1;
    text_repeat(t, ']', levels);
    text_puts(t, "\n");
    text_finish(t, kind);
}

static void check_nesting(cf_framework *sols, enum kind kind,
                          size_t max_nesting)
{
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    struct text t = {NULL, 0, 0};
    size_t at;

    opts.max_nesting = max_nesting;
    nested(&t, kind, max_nesting - 2, &at);
    expect_loads(kind, sols, &t, &opts);
    t.len = 0;
    nested(&t, kind, max_nesting - 1, &at);
    expect_limit(
        kind, sols, &t, &opts,
        "(the limit max_nesting; a program can raise it in cf_load_options)",
        at);
    free(t.data);
}

static void test_max_nesting(void **state)
{
    size_t k;

    for (k = 0; k < KIND_COUNT; k++) {
        check_nesting(*state, (enum kind)k, CF_DEFAULT_MAX_NESTING);
        check_nesting(*state, (enum kind)k, CF_MAX_NESTING_CEILING);
    }
}

/* ---- max_alias_events -----------------------------------------------------
 */

/*
 * An anchored sequence of three scalars and `aliases` aliases to it, each
 * replaying 5 events (the sequence, three scalars, its end); *at gets the
 * offset of the last alias.
 */
static void aliased(struct text *t, enum kind kind, size_t aliases, size_t *at)
{
    size_t i;

    text_start(t, kind);
    text_puts(t, "  x-one: &three [a, b, c]\n"
                 "  x-many:\n");
    for (i = 0; i < aliases; i++) {
        text_puts(t, "    - ");
        *at = t->len;
        text_puts(t, "*three\n");
    }
    text_finish(t, kind);
}

static void test_max_alias_events(void **state)
{
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    size_t k, at;

    for (k = 0; k < KIND_COUNT; k++) {
        struct text t = {NULL, 0, 0};

        /* The default budget, 10000 events, is exactly 2000 aliases. */
        aliased(&t, (enum kind)k, CF_DEFAULT_MAX_ALIAS_EVENTS / 5, &at);
        expect_loads((enum kind)k, *state, &t, NULL);
        t.len = 0;
        aliased(&t, (enum kind)k, CF_DEFAULT_MAX_ALIAS_EVENTS / 5 + 1, &at);
        expect_limit((enum kind)k, *state, &t, NULL,
                     "(the limit max_alias_events; a program can raise it in "
                     "cf_load_options)",
                     at);
        /* Raised: the same input loads with one more alias's worth. */
        opts.max_alias_events = CF_DEFAULT_MAX_ALIAS_EVENTS + 5;
        expect_loads((enum kind)k, *state, &t, &opts);
        opts.max_alias_events = CF_DEFAULT_MAX_ALIAS_EVENTS + 4;
        expect_limit((enum kind)k, *state, &t, &opts,
                     "(the limit max_alias_events; a program can raise it in "
                     "cf_load_options)",
                     at);
        opts.max_alias_events = 0;
        free(t.data);
    }
}

/* ---- max_string_bytes -----------------------------------------------------
 */

/* A document of kind with a scalar of `bytes` bytes; *at is its offset. */
static void long_string(struct text *t, enum kind kind, size_t bytes,
                        size_t *at)
{
    text_start(t, kind);
    text_puts(t, "  x-long: ");
    *at = t->len;
    text_repeat(t, 'x', bytes);
    text_puts(t, "\n");
    text_finish(t, kind);
}

static void test_max_string_bytes(void **state)
{
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    size_t k, at;

    for (k = 0; k < KIND_COUNT; k++) {
        struct text t = {NULL, 0, 0};

        long_string(&t, (enum kind)k, CF_DEFAULT_MAX_STRING_BYTES, &at);
        expect_loads((enum kind)k, *state, &t, NULL);
        t.len = 0;
        long_string(&t, (enum kind)k, CF_DEFAULT_MAX_STRING_BYTES + 1, &at);
        expect_limit(
            (enum kind)k, *state, &t, NULL,
            "(max_string_bytes; a program can raise it in cf_load_options)",
            at);
        /* Raised by one byte, it loads. */
        opts.max_string_bytes = CF_DEFAULT_MAX_STRING_BYTES + 1;
        expect_loads((enum kind)k, *state, &t, &opts);
        free(t.data);

        /* A key counts as a scalar too. */
        t.data = NULL;
        t.len = t.cap = 0;
        opts.max_string_bytes = 64;
        text_start(&t, (enum kind)k);
        text_puts(&t, "  x-");
        text_repeat(&t, 'k', 62);
        text_puts(&t, ": v\n");
        text_finish(&t, (enum kind)k);
        expect_loads((enum kind)k, *state, &t, &opts);
        opts.max_string_bytes = 63;
        expect_limit(
            (enum kind)k, *state, &t, &opts,
            "(max_string_bytes; a program can raise it in cf_load_options)",
            strstr(t.data, "x-kkk") - t.data);
        opts.max_string_bytes = 0;
        free(t.data);
    }
}

/* ---- max_elements (frameworks), and the number of ratings -----------------
 */

/* A framework of `count` top-level elements; *at: the last one's offset. */
static void flat_framework(struct text *t, size_t count, size_t *at)
{
    size_t i;

    text_start(t, FRAMEWORK);
    text_puts(t, "  elements:\n");
    for (i = 0; i < count; i++) {
        text_puts(t, "    - ");
        *at = t->len;
        text_printf(t, "{id: e%zu, title: t}\n", i);
    }
}

#define MANY 5000

static void test_max_elements(void **state)
{
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    struct text t = {NULL, 0, 0};
    size_t at;

    (void)state;
    flat_framework(&t, MANY, &at);
    opts.max_elements = MANY;
    expect_loads(FRAMEWORK, NULL, &t, &opts);
    opts.max_elements = MANY - 1;
    expect_limit(
        FRAMEWORK, NULL, &t, &opts,
        "(the limit max_elements; a program can raise it in cf_load_options)",
        at);
    free(t.data);
    /*
     * Not at the default, 1,000,000: the check is the same comparison, and
     * a 24 MB input of a million elements takes over ten seconds under the
     * sanitizers and far longer under valgrind.
     */
}

/*
 * The number of ratings (and of profile targets) has no limit of its own:
 * an assessment rates each element of its framework at most once (a
 * second rating is an error), so the framework's element count, itself
 * under max_elements, bounds it. The same holds for profile targets.
 */
static void test_ratings_bounded_by_elements(void **state)
{
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    struct text fw_text = {NULL, 0, 0};
    struct text t = {NULL, 0, 0};
    cf_framework *fw = NULL;
    cf_assessment_list *list = NULL;
    cf_profile *p = NULL;
    cf_error err;
    size_t i, at;

    (void)state;
    flat_framework(&fw_text, MANY, &at);
    opts.max_elements = MANY;
    memset(&err, 0, sizeof err);
    support_fail_on(cf_framework_load_buffer(&fw, fw_text.data, fw_text.len,
                                             "many", &opts, &err),
                    &err, "a framework of MANY elements");

    /* Every element rated: loads, with MANY ratings. */
    text_puts(&t, "assessment:\n  subject: s\n  ratings:\n");
    for (i = 0; i < MANY; i++) {
        text_printf(&t, "    e%zu: %zu\n", i, 1 + i % 4);
    }
    support_fail_on(cf_assessment_list_load_buffer(&list, fw, t.data, t.len,
                                                   "ratings", CF_FORMAT_YAML,
                                                   NULL, &err),
                    &err, "rating every element");
    assert_int_equal(cf_assessment_rated_count(cf_assessment_list_get(list, 0)),
                     MANY);
    cf_assessment_list_free(list);
    /* One more rating can only name an element again. */
    text_puts(&t, "    e0: 1\n");
    assert_int_equal(cf_assessment_list_load_buffer(&list, fw, t.data, t.len,
                                                    "ratings", CF_FORMAT_YAML,
                                                    NULL, &err),
                     CF_EINVALID);
    assert_non_null(strstr(err.message, "rated twice"));

    /* The same for a profile's targets. */
    t.len = 0;
    text_puts(&t, "profile:\n  id: all\n  targets:\n");
    for (i = 0; i < MANY; i++) {
        text_printf(&t, "    e%zu: %zu\n", i, 1 + i % 4);
    }
    support_fail_on(
        cf_profile_load_buffer(&p, fw, t.data, t.len, "targets", NULL, &err),
        &err, "targeting every element");
    assert_int_equal(cf_profile_target_count(p), MANY);
    cf_profile_free(p);
    text_puts(&t, "    e0: 1\n");
    assert_int_equal(
        cf_profile_load_buffer(&p, fw, t.data, t.len, "targets", NULL, &err),
        CF_EINVALID);
    assert_null(p);

    cf_framework_free(fw);
    free(t.data);
    free(fw_text.data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_max_input_bytes),
        cmocka_unit_test(test_max_depth),
        cmocka_unit_test(test_max_nesting),
        cmocka_unit_test(test_max_alias_events),
        cmocka_unit_test(test_max_string_bytes),
        cmocka_unit_test(test_max_elements),
        cmocka_unit_test(test_ratings_bounded_by_elements),
    };

    return cmocka_run_group_tests(tests, support_setup_sols,
                                  support_teardown_sols);
}
