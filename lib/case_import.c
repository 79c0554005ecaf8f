/*
 * Reads a 1EdTech CASE 1.0 or 1.1 package (CFPackage JSON) into a
 * framework through the builder of internal.h; docs/interop.md gives the
 * mapping field by field.
 *
 * The JSON is parsed by jansson, whose tree lives in the C library's
 * malloc (as in json.c); everything the framework keeps, and the
 * importer's own tables, come from the caller's allocator.
 */
#include "case.h"
#include "internal.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CI_UNSET (SIZE_MAX - 1) /* an item with no isChildOf yet */
#define CI_DOC CFI_NONE         /* the CFDocument as a parent */

typedef struct ci_item {
    json_t *obj;
    const char *identifier;
    const char *id; /* element id */
    const char *hcs;
    size_t parent; /* CI_UNSET, CI_DOC or an item's index */
    json_int_t seq;
    int has_seq;
    size_t order;   /* its isChildOf's place in CFAssociations */
    json_t *kept;   /* associations kept as x-case-associations */
    size_t scale;   /* from a rubric criterion, or CFI_NONE */
    size_t element; /* its pre-order index once added */
    size_t rels;    /* its first relation (a list through next) */
    int added;
} ci_item;

typedef struct ci_scale {
    const char *id;
    const char *title;
    const char *description;
    json_t *rubric, *criterion;
    json_t **levels; /* lowest score first */
    size_t level_count;
    size_t proficient;
} ci_scale;

typedef struct ci_rel {
    size_t from, to;
    size_t next; /* the origin's next relation, or CFI_NONE */
    cf_relation kind;
} ci_rel;

typedef struct ci {
    cfi_builder *b;
    const cf_allocator *a;
    cf_error *err;
    const char *source;
    json_t *root;
    json_t *pkg;
    json_t *doc;
    json_t *own; /* CFDocument.extensions.libcompetency, or NULL */
    const char *doc_identifier;
    ci_item *items;
    size_t count;
    ci_scale *scales;
    size_t scale_count, scale_cap;
    ci_rel *rels;
    size_t rel_count, rel_cap;
    json_t *unmapped_rubrics;
    size_t *kids; /* items with a parent, sorted by parent then order */
    size_t kid_count;
    cfi_idmap by_identifier;
    cfi_idmap by_id;
    cfi_idmap scale_ids;
    cfi_arena strings;
    size_t level_total;
    char where[96];
} ci;

/* ---- errors -------------------------------------------------------------- */

static int fail(ci *c, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static int fail(ci *c, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = cfi_vfail(c->err, code, c->source, NULL, fmt, ap);
    va_end(ap);
    return rc;
}

static int oom(ci *c)
{
    return fail(c, CF_ENOMEM, "out of memory");
}

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return "an object";
    case JSON_ARRAY:
        return "an array";
    case JSON_STRING:
        return "a string";
    case JSON_INTEGER:
    case JSON_REAL:
        return "a number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "a boolean";
    default:
        return "null";
    }
}

static int wrong_type(ci *c, const char *where, const char *key,
                      const char *expected, const json_t *v)
{
    return fail(c, CF_EINVALID, "%s%s%s must be %s, not %s", where,
                key ? "." : "", key ? key : "", expected, type_name(v));
}

/* obj[key] as a string: *out NULL when absent or null (an error when
 * required). */
static int get_string(ci *c, const json_t *obj, const char *where,
                      const char *key, int required, const char **out)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || json_is_null(v)) {
        if (required)
            return fail(c, CF_EINVALID, "%s has no %s", where, key);
        return CF_OK;
    }
    if (!json_is_string(v))
        return wrong_type(c, where, key, "a string", v);
    *out = json_string_value(v);
    return CF_OK;
}

/* obj[key] as an array (NULL when absent or null). */
static int get_array(ci *c, const json_t *obj, const char *where,
                     const char *key, json_t **out)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return CF_OK;
    if (!json_is_array(v))
        return wrong_type(c, where, key, "an array", v);
    *out = v;
    return CF_OK;
}

/* The identifier of a LinkURI / LinkGenURI (originNodeURI, ...). */
static int get_link(ci *c, const json_t *obj, const char *where,
                    const char *key, int required, const char **out)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || json_is_null(v)) {
        if (required)
            return fail(c, CF_EINVALID, "%s has no %s", where, key);
        return CF_OK;
    }
    if (!json_is_object(v))
        return wrong_type(c, where, key, "an object", v);
    char inner[128];
    snprintf(inner, sizeof inner, "%s.%s", where, key);
    return get_string(c, v, inner, "identifier", 1, out);
}

static const char *nonempty(const char *s)
{
    return s && *s ? s : NULL;
}

/* ---- small helpers --------------------------------------------------------
 */

static int grow(ci *c, void *items, size_t *cap, size_t need, size_t size)
{
    return cfi_reserve(c->a, items, cap, need, size) == CF_OK ? CF_OK : oom(c);
}

static const char *copy(ci *c, const char *s, size_t n)
{
    return cfi_arena_strndup(c->a, &c->strings, s, n);
}

/* A value as extension text: a string as it is, anything else as compact
 * JSON (malloc; free it). */
static char *ext_text(const json_t *v)
{
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        size_t n = strlen(s) + 1;
        char *t = malloc(n);
        if (t)
            memcpy(t, s, n);
        return t;
    }
    return cfi_json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY |
                                 JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
}

static int add_ext(ci *c, cfi_owner owner, size_t index, const char *key,
                   const char *value)
{
    return cfi_builder_add_extension(c->b, owner, index, key, value, c->err);
}

/* x-case-<name> = the text of v. */
static int add_case_ext(ci *c, cfi_owner owner, size_t index, const char *name,
                        const json_t *v)
{
    char key[160];
    if (snprintf(key, sizeof key, "x-case-%s", name) >= (int)sizeof key)
        return fail(c, CF_EINVALID,
                    "the CASE field name '%.40s...' is too long", name);
    char *text = ext_text(v);
    if (!text)
        return oom(c);
    int rc = add_ext(c, owner, index, key, text);
    free(text);
    return rc;
}

