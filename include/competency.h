/*
 * libcompetency: load competency frameworks from YAML and score people
 * against them.
 *
 * Conventions, stated once for the whole API:
 *
 * - Names are cf_<noun>_<verb>. Out parameters come first.
 * - Functions that can fail return int: CF_OK (0) on success, a negative
 *   CF_E... code on failure. They also fill an optional, caller-owned
 *   cf_error with the code, a message, the source name and the position.
 *   On failure no object is handed back: *out is set to NULL.
 * - Whoever gets a pointer from a _load or _new function releases it with
 *   the matching _free function. Every _free function accepts NULL.
 * - Pointers returned by accessors (const cf_element *, const char *, ...)
 *   are borrowed: they stay valid as long as the object they came from.
 *   Accessors take a valid, non-NULL object; an index out of range gives
 *   NULL rather than undefined behaviour.
 * - A loaded framework is immutable and reference counted; it is safe to
 *   read from several threads at once. cf_framework_ref and
 *   cf_framework_free may also be called from several threads.
 * - The library keeps no global state, never prints, never exits.
 */
#ifndef COMPETENCY_H
#define COMPETENCY_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(CF_STATIC)
#define CF_EXTERN
#elif defined(_WIN32)
#if defined(CF_BUILDING_SHARED)
#define CF_EXTERN __declspec(dllexport)
#else
#define CF_EXTERN __declspec(dllimport)
#endif
#elif defined(__GNUC__)
#define CF_EXTERN __attribute__((visibility("default")))
#else
#define CF_EXTERN
#endif

#if defined(__GNUC__)
#define CF_WARN_UNUSED __attribute__((warn_unused_result))
#else
#define CF_WARN_UNUSED
#endif

/* ------------------------------------------------------------------------ */
/* Version                                                                  */
/* ------------------------------------------------------------------------ */

#define CF_VERSION_MAJOR 0
#define CF_VERSION_MINOR 1
#define CF_VERSION_PATCH 0
#define CF_VERSION_STRING "0.1.0"

/* The version of the library actually linked, as "MAJOR.MINOR.PATCH". */
CF_EXTERN const char *cf_version(void);

/* ------------------------------------------------------------------------ */
/* Errors                                                                   */
/* ------------------------------------------------------------------------ */

/* Return codes. Every failing function returns one of the negative ones. */
typedef enum cf_code {
    CF_OK = 0,
    CF_ENOMEM = -1,   /* an allocation failed */
    CF_EIO = -2,      /* a file could not be opened or read */
    CF_ESYNTAX = -3,  /* not well-formed YAML, or not valid UTF-8 */
    CF_EINVALID = -4, /* well-formed YAML that is not a valid document */
    CF_ELIMIT = -5,   /* input exceeds a limit of cf_load_options */
    CF_EARG = -6      /* the caller passed an invalid argument */
} cf_code;

#define CF_ERROR_SOURCE_MAX 256
#define CF_ERROR_MESSAGE_MAX 384

/*
 * Error detail, owned by the caller (usually on the stack) and filled by a
 * failing function when the caller passes one. On success it is left as
 * it was.
 *
 * line and column are 1-based and count characters as libyaml does; both
 * are 0 when the error has no position (an unreadable file, an allocation
 * failure). offset is the 0-based byte offset of that position. source is
 * the file name (or the name given for a buffer), truncated from the left
 * with "..." when longer than the field. message says what was found and
 * what was expected; it never repeats the source or position, so a caller
 * prints "source:line:column: message".
 */
typedef struct cf_error {
    int code;
    size_t line;
    size_t column;
    size_t offset;
    char source[CF_ERROR_SOURCE_MAX];
    char message[CF_ERROR_MESSAGE_MAX];
} cf_error;

/*
 * A short, static English name for a return code ("out of memory",
 * "invalid document", ...). Never NULL; unknown codes give "unknown error".
 */
CF_EXTERN const char *cf_strerror(int code);

/*
 * "Did you mean ...?": of the count names (NULL entries are skipped), the
 * one closest to word when it is close enough to be a likely typo of it: a
 * small edit distance (letters swapped, missing, extra or wrong), a
 * difference of case, or a prefix of at least three characters. NULL when
 * none is, or when word is NULL. The library's own messages use it; it is
 * public so that callers word theirs the same way (a command line's
 * subcommands, a binding's KeyError). Returns one of names, not a copy.
 */
CF_EXTERN const char *cf_suggest(const char *word, const char *const *names,
                                 size_t count);

/* ------------------------------------------------------------------------ */
/* Allocation                                                               */
/* ------------------------------------------------------------------------ */

/*
 * A memory allocator. All memory the library allocates for an object goes
 * through the allocator given when the object is made, and is returned
 * through the same allocator. alloc and resize return NULL on failure;
 * resize(NULL, n) must behave as alloc(n); release(NULL) must do nothing.
 * ctx is passed back unchanged. The allocator must outlive every object
 * made with it. (libyaml's own parser buffers use the C library's malloc.)
 */
typedef struct cf_allocator {
    void *(*alloc)(size_t size, void *ctx);
    void *(*resize)(void *ptr, size_t size, void *ctx);
    void (*release)(void *ptr, void *ctx);
    void *ctx;
} cf_allocator;

/* ------------------------------------------------------------------------ */
/* Load options and limits                                                  */
/* ------------------------------------------------------------------------ */

/*
 * Default limits for untrusted input. Each can be changed per call through
 * cf_load_options; docs/format.md explains each one.
 *
 * CF_DEFAULT_MAX_DEPTH         levels of the element tree
 * CF_DEFAULT_MAX_NESTING       YAML collection nesting
 * CF_DEFAULT_MAX_ALIAS_EVENTS  events replayed by aliases
 * CF_DEFAULT_MAX_STRING_BYTES  bytes in one scalar (1 MiB)
 * CF_DEFAULT_MAX_INPUT_BYTES   bytes in one file or buffer (256 MiB)
 * CF_DEFAULT_MAX_ELEMENTS      elements in one framework
 */
#define CF_DEFAULT_MAX_DEPTH 32
#define CF_DEFAULT_MAX_NESTING 128
#define CF_DEFAULT_MAX_ALIAS_EVENTS 10000
#define CF_DEFAULT_MAX_STRING_BYTES (1024u * 1024)
#define CF_DEFAULT_MAX_INPUT_BYTES (256u * 1024 * 1024)
#define CF_DEFAULT_MAX_ELEMENTS 1000000

/*
 * The highest max_depth and max_nesting a caller may set (the loader
 * recurses once per element level, so the stack bounds them).
 */
#define CF_MAX_DEPTH_CEILING 1000
#define CF_MAX_NESTING_CEILING 4096

#define CF_LOAD_OPTIONS_VERSION 2

/*
 * Options for the loaders. Initialise with CF_LOAD_OPTIONS_INIT (or
 * cf_load_options_init) and change what you need; a limit of 0 means its
 * default. Passing NULL instead of options means all defaults. Loaders
 * return CF_EARG for an unknown version, a limit above its ceiling, or an
 * allocator with a NULL function. Version 1 of the struct (which ends
 * after allocator) is still read.
 *
 * max_depth          most levels in the element tree: roots have depth 0,
 *                    so element depths run from 0 to max_depth - 1.
 * max_nesting        deepest YAML mapping/sequence nesting anywhere in the
 *                    document, extension values included.
 * max_alias_events   how many parse events aliases (*name) may replay in
 *                    all; stops "billion laughs" documents.
 * max_string_bytes   longest scalar, in bytes.
 * max_input_bytes    largest file or buffer, in bytes.
 * max_elements       most elements in one framework.
 * allocator          memory for the loaded object; NULL means malloc.
 * threads            how many threads may share loading a YAML stream of
 *                    many assessments (cf_assessment_list_load_*): 1, the
 *                    default, loads on the calling thread; 0 means one per
 *                    online processor. The documents are split among them
 *                    at their "---" lines; the result, and any error, are
 *                    those of a load on one thread. With more than one,
 *                    the allocator is called from several threads at once.
 */
