/*
 * Moodle's competency framework CSV in and out: Moodle's own fixture (from
 * CF_CORPORA_DIR, when the build defines it), the hand-written
 * tests/data/moodle/web-development.csv (a points rule, a taxonomy, two
 * scales, cross references, rows in any order), round trips through the
 * exporter, every error class with its position (tests/data/moodle/bad),
 * and allocation failures. Public API only.
 *
 * Positions are 1-based lines and columns, columns counting characters.
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
#include "support_alloc.h"

#define MOODLE_DIR CF_TEST_DATA_DIR "/moodle"
#define BAD_DIR CF_TEST_DATA_DIR "/moodle/bad"

static cf_framework *load_moodle(const char *path)
{
    cf_framework *fw = NULL;
    cf_error err;

    memset(&err, 0, sizeof err);
    if (cf_framework_load_moodle_file(&fw, path, NULL, &err) != CF_OK) {
        fail_msg("cannot load %s: %s:%zu:%zu: %s", path, err.source, err.line,
                 err.column, err.message);
    }
    return fw;
}

/* Exports fw and loads the text back. */
static cf_framework *round_trip(const cf_framework *fw)
{
    char *csv = NULL;
    cf_framework *back = NULL;
    cf_error err;

    memset(&err, 0, sizeof err);
    support_fail_on(cf_framework_to_moodle(fw, &csv, &err), &err, "export");
    assert_non_null(csv);
    if (cf_framework_load_moodle_buffer(&back, csv, strlen(csv), "export.csv",
                                        NULL, &err) != CF_OK) {
        fail_msg("the export does not load: %zu:%zu: %s\n%s", err.line,
                 err.column, err.message, csv);
    }
    cf_string_free(csv);
    return back;
}

static void same_text(const char *a, const char *b, const char *what)
{
    if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0)) {
        fail_msg("%s differs: '%s' and '%s'", what, a ? a : "(null)",
                 b ? b : "(null)");
    }
}

static void same_extensions(const cf_extensions *a, const cf_extensions *b)
{
    size_t i;

    assert_int_equal(cf_extensions_count(a), cf_extensions_count(b));
    for (i = 0; i < cf_extensions_count(a); i++) {
        same_text(cf_extensions_key(a, i), cf_extensions_key(b, i), "x- key");
        same_text(cf_extensions_value(a, i), cf_extensions_value(b, i),
                  "x- value");
    }
}

static void same_scale(const cf_scale *a, const cf_scale *b, int full)
{
    size_t i;

    assert_int_equal(cf_scale_level_count(a), cf_scale_level_count(b));
    for (i = 0; i < cf_scale_level_count(a); i++) {
        const cf_level *la = cf_scale_level(a, i);
        const cf_level *lb = cf_scale_level(b, i);

        same_text(cf_level_label(la), cf_level_label(lb), "level label");
        assert_true(cf_level_value(la) == cf_level_value(lb));
        if (full) {
            same_text(cf_level_description(la), cf_level_description(lb),
                      "level description");
            same_extensions(cf_level_extensions(la), cf_level_extensions(lb));
        }
    }
    assert_int_equal(cf_level_index(cf_scale_proficient(a)),
                     cf_level_index(cf_scale_proficient(b)));
    if (full) {
        same_text(cf_scale_id(a), cf_scale_id(b), "scale id");
        same_text(cf_scale_title(a), cf_scale_title(b), "scale title");
        same_text(cf_scale_description(a), cf_scale_description(b),
                  "scale description");
        same_extensions(cf_scale_extensions(a), cf_scale_extensions(b));
    }
}

/*
 * Checks that a and b are the same model: framework id, title,
 * description and hierarchy; elements in pre-order with id, title,
 * description, parent, effective scale (levels and proficient) and
 * related elements; the default scale. full: everything else too: the
 * other metadata, every scale whole, kinds, weights, rollups, every
 * relation, and the x- keys of the framework, scales, levels and
 * elements.
 */
