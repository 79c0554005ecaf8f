/*
 * Loading behaviour on small inline documents: defaults, inheritance,
 * extensions, aliases, scalar styles, reference counting, arguments,
 * options and limits, source names. Public API only.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "competency.h"
#include "support.h"

/* A scale "s" with levels 1 Low and 2 High, proficient at High. */
#define SCALE_S                                                                \
    "  scales:\n"                                                              \
    "    - id: s\n"                                                            \
    "      levels: [{value: 1, label: Low}, {value: 2, label: High}]\n"        \
    "      proficient: 2\n"

/* The framework's opening lines, then SCALE_S. */
#define HEAD                                                                   \
    "framework:\n"                                                             \
    "  id: demo\n"                                                             \
    "  title: Demo\n" SCALE_S

static const char *ext_value(const cf_extensions *ext, const char *key)
{
    const char *value = cf_extensions_get(ext, key);

    if (value == NULL) {
        fail_msg("no extension '%s'", key);
    }
    return value;
}

/* Frees the framework a test left in *state, even after a failed assert. */
static int free_state(void **state)
{
    cf_framework_free(*state);
    return 0;
}

static void test_defaults(void **state)
{
    static const char yaml[] = "framework:\n"
                               "  id: demo\n"
                               "  title: Demo\n"
                               "  scales:\n"
                               "    - id: s\n"
                               "      levels:\n"
                               "        - {value: 1, label: Low}\n"
                               "        - {value: 2, label: High}\n"
                               "      proficient: High\n"
                               "  elements:\n"
                               "    - id: A\n"
                               "      title: Alpha\n"
                               "      children:\n"
                               "        - {id: A.1, title: One}\n"
                               "    - id: B\n"
                               "      title: Beta\n";
    cf_framework *fw = support_load(yaml);
    const cf_scale *s = cf_framework_find_scale(fw, "s");
    const cf_element *a = cf_framework_find(fw, "A");
    const cf_element *b = cf_framework_find(fw, "B");
    size_t i;

    (void)state;
    assert_string_equal(cf_framework_id(fw), "demo");
    assert_string_equal(cf_framework_title(fw), "Demo");
    assert_null(cf_framework_version(fw));
    assert_null(cf_framework_publisher(fw));
    assert_null(cf_framework_language(fw));
    assert_null(cf_framework_description(fw));
    assert_string_equal(cf_framework_source(fw), "inline.yaml");
    assert_int_equal(cf_framework_hierarchy_count(fw), 0);
    assert_null(cf_framework_hierarchy_name(fw, 0));
    assert_int_equal(cf_extensions_count(cf_framework_extensions(fw)), 0);
    assert_null(cf_extensions_get(cf_framework_extensions(fw), "x-a"));

    /* A, A.1 and B: 3 elements, 2 of them top-level. */
    assert_int_equal(cf_framework_element_count(fw), 3);
    assert_int_equal(cf_framework_root_count(fw), 2);
    assert_ptr_equal(cf_framework_root(fw, 0), a);
    assert_ptr_equal(cf_framework_root(fw, 1), b);
    /* A's subtree is A and A.1 (indexes 0, 1); B is alone at index 2. */
    assert_int_equal(cf_element_subtree_end(a), 2);
    assert_int_equal(cf_element_index(b), 2);
    assert_int_equal(cf_element_subtree_end(b), 3);

    /* The only scale is the default; its title defaults to its id. */
    assert_non_null(s);
    assert_ptr_equal(cf_framework_default_scale(fw), s);
    assert_string_equal(cf_scale_title(s), "s");
    assert_null(cf_scale_description(s));
    assert_int_equal(cf_extensions_count(cf_scale_extensions(s)), 0);
    /* proficient given by label: High is the second level, value 2. */
    assert_ptr_equal(cf_scale_proficient(s), cf_scale_level(s, 1));
    assert_true(cf_level_value(cf_scale_proficient(s)) == 2.0);
    for (i = 0; i < cf_scale_level_count(s); i++) {
        const cf_level *level = cf_scale_level(s, i);

        assert_null(cf_level_description(level));
        assert_int_equal(cf_extensions_count(cf_level_extensions(level)), 0);
    }

    for (i = 0; i < cf_framework_element_count(fw); i++) {
        const cf_element *el = cf_framework_element(fw, i);

        /* Weight 1 and rollup mean unless the file says otherwise. */
        assert_true(cf_element_weight(el) == 1.0);
        assert_int_equal(cf_element_rollup(el), CF_ROLLUP_MEAN);
        assert_ptr_equal(cf_element_scale(el), s);
        assert_null(cf_element_description(el));
        /* No hierarchy and no kind key: no kind. */
        assert_null(cf_element_kind(el));
        assert_int_equal(cf_extensions_count(cf_element_extensions(el)), 0);
    }
    cf_framework_free(fw);
}

static void test_weights_and_rollups(void **state)
{
    static const char yaml[] =
        HEAD "  elements:\n"
             "    - {id: A, title: a, weight: 2.5, rollup: min}\n"
             "    - {id: B, title: b, weight: 0.25, rollup: max}\n"
             "    - {id: C, title: c, weight: 3, rollup: mean}\n"
             "    - {id: D, title: d, weight: 1e-3}\n";
    cf_framework *fw = support_load(yaml);

    (void)state;
    assert_true(cf_element_weight(cf_framework_find(fw, "A")) == 2.5);
    assert_true(cf_element_weight(cf_framework_find(fw, "B")) == 0.25);
    assert_true(cf_element_weight(cf_framework_find(fw, "C")) == 3.0);
    assert_true(cf_element_weight(cf_framework_find(fw, "D")) == 1e-3);
    assert_int_equal(cf_element_rollup(cf_framework_find(fw, "A")),
                     CF_ROLLUP_MIN);
    assert_int_equal(cf_element_rollup(cf_framework_find(fw, "B")),
                     CF_ROLLUP_MAX);
    assert_int_equal(cf_element_rollup(cf_framework_find(fw, "C")),
                     CF_ROLLUP_MEAN);
    assert_int_equal(cf_element_rollup(cf_framework_find(fw, "D")),
                     CF_ROLLUP_MEAN);
    assert_string_equal(cf_rollup_name(CF_ROLLUP_MEAN), "mean");
    assert_string_equal(cf_rollup_name(CF_ROLLUP_MIN), "min");
    assert_string_equal(cf_rollup_name(CF_ROLLUP_MAX), "max");
    /* 3 is one past CF_ROLLUP_MAX. */
    assert_null(cf_rollup_name((cf_rollup)3));
    cf_framework_free(fw);
}

