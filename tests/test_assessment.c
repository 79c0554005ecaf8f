/*
 * Assessments built through the API: cf_assessment_new, the metadata
 * setters, rating by value, by label and in batches, notes, accessors and
 * reference counting. Public API only.
 *
 * Element indexes of the SOLS framework (frameworks/sols-community-
 * relations.yaml), in pre-order: CR 0, CR.1 1, CR.1.1 .. CR.1.5 2..6,
 * CR.2 7, CR.2.1 .. CR.2.7 8..14, CR.3 15, ..., 42 elements in all (1 area,
 * 6 competencies, 35 KSAs). Its one scale, proficiency, has the levels
 * 1 Beginning, 2 Developing, 3 Proficient, 4 Advanced.
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

static cf_assessment *new_assessment(cf_framework *fw, const char *subject)
{
    cf_assessment *a = NULL;
    cf_error err;

    if (cf_assessment_new(&a, fw, subject, NULL, &err) != CF_OK) {
        fail_msg("cf_assessment_new: %s", err.message);
    }
    assert_non_null(a);
    return a;
}

/* The index of the element with this id. */
static size_t index_of(const cf_framework *fw, const char *id)
{
    const cf_element *el = cf_framework_find(fw, id);

    assert_non_null(el);
    return cf_element_index(el);
}

/* Checks a failure's code and whole message; API errors have no position. */
static void assert_error(int rc, const cf_error *err, int code,
                         const char *message)
{
    assert_int_equal(rc, code);
    assert_int_equal(err->code, code);
    assert_string_equal(err->message, message);
    assert_int_equal(err->line, 0);
    assert_int_equal(err->column, 0);
}

/* ---- making one -------------------------------------------------------- */

static void test_new(void **state)
{
    cf_framework *fw = *state;
    cf_assessment *a = new_assessment(fw, "jdoe");
    size_t i;

    assert_ptr_equal(cf_assessment_framework(a), fw);
    assert_string_equal(cf_assessment_subject(a), "jdoe");
    assert_null(cf_assessment_rater(a));
    assert_null(cf_assessment_role(a));
    assert_null(cf_assessment_date(a));
    assert_null(cf_assessment_source(a));
    assert_int_equal(cf_assessment_line(a), 0);
    assert_int_equal(cf_assessment_rated_count(a), 0);
    assert_int_equal(cf_extensions_count(cf_assessment_extensions(a)), 0);
    for (i = 0; i < cf_framework_element_count(fw); i++) {
        assert_true(isnan(cf_assessment_level(a, i)));
        assert_null(cf_assessment_note(a, i));
    }
    cf_assessment_free(a);
}

static void test_new_copies_subject(void **state)
{
    char subject[] = "jdoe";
    cf_assessment *a = new_assessment(*state, subject);

    subject[0] = 'X';
    assert_string_equal(cf_assessment_subject(a), "jdoe");
    cf_assessment_free(a);
}

static void test_new_arguments(void **state)
{
    cf_framework *fw = *state;
    cf_assessment *a = (cf_assessment *)fw; /* any non-NULL value */
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    cf_error err;
    int rc;

    rc = cf_assessment_new(&a, NULL, "jdoe", NULL, &err);
    assert_error(rc, &err, CF_EARG,
                 "out, the framework and the subject must not be NULL");
    assert_null(a);
    rc = cf_assessment_new(&a, fw, NULL, NULL, &err);
    assert_int_equal(rc, CF_EARG);
    assert_int_equal(cf_assessment_new(NULL, fw, "jdoe", NULL, &err), CF_EARG);
    rc = cf_assessment_new(&a, fw, "", NULL, &err);
    assert_error(rc, &err, CF_EARG, "the subject must not be empty");
    assert_null(a);
    opts.version = 99;
    rc = cf_assessment_new(&a, fw, "jdoe", &opts, &err);
    assert_int_equal(rc, CF_EARG);
    assert_null(a);
    /* A NULL err is fine too. */
    assert_int_equal(cf_assessment_new(&a, fw, "", NULL, NULL), CF_EARG);
}

