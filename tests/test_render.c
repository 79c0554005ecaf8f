/*
 * Rendering reports for people (cf_*_render): the full text, Markdown and
 * CSV of a small report of each kind compared with the expected output,
 * widths, colour, escaping, the JSON documents, format names, option and
 * argument errors, text that is not UTF-8, and allocation failures.
 *
 * The framework is the front desk of docs/reports.md: one scale 0..4, so
 * a level v normalises to v / 4. SVC is the weighted mean of SVC.1 (w 1),
 * SVC.2 (w 3) and SVC.3 (w 1); TEC the min of TEC.1 and TEC.2; OUT a leaf.
 *
 * The profile desk-lead (L required, Ln = L / 4, I importance):
 *   SVC: L 3 (0.75), I 2;  TEC: L 2 (0.5), critical;  OUT: L 2 (0.5)
 *   sum(I * Ln) = 1.5 + 0.5 + 0.5 = 2.5
 *
 * The people:
 *   jdoe, rated by asmith (manager) on 2026-11-01: SVC.1 4, SVC.2 2,
 *     TEC.1 3, TEC.2 2. SVC = (1 x 1 + 3 x 0.5) / 4 = 0.625 -> 2.5 (SVC.3
 *     unrated, coverage 4/5 = 80%); TEC = min(0.75, 0.5) -> 2; OUT none.
 *     Fit (2 x 0.625 + 0.5 + 0) / 2.5 = 0.7; ready (TEC met).
 *     Priorities: OUT 1 x 0.5 = 0.5 before SVC 2 x 0.125 = 0.25.
 *   ann: SVC 3, TEC 1, OUT 3. SVC met (gap 0), TEC unmet (gap 1, 0.25),
 *     OUT met (gap -1). Fit (2 x 0.75 + 0.25 + 0.5) / 2.5 = 0.9; not
 *     ready (TEC is critical). Priorities: TEC.
 *   bob: SVC.1 1, TEC 4. SVC = 1 (0.25, gap 2, 0.5), TEC met, OUT none.
 *     Fit (2 x 0.25 + 0.5 + 0) / 2.5 = 0.4; ready. Priorities: SVC
 *     2 x 0.5 = 1 before OUT 0.5.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "competency.h"
#include "support.h"
#include "support_alloc.h"

#include "render.h"

static const char framework_yaml[] =
    "framework:\n"
    "  id: front-desk\n"
    "  title: Front desk skills\n"
    "  scales:\n"
    "    - id: proficiency\n" SUPPORT_YAML_LEVELS_0_TO_4 "  elements:\n"
    "    - id: SVC\n"
    "      title: Customer service\n"
    "      children:\n"
    "        - {id: SVC.1, title: Greets and helps visitors}\n"
    "        - {id: SVC.2, title: Handles complaints calmly, weight: 3}\n"
    "        - {id: SVC.3, title: Explains library policies}\n"
    "    - id: TEC\n"
    "      title: Technology\n"
    "      rollup: min\n"
    "      children:\n"
    "        - {id: TEC.1, title: Searches the catalogue}\n"
    "        - {id: TEC.2, title: Helps with the public computers}\n"
    "    - id: OUT\n"
    "      title: Outreach\n";

/* A rating; a list of them ends with a NULL id. */
typedef struct rating {
    const char *id;
    double level;
} rating;

static const rating jdoe_ratings[] = {
    {"SVC.1", 4}, {"SVC.2", 2}, {"TEC.1", 3}, {"TEC.2", 2}, {NULL, 0}};
static const rating ann_ratings[] = {
    {"SVC", 3}, {"TEC", 1}, {"OUT", 3}, {NULL, 0}};
static const rating bob_ratings[] = {{"SVC.1", 1}, {"TEC", 4}, {NULL, 0}};

/* Everything the tests render, built with the public API. */
typedef struct fixture {
    cf_framework *fw;
    cf_profile *profile;
    cf_assessment *jdoe, *ann, *bob;
    cf_gap_report *gap_jdoe, *gap_ann;
    cf_team_report *team;
    cf_scores *scores;
    cf_consolidation *consolidation;
    cf_progress_report *progress;
    cf_assessment *inputs[3]; /* of the consolidation */
    cf_assessment *later;     /* jdoe again, for progress */
} fixture;

static void check_ok(int rc, const cf_error *err, const char *what)
{
    if (rc != CF_OK) {
        fail_msg("%s failed with %d (%s): %s", what, rc, cf_strerror(rc),
                 err->message);
    }
}

static cf_assessment *assess(cf_framework *fw, const char *subject,
                             const char *rater, const char *role,
                             const char *date, const rating *ratings,
                             const cf_load_options *opts)
{
    cf_assessment *a = NULL;
    cf_error err;
    size_t k;

    memset(&err, 0, sizeof err);
    check_ok(cf_assessment_new(&a, fw, subject, opts, &err), &err,
             "cf_assessment_new");
    check_ok(cf_assessment_set_rater(a, rater, &err), &err, "rater");
    check_ok(cf_assessment_set_role(a, role, &err), &err, "role");
    check_ok(cf_assessment_set_date(a, date, &err), &err, "date");
    for (k = 0; ratings[k].id != NULL; k++) {
        check_ok(
            cf_assessment_rate(a, ratings[k].id, ratings[k].level, NULL, &err),
            &err, ratings[k].id);
    }
    return a;
}

static cf_profile *desk_lead(cf_framework *fw, const cf_load_options *opts)
{
    cf_profile *p = NULL;
    cf_error err;

    memset(&err, 0, sizeof err);
    check_ok(cf_profile_new(&p, fw, "desk-lead", "Front Desk Lead", opts, &err),
             &err, "cf_profile_new");
    check_ok(cf_profile_add_target(p, "SVC", 3, 2, 0, &err), &err, "SVC");
    check_ok(cf_profile_add_target(p, "TEC", 2, 1, 1, &err), &err, "TEC");
    check_ok(cf_profile_add_target(p, "OUT", 2, 1, 0, &err), &err, "OUT");
    return p;
}

/*
 * The consolidation of jdoe's 360: self (2026-10-01) SVC.1 4, TEC.1 1;
 * asmith, manager (2026-10-02) SVC.1 2, TEC.1 3; bkim, peer: SVC.1 2.
 *   SVC.1: (4 + 2 + 2) / 3 = 2.67, others 2, spread 2, self - others 2
 *          >= 1: blind spot; 3 raters.
 *   TEC.1: (1 + 3) / 2 = 2, others 3, spread 2, self - others -2: hidden
 *          strength; 2 raters.
 * The progress of jdoe to 2027-05-01: SVC.1 4, SVC.2 3, TEC.1 3, TEC.2 1,
 * OUT 2. SVC = (1 x 1 + 3 x 0.75) / 4 = 0.8125 -> 3.25 (+0.75); TEC =
 * min(0.75, 0.25) -> 1 (-1); OUT 2 (unscored before). Fit after
 * (2 x 0.75 + 0.25 + 0.5) / 2.5 = 0.9.
 */
static void fixture_build(fixture *f, const cf_load_options *opts)
{
    static const rating self[] = {{"SVC.1", 4}, {"TEC.1", 1}, {NULL, 0}};
    static const rating manager[] = {{"SVC.1", 2}, {"TEC.1", 3}, {NULL, 0}};
    static const rating peer[] = {{"SVC.1", 2}, {NULL, 0}};
    static const rating later[] = {{"SVC.1", 4}, {"SVC.2", 3}, {"TEC.1", 3},
                                   {"TEC.2", 1}, {"OUT", 2},   {NULL, 0}};
    const cf_assessment *team[3];
    const cf_assessment *inputs[3];
    cf_error err;

    memset(&err, 0, sizeof err);
    f->fw = support_load_opts(framework_yaml, opts);
    f->profile = desk_lead(f->fw, opts);
    f->jdoe = assess(f->fw, "jdoe", "asmith", "manager", "2026-11-01",
                     jdoe_ratings, opts);
    f->ann = assess(f->fw, "ann", NULL, NULL, NULL, ann_ratings, opts);
    f->bob = assess(f->fw, "bob", NULL, NULL, NULL, bob_ratings, opts);
    check_ok(cf_gap_analyze(&f->gap_jdoe, f->jdoe, f->profile, NULL, &err),
             &err, "gap jdoe");
    check_ok(cf_gap_analyze(&f->gap_ann, f->ann, f->profile, NULL, &err), &err,
             "gap ann");
    team[0] = f->jdoe;
    team[1] = f->ann;
    team[2] = f->bob;
    check_ok(cf_team_analyze(&f->team, team, 3, f->profile, NULL, &err), &err,
             "team");
    check_ok(cf_scores_compute(&f->scores, f->jdoe, NULL, &err), &err,
             "scores");
    f->inputs[0] =
        assess(f->fw, "jdoe", NULL, "self", "2026-10-01", self, opts);
    f->inputs[1] =
        assess(f->fw, "jdoe", "asmith", "manager", "2026-10-02", manager, opts);
    f->inputs[2] = assess(f->fw, "jdoe", "bkim", "peer", NULL, peer, opts);
    inputs[0] = f->inputs[0];
    inputs[1] = f->inputs[1];
    inputs[2] = f->inputs[2];
    check_ok(cf_consolidate(&f->consolidation, inputs, 3, NULL, &err), &err,
             "consolidate");
    f->later =
        assess(f->fw, "jdoe", "asmith", "manager", "2027-05-01", later, opts);
    check_ok(cf_progress_analyze(&f->progress, f->jdoe, f->later, f->profile,
                                 NULL, &err),
             &err, "progress");
}

