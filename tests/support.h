/*
 * Helpers shared by the cmocka tests. Each tests/test_*.c is built on its
 * own, so everything here is static inline (unused ones cost nothing).
 * Include after cmocka.h and its prerequisites.
 */
#ifndef CF_TEST_SUPPORT_H
#define CF_TEST_SUPPORT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "competency.h"

#ifndef CF_TEST_DATA_DIR
#error "CF_TEST_DATA_DIR must name the repository's tests/data folder"
#endif
#ifndef CF_FRAMEWORKS_DIR
#error "CF_FRAMEWORKS_DIR must name the repository's frameworks folder"
#endif
#ifndef CF_TEST_TMP_DIR
#error "CF_TEST_TMP_DIR must name a writable folder in the build tree"
#endif

/* Returns "dir/name" in memory from malloc; the caller frees it. */
static inline char *support_path(const char *dir, const char *name)
{
    size_t dlen = strlen(dir);
    size_t nlen = strlen(name);
    char *path = malloc(dlen + 1 + nlen + 1);

    assert_non_null(path);
    memcpy(path, dir, dlen);
    path[dlen] = '/';
    memcpy(path + dlen + 1, name, nlen + 1);
    return path;
}

/*
 * Reads the whole file at path into memory from malloc, with a NUL after
 * the last byte (not counted in *len). Fails the test when it cannot.
 */
static inline char *support_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    size_t used = 0;
    size_t cap = 0;
    size_t got;

    if (f == NULL) {
        fail_msg("cannot open %s", path);
    }
    do {
        if (cap - used < 4096) {
            char *grown;

            cap = cap == 0 ? 65536 : cap * 2;
            grown = realloc(data, cap + 1);
            assert_non_null(grown);
            data = grown;
        }
        got = fread(data + used, 1, cap - used, f);
        used += got;
    } while (got > 0);
    assert_int_equal(ferror(f), 0);
    fclose(f);
    data[used] = '\0';
    *len = used;
    return data;
}

/* Writes len bytes to the file at path, replacing it. */
static inline void support_write_file(const char *path, const char *data,
                                      size_t len)
{
    FILE *f = fopen(path, "wb");

    if (f == NULL) {
        fail_msg("cannot create %s", path);
    }
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static inline int support_ends_with(const char *s, const char *suffix)
{
    size_t slen = strlen(s);
    size_t xlen = strlen(suffix);

    return slen >= xlen && strcmp(s + slen - xlen, suffix) == 0;
}

/*
 * Loads a NUL-terminated YAML text with the given options (NULL for the
 * defaults) and fails the test, showing the loader's error, unless the
 * load succeeds.
 */
static inline cf_framework *support_load_opts(const char *yaml,
                                              const cf_load_options *opts)
{
    cf_framework *fw = NULL;
    cf_error err;
    int rc;

    memset(&err, 0, sizeof err);
    rc = cf_framework_load_buffer(&fw, yaml, strlen(yaml), "inline.yaml", opts,
                                  &err);
    if (rc != CF_OK) {
        fail_msg("load failed with %d (%s): %s:%zu:%zu: %s", rc,
                 cf_strerror(rc), err.source, err.line, err.column,
                 err.message);
    }
    assert_non_null(fw);
    return fw;
}

static inline cf_framework *support_load(const char *yaml)
{
    return support_load_opts(yaml, NULL);
}

/*
 * Loads a NUL-terminated YAML text expected to fail with code; fills *err
 * and checks that no framework comes back.
 */
static inline void support_load_fails(const char *yaml,
                                      const cf_load_options *opts, int code,
                                      cf_error *err)
{
    cf_framework *fw = (cf_framework *)err; /* any non-NULL value */
    int rc;

    memset(err, 0, sizeof *err);
    rc = cf_framework_load_buffer(&fw, yaml, strlen(yaml), "inline.yaml", opts,
                                  err);
    if (rc != code) {
        cf_framework_free(rc == CF_OK ? fw : NULL);
        fail_msg("expected %d (%s), got %d (%s): %s:%zu:%zu: %s", code,
                 cf_strerror(code), rc, cf_strerror(rc), err->source, err->line,
                 err->column, err->message);
    }
    assert_null(fw);
    assert_int_equal(err->code, code);
    assert_true(err->message[0] != '\0');
}

/* Fails the test, naming what failed, unless rc is CF_OK. */
static inline void support_fail_on(int rc, const cf_error *err,
                                   const char *what)
{
    if (rc != CF_OK) {
        fail_msg("%s failed with %d (%s): %s", what, rc, cf_strerror(rc),
                 err->message);
    }
}

/*
 * Checks a call expected to fail with code: it returned rc, handed back
 * out (which must be NULL) and filled *err with the code and a message.
 */
static inline void support_check_fails(int rc, int code, const void *out,
                                       const cf_error *err)
{
    if (rc != code) {
        fail_msg("expected %d (%s), got %d (%s): %s", code, cf_strerror(code),
                 rc, cf_strerror(rc), err->message);
    }
    assert_null(out);
    assert_int_equal(err->code, code);
    assert_true(err->message[0] != '\0');
}

/* ---- the SOLS framework (frameworks/sols-community-relations.yaml) ---- */

/* How an error message lists the levels of its scale. */
#define SUPPORT_SOLS_LEVELS                                                    \
    "(its levels: 1 Beginning, 2 Developing, 3 Proficient, 4 Advanced)"

/* Loads the SOLS framework; fails the test when it cannot. */
static inline cf_framework *support_load_sols(void)
{
    char *path =
        support_path(CF_FRAMEWORKS_DIR, "sols-community-relations.yaml");
    cf_framework *fw = NULL;
    cf_error err;

    memset(&err, 0, sizeof err);
    if (cf_framework_load_file(&fw, path, NULL, &err) != CF_OK) {
        fail_msg("cannot load %s: %s:%zu:%zu: %s", path, err.source, err.line,
                 err.column, err.message);
    }
    free(path);
    return fw;
}

/* cmocka setup and teardown for tests whose *state is the SOLS framework. */
static inline int support_setup_sols(void **state)
{
    *state = support_load_sols();
    return 0;
}

static inline int support_teardown_sols(void **state)
{
    cf_framework_free(*state);
    return 0;
}

/* ---- YAML for inline frameworks ----------------------------------------- */

/*
 * The levels of a scale, to follow its "    - id: ..." line in `scales`:
 * 1 Beginning, 2 Developing, 3 Proficient (proficient), 4 Advanced. A
 * level v normalises to (v - 1) / 3.
 */
#define SUPPORT_YAML_LEVELS_1_TO_4                                             \
    "      levels:\n"                                                          \
    "        - {value: 1, label: Beginning}\n"                                 \
    "        - {value: 2, label: Developing}\n"                                \
    "        - {value: 3, label: Proficient}\n"                                \
    "        - {value: 4, label: Advanced}\n"                                  \
    "      proficient: 3\n"

/*
 * The same for 0 None, 1 Beginning, 2 Developing, 3 Proficient
 * (proficient), 4 Expert. A level v normalises to v / 4.
 */
#define SUPPORT_YAML_LEVELS_0_TO_4                                             \
    "      levels:\n"                                                          \
    "        - {value: 0, label: None}\n"                                      \
    "        - {value: 1, label: Beginning}\n"                                 \
    "        - {value: 2, label: Developing}\n"                                \
    "        - {value: 3, label: Proficient}\n"                                \
    "        - {value: 4, label: Expert}\n"                                    \
    "      proficient: 3\n"

#endif /* CF_TEST_SUPPORT_H */
