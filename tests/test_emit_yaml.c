/*
 * YAML out (cf_framework_to_yaml, cf_assessments_to_yaml): the text loads
 * back to the same model, whatever the strings hold, and writing the model
 * read back gives the same text again.
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sols),
        cmocka_unit_test(test_digital_services),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_relations_written),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_assessments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
