/*
 * YAML out (cf_framework_to_yaml, cf_assessments_to_yaml,
 * cf_profile_to_yaml): the text loads back to the same model, whatever the
 * strings hold, and writing the model read back gives the same text again.
 * The strings that need quoting, escaping or a block style are in one
 * table, hostile[], used for every kind of document.
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

static void same_text(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        assert_ptr_equal(a, b);
    else
        assert_string_equal(a, b);
}

static void same_extensions(const cf_extensions *a, const cf_extensions *b)
{
    assert_int_equal(cf_extensions_count(a), cf_extensions_count(b));
    for (size_t i = 0; i < cf_extensions_count(a); i++) {
        assert_string_equal(cf_extensions_key(a, i), cf_extensions_key(b, i));
        assert_string_equal(cf_extensions_value(a, i),
                            cf_extensions_value(b, i));
    }
}

static void same_scale(const cf_scale *a, const cf_scale *b)
{
    assert_string_equal(cf_scale_id(a), cf_scale_id(b));
    assert_string_equal(cf_scale_title(a), cf_scale_title(b));
    same_text(cf_scale_description(a), cf_scale_description(b));
    assert_int_equal(cf_scale_level_count(a), cf_scale_level_count(b));
    for (size_t i = 0; i < cf_scale_level_count(a); i++) {
        const cf_level *la = cf_scale_level(a, i);
        const cf_level *lb = cf_scale_level(b, i);
        assert_true(cf_level_value(la) == cf_level_value(lb));
        assert_string_equal(cf_level_label(la), cf_level_label(lb));
        same_text(cf_level_description(la), cf_level_description(lb));
        same_extensions(cf_level_extensions(la), cf_level_extensions(lb));
    }
    assert_int_equal(cf_level_index(cf_scale_proficient(a)),
                     cf_level_index(cf_scale_proficient(b)));
    same_extensions(cf_scale_extensions(a), cf_scale_extensions(b));
}

static void same_element(const cf_element *a, const cf_element *b)
{
    assert_string_equal(cf_element_id(a), cf_element_id(b));
    assert_string_equal(cf_element_title(a), cf_element_title(b));
    same_text(cf_element_description(a), cf_element_description(b));
    same_text(cf_element_kind(a), cf_element_kind(b));
    assert_true(cf_element_weight(a) == cf_element_weight(b));
    assert_int_equal(cf_element_rollup(a), cf_element_rollup(b));
    assert_int_equal(cf_element_depth(a), cf_element_depth(b));
    assert_int_equal(cf_element_child_count(a), cf_element_child_count(b));
    assert_int_equal(cf_element_subtree_end(a), cf_element_subtree_end(b));
    same_text(cf_element_parent(a) ? cf_element_id(cf_element_parent(a)) : NULL,
              cf_element_parent(b) ? cf_element_id(cf_element_parent(b))
                                   : NULL);
    assert_string_equal(cf_scale_id(cf_element_scale(a)),
                        cf_scale_id(cf_element_scale(b)));
    for (int r = 0; r < CF_RELATION_COUNT; r++) {
        size_t n = cf_element_relation_count(a, (cf_relation)r);
        assert_int_equal(n, cf_element_relation_count(b, (cf_relation)r));
        for (size_t i = 0; i < n; i++)
            assert_string_equal(
                cf_element_id(cf_element_relation(a, (cf_relation)r, i)),
                cf_element_id(cf_element_relation(b, (cf_relation)r, i)));
    }
    same_extensions(cf_element_extensions(a), cf_element_extensions(b));
}

static void same_framework(const cf_framework *a, const cf_framework *b)
{
    assert_string_equal(cf_framework_id(a), cf_framework_id(b));
    assert_string_equal(cf_framework_title(a), cf_framework_title(b));
    same_text(cf_framework_version(a), cf_framework_version(b));
    same_text(cf_framework_publisher(a), cf_framework_publisher(b));
    same_text(cf_framework_language(a), cf_framework_language(b));
    same_text(cf_framework_description(a), cf_framework_description(b));
    same_extensions(cf_framework_extensions(a), cf_framework_extensions(b));
    assert_int_equal(cf_framework_hierarchy_count(a),
                     cf_framework_hierarchy_count(b));
    for (size_t i = 0; i < cf_framework_hierarchy_count(a); i++)
        assert_string_equal(cf_framework_hierarchy_name(a, i),
                            cf_framework_hierarchy_name(b, i));
    assert_int_equal(cf_framework_scale_count(a), cf_framework_scale_count(b));
    for (size_t i = 0; i < cf_framework_scale_count(a); i++)
        same_scale(cf_framework_scale(a, i), cf_framework_scale(b, i));
    assert_string_equal(cf_scale_id(cf_framework_default_scale(a)),
                        cf_scale_id(cf_framework_default_scale(b)));
    assert_int_equal(cf_framework_element_count(a),
                     cf_framework_element_count(b));
    assert_int_equal(cf_framework_root_count(a), cf_framework_root_count(b));
    for (size_t i = 0; i < cf_framework_element_count(a); i++)
        same_element(cf_framework_element(a, i), cf_framework_element(b, i));
}

/* Writes fw, loads the text, compares; writing again gives the same text. */
static void round_trip(const cf_framework *fw)
{
    cf_error err;
    char *text = NULL, *again = NULL;
    cf_framework *back = NULL;
    support_fail_on(cf_framework_to_yaml(fw, &text, &err), &err, "to_yaml");
    support_fail_on(cf_framework_load_buffer(&back, text, strlen(text),
                                             "<emitted>", NULL, &err),
                    &err, text);
    same_framework(fw, back);
    support_fail_on(cf_framework_to_yaml(back, &again, &err), &err,
                    "to_yaml again");
    assert_string_equal(text, again);
    cf_string_free(again);
    cf_string_free(text);
    cf_framework_free(back);
}

