/*
 * Building a framework piece by piece, for importers of other formats
 * (CASE JSON, Moodle CSV): the same model and the same checks as the YAML
 * loader, without a YAML document behind it.
 */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* An x- key waiting for its owner's range in the framework. */
typedef struct pending_ext {
    cfi_owner owner;
    size_t index;
    size_t seq; /* the order added, kept within an owner */
    cfi_ext_item item;
} pending_ext;

struct cfi_builder {
    cf_framework *fw;
    cf_load_options opts;
    size_t element_cap, scale_cap, level_cap, hierarchy_cap;
    size_t *open; /* the last element added and its ancestors, root first */
    size_t open_count, open_cap;
    cfi_relation *relations;
    size_t relation_count, relation_cap;
    pending_ext *exts;
    size_t ext_count, ext_cap;
};

static const cf_allocator *alloc_of(const cfi_builder *b)
{
    return &b->fw->allocator;
}

static int oom(const cfi_builder *b, cf_error *err)
{
    return cfi_fail(err, CF_ENOMEM, b->fw->source, NULL, "out of memory");
}

static int grow(cfi_builder *b, void *items, size_t *cap, size_t need,
                size_t size, cf_error *err)
{
    if (cfi_reserve(alloc_of(b), items, cap, need, size) != CF_OK)
        return oom(b, err);
    return CF_OK;
}

/* Copies text (NULL stays NULL) into the framework's arena. */
static int copy(cfi_builder *b, const char *text, const char **out,
                cf_error *err)
{
    *out = NULL;
    if (!text)
        return CF_OK;
    *out = cfi_arena_strndup(alloc_of(b), &b->fw->strings, text, strlen(text));
    return *out ? CF_OK : oom(b, err);
}

cfi_builder *cfi_builder_new(const cf_load_options *opts, const char *source)
{
    const cf_allocator *a = cfi_allocator_or_default(opts->allocator);
    cfi_builder *b = cfi_alloc(a, sizeof *b);
    if (!b)
        return NULL;
    memset(b, 0, sizeof *b);
    b->opts = *opts;
    b->fw = cfi_framework_new(a);
    if (b->fw)
        b->fw->source =
            cfi_arena_strndup(a, &b->fw->strings, source, strlen(source));
    if (!b->fw || !b->fw->source) {
        cfi_builder_free(b);
        return NULL;
    }
    return b;
}

void cfi_builder_free(cfi_builder *b)
{
    if (!b)
        return;
    const cf_allocator a =
        b->fw ? b->fw->allocator : *cfi_allocator_or_default(b->opts.allocator);
    cfi_release(&a, b->open);
    cfi_release(&a, b->relations);
    cfi_release(&a, b->exts);
    cfi_framework_destroy(b->fw);
    cfi_release(&a, b);
}

const cf_allocator *cfi_builder_allocator(const cfi_builder *b)
{
    return alloc_of(b);
}

int cfi_builder_set_meta(cfi_builder *b, cfi_meta field, const char *value,
                         cf_error *err)
{
    cf_framework *fw = b->fw;
    const char **slot[] = {&fw->id,        &fw->title,    &fw->version,
                           &fw->publisher, &fw->language, &fw->description};
    if (field == CFI_META_ID && value && !cfi_is_valid_id(value, strlen(value)))
        return cfi_fail(err, CF_EINVALID, fw->source, NULL,
                        "malformed framework id '%s': an id starts with a "
                        "letter or digit, followed by letters, digits, '.', "
                        "'_', ':' or '-'",
                        value);
    return copy(b, value && *value ? value : NULL, slot[field], err);
}

int cfi_builder_add_hierarchy(cfi_builder *b, const char *name, cf_error *err)
{
    cf_framework *fw = b->fw;
    int rc = grow(b, &fw->hierarchy, &b->hierarchy_cap, fw->hierarchy_count + 1,
                  sizeof *fw->hierarchy, err);
    if (rc == CF_OK)
        rc = copy(b, name, &fw->hierarchy[fw->hierarchy_count], err);
    if (rc == CF_OK)
        fw->hierarchy_count++;
    return rc;
}

