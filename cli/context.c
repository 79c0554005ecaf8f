/* The cli_context: locale, colour and output width from the environment. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "cli.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "args.h"

#define CLI_DEFAULT_COLUMNS 80

static int same_ignoring_case(const char *a, const char *b)
{
    for (; *a != '\0' && *b != '\0'; a++, b++) {
        char x = (*a >= 'A' && *a <= 'Z') ? (char)(*a - 'A' + 'a') : *a;
        char y = (*b >= 'A' && *b <= 'Z') ? (char)(*b - 'A' + 'a') : *b;
        if (x != y) {
            return 0;
        }
    }
    return *a == *b;
}

static int locale_is_utf8(void)
{
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (same_ignoring_case(codeset, "UTF-8") ||
                               same_ignoring_case(codeset, "UTF8"));
}

/*
 * Colour only on a terminal: both standard output and standard error must
 * be one, NO_COLOR must be absent (any value, even empty, turns colour off)
 * and the terminal must not be "dumb".
 */
static int wants_colour(void)
{
    const char *term = getenv("TERM");
    if (getenv("NO_COLOR") != NULL) {
        return 0;
    }
    if (term == NULL || strcmp(term, "dumb") == 0) {
        return 0;
    }
    return isatty(STDOUT_FILENO) && isatty(STDERR_FILENO);
}

static size_t terminal_columns(void)
{
#ifdef TIOCGWINSZ
    struct winsize ws;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0) {
        return ws.ws_col;
    }
#endif
    return 0;
}

/* COLUMNS when it is a positive number, else 0. */
static size_t environment_columns(void)
{
    const char *env = getenv("COLUMNS");
    size_t columns = 0;
    if (env != NULL && args_parse_size(env, &columns) == 0 && columns > 0) {
        return columns;
    }
    return 0;
}

/* COLUMNS when it is a positive number, else the terminal's width, else 80. */
static size_t output_columns(void)
{
    size_t columns = environment_columns();
    if (columns == 0) {
        columns = terminal_columns();
    }
    return columns > 0 ? columns : CLI_DEFAULT_COLUMNS;
}

/* Output to a file does not take the terminal's width: COLUMNS, or 80. */
static size_t file_columns(void)
{
    size_t columns = environment_columns();
    return columns > 0 ? columns : CLI_DEFAULT_COLUMNS;
}

void cli_context_init(cli_context *ctx)
{
    /* Only the character type: numbers keep the C locale's decimal point. */
    setlocale(LC_CTYPE, "");
    ctx->utf8 = locale_is_utf8();
    ctx->colour = wants_colour();
    ctx->columns = output_columns();
    ctx->file_columns = file_columns();
}

const char *cli_ellipsis(const cli_context *ctx)
{
    return ctx->utf8 ? "\xe2\x80\xa6" : "...";
}
