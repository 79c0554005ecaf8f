/*
 * The matrix kernel: scoring many people at once (DESIGN section 4, the
 * same rules as score.c). People are taken CFI_LANES at a time and their
 * scores laid out element after element, so that each step of the
 * backward pass is the same arithmetic on CFI_LANES neighbouring doubles,
 * which the compiler turns into vector instructions. Every sum runs in the
 * order score.c uses, so the numbers are the same to the bit.
 */
#include "internal.h"

#include <math.h>
#include <string.h>

/* ---- the plan ------------------------------------------------------------ */

/* An element with children, as the kernel rolls it up. */
typedef struct matrix_node {
    size_t element;
    cf_rollup rollup;
    size_t child_first; /* into the plan's child and weight arrays */
    size_t child_count;
} matrix_node;

/* What the kernel needs of a framework, in the order it needs it. */
typedef struct matrix_plan {
    size_t element_count;
    cf_missing missing;
    double *lo, *hi, *span; /* per element: its scale's ends, hi - lo */
    matrix_node *nodes;     /* elements with children, last first */
    size_t node_count;
    size_t *child; /* the nodes' children, node after node */
    double *weight;
    double *nan_row; /* element_count NaNs: the rows past a team's end */
} matrix_plan;

static void plan_fill(matrix_plan *plan, const cf_framework *fw)
{
    size_t next_child = 0;
    plan->node_count = 0;
    for (size_t i = 0; i < fw->element_count; i++) {
        const cf_scale *scale = &fw->scales[fw->elements[i].scale];
        plan->lo[i] = scale->levels[0].value;
        plan->hi[i] = scale->levels[scale->level_count - 1].value;
        plan->span[i] = plan->hi[i] - plan->lo[i];
        plan->nan_row[i] = NAN;
    }
    /* children come after their parent in pre-order: the last parent
     * first means every child is scored before its parent */
    for (size_t i = fw->element_count; i-- > 0;) {
        const cf_element *el = &fw->elements[i];
        if (!el->child_count)
            continue;
        matrix_node *node = &plan->nodes[plan->node_count++];
        *node = (matrix_node){i, el->rollup, next_child, el->child_count};
        for (size_t k = 0; k < el->child_count; k++, next_child++) {
            size_t c = fw->children[el->child_first + k];
            plan->child[next_child] = c;
            plan->weight[next_child] = fw->elements[c].weight;
        }
    }
}

static void plan_free(matrix_plan *plan, const cf_allocator *alloc);

/* Builds the plan of fw; CF_ENOMEM. Free with plan_free. */
static int plan_init(matrix_plan *plan, const cf_allocator *alloc,
                     const cf_framework *fw, cf_missing missing)
{
    size_t n = fw->element_count ? fw->element_count : 1;
    memset(plan, 0, sizeof *plan);
    plan->element_count = fw->element_count;
    plan->missing = missing;
    plan->lo = cfi_alloc(alloc, n * sizeof *plan->lo);
    plan->hi = cfi_alloc(alloc, n * sizeof *plan->hi);
    plan->span = cfi_alloc(alloc, n * sizeof *plan->span);
    plan->nan_row = cfi_alloc(alloc, n * sizeof *plan->nan_row);
    plan->nodes = cfi_alloc(alloc, n * sizeof *plan->nodes);
    plan->child = cfi_alloc(alloc, n * sizeof *plan->child);
    plan->weight = cfi_alloc(alloc, n * sizeof *plan->weight);
    if (!plan->lo || !plan->hi || !plan->span || !plan->nan_row ||
        !plan->nodes || !plan->child || !plan->weight) {
        plan_free(plan, alloc);
        return CF_ENOMEM;
    }
    plan_fill(plan, fw);
    return CF_OK;
}

static void plan_free(matrix_plan *plan, const cf_allocator *alloc)
{
    cfi_release(alloc, plan->lo);
    cfi_release(alloc, plan->hi);
    cfi_release(alloc, plan->span);
    cfi_release(alloc, plan->nan_row);
    cfi_release(alloc, plan->nodes);
    cfi_release(alloc, plan->child);
    cfi_release(alloc, plan->weight);
    memset(plan, 0, sizeof *plan);
}

/* ---- the kernel ---------------------------------------------------------- */