static void test_sols(void **state)
{
    (void)state;
    cf_framework *fw = support_load_sols();
    round_trip(fw);
    cf_framework_free(fw);
}

static void test_digital_services(void **state)
{
    cf_error err;
    cf_framework *fw = NULL;
    (void)state;
    support_fail_on(
        cf_framework_load_file(&fw, "examples/frameworks/digital-services.yaml",
                               NULL, &err),
        &err, "digital-services.yaml");
    round_trip(fw);
    cf_framework_free(fw);
}

/* Strings that need quoting, escaping or a block style to survive. */
static const char hostile_yaml[] =
    "framework:\n"
    "  id: hostile\n"
    "  title: \"Key: value # not a comment\"\n"
    "  version: \"1.0\"\n"
    "  publisher: \"  leading and trailing spaces  \"\n"
    "  language: \"null\"\n"
    "  description: \"line one\\nline two\\n\\n  indented three\\n\"\n"
    "  x-colon: \"a: b\"\n"
    "  x-hash: \"# hash\"\n"
    "  x-list: [a, \"b: c\", 2]\n"
    "  x-map: {k: v, n: [1]}\n"
    "  x-empty: \"\"\n"
    "  x-tilde: \"~\"\n"
    "  x-yes: \"yes\"\n"
    "  x-date: \"2026-11-29\"\n"
    "  x-json-text: '[\"a\"]'\n"
    "  x-newline-end: \"ends with a newline\\n\"\n"
    "  x-space-break: \"trailing space \\nnext\"\n"
    "  x-leading: \"  first line indented\\nsecond\"\n"
    "  x-control: \"bell\\a and tab\\t\"\n"
    "  x-quotes: \"'single' and \\\"double\\\" and \\\\ backslash\"\n"
    "  scales:\n"
    "    - id: s\n"
    "      title: \"@at sign\"\n"
    "      levels:\n"
    "        - {value: -1.5, label: \"- dash\"}\n"
    "        - {value: 0, label: \"true\"}\n"
    "        - {value: 0.1, label: \"Ünïcødé ✓ 日本語\", description: "
    "\"--- not a document\"}\n"
    "        - value: 1e3\n"
    "          label: \"*star\"\n"
    "          x-level: \"%percent\"\n"
    "      proficient: \"true\"\n"
    "    - id: t\n"
    "      levels: [{value: 1, label: \"&anchor\"}, {value: 2, label: "
    "\"!tag\"}]\n"
    "      proficient: 2\n"
    "  default_scale: s\n"
    "  hierarchy: [\"? question\", \"!bang\", \"[bracket]\"]\n"
    "  elements:\n"
    "    - id: \"1.0\"\n"
    "      title: \"| pipe\"\n"
    "      kind: \"> folded\"\n"
    "      weight: 0.1\n"
    "      rollup: min\n"
    "      description: \"\\ttab first\"\n"
    "      scale: t\n"
    "      children:\n"
    "        - id: A:b-c_d\n"
    "          title: \"{brace}\"\n"
    "          kind: \"!bang\"\n"
    "          related: [B]\n"
    "          x-n: \"...\"\n"
    "    - id: B\n"
    "      title: \"multi\\nline\\ttitle  \"\n"
    "      rollup: max\n"
    "      weight: 12345678.125\n"
    "      exact_match: A:b-c_d\n"
    "      precedes: [\"1.0\"]\n"
    "      replaced_by: [A:b-c_d, \"1.0\"]\n"
    "    - id: \"007\"\n"
    "      title: \"0x1F\"\n"
    "      description: \"1:30\"\n";

static void test_hostile(void **state)
{
    cf_framework *fw = support_load(hostile_yaml);
    (void)state;
    /* The x- collections are strings in the model, kept as such. */
    assert_string_equal(
        cf_extensions_get(cf_framework_extensions(fw), "x-list"),
        "[\"a\",\"b: c\",\"2\"]");
    round_trip(fw);
    cf_framework_free(fw);
}

