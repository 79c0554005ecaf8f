/*
 * Multi-rater (360) consolidation (DESIGN section 4): the assessments of
 * one subject by several raters become one, a role-weighted mean per
 * element, with the spread and the self rating against the others'.
 */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char self_role[] = "self";
static const char consolidated_role[] = "consolidated";

/* Room for where(): a source name, a colon and a line number. */
#define WHERE_MAX (CF_ERROR_SOURCE_MAX + 32)

/* "360.yaml:12", or "assessment 3" when the assessment was built. */
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

static int is_self(const cf_assessment *a)
{
    return a->role && strcmp(a->role, self_role) == 0;
}

static int check_options(cf_consolidate_options *out,
                         const cf_consolidate_options *opts, cf_error *err)
{
    cf_consolidate_options defaults = CF_CONSOLIDATE_OPTIONS_INIT;
    *out = opts ? *opts : defaults;
    if (out->version != CF_CONSOLIDATE_OPTIONS_VERSION)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "cf_consolidate_options has version %u; this library "
                        "knows version %u (initialise with "
                        "CF_CONSOLIDATE_OPTIONS_INIT)",
                        out->version, CF_CONSOLIDATE_OPTIONS_VERSION);
    if (out->role_weight_count && !out->role_weights)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "role_weights is NULL but role_weight_count is %zu",
                        out->role_weight_count);
    for (size_t k = 0; k < out->role_weight_count; k++) {
        const cf_role_weight *rw = &out->role_weights[k];
        if (!rw->role)
            return cfi_fail(err, CF_EARG, "", NULL,
                            "role weight %zu has a NULL role", k);
        if (!(rw->weight > 0) || !isfinite(rw->weight))
            return cfi_fail(err, CF_EARG, "", NULL,
                            "the weight of role '%s' is %g; expected a "
                            "positive finite number",
                            rw->role, rw->weight);
        for (size_t j = 0; j < k; j++)
            if (strcmp(out->role_weights[j].role, rw->role) == 0)
                return cfi_fail(err, CF_EARG, "", NULL,
                                "role '%s' is given a weight twice (role "
                                "weights %zu and %zu)",
                                rw->role, j, k);
    }
    if (!(out->threshold >= 0) || !isfinite(out->threshold))
        return cfi_fail(err, CF_EARG, "", NULL,
                        "the threshold is %g; expected a finite number of "
                        "levels above 0 (or 0 for the default, 1)",
                        out->threshold);
    if (out->threshold == 0)
        out->threshold = 1;
    return CF_OK;
}

static int framework_mismatch(const cf_assessment *x, size_t i,
                              const cf_assessment *first, cf_error *err)
{
    char a[WHERE_MAX], b[WHERE_MAX];
    where(first, 0, a, sizeof a);
    where(x, i, b, sizeof b);
    if (strcmp(x->framework->id, first->framework->id) == 0)
        return cfi_fail(err, CF_EINVALID, "", NULL,
                        "%s and %s use two different loads of framework "
                        "'%s'; load it once",
                        a, b, first->framework->id);
    return cfi_fail(err, CF_EINVALID, "", NULL,
                    "%s is for framework '%s', but %s is for framework '%s'; "
                    "a consolidation takes assessments against one framework",
                    b, x->framework->id, a, first->framework->id);
}

/* Same framework and subject as the first, and at most one self rating. */
static int check_assessments(const cf_assessment *const *assessments,
                             size_t count, cf_error *err)
{
    const cf_assessment *first = assessments[0];
    size_t self = CFI_NONE;
    char a[WHERE_MAX], b[WHERE_MAX];
    for (size_t i = 0; i < count; i++) {
        const cf_assessment *x = assessments[i];
        if (x->framework != first->framework)
            return framework_mismatch(x, i, first, err);
        if (strcmp(x->subject, first->subject) != 0)
            return cfi_fail(err, CF_EINVALID, "", NULL,
                            "%s is of subject '%s', %s of subject '%s'; a "
                            "consolidation takes assessments of one subject",
                            where(x, i, b, sizeof b), x->subject,
                            where(first, 0, a, sizeof a), first->subject);
        if (!is_self(x))
            continue;
        if (self != CFI_NONE)
            return cfi_fail(err, CF_EINVALID, "", NULL,
                            "subject '%s' has two self ratings (%s and %s); "
                            "a consolidation takes at most one assessment "
                            "with the role 'self'",
                            x->subject,
                            where(assessments[self], self, a, sizeof a),
                            where(x, i, b, sizeof b));
        self = i;
    }
    return CF_OK;
}

