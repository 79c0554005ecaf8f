/*
 * Helpers the report renderers share: UTF-8 text measured in characters,
 * numbers written for people (and in full for machines), escaping for
 * Markdown, CSV and HTML, and a writer whose first failure sticks and
 * which builds text lines that never pass a width.
 */
#include "render.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- UTF-8 ---------------------------------------------------------- */

/*
 * Decodes the character at s (n bytes left) into *cp; returns its length
 * in bytes, or 0 when the bytes there are not well-formed UTF-8.
 */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned long *cp)
{
    unsigned long c = s[0];
    size_t len;
    unsigned long min;

    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        len = 2, min = 0x80, c &= 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, min = 0x800, c &= 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, min = 0x10000, c &= 0x07;
    } else {
        return 0;
    }
    if (len > n)
        return 0;
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[k] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

int cfi_utf8_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    while (n > 0) {
        unsigned long c;
        size_t len = utf8_decode(p, n, &c);
        if (len == 0)
            return 0;
        p += len;
        n -= len;
    }
    return 1;
}

/* Whether byte b starts a character (is not a continuation byte). */
static int starts_char(unsigned char b)
{
    return (b & 0xC0) != 0x80;
}

size_t cfi_text_width(const char *s, size_t len)
{
    size_t columns = 0;
    for (size_t i = 0; i < len; i++)
        columns += starts_char((unsigned char)s[i]);
    return columns;
}

size_t cfi_text_fit(const char *s, size_t len, size_t columns)
{
    size_t used = 0;
    for (size_t i = 0; i < len; i++) {
        if (starts_char((unsigned char)s[i])) {
            if (used == columns)
                return i;
            used++;
        }
    }
    return len;
}

