/*
 * Progress (DESIGN section 4): two assessments of one subject, per element
 * the score before and after and the change; with a profile, the fit
 * before and after.
 */
#include "internal.h"

#include <math.h>
#include <string.h>

static int framework_mismatch(const cf_assessment *before,
                              const cf_assessment *after, cf_error *err)
{
    if (strcmp(after->framework->id, before->framework->id) == 0)
        return cfi_fail(err, CF_EINVALID, "", NULL,
                        "the assessments before and after use two different "
                        "loads of framework '%s'; load it once",
                        before->framework->id);
    return cfi_fail(err, CF_EINVALID, "", NULL,
                    "the assessment before is for framework '%s', the one "
                    "after for framework '%s'; progress compares two "
                    "assessments against one framework",
                    before->framework->id, after->framework->id);
}

static int profile_mismatch(const cf_profile *p, const cf_assessment *a,
                            cf_error *err)
{
    if (strcmp(p->framework->id, a->framework->id) == 0)
        return cfi_fail(err, CF_EINVALID, "", NULL,
                        "profile '%s' and the assessments use two different "
                        "loads of framework '%s'; load it once",
                        p->id, a->framework->id);
    return cfi_fail(err, CF_EINVALID, "", NULL,
                    "profile '%s' is for framework '%s', but the assessments "
                    "are for framework '%s'",
                    p->id, p->framework->id, a->framework->id);
}

static int check_pair(const cf_assessment *before, const cf_assessment *after,
                      const cf_profile *p, cf_error *err)
{
    if (after->framework != before->framework)
        return framework_mismatch(before, after, err);
    if (strcmp(after->subject, before->subject) != 0)
        return cfi_fail(err, CF_EINVALID, "", NULL,
                        "the assessment before is of subject '%s', the one "
                        "after of subject '%s'; progress compares two "
                        "assessments of one subject",
                        before->subject, after->subject);
    if (p && p->framework != before->framework)
        return profile_mismatch(p, before, err);
    return CF_OK;
}

static cf_progress_report *report_new(const cf_assessment *before)
{
    const cf_allocator *alloc = &before->allocator;
    size_t n = before->framework->element_count;
    cf_progress_report *r = cfi_alloc(alloc, sizeof *r);
    if (!r)
        return NULL;
    memset(r, 0, sizeof *r);
    r->allocator = before->allocator;
    r->before_value = cfi_alloc(alloc, n * sizeof *r->before_value);
    r->after_value = cfi_alloc(alloc, n * sizeof *r->after_value);
    r->trend = cfi_alloc(alloc, n * sizeof *r->trend);
    if (!r->before_value || !r->after_value || !r->trend) {
        cf_progress_report_free(r);
        return NULL;
    }
    return r;
}

/* Room for the score pass's other outputs, which the report does not keep. */
typedef struct scratch {
    double *normalized;
    double *coverage;
    unsigned char *source;
} scratch;

static int scratch_new(scratch *s, const cf_allocator *alloc, size_t n)
{
    s->normalized = cfi_alloc(alloc, n * sizeof *s->normalized);
    s->coverage = cfi_alloc(alloc, n * sizeof *s->coverage);
    s->source = cfi_alloc(alloc, n * sizeof *s->source);
    return s->normalized && s->coverage && s->source ? CF_OK : CF_ENOMEM;
}

static void scratch_free(scratch *s, const cf_allocator *alloc)
{
    cfi_release(alloc, s->normalized);
    cfi_release(alloc, s->coverage);
    cfi_release(alloc, s->source);
}

/* Scores a into value; with a profile, its fit into *fit. */
static void score(const cf_assessment *a, const cf_profile *p,
                  cf_missing missing, double *value, scratch *s, double *fit)
{
    cfi_score_pass(a->framework, a->levels, missing, value, s->normalized,
                   s->coverage, s->source);
    int ready;
    *fit = NAN;
    if (p)
        cfi_fit(p, value, s->normalized, fit, &ready);
}

static cf_trend trend_of(const cf_scale *scale, double before, double after)
{
    if (isnan(before) || isnan(after))
        return CF_TREND_UNSCORED;
    double lo = scale->levels[0].value;
    double hi = scale->levels[scale->level_count - 1].value;
    double tolerance = 1e-9 * (hi > lo ? hi - lo : 1);
    double change = after - before;
    if (change <= tolerance && change >= -tolerance)
        return CF_TREND_UNCHANGED;
    return change > 0 ? CF_TREND_IMPROVED : CF_TREND_DECLINED;
}