static void test_numbers(void **state)
{
    static const char yaml[] = "framework:\n"
                               "  id: demo\n"
                               "  title: Demo\n"
                               "  scales:\n"
                               "    - id: s\n"
                               "      levels:\n"
                               "        - {value: -1, label: Below}\n"
                               "        - {value: 0, label: None}\n"
                               "        - {value: 0.5, label: Half}\n"
                               "        - {value: 1e1, label: Ten}\n"
                               "      proficient: 0.5\n"
                               "  elements:\n"
                               "    - {id: A, title: a}\n";
    cf_framework *fw = support_load(yaml);
    const cf_scale *s = cf_framework_default_scale(fw);

    (void)state;
    /* -1 < 0 < 0.5 < 1e1 = 10: four increasing levels. */
    assert_int_equal(cf_scale_level_count(s), 4);
    assert_true(cf_level_value(cf_scale_level(s, 0)) == -1.0);
    assert_true(cf_level_value(cf_scale_level(s, 1)) == 0.0);
    assert_true(cf_level_value(cf_scale_level(s, 2)) == 0.5);
    assert_true(cf_level_value(cf_scale_level(s, 3)) == 10.0);
    assert_ptr_equal(cf_scale_find_value(s, 10.0), cf_scale_level(s, 3));
    assert_ptr_equal(cf_scale_proficient(s), cf_scale_level(s, 2));
    cf_framework_free(fw);
}

static void test_number_precision(void **state)
{
    /* Each weight must equal the C compiler's reading of the same text:
     * 0.1 and 2.5e3 take the exact fast path (mantissa and power of ten
     * both exact); the 20-digit one and 1e-30 need the strtod path. */
    static const char yaml[] = HEAD "  elements:\n"
                                    "    - {id: A, title: a, weight: 0.1}\n"
                                    "    - {id: B, title: b, weight: 2.5e3}\n"
                                    "    - {id: C, title: c, weight: "
                                    "0.12345678901234567890}\n"
                                    "    - {id: D, title: d, weight: 1e-30}\n";
    cf_framework *fw = support_load(yaml);

    (void)state;
    assert_true(cf_element_weight(cf_framework_find(fw, "A")) == 0.1);
    assert_true(cf_element_weight(cf_framework_find(fw, "B")) == 2500.0);
    assert_true(cf_element_weight(cf_framework_find(fw, "C")) ==
                0.12345678901234567890);
    assert_true(cf_element_weight(cf_framework_find(fw, "D")) == 1e-30);
    cf_framework_free(fw);
}

static void test_scale_inheritance(void **state)
{
    static const char yaml[] =
        "framework:\n"
        "  id: demo\n"
        "  title: Demo\n"
        "  scales:\n"
        "    - id: a\n"
        "      levels: [{value: 1, label: L}, {value: 2, label: H}]\n"
        "      proficient: 2\n"
        "    - id: b\n"
        "      levels: [{value: 0, label: No}, {value: 1, label: Yes}]\n"
        "      proficient: 1\n"
        "  default_scale: a\n"
        "  elements:\n"
        "    - id: E1\n"
        "      title: t\n"
        "      children:\n"
        "        - {id: E1.1, title: t}\n"
        "    - id: E2\n"
        "      title: t\n"
        "      scale: b\n"
        "      children:\n"
        "        - id: E2.1\n"
        "          title: t\n"
        "          children:\n"
        "            - {id: E2.1.1, title: t}\n"
        "        - id: E2.2\n"
        "          title: t\n"
        "          scale: a\n"
        "          children:\n"
        "            - {id: E2.2.1, title: t}\n"
        "        - {id: E2.3, title: t}\n"
        "    - {id: E3, title: t}\n";
    /* Which scale each element ends up with, in pre-order. */
    static const struct {
        const char *id;
        const char *scale;
    } expected[] = {
        {"E1", "a"},     {"E1.1", "a"},   {"E2", "b"},
        {"E2.1", "b"},   {"E2.1.1", "b"}, {"E2.2", "a"},
        {"E2.2.1", "a"}, {"E2.3", "b"},   {"E3", "a"},
    };
    cf_framework *fw = support_load(yaml);
    size_t i;

    (void)state;
    assert_int_equal(cf_framework_scale_count(fw), 2);
    assert_string_equal(cf_scale_id(cf_framework_default_scale(fw)), "a");
    assert_int_equal(cf_scale_index(cf_framework_find_scale(fw, "b")), 1);
    assert_int_equal(cf_framework_element_count(fw),
                     sizeof expected / sizeof expected[0]);
    for (i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        const cf_element *el = cf_framework_element(fw, i);

        assert_string_equal(cf_element_id(el), expected[i].id);
        assert_string_equal(cf_scale_id(cf_element_scale(el)),
                            expected[i].scale);
    }
    cf_framework_free(fw);
}

static void test_default_scale_second(void **state)
{
    static const char yaml[] =
        "framework:\n"
        "  id: demo\n"
        "  title: Demo\n"
        "  default_scale: b\n"
        "  scales:\n"
        "    - id: a\n"
        "      levels: [{value: 1, label: L}, {value: 2, label: H}]\n"
        "      proficient: 2\n"
        "    - id: b\n"
        "      title: Binary\n"
        "      levels: [{value: 0, label: No}, {value: 1, label: Yes}]\n"
        "      proficient: Yes\n"
        "  elements:\n"
        "    - {id: A, title: t}\n"
        "    - {id: B, title: t, scale: a}\n";
    cf_framework *fw = support_load(yaml);
    const cf_scale *b = cf_framework_find_scale(fw, "b");

    (void)state;
    /* default_scale may come before the scales it names. */
    assert_ptr_equal(cf_framework_default_scale(fw), b);
    assert_string_equal(cf_scale_title(b), "Binary");
    assert_ptr_equal(cf_element_scale(cf_framework_find(fw, "A")), b);
    assert_ptr_equal(cf_element_scale(cf_framework_find(fw, "B")),
                     cf_framework_find_scale(fw, "a"));
    cf_framework_free(fw);
}

