/* Plain C helpers for the SWIG bindings (see glue.h). */
#include "glue.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- errors -------------------------------------------------------------- */

const char *cfb_code_name(int code)
{
    switch (code) {
    case CF_OK:
        return "CF_OK";
    case CF_ENOMEM:
        return "CF_ENOMEM";
    case CF_EIO:
        return "CF_EIO";
    case CF_ESYNTAX:
        return "CF_ESYNTAX";
    case CF_EINVALID:
        return "CF_EINVALID";
    case CF_ELIMIT:
        return "CF_ELIMIT";
    case CF_EARG:
        return "CF_EARG";
    default:
        return "CF_EUNKNOWN";
    }
}

/*
 * Copies text into a message field, marking a cut with "..." at a
 * character boundary, as the library does.
 */
static void set_message(cf_error *err, const char *text)
{
    size_t size = sizeof err->message, len = strlen(text);
    if (len < size) {
        memcpy(err->message, text, len + 1);
        return;
    }
    size_t keep = size - 4;
    while (keep > 0 && ((unsigned char)text[keep] & 0xC0) == 0x80)
        keep--; /* do not cut a character in two */
    memcpy(err->message, text, keep);
    memcpy(err->message + keep, "...", 4);
}

/*
 * Copies a source name into err, keeping its end and marking a cut with
 * "..." when it is longer than the field, as the library does.
 */
static void set_source(cf_error *err, const char *source)
{
    size_t size = sizeof err->source;
    size_t len = source ? strlen(source) : 0;
    if (len < size) {
        memcpy(err->source, source ? source : "", len + 1);
        return;
    }
    const char *tail = source + len - (size - 4);
    while (((unsigned char)*tail & 0xC0) == 0x80)
        tail++; /* start at a whole character */
    memcpy(err->source, "...", 3);
    memcpy(err->source + 3, tail, strlen(tail) + 1);
}

/* Fills err as the library does for an error without a place. */
static void fail(cf_error *err, int code, const char *message)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
    err->code = code;
    set_message(err, message);
}

static void out_of_memory(cf_error *err)
{
    fail(err, CF_ENOMEM, "out of memory");
}

/* Fills err for a NULL that the script passed where an object is needed. */
static int missing_argument(cf_error *err, const char *what)
{
    char text[CF_ERROR_MESSAGE_MAX];
    snprintf(text, sizeof text, "%s must not be None or nil", what);
    fail(err, CF_EARG, text);
    return CF_EARG;
}

/* ---- frameworks ---------------------------------------------------------- */

cf_framework *cfb_framework_load(const char *path, cf_error *err)
{
    cf_framework *fw = NULL;
    if (!path) {
        missing_argument(err, "the path");
        return NULL;
    }
    if (cf_framework_load_file(&fw, path, NULL, err) != CF_OK)
        return NULL;
    return fw;
}

cf_framework *cfb_framework_loads(const char *data, size_t len,
                                  const char *source, cf_error *err)
{
    cf_framework *fw = NULL;
    if (!data) {
        missing_argument(err, "the text");
        return NULL;
    }
    if (cf_framework_load_buffer(&fw, data, len, source, NULL, err) != CF_OK)
        return NULL;
    return fw;
}

cf_framework *cfb_framework_ref(const cf_framework *fw)
{
    /* The reference count is the only thing a reference changes. */
    return cf_framework_ref((cf_framework *)fw);
}

const char *cfb_framework_suggest(const cf_framework *fw, const char *word,
                                  cf_error *err)
{
    size_t count = cf_framework_element_count(fw);
    if (!word || count == 0)
        return NULL;
    const char **names = malloc(count * sizeof *names);
    if (!names) {
        out_of_memory(err);
        return NULL;
    }
    for (size_t i = 0; i < count; i++)
        names[i] = cf_element_id(cf_framework_element(fw, i));
    const char *best = cf_suggest(word, names, count);
    free(names);
    return best;
}

/* ---- element, scale and level handles ------------------------------------ */

