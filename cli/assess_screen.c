/* What competency assess shows, how it reads, its signals (see assess.h). */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* sigaction, pselect */
#endif

#include "assess.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <unistd.h>

#include "args.h"
#include "text.h"

#define ASSESS_DEFAULT_WIDTH 80
#define ASSESS_MIN_WIDTH 20
#define ASSESS_READ_CHUNK 4096
/* A longer line is cut: no answer or note needs more. */
#define ASSESS_MAX_LINE (64u * 1024)

#define BOLD "\x1b[1m"
#define RESET "\x1b[0m"

/*
 * The one piece of global state: which signal came. A handler may only
 * set a volatile sig_atomic_t; the session looks at it between reads.
 */
static volatile sig_atomic_t caught_signal = 0;

static void on_signal(int sig)
{
    caught_signal = sig;
}

int assess_signal_caught(void)
{
    return (int)caught_signal;
}

const char *assess_signal_name(int sig)
{
    return sig == SIGINT ? "SIGINT" : sig == SIGHUP ? "SIGHUP" : "SIGTERM";
}

/*
 * Catches sig unless it was ignored when the command started (nohup, a
 * background job of a script): that choice of the caller is kept.
 */
static int catch_signal(int sig, sigset_t *blocked)
{
    struct sigaction sa, old;
    if (sigaction(sig, NULL, &old) != 0) {
        return -1;
    }
    if (old.sa_handler == SIG_IGN) {
        return 0;
    }
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a wait for input must end */
    sigaddset(blocked, sig);
    return sigaction(sig, &sa, NULL);
}

int assess_signals_install(void)
{
    static const int signals[] = {SIGINT, SIGHUP, SIGTERM};
    sigset_t blocked;
    sigemptyset(&blocked);
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        if (catch_signal(signals[i], &blocked) != 0) {
            return -1;
        }
    }
    return sigprocmask(SIG_BLOCK, &blocked, NULL);
}

void assess_signals_restore(void)
{
    static const int signals[] = {SIGINT, SIGHUP, SIGTERM};
    sigset_t blocked;
    sigemptyset(&blocked);
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction sa;
        if (sigaction(signals[i], NULL, &sa) == 0 &&
            sa.sa_handler == on_signal) {
            sa.sa_handler = SIG_DFL;
            sigaction(signals[i], &sa, NULL);
            sigaddset(&blocked, signals[i]);
        }
    }
    sigprocmask(SIG_UNBLOCK, &blocked, NULL);
}

/*
 * Lets in, for an instant, a signal that came while they were blocked (a
 * save): pselect delivers one only when it has to wait, not when input is
 * ready too. Whether one was caught.
 */
static int take_pending(const sigset_t *open)
{
    sigset_t blocked;
    sigprocmask(SIG_SETMASK, open, &blocked);
    sigprocmask(SIG_SETMASK, &blocked, NULL);
    return caught_signal != 0;
}

/*
 * Waits until standard input can be read, letting the caught signals in
 * only during the wait (pselect does both at once, so a signal that comes
 * just before the wait still ends it). 0 when readable, -1 for a signal.
 */
static int wait_for_input(void)
{
    sigset_t during;
    fd_set fds;
    sigprocmask(SIG_BLOCK, NULL, &during);
    sigdelset(&during, SIGINT);
    sigdelset(&during, SIGHUP);
    sigdelset(&during, SIGTERM);
    while (!take_pending(&during)) {
        FD_ZERO(&fds);
        FD_SET(STDIN_FILENO, &fds);
        if (pselect(STDIN_FILENO + 1, &fds, NULL, NULL, NULL, &during) > 0 ||
            errno != EINTR) {
            /* ready (or an error for read() to report): a signal first */
            return take_pending(&during) ? -1 : 0;
        }
    }
    return -1;
}

/* Reads more of standard input into r; 1 read, 0 end, -1 signal. */
static int fill(assess_reader *r)
{
    ssize_t n;
    if (r->cap - r->len < ASSESS_READ_CHUNK) {
        size_t cap = r->cap + ASSESS_READ_CHUNK * 2;
        char *bigger = realloc(r->buf, cap);
        if (bigger == NULL) {
            return 0;
        }
        r->buf = bigger;
        r->cap = cap;
    }
    if (wait_for_input() != 0) {
        return -1;
    }
    do {
        n = read(STDIN_FILENO, r->buf + r->len, ASSESS_READ_CHUNK);
    } while (n < 0 && errno == EINTR && caught_signal == 0);
    if (n < 0 && caught_signal != 0) {
        return -1;
    }
    if (n <= 0) {
        return 0; /* the end, or EIO: a terminal that has gone away */
    }
    r->len += (size_t)n;
    return 1;
}

/* Drops the first used bytes of r's buffer. */
static void consume(assess_reader *r, size_t used)
{
    memmove(r->buf, r->buf + used, r->len - used);
    r->len -= used;
}

static char *find_newline(const assess_reader *r)
{
    return r->len > 0 ? memchr(r->buf, '\n', r->len) : NULL;
}

