/* cf_suggest: the "did you mean" of the library's messages and the CLI. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "competency.h"

static const char *const keys[] = {"id",    "title",   "description",
                                   "kind",  "weight",  "rollup",
                                   "scale", "children"};
#define KEY_COUNT (sizeof keys / sizeof keys[0])

static void test_typos(void **state)
{
    (void)state;
    /* One swap of neighbours: distance 1 (optimal string alignment). */
    assert_string_equal(cf_suggest("titel", keys, KEY_COUNT), "title");
    /* One letter missing, one extra, one wrong: distance 1 each. */
    assert_string_equal(cf_suggest("weigt", keys, KEY_COUNT), "weight");
    assert_string_equal(cf_suggest("scalle", keys, KEY_COUNT), "scale");
    assert_string_equal(cf_suggest("rollop", keys, KEY_COUNT), "rollup");
    /* Case alone counts as no edit. */
    assert_string_equal(cf_suggest("Title", keys, KEY_COUNT), "title");
}

static void test_prefixes(void **state)
{
    static const char *const scales[] = {"proficiency", "frequency"};
    (void)state;
    /* "profi" is 6 edits from "proficiency" but a prefix of 5 >= 3. */
    assert_string_equal(cf_suggest("profi", scales, 2), "proficiency");
    /* Two characters are too short to count as a prefix. */
    assert_null(cf_suggest("pr", scales, 2));
}

static void test_typo_beats_prefix(void **state)
{
    static const char *const ids[] = {"CR", "CR.1", "CR.1.1", "CR.1.2"};
    static const char *const saf[] = {"SAF", "SAF.1", "SAF.1.2"};
    (void)state;
    /* "CR.1" is a prefix of "CR.1.9" (2 edits away, over the 1 allowed for
     * a 4-letter name), "CR.1.1" one substitution away: the typo wins,
     * though "CR.1" comes first. */
    assert_string_equal(cf_suggest("CR.1.9", ids, 4), "CR.1.1");
    assert_string_equal(cf_suggest("SAF.1.3", saf, 3), "SAF.1.2");
}

static void test_nothing_close(void **state)
{
    static const char *const rollups[] = {"mean", "min", "max"};
    (void)state;
    /* "avg" is 3 edits from each of them; 3-letter words allow 1. */
    assert_null(cf_suggest("avg", rollups, 3));
    assert_null(cf_suggest("zzzzzz", keys, KEY_COUNT));
    assert_null(cf_suggest("", keys, KEY_COUNT));
}

static void test_arguments(void **state)
{
    static const char *const holes[] = {NULL, "title", NULL};
    (void)state;
    assert_null(cf_suggest(NULL, keys, KEY_COUNT));
    assert_null(cf_suggest("titel", NULL, 3));
    assert_null(cf_suggest("titel", keys, 0));
    /* NULL entries are skipped; the answer is the caller's own pointer. */
    assert_ptr_equal(cf_suggest("titel", holes, 3), holes[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_typos),
        cmocka_unit_test(test_prefixes),
        cmocka_unit_test(test_typo_beats_prefix),
        cmocka_unit_test(test_nothing_close),
        cmocka_unit_test(test_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
