/*
 * Assessments from CSV: a header row naming the columns, then one rating
 * per row. The rows of one subject with the same rater, role and date form
 * one assessment, in order of first appearance. Errors name the line and
 * column where the offending field starts, and the field.
 *
 * A file may hold hundreds of thousands of rows, so the work per row is
 * kept small: positions stay byte offsets until an error needs a column,
 * the fields are copied once, into one buffer, and each row is first
 * matched against what the rows before it make likely: the previous row's
 * assessment (the rows of one assessment usually come together), the
 * elements after the previous row's (rows usually follow the framework's
 * order) and the levels already parsed. Only then are keys made and maps
 * searched.
 */
#include "assessment.h"
#include "csv.h"

#include <math.h>
#include <string.h>

enum column {
    COL_SUBJECT,
    COL_ELEMENT,
    COL_LEVEL,
    COL_RATER,
    COL_ROLE,
    COL_DATE,
    COL_NOTE,
    COL_COUNT
};

static const char *const column_names[] = {
    "subject", "element", "level", "rater", "role", "date", "note", NULL};

/* A field of the current row: its text in the row buffer, and where. */
typedef struct cell {
    size_t offset; /* CFI_NONE when the header has no such column */
    size_t length;
    cfi_csv_pos pos;
} cell;

/* A rating read: for the message when its element is rated again. */
typedef struct rated {
    size_t group;
    size_t element;
    size_t line;
} rated;

/*
 * A level parsed before: the value of a short level text on a scale. A
 * file uses few level texts, and remembering them saves parsing the
 * number and searching the scale for it on every row.
 */
typedef struct level_memo {
    size_t scale; /* CFI_NONE: unused */
    char text[8]; /* the text, NUL-padded */
    double value;
} level_memo;

#define LEVEL_MEMOS 16

typedef struct csv_loader {
    cfi_csv csv;
    const cf_allocator *a;
    const char *source;
    cf_error *err;
    cf_framework *fw;
    cf_assessment_list *list;
    /* the header: which column is at each position, and where */
    size_t columns;
    enum column column_at[COL_COUNT];
    cfi_mark header_at[COL_COUNT];
    /* the current row */
    cfi_buf row;
    cell cells[COL_COUNT];
    cfi_csv_pos row_start;
    cf_error inner; /* a field's message (filled only on failure) */
    /* assessments by subject, rater, role and date */
    size_t last_group;      /* the previous row's, CFI_NONE before the first */
    size_t last_lengths[4]; /* of its subject, rater, role and date */
    size_t last_element;    /* the previous row's, CFI_NONE before the first */
    level_memo levels[LEVEL_MEMOS];
    cfi_idmap groups;
    cfi_arena group_keys;
    cfi_buf key;
    rated *ratings;
    size_t rating_count, rating_cap;
} csv_loader;

static int oom(csv_loader *L)
{
    return cfi_fail(L->err, CF_ENOMEM, L->source, NULL, "out of memory");
}

/* ---- the header
 * -------------------------------------------------------------- */

static size_t column_named(const char *name)
{
    for (size_t c = 0; c < COL_COUNT; c++)
        if (strcmp(column_names[c], name) == 0)
            return c;
    return CFI_NONE;
}

static int unknown_column(csv_loader *L, const cfi_csv_field *f)
{
    const char *hint = cfi_suggest_list(f->value, column_names);
    if (hint)
        return cfi_fail(L->err, CF_EINVALID, L->source, &f->mark,
                        "unknown column '%s' in the header (did you mean "
                        "'%s'?)",
                        f->value, hint);
    return cfi_fail(L->err, CF_EINVALID, L->source, &f->mark,
                    "unknown column '%s' in the header (the columns are "
                    "subject, element, level, rater, role, date and note)",
                    f->value);
}