cfb_element *cfb_element_of(const cf_element *el, cf_error *err)
{
    if (!el)
        return NULL;
    cfb_element *h = malloc(sizeof *h);
    if (!h) {
        out_of_memory(err);
        return NULL;
    }
    h->fw = cfb_framework_ref(cf_element_framework(el));
    h->index = cf_element_index(el);
    return h;
}

cfb_scale *cfb_scale_of(const cf_scale *scale, const cf_framework *fw,
                        cf_error *err)
{
    if (!scale)
        return NULL;
    cfb_scale *h = malloc(sizeof *h);
    if (!h) {
        out_of_memory(err);
        return NULL;
    }
    h->fw = cfb_framework_ref(fw);
    h->index = cf_scale_index(scale);
    return h;
}

cfb_level *cfb_level_of(const cf_level *level, const cf_scale *scale,
                        const cf_framework *fw, cf_error *err)
{
    if (!level)
        return NULL;
    cfb_level *h = malloc(sizeof *h);
    if (!h) {
        out_of_memory(err);
        return NULL;
    }
    h->fw = cfb_framework_ref(fw);
    h->scale = cf_scale_index(scale);
    h->index = cf_level_index(level);
    return h;
}

const cf_element *cfb_element_get(const cfb_element *h)
{
    return cf_framework_element(h->fw, h->index);
}

const cf_scale *cfb_scale_get(const cfb_scale *h)
{
    return cf_framework_scale(h->fw, h->index);
}

const cf_level *cfb_level_get(const cfb_level *h)
{
    return cf_scale_level(cf_framework_scale(h->fw, h->scale), h->index);
}

void cfb_element_free(cfb_element *h)
{
    if (!h)
        return;
    cf_framework_free(h->fw);
    free(h);
}

void cfb_scale_free(cfb_scale *h)
{
    if (!h)
        return;
    cf_framework_free(h->fw);
    free(h);
}

void cfb_level_free(cfb_level *h)
{
    if (!h)
        return;
    cf_framework_free(h->fw);
    free(h);
}

int cfb_element_same(const cfb_element *a, const cfb_element *b)
{
    return a && b && a->fw == b->fw && a->index == b->index;
}

/* ---- assessments --------------------------------------------------------- */

cf_assessment *cfb_assessment_new(cf_framework *fw, const char *subject,
                                  cf_error *err)
{
    cf_assessment *a = NULL;
    if (!fw) {
        missing_argument(err, "the framework");
        return NULL;
    }
    if (!subject) {
        missing_argument(err, "the subject");
        return NULL;
    }
    if (cf_assessment_new(&a, fw, subject, NULL, err) != CF_OK)
        return NULL;
    return a;
}

cf_assessment *cfb_assessment_ref(const cf_assessment *a)
{
    return cf_assessment_ref((cf_assessment *)a);
}

int cfb_level_value(double *out, cf_framework *fw, const char *element_id,
                    const char *label, cf_error *err)
{
    const cf_element *el = cf_framework_find(fw, element_id);
    if (!el) {
        /* The rating or target call that follows names the unknown id,
         * with its suggestion. */
        *out = NAN;
        return CF_OK;
    }
    return cf_element_level_by_label(out, el, label, err);
}

int cfb_assessment_rate_batch(cf_assessment *a, size_t count,
                              const char *const *ids, const double *levels,
                              const char *const *labels, cf_error *err)
{
    if (!a)
        return missing_argument(err, "the assessment");
    if (!labels || count == 0)
        return cf_assessment_rate_many(a, ids, levels, count, err);
    double *values = malloc(count * sizeof *values);
    if (!values) {
        out_of_memory(err);
        return CF_ENOMEM;
    }
    cf_framework *fw = cfb_framework_ref(cf_assessment_framework(a));
    int rc = CF_OK;
    for (size_t i = 0; i < count && rc == CF_OK; i++) {
        values[i] = levels[i];
        if (!labels[i])
            continue;
        cf_error inner;
        memset(&inner, 0, sizeof inner);
        rc = cfb_level_value(&values[i], fw, ids[i], labels[i], &inner);
        if (rc != CF_OK && err) {
            /* Word it as cf_assessment_rate_many words a failing pair. */
            char text[2 * CF_ERROR_MESSAGE_MAX];
            snprintf(text, sizeof text, "rating %zu of %zu: %s", i + 1, count,
                     inner.message);
            *err = inner;
            set_message(err, text);
            /* The assessment's source, as for the pairs rate_many checks. */
            set_source(err, cf_assessment_source(a));
        }
    }
    if (rc == CF_OK)
        rc = cf_assessment_rate_many(a, ids, values, count, err);
    cf_framework_free(fw);
    free(values);
    return rc;
}