static void test_extensions(void **state)
{
    static const char yaml[] =
        "framework:\n"
        "  id: demo\n"
        "  title: Demo\n"
        "  x-note: hello world\n"
        "  x-map: {a: 1, b: [x, y]}\n"
        "  scales:\n"
        "    - id: s\n"
        "      x-origin: added\n"
        "      levels:\n"
        "        - {value: 1, label: Low, x-colour: red}\n"
        "        - {value: 2, label: High}\n"
        "      proficient: 2\n"
        "  elements:\n"
        "    - id: A\n"
        "      title: Alpha\n"
        "      x-tags: [x, y]\n"
        "      x-blank: \"\"\n"
        "      x-empty-seq: []\n"
        "      x-empty-map: {}\n"
        "      x-escapes: [\"say \\\"hi\\\"\", \"back\\\\slash\", "
        "\"two\\nlines\", \"tab\\there\"]\n"
        "      x-nested: {k: [{a: 1}, [b, c]], titel: free}\n";
    cf_framework *fw = support_load(yaml);
    const cf_extensions *ext = cf_framework_extensions(fw);
    const cf_scale *s = cf_framework_default_scale(fw);
    const cf_element *a = cf_framework_find(fw, "A");

    *state = fw; /* freed by free_state, even when an assertion fails */

    /* x-note and x-map, in file order, keys with their "x-". */
    assert_int_equal(cf_extensions_count(ext), 2);
    assert_string_equal(cf_extensions_key(ext, 0), "x-note");
    assert_string_equal(cf_extensions_value(ext, 0), "hello world");
    assert_string_equal(cf_extensions_key(ext, 1), "x-map");
    /* A mapping value is compact JSON, its scalars as JSON strings. */
    assert_string_equal(cf_extensions_value(ext, 1),
                        "{\"a\":\"1\",\"b\":[\"x\",\"y\"]}");
    assert_string_equal(ext_value(ext, "x-map"), cf_extensions_value(ext, 1));
    assert_null(cf_extensions_get(ext, "x-nope"));
    assert_null(cf_extensions_get(ext, "note"));

    assert_int_equal(cf_extensions_count(cf_scale_extensions(s)), 1);
    assert_string_equal(ext_value(cf_scale_extensions(s), "x-origin"), "added");
    assert_string_equal(
        ext_value(cf_level_extensions(cf_scale_level(s, 0)), "x-colour"),
        "red");
    assert_int_equal(
        cf_extensions_count(cf_level_extensions(cf_scale_level(s, 1))), 0);

    ext = cf_element_extensions(a);
    /* x-tags, x-blank, x-empty-seq, x-empty-map, x-escapes, x-nested. */
    assert_int_equal(cf_extensions_count(ext), 6);
    assert_string_equal(cf_extensions_key(ext, 5), "x-nested");
    assert_string_equal(ext_value(ext, "x-tags"), "[\"x\",\"y\"]");
    assert_string_equal(ext_value(ext, "x-blank"), "");
    assert_string_equal(ext_value(ext, "x-empty-seq"), "[]");
    assert_string_equal(ext_value(ext, "x-empty-map"), "{}");
    /* JSON escapes for the quote, the backslash, newline and tab. */
    assert_string_equal(ext_value(ext, "x-escapes"),
                        "[\"say \\\"hi\\\"\",\"back\\\\slash\","
                        "\"two\\nlines\",\"tab\\there\"]");
    /* Inside an x- value any key is free, even one like titel. */
    assert_string_equal(ext_value(ext, "x-nested"),
                        "{\"k\":[{\"a\":\"1\"},[\"b\",\"c\"]],"
                        "\"titel\":\"free\"}");

    /* A NULL set of extensions counts as empty. */
    assert_int_equal(cf_extensions_count(NULL), 0);
}

static void test_relations(void **state)
{
    /* A names B and C as related (a sequence) and precedes B (one id);
     * C is replaced by A.1, named before it is defined; B is an exact
     * match of A. */
    static const char yaml[] = HEAD "  elements:\n"
                                    "    - id: A\n"
                                    "      title: a\n"
                                    "      related: [B, C]\n"
                                    "      precedes: B\n"
                                    "    - {id: B, title: b, exact_match: A}\n"
                                    "    - {id: C, title: c, replaced_by: "
                                    "[A.1]}\n"
                                    "    - {id: D, title: d, children: [{id: "
                                    "A.1, title: x}]}\n";
    cf_framework *fw = support_load(yaml);
    const cf_element *a = cf_framework_find(fw, "A");
    const cf_element *b = cf_framework_find(fw, "B");
    const cf_element *c = cf_framework_find(fw, "C");

    (void)state;
    assert_int_equal(cf_element_relation_count(a, CF_RELATION_RELATED), 2);
    assert_ptr_equal(cf_element_relation(a, CF_RELATION_RELATED, 0), b);
    assert_ptr_equal(cf_element_relation(a, CF_RELATION_RELATED, 1), c);
    assert_null(cf_element_relation(a, CF_RELATION_RELATED, 2));
    assert_ptr_equal(cf_element_relation(a, CF_RELATION_PRECEDES, 0), b);
    assert_ptr_equal(cf_element_relation(b, CF_RELATION_EXACT_MATCH, 0), a);
    assert_ptr_equal(cf_element_relation(c, CF_RELATION_REPLACED_BY, 0),
                     cf_framework_find(fw, "A.1"));
    assert_int_equal(cf_element_relation_count(b, CF_RELATION_RELATED), 0);
    assert_string_equal(cf_relation_name(CF_RELATION_REPLACED_BY),
                        "replaced_by");
    assert_null(cf_relation_name((cf_relation)CF_RELATION_COUNT));
    cf_framework_free(fw);
}

