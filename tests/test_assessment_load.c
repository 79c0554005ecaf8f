/*
 * Loading assessments from YAML and CSV: the files in
 * tests/data/assessments (valid) and tests/data/assessments/bad (one error
 * class each, with its code, message and position), inline inputs for
 * what files cannot show well (CRLF, byte order marks, NUL bytes, limits),
 * the choice of format, and allocation failures. Public API only.
 *
 * Element indexes of the SOLS framework (frameworks/sols-community-
 * relations.yaml), in pre-order: CR 0, CR.1 1, CR.1.1 .. CR.1.5 2..6,
 * CR.2 7, CR.2.1 .. CR.2.7 8..14, CR.3 15, CR.3.1 .. CR.3.3 16..18, CR.4 19,
 * CR.4.1 .. CR.4.8 20..27, CR.5 28, CR.5.1 .. CR.5.7 29..35, CR.6 36,
 * CR.6.1 .. CR.6.5 37..41. Its scale: 1 Beginning, 2 Developing,
 * 3 Proficient, 4 Advanced.
 *
 * Positions are 1-based lines and columns, columns counting characters;
 * offsets are 0-based bytes. Every expected one says how it was counted.
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

#define GOOD_DIR CF_TEST_DATA_DIR "/assessments"
#define BAD_DIR CF_TEST_DATA_DIR "/assessments/bad"

#define SOLS "'sols-community-relations'"
/* CR.9 is one edit from CR.1, the first such id in pre-order. */
#define UNKNOWN_CR9                                                            \
    "unknown element id 'CR.9' in framework " SOLS " (did you mean 'CR.1'?)"

/* Loads a file that must load; fails the test with the error otherwise. */
static cf_assessment_list *load_file(cf_framework *fw, const char *path,
                                     cf_format format)
{
    cf_assessment_list *list = NULL;
    cf_error err;
    int rc = cf_assessment_list_load_file(&list, fw, path, format, NULL, &err);

    if (rc != CF_OK) {
        fail_msg("%s: %d (%s) at %zu:%zu: %s", path, rc, cf_strerror(rc),
                 err.line, err.column, err.message);
    }
    assert_non_null(list);
    return list;
}

static cf_assessment_list *load_good(cf_framework *fw, const char *name)
{
    char *path = support_path(GOOD_DIR, name);
    cf_assessment_list *list = load_file(fw, path, CF_FORMAT_AUTO);

    free(path);
    return list;
}

/* Loads NUL-terminated text that must load. */
static cf_assessment_list *load_text(cf_framework *fw, const char *text,
                                     cf_format format)
{
    cf_assessment_list *list = NULL;
    cf_error err;
    int rc = cf_assessment_list_load_buffer(&list, fw, text, strlen(text),
                                            "inline", format, NULL, &err);

    if (rc != CF_OK) {
        fail_msg("inline: %d (%s) at %zu:%zu: %s", rc, cf_strerror(rc),
                 err.line, err.column, err.message);
    }
    assert_non_null(list);
    return list;
}

/*
 * The line and column of a byte offset: columns count characters (a UTF-8
 * sequence is one), CR LF is one line break, and a byte order mark at the
 * start is not a character.
 */
static void position_of(const char *data, size_t len, size_t offset,
                        size_t *line, size_t *column)
{
    size_t i = 0;

    *line = 1;
    *column = 1;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        i = 3;
    }
    for (; i < offset && i < len; i++) {
        unsigned char c = (unsigned char)data[i];

        if (c == '\n' || (c == '\r' && (i + 1 == len || data[i + 1] != '\n'))) {
            (*line)++;
            *column = 1;
        } else if (c != '\r' && (c & 0xc0) != 0x80) {
            (*column)++;
        }
    }
}

/*
 * Checks a failed load: code, position, whole message, that nothing came
 * back, and that the byte offset is the reported line and column.
 */
static void check_failure(const char *what, int rc, const cf_error *err,
                          const cf_assessment_list *list, int code, size_t line,
                          size_t column, const char *message, const char *data,
                          size_t len)
{
    size_t at_line;
    size_t at_column;

    if (rc != code || err->code != code || err->line != line ||
        err->column != column || strcmp(err->message, message) != 0) {
        fail_msg("%s: got %d (%s) at %zu:%zu: %s\n"
                 "expected %d (%s) at %zu:%zu: %s",
                 what, rc, cf_strerror(rc), err->line, err->column,
                 err->message, code, cf_strerror(code), line, column, message);
    }
    assert_null(list);
    if (line > 0) {
        position_of(data, len, err->offset, &at_line, &at_column);
        if (err->offset > len || at_line != line || at_column != column) {
            fail_msg("%s: byte offset %zu is %zu:%zu, not %zu:%zu", what,
                     err->offset, at_line, at_column, line, column);
        }
    } else {
        assert_int_equal(err->column, 0);
        assert_int_equal(err->offset, 0);
    }
}

/* Loads NUL-terminated text expected to fail so. */
static void text_fails(cf_framework *fw, const char *text, cf_format format,
                       const cf_load_options *opts, int code, size_t line,
                       size_t column, const char *message)
{
    cf_assessment_list *list = (cf_assessment_list *)fw; /* not NULL */
    cf_error err;
    size_t len = strlen(text);
    int rc;

    memset(&err, 0, sizeof err);
    rc = cf_assessment_list_load_buffer(&list, fw, text, len, "inline", format,
                                        opts, &err);
    check_failure(text, rc, &err, list, code, line, column, message, text, len);
    assert_string_equal(err.source, "inline");
}

/* ---- YAML ---------------------------------------------------------------- */