static void fixture_free(fixture *f)
{
    size_t i;

    cf_progress_report_free(f->progress);
    cf_assessment_free(f->later);
    cf_consolidation_free(f->consolidation);
    for (i = 0; i < 3; i++) {
        cf_assessment_free(f->inputs[i]);
    }
    cf_scores_free(f->scores);
    cf_team_report_free(f->team);
    cf_gap_report_free(f->gap_ann);
    cf_gap_report_free(f->gap_jdoe);
    cf_assessment_free(f->bob);
    cf_assessment_free(f->ann);
    cf_assessment_free(f->jdoe);
    cf_profile_free(f->profile);
    cf_framework_free(f->fw);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (f == NULL) {
        return -1;
    }
    fixture_build(f, NULL);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_free(*state);
    free(*state);
    return 0;
}

/*
 * support_check_fails on a call made first: out is read after the call
 * (an argument list has no order of evaluation).
 */
#define CHECK_FAILS(call, code, out, err)                                      \
    do {                                                                       \
        int rc_ = (call);                                                      \
        support_check_fails(rc_, code, out, err);                              \
    } while (0)

/* ---- rendering --------------------------------------------------------- */

static cf_render_options options(cf_report_format format, unsigned width,
                                 int color)
{
    cf_render_options o = CF_RENDER_OPTIONS_INIT;

    o.format = format;
    o.width = width;
    o.color = color;
    return o;
}

/* What each test renders: one of the fixture's reports. */
enum kind { GAP, GAP_BOTH, TEAM, SCORES, CONSOLIDATION, PROGRESS, KINDS };

static int render_kind(const fixture *f, enum kind kind,
                       const cf_render_options *o, char **out, cf_error *err)
{
    const cf_gap_report *gaps[2];
    const cf_scores *scores[1];

    gaps[0] = f->gap_jdoe;
    gaps[1] = f->gap_ann;
    scores[0] = f->scores;
    switch (kind) {
    case GAP:
        return cf_gap_report_render(gaps, 1, o, out, err);
    case GAP_BOTH:
        return cf_gap_report_render(gaps, 2, o, out, err);
    case TEAM:
        return cf_team_report_render(f->team, o, out, err);
    case SCORES:
        return cf_scores_render(scores, 1, o, out, err);
    case CONSOLIDATION:
        return cf_consolidation_render(f->consolidation, o, out, err);
    default:
        return cf_progress_report_render(f->progress, o, out, err);
    }
}

/* Renders kind, failing the test unless that works; free the result. */
static char *render(const fixture *f, enum kind kind, cf_report_format format,
                    unsigned width, int color)
{
    cf_render_options o = options(format, width, color);
    char *out = NULL;
    cf_error err;

    memset(&err, 0, sizeof err);
    check_ok(render_kind(f, kind, &o, &out, &err), &err, "render");
    assert_non_null(out);
    return out;
}

/* Compares a whole document, showing both when they differ. */
static void check_text(const char *actual, const char *expected)
{
    if (strcmp(actual, expected) != 0) {
        fail_msg("output differs.\n--- expected ---\n%s--- actual ---\n%s--- "
                 "end ---",
                 expected, actual);
    }
}

static void check_render(const fixture *f, enum kind kind,
                         cf_report_format format, const char *expected)
{
    char *out = render(f, kind, format, 80, 0);

    check_text(out, expected);
    cf_string_free(out);
}

/* ---- golden outputs: gap --------------------------------------------- */

/*
 * jdoe's gap report (arithmetic in the file comment). Gap = L - A in
 * levels: SVC 3 - 2.5 = 0.5, TEC 2 - 2 = 0; OUT unassessed.
 */
static const char gap_text[] =
    "Gap report: jdoe against Front Desk Lead (desk-lead)\n"
    "Framework: Front desk skills (front-desk)\n"
    "Rating: asmith (manager) on 2026-11-01\n"
    "Fit: 70% (100% when every target is met)\n"
    "Readiness: ready (every critical target is met)\n"
    "\n"
    "!  Target  Title             Required  Achieved  Gap  Status\n"
    "-  ------  ----------------  --------  --------  ---  ----------\n"
    "   SVC     Customer service         3       2.5  0.5  UNMET\n"
    "!  TEC     Technology               2         2    0  met\n"
    "   OUT     Outreach                 2         -    -  unassessed\n"
    "Gap = required - achieved, in levels. ! = critical: not ready while "
    "unmet.\n"
    "\n"
    "Priorities, most important first:\n"
    "  1. OUT  Outreach: not assessed, 2 required\n"
    "  2. SVC  Customer service: 0.5 below the required 3\n";

static const char gap_markdown[] =
    "## Gap report: jdoe against Front Desk Lead (desk-lead)\n"
    "\n"
    "- Framework: Front desk skills (front-desk)\n"
    "- Rating: asmith (manager) on 2026-11-01\n"
    "- Fit: **70%** (100% when every target is met)\n"
    "- Readiness: **ready** (every critical target is met)\n"
    "\n"
    "| ! | Target | Title | Required | Achieved | Gap | Status |\n"
    "|---|---|---|---:|---:|---:|---|\n"
    "|  | SVC | Customer service | 3 | 2.5 | 0.5 | UNMET |\n"
    "| ! | TEC | Technology | 2 | 2 | 0 | met |\n"
    "|  | OUT | Outreach | 2 | - | - | unassessed |\n"
    "\n"
    "Gap = required - achieved, in levels. ! = critical: not ready while "
    "unmet.\n"
    "\n"
    "### Priorities\n"
    "\n"
    "Most important first:\n"
    "\n"
    "1. **OUT** Outreach: not assessed, 2 required\n"
    "2. **SVC** Customer service: 0.5 below the required 3\n";

/*
 * CSV rows: fit 0.7, and per target the numbers in full, normalised ones
 * v / 4: SVC 0.75, 0.625, 0.125; TEC 0.5, 0.5, 0. Priority: OUT 1, SVC 2.
 */
static const char gap_csv[] =
    "subject,rater,role,date,profile,fit,ready,element,title,status,required,"
    "achieved,gap,required_normalized,achieved_normalized,gap_normalized,"
    "importance,critical,priority\r\n"
    "jdoe,asmith,manager,2026-11-01,desk-lead,0.7,true,SVC,Customer "
    "service,unmet,3,2.5,0.5,0.75,0.625,0.125,2,false,2\r\n"
    "jdoe,asmith,manager,2026-11-01,desk-lead,0.7,true,TEC,Technology,met,2,2,"
    "0,0.5,0.5,0,1,true,\r\n"
    "jdoe,asmith,manager,2026-11-01,desk-lead,0.7,true,OUT,Outreach,unassessed,"
    "2,,,0.5,,,1,false,1\r\n";

static void test_gap_text(void **state)
{
    check_render(*state, GAP, CF_REPORT_TEXT, gap_text);
}

static void test_gap_markdown(void **state)
{
    check_render(*state, GAP, CF_REPORT_MARKDOWN, gap_markdown);
}

static void test_gap_csv(void **state)
{
    check_render(*state, GAP, CF_REPORT_CSV, gap_csv);
}

/* ---- golden outputs: team -------------------------------------------- */