static void test_relation_errors(void **state)
{
    /* HEAD has 7 lines, "  elements:" is line 8, the elements 9 and 10. */
    static const char unknown[] =
        HEAD "  elements:\n"
             "    - {id: A, title: a, related: [Bx]}\n"
             "    - {id: B, title: b}\n";
    static const char self[] = HEAD "  elements:\n"
                                    "    - {id: A, title: a, precedes: A}\n";
    static const char twice[] =
        HEAD "  elements:\n"
             "    - {id: A, title: a, related: [B, B]}\n"
             "    - {id: B, title: b}\n";
    static const char mapping[] = HEAD "  elements:\n"
                                       "    - {id: A, title: a, related: {B: "
                                       "1}}\n";
    cf_error err;

    (void)state;
    support_load_fails(unknown, NULL, CF_EINVALID, &err);
    assert_non_null(strstr(err.message, "unknown element id 'Bx'"));
    assert_non_null(strstr(err.message, "(did you mean 'B'?)"));
    /* "    - {id: A, title: a, related: [" is 34 characters: Bx at 35. */
    assert_int_equal(err.line, 9);
    assert_int_equal(err.column, 35);
    support_load_fails(self, NULL, CF_EINVALID, &err);
    assert_non_null(strstr(err.message, "element 'A' names itself in "
                                        "'precedes'"));
    support_load_fails(twice, NULL, CF_EINVALID, &err);
    assert_non_null(strstr(err.message, "'B' is named twice in 'related' of "
                                        "element 'A'"));
    /* The second B: 35 + "B, " = column 38. */
    assert_int_equal(err.column, 38);
    support_load_fails(mapping, NULL, CF_EINVALID, &err);
    assert_non_null(strstr(err.message, "expected an element id or a sequence "
                                        "of them for 'related'"));
}

static void test_kind_override(void **state)
{
    static const char yaml[] =
        HEAD "  hierarchy: [area, competency]\n"
             "  elements:\n"
             "    - id: A\n"
             "      title: t\n"
             "      kind: cluster\n"
             "      children:\n"
             "        - id: A.1\n"
             "          title: t\n"
             "          children:\n"
             "            - {id: A.1.1, title: t}\n"
             "            - {id: A.1.2, title: t, kind: behaviour}\n"
             "    - {id: B, title: t}\n";
    cf_framework *fw = support_load(yaml);

    (void)state;
    assert_int_equal(cf_framework_hierarchy_count(fw), 2);
    assert_string_equal(cf_framework_hierarchy_name(fw, 0), "area");
    assert_string_equal(cf_framework_hierarchy_name(fw, 1), "competency");
    assert_null(cf_framework_hierarchy_name(fw, 2));
    /* Its own kind wins over the hierarchy name of depth 0. */
    assert_string_equal(cf_element_kind(cf_framework_find(fw, "A")), "cluster");
    assert_string_equal(cf_element_kind(cf_framework_find(fw, "A.1")),
                        "competency");
    /* Depth 2 is past the two hierarchy names: no kind. */
    assert_int_equal(cf_element_depth(cf_framework_find(fw, "A.1.1")), 2);
    assert_null(cf_element_kind(cf_framework_find(fw, "A.1.1")));
    assert_string_equal(cf_element_kind(cf_framework_find(fw, "A.1.2")),
                        "behaviour");
    assert_string_equal(cf_element_kind(cf_framework_find(fw, "B")), "area");
    cf_framework_free(fw);
}

static void test_aliases(void **state)
{
    static const char yaml[] =
        "framework:\n"
        "  id: demo\n"
        "  title: &t Demo framework\n"
        "  description: &d Shared text for several places.\n"
        "  scales:\n"
        "    - id: s\n"
        "      levels: &lv\n"
        "        - {value: 1, label: Low}\n"
        "        - {value: 2, label: High}\n"
        "      proficient: 2\n"
        "    - id: s2\n"
        "      title: *t\n"
        "      levels: *lv\n"
        "      proficient: 1\n"
        "  default_scale: s\n"
        "  elements:\n"
        "    - id: A\n"
        "      title: Alpha\n"
        "      description: *d\n"
        "      x-tags: &tags [x, y]\n"
        "      x-copy: *tags\n"
        "    - {id: B, title: *t, description: *d}\n";
    static const char shared[] = "Shared text for several places.";
    cf_framework *fw = support_load(yaml);
    const cf_scale *s2 = cf_framework_find_scale(fw, "s2");
    const cf_element *a = cf_framework_find(fw, "A");
    const cf_element *b = cf_framework_find(fw, "B");

    (void)state;
    assert_string_equal(cf_framework_description(fw), shared);
    assert_string_equal(cf_element_description(a), shared);
    assert_string_equal(cf_element_description(b), shared);
    assert_string_equal(cf_element_title(b), "Demo framework");
    assert_string_equal(cf_scale_title(s2), "Demo framework");
    /* The aliased levels are s's two levels, now also s2's. */
    assert_int_equal(cf_scale_level_count(s2), 2);
    assert_string_equal(cf_level_label(cf_scale_level(s2, 0)), "Low");
    assert_string_equal(cf_level_label(cf_scale_level(s2, 1)), "High");
    assert_true(cf_level_value(cf_scale_proficient(s2)) == 1.0);
    assert_string_equal(ext_value(cf_element_extensions(a), "x-copy"),
                        "[\"x\",\"y\"]");
    cf_framework_free(fw);
}

static void test_multiline(void **state)
{
    static const char yaml[] =
        "framework:\n"
        "  id: demo\n"
        "  title: Demo\n"
        "  description: >\n"
        "    Folded lines\n"
        "    join with spaces.\n"
        "\n"
        "    A blank line keeps a break.\n" SCALE_S "  elements:\n"
        "    - id: A\n"
        "      title: A plain title\n"
        "        that continues on the next line\n"
        "      description: |\n"
        "        Literal lines\n"
        "          keep their breaks\n"
        "        and indentation.\n"
        "    - id: B\n"
        "      title: \"Double-quoted \\u00e9 with\\tescapes\"\n"
        "      description: |-\n"
        "        Strip the final break.\n"
        "    - id: C\n"
        "      title: 'Single-quoted, it''s'\n";
    cf_framework *fw = support_load(yaml);
    const cf_element *a = cf_framework_find(fw, "A");
    const cf_element *b = cf_framework_find(fw, "B");

    (void)state;
    assert_string_equal(cf_framework_description(fw),
                        "Folded lines join with spaces.\n"
                        "A blank line keeps a break.\n");
    assert_string_equal(cf_element_title(a),
                        "A plain title that continues on the next line");
    assert_string_equal(
        cf_element_description(a),
        "Literal lines\n  keep their breaks\nand indentation.\n");
    assert_string_equal(cf_element_title(b),
                        "Double-quoted \xc3\xa9 with\tescapes");
    assert_string_equal(cf_element_description(b), "Strip the final break.");
    assert_string_equal(cf_element_title(cf_framework_find(fw, "C")),
                        "Single-quoted, it's");
    cf_framework_free(fw);
}