/* One field of the header row. */
static int header_field(csv_loader *L, const cfi_csv_field *f)
{
    size_t c = column_named(f->value);
    if (c == CFI_NONE)
        return unknown_column(L, f);
    for (size_t i = 0; i < L->columns; i++)
        if (L->column_at[i] == (enum column)c)
            return cfi_fail(L->err, CF_EINVALID, L->source, &f->mark,
                            "duplicate column '%s' in the header (first at "
                            "line %zu, column %zu)",
                            f->value, L->header_at[i].line,
                            L->header_at[i].column);
    L->column_at[L->columns] = (enum column)c;
    L->header_at[L->columns] = f->mark;
    L->columns++;
    return CF_OK;
}

static int check_header(csv_loader *L)
{
    for (size_t c = COL_SUBJECT; c <= COL_LEVEL; c++) {
        size_t i = 0;
        while (i < L->columns && L->column_at[i] != (enum column)c)
            i++;
        if (i == L->columns)
            return cfi_fail(L->err, CF_EINVALID, L->source, &L->header_at[0],
                            "missing column '%s' in the header (required: "
                            "subject, element and level; optional: rater, "
                            "role, date and note)",
                            column_names[c]);
    }
    return CF_OK;
}

static int read_header(csv_loader *L)
{
    cfi_csv_field f;
    int found;
    int rc = cfi_csv_next(&L->csv, &f, &found, L->err);
    if (rc == CF_OK && !found) {
        cfi_mark end = cfi_csv_position(&L->csv);
        return cfi_fail(L->err, CF_EINVALID, L->source, &end,
                        "empty file: expected a header row with the columns "
                        "subject, element and level");
    }
    while (rc == CF_OK) {
        rc = header_field(L, &f);
        if (rc != CF_OK || f.last)
            break;
        rc = cfi_csv_next(&L->csv, &f, &found, L->err);
    }
    return rc == CF_OK ? check_header(L) : rc;
}

/* ---- one row
 * ----------------------------------------------------------------- */

/* The text of column c in the current row; "" when there is none. */
static const char *text(const csv_loader *L, enum column c)
{
    size_t offset = L->cells[c].offset;
    return offset == CFI_NONE ? "" : L->row.data + offset;
}

/* The text of an optional column: NULL when absent or empty. */
static const char *optional(const csv_loader *L, enum column c)
{
    const char *s = text(L, c);
    return *s ? s : NULL;
}

/* Where the field of column c starts, as a line and column. */
static cfi_mark mark_of(const csv_loader *L, enum column c)
{
    return cfi_csv_mark(&L->csv, &L->cells[c].pos);
}

/* An error about the value of column c, from a message made for it. */
static int field_error(csv_loader *L, enum column c, const cf_error *inner)
{
    cfi_mark mark = mark_of(L, c);
    return cfi_fail(L->err, inner->code, L->source, &mark, "in field '%s': %s",
                    column_names[c], inner->message);
}

static int wrong_count(csv_loader *L, size_t fields, const cfi_csv_pos *pos)
{
    cfi_mark mark = cfi_csv_mark(&L->csv, pos);
    return cfi_fail(L->err, CF_EINVALID, L->source, &mark,
                    "row has %zu field%s, the header has %zu", fields,
                    fields == 1 ? "" : "s", L->columns);
}

/* Appends the n bytes at s and a NUL to the row buffer. */
static int row_add(csv_loader *L, const char *s, size_t n)
{
    cfi_buf *row = &L->row;
    if (n >= row->cap - row->len) { /* the buffer grows seldom */
        void *data = row->data;
        if (n > SIZE_MAX - row->len - 1 ||
            cfi_reserve(L->a, &data, &row->cap, row->len + n + 1, 1) != CF_OK)
            return oom(L);
        row->data = data;
    }
    memcpy(row->data + row->len, s, n);
    row->data[row->len + n] = '\0';
    row->len += n + 1;
    return CF_OK;
}