static void test_relations_written(void **state)
{
    cf_error err;
    char *text = NULL;
    cf_framework *fw = support_load(hostile_yaml);
    (void)state;
    support_fail_on(cf_framework_to_yaml(fw, &text, &err), &err, "to_yaml");
    assert_non_null(strstr(text, "replaced_by: ['A:b-c_d', '1.0']"));
    assert_non_null(strstr(text, "related: [B]"));
    /* Only the kind that differs from the hierarchy's is written. */
    assert_null(strstr(text, "kind: '!bang'"));
    cf_string_free(text);
    cf_framework_free(fw);
}

static void test_bad_arguments(void **state)
{
    cf_error err;
    char *text = (char *)"x";
    (void)state;
    assert_int_equal(cf_framework_to_yaml(NULL, &text, &err), CF_EARG);
    assert_null(text);
    assert_int_equal(cf_assessments_to_yaml(NULL, 1, &text, &err), CF_EARG);
}

static void test_assessments(void **state)
{
    cf_error err;
    cf_framework *fw = support_load_sols();
    cf_assessment *a = NULL, *b = NULL;
    cf_assessment_list *list = NULL;
    char *text = NULL;
    (void)state;
    support_fail_on(cf_assessment_new(&a, fw, "J. Doe: #1", NULL, &err), &err,
                    "new");
    support_fail_on(cf_assessment_set_rater(a, "yes", &err), &err, "rater");
    support_fail_on(cf_assessment_set_role(a, "manager", &err), &err, "role");
    support_fail_on(cf_assessment_set_date(a, "2026-11-01", &err), &err,
                    "date");
    support_fail_on(cf_assessment_rate(a, "CR.1.1", 3, NULL, &err), &err,
                    "rate");
    support_fail_on(
        cf_assessment_rate(a, "CR.2", 2, "note: with\nlines and ü", &err), &err,
        "rate");
    support_fail_on(cf_assessment_new(&b, fw, "null", NULL, &err), &err, "new");
    const cf_assessment *items[2] = {a, b};
    support_fail_on(cf_assessments_to_yaml(items, 2, &text, &err), &err,
                    "to_yaml");
    support_fail_on(cf_assessment_list_load_buffer(&list, fw, text,
                                                   strlen(text), "<emitted>",
                                                   CF_FORMAT_YAML, NULL, &err),
                    &err, text);
    assert_int_equal(cf_assessment_list_count(list), 2);
    const cf_assessment *x = cf_assessment_list_get(list, 0);
    assert_string_equal(cf_assessment_subject(x), "J. Doe: #1");
    assert_string_equal(cf_assessment_rater(x), "yes");
    assert_string_equal(cf_assessment_role(x), "manager");
    assert_string_equal(cf_assessment_date(x), "2026-11-01");
    assert_int_equal(cf_assessment_rated_count(x), 2);
    for (size_t i = 0; i < cf_framework_element_count(fw); i++) {
        double va = cf_assessment_level(a, i), vx = cf_assessment_level(x, i);
        assert_true((isnan(va) && isnan(vx)) || va == vx);
        same_text(cf_assessment_note(a, i), cf_assessment_note(x, i));
    }
    const cf_assessment *y = cf_assessment_list_get(list, 1);
    assert_string_equal(cf_assessment_subject(y), "null");
    assert_int_equal(cf_assessment_rated_count(y), 0);
    cf_assessment_list_free(list);
    cf_string_free(text);
    cf_assessment_free(a);
    cf_assessment_free(b);
    cf_framework_free(fw);
}

/* ---- the hostile strings ------------------------------------------------ */

/* Filled by setup_long_line: one line of 9999 characters with ": " and
 * " #" in it, past any line width. */
static char long_line[10000];

static const char *const hostile[] = {
    /* Indicators where YAML gives them meaning. */
    "Key: value",
    "key:",
    "a:b",
    "# not a comment",
    "text # comment?",
    "trailing #",
    "-dash",
    "- item",
    "-",
    "?question",
    "? key",
    "*star",
    "&anchor",
    "!tag",
    "!!str",
    "%percent",
    "@at",
    "`backtick",
    "|pipe",
    ">fold",
    "'single'",
    "\"double\"",
    "it's",
    "[bracket",
    "{brace",
    "]",
    "}",
    ",comma",
    ":colon",
    "a, b",
    "a [b] {c}",
    "\\",
    "\\n is no escape",
    /* Spaces. */
    " ",
    "  leading and trailing spaces  ",
    " leading",
    "trailing ",
    /* Plain scalars that YAML 1.1 reads as other types. */
    "",
    "yes",
    "Yes",
    "YES",
    "no",
    "No",
    "y",
    "n",
    "on",
    "OFF",
    "true",
    "False",
    "null",
    "Null",
    "NULL",
    "~",
    "1e3",
    "1E3",
    "0x10",
    "0o17",
    "017",
    "0b101",
    ".inf",
    "-.Inf",
    "+.INF",
    ".NaN",
    "1_000",
    "1:30",
    "+1",
    "-1.5",
    ".5",
    "2026-11-29",
    "2001-12-14t21:59:43.10-05:00",
    "<<",
    "=",
    /* Documents markers. */
    "---",
    "...",
    "--- x",
    "... x",
    /* Text beyond ASCII, and characters that must be escaped. */
    "Ünïcødé ✓ 日本語 🎉",
    "café: crème",
    "\xc2\xa0non-breaking space",
    "bell\a, escape\x1b and delete\x7f",
    "C1 control \xc2\x80 here",
    "NEL \xc2\x85 here",
    "LS \xe2\x80\xa8 here",
    "PS \xe2\x80\xa9",
    "\xef\xbb\xbf"
    "byte order mark first",
    "BOM \xef\xbb\xbf inside",
    "tab\there",
    "\ttab first",
    "tab last\t",
    /* Lines. */
    "line one\nline two",
    "ends with a newline\n",
    "ends with two\n\n",
    "\nstarts with a newline",
    "\n",
    "\n\n",
    "  indented first line\nsecond",
    "first\n  indented second\n",
    "trailing space \nnext",
    "a\n  \nspaces-only line",
    "note:\n  - looks like YAML\n  key: value",
    "---\nnot a document\n...\nstill text",
    "a\n---\nb\n...\n",
    "# comment line\ntext",
    "line\twith tab\nsecond",
    "crlf\r\nline",
    "lone cr\rhere",
    "cr at end\r",
    "ü\nß\n日本",
    long_line,
};

