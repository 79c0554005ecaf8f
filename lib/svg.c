/*
 * The HTML writer's primitives and the inline SVG charts (svg.h).
 *
 * Coordinates are written with at most 2 decimals through integer
 * arithmetic, so the output is the same in every locale and on every run.
 * No chart refers to anything outside itself: no ids, no url(), no
 * xmlns (the HTML parser puts <svg> in the SVG namespace).
 */
#include "svg.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---- the writer ---------------------------------------------------------- */

/* An en dash: what a number that is not there looks like. */
#define DASH "\xE2\x80\x93"

/* Writes the n bytes at s as HTML text (s is valid UTF-8). */
static void text_span(cfi_writer *w, const char *s, size_t n)
{
    /* At most 4 bytes per character of the longest label cut. */
    char part[4 * CFI_HTML_SHORT_MAX + 1];
    if (n >= sizeof part)
        n = sizeof part - 1;
    memcpy(part, s, n);
    part[n] = '\0';
    cfi_write_html(w, part);
}

void cfi_html_short(cfi_writer *w, const char *s, size_t max, int middle)
{
    if (s == NULL || w->rc != CF_OK)
        return;
    size_t len = strlen(s);
    if (max > CFI_HTML_SHORT_MAX)
        max = CFI_HTML_SHORT_MAX;
    if (max < 3 || !cfi_utf8_valid(s) || cfi_text_width(s, len) <= max) {
        cfi_write_html(w, s);
        return;
    }
    size_t head = middle ? (max - 1) / 2 : max - 1;
    size_t tail = max - 1 - head;
    size_t head_bytes = cfi_text_fit(s, len, head);
    text_span(w, s, head_bytes);
    cfi_write(w, "\xE2\x80\xA6");
    if (tail > 0) {
        size_t skip = cfi_text_width(s, len) - tail;
        size_t from = cfi_text_fit(s, len, skip);
        text_span(w, s + from, len - from);
    }
}

void cfi_html_put(cfi_writer *w, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *p = fmt;
    while (*p && w->rc == CF_OK) {
        const char *q = strchr(p, '%');
        if (q == NULL) {
            cfi_write(w, p);
            break;
        }
        cfi_write_n(w, p, (size_t)(q - p));
        char num[CFI_NUMBER_TEXT_MAX];
        double v;
        switch (q[1]) {
        case 's':
            cfi_write(w, va_arg(ap, const char *));
            break;
        case 'e':
            cfi_write_html(w, va_arg(ap, const char *));
            break;
        case 'n':
        case 'p':
            v = va_arg(ap, double);
            if (isnan(v))
                cfi_write(w, DASH);
            else if (q[1] == 'n')
                cfi_format_decimal(num, sizeof num, v, 2, 0);
            else
                cfi_format_percent(num, sizeof num, v);
            if (!isnan(v))
                cfi_write(w, num);
            break;
        case 'z':
            snprintf(num, sizeof num, "%zu", va_arg(ap, size_t));
            cfi_write(w, num);
            break;
        case 'd':
            snprintf(num, sizeof num, "%d", va_arg(ap, int));
            cfi_write(w, num);
            break;
        case '%':
            cfi_write(w, "%");
            break;
        default: /* not a directive: written as it is */
            cfi_write_n(w, q, q[1] ? 2 : 1);
            break;
        }
        p = q[1] ? q + 2 : q + 1;
    }
    va_end(ap);
}

/* ---- shared by the charts ------------------------------------------------ */

/* Colours. The heat map's fills keep dark text above 4.5:1 contrast. */
#define C_ACHIEVED "#2563eb"
#define C_REQUIRED "#374151"
#define C_GRID "#d1d5db"
#define C_AXIS "#9ca3af"
#define C_TEXT "#1f2937"
#define C_MET "#86d29a"
#define C_SMALL "#f8c95b"
#define C_LARGE "#ee8a8a"
#define C_NONE "#d5d8de"
#define C_CRITICAL "#dc2626"
#define C_GAP "#f59e0b"
#define C_UNASSESSED "#9ca3af"
#define C_IMPROVED "#16a34a"
#define C_DECLINED "#dc2626"

/* Longest element id and person name drawn in full in a chart. */
#define ID_MAX 16
/* Longest id before the marks of a target not met or critical. */
#define MARKED_ID_MAX 13
/* Longest slanted column label of the heat map. */
#define SLANT_MAX 24
#define NAME_MAX 22

