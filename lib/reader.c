/*
 * The YAML event reader: libyaml's events, with aliases expanded by
 * replaying the recorded events of their anchored node, nesting counted,
 * and every limit of cf_load_options that concerns YAML itself enforced.
 */
#include "internal.h"

#include <string.h>
#include <yaml.h>

/* A recorded event; CFI_EV_ALIAS only ever appears in recordings. */
#define CFI_EV_ALIAS (CFI_EV_MAPPING_END + 1)

typedef struct recorded {
    int type;
    int plain;
    size_t text; /* offset of a scalar's text in rec_text */
    size_t length;
    size_t from, to; /* an alias: the recorded range it replays */
} recorded;

/* An anchored node whose events are all recorded. */
typedef struct anchor {
    const char *name; /* in names */
    size_t from, to;
} anchor;

/* An anchored node still being read. */
typedef struct recorder {
    const char *name;
    size_t from;
    size_t base; /* nesting just before the node */
} recorder;

/* A recorded range being replayed for an alias. */
typedef struct frame {
    size_t next, to;
} frame;

struct cfi_reader {
    cfi_reader_config config;
    const char *data;
    size_t len;
    yaml_parser_t parser;
    yaml_event_t event;
    int has_event;
    size_t nesting;

    recorded *rec;
    size_t rec_count, rec_cap;
    cfi_buf rec_text;
    cfi_arena names; /* anchor names; they never move */
    anchor *anchors;
    size_t anchor_count, anchor_cap;
    cfi_idmap anchor_index; /* name -> its latest complete anchor */
    recorder *recorders;
    size_t recorder_count, recorder_cap;
    frame *frames;
    size_t frame_count, frame_cap;
    size_t replayed;
    cfi_mark alias_mark;
};

cfi_reader *cfi_reader_new(const cfi_reader_config *config, const char *data,
                           size_t len)
{
    cfi_reader *r = cfi_alloc(config->allocator, sizeof *r);
    if (!r)
        return NULL;
    memset(r, 0, sizeof *r);
    r->config = *config;
    r->data = data ? data : "";
    r->len = len;
    if (!yaml_parser_initialize(&r->parser)) {
        cfi_release(config->allocator, r);
        return NULL;
    }
    yaml_parser_set_input_string(&r->parser, (const unsigned char *)r->data,
                                 len);
    return r;
}

void cfi_reader_free(cfi_reader *r)
{
    if (!r)
        return;
    const cf_allocator *a = r->config.allocator;
    if (r->has_event)
        yaml_event_delete(&r->event);
    yaml_parser_delete(&r->parser);
    cfi_release(a, r->rec);
    cfi_buf_free(a, &r->rec_text);
    cfi_arena_free(a, &r->names);
    cfi_release(a, r->anchors);
    cfi_idmap_free(a, &r->anchor_index);
    cfi_release(a, r->recorders);
    cfi_release(a, r->frames);
    cfi_release(a, r);
}

const cf_allocator *cfi_reader_allocator(const cfi_reader *r)
{
    return r->config.allocator;
}

const char *cfi_reader_source(const cfi_reader *r)
{
    return r->config.source;
}

const char *cfi_event_noun(const cfi_event *ev)
{
    switch (ev->type) {
    case CFI_EV_SCALAR:
        return cfi_event_is_null(ev) ? "an empty value" : "a scalar";
    case CFI_EV_SEQUENCE_START:
        return "a sequence";
    case CFI_EV_MAPPING_START:
        return "a mapping";
    case CFI_EV_STREAM_END:
    case CFI_EV_DOCUMENT_END:
        return "the end of the document";
    default:
        return "the end of a collection";
    }
}

/*
 * The spellings are "", "~", "null", "Null" and "NULL": the length picks
 * the candidates, so a level such as "2" costs no string comparison.
 */
int cfi_event_is_null(const cfi_event *ev)
{
    if (ev->type != CFI_EV_SCALAR || !ev->plain)
        return 0;
    const char *v = ev->value;
    switch (ev->length) {
    case 0:
        return 1;
    case 1:
        return v[0] == '~';
    case 4:
        return strcmp(v, "null") == 0 || strcmp(v, "Null") == 0 ||
               strcmp(v, "NULL") == 0;
    default:
        return 0;
    }
}

