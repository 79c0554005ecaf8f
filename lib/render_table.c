/*
 * Tables for the text and Markdown reports: the layout that fits a table
 * into a terminal's width, the same table as GitHub Markdown, and the
 * table of each report kind, which both formats show.
 */
#include "render.h"

#include <math.h>
#include <string.h>

/* ---- layout ------------------------------------------------------------ */

/* Spaces between two columns of text. */
#define GAP 2

typedef struct layout {
    size_t width[CFI_TABLE_MAX_COLUMNS];
    int shown[CFI_TABLE_MAX_COLUMNS];
    int use_short;
} layout;

static const char *header_of(const cfi_column *c, int use_short)
{
    return use_short && c->short_header ? c->short_header : c->header;
}

static size_t text_columns(const char *s)
{
    return s ? cfi_text_width(s, strlen(s)) : 0;
}

/* The columns a cell takes: its text after its indentation. */
static size_t cell_columns(const cfi_cell *cell)
{
    return 2 * cell->indent + text_columns(cell->text);
}

static void clear_cells(cfi_cell *cells, size_t n)
{
    for (size_t c = 0; c < n; c++) {
        cells[c].text = NULL;
        cells[c].color = CFI_COLOR_NONE;
        cells[c].indent = 0;
        cells[c].buf[0] = '\0';
    }
}

/* The widest cell of each column, over the rows shown. */
static void measure(const cfi_table *t, size_t *widest)
{
    cfi_cell cells[CFI_TABLE_MAX_COLUMNS];
    for (size_t c = 0; c < t->column_count; c++)
        widest[c] = 0;
    for (size_t i = 0; i < t->row_count; i++) {
        clear_cells(cells, t->column_count);
        if (!t->row(t->ctx, i, cells))
            continue;
        for (size_t c = 0; c < t->column_count; c++) {
            size_t n = cell_columns(&cells[c]);
            if (n > widest[c])
                widest[c] = n;
        }
    }
}

/* The columns a line of the table takes with layout l. */
static size_t total_width(const cfi_table *t, const layout *l, size_t indent)
{
    size_t total = indent, shown = 0;
    for (size_t c = 0; c < t->column_count; c++) {
        if (l->shown[c]) {
            total += l->width[c];
            shown++;
        }
    }
    return total + (shown > 1 ? GAP * (shown - 1) : 0);
}

/* Every column shown at its natural width, with long or short headers. */
static void natural(const cfi_table *t, const size_t *widest, int use_short,
                    layout *l)
{
    l->use_short = use_short;
    for (size_t c = 0; c < t->column_count; c++) {
        size_t h = text_columns(header_of(&t->columns[c], use_short));
        l->width[c] = widest[c] > h ? widest[c] : h;
        l->shown[c] = 1;
    }
}

/*
 * Shrinks the flexible columns, widest first, by up to excess columns in
 * all but not below their min. Returns what is left of the excess.
 */
static size_t shrink_flexible(const cfi_table *t, layout *l, size_t excess)
{
    while (excess > 0) {
        size_t best = SIZE_MAX;
        for (size_t c = 0; c < t->column_count; c++) {
            const cfi_column *col = &t->columns[c];
            if (!l->shown[c] || !col->flexible || l->width[c] <= col->min)
                continue;
            if (best == SIZE_MAX || l->width[c] > l->width[best])
                best = c;
        }
        if (best == SIZE_MAX)
            break;
        l->width[best]--;
        excess--;
    }
    return excess;
}

/*
 * Shrinks the non-flexible columns with a min, widest first, not below
 * their min nor below floor.
 */
static size_t shrink_others(const cfi_table *t, layout *l, size_t excess,
                            size_t floor)
{
    while (excess > 0) {
        size_t best = SIZE_MAX;
        for (size_t c = 0; c < t->column_count; c++) {
            const cfi_column *col = &t->columns[c];
            size_t least = col->min > floor ? col->min : floor;
            if (!l->shown[c] || col->flexible || col->min == 0 ||
                l->width[c] <= least)
                continue;
            if (best == SIZE_MAX || l->width[c] > l->width[best])
                best = c;
        }
        if (best == SIZE_MAX)
            break;
        l->width[best]--;
        excess--;
    }
    return excess;
}