/*
 * Per target, over jdoe, ann and bob:
 *   SVC: 2.5, 3, 1: mean 6.5 / 3 = 2.17, min 1, max 3; meeting 1 (ann):
 *        a single point of failure.
 *   TEC: 2, 1, 4: mean 7 / 3 = 2.33, min 1, max 4; meeting 2.
 *   OUT: ann 3 only: assessed 1, meeting 1: a single point of failure.
 * Heat map, normalised gaps: jdoe SVC 0.125 (<= 1/3: +.), TEC met, OUT
 * unassessed; ann SVC met, TEC 0.25 (+.), OUT met; bob SVC 0.5 (> 1/3:
 * --), TEC met, OUT unassessed. Ranking by fit: ann 0.9, jdoe 0.7, bob
 * 0.4.
 */
static const char team_text[] =
    "Team report: Front Desk Lead (desk-lead)\n"
    "Framework: Front desk skills (front-desk)\n"
    "People: 3, ready: 2\n"
    "\n"
    "Targets:\n"
    "#  !  Target  Title            Required  Assessed  Mean  Min  Max  "
    "Meeting  SPOF\n"
    "-  -  ------  ---------------  --------  --------  ----  ---  ---  "
    "-------  ----\n"
    "1     SVC     Customer ser...         3         3  2.17    1    3        "
    "1  yes\n"
    "2  !  TEC     Technology              2         3  2.33    1    4        "
    "2\n"
    "3     OUT     Outreach                2         1     3    3    3        "
    "1  yes\n"
    "Levels on each target's scale. ! = critical. Assessed = people with a "
    "score;\n"
    "meeting = people who meet the target; SPOF = single point of failure (met "
    "by at\n"
    "most one person).\n"
    "\n"
    "Heat map: people by targets (numbered as above)\n"
    "Person  1  2  3\n"
    "jdoe   +. ## ??\n"
    "ann    ## +. ##\n"
    "bob    -- ## ??\n"
    "Legend: ## met, +. short by at most a third of the scale, -- short by "
    "more, ??\n"
    "unassessed.\n"
    "\n"
    "Ranking, best fit first:\n"
    "  1. ann    90%  NOT READY  to work on: TEC\n"
    "  2. jdoe   70%  ready      to work on: OUT, SVC\n"
    "  3. bob    40%  ready      to work on: SVC, OUT\n";

static const char team_markdown[] =
    "## Team report: Front Desk Lead (desk-lead)\n"
    "\n"
    "- Framework: Front desk skills (front-desk)\n"
    "- People: 3, ready: 2\n"
    "\n"
    "### Targets\n"
    "\n"
    "| \\# | ! | Target | Title | Required | Assessed | Mean | Min | Max | "
    "Meeting | SPOF |\n"
    "|---:|---|---|---|---:|---:|---:|---:|---:|---:|---|\n"
    "| 1 |  | SVC | Customer service | 3 | 3 | 2.17 | 1 | 3 | 1 | yes |\n"
    "| 2 | ! | TEC | Technology | 2 | 3 | 2.33 | 1 | 4 | 2 |  |\n"
    "| 3 |  | OUT | Outreach | 2 | 1 | 3 | 3 | 3 | 1 | yes |\n"
    "\n"
    "Levels on each target's scale. ! = critical. Assessed = people with a "
    "score; meeting = people who meet the target; SPOF = single point of "
    "failure (met by at most one person).\n"
    "\n"
    "### Heat map\n"
    "\n"
    "| Person | SVC | TEC | OUT |\n"
    "|---|:---:|:---:|:---:|\n"
    "| jdoe | `+.` | `##` | `??` |\n"
    "| ann | `##` | `+.` | `##` |\n"
    "| bob | `--` | `##` | `??` |\n"
    "\n"
    "`##` met, `+.` short by at most a third of the scale, `--` short by more, "
    "`??` unassessed.\n"
    "\n"
    "### Ranking\n"
    "\n"
    "Best fit first:\n"
    "\n"
    "1. ann: 90%, **NOT READY**; to work on: TEC\n"
    "2. jdoe: 70%, ready; to work on: OUT, SVC\n"
    "3. bob: 40%, ready; to work on: SVC, OUT\n";

/* team_mean in full: 6.5 / 3 and 7 / 3. */
static const char team_csv[] =
    "subject,rank,fit,ready,element,title,status,required,achieved,gap,gap_"
    "normalized,importance,critical,team_mean,team_meeting,single_point_of_"
    "failure\r\n"
    "jdoe,2,0.7,true,SVC,Customer "
    "service,unmet,3,2.5,0.5,0.125,2,false,2.1666666666666665,1,true\r\n"
    "jdoe,2,0.7,true,TEC,Technology,met,2,2,0,0,1,true,2.3333333333333335,2,"
    "false\r\n"
    "jdoe,2,0.7,true,OUT,Outreach,unassessed,2,,,,1,false,3,1,true\r\n"
    "ann,1,0.9,false,SVC,Customer "
    "service,met,3,3,0,0,2,false,2.1666666666666665,1,true\r\n"
    "ann,1,0.9,false,TEC,Technology,unmet,2,1,1,0.25,1,true,2.3333333333333335,"
    "2,false\r\n"
    "ann,1,0.9,false,OUT,Outreach,met,2,3,-1,-0.25,1,false,3,1,true\r\n"
    "bob,3,0.4,true,SVC,Customer "
    "service,unmet,3,1,2,0.5,2,false,2.1666666666666665,1,true\r\n"
    "bob,3,0.4,true,TEC,Technology,met,2,4,-2,-0.5,1,true,2.3333333333333335,2,"
    "false\r\n"
    "bob,3,0.4,true,OUT,Outreach,unassessed,2,,,,1,false,3,1,true\r\n";

static void test_team_text(void **state)
{
    check_render(*state, TEAM, CF_REPORT_TEXT, team_text);
}

static void test_team_markdown(void **state)
{
    check_render(*state, TEAM, CF_REPORT_MARKDOWN, team_markdown);
}

static void test_team_csv(void **state)
{
    check_render(*state, TEAM, CF_REPORT_CSV, team_csv);
}

/* ---- golden outputs: scores ------------------------------------------ */

/*
 * jdoe's scores: 6 of the 8 elements (SVC.3 and OUT unscored). SVC 2.5,
 * coverage (1 + 3) / (1 + 3 + 1) = 80%; TEC min(3, 2) = 2, coverage 1.
 */
static const char scores_text[] =
    "Scores: jdoe\n"
    "Framework: Front desk skills (front-desk)\n"
    "Rating: asmith (manager) on 2026-11-01\n"
    "6 of 8 elements scored\n"
    "\n"
    "Element  Title                            Score  Coverage  Source\n"
    "-------  -------------------------------  -----  --------  -------\n"
    "SVC      Customer service                   2.5       80%  derived\n"
    "  SVC.1  Greets and helps visitors            4      100%  rated\n"
    "  SVC.2  Handles complaints calmly            2      100%  rated\n"
    "TEC      Technology                           2      100%  derived\n"
    "  TEC.1  Searches the catalogue               3      100%  rated\n"
    "  TEC.2  Helps with the public computers      2      100%  rated\n"
    "Score in levels of the element's scale; coverage = share of the "
    "element's\n"
    "subtree that is scored; rated = rated directly, derived = rolled up from "
    "its\n"
    "children.\n";

static const char scores_markdown[] =
    "## Scores: jdoe\n"
    "\n"
    "- Framework: Front desk skills (front-desk)\n"
    "- Rating: asmith (manager) on 2026-11-01\n"
    "- Scored: 6 of 8 elements\n"
    "\n"
    "| Element | Title | Score | Coverage | Source |\n"
    "|---|---|---:|---:|---|\n"
    "| SVC | Customer service | 2.5 | 80% | derived |\n"
    "| &nbsp;&nbsp;SVC.1 | Greets and helps visitors | 4 | 100% | rated |\n"
    "| &nbsp;&nbsp;SVC.2 | Handles complaints calmly | 2 | 100% | rated |\n"
    "| TEC | Technology | 2 | 100% | derived |\n"
    "| &nbsp;&nbsp;TEC.1 | Searches the catalogue | 3 | 100% | rated |\n"
    "| &nbsp;&nbsp;TEC.2 | Helps with the public computers | 2 | 100% | rated "
    "|\n"
    "\n"
    "Score in levels of the element's scale; coverage = share of the element's "
    "subtree that is scored; rated = rated directly, derived = rolled up from "
    "its children.\n";

