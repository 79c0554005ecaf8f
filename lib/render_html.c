/*
 * The HTML report writers: each report is one self-contained page (inline
 * CSS and SVG, nothing fetched, no script) that reads well on screen and
 * on paper. Charts come from svg.c; every number a chart shows is also in
 * a table, and every status has a word or a symbol besides its colour.
 */
#include "render.h"
#include "svg.h"

#include <math.h>
#include <string.h>

/* ---- the page ------------------------------------------------------------ */

/* The style sheet: system fonts, no external resource of any kind. */
static const char style[] =
    ":root{color-scheme:light}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0 auto;max-width:74rem;padding:1.5rem;color:#1f2937;"
    "background:#fff;font:15px/1.45 system-ui,-apple-system,\"Segoe UI\","
    "Roboto,\"Helvetica Neue\",Arial,\"Noto Sans\",\"Liberation Sans\","
    "\"DejaVu Sans\",sans-serif}\n"
    "header{border-bottom:3px solid #2563eb;padding-bottom:.75rem;"
    "margin-bottom:1rem}\n"
    "h1{font-size:1.75rem;line-height:1.2;margin:0 0 .35rem}\n"
    "h2{font-size:1.3rem;margin:2rem 0 .75rem;padding-bottom:.25rem;"
    "border-bottom:1px solid #e5e7eb}\n"
    "h3{font-size:1.05rem;margin:1.5rem 0 .5rem}\n"
    "p{margin:.35rem 0}\n"
    ".meta{color:#4b5563}\n"
    ".tiles{display:flex;flex-wrap:wrap;gap:.75rem;list-style:none;"
    "margin:1rem 0;padding:0}\n"
    ".tiles li{border:1px solid #e5e7eb;border-radius:8px;"
    "padding:.5rem .9rem;min-width:9rem;background:#f9fafb}\n"
    ".tiles .k{display:block;font-size:.72rem;text-transform:uppercase;"
    "letter-spacing:.05em;color:#6b7280}\n"
    ".tiles .v{font-size:1.35rem;font-weight:600}\n"
    ".good{color:#166534}\n"
    ".bad{color:#b91c1c}\n"
    ".charts{display:flex;flex-wrap:wrap;gap:1rem 2.5rem;"
    "align-items:flex-start}\n"
    "figure{margin:0 0 1rem;max-width:100%}\n"
    "figcaption{font-size:.85rem;color:#4b5563;max-width:31rem;"
    "margin-bottom:.5rem}\n"
    "figcaption strong{color:#1f2937}\n"
    "svg.chart{display:block;max-width:100%;height:auto;font-size:12px}\n"
    "svg .label{fill:#1f2937;font-size:12px}\n"
    "svg .tick{fill:#6b7280;font-size:10px;paint-order:stroke;"
    "stroke:#fff;stroke-width:3px;stroke-linejoin:round}\n"
    "svg .value,svg .legend{fill:#374151;font-size:11px}\n"
    "svg .heat-text{fill:#111827;font-size:11px;pointer-events:none}\n"
    "svg .warn{font-size:11px;font-weight:600}\n"
    "table{border-collapse:collapse;width:100%;margin:.5rem 0 1.25rem;"
    "font-size:.9rem}\n"
    "th,td{padding:.4rem .6rem;border-bottom:1px solid #e5e7eb;"
    "text-align:left;vertical-align:top}\n"
    "thead th{background:#f3f4f6;border-bottom:2px solid #d1d5db;"
    "font-weight:600}\n"
    ".num{text-align:right;font-variant-numeric:tabular-nums;"
    "white-space:nowrap}\n"
    ".id{font-family:ui-monospace,Menlo,Consolas,\"DejaVu Sans Mono\","
    "monospace;font-size:.88em;white-space:nowrap}\n"
    ".lvl{color:#6b7280;font-size:.85em}\n"
    ".name{white-space:nowrap}\n"
    ".why{color:#4b5563;font-size:.85em}\n"
    ".status{font-weight:600;white-space:nowrap}\n"
    ".status.met,.status.improved{color:#166534}\n"
    ".status.unmet,.status.declined{color:#b91c1c}\n"
    ".status.unassessed,.status.unchanged,.status.unscored{color:#6b7280}\n"
    ".tag{display:inline-block;margin-left:.35rem;padding:0 .35rem;"
    "border-radius:4px;font-size:.75em;font-weight:600;white-space:nowrap;"
    "background:#fee2e2;color:#991b1b}\n"
    ".meter{display:inline-block;width:5rem;height:.6rem;margin-right:.4rem;"
    "vertical-align:middle;background:#e5e7eb;border-radius:3px;"
    "overflow:hidden}\n"
    ".meter span{display:block;height:100%;background:#2563eb}\n"
    ".none{color:#4b5563;font-style:italic}\n"
    "a{color:#1d4ed8}\n"
    "footer{margin-top:2.5rem;padding-top:.75rem;border-top:1px solid "
    "#e5e7eb;color:#6b7280;font-size:.8rem}\n"
    "@media print{\n"
    "html,body,*{-webkit-print-color-adjust:exact;"
    "print-color-adjust:exact}\n"
    "body{max-width:none;padding:0;font-size:10pt}\n"
    "section.subject+section.subject{break-before:page}\n"
    "figure,tr,.tiles li{break-inside:avoid}\n"
    "h2,h3{break-after:avoid}\n"
    "thead{display:table-header-group}\n"
    "a{color:inherit;text-decoration:none}\n"
    "}\n";

