// SPDX-License-Identifier: MIT
/*
 * A two-level bitmap over zone regions.  The sorted-buddy lists need "the
 * highest non-empty region below r" on every insertion of a new run, and the
 * region allocator needs "the lowest held region": a summary word per 64
 * words of bits makes both a pair of word scans instead of a walk over every
 * region.
 */
#include <stdlib.h>

#include "internal.h"

static inline unsigned int fls64(uint64_t w)	/* index of the highest set bit */
{
	return 63u - (unsigned int)__builtin_clzll(w);
}

static inline unsigned int ffs64(uint64_t w)	/* index of the lowest set bit */
{
	return (unsigned int)__builtin_ctzll(w);
}

int region_bitmap_init(struct region_bitmap *b, uint32_t nr_bits)
{
	b->nr_words = (nr_bits + 63) / 64;
	b->nr_summary = (b->nr_words + 63) / 64;
	b->bits = calloc(b->nr_words, sizeof(*b->bits));
	b->summary = calloc(b->nr_summary, sizeof(*b->summary));
	if (!b->bits || !b->summary) {
		region_bitmap_free(b);
		return RF_ENOSPC;
	}
	return RF_OK;
}

void region_bitmap_free(struct region_bitmap *b)
{
	free(b->bits);
	free(b->summary);
	b->bits = b->summary = NULL;
}

void region_bitmap_clear_all(struct region_bitmap *b)
{
	for (uint32_t i = 0; i < b->nr_words; i++)
		b->bits[i] = 0;
	for (uint32_t i = 0; i < b->nr_summary; i++)
		b->summary[i] = 0;
}

void region_bitmap_set(struct region_bitmap *b, uint32_t bit)
{
	uint32_t w = bit / 64;

	b->bits[w] |= 1ULL << (bit % 64);
	b->summary[w / 64] |= 1ULL << (w % 64);
}

void region_bitmap_clear(struct region_bitmap *b, uint32_t bit)
{
	uint32_t w = bit / 64;

	b->bits[w] &= ~(1ULL << (bit % 64));
	if (!b->bits[w])
		b->summary[w / 64] &= ~(1ULL << (w % 64));
}

bool region_bitmap_test(const struct region_bitmap *b, uint32_t bit)
{
	return b->bits[bit / 64] >> (bit % 64) & 1;
}

uint32_t region_bitmap_find_prev(const struct region_bitmap *b, uint32_t bit)
{
	uint32_t w = bit / 64;
	uint64_t below = b->bits[w] & ((1ULL << (bit % 64)) - 1);

	if (below)
		return w * 64 + fls64(below);

	/* No lower bit in that word: find the highest non-empty word below it. */
	uint32_t s = w / 64;
	uint64_t words = b->summary[s] & ((1ULL << (w % 64)) - 1);

	while (!words) {
		if (s == 0)
			return NO_REGION;
		words = b->summary[--s];
	}
	w = s * 64 + fls64(words);
	return w * 64 + fls64(b->bits[w]);
}

uint32_t region_bitmap_find_first(const struct region_bitmap *b)
{
	for (uint32_t s = 0; s < b->nr_summary; s++) {
		if (b->summary[s]) {
			uint32_t w = s * 64 + ffs64(b->summary[s]);

			return w * 64 + ffs64(b->bits[w]);
		}
	}
	return NO_REGION;
}
