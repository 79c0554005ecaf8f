/*
 * Allocation failures everywhere (issue 7, item 3). Every operation of the
 * public API is run once counting allocations, then once per allocation
 * with that allocation failing alone, and once with it and every later
 * one failing. Each run must give CF_ENOMEM with "out of memory", no
 * position and no object (or succeed, where a failure did not matter),
 * and every block must come back. Two kinds of allocation are failed:
 *
 * - the library's, through the cf_allocator of cf_load_options (a
 *   counting allocator from support_alloc.h), for the operations that the
 *   other tests do not already fail through it (the list is in
 *   docs/reliability.md);
 * - every malloc, calloc, realloc, strdup and strndup of the program: the
 *   library's own (its default allocator and the strings it returns),
 *   libyaml's and jansson's. The test program is linked with
 *   -Wl,--wrap=malloc and the others (tests/CMakeLists.txt), so that every
 *   call from an object file of the program, which includes the static
 *   library and libyaml.a (linked statically into this program only, so
 *   that its calls are wrapped too), goes to the __wrap_ functions below.
 *   jansson is a shared library, whose calls a link-time wrap does not
 *   reach: json_set_alloc_funcs gives it the same functions for the test
 *   and gives it malloc and free back afterwards. Without libyaml.a
 *   (CF_TEST_STATIC_YAML undefined) libyaml's own calls go to the C
 *   library unseen, and the test says so. The wrap leaves the sanitizers
 *   and valgrind their malloc: the __real_ functions are theirs.
 *
 * A writer's text must be the same in every run that succeeds. (This test
 * found that jansson 2.14's dumper may go on after a failed write, and two
 * allocation failures the CASE writer missed; the library now dumps
 * through cfi_json_dumps and checks them.) jansson's parser does not report
 * every allocation failure: runs in which a call failed inside it are told
 * apart narrowly (failed_in_json_parser), counted and printed, and still
 * checked for leaks and for an object handed back.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "competency.h"
#include "support.h"
#include "support_alloc.h"

/* ---- the wrapped C library allocator ------------------------------------- */

void *__real_malloc(size_t size);
void *__real_calloc(size_t count, size_t size);
void *__real_realloc(void *ptr, size_t size);
void __real_free(void *ptr);

void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t count, size_t size);
void *__wrap_realloc(void *ptr, size_t size);
void __wrap_free(void *ptr);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

/*
 * The calls counted and failed as support_counter does, and the blocks
 * alive (those handed out by the wrap and not yet freed through it).
 * The counting is for one thread: this program runs none.
 */
static struct {
    int armed; /* count and fail calls only while set */
    enum support_fail_mode mode;
    size_t calls;
    size_t fail_at;
    size_t failed;
    size_t failed_in_parser; /* of those, inside jansson's parser */
    size_t failed_in_dumper; /* of those, inside jansson's dumper */
    int in_parser;           /* set while the library calls the parser */
    int in_dumper;           /* set while the library calls the dumper */
    long live_blocks;
} sys;

static int sys_fails(void)
{
    size_t call;
    int fail;

    if (!sys.armed) {
        return 0;
    }
    call = sys.calls++;
    fail = (sys.mode == SUPPORT_FAIL_ONE && call == sys.fail_at) ||
           (sys.mode == SUPPORT_FAIL_FROM && call >= sys.fail_at);
    sys.failed += (size_t)fail;
    sys.failed_in_parser += (size_t)(fail && sys.in_parser);
    sys.failed_in_dumper += (size_t)(fail && sys.in_dumper);
    return fail;
}

void *__wrap_malloc(size_t size)
{
    void *p;

    if (sys_fails()) {
        return NULL;
    }
    p = __real_malloc(size);
    sys.live_blocks += p != NULL;
    return p;
}

void *__wrap_calloc(size_t count, size_t size)
{
    void *p;

    if (sys_fails()) {
        return NULL;
    }
    p = __real_calloc(count, size);
    sys.live_blocks += p != NULL;
    return p;
}

void *__wrap_realloc(void *ptr, size_t size)
{
    if (ptr == NULL) {
        return __wrap_malloc(size);
    }
    if (sys_fails()) {
        return NULL;
    }
    return __real_realloc(ptr, size);
}

void __wrap_free(void *ptr)
{
    sys.live_blocks -= ptr != NULL;
    __real_free(ptr);
}

char *__wrap_strdup(const char *s)
{
    size_t len = strlen(s) + 1;
    char *copy = __wrap_malloc(len);

    if (copy != NULL) {
        memcpy(copy, s, len);
    }
    return copy;
}

