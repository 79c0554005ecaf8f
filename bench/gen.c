/*
 * gen: writes the benchmarks' synthetic data (bench/synth.h): a framework
 * of N elements, its role profile, or the self-assessments of P people,
 * the same bytes for the same arguments on every machine.
 *
 *   gen framework   --elements N [--seed S] [-o FILE]
 *   gen profile     --elements N [--seed S] [-o FILE]
 *   gen assessments --elements N --people P [--first F]
 *                   [--format yaml|csv|matrix] [--seed S] [-o FILE]
 *
 * Exit status: 0 success, 1 write error, 2 usage error.
 */
#include "synth.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: gen framework   --elements N [--seed S] [-o FILE]\n"
    "       gen profile     --elements N [--seed S] [-o FILE]\n"
    "       gen assessments --elements N --people P [--first F]\n"
    "                       [--format yaml|csv|matrix] [--seed S] [-o FILE]\n"
    "       gen --help\n";

static const char help[] =
    "\n"
    "Writes deterministic synthetic data for the libcompetency benchmarks:\n"
    "the same arguments give the same bytes on every machine.\n"
    "\n"
    "Commands:\n"
    "  framework    a framework of exactly N elements (N >= 16), id\n"
    "               bench-N: domains, competencies, sub-competencies and\n"
    "               behaviours, three scales, mixed weights and rollups\n"
    "  profile      the role profile bench-role: a target on every\n"
    "               competency of that framework\n"
    "  assessments  self-assessments of persons F .. F+P-1 (subjects\n"
    "               person-000042 ...), about 90% of the behaviours rated\n"
    "\n"
    "Options:\n"
    "  --elements N   elements of the framework (required)\n"
    "  --seed S       seed of every random choice (default 1)\n"
    "  --people P     how many people (assessments; required there)\n"
    "  --first F      number of the first person (default 0)\n"
    "  --format FMT   yaml (one document per person), csv, or matrix: the\n"
    "                 same ratings as people x N doubles in the machine's\n"
    "                 byte order, NaN unrated (numpy.fromfile reads it);\n"
    "                 default csv when FILE ends in .csv, else yaml\n"
    "  -o FILE        write to FILE instead of standard output\n"
    "  -h, --help     show this help and exit\n"
    "\n"
    "Exit status: 0 success, 1 write error, 2 usage error.\n";

static const char *program = "gen";

/* Prints "gen: message", the usage, and exits with status 2. */
static _Noreturn void fail_usage(const char *message, const char *detail)
{
    fprintf(stderr, "%s: %s%s%s%s\n", program, message,
            detail != NULL ? " '" : "", detail != NULL ? detail : "",
            detail != NULL ? "'" : "");
    fputs(usage, stderr);
    fputs("Run 'gen --help' for more.\n", stderr);
    exit(2);
}

/* A whole decimal number, no sign, nothing after it. */
static uint64_t parse_number(const char *option, const char *text)
{
    char *end;
    if (text[0] < '0' || text[0] > '9') {
        fprintf(stderr, "%s: %s needs a whole number, not '%s'\n", program,
                option, text);
        fputs(usage, stderr);
        exit(2);
    }
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno != 0 || *end != '\0') {
        fprintf(stderr, "%s: %s needs a whole number, not '%s'\n", program,
                option, text);
        fputs(usage, stderr);
        exit(2);
    }
    return (uint64_t)v;
}

static size_t parse_size(const char *option, const char *text)
{
    uint64_t v = parse_number(option, text);
    if (v > SIZE_MAX) {
        fprintf(stderr, "%s: %s %s is too large\n", program, option, text);
        exit(2);
    }
    return (size_t)v;
}

static int ends_with_csv(const char *path)
{
    size_t n = strlen(path);
    if (n < 4)
        return 0;
    const char *x = path + n - 4;
    return x[0] == '.' && (x[1] == 'c' || x[1] == 'C') &&
           (x[2] == 's' || x[2] == 'S') && (x[3] == 'v' || x[3] == 'V');
}

/* The levels of persons first .. first+people-1 as rows of doubles. */
static int write_matrix(const synth *s, size_t first, size_t people, FILE *out)
{
    size_t n = synth_element_count(s);
    double *row = malloc(n * sizeof *row);
    int rc = row != NULL ? 0 : -1;
    for (size_t p = first; rc == 0 && p < first + people; p++) {
        synth_levels(s, p, row);
        if (fwrite(row, sizeof *row, n, out) != n)
            rc = -1;
    }
    free(row);
    return rc;
}

enum command { CMD_FRAMEWORK, CMD_PROFILE, CMD_ASSESSMENTS };

