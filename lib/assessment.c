/*
 * Assessments: the ratings of one subject, a level (or NaN) per element of
 * the framework. Making and rating them, the rules every rating obeys
 * (a known element, a level of its scale, rated once), and lists of them.
 */
#include "assessment.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- lifetime ------------------------------------------------------------ */

cf_assessment *cfi_assessment_create(cf_framework *fw, const cf_allocator *a)
{
    const cf_allocator *alloc = cfi_allocator_or_default(a);
    size_t n = fw->element_count;
    if (n > SIZE_MAX / sizeof(double))
        return NULL;
    cf_assessment *as = cfi_alloc(alloc, sizeof *as);
    if (!as)
        return NULL;
    memset(as, 0, sizeof *as);
    as->levels = cfi_alloc(alloc, n * sizeof *as->levels);
    if (!as->levels) {
        cfi_release(alloc, as);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        as->levels[i] = NAN;
    atomic_init(&as->refs, 1);
    as->allocator = *alloc;
    as->framework = cf_framework_ref(fw);
    return as;
}

static void assessment_destroy(cf_assessment *as)
{
    const cf_allocator a = as->allocator;
    cf_framework_free(as->framework);
    cfi_release(&a, as->levels);
    cfi_release(&a, (void *)as->notes);
    cfi_release(&a, as->exts.items);
    cfi_arena_free(&a, &as->strings);
    cfi_release(&a, as);
}

cf_assessment *cf_assessment_ref(cf_assessment *a)
{
    if (a)
        atomic_fetch_add_explicit(&a->refs, 1, memory_order_relaxed);
    return a;
}

void cf_assessment_free(cf_assessment *a)
{
    if (!a)
        return;
    if (atomic_fetch_sub_explicit(&a->refs, 1, memory_order_acq_rel) == 1)
        assessment_destroy(a);
}

int cfi_assessment_copy(cf_assessment *a, const char *text, const char **out)
{
    *out = NULL;
    if (!text || !*text)
        return CF_OK;
    *out = cfi_arena_strndup(&a->allocator, &a->strings, text, strlen(text));
    return *out ? CF_OK : CF_ENOMEM;
}

/* The source name for an assessment's errors ("" when it was built). */
static const char *source_of(const cf_assessment *a)
{
    return a->source ? a->source : "";
}

static int out_of_memory(const cf_assessment *a, cf_error *err)
{
    return cfi_fail(err, CF_ENOMEM, source_of(a), NULL, "out of memory");
}

int cf_assessment_new(cf_assessment **out, cf_framework *fw,
                      const char *subject, const cf_load_options *opts,
                      cf_error *err)
{
    if (out)
        *out = NULL;
    if (!out || !fw || !subject)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "out, the framework and the subject must not be NULL");
    if (!*subject)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "the subject must not be empty");
    cf_load_options resolved;
    int rc = cfi_options_resolve(&resolved, opts, err, "");
    if (rc != CF_OK)
        return rc;
    cf_assessment *a = cfi_assessment_create(fw, resolved.allocator);
    if (!a)
        return cfi_fail(err, CF_ENOMEM, "", NULL, "out of memory");
    if (cfi_assessment_copy(a, subject, &a->subject) != CF_OK) {
        cf_assessment_free(a);
        return cfi_fail(err, CF_ENOMEM, "", NULL, "out of memory");
    }
    *out = a;
    return CF_OK;
}

/* ---- metadata --------------------------------------------------------------
 */

static int set_text(cf_assessment *a, const char **field, const char *text,
                    cf_error *err)
{
    if (!a)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "the assessment must not be NULL");
    const char *copy;
    if (cfi_assessment_copy(a, text, &copy) != CF_OK)
        return out_of_memory(a, err);
    *field = copy;
    return CF_OK;
}

int cf_assessment_set_rater(cf_assessment *a, const char *rater, cf_error *err)
{
    return set_text(a, a ? &a->rater : NULL, rater, err);
}

int cf_assessment_set_role(cf_assessment *a, const char *role, cf_error *err)
{
    return set_text(a, a ? &a->role : NULL, role, err);
}

int cf_assessment_set_date(cf_assessment *a, const char *date, cf_error *err)
{
    if (a && date && *date) {
        int rc = cfi_date_check(date, source_of(a), NULL, err);
        if (rc != CF_OK)
            return rc;
    }
    return set_text(a, a ? &a->date : NULL, date, err);
}

/* ---- dates --------------------------------------------------------------- */

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The number written by the n digits at s. */
static int digits(const char *s, size_t n)
{
    int value = 0;
    for (size_t i = 0; i < n; i++)
        value = value * 10 + (s[i] - '0');
    return value;
}

static int days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

