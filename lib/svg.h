/*
 * The HTML writer's building blocks (svg.c): a document being written with
 * escaped text and locale-independent numbers, and the inline SVG charts
 * of the HTML reports. Private to lib/render_html.c and lib/svg.c.
 *
 * Every chart is one <svg> element with a <title>, sized by its viewBox so
 * that the page's CSS can shrink it, and drawn with the class names the
 * tests count: radar-axis, radar-achieved, radar-required (or pair-achieved
 * and pair-required under three targets), gap-bar, heat-cell, bench-bar,
 * change-bar. Colour never carries meaning alone: each shape has a <title>
 * with the numbers, and heat cells show a symbol too.
 */
#ifndef CF_SVG_H
#define CF_SVG_H

#include "render.h"

/*
 * Appends fmt to w's output with these directives replaced by the next
 * argument, everything else written as it is (markup):
 *   %s  const char *, as it is         %e  const char *, as HTML text
 *   %n  double, at most 2 decimals     %p  double share as "72%"
 *   %z  size_t                         %d  int
 *   %%  a percent sign
 * Numbers never depend on the locale (cfi_format_decimal and
 * cfi_format_percent); a NaN %n or %p is an en dash.
 */
void cfi_html_put(cfi_writer *w, const char *fmt, ...);

/* The most characters cfi_html_short keeps. */
#define CFI_HTML_SHORT_MAX 64

/*
 * Appends s as HTML text cut to max characters (at most
 * CFI_HTML_SHORT_MAX) for a chart's label: an ellipsis replaces the end,
 * or with middle set the middle (ids that share a prefix stay apart:
 * "commun...written"). NULL adds nothing.
 */
void cfi_html_short(cfi_writer *w, const char *s, size_t max, int middle);

/* ---- charts (each one <svg>) ----------------------------------------- */

/*
 * Radar chart of a gap report: an axis per target, the required and the
 * achieved polygon on normalised 0..1 scales, rings at 25, 50, 75 and
 * 100%. Under three targets, a pair of bars per target instead.
 */
void cfi_svg_radar(cfi_writer *w, const cf_gap_report *r);

/*
 * The priorities of a gap report as horizontal bars, most important
 * first: length importance x normalised gap. Nothing when every target
 * is met (the caller says so in words).
 */
void cfi_svg_gap_bars(cfi_writer *w, const cf_gap_report *r);

/*
 * Heat map of a team report: a row per person in ranking order, a column
 * per target, each cell coloured by its normalised gap (met, a gap of at most
 * CFI_HEAT_SMALL_GAP, more, unassessed) with a symbol, plus each person's fit.
 */
void cfi_svg_heat_map(cfi_writer *w, const cf_team_report *r);

/*
 * Bench strength of a team report: per target a bar of how many people
 * meet it out of all, single points of failure highlighted.
 */
void cfi_svg_bench(cfi_writer *w, const cf_team_report *r);

/*
 * The elements of a progress report whose score went up or down, as bars
 * left (declined) or right (improved) of a centre line, sized by the
 * change as a share of each element's scale. Nothing when none changed.
 */
void cfi_svg_change_bars(cfi_writer *w, const cf_progress_report *r);

/* How many elements cfi_svg_change_bars draws (improved or declined). */
size_t cfi_svg_change_count(const cf_progress_report *r);

#endif /* CF_SVG_H */