int cfi_builder_add_scale(cfi_builder *b, const char *id, const char *title,
                          const char *description, size_t *index, cf_error *err)
{
    cf_framework *fw = b->fw;
    if (!id || !cfi_is_valid_id(id, strlen(id)))
        return cfi_fail(err, CF_EINVALID, fw->source, NULL,
                        "malformed scale id '%s'", id ? id : "");
    if (cf_framework_find_scale(fw, id))
        return cfi_fail(err, CF_EINVALID, fw->source, NULL,
                        "duplicate scale id '%s'", id);
    int rc = grow(b, &fw->scales, &b->scale_cap, fw->scale_count + 1,
                  sizeof *fw->scales, err);
    if (rc != CF_OK)
        return rc;
    cf_scale *scale = &fw->scales[fw->scale_count];
    memset(scale, 0, sizeof *scale);
    scale->index = fw->scale_count;
    scale->level_first = fw->level_count;
    scale->proficient = CFI_NONE;
    rc = copy(b, id, &scale->id, err);
    if (rc == CF_OK)
        rc = copy(b, title ? title : id, &scale->title, err);
    if (rc == CF_OK)
        rc = copy(b, description, &scale->description, err);
    if (rc == CF_OK)
        *index = fw->scale_count++;
    return rc;
}

int cfi_builder_add_level(cfi_builder *b, double value, const char *label,
                          const char *description, cf_error *err)
{
    cf_framework *fw = b->fw;
    if (fw->scale_count == 0)
        return cfi_fail(err, CF_EARG, fw->source, NULL,
                        "a level needs a scale added before it");
    cf_scale *scale = &fw->scales[fw->scale_count - 1];
    const cf_level *levels =
        scale->level_count ? fw->levels + scale->level_first : NULL;
    if (!isfinite(value) || !label || !*label)
        return cfi_fail(err, CF_EINVALID, fw->source, NULL,
                        "a level of scale '%s' needs a finite value and a "
                        "label",
                        scale->id);
    for (size_t i = 0; i < scale->level_count; i++)
        if (levels[i].value >= value || strcmp(levels[i].label, label) == 0)
            return cfi_fail(err, CF_EINVALID, fw->source, NULL,
                            "levels of scale '%s' must have increasing "
                            "values and distinct labels ('%s')",
                            scale->id, label);
    int rc = grow(b, &fw->levels, &b->level_cap, fw->level_count + 1,
                  sizeof *fw->levels, err);
    if (rc != CF_OK)
        return rc;
    cf_level *level = &fw->levels[fw->level_count];
    memset(level, 0, sizeof *level);
    level->value = value;
    level->index = scale->level_count;
    rc = copy(b, label, &level->label, err);
    if (rc == CF_OK)
        rc = copy(b, description, &level->description, err);
    if (rc == CF_OK) {
        fw->level_count++;
        scale->level_count++;
    }
    return rc;
}

int cfi_builder_set_proficient(cfi_builder *b, size_t scale, size_t level,
                               cf_error *err)
{
    cf_framework *fw = b->fw;
    if (scale >= fw->scale_count || level >= fw->scales[scale].level_count)
        return cfi_fail(err, CF_EARG, fw->source, NULL,
                        "no level %zu in scale %zu", level, scale);
    fw->scales[scale].proficient = level;
    return CF_OK;
}

int cfi_builder_set_default_scale(cfi_builder *b, size_t scale, cf_error *err)
{
    if (scale >= b->fw->scale_count)
        return cfi_fail(err, CF_EARG, b->fw->source, NULL, "no scale %zu",
                        scale);
    b->fw->default_scale = scale;
    return CF_OK;
}

/* Closes open elements down to parent (CFI_NONE: all); 0 if parent is not
 * open. */
static int close_down_to(cfi_builder *b, size_t parent)
{
    while (b->open_count) {
        size_t top = b->open[b->open_count - 1];
        if (top == parent)
            return 1;
        b->fw->elements[top].subtree_end = b->fw->element_count;
        b->open_count--;
    }
    return parent == CFI_NONE;
}

static int check_new_element(cfi_builder *b, const char *id, const char *title,
                             cf_error *err)
{
    cf_framework *fw = b->fw;
    if (!id || !cfi_is_valid_id(id, strlen(id)))
        return cfi_fail(err, CF_EINVALID, fw->source, NULL,
                        "malformed element id '%s': an id starts with a "
                        "letter or digit, followed by letters, digits, '.', "
                        "'_', ':' or '-'",
                        id ? id : "");
    if (!title || !*title)
        return cfi_fail(err, CF_EINVALID, fw->source, NULL,
                        "element '%s' has no title", id);
    if (cfi_idmap_find(&fw->ids, id) != CFI_NONE)
        return cfi_fail(err, CF_EINVALID, fw->source, NULL,
                        "duplicate element id '%s'", id);
    if (fw->element_count >= b->opts.max_elements)
        return cfi_fail(err, CF_ELIMIT, fw->source, NULL,
                        "more than %zu elements (the limit max_elements; a "
                        "program can raise it in cf_load_options)",
                        b->opts.max_elements);
    return CF_OK;
}

