/*
 * Profiles: made in code and loaded from YAML against the SOLS framework;
 * every error class with its exact message and position (the files of
 * tests/data/profiles/bad and their EXPECTED manifest); allocation
 * failures while loading and while adding targets.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "competency.h"
#include "support.h"
#include "support_alloc.h"
#include "support_score.h"

#define PROFILES_DIR CF_TEST_DATA_DIR "/profiles"
#define BAD_DIR PROFILES_DIR "/bad"

/* Loads a NUL-terminated text that must load; fails the test otherwise. */
static cf_profile *load_text(cf_framework *fw, const char *yaml)
{
    cf_profile *p = NULL;
    cf_error err;

    if (cf_profile_load_buffer(&p, fw, yaml, strlen(yaml), "inline.yaml", NULL,
                               &err) != CF_OK) {
        fail_msg("inline.yaml:%zu:%zu: %s", err.line, err.column, err.message);
    }
    assert_non_null(p);
    return p;
}

/* ---- loading ------------------------------------------------------------- */

/* The targets of tests/data/profiles/branch-manager.yaml. */
static void check_branch_manager(const cf_framework *fw, const cf_profile *p)
{
    static const struct {
        const char *id;
        double level;
        double importance;
        int critical;
    } targets[] = {
        {"CR.1", 3, 1, 0}, {"CR.2", 3, 1, 0}, {"CR.3", 3, 0.25, 0},
        {"CR.4", 4, 2, 1}, {"CR.5", 2, 1, 0}, {"CR.6.1", 2, 1.5, 0},
    };
    const cf_extensions *ext = cf_profile_extensions(p);
    size_t i;

    assert_ptr_equal(cf_profile_framework(p), fw);
    assert_string_equal(cf_profile_id(p), "branch-manager");
    assert_string_equal(cf_profile_title(p), "Branch Manager");
    assert_string_equal(cf_profile_description(p),
                        "Leads a branch and speaks for it in the community.");
    assert_int_equal(cf_profile_target_count(p), 6);
    for (i = 0; i < 6; i++) {
        assert_ptr_equal(cf_profile_target_element(p, i),
                         cf_framework_find(fw, targets[i].id));
        assert_exact(cf_profile_target_level(p, i), targets[i].level);
        assert_exact(cf_profile_target_importance(p, i), targets[i].importance);
        assert_int_equal(cf_profile_target_critical(p, i), targets[i].critical);
    }
    /* The profile's x- keys; a target's x-why is read but not kept. */
    assert_int_equal(cf_extensions_count(ext), 2);
    assert_string_equal(cf_extensions_key(ext, 0), "x-owner");
    assert_string_equal(cf_extensions_value(ext, 0), "Human Resources");
    assert_string_equal(cf_extensions_get(ext, "x-reviewed"),
                        "[\"2026-01-15\",\"2026-06-30\"]");
    assert_null(cf_extensions_get(ext, "x-why"));
}

static void test_load_file(void **state)
{
    cf_framework *fw = *state;
    cf_profile *p = NULL;
    cf_error err;

    assert_int_equal(cf_profile_load_file(&p, fw,
                                          PROFILES_DIR "/branch-manager.yaml",
                                          NULL, &err),
                     CF_OK);
    check_branch_manager(fw, p);
    cf_profile_free(p);
}

static void test_load_buffer(void **state)
{
    cf_framework *fw = *state;
    size_t len;
    char *yaml = support_read_file(PROFILES_DIR "/branch-manager.yaml", &len);
    cf_profile *p = NULL;
    cf_error err;

    /* Not NUL-terminated where it ends: len bytes only. */
    assert_int_equal(
        cf_profile_load_buffer(&p, fw, yaml, len, "bm.yaml", NULL, &err),
        CF_OK);
    check_branch_manager(fw, p);
    cf_profile_free(p);
    free(yaml);
}

static void test_minimal_profile(void **state)
{
    cf_framework *fw = *state;
    cf_profile *p = NULL;
    cf_error err;

    assert_int_equal(
        cf_profile_load_file(&p, fw, PROFILES_DIR "/minimal.yaml", NULL, &err),
        CF_OK);
    assert_string_equal(cf_profile_id(p), "minimal");
    assert_null(cf_profile_title(p));
    assert_null(cf_profile_description(p));
    assert_int_equal(cf_extensions_count(cf_profile_extensions(p)), 0);
    assert_int_equal(cf_profile_target_count(p), 1);
    /* Defaults: importance 1, not critical. */
    assert_exact(cf_profile_target_importance(p, 0), 1);
    assert_int_equal(cf_profile_target_critical(p, 0), 0);
    cf_profile_free(p);
}

