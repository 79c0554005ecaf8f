/*
 * Adversarial inputs stay cheap (issue 7, item 4): inputs built to make a
 * YAML loader slow, huge or confused end in a clean error at a documented
 * limit, or load. Public API only.
 *
 * The project allows no timed assertions in tests (they fail on slow or
 * busy machines), so the cost of each case is bounded deterministically
 * instead: the error is asserted at the exact place where the limit is
 * crossed, and where that place is early in a large input, an invalid
 * byte at the very end proves the reader never got there (libyaml decodes
 * its input in blocks of 16 KiB, and a block holding the byte would fail
 * with CF_ESYNTAX). Time budgets are measured by the benchmarks, not here.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "competency.h"
#include "support.h"

extern char **environ;

/* What a buffer is loaded as. */
enum kind { FRAMEWORK, ASSESSMENTS, PROFILE };
static const char *const kind_names[] = {"framework", "assessment", "profile"};
#define KIND_COUNT 3

/* A growable text, for generated inputs. */
struct text {
    char *data;
    size_t len, cap;
};

static void text_add(struct text *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 4096;
        char *grown;

        while (cap < t->len + n + 1) {
            cap *= 2;
        }
        grown = realloc(t->data, cap);
        assert_non_null(grown);
        t->data = grown;
        t->cap = cap;
    }
    memcpy(t->data + t->len, s, n);
    t->len += n;
    t->data[t->len] = '\0';
}

static void text_puts(struct text *t, const char *s)
{
    text_add(t, s, strlen(s));
}

static void text_printf(struct text *t, const char *fmt, ...)
{
    char line[256];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < sizeof line);
    text_add(t, line, (size_t)n);
}

static void text_repeat(struct text *t, char c, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        text_add(t, &c, 1);
    }
}

/*
 * Loads len bytes as kind (assessments and profiles against sols). Returns
 * the code; an object that loads is checked and freed.
 */
static int load_as(enum kind kind, cf_framework *sols, const char *data,
                   size_t len, const cf_load_options *opts, cf_error *err)
{
    cf_framework *fw = NULL;
    cf_assessment_list *list = NULL;
    cf_profile *p = NULL;
    int rc;

    memset(err, 0, sizeof *err);
    switch (kind) {
    case FRAMEWORK:
        rc = cf_framework_load_buffer(&fw, data, len, "adversarial", opts, err);
        if (rc == CF_OK) {
            assert_true(cf_framework_element_count(fw) > 0);
        } else {
            assert_null(fw);
        }
        cf_framework_free(fw);
        break;
    case ASSESSMENTS:
        rc = cf_assessment_list_load_buffer(
            &list, sols, data, len, "adversarial", CF_FORMAT_YAML, opts, err);
        if (rc != CF_OK) {
            assert_null(list);
        }
        cf_assessment_list_free(list);
        break;
    default:
        rc = cf_profile_load_buffer(&p, sols, data, len, "adversarial", opts,
                                    err);
        if (rc != CF_OK) {
            assert_null(p);
        }
        cf_profile_free(p);
        break;
    }
    return rc;
}

/* Asserts a clean error: the code, a message naming what, a position. */
static void expect_error(int rc, const cf_error *err, int code,
                         const char *what)
{
    if (rc != code || err->code != code || err->line == 0 || err->column == 0 ||
        (what && !strstr(err->message, what))) {
        fail_msg("expected %d (%s) with '%s' and a position, got %d: "
                 "%zu:%zu: %s",
                 code, cf_strerror(code), what ? what : "", rc, err->line,
                 err->column, err->message);
    }
}

/* The root key of each kind's document. */
static const char *root_of(enum kind kind)
{
    return kind == FRAMEWORK     ? "framework:\n"
           : kind == ASSESSMENTS ? "assessment:\n"
                                 : "profile:\n";
}

/* ---- nesting --------------------------------------------------------------
 */

#define DEEP 100000

/*
 * 100,000 '[' in an extension value, then an invalid byte. The root
 * mapping and the kind's mapping are nesting levels 1 and 2, so the first
 * '[' is level 3 and the one that crosses max_nesting is '[' number
 * max_nesting - 1: the error must be there, not at the invalid byte.
 */