/* The [[key, value], ...] list of an extension into the owner's x- keys. */
static int add_pairs(ci *c, const json_t *own, const char *where,
                     cfi_owner owner, size_t index)
{
    json_t *list = json_object_get(own, "x");
    if (!list)
        return CF_OK;
    if (!json_is_array(list))
        return wrong_type(c, where, "x", "an array of [key, value] pairs",
                          list);
    size_t i;
    json_t *pair;
    json_array_foreach(list, i, pair)
    {
        json_t *k = json_array_get(pair, 0), *v = json_array_get(pair, 1);
        if (!json_is_array(pair) || json_array_size(pair) != 2 ||
            !json_is_string(k) || !json_is_string(v))
            return fail(c, CF_EINVALID,
                        "%s.x[%zu] must be a [key, value] pair of strings",
                        where, i);
        int rc = add_ext(c, owner, index, json_string_value(k),
                         json_string_value(v));
        if (rc != CF_OK)
            return rc;
    }
    return CF_OK;
}

/* A slug of text for an id: ASCII letters and digits lowercased, every
 * other run one '-', at most 64 characters; NULL when nothing is left. */
static const char *slug(ci *c, const char *text, int *oom_out)
{
    char buf[65];
    size_t n = 0;
    int dash = 0;
    *oom_out = 0;
    for (const char *p = text ? text : ""; *p && n < 64; p++) {
        char ch = *p;
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch - 'A' + 'a');
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
            if (dash && n > 0 && n < 63)
                buf[n++] = '-';
            dash = 0;
            buf[n++] = ch;
        } else {
            dash = 1;
        }
    }
    if (n == 0)
        return NULL;
    const char *s = copy(c, buf, n);
    if (!s)
        *oom_out = 1;
    return s;
}

/* ---- items ---------------------------------------------------------------
 */

static int read_items(ci *c)
{
    json_t *list;
    int rc = get_array(c, c->pkg, "the package", "CFItems", &list);
    if (rc != CF_OK || !list)
        return rc;
    size_t n = json_array_size(list);
    if (n > 0) {
        c->items = cfi_alloc(c->a, n * sizeof *c->items);
        if (!c->items)
            return oom(c);
    }
    for (size_t i = 0; i < n; i++) {
        json_t *obj = json_array_get(list, i);
        snprintf(c->where, sizeof c->where, "CFItems[%zu]", i);
        if (!json_is_object(obj))
            return wrong_type(c, c->where, NULL, "an object", obj);
        ci_item *it = &c->items[i];
        memset(it, 0, sizeof *it);
        it->obj = obj;
        it->parent = CI_UNSET;
        it->scale = CFI_NONE;
        it->rels = CFI_NONE;
        c->count = i + 1;
        const char *ignored;
        if ((rc = get_string(c, obj, c->where, "identifier", 1,
                             &it->identifier)) != CF_OK ||
            (rc = get_string(c, obj, c->where, "humanCodingScheme", 0,
                             &it->hcs)) != CF_OK ||
            (rc = get_string(c, obj, c->where, "fullStatement", 0, &ignored)) !=
                CF_OK ||
            (rc = get_string(c, obj, c->where, "abbreviatedStatement", 0,
                             &ignored)) != CF_OK ||
            (rc = get_string(c, obj, c->where, "notes", 0, &ignored)) !=
                CF_OK ||
            (rc = get_string(c, obj, c->where, "CFItemType", 0, &ignored)) !=
                CF_OK)
            return rc;
        if (strcmp(it->identifier, c->doc_identifier) == 0)
            return fail(c, CF_EINVALID,
                        "%s has the identifier of the CFDocument, '%s'",
                        c->where, it->identifier);
        size_t existing = CFI_NONE;
        if (cfi_idmap_insert(c->a, &c->by_identifier, it->identifier, i,
                             &existing) != CF_OK)
            return oom(c);
        if (existing != CFI_NONE)
            return fail(c, CF_EINVALID,
                        "%s has identifier '%s', as CFItems[%zu] does",
                        c->where, it->identifier, existing);
    }
    return CF_OK;
}

/* Element ids: humanCodingScheme where it is a valid id not taken yet,
 * else item- and the start of the identifier's hex digits. */
static int assign_ids(ci *c)
{
    size_t existing;
    for (size_t i = 0; i < c->count; i++) {
        ci_item *it = &c->items[i];
        if (!it->hcs || !cfi_is_valid_id(it->hcs, strlen(it->hcs)))
            continue;
        existing = CFI_NONE;
        if (cfi_idmap_insert(c->a, &c->by_id, it->hcs, i, &existing) != CF_OK)
            return oom(c);
        if (existing == CFI_NONE)
            it->id = it->hcs;
    }
    for (size_t i = 0; i < c->count; i++) {
        ci_item *it = &c->items[i];
        if (it->id)
            continue;
        char hex[64];
        size_t h = 0;
        for (const char *p = it->identifier; *p && h < sizeof hex - 1; p++) {
            char ch = *p;
            if (ch >= 'A' && ch <= 'Z')
                ch = (char)(ch - 'A' + 'a');
            if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
                hex[h++] = ch;
        }
        hex[h] = '\0';
        char cand[96];
        const size_t lens[3] = {8, 12, 32};
        for (size_t attempt = 0; !it->id; attempt++) {
            if (attempt < 3 && h > 0)
                snprintf(cand, sizeof cand, "item-%.*s",
                         (int)(lens[attempt] < h ? lens[attempt] : h), hex);
            else if (attempt < 3)
                snprintf(cand, sizeof cand, "item-%zu", i + 1);
            else
                snprintf(cand, sizeof cand, "item-%.*s-%zu",
                         (int)(h < 8 ? h : 8), hex, attempt - 1);
            if (cfi_idmap_find(&c->by_id, cand) != CFI_NONE)
                continue;
            const char *s = copy(c, cand, strlen(cand));
            existing = CFI_NONE;
            if (!s ||
                cfi_idmap_insert(c->a, &c->by_id, s, i, &existing) != CF_OK)
                return oom(c);
            it->id = s;
        }
    }
    return CF_OK;
}

/* ---- associations -------------------------------------------------------- */

static size_t find_item(const ci *c, const char *identifier)
{
    return cfi_idmap_find(&c->by_identifier, identifier);
}