#define CHECK "\xE2\x9C\x93"
#define CROSS "\xE2\x9C\x97"
#define DOT " \xC2\xB7 "

/* The start of the page up to <main>; title is raw text, escaped here. */
static void page_begin(cfi_writer *w, const char *kind, const char *title)
{
    cfi_html_put(w,
                 "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                 "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
                 "content=\"width=device-width, initial-scale=1\">\n"
                 "<meta name=\"generator\" content=\"libcompetency\">\n"
                 "<title>%s: %e</title>\n<style>\n%s</style>\n</head>\n"
                 "<body>\n<header>\n<h1>%s: %e</h1>\n",
                 kind, title, style, kind, title);
}

static void page_end(cfi_writer *w)
{
    cfi_write(w, "</main>\n<footer>Written by libcompetency. Levels are "
                 "given in each element's own scale; percentages are "
                 "shares of that scale (its lowest level 0%, its highest "
                 "100%).</footer>\n</body>\n</html>\n");
}

/* "Framework Title (id, version V)" as a line of the header. */
static void put_framework(cfi_writer *w, const cf_framework *fw)
{
    cfi_html_put(w,
                 "Framework <strong>%e</strong> (<span class=\"id\">%e</span>",
                 cf_framework_title(fw), cf_framework_id(fw));
    if (cf_framework_version(fw))
        cfi_html_put(w, ", version %e", cf_framework_version(fw));
    cfi_write(w, ")");
}

static void put_profile(cfi_writer *w, const cf_profile *p)
{
    cfi_html_put(w,
                 "Profile <strong>%e</strong> (<span class=\"id\">%e</span>)",
                 cf_profile_title(p) ? cf_profile_title(p) : cf_profile_id(p),
                 cf_profile_id(p));
}

/*
 * "Rated by asmith (manager) on 2026-11-01", the parts given; without
 * any, "Rater and date not given".
 */
static void put_rating(cfi_writer *w, const cf_assessment *a)
{
    const char *rater = cf_assessment_rater(a);
    const char *role = cf_assessment_role(a);
    const char *date = cf_assessment_date(a);
    if (!rater && !role && !date) {
        cfi_write(w, "Rater and date not given");
        return;
    }
    cfi_write(w, "Rated");
    if (rater)
        cfi_html_put(w, " by %e", rater);
    if (role)
        cfi_html_put(w, rater ? " (%e)" : " as %e", role);
    if (date)
        cfi_html_put(w, " on %e", date);
}

/* The name a profile is shown by: its title, else its id. */
static const char *profile_name(const cf_profile *p)
{
    return cf_profile_title(p) ? cf_profile_title(p) : cf_profile_id(p);
}

static void tiles_begin(cfi_writer *w)
{
    cfi_write(w, "<ul class=\"tiles\">\n");
}

static void tile_begin(cfi_writer *w, const char *key)
{
    cfi_html_put(w, "<li><span class=\"k\">%s</span><span class=\"v\">", key);
}

static void tile_end(cfi_writer *w)
{
    cfi_write(w, "</span></li>\n");
}

static void tiles_end(cfi_writer *w)
{
    cfi_write(w, "</ul>\n");
}

/* A tile of "k of n". */
static void tile_count(cfi_writer *w, const char *key, size_t k, size_t n)
{
    tile_begin(w, key);
    cfi_html_put(w, "%z of %z", k, n);
    tile_end(w);
}

static void tile_ready(cfi_writer *w, int ready)
{
    tile_begin(w, "Ready");
    cfi_write(w, ready ? "<span class=\"good\">" CHECK " ready</span>"
                       : "<span class=\"bad\">" CROSS " not ready</span>");
    tile_end(w);
}

/*
 * A level of el's scale in a table cell: the number, and the level's
 * label when the value is one; an en dash for NaN.
 */
static void put_level(cfi_writer *w, const cf_element *el, double v)
{
    cfi_html_put(w, "%n", v);
    if (isnan(v))
        return;
    const cf_level *level = cf_scale_find_value(cf_element_scale(el), v);
    if (level)
        cfi_html_put(w, " <span class=\"lvl\">%e</span>",
                     cf_level_label(level));
}

