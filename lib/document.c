/*
 * Reading one YAML document into objects: what every loader (framework,
 * assessment, profile) shares. Values are read straight from the event
 * reader; mappings are checked for unknown, duplicate and missing keys;
 * `x-` keys are collected for the object they belong to.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

int cfi_doc_open(cfi_doc *doc, const char *data, size_t len, const char *source,
                 const cf_load_options *opts, cfi_arena *strings, cf_error *err)
{
    memset(doc, 0, sizeof *doc);
    doc->a = cfi_allocator_or_default(opts->allocator);
    doc->err = err;
    doc->source = source;
    doc->strings = strings;
    if (len > opts->max_input_bytes)
        return cfi_doc_fail(
            doc, CF_ELIMIT, NULL,
            "the input is larger than the limit of %zu bytes "
            "(max_input_bytes; a program can raise it in cf_load_options)",
            opts->max_input_bytes);
    cfi_reader_config config = {doc->a, source, opts->max_nesting,
                                opts->max_alias_events, opts->max_string_bytes};
    doc->reader = cfi_reader_new(&config, data, len);
    return doc->reader ? CF_OK : cfi_doc_oom(doc);
}

void cfi_doc_close(cfi_doc *doc)
{
    cfi_reader_free(doc->reader);
    cfi_release(doc->a, doc->ext_stack);
    cfi_buf_free(doc->a, &doc->json);
    doc->reader = NULL;
    doc->ext_stack = NULL;
}

int cfi_doc_fail(cfi_doc *doc, int code, const cfi_mark *mark, const char *fmt,
                 ...)
{
    va_list ap;
    va_start(ap, fmt);
    cfi_vfail(doc->err, code, doc->source, mark, fmt, ap);
    va_end(ap);
    return code;
}

int cfi_doc_oom(cfi_doc *doc)
{
    return cfi_doc_fail(doc, CF_ENOMEM, NULL, "out of memory");
}

int cfi_doc_next(cfi_doc *doc)
{
    return cfi_reader_next(doc->reader, &doc->ev, doc->err);
}

const char *cfi_doc_describe(cfi_doc *doc, const cfi_mapping *m)
{
    char *buf = doc->describe_buf;
    size_t size = sizeof doc->describe_buf;
    if (m->name)
        snprintf(buf, size, "%s '%s'", m->kind, m->name);
    else if (m->singular)
        snprintf(buf, size, "the %s", m->kind);
    else
        snprintf(buf, size, "a%s %s", strchr("aeiou", m->kind[0]) ? "n" : "",
                 m->kind);
    return buf;
}

int cfi_doc_copy(cfi_doc *doc, const char *s, size_t n, const char **out)
{
    *out = cfi_arena_strndup(doc->a, doc->strings, s, n);
    return *out ? CF_OK : cfi_doc_oom(doc);
}

int cfi_doc_grow(cfi_doc *doc, void *items_ptr, size_t *cap, size_t need,
                 size_t size)
{
    void **items = items_ptr;
    if (cfi_reserve(doc->a, items, cap, need, size) != CF_OK)
        return cfi_doc_oom(doc);
    return CF_OK;
}

/* ---- scalar values ------------------------------------------------------ */

int cfi_doc_read_string(cfi_doc *doc, cfi_mapping *m, const char *key,
                        int required, const char **out)
{
    int rc = cfi_doc_next(doc);
    if (rc != CF_OK)
        return rc;
    const cfi_event *ev = &doc->ev;
    if (ev->type != CFI_EV_SCALAR)
        return cfi_doc_fail(doc, CF_EINVALID, &ev->mark,
                            "expected a string for '%s' in %s, found %s", key,
                            cfi_doc_describe(doc, m), cfi_event_noun(ev));
    if (cfi_event_is_null(ev) || ev->length == 0) {
        if (required)
            return cfi_doc_fail(doc, CF_EINVALID, &ev->mark,
                                "'%s' in %s must not be empty", key,
                                cfi_doc_describe(doc, m));
        *out = NULL;
        return CF_OK;
    }
    return cfi_doc_copy(doc, ev->value, ev->length, out);
}

int cfi_doc_read_id(cfi_doc *doc, cfi_mapping *m, const char *key,
                    const char **out)
{
    int rc = cfi_doc_read_string(doc, m, key, 1, out);
    if (rc != CF_OK)
        return rc;
    if (!cfi_is_valid_id(*out, strlen(*out)))
        return cfi_doc_fail(doc, CF_EINVALID, &doc->ev.mark,
                            "malformed id '%s' in %s: an id starts with a "
                            "letter or digit, followed by letters, digits, "
                            "'.', '_', ':' or '-'",
                            *out, cfi_doc_describe(doc, m));
    m->name = *out;
    return CF_OK;
}