static void check_deep(enum kind kind, cf_framework *sols, size_t max_nesting)
{
    struct text t = {NULL, 0, 0};
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    cf_error err;
    size_t prefix;
    int rc;

    text_puts(&t, root_of(kind));
    text_puts(&t, "  x-deep: ");
    prefix = t.len;
    text_repeat(&t, '[', DEEP);
    text_puts(&t, "\xff");
    opts.max_nesting = max_nesting;
    rc = load_as(kind, sols, t.data, t.len, &opts, &err);
    expect_error(
        rc, &err, CF_ELIMIT,
        "(the limit max_nesting; a program can raise it in cf_load_options)");
    assert_int_equal(err.line, 2);
    assert_int_equal(err.offset, prefix + max_nesting - 2);
    assert_int_equal(err.column, strlen("  x-deep: ") + max_nesting - 1);
    free(t.data);
}

static void test_deep_flow_nesting(void **state)
{
    struct text t = {NULL, 0, 0};
    cf_error err;
    size_t k;

    /* The control: an invalid byte the reader does reach is reported. */
    text_puts(&t, "framework:\n  x-deep: ");
    text_repeat(&t, '[', 100);
    text_puts(&t, "\xff");
    expect_error(load_as(FRAMEWORK, NULL, t.data, t.len, NULL, &err), &err,
                 CF_ESYNTAX, "invalid leading UTF-8 octet");
    free(t.data);

    for (k = 0; k < KIND_COUNT; k++) {
        check_deep((enum kind)k, *state, CF_DEFAULT_MAX_NESTING);
        check_deep((enum kind)k, *state, CF_MAX_NESTING_CEILING);
    }
}

/*
 * A bare "[[[[..." is no document of ours: the root is not a mapping. The
 * loaders then look on for a YAML syntax error to report instead, but
 * that search also stops at max_nesting: the invalid byte at the end is
 * never read, so the error is the first one, not CF_ESYNTAX.
 */
static void test_deep_bare_sequence(void **state)
{
    struct text t = {NULL, 0, 0};
    cf_error err;
    size_t k;

    text_repeat(&t, '[', DEEP);
    text_puts(&t, "\xff");
    for (k = 0; k < KIND_COUNT; k++) {
        int rc = load_as((enum kind)k, *state, t.data, t.len, NULL, &err);

        expect_error(rc, &err, CF_EINVALID, kind_names[k]);
        assert_int_equal(err.line, 1);
        assert_int_equal(err.column, 1);
    }
    free(t.data);
}

/* ---- aliases --------------------------------------------------------------
 */

/*
 * "Billion laughs": nine levels of nine aliases each name 9^9 scalars in
 * a few hundred bytes. Aliases are expanded by replaying the recorded
 * events of their anchor, and every replayed event counts towards
 * max_alias_events, so the expansion stops after that many events.
 */
static void billion_laughs(struct text *t, enum kind kind)
{
    char name;

    text_puts(t, root_of(kind));
    text_puts(t, "  x-lol:\n");
    text_puts(t, "    a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (name = 'b'; name <= 'i'; name++) {
        char prev = (char)(name - 1);

        text_printf(t,
                    "    %c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, "
                    "*%c]\n",
                    name, name, prev, prev, prev, prev, prev, prev, prev, prev,
                    prev);
    }
}

static void test_billion_laughs(void **state)
{
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    cf_error err;
    size_t k;

    for (k = 0; k < KIND_COUNT; k++) {
        struct text t = {NULL, 0, 0};
        int rc;

        billion_laughs(&t, (enum kind)k);
        assert_true(t.len < 512);
        rc = load_as((enum kind)k, *state, t.data, t.len, NULL, &err);
        expect_error(rc, &err, CF_ELIMIT,
                     "(the limit max_alias_events; a program can raise it in "
                     "cf_load_options)");

        /*
         * With a budget of 20 events, the first *a (11 events: the
         * sequence, 9 scalars, its end) fits and the second does not: the
         * error is at the second *a of line 4, column 16.
         */
        opts.max_alias_events = 20;
        rc = load_as((enum kind)k, *state, t.data, t.len, &opts, &err);
        expect_error(rc, &err, CF_ELIMIT,
                     "aliases expand to more than 20 events");
        assert_int_equal(err.line, 4);
        assert_int_equal(err.column, 16);
        opts.max_alias_events = 0;
        free(t.data);
    }
}

