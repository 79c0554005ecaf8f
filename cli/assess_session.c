/* The questionnaire of competency assess: answers and saving (assess.h). */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* strdup */
#endif

#include "assess.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "atomic_file.h"
#include "input.h"
#include "output.h"

size_t assess_answered(const assess_state *st)
{
    size_t count = 0;
    for (size_t i = 0; i < st->walk_count; i++) {
        if (!isnan(st->levels[cf_element_index(st->walk[i])])) {
            count++;
        }
    }
    return count;
}

/* Subject, rater, role and date of st on a. */
static int build_metadata(const assess_state *st, cf_assessment *a,
                          cf_error *err)
{
    int rc = cf_assessment_set_rater(a, st->rater, err);
    if (rc == CF_OK) {
        rc = cf_assessment_set_role(a, st->role, err);
    }
    if (rc == CF_OK) {
        rc = cf_assessment_set_date(a, st->date, err);
    }
    return rc;
}

int assess_build(const assess_state *st, cf_assessment **out, cf_error *err)
{
    size_t count = cf_framework_element_count(st->fw);
    int rc = cf_assessment_new(out, st->fw, st->subject, NULL, err);
    if (rc == CF_OK) {
        rc = build_metadata(st, *out, err);
    }
    /* every rated element, inside the walk or not: none may be lost */
    for (size_t i = 0; rc == CF_OK && i < count; i++) {
        if (!isnan(st->levels[i])) {
            rc = cf_assessment_rate(
                *out, cf_element_id(cf_framework_element(st->fw, i)),
                st->levels[i], st->notes[i], err);
        }
    }
    if (rc != CF_OK && *out != NULL) {
        cf_assessment_free(*out);
        *out = NULL;
    }
    return rc;
}

/* The YAML of the state, from the library's emitter. */
static int render_yaml(const assess_state *st, char **yaml, cf_error *err)
{
    cf_assessment *a = NULL;
    int rc = assess_build(st, &a, err);
    if (rc == CF_OK) {
        const cf_assessment *items[1] = {a};
        rc = cf_assessments_to_yaml(items, 1, yaml, err);
    }
    cf_assessment_free(a);
    return rc;
}

int assess_save(const assess_state *st, const cli_context *ctx)
{
    const char *what = "cannot write the file";
    char message[CF_ERROR_MESSAGE_MAX + 64];
    char *yaml = NULL;
    cf_error err;
    int rc, errnum;
    memset(&err, 0, sizeof err);
    rc = render_yaml(st, &yaml, &err);
    if (rc != CF_OK) {
        out_error_at(ctx, st->path, 0, 0,
                     err.message[0] != '\0' ? err.message : cf_strerror(rc));
        return CLI_EXIT_INPUT;
    }
    rc = atomic_write_file(st->path, yaml, strlen(yaml), &what);
    errnum = errno;
    cf_string_free(yaml);
    if (rc != 0) {
        snprintf(message, sizeof message, "%s: %s", what, strerror(errnum));
        out_error_at(ctx, st->path, 0, 0, message);
        return CLI_EXIT_INPUT;
    }
    return CLI_EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* Reading an answer                                                  */
/* ------------------------------------------------------------------ */

typedef enum answer_kind {
    ANSWER_LEVEL,
    ANSWER_EMPTY,
    ANSWER_SKIP,
    ANSWER_BACK,
    ANSWER_NOTE,
    ANSWER_HELP,
    ANSWER_QUIT,
    ANSWER_BAD
} answer_kind;

static char fold(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Whether the first n bytes of a and b match, ASCII letters in any case. */
static int same_start(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (a[i] == '\0' || b[i] == '\0' || fold(a[i]) != fold(b[i])) {
            return 0;
        }
    }
    return 1;
}

/* The one-letter commands, in either case. */
static answer_kind command_of(const char *text)
{
    static const char letters[] = "sbn?q";
    static const answer_kind kinds[] = {ANSWER_SKIP, ANSWER_BACK, ANSWER_NOTE,
                                        ANSWER_HELP, ANSWER_QUIT};
    const char *hit;
    if (text[0] == '\0') {
        return ANSWER_EMPTY;
    }
    if (text[1] != '\0' || (hit = strchr(letters, fold(text[0]))) == NULL) {
        return ANSWER_BAD;
    }
    return kinds[hit - letters];
}

/* "'x' is not a level: ..." with the choices, into why. */
static void not_a_level(const cf_scale *scale, const char *text, char *why,
                        size_t size)
{
    char levels[ASSESS_MESSAGE_MAX / 2];
    assess_level_list(scale, levels, sizeof levels);
    snprintf(why, size,
             "'%.100s' is not a level of scale '%s': answer one of %s (a "
             "value, a label or the start of one), or s, b, n, ? or q",
             text, cf_scale_id(scale), levels);
}

/* The labels that text starts, into why, for an ambiguous answer. */
static void ambiguous(const cf_scale *scale, const char *text, char *why,
                      size_t size)
{
    size_t used, len = strlen(text);
    int n =
        snprintf(why, size, "'%.100s' is the start of several labels:", text);
    used = n > 0 ? (size_t)n : 0;
    for (size_t i = 0; i < cf_scale_level_count(scale) && used < size; i++) {
        const char *label = cf_level_label(cf_scale_level(scale, i));
        if (same_start(label, text, len)) {
            n = snprintf(why + used, size - used, " %s", label);
            used += n > 0 ? (size_t)n : 0;
        }
    }
    if (used < size) {
        snprintf(why + used, size - used, "; type more of the label");
    }
}

/* The level whose label is text, or which text is the only start of. */
static const cf_level *by_label(const cf_scale *scale, const char *text,
                                size_t *matches)
{
    const cf_level *found = NULL;
    size_t len = strlen(text);
    *matches = 0;
    for (size_t i = 0; i < cf_scale_level_count(scale); i++) {
        const cf_level *level = cf_scale_level(scale, i);
        const char *label = cf_level_label(level);
        if (strlen(label) == len && same_start(label, text, len)) {
            *matches = 1;
            return level; /* a whole label wins over starts of others */
        }
        if (same_start(label, text, len)) {
            found = level;
            (*matches)++;
        }
    }
    return *matches == 1 ? found : NULL;
}

/* An answer that is not a command: a level value or label into *value. */
static answer_kind level_of(const cf_element *el, const char *text,
                            double *value, char *why, size_t size)
{
    const cf_scale *scale = cf_element_scale(el);
    const cf_level *level = NULL;
    double number;
    size_t matches = 0;
    if (args_parse_number(text, &number) == 0) {
        level = cf_scale_find_value(scale, number);
    }
    if (level == NULL) {
        level = by_label(scale, text, &matches);
    }
    if (level != NULL) {
        *value = cf_level_value(level);
        return ANSWER_LEVEL;
    }
    if (matches > 1) {
        ambiguous(scale, text, why, size);
    } else {
        not_a_level(scale, text, why, size);
    }
    return ANSWER_BAD;
}

/* text without the spaces around it, in place. */
static char *trim(char *text)
{
    size_t len = strlen(text);
    while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t')) {
        text[--len] = '\0';
    }
    while (*text == ' ' || *text == '\t') {
        text++;
    }
    return text;
}

