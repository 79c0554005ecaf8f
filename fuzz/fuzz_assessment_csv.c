/*
 * Fuzz target: the CSV assessment loader, against the SOLS framework.
 * Any input must load or fail cleanly. Every assessment loaded is then
 * scored, gap-analysed against the branch manager profile and written as
 * JSON and text, and the list is written back as YAML and loaded again
 * (pipeline.c).
 */
#include <stddef.h>
#include <stdint.h>

#include "competency.h"
#include "fuzz.h"
#include "pipeline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_assessments(data, size, CF_FORMAT_CSV);
    return 0;
}
