/*
 * Sharing across threads: one loaded framework and one profile, read by 8
 * threads at once. Each thread analyses its own assessments (and one that
 * every thread shares) many times: scores, gap reports and their JSON, and
 * now and then a team report over everybody, all through the public API.
 * Every thread also writes the JSON of one gap report that they all share.
 * Every result must equal, bit for bit and byte for byte, the result of a
 * single-threaded run made first. `make test-tsan` runs this test under
 * ThreadSanitizer, which also sees the reference counts of the framework,
 * the profile and the assessments change from every thread.
 *
 * pthreads rather than C11 <threads.h>: ThreadSanitizer intercepts
 * pthread_create, and glibc's thrd_create does not call it through a
 * symbol that it can see.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "competency.h"
#include "support.h"

#define THREADS 8
#define OWN 2                      /* assessments of one thread */
#define PEOPLE (THREADS * OWN + 1) /* the last one is shared */
#define SHARED (PEOPLE - 1)        /* its index */
#define ITERATIONS 150
#define TEAM_EVERY 25 /* a team report every this many iterations */
#define MAX_TARGETS 16
#define MAX_ELEMENTS 64

/* What one analysis of one assessment gives. */
typedef struct result {
    double fit;
    int ready;
    size_t targets;
    double numbers[MAX_TARGETS][7]; /* per target, as read by accessors */
    int status[MAX_TARGETS];
    size_t priorities[MAX_TARGETS];
    size_t priority_count;
    double scores[MAX_ELEMENTS][3]; /* value, normalized, coverage */
    char *gap_json;
    char *gap_pretty;
    char *scores_json;
} result;

typedef struct shared {
    cf_framework *fw;
    cf_profile *profile;
    cf_assessment *people[PEOPLE];
    result reference[PEOPLE];
    char *team_json;
    cf_gap_report *report; /* one report that every thread writes */
} shared;

typedef struct worker {
    const shared *sh;
    size_t index; /* which thread */
    size_t runs;
    size_t failures;   /* a call that did not return CF_OK */
    size_t mismatches; /* a result unlike the reference */
} worker;

/* Scoring options: assessments alternate between the two policies. */
static const cf_score_options *options_for(size_t person)
{
    static const cf_score_options skip = {CF_SCORE_OPTIONS_VERSION,
                                          CF_MISSING_SKIP, 1};
    static const cf_score_options zero = {CF_SCORE_OPTIONS_VERSION,
                                          CF_MISSING_ZERO, 1};
    return person % 2 ? &zero : &skip;
}

static void result_free(result *r)
{
    cf_string_free(r->gap_json);
    cf_string_free(r->gap_pretty);
    cf_string_free(r->scores_json);
    memset(r, 0, sizeof *r);
}

/* Analyses a against p into *out; returns 0, or -1 when a call fails. */
static int analyse(const cf_assessment *a, const cf_profile *p,
                   const cf_score_options *opts, result *out)
{
    cf_gap_report *g = NULL;
    cf_scores *s = NULL;
    const cf_framework *fw = cf_assessment_framework(a);
    size_t t, k, n = cf_framework_element_count(fw);
    int rc = -1;

    memset(out, 0, sizeof *out);
    if (cf_gap_analyze(&g, a, p, opts, NULL) != CF_OK ||
        cf_scores_compute(&s, a, opts, NULL) != CF_OK ||
        cf_gap_report_to_json(g, 0, &out->gap_json, NULL) != CF_OK ||
        cf_gap_report_to_json(g, CF_JSON_PRETTY, &out->gap_pretty, NULL) !=
            CF_OK ||
        cf_scores_to_json(s, 0, &out->scores_json, NULL) != CF_OK ||
        cf_gap_report_target_count(g) > MAX_TARGETS || n > MAX_ELEMENTS) {
        goto done;
    }
    out->fit = cf_gap_report_fit(g);
    out->ready = cf_gap_report_ready(g);
    out->targets = cf_gap_report_target_count(g);
    for (t = 0; t < out->targets; t++) {
        out->status[t] = (int)cf_gap_report_status(g, t);
        out->numbers[t][0] = cf_gap_report_required(g, t);
        out->numbers[t][1] = cf_gap_report_required_normalized(g, t);
        out->numbers[t][2] = cf_gap_report_achieved(g, t);
        out->numbers[t][3] = cf_gap_report_achieved_normalized(g, t);
        out->numbers[t][4] = cf_gap_report_gap(g, t);
        out->numbers[t][5] = cf_gap_report_gap_normalized(g, t);
        out->numbers[t][6] = cf_gap_report_importance(g, t);
    }
    out->priority_count = cf_gap_report_priority_count(g);
    for (k = 0; k < out->priority_count; k++) {
        out->priorities[k] = cf_gap_report_priority(g, k);
    }
    for (k = 0; k < n; k++) {
        out->scores[k][0] = cf_scores_value(s, k);
        out->scores[k][1] = cf_scores_normalized(s, k);
        out->scores[k][2] = cf_scores_coverage(s, k);
    }
    rc = 0;
done:
    cf_scores_free(s);
    cf_gap_report_free(g);
    return rc;
}