/* Whether x is a level outside [lo, hi] (NaN, unrated, is not). */
static int out_of_range(double x, double lo, double hi)
{
    return (x < lo) | (x > hi);
}

#if !defined(__GNUC__)
#error "lib/score_matrix.c needs GCC's vector extension (GCC or clang)"
#endif

/* GCC and clang warn that a vector wider than the target's registers is
 * passed differently with and without AVX-512; every function taking or
 * giving one here is static (and inlined), so no call crosses that
 * boundary. */
#pragma GCC diagnostic ignored "-Wpsabi"

/*
 * CFI_LANES doubles as one value, with GCC's vector extension (also in
 * clang): the compiler emits the widest vector instructions the target
 * has, at any optimisation level. A comparison gives a mask per lane (all
 * ones or zero), and lanes are chosen with masks, never with branches.
 */
/*
 * With GCC on x86-64 the kernel is compiled three times, for AVX-512, for
 * AVX2 and for the baseline, and the dynamic loader picks the one the
 * processor runs (function multiversioning); the helpers are inlined into
 * each. The library is built with -ffp-contract=off, so no version fuses
 * a multiply and an add: all give the same bits. Not in sanitizer builds:
 * the loader runs the version picker before the sanitizer's runtime is
 * ready, and ThreadSanitizer's instrumentation of it crashes.
 */
#define CFI_KERNEL_INLINE __attribute__((always_inline))
#if defined(__x86_64__) && !defined(__clang__) && defined(__ELF__) &&          \
    !defined(__SANITIZE_THREAD__) && !defined(__SANITIZE_ADDRESS__)
