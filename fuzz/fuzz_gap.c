/*
 * Fuzz target: everything after loading. The input is a set of assessments
 * of the SOLS framework, as YAML or else as CSV. Each is scored and
 * gap-analysed against the branch manager profile; then all of them go
 * through the analyses that take several: the gap reports rendered as one
 * document, a team report of one assessment per subject, the 360
 * consolidation of the first subject's assessments and the progress
 * between its first two; each rendered in every format.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "competency.h"
#include "fuzz.h"
#include "pipeline.h"

static const cf_report_format formats[] = {CF_REPORT_TEXT, CF_REPORT_JSON,
                                           CF_REPORT_CSV, CF_REPORT_MARKDOWN,
                                           CF_REPORT_HTML};
#define FORMAT_COUNT (sizeof formats / sizeof formats[0])

/* The gap report of every assessment, rendered together. */
static void gap_reports(const cf_assessment *const *items, size_t count,
                        const fuzz_variant *v)
{
    cf_gap_report **reports = calloc(count, sizeof *reports);
    size_t made = 0;
    cf_error err;
    if (!reports)
        return;
    for (; made < count; made++) {
        int rc = cf_gap_analyze(&reports[made], items[made], fuzz_profile(),
                                &v->score, &err);
        fuzz_expect(rc, "cf_gap_analyze", &err);
        if (rc != CF_OK)
            break;
    }
    if (made == count)
        for (size_t f = 0; f < FORMAT_COUNT; f++)
            fuzz_render_gaps((const cf_gap_report *const *)reports, count, v,
                             formats[f]);
    for (size_t i = 0; i < made; i++)
        cf_gap_report_free(reports[i]);
    free(reports);
}

/* Whether the subject of items[i] first appears at i. */
static int first_of_subject(const cf_assessment *const *items, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (strcmp(cf_assessment_subject(items[j]),
                   cf_assessment_subject(items[i])) == 0)
            return 0;
    return 1;
}

/* A team report of the first assessment of each subject. */
static void team(const cf_assessment *const *items, size_t count,
                 const fuzz_variant *v)
{
    const cf_assessment **people = calloc(count, sizeof *people);
    size_t n = 0;
    cf_team_report *r = NULL;
    cf_error err;
    int rc;
    if (!people)
        return;
    for (size_t i = 0; i < count; i++)
        if (first_of_subject(items, i))
            people[n++] = items[i];
    rc = cf_team_analyze(&r, people, n, fuzz_profile(), &v->score, &err);
    fuzz_expect(rc, "cf_team_analyze", &err);
    if (rc == CF_OK) {
        size_t ranked = 0;
        while (cf_team_report_rank(r, ranked) != SIZE_MAX)
            ranked++;
        fuzz_assert(ranked == n, "a team ranking without every person");
        for (size_t f = 0; f < FORMAT_COUNT; f++) {
            cf_render_options opts = v->render;
            char *text = NULL;
            opts.format = formats[f];
            rc = cf_team_report_render(r, &opts, &text, &err);
            fuzz_check_rendered(rc, text, "cf_team_report_render", &err);
        }
        cf_team_report_free(r);
    }
    free(people);
}

/*
 * The consolidation of the assessments of the first subject, and the
 * progress from its first assessment to its second.
 */
static void one_subject(const cf_assessment *const *items, size_t count,
                        const fuzz_variant *v)
{
    const cf_assessment **same = calloc(count, sizeof *same);
    const char *subject = cf_assessment_subject(items[0]);
    size_t n = 0;
    cf_consolidation *c = NULL;
    cf_progress_report *pr = NULL;
    cf_error err;
    int rc;
    if (!same)
        return;
    /* A consolidation takes at most one self rating (a second is an input
     * error, CF_EINVALID): keep the first. */
    int have_self = 0;
    for (size_t i = 0; i < count; i++) {
        const char *role = cf_assessment_role(items[i]);
        int self = role && strcmp(role, "self") == 0;
        if (strcmp(cf_assessment_subject(items[i]), subject) != 0 ||
            (self && have_self))
            continue;
        have_self |= self;
        same[n++] = items[i];
    }
    rc = cf_consolidate(&c, same, n, NULL, &err);
    fuzz_expect(rc, "cf_consolidate", &err);
    if (rc == CF_OK) {
        for (size_t f = 0; f < FORMAT_COUNT; f++) {
            cf_render_options opts = v->render;
            char *text = NULL;
            opts.format = formats[f];
            rc = cf_consolidation_render(c, &opts, &text, &err);
            fuzz_check_rendered(rc, text, "cf_consolidation_render", &err);
        }
        fuzz_analyze(cf_consolidation_assessment(c), fuzz_profile(), v);
        cf_consolidation_free(c);
    }
    if (n < 2) {
        free(same);
        return;
    }
    rc = cf_progress_analyze(&pr, same[0], same[1], fuzz_profile(), &v->score,
                             &err);
    fuzz_expect(rc, "cf_progress_analyze", &err);
    if (rc == CF_OK) {
        for (size_t f = 0; f < FORMAT_COUNT; f++) {
            cf_render_options opts = v->render;
            char *text = NULL;
            opts.format = formats[f];
            rc = cf_progress_report_render(pr, &opts, &text, &err);
            fuzz_check_rendered(rc, text, "cf_progress_report_render", &err);
        }
        cf_progress_report_free(pr);
    }
    free(same);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cf_assessment_list *list = NULL;
    const cf_assessment **items;
    fuzz_variant variant;
    size_t count;
    cf_error err;
    if (cf_assessment_list_load_buffer(&list, fuzz_framework(),
                                       (const char *)data, size, "fuzz",
                                       CF_FORMAT_YAML, NULL, &err) != CF_OK &&
        cf_assessment_list_load_buffer(&list, fuzz_framework(),
                                       (const char *)data, size, "fuzz",
                                       CF_FORMAT_CSV, NULL, &err) != CF_OK)
        return 0;
    count = cf_assessment_list_count(list);
    items = calloc(count ? count : 1, sizeof *items);
    if (count > 0 && items) {
        fuzz_variant_init(&variant, data, size);
        for (size_t i = 0; i < count; i++) {
            items[i] = cf_assessment_list_get(list, i);
            fuzz_analyze(items[i], fuzz_profile(), &variant);
        }
        gap_reports(items, count, &variant);
        team(items, count, &variant);
        one_subject(items, count, &variant);
    }
    free(items);
    cf_assessment_list_free(list);
    return 0;
}