char *__wrap_strndup(const char *s, size_t n)
{
    size_t len = 0;
    char *copy;

    while (len < n && s[len] != '\0') {
        len++;
    }
    copy = __wrap_malloc(len + 1);
    if (copy != NULL) {
        memcpy(copy, s, len);
        copy[len] = '\0';
    }
    return copy;
}

/* The library's calls to jansson's parser, so as to know where a call
 * failed (failed_in_json_parser). */
json_t *__real_json_loadb(const char *buffer, size_t buflen, size_t flags,
                          json_error_t *error);
json_t *__real_json_loads(const char *input, size_t flags, json_error_t *error);
json_t *__wrap_json_loadb(const char *buffer, size_t buflen, size_t flags,
                          json_error_t *error);
json_t *__wrap_json_loads(const char *input, size_t flags, json_error_t *error);

json_t *__wrap_json_loadb(const char *buffer, size_t buflen, size_t flags,
                          json_error_t *error)
{
    json_t *root;

    sys.in_parser++;
    root = __real_json_loadb(buffer, buflen, flags, error);
    sys.in_parser--;
    return root;
}

json_t *__wrap_json_loads(const char *input, size_t flags, json_error_t *error)
{
    json_t *root;

    sys.in_parser++;
    root = __real_json_loads(input, flags, error);
    sys.in_parser--;
    return root;
}

/* The library's calls to jansson's dumper (json_dumps writes through
 * json_dump_callback inside jansson, which the wrap does not see). */
char *__real_json_dumps(const json_t *json, size_t flags);
int __real_json_dump_callback(const json_t *json, json_dump_callback_t callback,
                              void *data, size_t flags);
char *__wrap_json_dumps(const json_t *json, size_t flags);
int __wrap_json_dump_callback(const json_t *json, json_dump_callback_t callback,
                              void *data, size_t flags);

char *__wrap_json_dumps(const json_t *json, size_t flags)
{
    char *text;

    sys.in_dumper++;
    text = __real_json_dumps(json, flags);
    sys.in_dumper--;
    return text;
}

int __wrap_json_dump_callback(const json_t *json, json_dump_callback_t callback,
                              void *data, size_t flags)
{
    int rc;

    sys.in_dumper++;
    rc = __real_json_dump_callback(json, callback, data, flags);
    sys.in_dumper--;
    return rc;
}

/* jansson's pair: the wrapped functions (json_malloc_t has no calloc). */
static void *json_counted_malloc(size_t size)
{
    return __wrap_malloc(size);
}

static void json_counted_free(void *ptr)
{
    __wrap_free(ptr);
}

/* ---- inputs -------------------------------------------------------------- */

/* Two scales, a hierarchy, x- keys (scalar and structured), an alias. */
static const char v1_yaml[] =
    "framework:\n"
    "  id: shop\n"
    "  title: &t Shop floor\n"
    "  version: \"1\"\n"
    "  x-owner: {team: ops, tags: [a, b]}\n"
    "  hierarchy: [area, skill]\n"
    "  scales:\n"
    "    - id: p\n"
    "      levels:\n"
    "        - {value: 1, label: Low, x-colour: red}\n"
    "        - {value: 2, label: Mid}\n"
    "        - {value: 3, label: High}\n"
    "      proficient: Mid\n"
    "    - id: yn\n"
    "      levels: [{value: 0, label: \"No\"}, {value: 1, label: \"Yes\"}]\n"
    "      proficient: \"Yes\"\n"
    "  default_scale: p\n"
    "  elements:\n"
    "    - id: A\n"
    "      title: Counter\n"
    "      description: *t\n"
    "      children:\n"
    "        - {id: A.1, title: Till, weight: 2}\n"
    "        - {id: A.2, title: Returns, x-note: hard}\n"
    "    - id: B\n"
    "      title: Stock\n"
    "      rollup: min\n"
    "      children:\n"
    "        - {id: B.1, title: Ordering}\n"
    "        - {id: B.2, title: Forklift, scale: yn}\n"
    "    - {id: C, title: Cleaning}\n";

/* v1 with A.2 retitled, B.1 replaced by B.3, C gone, D new. */
static const char v2_yaml[] =
    "framework:\n"
    "  id: shop\n"
    "  title: Shop floor\n"
    "  version: \"2\"\n"
    "  scales:\n"
    "    - id: p\n"
    "      levels:\n"
    "        - {value: 1, label: Low}\n"
    "        - {value: 2, label: Mid}\n"
    "        - {value: 3, label: High}\n"
    "      proficient: Mid\n"
    "    - id: yn\n"
    "      levels: [{value: 0, label: \"No\"}, {value: 1, label: \"Yes\"}]\n"
    "      proficient: \"Yes\"\n"
    "  default_scale: p\n"
    "  elements:\n"
    "    - id: A\n"
    "      title: Counter\n"
    "      children:\n"
    "        - {id: A.1, title: Till, weight: 2}\n"
    "        - {id: A.2, title: Refunds}\n"
    "    - id: B\n"
    "      title: Stock\n"
    "      children:\n"
    "        - {id: B.3, title: Purchasing, replaced_by: []}\n"
    "        - {id: B.2, title: Forklift, scale: yn}\n"
    "    - {id: D, title: Displays}\n";