/* Every YAML 1.1 spelling of true and false that the format accepts. */
static void test_critical_spellings(void **state)
{
    static const char *const spellings[] = {
        "true",  "True",  "TRUE",  "yes", "Yes", "YES", "on",  "On",  "ON",
        "false", "False", "FALSE", "no",  "No",  "NO",  "off", "Off", "OFF"};
    cf_framework *fw = *state;
    size_t i;

    for (i = 0; i < sizeof spellings / sizeof spellings[0]; i++) {
        char yaml[160];
        cf_profile *p;

        snprintf(yaml, sizeof yaml,
                 "profile:\n  id: c\n  targets:\n"
                 "    CR.1: {level: 3, critical: %s}\n",
                 spellings[i]);
        p = load_text(fw, yaml);
        /* The first nine mean true. */
        assert_int_equal(cf_profile_target_critical(p, 0), i < 9);
        cf_profile_free(p);
    }
}

/* A label and a value name the same level; other scales are respected. */
static void test_levels_by_label_and_value(void **state)
{
    static const char yaml[] = "profile:\n"
                               "  id: labels\n"
                               "  targets:\n"
                               "    CR.1: Beginning\n"
                               "    CR.2: {level: Advanced}\n"
                               "    CR.3: 2\n"
                               "    CR.4: 4.0\n";
    cf_framework *fw = *state;
    cf_profile *p = load_text(fw, yaml);

    assert_exact(cf_profile_target_level(p, 0), 1);
    assert_exact(cf_profile_target_level(p, 1), 4);
    assert_exact(cf_profile_target_level(p, 2), 2);
    /* 4.0 is the level value 4. */
    assert_exact(cf_profile_target_level(p, 3), 4);
    cf_profile_free(p);
}

static void test_framework_key_matches(void **state)
{
    static const char yaml[] = "profile:\n"
                               "  framework: sols-community-relations\n"
                               "  targets: {CR.1: 3}\n"
                               "  id: targets-first\n";
    cf_framework *fw = *state;
    cf_profile *p = load_text(fw, yaml);

    assert_string_equal(cf_profile_id(p), "targets-first");
    cf_profile_free(p);
}

/* ---- invalid profiles: tests/data/profiles/bad/EXPECTED ------------------ */

struct expected {
    char file[64];
    int code;
    size_t line;
    size_t column;
    char message[CF_ERROR_MESSAGE_MAX];
};

static int code_named(const char *name)
{
    if (strcmp(name, "CF_ESYNTAX") == 0) {
        return CF_ESYNTAX;
    }
    if (strcmp(name, "CF_EINVALID") == 0) {
        return CF_EINVALID;
    }
    fail_msg("EXPECTED: unexpected code %s", name);
    return CF_OK;
}

/* Splits the TAB-separated line into its five fields. */
static void parse_row(char *line, struct expected *row)
{
    char *fields[5];
    size_t n = 0;
    char *p = line;

    while (n < 4) {
        char *tab = strchr(p, '\t');

        if (tab == NULL) {
            fail_msg("EXPECTED: too few fields in '%s'", line);
        }
        *tab = '\0';
        fields[n++] = p;
        p = tab + 1;
    }
    fields[4] = p;
    assert_true(strlen(fields[0]) < sizeof row->file);
    assert_true(strlen(fields[4]) < sizeof row->message);
    strcpy(row->file, fields[0]);
    row->code = code_named(fields[1]);
    row->line = strtoul(fields[2], NULL, 10);
    row->column = strtoul(fields[3], NULL, 10);
    strcpy(row->message, fields[4]);
}

/* Reads the manifest into rows (at most max); returns how many. */
static size_t read_expected(struct expected *rows, size_t max)
{
    size_t len;
    char *text = support_read_file(BAD_DIR "/EXPECTED", &len);
    char *line = text;
    size_t count = 0;

    while (line != NULL && *line != '\0') {
        char *eol = strchr(line, '\n');

        if (eol != NULL) {
            *eol = '\0';
        }
        if (*line != '\0' && *line != '#') {
            assert_true(count < max);
            parse_row(line, &rows[count++]);
        }
        line = eol != NULL ? eol + 1 : NULL;
    }
    free(text);
    return count;
}

