/*
 * The framework loader: one pass over the YAML events, straight into the
 * flat arrays of cf_framework. References that may point forward (scale
 * ids) are resolved when the document ends, by finish_framework().
 */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* An element's `scale`, resolved when the document ends. */
typedef struct scale_ref {
    size_t element;
    const char *name;
    cfi_mark mark;
} scale_ref;

/* A relation to an element named by id, resolved when the document ends. */
typedef struct relation_ref {
    size_t element;
    cf_relation kind;
    const char *target;
    cfi_mark mark;
} relation_ref;

typedef struct loader {
    cfi_doc doc; /* first: handlers get &loader.doc */
    cf_framework *fw;
    cf_load_options opts;
    size_t element_cap, scale_cap, level_cap, hierarchy_cap;
    scale_ref *scale_refs;
    size_t scale_ref_count, scale_ref_cap;
    relation_ref *relation_refs;
    size_t relation_ref_count, relation_ref_cap;
    const char *default_scale;
    cfi_mark default_scale_mark;
    cfi_mark framework_mark;
    /* the current scale's proficient level, resolved when the scale ends */
    const char *proficient;
    int proficient_plain;
    cfi_mark proficient_mark;
} loader;

/* ---- levels and scales ------------------------------------------------ */

static const cfi_key level_keys[] = {
    {"value", 1}, {"label", 1}, {"description", 0}, {NULL, 0}};
enum { LEVEL_VALUE, LEVEL_LABEL, LEVEL_DESCRIPTION };

static int level_value(cfi_doc *doc, cfi_mapping *ctx, size_t key)
{
    loader *L = (loader *)doc;
    cf_level *level = &L->fw->levels[ctx->index];
    if (key == LEVEL_VALUE) {
        cfi_number_kind kind;
        int rc =
            cfi_doc_read_number(&L->doc, ctx, "value", &level->value, &kind);
        if (rc == CF_OK && kind != CFI_NUMBER_FINITE)
            rc = cfi_doc_fail(&L->doc, CF_EINVALID, &L->doc.ev.mark,
                              "level value must be a finite number, found '%s'",
                              L->doc.ev.value);
        level->mark = L->doc.ev.mark;
        return rc;
    }
    if (key == LEVEL_LABEL) {
        int rc = cfi_doc_read_string(&L->doc, ctx, "label", 1, &level->label);
        ctx->name = level->label;
        level->label_mark = L->doc.ev.mark;
        return rc;
    }
    return cfi_doc_read_string(&L->doc, ctx, "description", 0,
                               &level->description);
}

/* Checks the newest level of a scale against the ones before it. */
static int check_level(loader *L, const cf_scale *scale)
{
    const cf_level *levels = L->fw->levels + scale->level_first;
    const cf_level *last = &levels[scale->level_count - 1];
    for (size_t i = 0; i + 1 < scale->level_count; i++) {
        if (levels[i].value == last->value)
            return cfi_doc_fail(
                &L->doc, CF_EINVALID, &last->mark,
                "duplicate level value %g in scale '%s' (first at "
                "line %zu, column %zu)",
                last->value, scale->id, levels[i].mark.line,
                levels[i].mark.column);
        if (strcmp(levels[i].label, last->label) == 0)
            return cfi_doc_fail(
                &L->doc, CF_EINVALID, &last->label_mark,
                "duplicate level label '%s' in scale '%s' (first at "
                "line %zu, column %zu)",
                last->label, scale->id, levels[i].label_mark.line,
                levels[i].label_mark.column);
    }
    if (scale->level_count > 1 &&
        levels[scale->level_count - 2].value > last->value)
        return cfi_doc_fail(
            &L->doc, CF_EINVALID, &last->mark,
            "level values must increase: %g follows %g in scale "
            "'%s' (list levels from lowest to highest)",
            last->value, levels[scale->level_count - 2].value, scale->id);
    return CF_OK;
}