static void test_yaml_one(void **state)
{
    cf_framework *fw = *state;
    cf_assessment_list *list = load_good(fw, "jdoe.yaml");
    cf_assessment *a;
    const cf_extensions *ext;

    assert_int_equal(cf_assessment_list_count(list), 1);
    assert_null(cf_assessment_list_get(list, 1));
    a = cf_assessment_list_get(list, 0);
    assert_ptr_equal(cf_assessment_framework(a), fw);
    assert_string_equal(cf_assessment_subject(a), "jdoe");
    assert_string_equal(cf_assessment_rater(a), "asmith");
    assert_string_equal(cf_assessment_role(a), "manager");
    assert_string_equal(cf_assessment_date(a), "2026-11-01");
    assert_true(
        support_ends_with(cf_assessment_source(a), "assessments/jdoe.yaml"));
    /* Three comment lines, then `assessment:` on line 4. */
    assert_int_equal(cf_assessment_line(a), 4);
    /* CR.1.1, CR.1.2, CR.1.3, CR.2, CR.3 and CR.4.1. */
    assert_int_equal(cf_assessment_rated_count(a), 6);
    assert_true(cf_assessment_level(a, 2) == 3.0);  /* CR.1.1: 3 */
    assert_true(cf_assessment_level(a, 3) == 3.0);  /* CR.1.2: Proficient */
    assert_true(cf_assessment_level(a, 4) == 2.0);  /* "Developing" */
    assert_true(cf_assessment_level(a, 7) == 2.0);  /* CR.2: {level: 2} */
    assert_true(cf_assessment_level(a, 15) == 4.0); /* CR.3: Advanced */
    assert_true(cf_assessment_level(a, 20) == 1.0); /* CR.4.1: {level: 1} */
    assert_true(isnan(cf_assessment_level(a, 1)));  /* CR.1: not rated */
    assert_null(cf_assessment_note(a, 2));
    assert_string_equal(cf_assessment_note(a, 7),
                        "presented to council in May");
    /* A folded block scalar: the two lines joined by a space. */
    assert_string_equal(cf_assessment_note(a, 15),
                        "Leads the library's work with the town's community "
                        "partners.");
    assert_null(cf_assessment_note(a, 20));
    ext = cf_assessment_extensions(a);
    assert_int_equal(cf_extensions_count(ext), 2);
    assert_string_equal(cf_extensions_key(ext, 0), "x-team");
    assert_string_equal(cf_extensions_value(ext, 0), "outreach");
    assert_string_equal(cf_extensions_get(ext, "x-review"),
                        "{\"every\":\"1\",\"unit\":\"years\"}");
    cf_assessment_list_free(list);
}

static void test_yaml_many(void **state)
{
    cf_framework *fw = *state;
    cf_assessment_list *list = load_good(fw, "team.yaml");
    cf_assessment *a;

    assert_int_equal(cf_assessment_list_count(list), 3);
    a = cf_assessment_list_get(list, 0);
    /* Two comment lines, then `assessment:` on line 3. */
    assert_int_equal(cf_assessment_line(a), 3);
    assert_string_equal(cf_assessment_subject(a), "jdoe");
    assert_string_equal(cf_assessment_role(a), "self");
    assert_null(cf_assessment_rater(a));
    assert_null(cf_assessment_date(a));
    assert_int_equal(cf_assessment_rated_count(a), 2);
    assert_true(cf_assessment_level(a, 2) == 2.0);
    assert_true(cf_assessment_level(a, 3) == 2.0);

    a = cf_assessment_list_get(list, 1);
    /* The second document starts with the `---` on line 9. */
    assert_int_equal(cf_assessment_line(a), 9);
    assert_string_equal(cf_assessment_rater(a), "asmith");
    assert_string_equal(cf_assessment_role(a), "manager");
    assert_string_equal(cf_assessment_date(a), "2026-11-01");
    assert_true(cf_assessment_level(a, 2) == 3.0);
    assert_true(cf_assessment_level(a, 3) == 4.0); /* Advanced */

    a = cf_assessment_list_get(list, 2);
    /* The third with the `---` on line 18 (lines 10-17: 8 lines). */
    assert_int_equal(cf_assessment_line(a), 18);
    assert_string_equal(cf_assessment_subject(a), "\xC3\x89mile Zola");
    assert_int_equal(cf_assessment_rated_count(a), 0);
    assert_int_equal(cf_extensions_count(cf_assessment_extensions(a)), 0);

    /* An assessment may outlive its list. */
    a = cf_assessment_ref(cf_assessment_list_get(list, 1));
    cf_assessment_list_free(list);
    assert_string_equal(cf_assessment_subject(a), "jdoe");
    assert_true(cf_assessment_level(a, 3) == 4.0);
    cf_assessment_free(a);
}

static void test_yaml_buffer(void **state)
{
    cf_framework *fw = *state;
    static const char yaml[] = "assessment: {subject: jdoe, ratings: "
                               "{CR.6.5: 4, CR: Beginning}}\n";
    cf_assessment_list *list = load_text(fw, yaml, CF_FORMAT_AUTO);
    cf_assessment *a = cf_assessment_list_get(list, 0);

    assert_string_equal(cf_assessment_source(a), "inline");
    assert_int_equal(cf_assessment_line(a), 1);
    assert_true(cf_assessment_level(a, 41) == 4.0); /* CR.6.5, the last */
    assert_true(cf_assessment_level(a, 0) == 1.0);  /* CR */
    cf_assessment_list_free(list);

    /* Empty optional text counts as absent; an empty ratings mapping and
     * the `...` document end marker are fine. */
    list = load_text(fw,
                     "assessment:\n  subject: jdoe\n  rater:\n  role: ~\n"
                     "  ratings: {}\n...\n",
                     CF_FORMAT_YAML);
    a = cf_assessment_list_get(list, 0);
    assert_null(cf_assessment_rater(a));
    assert_null(cf_assessment_role(a));
    assert_int_equal(cf_assessment_rated_count(a), 0);
    cf_assessment_list_free(list);

    /* Line 3, `  ratings: {CR.9: 3}`: "  ratings: {" is 12 characters. The
     * two-byte character on line 2 makes the byte offset one more than the
     * character count (check_failure checks the offset). */
    text_fails(fw,
               "assessment:\n  subject: \xC3\x89mile\n  ratings: {CR.9: 3}\n",
               CF_FORMAT_YAML, NULL, CF_EINVALID, 3, 13, UNKNOWN_CR9);
}

