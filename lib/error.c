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
    const char *tail = source + len - (size - 4);
    while (((unsigned char)*tail & 0xC0) == 0x80)
        tail++; /* start at a whole character */
    memcpy(dst, "...", 3);
    memcpy(dst + 3, tail, strlen(tail) + 1);
}

/* The longest prefix of s[0..n) that does not end inside a character. */
static size_t utf8_whole(const char *s, size_t n)
{
    size_t lead = n;
    while (lead > 0 && ((unsigned char)s[lead - 1] & 0xC0) == 0x80)
        lead--;
    if (lead == 0)
        return 0;
    unsigned char c = (unsigned char)s[lead - 1];
    size_t need = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    return n - (lead - 1) >= need ? n : lead - 1;
}

/*
 * Copies text into the message field, escaping control characters (user
 * text quoted in a message may hold line breaks or tabs) and marking a cut
 * with "..." at a character boundary, so the message stays one line of
 * valid UTF-8.
 */
static void copy_message(char *dst, size_t size, const char *text)
{
    size_t used = 0;
    for (const char *p = text; *p; p++) {
        unsigned char c = (unsigned char)*p;
        char esc[8] = {(char)c, '\0'};
        if (c == '\n' || c == '\t' || c == '\r')
            snprintf(esc, sizeof esc, "\\%c",
                     c == '\n'   ? 'n'
                     : c == '\t' ? 't'
                                 : 'r');
        else if (c < 0x20 || c == 0x7F)
            snprintf(esc, sizeof esc, "\\x%02X", c);
        size_t len = strlen(esc);
        if (used + len + 4 > size) {
            used = utf8_whole(dst, used);
            memcpy(dst + used, "...", 4);
            return;
        }
        memcpy(dst + used, esc, len);
        used += len;
    }
    dst[used] = '\0';
}

int cfi_vfail(cf_error *err, int code, const char *source, const cfi_mark *mark,
              const char *fmt, va_list ap)
{
    if (!err)
        return code;
    char text[CF_ERROR_MESSAGE_MAX * 2];
    vsnprintf(text, sizeof text, fmt, ap);
    err->code = code;
    err->line = mark ? mark->line : 0;
    err->column = mark ? mark->column : 0;
    err->offset = mark ? mark->offset : 0;
    copy_source(err->source, sizeof err->source, source ? source : "");
    copy_message(err->message, sizeof err->message, text);
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