static void same_model(const cf_framework *a, const cf_framework *b, int full)
{
    size_t i;
    size_t j;
    int k;

    same_text(cf_framework_id(a), cf_framework_id(b), "framework id");
    same_text(cf_framework_title(a), cf_framework_title(b), "title");
    same_text(cf_framework_description(a), cf_framework_description(b),
              "description");
    assert_int_equal(cf_framework_hierarchy_count(a),
                     cf_framework_hierarchy_count(b));
    for (i = 0; i < cf_framework_hierarchy_count(a); i++) {
        same_text(cf_framework_hierarchy_name(a, i),
                  cf_framework_hierarchy_name(b, i), "hierarchy name");
    }
    same_scale(cf_framework_default_scale(a), cf_framework_default_scale(b),
               full);
    assert_int_equal(cf_framework_element_count(a),
                     cf_framework_element_count(b));
    for (i = 0; i < cf_framework_element_count(a); i++) {
        const cf_element *ea = cf_framework_element(a, i);
        const cf_element *eb = cf_framework_element(b, i);
        const cf_element *pa = cf_element_parent(ea);
        const cf_element *pb = cf_element_parent(eb);

        same_text(cf_element_id(ea), cf_element_id(eb), "element id");
        same_text(cf_element_title(ea), cf_element_title(eb), "element title");
        same_text(cf_element_description(ea), cf_element_description(eb),
                  "element description");
        same_text(pa ? cf_element_id(pa) : NULL, pb ? cf_element_id(pb) : NULL,
                  "parent");
        assert_int_equal(cf_element_depth(ea), cf_element_depth(eb));
        same_scale(cf_element_scale(ea), cf_element_scale(eb), full);
        for (k = 0; k < (full ? CF_RELATION_COUNT : 1); k++) {
            assert_int_equal(cf_element_relation_count(ea, (cf_relation)k),
                             cf_element_relation_count(eb, (cf_relation)k));
            for (j = 0; j < cf_element_relation_count(ea, (cf_relation)k);
                 j++) {
                same_text(
                    cf_element_id(cf_element_relation(ea, (cf_relation)k, j)),
                    cf_element_id(cf_element_relation(eb, (cf_relation)k, j)),
                    cf_relation_name((cf_relation)k));
            }
        }
        if (full) {
            same_text(cf_element_kind(ea), cf_element_kind(eb), "kind");
            assert_true(cf_element_weight(ea) == cf_element_weight(eb));
            assert_int_equal(cf_element_rollup(ea), cf_element_rollup(eb));
            same_text(cf_scale_id(cf_element_scale(ea)),
                      cf_scale_id(cf_element_scale(eb)), "element scale");
            same_extensions(cf_element_extensions(ea),
                            cf_element_extensions(eb));
        }
    }
    if (full) {
        same_text(cf_framework_version(a), cf_framework_version(b), "version");
        same_text(cf_framework_publisher(a), cf_framework_publisher(b),
                  "publisher");
        same_text(cf_framework_language(a), cf_framework_language(b),
                  "language");
        assert_int_equal(cf_framework_scale_count(a),
                         cf_framework_scale_count(b));
        for (i = 0; i < cf_framework_scale_count(a); i++) {
            same_scale(cf_framework_scale(a, i), cf_framework_scale(b, i), 1);
        }
        same_extensions(cf_framework_extensions(a), cf_framework_extensions(b));
    }
}

static const char *ext(const cf_element *el, const char *key)
{
    return cf_extensions_get(cf_element_extensions(el), key);
}

/* ---- Moodle's own fixture --------------------------------------------- */

