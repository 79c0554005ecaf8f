/*
 * competency assess: the guided self-assessment, shared between its files.
 *
 *   cmd_assess.c      the command line, the run, the final reports
 *   assess_file.c     the state: what to ask, resuming FILE, who and when
 *   assess_session.c  the walk through the elements, answers, saving
 *   assess_screen.c   what the questionnaire shows, reading lines, signals
 *
 * The answers live in an assess_state, one level and note per element of
 * the framework. The library's assessments can only gain ratings, so every
 * save builds a new cf_assessment from the state and writes it with
 * cf_assessments_to_yaml: going back and changing an answer, or skipping
 * one, is then just a change of the state.
 */
#ifndef CLI_ASSESS_H
#define CLI_ASSESS_H

#include <stddef.h>
#include <stdio.h>

#include "cli.h"
#include "competency.h"

#define ASSESS_NAME "assess"
/* Room for one message of the command. */
#define ASSESS_MESSAGE_MAX 1024

#define ASSESS_SYNOPSIS "competency assess [OPTION]... -o FILE FRAMEWORK"

/* Everything the questionnaire knows and writes. */
typedef struct assess_state {
    cf_framework *fw;
    const char *path; /* -o FILE */
    char *subject, *rater, *role, *date;
    double *levels;          /* per element index; NaN when not answered */
    char **notes;            /* per element index; NULL when none */
    const cf_element **walk; /* the elements asked, in framework order */
    size_t walk_count;
} assess_state;

/* The command line. */
typedef struct assess_args {
    const char *framework, *output, *profile;
    const char *subject, *rater, *role, *date;
    int help;
} assess_args;

/* How a session ended. */
typedef enum assess_end {
    ASSESS_END_DONE,   /* every element of the walk was shown */
    ASSESS_END_QUIT,   /* q, or the end of the input */
    ASSESS_END_SIGNAL, /* SIGINT, SIGHUP or SIGTERM */
    ASSESS_END_FAILED  /* the file could not be written: stop */
} assess_end;

/* The lines read from standard input, through read(2). */
typedef struct assess_reader {
    char *buf; /* what was read and not yet returned */
    size_t len, cap;
    char *text;  /* the last line returned */
    size_t line; /* its number, from 1 */
    int eof;
} assess_reader;

/* What the questionnaire prints on, and how. */
typedef struct assess_io {
    const cli_context *ctx;
    int interactive; /* standard input is a terminal */
    FILE *screen;    /* standard error */
    assess_reader reader;
} assess_io;

/* ---- assess_file.c ---- */

/*
 * An empty state for fw (a reference is taken) saved to path; -1 when out
 * of memory. Free it with assess_state_free either way.
 */
int assess_state_init(assess_state *st, cf_framework *fw, const char *path);
void assess_state_free(assess_state *st);

/*
 * The elements to ask into st->walk: the leaves of the framework in
 * pre-order, with a profile only those under its targets. -1 when out of
 * memory.
 */
int assess_build_walk(assess_state *st, const cf_profile *profile);

/*
 * Loads the existing args->output into st: it must hold one assessment,
 * of the subject (rater, role) the options give, without x- keys.
 * Reports what is wrong. CLI_EXIT_OK or CLI_EXIT_INPUT.
 */
int assess_resume(const cli_context *ctx, const assess_args *args,
                  assess_state *st);

/*
 * Subject (the option, else asked for on the terminal), role, rater and
 * date of st, from the options over what FILE said. CLI_EXIT_OK, an exit
 * status, or 128 + a signal's number when one came at the question.
 */
int assess_settle_who(const assess_args *args, assess_state *st, assess_io *io);

/* ---- assess_session.c ---- */

/* The answers given so far among the elements of the walk. */
size_t assess_answered(const assess_state *st);

/*
 * Builds the assessment the state holds into *out. CF_OK, or a library
 * code with err filled.
 */
int assess_build(const assess_state *st, cf_assessment **out, cf_error *err);

/*
 * Writes the state to its file, replaced atomically, through the
 * library's YAML emitter. Reports a failure on standard error. Returns
 * CLI_EXIT_OK or CLI_EXIT_INPUT.
 */
int assess_save(const assess_state *st, const cli_context *ctx);

/* Asks the elements of the walk from position start on. */
assess_end assess_session_run(assess_state *st, assess_io *io, size_t start);

/* ---- assess_screen.c ---- */

/*
 * Catches SIGINT, SIGHUP and SIGTERM (those not ignored when the command
 * started) and blocks them: they are let through only while waiting for
 * input, so a save is never cut short. Returns 0, or -1 with errno.
 */
int assess_signals_install(void);
/*
 * Gives the signals caught back their default action, once everything is
 * saved: a Ctrl-C while the reports are printed stops the command.
 */
void assess_signals_restore(void);
/* The signal caught, 0 for none; "SIGINT", "SIGHUP" or "SIGTERM". */
int assess_signal_caught(void);
const char *assess_signal_name(int sig);

/*
 * Reads the next line of standard input into *line (borrowed until the
 * next call; without its line end, spaces kept). Returns 1, 0 at the end
 * of the input (or when the terminal is gone), -1 when a signal came.
 */
int assess_read_line(assess_reader *r, const char **line);
void assess_reader_free(assess_reader *r);

/* The width of the questionnaire: COLUMNS, the terminal's, else 80. */
size_t assess_screen_width(void);

/*
 * Prints text wrapped to width, every line after indent spaces; control
 * characters and runs of spaces become one space.
 */
void assess_wrap(FILE *out, const char *text, size_t indent, size_t width);

/* Shows element position (from 0) of the walk, with its current answer. */
void assess_show_element(const assess_state *st, const assess_io *io,
                         size_t position);

/* The prompt for the level of el (interactive mode). */
void assess_show_prompt(const assess_state *st, const assess_io *io,
                        const cf_element *el);

/* The help of the answers, for ?. */
void assess_show_help(FILE *out);

/* "1 Beginning, 2 Developing, 3 Proficient, 4 Advanced" into buf. */
void assess_level_list(const cf_scale *scale, char *buf, size_t size);

/* A level value as the reports print it (%g). */
void assess_format_value(double value, char *buf, size_t size);

#endif /* CLI_ASSESS_H */
