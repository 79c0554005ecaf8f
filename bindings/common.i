/*
 * The interface shared by the Python and Lua bindings: included by
 * bindings/python/competency.i and bindings/lua/competency.i after their
 * %module line. Language-neutral except inside #if defined(SWIGPYTHON)
 * and #if defined(SWIGLUA) blocks.
 *
 * The scripting types are handles written in C (glue.h): each owns
 * references to what it points into, so scripts may drop objects in any
 * order. Every function or method that returns an object returns a new
 * one (%newobject): the script owns it and its destructor releases it.
 *
 * Order matters to SWIG: a typemap applies only to declarations after it,
 * and an %extend block takes the typemaps in force where its type is
 * declared. So every typemap comes first, then the types, then the
 * functions.
 *
 * What each language supplies in its block of the typemap section:
 *   - the argout typemap of cf_error *err: raise the error when
 *     $1->code != CF_OK (the in typemap below hides the argument);
 *   - an in typemap for (const char *data, size_t len): a string with its
 *     length;
 *   - an in typemap for the ratings of Assessment:rate_batch,
 *     (size_t count, const char *const *ids, const double *levels,
 *      const char *const *labels): element ids with a level value or a
 *     level label each (labels may be NULL when no rating has one);
 *   - an in typemap for a dense matrix of levels,
 *     (const double *matrix, size_t matrix_len): matrix_len doubles, NaN
 *     where unrated, valid until the call returns.
 */

%{
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "competency.h"
#include "glue.h"

/* The names the scripting languages see. */
typedef struct cf_framework Framework;
typedef cfb_element Element;
typedef cfb_scale Scale;
typedef cfb_level Level;
typedef struct cf_assessment Assessment;
typedef cfb_assessments AssessmentSet;
typedef struct cf_profile Profile;
typedef struct cf_scores Scores;
typedef cfb_gap_report GapReport;
typedef cfb_team_report TeamReport;
typedef cfb_consolidate_options ConsolidateOptions;
typedef struct cf_consolidation Consolidation;
typedef struct cf_progress_report ProgressReport;
typedef struct cf_team_matrix TeamMatrix;
%}

/* ------------------------------------------------------------------------ */
/* Typemaps (before every declaration they apply to)                        */
/* ------------------------------------------------------------------------ */

/* cf_error *err: hidden from scripts; a failure raises (per language). */
%typemap(in, numinputs=0) cf_error *err (cf_error temp) {
    memset(&temp, 0, sizeof temp);
    $1 = &temp;
}

/* Strings the library returns from malloc. */
%typemap(newfree) char * "cf_string_free($1);";

#if defined(SWIGPYTHON)
%{
/* competency.Error, registered by the package's __init__.py. */
static PyObject *cfb_error_class = NULL;

/* Text from the library as a str; never fails on bad UTF-8. */
static PyObject *cfb_python_text(const char *s)
{
    return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "replace");
}

/* Raises competency.Error (MemoryError for CF_ENOMEM) from e. */
static void cfb_python_raise(const cf_error *e)
{
    if (e->code == CF_ENOMEM) {
        PyErr_NoMemory();
        return;
    }
    const char *text = e->message[0] ? e->message : cf_strerror(e->code);
    if (!cfb_error_class) {
        PyErr_SetString(PyExc_ValueError, text);
        return;
    }
    PyObject *message = cfb_python_text(text);
    PyObject *source = cfb_python_text(e->source);
    PyObject *args = NULL, *kwargs = NULL, *exc = NULL;
    if (message && source) {
        args = PyTuple_Pack(1, message);
        kwargs = Py_BuildValue("{s:s,s:O,s:n,s:n,s:n}",
                               "code", cfb_code_name(e->code),
                               "source", source,
                               "line", (Py_ssize_t)e->line,
                               "column", (Py_ssize_t)e->column,
                               "offset", (Py_ssize_t)e->offset);
    }
    if (args && kwargs)
        exc = PyObject_Call(cfb_error_class, args, kwargs);
    if (exc) {
        PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
        Py_DECREF(exc);
    }
    Py_XDECREF(kwargs);
    Py_XDECREF(args);
    Py_XDECREF(source);
    Py_XDECREF(message);
}
%}

%typemap(argout) cf_error *err {
    if ($1->code != CF_OK) {
        Py_XDECREF($result);
        $result = NULL;
        cfb_python_raise($1);
        SWIG_fail;
    }
}

/* A str (as UTF-8) or bytes (as they are), with its length. */
%typemap(in) (const char *data, size_t len) (Py_ssize_t size = 0) {
    if (PyBytes_Check($input)) {
        char *bytes = NULL;
        if (PyBytes_AsStringAndSize($input, &bytes, &size) < 0)
            SWIG_fail;
        $1 = bytes;
    } else if (PyUnicode_Check($input)) {
        $1 = PyUnicode_AsUTF8AndSize($input, &size);
        if (!$1)
            SWIG_fail;
    } else {
        PyErr_SetString(PyExc_TypeError, "expected str or bytes");
        SWIG_fail;
    }
    $2 = (size_t)size;
}

/*
 * Ratings: a sequence of (element id, level) pairs, the level a number
 * (a level value) or a str (a level label). The strings are borrowed from
 * the sequence, which is kept until the call returns.
 */
