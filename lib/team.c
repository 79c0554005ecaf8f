/*
 * Team reports (DESIGN section 4): one gap report per person against one
 * profile, then per target the bench strength and a ranking by fit.
 */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Room for where(): a source name, a colon and a line number. */
#define WHERE_MAX (CF_ERROR_SOURCE_MAX + 32)

/* "team.yaml:12", or "assessment 3" when the assessment was built. */
static const char *where(const cf_assessment *a, size_t index, char *buf,
                         size_t size)
{
    if (a->source && a->line)
        snprintf(buf, size, "%s:%zu", a->source, a->line);
    else if (a->source)
        snprintf(buf, size, "%s", a->source);
    else
        snprintf(buf, size, "assessment %zu", index);
    return buf;
}

static int framework_mismatch(const cf_assessment *a, const cf_profile *p,
                              cf_error *err)
{
    if (strcmp(a->framework->id, p->framework->id) == 0)
        return cfi_fail(err, CF_EINVALID, "", NULL,
                        "the assessment of '%s' and profile '%s' use two "
                        "different loads of framework '%s'; load it once",
                        a->subject, p->id, p->framework->id);
    return cfi_fail(err, CF_EINVALID, "", NULL,
                    "the assessment of '%s' is for framework '%s', but "
                    "profile '%s' is for framework '%s'",
                    a->subject, a->framework->id, p->id, p->framework->id);
}

static int check_arguments(cf_team_report **out,
                           const cf_assessment *const *assessments,
                           size_t count, const cf_profile *p, cf_error *err)
{
    if (!out || !p || (count && !assessments))
        return cfi_fail(err, CF_EARG, "", NULL,
                        "out, the assessments and the profile must not be "
                        "NULL");
    if (count == 0)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "a team report needs at least one assessment, got 0");
    for (size_t i = 0; i < count; i++) {
        if (!assessments[i])
            return cfi_fail(err, CF_EARG, "", NULL,
                            "assessment %zu of %zu is NULL", i, count);
        if (assessments[i]->framework != p->framework)
            return framework_mismatch(assessments[i], p, err);
    }
    return CF_OK;
}

/* Fails when two assessments have the same subject. */
static int check_distinct(const cf_allocator *alloc,
                          const cf_assessment *const *assessments, size_t count,
                          cf_error *err)
{
    cfi_idmap subjects = {0};
    int rc = CF_OK;
    for (size_t i = 0; i < count && rc == CF_OK; i++) {
        size_t first = CFI_NONE;
        rc = cfi_idmap_insert(alloc, &subjects, assessments[i]->subject, i,
                              &first);
        if (rc != CF_OK) {
            rc = cfi_fail(err, CF_ENOMEM, "", NULL, "out of memory");
        } else if (first != CFI_NONE) {
            char a[WHERE_MAX], b[WHERE_MAX];
            rc = cfi_fail(
                err, CF_EINVALID, "", NULL,
                "subject '%s' is assessed twice (%s and %s); a team report "
                "takes one assessment per person",
                assessments[i]->subject,
                where(assessments[first], first, a, sizeof a),
                where(assessments[i], i, b, sizeof b));
        }
    }
    cfi_idmap_free(alloc, &subjects);
    return rc;
}

/* A person's place in the ranking. */
typedef struct candidate {
    double fit;
    const char *subject;
    size_t index;
} candidate;

static cf_team_report *report_new(const cf_allocator *alloc, size_t count,
                                  size_t targets)
{
    if (count > SIZE_MAX / sizeof(candidate) ||
        targets > SIZE_MAX / sizeof(double))
        return NULL;
    cf_team_report *r = cfi_alloc(alloc, sizeof *r);
    if (!r)
        return NULL;
    memset(r, 0, sizeof *r);
    r->allocator = *alloc;
    r->people = cfi_alloc(alloc, count * sizeof *r->people);
    r->assessed = cfi_alloc(alloc, targets * sizeof *r->assessed);
    r->mean = cfi_alloc(alloc, targets * sizeof *r->mean);
    r->min = cfi_alloc(alloc, targets * sizeof *r->min);
    r->max = cfi_alloc(alloc, targets * sizeof *r->max);
    r->meeting = cfi_alloc(alloc, targets * sizeof *r->meeting);
    r->rank = cfi_alloc(alloc, count * sizeof *r->rank);
    if (r->people)
        memset(r->people, 0, count * sizeof *r->people);
    if (!r->people || !r->assessed || !r->mean || !r->min || !r->max ||
        !r->meeting || !r->rank) {
        cf_team_report_free(r);
        return NULL;
    }
    return r;
}

/* Count, mean, min, max and meeting of target t over the people. */
static void aggregate(cf_team_report *r, size_t t)
{
    size_t assessed = 0, meeting = 0;
    double sum = 0, lo = NAN, hi = NAN;
    for (size_t i = 0; i < r->person_count; i++) {
        const cf_gap_report *g = r->people[i];
        if (cf_gap_report_status(g, t) == CF_STATUS_MET)
            meeting++;
        double achieved = cf_gap_report_achieved(g, t);
        if (isnan(achieved))
            continue;
        assessed++;
        sum += achieved;
        if (isnan(lo) || achieved < lo)
            lo = achieved;
        if (isnan(hi) || achieved > hi)
            hi = achieved;
    }
    r->assessed[t] = assessed;
    r->meeting[t] = meeting;
    r->mean[t] = assessed ? sum / (double)assessed : NAN;
    r->min[t] = lo;
    r->max[t] = hi;
}

