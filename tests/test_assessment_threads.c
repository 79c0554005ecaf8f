/*
 * Loading a large YAML stream of assessments on several threads
 * (cf_load_options.threads): the same assessments, lines and notes as a
 * load on one thread, and the same error, word for word and at the same
 * place, whichever document is broken; streams that may not be cut
 * (directives, CR LF line ends, block scalars holding "---"-like text);
 * allocation failures.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "competency.h"
#include "support.h"

static const char framework_yaml[] =
    "framework:\n"
    "  id: par\n"
    "  title: Parallel\n"
    "  scales:\n"
    "    - id: p\n" SUPPORT_YAML_LEVELS_1_TO_4 "  elements:\n"
    "    - id: A\n"
    "      title: A\n"
    "      children:\n"
    "        - {id: A.1, title: A1}\n"
    "        - {id: A.2, title: A2}\n"
    "    - {id: B, title: B}\n"
    "    - {id: C, title: C}\n";

/* About 120 bytes a document: 12,000 documents make 1.4 MB, enough for
 * the loader to cut it for several threads (it wants 256 KiB a piece). */
#define DOCUMENTS 12000

/* Knobs for the stream a test writes. */
typedef struct stream_style {
    const char *line_end; /* "\n" or "\r\n" */
    size_t broken;        /* document with an unknown element, or SIZE_MAX */
    int directive_at;     /* non-zero: a %YAML directive before doc 7000 */
    int block_notes;      /* notes as block scalars with "--- " inside */
} stream_style;

/* Appends text with line ends replaced by style->line_end. */
static void put(char **buf, size_t *len, size_t *cap, const char *text,
                const stream_style *style)
{
    for (const char *p = text; *p; p++) {
        const char *piece = *p == '\n' ? style->line_end : p;
        size_t n = *p == '\n' ? strlen(style->line_end) : 1;
        if (*len + n + 1 > *cap) {
            *cap = *cap ? *cap * 2 : 1 << 16;
            *buf = realloc(*buf, *cap);
            assert_non_null(*buf);
        }
        memcpy(*buf + *len, piece, n);
        *len += n;
    }
    (*buf)[*len] = '\0';
}

/* The stream: document d rates A.1 at 1 + d % 4, B at 1 + d / 4 % 4, and
 * every third one has a note on C (1 + d % 3). */
static char *write_stream(const stream_style *style, size_t *len)
{
    char *buf = NULL;
    size_t cap = 0;
    char text[512];
    *len = 0;
    put(&buf, len, &cap, "# a team's self-assessments\n", style);
    for (size_t d = 0; d < DOCUMENTS; d++) {
        if (style->directive_at && d == 7000)
            put(&buf, len, &cap, "...\n%YAML 1.1\n", style);
        snprintf(text, sizeof text,
                 "---\nassessment:\n  framework: par\n  subject: p%05zu\n"
                 "  role: self\n  ratings:\n    %s: %zu\n    B: %zu\n",
                 d, d == style->broken ? "A.9" : "A.1", 1 + d % 4,
                 1 + d / 4 % 4);
        put(&buf, len, &cap, text, style);
        if (d % 3 == 0 && style->block_notes)
            snprintf(text, sizeof text,
                     "    C:\n      level: %zu\n      note: |\n"
                     "        --- not a document: indented\n"
                     "        note %zu\n",
                     1 + d % 3, d);
        else if (d % 3 == 0)
            snprintf(text, sizeof text, "    C: {level: %zu, note: \"n%zu\"}\n",
                     1 + d % 3, d);
        else
            text[0] = '\0';
        put(&buf, len, &cap, text, style);
    }
    return buf;
}

static int load(cf_assessment_list **out, cf_framework *fw, const char *data,
                size_t len, unsigned threads, const cf_allocator *alloc,
                cf_error *err)
{
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    opts.threads = threads;
    opts.allocator = alloc;
    memset(err, 0, sizeof *err);
    return cf_assessment_list_load_buffer(out, fw, data, len, "team.yaml",
                                          CF_FORMAT_YAML, &opts, err);
}

