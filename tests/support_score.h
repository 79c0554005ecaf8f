/*
 * Helpers shared by the scoring, profile and gap tests: comparing doubles
 * (cmocka 1.1's assert_float_equal converts to float) and an allocator
 * that counts its blocks and fails the n-th call on request. Include after
 * cmocka.h and support.h.
 */
#ifndef CF_TEST_SUPPORT_SCORE_H
#define CF_TEST_SUPPORT_SCORE_H

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "competency.h"

/* Fails the test unless |actual - expected| <= eps (NaN never passes). */
static inline void support_near_at(double actual, double expected, double eps,
                                   const char *file, int line)
{
    if (!(fabs(actual - expected) <= eps)) {
        print_error("%.17g is not %.17g (within %g)\n", actual, expected, eps);
        _fail(file, line);
    }
}

/* Within 1e-12: for results of arithmetic that a comment works out. */
#define assert_near(actual, expected)                                          \
    support_near_at((actual), (expected), 1e-12, __FILE__, __LINE__)
/* Bit for bit the same value (and not NaN). */
#define assert_exact(actual, expected)                                         \
    support_near_at((actual), (expected), 0, __FILE__, __LINE__)

/* ---- a counting allocator ---------------------------------------------- */

enum support_fail_mode {
    SUPPORT_COUNT_ONLY, /* never fail */
    SUPPORT_FAIL_ONE,   /* fail call number fail_at only */
    SUPPORT_FAIL_FROM   /* fail call number fail_at and every later one */
};

/*
 * Counts alloc and resize calls together and the blocks alive. Each block
 * has a header with its size, so that resize keeps the books right.
 */
struct support_counter {
    cf_allocator allocator; /* ctx points back at this struct */
    size_t calls;
    size_t fail_at;
    enum support_fail_mode mode;
    size_t failed;
    size_t live_blocks;
};

union support_block {
    size_t size;
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
    b->size = size;
    c->live_blocks++;
    return b + 1;
}

static inline void *support_counter_resize(void *ptr, size_t size, void *ctx)
{
    struct support_counter *c = ctx;
    union support_block *b;

    if (ptr == NULL) {
        return support_counter_alloc(size, ctx);
    }
    if (support_counter_fails(c)) {
        return NULL;
    }
    b = realloc((union support_block *)ptr - 1, sizeof *b + size);
    if (b == NULL) {
        return NULL;
    }
    b->size = size;
    return b + 1;
}

static inline void support_counter_release(void *ptr, void *ctx)
{
    struct support_counter *c = ctx;

    if (ptr != NULL) {
        c->live_blocks--;
        free((union support_block *)ptr - 1);
    }
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

#endif /* CF_TEST_SUPPORT_SCORE_H */
