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
#include "support_alloc.h"
#include "support_analysis.h"

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
    struct support_counter counter;
    cf_load_options opts;
    cf_framework *fw;
    cf_profile *profile;
    cf_assessment *people[PEOPLE];
} inputs;

/*
 * Person i rates A.1 at 1 + i, A.2 at 3 - i, B at 1 + (i % 3) and leaves
 * C unrated; subject is subjects[i], role roles[i] (NULL: none).
 */
static void inputs_build(inputs *in, const char *const *subjects,
                         const char *const *roles)
{
    static const support_target targets[] = {
        {"A", 2, 1, 1}, {"B", 3, 2, 0}, {"C", 2, 1, 0}, {NULL, 0, 0, 0}};
    cf_error err;
    size_t i;

    memset(&err, 0, sizeof err);
    support_counter_init(&in->counter);
    in->opts = support_counter_options(&in->counter);
    in->fw = support_load_opts(framework_yaml, &in->opts);
    in->profile =
        support_profile_opts(in->fw, "role", NULL, targets, &in->opts);
    for (i = 0; i < PEOPLE; i++) {
        cf_assessment *a = NULL;

        support_fail_on(
            cf_assessment_new(&a, in->fw, subjects[i], &in->opts, &err), &err,
            "cf_assessment_new");
        support_fail_on(cf_assessment_set_role(a, roles[i], &err), &err,
                        "set_role");
        support_fail_on(
            cf_assessment_rate(a, "A.1", (double)(1 + i), NULL, &err), &err,
            "rate A.1");
        support_fail_on(
            cf_assessment_rate(a, "A.2", (double)(3 - i), "a note", &err), &err,
            "rate A.2");
        support_fail_on(
            cf_assessment_rate(a, "B", (double)(1 + i % 3), NULL, &err), &err,
            "rate B");
        in->people[i] = a;
    }
}

static void inputs_free(inputs *in)
{
    size_t i;

    support_counter_arm(&in->counter, SUPPORT_COUNT_ONLY, 0);
    for (i = 0; i < PEOPLE; i++) {
        cf_assessment_free(in->people[i]);
    }
    cf_profile_free(in->profile);
    cf_framework_free(in->fw);
    assert_int_equal(in->counter.live_blocks, 0);
    assert_int_equal(in->counter.foreign, 0);
}

/* ---- the analyses ------------------------------------------------------ */

/*
 * Each analysis runs on the inputs (ctx), which were built through the
 * counter, so the report allocates through it too: opts is not needed.
 */
static int run_team(void *ctx, const cf_load_options *opts, void **out,
                    cf_error *err)
{
    inputs *in = ctx;
    cf_team_report *r = *out;
    int rc = cf_team_analyze(&r, (const cf_assessment *const *)in->people,
                             PEOPLE, in->profile, NULL, err);

    (void)opts;
    *out = r;
    return rc;
}

static void free_team(void *ctx, void *r)
{
    (void)ctx;
    cf_team_report_free(r);
}

static int run_consolidate(void *ctx, const cf_load_options *opts, void **out,
                           cf_error *err)
{
    static const cf_role_weight weights[] = {{"manager", 2}};
    inputs *in = ctx;
    cf_consolidate_options copts = CF_CONSOLIDATE_OPTIONS_INIT;
    cf_consolidation *c = *out;
    int rc;

    (void)opts;
    copts.role_weights = weights;
    copts.role_weight_count = 1;
    rc = cf_consolidate(&c, (const cf_assessment *const *)in->people, PEOPLE,
                        &copts, err);
    *out = c;
    return rc;
}

static void free_consolidation(void *ctx, void *c)
{
    (void)ctx;
    cf_consolidation_free(c);
}

static int run_progress(void *ctx, const cf_load_options *opts, void **out,
                        cf_error *err)
{
    inputs *in = ctx;
    cf_progress_report *r = *out;
    int rc = cf_progress_analyze(&r, in->people[0], in->people[1], in->profile,
                                 NULL, err);

    (void)opts;
    *out = r;
    return rc;
}

static int run_progress_without_profile(void *ctx, const cf_load_options *opts,
                                        void **out, cf_error *err)
{
    inputs *in = ctx;
    cf_progress_report *r = *out;
    int rc =
        cf_progress_analyze(&r, in->people[0], in->people[2], NULL, NULL, err);

    (void)opts;
    *out = r;
    return rc;
}

static void free_progress(void *ctx, void *r)
{
    (void)ctx;
    cf_progress_report_free(r);
}

/*
 * Counts the allocations of one successful run, then fails each in turn,
 * alone and with all later ones: CF_ENOMEM with *out NULL and no block
 * left behind, or (if the failure did not matter) a report that frees.
 */
static void fail_every_allocation(const char *name, inputs *in,
                                  int (*run)(void *, const cf_load_options *,
                                             void **, cf_error *),
                                  void (*release)(void *, void *))
{
    struct support_alloc_case t = {
        .name = name, .run = run, .done = release, .ctx = in, .ok_code = CF_OK};

    support_fail_each_allocation(&in->counter, &t);
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
    support_fail_on(run_consolidate(&in, &in.opts, &c, &err), &err,
                    "cf_consolidate");
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