static answer_kind parse_answer(const cf_element *el, char *line, double *value,
                                char *why, size_t size)
{
    char *text = trim(line);
    answer_kind kind = command_of(text);
    if (kind != ANSWER_BAD) {
        return kind;
    }
    return level_of(el, text, value, why, size);
}

/* ------------------------------------------------------------------ */
/* The walk                                                           */
/* ------------------------------------------------------------------ */

/* Where the session is, and what it reads from. */
typedef struct session {
    assess_state *st;
    assess_io *io;
    size_t position; /* in the walk */
} session;

/* A message about an answer: on the terminal as is, in scripted mode
 * as "<stdin>:LINE:1: error: ID: MESSAGE". */
static void answer_error(const session *s, const char *message)
{
    if (s->io->interactive) {
        assess_wrap(s->io->screen, message, 2, assess_screen_width());
        return;
    }
    {
        char full[ASSESS_MESSAGE_MAX + 64];
        snprintf(full, sizeof full, "%s: %s",
                 cf_element_id(s->st->walk[s->position]), message);
        out_error_at(s->io->ctx, INPUT_STDIN_NAME, s->io->reader.line, 1, full);
    }
}

/* Reads a line: 1, 0 at the end of the input, -1 for a signal. */
static int next_line(session *s, char **line)
{
    const char *text = NULL;
    int got = assess_read_line(&s->io->reader, &text);
    *line = (char *)text;
    if (got == 0 && s->io->interactive) {
        fputc('\n', s->io->screen); /* Ctrl-D left the cursor on the prompt */
    }
    return got;
}

/* Whether text is valid UTF-8 (the emitter refuses anything else). */
static int valid_utf8(const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    while (*s != '\0') {
        size_t n = *s < 0x80 ? 1 : *s >= 0xf0 ? 4 : *s >= 0xe0 ? 3 : 2;
        if (*s >= 0x80 && (*s < 0xc2 || *s > 0xf4)) {
            return 0;
        }
        for (size_t i = 1; i < n; i++) {
            if ((s[i] & 0xc0) != 0x80) {
                return 0;
            }
        }
        s += n;
    }
    return 1;
}

