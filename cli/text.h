/*
 * Printing UTF-8 text in terminal columns: measuring, shortening with an
 * ellipsis, and building lines that never pass a given width.
 *
 * Text from a framework file is printed as one line: control characters
 * (line breaks, tabs, escape sequences) are shown as spaces, so a file
 * cannot break the layout or drive the terminal.
 */
#ifndef CLI_TEXT_H
#define CLI_TEXT_H

#include <stddef.h>
#include <stdio.h>

/* The number of terminal columns text (or its first len bytes) takes. */
size_t text_columns(const char *text);
size_t text_columns_n(const char *text, size_t len);

/* The length of text without trailing spaces and control characters. */
size_t text_trimmed_length(const char *text);

/*
 * The length in bytes of the longest start of the len bytes of text that
 * takes at most columns columns; never splits a character.
 */
size_t text_fit(const char *text, size_t len, size_t columns);

/* Writes len bytes of text, control characters as spaces. */
void text_write(FILE *out, const char *text, size_t len);

/*
 * A line being printed. With a width other than 0, text that would pass
 * it is cut and ends with the ellipsis, and nothing more is printed on
 * the line.
 */
typedef struct text_line {
    FILE *out;
    size_t width;  /* 0 = no limit */
    size_t column; /* columns printed so far */
    int full;      /* the line has been cut */
    const char *ellipsis;
} text_line;

void text_line_start(text_line *line, FILE *out, size_t width,
                     const char *ellipsis);
/* Prints text, cut with the ellipsis where the line is full. */
void text_line_put(text_line *line, const char *text);
/* The same for the first len bytes of text. */
void text_line_put_n(text_line *line, const char *text, size_t len);
/* Prints spaces up to column (never past the width). */
void text_line_pad(text_line *line, size_t column);
/* Ends the line with a newline. */
void text_line_end(text_line *line);

#endif /* CLI_TEXT_H */
