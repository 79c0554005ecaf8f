/*
 * Dense team analysis (DESIGN section 4): a team given as a matrix of
 * levels, analysed against one profile with the matrix kernel
 * (score_matrix.c). The numbers are those of gap.c and team.c: per person
 * the measure and fit of cfi_fit, per target the aggregates of team.c,
 * summed in person order after the workers finish so that the number of
 * threads never changes a bit.
 */
#include "internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct cf_team_matrix {
    cf_allocator allocator;
    cf_profile *profile; /* a reference */
    size_t people, targets;
    double *fit;                /* per person */
    unsigned char *ready;       /* per person */
    double *achieved;           /* people x targets, level units */
    unsigned char *status;      /* people x targets, cf_status */
    size_t *assessed, *meeting; /* per target */
    double *mean, *min, *max;   /* per target */
    size_t *rank;
};

/* One target as the kernel compares it (measure() in gap.c). */
typedef struct matrix_target {
    size_t element;
    double lo, hi, span;
    double required, required_norm;
    double threshold; /* met when achieved >= this (cfi_meets) */
    double importance;
    int critical;
} matrix_target;

typedef struct team_job {
    const matrix_target *targets;
    double required_sum; /* sum of importance x required_norm */
    cf_team_matrix *m;
} team_job;

/* ---- per person ---------------------------------------------------------- */

static void prepare_targets(const cf_profile *p, matrix_target *targets,
                            double *required_sum)
{
    const cf_framework *fw = p->framework;
    *required_sum = 0;
    for (size_t t = 0; t < p->target_count; t++) {
        const cfi_target *target = &p->targets[t];
        const cf_scale *scale =
            &fw->scales[fw->elements[target->element].scale];
        matrix_target *mt = &targets[t];
        mt->element = target->element;
        mt->lo = scale->levels[0].value;
        mt->hi = scale->levels[scale->level_count - 1].value;
        mt->span = mt->hi - mt->lo;
        mt->required = target->level;
        mt->required_norm = cf_scale_normalize(scale, target->level);
        mt->threshold = target->level - 1e-9 * (mt->hi > mt->lo ? mt->span : 1);
        mt->importance = target->importance;
        mt->critical = target->critical;
        *required_sum += mt->importance * mt->required_norm;
    }
}

/* Target mt for one person whose normalised score is norm: the achieved
 * level and status; returns its share of the fit (fit_share in gap.c). */
static double measure(const matrix_target *mt, double norm, double *achieved,
                      unsigned char *status)
{
    if (isnan(norm)) {
        *achieved = NAN;
        *status = CF_STATUS_UNASSESSED;
        return 0;
    }
    *achieved = mt->hi > mt->lo ? mt->lo + norm * mt->span : mt->hi;
    if (*achieved >= mt->threshold) {
        *status = CF_STATUS_MET;
        return mt->required_norm;
    }
    *status = CF_STATUS_UNMET;
    return norm < mt->required_norm ? norm : mt->required_norm;
}

/* Fit, readiness and per-target results of lane j (row person). */
static void measure_person(const team_job *job, const double *scratch, size_t j,
                           size_t person)
{
    cf_team_matrix *m = job->m;
    double *achieved = m->achieved + person * m->targets;
    unsigned char *status = m->status + person * m->targets;
    double share_sum = 0;
    int ready = 1;
    for (size_t t = 0; t < m->targets; t++) {
        const matrix_target *mt = &job->targets[t];
        double norm = scratch[mt->element * CFI_LANES + j];
        share_sum +=
            mt->importance * measure(mt, norm, &achieved[t], &status[t]);
        if (mt->critical && status[t] != CF_STATUS_MET)
            ready = 0;
    }
    m->fit[person] = job->required_sum > 0 ? share_sum / job->required_sum : 1;
    m->ready[person] = (unsigned char)ready;
}