/* A framework with two scales, for ratings on a scale other than SOLS's. */
static const char two_scales_yaml[] =
    "framework:\n"
    "  id: two\n"
    "  title: Two scales\n"
    "  scales:\n"
    "    - id: p\n"
    "      levels: [{value: 1, label: Low}, {value: 2, label: High}]\n"
    "      proficient: 2\n"
    "    - id: yes-no\n"
    "      levels: [{value: 0, label: \"No\"}, {value: 1, label: \"Yes\"}]\n"
    "      proficient: \"Yes\"\n"
    "  default_scale: p\n"
    "  elements:\n"
    "    - id: A\n"
    "      title: Area\n"
    "      scale: yes-no\n"
    "      children:\n"
    "        - {id: A.1, title: Inherits yes-no}\n"
    "    - {id: B, title: Default scale}\n";

static void test_yaml_other_scales(void **state)
{
    cf_framework *fw = support_load(two_scales_yaml);
    cf_assessment_list *list;
    cf_assessment *a;

    (void)state;
    list = load_text(fw,
                     "assessment:\n"
                     "  framework: two\n"
                     "  subject: s\n"
                     "  ratings: {A.1: \"Yes\", A: 0, B: High}\n",
                     CF_FORMAT_YAML);
    a = cf_assessment_list_get(list, 0);
    /* Pre-order: A 0, A.1 1, B 2. */
    assert_true(cf_assessment_level(a, 1) == 1.0);
    assert_true(cf_assessment_level(a, 0) == 0.0);
    assert_true(cf_assessment_level(a, 2) == 2.0);
    cf_assessment_list_free(list);
    /* Line 2, `  ratings: {B: Yes}`: "  ratings: {B: " is 15 characters, so
     * the value is at column 16. */
    text_fails(fw, "assessment:\n  ratings: {B: Yes}\n  subject: s\n",
               CF_FORMAT_YAML, NULL, CF_EINVALID, 2, 16,
               "level 'Yes' is not on scale 'p' of element 'B' (its levels: "
               "1 Low, 2 High)");
    /* "  ratings: {A.1: " is 17 characters: the value at column 18. */
    text_fails(fw, "assessment:\n  ratings: {A.1: 2}\n  subject: s\n",
               CF_FORMAT_YAML, NULL, CF_EINVALID, 2, 18,
               "level 2 is not on scale 'yes-no' of element 'A.1' (its "
               "levels: 0 No, 1 Yes)");
    cf_framework_free(fw);
}

/* A file of tests/data/assessments/bad and how loading it fails. */
struct bad_file {
    const char *name;
    int code;
    size_t line;
    size_t column;
    const char *message;
};

/*
 * Each position is counted in the file: "col N" is N - 1 characters before
 * the offending token on its line.
 */
static const struct bad_file bad_yaml[] = {
    /* `    CR.9: 2`: the key after four spaces. */
    {"unknown-element.yaml", CF_EINVALID, 5, 5, UNKNOWN_CR9},
    /* `    CR.1.1: 5`: "    CR.1.1: " is 12 characters, value at 13. */
    {"level-off-scale.yaml", CF_EINVALID, 4, 13,
     "level 5 is not on scale 'proficiency' of element "
     "'CR.1.1' " SUPPORT_SOLS_LEVELS},
    /* `    CR.1.1: "3"`: the opening quote at 13; quoted, "3" is a label. */
    {"level-quoted.yaml", CF_EINVALID, 4, 13,
     "level '3' is not on scale 'proficiency' of element "
     "'CR.1.1' " SUPPORT_SOLS_LEVELS " (write level values without quotes)"},
    /* `    CR.1.1: 03` at 13: YAML 1.1 would read 03 as octal. */
    {"level-leading-zero.yaml", CF_EINVALID, 4, 13,
     "level '03' is not on scale 'proficiency' of element "
     "'CR.1.1' " SUPPORT_SOLS_LEVELS
     " (write level values without leading zeros)"},
    /* `    CR.1: {level: Expert, ...`: "    CR.1: {level: " is 18. */
    {"level-unknown-label.yaml", CF_EINVALID, 4, 19,
     "level 'Expert' is not on scale 'proficiency' of element 'CR.1' "
     "" SUPPORT_SOLS_LEVELS},
    /* `  framework: sols-library-management`: "  framework: " is 13. */
    {"framework-mismatch.yaml", CF_EINVALID, 2, 14,
     "assessment is for framework 'sols-library-management', but the "
     "framework loaded is " SOLS},
    /* The assessment mapping starts at its first key, `rater`, line 2
     * after two spaces. */
    {"missing-subject.yaml", CF_EINVALID, 2, 3,
     "missing required key 'subject' in the assessment"},
    /* The second `    CR.1:` key is on line 6 after four spaces, the
     * first on line 4. */
    {"rated-twice.yaml", CF_EINVALID, 6, 5,
     "element 'CR.1' is rated twice in this assessment (first at line 4, "
     "column 5)"},
    /* `  ratngs:` on line 3; the subject read on line 2 names it. */
    {"unknown-key.yaml", CF_EINVALID, 3, 3,
     "unknown key 'ratngs' in assessment 'jdoe' (did you mean 'ratings'?)"},
    /* `  subject: {name: jdoe}`: "  subject: " is 11, the `{` at 12. */
    {"subject-mapping.yaml", CF_EINVALID, 2, 12,
     "expected a string for 'subject' in the assessment, found a mapping"},
    /* `    - CR.1: 3`: the sequence starts at the `-` after four spaces. */
    {"ratings-sequence.yaml", CF_EINVALID, 4, 5,
     "expected a mapping of element ids to levels for 'ratings' in "
     "assessment 'jdoe', found a sequence"},
    /* `    CR.1:` is 9 characters; libyaml puts the empty value right after
     * the colon, at 10. */
    {"rating-empty.yaml", CF_EINVALID, 4, 10,
     "expected a level value, a level label or a mapping with 'level' for "
     "element 'CR.1' in 'ratings', found an empty value"},
    /* `    CR.2: {note: "no level"}`: the mapping starts at the `{` after
     * "    CR.2: " (10 characters). */
    {"rating-missing-level.yaml", CF_EINVALID, 4, 11,
     "missing required key 'level' in rating of element 'CR.2'"},
    /* `    CR.2: {level: 2, notes: "typo"}`: "    CR.2: {level: 2, " is
     * 21 characters. */
    {"rating-unknown-key.yaml", CF_EINVALID, 4, 22,
     "unknown key 'notes' in rating of element 'CR.2' (did you mean "
     "'note'?)"},
    /* Reported at the rating mapping's `{`, as rating-missing-level. */
    {"rating-extension.yaml", CF_EINVALID, 4, 11,
     "unknown key 'x-evidence' in rating of element 'CR.2' (a rating has "
     "only 'level' and 'note'; put x- keys in the assessment mapping)"},
    /* `  date: 2026-02-29`: "  date: " is 8 characters. 2026 is not a leap
     * year. */
    {"date-invalid.yaml", CF_EINVALID, 3, 9,
     "invalid date '2026-02-29': the day must be 01 to 28 in February "
     "2026"},
    {"date-format.yaml", CF_EINVALID, 3, 9,
     "invalid date '1/11/2026': expected YYYY-MM-DD, e.g. 2026-11-01"},
    /* The second document's `    CR.1: Beginer` on line 9 (its `---` is on
     * line 5): "    CR.1: " is 10 characters. */
    {"second-document.yaml", CF_EINVALID, 9, 11,
     "level 'Beginer' is not on scale 'proficiency' of element 'CR.1' "
     "" SUPPORT_SOLS_LEVELS},
    /* The root key `profile` at the start of line 1. */
    {"root-profile.yaml", CF_EINVALID, 1, 1,
     "this is a profile document, not an assessment (expected the key "
     "'assessment')"},
    /* The flow mapping opened at line 3, column 12 ("  ratings: " is 11) is
     * still open where the input ends: line 4, column 1, after the last
     * line break. */
    {"syntax.yaml", CF_ESYNTAX, 4, 1,
     "while parsing a flow mapping (that started at line 3, column 12): did "
     "not find expected ',' or '}'"},
    /* No document at all: the end of the stream at 1:1. */
    {"empty.yaml", CF_EINVALID, 1, 1,
     "empty document: expected a mapping with the key 'assessment'"},
};