static void test_self_referencing_alias(void **state)
{
    static const char *const bodies[] = {
        "  x-self: &a [*a]\n",
        "  x-self: &a {key: *a}\n",
        "  x-self: &a [[[1, *a]]]\n",
    };
    cf_error err;
    size_t k, i;

    for (k = 0; k < KIND_COUNT; k++) {
        for (i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
            struct text t = {NULL, 0, 0};
            int rc;

            text_puts(&t, root_of((enum kind)k));
            text_puts(&t, bodies[i]);
            rc = load_as((enum kind)k, *state, t.data, t.len, NULL, &err);
            expect_error(rc, &err, CF_EINVALID, "recursive aliases");
            assert_int_equal(err.line, 2);
            free(t.data);
        }
    }
}

#define ANCHORS 40000

/*
 * A valid framework whose x-anchors holds ANCHORS anchored scalars and
 * then one alias to each, the first anchor first: the worst order for a
 * search through the anchors from the newest. The reader finds anchors
 * through a hash table, so n anchors and n aliases cost O(n) (a linear
 * search made this O(n^2): 800 million name comparisons here).
 */
static void many_anchors(struct text *t)
{
    size_t i;

    text_puts(t, "framework:\n"
                 "  id: anchors\n"
                 "  title: Anchors\n"
                 "  scales:\n"
                 "    - id: s\n" SUPPORT_YAML_LEVELS_1_TO_4 "  elements:\n"
                 "    - {id: e, title: E}\n"
                 "  x-anchors:\n");
    for (i = 0; i < ANCHORS; i++) {
        text_printf(t, "    - &a%zu v%zu\n", i, i);
    }
    for (i = 0; i < ANCHORS; i++) {
        text_printf(t, "    - *a%zu\n", i);
    }
}

static void test_forty_thousand_anchors(void **state)
{
    struct text t = {NULL, 0, 0};
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    cf_framework *fw = NULL;
    cf_error err;
    const char *value;
    int rc;

    (void)state;
    many_anchors(&t);

    /* Each alias replays one event: the default budget stops at alias
     * number CF_DEFAULT_MAX_ALIAS_EVENTS + 1, which is on line
     * 15 + ANCHORS + CF_DEFAULT_MAX_ALIAS_EVENTS. */
    rc = load_as(FRAMEWORK, NULL, t.data, t.len, NULL, &err);
    expect_error(rc, &err, CF_ELIMIT,
                 "(the limit max_alias_events; a program can raise it in "
                 "cf_load_options)");
    assert_int_equal(err.line, 15 + ANCHORS + CF_DEFAULT_MAX_ALIAS_EVENTS);

    /* Just under: one event short of the last alias. */
    opts.max_alias_events = ANCHORS - 1;
    rc = load_as(FRAMEWORK, NULL, t.data, t.len, &opts, &err);
    expect_error(rc, &err, CF_ELIMIT,
                 "(the limit max_alias_events; a program can raise it in "
                 "cf_load_options)");
    assert_int_equal(err.line, 14 + 2 * ANCHORS);

    /* With the budget raised to the number of aliases, it loads. */
    opts.max_alias_events = ANCHORS;
    memset(&err, 0, sizeof err);
    rc = cf_framework_load_buffer(&fw, t.data, t.len, "anchors", &opts, &err);
    support_fail_on(rc, &err, "40,000 anchors");
    value = cf_extensions_get(cf_framework_extensions(fw), "x-anchors");
    assert_non_null(value);
    /* The first alias replays the first anchor's value. */
    assert_non_null(strstr(value, "\"v39999\",\"v0\","));
    cf_framework_free(fw);
    free(t.data);
}

static void test_anchor_redefined(void **state)
{
    static const char yaml[] =
        "framework:\n"
        "  id: anchors\n"
        "  title: Anchors\n"
        "  scales:\n"
        "    - id: s\n" SUPPORT_YAML_LEVELS_1_TO_4 "  elements:\n"
        "    - {id: e, title: E}\n"
        "  x-a: [&n one, *n, &n two, *n, &m [*n], *m]\n";
    cf_framework *fw;

    (void)state;
    /* An alias names the latest node with its anchor. */
    fw = support_load(yaml);
    assert_string_equal(
        cf_extensions_get(cf_framework_extensions(fw), "x-a"),
        "[\"one\",\"one\",\"two\",\"two\",[\"two\"],[\"two\"]]");
    cf_framework_free(fw);
}

/* Anchors belong to one document: the next cannot alias them. */
static void test_anchor_per_document(void **state)
{
    static const char yaml[] = "assessment:\n"
                               "  framework: sols-community-relations\n"
                               "  subject: &who jdoe\n"
                               "---\n"
                               "assessment:\n"
                               "  framework: sols-community-relations\n"
                               "  subject: *who\n";
    cf_error err;
    int rc = load_as(ASSESSMENTS, *state, yaml, strlen(yaml), NULL, &err);

    expect_error(rc, &err, CF_ESYNTAX, "undefined alias '*who'");
    assert_int_equal(err.line, 7);
    assert_int_equal(err.column, 12);
}