typedef struct cf_load_options {
    unsigned int version;
    size_t max_depth;
    size_t max_nesting;
    size_t max_alias_events;
    size_t max_string_bytes;
    size_t max_input_bytes;
    size_t max_elements;
    const cf_allocator *allocator;
    unsigned int threads;
} cf_load_options;

#define CF_LOAD_OPTIONS_INIT                                                   \
    {                                                                          \
        CF_LOAD_OPTIONS_VERSION, CF_DEFAULT_MAX_DEPTH, CF_DEFAULT_MAX_NESTING, \
            CF_DEFAULT_MAX_ALIAS_EVENTS, CF_DEFAULT_MAX_STRING_BYTES,          \
            CF_DEFAULT_MAX_INPUT_BYTES, CF_DEFAULT_MAX_ELEMENTS, NULL, 1       \
    }

/* Fills *opts with CF_LOAD_OPTIONS_INIT. Does nothing when opts is NULL. */
CF_EXTERN void cf_load_options_init(cf_load_options *opts);

/* ------------------------------------------------------------------------ */
/* Frameworks                                                               */
/* ------------------------------------------------------------------------ */

typedef struct cf_framework cf_framework;
typedef struct cf_element cf_element;
typedef struct cf_scale cf_scale;
typedef struct cf_level cf_level;
typedef struct cf_extensions cf_extensions;

/* How an element's score derives from its children's (DESIGN section 4). */
typedef enum cf_rollup {
    CF_ROLLUP_MEAN = 0, /* weighted mean, the default */
    CF_ROLLUP_MIN = 1,
    CF_ROLLUP_MAX = 2
} cf_rollup;

/*
 * Loads a framework from the YAML file at path (format: docs/format.md).
 *
 * On success *out holds a new framework with one reference, released with
 * cf_framework_free. On failure *out is NULL, err (if given) says why and
 * where, and the return is CF_EIO (the file cannot be read), CF_ESYNTAX,
 * CF_EINVALID, CF_ELIMIT, CF_ENOMEM, or CF_EARG (out or path is NULL, or
 * opts has an unknown version). The path is the source name in errors.
 */
CF_EXTERN CF_WARN_UNUSED int cf_framework_load_file(cf_framework **out,
                                                    const char *path,
                                                    const cf_load_options *opts,
                                                    cf_error *err);

/*
 * Loads a framework from len bytes of YAML at data, which need not be
 * NUL-terminated and is not kept after the call. source_name names the
 * buffer in error messages (NULL gives "<buffer>"). Otherwise as
 * cf_framework_load_file, without CF_EIO.
 */
CF_EXTERN CF_WARN_UNUSED int
cf_framework_load_buffer(cf_framework **out, const char *data, size_t len,
                         const char *source_name, const cf_load_options *opts,
                         cf_error *err);

/*
 * Takes one more reference to fw and returns fw. Every reference is
 * released with cf_framework_free. NULL gives NULL.
 */
CF_EXTERN cf_framework *cf_framework_ref(cf_framework *fw);

/*
 * Releases one reference to fw; the last release frees the framework and
 * everything borrowed from it. Accepts NULL.
 */
CF_EXTERN void cf_framework_free(cf_framework *fw);

/* The framework's id (never NULL). */
CF_EXTERN const char *cf_framework_id(const cf_framework *fw);
/* The framework's title (never NULL). */
CF_EXTERN const char *cf_framework_title(const cf_framework *fw);
/* The optional metadata: NULL when the file does not give it. */
CF_EXTERN const char *cf_framework_version(const cf_framework *fw);
CF_EXTERN const char *cf_framework_publisher(const cf_framework *fw);
CF_EXTERN const char *cf_framework_language(const cf_framework *fw);
CF_EXTERN const char *cf_framework_description(const cf_framework *fw);
/* The name of the source the framework was loaded from (never NULL). */
CF_EXTERN const char *cf_framework_source(const cf_framework *fw);

/*
 * The kind names of the `hierarchy` key, one per depth: the name of depth
 * d is cf_framework_hierarchy_name(fw, d), or NULL past the list.
 */
CF_EXTERN size_t cf_framework_hierarchy_count(const cf_framework *fw);
CF_EXTERN const char *cf_framework_hierarchy_name(const cf_framework *fw,
                                                  size_t depth);

/* The `x-` keys of the framework mapping (never NULL). */
CF_EXTERN const cf_extensions *cf_framework_extensions(const cf_framework *fw);

/*
 * Elements, in pre-order (a parent before its children, siblings in file
 * order). index runs from 0 to cf_framework_element_count() - 1; an index
 * past the end gives NULL.
 */
CF_EXTERN size_t cf_framework_element_count(const cf_framework *fw);
CF_EXTERN const cf_element *cf_framework_element(const cf_framework *fw,
                                                 size_t index);

/* The element with this id, in O(1); NULL when there is none. */
CF_EXTERN const cf_element *cf_framework_find(const cf_framework *fw,
                                              const char *id);

/* The top-level elements, in file order; NULL past the end. */
CF_EXTERN size_t cf_framework_root_count(const cf_framework *fw);
CF_EXTERN const cf_element *cf_framework_root(const cf_framework *fw,
                                              size_t index);

/* Scales in file order; NULL past the end or for an unknown id. */
CF_EXTERN size_t cf_framework_scale_count(const cf_framework *fw);
CF_EXTERN const cf_scale *cf_framework_scale(const cf_framework *fw,
                                             size_t index);
CF_EXTERN const cf_scale *cf_framework_find_scale(const cf_framework *fw,
                                                  const char *id);
/* The scale of elements that name none (never NULL). */
CF_EXTERN const cf_scale *cf_framework_default_scale(const cf_framework *fw);

/* ------------------------------------------------------------------------ */
/* Elements                                                                 */
/* ------------------------------------------------------------------------ */

/* The framework the element belongs to. */
CF_EXTERN const cf_framework *cf_element_framework(const cf_element *el);
/* Its position in pre-order, as given to cf_framework_element. */
CF_EXTERN size_t cf_element_index(const cf_element *el);
/* Its id and title (never NULL); description NULL when absent. */
CF_EXTERN const char *cf_element_id(const cf_element *el);
CF_EXTERN const char *cf_element_title(const cf_element *el);
CF_EXTERN const char *cf_element_description(const cf_element *el);
/*
 * Its kind: the element's own `kind` key if given, else the hierarchy name
 * of its depth, else NULL.
 */
CF_EXTERN const char *cf_element_kind(const cf_element *el);
/* Its parent, NULL for a top-level element. */
CF_EXTERN const cf_element *cf_element_parent(const cf_element *el);
/* Its children in file order; NULL past the end. */
CF_EXTERN size_t cf_element_child_count(const cf_element *el);
CF_EXTERN const cf_element *cf_element_child(const cf_element *el,
                                             size_t index);
/* 0 for a top-level element, parent's depth + 1 otherwise. */
CF_EXTERN size_t cf_element_depth(const cf_element *el);
/*
 * One past the pre-order index of its last descendant: the subtree of el
 * is the elements with index in [cf_element_index(el), subtree_end).
 */
CF_EXTERN size_t cf_element_subtree_end(const cf_element *el);
/* Its weight (> 0, finite; 1 unless the file says otherwise). */
CF_EXTERN double cf_element_weight(const cf_element *el);
/* Its rollup rule (CF_ROLLUP_MEAN unless the file says otherwise). */
CF_EXTERN cf_rollup cf_element_rollup(const cf_element *el);
/*
 * Its effective scale: its own `scale`, else its nearest ancestor's, else
 * the framework's default scale. Never NULL.
 */
CF_EXTERN const cf_scale *cf_element_scale(const cf_element *el);
/* The `x-` keys of the element (never NULL). */
CF_EXTERN const cf_extensions *cf_element_extensions(const cf_element *el);