/* Opens a chart of width x height units with its accessible title. */
static void svg_open(cfi_writer *w, const char *kind, double width,
                     double height, const char *title)
{
    cfi_html_put(w,
                 "<svg class=\"chart %s\" viewBox=\"0 0 %n %n\" width=\"%n\" "
                 "height=\"%n\" role=\"img\">\n<title>%e</title>\n",
                 kind, width, height, width, height, title);
}

static void svg_close(cfi_writer *w)
{
    cfi_write(w, "</svg>\n");
}

/* A level value in level units for titles: "2.5", or "not assessed". */
static void put_level(cfi_writer *w, double v)
{
    if (isnan(v))
        cfi_write(w, "not assessed");
    else
        cfi_html_put(w, "%n", v);
}

/* "CR.1 Title" of a target for titles. */
static void put_element_name(cfi_writer *w, const cf_element *el)
{
    cfi_html_put(w, "%e %e", cf_element_id(el), cf_element_title(el));
}

/* A legend entry: a swatch (filled, or a dashed outline) and its text. */
static void legend_item(cfi_writer *w, double x, double y, const char *fill,
                        int dashed, const char *text)
{
    if (dashed)
        cfi_html_put(w,
                     "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" "
                     "stroke=\"%s\" stroke-width=\"2\" "
                     "stroke-dasharray=\"5 3\"/>\n",
                     x, y + 6, x + 18, y + 6, fill);
    else
        cfi_html_put(w,
                     "<rect x=\"%n\" y=\"%n\" width=\"14\" height=\"12\" "
                     "rx=\"2\" fill=\"%s\" stroke=\"%s\" "
                     "stroke-opacity=\"0.35\"/>\n",
                     x, y, fill, C_TEXT);
    cfi_html_put(w, "<text class=\"legend\" x=\"%n\" y=\"%n\">%e</text>\n",
                 x + (dashed ? 24 : 20), y + 10, text);
}

/* A value clamped to 0..1; NaN counts as 0. */
static double unit(double v)
{
    if (!(v > 0))
        return 0;
    return v > 1 ? 1 : v;
}

/* ---- radar chart --------------------------------------------------------- */

#define RADAR_W 540.0
#define RADAR_H 400.0
#define RADAR_CX 270.0
#define RADAR_CY 190.0
#define RADAR_R 140.0

static const double pi = 3.14159265358979323846;

/* The point at share v of the radius on the axis of target t of n. */
static void radar_point(size_t t, size_t n, double v, double *x, double *y)
{
    double angle = -pi / 2 + 2 * pi * (double)t / (double)n;
    *x = RADAR_CX + RADAR_R * v * cos(angle);
    *y = RADAR_CY + RADAR_R * v * sin(angle);
}

/* The points attribute of a polygon through the n values of value(t). */
static void radar_polygon(cfi_writer *w, const cf_gap_report *r, size_t n,
                          int achieved)
{
    for (size_t t = 0; t < n; t++) {
        double v = achieved ? cf_gap_report_achieved_normalized(r, t)
                            : cf_gap_report_required_normalized(r, t);
        double x, y;
        radar_point(t, n, unit(v), &x, &y);
        cfi_html_put(w, t ? " %n,%n" : "%n,%n", x, y);
    }
}

/* "CR.1 Title: achieved 2 (33%), required 3 (67%), unmet" */
static void target_summary(cfi_writer *w, const cf_gap_report *r, size_t t)
{
    put_element_name(w, cf_gap_report_element(r, t));
    cfi_write(w, ": achieved ");
    put_level(w, cf_gap_report_achieved(r, t));
    if (!isnan(cf_gap_report_achieved(r, t)))
        cfi_html_put(w, " (%p)", cf_gap_report_achieved_normalized(r, t));
    cfi_html_put(w, ", required %n (%p), %s", cf_gap_report_required(r, t),
                 cf_gap_report_required_normalized(r, t),
                 cf_status_name(cf_gap_report_status(r, t)));
    if (cf_gap_report_critical(r, t))
        cfi_write(w, ", critical");
}

/* After a target's label: a cross when not met, "!" when critical. */
static void label_marks(cfi_writer *w, const cf_gap_report *r, size_t t)
{
    if (cf_gap_report_status(r, t) != CF_STATUS_MET)
        cfi_write(w, " \xE2\x9C\x97");
    if (cf_gap_report_critical(r, t))
        cfi_write(w, cf_gap_report_status(r, t) != CF_STATUS_MET ? "!" : " !");
}