/* Keeps association a on item i as part of its x-case-associations. */
static int keep(ci *c, size_t i, json_t *a)
{
    ci_item *it = &c->items[i];
    if (!it->kept && !(it->kept = json_array()))
        return oom(c);
    return json_array_append(it->kept, a) == 0 ? CF_OK : oom(c);
}

static int relation_kind(const char *type)
{
    for (int k = 0; k < CF_RELATION_COUNT; k++)
        if (strcmp(type, cfi_case_relation_types[k]) == 0)
            return k;
    return -1;
}

static int add_rel(ci *c, size_t from, cf_relation kind, size_t to)
{
    /* The same association twice counts once. */
    size_t *link = &c->items[from].rels;
    for (; *link != CFI_NONE; link = &c->rels[*link].next)
        if (c->rels[*link].to == to && c->rels[*link].kind == kind)
            return CF_OK;
    int rc = grow(c, &c->rels, &c->rel_cap, c->rel_count + 1, sizeof *c->rels);
    if (rc != CF_OK)
        return rc;
    /* grow may have moved c->rels: find the end of the list again. */
    link = &c->items[from].rels;
    while (*link != CFI_NONE)
        link = &c->rels[*link].next;
    c->rels[c->rel_count] = (ci_rel){from, to, CFI_NONE, kind};
    *link = c->rel_count++;
    return CF_OK;
}

/* sequenceNumber: an integer, or (as some servers write it) a string of
 * decimal digits with an optional sign. */
static int get_sequence(ci *c, const json_t *a, int *has, json_int_t *out)
{
    json_t *v = json_object_get(a, "sequenceNumber");
    *has = 0;
    *out = 0;
    if (!v || json_is_null(v))
        return CF_OK;
    if (json_is_integer(v)) {
        *has = 1;
        *out = json_integer_value(v);
        return CF_OK;
    }
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        const char *p = s + (*s == '-' || *s == '+');
        json_int_t n = 0;
        int digits = 0;
        for (; *p >= '0' && *p <= '9' && digits < 18; p++, digits++)
            n = n * 10 + (*p - '0');
        if (digits > 0 && *p == '\0') {
            *has = 1;
            *out = *s == '-' ? -n : n;
            return CF_OK;
        }
        return fail(c, CF_EINVALID,
                    "%s.sequenceNumber must be an integer, not the text '%s'",
                    c->where, s);
    }
    return wrong_type(c, c->where, "sequenceNumber", "an integer", v);
}

static int read_associations(ci *c)
{
    json_t *list;
    int rc = get_array(c, c->pkg, "the package", "CFAssociations", &list);
    if (rc != CF_OK || !list)
        return rc;
    size_t i;
    json_t *a;
    json_array_foreach(list, i, a)
    {
        snprintf(c->where, sizeof c->where, "CFAssociations[%zu]", i);
        if (!json_is_object(a))
            return wrong_type(c, c->where, NULL, "an object", a);
        const char *type, *origin, *dest;
        if ((rc = get_string(c, a, c->where, "associationType", 1, &type)) !=
                CF_OK ||
            (rc = get_link(c, a, c->where, "originNodeURI", 1, &origin)) !=
                CF_OK ||
            (rc = get_link(c, a, c->where, "destinationNodeURI", 1, &dest)) !=
                CF_OK)
            return rc;
        int has_seq;
        json_int_t seq;
        if ((rc = get_sequence(c, a, &has_seq, &seq)) != CF_OK)
            return rc;
        size_t from = find_item(c, origin), to = find_item(c, dest);
        int to_doc = strcmp(dest, c->doc_identifier) == 0;

        if (strcmp(type, "isChildOf") == 0) {
            if (from == CFI_NONE)
                return fail(c, CF_EINVALID,
                            "%s (isChildOf): the origin '%s' is not an item "
                            "of the package",
                            c->where, origin);
            if (to == CFI_NONE && !to_doc)
                return fail(c, CF_EINVALID,
                            "%s (isChildOf): item '%s' is the child of '%s', "
                            "which is neither the CFDocument nor an item of "
                            "the package (a dangling association)",
                            c->where, c->items[from].id, dest);
            if (to == from)
                return fail(c, CF_EINVALID,
                            "%s: item '%s' isChildOf itself (a cycle)",
                            c->where, c->items[from].id);
            ci_item *it = &c->items[from];
            if (it->parent != CI_UNSET) {
                /* A second parent: the model is a tree. */
                if ((rc = keep(c, from, a)) != CF_OK)
                    return rc;
                continue;
            }
            it->parent = to_doc ? CI_DOC : to;
            it->has_seq = has_seq;
            it->seq = seq;
            it->order = i;
            continue;
        }
        int kind = relation_kind(type);
        if (kind >= 0 && from != CFI_NONE && to != CFI_NONE && from != to) {
            if ((rc = add_rel(c, from, (cf_relation)kind, to)) != CF_OK)
                return rc;
        } else if (from != CFI_NONE) {
            if ((rc = keep(c, from, a)) != CF_OK)
                return rc;
        } else if (to != CFI_NONE) {
            if ((rc = keep(c, to, a)) != CF_OK)
                return rc;
        } else {
            return fail(c, CF_EINVALID,
                        "%s (%s): neither its origin '%s' nor its destination "
                        "'%s' is an item of the package (a dangling "
                        "association)",
                        c->where, type, origin, dest);
        }
    }
    return CF_OK;
}

/* ---- the tree ------------------------------------------------------------ */

static size_t parent_key(const ci_item *it)
{
    return it->parent == CI_DOC ? 0 : it->parent + 1;
}

/* The order of the tree: by parent, then by sequenceNumber (those without
 * one after those with), ties in file order. */