#define CFI_KERNEL_CLONES                                                      \
    __attribute__((                                                            \
        target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define CFI_KERNEL_CLONES
#endif

typedef double lanes __attribute__((vector_size(CFI_LANES * sizeof(double))));
typedef int64_t lane_mask
    __attribute__((vector_size(CFI_LANES * sizeof(double))));

/* a where m is set, b elsewhere */
static inline CFI_KERNEL_INLINE lanes select_lanes(lane_mask m, lanes a,
                                                   lanes b)
{
    return (lanes)(((lane_mask)a & m) | ((lane_mask)b & ~m));
}

static inline CFI_KERNEL_INLINE lanes splat(double x)
{
    lanes v = {0};
    for (size_t j = 0; j < CFI_LANES; j++)
        v[j] = x;
    return v;
}

static inline CFI_KERNEL_INLINE lanes load(const double *p)
{
    lanes v = {0};
    memcpy(&v, p, sizeof v);
    return v;
}

static inline CFI_KERNEL_INLINE void store(double *p, lanes v)
{
    memcpy(p, &v, sizeof v);
}

/* Copies the lanes' rows into scratch, element after element: each row is
 * read in order, which the processor's prefetchers follow. */
static inline CFI_KERNEL_INLINE void
transpose_lanes(size_t n, const double *const rows[CFI_LANES], double *scratch)
{
    for (size_t j = 0; j < CFI_LANES; j++) {
        const double *row = rows[j];
        for (size_t i = 0; i < n; i++)
            scratch[i * CFI_LANES + j] = row[i];
    }
}

/*
 * Reads and normalises the lanes' levels, element after element; returns
 * non-zero when one is invalid. A level on a one-level scale normalises
 * to 1, as cf_scale_normalize says; NaN stays NaN. A level x is outside
 * [lo, hi] exactly when x - lo or hi - x is negative (infinities
 * included); the smallest of those is kept with a < b ? a : b, which NaN
 * never wins, so one vector minimum does the check.
 */
static inline CFI_KERNEL_INLINE int
load_lanes(const matrix_plan *plan, const double *const rows[CFI_LANES],
           double *scratch)
{
    lanes least = splat(0);
    transpose_lanes(plan->element_count, rows, scratch);
    for (size_t i = 0; i < plan->element_count; i++) {
        lanes x = load(scratch + i * CFI_LANES);
        lanes lo = splat(plan->lo[i]);
        lanes below = x - lo, above = splat(plan->hi[i]) - x;
        least = select_lanes(below < least, below, least);
        least = select_lanes(above < least, above, least);
        lanes norm =
            plan->span[i] > 0 ? below / splat(plan->span[i]) : x - x + splat(1);
        store(scratch + i * CFI_LANES, norm);
    }
    int invalid = 0;
    for (size_t j = 0; j < CFI_LANES; j++)
        invalid |= least[j] < 0;
    return invalid;
}

/* Weighted mean of the scored children (missing ones skipped, or as 0):
 * an unscored child adds w x 0 to the sum, and w to the weights only when
 * missing counts as 0, as score.c does. */
static inline CFI_KERNEL_INLINE lanes roll_mean(const matrix_plan *plan,
                                                const matrix_node *node,
                                                const double *scratch)
{
    lanes sum = splat(0), weights = splat(0);
    lane_mask scored = {0};
    int zero = plan->missing == CF_MISSING_ZERO;
    for (size_t k = 0; k < node->child_count; k++) {
        size_t c = node->child_first + k;
        lanes x = load(scratch + plan->child[c] * CFI_LANES);
        lanes w = splat(plan->weight[c]);
        lane_mask has = x == x;
        sum += w * (lanes)((lane_mask)x & has);
        weights += zero ? w : (lanes)((lane_mask)w & has);
        scored |= has;
    }
    return select_lanes(scored, sum / weights, splat(NAN));
}

/* Min or max of the scored children (missing ones skipped, or as 0). */
static inline CFI_KERNEL_INLINE lanes roll_extreme(const matrix_plan *plan,
                                                   const matrix_node *node,
                                                   const double *scratch)
{
    int want_max = node->rollup == CF_ROLLUP_MAX;
    lanes none = splat(plan->missing == CF_MISSING_ZERO ? 0.0
                       : want_max                       ? -INFINITY
                                                        : INFINITY);
    lanes best = splat(want_max ? -INFINITY : INFINITY);
    lane_mask scored = {0};
    for (size_t k = 0; k < node->child_count; k++) {
        lanes x =
            load(scratch + plan->child[node->child_first + k] * CFI_LANES);
        lane_mask has = x == x;
        lanes v = select_lanes(has, x, none);
        best = select_lanes(want_max ? v > best : v < best, v, best);
        scored |= has;
    }
    return select_lanes(scored, best, splat(NAN));
}

/*
 * Scores rows [first, first + count) of levels (count <= CFI_LANES) into
 * scratch, element after element (lanes past count are unscored). Returns
 * non-zero when one of those rows holds an invalid level (not finite, or
 * outside its scale). Allocates nothing, so many threads run it at once.
 */
CFI_KERNEL_CLONES
static int score_block(const matrix_plan *plan, const double *levels,
                       size_t first, size_t count, double *scratch)
{
    const double *rows[CFI_LANES];
    for (size_t j = 0; j < CFI_LANES; j++)
        rows[j] = j < count ? levels + (first + j) * plan->element_count
                            : plan->nan_row;
    int invalid = load_lanes(plan, rows, scratch);
    for (size_t k = 0; k < plan->node_count; k++) {
        const matrix_node *node = &plan->nodes[k];
        lanes rolled = node->rollup == CF_ROLLUP_MEAN
                           ? roll_mean(plan, node, scratch)
                           : roll_extreme(plan, node, scratch);
        /* a direct rating overrides the rollup */
        double *own = scratch + node->element * CFI_LANES;
        lanes rated = load(own);
        store(own, select_lanes(rated == rated, rated, rolled));
    }
    return invalid;
}

/* The first invalid level from row first on: fails with CF_EINVALID
 * naming its row and element; CF_OK when there is none. */
static int find_invalid(const matrix_plan *plan, const cf_framework *fw,
                        const double *levels, size_t first, size_t people,
                        cf_error *err)
{
    size_t n = plan->element_count;
    for (size_t r = first; r < people; r++) {
        for (size_t i = 0; i < n; i++) {
            double x = levels[r * n + i];
            if (!out_of_range(x, plan->lo[i], plan->hi[i]))
                continue;
            return cfi_fail(err, CF_EINVALID, "", NULL,
                            "row %zu, element '%s': level %g is outside its "
                            "scale, which runs from %g to %g",
                            r, fw->elements[i].id, x, plan->lo[i], plan->hi[i]);
        }
    }
    return CF_OK;
}

/* ---- the engine ---------------------------------------------------------- */

typedef struct matrix_job {
    const matrix_plan *plan;
    const double *levels;
    size_t people;
    cfi_matrix_each *each;
    void *ctx;
    double *scratch; /* one element_count x CFI_LANES area per worker */
    size_t first_invalid[CFI_MAX_WORKERS]; /* per worker, or CFI_NONE */
} matrix_job;

static void run_blocks(void *ctx, size_t worker, size_t first_block,
                       size_t end_block)
{
    matrix_job *job = ctx;
    double *scratch =
        job->scratch + worker * (job->plan->element_count + 1) * CFI_LANES;
    job->first_invalid[worker] = CFI_NONE;
    for (size_t b = first_block; b < end_block; b++) {
        size_t first = b * CFI_LANES;
        size_t count =
            job->people - first < CFI_LANES ? job->people - first : CFI_LANES;
        if (score_block(job->plan, job->levels, first, count, scratch) &&
            job->first_invalid[worker] == CFI_NONE)
            job->first_invalid[worker] = b;
        job->each(job->ctx, scratch, first, count);
    }
}

/* The first bad block any worker saw, or CFI_NONE. */
static size_t first_invalid(const matrix_job *job, size_t workers)
{
    size_t first = CFI_NONE;
    for (size_t w = 0; w < workers; w++)
        if (job->first_invalid[w] < first)
            first = job->first_invalid[w];
    return first;
}

int cfi_matrix_run(const cf_framework *fw, const cf_allocator *alloc,
                   const double *levels, size_t people,
                   const cf_score_options *options, cfi_matrix_each *each,
                   void *ctx, cf_error *err)
{
    size_t blocks = (people + CFI_LANES - 1) / CFI_LANES;
    size_t workers = cfi_parallel_workers(options->threads, blocks);
    matrix_plan plan;
    matrix_job job = {&plan, levels, people, each, ctx, NULL, {0}};
    if (plan_init(&plan, alloc, fw, options->missing) != CF_OK)
        return cfi_fail(err, CF_ENOMEM, "", NULL, "out of memory");
    /* + 1: never a request of 0 bytes, which an allocator may refuse */
    job.scratch = cfi_alloc(alloc, workers * (fw->element_count + 1) *
                                       CFI_LANES * sizeof(double));
    int rc = CF_OK;
    if (!job.scratch) {
        rc = cfi_fail(err, CF_ENOMEM, "", NULL, "out of memory");
    } else {
        cfi_parallel_run(workers, blocks, run_blocks, &job);
        size_t bad = first_invalid(&job, workers);
        if (bad != CFI_NONE)
            rc = find_invalid(&plan, fw, levels, bad * CFI_LANES, people, err);
    }
    cfi_release(alloc, job.scratch);
    plan_free(&plan, alloc);
    return rc;
}

int cfi_matrix_check_size(const cf_framework *fw, size_t people, cf_error *err)
{
    if (fw->element_count &&
        people > SIZE_MAX / fw->element_count / sizeof(double))
        return cfi_fail(err, CF_EARG, "", NULL,
                        "%zu people x %zu elements is too large", people,
                        fw->element_count);
    return CF_OK;
}

/* ---- cf_scores_compute_matrix -------------------------------------------- */

typedef struct score_copy {
    double *normalized;
    size_t element_count;
} score_copy;

/* Copies a block's scores into the caller's rows. */
static void copy_scores(void *ctx, const double *scratch, size_t first,
                        size_t count)
{
    const score_copy *to = ctx;
    size_t n = to->element_count;
    for (size_t j = 0; j < count; j++)
        for (size_t i = 0; i < n; i++)
            to->normalized[(first + j) * n + i] = scratch[i * CFI_LANES + j];
}

int cf_scores_compute_matrix(double *normalized, const cf_framework *fw,
                             const double *levels, size_t people,
                             const cf_score_options *opts, cf_error *err)
{
    cf_score_options options;
    if (!fw || (people && (!normalized || !levels)))
        return cfi_fail(err, CF_EARG, "", NULL,
                        "the framework, levels and the output must not be "
                        "NULL");
    int rc = cfi_matrix_check_size(fw, people, err);
    if (rc == CF_OK)
        rc = cfi_score_options_resolve(&options, opts, err);
    if (rc != CF_OK || people == 0)
        return rc;
    score_copy to = {normalized, fw->element_count};
    return cfi_matrix_run(fw, &fw->allocator, levels, people, &options,
                          copy_scores, &to, err);
}
