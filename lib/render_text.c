/*
 * Reports as text for a terminal: a few header lines, aligned tables that
 * fit the width given, short legends, and lists. Every line is at most
 * o->width characters; status words are coloured when o->color is set.
 */
#include "render.h"

#include <string.h>

/* Widest a name column of a list (subjects, ids) gets before it is cut. */
#define NAME_MAX_COLUMNS 16

/* ---- lines ---------------------------------------------------------- */

static void line(cfi_writer *w, const char *s)
{
    cfi_line_text(w, s);
    cfi_line_wrap(w, 0);
}

/* Prose, wrapped at spaces to fit the width. */
static void wrap(cfi_writer *w, const char *s)
{
    cfi_line_text(w, s);
    cfi_line_wrap(w, 0);
}

/* "Front Desk Lead (desk-lead)", or the id alone without a title. */
static void profile_name(cfi_writer *w, const cf_profile *p)
{
    const char *title = cf_profile_title(p);
    if (title) {
        cfi_line_text(w, title);
        cfi_line_text(w, " (");
        cfi_line_text(w, cf_profile_id(p));
        cfi_line_text(w, ")");
    } else {
        cfi_line_text(w, cf_profile_id(p));
    }
}

static void framework_line(cfi_writer *w, const cf_framework *fw)
{
    const char *title = cf_framework_title(fw);
    const char *id = cf_framework_id(fw);
    cfi_line_text(w, "Framework: ");
    cfi_line_text(w, title);
    if (strcmp(title, id) != 0) {
        cfi_line_text(w, " (");
        cfi_line_text(w, id);
        cfi_line_text(w, ")");
    }
    if (cf_framework_version(fw)) {
        cfi_line_text(w, ", version ");
        cfi_line_text(w, cf_framework_version(fw));
    }
    cfi_line_wrap(w, 2);
}

/* "label asmith (manager) on 2026-11-01"; no line without any of them. */
static void rating_line(cfi_writer *w, const char *label,
                        const cf_assessment *a, const char *after,
                        size_t indent)
{
    cfi_buf b = {NULL, 0, 0};
    if (w->rc != CF_OK)
        return;
    cfi_writer_fail(w, cfi_describe_rating(w->a, &b, a));
    if (w->rc == CF_OK && (b.len > 0 || after)) {
        cfi_line_text(w, label);
        cfi_line_text(w, b.len > 0 ? b.data : "not recorded");
        cfi_line_text(w, after);
        cfi_line_wrap(w, indent);
    }
    cfi_buf_free(w->a, &b);
}

static void number_text(cfi_writer *w, size_t n)
{
    char buf[CFI_NUMBER_TEXT_MAX];
    cfi_format_decimal(buf, sizeof buf, (double)n, 0, 0);
    cfi_line_text(w, buf);
}

static void percent_text(cfi_writer *w, double share)
{
    char buf[CFI_NUMBER_TEXT_MAX];
    cfi_format_percent(buf, sizeof buf, share);
    cfi_line_text(w, buf);
}

static void level_text(cfi_writer *w, double v)
{
    char buf[CFI_NUMBER_TEXT_MAX];
    cfi_format_decimal(buf, sizeof buf, v, 2, 0);
    cfi_line_text(w, buf);
}

static void colored(cfi_writer *w, const char *s, cfi_color color)
{
    cfi_line_color(w, color);
    cfi_line_text(w, s);
    cfi_line_color(w, CFI_COLOR_NONE);
}

/*
 * The columns of a list's name column (subjects, ids) whose widest name
 * takes widest: at most NAME_MAX_COLUMNS, and a third of a narrow width.
 */
static size_t name_column(const cfi_writer *w, size_t widest)
{
    size_t cap = NAME_MAX_COLUMNS;
    if (w->width != 0 && w->width / 3 < cap)
        cap = w->width / 3 > 6 ? w->width / 3 : 6;
    return widest < cap ? widest : cap;
}

static size_t columns_of(const char *s)
{
    return s ? cfi_text_width(s, strlen(s)) : 0;
}

/* ---- gap reports ---------------------------------------------------- */