int cfi_is_control(unsigned long c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

/* ---- numbers ------------------------------------------------------------- */

void cfi_format_decimal(char *buf, size_t size, double v, int decimals,
                        int sign)
{
    static const unsigned long long powers[] = {1,     10,     100,    1000,
                                                10000, 100000, 1000000};
    if (size == 0)
        return;
    if (isnan(v)) {
        snprintf(buf, size, "-");
        return;
    }
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    unsigned long long scale = powers[decimals];
    double scaled = fabs(v) * (double)scale;
    if (!isfinite(v) || scaled >= 9e15) {
        char number[CFI_NUMBER_TEXT_MAX];
        cfi_format_number(number, sizeof number, v, 6);
        snprintf(buf, size, "%s%s", sign && v > 0 ? "+" : "", number);
        return;
    }
    unsigned long long n = (unsigned long long)llround(scaled);
    const char *prefix = "";
    if (n != 0 && v < 0)
        prefix = "-";
    else if (n != 0 && sign)
        prefix = "+";
    unsigned long long whole = n / scale, part = n % scale;
    if (part == 0) {
        snprintf(buf, size, "%s%llu", prefix, whole);
        return;
    }
    int digits = decimals;
    while (part % 10 == 0) {
        part /= 10;
        digits--;
    }
    snprintf(buf, size, "%s%llu.%0*llu", prefix, whole, digits, part);
}

void cfi_format_percent(char *buf, size_t size, double share)
{
    if (size == 0)
        return;
    if (isnan(share)) {
        snprintf(buf, size, "-");
        return;
    }
    long percent;
    if (share >= 1)
        percent = 100;
    else if (share <= 0)
        percent = 0;
    else {
        percent = lround(share * 100);
        if (percent < 1)
            percent = 1;
        if (percent > 99)
            percent = 99;
    }
    snprintf(buf, size, "%ld%%", percent);
}

void cfi_format_exact(char *buf, size_t size, double v)
{
    if (size == 0)
        return;
    if (!isfinite(v))
        buf[0] = '\0';
    else if (v == 0)
        snprintf(buf, size, "0");
    else
        cfi_format_number(buf, size, v, 0);
}

/* ---- escaping ------------------------------------------------------- */

/*
 * What a format writes instead of character c (a code point): a
 * replacement, or NULL to keep the character as it is.
 */
typedef const char *(*replace_fn)(unsigned long c);

/*
 * Appends the n bytes at s to b, each character through replace; CF_OK,
 * CF_ENOMEM, or CF_EINVALID when they are not valid UTF-8.
 */
static int escape_span(const cf_allocator *a, cfi_buf *b, const char *s,
                       size_t n, replace_fn replace)
{
    const unsigned char *p = (const unsigned char *)s;
    /* Runs of characters kept as they are are copied at once. */
    size_t run = 0;
    while (n > 0) {
        unsigned long c;
        size_t len = utf8_decode(p + run, n, &c);
        if (len == 0)
            return CF_EINVALID;
        n -= len;
        const char *instead = replace(c);
        if (!instead) {
            run += len;
            continue;
        }
        if (cfi_buf_add(a, b, (const char *)p, run) != CF_OK ||
            cfi_buf_add(a, b, instead, strlen(instead)) != CF_OK)
            return CF_ENOMEM;
        p += run + len;
        run = 0;
    }
    return cfi_buf_add(a, b, (const char *)p, run) == CF_OK ? CF_OK : CF_ENOMEM;
}

/* The same for s, NUL-terminated (NULL: nothing). */
static int escape(const cf_allocator *a, cfi_buf *b, const char *s,
                  replace_fn replace)
{
    return s ? escape_span(a, b, s, strlen(s), replace) : CF_OK;
}

/* Text on a terminal line: control characters become spaces. */
static const char *replace_line(unsigned long c)
{
    return cfi_is_control(c) ? " " : NULL;
}

static const char *replace_markdown(unsigned long c)
{
    switch (c) {
    case '\\':
        return "\\\\";
    case '`':
        return "\\`";
    case '*':
        return "\\*";
    case '_':
        return "\\_";
    case '[':
        return "\\[";
    case ']':
        return "\\]";
    case '<':
        return "\\<";
    case '>':
        return "\\>";
    case '|':
        return "\\|";
    case '~':
        return "\\~";
    case '&':
        return "\\&";
    case '#':
        return "\\#";
    default:
        return replace_line(c);
    }
}

int cfi_escape_markdown(const cf_allocator *a, cfi_buf *b, const char *s)
{
    return escape(a, b, s, replace_markdown);
}

static const char *replace_csv(unsigned long c)
{
    if (c == '"')
        return "\"\"";
    if (c == '\r' || c == '\n')
        return NULL;
    return replace_line(c);
}

int cfi_escape_csv(const cf_allocator *a, cfi_buf *b, const char *s)
{
    if (!s)
        return CF_OK;
    int quote = strpbrk(s, ",\"\r\n") != NULL;
    size_t at = b->len;
    int rc = quote ? cfi_buf_addc(a, b, '"') : CF_OK;
    if (rc == CF_OK)
        rc = escape(a, b, s, replace_csv);
    if (rc == CF_OK && quote)
        rc = cfi_buf_addc(a, b, '"');
    if (rc != CF_OK && b->data) { /* no half field */
        b->len = at;
        b->data[at] = '\0';
    }
    return rc;
}

static const char *replace_html(unsigned long c)
{
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    case '\'':
        return "&#39;";
    case '\t':
    case '\n':
        return NULL;
    default:
        return replace_line(c);
    }
}

int cfi_escape_html(const cf_allocator *a, cfi_buf *b, const char *s)
{
    return escape(a, b, s, replace_html);
}

/* ---- the writer ----------------------------------------------------- */

/*
 * In the line being built, a colour change is the byte MARK followed by
 * '0' + the cfi_color. Text added to a line has its control characters
 * replaced, so MARK cannot come from the text.
 */
#define MARK '\x01'

void cfi_writer_init(cfi_writer *w, const cf_allocator *a, cfi_buf *out,
                     size_t width, int color)
{
    w->a = a;
    w->out = out;
    w->rc = CF_OK;
    w->width = width;
    w->color = color;
    w->line.data = NULL;
    w->line.len = w->line.cap = 0;
}

