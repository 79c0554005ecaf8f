/*
 * Private declarations of the report renderers (render*.c): the entry
 * point of each format for each report kind, which lib/render.c calls, and
 * the helpers they share. Nothing here is public; every name starts with
 * cfi_.
 *
 * Every cfi_render_<kind>_<format> function appends its output to out (an
 * empty buffer the caller owns and frees whatever happens), allocating
 * through a, with the options already checked (o->width is never 0). It
 * returns CF_OK, CF_ENOMEM, or CF_EINVALID when a text of the report is
 * not valid UTF-8; lib/render.c turns the code into a message. The
 * functions that take several reports get n >= 1 of them, none NULL.
 */
#ifndef CF_RENDER_H
#define CF_RENDER_H

#include "internal.h"

#include <stddef.h>

/* ---- entry points, one per report kind and format ---------------------- */

int cfi_render_scores_text(const cf_scores *const *s, size_t n,
                           const cf_render_options *o, cfi_buf *out,
                           const cf_allocator *a);
int cfi_render_scores_markdown(const cf_scores *const *s, size_t n,
                               const cf_render_options *o, cfi_buf *out,
                               const cf_allocator *a);
int cfi_render_scores_csv(const cf_scores *const *s, size_t n,
                          const cf_render_options *o, cfi_buf *out,
                          const cf_allocator *a);
int cfi_render_scores_html(const cf_scores *const *s, size_t n,
                           const cf_render_options *o, cfi_buf *out,
                           const cf_allocator *a);

int cfi_render_gap_text(const cf_gap_report *const *r, size_t n,
                        const cf_render_options *o, cfi_buf *out,
                        const cf_allocator *a);
int cfi_render_gap_markdown(const cf_gap_report *const *r, size_t n,
                            const cf_render_options *o, cfi_buf *out,
                            const cf_allocator *a);
int cfi_render_gap_csv(const cf_gap_report *const *r, size_t n,
                       const cf_render_options *o, cfi_buf *out,
                       const cf_allocator *a);
int cfi_render_gap_html(const cf_gap_report *const *r, size_t n,
                        const cf_render_options *o, cfi_buf *out,
                        const cf_allocator *a);

int cfi_render_team_text(const cf_team_report *r, const cf_render_options *o,
                         cfi_buf *out, const cf_allocator *a);
int cfi_render_team_markdown(const cf_team_report *r,
                             const cf_render_options *o, cfi_buf *out,
                             const cf_allocator *a);
int cfi_render_team_csv(const cf_team_report *r, const cf_render_options *o,
                        cfi_buf *out, const cf_allocator *a);
int cfi_render_team_html(const cf_team_report *r, const cf_render_options *o,
                         cfi_buf *out, const cf_allocator *a);

int cfi_render_consolidation_text(const cf_consolidation *c,
                                  const cf_render_options *o, cfi_buf *out,
                                  const cf_allocator *a);
int cfi_render_consolidation_markdown(const cf_consolidation *c,
                                      const cf_render_options *o, cfi_buf *out,
                                      const cf_allocator *a);
int cfi_render_consolidation_csv(const cf_consolidation *c,
                                 const cf_render_options *o, cfi_buf *out,
                                 const cf_allocator *a);
int cfi_render_consolidation_html(const cf_consolidation *c,
                                  const cf_render_options *o, cfi_buf *out,
                                  const cf_allocator *a);

int cfi_render_progress_text(const cf_progress_report *r,
                             const cf_render_options *o, cfi_buf *out,
                             const cf_allocator *a);
int cfi_render_progress_markdown(const cf_progress_report *r,
                                 const cf_render_options *o, cfi_buf *out,
                                 const cf_allocator *a);
int cfi_render_progress_csv(const cf_progress_report *r,
                            const cf_render_options *o, cfi_buf *out,
                            const cf_allocator *a);
int cfi_render_progress_html(const cf_progress_report *r,
                             const cf_render_options *o, cfi_buf *out,
                             const cf_allocator *a);

/* ---- UTF-8 text (render_util.c) ----------------------------------------- */

/*
 * The columns the first len bytes of the valid UTF-8 text s take: one per
 * character (code point), as the text formats count them.
 */
size_t cfi_text_width(const char *s, size_t len);

/*
 * The length in bytes of the longest start of the len bytes of s that
 * takes at most columns columns; never splits a character.
 */
size_t cfi_text_fit(const char *s, size_t len, size_t columns);

/* Whether code point c is a control character (C0, DEL or C1). */
int cfi_is_control(unsigned long c);

