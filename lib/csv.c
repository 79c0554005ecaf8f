/*
 * A reader of CSV text (RFC 4180), one field at a time: see csv.h.
 *
 * Speed matters here (a file may hold hundreds of thousands of ratings),
 * so the reader keeps only byte offsets as it goes: the column of a
 * position, which takes counting the characters before it on its line,
 * is worked out when someone asks for it, usually for an error message.
 * Unquoted fields are not copied; a quoted field is copied only when it
 * holds "" (its value then differs from its text).
 */
#include "csv.h"

#include <stdint.h>
#include <string.h>

int cfi_csv_open(cfi_csv *csv, const cfi_csv_config *config, const char *data,
                 size_t len, cf_error *err)
{
    memset(csv, 0, sizeof *csv);
    csv->config = *config;
    csv->data = data ? data : "";
    csv->len = len;
    csv->line = 1;
    csv->column_line_start = CFI_NONE;
    if (len > config->max_input_bytes)
        return cfi_fail(
            err, CF_ELIMIT, config->source, NULL,
            "the input is larger than the limit of %zu bytes "
            "(max_input_bytes; a program can raise it in cf_load_options)",
            config->max_input_bytes);
    if (len >= 3 && memcmp(csv->data, "\xEF\xBB\xBF", 3) == 0)
        csv->pos = 3; /* not a character of the first line */
    csv->line_start = csv->pos;
    return CF_OK;
}

void cfi_csv_close(cfi_csv *csv)
{
    cfi_buf_free(csv->config.allocator, &csv->value);
    cfi_buf_free(csv->config.allocator, &csv->copy);
}

/* ---- positions ------------------------------------------------------------
 */

/*
 * The characters in n bytes of text already checked to be valid UTF-8:
 * every byte but the continuation bytes starts one.
 */
static size_t count_chars(const char *s, size_t n)
{
    size_t chars = 0;
    for (size_t i = 0; i < n; i++)
        chars += ((unsigned char)s[i] & 0xC0) != 0x80;
    return chars;
}

cfi_mark cfi_csv_mark(const cfi_csv *csv, const cfi_csv_pos *pos)
{
    size_t before = pos->offset - pos->line_start;
    cfi_mark mark = {pos->line,
                     1 + count_chars(csv->data + pos->line_start, before),
                     pos->offset};
    return mark;
}

static cfi_csv_pos here(const cfi_csv *csv)
{
    cfi_csv_pos pos = {csv->line, csv->line_start, csv->pos};
    return pos;
}

cfi_mark cfi_csv_position(const cfi_csv *csv)
{
    cfi_csv_pos pos = here(csv);
    return cfi_csv_mark(csv, &pos);
}

/* cfi_csv_mark, counting on from the last column made on the same line. */
static cfi_mark next_mark(cfi_csv *csv, const cfi_csv_pos *pos)
{
    if (pos->line_start != csv->column_line_start ||
        pos->offset < csv->column_offset) {
        csv->column_line_start = pos->line_start;
        csv->column_offset = pos->line_start;
        csv->column = 1;
    }
    csv->column += count_chars(csv->data + csv->column_offset,
                               pos->offset - csv->column_offset);
    csv->column_offset = pos->offset;
    cfi_mark mark = {pos->line, csv->column, pos->offset};
    return mark;
}

/* ---- errors ----------------------------------------------------------------
 */

static int syntax_error(const cfi_csv *csv, const cfi_csv_pos *pos,
                        const char *message, cf_error *err)
{
    cfi_mark mark = cfi_csv_mark(csv, pos);
    return cfi_fail(err, CF_ESYNTAX, csv->config.source, &mark, "%s", message);
}

/* A syntax error at offset, on the current line. */
static int syntax_error_at(const cfi_csv *csv, size_t offset,
                           const char *message, cf_error *err)
{
    cfi_csv_pos pos = {csv->line, csv->line_start, offset};
    return syntax_error(csv, &pos, message, err);
}

/* The error for the byte at offset, which does not start a character. */
static int bad_char(const cfi_csv *csv, size_t offset, cf_error *err)
{
    unsigned char c = (unsigned char)csv->data[offset];
    if (c == 0)
        return syntax_error_at(
            csv, offset, "NUL byte in the text (a CSV file holds text)", err);
    cfi_csv_pos pos = {csv->line, csv->line_start, offset};
    cfi_mark mark = cfi_csv_mark(csv, &pos);
    return cfi_fail(err, CF_ESYNTAX, csv->config.source, &mark,
                    "invalid UTF-8: byte 0x%02X does not start a valid "
                    "sequence (save the file as UTF-8)",
                    c);
}