/* ---- duplicate keys ----------------------------------------------------- */

struct bad_doc {
    enum kind kind;
    const char *yaml;
    size_t line, column;
    const char *message;
};

#define FW_HEAD                                                                \
    "framework:\n"                                                             \
    "  id: f\n"                                                                \
    "  title: F\n"                                                             \
    "  scales:\n"                                                              \
    "    - id: s\n" SUPPORT_YAML_LEVELS_1_TO_4
/* FW_HEAD is 11 lines long. */

static void check_bad_docs(cf_framework *sols, const struct bad_doc *docs,
                           size_t count)
{
    size_t i;

    for (i = 0; i < count; i++) {
        cf_error err;
        int rc = load_as(docs[i].kind, sols, docs[i].yaml, strlen(docs[i].yaml),
                         NULL, &err);

        if (rc != CF_EINVALID || err.line != docs[i].line ||
            err.column != docs[i].column ||
            !strstr(err.message, docs[i].message)) {
            fail_msg("case %zu: expected CF_EINVALID at %zu:%zu with '%s', "
                     "got %d at %zu:%zu: %s",
                     i, docs[i].line, docs[i].column, docs[i].message, rc,
                     err.line, err.column, err.message);
        }
    }
}

static void test_duplicate_keys(void **state)
{
    static const struct bad_doc docs[] = {
        {FRAMEWORK, FW_HEAD "  title: G\n", 12, 3, "duplicate key 'title'"},
        {FRAMEWORK,
         FW_HEAD "  elements:\n"
                 "    - {id: e, title: E, title: F}\n",
         13, 25, "duplicate key 'title'"},
        {FRAMEWORK, FW_HEAD "  x-a: 1\n  x-a: 2\n", 13, 3,
         "duplicate key 'x-a'"},
        {FRAMEWORK, FW_HEAD "  x-a: {k: 1, k: 2}\n", 12, 15,
         "duplicate key 'k'"},
        {FRAMEWORK,
         "framework:\n"
         "  scales:\n"
         "    - id: s\n"
         "      levels:\n"
         "        - {value: 1, value: 2, label: One}\n",
         5, 22, "duplicate key 'value'"},
        {ASSESSMENTS,
         "assessment:\n"
         "  subject: a\n"
         "  subject: b\n",
         3, 3, "duplicate key 'subject'"},
        {ASSESSMENTS,
         "assessment:\n"
         "  subject: a\n"
         "  ratings:\n"
         "    CR.1: 1\n"
         "    CR.1: 2\n",
         5, 5, "rated twice"},
        {PROFILE,
         "profile:\n"
         "  id: p\n"
         "  targets:\n"
         "    CR.1: 1\n"
         "    CR.1: 2\n",
         5, 5, "CR.1"},
        {PROFILE,
         "profile:\n"
         "  id: p\n"
         "  targets:\n"
         "    CR.1: {level: 1, level: 2}\n",
         4, 22, "duplicate key 'level'"},
    };

    check_bad_docs(*state, docs, sizeof docs / sizeof docs[0]);
}

/* ---- numbers that are not finite ----------------------------------------- */

