/*
 * CASE JSON (1EdTech CFPackage) import and export: the hand-written
 * package in tests/data/case/ (every association type, a rubric that maps
 * to a scale and one that does not), the bad packages of
 * tests/data/case/bad/, round trips of the SOLS framework and of
 * tests/data/case/rich.yaml (model equal field by field, text equal run
 * after run, the export valid against the CASE 1.0 JSON Schema), the
 * OpenSALT packages of the shared corpora (CF_CORPORA_DIR, from the
 * environment or the build; skipped without it) and allocation failures.
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

#define CASE_DIR CF_TEST_DATA_DIR "/case"

/* ---- helpers ------------------------------------------------------------- */

static cf_framework *load_case(const char *path)
{
    cf_framework *fw = NULL;
    cf_error err;
    int rc = cf_framework_load_case_file(&fw, path, NULL, &err);
    if (rc != CF_OK)
        fail_msg("%s:%zu:%zu: %s", err.source, err.line, err.column,
                 err.message);
    return fw;
}

static cf_framework *load_case_text(const char *text, const char *name)
{
    cf_framework *fw = NULL;
    cf_error err;
    int rc = cf_framework_load_case_buffer(&fw, text, strlen(text), name, NULL,
                                           &err);
    if (rc != CF_OK)
        fail_msg("%s:%zu:%zu: %s", err.source, err.line, err.column,
                 err.message);
    return fw;
}

static cf_framework *load_yaml(const char *path)
{
    cf_framework *fw = NULL;
    cf_error err;
    if (cf_framework_load_file(&fw, path, NULL, &err) != CF_OK)
        fail_msg("%s:%zu:%zu: %s", err.source, err.line, err.column,
                 err.message);
    return fw;
}

static char *to_case(const cf_framework *fw, int flags)
{
    char *text = NULL;
    cf_error err;
    if (cf_framework_to_case(fw, flags, &text, &err) != CF_OK)
        fail_msg("cf_framework_to_case: %s", err.message);
    return text;
}

static void same_text(const char *a, const char *b, const char *what)
{
    if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0))
        fail_msg("%s: '%s' != '%s'", what, a ? a : "(null)", b ? b : "(null)");
}

static void same_ext(const cf_extensions *a, const cf_extensions *b,
                     const char *what)
{
    if (cf_extensions_count(a) != cf_extensions_count(b))
        fail_msg("%s: %zu x- keys != %zu", what, cf_extensions_count(a),
                 cf_extensions_count(b));
    for (size_t i = 0; i < cf_extensions_count(a); i++) {
        same_text(cf_extensions_key(a, i), cf_extensions_key(b, i), what);
        same_text(cf_extensions_value(a, i), cf_extensions_value(b, i), what);
    }
}