/*
 * The level value that label names on el's effective scale, into *out.
 * CF_EARG for NULL arguments; CF_EINVALID when the scale has no such label
 * (the message lists its levels, as when loading). For callers that take
 * labels from people: bindings, questionnaires.
 */
CF_EXTERN int cf_element_level_by_label(double *out, const cf_element *el,
                                        const char *label, cf_error *err);

/*
 * Relations between elements of one framework (the YAML keys of the same
 * names, CASE association types): related, exact_match, precedes and
 * replaced_by.
 */
typedef enum cf_relation {
    CF_RELATION_RELATED = 0,     /* isRelatedTo */
    CF_RELATION_EXACT_MATCH = 1, /* exactMatchOf */
    CF_RELATION_PRECEDES = 2,    /* precedes */
    CF_RELATION_REPLACED_BY = 3  /* replacedBy */
} cf_relation;
#define CF_RELATION_COUNT 4

/* "related", "exact_match", "precedes", "replaced_by"; NULL otherwise. */
CF_EXTERN const char *cf_relation_name(cf_relation relation);
/* The elements el names under relation, in file order; NULL past the end
 * (or for an unknown relation). */
CF_EXTERN size_t cf_element_relation_count(const cf_element *el,
                                           cf_relation relation);
CF_EXTERN const cf_element *
cf_element_relation(const cf_element *el, cf_relation relation, size_t index);

/* "mean", "min" or "max"; NULL for a value outside cf_rollup. */
CF_EXTERN const char *cf_rollup_name(cf_rollup rollup);

/* ------------------------------------------------------------------------ */
/* Scales and levels                                                        */
/* ------------------------------------------------------------------------ */

/* Its id and title (never NULL; the title is the id when not given). */
CF_EXTERN const char *cf_scale_id(const cf_scale *scale);
CF_EXTERN const char *cf_scale_title(const cf_scale *scale);
/* NULL when absent. */
CF_EXTERN const char *cf_scale_description(const cf_scale *scale);
/* Its index among cf_framework_scale. */
CF_EXTERN size_t cf_scale_index(const cf_scale *scale);
/* Levels from lowest to highest value (at least one); NULL past the end. */
CF_EXTERN size_t cf_scale_level_count(const cf_scale *scale);
CF_EXTERN const cf_level *cf_scale_level(const cf_scale *scale, size_t index);
/* The level that counts as competent (never NULL). */
CF_EXTERN const cf_level *cf_scale_proficient(const cf_scale *scale);
/* The level with exactly this label or value; NULL when there is none. */
CF_EXTERN const cf_level *cf_scale_find_label(const cf_scale *scale,
                                              const char *label);
CF_EXTERN const cf_level *cf_scale_find_value(const cf_scale *scale,
                                              double value);
/* The `x-` keys of the scale mapping (never NULL). */
CF_EXTERN const cf_extensions *cf_scale_extensions(const cf_scale *scale);
/*
 * A value in level units as a share of the scale: (value - lo) / (hi - lo)
 * with lo and hi its lowest and highest level values, so the lowest level
 * is 0 and the highest 1 (DESIGN section 4). A one-level scale gives 1.
 * NaN stays NaN. cf_scale_denormalize is the inverse.
 */
CF_EXTERN double cf_scale_normalize(const cf_scale *scale, double value);
CF_EXTERN double cf_scale_denormalize(const cf_scale *scale, double share);

/* A level's value, label (never NULL) and description (NULL if absent). */
CF_EXTERN double cf_level_value(const cf_level *level);
CF_EXTERN const char *cf_level_label(const cf_level *level);
CF_EXTERN const char *cf_level_description(const cf_level *level);
/* Its index in its scale, lowest first. */
CF_EXTERN size_t cf_level_index(const cf_level *level);
/* The `x-` keys of the level mapping (never NULL). */
CF_EXTERN const cf_extensions *cf_level_extensions(const cf_level *level);

/* ------------------------------------------------------------------------ */
/* Extension metadata (`x-` keys)                                           */
/* ------------------------------------------------------------------------ */

/*
 * The `x-` keys of one mapping, in file order, keys including the "x-".
 * A scalar value is its text; a sequence or mapping value is rendered as
 * compact JSON (scalars in it as JSON strings), so no data is lost.
 * A NULL cf_extensions counts as empty.
 */
CF_EXTERN size_t cf_extensions_count(const cf_extensions *ext);
CF_EXTERN const char *cf_extensions_key(const cf_extensions *ext, size_t index);
CF_EXTERN const char *cf_extensions_value(const cf_extensions *ext,
                                          size_t index);
/* The value of key, NULL when absent. */
CF_EXTERN const char *cf_extensions_get(const cf_extensions *ext,
                                        const char *key);

/* ------------------------------------------------------------------------ */
/* Assessments                                                              */
/* ------------------------------------------------------------------------ */

/*
 * An assessment: the ratings of one subject (a person) by one rater at one
 * moment, against one framework, stored as a dense array indexed like the
 * framework's elements. Reference counted like frameworks: it holds a
 * reference to its framework, and reports hold one to it. A loaded or
 * finished assessment is safe to read from several threads; rating it is
 * not (rate from one thread, then share).
 */
typedef struct cf_assessment cf_assessment;

/* A set of assessments loaded from one file, in file order. */
typedef struct cf_assessment_list cf_assessment_list;

/* The format of an assessment file or buffer. */
typedef enum cf_format {
    CF_FORMAT_AUTO = 0, /* from the file name: .csv is CSV, else YAML */
    CF_FORMAT_YAML = 1,
    CF_FORMAT_CSV = 2
} cf_format;

/*
 * Makes an empty assessment of subject (required, non-empty) against fw,
 * with one reference, released with cf_assessment_free. Takes a reference
 * to fw. CF_EARG for NULL arguments or an empty subject, CF_ENOMEM.
 * Memory comes from opts->allocator (NULL opts or allocator: malloc).
 */
CF_EXTERN CF_WARN_UNUSED int
cf_assessment_new(cf_assessment **out, cf_framework *fw, const char *subject,
                  const cf_load_options *opts, cf_error *err);

/*
 * Optional metadata: who rated (rater), in which role ("self", "manager",
 * "peer", "report" or any word) and when (date, ISO 8601: YYYY-MM-DD).
 * Each copies its text; NULL clears it. CF_EINVALID for a date that is not
 * YYYY-MM-DD with a real month and day; CF_ENOMEM.
 */
CF_EXTERN int cf_assessment_set_rater(cf_assessment *a, const char *rater,
                                      cf_error *err);
CF_EXTERN int cf_assessment_set_role(cf_assessment *a, const char *role,
                                     cf_error *err);
CF_EXTERN int cf_assessment_set_date(cf_assessment *a, const char *date,
                                     cf_error *err);

/*
 * Rates the element with id element_id at level (a level value of the
 * element's effective scale), with an optional note (copied; NULL for
 * none). CF_EINVALID when the id is unknown (the message suggests a close
 * id), the level is not on the scale (the message lists its levels), or
 * the element is already rated; the assessment is then unchanged.
 */
CF_EXTERN int cf_assessment_rate(cf_assessment *a, const char *element_id,
                                 double level, const char *note, cf_error *err);
/* As cf_assessment_rate, with the level given by its label. */
CF_EXTERN int cf_assessment_rate_label(cf_assessment *a, const char *element_id,
                                       const char *label, const char *note,
                                       cf_error *err);
/*
 * Rates count elements at once: element_ids[i] at levels[i] (no notes).
 * All or nothing: on any error nothing is rated, and err's message names
 * the index of the failing pair. For bindings, which then cross into C
 * once per batch rather than once per rating.
 */
CF_EXTERN int cf_assessment_rate_many(cf_assessment *a,
                                      const char *const *element_ids,
                                      const double *levels, size_t count,
                                      cf_error *err);

/* Takes one more reference and returns a; NULL gives NULL. */
CF_EXTERN cf_assessment *cf_assessment_ref(cf_assessment *a);
/* Releases one reference; the last frees it. Accepts NULL. */
CF_EXTERN void cf_assessment_free(cf_assessment *a);