%typemap(in) (size_t count, const char *const *ids, const double *levels,
              const char *const *labels)
    (PyObject *seq = NULL, const char **ids = NULL, double *values = NULL,
     const char **labels = NULL) {
    seq = PySequence_Fast($input,
                          "ratings must be a sequence of (element id, level) "
                          "pairs");
    if (!seq)
        SWIG_fail;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    size_t slots = n > 0 ? (size_t)n : 1;
    ids = calloc(slots, sizeof *ids);
    values = calloc(slots, sizeof *values);
    labels = calloc(slots, sizeof *labels);
    if (!ids || !values || !labels) {
        PyErr_NoMemory();
        SWIG_fail;
    }
    int any_label = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *pair = PySequence_Fast_GET_ITEM(seq, i);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
            PyErr_SetString(PyExc_TypeError,
                            "each rating must be an (element id, level) "
                            "tuple");
            SWIG_fail;
        }
        PyObject *id = PyTuple_GET_ITEM(pair, 0);
        PyObject *level = PyTuple_GET_ITEM(pair, 1);
        if (!PyUnicode_Check(id)) {
            PyErr_Format(PyExc_TypeError,
                         "an element id must be a str, not %.100s",
                         Py_TYPE(id)->tp_name);
            SWIG_fail;
        }
        ids[i] = PyUnicode_AsUTF8(id);
        if (!ids[i])
            SWIG_fail;
        if (PyUnicode_Check(level)) {
            labels[i] = PyUnicode_AsUTF8(level);
            if (!labels[i])
                SWIG_fail;
            values[i] = NAN;
            any_label = 1;
        } else {
            values[i] = PyFloat_AsDouble(level);
            if (values[i] == -1.0 && PyErr_Occurred())
                SWIG_fail;
        }
    }
    $1 = (size_t)n;
    $2 = ids;
    $3 = values;
    $4 = any_label ? labels : NULL;
}
%typemap(freearg) (size_t count, const char *const *ids,
                   const double *levels, const char *const *labels) {
    free((void *)ids$argnum);
    free(values$argnum);
    free((void *)labels$argnum);
    Py_XDECREF(seq$argnum);
}
/*
 * A dense matrix of levels: any object with the buffer protocol holding
 * C-contiguous native float64 (a numpy array, array.array('d'), a
 * memoryview of either). The buffer is held, never copied, until the call
 * returns, and released whatever happens.
 */
%{
/* Whether a buffer's struct format is one native double. */
static int cfb_python_double_format(const char *format)
{
    static const union {
        unsigned short word;
        unsigned char first;
    } probe = {1};
    if (!format)
        return 0; /* unsigned bytes */
    if (format[0] == '@' || format[0] == '=')
        format++;
    else if (format[0] == '<' && probe.first == 1)
        format++;
    else if ((format[0] == '>' || format[0] == '!') && probe.first == 0)
        format++;
    return strcmp(format, "d") == 0;
}

/* count doubles at values as bytes (one copy); empty bytes for NULL. */
static PyObject *cfb_python_doubles(const double *values, size_t count)
{
    if (!values || count == 0)
        return PyBytes_FromStringAndSize(NULL, 0);
    if (count > (size_t)PY_SSIZE_T_MAX / sizeof(double))
        return PyErr_NoMemory();
    return PyBytes_FromStringAndSize((const char *)values,
                                     (Py_ssize_t)(count * sizeof(double)));
}
%}

%typemap(in) (const double *matrix, size_t matrix_len)
    (Py_buffer view, int have_view = 0) {
    if ($input == Py_None) {
        PyErr_SetString(PyExc_TypeError,
                        "levels must not be None: expected a C-contiguous "
                        "buffer of float64 (a numpy array, array.array('d') "
                        "or a memoryview)");
        SWIG_fail;
    }
    if (PyObject_GetBuffer($input, &view,
                           PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) {
        if (PyErr_ExceptionMatches(PyExc_BufferError)) {
            PyErr_Clear();
            PyErr_Format(PyExc_ValueError,
                         "levels must be C-contiguous (a %.100s that is "
                         "not: copy it, e.g. numpy.ascontiguousarray)",
                         Py_TYPE($input)->tp_name);
        } else if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError,
                         "levels must be a buffer of float64 (a numpy "
                         "array, array.array('d') or a memoryview), not "
                         "%.100s",
                         Py_TYPE($input)->tp_name);
        }
        SWIG_fail;
    }
    have_view = 1;
    if (view.itemsize != (Py_ssize_t)sizeof(double) ||
        !cfb_python_double_format(view.format)) {
        PyErr_Format(PyExc_TypeError,
                     "levels must hold float64 (format 'd'), not format "
                     "'%.20s' with %zd-byte items",
                     view.format ? view.format : "B", view.itemsize);
        SWIG_fail;
    }
    if (view.len % (Py_ssize_t)sizeof(double) != 0) {
        PyErr_SetString(PyExc_ValueError,
                        "levels: the buffer is not a whole number of "
                        "float64");
        SWIG_fail;
    }
    $1 = (const double *)view.buf;
    $2 = (size_t)(view.len / (Py_ssize_t)sizeof(double));
}
%typemap(freearg) (const double *matrix, size_t matrix_len) {
    if (have_view$argnum)
        PyBuffer_Release(&view$argnum);
}
#endif /* SWIGPYTHON */


