/*
 * The command line of the report subcommands (score, gap, team,
 * consolidate, progress): the options they share, their operands, and a
 * hook for each command's own options.
 */
#ifndef CLI_REPORT_ARGS_H
#define CLI_REPORT_ARGS_H

#include <stddef.h>
#include <stdio.h>

#include "args.h"
#include "competency.h"
#include "output.h"

/* Ids of the shared options; a command's own ids start at REPORT_OPT_OWN. */
enum {
    REPORT_OPT_HELP,
    REPORT_OPT_FORMAT,
    REPORT_OPT_OUTPUT,
    REPORT_OPT_WIDTH,
    REPORT_OPT_INPUT_FORMAT,
    REPORT_OPT_MISSING,
    REPORT_OPT_OWN
};

/*
 * Prints the help of the shared options (with --missing when scores is
 * non-zero), then of own_help (the command's own, already formatted).
 */
void report_help_options(FILE *out, int scores, const char *own_help);

/* The most options a report command may have of its own. */
#define REPORT_MAX_OWN_OPTIONS 8

/* The narrowest and widest --width a text report takes. */
#define REPORT_MIN_WIDTH 20
#define REPORT_MAX_WIDTH 1000

/* What the shared options and the operands said. */
typedef struct report_args {
    cf_report_format format; /* --format, else from the -o file's name */
    int format_given;
    const char *output; /* -o FILE; NULL (or "-") is standard output */
    size_t width;       /* 0 when --width is not given */
    cf_missing missing;
    cf_format input_format; /* CF_FORMAT_AUTO unless --input-format */
    int help;
    const char **operands; /* operand_count operands, in order */
    size_t operand_count;
} report_args;

typedef struct report_command report_command;

/*
 * A command's own option: id (>= REPORT_OPT_OWN) with value (NULL for an
 * option without one). Returns CLI_EXIT_OK, or reports a usage error with
 * report_usage_error and returns CLI_EXIT_USAGE.
 */
typedef int (*report_option_fn)(const report_command *cmd, void *own, int id,
                                const char *value);

/* A report command's command line. */
struct report_command {
    const char *name;     /* "gap" */
    const char *synopsis; /* "competency gap [OPTION]... FRAMEWORK ..." */
    int scores;           /* it scores, so it takes --missing */
    /* Its own options (ids from REPORT_OPT_OWN), at most
     * REPORT_MAX_OWN_OPTIONS, handed to option. */
    const args_option *own_options;
    size_t own_option_count;
    report_option_fn option;
    /* Names of the operands in order ("framework", "profile", ...), for "no
     * profile given"; the last one stands for the rest. */
    const char *const *operand_names;
    size_t operand_name_count;
    size_t min_operands;
    size_t max_operands; /* SIZE_MAX: any number */
};

/*
 * Parses argv (argv[0] is the command's name) into r, handing the
 * command's own options to cmd->option with own. Returns CLI_EXIT_OK
 * (check r->help) or CLI_EXIT_USAGE after printing the usage error.
 * Free r with report_args_free either way.
 */
int report_args_parse(report_args *r, const report_command *cmd, void *own,
                      int argc, char **argv);
void report_args_free(report_args *r);

/* Whether some operand is "-", standard input. */
int report_args_reads_stdin(const report_args *r);

/* Prints "competency CMD: message", the synopsis and where help is. */
void report_usage_error(const report_command *cmd, const char *format, ...)
    CLI_PRINTF(2, 3);

#endif /* CLI_REPORT_ARGS_H */
