/*
 * Writes a framework as a 1EdTech CASE 1.0 package (CFPackage JSON) that
 * validates against the CASE 1.0 JSON Schema; docs/interop.md gives the
 * mapping. Identifiers are UUIDv5 (SHA-1, libuuid) of names made from the
 * framework and element ids in a namespace of our own, so the same
 * framework always gives the same text.
 *
 * jansson allocates the tree with its own allocator, as in json.c; the
 * text comes from malloc (cf_string_free).
 */
#include "case.h"
#include "internal.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>

const char *const cfi_case_relation_types[CF_RELATION_COUNT] = {
    "isRelatedTo", "exactMatchOf", "precedes", "replacedBy"};

/* UUIDv5 of the URL "urn:libcompetency:case": the namespace of every
 * identifier we write (9be5dbf5-b08c-534d-9702-c5f9687e6329). */
static const uuid_t case_namespace = {155, 229, 219, 245, 176, 140, 83, 77,
                                      151, 2,   197, 249, 104, 126, 99, 41};

/* One package being written: the first failure sticks. */
typedef struct cw {
    int rc;
    const char *bad_key; /* CF_EINVALID: the field whose text is not UTF-8 */
    const cf_framework *fw;
    const char *time; /* lastChangeDateTime of everything */
    char doc_id[37];
    json_t *doc_link; /* {title, identifier, uri} of the CFDocument */
} cw;

static void cw_fail(cw *w, int rc, const char *key)
{
    if (w->rc == CF_OK) {
        w->rc = rc;
        w->bad_key = key;
    }
}

/* Adds child under key of an object, or at the end of an array (key
 * NULL); takes child's reference. Returns child, or NULL after a failure. */
static json_t *add(cw *w, json_t *parent, const char *key, json_t *child)
{
    if (!parent || !child) {
        json_decref(child);
        cw_fail(w, CF_ENOMEM, NULL);
        return NULL;
    }
    int bad = key ? json_object_set_new(parent, key, child)
                  : json_array_append_new(parent, child);
    if (bad) {
        cw_fail(w, CF_ENOMEM, NULL);
        return NULL;
    }
    return child;
}

static void put_string(cw *w, json_t *obj, const char *key, const char *s)
{
    if (!s || !obj)
        return;
    json_t *v = json_string(s);
    if (!v) {
        cw_fail(w, cfi_utf8_valid(s) ? CF_ENOMEM : CF_EINVALID, key);
        return;
    }
    add(w, obj, key, v);
}

/* A number: an integer when whole (and small enough), else a real. */
static json_t *number(double v)
{
    if (v == floor(v) && fabs(v) <= 9007199254740992.0 &&
        !(v == 0 && signbit(v)))
        return json_integer((json_int_t)v);
    return json_real(v);
}

/* The UUIDv5 of the name made of the parts (joined with '/'). */
static void make_uuid(char out[37], const char *const *parts, size_t count)
{
    size_t len = 0;
    for (size_t i = 0; i < count; i++)
        len += strlen(parts[i]) + 1;
    char small[512];
    char *name = len <= sizeof small ? small : malloc(len);
    uuid_t u;
    if (!name) {
        /* Hash the parts one by one: still deterministic, never used in
         * practice (ids are short). */
        uuid_generate_sha1(u, case_namespace, parts[0], strlen(parts[0]));
        for (size_t i = 1; i < count; i++)
            uuid_generate_sha1(u, u, parts[i], strlen(parts[i]));
    } else {
        size_t at = 0;
        for (size_t i = 0; i < count; i++) {
            if (i > 0)
                name[at++] = '/';
            size_t n = strlen(parts[i]);
            memcpy(name + at, parts[i], n);
            at += n;
        }
        uuid_generate_sha1(u, case_namespace, name, at);
        if (name != small)
            free(name);
    }
    uuid_unparse_lower(u, out);
}

/* uri, identifier and lastChangeDateTime of an entity. */
static void put_identity(cw *w, json_t *obj, const char *id)
{
    char uri[64];
    snprintf(uri, sizeof uri, "urn:uuid:%s", id);
    put_string(w, obj, "identifier", id);
    put_string(w, obj, "uri", uri);
    put_string(w, obj, "lastChangeDateTime", w->time);
}

/* A LinkURI / LinkGenURI object. */
static json_t *link(cw *w, const char *title, const char *id)
{
    json_t *o = json_object();
    char uri[64];
    snprintf(uri, sizeof uri, "urn:uuid:%s", id);
    put_string(w, o, "title", title);
    put_string(w, o, "identifier", id);
    put_string(w, o, "uri", uri);
    if (!o)
        cw_fail(w, CF_ENOMEM, NULL);
    return o;
}

