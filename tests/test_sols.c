/*
 * The shipped SOLS Community Relations framework
 * (frameworks/sols-community-relations.yaml), checked against its source
 * text (tests/data/seeds/sols-community-relations.txt) through the public
 * API only.
 *
 * The source has 6 competencies with 5, 7, 3, 8, 7 and 5 associated
 * knowledge, skills and abilities (KSAs): 5+7+3+8+7+5 = 35 KSAs. The file
 * puts them under one root area CR, so it has 1 + 6 + 35 = 42 elements on
 * three depths: the area (0), the competencies CR.1..CR.6 (1) and the KSAs
 * CR.n.m (2).
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

/* Six competencies in the source. */
#define N_COMPETENCIES 6
/* 5+7+3+8+7+5 = 35 KSAs, as counted in the source text. */
#define N_KSAS 35
/* The root area, 6 competencies and 35 KSAs: 1+6+35 = 42. */
#define N_ELEMENTS 42
/* Depths 0, 1 and 2: three hierarchy names. */
#define N_DEPTHS 3
/* The longest competency (CR.4) has 8 KSAs. */
#define MAX_KSAS 8

/* KSAs per competency, in source order. */
static const size_t ksa_count[N_COMPETENCIES] = {5, 7, 3, 8, 7, 5};

/* Writes the id of competency n (1-based), and of its KSA m when m > 0. */
static void make_id(char *buf, size_t size, size_t n, size_t m)
{
    if (m == 0) {
        snprintf(buf, size, "CR.%zu", n);
    } else {
        snprintf(buf, size, "CR.%zu.%zu", n, m);
    }
}

static const cf_element *find(const cf_framework *fw, size_t n, size_t m)
{
    char id[32];
    const cf_element *el;

    make_id(id, sizeof id, n, m);
    el = cf_framework_find(fw, id);
    if (el == NULL) {
        fail_msg("no element %s", id);
    }
    return el;
}

static void test_counts(void **state)
{
    const cf_framework *fw = *state;
    const cf_element *root;
    size_t total = 0;
    size_t n;

    assert_int_equal(cf_framework_element_count(fw), N_ELEMENTS);
    assert_int_equal(cf_framework_root_count(fw), 1);
    root = cf_framework_root(fw, 0);
    assert_non_null(root);
    assert_string_equal(cf_element_id(root), "CR");
    assert_null(cf_framework_root(fw, 1));
    assert_int_equal(cf_element_child_count(root), N_COMPETENCIES);
    for (n = 1; n <= N_COMPETENCIES; n++) {
        const cf_element *comp = cf_element_child(root, n - 1);

        assert_non_null(comp);
        assert_int_equal(cf_element_child_count(comp), ksa_count[n - 1]);
        total += cf_element_child_count(comp);
    }
    assert_int_equal(total, N_KSAS);
}

static void test_depths_and_kinds(void **state)
{
    const cf_framework *fw = *state;
    const char *names[N_DEPTHS];
    size_t i;

    assert_int_equal(cf_framework_hierarchy_count(fw), N_DEPTHS);
    for (i = 0; i < N_DEPTHS; i++) {
        names[i] = cf_framework_hierarchy_name(fw, i);
        assert_non_null(names[i]);
        assert_true(names[i][0] != '\0');
    }
    assert_null(cf_framework_hierarchy_name(fw, N_DEPTHS));
    /* The author picks the names; they must at least tell depths apart. */
    assert_string_not_equal(names[0], names[1]);
    assert_string_not_equal(names[1], names[2]);
    assert_string_not_equal(names[0], names[2]);

    for (i = 0; i < N_ELEMENTS; i++) {
        const cf_element *el = cf_framework_element(fw, i);
        const char *id = cf_element_id(el);
        size_t dots = 0;
        const char *p;

        /* The depth of CR, CR.n and CR.n.m is the number of dots: 0, 1, 2. */
        for (p = id; *p != '\0'; p++) {
            dots += *p == '.';
        }
        assert_int_equal(cf_element_depth(el), dots);
        assert_non_null(cf_element_kind(el));
        assert_string_equal(cf_element_kind(el), names[dots]);
    }
}