/* Under three targets: per target a bar for achieved and one for required. */
static void pair_bars(cfi_writer *w, const cf_gap_report *r, size_t n)
{
    const double label_w = 136, track = 260, top = 30, group = 54;
    double width = label_w + track + 110;
    double height = top + group * (double)n + 36;
    svg_open(w, "pairs", width, height,
             "Achieved and required level per target, as a share of each "
             "target's scale");
    for (int q = 0; q <= 4; q++) {
        double x = label_w + track * q / 4;
        cfi_html_put(w,
                     "<line class=\"grid\" x1=\"%n\" y1=\"%n\" x2=\"%n\" "
                     "y2=\"%n\" stroke=\"%s\"/>\n<text class=\"tick\" "
                     "x=\"%n\" y=\"%n\" text-anchor=\"middle\">%d%%</text>\n",
                     x, top - 6, x, top + group * (double)n, C_GRID, x,
                     top - 10, q * 25);
    }
    for (size_t t = 0; t < n; t++) {
        double y = top + group * (double)t + 8;
        double a = unit(cf_gap_report_achieved_normalized(r, t));
        double q = unit(cf_gap_report_required_normalized(r, t));
        cfi_html_put(w,
                     "<text class=\"label\" x=\"%n\" y=\"%n\" "
                     "text-anchor=\"end\">",
                     label_w - 8, y + 21);
        cfi_html_short(w, cf_element_id(cf_gap_report_element(r, t)),
                       MARKED_ID_MAX, 1);
        label_marks(w, r, t);
        cfi_write(w, "</text>\n");
        cfi_html_put(w,
                     "<rect class=\"pair-required\" x=\"%n\" y=\"%n\" "
                     "width=\"%n\" height=\"16\" fill=\"%s\"><title>",
                     label_w, y, track * q, C_REQUIRED);
        target_summary(w, r, t);
        cfi_html_put(w,
                     "</title></rect>\n<text class=\"value\" x=\"%n\" "
                     "y=\"%n\">required %p</text>\n",
                     label_w + track * q + 6, y + 12,
                     cf_gap_report_required_normalized(r, t));
        cfi_html_put(w,
                     "<rect class=\"pair-achieved\" x=\"%n\" y=\"%n\" "
                     "width=\"%n\" height=\"16\" fill=\"%s\"><title>",
                     label_w, y + 20, track * a, C_ACHIEVED);
        target_summary(w, r, t);
        cfi_html_put(w,
                     "</title></rect>\n<text class=\"value\" x=\"%n\" "
                     "y=\"%n\">",
                     label_w + track * a + 6, y + 32);
        if (isnan(cf_gap_report_achieved(r, t)))
            cfi_write(w, "not assessed");
        else
            cfi_html_put(w, "achieved %p",
                         cf_gap_report_achieved_normalized(r, t));
        cfi_write(w, "</text>\n");
    }
    double ly = top + group * (double)n + 14;
    legend_item(w, label_w, ly, C_ACHIEVED, 0, "Achieved");
    legend_item(w, label_w + 100, ly, C_REQUIRED, 0, "Required");
    cfi_html_put(w,
                 "<text class=\"legend\" x=\"%n\" y=\"%n\">\xE2\x9C\x97 not "
                 "met, ! critical</text>\n",
                 label_w + 200, ly + 10);
    svg_close(w);
}

