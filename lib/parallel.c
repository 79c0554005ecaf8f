/*
 * Work split over threads for the matrix functions: each worker takes one
 * contiguous range of blocks, so what a block produces never depends on
 * how many workers there are, and results are the same to the bit.
 */
#include "internal.h"

#include <pthread.h>
#include <unistd.h>

/* More workers than this would only add start-up cost. */
#define MAX_WORKERS CFI_MAX_WORKERS

typedef struct worker_range {
    cfi_parallel_work *work;
    void *ctx;
    size_t worker, first, end;
} worker_range;

static void *run_range(void *arg)
{
    const worker_range *r = arg;
    r->work(r->ctx, r->worker, r->first, r->end);
    return NULL;
}

size_t cfi_parallel_workers(unsigned int threads, size_t blocks)
{
    size_t wanted = threads;
    if (wanted == 0) {
        long online = sysconf(_SC_NPROCESSORS_ONLN);
        wanted = online > 0 ? (size_t)online : 1;
    }
    if (wanted > MAX_WORKERS)
        wanted = MAX_WORKERS;
    if (wanted > blocks)
        wanted = blocks;
    return wanted ? wanted : 1;
}

void cfi_parallel_run(size_t workers, size_t blocks, cfi_parallel_work *work,
                      void *ctx)
{
    worker_range ranges[MAX_WORKERS];
    pthread_t ids[MAX_WORKERS];
    int started[MAX_WORKERS] = {0};
    if (workers > MAX_WORKERS)
        workers = MAX_WORKERS;
    for (size_t w = 0; w < workers; w++) {
        ranges[w] = (worker_range){work, ctx, w, blocks * w / workers,
                                   blocks * (w + 1) / workers};
        if (w > 0)
            started[w] =
                pthread_create(&ids[w], NULL, run_range, &ranges[w]) == 0;
    }
    run_range(&ranges[0]);
    for (size_t w = 1; w < workers; w++) {
        if (started[w])
            pthread_join(ids[w], NULL);
        else
            run_range(&ranges[w]);
    }
}