static void test_parents_and_children(void **state)
{
    const cf_framework *fw = *state;
    const cf_element *root = cf_framework_find(fw, "CR");
    const cf_element *cr3 = find(fw, 3, 0);
    size_t n;
    size_t m;

    assert_non_null(root);
    assert_null(cf_element_parent(root));
    /* CR.3 "Engages the community in conversation" has 3 KSAs. */
    assert_int_equal(cf_element_child_count(cr3), 3);
    assert_ptr_equal(cf_element_child(cr3, 0), find(fw, 3, 1));
    assert_ptr_equal(cf_element_child(cr3, 1), find(fw, 3, 2));
    assert_ptr_equal(cf_element_child(cr3, 2), find(fw, 3, 3));
    assert_null(cf_element_child(cr3, 3));

    for (n = 1; n <= N_COMPETENCIES; n++) {
        const cf_element *comp = find(fw, n, 0);

        assert_ptr_equal(cf_element_parent(comp), root);
        assert_ptr_equal(cf_element_child(root, n - 1), comp);
        for (m = 1; m <= ksa_count[n - 1]; m++) {
            const cf_element *ksa = find(fw, n, m);

            assert_ptr_equal(cf_element_parent(ksa), comp);
            assert_ptr_equal(cf_element_child(comp, m - 1), ksa);
            assert_int_equal(cf_element_child_count(ksa), 0);
            assert_null(cf_element_child(ksa, 0));
        }
    }
}

static void test_subtrees(void **state)
{
    const cf_framework *fw = *state;
    const cf_element *root = cf_framework_find(fw, "CR");
    const cf_element *cr2 = find(fw, 2, 0);
    size_t n;
    size_t m;

    /* The root's subtree is the whole framework: [0, 42). */
    assert_int_equal(cf_element_index(root), 0);
    assert_int_equal(cf_element_subtree_end(root), N_ELEMENTS);
    /* CR.2 and its 7 KSAs: 1+7 = 8 elements. */
    assert_int_equal(cf_element_subtree_end(cr2) - cf_element_index(cr2), 8);

    for (n = 1; n <= N_COMPETENCIES; n++) {
        const cf_element *comp = find(fw, n, 0);
        size_t start = cf_element_index(comp);

        /* A competency's subtree is itself and its KSAs. */
        assert_int_equal(cf_element_subtree_end(comp) - start,
                         1 + ksa_count[n - 1]);
        for (m = 1; m <= ksa_count[n - 1]; m++) {
            const cf_element *ksa = find(fw, n, m);

            /* A KSA is a leaf: its subtree is itself. */
            assert_int_equal(cf_element_index(ksa), start + m);
            assert_int_equal(cf_element_subtree_end(ksa), start + m + 1);
        }
    }
}

static void test_preorder(void **state)
{
    const cf_framework *fw = *state;
    char expected[N_ELEMENTS][32];
    size_t count = 0;
    size_t n;
    size_t m;
    size_t i;

    /* Pre-order: CR, CR.1, CR.1.1 .. CR.1.5, CR.2, CR.2.1, ... CR.6.5. */
    snprintf(expected[count++], sizeof expected[0], "CR");
    for (n = 1; n <= N_COMPETENCIES; n++) {
        make_id(expected[count++], sizeof expected[0], n, 0);
        for (m = 1; m <= ksa_count[n - 1]; m++) {
            make_id(expected[count++], sizeof expected[0], n, m);
        }
    }
    assert_int_equal(count, N_ELEMENTS);

    for (i = 0; i < N_ELEMENTS; i++) {
        const cf_element *el = cf_framework_element(fw, i);

        assert_non_null(el);
        assert_string_equal(cf_element_id(el), expected[i]);
        assert_int_equal(cf_element_index(el), i);
        assert_ptr_equal(cf_element_framework(el), fw);
    }
    assert_null(cf_framework_element(fw, N_ELEMENTS));
}