static const struct bad_file bad_csv[] = {
    /* `jdoe,CR.1,"3`: "jdoe,CR.1," is 10 characters, so the quote that is
     * never closed is at column 11. */
    {"unterminated-quote.csv", CF_ESYNTAX, 2, 11,
     "unterminated quoted field: the quote that opens it is never closed"},
    /* `jdoe,CR.1,3,say "hi"`: "jdoe,CR.1,3,say " is 16 characters. */
    {"quote-in-field.csv", CF_ESYNTAX, 2, 17,
     "quote inside an unquoted field (quote the whole field and double each "
     "quote in it)"},
    /* `jdoe,CR.1,3,"hi" there`: the field `"hi"` fills columns 13-16, the
     * space after it is at 17. */
    {"text-after-quote.csv", CF_ESYNTAX, 2, 17,
     "text after the closing quote of a field (write a quote inside a "
     "quoted field as \"\")"},
    /* `jdoe,CR.1,3,caf\xE9` (Latin-1 e acute): "jdoe,CR.1,3,caf" is 15. */
    {"invalid-utf8.csv", CF_ESYNTAX, 2, 16,
     "invalid UTF-8: byte 0xE9 does not start a valid sequence (save the "
     "file as UTF-8)"},
    /* `subject,element,levle`: "subject,element," is 16 characters. */
    {"unknown-column.csv", CF_EINVALID, 1, 17,
     "unknown column 'levle' in the header (did you mean 'level'?)"},
    /* "subject,element,level," is 22 characters. */
    {"unknown-column-no-hint.csv", CF_EINVALID, 1, 23,
     "unknown column 'comment' in the header (the columns are subject, "
     "element, level, rater, role, date and note)"},
    /* `subject,element,level,rater,level`: the first level at 17, the
     * second after "subject,element,level,rater," (28 characters). */
    {"duplicate-column.csv", CF_EINVALID, 1, 29,
     "duplicate column 'level' in the header (first at line 1, column 17)"},
    /* `subject,level,note`: reported at the header's start. */
    {"missing-column.csv", CF_EINVALID, 1, 1,
     "missing column 'element' in the header (required: subject, element "
     "and level; optional: rater, role, date and note)"},
    /* `jdoe,CR.1`: reported at the start of the short row. */
    {"too-few-fields.csv", CF_EINVALID, 2, 1,
     "row has 2 fields, the header has 3"},
    /* `jdoe,CR.1,3,extra,more`: at the first field too many, after
     * "jdoe,CR.1,3," (12 characters). */
    {"too-many-fields.csv", CF_EINVALID, 2, 13,
     "row has 5 fields, the header has 3"},
    /* `,CR.2,3` on line 3: the empty subject is the line's first field. */
    {"empty-subject.csv", CF_EINVALID, 3, 1,
     "in field 'subject': empty value (every row needs a subject)"},
    /* `jdoe,CR.1,`: the empty level after "jdoe,CR.1," (10 characters). */
    {"empty-level.csv", CF_EINVALID, 2, 11,
     "in field 'level': empty value (every row needs a level)"},
    /* `jdoe,CR.9,3` on line 3: the element after "jdoe," (5). */
    {"unknown-element.csv", CF_EINVALID, 3, 6,
     "in field 'element': " UNKNOWN_CR9},
    /* `jdoe,CR.1.1,5`: the level after "jdoe,CR.1.1," (12). */
    {"level-off-scale.csv", CF_EINVALID, 2, 13,
     "in field 'level': level 5 is not on scale 'proficiency' of element "
     "'CR.1.1' " SUPPORT_SOLS_LEVELS},
    {"level-unknown-label.csv", CF_EINVALID, 2, 13,
     "in field 'level': level 'Expert' is not on scale 'proficiency' of "
     "element 'CR.1.1' " SUPPORT_SOLS_LEVELS},
    /* jdoe's self rating of CR.1 is on line 2 and again on line 5 (bsmith's
     * row on line 3 is another assessment): the element after "jdoe,". */
    {"rated-twice.csv", CF_EINVALID, 5, 6,
     "in field 'element': element 'CR.1' is rated twice for subject 'jdoe' "
     "(first at line 2)"},
    /* `jdoe,CR.1,3,2026-02-29`: the date after "jdoe,CR.1,3," (12). */
    {"date-invalid.csv", CF_EINVALID, 2, 13,
     "in field 'date': invalid date '2026-02-29': the day must be 01 to 28 "
     "in February 2026"},
    /* Nothing at all: the end of the input is 1:1. */
    {"empty.csv", CF_EINVALID, 1, 1,
     "empty file: expected a header row with the columns subject, element "
     "and level"},
    /* A byte order mark and two blank lines: the end is at line 3, column 1
     * (the mark is not a character). */
    {"only-bom.csv", CF_EINVALID, 3, 1,
     "empty file: expected a header row with the columns subject, element "
     "and level"},
};

