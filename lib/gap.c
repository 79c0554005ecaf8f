/*
 * Individual gap analysis (DESIGN section 4): one assessment against one
 * profile, target by target, with the inputs behind each score, the text
 * a person reads, the fit, readiness and priorities.
 */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- per-target numbers and the fit ------------------------------------ */

/* Fills g's numbers and status for target t from the scores. */
static void measure(const cf_framework *fw, const cfi_target *t,
                    const double *value, const double *normalized,
                    cfi_gap_target *g)
{
    const cf_scale *scale = &fw->scales[fw->elements[t->element].scale];
    g->element = t->element;
    g->required = t->level;
    g->required_norm = cf_scale_normalize(scale, t->level);
    g->achieved = value[t->element];
    g->achieved_norm = normalized[t->element];
    g->importance = t->importance;
    g->critical = t->critical;
    if (isnan(g->achieved)) {
        g->gap = g->gap_norm = NAN;
        g->status = CF_STATUS_UNASSESSED;
        return;
    }
    g->gap = g->required - g->achieved;
    g->gap_norm = g->required_norm - g->achieved_norm;
    g->status = cfi_meets(scale, g->achieved, g->required) ? CF_STATUS_MET
                                                           : CF_STATUS_UNMET;
}

/*
 * What target g adds to the fit's numerator before its importance:
 * min(A, L) normalised, with A = 0 when unassessed. A target met within
 * the tolerance of cfi_meets adds its whole L, so that meeting every
 * target is a fit of exactly 1.
 */
static double fit_share(const cfi_gap_target *g)
{
    if (g->status == CF_STATUS_MET)
        return g->required_norm;
    if (g->status == CF_STATUS_UNASSESSED)
        return 0;
    return g->achieved_norm < g->required_norm ? g->achieved_norm
                                               : g->required_norm;
}

void cfi_fit(const cf_profile *p, const double *value, const double *normalized,
             double *fit, int *ready)
{
    double achieved = 0, required = 0;
    int critical_met = 1;
    for (size_t i = 0; i < p->target_count; i++) {
        cfi_gap_target g;
        measure(p->framework, &p->targets[i], value, normalized, &g);
        achieved += g.importance * fit_share(&g);
        required += g.importance * g.required_norm;
        if (g.critical && g.status != CF_STATUS_MET)
            critical_met = 0;
    }
    *fit = required > 0 ? achieved / required : 1;
    *ready = critical_met;
}

/* ---- inputs ------------------------------------------------------------- */

/* A rated target's input is itself; any other's are its children. */
static size_t count_inputs(const cf_framework *fw, const cf_scores *s, size_t e)
{
    return s->source[e] == CF_SOURCE_RATED ? 1 : fw->elements[e].child_count;
}

/* Whether a child with this score took part in its parent's rollup. */
static int counted(double score, cf_missing missing)
{
    return !isnan(score) || missing == CF_MISSING_ZERO;
}

/* Each child's share of a derived score, as cfi_score_pass combined it. */
static void share_out(const cf_framework *fw, const cf_element *el,
                      const double *normalized, cf_missing missing,
                      cfi_gap_input *in)
{
    const size_t *children = fw->children + el->child_first;
    double total = 0, best = 0;
    size_t pick = CFI_NONE;
    for (size_t k = 0; k < el->child_count; k++) {
        double s = normalized[children[k]];
        if (!counted(s, missing))
            continue;
        s = isnan(s) ? 0 : s;
        total += in[k].weight;
        if (pick == CFI_NONE || (el->rollup == CF_ROLLUP_MIN && s < best) ||
            (el->rollup == CF_ROLLUP_MAX && s > best)) {
            pick = k;
            best = s;
        }
    }
    if (el->rollup != CF_ROLLUP_MEAN) {
        in[pick].share = 1;
        return;
    }
    for (size_t k = 0; k < el->child_count; k++)
        if (counted(in[k].score, missing))
            in[k].share = in[k].weight / total;
}

static void fill_inputs(const cf_framework *fw, const cf_scores *s,
                        cf_missing missing, const cfi_gap_target *g,
                        cfi_gap_input *in)
{
    const cf_element *el = &fw->elements[g->element];
    if (s->source[g->element] == CF_SOURCE_RATED) {
        cfi_gap_input self = {g->element, s->value[g->element], el->weight, 1};
        in[0] = self;
        return;
    }
    const size_t *children = fw->children + el->child_first;
    for (size_t k = 0; k < el->child_count; k++) {
        size_t c = children[k];
        cfi_gap_input child = {c, s->value[c], fw->elements[c].weight, 0};
        in[k] = child;
    }
    if (s->source[g->element] == CF_SOURCE_DERIVED)
        share_out(fw, el, s->normalized, missing, in);
}