#if defined(SWIGLUA)
/*
 * The C helpers are in bindings/lua/lua_support.c; bindings/lua/competency.i
 * adds Lua's number typemaps before including this file.
 */
%{
#include "lua_support.h"
%}

/* A failure raises a competency.Error table (lua_support.h). */
%typemap(argout) cf_error *err {
    if ($1->code != CF_OK) {
        cfb_lua_push_error(L, $1);
        SWIG_fail;
    }
}

/* A string with its length (it may hold NUL bytes). */
%typemap(in, checkfn="lua_isstring") (const char *data, size_t len) {
    $1 = (char *)lua_tolstring(L, $input, &$2);
}

/*
 * Ratings: a sequence of {element_id, level} pairs, the level a number or
 * a label. The arrays live in a userdata on Lua's stack (no freearg); the
 * strings are borrowed from the table, an argument of the call.
 */
%typemap(in, checkfn="lua_istable")
    (size_t count, const char *const *ids, const double *levels,
     const char *const *labels) (cfb_lua_ratings ratings) {
    if (!cfb_lua_read_ratings(L, $input, &ratings)) {
        SWIG_fail;
    }
    $1 = ratings.count;
    $2 = ratings.ids;
    $3 = ratings.levels;
    $4 = ratings.labels;
}
/*
 * A dense matrix of levels: a Lua table of numbers, read from 1 to its
 * field n when it has one (as table.pack sets), else to #t; nil (and NaN,
 * 0/0) is unrated. The doubles live in a userdata on Lua's stack.
 */
%{
static int cfb_lua_read_matrix(lua_State *L, int index, const double **out,
                               size_t *len)
{
    lua_Integer n;
    int exact = 0;
    index = lua_absindex(L, index);
    lua_getfield(L, index, "n");
    n = lua_tointegerx(L, -1, &exact);
    if (!exact)
        n = (lua_Integer)lua_rawlen(L, index);
    lua_pop(L, 1);
    if (n < 0 || (lua_Unsigned)n > (SIZE_MAX - 1) / sizeof(double)) {
        lua_pushfstring(L, "levels: bad count %I", n);
        return 0;
    }
    double *values = lua_newuserdatauv(L, ((size_t)n + 1) * sizeof *values, 0);
    for (lua_Integer k = 1; k <= n; k++) {
        int type = lua_geti(L, index, k);
        if (type == LUA_TNUMBER) {
            values[k - 1] = (double)lua_tonumber(L, -1);
        } else if (type == LUA_TNIL) {
            values[k - 1] = NAN;
        } else {
            lua_pushfstring(L, "levels[%I] must be a number or nil, not %s",
                            k, lua_typename(L, type));
            return 0;
        }
        lua_pop(L, 1);
    }
    *out = values;
    *len = (size_t)n;
    return 1;
}
%}

%typemap(in, checkfn="lua_istable") (const double *matrix, size_t matrix_len) {
    if (!cfb_lua_read_matrix(L, $input, &$1, &$2)) {
        SWIG_fail;
    }
}
#endif /* SWIGLUA */

/* ------------------------------------------------------------------------ */
/* Types                                                                    */
/* ------------------------------------------------------------------------ */

/* No type is made or destroyed by SWIG's defaults: only as below. */
%nodefaultctor;
%nodefaultdtor;

typedef struct {} Framework;
typedef struct {} Element;
typedef struct {} Scale;
typedef struct {} Level;
typedef struct {} Assessment;
typedef struct {} AssessmentSet;
typedef struct {} Profile;
typedef struct {} Scores;
typedef struct {} GapReport;
typedef struct {} TeamReport;
typedef struct {} ConsolidateOptions;
typedef struct {} Consolidation;
typedef struct {} ProgressReport;
typedef struct {} TeamMatrix;

/* Constants: assessment file formats and the missing-rating policies. */
%constant int FORMAT_AUTO = CF_FORMAT_AUTO;
%constant int FORMAT_YAML = CF_FORMAT_YAML;
%constant int FORMAT_CSV = CF_FORMAT_CSV;
%constant int MISSING_SKIP = CF_MISSING_SKIP;
%constant int MISSING_ZERO = CF_MISSING_ZERO;

/* ---- Framework ----------------------------------------------------------- */

