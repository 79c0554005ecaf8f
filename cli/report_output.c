/* Rendering options and report output (see report_output.h). */
#include "report_output.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "input.h"
#include "output.h"

#define REPORT_SOURCE_MAX 64

int report_to_stdout(const report_args *r)
{
    return r->output == NULL || strcmp(r->output, INPUT_STDIN_OPERAND) == 0;
}

void report_render_options(cf_render_options *opts, const cli_context *ctx,
                           const report_args *r)
{
    cf_render_options defaults = CF_RENDER_OPTIONS_INIT;
    int to_stdout = report_to_stdout(r);
    size_t width = r->width;
    if (width == 0) {
        width = to_stdout ? ctx->columns : ctx->file_columns;
    }
    if (width < REPORT_MIN_WIDTH) {
        width = REPORT_MIN_WIDTH;
    } else if (width > REPORT_MAX_WIDTH) {
        width = REPORT_MAX_WIDTH;
    }
    *opts = defaults;
    opts->format = r->format;
    opts->width = (unsigned int)width;
    opts->color = to_stdout && ctx->colour && r->format == CF_REPORT_TEXT;
}

int report_failure(const cli_context *ctx, const char *command, int code,
                   const cf_error *err)
{
    char source[REPORT_SOURCE_MAX];
    const char *message =
        err->message[0] != '\0' ? err->message : cf_strerror(code);
    snprintf(source, sizeof source, "%s %s", CLI_PROGRAM, command);
    out_error_at(ctx, source, 0, 0, message);
    return CLI_EXIT_INPUT;
}

/* text and, when it does not end with one, a newline: one buffer. */
static char *with_newline(const char *text, size_t *len)
{
    size_t n = strlen(text);
    size_t add = n == 0 || text[n - 1] != '\n' ? 1 : 0;
    char *copy = malloc(n + 2);
    if (copy != NULL) {
        memcpy(copy, text, n);
        copy[n] = '\n';
        copy[n + add] = '\0';
        *len = n + add;
    }
    return copy;
}

static int write_file(const cli_context *ctx, const char *path,
                      const char *text)
{
    const char *what = "cannot write the file";
    char message[CF_ERROR_MESSAGE_MAX];
    size_t len = 0;
    char *data = with_newline(text, &len);
    int rc = data != NULL ? atomic_write_file(path, data, len, &what) : -1;
    int errnum = data != NULL ? errno : ENOMEM;
    free(data);
    if (rc != 0) {
        snprintf(message, sizeof message, "%s: %s", what, strerror(errnum));
        out_error_at(ctx, path, 0, 0, message);
        return CLI_EXIT_INPUT;
    }
    return CLI_EXIT_OK;
}

int report_finish(const cli_context *ctx, const report_command *cmd,
                  const report_args *r, int rc, char *text, const cf_error *err)
{
    int status = CLI_EXIT_OK;
    if (rc != CF_OK) {
        status = report_failure(ctx, cmd->name, rc, err);
    } else if (report_to_stdout(r)) {
        size_t n = strlen(text);
        fwrite(text, 1, n, stdout);
        if (n == 0 || text[n - 1] != '\n') {
            fputc('\n', stdout);
        }
    } else {
        status = write_file(ctx, r->output, text);
    }
    cf_string_free(text);
    return status;
}
