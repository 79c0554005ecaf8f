/* "Did you mean ...?": the closest known name to a misspelt one. */
#include "internal.h"

#include <string.h>

/* Longest name compared; longer ones are never suggested. */
#define SUGGEST_MAX_LEN 64

static int lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

static size_t min3(size_t a, size_t b, size_t c)
{
    size_t m = a < b ? a : b;
    return m < c ? m : c;
}

/*
 * Optimal string alignment distance (insertions, deletions, substitutions
 * and swaps of neighbours), ignoring ASCII case. Both lengths are at most
 * SUGGEST_MAX_LEN.
 */
static size_t edit_distance(const char *a, size_t na, const char *b, size_t nb)
{
    size_t rows[3][SUGGEST_MAX_LEN + 1];
    size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= nb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= na; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t cost = lower(a[i - 1]) != lower(b[j - 1]);
            cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
            if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
                lower(a[i - 2]) == lower(b[j - 1]) && prev2[j - 2] + 1 < cur[j])
                cur[j] = prev2[j - 2] + 1;
        }
        size_t *spare = prev2;
        prev2 = prev;
        prev = cur;
        cur = spare;
    }
    return prev[nb];
}

/* Whether the shorter of a and b (3 characters at least) starts the other. */
static int is_prefix_pair(const char *a, size_t na, const char *b, size_t nb)
{
    size_t n = na < nb ? na : nb;
    if (n < 3)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (lower(a[i]) != lower(b[i]))
            return 0;
    return 1;
}

const char *cfi_suggest(const char *word, cfi_name_at name_at, const void *ctx,
                        size_t count)
{
    size_t nw = strlen(word);
    if (nw == 0 || nw > SUGGEST_MAX_LEN)
        return NULL;
    const char *best = NULL;
    size_t best_score = SIZE_MAX;
    for (size_t i = 0; i < count; i++) {
        const char *name = name_at(ctx, i);
        if (!name)
            continue;
        size_t nn = strlen(name);
        if (nn > SUGGEST_MAX_LEN)
            continue;
        size_t shorter = nw < nn ? nw : nn;
        size_t allowed = shorter / 3 > 1 ? shorter / 3 : 1;
        size_t distance = edit_distance(word, nw, name, nn);
        /* Scores in half edits: a prefix counts as just over the allowed
         * edits, so it is suggested only when no real typo is as close. */
        size_t score;
        if (distance <= allowed)
            score = 2 * distance;
        else if (is_prefix_pair(word, nw, name, nn))
            score = 2 * allowed + 1;
        else
            continue;
        if (score < best_score) {
            best = name;
            best_score = score;
        }
    }
    return best;
}

static const char *list_name_at(const void *ctx, size_t i)
{
    return ((const char *const *)ctx)[i];
}

const char *cfi_suggest_list(const char *word, const char *const *names)
{
    size_t count = 0;
    while (names[count])
        count++;
    return cfi_suggest(word, list_name_at, names, count);
}

const char *cf_suggest(const char *word, const char *const *names, size_t count)
{
    if (!word || !names)
        return NULL;
    return cfi_suggest(word, list_name_at, names, count);
}
