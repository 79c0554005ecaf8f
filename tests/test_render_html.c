/*
 * The HTML report writers (lib/render_html.c, lib/svg.c): one
 * self-contained page per call, with no reference to anything outside it,
 * every text escaped, and the SVG charts drawn with the class names that
 * tests and readers count: an axis per target on the radar, a bar per
 * priority, a heat cell per person and target, a bench bar per target.
 *
 * The framework: scale 1..4, so a level v normalises to (v - 1) / 3.
 * Elements in pre-order: A (mean of A.1, A.2), A.1, A.2, B, C, D; B's
 * title holds every character HTML escapes.
 *
 * The profile "lead" (its title too holds them):
 *   A: L 4, importance 1; B: L 3, importance 2, critical; C: L 2; D: L 4.
 *
 * The people:
 *   ann: A.1 3, A.2 4 (A 3.5), B 3, C 1, D 2   unmet A, C, D
 *   bob: A.1 2, A.2 2 (A 2),   B 4, C 2, D 3   unmet A, D
 *   cat: A.1 4        (A 4),   B 2             unmet B; C, D unassessed
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "competency.h"
#include "render.h"

static const char framework_yaml[] =
    "framework:\n"
    "  id: html\n"
    "  title: HTML test\n"
    "  scales:\n"
    "    - id: p\n"
    "      levels:\n"
    "        - {value: 1, label: Beginning}\n"
    "        - {value: 2, label: Developing}\n"
    "        - {value: 3, label: Proficient}\n"
    "        - {value: 4, label: Advanced}\n"
    "      proficient: 3\n"
    "  elements:\n"
    "    - id: A\n"
    "      title: Alpha\n"
    "      children:\n"
    "        - {id: A.1, title: One}\n"
    "        - {id: A.2, title: Two}\n"
    "    - id: B\n"
    "      title: 'Speaks \"up\" & <listens> ''well'''\n"
    "    - {id: C, title: Gamma}\n"
    "    - {id: D, title: Delta}\n";

/* What escaping must turn the titles' special characters into. */
#define RAW_SPECIALS "\"up\" & <listens> 'well'"
#define ESCAPED_SPECIALS "&quot;up&quot; &amp; &lt;listens&gt; &#39;well&#39;"
#define PROFILE_TITLE "Lead <&>\"' role"
#define PROFILE_ESCAPED "Lead &lt;&amp;&gt;&quot;&#39; role"

typedef struct rating {
    const char *id;
    double level;
} rating;

static const rating ann_ratings[] = {{"A.1", 3}, {"A.2", 4}, {"B", 3},
                                     {"C", 1},   {"D", 2},   {NULL, 0}};
static const rating bob_ratings[] = {{"A.1", 2}, {"A.2", 2}, {"B", 4},
                                     {"C", 2},   {"D", 3},   {NULL, 0}};
static const rating cat_ratings[] = {{"A.1", 4}, {"B", 2}, {NULL, 0}};

enum { ANN, BOB, CAT, PEOPLE };

typedef struct fixture {
    cf_framework *fw;
    cf_profile *profile; /* four targets */
    cf_profile *pair;    /* two targets: the radar's fallback */
    cf_assessment *people[PEOPLE];
} fixture;

static void check(int rc, const cf_error *err, const char *what)
{
    if (rc != CF_OK)
        fail_msg("%s: %d %s", what, rc, err->message);
}