static int parse_level(loader *L, size_t scale_index)
{
    cf_framework *fw = L->fw;
    int rc = cfi_doc_expect_mapping(&L->doc, "a level");
    if (rc == CF_OK)
        rc = cfi_doc_grow(&L->doc, &fw->levels, &L->level_cap,
                          fw->level_count + 1, sizeof *fw->levels);
    if (rc != CF_OK)
        return rc;
    size_t index = fw->level_count++;
    cf_level *level = &fw->levels[index];
    memset(level, 0, sizeof *level);
    cf_scale *scale = &fw->scales[scale_index];
    level->index = scale->level_count++;
    cfi_mapping ctx = {.kind = "level", .keys = level_keys, .index = index};
    rc = cfi_doc_read_mapping(&L->doc, &ctx, level_value);
    if (rc == CF_OK)
        rc = cfi_doc_store_extensions(&L->doc, &ctx, &L->fw->exts,
                                      &fw->levels[index].ext);
    if (rc == CF_OK)
        rc = check_level(L, scale);
    return rc;
}

static int parse_levels(loader *L, cfi_mapping *ctx)
{
    int rc = cfi_doc_next(&L->doc);
    if (rc == CF_OK)
        rc = cfi_doc_expect_sequence(&L->doc, ctx, "levels", "levels");
    if (rc != CF_OK)
        return rc;
    cfi_mark start = L->doc.ev.mark;
    L->fw->scales[ctx->index].level_first = L->fw->level_count;
    for (;;) {
        rc = cfi_doc_next(&L->doc);
        if (rc != CF_OK)
            return rc;
        if (L->doc.ev.type == CFI_EV_SEQUENCE_END)
            break;
        rc = parse_level(L, ctx->index);
        if (rc != CF_OK)
            return rc;
    }
    if (L->fw->scales[ctx->index].level_count == 0)
        return cfi_doc_fail(&L->doc, CF_EINVALID, &start,
                            "'levels' in %s must list at least one level",
                            cfi_doc_describe(&L->doc, ctx));
    return CF_OK;
}

static const cfi_key scale_keys[] = {{"id", 1},          {"title", 0},
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
            return cfi_doc_fail(
                &L->doc, CF_EINVALID, &scales[index].mark,
                "duplicate scale id '%s' (first defined at line %zu, "
                "column %zu)",
                scales[index].id, scales[i].mark.line, scales[i].mark.column);
    return CF_OK;
}

static int scale_value(cfi_doc *doc, cfi_mapping *ctx, size_t key)
{
    loader *L = (loader *)doc;
    cf_scale *scale = &L->fw->scales[ctx->index];
    switch (key) {
    case SCALE_ID: {
        int rc = cfi_doc_read_id(&L->doc, ctx, "id", &scale->id);
        scale->mark = L->doc.ev.mark;
        return rc == CF_OK ? check_scale_id(L, ctx->index) : rc;
    }
    case SCALE_TITLE:
        return cfi_doc_read_string(&L->doc, ctx, "title", 0, &scale->title);
    case SCALE_DESCRIPTION:
        return cfi_doc_read_string(&L->doc, ctx, "description", 0,
                                   &scale->description);
    case SCALE_LEVELS:
        return parse_levels(L, ctx);
    default: {
        int rc =
            cfi_doc_read_string(&L->doc, ctx, "proficient", 1, &L->proficient);
        L->proficient_plain = L->doc.ev.plain;
        L->proficient_mark = L->doc.ev.mark;
        return rc;
    }
    }
}

/* The scale's proficient level, given as a level value or a label. */
static int resolve_proficient(loader *L, const cfi_mapping *ctx)
{
    cf_framework *fw = L->fw;
    cf_scale *scale = &fw->scales[ctx->index];
    const cf_level *levels = fw->levels + scale->level_first;
    double value;
    int numeric = L->proficient_plain &&
                  cfi_parse_number(L->proficient, strlen(L->proficient),
                                   &value) == CFI_NUMBER_FINITE;
    for (size_t i = 0; i < scale->level_count; i++) {
        if ((numeric && levels[i].value == value) ||
            strcmp(levels[i].label, L->proficient) == 0) {
            scale->proficient = i;
            return CF_OK;
        }
    }
    return cfi_doc_fail(
        &L->doc, CF_EINVALID, &L->proficient_mark,
        "proficient level '%s' is not a level of scale '%s' (give "
        "one of its level values or labels)",
        L->proficient, scale->id);
}

