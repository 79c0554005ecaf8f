/*
 * Loading a YAML stream of many assessments on several threads
 * (cf_load_options.threads). The documents of a stream are independent
 * (anchors do not cross "---"), so the buffer is cut at document-start
 * lines into one piece per worker, each piece loaded by its own libyaml
 * parser, and the lists joined in order. A line that starts with "---"
 * and a blank (or ends there) always starts a document in a valid stream:
 * YAML forbids it inside any scalar. When a piece fails, the whole buffer
 * is loaded again on the calling thread, so that an error is reported
 * exactly as a one-thread load reports it (the cut may have split a broken
 * document). Streams the cut could misread (directives, UTF-16 or UTF-32)
 * and small buffers are loaded on one thread.
 */
#include "assessment.h"
#include "internal.h"

#include <string.h>

/* Below this many bytes per worker, threads cost more than they save. */
#define MIN_PIECE_BYTES (256u * 1024)

typedef struct piece {
    size_t start, end; /* byte range in the buffer */
    size_t breaks;     /* line breaks in the piece */
    cf_assessment_list *list;
    int rc;
    cf_error err;
} piece;

typedef struct load_job {
    cf_framework *fw;
    const char *data;
    const char *source;
    const cf_load_options *opts;
    piece *pieces;
} load_job;

/* ---- where to cut ------------------------------------------------------- */

/* Whether the stream may be cut at its "---" lines: no byte-order mark of
 * UTF-16 or UTF-32 (libyaml would decode it), no directive line ("%" at the
 * start of a line after the first), which belongs to the next document. */
static int may_cut(const char *data, size_t len)
{
    const unsigned char *u = (const unsigned char *)data;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
                     (u[0] == 0xFE && u[1] == 0xFF) || u[0] == 0 || u[1] == 0))
        return 0;
    /* '%' is rare: look for it, then at what precedes it */
    for (const char *p = memchr(data + 1, '%', len - 1); p;
         p = memchr(p + 1, '%', len - (size_t)(p + 1 - data)))
        if (p[-1] == '\n' || p[-1] == '\r')
            return 0;
    return 1;
}

/* Whether a document starts at p: "---" at a line start, then a blank or
 * the end. */
static int document_start(const char *data, size_t len, size_t p)
{
    if (p == 0 || data[p - 1] != '\n' || len - p < 3 ||
        memcmp(data + p, "---", 3) != 0)
        return 0;
    if (len - p == 3)
        return 1;
    char next = data[p + 3];
    return next == ' ' || next == '\t' || next == '\n' || next == '\r';
}

/* The first document start after from; len when there is none. */
static size_t next_document(const char *data, size_t len, size_t from)
{
    size_t p = from;
    while (p < len) {
        const char *newline = memchr(data + p, '\n', len - p);
        if (!newline)
            return len;
        p = (size_t)(newline - data) + 1;
        if (document_start(data, len, p))
            return p;
    }
    return len;
}

/* Line breaks in data[from, to) as libyaml counts them: LF, CR, CR LF
 * (one), and the Unicode NEL, LS and PS. */
static size_t count_breaks_slowly(const char *data, size_t from, size_t to)
{
    const unsigned char *u = (const unsigned char *)data;
    size_t breaks = 0;
    for (size_t i = from; i < to; i++) {
        if (u[i] == '\n')
            breaks++;
        else if (u[i] == '\r')
            breaks += i + 1 >= to || u[i + 1] != '\n';
        else if (u[i] == 0xC2 && i + 1 < to && u[i + 1] == 0x85)
            breaks++;
        else if (u[i] == 0xE2 && i + 2 < to && u[i + 1] == 0x80 &&
                 (u[i + 2] == 0xA8 || u[i + 2] == 0xA9))
            breaks++;
    }
    return breaks;
}

/* The same, with memchr (which the C library vectorises) when the range
 * holds no CR and no byte that may start NEL, LS or PS: then every break
 * is an LF. */
static size_t count_breaks(const char *data, size_t from, size_t to)
{
    size_t n = to - from;
    const char *start = data + from;
    if (memchr(start, '\r', n) || memchr(start, 0xC2, n) ||
        memchr(start, 0xE2, n))
        return count_breaks_slowly(data, from, to);
    size_t breaks = 0;
    for (const char *p = memchr(start, '\n', n); p;
         p = memchr(p + 1, '\n', n - (size_t)(p + 1 - start)))
        breaks++;
    return breaks;
}

