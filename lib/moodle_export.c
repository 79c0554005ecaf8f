/*
 * Frameworks to Moodle's competency framework CSV: the header row, the
 * framework row, then one row per element in pre-order, in the positional
 * columns of moodle.h. Reading the text back with
 * cf_framework_load_moodle_buffer gives the same model for what Moodle can
 * represent; docs/interop.md lists what it cannot.
 */
#include "internal.h"
#include "moodle.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALL_COLUMNS (CFI_MOODLE_COLUMNS + 1)

static const char *const titles[ALL_COLUMNS] = {
    "Parent id number",
    "Id number",
    "Shortname",
    "Description",
    "Description format",
    "Scale values",
    "Scale configuration",
    "Rule type (optional)",
    "Rule outcome (optional)",
    "Rule config (optional)",
    "Cross referenced competency id numbers",
    "Exported id (optional)",
    "Is framework",
    "Taxonomy",
    CFI_MOODLE_CARRIER_TITLE};

typedef struct writer {
    const cf_allocator *a;
    cfi_buf out;
    cfi_buf cell; /* a field being composed */
    const char *f[ALL_COLUMNS];
    char *carrier; /* the libcompetency field of the row (json_dumps) */
    int rc;
    cf_error *err;
} writer;

static void add(writer *w, cfi_buf *b, const char *s, size_t n)
{
    if (w->rc == CF_OK && cfi_buf_add(w->a, b, s, n) != CF_OK)
        w->rc = cfi_fail(w->err, CF_ENOMEM, "", NULL, "out of memory");
}

static void adds(writer *w, cfi_buf *b, const char *s)
{
    add(w, b, s, strlen(s));
}

/* One field, quoted when it holds a comma, a quote, a line break or
 * surrounding spaces (RFC 4180: quotes doubled). */
static void put_field(writer *w, const char *s)
{
    size_t n = strlen(s);
    int quote = n > 0 && (strpbrk(s, ",\"\r\n") != NULL || s[0] == ' ' ||
                          s[n - 1] == ' ');
    if (!quote) {
        add(w, &w->out, s, n);
        return;
    }
    add(w, &w->out, "\"", 1);
    for (const char *p = s; *p; p++) {
        const char *q = strchr(p, '"');
        if (!q) {
            adds(w, &w->out, p);
            break;
        }
        add(w, &w->out, p, (size_t)(q - p) + 1);
        add(w, &w->out, "\"", 1);
        p = q;
    }
    add(w, &w->out, "\"", 1);
}

static void put_row(writer *w)
{
    for (size_t c = 0; c < ALL_COLUMNS; c++) {
        if (c > 0)
            add(w, &w->out, ",", 1);
        put_field(w, w->f[c] ? w->f[c] : "");
    }
    add(w, &w->out, "\n", 1);
    memset(w->f, 0, sizeof w->f);
    free(w->carrier);
    w->carrier = NULL;
}

static int refuse(writer *w, const char *what, const char *text)
{
    if (w->rc == CF_OK)
        w->rc = cfi_fail(w->err, CF_EINVALID, "", NULL,
                         "%s '%s' holds a comma, which Moodle's competency "
                         "framework CSV cannot represent there",
                         what, text);
    return w->rc;
}

/*
 * The scale's values and configuration into w->out-independent text:
 * values joined by commas, then a NUL, then the configuration JSON (every
 * level from the proficient one up marked proficient, as Moodle counts
 * each item it marks).
 */
static size_t scale_text(writer *w, const cf_scale *s)
{
    w->cell.len = 0;
    for (size_t i = 0; i < s->level_count; i++) {
        const char *label = s->levels[i].label;
        if (strchr(label, ','))
            refuse(w, "scale level label", label);
        if (i > 0)
            add(w, &w->cell, ",", 1);
        adds(w, &w->cell, label);
    }
    add(w, &w->cell, "", 1); /* the NUL between the two */
    size_t config = w->cell.len;
    size_t dflt = 0;
    const char *x = cf_extensions_get(&s->ext, CFI_MOODLE_X_SCALE_DEFAULT);
    if (x) {
        unsigned long item = strtoul(x, NULL, 10);
        if (item >= 1 && item <= s->level_count)
            dflt = (size_t)item - 1;
    }
    adds(w, &w->cell, "[{\"scaleid\":\"0\"}");
    for (size_t i = 0; i < s->level_count; i++) {
        int proficient = i >= s->proficient;
        if (!proficient && i != dflt)
            continue;
        char item[96];
        snprintf(item, sizeof item,
                 ",{\"id\":%zu,\"scaledefault\":%d,\"proficient\":%d}", i + 1,
                 i == dflt, proficient);
        adds(w, &w->cell, item);
    }
    add(w, &w->cell, "]", 1);
    return config;
}

