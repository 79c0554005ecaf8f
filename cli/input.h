/* Loading a framework named on the command line: a file, or "-" for stdin. */
#ifndef CLI_INPUT_H
#define CLI_INPUT_H

#include "competency.h"

/* The name "-" stands for standard input. */
#define INPUT_STDIN_OPERAND "-"
/* The source name of standard input in messages. */
#define INPUT_STDIN_NAME "<stdin>"

/* The name to show for operand: "<stdin>" for "-", else operand itself. */
const char *input_name(const char *operand);

/*
 * Reads the whole of standard input into *data (from malloc, NULL when
 * empty; free it) and *len, stopping one byte past the library's input
 * limit so the loaders report the limit. Returns CF_OK, CF_EIO or
 * CF_ENOMEM, with err filled and named "<stdin>".
 */
int input_read_stdin(char **data, size_t *len, cf_error *err);

/*
 * Loads the framework named by operand with default options. Standard
 * input is read whole, then loaded as a buffer named "<stdin>". Returns
 * CF_OK or a CF_E... code, with err filled as the library does.
 */
int input_load_framework(cf_framework **out, const char *operand,
                         cf_error *err);

#endif /* CLI_INPUT_H */
