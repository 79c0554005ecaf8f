/*
 * competency assess -o FILE FRAMEWORK: a guided self-assessment in the
 * terminal, saved to FILE after every answer and resumed from it.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* isatty */
#endif

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "args.h"
#include "assess.h"
#include "cli.h"
#include "input.h"
#include "loading.h"
#include "output.h"
#include "report_args.h"
#include "report_output.h"
#include "text.h"

enum {
    OPT_HELP,
    OPT_OUTPUT,
    OPT_PROFILE,
    OPT_SUBJECT,
    OPT_RATER,
    OPT_ROLE,
    OPT_DATE
};

static const args_option assess_options[] = {
    {"help", 'h', 0, OPT_HELP},       {"output", 'o', 1, OPT_OUTPUT},
    {"profile", 'p', 1, OPT_PROFILE}, {"subject", '\0', 1, OPT_SUBJECT},
    {"rater", '\0', 1, OPT_RATER},    {"role", '\0', 1, OPT_ROLE},
    {"date", '\0', 1, OPT_DATE},
};

void cmd_assess_help(FILE *out)
{
    fputs("Usage: " ASSESS_SYNOPSIS "\n"
          "\n"
          "Ask, element by element, the level of each skill of FRAMEWORK (its\n"
          "leaves, in framework order; with --profile only those under the\n"
          "profile's targets) and save the answers to FILE, an assessment in\n"
          "YAML, after every one. Run the same command again to resume.\n"
          "At the end, print the scores and, with --profile, the gap report.\n"
          "\n"
          "Options:\n"
          "  -o, --output FILE    where the answers are saved (required); an\n"
          "                       existing FILE is resumed\n"
          "  -p, --profile PROFILE\n"
          "                       ask only what PROFILE's targets cover, and\n"
          "                       print the gap report at the end\n"
          "      --subject NAME   whose assessment it is (default: FILE's\n"
          "                       subject, else asked for on a terminal)\n"
          "      --rater NAME     who rates (default: the subject for the\n"
          "                       role self)\n"
          "      --role ROLE      self, manager, peer, ... (default: self)\n"
          "      --date DATE      YYYY-MM-DD (default: FILE's, else today)\n"
          "  -h, --help           show this help and exit\n"
          "\n"
          "Answers: a level value or label (or the start of one), Enter to\n"
          "keep the answer shown, s skip, b back, n note, ? help, q save and\n"
          "quit. When standard input is not a terminal, each line is an\n"
          "answer (a note on the line after n) and --subject is required for\n"
          "a new FILE; the end of the input saves and quits.\n"
          "\n"
          "Exit status: 0 saved (all answered or not), 1 an input is not "
          "valid,\n"
          "FILE is another assessment or cannot be written, 2 usage error,\n"
          "129, 130, 143 stopped by SIGHUP, SIGINT, SIGTERM (the answers "
          "are\n"
          "saved).\n",
          out);
}

static int usage(const char *format, ...) CLI_PRINTF(1, 2);

/* Prints a usage error of assess; CLI_EXIT_USAGE. */
static int usage(const char *format, ...)
{
    char message[ASSESS_MESSAGE_MAX];
    va_list ap;
    va_start(ap, format);
    vsnprintf(message, sizeof message, format, ap);
    va_end(ap);
    out_usage_error(ASSESS_NAME, ASSESS_SYNOPSIS, "%s", message);
    return CLI_EXIT_USAGE;
}

/* The long name of option id, for messages. */
static const char *option_name(int id)
{
    for (size_t i = 0; i < sizeof assess_options / sizeof assess_options[0];
         i++) {
        if (assess_options[i].id == id) {
            return assess_options[i].long_name;
        }
    }
    return "?";
}

/* An option's value: never empty; never "-", which is not a file here. */
static int option_value(assess_args *a, int id, const char *value)
{
    const char **slots[] = {NULL,      &a->output, &a->profile, &a->subject,
                            &a->rater, &a->role,   &a->date};
    if (value[0] == '\0') {
        return usage("empty value for --%s", option_name(id));
    }
    if ((id == OPT_OUTPUT || id == OPT_PROFILE) &&
        strcmp(value, INPUT_STDIN_OPERAND) == 0) {
        return usage("--%s cannot be '-': standard input holds the answers",
                     option_name(id));
    }
    *slots[id] = value;
    return CLI_EXIT_OK;
}