/* A number cell with a sign for changes: "+1", "-0.5", "0". */
static void put_signed(cfi_writer *w, double v)
{
    cfi_html_put(w, v > 0 ? "+%n" : "%n", v);
}

/*
 * The first cells of an element's row: id (indented by depth when indent
 * is set) and title, tagged when critical.
 */
static void element_cells(cfi_writer *w, const cf_element *el, int indent,
                          int critical)
{
    size_t depth = indent ? cf_element_depth(el) : 0;
    if (depth > 8)
        depth = 8;
    if (depth)
        cfi_html_put(w, "<td style=\"padding-left:%zem\">", depth + 1);
    else
        cfi_write(w, "<td>");
    cfi_html_put(w, "<span class=\"id\">%e</span></td><td>%e",
                 cf_element_id(el), cf_element_title(el));
    if (critical)
        cfi_write(w, "<span class=\"tag\">! critical</span>");
    cfi_write(w, "</td>");
}

/*
 * A figure: its caption first (a bold title, then what the chart shows),
 * then the chart or the words the caller writes; figure_end closes it.
 * Both texts are markup written by this file.
 */
static void figure_begin(cfi_writer *w, const char *kind, const char *title,
                         const char *explanation)
{
    cfi_html_put(w,
                 "<figure class=\"figure-%s\">\n<figcaption><strong>%s"
                 "</strong> %s</figcaption>\n",
                 kind, title, explanation);
}

static void figure_end(cfi_writer *w)
{
    cfi_write(w, "</figure>\n");
}

/* ---- gap reports --------------------------------------------------------- */

static const char *status_symbol(cf_status status)
{
    switch (status) {
    case CF_STATUS_MET:
        return CHECK;
    case CF_STATUS_UNMET:
        return CROSS;
    default:
        return "?";
    }
}

static void put_status(cfi_writer *w, cf_status status)
{
    cfi_html_put(w, "<span class=\"status %s\">%s %s</span>",
                 cf_status_name(status), status_symbol(status),
                 status == CF_STATUS_UNASSESSED ? "not assessed"
                                                : cf_status_name(status));
}

/* How many targets of r have this status. */
static size_t count_status(const cf_gap_report *r, cf_status status)
{
    size_t n = 0;
    for (size_t t = 0; t < cf_gap_report_target_count(r); t++)
        n += cf_gap_report_status(r, t) == status;
    return n;
}

static size_t count_critical_unmet(const cf_gap_report *r)
{
    size_t n = 0;
    for (size_t t = 0; t < cf_gap_report_target_count(r); t++)
        n += cf_gap_report_critical(r, t) &&
             cf_gap_report_status(r, t) != CF_STATUS_MET;
    return n;
}

static void gap_targets_table(cfi_writer *w, const cf_gap_report *r)
{
    cfi_write(w, "<table class=\"targets\">\n<thead><tr><th>Target</th>"
                 "<th>Title</th><th class=\"num\">Required</th>"
                 "<th class=\"num\">Achieved</th><th class=\"num\">Gap</th>"
                 "<th class=\"num\">Importance</th><th>Status</th>"
                 "<th>How the score came about</th></tr></thead>\n<tbody>\n");
    for (size_t t = 0; t < cf_gap_report_target_count(r); t++) {
        const cf_element *el = cf_gap_report_element(r, t);
        cfi_write(w, "<tr>");
        element_cells(w, el, 0, cf_gap_report_critical(r, t));
        cfi_write(w, "<td class=\"num\">");
        put_level(w, el, cf_gap_report_required(r, t));
        cfi_write(w, "</td><td class=\"num\">");
        put_level(w, el, cf_gap_report_achieved(r, t));
        cfi_write(w, "</td><td class=\"num\">");
        cfi_html_put(w, "%n", cf_gap_report_gap(r, t));
        cfi_html_put(w, "</td><td class=\"num\">%n</td><td>",
                     cf_gap_report_importance(r, t));
        put_status(w, cf_gap_report_status(r, t));
        cfi_html_put(w, "</td><td class=\"why\">%e</td></tr>\n",
                     cf_gap_report_explanation(r, t));
    }
    cfi_write(w, "</tbody>\n</table>\n");
}

