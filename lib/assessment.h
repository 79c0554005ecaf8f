/*
 * Private declarations shared by the assessment files: assessment.c (the
 * object and its rating rules), assessment_load.c (the public loaders and
 * the YAML format) and assessment_csv.c (the CSV format).
 */
#ifndef CF_ASSESSMENT_H
#define CF_ASSESSMENT_H

#include "internal.h"

/* ---- assessment.c ------------------------------------------------------- */

/*
 * Copies text into a's arena: *out is the copy, or NULL when text is NULL
 * or empty (an empty rater, role or date counts as not given). CF_ENOMEM.
 */
int cfi_assessment_copy(cf_assessment *a, const char *text, const char **out);

/*
 * Checks that date is an ISO 8601 calendar date, YYYY-MM-DD, with a real
 * month and day (leap years included). Fills err with CF_EINVALID at mark
 * (NULL: no position) otherwise.
 */
int cfi_date_check(const char *date, const char *source, const cfi_mark *mark,
                   cf_error *err);

/*
 * The pre-order index of the element with this id in a's framework, or
 * cfi_unknown_element's error at mark.
 */
int cfi_assessment_find(size_t *index, const cf_assessment *a, const char *id,
                        const char *source, const cfi_mark *mark,
                        cf_error *err);

/* A new, empty list whose memory comes from a; NULL when out of memory. */
cf_assessment_list *cfi_assessment_list_new(const cf_allocator *a);

/*
 * Makes a new assessment of fw (with the list's allocator) and appends it
 * to list, which owns it; *out borrows it. CF_ENOMEM, list unchanged.
 */
int cfi_assessment_list_add(cf_assessment **out, cf_assessment_list *list,
                            cf_framework *fw);

/* ---- the formats -------------------------------------------------------- */

/*
 * Appends to list the assessments in len bytes at data: YAML documents
 * (assessment_load.c) or CSV rows (assessment_csv.c). opts are resolved.
 * On failure err says why and where, and list may hold part of the input:
 * the caller frees it.
 */
int cfi_assessment_load_yaml(cf_assessment_list *list, cf_framework *fw,
                             const char *data, size_t len, const char *source,
                             const cf_load_options *opts, cf_error *err);
/*
 * As cfi_assessment_load_yaml, on up to opts->threads threads for a large
 * stream of documents (assessment_parallel.c); the same result and errors.
 */
int cfi_assessment_load_yaml_threads(cf_assessment_list *list, cf_framework *fw,
                                     const char *data, size_t len,
                                     const char *source,
                                     const cf_load_options *opts,
                                     cf_error *err);
int cfi_assessment_load_csv(cf_assessment_list *list, cf_framework *fw,
                            const char *data, size_t len, const char *source,
                            const cf_load_options *opts, cf_error *err);

#endif /* CF_ASSESSMENT_H */