/* Reads the fields of a row, the first of which is f, into L->row. */
static int read_row(csv_loader *L, cfi_csv_span *f)
{
    L->row_start = f->pos;
    L->row.len = 0;
    for (size_t c = 0; c < COL_COUNT; c++) {
        L->cells[c].offset = CFI_NONE;
        L->cells[c].length = 0;
    }
    size_t fields = 0;
    cfi_csv_pos extra = {0, 0, 0};
    for (;;) {
        if (fields < L->columns) {
            cell *slot = &L->cells[L->column_at[fields]];
            slot->offset = L->row.len;
            slot->length = f->length;
            slot->pos = f->pos;
            if (row_add(L, f->text, f->length) != CF_OK)
                return CF_ENOMEM;
        } else if (fields == L->columns) {
            extra = f->pos;
        }
        fields++;
        if (f->last)
            break;
        int found;
        int rc = cfi_csv_next_span(&L->csv, f, &found, L->err);
        if (rc != CF_OK)
            return rc;
    }
    if (fields > L->columns)
        return wrong_count(L, fields, &extra);
    if (fields < L->columns)
        return wrong_count(L, fields, &L->row_start);
    return CF_OK;
}

static int check_required(csv_loader *L)
{
    static const char *const what[] = {"a subject", "an element id", "a level"};
    for (size_t c = COL_SUBJECT; c <= COL_LEVEL; c++)
        if (!*text(L, (enum column)c)) {
            cfi_mark mark = mark_of(L, (enum column)c);
            return cfi_fail(L->err, CF_EINVALID, L->source, &mark,
                            "in field '%s': empty value (every row needs %s)",
                            column_names[c], what[c]);
        }
    return CF_OK;
}

/* ---- assessments by subject, rater, role and date -------------------------
 */

/* What tells one assessment from another. */
static const enum column group_parts[] = {COL_SUBJECT, COL_RATER, COL_ROLE,
                                          COL_DATE};

