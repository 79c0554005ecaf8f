/*
 * Allocation failures in the analyses: cf_team_analyze, cf_consolidate and
 * cf_progress_analyze. The inputs are built through a counting allocator
 * (given in cf_load_options), so the reports allocate through it too. The
 * i-th allocation of an analysis fails (alone, or with every one after it)
 * for every i the analysis makes: it must return CF_ENOMEM with nothing
 * handed back, and every block it took must come back. Public API only.
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
    size_t calls;           /* alloc and resize calls since the last arm */
    size_t fail_at;
    enum fail_mode mode;
    size_t failed;
    size_t live_blocks; /* blocks handed out and not released */
    size_t foreign;     /* release or resize of a block not from us */
};

#define BLOCK_MAGIC 0x5eedf00du

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
    return h + 1;
}

static void *counting_resize(void *ptr, size_t size, void *ctx)
{
    struct counting *c = ctx;
    union header *h;
    union header *grown;

    if (ptr == NULL) {
        return counting_alloc(size, ctx);
    }
    if (should_fail(c)) {
        return NULL;
    }
    h = (union header *)ptr - 1;
    if (h->h.magic != BLOCK_MAGIC) {
        c->foreign++;
        return NULL;
    }
    grown = realloc(h, sizeof *grown + size);
    if (grown == NULL) {
        return NULL;
    }
    grown->h.size = size;
    return grown + 1;
}

static void counting_release(void *ptr, void *ctx)
{
    struct counting *c = ctx;
    union header *h;

    if (ptr == NULL) {
        return;
    }
    h = (union header *)ptr - 1;
    if (h->h.magic != BLOCK_MAGIC) {
        c->foreign++;
        return;
    }
    h->h.magic = 0;
    c->live_blocks--;
    free(h);
}

static void counting_init(struct counting *c)
{
    memset(c, 0, sizeof *c);
    c->allocator.alloc = counting_alloc;
    c->allocator.resize = counting_resize;
    c->allocator.release = counting_release;
    c->allocator.ctx = c;
    c->mode = COUNT_ONLY;
}

/* Starts counting afresh in mode; the live blocks stay counted. */
static void counting_arm(struct counting *c, enum fail_mode mode,
                         size_t fail_at)
{
    c->calls = 0;
    c->failed = 0;
    c->mode = mode;
    c->fail_at = fail_at;
}

/* ---- inputs ------------------------------------------------------------ */

static const char framework_yaml[] = "framework:\n"
                                     "  id: small\n"
                                     "  title: Small\n"
                                     "  scales:\n"
                                     "    - id: p\n"
                                     "      levels:\n"
                                     "        - {value: 1, label: Low}\n"
                                     "        - {value: 2, label: Mid}\n"
                                     "        - {value: 3, label: High}\n"
                                     "      proficient: 2\n"
                                     "  elements:\n"
                                     "    - id: A\n"
                                     "      title: Alpha\n"
                                     "      children:\n"
                                     "        - {id: A.1, title: One}\n"
                                     "        - {id: A.2, title: Two}\n"
                                     "    - {id: B, title: Beta}\n"
                                     "    - {id: C, title: Gamma}\n";

#define PEOPLE 3

typedef struct inputs {
    struct counting counter;
    cf_load_options opts;
    cf_framework *fw;
    cf_profile *profile;
    cf_assessment *people[PEOPLE];
} inputs;

static void fail_on(int rc, const cf_error *err, const char *what)
{
    if (rc != CF_OK) {
        fail_msg("%s failed with %d (%s): %s", what, rc, cf_strerror(rc),
                 err->message);
    }
}

/*
 * Person i rates A.1 at 1 + i, A.2 at 3 - i, B at 1 + (i % 3) and leaves
 * C unrated; subject is subjects[i], role roles[i] (NULL: none).
 */
