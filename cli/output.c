/* Diagnostics on standard error (see output.h). */
#include "output.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "text.h"

#define OUT_BOLD "\x1b[1m"
#define OUT_RED "\x1b[1;31m"
#define OUT_RESET "\x1b[0m"

void out_error_at(const cli_context *ctx, const char *source, size_t line,
                  size_t column, const char *message)
{
    fflush(stdout); /* keep stdout and stderr in order on one terminal */
    if (ctx->colour) {
        fputs(OUT_BOLD, stderr);
    }
    text_write(stderr, source, strlen(source));
    if (line > 0) {
        fprintf(stderr, ":%zu:%zu", line, column);
    }
    fputs(ctx->colour ? ": " OUT_RED "error:" OUT_RESET " " : ": error: ",
          stderr);
    text_write(stderr, message, strlen(message));
    fputc('\n', stderr);
}

void out_load_error(const cli_context *ctx, const char *source, int code,
                    const cf_error *err)
{
    const char *message =
        err->message[0] != '\0' ? err->message : cf_strerror(code);
    out_error_at(ctx, source, err->line, err->column, message);
}

void out_usage_error(const char *command, const char *synopsis,
                     const char *format, ...)
{
    va_list ap;
    const char *space = command != NULL ? " " : "";
    const char *name = command != NULL ? command : "";
    fflush(stdout);
    fprintf(stderr, "%s%s%s: ", CLI_PROGRAM, space, name);
    va_start(ap, format);
    vfprintf(stderr, format, ap);
    va_end(ap);
    fprintf(stderr, "\nUsage: %s\nTry '%s%s%s --help' for more information.\n",
            synopsis, CLI_PROGRAM, space, name);
}

int out_finish(int status)
{
    int failed = fflush(stdout) != 0 || ferror(stdout);
    if (failed) {
        int saved = errno;
        fprintf(stderr, "%s: error writing standard output: %s\n", CLI_PROGRAM,
                saved != 0 ? strerror(saved) : "write failed");
        return status != CLI_EXIT_OK ? status : CLI_EXIT_INPUT;
    }
    return status;
}