/* The two frameworks are the same model, field by field. */
static void assert_same_model(const cf_framework *a, const cf_framework *b)
{
    same_text(cf_framework_id(a), cf_framework_id(b), "id");
    same_text(cf_framework_title(a), cf_framework_title(b), "title");
    same_text(cf_framework_version(a), cf_framework_version(b), "version");
    same_text(cf_framework_publisher(a), cf_framework_publisher(b),
              "publisher");
    same_text(cf_framework_language(a), cf_framework_language(b), "language");
    same_text(cf_framework_description(a), cf_framework_description(b),
              "description");
    same_ext(cf_framework_extensions(a), cf_framework_extensions(b),
             "framework x- keys");
    assert_int_equal(cf_framework_hierarchy_count(a),
                     cf_framework_hierarchy_count(b));
    for (size_t i = 0; i < cf_framework_hierarchy_count(a); i++)
        same_text(cf_framework_hierarchy_name(a, i),
                  cf_framework_hierarchy_name(b, i), "hierarchy");

    assert_int_equal(cf_framework_scale_count(a), cf_framework_scale_count(b));
    same_text(cf_scale_id(cf_framework_default_scale(a)),
              cf_scale_id(cf_framework_default_scale(b)), "default scale");
    for (size_t s = 0; s < cf_framework_scale_count(a); s++) {
        const cf_scale *sa = cf_framework_scale(a, s);
        const cf_scale *sb = cf_framework_scale(b, s);
        same_text(cf_scale_id(sa), cf_scale_id(sb), "scale id");
        same_text(cf_scale_title(sa), cf_scale_title(sb), "scale title");
        same_text(cf_scale_description(sa), cf_scale_description(sb),
                  "scale description");
        same_ext(cf_scale_extensions(sa), cf_scale_extensions(sb),
                 "scale x- keys");
        assert_int_equal(cf_level_index(cf_scale_proficient(sa)),
                         cf_level_index(cf_scale_proficient(sb)));
        assert_int_equal(cf_scale_level_count(sa), cf_scale_level_count(sb));
        for (size_t l = 0; l < cf_scale_level_count(sa); l++) {
            const cf_level *la = cf_scale_level(sa, l);
            const cf_level *lb = cf_scale_level(sb, l);
            assert_true(cf_level_value(la) == cf_level_value(lb));
            same_text(cf_level_label(la), cf_level_label(lb), "level label");
            same_text(cf_level_description(la), cf_level_description(lb),
                      "level description");
            same_ext(cf_level_extensions(la), cf_level_extensions(lb),
                     "level x- keys");
        }
    }

    assert_int_equal(cf_framework_element_count(a),
                     cf_framework_element_count(b));
    assert_int_equal(cf_framework_root_count(a), cf_framework_root_count(b));
    for (size_t i = 0; i < cf_framework_element_count(a); i++) {
        const cf_element *ea = cf_framework_element(a, i);
        const cf_element *eb = cf_framework_element(b, i);
        same_text(cf_element_id(ea), cf_element_id(eb), "element id");
        same_text(cf_element_title(ea), cf_element_title(eb), "title");
        same_text(cf_element_description(ea), cf_element_description(eb),
                  "element description");
        same_text(cf_element_kind(ea), cf_element_kind(eb), "kind");
        const cf_element *pa = cf_element_parent(ea);
        const cf_element *pb = cf_element_parent(eb);
        same_text(pa ? cf_element_id(pa) : NULL, pb ? cf_element_id(pb) : NULL,
                  "parent");
        assert_int_equal(cf_element_child_count(ea),
                         cf_element_child_count(eb));
        assert_int_equal(cf_element_depth(ea), cf_element_depth(eb));
        assert_true(cf_element_weight(ea) == cf_element_weight(eb));
        assert_int_equal(cf_element_rollup(ea), cf_element_rollup(eb));
        same_text(cf_scale_id(cf_element_scale(ea)),
                  cf_scale_id(cf_element_scale(eb)), "effective scale");
        same_ext(cf_element_extensions(ea), cf_element_extensions(eb),
                 "element x- keys");
        for (int k = 0; k < CF_RELATION_COUNT; k++) {
            size_t n = cf_element_relation_count(ea, (cf_relation)k);
            assert_int_equal(n, cf_element_relation_count(eb, (cf_relation)k));
            for (size_t r = 0; r < n; r++)
                same_text(
                    cf_element_id(cf_element_relation(ea, (cf_relation)k, r)),
                    cf_element_id(cf_element_relation(eb, (cf_relation)k, r)),
                    cf_relation_name((cf_relation)k));
        }
    }
}

static const char *ext(const cf_framework *fw, const char *id, const char *key)
{
    const cf_element *el = cf_framework_find(fw, id);
    if (!el)
        fail_msg("no element %s", id);
    return cf_extensions_get(cf_element_extensions(el), key);
}

static const char *relation_target(const cf_framework *fw, const char *id,
                                   cf_relation kind, size_t index)
{
    const cf_element *el = cf_framework_find(fw, id);
    assert_non_null(el);
    const cf_element *t = cf_element_relation(el, kind, index);
    return t ? cf_element_id(t) : NULL;
}

