/*
 * Carrying an assessment over to another version of its framework.
 *
 * Each rating of the old assessment goes to a target in the new framework:
 * the element with the same id, or, when that element is replaced_by
 * others, the first of them. Ratings that keep their id are placed first,
 * so that a rating of an element wins over one carried to it from a
 * replaced element; among the carried ones, the old pre-order decides.
 * A rating is dropped, with a reason, when its element is gone, when its
 * level is not a level of the target's scale, or when the target is
 * already rated.
 */
#include "internal.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct cfi_moved {
    const char *from;
    const char *to;
} cfi_moved;

typedef struct cfi_dropped {
    const char *id;
    const char *reason;
} cfi_dropped;

struct cf_migration {
    cf_allocator allocator;
    cf_assessment *assessment;
    const cf_assessment *old; /* a reference */
    cfi_moved *moved;
    size_t moved_count, moved_cap;
    cfi_dropped *dropped;
    size_t dropped_count, dropped_cap;
    cfi_arena strings;
};

static const char *keep(cf_migration *m, const char *s)
{
    return cfi_arena_strndup(&m->allocator, &m->strings, s, strlen(s));
}

static int add_moved(cf_migration *m, const char *from, const char *to)
{
    cfi_moved it = {keep(m, from), keep(m, to)};
    if (!it.from || !it.to ||
        cfi_reserve(&m->allocator, (void **)&m->moved, &m->moved_cap,
                    m->moved_count + 1, sizeof *m->moved) != CF_OK)
        return CF_ENOMEM;
    m->moved[m->moved_count++] = it;
    return CF_OK;
}

static int drop(cf_migration *m, const char *id, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static int drop(cf_migration *m, const char *id, const char *fmt, ...)
{
    char reason[CF_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    cfi_dropped it = {keep(m, id), keep(m, reason)};
    if (!it.id || !it.reason ||
        cfi_reserve(&m->allocator, (void **)&m->dropped, &m->dropped_cap,
                    m->dropped_count + 1, sizeof *m->dropped) != CF_OK)
        return CF_ENOMEM;
    m->dropped[m->dropped_count++] = it;
    return CF_OK;
}

/* The element of new_fw that the rating of old element el goes to. */
static const cf_element *target_of(const cf_framework *new_fw,
                                   const cf_element *el)
{
    const cf_element *t = cf_framework_find(new_fw, cf_element_id(el));
    if (t && cf_element_relation_count(t, CF_RELATION_REPLACED_BY) > 0)
        return cf_element_relation(t, CF_RELATION_REPLACED_BY, 0);
    return t;
}

/* Carries the rating of old element i in pass 0 (it keeps its id, or
 * its element is gone) or pass 1 (it moves to another id). */
static int carry(cf_migration *m, size_t i, int pass)
{
    const cf_assessment *a = m->old;
    const cf_framework *old_fw = cf_assessment_framework(a);
    const cf_framework *new_fw = cf_assessment_framework(m->assessment);
    const cf_element *el = cf_framework_element(old_fw, i);
    const char *id = cf_element_id(el);
    double level = cf_assessment_level(a, i);
    char num[64];
    if (isnan(level))
        return CF_OK;
    const cf_element *t = target_of(new_fw, el);
    int moved = t && strcmp(cf_element_id(t), id) != 0;
    if (pass != (t && moved)) /* pass 0: same id or gone; pass 1: moved */
        return CF_OK;
    if (!t)
        return drop(m, id, "no element '%s' in the new version", id);
    cfi_format_number(num, sizeof num, level, 0);
    const cf_scale *sc = cf_element_scale(t);
    if (!cf_scale_find_value(sc, level)) {
        char levels[200];
        cfi_scale_list_levels(sc, levels, sizeof levels);
        return drop(m, id,
                    "level %s is not on scale '%s' of element '%s' (its "
                    "levels: %s)",
                    num, cf_scale_id(sc), cf_element_id(t), levels);
    }
    size_t ti = cf_element_index(t);
    if (!isnan(cf_assessment_level(m->assessment, ti)))
        return drop(m, id, "element '%s', which replaces it, is already rated",
                    cf_element_id(t));
    if (cfi_assessment_store(m->assessment, ti, level,
                             cf_assessment_note(a, i)) != CF_OK)
        return CF_ENOMEM;
    return moved ? add_moved(m, id, cf_element_id(t)) : CF_OK;
}

/* The x- keys of the old assessment, copied into the new one. */
static int copy_extensions(cf_assessment *to, const cf_assessment *from)
{
    const cf_extensions *ext = cf_assessment_extensions(from);
    size_t n = cf_extensions_count(ext);
    if (n == 0)
        return CF_OK;
    cfi_ext_item *items = cfi_alloc(&to->allocator, n * sizeof *items);
    if (!items)
        return CF_ENOMEM;
    to->exts.items = items;
    to->exts.count = to->exts.cap = n;
    for (size_t i = 0; i < n; i++) {
        const char *k = cf_extensions_key(ext, i);
        const char *v = cf_extensions_value(ext, i);
        items[i].key =
            cfi_arena_strndup(&to->allocator, &to->strings, k, strlen(k));
        items[i].value =
            cfi_arena_strndup(&to->allocator, &to->strings, v, strlen(v));
        if (!items[i].key || !items[i].value)
            return CF_ENOMEM;
    }
    to->ext.items = items;
    to->ext.first = 0;
    to->ext.count = n;
    return CF_OK;
}

static int build(cf_migration *m, const cf_assessment *a, cf_framework *new_fw,
                 cf_error *err)
{
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    opts.allocator = &m->allocator;
    int rc = cf_assessment_new(&m->assessment, new_fw, cf_assessment_subject(a),
                               &opts, err);
    if (rc == CF_OK)
        rc =
            cf_assessment_set_rater(m->assessment, cf_assessment_rater(a), err);
    if (rc == CF_OK)
        rc = cf_assessment_set_role(m->assessment, cf_assessment_role(a), err);
    if (rc == CF_OK)
        rc = cf_assessment_set_date(m->assessment, cf_assessment_date(a), err);
    if (rc != CF_OK)
        return rc;
    rc = copy_extensions(m->assessment, a);
    size_t n = cf_framework_element_count(cf_assessment_framework(a));
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n && rc == CF_OK; i++)
            rc = carry(m, i, pass);
    if (rc != CF_OK)
        return cfi_fail(err, rc, "", NULL, "out of memory");
    return CF_OK;
}

int cf_assessment_migrate(cf_migration **out, const cf_assessment *a,
                          cf_framework *new_fw, cf_error *err)
{
    if (out)
        *out = NULL;
    if (!out || !a || !new_fw)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "out, the assessment and the framework must not be "
                        "NULL");
    const cf_allocator *alloc = &a->allocator;
    cf_migration *m = cfi_alloc(alloc, sizeof *m);
    if (!m)
        return cfi_fail(err, CF_ENOMEM, "", NULL, "out of memory");
    memset(m, 0, sizeof *m);
    m->allocator = *alloc;
    m->old = cf_assessment_ref((cf_assessment *)a);
    int rc = build(m, a, new_fw, err);
    if (rc != CF_OK) {
        cf_migration_free(m);
        return rc;
    }
    *out = m;
    return CF_OK;
}

