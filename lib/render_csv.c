/*
 * Reports as CSV for spreadsheets (RFC 4180): one header row, then one row
 * per (subject, target) for gap reports, per (person, target) for team
 * reports, per element for scores, consolidations and progress. Lines end
 * with CR LF; fields are quoted only when they must be. Numbers are in
 * full precision (they read back to the same double); a missing value
 * (NaN, or a text not given) is an empty field; booleans are true/false.
 */
#include "render.h"

#include <math.h>
#include <string.h>

/* One row being written: fields are separated by commas. */
typedef struct row {
    cfi_writer *w;
    int fields;
} row;

static void row_start(row *r, cfi_writer *w)
{
    r->w = w;
    r->fields = 0;
}

static void row_end(row *r)
{
    cfi_write(r->w, "\r\n");
}

static void text(row *r, const char *s)
{
    if (r->fields++ > 0)
        cfi_write(r->w, ",");
    cfi_write_csv(r->w, s);
}

static void real(row *r, double v)
{
    char buf[CFI_NUMBER_TEXT_MAX];
    cfi_format_exact(buf, sizeof buf, v);
    text(r, buf);
}

static void count(row *r, size_t n)
{
    real(r, (double)n);
}

static void boolean(row *r, int b)
{
    text(r, b ? "true" : "false");
}

/* A header row from a NULL-terminated list of names. */
static void header(cfi_writer *w, const char *const *names)
{
    row r;
    row_start(&r, w);
    for (size_t i = 0; names[i]; i++)
        text(&r, names[i]);
    row_end(&r);
}

static const char *element_id(const cf_element *el)
{
    return el ? cf_element_id(el) : NULL;
}

static const char *element_title(const cf_element *el)
{
    return el ? cf_element_title(el) : NULL;
}

/* The 1-based rank of target t among r's priorities, 0 when it is met. */
static size_t priority_rank(const cf_gap_report *r, size_t t)
{
    for (size_t k = 0; k < cf_gap_report_priority_count(r); k++)
        if (cf_gap_report_priority(r, k) == t)
            return k + 1;
    return 0;
}

/* ---- gap reports ----------------------------------------------------- */

static const char *const gap_header[] = {"subject",
                                         "rater",
                                         "role",
                                         "date",
                                         "profile",
                                         "fit",
                                         "ready",
                                         "element",
                                         "title",
                                         "status",
                                         "required",
                                         "achieved",
                                         "gap",
                                         "required_normalized",
                                         "achieved_normalized",
                                         "gap_normalized",
                                         "importance",
                                         "critical",
                                         "priority",
                                         NULL};

int cfi_render_gap_csv(const cf_gap_report *const *reports, size_t n,
                       const cf_render_options *o, cfi_buf *out,
                       const cf_allocator *a)
{
    cfi_writer w;
    (void)o;
    cfi_writer_init(&w, a, out, 0, 0);
    header(&w, gap_header);
    for (size_t i = 0; i < n && w.rc == CF_OK; i++) {
        const cf_gap_report *g = reports[i];
        const cf_assessment *as = cf_gap_report_assessment(g);
        for (size_t t = 0; t < cf_gap_report_target_count(g) && w.rc == CF_OK;
             t++) {
            const cf_element *el = cf_gap_report_element(g, t);
            size_t rank = priority_rank(g, t);
            row r;
            row_start(&r, &w);
            text(&r, cf_assessment_subject(as));
            text(&r, cf_assessment_rater(as));
            text(&r, cf_assessment_role(as));
            text(&r, cf_assessment_date(as));
            text(&r, cf_profile_id(cf_gap_report_profile(g)));
            real(&r, cf_gap_report_fit(g));
            boolean(&r, cf_gap_report_ready(g));
            text(&r, element_id(el));
            text(&r, element_title(el));
            text(&r, cf_status_name(cf_gap_report_status(g, t)));
            real(&r, cf_gap_report_required(g, t));
            real(&r, cf_gap_report_achieved(g, t));
            real(&r, cf_gap_report_gap(g, t));
            real(&r, cf_gap_report_required_normalized(g, t));
            real(&r, cf_gap_report_achieved_normalized(g, t));
            real(&r, cf_gap_report_gap_normalized(g, t));
            real(&r, cf_gap_report_importance(g, t));
            boolean(&r, cf_gap_report_critical(g, t));
            if (rank > 0)
                count(&r, rank);
            else
                text(&r, NULL);
            row_end(&r);
        }
    }
    return cfi_writer_finish(&w);
}

