/* The command-line option parser (see args.h). */
#include "args.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "competency.h"

#define ARGS_MAX_LONG 32

void args_init(args_parser *p, int argc, char **argv,
               const args_option *options, size_t option_count)
{
    memset(p, 0, sizeof *p);
    p->argc = argc;
    p->argv = argv;
    p->next = 1;
    p->options = options;
    p->option_count = option_count;
}

static const args_option *find_long(const args_parser *p, const char *name,
                                    size_t len)
{
    for (size_t i = 0; i < p->option_count; i++) {
        const char *candidate = p->options[i].long_name;
        if (candidate != NULL && strlen(candidate) == len &&
            strncmp(candidate, name, len) == 0) {
            return &p->options[i];
        }
    }
    return NULL;
}

static const args_option *find_short(const args_parser *p, char name)
{
    for (size_t i = 0; i < p->option_count; i++) {
        if (p->options[i].short_name != '\0' &&
            p->options[i].short_name == name) {
            return &p->options[i];
        }
    }
    return NULL;
}

/* "unknown option '--x'", with a suggestion among the long options. */
static int unknown_long(args_parser *p, const char *arg, size_t len)
{
    char word[ARGS_MAX_LONG + 3];
    char names[ARGS_MAX_LONG][ARGS_MAX_LONG + 3];
    const char *list[ARGS_MAX_LONG];
    size_t count = 0;
    for (size_t i = 0; i < p->option_count && count < ARGS_MAX_LONG; i++) {
        if (p->options[i].long_name != NULL) {
            snprintf(names[count], sizeof names[count], "--%s",
                     p->options[i].long_name);
            list[count] = names[count];
            count++;
        }
    }
    snprintf(word, sizeof word, "%.*s", (int)len, arg);
    const char *guess =
        len < sizeof word - 1 ? cf_suggest(word, list, count) : NULL;
    if (guess != NULL) {
        snprintf(p->problem, sizeof p->problem,
                 "unknown option '%.*s' (did you mean '%s'?)", (int)len, arg,
                 guess);
    } else {
        snprintf(p->problem, sizeof p->problem, "unknown option '%.*s'",
                 (int)len, arg);
    }
    return ARGS_ERROR;
}

/* The value of an option from the next argument, or an error. */
static int value_from_next(args_parser *p, const args_option *opt,
                           const char *shown)
{
    if (p->next >= p->argc) {
        snprintf(p->problem, sizeof p->problem, "option '%s' needs a value",
                 shown);
        return ARGS_ERROR;
    }
    p->value = p->argv[p->next++];
    return opt->id;
}

static int parse_long(args_parser *p, const char *arg)
{
    const char *name = arg + 2;
    const char *equals = strchr(name, '=');
    size_t len = equals != NULL ? (size_t)(equals - name) : strlen(name);
    const args_option *opt = find_long(p, name, len);
    if (opt == NULL) {
        return unknown_long(p, arg, len + 2);
    }
    if (!opt->takes_value) {
        if (equals != NULL) {
            snprintf(p->problem, sizeof p->problem,
                     "option '--%s' takes no value", opt->long_name);
            return ARGS_ERROR;
        }
        p->value = NULL;
        return opt->id;
    }
    if (equals != NULL) {
        p->value = equals + 1;
        return opt->id;
    }
    return value_from_next(p, opt, arg);
}

static int parse_short(args_parser *p)
{
    char name = *p->cluster++;
    char shown[3] = {'-', name, '\0'};
    const args_option *opt = find_short(p, name);
    if (opt == NULL) {
        p->cluster = NULL;
        snprintf(p->problem, sizeof p->problem, "unknown option '%s'", shown);
        return ARGS_ERROR;
    }
    if (!opt->takes_value) {
        p->value = NULL;
        if (*p->cluster == '\0') {
            p->cluster = NULL;
        }
        return opt->id;
    }
    if (*p->cluster != '\0') {
        p->value = p->cluster;
        p->cluster = NULL;
        return opt->id;
    }
    p->cluster = NULL;
    return value_from_next(p, opt, shown);
}

int args_next(args_parser *p)
{
    if (p->cluster != NULL) {
        return parse_short(p);
    }
    if (p->next >= p->argc) {
        return ARGS_END;
    }
    const char *arg = p->argv[p->next++];
    if (p->operands_only || arg[0] != '-' || arg[1] == '\0') {
        p->value = arg;
        return ARGS_OPERAND;
    }
    if (strcmp(arg, "--") == 0) {
        p->operands_only = 1;
        return args_next(p);
    }
    if (arg[1] == '-') {
        return parse_long(p, arg);
    }
    p->cluster = arg + 1;
    return parse_short(p);
}

int args_parse_size(const char *text, size_t *out)
{
    char *end = NULL;
    if (text[0] < '0' || text[0] > '9') {
        return -1;
    }
    errno = 0;
    unsigned long long value = strtoull(text, &end, 10);
    if (errno != 0 || *end != '\0' || value > (unsigned long long)SIZE_MAX) {
        return -1;
    }
    *out = (size_t)value;
    return 0;
}

int args_parse_number(const char *text, double *out)
{
    char *end = NULL;
    if ((text[0] < '0' || text[0] > '9') && text[0] != '.') {
        return -1;
    }
    for (const char *c = text; *c != '\0'; c++) {
        if (*c == 'x' || *c == 'X') { /* no hexadecimal */
            return -1;
        }
    }
    errno = 0;
    double value = strtod(text, &end);
    if (errno != 0 || end == text || *end != '\0' || !isfinite(value)) {
        return -1;
    }
    *out = value;
    return 0;
}
