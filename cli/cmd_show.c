/* competency show FRAMEWORK: a framework's header, element tree and scales. */
#include <stdint.h>
#include <stdio.h>

#include "args.h"
#include "cli.h"
#include "input.h"
#include "output.h"
#include "text.h"

#define SHOW_NAME "show"
#define SHOW_SYNOPSIS "competency show [--depth N] [--width N] FRAMEWORK"
#define SHOW_LABEL_COLUMNS 11 /* "publisher: " */
#define SHOW_MIN_TITLE 20 /* align titles only when this much room is left */
#define SHOW_INDENT 2     /* columns per depth */
#define SHOW_GAP "  "

enum { OPT_HELP, OPT_DEPTH, OPT_WIDTH };

static const args_option show_options[] = {
    {"help", 'h', 0, OPT_HELP},
    {"depth", 'd', 1, OPT_DEPTH},
    {"width", 'w', 1, OPT_WIDTH},
};

#define SHOW_OPTION_COUNT (sizeof show_options / sizeof show_options[0])

typedef struct show_settings {
    size_t width;     /* 0 = no limit */
    size_t depth;     /* deepest element shown; SIZE_MAX = all */
    const char *file; /* the FRAMEWORK operand */
    size_t operands;
    int help;
} show_settings;

/* Where the columns of the tree go, decided once for the whole tree. */
typedef struct show_layout {
    size_t width;
    size_t depth;
    size_t id_columns;   /* widest indent + id */
    size_t kind_columns; /* widest "[kind]"; 0 when no element has a kind */
    int aligned;         /* titles start in one column */
    const char *ellipsis;
} show_layout;

void cmd_show_help(FILE *out)
{
    fputs("Usage: " SHOW_SYNOPSIS "\n"
          "\n"
          "Print a framework: a header (title, id, version, publisher, number\n"
          "of elements), then its elements as a tree, one per line,\n"
          "\n"
          "  ID  [kind]  title\n"
          "\n"
          "indented two spaces per depth, then its scales with the proficient\n"
          "level marked *. A FRAMEWORK of - is read from standard input.\n"
          "\n"
          "Options:\n"
          "  -d, --depth N   show elements down to depth N (0 = top level)\n"
          "  -w, --width N   fit lines in N columns, shortening titles with\n"
          "                  an ellipsis; 0 never shortens (default: COLUMNS,\n"
          "                  else the terminal's width, else 80)\n"
          "  -h, --help      show this help and exit\n"
          "\n"
          "Exit status: 0 shown, 1 the framework is not valid, 2 usage "
          "error.\n",
          out);
}

static int show_number(const char *option, const char *value, size_t *out)
{
    if (args_parse_size(value, out) != 0) {
        out_usage_error(SHOW_NAME, SHOW_SYNOPSIS,
                        "invalid value '%s' for %s (expected a whole number)",
                        value, option);
        return CLI_EXIT_USAGE;
    }
    return CLI_EXIT_OK;
}

static int show_option(show_settings *s, int id, const args_parser *p)
{
    switch (id) {
    case ARGS_ERROR:
        out_usage_error(SHOW_NAME, SHOW_SYNOPSIS, "%s", p->problem);
        return CLI_EXIT_USAGE;
    case ARGS_OPERAND:
        s->operands++;
        s->file = p->value;
        return CLI_EXIT_OK;
    case OPT_HELP:
        s->help = 1;
        return CLI_EXIT_OK;
    case OPT_DEPTH:
        return show_number("--depth", p->value, &s->depth);
    default: /* OPT_WIDTH */
        return show_number("--width", p->value, &s->width);
    }
}

static int show_parse(show_settings *s, int argc, char **argv)
{
    args_parser p;
    int id, status = CLI_EXIT_OK;
    args_init(&p, argc, argv, show_options, SHOW_OPTION_COUNT);
    while (status == CLI_EXIT_OK && !s->help &&
           (id = args_next(&p)) != ARGS_END) {
        status = show_option(s, id, &p);
    }
    if (status != CLI_EXIT_OK || s->help) {
        return status;
    }
    if (s->operands != 1) {
        out_usage_error(SHOW_NAME, SHOW_SYNOPSIS,
                        s->operands == 0 ? "no framework given"
                                         : "only one framework can be shown");
        return CLI_EXIT_USAGE;
    }
    return CLI_EXIT_OK;
}

