/*
 * Reports as Markdown for a wiki or an issue: the content of the text
 * reports, with a heading per report, a list of facts, GitHub tables and
 * numbered lists. Every text from the report is escaped.
 */
#include "render.h"

#include <string.h>

static void md(cfi_writer *w, const char *s)
{
    cfi_write_markdown(w, s);
}

static void number(cfi_writer *w, size_t n)
{
    char buf[CFI_NUMBER_TEXT_MAX];
    cfi_format_decimal(buf, sizeof buf, (double)n, 0, 0);
    cfi_write(w, buf);
}

static void percent(cfi_writer *w, double share)
{
    char buf[CFI_NUMBER_TEXT_MAX];
    cfi_format_percent(buf, sizeof buf, share);
    cfi_write(w, buf);
}

static void level(cfi_writer *w, double v)
{
    char buf[CFI_NUMBER_TEXT_MAX];
    cfi_format_decimal(buf, sizeof buf, v, 2, 0);
    md(w, buf);
}

/* A paragraph of prose written by the renderer, then a blank line. */
static void paragraph(cfi_writer *w, const char *s)
{
    md(w, s);
    cfi_write(w, "\n\n");
}

static void profile_name(cfi_writer *w, const cf_profile *p)
{
    const char *title = cf_profile_title(p);
    if (title) {
        md(w, title);
        cfi_write(w, " (");
        md(w, cf_profile_id(p));
        cfi_write(w, ")");
    } else {
        md(w, cf_profile_id(p));
    }
}

static void framework_item(cfi_writer *w, const cf_framework *fw)
{
    const char *title = cf_framework_title(fw);
    const char *id = cf_framework_id(fw);
    cfi_write(w, "- Framework: ");
    md(w, title);
    if (strcmp(title, id) != 0) {
        cfi_write(w, " (");
        md(w, id);
        cfi_write(w, ")");
    }
    if (cf_framework_version(fw)) {
        cfi_write(w, ", version ");
        md(w, cf_framework_version(fw));
    }
    cfi_write(w, "\n");
}

/* "<prefix>asmith (manager) on 2026-11-01<after>\n"; nothing without
 * any of them unless after is given. */
static void rating_item(cfi_writer *w, const char *prefix,
                        const cf_assessment *a, const char *after)
{
    cfi_buf b = {NULL, 0, 0};
    if (w->rc != CF_OK)
        return;
    cfi_writer_fail(w, cfi_describe_rating(w->a, &b, a));
    if (w->rc == CF_OK && (b.len > 0 || after)) {
        cfi_write(w, prefix);
        md(w, b.len > 0 ? b.data : "not recorded");
        md(w, after);
        cfi_write(w, "\n");
    }
    cfi_buf_free(w->a, &b);
}

/* ---- gap reports ------------------------------------------------------- */

static void readiness(cfi_writer *w, const cf_gap_report *r)
{
    size_t n = cf_gap_report_target_count(r), critical = 0, missed = 0;
    for (size_t t = 0; t < n; t++) {
        if (cf_gap_report_critical(r, t)) {
            critical++;
            missed += cf_gap_report_status(r, t) != CF_STATUS_MET;
        }
    }
    cfi_write(w, "- Readiness: ");
    if (cf_gap_report_ready(r)) {
        cfi_write(w, critical ? "**ready** (every critical target is met)\n"
                              : "**ready** (no target is critical)\n");
        return;
    }
    cfi_write(w, missed == 1 ? "**NOT READY** (critical target not met: "
                             : "**NOT READY** (critical targets not met: ");
    const char *sep = "";
    for (size_t t = 0; t < n; t++) {
        if (cf_gap_report_critical(r, t) &&
            cf_gap_report_status(r, t) != CF_STATUS_MET) {
            cfi_write(w, sep);
            md(w, cf_element_id(cf_gap_report_element(r, t)));
            sep = ", ";
        }
    }
    cfi_write(w, ")\n");
}

