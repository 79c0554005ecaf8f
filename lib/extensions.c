/* The `x-` metadata of a mapping: read-only accessors. */
#include "internal.h"

#include <string.h>

size_t cf_extensions_count(const cf_extensions *ext)
{
    return ext ? ext->count : 0;
}

const char *cf_extensions_key(const cf_extensions *ext, size_t index)
{
    return index < cf_extensions_count(ext) ? ext->items[index].key : NULL;
}

const char *cf_extensions_value(const cf_extensions *ext, size_t index)
{
    return index < cf_extensions_count(ext) ? ext->items[index].value : NULL;
}

const char *cf_extensions_get(const cf_extensions *ext, const char *key)
{
    for (size_t i = 0; key && i < cf_extensions_count(ext); i++)
        if (strcmp(ext->items[i].key, key) == 0)
            return ext->items[i].value;
    return NULL;
}