static void readiness(cfi_writer *w, const cf_gap_report *r)
{
    size_t n = cf_gap_report_target_count(r), critical = 0, missed = 0;
    for (size_t t = 0; t < n; t++) {
        if (cf_gap_report_critical(r, t)) {
            critical++;
            missed += cf_gap_report_status(r, t) != CF_STATUS_MET;
        }
    }
    cfi_line_text(w, "Readiness: ");
    if (cf_gap_report_ready(r)) {
        colored(w, "ready", CFI_COLOR_GREEN);
        cfi_line_text(w, critical ? " (every critical target is met)"
                                  : " (no target is critical)");
    } else {
        colored(w, "NOT READY", CFI_COLOR_RED);
        cfi_line_text(w, missed == 1 ? " (critical target not met: "
                                     : " (critical targets not met: ");
        const char *sep = "";
        for (size_t t = 0; t < n; t++) {
            if (cf_gap_report_critical(r, t) &&
                cf_gap_report_status(r, t) != CF_STATUS_MET) {
                cfi_line_text(w, sep);
                cfi_line_text(w, cf_element_id(cf_gap_report_element(r, t)));
                sep = ", ";
            }
        }
        cfi_line_text(w, ")");
    }
    cfi_line_wrap(w, 2);
}

static void priorities(cfi_writer *w, const cf_gap_report *r)
{
    size_t n = cf_gap_report_priority_count(r), widest = 0;
    if (n == 0) {
        line(w, "Priorities: none, every target is met.");
        return;
    }
    for (size_t k = 0; k < n; k++) {
        const cf_element *el =
            cf_gap_report_element(r, cf_gap_report_priority(r, k));
        size_t cols = columns_of(cf_element_id(el));
        widest = cols > widest ? cols : widest;
    }
    size_t id_columns = name_column(w, widest);
    char rank[CFI_NUMBER_TEXT_MAX];
    size_t rank_columns =
        (cfi_format_decimal(rank, sizeof rank, (double)n, 0, 0), strlen(rank));
    line(w, "Priorities, most important first:");
    for (size_t k = 0; k < n && w->rc == CF_OK; k++) {
        size_t t = cf_gap_report_priority(r, k);
        const cf_element *el = cf_gap_report_element(r, t);
        cfi_format_decimal(rank, sizeof rank, (double)(k + 1), 0, 0);
        cfi_line_spaces(w, 2);
        cfi_line_cell(w, rank, 0, rank_columns, 1, CFI_COLOR_NONE);
        cfi_line_text(w, ". ");
        cfi_line_cell(w, cf_element_id(el), 0, id_columns, 0, CFI_COLOR_NONE);
        cfi_line_text(w, "  ");
        cfi_line_text(w, cf_element_title(el));
        if (cf_gap_report_status(r, t) == CF_STATUS_UNASSESSED) {
            cfi_line_text(w, ": not assessed, ");
            level_text(w, cf_gap_report_required(r, t));
            cfi_line_text(w, " required");
        } else {
            cfi_line_text(w, ": ");
            level_text(w, cf_gap_report_gap(r, t));
            cfi_line_text(w, " below the required ");
            level_text(w, cf_gap_report_required(r, t));
        }
        if (cf_gap_report_critical(r, t))
            cfi_line_text(w, " (critical)");
        cfi_line_wrap(w, 2 + rank_columns + 2 + id_columns + 2);
    }
}

static void gap_section(cfi_writer *w, const cf_gap_report *r)
{
    const cf_assessment *a = cf_gap_report_assessment(r);
    const cf_profile *p = cf_gap_report_profile(r);
    cfi_table t;

    cfi_line_text(w, "Gap report: ");
    cfi_line_text(w, cf_assessment_subject(a));
    cfi_line_text(w, " against ");
    profile_name(w, p);
    cfi_line_wrap(w, 2);
    framework_line(w, cf_assessment_framework(a));
    rating_line(w, "Rating: ", a, NULL, 2);
    cfi_line_text(w, "Fit: ");
    percent_text(w, cf_gap_report_fit(r));
    cfi_line_text(w, " (100% when every target is met)");
    cfi_line_wrap(w, 2);
    readiness(w, r);
    cfi_line_blank(w);

    cfi_table_gap(&t, r);
    if (cfi_table_rows(&t) == 0) {
        line(w, "The profile has no targets.");
        return;
    }
    cfi_table_text(w, &t, 0);
    wrap(w, "Gap = required - achieved, in levels. ! = critical: not ready "
            "while unmet.");
    cfi_line_blank(w);
    priorities(w, r);
}