static const char scores_csv[] =
    "subject,rater,role,date,element,title,parent,score,normalized,source,"
    "coverage\r\n"
    "jdoe,asmith,manager,2026-11-01,SVC,Customer "
    "service,,2.5,0.625,derived,0.8\r\n"
    "jdoe,asmith,manager,2026-11-01,SVC.1,Greets and helps "
    "visitors,SVC,4,1,rated,1\r\n"
    "jdoe,asmith,manager,2026-11-01,SVC.2,Handles complaints "
    "calmly,SVC,2,0.5,rated,1\r\n"
    "jdoe,asmith,manager,2026-11-01,TEC,Technology,,2,0.5,derived,1\r\n"
    "jdoe,asmith,manager,2026-11-01,TEC.1,Searches the "
    "catalogue,TEC,3,0.75,rated,1\r\n"
    "jdoe,asmith,manager,2026-11-01,TEC.2,Helps with the public "
    "computers,TEC,2,0.5,rated,1\r\n";

static void test_scores_text(void **state)
{
    check_render(*state, SCORES, CF_REPORT_TEXT, scores_text);
}

static void test_scores_markdown(void **state)
{
    check_render(*state, SCORES, CF_REPORT_MARKDOWN, scores_markdown);
}

static void test_scores_csv(void **state)
{
    check_render(*state, SCORES, CF_REPORT_CSV, scores_csv);
}

/* ---- golden outputs: consolidation ----------------------------------- */

/* The arithmetic is in fixture_build's comment. */
static const char consolidation_text[] =
    "360 consolidation: jdoe\n"
    "Framework: Front desk skills (front-desk)\n"
    "Raters:\n"
    "  self on 2026-10-01, weight 1\n"
    "  asmith (manager) on 2026-10-02, weight 1\n"
    "  bkim (peer), weight 1\n"
    "\n"
    "Element  Title              Level  Raters  Self  Others  Spread  Flag\n"
    "-------  -----------------  -----  ------  ----  ------  ------  "
    "---------------\n"
    "  SVC.1  Greets and hel...   2.67       3     4       2       2  blind "
    "spot\n"
    "  TEC.1  Searches the c...      2       2     1       3       2  hidden "
    "strength\n"
    "Level = the raters' weighted mean; others = the weighted mean of the "
    "raters\n"
    "other than self; spread = highest - lowest rating. Blind spot: self above "
    "the\n"
    "others by the threshold or more; hidden strength: below them by as "
    "much.\n";

static const char consolidation_markdown[] =
    "## 360 consolidation: jdoe\n"
    "\n"
    "- Framework: Front desk skills (front-desk)\n"
    "- Raters:\n"
    "  - self on 2026-10-01, weight 1\n"
    "  - asmith (manager) on 2026-10-02, weight 1\n"
    "  - bkim (peer), weight 1\n"
    "\n"
    "| Element | Title | Level | Raters | Self | Others | Spread | Flag |\n"
    "|---|---|---:|---:|---:|---:|---:|---|\n"
    "| &nbsp;&nbsp;SVC.1 | Greets and helps visitors | 2.67 | 3 | 4 | 2 | 2 | "
    "blind spot |\n"
    "| &nbsp;&nbsp;TEC.1 | Searches the catalogue | 2 | 2 | 1 | 3 | 2 | hidden "
    "strength |\n"
    "\n"
    "Level = the raters' weighted mean; others = the weighted mean of the "
    "raters other than self; spread = highest - lowest rating. Blind spot: "
    "self above the others by the threshold or more; hidden strength: below "
    "them by as much.\n";

/* SVC.1's level in full: 8 / 3. */
static const char consolidation_csv[] =
    "subject,element,title,level,raters,spread,self,others,self_minus_others,"
    "flag\r\n"
    "jdoe,SVC.1,Greets and helps "
    "visitors,2.6666666666666665,3,2,4,2,2,blind_spot\r\n"
    "jdoe,TEC.1,Searches the catalogue,2,2,2,1,3,-2,hidden_strength\r\n";

static void test_consolidation_text(void **state)
{
    check_render(*state, CONSOLIDATION, CF_REPORT_TEXT, consolidation_text);
}

static void test_consolidation_markdown(void **state)
{
    check_render(*state, CONSOLIDATION, CF_REPORT_MARKDOWN,
                 consolidation_markdown);
}

static void test_consolidation_csv(void **state)
{
    check_render(*state, CONSOLIDATION, CF_REPORT_CSV, consolidation_csv);
}

/* ---- golden outputs: progress ---------------------------------------- */

/*
 * Before (jdoe's scores above) and after (fixture_build's comment):
 *   SVC 2.5 -> 3.25 (+0.75), SVC.1 4 -> 4, SVC.2 2 -> 3 (+1), TEC 2 -> 1
 *   (-1), TEC.1 3 -> 3, TEC.2 2 -> 1 (-1), OUT unscored -> 2. Fit 70% ->
 *   90%.
 */
static const char progress_text[] =
    "Progress: jdoe\n"
    "Framework: Front desk skills (front-desk)\n"
    "Before: asmith (manager) on 2026-11-01\n"
    "After: asmith (manager) on 2027-05-01\n"
    "Fit against Front Desk Lead (desk-lead): 70% -> 90%\n"
    "\n"
    "Element  Title                            Before  After  Change  Trend\n"
    "-------  -------------------------------  ------  -----  ------  "
    "---------\n"
    "SVC      Customer service                    2.5   3.25   +0.75  "
    "improved\n"
    "  SVC.1  Greets and helps visitors             4      4       0  "
    "unchanged\n"
    "  SVC.2  Handles complaints calmly             2      3      +1  "
    "improved\n"
    "TEC      Technology                            2      1      -1  "
    "declined\n"
    "  TEC.1  Searches the catalogue                3      3       0  "
    "unchanged\n"
    "  TEC.2  Helps with the public computers       2      1      -1  "
    "declined\n"
    "OUT      Outreach                              -      2       -  "
    "unscored\n"
    "Scores in levels of the element's scale; change = after - before; "
    "unscored = no\n"
    "score before or after.\n";

static const char progress_markdown[] =
    "## Progress: jdoe\n"
    "\n"
    "- Framework: Front desk skills (front-desk)\n"
    "- Before: asmith (manager) on 2026-11-01\n"
    "- After: asmith (manager) on 2027-05-01\n"
    "- Fit against Front Desk Lead (desk-lead): 70% -> 90%\n"
    "\n"
    "| Element | Title | Before | After | Change | Trend |\n"
    "|---|---|---:|---:|---:|---|\n"
    "| SVC | Customer service | 2.5 | 3.25 | +0.75 | improved |\n"
    "| &nbsp;&nbsp;SVC.1 | Greets and helps visitors | 4 | 4 | 0 | unchanged "
    "|\n"
    "| &nbsp;&nbsp;SVC.2 | Handles complaints calmly | 2 | 3 | +1 | improved "
    "|\n"
    "| TEC | Technology | 2 | 1 | -1 | declined |\n"
    "| &nbsp;&nbsp;TEC.1 | Searches the catalogue | 3 | 3 | 0 | unchanged |\n"
    "| &nbsp;&nbsp;TEC.2 | Helps with the public computers | 2 | 1 | -1 | "
    "declined |\n"
    "| OUT | Outreach | - | 2 | - | unscored |\n"
    "\n"
    "Scores in levels of the element's scale; change = after - before; "
    "unscored = no score before or after.\n";

static const char progress_csv[] =
    "subject,profile,fit_before,fit_after,element,title,before,after,change,"
    "trend\r\n"
    "jdoe,desk-lead,0.7,0.9,SVC,Customer service,2.5,3.25,0.75,improved\r\n"
    "jdoe,desk-lead,0.7,0.9,SVC.1,Greets and helps visitors,4,4,0,unchanged\r\n"
    "jdoe,desk-lead,0.7,0.9,SVC.2,Handles complaints calmly,2,3,1,improved\r\n"
    "jdoe,desk-lead,0.7,0.9,TEC,Technology,2,1,-1,declined\r\n"
    "jdoe,desk-lead,0.7,0.9,TEC.1,Searches the catalogue,3,3,0,unchanged\r\n"
    "jdoe,desk-lead,0.7,0.9,TEC.2,Helps with the public "
    "computers,2,1,-1,declined\r\n"
    "jdoe,desk-lead,0.7,0.9,OUT,Outreach,,2,,unscored\r\n";

static void test_progress_text(void **state)
{
    check_render(*state, PROGRESS, CF_REPORT_TEXT, progress_text);
}

