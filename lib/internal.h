/*
 * Internal declarations shared by the files of lib/. Nothing here is part
 * of the public API; every name starts with cfi_.
 */
#ifndef CF_INTERNAL_H
#define CF_INTERNAL_H

#include "competency.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#define CFI_NONE SIZE_MAX

/* ---- allocation (alloc.c) --------------------------------------------- */

/* The allocator to use: a itself, or the C library's when a is NULL. */
const cf_allocator *cfi_allocator_or_default(const cf_allocator *a);
void *cfi_alloc(const cf_allocator *a, size_t size);
void *cfi_resize(const cf_allocator *a, void *ptr, size_t size);
void cfi_release(const cf_allocator *a, void *ptr);

/*
 * Makes room for at least need items of item_size bytes in *items, which
 * holds *cap; grows geometrically. Returns CF_OK or CF_ENOMEM (then *items
 * is unchanged).
 */
int cfi_reserve(const cf_allocator *a, void **items, size_t *cap, size_t need,
                size_t item_size);

/* A growable byte buffer, always NUL-terminated once anything is added. */
typedef struct cfi_buf {
    char *data;
    size_t len;
    size_t cap;
} cfi_buf;

int cfi_buf_add(const cf_allocator *a, cfi_buf *b, const char *s, size_t n);
int cfi_buf_addc(const cf_allocator *a, cfi_buf *b, char c);
void cfi_buf_free(const cf_allocator *a, cfi_buf *b);

/* ---- string arena (arena.c) ------------------------------------------- */

typedef struct cfi_chunk cfi_chunk;

/* Strings that live as long as their owner; they never move once made. */
typedef struct cfi_arena {
    cfi_chunk *head;
    size_t next_size;
} cfi_arena;

/* Copies n bytes of s into the arena, adds a NUL; NULL when out of memory. */
const char *cfi_arena_strndup(const cf_allocator *a, cfi_arena *arena,
                              const char *s, size_t n);
void cfi_arena_free(const cf_allocator *a, cfi_arena *arena);

/* ---- errors (error.c) --------------------------------------------------- */

/* A position in the input: 1-based line and column, 0-based offset. */
typedef struct cfi_mark {
    size_t line;
    size_t column;
    size_t offset;
} cfi_mark;

/*
 * Fills err (when not NULL) with code, source, mark (NULL: no position)
 * and the formatted message; returns code.
 */