/* ann by herself and by her manager, and bob. */
static const char assessments_yaml[] = "assessment:\n"
                                       "  framework: shop\n"
                                       "  subject: ann\n"
                                       "  role: self\n"
                                       "  x-shift: early\n"
                                       "  ratings:\n"
                                       "    A.1: 2\n"
                                       "    A.2: {level: High, note: fine}\n"
                                       "    B.1: 1\n"
                                       "    C: Low\n"
                                       "---\n"
                                       "assessment:\n"
                                       "  subject: ann\n"
                                       "  rater: max\n"
                                       "  role: manager\n"
                                       "  date: 2026-02-01\n"
                                       "  ratings:\n"
                                       "    A.1: 3\n"
                                       "    A.2: 2\n"
                                       "    B.2: \"Yes\"\n"
                                       "---\n"
                                       "assessment:\n"
                                       "  subject: bob\n"
                                       "  ratings: {A.1: 1, B.1: High, C: 2}\n";

static const char assessments_csv[] =
    "subject,element,level,rater,role,date,note\r\n"
    "ann,A.1,2,,self,,\r\n"
    "ann,A.2,High,max,manager,2026-02-01,\"a \"\"quoted\"\" note\"\r\n"
    "bob,B.2,No,,,,\"two\nlines\"\r\n";

static const char profile_yaml[] = "profile:\n"
                                   "  id: clerk\n"
                                   "  title: Clerk\n"
                                   "  framework: shop\n"
                                   "  x-owner: HR\n"
                                   "  targets:\n"
                                   "    A: {level: 2, importance: 2}\n"
                                   "    A.1: {level: High, critical: true}\n"
                                   "    B.2: \"Yes\"\n"
                                   "    C: 2\n";

/* ---- the objects the operations work on ---------------------------------- */

/*
 * Everything built with opts: the counting allocator of phase one, or the
 * library's default (the wrapped malloc) of phase two.
 */
typedef struct world {
    cf_load_options opts;
    cf_framework *v1, *v2, *sols;
    cf_assessment_list *list;
    cf_profile *profile;
    cf_scores *scores[2];
    cf_gap_report *gaps[2];
    cf_team_report *team;
    cf_consolidation *consolidation;
    cf_progress_report *progress;
    cf_diff *diff;
    cf_migration *migration;
    char *case_json;
    char *moodle_csv;
    char *sols_path;
    char *minimal_path;
    char *jdoe_path;
    char *profile_path;
    char *case_path;
    char *moodle_path;
} world;

static const cf_assessment *person(const world *w, size_t i)
{
    return cf_assessment_list_get(w->list, i);
}