#define HOSTILE_COUNT (sizeof hostile / sizeof hostile[0])

static int setup_long_line(void **state)
{
    static const char piece[] = "a long line: with # and \"quotes\" ü ";
    size_t n = 0;
    (void)state;
    while (n + sizeof piece < sizeof long_line) {
        memcpy(long_line + n, piece, sizeof piece - 1);
        n += sizeof piece - 1;
    }
    long_line[n] = '\0';
    return 0;
}

/* A growing string for the test inputs. */
typedef struct sbuf {
    char *data;
    size_t len, cap;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->data = realloc(b->data, b->cap);
        assert_non_null(b->data);
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void sb_printf(sbuf *b, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < sizeof tmp);
    sb_add(b, tmp, (size_t)n);
}

/*
 * s as a YAML double-quoted scalar, written by hand for the test inputs
 * only (the library writes through the emitter): every code point that a
 * YAML parser would fold, refuse or read otherwise is an escape.
 */
static void sb_quoted(sbuf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    sb_add(b, "\"", 1);
    while (*p) {
        unsigned long c = *p;
        size_t n = 1;
        if (c >= 0xf0) {
            c = ((c & 0x07) << 18) | ((p[1] & 0x3ful) << 12) |
                ((p[2] & 0x3ful) << 6) | (p[3] & 0x3ful);
            n = 4;
        } else if (c >= 0xe0) {
            c = ((c & 0x0f) << 12) | ((p[1] & 0x3ful) << 6) | (p[2] & 0x3ful);
            n = 3;
        } else if (c >= 0xc0) {
            c = ((c & 0x1f) << 6) | (p[1] & 0x3ful);
            n = 2;
        }
        if (c == '"' || c == '\\')
            sb_printf(b, "\\%c", (int)c);
        else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 ||
                 c == 0x2029 || c == 0xfeff)
            sb_printf(b, "\\u%04lx", c);
        else
            sb_add(b, (const char *)p, n);
        p += n;
    }
    sb_add(b, "\"", 1);
}

/* Text that the format reads as absent when empty. */
static void same_optional(const char *expected, const char *got)
{
    same_text(expected && *expected ? expected : NULL, got);
}

/* ---- frameworks with hostile strings ------------------------------------ */

/*
 * A framework whose every text field holds hostile strings: its own, a
 * scale whose level i is labelled hostile[i], and an element per string
 * with it as title, description, kind and extension value.
 */