static void test_non_ascii(void **state)
{
    /* With a UTF-8 byte order mark first, which YAML allows. */
    static const char yaml[] =
        "\xef\xbb\xbf"
        "framework:\n"
        "  id: demo\n"
        "  title: Compétences communautaires — 社区关系 🙂\n"
        "  language: fr\n"
        "  scales:\n"
        "    - id: niveau\n"
        "      title: Niveau de maîtrise\n"
        "      levels:\n"
        "        - {value: 1, label: Débutant}\n"
        "        - {value: 2, label: Avancé}\n"
        "      proficient: Avancé\n"
        "  elements:\n"
        "    - id: R\n"
        "      title: Relations avec la communauté\n"
        "      description: « Établit des liens »\n"
        "      x-étiquette: café\n";
    cf_framework *fw = support_load(yaml);
    const cf_scale *s = cf_framework_default_scale(fw);
    const cf_element *r = cf_framework_find(fw, "R");

    (void)state;
    assert_string_equal(cf_framework_title(fw),
                        "Compétences communautaires — 社区关系 🙂");
    assert_string_equal(cf_scale_title(s), "Niveau de maîtrise");
    assert_ptr_equal(cf_scale_find_label(s, "Débutant"), cf_scale_level(s, 0));
    assert_ptr_equal(cf_scale_proficient(s), cf_scale_level(s, 1));
    assert_string_equal(cf_element_title(r), "Relations avec la communauté");
    assert_string_equal(cf_element_description(r), "« Établit des liens »");
    assert_string_equal(ext_value(cf_element_extensions(r), "x-étiquette"),
                        "café");
    cf_framework_free(fw);
}

static void test_null_optional_values(void **state)
{
    static const char yaml[] =
        "framework:\n"
        "  id: demo\n"
        "  title: Demo\n"
        "  version:\n"
        "  publisher: ~\n"
        "  language: null\n"
        "  description:\n" SCALE_S "  elements:\n"
        "    - {id: A, title: t, description: ~, kind: }\n";
    cf_framework *fw = support_load(yaml);
    const cf_element *a = cf_framework_find(fw, "A");

    (void)state;
    /* An empty or null optional string is as if the key were absent. */
    assert_null(cf_framework_version(fw));
    assert_null(cf_framework_publisher(fw));
    assert_null(cf_framework_language(fw));
    assert_null(cf_framework_description(fw));
    assert_null(cf_element_description(a));
    assert_null(cf_element_kind(a));
    cf_framework_free(fw);
}

static void test_document_markers(void **state)
{
    static const char yaml[] =
        "%YAML 1.1\n"
        "# a comment before the document\n"
        "---\n" HEAD "  elements:   # a comment after a key\n"
        "    - {id: A, title: t}\n"
        "...\n";
    cf_framework *fw = support_load(yaml);

    (void)state;
    assert_int_equal(cf_framework_element_count(fw), 1);
    cf_framework_free(fw);
}

static void test_refcount(void **state)
{
    static const char yaml[] = HEAD "  elements:\n    - {id: A, title: t}\n";
    cf_framework *fw = support_load(yaml);

    (void)state;
    assert_ptr_equal(cf_framework_ref(fw), fw);
    /* The first free drops one of two references: fw stays usable. */
    cf_framework_free(fw);
    assert_string_equal(cf_framework_id(fw), "demo");
    assert_string_equal(cf_element_id(cf_framework_element(fw, 0)), "A");
    /* The second frees it; ASan would report a leak or a double free. */
    cf_framework_free(fw);
    assert_null(cf_framework_ref(NULL));
    cf_framework_free(NULL);
}

static void test_strerror(void **state)
{
    /* Every code, and one that is none. */
    static const int codes[] = {CF_OK,       CF_ENOMEM, CF_EIO,  CF_ESYNTAX,
                                CF_EINVALID, CF_ELIMIT, CF_EARG, -99};
    const size_t n = sizeof codes / sizeof codes[0];
    size_t i;
    size_t j;

    (void)state;
    for (i = 0; i < n; i++) {
        const char *s = cf_strerror(codes[i]);

        assert_non_null(s);
        assert_true(s[0] != '\0');
        for (j = 0; j < i; j++) {
            assert_string_not_equal(s, cf_strerror(codes[j]));
        }
    }
    assert_string_equal(cf_strerror(-99), "unknown error");
    assert_string_equal(cf_strerror(1), "unknown error");
}

static void test_null_arguments(void **state)
{
    static const char yaml[] = HEAD "  elements:\n    - {id: A, title: t}\n";
    cf_framework *fw = NULL;
    cf_load_options opts;
    cf_error err;
    int rc;

    (void)state;
    cf_framework_free(NULL);

    memset(&err, 0, sizeof err);
    rc = cf_framework_load_buffer(NULL, yaml, strlen(yaml), "x", NULL, &err);
    assert_int_equal(rc, CF_EARG);
    assert_int_equal(err.code, CF_EARG);
    assert_true(err.message[0] != '\0');
    assert_int_equal(err.line, 0);

    memset(&err, 0, sizeof err);
    rc = cf_framework_load_file(NULL, "x.yaml", NULL, &err);
    assert_int_equal(rc, CF_EARG);
    assert_int_equal(err.code, CF_EARG);

    fw = (cf_framework *)(void *)&err; /* any non-NULL value */
    rc = cf_framework_load_file(&fw, NULL, NULL, &err);
    assert_int_equal(rc, CF_EARG);
    assert_null(fw);

    fw = (cf_framework *)(void *)&err;
    rc = cf_framework_load_buffer(&fw, NULL, 10, "x", NULL, &err);
    assert_int_equal(rc, CF_EARG);
    assert_null(fw);

    /* Without a cf_error, failures still return their code. */
    rc = cf_framework_load_buffer(&fw, "[", 1, NULL, NULL, NULL);
    assert_int_equal(rc, CF_ESYNTAX);
    assert_null(fw);
    rc = cf_framework_load_buffer(NULL, yaml, strlen(yaml), NULL, NULL, NULL);
    assert_int_equal(rc, CF_EARG);
    /* ... and successes work. */
    rc = cf_framework_load_buffer(&fw, yaml, strlen(yaml), NULL, NULL, NULL);
    assert_int_equal(rc, CF_OK);
    cf_framework_free(fw);

    /* cf_load_options_init(NULL) does nothing; otherwise it is the INIT. */
    cf_load_options_init(NULL);
    {
        const cf_load_options init = CF_LOAD_OPTIONS_INIT;

        memset(&opts, 0xab, sizeof opts);
        cf_load_options_init(&opts);
        assert_int_equal(opts.version, init.version);
        assert_int_equal(opts.max_depth, init.max_depth);
        assert_int_equal(opts.max_nesting, init.max_nesting);
        assert_int_equal(opts.max_alias_events, init.max_alias_events);
        assert_int_equal(opts.max_string_bytes, init.max_string_bytes);
        assert_int_equal(opts.max_input_bytes, init.max_input_bytes);
        assert_int_equal(opts.max_elements, init.max_elements);
        assert_null(opts.allocator);
    }
}

