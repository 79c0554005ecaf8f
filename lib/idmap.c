/* A string -> index hash table with open addressing and linear probing. */
#include "internal.h"

#include <string.h>

/*
 * Each slot keeps its key's full hash, so a probe that meets another key
 * costs one integer comparison instead of reading that key's text, and
 * its length, so that a likely match compares the bytes a word at a time.
 */
struct cfi_idslot {
    const char *key; /* NULL when empty */
    size_t value;
    uint64_t hash;
    size_t length;
};

#define HASH_MUL UINT64_C(0x9E3779B97F4A7C15)

/* Folds the high bits down: the table indexes by the low bits. */
static uint64_t hash_finish(uint64_t h)
{
    h ^= h >> 32;
    h *= UINT64_C(0xD6E8FEB86659FD93);
    h ^= h >> 32;
    return h;
}

/* Loads of 8 and 4 bytes at any alignment. */
static uint64_t load64(const char *s)
{
    uint64_t word;
    memcpy(&word, s, sizeof word);
    return word;
}

static uint64_t load32(const char *s)
{
    uint32_t word;
    memcpy(&word, s, sizeof word);
    return word;
}

/*
 * A key of at most 8 bytes as one word. The two loads of 4 to 7 bytes
 * overlap, and 1 to 3 bytes are read as first, middle and last: each
 * byte counts, and since the length is hashed too, nothing is lost.
 */
static uint64_t load_short(const char *s, size_t n)
{
    if (n == 8)
        return load64(s);
    if (n >= 4)
        return load32(s) | load32(s + n - 4) << 32;
    if (n > 0)
        return (uint64_t)(unsigned char)s[0] |
               (uint64_t)(unsigned char)s[n / 2] << 8 |
               (uint64_t)(unsigned char)s[n - 1] << 16;
    return 0;
}

/*
 * Hashes eight bytes a step rather than one (ids are short, so a
 * byte-at-a-time hash was most of a lookup's cost); the last word of a
 * longer key overlaps the one before. The value depends on the byte
 * order, which is fine: it never leaves the process.
 */
static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = (uint64_t)n * HASH_MUL;
    if (n <= 8)
        return hash_finish((h ^ load_short(s, n)) * HASH_MUL);
    const char *end = s + n;
    for (; end - s > 8; s += 8) {
        h = (h ^ load64(s)) * HASH_MUL;
        h ^= h >> 29;
    }
    return hash_finish((h ^ load64(end - 8)) * HASH_MUL);
}

/*
 * Whether the n bytes at a and b are equal, a word at a time (ids are
 * short; the last word overlaps the one before rather than going past).
 */
static int same_bytes(const char *a, const char *b, size_t n)
{
    if (n < 8) {
        if (n < 4)
            return memcmp(a, b, n) == 0;
        return load32(a) == load32(b) && load32(a + n - 4) == load32(b + n - 4);
    }
    for (size_t i = 0; i + 8 < n; i += 8)
        if (load64(a + i) != load64(b + i))
            return 0;
    return load64(a + n - 8) == load64(b + n - 8);
}

/* Whether the slot's key is the n bytes at key. */
static int slot_is(const struct cfi_idslot *slot, uint64_t hash,
                   const char *key, size_t n)
{
    return slot->hash == hash && slot->length == n &&
           same_bytes(slot->key, key, n);
}

/* The slot holding key, or the empty slot where it would go. */
static struct cfi_idslot *find_slot(struct cfi_idslot *slots, size_t cap,
                                    const char *key, size_t n, uint64_t hash)
{
    size_t mask = cap - 1;
    size_t i = (size_t)hash & mask;
    while (slots[i].key && !slot_is(&slots[i], hash, key, n))
        i = (i + 1) & mask;
    return &slots[i];
}

/* The empty slot for a key known to be absent (when growing). */
static struct cfi_idslot *free_slot(struct cfi_idslot *slots, size_t cap,
                                    uint64_t hash)
{
    size_t mask = cap - 1;
    size_t i = (size_t)hash & mask;
    while (slots[i].key)
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
            *free_slot(slots, cap, map->slots[i].hash) = map->slots[i];
    cfi_release(a, map->slots);
    map->slots = slots;
    map->cap = cap;
    return CF_OK;
}

/* The slot for key after making room for one more; NULL: out of memory. */
static struct cfi_idslot *slot_for_insert(const cf_allocator *a, cfi_idmap *map,
                                          const char *key)
{
    /* Keep the load factor at most 1/2 so probes stay short. */
    if ((map->count + 1) * 2 > map->cap && idmap_grow(a, map) != CF_OK)
        return NULL;
    size_t n = strlen(key);
    uint64_t hash = hash_bytes(key, n);
    struct cfi_idslot *slot = find_slot(map->slots, map->cap, key, n, hash);
    slot->hash = hash;
    slot->length = n;
    return slot;
}

int cfi_idmap_insert(const cf_allocator *a, cfi_idmap *map, const char *key,
                     size_t value, size_t *existing)
{
    *existing = CFI_NONE;
    struct cfi_idslot *slot = slot_for_insert(a, map, key);
    if (!slot)
        return CF_ENOMEM;
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
    struct cfi_idslot *slot = slot_for_insert(a, map, key);
    if (!slot)
        return CF_ENOMEM;
    if (!slot->key)
        map->count++;
    slot->key = key;
    slot->value = value;
    return CF_OK;
}

size_t cfi_idmap_find(const cfi_idmap *map, const char *key)
{
    return key ? cfi_idmap_find_n(map, key, strlen(key)) : CFI_NONE;
}

size_t cfi_idmap_find_n(const cfi_idmap *map, const char *key, size_t n)
{
    if (map->cap == 0)
        return CFI_NONE;
    const struct cfi_idslot *slot =
        find_slot(map->slots, map->cap, key, n, hash_bytes(key, n));
    return slot->key ? slot->value : CFI_NONE;
}

void cfi_idmap_free(const cf_allocator *a, cfi_idmap *map)
{
    cfi_release(a, map->slots);
    map->slots = NULL;
    map->cap = map->count = 0;
}