static char *hostile_framework_yaml(void)
{
    sbuf b = {0};
    sb_printf(&b, "framework:\n  id: hostile-table\n  title: ");
    sb_quoted(&b, hostile[1]);
    sb_printf(&b, "\n  version: ");
    sb_quoted(&b, "1.0");
    sb_printf(&b, "\n  description: ");
    sb_quoted(&b, "---\nnot a document\n...\nstill text");
    sb_printf(&b, "\n  publisher: ");
    sb_quoted(&b, "  leading and trailing spaces  ");
    for (size_t i = 0; i < HOSTILE_COUNT; i++) {
        sb_printf(&b, "\n  x-%zu: ", i);
        sb_quoted(&b, hostile[i]);
    }
    sb_printf(&b, "\n  scales:\n    - id: s\n      title: ");
    sb_quoted(&b, "Ünïcødé ✓ 日本語 🎉");
    sb_printf(&b, "\n      description: ");
    sb_quoted(&b, "a\n---\nb\n...\n");
    sb_printf(&b, "\n      levels:");
    size_t levels = 0;
    for (size_t i = 0; i < HOSTILE_COUNT; i++) {
        if (!*hostile[i])
            continue; /* a label is never empty */
        sb_printf(&b, "\n        - value: %zu\n          label: ", levels++);
        sb_quoted(&b, hostile[i]);
        sb_printf(&b, "\n          description: ");
        sb_quoted(&b, hostile[HOSTILE_COUNT - 1 - i]);
        sb_printf(&b, "\n          x-label: ");
        sb_quoted(&b, hostile[i]);
    }
    sb_printf(&b, "\n      proficient: 1");
    /* Extension keys are text too: a scale with each, x- and the string. */
    for (size_t i = 0; i < HOSTILE_COUNT; i++) {
        sbuf k = {0};
        sb_printf(&k, "x-");
        sb_add(&k, hostile[i], strlen(hostile[i]));
        sb_printf(&b,
                  "\n    - id: k%zu\n      levels: [{value: 1, label: a}]\n"
                  "      proficient: 1\n      ? ",
                  i);
        sb_quoted(&b, k.data); /* explicit: a simple key has 1024 at most */
        sb_printf(&b, "\n      : %zu", i);
        free(k.data);
    }
    sb_printf(&b, "\n  default_scale: s\n  elements:");
    for (size_t i = 0; i < HOSTILE_COUNT; i++) {
        if (!*hostile[i])
            continue; /* a title is never empty */
        sb_printf(&b, "\n    - id: E%zu\n      title: ", i);
        sb_quoted(&b, hostile[i]);
        sb_printf(&b, "\n      description: ");
        sb_quoted(&b, hostile[i]);
        sb_printf(&b, "\n      kind: ");
        sb_quoted(&b, hostile[i]);
        sb_printf(&b, "\n      x-value: ");
        sb_quoted(&b, hostile[i]);
    }
    sb_add(&b, "\n", 1);
    return b.data;
}

/* The strings of fw are those hostile_framework_yaml put there. */
static void check_hostile_framework(const cf_framework *fw)
{
    const cf_scale *sc = cf_framework_scale(fw, 0);
    const cf_extensions *ext = cf_framework_extensions(fw);
    assert_string_equal(cf_framework_title(fw), hostile[1]);
    assert_int_equal(cf_extensions_count(ext), HOSTILE_COUNT);
    for (size_t i = 0; i < HOSTILE_COUNT; i++)
        assert_string_equal(cf_extensions_value(ext, i), hostile[i]);
    size_t levels = 0, elements = 0;
    for (size_t i = 0; i < HOSTILE_COUNT; i++) {
        if (!*hostile[i])
            continue;
        const cf_level *lv = cf_scale_level(sc, levels++);
        assert_string_equal(cf_level_label(lv), hostile[i]);
        same_optional(hostile[HOSTILE_COUNT - 1 - i], cf_level_description(lv));
        assert_string_equal(
            cf_extensions_get(cf_level_extensions(lv), "x-label"), hostile[i]);
        const cf_element *el = cf_framework_element(fw, elements++);
        assert_string_equal(cf_element_title(el), hostile[i]);
        same_optional(hostile[i], cf_element_description(el));
        same_optional(hostile[i], cf_element_kind(el));
        assert_string_equal(
            cf_extensions_get(cf_element_extensions(el), "x-value"),
            hostile[i]);
    }
    assert_int_equal(cf_scale_level_count(sc), levels);
    assert_int_equal(cf_framework_scale_count(fw), 1 + HOSTILE_COUNT);
    for (size_t i = 0; i < HOSTILE_COUNT; i++) {
        ext = cf_scale_extensions(cf_framework_scale(fw, 1 + i));
        assert_int_equal(cf_extensions_count(ext), 1);
        assert_string_equal(cf_extensions_key(ext, 0) + 2, hostile[i]);
    }
    assert_int_equal(cf_framework_element_count(fw), elements);
}

static void test_hostile_table_framework(void **state)
{
    cf_error err;
    cf_framework *fw = NULL, *back = NULL;
    char *input = hostile_framework_yaml(), *text = NULL;
    (void)state;
    support_fail_on(cf_framework_load_buffer(&fw, input, strlen(input),
                                             "<hostile>", NULL, &err),
                    &err, input);
    check_hostile_framework(fw);
    round_trip(fw); /* field by field, and the same text twice */
    support_fail_on(cf_framework_to_yaml(fw, &text, &err), &err, "to_yaml");
    support_fail_on(cf_framework_load_buffer(&back, text, strlen(text),
                                             "<emitted>", NULL, &err),
                    &err, text);
    check_hostile_framework(back);
    /*
     * Non-ASCII text stays UTF-8, not escapes. (libyaml's emitter, up to
     * 0.2.5 at least, escapes characters beyond U+FFFF as \U0001F389 and
     * double-quotes their scalar, yaml/libyaml#279: that still reads back
     * to the same text, as checked above.)
     */
    assert_non_null(strstr(text, "title: 'Key: value'\n"));
    assert_non_null(strstr(text, "café: crème"));
    assert_non_null(strstr(text, "\"Ünïcødé ✓ 日本語 "));
    assert_null(strstr(text, "\\xDC"));
    assert_null(strstr(text, "\\u00DC"));
    cf_framework_free(back);
    cf_string_free(text);
    cf_framework_free(fw);
    free(input);
}

