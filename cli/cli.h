/*
 * The `competency` command: what every subcommand shares.
 *
 * The command only parses arguments, calls the public API of
 * libcompetency and prints. Nothing here is global: main() builds one
 * cli_context from the environment and hands it to the subcommand.
 */
#ifndef CLI_CLI_H
#define CLI_CLI_H

#include <stddef.h>
#include <stdio.h>

#define CLI_PROGRAM "competency"

/* Exit statuses, documented in docs/cli.md. */
enum {
    CLI_EXIT_OK = 0,     /* everything given was valid */
    CLI_EXIT_INPUT = 1,  /* some input could not be loaded, or output failed */
    CLI_EXIT_USAGE = 2,  /* the command line itself was wrong */
    CLI_EXIT_UNREADY = 3 /* gap --fail-unready: some subject is not ready */
};

/* What the environment says about how to print, decided once in main(). */
typedef struct cli_context {
    int colour;          /* highlight diagnostics on stderr */
    int utf8;            /* the locale's character set is UTF-8 */
    size_t columns;      /* width of the output: COLUMNS, the terminal, or 80 */
    size_t file_columns; /* width of output to a file: COLUMNS, or 80 */
} cli_context;

/* A subcommand: its entry point gets argv[0] == its own name. */
typedef struct cli_command {
    const char *name;
    const char *summary;
    int (*run)(const cli_context *ctx, int argc, char **argv);
    void (*help)(FILE *out);
} cli_command;

/* Fills ctx from the locale, the environment and the terminal. */
void cli_context_init(cli_context *ctx);

/* The ellipsis for shortened text: U+2026 in a UTF-8 locale, else "...". */
const char *cli_ellipsis(const cli_context *ctx);

int cmd_validate_run(const cli_context *ctx, int argc, char **argv);
void cmd_validate_help(FILE *out);

int cmd_show_run(const cli_context *ctx, int argc, char **argv);
void cmd_show_help(FILE *out);

int cmd_score_run(const cli_context *ctx, int argc, char **argv);
void cmd_score_help(FILE *out);

int cmd_gap_run(const cli_context *ctx, int argc, char **argv);
void cmd_gap_help(FILE *out);

int cmd_team_run(const cli_context *ctx, int argc, char **argv);
void cmd_team_help(FILE *out);

int cmd_consolidate_run(const cli_context *ctx, int argc, char **argv);
void cmd_consolidate_help(FILE *out);

int cmd_progress_run(const cli_context *ctx, int argc, char **argv);
void cmd_progress_help(FILE *out);

int cmd_convert_run(const cli_context *ctx, int argc, char **argv);
void cmd_convert_help(FILE *out);

int cmd_diff_run(const cli_context *ctx, int argc, char **argv);
void cmd_diff_help(FILE *out);

int cmd_migrate_run(const cli_context *ctx, int argc, char **argv);
void cmd_migrate_help(FILE *out);

int cmd_assess_run(const cli_context *ctx, int argc, char **argv);
void cmd_assess_help(FILE *out);

/*
 * Writes text to path, replaced whole or not at all, or to standard
 * output for NULL or "-"; reports a failure. CLI_EXIT_OK or CLI_EXIT_INPUT.
 */
int cli_write_output(const cli_context *ctx, const char *path,
                     const char *text);

#endif /* CLI_CLI_H */