int cfi_builder_add_element(cfi_builder *b, size_t parent, const char *id,
                            const char *title, size_t *index, cf_error *err)
{
    cf_framework *fw = b->fw;
    int rc = check_new_element(b, id, title, err);
    if (rc != CF_OK)
        return rc;
    if (!close_down_to(b, parent))
        return cfi_fail(err, CF_EARG, fw->source, NULL,
                        "the parent of '%s' is not open: add elements in "
                        "pre-order",
                        id);
    size_t depth = b->open_count;
    if (depth >= b->opts.max_depth)
        return cfi_fail(
            err, CF_ELIMIT, fw->source, NULL,
            "elements nested too deeply: more than %zu levels "
            "(the limit max_depth; a program can raise it in cf_load_options)",
            b->opts.max_depth);
    rc = grow(b, &fw->elements, &b->element_cap, fw->element_count + 1,
              sizeof *fw->elements, err);
    if (rc == CF_OK)
        rc = grow(b, &b->open, &b->open_cap, b->open_count + 1, sizeof *b->open,
                  err);
    if (rc != CF_OK)
        return rc;
    size_t i = fw->element_count;
    cf_element *el = &fw->elements[i];
    memset(el, 0, sizeof *el);
    el->index = i;
    el->parent = parent;
    el->depth = depth;
    el->weight = 1;
    el->own_scale = CFI_NONE;
    el->scale = CFI_NONE;
    rc = copy(b, id, &el->id, err);
    if (rc == CF_OK)
        rc = copy(b, title, &el->title, err);
    size_t existing;
    if (rc == CF_OK &&
        cfi_idmap_insert(alloc_of(b), &fw->ids, el->id, i, &existing) != CF_OK)
        rc = oom(b, err);
    if (rc != CF_OK)
        return rc;
    if (parent != CFI_NONE)
        fw->elements[parent].child_count++;
    fw->element_count++;
    b->open[b->open_count++] = i;
    *index = i;
    return CF_OK;
}

int cfi_builder_set_element(cfi_builder *b, size_t element,
                            const char *description, const char *kind,
                            double weight, cf_rollup rollup, size_t scale,
                            cf_error *err)
{
    cf_framework *fw = b->fw;
    if (element >= fw->element_count)
        return cfi_fail(err, CF_EARG, fw->source, NULL, "no element %zu",
                        element);
    cf_element *el = &fw->elements[element];
    if (!isfinite(weight) || !(weight > 0))
        return cfi_fail(err, CF_EINVALID, fw->source, NULL,
                        "weight of element '%s' must be a positive finite "
                        "number",
                        el->id);
    if (scale != CFI_NONE && scale >= fw->scale_count)
        return cfi_fail(err, CF_EARG, fw->source, NULL, "no scale %zu", scale);
    if ((unsigned)rollup > CF_ROLLUP_MAX)
        return cfi_fail(err, CF_EARG, fw->source, NULL, "unknown rollup %d",
                        (int)rollup);
    el->weight = weight;
    el->rollup = rollup;
    el->own_scale = scale;
    int rc = description ? copy(b, description, &el->description, err) : CF_OK;
    if (rc == CF_OK && kind)
        rc = copy(b, kind, &el->kind, err);
    return rc;
}

int cfi_builder_add_relation(cfi_builder *b, size_t element, cf_relation kind,
                             size_t target, cf_error *err)
{
    cf_framework *fw = b->fw;
    if (element >= fw->element_count || target >= fw->element_count ||
        (unsigned)kind >= CF_RELATION_COUNT)
        return cfi_fail(err, CF_EARG, fw->source, NULL,
                        "a relation needs two elements and a known kind");
    if (element == target)
        return cfi_fail(err, CF_EINVALID, fw->source, NULL,
                        "element '%s' names itself in '%s'",
                        fw->elements[element].id, cf_relation_name(kind));
    int rc = grow(b, &b->relations, &b->relation_cap, b->relation_count + 1,
                  sizeof *b->relations, err);
    if (rc != CF_OK)
        return rc;
    cfi_relation rel = {element, target, kind};
    b->relations[b->relation_count++] = rel;
    return CF_OK;
}

int cfi_builder_add_extension(cfi_builder *b, cfi_owner owner, size_t index,
                              const char *key, const char *value, cf_error *err)
{
    if (!key || strncmp(key, "x-", 2) != 0 || !value)
        return cfi_fail(err, CF_EARG, b->fw->source, NULL,
                        "an extension needs a key starting with 'x-' and a "
                        "value");
    int rc =
        grow(b, &b->exts, &b->ext_cap, b->ext_count + 1, sizeof *b->exts, err);
    if (rc != CF_OK)
        return rc;
    pending_ext *e = &b->exts[b->ext_count];
    e->owner = owner;
    e->index = index;
    e->seq = b->ext_count;
    rc = copy(b, key, &e->item.key, err);
    if (rc == CF_OK)
        rc = copy(b, value, &e->item.value, err);
    if (rc == CF_OK)
        b->ext_count++;
    return rc;
}

