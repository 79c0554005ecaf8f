/*
 * Loading assessments: the public loaders (arguments, options, files, the
 * format) and the YAML format, one assessment per document, read straight
 * from the events into the assessment (lib/document.c does the mappings).
 */
#include "assessment.h"

#include <math.h>
#include <string.h>

/* A key of the ratings mapping: which element, and where, for duplicates. */
typedef struct rating_key {
    size_t element;
    cfi_mark mark;
} rating_key;

typedef struct yaml_loader {
    cfi_doc doc; /* first: handlers get &loader.doc */
    cf_framework *fw;
    cf_assessment_list *list;
    cf_assessment *a; /* the assessment of the current document */
    rating_key *keys; /* the current document's ratings so far */
    size_t key_count, key_cap;
    /* the {level, note} mapping being read */
    size_t element;
    double level;
    const char *note;
    cfi_arena scratch; /* notes until cfi_assessment_store copies them */
    /* the integer levels 0 to 63 of scale mask_scale (CFI_NONE: none yet),
     * bit v for level value v: the fast path's test of a plain level */
    size_t mask_scale;
    uint64_t mask;
} yaml_loader;

/* ---- one rating ---------------------------------------------------------- */

/* Bit v set for each level of scale whose value is the integer v < 64. */
static uint64_t integer_levels(const cf_scale *scale)
{
    uint64_t mask = 0;
    for (size_t i = 0; i < scale->level_count; i++) {
        double v = scale->levels[i].value;
        if (v >= 0 && v < 64 && v == (double)(unsigned)v)
            mask |= UINT64_C(1) << (unsigned)v;
    }
    return mask;
}

/*
 * The fast path for the common rating, a plain one- or two-digit level
 * value (without a leading zero) of the element's scale: sets L->level and
 * returns 1 when ev is one; 0 sends it to cfi_level_parse, which reads
 * every other form and words every error. Whether the element is rated
 * already was checked with its key, so the level is all there is to check.
 */
static int integer_level(yaml_loader *L, const cfi_event *ev)
{
    const char *s = ev->value;
    if (!ev->plain || ev->length == 0 || ev->length > 2 || s[0] < '0' ||
        s[0] > '9')
        return 0;
    unsigned v = (unsigned)(s[0] - '0');
    if (ev->length == 2) {
        if (v == 0 || s[1] < '0' || s[1] > '9')
            return 0;
        v = v * 10 + (unsigned)(s[1] - '0');
    }
    size_t scale = L->fw->elements[L->element].scale;
    if (scale != L->mask_scale) {
        L->mask = integer_levels(&L->fw->scales[scale]);
        L->mask_scale = scale;
    }
    if (v >= 64 || !(L->mask & (UINT64_C(1) << v)))
        return 0;
    L->level = (double)v;
    return 1;
}

static const cfi_key rating_keys[] = {{"level", 1}, {"note", 0}, {NULL, 0}};
enum { RATING_LEVEL, RATING_NOTE };

/* Reads the scalar at the current event as the level of L->element. */
static int rating_level(yaml_loader *L)
{
    cfi_doc *doc = &L->doc;
    const cfi_event *ev = &doc->ev;
    if (integer_level(L, ev))
        return CF_OK;
    int rc =
        cfi_level_parse(&L->level, &L->a->framework->elements[L->element],
                        ev->value, ev->plain, doc->source, &ev->mark, doc->err);
    if (rc == CF_OK)
        rc = cfi_assessment_check(L->a, L->element, L->level, doc->source,
                                  &ev->mark, doc->err);
    return rc;
}

static int rating_value(cfi_doc *doc, cfi_mapping *m, size_t key)
{
    yaml_loader *L = (yaml_loader *)doc;
    if (key == RATING_NOTE) {
        doc->strings = &L->scratch;
        int rc = cfi_doc_read_string(doc, m, "note", 0, &L->note);
        doc->strings = &L->a->strings;
        return rc;
    }
    int rc = cfi_doc_next(doc);
    if (rc != CF_OK)
        return rc;
    if (doc->ev.type != CFI_EV_SCALAR || cfi_event_is_null(&doc->ev))
        return cfi_doc_fail(doc, CF_EINVALID, &doc->ev.mark,
                            "expected a level value or label for 'level' in "
                            "%s, found %s",
                            cfi_doc_describe(doc, m), cfi_event_noun(&doc->ev));
    return rating_level(L);
}