/* Makes the line ending at nl (NULL: the rest) r's text, without CR LF. */
static int take_line(assess_reader *r, const char *nl, const char **line)
{
    size_t len = nl != NULL ? (size_t)(nl - r->buf) : r->len;
    size_t keep = len < ASSESS_MAX_LINE ? len : ASSESS_MAX_LINE;
    char *text = malloc(keep + 1);
    if (text == NULL) {
        return 0;
    }
    memcpy(text, r->buf, keep);
    if (keep > 0 && text[keep - 1] == '\r') {
        keep--;
    }
    text[keep] = '\0';
    consume(r, nl != NULL ? len + 1 : len);
    free(r->text);
    r->text = text;
    r->line++;
    *line = text;
    return 1;
}

int assess_read_line(assess_reader *r, const char **line)
{
    char *nl;
    while ((nl = find_newline(r)) == NULL && !r->eof &&
           r->len < ASSESS_MAX_LINE) {
        int got = fill(r);
        if (got < 0) {
            return -1;
        }
        r->eof = got == 0;
    }
    if (nl == NULL && r->len == 0) {
        return 0;
    }
    return take_line(r, nl, line);
}

void assess_reader_free(assess_reader *r)
{
    free(r->buf);
    free(r->text);
    memset(r, 0, sizeof *r);
}

/* The width of the terminal on fd, 0 when it is none. */
static size_t terminal_width(int fd)
{
#ifdef TIOCGWINSZ
    struct winsize ws;
    if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0) {
        return ws.ws_col;
    }
#endif
    (void)fd;
    return 0;
}

/* Asked again for every element, so a resized window is followed. */
size_t assess_screen_width(void)
{
    const char *env = getenv("COLUMNS");
    size_t width = 0;
    if (env == NULL || args_parse_size(env, &width) != 0 || width == 0) {
        width = terminal_width(STDERR_FILENO);
    }
    if (width == 0) {
        width = ASSESS_DEFAULT_WIDTH;
    }
    return width < ASSESS_MIN_WIDTH ? ASSESS_MIN_WIDTH : width;
}

static int is_blank(char c)
{
    return (unsigned char)c <= ' ' || c == 0x7f;
}

static void spaces(FILE *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        fputc(' ', out);
    }
}

/*
 * Prints text from column (where the cursor already is) on, breaking
 * lines at spaces before width; new lines start after indent spaces.
 */
static void wrap_from(FILE *out, const char *text, size_t indent, size_t column,
                      size_t width)
{
    int empty = 1; /* no word on this line yet */
    if (width < indent + 10) {
        width = indent + 10;
    }
    while (*text != '\0') {
        size_t n = 0, w;
        while (*text != '\0' && is_blank(*text)) {
            text++;
        }
        while (text[n] != '\0' && !is_blank(text[n])) {
            n++;
        }
        if (n == 0) {
            break;
        }
        w = text_columns_n(text, n);
        if (!empty && column + 1 + w > width) {
            fputc('\n', out);
            column = 0;
            empty = 1;
        }
        if (empty && column < indent) {
            spaces(out, indent - column);
            column = indent;
        } else if (!empty) {
            fputc(' ', out);
            column++;
        }
        text_write(out, text, n);
        column += w;
        text += n;
        empty = 0;
    }
    if (!empty) {
        fputc('\n', out);
    }
}

void assess_wrap(FILE *out, const char *text, size_t indent, size_t width)
{
    wrap_from(out, text, indent, 0, width);
}

void assess_format_value(double value, char *buf, size_t size)
{
    snprintf(buf, size, "%g", value);
}

void assess_level_list(const cf_scale *scale, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < cf_scale_level_count(scale) && used < size; i++) {
        const cf_level *level = cf_scale_level(scale, i);
        char value[32];
        int n;
        assess_format_value(cf_level_value(level), value, sizeof value);
        n = snprintf(buf + used, size - used, "%s%s %s", i > 0 ? ", " : "",
                     value, cf_level_label(level));
        used += n > 0 ? (size_t)n : 0;
    }
}

/* The ancestors of el, top first, each on a line cut to the width. */
static void show_path(const assess_io *io, const cf_element *el, size_t width)
{
    const cf_element *chain[CF_MAX_DEPTH_CEILING];
    size_t depth = 0;
    for (const cf_element *p = cf_element_parent(el);
         p != NULL && depth < CF_MAX_DEPTH_CEILING; p = cf_element_parent(p)) {
        chain[depth++] = p;
    }
    for (size_t d = 0; d < depth; d++) {
        const cf_element *a = chain[depth - 1 - d];
        text_line line;
        text_line_start(&line, io->screen, width, cli_ellipsis(io->ctx));
        text_line_pad(&line, 2 * d);
        text_line_put(&line, cf_element_id(a));
        text_line_put(&line, "  ");
        text_line_put(&line, cf_element_title(a));
        text_line_end(&line);
    }
}

