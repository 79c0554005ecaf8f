/* competency validate FILE...: check framework files like a compiler. */
#include <stdio.h>

#include "args.h"
#include "cli.h"
#include "input.h"
#include "output.h"
#include "progress.h"

#define VALIDATE_NAME "validate"
#define VALIDATE_SYNOPSIS "competency validate [-v | -q] FILE..."

enum { OPT_HELP, OPT_VERBOSE, OPT_QUIET };

static const args_option validate_options[] = {
    {"help", 'h', 0, OPT_HELP},
    {"verbose", 'v', 0, OPT_VERBOSE},
    {"quiet", 'q', 0, OPT_QUIET},
};

#define VALIDATE_OPTION_COUNT                                                  \
    (sizeof validate_options / sizeof validate_options[0])

/* How much to say: -1 nothing, 0 errors only, 1 errors and each valid file. */
typedef struct validate_settings {
    int verbosity;
    int help;
    size_t files;
} validate_settings;

void cmd_validate_help(FILE *out)
{
    fputs(
        "Usage: " VALIDATE_SYNOPSIS "\n"
        "\n"
        "Load each FILE as a competency framework and report every file that\n"
        "is not valid, as FILE:LINE:COLUMN: error: MESSAGE on standard error.\n"
        "A FILE of - reads a framework from standard input.\n"
        "\n"
        "Options:\n"
        "  -v, --verbose   also print FILE: ok (N elements, M scales) for "
        "valid "
        "files\n"
        "  -q, --quiet     print nothing; only the exit status tells\n"
        "  -h, --help      show this help and exit\n"
        "\n"
        "Exit status: 0 all files are valid, 1 some file is not, 2 usage "
        "error.\n",
        out);
}

/* Reads the options; returns CLI_EXIT_OK or CLI_EXIT_USAGE. */
static int validate_parse(validate_settings *s, int argc, char **argv)
{
    args_parser p;
    int id;
    args_init(&p, argc, argv, validate_options, VALIDATE_OPTION_COUNT);
    while ((id = args_next(&p)) != ARGS_END) {
        switch (id) {
        case ARGS_ERROR:
            out_usage_error(VALIDATE_NAME, VALIDATE_SYNOPSIS, "%s", p.problem);
            return CLI_EXIT_USAGE;
        case ARGS_OPERAND:
            s->files++;
            break;
        case OPT_HELP:
            s->help = 1;
            return CLI_EXIT_OK;
        case OPT_VERBOSE:
            s->verbosity = 1;
            break;
        default: /* OPT_QUIET; the last of -v and -q wins */
            s->verbosity = -1;
            break;
        }
    }
    if (s->files == 0) {
        out_usage_error(VALIDATE_NAME, VALIDATE_SYNOPSIS, "no files given");
        return CLI_EXIT_USAGE;
    }
    return CLI_EXIT_OK;
}

static const char *plural(size_t n)
{
    return n == 1 ? "" : "s";
}

/*
 * Validates one file; returns 1 when it is a valid framework. What it
 * prints comes after clearing the progress line: standard output may be
 * the same terminal.
 */
static int validate_one(const cli_context *ctx, const char *operand,
                        int verbosity, progress *p)
{
    cf_framework *fw = NULL;
    cf_error err;
    int rc = input_load_framework(&fw, operand, &err);
    if (rc != CF_OK) {
        if (verbosity >= 0) {
            progress_clear(p);
            out_load_error(ctx, input_name(operand), rc, &err);
        }
        return 0;
    }
    if (verbosity > 0) {
        size_t elements = cf_framework_element_count(fw);
        size_t scales = cf_framework_scale_count(fw);
        progress_clear(p);
        printf("%s: ok (%zu element%s, %zu scale%s)\n", input_name(operand),
               elements, plural(elements), scales, plural(scales));
    }
    cf_framework_free(fw);
    return 1;
}

/* Validates every operand, with a progress line unless told to be quiet. */
static int validate_files(const cli_context *ctx, const validate_settings *s,
                          int argc, char **argv)
{
    args_parser p;
    progress line;
    size_t index = 0;
    int id, status = CLI_EXIT_OK;
    progress_start(&line, ctx, "checking", s->files);
    if (s->verbosity < 0) {
        progress_disable(&line); /* -q promises to print nothing */
    }
    args_init(&p, argc, argv, validate_options, VALIDATE_OPTION_COUNT);
    while ((id = args_next(&p)) != ARGS_END) {
        if (id != ARGS_OPERAND) {
            continue;
        }
        progress_step(&line, index++, p.value);
        if (!validate_one(ctx, p.value, s->verbosity, &line)) {
            status = CLI_EXIT_INPUT;
        }
    }
    progress_end(&line);
    return status;
}

int cmd_validate_run(const cli_context *ctx, int argc, char **argv)
{
    validate_settings s = {0, 0, 0};
    int status = validate_parse(&s, argc, argv);
    if (status != CLI_EXIT_OK || s.help) {
        if (s.help) {
            cmd_validate_help(stdout);
        }
        return status;
    }
    return validate_files(ctx, &s, argc, argv);
}