/* The cf_extensions that owner/index names, or NULL. */
static cf_extensions *extensions_of(cf_framework *fw, cfi_owner owner,
                                    size_t index)
{
    switch (owner) {
    case CFI_OWNER_FRAMEWORK:
        return &fw->ext;
    case CFI_OWNER_SCALE:
        return index < fw->scale_count ? &fw->scales[index].ext : NULL;
    case CFI_OWNER_LEVEL:
        return index < fw->level_count ? &fw->levels[index].ext : NULL;
    default:
        return index < fw->element_count ? &fw->elements[index].ext : NULL;
    }
}

/* Orders pending x- keys by owner, then as they were added. */
static int compare_exts(const void *pa, const void *pb)
{
    const pending_ext *a = pa, *b = pb;
    if (a->owner != b->owner)
        return a->owner < b->owner ? -1 : 1;
    if (a->index != b->index)
        return a->index < b->index ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Copies each owner's x- keys, in the order added, into one range. */
static int place_extensions(cfi_builder *b, cf_error *err)
{
    cf_framework *fw = b->fw;
    int rc = grow(b, &fw->exts.items, &fw->exts.cap, b->ext_count,
                  sizeof *fw->exts.items, err);
    if (rc != CF_OK || b->ext_count == 0)
        return rc;
    qsort(b->exts, b->ext_count, sizeof *b->exts, compare_exts);
    cf_extensions *ext = NULL;
    for (size_t i = 0; i < b->ext_count; i++) {
        const pending_ext *e = &b->exts[i];
        if (i == 0 || e->owner != e[-1].owner || e->index != e[-1].index) {
            ext = extensions_of(fw, e->owner, e->index);
            if (!ext)
                return cfi_fail(err, CF_EARG, fw->source, NULL,
                                "an extension's owner does not exist");
            ext->first = fw->exts.count;
            ext->count = 0;
        }
        for (size_t k = ext->first; k < fw->exts.count; k++)
            if (strcmp(fw->exts.items[k].key, e->item.key) == 0)
                return cfi_fail(err, CF_EINVALID, fw->source, NULL,
                                "duplicate key '%s'", e->item.key);
        fw->exts.items[fw->exts.count++] = e->item;
        ext->count++;
    }
    return CF_OK;
}

static int check_scales(cfi_builder *b, cf_error *err)
{
    cf_framework *fw = b->fw;
    if (fw->scale_count == 0)
        return cfi_fail(err, CF_EINVALID, fw->source, NULL,
                        "the framework has no scale");
    for (size_t i = 0; i < fw->scale_count; i++) {
        cf_scale *scale = &fw->scales[i];
        if (scale->level_count == 0)
            return cfi_fail(err, CF_EINVALID, fw->source, NULL,
                            "scale '%s' has no level", scale->id);
        if (scale->proficient == CFI_NONE)
            return cfi_fail(err, CF_EINVALID, fw->source, NULL,
                            "scale '%s' has no proficient level", scale->id);
    }
    if (fw->default_scale == CFI_NONE && fw->scale_count == 1)
        fw->default_scale = 0;
    if (fw->default_scale == CFI_NONE)
        return cfi_fail(err, CF_EINVALID, fw->source, NULL,
                        "the framework has several scales and no default "
                        "scale");
    return CF_OK;
}

static int check_framework(cfi_builder *b, cf_error *err)
{
    cf_framework *fw = b->fw;
    if (!fw->id || !fw->title)
        return cfi_fail(err, CF_EINVALID, fw->source, NULL,
                        "the framework needs an id and a title");
    if (fw->element_count == 0)
        return cfi_fail(err, CF_EINVALID, fw->source, NULL,
                        "the framework has no element");
    return check_scales(b, err);
}

int cfi_builder_finish(cfi_builder *b, cf_framework **out, cf_error *err)
{
    *out = NULL;
    close_down_to(b, CFI_NONE);
    int rc = check_framework(b, err);
    if (rc == CF_OK)
        rc = place_extensions(b, err);
    if (rc == CF_OK && b->relation_count &&
        cfi_framework_set_relations(b->fw, b->relations, b->relation_count) !=
            CF_OK)
        rc = oom(b, err);
    if (rc == CF_OK && cfi_framework_link(b->fw) != CF_OK)
        rc = oom(b, err);
    if (rc == CF_OK) {
        *out = b->fw;
        b->fw = NULL;
    }
    cfi_builder_free(b);
    return rc;
}
