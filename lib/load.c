/* The public loading functions: argument checks around the loader. */
#include "internal.h"

#include <string.h>

int cf_framework_load_buffer(cf_framework **out, const char *data, size_t len,
                             const char *source_name,
                             const cf_load_options *opts, cf_error *err)
{
    const char *source = source_name ? source_name : "<buffer>";
    if (out)
        *out = NULL;
    if (!out || (!data && len))
        return cfi_fail(err, CF_EARG, source, NULL,
                        "out must not be NULL, nor data when len > 0");
    return cfi_framework_load(out, data ? data : "", len, source, opts, err);
}

int cf_framework_load_file(cf_framework **out, const char *path,
                           const cf_load_options *opts, cf_error *err)
{
    if (out)
        *out = NULL;
    if (!out || !path)
        return cfi_fail(err, CF_EARG, path ? path : "", NULL,
                        "out and path must not be NULL");
    cf_load_options resolved;
    int rc = cfi_options_resolve(&resolved, opts, err, path);
    if (rc != CF_OK)
        return rc;
    const cf_allocator *a = cfi_allocator_or_default(resolved.allocator);
    char *data;
    size_t len;
    rc = cfi_read_file(&data, &len, path, resolved.max_input_bytes, a, err);
    if (rc != CF_OK)
        return rc;
    rc = cfi_framework_load(out, data, len, path, &resolved, err);
    cfi_release(a, data);
    return rc;
}