void cfi_svg_radar(cfi_writer *w, const cf_gap_report *r)
{
    size_t n = cf_gap_report_target_count(r);
    if (n == 0)
        return;
    if (n < 3) {
        pair_bars(w, r, n);
        return;
    }
    svg_open(w, "radar", RADAR_W, RADAR_H,
             "Radar chart: achieved and required level per target, as a "
             "share of each target's scale");
    /* Rings at 25, 50, 75 and 100% of every scale. */
    for (int ring = 1; ring <= 4; ring++) {
        cfi_html_put(w,
                     "<polygon class=\"radar-grid\" fill=\"none\" "
                     "stroke=\"%s\" points=\"",
                     ring == 4 ? C_AXIS : C_GRID);
        for (size_t t = 0; t < n; t++) {
            double x, y;
            radar_point(t, n, ring / 4.0, &x, &y);
            cfi_html_put(w, t ? " %n,%n" : "%n,%n", x, y);
        }
        cfi_write(w, "\"/>\n");
    }
    for (size_t t = 0; t < n; t++) {
        double x, y;
        radar_point(t, n, 1, &x, &y);
        cfi_html_put(w,
                     "<line class=\"radar-axis\" x1=\"%n\" y1=\"%n\" "
                     "x2=\"%n\" y2=\"%n\" stroke=\"%s\"><title>",
                     RADAR_CX, RADAR_CY, x, y, C_AXIS);
        put_element_name(w, cf_gap_report_element(r, t));
        cfi_write(w, "</title></line>\n");
    }
    for (int ring = 1; ring <= 4; ring++)
        cfi_html_put(w, "<text class=\"tick\" x=\"%n\" y=\"%n\">%d%%</text>\n",
                     RADAR_CX + 4, RADAR_CY - RADAR_R * ring / 4.0 + 12,
                     ring * 25);
    cfi_html_put(w,
                 "<polygon class=\"radar-required\" fill=\"none\" "
                 "stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"6 4\" "
                 "points=\"",
                 C_REQUIRED);
    radar_polygon(w, r, n, 0);
    cfi_write(w, "\"><title>Required level per target</title></polygon>\n");
    cfi_html_put(w,
                 "<polygon class=\"radar-achieved\" fill=\"%s\" "
                 "fill-opacity=\"0.25\" stroke=\"%s\" stroke-width=\"2\" "
                 "points=\"",
                 C_ACHIEVED, C_ACHIEVED);
    radar_polygon(w, r, n, 1);
    cfi_write(w, "\"><title>Achieved level per target</title></polygon>\n");
    for (size_t t = 0; t < n; t++) {
        double x, y;
        int assessed = !isnan(cf_gap_report_achieved(r, t));
        radar_point(t, n, unit(cf_gap_report_achieved_normalized(r, t)), &x,
                    &y);
        cfi_html_put(w,
                     "<circle class=\"radar-dot\" cx=\"%n\" cy=\"%n\" "
                     "r=\"4\" fill=\"%s\" stroke=\"%s\" "
                     "stroke-width=\"1.5\"><title>",
                     x, y, assessed ? C_ACHIEVED : "#ffffff",
                     assessed ? "#ffffff" : C_ACHIEVED);
        target_summary(w, r, t);
        cfi_write(w, "</title></circle>\n");
    }
    for (size_t t = 0; t < n; t++) {
        double angle = -pi / 2 + 2 * pi * (double)t / (double)n;
        double c = cos(angle), s = sin(angle);
        double x = RADAR_CX + (RADAR_R + 10) * c;
        double y = RADAR_CY + (RADAR_R + 10) * s;
        const char *anchor = c > 0.2 ? "start" : c < -0.2 ? "end" : "middle";
        y += s < -0.2 ? 0 : s > 0.2 ? 10 : 4;
        if (s < -0.95)
            y -= 2;
        cfi_html_put(w,
                     "<text class=\"label\" x=\"%n\" y=\"%n\" "
                     "text-anchor=\"%s\">",
                     x, y, anchor);
        const cf_element *el = cf_gap_report_element(r, t);
        cfi_html_short(w, cf_element_id(el), MARKED_ID_MAX, 1);
        label_marks(w, r, t);
        cfi_write(w, "<title>");
        target_summary(w, r, t);
        cfi_write(w, "</title></text>\n");
    }
    double ly = RADAR_H - 24;
    legend_item(w, 120, ly, C_ACHIEVED, 0, "Achieved");
    legend_item(w, 220, ly, C_REQUIRED, 1, "Required");
    cfi_html_put(w,
                 "<text class=\"legend\" x=\"%n\" y=\"%n\">\xE2\x9C\x97 not "
                 "met, ! critical</text>\n",
                 330.0, ly + 10);
    svg_close(w);
}

/* ---- gap bars ------------------------------------------------------------ */

/* What a priority weighs: importance x normalised gap (unassessed: L). */
static double priority_weight(const cf_gap_report *r, size_t t)
{
    double g = cf_gap_report_status(r, t) == CF_STATUS_UNASSESSED
                   ? cf_gap_report_required_normalized(r, t)
                   : cf_gap_report_gap_normalized(r, t);
    double weight = cf_gap_report_importance(r, t) * g;
    return weight > 0 ? weight : 0;
}