static void test_moodle_fixture(void **state)
{
#ifdef CF_CORPORA_DIR
    char *path =
        support_path(CF_CORPORA_DIR, "moodle/oecd-core-competencies.csv");
    cf_framework *fw = load_moodle(path);
    cf_framework *back;
    const cf_element *level1;
    const cf_scale *scale;
    size_t i;
    size_t depth = 0;
    size_t with_refs = 0;

    (void)state;
    assert_string_equal(cf_framework_id(fw), "OECD-CORE");
    assert_string_equal(cf_framework_title(fw), "OECD");
    assert_non_null(strstr(cf_framework_description(fw),
                           "Core Competencies summarise the capabilities"));
    assert_non_null(strchr(cf_framework_description(fw), '\n'));
    assert_string_equal(cf_extensions_get(cf_framework_extensions(fw),
                                          "x-moodle-description-format"),
                        "1");
    assert_int_equal(cf_framework_hierarchy_count(fw), 4);
    for (i = 0; i < 4; i++) {
        assert_string_equal(cf_framework_hierarchy_name(fw, i), "competency");
    }
    scale = cf_framework_default_scale(fw);
    assert_int_equal(cf_framework_scale_count(fw), 1);
    assert_int_equal(cf_scale_level_count(scale), 2);
    assert_string_equal(cf_level_label(cf_scale_level(scale, 0)),
                        "Not yet competent");
    assert_string_equal(cf_level_label(cf_scale_proficient(scale)),
                        "Competent");
    assert_true(cf_level_value(cf_scale_proficient(scale)) == 2);
    assert_string_equal(
        cf_extensions_get(cf_scale_extensions(scale), "x-moodle-scale-default"),
        "2");

    assert_int_equal(cf_framework_element_count(fw), 64);
    assert_int_equal(cf_framework_root_count(fw), 2);
    for (i = 0; i < cf_framework_element_count(fw); i++) {
        const cf_element *el = cf_framework_element(fw, i);

        if (cf_element_depth(el) > depth) {
            depth = cf_element_depth(el);
        }
        if (cf_element_relation_count(el, CF_RELATION_RELATED) > 0) {
            with_refs++;
        }
        assert_null(ext(el, "x-moodle-rule-type"));
        assert_null(ext(el, "x-moodle-rule-outcome"));
        assert_null(ext(el, "x-moodle-rule-config"));
    }
    assert_int_equal(depth + 1, 4);
    assert_int_equal(with_refs, 40);
    /* competencies > delivery > analytical-thinking > DR-AT1 */
    assert_int_equal(cf_element_depth(cf_framework_find(fw, "DR-AT1")), 3);
    assert_string_equal(
        cf_element_id(cf_element_parent(cf_framework_find(fw, "DR-AT1"))),
        "analytical-thinking");
    level1 = cf_framework_find(fw, "level-1");
    assert_int_equal(cf_element_relation_count(level1, CF_RELATION_RELATED),
                     39);
    assert_string_equal(
        cf_element_id(cf_element_relation(level1, CF_RELATION_RELATED, 0)),
        "S-DT-1");
    assert_string_equal(
        cf_element_id(cf_element_relation(level1, CF_RELATION_RELATED, 38)),
        "I-OK-3");
    for (i = 0; i < 39; i++) {
        const cf_element *el =
            cf_element_relation(level1, CF_RELATION_RELATED, i);

        assert_int_equal(cf_element_relation_count(el, CF_RELATION_RELATED), 1);
        assert_ptr_equal(cf_element_relation(el, CF_RELATION_RELATED, 0),
                         level1);
    }
    assert_string_equal(ext(level1, "x-moodle-exported-id"), "2");
    assert_string_equal(ext(level1, "x-moodle-description-format"), "1");
    assert_non_null(strchr(
        cf_element_description(cf_framework_find(fw, "analytical-thinking")),
        '\n'));

    back = round_trip(fw);
    same_model(fw, back, 1);
    cf_framework_free(back);
    cf_framework_free(fw);
    free(path);
#else
    (void)state;
    print_message("test_moodle_fixture skipped: CF_CORPORA_DIR is not "
                  "defined (the shared corpora are not next to the source)\n");
    skip();
#endif
}

/* ---- the hand-written file ---------------------------------------------- */