/* The subjects of a multi-subject page: a row each, linked to its part. */
static void gap_index(cfi_writer *w, const cf_gap_report *const *r, size_t n)
{
    cfi_write(w, "<nav class=\"index\" aria-label=\"Subjects\">\n"
                 "<h2>Subjects</h2>\n<table>\n<thead><tr><th>Subject</th>"
                 "<th class=\"num\">Fit</th><th>Ready</th>"
                 "<th class=\"num\">Targets met</th><th>First priority</th>"
                 "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        size_t first = cf_gap_report_priority(r[i], 0);
        cfi_html_put(
            w,
            "<tr><td class=\"name\"><a href=\"#subject-%z\">%e</a></td>"
            "<td class=\"num\">%p</td><td>%s</td>"
            "<td class=\"num\">%z of %z</td><td>",
            i + 1, cf_assessment_subject(cf_gap_report_assessment(r[i])),
            cf_gap_report_fit(r[i]),
            cf_gap_report_ready(r[i])
                ? "<span class=\"status met\">" CHECK " ready</span>"
                : "<span class=\"status unmet\">" CROSS " not ready</span>",
            count_status(r[i], CF_STATUS_MET),
            cf_gap_report_target_count(r[i]));
        if (first != SIZE_MAX) {
            const cf_element *el = cf_gap_report_element(r[i], first);
            cfi_html_put(w, "<span class=\"id\">%e</span> %e",
                         cf_element_id(el), cf_element_title(el));
        } else {
            cfi_write(w, "none");
        }
        cfi_write(w, "</td></tr>\n");
    }
    cfi_write(w, "</tbody>\n</table>\n</nav>\n");
}

static void gap_section(cfi_writer *w, const cf_gap_report *r, size_t i)
{
    const cf_assessment *a = cf_gap_report_assessment(r);
    size_t targets = cf_gap_report_target_count(r);
    cfi_html_put(w,
                 "<section class=\"subject\" id=\"subject-%z\">\n"
                 "<h2>%e</h2>\n<p class=\"meta\">",
                 i + 1, cf_assessment_subject(a));
    put_rating(w, a);
    cfi_write(w, "</p>\n");
    tiles_begin(w);
    tile_begin(w, "Fit");
    cfi_html_put(w, "%p", cf_gap_report_fit(r));
    tile_end(w);
    tile_ready(w, cf_gap_report_ready(r));
    tile_count(w, "Targets met", count_status(r, CF_STATUS_MET), targets);
    tile_begin(w, "Critical not met");
    cfi_html_put(w, "%z", count_critical_unmet(r));
    tile_end(w);
    tile_begin(w, "Not assessed");
    cfi_html_put(w, "%z", count_status(r, CF_STATUS_UNASSESSED));
    tile_end(w);
    tiles_end(w);

    if (targets > 0) {
        cfi_write(w, "<div class=\"charts\">\n");
        figure_begin(w, "radar", "Targets.",
                     targets < 3
                         ? "Achieved (blue) against required (grey) level "
                           "per target, as a share of each target's scale."
                         : "Achieved level (blue area) against required "
                           "level (dashed line) per target, as a share of "
                           "each target's scale; rings at 25, 50, 75 and "
                           "100%. " CROSS " marks a target not met.");
        cfi_svg_radar(w, r);
        figure_end(w);
        figure_begin(w, "gaps", "Priorities.",
                     "The targets not met, most important first: "
                     "importance \xC3\x97 gap as a share of the scale (a "
                     "target not assessed counts its whole required "
                     "level).");
        if (cf_gap_report_priority_count(r) > 0)
            cfi_svg_gap_bars(w, r);
        else
            cfi_write(w, "<p class=\"none\">" CHECK
                         " Every target is met: nothing to prioritise.</p>\n");
        figure_end(w);
        cfi_write(w, "</div>\n<h3>Targets</h3>\n");
        gap_targets_table(w, r);
    } else {
        cfi_write(w, "<p class=\"none\">The profile has no targets.</p>\n");
    }
    cfi_write(w, "</section>\n");
}

int cfi_render_gap_html(const cf_gap_report *const *r, size_t n,
                        const cf_render_options *o, cfi_buf *out,
                        const cf_allocator *a)
{
    (void)o;
    cfi_writer w;
    cfi_writer_init(&w, a, out, 0, 0);
    const cf_profile *p = cf_gap_report_profile(r[0]);
    page_begin(&w, "Gap report", profile_name(p));
    cfi_write(&w, "<p class=\"meta\">");
    put_profile(&w, p);
    cfi_write(&w, DOT);
    put_framework(&w, cf_profile_framework(p));
    cfi_html_put(&w, DOT "%z %s</p>\n</header>\n<main>\n", n,
                 n == 1 ? "subject" : "subjects");
    if (n > 1)
        gap_index(&w, r, n);
    for (size_t i = 0; i < n; i++)
        gap_section(&w, r[i], i);
    page_end(&w);
    return cfi_writer_finish(&w);
}

/* ---- team reports -------------------------------------------------------- */

