/*
 * Messages on standard error, in one style for every subcommand:
 *
 *   file:line:column: error: message     (an input error with a position)
 *   file: error: message                 (an input error without one)
 *   competency CMD: message              (a usage error, then the usage)
 */
#ifndef CLI_OUTPUT_H
#define CLI_OUTPUT_H

#include <stddef.h>

#include "cli.h"
#include "competency.h"

#if defined(__GNUC__)
#define CLI_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define CLI_PRINTF(fmt, args)
#endif

/* Reports an error in source; line 0 means the error has no position. */
void out_error_at(const cli_context *ctx, const char *source, size_t line,
                  size_t column, const char *message);

/* Reports why loading source failed (code and err from the loader). */
void out_load_error(const cli_context *ctx, const char *source, int code,
                    const cf_error *err);

/*
 * Reports a usage error of command (NULL for the top level): the message,
 * the synopsis and where to find help.
 */
void out_usage_error(const char *command, const char *synopsis,
                     const char *format, ...) CLI_PRINTF(3, 4);

/*
 * Flushes standard output and reports a failed write (a full disk, a
 * closed pipe). Returns status, or CLI_EXIT_INPUT when the write failed.
 */
int out_finish(int status);

#endif /* CLI_OUTPUT_H */