/* ---- scores ------------------------------------------------------------ */

static const char *const scores_header[] = {
    "subject", "rater", "role",       "date",   "element",  "title",
    "parent",  "score", "normalized", "source", "coverage", NULL};

int cfi_render_scores_csv(const cf_scores *const *s, size_t n,
                          const cf_render_options *o, cfi_buf *out,
                          const cf_allocator *a)
{
    cfi_writer w;
    (void)o;
    cfi_writer_init(&w, a, out, 0, 0);
    header(&w, scores_header);
    for (size_t i = 0; i < n && w.rc == CF_OK; i++) {
        const cf_assessment *as = cf_scores_assessment(s[i]);
        const cf_framework *fw = cf_assessment_framework(as);
        for (size_t e = 0; e < cf_framework_element_count(fw) && w.rc == CF_OK;
             e++) {
            cf_source source = cf_scores_source(s[i], e);
            const cf_element *el = cf_framework_element(fw, e);
            if (source == CF_SOURCE_UNSCORED)
                continue;
            row r;
            row_start(&r, &w);
            text(&r, cf_assessment_subject(as));
            text(&r, cf_assessment_rater(as));
            text(&r, cf_assessment_role(as));
            text(&r, cf_assessment_date(as));
            text(&r, element_id(el));
            text(&r, element_title(el));
            text(&r, element_id(cf_element_parent(el)));
            real(&r, cf_scores_value(s[i], e));
            real(&r, cf_scores_normalized(s[i], e));
            text(&r, cf_source_name(source));
            real(&r, cf_scores_coverage(s[i], e));
            row_end(&r);
        }
    }
    return cfi_writer_finish(&w);
}

/* ---- team reports ------------------------------------------------------ */

static const char *const team_header[] = {"subject",
                                          "rank",
                                          "fit",
                                          "ready",
                                          "element",
                                          "title",
                                          "status",
                                          "required",
                                          "achieved",
                                          "gap",
                                          "gap_normalized",
                                          "importance",
                                          "critical",
                                          "team_mean",
                                          "team_meeting",
                                          "single_point_of_failure",
                                          NULL};

int cfi_render_team_csv(const cf_team_report *r, const cf_render_options *o,
                        cfi_buf *out, const cf_allocator *a)
{
    cfi_writer w;
    size_t people = cf_team_report_person_count(r);
    (void)o;
    cfi_writer_init(&w, a, out, 0, 0);
    header(&w, team_header);
    for (size_t i = 0; i < people && w.rc == CF_OK; i++) {
        const cf_gap_report *g = cf_team_report_person(r, i);
        size_t rank = 0;
        for (size_t k = 0; k < people; k++)
            if (cf_team_report_rank(r, k) == i)
                rank = k + 1;
        for (size_t t = 0; t < cf_team_report_target_count(r) && w.rc == CF_OK;
             t++) {
            const cf_element *el = cf_team_report_element(r, t);
            row rw;
            row_start(&rw, &w);
            text(&rw, cf_assessment_subject(cf_gap_report_assessment(g)));
            count(&rw, rank);
            real(&rw, cf_gap_report_fit(g));
            boolean(&rw, cf_gap_report_ready(g));
            text(&rw, element_id(el));
            text(&rw, element_title(el));
            text(&rw, cf_status_name(cf_gap_report_status(g, t)));
            real(&rw, cf_gap_report_required(g, t));
            real(&rw, cf_gap_report_achieved(g, t));
            real(&rw, cf_gap_report_gap(g, t));
            real(&rw, cf_gap_report_gap_normalized(g, t));
            real(&rw, cf_gap_report_importance(g, t));
            boolean(&rw, cf_gap_report_critical(g, t));
            real(&rw, cf_team_report_mean(r, t));
            count(&rw, cf_team_report_meeting(r, t));
            boolean(&rw, cf_team_report_single_point(r, t));
            row_end(&rw);
        }
    }
    return cfi_writer_finish(&w);
}

