/*
 * The JSON report writers, in the shapes docs/reports.md documents. Each
 * report becomes a jansson tree, built through the public accessors so
 * that the JSON says exactly what the C API says, and then text.
 *
 * Numbers: NaN (and infinities, which no report holds) become null; whole
 * numbers up to 2^53 are written as integers; every other number with the
 * fewest significant digits (15, 16 or 17) that read it back to the same
 * double, always with '.' as the decimal point.
 *
 * jansson allocates the tree with its own allocator, so these functions
 * do not use the report's cf_allocator; the text comes from malloc.
 */
#include "internal.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One document being written: the first failure sticks. */
typedef struct jw {
    int rc;
    const char *bad_key; /* CF_EINVALID: the key whose text is not UTF-8 */
} jw;

static void jw_fail(jw *w, int rc, const char *key)
{
    if (w->rc == CF_OK) {
        w->rc = rc;
        w->bad_key = key;
    }
}

/*
 * Adds child to parent: under key for an object, at the end for an array
 * (key NULL). Takes child's reference whatever happens. Returns child
 * (borrowed from parent) or NULL after a failure, so that the caller
 * never writes into a value that was freed. A NULL parent or child is a
 * failure that an earlier one explains.
 */
static json_t *add(jw *w, json_t *parent, const char *key, json_t *child)
{
    int bad = key ? json_object_set_new_nocheck(parent, key, child)
                  : json_array_append_new(parent, child);
    if (bad) {
        jw_fail(w, CF_ENOMEM, NULL);
        return NULL;
    }
    return child;
}

/* A string, or null for NULL; key names it in the error for bad UTF-8. */
static json_t *string(jw *w, const char *key, const char *s)
{
    if (!s)
        return json_null();
    json_t *v = json_string(s);
    if (!v)
        jw_fail(w, cfi_utf8_valid(s) ? CF_ENOMEM : CF_EINVALID, key);
    return v;
}

static void put_string(jw *w, json_t *obj, const char *key, const char *s)
{
    add(w, obj, key, string(w, key, s));
}

/* A number as the file comment says; NULL only when out of memory. */
static json_t *number(double v)
{
    if (!isfinite(v))
        return json_null();
    /* -0 is whole too, but as an integer it would lose its sign. */
    if (v == floor(v) && fabs(v) <= 9007199254740992.0 &&
        !(v == 0 && signbit(v)))
        return json_integer((json_int_t)v);
    return json_real(v);
}

static void put_number(jw *w, json_t *obj, const char *key, double v)
{
    add(w, obj, key, number(v));
}

static void put_count(jw *w, json_t *obj, const char *key, size_t n)
{
    add(w, obj, key, json_integer((json_int_t)n));
}

static void put_bool(jw *w, json_t *obj, const char *key, int b)
{
    add(w, obj, key, json_boolean(b));
}

/* "element": the element's id, or null for an index out of range. */
static void put_element(jw *w, json_t *obj, const char *key,
                        const cf_element *el)
{
    put_string(w, obj, key, el ? cf_element_id(el) : NULL);
}

/* "subject", "rater", "role", "date" of an assessment into obj. */
static void put_assessment(jw *w, json_t *obj, const cf_assessment *a)
{
    put_string(w, obj, "subject", cf_assessment_subject(a));
    put_string(w, obj, "rater", cf_assessment_rater(a));
    put_string(w, obj, "role", cf_assessment_role(a));
    put_string(w, obj, "date", cf_assessment_date(a));
}

/* "profile": {"id", "title"}, or null without a profile. */
static void put_profile(jw *w, json_t *obj, const cf_profile *p)
{
    if (!p) {
        add(w, obj, "profile", json_null());
        return;
    }
    json_t *o = add(w, obj, "profile", json_object());
    put_string(w, o, "id", cf_profile_id(p));
    put_string(w, o, "title", cf_profile_title(p));
}

/* The start of every report: {"report": kind, "framework": id}. */
static json_t *report_root(jw *w, const char *kind, const cf_framework *fw)
{
    json_t *root = json_object();
    if (!root) {
        jw_fail(w, CF_ENOMEM, NULL);
        return NULL;
    }
    put_string(w, root, "report", kind);
    put_string(w, root, "framework", cf_framework_id(fw));
    return root;
}

/* ---- text ---------------------------------------------------------------- */

