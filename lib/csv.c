/* A reader of CSV text (RFC 4180), one field at a time: see csv.h. */
#include "csv.h"

#include <string.h>

int cfi_csv_open(cfi_csv *csv, const cfi_csv_config *config, const char *data,
                 size_t len, cf_error *err)
{
    memset(csv, 0, sizeof *csv);
    csv->config = *config;
    csv->data = data ? data : "";
    csv->len = len;
    csv->line = 1;
    csv->column = 1;
    if (len > config->max_input_bytes)
        return cfi_fail(
            err, CF_ELIMIT, config->source, NULL,
            "the input is larger than the limit of %zu bytes "
            "(max_input_bytes; a program can raise it in cf_load_options)",
            config->max_input_bytes);
    if (len >= 3 && memcmp(csv->data, "\xEF\xBB\xBF", 3) == 0)
        csv->pos = 3;
    return CF_OK;
}

void cfi_csv_close(cfi_csv *csv)
{
    cfi_buf_free(csv->config.allocator, &csv->value);
}

cfi_mark cfi_csv_position(const cfi_csv *csv)
{
    cfi_mark mark = {csv->line, csv->column, csv->pos};
    return mark;
}

static int syntax_error(const cfi_csv *csv, const cfi_mark *mark,
                        const char *message, cf_error *err)
{
    return cfi_fail(err, CF_ESYNTAX, csv->config.source, mark, "%s", message);
}

/* ---- characters ------------------------------------------------------------
 */