static void priorities(cfi_writer *w, const cf_gap_report *r)
{
    size_t n = cf_gap_report_priority_count(r);
    cfi_write(w, "### Priorities\n\n");
    if (n == 0) {
        paragraph(w, "None: every target is met.");
        return;
    }
    paragraph(w, "Most important first:");
    for (size_t k = 0; k < n && w->rc == CF_OK; k++) {
        size_t t = cf_gap_report_priority(r, k);
        const cf_element *el = cf_gap_report_element(r, t);
        number(w, k + 1);
        cfi_write(w, ". **");
        md(w, cf_element_id(el));
        cfi_write(w, "** ");
        md(w, cf_element_title(el));
        if (cf_gap_report_status(r, t) == CF_STATUS_UNASSESSED) {
            cfi_write(w, ": not assessed, ");
            level(w, cf_gap_report_required(r, t));
            cfi_write(w, " required");
        } else {
            cfi_write(w, ": ");
            level(w, cf_gap_report_gap(r, t));
            cfi_write(w, " below the required ");
            level(w, cf_gap_report_required(r, t));
        }
        if (cf_gap_report_critical(r, t))
            cfi_write(w, " (critical)");
        cfi_write(w, "\n");
    }
    cfi_write(w, "\n");
}

static void gap_section(cfi_writer *w, const cf_gap_report *r)
{
    const cf_assessment *a = cf_gap_report_assessment(r);
    cfi_table t;

    cfi_write(w, "## Gap report: ");
    md(w, cf_assessment_subject(a));
    cfi_write(w, " against ");
    profile_name(w, cf_gap_report_profile(r));
    cfi_write(w, "\n\n");
    framework_item(w, cf_assessment_framework(a));
    rating_item(w, "- Rating: ", a, NULL);
    cfi_write(w, "- Fit: **");
    percent(w, cf_gap_report_fit(r));
    cfi_write(w, "** (100% when every target is met)\n");
    readiness(w, r);
    cfi_write(w, "\n");

    cfi_table_gap(&t, r);
    if (cfi_table_rows(&t) == 0) {
        paragraph(w, "The profile has no targets.");
        return;
    }
    cfi_table_markdown(w, &t);
    cfi_write(w, "\n");
    paragraph(w, "Gap = required - achieved, in levels. ! = critical: not "
                 "ready while unmet.");
    priorities(w, r);
}

int cfi_render_gap_markdown(const cf_gap_report *const *r, size_t n,
                            const cf_render_options *o, cfi_buf *out,
                            const cf_allocator *a)
{
    cfi_writer w;
    (void)o;
    cfi_writer_init(&w, a, out, 0, 0);
    for (size_t i = 0; i < n && w.rc == CF_OK; i++)
        gap_section(&w, r[i]);
    return cfi_writer_finish(&w);
}

/* ---- scores ---------------------------------------------------------- */

static void scores_section(cfi_writer *w, const cf_scores *s)
{
    const cf_assessment *a = cf_scores_assessment(s);
    const cf_framework *fw = cf_assessment_framework(a);
    cfi_table t;

    cfi_write(w, "## Scores: ");
    md(w, cf_assessment_subject(a));
    cfi_write(w, "\n\n");
    framework_item(w, fw);
    rating_item(w, "- Rating: ", a, NULL);
    cfi_table_scores(&t, s);
    size_t scored = cfi_table_rows(&t);
    cfi_write(w, "- Scored: ");
    number(w, scored);
    cfi_write(w, " of ");
    number(w, cf_framework_element_count(fw));
    cfi_write(w, " elements\n\n");
    if (scored == 0)
        return;
    cfi_table_markdown(w, &t);
    cfi_write(w, "\n");
    paragraph(w, "Score in levels of the element's scale; coverage = share "
                 "of the element's subtree that is scored; rated = rated "
                 "directly, derived = rolled up from its children.");
}