/* The text being dumped, in memory from malloc. */
typedef struct text_buf {
    char *data;
    size_t len, cap;
    int failed; /* sticky: jansson 2.14 may go on after a callback fails */
} text_buf;

/* A json_dump_callback_t that appends to a text_buf; -1 out of memory. */
static int append_text(const char *buffer, size_t size, void *data)
{
    text_buf *b = data;
    if (b->failed)
        return -1;
    if (size >= b->cap - b->len) {
        size_t cap = b->cap ? b->cap : 1024;
        while (size >= cap - b->len) {
            if (cap > SIZE_MAX / 2) {
                b->failed = 1;
                return -1;
            }
            cap *= 2;
        }
        char *grown = realloc(b->data, cap);
        if (!grown) {
            b->failed = 1;
            return -1;
        }
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, buffer, size);
    b->len += size;
    b->data[b->len] = '\0';
    return 0;
}

/*
 * jansson writes every real with one precision for the whole document. 17
 * significant digits always read back to the same double, but show 0.7 as
 * 0.69999999999999996; so the writers dump with 17 and then rewrite each
 * real with the fewest digits that read back to it (0.7 stays 0.7, and
 * 0.1 + 0.2 is 0.30000000000000004).
 */

/* The reals of v in the order jansson writes them (objects in insertion
 * order, arrays by index): counts them in *n, stores them when out. */
static void collect_reals(json_t *v, double *out, size_t *n)
{
    switch (json_typeof(v)) {
    case JSON_REAL:
        if (out)
            out[*n] = json_real_value(v);
        ++*n;
        break;
    case JSON_ARRAY:
        for (size_t i = 0; i < json_array_size(v); i++)
            collect_reals(json_array_get(v, i), out, n);
        break;
    case JSON_OBJECT:
        for (void *it = json_object_iter(v); it;
             it = json_object_iter_next(v, it))
            collect_reals(json_object_iter_value(it), out, n);
        break;
    default:
        break;
    }
}

/*
 * x, finite, in JSON syntax: the fewest of 15, 16 or 17 significant digits
 * that read back to x, with '.' whatever the locale. A whole number gets
 * ".0" so that it stays a real (-0.0 keeps its sign).
 */
static void format_real(double x, char *text, size_t size)
{
    cfi_format_number(text, size - 2, x, 0);
    if (!strpbrk(text, ".eE"))
        strcat(text, ".0");
}

/* What shorten_reals returns besides CF_OK and CF_ENOMEM. */
#define KEEP_TEXT 1

/*
 * Rewrites each real of the dumped text (the reals of root, in order) with
 * format_real into *out. Returns CF_OK, CF_ENOMEM, or KEEP_TEXT when there
 * is nothing to rewrite or the text does not hold the reals expected (the
 * text as dumped, at 17 digits, is exact too).
 */
static int shorten_reals(json_t *root, const text_buf *in, text_buf *out)
{
    size_t count = 0, next = 0;
    collect_reals(root, NULL, &count);
    if (count == 0)
        return KEEP_TEXT;
    double *reals = malloc(count * sizeof *reals);
    if (!reals)
        return CF_ENOMEM;
    count = 0;
    collect_reals(root, reals, &count);

    int rc = CF_OK;
    const char *s = in->data;
    size_t i = 0;
    while (i < in->len && rc == CF_OK) {
        size_t j = i;
        if (s[i] == '"') { /* a string, copied as it is */
            for (j = i + 1; j < in->len && s[j] != '"'; j++)
                if (s[j] == '\\')
                    j++;
            j++;
        } else if (s[i] == '-' || (s[i] >= '0' && s[i] <= '9')) {
            while (j < in->len && s[j] && strchr("0123456789+-.eE", s[j]))
                j++;
            if (memchr(s + i, '.', j - i) || memchr(s + i, 'e', j - i) ||
                memchr(s + i, 'E', j - i)) {
                char text[64];
                if (next == count) {
                    rc = KEEP_TEXT;
                    break;
                }
                format_real(reals[next++], text, sizeof text);
                if (append_text(text, strlen(text), out) != 0)
                    rc = CF_ENOMEM;
                i = j;
                continue;
            }
        } else {
            while (j < in->len && s[j] != '"' && s[j] != '-' &&
                   !(s[j] >= '0' && s[j] <= '9'))
                j++;
        }
        if (j > in->len)
            j = in->len;
        if (append_text(s + i, j - i, out) != 0)
            rc = CF_ENOMEM;
        i = j;
    }
    if (rc == CF_OK && next != count)
        rc = KEEP_TEXT;
    free(reals);
    return rc;
}