/* The framework (borrowed: lives as long as the assessment). */
CF_EXTERN const cf_framework *cf_assessment_framework(const cf_assessment *a);
/* The subject (never NULL); rater, role and date NULL when not given. */
CF_EXTERN const char *cf_assessment_subject(const cf_assessment *a);
CF_EXTERN const char *cf_assessment_rater(const cf_assessment *a);
CF_EXTERN const char *cf_assessment_role(const cf_assessment *a);
CF_EXTERN const char *cf_assessment_date(const cf_assessment *a);
/* How many elements are rated. */
CF_EXTERN size_t cf_assessment_rated_count(const cf_assessment *a);
/*
 * The rating of the element at index (as cf_framework_element): a level
 * value, or NaN when unrated or index is out of range. The note, NULL when
 * none.
 */
CF_EXTERN double cf_assessment_level(const cf_assessment *a, size_t index);
/*
 * All its levels at once: cf_framework_element_count doubles, indexed like
 * the elements, NaN where unrated (borrowed: valid until a is changed or
 * freed). One row of the matrix that cf_team_matrix_analyze takes.
 */
CF_EXTERN const double *cf_assessment_levels(const cf_assessment *a);
CF_EXTERN const char *cf_assessment_note(const cf_assessment *a, size_t index);
/*
 * Where the assessment was loaded from: the source name and the line where
 * its YAML document (or its first CSV row) starts; NULL and 0 for one made
 * with cf_assessment_new.
 */
CF_EXTERN const char *cf_assessment_source(const cf_assessment *a);
CF_EXTERN size_t cf_assessment_line(const cf_assessment *a);
/* The `x-` keys of a YAML assessment mapping (never NULL). */
CF_EXTERN const cf_extensions *cf_assessment_extensions(const cf_assessment *a);

/*
 * Loads every assessment in a file (format docs/format.md): YAML, one
 * assessment per document, or CSV with the header
 * subject,element,level[,rater,role,date,note] and one rating per row (the
 * rows of a subject with the same rater, role and date form one
 * assessment, in order of first appearance). Ids resolve against fw, which
 * every assessment holds a reference to. On failure nothing is returned
 * and err names the place: YAML line and column; CSV line and the field's
 * column. Errors: as cf_assessment_rate, plus a framework id other than
 * fw's, a missing subject, and malformed CSV (CF_ESYNTAX).
 */
CF_EXTERN CF_WARN_UNUSED int
cf_assessment_list_load_file(cf_assessment_list **out, cf_framework *fw,
                             const char *path, cf_format format,
                             const cf_load_options *opts, cf_error *err);
/* As cf_assessment_list_load_file from memory; CF_FORMAT_AUTO means YAML. */
CF_EXTERN CF_WARN_UNUSED int
cf_assessment_list_load_buffer(cf_assessment_list **out, cf_framework *fw,
                               const char *data, size_t len,
                               const char *source_name, cf_format format,
                               const cf_load_options *opts, cf_error *err);
/* How many assessments; the one at index (borrowed; NULL past the end). */
CF_EXTERN size_t cf_assessment_list_count(const cf_assessment_list *list);
CF_EXTERN cf_assessment *cf_assessment_list_get(const cf_assessment_list *list,
                                                size_t index);
/* Frees the list and releases its references. Accepts NULL. */
CF_EXTERN void cf_assessment_list_free(cf_assessment_list *list);

/* ------------------------------------------------------------------------ */
/* Scoring (DESIGN section 4)                                               */
/* ------------------------------------------------------------------------ */

/* What to do with an element that has no score when rolling up. */
typedef enum cf_missing {
    CF_MISSING_SKIP = 0, /* leave it out of its parent's rollup (default) */
    CF_MISSING_ZERO = 1 /* count it as the bottom of its scale (0 normalised) */
} cf_missing;

#define CF_SCORE_OPTIONS_VERSION 2

/*
 * Options for scoring and every analysis; NULL means the defaults. Version
 * 1 of the struct (without threads) is still accepted.
 */
typedef struct cf_score_options {
    unsigned int version; /* CF_SCORE_OPTIONS_VERSION */
    cf_missing missing;
    /*
     * How many threads the matrix functions (cf_scores_compute_matrix,
     * cf_team_matrix_analyze) may use: 1 (the default) runs on the calling
     * thread only; 0 means one per online processor. Results are the
     * same, to the bit, whatever the number; the allocator is called only
     * from the calling thread. Other functions ignore it.
     */
    unsigned int threads;
} cf_score_options;

#define CF_SCORE_OPTIONS_INIT                                                  \
    {                                                                          \
        CF_SCORE_OPTIONS_VERSION, CF_MISSING_SKIP, 1                           \
    }

/* Where an element's score comes from. */
typedef enum cf_source {
    CF_SOURCE_UNSCORED = 0, /* no rating in its subtree counts */
    CF_SOURCE_RATED = 1,    /* rated directly (overrides its children) */
    CF_SOURCE_DERIVED = 2   /* rolled up from its children */
} cf_source;

/* The scores of every element of one assessment. */
typedef struct cf_scores cf_scores;

/*
 * Scores every element of a in one backward pass: an element's score is
 * its rating if it has one, else the rollup (weighted mean, min or max) of
 * its scored children's normalised scores, else none. Children on other
 * scales combine through their normalised scores; the result is reported
 * in the element's own scale too. Coverage is the weight share of the
 * element's subtree that is scored (1 for a rated element). Holds a
 * reference to a. CF_EARG for NULL arguments or bad options; CF_ENOMEM.
 */
CF_EXTERN CF_WARN_UNUSED int cf_scores_compute(cf_scores **out,
                                               const cf_assessment *a,
                                               const cf_score_options *opts,
                                               cf_error *err);
/* Per element index (NaN, or CF_SOURCE_UNSCORED, past the end): */
CF_EXTERN double
cf_scores_value(const cf_scores *s,
                size_t index); /* level units, NaN if unscored */
CF_EXTERN double cf_scores_normalized(const cf_scores *s,
                                      size_t index); /* 0..1, NaN if unscored */
CF_EXTERN cf_source cf_scores_source(const cf_scores *s, size_t index);
CF_EXTERN double cf_scores_coverage(const cf_scores *s,
                                    size_t index); /* 0..1 */
/* The assessment scored (borrowed). */
CF_EXTERN const cf_assessment *cf_scores_assessment(const cf_scores *s);
/* Frees the scores. Accepts NULL. */
CF_EXTERN void cf_scores_free(cf_scores *s);
/* "unscored", "rated" or "derived"; NULL outside cf_source. */
CF_EXTERN const char *cf_source_name(cf_source source);

/* ------------------------------------------------------------------------ */
/* Profiles: what a role requires                                           */
/* ------------------------------------------------------------------------ */

typedef struct cf_profile cf_profile;

/*
 * Loads a profile (format docs/format.md) from a YAML file or buffer,
 * resolving element ids against fw (to which it holds a reference).
 * Errors with line and column: unknown element id (with a suggestion), a
 * level not on the element's scale, the framework id not fw's, a target
 * given twice, importance not a positive finite number, and the format's
 * usual ones. One document per file.
 */
CF_EXTERN CF_WARN_UNUSED int
cf_profile_load_file(cf_profile **out, cf_framework *fw, const char *path,
                     const cf_load_options *opts, cf_error *err);
CF_EXTERN CF_WARN_UNUSED int
cf_profile_load_buffer(cf_profile **out, cf_framework *fw, const char *data,
                       size_t len, const char *source_name,
                       const cf_load_options *opts, cf_error *err);
/*
 * An empty profile with an id and an optional title (copied), holding a
 * reference to fw. CF_EARG for NULL out, fw or id; CF_EINVALID for an id
 * that is not a valid id; CF_ENOMEM.
 */
