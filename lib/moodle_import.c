/*
 * Frameworks from Moodle's competency framework CSV (the "Import
 * competency framework" admin tool, tool_lpimportcsv): a header row, then
 * one row per competency and one row, anywhere, for the framework itself
 * (Is framework set). Columns are positional (moodle.h). Rows may come in
 * any order: the tree is built from the parent id numbers, then added to
 * the builder in pre-order, siblings in file order. docs/interop.md gives
 * the mapping. Errors name the line and column where the field starts.
 */
#include "csv.h"
#include "moodle.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#define ALL_COLUMNS (CFI_MOODLE_COLUMNS + 1)

typedef struct row {
    const char *f[ALL_COLUMNS]; /* the libcompetency field "" when absent */
    cfi_mark m[ALL_COLUMNS];
    size_t parent;      /* row index, CFI_NONE for a top-level competency */
    size_t child_first; /* into the loader's kids */
    size_t child_count;
    size_t element;    /* the builder's index, CFI_NONE until added */
    size_t scale;      /* the builder's scale, CFI_NONE for none */
    int placed;        /* the pre-order walk reached it */
    size_t related_by; /* the last row that cross-referenced it */
} row;

/* A scale added: from Moodle's columns (kept so that equal ones are added
 * once), or from the libcompetency column (values its id, config ""). */
typedef struct scale_seen {
    const char *values;
    const char *config;
    size_t index;
} scale_seen;

typedef struct loader {
    const cf_allocator *a;
    const char *source;
    cf_error *err;
    cfi_csv csv;
    cfi_arena strings;
    row *rows;
    size_t row_count, row_cap;
    size_t framework; /* row index of the framework row */
    cfi_idmap ids;    /* competency id number -> row index */
    size_t *kids;     /* children of every row, grouped by parent */
    size_t *roots;
    size_t root_count;
    scale_seen *scales;
    size_t scale_count, scale_cap;
    cfi_buf text; /* scratch */
    cfi_builder *b;
    size_t columns;     /* 14, or 15 with the libcompetency column */
    int carried;        /* the scales come from the libcompetency column */
    size_t level_count; /* levels added so far */
} loader;

static int oom(loader *L)
{
    return cfi_fail(L->err, CF_ENOMEM, L->source, NULL, "out of memory");
}

/* Gives a builder failure the position of the field it came from. */
static int at_field(loader *L, int rc, size_t r, int col)
{
    if (L->err && rc != CF_ENOMEM && rc != CF_OK) {
        const cfi_mark *m = &L->rows[r].m[col];
        L->err->line = m->line;
        L->err->column = m->column;
        L->err->offset = m->offset;
    }
    return rc;
}

