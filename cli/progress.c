/* The progress line of long runs on standard error (see progress.h). */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "args.h"
#include "input.h"
#include "text.h"

/* Fewer files than this never show a line: there is nothing to count. */
#define PROGRESS_MIN_FILES 2
/* The widest line drawn, whatever the terminal says; bounds the buffer. */
#define PROGRESS_MAX_COLUMNS 400
/* Up to 4 bytes a column, the escape sequences and the ending NUL. */
#define PROGRESS_BUFFER (PROGRESS_MAX_COLUMNS * 4 + 16)

/* Back to the start of the line, and erase from there to its end. */
#define PROGRESS_CLEAR "\r\033[K"

static long long now_ms(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
        return 0;
    }
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A terminal that understands "\r" and "\033[K": not a pipe, not "dumb". */
static int stderr_can_redraw(void)
{
    const char *term = getenv("TERM");
    if (term == NULL || term[0] == '\0' || strcmp(term, "dumb") == 0) {
        return 0;
    }
    return isatty(STDERR_FILENO);
}

/* Standard error's own width; ctx's (COLUMNS, stdout's, 80) otherwise. */
static size_t stderr_columns(const cli_context *ctx)
{
    size_t columns = ctx->columns;
#ifdef TIOCGWINSZ
    struct winsize ws;
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
        columns = ws.ws_col;
    }
#endif
    return columns < PROGRESS_MAX_COLUMNS ? columns : PROGRESS_MAX_COLUMNS;
}

static long long delay_ms(void)
{
    const char *env = getenv(PROGRESS_DELAY_ENV);
    size_t ms = 0;
    if (env != NULL && args_parse_size(env, &ms) == 0 && ms < 3600000) {
        return (long long)ms;
    }
    return PROGRESS_DELAY_MS;
}

void progress_start(progress *p, const cli_context *ctx, const char *verb,
                    size_t total)
{
    memset(p, 0, sizeof *p);
    p->verb = verb;
    p->total = total;
    p->enabled = total >= PROGRESS_MIN_FILES && stderr_can_redraw();
    if (!p->enabled) {
        return;
    }
    p->columns = stderr_columns(ctx);
    p->ellipsis = cli_ellipsis(ctx);
    p->delay_ms = delay_ms();
    p->start_ms = now_ms();
    p->last_ms = -1;
}

void progress_disable(progress *p)
{
    progress_clear(p);
    p->enabled = 0;
}

/* Where the end of name that fits in room columns starts (a char start). */
static size_t tail_start(const char *name, size_t room)
{
    size_t start = 0;
    while (name[start] != '\0' && text_columns(name + start) > room) {
        start++;
        while (((unsigned char)name[start] & 0xc0) == 0x80) {
            start++; /* a UTF-8 continuation byte: not a character start */
        }
    }
    return start;
}

/*
 * Writes the line to out: "\r", the verb and count, the name (its end,
 * after the ellipsis, when it is too long), "\033[K". One column is left
 * free so that the terminal never wraps the line.
 */
static void write_line(const progress *p, FILE *out, size_t index,
                       const char *name)
{
    char count[96];
    text_line line;
    size_t width = p->columns > 1 ? p->columns - 1 : 1;
    size_t dots = text_columns(p->ellipsis);
    snprintf(count, sizeof count, "%s %zu of %zu: ", p->verb, index + 1,
             p->total);
    fputc('\r', out);
    text_line_start(&line, out, width, p->ellipsis);
    text_line_put(&line, count);
    if (!line.full && text_columns(name) > width - line.column &&
        width - line.column > dots) {
        name += tail_start(name, width - line.column - dots);
        text_line_put(&line, p->ellipsis);
    }
    text_line_put(&line, name);
    fputs("\033[K", out);
}

/*
 * Draws the line in one write, so the terminal never shows half of it: it
 * is composed in memory first (standard error is not buffered).
 */
static void draw(progress *p, size_t index, const char *name)
{
    char buffer[PROGRESS_BUFFER];
    FILE *mem = fmemopen(buffer, sizeof buffer, "w");
    if (mem == NULL) {
        return; /* only the progress line is lost */
    }
    write_line(p, mem, index, name);
    if (fclose(mem) == 0) {
        buffer[sizeof buffer - 1] = '\0'; /* fmemopen ends it if it fits */
        fputs(buffer, stderr);
        p->shown = 1;
    }
}

void progress_step(progress *p, size_t index, const char *operand)
{
    long long now;
    if (!p->enabled) {
        return;
    }
    if (strcmp(operand, INPUT_STDIN_OPERAND) == 0) {
        progress_clear(p);
        return;
    }
    now = now_ms();
    if (now - p->start_ms < p->delay_ms ||
        (p->last_ms >= 0 && now - p->last_ms < PROGRESS_INTERVAL_MS)) {
        return;
    }
    p->last_ms = now;
    draw(p, index, input_name(operand));
}

void progress_clear(progress *p)
{
    if (p->shown) {
        fputs(PROGRESS_CLEAR, stderr);
        p->shown = 0;
    }
}

void progress_end(progress *p)
{
    progress_clear(p);
    p->enabled = 0;
}