static cfi_mark mark_of(const yaml_mark_t *m)
{
    cfi_mark mark = {m->line + 1, m->column + 1, m->index};
    return mark;
}

/*
 * The position of a byte offset, counting UTF-8 characters as libyaml
 * does; offset becomes a character index like libyaml's marks.
 */
static cfi_mark mark_at_byte(const char *data, size_t len, size_t offset)
{
    cfi_mark mark = {1, 1, 0};
    for (size_t i = 0; i < offset && i < len; i++) {
        unsigned char c = (unsigned char)data[i];
        if ((c & 0xC0) == 0x80)
            continue;
        mark.offset++;
        if (c == '\n' || (c == '\r' && (i + 1 >= len || data[i + 1] != '\n'))) {
            mark.line++;
            mark.column = 1;
        } else if (c != '\r') {
            mark.column++;
        }
    }
    return mark;
}

/*
 * An encoding error. libyaml points at the byte that broke a multi-byte
 * UTF-8 sequence; the error is clearer at the byte that started it.
 */
static int reader_failure(cfi_reader *r, cf_error *err)
{
    const yaml_parser_t *p = &r->parser;
    size_t offset = p->problem_offset;
    const unsigned char *bytes = (const unsigned char *)r->data;
    if (strstr(p->problem, "trailing") && offset > 0 && offset <= r->len) {
        size_t lead = offset - 1;
        while (lead > 0 && offset - lead < 4 && (bytes[lead] & 0xC0) == 0x80)
            lead--;
        cfi_mark mark = mark_at_byte(r->data, r->len, lead);
        return cfi_fail(err, CF_ESYNTAX, r->config.source, &mark,
                        "invalid UTF-8: the sequence that byte 0x%02X starts "
                        "is broken by byte 0x%02X",
                        bytes[lead], (unsigned)p->problem_value);
    }
    cfi_mark mark = mark_at_byte(r->data, r->len, offset);
    if (p->problem_value >= 0)
        return cfi_fail(err, CF_ESYNTAX, r->config.source, &mark,
                        "%s (byte 0x%02X)", p->problem,
                        (unsigned)p->problem_value);
    return cfi_fail(err, CF_ESYNTAX, r->config.source, &mark, "%s", p->problem);
}

static int parser_failure(cfi_reader *r, cf_error *err)
{
    const yaml_parser_t *p = &r->parser;
    const char *src = r->config.source;
    if (p->error == YAML_MEMORY_ERROR)
        return cfi_fail(err, CF_ENOMEM, src, NULL, "out of memory");
    if (p->error == YAML_READER_ERROR)
        return reader_failure(r, err);
    cfi_mark mark = mark_of(&p->problem_mark);
    const char *problem = p->problem ? p->problem : "invalid YAML";
    if (!p->context)
        return cfi_fail(err, CF_ESYNTAX, src, &mark, "%s", problem);
    cfi_mark ctx = mark_of(&p->context_mark);
    if (ctx.line == mark.line && ctx.column == mark.column)
        return cfi_fail(err, CF_ESYNTAX, src, &mark, "%s: %s", p->context,
                        problem);
    return cfi_fail(err, CF_ESYNTAX, src, &mark,
                    "%s (that started at line %zu, column %zu): %s", p->context,
                    ctx.line, ctx.column, problem);
}

static int type_of(yaml_event_type_t t)
{
    switch (t) {
    case YAML_STREAM_START_EVENT:
        return CFI_EV_STREAM_START;
    case YAML_STREAM_END_EVENT:
        return CFI_EV_STREAM_END;
    case YAML_DOCUMENT_START_EVENT:
        return CFI_EV_DOCUMENT_START;
    case YAML_DOCUMENT_END_EVENT:
        return CFI_EV_DOCUMENT_END;
    case YAML_SCALAR_EVENT:
        return CFI_EV_SCALAR;
    case YAML_SEQUENCE_START_EVENT:
        return CFI_EV_SEQUENCE_START;
    case YAML_SEQUENCE_END_EVENT:
        return CFI_EV_SEQUENCE_END;
    case YAML_MAPPING_START_EVENT:
        return CFI_EV_MAPPING_START;
    case YAML_MAPPING_END_EVENT:
        return CFI_EV_MAPPING_END;
    default:
        return CFI_EV_ALIAS;
    }
}