static cf_assessment *assess(cf_framework *fw, const char *subject,
                             const rating *ratings)
{
    cf_assessment *a = NULL;
    cf_error err;
    memset(&err, 0, sizeof err);
    check(cf_assessment_new(&a, fw, subject, NULL, &err), &err,
          "cf_assessment_new");
    for (const rating *r = ratings; r->id; r++)
        check(cf_assessment_rate(a, r->id, r->level, NULL, &err), &err,
              "cf_assessment_rate");
    return a;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    cf_error err;
    memset(&err, 0, sizeof err);
    assert_non_null(f);
    check(cf_framework_load_buffer(&f->fw, framework_yaml,
                                   strlen(framework_yaml), "html.yaml", NULL,
                                   &err),
          &err, "cf_framework_load_buffer");
    check(cf_profile_new(&f->profile, f->fw, "lead", PROFILE_TITLE, NULL, &err),
          &err, "cf_profile_new");
    check(cf_profile_add_target(f->profile, "A", 4, 1, 0, &err), &err, "A");
    check(cf_profile_add_target(f->profile, "B", 3, 2, 1, &err), &err, "B");
    check(cf_profile_add_target(f->profile, "C", 2, 1, 0, &err), &err, "C");
    check(cf_profile_add_target(f->profile, "D", 4, 1, 0, &err), &err, "D");
    check(cf_profile_new(&f->pair, f->fw, "pair", NULL, NULL, &err), &err,
          "cf_profile_new");
    check(cf_profile_add_target(f->pair, "A", 3, 1, 0, &err), &err, "A");
    check(cf_profile_add_target(f->pair, "C", 2, 1, 1, &err), &err, "C");
    f->people[ANN] = assess(f->fw, "ann", ann_ratings);
    f->people[BOB] = assess(f->fw, "bob", bob_ratings);
    f->people[CAT] = assess(f->fw, "cat", cat_ratings);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    for (size_t i = 0; i < PEOPLE; i++)
        cf_assessment_free(f->people[i]);
    cf_profile_free(f->pair);
    cf_profile_free(f->profile);
    cf_framework_free(f->fw);
    free(f);
    return 0;
}

static cf_gap_report *gap(const cf_assessment *a, const cf_profile *p)
{
    cf_gap_report *r = NULL;
    cf_error err;
    memset(&err, 0, sizeof err);
    check(cf_gap_analyze(&r, a, p, NULL, &err), &err, "cf_gap_analyze");
    return r;
}

static cf_team_report *team(fixture *f)
{
    cf_team_report *r = NULL;
    cf_error err;
    memset(&err, 0, sizeof err);
    check(cf_team_analyze(&r, (const cf_assessment *const *)f->people, PEOPLE,
                          f->profile, NULL, &err),
          &err, "cf_team_analyze");
    return r;
}

/* ---- rendering --------------------------------------------------------- */

static const cf_render_options html_options = {CF_RENDER_OPTIONS_VERSION,
                                               CF_REPORT_HTML, 80, 0, 0};

/* A page from the public API, which hands HTML to lib/render_html.c. */
static char *take(int rc, char *page, const cf_error *err, const char *what)
{
    if (rc != CF_OK)
        fail_msg("%s: %d %s", what, rc, err->message);
    assert_non_null(page);
    return page;
}

static char *render_gap(const cf_gap_report *const *r, size_t n)
{
    char *page = NULL;
    cf_error err;
    memset(&err, 0, sizeof err);
    int rc = cf_gap_report_render(r, n, &html_options, &page, &err);
    return take(rc, page, &err, "cf_gap_report_render");
}

static char *render_team(const cf_team_report *r)
{
    char *page = NULL;
    cf_error err;
    memset(&err, 0, sizeof err);
    int rc = cf_team_report_render(r, &html_options, &page, &err);
    return take(rc, page, &err, "cf_team_report_render");
}

/* ---- checking pages ---------------------------------------------------- */

static size_t count(const char *text, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(text, needle); p;
         p = strstr(p + strlen(needle), needle))
        n++;
    return n;
}

/* Whether text has needle, ignoring ASCII case. */
static int has_nocase(const char *text, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *p = text; *p; p++) {
        size_t k = 0;
        while (k < n && p[k] &&
               tolower((unsigned char)p[k]) ==
                   tolower((unsigned char)needle[k]))
            k++;
        if (k == n)
            return 1;
    }
    return 0;
}