/* Replaces the note of element index: "-" removes it, "" keeps it. */
static int set_note(session *s, size_t index, char *text)
{
    char *copy;
    text = trim(text);
    if (text[0] == '\0') {
        return 0;
    }
    if (!valid_utf8(text)) {
        answer_error(s, "the note is not valid UTF-8 text; it was not kept");
        return 0;
    }
    copy = strcmp(text, "-") == 0 ? NULL : strdup(text);
    if (copy == NULL && strcmp(text, "-") != 0) {
        answer_error(s, "out of memory: the note was not kept");
        return 0;
    }
    free(s->st->notes[index]);
    s->st->notes[index] = copy;
    return 1;
}

/* n: reads the note on the next line. 1 done, 0 end of input, -1 signal. */
static int take_note(session *s)
{
    const cf_element *el = s->st->walk[s->position];
    size_t index = cf_element_index(el);
    char *line;
    int got;
    if (s->io->interactive) {
        fprintf(s->io->screen,
                "Note on %s (one line; Enter alone keeps the note as it "
                "is, - removes it): ",
                cf_element_id(el));
        fflush(s->io->screen);
    }
    got = next_line(s, &line);
    if (got <= 0) {
        return got;
    }
    if (set_note(s, index, line) && isnan(s->st->levels[index]) &&
        s->io->interactive) {
        fputs("  The note is saved with the level: give it now.\n",
              s->io->screen);
    }
    return 1;
}

/* What one answer does to the session. */
typedef enum step {
    STEP_STAY, /* ask the same element again */
    STEP_NEXT,
    STEP_BACK,
    STEP_QUIT,
    STEP_SIGNAL,
    STEP_FAILED
} step;

/* Saves after an answer; STEP_FAILED when the file cannot be written. */
static step saved(session *s, step then)
{
    return assess_save(s->st, s->io->ctx) == CLI_EXIT_OK ? then : STEP_FAILED;
}

static step on_skip(session *s, size_t index)
{
    if (!isnan(s->st->levels[index]) && s->io->interactive) {
        fprintf(s->io->screen, "  Skipped: the answer to %s is removed.\n",
                cf_element_id(s->st->walk[s->position]));
    }
    s->st->levels[index] = NAN;
    return saved(s, STEP_NEXT);
}

static step on_back(session *s)
{
    if (s->position == 0) {
        answer_error(s, "this is the first element: there is none before it");
        return STEP_STAY;
    }
    return STEP_BACK;
}

static step on_note(session *s)
{
    int got = take_note(s);
    if (got < 0) {
        return STEP_SIGNAL;
    }
    return got == 0 ? STEP_QUIT : saved(s, STEP_STAY);
}

static step on_empty(session *s, size_t index)
{
    if (!isnan(s->st->levels[index])) {
        return saved(s, STEP_NEXT); /* Enter keeps the answer */
    }
    if (s->io->interactive) {
        fputs("  Type a level, or ? for help.\n", s->io->screen);
    }
    return STEP_STAY;
}

/* Acts on one line of input for the element at the session's position. */
static step answer(session *s, char *line)
{
    const cf_element *el = s->st->walk[s->position];
    size_t index = cf_element_index(el);
    char why[ASSESS_MESSAGE_MAX];
    double value = NAN;
    switch (parse_answer(el, line, &value, why, sizeof why)) {
    case ANSWER_LEVEL:
        s->st->levels[index] = value;
        return saved(s, STEP_NEXT);
    case ANSWER_EMPTY:
        return on_empty(s, index);
    case ANSWER_SKIP:
        return on_skip(s, index);
    case ANSWER_BACK:
        return on_back(s);
    case ANSWER_NOTE:
        return on_note(s);
    case ANSWER_HELP:
        assess_show_help(s->io->screen);
        return STEP_STAY;
    case ANSWER_QUIT:
        return STEP_QUIT;
    default:
        answer_error(s, why);
        return STEP_STAY;
    }
}

/* Asks the element at the session's position until it is answered. */
static step ask(session *s, int show)
{
    const cf_element *el = s->st->walk[s->position];
    char *line;
    int got;
    if (s->io->interactive) {
        if (show) {
            assess_show_element(s->st, s->io, s->position);
        }
        assess_show_prompt(s->st, s->io, el);
    }
    got = next_line(s, &line);
    if (got < 0) {
        return STEP_SIGNAL;
    }
    return got == 0 ? STEP_QUIT : answer(s, line);
}

assess_end assess_session_run(assess_state *st, assess_io *io, size_t start)
{
    session s = {st, io, start};
    int show = 1;
    while (s.position < st->walk_count) {
        step next = ask(&s, show);
        show = next != STEP_STAY;
        switch (next) {
        case STEP_NEXT:
            s.position++;
            break;
        case STEP_BACK:
            s.position--;
            break;
        case STEP_QUIT:
            return ASSESS_END_QUIT;
        case STEP_SIGNAL:
            return ASSESS_END_SIGNAL;
        case STEP_FAILED:
            return ASSESS_END_FAILED;
        default:
            break;
        }
    }
    return ASSESS_END_DONE;
}