static void test_web_development(void **state)
{
    cf_framework *fw = load_moodle(MOODLE_DIR "/web-development.csv");
    const char *order[] = {"WD-1", "WD-1.2", "WD-1.1", "WD-2", "WD-2.1"};
    const cf_element *wd1, *wd11, *wd2;
    const cf_scale *scale, *novice;
    size_t i;

    (void)state;
    assert_string_equal(cf_framework_id(fw), "WEB-DEV");
    assert_string_equal(cf_framework_title(fw), "Web development");
    assert_string_equal(cf_framework_description(fw),
                        "<p>Building for the web.</p>");
    assert_int_equal(cf_framework_hierarchy_count(fw), 3);
    assert_string_equal(cf_framework_hierarchy_name(fw, 0), "domain");
    assert_string_equal(cf_framework_hierarchy_name(fw, 1), "skill");
    assert_string_equal(cf_framework_hierarchy_name(fw, 2), "behaviour");

    /* Children listed before their parent: pre-order, siblings in file
     * order. */
    assert_int_equal(cf_framework_element_count(fw), 5);
    for (i = 0; i < 5; i++) {
        assert_string_equal(cf_element_id(cf_framework_element(fw, i)),
                            order[i]);
    }
    wd1 = cf_framework_find(fw, "WD-1");
    wd11 = cf_framework_find(fw, "WD-1.1");
    wd2 = cf_framework_find(fw, "WD-2");
    assert_string_equal(cf_element_kind(wd11), "skill");
    assert_string_equal(cf_element_description(wd11),
                        "Semantic markup, \"valid\" and\naccessible");
    assert_null(cf_element_description(cf_framework_find(fw, "WD-1.2")));

    /* The points rule, kept as it was written. */
    assert_string_equal(ext(wd1, "x-moodle-rule-type"),
                        "core_competency\\competency_rule_points");
    assert_string_equal(ext(wd1, "x-moodle-rule-outcome"), "2");
    assert_string_equal(ext(wd1, "x-moodle-rule-config"),
                        "{\"base\":{\"points\":3},\"competencies\":[{\"id\":3,"
                        "\"points\":2,\"required\":1},{\"id\":4,\"points\":1,"
                        "\"required\":0}]}");
    assert_string_equal(ext(wd1, "x-moodle-exported-id"), "2");
    assert_null(ext(wd1, "x-moodle-description-format")); /* plain, 2 */
    assert_string_equal(ext(wd11, "x-moodle-description-format"), "0");
    assert_null(ext(wd11, "x-moodle-rule-type"));
    assert_null(ext(wd11, "x-moodle-rule-outcome"));
    assert_string_equal(ext(wd2, "x-moodle-rule-type"),
                        "core_competency\\competency_rule_all");
    assert_string_equal(ext(wd2, "x-moodle-rule-outcome"), "1");
    assert_string_equal(ext(wd2, "x-moodle-rule-config"), "null");

    /* Scales: the framework's, and WD-2's own; WD-2.1 has the framework's
     * scale, as in Moodle, not its parent's. */
    assert_int_equal(cf_framework_scale_count(fw), 2);
    scale = cf_framework_default_scale(fw);
    assert_string_equal(cf_scale_id(scale), "scale");
    assert_int_equal(cf_scale_level_count(scale), 3);
    assert_string_equal(cf_level_label(cf_scale_proficient(scale)), "Partly");
    assert_null(cf_extensions_get(cf_scale_extensions(scale),
                                  "x-moodle-scale-default"));
    novice = cf_element_scale(wd2);
    assert_string_equal(cf_scale_id(novice), "scale-2");
    assert_string_equal(cf_level_label(cf_scale_proficient(novice)),
                        "Competent");
    assert_string_equal(cf_extensions_get(cf_scale_extensions(novice),
                                          "x-moodle-scale-default"),
                        "2");
    assert_ptr_equal(cf_element_scale(cf_framework_find(fw, "WD-2.1")), scale);
    assert_ptr_equal(cf_element_scale(wd11), scale);

    /* Cross references. */
    assert_int_equal(cf_element_relation_count(wd11, CF_RELATION_RELATED), 2);
    assert_string_equal(
        cf_element_id(cf_element_relation(wd11, CF_RELATION_RELATED, 0)),
        "WD-1.2");
    assert_string_equal(
        cf_element_id(cf_element_relation(wd11, CF_RELATION_RELATED, 1)),
        "WD-2");
    assert_int_equal(cf_element_relation_count(wd1, CF_RELATION_RELATED), 0);
    cf_framework_free(fw);
}

static void test_web_development_round_trip(void **state)
{
    cf_framework *fw = load_moodle(MOODLE_DIR "/web-development.csv");
    cf_framework *back = round_trip(fw);
    cf_framework *again = round_trip(back);

    (void)state;
    same_model(fw, back, 1);
    same_model(back, again, 1);
    cf_framework_free(again);
    cf_framework_free(back);
    cf_framework_free(fw);
}

static void test_sols_round_trip(void **state)
{
    cf_framework *fw = support_load_sols();
    cf_framework *back = round_trip(fw);
    char *csv = NULL;
    cf_error err;

    (void)state;
    same_model(fw, back, 1);
    assert_int_equal(cf_framework_element_count(back), 42);
    assert_string_equal(
        cf_level_label(cf_scale_proficient(cf_framework_default_scale(back))),
        "Proficient");
    /* The header row, and the framework row first. */
    memset(&err, 0, sizeof err);
    support_fail_on(cf_framework_to_moodle(fw, &csv, &err), &err, "export");
    assert_true(strncmp(csv, "Parent id number,Id number,Shortname,", 37) == 0);
    assert_non_null(strstr(csv, "\n,sols-community-relations,Community "
                                "Relations,"));
    assert_non_null(strstr(csv, ",1,\"area,competency,ksa\",\"{"));
    assert_non_null(strstr(csv, ",Taxonomy,libcompetency\n"));
    cf_string_free(csv);
    cf_framework_free(back);
    cf_framework_free(fw);
}