/* A rating written as a mapping: {level: 2, note: "..."}. */
static int rating_mapping(yaml_loader *L)
{
    cfi_doc *doc = &L->doc;
    cfi_mapping m = {.kind = "rating of element",
                     .keys = rating_keys,
                     .name = L->fw->elements[L->element].id};
    L->note = NULL;
    int rc = cfi_doc_read_mapping(doc, &m, rating_value);
    if (rc != CF_OK)
        return rc;
    if (doc->ext_count > m.ext_base)
        return cfi_doc_fail(doc, CF_EINVALID, &m.start,
                            "unknown key '%s' in %s (a rating has only "
                            "'level' and 'note'; put x- keys in the "
                            "assessment mapping)",
                            doc->ext_stack[m.ext_base].key,
                            cfi_doc_describe(doc, &m));
    if (cfi_assessment_store(L->a, L->element, L->level, L->note) != CF_OK)
        return cfi_doc_oom(doc);
    return CF_OK;
}

/* The value of a ratings key: a level value, a label, or a mapping. */
static int rating(yaml_loader *L)
{
    cfi_doc *doc = &L->doc;
    int rc = cfi_doc_next(doc);
    if (rc != CF_OK)
        return rc;
    const cfi_event *ev = &doc->ev;
    if (ev->type == CFI_EV_MAPPING_START)
        return rating_mapping(L);
    if (ev->type != CFI_EV_SCALAR || cfi_event_is_null(ev))
        return cfi_doc_fail(doc, CF_EINVALID, &ev->mark,
                            "expected a level value, a level label or a "
                            "mapping with 'level' for element '%s' in "
                            "'ratings', found %s",
                            L->fw->elements[L->element].id, cfi_event_noun(ev));
    rc = rating_level(L);
    if (rc == CF_OK &&
        cfi_assessment_store(L->a, L->element, L->level, NULL) != CF_OK)
        return cfi_doc_oom(doc);
    return rc;
}

/* The error for an element given twice in one ratings mapping. */
static int rated_twice(yaml_loader *L, size_t element)
{
    const cfi_mark *first = &L->doc.ev.mark;
    for (size_t i = 0; i < L->key_count; i++) {
        if (L->keys[i].element == element) {
            first = &L->keys[i].mark;
            break;
        }
    }
    return cfi_doc_fail(&L->doc, CF_EINVALID, &L->doc.ev.mark,
                        "element '%s' is rated twice in this assessment "
                        "(first at line %zu, column %zu)",
                        L->fw->elements[element].id, first->line,
                        first->column);
}

/* A key of the ratings mapping (the current event) and its value. */
static int rating_entry(yaml_loader *L)
{
    cfi_doc *doc = &L->doc;
    const cfi_event *ev = &doc->ev;
    if (ev->type != CFI_EV_SCALAR || cfi_event_is_null(ev))
        return cfi_doc_fail(doc, CF_EINVALID, &ev->mark,
                            "expected an element id as a key of 'ratings', "
                            "found %s",
                            cfi_event_noun(ev));
    /* The length is known: no strlen; the miss words its error. */
    L->element = cfi_idmap_find_n(&L->fw->ids, ev->value, ev->length);
    if (L->element == CFI_NONE)
        return cfi_assessment_find(&L->element, L->a, ev->value, doc->source,
                                   &ev->mark, doc->err);
    if (!isnan(L->a->levels[L->element]))
        return rated_twice(L, L->element);
    int rc = cfi_doc_grow(doc, &L->keys, &L->key_cap, L->key_count + 1,
                          sizeof *L->keys);
    if (rc != CF_OK)
        return rc;
    rating_key key = {L->element, ev->mark};
    L->keys[L->key_count++] = key;
    return rating(L);
}