%extend Framework {
    ~Framework() { cf_framework_free($self); }

    const char *id() { return cf_framework_id($self); }
    const char *title() { return cf_framework_title($self); }
    const char *version() { return cf_framework_version($self); }
    const char *publisher() { return cf_framework_publisher($self); }
    const char *language() { return cf_framework_language($self); }
    const char *description() { return cf_framework_description($self); }
    const char *source() { return cf_framework_source($self); }
    /* The address, to tell frameworks apart (same value: same framework). */
    size_t identity() { return (size_t)(uintptr_t)$self; }

    size_t hierarchy_count() { return cf_framework_hierarchy_count($self); }
    const char *hierarchy_name(size_t depth) {
        return cf_framework_hierarchy_name($self, depth);
    }

    size_t element_count() { return cf_framework_element_count($self); }
    %newobject element;
    Element *element(size_t index, cf_error *err) {
        return cfb_element_of(cf_framework_element($self, index), err);
    }
    %newobject find;
    Element *find(const char *id, cf_error *err) {
        return cfb_element_of(cf_framework_find($self, id), err);
    }
    /* The element id closest to word, nil/None when none is close. */
    const char *suggest(const char *word, cf_error *err) {
        return cfb_framework_suggest($self, word, err);
    }
    size_t root_count() { return cf_framework_root_count($self); }
    %newobject root;
    Element *root(size_t index, cf_error *err) {
        return cfb_element_of(cf_framework_root($self, index), err);
    }

    size_t scale_count() { return cf_framework_scale_count($self); }
    %newobject scale;
    Scale *scale(size_t index, cf_error *err) {
        return cfb_scale_of(cf_framework_scale($self, index), $self, err);
    }
    %newobject find_scale;
    Scale *find_scale(const char *id, cf_error *err) {
        return cfb_scale_of(cf_framework_find_scale($self, id), $self, err);
    }
    %newobject default_scale;
    Scale *default_scale(cf_error *err) {
        return cfb_scale_of(cf_framework_default_scale($self), $self, err);
    }

    size_t extension_count() {
        return cf_extensions_count(cf_framework_extensions($self));
    }
    const char *extension_key(size_t index) {
        return cf_extensions_key(cf_framework_extensions($self), index);
    }
    const char *extension_value(size_t index) {
        return cf_extensions_value(cf_framework_extensions($self), index);
    }
}

/* ---- Element ------------------------------------------------------------- */

%extend Element {
    ~Element() { cfb_element_free($self); }

    %newobject framework;
    Framework *framework() { return cfb_framework_ref($self->fw); }
    int same(const Element *other) { return cfb_element_same($self, other); }
    size_t index() { return $self->index; }
    const char *id() { return cf_element_id(cfb_element_get($self)); }
    const char *title() { return cf_element_title(cfb_element_get($self)); }
    const char *description() {
        return cf_element_description(cfb_element_get($self));
    }
    const char *kind() { return cf_element_kind(cfb_element_get($self)); }
    size_t depth() { return cf_element_depth(cfb_element_get($self)); }
    double weight() { return cf_element_weight(cfb_element_get($self)); }
    const char *rollup() {
        return cf_rollup_name(cf_element_rollup(cfb_element_get($self)));
    }
    size_t subtree_end() {
        return cf_element_subtree_end(cfb_element_get($self));
    }
    %newobject parent;
    Element *parent(cf_error *err) {
        return cfb_element_of(cf_element_parent(cfb_element_get($self)), err);
    }
    size_t child_count() {
        return cf_element_child_count(cfb_element_get($self));
    }
    %newobject child;
    Element *child(size_t index, cf_error *err) {
        return cfb_element_of(cf_element_child(cfb_element_get($self), index),
                              err);
    }
    %newobject scale;
    Scale *scale(cf_error *err) {
        return cfb_scale_of(cf_element_scale(cfb_element_get($self)),
                            $self->fw, err);
    }
    /* Relations: kind is a cf_relation value (0 related, 1 exact_match,
     * 2 precedes, 3 replaced_by). */
    size_t relation_count(int kind) {
        return cf_element_relation_count(cfb_element_get($self),
                                         (cf_relation)kind);
    }
    %newobject relation;
    Element *relation(int kind, size_t index, cf_error *err) {
        return cfb_element_of(cf_element_relation(cfb_element_get($self),
                                                  (cf_relation)kind, index),
                              err);
    }

    size_t extension_count() {
        return cf_extensions_count(
            cf_element_extensions(cfb_element_get($self)));
    }
    const char *extension_key(size_t index) {
        return cf_extensions_key(
            cf_element_extensions(cfb_element_get($self)), index);
    }
    const char *extension_value(size_t index) {
        return cf_extensions_value(
            cf_element_extensions(cfb_element_get($self)), index);
    }
}

/* ---- Scale and Level ----------------------------------------------------- */

%extend Scale {
    ~Scale() { cfb_scale_free($self); }

    %newobject framework;
    Framework *framework() { return cfb_framework_ref($self->fw); }
    size_t index() { return $self->index; }
    const char *id() { return cf_scale_id(cfb_scale_get($self)); }
    const char *title() { return cf_scale_title(cfb_scale_get($self)); }
    const char *description() {
        return cf_scale_description(cfb_scale_get($self));
    }
    size_t level_count() { return cf_scale_level_count(cfb_scale_get($self)); }
    %newobject level;
    Level *level(size_t index, cf_error *err) {
        const cf_scale *s = cfb_scale_get($self);
        return cfb_level_of(cf_scale_level(s, index), s, $self->fw, err);
    }
    %newobject proficient;
    Level *proficient(cf_error *err) {
        const cf_scale *s = cfb_scale_get($self);
        return cfb_level_of(cf_scale_proficient(s), s, $self->fw, err);
    }
    %newobject find_label;
    Level *find_label(const char *label, cf_error *err) {
        const cf_scale *s = cfb_scale_get($self);
        return cfb_level_of(cf_scale_find_label(s, label), s, $self->fw, err);
    }
    %newobject find_value;
    Level *find_value(double value, cf_error *err) {
        const cf_scale *s = cfb_scale_get($self);
        return cfb_level_of(cf_scale_find_value(s, value), s, $self->fw, err);
    }
    double normalize(double value) {
        return cf_scale_normalize(cfb_scale_get($self), value);
    }
    double denormalize(double share) {
        return cf_scale_denormalize(cfb_scale_get($self), share);
    }
}