int cfi_fail(cf_error *err, int code, const char *source, const cfi_mark *mark,
             const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
int cfi_vfail(cf_error *err, int code, const char *source, const cfi_mark *mark,
              const char *fmt, va_list ap);

/* ---- suggestions (suggest.c) ----------------------------------------- */

/* Returns the i-th candidate name, or NULL to skip it. */
typedef const char *(*cfi_name_at)(const void *ctx, size_t i);

/*
 * The candidate closest to word when it is close enough to be a likely
 * typo (small edit distance, a case difference, or a prefix), else NULL.
 */
const char *cfi_suggest(const char *word, cfi_name_at name_at, const void *ctx,
                        size_t count);

/* cfi_suggest over a NULL-terminated array of names. */
const char *cfi_suggest_list(const char *word, const char *const *names);

/* ---- numbers and ids (syntax.c) --------------------------------------- */

typedef enum cfi_number_kind {
    CFI_NUMBER_FINITE,
    CFI_NUMBER_INFINITE,     /* .inf, -.inf */
    CFI_NUMBER_NAN,          /* .nan */
    CFI_NUMBER_LEADING_ZERO, /* 010: octal to YAML 1.1, so refused */
    CFI_NUMBER_INVALID
} cfi_number_kind;

/* Parses a YAML plain number (decimal integer or float) without locale. */
cfi_number_kind cfi_parse_number(const char *s, size_t n, double *out);

/*
 * Writes v into buf with '.' as the decimal point whatever the locale:
 * with `digits` significant digits, or, for digits 0, the fewest of 15, 16
 * and 17 that read back as v (messages and explanations quote numbers so).
 */
void cfi_format_number(char *buf, size_t size, double v, int digits);

/* Whether s is well-formed UTF-8 (no overlongs, surrogates, > U+10FFFF);
 * in render_util.c with the other UTF-8 text helpers. */
int cfi_utf8_valid(const char *s);

/* Whether s matches [A-Za-z0-9][A-Za-z0-9._:-]* . */
int cfi_is_valid_id(const char *s, size_t n);

/* ---- id map (idmap.c) ---------------------------------------------- */

/* Open-addressing hash table from a string key to an index. */
typedef struct cfi_idmap {
    struct cfi_idslot *slots;
    size_t cap; /* a power of two, or 0 */
    size_t count;
} cfi_idmap;

/*
 * Inserts key -> value (key is borrowed and must outlive the map). When the
 * key is already present, sets *existing to its value and inserts nothing.
 * Returns CF_OK or CF_ENOMEM.
 */
int cfi_idmap_insert(const cf_allocator *a, cfi_idmap *map, const char *key,
                     size_t value, size_t *existing);
/*
 * Maps key to value, replacing the value (and the borrowed key) of an equal
 * key already present. Returns CF_OK or CF_ENOMEM.
 */
int cfi_idmap_set(const cf_allocator *a, cfi_idmap *map, const char *key,
                  size_t value);
/* The value of key, or CFI_NONE. */
size_t cfi_idmap_find(const cfi_idmap *map, const char *key);
/* The value of the key that is the n bytes at key (a scalar's text, say),
 * or CFI_NONE: cfi_idmap_find without the strlen. */
size_t cfi_idmap_find_n(const cfi_idmap *map, const char *key, size_t n);
void cfi_idmap_free(const cf_allocator *a, cfi_idmap *map);

/* ---- the model (framework.c) --------------------------------------- */

typedef struct cfi_ext_item {
    const char *key;
    const char *value;
} cfi_ext_item;

/* A growable list of x- items that objects point into. */
typedef struct cfi_ext_list {
    cfi_ext_item *items;
    size_t count, cap;
} cfi_ext_list;

/* Where an owner's x- items start in list (NULL for an empty list, so
 * that no offset is ever added to a null pointer). */
static inline const cfi_ext_item *cfi_ext_at(const cfi_ext_list *list,
                                             size_t first)
{
    return list->items ? list->items + first : NULL;
}

struct cf_extensions {
    const cfi_ext_item *items; /* set when the framework is finished */
    size_t first;              /* index into its owner's cfi_ext_list */
    size_t count;
};

struct cf_level {
    double value;
    const char *label;
    const char *description;
    size_t index;
    cf_extensions ext;
    cfi_mark mark;       /* where the level's value is */
    cfi_mark label_mark; /* where its label is */
};

struct cf_scale {
    const char *id;
    const char *title;
    const char *description;
    size_t index;
    const cf_level *levels; /* set when the framework is finished */
    size_t level_first;     /* index into the framework's levels */
    size_t level_count;
    size_t proficient; /* index among this scale's levels */
    cf_extensions ext;
    cfi_mark mark; /* where the scale's id is */
};

struct cf_element {
    const cf_framework *framework;
    const char *id;
    const char *title;
    const char *description;
    const char *kind;
    double weight;
    cf_rollup rollup;
    size_t index;
    size_t parent; /* CFI_NONE for a top-level element */
    size_t depth;
    size_t subtree_end;
    size_t child_first; /* index into the framework's children */
    size_t child_count;
    size_t relation_first; /* index into the framework's relations */
    size_t relation_count;
    size_t own_scale; /* CFI_NONE when the element names none */
    size_t scale;     /* effective scale */
    cf_extensions ext;
    cfi_mark id_mark;
};

struct cf_framework {
    atomic_size_t refs;
    cf_allocator allocator;
    const char *source;
    const char *id;
    const char *title;
    const char *version;
    const char *publisher;
    const char *language;
    const char *description;
    cf_extensions ext;

    const char **hierarchy;
    size_t hierarchy_count;

    cf_element *elements;
    size_t element_count;
    size_t *children; /* children of every element, grouped by parent */
    size_t *roots;
    size_t root_count;

    cf_scale *scales;
    size_t scale_count;
    size_t default_scale;
    cf_level *levels;
    size_t level_count;

    cfi_ext_list exts;

    struct cfi_relation *relations; /* grouped by element, file order */
    size_t relation_count;

    cfi_idmap ids;
    cfi_arena strings;
};

/*
 * Finishes a framework whose arrays are filled (elements in pre-order with
 * parent, depth, subtree_end, child_count, own_scale; scales with their
 * level ranges; default_scale; extension ranges): builds the children and
 * roots lists, effective scales and kinds, and every pointer. CF_ENOMEM.
 */
int cfi_framework_link(cf_framework *fw);

/* A new, empty framework with one reference, or NULL. */
cf_framework *cfi_framework_new(const cf_allocator *a);
/* Frees fw and everything it owns, whatever its reference count. */
void cfi_framework_destroy(cf_framework *fw);

/* ---- YAML event reader (reader.c) ----------------------------------- */

typedef enum cfi_event_type {
    CFI_EV_STREAM_START,
    CFI_EV_STREAM_END,
    CFI_EV_DOCUMENT_START,
    CFI_EV_DOCUMENT_END,
    CFI_EV_SCALAR,
    CFI_EV_SEQUENCE_START,
    CFI_EV_SEQUENCE_END,
    CFI_EV_MAPPING_START,
    CFI_EV_MAPPING_END
} cfi_event_type;

/* One parse event, aliases already expanded. */
typedef struct cfi_event {
    cfi_event_type type;
    const char *value; /* scalars: the text, NUL-terminated */
    size_t length;
    int plain; /* scalars: written without quotes or block style */
    cfi_mark mark;
} cfi_event;

typedef struct cfi_reader cfi_reader;

typedef struct cfi_reader_config {
    const cf_allocator *allocator;
    const char *source;
    size_t max_nesting;
    size_t max_alias_events;
    size_t max_string_bytes;
} cfi_reader_config;

/* A reader over len bytes at data, or NULL when out of memory. */
cfi_reader *cfi_reader_new(const cfi_reader_config *config, const char *data,
                           size_t len);
/*
 * The next event into *ev, valid until the next call. Returns CF_OK, or
 * fills err and returns CF_ESYNTAX, CF_EINVALID, CF_ELIMIT or CF_ENOMEM.
 */
int cfi_reader_next(cfi_reader *r, cfi_event *ev, cf_error *err);
/*
 * Reads on to the end of the input, only to look for a YAML syntax error:
 * returns CF_ESYNTAX and fills err when there is one, else CF_OK. Stops
 * early (CF_OK) past max_nesting or when out of memory.
 */
int cfi_reader_find_syntax_error(cfi_reader *r, cf_error *err);
void cfi_reader_free(cfi_reader *r);

/* The reader's allocator and source name. */
const cf_allocator *cfi_reader_allocator(const cfi_reader *r);
const char *cfi_reader_source(const cfi_reader *r);

/* Names of event types for messages: "a mapping", "a sequence", ... */
const char *cfi_event_noun(const cfi_event *ev);

/* Whether a scalar event is a YAML null: empty, ~, null, Null or NULL. */
int cfi_event_is_null(const cfi_event *ev);

/* ---- extension values (extjson.c) -------------------------------------- */

/*
 * Renders the collection whose start event is *ev as compact JSON into out
 * (appended), reading its events from r; every scalar becomes a JSON
 * string. Keys must be scalars and unique within their mapping. Returns
 * CF_OK with *ev its last event, or fills err.
 */
int cfi_render_json(cfi_reader *r, cfi_event *ev, cfi_buf *out, cf_error *err);

/* ---- reading YAML documents into objects (document.c) ----------------- */

/* A key of a mapping: its name and whether it must be present. */
typedef struct cfi_key {
    const char *name;
    int required;
} cfi_key;

#define CFI_MAX_KEYS 16

/* One mapping of a document being read, and what was seen in it so far. */
typedef struct cfi_mapping {
    const char *kind;    /* "framework", "element", ... for messages */
    int singular;        /* "the framework" rather than "a framework" */
    const cfi_key *keys; /* ends with a NULL name; at most CFI_MAX_KEYS */
    const char *name;    /* the object's id or label, once read */
    size_t index;        /* which object of its kind */
    size_t ext_base;     /* its x- keys start here in the doc's stack */
    unsigned seen;       /* bit k: keys[k] was seen */
    cfi_mark seen_at[CFI_MAX_KEYS];
    cfi_mark start;
} cfi_mapping;

/* The state every loader shares; a loader embeds it as its first member. */
typedef struct cfi_doc {
    cfi_reader *reader;
    const cf_allocator *a;
    cf_error *err;
    const char *source;
    cfi_arena *strings; /* where copied text goes */
    cfi_event ev;       /* the current event */
    cfi_ext_item *ext_stack;
    size_t ext_count, ext_cap;
    cfi_buf json;
    char describe_buf[160];
} cfi_doc;

/* Reads the value of m->keys[key]; the key is the current event. */
typedef int (*cfi_value_fn)(cfi_doc *doc, cfi_mapping *m, size_t key);

/*
 * Starts reading len bytes at data (opts resolved, strings the arena that
 * copied text goes to). CF_ELIMIT past max_input_bytes, CF_ENOMEM.
 * cfi_doc_close must be called whatever it returns.
 */
int cfi_doc_open(cfi_doc *doc, const char *data, size_t len, const char *source,
                 const cf_load_options *opts, cfi_arena *strings,
                 cf_error *err);
void cfi_doc_close(cfi_doc *doc);

int cfi_doc_fail(cfi_doc *doc, int code, const cfi_mark *mark, const char *fmt,
                 ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
int cfi_doc_oom(cfi_doc *doc);
/* Moves to the next event (doc->ev). */
int cfi_doc_next(cfi_doc *doc);
/* "element 'CR.1'", "an element" or "the framework", for messages. */
const char *cfi_doc_describe(cfi_doc *doc, const cfi_mapping *m);
/* Copies text into the doc's arena. */
int cfi_doc_copy(cfi_doc *doc, const char *s, size_t n, const char **out);
/* cfi_reserve, with the error filled on failure. */
int cfi_doc_grow(cfi_doc *doc, void *items_ptr, size_t *cap, size_t need,
                 size_t size);

/* Reads a string value; *out NULL for an empty one unless required. */
int cfi_doc_read_string(cfi_doc *doc, cfi_mapping *m, const char *key,
                        int required, const char **out);
/* Reads a required string that must be a valid id. */
int cfi_doc_read_id(cfi_doc *doc, cfi_mapping *m, const char *key,
                    const char **out);
/* Reads a plain number; *kind says whether it is finite. */
int cfi_doc_read_number(cfi_doc *doc, cfi_mapping *m, const char *key,
                        double *out, cfi_number_kind *kind);

/*
 * Reads the mapping whose start is the current event: each known key's
 * value through on_value, x- keys onto the doc's stack (store them with
 * cfi_doc_store_extensions). Checks unknown, duplicate and missing keys.
 */
int cfi_doc_read_mapping(cfi_doc *doc, cfi_mapping *m, cfi_value_fn on_value);
/* Moves m's x- keys from the stack to the end of list; ext points there. */
int cfi_doc_store_extensions(cfi_doc *doc, cfi_mapping *m, cfi_ext_list *list,
                             cf_extensions *ext);
/* Fails unless the current event starts a sequence (of `what`, for key). */
int cfi_doc_expect_sequence(cfi_doc *doc, const cfi_mapping *m, const char *key,
                            const char *what);
/* Fails unless the current event starts a mapping (`what`: "an element"). */
int cfi_doc_expect_mapping(cfi_doc *doc, const char *what);

/*
 * Moves past the stream start to the next document: *found is 1 at a
 * document start, 0 at the end of the stream.
 */
int cfi_doc_next_document(cfi_doc *doc, int *found);
/* The error for a stream with no document of this kind. */
int cfi_doc_empty_stream(cfi_doc *doc, const char *kind);
/*
 * Enters a document's root mapping { kind: {...} }: afterwards the current
 * event is the start of the inner mapping. Wrong roots get clear errors.
 */
int cfi_doc_enter_root(cfi_doc *doc, const char *kind);
/* Leaves the root mapping and the document after the inner mapping. */
int cfi_doc_leave_root(cfi_doc *doc, const char *kind);
/*
 * Reads a stream that must hold exactly one document of this kind: enters
 * its root, calls parse with the inner mapping's start as the current
 * event, leaves, and refuses a second document.
 */
int cfi_doc_read_single(cfi_doc *doc, const char *kind,
                        int (*parse)(cfi_doc *doc));
/*
 * Reads the value of a `framework` key of mapping m and checks that it is
 * fw's id: "<m->kind> is for framework 'x', but the framework loaded is
 * 'y'" otherwise.
 */
int cfi_doc_read_framework_id(cfi_doc *doc, cfi_mapping *m,
                              const cf_framework *fw);
/*
 * rc is a failure: when it is CF_EINVALID and the YAML further on is
 * malformed, reports that syntax error instead (a mis-indented key ends a
 * mapping early, so the loader first sees a missing key).
 */
int cfi_doc_prefer_syntax_error(cfi_doc *doc, int rc);

/* ---- assessments (assessment.c, assessment_load.c, csv.c) ------------- */

struct cf_assessment {
    atomic_size_t refs;
    cf_allocator allocator;
    cf_framework *framework; /* a reference */
    const char *subject;
    const char *rater; /* NULL when not given, likewise role and date */
    const char *role;
    const char *date;
    double *levels;     /* one per element, NaN when unrated */
    const char **notes; /* one per element (NULL: none), or NULL array */
    size_t rated_count;
    const char *source; /* where it was loaded from, NULL when built */
    size_t line;
    cf_extensions ext;
    cfi_ext_list exts;
    cfi_arena strings;
};

struct cf_assessment_list {
    cf_allocator allocator;
    cf_assessment **items;
    size_t count, cap;
};

/*
 * A new assessment of fw with no subject and nothing rated (the loaders
 * fill it), one reference, memory from a. NULL when out of memory.
 */
cf_assessment *cfi_assessment_create(cf_framework *fw, const cf_allocator *a);

/*
 * Checks that level is a level value of element index's scale and that
 * the element is not rated yet; fills err (source and mark may be NULL)
 * with CF_EINVALID otherwise.
 */
int cfi_assessment_check(const cf_assessment *a, size_t index, double level,
                         const char *source, const cfi_mark *mark,
                         cf_error *err);
/*
 * Stores a rating without checks (the consolidation stores weighted means,
 * which need not be levels); note is copied (NULL for none). CF_ENOMEM.
 */
int cfi_assessment_store(cf_assessment *a, size_t index, double level,
                         const char *note);

/*
 * "unknown element id 'x' in framework 'f' (did you mean 'y'?)", or
 * without the hint, into err with CF_EINVALID (framework.c).
 */
int cfi_unknown_element(const cf_framework *fw, const char *id,
                        const char *source, const cfi_mark *mark,
                        cf_error *err);

/* ---- levels of an element's scale (scale.c) ------------------------------ */

/* "1 Beginning, 2 Developing, ..." into buf, cut with "..." when long. */
void cfi_scale_list_levels(const cf_scale *scale, char *buf, size_t size);

/*
 * Fills err with CF_EINVALID "level X is not on scale 's' of element 'e'
 * (its levels: ...)", X quoted when it was taken as a label, then hint
 * (NULL for none). Returns CF_EINVALID.
 */
int cfi_level_not_on_scale(const cf_element *el, const char *text, int quoted,
                           const char *hint, const char *source,
                           const cfi_mark *mark, cf_error *err);

/*
 * The level that text names on el's scale: written plain (unquoted), a
 * number is a level value, which the scale must have; any other text is a
 * level label. CF_EINVALID otherwise, with a hint for a quoted number.
 */
int cfi_level_parse(double *level, const cf_element *el, const char *text,
                    int plain, const char *source, const cfi_mark *mark,
                    cf_error *err);

/* ---- scoring (score.c) ------------------------------------------------- */

/*
 * The scoring kernel: one backward pass over fw's elements. levels holds a
 * level (or NaN) per element; the four outputs get one entry per element.
 * Allocates nothing, so many threads may run it at once.
 */
void cfi_score_pass(const cf_framework *fw, const double *levels,
                    cf_missing missing, double *value, double *normalized,
                    double *coverage, unsigned char *source);

struct cf_scores {
    cf_allocator allocator;
    cf_assessment *assessment; /* a reference */
    double *value;
    double *normalized;
    double *coverage;
    unsigned char *source; /* cf_source values */
};

/* Checks score options (NULL: defaults) into *out; CF_EARG if invalid. */
int cfi_score_options_resolve(cf_score_options *out,
                              const cf_score_options *opts, cf_error *err);

/* Whether achieved meets required on scale: within 1e-9 of its range. */
int cfi_meets(const cf_scale *scale, double achieved, double required);

/* ---- dense matrices (score_matrix.c, parallel.c) ----------------------- */

/* How many people the matrix kernel scores side by side. */
#define CFI_LANES 8

/*
 * What a matrix function does with each block of scored rows: scratch
 * holds element_count x CFI_LANES normalised scores, element after element,
 * lane j being row first + j for j < count. Called on the worker thread
 * that scored the block; no two calls share a row.
 */
typedef void cfi_matrix_each(void *ctx, const double *scratch, size_t first,
                             size_t count);

/*
 * The engine of the matrix functions (score_matrix.c): scores people rows
 * of levels, fw's element_count columns, CFI_LANES at a time on up to
 * options->threads threads (memory from alloc, on the calling thread
 * only), handing each block to each. CF_EINVALID for the first level (in
 * row order) that is not finite or lies outside its scale, naming its row
 * and element (the blocks were handed over all the same); CF_ENOMEM.
 */
int cfi_matrix_run(const cf_framework *fw, const cf_allocator *alloc,
                   const double *levels, size_t people,
                   const cf_score_options *options, cfi_matrix_each *each,
                   void *ctx, cf_error *err);

/* CF_EARG, with a message, when people rows of fw's elements would not fit
 * in memory's address range; else CF_OK. */
int cfi_matrix_check_size(const cf_framework *fw, size_t people, cf_error *err);

/*
 * Runs work(ctx, worker, first_block, end_block) over blocks [0, blocks)
 * split into contiguous ranges, one per worker: up to threads workers
 * (0: one per online processor), the calling thread being worker 0.
 * cfi_parallel_workers says how many workers there will be (to size
 * per-worker buffers first). Workers that cannot start run on the caller.
 */
typedef void cfi_parallel_work(void *ctx, size_t worker, size_t first_block,
                               size_t end_block);
#define CFI_MAX_WORKERS 64
size_t cfi_parallel_workers(unsigned int threads, size_t blocks);
void cfi_parallel_run(size_t workers, size_t blocks, cfi_parallel_work *work,
                      void *ctx);

/* ---- profiles (profile.c) ---------------------------------------------- */

typedef struct cfi_target {
    size_t element;
    double level;
    double importance;
    int critical;
} cfi_target;

struct cf_profile {
    atomic_size_t refs;
    cf_allocator allocator;
    cf_framework *framework; /* a reference */
    const char *id;
    const char *title;
    const char *description;
    cfi_target *targets;
    size_t target_count, target_cap;
    cf_extensions ext;
    cfi_ext_list exts;
    cfi_arena strings;
};

/* ---- gap reports (gap.c) ----------------------------------------------- */

typedef struct cfi_gap_input {
    size_t element;
    double score; /* level units, NaN when unscored */
    double weight;
    double share;
} cfi_gap_input;

typedef struct cfi_gap_target {
    size_t element;
    double required, required_norm;
    double achieved, achieved_norm; /* NaN when unassessed */
    double gap, gap_norm;           /* NaN when unassessed */
    double importance;
    int critical;
    cf_status status;
    const char *explanation;
    size_t input_first, input_count;
} cfi_gap_target;

struct cf_gap_report {
    cf_allocator allocator;
    cf_assessment *assessment; /* a reference */
    cf_profile *profile;       /* a reference */
    cf_scores *scores;         /* owned */
    cfi_gap_target *targets;
    size_t target_count;
    cfi_gap_input *inputs;
    size_t input_count;
    size_t *priorities;
    size_t priority_count;
    double fit;
    int ready;
    cfi_arena strings;
};

/*
 * Fit and readiness of one set of scores against p, without building a
 * report (team and progress analyses use it): DESIGN section 4.
 */
void cfi_fit(const cf_profile *p, const double *value, const double *normalized,
             double *fit, int *ready);

/* ---- team reports (team.c) --------------------------------------------- */

struct cf_team_report {
    cf_allocator allocator;
    cf_profile *profile;    /* a reference */
    cf_gap_report **people; /* owned, in the order given */
    size_t person_count;
    size_t *assessed; /* per target */
    double *mean, *min, *max;
    size_t *meeting;
    size_t *rank; /* indexes of people, best first */
};

/* ---- consolidation (consolidate.c) ------------------------------------ */

struct cf_consolidation {
    cf_allocator allocator;
    cf_assessment *result;  /* owned reference */
    cf_assessment **inputs; /* references, in the order given */
    double *weights;        /* each input's role weight */
    size_t input_count;
    size_t *raters; /* per element */
    double *spread, *self, *others;
    unsigned char *flag; /* cf_flag values */
};

/* ---- progress (progress.c) --------------------------------------------- */

struct cf_progress_report {
    cf_allocator allocator;
    cf_assessment *before, *after;      /* references */
    cf_profile *profile;                /* a reference, or NULL */
    double *before_value, *after_value; /* per element, level units */
    unsigned char *trend;               /* cf_trend values */
    double fit_before, fit_after;       /* NaN without a profile */
};

/* ---- relations between elements (framework.c) ------------------------- */

/* One relation of an element: its kind and the target's index. */
typedef struct cfi_relation {
    size_t element;
    size_t target;
    cf_relation kind;
} cfi_relation;

/*
 * Groups count relations (any order; ties keep their order) by element
 * into fw->relations and sets each element's range. Takes ownership of
 * nothing: the array is copied. CF_ENOMEM.
 */
int cfi_framework_set_relations(cf_framework *fw, const cfi_relation *rels,
                                size_t count);

/* ---- building a framework from another format (builder.c) ------------- */

typedef struct cfi_builder cfi_builder;

/* What the metadata setter sets. */
typedef enum cfi_meta {
    CFI_META_ID,
    CFI_META_TITLE,
    CFI_META_VERSION,
    CFI_META_PUBLISHER,
    CFI_META_LANGUAGE,
    CFI_META_DESCRIPTION
} cfi_meta;

/* Whose x- keys an extension is. */
typedef enum cfi_owner {
    CFI_OWNER_FRAMEWORK,
    CFI_OWNER_SCALE,
    CFI_OWNER_LEVEL, /* index: the level's index among all levels added */
    CFI_OWNER_ELEMENT
} cfi_owner;

/*
 * Starts building a framework (opts resolved, may not be NULL; source is
 * copied, for messages and cf_framework_source). NULL when out of memory.
 * Every function below copies the text it is given, returns CF_OK or a
 * failure with err filled (no position: importers that know one refill
 * it), and leaves the builder usable for cfi_builder_free.
 */
cfi_builder *cfi_builder_new(const cf_load_options *opts, const char *source);
void cfi_builder_free(cfi_builder *b);
/* The builder's allocator (the one from opts). */
const cf_allocator *cfi_builder_allocator(const cfi_builder *b);
/* Sets a metadata field (NULL clears an optional one). */
int cfi_builder_set_meta(cfi_builder *b, cfi_meta field, const char *value,
                         cf_error *err);
int cfi_builder_add_hierarchy(cfi_builder *b, const char *name, cf_error *err);
/* Adds a scale; its levels follow with cfi_builder_add_level (lowest
 * first, before the next scale is added). */
int cfi_builder_add_scale(cfi_builder *b, const char *id, const char *title,
                          const char *description, size_t *index,
                          cf_error *err);
int cfi_builder_add_level(cfi_builder *b, double value, const char *label,
                          const char *description, cf_error *err);
/* The proficient level (index within the scale) of a scale. */
int cfi_builder_set_proficient(cfi_builder *b, size_t scale, size_t level,
                               cf_error *err);
int cfi_builder_set_default_scale(cfi_builder *b, size_t scale, cf_error *err);
/*
 * Adds an element in pre-order: parent is CFI_NONE for a root, else an
 * element already added whose subtree is still open (the last added, or
 * one of its ancestors). Checks the id (syntax, uniqueness, max_elements,
 * max_depth). *index: its pre-order index.
 */
int cfi_builder_add_element(cfi_builder *b, size_t parent, const char *id,
                            const char *title, size_t *index, cf_error *err);
/* The optional fields of an element (NULL texts and scale CFI_NONE leave
 * them unset; weight must be > 0 and finite). */
int cfi_builder_set_element(cfi_builder *b, size_t element,
                            const char *description, const char *kind,
                            double weight, cf_rollup rollup, size_t scale,
                            cf_error *err);
int cfi_builder_add_relation(cfi_builder *b, size_t element, cf_relation kind,
                             size_t target, cf_error *err);
int cfi_builder_add_extension(cfi_builder *b, cfi_owner owner, size_t index,
                              const char *key, const char *value,
                              cf_error *err);
/* Checks what is left (at least one scale and element, a default scale
 * when there are several) and links; *out gets the framework. The builder
 * is freed either way. */
int cfi_builder_finish(cfi_builder *b, cf_framework **out, cf_error *err);

/* ---- JSON text (json.c) ---------------------------------------------- */

struct json_t;

/*
 * root as JSON text (json_dump_callback flags) in memory from malloc, or
 * NULL when out of memory. Unlike json_dumps in jansson 2.14, a failure
 * anywhere in the dump is never half-ignored: the text is complete or
 * there is none.
 */
char *cfi_json_dumps(const struct json_t *root, size_t flags);

/* ---- options (options.c) ---------------------------------------------- */

/* Checks opts (NULL = defaults) and resolves every 0 limit to its default. */
int cfi_options_resolve(cf_load_options *out, const cf_load_options *opts,
                        cf_error *err, const char *source);

/* ---- input (input.c) -------------------------------------------------- */

/*
 * Reads the whole file at path into a new buffer (released with
 * cfi_release); CF_EIO, CF_ELIMIT or CF_ENOMEM on failure.
 */
int cfi_read_file(char **out, size_t *len, const char *path, size_t max_bytes,
                  const cf_allocator *a, cf_error *err);

/*
 * Replaces err's character index (as libyaml counts) by the byte offset in
 * data. Does nothing when err has no position.
 */
void cfi_error_fix_offset(cf_error *err, const char *data, size_t len);

/* ---- the framework loader (loader.c) ------------------------------- */

int cfi_framework_load(cf_framework **out, const char *data, size_t len,
                       const char *source, const cf_load_options *opts,
                       cf_error *err);

#endif /* CF_INTERNAL_H */
