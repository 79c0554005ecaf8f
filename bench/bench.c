/*
 * competency-bench: the C side of the benchmarks. bench/run.py spawns it
 * and reads what it prints: one JSON object per line on stdout, one line
 * per measured row. Errors go to stderr: usage errors exit 2, library
 * errors (printed as file:line:column: message) and I/O errors exit 1.
 *
 * Timing uses clock_gettime(CLOCK_MONOTONIC). Each timed row runs once,
 * untimed, as a warm-up (which also checks its input), then --reps R
 * times (default 5); a line reports the median and the minimum of the R
 * samples. Rows that are compared run in the same process, interleaved
 * rep by rep (A, B, C, A, B, C, ...), so that drift of the machine (clock
 * speed, other load) spreads over all of them alike.
 *
 * Subcommands:
 *
 * load-framework FILE [--reps R]
 *   How long parsing a framework takes, against two libyaml baselines. The
 *   file is read into memory once, so only parsing is timed, not the disk.
 *   Rows (side): "ours" = cf_framework_load_buffer + cf_framework_free;
 *   "libyaml_scan" = a bare libyaml event scan of the same bytes (parse
 *   every event, delete it): the floor for any libyaml-based loader;
 *   "libyaml_load" = libyaml's document API, yaml_parser_load of every
 *   document + yaml_document_delete: what a generic YAML-to-tree loader
 *   costs. over_scan says how many scans each row is worth.
 *
 * load-assessments FRAMEWORK FILE [--format yaml|csv] [--scan-file YAML]
 *                  [--reps R]
 *   How long loading assessments takes. The framework is loaded once,
 *   untimed; FILE is read into memory once. Rows: "ours" =
 *   cf_assessment_list_load_buffer + cf_assessment_list_free (the timed
 *   part also sums cf_assessment_rated_count, one call per assessment);
 *   "libyaml_scan" = an event scan of FILE when it is YAML, or of the YAML
 *   file given by --scan-file when FILE is CSV (the same data as YAML, so
 *   that CSV and YAML of the same data compare against one floor);
 *   "byte_pass" (CSV only) = one pass over the CSV bytes counting
 *   newlines: the floor for a CSV reader. --format defaults to the file
 *   name (.csv is CSV, else YAML).
 *
 * team --elements N --people P [--threads T[,T...]] [--seed S] [--reps R]
 *      [--dump FILE]
 *   How fast the dense team analysis scores people. A synthetic framework
 *   and profile of N elements (bench/synth.h, seed S, default 1) are
 *   written to memory and loaded with the cf_*_load_buffer functions; the
 *   P x N matrix of levels is filled from synth_levels. None of that is
 *   timed. Timed: cf_team_matrix_analyze + cf_team_matrix_free with
 *   opts.threads = T (0 means one thread per processor). A list of thread
 *   counts gives one line per count, the counts interleaved per rep; every
 *   run's fits and achieved arrays are compared (memcmp, untimed) with the
 *   first run's, and identical says whether all of this count's were the
 *   same to the bit. --dump FILE writes one more analysis (first thread
 *   count) as JSON for the correctness checks against Python: elements,
 *   people, seed, framework and profile ids, fits, ready (booleans), achieved
 * (per person, per target), rank (row indices, best first) and targets: per
 * target its id, assessed, mean, min, max and meeting (numbers to 17 digits,
 * NaN as null). Numbers on the lines on stdout have 6 significant digits.
 *
 * gap --elements N --people P [--seed S] [--reps R]
 *   How fast the object API analyses one person at a time: the team's
 *   rows (as for team) become P assessments (cf_assessment_rate_many,
 *   untimed); timed: cf_gap_analyze + cf_gap_report_free for each, which
 *   scores every element and writes each target's explanation.
 *
 * end-to-end FRAMEWORK PROFILE ASSESSMENTS [--format yaml|csv]
 *            [--threads T] [--reps R]
 *   A whole job as a user runs it, from files (cf_*_load_file each rep,
 *   so the files come from the page cache, as the Python side reads
 *   them): load the framework, the profile and the assessments, build the
 *   matrix from cf_assessment_levels (one row per assessment: people is
 *   the number of assessments), analyse it; T threads (default 1) load
 *   the assessments (cf_load_options.threads) and analyse. Freeing
 *   everything afterwards is not timed. Besides the total (median_s), the
 *   line has the median of each phase.
 *
 * memory framework FILE
 * memory assessments FRAMEWORK FILE [--format yaml|csv]
 *   How much memory a loaded object takes. Run once per process (the
 *   driver spawns one per measurement). First a tiny built-in document is
 *   loaded and freed, so that the library's code pages are resident;
 *   then FILE is read into a buffer of its exact size (and, for
 *   assessments, FRAMEWORK is loaded); then the peak resident set is
 *   taken before and after loading FILE from that buffer with
 *   cf_*_load_buffer (peak_rss_bytes: VmHWM on Linux, reset first, since
 *   getrusage's ru_maxrss there carries the spawning driver's peak over
 *   execve; getrusage elsewhere). The delta counts touched pages, so below
 *   a few hundred kilobytes it is mostly 0 (the heap already had room). The
 *   library's own bytes are also counted exactly, through a counting
 *   allocator given in cf_load_options: live after the load and peak
 *   during it (libyaml's parser buffers use malloc directly, so they show
 *   in the maxrss delta only).
 *
 * Output keys (a key absent from a row's line does not apply to it):
 *   row               framework_load, assessments_load, team, end_to_end,
 *                     memory_framework, memory_assessments
 *   side              ours, libyaml_scan, libyaml_load, byte_pass
 *   file              the file the row reads (its name as given)
 *   format            yaml or csv (assessment rows)
 *   bytes             size of file in bytes
 *   reps, median_s, min_s      samples, their median and minimum (seconds)
 *   over_scan         median_s / the libyaml_scan row's median_s (null
 *                     when there is no scan row)
 *   elements          elements of the framework
 *   assessments, ratings       assessments loaded, sum of their ratings
 *                     (on a CSV's libyaml_scan line: those of the CSV)
 *   ratings_per_s     ratings / median_s
 *   people, targets, threads, online_cpus, seed, identical   (team;
 *                     threads as given, online_cpus what 0 stands for;
 *                     end_to_end has people and threads)
 *   element_scores_per_s       people x elements / median_s (team,
 *                              end_to_end)
 *   framework_s, profile_s, assessments_s, matrix_s, analyze_s
 *                     median of each phase (end_to_end)
 *   maxrss_before_bytes, maxrss_after_bytes, maxrss_delta_bytes,
 *   live_bytes, peak_live_bytes, allocations, live_over_file,
 *   peak_over_file, maxrss_delta_per_element, live_per_element,
 *   maxrss_delta_per_rating, live_per_rating        (memory)
 */
#define _POSIX_C_SOURCE 200809L

#include <competency.h>
#include <yaml.h>

#include "synth.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define EXIT_USAGE 2
#define MAX_THREAD_COUNTS 16
#define DEFAULT_REPS 5
#define DEFAULT_SEED 1
#define TIMING_DIGITS 6 /* measurements: more would be noise */
#define EXACT_DIGITS 17 /* --dump: every double round-trips */

/* ------------------------------------------------------------------------ */
/* Command line                                                             */
/* ------------------------------------------------------------------------ */

enum {
    OPT_REPS = 1 << 0,
    OPT_FORMAT = 1 << 1,
    OPT_SCAN_FILE = 1 << 2,
    OPT_ELEMENTS = 1 << 3,
    OPT_PEOPLE = 1 << 4,
    OPT_THREADS = 1 << 5,
    OPT_SEED = 1 << 6,
    OPT_DUMP = 1 << 7
};