/* Whether two results are identical: doubles bit for bit (NaN included),
 * texts byte for byte. */
static int same(const result *x, const result *y)
{
    return memcmp(&x->fit, &y->fit, sizeof x->fit) == 0 &&
           x->ready == y->ready && x->targets == y->targets &&
           memcmp(x->numbers, y->numbers, sizeof x->numbers) == 0 &&
           memcmp(x->status, y->status, sizeof x->status) == 0 &&
           x->priority_count == y->priority_count &&
           memcmp(x->priorities, y->priorities, sizeof x->priorities) == 0 &&
           memcmp(x->scores, y->scores, sizeof x->scores) == 0 &&
           strcmp(x->gap_json, y->gap_json) == 0 &&
           strcmp(x->gap_pretty, y->gap_pretty) == 0 &&
           strcmp(x->scores_json, y->scores_json) == 0;
}

/* The team report of everybody as compact JSON, or NULL on failure. */
static char *team_json(const shared *sh)
{
    cf_team_report *r = NULL;
    char *text = NULL;

    if (cf_team_analyze(&r, (const cf_assessment *const *)sh->people, PEOPLE,
                        sh->profile, NULL, NULL) == CF_OK &&
        cf_team_report_to_json(r, 0, &text, NULL) != CF_OK) {
        text = NULL;
    }
    cf_team_report_free(r);
    return text;
}

static void *work(void *arg)
{
    worker *w = arg;
    const shared *sh = w->sh;
    size_t mine[OWN + 1];
    size_t iteration, k;

    for (k = 0; k < OWN; k++) {
        mine[k] = w->index * OWN + k;
    }
    mine[OWN] = SHARED;
    for (iteration = 0; iteration < ITERATIONS; iteration++) {
        for (k = 0; k < OWN + 1; k++) {
            size_t person = mine[(k + iteration) % (OWN + 1)];
            result r;

            w->runs++;
            if (analyse(sh->people[person], sh->profile, options_for(person),
                        &r) != 0) {
                w->failures++;
            } else if (!same(&r, &sh->reference[person])) {
                w->mismatches++;
            }
            result_free(&r);
        }
        {
            char *text = NULL;

            w->runs++;
            if (cf_gap_report_to_json(sh->report, 0, &text, NULL) != CF_OK) {
                w->failures++;
            } else if (strcmp(text, sh->reference[SHARED].gap_json) != 0) {
                w->mismatches++;
            }
            cf_string_free(text);
        }
        if ((iteration + w->index) % TEAM_EVERY == 0) {
            char *text = team_json(sh);

            w->runs++;
            if (text == NULL) {
                w->failures++;
            } else if (strcmp(text, sh->team_json) != 0) {
                w->mismatches++;
            }
            cf_string_free(text);
        }
    }
    return NULL;
}

/* ---- fixture ------------------------------------------------------------- */

/* A small deterministic generator, so every run rates the same way. */
static uint32_t next_random(uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u;
    return *state >> 8;
}

/*
 * Rates about two thirds of the framework's leaves of person number
 * `person`, and now and then a competency directly, at levels of their
 * scales.
 */
static cf_assessment *make_person(cf_framework *fw, size_t person)
{
    cf_assessment *a = NULL;
    cf_error err;
    char subject[32];
    uint32_t state = 7919u * (uint32_t)(person + 1);
    size_t i, n = cf_framework_element_count(fw);

    snprintf(subject, sizeof subject, "person-%02zu", person);
    memset(&err, 0, sizeof err);
    if (cf_assessment_new(&a, fw, subject, NULL, &err) != CF_OK) {
        fail_msg("cf_assessment_new: %s", err.message);
    }
    for (i = 0; i < n; i++) {
        const cf_element *el = cf_framework_element(fw, i);
        const cf_scale *scale = cf_element_scale(el);
        uint32_t roll = next_random(&state) % 12;
        size_t level;

        if (cf_element_child_count(el) > 0 ? roll != 0 : roll >= 8) {
            continue;
        }
        level = next_random(&state) % cf_scale_level_count(scale);
        if (cf_assessment_rate(a, cf_element_id(el),
                               cf_level_value(cf_scale_level(scale, level)),
                               NULL, &err) != CF_OK) {
            fail_msg("cf_assessment_rate: %s", err.message);
        }
    }
    return a;
}