/*
 * Turns the finished tree into text in *out (releasing the tree), or
 * reports the failure that stuck.
 */
static int finish(jw *w, json_t *root, int flags, char **out, cf_error *err)
{
    text_buf text = {NULL, 0, 0, 0};
    if (w->rc == CF_OK) {
        size_t dump_flags = JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17);
        dump_flags |= (flags & CF_JSON_PRETTY) ? JSON_INDENT(2) : JSON_COMPACT;
        text_buf shorter = {NULL, 0, 0, 0};
        int rc =
            json_dump_callback(root, append_text, &text, dump_flags) == 0 &&
                    text.data && !text.failed
                ? shorten_reals(root, &text, &shorter)
                : CF_ENOMEM;
        if (rc == CF_OK && shorter.failed)
            rc = CF_ENOMEM;
        if (rc == CF_OK) {
            free(text.data);
            text = shorter;
        } else {
            free(shorter.data);
        }
        if (rc == CF_ENOMEM) {
            free(text.data);
            text.data = NULL;
            jw_fail(w, CF_ENOMEM, NULL);
        }
    }
    json_decref(root);
    if (w->rc == CF_EINVALID)
        return cfi_fail(err, CF_EINVALID, "", NULL,
                        "cannot write JSON: the %s is not valid UTF-8",
                        w->bad_key ? w->bad_key : "text");
    if (w->rc != CF_OK)
        return cfi_fail(err, w->rc, "", NULL, "out of memory");
    *out = text.data;
    return CF_OK;
}

/* Checks the arguments every writer takes; clears *out. */
static int check_args(const void *report, int flags, char **out,
                      const char *what, cf_error *err)
{
    if (out)
        *out = NULL;
    if (!report || !out)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "the %s and out must not be NULL", what);
    if (flags & ~CF_JSON_PRETTY)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "unknown JSON flags 0x%x (known: CF_JSON_PRETTY)",
                        (unsigned)(flags & ~CF_JSON_PRETTY));
    return CF_OK;
}

/* ---- scores ------------------------------------------------------------ */

int cf_scores_to_json(const cf_scores *s, int flags, char **out, cf_error *err)
{
    int rc = check_args(s, flags, out, "scores", err);
    if (rc != CF_OK)
        return rc;
    jw w = {CF_OK, NULL};
    const cf_assessment *a = cf_scores_assessment(s);
    const cf_framework *fw = cf_assessment_framework(a);
    json_t *root = report_root(&w, "scores", fw);
    put_assessment(&w, root, a);
    json_t *elements = add(&w, root, "elements", json_array());
    size_t n = cf_framework_element_count(fw);
    for (size_t i = 0; i < n && w.rc == CF_OK; i++) {
        cf_source source = cf_scores_source(s, i);
        if (source == CF_SOURCE_UNSCORED)
            continue;
        json_t *o = add(&w, elements, NULL, json_object());
        put_element(&w, o, "element", cf_framework_element(fw, i));
        put_number(&w, o, "score", cf_scores_value(s, i));
        put_number(&w, o, "normalized", cf_scores_normalized(s, i));
        put_string(&w, o, "source", cf_source_name(source));
        put_number(&w, o, "coverage", cf_scores_coverage(s, i));
    }
    return finish(&w, root, flags, out, err);
}

/* ---- gap report ---------------------------------------------------------- */

/* The ids of r's priorities, most important first, under key. */
static void put_priorities(jw *w, json_t *obj, const char *key,
                           const cf_gap_report *r)
{
    json_t *ids = add(w, obj, key, json_array());
    for (size_t k = 0; k < cf_gap_report_priority_count(r); k++) {
        size_t t = cf_gap_report_priority(r, k);
        const cf_element *el = cf_gap_report_element(r, t);
        add(w, ids, NULL,
            string(w, "element id", el ? cf_element_id(el) : NULL));
    }
}

