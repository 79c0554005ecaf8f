/*
 * The framework loader: one pass over the YAML events, straight into the
 * flat arrays of cf_framework. References that may point forward (scale
 * ids) are resolved when the document ends, by finish_framework().
 */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* A key of a mapping: its name and whether it must be present. */
typedef struct key_def {
    const char *name;
    int required;
} key_def;

#define MAX_KEYS 16

/* What one mapping of the document is, and what was seen in it so far. */
typedef struct mapping_ctx {
    const char *kind;    /* "framework", "element", "scale", "level" */
    const key_def *keys; /* ends with a NULL name */
    const char *name;    /* the object's id or label, once read */
    size_t index;        /* which element, scale or level */
    cf_extensions *ext;  /* NULL until the mapping ends */
    size_t ext_base;     /* its x- keys start here in the ext stack */
    unsigned seen;       /* bit k: keys[k] was seen */
    cfi_mark seen_at[MAX_KEYS];
    cfi_mark start;
    /* a scale's proficient level, resolved when the scale ends */
    const char *proficient;
    int proficient_plain;
    cfi_mark proficient_mark;
} mapping_ctx;

/* An element's `scale`, resolved when the document ends. */
typedef struct scale_ref {
    size_t element;
    const char *name;
    cfi_mark mark;
} scale_ref;

typedef struct loader {
    cf_framework *fw;
    const cf_allocator *a;
    cfi_reader *reader;
    cf_error *err;
    const char *source;
    cf_load_options opts;
    cfi_event ev;

    size_t element_cap, scale_cap, level_cap, ext_cap, hierarchy_cap;
    cfi_ext_item *ext_stack;
    size_t ext_stack_count, ext_stack_cap;
    scale_ref *scale_refs;
    size_t scale_ref_count, scale_ref_cap;
    const char *default_scale;
    cfi_mark default_scale_mark;
    cfi_mark framework_mark;
    cfi_buf json;
    char describe_buf[160];
} loader;

typedef int (*value_handler)(loader *L, mapping_ctx *ctx, size_t key);

/* ---- small helpers ---------------------------------------------------- */