%extend Level {
    ~Level() { cfb_level_free($self); }

    %newobject scale;
    Scale *scale(cf_error *err) {
        return cfb_scale_of(cf_framework_scale($self->fw, $self->scale),
                            $self->fw, err);
    }
    size_t index() { return $self->index; }
    double value() { return cf_level_value(cfb_level_get($self)); }
    const char *label() { return cf_level_label(cfb_level_get($self)); }
    const char *description() {
        return cf_level_description(cfb_level_get($self));
    }
}

/* ---- Assessment ---------------------------------------------------------- */

%extend Assessment {
    ~Assessment() { cf_assessment_free($self); }

    %newobject framework;
    Framework *framework() {
        return cfb_framework_ref(cf_assessment_framework($self));
    }
    size_t identity() { return (size_t)(uintptr_t)$self; }
    const char *subject() { return cf_assessment_subject($self); }
    const char *rater() { return cf_assessment_rater($self); }
    const char *role() { return cf_assessment_role($self); }
    const char *date() { return cf_assessment_date($self); }
    const char *source() { return cf_assessment_source($self); }
    size_t line() { return cf_assessment_line($self); }
    void set_rater(const char *rater, cf_error *err) {
        cf_assessment_set_rater($self, rater, err);
    }
    void set_role(const char *role, cf_error *err) {
        cf_assessment_set_role($self, role, err);
    }
    void set_date(const char *date, cf_error *err) {
        cf_assessment_set_date($self, date, err);
    }
    void rate(const char *element_id, double level, const char *note,
              cf_error *err) {
        cf_assessment_rate($self, element_id, level, note, err);
    }
    void rate_label(const char *element_id, const char *label,
                    const char *note, cf_error *err) {
        cf_assessment_rate_label($self, element_id, label, note, err);
    }
    /* Many ratings in one cf_assessment_rate_many call (all or nothing). */
    void rate_batch(size_t count, const char *const *ids,
                    const double *levels, const char *const *labels,
                    cf_error *err) {
        cfb_assessment_rate_batch($self, count, ids, levels, labels, err);
    }
    size_t rated_count() { return cf_assessment_rated_count($self); }
    /* The level of the element at index: NaN when unrated. */
    double level(size_t index) { return cf_assessment_level($self, index); }
    const char *note(size_t index) { return cf_assessment_note($self, index); }

    size_t extension_count() {
        return cf_extensions_count(cf_assessment_extensions($self));
    }
    const char *extension_key(size_t index) {
        return cf_extensions_key(cf_assessment_extensions($self), index);
    }
    const char *extension_value(size_t index) {
        return cf_extensions_value(cf_assessment_extensions($self), index);
    }
}

%extend AssessmentSet {
    ~AssessmentSet() { cfb_assessments_free($self); }

    void add(Assessment *a, cf_error *err) { cfb_assessments_add($self, a, err); }
    size_t count() { return cfb_assessments_count($self); }
    %newobject get;
    Assessment *get(size_t index) { return cfb_assessments_get($self, index); }
}

/* ---- Profile ------------------------------------------------------------- */

%extend Profile {
    ~Profile() { cf_profile_free($self); }

    %newobject framework;
    Framework *framework() {
        return cfb_framework_ref(cf_profile_framework($self));
    }
    size_t identity() { return (size_t)(uintptr_t)$self; }
    const char *id() { return cf_profile_id($self); }
    const char *title() { return cf_profile_title($self); }
    const char *description() { return cf_profile_description($self); }
    void add_target(const char *element_id, double level, double importance,
                    int critical, cf_error *err) {
        cf_profile_add_target($self, element_id, level, importance, critical,
                              err);
    }
    void add_target_label(const char *element_id, const char *label,
                          double importance, int critical, cf_error *err) {
        cfb_profile_add_target_label($self, element_id, label, importance,
                                     critical, err);
    }
    size_t target_count() { return cf_profile_target_count($self); }
    %newobject target_element;
    Element *target_element(size_t index, cf_error *err) {
        return cfb_element_of(cf_profile_target_element($self, index), err);
    }
    double target_level(size_t index) {
        return cf_profile_target_level($self, index);
    }
    double target_importance(size_t index) {
        return cf_profile_target_importance($self, index);
    }
    int target_critical(size_t index) {
        return cf_profile_target_critical($self, index);
    }

    size_t extension_count() {
        return cf_extensions_count(cf_profile_extensions($self));
    }
    const char *extension_key(size_t index) {
        return cf_extensions_key(cf_profile_extensions($self), index);
    }
    const char *extension_value(size_t index) {
        return cf_extensions_value(cf_profile_extensions($self), index);
    }

    /* The profile as YAML (cf_profile_to_yaml): a new string. */
    %newobject to_yaml;
    char *to_yaml(cf_error *err) {
        char *out = NULL;
        if (cf_profile_to_yaml($self, &out, err) != CF_OK)
            return NULL;
        return out;
    }
}