/* Loads a bad file from the file and from a buffer; both must fail so. */
static void check_bad_file(cf_framework *fw, const struct bad_file *bad)
{
    char *path = support_path(BAD_DIR, bad->name);
    cf_format format =
        support_ends_with(bad->name, ".csv") ? CF_FORMAT_CSV : CF_FORMAT_YAML;
    cf_assessment_list *list = (cf_assessment_list *)fw; /* not NULL */
    cf_error err;
    size_t len;
    char *data = support_read_file(path, &len);
    int rc;

    memset(&err, 0, sizeof err);
    rc = cf_assessment_list_load_file(&list, fw, path, CF_FORMAT_AUTO, NULL,
                                      &err);
    check_failure(bad->name, rc, &err, list, bad->code, bad->line, bad->column,
                  bad->message, data, len);
    assert_string_equal(err.source, path);

    list = (cf_assessment_list *)fw;
    memset(&err, 0, sizeof err);
    rc = cf_assessment_list_load_buffer(&list, fw, data, len, NULL, format,
                                        NULL, &err);
    check_failure(bad->name, rc, &err, list, bad->code, bad->line, bad->column,
                  bad->message, data, len);
    assert_string_equal(err.source, "<buffer>");
    free(data);
    free(path);
}

static void check_bad_files(cf_framework *fw, const struct bad_file *bad,
                            size_t count)
{
    size_t i;

    for (i = 0; i < count; i++) {
        check_bad_file(fw, &bad[i]);
    }
}

static void test_yaml_errors(void **state)
{
    check_bad_files(*state, bad_yaml, sizeof bad_yaml / sizeof bad_yaml[0]);
}

/* The framework's id checked against another framework. */
static void test_yaml_framework_mismatch(void **state)
{
    cf_framework *fw = support_load(two_scales_yaml);
    char *path = support_path(GOOD_DIR, "jdoe.yaml");
    cf_assessment_list *list = NULL;
    cf_error err;
    int rc;

    (void)state;
    rc = cf_assessment_list_load_file(&list, fw, path, CF_FORMAT_AUTO, NULL,
                                      &err);
    assert_int_equal(rc, CF_EINVALID);
    assert_null(list);
    /* `  framework: sols-community-relations` on line 5: the value after
     * "  framework: " (13 characters). */
    assert_int_equal(err.line, 5);
    assert_int_equal(err.column, 14);
    assert_string_equal(err.message,
                        "assessment is for framework "
                        "'sols-community-relations', but the framework "
                        "loaded is 'two'");
    free(path);
    cf_framework_free(fw);
}

/* ---- CSV ----------------------------------------------------------------- */

static void test_csv_file(void **state)
{
    cf_framework *fw = *state;
    cf_assessment_list *list = load_good(fw, "ratings.csv");
    cf_assessment *a;

    /* jdoe by asmith as manager on 2026-11-01; bsmith's self rating; jdoe's
     * self rating on 2026-10-01: three assessments of two subjects. */
    assert_int_equal(cf_assessment_list_count(list), 3);

    a = cf_assessment_list_get(list, 0);
    assert_string_equal(cf_assessment_subject(a), "jdoe");
    assert_string_equal(cf_assessment_rater(a), "asmith");
    assert_string_equal(cf_assessment_role(a), "manager");
    assert_string_equal(cf_assessment_date(a), "2026-11-01");
    assert_true(
        support_ends_with(cf_assessment_source(a), "assessments/ratings.csv"));
    assert_int_equal(cf_assessment_line(a), 2); /* its first row */
    assert_int_equal(cf_assessment_rated_count(a), 3);
    assert_true(cf_assessment_level(a, 2) == 3.0); /* CR.1.1 */
    assert_null(cf_assessment_note(a, 2));         /* an empty note */
    assert_true(cf_assessment_level(a, 3) == 3.0); /* CR.1.2: Proficient */
    assert_string_equal(cf_assessment_note(a, 3),
                        "Wrote the annual report, with figures");
    assert_true(cf_assessment_level(a, 7) == 2.0); /* CR.2, lines 5-6 */
    assert_string_equal(cf_assessment_note(a, 7), "First line\nsecond line");
    assert_int_equal(cf_extensions_count(cf_assessment_extensions(a)), 0);

    a = cf_assessment_list_get(list, 1);
    assert_string_equal(cf_assessment_subject(a), "bsmith");
    assert_null(cf_assessment_rater(a));
    assert_string_equal(cf_assessment_role(a), "self");
    assert_null(cf_assessment_date(a));
    assert_int_equal(cf_assessment_line(a), 4);
    assert_int_equal(cf_assessment_rated_count(a), 2);
    assert_true(cf_assessment_level(a, 2) == 1.0);
    assert_string_equal(cf_assessment_note(a, 2), "Says \"not yet\"");
    assert_true(cf_assessment_level(a, 41) == 4.0); /* CR.6.5: Advanced */

    a = cf_assessment_list_get(list, 2);
    assert_string_equal(cf_assessment_subject(a), "jdoe");
    assert_null(cf_assessment_rater(a));
    assert_string_equal(cf_assessment_role(a), "self");
    assert_string_equal(cf_assessment_date(a), "2026-10-01");
    /* Line 8: the quoted note of line 5 ends on line 6. */
    assert_int_equal(cf_assessment_line(a), 8);
    assert_int_equal(cf_assessment_rated_count(a), 1);
    assert_true(cf_assessment_level(a, 2) == 4.0);
    cf_assessment_list_free(list);
}