static void inputs_build(inputs *in, const char *const *subjects,
                         const char *const *roles)
{
    cf_load_options defaults = CF_LOAD_OPTIONS_INIT;
    cf_error err;
    size_t i;

    memset(&err, 0, sizeof err);
    counting_init(&in->counter);
    in->opts = defaults;
    in->opts.allocator = &in->counter.allocator;
    in->fw = support_load_opts(framework_yaml, &in->opts);
    fail_on(cf_profile_new(&in->profile, in->fw, "role", NULL, &in->opts, &err),
            &err, "cf_profile_new");
    fail_on(cf_profile_add_target(in->profile, "A", 2, 1, 1, &err), &err,
            "target A");
    fail_on(cf_profile_add_target(in->profile, "B", 3, 2, 0, &err), &err,
            "target B");
    fail_on(cf_profile_add_target(in->profile, "C", 2, 1, 0, &err), &err,
            "target C");
    for (i = 0; i < PEOPLE; i++) {
        cf_assessment *a = NULL;

        fail_on(cf_assessment_new(&a, in->fw, subjects[i], &in->opts, &err),
                &err, "cf_assessment_new");
        fail_on(cf_assessment_set_role(a, roles[i], &err), &err, "set_role");
        fail_on(cf_assessment_rate(a, "A.1", (double)(1 + i), NULL, &err), &err,
                "rate A.1");
        fail_on(cf_assessment_rate(a, "A.2", (double)(3 - i), "a note", &err),
                &err, "rate A.2");
        fail_on(cf_assessment_rate(a, "B", (double)(1 + i % 3), NULL, &err),
                &err, "rate B");
        in->people[i] = a;
    }
}

static void inputs_free(inputs *in)
{
    size_t i;

    counting_arm(&in->counter, COUNT_ONLY, 0);
    for (i = 0; i < PEOPLE; i++) {
        cf_assessment_free(in->people[i]);
    }
    cf_profile_free(in->profile);
    cf_framework_free(in->fw);
    assert_int_equal(in->counter.live_blocks, 0);
    assert_int_equal(in->counter.foreign, 0);
}

/* ---- the loop ---------------------------------------------------------- */

/* Runs one analysis; *out gets the report (or whatever the call left). */
typedef int (*analysis_fn)(inputs *in, void **out, cf_error *err);
typedef void (*free_fn)(void *report);

/*
 * Counts the allocations of one successful run, then fails each in turn,
 * alone and with all later ones: CF_ENOMEM with *out NULL and no block
 * left behind, or (if the failure did not matter) a report that frees.
 */
static void fail_every_allocation(const char *name, inputs *in, analysis_fn run,
                                  free_fn release)
{
    static const enum fail_mode modes[] = {FAIL_ONE, FAIL_FROM};
    struct counting *c = &in->counter;
    size_t baseline = c->live_blocks;
    size_t n, m, i, ok_runs = 0;
    void *out = NULL;
    cf_error err;
    int rc;

    memset(&err, 0, sizeof err);
    counting_arm(c, COUNT_ONLY, 0);
    rc = run(in, &out, &err);
    fail_on(rc, &err, name);
    n = c->calls;
    assert_true(n > 0);
    release(out);
    assert_int_equal(c->live_blocks, baseline);

    for (m = 0; m < sizeof modes / sizeof modes[0]; m++) {
        for (i = 0; i < n; i++) {
            counting_arm(c, modes[m], i);
            out = &err; /* any non-NULL value */
            memset(&err, 0, sizeof err);
            rc = run(in, &out, &err);
            assert_true(c->failed >= 1);
            counting_arm(c, COUNT_ONLY, 0);
            if (rc == CF_ENOMEM) {
                assert_null(out);
                assert_int_equal(err.code, CF_ENOMEM);
                assert_true(err.message[0] != '\0');
            } else if (rc == CF_OK) {
                ok_runs++;
                release(out);
            } else {
                fail_msg("%s: failing call %zu (%s) gave %d (%s): %s", name, i,
                         modes[m] == FAIL_ONE ? "alone" : "and later", rc,
                         cf_strerror(rc), err.message);
            }
            if (c->live_blocks != baseline || c->foreign != 0) {
                fail_msg("%s: failing call %zu (%s) left %zu blocks; %zu "
                         "foreign releases",
                         name, i, modes[m] == FAIL_ONE ? "alone" : "and later",
                         c->live_blocks - baseline, c->foreign);
            }
        }
    }
    print_message("%s: %zu allocator calls; with each failed in turn, %zu of "
                  "%zu runs still succeeded\n",
                  name, n, ok_runs, 2 * n);
}

