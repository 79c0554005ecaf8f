/*
 * What lib/profile.c shares with lib/profile_load.c. These declarations
 * belong with the rest of the profile internals in internal.h; they live
 * here until the contract there has them.
 */
#ifndef CF_PROFILE_H
#define CF_PROFILE_H

#include "internal.h"

/*
 * A new profile of fw with no id and no targets, one reference, memory
 * from a (copied into it). Takes a reference to fw. NULL when out of
 * memory.
 */
cf_profile *cfi_profile_create(cf_framework *fw, const cf_allocator *a);

/* Appends t, already checked, to p's targets. CF_OK or CF_ENOMEM. */
int cfi_profile_push(cf_profile *p, const cfi_target *t);

#endif /* CF_PROFILE_H */
