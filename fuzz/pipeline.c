/*
 * The shared stages of the fuzz targets on the SOLS framework; see
 * pipeline.h.
 */
#include "pipeline.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef CF_FUZZ_FRAMEWORK
#error "CF_FUZZ_FRAMEWORK must name the framework file (set by CMake)"
#endif
#ifndef CF_FUZZ_PROFILE
#error "CF_FUZZ_PROFILE must name the profile file (set by CMake)"
#endif
#ifndef CF_FUZZ_ASSESSMENT
#error "CF_FUZZ_ASSESSMENT must name the assessment file (set by CMake)"
#endif

static void setup_failed(const char *what, const cf_error *err)
{
    fprintf(stderr, "fuzz setup: cannot load %s: %s:%zu:%zu: %s\n", what,
            err->source, err->line, err->column, err->message);
    abort();
}

cf_framework *fuzz_framework(void)
{
    static cf_framework *fw;
    if (!fw) {
        cf_error err;
        if (cf_framework_load_file(&fw, CF_FUZZ_FRAMEWORK, NULL, &err) != CF_OK)
            setup_failed(CF_FUZZ_FRAMEWORK, &err);
    }
    return fw;
}

cf_profile *fuzz_profile(void)
{
    static cf_profile *p;
    if (!p) {
        cf_error err;
        if (cf_profile_load_file(&p, fuzz_framework(), CF_FUZZ_PROFILE, NULL,
                                 &err) != CF_OK)
            setup_failed(CF_FUZZ_PROFILE, &err);
    }
    return p;
}

cf_assessment *fuzz_assessment(void)
{
    static cf_assessment *a;
    if (!a) {
        cf_assessment_list *list = NULL;
        cf_error err;
        if (cf_assessment_list_load_file(&list, fuzz_framework(),
                                         CF_FUZZ_ASSESSMENT, CF_FORMAT_AUTO,
                                         NULL, &err) != CF_OK)
            setup_failed(CF_FUZZ_ASSESSMENT, &err);
        /* Keep the first assessment; the list itself can go. */
        a = cf_assessment_ref(cf_assessment_list_get(list, 0));
        cf_assessment_list_free(list);
        fuzz_assert(a != NULL, "the fixed assessment file holds none");
    }
    return a;
}

void fuzz_variant_init(fuzz_variant *v, const uint8_t *data, size_t size)
{
    /* FNV-1a over the input: cheap, and every bit of it counts. */
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < size; i++)
        h = (h ^ data[i]) * 16777619u;
    cf_score_options score = CF_SCORE_OPTIONS_INIT;
    cf_render_options render = CF_RENDER_OPTIONS_INIT;
    score.missing = (h & 1) ? CF_MISSING_ZERO : CF_MISSING_SKIP;
    render.color = (h >> 1) & 1;
    render.json_flags = ((h >> 2) & 1) ? CF_JSON_PRETTY : 0;
    render.width = 20 + (h >> 3) % 140;
    v->score = score;
    v->render = render;
}

void fuzz_expect(int rc, const char *what, const cf_error *err)
{
    if (rc == CF_OK || rc == CF_ENOMEM)
        return;
    fprintf(stderr, "fuzz: %s failed (%s): %s:%zu:%zu: %s\n", what,
            cf_strerror(rc), err->source, err->line, err->column, err->message);
    abort();
}

void fuzz_assert(int ok, const char *what)
{
    if (ok)
        return;
    fprintf(stderr, "fuzz: %s\n", what);
    abort();
}

/* Asserts that a rendered string ends with a line feed, then frees it. */
void fuzz_check_rendered(int rc, char *text, const char *what,
                         const cf_error *err)
{
    fuzz_expect(rc, what, err);
    if (rc == CF_OK) {
        size_t len = strlen(text);
        fuzz_assert(len > 0 && text[len - 1] == '\n',
                    "a rendered report does not end with a line feed");
    }
    cf_string_free(text);
}

void fuzz_render_scores(const cf_scores *s, const fuzz_variant *v,
                        cf_report_format format)
{
    cf_render_options opts = v->render;
    char *text = NULL;
    cf_error err;
    int rc;
    opts.format = format;
    rc = cf_scores_render(&s, 1, &opts, &text, &err);
    fuzz_check_rendered(rc, text, "cf_scores_render", &err);
}

void fuzz_render_gaps(const cf_gap_report *const *reports, size_t count,
                      const fuzz_variant *v, cf_report_format format)
{
    cf_render_options opts = v->render;
    char *text = NULL;
    cf_error err;
    int rc;
    opts.format = format;
    rc = cf_gap_report_render(reports, count, &opts, &text, &err);
    fuzz_check_rendered(rc, text, "cf_gap_report_render", &err);
}

/* Reads every per-element score, checking the documented ranges. */
static void read_scores(const cf_scores *s, size_t elements)
{
    for (size_t i = 0; i <= elements; i++) {
        double n = cf_scores_normalized(s, i);
        double c = cf_scores_coverage(s, i);
        cf_source src = cf_scores_source(s, i);
        (void)cf_scores_value(s, i);
        fuzz_assert(isnan(n) || (n >= 0 && n <= 1),
                    "a normalised score outside [0, 1]");
        fuzz_assert(i < elements || (isnan(n) && src == CF_SOURCE_UNSCORED),
                    "a score past the last element");
        fuzz_assert(cf_source_name(src) != NULL, "a score with no source");
        (void)c;
    }
}

