/*
 * Frameworks, assessments and profiles as YAML, through libyaml's emitter:
 * every scalar goes to the emitter as an event and the emitter decides how to
 * quote it, so no text is ever pasted into YAML by hand.
 *
 * Text that YAML tools would read as something other than a string (empty,
 * null, a boolean, a number, a date, ...) or that begins with an indicator
 * is single-quoted; text with a line break is a literal block where the
 * emitter allows one, else double-quoted with escapes. Optional text that
 * is empty is left out, as the loader reads it as absent. Non-ASCII text
 * is written as UTF-8 (libyaml escapes only what it must, and characters
 * beyond U+FFFF, yaml/libyaml#279). Numbers (level values, weights,
 * importances) are plain, with the fewest digits that read back to the
 * same double. Extension values are strings in the model (a
 * collection is kept as its JSON rendering), so each is written as one
 * scalar: reading the output back gives the same strings.
 */
#include "internal.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* One document being written: the first failure sticks. */
typedef struct yw {
    yaml_emitter_t em;
    cfi_buf out;
    const cf_allocator *a;
    int rc;
    const char *problem; /* CF_EINVALID: what the emitter refused */
} yw;

static int write_out(void *data, unsigned char *buffer, size_t size)
{
    yw *w = data;
    return cfi_buf_add(w->a, &w->out, (const char *)buffer, size) == CF_OK;
}

static void yw_fail(yw *w, int rc, const char *problem)
{
    if (w->rc == CF_OK) {
        w->rc = rc;
        w->problem = problem;
    }
}

/* Emits ev when initialising it worked (ok) and nothing failed before. */
static void emit(yw *w, yaml_event_t *ev, int ok)
{
    if (!ok) {
        yw_fail(w, CF_ENOMEM, NULL);
        return;
    }
    if (w->rc != CF_OK) {
        yaml_event_delete(ev);
        return;
    }
    if (!yaml_emitter_emit(&w->em, ev)) {
        if (w->em.error == YAML_MEMORY_ERROR ||
            w->em.error == YAML_WRITER_ERROR || !w->em.problem)
            yw_fail(w, CF_ENOMEM, NULL);
        else
            yw_fail(w, CF_EINVALID, w->em.problem);
    }
}

static void scalar(yw *w, const char *s, yaml_scalar_style_t style)
{
    yaml_event_t ev;
    if (w->rc != CF_OK)
        return;
    if (!cfi_utf8_valid(s)) {
        yw_fail(w, CF_EINVALID, "text that is not valid UTF-8");
        return;
    }
    size_t n = strlen(s);
    if (n > (size_t)INT32_MAX) {
        yw_fail(w, CF_EINVALID, "text longer than 2 GiB");
        return;
    }
    emit(w, &ev,
         yaml_scalar_event_initialize(&ev, NULL, NULL, (const yaml_char_t *)s,
                                      (int)n, 1, 1, style));
}

/* Whether a plain scalar s could read as something other than a string. */
static int looks_typed(const char *s)
{
    static const char *const words[] = {
        "~",     "null",  "Null",  "NULL",  "y",    "Y",    "yes",  "Yes",
        "YES",   "n",     "N",     "no",    "No",   "NO",   "true", "True",
        "TRUE",  "false", "False", "FALSE", "on",   "On",   "ON",   "off",
        "Off",   "OFF",   ".inf",  ".Inf",  ".INF", ".nan", ".NaN", ".NAN",
        "-.inf", "+.inf", "<<",    "=",     NULL};
    double v;
    if (!*s)
        return 1;
    for (size_t i = 0; words[i]; i++)
        if (strcmp(s, words[i]) == 0)
            return 1;
    if (cfi_parse_number(s, strlen(s), &v) != CFI_NUMBER_INVALID)
        return 1;
    /* Dates, times, octal, hexadecimal, 1_000, sexagesimal 1:30, .5 */
    const char *p = s;
    if (*p == '+' || *p == '-' || *p == '.')
        p++;
    return *p >= '0' && *p <= '9';
}

/*
 * Whether s begins with a YAML indicator. YAML allows some as the first
 * character of a plain scalar ("-dash", "?what", ":colon"), and the
 * emitter writes them plain, but not every tool reads them so: quoting
 * them costs nothing.
 */
static int starts_with_indicator(const char *s)
{
    return *s != '\0' && strchr("-?:,[]{}#&*!|>'\"%@`", *s) != NULL;
}