int cfi_render_gap_text(const cf_gap_report *const *r, size_t n,
                        const cf_render_options *o, cfi_buf *out,
                        const cf_allocator *a)
{
    cfi_writer w;
    cfi_writer_init(&w, a, out, o->width, o->color);
    for (size_t i = 0; i < n && w.rc == CF_OK; i++) {
        if (i > 0)
            cfi_line_blank(&w);
        gap_section(&w, r[i]);
    }
    return cfi_writer_finish(&w);
}

/* ---- scores ------------------------------------------------------------ */

static void scores_section(cfi_writer *w, const cf_scores *s)
{
    const cf_assessment *a = cf_scores_assessment(s);
    const cf_framework *fw = cf_assessment_framework(a);
    cfi_table t;

    cfi_line_text(w, "Scores: ");
    cfi_line_text(w, cf_assessment_subject(a));
    cfi_line_wrap(w, 2);
    framework_line(w, fw);
    rating_line(w, "Rating: ", a, NULL, 2);
    cfi_table_scores(&t, s);
    size_t scored = cfi_table_rows(&t);
    number_text(w, scored);
    cfi_line_text(w, " of ");
    number_text(w, cf_framework_element_count(fw));
    cfi_line_text(w, " elements scored");
    cfi_line_wrap(w, 2);
    if (scored == 0)
        return;
    cfi_line_blank(w);
    cfi_table_text(w, &t, 0);
    wrap(w, "Score in levels of the element's scale; coverage = share of the "
            "element's subtree that is scored; rated = rated directly, "
            "derived = rolled up from its children.");
}

int cfi_render_scores_text(const cf_scores *const *s, size_t n,
                           const cf_render_options *o, cfi_buf *out,
                           const cf_allocator *a)
{
    cfi_writer w;
    cfi_writer_init(&w, a, out, o->width, o->color);
    for (size_t i = 0; i < n && w.rc == CF_OK; i++) {
        if (i > 0)
            cfi_line_blank(&w);
        scores_section(&w, s[i]);
    }
    return cfi_writer_finish(&w);
}

/* ---- team reports ----------------------------------------------------- */

static const char *const heat_symbols[] = {"##", "+.", "--", "??"};
static const cfi_color heat_colors[] = {CFI_COLOR_GREEN, CFI_COLOR_YELLOW,
                                        CFI_COLOR_RED, CFI_COLOR_NONE};

static const char *subject_of(const cf_gap_report *g)
{
    return cf_assessment_subject(cf_gap_report_assessment(g));
}

/*
 * People by targets, one symbol per cell, the targets numbered as in the
 * targets table; split into blocks of targets when they do not fit.
 */
static void heat_map(cfi_writer *w, const cf_team_report *r)
{
    size_t people = cf_team_report_person_count(r);
    size_t targets = cf_team_report_target_count(r);
    size_t widest = 0;
    for (size_t i = 0; i < people; i++) {
        size_t cols = columns_of(subject_of(cf_team_report_person(r, i)));
        widest = cols > widest ? cols : widest;
    }
    size_t label = name_column(w, widest < 6 ? 6 : widest);
    char number[CFI_NUMBER_TEXT_MAX];
    cfi_format_decimal(number, sizeof number, (double)targets, 0, 0);
    size_t cell = strlen(number) > 2 ? strlen(number) : 2;
    size_t per_block = targets;
    if (w->width != 0) {
        size_t room = w->width > label ? w->width - label : 0;
        per_block = room / (cell + 1);
        if (per_block == 0)
            per_block = 1;
    }

    line(w, "Heat map: people by targets (numbered as above)");
    for (size_t first = 0; first < targets && w->rc == CF_OK;
         first += per_block) {
        size_t last = first + per_block < targets ? first + per_block : targets;
        if (first > 0)
            cfi_line_blank(w);
        cfi_line_cell(w, "Person", 0, label, 0, CFI_COLOR_NONE);
        for (size_t t = first; t < last; t++) {
            cfi_format_decimal(number, sizeof number, (double)(t + 1), 0, 0);
            cfi_line_spaces(w, 1);
            cfi_line_cell(w, number, 0, cell, 1, CFI_COLOR_NONE);
        }
        cfi_line_end(w);
        for (size_t i = 0; i < people && w->rc == CF_OK; i++) {
            const cf_gap_report *g = cf_team_report_person(r, i);
            cfi_line_cell(w, subject_of(g), 0, label, 0, CFI_COLOR_NONE);
            for (size_t t = first; t < last; t++) {
                cfi_heat h = cfi_heat_of(g, t);
                cfi_line_spaces(w, 1);
                cfi_line_cell(w, heat_symbols[h], 0, cell, 1, heat_colors[h]);
            }
            cfi_line_end(w);
        }
    }
    wrap(w,
         "Legend: ## met, +. short by at most a third of the scale, -- short "
         "by more, ?? unassessed.");
}

