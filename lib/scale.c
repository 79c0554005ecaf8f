/* Scales and their levels: read-only accessors. */
#include "internal.h"

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