/* ---- consolidation ----------------------------------------------------- */

static const char *const consolidation_header[] = {
    "subject", "element", "title",
    "level",   "raters",  "spread",
    "self",    "others",  "self_minus_others",
    "flag",    NULL};

int cfi_render_consolidation_csv(const cf_consolidation *c,
                                 const cf_render_options *o, cfi_buf *out,
                                 const cf_allocator *a)
{
    cfi_writer w;
    const cf_assessment *as = cf_consolidation_assessment(c);
    const cf_framework *fw = cf_assessment_framework(as);
    (void)o;
    cfi_writer_init(&w, a, out, 0, 0);
    header(&w, consolidation_header);
    for (size_t e = 0; e < cf_framework_element_count(fw) && w.rc == CF_OK;
         e++) {
        size_t raters = cf_consolidation_raters(c, e);
        const cf_element *el = cf_framework_element(fw, e);
        if (raters == 0)
            continue;
        row r;
        row_start(&r, &w);
        text(&r, cf_assessment_subject(as));
        text(&r, element_id(el));
        text(&r, element_title(el));
        real(&r, cf_assessment_level(as, e));
        count(&r, raters);
        real(&r, cf_consolidation_spread(c, e));
        real(&r, cf_consolidation_self(c, e));
        real(&r, cf_consolidation_others(c, e));
        real(&r, cf_consolidation_self_minus_others(c, e));
        text(&r, cf_flag_name(cf_consolidation_flag(c, e)));
        row_end(&r);
    }
    return cfi_writer_finish(&w);
}

/* ---- progress -------------------------------------------------------- */

static const char *const progress_header[] = {
    "subject", "profile", "fit_before", "fit_after", "element", "title",
    "before",  "after",   "change",     "trend",     NULL};

int cfi_render_progress_csv(const cf_progress_report *r,
                            const cf_render_options *o, cfi_buf *out,
                            const cf_allocator *a)
{
    cfi_writer w;
    const cf_assessment *before = cf_progress_report_before_assessment(r);
    const cf_framework *fw = cf_assessment_framework(before);
    const cf_profile *p = cf_progress_report_profile(r);
    (void)o;
    cfi_writer_init(&w, a, out, 0, 0);
    header(&w, progress_header);
    for (size_t e = 0; e < cf_framework_element_count(fw) && w.rc == CF_OK;
         e++) {
        double b = cf_progress_report_before(r, e);
        double after = cf_progress_report_after(r, e);
        const cf_element *el = cf_framework_element(fw, e);
        if (isnan(b) && isnan(after))
            continue;
        row rw;
        row_start(&rw, &w);
        text(&rw, cf_assessment_subject(before));
        text(&rw, p ? cf_profile_id(p) : NULL);
        real(&rw, cf_progress_report_fit_before(r));
        real(&rw, cf_progress_report_fit_after(r));
        text(&rw, element_id(el));
        text(&rw, element_title(el));
        real(&rw, b);
        real(&rw, after);
        real(&rw, cf_progress_report_change(r, e));
        text(&rw, cf_trend_name(cf_progress_report_trend(r, e)));
        row_end(&rw);
    }
    return cfi_writer_finish(&w);
}