static void team_ranking(cfi_writer *w, const cf_team_report *r)
{
    cfi_write(w, "<table class=\"ranking\">\n<thead><tr>"
                 "<th class=\"num\">Rank</th><th>Person</th>"
                 "<th class=\"num\">Fit</th><th>Ready</th>"
                 "<th class=\"num\">Met</th><th class=\"num\">Not met</th>"
                 "<th class=\"num\">Not assessed</th><th>First priority</th>"
                 "</tr></thead>\n<tbody>\n");
    for (size_t k = 0; k < cf_team_report_person_count(r); k++) {
        const cf_gap_report *g =
            cf_team_report_person(r, cf_team_report_rank(r, k));
        size_t first = cf_gap_report_priority(g, 0);
        cfi_html_put(
            w,
            "<tr><td class=\"num\">%z</td><td>%e</td>"
            "<td class=\"num\">%p</td><td>%s</td>"
            "<td class=\"num\">%z</td><td class=\"num\">%z</td>"
            "<td class=\"num\">%z</td><td>",
            k + 1, cf_assessment_subject(cf_gap_report_assessment(g)),
            cf_gap_report_fit(g),
            cf_gap_report_ready(g)
                ? "<span class=\"status met\">" CHECK " ready</span>"
                : "<span class=\"status unmet\">" CROSS " not ready</span>",
            count_status(g, CF_STATUS_MET), count_status(g, CF_STATUS_UNMET),
            count_status(g, CF_STATUS_UNASSESSED));
        if (first != SIZE_MAX)
            cfi_html_put(w, "<span class=\"id\">%e</span>",
                         cf_element_id(cf_gap_report_element(g, first)));
        else
            cfi_write(w, "none");
        cfi_write(w, "</td></tr>\n");
    }
    cfi_write(w, "</tbody>\n</table>\n");
}

static void team_targets(cfi_writer *w, const cf_team_report *r)
{
    const cf_profile *p = cf_team_report_profile(r);
    cfi_write(w, "<table class=\"bench\">\n<thead><tr><th>Target</th>"
                 "<th>Title</th><th class=\"num\">Required</th>"
                 "<th class=\"num\">Assessed</th><th class=\"num\">Mean</th>"
                 "<th class=\"num\">Min</th><th class=\"num\">Max</th>"
                 "<th class=\"num\">Meeting</th><th>Single point of "
                 "failure</th></tr></thead>\n<tbody>\n");
    for (size_t t = 0; t < cf_team_report_target_count(r); t++) {
        const cf_element *el = cf_team_report_element(r, t);
        cfi_write(w, "<tr>");
        element_cells(w, el, 0, cf_profile_target_critical(p, t));
        cfi_write(w, "<td class=\"num\">");
        put_level(w, el, cf_profile_target_level(p, t));
        cfi_html_put(
            w,
            "</td><td class=\"num\">%z</td><td class=\"num\">%n</td>"
            "<td class=\"num\">%n</td><td class=\"num\">%n</td>"
            "<td class=\"num\">%z of %z</td><td>%s</td></tr>\n",
            cf_team_report_assessed(r, t), cf_team_report_mean(r, t),
            cf_team_report_min(r, t), cf_team_report_max(r, t),
            cf_team_report_meeting(r, t), cf_team_report_person_count(r),
            cf_team_report_single_point(r, t)
                ? "<span class=\"status unmet\">\xE2\x9A\xA0 yes</span>"
                : "no");
    }
    cfi_write(w, "</tbody>\n</table>\n");
}

int cfi_render_team_html(const cf_team_report *r, const cf_render_options *o,
                         cfi_buf *out, const cf_allocator *a)
{
    (void)o;
    cfi_writer w;
    cfi_writer_init(&w, a, out, 0, 0);
    const cf_profile *p = cf_team_report_profile(r);
    size_t np = cf_team_report_person_count(r);
    size_t nt = cf_team_report_target_count(r);
    page_begin(&w, "Team report", profile_name(p));
    cfi_write(&w, "<p class=\"meta\">");
    put_profile(&w, p);
    cfi_write(&w, DOT);
    put_framework(&w, cf_profile_framework(p));
    cfi_write(&w, "</p>\n</header>\n<main>\n");

    size_t ready = 0, spof = 0;
    for (size_t i = 0; i < np; i++)
        ready += cf_gap_report_ready(cf_team_report_person(r, i)) != 0;
    for (size_t t = 0; t < nt; t++)
        spof += cf_team_report_single_point(r, t) != 0;
    tiles_begin(&w);
    tile_begin(&w, "People");
    cfi_html_put(&w, "%z", np);
    tile_end(&w);
    tile_count(&w, "Ready", ready, np);
    tile_begin(&w, "Targets");
    cfi_html_put(&w, "%z", nt);
    tile_end(&w);
    tile_begin(&w, "Single points of failure");
    cfi_html_put(&w, spof ? "<span class=\"bad\">%z</span>" : "%z", spof);
    tile_end(&w);
    tiles_end(&w);

    if (nt == 0) {
        cfi_write(&w, "<p class=\"none\">The profile has no targets.</p>\n");
    } else {
        cfi_write(&w, "<section class=\"heat\">\n<h2>Heat map</h2>\n");
        figure_begin(&w, "heat-map", "Gaps by person and target.",
                     "People best fit first. Green " CHECK ": met; amber "
                     "\xE2\x88\x92: a small gap; red " CROSS ": a large gap; "
                     "grey ?: not assessed; ! marks a critical target. A cell "
                     "shows the level achieved; the tables below give the "
                     "numbers.");
        cfi_svg_heat_map(&w, r);
        figure_end(&w);
        cfi_write(&w, "</section>\n<section class=\"bench\">\n"
                      "<h2>Bench strength</h2>\n");
        figure_begin(&w, "bench", "People meeting each target.",
                     "A target that at most one person meets is a single "
                     "point of failure (red, \xE2\x9A\xA0).");
        cfi_svg_bench(&w, r);
        figure_end(&w);
        team_targets(&w, r);
        cfi_write(&w, "</section>\n");
    }
    cfi_write(&w, "<section class=\"ranking\">\n<h2>Ranking</h2>\n");
    team_ranking(&w, r);
    cfi_write(&w, "</section>\n");
    page_end(&w);
    return cfi_writer_finish(&w);
}