/* The text of a joined list (hierarchy names, cross references). */
static const char *joined(writer *w, cfi_buf *b)
{
    add(w, b, "", 0);
    return w->rc == CF_OK && b->data ? b->data : "";
}

/* ---- the libcompetency column ------------------------------------------ */

static void no_memory(writer *w)
{
    if (w->rc == CF_OK)
        w->rc = cfi_fail(w->err, CF_ENOMEM, "", NULL, "out of memory");
}

/* Sets key of obj (a NULL value sets nothing). */
static void put(writer *w, json_t *obj, const char *key, json_t *value)
{
    if (!value || json_object_set_new(obj, key, value) != 0)
        no_memory(w);
}

static void put_text(writer *w, json_t *obj, const char *key, const char *s)
{
    if (s)
        put(w, obj, key, json_string(s));
}

/* A number: whole ones as integers, so 1 stays 1. */
static json_t *number(double v)
{
    if (v == floor(v) && fabs(v) <= 9007199254740992.0)
        return json_integer((json_int_t)v);
    return json_real(v);
}

/*
 * x- keys as [[key, value], ...], in order; NULL when there are none.
 * row: 0 for a scale or level; 1 for the framework row and 2 for a
 * competency row, whose keys that Moodle's columns hold (the row's fields
 * are in w->f) are written [key] (moodle.h).
 */
static json_t *x_list(writer *w, const cf_extensions *ext, int row)
{
    size_t n = cf_extensions_count(ext);
    if (n == 0)
        return NULL;
    json_t *list = json_array();
    if (!list) {
        no_memory(w);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        const char *key = cf_extensions_key(ext, i);
        const char *value = cf_extensions_value(ext, i);
        int column = row ? cfi_moodle_x_column(key, row == 1) : -1;
        json_t *pair = column >= 0 && *value && w->f[column] &&
                               strcmp(w->f[column], value) == 0
                           ? json_pack("[s]", key)
                           : json_pack("[ss]", key, value);
        if (!pair || json_array_append_new(list, pair) != 0)
            no_memory(w);
    }
    return list;
}

static void put_x(writer *w, json_t *obj, const cf_extensions *ext, int row)
{
    json_t *list = x_list(w, ext, row);
    if (list)
        put(w, obj, "x", list);
}

/* Whether the importer gives a row exactly the x- keys ext holds from
 * Moodle's columns alone (row: 1 framework, 2 competency). */
static int moodle_x_suffice(const writer *w, const cf_extensions *ext, int row)
{
    size_t n = cf_extensions_count(ext), k = 0;
    for (int i = 0; i < CFI_MOODLE_X_COUNT; i++) {
        int c = cfi_moodle_x_at(i);
        if (!cfi_moodle_x_given(w->f, c, row == 1))
            continue;
        if (k == n || strcmp(cf_extensions_key(ext, k), cfi_moodle_x_key(c)) ||
            strcmp(cf_extensions_value(ext, k), w->f[c]))
            return 0;
        k++;
    }
    return k == n;
}

static json_t *scale_json(writer *w, const cf_scale *s)
{
    json_t *obj = json_object();
    json_t *levels = json_array();
    if (!obj || !levels) {
        json_decref(obj);
        json_decref(levels);
        no_memory(w);
        return NULL;
    }
    put_text(w, obj, "id", s->id);
    put_text(w, obj, "title", s->title);
    put_text(w, obj, "description", s->description);
    for (size_t i = 0; i < s->level_count; i++) {
        const cf_level *l = &s->levels[i];
        json_t *level = json_object();
        if (!level || json_array_append_new(levels, level) != 0) {
            no_memory(w);
            break;
        }
        put(w, level, "value", number(l->value));
        put_text(w, level, "label", l->label);
        put_text(w, level, "description", l->description);
        put_x(w, level, &l->ext, 0);
    }
    put(w, obj, "levels", levels);
    put(w, obj, "proficient", json_integer((json_int_t)s->proficient));
    put_x(w, obj, &s->ext, 0);
    return obj;
}

