// SPDX-License-Identifier: MIT
/*
 * The fragmentation probe: how much of the free memory could be had as huge
 * pages?  It asks for MOVABLE blocks of one order (pageblock_order: a
 * transparent huge page; MAX_ORDER-1: the largest block) as many times as the
 * free pages could make such blocks, and counts how many it got before the
 * first refusal.  The model has no compaction or reclaim, so a refusal is
 * final: what the probe measures is the free memory that is already
 * contiguous.  It then gives everything back.
 */
#include <stdlib.h>

#include "study.h"

int probe_run(struct rf_node *node, unsigned int order, struct probe *p)
{
	struct rf_zone_info zi;
	unsigned long pfn;
	uint32_t *got;

	if (rf_zone_info(node, 0, &zi) != RF_OK)
		return -1;
	p->order = order;
	p->successes = 0;
	p->attempts = zi.nr_free_pages > 0 ? (unsigned long)zi.nr_free_pages >> order : 0;
	if (!p->attempts)
		return 0;
	got = malloc(p->attempts * sizeof(*got));
	if (!got)
		return -1;
	while (p->successes < p->attempts &&
	       rf_alloc_pages(node, 0, order, MIGRATE_MOVABLE, &pfn) == RF_OK)
		got[p->successes++] = (uint32_t)pfn;
	for (unsigned long i = 0; i < p->successes; i++)
		rf_free_pages(node, got[i], order);
	free(got);
	return 0;
}

unsigned long probe_permille(const struct probe *p)
{
	return p->attempts ? p->successes * 1000 / p->attempts : 0;
}