static void put_gap_target(jw *w, json_t *targets, const cf_gap_report *r,
                           size_t t)
{
    const cf_element *el = cf_gap_report_element(r, t);
    json_t *o = add(w, targets, NULL, json_object());
    put_element(w, o, "element", el);
    put_string(w, o, "title", el ? cf_element_title(el) : NULL);
    put_string(w, o, "status", cf_status_name(cf_gap_report_status(r, t)));
    put_number(w, o, "required", cf_gap_report_required(r, t));
    put_number(w, o, "required_normalized",
               cf_gap_report_required_normalized(r, t));
    put_number(w, o, "achieved", cf_gap_report_achieved(r, t));
    put_number(w, o, "achieved_normalized",
               cf_gap_report_achieved_normalized(r, t));
    put_number(w, o, "gap", cf_gap_report_gap(r, t));
    put_number(w, o, "gap_normalized", cf_gap_report_gap_normalized(r, t));
    put_number(w, o, "importance", cf_gap_report_importance(r, t));
    put_bool(w, o, "critical", cf_gap_report_critical(r, t));
    put_string(w, o, "explanation", cf_gap_report_explanation(r, t));
    json_t *inputs = add(w, o, "inputs", json_array());
    for (size_t k = 0; k < cf_gap_report_input_count(r, t); k++) {
        double score = NAN, weight = NAN, share = NAN;
        const cf_element *in =
            cf_gap_report_input(r, t, k, &score, &weight, &share);
        json_t *io = add(w, inputs, NULL, json_object());
        put_element(w, io, "element", in);
        put_number(w, io, "score", score);
        put_number(w, io, "weight", weight);
        put_number(w, io, "share", share);
    }
}

int cf_gap_report_to_json(const cf_gap_report *r, int flags, char **out,
                          cf_error *err)
{
    int rc = check_args(r, flags, out, "gap report", err);
    if (rc != CF_OK)
        return rc;
    jw w = {CF_OK, NULL};
    const cf_assessment *a = cf_gap_report_assessment(r);
    json_t *root = report_root(&w, "gap", cf_assessment_framework(a));
    put_profile(&w, root, cf_gap_report_profile(r));
    put_assessment(&w, root, a);
    put_number(&w, root, "fit", cf_gap_report_fit(r));
    put_bool(&w, root, "ready", cf_gap_report_ready(r));
    json_t *targets = add(&w, root, "targets", json_array());
    for (size_t t = 0; t < cf_gap_report_target_count(r) && w.rc == CF_OK; t++)
        put_gap_target(&w, targets, r, t);
    put_priorities(&w, root, "priorities", r);
    return finish(&w, root, flags, out, err);
}

/* ---- team report --------------------------------------------------------- */

int cf_team_report_to_json(const cf_team_report *r, int flags, char **out,
                           cf_error *err)
{
    int rc = check_args(r, flags, out, "team report", err);
    if (rc != CF_OK)
        return rc;
    jw w = {CF_OK, NULL};
    const cf_profile *p = cf_team_report_profile(r);
    json_t *root = report_root(&w, "team", cf_profile_framework(p));
    put_profile(&w, root, p);

    json_t *targets = add(&w, root, "targets", json_array());
    for (size_t t = 0; t < cf_team_report_target_count(r) && w.rc == CF_OK;
         t++) {
        json_t *o = add(&w, targets, NULL, json_object());
        put_element(&w, o, "element", cf_team_report_element(r, t));
        put_count(&w, o, "assessed", cf_team_report_assessed(r, t));
        put_number(&w, o, "mean", cf_team_report_mean(r, t));
        put_number(&w, o, "min", cf_team_report_min(r, t));
        put_number(&w, o, "max", cf_team_report_max(r, t));
        put_count(&w, o, "meeting", cf_team_report_meeting(r, t));
        put_bool(&w, o, "single_point_of_failure",
                 cf_team_report_single_point(r, t));
    }

    size_t people_count = cf_team_report_person_count(r);
    json_t *people = add(&w, root, "people", json_array());
    for (size_t i = 0; i < people_count && w.rc == CF_OK; i++) {
        const cf_gap_report *g = cf_team_report_person(r, i);
        json_t *o = add(&w, people, NULL, json_object());
        put_string(&w, o, "subject",
                   cf_assessment_subject(cf_gap_report_assessment(g)));
        put_number(&w, o, "fit", cf_gap_report_fit(g));
        put_bool(&w, o, "ready", cf_gap_report_ready(g));
        put_priorities(&w, o, "unmet", g);
    }

    json_t *ranking = add(&w, root, "ranking", json_array());
    for (size_t k = 0; k < people_count && w.rc == CF_OK; k++) {
        const cf_gap_report *g =
            cf_team_report_person(r, cf_team_report_rank(r, k));
        add(&w, ranking, NULL,
            string(&w, "subject",
                   g ? cf_assessment_subject(cf_gap_report_assessment(g))
                     : NULL));
    }
    return finish(&w, root, flags, out, err);
}