CF_EXTERN CF_WARN_UNUSED int cf_profile_new(cf_profile **out, cf_framework *fw,
                                            const char *id, const char *title,
                                            const cf_load_options *opts,
                                            cf_error *err);
/*
 * Adds a target: the element with element_id must reach level (a level
 * value of its scale), with importance > 0 (1 is usual) and critical
 * (non-zero: an unmet target makes the person not ready). Errors as when
 * loading; the profile is then unchanged.
 */
CF_EXTERN int cf_profile_add_target(cf_profile *p, const char *element_id,
                                    double level, double importance,
                                    int critical, cf_error *err);
/* Takes one more reference; releases one (the last frees; accepts NULL). */
CF_EXTERN cf_profile *cf_profile_ref(cf_profile *p);
CF_EXTERN void cf_profile_free(cf_profile *p);
CF_EXTERN const cf_framework *cf_profile_framework(const cf_profile *p);
/* Its id (never NULL), title and description (NULL when absent). */
CF_EXTERN const char *cf_profile_id(const cf_profile *p);
CF_EXTERN const char *cf_profile_title(const cf_profile *p);
CF_EXTERN const char *cf_profile_description(const cf_profile *p);
/* Targets in the order given; an index past the end gives NULL / 0. */
CF_EXTERN size_t cf_profile_target_count(const cf_profile *p);
CF_EXTERN const cf_element *cf_profile_target_element(const cf_profile *p,
                                                      size_t index);
CF_EXTERN double cf_profile_target_level(const cf_profile *p, size_t index);
CF_EXTERN double cf_profile_target_importance(const cf_profile *p,
                                              size_t index);
CF_EXTERN int cf_profile_target_critical(const cf_profile *p, size_t index);
CF_EXTERN const cf_extensions *cf_profile_extensions(const cf_profile *p);

/* ------------------------------------------------------------------------ */
/* Individual gap report                                                    */
/* ------------------------------------------------------------------------ */

typedef enum cf_status {
    CF_STATUS_MET = 0,       /* achieved >= required */
    CF_STATUS_UNMET = 1,     /* achieved < required */
    CF_STATUS_UNASSESSED = 2 /* the target element has no score */
} cf_status;

/* "met", "unmet" or "unassessed"; NULL outside cf_status. */
CF_EXTERN const char *cf_status_name(cf_status status);

typedef struct cf_gap_report cf_gap_report;

/*
 * Compares assessment a with profile p (same framework, else CF_EINVALID)
 * as DESIGN section 4 says. Per target: achieved A = score in level units
 * (and normalised), required L, gap = L - A (positive is a shortfall;
 * NaN when unassessed), status, importance, critical, and the inputs that
 * produced A. Fit = sum(I * min(A, L)) / sum(I * L) over targets in
 * normalised values, an unassessed target counting A = 0 (1 when every L
 * is 0). Ready when every critical target is met. Priorities: the targets
 * not met, by importance x normalised gap descending (an unassessed
 * target's gap is its normalised L), ties in framework order. Holds
 * references to a and p.
 */
CF_EXTERN CF_WARN_UNUSED int
cf_gap_analyze(cf_gap_report **out, const cf_assessment *a, const cf_profile *p,
               const cf_score_options *opts, cf_error *err);
/* Frees the report and releases its references. Accepts NULL. */
CF_EXTERN void cf_gap_report_free(cf_gap_report *r);

/* The assessment and the profile compared (borrowed: they live as long as
 * the report, which holds references to them). */
CF_EXTERN const cf_assessment *cf_gap_report_assessment(const cf_gap_report *r);
CF_EXTERN const cf_profile *cf_gap_report_profile(const cf_gap_report *r);
/* The scores it was computed from (borrowed). */
CF_EXTERN const cf_scores *cf_gap_report_scores(const cf_gap_report *r);
/* Fit in [0, 1]; ready (1) when every critical target is met. */
CF_EXTERN double cf_gap_report_fit(const cf_gap_report *r);
CF_EXTERN int cf_gap_report_ready(const cf_gap_report *r);
/* Targets, in the profile's order (index t as cf_profile_target). */
CF_EXTERN size_t cf_gap_report_target_count(const cf_gap_report *r);
CF_EXTERN const cf_element *cf_gap_report_element(const cf_gap_report *r,
                                                  size_t t);
CF_EXTERN cf_status cf_gap_report_status(const cf_gap_report *r, size_t t);
CF_EXTERN double cf_gap_report_required(const cf_gap_report *r, size_t t);
CF_EXTERN double cf_gap_report_required_normalized(const cf_gap_report *r,
                                                   size_t t);
CF_EXTERN double cf_gap_report_achieved(const cf_gap_report *r, size_t t);
CF_EXTERN double cf_gap_report_achieved_normalized(const cf_gap_report *r,
                                                   size_t t);
CF_EXTERN double cf_gap_report_gap(const cf_gap_report *r, size_t t);
CF_EXTERN double cf_gap_report_gap_normalized(const cf_gap_report *r, size_t t);
CF_EXTERN double cf_gap_report_importance(const cf_gap_report *r, size_t t);
CF_EXTERN int cf_gap_report_critical(const cf_gap_report *r, size_t t);
/*
 * Why target t achieved what it did, for a person to read, e.g.
 * "CR.1 = 2.5, the weighted mean of CR.1.1 rated 3 (weight 1), CR.1.2
 * rated 2 (weight 1); not rated: CR.1.3 (skipped)" or "CR.1.4: not rated".
 * Numbers in it have six significant digits; the wording may change, so
 * programs read the inputs below instead. NULL past the end.
 */
CF_EXTERN const char *cf_gap_report_explanation(const cf_gap_report *r,
                                                size_t t);
/*
 * The same explanation as data: the inputs of target t's score. A rated
 * target has one input, itself (share 1). A derived one has one per child:
 * its score in level units (NaN when unscored), its weight, and its share
 * of the result (w / sum of the scored children's w for a mean; 1 for the
 * child a min or max picked; 0 for the others and for unscored children).
 */
CF_EXTERN size_t cf_gap_report_input_count(const cf_gap_report *r, size_t t);
CF_EXTERN const cf_element *cf_gap_report_input(const cf_gap_report *r,
                                                size_t t, size_t k,
                                                double *score, double *weight,
                                                double *share);
/*
 * The targets not met, most important first: the k-th priority's target
 * index, SIZE_MAX past the end. Past the end, the per-target accessors
 * above give NaN, NULL, 0 or CF_STATUS_UNASSESSED.
 */
CF_EXTERN size_t cf_gap_report_priority_count(const cf_gap_report *r);
CF_EXTERN size_t cf_gap_report_priority(const cf_gap_report *r, size_t k);

/* ------------------------------------------------------------------------ */
/* Team report                                                              */
/* ------------------------------------------------------------------------ */

typedef struct cf_team_report cf_team_report;

/*
 * Analyses count assessments (one per person: the subjects must differ,
 * else CF_EINVALID naming both) against p. Per target: how many were
 * assessed, mean, min and max achieved (level units, NaN when nobody was),
 * how many meet it (bench strength); a target met by at most one person is
 * a single point of failure. Per person: fit, unmet targets, ready.
 * Ranking: by fit descending, ties by subject id (strcmp order).
 */
CF_EXTERN CF_WARN_UNUSED int
cf_team_analyze(cf_team_report **out, const cf_assessment *const *assessments,
                size_t count, const cf_profile *p, const cf_score_options *opts,
                cf_error *err);
CF_EXTERN void cf_team_report_free(cf_team_report *r);
CF_EXTERN const cf_profile *cf_team_report_profile(const cf_team_report *r);
/* Targets, in the profile's order. */
CF_EXTERN size_t cf_team_report_target_count(const cf_team_report *r);
CF_EXTERN const cf_element *cf_team_report_element(const cf_team_report *r,
                                                   size_t t);
