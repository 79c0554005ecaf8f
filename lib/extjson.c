/*
 * Extension values (`x-` keys) that are collections, kept as compact JSON
 * text so that no data is lost: every scalar becomes a JSON string.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

/* One open collection. */
typedef struct json_level {
    char close;       /* ']' or '}' */
    size_t nodes;     /* how many nodes it has had (keys and values) */
    size_t keys_from; /* its keys start here in the key list */
} json_level;

/* A key already written: where its JSON text is in the output. */
typedef struct json_key {
    size_t start, len;
    cfi_mark mark;
} json_key;

typedef struct json_writer {
    cfi_reader *reader;
    const cf_allocator *a;
    cf_error *err;
    cfi_buf *out;
    json_level *levels;
    size_t depth, levels_cap;
    json_key *keys;
    size_t key_count, keys_cap;
} json_writer;

static int out_of_memory(json_writer *w)
{
    return cfi_fail(w->err, CF_ENOMEM, cfi_reader_source(w->reader), NULL,
                    "out of memory");
}

/* The JSON escape of c, or NULL when c stands for itself. */
static const char *escape_of(unsigned char c, char buf[8])
{
    switch (c) {
    case '"':
        return "\\\"";
    case '\\':
        return "\\\\";
    case '\n':
        return "\\n";
    case '\t':
        return "\\t";
    case '\r':
        return "\\r";
    case '\b':
        return "\\b";
    case '\f':
        return "\\f";
    default:
        if (c >= 0x20)
            return NULL;
        snprintf(buf, 8, "\\u%04x", c);
        return buf;
    }
}

static int write_string(json_writer *w, const char *s, size_t n)
{
    int rc = cfi_buf_addc(w->a, w->out, '"');
    size_t plain_from = 0;
    for (size_t i = 0; rc == CF_OK && i < n; i++) {
        char buf[8];
        const char *esc = escape_of((unsigned char)s[i], buf);
        if (!esc)
            continue;
        rc = cfi_buf_add(w->a, w->out, s + plain_from, i - plain_from);
        if (rc == CF_OK)
            rc = cfi_buf_add(w->a, w->out, esc, strlen(esc));
        plain_from = i + 1;
    }
    if (rc == CF_OK)
        rc = cfi_buf_add(w->a, w->out, s + plain_from, n - plain_from);
    if (rc == CF_OK)
        rc = cfi_buf_addc(w->a, w->out, '"');
    return rc == CF_OK ? CF_OK : out_of_memory(w);
}

/* Records the key just written (from start on), refusing a repeated one. */
static int add_key(json_writer *w, const json_level *level, size_t start,
                   const cfi_event *ev)
{
    size_t len = w->out->len - start;
    for (size_t i = level->keys_from; i < w->key_count; i++) {
        const json_key *k = &w->keys[i];
        if (k->len == len &&
            memcmp(w->out->data + k->start, w->out->data + start, len) == 0)
            return cfi_fail(w->err, CF_EINVALID, cfi_reader_source(w->reader),
                            &ev->mark,
                            "duplicate key '%s' in an extension value (first "
                            "at line %zu, column %zu)",
                            ev->value, k->mark.line, k->mark.column);
    }
    void *items = w->keys;
    if (cfi_reserve(w->a, &items, &w->keys_cap, w->key_count + 1,
                    sizeof *w->keys) != CF_OK)
        return out_of_memory(w);
    w->keys = items;
    json_key key = {start, len, ev->mark};
    w->keys[w->key_count++] = key;
    return CF_OK;
}

/* The separator before a node of the innermost collection. */
static int write_separator(json_writer *w, json_level *level,
                           const cfi_event *ev, int *is_key)
{
    int in_map = level->close == '}';
    size_t node = level->nodes++;
    *is_key = in_map && node % 2 == 0;
    if (*is_key && ev->type != CFI_EV_SCALAR)
        return cfi_fail(w->err, CF_EINVALID, cfi_reader_source(w->reader),
                        &ev->mark,
                        "keys inside extension values must be strings, "
                        "found %s",
                        cfi_event_noun(ev));
    if (node == 0)
        return CF_OK;
    char sep = in_map && node % 2 ? ':' : ',';
    return cfi_buf_addc(w->a, w->out, sep) == CF_OK ? CF_OK : out_of_memory(w);
}

static int open_collection(json_writer *w, int is_map)
{
    void *items = w->levels;
    if (cfi_reserve(w->a, &items, &w->levels_cap, w->depth + 1,
                    sizeof *w->levels) != CF_OK)
        return out_of_memory(w);
    w->levels = items;
    json_level level = {is_map ? '}' : ']', 0, w->key_count};
    w->levels[w->depth++] = level;
    if (cfi_buf_addc(w->a, w->out, is_map ? '{' : '[') != CF_OK)
        return out_of_memory(w);
    return CF_OK;
}

static int close_collection(json_writer *w)
{
    const json_level *level = &w->levels[--w->depth];
    w->key_count = level->keys_from;
    if (cfi_buf_addc(w->a, w->out, level->close) != CF_OK)
        return out_of_memory(w);
    return CF_OK;
}

/* Writes one event's part of the JSON text. */
static int write_event(json_writer *w, const cfi_event *ev)
{
    int is_end =
        ev->type == CFI_EV_SEQUENCE_END || ev->type == CFI_EV_MAPPING_END;
    if (is_end)
        return close_collection(w);
    int is_key = 0;
    if (w->depth > 0) {
        int rc = write_separator(w, &w->levels[w->depth - 1], ev, &is_key);
        if (rc != CF_OK)
            return rc;
    }
    if (ev->type != CFI_EV_SCALAR)
        return open_collection(w, ev->type == CFI_EV_MAPPING_START);
    size_t start = w->out->len;
    int rc = write_string(w, ev->value, ev->length);
    if (rc == CF_OK && is_key)
        rc = add_key(w, &w->levels[w->depth - 1], start, ev);
    return rc;
}

int cfi_render_json(cfi_reader *r, cfi_event *ev, cfi_buf *out, cf_error *err)
{
    json_writer w = {r, cfi_reader_allocator(r), err, out, NULL, 0, 0, NULL, 0,
                     0};
    int rc;
    do {
        rc = write_event(&w, ev);
        if (rc == CF_OK && w.depth > 0)
            rc = cfi_reader_next(r, ev, err);
    } while (rc == CF_OK && w.depth > 0);
    cfi_release(w.a, w.levels);
    cfi_release(w.a, w.keys);
    return rc;
}