static void test_progress_markdown(void **state)
{
    check_render(*state, PROGRESS, CF_REPORT_MARKDOWN, progress_markdown);
}

static void test_progress_csv(void **state)
{
    check_render(*state, PROGRESS, CF_REPORT_CSV, progress_csv);
}

/* Without a profile there is no fit; role weights are shown. */
static void test_progress_without_profile_and_weights(void **state)
{
    const fixture *f = *state;
    static const cf_role_weight weights[] = {{"peer", 2}};
    cf_consolidate_options copts = CF_CONSOLIDATE_OPTIONS_INIT;
    const cf_assessment *inputs[3];
    cf_progress_report *r = NULL;
    cf_consolidation *c = NULL;
    cf_render_options o = options(CF_REPORT_TEXT, 80, 0);
    char *out = NULL;
    cf_error err;

    memset(&err, 0, sizeof err);
    check_ok(cf_progress_analyze(&r, f->jdoe, f->later, NULL, NULL, &err), &err,
             "progress");
    check_ok(cf_progress_report_render(r, &o, &out, &err), &err, "text");
    assert_null(strstr(out, "Fit"));
    assert_non_null(strstr(out, "After: asmith (manager) on 2027-05-01\n\n"));
    cf_string_free(out);
    o.format = CF_REPORT_CSV;
    check_ok(cf_progress_report_render(r, &o, &out, &err), &err, "csv");
    assert_non_null(strstr(out, "\r\njdoe,,,,SVC,Customer service,2.5,3.25,"
                                "0.75,improved\r\n"));
    cf_string_free(out);
    o.format = CF_REPORT_MARKDOWN;
    check_ok(cf_progress_report_render(r, &o, &out, &err), &err, "markdown");
    assert_null(strstr(out, "Fit"));
    cf_string_free(out);
    cf_progress_report_free(r);

    /* A peer weighs 2: SVC.1 is (4 + 2 + 2 x 2) / 4 = 2.5. */
    copts.role_weights = weights;
    copts.role_weight_count = 1;
    inputs[0] = f->inputs[0];
    inputs[1] = f->inputs[1];
    inputs[2] = f->inputs[2];
    check_ok(cf_consolidate(&c, inputs, 3, &copts, &err), &err, "consolidate");
    o.format = CF_REPORT_TEXT;
    check_ok(cf_consolidation_render(c, &o, &out, &err), &err, "text");
    assert_non_null(strstr(out, "  bkim (peer), weight 2\n"));
    assert_non_null(strstr(out, "  self on 2026-10-01, weight 1\n"));
    assert_non_null(strstr(out, "  SVC.1  Greets and hel...    2.5       3"));
    cf_string_free(out);
    cf_consolidation_free(c);
}

/* ---- several gap reports in one document ------------------------------- */

static size_t count_of(const char *s, const char *part)
{
    size_t n = 0;
    const char *at = s;

    while ((at = strstr(at, part)) != NULL) {
        n++;
        at += strlen(part);
    }
    return n;
}

static void test_several_gap_reports(void **state)
{
    const fixture *f = *state;
    char *one = render(f, GAP, CF_REPORT_TEXT, 80, 0);
    char *both = render(f, GAP_BOTH, CF_REPORT_TEXT, 80, 0);
    char *out;
    size_t len = strlen(one);

    /* Text: jdoe's section as alone, a blank line, then ann's section. */
    assert_int_equal(strncmp(both, one, len), 0);
    assert_true(both[len] == '\n');
    assert_true(strncmp(both + len + 1,
                        "Gap report: ann against Front Desk "
                        "Lead (desk-lead)\n",
                        50) == 0);
    assert_non_null(strstr(both + len, "Readiness: NOT READY (critical target "
                                       "not met: TEC)\n"));
    assert_non_null(strstr(both + len, "  1. TEC  Technology: 1 below the "
                                       "required 2 (critical)\n"));
    cf_string_free(one);
    cf_string_free(both);

    /* Markdown: one section each. */
    out = render(f, GAP_BOTH, CF_REPORT_MARKDOWN, 80, 0);
    assert_int_equal(count_of(out, "## Gap report: "), 2);
    assert_non_null(strstr(out, "## Gap report: ann against"));
    cf_string_free(out);

    /* CSV: one header, then 3 rows per subject. */
    out = render(f, GAP_BOTH, CF_REPORT_CSV, 80, 0);
    assert_int_equal(count_of(out, "subject,"), 1);
    assert_int_equal(count_of(out, "\r\n"), 1 + 3 + 3);
    assert_int_equal(count_of(out, "\r\njdoe,"), 3);
    assert_int_equal(count_of(out, "\r\nann,"), 3);
    assert_non_null(strstr(out, "\r\nann,,,,desk-lead,0.9,false,TEC,"
                                "Technology,unmet,2,1,1,0.5,0.25,0.25,1,"
                                "true,1\r\n"));
    cf_string_free(out);
}

/* ---- JSON ---------------------------------------------------------- */

/* s with every line indented by two spaces. */
static char *indented(const char *s)
{
    size_t lines = count_of(s, "\n") + 1;
    char *out = malloc(strlen(s) + 2 * lines + 1);
    char *p = out;

    assert_non_null(out);
    *p++ = ' ';
    *p++ = ' ';
    for (; *s; s++) {
        *p++ = *s;
        if (*s == '\n') {
            *p++ = ' ';
            *p++ = ' ';
        }
    }
    *p = '\0';
    return out;
}

static void test_json(void **state)
{
    const fixture *f = *state;
    char *json_jdoe = NULL, *json_ann = NULL, *json_team = NULL;
    char *out, *a, *b, *expected;
    cf_render_options o = options(CF_REPORT_JSON, 0, 0);
    cf_error err;

    memset(&err, 0, sizeof err);
    check_ok(
        cf_gap_report_to_json(f->gap_jdoe, CF_JSON_PRETTY, &json_jdoe, &err),
        &err, "json jdoe");
    check_ok(cf_gap_report_to_json(f->gap_ann, CF_JSON_PRETTY, &json_ann, &err),
             &err, "json ann");

    /* Gap reports: an array of the objects, indented as its items. */
    out = render(f, GAP_BOTH, CF_REPORT_JSON, 0, 0);
    a = indented(json_jdoe);
    b = indented(json_ann);
    expected = malloc(strlen(a) + strlen(b) + 16);
    assert_non_null(expected);
    sprintf(expected, "[\n%s,\n%s\n]\n", a, b);
    check_text(out, expected);
    cf_string_free(out);
    free(expected);

    /* One gap report is still an array. */
    out = render(f, GAP, CF_REPORT_JSON, 0, 0);
    expected = malloc(strlen(a) + 16);
    assert_non_null(expected);
    sprintf(expected, "[\n%s\n]\n", a);
    check_text(out, expected);
    cf_string_free(out);
    free(expected);
    free(a);
    free(b);

    /* Compact: no line feed but the last. */
    o.json_flags = 0;
    check_ok(render_kind(f, GAP_BOTH, &o, &out, &err), &err, "compact");
    assert_int_equal(count_of(out, "\n"), 1);
    assert_true(strncmp(out, "[{\"report\":\"gap\"", 16) == 0);
    assert_non_null(strstr(out, "},{\"report\":\"gap\""));
    assert_true(support_ends_with(out, "]}]\n") ||
                support_ends_with(out, "]\n"));
    cf_string_free(out);

    /* A team report: the object itself. */
    check_ok(cf_team_report_to_json(f->team, CF_JSON_PRETTY, &json_team, &err),
             &err, "json team");
    out = render(f, TEAM, CF_REPORT_JSON, 0, 0);
    assert_int_equal(strlen(out), strlen(json_team) + 1);
    assert_int_equal(strncmp(out, json_team, strlen(json_team)), 0);
    assert_string_equal(out + strlen(json_team), "\n");
    cf_string_free(out);

    cf_string_free(json_team);
    cf_string_free(json_ann);
    cf_string_free(json_jdoe);
}

/* ---- widths ------------------------------------------------------------ */

/*
 * Long ids, long titles, several levels and text beyond ASCII (2 bytes
 * for é, 3 for — and 日本), so that bytes and characters differ.
 */
