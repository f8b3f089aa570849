// SPDX-License-Identifier: MIT
/*
 * A 64-bit digest of everything the introspection API shows, for the
 * expensive level's "an invalid call changed nothing": FNV-1a over pages,
 * pageblocks, lists in order, counters, regions and the region allocator.
 */
#include "oracle_internal.h"

static void mix(uint64_t *h, uint64_t v)
{
	for (int i = 0; i < 8; i++) {
		*h ^= (v >> (8 * i)) & 0xff;
		*h *= 0x100000001b3ULL;
	}
}

uint64_t state_digest(const struct rf_node *node)
{
	const struct rf_geometry *g = rf_node_geometry(node);
	unsigned long end = g->node_start_pfn + g->node_spanned_pages;
	uint64_t h = 0xcbf29ce484222325ULL;

	for (unsigned long pfn = g->node_start_pfn; pfn < end; pfn++) {
		struct rf_page_info pi;

		rf_page_info(node, pfn, &pi);
		mix(&h, (uint64_t)pi.buddy | (uint64_t)pi.allocated << 1 | (uint64_t)pi.linked << 2 |
				(uint64_t)pi.order << 8 | (uint64_t)(pi.freepage_mt & 0xff) << 16 |
				(uint64_t)(pi.alloc_mt & 0xff) << 24);
		mix(&h, (uint64_t)rf_pageblock_migratetype(node, pfn));
	}
	for (unsigned int z = 0; z < g->nr_zones; z++) {
		struct rf_zone_info zi;

		rf_zone_info(node, z, &zi);
		mix(&h, (uint64_t)zi.nr_free_pages);
		mix(&h, zi.stats.nr_alloc + zi.stats.nr_free * 3 + zi.stats.nr_fallback * 5 +
				zi.stats.nr_ra_handout * 7 + zi.stats.nr_ra_return * 11);
		for (unsigned int o = 0; o < g->max_order; o++) {
			mix(&h, rf_nr_free(node, z, o));
			for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
				unsigned long guard = g->node_spanned_pages + 1;

				for (unsigned long p = rf_list_first(node, z, o, mt);
				     p != RF_NO_PFN && guard--; p = rf_list_next(node, z, o, mt, p))
					mix(&h, p);
				mix(&h, (uint64_t)rf_list_next_region(node, z, o, mt));
			}
		}
		for (unsigned int r = 0; r < zi.nr_regions; r++) {
			struct rf_region_info ri;

			rf_region_info(node, z, r, &ri);
			mix(&h, ri.nr_free ^ ri.ra_blocks << 32 ^ (uint64_t)ri.in_ra << 63);
			for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
				mix(&h, ri.nr_alloc[mt]);
		}
		mix(&h, (uint64_t)rf_ra_lowest_region(node, z));
	}
	return h;
}