static size_t excess_of(const cfi_table *t, const layout *l, size_t indent,
                        size_t width)
{
    size_t total = total_width(t, l, indent);
    return total > width ? total - width : 0;
}

/* Leaves out the columns that match, counting from the right. */
static void drop(const cfi_table *t, layout *l, size_t indent, size_t width,
                 int flexible)
{
    for (size_t c = t->column_count; c-- > 0;) {
        if (excess_of(t, l, indent, width) == 0)
            return;
        const cfi_column *col = &t->columns[c];
        if (flexible ? col->flexible : col->optional && !col->flexible)
            l->shown[c] = 0;
    }
}

static void plan(const cfi_table *t, size_t width, size_t indent, layout *l)
{
    size_t widest[CFI_TABLE_MAX_COLUMNS];
    measure(t, widest);
    natural(t, widest, 0, l);
    if (width == 0)
        return;
    if (shrink_flexible(t, l, excess_of(t, l, indent, width)) == 0)
        return;
    natural(t, widest, 1, l);
    if (shrink_flexible(t, l, excess_of(t, l, indent, width)) == 0)
        return;
    /* Long ids give up some room, down to a third of the width, so that
     * the titles can stay. */
    natural(t, widest, 1, l);
    shrink_others(t, l, excess_of(t, l, indent, width), width / 3);
    if (shrink_flexible(t, l, excess_of(t, l, indent, width)) == 0)
        return;
    natural(t, widest, 1, l);
    drop(t, l, indent, width, 1);
    drop(t, l, indent, width, 0);
    shrink_others(t, l, excess_of(t, l, indent, width), 0);
}

size_t cfi_table_rows(const cfi_table *t)
{
    cfi_cell cells[CFI_TABLE_MAX_COLUMNS];
    size_t n = 0;
    for (size_t i = 0; i < t->row_count; i++) {
        clear_cells(cells, t->column_count);
        n += t->row(t->ctx, i, cells) != 0;
    }
    return n;
}

/* ---- text ------------------------------------------------------------ */

void cfi_table_text(cfi_writer *w, const cfi_table *t, size_t indent)
{
    layout l;
    cfi_cell cells[CFI_TABLE_MAX_COLUMNS];
    if (w->rc != CF_OK)
        return;
    plan(t, w->width, indent, &l);

    int first = 1;
    cfi_line_spaces(w, indent);
    for (size_t c = 0; c < t->column_count; c++) {
        if (!l.shown[c])
            continue;
        cfi_line_spaces(w, first ? 0 : GAP);
        cfi_line_cell(w, header_of(&t->columns[c], l.use_short), 0, l.width[c],
                      t->columns[c].right, CFI_COLOR_NONE);
        first = 0;
    }
    cfi_line_end(w);

    first = 1;
    cfi_line_spaces(w, indent);
    for (size_t c = 0; c < t->column_count; c++) {
        if (!l.shown[c])
            continue;
        cfi_line_spaces(w, first ? 0 : GAP);
        for (size_t k = 0; k < l.width[c]; k++)
            cfi_line_text(w, "-");
        first = 0;
    }
    cfi_line_end(w);

    for (size_t i = 0; i < t->row_count && w->rc == CF_OK; i++) {
        clear_cells(cells, t->column_count);
        if (!t->row(t->ctx, i, cells))
            continue;
        first = 1;
        cfi_line_spaces(w, indent);
        for (size_t c = 0; c < t->column_count; c++) {
            if (!l.shown[c])
                continue;
            cfi_line_spaces(w, first ? 0 : GAP);
            cfi_line_cell(w, cells[c].text, 2 * cells[c].indent, l.width[c],
                          t->columns[c].right, cells[c].color);
            first = 0;
        }
        cfi_line_end(w);
    }
}

/* ---- Markdown ---------------------------------------------------------- */