static int read_ratings(yaml_loader *L, cfi_mapping *m)
{
    cfi_doc *doc = &L->doc;
    int rc = cfi_doc_next(doc);
    if (rc == CF_OK && doc->ev.type != CFI_EV_MAPPING_START)
        return cfi_doc_fail(doc, CF_EINVALID, &doc->ev.mark,
                            "expected a mapping of element ids to levels for "
                            "'ratings' in %s, found %s",
                            cfi_doc_describe(doc, m), cfi_event_noun(&doc->ev));
    while (rc == CF_OK) {
        rc = cfi_doc_next(doc);
        if (rc != CF_OK || doc->ev.type == CFI_EV_MAPPING_END)
            break;
        rc = rating_entry(L);
    }
    return rc;
}

/* ---- the assessment mapping ---------------------------------------------- */

static const cfi_key assessment_keys[] = {
    {"framework", 0}, {"subject", 1}, {"rater", 0}, {"role", 0},
    {"date", 0},      {"ratings", 0}, {NULL, 0}};
enum {
    ASSESSMENT_FRAMEWORK,
    ASSESSMENT_SUBJECT,
    ASSESSMENT_RATER,
    ASSESSMENT_ROLE,
    ASSESSMENT_DATE,
    ASSESSMENT_RATINGS
};

static int assessment_value(cfi_doc *doc, cfi_mapping *m, size_t key)
{
    yaml_loader *L = (yaml_loader *)doc;
    cf_assessment *a = L->a;
    int rc;
    switch (key) {
    case ASSESSMENT_FRAMEWORK:
        return cfi_doc_read_framework_id(doc, m, L->fw);
    case ASSESSMENT_SUBJECT:
        rc = cfi_doc_read_string(doc, m, "subject", 1, &a->subject);
        m->name = a->subject;
        return rc;
    case ASSESSMENT_RATER:
        return cfi_doc_read_string(doc, m, "rater", 0, &a->rater);
    case ASSESSMENT_ROLE:
        return cfi_doc_read_string(doc, m, "role", 0, &a->role);
    case ASSESSMENT_DATE:
        rc = cfi_doc_read_string(doc, m, "date", 1, &a->date);
        if (rc == CF_OK)
            rc = cfi_date_check(a->date, doc->source, &doc->ev.mark, doc->err);
        return rc;
    default:
        return read_ratings(L, m);
    }
}

/* One document: { assessment: {...} }, the current event its start. */
static int parse_document(yaml_loader *L)
{
    cfi_doc *doc = &L->doc;
    if (cfi_assessment_list_add(&L->a, L->list, L->fw) != CF_OK)
        return cfi_doc_oom(doc);
    cf_assessment *a = L->a;
    doc->strings = &a->strings;
    a->line = doc->ev.mark.line;
    L->key_count = 0;
    int rc = cfi_doc_copy(doc, doc->source, strlen(doc->source), &a->source);
    if (rc == CF_OK)
        rc = cfi_doc_enter_root(doc, "assessment");
    cfi_mapping m = {
        .kind = "assessment", .singular = 1, .keys = assessment_keys};
    if (rc == CF_OK)
        rc = cfi_doc_read_mapping(doc, &m, assessment_value);
    if (rc == CF_OK)
        rc = cfi_doc_store_extensions(doc, &m, &a->exts, &a->ext);
    if (rc == CF_OK)
        a->ext.items = cfi_ext_at(&a->exts, a->ext.first);
    if (rc == CF_OK)
        rc = cfi_doc_leave_root(doc, "assessment");
    cfi_arena_free(doc->a, &L->scratch);
    return rc;
}

static int parse_stream(yaml_loader *L)
{
    int found;
    int rc = cfi_doc_next_document(&L->doc, &found);
    if (rc == CF_OK && !found)
        return cfi_doc_empty_stream(&L->doc, "assessment");
    while (rc == CF_OK && found) {
        rc = parse_document(L);
        if (rc == CF_OK)
            rc = cfi_doc_next_document(&L->doc, &found);
    }
    return rc;
}