static void world_build(world *w, const cf_load_options *opts)
{
    static const cf_role_weight weights[] = {{"manager", 2}};
    cf_consolidate_options copts = CF_CONSOLIDATE_OPTIONS_INIT;
    const cf_assessment *team[2];
    cf_error err;

    memset(w, 0, sizeof *w);
    memset(&err, 0, sizeof err);
    w->opts = *opts;
    w->sols_path =
        support_path(CF_FRAMEWORKS_DIR, "sols-community-relations.yaml");
    w->minimal_path = support_path(CF_TEST_DATA_DIR, "minimal.yaml");
    w->jdoe_path = support_path(CF_TEST_DATA_DIR, "assessments/jdoe.yaml");
    w->profile_path = support_path(CF_TEST_DATA_DIR, "profiles/minimal.yaml");
    w->case_path = support_path(CF_TEST_DATA_DIR, "case/all-associations.json");
    w->moodle_path =
        support_path(CF_TEST_DATA_DIR, "moodle/web-development.csv");
    w->v1 = support_load_opts(v1_yaml, &w->opts);
    w->v2 = support_load_opts(v2_yaml, &w->opts);
    support_fail_on(
        cf_framework_load_file(&w->sols, w->sols_path, &w->opts, &err), &err,
        "SOLS");
    support_fail_on(cf_assessment_list_load_buffer(
                        &w->list, w->v1, assessments_yaml,
                        sizeof assessments_yaml - 1, "people.yaml",
                        CF_FORMAT_YAML, &w->opts, &err),
                    &err, "assessments");
    support_fail_on(cf_profile_load_buffer(&w->profile, w->v1, profile_yaml,
                                           sizeof profile_yaml - 1,
                                           "clerk.yaml", &w->opts, &err),
                    &err, "profile");
    support_fail_on(cf_scores_compute(&w->scores[0], person(w, 0), NULL, &err),
                    &err, "scores");
    support_fail_on(cf_scores_compute(&w->scores[1], person(w, 2), NULL, &err),
                    &err, "scores");
    support_fail_on(
        cf_gap_analyze(&w->gaps[0], person(w, 0), w->profile, NULL, &err), &err,
        "gap");
    support_fail_on(
        cf_gap_analyze(&w->gaps[1], person(w, 2), w->profile, NULL, &err), &err,
        "gap");
    team[0] = person(w, 1);
    team[1] = person(w, 2);
    support_fail_on(cf_team_analyze(&w->team, team, 2, w->profile, NULL, &err),
                    &err, "team");
    copts.role_weights = weights;
    copts.role_weight_count = 1;
    team[0] = person(w, 0);
    team[1] = person(w, 1);
    support_fail_on(cf_consolidate(&w->consolidation, team, 2, &copts, &err),
                    &err, "consolidate");
    support_fail_on(cf_progress_analyze(&w->progress, person(w, 0),
                                        person(w, 1), w->profile, NULL, &err),
                    &err, "progress");
    support_fail_on(cf_framework_diff(&w->diff, w->v1, w->v2, &err), &err,
                    "diff");
    support_fail_on(
        cf_assessment_migrate(&w->migration, person(w, 0), w->v2, &err), &err,
        "migrate");
    support_fail_on(cf_framework_to_case(w->v1, 0, &w->case_json, &err), &err,
                    "CASE");
    support_fail_on(cf_framework_to_moodle(w->v1, &w->moodle_csv, &err), &err,
                    "Moodle");
}

static void world_free(world *w)
{
    cf_string_free(w->moodle_csv);
    cf_string_free(w->case_json);
    cf_migration_free(w->migration);
    cf_diff_free(w->diff);
    cf_progress_report_free(w->progress);
    cf_consolidation_free(w->consolidation);
    cf_team_report_free(w->team);
    cf_gap_report_free(w->gaps[1]);
    cf_gap_report_free(w->gaps[0]);
    cf_scores_free(w->scores[1]);
    cf_scores_free(w->scores[0]);
    cf_profile_free(w->profile);
    cf_assessment_list_free(w->list);
    cf_framework_free(w->sols);
    cf_framework_free(w->v2);
    cf_framework_free(w->v1);
    free(w->moodle_path);
    free(w->case_path);
    free(w->profile_path);
    free(w->jdoe_path);
    free(w->minimal_path);
    free(w->sols_path);
}

/* ---- the operations ------------------------------------------------------ */

/*
 * One operation: run performs it on w with opts (for the loaders) and
 * gives what it made in *out (non-NULL on entry, so that a failure must
 * clear it); done checks and frees it.
 */
typedef struct operation {
    const char *name;
    int (*run)(world *w, const cf_load_options *opts, void **out,
               cf_error *err);
    void (*done)(void *out);
    /* Nonzero where tests/test_*.c already fail the cf_allocator's calls
     * of this operation: phase one leaves it out. */
    int allocator_covered;
} operation;

static void done_framework(void *out)
{
    assert_true(cf_framework_element_count(out) > 0);
    cf_framework_free(out);
}

static void done_list(void *out)
{
    assert_true(cf_assessment_list_count(out) > 0);
    cf_assessment_list_free(out);
}

static void done_profile(void *out)
{
    assert_true(cf_profile_target_count(out) > 0);
    cf_profile_free(out);
}

static void done_scores(void *out)
{
    cf_scores_free(out);
}
static void done_gap(void *out)
{
    cf_gap_report_free(out);
}
static void done_team(void *out)
{
    cf_team_report_free(out);
}
static void done_consolidation(void *out)
{
    cf_consolidation_free(out);
}
static void done_progress(void *out)
{
    cf_progress_report_free(out);
}
static void done_diff(void *out)
{
    cf_diff_free(out);
}
static void done_migration(void *out)
{
    cf_migration_free(out);
}

static void done_string(void *out)
{
    assert_true(strlen(out) > 0);
    cf_string_free(out);
}

/* Defines run_<name>, which calls an operation that fills a T **out. */
#define OPERATION(name, T, call)                                               \
    static int run_##name(world *w, const cf_load_options *opts, void **out,   \
                          cf_error *err)                                       \
    {                                                                          \
        T *made = *out;                                                        \
        int rc;                                                                \
        (void)w;                                                               \
        (void)opts;                                                            \
        rc = (call);                                                           \
        *out = made;                                                           \
        return rc;                                                             \
    }