static const char *anchor_of(const yaml_event_t *e)
{
    switch (e->type) {
    case YAML_SCALAR_EVENT:
        return (const char *)e->data.scalar.anchor;
    case YAML_SEQUENCE_START_EVENT:
        return (const char *)e->data.sequence_start.anchor;
    case YAML_MAPPING_START_EVENT:
        return (const char *)e->data.mapping_start.anchor;
    default:
        return NULL;
    }
}

/* The error past max_nesting, out of deliver's way (every event's path). */
static int too_deep(const cfi_reader *r, const cfi_event *ev, cf_error *err)
{
    return cfi_fail(err, CF_ELIMIT, r->config.source, &ev->mark,
                    "collections nested too deeply: more than %zu "
                    "levels (the limit max_nesting; a program can "
                    "raise it in cf_load_options)",
                    r->config.max_nesting);
}

/*
 * Counts nesting on every event handed out, and enforces its limit. Called
 * for every event, so scalars, most of them, leave at the first test.
 */
static int deliver(cfi_reader *r, const cfi_event *ev, cf_error *err)
{
    if (ev->type == CFI_EV_SCALAR)
        return CF_OK;
    if (ev->type == CFI_EV_SEQUENCE_START || ev->type == CFI_EV_MAPPING_START) {
        if (r->nesting >= r->config.max_nesting)
            return too_deep(r, ev, err);
        r->nesting++;
    } else if (ev->type == CFI_EV_SEQUENCE_END ||
               ev->type == CFI_EV_MAPPING_END) {
        r->nesting--;
    }
    return CF_OK;
}

static int add_name(cfi_reader *r, const char *name, const char **copy)
{
    *copy =
        cfi_arena_strndup(r->config.allocator, &r->names, name, strlen(name));
    return *copy ? CF_OK : CF_ENOMEM;
}

static int append_recorded(cfi_reader *r, const recorded *rec)
{
    void *items = r->rec;
    if (cfi_reserve(r->config.allocator, &items, &r->rec_cap, r->rec_count + 1,
                    sizeof *r->rec) != CF_OK)
        return CF_ENOMEM;
    r->rec = items;
    r->rec[r->rec_count++] = *rec;
    return CF_OK;
}

static int record_event(cfi_reader *r, const cfi_event *ev)
{
    recorded rec = {(int)ev->type, ev->plain, 0, 0, 0, 0};
    if (ev->type == CFI_EV_SCALAR) {
        rec.text = r->rec_text.len;
        rec.length = ev->length;
        if (cfi_buf_add(r->config.allocator, &r->rec_text, ev->value,
                        ev->length + 1) != CF_OK)
            return CF_ENOMEM;
    }
    return append_recorded(r, &rec);
}

static int start_recorder(cfi_reader *r, const char *name)
{
    recorder rec = {NULL, r->rec_count, r->nesting};
    void *items = r->recorders;
    if (add_name(r, name, &rec.name) != CF_OK ||
        cfi_reserve(r->config.allocator, &items, &r->recorder_cap,
                    r->recorder_count + 1, sizeof rec) != CF_OK)
        return CF_ENOMEM;
    r->recorders = items;
    r->recorders[r->recorder_count++] = rec;
    return CF_OK;
}

/* Turns the innermost recorders whose node has just ended into anchors. */
static int finish_recorders(cfi_reader *r, const cfi_event *ev)
{
    if (ev->type != CFI_EV_SCALAR && ev->type != CFI_EV_SEQUENCE_END &&
        ev->type != CFI_EV_MAPPING_END)
        return CF_OK;
    while (r->recorder_count &&
           r->recorders[r->recorder_count - 1].base == r->nesting) {
        recorder *done = &r->recorders[r->recorder_count - 1];
        anchor a = {done->name, done->from, r->rec_count};
        void *items = r->anchors;
        if (cfi_reserve(r->config.allocator, &items, &r->anchor_cap,
                        r->anchor_count + 1, sizeof a) != CF_OK)
            return CF_ENOMEM;
        r->anchors = items;
        if (cfi_idmap_set(r->config.allocator, &r->anchor_index, a.name,
                          r->anchor_count) != CF_OK)
            return CF_ENOMEM;
        r->anchors[r->anchor_count++] = a;
        r->recorder_count--;
    }
    return CF_OK;
}