int cfi_assessment_load_yaml(cf_assessment_list *list, cf_framework *fw,
                             const char *data, size_t len, const char *source,
                             const cf_load_options *opts, cf_error *err)
{
    yaml_loader L;
    memset(&L, 0, sizeof L);
    L.fw = fw;
    L.list = list;
    L.mask_scale = CFI_NONE;
    int rc = cfi_doc_open(&L.doc, data, len, source, opts, NULL, err);
    if (rc == CF_OK)
        rc = parse_stream(&L);
    if (rc != CF_OK)
        rc = cfi_doc_prefer_syntax_error(&L.doc, rc);
    const cf_allocator *a = L.doc.a;
    cfi_doc_close(&L.doc);
    cfi_release(a, L.keys);
    cfi_arena_free(a, &L.scratch);
    if (rc != CF_OK)
        cfi_error_fix_offset(err, data, len);
    return rc;
}

/* ---- the public loaders ----------------------------------------------------
 */

/* Whether path ends with ".csv", in any case. */
static int csv_name(const char *path)
{
    size_t n = strlen(path);
    if (n < 4 || path[n - 4] != '.')
        return 0;
    const char *ext = path + n - 3;
    for (size_t i = 0; i < 3; i++) {
        char c = ext[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != "csv"[i])
            return 0;
    }
    return 1;
}

static int check_format(cf_format format, const char *source, cf_error *err)
{
    if (format == CF_FORMAT_AUTO || format == CF_FORMAT_YAML ||
        format == CF_FORMAT_CSV)
        return CF_OK;
    return cfi_fail(err, CF_EARG, source, NULL,
                    "unknown format %d (expected CF_FORMAT_AUTO, "
                    "CF_FORMAT_YAML or CF_FORMAT_CSV)",
                    (int)format);
}

/* Loads data in a format other than AUTO into a new list at *out. */
static int load(cf_assessment_list **out, cf_framework *fw, const char *data,
                size_t len, const char *source, cf_format format,
                const cf_load_options *opts, cf_error *err)
{
    cf_assessment_list *list = cfi_assessment_list_new(opts->allocator);
    if (!list)
        return cfi_fail(err, CF_ENOMEM, source, NULL, "out of memory");
    int rc =
        format == CF_FORMAT_CSV
            ? cfi_assessment_load_csv(list, fw, data, len, source, opts, err)
            : cfi_assessment_load_yaml_threads(list, fw, data, len, source,
                                               opts, err);
    if (rc != CF_OK) {
        cf_assessment_list_free(list);
        return rc;
    }
    *out = list;
    return CF_OK;
}

int cf_assessment_list_load_buffer(cf_assessment_list **out, cf_framework *fw,
                                   const char *data, size_t len,
                                   const char *source_name, cf_format format,
                                   const cf_load_options *opts, cf_error *err)
{
    const char *source = source_name ? source_name : "<buffer>";
    if (out)
        *out = NULL;
    if (!out || !fw || (!data && len))
        return cfi_fail(err, CF_EARG, source, NULL,
                        "out and the framework must not be NULL, nor data "
                        "when len > 0");
    int rc = check_format(format, source, err);
    cf_load_options resolved;
    if (rc == CF_OK)
        rc = cfi_options_resolve(&resolved, opts, err, source);
    if (rc != CF_OK)
        return rc;
    if (format == CF_FORMAT_AUTO)
        format = CF_FORMAT_YAML;
    return load(out, fw, data ? data : "", len, source, format, &resolved, err);
}

int cf_assessment_list_load_file(cf_assessment_list **out, cf_framework *fw,
                                 const char *path, cf_format format,
                                 const cf_load_options *opts, cf_error *err)
{
    if (out)
        *out = NULL;
    if (!out || !fw || !path)
        return cfi_fail(err, CF_EARG, path ? path : "", NULL,
                        "out, the framework and path must not be NULL");
    int rc = check_format(format, path, err);
    cf_load_options resolved;
    if (rc == CF_OK)
        rc = cfi_options_resolve(&resolved, opts, err, path);
    if (rc != CF_OK)
        return rc;
    if (format == CF_FORMAT_AUTO)
        format = csv_name(path) ? CF_FORMAT_CSV : CF_FORMAT_YAML;
    const cf_allocator *a = cfi_allocator_or_default(resolved.allocator);
    char *data;
    size_t len;
    rc = cfi_read_file(&data, &len, path, resolved.max_input_bytes, a, err);
    if (rc != CF_OK)
        return rc;
    rc = load(out, fw, data ? data : "", len, path, format, &resolved, err);
    cfi_release(a, data);
    return rc;
}