OPERATION(framework_file, cf_framework,
          cf_framework_load_file(&made, w->minimal_path, opts, err))
OPERATION(framework_buffer, cf_framework,
          cf_framework_load_buffer(&made, v1_yaml, sizeof v1_yaml - 1,
                                   "v1.yaml", opts, err))
OPERATION(assessments_yaml_file, cf_assessment_list,
          cf_assessment_list_load_file(&made, w->sols, w->jdoe_path,
                                       CF_FORMAT_AUTO, opts, err))
OPERATION(assessments_yaml_buffer, cf_assessment_list,
          cf_assessment_list_load_buffer(&made, w->v1, assessments_yaml,
                                         sizeof assessments_yaml - 1,
                                         "people.yaml", CF_FORMAT_YAML, opts,
                                         err))
OPERATION(assessments_csv_buffer, cf_assessment_list,
          cf_assessment_list_load_buffer(&made, w->v1, assessments_csv,
                                         sizeof assessments_csv - 1,
                                         "people.csv", CF_FORMAT_CSV, opts,
                                         err))
OPERATION(profile_file, cf_profile,
          cf_profile_load_file(&made, w->sols, w->profile_path, opts, err))
OPERATION(profile_buffer, cf_profile,
          cf_profile_load_buffer(&made, w->v1, profile_yaml,
                                 sizeof profile_yaml - 1, "clerk.yaml", opts,
                                 err))
OPERATION(scores, cf_scores, cf_scores_compute(&made, person(w, 0), NULL, err))
OPERATION(gap, cf_gap_report,
          cf_gap_analyze(&made, person(w, 0), w->profile, NULL, err))
OPERATION(team, cf_team_report,
          cf_team_analyze(&made,
                          (const cf_assessment *[]){person(w, 1), person(w, 2)},
                          2, w->profile, NULL, err))
OPERATION(consolidation, cf_consolidation,
          cf_consolidate(&made,
                         (const cf_assessment *[]){person(w, 0), person(w, 1)},
                         2, NULL, err))
OPERATION(progress, cf_progress_report,
          cf_progress_analyze(&made, person(w, 0), person(w, 1), w->profile,
                              NULL, err))
OPERATION(diff, cf_diff, cf_framework_diff(&made, w->v1, w->v2, err))
OPERATION(migration, cf_migration,
          cf_assessment_migrate(&made, person(w, 0), w->v2, err))
OPERATION(case_file, cf_framework,
          cf_framework_load_case_file(&made, w->case_path, opts, err))
OPERATION(case_buffer, cf_framework,
          cf_framework_load_case_buffer(&made, w->case_json,
                                        strlen(w->case_json), "v1.json", opts,
                                        err))
OPERATION(moodle_file, cf_framework,
          cf_framework_load_moodle_file(&made, w->moodle_path, opts, err))
OPERATION(moodle_buffer, cf_framework,
          cf_framework_load_moodle_buffer(&made, w->moodle_csv,
                                          strlen(w->moodle_csv), "v1.csv", opts,
                                          err))

/* The writers: each gives a string. */
OPERATION(scores_json, char,
          cf_scores_to_json(w->scores[0], CF_JSON_PRETTY, &made, err))
OPERATION(gap_json, char, cf_gap_report_to_json(w->gaps[0], 0, &made, err))
OPERATION(team_json, char, cf_team_report_to_json(w->team, 0, &made, err))
OPERATION(consolidation_json, char,
          cf_consolidation_to_json(w->consolidation, 0, &made, err))
OPERATION(progress_json, char,
          cf_progress_report_to_json(w->progress, 0, &made, err))
OPERATION(diff_json, char, cf_diff_to_json(w->diff, CF_JSON_PRETTY, &made, err))
OPERATION(migration_json, char,
          cf_migration_to_json(w->migration, 0, &made, err))
OPERATION(case_export, char,
          cf_framework_to_case(w->v1, CF_JSON_PRETTY, &made, err))
OPERATION(moodle_export, char, cf_framework_to_moodle(w->v1, &made, err))
OPERATION(framework_yaml, char, cf_framework_to_yaml(w->v1, &made, err))
OPERATION(assessments_yaml, char,
          cf_assessments_to_yaml((const cf_assessment *[]){person(w, 0),
                                                           person(w, 1),
                                                           person(w, 2)},
                                 3, &made, err))
OPERATION(profile_yaml, char, cf_profile_to_yaml(w->profile, &made, err))

/* The renderers, in the format of the current render_format. */
static cf_render_options render_options;

OPERATION(render_scores, char,
          cf_scores_render((const cf_scores *const *)w->scores, 2,
                           &render_options, &made, err))