static int invalid(loader *L, size_t r, int col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static int invalid(loader *L, size_t r, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc =
        cfi_vfail(L->err, CF_EINVALID, L->source, &L->rows[r].m[col], fmt, ap);
    va_end(ap);
    return rc;
}

static const char *field(const loader *L, size_t r, int col)
{
    return L->rows[r].f[col];
}

/* ---- reading the rows ------------------------------------------------- */

static int read_header(loader *L)
{
    cfi_csv_field f;
    int found;
    size_t count = 0;
    for (;;) {
        int rc = cfi_csv_next(&L->csv, &f, &found, L->err);
        if (rc != CF_OK)
            return rc;
        if (!found) {
            cfi_mark end = cfi_csv_position(&L->csv);
            return cfi_fail(L->err, CF_EINVALID, L->source, &end,
                            "empty file: expected Moodle's header row of %d "
                            "columns (Parent id number, Id number, "
                            "Shortname, ...)",
                            CFI_MOODLE_COLUMNS);
        }
        count++;
        if (count == CFI_MOODLE_COLUMNS + 1 &&
            strcmp(f.value, CFI_MOODLE_CARRIER_TITLE) != 0)
            return cfi_fail(L->err, CF_EINVALID, L->source, &f.mark,
                            "the header row has more than the %d columns of "
                            "Moodle's competency framework CSV (a 15th "
                            "column must be titled '%s')",
                            CFI_MOODLE_COLUMNS, CFI_MOODLE_CARRIER_TITLE);
        if (count > CFI_MOODLE_COLUMNS + 1)
            return cfi_fail(L->err, CF_EINVALID, L->source, &f.mark,
                            "the header row has more than %d columns",
                            CFI_MOODLE_COLUMNS + 1);
        if (f.last)
            break;
    }
    if (count < CFI_MOODLE_COLUMNS)
        return cfi_fail(L->err, CF_EINVALID, L->source, &f.mark,
                        "the header row has %zu columns; Moodle's competency "
                        "framework CSV has %d (Parent id number, Id number, "
                        "Shortname, Description, Description format, Scale "
                        "values, Scale configuration, Rule type, Rule "
                        "outcome, Rule config, Cross referenced competency id "
                        "numbers, Exported id, Is framework, Taxonomy)",
                        count, CFI_MOODLE_COLUMNS);
    L->columns = count;
    return CF_OK;
}

/* Reads the next row into a new entry of L->rows; *found 0 at the end. */
static int read_row(loader *L, int *found)
{
    cfi_csv_field f;
    int rc = cfi_csv_next(&L->csv, &f, found, L->err);
    if (rc != CF_OK || !*found)
        return rc;
    if (cfi_reserve(L->a, (void **)&L->rows, &L->row_cap, L->row_count + 1,
                    sizeof *L->rows) != CF_OK)
        return oom(L);
    row *r = &L->rows[L->row_count];
    memset(r, 0, sizeof *r);
    r->parent = CFI_NONE;
    r->element = CFI_NONE;
    r->scale = CFI_NONE;
    r->related_by = CFI_NONE;
    size_t count = 0;
    r->f[CFI_MOODLE_CARRIER] = "";
    for (;;) {
        if (count == L->columns)
            return cfi_fail(L->err, CF_EINVALID, L->source, &f.mark,
                            "this row has more than the %zu fields of the "
                            "header row",
                            L->columns);
        r->f[count] = cfi_arena_strndup(L->a, &L->strings, f.value, f.length);
        if (!r->f[count])
            return oom(L);
        r->m[count] = f.mark;
        count++;
        if (f.last)
            break;
        int found_next;
        rc = cfi_csv_next(&L->csv, &f, &found_next, L->err);
        if (rc != CF_OK)
            return rc;
    }
    if (count < L->columns)
        return cfi_fail(L->err, CF_EINVALID, L->source, &f.mark,
                        "this row has %zu fields; the header row has %zu",
                        count, L->columns);
    L->row_count++;
    return CF_OK;
}

/* Moodle's test of Is framework: PHP truth, so neither "" nor "0". */
static int is_framework(const loader *L, size_t r)
{
    const char *s = field(L, r, CFI_MOODLE_IS_FRAMEWORK);
    return s[0] != '\0' && strcmp(s, "0") != 0;
}

/* ---- the tree --------------------------------------------------------- */

static const char *row_id_at(const void *ctx, size_t i)
{
    const loader *L = ctx;
    return i == L->framework ? NULL : field(L, i, CFI_MOODLE_ID);
}

static int find_framework(loader *L)
{
    L->framework = CFI_NONE;
    for (size_t r = 0; r < L->row_count; r++) {
        if (!is_framework(L, r))
            continue;
        if (L->framework != CFI_NONE)
            return invalid(L, r, CFI_MOODLE_IS_FRAMEWORK,
                           "a second framework row (the first is at line "
                           "%zu): a file holds one framework",
                           L->rows[L->framework].m[0].line);
        L->framework = r;
    }
    if (L->framework == CFI_NONE) {
        cfi_mark first = {2, 1, 0};
        if (L->row_count > 0)
            first = L->rows[0].m[0];
        return cfi_fail(L->err, CF_EINVALID, L->source, &first,
                        "no framework row: one row must have Is framework "
                        "(column %d) set to 1",
                        CFI_MOODLE_IS_FRAMEWORK + 1);
    }
    return CF_OK;
}

static int index_ids(loader *L)
{
    for (size_t r = 0; r < L->row_count; r++) {
        if (r == L->framework)
            continue;
        const char *id = field(L, r, CFI_MOODLE_ID);
        if (id[0] == '\0')
            return invalid(L, r, CFI_MOODLE_ID,
                           "a competency with no id number");
        size_t existing = CFI_NONE;
        if (cfi_idmap_insert(L->a, &L->ids, id, r, &existing) != CF_OK)
            return oom(L);
        if (existing != CFI_NONE)
            return invalid(L, r, CFI_MOODLE_ID,
                           "duplicate id number '%s' (first at line %zu)", id,
                           L->rows[existing].m[CFI_MOODLE_ID].line);
    }
    return CF_OK;
}

static int unknown_id(loader *L, size_t r, int col, const char *id,
                      const char *what)
{
    const char *hint = cfi_suggest(id, row_id_at, L, L->row_count);
    if (hint)
        return invalid(L, r, col,
                       "%s '%s' is no competency's id number (did you mean "
                       "'%s'?)",
                       what, id, hint);
    return invalid(L, r, col, "%s '%s' is no competency's id number", what, id);
}

/* The parents, and the children of every row grouped by parent. */
static int link_rows(loader *L)
{
    size_t n = L->row_count;
    for (size_t r = 0; r < n; r++) {
        if (r == L->framework)
            continue;
        const char *p = field(L, r, CFI_MOODLE_PARENT);
        if (p[0] == '\0') {
            L->root_count++;
            continue;
        }
        size_t parent = cfi_idmap_find(&L->ids, p);
        if (parent == CFI_NONE)
            return unknown_id(L, r, CFI_MOODLE_PARENT, p, "parent id number");
        L->rows[r].parent = parent;
        L->rows[parent].child_count++;
    }
    L->kids = cfi_alloc(L->a, (n ? n : 1) * sizeof *L->kids);
    L->roots =
        cfi_alloc(L->a, (L->root_count ? L->root_count : 1) * sizeof *L->roots);
    if (!L->kids || !L->roots)
        return oom(L);
    size_t next = 0;
    for (size_t r = 0; r < n; r++) {
        L->rows[r].child_first = next;
        next += L->rows[r].child_count;
        L->rows[r].child_count = 0;
    }
    size_t roots = 0;
    for (size_t r = 0; r < n; r++) {
        if (r == L->framework)
            continue;
        size_t p = L->rows[r].parent;
        if (p == CFI_NONE)
            L->roots[roots++] = r;
        else
            L->kids[L->rows[p].child_first + L->rows[p].child_count++] = r;
    }
    return CF_OK;
}

/* A row the pre-order walk did not reach is on a cycle or under one. */
static int report_cycle(loader *L, size_t r)
{
    /* Walk up far enough to be on the cycle itself. */
    for (size_t i = 0; i < L->row_count; i++)
        r = L->rows[r].parent;
    L->text.len = 0;
    size_t at = r;
    do {
        const char *id = field(L, at, CFI_MOODLE_ID);
        if (cfi_buf_add(L->a, &L->text, id, strlen(id)) != CF_OK ||
            cfi_buf_add(L->a, &L->text, " -> ", 4) != CF_OK)
            return oom(L);
        at = L->rows[at].parent;
        if (L->text.len > 200)
            break;
    } while (at != r);
    const char *id = field(L, at, CFI_MOODLE_ID);
    if (cfi_buf_add(L->a, &L->text, id, strlen(id)) != CF_OK)
        return oom(L);
    return invalid(L, r, CFI_MOODLE_PARENT,
                   "the parent id numbers make a cycle: %s (each is the "
                   "parent of the one before)",
                   L->text.data);
}

/* ---- scales ------------------------------------------------------------ */

/* Splits the comma-separated scale values, trimmed as Moodle does. */
static int add_levels(loader *L, size_t r, size_t *count)
{
    const char *s = field(L, r, CFI_MOODLE_SCALE_VALUES);
    *count = 0;
    for (;;) {
        const char *end = strchr(s, ',');
        if (!end)
            end = s + strlen(s);
        const char *from = s, *to = end;
        while (from < to && (*from == ' ' || *from == '\t'))
            from++;
        while (to > from && (to[-1] == ' ' || to[-1] == '\t'))
            to--;
        if (from == to)
            return invalid(L, r, CFI_MOODLE_SCALE_VALUES,
                           "an empty value in the scale values '%s'",
                           field(L, r, CFI_MOODLE_SCALE_VALUES));
        L->text.len = 0;
        if (cfi_buf_add(L->a, &L->text, from, (size_t)(to - from)) != CF_OK)
            return oom(L);
        int rc = cfi_builder_add_level(L->b, (double)(*count + 1), L->text.data,
                                       NULL, L->err);
        if (rc != CF_OK)
            return at_field(L, rc, r, CFI_MOODLE_SCALE_VALUES);
        (*count)++;
        if (*end == '\0')
            return CF_OK;
        s = end + 1;
    }
}

/* Whether a configuration flag is set: 1, "1" or true. */
static int flag(json_t *item, const char *key)
{
    json_t *v = json_object_get(item, key);
    if (json_is_true(v))
        return 1;
    if (json_is_integer(v))
        return json_integer_value(v) != 0;
    if (json_is_string(v))
        return strcmp(json_string_value(v), "1") == 0;
    return 0;
}

/*
 * Reads the scale configuration: [{"scaleid": ...}, {"id": item,
 * "scaledefault": 0|1, "proficient": 0|1}, ...], items 1-based. The
 * proficient level is the lowest item marked proficient.
 */
static int read_config(loader *L, size_t r, size_t levels, size_t *proficient,
                       size_t *dflt)
{
    const char *text = field(L, r, CFI_MOODLE_SCALE_CONFIG);
    json_error_t jerr;
    json_t *root = json_loads(text, JSON_REJECT_DUPLICATES, &jerr);
    if (!root)
        return invalid(L, r, CFI_MOODLE_SCALE_CONFIG,
                       "the scale configuration is not JSON (%s, at "
                       "character %d of the field)",
                       jerr.text, jerr.position);
    int rc = CF_OK;
    *proficient = CFI_NONE;
    *dflt = CFI_NONE;
    if (!json_is_array(root)) {
        rc = invalid(L, r, CFI_MOODLE_SCALE_CONFIG,
                     "the scale configuration is not a JSON array");
        goto done;
    }
    for (size_t i = 0; i < json_array_size(root); i++) {
        json_t *item = json_array_get(root, i);
        json_t *id = json_object_get(item, "id");
        if (!json_is_object(item) || (i == 0 && !id))
            continue; /* {"scaleid": ...} */
        if (!json_is_integer(id) || json_integer_value(id) < 1 ||
            (json_int_t)levels < json_integer_value(id)) {
            rc = invalid(L, r, CFI_MOODLE_SCALE_CONFIG,
                         "the scale configuration's entry %zu has no item "
                         "\"id\" between 1 and %zu (the number of scale "
                         "values)",
                         i + 1, levels);
            goto done;
        }
        size_t level = (size_t)json_integer_value(id) - 1;
        if (flag(item, "proficient") && level < *proficient)
            *proficient = level;
        if (flag(item, "scaledefault") && *dflt == CFI_NONE)
            *dflt = level;
    }
    if (*proficient == CFI_NONE)
        rc = invalid(L, r, CFI_MOODLE_SCALE_CONFIG,
                     "the scale configuration marks no item proficient "
                     "(Moodle needs one)");
done:
    json_decref(root);
    return rc;
}

/* The scale of a row with scale values (the same index for equal ones). */
static int add_scale(loader *L, size_t r, size_t *index)
{
    const char *values = field(L, r, CFI_MOODLE_SCALE_VALUES);
    const char *config = field(L, r, CFI_MOODLE_SCALE_CONFIG);
    for (size_t i = 0; i < L->scale_count; i++)
        if (strcmp(L->scales[i].values, values) == 0 &&
            strcmp(L->scales[i].config, config) == 0) {
            *index = L->scales[i].index;
            return CF_OK;
        }
    if (config[0] == '\0')
        return invalid(L, r, CFI_MOODLE_SCALE_CONFIG,
                       "scale values without a scale configuration (Moodle "
                       "needs one to know the proficient value)");
    char id[40];
    if (L->scale_count == 0)
        snprintf(id, sizeof id, "scale");
    else
        snprintf(id, sizeof id, "scale-%zu", L->scale_count + 1);
    int rc = cfi_builder_add_scale(L->b, id, NULL, NULL, index, L->err);
    if (rc != CF_OK)
        return at_field(L, rc, r, CFI_MOODLE_SCALE_VALUES);
    size_t levels = 0, proficient = CFI_NONE, dflt = CFI_NONE;
    rc = add_levels(L, r, &levels);
    if (rc == CF_OK)
        rc = read_config(L, r, levels, &proficient, &dflt);
    if (rc == CF_OK)
        rc = at_field(
            L, cfi_builder_set_proficient(L->b, *index, proficient, L->err), r,
            CFI_MOODLE_SCALE_CONFIG);
    if (rc == CF_OK && dflt != CFI_NONE && dflt != 0) {
        char item[32];
        snprintf(item, sizeof item, "%zu", dflt + 1);
        rc = at_field(L,
                      cfi_builder_add_extension(L->b, CFI_OWNER_SCALE, *index,
                                                CFI_MOODLE_X_SCALE_DEFAULT,
                                                item, L->err),
                      r, CFI_MOODLE_SCALE_CONFIG);
    }
    if (rc != CF_OK)
        return rc;
    if (cfi_reserve(L->a, (void **)&L->scales, &L->scale_cap,
                    L->scale_count + 1, sizeof *L->scales) != CF_OK)
        return oom(L);
    scale_seen *seen = &L->scales[L->scale_count++];
    seen->values = values;
    seen->config = config;
    seen->index = *index;
    return CF_OK;
}

/* ---- the libcompetency column ------------------------------------------ */

static int bad_carrier(loader *L, size_t r, const char *what)
{
    return invalid(L, r, CFI_MOODLE_CARRIER, "in the libcompetency field: %s",
                   what);
}

/* The row's libcompetency object into *out; NULL when the field is empty. */
static int carrier(loader *L, size_t r, const char *const *keys, json_t **out)
{
    *out = NULL;
    const char *text = field(L, r, CFI_MOODLE_CARRIER);
    if (text[0] == '\0')
        return CF_OK;
    json_error_t jerr;
    json_t *root = json_loads(text, JSON_REJECT_DUPLICATES, &jerr);
    if (!root)
        return invalid(L, r, CFI_MOODLE_CARRIER,
                       "the libcompetency field is not JSON (%s, at "
                       "character %d of the field)",
                       jerr.text, jerr.position);
    if (!json_is_object(root)) {
        json_decref(root);
        return bad_carrier(L, r, "not a JSON object");
    }
    const char *key;
    json_t *value;
    json_object_foreach(root, key, value)
    {
        size_t k = 0;
        while (keys[k] && strcmp(keys[k], key) != 0)
            k++;
        if (!keys[k]) {
            int rc =
                invalid(L, r, CFI_MOODLE_CARRIER,
                        "unknown key '%s' in the libcompetency field", key);
            json_decref(root);
            return rc;
        }
    }
    *out = root;
    return CF_OK;
}

static const char *const framework_keys[] = {
    "format", "version", "publisher",     "language",
    "x",      "scales",  "default_scale", NULL};
static const char *const element_keys[] = {
    "kind",        "weight",   "rollup",      "scale", "x",
    "exact_match", "precedes", "replaced_by", NULL};

/* A string member of obj into *out, NULL when absent. */
static int text_of(loader *L, size_t r, json_t *obj, const char *key,
                   const char **out)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v)
        return CF_OK;
    if (!json_is_string(v))
        return invalid(L, r, CFI_MOODLE_CARRIER,
                       "in the libcompetency field: '%s' must be a string",
                       key);
    *out = json_string_value(v);
    return CF_OK;
}