int cfi_writer_finish(cfi_writer *w)
{
    cfi_buf_free(w->a, &w->line);
    return w->rc;
}

void cfi_writer_fail(cfi_writer *w, int rc)
{
    if (w->rc == CF_OK && rc != CF_OK)
        w->rc = rc;
}

void cfi_write_n(cfi_writer *w, const char *s, size_t n)
{
    if (w->rc == CF_OK)
        cfi_writer_fail(w, cfi_buf_add(w->a, w->out, s, n));
}

void cfi_write(cfi_writer *w, const char *s)
{
    cfi_write_n(w, s, strlen(s));
}

void cfi_write_markdown(cfi_writer *w, const char *s)
{
    if (w->rc == CF_OK)
        cfi_writer_fail(w, cfi_escape_markdown(w->a, w->out, s));
}

void cfi_write_csv(cfi_writer *w, const char *s)
{
    if (w->rc == CF_OK)
        cfi_writer_fail(w, cfi_escape_csv(w->a, w->out, s));
}

void cfi_write_html(cfi_writer *w, const char *s)
{
    if (w->rc == CF_OK)
        cfi_writer_fail(w, cfi_escape_html(w->a, w->out, s));
}

/* Appends n bytes to the current line. */
static void line_add(cfi_writer *w, const char *s, size_t n)
{
    if (w->rc == CF_OK)
        cfi_writer_fail(w, cfi_buf_add(w->a, &w->line, s, n));
}

void cfi_line_text(cfi_writer *w, const char *s)
{
    if (w->rc == CF_OK)
        cfi_writer_fail(w, escape(w->a, &w->line, s, replace_line));
}

void cfi_line_text_n(cfi_writer *w, const char *s, size_t n)
{
    if (w->rc == CF_OK)
        cfi_writer_fail(w, escape_span(w->a, &w->line, s, n, replace_line));
}

void cfi_line_spaces(cfi_writer *w, size_t n)
{
    static const char spaces[] = "                                ";
    while (n > 0 && w->rc == CF_OK) {
        size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
        line_add(w, spaces, k);
        n -= k;
    }
}

void cfi_line_color(cfi_writer *w, cfi_color color)
{
    char mark[2] = {MARK, (char)('0' + (int)color)};
    line_add(w, mark, 2);
}

void cfi_line_cell(cfi_writer *w, const char *s, size_t indent, size_t columns,
                   int right, cfi_color color)
{
    if (w->rc != CF_OK)
        return;
    if (!s)
        s = "";
    if (!cfi_utf8_valid(s)) {
        cfi_writer_fail(w, CF_EINVALID);
        return;
    }
    if (indent > columns)
        indent = columns;
    size_t room = columns - indent;
    size_t len = strlen(s);
    size_t width = cfi_text_width(s, len);
    size_t keep = len;
    const char *dots = "";
    if (width > room) {
        size_t shown = room >= 3 ? room - 3 : room;
        dots = room >= 3 ? "..." : "";
        keep = cfi_text_fit(s, len, shown);
        /* "Customer ..." reads worse than "Customer...". */
        while (keep > 0 && s[keep - 1] == ' ')
            keep--;
        width = cfi_text_width(s, keep) + strlen(dots);
    }
    size_t pad = room - width;
    cfi_line_spaces(w, indent + (right ? pad : 0));
    if (color != CFI_COLOR_NONE)
        cfi_line_color(w, color);
    if (w->rc == CF_OK)
        cfi_writer_fail(w, escape_span(w->a, &w->line, s, keep, replace_line));
    line_add(w, dots, strlen(dots));
    if (color != CFI_COLOR_NONE)
        cfi_line_color(w, CFI_COLOR_NONE);
    cfi_line_spaces(w, right ? 0 : pad);
}

/* The ANSI escape that starts colour c (or ends colours, for NONE). */
static const char *ansi(int c)
{
    switch (c) {
    case CFI_COLOR_GREEN:
        return "\x1b[32m";
    case CFI_COLOR_YELLOW:
        return "\x1b[33m";
    case CFI_COLOR_RED:
        return "\x1b[31m";
    default:
        return "\x1b[0m";
    }
}

