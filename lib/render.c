/*
 * Rendering reports for people: format names, option checks, and the
 * dispatch of each report to the writer of its format (render_text.c,
 * render_markdown.c, render_csv.c, render_html.c; JSON through json.c).
 * The writers build the text in a buffer from the report's allocator;
 * the caller gets a copy from malloc, released with cf_string_free.
 */
#include "render.h"

#include <stdlib.h>
#include <string.h>

/* The narrowest text width accepted (0 means the default). */
#define MIN_WIDTH 20
#define DEFAULT_WIDTH 80

static const char *const format_names[] = {"text", "json", "csv", "markdown",
                                           "html"};
#define FORMAT_COUNT (sizeof format_names / sizeof format_names[0])

int cf_report_format_parse(cf_report_format *out, const char *name,
                           cf_error *err)
{
    if (!out || !name)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "the format name and out must not be NULL");
    for (size_t i = 0; i < FORMAT_COUNT; i++) {
        if (strcmp(name, format_names[i]) == 0) {
            *out = (cf_report_format)i;
            return CF_OK;
        }
    }
    const char *hint = cf_suggest(name, format_names, FORMAT_COUNT);
    if (hint)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "unknown report format '%.64s' (did you mean '%s'? "
                        "the formats: text, json, csv, markdown, html)",
                        name, hint);
    return cfi_fail(err, CF_EARG, "", NULL,
                    "unknown report format '%.64s' (the formats: text, json, "
                    "csv, markdown, html)",
                    name);
}

const char *cf_report_format_name(cf_report_format format)
{
    if ((int)format < 0 || (size_t)format >= FORMAT_COUNT)
        return NULL;
    return format_names[format];
}

/*
 * Checks opts (NULL: the defaults) into *out, with the width resolved.
 * Clears *result first.
 */
static int resolve(cf_render_options *out, const cf_render_options *opts,
                   char **result, cf_error *err)
{
    static const cf_render_options defaults = CF_RENDER_OPTIONS_INIT;
    if (result)
        *result = NULL;
    if (!result)
        return cfi_fail(err, CF_EARG, "", NULL, "out must not be NULL");
    if (!opts)
        opts = &defaults;
    if (opts->version != CF_RENDER_OPTIONS_VERSION)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "unknown cf_render_options version %u (this library "
                        "knows version %d)",
                        opts->version, CF_RENDER_OPTIONS_VERSION);
    if (!cf_report_format_name(opts->format))
        return cfi_fail(err, CF_EARG, "", NULL,
                        "unknown report format %d (the formats: "
                        "CF_REPORT_TEXT to CF_REPORT_HTML)",
                        (int)opts->format);
    if (opts->width != 0 && opts->width < MIN_WIDTH)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "a width of %u columns is too narrow: give 0 (%d "
                        "columns) or at least %d",
                        opts->width, DEFAULT_WIDTH, MIN_WIDTH);
    if (opts->json_flags & ~CF_JSON_PRETTY)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "unknown JSON flags 0x%x (known: CF_JSON_PRETTY)",
                        (unsigned)(opts->json_flags & ~CF_JSON_PRETTY));
    *out = *opts;
    if (out->width == 0)
        out->width = DEFAULT_WIDTH;
    return CF_OK;
}

/* Checks that count >= 1 reports were given, none NULL. */
static int check_reports(const void *const *items, size_t count,
                         const char *what, cf_error *err)
{
    if (!items)
        return cfi_fail(err, CF_EARG, "", NULL, "the %s must not be NULL",
                        what);
    if (count == 0)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "no %s to render: count must be at least 1", what);
    for (size_t i = 0; i < count; i++)
        if (!items[i])
            return cfi_fail(err, CF_EARG, "", NULL, "%s %zu of %zu is NULL",
                            what, i + 1, count);
    return CF_OK;
}

/*
 * Hands the rendered text to the caller: a copy from malloc in *out, with
 * a Markdown document's trailing blank lines reduced to one line feed.
 * Frees buf; turns a failure code into a message.
 */
static int deliver(int rc, cf_report_format format, cfi_buf *buf,
                   const cf_allocator *a, char **out, cf_error *err)
{
    if (rc == CF_OK) {
        size_t len = buf->len;
        if (format == CF_REPORT_MARKDOWN)
            while (len >= 2 && buf->data[len - 1] == '\n' &&
                   buf->data[len - 2] == '\n')
                len--;
        char *copy = malloc(len + 1);
        if (copy) {
            if (len > 0)
                memcpy(copy, buf->data, len);
            copy[len] = '\0';
            *out = copy;
        } else {
            rc = CF_ENOMEM;
        }
    }
    cfi_buf_free(a, buf);
    if (rc == CF_EINVALID)
        return cfi_fail(err, CF_EINVALID, "", NULL,
                        "cannot render the report: one of its texts (a "
                        "subject, a title, an id...) is not valid UTF-8");
    if (rc != CF_OK)
        return cfi_fail(err, CF_ENOMEM, "", NULL, "out of memory");
    return CF_OK;
}