/* ---- assessments with hostile strings ----------------------------------- */

static void same_assessment(const cf_assessment *a, const cf_assessment *b)
{
    const cf_framework *fw = cf_assessment_framework(a);
    assert_string_equal(cf_assessment_subject(a), cf_assessment_subject(b));
    same_optional(cf_assessment_rater(a), cf_assessment_rater(b));
    same_optional(cf_assessment_role(a), cf_assessment_role(b));
    same_text(cf_assessment_date(a), cf_assessment_date(b));
    assert_int_equal(cf_assessment_rated_count(a),
                     cf_assessment_rated_count(b));
    for (size_t i = 0; i < cf_framework_element_count(fw); i++) {
        double va = cf_assessment_level(a, i), vb = cf_assessment_level(b, i);
        assert_true((isnan(va) && isnan(vb)) || va == vb);
        same_optional(cf_assessment_note(a, i), cf_assessment_note(b, i));
    }
    same_extensions(cf_assessment_extensions(a), cf_assessment_extensions(b));
}

/*
 * One assessment per hostile string, as subject (when not empty), rater,
 * role and the notes of two ratings; all written as one stream, loaded
 * back and compared, then written again.
 */
static void test_hostile_table_assessments(void **state)
{
    cf_error err;
    cf_framework *fw = support_load_sols();
    cf_assessment *made[HOSTILE_COUNT];
    const cf_assessment *items[HOSTILE_COUNT];
    cf_assessment_list *list = NULL;
    char *text = NULL, *again = NULL;
    size_t n = 0;
    size_t cr_1_1 = cf_element_index(cf_framework_find(fw, "CR.1.1"));
    (void)state;
    for (size_t i = 0; i < HOSTILE_COUNT; i++) {
        const char *s = hostile[i];
        cf_assessment *a = NULL;
        support_fail_on(cf_assessment_new(&a, fw, *s ? s : "x", NULL, &err),
                        &err, "new");
        support_fail_on(cf_assessment_set_rater(a, s, &err), &err, "rater");
        support_fail_on(cf_assessment_set_role(a, s, &err), &err, "role");
        support_fail_on(cf_assessment_rate(a, "CR.1.1", 3, s, &err), &err,
                        "rate");
        support_fail_on(cf_assessment_rate(
                            a, "CR.2", 1, hostile[HOSTILE_COUNT - 1 - i], &err),
                        &err, "rate");
        support_fail_on(cf_assessment_rate(a, "CR.3", 4, NULL, &err), &err,
                        "rate");
        made[n] = a;
        items[n++] = a;
    }
    support_fail_on(cf_assessments_to_yaml(items, n, &text, &err), &err,
                    "to_yaml");
    support_fail_on(cf_assessment_list_load_buffer(&list, fw, text,
                                                   strlen(text), "<emitted>",
                                                   CF_FORMAT_YAML, NULL, &err),
                    &err, text);
    assert_int_equal(cf_assessment_list_count(list), n);
    for (size_t i = 0; i < n; i++) {
        const cf_assessment *b = cf_assessment_list_get(list, i);
        same_assessment(items[i], b);
        /* Directly against the table too. */
        same_optional(hostile[i], cf_assessment_note(b, cr_1_1));
        items[i] = b;
    }
    support_fail_on(cf_assessments_to_yaml(items, n, &again, &err), &err,
                    "to_yaml again");
    assert_string_equal(text, again);
    cf_string_free(again);
    cf_string_free(text);
    cf_assessment_list_free(list);
    for (size_t i = 0; i < n; i++)
        cf_assessment_free(made[i]);
    cf_framework_free(fw);
}

/*
 * The same stream, repeated past the size at which a load on several
 * threads cuts it at its "---" lines: the "---" and "..." lines of the
 * notes are indented in the text written, so no cut falls inside one.
 */
static void test_hostile_table_assessments_threads(void **state)
{
    enum { REPEAT = 40 };
    cf_error err;
    cf_framework *fw = support_load_sols();
    cf_assessment *made[HOSTILE_COUNT];
    const cf_assessment **items = calloc(HOSTILE_COUNT * REPEAT, sizeof *items);
    cf_assessment_list *list = NULL;
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    char *text = NULL;
    (void)state;
    assert_non_null(items);
    for (size_t i = 0; i < HOSTILE_COUNT; i++) {
        const char *s = hostile[i];
        made[i] = NULL;
        support_fail_on(
            cf_assessment_new(&made[i], fw, *s ? s : "x", NULL, &err), &err,
            "new");
        support_fail_on(cf_assessment_rate(made[i], "CR.1.1", 3, s, &err), &err,
                        "rate");
    }
    for (size_t i = 0; i < HOSTILE_COUNT * REPEAT; i++)
        items[i] = made[i % HOSTILE_COUNT];
    support_fail_on(
        cf_assessments_to_yaml(items, HOSTILE_COUNT * REPEAT, &text, &err),
        &err, "to_yaml");
    assert_true(strlen(text) > 4 * 256 * 1024);
    opts.threads = 4;
    support_fail_on(cf_assessment_list_load_buffer(&list, fw, text,
                                                   strlen(text), "<emitted>",
                                                   CF_FORMAT_YAML, &opts, &err),
                    &err, "load on threads");
    assert_int_equal(cf_assessment_list_count(list), HOSTILE_COUNT * REPEAT);
    for (size_t i = 0; i < HOSTILE_COUNT * REPEAT; i++)
        same_assessment(items[i], cf_assessment_list_get(list, i));
    cf_assessment_list_free(list);
    cf_string_free(text);
    for (size_t i = 0; i < HOSTILE_COUNT; i++)
        cf_assessment_free(made[i]);
    free(items);
    cf_framework_free(fw);
}

