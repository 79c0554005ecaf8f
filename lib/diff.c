/*
 * What changed between two versions of a framework: scales and elements
 * matched by id. Scale changes come first (the new version's scales in
 * order, then the removed ones in the old order), then elements (the new
 * version's in pre-order, then the removed ones in the old pre-order); for
 * one element, the changes in the order of cf_change.
 */
#include "internal.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Shown as the parent of a top-level element. */
#define TOP_LEVEL "(top level)"

typedef struct cfi_diff_item {
    cf_change change;
    const char *id;
    const char *before; /* NULL: did not exist */
    const char *after;
} cfi_diff_item;

struct cf_diff {
    cf_allocator allocator;
    cf_framework *old_fw; /* references */
    cf_framework *new_fw;
    cfi_diff_item *items;
    size_t count, cap;
    cfi_arena strings;
};

const char *cf_change_name(cf_change change)
{
    static const char *const names[] = {"added", "removed",    "retitled",
                                        "moved", "reweighted", "rescaled",
                                        "scale"};
    return (unsigned)change < sizeof names / sizeof names[0] ? names[change]
                                                             : NULL;
}

static const char *keep(cf_diff *d, const char *s)
{
    return s ? cfi_arena_strndup(&d->allocator, &d->strings, s, strlen(s))
             : NULL;
}

static int add(cf_diff *d, cf_change change, const char *id, const char *before,
               const char *after)
{
    cfi_diff_item it = {change, keep(d, id), keep(d, before), keep(d, after)};
    if (!it.id || (before && !it.before) || (after && !it.after))
        return CF_ENOMEM;
    if (cfi_reserve(&d->allocator, (void **)&d->items, &d->cap, d->count + 1,
                    sizeof *d->items) != CF_OK)
        return CF_ENOMEM;
    d->items[d->count++] = it;
    return CF_OK;
}

/* "1 Beginning, 2 Developing, 3 Proficient; proficient 3" */
static int describe_levels(cf_diff *d, const cf_scale *sc, const char **out)
{
    cfi_buf b = {NULL, 0, 0};
    char num[64];
    int rc = CF_OK;
    for (size_t i = 0; i < cf_scale_level_count(sc) && rc == CF_OK; i++) {
        const cf_level *lv = cf_scale_level(sc, i);
        cfi_format_number(num, sizeof num, cf_level_value(lv), 0);
        if (i > 0)
            rc = cfi_buf_add(&d->allocator, &b, ", ", 2);
        if (rc == CF_OK)
            rc = cfi_buf_add(&d->allocator, &b, num, strlen(num));
        if (rc == CF_OK)
            rc = cfi_buf_addc(&d->allocator, &b, ' ');
        if (rc == CF_OK)
            rc = cfi_buf_add(&d->allocator, &b, cf_level_label(lv),
                             strlen(cf_level_label(lv)));
    }
    cfi_format_number(num, sizeof num, cf_level_value(cf_scale_proficient(sc)),
                      0);
    if (rc == CF_OK)
        rc = cfi_buf_add(&d->allocator, &b, "; proficient ", 13);
    if (rc == CF_OK)
        rc = cfi_buf_add(&d->allocator, &b, num, strlen(num));
    if (rc == CF_OK) {
        *out = keep(d, b.data);
        rc = *out ? CF_OK : CF_ENOMEM;
    }
    cfi_buf_free(&d->allocator, &b);
    return rc;
}

static int diff_scales(cf_diff *d)
{
    const cf_framework *o = d->old_fw, *n = d->new_fw;
    int rc = CF_OK;
    for (size_t i = 0; i < n->scale_count && rc == CF_OK; i++) {
        const cf_scale *ns = &n->scales[i];
        const cf_scale *os = cf_framework_find_scale(o, ns->id);
        const char *after = NULL, *before = NULL;
        rc = describe_levels(d, ns, &after);
        if (rc == CF_OK && os)
            rc = describe_levels(d, os, &before);
        if (rc == CF_OK && (!before || strcmp(before, after) != 0))
            rc = add(d, CF_CHANGE_SCALE, ns->id, before, after);
    }
    for (size_t i = 0; i < o->scale_count && rc == CF_OK; i++) {
        const cf_scale *os = &o->scales[i];
        const char *before = NULL;
        if (cf_framework_find_scale(n, os->id))
            continue;
        rc = describe_levels(d, os, &before);
        if (rc == CF_OK)
            rc = add(d, CF_CHANGE_SCALE, os->id, before, NULL);
    }
    return rc;
}

static const char *parent_id(const cf_element *el)
{
    const cf_element *p = cf_element_parent(el);
    return p ? cf_element_id(p) : TOP_LEVEL;
}

/* "weight 2, mean" */
static void describe_weight(char *buf, size_t size, const cf_element *el)
{
    char num[64];
    cfi_format_number(num, sizeof num, cf_element_weight(el), 0);
    snprintf(buf, size, "weight %s, %s", num,
             cf_rollup_name(cf_element_rollup(el)));
}