/* ---- metadata ------------------------------------------------------------ */

static void test_rater_and_role(void **state)
{
    cf_assessment *a = new_assessment(*state, "jdoe");
    char rater[] = "asmith";
    cf_error err;

    assert_int_equal(cf_assessment_set_rater(a, rater, &err), CF_OK);
    rater[0] = 'X';
    assert_string_equal(cf_assessment_rater(a), "asmith");
    assert_int_equal(cf_assessment_set_role(a, "manager", &err), CF_OK);
    assert_string_equal(cf_assessment_role(a), "manager");
    /* NULL clears; an empty text counts as not given. */
    assert_int_equal(cf_assessment_set_rater(a, NULL, &err), CF_OK);
    assert_null(cf_assessment_rater(a));
    assert_int_equal(cf_assessment_set_role(a, "", &err), CF_OK);
    assert_null(cf_assessment_role(a));
    assert_int_equal(cf_assessment_set_rater(NULL, "x", &err), CF_EARG);
    cf_assessment_free(a);
}

static void assert_date_valid(cf_assessment *a, const char *date)
{
    cf_error err;
    int rc = cf_assessment_set_date(a, date, &err);

    if (rc != CF_OK) {
        fail_msg("%s: %s", date, err.message);
    }
    assert_string_equal(cf_assessment_date(a), date);
}

static void assert_date_invalid(cf_assessment *a, const char *date,
                                const char *message)
{
    const char *before = cf_assessment_date(a);
    cf_error err;
    int rc = cf_assessment_set_date(a, date, &err);

    assert_error(rc, &err, CF_EINVALID, message);
    /* A refused date leaves the one before. */
    assert_ptr_equal(cf_assessment_date(a), before);
}

static void test_set_date(void **state)
{
    cf_assessment *a = new_assessment(*state, "jdoe");
    cf_error err;

    assert_date_valid(a, "2026-11-01");
    /* 2028 is divisible by 4 and not by 100: a leap year. */
    assert_date_valid(a, "2028-02-29");
    /* 2000 is divisible by 400: a leap year. */
    assert_date_valid(a, "2000-02-29");
    assert_date_valid(a, "2026-12-31");
    assert_date_valid(a, "2026-01-31");
    /* 2026 is not divisible by 4: February has 28 days. */
    assert_date_invalid(a, "2026-02-29",
                        "invalid date '2026-02-29': the day must be 01 to 28 "
                        "in February 2026");
    /* 1900 is divisible by 100 and not by 400: not a leap year. */
    assert_date_invalid(a, "1900-02-29",
                        "invalid date '1900-02-29': the day must be 01 to 28 "
                        "in February 1900");
    assert_date_invalid(a, "2026-04-31",
                        "invalid date '2026-04-31': the day must be 01 to 30 "
                        "in April 2026");
    assert_date_invalid(a, "2026-01-00",
                        "invalid date '2026-01-00': the day must be 01 to 31 "
                        "in January 2026");
    assert_date_invalid(a, "2026-13-01",
                        "invalid date '2026-13-01': the month must be 01 to "
                        "12");
    assert_date_invalid(a, "2026-00-10",
                        "invalid date '2026-00-10': the month must be 01 to "
                        "12");
    assert_date_invalid(a, "2026-1-1",
                        "invalid date '2026-1-1': expected YYYY-MM-DD, e.g. "
                        "2026-11-01");
    assert_date_invalid(a, "2026-11-01T10:00",
                        "invalid date '2026-11-01T10:00': expected "
                        "YYYY-MM-DD, e.g. 2026-11-01");
    assert_date_invalid(a, "2026/11/01",
                        "invalid date '2026/11/01': expected YYYY-MM-DD, "
                        "e.g. 2026-11-01");
    assert_date_invalid(a, "+026-11-01",
                        "invalid date '+026-11-01': expected YYYY-MM-DD, "
                        "e.g. 2026-11-01");
    /* The last date accepted stays. */
    assert_string_equal(cf_assessment_date(a), "2026-01-31");
    /* NULL clears. */
    assert_int_equal(cf_assessment_set_date(a, NULL, &err), CF_OK);
    assert_null(cf_assessment_date(a));
    cf_assessment_free(a);
}

