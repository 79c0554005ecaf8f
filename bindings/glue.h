/*
 * Plain C helpers for the SWIG bindings (bindings/common.i), written over
 * the public API of include/competency.h only.
 *
 * Lifetimes: every handle a binding hands to a script owns references to
 * everything it points into, so a script may drop its objects in any
 * order. An element, scale or level handle holds a reference to its
 * framework; a report holds references to its inputs (the library does
 * that); a gap report taken from a team report holds a reference to the
 * team report. Every function that returns a handle, a framework, an
 * assessment, a profile or a report returns a new one (or a new reference)
 * that the binding releases with the matching _free function.
 *
 * Errors: functions that can fail take a cf_error * last, fill it as the
 * library does, and return NULL (or a negative CF_E... code). A NULL
 * return without an error means "none" (an index past the end, an id that
 * is not there).
 */
#ifndef CF_BINDINGS_GLUE_H
#define CF_BINDINGS_GLUE_H

#include <stddef.h>

#include "competency.h"

/* ---- errors -------------------------------------------------------------- */

/* The name of a return code: "CF_EINVALID", ...; "CF_EUNKNOWN" otherwise. */
const char *cfb_code_name(int code);

/* ---- frameworks ---------------------------------------------------------- */

cf_framework *cfb_framework_load(const char *path, cf_error *err);
/* len bytes at data; source names the buffer in errors. */
cf_framework *cfb_framework_loads(const char *data, size_t len,
                                  const char *source, cf_error *err);
/* One more reference to fw (the accessors hand out const pointers). */
cf_framework *cfb_framework_ref(const cf_framework *fw);
/* The element id closest to word (cf_suggest), NULL when none is close. */
const char *cfb_framework_suggest(const cf_framework *fw, const char *word,
                                  cf_error *err);

/* ---- element, scale and level handles ------------------------------------ */

typedef struct cfb_element {
    cf_framework *fw; /* a reference */
    size_t index;     /* pre-order index */
} cfb_element;

typedef struct cfb_scale {
    cf_framework *fw; /* a reference */
    size_t index;     /* as cf_framework_scale */
} cfb_scale;

typedef struct cfb_level {
    cf_framework *fw; /* a reference */
    size_t scale;     /* index of its scale */
    size_t index;     /* index in its scale */
} cfb_level;

/* A handle on el (NULL gives NULL without an error). */
cfb_element *cfb_element_of(const cf_element *el, cf_error *err);
cfb_scale *cfb_scale_of(const cf_scale *scale, const cf_framework *fw,
                        cf_error *err);
cfb_level *cfb_level_of(const cf_level *level, const cf_scale *scale,
                        const cf_framework *fw, cf_error *err);

const cf_element *cfb_element_get(const cfb_element *h);
const cf_scale *cfb_scale_get(const cfb_scale *h);
const cf_level *cfb_level_get(const cfb_level *h);

void cfb_element_free(cfb_element *h);
void cfb_scale_free(cfb_scale *h);
void cfb_level_free(cfb_level *h);

/* Whether two handles name the same element of the same framework. */
int cfb_element_same(const cfb_element *a, const cfb_element *b);

/* ---- assessments --------------------------------------------------------- */

cf_assessment *cfb_assessment_new(cf_framework *fw, const char *subject,
                                  cf_error *err);
/* One more reference to a. */
cf_assessment *cfb_assessment_ref(const cf_assessment *a);

/*
 * Rates count elements in one cf_assessment_rate_many call: ids[i] at
 * labels[i] when labels is not NULL and labels[i] is not NULL (a level
 * label, resolved as cf_assessment_rate_label does, with its messages),
 * else at levels[i]. All or nothing, and errors name the failing pair as
 * cf_assessment_rate_many does ("rating 2 of 5: ...").
 */
int cfb_assessment_rate_batch(cf_assessment *a, size_t count,
                              const char *const *ids, const double *levels,
                              const char *const *labels, cf_error *err);

