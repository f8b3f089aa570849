// SPDX-License-Identifier: MIT
/*
 * The region allocator (v4, patches 16-33): a per-zone back-end that holds
 * whole free regions, as MAX_ORDER-1 blocks, off the buddy lists.  The page
 * allocator is the front-end ("free cash"), the RA the bank: a region whose
 * free memory all sits on one list is released to the RA (PA => RA), and an
 * allocation that finds its lists empty takes the RA's lowest region before it
 * raids another type (RA => PA, in __rmqueue).
 *
 * Held blocks keep PageBuddy, their order, their freepage migratetype and their
 * pageblock type.  They count in the zone region's nr_free and in NR_FREE_PAGES
 * (the series never touches it) but not in free_area[].nr_free.  Nothing looks
 * at the type of the list a region leaves from: the check runs the same on
 * ISOLATE and RESERVE lists (docs/FINDINGS.md).
 */
#include "internal.h"

/* Patch 28: no page flag -- a MAX_ORDER-1 head whose region the RA holds blocks of. */
bool page_in_region_allocator(const struct zone *z, uint32_t idx)
{
	const struct node *n = z->node;

	if (page_order(&n->pages[idx]) != n->max_order - 1)
		return false;
	return z->region_allocator.region[pfn_to_zone_region(z, idx_to_pfn(n, idx))].nr_blocks != 0;
}

/*
 * add_to_region_allocator() (patches 19, 21, 22): region @r's run on the
 * list leaves for the RA.  The order is read off the list's first entry.
 */
static void add_to_region_allocator(struct zone *z, int mt, unsigned int list_order, uint32_t r)
{
	struct node *n = z->node;
	struct region_allocator *ra = &z->region_allocator;
	uint32_t first = free_list_first(z, list_order, mt);
	unsigned int order = page_order(&n->pages[first]);

	unsigned long moved = del_from_freelist_bulk(z, ra->region[r].head, mt, order, r);

	ra->region[r].nr_blocks += moved;
	ra->nr_blocks += moved;
	account_freepages(z, LIST_RA, (long)(moved << order));
	for (uint32_t idx = n->lru[ra->region[r].head].next; idx != ra->region[r].head;
	     idx = n->lru[idx].next)
		n->pages[idx].list_mt = LIST_RA;
	region_bitmap_set(&ra->held, r);
	if (ra->next_region == NO_REGION || r < ra->next_region)
		ra->next_region = r;
	z->stats.nr_ra_return++;
}

/*
 * V4: a RESERVE or ISOLATE pageblock whose free pages happen to sit on a
 * normal list (a steal's move, a range undo half done) must not be banked:
 * the hand-out would retype it and the reserve or the isolation would be gone.
 */
static bool region_has_special_pageblock(const struct zone *z, const struct zone_mem_region *zr)
{
	const struct node *n = z->node;

	for (unsigned long pfn = zr->start_pfn; pfn < zr->end_pfn;
	     pfn = (pfn | (n->pageblock_nr_pages - 1)) + 1)
		if (get_pageblock_migratetype(n, pfn) >= MIGRATE_PCPTYPES)
			return true;
	return false;
}

/*
 * can_return_region() (patches 25, 33), at the end of every add_to_freelist,
 * on the list just added to.  The patch's order: the region is entirely free
 * (nr_free counts every list and the RA); the block is of the top order; the
 * list's first and last entries lie in different regions (patch 33: each list
 * keeps one region as a cache); and the region's free pages are all entries
 * of this one list.
 */