static void ranking(cfi_writer *w, const cf_team_report *r)
{
    size_t people = cf_team_report_person_count(r), widest = 0;
    for (size_t i = 0; i < people; i++) {
        size_t cols = columns_of(subject_of(cf_team_report_person(r, i)));
        widest = cols > widest ? cols : widest;
    }
    size_t label = name_column(w, widest);
    char rank[CFI_NUMBER_TEXT_MAX];
    cfi_format_decimal(rank, sizeof rank, (double)people, 0, 0);
    size_t rank_columns = strlen(rank);

    line(w, "Ranking, best fit first:");
    for (size_t k = 0; k < people && w->rc == CF_OK; k++) {
        const cf_gap_report *g =
            cf_team_report_person(r, cf_team_report_rank(r, k));
        char fit[CFI_NUMBER_TEXT_MAX];
        cfi_format_decimal(rank, sizeof rank, (double)(k + 1), 0, 0);
        cfi_format_percent(fit, sizeof fit, cf_gap_report_fit(g));
        cfi_line_spaces(w, 2);
        cfi_line_cell(w, rank, 0, rank_columns, 1, CFI_COLOR_NONE);
        cfi_line_text(w, ". ");
        cfi_line_cell(w, subject_of(g), 0, label, 0, CFI_COLOR_NONE);
        cfi_line_spaces(w, 2);
        cfi_line_cell(w, fit, 0, 4, 1, CFI_COLOR_NONE);
        cfi_line_spaces(w, 2);
        if (cf_gap_report_ready(g))
            cfi_line_cell(w, "ready", 0, 9, 0, CFI_COLOR_GREEN);
        else
            cfi_line_cell(w, "NOT READY", 0, 9, 0, CFI_COLOR_RED);
        size_t unmet = cf_gap_report_priority_count(g);
        if (unmet > 0)
            cfi_line_text(w, "  to work on: ");
        for (size_t u = 0; u < unmet; u++) {
            const cf_element *el =
                cf_gap_report_element(g, cf_gap_report_priority(g, u));
            cfi_line_text(w, u > 0 ? ", " : "");
            cfi_line_text(w, cf_element_id(el));
        }
        cfi_line_wrap(w, 2 + rank_columns + 2 + label + 2);
    }
}

int cfi_render_team_text(const cf_team_report *r, const cf_render_options *o,
                         cfi_buf *out, const cf_allocator *a)
{
    cfi_writer w;
    const cf_profile *p = cf_team_report_profile(r);
    size_t people = cf_team_report_person_count(r), ready = 0;
    cfi_table t;

    cfi_writer_init(&w, a, out, o->width, o->color);
    for (size_t i = 0; i < people; i++)
        ready += cf_gap_report_ready(cf_team_report_person(r, i)) != 0;
    cfi_line_text(&w, "Team report: ");
    profile_name(&w, p);
    cfi_line_wrap(&w, 2);
    framework_line(&w, cf_profile_framework(p));
    cfi_line_text(&w, "People: ");
    number_text(&w, people);
    cfi_line_text(&w, ", ready: ");
    number_text(&w, ready);
    cfi_line_wrap(&w, 2);
    cfi_line_blank(&w);

    cfi_table_team(&t, r);
    if (cfi_table_rows(&t) == 0) {
        line(&w, "The profile has no targets.");
    } else {
        line(&w, "Targets:");
        cfi_table_text(&w, &t, 0);
        wrap(&w,
             "Levels on each target's scale. ! = critical. Assessed = people "
             "with a score; meeting = people who meet the target; SPOF = "
             "single point of failure (met by at most one person).");
        cfi_line_blank(&w);
        heat_map(&w, r);
    }
    cfi_line_blank(&w);
    ranking(&w, r);
    return cfi_writer_finish(&w);
}