typedef struct args {
    const char *cmd;
    const char *pos[4];
    size_t npos;
    unsigned seen; /* OPT_ bits of the options given */
    size_t reps;
    size_t elements;
    size_t people;
    uint64_t seed;
    unsigned threads[MAX_THREAD_COUNTS];
    size_t nthreads;
    cf_format format;
    const char *scan_file;
    const char *dump;
} args;

typedef struct option_spec {
    const char *name;
    unsigned bit;
} option_spec;

static const option_spec option_specs[] = {
    {"--reps", OPT_REPS},           {"--format", OPT_FORMAT},
    {"--scan-file", OPT_SCAN_FILE}, {"--elements", OPT_ELEMENTS},
    {"--people", OPT_PEOPLE},       {"--threads", OPT_THREADS},
    {"--seed", OPT_SEED},           {"--dump", OPT_DUMP}};

static const char usage_text[] =
    "usage: competency-bench load-framework FILE [--reps R]\n"
    "       competency-bench load-assessments FRAMEWORK FILE\n"
    "                [--format yaml|csv] [--scan-file YAMLFILE] [--reps R]\n"
    "       competency-bench team --elements N --people P [--threads "
    "T[,T...]]\n"
    "                [--seed S] [--reps R] [--dump FILE]\n"
    "       competency-bench gap --elements N --people P [--seed S] "
    "[--reps R]\n"
    "       competency-bench end-to-end FRAMEWORK PROFILE ASSESSMENTS\n"
    "                [--format yaml|csv] [--threads T] [--reps R]\n"
    "       competency-bench memory framework FILE\n"
    "       competency-bench memory assessments FRAMEWORK FILE\n"
    "                [--format yaml|csv]\n"
    "Prints one JSON object per measured row (bench/bench.c describes "
    "them).\n";

static int usage_error(const char *what, const char *detail)
{
    fprintf(stderr, "competency-bench: %s%s%s\n%s", what, detail ? ": " : "",
            detail ? detail : "", usage_text);
    return EXIT_USAGE;
}

/* A whole non-negative decimal number that fits in *out. */
static int parse_u64(const char *text, uint64_t *out)
{
    if (text[0] < '0' || text[0] > '9') {
        return -1;
    }
    errno = 0;
    char *end;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno != 0 || *end != '\0') {
        return -1;
    }
    *out = (uint64_t)v;
    return 0;
}

static int parse_size(const char *text, size_t *out)
{
    uint64_t v;
    if (parse_u64(text, &v) != 0 || v > SIZE_MAX) {
        return -1;
    }
    *out = (size_t)v;
    return 0;
}

/* "1,2,4": up to MAX_THREAD_COUNTS counts, each at most 4096. */
static int parse_threads(const char *text, args *a)
{
    a->nthreads = 0;
    const char *p = text;
    for (;;) {
        char part[32];
        size_t n = strcspn(p, ",");
        uint64_t v;
        if (n == 0 || n >= sizeof part || a->nthreads == MAX_THREAD_COUNTS) {
            return -1;
        }
        memcpy(part, p, n);
        part[n] = '\0';
        if (parse_u64(part, &v) != 0 || v > 4096) {
            return -1;
        }
        a->threads[a->nthreads++] = (unsigned)v;
        if (p[n] == '\0') {
            return 0;
        }
        p += n + 1;
    }
}

static int parse_format(const char *text, cf_format *out)
{
    if (strcmp(text, "yaml") == 0) {
        *out = CF_FORMAT_YAML;
    } else if (strcmp(text, "csv") == 0) {
        *out = CF_FORMAT_CSV;
    } else {
        return -1;
    }
    return 0;
}

static int set_option(args *a, unsigned bit, const char *value)
{
    switch (bit) {
    case OPT_REPS:
        return parse_size(value, &a->reps) != 0 || a->reps == 0 ? -1 : 0;
    case OPT_FORMAT:
        return parse_format(value, &a->format);
    case OPT_SCAN_FILE:
        a->scan_file = value;
        return 0;
    case OPT_ELEMENTS:
        return parse_size(value, &a->elements);
    case OPT_PEOPLE:
        return parse_size(value, &a->people) != 0 || a->people == 0 ? -1 : 0;
    case OPT_THREADS:
        return parse_threads(value, a);
    case OPT_SEED:
        return parse_u64(value, &a->seed);
    default:
        a->dump = value;
        return 0;
    }
}

static const option_spec *find_option(const char *name)
{
    for (size_t i = 0; i < sizeof option_specs / sizeof option_specs[0]; i++) {
        if (strcmp(option_specs[i].name, name) == 0) {
            return &option_specs[i];
        }
    }
    return NULL;
}

/* Fills *a from argv; returns 0 or an exit status (usage error). */
static int parse_args(int argc, char **argv, args *a)
{
    memset(a, 0, sizeof *a);
    a->reps = DEFAULT_REPS;
    a->seed = DEFAULT_SEED;
    a->threads[0] = 1;
    a->nthreads = 1;
    a->format = CF_FORMAT_AUTO;
    a->cmd = argv[1];
    for (int i = 2; i < argc; i++) {
        if (strncmp(argv[i], "--", 2) != 0) {
            if (a->npos == sizeof a->pos / sizeof a->pos[0]) {
                return usage_error("too many arguments", argv[i]);
            }
            a->pos[a->npos++] = argv[i];
            continue;
        }
        const option_spec *o = find_option(argv[i]);
        if (o == NULL) {
            return usage_error("unknown option", argv[i]);
        }
        if (i + 1 == argc) {
            return usage_error("missing value for", argv[i]);
        }
        if (set_option(a, o->bit, argv[i + 1]) != 0) {
            return usage_error("bad value for", argv[i]);
        }
        a->seen |= o->bit;
        i++;
    }
    return 0;
}

/* Usage error unless only options of allowed were given. */
static int check_options(const args *a, unsigned allowed)
{
    for (size_t i = 0; i < sizeof option_specs / sizeof option_specs[0]; i++) {
        if ((a->seen & option_specs[i].bit) &&
            !(option_specs[i].bit & allowed)) {
            return usage_error("option not accepted by this subcommand",
                               option_specs[i].name);
        }
    }
    return 0;
}

/* ------------------------------------------------------------------------ */
/* Output                                                                   */
/* ------------------------------------------------------------------------ */

/* One JSON object being written to out, key by key. */
typedef struct jline {
    FILE *out;
    int first;
    int digits; /* significant digits of numbers */
} jline;

static void j_string_value(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            fprintf(out, "\\%c", *p);
        } else if (*p < 0x20) {
            fprintf(out, "\\u%04x", *p);
        } else {
            fputc(*p, out);
        }
    }
    fputc('"', out);
}

/* A double to digits significant digits; NaN and infinities as null. */
static void j_number_value(FILE *out, double v, int digits)
{
    if (isfinite(v)) {
        fprintf(out, "%.*g", digits, v);
    } else {
        fputs("null", out);
    }
}

static void j_begin(jline *j, FILE *out)
{
    j->out = out;
    j->first = 1;
    j->digits = TIMING_DIGITS;
    fputc('{', out);
}

static void j_key(jline *j, const char *key)
{
    fputs(j->first ? "" : ",", j->out);
    j->first = 0;
    j_string_value(j->out, key);
    fputc(':', j->out);
}

static void j_str(jline *j, const char *key, const char *value)
{
    j_key(j, key);
    j_string_value(j->out, value);
}

static void j_num(jline *j, const char *key, double value)
{
    j_key(j, key);
    j_number_value(j->out, value, j->digits);
}

static void j_size(jline *j, const char *key, size_t value)
{
    j_key(j, key);
    fprintf(j->out, "%zu", value);
}