/*
 * The x- keys of obj for owner: [[key, value], ...], in order. On the
 * framework and competency rows (seen not NULL), [key] names a key whose
 * value is in Moodle's column (cfi_moodle_x_column; none when the column
 * is empty); *seen gets a bit for each column a key of obj names.
 */
static int add_x(loader *L, size_t r, json_t *obj, cfi_owner owner,
                 size_t index, unsigned *seen)
{
    json_t *list = json_object_get(obj, "x");
    if (!list)
        return CF_OK;
    if (!json_is_array(list))
        return bad_carrier(L, r, "'x' must be a list of [key, value] pairs");
    for (size_t i = 0; i < json_array_size(list); i++) {
        json_t *pair = json_array_get(list, i);
        const char *key = json_string_value(json_array_get(pair, 0));
        const char *value = json_string_value(json_array_get(pair, 1));
        size_t n = json_array_size(pair);
        int column =
            key && seen ? cfi_moodle_x_column(key, owner == CFI_OWNER_FRAMEWORK)
                        : -1;
        if (!key || strncmp(key, "x-", 2) != 0 || (n == 2 && !value) ||
            (n == 1 && column < 0) || n < 1 || n > 2)
            return bad_carrier(L, r,
                               "each entry of 'x' must be a pair of texts, "
                               "the key starting with 'x-', or [key] for a "
                               "key of Moodle's columns");
        if (column >= 0)
            *seen |= 1u << column;
        if (n == 1)
            value = field(L, r, column);
        if (!*value && n == 1)
            continue;
        int rc =
            cfi_builder_add_extension(L->b, owner, index, key, value, L->err);
        if (rc != CF_OK)
            return at_field(L, rc, r, CFI_MOODLE_CARRIER);
    }
    return CF_OK;
}