/*
 * Text: a literal block when it has a line break (the emitter falls back
 * to double quotes where a block would not read back the same: trailing
 * spaces, tabs, CR and other characters it must escape), single-quoted
 * where a plain scalar would read as another type or begins with an
 * indicator, else as the emitter sees fit (plain, or quoted when the text
 * needs it: ": ", " #", leading or trailing spaces, escapes).
 */
static void text(yw *w, const char *s)
{
    if (strchr(s, '\n'))
        scalar(w, s, YAML_LITERAL_SCALAR_STYLE);
    else if (looks_typed(s) || starts_with_indicator(s))
        scalar(w, s, YAML_SINGLE_QUOTED_SCALAR_STYLE);
    else
        scalar(w, s, YAML_ANY_SCALAR_STYLE);
}

/* A number, plain, as the loader reads it back. */
static void number(yw *w, double v)
{
    char buf[64];
    cfi_format_number(buf, sizeof buf, v, 0);
    scalar(w, buf, YAML_PLAIN_SCALAR_STYLE);
}

static void key(yw *w, const char *k)
{
    scalar(w, k, YAML_ANY_SCALAR_STYLE);
}

/* key: text, skipped when value is NULL or empty (which the format reads
 * as absent, so that writing what was read back gives the same text). */
static void pair(yw *w, const char *k, const char *value)
{
    if (!value || !*value)
        return;
    key(w, k);
    text(w, value);
}

static void map_start(yw *w, yaml_mapping_style_t style)
{
    yaml_event_t ev;
    if (w->rc == CF_OK)
        emit(w, &ev,
             yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, style));
}

static void map_end(yw *w)
{
    yaml_event_t ev;
    if (w->rc == CF_OK)
        emit(w, &ev, yaml_mapping_end_event_initialize(&ev));
}

static void seq_start(yw *w, yaml_sequence_style_t style)
{
    yaml_event_t ev;
    if (w->rc == CF_OK)
        emit(w, &ev,
             yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, style));
}

static void seq_end(yw *w)
{
    yaml_event_t ev;
    if (w->rc == CF_OK)
        emit(w, &ev, yaml_sequence_end_event_initialize(&ev));
}

static void extensions(yw *w, const cf_extensions *ext)
{
    size_t n = cf_extensions_count(ext);
    for (size_t i = 0; i < n; i++) {
        key(w, cf_extensions_key(ext, i));
        text(w, cf_extensions_value(ext, i));
    }
}