static int kid_cmp(const ci *c, size_t ia, size_t ib)
{
    const ci_item *a = &c->items[ia], *b = &c->items[ib];
    size_t ka = parent_key(a), kb = parent_key(b);
    if (ka != kb)
        return ka < kb ? -1 : 1;
    if (a->has_seq != b->has_seq)
        return a->has_seq ? -1 : 1;
    if (a->has_seq && a->seq != b->seq)
        return a->seq < b->seq ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

/* Sorts the children (a bottom-up merge sort: qsort has no context). */
static int sort_kids(ci *c)
{
    for (size_t i = 0; i < c->count; i++)
        if (c->items[i].parent == CI_UNSET)
            return fail(c, CF_EINVALID,
                        "item '%s' (CFItems[%zu]) has no parent: no isChildOf "
                        "association has it as its origin",
                        c->items[i].id, i);
    if (c->count == 0)
        return CF_OK;
    size_t n = c->count;
    c->kids = cfi_alloc(c->a, n * sizeof *c->kids);
    size_t *tmp = cfi_alloc(c->a, n * sizeof *tmp);
    if (!c->kids || !tmp) {
        cfi_release(c->a, tmp);
        return oom(c);
    }
    for (size_t i = 0; i < n; i++)
        c->kids[i] = i;
    c->kid_count = n;
    size_t *src = c->kids, *dst = tmp;
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t l = lo, r = mid, k = lo;
            while (l < mid && r < hi)
                dst[k++] = kid_cmp(c, src[r], src[l]) < 0 ? src[r++] : src[l++];
            while (l < mid)
                dst[k++] = src[l++];
            while (r < hi)
                dst[k++] = src[r++];
        }
        size_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != c->kids)
        memcpy(c->kids, src, n * sizeof *c->kids);
    cfi_release(c->a, tmp);
    return CF_OK;
}

/* ---- rubrics --------------------------------------------------------------
 */

/* Whether a criterion's levels make a scale: each with a finite numeric
 * score and a quality, scores and qualities all different. Sorts them
 * (lowest score first) into s->levels. */
static int criterion_levels(ci *c, json_t *crit, ci_scale *s, int *maps)
{
    json_t *levels;
    *maps = 0;
    int rc = get_array(c, crit, c->where, "CFRubricCriterionLevels", &levels);
    size_t n = levels ? json_array_size(levels) : 0;
    if (rc != CF_OK || n == 0)
        return rc;
    s->levels = cfi_alloc(c->a, n * sizeof *s->levels);
    if (!s->levels)
        return oom(c);
    for (size_t i = 0; i < n; i++) {
        json_t *lv = json_array_get(levels, i);
        if (!json_is_object(lv))
            return wrong_type(c, c->where, "CFRubricCriterionLevels[]",
                              "an object", lv);
        json_t *score = json_object_get(lv, "score");
        json_t *quality = json_object_get(lv, "quality");
        if (!json_is_number(score) || !isfinite(json_number_value(score)) ||
            !json_is_string(quality) || !*json_string_value(quality))
            return CF_OK;
        double v = json_number_value(score);
        size_t j = s->level_count;
        for (size_t k = 0; k < s->level_count; k++) {
            json_t *other = s->levels[k];
            if (json_number_value(json_object_get(other, "score")) == v ||
                strcmp(json_string_value(json_object_get(other, "quality")),
                       json_string_value(quality)) == 0)
                return CF_OK;
        }
        while (j > 0 && json_number_value(
                            json_object_get(s->levels[j - 1], "score")) > v) {
            s->levels[j] = s->levels[j - 1];
            j--;
        }
        s->levels[j] = lv;
        s->level_count++;
    }
    double lo = json_number_value(json_object_get(s->levels[0], "score"));
    double hi = json_number_value(
        json_object_get(s->levels[s->level_count - 1], "score"));
    s->proficient = s->level_count - 1;
    for (size_t k = 0; k < s->level_count; k++)
        if (json_number_value(json_object_get(s->levels[k], "score")) - lo >=
            (hi - lo) / 2) {
            s->proficient = k;
            break;
        }
    *maps = 1;
    return CF_OK;
}

/* A scale id not taken yet, from text (or "scale"). */
static int scale_id(ci *c, const char *text, const char **out)
{
    int nomem;
    const char *base = slug(c, text, &nomem);
    if (nomem)
        return oom(c);
    if (!base)
        base = "scale";
    char cand[96];
    snprintf(cand, sizeof cand, "%s", base);
    for (size_t k = 2; cfi_idmap_find(&c->scale_ids, cand) != CFI_NONE; k++)
        snprintf(cand, sizeof cand, "%s-%zu", base, k);
    const char *s = copy(c, cand, strlen(cand));
    size_t existing = CFI_NONE;
    if (!s || cfi_idmap_insert(c->a, &c->scale_ids, s, c->scale_count,
                               &existing) != CF_OK)
        return oom(c);
    *out = s;
    return CF_OK;
}

static int read_rubrics(ci *c)
{
    json_t *list;
    int rc = get_array(c, c->pkg, "the package", "CFRubrics", &list);
    if (rc != CF_OK || !list)
        return rc;
    size_t r;
    json_t *rubric;
    json_array_foreach(list, r, rubric)
    {
        snprintf(c->where, sizeof c->where, "CFRubrics[%zu]", r);
        if (!json_is_object(rubric))
            return wrong_type(c, c->where, NULL, "an object", rubric);
        const char *rtitle, *rdesc;
        json_t *crits;
        if ((rc = get_string(c, rubric, c->where, "title", 0, &rtitle)) !=
                CF_OK ||
            (rc = get_string(c, rubric, c->where, "description", 0, &rdesc)) !=
                CF_OK ||
            (rc = get_array(c, rubric, c->where, "CFRubricCriteria", &crits)) !=
                CF_OK)
            return rc;
        size_t ncrit = crits ? json_array_size(crits) : 0;
        int all_map = ncrit > 0;
        for (size_t k = 0; k < ncrit; k++) {
            json_t *crit = json_array_get(crits, k);
            snprintf(c->where, sizeof c->where,
                     "CFRubrics[%zu].CFRubricCriteria[%zu]", r, k);
            if (!json_is_object(crit))
                return wrong_type(c, c->where, NULL, "an object", crit);
            const char *cat, *cdesc, *item;
            if ((rc = get_string(c, crit, c->where, "category", 0, &cat)) !=
                    CF_OK ||
                (rc = get_string(c, crit, c->where, "description", 0,
                                 &cdesc)) != CF_OK ||
                (rc = get_link(c, crit, c->where, "CFItemURI", 0, &item)) !=
                    CF_OK)
                return rc;
            if ((rc = grow(c, &c->scales, &c->scale_cap, c->scale_count + 1,
                           sizeof *c->scales)) != CF_OK)
                return rc;
            ci_scale *s = &c->scales[c->scale_count];
            memset(s, 0, sizeof *s);
            int maps;
            rc = criterion_levels(c, crit, s, &maps);
            if (rc != CF_OK || !maps) {
                cfi_release(c->a, s->levels);
                if (rc != CF_OK)
                    return rc;
                all_map = 0;
                continue;
            }
            s->rubric = rubric;
            s->criterion = crit;
            s->title = nonempty(ncrit > 1 && nonempty(cat) ? cat : rtitle);
            if (!s->title)
                s->title = nonempty(cat);
            s->description = nonempty(cdesc) ? cdesc : nonempty(rdesc);
            c->scale_count++;
            rc = scale_id(c, s->title, &s->id);
            if (rc != CF_OK)
                return rc;
            if (!s->title)
                s->title = s->id;
            size_t target = item ? find_item(c, item) : CFI_NONE;
            if (target != CFI_NONE && c->items[target].scale == CFI_NONE)
                c->items[target].scale = c->scale_count - 1;
        }
        if (!all_map) {
            if (!c->unmapped_rubrics && !(c->unmapped_rubrics = json_array()))
                return oom(c);
            if (json_array_append(c->unmapped_rubrics, rubric) != 0)
                return oom(c);
        }
    }
    return CF_OK;
}