/* The x- keys Moodle's columns give (moodle.h), but those in seen. */
static int add_moodle_x(loader *L, size_t r, cfi_owner owner, size_t index,
                        unsigned seen)
{
    int framework = owner == CFI_OWNER_FRAMEWORK;
    for (int i = 0; i < CFI_MOODLE_X_COUNT; i++) {
        int c = cfi_moodle_x_at(i);
        if ((seen & (1u << c)) ||
            !cfi_moodle_x_given(L->rows[r].f, c, framework))
            continue;
        int rc = cfi_builder_add_extension(
            L->b, owner, index, cfi_moodle_x_key(c), field(L, r, c), L->err);
        if (rc != CF_OK)
            return at_field(L, rc, r, c);
    }
    return CF_OK;
}

/* Remembers a scale by id (scales[].values), for elements that name it. */
static int remember_scale(loader *L, const char *id, size_t index)
{
    if (cfi_reserve(L->a, (void **)&L->scales, &L->scale_cap,
                    L->scale_count + 1, sizeof *L->scales) != CF_OK)
        return oom(L);
    const char *copy = cfi_arena_strndup(L->a, &L->strings, id, strlen(id));
    if (!copy)
        return oom(L);
    scale_seen *seen = &L->scales[L->scale_count++];
    seen->values = copy;
    seen->config = "";
    seen->index = index;
    return CF_OK;
}