static int too_long(const cfi_csv *csv, const cfi_csv_span *f, cf_error *err)
{
    cfi_mark mark = cfi_csv_mark(csv, &f->pos);
    return cfi_fail(
        err, CF_ELIMIT, csv->config.source, &mark,
        "field longer than the limit of %zu bytes "
        "(max_string_bytes; a program can raise it in cf_load_options)",
        csv->config.max_field_bytes);
}

static int out_of_memory(const cfi_csv *csv, cf_error *err)
{
    return cfi_fail(err, CF_ENOMEM, csv->config.source, NULL, "out of memory");
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
 * The length in bytes of the character at offset p, or 0 when it is not a
 * character of text (NUL, or not valid UTF-8).
 */
static size_t char_length(const cfi_csv *csv, size_t p)
{
    const unsigned char *s = (const unsigned char *)csv->data + p;
    if (s[0] == 0)
        return 0;
    return s[0] < 0x80 ? 1 : utf8_length(s, csv->len - p);
}

static int at(const cfi_csv *csv, char c)
{
    return csv->pos < csv->len && csv->data[csv->pos] == c;
}

static int at_break(const cfi_csv *csv)
{
    return at(csv, '\n') || at(csv, '\r');
}

/* Moves past a line break: CRLF, LF or CR. A new line starts after it. */
static void skip_break(cfi_csv *csv)
{
    if (at(csv, '\r'))
        csv->pos++;
    if (at(csv, '\n'))
        csv->pos++;
    csv->line++;
    csv->line_start = csv->pos;
}

/* Whether c ends a run of plain text: a comma, quote, line break, NUL or
 * a byte of a multi-byte character (to be checked as UTF-8). */
static inline int special(unsigned char c)
{
    return c >= 0x80 || (c <= ',' && (c == ',' || c == '"' || c == '\n' ||
                                      c == '\r' || c == 0));
}

/*
 * The bytes of the 8 at s that may be special, each as its top bit: those
 * below 0x2D (every special ASCII byte is) or from 0x80. Subtracting 0x2D
 * from each byte borrows into its top bit when it is below; the borrow
 * may also flag the bytes after it, never one before.
 */
static uint64_t candidates(const unsigned char *s)
{
    uint64_t x;
    memcpy(&x, s, sizeof x);
    const uint64_t low = 0x2D2D2D2D2D2D2D2Du, top = 0x8080808080808080u;
    return ((x - low) | x) & top;
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) &&                            \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* Where the first candidate is: the lowest flag is a true one. */
#define CFI_FIRST_CANDIDATE(mask) ((size_t)__builtin_ctzll(mask) / 8)
#else
#define CFI_FIRST_CANDIDATE(mask) ((size_t)0)
#endif

/*
 * Past the run of bytes from p that are ASCII characters with no meaning
 * to CSV: the common case, checked eight bytes at a time.
 */
static size_t skip_plain(const unsigned char *s, size_t p, size_t end)
{
    while (end - p >= 8) {
        uint64_t mask = candidates(s + p);
        if (!mask) {
            p += 8;
            continue;
        }
        p += CFI_FIRST_CANDIDATE(mask);
        if (special(s[p]))
            return p;
        p++;
    }
    while (p < end && !special(s[p]))
        p++;
    return p;
}

/* ---- fields
 * ------------------------------------------------------------------ */

/* Appends the n bytes at data[from] to csv->value. */
static int add(cfi_csv *csv, size_t from, size_t n, cf_error *err)
{
    if (cfi_buf_add(csv->config.allocator, &csv->value, csv->data + from, n) !=
        CF_OK)
        return out_of_memory(csv, err);
    return CF_OK;
}

static int read_plain(cfi_csv *csv, cfi_csv_span *f, cf_error *err)
{
    const unsigned char *s = (const unsigned char *)csv->data;
    size_t p = csv->pos;
    for (;;) {
        p = skip_plain(s, p, csv->len);
        if (p == csv->len || s[p] == ',' || s[p] == '\n' || s[p] == '\r')
            break;
        if (s[p] == '"')
            return syntax_error_at(csv, p,
                                   "quote inside an unquoted field (quote the "
                                   "whole field and double each quote in it)",
                                   err);
        size_t n = char_length(csv, p);
        if (n == 0)
            return bad_char(csv, p, err);
        p += n;
    }
    csv->pos = p;
    f->text = csv->data + f->pos.offset;
    f->length = p - f->pos.offset;
    return f->length > csv->config.max_field_bytes ? too_long(csv, f, err)
                                                   : CF_OK;
}

/* After the closing quote: a comma, a line break or the end. */
static int after_quote(const cfi_csv *csv, cf_error *err)
{
    if (csv->pos == csv->len || at(csv, ',') || at_break(csv))
        return CF_OK;
    return syntax_error_at(csv, csv->pos,
                           "text after the closing quote of a field (write a "
                           "quote inside a quoted field as \"\")",
                           err);
}

/* Counts the line break that the character at p is, if it is one. */
static void count_break(cfi_csv *csv, size_t p)
{
    char c = csv->data[p];
    int crlf = c == '\r' && p + 1 < csv->len && csv->data[p + 1] == '\n';
    if ((c == '\n' || c == '\r') && !crlf) {
        csv->line++;
        csv->line_start = p + 1;
    }
}

/*
 * The closing quote at p ends a quoted field whose last run starts at
 * from: the value is in the input, or in csv->value when it held "".
 */
static int close_quoted(cfi_csv *csv, cfi_csv_span *f, size_t from, size_t p,
                        int escaped, cf_error *err)
{
    if (escaped) {
        int rc = add(csv, from, p - from, err);
        if (rc != CF_OK)
            return rc;
        f->text = csv->value.data;
        f->length = csv->value.len;
    } else {
        f->text = csv->data + from;
        f->length = p - from;
    }
    csv->pos = p + 1;
    return after_quote(csv, err);
}

/*
 * The limit is checked after each character, but not after the second
 * quote of a "": so the first error reported is the same as when the
 * value was built one character at a time.
 */
static int read_quoted(cfi_csv *csv, cfi_csv_span *f, cf_error *err)
{
    const char *s = csv->data;
    size_t max = csv->config.max_field_bytes;
    size_t p = csv->pos + 1; /* past the opening quote */
    size_t from = p;         /* the run not yet in csv->value */
    int escaped = 0;
    csv->value.len = 0;
    for (;;) {
        if (p == csv->len)
            return syntax_error(csv, &f->pos,
                                "unterminated quoted field: the quote that "
                                "opens it is never closed",
                                err);
        if (s[p] == '"') {
            if (csv->value.len + (p - from) > max)
                return too_long(csv, f, err);
            if (p + 1 == csv->len || s[p + 1] != '"')
                return close_quoted(csv, f, from, p, escaped, err);
            int rc = add(csv, from, p + 1 - from, err); /* with one quote */
            if (rc != CF_OK)
                return rc;
            escaped = 1;
            from = p += 2;
            continue;
        }
        size_t n = char_length(csv, p);
        if (n == 0)
            return bad_char(csv, p, err);
        count_break(csv, p);
        p += n;
        if (csv->value.len + (p - from) > max)
            return too_long(csv, f, err);
    }
}

/* Moves past what ends a field: a comma, a line break, or the end. */
static void end_field(cfi_csv *csv, cfi_csv_span *f)
{
    if (at(csv, ',')) {
        csv->pos++;
        f->last = 0;
        csv->in_record = 1;
        return;
    }
    if (csv->pos < csv->len)
        skip_break(csv);
    f->last = 1;
    csv->in_record = 0;
}

int cfi_csv_next_span(cfi_csv *csv, cfi_csv_span *span, int *found,
                      cf_error *err)
{
    *found = 0;
    if (!csv->in_record) {
        while (at_break(csv))
            skip_break(csv); /* blank lines */
        if (csv->pos == csv->len)
            return CF_OK;
    }
    span->pos = here(csv);
    span->quoted = at(csv, '"');
    span->last = 0;
    int rc =
        span->quoted ? read_quoted(csv, span, err) : read_plain(csv, span, err);
    if (rc != CF_OK)
        return rc;
    end_field(csv, span);
    *found = 1;
    return CF_OK;
}

int cfi_csv_next(cfi_csv *csv, cfi_csv_field *field, int *found, cf_error *err)
{
    cfi_csv_span span;
    int rc = cfi_csv_next_span(csv, &span, found, err);
    if (rc != CF_OK || !*found)
        return rc;
    csv->copy.len = 0;
    if (cfi_buf_add(csv->config.allocator, &csv->copy, span.text,
                    span.length) != CF_OK)
        return out_of_memory(csv, err);
    memset(field, 0, sizeof *field);
    field->value = csv->copy.data;
    field->length = span.length;
    field->mark = next_mark(csv, &span.pos);
    field->quoted = span.quoted;
    field->last = span.last;
    return CF_OK;
}
