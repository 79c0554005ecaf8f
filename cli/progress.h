/*
 * A progress line on standard error for commands that go through many
 * files (validate, and every command that loads assessments):
 *
 *   loading 120 of 3000: examples/assessments/wren-folio-manager.yaml
 *
 * rewritten in place with a carriage return and cleared at the end, so it
 * leaves nothing behind. It is drawn only when standard error is a
 * terminal that can redraw a line (TERM set and not "dumb"), never in a
 * pipe or a file; only for two files or more, and only once the work has
 * taken PROGRESS_DELAY_MS (or COMPETENCY_PROGRESS_DELAY milliseconds), so
 * quick runs stay quiet; and at most every PROGRESS_INTERVAL_MS. The line
 * is cut to the terminal's width, keeping the end of the file's name.
 *
 * Anything else printed while the line may be shown (a diagnostic, a line
 * on a standard output that is the same terminal) must be preceded by
 * progress_clear, so that it starts on a clean line.
 */
#ifndef CLI_PROGRESS_H
#define CLI_PROGRESS_H

#include <stddef.h>

#include "cli.h"

#define PROGRESS_DELAY_MS 200
#define PROGRESS_INTERVAL_MS 100
/* The environment variable that replaces PROGRESS_DELAY_MS (the tests set
 * it to 0 so that a quick run shows the line). */
#define PROGRESS_DELAY_ENV "COMPETENCY_PROGRESS_DELAY"

/* One progress line; lives on the stack of the command that reports. */
typedef struct progress {
    int enabled;          /* standard error can show the line */
    int shown;            /* the line is on the screen now */
    const char *verb;     /* "loading", "checking" */
    size_t total;         /* how many files */
    size_t columns;       /* the terminal's width */
    const char *ellipsis; /* for a name cut at its start */
    long long start_ms;   /* when progress_start was called */
    long long last_ms;    /* when the line was last drawn */
    long long delay_ms;   /* how long to stay quiet first */
} progress;

/* Starts a line for total files; enabled when all the rules above allow. */
void progress_start(progress *p, const cli_context *ctx, const char *verb,
                    size_t total);

/* Off whatever the terminal: for a command asked to print nothing. */
void progress_disable(progress *p);

/*
 * Says that the file operand, number index (from 0) of the total, is
 * being worked on; redraws the line when it is due. Standard input ("-")
 * clears the line instead: the user may be typing on that terminal.
 */
void progress_step(progress *p, size_t index, const char *operand);

/* Removes the line from the screen, if it is there. */
void progress_clear(progress *p);

/* Ends the line: clears it; the struct may be dropped after. */
void progress_end(progress *p);

#endif /* CLI_PROGRESS_H */
