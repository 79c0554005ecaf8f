/*
 * What the CASE importer and exporter share (case_import.c,
 * case_export.c); docs/interop.md describes the mapping.
 */
#ifndef CF_CASE_H
#define CF_CASE_H

#include "competency.h"

/*
 * The key under `extensions` of the CFDocument and CFItems that carries
 * what CASE has no field for (framework id, hierarchy, scales, weights,
 * rollups, x- keys), so that a package libcompetency wrote reads back as
 * the same model.
 */
#define CFI_CASE_EXT "libcompetency"

/* The version of that extension's shape. */
#define CFI_CASE_EXT_FORMAT 1

/* The CASE associationType of each cf_relation, in cf_relation order. */
extern const char *const cfi_case_relation_types[CF_RELATION_COUNT];

#endif /* CF_CASE_H */