void cfi_table_markdown(cfi_writer *w, const cfi_table *t)
{
    cfi_cell cells[CFI_TABLE_MAX_COLUMNS];
    cfi_write(w, "|");
    for (size_t c = 0; c < t->column_count; c++) {
        cfi_write(w, " ");
        cfi_write_markdown(w, t->columns[c].header);
        cfi_write(w, " |");
    }
    cfi_write(w, "\n|");
    for (size_t c = 0; c < t->column_count; c++)
        cfi_write(w, t->columns[c].right ? "---:|" : "---|");
    cfi_write(w, "\n");
    for (size_t i = 0; i < t->row_count && w->rc == CF_OK; i++) {
        clear_cells(cells, t->column_count);
        if (!t->row(t->ctx, i, cells))
            continue;
        cfi_write(w, "|");
        for (size_t c = 0; c < t->column_count; c++) {
            cfi_write(w, " ");
            /* Markdown drops leading spaces: indent with no-break ones. */
            for (size_t k = 0; k < cells[c].indent; k++)
                cfi_write(w, "&nbsp;&nbsp;");
            cfi_write_markdown(w, cells[c].text);
            cfi_write(w, " |");
        }
        cfi_write(w, "\n");
    }
}

/* ---- words ------------------------------------------------------------- */

cfi_heat cfi_heat_of(const cf_gap_report *r, size_t t)
{
    switch (cf_gap_report_status(r, t)) {
    case CF_STATUS_MET:
        return CFI_HEAT_MET;
    case CF_STATUS_UNMET:
        return cf_gap_report_gap_normalized(r, t) <= CFI_HEAT_SMALL_GAP + 1e-9
                   ? CFI_HEAT_SMALL
                   : CFI_HEAT_LARGE;
    default:
        return CFI_HEAT_UNASSESSED;
    }
}

const char *cfi_status_word(cf_status status)
{
    switch (status) {
    case CF_STATUS_MET:
        return "met";
    case CF_STATUS_UNMET:
        return "UNMET";
    default:
        return "unassessed";
    }
}

cfi_color cfi_status_color(cf_status status)
{
    switch (status) {
    case CF_STATUS_MET:
        return CFI_COLOR_GREEN;
    case CF_STATUS_UNMET:
        return CFI_COLOR_RED;
    default:
        return CFI_COLOR_YELLOW;
    }
}

const char *cfi_flag_word(cf_flag flag)
{
    switch (flag) {
    case CF_FLAG_BLIND_SPOT:
        return "blind spot";
    case CF_FLAG_HIDDEN_STRENGTH:
        return "hidden strength";
    default:
        return "";
    }
}

int cfi_describe_rating(const cf_allocator *a, cfi_buf *b,
                        const cf_assessment *as)
{
    const char *rater = cf_assessment_rater(as);
    const char *role = cf_assessment_role(as);
    const char *date = cf_assessment_date(as);
    int rc = CF_OK;
    if (rater)
        rc = cfi_buf_add(a, b, rater, strlen(rater));
    if (rc == CF_OK && role) {
        if (rater)
            rc = cfi_buf_add(a, b, " (", 2);
        if (rc == CF_OK)
            rc = cfi_buf_add(a, b, role, strlen(role));
        if (rc == CF_OK && rater)
            rc = cfi_buf_addc(a, b, ')');
    }
    if (rc == CF_OK && date) {
        if (rater || role)
            rc = cfi_buf_add(a, b, " on ", 4);
        if (rc == CF_OK)
            rc = cfi_buf_add(a, b, date, strlen(date));
    }
    return rc == CF_OK ? CF_OK : CF_ENOMEM;
}

/* ---- the tables of the reports ---------------------------------------- */

/* A level for people: up to two decimals. */
static const char *level_cell(cfi_cell *cell, double v)
{
    cfi_format_decimal(cell->buf, sizeof cell->buf, v, 2, 0);
    cell->text = cell->buf;
    return cell->text;
}

static const char *element_title(const cf_element *el)
{
    return el ? cf_element_title(el) : NULL;
}

static const char *element_id(const cf_element *el)
{
    return el ? cf_element_id(el) : NULL;
}

static const cfi_column gap_columns[] = {
    {"!", NULL, 0, 0, 0, 0},         {"Target", NULL, 0, 0, 0, 8},
    {"Title", NULL, 0, 1, 0, 12},    {"Required", "Req", 1, 0, 0, 0},
    {"Achieved", "Ach", 1, 0, 0, 0}, {"Gap", NULL, 1, 0, 0, 0},
    {"Status", NULL, 0, 0, 0, 0},
};