/*
 * Appends one report's JSON (from malloc, freed here) to buf: as it is,
 * or indented by two spaces as an item of a pretty array.
 */
static int add_json(const cf_allocator *a, cfi_buf *buf, char *json, int indent)
{
    int rc = CF_OK;
    const char *s = json;
    while (rc == CF_OK && *s) {
        size_t n = strcspn(s, "\n");
        if (indent)
            rc = cfi_buf_add(a, buf, "  ", 2);
        if (rc == CF_OK)
            rc = cfi_buf_add(a, buf, s, n);
        s += n;
        if (rc == CF_OK && *s == '\n') {
            rc = cfi_buf_addc(a, buf, '\n');
            s++;
        }
    }
    cf_string_free(json);
    return rc == CF_OK ? CF_OK : CF_ENOMEM;
}

/* One report's JSON text, or the error of the writer. */
typedef int (*to_json_fn)(const void *report, int flags, char **out,
                          cf_error *err);

static int json_scores(const void *r, int flags, char **out, cf_error *err)
{
    return cf_scores_to_json(r, flags, out, err);
}

static int json_gap(const void *r, int flags, char **out, cf_error *err)
{
    return cf_gap_report_to_json(r, flags, out, err);
}

static int json_team(const void *r, int flags, char **out, cf_error *err)
{
    return cf_team_report_to_json(r, flags, out, err);
}

static int json_consolidation(const void *r, int flags, char **out,
                              cf_error *err)
{
    return cf_consolidation_to_json(r, flags, out, err);
}

static int json_progress(const void *r, int flags, char **out, cf_error *err)
{
    return cf_progress_report_to_json(r, flags, out, err);
}

/*
 * The JSON of count reports into *out, ending with a line feed: one
 * object, or (array set) an array of them.
 */
static int render_json(const void *const *items, size_t count, int array,
                       to_json_fn to_json, const cf_render_options *o,
                       const cf_allocator *a, char **out, cf_error *err)
{
    cfi_buf buf = {NULL, 0, 0};
    int pretty = (o->json_flags & CF_JSON_PRETTY) != 0;
    int rc = array ? cfi_buf_add(a, &buf, pretty ? "[\n" : "[", pretty ? 2 : 1)
                   : CF_OK;
    for (size_t i = 0; i < count && rc == CF_OK; i++) {
        char *json = NULL;
        if (i > 0)
            rc = cfi_buf_add(a, &buf, pretty ? ",\n" : ",", pretty ? 2 : 1);
        if (rc != CF_OK)
            break;
        rc = to_json(items[i], o->json_flags, &json, err);
        if (rc != CF_OK) {
            /* The writer's own message says what went wrong. */
            cfi_buf_free(a, &buf);
            return rc;
        }
        rc = add_json(a, &buf, json, array && pretty);
    }
    if (rc == CF_OK && array)
        rc = cfi_buf_add(a, &buf, pretty ? "\n]" : "]", pretty ? 2 : 1);
    if (rc == CF_OK)
        rc = cfi_buf_addc(a, &buf, '\n');
    return deliver(rc == CF_OK ? CF_OK : CF_ENOMEM, CF_REPORT_JSON, &buf, a,
                   out, err);
}

int cf_scores_render(const cf_scores *const *scores, size_t count,
                     const cf_render_options *opts, char **out, cf_error *err)
{
    cf_render_options o;
    int rc = resolve(&o, opts, out, err);
    if (rc == CF_OK)
        rc = check_reports((const void *const *)scores, count, "scores", err);
    if (rc != CF_OK)
        return rc;
    const cf_allocator *a = &scores[0]->allocator;
    cfi_buf buf = {NULL, 0, 0};
    switch (o.format) {
    case CF_REPORT_JSON:
        return render_json((const void *const *)scores, count, 1, json_scores,
                           &o, a, out, err);
    case CF_REPORT_CSV:
        rc = cfi_render_scores_csv(scores, count, &o, &buf, a);
        break;
    case CF_REPORT_MARKDOWN:
        rc = cfi_render_scores_markdown(scores, count, &o, &buf, a);
        break;
    case CF_REPORT_HTML:
        rc = cfi_render_scores_html(scores, count, &o, &buf, a);
        break;
    default:
        rc = cfi_render_scores_text(scores, count, &o, &buf, a);
        break;
    }
    return deliver(rc, o.format, &buf, a, out, err);
}