int cfi_doc_read_number(cfi_doc *doc, cfi_mapping *m, const char *key,
                        double *out, cfi_number_kind *kind)
{
    int rc = cfi_doc_next(doc);
    if (rc != CF_OK)
        return rc;
    const cfi_event *ev = &doc->ev;
    const char *what = cfi_doc_describe(doc, m);
    if (ev->type != CFI_EV_SCALAR || cfi_event_is_null(ev))
        return cfi_doc_fail(doc, CF_EINVALID, &ev->mark,
                            "expected a number for '%s' in %s, found %s", key,
                            what, cfi_event_noun(ev));
    if (!ev->plain)
        return cfi_doc_fail(doc, CF_EINVALID, &ev->mark,
                            "expected a number for '%s' in %s, found the "
                            "quoted string \"%s\" (write numbers without "
                            "quotes)",
                            key, what, ev->value);
    *kind = cfi_parse_number(ev->value, ev->length, out);
    if (*kind == CFI_NUMBER_LEADING_ZERO)
        return cfi_doc_fail(doc, CF_EINVALID, &ev->mark,
                            "expected a number for '%s' in %s, found '%s': "
                            "write it without leading zeros (YAML 1.1 reads "
                            "them as octal)",
                            key, what, ev->value);
    if (*kind == CFI_NUMBER_INVALID)
        return cfi_doc_fail(doc, CF_EINVALID, &ev->mark,
                            "expected a number for '%s' in %s, found '%s'", key,
                            what, ev->value);
    return CF_OK;
}

/* ---- mappings ----------------------------------------------------------- */

static size_t find_key(const cfi_key *keys, const char *name)
{
    for (size_t k = 0; keys[k].name; k++)
        if (strcmp(keys[k].name, name) == 0)
            return k;
    return CFI_NONE;
}

static int unknown_key(cfi_doc *doc, const cfi_mapping *m)
{
    const char *names[CFI_MAX_KEYS + 1];
    size_t n = 0;
    for (; m->keys[n].name; n++)
        names[n] = m->keys[n].name;
    const char *key = doc->ev.value;
    if (strcmp(key, "<<") == 0)
        return cfi_doc_fail(doc, CF_EINVALID, &doc->ev.mark,
                            "merge keys ('<<') are not supported in %s: "
                            "write the keys out, or repeat a value with an "
                            "alias",
                            cfi_doc_describe(doc, m));
    const char *hint = cf_suggest(key, names, n);
    if (hint)
        return cfi_doc_fail(doc, CF_EINVALID, &doc->ev.mark,
                            "unknown key '%s' in %s (did you mean '%s'?)", key,
                            cfi_doc_describe(doc, m), hint);
    return cfi_doc_fail(doc, CF_EINVALID, &doc->ev.mark,
                        "unknown key '%s' in %s (extension keys start with "
                        "'x-')",
                        key, cfi_doc_describe(doc, m));
}

static int push_extension(cfi_doc *doc, const char *key, const char *value)
{
    int rc = cfi_doc_grow(doc, &doc->ext_stack, &doc->ext_cap,
                          doc->ext_count + 1, sizeof *doc->ext_stack);
    if (rc != CF_OK)
        return rc;
    cfi_ext_item item = {key, value};
    doc->ext_stack[doc->ext_count++] = item;
    return CF_OK;
}

/* An `x-` key: its value is kept as text (collections as JSON). */
static int read_extension(cfi_doc *doc, cfi_mapping *m)
{
    for (size_t i = m->ext_base; i < doc->ext_count; i++)
        if (strcmp(doc->ext_stack[i].key, doc->ev.value) == 0)
            return cfi_doc_fail(doc, CF_EINVALID, &doc->ev.mark,
                                "duplicate key '%s' in %s", doc->ev.value,
                                cfi_doc_describe(doc, m));
    const char *key, *value;
    int rc = cfi_doc_copy(doc, doc->ev.value, doc->ev.length, &key);
    if (rc == CF_OK)
        rc = cfi_doc_next(doc);
    if (rc != CF_OK)
        return rc;
    if (doc->ev.type == CFI_EV_SCALAR) {
        rc = cfi_doc_copy(doc, doc->ev.value, doc->ev.length, &value);
    } else {
        doc->json.len = 0;
        rc = cfi_render_json(doc->reader, &doc->ev, &doc->json, doc->err);
        if (rc == CF_OK)
            rc = cfi_doc_copy(doc, doc->json.data, doc->json.len, &value);
    }
    return rc == CF_OK ? push_extension(doc, key, value) : rc;
}