static size_t kind_columns(const cf_element *el)
{
    const char *kind = cf_element_kind(el);
    return kind != NULL ? text_columns(kind) + 2 : 0; /* "[kind]" */
}

static void show_measure(show_layout *lay, const cf_framework *fw)
{
    size_t count = cf_framework_element_count(fw);
    for (size_t i = 0; i < count; i++) {
        const cf_element *el = cf_framework_element(fw, i);
        size_t depth = cf_element_depth(el);
        if (depth > lay->depth) {
            continue;
        }
        size_t id = SHOW_INDENT * depth + text_columns(cf_element_id(el));
        size_t kind = kind_columns(el);
        lay->id_columns = id > lay->id_columns ? id : lay->id_columns;
        lay->kind_columns = kind > lay->kind_columns ? kind : lay->kind_columns;
    }
}

static size_t title_column(const show_layout *lay)
{
    size_t gap = sizeof SHOW_GAP - 1;
    return lay->id_columns + gap +
           (lay->kind_columns > 0 ? lay->kind_columns + gap : 0);
}

static void show_layout_init(show_layout *lay, const cli_context *ctx,
                             const show_settings *s, const cf_framework *fw)
{
    lay->width = s->width;
    lay->depth = s->depth;
    lay->id_columns = 0;
    lay->kind_columns = 0;
    lay->ellipsis = cli_ellipsis(ctx);
    show_measure(lay, fw);
    lay->aligned =
        lay->width == 0 || title_column(lay) + SHOW_MIN_TITLE <= lay->width;
}

/* One header line, "label:     value"; nothing when value is NULL. */
static void show_field(const show_layout *lay, const char *label,
                       const char *value)
{
    text_line line;
    if (value == NULL) {
        return;
    }
    text_line_start(&line, stdout, lay->width, lay->ellipsis);
    text_line_put(&line, label);
    text_line_put(&line, ":");
    text_line_pad(&line, SHOW_LABEL_COLUMNS);
    text_line_put_n(&line, value, text_trimmed_length(value));
    text_line_end(&line);
}

static void show_header(const show_layout *lay, const cf_framework *fw,
                        size_t shown)
{
    char count[64];
    size_t total = cf_framework_element_count(fw);
    if (shown == total) {
        snprintf(count, sizeof count, "%zu", total);
    } else {
        snprintf(count, sizeof count, "%zu (%zu shown)", total, shown);
    }
    show_field(lay, "title", cf_framework_title(fw));
    show_field(lay, "id", cf_framework_id(fw));
    show_field(lay, "version", cf_framework_version(fw));
    show_field(lay, "publisher", cf_framework_publisher(fw));
    show_field(lay, "elements", count);
}

static void show_kind(const show_layout *lay, text_line *line,
                      const cf_element *el)
{
    const char *kind = cf_element_kind(el);
    if (lay->aligned) {
        text_line_pad(line, lay->id_columns);
    }
    if (kind != NULL) {
        text_line_put(line, SHOW_GAP "[");
        text_line_put(line, kind);
        text_line_put(line, "]");
    }
}

/* One element: indent, ID, [kind] and title, titles aligned when they fit. */
static void show_element(const show_layout *lay, const cf_element *el)
{
    const char *title = cf_element_title(el);
    text_line line;
    text_line_start(&line, stdout, lay->width, lay->ellipsis);
    text_line_pad(&line, SHOW_INDENT * cf_element_depth(el));
    text_line_put(&line, cf_element_id(el));
    if (lay->kind_columns > 0) {
        show_kind(lay, &line, el);
    }
    if (lay->aligned) {
        text_line_pad(&line, title_column(lay) - (sizeof SHOW_GAP - 1));
    }
    text_line_put(&line, SHOW_GAP);
    text_line_put_n(&line, title, text_trimmed_length(title));
    text_line_end(&line);
}