/* ---- rating ----------------------------------------------------------------
 */

static void test_rate_by_value_and_label(void **state)
{
    cf_framework *fw = *state;
    cf_assessment *a = new_assessment(fw, "jdoe");
    cf_error err;

    assert_int_equal(cf_assessment_rate(a, "CR.1.1", 3, NULL, &err), CF_OK);
    assert_int_equal(
        cf_assessment_rate_label(a, "CR.1.2", "Developing", NULL, &err), CF_OK);
    assert_int_equal(cf_assessment_rate(a, "CR", 1, NULL, &err), CF_OK);
    assert_int_equal(cf_assessment_rated_count(a), 3);
    /* CR.1.1 is index 2, CR.1.2 index 3, CR index 0 (pre-order). */
    assert_true(cf_assessment_level(a, 2) == 3.0);
    assert_true(cf_assessment_level(a, 3) == 2.0);
    assert_true(cf_assessment_level(a, 0) == 1.0);
    assert_true(isnan(cf_assessment_level(a, 1)));
    assert_null(cf_assessment_note(a, 2));
    cf_assessment_free(a);
}

static void test_notes(void **state)
{
    cf_framework *fw = *state;
    cf_assessment *a = new_assessment(fw, "jdoe");
    char note[] = "presented to council in May";
    cf_error err;

    assert_int_equal(cf_assessment_rate(a, "CR.2", 2, note, &err), CF_OK);
    note[0] = 'X';
    assert_int_equal(cf_assessment_rate_label(a, "CR.3", "Advanced",
                                              "leads the partners", &err),
                     CF_OK);
    assert_int_equal(cf_assessment_rate(a, "CR.4", 4, NULL, &err), CF_OK);
    /* CR.2 is index 7 (after CR, CR.1 and its five KSAs), CR.3 index 15
     * (after CR.2's seven KSAs), CR.4 index 19 (after CR.3's three). */
    assert_string_equal(cf_assessment_note(a, 7),
                        "presented to council in May");
    assert_string_equal(cf_assessment_note(a, 15), "leads the partners");
    assert_null(cf_assessment_note(a, 19));
    assert_null(cf_assessment_note(a, 0));
    assert_true(cf_assessment_level(a, 15) == 4.0);
    cf_assessment_free(a);
}

