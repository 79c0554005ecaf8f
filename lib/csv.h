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
    size_t pos;          /* byte offset of the next character */
    size_t line, column; /* the position of data[pos] */
    int in_record;       /* the next field continues a record */
    cfi_buf value;       /* the current field's value */
} cfi_csv;

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
 * Reads the next field into *field and sets *found; *found is 0 at the end
 * of the input. Returns CF_OK, or fills err and returns CF_ESYNTAX,
 * CF_ELIMIT or CF_ENOMEM.
 */
int cfi_csv_next(cfi_csv *csv, cfi_csv_field *field, int *found, cf_error *err);

/* The position of the next character (where the input ends, at the end). */
cfi_mark cfi_csv_position(const cfi_csv *csv);

void cfi_csv_close(cfi_csv *csv);

#endif /* CF_CSV_H */
