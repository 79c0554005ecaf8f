/* Load options: defaults, and the checks on what callers pass. */
#include "internal.h"

#include <string.h>

void cf_load_options_init(cf_load_options *opts)
{
    if (opts) {
        cf_load_options defaults = CF_LOAD_OPTIONS_INIT;
        *opts = defaults;
    }
}

const char *cf_version(void)
{
    return CF_VERSION_STRING;
}

static size_t or_default(size_t value, size_t fallback)
{
    return value ? value : fallback;
}

int cfi_options_resolve(cf_load_options *out, const cf_load_options *opts,
                        cf_error *err, const char *source)
{
    cf_load_options_init(out);
    if (!opts)
        return CF_OK;
    if (opts->version != 1 && opts->version != CF_LOAD_OPTIONS_VERSION)
        return cfi_fail(err, CF_EARG, source, NULL,
                        "cf_load_options has version %u; this library knows "
                        "versions 1 to %u (initialise with "
                        "CF_LOAD_OPTIONS_INIT)",
                        opts->version, CF_LOAD_OPTIONS_VERSION);
    out->max_depth = or_default(opts->max_depth, CF_DEFAULT_MAX_DEPTH);
    out->max_nesting = or_default(opts->max_nesting, CF_DEFAULT_MAX_NESTING);
    out->max_alias_events =
        or_default(opts->max_alias_events, CF_DEFAULT_MAX_ALIAS_EVENTS);
    out->max_string_bytes =
        or_default(opts->max_string_bytes, CF_DEFAULT_MAX_STRING_BYTES);
    out->max_input_bytes =
        or_default(opts->max_input_bytes, CF_DEFAULT_MAX_INPUT_BYTES);
    out->max_elements = or_default(opts->max_elements, CF_DEFAULT_MAX_ELEMENTS);
    out->allocator = opts->allocator;
    /* a version 1 struct ends before threads */
    if (opts->version >= 2)
        out->threads = opts->threads;
    if (out->max_depth > CF_MAX_DEPTH_CEILING ||
        out->max_nesting > CF_MAX_NESTING_CEILING)
        return cfi_fail(err, CF_EARG, source, NULL,
                        "max_depth may be at most %d and max_nesting at most "
                        "%d",
                        CF_MAX_DEPTH_CEILING, CF_MAX_NESTING_CEILING);
    const cf_allocator *a = opts->allocator;
    if (a && (!a->alloc || !a->resize || !a->release))
        return cfi_fail(err, CF_EARG, source, NULL,
                        "the allocator must have alloc, resize and release");
    return CF_OK;
}