static void test_rate_errors(void **state)
{
    cf_framework *fw = *state;
    cf_assessment *a = new_assessment(fw, "jdoe");
    cf_error err;
    int rc;

    rc = cf_assessment_rate(a, "CR.9", 3, NULL, &err);
    /* CR.9 is one edit from CR.1, the first such id in pre-order. */
    assert_error(rc, &err, CF_EINVALID,
                 "unknown element id 'CR.9' in framework "
                 "'sols-community-relations' (did you mean 'CR.1'?)");
    rc = cf_assessment_rate(a, "management", 3, NULL, &err);
    assert_error(rc, &err, CF_EINVALID,
                 "unknown element id 'management' in framework "
                 "'sols-community-relations'");
    rc = cf_assessment_rate(a, "CR.1.1", 5, NULL, &err);
    assert_error(rc, &err, CF_EINVALID,
                 "level 5 is not on scale 'proficiency' of element 'CR.1.1' "
                 "" SUPPORT_SOLS_LEVELS);
    rc = cf_assessment_rate(a, "CR.1.1", 2.5, NULL, &err);
    assert_error(rc, &err, CF_EINVALID,
                 "level 2.5 is not on scale 'proficiency' of element 'CR.1.1' "
                 "" SUPPORT_SOLS_LEVELS);
    /* 0.1 prints as 0.1 (the shortest text that reads back). */
    rc = cf_assessment_rate(a, "CR.1.1", 0.1, NULL, &err);
    assert_error(rc, &err, CF_EINVALID,
                 "level 0.1 is not on scale 'proficiency' of element 'CR.1.1' "
                 "" SUPPORT_SOLS_LEVELS);
    rc = cf_assessment_rate(a, "CR.1.1", NAN, NULL, &err);
    assert_int_equal(rc, CF_EINVALID);
    rc = cf_assessment_rate_label(a, "CR.1.1", "Expert", NULL, &err);
    assert_error(rc, &err, CF_EINVALID,
                 "level 'Expert' is not on scale 'proficiency' of element "
                 "'CR.1.1' " SUPPORT_SOLS_LEVELS);
    /* Labels match exactly, case included. */
    rc = cf_assessment_rate_label(a, "CR.1.1", "proficient", NULL, &err);
    assert_int_equal(rc, CF_EINVALID);
    rc = cf_assessment_rate_label(a, "CR.1.1", "3", NULL, &err);
    assert_error(rc, &err, CF_EINVALID,
                 "level '3' is not on scale 'proficiency' of element 'CR.1.1' "
                 "" SUPPORT_SOLS_LEVELS
                 " (cf_assessment_rate takes level values)");
    assert_int_equal(cf_assessment_rated_count(a), 0);

    assert_int_equal(cf_assessment_rate(a, "CR.1.1", 3, NULL, &err), CF_OK);
    rc = cf_assessment_rate(a, "CR.1.1", 4, "again", &err);
    assert_error(rc, &err, CF_EINVALID, "element 'CR.1.1' is already rated");
    rc = cf_assessment_rate_label(a, "CR.1.1", "Advanced", NULL, &err);
    assert_error(rc, &err, CF_EINVALID, "element 'CR.1.1' is already rated");
    /* Refused ratings changed nothing. */
    assert_int_equal(cf_assessment_rated_count(a), 1);
    assert_true(cf_assessment_level(a, 2) == 3.0);
    assert_null(cf_assessment_note(a, 2));

    assert_int_equal(cf_assessment_rate(NULL, "CR.1", 3, NULL, &err), CF_EARG);
    assert_int_equal(cf_assessment_rate(a, NULL, 3, NULL, &err), CF_EARG);
    assert_int_equal(cf_assessment_rate_label(a, "CR.1", NULL, NULL, &err),
                     CF_EARG);
    cf_assessment_free(a);
}

static void test_rate_many(void **state)
{
    cf_framework *fw = *state;
    cf_assessment *a = new_assessment(fw, "jdoe");
    const char *ids[] = {"CR.1", "CR.2", "CR.3"};
    const double levels[] = {3, 2, 4};
    cf_error err;

    assert_int_equal(cf_assessment_rate_many(a, ids, levels, 3, &err), CF_OK);
    assert_int_equal(cf_assessment_rated_count(a), 3);
    /* CR.1 index 1, CR.2 index 7, CR.3 index 15. */
    assert_true(cf_assessment_level(a, 1) == 3.0);
    assert_true(cf_assessment_level(a, 7) == 2.0);
    assert_true(cf_assessment_level(a, 15) == 4.0);
    assert_null(cf_assessment_note(a, 1));
    /* Nothing to rate is fine, even with NULL arrays. */
    assert_int_equal(cf_assessment_rate_many(a, NULL, NULL, 0, &err), CF_OK);
    cf_assessment_free(a);
}

