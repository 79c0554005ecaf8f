/*
 * Allocation failures for the cmocka tests: an allocator that counts its
 * calls and live blocks and fails the n-th call (alone, or with every one
 * after it), and the loop that counts the calls of one operation and then
 * fails each in turn. Include after cmocka.h and support.h.
 */
#ifndef CF_TEST_SUPPORT_ALLOC_H
#define CF_TEST_SUPPORT_ALLOC_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "competency.h"

/* ---- a counting allocator ---------------------------------------------- */

enum support_fail_mode {
    SUPPORT_COUNT_ONLY, /* never fail */
    SUPPORT_FAIL_ONE,   /* fail call number fail_at only */
    SUPPORT_FAIL_FROM   /* fail call number fail_at and every later one */
};

/*
 * Counts alloc and resize calls together, and the blocks and bytes alive.
 * Each block has a header with its size and a mark, so that resize keeps
 * the books right and a block not from this allocator is noticed.
 */
struct support_counter {
    cf_allocator allocator; /* ctx points back at this struct */
    size_t calls;           /* alloc and resize calls since the last arm */
    size_t fail_at;         /* 0-based number of the first call to fail */
    enum support_fail_mode mode;
    size_t failed;      /* calls made to fail since the last arm */
    size_t live_blocks; /* blocks handed out and not released */
    size_t live_bytes;
    size_t foreign; /* release or resize of a block not from us */
};

#define SUPPORT_BLOCK_MAGIC 0xc0de5afeu

union support_block {
    struct {
        size_t size;
        unsigned int magic;
    } h;
    max_align_t align;
};

static inline int support_counter_fails(struct support_counter *c)
{
    size_t call = c->calls++;
    int fail = (c->mode == SUPPORT_FAIL_ONE && call == c->fail_at) ||
               (c->mode == SUPPORT_FAIL_FROM && call >= c->fail_at);

    c->failed += (size_t)fail;
    return fail;
}

/* The header of ptr, or NULL (counted as foreign) if it is not ours. */
static inline union support_block *
support_counter_block(struct support_counter *c, void *ptr)
{
    union support_block *b = (union support_block *)ptr - 1;

    if (b->h.magic != SUPPORT_BLOCK_MAGIC) {
        c->foreign++;
        return NULL;
    }
    return b;
}

static inline void *support_counter_alloc(size_t size, void *ctx)
{
    struct support_counter *c = ctx;
    union support_block *b;

    if (support_counter_fails(c)) {
        return NULL;
    }
    b = malloc(sizeof *b + size);
    if (b == NULL) {
        return NULL;
    }
    b->h.size = size;
    b->h.magic = SUPPORT_BLOCK_MAGIC;
    c->live_blocks++;
    c->live_bytes += size;
    return b + 1;
}

static inline void *support_counter_resize(void *ptr, size_t size, void *ctx)
{
    struct support_counter *c = ctx;
    union support_block *b;
    union support_block *grown;
    size_t old;

    if (ptr == NULL) {
        return support_counter_alloc(size, ctx);
    }
    if (support_counter_fails(c)) {
        return NULL;
    }
    b = support_counter_block(c, ptr);
    if (b == NULL) {
        return NULL;
    }
    old = b->h.size;
    grown = realloc(b, sizeof *grown + size);
    if (grown == NULL) {
        return NULL;
    }
    grown->h.size = size;
    c->live_bytes = c->live_bytes - old + size;
    return grown + 1;
}

static inline void support_counter_release(void *ptr, void *ctx)
{
    struct support_counter *c = ctx;
    union support_block *b;

    if (ptr == NULL) {
        return;
    }
    b = support_counter_block(c, ptr);
    if (b == NULL) {
        return;
    }
    b->h.magic = 0;
    c->live_blocks--;
    c->live_bytes -= b->h.size;
    free(b);
}

/* A counter with no blocks alive that never fails. */
static inline void support_counter_init(struct support_counter *c)
{
    memset(c, 0, sizeof *c);
    c->allocator.alloc = support_counter_alloc;
    c->allocator.resize = support_counter_resize;
    c->allocator.release = support_counter_release;
    c->allocator.ctx = c;
}

/* Starts counting calls afresh in mode; the live blocks stay counted. */
static inline void support_counter_arm(struct support_counter *c,
                                       enum support_fail_mode mode,
                                       size_t fail_at)
{
    c->calls = 0;
    c->failed = 0;
    c->mode = mode;
    c->fail_at = fail_at;
}

/* Default load options with c's allocator (which must outlive the load). */
static inline cf_load_options support_counter_options(struct support_counter *c)
{
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;

    opts.allocator = &c->allocator;
    return opts;
}