/* Cuts data into at most count pieces of about equal size; returns how
 * many there are (1 when no document start falls where a cut should). */
static size_t cut(const char *data, size_t len, piece *pieces, size_t count)
{
    size_t n = 0, start = 0;
    for (size_t k = 1; k <= count && start < len; k++) {
        size_t end =
            k == count ? len : next_document(data, len, len / count * k);
        if (end <= start)
            continue;
        pieces[n] = (piece){start, end, 0, NULL, CF_OK, {0}};
        n++;
        start = end;
    }
    return n;
}

/* ---- loading the pieces ---------------------------------------------------
 */

static void load_pieces(void *ctx, size_t worker, size_t first, size_t end)
{
    const load_job *job = ctx;
    (void)worker;
    for (size_t k = first; k < end; k++) {
        piece *p = &job->pieces[k];
        p->list = cfi_assessment_list_new(job->opts->allocator);
        p->rc = p->list
                    ? cfi_assessment_load_yaml(
                          p->list, job->fw, job->data + p->start,
                          p->end - p->start, job->source, job->opts, &p->err)
                    : CF_ENOMEM;
        /* counted here, on the workers: the next pieces' line numbers */
        p->breaks = count_breaks(job->data, p->start, p->end);
    }
}

/* Moves every piece's assessments into list, in order, with their lines
 * counted from the start of the whole buffer. CF_ENOMEM. */
static int join(cf_assessment_list *list, piece *pieces, size_t n)
{
    size_t total = list->count;
    for (size_t k = 0; k < n; k++)
        total += pieces[k].list->count;
    void *items = list->items;
    if (cfi_reserve(&list->allocator, &items, &list->cap, total,
                    sizeof *list->items) != CF_OK)
        return CF_ENOMEM;
    list->items = items;
    size_t line = 0; /* breaks before piece k */
    for (size_t k = 0; k < n; k++) {
        cf_assessment_list *from = pieces[k].list;
        for (size_t i = 0; i < from->count; i++) {
            from->items[i]->line += line;
            list->items[list->count++] = from->items[i];
        }
        from->count = 0;
        line += pieces[k].breaks;
    }
    return CF_OK;
}

/* Loads the pieces on their threads and joins them into list; an error
 * code when any piece failed (list then unchanged). */
static int load_cut(cf_assessment_list *list, cf_framework *fw,
                    const char *data, const char *source,
                    const cf_load_options *opts, piece *pieces, size_t n)
{
    load_job job = {fw, data, source, opts, pieces};
    cfi_parallel_run(n, n, load_pieces, &job);
    int rc = CF_OK;
    for (size_t k = 0; k < n && rc == CF_OK; k++)
        rc = pieces[k].rc;
    if (rc == CF_OK)
        rc = join(list, pieces, n);
    for (size_t k = 0; k < n; k++)
        cf_assessment_list_free(pieces[k].list);
    return rc;
}

int cfi_assessment_load_yaml_threads(cf_assessment_list *list, cf_framework *fw,
                                     const char *data, size_t len,
                                     const char *source,
                                     const cf_load_options *opts, cf_error *err)
{
    const cf_allocator *alloc = cfi_allocator_or_default(opts->allocator);
    size_t workers = cfi_parallel_workers(opts->threads, len / MIN_PIECE_BYTES);
    piece *pieces = NULL;
    size_t n = 1;
    if (workers > 1 && len <= opts->max_input_bytes && may_cut(data, len) &&
        (pieces = cfi_alloc(alloc, workers * sizeof *pieces)) != NULL)
        n = cut(data, len, pieces, workers);
    int rc =
        n > 1 ? load_cut(list, fw, data, source, opts, pieces, n) : CF_EINVALID;
    cfi_release(alloc, pieces);
    if (rc == CF_OK)
        return CF_OK;
    /* one thread: the canonical result, and any error at its place */
    return cfi_assessment_load_yaml(list, fw, data, len, source, opts, err);
}