static int fail(loader *L, int code, const cfi_mark *mark, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static int fail(loader *L, int code, const cfi_mark *mark, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cfi_vfail(L->err, code, L->source, mark, fmt, ap);
    va_end(ap);
    return code;
}

static int out_of_memory(loader *L)
{
    return fail(L, CF_ENOMEM, NULL, "out of memory");
}

static int next(loader *L)
{
    return cfi_reader_next(L->reader, &L->ev, L->err);
}

/* "element 'CR.1'", or "an element" while its id is not known. */
static const char *describe(loader *L, const mapping_ctx *ctx)
{
    if (ctx->name)
        snprintf(L->describe_buf, sizeof L->describe_buf, "%s '%s'", ctx->kind,
                 ctx->name);
    else if (strcmp(ctx->kind, "framework") == 0)
        snprintf(L->describe_buf, sizeof L->describe_buf, "the framework");
    else
        snprintf(L->describe_buf, sizeof L->describe_buf, "a%s %s",
                 strchr("aeiou", ctx->kind[0]) ? "n" : "", ctx->kind);
    return L->describe_buf;
}

static int copy_text(loader *L, const char *s, size_t n, const char **out)
{
    *out = cfi_arena_strndup(L->a, &L->fw->strings, s, n);
    return *out ? CF_OK : out_of_memory(L);
}

static int grow(loader *L, void *items_ptr, size_t *cap, size_t need,
                size_t size)
{
    void **items = items_ptr;
    if (cfi_reserve(L->a, items, cap, need, size) != CF_OK)
        return out_of_memory(L);
    return CF_OK;
}

/* ---- scalar values ------------------------------------------------------ */

/* Reads a string value; NULL for an empty one unless it is required. */
static int read_string(loader *L, mapping_ctx *ctx, const char *key,
                       int required, const char **out)
{
    int rc = next(L);
    if (rc != CF_OK)
        return rc;
    if (L->ev.type != CFI_EV_SCALAR)
        return fail(L, CF_EINVALID, &L->ev.mark,
                    "expected a string for '%s' in %s, found %s", key,
                    describe(L, ctx), cfi_event_noun(&L->ev));
    if (cfi_event_is_null(&L->ev) || L->ev.length == 0) {
        if (required)
            return fail(L, CF_EINVALID, &L->ev.mark,
                        "'%s' in %s must not be empty", key, describe(L, ctx));
        *out = NULL;
        return CF_OK;
    }
    return copy_text(L, L->ev.value, L->ev.length, out);
}

static int read_id(loader *L, mapping_ctx *ctx, const char **out)
{
    int rc = read_string(L, ctx, "id", 1, out);
    if (rc != CF_OK)
        return rc;
    if (!cfi_is_valid_id(*out, strlen(*out)))
        return fail(L, CF_EINVALID, &L->ev.mark,
                    "malformed id '%s' in %s: an id starts with a letter or "
                    "digit, followed by letters, digits, '.', '_', ':' or '-'",
                    *out, describe(L, ctx));
    ctx->name = *out;
    return CF_OK;
}

/* Reads a plain number; *text is its spelling, for messages. */
static int read_number(loader *L, mapping_ctx *ctx, const char *key,
                       double *out, cfi_number_kind *kind)
{
    int rc = next(L);
    if (rc != CF_OK)
        return rc;
    const cfi_event *ev = &L->ev;
    if (ev->type != CFI_EV_SCALAR || cfi_event_is_null(ev))
        return fail(L, CF_EINVALID, &ev->mark,
                    "expected a number for '%s' in %s, found %s", key,
                    describe(L, ctx), cfi_event_noun(ev));
    if (!ev->plain)
        return fail(L, CF_EINVALID, &ev->mark,
                    "expected a number for '%s' in %s, found the quoted "
                    "string \"%s\" (write numbers without quotes)",
                    key, describe(L, ctx), ev->value);
    *kind = cfi_parse_number(ev->value, ev->length, out);
    if (*kind == CFI_NUMBER_LEADING_ZERO)
        return fail(L, CF_EINVALID, &ev->mark,
                    "expected a number for '%s' in %s, found '%s': write it "
                    "without leading zeros (YAML 1.1 reads them as octal)",
                    key, describe(L, ctx), ev->value);
    if (*kind == CFI_NUMBER_INVALID)
        return fail(L, CF_EINVALID, &ev->mark,
                    "expected a number for '%s' in %s, found '%s'", key,
                    describe(L, ctx), ev->value);
    return CF_OK;
}

/* ---- mappings ----------------------------------------------------------- */

static size_t find_key(const key_def *keys, const char *name)
{
    for (size_t k = 0; keys[k].name; k++)
        if (strcmp(keys[k].name, name) == 0)
            return k;
    return CFI_NONE;
}

static int unknown_key(loader *L, const mapping_ctx *ctx)
{
    const char *names[MAX_KEYS + 1];
    size_t n = 0;
    for (; ctx->keys[n].name; n++)
        names[n] = ctx->keys[n].name;
    names[n] = NULL;
    if (strcmp(L->ev.value, "<<") == 0)
        return fail(L, CF_EINVALID, &L->ev.mark,
                    "merge keys ('<<') are not supported in %s: write the "
                    "keys out, or repeat a value with an alias",
                    describe(L, ctx));
    const char *hint = cfi_suggest_list(L->ev.value, names);
    if (hint)
        return fail(L, CF_EINVALID, &L->ev.mark,
                    "unknown key '%s' in %s (did you mean '%s'?)", L->ev.value,
                    describe(L, ctx), hint);
    return fail(L, CF_EINVALID, &L->ev.mark,
                "unknown key '%s' in %s (extension keys start with 'x-')",
                L->ev.value, describe(L, ctx));
}

static int push_extension(loader *L, const char *key, const char *value)
{
    int rc = grow(L, &L->ext_stack, &L->ext_stack_cap, L->ext_stack_count + 1,
                  sizeof *L->ext_stack);
    if (rc != CF_OK)
        return rc;
    cfi_ext_item item = {key, value};
    L->ext_stack[L->ext_stack_count++] = item;
    return CF_OK;
}

/* An `x-` key: its value is kept as text (collections as JSON). */
static int read_extension(loader *L, mapping_ctx *ctx)
{
    for (size_t i = ctx->ext_base; i < L->ext_stack_count; i++)
        if (strcmp(L->ext_stack[i].key, L->ev.value) == 0)
            return fail(L, CF_EINVALID, &L->ev.mark, "duplicate key '%s' in %s",
                        L->ev.value, describe(L, ctx));
    const char *key, *value;
    int rc = copy_text(L, L->ev.value, L->ev.length, &key);
    if (rc == CF_OK)
        rc = next(L);
    if (rc != CF_OK)
        return rc;
    if (L->ev.type == CFI_EV_SCALAR) {
        rc = copy_text(L, L->ev.value, L->ev.length, &value);
    } else {
        L->json.len = 0;
        rc = cfi_render_json(L->reader, &L->ev, &L->json, L->err);
        if (rc == CF_OK)
            rc = copy_text(L, L->json.data, L->json.len, &value);
    }
    return rc == CF_OK ? push_extension(L, key, value) : rc;
}

/* Moves the mapping's x- keys from the stack into the framework. */
static int store_extensions(loader *L, mapping_ctx *ctx, cf_extensions *ext)
{
    cf_framework *fw = L->fw;
    size_t n = L->ext_stack_count - ctx->ext_base;
    int rc = grow(L, &fw->ext_items, &L->ext_cap, fw->ext_count + n,
                  sizeof *fw->ext_items);
    if (rc != CF_OK)
        return rc;
    if (n)
        memcpy(fw->ext_items + fw->ext_count, L->ext_stack + ctx->ext_base,
               n * sizeof *fw->ext_items);
    ext->first = fw->ext_count;
    ext->count = n;
    fw->ext_count += n;
    L->ext_stack_count = ctx->ext_base;
    return CF_OK;
}

static int check_required(loader *L, const mapping_ctx *ctx)
{
    for (size_t k = 0; ctx->keys[k].name; k++)
        if (ctx->keys[k].required && !(ctx->seen & (1u << k)))
            return fail(L, CF_EINVALID, &ctx->start,
                        "missing required key '%s' in %s", ctx->keys[k].name,
                        describe(L, ctx));
    return CF_OK;
}

/*
 * Reads the mapping whose start is the current event: each known key's
 * value through on_value, x- keys into the extension stack. Checks unknown,
 * duplicate and missing keys. The x- keys stay on the stack for the caller
 * to store with store_extensions().
 */
static int read_mapping(loader *L, mapping_ctx *ctx, value_handler on_value)
{
    ctx->start = L->ev.mark;
    ctx->ext_base = L->ext_stack_count;
    for (;;) {
        int rc = next(L);
        if (rc != CF_OK)
            return rc;
        if (L->ev.type == CFI_EV_MAPPING_END)
            return check_required(L, ctx);
        if (L->ev.type != CFI_EV_SCALAR)
            return fail(L, CF_EINVALID, &L->ev.mark,
                        "expected a key in %s, found %s", describe(L, ctx),
                        cfi_event_noun(&L->ev));
        if (strncmp(L->ev.value, "x-", 2) == 0) {
            rc = read_extension(L, ctx);
        } else {
            size_t k = find_key(ctx->keys, L->ev.value);
            if (k == CFI_NONE)
                return unknown_key(L, ctx);
            if (ctx->seen & (1u << k))
                return fail(L, CF_EINVALID, &L->ev.mark,
                            "duplicate key '%s' in %s (first at line %zu, "
                            "column %zu)",
                            L->ev.value, describe(L, ctx), ctx->seen_at[k].line,
                            ctx->seen_at[k].column);
            ctx->seen |= 1u << k;
            ctx->seen_at[k] = L->ev.mark;
            rc = on_value(L, ctx, k);
        }
        if (rc != CF_OK)
            return rc;
    }
}

/* Checks that the current event starts a sequence; `what` names it. */
static int expect_sequence(loader *L, const mapping_ctx *ctx, const char *key,
                           const char *what)
{
    if (L->ev.type == CFI_EV_SEQUENCE_START)
        return CF_OK;
    return fail(L, CF_EINVALID, &L->ev.mark,
                "expected a sequence of %s for '%s' in %s, found %s", what, key,
                describe(L, ctx), cfi_event_noun(&L->ev));
}

static int expect_mapping(loader *L, const char *what)
{
    if (L->ev.type == CFI_EV_MAPPING_START)
        return CF_OK;
    return fail(L, CF_EINVALID, &L->ev.mark, "expected %s mapping, found %s",
                what, cfi_event_noun(&L->ev));
}

/* ---- levels and scales ------------------------------------------------ */

static const key_def level_keys[] = {
    {"value", 1}, {"label", 1}, {"description", 0}, {NULL, 0}};
enum { LEVEL_VALUE, LEVEL_LABEL, LEVEL_DESCRIPTION };

static int level_value(loader *L, mapping_ctx *ctx, size_t key)
{
    cf_level *level = &L->fw->levels[ctx->index];
    if (key == LEVEL_VALUE) {
        cfi_number_kind kind;
        int rc = read_number(L, ctx, "value", &level->value, &kind);
        if (rc == CF_OK && kind != CFI_NUMBER_FINITE)
            rc = fail(L, CF_EINVALID, &L->ev.mark,
                      "level value must be a finite number, found '%s'",
                      L->ev.value);
        level->mark = L->ev.mark;
        return rc;
    }
    if (key == LEVEL_LABEL) {
        int rc = read_string(L, ctx, "label", 1, &level->label);
        ctx->name = level->label;
        level->label_mark = L->ev.mark;
        return rc;
    }
    return read_string(L, ctx, "description", 0, &level->description);
}

/* Checks the newest level of a scale against the ones before it. */
static int check_level(loader *L, const cf_scale *scale)
{
    const cf_level *levels = L->fw->levels + scale->level_first;
    const cf_level *last = &levels[scale->level_count - 1];
    for (size_t i = 0; i + 1 < scale->level_count; i++) {
        if (levels[i].value == last->value)
            return fail(L, CF_EINVALID, &last->mark,
                        "duplicate level value %g in scale '%s' (first at "
                        "line %zu, column %zu)",
                        last->value, scale->id, levels[i].mark.line,
                        levels[i].mark.column);
        if (strcmp(levels[i].label, last->label) == 0)
            return fail(L, CF_EINVALID, &last->label_mark,
                        "duplicate level label '%s' in scale '%s' (first at "
                        "line %zu, column %zu)",
                        last->label, scale->id, levels[i].label_mark.line,
                        levels[i].label_mark.column);
    }
    if (scale->level_count > 1 &&
        levels[scale->level_count - 2].value > last->value)
        return fail(L, CF_EINVALID, &last->mark,
                    "level values must increase: %g follows %g in scale "
                    "'%s' (list levels from lowest to highest)",
                    last->value, levels[scale->level_count - 2].value,
                    scale->id);
    return CF_OK;
}

static int parse_level(loader *L, size_t scale_index)
{
    cf_framework *fw = L->fw;
    int rc = expect_mapping(L, "a level");
    if (rc == CF_OK)
        rc = grow(L, &fw->levels, &L->level_cap, fw->level_count + 1,
                  sizeof *fw->levels);
    if (rc != CF_OK)
        return rc;
    size_t index = fw->level_count++;
    cf_level *level = &fw->levels[index];
    memset(level, 0, sizeof *level);
    cf_scale *scale = &fw->scales[scale_index];
    level->index = scale->level_count++;
    mapping_ctx ctx = {.kind = "level", .keys = level_keys, .index = index};
    rc = read_mapping(L, &ctx, level_value);
    if (rc == CF_OK)
        rc = store_extensions(L, &ctx, &fw->levels[index].ext);
    if (rc == CF_OK)
        rc = check_level(L, scale);
    return rc;
}

static int parse_levels(loader *L, mapping_ctx *ctx)
{
    int rc = next(L);
    if (rc == CF_OK)
        rc = expect_sequence(L, ctx, "levels", "levels");
    if (rc != CF_OK)
        return rc;
    cfi_mark start = L->ev.mark;
    L->fw->scales[ctx->index].level_first = L->fw->level_count;
    for (;;) {
        rc = next(L);
        if (rc != CF_OK)
            return rc;
        if (L->ev.type == CFI_EV_SEQUENCE_END)
            break;
        rc = parse_level(L, ctx->index);
        if (rc != CF_OK)
            return rc;
    }
    if (L->fw->scales[ctx->index].level_count == 0)
        return fail(L, CF_EINVALID, &start,
                    "'levels' in %s must list at least one level",
                    describe(L, ctx));
    return CF_OK;
}

static const key_def scale_keys[] = {{"id", 1},          {"title", 0},
                                     {"description", 0}, {"levels", 1},
                                     {"proficient", 1},  {NULL, 0}};
enum {
    SCALE_ID,
    SCALE_TITLE,
    SCALE_DESCRIPTION,
    SCALE_LEVELS,
    SCALE_PROFICIENT
};

static int check_scale_id(loader *L, size_t index)
{
    const cf_scale *scales = L->fw->scales;
    for (size_t i = 0; i < index; i++)
        if (strcmp(scales[i].id, scales[index].id) == 0)
            return fail(L, CF_EINVALID, &scales[index].mark,
                        "duplicate scale id '%s' (first defined at line %zu, "
                        "column %zu)",
                        scales[index].id, scales[i].mark.line,
                        scales[i].mark.column);
    return CF_OK;
}

static int scale_value(loader *L, mapping_ctx *ctx, size_t key)
{
    cf_scale *scale = &L->fw->scales[ctx->index];
    switch (key) {
    case SCALE_ID: {
        int rc = read_id(L, ctx, &scale->id);
        scale->mark = L->ev.mark;
        return rc == CF_OK ? check_scale_id(L, ctx->index) : rc;
    }
    case SCALE_TITLE:
        return read_string(L, ctx, "title", 0, &scale->title);
    case SCALE_DESCRIPTION:
        return read_string(L, ctx, "description", 0, &scale->description);
    case SCALE_LEVELS:
        return parse_levels(L, ctx);
    default: {
        int rc = read_string(L, ctx, "proficient", 1, &ctx->proficient);
        ctx->proficient_plain = L->ev.plain;
        ctx->proficient_mark = L->ev.mark;
        return rc;
    }
    }
}

/* The scale's proficient level, given as a level value or a label. */
static int resolve_proficient(loader *L, const mapping_ctx *ctx)
{
    cf_framework *fw = L->fw;
    cf_scale *scale = &fw->scales[ctx->index];
    const cf_level *levels = fw->levels + scale->level_first;
    double value;
    int numeric = ctx->proficient_plain &&
                  cfi_parse_number(ctx->proficient, strlen(ctx->proficient),
                                   &value) == CFI_NUMBER_FINITE;
    for (size_t i = 0; i < scale->level_count; i++) {
        if ((numeric && levels[i].value == value) ||
            strcmp(levels[i].label, ctx->proficient) == 0) {
            scale->proficient = i;
            return CF_OK;
        }
    }
    return fail(L, CF_EINVALID, &ctx->proficient_mark,
                "proficient level '%s' is not a level of scale '%s' (give "
                "one of its level values or labels)",
                ctx->proficient, scale->id);
}

static int parse_scale(loader *L)
{
    cf_framework *fw = L->fw;
    int rc = expect_mapping(L, "a scale");
    if (rc == CF_OK)
        rc = grow(L, &fw->scales, &L->scale_cap, fw->scale_count + 1,
                  sizeof *fw->scales);
    if (rc != CF_OK)
        return rc;
    size_t index = fw->scale_count++;
    memset(&fw->scales[index], 0, sizeof fw->scales[index]);
    fw->scales[index].index = index;
    mapping_ctx ctx = {.kind = "scale", .keys = scale_keys, .index = index};
    rc = read_mapping(L, &ctx, scale_value);
    if (rc == CF_OK)
        rc = store_extensions(L, &ctx, &fw->scales[index].ext);
    if (rc == CF_OK)
        rc = resolve_proficient(L, &ctx);
    if (rc == CF_OK && !fw->scales[index].title)
        fw->scales[index].title = fw->scales[index].id;
    return rc;
}

/* ---- elements ------------------------------------------------------------ */

static const key_def element_keys[] = {
    {"id", 1},     {"title", 1}, {"description", 0}, {"kind", 0}, {"weight", 0},
    {"rollup", 0}, {"scale", 0}, {"children", 0},    {NULL, 0}};
enum {
    ELEMENT_ID,
    ELEMENT_TITLE,
    ELEMENT_DESCRIPTION,
    ELEMENT_KIND,
    ELEMENT_WEIGHT,
    ELEMENT_ROLLUP,
    ELEMENT_SCALE,
    ELEMENT_CHILDREN
};

static int parse_element_list(loader *L, const mapping_ctx *ctx,
                              const char *key, size_t parent, size_t depth);

static int element_id(loader *L, mapping_ctx *ctx)
{
    cf_element *el = &L->fw->elements[ctx->index];
    int rc = read_id(L, ctx, &el->id);
    if (rc != CF_OK)
        return rc;
    el->id_mark = L->ev.mark;
    size_t first;
    if (cfi_idmap_insert(L->a, &L->fw->ids, el->id, ctx->index, &first) !=
        CF_OK)
        return out_of_memory(L);
    if (first == CFI_NONE)
        return CF_OK;
    const cfi_mark *at = &L->fw->elements[first].id_mark;
    return fail(L, CF_EINVALID, &el->id_mark,
                "duplicate element id '%s' (first defined at line %zu, "
                "column %zu)",
                el->id, at->line, at->column);
}

static int element_weight(loader *L, mapping_ctx *ctx)
{
    cfi_number_kind kind;
    double weight = 0;
    int rc = read_number(L, ctx, "weight", &weight, &kind);
    if (rc != CF_OK)
        return rc;
    if (kind != CFI_NUMBER_FINITE || !(weight > 0))
        return fail(L, CF_EINVALID, &L->ev.mark,
                    "weight must be a positive finite number, found '%s' in "
                    "%s",
                    L->ev.value, describe(L, ctx));
    L->fw->elements[ctx->index].weight = weight;
    return CF_OK;
}

static int element_rollup(loader *L, mapping_ctx *ctx)
{
    static const char *const rollups[] = {"mean", "min", "max", NULL};
    const char *text;
    int rc = read_string(L, ctx, "rollup", 1, &text);
    if (rc != CF_OK)
        return rc;
    for (size_t i = 0; rollups[i]; i++) {
        if (strcmp(text, rollups[i]) == 0) {
            L->fw->elements[ctx->index].rollup = (cf_rollup)i;
            return CF_OK;
        }
    }
    const char *hint = cfi_suggest_list(text, rollups);
    if (hint)
        return fail(L, CF_EINVALID, &L->ev.mark,
                    "unknown rollup '%s' in %s (did you mean '%s'? expected "
                    "mean, min or max)",
                    text, describe(L, ctx), hint);
    return fail(L, CF_EINVALID, &L->ev.mark,
                "unknown rollup '%s' in %s (expected mean, min or max)", text,
                describe(L, ctx));
}

static int element_scale(loader *L, mapping_ctx *ctx)
{
    scale_ref ref = {ctx->index, NULL, {0, 0, 0}};
    int rc = read_string(L, ctx, "scale", 1, &ref.name);
    if (rc == CF_OK)
        rc = grow(L, &L->scale_refs, &L->scale_ref_cap, L->scale_ref_count + 1,
                  sizeof *L->scale_refs);
    if (rc != CF_OK)
        return rc;
    ref.mark = L->ev.mark;
    L->scale_refs[L->scale_ref_count++] = ref;
    return CF_OK;
}

static int element_value(loader *L, mapping_ctx *ctx, size_t key)
{
    cf_element *el = &L->fw->elements[ctx->index];
    switch (key) {
    case ELEMENT_ID:
        return element_id(L, ctx);
    case ELEMENT_TITLE:
        return read_string(L, ctx, "title", 1, &el->title);
    case ELEMENT_DESCRIPTION:
        return read_string(L, ctx, "description", 0, &el->description);
    case ELEMENT_KIND:
        return read_string(L, ctx, "kind", 0, &el->kind);
    case ELEMENT_WEIGHT:
        return element_weight(L, ctx);
    case ELEMENT_ROLLUP:
        return element_rollup(L, ctx);
    case ELEMENT_SCALE:
        return element_scale(L, ctx);
    default: {
        size_t depth = el->depth;
        return parse_element_list(L, ctx, "children", ctx->index, depth + 1);
    }
    }
}

static int new_element(loader *L, size_t parent, size_t depth, size_t *index)
{
    cf_framework *fw = L->fw;
    if (depth >= L->opts.max_depth)
        return fail(L, CF_ELIMIT, &L->ev.mark,
                    "elements nested too deeply: more than %zu level%s (the "
                    "limit max_depth)",
                    L->opts.max_depth, L->opts.max_depth == 1 ? "" : "s");
    if (fw->element_count >= L->opts.max_elements)
        return fail(L, CF_ELIMIT, &L->ev.mark,
                    "more than %zu elements (the limit max_elements)",
                    L->opts.max_elements);
    int rc = grow(L, &fw->elements, &L->element_cap, fw->element_count + 1,
                  sizeof *fw->elements);
    if (rc != CF_OK)
        return rc;
    *index = fw->element_count++;
    cf_element *el = &fw->elements[*index];
    memset(el, 0, sizeof *el);
    el->index = *index;
    el->parent = parent;
    el->depth = depth;
    el->weight = 1;
    el->rollup = CF_ROLLUP_MEAN;
    el->own_scale = CFI_NONE;
    el->scale = CFI_NONE;
    if (parent != CFI_NONE)
        fw->elements[parent].child_count++;
    return CF_OK;
}

static int parse_element(loader *L, size_t parent, size_t depth)
{
    size_t index = 0;
    int rc = expect_mapping(L, "an element");
    if (rc == CF_OK)
        rc = new_element(L, parent, depth, &index);
    if (rc != CF_OK)
        return rc;
    mapping_ctx ctx = {.kind = "element", .keys = element_keys, .index = index};
    rc = read_mapping(L, &ctx, element_value);
    if (rc == CF_OK)
        rc = store_extensions(L, &ctx, &L->fw->elements[index].ext);
    L->fw->elements[index].subtree_end = L->fw->element_count;
    return rc;
}

/*
 * Reads the sequence of elements under key; the top-level one (parent
 * CFI_NONE) must not be empty.
 */
static int parse_element_list(loader *L, const mapping_ctx *ctx,
                              const char *key, size_t parent, size_t depth)
{
    int rc = next(L);
    if (rc == CF_OK)
        rc = expect_sequence(L, ctx, key, "elements");
    cfi_mark start = L->ev.mark;
    size_t count = 0;
    while (rc == CF_OK) {
        rc = next(L);
        if (rc != CF_OK || L->ev.type == CFI_EV_SEQUENCE_END)
            break;
        rc = parse_element(L, parent, depth);
        count++;
    }
    if (rc == CF_OK && count == 0 && parent == CFI_NONE)
        rc = fail(L, CF_EINVALID, &start, "'%s' must list at least one element",
                  key);
    return rc;
}

/* ---- the framework mapping -------------------------------------------- */

static const key_def framework_keys[] = {
    {"id", 1},        {"title", 1},       {"version", 0}, {"publisher", 0},
    {"language", 0},  {"description", 0}, {"scales", 1},  {"default_scale", 0},
    {"hierarchy", 0}, {"elements", 1},    {NULL, 0}};
enum {
    FRAMEWORK_ID,
    FRAMEWORK_TITLE,
    FRAMEWORK_VERSION,
    FRAMEWORK_PUBLISHER,
    FRAMEWORK_LANGUAGE,
    FRAMEWORK_DESCRIPTION,
    FRAMEWORK_SCALES,
    FRAMEWORK_DEFAULT_SCALE,
    FRAMEWORK_HIERARCHY,
    FRAMEWORK_ELEMENTS
};

static int parse_scales(loader *L, mapping_ctx *ctx)
{
    int rc = next(L);
    if (rc == CF_OK)
        rc = expect_sequence(L, ctx, "scales", "scales");
    cfi_mark start = L->ev.mark;
    while (rc == CF_OK) {
        rc = next(L);
        if (rc != CF_OK || L->ev.type == CFI_EV_SEQUENCE_END)
            break;
        rc = parse_scale(L);
    }
    if (rc == CF_OK && L->fw->scale_count == 0)
        rc = fail(L, CF_EINVALID, &start,
                  "'scales' must list at least one scale");
    return rc;
}

static int parse_hierarchy(loader *L, mapping_ctx *ctx)
{
    cf_framework *fw = L->fw;
    int rc = next(L);
    if (rc == CF_OK)
        rc = expect_sequence(L, ctx, "hierarchy", "kind names");
    while (rc == CF_OK) {
        rc = next(L);
        if (rc != CF_OK || L->ev.type == CFI_EV_SEQUENCE_END)
            break;
        if (L->ev.type != CFI_EV_SCALAR || cfi_event_is_null(&L->ev) ||
            L->ev.length == 0)
            return fail(L, CF_EINVALID, &L->ev.mark,
                        "expected a kind name in 'hierarchy', found %s",
                        L->ev.type == CFI_EV_SCALAR ? "an empty value"
                                                    : cfi_event_noun(&L->ev));
        rc = grow(L, &fw->hierarchy, &L->hierarchy_cap, fw->hierarchy_count + 1,
                  sizeof *fw->hierarchy);
        if (rc == CF_OK)
            rc = copy_text(L, L->ev.value, L->ev.length,
                           &fw->hierarchy[fw->hierarchy_count]);
        if (rc == CF_OK)
            fw->hierarchy_count++;
    }
    return rc;
}

static int framework_value(loader *L, mapping_ctx *ctx, size_t key)
{
    cf_framework *fw = L->fw;
    switch (key) {
    case FRAMEWORK_ID:
        return read_id(L, ctx, &fw->id);
    case FRAMEWORK_TITLE:
        return read_string(L, ctx, "title", 1, &fw->title);
    case FRAMEWORK_VERSION:
        return read_string(L, ctx, "version", 0, &fw->version);
    case FRAMEWORK_PUBLISHER:
        return read_string(L, ctx, "publisher", 0, &fw->publisher);
    case FRAMEWORK_LANGUAGE:
        return read_string(L, ctx, "language", 0, &fw->language);
    case FRAMEWORK_DESCRIPTION:
        return read_string(L, ctx, "description", 0, &fw->description);
    case FRAMEWORK_SCALES:
        return parse_scales(L, ctx);
    case FRAMEWORK_DEFAULT_SCALE: {
        int rc = read_string(L, ctx, "default_scale", 1, &L->default_scale);
        L->default_scale_mark = L->ev.mark;
        return rc;
    }
    case FRAMEWORK_HIERARCHY:
        return parse_hierarchy(L, ctx);
    default:
        return parse_element_list(L, ctx, "elements", CFI_NONE, 0);
    }
}

static int parse_framework(loader *L)
{
    int rc = next(L);
    if (rc == CF_OK && L->ev.type != CFI_EV_MAPPING_START)
        return fail(L, CF_EINVALID, &L->ev.mark,
                    "expected a mapping for 'framework', found %s",
                    cfi_event_noun(&L->ev));
    if (rc != CF_OK)
        return rc;
    L->framework_mark = L->ev.mark;
    mapping_ctx ctx = {.kind = "framework", .keys = framework_keys};
    rc = read_mapping(L, &ctx, framework_value);
    if (rc == CF_OK)
        rc = store_extensions(L, &ctx, &L->fw->ext);
    return rc;
}

/* ---- the document around it ---------------------------------------------- */

static int root_key(loader *L)
{
    static const char *const roots[] = {"framework", NULL};
    const cfi_event *ev = &L->ev;
    if (ev->type != CFI_EV_SCALAR)
        return fail(L, CF_EINVALID, &ev->mark,
                    "expected the key 'framework', found %s",
                    cfi_event_noun(ev));
    if (strcmp(ev->value, "framework") == 0)
        return CF_OK;
    if (strcmp(ev->value, "assessment") == 0 ||
        strcmp(ev->value, "profile") == 0)
        return fail(L, CF_EINVALID, &ev->mark,
                    "this is %s %s document, not a framework (expected the "
                    "key 'framework')",
                    ev->value[0] == 'a' ? "an" : "a", ev->value);
    const char *hint = cfi_suggest_list(ev->value, roots);
    if (hint)
        return fail(L, CF_EINVALID, &ev->mark,
                    "unknown key '%s' (did you mean 'framework'?)", ev->value);
    return fail(L, CF_EINVALID, &ev->mark,
                "expected the key 'framework', found '%s'", ev->value);
}

static int parse_root(loader *L)
{
    int rc = next(L);
    if (rc != CF_OK)
        return rc;
    if (L->ev.type == CFI_EV_STREAM_END || cfi_event_is_null(&L->ev))
        return fail(L, CF_EINVALID, &L->ev.mark,
                    "empty document: expected a mapping with the key "
                    "'framework'");
    if (L->ev.type != CFI_EV_MAPPING_START)
        return fail(L, CF_EINVALID, &L->ev.mark,
                    "expected a mapping with the key 'framework', found %s",
                    cfi_event_noun(&L->ev));
    rc = next(L);
    if (rc == CF_OK && L->ev.type == CFI_EV_MAPPING_END)
        return fail(L, CF_EINVALID, &L->ev.mark,
                    "empty mapping: expected the key 'framework'");
    if (rc == CF_OK)
        rc = root_key(L);
    if (rc == CF_OK)
        rc = parse_framework(L);
    if (rc == CF_OK)
        rc = next(L);
    if (rc == CF_OK && L->ev.type != CFI_EV_MAPPING_END)
        return fail(L, CF_EINVALID, &L->ev.mark,
                    "unexpected %s '%s' after the framework: a framework "
                    "document has the single key 'framework'",
                    strcmp(L->ev.value ? L->ev.value : "", "framework") == 0
                        ? "duplicate key"
                        : "key",
                    L->ev.value ? L->ev.value : "");
    return rc;
}

static int parse_stream(loader *L)
{
    int rc = next(L); /* stream start */
    if (rc == CF_OK)
        rc = next(L);
    if (rc != CF_OK)
        return rc;
    if (L->ev.type == CFI_EV_STREAM_END)
        return fail(L, CF_EINVALID, &L->ev.mark,
                    "empty document: expected a mapping with the key "
                    "'framework'");
    rc = parse_root(L);
    if (rc == CF_OK)
        rc = next(L); /* document end */
    if (rc == CF_OK)
        rc = next(L);
    if (rc == CF_OK && L->ev.type != CFI_EV_STREAM_END)
        return fail(L, CF_EINVALID, &L->ev.mark,
                    "more than one document: a framework file holds exactly "
                    "one");
    return rc;
}

/* ---- finishing: references, derived fields, pointers ------------------ */

static const char *scale_id_at(const void *ctx, size_t i)
{
    return ((const cf_framework *)ctx)->scales[i].id;
}

static size_t find_scale(const cf_framework *fw, const char *id)
{
    for (size_t i = 0; i < fw->scale_count; i++)
        if (strcmp(fw->scales[i].id, id) == 0)
            return i;
    return CFI_NONE;
}

static int resolve_scale(loader *L, const char *name, const cfi_mark *mark,
                         size_t *out)
{
    *out = find_scale(L->fw, name);
    if (*out != CFI_NONE)
        return CF_OK;
    const char *hint =
        cfi_suggest(name, scale_id_at, L->fw, L->fw->scale_count);
    if (hint)
        return fail(L, CF_EINVALID, mark,
                    "unknown scale '%s' (did you mean '%s'?)", name, hint);
    return fail(L, CF_EINVALID, mark,
                "unknown scale '%s' (the framework's scales are listed under "
                "'scales')",
                name);
}

static int resolve_scales(loader *L)
{
    cf_framework *fw = L->fw;
    int rc = CF_OK;
    if (L->default_scale)
        rc = resolve_scale(L, L->default_scale, &L->default_scale_mark,
                           &fw->default_scale);
    else if (fw->scale_count == 1)
        fw->default_scale = 0;
    else
        rc = fail(L, CF_EINVALID, &L->framework_mark,
                  "missing required key 'default_scale' in the framework "
                  "(required when there is more than one scale)");
    for (size_t i = 0; rc == CF_OK && i < L->scale_ref_count; i++) {
        const scale_ref *ref = &L->scale_refs[i];
        rc = resolve_scale(L, ref->name, &ref->mark,
                           &fw->elements[ref->element].own_scale);
    }
    return rc;
}

static int link_tree(loader *L)
{
    cf_framework *fw = L->fw;
    size_t n = fw->element_count;
    fw->children = cfi_alloc(L->a, n * sizeof *fw->children);
    fw->roots = cfi_alloc(L->a, n * sizeof *fw->roots);
    if (!fw->children || !fw->roots)
        return out_of_memory(L);
    size_t next_child = 0;
    for (size_t i = 0; i < n; i++) {
        cf_element *el = &fw->elements[i];
        el->framework = fw;
        el->child_first = next_child;
        for (size_t c = i + 1; c < el->subtree_end;
             c = fw->elements[c].subtree_end)
            fw->children[next_child++] = c;
        if (el->own_scale != CFI_NONE)
            el->scale = el->own_scale;
        else if (el->parent != CFI_NONE)
            el->scale = fw->elements[el->parent].scale;
        else
            el->scale = fw->default_scale;
        if (!el->kind && el->depth < fw->hierarchy_count)
            el->kind = fw->hierarchy[el->depth];
        el->ext.items = fw->ext_items + el->ext.first;
    }
    for (size_t i = 0; i < n; i = fw->elements[i].subtree_end)
        fw->roots[fw->root_count++] = i;
    return CF_OK;
}

static void link_pointers(cf_framework *fw)
{
    fw->ext.items = fw->ext_items + fw->ext.first;
    for (size_t i = 0; i < fw->scale_count; i++) {
        cf_scale *scale = &fw->scales[i];
        scale->levels = fw->levels + scale->level_first;
        scale->ext.items = fw->ext_items + scale->ext.first;
    }
    for (size_t i = 0; i < fw->level_count; i++)
        fw->levels[i].ext.items = fw->ext_items + fw->levels[i].ext.first;
}

static int finish_framework(loader *L)
{
    int rc = resolve_scales(L);
    if (rc == CF_OK)
        rc = link_tree(L);
    if (rc == CF_OK)
        link_pointers(L->fw);
    return rc;
}

/* ---- entry point -------------------------------------------------------- */

/*
 * A document that breaks a rule of the format may also be malformed YAML
 * further on (a mis-indented key ends a mapping early, and the loader sees
 * a missing key first). The syntax error is then the real cause: report it.
 */
static int prefer_syntax_error(loader *L, int rc)
{
    cf_error syntax;
    memset(&syntax, 0, sizeof syntax);
    if (cfi_reader_find_syntax_error(L->reader, &syntax) != CF_ESYNTAX)
        return rc;
    if (L->err)
        *L->err = syntax;
    return CF_ESYNTAX;
}

static void loader_free(loader *L)
{
    cfi_reader_free(L->reader);
    cfi_release(L->a, L->ext_stack);
    cfi_release(L->a, L->scale_refs);
    cfi_buf_free(L->a, &L->json);
}

int cfi_framework_load(cf_framework **out, const char *data, size_t len,
                       const char *source, const cf_load_options *opts,
                       cf_error *err)
{
    loader L;
    memset(&L, 0, sizeof L);
    L.err = err;
    L.source = source;
    int rc = cfi_options_resolve(&L.opts, opts, err, source);
    if (rc != CF_OK)
        return rc;
    L.a = cfi_allocator_or_default(L.opts.allocator);
    if (len > L.opts.max_input_bytes)
        return fail(&L, CF_ELIMIT, NULL,
                    "the input is larger than the limit of %zu bytes "
                    "(max_input_bytes)",
                    L.opts.max_input_bytes);
    L.fw = cfi_framework_new(L.a);
    if (!L.fw)
        return out_of_memory(&L);
    rc = copy_text(&L, source, strlen(source), &L.fw->source);
    cfi_reader_config config = {L.a, source, L.opts.max_nesting,
                                L.opts.max_alias_events,
                                L.opts.max_string_bytes};
    if (rc == CF_OK) {
        L.reader = cfi_reader_new(&config, data, len);
        if (!L.reader)
            rc = out_of_memory(&L);
    }
    if (rc == CF_OK)
        rc = parse_stream(&L);
    if (rc == CF_EINVALID)
        rc = prefer_syntax_error(&L, rc);
    if (rc == CF_OK)
        rc = finish_framework(&L);
    loader_free(&L);
    if (rc != CF_OK) {
        cfi_framework_destroy(L.fw);
        cfi_error_fix_offset(err, data, len);
        return rc;
    }
    *out = L.fw;
    return CF_OK;
}
