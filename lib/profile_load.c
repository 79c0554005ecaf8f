/*
 * The profile loader: one YAML document { profile: {...} } read straight
 * into a cf_profile. The targets mapping is read here rather than with a
 * key table, since its keys are element ids.
 */
#include "profile.h"

#include <math.h>
#include <string.h>

typedef struct loader {
    cfi_doc doc; /* first: handlers get &loader.doc */
    cf_profile *p;
    const cf_framework *fw;
    size_t *target_of;   /* per element: its target's index, or CFI_NONE */
    cfi_mark *key_marks; /* per target: where its key is */
    size_t key_mark_cap;
    cfi_target current; /* the target being read */
} loader;

/* ---- levels ------------------------------------------------------------- */

/*
 * The current event is the level of target element e: a plain number is a
 * level value, any other text a level label.
 */
static int read_level(loader *L, size_t e, double *out)
{
    const cfi_event *ev = &L->doc.ev;
    const cf_element *el = &L->fw->elements[e];
    if (ev->type != CFI_EV_SCALAR || cfi_event_is_null(ev))
        return cfi_doc_fail(&L->doc, CF_EINVALID, &ev->mark,
                            "expected a level (a value or label of its "
                            "scale) for target '%s', found %s",
                            el->id, cfi_event_noun(ev));
    return cfi_level_parse(out, el, ev->value, ev->plain, L->doc.source,
                           &ev->mark, L->doc.err);
}

/* ---- one target -----------------------------------------------------------
 */

static const cfi_key target_keys[] = {
    {"level", 1}, {"importance", 0}, {"critical", 0}, {NULL, 0}};
enum { TARGET_LEVEL, TARGET_IMPORTANCE, TARGET_CRITICAL };

static int read_importance(loader *L, cfi_mapping *m)
{
    cfi_number_kind kind;
    double importance = 0;
    int rc = cfi_doc_read_number(&L->doc, m, "importance", &importance, &kind);
    if (rc != CF_OK)
        return rc;
    if (kind != CFI_NUMBER_FINITE || !(importance > 0))
        return cfi_doc_fail(&L->doc, CF_EINVALID, &L->doc.ev.mark,
                            "importance must be a positive finite number, "
                            "found '%s' in %s",
                            L->doc.ev.value, cfi_doc_describe(&L->doc, m));
    L->current.importance = importance;
    return CF_OK;
}

/* A YAML 1.1 boolean: 1 or 0; -1 when text is not one. */
static int parse_boolean(const char *text)
{
    static const char *const words[] = {
        "true",  "True",  "TRUE",  "yes", "Yes", "YES", "on",  "On",  "ON",
        "false", "False", "FALSE", "no",  "No",  "NO",  "off", "Off", "OFF"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(text, words[i]) == 0)
            return i < 9;
    return -1;
}

static int read_critical(loader *L, cfi_mapping *m)
{
    int rc = cfi_doc_next(&L->doc);
    if (rc != CF_OK)
        return rc;
    const cfi_event *ev = &L->doc.ev;
    int value =
        ev->type == CFI_EV_SCALAR && ev->plain ? parse_boolean(ev->value) : -1;
    if (value >= 0) {
        L->current.critical = value;
        return CF_OK;
    }
    const char *what = cfi_doc_describe(&L->doc, m);
    if (ev->type != CFI_EV_SCALAR || cfi_event_is_null(ev))
        return cfi_doc_fail(&L->doc, CF_EINVALID, &ev->mark,
                            "expected true or false for 'critical' in %s, "
                            "found %s",
                            what, cfi_event_noun(ev));
    if (!ev->plain)
        return cfi_doc_fail(&L->doc, CF_EINVALID, &ev->mark,
                            "expected true or false for 'critical' in %s, "
                            "found the quoted string \"%s\" (write booleans "
                            "without quotes)",
                            what, ev->value);
    return cfi_doc_fail(&L->doc, CF_EINVALID, &ev->mark,
                        "expected true or false for 'critical' in %s, found "
                        "'%s'",
                        what, ev->value);
}

static int target_value(cfi_doc *doc, cfi_mapping *m, size_t key)
{
    loader *L = (loader *)doc;
    switch (key) {
    case TARGET_LEVEL: {
        int rc = cfi_doc_next(doc);
        return rc == CF_OK
                   ? read_level(L, L->current.element, &L->current.level)
                   : rc;
    }
    case TARGET_IMPORTANCE:
        return read_importance(L, m);
    default:
        return read_critical(L, m);
    }
}

