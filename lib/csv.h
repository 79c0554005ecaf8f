/*
 * A reader of CSV text as RFC 4180 describes it, one field at a time, each
 * with the position where it starts. It knows nothing of what the columns
 * mean: the assessment loader (assessment_csv.c) is one user.
 *
 * - Fields are separated by commas; a record ends at a line break (CRLF,
 *   LF, or a lone CR) or at the end of the input, with or without a final
 *   line break.
 * - A field that starts with a double quote is quoted: it ends at the next
 *   quote not doubled, and may hold commas, line breaks and doubled quotes
 *   ("" stands for one "). Only a comma, a line break or the end may follow
 *   the closing quote.
 * - A quote inside an unquoted field, an unterminated quoted field, text
 *   after a closing quote, invalid UTF-8 and NUL bytes are CF_ESYNTAX.
 * - A UTF-8 byte order mark at the start is skipped; blank lines (no
 *   characters at all) between records are skipped.
 * - Positions: 1-based line and column, columns counting characters (not
 *   bytes); the offset is the 0-based byte offset in the input.
 */
#ifndef CF_CSV_H
#define CF_CSV_H

#include "internal.h"

typedef struct cfi_csv_config {
    const cf_allocator *allocator;
    const char *source;     /* for error messages */
    size_t max_input_bytes; /* the whole input; CF_ELIMIT beyond */
    size_t max_field_bytes; /* one field's value; CF_ELIMIT beyond */
} cfi_csv_config;

typedef struct cfi_csv {
    cfi_csv_config config;
    const char *data;
    size_t len;
    size_t pos;        /* byte offset of the next character */
    size_t line;       /* the line of data[pos] */
    size_t line_start; /* the offset where that line starts */
    int in_record;     /* the next field continues a record */
    cfi_buf value;     /* a quoted field's value when it holds "" */
    cfi_buf copy;      /* cfi_csv_next's NUL-terminated value */
    /*
     * The last column cfi_csv_next worked out: counting from it rather
     * than from the line start keeps many fields on one line linear.
     */
    size_t column_line_start, column_offset, column;
} cfi_csv;

/*
 * Where a field starts, cheap to keep: cfi_csv_mark turns it into a line
 * and column (counting characters) only when a message needs one.
 */
typedef struct cfi_csv_pos {
    size_t line;
    size_t line_start; /* the offset where that line starts */
    size_t offset;
} cfi_csv_pos;

/* A field as it is in the input, without a copy when it can be. */
typedef struct cfi_csv_span {
    /*
     * Not NUL-terminated: in the input, or, for a quoted field holding "",
     * in the reader's buffer until the next call.
     */
    const char *text;
    size_t length;
    cfi_csv_pos pos; /* where the field starts (its opening quote if quoted) */
    int quoted;
    int last; /* the last field of its record */
} cfi_csv_span;

typedef struct cfi_csv_field {
    const char *value; /* NUL-terminated, valid until the next call */
    size_t length;
    cfi_mark mark; /* where the field starts (its opening quote if quoted) */
    int quoted;
    int last; /* the last field of its record */
} cfi_csv_field;

/*
 * Starts reading len bytes at data (not copied: they must outlive the
 * reader). CF_ELIMIT when len is over max_input_bytes. cfi_csv_close must
 * be called whatever it returns.
 */
int cfi_csv_open(cfi_csv *csv, const cfi_csv_config *config, const char *data,
                 size_t len, cf_error *err);

/*
 * Reads the next field into *span and sets *found; *found is 0 at the end
 * of the input. Returns CF_OK, or fills err and returns CF_ESYNTAX,
 * CF_ELIMIT or CF_ENOMEM.
 */
int cfi_csv_next_span(cfi_csv *csv, cfi_csv_span *span, int *found,
                      cf_error *err);

/*
 * cfi_csv_next_span with the value copied and NUL-terminated and the
 * position made a mark: simpler to use, slower.
 */
int cfi_csv_next(cfi_csv *csv, cfi_csv_field *field, int *found, cf_error *err);

/*
 * The mark of pos, a position of the text read so far. It counts the
 * characters before pos on its line: meant for messages, not every field.
 */
cfi_mark cfi_csv_mark(const cfi_csv *csv, const cfi_csv_pos *pos);

/* The position of the next character (where the input ends, at the end). */
cfi_mark cfi_csv_position(const cfi_csv *csv);

void cfi_csv_close(cfi_csv *csv);

#endif /* CF_CSV_H */