/* ---- Reports ------------------------------------------------------------- */
/*
 * Every report: to_json(pretty) and render(format, width, color, pretty),
 * both new strings. Per-element values take the element's pre-order
 * index; per-target values the target's index in the profile.
 */

%extend Scores {
    ~Scores() { cf_scores_free($self); }

    %newobject assessment;
    Assessment *assessment() {
        return cfb_assessment_ref(cf_scores_assessment($self));
    }
    double value(size_t index) { return cf_scores_value($self, index); }
    double normalized(size_t index) {
        return cf_scores_normalized($self, index);
    }
    const char *source(size_t index) {
        return cf_source_name(cf_scores_source($self, index));
    }
    double coverage(size_t index) { return cf_scores_coverage($self, index); }

    %newobject to_json;
    char *to_json(int pretty, cf_error *err) {
        return cfb_scores_to_json($self, pretty, err);
    }
    %newobject render;
    char *render(const char *format, unsigned int width, int color,
                 int pretty, cf_error *err) {
        return cfb_scores_render($self, format, width, color, pretty, err);
    }
}

%extend GapReport {
    ~GapReport() { cfb_gap_report_free($self); }

    %newobject assessment;
    Assessment *assessment() {
        return cfb_assessment_ref(cf_gap_report_assessment($self->r));
    }
    %newobject profile;
    Profile *profile() {
        return cfb_profile_ref(cf_gap_report_profile($self->r));
    }
    double fit() { return cf_gap_report_fit($self->r); }
    int ready() { return cf_gap_report_ready($self->r); }
    size_t target_count() { return cf_gap_report_target_count($self->r); }
    %newobject element;
    Element *element(size_t t, cf_error *err) {
        return cfb_element_of(cf_gap_report_element($self->r, t), err);
    }
    const char *status(size_t t) {
        return cf_status_name(cf_gap_report_status($self->r, t));
    }
    double required(size_t t) { return cf_gap_report_required($self->r, t); }
    double required_normalized(size_t t) {
        return cf_gap_report_required_normalized($self->r, t);
    }
    double achieved(size_t t) { return cf_gap_report_achieved($self->r, t); }
    double achieved_normalized(size_t t) {
        return cf_gap_report_achieved_normalized($self->r, t);
    }
    double gap(size_t t) { return cf_gap_report_gap($self->r, t); }
    double gap_normalized(size_t t) {
        return cf_gap_report_gap_normalized($self->r, t);
    }
    double importance(size_t t) {
        return cf_gap_report_importance($self->r, t);
    }
    int critical(size_t t) { return cf_gap_report_critical($self->r, t); }
    const char *explanation(size_t t) {
        return cf_gap_report_explanation($self->r, t);
    }
    size_t input_count(size_t t) {
        return cf_gap_report_input_count($self->r, t);
    }
    %newobject input_element;
    Element *input_element(size_t t, size_t k, cf_error *err) {
        return cfb_gap_report_input_element($self, t, k, err);
    }
    double input_score(size_t t, size_t k) {
        return cfb_gap_report_input_score($self, t, k);
    }
    double input_weight(size_t t, size_t k) {
        return cfb_gap_report_input_weight($self, t, k);
    }
    double input_share(size_t t, size_t k) {
        return cfb_gap_report_input_share($self, t, k);
    }
    size_t priority_count() { return cf_gap_report_priority_count($self->r); }
    /* The target index of the k-th priority. */
    size_t priority(size_t k) { return cf_gap_report_priority($self->r, k); }

    %newobject to_json;
    char *to_json(int pretty, cf_error *err) {
        return cfb_gap_report_to_json($self, pretty, err);
    }
    %newobject render;
    char *render(const char *format, unsigned int width, int color,
                 int pretty, cf_error *err) {
        return cfb_gap_report_render($self, format, width, color, pretty, err);
    }
}

%extend TeamReport {
    ~TeamReport() { cfb_team_report_free($self); }

    %newobject profile;
    Profile *profile() {
        return cfb_profile_ref(cf_team_report_profile($self->r));
    }
    size_t target_count() { return cf_team_report_target_count($self->r); }
    %newobject element;
    Element *element(size_t t, cf_error *err) {
        return cfb_element_of(cf_team_report_element($self->r, t), err);
    }
    size_t assessed(size_t t) { return cf_team_report_assessed($self->r, t); }
    double mean(size_t t) { return cf_team_report_mean($self->r, t); }
    double min(size_t t) { return cf_team_report_min($self->r, t); }
    double max(size_t t) { return cf_team_report_max($self->r, t); }
    size_t meeting(size_t t) { return cf_team_report_meeting($self->r, t); }
    int single_point(size_t t) {
        return cf_team_report_single_point($self->r, t);
    }
    size_t person_count() { return cf_team_report_person_count($self->r); }
    %newobject person;
    GapReport *person(size_t i, cf_error *err) {
        return cfb_team_report_person($self, i, err);
    }
    /* The person index of the k-th best candidate. */
    size_t rank(size_t k) { return cf_team_report_rank($self->r, k); }

    %newobject to_json;
    char *to_json(int pretty, cf_error *err) {
        return cfb_team_report_to_json($self, pretty, err);
    }
    %newobject render;
    char *render(const char *format, unsigned int width, int color,
                 int pretty, cf_error *err) {
        return cfb_team_report_render($self, format, width, color, pretty,
                                      err);
    }
}

