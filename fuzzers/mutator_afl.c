// SPDX-License-Identifier: MIT
/*
 * The same structural mutator as an AFL++ custom mutator library (afl-fuzz
 * never calls LLVMFuzzerCustomMutator): load it with
 * AFL_CUSTOM_MUTATOR_LIBRARY=libmutator_<target>.so.  AFL++ keeps running its
 * own byte-level stages alongside.
 */
#include <stdlib.h>

#include "mutate.h"
#include "target.h"

const struct rf_target *rf_this_target(void);

struct rf_afl_mutator {
	uint64_t rng;
	uint8_t *buf;
	size_t cap;
};

void *afl_custom_init(void *afl, unsigned int seed);
size_t afl_custom_fuzz(void *data, uint8_t *buf, size_t buf_size, uint8_t **out_buf,
		       uint8_t *add_buf, size_t add_buf_size, size_t max_size);
void afl_custom_deinit(void *data);

void *afl_custom_init(void *afl, unsigned int seed)
{
	struct rf_afl_mutator *m = calloc(1, sizeof(*m));

	(void)afl;
	if (!m)
		return NULL;
	m->rng = seed;
	m->cap = 1 << 16;
	m->buf = malloc(m->cap);
	if (!m->buf) {
		free(m);
		return NULL;
	}
	return m;
}

size_t afl_custom_fuzz(void *data, uint8_t *buf, size_t buf_size, uint8_t **out_buf,
		       uint8_t *add_buf, size_t add_buf_size, size_t max_size)
{
	struct rf_afl_mutator *m = data;
	size_t cap = max_size < m->cap ? max_size : m->cap;
	uint64_t seed = rf_rand(&m->rng);
	size_t n;

	/* Splice with the second input AFL++ offers, one time in four. */
	if (add_buf && add_buf_size && seed % 4 == 0)
		n = rf_crossover(rf_this_target()->profile, buf, buf_size, add_buf, add_buf_size,
				 m->buf, cap, seed);
	else
		n = rf_mutate(rf_this_target()->profile, buf, buf_size, m->buf, cap, seed);
	if (!n) {
		*out_buf = buf;
		return buf_size;
	}
	*out_buf = m->buf;
	return n;
}

void afl_custom_deinit(void *data)
{
	struct rf_afl_mutator *m = data;

	if (m)
		free(m->buf);
	free(m);
}