static void element_uuid(cw *w, const cf_element *el, char out[37])
{
    const char *parts[2] = {cf_framework_id(w->fw), cf_element_id(el)};
    make_uuid(out, parts, 2);
}

/* [[key, value], ...] of x- keys, or NULL when there are none. */
static json_t *x_pairs(cw *w, const cf_extensions *ext)
{
    size_t n = cf_extensions_count(ext);
    if (n == 0)
        return NULL;
    json_t *list = json_array();
    for (size_t i = 0; i < n && w->rc == CF_OK; i++) {
        json_t *pair = add(w, list, NULL, json_array());
        if (!pair)
            break;
        json_t *k = json_string(cf_extensions_key(ext, i));
        json_t *v = json_string(cf_extensions_value(ext, i));
        if (!k || !v) {
            cw_fail(w,
                    (k || cfi_utf8_valid(cf_extensions_key(ext, i))) &&
                            (v || cfi_utf8_valid(cf_extensions_value(ext, i)))
                        ? CF_ENOMEM
                        : CF_EINVALID,
                    "x- key");
            json_decref(k);
            json_decref(v);
            break;
        }
        add(w, pair, NULL, k);
        add(w, pair, NULL, v);
    }
    if (!list)
        cw_fail(w, CF_ENOMEM, NULL);
    return list;
}

/* lastChangeDateTime: x-case-lastChangeDateTime, else the version when it
 * is a date (YYYY-MM-DD), else the start of 1970: never the clock, so that
 * the same framework gives the same text. */
static const char *change_time(const cf_framework *fw, char *buf, size_t size)
{
    const char *t = cf_extensions_get(cf_framework_extensions(fw),
                                      "x-case-lastChangeDateTime");
    if (t && *t)
        return t;
    const char *v = cf_framework_version(fw);
    int date = v && strlen(v) == 10;
    for (size_t i = 0; date && i < 10; i++)
        date = (i == 4 || i == 7) ? v[i] == '-' : (v[i] >= '0' && v[i] <= '9');
    if (date) {
        snprintf(buf, size, "%sT00:00:00+00:00", v);
        return buf;
    }
    return "1970-01-01T00:00:00+00:00";
}

/* The CFDocument, with the model's own data under extensions. */
static json_t *document(cw *w)
{
    const cf_framework *fw = w->fw;
    json_t *doc = json_object();
    put_identity(w, doc, w->doc_id);
    const char *publisher = cf_framework_publisher(fw);
    put_string(w, doc, "creator", publisher ? publisher : "");
    put_string(w, doc, "title", cf_framework_title(fw));
    put_string(w, doc, "publisher", publisher);
    put_string(w, doc, "description", cf_framework_description(fw));
    put_string(w, doc, "language", cf_framework_language(fw));
    put_string(w, doc, "version", cf_framework_version(fw));

    json_t *ext = add(w, doc, "extensions", json_object());
    json_t *own = add(w, ext, CFI_CASE_EXT, json_object());
    add(w, own, "format", json_integer(CFI_CASE_EXT_FORMAT));
    put_string(w, own, "id", cf_framework_id(fw));
    size_t nh = cf_framework_hierarchy_count(fw);
    if (nh > 0) {
        json_t *h = add(w, own, "hierarchy", json_array());
        for (size_t i = 0; i < nh && h; i++)
            add(w, h, NULL, json_string(cf_framework_hierarchy_name(fw, i)));
    }
    put_string(w, own, "default_scale",
               cf_scale_id(cf_framework_default_scale(fw)));
    json_t *scales = add(w, own, "scales", json_array());
    for (size_t s = 0; s < cf_framework_scale_count(fw) && scales; s++) {
        const cf_scale *sc = cf_framework_scale(fw, s);
        json_t *o = add(w, scales, NULL, json_object());
        put_string(w, o, "id", cf_scale_id(sc));
        add(w, o, "proficient",
            json_integer((json_int_t)cf_level_index(cf_scale_proficient(sc))));
        json_t *x = x_pairs(w, cf_scale_extensions(sc));
        if (x)
            add(w, o, "x", x);
        json_t *levels = NULL;
        for (size_t l = 0; l < cf_scale_level_count(sc); l++) {
            json_t *lx = x_pairs(w, cf_level_extensions(cf_scale_level(sc, l)));
            if (!lx)
                continue;
            if (!levels)
                levels = add(w, o, "level_x", json_object());
            char key[32];
            snprintf(key, sizeof key, "%zu", l);
            add(w, levels, key, lx);
        }
    }
    json_t *x = x_pairs(w, cf_framework_extensions(fw));
    if (x)
        add(w, own, "x", x);
    if (!doc)
        cw_fail(w, CF_ENOMEM, NULL);
    return doc;
}