/* ---- numbers for people (render_util.c) --------------------------------- */

/* Room for any number the functions below write, NUL included. */
#define CFI_NUMBER_TEXT_MAX 48

/*
 * v rounded to at most `decimals` decimals (0 to 6), trailing zeros and a
 * trailing '.' dropped, '.' as the decimal point whatever the locale, no
 * "-0": 2.5, 2.33, 3. With sign non-zero a positive value gets a '+'
 * (changes: +0.5). NaN gives "-". Very large values use an exponent.
 */
void cfi_format_decimal(char *buf, size_t size, double v, int decimals,
                        int sign);

/*
 * A share (0..1) as a whole percentage: "70%". Rounded to the nearest
 * percent, except that only a share of 1 or more shows as "100%" and only
 * 0 or less as "0%" (0.996 is "99%", 0.002 is "1%"). NaN gives "-".
 */
void cfi_format_percent(char *buf, size_t size, double share);

/*
 * v in full precision for machines (CSV): the fewest of 15, 16 and 17
 * significant digits that read back to v, "0" for -0, an empty string for
 * NaN or an infinity.
 */
void cfi_format_exact(char *buf, size_t size, double v);

/* ---- escaping (render_util.c) ------------------------------------------- */

/*
 * Appends s to b escaped for a format. Each returns CF_OK, CF_ENOMEM, or
 * CF_EINVALID when s is not valid UTF-8 (b may then hold part of s, except
 * for csv). NULL s adds nothing.
 *
 * markdown: inline text for a paragraph or a table cell: control
 * characters become spaces; \ ` * _ [ ] < > | ~ & # get a backslash.
 * csv: one RFC 4180 field: quoted, with quotes doubled, when it holds a
 * comma, a quote, a CR or an LF (other control characters become spaces).
 * html: text or an attribute value: & < > " ' become entities, control
 * characters other than tab and line feed become spaces.
 */
int cfi_escape_markdown(const cf_allocator *a, cfi_buf *b, const char *s);
int cfi_escape_csv(const cf_allocator *a, cfi_buf *b, const char *s);
int cfi_escape_html(const cf_allocator *a, cfi_buf *b, const char *s);

/* ---- writing with a sticky error (render_util.c) ------------------------ */

typedef enum cfi_color {
    CFI_COLOR_NONE = 0,
    CFI_COLOR_GREEN,
    CFI_COLOR_YELLOW,
    CFI_COLOR_RED
} cfi_color;

/*
 * Output being written: the first failure sticks in rc, after which every
 * call does nothing. For text it also builds lines that never pass width
 * columns: cfi_line_* calls add to the current line, cfi_line_end writes
 * it, cut with "..." when it is too long, without trailing spaces, with
 * the colours as ANSI escapes when color is set (they take no columns).
 */
typedef struct cfi_writer {
    const cf_allocator *a;
    cfi_buf *out;
    int rc;
    size_t width; /* 0: no limit */
    int color;
    cfi_buf line; /* the current line, colours as marker bytes */
} cfi_writer;

void cfi_writer_init(cfi_writer *w, const cf_allocator *a, cfi_buf *out,
                     size_t width, int color);
/* Frees the line buffer; returns the sticky code. */
int cfi_writer_finish(cfi_writer *w);
/* Records a failure code (the first sticks). */
void cfi_writer_fail(cfi_writer *w, int rc);

/* Appends raw bytes (markup the renderer wrote itself) to the output. */
void cfi_write(cfi_writer *w, const char *s);
void cfi_write_n(cfi_writer *w, const char *s, size_t n);
/* Appends the text escaped (cfi_escape_*). */
void cfi_write_markdown(cfi_writer *w, const char *s);
void cfi_write_csv(cfi_writer *w, const char *s);
void cfi_write_html(cfi_writer *w, const char *s);

/* Adds text (NULL: none) to the current line, control characters as
 * spaces; the _n form its first n bytes. */
void cfi_line_text(cfi_writer *w, const char *s);
void cfi_line_text_n(cfi_writer *w, const char *s, size_t n);
/*
 * Adds text to the current line in exactly columns columns, after indent
 * spaces: cut with "..." when longer, padded with spaces (before it when
 * right) when shorter; the text (not the padding) in color.
 */
void cfi_line_cell(cfi_writer *w, const char *s, size_t indent, size_t columns,
                   int right, cfi_color color);