static void test_lookup(void **state)
{
    const cf_framework *fw = *state;
    static const char *const absent[] = {"CR.7",
                                         "CR.0",
                                         "CR.1.6",
                                         "CR.4.9",
                                         "CR.1.1.1",
                                         "cr",
                                         "CR.",
                                         ".CR",
                                         "",
                                         "CR ",
                                         "sols-community-relations",
                                         "proficiency"};
    size_t i;

    for (i = 0; i < N_ELEMENTS; i++) {
        const cf_element *el = cf_framework_element(fw, i);

        assert_ptr_equal(cf_framework_find(fw, cf_element_id(el)), el);
    }
    for (i = 0; i < sizeof absent / sizeof absent[0]; i++) {
        if (cf_framework_find(fw, absent[i]) != NULL) {
            fail_msg("found an element for the absent id '%s'", absent[i]);
        }
    }
}

static void test_metadata(void **state)
{
    const cf_framework *fw = *state;
    const char *description = cf_framework_description(fw);
    static const char start[] = "Traditionally, community relations work";

    assert_string_equal(cf_framework_id(fw), "sols-community-relations");
    assert_string_equal(cf_framework_title(fw), "Community Relations");
    /* "Last updated: August 13, 2015" in the source. */
    assert_string_equal(cf_framework_version(fw), "2015-08-13");
    assert_string_equal(cf_framework_publisher(fw),
                        "Southern Ontario Library Service");
    assert_string_equal(cf_framework_language(fw), "en");
    assert_true(support_ends_with(cf_framework_source(fw),
                                  "sols-community-relations.yaml"));

    assert_non_null(description);
    assert_memory_equal(description, start, sizeof start - 1);
    assert_null(strstr(description, "  "));
    /* The source's stray no-break spaces (U+00A0) are not text. */
    assert_null(strstr(description, "\xc2\xa0"));
    assert_true(description[strlen(description) - 1] != ' ');
    assert_true(description[strlen(description) - 1] != '\n');

    /* The root area carries the source's title. */
    assert_string_equal(cf_element_title(cf_framework_root(fw, 0)),
                        "Community Relations");
}

static void test_scale(void **state)
{
    const cf_framework *fw = *state;
    static const char *const labels[] = {"Beginning", "Developing",
                                         "Proficient", "Advanced"};
    const cf_scale *scale = cf_framework_find_scale(fw, "proficiency");
    size_t i;

    /* The source has no scale; the file adds exactly one. */
    assert_int_equal(cf_framework_scale_count(fw), 1);
    assert_non_null(scale);
    assert_ptr_equal(cf_framework_scale(fw, 0), scale);
    assert_null(cf_framework_scale(fw, 1));
    assert_null(cf_framework_find_scale(fw, "Proficiency"));
    assert_ptr_equal(cf_framework_default_scale(fw), scale);
    assert_string_equal(cf_scale_id(scale), "proficiency");
    assert_int_equal(cf_scale_index(scale), 0);

    /* Four levels, valued 1 to 4. */
    assert_int_equal(cf_scale_level_count(scale), 4);
    for (i = 0; i < 4; i++) {
        const cf_level *level = cf_scale_level(scale, i);

        assert_non_null(level);
        assert_true(cf_level_value(level) == (double)(i + 1));
        assert_string_equal(cf_level_label(level), labels[i]);
        assert_int_equal(cf_level_index(level), i);
        assert_ptr_equal(cf_scale_find_label(scale, labels[i]), level);
        assert_ptr_equal(cf_scale_find_value(scale, (double)(i + 1)), level);
    }
    assert_null(cf_scale_level(scale, 4));

    /* Proficient is level 3, the third of four (index 2). */
    assert_ptr_equal(cf_scale_proficient(scale), cf_scale_level(scale, 2));
    assert_true(cf_level_value(cf_scale_proficient(scale)) == 3.0);
    assert_string_equal(cf_level_label(cf_scale_proficient(scale)),
                        "Proficient");

    /* Labels match exactly; values match only the four levels. */
    assert_null(cf_scale_find_label(scale, "proficient"));
    assert_null(cf_scale_find_label(scale, "Expert"));
    assert_null(cf_scale_find_label(scale, ""));
    assert_null(cf_scale_find_value(scale, 0.0));
    assert_null(cf_scale_find_value(scale, 2.5));
    assert_null(cf_scale_find_value(scale, 5.0));
    assert_null(cf_scale_find_value(scale, NAN));
}

