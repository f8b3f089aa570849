/* SPDX-License-Identifier: MIT */
/* The structure-aware mutator (mutate.c), for libFuzzer and AFL++ alike. */
#ifndef RF_FUZZ_MUTATE_H
#define RF_FUZZ_MUTATE_H

#include <stddef.h>
#include <stdint.h>

#include "format.h"

/* A random op the profile would favour, with fields in a program's ranges. */
void rf_random_op(const struct rf_profile *p, const struct rf_geometry *g, uint64_t *rng,
		  struct rf_op *op);
/* One to three whole-op mutations of @prog, in place. */
void rf_mutate_program(const struct rf_profile *p, struct rf_program *prog, uint64_t *rng);
/* Bytes in, mutated canonical bytes out (at most @max_size); 0 if nothing fit. */
size_t rf_mutate(const struct rf_profile *p, const uint8_t *in, size_t in_size, uint8_t *out,
		 size_t max_size, uint64_t seed);
/* The head of @a's ops and the tail of @b's, on @a's geometry. */
size_t rf_crossover(const struct rf_profile *p, const uint8_t *a, size_t a_size, const uint8_t *b,
		    size_t b_size, uint8_t *out, size_t max_size, uint64_t seed);

#endif /* RF_FUZZ_MUTATE_H */
