/* Terminal columns of UTF-8 text (see text.h). */
#include "text.h"

#include <string.h>

/* The code point at text and its length in bytes; bad bytes count alone. */
static size_t utf8_next(const char *text, unsigned long *cp)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t len = s[0] < 0x80 ? 1 : s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : 2;
    if (s[0] >= 0x80 && (s[0] < 0xc2 || s[0] > 0xf4)) {
        *cp = 0xfffd;
        return 1;
    }
    *cp = len == 1 ? s[0] : s[0] & (0x7fu >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80) {
            *cp = 0xfffd;
            return i;
        }
        *cp = (*cp << 6) | (s[i] & 0x3fu);
    }
    return len;
}

static int is_control(unsigned long cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
}

/* Combining marks and joiners: printed over the previous character. */
static int is_zero_width(unsigned long cp)
{
    return (cp >= 0x300 && cp < 0x370) || (cp >= 0x200b && cp <= 0x200f) ||
           (cp >= 0x20d0 && cp < 0x2100) || (cp >= 0xfe00 && cp < 0xfe10) ||
           (cp >= 0xfe20 && cp < 0xfe30);
}

/* East Asian wide and full-width characters and emoji: two columns. */
static int is_wide(unsigned long cp)
{
    return (cp >= 0x1100 && cp < 0x1160) || (cp >= 0x2e80 && cp < 0xa4d0) ||
           (cp >= 0xac00 && cp < 0xd7a4) || (cp >= 0xf900 && cp < 0xfb00) ||
           (cp >= 0xfe30 && cp < 0xfe50) || (cp >= 0xff00 && cp < 0xff61) ||
           (cp >= 0xffe0 && cp < 0xffe7) || (cp >= 0x1f300 && cp < 0x1f650) ||
           (cp >= 0x1f900 && cp < 0x1fa00) || (cp >= 0x20000 && cp < 0x3fffe);
}

static size_t codepoint_columns(unsigned long cp)
{
    if (is_control(cp)) {
        return 1; /* printed as a space */
    }
    if (is_zero_width(cp)) {
        return 0;
    }
    return is_wide(cp) ? 2 : 1;
}

size_t text_columns(const char *text)
{
    return text_columns_n(text, strlen(text));
}

size_t text_columns_n(const char *text, size_t len)
{
    size_t columns = 0, done = 0;
    unsigned long cp;
    while (done < len) {
        done += utf8_next(text + done, &cp);
        columns += codepoint_columns(cp);
    }
    return columns;
}

size_t text_trimmed_length(const char *text)
{
    size_t len = strlen(text);
    while (len > 0 &&
           ((unsigned char)text[len - 1] <= ' ' || text[len - 1] == 0x7f)) {
        len--;
    }
    return len;
}

size_t text_fit(const char *text, size_t len, size_t columns)
{
    size_t used = 0, bytes = 0;
    unsigned long cp;
    while (bytes < len) {
        size_t n = utf8_next(text + bytes, &cp);
        size_t w = codepoint_columns(cp);
        if (used + w > columns || bytes + n > len) {
            break;
        }
        used += w;
        bytes += n;
    }
    return bytes;
}

void text_write(FILE *out, const char *text, size_t len)
{
    size_t done = 0;
    unsigned long cp;
    while (done < len) {
        size_t n = utf8_next(text + done, &cp);
        if (is_control(cp)) {
            fputc(' ', out);
        } else {
            fwrite(text + done, 1, n, out);
        }
        done += n;
    }
}

void text_line_start(text_line *line, FILE *out, size_t width,
                     const char *ellipsis)
{
    line->out = out;
    line->width = width;
    line->column = 0;
    line->full = 0;
    line->ellipsis = ellipsis;
}

/* Prints as much of text as fits in room columns, then the ellipsis. */
static void put_cut(text_line *line, const char *text, size_t len, size_t room)
{
    size_t dots = text_columns(line->ellipsis);
    len = text_fit(text, len, room >= dots ? room - dots : room);
    while (len > 0 && text[len - 1] == ' ') {
        len--;
    }
    text_write(line->out, text, len);
    if (room >= dots) {
        fputs(line->ellipsis, line->out);
    }
    line->full = 1;
    line->column = line->width;
}

void text_line_put(text_line *line, const char *text)
{
    text_line_put_n(line, text, strlen(text));
}

void text_line_put_n(text_line *line, const char *text, size_t len)
{
    size_t columns = text_columns_n(text, len);
    if (line->full) {
        return;
    }
    if (line->width != 0 && line->column + columns > line->width) {
        put_cut(line, text, len, line->width - line->column);
        return;
    }
    text_write(line->out, text, len);
    line->column += columns;
}

void text_line_pad(text_line *line, size_t column)
{
    if (line->width != 0 && column > line->width) {
        column = line->width;
    }
    for (; line->column < column; line->column++) {
        fputc(' ', line->out);
    }
}

void text_line_end(text_line *line)
{
    fputc('\n', line->out);
}