/*
 * The value of the level labelled label on element_id's scale
 * (cf_element_level_by_label's errors). An unknown element_id gives NaN
 * and CF_OK: the rating or target call that follows names it.
 */
int cfb_level_value(double *out, cf_framework *fw, const char *element_id,
                    const char *label, cf_error *err);

/* A growable array of assessment references: the input of the team and
 * consolidation analyses, and the result of loading a file. */
typedef struct cfb_assessments {
    cf_assessment **items;
    size_t count;
    size_t capacity;
} cfb_assessments;

cfb_assessments *cfb_assessments_new(cf_error *err);
/* Appends a reference to a. */
int cfb_assessments_add(cfb_assessments *set, cf_assessment *a, cf_error *err);
size_t cfb_assessments_count(const cfb_assessments *set);
/* A new reference to the assessment at index; NULL past the end. */
cf_assessment *cfb_assessments_get(const cfb_assessments *set, size_t index);
void cfb_assessments_free(cfb_assessments *set);

/* Every assessment of a file or buffer (format: a cf_format value). */
cfb_assessments *cfb_assessments_load(cf_framework *fw, const char *path,
                                      int format, cf_error *err);
cfb_assessments *cfb_assessments_loads(cf_framework *fw, const char *data,
                                       size_t len, const char *source,
                                       int format, cf_error *err);

/* ---- profiles ------------------------------------------------------------ */

cf_profile *cfb_profile_new(cf_framework *fw, const char *id, const char *title,
                            cf_error *err);
cf_profile *cfb_profile_load(cf_framework *fw, const char *path, cf_error *err);
cf_profile *cfb_profile_loads(cf_framework *fw, const char *data, size_t len,
                              const char *source, cf_error *err);
cf_profile *cfb_profile_ref(const cf_profile *p);
/* As cf_profile_add_target with the level given by its label. */
int cfb_profile_add_target_label(cf_profile *p, const char *element_id,
                                 const char *label, double importance,
                                 int critical, cf_error *err);

/* ---- analyses ------------------------------------------------------------ */

/* missing: a cf_missing value (0 skip, 1 zero); CF_EARG otherwise. */
cf_scores *cfb_scores_compute(const cf_assessment *a, int missing,
                              cf_error *err);

/* A gap report of its own, or one person's report of a team report. */
typedef struct cfb_team_report cfb_team_report;

typedef struct cfb_gap_report {
    cf_gap_report *own;    /* NULL when borrowed from team */
    cfb_team_report *team; /* a reference, or NULL */
    const cf_gap_report *r;
} cfb_gap_report;

/* A team report shared by its handle and its people's gap reports. */
struct cfb_team_report {
    size_t refs;
    cf_team_report *r;
};

cfb_gap_report *cfb_gap_analyze(const cf_assessment *a, const cf_profile *p,
                                int missing, cf_error *err);
void cfb_gap_report_free(cfb_gap_report *h);
/* The inputs of target t: element k, or its score, weight or share. */
cfb_element *cfb_gap_report_input_element(const cfb_gap_report *h, size_t t,
                                          size_t k, cf_error *err);
double cfb_gap_report_input_score(const cfb_gap_report *h, size_t t, size_t k);
double cfb_gap_report_input_weight(const cfb_gap_report *h, size_t t, size_t k);
double cfb_gap_report_input_share(const cfb_gap_report *h, size_t t, size_t k);

cfb_team_report *cfb_team_analyze(const cfb_assessments *set,
                                  const cf_profile *p, int missing,
                                  cf_error *err);
void cfb_team_report_free(cfb_team_report *h);
/* Person i's gap report, holding a reference to the team report. */
cfb_gap_report *cfb_team_report_person(cfb_team_report *h, size_t i,
                                       cf_error *err);