/* Starts the stream; the caller emits documents, then finish(). */
static void start(yw *w)
{
    yaml_event_t ev;
    memset(w, 0, sizeof *w);
    w->a = cfi_allocator_or_default(NULL);
    if (!yaml_emitter_initialize(&w->em)) {
        w->rc = CF_ENOMEM;
        return;
    }
    yaml_emitter_set_output(&w->em, write_out, w);
    yaml_emitter_set_unicode(&w->em, 1);
    yaml_emitter_set_indent(&w->em, 2);
    yaml_emitter_set_width(&w->em, -1);
    yaml_emitter_set_break(&w->em, YAML_LN_BREAK);
    emit(w, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
}

static void document_start(yw *w, int implicit)
{
    yaml_event_t ev;
    if (w->rc == CF_OK)
        emit(w, &ev,
             yaml_document_start_event_initialize(&ev, NULL, NULL, NULL,
                                                  implicit));
}

static void document_end(yw *w)
{
    yaml_event_t ev;
    if (w->rc == CF_OK)
        emit(w, &ev, yaml_document_end_event_initialize(&ev, 1));
}

/* Ends the stream; *out gets the text, or err the failure. */
static int finish(yw *w, const char *what, char **out, cf_error *err)
{
    yaml_event_t ev;
    if (w->rc == CF_OK)
        emit(w, &ev, yaml_stream_end_event_initialize(&ev));
    if (w->rc == CF_OK && !yaml_emitter_flush(&w->em))
        yw_fail(w, CF_ENOMEM, NULL);
    if (w->rc == CF_OK && !w->out.data)
        w->rc = cfi_buf_add(w->a, &w->out, "", 0);
    yaml_emitter_delete(&w->em);
    if (w->rc != CF_OK) {
        cfi_buf_free(w->a, &w->out);
        if (w->rc == CF_EINVALID)
            return cfi_fail(err, CF_EINVALID, "", NULL,
                            "cannot write the %s as YAML: %s", what,
                            w->problem);
        return cfi_fail(err, CF_ENOMEM, "", NULL, "out of memory");
    }
    *out = w->out.data;
    return CF_OK;
}

/* ---- frameworks --------------------------------------------------------- */

static void level(yw *w, const cf_level *lv)
{
    const cf_extensions *ext = cf_level_extensions(lv);
    int simple = !cf_level_description(lv) && cf_extensions_count(ext) == 0;
    map_start(w, simple ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE);
    key(w, "value");
    number(w, cf_level_value(lv));
    pair(w, "label", cf_level_label(lv));
    pair(w, "description", cf_level_description(lv));
    extensions(w, ext);
    map_end(w);
}

static void scale(yw *w, const cf_scale *sc)
{
    map_start(w, YAML_BLOCK_MAPPING_STYLE);
    pair(w, "id", cf_scale_id(sc));
    if (strcmp(cf_scale_title(sc), cf_scale_id(sc)) != 0)
        pair(w, "title", cf_scale_title(sc)); /* else the default */
    pair(w, "description", cf_scale_description(sc));
    key(w, "levels");
    seq_start(w, YAML_BLOCK_SEQUENCE_STYLE);
    for (size_t i = 0; i < cf_scale_level_count(sc); i++)
        level(w, cf_scale_level(sc, i));
    seq_end(w);
    key(w, "proficient");
    number(w, cf_level_value(cf_scale_proficient(sc)));
    extensions(w, cf_scale_extensions(sc));
    map_end(w);
}

/* The element's own kind: NULL when it is only its depth's name. */
static const char *own_kind(const cf_framework *fw, const cf_element *el)
{
    if (!el->kind)
        return NULL;
    if (el->depth < fw->hierarchy_count &&
        strcmp(el->kind, fw->hierarchy[el->depth]) == 0)
        return NULL;
    return el->kind;
}

static void element(yw *w, const cf_framework *fw, const cf_element *el)
{
    map_start(w, YAML_BLOCK_MAPPING_STYLE);
    pair(w, "id", el->id);
    pair(w, "title", el->title);
    pair(w, "description", el->description);
    pair(w, "kind", own_kind(fw, el));
    if (el->weight != 1.0) {
        key(w, "weight");
        number(w, el->weight);
    }
    if (el->rollup != CF_ROLLUP_MEAN)
        pair(w, "rollup", cf_rollup_name(el->rollup));
    if (el->own_scale != CFI_NONE)
        pair(w, "scale", fw->scales[el->own_scale].id);
    for (int r = 0; r < CF_RELATION_COUNT; r++) {
        size_t n = cf_element_relation_count(el, (cf_relation)r);
        if (n == 0)
            continue;
        key(w, cf_relation_name((cf_relation)r));
        seq_start(w, YAML_FLOW_SEQUENCE_STYLE);
        for (size_t i = 0; i < n; i++)
            text(w, cf_element_id(cf_element_relation(el, (cf_relation)r, i)));
        seq_end(w);
    }
    extensions(w, cf_element_extensions(el));
    if (el->child_count > 0) {
        key(w, "children");
        seq_start(w, YAML_BLOCK_SEQUENCE_STYLE);
        for (size_t i = 0; i < el->child_count; i++)
            element(w, fw, cf_element_child(el, i));
        seq_end(w);
    }
    map_end(w);
}

int cf_framework_to_yaml(const cf_framework *fw, char **out, cf_error *err)
{
    yw w;
    if (out)
        *out = NULL;
    if (!fw || !out)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "the framework and out must not be NULL");
    start(&w);
    document_start(&w, 1);
    map_start(&w, YAML_BLOCK_MAPPING_STYLE);
    key(&w, "framework");
    map_start(&w, YAML_BLOCK_MAPPING_STYLE);
    pair(&w, "id", fw->id);
    pair(&w, "title", fw->title);
    pair(&w, "version", fw->version);
    pair(&w, "publisher", fw->publisher);
    pair(&w, "language", fw->language);
    pair(&w, "description", fw->description);
    extensions(&w, cf_framework_extensions(fw));
    key(&w, "scales");
    seq_start(&w, YAML_BLOCK_SEQUENCE_STYLE);
    for (size_t i = 0; i < fw->scale_count; i++)
        scale(&w, &fw->scales[i]);
    seq_end(&w);
    if (fw->scale_count > 1)
        pair(&w, "default_scale", fw->scales[fw->default_scale].id);
    if (fw->hierarchy_count > 0) {
        key(&w, "hierarchy");
        seq_start(&w, YAML_FLOW_SEQUENCE_STYLE);
        for (size_t i = 0; i < fw->hierarchy_count; i++)
            text(&w, fw->hierarchy[i]);
        seq_end(&w);
    }
    key(&w, "elements");
    seq_start(&w, YAML_BLOCK_SEQUENCE_STYLE);
    for (size_t i = 0; i < fw->root_count; i++)
        element(&w, fw, &fw->elements[fw->roots[i]]);
    seq_end(&w);
    map_end(&w);
    map_end(&w);
    document_end(&w);
    return finish(&w, "framework", out, err);
}