/* Whether [s, end) is a number with at most 2 decimals: -?\d+(\.\d{1,2})? */
static int plain_number(const char *s, const char *end)
{
    if (s < end && *s == '-')
        s++;
    const char *digits = s;
    while (s < end && isdigit((unsigned char)*s))
        s++;
    if (s == digits)
        return 0;
    if (s == end)
        return 1;
    if (*s++ != '.')
        return 0;
    const char *decimals = s;
    while (s < end && isdigit((unsigned char)*s))
        s++;
    return s == end && s - decimals >= 1 && s - decimals <= 2;
}

/*
 * Every value of the geometry attributes is a list of numbers (split at
 * spaces and commas) with at most 2 decimals. Returns how many values it
 * checked.
 */
static size_t check_coordinates(const char *page)
{
    static const char *const attrs[] = {
        " x=\"",     " y=\"",      " x1=\"",     " y1=\"",      " x2=\"",
        " y2=\"",    " cx=\"",     " cy=\"",     " r=\"",       " rx=\"",
        " width=\"", " height=\"", " points=\"", " viewBox=\"", NULL};
    size_t checked = 0;
    for (size_t i = 0; attrs[i]; i++) {
        for (const char *p = strstr(page, attrs[i]); p;
             p = strstr(p + 1, attrs[i])) {
            const char *v = p + strlen(attrs[i]);
            const char *end = strchr(v, '"');
            assert_non_null(end);
            const char *tok = v;
            while (tok < end) {
                const char *stop = tok;
                while (stop < end && *stop != ' ' && *stop != ',')
                    stop++;
                if (!plain_number(tok, stop))
                    fail_msg("%s%.*s\" is not a list of numbers with at most "
                             "2 decimals",
                             attrs[i], (int)(end - v), v);
                tok = stop < end ? stop + 1 : end;
            }
            checked++;
        }
    }
    return checked;
}

/* What every page must be: complete, self-contained, no script. */
static void check_page(const char *page)
{
    assert_true(strncmp(page, "<!DOCTYPE html>\n", 16) == 0);
    assert_non_null(strstr(page, "<html lang=\"en\">"));
    assert_non_null(strstr(page, "<meta charset=\"utf-8\">"));
    assert_non_null(strstr(page, "<meta name=\"viewport\""));
    /* One <title> in the head (the others belong to the charts). */
    const char *head_end = strstr(page, "</head>");
    assert_non_null(head_end);
    const char *title = strstr(page, "<title>");
    assert_true(title != NULL && title < head_end);
    const char *next = strstr(title + 1, "<title>");
    assert_true(next == NULL || next > head_end);
    assert_non_null(strstr(page, "<style>"));
    assert_non_null(strstr(page, "@media print"));
    assert_non_null(strstr(page, "print-color-adjust:exact"));
    assert_int_equal(count(page, "<html"), 1);
    assert_non_null(strstr(page, "</html>\n"));
    /* Nothing outside the page. */
    assert_false(has_nocase(page, "http"));
    assert_null(strstr(page, "//"));
    assert_false(has_nocase(page, "<script"));
    assert_false(has_nocase(page, "<link"));
    assert_false(has_nocase(page, "url("));
    assert_false(has_nocase(page, "@import"));
    assert_false(has_nocase(page, "<img"));
    assert_false(has_nocase(page, "xlink"));
    /* As many opening as closing tags of the chart elements. */
    assert_int_equal(count(page, "<svg"), count(page, "</svg>"));
    assert_int_equal(count(page, "<figure"), count(page, "</figure>"));
    assert_int_equal(count(page, "<table"), count(page, "</table>"));
    assert_int_equal(count(page, "<section"), count(page, "</section>"));
    check_coordinates(page);
}

/* ---- gap reports ------------------------------------------------------- */

