/* Allocation through the caller's allocator, and growable buffers. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static void *libc_alloc(size_t size, void *ctx)
{
    (void)ctx;
    return malloc(size);
}

static void *libc_resize(void *ptr, size_t size, void *ctx)
{
    (void)ctx;
    return realloc(ptr, size);
}

static void libc_release(void *ptr, void *ctx)
{
    (void)ctx;
    free(ptr);
}

static const cf_allocator libc_allocator = {libc_alloc, libc_resize,
                                            libc_release, NULL};

const cf_allocator *cfi_allocator_or_default(const cf_allocator *a)
{
    return a ? a : &libc_allocator;
}

void *cfi_alloc(const cf_allocator *a, size_t size)
{
    return a->alloc(size ? size : 1, a->ctx);
}

void *cfi_resize(const cf_allocator *a, void *ptr, size_t size)
{
    return a->resize(ptr, size ? size : 1, a->ctx);
}

void cfi_release(const cf_allocator *a, void *ptr)
{
    if (ptr)
        a->release(ptr, a->ctx);
}

int cfi_reserve(const cf_allocator *a, void **items, size_t *cap, size_t need,
                size_t item_size)
{
    if (need <= *cap)
        return CF_OK;
    size_t new_cap = *cap ? *cap : 8;
    while (new_cap < need) {
        if (new_cap > SIZE_MAX / 2)
            return CF_ENOMEM;
        new_cap *= 2;
    }
    if (new_cap > SIZE_MAX / item_size)
        return CF_ENOMEM;
    void *grown = cfi_resize(a, *items, new_cap * item_size);
    if (!grown)
        return CF_ENOMEM;
    *items = grown;
    *cap = new_cap;
    return CF_OK;
}

int cfi_buf_add(const cf_allocator *a, cfi_buf *b, const char *s, size_t n)
{
    if (n > SIZE_MAX - b->len - 1)
        return CF_ENOMEM;
    void *data = b->data;
    if (cfi_reserve(a, &data, &b->cap, b->len + n + 1, 1) != CF_OK)
        return CF_ENOMEM;
    b->data = data;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return CF_OK;
}

int cfi_buf_addc(const cf_allocator *a, cfi_buf *b, char c)
{
    return cfi_buf_add(a, b, &c, 1);
}

void cfi_buf_free(const cf_allocator *a, cfi_buf *b)
{
    cfi_release(a, b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
