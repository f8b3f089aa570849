// SPDX-License-Identifier: MIT
/*
 * The study's random numbers: splitmix64, chosen because its whole state is
 * one word and its arithmetic is integer only, so a seed gives the same
 * stream under any compiler and the CSV files are byte-identical.
 */
#include "study.h"

void rng_init(struct rng *r, uint64_t seed, uint64_t stream)
{
	/* Spread the stream number over the word so that nearby streams of
	 * nearby seeds do not start on overlapping stretches. */
	r->state = seed ^ (stream * 0xd1342543de82ef95ULL);
	rng_next(r);
}

uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

unsigned long rng_below(struct rng *r, unsigned long n)
{
	/* The top 32 bits scaled by n: unbiased enough for n far below 2^32,
	 * which every caller's n is (workers, blocks, percentages). */
	return (unsigned long)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}