int cfi_doc_store_extensions(cfi_doc *doc, cfi_mapping *m, cfi_ext_list *list,
                             cf_extensions *ext)
{
    size_t n = doc->ext_count - m->ext_base;
    int rc = cfi_doc_grow(doc, &list->items, &list->cap, list->count + n,
                          sizeof *list->items);
    if (rc != CF_OK)
        return rc;
    if (n)
        memcpy(list->items + list->count, doc->ext_stack + m->ext_base,
               n * sizeof *list->items);
    ext->items = NULL;
    ext->first = list->count;
    ext->count = n;
    list->count += n;
    doc->ext_count = m->ext_base;
    return CF_OK;
}

static int check_required(cfi_doc *doc, const cfi_mapping *m)
{
    for (size_t k = 0; m->keys[k].name; k++)
        if (m->keys[k].required && !(m->seen & (1u << k)))
            return cfi_doc_fail(doc, CF_EINVALID, &m->start,
                                "missing required key '%s' in %s",
                                m->keys[k].name, cfi_doc_describe(doc, m));
    return CF_OK;
}

int cfi_doc_read_mapping(cfi_doc *doc, cfi_mapping *m, cfi_value_fn on_value)
{
    m->start = doc->ev.mark;
    m->ext_base = doc->ext_count;
    for (;;) {
        int rc = cfi_doc_next(doc);
        if (rc != CF_OK)
            return rc;
        const cfi_event *ev = &doc->ev;
        if (ev->type == CFI_EV_MAPPING_END)
            return check_required(doc, m);
        if (ev->type != CFI_EV_SCALAR)
            return cfi_doc_fail(doc, CF_EINVALID, &ev->mark,
                                "expected a key in %s, found %s",
                                cfi_doc_describe(doc, m), cfi_event_noun(ev));
        if (strncmp(ev->value, "x-", 2) == 0) {
            rc = read_extension(doc, m);
        } else {
            size_t k = find_key(m->keys, ev->value);
            if (k == CFI_NONE)
                return unknown_key(doc, m);
            if (m->seen & (1u << k))
                return cfi_doc_fail(doc, CF_EINVALID, &ev->mark,
                                    "duplicate key '%s' in %s (first at line "
                                    "%zu, column %zu)",
                                    ev->value, cfi_doc_describe(doc, m),
                                    m->seen_at[k].line, m->seen_at[k].column);
            m->seen |= 1u << k;
            m->seen_at[k] = ev->mark;
            rc = on_value(doc, m, k);
        }
        if (rc != CF_OK)
            return rc;
    }
}

int cfi_doc_expect_sequence(cfi_doc *doc, const cfi_mapping *m, const char *key,
                            const char *what)
{
    if (doc->ev.type == CFI_EV_SEQUENCE_START)
        return CF_OK;
    return cfi_doc_fail(doc, CF_EINVALID, &doc->ev.mark,
                        "expected a sequence of %s for '%s' in %s, found %s",
                        what, key, cfi_doc_describe(doc, m),
                        cfi_event_noun(&doc->ev));
}

int cfi_doc_expect_mapping(cfi_doc *doc, const char *what)
{
    if (doc->ev.type == CFI_EV_MAPPING_START)
        return CF_OK;
    return cfi_doc_fail(doc, CF_EINVALID, &doc->ev.mark,
                        "expected %s mapping, found %s", what,
                        cfi_event_noun(&doc->ev));
}

/* ---- the document around the object ------------------------------------ */

/* Document kinds, for the message when a file holds another kind. */
static const char *const document_kinds[] = {"framework", "assessment",
                                             "profile"};

static int root_key(cfi_doc *doc, const char *kind)
{
    const cfi_event *ev = &doc->ev;
    if (ev->type != CFI_EV_SCALAR)
        return cfi_doc_fail(doc, CF_EINVALID, &ev->mark,
                            "expected the key '%s', found %s", kind,
                            cfi_event_noun(ev));
    if (strcmp(ev->value, kind) == 0)
        return CF_OK;
    for (size_t i = 0; i < 3; i++)
        if (strcmp(ev->value, document_kinds[i]) == 0)
            return cfi_doc_fail(doc, CF_EINVALID, &ev->mark,
                                "this is %s %s document, not %s %s (expected "
                                "the key '%s')",
                                ev->value[0] == 'a' ? "an" : "a", ev->value,
                                kind[0] == 'a' ? "an" : "a", kind, kind);
    if (cf_suggest(ev->value, &kind, 1))
        return cfi_doc_fail(doc, CF_EINVALID, &ev->mark,
                            "unknown key '%s' (did you mean '%s'?)", ev->value,
                            kind);
    return cfi_doc_fail(doc, CF_EINVALID, &ev->mark,
                        "expected the key '%s', found '%s'", kind, ev->value);
}