static void j_bool(jline *j, const char *key, int value)
{
    j_key(j, key);
    fputs(value ? "true" : "false", j->out);
}

static void j_end(jline *j)
{
    fputs("}\n", j->out);
    fflush(j->out);
}

static const char *format_name(cf_format f)
{
    return f == CF_FORMAT_CSV ? "csv" : "yaml";
}

/* ------------------------------------------------------------------------ */
/* Errors, files, clocks                                                    */
/* ------------------------------------------------------------------------ */

static int report_cf_error(const cf_error *e)
{
    if (e->line > 0) {
        fprintf(stderr, "%s:%zu:%zu: %s\n", e->source, e->line, e->column,
                e->message);
    } else {
        fprintf(stderr, "%s: %s\n", e->source[0] ? e->source : "competency",
                e->message[0] ? e->message : cf_strerror(e->code));
    }
    return 1;
}

static int report_errno(const char *what, const char *name)
{
    fprintf(stderr, "competency-bench: %s %s: %s\n", what, name,
            strerror(errno));
    return 1;
}

static int out_of_memory(void)
{
    fputs("competency-bench: out of memory\n", stderr);
    return 1;
}

/* A file's whole contents. */
typedef struct buffer {
    const char *name;
    char *data;
    size_t len;
} buffer;

static int read_whole(buffer *b, const char *path)
{
    b->name = path;
    b->data = NULL;
    b->len = 0;
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return report_errno("cannot open", path);
    }
    /* Sized from the start, so that no freed copies stay in the heap. */
    struct stat st;
    size_t cap = 0;
    if (fstat(fileno(f), &st) == 0 && st.st_size > 0 &&
        (uintmax_t)st.st_size < SIZE_MAX) {
        cap = (size_t)st.st_size + 1;
        b->data = malloc(cap);
        cap = b->data ? cap : 0;
    }
    for (;;) {
        if (b->len == cap) {
            cap = cap ? cap * 2 : 65536;
            char *grown = realloc(b->data, cap);
            if (grown == NULL) {
                fclose(f);
                return out_of_memory();
            }
            b->data = grown;
        }
        b->len += fread(b->data + b->len, 1, cap - b->len, f);
        if (b->len < cap) {
            break;
        }
    }
    int bad = ferror(f);
    fclose(f);
    return bad ? report_errno("cannot read", path) : 0;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ------------------------------------------------------------------------ */
/* Samples                                                                  */
/* ------------------------------------------------------------------------ */

typedef struct samples {
    double *t;
    size_t n;
} samples;

static int samples_init(samples *s, size_t reps)
{
    s->n = 0;
    s->t = malloc(reps * sizeof *s->t);
    return s->t == NULL ? -1 : 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Sorts the samples (their order no longer matters once all are in). */
static double samples_median(samples *s)
{
    qsort(s->t, s->n, sizeof *s->t, cmp_double);
    size_t h = s->n / 2;
    return s->n % 2 ? s->t[h] : (s->t[h - 1] + s->t[h]) / 2;
}

static double samples_min(const samples *s)
{
    double m = s->t[0];
    for (size_t i = 1; i < s->n; i++) {
        m = s->t[i] < m ? s->t[i] : m;
    }
    return m;
}

static void j_timing(jline *j, samples *s)
{
    double median = samples_median(s);
    j_size(j, "reps", s->n);
    j_num(j, "median_s", median);
    j_num(j, "min_s", samples_min(s));
}

/* ------------------------------------------------------------------------ */
/* Contenders: rows timed against each other, interleaved                   */
/* ------------------------------------------------------------------------ */

typedef struct contender contender;
struct contender {
    const char *side;
    int (*run)(contender *c);
    const buffer *in;
    cf_framework *fw;   /* assessments: the framework */
    cf_format format;   /* assessments: the format of in */
    size_t count;       /* what the last run counted (ratings, newlines) */
    size_t assessments; /* assessments: how many the last run loaded */
    cf_error err;       /* why the last run failed */
    samples s;
};

static int run_framework_load(contender *c)
{
    cf_framework *fw;
    int rc = cf_framework_load_buffer(&fw, c->in->data, c->in->len, c->in->name,
                                      NULL, &c->err);
    if (rc == CF_OK) {
        c->count = cf_framework_element_count(fw);
        cf_framework_free(fw);
    }
    return rc;
}

/* The sum of cf_assessment_rated_count over the list. */
static size_t count_ratings(const cf_assessment_list *list)
{
    size_t ratings = 0;
    for (size_t i = 0; i < cf_assessment_list_count(list); i++) {
        ratings += cf_assessment_rated_count(cf_assessment_list_get(list, i));
    }
    return ratings;
}

static int run_assessments_load(contender *c)
{
    cf_assessment_list *list;
    int rc =
        cf_assessment_list_load_buffer(&list, c->fw, c->in->data, c->in->len,
                                       c->in->name, c->format, NULL, &c->err);
    if (rc == CF_OK) {
        c->count = count_ratings(list);
        c->assessments = cf_assessment_list_count(list);
        cf_assessment_list_free(list);
    }
    return rc;
}

/* Turns a libyaml parser error into c->err. */
static int yaml_failed(contender *c, const yaml_parser_t *p)
{
    memset(&c->err, 0, sizeof c->err);
    c->err.code = CF_ESYNTAX;
    c->err.line = p->problem_mark.line + 1;
    c->err.column = p->problem_mark.column + 1;
    snprintf(c->err.source, sizeof c->err.source, "%s", c->in->name);
    snprintf(c->err.message, sizeof c->err.message, "libyaml: %s",
             p->problem ? p->problem : "error");
    return CF_ESYNTAX;
}

static int run_yaml_scan(contender *c)
{
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        return yaml_failed(c, &p);
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)c->in->data,
                                 c->in->len);
    size_t events = 0;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            int rc = yaml_failed(c, &p);
            yaml_parser_delete(&p);
            return rc;
        }
        int end = ev.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
        events++;
        if (end) {
            break;
        }
    }
    yaml_parser_delete(&p);
    c->count = events;
    return CF_OK;
}

static int run_yaml_load(contender *c)
{
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        return yaml_failed(c, &p);
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)c->in->data,
                                 c->in->len);
    size_t documents = 0;
    for (;;) {
        yaml_document_t doc;
        if (!yaml_parser_load(&p, &doc)) {
            int rc = yaml_failed(c, &p);
            yaml_parser_delete(&p);
            return rc;
        }
        int end = yaml_document_get_root_node(&doc) == NULL;
        yaml_document_delete(&doc);
        if (end) {
            break;
        }
        documents++;
    }
    yaml_parser_delete(&p);
    c->count = documents;
    return CF_OK;
}

static int run_byte_pass(contender *c)
{
    const char *p = c->in->data, *end = p + c->in->len;
    size_t lines = 0;
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        lines++;
        p++;
    }
    c->count = lines;
    return CF_OK;
}

static int contenders_init(contender *c, size_t n, size_t reps)
{
    for (size_t i = 0; i < n; i++) {
        if (samples_init(&c[i].s, reps) != 0) {
            return out_of_memory();
        }
    }
    return 0;
}

static void contenders_free(contender *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(c[i].s.t);
    }
}

/* One warm-up run each, then reps rounds of one timed run each. */
static int run_interleaved(contender *c, size_t n, size_t reps)
{
    for (size_t i = 0; i < n; i++) {
        if (c[i].run(&c[i]) != CF_OK) {
            return report_cf_error(&c[i].err);
        }
    }
    for (size_t r = 0; r < reps; r++) {
        for (size_t i = 0; i < n; i++) {
            double t0 = now_s();
            int rc = c[i].run(&c[i]);
            c[i].s.t[c[i].s.n++] = now_s() - t0;
            if (rc != CF_OK) {
                return report_cf_error(&c[i].err);
            }
        }
    }
    return 0;
}

