/* The framework model: lifetime and read-only accessors. */
#include "internal.h"

#include <string.h>

cf_framework *cfi_framework_new(const cf_allocator *a)
{
    cf_framework *fw = cfi_alloc(a, sizeof *fw);
    if (!fw)
        return NULL;
    memset(fw, 0, sizeof *fw);
    atomic_init(&fw->refs, 1);
    fw->allocator = *a;
    fw->default_scale = CFI_NONE;
    return fw;
}

void cfi_framework_destroy(cf_framework *fw)
{
    if (!fw)
        return;
    const cf_allocator a = fw->allocator;
    cfi_release(&a, fw->hierarchy);
    cfi_release(&a, fw->elements);
    cfi_release(&a, fw->children);
    cfi_release(&a, fw->roots);
    cfi_release(&a, fw->scales);
    cfi_release(&a, fw->levels);
    cfi_release(&a, fw->exts.items);
    cfi_release(&a, fw->relations);
    cfi_idmap_free(&a, &fw->ids);
    cfi_arena_free(&a, &fw->strings);
    cfi_release(&a, fw);
}

cf_framework *cf_framework_ref(cf_framework *fw)
{
    if (fw)
        atomic_fetch_add_explicit(&fw->refs, 1, memory_order_relaxed);
    return fw;
}

void cf_framework_free(cf_framework *fw)
{
    if (!fw)
        return;
    if (atomic_fetch_sub_explicit(&fw->refs, 1, memory_order_acq_rel) == 1)
        cfi_framework_destroy(fw);
}

const char *cf_framework_id(const cf_framework *fw)
{
    return fw->id;
}

const char *cf_framework_title(const cf_framework *fw)
{
    return fw->title;
}

const char *cf_framework_version(const cf_framework *fw)
{
    return fw->version;
}

const char *cf_framework_publisher(const cf_framework *fw)
{
    return fw->publisher;
}

const char *cf_framework_language(const cf_framework *fw)
{
    return fw->language;
}

const char *cf_framework_description(const cf_framework *fw)
{
    return fw->description;
}

const char *cf_framework_source(const cf_framework *fw)
{
    return fw->source;
}

size_t cf_framework_hierarchy_count(const cf_framework *fw)
{
    return fw->hierarchy_count;
}

const char *cf_framework_hierarchy_name(const cf_framework *fw, size_t depth)
{
    return depth < fw->hierarchy_count ? fw->hierarchy[depth] : NULL;
}

const cf_extensions *cf_framework_extensions(const cf_framework *fw)
{
    return &fw->ext;
}

size_t cf_framework_element_count(const cf_framework *fw)
{
    return fw->element_count;
}

const cf_element *cf_framework_element(const cf_framework *fw, size_t index)
{
    return index < fw->element_count ? &fw->elements[index] : NULL;
}

const cf_element *cf_framework_find(const cf_framework *fw, const char *id)
{
    size_t index = cfi_idmap_find(&fw->ids, id);
    return index == CFI_NONE ? NULL : &fw->elements[index];
}

size_t cf_framework_root_count(const cf_framework *fw)
{
    return fw->root_count;
}

const cf_element *cf_framework_root(const cf_framework *fw, size_t index)
{
    return index < fw->root_count ? &fw->elements[fw->roots[index]] : NULL;
}

size_t cf_framework_scale_count(const cf_framework *fw)
{
    return fw->scale_count;
}

const cf_scale *cf_framework_scale(const cf_framework *fw, size_t index)
{
    return index < fw->scale_count ? &fw->scales[index] : NULL;
}

const cf_scale *cf_framework_find_scale(const cf_framework *fw, const char *id)
{
    for (size_t i = 0; id && i < fw->scale_count; i++)
        if (strcmp(fw->scales[i].id, id) == 0)
            return &fw->scales[i];
    return NULL;
}

const cf_scale *cf_framework_default_scale(const cf_framework *fw)
{
    return &fw->scales[fw->default_scale];
}

/* ---- elements ------------------------------------------------------------ */

const cf_framework *cf_element_framework(const cf_element *el)
{
    return el->framework;
}

size_t cf_element_index(const cf_element *el)
{
    return el->index;
}

const char *cf_element_id(const cf_element *el)
{
    return el->id;
}

const char *cf_element_title(const cf_element *el)
{
    return el->title;
}

const char *cf_element_description(const cf_element *el)
{
    return el->description;
}

const char *cf_element_kind(const cf_element *el)
{
    return el->kind;
}

const cf_element *cf_element_parent(const cf_element *el)
{
    if (el->parent == CFI_NONE)
        return NULL;
    return &el->framework->elements[el->parent];
}

size_t cf_element_child_count(const cf_element *el)
{
    return el->child_count;
}

const cf_element *cf_element_child(const cf_element *el, size_t index)
{
    if (index >= el->child_count)
        return NULL;
    const cf_framework *fw = el->framework;
    return &fw->elements[fw->children[el->child_first + index]];
}

size_t cf_element_depth(const cf_element *el)
{
    return el->depth;
}

size_t cf_element_subtree_end(const cf_element *el)
{
    return el->subtree_end;
}

double cf_element_weight(const cf_element *el)
{
    return el->weight;
}

cf_rollup cf_element_rollup(const cf_element *el)
{
    return el->rollup;
}

const cf_scale *cf_element_scale(const cf_element *el)
{
    return &el->framework->scales[el->scale];
}