/* How many times needle occurs in text. */
static size_t occurrences(const char *text, const char *needle)
{
    size_t n = 0;
    for (const char *p = text; p && (p = strstr(p, needle)); p++)
        n++;
    return n;
}

/* ---- the hand-written package -------------------------------------------- */

static void check_handwritten(const cf_framework *fw)
{
    static const char *const order[] = {
        "OUT",           "OUT.2", "item-10000000", "OUT.1",
        "item-a1b2c3d4", "OUT.3", "OLD.1"};

    assert_string_equal(cf_framework_id(fw), "library-outreach-skills");
    assert_string_equal(cf_framework_title(fw), "Library Outreach Skills");
    assert_string_equal(cf_framework_publisher(fw),
                        "Example Library Consortium");
    assert_string_equal(cf_framework_version(fw), "2.1");
    assert_string_equal(cf_framework_language(fw), "en");
    assert_string_equal(cf_framework_description(fw),
                        "Skills for taking the library out into its "
                        "community.");
    const cf_extensions *fx = cf_framework_extensions(fw);
    assert_string_equal(cf_extensions_get(fx, "x-case-identifier"),
                        "d7c1e2a0-5b6f-4c1e-9a4e-0c9a1f2b3c4d");
    assert_string_equal(cf_extensions_get(fx, "x-case-lastChangeDateTime"),
                        "2024-03-01T10:00:00+00:00");
    assert_string_equal(cf_extensions_get(fx, "x-case-officialSourceURL"),
                        "https://library.example.org/outreach");
    assert_string_equal(cf_extensions_get(fx, "x-case-adoptionStatus"),
                        "Draft");
    assert_non_null(strstr(cf_extensions_get(fx, "x-case-licenseURI"),
                           "\"title\":\"CC BY 4.0\""));
    /* creator became the publisher; the rubric without scores is kept. */
    assert_null(cf_extensions_get(fx, "x-case-creator"));
    assert_non_null(
        strstr(cf_extensions_get(fx, "x-case-rubrics"), "Narrative rubric"));
    assert_null(cf_extensions_get(fx, "x-case-CFDefinitions"));

    /* The tree: sequenceNumber first, then file order. */
    assert_int_equal(cf_framework_element_count(fw), 7);
    for (size_t i = 0; i < 7; i++)
        assert_string_equal(cf_element_id(cf_framework_element(fw, i)),
                            order[i]);
    assert_int_equal(cf_framework_root_count(fw), 2);
    assert_string_equal(cf_element_id(cf_framework_root(fw, 1)), "OLD.1");
    assert_string_equal(cf_element_id(cf_element_parent(
                            cf_framework_find(fw, "item-10000000"))),
                        "OUT.2");

    const cf_element *out1 = cf_framework_find(fw, "OUT.1");
    assert_string_equal(cf_element_title(out1),
                        "Plans programmes with community partners");
    assert_string_equal(cf_element_description(out1),
                        "Partners include schools, clubs and local services.");
    assert_string_equal(cf_element_kind(out1), "Competency");
    assert_string_equal(cf_element_kind(cf_framework_find(fw, "OUT")),
                        "Domain");
    assert_null(cf_element_kind(cf_framework_find(fw, "OLD.1")));

    /* No humanCodingScheme, and one that is no id. */
    const cf_element *ev = cf_framework_find(fw, "item-a1b2c3d4");
    assert_string_equal(cf_element_title(ev),
                        "Runs events outside the library building");
    assert_string_equal(ext(fw, "item-a1b2c3d4", "x-case-abbreviatedStatement"),
                        "Events");
    assert_string_equal(ext(fw, "item-a1b2c3d4", "x-case-identifier"),
                        "A1B2C3D4-E5F6-4000-8000-000000000005");
    assert_string_equal(ext(fw, "item-a1b2c3d4", "x-case-educationLevel"),
                        "[\"AD\"]");
    assert_string_equal(ext(fw, "item-10000000", "x-case-humanCodingScheme"),
                        "OUT 2.1");
    assert_null(ext(fw, "OUT.1", "x-case-humanCodingScheme"));
    assert_null(ext(fw, "OUT.1", "x-case-fullStatement"));

    /* Relations, and what is kept as metadata. */
    assert_int_equal(cf_element_relation_count(out1, CF_RELATION_RELATED), 1);
    assert_string_equal(relation_target(fw, "OUT.1", CF_RELATION_RELATED, 0),
                        "OUT.2");
    assert_string_equal(
        relation_target(fw, "OUT.3", CF_RELATION_EXACT_MATCH, 0),
        "item-a1b2c3d4");
    assert_string_equal(relation_target(fw, "OUT.2", CF_RELATION_PRECEDES, 0),
                        "OUT.1");
    assert_string_equal(
        relation_target(fw, "OLD.1", CF_RELATION_REPLACED_BY, 0), "OUT.3");
    const char *part = ext(fw, "OUT.3", "x-case-associations");
    assert_non_null(part);
    assert_non_null(strstr(part, "\"associationType\":\"isPartOf\""));
    const char *external = ext(fw, "OUT.2", "x-case-associations");
    assert_non_null(external);
    assert_non_null(strstr(external, "40000000-0000-4000-8000-000000000001"));
    assert_null(ext(fw, "OUT.1", "x-case-associations"));

    /* The rubric with scores is the scale. */
    assert_int_equal(cf_framework_scale_count(fw), 1);
    const cf_scale *sc = cf_framework_default_scale(fw);
    assert_string_equal(cf_scale_id(sc), "outreach-rubric");
    assert_string_equal(cf_scale_title(sc), "Outreach rubric");
    assert_string_equal(cf_scale_description(sc),
                        "How well a person does outreach.");
    assert_int_equal(cf_scale_level_count(sc), 3);
    assert_string_equal(cf_level_label(cf_scale_level(sc, 0)), "Emerging");
    assert_string_equal(cf_level_label(cf_scale_level(sc, 1)), "Capable");
    assert_string_equal(cf_level_label(cf_scale_level(sc, 2)), "Strong");
    assert_true(cf_level_value(cf_scale_level(sc, 2)) == 3);
    assert_string_equal(cf_level_description(cf_scale_level(sc, 2)),
                        "Leads outreach and coaches others.");
    assert_string_equal(
        cf_extensions_get(cf_level_extensions(cf_scale_level(sc, 0)),
                          "x-case-feedback"),
        "Shadow a colleague at an event.");
    assert_string_equal(cf_level_label(cf_scale_proficient(sc)), "Capable");
    assert_string_equal(
        cf_extensions_get(cf_scale_extensions(sc), "x-case-criterion"),
        "51000000-0000-4000-8000-000000000001");
}