static int parse_scale(loader *L)
{
    cf_framework *fw = L->fw;
    int rc = cfi_doc_expect_mapping(&L->doc, "a scale");
    if (rc == CF_OK)
        rc = cfi_doc_grow(&L->doc, &fw->scales, &L->scale_cap,
                          fw->scale_count + 1, sizeof *fw->scales);
    if (rc != CF_OK)
        return rc;
    size_t index = fw->scale_count++;
    memset(&fw->scales[index], 0, sizeof fw->scales[index]);
    fw->scales[index].index = index;
    cfi_mapping ctx = {.kind = "scale", .keys = scale_keys, .index = index};
    rc = cfi_doc_read_mapping(&L->doc, &ctx, scale_value);
    if (rc == CF_OK)
        rc = cfi_doc_store_extensions(&L->doc, &ctx, &L->fw->exts,
                                      &fw->scales[index].ext);
    if (rc == CF_OK)
        rc = resolve_proficient(L, &ctx);
    if (rc == CF_OK && !fw->scales[index].title)
        fw->scales[index].title = fw->scales[index].id;
    return rc;
}

/* ---- elements ------------------------------------------------------------ */

/* The relation keys come last, in cf_relation order. */
static const cfi_key element_keys[] = {
    {"id", 1},      {"title", 1},       {"description", 0}, {"kind", 0},
    {"weight", 0},  {"rollup", 0},      {"scale", 0},       {"children", 0},
    {"related", 0}, {"exact_match", 0}, {"precedes", 0},    {"replaced_by", 0},
    {NULL, 0}};
enum {
    ELEMENT_ID,
    ELEMENT_TITLE,
    ELEMENT_DESCRIPTION,
    ELEMENT_KIND,
    ELEMENT_WEIGHT,
    ELEMENT_ROLLUP,
    ELEMENT_SCALE,
    ELEMENT_CHILDREN,
    ELEMENT_RELATED /* then exact_match, precedes, replaced_by */
};

static int parse_element_list(loader *L, const cfi_mapping *ctx,
                              const char *key, size_t parent, size_t depth);

static int element_id(loader *L, cfi_mapping *ctx)
{
    cf_element *el = &L->fw->elements[ctx->index];
    int rc = cfi_doc_read_id(&L->doc, ctx, "id", &el->id);
    if (rc != CF_OK)
        return rc;
    el->id_mark = L->doc.ev.mark;
    size_t first;
    if (cfi_idmap_insert(L->doc.a, &L->fw->ids, el->id, ctx->index, &first) !=
        CF_OK)
        return cfi_doc_oom(&L->doc);
    if (first == CFI_NONE)
        return CF_OK;
    const cfi_mark *at = &L->fw->elements[first].id_mark;
    return cfi_doc_fail(&L->doc, CF_EINVALID, &el->id_mark,
                        "duplicate element id '%s' (first defined at line %zu, "
                        "column %zu)",
                        el->id, at->line, at->column);
}

static int element_weight(loader *L, cfi_mapping *ctx)
{
    cfi_number_kind kind;
    double weight = 0;
    int rc = cfi_doc_read_number(&L->doc, ctx, "weight", &weight, &kind);
    if (rc != CF_OK)
        return rc;
    if (kind != CFI_NUMBER_FINITE || !(weight > 0))
        return cfi_doc_fail(
            &L->doc, CF_EINVALID, &L->doc.ev.mark,
            "weight must be a positive finite number, found '%s' in "
            "%s",
            L->doc.ev.value, cfi_doc_describe(&L->doc, ctx));
    L->fw->elements[ctx->index].weight = weight;
    return CF_OK;
}

