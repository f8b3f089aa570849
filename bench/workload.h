/* SPDX-License-Identifier: MIT */
/*
 * A fixed, seeded, mixed workload over the engine's public API: allocations
 * of several orders and all three types, frees of random live blocks, some
 * move_freepages(_block) and pageblock isolation with undo.  The stream of
 * decisions depends only on the seed, so both modes face the same stream.
 */
#ifndef RF_BENCH_WORKLOAD_H
#define RF_BENCH_WORKLOAD_H

#include <stdint.h>

#include <regionfuzz/engine.h>

struct workload {
	struct rf_node *node;
	uint64_t rng;
	unsigned long *live_pfn;
	unsigned char *live_order;
	unsigned long nr_live, cap_live;
	unsigned long used_pages, managed_pages;
	unsigned long isolated[8];
	unsigned int nr_isolated;
	unsigned long nr_failed;
};

int workload_init(struct workload *w, struct rf_node *node, uint64_t seed);
void workload_fini(struct workload *w);
/* One operation of the mix. */
void workload_step(struct workload *w);

#endif /* RF_BENCH_WORKLOAD_H */