static double role_weight(const cf_consolidate_options *opts,
                          const cf_assessment *a)
{
    if (!a->role)
        return 1;
    for (size_t k = 0; k < opts->role_weight_count; k++)
        if (strcmp(opts->role_weights[k].role, a->role) == 0)
            return opts->role_weights[k].weight;
    return 1;
}

static int check_arguments(cf_consolidation **out,
                           const cf_assessment *const *assessments,
                           size_t count, cf_error *err)
{
    if (!out || (count && !assessments))
        return cfi_fail(err, CF_EARG, "", NULL,
                        "out and the assessments must not be NULL");
    if (count == 0)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "a consolidation needs at least one assessment, got "
                        "0");
    for (size_t i = 0; i < count; i++)
        if (!assessments[i])
            return cfi_fail(err, CF_EARG, "", NULL,
                            "assessment %zu of %zu is NULL", i, count);
    return CF_OK;
}

static cf_consolidation *consolidation_new(const cf_assessment *first)
{
    const cf_allocator *alloc = &first->allocator;
    size_t n = first->framework->element_count;
    cf_consolidation *c = cfi_alloc(alloc, sizeof *c);
    if (!c)
        return NULL;
    memset(c, 0, sizeof *c);
    c->allocator = first->allocator;
    c->raters = cfi_alloc(alloc, n * sizeof *c->raters);
    c->spread = cfi_alloc(alloc, n * sizeof *c->spread);
    c->self = cfi_alloc(alloc, n * sizeof *c->self);
    c->others = cfi_alloc(alloc, n * sizeof *c->others);
    c->flag = cfi_alloc(alloc, n * sizeof *c->flag);
    c->result = cfi_assessment_create(first->framework, alloc);
    if (!c->raters || !c->spread || !c->self || !c->others || !c->flag ||
        !c->result) {
        cf_consolidation_free(c);
        return NULL;
    }
    cf_assessment *result = c->result;
    result->subject = cfi_arena_strndup(&result->allocator, &result->strings,
                                        first->subject, strlen(first->subject));
    result->role =
        cfi_arena_strndup(&result->allocator, &result->strings,
                          consolidated_role, sizeof consolidated_role - 1);
    if (!c->result->subject || !c->result->role) {
        cf_consolidation_free(c);
        return NULL;
    }
    return c;
}

/* What the raters of one element said. */
typedef struct tally {
    size_t raters;
    double weights, weighted; /* all raters */
    double other_weights, other_weighted;
    double lo, hi, self;
} tally;

static void count_ratings(tally *t, const cf_assessment *const *assessments,
                          size_t count, const cf_consolidate_options *opts,
                          size_t index)
{
    memset(t, 0, sizeof *t);
    t->lo = t->hi = t->self = NAN;
    for (size_t i = 0; i < count; i++) {
        double level = assessments[i]->levels[index];
        if (isnan(level))
            continue;
        double w = role_weight(opts, assessments[i]);
        t->raters++;
        t->weights += w;
        t->weighted += w * level;
        if (isnan(t->lo) || level < t->lo)
            t->lo = level;
        if (isnan(t->hi) || level > t->hi)
            t->hi = level;
        if (is_self(assessments[i])) {
            t->self = level;
        } else {
            t->other_weights += w;
            t->other_weighted += w * level;
        }
    }
}

/* The flag for a self-minus-others difference d (within rounding). */
static cf_flag flag_of(const cf_scale *scale, double d, double threshold)
{
    double lo = scale->levels[0].value;
    double hi = scale->levels[scale->level_count - 1].value;
    double tolerance = 1e-9 * (hi > lo ? hi - lo : 1);
    if (isnan(d))
        return CF_FLAG_NONE;
    if (d >= threshold - tolerance)
        return CF_FLAG_BLIND_SPOT;
    if (-d >= threshold - tolerance)
        return CF_FLAG_HIDDEN_STRENGTH;
    return CF_FLAG_NONE;
}

static int consolidate_element(cf_consolidation *c,
                               const cf_assessment *const *assessments,
                               size_t count, const cf_consolidate_options *opts,
                               size_t index)
{
    const cf_framework *fw = c->result->framework;
    tally t;
    count_ratings(&t, assessments, count, opts, index);
    c->raters[index] = t.raters;
    c->spread[index] = t.raters ? t.hi - t.lo : NAN;
    c->self[index] = t.self;
    c->others[index] =
        t.other_weights > 0 ? t.other_weighted / t.other_weights : NAN;
    c->flag[index] = (unsigned char)flag_of(
        &fw->scales[fw->elements[index].scale],
        c->self[index] - c->others[index], opts->threshold);
    if (!t.raters)
        return CF_OK;
    return cfi_assessment_store(c->result, index, t.weighted / t.weights, NULL);
}