/*
 * What Moodle has no column for comes back through the libcompetency
 * column: several scales with their own ids, level values and
 * descriptions, weights, rollups, kinds, the other relations, x- keys.
 */
static void test_rich_round_trip(void **state)
{
    static const char yaml[] =
        "framework:\n"
        "  id: rich\n"
        "  title: Rich\n"
        "  version: '2'\n"
        "  language: fr\n"
        "  x-owner: {name: Team, tags: [a, b]}\n"
        "  hierarchy: [area, skill]\n"
        "  scales:\n"
        "    - id: five\n"
        "      title: Five levels\n"
        "      x-note: the usual one\n"
        "      levels:\n"
        "        - {value: 0, label: None, x-colour: grey}\n"
        "        - {value: 0.5, label: Some, description: A little}\n"
        "        - {value: 4, label: All}\n"
        "      proficient: 0.5\n"
        "    - id: yesno\n"
        "      levels:\n"
        "        - {value: 0, label: No}\n"
        "        - {value: 1, label: Yes}\n"
        "      proficient: 1\n"
        "  default_scale: five\n"
        "  elements:\n"
        "    - id: A\n"
        "      title: Area\n"
        "      rollup: min\n"
        "      scale: yesno\n"
        "      children:\n"
        "        - {id: A.1, title: One, weight: 2.5, kind: task,\n"
        "           related: [B], precedes: [A.2], x-moodle-rule-outcome: "
        "'1'}\n"
        "        - {id: A.2, title: Two, replaced_by: [B], exact_match: A.1}\n"
        "    - {id: B, title: Bee, description: \"Line one\\nline, two\",\n"
        "       related: [A.1], x-ref: '42', x-moodle-exported-id: '7',\n"
        "       x-moodle-rule-type: '', x-last: {a: [1]}}\n";
    cf_framework *fw = support_load(yaml);
    cf_framework *back = round_trip(fw);

    (void)state;
    same_model(fw, back, 1);
    assert_string_equal(cf_element_kind(cf_framework_find(back, "A.1")),
                        "task");
    assert_true(cf_element_weight(cf_framework_find(back, "A.1")) == 2.5);
    assert_string_equal(
        cf_scale_id(cf_element_scale(cf_framework_find(back, "A.2"))), "yesno");
    cf_framework_free(back);
    cf_framework_free(fw);
}

/*
 * In the libcompetency column, [key] stands for an x- key whose value is
 * in Moodle's column, so that an edit there counts; the keys Moodle's
 * columns give that it does not name follow its own.
 */
static void test_libcompetency_column(void **state)
{
    static const char csv[] =
        "a,b,c,d,e,f,g,h,i,j,k,l,m,n,libcompetency\n"
        ",F,Frame,,1,\"No,Yes\",\"[{\"\"id\"\":2,\"\"proficient\"\":1}]\""
        ",,,,,,1,,\n"
        ",A,Alpha,,0,,,,3,,,9,,,"
        "\"{\"\"x\"\":[[\"\"x-a\"\",\"\"1\"\"],[\"\"x-moodle-exported-id\"\"]],"
        "\"\"weight\"\":3,\"\"rollup\"\":\"\"max\"\"}\"\n";
    cf_framework *fw = NULL;
    const cf_extensions *x;
    const cf_element *a;
    cf_error err;

    (void)state;
    memset(&err, 0, sizeof err);
    support_fail_on(cf_framework_load_moodle_buffer(&fw, csv, strlen(csv), NULL,
                                                    NULL, &err),
                    &err, "load");
    a = cf_framework_find(fw, "A");
    x = cf_element_extensions(a);
    assert_int_equal(cf_extensions_count(x), 4);
    assert_string_equal(cf_extensions_key(x, 0), "x-a");
    assert_string_equal(cf_extensions_key(x, 1), "x-moodle-exported-id");
    assert_string_equal(cf_extensions_value(x, 1), "9");
    assert_string_equal(cf_extensions_key(x, 2), "x-moodle-description-format");
    assert_string_equal(cf_extensions_value(x, 2), "0");
    assert_string_equal(cf_extensions_key(x, 3), "x-moodle-rule-outcome");
    assert_string_equal(cf_extensions_value(x, 3), "3");
    assert_true(cf_element_weight(a) == 3);
    assert_int_equal(cf_element_rollup(a), CF_ROLLUP_MAX);
    assert_string_equal(cf_extensions_get(cf_framework_extensions(fw),
                                          "x-moodle-description-format"),
                        "1");
    cf_framework_free(fw);
}