void cfi_svg_gap_bars(cfi_writer *w, const cf_gap_report *r)
{
    size_t n = cf_gap_report_priority_count(r);
    if (n == 0)
        return;
    const double label_w = 150, track = 230, top = 28, row = 30;
    double width = label_w + track + 150;
    double height = top + row * (double)n + 34;
    double most = 0;
    for (size_t k = 0; k < n; k++) {
        double weight = priority_weight(r, cf_gap_report_priority(r, k));
        if (weight > most)
            most = weight;
    }
    svg_open(w, "gaps", width, height,
             "Gaps by priority: importance times the gap as a share of the "
             "scale, largest first");
    int present = 0; /* bits: the kinds of bar drawn, for the legend */
    cfi_html_put(w,
                 "<text class=\"tick\" x=\"%n\" y=\"%n\">importance "
                 "\xC3\x97 gap</text>\n"
                 "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" "
                 "stroke=\"%s\"/>\n",
                 label_w, top - 10, label_w, top - 4, label_w,
                 top + row * (double)n, C_AXIS);
    for (size_t k = 0; k < n; k++) {
        size_t t = cf_gap_report_priority(r, k);
        const cf_element *el = cf_gap_report_element(r, t);
        double weight = priority_weight(r, t);
        double len = most > 0 ? track * weight / most : 0;
        double y = top + row * (double)k;
        int unassessed = cf_gap_report_status(r, t) == CF_STATUS_UNASSESSED;
        int critical = cf_gap_report_critical(r, t);
        present |= unassessed ? 4 : critical ? 1 : 2;
        cfi_html_put(w,
                     "<text class=\"label\" x=\"%n\" y=\"%n\" "
                     "text-anchor=\"end\">%z. ",
                     label_w - 8, y + 19, k + 1);
        cfi_html_short(w, cf_element_id(el), ID_MAX - 1, 1);
        cfi_html_put(w,
                     "</text>\n<rect class=\"gap-bar\" x=\"%n\" y=\"%n\" "
                     "width=\"%n\" height=\"20\" rx=\"2\" fill=\"%s\">"
                     "<title>%z. ",
                     label_w, y + 5, len,
                     unassessed ? C_UNASSESSED
                     : critical ? C_CRITICAL
                                : C_GAP,
                     k + 1);
        put_element_name(w, el);
        cfi_write(w, ": ");
        if (unassessed)
            cfi_html_put(w, "not assessed, required %n",
                         cf_gap_report_required(r, t));
        else
            cfi_html_put(w,
                         "achieved %n of required %n, gap %n (%p of "
                         "the scale)",
                         cf_gap_report_achieved(r, t),
                         cf_gap_report_required(r, t), cf_gap_report_gap(r, t),
                         cf_gap_report_gap_normalized(r, t));
        cfi_html_put(w, "; importance %n; weight %n%s</title></rect>\n",
                     cf_gap_report_importance(r, t), weight,
                     critical ? "; critical" : "");
        cfi_html_put(
            w, "<text class=\"value\" x=\"%n\" y=\"%n\">%n%s%s</text>\n",
            label_w + len + 6, y + 19, weight, critical ? " ! critical" : "",
            unassessed ? " (not assessed)" : "");
    }
    double ly = top + row * (double)n + 12;
    double lx = label_w;
    static const char *const kinds[] = {"Critical", "Not critical",
                                        "Not assessed"};
    static const char *const fills[] = {C_CRITICAL, C_GAP, C_UNASSESSED};
    for (int kind = 0; kind < 3; kind++) {
        if (!(present & (1 << kind)))
            continue;
        legend_item(w, lx, ly, fills[kind], 0, kinds[kind]);
        lx += kind == 0 ? 90 : 120;
    }
    svg_close(w);
}

/* ---- heat map ------------------------------------------------------------ */

/* How each cfi_heat class looks, in the order of the enum. */
static const struct {
    const char *fill;
    const char *symbol;
    const char *name; /* the cell's data-status */
    const char *words;
} heat_styles[] = {
    {C_MET, "\xE2\x9C\x93", "met", "met"},
    {C_SMALL, "\xE2\x88\x92", "small-gap", "small gap"},
    {C_LARGE, "\xE2\x9C\x97", "large-gap", "large gap"},
    {C_NONE, "?", "unassessed", "not assessed"},
};

/* The legend's text for class c: "gap <= 33% of the scale", ... */
static void heat_legend(cfi_writer *w, cfi_heat c)
{
    switch (c) {
    case CFI_HEAT_SMALL:
        cfi_html_put(w, "gap \xE2\x89\xA4 %p of scale", CFI_HEAT_SMALL_GAP);
        break;
    case CFI_HEAT_LARGE:
        cfi_html_put(w, "gap > %p of scale", CFI_HEAT_SMALL_GAP);
        break;
    default:
        cfi_write(w, heat_styles[c].words);
        break;
    }
}