CF_EXTERN size_t cf_team_report_assessed(const cf_team_report *r, size_t t);
CF_EXTERN double cf_team_report_mean(const cf_team_report *r, size_t t);
CF_EXTERN double cf_team_report_min(const cf_team_report *r, size_t t);
CF_EXTERN double cf_team_report_max(const cf_team_report *r, size_t t);
CF_EXTERN size_t cf_team_report_meeting(const cf_team_report *r, size_t t);
CF_EXTERN int cf_team_report_single_point(const cf_team_report *r, size_t t);
/* People, in the order given; the gap report of each (borrowed). */
CF_EXTERN size_t cf_team_report_person_count(const cf_team_report *r);
CF_EXTERN const cf_gap_report *cf_team_report_person(const cf_team_report *r,
                                                     size_t i);
/* The k-th best candidate: an index among the people; SIZE_MAX past the
 * end. */
CF_EXTERN size_t cf_team_report_rank(const cf_team_report *r, size_t k);

/* ------------------------------------------------------------------------ */
/* Dense team analysis: many people at once                                 */
/* ------------------------------------------------------------------------ */

/*
 * For organisation-scale work the ratings of a team can be given as one
 * dense matrix of doubles, people x elements, row-major: row i holds
 * person i's levels, column e the element at index e of the framework (as
 * cf_framework_element), NaN where unrated (cf_assessment_levels gives one
 * assessment's row). A non-NaN value on an element with children overrides
 * its rollup, as a direct rating does.
 */

/*
 * Scores people rows of levels at once into normalized (people x
 * element_count doubles, row-major, caller-allocated; NaN where unscored):
 * the numbers cf_scores_normalized gives for each row. opts->threads
 * threads may share the rows. Errors: CF_EARG for NULL pointers (levels
 * and normalized may be NULL when people is 0) or bad options;
 * CF_EINVALID for a level that is not finite or lies outside its
 * element's scale (err names the row and the element id), normalized then
 * holding no defined values.
 */
CF_EXTERN CF_WARN_UNUSED int
cf_scores_compute_matrix(double *normalized, const cf_framework *fw,
                         const double *levels, size_t people,
                         const cf_score_options *opts, cf_error *err);

/* A team analysed from a matrix of levels. */
typedef struct cf_team_matrix cf_team_matrix;

/*
 * Analyses people rows of levels against p: per person the fit, readiness
 * and each target's achieved level and status; per target how many were
 * assessed, mean, min and max achieved, and how many meet it; a ranking.
 * The numbers are those cf_team_analyze gives for assessments with the
 * same ratings (people are rows here, so ties in the ranking go by row
 * index), without per-person reports or explanations. levels is read
 * during the call only. The report holds a reference to p. Uses up to
 * opts->threads threads. Errors: CF_EARG for NULL pointers, people == 0
 * or bad options; CF_EINVALID as cf_scores_compute_matrix; CF_ENOMEM
 * (also when people x targets doubles would not fit in a size_t).
 */
CF_EXTERN CF_WARN_UNUSED int
cf_team_matrix_analyze(cf_team_matrix **out, const cf_profile *p,
                       const double *levels, size_t people,
                       const cf_score_options *opts, cf_error *err);
/* Frees the report and releases its reference. Accepts NULL. */
CF_EXTERN void cf_team_matrix_free(cf_team_matrix *m);
/* The profile (borrowed), the number of people and of targets. */
CF_EXTERN const cf_profile *cf_team_matrix_profile(const cf_team_matrix *m);
CF_EXTERN size_t cf_team_matrix_person_count(const cf_team_matrix *m);
CF_EXTERN size_t cf_team_matrix_target_count(const cf_team_matrix *m);
/* Person i's fit (NaN past the end) and readiness (0 past the end). */
CF_EXTERN double cf_team_matrix_fit(const cf_team_matrix *m, size_t i);
CF_EXTERN int cf_team_matrix_ready(const cf_team_matrix *m, size_t i);
/*
 * Person i's achieved level on target t (level units; NaN when unassessed
 * or past the end) and status (CF_STATUS_UNASSESSED past the end).
 */
CF_EXTERN double cf_team_matrix_achieved(const cf_team_matrix *m, size_t i,
                                         size_t t);
CF_EXTERN cf_status cf_team_matrix_status(const cf_team_matrix *m, size_t i,
                                          size_t t);
/* Per target t, as the cf_team_report functions of the same names. */
CF_EXTERN size_t cf_team_matrix_assessed(const cf_team_matrix *m, size_t t);
CF_EXTERN double cf_team_matrix_mean(const cf_team_matrix *m, size_t t);
CF_EXTERN double cf_team_matrix_min(const cf_team_matrix *m, size_t t);
CF_EXTERN double cf_team_matrix_max(const cf_team_matrix *m, size_t t);
CF_EXTERN size_t cf_team_matrix_meeting(const cf_team_matrix *m, size_t t);
CF_EXTERN int cf_team_matrix_single_point(const cf_team_matrix *m, size_t t);
/* The k-th best person (fit descending, then row); SIZE_MAX past the end. */
CF_EXTERN size_t cf_team_matrix_rank(const cf_team_matrix *m, size_t k);
/*
 * The whole arrays, borrowed (they live as long as m), for bindings and
 * bulk copies: fits (person_count doubles) and achieved (person_count x
 * target_count doubles, row-major).
 */
CF_EXTERN const double *cf_team_matrix_fits(const cf_team_matrix *m);
CF_EXTERN const double *cf_team_matrix_achieved_all(const cf_team_matrix *m);

/* ------------------------------------------------------------------------ */
/* Multi-rater (360) consolidation                                          */
/* ------------------------------------------------------------------------ */

typedef enum cf_flag {
    CF_FLAG_NONE = 0,
    CF_FLAG_BLIND_SPOT = 1,     /* self exceeds others by >= threshold */
    CF_FLAG_HIDDEN_STRENGTH = 2 /* others exceed self by >= threshold */
} cf_flag;

/* "none", "blind_spot" or "hidden_strength"; NULL outside cf_flag. */
CF_EXTERN const char *cf_flag_name(cf_flag flag);

/* A role and its weight in a consolidation. */
typedef struct cf_role_weight {
    const char *role;
    double weight; /* > 0 */
} cf_role_weight;

#define CF_CONSOLIDATE_OPTIONS_VERSION 1

/*
 * role_weights: role_weight_count pairs (a role not listed, or a rating
 * with no role, weighs 1). threshold: the level difference that flags a
 * blind spot or hidden strength (0 means the default, 1 level). The self
 * rating is the one whose role is "self".
 */
typedef struct cf_consolidate_options {
    unsigned int version;
    const cf_role_weight *role_weights;
    size_t role_weight_count;
    double threshold;
} cf_consolidate_options;

#define CF_CONSOLIDATE_OPTIONS_INIT                                            \
    {                                                                          \
        CF_CONSOLIDATE_OPTIONS_VERSION, NULL, 0, 1.0                           \
    }

typedef struct cf_consolidation cf_consolidation;

/*
 * Consolidates count assessments of one subject (same framework and
 * subject, else CF_EINVALID) into one assessment whose level for each
 * element is the role-weighted mean of the raters who rated it (not
 * necessarily a level of the scale). Per element: raters, spread (max -
 * min), self, others (weighted mean of the non-self raters), self minus
 * others, and the flag.
 */
CF_EXTERN CF_WARN_UNUSED int
cf_consolidate(cf_consolidation **out, const cf_assessment *const *assessments,
               size_t count, const cf_consolidate_options *opts, cf_error *err);
CF_EXTERN void cf_consolidation_free(cf_consolidation *c);
/* The consolidated assessment (borrowed; cf_assessment_ref to keep it). */
CF_EXTERN cf_assessment *cf_consolidation_assessment(const cf_consolidation *c);
/* Per element index: */
CF_EXTERN size_t cf_consolidation_raters(const cf_consolidation *c,
                                         size_t index);
CF_EXTERN double cf_consolidation_spread(const cf_consolidation *c,
                                         size_t index);
CF_EXTERN double cf_consolidation_self(const cf_consolidation *c,
                                       size_t index); /* NaN if none */
