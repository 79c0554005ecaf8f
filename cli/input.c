/* Frameworks from files or standard input (see input.h). */
#include "input.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INPUT_CHUNK 65536

const char *input_name(const char *operand)
{
    return strcmp(operand, INPUT_STDIN_OPERAND) == 0 ? INPUT_STDIN_NAME
                                                     : operand;
}

static int input_fail(cf_error *err, int code, const char *what, int errnum)
{
    memset(err, 0, sizeof *err);
    err->code = code;
    snprintf(err->source, sizeof err->source, "%s", INPUT_STDIN_NAME);
    if (errnum != 0) {
        snprintf(err->message, sizeof err->message, "%s: %s", what,
                 strerror(errnum));
    } else {
        snprintf(err->message, sizeof err->message, "%s", what);
    }
    return code;
}

/*
 * Reads all of stream into a new buffer. Stops one byte past the
 * library's input limit, so the loader reports the limit as it does for
 * files and memory stays bounded.
 */
static int read_all(FILE *stream, char **data, size_t *len, cf_error *err)
{
    const size_t cap_limit = (size_t)CF_DEFAULT_MAX_INPUT_BYTES + 1;
    char *buf = NULL;
    size_t used = 0, cap = 0;
    while (!feof(stream) && used < cap_limit) {
        if (used == cap) {
            size_t grown = cap == 0 ? INPUT_CHUNK : cap * 2;
            char *bigger = realloc(buf, grown < cap_limit ? grown : cap_limit);
            if (bigger == NULL) {
                free(buf);
                return input_fail(err, CF_ENOMEM, "out of memory", 0);
            }
            buf = bigger;
            cap = grown < cap_limit ? grown : cap_limit;
        }
        used += fread(buf + used, 1, cap - used, stream);
        if (ferror(stream)) {
            int errnum = errno;
            free(buf);
            return input_fail(err, CF_EIO, "cannot read standard input",
                              errnum);
        }
    }
    *data = buf;
    *len = used;
    return CF_OK;
}

int input_read_stdin(char **data, size_t *len, cf_error *err)
{
    memset(err, 0, sizeof *err);
    *data = NULL;
    *len = 0;
    return read_all(stdin, data, len, err);
}

static int load_stdin(cf_framework **out, cf_error *err)
{
    char *data = NULL;
    size_t len = 0;
    int rc = input_read_stdin(&data, &len, err);
    if (rc != CF_OK) {
        *out = NULL;
        return rc;
    }
    rc = cf_framework_load_buffer(out, data != NULL ? data : "", len,
                                  INPUT_STDIN_NAME, NULL, err);
    free(data);
    return rc;
}

int input_load_framework(cf_framework **out, const char *operand, cf_error *err)
{
    memset(err, 0, sizeof *err);
    if (strcmp(operand, INPUT_STDIN_OPERAND) == 0) {
        return load_stdin(out, err);
    }
    return cf_framework_load_file(out, operand, NULL, err);
}
