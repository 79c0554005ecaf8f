/*
 * What the Moodle competency framework CSV importer (moodle_import.c) and
 * exporter (moodle_export.c) share: the positional columns of Moodle's
 * "Import competency framework" admin tool, and the x- keys that carry
 * the fields the model has no place for.
 */
#ifndef CF_MOODLE_H
#define CF_MOODLE_H

#include <string.h>

/* The columns, in Moodle's order (their titles are translated, so only
 * the position counts). */
enum cfi_moodle_column {
    CFI_MOODLE_PARENT,       /* Parent id number */
    CFI_MOODLE_ID,           /* Id number */
    CFI_MOODLE_SHORTNAME,    /* Shortname */
    CFI_MOODLE_DESCRIPTION,  /* Description */
    CFI_MOODLE_FORMAT,       /* Description format */
    CFI_MOODLE_SCALE_VALUES, /* Scale values */
    CFI_MOODLE_SCALE_CONFIG, /* Scale configuration */
    CFI_MOODLE_RULE_TYPE,    /* Rule type (optional) */
    CFI_MOODLE_RULE_OUTCOME, /* Rule outcome (optional) */
    CFI_MOODLE_RULE_CONFIG,  /* Rule config (optional) */
    CFI_MOODLE_RELATED,      /* Cross referenced competency id numbers */
    CFI_MOODLE_EXPORT_ID,    /* Exported id (optional) */
    CFI_MOODLE_IS_FRAMEWORK, /* Is framework */
    CFI_MOODLE_TAXONOMY,     /* Taxonomy */
    CFI_MOODLE_COLUMNS,
    /* libcompetency's own column after Moodle's, which Moodle ignores:
     * what Moodle has no column for, as JSON (docs/interop.md). */
    CFI_MOODLE_CARRIER = CFI_MOODLE_COLUMNS
};

/* The title of the libcompetency column (checked: it is not Moodle's). */
#define CFI_MOODLE_CARRIER_TITLE "libcompetency"
/* The "format" of what the framework row's libcompetency field holds. */
#define CFI_MOODLE_CARRIER_FORMAT 1

/* Moodle's FORMAT_PLAIN: the description format the model's plain text
 * descriptions have, written when no x-moodle-description-format says
 * otherwise, and not kept when read. */
#define CFI_MOODLE_FORMAT_PLAIN "2"

#define CFI_MOODLE_X_FORMAT "x-moodle-description-format"
#define CFI_MOODLE_X_RULE_TYPE "x-moodle-rule-type"
#define CFI_MOODLE_X_RULE_OUTCOME "x-moodle-rule-outcome"
#define CFI_MOODLE_X_RULE_CONFIG "x-moodle-rule-config"
#define CFI_MOODLE_X_EXPORT_ID "x-moodle-exported-id"
/* On a scale: the 1-based item Moodle gives by default, when not the
 * first. */
#define CFI_MOODLE_X_SCALE_DEFAULT "x-moodle-scale-default"

/*
 * The x- keys that Moodle's columns give, by column: the importer adds
 * them, for the columns 0 .. CFI_MOODLE_X_COUNT - 1 of cfi_moodle_x_at in
 * that order, when cfi_moodle_x_given says so.
 */
#define CFI_MOODLE_X_COUNT 5

static inline int cfi_moodle_x_at(int i)
{
    static const int columns[CFI_MOODLE_X_COUNT] = {
        CFI_MOODLE_FORMAT, CFI_MOODLE_RULE_TYPE, CFI_MOODLE_RULE_OUTCOME,
        CFI_MOODLE_RULE_CONFIG, CFI_MOODLE_EXPORT_ID};
    return columns[i];
}

/* The x- key of a column, or NULL. */
static inline const char *cfi_moodle_x_key(int column)
{
    switch (column) {
    case CFI_MOODLE_FORMAT:
        return CFI_MOODLE_X_FORMAT;
    case CFI_MOODLE_RULE_TYPE:
        return CFI_MOODLE_X_RULE_TYPE;
    case CFI_MOODLE_RULE_OUTCOME:
        return CFI_MOODLE_X_RULE_OUTCOME;
    case CFI_MOODLE_RULE_CONFIG:
        return CFI_MOODLE_X_RULE_CONFIG;
    case CFI_MOODLE_EXPORT_ID:
        return CFI_MOODLE_X_EXPORT_ID;
    default:
        return NULL;
    }
}

/* The column whose value the x- key of a framework row (framework != 0;
 * only the description format) or competency row carries, or -1. */
static inline int cfi_moodle_x_column(const char *key, int framework)
{
    for (int i = 0; i < (framework ? 1 : CFI_MOODLE_X_COUNT); i++)
        if (strcmp(cfi_moodle_x_key(cfi_moodle_x_at(i)), key) == 0)
            return cfi_moodle_x_at(i);
    return -1;
}

/*
 * Whether the importer makes an x- key of column c of a row (f: its
 * fields, NULL for empty ones): a non-empty value, except the defaults
 * that mean nothing: a plain text description format, and without a rule
 * type, outcome 0 and config null (what Moodle's export writes for no
 * rule). A framework row gives only its description format.
 */
static inline int cfi_moodle_x_given(const char *const *f, int c, int framework)
{
    const char *v = f[c] ? f[c] : "";
    const char *type = f[CFI_MOODLE_RULE_TYPE];
    int no_rule = !type || !*type;
    if (!*v || (framework && c != CFI_MOODLE_FORMAT))
        return 0;
    switch (c) {
    case CFI_MOODLE_FORMAT:
        return strcmp(v, CFI_MOODLE_FORMAT_PLAIN) != 0;
    case CFI_MOODLE_RULE_OUTCOME:
        return !(no_rule && strcmp(v, "0") == 0);
    case CFI_MOODLE_RULE_CONFIG:
        return !(no_rule && strcmp(v, "null") == 0);
    default:
        return c == CFI_MOODLE_RULE_TYPE || c == CFI_MOODLE_EXPORT_ID;
    }
}

#endif /* CF_MOODLE_H */