void region_allocator_check(struct zone *z, uint32_t idx, int mt, unsigned int order)
{
	struct node *n = z->node;

	/* The checks are pure; the cheapest one, failing on almost every add, goes first. */
	if (order != n->max_order - 1 || n->ra_check_deferred)
		return;
	/* V4: the patch looks at no list type, so an isolated or reserved
	 * region can be banked -- and later handed out and retyped. */
	if ((n->cfg.options & RF_OPT_FIX_RA_NORMAL_LISTS) && mt >= MIGRATE_PCPTYPES)
		return;

	const struct lru *lru = n->lru;
	const struct free_list *fl = &z->free_area[order].free_list[mt];
	uint32_t r = pfn_to_zone_region(z, idx_to_pfn(n, idx));
	const struct zone_mem_region *zr = &z->region[r];

	if (zr->nr_free != zr->present_pages)
		return;
	if (pfn_to_zone_region(z, idx_to_pfn(n, lru[fl->head].next)) ==
	    pfn_to_zone_region(z, idx_to_pfn(n, lru[fl->head].prev)))
		return;
	if (((unsigned long)fl->run[r].nr_blocks << order) != zr->nr_free)
		return;
	if ((n->cfg.options & RF_OPT_FIX_RA_NORMAL_LISTS) && region_has_special_pageblock(z, zr))
		return;
	add_to_region_allocator(z, mt, order, r);
}

/*
 * __del_from_region_allocator() (patches 27, 29, 32): region @r goes back to
 * free_list[@mt] at @order.  Each block, and the pageblock holding its head
 * pfn -- only that one, even when a block spans several pageblocks -- takes
 * the type first; then the blocks move as one run.  Whether the RA held @r
 * is not checked (the entry point checks it).
 */
void __del_from_region_allocator(struct zone *z, unsigned int order, int mt, uint32_t r,
				 bool retype)
{
	struct node *n = z->node;
	struct region_allocator *ra = &z->region_allocator;
	struct ra_region *rr = &ra->region[r];

	for (uint32_t idx = n->lru[rr->head].next; idx != rr->head; idx = n->lru[idx].next) {
		unsigned long pfn = idx_to_pfn(n, idx);
		/* V3: every pageblock of the block, when pageblocks are smaller. */
		unsigned long last = !retype ? pfn
				     : (n->cfg.options & RF_OPT_FIX_RA_RETYPE_WHOLE) ? pfn + (1UL << order)
				     : pfn + 1;

		set_freepage_migratetype(&n->pages[idx], mt);
		for (unsigned long p = pfn; p < last; p += n->pageblock_nr_pages)
			set_pageblock_migratetype(n, p, mt);
	}
	account_freepages(z, LIST_RA, -(long)(rr->nr_blocks << order));
	unsigned long handed = add_to_freelist_bulk(z, rr->head, mt, order, r);

	rr->nr_blocks -= handed;
	ra->nr_blocks -= handed;
	region_bitmap_clear(&ra->held, r);
	ra->next_region = region_bitmap_find_first(&ra->held);
	z->stats.nr_ra_handout++;
}

/* del_from_region_allocator(): the lowest held region, if any. */
int del_from_region_allocator(struct zone *z, unsigned int order, int mt)
{
	uint32_t r = z->region_allocator.next_region;

	if (r == NO_REGION)
		return RF_ENOMEM;
	__del_from_region_allocator(z, order, mt, r, true);
	return RF_OK;
}

int rf_del_from_region_allocator(struct rf_node *node, unsigned int zone, int region, int mt)
{
	struct node *n = (struct node *)node;
	struct zone *z = zone_of_index(n, zone);

	if (!n->v4)
		return RF_EMODE;
	if (!z || !valid_alloc_type(mt) || (region >= 0 && (uint32_t)region >= z->nr_regions))
		return RF_EINVAL;
	if (n->page_group_by_mobility_disabled)
		mt = MIGRATE_UNMOVABLE;
	if (region < 0) {
		if (del_from_region_allocator(z, n->max_order - 1, mt))
			return RF_ENOENT;
		z->stats.nr_ra_request++;
		return RF_OK;
	}
	if (!region_bitmap_test(&z->region_allocator.held, (uint32_t)region))
		return RF_ENOENT;
	__del_from_region_allocator(z, n->max_order - 1, mt, (uint32_t)region, true);
	z->stats.nr_ra_request++;
	if (n->cfg.options & RF_OPT_INJECT_RA_REQUEST)
		region_bitmap_set(&z->region_allocator.held, (uint32_t)region);
	return RF_OK;
}