void cfi_line_spaces(cfi_writer *w, size_t n);
void cfi_line_color(cfi_writer *w, cfi_color color); /* NONE ends a colour */
/* Writes the current line and a line feed, and starts a new line. */
void cfi_line_end(cfi_writer *w);
/*
 * The same, but a line too long is wrapped at spaces rather than cut,
 * each continuation after indent spaces (at most half the width); a word
 * longer than a line is split.
 */
void cfi_line_wrap(cfi_writer *w, size_t indent);
/* An empty line. */
void cfi_line_blank(cfi_writer *w);

/* ---- tables for text and Markdown (render_table.c) ---------------------- */

#define CFI_TABLE_MAX_COLUMNS 12

/* One cell: borrowed text, or text written into buf. */
typedef struct cfi_cell {
    const char *text; /* NULL: empty */
    cfi_color color;
    size_t indent; /* levels of indentation (a tree) */
    char buf[CFI_NUMBER_TEXT_MAX];
} cfi_cell;

typedef struct cfi_column {
    const char *header;
    const char *short_header; /* for narrow text; NULL: the header */
    int right;                /* aligned right (numbers) */
    int flexible;             /* shrinks first, dropped when too narrow */
    int optional;             /* left out when the table is still too wide */
    size_t min; /* the fewest columns it shrinks to; 0: never shrinks */
} cfi_column;

/*
 * A table: row(ctx, i, cells) fills the cells of row i (all cleared
 * before) and returns 0 when row i is not shown.
 */
typedef struct cfi_table {
    const cfi_column *columns;
    size_t column_count;
    size_t row_count;
    int (*row)(const void *ctx, size_t i, cfi_cell *cells);
    const void *ctx;
} cfi_table;

/*
 * Writes t as aligned text that fits w->width, after indent spaces: a
 * header line, a rule of dashes and one line per row. Columns are two
 * spaces apart. When that is too wide: the flexible columns shrink to
 * their min; then the short headers are used; then the other columns with
 * a min also shrink, widest first, down to a third of the width; if that
 * is not enough, those keep their width, the flexible columns are left
 * out, then the optional ones, and the others with a min shrink to it. A
 * line still too long is cut.
 */
void cfi_table_text(cfi_writer *w, const cfi_table *t, size_t indent);

/* The number of rows of t shown. */
size_t cfi_table_rows(const cfi_table *t);

/* Writes t as a GitHub Markdown table (cells escaped, no width). */
void cfi_table_markdown(cfi_writer *w, const cfi_table *t);

/* ---- report contents shared by the formats (render_table.c) ------------ */

/* How far from a target: the class of a heat-map cell. */
typedef enum cfi_heat {
    CFI_HEAT_MET = 0,
    CFI_HEAT_SMALL, /* unmet by at most CFI_HEAT_SMALL_GAP of the scale */
    CFI_HEAT_LARGE, /* unmet by more */
    CFI_HEAT_UNASSESSED
} cfi_heat;

/* The largest normalised gap that counts as small. */
#define CFI_HEAT_SMALL_GAP (1.0 / 3.0)

/* The class of target t of gap report r. */
cfi_heat cfi_heat_of(const cf_gap_report *r, size_t t);

/* "met", "UNMET" or "unassessed": status words for people. */
const char *cfi_status_word(cf_status status);
/* Their colours: green, red, yellow. */
cfi_color cfi_status_color(cf_status status);

/* "blind spot", "hidden strength" or "" for people. */
const char *cfi_flag_word(cf_flag flag);

/*
 * Who rated an assessment and when, from the parts it has, appended to b
 * as raw text: "asmith (manager) on 2026-11-01", "self on 2026-11-01",
 * "2026-11-01"; nothing when it has none of rater, role and date.
 */
int cfi_describe_rating(const cf_allocator *a, cfi_buf *b,
                        const cf_assessment *as);

/*
 * The tables of each report (text and Markdown): ctx is the report.
 * Gap targets: critical mark, target, title, required, achieved, gap,
 * status. Scores: element (indented by depth), title, score, coverage,
 * source. Team targets: #, critical mark, target, title, assessed, mean,
 * min, max, meeting, SPOF. Consolidation: element, title, level, raters,
 * self, others, spread, flag. Progress: element, title, before, after,
 * change, trend.
 */
void cfi_table_gap(cfi_table *t, const cf_gap_report *r);
void cfi_table_scores(cfi_table *t, const cf_scores *s);
void cfi_table_team(cfi_table *t, const cf_team_report *r);
void cfi_table_consolidation(cfi_table *t, const cf_consolidation *c);
void cfi_table_progress(cfi_table *t, const cf_progress_report *r);

#endif /* CF_RENDER_H */