static void test_handwritten(void **state)
{
    (void)state;
    cf_framework *fw = load_case(CASE_DIR "/all-associations.json");
    check_handwritten(fw);
    cf_framework_free(fw);
}

/* CASE 1.1 wraps the same content as {"CFPackage": {...}}. */
static void test_case_1_1_wrapped(void **state)
{
    (void)state;
    size_t len;
    char *data = support_read_file(CASE_DIR "/all-associations.json", &len);
    char *wrapped = malloc(len + 32);
    assert_non_null(wrapped);
    snprintf(wrapped, len + 32, "{\"CFPackage\": %s}", data);
    cf_framework *fw = load_case_text(wrapped, "wrapped.json");
    check_handwritten(fw);
    cf_framework *bare = load_case(CASE_DIR "/all-associations.json");
    assert_same_model(fw, bare);
    cf_framework_free(bare);
    cf_framework_free(fw);
    free(wrapped);
    free(data);
}

/* Without a rubric that maps, the two-level scale of the importer. */
static void test_generated_scale(void **state)
{
    (void)state;
    static const char text[] =
        "{\"CFDocument\": {\"identifier\": \"d1\", \"title\": \"!!!\"},"
        " \"CFItems\": [{\"identifier\": \"i1\", \"fullStatement\": \"\","
        " \"abbreviatedStatement\": \"Short\"}],"
        " \"CFAssociations\": [{\"identifier\": \"a1\", \"associationType\":"
        " \"isChildOf\", \"originNodeURI\": {\"identifier\": \"i1\"},"
        " \"destinationNodeURI\": {\"identifier\": \"d1\"}}]}";
    cf_framework *fw = load_case_text(text, "generated.json");
    /* A title with nothing for a slug: the id comes from the identifier. */
    assert_string_equal(cf_framework_id(fw), "case-d1");
    const cf_element *el = cf_framework_element(fw, 0);
    assert_string_equal(cf_element_id(el), "item-i1");
    assert_string_equal(cf_element_title(el), "Short");
    const cf_scale *sc = cf_framework_default_scale(fw);
    assert_string_equal(cf_scale_id(sc), "achievement");
    assert_int_equal(cf_scale_level_count(sc), 2);
    assert_string_equal(cf_level_label(cf_scale_level(sc, 0)), "Not yet");
    assert_string_equal(cf_level_label(cf_scale_proficient(sc)), "Achieved");
    assert_true(cf_level_value(cf_scale_proficient(sc)) == 1);
    assert_string_equal(
        cf_extensions_get(cf_scale_extensions(sc), "x-generated"),
        "case-import");
    cf_framework_free(fw);
}