static int element_rollup(loader *L, cfi_mapping *ctx)
{
    static const char *const rollups[] = {"mean", "min", "max", NULL};
    const char *text;
    int rc = cfi_doc_read_string(&L->doc, ctx, "rollup", 1, &text);
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
        return cfi_doc_fail(
            &L->doc, CF_EINVALID, &L->doc.ev.mark,
            "unknown rollup '%s' in %s (did you mean '%s'? expected "
            "mean, min or max)",
            text, cfi_doc_describe(&L->doc, ctx), hint);
    return cfi_doc_fail(&L->doc, CF_EINVALID, &L->doc.ev.mark,
                        "unknown rollup '%s' in %s (expected mean, min or max)",
                        text, cfi_doc_describe(&L->doc, ctx));
}

static int element_scale(loader *L, cfi_mapping *ctx)
{
    scale_ref ref = {ctx->index, NULL, {0, 0, 0}};
    int rc = cfi_doc_read_string(&L->doc, ctx, "scale", 1, &ref.name);
    if (rc == CF_OK)
        rc = cfi_doc_grow(&L->doc, &L->scale_refs, &L->scale_ref_cap,
                          L->scale_ref_count + 1, sizeof *L->scale_refs);
    if (rc != CF_OK)
        return rc;
    ref.mark = L->doc.ev.mark;
    L->scale_refs[L->scale_ref_count++] = ref;
    return CF_OK;
}

static int add_relation_ref(loader *L, const cfi_mapping *ctx, cf_relation kind)
{
    relation_ref ref = {ctx->index, kind, NULL, L->doc.ev.mark};
    int rc =
        cfi_doc_copy(&L->doc, L->doc.ev.value, L->doc.ev.length, &ref.target);
    if (rc == CF_OK)
        rc = cfi_doc_grow(&L->doc, &L->relation_refs, &L->relation_ref_cap,
                          L->relation_ref_count + 1, sizeof *L->relation_refs);
    if (rc == CF_OK)
        L->relation_refs[L->relation_ref_count++] = ref;
    return rc;
}

/* One element id, or a sequence of them, under a relation key. */
static int element_relations(loader *L, cfi_mapping *ctx, cf_relation kind)
{
    const char *key = element_keys[ELEMENT_RELATED + kind].name;
    int rc = cfi_doc_next(&L->doc);
    if (rc != CF_OK)
        return rc;
    int many = L->doc.ev.type == CFI_EV_SEQUENCE_START;
    if (many)
        rc = cfi_doc_next(&L->doc);
    while (rc == CF_OK && !(many && L->doc.ev.type == CFI_EV_SEQUENCE_END)) {
        const cfi_event *ev = &L->doc.ev;
        if (ev->type != CFI_EV_SCALAR || cfi_event_is_null(ev) ||
            ev->length == 0)
            return cfi_doc_fail(&L->doc, CF_EINVALID, &ev->mark,
                                "expected an element id or a sequence of "
                                "them for '%s' in %s, found %s",
                                key, cfi_doc_describe(&L->doc, ctx),
                                cfi_event_noun(ev));
        rc = add_relation_ref(L, ctx, kind);
        if (rc != CF_OK || !many)
            break;
        rc = cfi_doc_next(&L->doc);
    }
    return rc;
}

static int element_value(cfi_doc *doc, cfi_mapping *ctx, size_t key)
{
    loader *L = (loader *)doc;
    cf_element *el = &L->fw->elements[ctx->index];
    switch (key) {
    case ELEMENT_ID:
        return element_id(L, ctx);
    case ELEMENT_TITLE:
        return cfi_doc_read_string(&L->doc, ctx, "title", 1, &el->title);
    case ELEMENT_DESCRIPTION:
        return cfi_doc_read_string(&L->doc, ctx, "description", 0,
                                   &el->description);
    case ELEMENT_KIND:
        return cfi_doc_read_string(&L->doc, ctx, "kind", 0, &el->kind);
    case ELEMENT_WEIGHT:
        return element_weight(L, ctx);
    case ELEMENT_ROLLUP:
        return element_rollup(L, ctx);
    case ELEMENT_SCALE:
        return element_scale(L, ctx);
    case ELEMENT_CHILDREN: {
        size_t depth = el->depth;
        return parse_element_list(L, ctx, "children", ctx->index, depth + 1);
    }
    default:
        return element_relations(L, ctx, (cf_relation)(key - ELEMENT_RELATED));
    }
}