OPERATION(render_gap, char,
          cf_gap_report_render((const cf_gap_report *const *)w->gaps, 2,
                               &render_options, &made, err))
OPERATION(render_team, char,
          cf_team_report_render(w->team, &render_options, &made, err))
OPERATION(render_consolidation, char,
          cf_consolidation_render(w->consolidation, &render_options, &made,
                                  err))
OPERATION(render_progress, char,
          cf_progress_report_render(w->progress, &render_options, &made, err))

/*
 * The covered flags: tests/test_alloc.c (framework file and buffer),
 * test_assessment_load.c (assessment files, YAML and CSV), test_profile.c
 * (profile buffer), test_gap.c, test_alloc_reports.c (team, consolidation,
 * progress), test_diff.c, test_migrate.c, test_case.c (CASE buffer),
 * test_moodle.c (Moodle buffer), and test_render.c (the gap report as
 * text, failed separately below as every format is).
 */
static const operation operations[] = {
    {"cf_framework_load_file", run_framework_file, done_framework, 1},
    {"cf_framework_load_buffer", run_framework_buffer, done_framework, 1},
    {"cf_assessment_list_load_file (YAML)", run_assessments_yaml_file,
     done_list, 1},
    {"cf_assessment_list_load_buffer (YAML)", run_assessments_yaml_buffer,
     done_list, 0},
    {"cf_assessment_list_load_buffer (CSV)", run_assessments_csv_buffer,
     done_list, 0},
    {"cf_profile_load_file", run_profile_file, done_profile, 0},
    {"cf_profile_load_buffer", run_profile_buffer, done_profile, 1},
    {"cf_scores_compute", run_scores, done_scores, 0},
    {"cf_gap_analyze", run_gap, done_gap, 1},
    {"cf_team_analyze", run_team, done_team, 1},
    {"cf_consolidate", run_consolidation, done_consolidation, 1},
    {"cf_progress_analyze", run_progress, done_progress, 1},
    {"cf_framework_diff", run_diff, done_diff, 1},
    {"cf_assessment_migrate", run_migration, done_migration, 1},
    {"cf_framework_load_case_file", run_case_file, done_framework, 0},
    {"cf_framework_load_case_buffer", run_case_buffer, done_framework, 1},
    {"cf_framework_load_moodle_file", run_moodle_file, done_framework, 0},
    {"cf_framework_load_moodle_buffer", run_moodle_buffer, done_framework, 1},
    {"cf_scores_to_json", run_scores_json, done_string, 0},
    {"cf_gap_report_to_json", run_gap_json, done_string, 0},
    {"cf_team_report_to_json", run_team_json, done_string, 0},
    {"cf_consolidation_to_json", run_consolidation_json, done_string, 0},
    {"cf_progress_report_to_json", run_progress_json, done_string, 0},
    {"cf_diff_to_json", run_diff_json, done_string, 0},
    {"cf_migration_to_json", run_migration_json, done_string, 0},
    {"cf_framework_to_case", run_case_export, done_string, 0},
    {"cf_framework_to_moodle", run_moodle_export, done_string, 0},
    {"cf_framework_to_yaml", run_framework_yaml, done_string, 0},
    {"cf_assessments_to_yaml", run_assessments_yaml, done_string, 0},
    {"cf_profile_to_yaml", run_profile_yaml, done_string, 0},
};

static const operation renderers[] = {
    {"cf_scores_render", run_render_scores, done_string, 0},
    {"cf_gap_report_render", run_render_gap, done_string, 0},
    {"cf_team_report_render", run_render_team, done_string, 0},
    {"cf_consolidation_render", run_render_consolidation, done_string, 0},
    {"cf_progress_report_render", run_render_progress, done_string, 0},
};

static const cf_report_format formats[] = {CF_REPORT_TEXT, CF_REPORT_JSON,
                                           CF_REPORT_CSV, CF_REPORT_MARKDOWN,
                                           CF_REPORT_HTML};

/* The name of op, with the render format if it renders. */
static const char *op_name(const operation *op, char *buf, size_t size)
{
    if (op->run == renderers[0].run || op->run == renderers[1].run ||
        op->run == renderers[2].run || op->run == renderers[3].run ||
        op->run == renderers[4].run) {
        snprintf(buf, size, "%s (%s)", op->name,
                 cf_report_format_name(render_options.format));
        return buf;
    }
    return op->name;
}

/* ---- failing each call in turn ------------------------------------------ */

/*
 * Whose calls are failed: the counting cf_allocator (c, given to the
 * loaders in opts and to everything else through the objects built with
 * it), or the program's malloc and friends (c NULL; the default
 * allocator).
 */
typedef struct target {
    struct support_counter *c;
    const char *label; /* for the messages */
} target;