static int diff_element(cf_diff *d, const cf_element *ne)
{
    const cf_element *oe = cf_framework_find(d->old_fw, ne->id);
    char before[96], after[96];
    int rc;
    if (!oe)
        return add(d, CF_CHANGE_ADDED, ne->id, NULL, ne->title);
    rc = CF_OK;
    if (strcmp(oe->title, ne->title) != 0)
        rc = add(d, CF_CHANGE_RETITLED, ne->id, oe->title, ne->title);
    if (rc == CF_OK && strcmp(parent_id(oe), parent_id(ne)) != 0)
        rc = add(d, CF_CHANGE_MOVED, ne->id, parent_id(oe), parent_id(ne));
    describe_weight(before, sizeof before, oe);
    describe_weight(after, sizeof after, ne);
    if (rc == CF_OK && strcmp(before, after) != 0)
        rc = add(d, CF_CHANGE_REWEIGHTED, ne->id, before, after);
    const char *os = cf_scale_id(cf_element_scale(oe));
    const char *ns = cf_scale_id(cf_element_scale(ne));
    if (rc == CF_OK && strcmp(os, ns) != 0)
        rc = add(d, CF_CHANGE_RESCALED, ne->id, os, ns);
    return rc;
}

int cf_framework_diff(cf_diff **out, const cf_framework *old_fw,
                      const cf_framework *new_fw, cf_error *err)
{
    if (out)
        *out = NULL;
    if (!out || !old_fw || !new_fw)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "out and both frameworks must not be NULL");
    const cf_allocator *a = &old_fw->allocator;
    cf_diff *d = cfi_alloc(a, sizeof *d);
    if (!d)
        return cfi_fail(err, CF_ENOMEM, "", NULL, "out of memory");
    memset(d, 0, sizeof *d);
    d->allocator = *a;
    d->old_fw = cf_framework_ref((cf_framework *)old_fw);
    d->new_fw = cf_framework_ref((cf_framework *)new_fw);
    int rc = diff_scales(d);
    for (size_t i = 0; i < new_fw->element_count && rc == CF_OK; i++)
        rc = diff_element(d, &new_fw->elements[i]);
    for (size_t i = 0; i < old_fw->element_count && rc == CF_OK; i++) {
        const cf_element *oe = &old_fw->elements[i];
        if (!cf_framework_find(new_fw, oe->id))
            rc = add(d, CF_CHANGE_REMOVED, oe->id, oe->title, NULL);
    }
    if (rc != CF_OK) {
        cf_diff_free(d);
        return cfi_fail(err, rc, "", NULL, "out of memory");
    }
    *out = d;
    return CF_OK;
}

void cf_diff_free(cf_diff *d)
{
    if (!d)
        return;
    const cf_allocator a = d->allocator;
    cf_framework_free(d->old_fw);
    cf_framework_free(d->new_fw);
    cfi_release(&a, d->items);
    cfi_arena_free(&a, &d->strings);
    cfi_release(&a, d);
}

size_t cf_diff_count(const cf_diff *d)
{
    return d->count;
}

cf_change cf_diff_change(const cf_diff *d, size_t i)
{
    return i < d->count ? d->items[i].change : (cf_change)-1;
}

const char *cf_diff_id(const cf_diff *d, size_t i)
{
    return i < d->count ? d->items[i].id : NULL;
}

const char *cf_diff_before(const cf_diff *d, size_t i)
{
    return i < d->count ? d->items[i].before : NULL;
}

const char *cf_diff_after(const cf_diff *d, size_t i)
{
    return i < d->count ? d->items[i].after : NULL;
}

/* ---- JSON ---------------------------------------------------------------- */

/* Sets key to s (null for NULL); 0 on failure (no memory, bad UTF-8). */
static int set_text(json_t *obj, const char *key, const char *s)
{
    json_t *v = s ? json_string(s) : json_null();
    return v && json_object_set_new(obj, key, v) == 0;
}

static json_t *version_json(const cf_framework *fw)
{
    json_t *o = json_object();
    if (o && set_text(o, "id", cf_framework_id(fw)) &&
        set_text(o, "title", cf_framework_title(fw)) &&
        set_text(o, "version", cf_framework_version(fw)))
        return o;
    json_decref(o);
    return NULL;
}

int cf_diff_to_json(const cf_diff *d, int flags, char **out, cf_error *err)
{
    if (out)
        *out = NULL;
    if (!d || !out)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "the diff and out must not be NULL");
    if (flags & ~CF_JSON_PRETTY)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "unknown JSON flags 0x%x (known: CF_JSON_PRETTY)",
                        (unsigned)(flags & ~CF_JSON_PRETTY));
    json_t *root = json_object();
    json_t *changes = json_array();
    int ok = root && changes &&
             json_object_set_new(root, "old", version_json(d->old_fw)) == 0 &&
             json_object_set_new(root, "new", version_json(d->new_fw)) == 0 &&
             json_object_set(root, "changes", changes) == 0;
    for (size_t i = 0; i < d->count && ok; i++) {
        const cfi_diff_item *it = &d->items[i];
        json_t *c = json_object();
        ok = c && set_text(c, "change", cf_change_name(it->change)) &&
             set_text(c, "id", it->id) && set_text(c, "before", it->before) &&
             set_text(c, "after", it->after);
        ok = json_array_append_new(changes, c) == 0 && ok;
    }
    char *text = NULL;
    if (ok) {
        size_t f = JSON_PRESERVE_ORDER;
        f |= (flags & CF_JSON_PRETTY) ? JSON_INDENT(2) : JSON_COMPACT;
        text = cfi_json_dumps(root, f);
    }
    json_decref(changes);
    json_decref(root);
    if (!text)
        return cfi_fail(err, CF_ENOMEM, "", NULL, "out of memory");
    *out = text;
    return CF_OK;
}