/* ---- profiles ----------------------------------------------------------- */

static void same_profile(const cf_profile *a, const cf_profile *b)
{
    assert_string_equal(cf_profile_id(a), cf_profile_id(b));
    same_optional(cf_profile_title(a), cf_profile_title(b));
    same_optional(cf_profile_description(a), cf_profile_description(b));
    assert_ptr_equal(cf_profile_framework(a), cf_profile_framework(b));
    assert_int_equal(cf_profile_target_count(a), cf_profile_target_count(b));
    for (size_t i = 0; i < cf_profile_target_count(a); i++) {
        assert_ptr_equal(cf_profile_target_element(a, i),
                         cf_profile_target_element(b, i));
        assert_true(cf_profile_target_level(a, i) ==
                    cf_profile_target_level(b, i));
        assert_true(cf_profile_target_importance(a, i) ==
                    cf_profile_target_importance(b, i));
        assert_int_equal(!!cf_profile_target_critical(a, i),
                         !!cf_profile_target_critical(b, i));
    }
    same_extensions(cf_profile_extensions(a), cf_profile_extensions(b));
}

/* Writes p, loads the text against its framework, compares, and writes
 * the profile read back: the same text. Gives the profile read back. */
static cf_profile *profile_round_trip(const cf_profile *p)
{
    cf_error err;
    char *text = NULL, *again = NULL;
    cf_profile *back = NULL;
    cf_framework *fw = (cf_framework *)cf_profile_framework(p);
    support_fail_on(cf_profile_to_yaml(p, &text, &err), &err, "to_yaml");
    support_fail_on(cf_profile_load_buffer(&back, fw, text, strlen(text),
                                           "<emitted>", NULL, &err),
                    &err, text);
    same_profile(p, back);
    support_fail_on(cf_profile_to_yaml(back, &again, &err), &err,
                    "to_yaml again");
    assert_string_equal(text, again);
    cf_string_free(again);
    cf_string_free(text);
    return back;
}

static void test_profile_example(void **state)
{
    cf_error err;
    cf_framework *fw = support_load_sols();
    cf_profile *p = NULL;
    char *text = NULL;
    (void)state;
    support_fail_on(
        cf_profile_load_file(&p, fw, "examples/profiles/branch-manager.yaml",
                             NULL, &err),
        &err, "branch-manager.yaml");
    cf_profile_free(profile_round_trip(p));
    support_fail_on(cf_profile_to_yaml(p, &text, &err), &err, "to_yaml");
    assert_true(strncmp(text, "profile:\n  id: branch-manager\n", 30) == 0);
    assert_non_null(strstr(text, "\n  framework: sols-community-relations\n"));
    cf_string_free(text);
    cf_profile_free(p);
    cf_framework_free(fw);
}

/* Every form of target, and the keys of the format, from a file. */
static const char profile_yaml[] =
    "profile:\n"
    "  id: branch-manager\n"
    "  title: \"Branch Manager: #1\"\n"
    "  description: \"Runs a branch.\\n\\n  Indented: yes\\n\"\n"
    "  framework: sols-community-relations\n"
    "  targets:\n"
    "    CR.1: 3\n"
    "    CR.2: Proficient\n"
    "    CR.4: {level: 4, importance: 2, critical: true}\n"
    "    CR.1.1: {level: 1, importance: 0.1}\n"
    "    CR.1.2: {level: 2, critical: yes}\n"
    "    CR.1.3: {level: 2, critical: false}\n"
    "  x-owner: HR\n"
    "  x-list: [a, \"b: c\", 2]\n"
    "  x-map: {k: v}\n"
    "  x-null: \"null\"\n"
    "  x-empty: \"\"\n";