/* The median of the contender whose side is "libyaml_scan", or NaN. */
static double scan_median(contender *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(c[i].side, "libyaml_scan") == 0) {
            return samples_median(&c[i].s);
        }
    }
    return NAN;
}

/* The start of a contender's line: row, side, file, bytes, timing. */
static void j_contender(jline *j, const char *row, contender *c, double scan)
{
    j_begin(j, stdout);
    j_str(j, "row", row);
    j_str(j, "side", c->side);
    j_str(j, "file", c->in->name);
    j_size(j, "bytes", c->in->len);
    j_timing(j, &c->s);
    j_num(j, "over_scan", samples_median(&c->s) / scan);
}

/* ------------------------------------------------------------------------
 */
/* load-framework */
/* ------------------------------------------------------------------------
 */

static void print_framework_rows(contender *c, size_t n, size_t elements)
{
    double scan = scan_median(c, n);
    for (size_t i = 0; i < n; i++) {
        jline j;
        j_contender(&j, "framework_load", &c[i], scan);
        j_size(&j, "elements", elements);
        j_end(&j);
    }
}

static int cmd_load_framework(const args *a)
{
    if (a->npos != 1) {
        return usage_error("load-framework takes one FILE", NULL);
    }
    buffer in;
    int rc = read_whole(&in, a->pos[0]);
    contender c[3] = {
        {.side = "ours", .run = run_framework_load, .in = &in},
        {.side = "libyaml_scan", .run = run_yaml_scan, .in = &in},
        {.side = "libyaml_load", .run = run_yaml_load, .in = &in}};
    if (rc == 0) {
        rc = contenders_init(c, 3, a->reps);
    }
    if (rc == 0) {
        rc = run_interleaved(c, 3, a->reps);
    }
    if (rc == 0) {
        print_framework_rows(c, 3, c[0].count);
    }
    contenders_free(c, 3);
    free(in.data);
    return rc;
}

/* ------------------------------------------------------------------------
 */
/* load-assessments */
/* ------------------------------------------------------------------------
 */

static cf_format format_of(cf_format given, const char *path)
{
    if (given != CF_FORMAT_AUTO) {
        return given;
    }
    size_t n = strlen(path);
    return n >= 4 && strcmp(path + n - 4, ".csv") == 0 ? CF_FORMAT_CSV
                                                       : CF_FORMAT_YAML;
}

static int load_framework_file(cf_framework **fw, const char *path)
{
    cf_error err;
    if (cf_framework_load_file(fw, path, NULL, &err) != CF_OK) {
        return report_cf_error(&err);
    }
    return 0;
}

static void print_assessment_rows(contender *c, size_t n)
{
    double scan = scan_median(c, n);
    size_t ratings = c[0].count;
    for (size_t i = 0; i < n; i++) {
        jline j;
        j_contender(&j, "assessments_load", &c[i], scan);
        j_str(&j, "format", format_name(c[i].format));
        j_size(&j, "elements", cf_framework_element_count(c[0].fw));
        j_size(&j, "assessments", c[0].assessments);
        j_size(&j, "ratings", ratings);
        j_num(&j, "ratings_per_s", (double)ratings / samples_median(&c[i].s));
        j_end(&j);
    }
}

/* The contenders of load-assessments into c; returns how many. */
static size_t assessment_contenders(contender *c, cf_framework *fw,
                                    const buffer *in, const buffer *scan,
                                    cf_format format)
{
    size_t n = 0;
    c[n++] = (contender){.side = "ours",
                         .run = run_assessments_load,
                         .in = in,
                         .fw = fw,
                         .format = format};
    if (scan->data != NULL) {
        c[n++] = (contender){.side = "libyaml_scan",
                             .run = run_yaml_scan,
                             .in = scan,
                             .format = CF_FORMAT_YAML};
    }
    if (format == CF_FORMAT_CSV) {
        c[n++] = (contender){.side = "byte_pass",
                             .run = run_byte_pass,
                             .in = in,
                             .format = CF_FORMAT_CSV};
    }
    return n;
}

static int time_assessments(const args *a, cf_framework *fw, const buffer *in,
                            const buffer *scan, cf_format format)
{
    contender c[3];
    size_t n = assessment_contenders(c, fw, in, scan, format);
    int rc = contenders_init(c, n, a->reps);
    if (rc == 0) {
        rc = run_interleaved(c, n, a->reps);
    }
    if (rc == 0) {
        print_assessment_rows(c, n);
    }
    contenders_free(c, n);
    return rc;
}

static int cmd_load_assessments(const args *a)
{
    if (a->npos != 2) {
        return usage_error("load-assessments takes FRAMEWORK FILE", NULL);
    }
    cf_format format = format_of(a->format, a->pos[1]);
    if (a->scan_file != NULL && format != CF_FORMAT_CSV) {
        return usage_error("--scan-file is for CSV input", NULL);
    }
    cf_framework *fw = NULL;
    buffer in = {0}, scan = {0};
    int rc = load_framework_file(&fw, a->pos[0]);
    if (rc == 0) {
        rc = read_whole(&in, a->pos[1]);
    }
    if (rc == 0 && a->scan_file != NULL) {
        rc = read_whole(&scan, a->scan_file);
    }
    if (rc == 0) {
        /* YAML is its own scan file, the very same bytes. */
        const buffer *scan_in = format == CF_FORMAT_YAML ? &in : &scan;
        rc = time_assessments(a, fw, &in, scan_in, format);
    }
    free(scan.data);
    free(in.data);
    cf_framework_free(fw);
    return rc;
}

/* ------------------------------------------------------------------------
 */
/* team */
/* ------------------------------------------------------------------------
 */

/* What team works on: synthetic framework, profile and matrix. */
typedef struct team_input {
    synth *s;
    cf_framework *fw;
    cf_profile *profile;
    double *levels;
    size_t elements;
    size_t people;
} team_input;

/* Writes one synthetic document into a malloc'ed buffer. */
static int synth_to_memory(const synth *s, int (*write)(const synth *, FILE *),
                           char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    FILE *f = open_memstream(data, len);
    if (f == NULL) {
        return out_of_memory();
    }
    int bad = write(s, f) != 0;
    bad |= fclose(f) != 0;
    if (bad) {
        free(*data);
        *data = NULL;
        fputs("competency-bench: cannot write synthetic data\n", stderr);
        return 1;
    }
    return 0;
}

static int write_framework(const synth *s, FILE *f)
{
    return synth_write_framework(s, f);
}

static int write_profile(const synth *s, FILE *f)
{
    return synth_write_profile(s, f);
}

static int load_synth_framework(team_input *t)
{
    char *data;
    size_t len;
    cf_error err;
    if (synth_to_memory(t->s, write_framework, &data, &len) != 0) {
        return 1;
    }
    int rc = cf_framework_load_buffer(&t->fw, data, len, "<synth framework>",
                                      NULL, &err);
    free(data);
    return rc == CF_OK ? 0 : report_cf_error(&err);
}

static int load_synth_profile(team_input *t)
{
    char *data;
    size_t len;
    cf_error err;
    if (synth_to_memory(t->s, write_profile, &data, &len) != 0) {
        return 1;
    }
    int rc = cf_profile_load_buffer(&t->profile, t->fw, data, len,
                                    "<synth profile>", NULL, &err);
    free(data);
    return rc == CF_OK ? 0 : report_cf_error(&err);
}

