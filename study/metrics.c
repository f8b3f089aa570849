// SPDX-License-Identifier: MIT
/*
 * The region census: what the series measured (fully free regions) and what
 * explains it, read from the engine's per-region counters.  The counters are
 * by head pfn, as v4 keeps them; a block never straddles two regions here
 * (regions are at least MAX_ORDER-1 blocks and the node starts at pfn 0).
 */
#include <string.h>

#include "study.h"

static void stats_add(struct rf_zone_stats *sum, const struct rf_zone_stats *s)
{
	sum->nr_alloc += s->nr_alloc;
	sum->nr_alloc_fail += s->nr_alloc_fail;
	sum->nr_free += s->nr_free;
	sum->nr_fallback += s->nr_fallback;
	sum->nr_steal_block += s->nr_steal_block;
	sum->nr_retype += s->nr_retype;
	sum->nr_reserve_alloc += s->nr_reserve_alloc;
	sum->nr_ra_handout += s->nr_ra_handout;
	sum->nr_ra_pull += s->nr_ra_pull;
	sum->nr_ra_request += s->nr_ra_request;
	sum->nr_ra_return += s->nr_ra_return;
}

void census_take(const struct rf_node *node, struct census *c)
{
	const struct rf_geometry *geo = rf_node_geometry(node);
	unsigned long region_pages = 1UL << geo->region_shift;

	memset(c, 0, sizeof(*c));
	for (unsigned int zone = 0; zone < geo->nr_zones; zone++) {
		struct rf_zone_info zi;

		if (rf_zone_info(node, zone, &zi) != RF_OK)
			continue;
		c->free_pages += (unsigned long)zi.nr_free_pages;
		stats_add(&c->stats, &zi.stats);
		for (unsigned int r = 0; r < zi.nr_regions; r++) {
			struct rf_region_info ri;
			unsigned long allocated = 0;
			unsigned int types = 0;

			if (rf_region_info(node, zone, r, &ri) != RF_OK)
				continue;
			for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
				allocated += ri.nr_alloc[mt];
				types += ri.nr_alloc[mt] != 0;
			}
			c->regions++;
			c->allocated += allocated;
			/* Reserved pages are present and never free: a region
			 * holding one is never fully free, as in the kernel. */
			c->free_regions += ri.present_pages && ri.nr_free == ri.present_pages;
			c->referenced += allocated != 0;
			c->mixed += types > 1;
			c->ra_regions += ri.in_ra;
		}
	}
	c->minimum = (unsigned int)((c->allocated + region_pages - 1) / region_pages);
}