/* One CFItem. */
static json_t *item(cw *w, const cf_element *el)
{
    char id[37];
    element_uuid(w, el, id);
    json_t *o = json_object();
    put_identity(w, o, id);
    put_string(w, o, "fullStatement", cf_element_title(el));
    put_string(w, o, "humanCodingScheme", cf_element_id(el));
    put_string(w, o, "CFItemType", cf_element_kind(el));
    put_string(w, o, "notes", cf_element_description(el));
    if (w->doc_link)
        add(w, o, "CFDocumentURI", json_deep_copy(w->doc_link));

    json_t *own = json_object();
    if (!own)
        cw_fail(w, CF_ENOMEM, NULL);
    if (el->kind)
        put_string(w, own, "kind", el->kind);
    if (cf_element_weight(el) != 1)
        add(w, own, "weight", number(cf_element_weight(el)));
    if (cf_element_rollup(el) != CF_ROLLUP_MEAN)
        put_string(w, own, "rollup", cf_rollup_name(cf_element_rollup(el)));
    if (el->own_scale != CFI_NONE)
        put_string(w, own, "scale",
                   cf_scale_id(cf_framework_scale(w->fw, el->own_scale)));
    json_t *x = x_pairs(w, cf_element_extensions(el));
    if (x)
        add(w, own, "x", x);
    if (own && json_object_size(own) > 0) {
        json_t *ext = add(w, o, "extensions", json_object());
        add(w, ext, CFI_CASE_EXT, own);
    } else {
        json_decref(own);
    }
    if (!o)
        cw_fail(w, CF_ENOMEM, NULL);
    return o;
}

/* One CFAssociation from el to target (NULL: the document). */
static void association(cw *w, json_t *list, const cf_element *el,
                        const char *type, const cf_element *target,
                        size_t sequence)
{
    const char *target_id =
        target ? cf_element_id(target) : cf_framework_id(w->fw);
    const char *parts[4] = {cf_framework_id(w->fw), cf_element_id(el), type,
                            target_id};
    char id[37], from[37], to[37];
    make_uuid(id, parts, 4);
    element_uuid(w, el, from);
    json_t *o = add(w, list, NULL, json_object());
    put_identity(w, o, id);
    put_string(w, o, "associationType", type);
    if (sequence > 0)
        add(w, o, "sequenceNumber", json_integer((json_int_t)sequence));
    add(w, o, "originNodeURI", link(w, cf_element_title(el), from));
    if (target) {
        element_uuid(w, target, to);
        add(w, o, "destinationNodeURI", link(w, cf_element_title(target), to));
    } else {
        add(w, o, "destinationNodeURI", json_deep_copy(w->doc_link));
    }
    if (w->doc_link)
        add(w, o, "CFDocumentURI", json_deep_copy(w->doc_link));
}

static json_t *associations(cw *w)
{
    const cf_framework *fw = w->fw;
    json_t *list = json_array();
    size_t n = cf_framework_element_count(fw);
    for (size_t i = 0; i < n && w->rc == CF_OK; i++) {
        const cf_element *el = cf_framework_element(fw, i);
        const cf_element *parent = cf_element_parent(el);
        size_t seq = 0;
        if (parent) {
            for (size_t c = 0; c < cf_element_child_count(parent); c++)
                if (cf_element_child(parent, c) == el)
                    seq = c + 1;
        } else {
            for (size_t r = 0; r < cf_framework_root_count(fw); r++)
                if (cf_framework_root(fw, r) == el)
                    seq = r + 1;
        }
        association(w, list, el, "isChildOf", parent, seq);
    }
    for (size_t i = 0; i < n && w->rc == CF_OK; i++) {
        const cf_element *el = cf_framework_element(fw, i);
        for (int k = 0; k < CF_RELATION_COUNT; k++) {
            size_t count = cf_element_relation_count(el, (cf_relation)k);
            for (size_t r = 0; r < count; r++)
                association(w, list, el, cfi_case_relation_types[k],
                            cf_element_relation(el, (cf_relation)k, r), 0);
        }
    }
    if (!list)
        cw_fail(w, CF_ENOMEM, NULL);
    return list;
}