%extend ConsolidateOptions {
    ~ConsolidateOptions() { cfb_consolidate_options_free($self); }

    void add(const char *role, double weight, cf_error *err) {
        cfb_consolidate_options_add($self, role, weight, err);
    }
}

%extend Consolidation {
    ~Consolidation() { cf_consolidation_free($self); }

    %newobject assessment;
    Assessment *assessment() {
        return cfb_assessment_ref(cf_consolidation_assessment($self));
    }
    size_t raters(size_t index) {
        return cf_consolidation_raters($self, index);
    }
    double spread(size_t index) {
        return cf_consolidation_spread($self, index);
    }
    double self_level(size_t index) {
        return cf_consolidation_self($self, index);
    }
    double others(size_t index) {
        return cf_consolidation_others($self, index);
    }
    double self_minus_others(size_t index) {
        return cf_consolidation_self_minus_others($self, index);
    }
    const char *flag(size_t index) {
        return cf_flag_name(cf_consolidation_flag($self, index));
    }
    size_t input_count() { return cf_consolidation_input_count($self); }
    %newobject input;
    Assessment *input(size_t index) {
        return cfb_assessment_ref(cf_consolidation_input($self, index, NULL));
    }
    double input_weight(size_t index) {
        return cfb_consolidation_input_weight($self, index);
    }

    %newobject to_json;
    char *to_json(int pretty, cf_error *err) {
        return cfb_consolidation_to_json($self, pretty, err);
    }
    %newobject render;
    char *render(const char *format, unsigned int width, int color,
                 int pretty, cf_error *err) {
        return cfb_consolidation_render($self, format, width, color, pretty,
                                        err);
    }
}

%extend ProgressReport {
    ~ProgressReport() { cf_progress_report_free($self); }

    double before(size_t index) {
        return cf_progress_report_before($self, index);
    }
    double after(size_t index) {
        return cf_progress_report_after($self, index);
    }
    double change(size_t index) {
        return cf_progress_report_change($self, index);
    }
    const char *trend(size_t index) {
        return cf_trend_name(cf_progress_report_trend($self, index));
    }
    %newobject before_assessment;
    Assessment *before_assessment() {
        return cfb_assessment_ref(cf_progress_report_before_assessment($self));
    }
    %newobject after_assessment;
    Assessment *after_assessment() {
        return cfb_assessment_ref(cf_progress_report_after_assessment($self));
    }
    %newobject profile;
    Profile *profile() {
        return cfb_profile_ref(cf_progress_report_profile($self));
    }
    double fit_before() { return cf_progress_report_fit_before($self); }
    double fit_after() { return cf_progress_report_fit_after($self); }

    %newobject to_json;
    char *to_json(int pretty, cf_error *err) {
        return cfb_progress_report_to_json($self, pretty, err);
    }
    %newobject render;
    char *render(const char *format, unsigned int width, int color,
                 int pretty, cf_error *err) {
        return cfb_progress_report_render($self, format, width, color, pretty,
                                          err);
    }
}

/*
 * A team analysed from a dense matrix of levels (cf_team_matrix_analyze):
 * person i is row i, target t the profile's t-th. The report holds a
 * reference to its profile (which holds its framework).
 */
%extend TeamMatrix {
    ~TeamMatrix() { cf_team_matrix_free($self); }

    %newobject profile;
    Profile *profile() {
        return cfb_profile_ref(cf_team_matrix_profile($self));
    }
    size_t person_count() { return cf_team_matrix_person_count($self); }
    size_t target_count() { return cf_team_matrix_target_count($self); }
    %newobject element;
    Element *element(size_t t, cf_error *err) {
        return cfb_element_of(
            cf_profile_target_element(cf_team_matrix_profile($self), t), err);
    }
    double fit(size_t i) { return cf_team_matrix_fit($self, i); }
    int ready(size_t i) { return cf_team_matrix_ready($self, i); }
    double achieved(size_t i, size_t t) {
        return cf_team_matrix_achieved($self, i, t);
    }
    const char *status(size_t i, size_t t) {
        return cf_status_name(cf_team_matrix_status($self, i, t));
    }
    size_t assessed(size_t t) { return cf_team_matrix_assessed($self, t); }
    double mean(size_t t) { return cf_team_matrix_mean($self, t); }
    double min(size_t t) { return cf_team_matrix_min($self, t); }
    double max(size_t t) { return cf_team_matrix_max($self, t); }
    size_t meeting(size_t t) { return cf_team_matrix_meeting($self, t); }
    int single_point(size_t t) {
        return cf_team_matrix_single_point($self, t);
    }
    /* The row of the k-th best person. */
    size_t rank(size_t k) { return cf_team_matrix_rank($self, k); }
}

#if defined(SWIGPYTHON)
/*
 * Python only: the bulk arrays as bytes of native doubles (one copy each,
 * cfb_python_doubles), which the package turns into array.array('d') or
 * a memoryview.
 */