static void check_same_lists(const cf_assessment_list *a,
                             const cf_assessment_list *b, size_t elements)
{
    assert_int_equal(cf_assessment_list_count(a), cf_assessment_list_count(b));
    for (size_t i = 0; i < cf_assessment_list_count(a); i++) {
        const cf_assessment *x = cf_assessment_list_get(a, i);
        const cf_assessment *y = cf_assessment_list_get(b, i);
        assert_string_equal(cf_assessment_subject(x), cf_assessment_subject(y));
        assert_string_equal(cf_assessment_role(x), cf_assessment_role(y));
        assert_int_equal(cf_assessment_line(x), cf_assessment_line(y));
        assert_int_equal(cf_assessment_rated_count(x),
                         cf_assessment_rated_count(y));
        for (size_t e = 0; e < elements; e++) {
            double lx = cf_assessment_level(x, e),
                   ly = cf_assessment_level(y, e);
            assert_true((isnan(lx) && isnan(ly)) || lx == ly);
            const char *nx = cf_assessment_note(x, e);
            const char *ny = cf_assessment_note(y, e);
            assert_true((!nx && !ny) || (nx && ny && strcmp(nx, ny) == 0));
        }
    }
}

/* Loads the stream on 1, 2, 4 and all threads; every result the same. */
static void check_stream(const stream_style *style)
{
    cf_framework *fw = support_load(framework_yaml);
    size_t len;
    char *data = write_stream(style, &len);
    cf_assessment_list *one = NULL;
    cf_error err;
    support_fail_on(load(&one, fw, data, len, 1, NULL, &err), &err, "1 thread");
    assert_int_equal(cf_assessment_list_count(one), DOCUMENTS);
    static const unsigned threads[] = {2, 4, 0};
    for (size_t k = 0; k < sizeof threads / sizeof *threads; k++) {
        cf_assessment_list *many = NULL;
        support_fail_on(load(&many, fw, data, len, threads[k], NULL, &err),
                        &err, "threads");
        check_same_lists(one, many, cf_framework_element_count(fw));
        cf_assessment_list_free(many);
    }
    /* the last document starts on the line counted by hand: the comment,
     * then 8 lines a document (9 with a flow note on C, 13 with a block
     * note), and the directive's 2 */
    size_t lines = 1;
    for (size_t d = 0; d + 1 < DOCUMENTS; d++)
        lines += 8 + (d % 3 == 0 ? (style->block_notes ? 5 : 1) : 0);
    lines += style->directive_at ? 2 : 0;
    assert_int_equal(
        cf_assessment_line(cf_assessment_list_get(one, DOCUMENTS - 1)),
        lines + 1);
    cf_assessment_list_free(one);
    free(data);
    cf_framework_free(fw);
}

static void test_same_as_one_thread(void **state)
{
    (void)state;
    stream_style style = {"\n", SIZE_MAX, 0, 0};
    check_stream(&style);
}

static void test_crlf_line_ends(void **state)
{
    (void)state;
    stream_style style = {"\r\n", SIZE_MAX, 0, 0};
    check_stream(&style);
}

static void test_block_scalar_notes(void **state)
{
    (void)state;
    stream_style style = {"\n", SIZE_MAX, 0, 1};
    check_stream(&style);
}

static void test_directive_mid_stream(void **state)
{
    (void)state;
    stream_style style = {"\n", SIZE_MAX, 1, 0};
    check_stream(&style);
}

/* A broken document anywhere: the error of a one-thread load. */
static void test_same_error(void **state)
{
    (void)state;
    cf_framework *fw = support_load(framework_yaml);
    static const size_t broken[] = {0, 1, 5999, 6000, 11999};
    for (size_t k = 0; k < sizeof broken / sizeof *broken; k++) {
        stream_style style = {"\n", broken[k], 0, 0};
        size_t len;
        char *data = write_stream(&style, &len);
        cf_assessment_list *list = NULL;
        cf_error one, many;
        assert_int_equal(load(&list, fw, data, len, 1, NULL, &one),
                         CF_EINVALID);
        assert_int_equal(load(&list, fw, data, len, 4, NULL, &many),
                         CF_EINVALID);
        assert_null(list);
        assert_string_equal(many.message, one.message);
        assert_non_null(strstr(one.message, "A.9"));
        assert_int_equal(many.line, one.line);
        assert_int_equal(many.column, one.column);
        assert_int_equal(many.offset, one.offset);
        free(data);
    }
    cf_framework_free(fw);
}

/* A quoted note running over a "---" line (YAML forbids that): the cut
 * there breaks two pieces, and the error is the one-thread one. */
static void test_quoted_scalar_over_document_line(void **state)
{
    (void)state;
    cf_framework *fw = support_load(framework_yaml);
    stream_style style = {"\n", SIZE_MAX, 0, 0};
    size_t len;
    char *data = write_stream(&style, &len);
    /* "    B: 2" before a document line: open a quote there */
    char *at = strstr(data + len / 2, "    B: 2\n---\n");
    assert_non_null(at);
    at[7] = '"';
    cf_assessment_list *list = NULL;
    cf_error one, many;
    int rc_one = load(&list, fw, data, len, 1, NULL, &one);
    assert_true(rc_one != CF_OK);
    assert_int_equal(load(&list, fw, data, len, 4, NULL, &many), rc_one);
    assert_string_equal(many.message, one.message);
    assert_int_equal(many.line, one.line);
    assert_int_equal(many.column, one.column);
    free(data);
    cf_framework_free(fw);
}