/* ---- consolidation ------------------------------------------------------- */

int cf_consolidation_to_json(const cf_consolidation *c, int flags, char **out,
                             cf_error *err)
{
    int rc = check_args(c, flags, out, "consolidation", err);
    if (rc != CF_OK)
        return rc;
    jw w = {CF_OK, NULL};
    const cf_assessment *a = cf_consolidation_assessment(c);
    const cf_framework *fw = cf_assessment_framework(a);
    json_t *root = report_root(&w, "consolidation", fw);
    put_string(&w, root, "subject", cf_assessment_subject(a));
    json_t *elements = add(&w, root, "elements", json_array());
    size_t n = cf_framework_element_count(fw);
    for (size_t i = 0; i < n && w.rc == CF_OK; i++) {
        size_t raters = cf_consolidation_raters(c, i);
        if (raters == 0)
            continue;
        json_t *o = add(&w, elements, NULL, json_object());
        put_element(&w, o, "element", cf_framework_element(fw, i));
        put_number(&w, o, "level", cf_assessment_level(a, i));
        put_count(&w, o, "raters", raters);
        put_number(&w, o, "spread", cf_consolidation_spread(c, i));
        put_number(&w, o, "self", cf_consolidation_self(c, i));
        put_number(&w, o, "others", cf_consolidation_others(c, i));
        put_number(&w, o, "self_minus_others",
                   cf_consolidation_self_minus_others(c, i));
        put_string(&w, o, "flag", cf_flag_name(cf_consolidation_flag(c, i)));
    }
    return finish(&w, root, flags, out, err);
}

/* ---- progress --------------------------------------------------------------
 */

/* {"rater", "role", "date"} of one side of a progress report. */
static void put_moment(jw *w, json_t *obj, const char *key,
                       const cf_assessment *a)
{
    json_t *o = add(w, obj, key, json_object());
    put_string(w, o, "rater", cf_assessment_rater(a));
    put_string(w, o, "role", cf_assessment_role(a));
    put_string(w, o, "date", cf_assessment_date(a));
}

int cf_progress_report_to_json(const cf_progress_report *r, int flags,
                               char **out, cf_error *err)
{
    int rc = check_args(r, flags, out, "progress report", err);
    if (rc != CF_OK)
        return rc;
    jw w = {CF_OK, NULL};
    /* The report has no accessors for its assessments and profile. */
    const cf_framework *fw = cf_assessment_framework(r->before);
    json_t *root = report_root(&w, "progress", fw);
    put_string(&w, root, "subject", cf_assessment_subject(r->before));
    put_profile(&w, root, r->profile);
    put_moment(&w, root, "before", r->before);
    put_moment(&w, root, "after", r->after);
    double fit_before = cf_progress_report_fit_before(r);
    double fit_after = cf_progress_report_fit_after(r);
    put_number(&w, root, "fit_before", fit_before);
    put_number(&w, root, "fit_after", fit_after);
    put_number(&w, root, "fit_change", fit_after - fit_before);
    json_t *elements = add(&w, root, "elements", json_array());
    size_t n = cf_framework_element_count(fw);
    for (size_t i = 0; i < n && w.rc == CF_OK; i++) {
        double before = cf_progress_report_before(r, i);
        double after = cf_progress_report_after(r, i);
        if (isnan(before) && isnan(after))
            continue;
        json_t *o = add(&w, elements, NULL, json_object());
        put_element(&w, o, "element", cf_framework_element(fw, i));
        put_number(&w, o, "before", before);
        put_number(&w, o, "after", after);
        put_number(&w, o, "change", cf_progress_report_change(r, i));
        put_string(&w, o, "trend",
                   cf_trend_name(cf_progress_report_trend(r, i)));
    }
    return finish(&w, root, flags, out, err);
}

void cf_string_free(char *s)
{
    free(s);
}

char *cfi_json_dumps(const json_t *root, size_t flags)
{
    text_buf text = {NULL, 0, 0, 0};
    if (json_dump_callback(root, append_text, &text, flags) != 0 ||
        text.failed || (!text.data && append_text("", 0, &text) != 0)) {
        free(text.data);
        return NULL;
    }
    return text.data;
}
