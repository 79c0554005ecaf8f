/*
 * competency: the command-line tool of libcompetency.
 *
 * main() reads the environment once, picks the subcommand and hands it the
 * rest of the command line. Usage: docs/cli.md.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "competency.h"
#include "output.h"

#define MAIN_SYNOPSIS "competency COMMAND [OPTION]... [ARG]..."

static const cli_command commands[] = {
    {"validate", "check framework files; report errors like a compiler",
     cmd_validate_run, cmd_validate_help},
    {"show", "print a framework's elements as a tree, and its scales",
     cmd_show_run, cmd_show_help},
    {"score", "score assessments: every element's level", cmd_score_run,
     cmd_score_help},
    {"gap", "compare people with a role's profile: gaps, fit, readiness",
     cmd_gap_run, cmd_gap_help},
    {"team", "compare a team with a profile: bench strength, ranking",
     cmd_team_run, cmd_team_help},
    {"consolidate", "merge one person's ratings by several raters (360)",
     cmd_consolidate_run, cmd_consolidate_help},
    {"progress", "compare two assessments of one person", cmd_progress_run,
     cmd_progress_help},
    {"convert", "convert a framework: YAML, CASE JSON, Moodle CSV",
     cmd_convert_run, cmd_convert_help},
    {"diff", "list what changed between two versions of a framework",
     cmd_diff_run, cmd_diff_help},
    {"migrate", "carry assessments over to a new framework version",
     cmd_migrate_run, cmd_migrate_help},
    {"assess", "rate yourself in the terminal, saved after every answer",
     cmd_assess_run, cmd_assess_help},
};

#define COMMAND_COUNT (sizeof commands / sizeof commands[0])

static void main_help(FILE *out)
{
    fputs("Usage: " MAIN_SYNOPSIS "\n"
          "\n"
          "Load competency frameworks from YAML, check them and show them;\n"
          "score people against them and report gaps, as text, JSON, CSV,\n"
          "Markdown or HTML.\n"
          "\n"
          "Commands:\n",
          out);
    for (size_t i = 0; i < COMMAND_COUNT; i++) {
        fprintf(out, "  %-12s %s\n", commands[i].name, commands[i].summary);
    }
    fputs("  help         show the help of a command: competency help "
          "COMMAND\n"
          "\n"
          "Options:\n"
          "  -h, --help     show this help and exit\n"
          "      --version  show the version and exit\n"
          "\n"
          "Exit status: 0 success, 1 invalid input, 2 usage error, 3 gap\n"
          "--fail-unready found someone not ready.\n"
          "Run 'competency COMMAND --help' for the options of a command.\n",
          out);
}

static const cli_command *find_command(const char *name)
{
    for (size_t i = 0; i < COMMAND_COUNT; i++) {
        if (strcmp(commands[i].name, name) == 0) {
            return &commands[i];
        }
    }
    return NULL;
}

/* "unknown command 'x' (did you mean 'show'?)"; returns CLI_EXIT_USAGE. */
static int unknown_command(const char *name)
{
    const char *names[COMMAND_COUNT + 1];
    for (size_t i = 0; i < COMMAND_COUNT; i++) {
        names[i] = commands[i].name;
    }
    names[COMMAND_COUNT] = "help";
    const char *guess = cf_suggest(name, names, COMMAND_COUNT + 1);
    if (guess != NULL) {
        out_usage_error(NULL, MAIN_SYNOPSIS,
                        "unknown command '%s' (did you mean '%s'?)", name,
                        guess);
    } else {
        out_usage_error(NULL, MAIN_SYNOPSIS, "unknown command '%s'", name);
    }
    return CLI_EXIT_USAGE;
}

static int unknown_option(const char *option)
{
    static const char *const options[] = {"--help", "--version"};
    const char *guess = cf_suggest(option, options, 2);
    if (guess != NULL) {
        out_usage_error(NULL, MAIN_SYNOPSIS,
                        "unknown option '%s' (did you mean '%s'?)", option,
                        guess);
    } else {
        out_usage_error(NULL, MAIN_SYNOPSIS, "unknown option '%s'", option);
    }
    return CLI_EXIT_USAGE;
}

/* competency help [COMMAND] */
static int help_command(int argc, char **argv)
{
    const cli_command *cmd;
    if (argc < 2) {
        main_help(stdout);
        return CLI_EXIT_OK;
    }
    if (argc > 2) {
        out_usage_error("help", "competency help [COMMAND]",
                        "too many arguments");
        return CLI_EXIT_USAGE;
    }
    if (strcmp(argv[1], "help") == 0) {
        main_help(stdout);
        return CLI_EXIT_OK;
    }
    cmd = find_command(argv[1]);
    if (cmd == NULL) {
        return unknown_command(argv[1]);
    }
    cmd->help(stdout);
    return CLI_EXIT_OK;
}

static int dispatch(const cli_context *ctx, int argc, char **argv)
{
    const cli_command *cmd;
    if (argc < 2) {
        out_usage_error(NULL, MAIN_SYNOPSIS, "no command given");
        return CLI_EXIT_USAGE;
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        main_help(stdout);
        return CLI_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("%s %s\n", CLI_PROGRAM, cf_version());
        return CLI_EXIT_OK;
    }
    if (argv[1][0] == '-') {
        return unknown_option(argv[1]);
    }
    if (strcmp(argv[1], "help") == 0) {
        return help_command(argc - 1, argv + 1);
    }
    cmd = find_command(argv[1]);
    if (cmd == NULL) {
        return unknown_command(argv[1]);
    }
    return cmd->run(ctx, argc - 1, argv + 1);
}

int main(int argc, char **argv)
{
    cli_context ctx;
    cli_context_init(&ctx);
    return out_finish(dispatch(&ctx, argc, argv));
}