static void test_non_finite_numbers(void **state)
{
    static const char *const values[] = {".nan",  ".NaN", ".inf",  "-.inf",
                                         "+.inf", ".Inf", "1e999", "-1e999"};
    size_t i;

    for (i = 0; i < sizeof values / sizeof values[0]; i++) {
        const char *v = values[i];
        char yaml[1024];
        struct bad_doc docs[5];

        snprintf(yaml, sizeof yaml,
                 FW_HEAD "  elements:\n    - {id: e, title: E, weight: %s}\n",
                 v);
        docs[0].kind = FRAMEWORK;
        docs[0].yaml = strdup(yaml);
        docs[0].line = 13;
        docs[0].column = 33;
        docs[0].message = "weight must be a positive finite number";
        snprintf(yaml, sizeof yaml,
                 "framework:\n  scales:\n    - id: s\n      levels:\n"
                 "        - {value: %s, label: One}\n",
                 v);
        docs[1].kind = FRAMEWORK;
        docs[1].yaml = strdup(yaml);
        docs[1].line = 5;
        docs[1].column = 19;
        docs[1].message = "level value must be a finite number";
        snprintf(yaml, sizeof yaml,
                 "assessment:\n  subject: a\n  ratings:\n    CR.1: %s\n", v);
        docs[2].kind = ASSESSMENTS;
        docs[2].yaml = strdup(yaml);
        docs[2].line = 4;
        docs[2].column = 11;
        docs[2].message = v;
        snprintf(yaml, sizeof yaml,
                 "profile:\n  id: p\n  targets:\n    CR.1: %s\n", v);
        docs[3].kind = PROFILE;
        docs[3].yaml = strdup(yaml);
        docs[3].line = 4;
        docs[3].column = 11;
        docs[3].message = v;
        snprintf(yaml, sizeof yaml,
                 "profile:\n  id: p\n  targets:\n"
                 "    CR.1: {level: 3, importance: %s}\n",
                 v);
        docs[4].kind = PROFILE;
        docs[4].yaml = strdup(yaml);
        docs[4].line = 4;
        docs[4].column = 34;
        docs[4].message = "importance";
        check_bad_docs(*state, docs, 5);
        for (size_t d = 0; d < 5; d++) {
            free((char *)docs[d].yaml);
        }
    }
}

/* ---- truncation -----------------------------------------------------------
 */

/*
 * The SOLS framework cut at every byte offset (a file cut short by a full
 * disk or a failed download): each prefix loads, or fails cleanly with a
 * position. Every prefix ends in CF_OK, CF_ESYNTAX or CF_EINVALID.
 */
static void test_truncated_sols(void **state)
{
    char *path =
        support_path(CF_FRAMEWORKS_DIR, "sols-community-relations.yaml");
    size_t len, cut, ok = 0, syntax = 0, invalid = 0;
    char *data = support_read_file(path, &len);

    (void)state;
    for (cut = 0; cut <= len; cut++) {
        cf_error err;
        /* A copy of just the prefix, so that ASan sees any read past it. */
        char *prefix = malloc(cut ? cut : 1);
        int rc;

        assert_non_null(prefix);
        memcpy(prefix, data, cut);
        rc = load_as(FRAMEWORK, NULL, prefix, cut, NULL, &err);
        free(prefix);
        if (cut == len) {
            support_fail_on(rc, &err, "the whole SOLS file");
        }
        if (rc == CF_OK) {
            ok++;
            continue;
        }
        if ((rc != CF_ESYNTAX && rc != CF_EINVALID) || err.code != rc ||
            err.line == 0 || err.column == 0 || err.offset > cut ||
            err.message[0] == '\0') {
            fail_msg("cut at %zu: %d at %zu:%zu (offset %zu): %s", cut, rc,
                     err.line, err.column, err.offset, err.message);
        }
        if (rc == CF_ESYNTAX) {
            syntax++;
        } else {
            invalid++;
        }
    }
    /* Prefixes that end between elements are valid frameworks too. */
    assert_true(ok > 1);
    print_message("SOLS truncated at %zu offsets: %zu load, %zu syntax "
                  "errors, %zu invalid\n",
                  len + 1, ok, syntax, invalid);
    free(data);
    free(path);
}

/* ---- the file layer ----------------------------------------------------- */

static void expect_io_error(int rc, const cf_error *err, const char *path)
{
    if (rc != CF_EIO || err->code != CF_EIO || err->message[0] == '\0') {
        fail_msg("%s: expected CF_EIO, got %d: %s", path, rc, err->message);
    }
    /* An I/O error has no position in the text. */
    assert_int_equal(err->line, 0);
    assert_int_equal(err->column, 0);
    assert_true(support_ends_with(err->source, strrchr(path, '/') + 1));
}

/* Loads the file at path as each kind; each must fail with CF_EIO. */
static void expect_io_error_all(cf_framework *sols, const char *path)
{
    cf_framework *fw = NULL;
    cf_assessment_list *list = NULL;
    cf_profile *p = NULL;
    cf_error err;
    int rc;

    memset(&err, 0, sizeof err);
    rc = cf_framework_load_file(&fw, path, NULL, &err);
    expect_io_error(rc, &err, path);
    assert_null(fw);
    memset(&err, 0, sizeof err);
    rc = cf_assessment_list_load_file(&list, sols, path, CF_FORMAT_AUTO, NULL,
                                      &err);
    expect_io_error(rc, &err, path);
    assert_null(list);
    memset(&err, 0, sizeof err);
    rc = cf_profile_load_file(&p, sols, path, NULL, &err);
    expect_io_error(rc, &err, path);
    assert_null(p);
}