static void test_gap_page(void **state)
{
    fixture *f = *state;
    cf_gap_report *r = gap(f->people[ANN], f->profile);
    char *page = render_gap((const cf_gap_report *const *)&r, 1);

    check_page(page);
    assert_true(check_coordinates(page) > 40);
    /* The title and the texts, escaped; no raw special character left. */
    assert_non_null(
        strstr(page, "<title>Gap report: " PROFILE_ESCAPED "</title>"));
    assert_null(strstr(page, PROFILE_TITLE));
    assert_non_null(strstr(page, ESCAPED_SPECIALS));
    assert_null(strstr(page, RAW_SPECIALS));
    /* One radar axis per target, one polygon each. */
    assert_int_equal(count(page, "class=\"radar-axis\""), 4);
    assert_int_equal(count(page, "class=\"radar-achieved\""), 1);
    assert_int_equal(count(page, "class=\"radar-required\""), 1);
    assert_int_equal(count(page, "class=\"pair-achieved\""), 0);
    /* A bar per priority: A, C and D are unmet. */
    assert_int_equal(cf_gap_report_priority_count(r), 3);
    assert_int_equal(count(page, "class=\"gap-bar\""), 3);
    /* A table row per target, with the explanation. */
    assert_int_equal(count(page, "<tr>"), 1 + 4);
    assert_non_null(strstr(page, cf_gap_report_explanation(r, 0)));
    /* No index for one subject. */
    assert_null(strstr(page, "href=\"#subject-"));
    assert_non_null(strstr(page, "id=\"subject-1\""));
    cf_string_free(page);
    cf_gap_report_free(r);
}

/* The gap bars come in priority order: the first bar is priority 0. */
static void test_gap_bar_order(void **state)
{
    fixture *f = *state;
    cf_gap_report *r = gap(f->people[ANN], f->profile);
    char *page = render_gap((const cf_gap_report *const *)&r, 1);
    const char *prev = page;

    for (size_t k = 0; k < cf_gap_report_priority_count(r); k++) {
        const cf_element *el =
            cf_gap_report_element(r, cf_gap_report_priority(r, k));
        const char *bar = strstr(prev, "class=\"gap-bar\"");
        assert_non_null(bar);
        char expect[64];
        snprintf(expect, sizeof expect, "<title>%zu. %s ", k + 1,
                 cf_element_id(el));
        const char *t = strstr(bar, "<title>");
        assert_non_null(t);
        assert_true(strncmp(t, expect, strlen(expect)) == 0);
        prev = bar + 1;
    }
    cf_string_free(page);
    cf_gap_report_free(r);
}

/* Several subjects: one page, a section each, an index linking them. */
static void test_gap_several(void **state)
{
    fixture *f = *state;
    cf_gap_report *r[PEOPLE];
    size_t priorities = 0;
    for (size_t i = 0; i < PEOPLE; i++) {
        r[i] = gap(f->people[i], f->profile);
        priorities += cf_gap_report_priority_count(r[i]);
    }
    char *page = render_gap((const cf_gap_report *const *)r, PEOPLE);

    check_page(page);
    assert_int_equal(count(page, "<!DOCTYPE"), 1);
    assert_int_equal(count(page, "<section class=\"subject\""), PEOPLE);
    assert_non_null(strstr(page, "<a href=\"#subject-1\">ann</a>"));
    assert_non_null(strstr(page, "<a href=\"#subject-2\">bob</a>"));
    assert_non_null(strstr(page, "<a href=\"#subject-3\">cat</a>"));
    assert_non_null(strstr(page, "id=\"subject-3\""));
    assert_int_equal(count(page, "class=\"radar-axis\""), 4 * PEOPLE);
    assert_int_equal(count(page, "class=\"radar-achieved\""), PEOPLE);
    assert_int_equal(count(page, "class=\"radar-required\""), PEOPLE);
    assert_int_equal(count(page, "class=\"gap-bar\""), priorities);
    /* The sections come in the order given. */
    assert_true(strstr(page, "<h2>ann</h2>") < strstr(page, "<h2>bob</h2>"));
    assert_true(strstr(page, "<h2>bob</h2>") < strstr(page, "<h2>cat</h2>"));
    cf_string_free(page);
    for (size_t i = 0; i < PEOPLE; i++)
        cf_gap_report_free(r[i]);
}

