/*
 * The state of competency assess and its FILE (see assess.h): the
 * elements to ask, an existing FILE resumed, and who rates whom when.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* strdup, localtime_r */
#endif

#include "assess.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "output.h"

#define ASSESS_DEFAULT_ROLE "self"

/* ------------------------------------------------------------------ */
/* The state                                                          */
/* ------------------------------------------------------------------ */

void assess_state_free(assess_state *st)
{
    size_t count = st->fw != NULL ? cf_framework_element_count(st->fw) : 0;
    for (size_t i = 0; st->notes != NULL && i < count; i++) {
        free(st->notes[i]);
    }
    free(st->notes);
    free(st->levels);
    free(st->walk);
    free(st->subject);
    free(st->rater);
    free(st->role);
    free(st->date);
    cf_framework_free(st->fw);
    memset(st, 0, sizeof *st);
}

/* Replaces *slot by a copy of text (NULL clears it); -1 out of memory. */
static int set_text(char **slot, const char *text)
{
    char *copy = text != NULL ? strdup(text) : NULL;
    if (text != NULL && copy == NULL) {
        return -1;
    }
    free(*slot);
    *slot = copy;
    return 0;
}

/*
 * The leaves to ask, in framework (pre-)order: all of them, or those in
 * the subtree of some target of profile (a leaf target is its own).
 */
int assess_build_walk(assess_state *st, const cf_profile *profile)
{
    size_t count = cf_framework_element_count(st->fw);
    unsigned char *wanted = calloc(count > 0 ? count : 1, 1);
    st->walk = malloc((count > 0 ? count : 1) * sizeof *st->walk);
    if (wanted == NULL || st->walk == NULL) {
        free(wanted);
        return -1;
    }
    for (size_t t = 0; profile != NULL && t < cf_profile_target_count(profile);
         t++) {
        const cf_element *target = cf_profile_target_element(profile, t);
        size_t end = cf_element_subtree_end(target);
        memset(wanted + cf_element_index(target), 1,
               end - cf_element_index(target));
    }
    for (size_t i = 0; i < count; i++) {
        const cf_element *el = cf_framework_element(st->fw, i);
        if (cf_element_child_count(el) == 0 && (profile == NULL || wanted[i])) {
            st->walk[st->walk_count++] = el;
        }
    }
    free(wanted);
    return 0;
}

