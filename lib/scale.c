/* Scales and their levels: read-only accessors. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

const char *cf_scale_id(const cf_scale *scale)
{
    return scale->id;
}

const char *cf_scale_title(const cf_scale *scale)
{
    return scale->title;
}

const char *cf_scale_description(const cf_scale *scale)
{
    return scale->description;
}

size_t cf_scale_index(const cf_scale *scale)
{
    return scale->index;
}

size_t cf_scale_level_count(const cf_scale *scale)
{
    return scale->level_count;
}

const cf_level *cf_scale_level(const cf_scale *scale, size_t index)
{
    return index < scale->level_count ? &scale->levels[index] : NULL;
}

const cf_level *cf_scale_proficient(const cf_scale *scale)
{
    return &scale->levels[scale->proficient];
}

const cf_level *cf_scale_find_label(const cf_scale *scale, const char *label)
{
    for (size_t i = 0; label && i < scale->level_count; i++)
        if (strcmp(scale->levels[i].label, label) == 0)
            return &scale->levels[i];
    return NULL;
}

const cf_level *cf_scale_find_value(const cf_scale *scale, double value)
{
    for (size_t i = 0; i < scale->level_count; i++)
        if (scale->levels[i].value == value)
            return &scale->levels[i];
    return NULL;
}

const cf_extensions *cf_scale_extensions(const cf_scale *scale)
{
    return &scale->ext;
}

double cf_level_value(const cf_level *level)
{
    return level->value;
}

const char *cf_level_label(const cf_level *level)
{
    return level->label;
}

const char *cf_level_description(const cf_level *level)
{
    return level->description;
}

size_t cf_level_index(const cf_level *level)
{
    return level->index;
}

const cf_extensions *cf_level_extensions(const cf_level *level)
{
    return &level->ext;
}

double cf_scale_normalize(const cf_scale *scale, double value)
{
    double lo = scale->levels[0].value;
    double hi = scale->levels[scale->level_count - 1].value;
    if (value != value)
        return value;
    return hi > lo ? (value - lo) / (hi - lo) : 1.0;
}

double cf_scale_denormalize(const cf_scale *scale, double share)
{
    double lo = scale->levels[0].value;
    double hi = scale->levels[scale->level_count - 1].value;
    if (share != share)
        return share;
    return hi > lo ? lo + share * (hi - lo) : hi;
}

void cfi_scale_list_levels(const cf_scale *scale, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < scale->level_count; i++) {
        char value[32], item[96];
        cfi_format_number(value, sizeof value, scale->levels[i].value, 0);
        int n = snprintf(item, sizeof item, "%s%s %s", i ? ", " : "", value,
                         scale->levels[i].label);
        if (n < 0 || (size_t)n >= sizeof item || used + (size_t)n + 6 > size) {
            snprintf(buf + used, size - used, "%s...", i ? ", " : "");
            return;
        }
        memcpy(buf + used, item, (size_t)n + 1);
        used += (size_t)n;
    }
}

int cfi_level_not_on_scale(const cf_element *el, const char *text, int quoted,
                           const char *hint, const char *source,
                           const cfi_mark *mark, cf_error *err)
{
    const cf_scale *scale = &el->framework->scales[el->scale];
    char levels[200];
    cfi_scale_list_levels(scale, levels, sizeof levels);
    const char *q = quoted ? "'" : "";
    return cfi_fail(err, CF_EINVALID, source, mark,
                    "level %s%s%s is not on scale '%s' of element '%s' (its "
                    "levels: %s)%s%s",
                    q, text, q, scale->id, el->id, levels, hint ? " " : "",
                    hint ? hint : "");
}

int cfi_level_parse(double *level, const cf_element *el, const char *text,
                    int plain, const char *source, const cfi_mark *mark,
                    cf_error *err)
{
    const cf_scale *scale = &el->framework->scales[el->scale];
    double value = 0;
    cfi_number_kind kind = cfi_parse_number(text, strlen(text), &value);
    if (plain && kind == CFI_NUMBER_FINITE) {
        if (!cf_scale_find_value(scale, value))
            return cfi_level_not_on_scale(el, text, 0, NULL, source, mark, err);
        *level = value;
        return CF_OK;
    }
    const cf_level *found = cf_scale_find_label(scale, text);
    if (found) {
        *level = found->value;
        return CF_OK;
    }
    const char *hint = NULL;
    if (!plain && kind == CFI_NUMBER_FINITE)
        hint = "(write level values without quotes)";
    else if (kind == CFI_NUMBER_LEADING_ZERO)
        hint = "(write level values without leading zeros)";
    return cfi_level_not_on_scale(el, text, 1, hint, source, mark, err);
}

int cf_element_level_by_label(double *out, const cf_element *el,
                              const char *label, cf_error *err)
{
    if (!out || !el || !label)
        return cfi_fail(err, CF_EARG, "", NULL,
                        "out, the element and the label must not be NULL");
    return cfi_level_parse(out, el, label, 0, "", NULL, err);
}
