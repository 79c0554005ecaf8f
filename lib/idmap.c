/* A string -> index hash table with open addressing and linear probing. */
#include "internal.h"

#include <string.h>

struct cfi_idslot {
    const char *key; /* NULL when empty */
    size_t value;
};

/* FNV-1a, 64 bits. */
static uint64_t hash_string(const char *s)
{
    uint64_t h = UINT64_C(14695981039346656037);
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= UINT64_C(1099511628211);
    }
    return h;
}

/* The slot holding key, or the empty slot where it would go. */
static struct cfi_idslot *find_slot(struct cfi_idslot *slots, size_t cap,
                                    const char *key)
{
    size_t mask = cap - 1;
    size_t i = (size_t)hash_string(key) & mask;
    while (slots[i].key && strcmp(slots[i].key, key) != 0)
        i = (i + 1) & mask;
    return &slots[i];
}

static int idmap_grow(const cf_allocator *a, cfi_idmap *map)
{
    size_t cap = map->cap ? map->cap * 2 : 16;
    if (cap > SIZE_MAX / sizeof(struct cfi_idslot))
        return CF_ENOMEM;
    struct cfi_idslot *slots = cfi_alloc(a, cap * sizeof *slots);
    if (!slots)
        return CF_ENOMEM;
    memset(slots, 0, cap * sizeof *slots);
    for (size_t i = 0; i < map->cap; i++)
        if (map->slots[i].key)
            *find_slot(slots, cap, map->slots[i].key) = map->slots[i];
    cfi_release(a, map->slots);
    map->slots = slots;
    map->cap = cap;
    return CF_OK;
}

int cfi_idmap_insert(const cf_allocator *a, cfi_idmap *map, const char *key,
                     size_t value, size_t *existing)
{
    *existing = CFI_NONE;
    /* Keep the load factor at most 1/2 so probes stay short. */
    if ((map->count + 1) * 2 > map->cap && idmap_grow(a, map) != CF_OK)
        return CF_ENOMEM;
    struct cfi_idslot *slot = find_slot(map->slots, map->cap, key);
    if (slot->key) {
        *existing = slot->value;
        return CF_OK;
    }
    slot->key = key;
    slot->value = value;
    map->count++;
    return CF_OK;
}

int cfi_idmap_set(const cf_allocator *a, cfi_idmap *map, const char *key,
                  size_t value)
{
    if ((map->count + 1) * 2 > map->cap && idmap_grow(a, map) != CF_OK)
        return CF_ENOMEM;
    struct cfi_idslot *slot = find_slot(map->slots, map->cap, key);
    if (!slot->key)
        map->count++;
    slot->key = key;
    slot->value = value;
    return CF_OK;
}

size_t cfi_idmap_find(const cfi_idmap *map, const char *key)
{
    if (map->cap == 0 || !key)
        return CFI_NONE;
    const struct cfi_idslot *slot = find_slot(map->slots, map->cap, key);
    return slot->key ? slot->value : CFI_NONE;
}

void cfi_idmap_free(const cf_allocator *a, cfi_idmap *map)
{
    cfi_release(a, map->slots);
    map->slots = NULL;
    map->cap = map->count = 0;
}