/* ---- bad packages ---------------------------------------------------------
 */

struct bad_case {
    const char *file;
    int code;
    const char *message; /* a part of it */
    size_t line, column; /* 0: no position */
};

static const struct bad_case bad_cases[] = {
    {"missing-document.json", CF_EINVALID, "the package has no CFDocument", 0,
     0},
    {"dangling-association.json", CF_EINVALID,
     "CFAssociations[1] (isChildOf): item 'B' is the child of "
     "'99999999-0000-4000-8000-000000000009', which is neither the "
     "CFDocument nor an item of the package (a dangling association)",
     0, 0},
    {"cycle.json", CF_EINVALID,
     "the isChildOf associations make a cycle: 'C' -> 'B' -> 'C'", 0, 0},
    {"no-parent.json", CF_EINVALID,
     "item 'B' (CFItems[1]) has no parent: no isChildOf association has it "
     "as its origin",
     0, 0},
    {"not-json.json", CF_ESYNTAX, "not valid JSON: unexpected token", 5, 3},
    {"wrong-types.json", CF_EINVALID,
     "CFItems[0].fullStatement must be a string, not a number", 0, 0},
    {"wrong-root.json", CF_EINVALID,
     "a CASE package is a JSON object (a CFPackage), not an array", 0, 0},
    {"no-items.json", CF_EINVALID, "the package has no CFItems", 0, 0},
    {"sequence-not-integer.json", CF_EINVALID,
     "CFAssociations[0].sequenceNumber must be an integer, not the text "
     "'first'",
     0, 0},
};

static void test_bad_packages(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const struct bad_case *t = &bad_cases[i];
        char *path = support_path(CASE_DIR "/bad", t->file);
        cf_framework *fw = (cf_framework *)path; /* must be cleared */
        cf_error err;
        memset(&err, 0, sizeof err);
        int rc = cf_framework_load_case_file(&fw, path, NULL, &err);
        if (rc != t->code || !strstr(err.message, t->message) ||
            err.line != t->line || err.column != t->column)
            fail_msg("%s: got %d %zu:%zu '%s'", t->file, rc, err.line,
                     err.column, err.message);
        assert_null(fw);
        assert_int_equal(err.code, t->code);
        assert_string_equal(err.source, path);
        free(path);
    }
}

