// SPDX-License-Identifier: MIT
/*
 * Profiles (format.h): a target's op mix as an opcode table.  Entries 0..13
 * hold each kind once, in ops.def order -- the canonical opcodes, the same
 * in every table -- and the other 242 entries are shared out by weight, by
 * largest remainder, in runs in ops.def order.  Version 1's own table is
 * the default profile's: a test keeps the two equal.
 */
#include <string.h>

#include "format_decode.h"

#define FIXED RF_OP_NR			/* entries 0..RF_OP_NR-1: each kind once */
#define SHARED (256 - FIXED)

_Static_assert(RF_OP_NR == 14, "version 1 knows 14 ops; a new op needs a new version");

/* Version 1's table, counted: its entries per kind, less the fixed one. */
const struct rf_profile rf_profile_default = {
	.name = "default",
	.weight = {
		[RF_OP_ALLOC] = 78, [RF_OP_FREE] = 72, [RF_OP_FREE_PFN] = 4, [RF_OP_STEAL] = 10,
		[RF_OP_MOVE] = 12, [RF_OP_MOVE_BLOCK] = 10, [RF_OP_ISOLATE] = 15,
		[RF_OP_UNISOLATE] = 12, [RF_OP_ISOLATE_RANGE] = 7, [RF_OP_UNISOLATE_RANGE] = 7,
		[RF_OP_RESERVE] = 3, [RF_OP_RA_REQUEST] = 10, [RF_OP_FREE_ALL] = 0,
		[RF_OP_CHECK] = 2,
	},
};

void rf_profile_table(const struct rf_profile *p, unsigned char table[256])
{
	unsigned int total = 0, given = 0, share[RF_OP_NR], rem[RF_OP_NR];

	for (int k = 0; k < RF_OP_NR; k++)
		total += p->weight[k];
	for (int k = 0; k < RF_OP_NR; k++) {
		/* An all-zero profile shares nothing: every extra entry allocates. */
		share[k] = total ? SHARED * p->weight[k] / total : (k == RF_OP_ALLOC ? SHARED : 0);
		rem[k] = total ? SHARED * p->weight[k] % total : 0;
		given += share[k];
	}
	/* Largest remainders first, the earlier kind on a tie. */
	while (given < SHARED) {
		int best = 0;

		for (int k = 1; k < RF_OP_NR; k++)
			if (rem[k] > rem[best])
				best = k;
		share[best]++;
		rem[best] = 0;
		given++;
	}

	unsigned int at = 0;

	for (int k = 0; k < RF_OP_NR; k++)
		table[at++] = (unsigned char)k;
	for (int k = 0; k < RF_OP_NR; k++) {
		memset(&table[at], k, share[k]);
		at += share[k];
	}
}

void rf_fmt_decode(const unsigned char table[256], bool edge_geometry, const uint8_t *data,
		   size_t size, struct rf_program *prog)
{
	fmt_decode(table, edge_geometry, data, size, prog);
}

void rf_decode_profile(const struct rf_profile *p, const uint8_t *data, size_t size,
		       struct rf_program *prog)
{
	fmt_decode_profile(p, data, size, prog);
}