void cf_migration_free(cf_migration *m)
{
    if (!m)
        return;
    const cf_allocator a = m->allocator;
    cf_assessment_free(m->assessment);
    cf_assessment_free((cf_assessment *)m->old);
    cfi_release(&a, m->moved);
    cfi_release(&a, m->dropped);
    cfi_arena_free(&a, &m->strings);
    cfi_release(&a, m);
}

cf_assessment *cf_migration_assessment(const cf_migration *m)
{
    return m->assessment;
}

size_t cf_migration_moved_count(const cf_migration *m)
{
    return m->moved_count;
}

const char *cf_migration_moved_from(const cf_migration *m, size_t i)
{
    return i < m->moved_count ? m->moved[i].from : NULL;
}

const char *cf_migration_moved_to(const cf_migration *m, size_t i)
{
    return i < m->moved_count ? m->moved[i].to : NULL;
}

size_t cf_migration_dropped_count(const cf_migration *m)
{
    return m->dropped_count;
}

const char *cf_migration_dropped_id(const cf_migration *m, size_t i)
{
    return i < m->dropped_count ? m->dropped[i].id : NULL;
}

const char *cf_migration_dropped_reason(const cf_migration *m, size_t i)
{
    return i < m->dropped_count ? m->dropped[i].reason : NULL;
}

/* ---- JSON ---------------------------------------------------------------- */

static int set_text(json_t *obj, const char *key, const char *s)
{
    json_t *v = s ? json_string(s) : json_null();
    return v && json_object_set_new(obj, key, v) == 0;
}

static json_t *pair_object(const char *k1, const char *v1, const char *k2,
                           const char *v2)
{
    json_t *o = json_object();
    if (o && set_text(o, k1, v1) && set_text(o, k2, v2))
        return o;
    json_decref(o);
    return NULL;
}

static json_t *moved_json(const cf_migration *m)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < m->moved_count && arr; i++) {
        if (json_array_append_new(arr, pair_object("from", m->moved[i].from,
                                                   "to", m->moved[i].to))) {
            json_decref(arr);
            arr = NULL;
        }
    }
    return arr;
}

static json_t *dropped_json(const cf_migration *m)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < m->dropped_count && arr; i++) {
        if (json_array_append_new(arr,
                                  pair_object("id", m->dropped[i].id, "reason",
                                              m->dropped[i].reason))) {
            json_decref(arr);
            arr = NULL;
        }
    }
    return arr;
}

int cf_migration_to_json(const cf_migration *m, int flags, char **out,
                         cf_error *err)
{
    if (out)
        *out = NULL;
    if (!m || !out)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "the migration and out must not be NULL");
    if (flags & ~CF_JSON_PRETTY)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "unknown JSON flags 0x%x (known: CF_JSON_PRETTY)",
                        (unsigned)(flags & ~CF_JSON_PRETTY));
    const cf_framework *of = cf_assessment_framework(m->old);
    const cf_framework *nf = cf_assessment_framework(m->assessment);
    json_t *root = json_object();
    int ok =
        root && set_text(root, "subject", cf_assessment_subject(m->old)) &&
        set_text(root, "framework", cf_framework_id(nf)) &&
        set_text(root, "old_version", cf_framework_version(of)) &&
        set_text(root, "new_version", cf_framework_version(nf)) &&
        json_object_set_new(root, "carried",
                            json_integer((json_int_t)cf_assessment_rated_count(
                                m->assessment))) == 0 &&
        json_object_set_new(root, "moved", moved_json(m)) == 0 &&
        json_object_set_new(root, "dropped", dropped_json(m)) == 0;
    char *text = NULL;
    if (ok) {
        size_t f = JSON_PRESERVE_ORDER;
        f |= (flags & CF_JSON_PRETTY) ? JSON_INDENT(2) : JSON_COMPACT;
        text = cfi_json_dumps(root, f);
    }
    json_decref(root);
    if (!text)
        return cfi_fail(err, CF_ENOMEM, "", NULL, "out of memory");
    *out = text;
    return CF_OK;
}