int cfi_date_check(const char *date, const char *source, const cfi_mark *mark,
                   cf_error *err)
{
    static const char *const months[] = {
        "January", "February", "March",     "April",   "May",      "June",
        "July",    "August",   "September", "October", "November", "December"};
    int shape = strlen(date) == 10 && date[4] == '-' && date[7] == '-';
    for (size_t i = 0; shape && i < 10; i++)
        shape = i == 4 || i == 7 || is_digit(date[i]);
    if (!shape)
        return cfi_fail(err, CF_EINVALID, source, mark,
                        "invalid date '%s': expected YYYY-MM-DD, e.g. "
                        "2026-11-01",
                        date);
    int year = digits(date, 4), month = digits(date + 5, 2);
    int day = digits(date + 8, 2);
    if (month < 1 || month > 12)
        return cfi_fail(err, CF_EINVALID, source, mark,
                        "invalid date '%s': the month must be 01 to 12", date);
    int last = days_in_month(year, month);
    if (day < 1 || day > last)
        return cfi_fail(err, CF_EINVALID, source, mark,
                        "invalid date '%s': the day must be 01 to %d in %s "
                        "%04d",
                        date, last, months[month - 1], year);
    return CF_OK;
}

/* ---- the rules of a rating ----------------------------------------------- */

int cfi_assessment_find(size_t *index, const cf_assessment *a, const char *id,
                        const char *source, const cfi_mark *mark, cf_error *err)
{
    *index = cfi_idmap_find(&a->framework->ids, id);
    if (*index != CFI_NONE)
        return CF_OK;
    return cfi_unknown_element(a->framework, id, source, mark, err);
}

int cfi_assessment_check(const cf_assessment *a, size_t index, double level,
                         const char *source, const cfi_mark *mark,
                         cf_error *err)
{
    const cf_element *el = &a->framework->elements[index];
    if (!isnan(a->levels[index]))
        return cfi_fail(err, CF_EINVALID, source, mark,
                        "element '%s' is already rated", el->id);
    if (cf_scale_find_value(&a->framework->scales[el->scale], level))
        return CF_OK;
    char text[32];
    cfi_format_number(text, sizeof text, level, 0);
    return cfi_level_not_on_scale(el, text, 0, NULL, source, mark, err);
}

int cfi_assessment_store(cf_assessment *a, size_t index, double level,
                         const char *note)
{
    const char *copy = NULL;
    if (note) {
        size_t n = a->framework->element_count;
        if (!a->notes) {
            const char **notes = cfi_alloc(&a->allocator, n * sizeof *notes);
            if (!notes)
                return CF_ENOMEM;
            for (size_t i = 0; i < n; i++)
                notes[i] = NULL;
            a->notes = notes;
        }
        copy =
            cfi_arena_strndup(&a->allocator, &a->strings, note, strlen(note));
        if (!copy)
            return CF_ENOMEM;
    }
    if (a->notes)
        a->notes[index] = copy;
    int was_rated = !isnan(a->levels[index]), rated = !isnan(level);
    a->rated_count += (size_t)rated - (size_t)was_rated;
    a->levels[index] = level;
    return CF_OK;
}

/* ---- rating through the API ---------------------------------------------- */

static int rate_index(cf_assessment *a, size_t index, double level,
                      const char *note, cf_error *err)
{
    int rc = cfi_assessment_check(a, index, level, source_of(a), NULL, err);
    if (rc == CF_OK && cfi_assessment_store(a, index, level, note) != CF_OK)
        rc = out_of_memory(a, err);
    return rc;
}

int cf_assessment_rate(cf_assessment *a, const char *element_id, double level,
                       const char *note, cf_error *err)
{
    if (!a || !element_id)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "the assessment and the element id must not be NULL");
    size_t index;
    int rc =
        cfi_assessment_find(&index, a, element_id, source_of(a), NULL, err);
    return rc == CF_OK ? rate_index(a, index, level, note, err) : rc;
}

int cf_assessment_rate_label(cf_assessment *a, const char *element_id,
                             const char *label, const char *note, cf_error *err)
{
    if (!a || !element_id || !label)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "the assessment, the element id and the label must "
                        "not be NULL");
    size_t index;
    int rc =
        cfi_assessment_find(&index, a, element_id, source_of(a), NULL, err);
    if (rc != CF_OK)
        return rc;
    const cf_element *el = &a->framework->elements[index];
    const cf_level *found =
        cf_scale_find_label(&a->framework->scales[el->scale], label);
    if (!found) {
        double value;
        const char *hint =
            cfi_parse_number(label, strlen(label), &value) == CFI_NUMBER_FINITE
                ? "(cf_assessment_rate takes level values)"
                : NULL;
        return cfi_level_not_on_scale(el, label, 1, hint, source_of(a), NULL,
                                      err);
    }
    return rate_index(a, index, found->value, note, err);
}

/* Undoes the first count ratings of a batch (they were all new). */
static void unrate(cf_assessment *a, const char *const *element_ids,
                   size_t count)
{
    for (size_t i = 0; i < count; i++) {
        size_t index = cfi_idmap_find(&a->framework->ids, element_ids[i]);
        a->levels[index] = NAN;
        a->rated_count--;
    }
}