static void test_bad_options_version(void **state)
{
    static const char yaml[] = HEAD "  elements:\n    - {id: A, title: t}\n";
    /* 0 (never initialised) and the next version (from the future) are
     * unknown versions. */
    static const unsigned int versions[] = {0, CF_LOAD_OPTIONS_VERSION + 1};
    size_t i;

    (void)state;
    for (i = 0; i < sizeof versions / sizeof versions[0]; i++) {
        cf_load_options opts = CF_LOAD_OPTIONS_INIT;
        cf_error err;

        opts.version = versions[i];
        support_load_fails(yaml, &opts, CF_EARG, &err);
        assert_int_equal(err.line, 0);
    }
}

/* A version 1 struct (before threads) is still read: whatever follows it
 * in the caller's memory is ignored. */
static void test_options_version_1(void **state)
{
    static const char yaml[] = HEAD "  elements:\n    - {id: A, title: t}\n";
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    cf_framework *fw = NULL;
    cf_error err;

    (void)state;
    opts.version = 1;
    opts.threads = 12345;
    support_fail_on(
        cf_framework_load_buffer(&fw, yaml, sizeof yaml - 1, "v1", &opts, &err),
        &err, "a version 1 cf_load_options");
    assert_int_equal(cf_framework_element_count(fw), 1);
    cf_framework_free(fw);
}

static void *never_alloc(size_t size, void *ctx)
{
    (void)size;
    (void)ctx;
    return NULL;
}

static void test_bad_options_values(void **state)
{
    static const char yaml[] = HEAD "  elements:\n    - {id: A, title: t}\n";
    cf_allocator partial = {never_alloc, NULL, NULL, NULL};
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    cf_error err;

    (void)state;
    /* The ceilings themselves are allowed... */
    opts.max_depth = CF_MAX_DEPTH_CEILING;
    opts.max_nesting = CF_MAX_NESTING_CEILING;
    cf_framework_free(support_load_opts(yaml, &opts));
    /* ... one more is not. */
    opts.max_depth = CF_MAX_DEPTH_CEILING + 1;
    support_load_fails(yaml, &opts, CF_EARG, &err);
    opts.max_depth = 0;
    opts.max_nesting = CF_MAX_NESTING_CEILING + 1;
    support_load_fails(yaml, &opts, CF_EARG, &err);
    /* An allocator needs all three functions. */
    opts.max_nesting = 0;
    opts.allocator = &partial;
    support_load_fails(yaml, &opts, CF_EARG, &err);
}

/* A chain A (depth 0), A.1 (depth 1), A.1.1 (depth 2). */
static const char depth2_yaml[] = HEAD "  elements:\n"
                                       "    - id: A\n"
                                       "      title: t\n"
                                       "      children:\n"
                                       "        - id: A.1\n"
                                       "          title: t\n"
                                       "          children:\n"
                                       "            - {id: A.1.1, title: t}\n";

static void test_limit_depth(void **state)
{
    static const char depth1[] = HEAD "  elements:\n"
                                      "    - id: A\n"
                                      "      title: t\n"
                                      "      children:\n"
                                      "        - {id: A.1, title: t}\n";
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    cf_error err;

    (void)state;
    /* max_depth counts levels: 1 allows only depth 0, the roots. */
    opts.max_depth = 1;
    support_load_fails(depth1, &opts, CF_ELIMIT, &err);
    /* At A.1's mapping: line 12, column 11. */
    assert_int_equal(err.line, 12);
    assert_int_equal(err.column, 11);
    support_load_fails(depth2_yaml, &opts, CF_ELIMIT, &err);
    /* Two levels: depth 1 fits, depth 2 does not. */
    opts.max_depth = 2;
    cf_framework_free(support_load_opts(depth1, &opts));
    support_load_fails(depth2_yaml, &opts, CF_ELIMIT, &err);
    /* The error is at A.1.1, on the last line (line 15 of depth2_yaml). */
    assert_int_equal(err.line, 15);
    opts.max_depth = 3;
    cf_framework_free(support_load_opts(depth2_yaml, &opts));
}

static void test_limit_elements(void **state)
{
    static const char four[] = HEAD "  elements:\n"
                                    "    - {id: A, title: t}\n"
                                    "    - {id: B, title: t}\n"
                                    "    - id: C\n"
                                    "      title: t\n"
                                    "      children:\n"
                                    "        - {id: C.1, title: t}\n";
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    cf_error err;

    (void)state;
    /* Four elements: A, B, C, C.1. */
    opts.max_elements = 4;
    cf_framework_free(support_load_opts(four, &opts));
    opts.max_elements = 3;
    support_load_fails(four, &opts, CF_ELIMIT, &err);
    /* The fourth element, C.1, is on line 14. */
    assert_int_equal(err.line, 14);
    /* A chain of three elements fits exactly. */
    cf_framework_free(support_load_opts(depth2_yaml, &opts));
}

static void test_limit_strings_and_input(void **state)
{
    /* The longest key, default_scale, has 13 bytes; the title has 17. */
    static const char yaml[] =
        "framework:\n"
        "  id: demo\n"
        "  title: seventeen-bytes!!\n" SCALE_S "  default_scale: s\n"
        "  elements:\n"
        "    - {id: A, title: t}\n";
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    cf_error err;

    (void)state;
    opts.max_string_bytes = 17;
    cf_framework_free(support_load_opts(yaml, &opts));
    opts.max_string_bytes = 16;
    support_load_fails(yaml, &opts, CF_ELIMIT, &err);
    /* At the title's value: line 3, column 10. */
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 10);

    opts = (cf_load_options)CF_LOAD_OPTIONS_INIT;
    opts.max_input_bytes = strlen(yaml);
    cf_framework_free(support_load_opts(yaml, &opts));
    opts.max_input_bytes = strlen(yaml) - 1;
    support_load_fails(yaml, &opts, CF_ELIMIT, &err);
}