/* Reads every target, input and priority of a gap report. */
static void read_gap_report(const cf_gap_report *r)
{
    size_t targets = cf_gap_report_target_count(r);
    double fit = cf_gap_report_fit(r);
    fuzz_assert(fit >= 0 && fit <= 1, "a fit outside [0, 1]");
    for (size_t t = 0; t < targets; t++) {
        fuzz_assert(cf_gap_report_element(r, t) != NULL,
                    "a target with no element");
        fuzz_assert(cf_gap_report_explanation(r, t) != NULL,
                    "a target with no explanation");
        fuzz_assert(cf_status_name(cf_gap_report_status(r, t)) != NULL,
                    "a target with no status");
        (void)cf_gap_report_gap_normalized(r, t);
        (void)cf_gap_report_achieved(r, t);
        size_t inputs = cf_gap_report_input_count(r, t);
        for (size_t k = 0; k < inputs; k++) {
            double score, weight, share;
            fuzz_assert(cf_gap_report_input(r, t, k, &score, &weight, &share) !=
                            NULL,
                        "a score input with no element");
        }
    }
    size_t priorities = cf_gap_report_priority_count(r);
    fuzz_assert(priorities <= targets, "more priorities than targets");
    for (size_t k = 0; k < priorities; k++)
        fuzz_assert(cf_gap_report_priority(r, k) < targets,
                    "a priority that is no target");
    fuzz_assert(cf_gap_report_priority(r, priorities) == SIZE_MAX,
                "a priority past the end");
}

void fuzz_analyze(const cf_assessment *a, const cf_profile *p,
                  const fuzz_variant *v)
{
    size_t elements = cf_framework_element_count(cf_assessment_framework(a));
    cf_scores *s = NULL;
    cf_gap_report *r = NULL;
    char *json = NULL;
    cf_error err;
    int rc;

    rc = cf_scores_compute(&s, a, &v->score, &err);
    fuzz_expect(rc, "cf_scores_compute", &err);
    if (rc == CF_OK) {
        read_scores(s, elements);
        rc = cf_scores_to_json(s, v->render.json_flags, &json, &err);
        fuzz_expect(rc, "cf_scores_to_json", &err);
        cf_string_free(json);
        json = NULL;
        fuzz_render_scores(s, v, CF_REPORT_TEXT);
        cf_scores_free(s);
    }

    rc = cf_gap_analyze(&r, a, p, &v->score, &err);
    fuzz_expect(rc, "cf_gap_analyze", &err);
    if (rc == CF_OK) {
        const cf_gap_report *one = r;
        read_gap_report(r);
        rc = cf_gap_report_to_json(r, v->render.json_flags, &json, &err);
        fuzz_expect(rc, "cf_gap_report_to_json", &err);
        cf_string_free(json);
        fuzz_render_gaps(&one, 1, v, CF_REPORT_TEXT);
        fuzz_render_gaps(&one, 1, v, CF_REPORT_JSON);
        cf_gap_report_free(r);
    }
}

/* Whether two levels are the same value, or both unrated. */
static int same_level(double x, double y)
{
    return (isnan(x) && isnan(y)) || x == y;
}

void fuzz_round_trip(const cf_assessment_list *list)
{
    size_t count = cf_assessment_list_count(list);
    const cf_assessment **items;
    cf_assessment_list *again = NULL;
    char *yaml = NULL;
    cf_error err;
    int rc;

    if (count == 0)
        return;
    items = malloc(count * sizeof *items);
    if (!items)
        return;
    for (size_t i = 0; i < count; i++)
        items[i] = cf_assessment_list_get(list, i);
    rc = cf_assessments_to_yaml(items, count, &yaml, &err);
    fuzz_expect(rc, "cf_assessments_to_yaml", &err);
    if (rc == CF_OK) {
        cf_framework *fw = fuzz_framework();
        rc = cf_assessment_list_load_buffer(&again, fw, yaml, strlen(yaml),
                                            "round trip", CF_FORMAT_YAML, NULL,
                                            &err);
        fuzz_expect(rc, "loading the assessments written as YAML", &err);
    }
    if (rc == CF_OK) {
        size_t elements = cf_framework_element_count(fuzz_framework());
        fuzz_assert(cf_assessment_list_count(again) == count,
                    "the YAML written holds another number of assessments");
        for (size_t i = 0; i < count; i++) {
            const cf_assessment *a = items[i];
            const cf_assessment *b = cf_assessment_list_get(again, i);
            fuzz_assert(
                strcmp(cf_assessment_subject(a), cf_assessment_subject(b)) == 0,
                "the YAML written changes a subject");
            for (size_t e = 0; e < elements; e++)
                fuzz_assert(same_level(cf_assessment_level(a, e),
                                       cf_assessment_level(b, e)),
                            "the YAML written changes a rating");
        }
    }
    cf_assessment_list_free(again);
    cf_string_free(yaml);
    free(items);
}

void fuzz_assessments(const uint8_t *data, size_t size, cf_format format)
{
    cf_assessment_list *list = NULL;
    fuzz_variant variant;
    cf_error err;
    if (cf_assessment_list_load_buffer(&list, fuzz_framework(),
                                       (const char *)data, size, "fuzz", format,
                                       NULL, &err) != CF_OK)
        return;
    fuzz_variant_init(&variant, data, size);
    for (size_t i = 0; i < cf_assessment_list_count(list); i++)
        fuzz_analyze(cf_assessment_list_get(list, i), fuzz_profile(), &variant);
    fuzz_round_trip(list);
    cf_assessment_list_free(list);
}