/* A target's value: a level, or a mapping {level, importance, critical}. */
static int read_target_value(loader *L)
{
    int rc = cfi_doc_next(&L->doc);
    if (rc != CF_OK)
        return rc;
    if (L->doc.ev.type != CFI_EV_MAPPING_START)
        return read_level(L, L->current.element, &L->current.level);
    const cf_element *el = &L->fw->elements[L->current.element];
    cfi_mapping m = {.kind = "target", .keys = target_keys, .name = el->id};
    rc = cfi_doc_read_mapping(&L->doc, &m, target_value);
    /* A target has no metadata of its own: its x- keys are read, not kept. */
    L->doc.ext_count = m.ext_base;
    return rc;
}

static int add_target(loader *L, const cfi_mark *key_mark)
{
    cfi_doc *doc = &L->doc;
    cf_profile *p = L->p;
    int rc = cfi_doc_grow(doc, &L->key_marks, &L->key_mark_cap,
                          p->target_count + 1, sizeof *L->key_marks);
    if (rc == CF_OK && cfi_profile_push(p, &L->current) != CF_OK)
        rc = cfi_doc_oom(doc);
    if (rc != CF_OK)
        return rc;
    L->key_marks[p->target_count - 1] = *key_mark;
    L->target_of[L->current.element] = p->target_count - 1;
    return CF_OK;
}

/* The current event is a key of the targets mapping. */
static int parse_target(loader *L, const cfi_mapping *m)
{
    cfi_doc *doc = &L->doc;
    const cfi_event *ev = &doc->ev;
    if (ev->type != CFI_EV_SCALAR || cfi_event_is_null(ev))
        return cfi_doc_fail(doc, CF_EINVALID, &ev->mark,
                            "expected an element id as a key of 'targets' "
                            "in %s, found %s",
                            cfi_doc_describe(doc, m), cfi_event_noun(ev));
    cfi_mark key_mark = ev->mark;
    size_t e = cfi_idmap_find(&L->fw->ids, ev->value);
    if (e == CFI_NONE)
        return cfi_unknown_element(L->fw, ev->value, doc->source, &ev->mark,
                                   doc->err);
    size_t first = L->target_of[e];
    if (first != CFI_NONE)
        return cfi_doc_fail(doc, CF_EINVALID, &key_mark,
                            "target '%s' is given twice (first at line %zu, "
                            "column %zu)",
                            L->fw->elements[e].id, L->key_marks[first].line,
                            L->key_marks[first].column);
    cfi_target fresh = {e, NAN, 1, 0};
    L->current = fresh;
    int rc = read_target_value(L);
    return rc == CF_OK ? add_target(L, &key_mark) : rc;
}

static int parse_targets(loader *L, const cfi_mapping *m)
{
    cfi_doc *doc = &L->doc;
    int rc = cfi_doc_next(doc);
    if (rc != CF_OK)
        return rc;
    if (doc->ev.type != CFI_EV_MAPPING_START)
        return cfi_doc_fail(doc, CF_EINVALID, &doc->ev.mark,
                            "expected a mapping of element ids to targets "
                            "for 'targets' in %s, found %s",
                            cfi_doc_describe(doc, m), cfi_event_noun(&doc->ev));
    cfi_mark start = doc->ev.mark;
    for (;;) {
        rc = cfi_doc_next(doc);
        if (rc != CF_OK)
            return rc;
        if (doc->ev.type == CFI_EV_MAPPING_END)
            break;
        rc = parse_target(L, m);
        if (rc != CF_OK)
            return rc;
    }
    if (L->p->target_count == 0)
        return cfi_doc_fail(doc, CF_EINVALID, &start,
                            "'targets' in %s must give at least one target",
                            cfi_doc_describe(doc, m));
    return CF_OK;
}

/* ---- the profile mapping ------------------------------------------------ */

static const cfi_key profile_keys[] = {{"id", 1},          {"title", 0},
                                       {"description", 0}, {"framework", 0},
                                       {"targets", 1},     {NULL, 0}};
enum {
    PROFILE_ID,
    PROFILE_TITLE,
    PROFILE_DESCRIPTION,
    PROFILE_FRAMEWORK,
    PROFILE_TARGETS
};

