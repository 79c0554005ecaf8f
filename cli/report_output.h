/*
 * Where a report goes and how it looks: the render options from the
 * command line and the environment, and writing the rendered text to
 * standard output or, with -o FILE, to a file replaced atomically.
 */
#ifndef CLI_REPORT_OUTPUT_H
#define CLI_REPORT_OUTPUT_H

#include "cli.h"
#include "competency.h"
#include "report_args.h"

/* Whether the report goes to standard output (no -o, or -o -). */
int report_to_stdout(const report_args *r);

/*
 * The options for rendering: r's format; the width --width gives, else
 * the context's (the terminal's for standard output, COLUMNS or 80 for a
 * file); colour for text on a terminal only (cli_context says when).
 */
void report_render_options(cf_render_options *opts, const cli_context *ctx,
                           const report_args *r);

/*
 * Reports a failed analysis or rendering as "competency CMD: error:
 * MESSAGE". Returns CLI_EXIT_INPUT.
 */
int report_failure(const cli_context *ctx, const char *command, int code,
                   const cf_error *err);

/*
 * Finishes a command: when rc (the render's return) is CF_OK, writes text
 * (ending it with a newline when it has none) where r says, else reports
 * err. Frees text. Returns CLI_EXIT_OK or CLI_EXIT_INPUT.
 */
int report_finish(const cli_context *ctx, const report_command *cmd,
                  const report_args *r, int rc, char *text,
                  const cf_error *err);

#endif /* CLI_REPORT_OUTPUT_H */