/* The earlier pair of the batch that rated the element of pair i. */
static size_t earlier_pair(const cf_assessment *a,
                           const char *const *element_ids, size_t i)
{
    size_t index = cfi_idmap_find(&a->framework->ids, element_ids[i]);
    for (size_t k = 0; k < i; k++)
        if (cfi_idmap_find(&a->framework->ids, element_ids[k]) == index)
            return k;
    return CFI_NONE;
}

/* Pair i of a batch: checks it and stores it (no note: cannot fail). */
static int rate_pair(cf_assessment *a, const char *const *element_ids,
                     const double *levels, size_t i, cf_error *err)
{
    if (!element_ids[i])
        return cfi_fail(err, CF_EARG, source_of(a), NULL,
                        "the element id is NULL");
    size_t index;
    int rc =
        cfi_assessment_find(&index, a, element_ids[i], source_of(a), NULL, err);
    if (rc == CF_OK)
        rc = cfi_assessment_check(a, index, levels[i], source_of(a), NULL, err);
    if (rc == CF_OK)
        rc = cfi_assessment_store(a, index, levels[i], NULL);
    return rc;
}

/*
 * Each pair is checked, then stored; the first that fails undoes the ones
 * stored before it, so a pair that repeats an earlier one of the batch is
 * refused like one rated before the call.
 */
int cf_assessment_rate_many(cf_assessment *a, const char *const *element_ids,
                            const double *levels, size_t count, cf_error *err)
{
    if (!a || (count && (!element_ids || !levels)))
        return cfi_fail(err, CF_EARG, "", NULL,
                        "the assessment, the element ids and the levels must "
                        "not be NULL");
    for (size_t i = 0; i < count; i++) {
        cf_error inner;
        memset(&inner, 0, sizeof inner);
        int rc = rate_pair(a, element_ids, levels, i, &inner);
        if (rc == CF_OK)
            continue;
        unrate(a, element_ids, i);
        size_t first =
            rc == CF_EINVALID ? earlier_pair(a, element_ids, i) : CFI_NONE;
        if (first != CFI_NONE)
            return cfi_fail(err, rc, source_of(a), NULL,
                            "rating %zu of %zu: %s (by rating %zu of %zu)",
                            i + 1, count, inner.message, first + 1, count);
        return cfi_fail(err, rc, source_of(a), NULL, "rating %zu of %zu: %s",
                        i + 1, count, inner.message);
    }
    return CF_OK;
}

/* ---- accessors -------------------------------------------------------------
 */

const cf_framework *cf_assessment_framework(const cf_assessment *a)
{
    return a->framework;
}

const char *cf_assessment_subject(const cf_assessment *a)
{
    return a->subject;
}

const char *cf_assessment_rater(const cf_assessment *a)
{
    return a->rater;
}

const char *cf_assessment_role(const cf_assessment *a)
{
    return a->role;
}

const char *cf_assessment_date(const cf_assessment *a)
{
    return a->date;
}

size_t cf_assessment_rated_count(const cf_assessment *a)
{
    return a->rated_count;
}

double cf_assessment_level(const cf_assessment *a, size_t index)
{
    return index < a->framework->element_count ? a->levels[index] : NAN;
}

const double *cf_assessment_levels(const cf_assessment *a)
{
    return a->levels;
}

const char *cf_assessment_note(const cf_assessment *a, size_t index)
{
    if (!a->notes || index >= a->framework->element_count)
        return NULL;
    return a->notes[index];
}

const char *cf_assessment_source(const cf_assessment *a)
{
    return a->source;
}

size_t cf_assessment_line(const cf_assessment *a)
{
    return a->line;
}

const cf_extensions *cf_assessment_extensions(const cf_assessment *a)
{
    return &a->ext;
}

/* ---- lists ------------------------------------------------------------------
 */

cf_assessment_list *cfi_assessment_list_new(const cf_allocator *a)
{
    const cf_allocator *alloc = cfi_allocator_or_default(a);
    cf_assessment_list *list = cfi_alloc(alloc, sizeof *list);
    if (!list)
        return NULL;
    memset(list, 0, sizeof *list);
    list->allocator = *alloc;
    return list;
}

int cfi_assessment_list_add(cf_assessment **out, cf_assessment_list *list,
                            cf_framework *fw)
{
    void *items = list->items;
    if (cfi_reserve(&list->allocator, &items, &list->cap, list->count + 1,
                    sizeof *list->items) != CF_OK)
        return CF_ENOMEM;
    list->items = items;
    *out = cfi_assessment_create(fw, &list->allocator);
    if (!*out)
        return CF_ENOMEM;
    list->items[list->count++] = *out;
    return CF_OK;
}

size_t cf_assessment_list_count(const cf_assessment_list *list)
{
    return list->count;
}

cf_assessment *cf_assessment_list_get(const cf_assessment_list *list,
                                      size_t index)
{
    return index < list->count ? list->items[index] : NULL;
}

void cf_assessment_list_free(cf_assessment_list *list)
{
    if (!list)
        return;
    const cf_allocator a = list->allocator;
    for (size_t i = 0; i < list->count; i++)
        cf_assessment_free(list->items[i]);
    cfi_release(&a, list->items);
    cfi_release(&a, list);
}
