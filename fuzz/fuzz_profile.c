/*
 * Fuzz target: the profile loader, against the SOLS framework. Any input
 * must load or fail cleanly. A loaded profile has every target read, and
 * a fixed assessment is gap-analysed against it and written as JSON and
 * text.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "competency.h"
#include "fuzz.h"
#include "pipeline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cf_profile *p = NULL;
    fuzz_variant variant;
    cf_error err;
    if (cf_profile_load_buffer(&p, fuzz_framework(), (const char *)data, size,
                               "fuzz", NULL, &err) != CF_OK)
        return 0;
    fuzz_assert(cf_profile_id(p) != NULL, "a profile with no id");
    for (size_t t = 0; t < cf_profile_target_count(p); t++) {
        double importance = cf_profile_target_importance(p, t);
        fuzz_assert(cf_profile_target_element(p, t) != NULL,
                    "a target with no element");
        fuzz_assert(isfinite(importance) && importance > 0,
                    "a target importance that is not positive and finite");
    }
    fuzz_variant_init(&variant, data, size);
    fuzz_analyze(fuzz_assessment(), p, &variant);
    cf_profile_free(p);
    return 0;
}