/* The length of the valid UTF-8 sequence at s (n bytes left), 0 if none. */
static size_t utf8_length(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t need = c < 0x80                 ? 1
                  : c >= 0xC2 && c <= 0xDF ? 2
                  : c >= 0xE0 && c <= 0xEF ? 3
                  : c >= 0xF0 && c <= 0xF4 ? 4
                                           : 0;
    if (need == 0 || n < need)
        return 0;
    for (size_t i = 1; i < need; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((c == 0xE0 && s[1] < 0xA0) || /* overlong */
        (c == 0xED && s[1] > 0x9F) || /* a UTF-16 surrogate */
        (c == 0xF0 && s[1] < 0x90) || /* overlong */
        (c == 0xF4 && s[1] > 0x8F))   /* above U+10FFFF */
        return 0;
    return need;
}

/*
 * The length in bytes of the character at csv->pos, or 0 after filling err
 * when it is not a valid character of text.
 */
static size_t char_length(const cfi_csv *csv, cf_error *err)
{
    const unsigned char *s = (const unsigned char *)csv->data + csv->pos;
    cfi_mark here = cfi_csv_position(csv);
    if (s[0] == 0) {
        syntax_error(csv, &here, "NUL byte in the text (a CSV file holds text)",
                     err);
        return 0;
    }
    size_t n = utf8_length(s, csv->len - csv->pos);
    if (n == 0)
        cfi_fail(err, CF_ESYNTAX, csv->config.source, &here,
                 "invalid UTF-8: byte 0x%02X does not start a valid "
                 "sequence (save the file as UTF-8)",
                 s[0]);
    return n;
}

/* Moves past the n-byte character at csv->pos. */
static void advance(cfi_csv *csv, size_t n)
{
    char c = csv->data[csv->pos];
    csv->pos += n;
    int crlf = c == '\r' && csv->pos < csv->len && csv->data[csv->pos] == '\n';
    if ((c == '\n' || c == '\r') && !crlf) {
        csv->line++;
        csv->column = 1;
    } else {
        csv->column++;
    }
}

static int at(const cfi_csv *csv, char c)
{
    return csv->pos < csv->len && csv->data[csv->pos] == c;
}

static int at_break(const cfi_csv *csv)
{
    return at(csv, '\n') || at(csv, '\r');
}

/* Moves past a line break: CRLF, LF or CR. */
static void skip_break(cfi_csv *csv)
{
    if (at(csv, '\r'))
        advance(csv, 1);
    if (at(csv, '\n'))
        advance(csv, 1);
}

/* ---- fields
 * ------------------------------------------------------------------ */

static int too_long(const cfi_csv *csv, const cfi_csv_field *f, cf_error *err)
{
    return cfi_fail(
        err, CF_ELIMIT, csv->config.source, &f->mark,
        "field longer than the limit of %zu bytes "
        "(max_string_bytes; a program can raise it in cf_load_options)",
        csv->config.max_field_bytes);
}

/* Appends the n bytes at data[from] to the field's value. */
static int add(cfi_csv *csv, const cfi_csv_field *f, size_t from, size_t n,
               cf_error *err)
{
    if (csv->value.len + n > csv->config.max_field_bytes)
        return too_long(csv, f, err);
    if (cfi_buf_add(csv->config.allocator, &csv->value, csv->data + from, n) !=
        CF_OK)
        return cfi_fail(err, CF_ENOMEM, csv->config.source, NULL,
                        "out of memory");
    return CF_OK;
}

static int read_plain(cfi_csv *csv, const cfi_csv_field *f, cf_error *err)
{
    size_t from = csv->pos;
    while (csv->pos < csv->len && !at(csv, ',') && !at_break(csv)) {
        if (at(csv, '"')) {
            cfi_mark here = cfi_csv_position(csv);
            return syntax_error(csv, &here,
                                "quote inside an unquoted field (quote the "
                                "whole field and double each quote in it)",
                                err);
        }
        size_t n = char_length(csv, err);
        if (n == 0)
            return CF_ESYNTAX;
        advance(csv, n);
    }
    return add(csv, f, from, csv->pos - from, err);
}

/* After the closing quote: a comma, a line break or the end. */
static int after_quote(const cfi_csv *csv, cf_error *err)
{
    if (csv->pos == csv->len || at(csv, ',') || at_break(csv))
        return CF_OK;
    cfi_mark here = cfi_csv_position(csv);
    return syntax_error(csv, &here,
                        "text after the closing quote of a field (write a "
                        "quote inside a quoted field as \"\")",
                        err);
}

static int read_quoted(cfi_csv *csv, const cfi_csv_field *f, cf_error *err)
{
    advance(csv, 1); /* the opening quote */
    size_t from = csv->pos;
    for (;;) {
        if (csv->pos == csv->len)
            return syntax_error(csv, &f->mark,
                                "unterminated quoted field: the quote that "
                                "opens it is never closed",
                                err);
        if (at(csv, '"')) {
            int rc = add(csv, f, from, csv->pos - from, err);
            if (rc != CF_OK)
                return rc;
            advance(csv, 1);
            if (!at(csv, '"'))
                return after_quote(csv, err);
            from = csv->pos; /* "" : the second quote starts the next run */
            advance(csv, 1);
            continue;
        }
        size_t n = char_length(csv, err);
        if (n == 0)
            return CF_ESYNTAX;
        advance(csv, n);
        if (csv->value.len + (csv->pos - from) > csv->config.max_field_bytes)
            return too_long(csv, f, err);
    }
}

/* Moves past what ends a field: a comma, a line break, or the end. */
static void end_field(cfi_csv *csv, cfi_csv_field *f)
{
    if (at(csv, ',')) {
        advance(csv, 1);
        f->last = 0;
        csv->in_record = 1;
        return;
    }
    skip_break(csv);
    f->last = 1;
    csv->in_record = 0;
}

int cfi_csv_next(cfi_csv *csv, cfi_csv_field *field, int *found, cf_error *err)
{
    *found = 0;
    if (!csv->in_record) {
        while (at_break(csv))
            skip_break(csv); /* blank lines */
        if (csv->pos == csv->len)
            return CF_OK;
    }
    memset(field, 0, sizeof *field);
    field->mark = cfi_csv_position(csv);
    field->quoted = at(csv, '"');
    csv->value.len = 0;
    int rc = add(csv, field, csv->pos, 0, err); /* a value, even if empty */
    if (rc == CF_OK)
        rc = field->quoted ? read_quoted(csv, field, err)
                           : read_plain(csv, field, err);
    if (rc != CF_OK)
        return rc;
    end_field(csv, field);
    field->value = csv->value.data;
    field->length = csv->value.len;
    *found = 1;
    return CF_OK;
}