/* The id and the whole title, wrapped under the title. */
static void show_title(const assess_io *io, const cf_element *el, size_t width)
{
    size_t indent = 2 * cf_element_depth(el);
    const char *id = cf_element_id(el);
    size_t hang = indent + text_columns(id) + 2;
    spaces(io->screen, indent);
    if (io->ctx->colour) {
        fputs(BOLD, io->screen);
    }
    text_write(io->screen, id, strlen(id));
    fputs("  ", io->screen);
    if (hang + 20 > width) { /* a long id: the title below it */
        fputc('\n', io->screen);
        hang = indent + 2;
        wrap_from(io->screen, cf_element_title(el), hang, 0, width);
    } else {
        wrap_from(io->screen, cf_element_title(el), hang, hang, width);
    }
    if (io->ctx->colour) {
        fputs(RESET, io->screen);
    }
}

/* The levels of el's scale, one a line, the proficient one marked. */
static void show_levels(const assess_io *io, const cf_element *el, size_t width)
{
    const cf_scale *scale = cf_element_scale(el);
    const cf_level *proficient = cf_scale_proficient(scale);
    size_t count = cf_scale_level_count(scale), widest = 0;
    char value[32];
    for (size_t i = 0; i < count; i++) {
        assess_format_value(cf_level_value(cf_scale_level(scale, i)), value,
                            sizeof value);
        widest = strlen(value) > widest ? strlen(value) : widest;
    }
    fputs("\n  Levels:\n", io->screen);
    for (size_t i = 0; i < count; i++) {
        const cf_level *level = cf_scale_level(scale, i);
        char label[512];
        snprintf(label, sizeof label, "%.400s%s", cf_level_label(level),
                 level == proficient ? " (proficient)" : "");
        assess_format_value(cf_level_value(level), value, sizeof value);
        fprintf(io->screen, "    %*s  ", (int)widest, value);
        /* a long label goes on under itself */
        wrap_from(io->screen, label, widest + 6, widest + 6, width);
    }
}

/* The answer and note the element has, if any. */
static void show_answer(const assess_state *st, const assess_io *io,
                        const cf_element *el, size_t width)
{
    size_t index = cf_element_index(el);
    const char *note = st->notes[index];
    if (!isnan(st->levels[index])) {
        const cf_level *level =
            cf_scale_find_value(cf_element_scale(el), st->levels[index]);
        char value[32];
        assess_format_value(st->levels[index], value, sizeof value);
        fprintf(io->screen, "\n  Answer: %s ", value);
        if (level != NULL) {
            text_write(io->screen, cf_level_label(level),
                       strlen(cf_level_label(level)));
        }
        fputs(" (Enter keeps it)\n", io->screen);
    }
    if (note != NULL) {
        fputs(isnan(st->levels[index]) ? "\n" : "", io->screen);
        fputs("  Note: ", io->screen);
        wrap_from(io->screen, note, 8, 8, width);
    }
}

void assess_show_element(const assess_state *st, const assess_io *io,
                         size_t position)
{
    const cf_element *el = st->walk[position];
    const char *description = cf_element_description(el);
    size_t width = assess_screen_width();
    fprintf(io->screen, "\n%zu of %zu  (%zu answered)\n", position + 1,
            st->walk_count, assess_answered(st));
    show_path(io, el, width);
    show_title(io, el, width);
    if (description != NULL) {
        fputc('\n', io->screen);
        assess_wrap(io->screen, description, 2 * cf_element_depth(el) + 2,
                    width);
    }
    show_levels(io, el, width);
    show_answer(st, io, el, width);
}

void assess_show_prompt(const assess_state *st, const assess_io *io,
                        const cf_element *el)
{
    const cf_scale *scale = cf_element_scale(el);
    size_t index = cf_element_index(el), last = cf_scale_level_count(scale) - 1;
    char low[32], high[32], current[32];
    assess_format_value(cf_level_value(cf_scale_level(scale, 0)), low,
                        sizeof low);
    assess_format_value(cf_level_value(cf_scale_level(scale, last)), high,
                        sizeof high);
    fprintf(io->screen, "Level %s-%s or a label; s, b, n, ?, q", low, high);
    if (!isnan(st->levels[index])) {
        assess_format_value(st->levels[index], current, sizeof current);
        fprintf(io->screen, " [%s]", current);
    }
    fputs(": ", io->screen);
    fflush(io->screen);
}

void assess_show_help(FILE *out)
{
    fputs("Answers:\n"
          "  3, Proficient  a level: its value, or its label in any case;\n"
          "                 the start of a label does when no other label\n"
          "                 starts so (prof)\n"
          "  Enter          keep the answer shown\n"
          "  s              skip: leave the element unanswered (an earlier\n"
          "                 answer to it is removed)\n"
          "  b              back to the previous element\n"
          "  n              write a note on the element (one line), then\n"
          "                 give its level: the note is saved with it\n"
          "  ?              this help\n"
          "  q              save and quit: run the same command to resume\n"
          "Every answer is saved to the file at once; Ctrl-C loses nothing.\n",
          out);
}