static void check_failure(const struct expected *row, const char *how, int rc,
                          const cf_profile *p, const cf_error *err,
                          const char *source)
{
    if (rc != row->code || err->line != row->line ||
        err->column != row->column || strcmp(err->message, row->message) != 0) {
        fail_msg("%s (%s): expected %d at %zu:%zu \"%s\"; got %d at %zu:%zu "
                 "\"%s\"",
                 row->file, how, row->code, row->line, row->column,
                 row->message, rc, err->line, err->column, err->message);
    }
    assert_null(p);
    assert_int_equal(err->code, row->code);
    assert_string_equal(err->source, source);
}

static void check_bad_file(cf_framework *fw, const struct expected *row)
{
    char *path = support_path(BAD_DIR, row->file);
    cf_profile *p = (cf_profile *)fw; /* any non-NULL value */
    size_t len;
    char *data;
    cf_error err;
    int rc;

    memset(&err, 0, sizeof err);
    rc = cf_profile_load_file(&p, fw, path, NULL, &err);
    check_failure(row, "file", rc, p, &err, path);

    data = support_read_file(path, &len);
    p = (cf_profile *)fw;
    memset(&err, 0, sizeof err);
    rc = cf_profile_load_buffer(&p, fw, data, len, row->file, NULL, &err);
    check_failure(row, "buffer", rc, p, &err, row->file);
    free(data);
    free(path);
}

/* Every .yaml file in the folder has a row, and every row a file. */
static void check_manifest_covers_folder(const struct expected *rows,
                                         size_t count)
{
    DIR *dir = opendir(BAD_DIR);
    struct dirent *entry;
    size_t files = 0;

    assert_non_null(dir);
    while ((entry = readdir(dir)) != NULL) {
        size_t i;
        int listed = 0;

        if (!support_ends_with(entry->d_name, ".yaml")) {
            continue;
        }
        files++;
        for (i = 0; i < count; i++) {
            listed |= strcmp(rows[i].file, entry->d_name) == 0;
        }
        if (!listed) {
            fail_msg("%s is not in EXPECTED", entry->d_name);
        }
    }
    closedir(dir);
    assert_int_equal(files, count);
}

static void test_bad_files(void **state)
{
    static struct expected rows[64];
    size_t count = read_expected(rows, 64);
    size_t i;

    /* One file or more per error class. */
    assert_true(count >= 30);
    check_manifest_covers_folder(rows, count);
    for (i = 0; i < count; i++) {
        check_bad_file(*state, &rows[i]);
    }
}

/* A multi-byte character before the error: offset counts bytes. */
static void test_error_offset_in_bytes(void **state)
{
    static const char yaml[] = "profile:\n"
                               "  id: x\n"
                               "  title: Responsable \xc3\xa0 Montr\xc3\xa9"
                               "al\n"
                               "  targets: {CR.1: 9}\n";
    cf_profile *p = NULL;
    cf_error err;

    assert_int_equal(cf_profile_load_buffer(&p, *state, yaml, strlen(yaml),
                                            NULL, NULL, &err),
                     CF_EINVALID);
    assert_string_equal(err.source, "<buffer>");
    assert_string_equal(err.message,
                        "level 9 is not on scale 'proficiency' of element "
                        "'CR.1' " SUPPORT_SOLS_LEVELS);
    assert_int_equal(err.line, 4);
    assert_int_equal(err.column, 19);
    /* Two characters of two bytes come before it: the offset is in bytes. */
    assert_int_equal(err.offset, (size_t)(strchr(yaml, '9') - yaml));
}

/* ---- arguments and limits ------------------------------------------------ */