/* Appends n in decimal to the key. */
static int key_add_length(csv_loader *L, size_t n)
{
    char digits[24];
    size_t i = sizeof digits;
    do {
        digits[--i] = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    return cfi_buf_add(L->a, &L->key, digits + i, sizeof digits - i);
}

/* The key of the row's group: each part as its length, ':', its text. */
static int group_key(csv_loader *L)
{
    L->key.len = 0;
    for (size_t i = 0; i < 4; i++) {
        const char *s = text(L, group_parts[i]);
        size_t n = strlen(s);
        if (key_add_length(L, n) != CF_OK ||
            cfi_buf_add(L->a, &L->key, ":", 1) != CF_OK ||
            cfi_buf_add(L->a, &L->key, s, n) != CF_OK)
            return oom(L);
    }
    return CF_OK;
}

/* The subject, rater, role and date of a (NULL when not given). */
static void group_texts(const cf_assessment *a, const char *texts[4])
{
    texts[0] = a->subject;
    texts[1] = a->rater;
    texts[2] = a->role;
    texts[3] = a->date;
}

/* Remembers group as the previous row's, with the lengths of its texts. */
static void remember_group(csv_loader *L, size_t group)
{
    const char *texts[4];
    group_texts(L->list->items[group], texts);
    for (size_t i = 0; i < 4; i++)
        L->last_lengths[i] = texts[i] ? strlen(texts[i]) : 0;
    L->last_group = group;
}

/* memcmp(a, b, n) == 0 for the short texts of a row, without a call. */
static int same_bytes(const char *a, const char *b, size_t n)
{
    for (; n >= 8; a += 8, b += 8, n -= 8)
        if (memcmp(a, b, 8) != 0)
            return 0;
    for (; n; a++, b++, n--)
        if (*a != *b)
            return 0;
    return 1;
}

/*
 * Whether the current row belongs to the previous row's assessment: its
 * texts are those of the row, the empty ones not given (NULL).
 */
static int in_last_group(const csv_loader *L)
{
    if (L->last_group == CFI_NONE)
        return 0;
    const char *texts[4];
    group_texts(L->list->items[L->last_group], texts);
    for (size_t i = 0; i < 4; i++) {
        const cell *c = &L->cells[group_parts[i]];
        if (c->length != L->last_lengths[i] ||
            !same_bytes(text(L, group_parts[i]), texts[i], c->length))
            return 0;
    }
    return 1;
}

/* A new assessment for the current row's subject, rater, role and date. */
static int new_group(csv_loader *L, size_t *group)
{
    const char *date = optional(L, COL_DATE);
    if (date) {
        cf_error inner;
        memset(&inner, 0, sizeof inner);
        if (cfi_date_check(date, L->source, NULL, &inner) != CF_OK)
            return field_error(L, COL_DATE, &inner);
    }
    cf_assessment *a;
    const char *key =
        cfi_arena_strndup(L->a, &L->group_keys, L->key.data, L->key.len);
    if (!key || cfi_assessment_list_add(&a, L->list, L->fw) != CF_OK)
        return oom(L);
    *group = L->list->count - 1;
    a->line = L->row_start.line;
    if (cfi_assessment_copy(a, L->source, &a->source) != CF_OK ||
        cfi_assessment_copy(a, text(L, COL_SUBJECT), &a->subject) != CF_OK ||
        cfi_assessment_copy(a, optional(L, COL_RATER), &a->rater) != CF_OK ||
        cfi_assessment_copy(a, optional(L, COL_ROLE), &a->role) != CF_OK ||
        cfi_assessment_copy(a, date, &a->date) != CF_OK)
        return oom(L);
    size_t existing;
    if (cfi_idmap_insert(L->a, &L->groups, key, *group, &existing) != CF_OK)
        return oom(L);
    return CF_OK;
}

static int find_group(csv_loader *L, size_t *group)
{
    if (in_last_group(L)) {
        *group = L->last_group;
        return CF_OK;
    }
    int rc = group_key(L);
    if (rc != CF_OK)
        return rc;
    *group = cfi_idmap_find(&L->groups, L->key.data);
    rc = *group != CFI_NONE ? CF_OK : new_group(L, group);
    if (rc == CF_OK)
        remember_group(L, *group);
    return rc;
}

/* ---- the rating of a row ------------------------------------------------ */

static int rated_twice(csv_loader *L, size_t group, size_t element)
{
    size_t line = 0;
    for (size_t i = 0; i < L->rating_count && !line; i++)
        if (L->ratings[i].group == group && L->ratings[i].element == element)
            line = L->ratings[i].line;
    const cf_assessment *a = L->list->items[group];
    cfi_mark mark = mark_of(L, COL_ELEMENT);
    return cfi_fail(L->err, CF_EINVALID, L->source, &mark,
                    "in field 'element': element '%s' is rated twice for "
                    "subject '%s' (first at line %zu)",
                    L->fw->elements[element].id, a->subject, line);
}

/* Makes room for one more rating in L->ratings. */
static int reserve_rating(csv_loader *L)
{
    if (L->rating_count < L->rating_cap)
        return CF_OK;
    void *ratings = L->ratings;
    int rc = cfi_reserve(L->a, &ratings, &L->rating_cap, L->rating_count + 1,
                         sizeof *L->ratings);
    L->ratings = ratings;
    return rc;
}

/* Whether element i of the framework has this id. */
static int element_is(const csv_loader *L, size_t i, const char *id)
{
    return i < L->fw->element_count && strcmp(L->fw->elements[i].id, id) == 0;
}

/*
 * The element the row rates. Rows usually follow the framework's order,
 * skipping some elements, so the two elements after the previous row's
 * are tried before the id map.
 */
static int find_element(csv_loader *L, const cf_assessment *a, size_t *element)
{
    const char *id = text(L, COL_ELEMENT);
    size_t next = L->last_element == CFI_NONE ? 0 : L->last_element + 1;
    if (element_is(L, next, id))
        *element = next;
    else if (element_is(L, next + 1, id))
        *element = next + 1;
    else if (cfi_assessment_find(element, a, id, L->source, NULL, &L->inner) !=
             CF_OK)
        return field_error(L, COL_ELEMENT, &L->inner);
    L->last_element = *element;
    return CF_OK;
}

/* The level of the row, a value on el's scale, remembered or parsed. */
static int parse_level(csv_loader *L, const cf_element *el, double *level)
{
    const char *s = text(L, COL_LEVEL);
    size_t n = L->cells[COL_LEVEL].length;
    char key[sizeof L->levels[0].text] = {0}; /* no NUL in a field */
    level_memo *memo = NULL;
    if (n < sizeof key) {
        memcpy(key, s, n);
        memo =
            &L->levels[((unsigned char)key[0] + n + el->scale) % LEVEL_MEMOS];
        if (memo->scale == el->scale &&
            memcmp(memo->text, key, sizeof key) == 0) {
            *level = memo->value;
            return CF_OK;
        }
    }
    if (cfi_level_parse(level, el, s, 1, L->source, NULL, &L->inner) != CF_OK)
        return field_error(L, COL_LEVEL, &L->inner);
    if (memo) {
        memo->scale = el->scale;
        memcpy(memo->text, key, sizeof key);
        memo->value = *level;
    }
    return CF_OK;
}

static int rate_row(csv_loader *L, size_t group)
{
    cf_assessment *a = L->list->items[group];
    size_t element;
    int rc = find_element(L, a, &element);
    if (rc != CF_OK)
        return rc;
    if (!isnan(a->levels[element]))
        return rated_twice(L, group, element);
    /* A level parsed is on the element's scale: no need to check it again */
    double level;
    rc = parse_level(L, &a->framework->elements[element], &level);
    if (rc != CF_OK)
        return rc;
    if (reserve_rating(L) != CF_OK ||
        cfi_assessment_store(a, element, level, optional(L, COL_NOTE)) != CF_OK)
        return oom(L);
    rated r = {group, element, L->row_start.line};
    L->ratings[L->rating_count++] = r;
    return CF_OK;
}

static int read_rows(csv_loader *L)
{
    for (;;) {
        cfi_csv_span f;
        int found;
        int rc = cfi_csv_next_span(&L->csv, &f, &found, L->err);
        if (rc != CF_OK || !found)
            return rc;
        size_t group;
        rc = read_row(L, &f);
        if (rc == CF_OK)
            rc = check_required(L);
        if (rc == CF_OK)
            rc = find_group(L, &group);
        if (rc == CF_OK)
            rc = rate_row(L, group);
        if (rc != CF_OK)
            return rc;
    }
}

int cfi_assessment_load_csv(cf_assessment_list *list, cf_framework *fw,
                            const char *data, size_t len, const char *source,
                            const cf_load_options *opts, cf_error *err)
{
    csv_loader L;
    memset(&L, 0, sizeof L);
    L.a = cfi_allocator_or_default(opts->allocator);
    L.source = source;
    L.err = err;
    L.fw = fw;
    L.list = list;
    L.last_group = CFI_NONE;
    L.last_element = CFI_NONE;
    for (size_t i = 0; i < LEVEL_MEMOS; i++)
        L.levels[i].scale = CFI_NONE;
    cfi_csv_config config = {L.a, source, opts->max_input_bytes,
                             opts->max_string_bytes};
    int rc = cfi_csv_open(&L.csv, &config, data, len, err);
    if (rc == CF_OK)
        rc = read_header(&L);
    if (rc == CF_OK)
        rc = read_rows(&L);
    cfi_csv_close(&L.csv);
    cfi_buf_free(L.a, &L.row);
    cfi_buf_free(L.a, &L.key);
    cfi_idmap_free(L.a, &L.groups);
    cfi_arena_free(L.a, &L.group_keys);
    cfi_release(L.a, L.ratings);
    return rc;
}
