/*
 * Fuzz target: the CASE JSON importer. Any input must load or fail
 * cleanly; a loaded framework must also export.
 */
#include <stddef.h>
#include <stdint.h>

#include "competency.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cf_framework *fw = NULL;
    cf_error err;
    if (cf_framework_load_case_buffer(&fw, (const char *)data, size, "fuzz",
                                      NULL, &err) == CF_OK) {
        char *text = NULL;
        if (cf_framework_to_case(fw, 0, &text, &err) == CF_OK)
            cf_string_free(text);
        cf_framework_free(fw);
    }
    return 0;
}
