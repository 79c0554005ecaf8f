/*
 * Invalid frameworks: every file in tests/data/bad must fail to load with
 * the code, position and message that tests/data/bad/EXPECTED gives for
 * it, both from the file and from a buffer. Inputs too large to commit
 * (deep trees, a 10 MB line) are generated here. Public API only.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "competency.h"
#include "support.h"

#define BAD_DIR CF_TEST_DATA_DIR "/bad"
/* The manifest must cover at least this many files (one per error class). */
#define MIN_BAD_FILES 25
#define MAX_BAD_FILES 256

struct expected {
    char file[128];
    int code;
    size_t line;
    size_t column;
    char message[CF_ERROR_MESSAGE_MAX];
};

struct manifest {
    size_t count;
    struct expected rows[MAX_BAD_FILES];
};

static int code_from_name(const char *name)
{
    static const struct {
        const char *name;
        int code;
    } codes[] = {
        {"CF_ENOMEM", CF_ENOMEM},   {"CF_EIO", CF_EIO},
        {"CF_ESYNTAX", CF_ESYNTAX}, {"CF_EINVALID", CF_EINVALID},
        {"CF_ELIMIT", CF_ELIMIT},   {"CF_EARG", CF_EARG},
    };
    size_t i;

    for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        if (strcmp(codes[i].name, name) == 0) {
            return codes[i].code;
        }
    }
    fail_msg("EXPECTED: unknown code name '%s'", name);
    return CF_OK;
}

/* Copies the field that starts at *p and ends at a TAB or the end. */
static void take_field(char *out, size_t size, char **p, int last)
{
    char *end = last ? *p + strlen(*p) : strchr(*p, '\t');
    size_t len;

    if (end == NULL) {
        fail_msg("EXPECTED: too few TAB-separated fields near '%s'", *p);
    }
    len = (size_t)(end - *p);
    assert_true(len < size);
    memcpy(out, *p, len);
    out[len] = '\0';
    *p = last ? end : end + 1;
}

/* Reads tests/data/bad/EXPECTED: file, code, line, column, message. */
static void read_manifest(struct manifest *m)
{
    size_t len;
    char *text = support_read_file(BAD_DIR "/EXPECTED", &len);
    char *line = text;

    m->count = 0;
    while (*line != '\0') {
        char *eol = strchr(line, '\n');
        char field[32];
        struct expected *row;
        char *p = line;

        if (eol != NULL) {
            *eol = '\0';
        }
        if (*line != '\0' && *line != '#') {
            assert_true(m->count < MAX_BAD_FILES);
            row = &m->rows[m->count++];
            take_field(row->file, sizeof row->file, &p, 0);
            take_field(field, sizeof field, &p, 0);
            row->code = code_from_name(field);
            take_field(field, sizeof field, &p, 0);
            row->line = strtoul(field, NULL, 10);
            take_field(field, sizeof field, &p, 0);
            row->column = strtoul(field, NULL, 10);
            take_field(row->message, sizeof row->message, &p, 1);
            assert_true(row->message[0] != '\0');
        }
        if (eol == NULL) {
            break;
        }
        line = eol + 1;
    }
    free(text);
}

static int manifest_setup(void **state)
{
    struct manifest *m = malloc(sizeof *m);

    if (m == NULL) {
        return -1;
    }
    read_manifest(m);
    *state = m;
    return 0;
}

static int manifest_teardown(void **state)
{
    free(*state);
    return 0;
}

/*
 * The line and column (1-based, counting characters as libyaml does: a
 * UTF-8 sequence is one, CR LF is one break) of a byte offset.
 */