static void test_level_by_label(void **state)
{
    const cf_framework *fw = *state;
    const cf_element *el = cf_framework_find(fw, "CR.1.1");
    double level = 0;
    cf_error err;

    /* Proficient is level 3 of the proficiency scale, Advanced 4. */
    assert_int_equal(cf_element_level_by_label(&level, el, "Proficient", &err),
                     CF_OK);
    assert_true(level == 3);
    assert_int_equal(cf_element_level_by_label(&level, el, "Advanced", &err),
                     CF_OK);
    assert_true(level == 4);
    /* Labels match exactly: "proficient" is not one. */
    assert_int_equal(cf_element_level_by_label(&level, el, "proficient", &err),
                     CF_EINVALID);
    assert_non_null(strstr(err.message, "level 'proficient' is not on scale "
                                        "'proficiency' of element 'CR.1.1'"));
    assert_int_equal(cf_element_level_by_label(NULL, el, "Advanced", &err),
                     CF_EARG);
    assert_int_equal(cf_element_level_by_label(&level, el, NULL, &err),
                     CF_EARG);
}

static void test_element_defaults(void **state)
{
    const cf_framework *fw = *state;
    const cf_scale *scale = cf_framework_default_scale(fw);
    size_t i;

    for (i = 0; i < N_ELEMENTS; i++) {
        const cf_element *el = cf_framework_element(fw, i);

        assert_ptr_equal(cf_element_scale(el), scale);
        assert_true(cf_element_weight(el) == 1.0);
        assert_int_equal(cf_element_rollup(el), CF_ROLLUP_MEAN);
    }
    assert_string_equal(cf_rollup_name(CF_ROLLUP_MEAN), "mean");
}

/* ---- the titles, word for word against the source text ---------------- */

/* Room for the longest title in the source (CR.2.4, about 210 bytes). */
#define TITLE_MAX 512

struct seed {
    size_t competencies;
    char competency[N_COMPETENCIES][TITLE_MAX];
    size_t ksas[N_COMPETENCIES];
    char ksa[N_COMPETENCIES][MAX_KSAS][TITLE_MAX];
};

/*
 * Copies the text from p to end into out with every run of white space
 * turned into one space and none at either end. White space here is ASCII
 * space, tab, CR, LF and the no-break space U+00A0 (UTF-8 C2 A0), which the
 * source scatters between words.
 */
static void normalise(char *out, size_t size, const char *p, const char *end)
{
    size_t len = 0;
    int pending_space = 0;

    while (p < end) {
        size_t skip = 0;

        if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
            skip = 1;
        } else if (end - p >= 2 && (unsigned char)p[0] == 0xc2 &&
                   (unsigned char)p[1] == 0xa0) {
            skip = 2;
        }
        if (skip > 0) {
            pending_space = len > 0;
            p += skip;
            continue;
        }
        assert_true(len + 2 < size);
        if (pending_space) {
            out[len++] = ' ';
            pending_space = 0;
        }
        out[len++] = *p++;
    }
    out[len] = '\0';
}

/*
 * Reads the source text: each line "Competency: <title>" starts a
 * competency, each line "  • <text>" (U+2022, UTF-8 E2 80 A2) is a KSA of
 * the latest competency.
 */
static void read_seed(struct seed *seed)
{
    static const char competency[] = "Competency:";
    static const char bullet[] = "  \xe2\x80\xa2";
    char *path =
        support_path(CF_TEST_DATA_DIR, "seeds/sols-community-relations.txt");
    size_t len;
    char *text = support_read_file(path, &len);
    const char *line = text;
    const char *end = text + len;

    memset(seed, 0, sizeof *seed);
    while (line < end) {
        const char *eol = memchr(line, '\n', (size_t)(end - line));

        if (eol == NULL) {
            eol = end;
        }
        if ((size_t)(eol - line) >= sizeof competency - 1 &&
            memcmp(line, competency, sizeof competency - 1) == 0) {
            assert_true(seed->competencies < N_COMPETENCIES);
            normalise(seed->competency[seed->competencies], TITLE_MAX,
                      line + sizeof competency - 1, eol);
            seed->competencies++;
        } else if ((size_t)(eol - line) >= sizeof bullet - 1 &&
                   memcmp(line, bullet, sizeof bullet - 1) == 0) {
            size_t c;

            assert_true(seed->competencies > 0);
            c = seed->competencies - 1;
            assert_true(seed->ksas[c] < MAX_KSAS);
            normalise(seed->ksa[c][seed->ksas[c]], TITLE_MAX,
                      line + sizeof bullet - 1, eol);
            seed->ksas[c]++;
        }
        line = eol + 1;
    }
    free(text);
    free(path);
}

