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

#define CF_LOAD_OPTIONS_VERSION 1

/*
 * Options for the loaders. Initialise with CF_LOAD_OPTIONS_INIT (or
 * cf_load_options_init) and change what you need; a limit of 0 means its
 * default. Passing NULL instead of options means all defaults. Loaders
 * return CF_EARG for an unknown version, a limit above its ceiling, or an
 * allocator with a NULL function.
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
} cf_load_options;

#define CF_LOAD_OPTIONS_INIT                                                   \
    {                                                                          \
        CF_LOAD_OPTIONS_VERSION, CF_DEFAULT_MAX_DEPTH, CF_DEFAULT_MAX_NESTING, \
            CF_DEFAULT_MAX_ALIAS_EVENTS, CF_DEFAULT_MAX_STRING_BYTES,          \
            CF_DEFAULT_MAX_INPUT_BYTES, CF_DEFAULT_MAX_ELEMENTS, NULL          \
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

#ifdef __cplusplus
}
#endif

#endif /* COMPETENCY_H */