static size_t carried_scale(const loader *L, const char *id)
{
    for (size_t i = 0; i < L->scale_count; i++)
        if (strcmp(L->scales[i].values, id) == 0)
            return L->scales[i].index;
    return CFI_NONE;
}

static int add_carried_level(loader *L, size_t r, json_t *level)
{
    const char *label, *description;
    json_t *value = json_object_get(level, "value");
    if (!json_is_object(level) || !json_is_number(value))
        return bad_carrier(L, r, "each level needs a number 'value'");
    int rc = text_of(L, r, level, "label", &label);
    if (rc == CF_OK)
        rc = text_of(L, r, level, "description", &description);
    if (rc == CF_OK)
        rc = at_field(L,
                      cfi_builder_add_level(L->b, json_number_value(value),
                                            label, description, L->err),
                      r, CFI_MOODLE_CARRIER);
    if (rc == CF_OK)
        rc = add_x(L, r, level, CFI_OWNER_LEVEL, L->level_count++, NULL);
    return rc;
}

static int add_carried_scale(loader *L, size_t r, json_t *scale)
{
    const char *id, *title, *description;
    json_t *levels = json_object_get(scale, "levels");
    json_t *proficient = json_object_get(scale, "proficient");
    if (!json_is_object(scale) || !json_is_array(levels) ||
        !json_is_integer(proficient) || json_integer_value(proficient) < 0)
        return bad_carrier(L, r,
                           "each scale needs 'levels' and the index of its "
                           "'proficient' level");
    int rc = text_of(L, r, scale, "id", &id);
    if (rc == CF_OK)
        rc = text_of(L, r, scale, "title", &title);
    if (rc == CF_OK)
        rc = text_of(L, r, scale, "description", &description);
    size_t index = 0;
    if (rc == CF_OK)
        rc = at_field(
            L,
            cfi_builder_add_scale(L->b, id, title, description, &index, L->err),
            r, CFI_MOODLE_CARRIER);
    for (size_t i = 0; rc == CF_OK && i < json_array_size(levels); i++)
        rc = add_carried_level(L, r, json_array_get(levels, i));
    if (rc == CF_OK &&
        (size_t)json_integer_value(proficient) >= json_array_size(levels))
        rc = bad_carrier(L, r, "a scale's 'proficient' is past its levels");
    if (rc == CF_OK)
        rc = at_field(
            L,
            cfi_builder_set_proficient(
                L->b, index, (size_t)json_integer_value(proficient), L->err),
            r, CFI_MOODLE_CARRIER);
    if (rc == CF_OK)
        rc = add_x(L, r, scale, CFI_OWNER_SCALE, index, NULL);
    if (rc == CF_OK)
        rc = remember_scale(L, id, index);
    return rc;
}

/* The scales of the framework row's libcompetency field. */
static int add_carried_scales(loader *L, size_t r, json_t *c)
{
    json_t *scales = json_object_get(c, "scales");
    const char *dflt;
    if (!json_is_array(scales) || json_array_size(scales) == 0)
        return bad_carrier(L, r, "'scales' must be a list of scales");
    int rc = text_of(L, r, c, "default_scale", &dflt);
    for (size_t i = 0; rc == CF_OK && i < json_array_size(scales); i++)
        rc = add_carried_scale(L, r, json_array_get(scales, i));
    if (rc != CF_OK)
        return rc;
    size_t index = dflt ? carried_scale(L, dflt) : 0;
    if (index == CFI_NONE)
        return invalid(L, r, CFI_MOODLE_CARRIER,
                       "in the libcompetency field: unknown default scale "
                       "'%s'",
                       dflt);
    L->carried = 1;
    return at_field(L, cfi_builder_set_default_scale(L->b, index, L->err), r,
                    CFI_MOODLE_CARRIER);
}

/* An element's kind, weight, rollup and scale from its libcompetency
 * field (c may be NULL); *scale is left as it is when c names none. */