static int fill_levels(team_input *t)
{
    if (t->people > SIZE_MAX / sizeof(double) / t->elements) {
        return out_of_memory();
    }
    t->levels = malloc(t->people * t->elements * sizeof(double));
    if (t->levels == NULL) {
        return out_of_memory();
    }
    for (size_t i = 0; i < t->people; i++) {
        synth_levels(t->s, i, t->levels + i * t->elements);
    }
    return 0;
}

static int team_input_make(team_input *t, const args *a)
{
    memset(t, 0, sizeof *t);
    t->people = a->people;
    t->s = synth_new(a->elements, a->seed);
    if (t->s == NULL) {
        return out_of_memory();
    }
    t->elements = synth_element_count(t->s);
    int rc = load_synth_framework(t);
    if (rc == 0 && cf_framework_element_count(t->fw) != t->elements) {
        fputs("competency-bench: synthetic framework has the wrong number "
              "of elements\n",
              stderr);
        rc = 1;
    }
    if (rc == 0) {
        rc = load_synth_profile(t);
    }
    return rc == 0 ? fill_levels(t) : rc;
}

static void team_input_free(team_input *t)
{
    free(t->levels);
    cf_profile_free(t->profile);
    cf_framework_free(t->fw);
    synth_free(t->s);
}

/* What threads = 0 stands for. */
static size_t online_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (size_t)n : 1;
}

/* The first run's fits and achieved, which every later run must match. */
typedef struct reference {
    double *fits;
    double *achieved;
    size_t people;
    size_t targets;
} reference;

static int reference_take(reference *ref, const cf_team_matrix *m)
{
    ref->people = cf_team_matrix_person_count(m);
    ref->targets = cf_team_matrix_target_count(m);
    size_t cells = ref->people * ref->targets;
    ref->fits = malloc(ref->people * sizeof(double));
    ref->achieved = malloc((cells ? cells : 1) * sizeof(double));
    if (ref->fits == NULL || ref->achieved == NULL) {
        return out_of_memory();
    }
    memcpy(ref->fits, cf_team_matrix_fits(m), ref->people * sizeof(double));
    memcpy(ref->achieved, cf_team_matrix_achieved_all(m),
           cells * sizeof(double));
    return 0;
}

static int reference_same(const reference *ref, const cf_team_matrix *m)
{
    if (cf_team_matrix_person_count(m) != ref->people ||
        cf_team_matrix_target_count(m) != ref->targets) {
        return 0;
    }
    return memcmp(ref->fits, cf_team_matrix_fits(m),
                  ref->people * sizeof(double)) == 0 &&
           memcmp(ref->achieved, cf_team_matrix_achieved_all(m),
                  ref->people * ref->targets * sizeof(double)) == 0;
}

/* Per thread count: its samples and whether all its runs matched. */
typedef struct team_row {
    unsigned threads;
    samples s;
    int identical;
} team_row;

/*
 * One timed analysis (analyze + free; the comparison between them is not
 * timed). The first run of all becomes the reference.
 */
static int team_run(const team_input *t, team_row *row, reference *ref)
{
    cf_score_options opts = CF_SCORE_OPTIONS_INIT;
    opts.threads = row->threads;
    cf_team_matrix *m;
    cf_error err;
    double t0 = now_s();
    int rc = cf_team_matrix_analyze(&m, t->profile, t->levels, t->people, &opts,
                                    &err);
    double t1 = now_s();
    if (rc != CF_OK) {
        return report_cf_error(&err);
    }
    if (ref->fits == NULL) {
        rc = reference_take(ref, m);
    } else if (!reference_same(ref, m)) {
        row->identical = 0;
    }
    double t2 = now_s();
    cf_team_matrix_free(m);
    double t3 = now_s();
    row->s.t[row->s.n++] = (t1 - t0) + (t3 - t2);
    return rc;
}

static void print_team_row(const team_input *t, team_row *row, size_t targets,
                           uint64_t seed)
{
    jline j;
    j_begin(&j, stdout);
    j_str(&j, "row", "team");
    j_str(&j, "side", "ours");
    j_size(&j, "elements", t->elements);
    j_size(&j, "people", t->people);
    j_size(&j, "targets", targets);
    j_size(&j, "threads", row->threads);
    j_size(&j, "online_cpus", online_cpus());
    j_key(&j, "seed");
    fprintf(j.out, "%llu", (unsigned long long)seed);
    j_timing(&j, &row->s);
    j_num(&j, "element_scores_per_s",
          (double)t->people * (double)t->elements / samples_median(&row->s));
    j_bool(&j, "identical", row->identical);
    j_end(&j);
}

/* A warm-up run per thread count (which sets the reference), then reps. */
static int team_time(const team_input *t, team_row *rows, size_t n, size_t reps,
                     reference *ref)
{
    int rc = 0;
    for (size_t r = 0; r <= reps && rc == 0; r++) {
        for (size_t k = 0; k < n && rc == 0; k++) {
            rc = team_run(t, &rows[k], ref);
            if (r == 0) {
                rows[k].s.n = 0; /* the warm-up is not a sample */
            }
        }
    }
    return rc;
}

static void dump_sizes(FILE *f, const char *key, const cf_team_matrix *m,
                       size_t n, size_t (*get)(const cf_team_matrix *, size_t))
{
    fprintf(f, ",\"%s\":[", key);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "%s%zu", i ? "," : "", get(m, i));
    }
    fputc(']', f);
}

static void dump_doubles(FILE *f, const char *key, const cf_team_matrix *m,
                         size_t n,
                         double (*get)(const cf_team_matrix *, size_t))
{
    fprintf(f, ",\"%s\":[", key);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? "," : "", f);
        j_number_value(f, get(m, i), EXACT_DIGITS);
    }
    fputc(']', f);
}

static void dump_ready(FILE *f, const cf_team_matrix *m, size_t n)
{
    fputs(",\"ready\":[", f);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? "," : "", f);
        fputs(cf_team_matrix_ready(m, i) ? "true" : "false", f);
    }
    fputc(']', f);
}

/* Every person's achieved level per target, one array per person. */
static void dump_achieved(FILE *f, const cf_team_matrix *m, size_t people)
{
    size_t targets = cf_team_matrix_target_count(m);
    fputs(",\"achieved\":[", f);
    for (size_t i = 0; i < people; i++) {
        fputs(i ? ",[" : "[", f);
        for (size_t t = 0; t < targets; t++) {
            fputs(t ? "," : "", f);
            j_number_value(f, cf_team_matrix_achieved(m, i, t), EXACT_DIGITS);
        }
        fputc(']', f);
    }
    fputc(']', f);
}

static void dump_targets(FILE *f, const cf_team_matrix *m)
{
    const cf_profile *p = cf_team_matrix_profile(m);
    size_t n = cf_team_matrix_target_count(m);
    fputs(",\"targets\":[", f);
    for (size_t t = 0; t < n; t++) {
        jline j;
        fputs(t ? "," : "", f);
        j_begin(&j, f);
        j.digits = EXACT_DIGITS;
        j_str(&j, "id", cf_element_id(cf_profile_target_element(p, t)));
        j_size(&j, "assessed", cf_team_matrix_assessed(m, t));
        j_num(&j, "mean", cf_team_matrix_mean(m, t));
        j_num(&j, "min", cf_team_matrix_min(m, t));
        j_num(&j, "max", cf_team_matrix_max(m, t));
        j_size(&j, "meeting", cf_team_matrix_meeting(m, t));
        fputc('}', f);
    }
    fputc(']', f);
}