static int compare(cf_progress_report *r, cf_missing missing)
{
    const cf_framework *fw = r->before->framework;
    scratch s = {NULL, NULL, NULL};
    if (scratch_new(&s, &r->allocator, fw->element_count) != CF_OK) {
        scratch_free(&s, &r->allocator);
        return CF_ENOMEM;
    }
    score(r->before, r->profile, missing, r->before_value, &s, &r->fit_before);
    score(r->after, r->profile, missing, r->after_value, &s, &r->fit_after);
    scratch_free(&s, &r->allocator);
    for (size_t i = 0; i < fw->element_count; i++)
        r->trend[i] =
            (unsigned char)trend_of(&fw->scales[fw->elements[i].scale],
                                    r->before_value[i], r->after_value[i]);
    return CF_OK;
}

int cf_progress_analyze(cf_progress_report **out, const cf_assessment *before,
                        const cf_assessment *after, const cf_profile *p,
                        const cf_score_options *opts, cf_error *err)
{
    if (out)
        *out = NULL;
    if (!out || !before || !after)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "out and the assessments before and after must not "
                        "be NULL");
    cf_score_options options;
    int rc = cfi_score_options_resolve(&options, opts, err);
    if (rc != CF_OK)
        return rc;
    rc = check_pair(before, after, p, err);
    if (rc != CF_OK)
        return rc;
    cf_progress_report *r = report_new(before);
    if (!r)
        return cfi_fail(err, CF_ENOMEM, "", NULL, "out of memory");
    r->before = cf_assessment_ref((cf_assessment *)before);
    r->after = cf_assessment_ref((cf_assessment *)after);
    r->profile = p ? cf_profile_ref((cf_profile *)p) : NULL;
    if (compare(r, options.missing) != CF_OK) {
        cf_progress_report_free(r);
        return cfi_fail(err, CF_ENOMEM, "", NULL, "out of memory");
    }
    *out = r;
    return CF_OK;
}

void cf_progress_report_free(cf_progress_report *r)
{
    if (!r)
        return;
    const cf_allocator a = r->allocator;
    cfi_release(&a, r->before_value);
    cfi_release(&a, r->after_value);
    cfi_release(&a, r->trend);
    cf_assessment_free(r->before);
    cf_assessment_free(r->after);
    cf_profile_free(r->profile);
    cfi_release(&a, r);
}

static int in_range(const cf_progress_report *r, size_t index)
{
    return index < r->before->framework->element_count;
}

double cf_progress_report_before(const cf_progress_report *r, size_t index)
{
    return in_range(r, index) ? r->before_value[index] : NAN;
}

double cf_progress_report_after(const cf_progress_report *r, size_t index)
{
    return in_range(r, index) ? r->after_value[index] : NAN;
}

double cf_progress_report_change(const cf_progress_report *r, size_t index)
{
    return in_range(r, index) ? r->after_value[index] - r->before_value[index]
                              : NAN;
}

cf_trend cf_progress_report_trend(const cf_progress_report *r, size_t index)
{
    return in_range(r, index) ? (cf_trend)r->trend[index] : CF_TREND_UNSCORED;
}

double cf_progress_report_fit_before(const cf_progress_report *r)
{
    return r->fit_before;
}

double cf_progress_report_fit_after(const cf_progress_report *r)
{
    return r->fit_after;
}

const char *cf_trend_name(cf_trend trend)
{
    switch (trend) {
    case CF_TREND_UNCHANGED:
        return "unchanged";
    case CF_TREND_IMPROVED:
        return "improved";
    case CF_TREND_DECLINED:
        return "declined";
    case CF_TREND_UNSCORED:
        return "unscored";
    default:
        return NULL;
    }
}

const cf_assessment *
cf_progress_report_before_assessment(const cf_progress_report *r)
{
    return r->before;
}

const cf_assessment *
cf_progress_report_after_assessment(const cf_progress_report *r)
{
    return r->after;
}

const cf_profile *cf_progress_report_profile(const cf_progress_report *r)
{
    return r->profile;
}