/* Measures every person of a scored block (a cfi_matrix_each). */
static void measure_block(void *ctx, const double *scratch, size_t first,
                          size_t count)
{
    const team_job *job = ctx;
    for (size_t j = 0; j < count; j++)
        measure_person(job, scratch, j, first + j);
}

/* ---- per target and ranking ---------------------------------------------- */

/* Count, mean, min, max and meeting of every target (aggregate in team.c),
 * person after person so that memory is read in order. */
static void aggregate(cf_team_matrix *m, double *sum)
{
    size_t targets = m->targets;
    for (size_t t = 0; t < targets; t++) {
        m->assessed[t] = m->meeting[t] = 0;
        sum[t] = 0;
        m->min[t] = m->max[t] = NAN;
    }
    for (size_t i = 0; i < m->people; i++) {
        const double *achieved = m->achieved + i * targets;
        const unsigned char *status = m->status + i * targets;
        for (size_t t = 0; t < targets; t++) {
            m->meeting[t] += status[t] == CF_STATUS_MET;
            double a = achieved[t];
            if (isnan(a))
                continue;
            m->assessed[t]++;
            sum[t] += a;
            if (isnan(m->min[t]) || a < m->min[t])
                m->min[t] = a;
            if (isnan(m->max[t]) || a > m->max[t])
                m->max[t] = a;
        }
    }
    for (size_t t = 0; t < targets; t++)
        m->mean[t] = m->assessed[t] ? sum[t] / (double)m->assessed[t] : NAN;
}

/*
 * The ranking: fit descending, NaN last, ties by row. Each fit becomes a
 * 64-bit key that sorts ascending in that order (the bits of a double,
 * sign-flipped so that they compare as unsigned numbers, then inverted for
 * descending), and a stable radix sort on 16-bit digits, from the lowest,
 * keeps rows with equal keys in row order. Linear in the people, which a
 * comparison sort of 100,000 people is not.
 */
#define DIGIT_BITS 16
#define DIGITS (1u << DIGIT_BITS)

static uint64_t rank_key(double fit)
{
    uint64_t bits;
    if (isnan(fit))
        return UINT64_MAX;
    fit = fit == 0 ? 0 : fit; /* -0 ranks as 0 */
    memcpy(&bits, &fit, sizeof bits);
    uint64_t ascending = bits >> 63 ? ~bits : bits | (UINT64_C(1) << 63);
    return ~ascending - 1; /* below UINT64_MAX, which NaN takes */
}

/* One stable counting pass on the digit at shift: from (key, row) to
 * (key_out, row_out). Returns 0, copying nothing, when every key has the
 * same digit there. */
static int radix_pass(const uint64_t *key, const size_t *row, uint64_t *key_out,
                      size_t *row_out, size_t count, unsigned shift,
                      size_t *histogram)
{
    memset(histogram, 0, DIGITS * sizeof *histogram);
    for (size_t i = 0; i < count; i++)
        histogram[(key[i] >> shift) & (DIGITS - 1)]++;
    if (histogram[(key[0] >> shift) & (DIGITS - 1)] == count)
        return 0;
    size_t start = 0;
    for (size_t d = 0; d < DIGITS; d++) {
        size_t n = histogram[d];
        histogram[d] = start;
        start += n;
    }
    for (size_t i = 0; i < count; i++) {
        size_t at = histogram[(key[i] >> shift) & (DIGITS - 1)]++;
        key_out[at] = key[i];
        row_out[at] = row[i];
    }
    return 1;
}