static void dump_matrix(FILE *f, const team_input *t, const cf_team_matrix *m,
                        uint64_t seed)
{
    size_t people = cf_team_matrix_person_count(m);
    fprintf(f, "{\"elements\":%zu,\"people\":%zu,\"seed\":%llu", t->elements,
            people, (unsigned long long)seed);
    fputs(",\"framework\":", f);
    j_string_value(f, cf_framework_id(t->fw));
    fputs(",\"profile\":", f);
    j_string_value(f, cf_profile_id(t->profile));
    dump_doubles(f, "fits", m, people, cf_team_matrix_fit);
    dump_ready(f, m, people);
    dump_achieved(f, m, people);
    dump_sizes(f, "rank", m, people, cf_team_matrix_rank);
    dump_targets(f, m);
    fputs("}\n", f);
}

static int team_dump(const team_input *t, const args *a)
{
    cf_score_options opts = CF_SCORE_OPTIONS_INIT;
    opts.threads = a->threads[0];
    cf_team_matrix *m;
    cf_error err;
    if (cf_team_matrix_analyze(&m, t->profile, t->levels, t->people, &opts,
                               &err) != CF_OK) {
        return report_cf_error(&err);
    }
    FILE *f = fopen(a->dump, "w");
    int rc = f == NULL ? report_errno("cannot write", a->dump) : 0;
    if (f != NULL) {
        dump_matrix(f, t, m, a->seed);
        if (fclose(f) != 0) {
            rc = report_errno("cannot write", a->dump);
        }
    }
    cf_team_matrix_free(m);
    return rc;
}

static int team_measure(const team_input *t, const args *a)
{
    team_row rows[MAX_THREAD_COUNTS];
    reference ref = {0};
    int rc = 0;
    for (size_t k = 0; k < a->nthreads; k++) {
        rows[k].threads = a->threads[k];
        rows[k].identical = 1;
        if (samples_init(&rows[k].s, a->reps + 1) != 0) {
            rc = out_of_memory();
        }
    }
    if (rc == 0) {
        rc = team_time(t, rows, a->nthreads, a->reps, &ref);
    }
    for (size_t k = 0; k < a->nthreads; k++) {
        if (rc == 0) {
            print_team_row(t, &rows[k], ref.targets, a->seed);
        }
        free(rows[k].s.t);
    }
    free(ref.fits);
    free(ref.achieved);
    return rc == 0 && a->dump != NULL ? team_dump(t, a) : rc;
}

static int cmd_team(const args *a)
{
    if (a->npos != 0) {
        return usage_error("team takes no arguments", a->pos[0]);
    }
    if (!(a->seen & OPT_ELEMENTS) || !(a->seen & OPT_PEOPLE)) {
        return usage_error("team needs --elements N and --people P", NULL);
    }
    if (a->elements < 16) {
        return usage_error("--elements must be at least 16", NULL);
    }
    team_input t;
    int rc = team_input_make(&t, a);
    if (rc == 0) {
        rc = team_measure(&t, a);
    }
    team_input_free(&t);
    return rc;
}

/* ------------------------------------------------------------------------
 */
/* gap: one gap report per person through the object API */
/* ------------------------------------------------------------------------
 */

/* Person i's ratings as an assessment (cf_assessment_rate_many). */
static int assessment_of_row(const team_input *t, size_t i, const char **ids,
                             double *levels, cf_assessment **out)
{
    char subject[32];
    cf_error err;
    snprintf(subject, sizeof subject, "person-%06zu", i);
    if (cf_assessment_new(out, t->fw, subject, NULL, &err) != CF_OK) {
        return report_cf_error(&err);
    }
    size_t count = 0;
    for (size_t e = 0; e < t->elements; e++) {
        double level = t->levels[i * t->elements + e];
        if (level == level) {
            ids[count] = cf_element_id(cf_framework_element(t->fw, e));
            levels[count++] = level;
        }
    }
    if (cf_assessment_rate_many(*out, ids, levels, count, &err) != CF_OK) {
        return report_cf_error(&err);
    }
    return 0;
}

static int gap_people(const team_input *t, cf_assessment **people)
{
    const char **ids = malloc(t->elements * sizeof *ids);
    double *levels = malloc(t->elements * sizeof *levels);
    int rc = ids && levels ? 0 : out_of_memory();
    for (size_t i = 0; rc == 0 && i < t->people; i++) {
        rc = assessment_of_row(t, i, ids, levels, &people[i]);
    }
    free(ids);
    free(levels);
    return rc;
}

/* One rep: a gap report for every person, freed at once. */
static int gap_run(const team_input *t, cf_assessment **people, double *secs)
{
    double start = now_s();
    for (size_t i = 0; i < t->people; i++) {
        cf_gap_report *r;
        cf_error err;
        if (cf_gap_analyze(&r, people[i], t->profile, NULL, &err) != CF_OK) {
            return report_cf_error(&err);
        }
        cf_gap_report_free(r);
    }
    *secs = now_s() - start;
    return 0;
}

static int gap_measure(const team_input *t, cf_assessment **people, size_t reps)
{
    samples s;
    double secs;
    if (samples_init(&s, reps) != 0) {
        return out_of_memory();
    }
    int rc = gap_run(t, people, &secs); /* warm-up */
    for (size_t k = 0; rc == 0 && k < reps; k++) {
        rc = gap_run(t, people, &s.t[s.n++]);
    }
    if (rc == 0) {
        jline j;
        j_begin(&j, stdout);
        j_str(&j, "row", "gap");
        j_str(&j, "side", "ours");
        j_size(&j, "elements", t->elements);
        j_size(&j, "people", t->people);
        j_timing(&j, &s);
        j_num(&j, "element_scores_per_s",
              (double)t->people * (double)t->elements / samples_median(&s));
        j_end(&j);
    }
    free(s.t);
    return rc;
}

static int cmd_gap(const args *a)
{
    if (a->npos != 0) {
        return usage_error("gap takes no arguments", a->pos[0]);
    }
    if (!(a->seen & OPT_ELEMENTS) || !(a->seen & OPT_PEOPLE) ||
        a->elements < 16) {
        return usage_error("gap needs --elements N (16 or more) and --people P",
                           NULL);
    }
    team_input t;
    int rc = team_input_make(&t, a);
    cf_assessment **people = calloc(a->people ? a->people : 1, sizeof *people);
    if (rc == 0 && people == NULL) {
        rc = out_of_memory();
    }
    if (rc == 0) {
        rc = gap_people(&t, people);
    }
    if (rc == 0) {
        rc = gap_measure(&t, people, a->reps);
    }
    for (size_t i = 0; people && i < a->people; i++) {
        cf_assessment_free(people[i]);
    }
    free(people);
    team_input_free(&t);
    return rc;
}

/* ------------------------------------------------------------------------
 */
/* end-to-end */
/* ------------------------------------------------------------------------
 */

enum {
    PHASE_FRAMEWORK,
    PHASE_PROFILE,
    PHASE_ASSESSMENTS,
    PHASE_MATRIX,
    PHASE_ANALYZE,
    PHASE_TOTAL,
    PHASE_COUNT
};

static const char *const phase_keys[PHASE_COUNT] = {
    "framework_s", "profile_s", "assessments_s",
    "matrix_s",    "analyze_s", "median_s"};

/* What one end-to-end run made, freed after the clock stops. */
typedef struct job {
    cf_framework *fw;
    cf_profile *profile;
    cf_assessment_list *list;
    double *levels;
    cf_team_matrix *m;
    size_t people;
    size_t elements;
    size_t ratings;
} job;

static void job_free(job *jb)
{
    cf_team_matrix_free(jb->m);
    free(jb->levels);
    cf_assessment_list_free(jb->list);
    cf_profile_free(jb->profile);
    cf_framework_free(jb->fw);
    memset(jb, 0, sizeof *jb);
}