/* ---- consolidation ----------------------------------------------------- */

int cfi_render_consolidation_text(const cf_consolidation *c,
                                  const cf_render_options *o, cfi_buf *out,
                                  const cf_allocator *a)
{
    cfi_writer w;
    const cf_assessment *result = cf_consolidation_assessment(c);
    cfi_table t;

    cfi_writer_init(&w, a, out, o->width, o->color);
    cfi_line_text(&w, "360 consolidation: ");
    cfi_line_text(&w, cf_assessment_subject(result));
    cfi_line_wrap(&w, 2);
    framework_line(&w, cf_assessment_framework(result));
    line(&w, "Raters:");
    for (size_t i = 0; i < cf_consolidation_input_count(c) && w.rc == CF_OK;
         i++) {
        double weight = 1;
        const cf_assessment *in = cf_consolidation_input(c, i, &weight);
        char text[CFI_NUMBER_TEXT_MAX + 16];
        char number[CFI_NUMBER_TEXT_MAX];
        cfi_format_decimal(number, sizeof number, weight, 2, 0);
        strcpy(text, ", weight ");
        strcat(text, number);
        cfi_line_spaces(&w, 2);
        rating_line(&w, "", in, text, 4);
    }
    cfi_line_blank(&w);
    cfi_table_consolidation(&t, c);
    if (cfi_table_rows(&t) == 0) {
        line(&w, "No element is rated.");
        return cfi_writer_finish(&w);
    }
    cfi_table_text(&w, &t, 0);
    wrap(&w, "Level = the raters' weighted mean; others = the weighted mean of "
             "the raters other than self; spread = highest - lowest rating. "
             "Blind spot: self above the others by the threshold or more; "
             "hidden strength: below them by as much.");
    return cfi_writer_finish(&w);
}

/* ---- progress ---------------------------------------------------------- */

int cfi_render_progress_text(const cf_progress_report *r,
                             const cf_render_options *o, cfi_buf *out,
                             const cf_allocator *a)
{
    cfi_writer w;
    const cf_assessment *before = cf_progress_report_before_assessment(r);
    const cf_profile *p = cf_progress_report_profile(r);
    cfi_table t;

    cfi_writer_init(&w, a, out, o->width, o->color);
    cfi_line_text(&w, "Progress: ");
    cfi_line_text(&w, cf_assessment_subject(before));
    cfi_line_wrap(&w, 2);
    framework_line(&w, cf_assessment_framework(before));
    rating_line(&w, "Before: ", before, NULL, 2);
    rating_line(&w, "After: ", cf_progress_report_after_assessment(r), NULL, 2);
    if (p) {
        cfi_line_text(&w, "Fit against ");
        profile_name(&w, p);
        cfi_line_text(&w, ": ");
        percent_text(&w, cf_progress_report_fit_before(r));
        cfi_line_text(&w, " -> ");
        percent_text(&w, cf_progress_report_fit_after(r));
        cfi_line_wrap(&w, 2);
    }
    cfi_line_blank(&w);
    cfi_table_progress(&t, r);
    if (cfi_table_rows(&t) == 0) {
        line(&w, "No element is scored before or after.");
        return cfi_writer_finish(&w);
    }
    cfi_table_text(&w, &t, 0);
    wrap(&w,
         "Scores in levels of the element's scale; change = after - before; "
         "unscored = no score before or after.");
    return cfi_writer_finish(&w);
}