/* ---- failing each call in turn ------------------------------------------ */

/*
 * One operation for support_fail_each_allocation. run performs it once
 * with opts (the default load options with the counter's allocator;
 * operations on inputs built through the counter may ignore them): it
 * passes *out, which is not NULL on entry, as the operation's out
 * parameter, so that a failure must clear it, and returns the code.
 */
struct support_alloc_case {
    const char *name; /* for the messages */
    int (*run)(void *ctx, const cf_load_options *opts, void **out,
               cf_error *err);
    /* Checks an object that run made and frees it; NULL if it makes none. */
    void (*done)(void *ctx, void *out);
    void *ctx;
    /* The code run gives when memory never runs out: CF_OK, or the error
     * of an invalid input. */
    int ok_code;
    /* Nonzero: every failed call must end the run with CF_ENOMEM; zero:
     * a run may also succeed (or give ok_code) if the failure did not
     * matter. */
    int enomem_only;
};

/*
 * Runs t once counting the allocator calls (n), then n times failing call
 * i alone and n times failing call i and every later one. A run that
 * fails must give CF_ENOMEM with no object, "out of memory" and no
 * position; every run must leave the live blocks and bytes as they were.
 * Returns n.
 */
static inline size_t
support_fail_each_allocation(struct support_counter *c,
                             const struct support_alloc_case *t)
{
    static const enum support_fail_mode modes[] = {SUPPORT_FAIL_ONE,
                                                   SUPPORT_FAIL_FROM};
    cf_load_options opts = support_counter_options(c);
    size_t blocks = c->live_blocks;
    size_t bytes = c->live_bytes;
    size_t ok_runs = 0;
    size_t n;
    size_t m;
    size_t i;
    void *out = NULL;
    cf_error err;
    int rc;

    memset(&err, 0, sizeof err);
    support_counter_arm(c, SUPPORT_COUNT_ONLY, 0);
    rc = t->run(t->ctx, &opts, &out, &err);
    if (rc != t->ok_code) {
        fail_msg("%s: counting run gave %d (%s): %s:%zu:%zu: %s", t->name, rc,
                 cf_strerror(rc), err.source, err.line, err.column,
                 err.message);
    }
    n = c->calls;
    assert_true(n > 0);
    if (rc == CF_OK) {
        assert_true(c->live_blocks > blocks);
        t->done(t->ctx, out);
    } else {
        assert_null(out);
    }
    assert_int_equal(c->live_blocks, blocks);
    assert_int_equal(c->live_bytes, bytes);
    assert_int_equal(c->foreign, 0);

    for (m = 0; m < sizeof modes / sizeof modes[0]; m++) {
        const char *how = modes[m] == SUPPORT_FAIL_ONE ? "alone" : "and later";

        for (i = 0; i < n; i++) {
            support_counter_arm(c, modes[m], i);
            out = c; /* any non-NULL value */
            memset(&err, 0, sizeof err);
            rc = t->run(t->ctx, &opts, &out, &err);
            /* Call i was reached, so one call (or more) failed. */
            assert_true(c->failed >= 1);
            support_counter_arm(c, SUPPORT_COUNT_ONLY, 0);
            if (rc == CF_ENOMEM) {
                assert_null(out);
                assert_int_equal(err.code, CF_ENOMEM);
                assert_string_equal(err.message, "out of memory");
                /* An allocation failure has no position in the input. */
                assert_int_equal(err.line, 0);
                assert_int_equal(err.column, 0);
            } else if (!t->enomem_only && rc == CF_OK && t->ok_code == CF_OK) {
                ok_runs++;
                t->done(t->ctx, out);
            } else if (!t->enomem_only && rc == t->ok_code) {
                assert_null(out);
                assert_int_equal(err.code, t->ok_code);
            } else {
                fail_msg("%s: failing call %zu (%s) gave %d (%s): %s", t->name,
                         i, how, rc, cf_strerror(rc), err.message);
            }
            if (c->live_blocks != blocks || c->live_bytes != bytes ||
                c->foreign != 0) {
                fail_msg("%s: failing call %zu (%s) left %zu blocks, %zu "
                         "bytes (not %zu, %zu); %zu foreign releases",
                         t->name, i, how, c->live_blocks, c->live_bytes, blocks,
                         bytes, c->foreign);
            }
        }
    }
    print_message("%s: %zu allocator calls; with each failed in turn, %zu of "
                  "%zu runs still succeeded\n",
                  t->name, n, ok_runs, 2 * n);
    return n;
}

#endif /* CF_TEST_SUPPORT_ALLOC_H */