static void test_rate_many_all_or_nothing(void **state)
{
    cf_framework *fw = *state;
    cf_assessment *a = new_assessment(fw, "jdoe");
    const char *ids[] = {"CR.1", "CR.2", "CR.9", "CR.4", "CR.5"};
    const double levels[] = {3, 2, 1, 4, 7};
    const char *twice[] = {"CR.5", "CR.1", "CR.2", "CR.1"};
    const double twice_levels[] = {1, 3, 2, 4};
    const char *null_id[] = {"CR.1", NULL};
    const char *rated[] = {"CR.6", "CR.1.1"};
    const double rated_levels[] = {1, 1};
    cf_error err;
    size_t i;
    int rc;

    /* Pair 3 has an unknown id; pairs 1 and 2 were fine, and are undone. */
    rc = cf_assessment_rate_many(a, ids, levels, 5, &err);
    assert_error(rc, &err, CF_EINVALID,
                 "rating 3 of 5: unknown element id 'CR.9' in framework "
                 "'sols-community-relations' (did you mean 'CR.1'?)");
    assert_int_equal(cf_assessment_rated_count(a), 0);
    for (i = 0; i < cf_framework_element_count(fw); i++) {
        assert_true(isnan(cf_assessment_level(a, i)));
    }
    /* With CR.9 fixed, pair 5's level 7 is the first error. */
    ids[2] = "CR.3";
    rc = cf_assessment_rate_many(a, ids, levels, 5, &err);
    assert_error(rc, &err, CF_EINVALID,
                 "rating 5 of 5: level 7 is not on scale 'proficiency' of "
                 "element 'CR.5' " SUPPORT_SOLS_LEVELS);
    assert_int_equal(cf_assessment_rated_count(a), 0);
    /* A batch that rates an element twice: pair 4 repeats pair 2. */
    rc = cf_assessment_rate_many(a, twice, twice_levels, 4, &err);
    assert_error(rc, &err, CF_EINVALID,
                 "rating 4 of 4: element 'CR.1' is already rated (by rating "
                 "2 of 4)");
    assert_int_equal(cf_assessment_rated_count(a), 0);
    rc = cf_assessment_rate_many(a, null_id, levels, 2, &err);
    assert_error(rc, &err, CF_EARG, "rating 2 of 2: the element id is NULL");
    assert_int_equal(cf_assessment_rated_count(a), 0);
    /* An element rated before the call. */
    assert_int_equal(cf_assessment_rate(a, "CR.1.1", 2, "kept", &err), CF_OK);
    rc = cf_assessment_rate_many(a, rated, rated_levels, 2, &err);
    assert_error(rc, &err, CF_EINVALID,
                 "rating 2 of 2: element 'CR.1.1' is already rated");
    assert_int_equal(cf_assessment_rated_count(a), 1);
    /* CR.6 is index 36 (after CR.5 at 28 and its seven KSAs). */
    assert_true(isnan(cf_assessment_level(a, 36)));
    assert_string_equal(cf_assessment_note(a, 2), "kept");
    rc = cf_assessment_rate_many(a, NULL, levels, 1, &err);
    assert_int_equal(rc, CF_EARG);
    cf_assessment_free(a);
}

/* ---- accessors and references -------------------------------------------- */

static void test_accessors_out_of_range(void **state)
{
    cf_framework *fw = *state;
    cf_assessment *a = new_assessment(fw, "jdoe");
    cf_error err;
    size_t n = cf_framework_element_count(fw);

    assert_int_equal(cf_assessment_rate(a, "CR.6.5", 4, "last", &err), CF_OK);
    /* CR.6.5 is the last element: index 41 of 42. */
    assert_int_equal(n, 42);
    assert_true(cf_assessment_level(a, n - 1) == 4.0);
    assert_string_equal(cf_assessment_note(a, n - 1), "last");
    assert_true(isnan(cf_assessment_level(a, n)));
    assert_true(isnan(cf_assessment_level(a, SIZE_MAX)));
    assert_null(cf_assessment_note(a, n));
    assert_null(cf_extensions_get(cf_assessment_extensions(a), "x-any"));
    cf_assessment_free(a);
}

