/*
 * Helpers shared by the scoring, profile and gap tests: comparing doubles
 * (cmocka 1.1's assert_float_equal converts to float) and rating an
 * element. Include after cmocka.h and support.h.
 */
#ifndef CF_TEST_SUPPORT_SCORE_H
#define CF_TEST_SUPPORT_SCORE_H

#include <math.h>

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

/* Rates element id of a at level; fails the test if it cannot. */
static inline void support_rate(cf_assessment *a, const char *id, double level)
{
    cf_error err;

    if (cf_assessment_rate(a, id, level, NULL, &err) != CF_OK) {
        fail_msg("rating %s at %g: %s", id, level, err.message);
    }
}

#endif /* CF_TEST_SUPPORT_SCORE_H */
