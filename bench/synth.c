/*
 * Deterministic synthetic frameworks, profiles and assessments for the
 * benchmarks (bench/synth.h says what they look like). Every choice comes
 * from a splitmix64-style hash of (seed, what, element, person), never
 * from a running generator, so each element and each person can be
 * produced alone and the writers and synth_levels always agree. Output
 * goes through a local buffer in large fwrite calls; numbers are written
 * by hand (no printf of doubles, nothing locale-dependent).
 */
#include "synth.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* Hashing                                                                  */
/* ------------------------------------------------------------------------ */

/* The splitmix64 finaliser: a bijection that mixes every bit. */
static uint64_t mix64(uint64_t z)
{
    z += UINT64_C(0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* What a hash decides; each purpose gets independent values. */
enum {
    H_TITLE = 1,
    H_DESC,
    H_WEIGHT,
    H_ROLLUP,
    H_TARGET,
    H_RATED,
    H_NOISE,
    H_ABILITY,
    H_DIFFICULTY,
    H_DATE
};

static uint64_t hash3(uint64_t seed, uint64_t what, uint64_t a, uint64_t b)
{
    return mix64(mix64(mix64(seed ^ (what << 56)) ^ a) + b);
}

/* A small deterministic stream, for the words of one text. */
static uint64_t next(uint64_t *state)
{
    *state += UINT64_C(0x9e3779b97f4a7c15);
    return mix64(*state);
}

static size_t pick(uint64_t *state, size_t n)
{
    return (size_t)(next(state) % n);
}

/* ------------------------------------------------------------------------ */
/* Word lists                                                               */
/* ------------------------------------------------------------------------ */

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const domain_adjectives[] = {
    "Strategic",  "Digital",        "Community",    "Operational",
    "Financial",  "Collaborative",  "Professional", "Technical",
    "Customer",   "Organisational", "Creative",     "Ethical",
    "Analytical", "Inclusive",      "Sustainable",  "Personal"};

static const char *const domain_nouns[] = {
    "Leadership",   "Services",   "Engagement", "Management",
    "Stewardship",  "Practice",   "Delivery",   "Development",
    "Partnerships", "Governance", "Learning",   "Communication",
    "Planning",     "Innovation", "Resilience", "Excellence"};

static const char *const gerunds[] = {
    "Managing",    "Building",   "Leading",      "Developing",
    "Planning",    "Evaluating", "Coordinating", "Communicating",
    "Improving",   "Supporting", "Designing",    "Delivering",
    "Negotiating", "Monitoring", "Championing",  "Facilitating",
    "Maintaining", "Promoting",  "Reviewing",    "Sustaining"};

static const char *const adjectives[] = {
    "community",      "digital",     "financial",  "cross-team",
    "public",         "strategic",   "local",      "inclusive",
    "long-term",      "operational", "external",   "internal",
    "user-facing",    "regional",    "accessible", "sustainable",
    "evidence-based", "shared",      "seasonal",   "multilingual"};

static const char *const nouns[] = {
    "partnerships", "services",   "programmes",    "resources", "budgets",
    "collections",  "outreach",   "relationships", "projects",  "policies",
    "teams",        "volunteers", "data",          "events",    "facilities",
    "training",     "feedback",   "campaigns",     "systems",   "priorities",
    "stakeholders", "risks",      "workflows",     "spaces"};

static const char *const topic_nouns[] = {
    "Budget",    "Stakeholder", "Service",  "Risk",     "Quality",
    "Change",    "Data",        "Team",     "Outreach", "Policy",
    "Programme", "Resource",    "Customer", "Learning", "Partnership",
    "Workflow",  "Performance", "Safety",   "Feedback", "Collection"};

static const char *const topic_activities[] = {
    "planning",   "review",       "reporting", "analysis",
    "design",     "monitoring",   "delivery",  "improvement",
    "evaluation", "coordination", "support",   "communication"};

static const char *const verbs[] = {
    "Explains",  "Documents",   "Identifies", "Prepares", "Organises",
    "Reviews",   "Presents",    "Tracks",     "Shares",   "Negotiates",
    "Schedules", "Analyses",    "Recommends", "Adapts",   "Records",
    "Consults",  "Prioritises", "Coaches",    "Measures", "Promotes",
    "Resolves",  "Drafts",      "Checks",     "Welcomes"};

static const char *const audiences[] = {
    "to library users",     "with partner agencies", "for the board",
    "with colleagues",      "for funders",           "to new staff",
    "with volunteers",      "for senior management", "across departments",
    "in public meetings",   "with local businesses", "for annual planning",
    "to community groups",  "in written reports",    "within agreed budgets",
    "on a regular schedule"};

/* The vocabulary of descriptions: plain prose, no YAML-significant text. */
static const char *const prose[] = {
    "the",        "team",       "works",      "with",      "partners",
    "to",         "plan",       "and",        "deliver",   "services",
    "that",       "meet",       "community",  "needs",     "evidence",
    "is",         "gathered",   "from",       "users",     "staff",
    "reviewed",   "against",    "agreed",     "goals",     "priorities",
    "are",        "set",        "each",       "year",      "shared",
    "openly",     "clear",      "records",    "support",   "decisions",
    "about",      "budgets",    "resources",  "outcomes",  "measured",
    "reported",   "regularly",  "feedback",   "informs",   "improvements",
    "practice",   "reflects",   "current",    "standards", "policies",
    "guidance",   "risks",      "identified", "early",     "managed",
    "carefully",  "colleagues", "consulted",  "before",    "changes",
    "made",       "in",         "a",          "timely",    "way",
    "of",         "for",        "all",        "people",    "who",
    "use",        "library",    "programmes", "learning",  "opportunities",
    "accessible", "inclusive",  "consistent", "quality",   "across",
    "branches",   "locations",  "over",       "time"};

/* ------------------------------------------------------------------------ */
/* Scales                                                                   */
/* ------------------------------------------------------------------------ */

typedef struct scale_def {
    const char *id;
    const char *title;
    const char *description;
    int lowest;             /* value of the first level; values step by 1 */
    int count;              /* number of levels */
    const char *proficient; /* as written: a value or a label */
    const char *const *labels;
    const char *const *level_descriptions; /* NULL entries: none */
} scale_def;

static const char *const proficiency_labels[] = {
    "Unaware", "Foundation", "Practitioner", "Advanced", "Expert"};
static const char *const proficiency_descriptions[] = {
    "Has not yet met this in practice.",
    "Knows the basics and applies them with guidance.",
    "Applies it independently in routine situations.",
    "Handles complex situations and guides others.",
    "Shapes practice across the organisation and beyond."};
static const char *const frequency_labels[] = {"Occasionally", "Often",
                                               "Consistently"};
static const char *const agreement_labels[] = {
    "Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"};

enum { SCALE_PROFICIENCY, SCALE_FREQUENCY, SCALE_AGREEMENT, SCALE_COUNT };

static const scale_def scales[SCALE_COUNT] = {
    {"proficiency", "Proficiency",
     "How well the person performs, from unaware to expert.", 0, 5,
     "Practitioner", proficiency_labels, proficiency_descriptions},
    {"frequency", "Frequency", "How often the behaviour is observed.", 1, 3,
     "2", frequency_labels, NULL},
    {"agreement", "Agreement",
     "How far the rater agrees that the statement describes the person.", 1, 5,
     "4", agreement_labels, NULL}};

/* ------------------------------------------------------------------------ */
/* The shape                                                                */
/* ------------------------------------------------------------------------ */

#define LEVELS 4
#define NO_SCALE 0xff

struct synth {
    size_t n;
    uint64_t seed;
    size_t level_count[LEVELS]; /* elements at each depth */
    size_t leaf_count;
    char id[32];
    unsigned char *depth;     /* per element */
    unsigned char *scale;     /* effective scale */
    unsigned char *own_scale; /* scale key written, or NO_SCALE */
    size_t *id_offset;        /* into ids, NUL-terminated */
    unsigned char *id_length;
    char *ids;
    size_t *leaves; /* pre-order indices of the leaves */
};

/*
 * Level sizes: the real k with k + k^2 + k^3 + 3k^4 = n, then k, k^2, k^3
 * rounded for the first three levels and the rest as leaves. Only + and *
 * on doubles (exact IEEE results), so every machine agrees.
 */
static void level_sizes(size_t n, size_t out[LEVELS])
{
    double lo = 1.0, hi = 2.0, target = (double)n;
    while (hi + hi * hi + hi * hi * hi + 3.0 * hi * hi * hi * hi < target)
        hi *= 2.0;
    for (int i = 0; i < 80; i++) {
        double k = (lo + hi) / 2.0;
        if (k + k * k + k * k * k + 3.0 * k * k * k * k < target)
            lo = k;
        else
            hi = k;
    }
    double k = lo;
    out[0] = (size_t)(k + 0.5);
    out[1] = (size_t)(k * k + 0.5);
    out[2] = (size_t)(k * k * k + 0.5);
    if (out[0] < 1)
        out[0] = 1;
    if (out[1] < out[0])
        out[1] = out[0];
    if (out[2] < out[1])
        out[2] = out[1];
    out[3] = n - out[0] - out[1] - out[2];
}

/* Children of node i of a level of `parents` nodes sharing `children`. */
static size_t share(size_t i, size_t parents, size_t children)
{
    return (i + 1) * children / parents - i * children / parents;
}

static int digits(size_t v)
{
    int d = 1;
    while (v >= 10) {
        v /= 10;
        d++;
    }
    return d;
}

/* Writes v in decimal, zero-padded to width, into p; returns the length. */
static size_t put_uint(char *p, uint64_t v, int width)
{
    char tmp[24];
    int len = 0;
    do {
        tmp[len++] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0);
    while (len < width)
        tmp[len++] = '0';
    for (int i = 0; i < len; i++)
        p[i] = tmp[len - 1 - i];
    return (size_t)len;
}

typedef struct builder {
    synth *s;
    size_t next;      /* next pre-order index */
    size_t next_leaf; /* next leaf slot */
    size_t id_used;
    size_t start[LEVELS]; /* first node number of the level, for share() */
    int width[LEVELS];
    char path[32];
} builder;

static const char level_letter[LEVELS] = {'D', 'C', 'S', 'B'};

/*
 * The scale a domain or competency names, or NO_SCALE (the default,
 * proficiency): domains use proficiency, frequency, proficiency, agreement
 * in turn; within a proficiency domain, the second of every five
 * competencies uses agreement.
 */
static unsigned char own_scale_of(size_t depth, size_t number,
                                  unsigned char inherited)
{
    if (depth == 0) {
        static const unsigned char cycle[4] = {NO_SCALE, SCALE_FREQUENCY,
                                               NO_SCALE, SCALE_AGREEMENT};
        return cycle[number % 4];
    }
    if (depth == 1 && inherited == SCALE_PROFICIENCY && number % 5 == 1)
        return SCALE_AGREEMENT;
    return NO_SCALE;
}

/*
 * Adds node `node` (its number in its level, 0-based) at depth with
 * `ordinal` (1-based among its siblings) and the path of its parent's id
 * of length plen, then its subtree.
 */
static void build(builder *b, size_t depth, size_t node, size_t ordinal,
                  size_t plen, unsigned char inherited)
{
    synth *s = b->s;
    size_t e = b->next++;
    size_t len = plen;
    if (depth > 0)
        b->path[len++] = '.';
    b->path[len++] = level_letter[depth];
    len += put_uint(b->path + len, ordinal, b->width[depth]);
    memcpy(s->ids + b->id_used, b->path, len);
    s->ids[b->id_used + len] = '\0';
    s->id_offset[e] = b->id_used;
    s->id_length[e] = (unsigned char)len;
    b->id_used += len + 1;
    s->depth[e] = (unsigned char)depth;
    unsigned char own = own_scale_of(depth, node, inherited);
    s->own_scale[e] = own;
    unsigned char eff = own == NO_SCALE ? inherited : own;
    s->scale[e] = eff;
    if (depth == LEVELS - 1) {
        s->leaves[b->next_leaf++] = e;
        return;
    }
    size_t kids = share(node, s->level_count[depth], s->level_count[depth + 1]);
    for (size_t k = 0; k < kids; k++) {
        size_t child = b->start[depth + 1]++;
        build(b, depth + 1, child, k + 1, len, eff);
    }
}

synth *synth_new(size_t elements, uint64_t seed)
{
    if (elements < 16 || elements > SIZE_MAX / 64)
        return NULL;
    synth *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    s->n = elements;
    s->seed = seed;
    level_sizes(elements, s->level_count);
    s->leaf_count = s->level_count[LEVELS - 1];

    builder b;
    memset(&b, 0, sizeof b);
    b.s = s;
    size_t id_max = 0; /* longest id with its NUL: letter, digits, dot */
    for (int d = 0; d < LEVELS; d++) {
        size_t parents = d == 0 ? 1 : s->level_count[d - 1];
        size_t most = (s->level_count[d] + parents - 1) / parents;
        b.width[d] = digits(most) < 2 ? 2 : digits(most);
        id_max += (size_t)b.width[d] + 2;
    }
    if (id_max > sizeof b.path || id_max > 255) {
        free(s);
        return NULL;
    }
    s->depth = malloc(elements);
    s->scale = malloc(elements);
    s->own_scale = malloc(elements);
    s->id_offset = malloc(elements * sizeof *s->id_offset);
    s->id_length = malloc(elements);
    s->ids = malloc(elements * id_max);
    s->leaves = malloc(s->leaf_count * sizeof *s->leaves);
    if (s->depth == NULL || s->scale == NULL || s->own_scale == NULL ||
        s->id_offset == NULL || s->id_length == NULL || s->ids == NULL ||
        s->leaves == NULL) {
        synth_free(s);
        return NULL;
    }
    /* "bench-" and the count, by hand */
    memcpy(s->id, "bench-", 6);
    s->id[6 + put_uint(s->id + 6, elements, 1)] = '\0';

    for (size_t d = 0; d < s->level_count[0]; d++) {
        b.start[0]++;
        build(&b, 0, d, d + 1, 0, SCALE_PROFICIENCY);
    }
    return s;
}

void synth_free(synth *s)
{
    if (s == NULL)
        return;
    free(s->depth);
    free(s->scale);
    free(s->own_scale);
    free(s->id_offset);
    free(s->id_length);
    free(s->ids);
    free(s->leaves);
    free(s);
}

size_t synth_element_count(const synth *s)
{
    return s->n;
}

size_t synth_leaf_count(const synth *s)
{
    return s->leaf_count;
}

const char *synth_framework_id(const synth *s)
{
    return s->id;
}

const char *synth_element_id(const synth *s, size_t index)
{
    return index < s->n ? s->ids + s->id_offset[index] : NULL;
}

size_t synth_subject(size_t person, char *buf, size_t size)
{
    char tmp[40];
    memcpy(tmp, "person-", 7);
    size_t len = 7 + put_uint(tmp + 7, person, 6);
    if (size > 0) {
        size_t copy = len < size - 1 ? len : size - 1;
        memcpy(buf, tmp, copy);
        buf[copy] = '\0';
    }
    return len;
}

/* ------------------------------------------------------------------------ */
/* Ratings                                                                  */
/* ------------------------------------------------------------------------ */

/*
 * The level index person gives leaf element e, or -1 when unrated: about
 * 90% rated; the level follows the person's ability (250..1000), the
 * element's difficulty and some noise, so teams differ realistically.
 */
static int rating(const synth *s, size_t person, size_t e)
{
    if (hash3(s->seed, H_RATED, person, e) % 10 == 0)
        return -1;
    int64_t ability =
        250 + (int64_t)(hash3(s->seed, H_ABILITY, person, 0) % 751);
    int64_t difficulty =
        (int64_t)(hash3(s->seed, H_DIFFICULTY, e, 0) % 401) - 200;
    int64_t noise = (int64_t)(hash3(s->seed, H_NOISE, person, e) % 601) - 300;
    int64_t t = ability - difficulty + noise;
    if (t < 0)
        t = 0;
    if (t > 1000)
        t = 1000;
    int count = scales[s->scale[e]].count;
    return (int)(t * count / 1001);
}

void synth_levels(const synth *s, size_t person, double *row)
{
    for (size_t i = 0; i < s->n; i++)
        row[i] = NAN;
    for (size_t j = 0; j < s->leaf_count; j++) {
        size_t e = s->leaves[j];
        int level = rating(s, person, e);
        if (level >= 0)
            row[e] = (double)(scales[s->scale[e]].lowest + level);
    }
}

/* ------------------------------------------------------------------------ */
/* Buffered output                                                          */
/* ------------------------------------------------------------------------ */

#define OUT_BIG (1u << 20)
#define OUT_SMALL 4096

typedef struct out {
    FILE *file;
    char *buf;
    size_t len, cap;
    int failed;
    int owned;
    char fallback[OUT_SMALL];
} out;

static void out_open(out *o, FILE *file)
{
    o->file = file;
    o->len = 0;
    o->failed = 0;
    o->buf = malloc(OUT_BIG);
    o->owned = o->buf != NULL;
    if (o->owned) {
        o->cap = OUT_BIG;
    } else {
        o->buf = o->fallback;
        o->cap = OUT_SMALL;
    }
}

static void out_flush(out *o)
{
    if (o->len > 0 && !o->failed &&
        fwrite(o->buf, 1, o->len, o->file) != o->len)
        o->failed = 1;
    o->len = 0;
}

/* Flushes, releases the buffer and says whether everything was written. */
static int out_close(out *o)
{
    out_flush(o);
    if (o->owned)
        free(o->buf);
    if (fflush(o->file) != 0 || ferror(o->file))
        o->failed = 1;
    return o->failed ? -1 : 0;
}

/* Room for n more bytes (n at most OUT_SMALL). */
static char *out_room(out *o, size_t n)
{
    if (o->cap - o->len < n)
        out_flush(o);
    return o->buf + o->len;
}

static void out_mem(out *o, const char *p, size_t n)
{
    while (n > 0) {
        size_t room = o->cap - o->len;
        if (room == 0) {
            out_flush(o);
            room = o->cap;
        }
        size_t k = n < room ? n : room;
        memcpy(o->buf + o->len, p, k);
        o->len += k;
        p += k;
        n -= k;
    }
}

static void out_str(out *o, const char *p)
{
    out_mem(o, p, strlen(p));
}

static void out_char(out *o, char c)
{
    out_room(o, 1)[0] = c;
    o->len++;
}

static void out_spaces(out *o, size_t n)
{
    char *p = out_room(o, n);
    memset(p, ' ', n);
    o->len += n;
}

static void out_uint(out *o, uint64_t v, int width)
{
    o->len += put_uint(out_room(o, 24), v, width);
}

static void out_int(out *o, int v)
{
    if (v < 0) {
        out_char(o, '-');
        v = -v;
    }
    out_uint(o, (uint64_t)v, 1);
}

/* "key: value\n" at indent. */
static void out_key(out *o, size_t indent, const char *key, const char *value)
{
    out_spaces(o, indent);
    out_str(o, key);
    out_str(o, ": ");
    out_str(o, value);
    out_char(o, '\n');
}

static void out_id(out *o, const synth *s, size_t e)
{
    out_mem(o, s->ids + s->id_offset[e], s->id_length[e]);
}

/* ------------------------------------------------------------------------ */
/* Texts                                                                    */
/* ------------------------------------------------------------------------ */

static void out_title(out *o, const synth *s, size_t e)
{
    uint64_t st = hash3(s->seed, H_TITLE, e, 0);
    switch (s->depth[e]) {
    case 0:
        out_str(o, domain_adjectives[pick(&st, COUNT(domain_adjectives))]);
        out_char(o, ' ');
        out_str(o, domain_nouns[pick(&st, COUNT(domain_nouns))]);
        break;
    case 1:
        out_str(o, gerunds[pick(&st, COUNT(gerunds))]);
        out_char(o, ' ');
        out_str(o, adjectives[pick(&st, COUNT(adjectives))]);
        out_char(o, ' ');
        out_str(o, nouns[pick(&st, COUNT(nouns))]);
        break;
    case 2:
        out_str(o, topic_nouns[pick(&st, COUNT(topic_nouns))]);
        out_char(o, ' ');
        {
            size_t a = pick(&st, COUNT(topic_activities));
            /* a different second activity */
            size_t b = (a + 1 + pick(&st, COUNT(topic_activities) - 1)) %
                       COUNT(topic_activities);
            out_str(o, topic_activities[a]);
            out_str(o, " and ");
            out_str(o, topic_activities[b]);
        }
        break;
    default:
        out_str(o, verbs[pick(&st, COUNT(verbs))]);
        out_char(o, ' ');
        out_str(o, adjectives[pick(&st, COUNT(adjectives))]);
        out_char(o, ' ');
        out_str(o, nouns[pick(&st, COUNT(nouns))]);
        out_char(o, ' ');
        out_str(o, audiences[pick(&st, COUNT(audiences))]);
        break;
    }
}

/*
 * lines lines of prose, each 60 to 80 characters, at indent: sentences of
 * 6 to 15 words from the prose list, the first word capitalised.
 */
static void out_prose(out *o, uint64_t st, size_t indent, int lines)
{
    int words_left = 0, capital = 1;
    for (int l = 0; l < lines; l++) {
        size_t width = 60 + pick(&st, 21);
        size_t used = 0;
        out_spaces(o, indent);
        for (;;) {
            if (words_left == 0)
                words_left = 6 + (int)pick(&st, 10);
            const char *w = prose[pick(&st, COUNT(prose))];
            size_t wl = strlen(w);
            /* room for the word, its space and a full stop (the text
             * ends with one) */
            int stop = words_left == 1 || l == lines - 1;
            size_t need = (used > 0 ? 1 : 0) + wl + (stop ? 1 : 0);
            if (used >= 60 && used + need > width)
                break;
            if (used + need > 80)
                break;
            if (used > 0)
                out_char(o, ' ');
            if (capital) {
                out_char(o, (char)(w[0] - 'a' + 'A'));
                out_mem(o, w + 1, wl - 1);
            } else {
                out_mem(o, w, wl);
            }
            used += need;
            capital = --words_left == 0;
            if (capital)
                out_char(o, '.');
            else if (stop)
                used--; /* the stop was only reserved */
        }
        if (l == lines - 1 && !capital)
            out_char(o, '.');
        out_char(o, '\n');
    }
}

/*
 * The description of element e at key indent: most elements get a block
 * scalar (|, > or >-) of 2 to 4 lines; about one leaf in seven gets none.
 */
static void out_description(out *o, const synth *s, size_t e, size_t indent)
{
    uint64_t st = hash3(s->seed, H_DESC, e, 0);
    if (s->depth[e] == LEVELS - 1 && pick(&st, 7) == 0)
        return;
    static const char *const styles[3] = {"|", ">", ">-"};
    out_spaces(o, indent);
    out_str(o, "description: ");
    out_str(o, styles[pick(&st, 3)]);
    out_char(o, '\n');
    out_prose(o, next(&st), indent + 2, 2 + (int)pick(&st, 3));
}

/* ------------------------------------------------------------------------ */
/* Framework                                                                */
/* ------------------------------------------------------------------------ */

static void out_scales(out *o)
{
    out_str(o, "  scales:\n");
    for (int i = 0; i < SCALE_COUNT; i++) {
        const scale_def *d = &scales[i];
        out_key(o, 4, "- id", d->id);
        out_key(o, 6, "title", d->title);
        out_key(o, 6, "description", d->description);
        out_str(o, "      levels:\n");
        for (int l = 0; l < d->count; l++) {
            out_str(o, "        - {value: ");
            out_int(o, d->lowest + l);
            out_str(o, ", label: ");
            out_str(o, d->labels[l]);
            if (d->level_descriptions != NULL) {
                out_str(o, ", description: \"");
                out_str(o, d->level_descriptions[l]);
                out_char(o, '"');
            }
            out_str(o, "}\n");
        }
        out_key(o, 6, "proficient", d->proficient);
    }
}

/*
 * Weight of e as written, or NULL for the default 1: about one element in
 * ten weighs 2, one in twenty 0.5, one in thirty 3.
 */
static const char *weight_of(const synth *s, size_t e)
{
    uint64_t h = hash3(s->seed, H_WEIGHT, e, 0) % 60;
    if (h < 6)
        return "2";
    if (h < 9)
        return "0.5";
    if (h < 11)
        return "3";
    return NULL;
}

/*
 * Rollup of a parent element as written, or NULL for the default: mostly
 * mean (a quarter of them written out), one in ten min, one in ten max.
 */
static const char *rollup_of(const synth *s, size_t e)
{
    uint64_t h = hash3(s->seed, H_ROLLUP, e, 0) % 20;
    if (h < 2)
        return "min";
    if (h < 4)
        return "max";
    if (h < 8)
        return "mean";
    return NULL;
}

int synth_write_framework(const synth *s, FILE *file)
{
    out o;
    out_open(&o, file);
    out_str(&o, "# Synthetic framework for the libcompetency benchmarks "
                "(bench/gen).\n");
    out_str(&o, "# ");
    out_uint(&o, s->n, 1);
    out_str(&o, " elements, ");
    out_uint(&o, s->leaf_count, 1);
    out_str(&o, " leaves; seed ");
    out_uint(&o, s->seed, 1);
    out_str(&o, ".\nframework:\n");
    out_key(&o, 2, "id", s->id);
    out_str(&o, "  title: Synthetic Benchmark Framework (");
    out_uint(&o, s->n, 1);
    out_str(&o, " elements)\n");
    out_key(&o, 2, "version", "\"1.0\"");
    out_key(&o, 2, "publisher", "libcompetency benchmarks");
    out_key(&o, 2, "language", "en");
    out_str(&o, "  description: >-\n");
    out_prose(&o, hash3(s->seed, H_DESC, s->n, 1), 4, 3);
    out_key(&o, 2, "x-generator", "bench/gen");
    out_scales(&o);
    out_key(&o, 2, "default_scale", "proficiency");
    out_str(&o, "  hierarchy: [domain, competency, sub-competency, "
                "behaviour]\n");
    out_str(&o, "  elements:\n");
    for (size_t e = 0; e < s->n; e++) {
        size_t depth = s->depth[e];
        size_t indent = 6 + 4 * depth;
        out_spaces(&o, indent - 2);
        out_str(&o, "- id: ");
        out_id(&o, s, e);
        out_char(&o, '\n');
        out_spaces(&o, indent);
        out_str(&o, "title: ");
        out_title(&o, s, e);
        out_char(&o, '\n');
        out_description(&o, s, e, indent);
        if (s->own_scale[e] != NO_SCALE)
            out_key(&o, indent, "scale", scales[s->own_scale[e]].id);
        const char *w = weight_of(s, e);
        if (w != NULL)
            out_key(&o, indent, "weight", w);
        if (depth < LEVELS - 1) {
            const char *r = rollup_of(s, e);
            if (r != NULL)
                out_key(&o, indent, "rollup", r);
            out_spaces(&o, indent);
            out_str(&o, "children:\n");
        }
    }
    return out_close(&o);
}

/* ------------------------------------------------------------------------ */
/* Profile                                                                  */
/* ------------------------------------------------------------------------ */

int synth_write_profile(const synth *s, FILE *file)
{
    out o;
    out_open(&o, file);
    out_str(&o, "# Synthetic role profile for the libcompetency benchmarks "
                "(bench/gen).\nprofile:\n");
    out_key(&o, 2, "id", "bench-role");
    out_key(&o, 2, "title", "Benchmark Role");
    out_str(&o, "  description: >-\n");
    out_prose(&o, hash3(s->seed, H_TARGET, s->n, 1), 4, 2);
    out_key(&o, 2, "framework", s->id);
    out_str(&o, "  targets:\n");
    size_t t = 0;
    for (size_t e = 0; e < s->n; e++) {
        if (s->depth[e] != 1)
            continue;
        const scale_def *d = &scales[s->scale[e]];
        /* the upper half, from the middle level up: the middle level or
         * the next, the top one time in six (a mean seldom reaches it) */
        int upper = d->count / 2;
        uint64_t h = hash3(s->seed, H_TARGET, e, 0) % 6;
        int level = h == 0 ? d->count - 1 : upper + (int)(h % 2);
        if (level >= d->count)
            level = d->count - 1;
        out_str(&o, "    ");
        out_id(&o, s, e);
        out_str(&o, ": {level: ");
        out_int(&o, d->lowest + level);
        out_str(&o, ", importance: ");
        out_uint(&o, t % 3 + 1, 1);
        if (t % 5 == 4)
            out_str(&o, ", critical: true");
        out_str(&o, "}\n");
        t++;
    }
    return out_close(&o);
}

/* ------------------------------------------------------------------------ */
/* Assessments                                                              */
/* ------------------------------------------------------------------------ */

/* The date of person's assessment: a day of 2026 (days 1 to 28). */
static void date_of(const synth *s, size_t person, char buf[11])
{
    uint64_t h = hash3(s->seed, H_DATE, person, 0);
    size_t month = 1 + (size_t)(h % 12);
    size_t day = 1 + (size_t)((h >> 16) % 28);
    memcpy(buf, "2026-", 5);
    put_uint(buf + 5, month, 2);
    buf[7] = '-';
    put_uint(buf + 8, day, 2);
    buf[10] = '\0';
}

int synth_write_assessments(const synth *s, size_t first, size_t people,
                            int csv, FILE *file)
{
    out o;
    out_open(&o, file);
    if (csv)
        out_str(&o, "subject,element,level,rater,role,date\n");
    for (size_t p = first; p - first < people; p++) {
        char subject[40], date[11], tail[80];
        size_t sl = synth_subject(p, subject, sizeof subject);
        date_of(s, p, date);
        size_t tl = 0;
        if (csv) {
            /* ",rater,self,date\n" after the level */
            tail[tl++] = ',';
            memcpy(tail + tl, subject, sl);
            tl += sl;
            memcpy(tail + tl, ",self,", 6);
            tl += 6;
            memcpy(tail + tl, date, 10);
            tl += 10;
            tail[tl++] = '\n';
        } else {
            out_str(&o, "---\nassessment:\n");
            out_key(&o, 2, "framework", s->id);
            out_key(&o, 2, "subject", subject);
            out_key(&o, 2, "rater", subject);
            out_key(&o, 2, "role", "self");
            out_key(&o, 2, "date", date);
            out_str(&o, "  ratings:\n");
        }
        for (size_t j = 0; j < s->leaf_count; j++) {
            size_t e = s->leaves[j];
            int level = rating(s, p, e);
            if (level < 0)
                continue;
            int value = scales[s->scale[e]].lowest + level;
            if (csv) {
                out_mem(&o, subject, sl);
                out_char(&o, ',');
                out_id(&o, s, e);
                out_char(&o, ',');
                out_int(&o, value);
                out_mem(&o, tail, tl);
            } else {
                out_str(&o, "    ");
                out_id(&o, s, e);
                out_str(&o, ": ");
                out_int(&o, value);
                out_char(&o, '\n');
            }
        }
    }
    return out_close(&o);
}