static void test_arguments(void **state)
{
    (void)state;
    cf_framework *fw = NULL;
    cf_error err;
    char *text = (char *)"x";
    assert_int_equal(cf_framework_load_case_file(NULL, "x", NULL, &err),
                     CF_EARG);
    assert_int_equal(cf_framework_load_case_file(&fw, NULL, NULL, &err),
                     CF_EARG);
    assert_int_equal(
        cf_framework_load_case_buffer(&fw, NULL, 3, NULL, NULL, &err), CF_EARG);
    assert_int_equal(cf_framework_load_case_file(
                         &fw, CASE_DIR "/no-such-file.json", NULL, &err),
                     CF_EIO);
    assert_null(fw);
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    opts.max_input_bytes = 100;
    assert_int_equal(cf_framework_load_case_file(
                         &fw, CASE_DIR "/all-associations.json", &opts, &err),
                     CF_ELIMIT);
    assert_int_equal(cf_framework_to_case(NULL, 0, &text, &err), CF_EARG);
    assert_null(text);
    fw = load_yaml(CF_TEST_DATA_DIR "/minimal.yaml");
    assert_int_equal(cf_framework_to_case(fw, 8, &text, &err), CF_EARG);
    assert_int_equal(cf_framework_to_case(fw, 0, NULL, &err), CF_EARG);
    cf_framework_free(fw);
}

/* ---- round trips -----------------------------------------------------------
 */

/* YAML -> CASE -> model equal; the text is the same run after run and
 * after another trip; compact text reads back the same; and the imported
 * model written as YAML loads as the same model again. */
static void round_trip(const char *yaml_path, const char *tmp_name)
{
    cf_framework *fw = load_yaml(yaml_path);
    char *first = to_case(fw, CF_JSON_PRETTY);
    char *second = to_case(fw, CF_JSON_PRETTY);
    assert_string_equal(first, second);

    cf_framework *back = load_case_text(first, tmp_name);
    assert_same_model(fw, back);
    char *third = to_case(back, CF_JSON_PRETTY);
    assert_string_equal(first, third);

    char *compact = to_case(fw, 0);
    assert_null(strstr(compact, "\n "));
    cf_framework *back2 = load_case_text(compact, tmp_name);
    assert_same_model(fw, back2);

    char *yaml = NULL;
    cf_error err;
    if (cf_framework_to_yaml(back, &yaml, &err) != CF_OK)
        fail_msg("cf_framework_to_yaml: %s", err.message);
    cf_framework *again = NULL;
    if (cf_framework_load_buffer(&again, yaml, strlen(yaml), "again.yaml", NULL,
                                 &err) != CF_OK)
        fail_msg("again.yaml:%zu:%zu: %s", err.line, err.column, err.message);
    assert_same_model(fw, again);

    char *path = support_path(CF_TEST_TMP_DIR, tmp_name);
    support_write_file(path, first, strlen(first));
    free(path);

    cf_framework_free(again);
    cf_string_free(yaml);
    cf_framework_free(back2);
    cf_string_free(compact);
    cf_string_free(third);
    cf_framework_free(back);
    cf_string_free(second);
    cf_string_free(first);
    cf_framework_free(fw);
}

static void test_round_trip_sols(void **state)
{
    (void)state;
    round_trip(CF_FRAMEWORKS_DIR "/sols-community-relations.yaml",
               "case-sols.json");
    /* UUIDv5 in the namespace docs/interop.md gives. */
    cf_framework *fw =
        load_yaml(CF_FRAMEWORKS_DIR "/sols-community-relations.yaml");
    char *text = to_case(fw, 0);
    assert_non_null(strstr(text, "\"CFDocument\":{\"identifier\":"
                                 "\"94fe237e-c361-5840-8a26-692b0a85927c\""));
    assert_non_null(strstr(text, "\"identifier\":"
                                 "\"9c1ea06f-5684-55b3-85bf-adb6eb48ade2\""));
    /* 42 items, 42 isChildOf associations and one rubric. */
    assert_int_equal(occurrences(text, "\"fullStatement\""), 42);
    assert_int_equal(occurrences(text, "\"associationType\":\"isChildOf\""),
                     42);
    assert_int_equal(occurrences(text, "\"CFRubricCriteria\""), 1);
    cf_string_free(text);
    cf_framework_free(fw);
}

