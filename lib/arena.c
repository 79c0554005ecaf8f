/* A string arena: chunks that never move, freed all at once. */
#include "internal.h"

#include <string.h>

#define ARENA_FIRST_CHUNK 4096
#define ARENA_MAX_CHUNK (1024 * 1024)

struct cfi_chunk {
    cfi_chunk *next;
    size_t used;
    size_t size;
    char bytes[];
};

static cfi_chunk *arena_add_chunk(const cf_allocator *a, cfi_arena *arena,
                                  size_t need)
{
    size_t size = arena->next_size ? arena->next_size : ARENA_FIRST_CHUNK;
    if (size < need)
        size = need;
    if (size > SIZE_MAX - sizeof(cfi_chunk))
        return NULL;
    cfi_chunk *chunk = cfi_alloc(a, sizeof(cfi_chunk) + size);
    if (!chunk)
        return NULL;
    chunk->size = size;
    chunk->used = 0;
    if (arena->head && need > arena->head->size - arena->head->used &&
        need > ARENA_FIRST_CHUNK) {
        /* A large string gets a chunk of its own behind the current one,
         * so the current chunk's free space stays usable. */
        chunk->next = arena->head->next;
        arena->head->next = chunk;
    } else {
        chunk->next = arena->head;
        arena->head = chunk;
    }
    if (arena->next_size < ARENA_MAX_CHUNK)
        arena->next_size =
            arena->next_size ? arena->next_size * 2 : ARENA_FIRST_CHUNK * 2;
    return chunk;
}

const char *cfi_arena_strndup(const cf_allocator *a, cfi_arena *arena,
                              const char *s, size_t n)
{
    if (n == SIZE_MAX)
        return NULL;
    size_t need = n + 1;
    cfi_chunk *chunk = arena->head;
    if (!chunk || chunk->size - chunk->used < need) {
        chunk = arena_add_chunk(a, arena, need);
        if (!chunk)
            return NULL;
    }
    char *copy = chunk->bytes + chunk->used;
    memcpy(copy, s, n);
    copy[n] = '\0';
    chunk->used += need;
    return copy;
}

void cfi_arena_free(const cf_allocator *a, cfi_arena *arena)
{
    cfi_chunk *chunk = arena->head;
    while (chunk) {
        cfi_chunk *next = chunk->next;
        cfi_release(a, chunk);
        chunk = next;
    }
    arena->head = NULL;
    arena->next_size = 0;
}