static void test_load_arguments(void **state)
{
    cf_framework *fw = *state;
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    cf_profile *p = (cf_profile *)fw;
    cf_error err;

    assert_int_equal(cf_profile_load_buffer(&p, NULL, "", 0, NULL, NULL, &err),
                     CF_EARG);
    assert_null(p);
    assert_int_equal(cf_profile_load_buffer(NULL, fw, "", 0, NULL, NULL, &err),
                     CF_EARG);
    assert_int_equal(cf_profile_load_buffer(&p, fw, NULL, 3, NULL, NULL, &err),
                     CF_EARG);
    /* No data at all: an empty document. */
    assert_int_equal(cf_profile_load_buffer(&p, fw, NULL, 0, NULL, NULL, &err),
                     CF_EINVALID);
    assert_string_equal(
        err.message,
        "empty document: expected a mapping with the key 'profile'");
    assert_int_equal(cf_profile_load_file(&p, fw, NULL, NULL, &err), CF_EARG);
    assert_int_equal(cf_profile_load_file(&p, NULL, "x.yaml", NULL, &err),
                     CF_EARG);
    assert_int_equal(cf_profile_load_file(
                         &p, fw, PROFILES_DIR "/no-such-file.yaml", NULL, &err),
                     CF_EIO);
    assert_null(p);
    opts.version = 7;
    assert_int_equal(
        cf_profile_load_buffer(&p, fw, "", 0, "v.yaml", &opts, &err), CF_EARG);
    assert_string_equal(err.source, "v.yaml");
    opts.version = CF_LOAD_OPTIONS_VERSION;
    opts.max_input_bytes = 10;
    assert_int_equal(
        cf_profile_load_file(&p, fw, PROFILES_DIR "/minimal.yaml", &opts, &err),
        CF_ELIMIT);
    assert_int_equal(
        cf_profile_load_buffer(&p, fw, "profile: {}\n", 12, NULL, &opts, &err),
        CF_ELIMIT);
    assert_null(p);
    /* No cf_error: the codes alone. */
    assert_int_equal(cf_profile_load_buffer(&p, fw, "x", 1, NULL, NULL, NULL),
                     CF_EINVALID);
}

/* ---- profiles made in code ------------------------------------------------
 */

static cf_profile *new_profile(cf_framework *fw)
{
    cf_profile *p = NULL;
    cf_error err;

    assert_int_equal(
        cf_profile_new(&p, fw, "branch-manager", "Branch Manager", NULL, &err),
        CF_OK);
    return p;
}

static void test_new_and_add(void **state)
{
    cf_framework *fw = *state;
    cf_profile *p = new_profile(fw);
    cf_error err;

    assert_string_equal(cf_profile_id(p), "branch-manager");
    assert_string_equal(cf_profile_title(p), "Branch Manager");
    assert_null(cf_profile_description(p));
    assert_int_equal(cf_profile_target_count(p), 0);
    assert_int_equal(cf_extensions_count(cf_profile_extensions(p)), 0);
    assert_int_equal(cf_profile_add_target(p, "CR.4", 4, 2, 7, &err), CF_OK);
    assert_int_equal(cf_profile_add_target(p, "CR.1.1", 1, 0.5, 0, &err),
                     CF_OK);
    assert_int_equal(cf_profile_target_count(p), 2);
    assert_ptr_equal(cf_profile_target_element(p, 0),
                     cf_framework_find(fw, "CR.4"));
    assert_exact(cf_profile_target_level(p, 0), 4);
    assert_exact(cf_profile_target_importance(p, 0), 2);
    /* Any non-zero critical is stored as 1. */
    assert_int_equal(cf_profile_target_critical(p, 0), 1);
    assert_exact(cf_profile_target_importance(p, 1), 0.5);
    assert_int_equal(cf_profile_target_critical(p, 1), 0);
    /* Past the end: NULL and 0. */
    assert_null(cf_profile_target_element(p, 2));
    assert_exact(cf_profile_target_level(p, 2), 0);
    assert_exact(cf_profile_target_importance(p, 2), 0);
    assert_int_equal(cf_profile_target_critical(p, 2), 0);
    cf_profile_free(p);
}

/* Fails to add a target with the message given; the profile stays as it
 * was (one target). */
static void add_fails(cf_profile *p, const char *id, double level,
                      double importance, int code, const char *message)
{
    cf_error err;

    memset(&err, 0, sizeof err);
    assert_int_equal(cf_profile_add_target(p, id, level, importance, 0, &err),
                     code);
    assert_int_equal(err.code, code);
    assert_string_equal(err.message, message);
    assert_int_equal(err.line, 0);
    assert_int_equal(cf_profile_target_count(p), 1);
}