/* ---- scores -------------------------------------------------------------- */

static void scores_section(cfi_writer *w, const cf_scores *s, size_t i)
{
    const cf_assessment *a = cf_scores_assessment(s);
    const cf_framework *fw = cf_assessment_framework(a);
    size_t scored = 0, count = cf_framework_element_count(fw);
    for (size_t e = 0; e < count; e++)
        scored += cf_scores_source(s, e) != CF_SOURCE_UNSCORED;
    cfi_html_put(w,
                 "<section class=\"subject\" id=\"subject-%z\">\n"
                 "<h2>%e</h2>\n<p class=\"meta\">",
                 i + 1, cf_assessment_subject(a));
    put_rating(w, a);
    cfi_write(w, "</p>\n");
    tiles_begin(w);
    tile_count(w, "Elements scored", scored, count);
    tile_begin(w, "Rated directly");
    cfi_html_put(w, "%z", cf_assessment_rated_count(a));
    tile_end(w);
    tiles_end(w);
    cfi_write(w, "<table class=\"scores\">\n<thead><tr><th>Element</th>"
                 "<th>Title</th><th class=\"num\">Score</th>"
                 "<th>Share of scale</th><th class=\"num\">Coverage</th>"
                 "<th>Source</th></tr></thead>\n<tbody>\n");
    for (size_t e = 0; e < count; e++) {
        const cf_element *el = cf_framework_element(fw, e);
        cf_source source = cf_scores_source(s, e);
        double norm = cf_scores_normalized(s, e);
        cfi_write(w, "<tr>");
        element_cells(w, el, 1, 0);
        cfi_write(w, "<td class=\"num\">");
        put_level(w, el, cf_scores_value(s, e));
        cfi_write(w, "</td><td class=\"num\">");
        if (source != CF_SOURCE_UNSCORED) {
            double width = norm > 1 ? 100 : norm > 0 ? norm * 100 : 0;
            cfi_html_put(w,
                         "<span class=\"meter\"><span style=\"width:%n%%\">"
                         "</span></span>",
                         width);
        }
        cfi_html_put(w, "%p</td><td class=\"num\">%p</td><td>%s</td></tr>\n",
                     norm, cf_scores_coverage(s, e), cf_source_name(source));
    }
    cfi_write(w, "</tbody>\n</table>\n</section>\n");
}

int cfi_render_scores_html(const cf_scores *const *s, size_t n,
                           const cf_render_options *o, cfi_buf *out,
                           const cf_allocator *a)
{
    (void)o;
    cfi_writer w;
    cfi_writer_init(&w, a, out, 0, 0);
    const cf_framework *fw =
        cf_assessment_framework(cf_scores_assessment(s[0]));
    page_begin(&w, "Scores", cf_framework_title(fw));
    cfi_write(&w, "<p class=\"meta\">");
    put_framework(&w, fw);
    cfi_html_put(&w, DOT "%z %s</p>\n</header>\n<main>\n", n,
                 n == 1 ? "subject" : "subjects");
    if (n > 1) {
        cfi_write(&w, "<nav class=\"index\" aria-label=\"Subjects\">\n"
                      "<h2>Subjects</h2>\n<ul>\n");
        for (size_t i = 0; i < n; i++)
            cfi_html_put(&w, "<li><a href=\"#subject-%z\">%e</a></li>\n", i + 1,
                         cf_assessment_subject(cf_scores_assessment(s[i])));
        cfi_write(&w, "</ul>\n</nav>\n");
    }
    for (size_t i = 0; i < n; i++)
        scores_section(&w, s[i], i);
    page_end(&w);
    return cfi_writer_finish(&w);
}

/* ---- consolidation ------------------------------------------------------- */