void cfi_svg_heat_map(cfi_writer *w, const cf_team_report *r)
{
    size_t nt = cf_team_report_target_count(r);
    size_t np = cf_team_report_person_count(r);
    if (nt == 0 || np == 0)
        return;
    const double name_w = 170, cell_w = 66, cell_h = 32, fit_w = 64;
    const cf_profile *p = cf_team_report_profile(r);
    /* Column labels: up to 9 characters fit across a cell, else they
     * slant and may be longer; " !" marks a critical target. */
    size_t longest = 0;
    for (size_t t = 0; t < nt; t++) {
        size_t len = strlen(cf_element_id(cf_team_report_element(r, t)));
        if (len > SLANT_MAX)
            len = SLANT_MAX;
        len += cf_profile_target_critical(p, t) ? 2 : 0;
        if (len > longest)
            longest = len;
    }
    int slant = longest > 9;
    size_t label_max = slant ? SLANT_MAX : 9;
    /* A slanted label rises and runs right by 0.7 of its length. */
    double reach = 0.72 * 6.8 * (double)longest;
    double head = slant ? 20 + reach : 30;
    double width = name_w + cell_w * (double)nt + fit_w;
    if (slant && width < name_w + cell_w * ((double)nt - 0.5) + reach + 8)
        width = name_w + cell_w * ((double)nt - 0.5) + reach + 8;
    if (width < name_w + 560) /* room for the legend */
        width = name_w + 560;
    double height = head + cell_h * (double)np + 44;
    svg_open(w, "heat-map", width, height,
             "Heat map: each person's gap on each target, people in ranking "
             "order");
    for (size_t t = 0; t < nt; t++) {
        const cf_element *el = cf_team_report_element(r, t);
        double x = name_w + cell_w * ((double)t + 0.5);
        if (slant)
            cfi_html_put(w,
                         "<text class=\"label\" x=\"%n\" y=\"%n\" "
                         "transform=\"rotate(-45 %n %n)\">",
                         x - 4, head - 8, x - 4, head - 8);
        else
            cfi_html_put(w,
                         "<text class=\"label\" x=\"%n\" y=\"%n\" "
                         "text-anchor=\"middle\">",
                         x, head - 10);
        int critical = cf_profile_target_critical(p, t);
        cfi_html_short(w, cf_element_id(el), label_max, 1);
        cfi_html_put(w, "%s<title>%e %e (required %n%s)</title></text>\n",
                     critical ? " !" : "", cf_element_id(el),
                     cf_element_title(el), cf_profile_target_level(p, t),
                     critical ? ", critical" : "");
    }
    cfi_html_put(w,
                 "<text class=\"label\" x=\"%n\" y=\"%n\" "
                 "text-anchor=\"middle\">Fit</text>\n",
                 name_w + cell_w * (double)nt + fit_w / 2, head - 10);
    for (size_t k = 0; k < np; k++) {
        const cf_gap_report *g =
            cf_team_report_person(r, cf_team_report_rank(r, k));
        const char *who = cf_assessment_subject(cf_gap_report_assessment(g));
        double y = head + cell_h * (double)k;
        cfi_html_put(w,
                     "<text class=\"label\" x=\"%n\" y=\"%n\" "
                     "text-anchor=\"end\">",
                     name_w - 10, y + cell_h / 2 + 4);
        cfi_html_short(w, who, NAME_MAX, 0);
        cfi_html_put(w, "<title>%z. %e</title></text>\n", k + 1, who);
        for (size_t t = 0; t < nt; t++) {
            const cf_element *el = cf_gap_report_element(g, t);
            cfi_heat c = cfi_heat_of(g, t);
            double x = name_w + cell_w * (double)t;
            cfi_html_put(w,
                         "<rect class=\"heat-cell\" data-status=\"%s\" "
                         "x=\"%n\" y=\"%n\" width=\"%n\" height=\"%n\" "
                         "rx=\"3\" fill=\"%s\"><title>%e \xE2\x80\x94 ",
                         heat_styles[c].name, x + 1, y + 1, cell_w - 2,
                         cell_h - 2, heat_styles[c].fill, who);
            put_element_name(w, el);
            cfi_write(w, ": achieved ");
            put_level(w, cf_gap_report_achieved(g, t));
            cfi_html_put(w, " / required %n", cf_gap_report_required(g, t));
            if (c == CFI_HEAT_SMALL || c == CFI_HEAT_LARGE)
                cfi_html_put(w, ", gap %n (%p of the scale)",
                             cf_gap_report_gap(g, t),
                             cf_gap_report_gap_normalized(g, t));
            cfi_html_put(w, " (%s %s)</title></rect>\n", heat_styles[c].symbol,
                         heat_styles[c].words);
            cfi_html_put(w,
                         "<text class=\"heat-text\" x=\"%n\" y=\"%n\" "
                         "text-anchor=\"middle\">%s",
                         x + cell_w / 2, y + cell_h / 2 + 4,
                         heat_styles[c].symbol);
            if (c != CFI_HEAT_UNASSESSED)
                cfi_html_put(w, " %n", cf_gap_report_achieved(g, t));
            cfi_write(w, "</text>\n");
        }
        cfi_html_put(w,
                     "<text class=\"value\" x=\"%n\" y=\"%n\" "
                     "text-anchor=\"middle\">%p</text>\n",
                     name_w + cell_w * (double)nt + fit_w / 2,
                     y + cell_h / 2 + 4, cf_gap_report_fit(g));
    }
    double ly = head + cell_h * (double)np + 16;
    double lx = name_w;
    for (size_t c = 0; c < sizeof heat_styles / sizeof heat_styles[0]; c++) {
        cfi_html_put(w,
                     "<rect x=\"%n\" y=\"%n\" width=\"22\" height=\"16\" "
                     "rx=\"2\" fill=\"%s\"/>\n<text class=\"heat-text\" "
                     "x=\"%n\" y=\"%n\" text-anchor=\"middle\">%s</text>\n",
                     lx, ly - 2, heat_styles[c].fill, lx + 11, ly + 10,
                     heat_styles[c].symbol);
        cfi_html_put(w, "<text class=\"legend\" x=\"%n\" y=\"%n\">", lx + 28,
                     ly + 10);
        heat_legend(w, (cfi_heat)c);
        cfi_write(w, "</text>\n");
        lx += c == 0 ? 80 : 160;
    }
    svg_close(w);
}