/* ---- the analyses ------------------------------------------------------ */

static int run_team(inputs *in, void **out, cf_error *err)
{
    cf_team_report *r = NULL;
    int rc = cf_team_analyze(&r, (const cf_assessment *const *)in->people,
                             PEOPLE, in->profile, NULL, err);

    *out = r;
    return rc;
}

static void free_team(void *r)
{
    cf_team_report_free(r);
}

static int run_consolidate(inputs *in, void **out, cf_error *err)
{
    static const cf_role_weight weights[] = {{"manager", 2}};
    cf_consolidate_options opts = CF_CONSOLIDATE_OPTIONS_INIT;
    cf_consolidation *c = NULL;
    int rc;

    opts.role_weights = weights;
    opts.role_weight_count = 1;
    rc = cf_consolidate(&c, (const cf_assessment *const *)in->people, PEOPLE,
                        &opts, err);
    *out = c;
    return rc;
}

static void free_consolidation(void *c)
{
    cf_consolidation_free(c);
}

static int run_progress(inputs *in, void **out, cf_error *err)
{
    cf_progress_report *r = NULL;
    int rc = cf_progress_analyze(&r, in->people[0], in->people[1], in->profile,
                                 NULL, err);

    *out = r;
    return rc;
}

static int run_progress_without_profile(inputs *in, void **out, cf_error *err)
{
    cf_progress_report *r = NULL;
    int rc =
        cf_progress_analyze(&r, in->people[0], in->people[2], NULL, NULL, err);

    *out = r;
    return rc;
}

static void free_progress(void *r)
{
    cf_progress_report_free(r);
}

static void test_team(void **state)
{
    static const char *const subjects[PEOPLE] = {"ann", "bob", "cat"};
    static const char *const roles[PEOPLE] = {NULL, NULL, NULL};
    inputs in;

    (void)state;
    inputs_build(&in, subjects, roles);
    fail_every_allocation("cf_team_analyze", &in, run_team, free_team);
    inputs_free(&in);
}

static void test_consolidate(void **state)
{
    static const char *const subjects[PEOPLE] = {"sam", "sam", "sam"};
    static const char *const roles[PEOPLE] = {"self", "manager", NULL};
    inputs in;

    (void)state;
    inputs_build(&in, subjects, roles);
    fail_every_allocation("cf_consolidate", &in, run_consolidate,
                          free_consolidation);
    inputs_free(&in);
}

static void test_progress(void **state)
{
    static const char *const subjects[PEOPLE] = {"kim", "kim", "kim"};
    static const char *const roles[PEOPLE] = {NULL, NULL, NULL};
    inputs in;

    (void)state;
    inputs_build(&in, subjects, roles);
    fail_every_allocation("cf_progress_analyze", &in, run_progress,
                          free_progress);
    fail_every_allocation("cf_progress_analyze without a profile", &in,
                          run_progress_without_profile, free_progress);
    inputs_free(&in);
}

/* A consolidation outlived by a reference to its assessment frees all. */
static void test_consolidated_assessment_kept(void **state)
{
    static const char *const subjects[PEOPLE] = {"sam", "sam", "sam"};
    static const char *const roles[PEOPLE] = {"self", "peer", "peer"};
    inputs in;
    void *c = NULL;
    cf_assessment *kept;
    cf_error err;

    (void)state;
    inputs_build(&in, subjects, roles);
    memset(&err, 0, sizeof err);
    fail_on(run_consolidate(&in, &c, &err), &err, "cf_consolidate");
    kept = cf_assessment_ref(cf_consolidation_assessment(c));
    cf_consolidation_free(c);
    cf_assessment_free(kept);
    inputs_free(&in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_team),
        cmocka_unit_test(test_consolidate),
        cmocka_unit_test(test_progress),
        cmocka_unit_test(test_consolidated_assessment_kept),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