/* Under three targets the radar becomes a pair of bars per target. */
static void test_gap_two_targets(void **state)
{
    fixture *f = *state;
    cf_gap_report *r = gap(f->people[CAT], f->pair);
    char *page = render_gap((const cf_gap_report *const *)&r, 1);

    check_page(page);
    assert_int_equal(count(page, "class=\"radar-axis\""), 0);
    assert_int_equal(count(page, "class=\"radar-achieved\""), 0);
    assert_int_equal(count(page, "class=\"pair-achieved\""), 2);
    assert_int_equal(count(page, "class=\"pair-required\""), 2);
    /* cat: A 4 meets 3; C is unassessed, so one priority. */
    assert_int_equal(count(page, "class=\"gap-bar\""), 1);
    assert_non_null(strstr(page, "not assessed"));
    cf_string_free(page);
    cf_gap_report_free(r);
}

/* Every target met: no gap bars, and the page says so in words. */
static void test_gap_all_met(void **state)
{
    fixture *f = *state;
    cf_profile *p = NULL;
    cf_error err;
    memset(&err, 0, sizeof err);
    check(cf_profile_new(&p, f->fw, "easy", "Easy", NULL, &err), &err,
          "cf_profile_new");
    check(cf_profile_add_target(p, "A", 2, 1, 0, &err), &err, "A");
    check(cf_profile_add_target(p, "B", 2, 1, 0, &err), &err, "B");
    check(cf_profile_add_target(p, "C", 1, 1, 0, &err), &err, "C");
    cf_gap_report *r = gap(f->people[BOB], p);
    char *page = render_gap((const cf_gap_report *const *)&r, 1);

    check_page(page);
    assert_int_equal(count(page, "class=\"radar-axis\""), 3);
    assert_int_equal(count(page, "class=\"gap-bar\""), 0);
    assert_non_null(strstr(page, "Every target is met"));
    cf_string_free(page);
    cf_gap_report_free(r);
    cf_profile_free(p);
}

/* ---- team reports ------------------------------------------------------ */

static void test_team_page(void **state)
{
    fixture *f = *state;
    cf_team_report *r = team(f);
    char *page = render_team(r);
    size_t targets = cf_team_report_target_count(r);
    size_t spof = 0;

    check_page(page);
    assert_non_null(
        strstr(page, "<title>Team report: " PROFILE_ESCAPED "</title>"));
    assert_null(strstr(page, RAW_SPECIALS));
    assert_int_equal(count(page, "class=\"heat-cell\""), PEOPLE * targets);
    assert_int_equal(count(page, "class=\"bench-bar\""), targets);
    for (size_t t = 0; t < targets; t++)
        spof += cf_team_report_single_point(r, t) != 0;
    assert_int_equal(count(page, "data-spof=\"yes\""), spof);
    assert_true(spof > 0);
    /* Cells by status: ann 1 met (B), bob 2 met (B, C), cat 1 met (A);
     * cat's C and D unassessed. */
    assert_int_equal(count(page, "data-status=\"met\""), 4);
    assert_int_equal(count(page, "data-status=\"unassessed\""), 2);
    /* Each cell's title names the person, the target and both levels. */
    assert_non_null(strstr(page,
                           "<title>cat \xE2\x80\x94 C Gamma: achieved not "
                           "assessed / required 2"));
    assert_non_null(strstr(page,
                           "<title>ann \xE2\x80\x94 D Delta: achieved 2 / "
                           "required 4"));
    /* Rows in ranking order: the first cell is the best candidate's. */
    const cf_gap_report *best =
        cf_team_report_person(r, cf_team_report_rank(r, 0));
    const char *first = strstr(page, "class=\"heat-cell\"");
    assert_non_null(first);
    const char *title = strstr(first, "<title>");
    const char *who = cf_assessment_subject(cf_gap_report_assessment(best));
    assert_true(strncmp(title + 7, who, strlen(who)) == 0);
    cf_string_free(page);
    cf_team_report_free(r);
}

