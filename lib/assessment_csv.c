/*
 * Assessments from CSV: a header row naming the columns, then one rating
 * per row. The rows of one subject with the same rater, role and date form
 * one assessment, in order of first appearance. Errors name the line and
 * column where the offending field starts, and the field.
 */
#include "assessment.h"
#include "csv.h"

#include <math.h>
#include <stdio.h>
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
    cfi_mark mark;
} cell;

/* A rating read: for the message when its element is rated again. */
typedef struct rated {
    size_t group;
    size_t element;
    size_t line;
} rated;

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
    cfi_mark row_start;
    /* assessments by subject, rater, role and date */
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

/* An error about the value of column c, from a message made for it. */
static int field_error(csv_loader *L, enum column c, const cf_error *inner)
{
    return cfi_fail(L->err, inner->code, L->source, &L->cells[c].mark,
                    "in field '%s': %s", column_names[c], inner->message);
}

static int wrong_count(csv_loader *L, size_t fields, const cfi_mark *mark)
{
    return cfi_fail(L->err, CF_EINVALID, L->source, mark,
                    "row has %zu field%s, the header has %zu", fields,
                    fields == 1 ? "" : "s", L->columns);
}

/* Reads the fields of a row, the first of which is f, into L->row. */
static int read_row(csv_loader *L, cfi_csv_field *f)
{
    L->row_start = f->mark;
    L->row.len = 0;
    for (size_t c = 0; c < COL_COUNT; c++)
        L->cells[c].offset = CFI_NONE;
    size_t fields = 0;
    cfi_mark extra = {0, 0, 0};
    for (;;) {
        if (fields < L->columns) {
            cell *slot = &L->cells[L->column_at[fields]];
            slot->offset = L->row.len;
            slot->mark = f->mark;
            if (cfi_buf_add(L->a, &L->row, f->value, f->length + 1) != CF_OK)
                return oom(L);
        } else if (fields == L->columns) {
            extra = f->mark;
        }
        fields++;
        if (f->last)
            break;
        int found;
        int rc = cfi_csv_next(&L->csv, f, &found, L->err);
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
        if (!*text(L, (enum column)c))
            return cfi_fail(L->err, CF_EINVALID, L->source, &L->cells[c].mark,
                            "in field '%s': empty value (every row needs %s)",
                            column_names[c], what[c]);
    return CF_OK;
}

/* ---- assessments by subject, rater, role and date -------------------------
 */

/* The key of the row's group: each part as its length, ':', its text. */
static int group_key(csv_loader *L)
{
    static const enum column parts[] = {COL_SUBJECT, COL_RATER, COL_ROLE,
                                        COL_DATE};
    L->key.len = 0;
    for (size_t i = 0; i < 4; i++) {
        const char *s = text(L, parts[i]);
        char length[32];
        int n = snprintf(length, sizeof length, "%zu:", strlen(s));
        if (cfi_buf_add(L->a, &L->key, length, (size_t)n) != CF_OK ||
            cfi_buf_add(L->a, &L->key, s, strlen(s)) != CF_OK)
            return oom(L);
    }
    return CF_OK;
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
    int rc = group_key(L);
    if (rc != CF_OK)
        return rc;
    *group = cfi_idmap_find(&L->groups, L->key.data);
    return *group != CFI_NONE ? CF_OK : new_group(L, group);
}

/* ---- the rating of a row ------------------------------------------------ */

static int rated_twice(csv_loader *L, size_t group, size_t element)
{
    size_t line = 0;
    for (size_t i = 0; i < L->rating_count && !line; i++)
        if (L->ratings[i].group == group && L->ratings[i].element == element)
            line = L->ratings[i].line;
    const cf_assessment *a = L->list->items[group];
    return cfi_fail(L->err, CF_EINVALID, L->source, &L->cells[COL_ELEMENT].mark,
                    "in field 'element': element '%s' is rated twice for "
                    "subject '%s' (first at line %zu)",
                    L->fw->elements[element].id, a->subject, line);
}

static int rate_row(csv_loader *L, size_t group)
{
    cf_assessment *a = L->list->items[group];
    cf_error inner;
    memset(&inner, 0, sizeof inner);
    size_t element;
    if (cfi_assessment_find(&element, a, text(L, COL_ELEMENT), L->source, NULL,
                            &inner) != CF_OK)
        return field_error(L, COL_ELEMENT, &inner);
    if (!isnan(a->levels[element]))
        return rated_twice(L, group, element);
    double level;
    if (cfi_level_parse(&level, &a->framework->elements[element],
                        text(L, COL_LEVEL), 1, L->source, NULL,
                        &inner) != CF_OK ||
        cfi_assessment_check(a, element, level, L->source, NULL, &inner) !=
            CF_OK)
        return field_error(L, COL_LEVEL, &inner);
    void *ratings = L->ratings;
    int rc = cfi_reserve(L->a, &ratings, &L->rating_cap, L->rating_count + 1,
                         sizeof *L->ratings);
    L->ratings = ratings;
    if (rc != CF_OK ||
        cfi_assessment_store(a, element, level, optional(L, COL_NOTE)) != CF_OK)
        return oom(L);
    rated r = {group, element, L->row_start.line};
    L->ratings[L->rating_count++] = r;
    return CF_OK;
}

static int read_rows(csv_loader *L)
{
    for (;;) {
        cfi_csv_field f;
        int found;
        int rc = cfi_csv_next(&L->csv, &f, &found, L->err);
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
