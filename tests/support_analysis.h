/*
 * Helpers shared by the tests of the analyses (team, progress,
 * consolidation, allocation failures) and of their JSON: tables of
 * ratings and targets, assessments and profiles built from them with the
 * public API, doubles compared within 1e-9, and cmocka setup and teardown
 * for a per-test fixture. Include after cmocka.h and support.h.
 */
#ifndef CF_TEST_SUPPORT_ANALYSIS_H
#define CF_TEST_SUPPORT_ANALYSIS_H

#include <stdlib.h>
#include <string.h>

#include "competency.h"

/* A rating of one element; a table of them ends with {NULL, 0}. */
typedef struct support_rating {
    const char *id;
    double level;
} support_rating;

/* A target of a profile; a table of them ends with {NULL, 0, 0, 0}. */
typedef struct support_target {
    const char *id;
    double level;
    double importance;
    int critical;
} support_target;

#define SUPPORT_EPSILON 1e-9

/* Fails the test, naming what, unless actual is within 1e-9 of expected. */
static inline void support_check_near(double actual, double expected,
                                      const char *what)
{
    if (!(actual - expected <= SUPPORT_EPSILON &&
          expected - actual <= SUPPORT_EPSILON)) {
        fail_msg("%s: expected %.17g, got %.17g", what, expected, actual);
    }
}

/*
 * An assessment of subject by rater in role on date (each NULL: none),
 * with the ratings of a table, its memory from opts (NULL: the defaults).
 * Fails the test if any step fails.
 */
static inline cf_assessment *
support_assess_opts(cf_framework *fw, const char *subject, const char *rater,
                    const char *role, const char *date,
                    const support_rating *ratings, const cf_load_options *opts)
{
    cf_assessment *a = NULL;
    cf_error err;
    size_t k;

    memset(&err, 0, sizeof err);
    support_fail_on(cf_assessment_new(&a, fw, subject, opts, &err), &err,
                    "cf_assessment_new");
    support_fail_on(cf_assessment_set_rater(a, rater, &err), &err, "set_rater");
    support_fail_on(cf_assessment_set_role(a, role, &err), &err, "set_role");
    support_fail_on(cf_assessment_set_date(a, date, &err), &err, "set_date");
    for (k = 0; ratings[k].id != NULL; k++) {
        support_fail_on(
            cf_assessment_rate(a, ratings[k].id, ratings[k].level, NULL, &err),
            &err, "cf_assessment_rate");
    }
    return a;
}

static inline cf_assessment *support_assess(cf_framework *fw,
                                            const char *subject,
                                            const char *rater, const char *role,
                                            const char *date,
                                            const support_rating *ratings)
{
    return support_assess_opts(fw, subject, rater, role, date, ratings, NULL);
}

/*
 * A profile id (title NULL: none) with the targets of a table, its memory
 * from opts (NULL: the defaults). Fails the test if any step fails.
 */
static inline cf_profile *support_profile_opts(cf_framework *fw, const char *id,
                                               const char *title,
                                               const support_target *targets,
                                               const cf_load_options *opts)
{
    cf_profile *p = NULL;
    cf_error err;
    size_t k;

    memset(&err, 0, sizeof err);
    support_fail_on(cf_profile_new(&p, fw, id, title, opts, &err), &err,
                    "cf_profile_new");
    for (k = 0; targets[k].id != NULL; k++) {
        support_fail_on(cf_profile_add_target(
                            p, targets[k].id, targets[k].level,
                            targets[k].importance, targets[k].critical, &err),
                        &err, targets[k].id);
    }
    return p;
}

/*
 * Defines cmocka's setup and teardown for a per-test fixture of type
 * with build(type *, const cf_load_options *) and release(type *): setup
 * allocates the fixture zeroed and builds it with the default options,
 * teardown releases and frees it. Write it at file scope, without a
 * semicolon after it.
 */
#define SUPPORT_FIXTURE_HOOKS(type, build, release)                            \
    static int setup(void **state)                                             \
    {                                                                          \
        type *f_ = calloc(1, sizeof *f_);                                      \
                                                                               \
        if (f_ == NULL) {                                                      \
            return -1;                                                         \
        }                                                                      \
        build(f_, NULL);                                                       \
        *state = f_;                                                           \
        return 0;                                                              \
    }                                                                          \
                                                                               \
    static int teardown(void **state)                                          \
    {                                                                          \
        release(*state);                                                       \
        free(*state);                                                          \
        return 0;                                                              \
    }

#endif /* CF_TEST_SUPPORT_ANALYSIS_H */