static void test_csv_columns_in_any_order(void **state)
{
    cf_framework *fw = *state;
    cf_assessment_list *list = load_good(fw, "reordered.csv");
    cf_assessment *a;

    assert_int_equal(cf_assessment_list_count(list), 2);
    a = cf_assessment_list_get(list, 0);
    assert_string_equal(cf_assessment_subject(a), "jdoe");
    assert_null(cf_assessment_rater(a));
    assert_null(cf_assessment_role(a));
    assert_null(cf_assessment_date(a));
    assert_int_equal(cf_assessment_rated_count(a), 2);
    assert_true(cf_assessment_level(a, 2) == 3.0);  /* CR.1.1 */
    assert_true(cf_assessment_level(a, 36) == 1.0); /* CR.6: Beginning */
    assert_string_equal(cf_assessment_note(a, 36), "a, b");
    a = cf_assessment_list_get(list, 1);
    assert_string_equal(cf_assessment_subject(a), "bsmith");
    assert_int_equal(cf_assessment_line(a), 4);
    assert_true(cf_assessment_level(a, 2) == 2.0);
    cf_assessment_list_free(list);
}

static void test_csv_crlf_bom(void **state)
{
    cf_framework *fw = *state;
    /* A byte order mark, CRLF line ends, a CRLF inside a quoted field, a
     * quoted header and quoted values, an empty quoted rater. */
    static const char csv[] = "\xEF\xBB\xBF\"subject\",element,level,note,"
                              "rater\r\n"
                              "jdoe,CR.1,\"3\",\"a\r\nb\",\"\"\r\n"
                              "bsmith,CR.2,Developing,,x\r\n";
    cf_assessment_list *list = load_text(fw, csv, CF_FORMAT_CSV);
    cf_assessment *a = cf_assessment_list_get(list, 0);

    assert_int_equal(cf_assessment_list_count(list), 2);
    assert_string_equal(cf_assessment_subject(a), "jdoe");
    /* In CSV, quotes are only quoting: "3" is the level value 3. */
    assert_true(cf_assessment_level(a, 1) == 3.0);
    assert_string_equal(cf_assessment_note(a, 1), "a\r\nb");
    assert_null(cf_assessment_rater(a));
    a = cf_assessment_list_get(list, 1);
    /* Line 4: the quoted note spans lines 2 and 3. */
    assert_int_equal(cf_assessment_line(a), 4);
    assert_string_equal(cf_assessment_rater(a), "x");
    assert_true(cf_assessment_level(a, 7) == 2.0);
    cf_assessment_list_free(list);
}

static void test_csv_layout(void **state)
{
    cf_framework *fw = *state;
    cf_assessment_list *list;

    /* No line break after the last row. */
    list = load_text(fw, "subject,element,level\njdoe,CR.1,3", CF_FORMAT_CSV);
    assert_int_equal(cf_assessment_list_count(list), 1);
    assert_true(cf_assessment_level(cf_assessment_list_get(list, 0), 1) == 3);
    cf_assessment_list_free(list);
    /* Blank lines anywhere are skipped; the row is on line 6. */
    list = load_text(fw, "\n\nsubject,element,level\n\r\n\njdoe,CR.1,3\n\n\n",
                     CF_FORMAT_CSV);
    assert_int_equal(cf_assessment_list_count(list), 1);
    assert_int_equal(cf_assessment_line(cf_assessment_list_get(list, 0)), 6);
    cf_assessment_list_free(list);
    /* A header and no rows: no assessments. */
    list = load_text(fw, "subject,element,level\n", CF_FORMAT_CSV);
    assert_int_equal(cf_assessment_list_count(list), 0);
    assert_null(cf_assessment_list_get(list, 0));
    cf_assessment_list_free(list);
    /* A lone CR ends a line too. */
    list = load_text(fw, "subject,element,level\rjdoe,CR.1,3\rjdoe,CR.2,2\r",
                     CF_FORMAT_CSV);
    assert_int_equal(cf_assessment_line(cf_assessment_list_get(list, 0)), 2);
    assert_int_equal(cf_assessment_rated_count(cf_assessment_list_get(list, 0)),
                     2);
    cf_assessment_list_free(list);
}