static const char wide_yaml[] =
    "framework:\n"
    "  id: very-long-framework-identifier-of-a-consortium\n"
    "  title: \"Compétences du réseau — un très long titre de référentiel "
    "qui ne tient pas sur une ligne\"\n"
    "  scales:\n"
    "    - id: p\n" SUPPORT_YAML_LEVELS_1_TO_4 "  elements:\n"
    "    - id: COMMUNITY-RELATIONS.LEADERSHIP\n"
    "      title: \"Relations communautaires et leadership — 日本語の説明 "
    "avec beaucoup de mots\"\n"
    "      children:\n"
    "        - id: COMMUNITY-RELATIONS.LEADERSHIP.ADVOCACY-AND-OUTREACH\n"
    "          title: \"Défend la bibliothèque auprès des élus, des "
    "partenaires et du public\"\n"
    "        - {id: CR.2, title: Écoute}\n"
    "    - {id: B, title: B}\n"
    "    - {id: C, title: \"Une compétence au titre encore plus long que "
    "toutes les autres réunies, vraiment\"}\n";

typedef struct wide {
    cf_framework *fw;
    cf_profile *profile;
    cf_assessment *a[3];
    cf_gap_report *gap[3];
    cf_team_report *team;
    cf_scores *scores;
    cf_consolidation *consolidation;
    cf_progress_report *progress;
} wide;

static void wide_build(wide *w)
{
    static const rating first[] = {
        {"COMMUNITY-RELATIONS.LEADERSHIP.ADVOCACY-AND-OUTREACH", 2},
        {"CR.2", 4},
        {"B", 1},
        {NULL, 0}};
    static const rating second[] = {
        {"COMMUNITY-RELATIONS.LEADERSHIP", 4}, {"C", 3}, {NULL, 0}};
    static const rating third[] = {
        {"COMMUNITY-RELATIONS.LEADERSHIP.ADVOCACY-AND-OUTREACH", 1},
        {"B", 4},
        {"C", 1},
        {NULL, 0}};
    const cf_assessment *people[3];
    cf_error err;
    size_t i;

    memset(&err, 0, sizeof err);
    w->fw = support_load(wide_yaml);
    check_ok(cf_profile_new(&w->profile, w->fw, "branch-manager",
                            "Responsable d'une très grande bibliothèque de "
                            "quartier — profil détaillé",
                            NULL, &err),
             &err, "profile");
    check_ok(cf_profile_add_target(w->profile, "COMMUNITY-RELATIONS.LEADERSHIP",
                                   3, 2, 1, &err),
             &err, "target 1");
    check_ok(cf_profile_add_target(w->profile, "B", 3, 1, 0, &err), &err,
             "target 2");
    check_ok(cf_profile_add_target(w->profile, "C", 4, 1, 1, &err), &err,
             "target 3");
    w->a[0] = assess(w->fw, "Éloïse Marchand-Dubois de la Fontaine",
                     "Jean-Baptiste Rousseau-Lefebvre", "manager", "2026-11-01",
                     first, NULL);
    w->a[1] = assess(w->fw, "Éloïse Marchand-Dubois de la Fontaine", NULL,
                     "self", "2026-11-02", second, NULL);
    w->a[2] = assess(w->fw, "ann", NULL, NULL, NULL, third, NULL);
    for (i = 0; i < 3; i++) {
        check_ok(cf_gap_analyze(&w->gap[i], w->a[i], w->profile, NULL, &err),
                 &err, "gap");
    }
    people[0] = w->a[0];
    people[1] = w->a[2];
    check_ok(cf_team_analyze(&w->team, people, 2, w->profile, NULL, &err), &err,
             "team");
    check_ok(cf_scores_compute(&w->scores, w->a[0], NULL, &err), &err,
             "scores");
    people[1] = w->a[1];
    check_ok(cf_consolidate(&w->consolidation, people, 2, NULL, &err), &err,
             "consolidate");
    check_ok(cf_progress_analyze(&w->progress, w->a[0], w->a[1], w->profile,
                                 NULL, &err),
             &err, "progress");
}

static void wide_free(wide *w)
{
    size_t i;

    cf_progress_report_free(w->progress);
    cf_consolidation_free(w->consolidation);
    cf_scores_free(w->scores);
    cf_team_report_free(w->team);
    for (i = 0; i < 3; i++) {
        cf_gap_report_free(w->gap[i]);
        cf_assessment_free(w->a[i]);
    }
    cf_profile_free(w->profile);
    cf_framework_free(w->fw);
}

/* The characters (code points) of the n bytes at s, escapes left out. */
static size_t characters(const char *s, size_t n)
{
    size_t count = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        if (s[i] == '\x1b') {
            while (i < n && s[i] != 'm') {
                i++;
            }
            continue;
        }
        count += ((unsigned char)s[i] & 0xC0) != 0x80;
    }
    return count;
}

/* Every line of text takes at most width characters; returns the widest. */
static size_t check_lines(const char *text, unsigned width, const char *what)
{
    const char *line = text;
    size_t widest = 0;

    assert_true(support_ends_with(text, "\n"));
    while (*line) {
        const char *end = strchr(line, '\n');
        size_t n = characters(line, (size_t)(end - line));

        if (n > width) {
            fail_msg("%s at width %u: a line of %zu characters: %.*s", what,
                     width, n, (int)(end - line), line);
        }
        widest = n > widest ? n : widest;
        line = end + 1;
    }
    return widest;
}

static void test_widths(void **state)
{
    static const unsigned widths[] = {40, 80, 120};
    wide w;
    size_t i, c;

    (void)state;
    wide_build(&w);
    for (i = 0; i < sizeof widths / sizeof widths[0]; i++) {
        for (c = 0; c < 2; c++) {
            cf_render_options o = options(CF_REPORT_TEXT, widths[i], (int)c);
            const cf_gap_report *gaps[3];
            const cf_scores *scores[1];
            char *out = NULL;
            cf_error err;
            size_t widest;

            gaps[0] = w.gap[0];
            gaps[1] = w.gap[1];
            gaps[2] = w.gap[2];
            scores[0] = w.scores;
            memset(&err, 0, sizeof err);
            check_ok(cf_gap_report_render(gaps, 3, &o, &out, &err), &err,
                     "gap");
            widest = check_lines(out, widths[i], "gap");
            /* The tables use the room they have. */
            assert_true(widest + 10 >= widths[i]);
            /* The priorities wrap rather than lose their words. */
            assert_non_null(strstr(out, "(critical)"));
            cf_string_free(out);
            check_ok(cf_team_report_render(w.team, &o, &out, &err), &err,
                     "team");
            check_lines(out, widths[i], "team");
            assert_non_null(strstr(out, "Heat map"));
            cf_string_free(out);
            check_ok(cf_scores_render(scores, 1, &o, &out, &err), &err,
                     "scores");
            check_lines(out, widths[i], "scores");
            cf_string_free(out);
            check_ok(cf_consolidation_render(w.consolidation, &o, &out, &err),
                     &err, "consolidation");
            check_lines(out, widths[i], "consolidation");
            cf_string_free(out);
            check_ok(cf_progress_report_render(w.progress, &o, &out, &err),
                     &err, "progress");
            check_lines(out, widths[i], "progress");
            cf_string_free(out);
        }
    }
    wide_free(&w);
}

/* Width 0 means 80; a narrow table leaves out titles before it cuts. */
static void test_width_default_and_narrow(void **state)
{
    const fixture *f = *state;
    char *at80 = render(f, GAP, CF_REPORT_TEXT, 80, 0);
    char *at0 = render(f, GAP, CF_REPORT_TEXT, 0, 0);
    char *at20 = render(f, TEAM, CF_REPORT_TEXT, 20, 0);
    char *at40 = render(f, GAP, CF_REPORT_TEXT, 40, 0);

    assert_string_equal(at0, at80);
    check_lines(at20, 20, "team at 20");
    /* At 40 the titles go and the short headers come. */
    assert_non_null(strstr(at40, "!  Target  Req  Ach  Gap  Status\n"));
    assert_non_null(strstr(at40, "   OUT       2    -    -  unassessed\n"));
    check_lines(at40, 40, "gap at 40");
    cf_string_free(at80);
    cf_string_free(at0);
    cf_string_free(at20);
    cf_string_free(at40);
}

/* ---- colour ------------------------------------------------------------ */