static int new_element(loader *L, size_t parent, size_t depth, size_t *index)
{
    cf_framework *fw = L->fw;
    if (depth >= L->opts.max_depth)
        return cfi_doc_fail(
            &L->doc, CF_ELIMIT, &L->doc.ev.mark,
            "elements nested too deeply: more than %zu level%s (the "
            "limit max_depth; a program can raise it in cf_load_options)",
            L->opts.max_depth, L->opts.max_depth == 1 ? "" : "s");
    if (fw->element_count >= L->opts.max_elements)
        return cfi_doc_fail(&L->doc, CF_ELIMIT, &L->doc.ev.mark,
                            "more than %zu elements (the limit max_elements; a "
                            "program can raise it in cf_load_options)",
                            L->opts.max_elements);
    int rc = cfi_doc_grow(&L->doc, &fw->elements, &L->element_cap,
                          fw->element_count + 1, sizeof *fw->elements);
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
    int rc = cfi_doc_expect_mapping(&L->doc, "an element");
    if (rc == CF_OK)
        rc = new_element(L, parent, depth, &index);
    if (rc != CF_OK)
        return rc;
    cfi_mapping ctx = {.kind = "element", .keys = element_keys, .index = index};
    rc = cfi_doc_read_mapping(&L->doc, &ctx, element_value);
    if (rc == CF_OK)
        rc = cfi_doc_store_extensions(&L->doc, &ctx, &L->fw->exts,
                                      &L->fw->elements[index].ext);
    L->fw->elements[index].subtree_end = L->fw->element_count;
    return rc;
}

/*
 * Reads the sequence of elements under key; the top-level one (parent
 * CFI_NONE) must not be empty.
 */
static int parse_element_list(loader *L, const cfi_mapping *ctx,
                              const char *key, size_t parent, size_t depth)
{
    int rc = cfi_doc_next(&L->doc);
    if (rc == CF_OK)
        rc = cfi_doc_expect_sequence(&L->doc, ctx, key, "elements");
    cfi_mark start = L->doc.ev.mark;
    size_t count = 0;
    while (rc == CF_OK) {
        rc = cfi_doc_next(&L->doc);
        if (rc != CF_OK || L->doc.ev.type == CFI_EV_SEQUENCE_END)
            break;
        rc = parse_element(L, parent, depth);
        count++;
    }
    if (rc == CF_OK && count == 0 && parent == CFI_NONE)
        rc = cfi_doc_fail(&L->doc, CF_EINVALID, &start,
                          "'%s' must list at least one element", key);
    return rc;
}

/* ---- the framework mapping -------------------------------------------- */