static void test_framework_freed_first(void **state)
{
    cf_framework *fw = support_load_sols();
    cf_assessment *a = new_assessment(fw, "jdoe");
    cf_scores *scores = NULL;
    cf_error err;

    (void)state;
    assert_int_equal(cf_assessment_rate(a, "CR.1.1", 3, "note", &err), CF_OK);
    /* The assessment holds its own reference: the framework lives on. */
    cf_framework_free(fw);
    fw = NULL;
    assert_string_equal(cf_framework_id(cf_assessment_framework(a)),
                        "sols-community-relations");
    assert_string_equal(
        cf_element_id(cf_framework_element(cf_assessment_framework(a), 2)),
        "CR.1.1");
    assert_int_equal(
        cf_assessment_rate_label(a, "CR.1.2", "Advanced", NULL, &err), CF_OK);
    assert_int_equal(cf_assessment_rate(a, "CR.9", 3, NULL, &err), CF_EINVALID);
    assert_int_equal(cf_scores_compute(&scores, a, NULL, &err), CF_OK);
    /* CR.1 derives from CR.1.1 (3) and CR.1.2 (4): the mean 3.5. */
    assert_true(cf_scores_value(scores, 1) == 3.5);
    cf_assessment_free(a);
    /* The scores hold a reference to the assessment, which holds one to
     * the framework: both are freed with the scores (ASan checks). */
    assert_string_equal(cf_assessment_note(cf_scores_assessment(scores), 2),
                        "note");
    cf_scores_free(scores);
}

static void test_refs(void **state)
{
    cf_assessment *a = new_assessment(*state, "jdoe");

    assert_ptr_equal(cf_assessment_ref(a), a);
    assert_null(cf_assessment_ref(NULL));
    cf_assessment_free(a);
    assert_string_equal(cf_assessment_subject(a), "jdoe");
    cf_assessment_free(a);
    cf_assessment_free(NULL);
}

/* ---- scales other than the default -----------------------------------------
 */

static const char two_scales_yaml[] =
    "framework:\n"
    "  id: two\n"
    "  title: Two scales\n"
    "  scales:\n"
    "    - id: p\n"
    "      levels: [{value: 1, label: Low}, {value: 2, label: High}]\n"
    "      proficient: 2\n"
    "    - id: yes-no\n"
    "      levels: [{value: 0, label: \"No\"}, {value: 0.5, label: Partly},\n"
    "               {value: 1, label: \"Yes\"}]\n"
    "      proficient: \"Yes\"\n"
    "  default_scale: p\n"
    "  elements:\n"
    "    - id: A\n"
    "      title: Area\n"
    "      scale: yes-no\n"
    "      children:\n"
    "        - {id: A.1, title: Inherits yes-no}\n"
    "    - {id: B, title: Default scale}\n";

static void test_element_scales(void **state)
{
    cf_framework *fw = support_load(two_scales_yaml);
    cf_assessment *a = new_assessment(fw, "jdoe");
    cf_error err;
    int rc;

    (void)state;
    /* A.1 inherits yes-no from A: 0.5 and "Yes" are its levels. */
    assert_int_equal(cf_assessment_rate(a, "A.1", 0.5, NULL, &err), CF_OK);
    assert_int_equal(cf_assessment_rate_label(a, "A", "Yes", NULL, &err),
                     CF_OK);
    assert_true(cf_assessment_level(a, index_of(fw, "A")) == 1.0);
    /* B is on the default scale p, where 0.5 is not a level. */
    rc = cf_assessment_rate(a, "B", 0.5, NULL, &err);
    assert_error(rc, &err, CF_EINVALID,
                 "level 0.5 is not on scale 'p' of element 'B' (its levels: "
                 "1 Low, 2 High)");
    rc = cf_assessment_rate_label(a, "B", "Yes", NULL, &err);
    assert_error(rc, &err, CF_EINVALID,
                 "level 'Yes' is not on scale 'p' of element 'B' (its "
                 "levels: 1 Low, 2 High)");
    cf_assessment_free(a);
    cf_framework_free(fw);
}