CF_EXTERN double cf_consolidation_others(const cf_consolidation *c,
                                         size_t index); /* NaN if none */
CF_EXTERN double cf_consolidation_self_minus_others(const cf_consolidation *c,
                                                    size_t index);
CF_EXTERN cf_flag cf_consolidation_flag(const cf_consolidation *c,
                                        size_t index);
/*
 * The assessments consolidated, in the order given (borrowed; the
 * consolidation holds references), with each one's role weight in *weight
 * (may be NULL). NULL past the end.
 */
CF_EXTERN size_t cf_consolidation_input_count(const cf_consolidation *c);
CF_EXTERN const cf_assessment *
cf_consolidation_input(const cf_consolidation *c, size_t index, double *weight);

/* ------------------------------------------------------------------------ */
/* Progress                                                                 */
/* ------------------------------------------------------------------------ */

typedef enum cf_trend {
    CF_TREND_UNCHANGED = 0,
    CF_TREND_IMPROVED = 1,
    CF_TREND_DECLINED = 2,
    CF_TREND_UNSCORED = 3 /* unscored before or after: no change known */
} cf_trend;

/* "unchanged", "improved", "declined" or "unscored". */
CF_EXTERN const char *cf_trend_name(cf_trend trend);

typedef struct cf_progress_report cf_progress_report;

/*
 * Compares two assessments of one subject (same framework and subject,
 * else CF_EINVALID): per element the score before and after (level units)
 * and the change. With a profile (may be NULL), also the fit before and
 * after.
 */
CF_EXTERN CF_WARN_UNUSED int
cf_progress_analyze(cf_progress_report **out, const cf_assessment *before,
                    const cf_assessment *after, const cf_profile *p,
                    const cf_score_options *opts, cf_error *err);
CF_EXTERN void cf_progress_report_free(cf_progress_report *r);
CF_EXTERN double cf_progress_report_before(const cf_progress_report *r,
                                           size_t index);
CF_EXTERN double cf_progress_report_after(const cf_progress_report *r,
                                          size_t index);
CF_EXTERN double cf_progress_report_change(const cf_progress_report *r,
                                           size_t index);
CF_EXTERN cf_trend cf_progress_report_trend(const cf_progress_report *r,
                                            size_t index);
/* The two assessments and the profile (NULL when none), borrowed. */
CF_EXTERN const cf_assessment *
cf_progress_report_before_assessment(const cf_progress_report *r);
CF_EXTERN const cf_assessment *
cf_progress_report_after_assessment(const cf_progress_report *r);
CF_EXTERN const cf_profile *
cf_progress_report_profile(const cf_progress_report *r);
/* NaN without a profile. */
CF_EXTERN double cf_progress_report_fit_before(const cf_progress_report *r);
CF_EXTERN double cf_progress_report_fit_after(const cf_progress_report *r);

/* ------------------------------------------------------------------------ */
/* JSON                                                                     */
/* ------------------------------------------------------------------------ */

/*
 * Each report as JSON, in the shape docs/reports.md documents: keys in a
 * stable order, numbers written so they read back to the same double
 * (NaN as null). flags: 0 for compact text, CF_JSON_PRETTY for indented.
 * On success *out is a NUL-terminated string from malloc, released with
 * cf_string_free. CF_EARG for NULL arguments or unknown flags, CF_EINVALID
 * when a text field is not valid UTF-8 (set by the caller), CF_ENOMEM.
 */
#define CF_JSON_PRETTY 1
CF_EXTERN CF_WARN_UNUSED int cf_scores_to_json(const cf_scores *s, int flags,
                                               char **out, cf_error *err);
CF_EXTERN CF_WARN_UNUSED int cf_gap_report_to_json(const cf_gap_report *r,
                                                   int flags, char **out,
                                                   cf_error *err);
CF_EXTERN CF_WARN_UNUSED int cf_team_report_to_json(const cf_team_report *r,
                                                    int flags, char **out,
                                                    cf_error *err);
CF_EXTERN CF_WARN_UNUSED int cf_consolidation_to_json(const cf_consolidation *c,
                                                      int flags, char **out,
                                                      cf_error *err);
CF_EXTERN CF_WARN_UNUSED int
cf_progress_report_to_json(const cf_progress_report *r, int flags, char **out,
                           cf_error *err);
/* Frees a string the library returned. Accepts NULL. */
CF_EXTERN void cf_string_free(char *s);

/* ------------------------------------------------------------------------ */
/* Rendering reports for people: text, JSON, CSV, Markdown, HTML            */
/* ------------------------------------------------------------------------ */

/* The formats a report renders to (docs/reports.md shows each). */
typedef enum cf_report_format {
    CF_REPORT_TEXT = 0,     /* aligned tables for a terminal */
    CF_REPORT_JSON = 1,     /* the documented JSON shapes */
    CF_REPORT_CSV = 2,      /* RFC 4180, one header row, for spreadsheets */
    CF_REPORT_MARKDOWN = 3, /* tables for a wiki or an issue */
    CF_REPORT_HTML = 4      /* one self-contained page with SVG charts */
} cf_report_format;

/*
 * The format called name ("text", "json", "csv", "markdown", "html") into
 * *out. CF_EARG for an unknown name (the message suggests a close one).
 */
CF_EXTERN int cf_report_format_parse(cf_report_format *out, const char *name,
                                     cf_error *err);
/* The name of a format; NULL outside cf_report_format. */
CF_EXTERN const char *cf_report_format_name(cf_report_format format);

#define CF_RENDER_OPTIONS_VERSION 1

/*
 * How to render; NULL options mean CF_RENDER_OPTIONS_INIT. width: the
 * columns text output must fit, counted in characters (0 means 80; fewer
 * than 20 is CF_EARG). color: non-zero to colour text output with ANSI
 * escapes (callers decide: the CLI does so only on a terminal and never
 * when NO_COLOR is set). json_flags: CF_JSON_PRETTY or 0, for JSON.
 */
typedef struct cf_render_options {
    unsigned int version;
    cf_report_format format;
    unsigned int width;
    int color;
    int json_flags;
} cf_render_options;

#define CF_RENDER_OPTIONS_INIT                                                 \
    {                                                                          \
        CF_RENDER_OPTIONS_VERSION, CF_REPORT_TEXT, 80, 0, CF_JSON_PRETTY       \
    }

/*
 * Renders reports into *out, a NUL-terminated string from malloc released
 * with cf_string_free; every format ends with a line feed. The functions
 * that take several reports (one per subject) render them into one
 * document: consecutive sections in text and Markdown, rows of one table in
 * CSV (CRLF line ends, a header row, empty fields for missing numbers), one
 * page in HTML, and in JSON an array of the objects cf_..._to_json writes
 * (an array even for one report); the others render one object. Working
 * memory comes from the (first) report's allocator. Control characters in
 * text from files are shown as spaces in text and Markdown. count
 * must be at least 1. Errors: CF_EARG (NULL reports or out, count 0, bad
 * options), CF_EINVALID (text that is not valid UTF-8), CF_ENOMEM.
 */
CF_EXTERN CF_WARN_UNUSED int cf_scores_render(const cf_scores *const *scores,
                                              size_t count,
                                              const cf_render_options *opts,
                                              char **out, cf_error *err);
CF_EXTERN CF_WARN_UNUSED int
cf_gap_report_render(const cf_gap_report *const *reports, size_t count,
                     const cf_render_options *opts, char **out, cf_error *err);
CF_EXTERN CF_WARN_UNUSED int
cf_team_report_render(const cf_team_report *r, const cf_render_options *opts,
                      char **out, cf_error *err);
CF_EXTERN CF_WARN_UNUSED int
cf_consolidation_render(const cf_consolidation *c,
                        const cf_render_options *opts, char **out,
                        cf_error *err);
CF_EXTERN CF_WARN_UNUSED int
cf_progress_report_render(const cf_progress_report *r,
                          const cf_render_options *opts, char **out,
                          cf_error *err);

