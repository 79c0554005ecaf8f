/* Reading input files, and byte offsets for error positions. */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static int read_failure(cf_error *err, const char *path, int code, int errnum)
{
    return cfi_fail(err, code, path, NULL, "cannot read the file: %s",
                    strerror(errnum));
}

static int too_large(cf_error *err, const char *path, size_t max_bytes)
{
    return cfi_fail(
        err, CF_ELIMIT, path, NULL,
        "the file is larger than the limit of %zu bytes "
        "(max_input_bytes; a program can raise it in cf_load_options)",
        max_bytes);
}

int cfi_read_file(char **out, size_t *len, const char *path, size_t max_bytes,
                  const cf_allocator *a, cf_error *err)
{
    *out = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return read_failure(err, path, CF_EIO, errno);
    cfi_buf buf = {0};
    char block[65536];
    int rc = CF_OK;
    for (;;) {
        size_t n = fread(block, 1, sizeof block, f);
        if (n == 0)
            break;
        if (buf.len + n > max_bytes) {
            rc = too_large(err, path, max_bytes);
            break;
        }
        if (cfi_buf_add(a, &buf, block, n) != CF_OK) {
            rc = cfi_fail(err, CF_ENOMEM, path, NULL, "out of memory");
            break;
        }
    }
    if (rc == CF_OK && ferror(f))
        rc = read_failure(err, path, CF_EIO, errno ? errno : EIO);
    fclose(f);
    if (rc != CF_OK) {
        cfi_buf_free(a, &buf);
        return rc;
    }
    *out = buf.data;
    *len = buf.len;
    return CF_OK;
}

void cfi_error_fix_offset(cf_error *err, const char *data, size_t len)
{
    if (!err || err->line == 0)
        return;
    /* libyaml counts characters; walk that many UTF-8 characters. */
    size_t chars = err->offset, i = 0;
    for (; i < len && chars > 0; i++)
        if (i + 1 >= len || ((unsigned char)data[i + 1] & 0xC0) != 0x80)
            chars--;
    err->offset = i;
}