static int carried_element(loader *L, size_t r, json_t *c, const char **kind,
                           double *weight, cf_rollup *rollup, size_t *scale)
{
    const char *name, *id;
    *kind = NULL;
    *weight = 1;
    *rollup = CF_ROLLUP_MEAN;
    if (!c)
        return CF_OK;
    json_t *w = json_object_get(c, "weight");
    if (w && !json_is_number(w))
        return bad_carrier(L, r, "'weight' must be a number");
    if (w)
        *weight = json_number_value(w);
    int rc = text_of(L, r, c, "kind", kind);
    if (rc == CF_OK)
        rc = text_of(L, r, c, "rollup", &name);
    if (rc == CF_OK && name) {
        int k = 0;
        while (k <= CF_ROLLUP_MAX && strcmp(cf_rollup_name((cf_rollup)k), name))
            k++;
        if (k > CF_ROLLUP_MAX)
            return invalid(L, r, CFI_MOODLE_CARRIER,
                           "in the libcompetency field: unknown rollup '%s' "
                           "(mean, min or max)",
                           name);
        *rollup = (cf_rollup)k;
    }
    if (rc == CF_OK)
        rc = text_of(L, r, c, "scale", &id);
    if (rc == CF_OK && id) {
        *scale = carried_scale(L, id);
        if (*scale == CFI_NONE)
            return invalid(L, r, CFI_MOODLE_CARRIER,
                           "in the libcompetency field: unknown scale '%s'",
                           id);
    }
    return rc;
}

/* The relations other than related of row r's libcompetency field. */
static int add_carried_relations(loader *L, size_t r, json_t *c)
{
    for (int k = 0; c && k < CF_RELATION_COUNT; k++) {
        if (k == CF_RELATION_RELATED)
            continue;
        const char *name = cf_relation_name((cf_relation)k);
        json_t *ids = json_object_get(c, name);
        if (ids && !json_is_array(ids))
            return invalid(L, r, CFI_MOODLE_CARRIER,
                           "in the libcompetency field: '%s' must be a list "
                           "of id numbers",
                           name);
        for (size_t i = 0; i < json_array_size(ids); i++) {
            const char *id = json_string_value(json_array_get(ids, i));
            size_t target = id ? cfi_idmap_find(&L->ids, id) : CFI_NONE;
            if (target == CFI_NONE)
                return invalid(L, r, CFI_MOODLE_CARRIER,
                               "in the libcompetency field: '%s' names '%s', "
                               "no competency's id number",
                               name, id ? id : "(not a text)");
            int rc = cfi_builder_add_relation(L->b, L->rows[r].element,
                                              (cf_relation)k,
                                              L->rows[target].element, L->err);
            if (rc != CF_OK)
                return at_field(L, rc, r, CFI_MOODLE_CARRIER);
        }
    }
    return CF_OK;
}

/* ---- the framework ---------------------------------------------------- */

static int add_taxonomy(loader *L, size_t r)
{
    const char *s = field(L, r, CFI_MOODLE_TAXONOMY);
    if (s[0] == '\0')
        return CF_OK;
    for (;;) {
        const char *end = strchr(s, ',');
        if (!end)
            end = s + strlen(s);
        L->text.len = 0;
        if (cfi_buf_add(L->a, &L->text, s, (size_t)(end - s)) != CF_OK)
            return oom(L);
        if (L->text.len == 0)
            return invalid(L, r, CFI_MOODLE_TAXONOMY,
                           "an empty name in the taxonomy list '%s'",
                           field(L, r, CFI_MOODLE_TAXONOMY));
        int rc = cfi_builder_add_hierarchy(L->b, L->text.data, L->err);
        if (rc != CF_OK)
            return at_field(L, rc, r, CFI_MOODLE_TAXONOMY);
        if (*end == '\0')
            return CF_OK;
        s = end + 1;
    }
}

/* The metadata, x- keys and scales of the framework row's libcompetency
 * field. */
static int add_carried_framework(loader *L, size_t r, json_t *c, unsigned *seen)
{
    static const cfi_meta fields[] = {CFI_META_VERSION, CFI_META_PUBLISHER,
                                      CFI_META_LANGUAGE};
    static const char *const keys[] = {"version", "publisher", "language"};
    json_t *format = json_object_get(c, "format");
    if (format && (!json_is_integer(format) ||
                   json_integer_value(format) != CFI_MOODLE_CARRIER_FORMAT))
        return invalid(L, r, CFI_MOODLE_CARRIER,
                       "in the libcompetency field: 'format' must be %d (a "
                       "later version of libcompetency wrote this file)",
                       CFI_MOODLE_CARRIER_FORMAT);
    int rc = CF_OK;
    for (size_t i = 0; rc == CF_OK && i < 3; i++) {
        const char *value;
        rc = text_of(L, r, c, keys[i], &value);
        if (rc == CF_OK && value)
            rc = at_field(L,
                          cfi_builder_set_meta(L->b, fields[i], value, L->err),
                          r, CFI_MOODLE_CARRIER);
    }
    if (rc == CF_OK)
        rc = add_x(L, r, c, CFI_OWNER_FRAMEWORK, 0, seen);
    if (rc == CF_OK && json_object_get(c, "scales"))
        rc = add_carried_scales(L, r, c);
    return rc;
}