int cfi_doc_next_document(cfi_doc *doc, int *found)
{
    *found = 0;
    int rc = cfi_doc_next(doc);
    if (rc == CF_OK && doc->ev.type == CFI_EV_STREAM_START)
        rc = cfi_doc_next(doc);
    if (rc == CF_OK)
        *found = doc->ev.type == CFI_EV_DOCUMENT_START;
    return rc;
}

int cfi_doc_empty_stream(cfi_doc *doc, const char *kind)
{
    return cfi_doc_fail(doc, CF_EINVALID, &doc->ev.mark,
                        "empty document: expected a mapping with the key "
                        "'%s'",
                        kind);
}

int cfi_doc_enter_root(cfi_doc *doc, const char *kind)
{
    int rc = cfi_doc_next(doc);
    if (rc != CF_OK)
        return rc;
    if (cfi_event_is_null(&doc->ev))
        return cfi_doc_empty_stream(doc, kind);
    if (doc->ev.type != CFI_EV_MAPPING_START)
        return cfi_doc_fail(doc, CF_EINVALID, &doc->ev.mark,
                            "expected a mapping with the key '%s', found %s",
                            kind, cfi_event_noun(&doc->ev));
    rc = cfi_doc_next(doc);
    if (rc == CF_OK && doc->ev.type == CFI_EV_MAPPING_END)
        return cfi_doc_fail(doc, CF_EINVALID, &doc->ev.mark,
                            "empty mapping: expected the key '%s'", kind);
    if (rc == CF_OK)
        rc = root_key(doc, kind);
    if (rc == CF_OK)
        rc = cfi_doc_next(doc);
    if (rc == CF_OK && doc->ev.type != CFI_EV_MAPPING_START)
        return cfi_doc_fail(doc, CF_EINVALID, &doc->ev.mark,
                            "expected a mapping for '%s', found %s", kind,
                            cfi_event_noun(&doc->ev));
    return rc;
}

int cfi_doc_leave_root(cfi_doc *doc, const char *kind)
{
    int rc = cfi_doc_next(doc);
    if (rc == CF_OK && doc->ev.type != CFI_EV_MAPPING_END) {
        const char *key = doc->ev.value ? doc->ev.value : "";
        return cfi_doc_fail(doc, CF_EINVALID, &doc->ev.mark,
                            "unexpected %s '%s' after the %s: %s %s document "
                            "has the single key '%s'",
                            strcmp(key, kind) == 0 ? "duplicate key" : "key",
                            key, kind, kind[0] == 'a' ? "an" : "a", kind, kind);
    }
    if (rc == CF_OK)
        rc = cfi_doc_next(doc); /* document end */
    return rc;
}

int cfi_doc_prefer_syntax_error(cfi_doc *doc, int rc)
{
    if (rc != CF_EINVALID || !doc->reader)
        return rc;
    cf_error syntax;
    memset(&syntax, 0, sizeof syntax);
    if (cfi_reader_find_syntax_error(doc->reader, &syntax) != CF_ESYNTAX)
        return rc;
    if (doc->err)
        *doc->err = syntax;
    return CF_ESYNTAX;
}

int cfi_doc_read_single(cfi_doc *doc, const char *kind,
                        int (*parse)(cfi_doc *doc))
{
    int found;
    int rc = cfi_doc_next_document(doc, &found);
    if (rc == CF_OK && !found)
        return cfi_doc_empty_stream(doc, kind);
    if (rc == CF_OK)
        rc = cfi_doc_enter_root(doc, kind);
    if (rc == CF_OK)
        rc = parse(doc);
    if (rc == CF_OK)
        rc = cfi_doc_leave_root(doc, kind);
    if (rc == CF_OK)
        rc = cfi_doc_next_document(doc, &found);
    if (rc == CF_OK && found)
        return cfi_doc_fail(doc, CF_EINVALID, &doc->ev.mark,
                            "more than one document: a %s file holds exactly "
                            "one",
                            kind);
    return rc;
}

int cfi_doc_read_framework_id(cfi_doc *doc, cfi_mapping *m,
                              const cf_framework *fw)
{
    const char *id;
    int rc = cfi_doc_read_string(doc, m, "framework", 1, &id);
    if (rc == CF_OK && strcmp(id, fw->id) != 0)
        return cfi_doc_fail(doc, CF_EINVALID, &doc->ev.mark,
                            "%s is for framework '%s', but the framework "
                            "loaded is '%s'",
                            m->kind, id, fw->id);
    return rc;
}