static void test_add_target_errors(void **state)
{
    cf_framework *fw = *state;
    cf_profile *p = new_profile(fw);
    cf_error err;

    assert_int_equal(cf_profile_add_target(p, "CR.1", 3, 1, 0, &err), CF_OK);
    add_fails(p, "CR.9", 3, 1, CF_EINVALID,
              "unknown element id 'CR.9' in framework "
              "'sols-community-relations' (did you mean 'CR.1'?)");
    add_fails(p, "CR.1", 2, 1, CF_EINVALID, "target 'CR.1' is given twice");
    add_fails(p, "CR.2", 5, 1, CF_EINVALID,
              "level 5 is not on scale 'proficiency' of element "
              "'CR.2' " SUPPORT_SOLS_LEVELS);
    add_fails(p, "CR.2", 2.5, 1, CF_EINVALID,
              "level 2.5 is not on scale 'proficiency' of element "
              "'CR.2' " SUPPORT_SOLS_LEVELS);
    add_fails(p, "CR.2", NAN, 1, CF_EINVALID,
              "level nan is not on scale 'proficiency' of element "
              "'CR.2' " SUPPORT_SOLS_LEVELS);
    add_fails(p, "CR.2", 3, 0, CF_EINVALID,
              "importance must be a positive finite number, found 0 for "
              "target 'CR.2'");
    add_fails(p, "CR.2", 3, -1, CF_EINVALID,
              "importance must be a positive finite number, found -1 for "
              "target 'CR.2'");
    add_fails(p, "CR.2", 3, INFINITY, CF_EINVALID,
              "importance must be a positive finite number, found inf for "
              "target 'CR.2'");
    add_fails(p, "CR.2", 3, NAN, CF_EINVALID,
              "importance must be a positive finite number, found nan for "
              "target 'CR.2'");
    add_fails(p, NULL, 3, 1, CF_EARG,
              "the profile and the element id must not be NULL");
    assert_int_equal(cf_profile_add_target(NULL, "CR.1", 3, 1, 0, NULL),
                     CF_EARG);
    cf_profile_free(p);
}

static void test_new_errors(void **state)
{
    cf_framework *fw = *state;
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    cf_profile *p = (cf_profile *)fw;
    cf_error err;

    assert_int_equal(cf_profile_new(&p, fw, NULL, NULL, NULL, &err), CF_EARG);
    assert_null(p);
    assert_int_equal(cf_profile_new(&p, NULL, "x", NULL, NULL, &err), CF_EARG);
    assert_int_equal(cf_profile_new(NULL, fw, "x", NULL, NULL, &err), CF_EARG);
    assert_int_equal(cf_profile_new(&p, fw, "branch manager", NULL, NULL, &err),
                     CF_EINVALID);
    assert_string_equal(err.message,
                        "malformed profile id 'branch manager': an id starts "
                        "with a letter or digit, followed by letters, digits, "
                        "'.', '_', ':' or '-'");
    assert_int_equal(cf_profile_new(&p, fw, "", NULL, NULL, &err), CF_EINVALID);
    opts.version = 0;
    assert_int_equal(cf_profile_new(&p, fw, "x", NULL, &opts, &err), CF_EARG);
    assert_null(p);
}

static void test_references(void **state)
{
    static const char yaml[] = "framework:\n"
                               "  id: small\n"
                               "  title: Small\n"
                               "  scales:\n"
                               "    - id: s\n"
                               "      levels: [{value: 1, label: One}]\n"
                               "      proficient: 1\n"
                               "  elements:\n"
                               "    - {id: A, title: Only}\n";
    cf_framework *fw = support_load(yaml);
    cf_profile *p = NULL;
    cf_error err;

    (void)state;
    assert_int_equal(cf_profile_new(&p, fw, "p", NULL, NULL, &err), CF_OK);
    assert_int_equal(cf_profile_add_target(p, "A", 1, 1, 0, &err), CF_OK);
    /* The profile keeps the framework alive after its last other ref. */
    cf_framework_free(fw);
    assert_string_equal(cf_framework_id(cf_profile_framework(p)), "small");
    assert_string_equal(cf_element_title(cf_profile_target_element(p, 0)),
                        "Only");
    assert_ptr_equal(cf_profile_ref(p), p);
    cf_profile_free(p);
    assert_int_equal(cf_profile_target_count(p), 1);
    cf_profile_free(p);
    cf_profile_free(NULL);
    assert_null(cf_profile_ref(NULL));
}

