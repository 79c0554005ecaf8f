/* Error codes and the filling of cf_error. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

const char *cf_strerror(int code)
{
    switch (code) {
    case CF_OK:
        return "success";
    case CF_ENOMEM:
        return "out of memory";
    case CF_EIO:
        return "input/output error";
    case CF_ESYNTAX:
        return "YAML syntax error";
    case CF_EINVALID:
        return "invalid document";
    case CF_ELIMIT:
        return "limit exceeded";
    case CF_EARG:
        return "invalid argument";
    default:
        return "unknown error";
    }
}

/* Copies source into dst, keeping its end and marking a cut with "...". */
static void copy_source(char *dst, size_t size, const char *source)
{
    size_t len = strlen(source);
    if (len < size) {
        memcpy(dst, source, len + 1);
        return;
    }
    size_t keep = size - 4;
    memcpy(dst, "...", 3);
    memcpy(dst + 3, source + len - keep, keep + 1);
}

int cfi_vfail(cf_error *err, int code, const char *source, const cfi_mark *mark,
              const char *fmt, va_list ap)
{
    if (!err)
        return code;
    err->code = code;
    err->line = mark ? mark->line : 0;
    err->column = mark ? mark->column : 0;
    err->offset = mark ? mark->offset : 0;
    copy_source(err->source, sizeof err->source, source ? source : "");
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    return code;
}

int cfi_fail(cf_error *err, int code, const char *source, const cfi_mark *mark,
             const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cfi_vfail(err, code, source, mark, fmt, ap);
    va_end(ap);
    return code;
}