static int gap_row(const void *ctx, size_t t, cfi_cell *cells)
{
    const cf_gap_report *r = ctx;
    const cf_element *el = cf_gap_report_element(r, t);
    cf_status status = cf_gap_report_status(r, t);
    cells[0].text = cf_gap_report_critical(r, t) ? "!" : NULL;
    cells[1].text = element_id(el);
    cells[2].text = element_title(el);
    level_cell(&cells[3], cf_gap_report_required(r, t));
    level_cell(&cells[4], cf_gap_report_achieved(r, t));
    level_cell(&cells[5], cf_gap_report_gap(r, t));
    cells[6].text = cfi_status_word(status);
    cells[6].color = cfi_status_color(status);
    return 1;
}

void cfi_table_gap(cfi_table *t, const cf_gap_report *r)
{
    t->columns = gap_columns;
    t->column_count = sizeof gap_columns / sizeof gap_columns[0];
    t->row_count = cf_gap_report_target_count(r);
    t->row = gap_row;
    t->ctx = r;
}

static const cfi_column scores_columns[] = {
    {"Element", NULL, 0, 0, 0, 8}, {"Title", NULL, 0, 1, 0, 12},
    {"Score", NULL, 1, 0, 0, 0},   {"Coverage", "Cov", 1, 0, 0, 0},
    {"Source", NULL, 0, 0, 1, 0},
};

static int scores_row(const void *ctx, size_t i, cfi_cell *cells)
{
    const cf_scores *s = ctx;
    const cf_framework *fw = cf_assessment_framework(cf_scores_assessment(s));
    const cf_element *el = cf_framework_element(fw, i);
    cf_source source = cf_scores_source(s, i);
    if (source == CF_SOURCE_UNSCORED || !el)
        return 0;
    cells[0].text = cf_element_id(el);
    cells[0].indent = cf_element_depth(el);
    cells[1].text = cf_element_title(el);
    level_cell(&cells[2], cf_scores_value(s, i));
    cfi_format_percent(cells[3].buf, sizeof cells[3].buf,
                       cf_scores_coverage(s, i));
    cells[3].text = cells[3].buf;
    cells[4].text = cf_source_name(source);
    return 1;
}

void cfi_table_scores(cfi_table *t, const cf_scores *s)
{
    t->columns = scores_columns;
    t->column_count = sizeof scores_columns / sizeof scores_columns[0];
    t->row_count = cf_framework_element_count(
        cf_assessment_framework(cf_scores_assessment(s)));
    t->row = scores_row;
    t->ctx = s;
}

static const cfi_column team_columns[] = {
    {"#", NULL, 1, 0, 0, 0},         {"!", NULL, 0, 0, 0, 0},
    {"Target", NULL, 0, 0, 0, 8},    {"Title", NULL, 0, 1, 0, 12},
    {"Required", "Req", 1, 0, 0, 0}, {"Assessed", "N", 1, 0, 0, 0},
    {"Mean", NULL, 1, 0, 0, 0},      {"Min", NULL, 1, 0, 1, 0},
    {"Max", NULL, 1, 0, 1, 0},       {"Meeting", "Meet", 1, 0, 0, 0},
    {"SPOF", NULL, 0, 0, 0, 0},
};

static int team_row(const void *ctx, size_t t, cfi_cell *cells)
{
    const cf_team_report *r = ctx;
    const cf_profile *p = cf_team_report_profile(r);
    const cf_element *el = cf_team_report_element(r, t);
    cfi_format_decimal(cells[0].buf, sizeof cells[0].buf, (double)(t + 1), 0,
                       0);
    cells[0].text = cells[0].buf;
    cells[1].text = cf_profile_target_critical(p, t) ? "!" : NULL;
    cells[2].text = element_id(el);
    cells[3].text = element_title(el);
    level_cell(&cells[4], cf_profile_target_level(p, t));
    cfi_format_decimal(cells[5].buf, sizeof cells[5].buf,
                       (double)cf_team_report_assessed(r, t), 0, 0);
    cells[5].text = cells[5].buf;
    level_cell(&cells[6], cf_team_report_mean(r, t));
    level_cell(&cells[7], cf_team_report_min(r, t));
    level_cell(&cells[8], cf_team_report_max(r, t));
    cfi_format_decimal(cells[9].buf, sizeof cells[9].buf,
                       (double)cf_team_report_meeting(r, t), 0, 0);
    cells[9].text = cells[9].buf;
    if (cf_team_report_single_point(r, t)) {
        cells[10].text = "yes";
        cells[10].color = CFI_COLOR_RED;
    }
    return 1;
}