/* ---- explanations -------------------------------------------------------- */

/* Text built piece by piece; the first failure sticks. */
typedef struct writer {
    const cf_allocator *a;
    cfi_buf buf;
    int failed;
} writer;

static void put(writer *w, const char *s)
{
    if (!w->failed && cfi_buf_add(w->a, &w->buf, s, strlen(s)) != CF_OK)
        w->failed = 1;
}

/*
 * A number for people to read: six significant digits, so a mean that
 * lands a rounding step below 3 reads "3" (the report's numbers and its
 * JSON keep every digit).
 */
static void put_number(writer *w, double v)
{
    char text[48];
    cfi_format_number(text, sizeof text, v, 6);
    put(w, text);
}

/* "CR.1.1 rated 3" or "CR.1 scored 2.75": one scored input. */
static void put_input(writer *w, const cf_framework *fw, const cf_scores *s,
                      const cfi_gap_input *in, int with_weight)
{
    put(w, fw->elements[in->element].id);
    put(w, s->source[in->element] == CF_SOURCE_RATED ? " rated " : " scored ");
    put_number(w, in->score);
    if (with_weight) {
        put(w, " (weight ");
        put_number(w, in->weight);
        put(w, ")");
    }
}

/* "CR.1.1 rated 3 (Proficient)"; the label only when 3 is a level. */
static void explain_rated(writer *w, const cf_framework *fw,
                          const cfi_gap_target *g)
{
    const cf_element *el = &fw->elements[g->element];
    const cf_level *level =
        cf_scale_find_value(&fw->scales[el->scale], g->achieved);
    put(w, el->id);
    put(w, " rated ");
    put_number(w, g->achieved);
    if (level) {
        put(w, " (");
        put(w, level->label);
        put(w, ")");
    }
}

/*
 * "CR.1 = 2.75, the weighted mean of CR.1.1 rated 3 (weight 1), CR.1.2
 * rated 2.5 (weight 1); not rated: CR.1.3, CR.1.4 (skipped)".
 */
static void explain_derived(writer *w, const cf_framework *fw,
                            const cf_scores *s, cf_missing missing,
                            const cfi_gap_target *g, const cfi_gap_input *in)
{
    static const char *const rollups[] = {"the weighted mean", "the min",
                                          "the max"};
    const cf_element *el = &fw->elements[g->element];
    put(w, el->id);
    put(w, " = ");
    put_number(w, g->achieved);
    put(w, ", ");
    put(w, rollups[el->rollup]);
    put(w, " of ");
    size_t shown = 0, unrated = 0;
    for (size_t k = 0; k < g->input_count; k++) {
        if (isnan(in[k].score))
            continue;
        if (shown++)
            put(w, ", ");
        put_input(w, fw, s, &in[k], el->rollup == CF_ROLLUP_MEAN);
    }
    for (size_t k = 0; k < g->input_count; k++) {
        if (!isnan(in[k].score))
            continue;
        put(w, unrated++ ? ", " : "; not rated: ");
        put(w, fw->elements[in[k].element].id);
    }
    if (unrated)
        put(w, missing == CF_MISSING_ZERO ? " (counted as the lowest level)"
                                          : " (skipped)");
}

static void explain(writer *w, const cf_framework *fw, const cf_scores *s,
                    cf_missing missing, const cfi_gap_target *g,
                    const cfi_gap_input *in)
{
    const cf_element *el = &fw->elements[g->element];
    switch (s->source[g->element]) {
    case CF_SOURCE_RATED:
        explain_rated(w, fw, g);
        break;
    case CF_SOURCE_DERIVED:
        explain_derived(w, fw, s, missing, g, in);
        break;
    default:
        put(w, el->id);
        put(w, el->child_count ? ": no rating in its subtree" : ": not rated");
    }
}

/* ---- priorities ------------------------------------------------------- */

typedef struct priority {
    double key;   /* importance x normalised gap */
    size_t order; /* the element's pre-order index */
    size_t target;
} priority;

static int by_priority(const void *x, const void *y)
{
    const priority *a = x, *b = y;
    if (a->key != b->key)
        return a->key > b->key ? -1 : 1;
    return (a->order > b->order) - (a->order < b->order);
}