/* ---- what the export cannot write -----------------------------------------
 */

static void test_export_refuses_commas(void **state)
{
    static const char yaml[] = "framework:\n"
                               "  id: f\n"
                               "  title: F\n"
                               "  scales:\n"
                               "    - id: s\n"
                               "      levels:\n"
                               "        - {value: 1, label: 'No, not yet'}\n"
                               "        - {value: 2, label: Yes}\n"
                               "      proficient: 2\n"
                               "  elements:\n"
                               "    - {id: a, title: A}\n";
    cf_framework *fw = support_load(yaml);
    char *csv = (char *)"not NULL";
    cf_error err;
    int rc;

    (void)state;
    memset(&err, 0, sizeof err);
    rc = cf_framework_to_moodle(fw, &csv, &err);
    support_check_fails(rc, CF_EINVALID, csv, &err);
    assert_non_null(strstr(err.message, "'No, not yet' holds a comma"));
    rc = cf_framework_to_moodle(NULL, &csv, &err);
    support_check_fails(rc, CF_EARG, csv, &err);
    cf_framework_free(fw);
}

/* ---- errors -----------------------------------------------------------------
 */

struct bad_case {
    const char *file;
    int code;
    size_t line;
    size_t column;
    const char *message;
};

static void test_errors(void **state)
{
    static const struct bad_case cases[] = {
        {"no-framework.csv", CF_EINVALID, 2, 1,
         "no framework row: one row must have Is framework (column 13) set "
         "to 1"},
        {"unknown-parent.csv", CF_EINVALID, 4, 1,
         "parent id number 'AA' is no competency's id number (did you mean "
         "'A'?)"},
        {"duplicate-id.csv", CF_EINVALID, 5, 3,
         "duplicate id number 'B' (first at line 4)"},
        {"cycle.csv", CF_EINVALID, 5, 1,
         "the parent id numbers make a cycle: C -> B -> D -> C (each is the "
         "parent of the one before)"},
        {"column-count.csv", CF_EINVALID, 4, 26,
         "this row has 12 fields; the header row has 14"},
        {"malformed.csv", CF_ESYNTAX, 4, 5,
         "unterminated quoted field: the quote that opens it is never "
         "closed"},
        {"unknown-related.csv", CF_EINVALID, 4, 25,
         "cross-referenced id number 'WEB,1' is no competency's id number"},
        {"scale-config.csv", CF_EINVALID, 2, 26,
         "the scale configuration's entry 2 has no item \"id\" between 1 and "
         "2 (the number of scale values)"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *path = support_path(BAD_DIR, cases[i].file);
        cf_framework *fw = (cf_framework *)path;
        cf_error err;
        int rc;

        memset(&err, 0, sizeof err);
        rc = cf_framework_load_moodle_file(&fw, path, NULL, &err);
        if (rc != cases[i].code || err.line != cases[i].line ||
            err.column != cases[i].column ||
            strcmp(err.message, cases[i].message) != 0) {
            fail_msg("%s: got %d at %zu:%zu: %s", cases[i].file, rc, err.line,
                     err.column, err.message);
        }
        support_check_fails(rc, cases[i].code, fw, &err);
        assert_true(support_ends_with(err.source, cases[i].file));
        free(path);
    }
}

static void expect_buffer_error(const char *csv, int code, size_t line,
                                size_t column, const char *message)
{
    cf_framework *fw = NULL;
    cf_error err;
    int rc;

    memset(&err, 0, sizeof err);
    rc = cf_framework_load_moodle_buffer(&fw, csv, strlen(csv), NULL, NULL,
                                         &err);
    if (rc != code || err.line != line || err.column != column ||
        strstr(err.message, message) == NULL) {
        fail_msg("got %d at %zu:%zu: %s", rc, err.line, err.column,
                 err.message);
    }
    support_check_fails(rc, code, fw, &err);
    assert_string_equal(err.source, "<buffer>");
}

#define HEADER "a,b,c,d,e,f,g,h,i,j,k,l,m,n\n"
#define FRAMEWORK_ROW                                                          \
    ",F,Frame,,2,\"No,Yes\",\"[{\"\"id\"\":2,\"\"proficient\"\":1}]\",,,,,,1," \
    "\n"

#define HEADER_15 "a,b,c,d,e,f,g,h,i,j,k,l,m,n,libcompetency\n"
#define FRAMEWORK_ROW_15                                                       \
    ",F,Frame,,2,\"No,Yes\",\"[{\"\"id\"\":2,\"\"proficient\"\":1}]\",,,,,,1," \
    ","                                                                        \
    "\n"

static void test_buffer_errors(void **state)
{
    cf_framework *fw = NULL;
    cf_error err;

    (void)state;
    expect_buffer_error("", CF_EINVALID, 1, 1, "empty file");
    expect_buffer_error("a,b,c\n", CF_EINVALID, 1, 5,
                        "the header row has 3 columns");
    expect_buffer_error(HEADER FRAMEWORK_ROW ",A,Alpha,,,,,,,,,,,,x\n",
                        CF_EINVALID, 3, 21, "more than the 14 fields");
    expect_buffer_error(HEADER FRAMEWORK_ROW FRAMEWORK_ROW, CF_EINVALID, 3, 59,
                        "a second framework row (the first is at line 2)");
    expect_buffer_error(HEADER FRAMEWORK_ROW ",A,,,,,,,,,,,,\n", CF_EINVALID, 3,
                        4, "competency 'A' has no short name");
    expect_buffer_error(HEADER FRAMEWORK_ROW ",,Alpha,,,,,,,,,,,\n",
                        CF_EINVALID, 3, 2, "a competency with no id number");
    expect_buffer_error(HEADER FRAMEWORK_ROW ",A B,Alpha,,,,,,,,,,,\n",
                        CF_EINVALID, 3, 2, "malformed element id 'A B'");
    expect_buffer_error(HEADER FRAMEWORK_ROW ",A,Alpha,,,,,,,,A,,,\n",
                        CF_EINVALID, 3, 17, "'A' cross-references itself");
    expect_buffer_error(HEADER ",F,Frame,,2,,,,,,,,1,\n,A,Alpha,,,,,,,,,,,\n",
                        CF_EINVALID, 2, 13, "no scale values");
    expect_buffer_error(HEADER ",F,Frame,,2,\"No,Yes\",[1,,,,,,1,\n"
                               ",A,Alpha,,,,,,,,,,,\n",
                        CF_EINVALID, 2, 22, "not JSON");
    expect_buffer_error(HEADER
                        ",F,Frame,,2,\"No,Yes\",\"[{\"\"id\"\":1}]\",,,,,,1,\n"
                        ",A,Alpha,,,,,,,,,,,\n",
                        CF_EINVALID, 2, 22, "marks no item proficient");
    expect_buffer_error(HEADER ",F,Frame,,2,\"No,,Yes\",[],,,,,,1,\n"
                               ",A,Alpha,,,,,,,,,,,\n",
                        CF_EINVALID, 2, 13, "an empty value");
    expect_buffer_error(HEADER FRAMEWORK_ROW, CF_EINVALID, 0, 0, "no element");
    expect_buffer_error("a,b,c,d,e,f,g,h,i,j,k,l,m,n,extra\n", CF_EINVALID, 1,
                        29, "a 15th column must be titled 'libcompetency'");
    expect_buffer_error(HEADER_15 FRAMEWORK_ROW_15 ",A,Alpha,,,,,,,,,,,,{\n",
                        CF_EINVALID, 3, 21,
                        "the libcompetency field is not JSON");
    expect_buffer_error(HEADER_15 FRAMEWORK_ROW_15
                        ",A,Alpha,,,,,,,,,,,,\"{\"\"colour\"\":1}\"\n",
                        CF_EINVALID, 3, 21,
                        "unknown key 'colour' in the libcompetency field");
    expect_buffer_error(
        HEADER_15 FRAMEWORK_ROW_15
        ",A,Alpha,,,,,,,,,,,,\"{\"\"precedes\"\":[\"\"Z\"\"]}\"\n",
        CF_EINVALID, 3, 21, "'precedes' names 'Z'");
    expect_buffer_error(
        HEADER_15 FRAMEWORK_ROW_15
        ",A,Alpha,,,,,,,,,,,,\"{\"\"rollup\"\":\"\"sum\"\"}\"\n",
        CF_EINVALID, 3, 21, "unknown rollup 'sum'");
    expect_buffer_error(HEADER_15
                        ",F,Frame,,2,\"No,Yes\",\"[{\"\"id\"\":2,\"\"proficient"
                        "\"\":1}]\",,,,,,1,,\"{\"\"format\"\":2}\"\n"
                        ",A,Alpha,,,,,,,,,,,,\n",
                        CF_EINVALID, 2, 62, "'format' must be 1");
    expect_buffer_error(HEADER_15 FRAMEWORK_ROW_15
                        ",A,Alpha,,,,,,,,,,,,\"{\"\"x\"\":[[\"\"x-a\"\"]]}\"\n",
                        CF_EINVALID, 3, 21, "or [key] for a key of Moodle's");
    expect_buffer_error(
        HEADER_15 ",F,Frame,,2,\"No,Yes\",\"[{\"\"id\"\":2,\"\"proficient"
                  "\"\":1}]\",,,,,,1,,\"{\"\"scales\"\":[{\"\"id\"\":\"\"s\"\","
                  "\"\"levels\"\":[{\"\"value\"\":1,\"\"label\"\":\"\"L\"\"}],"
                  "\"\"proficient\"\":0}],\"\"default_scale\"\":\"\"t\"\"}\"\n"
                  ",A,Alpha,,,,,,,,,,,,\n",
        CF_EINVALID, 2, 62, "unknown default scale 't'");

    memset(&err, 0, sizeof err);
    assert_int_equal(
        cf_framework_load_moodle_buffer(NULL, "", 0, NULL, NULL, &err),
        CF_EARG);
    assert_int_equal(
        cf_framework_load_moodle_file(
            &fw, CF_TEST_DATA_DIR "/moodle/missing.csv", NULL, &err),
        CF_EIO);
    assert_null(fw);
}

/* ---- allocation failures ------------------------------------------------ */

struct alloc_input {
    const char *data;
    size_t len;
    size_t elements; /* how many the framework has */
};

static int run_load(void *ctx, const cf_load_options *opts, void **out,
                    cf_error *err)
{
    const struct alloc_input *in = ctx;
    cf_framework *fw = (cf_framework *)*out;
    int rc = cf_framework_load_moodle_buffer(&fw, in->data, in->len, "in.csv",
                                             opts, err);

    *out = fw;
    return rc;
}

static void done_load(void *ctx, void *out)
{
    const struct alloc_input *in = ctx;

    assert_int_equal(cf_framework_element_count(out), in->elements);
    cf_framework_free(out);
}

static void test_allocation_failures(void **state)
{
    size_t len;
    char *data = support_read_file(MOODLE_DIR "/web-development.csv", &len);
    struct alloc_input in = {data, len, 5};
    struct support_alloc_case t = {
        "web-development.csv", run_load, done_load, &in, CF_OK, 1};
    struct support_counter c;
    cf_framework *fw = support_load_sols();
    char *csv = NULL;
    cf_error err;

    (void)state;
    support_counter_init(&c);
    support_fail_each_allocation(&c, &t);
    free(data);

    /* With the libcompetency column. */
    memset(&err, 0, sizeof err);
    support_fail_on(cf_framework_to_moodle(fw, &csv, &err), &err, "export");
    in.data = csv;
    in.len = strlen(csv);
    in.elements = 42;
    t.name = "SOLS as Moodle CSV";
    support_fail_each_allocation(&c, &t);
    cf_string_free(csv);
    cf_framework_free(fw);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_moodle_fixture),
        cmocka_unit_test(test_web_development),
        cmocka_unit_test(test_web_development_round_trip),
        cmocka_unit_test(test_sols_round_trip),
        cmocka_unit_test(test_rich_round_trip),
        cmocka_unit_test(test_libcompetency_column),
        cmocka_unit_test(test_export_refuses_commas),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_buffer_errors),
        cmocka_unit_test(test_allocation_failures),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