static void target_arm(const target *t, enum support_fail_mode mode,
                       size_t fail_at)
{
    if (t->c != NULL) {
        support_counter_arm(t->c, mode, fail_at);
        return;
    }
    sys.calls = 0;
    sys.failed = 0;
    sys.failed_in_parser = 0;
    sys.failed_in_dumper = 0;
    sys.mode = mode;
    sys.fail_at = fail_at;
    sys.armed = 1;
}

/* Stops failing; gives the number of calls since the last arm. */
static size_t target_disarm(const target *t)
{
    size_t calls;

    if (t->c != NULL) {
        calls = t->c->calls;
        t->c->mode = SUPPORT_COUNT_ONLY; /* keeps the count of failures */
        return calls;
    }
    sys.armed = 0;
    return sys.calls;
}

static size_t target_failed(const target *t)
{
    return t->c != NULL ? t->c->failed : sys.failed;
}

/* What is alive: blocks and bytes of the cf_allocator, blocks of malloc. */
typedef struct books {
    long blocks;
    size_t bytes;
} books;

static books target_books(const target *t)
{
    books k = {sys.live_blocks, 0};

    if (t->c != NULL) {
        k.blocks = (long)t->c->live_blocks;
        k.bytes = t->c->live_bytes;
    }
    return k;
}

static void check_books(const target *t, books before, const char *name,
                        size_t i, const char *how)
{
    books after = target_books(t);

    if (after.blocks != before.blocks || after.bytes != before.bytes ||
        (t->c != NULL && t->c->foreign != 0)) {
        fail_msg("%s %s: failing call %zu (%s) left %ld blocks, %zu bytes "
                 "alive, not %ld, %zu",
                 t->label, name, i, how, after.blocks, after.bytes,
                 before.blocks, before.bytes);
    }
}

/*
 * jansson 2.14's parser (json_loadb, json_loads) does not always report
 * an allocation that fails: when growing the buffer of a string fails it
 * drops the character and goes on, so the document comes back with a
 * string cut short; other failures give NULL with an empty message and
 * the code json_error_unknown, which a caller cannot tell from bad JSON.
 * So a run in which a call failed inside jansson's parser (the library's
 * calls to the parser are wrapped to know it) may end in any code: it
 * must still hand back no object on failure and leave nothing alive.
 */
static int failed_in_json_parser(const void *out, int rc)
{
    return sys.failed_in_parser > 0 && (rc == CF_OK || out == NULL);
}

/* The offset of the first byte where a and b differ. */
static size_t first_difference(const char *a, const char *b)
{
    size_t i = 0;

    while (a[i] != '\0' && a[i] == b[i]) {
        i++;
    }
    return i;
}

/* The failure points of every run, for the summary. */
static size_t total_points;

/*
 * Runs op once counting the calls (n), then n times failing call i alone
 * and n times failing call i and every later one: each run gives
 * CF_ENOMEM, "out of memory", no position and no object, or succeeds (the
 * failure did not matter: the result is checked and freed), and leaves as
 * much alive as there was before. Returns n (0: op made no such call).
 */