int cfi_render_scores_markdown(const cf_scores *const *s, size_t n,
                               const cf_render_options *o, cfi_buf *out,
                               const cf_allocator *a)
{
    cfi_writer w;
    (void)o;
    cfi_writer_init(&w, a, out, 0, 0);
    for (size_t i = 0; i < n && w.rc == CF_OK; i++)
        scores_section(&w, s[i]);
    return cfi_writer_finish(&w);
}

/* ---- team reports ---------------------------------------------------- */

static const char *const heat_cells[] = {"`##`", "`+.`", "`--`", "`??`"};

static const char *subject_of(const cf_gap_report *g)
{
    return cf_assessment_subject(cf_gap_report_assessment(g));
}

static void heat_map(cfi_writer *w, const cf_team_report *r)
{
    size_t people = cf_team_report_person_count(r);
    size_t targets = cf_team_report_target_count(r);
    cfi_write(w, "### Heat map\n\n| Person |");
    for (size_t t = 0; t < targets; t++) {
        cfi_write(w, " ");
        md(w, cf_element_id(cf_team_report_element(r, t)));
        cfi_write(w, " |");
    }
    cfi_write(w, "\n|---|");
    for (size_t t = 0; t < targets; t++)
        cfi_write(w, ":---:|");
    cfi_write(w, "\n");
    for (size_t i = 0; i < people && w->rc == CF_OK; i++) {
        const cf_gap_report *g = cf_team_report_person(r, i);
        cfi_write(w, "| ");
        md(w, subject_of(g));
        cfi_write(w, " |");
        for (size_t t = 0; t < targets; t++) {
            cfi_write(w, " ");
            cfi_write(w, heat_cells[cfi_heat_of(g, t)]);
            cfi_write(w, " |");
        }
        cfi_write(w, "\n");
    }
    cfi_write(w, "\n`##` met, `+.` short by at most a third of the scale, "
                 "`--` short by more, `??` unassessed.\n\n");
}

static void ranking(cfi_writer *w, const cf_team_report *r)
{
    size_t people = cf_team_report_person_count(r);
    cfi_write(w, "### Ranking\n\nBest fit first:\n\n");
    for (size_t k = 0; k < people && w->rc == CF_OK; k++) {
        const cf_gap_report *g =
            cf_team_report_person(r, cf_team_report_rank(r, k));
        number(w, k + 1);
        cfi_write(w, ". ");
        md(w, subject_of(g));
        cfi_write(w, ": ");
        percent(w, cf_gap_report_fit(g));
        cfi_write(w, cf_gap_report_ready(g) ? ", ready" : ", **NOT READY**");
        size_t unmet = cf_gap_report_priority_count(g);
        if (unmet > 0)
            cfi_write(w, "; to work on: ");
        for (size_t u = 0; u < unmet; u++) {
            const cf_element *el =
                cf_gap_report_element(g, cf_gap_report_priority(g, u));
            cfi_write(w, u > 0 ? ", " : "");
            md(w, cf_element_id(el));
        }
        cfi_write(w, "\n");
    }
}

int cfi_render_team_markdown(const cf_team_report *r,
                             const cf_render_options *o, cfi_buf *out,
                             const cf_allocator *a)
{
    cfi_writer w;
    const cf_profile *p = cf_team_report_profile(r);
    size_t people = cf_team_report_person_count(r), ready = 0;
    cfi_table t;

    (void)o;
    cfi_writer_init(&w, a, out, 0, 0);
    for (size_t i = 0; i < people; i++)
        ready += cf_gap_report_ready(cf_team_report_person(r, i)) != 0;
    cfi_write(&w, "## Team report: ");
    profile_name(&w, p);
    cfi_write(&w, "\n\n");
    framework_item(&w, cf_profile_framework(p));
    cfi_write(&w, "- People: ");
    number(&w, people);
    cfi_write(&w, ", ready: ");
    number(&w, ready);
    cfi_write(&w, "\n\n");

    cfi_table_team(&t, r);
    if (cfi_table_rows(&t) == 0) {
        paragraph(&w, "The profile has no targets.");
    } else {
        cfi_write(&w, "### Targets\n\n");
        cfi_table_markdown(&w, &t);
        cfi_write(&w, "\n");
        paragraph(&w, "Levels on each target's scale. ! = critical. "
                      "Assessed = people with a score; meeting = people who "
                      "meet the target; SPOF = single point of failure (met "
                      "by at most one person).");
        heat_map(&w, r);
    }
    ranking(&w, r);
    return cfi_writer_finish(&w);
}