/*
 * Dense team analysis (cf_team_matrix_analyze): count doubles at levels,
 * people rows of cf_framework_element_count columns, NaN where unrated.
 * people 0 means count / element_count rows. Checks the shape first:
 * CF_EARG, with a message giving the numbers, when count is not people x
 * element_count (or, with people 0, not a whole number of rows, or 0).
 * threads as cf_score_options.threads (0: one per online processor).
 */
cf_team_matrix *cfb_team_matrix_analyze(const cf_profile *p,
                                        const double *levels, size_t count,
                                        size_t people, int missing,
                                        unsigned int threads, cf_error *err);

/*
 * The rows of a matrix of count doubles of fw's levels, checked as
 * cfb_team_matrix_analyze does, except that 0 rows (count 0) is allowed.
 */
int cfb_matrix_rows(size_t *rows, const cf_framework *fw, size_t count,
                    size_t people, cf_error *err);

/*
 * cf_scores_compute_matrix over rows rows (from cfb_matrix_rows) into
 * normalized, rows x element_count doubles that the caller provides.
 */
int cfb_scores_matrix(double *normalized, const cf_framework *fw,
                      const double *levels, size_t rows, int missing,
                      unsigned int threads, cf_error *err);

/* Role weights and the threshold of a consolidation. */
typedef struct cfb_consolidate_options {
    cf_role_weight *weights; /* roles are copies */
    size_t count;
    size_t capacity;
    double threshold;
} cfb_consolidate_options;

cfb_consolidate_options *cfb_consolidate_options_new(double threshold,
                                                     cf_error *err);
int cfb_consolidate_options_add(cfb_consolidate_options *o, const char *role,
                                double weight, cf_error *err);
void cfb_consolidate_options_free(cfb_consolidate_options *o);

/* opts may be NULL (every role weighs 1, threshold 1). */
cf_consolidation *cfb_consolidate(const cfb_assessments *set,
                                  const cfb_consolidate_options *opts,
                                  cf_error *err);
/* The weight of input index, NaN past the end. */
double cfb_consolidation_input_weight(const cf_consolidation *c, size_t index);

/* p may be NULL. */
cf_progress_report *cfb_progress_analyze(const cf_assessment *before,
                                         const cf_assessment *after,
                                         const cf_profile *p, int missing,
                                         cf_error *err);

/* ---- JSON and rendering -------------------------------------------------- */

/*
 * The report as JSON (pretty: indented), or rendered in the format called
 * format ("text", "json", "csv", "markdown", "html") at width columns
 * (0: 80) with ANSI colours when color is non-zero and indented JSON when
 * pretty is. A string from malloc, released with cf_string_free; NULL on
 * failure.
 */
char *cfb_scores_to_json(const cf_scores *s, int pretty, cf_error *err);
char *cfb_gap_report_to_json(const cfb_gap_report *h, int pretty,
                             cf_error *err);
char *cfb_team_report_to_json(const cfb_team_report *h, int pretty,
                              cf_error *err);
char *cfb_consolidation_to_json(const cf_consolidation *c, int pretty,
                                cf_error *err);
char *cfb_progress_report_to_json(const cf_progress_report *r, int pretty,
                                  cf_error *err);

char *cfb_scores_render(const cf_scores *s, const char *format,
                        unsigned int width, int color, int pretty,
                        cf_error *err);
char *cfb_gap_report_render(const cfb_gap_report *h, const char *format,
                            unsigned int width, int color, int pretty,
                            cf_error *err);
char *cfb_team_report_render(const cfb_team_report *h, const char *format,
                             unsigned int width, int color, int pretty,
                             cf_error *err);
char *cfb_consolidation_render(const cf_consolidation *c, const char *format,
                               unsigned int width, int color, int pretty,
                               cf_error *err);
char *cfb_progress_report_render(const cf_progress_report *r,
                                 const char *format, unsigned int width,
                                 int color, int pretty, cf_error *err);

#endif /* CF_BINDINGS_GLUE_H */