/*
 * The latest complete anchor called name, or NULL: a hash lookup, so a
 * document with n anchors and n aliases costs O(n), not O(n^2) as a
 * search through every anchor would.
 */
static const anchor *find_anchor(const cfi_reader *r, const char *name)
{
    size_t i = cfi_idmap_find(&r->anchor_index, name);
    return i == CFI_NONE ? NULL : &r->anchors[i];
}

/*
 * Whether an anchored node called name is still open. Open nodes nest, so
 * there are at most max_nesting + 1 of them.
 */
static int is_recording(const cfi_reader *r, const char *name)
{
    for (size_t i = 0; i < r->recorder_count; i++)
        if (strcmp(r->recorders[i].name, name) == 0)
            return 1;
    return 0;
}

static int push_frame(cfi_reader *r, size_t from, size_t to)
{
    frame f = {from, to};
    void *items = r->frames;
    if (cfi_reserve(r->config.allocator, &items, &r->frame_cap,
                    r->frame_count + 1, sizeof f) != CF_OK)
        return CF_ENOMEM;
    r->frames = items;
    r->frames[r->frame_count++] = f;
    return CF_OK;
}

/* An alias read from the parser: record it if needed, then replay it. */
static int start_alias(cfi_reader *r, const yaml_event_t *e, cf_error *err)
{
    const char *name = (const char *)e->data.alias.anchor;
    cfi_mark mark = mark_of(&e->start_mark);
    if (is_recording(r, name))
        return cfi_fail(err, CF_EINVALID, r->config.source, &mark,
                        "alias '*%s' refers to a node that contains it "
                        "(recursive aliases are not allowed)",
                        name);
    const anchor *target = find_anchor(r, name);
    if (!target)
        return cfi_fail(err, CF_ESYNTAX, r->config.source, &mark,
                        "undefined alias '*%s': no anchor '&%s' before it",
                        name, name);
    size_t from = target->from, to = target->to;
    if (r->recorder_count) {
        recorded rec = {CFI_EV_ALIAS, 0, 0, 0, from, to};
        if (append_recorded(r, &rec) != CF_OK)
            return CF_ENOMEM;
    }
    r->alias_mark = mark;
    return push_frame(r, from, to);
}

/* The next event of the innermost replay, or 0 when replays are done. */
static int replay_next(cfi_reader *r, cfi_event *ev, int *got, cf_error *err)
{
    *got = 0;
    while (r->frame_count) {
        frame *f = &r->frames[r->frame_count - 1];
        if (f->next == f->to) {
            r->frame_count--;
            continue;
        }
        const recorded *rec = &r->rec[f->next++];
        if (++r->replayed > r->config.max_alias_events)
            return cfi_fail(err, CF_ELIMIT, r->config.source, &r->alias_mark,
                            "aliases expand to more than %zu events (the "
                            "limit max_alias_events; a program can raise it in "
                            "cf_load_options)",
                            r->config.max_alias_events);
        if (rec->type == CFI_EV_ALIAS) {
            if (push_frame(r, rec->from, rec->to) != CF_OK)
                return CF_ENOMEM;
            continue;
        }
        memset(ev, 0, sizeof *ev);
        ev->type = (cfi_event_type)rec->type;
        ev->plain = rec->plain;
        ev->mark = r->alias_mark;
        if (rec->type == CFI_EV_SCALAR) {
            ev->value = r->rec_text.data + rec->text;
            ev->length = rec->length;
        }
        *got = 1;
        return deliver(r, ev, err);
    }
    return CF_OK;
}

/*
 * A NUL can only come from an escape (\0, \x00, \u0000) of a double-quoted
 * scalar: libyaml refuses control characters in the input itself, so
 * other scalars need not be searched.
 */