static void test_limit_nesting(void **state)
{
    /*
     * Nesting: the root mapping (1), framework's mapping (2), scales (3),
     * the scale (4), levels (5), a level (6). Elements reach 4 (an element
     * mapping), and x-deep reaches 2 + 4 = 6 as well.
     */
    static const char yaml[] = HEAD "  x-deep: [[[[x]]]]\n"
                                    "  elements:\n"
                                    "    - {id: A, title: t}\n";
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    cf_error err;

    (void)state;
    opts.max_nesting = 6;
    cf_framework_free(support_load_opts(yaml, &opts));
    opts.max_nesting = 5;
    support_load_fails(yaml, &opts, CF_ELIMIT, &err);
    /* The first collection at nesting 6 is the first level, on line 6. */
    assert_int_equal(err.line, 6);
}

static void test_limit_aliases(void **state)
{
    /* *three replays 5 events: sequence start, a, b, c, sequence end. */
    static const char yaml[] = HEAD "  x-one: &three [a, b, c]\n"
                                    "  x-two: *three\n"
                                    "  elements:\n"
                                    "    - {id: A, title: t}\n";
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    cf_error err;

    (void)state;
    opts.max_alias_events = 5;
    cf_framework_free(support_load_opts(yaml, &opts));
    opts.max_alias_events = 4;
    support_load_fails(yaml, &opts, CF_ELIMIT, &err);
    /* At the alias: line 9, column 10. */
    assert_int_equal(err.line, 9);
    assert_int_equal(err.column, 10);
}

static void test_zero_limits_mean_defaults(void **state)
{
    static const char yaml[] = HEAD "  elements:\n    - {id: A, title: t}\n";
    cf_load_options opts;

    (void)state;
    memset(&opts, 0, sizeof opts);
    opts.version = CF_LOAD_OPTIONS_VERSION;
    cf_framework_free(support_load_opts(yaml, &opts));
}

static void test_source_names(void **state)
{
    static const char bad[] = "framework: [1]\n";
    static const char good[] = HEAD "  elements:\n    - {id: A, title: t}\n";
    char long_name[300];
    cf_framework *fw = NULL;
    cf_error err;
    int rc;

    (void)state;
    rc = cf_framework_load_buffer(&fw, bad, strlen(bad), "my-source.yaml", NULL,
                                  &err);
    assert_int_equal(rc, CF_EINVALID);
    assert_string_equal(err.source, "my-source.yaml");

    rc = cf_framework_load_buffer(&fw, bad, strlen(bad), NULL, NULL, &err);
    assert_int_equal(rc, CF_EINVALID);
    assert_string_equal(err.source, "<buffer>");

    rc = cf_framework_load_buffer(&fw, good, strlen(good), NULL, NULL, &err);
    assert_int_equal(rc, CF_OK);
    assert_string_equal(cf_framework_source(fw), "<buffer>");
    cf_framework_free(fw);

    /* 299 characters: "dir/dir/.../tail.yaml", longer than the field. */
    memset(long_name, 'd', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    memcpy(long_name + sizeof long_name - 1 - strlen("/tail.yaml"),
           "/tail.yaml", strlen("/tail.yaml"));
    rc = cf_framework_load_buffer(&fw, bad, strlen(bad), long_name, NULL, &err);
    assert_int_equal(rc, CF_EINVALID);
    /* Cut from the left, marked with "...", within the field. */
    assert_true(strlen(err.source) < CF_ERROR_SOURCE_MAX);
    assert_memory_equal(err.source, "...", 3);
    assert_true(support_ends_with(err.source, "dddd/tail.yaml"));
    assert_true(support_ends_with(long_name, err.source + 3));
}

static void test_load_file_ok(void **state)
{
    char *path = support_path(CF_TEST_DATA_DIR, "minimal.yaml");
    cf_framework *fw = NULL;
    cf_error err;
    int rc;

    (void)state;
    rc = cf_framework_load_file(&fw, path, NULL, &err);
    assert_int_equal(rc, CF_OK);
    assert_string_equal(cf_framework_id(fw), "minimal");
    assert_string_equal(cf_framework_source(fw), path);
    /* proficient: "Yes" is the label of the level valued 1. */
    assert_true(cf_level_value(cf_scale_proficient(
                    cf_framework_default_scale(fw))) == 1.0);
    cf_framework_free(fw);
    free(path);
}

static void test_load_file_missing(void **state)
{
    char *path = support_path(CF_TEST_TMP_DIR, "no-such-file.yaml");
    cf_framework *fw = (cf_framework *)(void *)&path;
    cf_error err;
    int rc;

    (void)state;
    remove(path);
    memset(&err, 0, sizeof err);
    rc = cf_framework_load_file(&fw, path, NULL, &err);
    assert_int_equal(rc, CF_EIO);
    assert_null(fw);
    assert_int_equal(err.code, CF_EIO);
    /* No position for a file that cannot be opened. */
    assert_int_equal(err.line, 0);
    assert_int_equal(err.column, 0);
    assert_string_equal(err.source, path);
    assert_true(err.message[0] != '\0');
    free(path);

    /* A directory opens on some systems but cannot be read as a file. */
    rc = cf_framework_load_file(&fw, CF_TEST_DATA_DIR, NULL, &err);
    assert_int_equal(rc, CF_EIO);
    assert_null(fw);
    assert_string_equal(err.source, CF_TEST_DATA_DIR);
}

static void test_unterminated_buffer(void **state)
{
    static const char text[] =
        HEAD "  elements:\n"
             "    - {id: A, title: t}\n"
             "this part is past len and would be an error: [\n";
    const size_t len =
        strlen(text) -
        strlen("this part is past len and would be an error: [\n");
    char *exact = malloc(len);
    cf_framework *fw = NULL;
    cf_error err;
    int rc;

    (void)state;
    /* A prefix of a longer string: the loader must stop at len. */
    rc = cf_framework_load_buffer(&fw, text, len, "prefix", NULL, &err);
    assert_int_equal(rc, CF_OK);
    assert_int_equal(cf_framework_element_count(fw), 1);
    cf_framework_free(fw);

    /* Exactly len bytes from malloc, no NUL: ASan catches a read past. */
    assert_non_null(exact);
    memcpy(exact, text, len);
    rc = cf_framework_load_buffer(&fw, exact, len, "exact", NULL, &err);
    assert_int_equal(rc, CF_OK);
    cf_framework_free(fw);

    /* The same without its last 3 bytes "t}\n": an unclosed flow mapping. */
    rc = cf_framework_load_buffer(&fw, exact, len - 3, "cut", NULL, &err);
    assert_int_equal(rc, CF_ESYNTAX);
    assert_null(fw);
    free(exact);

    /* Zero bytes are an empty document. */
    rc = cf_framework_load_buffer(&fw, text, 0, "empty", NULL, &err);
    assert_int_equal(rc, CF_EINVALID);
    assert_null(fw);
}

static void test_error_untouched_on_success(void **state)
{
    static const char yaml[] = HEAD "  elements:\n    - {id: A, title: t}\n";
    cf_framework *fw = NULL;
    cf_error before;
    cf_error err;
    int rc;

    (void)state;
    /* Any recognisable bytes will do. */
    memset(&before, 0x5a, sizeof before);
    memcpy(&err, &before, sizeof err);
    rc = cf_framework_load_buffer(&fw, yaml, strlen(yaml), NULL, NULL, &err);
    assert_int_equal(rc, CF_OK);
    /* "On success it is left as it was." */
    assert_memory_equal(&err, &before, sizeof err);
    cf_framework_free(fw);
}

static void test_out_cleared_on_failure(void **state)
{
    static const char yaml[] = "framework: [1]\n";
    static const char good[] = HEAD "  elements:\n    - {id: A, title: t}\n";
    cf_framework *kept = support_load(good);
    cf_framework *fw = kept;
    cf_error err;
    int rc;

    (void)state;
    /* *out is overwritten with NULL, not freed: kept stays ours. */
    rc = cf_framework_load_buffer(&fw, yaml, strlen(yaml), NULL, NULL, &err);
    assert_int_equal(rc, CF_EINVALID);
    assert_null(fw);
    assert_string_equal(cf_framework_id(kept), "demo");
    cf_framework_free(kept);
}

static void test_duplicate_extension_key(void **state)
{
    static const char yaml[] = HEAD "  x-a: 1\n"
                                    "  x-a: 2\n"
                                    "  elements:\n"
                                    "    - {id: A, title: t}\n";
    cf_error err;

    (void)state;
    support_load_fails(yaml, NULL, CF_EINVALID, &err);
    assert_non_null(strstr(err.message, "duplicate key 'x-a'"));
    /* At the second x-a: line 9, column 3 (HEAD has 7 lines). */
    assert_int_equal(err.line, 9);
    assert_int_equal(err.column, 3);
}

/* Whether s is well-formed UTF-8 (no cut characters). */
static int is_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t n = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2;
        for (size_t i = 1; i < n; i++)
            if ((p[i] & 0xC0) != 0x80)
                return 0;
        p += n;
    }
    return 1;
}