static void position_of(const char *data, size_t len, size_t offset,
                        size_t *line, size_t *column)
{
    size_t i;

    *line = 1;
    *column = 1;
    for (i = 0; i < offset && i < len; i++) {
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
 * Compares one failed load against its row; prints every difference and
 * returns how many there were.
 */
static int check_error(const struct expected *row, const char *how, int rc,
                       const cf_framework *fw, const cf_error *err,
                       const char *data, size_t len)
{
    int bad = 0;

    if (rc != row->code || err->code != row->code) {
        print_message("%s (%s): code %d (%s), err.code %d, expected %d (%s)\n",
                      row->file, how, rc, cf_strerror(rc), err->code, row->code,
                      cf_strerror(row->code));
        bad++;
    }
    if (fw != NULL) {
        print_message("%s (%s): *out is not NULL after a failure\n", row->file,
                      how);
        bad++;
    }
    if (err->line != row->line || err->column != row->column) {
        print_message("%s (%s): at %zu:%zu, expected %zu:%zu\n", row->file, how,
                      err->line, err->column, row->line, row->column);
        bad++;
    }
    if (strstr(err->message, row->message) == NULL) {
        print_message("%s (%s): message '%s' lacks '%s'\n", row->file, how,
                      err->message, row->message);
        bad++;
    }
    if (err->line > 0) {
        size_t line;
        size_t column;

        position_of(data, len, err->offset, &line, &column);
        if (err->offset > len || line != err->line || column != err->column) {
            print_message("%s (%s): byte offset %zu is %zu:%zu, not the "
                          "reported %zu:%zu\n",
                          row->file, how, err->offset, line, column, err->line,
                          err->column);
            bad++;
        }
    }
    return bad;
}

static void test_manifest_covers_every_file(void **state)
{
    const struct manifest *m = *state;
    DIR *dir = opendir(BAD_DIR);
    struct dirent *entry;
    size_t files = 0;
    size_t i;
    size_t j;

    assert_non_null(dir);
    while ((entry = readdir(dir)) != NULL) {
        int listed = 0;

        if (!support_ends_with(entry->d_name, ".yaml")) {
            continue;
        }
        files++;
        for (i = 0; i < m->count; i++) {
            listed |= strcmp(m->rows[i].file, entry->d_name) == 0;
        }
        if (!listed) {
            closedir(dir);
            fail_msg("%s is not in EXPECTED", entry->d_name);
        }
    }
    closedir(dir);
    /* One row per file, no file twice. */
    assert_int_equal(files, m->count);
    for (i = 0; i < m->count; i++) {
        for (j = 0; j < i; j++) {
            assert_string_not_equal(m->rows[i].file, m->rows[j].file);
        }
    }
    assert_true(m->count >= MIN_BAD_FILES);
}

/* A file of the manifest, its bytes, and what loading it from its path gave. */
struct loaded {
    const struct expected *row;
    const char *data;
    size_t len;
    int rc;
    cf_framework *fw; /* NULL unless the load succeeded */
    cf_error err;
};

/*
 * Loads every file of the manifest from its path and hands it to check,
 * which prints each difference from the manifest and returns how many
 * there were; fails the test if there were any.
 */
static void check_every_file(const struct manifest *m,
                             int (*check)(const struct loaded *in))
{
    int bad = 0;
    size_t i;

    for (i = 0; i < m->count; i++) {
        char *path = support_path(BAD_DIR, m->rows[i].file);
        struct loaded in;
        char *data;

        memset(&in, 0, sizeof in);
        in.row = &m->rows[i];
        data = support_read_file(path, &in.len);
        in.data = data;
        in.fw = (cf_framework *)(void *)path; /* non-NULL */
        in.rc = cf_framework_load_file(&in.fw, path, NULL, &in.err);
        bad += check(&in);
        if (in.rc == CF_OK) {
            cf_framework_free(in.fw);
        }
        free(data);
        free(path);
    }
    if (bad > 0) {
        fail_msg("%d differences from tests/data/bad/EXPECTED", bad);
    }
}

static int check_file(const struct loaded *in)
{
    const struct expected *row = in->row;
    char suffix[sizeof row->file + 1];
    int bad =
        check_error(row, "file", in->rc, in->fw, &in->err, in->data, in->len);

    snprintf(suffix, sizeof suffix, "/%s", row->file);
    if (!support_ends_with(in->err.source, suffix)) {
        print_message("%s: source '%s'\n", row->file, in->err.source);
        bad++;
    }
    /* The message names no source or position: the caller adds them. */
    if (strstr(in->err.message, row->file) != NULL) {
        print_message("%s: message repeats the file name: '%s'\n", row->file,
                      in->err.message);
        bad++;
    }
    return bad;
}

static int check_buffer(const struct loaded *in)
{
    const struct expected *row = in->row;
    cf_framework *fw = (cf_framework *)(void *)in; /* non-NULL */
    cf_error err;
    int bad;
    int rc;

    memset(&err, 0, sizeof err);
    rc = cf_framework_load_buffer(&fw, in->data, in->len, "named-source.yaml",
                                  NULL, &err);
    bad = check_error(row, "buffer", rc, fw, &err, in->data, in->len);
    if (rc == CF_OK) {
        cf_framework_free(fw);
    }
    if (strcmp(err.source, "named-source.yaml") != 0) {
        print_message("%s (buffer): source '%s'\n", row->file, err.source);
        bad++;
    }
    if (strcmp(in->err.message, err.message) != 0 ||
        in->err.offset != err.offset) {
        print_message("%s: file and buffer differ: '%s' at %zu, '%s' at "
                      "%zu\n",
                      row->file, in->err.message, in->err.offset, err.message,
                      err.offset);
        bad++;
    }
    return bad;
}

static void test_bad_files(void **state)
{
    check_every_file(*state, check_file);
}

/* The same inputs from a buffer give the same error, with the given name. */
static void test_bad_buffers(void **state)
{
    check_every_file(*state, check_buffer);
}

/* ---- generated inputs ------------------------------------------------- */

/*
 * A framework whose one root E0 has a chain of descendants E1, E2, ... down
 * to depth `deepest`, in block style. Element d's "- id: Ed" line is line
 * 9 + 3d, its "id" key at column 4d + 7 (indented 4 + 4d, then "- ").
 */
static char *deep_framework(size_t deepest)
{
    static const char head[] = "framework:\n"
                               "  id: deep\n"
                               "  title: Deep\n"
                               "  scales:\n"
                               "    - id: s\n"
                               "      levels: [{value: 1, label: L}]\n"
                               "      proficient: 1\n"
                               "  elements:\n";
    /* Per element at most 3 lines of indent + 40 bytes of text. */
    size_t cap = sizeof head + (deepest + 1) * 3 * (4 + 4 * deepest + 40);
    char *text = malloc(cap);
    size_t len = sizeof head - 1;
    size_t d;

    assert_non_null(text);
    memcpy(text, head, len);
    for (d = 0; d <= deepest; d++) {
        int indent = (int)(4 + 4 * d);
        int n =
            snprintf(text + len, cap - len, "%*s- id: E%zu\n%*s  title: t\n",
                     indent, "", d, indent, "");

        assert_true(n > 0 && (size_t)n < cap - len);
        len += (size_t)n;
        if (d < deepest) {
            n = snprintf(text + len, cap - len, "%*s  children:\n", indent, "");
            assert_true(n > 0 && (size_t)n < cap - len);
            len += (size_t)n;
        }
    }
    return text;
}

static void test_depth_limit(void **state)
{
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    cf_framework *fw = NULL;
    cf_error err;
    char *text;

    (void)state;
    /*
     * CF_DEFAULT_MAX_DEPTH 32 is the number of levels: depths 0 to 31.
     * The deepest, E31, is 4 + 2 * 31 = 66 collections deep (the root
     * mapping, the framework mapping, elements, then a mapping and a
     * children sequence per level), well within max_nesting 128.
     */
    text = deep_framework(31);
    fw = support_load(text);
    assert_int_equal(cf_framework_element_count(fw), 32);
    assert_int_equal(cf_element_depth(cf_framework_find(fw, "E31")), 31);
    cf_framework_free(fw);
    free(text);

    /* 33 levels (depth 32) are one more than the 32 allowed. */
    text = deep_framework(32);
    support_load_fails(text, NULL, CF_ELIMIT, &err);
    assert_non_null(strstr(err.message, "too deep"));
    assert_non_null(strstr(err.message, "max_depth"));
    /* At E32's mapping: line 9 + 3 * 32 = 105, column 4 * 32 + 7 = 135. */
    assert_int_equal(err.line, 105);
    assert_int_equal(err.column, 135);
    free(text);

    /*
     * With max_depth raised to 100, max_nesting 128 applies: depth 62 is
     * 4 + 2 * 62 = 128 collections deep and fits; at depth 63, E62's
     * children sequence would be the 129th.
     */
    opts.max_depth = 100;
    text = deep_framework(62);
    cf_framework_free(support_load_opts(text, &opts));
    free(text);
    text = deep_framework(63);
    support_load_fails(text, &opts, CF_ELIMIT, &err);
    assert_non_null(strstr(err.message, "max_nesting"));
    /* That sequence starts at E63's "-": line 9 + 3 * 63 = 198, column
     * 4 * 63 + 5 = 257. */
    assert_int_equal(err.line, 198);
    assert_int_equal(err.column, 257);
    free(text);
}

/* 10 MiB, ten times CF_DEFAULT_MAX_STRING_BYTES. */
#define HUGE_BYTES (10u * 1024 * 1024)

/* Writes prefix, HUGE_BYTES of 'x', suffix to a file under the tmp dir. */
static char *write_huge_line(const char *name, const char *prefix,
                             const char *suffix)
{
    char *path = support_path(CF_TEST_TMP_DIR, name);
    size_t plen = strlen(prefix);
    size_t slen = strlen(suffix);
    char *text = malloc(plen + HUGE_BYTES + slen);

    assert_non_null(text);
    memcpy(text, prefix, plen);
    memset(text + plen, 'x', HUGE_BYTES);
    memcpy(text + plen + HUGE_BYTES, suffix, slen);
    support_write_file(path, text, plen + HUGE_BYTES + slen);
    free(text);
    return path;
}

static void test_ten_megabyte_line(void **state)
{
    static const char prefix[] = "framework: {id: x, title: ";
    char *path = write_huge_line("ten-megabyte-title.yaml", prefix, "}\n");
    cf_framework *fw = NULL;
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    cf_error err;
    int rc;

    (void)state;
    memset(&err, 0, sizeof err);
    rc = cf_framework_load_file(&fw, path, NULL, &err);
    assert_int_equal(rc, CF_ELIMIT);
    assert_null(fw);
    assert_int_equal(err.code, CF_ELIMIT);
    /* At the title's first byte: line 1, just after the 26-byte prefix. */
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, sizeof prefix);
    assert_int_equal(err.offset, sizeof prefix - 1);
    assert_true(support_ends_with(err.source, "ten-megabyte-title.yaml"));

    /* Over max_input_bytes, the file is refused before it is parsed. */
    opts.max_input_bytes = CF_DEFAULT_MAX_STRING_BYTES;
    rc = cf_framework_load_file(&fw, path, &opts, &err);
    assert_int_equal(rc, CF_ELIMIT);
    assert_null(fw);
    assert_int_equal(err.line, 0);
    remove(path);
    free(path);

    /* A 10 MB plain line with no colon is one scalar, over the limit too. */
    path = write_huge_line("ten-megabyte-scalar.yaml", "", "\n");
    rc = cf_framework_load_file(&fw, path, NULL, &err);
    assert_int_equal(rc, CF_ELIMIT);
    assert_null(fw);
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, 1);
    remove(path);
    free(path);
}

int main(void)
{
    const struct CMUnitTest manifest_tests[] = {
        cmocka_unit_test(test_manifest_covers_every_file),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_bad_buffers),
    };
    const struct CMUnitTest generated_tests[] = {
        cmocka_unit_test(test_depth_limit),
        cmocka_unit_test(test_ten_megabyte_line),
    };
    int failed = 0;

    failed += cmocka_run_group_tests_name("manifest", manifest_tests,
                                          manifest_setup, manifest_teardown);
    failed +=
        cmocka_run_group_tests_name("generated", generated_tests, NULL, NULL);
    return failed;
}