/* ---- building -------------------------------------------------------------
 */

static int add_scales(ci *c)
{
    json_t *own_scales = c->own ? json_object_get(c->own, "scales") : NULL;
    if (c->own) {
        if (!json_is_array(own_scales))
            return fail(c, CF_EINVALID,
                        "CFDocument.extensions.%s.scales must be an array",
                        CFI_CASE_EXT);
        if (json_array_size(own_scales) != c->scale_count ||
            c->unmapped_rubrics)
            return fail(c, CF_EINVALID,
                        "CFDocument.extensions.%s lists %zu scales, but the "
                        "package has %zu rubric criteria that map to scales%s",
                        CFI_CASE_EXT, json_array_size(own_scales),
                        c->scale_count,
                        c->unmapped_rubrics ? " and some that do not" : "");
    }
    for (size_t k = 0; k < c->scale_count; k++) {
        ci_scale *s = &c->scales[k];
        json_t *os = own_scales ? json_array_get(own_scales, k) : NULL;
        char where[96];
        snprintf(where, sizeof where, "CFDocument.extensions.%s.scales[%zu]",
                 CFI_CASE_EXT, k);
        const char *id = s->id;
        size_t proficient = s->proficient;
        int rc;
        if (os) {
            json_t *p = json_object_get(os, "proficient");
            if (!json_is_object(os))
                return wrong_type(c, where, NULL, "an object", os);
            if ((rc = get_string(c, os, where, "id", 1, &id)) != CF_OK)
                return rc;
            if (!json_is_integer(p) || json_integer_value(p) < 0 ||
                (size_t)json_integer_value(p) >= s->level_count)
                return fail(c, CF_EINVALID,
                            "%s.proficient must be the index of one of the "
                            "scale's %zu levels",
                            where, s->level_count);
            proficient = (size_t)json_integer_value(p);
        }
        size_t index;
        rc = cfi_builder_add_scale(c->b, id, s->title, s->description, &index,
                                   c->err);
        if (rc != CF_OK)
            return rc;
        json_t *level_x = os ? json_object_get(os, "level_x") : NULL;
        for (size_t l = 0; l < s->level_count; l++) {
            json_t *lv = s->levels[l];
            const char *desc;
            snprintf(c->where, sizeof c->where, "the level '%s' of rubric %s",
                     json_string_value(json_object_get(lv, "quality")), id);
            if ((rc = get_string(c, lv, c->where, "description", 0, &desc)) !=
                CF_OK)
                return rc;
            rc = cfi_builder_add_level(
                c->b, json_number_value(json_object_get(lv, "score")),
                json_string_value(json_object_get(lv, "quality")),
                nonempty(desc), c->err);
            if (rc != CF_OK)
                return rc;
            size_t li = c->level_total++;
            if (os) {
                char key[32];
                snprintf(key, sizeof key, "%zu", l);
                json_t *lx = json_object_get(level_x, key);
                if (lx) {
                    json_t *wrap = json_pack("{sO}", "x", lx);
                    if (!wrap)
                        return oom(c);
                    rc = add_pairs(c, wrap, where, CFI_OWNER_LEVEL, li);
                    json_decref(wrap);
                }
            } else {
                json_t *fb = json_object_get(lv, "feedback");
                if (json_is_string(fb) && *json_string_value(fb))
                    rc = add_case_ext(c, CFI_OWNER_LEVEL, li, "feedback", fb);
            }
            if (rc != CF_OK)
                return rc;
        }
        rc = cfi_builder_set_proficient(c->b, index, proficient, c->err);
        if (rc == CF_OK && os)
            rc = add_pairs(c, os, where, CFI_OWNER_SCALE, index);
        if (rc == CF_OK && !os) {
            json_t *rid = json_object_get(s->rubric, "identifier");
            json_t *cid = json_object_get(s->criterion, "identifier");
            if (rid)
                rc = add_case_ext(c, CFI_OWNER_SCALE, index, "rubric", rid);
            if (rc == CF_OK && cid)
                rc = add_case_ext(c, CFI_OWNER_SCALE, index, "criterion", cid);
        }
        if (rc != CF_OK)
            return rc;
    }
    if (c->scale_count == 0) {
        /* No rubric maps: a two-level scale, said to be ours. */
        size_t index;
        int rc = cfi_builder_add_scale(c->b, "achievement", "Achievement", NULL,
                                       &index, c->err);
        if (rc == CF_OK)
            rc = cfi_builder_add_level(c->b, 0, "Not yet", NULL, c->err);
        if (rc == CF_OK)
            rc = cfi_builder_add_level(c->b, 1, "Achieved", NULL, c->err);
        if (rc == CF_OK)
            rc = cfi_builder_set_proficient(c->b, index, 1, c->err);
        if (rc == CF_OK)
            rc = add_ext(c, CFI_OWNER_SCALE, index, "x-generated",
                         "case-import");
        c->level_total += 2;
        return rc;
    }
    const char *def = NULL;
    if (c->own) {
        int rc = get_string(c, c->own, "CFDocument.extensions." CFI_CASE_EXT,
                            "default_scale", 0, &def);
        if (rc != CF_OK)
            return rc;
    }
    size_t d = 0;
    if (def) {
        for (d = 0; d < c->scale_count; d++) {
            json_t *os = json_array_get(own_scales, d);
            if (strcmp(json_string_value(json_object_get(os, "id")), def) == 0)
                break;
        }
        if (d == c->scale_count)
            return fail(c, CF_EINVALID,
                        "CFDocument.extensions.%s.default_scale '%s' is none "
                        "of its scales",
                        CFI_CASE_EXT, def);
    }
    return cfi_builder_set_default_scale(c->b, d, c->err);
}