static int rank_people(cf_team_matrix *m)
{
    const cf_allocator *alloc = &m->allocator;
    size_t n = m->people;
    uint64_t *keys = cfi_alloc(alloc, 2 * n * sizeof *keys);
    size_t *rows = cfi_alloc(alloc, n * sizeof *rows);
    size_t *histogram = cfi_alloc(alloc, DIGITS * sizeof *histogram);
    int rc = keys && rows && histogram ? CF_OK : CF_ENOMEM;
    if (rc == CF_OK) {
        uint64_t *key = keys, *key_other = keys + n;
        size_t *row = m->rank, *row_other = rows;
        for (size_t i = 0; i < n; i++) {
            key[i] = rank_key(m->fit[i]);
            row[i] = i;
        }
        for (unsigned shift = 0; shift < 64; shift += DIGIT_BITS) {
            if (!radix_pass(key, row, key_other, row_other, n, shift,
                            histogram))
                continue;
            uint64_t *kt = key;
            key = key_other, key_other = kt;
            size_t *rt = row;
            row = row_other, row_other = rt;
        }
        if (row != m->rank)
            memcpy(m->rank, row, n * sizeof *row);
    }
    cfi_release(alloc, keys);
    cfi_release(alloc, rows);
    cfi_release(alloc, histogram);
    return rc;
}

/* ---- cf_team_matrix_analyze ---------------------------------------------- */

static cf_team_matrix *matrix_new(const cf_allocator *alloc, size_t people,
                                  size_t targets)
{
    size_t cells = people * targets;
    if (targets && people > SIZE_MAX / targets / sizeof(double))
        return NULL;
    cf_team_matrix *m = cfi_alloc(alloc, sizeof *m);
    if (!m)
        return NULL;
    memset(m, 0, sizeof *m);
    m->allocator = *alloc;
    m->people = people;
    m->targets = targets;
    m->fit = cfi_alloc(alloc, people * sizeof *m->fit);
    m->ready = cfi_alloc(alloc, people);
    m->rank = cfi_alloc(alloc, people * sizeof *m->rank);
    m->achieved = cfi_alloc(alloc, (cells ? cells : 1) * sizeof *m->achieved);
    m->status = cfi_alloc(alloc, cells ? cells : 1);
    m->assessed = cfi_alloc(alloc, (targets + 1) * sizeof *m->assessed);
    m->meeting = cfi_alloc(alloc, (targets + 1) * sizeof *m->meeting);
    m->mean = cfi_alloc(alloc, (targets + 1) * sizeof *m->mean);
    m->min = cfi_alloc(alloc, (targets + 1) * sizeof *m->min);
    m->max = cfi_alloc(alloc, (targets + 1) * sizeof *m->max);
    if (!m->fit || !m->ready || !m->rank || !m->achieved || !m->status ||
        !m->assessed || !m->meeting || !m->mean || !m->min || !m->max) {
        cf_team_matrix_free(m);
        return NULL;
    }
    return m;
}

/* Scores and measures every person; CF_EINVALID or CF_ENOMEM. */
static int analyze(cf_team_matrix *m, const cf_profile *p, const double *levels,
                   const cf_score_options *options, cf_error *err)
{
    const cf_allocator *alloc = &m->allocator;
    matrix_target *targets =
        cfi_alloc(alloc, (m->targets + 1) * sizeof *targets);
    if (!targets)
        return cfi_fail(err, CF_ENOMEM, "", NULL, "out of memory");
    team_job job = {targets, 0, m};
    prepare_targets(p, targets, &job.required_sum);
    int rc = cfi_matrix_run(p->framework, alloc, levels, m->people, options,
                            measure_block, &job, err);
    cfi_release(alloc, targets);
    return rc;
}

static int summarize(cf_team_matrix *m, cf_error *err)
{
    double *sum = cfi_alloc(&m->allocator, (m->targets + 1) * sizeof *sum);
    if (!sum)
        return cfi_fail(err, CF_ENOMEM, "", NULL, "out of memory");
    aggregate(m, sum);
    cfi_release(&m->allocator, sum);
    if (rank_people(m) != CF_OK)
        return cfi_fail(err, CF_ENOMEM, "", NULL, "out of memory");
    return CF_OK;
}