static int one_argument(assess_args *a, int id, const args_parser *p)
{
    switch (id) {
    case ARGS_ERROR:
        return usage("%s", p->problem);
    case ARGS_OPERAND:
        if (a->framework != NULL) {
            return usage("unexpected argument '%s'", p->value);
        }
        if (strcmp(p->value, INPUT_STDIN_OPERAND) == 0) {
            return usage("FRAMEWORK cannot be '%s': standard input holds "
                         "the answers",
                         p->value);
        }
        a->framework = p->value;
        return CLI_EXIT_OK;
    case OPT_HELP:
        a->help = 1;
        return CLI_EXIT_OK;
    default:
        return option_value(a, id, p->value);
    }
}

static int parse_args(assess_args *a, int argc, char **argv)
{
    args_parser p;
    int id, status = CLI_EXIT_OK;
    memset(a, 0, sizeof *a);
    args_init(&p, argc, argv, assess_options,
              sizeof assess_options / sizeof assess_options[0]);
    while (status == CLI_EXIT_OK && !a->help &&
           (id = args_next(&p)) != ARGS_END) {
        status = one_argument(a, id, &p);
    }
    if (status != CLI_EXIT_OK || a->help) {
        return status;
    }
    if (a->framework == NULL) {
        return usage("no framework given");
    }
    if (a->output == NULL) {
        return usage("no -o FILE given: the file the answers are saved to");
    }
    return CLI_EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* The end: what was saved, and the reports                           */
/* ------------------------------------------------------------------ */

/* "saved 12 answers to FILE": every rating in the file. */
static size_t rated_count(const assess_state *st)
{
    size_t count = 0;
    for (size_t i = 0; i < cf_framework_element_count(st->fw); i++) {
        count += !isnan(st->levels[i]);
    }
    return count;
}

static void say_saved(const assess_state *st, const assess_io *io, int sig)
{
    size_t answered = assess_answered(st);
    if (io->interactive) {
        fputc('\n', io->screen);
    }
    fprintf(io->screen, "%s %s: ", CLI_PROGRAM, ASSESS_NAME);
    if (sig != 0) {
        fprintf(io->screen, "stopped by %s: ", assess_signal_name(sig));
    }
    fprintf(io->screen, "saved %zu answer%s to ", rated_count(st),
            rated_count(st) == 1 ? "" : "s");
    text_write(io->screen, st->path, strlen(st->path));
    fprintf(io->screen, " (%zu of %zu answered)", answered, st->walk_count);
    if (answered < st->walk_count) {
        fputs("; run the same command to resume", io->screen);
    }
    fputc('\n', io->screen);
    fflush(io->screen);
}

/* Rendering options of the reports on standard output, as score's. */
static void render_options(const cli_context *ctx, cf_render_options *ro)
{
    cf_render_options defaults = CF_RENDER_OPTIONS_INIT;
    size_t width = ctx->columns;
    *ro = defaults;
    ro->width = (unsigned int)(width < REPORT_MIN_WIDTH   ? REPORT_MIN_WIDTH
                               : width > REPORT_MAX_WIDTH ? REPORT_MAX_WIDTH
                                                          : width);
    ro->color = ctx->colour;
}

/* Prints text (from the library), then frees it. */
static void print_report(char *text)
{
    fputs(text, stdout);
    cf_string_free(text);
}

/* The score report of a, and with a profile the gap report after it. */
static int render_reports(const cli_context *ctx, const cf_assessment *a,
                          const cf_profile *profile, cf_error *err)
{
    cf_render_options ro;
    cf_scores *scores = NULL;
    cf_gap_report *gap = NULL;
    char *text = NULL;
    int rc = cf_scores_compute(&scores, a, NULL, err);
    render_options(ctx, &ro);
    if (rc == CF_OK) {
        rc = cf_scores_render((const cf_scores *const *)&scores, 1, &ro, &text,
                              err);
    }
    if (rc == CF_OK) {
        print_report(text);
    }
    if (rc == CF_OK && profile != NULL) {
        rc = cf_gap_analyze(&gap, a, profile, NULL, err);
    }
    if (rc == CF_OK && gap != NULL) {
        rc = cf_gap_report_render((const cf_gap_report *const *)&gap, 1, &ro,
                                  &text, err);
        if (rc == CF_OK) {
            fputc('\n', stdout);
            print_report(text);
        }
    }
    cf_gap_report_free(gap);
    cf_scores_free(scores);
    return rc;
}

static int report(const cli_context *ctx, const assess_state *st,
                  const cf_profile *profile)
{
    cf_assessment *a = NULL;
    cf_error err;
    int rc;
    memset(&err, 0, sizeof err);
    rc = assess_build(st, &a, &err);
    if (rc == CF_OK) {
        rc = render_reports(ctx, a, profile, &err);
    }
    cf_assessment_free(a);
    if (rc != CF_OK) {
        return report_failure(ctx, ASSESS_NAME, rc, &err);
    }
    return CLI_EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* The command                                                        */
/* ------------------------------------------------------------------ */

static size_t first_unanswered(const assess_state *st)
{
    size_t i = 0;
    while (i < st->walk_count &&
           !isnan(st->levels[cf_element_index(st->walk[i])])) {
        i++;
    }
    return i;
}

static void say_start(const assess_state *st, const assess_io *io, int resumed)
{
    if (resumed) {
        fprintf(io->screen, "resuming: %zu of %zu answered\n",
                assess_answered(st), st->walk_count);
    }
    if (io->interactive) {
        char intro[ASSESS_MESSAGE_MAX];
        snprintf(intro, sizeof intro,
                 "Assessment of %.200s against %.200s (%s): %zu elements to "
                 "rate. Every answer is saved to %.300s at once; ? for help.",
                 st->subject, cf_framework_title(st->fw),
                 cf_framework_id(st->fw), st->walk_count, st->path);
        assess_wrap(io->screen, intro, 0, assess_screen_width());
    }
}

/* Asks, then reports: the part that runs with the signals caught. */
static int questionnaire(const cli_context *ctx, assess_state *st,
                         assess_io *io, const cf_profile *profile)
{
    assess_end end = ASSESS_END_DONE;
    size_t start = first_unanswered(st);
    if (start < st->walk_count) {
        end = assess_session_run(st, io, start);
    }
    if (end == ASSESS_END_FAILED) {
        return CLI_EXIT_INPUT;
    }
    if (end == ASSESS_END_SIGNAL) {
        say_saved(st, io, assess_signal_caught());
        return 128 + assess_signal_caught();
    }
    say_saved(st, io, 0);
    assess_signals_restore();
    return report(ctx, st, profile);
}

/* From a loaded framework and profile to the end. */
static int assess_with(const cli_context *ctx, const assess_args *args,
                       assess_state *st, const cf_profile *profile)
{
    assess_io io = {ctx, isatty(STDIN_FILENO), stderr, {0}};
    struct stat sb;
    int resumed = stat(args->output, &sb) == 0;
    int status = resumed ? assess_resume(ctx, args, st) : CLI_EXIT_OK;
    if (status == CLI_EXIT_OK && assess_signals_install() != 0) {
        out_error_at(ctx, CLI_PROGRAM " " ASSESS_NAME, 0, 0,
                     "cannot catch the signals");
        status = CLI_EXIT_INPUT;
    }
    if (status == CLI_EXIT_OK) {
        status = assess_settle_who(args, st, &io);
    }
    if (status == CLI_EXIT_OK) {
        status = assess_save(st, ctx); /* fail now, not after an answer */
    }
    if (status == CLI_EXIT_OK) {
        say_start(st, &io, resumed);
        status = questionnaire(ctx, st, &io, profile);
    }
    assess_reader_free(&io.reader);
    return status;
}

static int assess_run(const cli_context *ctx, const assess_args *args)
{
    cf_framework *fw = NULL;
    cf_profile *profile = NULL;
    assess_state st;
    int status = load_framework(ctx, args->framework, &fw);
    memset(&st, 0, sizeof st);
    if (status == CLI_EXIT_OK && args->profile != NULL) {
        status = load_profile(ctx, fw, args->profile, &profile);
    }
    if (status == CLI_EXIT_OK &&
        (assess_state_init(&st, fw, args->output) != 0 ||
         assess_build_walk(&st, profile) != 0)) {
        out_error_at(ctx, CLI_PROGRAM " " ASSESS_NAME, 0, 0, "out of memory");
        status = CLI_EXIT_INPUT;
    }
    if (status == CLI_EXIT_OK) {
        status = assess_with(ctx, args, &st, profile);
    }
    assess_state_free(&st);
    cf_profile_free(profile);
    cf_framework_free(fw);
    return status;
}

/*
 * Scripted answers need a subject from somewhere: --subject, or the file
 * being resumed. Checked before anything is loaded, as usage errors are.
 */
static int check_scripted(const assess_args *args)
{
    struct stat sb;
    if (args->subject == NULL && !isatty(STDIN_FILENO) &&
        stat(args->output, &sb) != 0) {
        return usage("no --subject given: it is required for a new FILE "
                     "when standard input is not a terminal");
    }
    return CLI_EXIT_OK;
}

int cmd_assess_run(const cli_context *ctx, int argc, char **argv)
{
    assess_args args;
    int status = parse_args(&args, argc, argv);
    if (status == CLI_EXIT_OK && args.help) {
        cmd_assess_help(stdout);
        return CLI_EXIT_OK;
    }
    if (status == CLI_EXIT_OK) {
        status = check_scripted(&args);
    }
    if (status == CLI_EXIT_OK) {
        status = assess_run(ctx, &args);
    }
    return status;
}
