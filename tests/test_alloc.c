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

enum fail_mode {
    COUNT_ONLY, /* never fail */
    FAIL_ONE,   /* fail call number fail_at only */
    FAIL_FROM   /* fail call number fail_at and every later one */
};

struct counting {
    cf_allocator allocator; /* ctx points back at this struct */
    size_t calls;   /* alloc and resize calls so far, counted together */
    size_t fail_at; /* 0-based number of the first call to fail */
    enum fail_mode mode;
    size_t failed;      /* calls made to fail */
    size_t live_blocks; /* blocks handed out and not released */
    size_t live_bytes;
    size_t foreign; /* release or resize of a block not from us */
};

/* Each block carries its size and a mark in front of what the caller sees. */
#define BLOCK_MAGIC 0xc0de5afeu

union header {
    struct {
        size_t size;
        unsigned int magic;
    } h;
    max_align_t align;
};

static int should_fail(struct counting *c)
{
    size_t call = c->calls++;
    int fail = (c->mode == FAIL_ONE && call == c->fail_at) ||
               (c->mode == FAIL_FROM && call >= c->fail_at);

    c->failed += fail;
    return fail;
}

static union header *header_of(struct counting *c, void *ptr)
{
    union header *h = (union header *)ptr - 1;

    if (h->h.magic != BLOCK_MAGIC) {
        c->foreign++;
        return NULL;
    }
    return h;
}

static void *counting_alloc(size_t size, void *ctx)
{
    struct counting *c = ctx;
    union header *h;

    if (should_fail(c)) {
        return NULL;
    }
    h = malloc(sizeof *h + size);
    if (h == NULL) {
        return NULL;
    }
    h->h.size = size;
    h->h.magic = BLOCK_MAGIC;
    c->live_blocks++;
    c->live_bytes += size;
    return h + 1;
}

static void *counting_resize(void *ptr, size_t size, void *ctx)
{
    struct counting *c = ctx;
    union header *h;
    union header *grown;
    size_t old;

    if (ptr == NULL) {
        return counting_alloc(size, ctx);
    }
    if (should_fail(c)) {
        return NULL;
    }
    h = header_of(c, ptr);
    if (h == NULL) {
        return NULL;
    }
    old = h->h.size;
    grown = realloc(h, sizeof *grown + size);
    if (grown == NULL) {
        return NULL;
    }
    grown->h.size = size;
    c->live_bytes = c->live_bytes - old + size;
    return grown + 1;
}

static void counting_release(void *ptr, void *ctx)
{
    struct counting *c = ctx;
    union header *h;

    if (ptr == NULL) {
        return;
    }
    h = header_of(c, ptr);
    if (h == NULL) {
        return;
    }
    h->h.magic = 0;
    c->live_blocks--;
    c->live_bytes -= h->h.size;
    free(h);
}

/* Resets c to count without failing; its allocator lives inside c. */
static void counting_init(struct counting *c, enum fail_mode mode,
                          size_t fail_at)
{
    memset(c, 0, sizeof *c);
    c->allocator.alloc = counting_alloc;
    c->allocator.resize = counting_resize;
    c->allocator.release = counting_release;
    c->allocator.ctx = c;
    c->mode = mode;
    c->fail_at = fail_at;
}

/* Where a load reads from: a file, or a buffer with a source name. */
struct input {
    const char *path; /* NULL for a buffer */
    const char *data;
    size_t len;
};

static int load(const struct input *in, struct counting *c, cf_framework **fw,
                cf_error *err)
{
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;

    /* The allocator must outlive the framework: it lives in c. */
    opts.allocator = &c->allocator;
    memset(err, 0, sizeof *err);
    if (in->path != NULL) {
        return cf_framework_load_file(fw, in->path, &opts, err);
    }
    return cf_framework_load_buffer(fw, in->data, in->len, "alloc.yaml", &opts,
                                    err);
}

/*
 * Loads once counting, then once per call number i and mode, failing
 * there. check_ok inspects each framework that loads anyway. ok_code is
 * the code the input gives when memory never runs out: CF_OK, or the
 * error of an invalid input. Returns the number of calls a full load makes.
 */