/* Fit descending (NaN last), then subject in strcmp order. */
static int compare_candidates(const void *x, const void *y)
{
    const candidate *a = x, *b = y;
    if (a->fit != b->fit && !(isnan(a->fit) && isnan(b->fit))) {
        if (isnan(b->fit) || a->fit > b->fit)
            return -1;
        if (isnan(a->fit) || a->fit < b->fit)
            return 1;
    }
    return strcmp(a->subject, b->subject);
}

static int rank_people(cf_team_report *r)
{
    const cf_allocator *alloc = &r->allocator;
    candidate *order = cfi_alloc(alloc, r->person_count * sizeof *order);
    if (!order)
        return CF_ENOMEM;
    for (size_t i = 0; i < r->person_count; i++) {
        order[i].fit = cf_gap_report_fit(r->people[i]);
        order[i].subject =
            cf_assessment_subject(cf_gap_report_assessment(r->people[i]));
        order[i].index = i;
    }
    qsort(order, r->person_count, sizeof *order, compare_candidates);
    for (size_t k = 0; k < r->person_count; k++)
        r->rank[k] = order[k].index;
    cfi_release(alloc, order);
    return CF_OK;
}

int cf_team_analyze(cf_team_report **out,
                    const cf_assessment *const *assessments, size_t count,
                    const cf_profile *p, const cf_score_options *opts,
                    cf_error *err)
{
    if (out)
        *out = NULL;
    int rc = check_arguments(out, assessments, count, p, err);
    if (rc != CF_OK)
        return rc;
    cf_score_options options;
    rc = cfi_score_options_resolve(&options, opts, err);
    if (rc != CF_OK)
        return rc;
    rc = check_distinct(&p->allocator, assessments, count, err);
    if (rc != CF_OK)
        return rc;
    cf_team_report *r = report_new(&p->allocator, count, p->target_count);
    if (!r)
        return cfi_fail(err, CF_ENOMEM, "", NULL, "out of memory");
    for (; r->person_count < count; r->person_count++) {
        rc = cf_gap_analyze(&r->people[r->person_count],
                            assessments[r->person_count], p, &options, err);
        if (rc != CF_OK) {
            cf_team_report_free(r);
            return rc;
        }
    }
    for (size_t t = 0; t < p->target_count; t++)
        aggregate(r, t);
    if (rank_people(r) != CF_OK) {
        cf_team_report_free(r);
        return cfi_fail(err, CF_ENOMEM, "", NULL, "out of memory");
    }
    r->profile = cf_profile_ref((cf_profile *)p);
    *out = r;
    return CF_OK;
}

void cf_team_report_free(cf_team_report *r)
{
    if (!r)
        return;
    const cf_allocator a = r->allocator;
    if (r->people)
        for (size_t i = 0; i < r->person_count; i++)
            cf_gap_report_free(r->people[i]);
    cfi_release(&a, r->people);
    cfi_release(&a, r->assessed);
    cfi_release(&a, r->mean);
    cfi_release(&a, r->min);
    cfi_release(&a, r->max);
    cfi_release(&a, r->meeting);
    cfi_release(&a, r->rank);
    cf_profile_free(r->profile);
    cfi_release(&a, r);
}

const cf_profile *cf_team_report_profile(const cf_team_report *r)
{
    return r->profile;
}

/* The targets as the gap reports saw them (the profile may grow later). */
size_t cf_team_report_target_count(const cf_team_report *r)
{
    return cf_gap_report_target_count(r->people[0]);
}

const cf_element *cf_team_report_element(const cf_team_report *r, size_t t)
{
    return cf_gap_report_element(r->people[0], t);
}

size_t cf_team_report_assessed(const cf_team_report *r, size_t t)
{
    return t < cf_team_report_target_count(r) ? r->assessed[t] : 0;
}

double cf_team_report_mean(const cf_team_report *r, size_t t)
{
    return t < cf_team_report_target_count(r) ? r->mean[t] : NAN;
}

double cf_team_report_min(const cf_team_report *r, size_t t)
{
    return t < cf_team_report_target_count(r) ? r->min[t] : NAN;
}

double cf_team_report_max(const cf_team_report *r, size_t t)
{
    return t < cf_team_report_target_count(r) ? r->max[t] : NAN;
}

size_t cf_team_report_meeting(const cf_team_report *r, size_t t)
{
    return t < cf_team_report_target_count(r) ? r->meeting[t] : 0;
}

int cf_team_report_single_point(const cf_team_report *r, size_t t)
{
    return t < cf_team_report_target_count(r) && r->meeting[t] <= 1;
}

size_t cf_team_report_person_count(const cf_team_report *r)
{
    return r->person_count;
}

const cf_gap_report *cf_team_report_person(const cf_team_report *r, size_t i)
{
    return i < r->person_count ? r->people[i] : NULL;
}

size_t cf_team_report_rank(const cf_team_report *r, size_t k)
{
    return k < r->person_count ? r->rank[k] : CFI_NONE;
}