/* Sets w->f[CFI_MOODLE_CARRIER] to obj as compact JSON, and frees obj. */
static void set_carrier(writer *w, json_t *obj)
{
    if (w->rc == CF_OK && json_object_size(obj) > 0) {
        w->carrier = cfi_json_dumps(obj, JSON_COMPACT);
        if (!w->carrier)
            no_memory(w);
        w->f[CFI_MOODLE_CARRIER] = w->carrier;
    }
    json_decref(obj);
}

static void framework_carrier(writer *w, const cf_framework *fw)
{
    json_t *obj = json_object();
    json_t *scales = json_array();
    if (!obj || !scales) {
        json_decref(obj);
        json_decref(scales);
        no_memory(w);
        return;
    }
    put(w, obj, "format", json_integer(CFI_MOODLE_CARRIER_FORMAT));
    put_text(w, obj, "version", fw->version);
    put_text(w, obj, "publisher", fw->publisher);
    put_text(w, obj, "language", fw->language);
    if (!moodle_x_suffice(w, &fw->ext, 1))
        put_x(w, obj, &fw->ext, 1);
    for (size_t i = 0; i < fw->scale_count; i++) {
        json_t *scale = scale_json(w, &fw->scales[i]);
        if (!scale || json_array_append_new(scales, scale) != 0)
            no_memory(w);
    }
    put(w, obj, "scales", scales);
    put_text(w, obj, "default_scale", fw->scales[fw->default_scale].id);
    set_carrier(w, obj);
}

/* The element's own kind: NULL when it is only its depth's name. */
static const char *own_kind(const cf_framework *fw, const cf_element *el)
{
    if (el->kind && el->depth < fw->hierarchy_count &&
        strcmp(el->kind, fw->hierarchy[el->depth]) == 0)
        return NULL;
    return el->kind;
}

static void element_carrier(writer *w, const cf_framework *fw,
                            const cf_element *el)
{
    json_t *obj = json_object();
    if (!obj) {
        no_memory(w);
        return;
    }
    put_text(w, obj, "kind", own_kind(fw, el));
    if (el->weight != 1)
        put(w, obj, "weight", number(el->weight));
    if (el->rollup != CF_ROLLUP_MEAN)
        put_text(w, obj, "rollup", cf_rollup_name(el->rollup));
    if (el->own_scale != CFI_NONE)
        put_text(w, obj, "scale", fw->scales[el->own_scale].id);
    for (int k = 0; k < CF_RELATION_COUNT; k++) {
        if (k == CF_RELATION_RELATED)
            continue; /* Moodle's cross references */
        size_t n = cf_element_relation_count(el, (cf_relation)k);
        if (n == 0)
            continue;
        json_t *ids = json_array();
        for (size_t i = 0; ids && i < n; i++)
            if (json_array_append_new(
                    ids, json_string(cf_element_id(
                             cf_element_relation(el, (cf_relation)k, i)))) != 0)
                no_memory(w);
        put(w, obj, cf_relation_name((cf_relation)k), ids);
    }
    if (!moodle_x_suffice(w, &el->ext, 2))
        put_x(w, obj, &el->ext, 2);
    set_carrier(w, obj);
}

static void framework_row(writer *w, const cf_framework *fw, cfi_buf *tax)
{
    w->f[CFI_MOODLE_ID] = fw->id;
    w->f[CFI_MOODLE_SHORTNAME] = fw->title;
    w->f[CFI_MOODLE_DESCRIPTION] = fw->description;
    const char *format = cf_extensions_get(&fw->ext, CFI_MOODLE_X_FORMAT);
    w->f[CFI_MOODLE_FORMAT] = format ? format : CFI_MOODLE_FORMAT_PLAIN;
    size_t config = scale_text(w, &fw->scales[fw->default_scale]);
    w->f[CFI_MOODLE_SCALE_VALUES] = w->rc == CF_OK ? w->cell.data : "";
    w->f[CFI_MOODLE_SCALE_CONFIG] = w->rc == CF_OK ? w->cell.data + config : "";
    w->f[CFI_MOODLE_IS_FRAMEWORK] = "1";
    tax->len = 0;
    for (size_t d = 0; d < fw->hierarchy_count; d++) {
        if (strchr(fw->hierarchy[d], ','))
            refuse(w, "hierarchy name", fw->hierarchy[d]);
        if (d > 0)
            add(w, tax, ",", 1);
        adds(w, tax, fw->hierarchy[d]);
    }
    w->f[CFI_MOODLE_TAXONOMY] = joined(w, tax);
    framework_carrier(w, fw);
    put_row(w);
}