/* A profile over the area, every competency and a few KSAs. */
static cf_profile *make_profile(cf_framework *fw)
{
    static const struct {
        const char *id;
        double level, importance;
        int critical;
    } targets[] = {
        {"CR", 3, 1, 0},     {"CR.1", 3, 2, 1},   {"CR.2", 2, 1, 0},
        {"CR.3", 4, 0.5, 0}, {"CR.4", 3, 3, 0},   {"CR.5", 2, 1, 1},
        {"CR.6", 3, 1.5, 0}, {"CR.1.1", 4, 1, 0}, {"CR.4.8", 2, 2, 0},
    };
    cf_profile *p = NULL;
    cf_error err;
    size_t k;

    memset(&err, 0, sizeof err);
    if (cf_profile_new(&p, fw, "community-librarian", "Community librarian",
                       NULL, &err) != CF_OK) {
        fail_msg("cf_profile_new: %s", err.message);
    }
    for (k = 0; k < sizeof targets / sizeof targets[0]; k++) {
        if (cf_profile_add_target(p, targets[k].id, targets[k].level,
                                  targets[k].importance, targets[k].critical,
                                  &err) != CF_OK) {
            fail_msg("cf_profile_add_target %s: %s", targets[k].id,
                     err.message);
        }
    }
    return p;
}

static int setup(void **state)
{
    shared *sh = calloc(1, sizeof *sh);
    char *path =
        support_path(CF_FRAMEWORKS_DIR, "sols-community-relations.yaml");
    cf_error err;
    size_t i;

    assert_non_null(sh);
    memset(&err, 0, sizeof err);
    if (cf_framework_load_file(&sh->fw, path, NULL, &err) != CF_OK) {
        print_error("cannot load %s: %s\n", path, err.message);
        free(path);
        free(sh);
        return -1;
    }
    free(path);
    sh->profile = make_profile(sh->fw);
    for (i = 0; i < PEOPLE; i++) {
        sh->people[i] = make_person(sh->fw, i);
    }

    /* The single-threaded reference run. */
    for (i = 0; i < PEOPLE; i++) {
        if (analyse(sh->people[i], sh->profile, options_for(i),
                    &sh->reference[i]) != 0) {
            fail_msg("the reference analysis of person %zu failed", i);
        }
    }
    sh->team_json = team_json(sh);
    assert_non_null(sh->team_json);
    if (cf_gap_analyze(&sh->report, sh->people[SHARED], sh->profile,
                       options_for(SHARED), &err) != CF_OK) {
        fail_msg("cf_gap_analyze: %s", err.message);
    }
    *state = sh;
    return 0;
}

static int teardown(void **state)
{
    shared *sh = *state;
    size_t i;

    for (i = 0; i < PEOPLE; i++) {
        result_free(&sh->reference[i]);
        cf_assessment_free(sh->people[i]);
    }
    cf_string_free(sh->team_json);
    cf_gap_report_free(sh->report);
    cf_profile_free(sh->profile);
    cf_framework_free(sh->fw);
    free(sh);
    return 0;
}

/* ---- tests --------------------------------------------------------------- */

/* The people differ: the test would prove little if they did not. */
static void test_reference_varies(void **state)
{
    const shared *sh = *state;
    size_t i, distinct_fits = 0, unassessed = 0, ready = 0;

    for (i = 0; i < PEOPLE; i++) {
        const result *r = &sh->reference[i];
        size_t j, t;

        for (j = 0; j < i; j++) {
            if (sh->reference[j].fit == r->fit) {
                break;
            }
        }
        distinct_fits += j == i;
        ready += r->ready != 0;
        for (t = 0; t < r->targets; t++) {
            unassessed += r->status[t] == CF_STATUS_UNASSESSED;
        }
        assert_int_equal(r->targets, 9);
    }
    assert_true(distinct_fits >= PEOPLE / 2);
    assert_true(unassessed > 0);
    assert_true(ready < PEOPLE);
}

static void test_threads_agree(void **state)
{
    const shared *sh = *state;
    pthread_t threads[THREADS];
    worker workers[THREADS];
    size_t i, runs = 0;

    for (i = 0; i < THREADS; i++) {
        workers[i] = (worker){sh, i, 0, 0, 0};
        assert_int_equal(pthread_create(&threads[i], NULL, work, &workers[i]),
                         0);
    }
    for (i = 0; i < THREADS; i++) {
        assert_int_equal(pthread_join(threads[i], NULL), 0);
    }
    for (i = 0; i < THREADS; i++) {
        if (workers[i].failures || workers[i].mismatches) {
            fail_msg("thread %zu: %zu failed calls, %zu results unlike the "
                     "single-threaded run, in %zu runs",
                     i, workers[i].failures, workers[i].mismatches,
                     workers[i].runs);
        }
        runs += workers[i].runs;
    }
    assert_true(runs >= (size_t)THREADS * ITERATIONS * (OWN + 2));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference_varies),
        cmocka_unit_test(test_threads_agree),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