int cf_gap_report_render(const cf_gap_report *const *reports, size_t count,
                         const cf_render_options *opts, char **out,
                         cf_error *err)
{
    cf_render_options o;
    int rc = resolve(&o, opts, out, err);
    if (rc == CF_OK)
        rc = check_reports((const void *const *)reports, count, "gap reports",
                           err);
    if (rc != CF_OK)
        return rc;
    const cf_allocator *a = &reports[0]->allocator;
    cfi_buf buf = {NULL, 0, 0};
    switch (o.format) {
    case CF_REPORT_JSON:
        return render_json((const void *const *)reports, count, 1, json_gap, &o,
                           a, out, err);
    case CF_REPORT_CSV:
        rc = cfi_render_gap_csv(reports, count, &o, &buf, a);
        break;
    case CF_REPORT_MARKDOWN:
        rc = cfi_render_gap_markdown(reports, count, &o, &buf, a);
        break;
    case CF_REPORT_HTML:
        rc = cfi_render_gap_html(reports, count, &o, &buf, a);
        break;
    default:
        rc = cfi_render_gap_text(reports, count, &o, &buf, a);
        break;
    }
    return deliver(rc, o.format, &buf, a, out, err);
}

int cf_team_report_render(const cf_team_report *r,
                          const cf_render_options *opts, char **out,
                          cf_error *err)
{
    cf_render_options o;
    int rc = resolve(&o, opts, out, err);
    const void *item = r;
    if (rc == CF_OK && !item)
        rc = cfi_fail(err, CF_EARG, "", NULL,
                      "the team report must not be NULL");
    if (rc != CF_OK)
        return rc;
    const cf_allocator *a = &r->allocator;
    cfi_buf buf = {NULL, 0, 0};
    switch (o.format) {
    case CF_REPORT_JSON:
        return render_json(&item, 1, 0, json_team, &o, a, out, err);
    case CF_REPORT_CSV:
        rc = cfi_render_team_csv(r, &o, &buf, a);
        break;
    case CF_REPORT_MARKDOWN:
        rc = cfi_render_team_markdown(r, &o, &buf, a);
        break;
    case CF_REPORT_HTML:
        rc = cfi_render_team_html(r, &o, &buf, a);
        break;
    default:
        rc = cfi_render_team_text(r, &o, &buf, a);
        break;
    }
    return deliver(rc, o.format, &buf, a, out, err);
}

int cf_consolidation_render(const cf_consolidation *c,
                            const cf_render_options *opts, char **out,
                            cf_error *err)
{
    cf_render_options o;
    int rc = resolve(&o, opts, out, err);
    const void *item = c;
    if (rc == CF_OK && !item)
        rc = cfi_fail(err, CF_EARG, "", NULL,
                      "the consolidation must not be NULL");
    if (rc != CF_OK)
        return rc;
    const cf_allocator *a = &c->allocator;
    cfi_buf buf = {NULL, 0, 0};
    switch (o.format) {
    case CF_REPORT_JSON:
        return render_json(&item, 1, 0, json_consolidation, &o, a, out, err);
    case CF_REPORT_CSV:
        rc = cfi_render_consolidation_csv(c, &o, &buf, a);
        break;
    case CF_REPORT_MARKDOWN:
        rc = cfi_render_consolidation_markdown(c, &o, &buf, a);
        break;
    case CF_REPORT_HTML:
        rc = cfi_render_consolidation_html(c, &o, &buf, a);
        break;
    default:
        rc = cfi_render_consolidation_text(c, &o, &buf, a);
        break;
    }
    return deliver(rc, o.format, &buf, a, out, err);
}

int cf_progress_report_render(const cf_progress_report *r,
                              const cf_render_options *opts, char **out,
                              cf_error *err)
{
    cf_render_options o;
    int rc = resolve(&o, opts, out, err);
    const void *item = r;
    if (rc == CF_OK && !item)
        rc = cfi_fail(err, CF_EARG, "", NULL,
                      "the progress report must not be NULL");
    if (rc != CF_OK)
        return rc;
    const cf_allocator *a = &r->allocator;
    cfi_buf buf = {NULL, 0, 0};
    switch (o.format) {
    case CF_REPORT_JSON:
        return render_json(&item, 1, 0, json_progress, &o, a, out, err);
    case CF_REPORT_CSV:
        rc = cfi_render_progress_csv(r, &o, &buf, a);
        break;
    case CF_REPORT_MARKDOWN:
        rc = cfi_render_progress_markdown(r, &o, &buf, a);
        break;
    case CF_REPORT_HTML:
        rc = cfi_render_progress_html(r, &o, &buf, a);
        break;
    default:
        rc = cfi_render_progress_text(r, &o, &buf, a);
        break;
    }
    return deliver(rc, o.format, &buf, a, out, err);
}