static int job_matrix(job *jb)
{
    jb->people = cf_assessment_list_count(jb->list);
    jb->elements = cf_framework_element_count(jb->fw);
    if (jb->people == 0 ||
        jb->people > SIZE_MAX / sizeof(double) / jb->elements) {
        fputs("competency-bench: no assessments, or too many\n", stderr);
        return 1;
    }
    size_t row = jb->elements * sizeof(double);
    jb->levels = malloc(jb->people * row);
    if (jb->levels == NULL) {
        return out_of_memory();
    }
    jb->ratings = 0;
    for (size_t i = 0; i < jb->people; i++) {
        const cf_assessment *as = cf_assessment_list_get(jb->list, i);
        memcpy(jb->levels + i * jb->elements, cf_assessment_levels(as), row);
        jb->ratings += cf_assessment_rated_count(as);
    }
    return 0;
}

/* Runs phase p of the job; 0 or an exit status. */
static int job_phase(job *jb, int p, const args *a, cf_error *err)
{
    cf_score_options opts = CF_SCORE_OPTIONS_INIT;
    opts.threads = a->threads[0];
    switch (p) {
    case PHASE_FRAMEWORK:
        return cf_framework_load_file(&jb->fw, a->pos[0], NULL, err);
    case PHASE_PROFILE:
        return cf_profile_load_file(&jb->profile, jb->fw, a->pos[1], NULL, err);
    case PHASE_ASSESSMENTS: {
        cf_load_options load = CF_LOAD_OPTIONS_INIT;
        load.threads = a->threads[0];
        return cf_assessment_list_load_file(&jb->list, jb->fw, a->pos[2],
                                            format_of(a->format, a->pos[2]),
                                            &load, err);
    }
    case PHASE_MATRIX:
        return job_matrix(jb) == 0 ? CF_OK : CF_EARG;
    default:
        return cf_team_matrix_analyze(&jb->m, jb->profile, jb->levels,
                                      jb->people, &opts, err);
    }
}

/* One whole run, each phase's time into t[]; the job is left to free. */
static int job_run(job *jb, const args *a, double *t)
{
    cf_error err = {0};
    double start = now_s(), mark = start;
    for (int p = PHASE_FRAMEWORK; p < PHASE_TOTAL; p++) {
        int rc = job_phase(jb, p, a, &err);
        double now = now_s();
        t[p] = now - mark;
        mark = now;
        if (rc != CF_OK) {
            return p == PHASE_MATRIX ? 1 : report_cf_error(&err);
        }
    }
    t[PHASE_TOTAL] = mark - start;
    return 0;
}

static void print_end_to_end(samples *s, const job *jb, const args *a)
{
    jline j;
    j_begin(&j, stdout);
    j_str(&j, "row", "end_to_end");
    j_str(&j, "side", "ours");
    j_str(&j, "file", a->pos[2]);
    j_str(&j, "format", format_name(format_of(a->format, a->pos[2])));
    j_size(&j, "elements", jb->elements);
    j_size(&j, "people", jb->people);
    j_size(&j, "ratings", jb->ratings);
    j_size(&j, "threads", a->threads[0]);
    j_timing(&j, &s[PHASE_TOTAL]);
    for (int p = PHASE_FRAMEWORK; p < PHASE_TOTAL; p++) {
        j_num(&j, phase_keys[p], samples_median(&s[p]));
    }
    j_num(&j, "element_scores_per_s",
          (double)jb->people * (double)jb->elements /
              samples_median(&s[PHASE_TOTAL]));
    j_end(&j);
}

/* A warm-up run, then reps timed ones; prints the line. */
static int end_to_end_time(samples *s, const args *a)
{
    job jb = {0};
    double t[PHASE_COUNT];
    int rc = 0;
    for (size_t r = 0; r <= a->reps && rc == 0; r++) {
        rc = job_run(&jb, a, t);
        for (int p = 0; p < PHASE_COUNT && rc == 0 && r > 0; p++) {
            s[p].t[s[p].n++] = t[p];
        }
        if (rc == 0 && r == a->reps) {
            print_end_to_end(s, &jb, a);
        }
        job_free(&jb);
    }
    return rc;
}

static int cmd_end_to_end(const args *a)
{
    if (a->npos != 3) {
        return usage_error("end-to-end takes FRAMEWORK PROFILE ASSESSMENTS",
                           NULL);
    }
    if (a->nthreads != 1) {
        return usage_error("end-to-end takes one thread count", NULL);
    }
    samples s[PHASE_COUNT];
    int rc = 0;
    for (int p = 0; p < PHASE_COUNT; p++) {
        if (samples_init(&s[p], a->reps) != 0) {
            rc = out_of_memory();
        }
    }
    if (rc == 0) {
        rc = end_to_end_time(s, a);
    }
    for (int p = 0; p < PHASE_COUNT; p++) {
        free(s[p].t);
    }
    return rc;
}

/* ------------------------------------------------------------------------
 */
/* memory */
/* ------------------------------------------------------------------------
 */

/* The counting allocator's state: its ctx, on the caller's stack. */
typedef struct counter {
    size_t live;
    size_t peak;
    size_t allocations;
} counter;

/* Each block starts with its size, padded to keep the rest aligned. */
#define HEADER sizeof(max_align_t)

static void *count_resize(void *ptr, size_t size, void *ctx)
{
    counter *c = ctx;
    size_t old = 0;
    char *block = ptr ? (char *)ptr - HEADER : NULL;
    if (block != NULL) {
        memcpy(&old, block, sizeof old);
    }
    if (size > SIZE_MAX - HEADER) {
        return NULL;
    }
    char *grown = realloc(block, size + HEADER);
    if (grown == NULL) {
        return NULL;
    }
    memcpy(grown, &size, sizeof size);
    c->live = c->live - old + size;
    c->peak = c->live > c->peak ? c->live : c->peak;
    c->allocations += block == NULL;
    return grown + HEADER;
}

static void *count_alloc(size_t size, void *ctx)
{
    return count_resize(NULL, size, ctx);
}

static void count_release(void *ptr, void *ctx)
{
    counter *c = ctx;
    if (ptr == NULL) {
        return;
    }
    char *block = (char *)ptr - HEADER;
    size_t size;
    memcpy(&size, block, sizeof size);
    c->live -= size;
    free(block);
}

/*
 * The peak resident set of this process, in bytes. On Linux getrusage's
 * ru_maxrss survives execve (the kernel keeps the larger of the old and
 * new images'), so a child of a big driver would inherit the driver's
 * peak: there the peak is read from /proc/self/status (VmHWM, this
 * address space's own high-water mark), after resetting it to the
 * current size by writing 5 to /proc/self/clear_refs. Elsewhere
 * getrusage, which starts fresh with the process.
 */
static size_t peak_rss_bytes(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    size_t kib = 0;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "VmHWM: %zu kB", &kib) == 1)
            break;
    if (f)
        fclose(f);
    if (kib)
        return kib * 1024;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
#ifdef __APPLE__
    return (size_t)ru.ru_maxrss;
#else
    return (size_t)ru.ru_maxrss * 1024;
#endif
}

/* Starts a measurement: on Linux the peak becomes the current size. */
static size_t peak_rss_start(void)
{
    FILE *f = fopen("/proc/self/clear_refs", "w");
    if (f) {
        fputs("5", f);
        fclose(f);
    }
    return peak_rss_bytes();
}

/* What one memory measurement saw. */
typedef struct memory_seen {
    size_t before;
    size_t after;
    size_t units;       /* elements or ratings */
    size_t assessments; /* assessments only */
    counter count;
} memory_seen;

static double per(size_t bytes, size_t units)
{
    return units ? (double)bytes / (double)units : NAN;
}