static void test_color(void **state)
{
    const fixture *f = *state;
    char *plain = render(f, GAP_BOTH, CF_REPORT_TEXT, 80, 0);
    char *colored = render(f, GAP_BOTH, CF_REPORT_TEXT, 80, 1);
    char *markdown = render(f, GAP, CF_REPORT_MARKDOWN, 80, 1);
    char *stripped = malloc(strlen(colored) + 1);
    const char *s;
    char *p = stripped;

    assert_null(strchr(plain, '\x1b'));
    assert_null(strchr(markdown, '\x1b'));
    /* Status words: met green, UNMET red, unassessed yellow; readiness. */
    assert_non_null(strstr(colored, "  \x1b[31mUNMET\x1b[0m\n"));
    assert_non_null(strstr(colored, "  \x1b[32mmet\x1b[0m\n"));
    assert_non_null(strstr(colored, "  \x1b[33munassessed\x1b[0m\n"));
    assert_non_null(strstr(colored, "Readiness: \x1b[32mready\x1b[0m ("));
    assert_non_null(strstr(colored, "Readiness: \x1b[31mNOT READY\x1b[0m ("));
    /* Nothing else changes. */
    assert_non_null(stripped);
    for (s = colored; *s; s++) {
        if (*s == '\x1b') {
            s = strchr(s, 'm');
            continue;
        }
        *p++ = *s;
    }
    *p = '\0';
    assert_string_equal(stripped, plain);
    free(stripped);
    cf_string_free(plain);
    cf_string_free(colored);
    cf_string_free(markdown);
}

/* ---- escaping ------------------------------------------------------------ */

static const char quoting_yaml[] =
    "framework:\n"
    "  id: q\n"
    "  title: \"Pipes | and *stars*\"\n"
    "  scales:\n"
    "    - id: p\n" SUPPORT_YAML_LEVELS_1_TO_4 "  elements:\n"
    "    - {id: A, title: \"Says \\\"hi\\\", then | leaves\"}\n"
    "    - {id: B, title: \"Line\\nbreak and \\e[31mescape\"}\n";

static void test_escaping(void **state)
{
    static const rating ratings[] = {{"A", 2}, {"B", 3}, {NULL, 0}};
    cf_framework *fw;
    cf_profile *p = NULL;
    cf_assessment *a;
    cf_gap_report *r = NULL;
    const cf_gap_report *reports[1];
    cf_render_options o = options(CF_REPORT_CSV, 80, 0);
    char *out = NULL;
    cf_error err;

    (void)state;
    memset(&err, 0, sizeof err);
    fw = support_load(quoting_yaml);
    check_ok(cf_profile_new(&p, fw, "p", "A, \"quoted\" profile", NULL, &err),
             &err, "profile");
    check_ok(cf_profile_add_target(p, "A", 3, 1, 0, &err), &err, "A");
    check_ok(cf_profile_add_target(p, "B", 3, 1, 0, &err), &err, "B");
    a = assess(fw, "x,y", NULL, NULL, NULL, ratings, NULL);
    check_ok(cf_gap_analyze(&r, a, p, NULL, &err), &err, "gap");
    reports[0] = r;

    /* CSV: RFC 4180 quoting, quotes doubled; a line break stays inside. */
    check_ok(cf_gap_report_render(reports, 1, &o, &out, &err), &err, "csv");
    assert_non_null(strstr(out, "\r\n\"x,y\",,,,p,"));
    assert_non_null(strstr(out, ",A,\"Says \"\"hi\"\", then | leaves\","));
    assert_non_null(strstr(out, ",B,\"Line\nbreak and  [31mescape\","));
    assert_null(strchr(out, '\x1b'));
    cf_string_free(out);

    /* Markdown: | and * escaped; the line break and escape as spaces. */
    o.format = CF_REPORT_MARKDOWN;
    check_ok(cf_gap_report_render(reports, 1, &o, &out, &err), &err, "md");
    assert_non_null(strstr(out, "| A | Says \"hi\", then \\| leaves | 3 |"));
    assert_non_null(strstr(out, "| B | Line break and  \\[31mescape | 3 |"));
    assert_non_null(
        strstr(out, "- Framework: Pipes \\| and \\*stars\\* (q)\n"));
    assert_null(strchr(out, '\x1b'));
    cf_string_free(out);

    /* Text: control characters as spaces, so the layout holds. */
    o.format = CF_REPORT_TEXT;
    check_ok(cf_gap_report_render(reports, 1, &o, &out, &err), &err, "text");
    assert_non_null(strstr(out, "Line break and  [31mescape"));
    assert_null(strchr(out, '\x1b'));
    cf_string_free(out);

    cf_gap_report_free(r);
    cf_assessment_free(a);
    cf_profile_free(p);
    cf_framework_free(fw);
}

/* A subject that is not UTF-8 cannot be written in any text format. */
static void test_invalid_utf8(void **state)
{
    static const cf_report_format formats[] = {
        CF_REPORT_TEXT, CF_REPORT_MARKDOWN, CF_REPORT_CSV, CF_REPORT_JSON};
    const fixture *f = *state;
    cf_assessment *a =
        assess(f->fw, "J\xf6rg", NULL, NULL, NULL, jdoe_ratings, NULL);
    cf_gap_report *r = NULL;
    const cf_gap_report *reports[1];
    cf_error err;
    size_t i;

    memset(&err, 0, sizeof err);
    check_ok(cf_gap_analyze(&r, a, f->profile, NULL, &err), &err, "gap");
    reports[0] = r;
    for (i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        cf_render_options o = options(formats[i], 80, 0);
        char *out = (char *)&err; /* any non-NULL value */

        memset(&err, 0, sizeof err);
        CHECK_FAILS(cf_gap_report_render(reports, 1, &o, &out, &err),
                    CF_EINVALID, out, &err);
        assert_non_null(strstr(err.message, "not valid UTF-8"));
    }
    cf_gap_report_free(r);
    cf_assessment_free(a);
}

/* ---- formats and options ------------------------------------------------ */

static void test_format_names(void **state)
{
    static const char *const names[] = {"text", "json", "csv", "markdown",
                                        "html"};
    cf_report_format format = CF_REPORT_TEXT;
    cf_error err;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        memset(&err, 0, sizeof err);
        assert_int_equal(cf_report_format_parse(&format, names[i], &err),
                         CF_OK);
        assert_int_equal(format, (cf_report_format)i);
        assert_string_equal(cf_report_format_name(format), names[i]);
    }
    assert_null(cf_report_format_name((cf_report_format)5));
    assert_null(cf_report_format_name((cf_report_format)-1));

    memset(&err, 0, sizeof err);
    format = CF_REPORT_HTML;
    assert_int_equal(cf_report_format_parse(&format, "markdwon", &err),
                     CF_EARG);
    assert_int_equal(format, CF_REPORT_HTML); /* unchanged */
    assert_int_equal(err.code, CF_EARG);
    assert_string_equal(err.message,
                        "unknown report format 'markdwon' (did you mean "
                        "'markdown'? the formats: text, json, csv, markdown, "
                        "html)");
    assert_int_equal(cf_report_format_parse(&format, "JSON", &err), CF_EARG);
    assert_non_null(strstr(err.message, "did you mean 'json'?"));
    assert_int_equal(cf_report_format_parse(&format, "xml", &err), CF_EARG);
    assert_string_equal(err.message, "unknown report format 'xml' (the "
                                     "formats: text, json, csv, markdown, "
                                     "html)");
    assert_int_equal(cf_report_format_parse(&format, NULL, &err), CF_EARG);
    assert_int_equal(cf_report_format_parse(NULL, "text", &err), CF_EARG);
    assert_int_equal(cf_report_format_parse(&format, "", NULL), CF_EARG);
}

/* Renders jdoe's gap report with o, expecting CF_EARG and a message. */
static void check_option_error(const fixture *f, const cf_render_options *o,
                               const char *message)
{
    char *out = (char *)f; /* any non-NULL value */
    cf_error err;

    memset(&err, 0, sizeof err);
    CHECK_FAILS(render_kind(f, GAP, o, &out, &err), CF_EARG, out, &err);
    if (strstr(err.message, message) == NULL) {
        fail_msg("expected a message with \"%s\", got \"%s\"", message,
                 err.message);
    }
}