/*
 * Writes bytes [from, to) of the current line, colour marks as escapes
 * (or nothing without colour); *open tracks the colour that is on.
 */
static void emit(cfi_writer *w, size_t from, size_t to, int *open)
{
    const char *s = w->line.data;
    size_t start = from;
    for (size_t i = from; i < to; i++) {
        if (s[i] != MARK)
            continue;
        cfi_write_n(w, s + start, i - start);
        if (w->color)
            cfi_write(w, ansi(s[i + 1] - '0'));
        *open = s[i + 1] - '0';
        start = i + 2;
        i++;
    }
    cfi_write_n(w, s + start, to - start);
}

/*
 * The end of the longest part of the current line from byte from that
 * takes at most columns columns (marks take none); *used gets them.
 */
static size_t span_fit(const cfi_writer *w, size_t from, size_t end,
                       size_t columns, size_t *used)
{
    const char *s = w->line.data;
    size_t n = 0, i = from;
    for (; i < end; i++) {
        if (s[i] == MARK) {
            i++;
            continue;
        }
        if (starts_char((unsigned char)s[i])) {
            if (n == columns)
                break;
            n++;
        }
    }
    *used = n;
    return i;
}

/* The length of the current line without trailing spaces. */
static size_t trimmed(const cfi_writer *w)
{
    size_t len = w->line.len;
    while (len > 0 && w->line.data[len - 1] == ' ')
        len--;
    return len;
}

static void line_reset(cfi_writer *w)
{
    w->line.len = 0;
    if (w->line.data)
        w->line.data[0] = '\0';
}

void cfi_line_end(cfi_writer *w)
{
    if (w->rc != CF_OK)
        return;
    if (!w->line.data) {
        cfi_write(w, "\n");
        return;
    }
    size_t len = trimmed(w), used = 0;
    int open = 0;
    size_t all = span_fit(w, 0, len, SIZE_MAX, &used);
    int cut = w->width != 0 && used > w->width;
    size_t end =
        cut ? span_fit(w, 0, len, w->width >= 3 ? w->width - 3 : 0, &used)
            : all;
    emit(w, 0, end, &open);
    if (open && w->color)
        cfi_write(w, ansi(CFI_COLOR_NONE));
    if (cut)
        cfi_write(w, w->width >= 3 ? "..." : "");
    cfi_write(w, "\n");
    line_reset(w);
}

void cfi_line_wrap(cfi_writer *w, size_t indent)
{
    if (w->rc != CF_OK)
        return;
    if (!w->line.data || w->width == 0) {
        cfi_line_end(w);
        return;
    }
    const char *s = w->line.data;
    size_t len = trimmed(w), at = 0, used = 0;
    int open = 0;
    if (indent > w->width / 2)
        indent = w->width / 2;
    for (int first = 1; w->rc == CF_OK; first = 0) {
        size_t room = first ? w->width : w->width - indent;
        size_t end = span_fit(w, at, len, room, &used);
        if (end < len) {
            /* Break after the last space that fits, if there is one. */
            size_t space = end;
            while (space > at && s[space] != ' ')
                space--;
            if (space > at)
                end = space;
        }
        size_t stop = end;
        while (stop > at && s[stop - 1] == ' ')
            stop--;
        if (!first) {
            for (size_t k = 0; k < indent; k++)
                cfi_write(w, " ");
            if (open && w->color) /* the colour goes on after the indent */
                cfi_write(w, ansi(open));
        }
        emit(w, at, stop, &open);
        if (open && w->color)
            cfi_write(w, ansi(CFI_COLOR_NONE));
        cfi_write(w, "\n");
        at = end;
        while (at < len && s[at] == ' ')
            at++;
        if (at >= len)
            break;
    }
    line_reset(w);
}

void cfi_line_blank(cfi_writer *w)
{
    w->line.len = 0;
    cfi_line_end(w);
}