cfb_assessments *cfb_assessments_new(cf_error *err)
{
    cfb_assessments *set = calloc(1, sizeof *set);
    if (!set)
        out_of_memory(err);
    return set;
}

int cfb_assessments_add(cfb_assessments *set, cf_assessment *a, cf_error *err)
{
    if (!a)
        return missing_argument(err, "an assessment");
    if (set->count == set->capacity) {
        size_t capacity = set->capacity ? 2 * set->capacity : 8;
        cf_assessment **items =
            realloc(set->items, capacity * sizeof *set->items);
        if (!items) {
            out_of_memory(err);
            return CF_ENOMEM;
        }
        set->items = items;
        set->capacity = capacity;
    }
    set->items[set->count++] = cf_assessment_ref(a);
    return CF_OK;
}

size_t cfb_assessments_count(const cfb_assessments *set)
{
    return set->count;
}

cf_assessment *cfb_assessments_get(const cfb_assessments *set, size_t index)
{
    return index < set->count ? cf_assessment_ref(set->items[index]) : NULL;
}

void cfb_assessments_free(cfb_assessments *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->count; i++)
        cf_assessment_free(set->items[i]);
    free(set->items);
    free(set);
}

/* The assessments of a loaded list, as a set; frees the list. */
static cfb_assessments *from_list(cf_assessment_list *list, cf_error *err)
{
    cfb_assessments *set = cfb_assessments_new(err);
    size_t count = cf_assessment_list_count(list);
    for (size_t i = 0; set && i < count; i++) {
        if (cfb_assessments_add(set, cf_assessment_list_get(list, i), err) !=
            CF_OK) {
            cfb_assessments_free(set);
            set = NULL;
        }
    }
    cf_assessment_list_free(list);
    return set;
}

/* A cf_format from a binding's int; CF_EARG outside the enum. */
static int check_format(int format, cf_error *err)
{
    if (format == CF_FORMAT_AUTO || format == CF_FORMAT_YAML ||
        format == CF_FORMAT_CSV)
        return CF_OK;
    fail(err, CF_EARG, "unknown assessment format: expected auto, yaml or csv");
    return CF_EARG;
}

cfb_assessments *cfb_assessments_load(cf_framework *fw, const char *path,
                                      int format, cf_error *err)
{
    cf_assessment_list *list = NULL;
    if (!fw || !path) {
        missing_argument(err, fw ? "the path" : "the framework");
        return NULL;
    }
    if (check_format(format, err) != CF_OK ||
        cf_assessment_list_load_file(&list, fw, path, (cf_format)format, NULL,
                                     err) != CF_OK)
        return NULL;
    return from_list(list, err);
}

cfb_assessments *cfb_assessments_loads(cf_framework *fw, const char *data,
                                       size_t len, const char *source,
                                       int format, cf_error *err)
{
    cf_assessment_list *list = NULL;
    if (!fw || !data) {
        missing_argument(err, fw ? "the text" : "the framework");
        return NULL;
    }
    if (check_format(format, err) != CF_OK ||
        cf_assessment_list_load_buffer(&list, fw, data, len, source,
                                       (cf_format)format, NULL, err) != CF_OK)
        return NULL;
    return from_list(list, err);
}

/* ---- profiles ------------------------------------------------------------ */

cf_profile *cfb_profile_new(cf_framework *fw, const char *id, const char *title,
                            cf_error *err)
{
    cf_profile *p = NULL;
    if (!fw || !id) {
        missing_argument(err, fw ? "the profile id" : "the framework");
        return NULL;
    }
    if (cf_profile_new(&p, fw, id, title, NULL, err) != CF_OK)
        return NULL;
    return p;
}