/* ---- bench strength ------------------------------------------------------ */

void cfi_svg_bench(cfi_writer *w, const cf_team_report *r)
{
    size_t nt = cf_team_report_target_count(r);
    size_t np = cf_team_report_person_count(r);
    if (nt == 0)
        return;
    const double label_w = 136, track = 300, top = 30, row = 28;
    double width = label_w + track + 230;
    double height = top + row * (double)nt + 10;
    svg_open(w, "bench", width, height,
             "Bench strength: how many people meet each target");
    /* A grid line per person while they stay readable, else quarters. */
    size_t steps = np > 0 && np <= 12 ? np : 4;
    for (size_t s = 0; s <= steps; s++) {
        double x = label_w + track * (double)s / (double)steps;
        cfi_html_put(w,
                     "<line class=\"grid\" x1=\"%n\" y1=\"%n\" x2=\"%n\" "
                     "y2=\"%n\" stroke=\"%s\"/>\n",
                     x, top - 4, x, top + row * (double)nt, C_GRID);
        if (np <= 12)
            cfi_html_put(w,
                         "<text class=\"tick\" x=\"%n\" y=\"%n\" "
                         "text-anchor=\"middle\">%z</text>\n",
                         x, top - 8, s);
        else
            cfi_html_put(w,
                         "<text class=\"tick\" x=\"%n\" y=\"%n\" "
                         "text-anchor=\"middle\">%p</text>\n",
                         x, top - 8, (double)s / (double)steps);
    }
    for (size_t t = 0; t < nt; t++) {
        const cf_element *el = cf_team_report_element(r, t);
        size_t meeting = cf_team_report_meeting(r, t);
        int spof = cf_team_report_single_point(r, t);
        double y = top + row * (double)t;
        double len = np > 0 ? track * (double)meeting / (double)np : 0;
        cfi_html_put(w,
                     "<text class=\"label\" x=\"%n\" y=\"%n\" "
                     "text-anchor=\"end\">",
                     label_w - 8, y + 18);
        cfi_html_short(w, cf_element_id(el), ID_MAX, 1);
        cfi_html_put(w,
                     "</text>\n<rect class=\"bench-bar\" data-spof=\"%s\" "
                     "x=\"%n\" y=\"%n\" width=\"%n\" height=\"18\" rx=\"2\" "
                     "fill=\"%s\"><title>",
                     spof ? "yes" : "no", label_w, y + 5, len,
                     spof ? C_CRITICAL : C_ACHIEVED);
        put_element_name(w, el);
        cfi_html_put(w,
                     ": %z of %z %s the required level %n%s</title></rect>\n",
                     meeting, np, np == 1 ? "person meets" : "people meet",
                     cf_profile_target_level(cf_team_report_profile(r), t),
                     spof ? "; single point of failure" : "");
        cfi_html_put(
            w, "<text class=\"value\" x=\"%n\" y=\"%n\">%z of %z</text>\n",
            label_w + track + 8, y + 18, meeting, np);
        if (spof)
            cfi_html_put(w,
                         "<text class=\"warn\" x=\"%n\" y=\"%n\" fill=\"%s\">"
                         "\xE2\x9A\xA0 single point of failure</text>\n",
                         label_w + track + 62, y + 18, C_CRITICAL);
    }
    svg_close(w);
}