static int add_framework(loader *L)
{
    size_t r = L->framework;
    if (field(L, r, CFI_MOODLE_ID)[0] == '\0')
        return invalid(L, r, CFI_MOODLE_ID, "the framework has no id number");
    if (field(L, r, CFI_MOODLE_SHORTNAME)[0] == '\0')
        return invalid(L, r, CFI_MOODLE_SHORTNAME,
                       "the framework has no short name");
    int rc = at_field(L,
                      cfi_builder_set_meta(L->b, CFI_META_ID,
                                           field(L, r, CFI_MOODLE_ID), L->err),
                      r, CFI_MOODLE_ID);
    if (rc == CF_OK)
        rc = at_field(L,
                      cfi_builder_set_meta(L->b, CFI_META_TITLE,
                                           field(L, r, CFI_MOODLE_SHORTNAME),
                                           L->err),
                      r, CFI_MOODLE_SHORTNAME);
    const char *description = field(L, r, CFI_MOODLE_DESCRIPTION);
    if (rc == CF_OK && description[0] != '\0')
        rc = at_field(L,
                      cfi_builder_set_meta(L->b, CFI_META_DESCRIPTION,
                                           description, L->err),
                      r, CFI_MOODLE_DESCRIPTION);
    if (rc == CF_OK)
        rc = add_taxonomy(L, r);
    json_t *c = NULL;
    if (rc == CF_OK)
        rc = carrier(L, r, framework_keys, &c);
    unsigned seen = 0;
    if (rc == CF_OK && c)
        rc = add_carried_framework(L, r, c, &seen);
    if (rc == CF_OK)
        rc = add_moodle_x(L, r, CFI_OWNER_FRAMEWORK, 0, seen);
    int carried = json_object_get(c, "scales") != NULL;
    json_decref(c);
    if (rc != CF_OK || carried)
        return rc;
    if (field(L, r, CFI_MOODLE_SCALE_VALUES)[0] == '\0')
        return invalid(L, r, CFI_MOODLE_SCALE_VALUES,
                       "the framework row has no scale values (Moodle "
                       "frameworks have a scale, such as \"Not yet "
                       "competent,Competent\")");
    size_t scale;
    rc = add_scale(L, r, &scale);
    if (rc == CF_OK)
        rc = at_field(L, cfi_builder_set_default_scale(L->b, scale, L->err), r,
                      CFI_MOODLE_SCALE_VALUES);
    return rc;
}

/* ---- competencies ----------------------------------------------------- */

/* The effective scale of a row's parent (CFI_NONE: the default). */
static size_t inherited_scale(const loader *L, size_t r)
{
    for (size_t p = L->rows[r].parent; p != CFI_NONE; p = L->rows[p].parent)
        if (L->rows[p].scale != CFI_NONE)
            return L->rows[p].scale;
    return CFI_NONE;
}

static int set_competency(loader *L, size_t r, size_t el, json_t *c);

/* Adds row r (its parent already added) and its subtree, in pre-order. */
static int add_competency(loader *L, size_t r)
{
    row *w = &L->rows[r];
    if (field(L, r, CFI_MOODLE_SHORTNAME)[0] == '\0')
        return invalid(L, r, CFI_MOODLE_SHORTNAME,
                       "competency '%s' has no short name",
                       field(L, r, CFI_MOODLE_ID));
    size_t parent =
        w->parent == CFI_NONE ? CFI_NONE : L->rows[w->parent].element;
    size_t el;
    int rc =
        cfi_builder_add_element(L->b, parent, field(L, r, CFI_MOODLE_ID),
                                field(L, r, CFI_MOODLE_SHORTNAME), &el, L->err);
    if (rc != CF_OK)
        return at_field(L, rc, r, CFI_MOODLE_ID);
    w->element = el;
    w->placed = 1;
    json_t *c = NULL;
    rc = carrier(L, r, element_keys, &c);
    if (rc == CF_OK)
        rc = set_competency(L, r, el, c);
    json_decref(c);
    for (size_t i = 0; rc == CF_OK && i < w->child_count; i++)
        rc = add_competency(L, L->kids[L->rows[r].child_first + i]);
    return rc;
}

/* The fields of competency r (element el) other than id and title. */
static int set_competency(loader *L, size_t r, size_t el, json_t *c)
{
    row *w = &L->rows[r];
    int rc;
    size_t scale = CFI_NONE;
    if (L->carried) {
        /* The scales are libcompetency's: Moodle's scale columns are
         * there for Moodle. */
    } else if (field(L, r, CFI_MOODLE_SCALE_VALUES)[0] != '\0') {
        rc = add_scale(L, r, &scale);
        if (rc != CF_OK)
            return rc;
        w->scale = scale;
    } else if (inherited_scale(L, r) != CFI_NONE) {
        /* Moodle falls back to the framework's scale, not the parent's. */
        scale = L->scales[0].index;
        w->scale = scale;
    }
    const char *kind;
    double weight;
    cf_rollup rollup;
    rc = carried_element(L, r, c, &kind, &weight, &rollup, &scale);
    if (rc != CF_OK)
        return rc;
    const char *description = field(L, r, CFI_MOODLE_DESCRIPTION);
    rc = cfi_builder_set_element(L->b, el, description[0] ? description : NULL,
                                 kind, weight, rollup, scale, L->err);
    if (rc != CF_OK)
        return at_field(L, rc, r,
                        c ? CFI_MOODLE_CARRIER : CFI_MOODLE_DESCRIPTION);
    unsigned seen = 0;
    rc = add_x(L, r, c, CFI_OWNER_ELEMENT, el, &seen);
    if (rc == CF_OK)
        rc = add_moodle_x(L, r, CFI_OWNER_ELEMENT, el, seen);
    return rc;
}

static int add_cross_references(loader *L, size_t r);

/* The relations of row r: its cross references (comma-separated, %2C for
 * a comma), then those of its libcompetency field. */
static int add_related(loader *L, size_t r)
{
    json_t *c = NULL;
    int rc = add_cross_references(L, r);
    if (rc == CF_OK)
        rc = carrier(L, r, element_keys, &c);
    if (rc == CF_OK)
        rc = add_carried_relations(L, r, c);
    json_decref(c);
    return rc;
}