static void test_round_trip_rich(void **state)
{
    (void)state;
    round_trip(CASE_DIR "/rich.yaml", "case-rich.json");
    cf_framework *fw = load_yaml(CASE_DIR "/rich.yaml");
    char *text = to_case(fw, 0);
    assert_int_equal(occurrences(text, "\"associationType\":\"isRelatedTo\""),
                     1);
    assert_int_equal(occurrences(text, "\"associationType\":\"exactMatchOf\""),
                     1);
    assert_int_equal(occurrences(text, "\"associationType\":\"precedes\""), 1);
    assert_int_equal(occurrences(text, "\"associationType\":\"replacedBy\""),
                     2);
    cf_string_free(text);
    cf_framework_free(fw);
}

/* A foreign package read, written and read again keeps its model. */
static void test_round_trip_handwritten(void **state)
{
    (void)state;
    cf_framework *fw = load_case(CASE_DIR "/all-associations.json");
    char *text = to_case(fw, CF_JSON_PRETTY);
    cf_framework *back = load_case_text(text, "case-handwritten.json");
    assert_same_model(fw, back);
    char *path = support_path(CF_TEST_TMP_DIR, "case-handwritten.json");
    support_write_file(path, text, strlen(text));
    free(path);
    cf_framework_free(back);
    cf_string_free(text);
    cf_framework_free(fw);
}

/* ---- the shared corpora ---------------------------------------------------
 */

static const char *corpora_dir(void)
{
    const char *dir = getenv("CF_CORPORA_DIR");
    if (dir && *dir)
        return dir;
#ifdef CF_CORPORA_DIR
    return CF_CORPORA_DIR;
#else
    return NULL;
#endif
}

/* The exports validate against the CASE 1.0 JSON Schema (python3 with
 * python3-jsonschema, which tools/install-deps.sh installs). */
static void test_schema(void **state)
{
    (void)state;
    const char *dir = corpora_dir();
    if (!dir) {
        print_message("test_schema skipped: CF_CORPORA_DIR is not set\n");
        skip();
    }
    /* The files the round trips wrote. */
    test_round_trip_sols(state);
    test_round_trip_rich(state);
    test_round_trip_handwritten(state);
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "python3 -c 'import json, sys, jsonschema; "
             "schema = json.load(open(sys.argv[1])); "
             "[jsonschema.validate(json.load(open(f)), schema) "
             "for f in sys.argv[2:]]' "
             "'%s/case/case-v1p0-cfpackage-schema.json' "
             "'%s/case-sols.json' '%s/case-rich.json' "
             "'%s/case-handwritten.json'",
             dir, CF_TEST_TMP_DIR, CF_TEST_TMP_DIR, CF_TEST_TMP_DIR);
    assert_int_equal(system(cmd), 0);
}

/* Every OpenSALT package imports with its item count (the empty one fails
 * with the documented error). */