static void test_directory_as_file(void **state)
{
    char *path = support_path(CF_TEST_TMP_DIR, "adversarial-dir.yaml");

    rmdir(path);
    assert_int_equal(mkdir(path, 0700), 0);
    expect_io_error_all(*state, path);
    assert_int_equal(rmdir(path), 0);
    free(path);
}

static void test_unreadable_file(void **state)
{
    char *path = support_path(CF_TEST_TMP_DIR, "adversarial-unreadable.yaml");

    if (geteuid() == 0) {
        /* root reads a file whatever its mode: nothing to test. */
        print_message("skipped: running as root, which can read a file "
                      "with mode 000\n");
        free(path);
        skip();
    }
    support_write_file(path, "framework: {}\n", 14);
    assert_int_equal(chmod(path, 0), 0);
    expect_io_error_all(*state, path);
    remove(path);
    free(path);
}

static void test_missing_file(void **state)
{
    char *path = support_path(CF_TEST_TMP_DIR, "adversarial-missing.yaml");

    remove(path);
    expect_io_error_all(*state, path);
    free(path);
}

/*
 * A FIFO delivers the file in short reads: dd(1) copies `blocks` blocks of
 * 100 bytes of the file at source into it and closes it, and the loader
 * must read all of it: the whole SOLS framework loads, and a part of it
 * gives what the same bytes give from a buffer. dd runs in its own process,
 * started with posix_spawn (a forked copy of this test would show as a leak
 * under valgrind), and under timeout(1), so that it never outlives a failed
 * test.
 */
static int load_from_fifo(const char *source, size_t blocks, cf_error *err)
{
    char *fifo = support_path(CF_TEST_TMP_DIR, "adversarial.fifo");
    char in[1024], out[1024], count[64];
    char *argv[] = {"timeout", "60",  "dd",          in,  out,
                    "bs=100",  count, "status=none", NULL};
    cf_framework *fw = NULL;
    int status = 0;
    pid_t child;
    int rc;

    snprintf(in, sizeof in, "if=%s", source);
    snprintf(out, sizeof out, "of=%s", fifo);
    snprintf(count, sizeof count, "count=%zu", blocks);
    remove(fifo);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    assert_int_equal(posix_spawnp(&child, "timeout", NULL, NULL, argv, environ),
                     0);
    memset(err, 0, sizeof *err);
    rc = cf_framework_load_file(&fw, fifo, NULL, err);
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    if (rc == CF_OK) {
        assert_true(cf_framework_element_count(fw) > 0);
    } else {
        assert_null(fw);
    }
    cf_framework_free(fw);
    remove(fifo);
    free(fifo);
    return rc;
}

static void test_fifo_short_reads(void **state)
{
    char *path =
        support_path(CF_FRAMEWORKS_DIR, "sols-community-relations.yaml");
    size_t len;
    char *data = support_read_file(path, &len);
    cf_error err, from_buffer;
    int rc, expected;

    (void)state;
    rc = load_from_fifo(path, (len + 99) / 100, &err);
    support_fail_on(rc, &err, "SOLS through a FIFO");
    /* Half of it: the same result as the same bytes from a buffer. */
    rc = load_from_fifo(path, len / 200, &err);
    expected =
        load_as(FRAMEWORK, NULL, data, len / 200 * 100, NULL, &from_buffer);
    assert_int_equal(rc, expected);
    assert_int_equal(err.line, from_buffer.line);
    assert_int_equal(err.column, from_buffer.column);
    assert_string_equal(err.message, from_buffer.message);
    free(data);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deep_flow_nesting),
        cmocka_unit_test(test_deep_bare_sequence),
        cmocka_unit_test(test_billion_laughs),
        cmocka_unit_test(test_self_referencing_alias),
        cmocka_unit_test(test_forty_thousand_anchors),
        cmocka_unit_test(test_anchor_redefined),
        cmocka_unit_test(test_anchor_per_document),
        cmocka_unit_test(test_duplicate_keys),
        cmocka_unit_test(test_non_finite_numbers),
        cmocka_unit_test(test_truncated_sols),
        cmocka_unit_test(test_directory_as_file),
        cmocka_unit_test(test_unreadable_file),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_fifo_short_reads),
    };

    return cmocka_run_group_tests(tests, support_setup_sols,
                                  support_teardown_sols);
}