const cf_extensions *cf_element_extensions(const cf_element *el)
{
    return &el->ext;
}

const char *cf_rollup_name(cf_rollup rollup)
{
    switch (rollup) {
    case CF_ROLLUP_MEAN:
        return "mean";
    case CF_ROLLUP_MIN:
        return "min";
    case CF_ROLLUP_MAX:
        return "max";
    default:
        return NULL;
    }
}

static const char *element_id_at(const void *ctx, size_t i)
{
    return ((const cf_framework *)ctx)->elements[i].id;
}

int cfi_unknown_element(const cf_framework *fw, const char *id,
                        const char *source, const cfi_mark *mark, cf_error *err)
{
    const char *hint = cfi_suggest(id, element_id_at, fw, fw->element_count);
    if (hint)
        return cfi_fail(err, CF_EINVALID, source, mark,
                        "unknown element id '%s' in framework '%s' (did you "
                        "mean '%s'?)",
                        id, fw->id, hint);
    return cfi_fail(err, CF_EINVALID, source, mark,
                    "unknown element id '%s' in framework '%s'", id, fw->id);
}

int cfi_framework_set_relations(cf_framework *fw, const cfi_relation *rels,
                                size_t count)
{
    const cf_allocator *a = &fw->allocator;
    cfi_relation *grouped = cfi_alloc(a, count * sizeof *grouped);
    if (!grouped)
        return CF_ENOMEM;
    /* A counting sort by element keeps each element's relations in the
     * order given. */
    for (size_t i = 0; i < fw->element_count; i++)
        fw->elements[i].relation_count = 0;
    for (size_t i = 0; i < count; i++)
        fw->elements[rels[i].element].relation_count++;
    size_t next = 0;
    for (size_t i = 0; i < fw->element_count; i++) {
        fw->elements[i].relation_first = next;
        next += fw->elements[i].relation_count;
        fw->elements[i].relation_count = 0;
    }
    for (size_t i = 0; i < count; i++) {
        cf_element *el = &fw->elements[rels[i].element];
        grouped[el->relation_first + el->relation_count++] = rels[i];
    }
    cfi_release(a, fw->relations);
    fw->relations = grouped;
    fw->relation_count = count;
    return CF_OK;
}

const char *cf_relation_name(cf_relation relation)
{
    static const char *const names[CF_RELATION_COUNT] = {
        "related", "exact_match", "precedes", "replaced_by"};
    return (unsigned)relation < CF_RELATION_COUNT ? names[relation] : NULL;
}

size_t cf_element_relation_count(const cf_element *el, cf_relation relation)
{
    if (el->relation_count == 0)
        return 0;
    const cfi_relation *rels = el->framework->relations + el->relation_first;
    size_t n = 0;
    for (size_t i = 0; i < el->relation_count; i++)
        n += rels[i].kind == relation;
    return n;
}

const cf_element *cf_element_relation(const cf_element *el,
                                      cf_relation relation, size_t index)
{
    const cf_framework *fw = el->framework;
    if (el->relation_count == 0)
        return NULL;
    const cfi_relation *rels = fw->relations + el->relation_first;
    for (size_t i = 0; i < el->relation_count; i++)
        if (rels[i].kind == relation && index-- == 0)
            return &fw->elements[rels[i].target];
    return NULL;
}

/* Children and roots lists, effective scales and kinds. */
static int link_tree(cf_framework *fw)
{
    const cf_allocator *a = &fw->allocator;
    size_t n = fw->element_count;
    fw->children = cfi_alloc(a, n * sizeof *fw->children);
    fw->roots = cfi_alloc(a, n * sizeof *fw->roots);
    if (!fw->children || !fw->roots)
        return CF_ENOMEM;
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
    }
    fw->root_count = 0;
    for (size_t i = 0; i < n; i = fw->elements[i].subtree_end)
        fw->roots[fw->root_count++] = i;
    return CF_OK;
}

/* Points every cf_extensions and every scale at the final arrays. */
static void link_pointers(cf_framework *fw)
{
    fw->ext.items = cfi_ext_at(&fw->exts, fw->ext.first);
    for (size_t i = 0; i < fw->element_count; i++)
        fw->elements[i].ext.items =
            cfi_ext_at(&fw->exts, fw->elements[i].ext.first);
    for (size_t i = 0; i < fw->scale_count; i++) {
        cf_scale *scale = &fw->scales[i];
        scale->levels = fw->levels + scale->level_first;
        scale->ext.items = cfi_ext_at(&fw->exts, scale->ext.first);
    }
    for (size_t i = 0; i < fw->level_count; i++)
        fw->levels[i].ext.items =
            cfi_ext_at(&fw->exts, fw->levels[i].ext.first);
}

/*
 * The loaders grow the element array geometrically; a framework lives
 * long, so give back the unused end (up to half the array). CF_ENOMEM if
 * the allocator refuses even that, as for any other allocation.
 */
static int shrink_elements(cf_framework *fw)
{
    if (fw->element_count == 0)
        return CF_OK;
    cf_element *fit = cfi_resize(&fw->allocator, fw->elements,
                                 fw->element_count * sizeof *fw->elements);
    if (!fit)
        return CF_ENOMEM;
    fw->elements = fit;
    return CF_OK;
}

int cfi_framework_link(cf_framework *fw)
{
    int rc = shrink_elements(fw);
    if (rc == CF_OK)
        rc = link_tree(fw);
    if (rc == CF_OK)
        link_pointers(fw);
    return rc;
}