static const char *flag_words(cf_flag flag)
{
    switch (flag) {
    case CF_FLAG_BLIND_SPOT:
        return "<span class=\"status unmet\">\xE2\x96\xB2 blind spot</span>";
    case CF_FLAG_HIDDEN_STRENGTH:
        return "<span class=\"status met\">\xE2\x96\xBC hidden "
               "strength</span>";
    default:
        return "";
    }
}

int cfi_render_consolidation_html(const cf_consolidation *c,
                                  const cf_render_options *o, cfi_buf *out,
                                  const cf_allocator *a)
{
    (void)o;
    cfi_writer w;
    cfi_writer_init(&w, a, out, 0, 0);
    const cf_assessment *result = cf_consolidation_assessment(c);
    const cf_framework *fw = cf_assessment_framework(result);
    size_t count = cf_framework_element_count(fw);
    size_t inputs = cf_consolidation_input_count(c);
    page_begin(&w, "360 consolidation", cf_assessment_subject(result));
    cfi_write(&w, "<p class=\"meta\">");
    put_framework(&w, fw);
    cfi_write(&w, "</p>\n</header>\n<main>\n");

    size_t rated = 0, blind = 0, hidden = 0;
    for (size_t e = 0; e < count; e++) {
        rated += cf_consolidation_raters(c, e) > 0;
        blind += cf_consolidation_flag(c, e) == CF_FLAG_BLIND_SPOT;
        hidden += cf_consolidation_flag(c, e) == CF_FLAG_HIDDEN_STRENGTH;
    }
    tiles_begin(&w);
    tile_begin(&w, "Assessments");
    cfi_html_put(&w, "%z", inputs);
    tile_end(&w);
    tile_count(&w, "Elements rated", rated, count);
    tile_begin(&w, "Blind spots");
    cfi_html_put(&w, "%z", blind);
    tile_end(&w);
    tile_begin(&w, "Hidden strengths");
    cfi_html_put(&w, "%z", hidden);
    tile_end(&w);
    tiles_end(&w);

    cfi_write(&w, "<h2>Raters</h2>\n<table class=\"raters\">\n<thead><tr>"
                  "<th class=\"num\">#</th><th>Rater</th><th>Role</th>"
                  "<th>Date</th><th class=\"num\">Weight</th>"
                  "<th class=\"num\">Ratings</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < inputs; i++) {
        double weight = NAN;
        const cf_assessment *in = cf_consolidation_input(c, i, &weight);
        cfi_html_put(&w,
                     "<tr><td class=\"num\">%z</td><td>%e</td><td>%e</td>"
                     "<td>%e</td><td class=\"num\">%n</td>"
                     "<td class=\"num\">%z</td></tr>\n",
                     i + 1, cf_assessment_rater(in), cf_assessment_role(in),
                     cf_assessment_date(in), weight,
                     cf_assessment_rated_count(in));
    }
    cfi_write(&w, "</tbody>\n</table>\n");

    cfi_write(&w, "<h2>Consolidated ratings</h2>\n<p class=\"meta\">The "
                  "consolidated level is the role-weighted mean of the "
                  "raters. A blind spot (\xE2\x96\xB2) is a self rating above "
                  "the others' by the threshold or more; a hidden strength "
                  "(\xE2\x96\xBC) one below them.</p>\n"
                  "<table class=\"consolidation\">\n<thead><tr>"
                  "<th>Element</th><th>Title</th><th class=\"num\">Level</th>"
                  "<th class=\"num\">Raters</th><th class=\"num\">Self</th>"
                  "<th class=\"num\">Others</th>"
                  "<th class=\"num\">Self \xE2\x88\x92 others</th>"
                  "<th class=\"num\">Spread</th><th>Flag</th></tr></thead>\n"
                  "<tbody>\n");
    for (size_t e = 0; e < count; e++) {
        if (cf_consolidation_raters(c, e) == 0)
            continue;
        const cf_element *el = cf_framework_element(fw, e);
        cfi_write(&w, "<tr>");
        element_cells(&w, el, 1, 0);
        cfi_write(&w, "<td class=\"num\">");
        put_level(&w, el, cf_assessment_level(result, e));
        cfi_html_put(&w,
                     "</td><td class=\"num\">%z</td><td class=\"num\">%n</td>"
                     "<td class=\"num\">%n</td><td class=\"num\">",
                     cf_consolidation_raters(c, e), cf_consolidation_self(c, e),
                     cf_consolidation_others(c, e));
        put_signed(&w, cf_consolidation_self_minus_others(c, e));
        cfi_html_put(&w, "</td><td class=\"num\">%n</td><td>%s</td></tr>\n",
                     cf_consolidation_spread(c, e),
                     flag_words(cf_consolidation_flag(c, e)));
    }
    cfi_write(&w, "</tbody>\n</table>\n");
    page_end(&w);
    return cfi_writer_finish(&w);
}

/* ---- progress ------------------------------------------------------------ */

