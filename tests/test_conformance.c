/*
 * The YAML test suite as hostile input: every in.yaml under
 * tests/data/yaml-test-suite (the inputs of the official suite, see its
 * README.md) is loaded as a framework, as assessments of the SOLS
 * framework (YAML) and as a profile of it. None of them is a valid
 * document of ours, so each load must end in a clean error: a failing
 * code, a message, a line and a column; a document that does load must
 * be a usable object. The counts are printed. Public API only.
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
#include <sys/stat.h>

#include "competency.h"
#include "support.h"

#define SUITE_DIR CF_TEST_DATA_DIR "/yaml-test-suite"
/* The data release copied holds 402 inputs; fewer means a broken copy. */
#define MIN_SUITE_FILES 400

/* The codes a load may end with, CF_OK first. */
static const int codes[] = {CF_OK,       CF_ENOMEM, CF_EIO, CF_ESYNTAX,
                            CF_EINVALID, CF_ELIMIT, CF_EARG};
#define CODE_COUNT (sizeof codes / sizeof codes[0])

struct file_list {
    char **paths;
    size_t count, cap;
};

struct tally {
    const char *what;
    size_t runs;
    size_t by_code[CODE_COUNT];
};

static void add_path(struct file_list *list, char *path)
{
    if (list->count == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 512;
        char **grown = realloc(list->paths, cap * sizeof *grown);

        assert_non_null(grown);
        list->paths = grown;
        list->cap = cap;
    }
    list->paths[list->count++] = path;
}

/* Every in.yaml below dir, whatever the depth. */
static void collect(struct file_list *list, const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *entry;

    if (d == NULL) {
        fail_msg("cannot open %s", dir);
    }
    while ((entry = readdir(d)) != NULL) {
        struct stat st;
        char *path;

        if (entry->d_name[0] == '.') {
            continue;
        }
        path = support_path(dir, entry->d_name);
        assert_int_equal(stat(path, &st), 0);
        if (S_ISDIR(st.st_mode)) {
            collect(list, path);
            free(path);
        } else if (strcmp(entry->d_name, "in.yaml") == 0) {
            add_path(list, path);
        } else {
            free(path);
        }
    }
    closedir(d);
}

static int compare_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void count_code(struct tally *t, int rc)
{
    size_t i;

    for (i = 0; i < CODE_COUNT; i++) {
        if (codes[i] == rc) {
            t->by_code[i]++;
            t->runs++;
            return;
        }
    }
    fail_msg("%s: unknown return code %d", t->what, rc);
}

/* A failed load: the error must be complete and nothing handed back. */
static void check_error(const char *path, int rc, const void *out,
                        const cf_error *err)
{
    if (out != NULL) {
        fail_msg("%s: failed with %d but handed back an object", path, rc);
    }
    if (err->code != rc || err->message[0] == '\0' || err->line == 0 ||
        err->column == 0) {
        fail_msg("%s: code %d, error {code %d, line %zu, column %zu, '%s'}: "
                 "expected the code, a message, a line and a column",
                 path, rc, err->code, err->line, err->column, err->message);
    }
    if (err->source[0] == '\0') {
        fail_msg("%s: the error names no source", path);
    }
}

static void print_tally(const struct tally *t)
{
    size_t i;

    print_message("%-12s %zu runs:", t->what, t->runs);
    for (i = 0; i < CODE_COUNT; i++) {
        if (t->by_code[i]) {
            print_message(" %s %zu",
                          codes[i] == CF_OK ? "ok" : cf_strerror(codes[i]),
                          t->by_code[i]);
        }
    }
    print_message("\n");
}

static void test_suite(void **state)
{
    cf_framework *sols = *state;
    struct file_list list = {NULL, 0, 0};
    struct tally frameworks = {"framework", 0, {0}};
    struct tally assessments = {"assessments", 0, {0}};
    struct tally profiles = {"profile", 0, {0}};
    size_t i;

    collect(&list, SUITE_DIR);
    qsort(list.paths, list.count, sizeof *list.paths, compare_paths);
    assert_true(list.count >= MIN_SUITE_FILES);

    for (i = 0; i < list.count; i++) {
        const char *path = list.paths[i];
        cf_framework *fw = NULL;
        cf_assessment_list *al = NULL;
        cf_profile *p = NULL;
        cf_error err;
        int rc;

        memset(&err, 0, sizeof err);
        rc = cf_framework_load_file(&fw, path, NULL, &err);
        count_code(&frameworks, rc);
        if (rc == CF_OK) {
            fail_msg("%s loads as a framework", path);
        }
        check_error(path, rc, fw, &err);

        memset(&err, 0, sizeof err);
        rc = cf_assessment_list_load_file(&al, sols, path, CF_FORMAT_YAML, NULL,
                                          &err);
        count_code(&assessments, rc);
        if (rc == CF_OK) {
            /* Only a stream without documents can be a valid list. */
            assert_non_null(al);
            assert_int_equal(cf_assessment_list_count(al), 0);
            cf_assessment_list_free(al);
        } else {
            check_error(path, rc, al, &err);
        }

        memset(&err, 0, sizeof err);
        rc = cf_profile_load_file(&p, sols, path, NULL, &err);
        count_code(&profiles, rc);
        if (rc == CF_OK) {
            fail_msg("%s loads as a profile", path);
        }
        check_error(path, rc, p, &err);
    }

    print_message("yaml-test-suite: %zu files, %zu runs\n", list.count,
                  frameworks.runs + assessments.runs + profiles.runs);
    print_tally(&frameworks);
    print_tally(&assessments);
    print_tally(&profiles);
    for (i = 0; i < list.count; i++) {
        free(list.paths[i]);
    }
    free(list.paths);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_suite, support_setup_sols,
                                        support_teardown_sols),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