%extend TeamMatrix {
    PyObject *_fits_bytes() {
        return cfb_python_doubles(cf_team_matrix_fits($self),
                                  cf_team_matrix_person_count($self));
    }
    PyObject *_achieved_bytes() {
        size_t people = cf_team_matrix_person_count($self);
        size_t targets = cf_team_matrix_target_count($self);
        if (targets != 0 && people > SIZE_MAX / targets)
            return PyErr_NoMemory();
        return cfb_python_doubles(cf_team_matrix_achieved_all($self),
                                  people * targets);
    }
}

%extend Assessment {
    PyObject *_levels_bytes() {
        return cfb_python_doubles(
            cf_assessment_levels($self),
            cf_framework_element_count(cf_assessment_framework($self)));
    }
}

%extend Framework {
    /*
     * cf_scores_compute_matrix: the normalised scores of people rows of
     * levels (people 0: as many as the levels hold) as bytes of doubles.
     */
    PyObject *_score_matrix(const double *matrix, size_t matrix_len,
                            size_t people, int missing, unsigned int threads,
                            cf_error *err) {
        size_t rows;
        if (cfb_matrix_rows(&rows, $self, matrix_len, people, err) != CF_OK)
            return NULL;
        size_t count = rows * cf_framework_element_count($self);
        double *scores = malloc((count ? count : 1) * sizeof *scores);
        if (!scores)
            return PyErr_NoMemory();
        PyObject *out = NULL;
        if (cfb_scores_matrix(scores, $self, matrix, rows, missing, threads,
                              err) == CF_OK)
            out = cfb_python_doubles(scores, count);
        free(scores);
        return out;
    }
}
#endif /* SWIGPYTHON */

/* ------------------------------------------------------------------------ */
/* Functions: loading, making and analysing                                 */
/* ------------------------------------------------------------------------ */

%rename(version) cf_version;
const char *cf_version(void);

%rename(framework_load) cfb_framework_load;
%rename(framework_loads) cfb_framework_loads;
%newobject cfb_framework_load;
%newobject cfb_framework_loads;
Framework *cfb_framework_load(const char *path, cf_error *err);
Framework *cfb_framework_loads(const char *data, size_t len,
                               const char *source, cf_error *err);

%rename(assessment_new) cfb_assessment_new;
%newobject cfb_assessment_new;
Assessment *cfb_assessment_new(Framework *fw, const char *subject,
                               cf_error *err);

%rename(assessments_new) cfb_assessments_new;
%rename(assessments_load) cfb_assessments_load;
%rename(assessments_loads) cfb_assessments_loads;
%newobject cfb_assessments_new;
%newobject cfb_assessments_load;
%newobject cfb_assessments_loads;
AssessmentSet *cfb_assessments_new(cf_error *err);
AssessmentSet *cfb_assessments_load(Framework *fw, const char *path,
                                    int format, cf_error *err);
AssessmentSet *cfb_assessments_loads(Framework *fw, const char *data,
                                     size_t len, const char *source,
                                     int format, cf_error *err);

%rename(profile_new) cfb_profile_new;
%rename(profile_load) cfb_profile_load;
%rename(profile_loads) cfb_profile_loads;
%newobject cfb_profile_new;
%newobject cfb_profile_load;
%newobject cfb_profile_loads;
Profile *cfb_profile_new(Framework *fw, const char *id, const char *title,
                         cf_error *err);
Profile *cfb_profile_load(Framework *fw, const char *path, cf_error *err);
Profile *cfb_profile_loads(Framework *fw, const char *data, size_t len,
                           const char *source, cf_error *err);

%rename(scores_compute) cfb_scores_compute;
%rename(gap_analyze) cfb_gap_analyze;
%rename(team_analyze) cfb_team_analyze;
%rename(consolidate_options_new) cfb_consolidate_options_new;
%rename(consolidate) cfb_consolidate;
%rename(progress_analyze) cfb_progress_analyze;
%newobject cfb_scores_compute;
%newobject cfb_gap_analyze;
%newobject cfb_team_analyze;
%newobject cfb_consolidate_options_new;
%newobject cfb_consolidate;
%newobject cfb_progress_analyze;
Scores *cfb_scores_compute(const Assessment *a, int missing, cf_error *err);
GapReport *cfb_gap_analyze(const Assessment *a, const Profile *p, int missing,
                           cf_error *err);
TeamReport *cfb_team_analyze(const AssessmentSet *set, const Profile *p,
                             int missing, cf_error *err);
ConsolidateOptions *cfb_consolidate_options_new(double threshold,
                                                cf_error *err);
Consolidation *cfb_consolidate(const AssessmentSet *set,
                               const ConsolidateOptions *opts, cf_error *err);
ProgressReport *cfb_progress_analyze(const Assessment *before,
                                     const Assessment *after,
                                     const Profile *p, int missing,
                                     cf_error *err);

/*
 * people rows of levels (people 0: as many rows as matrix holds) against
 * p; threads as cf_score_options.threads.
 */
%rename(team_matrix_analyze) cfb_team_matrix_analyze;
%newobject cfb_team_matrix_analyze;
TeamMatrix *cfb_team_matrix_analyze(const Profile *p, const double *matrix,
                                    size_t matrix_len, size_t people,
                                    int missing, unsigned int threads,
                                    cf_error *err);