static void test_option_errors(void **state)
{
    const fixture *f = *state;
    cf_render_options o = options(CF_REPORT_TEXT, 80, 0);
    enum kind kind;

    o.version = 2;
    check_option_error(f, &o, "unknown cf_render_options version 2");
    o = options((cf_report_format)9, 80, 0);
    check_option_error(f, &o, "unknown report format 9");
    o = options(CF_REPORT_TEXT, 19, 0);
    check_option_error(f, &o, "a width of 19 columns is too narrow");
    o = options(CF_REPORT_JSON, 80, 0);
    o.json_flags = 4;
    check_option_error(f, &o, "unknown JSON flags 0x4");

    /* The same checks for every kind of report. */
    o.json_flags = 0;
    o.version = 0;
    for (kind = GAP; kind < KINDS; kind++) {
        char *out = (char *)f;
        cf_error err;

        memset(&err, 0, sizeof err);
        CHECK_FAILS(render_kind(f, kind, &o, &out, &err), CF_EARG, out, &err);
    }

    /* NULL options are the defaults: text, 80 columns, no colour. */
    {
        const cf_gap_report *reports[1];
        char *out = NULL;
        char *expected = render(f, GAP, CF_REPORT_TEXT, 80, 0);
        cf_error err;

        reports[0] = f->gap_jdoe;
        memset(&err, 0, sizeof err);
        check_ok(cf_gap_report_render(reports, 1, NULL, &out, &err), &err,
                 "NULL options");
        assert_string_equal(out, expected);
        cf_string_free(out);
        cf_string_free(expected);
    }
}

static void test_argument_errors(void **state)
{
    const fixture *f = *state;
    const cf_gap_report *reports[2];
    const cf_scores *scores[1];
    cf_render_options o = options(CF_REPORT_TEXT, 80, 0);
    char *out = (char *)f;
    cf_error err;

    reports[0] = f->gap_jdoe;
    reports[1] = NULL;
    scores[0] = f->scores;
    memset(&err, 0, sizeof err);
    CHECK_FAILS(cf_gap_report_render(reports, 0, &o, &out, &err), CF_EARG, out,
                &err);
    assert_string_equal(err.message,
                        "no gap reports to render: count must be at least 1");
    out = (char *)f;
    CHECK_FAILS(cf_scores_render(scores, 0, &o, &out, &err), CF_EARG, out,
                &err);
    out = (char *)f;
    CHECK_FAILS(cf_gap_report_render(NULL, 1, &o, &out, &err), CF_EARG, out,
                &err);
    out = (char *)f;
    CHECK_FAILS(cf_gap_report_render(reports, 2, &o, &out, &err), CF_EARG, out,
                &err);
    assert_string_equal(err.message, "gap reports 2 of 2 is NULL");
    assert_int_equal(cf_gap_report_render(reports, 1, &o, NULL, &err), CF_EARG);
    out = (char *)f;
    CHECK_FAILS(cf_team_report_render(NULL, &o, &out, &err), CF_EARG, out,
                &err);
    out = (char *)f;
    CHECK_FAILS(cf_consolidation_render(NULL, &o, &out, &err), CF_EARG, out,
                &err);
    out = (char *)f;
    CHECK_FAILS(cf_progress_report_render(NULL, &o, &out, &err), CF_EARG, out,
                &err);
    /* err may be NULL. */
    assert_int_equal(cf_gap_report_render(reports, 0, &o, &out, NULL), CF_EARG);
}

/* ---- numbers for people (render_util.c) ---------------------------------- */

static void check_decimal(double v, int decimals, int sign,
                          const char *expected)
{
    char buf[CFI_NUMBER_TEXT_MAX];

    cfi_format_decimal(buf, sizeof buf, v, decimals, sign);
    assert_string_equal(buf, expected);
}

static void check_percent(double v, const char *expected)
{
    char buf[CFI_NUMBER_TEXT_MAX];

    cfi_format_percent(buf, sizeof buf, v);
    assert_string_equal(buf, expected);
}

static void check_exact(double v, const char *expected)
{
    char buf[CFI_NUMBER_TEXT_MAX];

    cfi_format_exact(buf, sizeof buf, v);
    assert_string_equal(buf, expected);
}

static void test_numbers(void **state)
{
    (void)state;
    check_decimal(2.5, 2, 0, "2.5");
    check_decimal(3, 2, 0, "3");
    check_decimal(7.0 / 3.0, 2, 0, "2.33");
    check_decimal(13.0 / 6.0, 2, 0, "2.17");
    check_decimal(-1, 2, 0, "-1");
    check_decimal(-0.001, 2, 0, "0"); /* no "-0" */
    check_decimal(0.75, 2, 1, "+0.75");
    check_decimal(-0.75, 2, 1, "-0.75");
    check_decimal(0, 2, 1, "0");
    check_decimal(NAN, 2, 0, "-");
    check_decimal(1.005, 1, 0, "1");
    check_decimal(1e300, 2, 0, "1e+300");
    check_percent(0.7, "70%");
    check_percent(1, "100%");
    check_percent(0.996, "99%"); /* 100% only when fully met */
    check_percent(0.002, "1%");  /* 0% only when nothing is */
    check_percent(0, "0%");
    check_percent(NAN, "-");
    check_exact(0.1 + 0.2, "0.30000000000000004");
    check_exact(2.0 / 3.0, "0.6666666666666666");
    check_exact(3, "3");
    check_exact(-0.0, "0");
    check_exact(NAN, "");
}

/* ---- allocation failures ------------------------------------------------- */

/*
 * Renders jdoe's gap report, built through a counting allocator, as text
 * failing each allocation in turn (alone, then with every later one): each
 * run gives CF_ENOMEM and "out of memory" with nothing handed back, and
 * returns every block it took.
 */
static void test_allocation_failures(void **state)
{
    static const enum support_fail_mode modes[] = {SUPPORT_FAIL_ONE,
                                                   SUPPORT_FAIL_FROM};
    struct support_counter counter;
    cf_load_options opts;
    fixture f;
    const cf_gap_report *reports[2];
    cf_render_options o = options(CF_REPORT_TEXT, 80, 1);
    char *expected = NULL;
    char *out = NULL;
    size_t blocks, bytes, calls, m, i;
    cf_error err;

    (void)state;
    support_counter_init(&counter);
    opts = support_counter_options(&counter);
    memset(&f, 0, sizeof f);
    fixture_build(&f, &opts);
    reports[0] = f.gap_jdoe;
    reports[1] = f.gap_ann;
    blocks = counter.live_blocks;
    bytes = counter.live_bytes;

    memset(&err, 0, sizeof err);
    support_counter_arm(&counter, SUPPORT_COUNT_ONLY, 0);
    check_ok(cf_gap_report_render(reports, 2, &o, &expected, &err), &err,
             "counting run");
    calls = counter.calls;
    assert_true(calls > 0);
    assert_int_equal(counter.live_blocks, blocks);

    for (m = 0; m < sizeof modes / sizeof modes[0]; m++) {
        for (i = 0; i < calls; i++) {
            support_counter_arm(&counter, modes[m], i);
            out = (char *)&f;
            memset(&err, 0, sizeof err);
            CHECK_FAILS(cf_gap_report_render(reports, 2, &o, &out, &err),
                        CF_ENOMEM, out, &err);
            assert_true(counter.failed >= 1);
            assert_string_equal(err.message, "out of memory");
            assert_int_equal(err.line, 0);
            assert_int_equal(counter.live_blocks, blocks);
            assert_int_equal(counter.live_bytes, bytes);
            assert_int_equal(counter.foreign, 0);
        }
    }

    /* With memory again, the same text. */
    support_counter_arm(&counter, SUPPORT_COUNT_ONLY, 0);
    check_ok(cf_gap_report_render(reports, 2, &o, &out, &err), &err, "again");
    assert_string_equal(out, expected);
    print_message("cf_gap_report_render (text): %zu allocator calls, each "
                  "failed in turn\n",
                  calls);
    cf_string_free(out);
    cf_string_free(expected);
    fixture_free(&f);
    assert_int_equal(counter.live_blocks, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_gap_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gap_markdown, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gap_csv, setup, teardown),
        cmocka_unit_test_setup_teardown(test_team_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_team_markdown, setup, teardown),
        cmocka_unit_test_setup_teardown(test_team_csv, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scores_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scores_markdown, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scores_csv, setup, teardown),
        cmocka_unit_test_setup_teardown(test_consolidation_text, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_consolidation_markdown, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_consolidation_csv, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_progress_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_progress_markdown, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_progress_csv, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_progress_without_profile_and_weights, setup, teardown),
        cmocka_unit_test_setup_teardown(test_several_gap_reports, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_json, setup, teardown),
        cmocka_unit_test(test_widths),
        cmocka_unit_test_setup_teardown(test_width_default_and_narrow, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_color, setup, teardown),
        cmocka_unit_test(test_escaping),
        cmocka_unit_test_setup_teardown(test_invalid_utf8, setup, teardown),
        cmocka_unit_test(test_format_names),
        cmocka_unit_test_setup_teardown(test_option_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_argument_errors, setup, teardown),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_allocation_failures),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