static void element_row(writer *w, const cf_framework *fw, const cf_element *el,
                        cfi_buf *related)
{
    const cf_extensions *ext = &el->ext;
    if (el->parent != CFI_NONE)
        w->f[CFI_MOODLE_PARENT] = fw->elements[el->parent].id;
    w->f[CFI_MOODLE_ID] = el->id;
    w->f[CFI_MOODLE_SHORTNAME] = el->title;
    w->f[CFI_MOODLE_DESCRIPTION] = el->description;
    const char *format = cf_extensions_get(ext, CFI_MOODLE_X_FORMAT);
    w->f[CFI_MOODLE_FORMAT] = format ? format : CFI_MOODLE_FORMAT_PLAIN;
    if (el->scale != fw->default_scale) {
        size_t config = scale_text(w, &fw->scales[el->scale]);
        w->f[CFI_MOODLE_SCALE_VALUES] = w->rc == CF_OK ? w->cell.data : "";
        w->f[CFI_MOODLE_SCALE_CONFIG] =
            w->rc == CF_OK ? w->cell.data + config : "";
    }
    w->f[CFI_MOODLE_RULE_TYPE] = cf_extensions_get(ext, CFI_MOODLE_X_RULE_TYPE);
    w->f[CFI_MOODLE_RULE_OUTCOME] =
        cf_extensions_get(ext, CFI_MOODLE_X_RULE_OUTCOME);
    w->f[CFI_MOODLE_RULE_CONFIG] =
        cf_extensions_get(ext, CFI_MOODLE_X_RULE_CONFIG);
    if (!w->f[CFI_MOODLE_RULE_TYPE]) {
        /* What Moodle's own export writes for a competency with no rule. */
        if (!w->f[CFI_MOODLE_RULE_OUTCOME])
            w->f[CFI_MOODLE_RULE_OUTCOME] = "0";
        if (!w->f[CFI_MOODLE_RULE_CONFIG])
            w->f[CFI_MOODLE_RULE_CONFIG] = "null";
    }
    related->len = 0;
    size_t n = cf_element_relation_count(el, CF_RELATION_RELATED);
    for (size_t i = 0; i < n; i++) {
        const char *id =
            cf_element_id(cf_element_relation(el, CF_RELATION_RELATED, i));
        if (i > 0)
            add(w, related, ",", 1);
        for (const char *p = id; *p; p++) {
            if (*p == ',')
                adds(w, related, "%2C");
            else
                add(w, related, p, 1);
        }
    }
    w->f[CFI_MOODLE_RELATED] = joined(w, related);
    w->f[CFI_MOODLE_EXPORT_ID] = cf_extensions_get(ext, CFI_MOODLE_X_EXPORT_ID);
    element_carrier(w, fw, el);
    put_row(w);
}

int cf_framework_to_moodle(const cf_framework *fw, char **out, cf_error *err)
{
    if (out)
        *out = NULL;
    if (!fw || !out)
        return cfi_fail(err, CF_EARG, "", NULL, "fw and out must not be NULL");
    writer w;
    memset(&w, 0, sizeof w);
    w.a = cfi_allocator_or_default(NULL); /* cf_string_free is free() */
    w.err = err;
    cfi_buf list = {0};
    for (size_t c = 0; c < ALL_COLUMNS; c++)
        w.f[c] = titles[c];
    put_row(&w);
    framework_row(&w, fw, &list);
    for (size_t i = 0; i < fw->element_count && w.rc == CF_OK; i++)
        element_row(&w, fw, &fw->elements[i], &list);
    cfi_buf_free(w.a, &list);
    cfi_buf_free(w.a, &w.cell);
    free(w.carrier);
    if (w.rc != CF_OK) {
        cfi_buf_free(w.a, &w.out);
        return w.rc;
    }
    *out = w.out.data;
    return CF_OK;
}
