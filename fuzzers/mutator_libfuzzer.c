// SPDX-License-Identifier: MIT
/*
 * libFuzzer's custom mutator hooks for one target: three times in four a
 * structural mutation (mutate.c), otherwise libFuzzer's own byte mutator, so
 * that both kinds of change reach the corpus.
 */
#include <string.h>

#include "mutate.h"
#include "target.h"

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed);
size_t LLVMFuzzerCustomCrossOver(const uint8_t *data1, size_t size1, const uint8_t *data2,
				 size_t size2, uint8_t *out, size_t max_out_size, unsigned int seed);
const struct rf_target *rf_this_target(void);

static uint8_t scratch[1 << 16];

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
	uint64_t s = seed;
	size_t cap = max_size < sizeof(scratch) ? max_size : sizeof(scratch);
	size_t n;

	if (rf_rand(&s) % 4 == 0)
		return LLVMFuzzerMutate(data, size, max_size);
	n = rf_mutate(rf_this_target()->profile, data, size, scratch, cap, s);
	if (!n)
		return LLVMFuzzerMutate(data, size, max_size);
	memcpy(data, scratch, n);
	return n;
}

size_t LLVMFuzzerCustomCrossOver(const uint8_t *data1, size_t size1, const uint8_t *data2,
				 size_t size2, uint8_t *out, size_t max_out_size, unsigned int seed)
{
	return rf_crossover(rf_this_target()->profile, data1, size1, data2, size2, out, max_out_size,
			    seed);
}