/* The framework's metadata and x- keys. */
static int add_meta(ci *c)
{
    const char *title, *publisher, *creator, *language, *version, *desc;
    const char *w = "CFDocument";
    int rc;
    if ((rc = get_string(c, c->doc, w, "title", 1, &title)) != CF_OK ||
        (rc = get_string(c, c->doc, w, "publisher", 0, &publisher)) != CF_OK ||
        (rc = get_string(c, c->doc, w, "creator", 0, &creator)) != CF_OK ||
        (rc = get_string(c, c->doc, w, "language", 0, &language)) != CF_OK ||
        (rc = get_string(c, c->doc, w, "version", 0, &version)) != CF_OK ||
        (rc = get_string(c, c->doc, w, "description", 0, &desc)) != CF_OK)
        return rc;
    const char *id = NULL;
    if (c->own) {
        if ((rc = get_string(c, c->own, "CFDocument.extensions." CFI_CASE_EXT,
                             "id", 1, &id)) != CF_OK)
            return rc;
    } else {
        int nomem;
        id = slug(c, title, &nomem);
        if (nomem)
            return oom(c);
        if (!id) {
            char buf[96];
            snprintf(buf, sizeof buf, "case-%s", c->doc_identifier);
            id = cfi_is_valid_id(buf, strlen(buf)) ? copy(c, buf, strlen(buf))
                                                   : "case-framework";
            if (!id)
                return oom(c);
        }
    }
    const char *pub = nonempty(publisher) ? publisher : nonempty(creator);
    if ((rc = cfi_builder_set_meta(c->b, CFI_META_ID, id, c->err)) != CF_OK ||
        (rc = cfi_builder_set_meta(c->b, CFI_META_TITLE, *title ? title : id,
                                   c->err)) != CF_OK ||
        (rc = cfi_builder_set_meta(c->b, CFI_META_PUBLISHER, pub, c->err)) !=
            CF_OK ||
        (rc = cfi_builder_set_meta(c->b, CFI_META_LANGUAGE, nonempty(language),
                                   c->err)) != CF_OK ||
        (rc = cfi_builder_set_meta(c->b, CFI_META_VERSION, nonempty(version),
                                   c->err)) != CF_OK ||
        (rc = cfi_builder_set_meta(c->b, CFI_META_DESCRIPTION, nonempty(desc),
                                   c->err)) != CF_OK)
        return rc;
    if (c->own) {
        json_t *h = json_object_get(c->own, "hierarchy");
        size_t i;
        json_t *name;
        if (h && !json_is_array(h))
            return wrong_type(c, "CFDocument.extensions." CFI_CASE_EXT,
                              "hierarchy", "an array", h);
        json_array_foreach(h, i, name)
        {
            if (!json_is_string(name))
                return wrong_type(c, "CFDocument.extensions." CFI_CASE_EXT,
                                  "hierarchy[]", "a string", name);
            rc = cfi_builder_add_hierarchy(c->b, json_string_value(name),
                                           c->err);
            if (rc != CF_OK)
                return rc;
        }
    }
    return CF_OK;
}

/* Whether CFDefinitions holds nothing (absent, [], or empty lists). */
static int definitions_empty(const json_t *defs)
{
    if (!defs || json_is_null(defs))
        return 1;
    if (json_is_array(defs))
        return json_array_size(defs) == 0;
    if (!json_is_object(defs))
        return 0;
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)defs, key, v)
    {
        if (!json_is_array(v) || json_array_size(v) > 0)
            return 0;
    }
    return 1;
}

static int add_framework_ext(ci *c)
{
    if (c->own)
        return add_pairs(c, c->own, "CFDocument.extensions." CFI_CASE_EXT,
                         CFI_OWNER_FRAMEWORK, 0);
    const char *publisher =
        nonempty(json_string_value(json_object_get(c->doc, "publisher")));
    const char *key;
    json_t *v;
    int rc = CF_OK;
    json_object_foreach(c->doc, key, v)
    {
        if (strcmp(key, "title") == 0 || strcmp(key, "publisher") == 0 ||
            strcmp(key, "language") == 0 || strcmp(key, "version") == 0 ||
            strcmp(key, "description") == 0 || json_is_null(v) ||
            (strcmp(key, "creator") == 0 && !publisher))
            continue;
        if ((rc = add_case_ext(c, CFI_OWNER_FRAMEWORK, 0, key, v)) != CF_OK)
            return rc;
    }
    json_t *defs = json_object_get(c->pkg, "CFDefinitions");
    if (!definitions_empty(defs))
        rc = add_case_ext(c, CFI_OWNER_FRAMEWORK, 0, "CFDefinitions", defs);
    if (rc == CF_OK && c->unmapped_rubrics)
        rc = add_case_ext(c, CFI_OWNER_FRAMEWORK, 0, "rubrics",
                          c->unmapped_rubrics);
    return rc;
}

/* The item's own extension (CFItem.extensions.libcompetency), or NULL. */
static json_t *item_own(const ci *c, const ci_item *it)
{
    if (!c->own)
        return NULL;
    json_t *ext = json_object_get(it->obj, "extensions");
    json_t *own =
        json_is_object(ext) ? json_object_get(ext, CFI_CASE_EXT) : NULL;
    return json_is_object(own) ? own : NULL;
}