/* The elements in pre-order, down to the depth limit. */
static void show_tree(const show_layout *lay, const cf_framework *fw)
{
    size_t count = cf_framework_element_count(fw);
    for (size_t i = 0; i < count; i++) {
        const cf_element *el = cf_framework_element(fw, i);
        if (cf_element_depth(el) <= lay->depth) {
            show_element(lay, el);
        }
    }
}

static size_t count_shown(const show_layout *lay, const cf_framework *fw)
{
    size_t count = cf_framework_element_count(fw), shown = 0;
    for (size_t i = 0; i < count; i++) {
        shown += cf_element_depth(cf_framework_element(fw, i)) <= lay->depth;
    }
    return shown;
}

/* "VALUE LABEL", with * after the proficient level. */
static void show_level(text_line *line, const cf_scale *scale, size_t index)
{
    char value[40];
    const cf_level *level = cf_scale_level(scale, index);
    snprintf(value, sizeof value, "%g ", cf_level_value(level));
    text_line_put(line, value);
    text_line_put(line, cf_level_label(level));
    if (level == cf_scale_proficient(scale)) {
        text_line_put(line, "*");
    }
}

static size_t level_columns(const cf_scale *scale, size_t index)
{
    char value[40];
    const cf_level *level = cf_scale_level(scale, index);
    int n = snprintf(value, sizeof value, "%g ", cf_level_value(level));
    return (size_t)(n > 0 ? n : 0) + text_columns(cf_level_label(level)) +
           (level == cf_scale_proficient(scale) ? 1 : 0);
}

/*
 * "scale ID: 1 Beginning, 2 Developing, 3 Proficient*, 4 Advanced",
 * wrapped under the first level when it does not fit the width.
 */
static void show_scale(const show_layout *lay, const cf_scale *scale)
{
    text_line line;
    size_t count = cf_scale_level_count(scale), indent;
    text_line_start(&line, stdout, lay->width, lay->ellipsis);
    text_line_put(&line, "scale ");
    text_line_put(&line, cf_scale_id(scale));
    text_line_put(&line, ":");
    indent = line.column + 1;
    for (size_t i = 0; i < count; i++) {
        size_t need = 1 + level_columns(scale, i) + (i + 1 < count ? 1 : 0);
        if (i > 0) {
            text_line_put(&line, ",");
        }
        if (i > 0 && lay->width != 0 && line.column + need > lay->width) {
            text_line_end(&line);
            text_line_start(&line, stdout, lay->width, lay->ellipsis);
            text_line_pad(&line, indent - 1);
        }
        text_line_put(&line, " ");
        show_level(&line, scale, i);
    }
    text_line_end(&line);
}

static void show_framework(const cli_context *ctx, const show_settings *s,
                           const cf_framework *fw)
{
    show_layout lay;
    size_t scales = cf_framework_scale_count(fw);
    show_layout_init(&lay, ctx, s, fw);
    show_header(&lay, fw, count_shown(&lay, fw));
    fputc('\n', stdout);
    show_tree(&lay, fw);
    fputc('\n', stdout);
    for (size_t i = 0; i < scales; i++) {
        show_scale(&lay, cf_framework_scale(fw, i));
    }
}

int cmd_show_run(const cli_context *ctx, int argc, char **argv)
{
    show_settings s = {ctx->columns, SIZE_MAX, NULL, 0, 0};
    cf_framework *fw = NULL;
    cf_error err;
    int status = show_parse(&s, argc, argv), rc;
    if (status != CLI_EXIT_OK || s.help) {
        if (s.help) {
            cmd_show_help(stdout);
        }
        return status;
    }
    rc = input_load_framework(&fw, s.file, &err);
    if (rc != CF_OK) {
        out_load_error(ctx, input_name(s.file), rc, &err);
        return CLI_EXIT_INPUT;
    }
    show_framework(ctx, &s, fw);
    cf_framework_free(fw);
    return CLI_EXIT_OK;
}
