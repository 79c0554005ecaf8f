/*
 * Deterministic synthetic competency data for the benchmarks: a framework
 * of any size (at least 16 elements), a role's profile against it, and the
 * self-assessments of any number of people, written in the formats of
 * docs/format.md. Everything is a pure function of (elements, seed) and,
 * for ratings, of the person's number: the same arguments give the same
 * bytes on every machine, and any person can be generated alone.
 *
 * Shape: four levels (domains, competencies, sub-competencies, behaviours),
 * every leaf at depth 3, fan-outs spread evenly so that the element count
 * is exact. Ids look like D03.C12.S04.B07. Three scales: "proficiency"
 * (0..4, the default), "frequency" (1..3) and "agreement" (1..5), each used
 * by whole subtrees. Ratings are on leaves only, about 90% of them rated
 * per person, every level a whole-number level value.
 *
 * A synth is read-only once made: every function but synth_free may be
 * called on one synth from several threads at once.
 */
#ifndef CF_BENCH_SYNTH_H
#define CF_BENCH_SYNTH_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* A synthetic framework's shape, deterministic from (elements, seed). */
typedef struct synth synth;

/*
 * Makes the shape of a framework of exactly `elements` elements, drawn
 * from seed. NULL when out of memory or elements < 16. Free with
 * synth_free.
 */
synth *synth_new(size_t elements, uint64_t seed);

/* Frees s; accepts NULL. */
void synth_free(synth *s);

/* The number of elements (the `elements` given to synth_new). */
size_t synth_element_count(const synth *s);

/* The framework's id, "bench-" and the element count (e.g. "bench-1000"). */
const char *synth_framework_id(const synth *s);

/*
 * Writes the framework as one YAML document (docs/format.md) to out.
 * 0, or -1 on a write error (out is flushed before returning).
 */
int synth_write_framework(const synth *s, FILE *out);

/*
 * Writes the profile "bench-role": a target on every depth-1 element
 * (competency), at a level in the upper half of its scale (the middle
 * level or above; the top one about one time in six), importance
 * cycling 1, 2, 3, every fifth target critical. 0, or -1 on a write error.
 */
int synth_write_profile(const synth *s, FILE *out);

/*
 * Writes the self-assessments of people persons, numbered first ..
 * first + people - 1 (subjects "person-000042"), to out: CSV (header
 * subject,element,level,rater,role,date and one row per rating) when csv
 * is non-zero, else YAML with one document per person. 0, or -1 on a
 * write error.
 */
int synth_write_assessments(const synth *s, size_t first, size_t people,
                            int csv, FILE *out);

/*
 * Person's levels as a dense row of synth_element_count doubles, indexed
 * in pre-order (== the library's element index after loading the
 * framework written by synth_write_framework), NaN where unrated; exactly
 * the ratings synth_write_assessments writes for that person.
 */
void synth_levels(const synth *s, size_t person, double *row);

/* ---- Additions: handy for harnesses and checks. ---- */

/* How many leaves (behaviours, the elements that get rated). */
size_t synth_leaf_count(const synth *s);

/* The id of the element at pre-order index (NULL past the end). */
const char *synth_element_id(const synth *s, size_t index);

/*
 * Writes person's subject ("person-000042") into buf of size bytes,
 * truncated and NUL-terminated; returns the length it needs, without the
 * NUL (as snprintf).
 */
size_t synth_subject(size_t person, char *buf, size_t size);

#endif /* CF_BENCH_SYNTH_H */