static void print_memory(const char *row, const buffer *in,
                         const memory_seen *m, size_t elements)
{
    size_t delta = m->after > m->before ? m->after - m->before : 0;
    int framework = strcmp(row, "memory_framework") == 0;
    jline j;
    j_begin(&j, stdout);
    j_str(&j, "row", row);
    j_str(&j, "side", "ours");
    j_str(&j, "file", in->name);
    j_size(&j, "bytes", in->len);
    j_size(&j, "elements", elements);
    if (!framework) {
        j_size(&j, "assessments", m->assessments);
        j_size(&j, "ratings", m->units);
    }
    j_size(&j, "maxrss_before_bytes", m->before);
    j_size(&j, "maxrss_after_bytes", m->after);
    j_size(&j, "maxrss_delta_bytes", delta);
    j_size(&j, "live_bytes", m->count.live);
    j_size(&j, "peak_live_bytes", m->count.peak);
    j_size(&j, "allocations", m->count.allocations);
    j_num(&j, "live_over_file", per(m->count.live, in->len));
    j_num(&j, "peak_over_file", per(m->count.peak, in->len));
    j_num(&j,
          framework ? "maxrss_delta_per_element" : "maxrss_delta_per_rating",
          per(delta, m->units));
    j_num(&j, framework ? "live_per_element" : "live_per_rating",
          per(m->count.live, m->units));
    j_end(&j);
}

static int memory_framework(const buffer *in, cf_load_options *opts,
                            memory_seen *m)
{
    cf_framework *fw;
    cf_error err;
    m->before = peak_rss_start();
    int rc =
        cf_framework_load_buffer(&fw, in->data, in->len, in->name, opts, &err);
    m->after = peak_rss_bytes();
    if (rc != CF_OK) {
        return report_cf_error(&err);
    }
    m->units = cf_framework_element_count(fw);
    print_memory("memory_framework", in, m, m->units);
    cf_framework_free(fw);
    return 0;
}

static int memory_assessments(const buffer *in, cf_framework *fw,
                              cf_format format, cf_load_options *opts,
                              memory_seen *m)
{
    cf_assessment_list *list;
    cf_error err;
    m->before = peak_rss_start();
    int rc = cf_assessment_list_load_buffer(&list, fw, in->data, in->len,
                                            in->name, format, opts, &err);
    m->after = peak_rss_bytes();
    if (rc != CF_OK) {
        return report_cf_error(&err);
    }
    m->units = count_ratings(list);
    m->assessments = cf_assessment_list_count(list);
    print_memory("memory_assessments", in, m, cf_framework_element_count(fw));
    cf_assessment_list_free(list);
    return 0;
}

/* Tiny documents that warm_up loads. */
static const char warm_framework[] =
    "framework:\n"
    "  id: warm-up\n"
    "  title: Warm-up\n"
    "  scales:\n"
    "    - id: s\n"
    "      levels: [{value: 1, label: One}, {value: 2, label: Two}]\n"
    "      proficient: 2\n"
    "  default_scale: s\n"
    "  elements:\n"
    "    - {id: A, title: A, children: [{id: A.1, title: A one}]}\n";
static const char warm_yaml[] = "assessment:\n"
                                "  framework: warm-up\n"
                                "  subject: W\n"
                                "  ratings: {A.1: 2}\n";
static const char warm_csv[] = "subject,element,level\nW,A.1,2\n";

/*
 * Loads and frees a tiny framework (and, for assessments, a tiny
 * assessment in format), so that the library's code pages and libyaml's
 * first buffers are resident before the maxrss baseline: the delta is
 * then the load's data, not the first touch of the code.
 */
static int warm_up(int assessments, cf_format format)
{
    cf_framework *fw;
    cf_assessment_list *list = NULL;
    cf_error err;
    if (cf_framework_load_buffer(&fw, warm_framework, sizeof warm_framework - 1,
                                 "<warm-up>", NULL, &err) != CF_OK) {
        return report_cf_error(&err);
    }
    int rc = CF_OK;
    if (assessments) {
        int csv = format == CF_FORMAT_CSV;
        rc = cf_assessment_list_load_buffer(
            &list, fw, csv ? warm_csv : warm_yaml,
            csv ? sizeof warm_csv - 1 : sizeof warm_yaml - 1, "<warm-up>",
            format, NULL, &err);
    }
    cf_assessment_list_free(list);
    cf_framework_free(fw);
    return rc == CF_OK ? 0 : report_cf_error(&err);
}

static int cmd_memory(const args *a)
{
    int framework = a->npos == 2 && strcmp(a->pos[0], "framework") == 0;
    int assessments = a->npos == 3 && strcmp(a->pos[0], "assessments") == 0;
    if (!framework && !assessments) {
        return usage_error("memory takes framework FILE or assessments "
                           "FRAMEWORK FILE",
                           NULL);
    }
    if (framework && (a->seen & OPT_FORMAT)) {
        return usage_error("--format is for memory assessments", NULL);
    }
    memory_seen m = {0};
    cf_allocator alloc = {count_alloc, count_resize, count_release, &m.count};
    cf_load_options opts = CF_LOAD_OPTIONS_INIT;
    opts.allocator = &alloc;
    cf_framework *fw = NULL;
    buffer in = {0};
    const char *path = a->pos[a->npos - 1];
    cf_format format = format_of(a->format, path);
    int rc = warm_up(assessments, format);
    if (rc == 0 && assessments) {
        rc = load_framework_file(&fw, a->pos[1]);
    }
    if (rc == 0) {
        rc = read_whole(&in, path);
    }
    if (rc == 0) {
        rc = framework ? memory_framework(&in, &opts, &m)
                       : memory_assessments(&in, fw, format, &opts, &m);
    }
    free(in.data);
    cf_framework_free(fw);
    return rc;
}

/* ------------------------------------------------------------------------ */
/* main                                                                     */
/* ------------------------------------------------------------------------ */

typedef struct command {
    const char *name;
    int (*run)(const args *a);
    unsigned options;
} command;

static const command commands[] = {
    {"load-framework", cmd_load_framework, OPT_REPS},
    {"load-assessments", cmd_load_assessments,
     OPT_REPS | OPT_FORMAT | OPT_SCAN_FILE},
    {"team", cmd_team,
     OPT_REPS | OPT_ELEMENTS | OPT_PEOPLE | OPT_THREADS | OPT_SEED | OPT_DUMP},
    {"gap", cmd_gap, OPT_REPS | OPT_ELEMENTS | OPT_PEOPLE | OPT_SEED},
    {"end-to-end", cmd_end_to_end, OPT_REPS | OPT_THREADS | OPT_FORMAT},
    {"memory", cmd_memory, OPT_FORMAT}};

#define COMMAND_COUNT (sizeof commands / sizeof commands[0])

static int unknown_command(const char *name)
{
    const char *names[COMMAND_COUNT];
    for (size_t i = 0; i < COMMAND_COUNT; i++) {
        names[i] = commands[i].name;
    }
    const char *near = cf_suggest(name, names, COMMAND_COUNT);
    char detail[160];
    snprintf(detail, sizeof detail, "%s%s%s%s", name,
             near ? " (did you mean " : "", near ? near : "", near ? "?)" : "");
    return usage_error("unknown subcommand", detail);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        return usage_error("no subcommand", NULL);
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(usage_text, stdout);
        return 0;
    }
    for (size_t i = 0; i < COMMAND_COUNT; i++) {
        if (strcmp(argv[1], commands[i].name) != 0) {
            continue;
        }
        args a;
        int rc = parse_args(argc, argv, &a);
        if (rc == 0) {
            rc = check_options(&a, commands[i].options);
        }
        return rc == 0 ? commands[i].run(&a) : rc;
    }
    return unknown_command(argv[1]);
}