static void test_message_escapes_control_characters(void **state)
{
    /* The unknown key is a double-quoted "ti\ttel\nx": a tab and a line
     * break reach the message escaped, so it stays on one line. */
    static const char yaml[] = HEAD "  elements:\n"
                                    "    - {id: A, \"ti\\ttel\\nx\": t}\n";
    cf_error err;

    (void)state;
    support_load_fails(yaml, NULL, CF_EINVALID, &err);
    assert_non_null(strstr(err.message, "unknown key 'ti\\ttel\\nx'"));
    assert_null(strchr(err.message, '\n'));
    assert_null(strchr(err.message, '\t'));
}

static void test_long_message_is_cut_whole(void **state)
{
    /* An unknown key of 300 two-byte characters (600 bytes) cannot fit the
     * message field (CF_ERROR_MESSAGE_MAX = 384): the message is cut at a
     * character boundary and ends with "...". */
    char yaml[2048];
    size_t n = (size_t)snprintf(yaml, sizeof yaml, "%s",
                                HEAD "  elements:\n    - {id: A, ");
    for (int i = 0; i < 300; i++)
        n += (size_t)snprintf(yaml + n, sizeof yaml - n, "\xc3\xa9");
    snprintf(yaml + n, sizeof yaml - n, ": t}\n");
    cf_error err;

    (void)state;
    support_load_fails(yaml, NULL, CF_EINVALID, &err);
    size_t len = strlen(err.message);
    assert_true(len < CF_ERROR_MESSAGE_MAX);
    assert_true(len > CF_ERROR_MESSAGE_MAX - 8);
    assert_string_equal(err.message + len - 3, "...");
    assert_true(is_utf8(err.message));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_weights_and_rollups),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_number_precision),
        cmocka_unit_test(test_scale_inheritance),
        cmocka_unit_test(test_default_scale_second),
        cmocka_unit_test_teardown(test_extensions, free_state),
        cmocka_unit_test(test_kind_override),
        cmocka_unit_test(test_relations),
        cmocka_unit_test(test_relation_errors),
        cmocka_unit_test(test_aliases),
        cmocka_unit_test(test_multiline),
        cmocka_unit_test(test_non_ascii),
        cmocka_unit_test(test_null_optional_values),
        cmocka_unit_test(test_document_markers),
        cmocka_unit_test(test_refcount),
        cmocka_unit_test(test_strerror),
        cmocka_unit_test(test_null_arguments),
        cmocka_unit_test(test_bad_options_version),
        cmocka_unit_test(test_options_version_1),
        cmocka_unit_test(test_bad_options_values),
        cmocka_unit_test(test_limit_depth),
        cmocka_unit_test(test_limit_elements),
        cmocka_unit_test(test_limit_strings_and_input),
        cmocka_unit_test(test_limit_nesting),
        cmocka_unit_test(test_limit_aliases),
        cmocka_unit_test(test_zero_limits_mean_defaults),
        cmocka_unit_test(test_source_names),
        cmocka_unit_test(test_load_file_ok),
        cmocka_unit_test(test_load_file_missing),
        cmocka_unit_test(test_unterminated_buffer),
        cmocka_unit_test(test_error_untouched_on_success),
        cmocka_unit_test(test_out_cleared_on_failure),
        cmocka_unit_test(test_duplicate_extension_key),
        cmocka_unit_test(test_message_escapes_control_characters),
        cmocka_unit_test(test_long_message_is_cut_whole),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