/* ---- consolidation ----------------------------------------------------- */

int cfi_render_consolidation_markdown(const cf_consolidation *c,
                                      const cf_render_options *o, cfi_buf *out,
                                      const cf_allocator *a)
{
    cfi_writer w;
    const cf_assessment *result = cf_consolidation_assessment(c);
    cfi_table t;

    (void)o;
    cfi_writer_init(&w, a, out, 0, 0);
    cfi_write(&w, "## 360 consolidation: ");
    md(&w, cf_assessment_subject(result));
    cfi_write(&w, "\n\n");
    framework_item(&w, cf_assessment_framework(result));
    cfi_write(&w, "- Raters:\n");
    for (size_t i = 0; i < cf_consolidation_input_count(c) && w.rc == CF_OK;
         i++) {
        double weight = 1;
        const cf_assessment *in = cf_consolidation_input(c, i, &weight);
        char text[CFI_NUMBER_TEXT_MAX + 16];
        char num[CFI_NUMBER_TEXT_MAX];
        cfi_format_decimal(num, sizeof num, weight, 2, 0);
        strcpy(text, ", weight ");
        strcat(text, num);
        rating_item(&w, "  - ", in, text);
    }
    cfi_write(&w, "\n");
    cfi_table_consolidation(&t, c);
    if (cfi_table_rows(&t) == 0) {
        paragraph(&w, "No element is rated.");
        return cfi_writer_finish(&w);
    }
    cfi_table_markdown(&w, &t);
    cfi_write(&w, "\n");
    paragraph(&w, "Level = the raters' weighted mean; others = the weighted "
                  "mean of the raters other than self; spread = highest - "
                  "lowest rating. Blind spot: self above the others by the "
                  "threshold or more; hidden strength: below them by as "
                  "much.");
    return cfi_writer_finish(&w);
}

/* ---- progress -------------------------------------------------------- */

int cfi_render_progress_markdown(const cf_progress_report *r,
                                 const cf_render_options *o, cfi_buf *out,
                                 const cf_allocator *a)
{
    cfi_writer w;
    const cf_assessment *before = cf_progress_report_before_assessment(r);
    const cf_profile *p = cf_progress_report_profile(r);
    cfi_table t;

    (void)o;
    cfi_writer_init(&w, a, out, 0, 0);
    cfi_write(&w, "## Progress: ");
    md(&w, cf_assessment_subject(before));
    cfi_write(&w, "\n\n");
    framework_item(&w, cf_assessment_framework(before));
    rating_item(&w, "- Before: ", before, NULL);
    rating_item(&w, "- After: ", cf_progress_report_after_assessment(r), NULL);
    if (p) {
        cfi_write(&w, "- Fit against ");
        profile_name(&w, p);
        cfi_write(&w, ": ");
        percent(&w, cf_progress_report_fit_before(r));
        cfi_write(&w, " -> ");
        percent(&w, cf_progress_report_fit_after(r));
        cfi_write(&w, "\n");
    }
    cfi_write(&w, "\n");
    cfi_table_progress(&t, r);
    if (cfi_table_rows(&t) == 0) {
        paragraph(&w, "No element is scored before or after.");
        return cfi_writer_finish(&w);
    }
    cfi_table_markdown(&w, &t);
    cfi_write(&w, "\n");
    paragraph(&w, "Scores in levels of the element's scale; change = after - "
                  "before; unscored = no score before or after.");
    return cfi_writer_finish(&w);
}