static int profile_value(cfi_doc *doc, cfi_mapping *m, size_t key)
{
    loader *L = (loader *)doc;
    cf_profile *p = L->p;
    switch (key) {
    case PROFILE_ID:
        return cfi_doc_read_id(doc, m, "id", &p->id);
    case PROFILE_TITLE:
        return cfi_doc_read_string(doc, m, "title", 0, &p->title);
    case PROFILE_DESCRIPTION:
        return cfi_doc_read_string(doc, m, "description", 0, &p->description);
    case PROFILE_FRAMEWORK:
        return cfi_doc_read_framework_id(doc, m, L->fw);
    default:
        return parse_targets(L, m);
    }
}

static int parse_profile(cfi_doc *doc)
{
    loader *L = (loader *)doc;
    cfi_mapping m = {.kind = "profile", .singular = 1, .keys = profile_keys};
    int rc = cfi_doc_read_mapping(&L->doc, &m, profile_value);
    if (rc == CF_OK)
        rc = cfi_doc_store_extensions(&L->doc, &m, &L->p->exts, &L->p->ext);
    return rc;
}

/* ---- entry points ------------------------------------------------------- */

static int start(loader *L, cf_framework *fw)
{
    size_t n = fw->element_count;
    L->fw = fw;
    L->target_of = cfi_alloc(L->doc.a, n * sizeof *L->target_of);
    if (!L->target_of)
        return cfi_doc_oom(&L->doc);
    for (size_t i = 0; i < n; i++)
        L->target_of[i] = CFI_NONE;
    return CF_OK;
}

/* Loads from data with opts already resolved. */
static int load(cf_profile **out, cf_framework *fw, const char *data,
                size_t len, const char *source, const cf_load_options *opts,
                cf_error *err)
{
    loader L;
    memset(&L, 0, sizeof L);
    const cf_allocator *a = cfi_allocator_or_default(opts->allocator);
    L.p = cfi_profile_create(fw, a);
    if (!L.p)
        return cfi_fail(err, CF_ENOMEM, source, NULL, "out of memory");
    int rc = cfi_doc_open(&L.doc, data, len, source, opts, &L.p->strings, err);
    if (rc == CF_OK)
        rc = start(&L, fw);
    if (rc == CF_OK)
        rc = cfi_doc_read_single(&L.doc, "profile", parse_profile);
    if (rc != CF_OK)
        rc = cfi_doc_prefer_syntax_error(&L.doc, rc);
    cfi_doc_close(&L.doc);
    cfi_release(a, L.target_of);
    cfi_release(a, L.key_marks);
    if (rc != CF_OK) {
        cf_profile_free(L.p);
        cfi_error_fix_offset(err, data, len);
        return rc;
    }
    if (L.p->exts.items)
        L.p->ext.items = cfi_ext_at(&L.p->exts, L.p->ext.first);
    *out = L.p;
    return CF_OK;
}

int cf_profile_load_buffer(cf_profile **out, cf_framework *fw, const char *data,
                           size_t len, const char *source_name,
                           const cf_load_options *opts, cf_error *err)
{
    const char *source = source_name ? source_name : "<buffer>";
    if (out)
        *out = NULL;
    if (!out || !fw || (!data && len))
        return cfi_fail(err, CF_EARG, source, NULL,
                        "out and the framework must not be NULL, nor data "
                        "when len > 0");
    cf_load_options resolved;
    int rc = cfi_options_resolve(&resolved, opts, err, source);
    if (rc != CF_OK)
        return rc;
    return load(out, fw, data ? data : "", len, source, &resolved, err);
}

int cf_profile_load_file(cf_profile **out, cf_framework *fw, const char *path,
                         const cf_load_options *opts, cf_error *err)
{
    if (out)
        *out = NULL;
    if (!out || !fw || !path)
        return cfi_fail(err, CF_EARG, path ? path : "", NULL,
                        "out, the framework and path must not be NULL");
    cf_load_options resolved;
    int rc = cfi_options_resolve(&resolved, opts, err, path);
    if (rc != CF_OK)
        return rc;
    const cf_allocator *a = cfi_allocator_or_default(resolved.allocator);
    char *data;
    size_t len;
    rc = cfi_read_file(&data, &len, path, resolved.max_input_bytes, a, err);
    if (rc != CF_OK)
        return rc;
    rc = load(out, fw, data, len, path, &resolved, err);
    cfi_release(a, data);
    return rc;
}