/* Long and non-ASCII names are cut in the chart, never mid-character. */
static void test_team_long_names(void **state)
{
    fixture *f = *state;
    static const char *const names[] = {
        "Zo\xC3\xAB \xC3\x85str\xC3\xB6m-Bj\xC3\xB6rklund <&> van der Berg",
        "\xE5\xBC\xB5\xE4\xBC\x9F\xE5\xBC\xB5\xE4\xBC\x9F\xE5\xBC\xB5\xE4\xBC"
        "\x9F\xE5\xBC\xB5\xE4\xBC\x9F\xE5\xBC\xB5\xE4\xBC\x9F\xE5\xBC\xB5\xE4"
        "\xBC\x9F\xE5\xBC\xB5\xE4\xBC\x9F\xE5\xBC\xB5\xE4\xBC\x9F\xE5\xBC\xB5"
        "\xE4\xBC\x9F\xE5\xBC\xB5\xE4\xBC\x9F\xE5\xBC\xB5\xE4\xBC\x9F\xE5\xBC"
        "\xB5\xE4\xBC\x9F"};
    cf_assessment *a[2];
    a[0] = assess(f->fw, names[0], ann_ratings);
    a[1] = assess(f->fw, names[1], bob_ratings);
    cf_team_report *r = NULL;
    cf_error err;
    memset(&err, 0, sizeof err);
    check(cf_team_analyze(&r, (const cf_assessment *const *)a, 2, f->profile,
                          NULL, &err),
          &err, "cf_team_analyze");
    char *page = render_team(r);

    check_page(page);
    assert_true(cfi_utf8_valid(page));
    assert_null(strstr(page, "<&>"));
    assert_non_null(strstr(page, "&lt;&amp;&gt;"));
    /* The chart's labels are cut with an ellipsis; the titles are whole. */
    assert_non_null(strstr(page,
                           "Zo\xC3\xAB \xC3\x85str\xC3\xB6m-Bj\xC3\xB6rklund "
                           "\xE2\x80\xA6<title>"));
    assert_non_null(
        strstr(page, "\xE4\xBC\x9F\xE5\xBC\xB5\xE2\x80\xA6<title>"));
    assert_int_equal(count(page, "class=\"heat-cell\""), 2 * 4);
    cf_string_free(page);
    cf_team_report_free(r);
    cf_assessment_free(a[0]);
    cf_assessment_free(a[1]);
}

/* ---- scores, consolidation, progress ----------------------------------- */

static void test_scores_page(void **state)
{
    fixture *f = *state;
    cf_scores *s[2] = {NULL, NULL};
    cf_error err;
    memset(&err, 0, sizeof err);
    check(cf_scores_compute(&s[0], f->people[ANN], NULL, &err), &err, "ann");
    check(cf_scores_compute(&s[1], f->people[CAT], NULL, &err), &err, "cat");
    char *page = NULL;
    int rc = cf_scores_render((const cf_scores *const *)s, 2, &html_options,
                              &page, &err);
    take(rc, page, &err, "cf_scores_render");

    check_page(page);
    assert_non_null(strstr(page, "<a href=\"#subject-2\">cat</a>"));
    assert_non_null(strstr(page, ESCAPED_SPECIALS));
    /* Every element has a row in each section: 6 + 6 plus two heads. */
    assert_int_equal(count(page, "<tr>"), 2 * 7);
    /* ann's A is 3.5, the mean of 3 and 4. */
    assert_non_null(strstr(page, ">3.5</td>"));
    assert_non_null(strstr(page, "<span class=\"lvl\">Advanced</span>"));
    cf_string_free(page);
    cf_scores_free(s[0]);
    cf_scores_free(s[1]);
}