/* ---- allocation failures ------------------------------------------------- */

/* A profile text to load from a buffer against the framework fw. */
struct profile_text {
    cf_framework *fw;
    const char *yaml;
};

static int run_profile_load(void *ctx, const cf_load_options *opts, void **out,
                            cf_error *err)
{
    const struct profile_text *in = ctx;
    cf_profile *p = *out;
    int rc = cf_profile_load_buffer(&p, in->fw, in->yaml, strlen(in->yaml),
                                    "alloc.yaml", opts, err);

    *out = p;
    return rc;
}

static void check_loaded_branch_manager(void *ctx, void *p)
{
    const struct profile_text *in = ctx;

    check_branch_manager(in->fw, p);
    cf_profile_free(p);
}

/*
 * Counts the allocator calls of one load, then fails each call in turn,
 * alone and with every later one: the load gives CF_ENOMEM with nothing
 * handed back, or ok_code, and no block stays alive.
 */
static void fail_each_allocation(cf_framework *fw, const char *yaml,
                                 int ok_code)
{
    struct profile_text in = {fw, yaml};
    struct support_counter c;
    struct support_alloc_case t = {.name = "cf_profile_load_buffer",
                                   .run = run_profile_load,
                                   .done = check_loaded_branch_manager,
                                   .ctx = &in,
                                   .ok_code = ok_code};

    support_counter_init(&c);
    assert_true(support_fail_each_allocation(&c, &t) > 3);
    assert_int_equal(c.live_blocks, 0);
}

static void test_load_allocation_failures(void **state)
{
    size_t len;
    char *yaml = support_read_file(PROFILES_DIR "/branch-manager.yaml", &len);

    fail_each_allocation(*state, yaml, CF_OK);
    free(yaml);
}

static void test_invalid_load_allocation_failures(void **state)
{
    size_t len;
    char *yaml = support_read_file(BAD_DIR "/target-twice.yaml", &len);

    fail_each_allocation(*state, yaml, CF_EINVALID);
    free(yaml);
}

/* cf_profile_new and cf_profile_add_target with each call failed. */
static void test_new_allocation_failures(void **state)
{
    cf_framework *fw = *state;
    struct support_counter c;
    cf_load_options opts;
    size_t i;
    int done = 0;

    support_counter_init(&c);
    opts = support_counter_options(&c);
    for (i = 0; !done; i++) {
        cf_profile *p = NULL;
        cf_error err;
        int rc;
        size_t k;

        support_counter_arm(&c, SUPPORT_FAIL_ONE, i);
        rc = cf_profile_new(&p, fw, "p", "Title", &opts, &err);
        if (rc == CF_ENOMEM) {
            assert_null(p);
            assert_int_equal(c.live_blocks, 0);
            continue;
        }
        assert_int_equal(rc, CF_OK);
        /* 20 targets: the array grows past its first size. */
        for (k = 0; k < 20; k++) {
            const cf_element *el = cf_framework_element(fw, k);

            rc = cf_profile_add_target(p, cf_element_id(el), 2, 1, 0, &err);
            if (rc == CF_ENOMEM) {
                /* Unchanged: k targets. */
                assert_int_equal(cf_profile_target_count(p), k);
                break;
            }
            assert_int_equal(rc, CF_OK);
        }
        done = c.failed == 0;
        cf_profile_free(p);
        assert_int_equal(c.live_blocks, 0);
    }
    assert_true(i > 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_file),
        cmocka_unit_test(test_load_buffer),
        cmocka_unit_test(test_minimal_profile),
        cmocka_unit_test(test_critical_spellings),
        cmocka_unit_test(test_levels_by_label_and_value),
        cmocka_unit_test(test_framework_key_matches),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_error_offset_in_bytes),
        cmocka_unit_test(test_load_arguments),
        cmocka_unit_test(test_new_and_add),
        cmocka_unit_test(test_add_target_errors),
        cmocka_unit_test(test_new_errors),
        cmocka_unit_test(test_references),
        cmocka_unit_test(test_load_allocation_failures),
        cmocka_unit_test(test_invalid_load_allocation_failures),
        cmocka_unit_test(test_new_allocation_failures),
    };

    return cmocka_run_group_tests(tests, support_setup_sols,
                                  support_teardown_sols);
}