static const cfi_key framework_keys[] = {
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

static int parse_scales(loader *L, cfi_mapping *ctx)
{
    int rc = cfi_doc_next(&L->doc);
    if (rc == CF_OK)
        rc = cfi_doc_expect_sequence(&L->doc, ctx, "scales", "scales");
    cfi_mark start = L->doc.ev.mark;
    while (rc == CF_OK) {
        rc = cfi_doc_next(&L->doc);
        if (rc != CF_OK || L->doc.ev.type == CFI_EV_SEQUENCE_END)
            break;
        rc = parse_scale(L);
    }
    if (rc == CF_OK && L->fw->scale_count == 0)
        rc = cfi_doc_fail(&L->doc, CF_EINVALID, &start,
                          "'scales' must list at least one scale");
    return rc;
}

static int parse_hierarchy(loader *L, cfi_mapping *ctx)
{
    cf_framework *fw = L->fw;
    int rc = cfi_doc_next(&L->doc);
    if (rc == CF_OK)
        rc = cfi_doc_expect_sequence(&L->doc, ctx, "hierarchy", "kind names");
    while (rc == CF_OK) {
        rc = cfi_doc_next(&L->doc);
        if (rc != CF_OK || L->doc.ev.type == CFI_EV_SEQUENCE_END)
            break;
        if (L->doc.ev.type != CFI_EV_SCALAR || cfi_event_is_null(&L->doc.ev) ||
            L->doc.ev.length == 0)
            return cfi_doc_fail(&L->doc, CF_EINVALID, &L->doc.ev.mark,
                                "expected a kind name in 'hierarchy', found %s",
                                L->doc.ev.type == CFI_EV_SCALAR
                                    ? "an empty value"
                                    : cfi_event_noun(&L->doc.ev));
        rc = cfi_doc_grow(&L->doc, &fw->hierarchy, &L->hierarchy_cap,
                          fw->hierarchy_count + 1, sizeof *fw->hierarchy);
        if (rc == CF_OK)
            rc = cfi_doc_copy(&L->doc, L->doc.ev.value, L->doc.ev.length,
                              &fw->hierarchy[fw->hierarchy_count]);
        if (rc == CF_OK)
            fw->hierarchy_count++;
    }
    return rc;
}

static int framework_value(cfi_doc *doc, cfi_mapping *ctx, size_t key)
{
    loader *L = (loader *)doc;
    cf_framework *fw = L->fw;
    switch (key) {
    case FRAMEWORK_ID:
        return cfi_doc_read_id(&L->doc, ctx, "id", &fw->id);
    case FRAMEWORK_TITLE:
        return cfi_doc_read_string(&L->doc, ctx, "title", 1, &fw->title);
    case FRAMEWORK_VERSION:
        return cfi_doc_read_string(&L->doc, ctx, "version", 0, &fw->version);
    case FRAMEWORK_PUBLISHER:
        return cfi_doc_read_string(&L->doc, ctx, "publisher", 0,
                                   &fw->publisher);
    case FRAMEWORK_LANGUAGE:
        return cfi_doc_read_string(&L->doc, ctx, "language", 0, &fw->language);
    case FRAMEWORK_DESCRIPTION:
        return cfi_doc_read_string(&L->doc, ctx, "description", 0,
                                   &fw->description);
    case FRAMEWORK_SCALES:
        return parse_scales(L, ctx);
    case FRAMEWORK_DEFAULT_SCALE: {
        int rc = cfi_doc_read_string(&L->doc, ctx, "default_scale", 1,
                                     &L->default_scale);
        L->default_scale_mark = L->doc.ev.mark;
        return rc;
    }
    case FRAMEWORK_HIERARCHY:
        return parse_hierarchy(L, ctx);
    default:
        return parse_element_list(L, ctx, "elements", CFI_NONE, 0);
    }
}

/* Reads the framework mapping, whose start is the current event. */
static int parse_framework(cfi_doc *doc)
{
    loader *L = (loader *)doc;
    L->framework_mark = L->doc.ev.mark;
    cfi_mapping ctx = {
        .kind = "framework", .singular = 1, .keys = framework_keys};
    int rc = cfi_doc_read_mapping(&L->doc, &ctx, framework_value);
    if (rc == CF_OK)
        rc = cfi_doc_store_extensions(&L->doc, &ctx, &L->fw->exts, &L->fw->ext);
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
        return cfi_doc_fail(&L->doc, CF_EINVALID, mark,
                            "unknown scale '%s' (did you mean '%s'?)", name,
                            hint);
    return cfi_doc_fail(
        &L->doc, CF_EINVALID, mark,
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
        rc = cfi_doc_fail(
            &L->doc, CF_EINVALID, &L->framework_mark,
            "missing required key 'default_scale' in the framework "
            "(required when there is more than one scale)");
    for (size_t i = 0; rc == CF_OK && i < L->scale_ref_count; i++) {
        const scale_ref *ref = &L->scale_refs[i];
        rc = resolve_scale(L, ref->name, &ref->mark,
                           &fw->elements[ref->element].own_scale);
    }
    return rc;
}

/* Resolves relation targets and stores the relations in the framework. */
static int resolve_relations(loader *L)
{
    cf_framework *fw = L->fw;
    size_t n = L->relation_ref_count;
    if (n == 0)
        return CF_OK;
    cfi_relation *rels = cfi_alloc(L->doc.a, n * sizeof *rels);
    if (!rels)
        return cfi_doc_oom(&L->doc);
    int rc = CF_OK;
    for (size_t i = 0; i < n && rc == CF_OK; i++) {
        const relation_ref *ref = &L->relation_refs[i];
        const char *key = element_keys[ELEMENT_RELATED + ref->kind].name;
        const char *from = fw->elements[ref->element].id;
        size_t target = cfi_idmap_find(&fw->ids, ref->target);
        if (target == CFI_NONE) {
            rc = cfi_unknown_element(fw, ref->target, L->doc.source, &ref->mark,
                                     L->doc.err);
            continue;
        }
        if (target == ref->element)
            rc = cfi_doc_fail(&L->doc, CF_EINVALID, &ref->mark,
                              "element '%s' names itself in '%s'", from, key);
        for (size_t j = 0; rc == CF_OK && j < i; j++)
            if (rels[j].element == ref->element && rels[j].kind == ref->kind &&
                rels[j].target == target)
                rc = cfi_doc_fail(&L->doc, CF_EINVALID, &ref->mark,
                                  "'%s' is named twice in '%s' of element "
                                  "'%s'",
                                  ref->target, key, from);
        cfi_relation rel = {ref->element, target, ref->kind};
        rels[i] = rel;
    }
    if (rc == CF_OK && cfi_framework_set_relations(fw, rels, n) != CF_OK)
        rc = cfi_doc_oom(&L->doc);
    cfi_release(L->doc.a, rels);
    return rc;
}

static int finish_framework(loader *L)
{
    int rc = resolve_scales(L);
    if (rc == CF_OK)
        rc = resolve_relations(L);
    if (rc == CF_OK && cfi_framework_link(L->fw) != CF_OK)
        rc = cfi_doc_oom(&L->doc);
    return rc;
}

/* ---- entry point -------------------------------------------------------- */

int cfi_framework_load(cf_framework **out, const char *data, size_t len,
                       const char *source, const cf_load_options *opts,
                       cf_error *err)
{
    loader L;
    memset(&L, 0, sizeof L);
    int rc = cfi_options_resolve(&L.opts, opts, err, source);
    if (rc != CF_OK)
        return rc;
    const cf_allocator *a = cfi_allocator_or_default(L.opts.allocator);
    L.fw = cfi_framework_new(a);
    if (!L.fw)
        return cfi_fail(err, CF_ENOMEM, source, NULL, "out of memory");
    rc = cfi_doc_open(&L.doc, data, len, source, &L.opts, &L.fw->strings, err);
    if (rc == CF_OK)
        rc = cfi_doc_copy(&L.doc, source, strlen(source), &L.fw->source);
    if (rc == CF_OK)
        rc = cfi_doc_read_single(&L.doc, "framework", parse_framework);
    if (rc != CF_OK)
        rc = cfi_doc_prefer_syntax_error(&L.doc, rc);
    if (rc == CF_OK)
        rc = finish_framework(&L);
    cfi_doc_close(&L.doc);
    cfi_release(a, L.scale_refs);
    cfi_release(a, L.relation_refs);
    if (rc != CF_OK) {
        cfi_framework_destroy(L.fw);
        cfi_error_fix_offset(err, data, len);
        return rc;
    }
    *out = L.fw;
    return CF_OK;
}
