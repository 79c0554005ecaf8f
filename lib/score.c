/*
 * Scoring (DESIGN section 4): every element's score in one backward pass
 * over the pre-order arrays, children before their parent.
 */
#include "internal.h"

#include <math.h>
#include <string.h>

/* Rollup of one element's children into *norm; returns whether any child
 * was scored. Fills *coverage with the weighted share of scored leaves. */
static int roll_up(const cf_framework *fw, const cf_element *el,
                   cf_missing missing, const double *normalized,
                   const double *coverage_of, double *norm, double *coverage)
{
    const size_t *children = fw->children + el->child_first;
    double weighted = 0, weights = 0, all_weights = 0, covered = 0;
    double best = NAN;
    int scored = 0;
    for (size_t k = 0; k < el->child_count; k++) {
        size_t c = children[k];
        double w = fw->elements[c].weight;
        all_weights += w;
        covered += w * coverage_of[c];
        double s = normalized[c];
        if (isnan(s)) {
            if (missing == CF_MISSING_SKIP)
                continue;
            s = 0;
        } else {
            scored = 1;
        }
        weighted += w * s;
        weights += w;
        if (isnan(best) || (el->rollup == CF_ROLLUP_MIN && s < best) ||
            (el->rollup == CF_ROLLUP_MAX && s > best))
            best = s;
    }
    *coverage = all_weights > 0 ? covered / all_weights : 0;
    if (!scored)
        return 0;
    *norm = el->rollup == CF_ROLLUP_MEAN ? weighted / weights : best;
    return 1;
}

void cfi_score_pass(const cf_framework *fw, const double *levels,
                    cf_missing missing, double *value, double *normalized,
                    double *coverage, unsigned char *source)
{
    for (size_t i = fw->element_count; i-- > 0;) {
        const cf_element *el = &fw->elements[i];
        const cf_scale *scale = &fw->scales[el->scale];
        if (!isnan(levels[i])) {
            value[i] = levels[i];
            normalized[i] = cf_scale_normalize(scale, levels[i]);
            coverage[i] = 1;
            source[i] = CF_SOURCE_RATED;
            continue;
        }
        double norm;
        coverage[i] = 0;
        if (el->child_count && roll_up(fw, el, missing, normalized, coverage,
                                       &norm, &coverage[i])) {
            normalized[i] = norm;
            value[i] = cf_scale_denormalize(scale, norm);
            source[i] = CF_SOURCE_DERIVED;
        } else {
            normalized[i] = value[i] = NAN;
            source[i] = CF_SOURCE_UNSCORED;
        }
    }
}

int cfi_score_options_resolve(cf_score_options *out,
                              const cf_score_options *opts, cf_error *err)
{
    cf_score_options defaults = CF_SCORE_OPTIONS_INIT;
    *out = defaults;
    if (!opts)
        return CF_OK;
    if (opts->version != 1 && opts->version != CF_SCORE_OPTIONS_VERSION)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "cf_score_options has version %u; this library "
                        "knows versions 1 to %u (initialise with "
                        "CF_SCORE_OPTIONS_INIT)",
                        opts->version, CF_SCORE_OPTIONS_VERSION);
    if (opts->missing != CF_MISSING_SKIP && opts->missing != CF_MISSING_ZERO)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "unknown missing-rating policy %d", (int)opts->missing);
    /* a version 1 struct ends before threads: read only its fields */
    out->missing = opts->missing;
    if (opts->version >= 2)
        out->threads = opts->threads;
    return CF_OK;
}

int cfi_meets(const cf_scale *scale, double achieved, double required)
{
    double lo = scale->levels[0].value;
    double hi = scale->levels[scale->level_count - 1].value;
    double tolerance = 1e-9 * (hi > lo ? hi - lo : 1);
    return achieved >= required - tolerance;
}

int cf_scores_compute(cf_scores **out, const cf_assessment *a,
                      const cf_score_options *opts, cf_error *err)
{
    if (out)
        *out = NULL;
    if (!out || !a)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "out and the assessment must not be NULL");
    cf_score_options options;
    int rc = cfi_score_options_resolve(&options, opts, err);
    if (rc != CF_OK)
        return rc;
    const cf_allocator *alloc = &a->allocator;
    size_t n = a->framework->element_count;
    cf_scores *s = cfi_alloc(alloc, sizeof *s);
    if (!s)
        return cfi_fail(err, CF_ENOMEM, "", NULL, "out of memory");
    memset(s, 0, sizeof *s);
    s->allocator = a->allocator;
    s->value = cfi_alloc(alloc, n * sizeof *s->value);
    s->normalized = cfi_alloc(alloc, n * sizeof *s->normalized);
    s->coverage = cfi_alloc(alloc, n * sizeof *s->coverage);
    s->source = cfi_alloc(alloc, n * sizeof *s->source);
    if (!s->value || !s->normalized || !s->coverage || !s->source) {
        cf_scores_free(s);
        return cfi_fail(err, CF_ENOMEM, "", NULL, "out of memory");
    }
    cfi_score_pass(a->framework, a->levels, options.missing, s->value,
                   s->normalized, s->coverage, s->source);
    s->assessment = cf_assessment_ref((cf_assessment *)a);
    *out = s;
    return CF_OK;
}

void cf_scores_free(cf_scores *s)
{
    if (!s)
        return;
    const cf_allocator a = s->allocator;
    cfi_release(&a, s->value);
    cfi_release(&a, s->normalized);
    cfi_release(&a, s->coverage);
    cfi_release(&a, s->source);
    cf_assessment_free(s->assessment);
    cfi_release(&a, s);
}

static size_t element_count(const cf_scores *s)
{
    return s->assessment->framework->element_count;
}

double cf_scores_value(const cf_scores *s, size_t index)
{
    return index < element_count(s) ? s->value[index] : NAN;
}

double cf_scores_normalized(const cf_scores *s, size_t index)
{
    return index < element_count(s) ? s->normalized[index] : NAN;
}

cf_source cf_scores_source(const cf_scores *s, size_t index)
{
    return index < element_count(s) ? (cf_source)s->source[index]
                                    : CF_SOURCE_UNSCORED;
}

double cf_scores_coverage(const cf_scores *s, size_t index)
{
    return index < element_count(s) ? s->coverage[index] : 0;
}

const cf_assessment *cf_scores_assessment(const cf_scores *s)
{
    return s->assessment;
}

const char *cf_source_name(cf_source source)
{
    switch (source) {
    case CF_SOURCE_UNSCORED:
        return "unscored";
    case CF_SOURCE_RATED:
        return "rated";
    case CF_SOURCE_DERIVED:
        return "derived";
    default:
        return NULL;
    }
}