static void test_consolidation_page(void **state)
{
    fixture *f = *state;
    cf_assessment *a[2];
    cf_error err;
    memset(&err, 0, sizeof err);
    a[0] = assess(f->fw, "ann", ann_ratings);
    check(cf_assessment_set_role(a[0], "self", &err), &err, "role");
    a[1] = assess(f->fw, "ann", bob_ratings);
    check(cf_assessment_set_role(a[1], "manager", &err), &err, "role");
    check(cf_assessment_set_rater(a[1], "M<&>", &err), &err, "rater");
    cf_consolidation *c = NULL;
    check(cf_consolidate(&c, (const cf_assessment *const *)a, 2, NULL, &err),
          &err, "cf_consolidate");
    char *page = NULL;
    int rc = cf_consolidation_render(c, &html_options, &page, &err);
    take(rc, page, &err, "cf_consolidation_render");

    check_page(page);
    assert_non_null(strstr(page, "<td>M&lt;&amp;&gt;</td>"));
    /* Self A.2 4 against manager 2: a blind spot; D 2 against 3, with the
     * default threshold of 1, a hidden strength. */
    assert_non_null(strstr(page, "blind spot"));
    assert_non_null(strstr(page, "hidden strength"));
    cf_string_free(page);
    cf_consolidation_free(c);
    cf_assessment_free(a[0]);
    cf_assessment_free(a[1]);
}

static void test_progress_page(void **state)
{
    fixture *f = *state;
    cf_assessment *before = assess(f->fw, "bob", ann_ratings);
    cf_progress_report *r = NULL;
    cf_error err;
    memset(&err, 0, sizeof err);
    check(
        cf_progress_analyze(&r, before, f->people[BOB], f->profile, NULL, &err),
        &err, "cf_progress_analyze");
    char *page = NULL;
    int rc = cf_progress_report_render(r, &html_options, &page, &err);
    take(rc, page, &err, "cf_progress_report_render");
    size_t changed = 0;
    for (size_t e = 0; e < cf_framework_element_count(f->fw); e++) {
        cf_trend t = cf_progress_report_trend(r, e);
        changed += t == CF_TREND_IMPROVED || t == CF_TREND_DECLINED;
    }

    check_page(page);
    /* ann -> bob: A.1 3->2, A.2 4->2, A 3.5->2, B 3->4, C 1->2, D 2->3. */
    assert_int_equal(changed, 6);
    assert_int_equal(count(page, "class=\"change-bar\""), changed);
    assert_non_null(strstr(page, ">+1</td>"));
    assert_non_null(strstr(page, ">-1.5</td>"));
    cf_string_free(page);
    cf_progress_report_free(r);
    cf_assessment_free(before);
}

/* ---- errors ------------------------------------------------------------ */

/* A subject that is not UTF-8 cannot go into the page. */
static void test_invalid_utf8(void **state)
{
    fixture *f = *state;
    cf_assessment *a = assess(f->fw, "bad \xFF name", ann_ratings);
    cf_gap_report *r = gap(a, f->profile);
    char *page = NULL;
    cf_error err;
    memset(&err, 0, sizeof err);

    assert_int_equal(cf_gap_report_render((const cf_gap_report *const *)&r, 1,
                                          &html_options, &page, &err),
                     CF_EINVALID);
    assert_null(page);
    assert_int_equal(err.code, CF_EINVALID);
    assert_true(err.message[0] != '\0');
    cf_gap_report_free(r);
    cf_assessment_free(a);
}

/* An allocator that fails from the n-th allocation on. */
typedef struct failing {
    size_t left;
} failing;

static void *failing_alloc(size_t size, void *ctx)
{
    failing *f = ctx;
    if (f->left == 0)
        return NULL;
    f->left--;
    return malloc(size);
}

static void *failing_resize(void *ptr, size_t size, void *ctx)
{
    failing *f = ctx;
    if (f->left == 0)
        return NULL;
    f->left--;
    return realloc(ptr, size);
}