/* ------------------------------------------------------------------------ */
/* Interoperability: CASE JSON, Moodle CSV, YAML out                        */
/* ------------------------------------------------------------------------ */

/*
 * Loads a framework from a 1EdTech CASE 1.0 or 1.1 package (CFPackage
 * JSON, bare or wrapped as {"CFPackage": {...}}); docs/interop.md gives
 * the mapping. Errors as cf_framework_load_file, with line and column of
 * the JSON where jansson gives them: a missing CFDocument, an association
 * to an unknown item, a cycle in isChildOf, an item with no parent, ...
 */
CF_EXTERN CF_WARN_UNUSED int
cf_framework_load_case_file(cf_framework **out, const char *path,
                            const cf_load_options *opts, cf_error *err);
CF_EXTERN CF_WARN_UNUSED int
cf_framework_load_case_buffer(cf_framework **out, const char *data, size_t len,
                              const char *source_name,
                              const cf_load_options *opts, cf_error *err);
/*
 * Writes fw as a CASE CFPackage (valid against the CASE 1.0 JSON Schema)
 * into *out (malloc; cf_string_free), with identifiers that are UUIDv5 of
 * the framework and element ids, the same on every run. flags:
 * CF_JSON_PRETTY or 0. CF_EARG, CF_ENOMEM.
 */
CF_EXTERN CF_WARN_UNUSED int cf_framework_to_case(const cf_framework *fw,
                                                  int flags, char **out,
                                                  cf_error *err);

/*
 * Loads a framework from Moodle's "Import competency framework" CSV (the
 * framework row first, then one row per competency, positional columns);
 * errors name the line and the field's column.
 */
CF_EXTERN CF_WARN_UNUSED int
cf_framework_load_moodle_file(cf_framework **out, const char *path,
                              const cf_load_options *opts, cf_error *err);
CF_EXTERN CF_WARN_UNUSED int
cf_framework_load_moodle_buffer(cf_framework **out, const char *data,
                                size_t len, const char *source_name,
                                const cf_load_options *opts, cf_error *err);
/* Writes fw as Moodle's competency framework CSV (malloc; cf_string_free). */
CF_EXTERN CF_WARN_UNUSED int cf_framework_to_moodle(const cf_framework *fw,
                                                    char **out, cf_error *err);

/*
 * Writes fw in the YAML format of docs/format.md through libyaml's emitter
 * (malloc; cf_string_free); loading the text gives the same model.
 */
CF_EXTERN CF_WARN_UNUSED int cf_framework_to_yaml(const cf_framework *fw,
                                                  char **out, cf_error *err);

/*
 * Writes count assessments (count >= 1) as YAML documents in the format of
 * docs/format.md, separated by "---", into *out (malloc; cf_string_free):
 * framework id, subject, rater, role, date, the ratings as level values (a
 * mapping with level and note where a rating has a note) and the x- keys.
 * Loading the text against the same framework gives the same assessments.
 * CF_EARG, CF_EINVALID (text that is not valid UTF-8), CF_ENOMEM.
 */
CF_EXTERN CF_WARN_UNUSED int
cf_assessments_to_yaml(const cf_assessment *const *items, size_t count,
                       char **out, cf_error *err);

/*
 * Writes p as a profile document in the format of docs/format.md, through
 * libyaml's emitter, into *out (malloc; cf_string_free): id, title,
 * description, framework id, the targets in order (a level value, or a
 * mapping with level, importance and critical where either is not its
 * default) and the x- keys. Loading the text against the same framework
 * gives the same profile. CF_EARG (NULL p or out), CF_EINVALID (a profile
 * with no targets, which the format does not allow, or text that is not
 * valid UTF-8), CF_ENOMEM.
 */
CF_EXTERN CF_WARN_UNUSED int cf_profile_to_yaml(const cf_profile *p, char **out,
                                                cf_error *err);

/* ------------------------------------------------------------------------ */
/* Framework versions: differences and migrating assessments                */
/* ------------------------------------------------------------------------ */

/* What changed between two versions of a framework. */
typedef enum cf_change {
    CF_CHANGE_ADDED = 0,      /* an element only the new version has */
    CF_CHANGE_REMOVED = 1,    /* an element only the old version has */
    CF_CHANGE_RETITLED = 2,   /* same id, another title */
    CF_CHANGE_MOVED = 3,      /* same id, another parent */
    CF_CHANGE_REWEIGHTED = 4, /* same id, another weight or rollup */
    CF_CHANGE_RESCALED = 5,   /* same id, another effective scale */
    CF_CHANGE_SCALE = 6       /* a scale added, removed or with other levels */
} cf_change;

/* "added", "removed", "retitled", "moved", "reweighted", "rescaled",
 * "scale"; NULL otherwise. */
CF_EXTERN const char *cf_change_name(cf_change change);

typedef struct cf_diff cf_diff;

/*
 * Compares two versions of a framework, matching elements and scales by
 * id. The changes come in the new version's order (removed ones in the old
 * version's order, after), one per element and kind of change. Holds
 * references to both frameworks. CF_EARG, CF_ENOMEM.
 */
CF_EXTERN CF_WARN_UNUSED int cf_framework_diff(cf_diff **out,
                                               const cf_framework *old_fw,
                                               const cf_framework *new_fw,
                                               cf_error *err);
CF_EXTERN void cf_diff_free(cf_diff *d);
CF_EXTERN size_t cf_diff_count(const cf_diff *d);
/* The i-th change: its kind, the element (or scale) id, and the value
 * before and after as text (title, parent id, "weight 2, mean", scale id or
 * level list; NULL where the element or scale did not exist). */
CF_EXTERN cf_change cf_diff_change(const cf_diff *d, size_t i);
CF_EXTERN const char *cf_diff_id(const cf_diff *d, size_t i);
CF_EXTERN const char *cf_diff_before(const cf_diff *d, size_t i);
CF_EXTERN const char *cf_diff_after(const cf_diff *d, size_t i);
/* As JSON ({"old": ..., "new": ..., "changes": [...]}); cf_string_free. */
CF_EXTERN CF_WARN_UNUSED int cf_diff_to_json(const cf_diff *d, int flags,
                                             char **out, cf_error *err);

typedef struct cf_migration cf_migration;

/*
 * Carries assessment a over to new_fw, another version of a's framework:
 * a rating moves to the element with the same id, or, where that element
 * is replaced_by others in new_fw, to the first of them; a rating whose
 * element is gone, whose level is not on the new element's scale, or whose
 * target is already rated, is dropped with a reason. The migrated
 * assessment keeps subject, rater, role, date and notes.
 */
CF_EXTERN CF_WARN_UNUSED int cf_assessment_migrate(cf_migration **out,
                                                   const cf_assessment *a,
                                                   cf_framework *new_fw,
                                                   cf_error *err);
CF_EXTERN void cf_migration_free(cf_migration *m);
/* The migrated assessment (borrowed; cf_assessment_ref to keep it). */
CF_EXTERN cf_assessment *cf_migration_assessment(const cf_migration *m);
/* Ratings carried to another id (old id -> new id), and ratings dropped
 * (old id and why). NULL past the end. */
CF_EXTERN size_t cf_migration_moved_count(const cf_migration *m);
CF_EXTERN const char *cf_migration_moved_from(const cf_migration *m, size_t i);
CF_EXTERN const char *cf_migration_moved_to(const cf_migration *m, size_t i);
CF_EXTERN size_t cf_migration_dropped_count(const cf_migration *m);
CF_EXTERN const char *cf_migration_dropped_id(const cf_migration *m, size_t i);
CF_EXTERN const char *cf_migration_dropped_reason(const cf_migration *m,
                                                  size_t i);
CF_EXTERN CF_WARN_UNUSED int cf_migration_to_json(const cf_migration *m,
                                                  int flags, char **out,
                                                  cf_error *err);

#ifdef __cplusplus
}
#endif

#endif /* COMPETENCY_H */