int assess_state_init(assess_state *st, cf_framework *fw, const char *path)
{
    size_t count = cf_framework_element_count(fw);
    memset(st, 0, sizeof *st);
    st->fw = cf_framework_ref(fw);
    st->path = path;
    st->levels = malloc((count > 0 ? count : 1) * sizeof *st->levels);
    st->notes = calloc(count > 0 ? count : 1, sizeof *st->notes);
    if (st->levels == NULL || st->notes == NULL) {
        return -1;
    }
    for (size_t i = 0; i < count; i++) {
        st->levels[i] = NAN;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Resuming an existing FILE                                          */
/* ------------------------------------------------------------------ */

/* Reports what makes FILE unfit to resume; CLI_EXIT_INPUT. */
static int file_error(const cli_context *ctx, const char *path,
                      const char *message)
{
    out_error_at(ctx, path, 0, 0, message);
    return CLI_EXIT_INPUT;
}

/* An option given that says otherwise than the file: another assessment. */
static int check_same(const cli_context *ctx, const char *path, const char *key,
                      const char *given, const char *in_file)
{
    char message[ASSESS_MESSAGE_MAX];
    if (given == NULL || (in_file != NULL && strcmp(given, in_file) == 0)) {
        return CLI_EXIT_OK;
    }
    snprintf(message, sizeof message,
             "the file holds another assessment: its %s is '%.200s', not "
             "'%.200s' (--%s); give another -o FILE, or --%s as in the file "
             "to resume it",
             key, in_file != NULL ? in_file : "(none)", given, key, key);
    out_error_at(ctx, path, 0, 0, message);
    return CLI_EXIT_INPUT;
}

/* Whether a, loaded from FILE, can be resumed with these options. */
static int check_resumable(const cli_context *ctx, const assess_args *args,
                           const cf_assessment *a)
{
    const cf_extensions *ext = cf_assessment_extensions(a);
    char message[ASSESS_MESSAGE_MAX];
    if (cf_extensions_count(ext) > 0) {
        /* rebuilding the assessment could not keep them */
        snprintf(message, sizeof message,
                 "the assessment has x- keys (%.200s), which assess cannot "
                 "keep: give another -o FILE",
                 cf_extensions_key(ext, 0));
        return file_error(ctx, args->output, message);
    }
    if (check_same(ctx, args->output, "subject", args->subject,
                   cf_assessment_subject(a)) != CLI_EXIT_OK ||
        check_same(ctx, args->output, "rater", args->rater,
                   cf_assessment_rater(a)) != CLI_EXIT_OK ||
        check_same(ctx, args->output, "role", args->role,
                   cf_assessment_role(a)) != CLI_EXIT_OK) {
        return CLI_EXIT_INPUT;
    }
    return CLI_EXIT_OK;
}

/* Copies a's metadata, levels and notes into the state. */
static int take_over(assess_state *st, const cf_assessment *a)
{
    size_t count = cf_framework_element_count(st->fw);
    if (set_text(&st->subject, cf_assessment_subject(a)) != 0 ||
        set_text(&st->rater, cf_assessment_rater(a)) != 0 ||
        set_text(&st->role, cf_assessment_role(a)) != 0 ||
        set_text(&st->date, cf_assessment_date(a)) != 0) {
        return -1;
    }
    for (size_t i = 0; i < count; i++) {
        st->levels[i] = cf_assessment_level(a, i);
        if (cf_assessment_note(a, i) != NULL &&
            set_text(&st->notes[i], cf_assessment_note(a, i)) != 0) {
            return -1;
        }
    }
    return 0;
}

/* Loads the existing FILE into the state, when it is one to resume. */
int assess_resume(const cli_context *ctx, const assess_args *args,
                  assess_state *st)
{
    cf_assessment_list *list = NULL;
    cf_error err;
    int status = CLI_EXIT_OK;
    memset(&err, 0, sizeof err);
    int rc = cf_assessment_list_load_file(&list, st->fw, args->output,
                                          CF_FORMAT_YAML, NULL, &err);
    if (rc != CF_OK) {
        out_load_error(ctx, args->output, rc, &err);
        return CLI_EXIT_INPUT;
    }
    if (cf_assessment_list_count(list) != 1) {
        status = file_error(ctx, args->output,
                            cf_assessment_list_count(list) == 0
                                ? "the file holds no assessment: give "
                                  "another -o FILE"
                                : "the file holds several assessments, not "
                                  "one: give another -o FILE");
    } else {
        status = check_resumable(ctx, args, cf_assessment_list_get(list, 0));
    }
    if (status == CLI_EXIT_OK &&
        take_over(st, cf_assessment_list_get(list, 0)) != 0) {
        out_error_at(ctx, CLI_PROGRAM " " ASSESS_NAME, 0, 0, "out of memory");
        status = CLI_EXIT_INPUT;
    }
    cf_assessment_list_free(list);
    return status;
}

/* ------------------------------------------------------------------ */
/* A new FILE: who, by whom, when                                      */
/* ------------------------------------------------------------------ */

/* Asks for the subject on the terminal; $USER when Enter alone. */
static int ask_subject(assess_state *st, assess_io *io)
{
    const char *user = getenv("USER");
    const char *line = NULL;
    while (st->subject == NULL) {
        int got;
        fputs("Whose assessment is this? Name", io->screen);
        if (user != NULL && user[0] != '\0') {
            fprintf(io->screen, " [%s]", user);
        }
        fputs(": ", io->screen);
        fflush(io->screen);
        got = assess_read_line(&io->reader, &line);
        if (got <= 0) {
            return got;
        }
        while (*line == ' ' || *line == '\t') {
            line++;
        }
        if (line[0] == '\0') {
            line = user != NULL && user[0] != '\0' ? user : NULL;
        }
        if (line != NULL && set_text(&st->subject, line) != 0) {
            return 0;
        }
    }
    return 1;
}

/* Today, YYYY-MM-DD, in local time. */
static void today(char *buf, size_t size)
{
    time_t now = time(NULL);
    struct tm tm;
    if (localtime_r(&now, &tm) == NULL ||
        strftime(buf, size, "%Y-%m-%d", &tm) == 0) {
        snprintf(buf, size, "1970-01-01");
    }
}

/* The role: --role, else the file's, else self. */
static int take_role(const assess_args *args, assess_state *st)
{
    if (args->role == NULL && st->role != NULL) {
        return 0;
    }
    return set_text(&st->role,
                    args->role != NULL ? args->role : ASSESS_DEFAULT_ROLE);
}

/* The rater: --rater, else the file's, else the subject rating themself. */
static int take_rater(const assess_args *args, assess_state *st)
{
    if (args->rater != NULL) {
        return set_text(&st->rater, args->rater);
    }
    if (st->rater == NULL && strcmp(st->role, ASSESS_DEFAULT_ROLE) == 0) {
        return set_text(&st->rater, st->subject);
    }
    return 0;
}

/* The date: --date, else the file's, else today. */
static int take_date(const assess_args *args, assess_state *st)
{
    char date[16];
    if (args->date == NULL && st->date != NULL) {
        return 0;
    }
    today(date, sizeof date);
    return set_text(&st->date, args->date != NULL ? args->date : date);
}

/* The date as the library takes it; a usage error otherwise. */
static int check_date(assess_state *st)
{
    cf_assessment *a = NULL;
    cf_error err;
    int rc;
    memset(&err, 0, sizeof err);
    rc = cf_assessment_new(&a, st->fw, st->subject, NULL, &err);
    if (rc == CF_OK) {
        rc = cf_assessment_set_date(a, st->date, &err);
    }
    cf_assessment_free(a);
    if (rc != CF_OK) {
        out_usage_error(ASSESS_NAME, ASSESS_SYNOPSIS,
                        "invalid value '%s' for --date: %s", st->date,
                        err.message);
        return CLI_EXIT_USAGE;
    }
    return CLI_EXIT_OK;
}

/* Subject, role, rater and date of a new or resumed FILE. */
int assess_settle_who(const assess_args *args, assess_state *st, assess_io *io)
{
    if (st->subject == NULL && args->subject != NULL &&
        set_text(&st->subject, args->subject) != 0) {
        return CLI_EXIT_INPUT;
    }
    if (st->subject == NULL) {
        int got = ask_subject(st, io);
        if (got < 0) {
            fprintf(io->screen, "\n%s %s: stopped by %s: nothing saved\n",
                    CLI_PROGRAM, ASSESS_NAME,
                    assess_signal_name(assess_signal_caught()));
            return 128 + assess_signal_caught();
        }
        if (got == 0) {
            out_error_at(io->ctx, CLI_PROGRAM " " ASSESS_NAME, 0, 0,
                         "no subject given: nothing saved");
            return CLI_EXIT_INPUT;
        }
    }
    if (take_role(args, st) != 0 || take_rater(args, st) != 0 ||
        take_date(args, st) != 0) {
        out_error_at(io->ctx, CLI_PROGRAM " " ASSESS_NAME, 0, 0,
                     "out of memory");
        return CLI_EXIT_INPUT;
    }
    return check_date(st);
}

/* The first element of the walk without an answer; walk_count if none. */