static size_t fail_every_allocation(const char *name, const struct input *in,
                                    int ok_code,
                                    void (*check_ok)(const cf_framework *))
{
    static const enum fail_mode modes[] = {FAIL_ONE, FAIL_FROM};
    struct counting c;
    cf_framework *fw = NULL;
    cf_error err;
    size_t n;
    size_t ok_runs = 0;
    size_t m;
    size_t i;
    int rc;

    counting_init(&c, COUNT_ONLY, 0);
    rc = load(in, &c, &fw, &err);
    if (rc != ok_code) {
        fail_msg("%s: counting load gave %d (%s): %s:%zu:%zu: %s", name, rc,
                 cf_strerror(rc), err.source, err.line, err.column,
                 err.message);
    }
    n = c.calls;
    assert_true(n > 0);
    if (rc == CF_OK) {
        assert_true(c.live_blocks > 0);
        check_ok(fw);
        cf_framework_free(fw);
    }
    assert_int_equal(c.live_blocks, 0);
    assert_int_equal(c.live_bytes, 0);
    assert_int_equal(c.foreign, 0);

    for (m = 0; m < sizeof modes / sizeof modes[0]; m++) {
        for (i = 0; i < n; i++) {
            counting_init(&c, modes[m], i);
            fw = (cf_framework *)(void *)&c; /* any non-NULL value */
            rc = load(in, &c, &fw, &err);
            /* Call i was reached, so one call (or more) failed. */
            assert_true(c.failed >= 1);
            if (rc == CF_ENOMEM) {
                assert_null(fw);
                assert_int_equal(err.code, CF_ENOMEM);
                assert_true(err.message[0] != '\0');
                /* An allocation failure has no position in the input. */
                assert_int_equal(err.line, 0);
                assert_int_equal(err.column, 0);
            } else if (rc == CF_OK && ok_code == CF_OK) {
                ok_runs++;
                check_ok(fw);
                cf_framework_free(fw);
            } else if (rc == ok_code) {
                assert_null(fw);
                assert_int_equal(err.code, ok_code);
            } else {
                fail_msg("%s: failing call %zu (%s) gave %d (%s): %s", name, i,
                         modes[m] == FAIL_ONE ? "alone" : "and later", rc,
                         cf_strerror(rc), err.message);
            }
            if (c.live_blocks != 0 || c.foreign != 0) {
                fail_msg("%s: failing call %zu (%s) left %zu blocks, %zu "
                         "bytes; %zu foreign releases",
                         name, i, modes[m] == FAIL_ONE ? "alone" : "and later",
                         c.live_blocks, c.live_bytes, c.foreign);
            }
        }
    }
    print_message("%s: %zu allocator calls per load; with each failed in "
                  "turn, %zu of %zu loads still succeeded\n",
                  name, n, ok_runs, 2 * n);
    return n;
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
    struct input in = {path, NULL, 0};

    (void)state;
    fail_every_allocation("sols-community-relations.yaml", &in, CF_OK,
                          check_sols);
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
    struct input in = {NULL, rich_yaml, sizeof rich_yaml - 1};

    (void)state;
    fail_every_allocation("rich buffer", &in, CF_OK, check_rich);
}

static void check_never(const cf_framework *fw)
{
    (void)fw;
    fail_msg("%s", "an invalid input loaded");
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
    struct input in = {NULL, yaml, sizeof yaml - 1};

    (void)state;
    fail_every_allocation("invalid buffer", &in, CF_EINVALID, check_never);
}

/* A framework made with an allocator frees through it, last ref last. */
static void test_refs_release_through_allocator(void **state)
{
    struct input in = {NULL, rich_yaml, sizeof rich_yaml - 1};
    struct counting c;
    cf_framework *fw = NULL;
    cf_error err;

    (void)state;
    counting_init(&c, COUNT_ONLY, 0);
    assert_int_equal(load(&in, &c, &fw, &err), CF_OK);
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