static void test_profile_targets(void **state)
{
    cf_error err;
    cf_framework *fw = support_load_sols();
    cf_profile *p = NULL;
    char *text = NULL;
    (void)state;
    support_fail_on(cf_profile_load_buffer(&p, fw, profile_yaml,
                                           sizeof profile_yaml - 1, "<profile>",
                                           NULL, &err),
                    &err, "profile");
    cf_profile_free(profile_round_trip(p));
    support_fail_on(cf_profile_to_yaml(p, &text, &err), &err, "to_yaml");
    /* Defaults are left out; levels are values. */
    assert_non_null(strstr(text, "\n    CR.1: 3\n    CR.2: 3\n"));
    assert_non_null(strstr(
        text, "\n    CR.4: {level: 4, importance: 2, critical: true}\n"));
    assert_non_null(
        strstr(text, "\n    CR.1.1: {level: 1, importance: 0.1}\n"));
    assert_non_null(strstr(text, "\n    CR.1.2: {level: 2, critical: true}\n"));
    assert_non_null(strstr(text, "\n    CR.1.3: 2\n"));
    assert_non_null(strstr(text, "\n  x-null: 'null'\n"));
    cf_string_free(text);
    cf_profile_free(p);
    cf_framework_free(fw);
}

/* A profile whose title, description and extension values are hostile,
 * loaded from YAML (the API sets no description or extension). */
static void test_hostile_table_profiles(void **state)
{
    cf_error err;
    cf_framework *fw = support_load_sols();
    (void)state;
    for (size_t i = 0; i < HOSTILE_COUNT; i++) {
        const char *s = hostile[i];
        const char *other = hostile[HOSTILE_COUNT - 1 - i];
        cf_profile *p = NULL, *back;

        /* Built through the API: the title. */
        support_fail_on(cf_profile_new(&p, fw, "p-1", s, NULL, &err), &err,
                        "new");
        support_fail_on(cf_profile_add_target(p, "CR.1.1", 3, 1, 0, &err), &err,
                        "target");
        support_fail_on(cf_profile_add_target(p, "CR.2", 2, 2.5, 1, &err), &err,
                        "target");
        back = profile_round_trip(p);
        same_optional(s, cf_profile_title(back));
        cf_profile_free(back);
        cf_profile_free(p);

        /* Loaded: the title, the description and an extension. */
        sbuf b = {0};
        sb_printf(&b, "profile:\n  id: p.2\n  title: ");
        sb_quoted(&b, s);
        sb_printf(&b, "\n  description: ");
        sb_quoted(&b, other);
        sb_printf(&b, "\n  targets:\n    CR.3: 1\n  x-a: ");
        sb_quoted(&b, s);
        sb_printf(&b, "\n  x-b: ");
        sb_quoted(&b, other);
        sb_add(&b, "\n", 1);
        p = NULL;
        support_fail_on(
            cf_profile_load_buffer(&p, fw, b.data, b.len, "<in>", NULL, &err),
            &err, b.data);
        back = profile_round_trip(p);
        same_optional(s, cf_profile_title(back));
        same_optional(other, cf_profile_description(back));
        assert_string_equal(
            cf_extensions_get(cf_profile_extensions(back), "x-a"), s);
        assert_string_equal(
            cf_extensions_get(cf_profile_extensions(back), "x-b"), other);
        cf_profile_free(back);
        cf_profile_free(p);
        free(b.data);
    }
    cf_framework_free(fw);
}

static void test_profile_errors(void **state)
{
    cf_error err;
    cf_framework *fw = support_load_sols();
    cf_profile *p = NULL;
    char *text = (char *)"x";
    (void)state;
    assert_int_equal(cf_profile_to_yaml(NULL, &text, &err), CF_EARG);
    assert_null(text);
    assert_int_equal(err.code, CF_EARG);
    support_fail_on(cf_profile_new(&p, fw, "empty", NULL, NULL, &err), &err,
                    "new");
    assert_int_equal(cf_profile_to_yaml(p, NULL, &err), CF_EARG);
    /* No targets: the format needs one, so no text that would not load. */
    text = (char *)"x";
    assert_int_equal(cf_profile_to_yaml(p, &text, &err), CF_EINVALID);
    assert_null(text);
    assert_non_null(strstr(err.message, "no targets"));
    cf_profile_free(p);
    /* A title that is not UTF-8. */
    p = NULL;
    support_fail_on(cf_profile_new(&p, fw, "bad", "caf\xe9", NULL, &err), &err,
                    "new");
    support_fail_on(cf_profile_add_target(p, "CR.1", 3, 1, 0, &err), &err,
                    "target");
    text = (char *)"x";
    assert_int_equal(cf_profile_to_yaml(p, &text, &err), CF_EINVALID);
    assert_null(text);
    cf_profile_free(p);
    cf_framework_free(fw);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sols),
        cmocka_unit_test(test_digital_services),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_relations_written),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_assessments),
        cmocka_unit_test(test_hostile_table_framework),
        cmocka_unit_test(test_hostile_table_assessments),
        cmocka_unit_test(test_hostile_table_assessments_threads),
        cmocka_unit_test(test_profile_example),
        cmocka_unit_test(test_profile_targets),
        cmocka_unit_test(test_hostile_table_profiles),
        cmocka_unit_test(test_profile_errors),
    };
    return cmocka_run_group_tests(tests, setup_long_line, NULL);
}