static int rank(cf_gap_report *r)
{
    priority *list = cfi_alloc(&r->allocator, r->target_count * sizeof *list);
    if (!list)
        return CF_ENOMEM;
    size_t n = 0;
    for (size_t t = 0; t < r->target_count; t++) {
        const cfi_gap_target *g = &r->targets[t];
        if (g->status == CF_STATUS_MET)
            continue;
        double gap =
            g->status == CF_STATUS_UNASSESSED ? g->required_norm : g->gap_norm;
        priority item = {g->importance * gap, g->element, t};
        list[n++] = item;
    }
    qsort(list, n, sizeof *list, by_priority);
    for (size_t k = 0; k < n; k++)
        r->priorities[k] = list[k].target;
    r->priority_count = n;
    cfi_release(&r->allocator, list);
    return CF_OK;
}

/* ---- the report -----------------------------------------------------------
 */

/* Numbers and inputs of every target. */
static int measure_all(cf_gap_report *r, cf_missing missing)
{
    const cf_profile *p = r->profile;
    const cf_framework *fw = p->framework;
    const cf_scores *s = r->scores;
    size_t n = p->target_count, inputs = 0;
    r->targets = cfi_alloc(&r->allocator, n * sizeof *r->targets);
    r->priorities = cfi_alloc(&r->allocator, n * sizeof *r->priorities);
    if (!r->targets || !r->priorities)
        return CF_ENOMEM;
    r->target_count = n;
    for (size_t t = 0; t < n; t++) {
        cfi_gap_target *g = &r->targets[t];
        measure(fw, &p->targets[t], s->value, s->normalized, g);
        g->explanation = NULL;
        g->input_first = inputs;
        g->input_count = count_inputs(fw, s, g->element);
        inputs += g->input_count;
    }
    r->inputs = cfi_alloc(&r->allocator, inputs * sizeof *r->inputs);
    if (!r->inputs)
        return CF_ENOMEM;
    r->input_count = inputs;
    for (size_t t = 0; t < n; t++)
        fill_inputs(fw, s, missing, &r->targets[t],
                    r->inputs + r->targets[t].input_first);
    return CF_OK;
}

static int explain_all(cf_gap_report *r, cf_missing missing)
{
    const cf_framework *fw = r->profile->framework;
    writer w = {&r->allocator, {NULL, 0, 0}, 0};
    for (size_t t = 0; t < r->target_count && !w.failed; t++) {
        cfi_gap_target *g = &r->targets[t];
        w.buf.len = 0;
        explain(&w, fw, r->scores, missing, g, r->inputs + g->input_first);
        if (!w.failed)
            g->explanation = cfi_arena_strndup(&r->allocator, &r->strings,
                                               w.buf.data, w.buf.len);
        w.failed = w.failed || !g->explanation;
    }
    cfi_buf_free(&r->allocator, &w.buf);
    return w.failed ? CF_ENOMEM : CF_OK;
}

static int build(cf_gap_report *r, cf_missing missing)
{
    int rc = measure_all(r, missing);
    if (rc == CF_OK)
        rc = explain_all(r, missing);
    if (rc == CF_OK)
        rc = rank(r);
    if (rc == CF_OK)
        cfi_fit(r->profile, r->scores->value, r->scores->normalized, &r->fit,
                &r->ready);
    return rc;
}

int cf_gap_analyze(cf_gap_report **out, const cf_assessment *a,
                   const cf_profile *p, const cf_score_options *opts,
                   cf_error *err)
{
    if (out)
        *out = NULL;
    if (!out || !a || !p)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "out, the assessment and the profile must not be "
                        "NULL");
    if (a->framework != p->framework)
        return cfi_fail(err, CF_EINVALID, "", NULL,
                        "the assessment and the profile are for different "
                        "frameworks ('%s' and '%s')",
                        a->framework->id, p->framework->id);
    cf_score_options options;
    int rc = cfi_score_options_resolve(&options, opts, err);
    if (rc != CF_OK)
        return rc;
    cf_gap_report *r = cfi_alloc(&a->allocator, sizeof *r);
    if (!r)
        return cfi_fail(err, CF_ENOMEM, "", NULL, "out of memory");
    memset(r, 0, sizeof *r);
    r->allocator = a->allocator;
    r->assessment = cf_assessment_ref((cf_assessment *)a);
    r->profile = cf_profile_ref((cf_profile *)p);
    rc = cf_scores_compute(&r->scores, a, &options, err);
    if (rc == CF_OK && build(r, options.missing) != CF_OK)
        rc = cfi_fail(err, CF_ENOMEM, "", NULL, "out of memory");
    if (rc != CF_OK) {
        cf_gap_report_free(r);
        return rc;
    }
    *out = r;
    return CF_OK;
}