static void failing_release(void *ptr, void *ctx)
{
    (void)ctx;
    free(ptr);
}

/* One writer of lib/render_html.c over a report given as ctx. */
typedef int (*html_writer)(const void *ctx, cfi_buf *b, const cf_allocator *a);

/*
 * Runs write with an allocator that fails at the first, second, ...
 * allocation in turn until it succeeds: every failure must be CF_ENOMEM
 * and leave nothing allocated but the buffer, which is freed here (ASan
 * finds leaks).
 */
static void exhaust(html_writer write, const void *ctx)
{
    failing state = {0};
    cf_allocator a = {failing_alloc, failing_resize, failing_release, &state};
    size_t n;

    for (n = 0; n < 10000; n++) {
        cfi_buf b = {NULL, 0, 0};
        state.left = n;
        int rc = write(ctx, &b, &a);
        cfi_buf_free(&a, &b);
        if (rc == CF_OK)
            break;
        assert_int_equal(rc, CF_ENOMEM);
    }
    assert_true(n > 0 && n < 10000);
}

typedef struct gap_set {
    cf_gap_report *r[PEOPLE];
} gap_set;

static int write_gap(const void *ctx, cfi_buf *b, const cf_allocator *a)
{
    const gap_set *g = ctx;
    return cfi_render_gap_html((const cf_gap_report *const *)g->r, PEOPLE,
                               &html_options, b, a);
}

static int write_team(const void *ctx, cfi_buf *b, const cf_allocator *a)
{
    return cfi_render_team_html(ctx, &html_options, b, a);
}

static int write_scores(const void *ctx, cfi_buf *b, const cf_allocator *a)
{
    const cf_scores *s = ctx;
    return cfi_render_scores_html(&s, 1, &html_options, b, a);
}

static int write_progress(const void *ctx, cfi_buf *b, const cf_allocator *a)
{
    return cfi_render_progress_html(ctx, &html_options, b, a);
}

static int write_consolidation(const void *ctx, cfi_buf *b,
                               const cf_allocator *a)
{
    return cfi_render_consolidation_html(ctx, &html_options, b, a);
}

/* Out of memory at every step of every writer in turn. */
static void test_out_of_memory(void **state)
{
    fixture *f = *state;
    cf_error err;
    memset(&err, 0, sizeof err);

    gap_set g;
    for (size_t i = 0; i < PEOPLE; i++)
        g.r[i] = gap(f->people[i], f->profile);
    exhaust(write_gap, &g);
    for (size_t i = 0; i < PEOPLE; i++)
        cf_gap_report_free(g.r[i]);

    cf_team_report *t = team(f);
    exhaust(write_team, t);
    cf_team_report_free(t);

    cf_scores *s = NULL;
    check(cf_scores_compute(&s, f->people[ANN], NULL, &err), &err, "scores");
    exhaust(write_scores, s);
    cf_scores_free(s);

    cf_progress_report *p = NULL;
    check(cf_progress_analyze(&p, f->people[ANN], f->people[ANN], f->profile,
                              NULL, &err),
          &err, "progress");
    exhaust(write_progress, p);
    cf_progress_report_free(p);

    cf_consolidation *c = NULL;
    check(cf_consolidate(&c, (const cf_assessment *const *)&f->people[ANN], 1,
                         NULL, &err),
          &err, "consolidation");
    exhaust(write_consolidation, c);
    cf_consolidation_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gap_page),
        cmocka_unit_test(test_gap_bar_order),
        cmocka_unit_test(test_gap_several),
        cmocka_unit_test(test_gap_two_targets),
        cmocka_unit_test(test_gap_all_met),
        cmocka_unit_test(test_team_page),
        cmocka_unit_test(test_team_long_names),
        cmocka_unit_test(test_scores_page),
        cmocka_unit_test(test_consolidation_page),
        cmocka_unit_test(test_progress_page),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