cf_profile *cfb_profile_load(cf_framework *fw, const char *path, cf_error *err)
{
    cf_profile *p = NULL;
    if (!fw || !path) {
        missing_argument(err, fw ? "the path" : "the framework");
        return NULL;
    }
    if (cf_profile_load_file(&p, fw, path, NULL, err) != CF_OK)
        return NULL;
    return p;
}

cf_profile *cfb_profile_loads(cf_framework *fw, const char *data, size_t len,
                              const char *source, cf_error *err)
{
    cf_profile *p = NULL;
    if (!fw || !data) {
        missing_argument(err, fw ? "the text" : "the framework");
        return NULL;
    }
    if (cf_profile_load_buffer(&p, fw, data, len, source, NULL, err) != CF_OK)
        return NULL;
    return p;
}

cf_profile *cfb_profile_ref(const cf_profile *p)
{
    return cf_profile_ref((cf_profile *)p);
}

int cfb_profile_add_target_label(cf_profile *p, const char *element_id,
                                 const char *label, double importance,
                                 int critical, cf_error *err)
{
    if (!p || !element_id || !label)
        return missing_argument(err, !p            ? "the profile"
                                     : !element_id ? "the element id"
                                                   : "the level");
    double level;
    cf_framework *fw = cfb_framework_ref(cf_profile_framework(p));
    int rc = cfb_level_value(&level, fw, element_id, label, err);
    cf_framework_free(fw);
    if (rc != CF_OK) {
        /* A profile has no source: say so as cf_profile_add_target does. */
        if (err)
            err->source[0] = '\0';
        return rc;
    }
    return cf_profile_add_target(p, element_id, level, importance, critical,
                                 err);
}

/* ---- analyses ------------------------------------------------------------ */

/* Score options from a binding's int; CF_EARG outside cf_missing. */
static int score_options(cf_score_options *opts, int missing, cf_error *err)
{
    cf_score_options init = CF_SCORE_OPTIONS_INIT;
    *opts = init;
    if (missing != CF_MISSING_SKIP && missing != CF_MISSING_ZERO) {
        fail(err, CF_EARG, "unknown missing policy: expected skip or zero");
        return CF_EARG;
    }
    opts->missing = (cf_missing)missing;
    return CF_OK;
}

cf_scores *cfb_scores_compute(const cf_assessment *a, int missing,
                              cf_error *err)
{
    cf_score_options opts;
    cf_scores *s = NULL;
    if (!a) {
        missing_argument(err, "the assessment");
        return NULL;
    }
    if (score_options(&opts, missing, err) != CF_OK ||
        cf_scores_compute(&s, a, &opts, err) != CF_OK)
        return NULL;
    return s;
}

cfb_gap_report *cfb_gap_analyze(const cf_assessment *a, const cf_profile *p,
                                int missing, cf_error *err)
{
    cf_score_options opts;
    cf_gap_report *r = NULL;
    if (!a || !p) {
        missing_argument(err, a ? "the profile" : "the assessment");
        return NULL;
    }
    if (score_options(&opts, missing, err) != CF_OK ||
        cf_gap_analyze(&r, a, p, &opts, err) != CF_OK)
        return NULL;
    cfb_gap_report *h = malloc(sizeof *h);
    if (!h) {
        cf_gap_report_free(r);
        out_of_memory(err);
        return NULL;
    }
    h->own = r;
    h->team = NULL;
    h->r = r;
    return h;
}

void cfb_gap_report_free(cfb_gap_report *h)
{
    if (!h)
        return;
    cf_gap_report_free(h->own);
    cfb_team_report_free(h->team);
    free(h);
}

cfb_element *cfb_gap_report_input_element(const cfb_gap_report *h, size_t t,
                                          size_t k, cf_error *err)
{
    return cfb_element_of(cf_gap_report_input(h->r, t, k, NULL, NULL, NULL),
                          err);
}