static void test_corpora(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        size_t items;
    } files[] = {
        {"AdoptedTestFramework.json", 1},
        {"EmptyExternalFramework.json", 0},
        {"ItemTypeTestFramework.json", 1},
        {"MarkdownFramework.json", 2},
        {"Ordering.json", 28},
        {"SequenceNumberFramework.json", 2},
        {"SmartLevelFramework.json", 14},
        {"Utf8TestFramework.json", 1},
        {"opensalt-framework-20c5134f-423d-4097-a971-3dd5152bf507.json", 16},
    };
    const char *dir = corpora_dir();
    if (!dir) {
        print_message("test_corpora skipped: CF_CORPORA_DIR is not set\n");
        skip();
    }
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char name[160];
        snprintf(name, sizeof name, "case/%s", files[i].file);
        char *path = support_path(dir, name);
        cf_framework *fw = NULL;
        cf_error err;
        int rc = cf_framework_load_case_file(&fw, path, NULL, &err);
        if (files[i].items == 0) {
            assert_int_equal(rc, CF_EINVALID);
            assert_non_null(strstr(err.message, "the package has no CFItems"));
            free(path);
            continue;
        }
        if (rc != CF_OK)
            fail_msg("%s: %s", files[i].file, err.message);
        assert_int_equal(cf_framework_element_count(fw), files[i].items);
        /* Each exports to a package that reads back the same. */
        char *text = to_case(fw, 0);
        cf_framework *back = load_case_text(text, files[i].file);
        assert_same_model(fw, back);
        cf_framework_free(back);
        cf_string_free(text);
        cf_framework_free(fw);
        free(path);
    }

    /* sequenceNumber orders siblings: the second item comes first. */
    char *path = support_path(dir, "case/SequenceNumberFramework.json");
    cf_framework *fw = load_case(path);
    assert_string_equal(cf_element_id(cf_framework_element(fw, 0)), "SNT.2");
    assert_string_equal(cf_element_id(cf_framework_element(fw, 1)), "SNT.1");
    cf_framework_free(fw);
    free(path);

    /* 39 associations: 16 make the tree, the rest are relations between
     * its items or kept as x-case-associations (external destinations). */
    path = support_path(
        dir,
        "case/opensalt-framework-20c5134f-423d-4097-a971-3dd5152bf507.json");
    fw = load_case(path);
    size_t tree = 0, relations = 0, kept = 0;
    for (size_t i = 0; i < cf_framework_element_count(fw); i++) {
        const cf_element *el = cf_framework_element(fw, i);
        tree++; /* its isChildOf */
        for (int k = 0; k < CF_RELATION_COUNT; k++)
            relations += cf_element_relation_count(el, (cf_relation)k);
        kept += occurrences(
            cf_extensions_get(cf_element_extensions(el), "x-case-associations"),
            "\"associationType\"");
    }
    assert_int_equal(tree, 16);
    assert_int_equal(tree + relations + kept, 39);
    cf_framework_free(fw);
    free(path);
}

/* ---- allocation failures --------------------------------------------------
 */

static int run_import(void *ctx, const cf_load_options *opts, void **out,
                      cf_error *err)
{
    const char *text = ctx;
    cf_framework *fw = NULL;
    int rc = cf_framework_load_case_buffer(&fw, text, strlen(text), "alloc",
                                           opts, err);
    *out = fw;
    return rc;
}

static void done_import(void *ctx, void *out)
{
    (void)ctx;
    assert_true(cf_framework_element_count(out) > 0);
    cf_framework_free(out);
}

static void test_alloc(void **state)
{
    (void)state;
    struct support_counter counter;
    support_counter_init(&counter);
    size_t len;
    char *hand = support_read_file(CASE_DIR "/all-associations.json", &len);
    char *cycle = support_read_file(CASE_DIR "/bad/cycle.json", &len);
    cf_framework *fw = load_yaml(CASE_DIR "/rich.yaml");
    char *rich = to_case(fw, 0);
    cf_framework_free(fw);

    struct support_alloc_case cases[] = {
        {"hand-written package", run_import, done_import, hand, CF_OK, 1},
        {"rich export", run_import, done_import, rich, CF_OK, 1},
        {"cycle", run_import, NULL, cycle, CF_EINVALID, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        support_fail_each_allocation(&counter, &cases[i]);

    cf_string_free(rich);
    free(cycle);
    free(hand);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_handwritten),
        cmocka_unit_test(test_case_1_1_wrapped),
        cmocka_unit_test(test_generated_scale),
        cmocka_unit_test(test_bad_packages),
        cmocka_unit_test(test_arguments),
        cmocka_unit_test(test_round_trip_sols),
        cmocka_unit_test(test_round_trip_rich),
        cmocka_unit_test(test_round_trip_handwritten),
        cmocka_unit_test(test_schema),
        cmocka_unit_test(test_corpora),
        cmocka_unit_test(test_alloc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
