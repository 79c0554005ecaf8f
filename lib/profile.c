/*
 * Profiles: what a role requires, as targets on a framework's elements.
 * Making them, adding targets with their checks, and the accessors.
 */
#include "profile.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

cf_profile *cfi_profile_create(cf_framework *fw, const cf_allocator *a)
{
    cf_profile *p = cfi_alloc(a, sizeof *p);
    if (!p)
        return NULL;
    memset(p, 0, sizeof *p);
    atomic_init(&p->refs, 1);
    p->allocator = *a;
    p->framework = cf_framework_ref(fw);
    return p;
}

int cfi_profile_push(cf_profile *p, const cfi_target *t)
{
    void *items = p->targets;
    if (cfi_reserve(&p->allocator, &items, &p->target_cap, p->target_count + 1,
                    sizeof *p->targets) != CF_OK)
        return CF_ENOMEM;
    p->targets = items;
    p->targets[p->target_count++] = *t;
    return CF_OK;
}

/* Copies s (NULL stays NULL) into p's strings. */
static int copy_string(cf_profile *p, const char *s, const char **out)
{
    *out = NULL;
    if (!s)
        return CF_OK;
    *out = cfi_arena_strndup(&p->allocator, &p->strings, s, strlen(s));
    return *out ? CF_OK : CF_ENOMEM;
}

int cf_profile_new(cf_profile **out, cf_framework *fw, const char *id,
                   const char *title, const cf_load_options *opts,
                   cf_error *err)
{
    if (out)
        *out = NULL;
    if (!out || !fw || !id)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "out, the framework and the id must not be NULL");
    cf_load_options resolved;
    int rc = cfi_options_resolve(&resolved, opts, err, "");
    if (rc != CF_OK)
        return rc;
    if (!cfi_is_valid_id(id, strlen(id)))
        return cfi_fail(err, CF_EINVALID, "", NULL,
                        "malformed profile id '%s': an id starts with a "
                        "letter or digit, followed by letters, digits, '.', "
                        "'_', ':' or '-'",
                        id);
    const cf_allocator *a = cfi_allocator_or_default(resolved.allocator);
    cf_profile *p = cfi_profile_create(fw, a);
    if (!p)
        return cfi_fail(err, CF_ENOMEM, "", NULL, "out of memory");
    rc = copy_string(p, id, &p->id);
    if (rc == CF_OK)
        rc = copy_string(p, title, &p->title);
    if (rc != CF_OK) {
        cf_profile_free(p);
        return cfi_fail(err, CF_ENOMEM, "", NULL, "out of memory");
    }
    *out = p;
    return CF_OK;
}

static int is_target(const cf_profile *p, size_t element)
{
    for (size_t i = 0; i < p->target_count; i++)
        if (p->targets[i].element == element)
            return 1;
    return 0;
}

int cf_profile_add_target(cf_profile *p, const char *element_id, double level,
                          double importance, int critical, cf_error *err)
{
    if (!p || !element_id)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "the profile and the element id must not be NULL");
    const cf_framework *fw = p->framework;
    const cf_element *el = cf_framework_find(fw, element_id);
    if (!el)
        return cfi_unknown_element(fw, element_id, "", NULL, err);
    if (is_target(p, el->index))
        return cfi_fail(err, CF_EINVALID, "", NULL,
                        "target '%s' is given twice", el->id);
    if (!cf_scale_find_value(&fw->scales[el->scale], level)) {
        char shown[32];
        cfi_format_number(shown, sizeof shown, level, 0);
        return cfi_level_not_on_scale(el, shown, 0, NULL, "", NULL, err);
    }
    if (!isfinite(importance) || !(importance > 0))
        return cfi_fail(err, CF_EINVALID, "", NULL,
                        "importance must be a positive finite number, found "
                        "%.15g for target '%s'",
                        importance, el->id);
    cfi_target t = {el->index, level, importance, critical != 0};
    if (cfi_profile_push(p, &t) != CF_OK)
        return cfi_fail(err, CF_ENOMEM, "", NULL, "out of memory");
    return CF_OK;
}

cf_profile *cf_profile_ref(cf_profile *p)
{
    if (p)
        atomic_fetch_add_explicit(&p->refs, 1, memory_order_relaxed);
    return p;
}

void cf_profile_free(cf_profile *p)
{
    if (!p || atomic_fetch_sub_explicit(&p->refs, 1, memory_order_acq_rel) != 1)
        return;
    const cf_allocator a = p->allocator;
    cf_framework_free(p->framework);
    cfi_release(&a, p->targets);
    cfi_release(&a, p->exts.items);
    cfi_arena_free(&a, &p->strings);
    cfi_release(&a, p);
}

const cf_framework *cf_profile_framework(const cf_profile *p)
{
    return p->framework;
}

const char *cf_profile_id(const cf_profile *p)
{
    return p->id;
}

const char *cf_profile_title(const cf_profile *p)
{
    return p->title;
}

const char *cf_profile_description(const cf_profile *p)
{
    return p->description;
}

size_t cf_profile_target_count(const cf_profile *p)
{
    return p->target_count;
}

const cf_element *cf_profile_target_element(const cf_profile *p, size_t index)
{
    if (index >= p->target_count)
        return NULL;
    return &p->framework->elements[p->targets[index].element];
}

double cf_profile_target_level(const cf_profile *p, size_t index)
{
    return index < p->target_count ? p->targets[index].level : 0;
}

double cf_profile_target_importance(const cf_profile *p, size_t index)
{
    return index < p->target_count ? p->targets[index].importance : 0;
}

int cf_profile_target_critical(const cf_profile *p, size_t index)
{
    return index < p->target_count ? p->targets[index].critical : 0;
}

const cf_extensions *cf_profile_extensions(const cf_profile *p)
{
    return &p->ext;
}