double cfb_gap_report_input_score(const cfb_gap_report *h, size_t t, size_t k)
{
    double score = NAN;
    cf_gap_report_input(h->r, t, k, &score, NULL, NULL);
    return score;
}

double cfb_gap_report_input_weight(const cfb_gap_report *h, size_t t, size_t k)
{
    double weight = NAN;
    cf_gap_report_input(h->r, t, k, NULL, &weight, NULL);
    return weight;
}

double cfb_gap_report_input_share(const cfb_gap_report *h, size_t t, size_t k)
{
    double share = NAN;
    cf_gap_report_input(h->r, t, k, NULL, NULL, &share);
    return share;
}

/* The assessments of set as the array the analyses take. */
static const cf_assessment *const *items_of(const cfb_assessments *set)
{
    return (const cf_assessment *const *)set->items;
}

cfb_team_report *cfb_team_analyze(const cfb_assessments *set,
                                  const cf_profile *p, int missing,
                                  cf_error *err)
{
    cf_score_options opts;
    cf_team_report *r = NULL;
    if (!set || !p) {
        missing_argument(err, set ? "the profile" : "the assessments");
        return NULL;
    }
    if (score_options(&opts, missing, err) != CF_OK ||
        cf_team_analyze(&r, items_of(set), set->count, p, &opts, err) != CF_OK)
        return NULL;
    cfb_team_report *h = malloc(sizeof *h);
    if (!h) {
        cf_team_report_free(r);
        out_of_memory(err);
        return NULL;
    }
    h->refs = 1;
    h->r = r;
    return h;
}

void cfb_team_report_free(cfb_team_report *h)
{
    if (!h || --h->refs > 0)
        return;
    cf_team_report_free(h->r);
    free(h);
}

cfb_gap_report *cfb_team_report_person(cfb_team_report *h, size_t i,
                                       cf_error *err)
{
    const cf_gap_report *person = cf_team_report_person(h->r, i);
    if (!person)
        return NULL;
    cfb_gap_report *g = malloc(sizeof *g);
    if (!g) {
        out_of_memory(err);
        return NULL;
    }
    h->refs++;
    g->own = NULL;
    g->team = h;
    g->r = person;
    return g;
}

int cfb_matrix_rows(size_t *rows, const cf_framework *fw, size_t count,
                    size_t people, cf_error *err)
{
    char text[CF_ERROR_MESSAGE_MAX];
    *rows = 0;
    if (!fw)
        return missing_argument(err, "the framework");
    size_t columns = cf_framework_element_count(fw);
    if (columns == 0) {
        fail(err, CF_EARG, "the framework has no elements");
        return CF_EARG;
    }
    if (people == 0) {
        if (count % columns != 0) {
            snprintf(text, sizeof text,
                     "the levels hold %zu numbers, which is not a whole "
                     "number of rows of %zu (one per element of the "
                     "framework)",
                     count, columns);
            fail(err, CF_EARG, text);
            return CF_EARG;
        }
        *rows = count / columns;
        return CF_OK;
    }
    if (people > count / columns || people * columns != count) {
        snprintf(text, sizeof text,
                 "the levels hold %zu numbers, not %zu people x %zu "
                 "elements",
                 count, people, columns);
        fail(err, CF_EARG, text);
        return CF_EARG;
    }
    *rows = people;
    return CF_OK;
}

/* Score options with a thread count; CF_EARG as score_options. */
static int matrix_options(cf_score_options *opts, int missing,
                          unsigned int threads, cf_error *err)
{
    int rc = score_options(opts, missing, err);
    opts->threads = threads;
    return rc;
}

int cfb_scores_matrix(double *normalized, const cf_framework *fw,
                      const double *levels, size_t rows, int missing,
                      unsigned int threads, cf_error *err)
{
    cf_score_options opts;
    if (!fw)
        return missing_argument(err, "the framework");
    int rc = matrix_options(&opts, missing, threads, err);
    if (rc != CF_OK)
        return rc;
    return cf_scores_compute_matrix(normalized, fw, levels, rows, &opts, err);
}