static int check_scalar(cfi_reader *r, const cfi_event *ev,
                        yaml_scalar_style_t style, cf_error *err)
{
    if (ev->length > r->config.max_string_bytes)
        return cfi_fail(err, CF_ELIMIT, r->config.source, &ev->mark,
                        "string of %zu bytes is longer than the limit of "
                        "%zu bytes (max_string_bytes; a program can raise it "
                        "in cf_load_options)",
                        ev->length, r->config.max_string_bytes);
    if (style == YAML_DOUBLE_QUOTED_SCALAR_STYLE &&
        memchr(ev->value, '\0', ev->length))
        return cfi_fail(err, CF_EINVALID, r->config.source, &ev->mark,
                        "string contains a NUL character, which is not "
                        "allowed");
    return CF_OK;
}

/* Reads the parser's next event into r->event; handles aliases. */
static int parse_next(cfi_reader *r, cfi_event *ev, int *got, cf_error *err)
{
    *got = 0;
    if (r->has_event) {
        yaml_event_delete(&r->event);
        r->has_event = 0;
    }
    if (!yaml_parser_parse(&r->parser, &r->event))
        return parser_failure(r, err);
    r->has_event = 1;
    const yaml_event_t *e = &r->event;
    if (e->type == YAML_ALIAS_EVENT)
        return start_alias(r, e, err);
    ev->type = (cfi_event_type)type_of(e->type);
    ev->mark = mark_of(&e->start_mark);
    ev->value = NULL;
    ev->length = 0;
    ev->plain = 0;
    if (e->type == YAML_SCALAR_EVENT) {
        ev->value = (const char *)e->data.scalar.value;
        ev->length = e->data.scalar.length;
        ev->plain = e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        int rc = check_scalar(r, ev, e->data.scalar.style, err);
        if (rc != CF_OK)
            return rc;
    } else if (e->type == YAML_DOCUMENT_START_EVENT) {
        /* Anchors belong to one document. Freeing the index (rather than
         * emptying it) keeps each document's cost to its own anchors. */
        r->anchor_count = 0;
        cfi_idmap_free(r->config.allocator, &r->anchor_index);
    }
    const char *name = anchor_of(e);
    if (name && start_recorder(r, name) != CF_OK)
        return CF_ENOMEM;
    if (r->recorder_count && record_event(r, ev) != CF_OK)
        return CF_ENOMEM;
    int rc = deliver(r, ev, err);
    if (rc != CF_OK)
        return rc;
    if (r->recorder_count && finish_recorders(r, ev) != CF_OK)
        return CF_ENOMEM;
    *got = 1;
    return CF_OK;
}

int cfi_reader_find_syntax_error(cfi_reader *r, cf_error *err)
{
    /* Nesting still counts, so a deep document cannot make libyaml slow. */
    size_t nesting = r->nesting;
    for (;;) {
        if (r->has_event) {
            if (r->event.type == YAML_STREAM_END_EVENT)
                return CF_OK;
            yaml_event_delete(&r->event);
            r->has_event = 0;
        }
        if (!yaml_parser_parse(&r->parser, &r->event))
            return r->parser.error == YAML_MEMORY_ERROR
                       ? CF_OK
                       : parser_failure(r, err);
        r->has_event = 1;
        yaml_event_type_t t = r->event.type;
        if (t == YAML_SEQUENCE_START_EVENT || t == YAML_MAPPING_START_EVENT) {
            if (++nesting > r->config.max_nesting)
                return CF_OK;
        } else if (t == YAML_SEQUENCE_END_EVENT ||
                   t == YAML_MAPPING_END_EVENT) {
            nesting--;
        }
    }
}

int cfi_reader_next(cfi_reader *r, cfi_event *ev, cf_error *err)
{
    for (;;) {
        int got = 0;
        int rc = r->frame_count ? replay_next(r, ev, &got, err)
                                : parse_next(r, ev, &got, err);
        if (rc == CF_ENOMEM)
            return cfi_fail(err, CF_ENOMEM, r->config.source, NULL,
                            "out of memory");
        if (rc != CF_OK)
            return rc;
        if (got)
            return CF_OK;
    }
}