int cf_team_matrix_analyze(cf_team_matrix **out, const cf_profile *p,
                           const double *levels, size_t people,
                           const cf_score_options *opts, cf_error *err)
{
    if (out)
        *out = NULL;
    if (!out || !p || !levels)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "out, the profile and levels must not be NULL");
    if (people == 0)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "a team analysis needs at least one person, got 0");
    int rc = cfi_matrix_check_size(p->framework, people, err);
    if (rc != CF_OK)
        return rc;
    cf_score_options options;
    rc = cfi_score_options_resolve(&options, opts, err);
    if (rc != CF_OK)
        return rc;
    cf_team_matrix *m = matrix_new(&p->allocator, people, p->target_count);
    if (!m)
        return cfi_fail(err, CF_ENOMEM, "", NULL, "out of memory");
    rc = analyze(m, p, levels, &options, err);
    if (rc == CF_OK)
        rc = summarize(m, err);
    if (rc != CF_OK) {
        cf_team_matrix_free(m);
        return rc;
    }
    m->profile = cf_profile_ref((cf_profile *)p);
    *out = m;
    return CF_OK;
}

void cf_team_matrix_free(cf_team_matrix *m)
{
    if (!m)
        return;
    const cf_allocator a = m->allocator;
    cfi_release(&a, m->fit);
    cfi_release(&a, m->ready);
    cfi_release(&a, m->rank);
    cfi_release(&a, m->achieved);
    cfi_release(&a, m->status);
    cfi_release(&a, m->assessed);
    cfi_release(&a, m->meeting);
    cfi_release(&a, m->mean);
    cfi_release(&a, m->min);
    cfi_release(&a, m->max);
    cf_profile_free(m->profile);
    cfi_release(&a, m);
}

/* ---- accessors ------------------------------------------------------------
 */

const cf_profile *cf_team_matrix_profile(const cf_team_matrix *m)
{
    return m->profile;
}

size_t cf_team_matrix_person_count(const cf_team_matrix *m)
{
    return m->people;
}

size_t cf_team_matrix_target_count(const cf_team_matrix *m)
{
    return m->targets;
}

double cf_team_matrix_fit(const cf_team_matrix *m, size_t i)
{
    return i < m->people ? m->fit[i] : NAN;
}

int cf_team_matrix_ready(const cf_team_matrix *m, size_t i)
{
    return i < m->people ? m->ready[i] : 0;
}

double cf_team_matrix_achieved(const cf_team_matrix *m, size_t i, size_t t)
{
    return i < m->people && t < m->targets ? m->achieved[i * m->targets + t]
                                           : NAN;
}

cf_status cf_team_matrix_status(const cf_team_matrix *m, size_t i, size_t t)
{
    return i < m->people && t < m->targets
               ? (cf_status)m->status[i * m->targets + t]
               : CF_STATUS_UNASSESSED;
}

size_t cf_team_matrix_assessed(const cf_team_matrix *m, size_t t)
{
    return t < m->targets ? m->assessed[t] : 0;
}

double cf_team_matrix_mean(const cf_team_matrix *m, size_t t)
{
    return t < m->targets ? m->mean[t] : NAN;
}

double cf_team_matrix_min(const cf_team_matrix *m, size_t t)
{
    return t < m->targets ? m->min[t] : NAN;
}

double cf_team_matrix_max(const cf_team_matrix *m, size_t t)
{
    return t < m->targets ? m->max[t] : NAN;
}

size_t cf_team_matrix_meeting(const cf_team_matrix *m, size_t t)
{
    return t < m->targets ? m->meeting[t] : 0;
}

int cf_team_matrix_single_point(const cf_team_matrix *m, size_t t)
{
    return t < m->targets && m->meeting[t] <= 1;
}

size_t cf_team_matrix_rank(const cf_team_matrix *m, size_t k)
{
    return k < m->people ? m->rank[k] : CFI_NONE;
}

const double *cf_team_matrix_fits(const cf_team_matrix *m)
{
    return m->fit;
}

const double *cf_team_matrix_achieved_all(const cf_team_matrix *m)
{
    return m->achieved;
}