/* ---- progress ------------------------------------------------------------ */

static int changed(const cf_progress_report *r, size_t e)
{
    cf_trend trend = cf_progress_report_trend(r, e);
    return trend == CF_TREND_IMPROVED || trend == CF_TREND_DECLINED;
}

size_t cfi_svg_change_count(const cf_progress_report *r)
{
    const cf_framework *fw =
        cf_assessment_framework(cf_progress_report_after_assessment(r));
    size_t n = 0;
    for (size_t e = 0; e < cf_framework_element_count(fw); e++)
        n += changed(r, e) ? 1 : 0;
    return n;
}

/* The change of element e as a share of its scale. */
static double share_change(const cf_progress_report *r, const cf_element *el)
{
    const cf_scale *scale = cf_element_scale(el);
    size_t e = cf_element_index(el);
    return cf_scale_normalize(scale, cf_progress_report_after(r, e)) -
           cf_scale_normalize(scale, cf_progress_report_before(r, e));
}

void cfi_svg_change_bars(cfi_writer *w, const cf_progress_report *r)
{
    size_t n = cfi_svg_change_count(r);
    if (n == 0)
        return;
    const cf_framework *fw =
        cf_assessment_framework(cf_progress_report_after_assessment(r));
    const double label_w = 136, span = 300, top = 26, row = 26;
    double most = 0;
    int ups = 0, downs = 0;
    for (size_t e = 0; e < cf_framework_element_count(fw); e++) {
        if (!changed(r, e))
            continue;
        double d = fabs(share_change(r, cf_framework_element(fw, e)));
        if (d > most)
            most = d;
        if (cf_progress_report_trend(r, e) == CF_TREND_IMPROVED)
            ups = 1;
        else
            downs = 1;
    }
    /* The zero line sits where there is room for the bars there are. */
    double half = ups && downs ? span / 2 : span;
    double centre = label_w + (downs ? half : 0);
    double width = label_w + span + 170;
    double height = top + row * (double)n + 8;
    svg_open(w, "changes", width, height,
             "Change per element between the two assessments, as a share "
             "of each element's scale");
    if (downs)
        cfi_html_put(w,
                     "<text class=\"tick\" x=\"%n\" y=\"%n\" "
                     "text-anchor=\"end\">\xE2\x97\x80 declined</text>\n",
                     centre - 6, top - 8);
    if (ups)
        cfi_html_put(w,
                     "<text class=\"tick\" x=\"%n\" y=\"%n\">improved "
                     "\xE2\x96\xB6</text>\n",
                     centre + 6, top - 8);
    cfi_html_put(w,
                 "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" "
                 "stroke=\"%s\"/>\n",
                 centre, top - 4, centre, top + row * (double)n, C_AXIS);
    size_t k = 0;
    for (size_t e = 0; e < cf_framework_element_count(fw); e++) {
        if (!changed(r, e))
            continue;
        const cf_element *el = cf_framework_element(fw, e);
        double d = share_change(r, el);
        double len = most > 0 ? half * fabs(d) / most : 0;
        int up = cf_progress_report_trend(r, e) == CF_TREND_IMPROVED;
        double y = top + row * (double)k++;
        double change = cf_progress_report_change(r, e);
        cfi_html_put(w,
                     "<text class=\"label\" x=\"%n\" y=\"%n\" "
                     "text-anchor=\"end\">",
                     label_w - 8, y + 17);
        cfi_html_short(w, cf_element_id(el), ID_MAX, 1);
        cfi_html_put(w,
                     "</text>\n<rect class=\"change-bar\" x=\"%n\" y=\"%n\" "
                     "width=\"%n\" height=\"16\" rx=\"2\" fill=\"%s\">"
                     "<title>",
                     up ? centre : centre - len, y + 5, len,
                     up ? C_IMPROVED : C_DECLINED);
        put_element_name(w, el);
        cfi_html_put(w, ": %s from %n to %n (%s%n)</title></rect>\n",
                     cf_trend_name(cf_progress_report_trend(r, e)),
                     cf_progress_report_before(r, e),
                     cf_progress_report_after(r, e), change > 0 ? "+" : "",
                     change);
        cfi_html_put(
            w,
            "<text class=\"value\" x=\"%n\" y=\"%n\">%s %s%n "
            "(%n \xE2\x86\x92 %n)</text>\n",
            label_w + span + 10, y + 17, up ? "\xE2\x96\xB2" : "\xE2\x96\xBC",
            change > 0 ? "+" : "", change, cf_progress_report_before(r, e),
            cf_progress_report_after(r, e));
    }
    svg_close(w);
}