int main(int argc, char **argv)
{
    if (argc < 2)
        fail_usage("missing command (framework, profile or assessments)", NULL);
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 ||
        strcmp(name, "help") == 0) {
        fputs(usage, stdout);
        fputs(help, stdout);
        return 0;
    }
    enum command cmd;
    if (strcmp(name, "framework") == 0)
        cmd = CMD_FRAMEWORK;
    else if (strcmp(name, "profile") == 0)
        cmd = CMD_PROFILE;
    else if (strcmp(name, "assessments") == 0)
        cmd = CMD_ASSESSMENTS;
    else
        fail_usage("unknown command", name);

    size_t elements = 0, people = 0, first = 0;
    int have_elements = 0, have_people = 0;
    uint64_t seed = 1;
    const char *format = NULL, *path = NULL;

    for (int i = 2; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            fputs(usage, stdout);
            fputs(help, stdout);
            return 0;
        }
        /* --option VALUE or --option=VALUE */
        char option[32];
        const char *value = NULL;
        const char *eq = strncmp(arg, "--", 2) == 0 ? strchr(arg, '=') : NULL;
        if (eq != NULL && (size_t)(eq - arg) < sizeof option) {
            memcpy(option, arg, (size_t)(eq - arg));
            option[eq - arg] = '\0';
            value = eq + 1;
        } else if (strlen(arg) < sizeof option) {
            strcpy(option, arg);
        } else {
            fail_usage("unknown option", arg);
        }
        if (strcmp(option, "--elements") != 0 &&
            strcmp(option, "--seed") != 0 && strcmp(option, "--people") != 0 &&
            strcmp(option, "--first") != 0 && strcmp(option, "--format") != 0 &&
            strcmp(option, "-o") != 0 && strcmp(option, "--output") != 0)
            fail_usage(arg[0] == '-' ? "unknown option" : "unexpected argument",
                       arg);
        if (value == NULL) {
            if (i + 1 >= argc)
                fail_usage("missing value after", option);
            value = argv[++i];
        }
        if (strcmp(option, "--elements") == 0) {
            elements = parse_size(option, value);
            have_elements = 1;
        } else if (strcmp(option, "--seed") == 0) {
            seed = parse_number(option, value);
        } else if (strcmp(option, "-o") == 0 ||
                   strcmp(option, "--output") == 0) {
            path = value;
        } else if (cmd != CMD_ASSESSMENTS) {
            fprintf(stderr, "%s: %s applies only to 'gen assessments'\n",
                    program, option);
            fputs(usage, stderr);
            return 2;
        } else if (strcmp(option, "--people") == 0) {
            people = parse_size(option, value);
            have_people = 1;
        } else if (strcmp(option, "--first") == 0) {
            first = parse_size(option, value);
        } else {
            if (strcmp(value, "yaml") != 0 && strcmp(value, "csv") != 0 &&
                strcmp(value, "matrix") != 0)
                fail_usage("--format must be yaml, csv or matrix, not", value);
            format = value;
        }
    }
    if (!have_elements)
        fail_usage("missing --elements N", NULL);
    if (elements < 16)
        fail_usage("--elements must be at least 16", NULL);
    if (cmd == CMD_ASSESSMENTS && !have_people)
        fail_usage("missing --people P", NULL);
    if (cmd == CMD_ASSESSMENTS && first > SIZE_MAX - people)
        fail_usage("--first plus --people is too large", NULL);
    int csv = format != NULL ? strcmp(format, "csv") == 0
                             : path != NULL && ends_with_csv(path);
    int matrix = format != NULL && strcmp(format, "matrix") == 0;

    synth *s = synth_new(elements, seed);
    if (s == NULL) {
        fprintf(stderr, "%s: out of memory for %zu elements\n", program,
                elements);
        return 1;
    }
    FILE *file = stdout;
    if (path != NULL) {
        file = fopen(path, "wb");
        if (file == NULL) {
            fprintf(stderr, "%s: cannot open %s: %s\n", program, path,
                    strerror(errno));
            synth_free(s);
            return 1;
        }
    }
    /* synth writes in large blocks; a big stdio buffer passes them on */
    static char buffer[1 << 16];
    setvbuf(file, buffer, _IOFBF, sizeof buffer);

    int rc;
    if (cmd == CMD_FRAMEWORK)
        rc = synth_write_framework(s, file);
    else if (cmd == CMD_PROFILE)
        rc = synth_write_profile(s, file);
    else if (matrix)
        rc = write_matrix(s, first, people, file);
    else
        rc = synth_write_assessments(s, first, people, csv, file);
    if (path != NULL && fclose(file) != 0)
        rc = -1;
    else if (path == NULL && fflush(file) != 0)
        rc = -1;
    synth_free(s);
    if (rc != 0) {
        fprintf(stderr, "%s: write error on %s\n", program,
                path != NULL ? path : "standard output");
        return 1;
    }
    return 0;
}
