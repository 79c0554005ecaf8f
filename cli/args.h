/*
 * A small command-line option parser.
 *
 * Options may come before or after operands; "--" ends options; a lone
 * "-" is an operand. Long options take their value as "--name=value" or
 * as the next argument; short options may be grouped ("-vq") and take
 * their value as "-wVALUE" or as the next argument.
 */
#ifndef CLI_ARGS_H
#define CLI_ARGS_H

#include <stddef.h>

/* What args_next returns besides an option's id (ids must be >= 0). */
enum {
    ARGS_END = -1,     /* no more arguments */
    ARGS_OPERAND = -2, /* an operand, in parser.value */
    ARGS_ERROR = -3    /* a bad option, described in parser.problem */
};

typedef struct args_option {
    const char *long_name; /* without the leading "--" */
    char short_name;       /* '\0' when the option has no short form */
    int takes_value;
    int id;
} args_option;

typedef struct args_parser {
    int argc;
    char **argv;
    int next;            /* the next argv element to read */
    const char *cluster; /* the rest of a group of short options */
    int operands_only;   /* "--" has been seen */
    const args_option *options;
    size_t option_count;
    const char *value; /* the operand or the option's value */
    char problem[160]; /* why ARGS_ERROR was returned */
} args_parser;

/* Starts parsing argv[1..argc-1] (argv[0] names the command). */
void args_init(args_parser *p, int argc, char **argv,
               const args_option *options, size_t option_count);

/*
 * The next option's id (its value, if any, in p->value), ARGS_OPERAND,
 * ARGS_END or ARGS_ERROR.
 */
int args_next(args_parser *p);

/* Parses a whole decimal number without sign; 0 on success, -1 if not. */
int args_parse_size(const char *text, size_t *out);

/*
 * Parses a finite decimal number without sign ("2", "0.5", "1e-1"), with
 * a '.' whatever the locale; 0 on success, -1 if not.
 */
int args_parse_number(const char *text, double *out);

#endif /* CLI_ARGS_H */