static const char *trend_symbol(cf_trend trend)
{
    switch (trend) {
    case CF_TREND_IMPROVED:
        return "\xE2\x96\xB2";
    case CF_TREND_DECLINED:
        return "\xE2\x96\xBC";
    case CF_TREND_UNCHANGED:
        return "=";
    default:
        return "?";
    }
}

/* One side of the comparison: "2025-11-01, rated by ...", as a tile. */
static void progress_tile(cfi_writer *w, const char *key,
                          const cf_assessment *a, double fit, int with_fit)
{
    tile_begin(w, key);
    cfi_html_put(w, "%e",
                 cf_assessment_date(a) ? cf_assessment_date(a) : "undated");
    if (with_fit)
        cfi_html_put(w, DOT "fit %p", fit);
    tile_end(w);
}

int cfi_render_progress_html(const cf_progress_report *r,
                             const cf_render_options *o, cfi_buf *out,
                             const cf_allocator *a)
{
    (void)o;
    cfi_writer w;
    cfi_writer_init(&w, a, out, 0, 0);
    const cf_assessment *before = cf_progress_report_before_assessment(r);
    const cf_assessment *after = cf_progress_report_after_assessment(r);
    const cf_profile *p = cf_progress_report_profile(r);
    const cf_framework *fw = cf_assessment_framework(after);
    size_t count = cf_framework_element_count(fw);
    page_begin(&w, "Progress", cf_assessment_subject(after));
    cfi_write(&w, "<p class=\"meta\">");
    put_framework(&w, fw);
    if (p) {
        cfi_write(&w, DOT);
        put_profile(&w, p);
    }
    cfi_write(&w, "</p>\n<p class=\"meta\">Before: ");
    put_rating(&w, before);
    cfi_write(&w, DOT "After: ");
    put_rating(&w, after);
    cfi_write(&w, "</p>\n</header>\n<main>\n");

    size_t trends[4] = {0, 0, 0, 0};
    for (size_t e = 0; e < count; e++) {
        cf_trend t = cf_progress_report_trend(r, e);
        if ((unsigned)t < 4)
            trends[t]++;
    }
    tiles_begin(&w);
    progress_tile(&w, "Before", before, cf_progress_report_fit_before(r),
                  p != NULL);
    progress_tile(&w, "After", after, cf_progress_report_fit_after(r),
                  p != NULL);
    tile_begin(&w, "Improved");
    cfi_html_put(&w, "<span class=\"good\">\xE2\x96\xB2 %z</span>",
                 trends[CF_TREND_IMPROVED]);
    tile_end(&w);
    tile_begin(&w, "Declined");
    cfi_html_put(&w, "<span class=\"bad\">\xE2\x96\xBC %z</span>",
                 trends[CF_TREND_DECLINED]);
    tile_end(&w);
    tile_begin(&w, "Unchanged");
    cfi_html_put(&w, "%z", trends[CF_TREND_UNCHANGED]);
    tile_end(&w);
    tiles_end(&w);

    cfi_write(&w, "<h2>Changes</h2>\n");
    figure_begin(&w, "changes", "Changed scores.",
                 "Each element whose score changed, as a share of its "
                 "scale: right (green, \xE2\x96\xB2) improved, left (red, "
                 "\xE2\x96\xBC) declined.");
    if (cfi_svg_change_count(r) > 0)
        cfi_svg_change_bars(&w, r);
    else
        cfi_write(&w, "<p class=\"none\">No score changed.</p>\n");
    figure_end(&w);

    cfi_write(&w, "<h2>Elements</h2>\n<table class=\"progress\">\n<thead><tr>"
                  "<th>Element</th><th>Title</th><th class=\"num\">Before</th>"
                  "<th class=\"num\">After</th><th class=\"num\">Change</th>"
                  "<th>Trend</th></tr></thead>\n<tbody>\n");
    for (size_t e = 0; e < count; e++) {
        double b = cf_progress_report_before(r, e);
        double f = cf_progress_report_after(r, e);
        if (isnan(b) && isnan(f))
            continue;
        const cf_element *el = cf_framework_element(fw, e);
        cf_trend trend = cf_progress_report_trend(r, e);
        cfi_write(&w, "<tr>");
        element_cells(&w, el, 1, 0);
        cfi_write(&w, "<td class=\"num\">");
        put_level(&w, el, b);
        cfi_write(&w, "</td><td class=\"num\">");
        put_level(&w, el, f);
        cfi_write(&w, "</td><td class=\"num\">");
        put_signed(&w, cf_progress_report_change(r, e));
        cfi_html_put(&w,
                     "</td><td><span class=\"status %s\">%s %s</span>"
                     "</td></tr>\n",
                     cf_trend_name(trend), trend_symbol(trend),
                     cf_trend_name(trend));
    }
    cfi_write(&w, "</tbody>\n</table>\n");
    page_end(&w);
    return cfi_writer_finish(&w);
}