static void test_csv_positions(void **state)
{
    cf_framework *fw = *state;

    /* Line 3 after a blank line 2; "jdoe," is 5 characters. */
    text_fails(fw, "subject,element,level\n\njdoe,CR.9,3\n", CF_FORMAT_CSV,
               NULL, CF_EINVALID, 3, 6, "in field 'element': " UNKNOWN_CR9);
    /* CRLF counts as one line break: line 3. */
    text_fails(fw, "subject,element,level\r\njdoe,CR.1,3\r\njdoe,CR.9,3\r\n",
               CF_FORMAT_CSV, NULL, CF_EINVALID, 3, 6,
               "in field 'element': " UNKNOWN_CR9);
    /* The quoted note of the row on line 2 holds two line breaks, so the
     * next row is on line 5. */
    text_fails(fw,
               "subject,element,level,note\n"
               "jdoe,CR.1,3,\"one\ntwo\nthree\"\n"
               "jdoe,CR.9,3,\n",
               CF_FORMAT_CSV, NULL, CF_EINVALID, 5, 6,
               "in field 'element': " UNKNOWN_CR9);
    /* Columns count characters: "José," is 5 characters (6 bytes), so the
     * element is at column 6 and byte 22 + 6 = 28 (check_failure checks the
     * offset). */
    text_fails(fw, "subject,element,level\nJos\xC3\xA9,CR.9,3\n", CF_FORMAT_CSV,
               NULL, CF_EINVALID, 2, 6, "in field 'element': " UNKNOWN_CR9);
    /* After a byte order mark, the header starts at column 1 (byte 3). */
    text_fails(fw, "\xEF\xBB\xBFsubjct,element,level\n", CF_FORMAT_CSV, NULL,
               CF_EINVALID, 1, 1,
               "unknown column 'subjct' in the header (did you mean "
               "'subject'?)");
    /* One field: a line holding a space is not blank. */
    text_fails(fw, "subject,element,level\n \n", CF_FORMAT_CSV, NULL,
               CF_EINVALID, 2, 1, "row has 1 field, the header has 3");
    /* A comma at the end of a row makes an empty fourth field, after
     * "jdoe,CR.1,3," (12 characters). */
    text_fails(fw, "subject,element,level\njdoe,CR.1,3,\n", CF_FORMAT_CSV, NULL,
               CF_EINVALID, 2, 13, "row has 4 fields, the header has 3");
    /* A NUL byte after "jdoe,CR.1,3" (11 characters). */
    {
        static const char nul[] = "subject,element,level\njdoe,CR.1,3\0\n";
        cf_assessment_list *list = NULL;
        cf_error err;
        int rc = cf_assessment_list_load_buffer(&list, fw, nul, sizeof nul - 1,
                                                "nul.csv", CF_FORMAT_CSV, NULL,
                                                &err);

        check_failure("nul", rc, &err, list, CF_ESYNTAX, 2, 12,
                      "NUL byte in the text (a CSV file holds text)", nul,
                      sizeof nul - 1);
    }
    /* A truncated UTF-8 sequence at the very end, after "jdoe,CR.1," (10). */
    text_fails(fw, "subject,element,level\njdoe,CR.1,\xC3", CF_FORMAT_CSV, NULL,
               CF_ESYNTAX, 2, 11,
               "invalid UTF-8: byte 0xC3 does not start a valid sequence "
               "(save the file as UTF-8)");
    /* An encoded surrogate (U+D800) is not UTF-8 either. */
    text_fails(fw, "subject,element,level\njdoe,CR.1,\xED\xA0\x80\n",
               CF_FORMAT_CSV, NULL, CF_ESYNTAX, 2, 11,
               "invalid UTF-8: byte 0xED does not start a valid sequence "
               "(save the file as UTF-8)");
    /* Same subject, rater, role and date: one assessment, so CR.1 twice is
     * an error even with other rows between. */
    text_fails(fw,
               "subject,element,level,rater\n"
               "jdoe,CR.1,3,a\n"
               "jdoe,CR.1,3,b\n"
               "jdoe,CR.1,2,a\n",
               CF_FORMAT_CSV, NULL, CF_EINVALID, 4, 6,
               "in field 'element': element 'CR.1' is rated twice for "
               "subject 'jdoe' (first at line 2)");
}

static void test_csv_errors(void **state)
{
    check_bad_files(*state, bad_csv, sizeof bad_csv / sizeof bad_csv[0]);
}

/* ---- limits ---------------------------------------------------------------
 */

static void test_limits(void **state)
{
    cf_framework *fw = *state;
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    cf_assessment_list *list = NULL;
    cf_error err;

    /* A field of exactly max_string_bytes (10) bytes is fine. */
    opts.max_string_bytes = 10;
    {
        static const char fits[] =
            "subject,element,level,note\njdoe,CR.1,3,0123456789\n";

        assert_int_equal(cf_assessment_list_load_buffer(
                             &list, fw, fits, sizeof fits - 1, "inline",
                             CF_FORMAT_CSV, &opts, &err),
                         CF_OK);
    }
    cf_assessment_list_free(list);
    /* Eleven bytes: reported where the field starts, after "jdoe,CR.1,3,"
     * (12 characters). */
    text_fails(fw, "subject,element,level,note\njdoe,CR.1,3,0123456789X\n",
               CF_FORMAT_CSV, &opts, CF_ELIMIT, 2, 13,
               "field longer than the limit of 10 bytes (max_string_bytes; a "
               "program can raise it in cf_load_options)");
    /* Quoted, with "" counting as one byte: 11 bytes again. */
    text_fails(fw,
               "subject,element,level,note\njdoe,CR.1,3,\"01234\"\"6789X\"\n",
               CF_FORMAT_CSV, &opts, CF_ELIMIT, 2, 13,
               "field longer than the limit of 10 bytes (max_string_bytes; a "
               "program can raise it in cf_load_options)");
    /* The whole input over max_input_bytes: refused before reading, with no
     * position. */
    opts.max_string_bytes = 0;
    opts.max_input_bytes = 10;
    text_fails(fw, "subject,element,level\n", CF_FORMAT_CSV, &opts, CF_ELIMIT,
               0, 0,
               "the input is larger than the limit of 10 bytes "
               "(max_input_bytes; a program can raise it in cf_load_options)");
    text_fails(fw, "assessment: {subject: jdoe}\n", CF_FORMAT_YAML, &opts,
               CF_ELIMIT, 0, 0,
               "the input is larger than the limit of 10 bytes "
               "(max_input_bytes; a program can raise it in cf_load_options)");
}

/* ---- formats, arguments ---------------------------------------------------
 */

static char *write_tmp(const char *name, const char *text)
{
    char *path = support_path(CF_TEST_TMP_DIR, name);

    support_write_file(path, text, strlen(text));
    return path;
}