cf_team_matrix *cfb_team_matrix_analyze(const cf_profile *p,
                                        const double *levels, size_t count,
                                        size_t people, int missing,
                                        unsigned int threads, cf_error *err)
{
    cf_score_options opts;
    cf_team_matrix *m = NULL;
    size_t rows;
    if (!p) {
        missing_argument(err, "the profile");
        return NULL;
    }
    if (cfb_matrix_rows(&rows, cf_profile_framework(p), count, people, err) !=
        CF_OK)
        return NULL;
    if (rows == 0) {
        fail(err, CF_EARG,
             "the levels are empty: a team needs one person "
             "(one row) at least");
        return NULL;
    }
    if (!levels) {
        missing_argument(err, "the levels");
        return NULL;
    }
    if (matrix_options(&opts, missing, threads, err) != CF_OK ||
        cf_team_matrix_analyze(&m, p, levels, rows, &opts, err) != CF_OK)
        return NULL;
    return m;
}

cfb_consolidate_options *cfb_consolidate_options_new(double threshold,
                                                     cf_error *err)
{
    if (!(threshold >= 0) || isinf(threshold)) {
        fail(err, CF_EARG,
             "the threshold must be a finite number, 0 or more (0 means "
             "the default, 1 level)");
        return NULL;
    }
    cfb_consolidate_options *o = calloc(1, sizeof *o);
    if (!o) {
        out_of_memory(err);
        return NULL;
    }
    o->threshold = threshold;
    return o;
}

int cfb_consolidate_options_add(cfb_consolidate_options *o, const char *role,
                                double weight, cf_error *err)
{
    if (!role)
        return missing_argument(err, "the role");
    if (o->count == o->capacity) {
        size_t capacity = o->capacity ? 2 * o->capacity : 4;
        cf_role_weight *weights =
            realloc(o->weights, capacity * sizeof *o->weights);
        if (!weights) {
            out_of_memory(err);
            return CF_ENOMEM;
        }
        o->weights = weights;
        o->capacity = capacity;
    }
    size_t len = strlen(role);
    char *copy = malloc(len + 1);
    if (!copy) {
        out_of_memory(err);
        return CF_ENOMEM;
    }
    memcpy(copy, role, len + 1);
    o->weights[o->count].role = copy;
    o->weights[o->count].weight = weight;
    o->count++;
    return CF_OK;
}

void cfb_consolidate_options_free(cfb_consolidate_options *o)
{
    if (!o)
        return;
    for (size_t i = 0; i < o->count; i++)
        free((char *)o->weights[i].role);
    free(o->weights);
    free(o);
}

cf_consolidation *cfb_consolidate(const cfb_assessments *set,
                                  const cfb_consolidate_options *opts,
                                  cf_error *err)
{
    cf_consolidate_options o = CF_CONSOLIDATE_OPTIONS_INIT;
    cf_consolidation *c = NULL;
    if (!set) {
        missing_argument(err, "the assessments");
        return NULL;
    }
    if (opts) {
        o.role_weights = opts->weights;
        o.role_weight_count = opts->count;
        o.threshold = opts->threshold;
    }
    if (cf_consolidate(&c, items_of(set), set->count, &o, err) != CF_OK)
        return NULL;
    return c;
}

double cfb_consolidation_input_weight(const cf_consolidation *c, size_t index)
{
    double weight = NAN;
    if (!cf_consolidation_input(c, index, &weight))
        return NAN;
    return weight;
}

cf_progress_report *cfb_progress_analyze(const cf_assessment *before,
                                         const cf_assessment *after,
                                         const cf_profile *p, int missing,
                                         cf_error *err)
{
    cf_score_options opts;
    cf_progress_report *r = NULL;
    if (!before || !after) {
        missing_argument(err, before ? "the later assessment"
                                     : "the earlier assessment");
        return NULL;
    }
    if (score_options(&opts, missing, err) != CF_OK ||
        cf_progress_analyze(&r, before, after, p, &opts, err) != CF_OK)
        return NULL;
    return r;
}