static int add_cross_references(loader *L, size_t r)
{
    const char *s = field(L, r, CFI_MOODLE_RELATED);
    if (s[0] == '\0')
        return CF_OK;
    for (;;) {
        const char *end = strchr(s, ',');
        if (!end)
            end = s + strlen(s);
        L->text.len = 0;
        for (const char *p = s; p < end; p++) {
            int escape = end - p >= 3 && p[0] == '%' && p[1] == '2' &&
                         (p[2] == 'C' || p[2] == 'c');
            if (cfi_buf_addc(L->a, &L->text, escape ? ',' : *p) != CF_OK)
                return oom(L);
            if (escape)
                p += 2;
        }
        if (L->text.len > 0) {
            size_t target = cfi_idmap_find(&L->ids, L->text.data);
            if (target == CFI_NONE)
                return unknown_id(L, r, CFI_MOODLE_RELATED, L->text.data,
                                  "cross-referenced id number");
            if (target == r)
                return invalid(L, r, CFI_MOODLE_RELATED,
                               "competency '%s' cross-references itself",
                               L->text.data);
            if (L->rows[target].related_by == r)
                goto next; /* named twice: once is enough */
            L->rows[target].related_by = r;
            int rc = cfi_builder_add_relation(L->b, L->rows[r].element,
                                              CF_RELATION_RELATED,
                                              L->rows[target].element, L->err);
            if (rc != CF_OK)
                return at_field(L, rc, r, CFI_MOODLE_RELATED);
        }
    next:
        if (*end == '\0')
            return CF_OK;
        s = end + 1;
    }
}

/* ---- loading ----------------------------------------------------------- */

static int build(loader *L, cf_framework **out)
{
    int rc = add_framework(L);
    for (size_t i = 0; rc == CF_OK && i < L->root_count; i++)
        rc = add_competency(L, L->roots[i]);
    for (size_t r = 0; rc == CF_OK && r < L->row_count; r++)
        if (r != L->framework && !L->rows[r].placed)
            rc = report_cycle(L, r);
    for (size_t r = 0; rc == CF_OK && r < L->row_count; r++)
        if (r != L->framework)
            rc = add_related(L, r);
    if (rc != CF_OK)
        return rc;
    cfi_builder *b = L->b;
    L->b = NULL;
    return cfi_builder_finish(b, out, L->err);
}

static int load(loader *L, const char *data, size_t len,
                const cf_load_options *opts, cf_framework **out)
{
    cfi_csv_config config = {L->a, L->source, opts->max_input_bytes,
                             opts->max_string_bytes};
    int rc = cfi_csv_open(&L->csv, &config, data, len, L->err);
    if (rc == CF_OK)
        rc = read_header(L);
    int found = 1;
    while (rc == CF_OK && found)
        rc = read_row(L, &found);
    if (rc == CF_OK)
        rc = find_framework(L);
    if (rc == CF_OK)
        rc = index_ids(L);
    if (rc == CF_OK)
        rc = link_rows(L);
    if (rc == CF_OK) {
        L->b = cfi_builder_new(opts, L->source);
        rc = L->b ? build(L, out) : oom(L);
    }
    return rc;
}

static int load_moodle(cf_framework **out, const char *data, size_t len,
                       const char *source, const cf_load_options *opts,
                       cf_error *err)
{
    loader L;
    memset(&L, 0, sizeof L);
    L.a = cfi_allocator_or_default(opts->allocator);
    L.source = source;
    L.err = err;
    int rc = load(&L, data, len, opts, out);
    cfi_builder_free(L.b);
    cfi_csv_close(&L.csv);
    cfi_buf_free(L.a, &L.text);
    cfi_release(L.a, L.scales);
    cfi_release(L.a, L.kids);
    cfi_release(L.a, L.roots);
    cfi_idmap_free(L.a, &L.ids);
    cfi_release(L.a, L.rows);
    cfi_arena_free(L.a, &L.strings);
    if (rc != CF_OK)
        *out = NULL;
    return rc;
}

int cf_framework_load_moodle_buffer(cf_framework **out, const char *data,
                                    size_t len, const char *source_name,
                                    const cf_load_options *opts, cf_error *err)
{
    const char *source = source_name ? source_name : "<buffer>";
    if (out)
        *out = NULL;
    if (!out || (!data && len))
        return cfi_fail(err, CF_EARG, source, NULL,
                        "out must not be NULL, nor data when len > 0");
    cf_load_options resolved;
    int rc = cfi_options_resolve(&resolved, opts, err, source);
    if (rc != CF_OK)
        return rc;
    return load_moodle(out, data ? data : "", len, source, &resolved, err);
}

int cf_framework_load_moodle_file(cf_framework **out, const char *path,
                                  const cf_load_options *opts, cf_error *err)
{
    if (out)
        *out = NULL;
    if (!out || !path)
        return cfi_fail(err, CF_EARG, path ? path : "", NULL,
                        "out and path must not be NULL");
    cf_load_options resolved;
    int rc = cfi_options_resolve(&resolved, opts, err, path);
    if (rc != CF_OK)
        return rc;
    const cf_allocator *a = cfi_allocator_or_default(resolved.allocator);
    char *data;
    size_t len;
    rc = cfi_read_file(&data, &len, path, resolved.max_input_bytes, a, err);
    if (rc != CF_OK)
        return rc;
    rc = load_moodle(out, data, len, path, &resolved, err);
    cfi_release(a, data);
    return rc;
}