/* An element's fields and x- keys. */
static int set_element(ci *c, size_t i)
{
    ci_item *it = &c->items[i];
    json_t *own = item_own(c, it);
    const char *notes = json_string_value(json_object_get(it->obj, "notes"));
    const char *type =
        json_string_value(json_object_get(it->obj, "CFItemType"));
    const char *kind = nonempty(type);
    double weight = 1;
    cf_rollup rollup = CF_ROLLUP_MEAN;
    size_t scale = it->scale;
    int rc;
    snprintf(c->where, sizeof c->where, "CFItems[%zu].extensions." CFI_CASE_EXT,
             i);
    if (c->own) {
        kind = NULL;
        if (own) {
            json_t *w = json_object_get(own, "weight");
            const char *r = NULL, *s = NULL;
            if ((rc = get_string(c, own, c->where, "kind", 0, &kind)) !=
                    CF_OK ||
                (rc = get_string(c, own, c->where, "rollup", 0, &r)) != CF_OK ||
                (rc = get_string(c, own, c->where, "scale", 0, &s)) != CF_OK)
                return rc;
            if (w && !json_is_number(w))
                return wrong_type(c, c->where, "weight", "a number", w);
            if (w)
                weight = json_number_value(w);
            if (r) {
                int k;
                for (k = 0; k < 3 && strcmp(cf_rollup_name((cf_rollup)k), r);
                     k++)
                    ;
                if (k == 3)
                    return fail(c, CF_EINVALID,
                                "%s.rollup is '%s', not mean, min or max",
                                c->where, r);
                rollup = (cf_rollup)k;
            }
            if (s) {
                json_t *os = json_object_get(c->own, "scales");
                for (scale = 0; scale < json_array_size(os); scale++)
                    if (strcmp(json_string_value(json_object_get(
                                   json_array_get(os, scale), "id")),
                               s) == 0)
                        break;
                if (scale == json_array_size(os))
                    return fail(c, CF_EINVALID, "%s.scale '%s' is no scale",
                                c->where, s);
            }
        }
    }
    rc = cfi_builder_set_element(c->b, it->element, nonempty(notes), kind,
                                 weight, rollup, scale, c->err);
    if (rc != CF_OK || c->own)
        return rc != CF_OK || !own ? rc
                                   : add_pairs(c, own, c->where,
                                               CFI_OWNER_ELEMENT, it->element);
    const char *key;
    json_t *v;
    const char *full =
        nonempty(json_string_value(json_object_get(it->obj, "fullStatement")));
    json_object_foreach(it->obj, key, v)
    {
        if ((strcmp(key, "fullStatement") == 0 && full) ||
            (strcmp(key, "humanCodingScheme") == 0 && it->id == it->hcs) ||
            (strcmp(key, "notes") == 0 && nonempty(notes)) ||
            (strcmp(key, "CFItemType") == 0 && kind) || json_is_null(v))
            continue;
        if ((rc = add_case_ext(c, CFI_OWNER_ELEMENT, it->element, key, v)) !=
            CF_OK)
            return rc;
    }
    if (it->kept)
        rc = add_case_ext(c, CFI_OWNER_ELEMENT, it->element, "associations",
                          it->kept);
    return rc;
}

/* The item's title: fullStatement, else abbreviatedStatement, else
 * humanCodingScheme, else its id. */
static const char *item_title(const ci_item *it)
{
    const char *t =
        nonempty(json_string_value(json_object_get(it->obj, "fullStatement")));
    if (!t)
        t = nonempty(json_string_value(
            json_object_get(it->obj, "abbreviatedStatement")));
    if (!t)
        t = nonempty(it->hcs);
    return t ? t : it->id;
}

/* Adds one item and its subtree in pre-order, without recursion. */
static int add_elements(ci *c)
{
    if (c->count == 0)
        return CF_OK;
    /* first[p]: where parent key p's children start in kids. */
    size_t *first = cfi_alloc(c->a, (c->count + 2) * sizeof *first);
    size_t *stack = cfi_alloc(c->a, (c->count + 1) * sizeof *stack);
    size_t *next = cfi_alloc(c->a, (c->count + 1) * sizeof *next);
    int rc = CF_OK;
    if (!first || !stack || !next) {
        rc = oom(c);
        goto done;
    }
    for (size_t p = 0, k = 0; p <= c->count + 1; p++) {
        while (k < c->kid_count && parent_key(&c->items[c->kids[k]]) < p)
            k++;
        first[p] = k;
    }
    size_t depth = 0;
    stack[0] = 0; /* parent key 0: the document */
    next[0] = first[0];
    while (rc == CF_OK) {
        size_t p = stack[depth];
        if (next[depth] >= first[p + 1]) {
            if (depth == 0)
                break;
            depth--;
            continue;
        }
        size_t i = c->kids[next[depth]++];
        ci_item *it = &c->items[i];
        size_t parent = p == 0 ? CFI_NONE : c->items[p - 1].element;
        rc = cfi_builder_add_element(c->b, parent, it->id, item_title(it),
                                     &it->element, c->err);
        if (rc == CF_OK) {
            it->added = 1;
            rc = set_element(c, i);
        }
        depth++;
        stack[depth] = i + 1;
        next[depth] = first[i + 1];
    }
    for (size_t i = 0; rc == CF_OK && i < c->count; i++) {
        if (c->items[i].added)
            continue;
        /* Not reached from the document: its parents go round in a
         * circle. Name the circle from the first item on it. */
        size_t at = i;
        for (size_t k = 0; k < c->count; k++)
            at = c->items[at].parent;
        char path[200];
        size_t len = 0;
        size_t step = at;
        do {
            int n = snprintf(path + len, sizeof path - len, "%s'%s'",
                             len ? " -> " : "", c->items[step].id);
            if (n < 0 || (size_t)n >= sizeof path - len) {
                len = sizeof path - 1;
                break;
            }
            len += (size_t)n;
            step = c->items[step].parent;
        } while (step != at);
        rc = fail(c, CF_EINVALID,
                  "the isChildOf associations make a cycle: %s -> '%s' (each "
                  "item the child of the next)",
                  path, c->items[at].id);
    }
done:
    cfi_release(c->a, first);
    cfi_release(c->a, stack);
    cfi_release(c->a, next);
    return rc;
}