/* ---- JSON and rendering -------------------------------------------------- */

static int json_flags(int pretty)
{
    return pretty ? CF_JSON_PRETTY : 0;
}

char *cfb_scores_to_json(const cf_scores *s, int pretty, cf_error *err)
{
    char *out = NULL;
    if (cf_scores_to_json(s, json_flags(pretty), &out, err) != CF_OK)
        return NULL;
    return out;
}

char *cfb_gap_report_to_json(const cfb_gap_report *h, int pretty, cf_error *err)
{
    char *out = NULL;
    if (cf_gap_report_to_json(h->r, json_flags(pretty), &out, err) != CF_OK)
        return NULL;
    return out;
}

char *cfb_team_report_to_json(const cfb_team_report *h, int pretty,
                              cf_error *err)
{
    char *out = NULL;
    if (cf_team_report_to_json(h->r, json_flags(pretty), &out, err) != CF_OK)
        return NULL;
    return out;
}

char *cfb_consolidation_to_json(const cf_consolidation *c, int pretty,
                                cf_error *err)
{
    char *out = NULL;
    if (cf_consolidation_to_json(c, json_flags(pretty), &out, err) != CF_OK)
        return NULL;
    return out;
}

char *cfb_progress_report_to_json(const cf_progress_report *r, int pretty,
                                  cf_error *err)
{
    char *out = NULL;
    if (cf_progress_report_to_json(r, json_flags(pretty), &out, err) != CF_OK)
        return NULL;
    return out;
}

/* Render options from a binding's arguments; CF_EARG for bad ones. */
static int render_options(cf_render_options *opts, const char *format,
                          unsigned int width, int color, int pretty,
                          cf_error *err)
{
    cf_render_options init = CF_RENDER_OPTIONS_INIT;
    *opts = init;
    if (!format)
        return missing_argument(err, "the format");
    int rc = cf_report_format_parse(&opts->format, format, err);
    if (rc != CF_OK)
        return rc;
    opts->width = width;
    opts->color = color != 0;
    opts->json_flags = json_flags(pretty);
    return CF_OK;
}

char *cfb_scores_render(const cf_scores *s, const char *format,
                        unsigned int width, int color, int pretty,
                        cf_error *err)
{
    cf_render_options opts;
    char *out = NULL;
    if (render_options(&opts, format, width, color, pretty, err) != CF_OK ||
        cf_scores_render(&s, 1, &opts, &out, err) != CF_OK)
        return NULL;
    return out;
}

char *cfb_gap_report_render(const cfb_gap_report *h, const char *format,
                            unsigned int width, int color, int pretty,
                            cf_error *err)
{
    cf_render_options opts;
    char *out = NULL;
    if (render_options(&opts, format, width, color, pretty, err) != CF_OK ||
        cf_gap_report_render(&h->r, 1, &opts, &out, err) != CF_OK)
        return NULL;
    return out;
}

char *cfb_team_report_render(const cfb_team_report *h, const char *format,
                             unsigned int width, int color, int pretty,
                             cf_error *err)
{
    cf_render_options opts;
    char *out = NULL;
    if (render_options(&opts, format, width, color, pretty, err) != CF_OK ||
        cf_team_report_render(h->r, &opts, &out, err) != CF_OK)
        return NULL;
    return out;
}

char *cfb_consolidation_render(const cf_consolidation *c, const char *format,
                               unsigned int width, int color, int pretty,
                               cf_error *err)
{
    cf_render_options opts;
    char *out = NULL;
    if (render_options(&opts, format, width, color, pretty, err) != CF_OK ||
        cf_consolidation_render(c, &opts, &out, err) != CF_OK)
        return NULL;
    return out;
}

char *cfb_progress_report_render(const cf_progress_report *r,
                                 const char *format, unsigned int width,
                                 int color, int pretty, cf_error *err)
{
    cf_render_options opts;
    char *out = NULL;
    if (render_options(&opts, format, width, color, pretty, err) != CF_OK ||
        cf_progress_report_render(r, &opts, &out, err) != CF_OK)
        return NULL;
    return out;
}