void cf_gap_report_free(cf_gap_report *r)
{
    if (!r)
        return;
    const cf_allocator a = r->allocator;
    cf_scores_free(r->scores);
    cfi_release(&a, r->targets);
    cfi_release(&a, r->inputs);
    cfi_release(&a, r->priorities);
    cfi_arena_free(&a, &r->strings);
    cf_profile_free(r->profile);
    cf_assessment_free(r->assessment);
    cfi_release(&a, r);
}

const char *cf_status_name(cf_status status)
{
    switch (status) {
    case CF_STATUS_MET:
        return "met";
    case CF_STATUS_UNMET:
        return "unmet";
    case CF_STATUS_UNASSESSED:
        return "unassessed";
    default:
        return NULL;
    }
}

/* ---- accessors ---------------------------------------------------------- */

const cf_assessment *cf_gap_report_assessment(const cf_gap_report *r)
{
    return r->assessment;
}

const cf_profile *cf_gap_report_profile(const cf_gap_report *r)
{
    return r->profile;
}

const cf_scores *cf_gap_report_scores(const cf_gap_report *r)
{
    return r->scores;
}

double cf_gap_report_fit(const cf_gap_report *r)
{
    return r->fit;
}

int cf_gap_report_ready(const cf_gap_report *r)
{
    return r->ready;
}

size_t cf_gap_report_target_count(const cf_gap_report *r)
{
    return r->target_count;
}

/* Target t, or NULL past the end. */
static const cfi_gap_target *target(const cf_gap_report *r, size_t t)
{
    return t < r->target_count ? &r->targets[t] : NULL;
}

const cf_element *cf_gap_report_element(const cf_gap_report *r, size_t t)
{
    const cfi_gap_target *g = target(r, t);
    return g ? &r->profile->framework->elements[g->element] : NULL;
}

cf_status cf_gap_report_status(const cf_gap_report *r, size_t t)
{
    const cfi_gap_target *g = target(r, t);
    return g ? g->status : CF_STATUS_UNASSESSED;
}

double cf_gap_report_required(const cf_gap_report *r, size_t t)
{
    const cfi_gap_target *g = target(r, t);
    return g ? g->required : NAN;
}

double cf_gap_report_required_normalized(const cf_gap_report *r, size_t t)
{
    const cfi_gap_target *g = target(r, t);
    return g ? g->required_norm : NAN;
}

double cf_gap_report_achieved(const cf_gap_report *r, size_t t)
{
    const cfi_gap_target *g = target(r, t);
    return g ? g->achieved : NAN;
}

double cf_gap_report_achieved_normalized(const cf_gap_report *r, size_t t)
{
    const cfi_gap_target *g = target(r, t);
    return g ? g->achieved_norm : NAN;
}

double cf_gap_report_gap(const cf_gap_report *r, size_t t)
{
    const cfi_gap_target *g = target(r, t);
    return g ? g->gap : NAN;
}

double cf_gap_report_gap_normalized(const cf_gap_report *r, size_t t)
{
    const cfi_gap_target *g = target(r, t);
    return g ? g->gap_norm : NAN;
}

double cf_gap_report_importance(const cf_gap_report *r, size_t t)
{
    const cfi_gap_target *g = target(r, t);
    return g ? g->importance : NAN;
}

int cf_gap_report_critical(const cf_gap_report *r, size_t t)
{
    const cfi_gap_target *g = target(r, t);
    return g ? g->critical : 0;
}

const char *cf_gap_report_explanation(const cf_gap_report *r, size_t t)
{
    const cfi_gap_target *g = target(r, t);
    return g ? g->explanation : NULL;
}

size_t cf_gap_report_input_count(const cf_gap_report *r, size_t t)
{
    const cfi_gap_target *g = target(r, t);
    return g ? g->input_count : 0;
}

const cf_element *cf_gap_report_input(const cf_gap_report *r, size_t t,
                                      size_t k, double *score, double *weight,
                                      double *share)
{
    const cfi_gap_target *g = target(r, t);
    const cfi_gap_input *in =
        g && k < g->input_count ? &r->inputs[g->input_first + k] : NULL;
    if (score)
        *score = in ? in->score : NAN;
    if (weight)
        *weight = in ? in->weight : NAN;
    if (share)
        *share = in ? in->share : NAN;
    return in ? &r->profile->framework->elements[in->element] : NULL;
}

size_t cf_gap_report_priority_count(const cf_gap_report *r)
{
    return r->priority_count;
}

size_t cf_gap_report_priority(const cf_gap_report *r, size_t k)
{
    return k < r->priority_count ? r->priorities[k] : CFI_NONE;
}
