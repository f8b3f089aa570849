// SPDX-License-Identifier: MIT
/*
 * setup_zone_migrate_reserve: keep a few MOVABLE pageblocks aside as RESERVE
 * for the allocations that find nothing else (the RESERVE retry of
 * __rmqueue).  The kernel's quota is min(2, a watermark share); the model
 * takes it from the caller.
 */
#include "internal.h"

/* pageblock_is_reserved(): a hole or a boot-reserved page in [start, end). */
static bool pageblock_is_reserved(struct node *n, unsigned long start, unsigned long end)
{
	for (unsigned long pfn = start; pfn < end; pfn++)
		if (PageReserved(pfn_to_page(n, pfn)))
			return true;
	return false;
}

/* The pageblocks the reserve walk visits: those starting inside the zone. */
static unsigned long reserve_walk_pageblocks(const struct zone *z)
{
	unsigned long pb = z->node->pageblock_nr_pages;
	unsigned long first = (z->zone_start_pfn + pb - 1) & ~(pb - 1);

	return first < z->zone_end_pfn ? (z->zone_end_pfn - first + pb - 1) / pb : 0;
}

/* Type the pageblock, then move its free pages along. */
static void reserve_pageblock(struct zone *z, unsigned long pfn, int mt)
{
	set_pageblock_migratetype(z->node, pfn, mt);
	move_freepages_block(z, pfn, mt);
}

static void setup_zone_migrate_reserve(struct zone *z, unsigned int reserve)
{
	struct node *n = z->node;
	unsigned long pb = n->pageblock_nr_pages;
	unsigned long start_pfn = (z->zone_start_pfn + pb - 1) & ~(pb - 1);
	unsigned long end_pfn = z->zone_end_pfn;

	for (unsigned long pfn = start_pfn; pfn < end_pfn; pfn += pb) {
		int block_mt = get_pageblock_migratetype(n, pfn);

		/* Only while the quota is unmet are blocks examined for reserving. */
		if (reserve > 0) {
			unsigned long block_end = pfn + pb < end_pfn ? pfn + pb : end_pfn;

			if (pageblock_is_reserved(n, pfn, block_end))
				continue;
			/* A trailing partial pageblock cannot have its pages moved (F3). */
			if ((n->cfg.options & RF_OPT_FIX_PARTIAL_PAGEBLOCK) &&
			    !pageblock_in_zone(z, pfn))
				continue;
			if (block_mt == MIGRATE_RESERVE) {
				reserve--;
				continue;
			}
			if (block_mt == MIGRATE_MOVABLE) {
				reserve_pageblock(z, pfn, MIGRATE_RESERVE);
				reserve--;
				continue;
			}
		}
		/* Quota met: a RESERVE block found beyond it is given back. */
		if (block_mt == MIGRATE_RESERVE)
			reserve_pageblock(z, pfn, MIGRATE_MOVABLE);
	}
}

int rf_setup_zone_migrate_reserve(struct rf_node *node, unsigned int zone, unsigned int quota)
{
	struct node *n = (struct node *)node;
	struct zone *z = zone_of_index(n, zone);

	if (!z)
		return RF_EINVAL;
	/* More than the pageblocks the walk visits can never be met: a caller's mistake. */
	if (quota > reserve_walk_pageblocks(z))
		return RF_EINVAL;
	setup_zone_migrate_reserve(z, quota);
	return RF_OK;
}