static void test_auto_format(void **state)
{
    cf_framework *fw = *state;
    static const char csv[] = "subject,element,level\njdoe,CR.1,3\n";
    char *upper = write_tmp("assessment-auto.CSV", csv);
    char *txt = write_tmp("assessment-auto.txt", csv);
    char *yaml = support_path(GOOD_DIR, "jdoe.yaml");
    cf_assessment_list *list;
    cf_assessment_list *failed = NULL;
    cf_error err;

    /* .CSV in any case is CSV. */
    list = load_file(fw, upper, CF_FORMAT_AUTO);
    assert_true(cf_assessment_level(cf_assessment_list_get(list, 0), 1) == 3);
    cf_assessment_list_free(list);
    /* Another ending is YAML, where this text is one plain scalar at 1:1. */
    assert_int_equal(cf_assessment_list_load_file(&failed, fw, txt,
                                                  CF_FORMAT_AUTO, NULL, &err),
                     CF_EINVALID);
    assert_null(failed);
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, 1);
    assert_string_equal(err.message, "expected a mapping with the key "
                                     "'assessment', found a scalar");
    /* An explicit format wins over the name. */
    list = load_file(fw, txt, CF_FORMAT_CSV);
    assert_int_equal(cf_assessment_list_count(list), 1);
    cf_assessment_list_free(list);
    list = load_file(fw, yaml, CF_FORMAT_YAML);
    assert_int_equal(cf_assessment_list_count(list), 1);
    cf_assessment_list_free(list);
    assert_int_equal(cf_assessment_list_load_file(&failed, fw, yaml,
                                                  CF_FORMAT_CSV, NULL, &err),
                     CF_EINVALID);
    assert_null(failed);
    /* A buffer has no name: AUTO is YAML. */
    text_fails(fw, csv, CF_FORMAT_AUTO, NULL, CF_EINVALID, 1, 1,
               "expected a mapping with the key 'assessment', found a "
               "scalar");
    free(upper);
    free(txt);
    free(yaml);
}

static void test_arguments(void **state)
{
    cf_framework *fw = *state;
    cf_assessment_list *list = (cf_assessment_list *)fw; /* not NULL */
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    char *missing = support_path(GOOD_DIR, "no-such-file.yaml");
    cf_error err;
    int rc;

    rc = cf_assessment_list_load_buffer(&list, NULL, "", 0, NULL,
                                        CF_FORMAT_YAML, NULL, &err);
    assert_int_equal(rc, CF_EARG);
    assert_null(list);
    rc = cf_assessment_list_load_buffer(&list, fw, NULL, 3, NULL,
                                        CF_FORMAT_YAML, NULL, &err);
    assert_int_equal(rc, CF_EARG);
    rc = cf_assessment_list_load_buffer(NULL, fw, "", 0, NULL, CF_FORMAT_YAML,
                                        NULL, &err);
    assert_int_equal(rc, CF_EARG);
    rc = cf_assessment_list_load_buffer(&list, fw, "", 0, NULL, (cf_format)7,
                                        NULL, &err);
    assert_int_equal(rc, CF_EARG);
    assert_string_equal(err.message, "unknown format 7 (expected "
                                     "CF_FORMAT_AUTO, CF_FORMAT_YAML or "
                                     "CF_FORMAT_CSV)");
    opts.version = 0;
    rc = cf_assessment_list_load_buffer(&list, fw, "", 0, NULL, CF_FORMAT_CSV,
                                        &opts, &err);
    assert_int_equal(rc, CF_EARG);
    rc = cf_assessment_list_load_file(&list, fw, NULL, CF_FORMAT_AUTO, NULL,
                                      &err);
    assert_int_equal(rc, CF_EARG);
    rc = cf_assessment_list_load_file(&list, NULL, missing, CF_FORMAT_AUTO,
                                      NULL, &err);
    assert_int_equal(rc, CF_EARG);
    list = (cf_assessment_list *)fw;
    rc = cf_assessment_list_load_file(&list, fw, missing, CF_FORMAT_AUTO, NULL,
                                      &err);
    assert_int_equal(rc, CF_EIO);
    assert_null(list);
    assert_int_equal(err.line, 0);
    assert_string_equal(err.source, missing);
    cf_assessment_list_free(NULL);
    free(missing);
}

/* ---- allocation failures ------------------------------------------------- */

/* A file of tests/data/assessments and how many assessments it holds. */
struct good_file {
    cf_framework *fw;
    const char *path;
    size_t count;
};

static int run_list_load(void *ctx, const cf_load_options *opts, void **out,
                         cf_error *err)
{
    const struct good_file *in = ctx;
    cf_assessment_list *list = *out;
    int rc = cf_assessment_list_load_file(&list, in->fw, in->path,
                                          CF_FORMAT_AUTO, opts, err);

    *out = list;
    return rc;
}

static void check_list(void *ctx, void *list)
{
    const struct good_file *in = ctx;

    assert_int_equal(cf_assessment_list_count(list), in->count);
    cf_assessment_list_free(list);
}

/*
 * Loads the file once counting the allocator's calls (n), then n times
 * failing call i alone and n times failing call i and every later one:
 * each load must fail with CF_ENOMEM, hand back nothing and leave no block.
 */
static void fail_every_allocation(cf_framework *fw, const char *name,
                                  size_t expected_count)
{
    char *path = support_path(GOOD_DIR, name);
    struct good_file in = {fw, path, expected_count};
    struct support_counter c;
    struct support_alloc_case t = {.name = name,
                                   .run = run_list_load,
                                   .done = check_list,
                                   .ctx = &in,
                                   .ok_code = CF_OK,
                                   .enomem_only = 1};

    support_counter_init(&c);
    support_fail_each_allocation(&c, &t);
    free(path);
}

static void test_allocation_failures_yaml(void **state)
{
    fail_every_allocation(*state, "team.yaml", 3);
    fail_every_allocation(*state, "jdoe.yaml", 1);
}

static void test_allocation_failures_csv(void **state)
{
    fail_every_allocation(*state, "ratings.csv", 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_yaml_one),
        cmocka_unit_test(test_yaml_many),
        cmocka_unit_test(test_yaml_buffer),
        cmocka_unit_test(test_yaml_other_scales),
        cmocka_unit_test(test_yaml_errors),
        cmocka_unit_test(test_yaml_framework_mismatch),
        cmocka_unit_test(test_csv_file),
        cmocka_unit_test(test_csv_columns_in_any_order),
        cmocka_unit_test(test_csv_crlf_bom),
        cmocka_unit_test(test_csv_layout),
        cmocka_unit_test(test_csv_positions),
        cmocka_unit_test(test_csv_errors),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_auto_format),
        cmocka_unit_test(test_arguments),
        cmocka_unit_test(test_allocation_failures_yaml),
        cmocka_unit_test(test_allocation_failures_csv),
    };

    return cmocka_run_group_tests(tests, support_setup_sols,
                                  support_teardown_sols);
}