static int add_relations(ci *c)
{
    for (size_t r = 0; r < c->rel_count; r++) {
        int rc = cfi_builder_add_relation(
            c->b, c->items[c->rels[r].from].element, c->rels[r].kind,
            c->items[c->rels[r].to].element, c->err);
        if (rc != CF_OK)
            return rc;
    }
    return CF_OK;
}

/* ---- the whole package ----------------------------------------------------
 */

static int read_package(ci *c, const char *data, size_t len,
                        const cf_load_options *opts)
{
    if (len > opts->max_input_bytes)
        return fail(
            c, CF_ELIMIT,
            "the input is larger than the limit of %zu bytes "
            "(max_input_bytes; a program can raise it in cf_load_options)",
            opts->max_input_bytes);
    json_error_t jerr;
    c->root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!c->root) {
        cfi_mark mark = {jerr.line > 0 ? (size_t)jerr.line : 0,
                         jerr.column > 0 ? (size_t)jerr.column : 0,
                         jerr.position > 0 ? (size_t)jerr.position : 0};
        if (mark.line == 0)
            mark.column = 0;
        return cfi_fail(c->err, CF_ESYNTAX, c->source, mark.line ? &mark : NULL,
                        "not valid JSON: %s", jerr.text);
    }
    if (!json_is_object(c->root))
        return fail(c, CF_EINVALID,
                    "a CASE package is a JSON object (a CFPackage), not %s",
                    type_name(c->root));
    c->pkg = c->root;
    json_t *wrapped = json_object_get(c->root, "CFPackage");
    if (wrapped) {
        if (!json_is_object(wrapped))
            return wrong_type(c, "the package", "CFPackage", "an object",
                              wrapped);
        c->pkg = wrapped;
    }
    c->doc = json_object_get(c->pkg, "CFDocument");
    if (!c->doc)
        return fail(c, CF_EINVALID,
                    "the package has no CFDocument: not a CASE CFPackage "
                    "(CASE 1.0: CFDocument at the root; 1.1: {\"CFPackage\": "
                    "{\"CFDocument\": ...}})");
    if (!json_is_object(c->doc))
        return wrong_type(c, "the package", "CFDocument", "an object", c->doc);
    int rc = get_string(c, c->doc, "CFDocument", "identifier", 1,
                        &c->doc_identifier);
    if (rc != CF_OK)
        return rc;
    json_t *ext = json_object_get(c->doc, "extensions");
    json_t *own =
        json_is_object(ext) ? json_object_get(ext, CFI_CASE_EXT) : NULL;
    if (own) {
        json_t *format = json_object_get(own, "format");
        if (!json_is_object(own) || !json_is_integer(format) ||
            json_integer_value(format) != CFI_CASE_EXT_FORMAT)
            return fail(c, CF_EINVALID,
                        "CFDocument.extensions.%s is not an object with "
                        "\"format\": %d (written by another version?)",
                        CFI_CASE_EXT, CFI_CASE_EXT_FORMAT);
        c->own = own;
    }
    if ((rc = read_items(c)) != CF_OK || (rc = assign_ids(c)) != CF_OK ||
        (rc = read_associations(c)) != CF_OK ||
        (rc = read_rubrics(c)) != CF_OK || (rc = sort_kids(c)) != CF_OK)
        return rc;
    if (c->count == 0)
        return fail(c, CF_EINVALID,
                    "the package has no CFItems: a framework needs at least "
                    "one element");
    c->b = cfi_builder_new(opts, c->source);
    if (!c->b)
        return oom(c);
    if ((rc = add_meta(c)) != CF_OK || (rc = add_scales(c)) != CF_OK ||
        (rc = add_framework_ext(c)) != CF_OK ||
        (rc = add_elements(c)) != CF_OK || (rc = add_relations(c)) != CF_OK)
        return rc;
    return CF_OK;
}

static int load(cf_framework **out, const char *data, size_t len,
                const char *source, const cf_load_options *opts, cf_error *err)
{
    ci c;
    memset(&c, 0, sizeof c);
    c.a = cfi_allocator_or_default(opts->allocator);
    c.err = err;
    c.source = source;
    int rc = read_package(&c, data, len, opts);
    if (rc == CF_OK) {
        rc = cfi_builder_finish(c.b, out, err);
        c.b = NULL;
    }
    cfi_builder_free(c.b);
    for (size_t i = 0; i < c.count; i++)
        json_decref(c.items[i].kept);
    for (size_t s = 0; s < c.scale_count; s++)
        cfi_release(c.a, c.scales[s].levels);
    cfi_release(c.a, c.items);
    cfi_release(c.a, c.scales);
    cfi_release(c.a, c.rels);
    cfi_release(c.a, c.kids);
    cfi_idmap_free(c.a, &c.by_identifier);
    cfi_idmap_free(c.a, &c.by_id);
    cfi_idmap_free(c.a, &c.scale_ids);
    cfi_arena_free(c.a, &c.strings);
    json_decref(c.unmapped_rubrics);
    json_decref(c.root);
    if (rc != CF_OK)
        *out = NULL;
    return rc;
}

int cf_framework_load_case_buffer(cf_framework **out, const char *data,
                                  size_t len, const char *source_name,
                                  const cf_load_options *opts, cf_error *err)
{
    const char *source = source_name ? source_name : "<buffer>";
    if (out)
        *out = NULL;
    if (!out || (!data && len))
        return cfi_fail(err, CF_EARG, source, NULL,
                        "out must not be NULL, nor data when len > 0");
    cf_load_options resolved;
    int rc = cfi_options_resolve(&resolved, opts, err, source);
    if (rc != CF_OK)
        return rc;
    return load(out, data ? data : "", len, source, &resolved, err);
}

int cf_framework_load_case_file(cf_framework **out, const char *path,
                                const cf_load_options *opts, cf_error *err)
{
    if (out)
        *out = NULL;
    if (!out || !path)
        return cfi_fail(err, CF_EARG, path ? path : "", NULL,
                        "out and path must not be NULL");
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
    rc = load(out, data, len, path, &resolved, err);
    cfi_release(a, data);
    return rc;
}