static size_t fail_each(const target *t, world *w, const operation *op)
{
    static const enum support_fail_mode modes[] = {SUPPORT_FAIL_ONE,
                                                   SUPPORT_FAIL_FROM};
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    char buf[128];
    const char *name = op_name(op, buf, sizeof buf);
    books start = target_books(t);
    books before;
    size_t ok_runs = 0;
    size_t parser_runs = 0;
    char *expected = NULL;
    size_t n, m, i;
    void *out = w;
    cf_error err;
    int rc;

    if (t->c != NULL) {
        opts = support_counter_options(t->c);
    }
    memset(&err, 0, sizeof err);
    target_arm(t, SUPPORT_COUNT_ONLY, 0);
    rc = op->run(w, &opts, &out, &err);
    n = target_disarm(t);
    support_fail_on(rc, &err, name);
    /* A writer's text, which every later run that succeeds must give. */
    if (op->done == done_string) {
        expected = out;
    } else {
        op->done(out);
    }
    before = target_books(t);
    if (expected == NULL) {
        check_books(t, start, name, 0, "counting run");
    }
    if (n == 0) {
        print_message("%s %s: no calls\n", t->label, name);
    }

    for (m = 0; m < sizeof modes / sizeof modes[0]; m++) {
        const char *how = modes[m] == SUPPORT_FAIL_ONE ? "alone" : "and later";

        for (i = 0; i < n; i++) {
            out = w; /* any non-NULL value */
            memset(&err, 0, sizeof err);
            target_arm(t, modes[m], i);
            rc = op->run(w, &opts, &out, &err);
            target_disarm(t);
            /* Call i was reached, so one call (or more) failed. */
            if (target_failed(t) == 0) {
                fail_msg("%s %s: run %zu (%s) did not reach call %zu", t->label,
                         name, i, how, i);
            }
            if (t->c == NULL && failed_in_json_parser(out, rc) &&
                (rc != CF_ENOMEM || out != NULL)) {
                parser_runs++;
                if (rc == CF_OK) {
                    op->done(out);
                }
            } else if (rc == CF_ENOMEM) {
                if (out != NULL || err.code != CF_ENOMEM ||
                    strcmp(err.message, "out of memory") != 0 ||
                    err.line != 0 || err.column != 0) {
                    fail_msg("%s %s: failing call %zu (%s): object %p, error "
                             "%d at %zu:%zu: %s",
                             t->label, name, i, how, out, err.code, err.line,
                             err.column, err.message);
                }
            } else if (rc == CF_OK) {
                ok_runs++;
                if (expected != NULL && strcmp(out, expected) != 0) {
                    size_t at = first_difference(out, expected);

                    fail_msg("%s %s: failing call %zu (%s) gave CF_OK and "
                             "other text (%zu bytes, not %zu); from byte "
                             "%zu: \"%.60s\", not \"%.60s\"",
                             t->label, name, i, how, strlen(out),
                             strlen(expected), at, (char *)out + at,
                             expected + at);
                }
                op->done(out);
            } else {
                fail_msg("%s %s: failing call %zu (%s) gave %d (%s), object "
                         "%p: %s:%zu:%zu: %s",
                         t->label, name, i, how, rc, cf_strerror(rc), out,
                         err.source, err.line, err.column, err.message);
            }
            check_books(t, before, name, i, how);
        }
    }
    if (expected != NULL) {
        op->done(expected);
    }
    check_books(t, start, name, 0, "the last run");
    if (n == 0) {
        return 0;
    }
    print_message("%s %s: %zu calls; with each failed in turn, %zu of %zu "
                  "runs still succeeded\n",
                  t->label, name, n, ok_runs, 2 * n);
    if (parser_runs > 0) {
        print_message("%s %s: %zu runs failed a call inside jansson's parser, "
                      "which does not report all of them\n",
                      t->label, name, parser_runs);
    }
    return n;
}

/* Fails each call of every operation (but the skipped ones) on w. */
static void fail_all(const target *t, world *w, int skip_covered)
{
    size_t i, f;

    total_points = 0;
    for (i = 0; i < sizeof operations / sizeof operations[0]; i++) {
        if (!(skip_covered && operations[i].allocator_covered)) {
            total_points += fail_each(t, w, &operations[i]);
        }
    }
    for (f = 0; f < sizeof formats / sizeof formats[0]; f++) {
        render_options = (cf_render_options)CF_RENDER_OPTIONS_INIT;
        render_options.format = formats[f];
        for (i = 0; i < sizeof renderers / sizeof renderers[0]; i++) {
            total_points += fail_each(t, w, &renderers[i]);
        }
    }
    print_message("%s: %zu failure points, each failed alone and with every "
                  "later call\n",
                  t->label, total_points);
}

/*
 * Phase one: the cf_allocator's calls of the operations the other tests
 * do not fail. The writers whose memory is all malloc's (JSON through
 * jansson, YAML through libyaml) make none; phase two fails theirs.
 */
static void test_cf_allocator(void **state)
{
    struct support_counter c;
    target t = {&c, "cf_allocator"};
    cf_load_options opts;
    world w;

    (void)state;
    support_counter_init(&c);
    opts = support_counter_options(&c);
    world_build(&w, &opts);
    fail_all(&t, &w, 1);
    support_counter_arm(&c, SUPPORT_COUNT_ONLY, 0);
    world_free(&w);
    assert_int_equal(c.live_blocks, 0);
    assert_int_equal(c.foreign, 0);
}

/*
 * Phase two: every call of the program's C allocator, the library's (its
 * default allocator, the strings it returns), libyaml's and jansson's.
 */
static void test_libc_allocations(void **state)
{
    const cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    target t = {NULL, "malloc"};
    long blocks;
    world w;

    (void)state;
#ifndef CF_TEST_STATIC_YAML
    print_message("libyaml.a was not found: libyaml's own allocations are not "
                  "failed\n");
#endif
    json_set_alloc_funcs(json_counted_malloc, json_counted_free);
    blocks = sys.live_blocks;
    world_build(&w, &opts);
    fail_all(&t, &w, 0);
    world_free(&w);
    json_set_alloc_funcs(__real_malloc, __real_free);
    assert_int_equal(sys.live_blocks, blocks);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cf_allocator),
        cmocka_unit_test(test_libc_allocations),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