/* A scale with 40 levels: the list in the message is cut with "...". */
static void test_long_level_list(void **state)
{
    char yaml[4096];
    size_t used;
    int i;
    cf_framework *fw;
    cf_assessment *a;
    cf_error err;
    size_t len;

    (void)state;
    used = (size_t)snprintf(yaml, sizeof yaml,
                            "framework:\n  id: many\n  title: Many\n"
                            "  scales:\n    - id: s\n      proficient: 1\n"
                            "      levels:\n");
    for (i = 1; i <= 40; i++) {
        used +=
            (size_t)snprintf(yaml + used, sizeof yaml - used,
                             "        - {value: %d, label: Level%d}\n", i, i);
    }
    snprintf(yaml + used, sizeof yaml - used,
             "  elements:\n    - {id: E, title: E}\n");
    fw = support_load(yaml);
    a = new_assessment(fw, "jdoe");
    assert_int_equal(cf_assessment_rate(a, "E", 41, NULL, &err), CF_EINVALID);
    len = strlen(err.message);
    assert_true(len < CF_ERROR_MESSAGE_MAX);
    assert_non_null(strstr(err.message, "(its levels: 1 Level1, 2 Level2, "));
    assert_true(support_ends_with(err.message, ", ...)"));
    cf_assessment_free(a);
    cf_framework_free(fw);
}

/* ---- allocation failures ------------------------------------------------ */

/*
 * Makes an assessment and rates it with notes, with allocation number
 * fail_at failing: each step either works or fails with CF_ENOMEM leaving
 * the assessment as it was; nothing leaks.
 */
static void test_allocation_failures(void **state)
{
    cf_framework *fw = *state;
    size_t fail_at;

    for (fail_at = 0; fail_at < 12; fail_at++) {
        struct support_counter c;
        cf_load_options opts;
        cf_assessment *a = NULL;
        cf_error err;
        int rc;

        /* Every allocation from the fail_at-th (0-based) on fails. */
        support_counter_init(&c);
        support_counter_arm(&c, SUPPORT_FAIL_FROM, fail_at);
        opts = support_counter_options(&c);
        rc = cf_assessment_new(&a, fw, "jdoe", &opts, &err);
        if (rc != CF_OK) {
            assert_int_equal(rc, CF_ENOMEM);
            assert_null(a);
            assert_int_equal(c.live_blocks, 0);
            continue;
        }
        rc = cf_assessment_rate(a, "CR.2", 2, "a note", &err);
        if (rc != CF_OK) {
            assert_int_equal(rc, CF_ENOMEM);
            assert_int_equal(err.code, CF_ENOMEM);
            assert_int_equal(cf_assessment_rated_count(a), 0);
            assert_true(isnan(cf_assessment_level(a, 7)));
            assert_null(cf_assessment_note(a, 7));
        } else {
            assert_string_equal(cf_assessment_note(a, 7), "a note");
        }
        rc = cf_assessment_set_rater(a, "asmith", &err);
        assert_true(rc == CF_OK || rc == CF_ENOMEM);
        cf_assessment_free(a);
        assert_int_equal(c.live_blocks, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new),
        cmocka_unit_test(test_new_copies_subject),
        cmocka_unit_test(test_new_arguments),
        cmocka_unit_test(test_rater_and_role),
        cmocka_unit_test(test_set_date),
        cmocka_unit_test(test_rate_by_value_and_label),
        cmocka_unit_test(test_notes),
        cmocka_unit_test(test_rate_errors),
        cmocka_unit_test(test_rate_many),
        cmocka_unit_test(test_rate_many_all_or_nothing),
        cmocka_unit_test(test_accessors_out_of_range),
        cmocka_unit_test(test_framework_freed_first),
        cmocka_unit_test(test_refs),
        cmocka_unit_test(test_element_scales),
        cmocka_unit_test(test_long_level_list),
        cmocka_unit_test(test_allocation_failures),
    };

    return cmocka_run_group_tests(tests, support_setup_sols,
                                  support_teardown_sols);
}