static void test_titles_match_seed(void **state)
{
    const cf_framework *fw = *state;
    struct seed *seed = malloc(sizeof *seed);
    size_t checked = 0;
    size_t n;
    size_t m;

    assert_non_null(seed);
    read_seed(seed);
    /* The reader itself must find the source's 6 competencies and 35 KSAs. */
    assert_int_equal(seed->competencies, N_COMPETENCIES);
    for (n = 1; n <= N_COMPETENCIES; n++) {
        assert_int_equal(seed->ksas[n - 1], ksa_count[n - 1]);
    }

    for (n = 1; n <= N_COMPETENCIES; n++) {
        const cf_element *comp = find(fw, n, 0);

        if (strcmp(cf_element_title(comp), seed->competency[n - 1]) != 0) {
            fail_msg("CR.%zu title\n  file: '%s'\n  seed: '%s'", n,
                     cf_element_title(comp), seed->competency[n - 1]);
        }
        checked++;
        for (m = 1; m <= ksa_count[n - 1]; m++) {
            const cf_element *ksa = find(fw, n, m);

            if (strcmp(cf_element_title(ksa), seed->ksa[n - 1][m - 1]) != 0) {
                fail_msg("CR.%zu.%zu title\n  file: '%s'\n  seed: '%s'", n, m,
                         cf_element_title(ksa), seed->ksa[n - 1][m - 1]);
            }
            checked++;
        }
    }
    /* 6 competencies + 35 KSAs = 41 titles. */
    assert_int_equal(checked, N_COMPETENCIES + N_KSAS);
    free(seed);
}

/* One title per competency, typed in from the source text. */
static void test_titles_spot_checks(void **state)
{
    const cf_framework *fw = *state;
    static const struct {
        const char *id;
        const char *title;
    } spots[] = {
        {"CR.1", "Documents library use in terms of community impact and "
                 "value"},
        {"CR.1.1", "Uses appropriate business and management approaches to "
                   "communicate the library’s value to decision makers"},
        {"CR.2", "Builds community-wide support for the library, using a "
                 "variety of methods"},
        {"CR.2.5", "Leverages the community to build additional support at "
                   "the local, provincial and national levels, both for "
                   "ongoing library services and special one-time "
                   "campaigns"},
        {"CR.3", "Engages the community in conversation"},
        {"CR.3.3", "Uses a variety of vehicles for conversation, including "
                   "one-on-one, key informant interviews, neighbourhood/ "
                   "community events, library programs and events, and "
                   "social media."},
        {"CR.4", "Uses social media effectively for interaction and "
                 "engagement"},
        {"CR.4.2", "Creates a familiar online persona that is personable and "
                   "approachable"},
        {"CR.5", "Understands and supports community resilience and "
                 "well-being"},
        {"CR.5.6", "Supports the community’s aspirations for the future"},
        {"CR.6", "Forms strategic partnerships with community organizations"},
        {"CR.6.5", "Develops the library’s reputation as a community leader "
                   "and key community collaborator."},
    };
    size_t i;

    for (i = 0; i < sizeof spots / sizeof spots[0]; i++) {
        const cf_element *el = cf_framework_find(fw, spots[i].id);

        assert_non_null(el);
        assert_string_equal(cf_element_title(el), spots[i].title);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_depths_and_kinds),
        cmocka_unit_test(test_parents_and_children),
        cmocka_unit_test(test_subtrees),
        cmocka_unit_test(test_preorder),
        cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_metadata),
        cmocka_unit_test(test_scale),
        cmocka_unit_test(test_level_by_label),
        cmocka_unit_test(test_element_defaults),
        cmocka_unit_test(test_titles_match_seed),
        cmocka_unit_test(test_titles_spot_checks),
    };

    return cmocka_run_group_tests(tests, support_setup_sols,
                                  support_teardown_sols);
}
