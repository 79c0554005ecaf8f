/*
 * What the fuzz targets that work on the SOLS framework share: the
 * framework, a profile and an assessment, each loaded once per process and
 * kept for its whole life, and the stages every loaded object goes on to
 * (scoring, gap analysis, JSON and text). Any failure that is not a clean
 * CF_ENOMEM aborts, so the fuzzer reports it as a crash.
 */
#ifndef CF_FUZZ_PIPELINE_H
#define CF_FUZZ_PIPELINE_H

#include <stddef.h>
#include <stdint.h>

#include "competency.h"

/*
 * The framework of CF_FUZZ_FRAMEWORK, the profile of CF_FUZZ_PROFILE and
 * the (first) assessment of CF_FUZZ_ASSESSMENT, loaded on first use. The
 * caller borrows them: it never frees them. A load failure aborts.
 */
cf_framework *fuzz_framework(void);
cf_profile *fuzz_profile(void);
cf_assessment *fuzz_assessment(void);

/*
 * Options for the later stages derived from the input, so that every
 * input also picks its own rendering width, colour, JSON layout and
 * missing-score rule.
 */
typedef struct fuzz_variant {
    cf_score_options score;
    cf_render_options render;
} fuzz_variant;

void fuzz_variant_init(fuzz_variant *v, const uint8_t *data, size_t size);

/* Aborts with what failed and the error unless rc is CF_OK or CF_ENOMEM. */
void fuzz_expect(int rc, const char *what, const cf_error *err);

/* Aborts with the message unless ok is non-zero. */
void fuzz_assert(int ok, const char *what);

/*
 * Checks a rendering's result: rc as fuzz_expect, and on success a text
 * that ends with a line feed. Frees text.
 */
void fuzz_check_rendered(int rc, char *text, const char *what,
                         const cf_error *err);

/* Renders into a string and frees it, asserting success (fuzz_expect). */
void fuzz_render_scores(const cf_scores *s, const fuzz_variant *v,
                        cf_report_format format);
void fuzz_render_gaps(const cf_gap_report *const *reports, size_t count,
                      const fuzz_variant *v, cf_report_format format);

/*
 * Scores a, reads every score, gap-analyses a against p, reads every
 * target, priority and explanation, and writes both as JSON and as text.
 */
void fuzz_analyze(const cf_assessment *a, const cf_profile *p,
                  const fuzz_variant *v);

/*
 * The assessment targets: loads the input as assessments in format; when
 * it loads, runs fuzz_analyze on each against the fixed profile, then
 * fuzz_round_trip on the list.
 */
void fuzz_assessments(const uint8_t *data, size_t size, cf_format format);

/*
 * Writes the list back as YAML and loads it again: the same number of
 * assessments, with the same subjects and the same levels.
 */
void fuzz_round_trip(const cf_assessment_list *list);

#endif /* CF_FUZZ_PIPELINE_H */