/* Keeps a reference to each input and its role weight, for reports. */
static int keep_inputs(cf_consolidation *c,
                       const cf_assessment *const *assessments, size_t count,
                       const cf_consolidate_options *opts)
{
    c->inputs = cfi_alloc(&c->allocator, count * sizeof *c->inputs);
    c->weights = cfi_alloc(&c->allocator, count * sizeof *c->weights);
    if (!c->inputs || !c->weights)
        return CF_ENOMEM;
    for (size_t i = 0; i < count; i++) {
        c->inputs[i] = cf_assessment_ref((cf_assessment *)assessments[i]);
        c->weights[i] = role_weight(opts, assessments[i]);
    }
    c->input_count = count;
    return CF_OK;
}

int cf_consolidate(cf_consolidation **out,
                   const cf_assessment *const *assessments, size_t count,
                   const cf_consolidate_options *opts, cf_error *err)
{
    if (out)
        *out = NULL;
    int rc = check_arguments(out, assessments, count, err);
    if (rc != CF_OK)
        return rc;
    cf_consolidate_options options;
    rc = check_options(&options, opts, err);
    if (rc != CF_OK)
        return rc;
    rc = check_assessments(assessments, count, err);
    if (rc != CF_OK)
        return rc;
    cf_consolidation *c = consolidation_new(assessments[0]);
    if (!c || keep_inputs(c, assessments, count, &options) != CF_OK) {
        cf_consolidation_free(c);
        return cfi_fail(err, CF_ENOMEM, "", NULL, "out of memory");
    }
    size_t n = assessments[0]->framework->element_count;
    for (size_t i = 0; i < n; i++) {
        if (consolidate_element(c, assessments, count, &options, i) != CF_OK) {
            cf_consolidation_free(c);
            return cfi_fail(err, CF_ENOMEM, "", NULL, "out of memory");
        }
    }
    *out = c;
    return CF_OK;
}

void cf_consolidation_free(cf_consolidation *c)
{
    if (!c)
        return;
    const cf_allocator a = c->allocator;
    cfi_release(&a, c->raters);
    cfi_release(&a, c->spread);
    cfi_release(&a, c->self);
    cfi_release(&a, c->others);
    cfi_release(&a, c->flag);
    for (size_t i = 0; i < c->input_count; i++)
        cf_assessment_free(c->inputs[i]);
    cfi_release(&a, c->inputs);
    cfi_release(&a, c->weights);
    cf_assessment_free(c->result);
    cfi_release(&a, c);
}

cf_assessment *cf_consolidation_assessment(const cf_consolidation *c)
{
    return c->result;
}

static int in_range(const cf_consolidation *c, size_t index)
{
    return index < c->result->framework->element_count;
}

size_t cf_consolidation_raters(const cf_consolidation *c, size_t index)
{
    return in_range(c, index) ? c->raters[index] : 0;
}

double cf_consolidation_spread(const cf_consolidation *c, size_t index)
{
    return in_range(c, index) ? c->spread[index] : NAN;
}

double cf_consolidation_self(const cf_consolidation *c, size_t index)
{
    return in_range(c, index) ? c->self[index] : NAN;
}

double cf_consolidation_others(const cf_consolidation *c, size_t index)
{
    return in_range(c, index) ? c->others[index] : NAN;
}

double cf_consolidation_self_minus_others(const cf_consolidation *c,
                                          size_t index)
{
    return in_range(c, index) ? c->self[index] - c->others[index] : NAN;
}

cf_flag cf_consolidation_flag(const cf_consolidation *c, size_t index)
{
    return in_range(c, index) ? (cf_flag)c->flag[index] : CF_FLAG_NONE;
}

const char *cf_flag_name(cf_flag flag)
{
    switch (flag) {
    case CF_FLAG_NONE:
        return "none";
    case CF_FLAG_BLIND_SPOT:
        return "blind_spot";
    case CF_FLAG_HIDDEN_STRENGTH:
        return "hidden_strength";
    default:
        return NULL;
    }
}

size_t cf_consolidation_input_count(const cf_consolidation *c)
{
    return c->input_count;
}

const cf_assessment *cf_consolidation_input(const cf_consolidation *c,
                                            size_t index, double *weight)
{
    if (index >= c->input_count)
        return NULL;
    if (weight)
        *weight = c->weights[index];
    return c->inputs[index];
}