/* A stream over max_input_bytes is refused as on one thread, although
 * each piece would be under it. */
static void test_input_limit(void **state)
{
    (void)state;
    cf_framework *fw = support_load(framework_yaml);
    stream_style style = {"\n", SIZE_MAX, 0, 0};
    size_t len;
    char *data = write_stream(&style, &len);
    for (unsigned threads = 1; threads <= 4; threads += 3) {
        cf_load_options opts = CF_LOAD_OPTIONS_INIT;
        cf_assessment_list *list = NULL;
        cf_error err;
        opts.threads = threads;
        opts.max_input_bytes = len - 1;
        assert_int_equal(
            cf_assessment_list_load_buffer(&list, fw, data, len, "team.yaml",
                                           CF_FORMAT_YAML, &opts, &err),
            CF_ELIMIT);
        assert_null(list);
        assert_non_null(strstr(err.message, "max_input_bytes"));
    }
    free(data);
    cf_framework_free(fw);
}

/* ---- allocation failures, with a lock: threads allocate at once -------- */

typedef struct locked_counter {
    cf_allocator allocator;
    pthread_mutex_t lock;
    size_t calls, fail_from, live;
} locked_counter;

static void *locked_alloc(size_t size, void *ctx)
{
    locked_counter *c = ctx;
    pthread_mutex_lock(&c->lock);
    int fail = c->calls++ >= c->fail_from;
    void *p = fail ? NULL : malloc(size);
    c->live += p != NULL;
    pthread_mutex_unlock(&c->lock);
    return p;
}

static void *locked_resize(void *ptr, size_t size, void *ctx)
{
    locked_counter *c = ctx;
    if (!ptr)
        return locked_alloc(size, ctx);
    pthread_mutex_lock(&c->lock);
    int fail = c->calls++ >= c->fail_from;
    pthread_mutex_unlock(&c->lock);
    return fail ? NULL : realloc(ptr, size);
}

static void locked_release(void *ptr, void *ctx)
{
    locked_counter *c = ctx;
    if (!ptr)
        return;
    pthread_mutex_lock(&c->lock);
    c->live--;
    pthread_mutex_unlock(&c->lock);
    free(ptr);
}

/*
 * Failing every allocation from call i on, for i spread over the whole
 * load: each ends in CF_ENOMEM with nothing left allocated, or (when the
 * failures came only after the threads' pieces failed and the load on one
 * thread had what it needed) in the full list.
 */
static void test_allocation_failures(void **state)
{
    (void)state;
    cf_framework *fw = support_load(framework_yaml);
    stream_style style = {"\n", SIZE_MAX, 0, 0};
    size_t len;
    char *data = write_stream(&style, &len);
    locked_counter c = {{locked_alloc, locked_resize, locked_release, NULL},
                        PTHREAD_MUTEX_INITIALIZER,
                        0,
                        SIZE_MAX,
                        0};
    c.allocator.ctx = &c;
    cf_assessment_list *list = NULL;
    cf_error err;
    support_fail_on(load(&list, fw, data, len, 4, &c.allocator, &err), &err,
                    "counting");
    size_t calls = c.calls;
    cf_assessment_list_free(list);
    assert_int_equal(c.live, 0);
    for (size_t step = 0; step < 64; step++) {
        c.calls = 0;
        c.fail_from = calls * step / 64;
        list = NULL;
        int rc = load(&list, fw, data, len, 4, &c.allocator, &err);
        if (rc == CF_OK) {
            assert_int_equal(cf_assessment_list_count(list), DOCUMENTS);
            cf_assessment_list_free(list);
        } else {
            assert_int_equal(rc, CF_ENOMEM);
            assert_null(list);
        }
        assert_int_equal(c.live, 0);
    }
    free(data);
    cf_framework_free(fw);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_as_one_thread),
        cmocka_unit_test(test_crlf_line_ends),
        cmocka_unit_test(test_block_scalar_notes),
        cmocka_unit_test(test_directive_mid_stream),
        cmocka_unit_test(test_same_error),
        cmocka_unit_test(test_quoted_scalar_over_document_line),
        cmocka_unit_test(test_input_limit),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