void cfi_table_team(cfi_table *t, const cf_team_report *r)
{
    t->columns = team_columns;
    t->column_count = sizeof team_columns / sizeof team_columns[0];
    t->row_count = cf_team_report_target_count(r);
    t->row = team_row;
    t->ctx = r;
}

static const cfi_column consolidation_columns[] = {
    {"Element", NULL, 0, 0, 0, 8}, {"Title", NULL, 0, 1, 0, 12},
    {"Level", NULL, 1, 0, 0, 0},   {"Raters", "N", 1, 0, 0, 0},
    {"Self", NULL, 1, 0, 0, 0},    {"Others", "Oth", 1, 0, 0, 0},
    {"Spread", "Spr", 1, 0, 1, 0}, {"Flag", NULL, 0, 0, 0, 10},
};

static int consolidation_row(const void *ctx, size_t i, cfi_cell *cells)
{
    const cf_consolidation *c = ctx;
    const cf_assessment *a = cf_consolidation_assessment(c);
    const cf_element *el = cf_framework_element(cf_assessment_framework(a), i);
    size_t raters = cf_consolidation_raters(c, i);
    if (raters == 0 || !el)
        return 0;
    cells[0].text = cf_element_id(el);
    cells[0].indent = cf_element_depth(el);
    cells[1].text = cf_element_title(el);
    level_cell(&cells[2], cf_assessment_level(a, i));
    cfi_format_decimal(cells[3].buf, sizeof cells[3].buf, (double)raters, 0, 0);
    cells[3].text = cells[3].buf;
    level_cell(&cells[4], cf_consolidation_self(c, i));
    level_cell(&cells[5], cf_consolidation_others(c, i));
    level_cell(&cells[6], cf_consolidation_spread(c, i));
    cells[7].text = cfi_flag_word(cf_consolidation_flag(c, i));
    return 1;
}

void cfi_table_consolidation(cfi_table *t, const cf_consolidation *c)
{
    t->columns = consolidation_columns;
    t->column_count =
        sizeof consolidation_columns / sizeof consolidation_columns[0];
    t->row_count = cf_framework_element_count(
        cf_assessment_framework(cf_consolidation_assessment(c)));
    t->row = consolidation_row;
    t->ctx = c;
}

static const cfi_column progress_columns[] = {
    {"Element", NULL, 0, 0, 0, 8}, {"Title", NULL, 0, 1, 0, 12},
    {"Before", "Old", 1, 0, 0, 0}, {"After", "New", 1, 0, 0, 0},
    {"Change", "Chg", 1, 0, 0, 0}, {"Trend", NULL, 0, 0, 0, 0},
};

static int progress_row(const void *ctx, size_t i, cfi_cell *cells)
{
    const cf_progress_report *r = ctx;
    const cf_framework *fw =
        cf_assessment_framework(cf_progress_report_before_assessment(r));
    const cf_element *el = cf_framework_element(fw, i);
    double before = cf_progress_report_before(r, i);
    double after = cf_progress_report_after(r, i);
    if ((isnan(before) && isnan(after)) || !el)
        return 0;
    cf_trend trend = cf_progress_report_trend(r, i);
    cells[0].text = cf_element_id(el);
    cells[0].indent = cf_element_depth(el);
    cells[1].text = cf_element_title(el);
    level_cell(&cells[2], before);
    level_cell(&cells[3], after);
    cfi_format_decimal(cells[4].buf, sizeof cells[4].buf,
                       cf_progress_report_change(r, i), 2, 1);
    cells[4].text = cells[4].buf;
    cells[5].text = cf_trend_name(trend);
    cells[5].color = trend == CF_TREND_IMPROVED   ? CFI_COLOR_GREEN
                     : trend == CF_TREND_DECLINED ? CFI_COLOR_RED
                                                  : CFI_COLOR_NONE;
    return 1;
}

void cfi_table_progress(cfi_table *t, const cf_progress_report *r)
{
    t->columns = progress_columns;
    t->column_count = sizeof progress_columns / sizeof progress_columns[0];
    t->row_count = cf_framework_element_count(
        cf_assessment_framework(cf_progress_report_before_assessment(r)));
    t->row = progress_row;
    t->ctx = r;
}