/* One CFRubric per scale, with one criterion holding its levels. */
static json_t *rubrics(cw *w)
{
    const cf_framework *fw = w->fw;
    const char *fid = cf_framework_id(fw);
    json_t *list = json_array();
    for (size_t s = 0; s < cf_framework_scale_count(fw); s++) {
        const cf_scale *sc = cf_framework_scale(fw, s);
        const char *rparts[3] = {fid, "scale", cf_scale_id(sc)};
        const char *cparts[4] = {fid, "scale", cf_scale_id(sc), "criterion"};
        char rid[37], cid[37];
        make_uuid(rid, rparts, 3);
        make_uuid(cid, cparts, 4);
        json_t *r = add(w, list, NULL, json_object());
        put_identity(w, r, rid);
        put_string(w, r, "title", cf_scale_title(sc));
        put_string(w, r, "description", cf_scale_description(sc));
        json_t *crits = add(w, r, "CFRubricCriteria", json_array());
        json_t *c = add(w, crits, NULL, json_object());
        put_identity(w, c, cid);
        put_string(w, c, "category", cf_scale_title(sc));
        put_string(w, c, "description", cf_scale_description(sc));
        add(w, c, "position", json_integer(1));
        put_string(w, c, "rubricId", rid);
        json_t *levels = add(w, c, "CFRubricCriterionLevels", json_array());
        for (size_t l = 0; l < cf_scale_level_count(sc) && levels; l++) {
            const cf_level *lv = cf_scale_level(sc, l);
            const char *lparts[5] = {fid, "scale", cf_scale_id(sc), "level",
                                     cf_level_label(lv)};
            char lid[37];
            make_uuid(lid, lparts, 5);
            json_t *o = add(w, levels, NULL, json_object());
            put_identity(w, o, lid);
            put_string(w, o, "quality", cf_level_label(lv));
            add(w, o, "score", number(cf_level_value(lv)));
            put_string(w, o, "description", cf_level_description(lv));
            add(w, o, "position", json_integer((json_int_t)(l + 1)));
            put_string(w, o, "rubricCriterionId", cid);
        }
        if (w->rc != CF_OK)
            break;
    }
    if (!list)
        cw_fail(w, CF_ENOMEM, NULL);
    return list;
}

int cf_framework_to_case(const cf_framework *fw, int flags, char **out,
                         cf_error *err)
{
    if (out)
        *out = NULL;
    if (!fw || !out)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "the framework and out must not be NULL");
    if (flags & ~CF_JSON_PRETTY)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "unknown JSON flags 0x%x (known: CF_JSON_PRETTY)",
                        (unsigned)(flags & ~CF_JSON_PRETTY));
    char time_buf[40];
    cw w = {CF_OK, NULL, fw, change_time(fw, time_buf, sizeof time_buf),
            {0},   NULL};
    const char *parts[1] = {cf_framework_id(fw)};
    make_uuid(w.doc_id, parts, 1);
    w.doc_link = link(&w, cf_framework_title(fw), w.doc_id);

    json_t *root = json_object();
    add(&w, root, "CFDocument", document(&w));
    json_t *items = add(&w, root, "CFItems", json_array());
    for (size_t i = 0; i < cf_framework_element_count(fw) && items; i++)
        add(&w, items, NULL, item(&w, cf_framework_element(fw, i)));
    add(&w, root, "CFAssociations", associations(&w));
    add(&w, root, "CFRubrics", rubrics(&w));

    char *text = NULL;
    if (w.rc == CF_OK) {
        size_t dump = JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17);
        dump |= (flags & CF_JSON_PRETTY) ? JSON_INDENT(2) : JSON_COMPACT;
        text = cfi_json_dumps(root, dump);
        if (!text)
            cw_fail(&w, CF_ENOMEM, NULL);
    }
    json_decref(root);
    json_decref(w.doc_link);
    if (w.rc == CF_EINVALID)
        return cfi_fail(err, CF_EINVALID, "", NULL,
                        "cannot write CASE JSON: the %s is not valid UTF-8",
                        w.bad_key ? w.bad_key : "text");
    if (w.rc != CF_OK)
        return cfi_fail(err, w.rc, "", NULL, "out of memory");
    /* A final line feed, as the other writers end their text. */
    size_t len = strlen(text);
    char *grown = realloc(text, len + 2);
    if (!grown) {
        free(text);
        return cfi_fail(err, CF_ENOMEM, "", NULL, "out of memory");
    }
    grown[len] = '\n';
    grown[len + 1] = '\0';
    *out = grown;
    return CF_OK;
}