/* ---- assessments -------------------------------------------------------- */

static void assessment(yw *w, const cf_assessment *a)
{
    const cf_framework *fw = cf_assessment_framework(a);
    map_start(w, YAML_BLOCK_MAPPING_STYLE);
    key(w, "assessment");
    map_start(w, YAML_BLOCK_MAPPING_STYLE);
    pair(w, "framework", cf_framework_id(fw));
    pair(w, "subject", cf_assessment_subject(a));
    pair(w, "rater", cf_assessment_rater(a));
    pair(w, "role", cf_assessment_role(a));
    pair(w, "date", cf_assessment_date(a));
    if (cf_assessment_rated_count(a) > 0) {
        key(w, "ratings");
        map_start(w, YAML_BLOCK_MAPPING_STYLE);
        for (size_t i = 0; i < cf_framework_element_count(fw); i++) {
            double v = cf_assessment_level(a, i);
            const char *note = cf_assessment_note(a, i);
            if (isnan(v))
                continue;
            text(w, cf_element_id(cf_framework_element(fw, i)));
            if (!note || !*note) {
                number(w, v);
                continue;
            }
            map_start(w, YAML_BLOCK_MAPPING_STYLE);
            key(w, "level");
            number(w, v);
            pair(w, "note", note);
            map_end(w);
        }
        map_end(w);
    }
    extensions(w, cf_assessment_extensions(a));
    map_end(w);
    map_end(w);
}

int cf_assessments_to_yaml(const cf_assessment *const *items, size_t count,
                           char **out, cf_error *err)
{
    yw w;
    if (out)
        *out = NULL;
    if (!items || count == 0 || !out)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "the assessments (at least one) and out must not be "
                        "NULL");
    for (size_t i = 0; i < count; i++)
        if (!items[i])
            return cfi_fail(err, CF_EARG, "", NULL,
                            "assessment %zu of %zu is NULL", i + 1, count);
    start(&w);
    for (size_t i = 0; i < count; i++) {
        document_start(&w, i == 0);
        assessment(&w, items[i]);
        document_end(&w);
    }
    return finish(&w, "assessments", out, err);
}

/* ---- profiles ----------------------------------------------------------- */

/* One target: its level alone, or {level, importance, critical} when either
 * differs from its default. */
static void target(yw *w, const cf_profile *p, size_t i)
{
    double importance = cf_profile_target_importance(p, i);
    int critical = cf_profile_target_critical(p, i);
    text(w, cf_element_id(cf_profile_target_element(p, i)));
    if (importance == 1.0 && !critical) {
        number(w, cf_profile_target_level(p, i));
        return;
    }
    map_start(w, YAML_FLOW_MAPPING_STYLE);
    key(w, "level");
    number(w, cf_profile_target_level(p, i));
    if (importance != 1.0) {
        key(w, "importance");
        number(w, importance);
    }
    if (critical) {
        key(w, "critical");
        scalar(w, "true", YAML_PLAIN_SCALAR_STYLE);
    }
    map_end(w);
}

int cf_profile_to_yaml(const cf_profile *p, char **out, cf_error *err)
{
    yw w;
    if (out)
        *out = NULL;
    if (!p || !out)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "the profile and out must not be NULL");
    size_t n = cf_profile_target_count(p);
    if (n == 0)
        return cfi_fail(err, CF_EINVALID, "", NULL,
                        "cannot write the profile as YAML: it has no "
                        "targets, and a profile file needs at least one");
    start(&w);
    document_start(&w, 1);
    map_start(&w, YAML_BLOCK_MAPPING_STYLE);
    key(&w, "profile");
    map_start(&w, YAML_BLOCK_MAPPING_STYLE);
    pair(&w, "id", cf_profile_id(p));
    pair(&w, "title", cf_profile_title(p));
    pair(&w, "description", cf_profile_description(p));
    pair(&w, "framework", cf_framework_id(cf_profile_framework(p)));
    key(&w, "targets");
    map_start(&w, YAML_BLOCK_MAPPING_STYLE);
    for (size_t i = 0; i < n; i++)
        target(&w, p, i);
    map_end(&w);
    extensions(&w, cf_profile_extensions(p));
    map_end(&w);
    map_end(&w);
    document_end(&w);
    return finish(&w, "profile", out, err);
}
