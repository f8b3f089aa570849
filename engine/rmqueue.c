// SPDX-License-Identifier: MIT
/*
 * Taking blocks off the free lists: __rmqueue_smallest, expand,
 * __rmqueue_fallback with its steal rules, and __rmqueue with the region
 * allocator step (v4) and the RESERVE retry.  Plus the two entry points that
 * hand a block to the caller, rf_alloc_pages() and rf_steal().
 */
#include "internal.h"

/* The order in which other types are raided; RESERVE ends each row. */
static const int fallbacks[MIGRATE_TYPES][3] = {
	[MIGRATE_UNMOVABLE]   = { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE, MIGRATE_RESERVE },
	[MIGRATE_RECLAIMABLE] = { MIGRATE_UNMOVABLE, MIGRATE_MOVABLE, MIGRATE_RESERVE },
	[MIGRATE_MOVABLE]     = { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE, MIGRATE_RESERVE },
	[MIGRATE_RESERVE]     = { MIGRATE_RESERVE, MIGRATE_RESERVE, MIGRATE_RESERVE },
	[MIGRATE_ISOLATE]     = { MIGRATE_RESERVE, MIGRATE_RESERVE, MIGRATE_RESERVE },
};

/*
 * Split a block of order @high at @idx down to order @low: each time the
 * upper half becomes a free block of one order less on @mt's list.  v4
 * (patch 7) also records @mt as the half's freepage migratetype; vanilla
 * leaves whatever the page held.
 */
static void expand(struct zone *z, uint32_t idx, unsigned int low, unsigned int high,
		   int mt)
{
	struct node *n = z->node;
	uint32_t size = 1u << high;

	while (high > low) {
		high--;
		size >>= 1;
		uint32_t half = idx + size;

		if (n->v4)
			set_freepage_migratetype(&n->pages[half], mt);
		set_page_order(&n->pages[half], high);
		add_to_freelist(z, half, mt, high, false);
		z->free_area[high].nr_free++;
	}
}

/* The order whose list to take from: the first non-empty one (vanilla), or
 * the one whose head lies in the lowest region, lower order on a tie (v4). */
static int pick_order(const struct zone *z, unsigned int order, int mt)
{
	const struct node *n = z->node;
	int best = -1;
	uint32_t best_region = NO_REGION;

	for (unsigned int o = order; o < n->max_order; o++) {
		const struct free_list *fl = &z->free_area[o].free_list[mt];

		if (list_empty(n->lru, fl->head))
			continue;
		if (!n->v4)
			return (int)o;
		if (best < 0 || fl->next_region < best_region) {
			best = (int)o;
			best_region = fl->next_region;
		}
	}
	return best;
}

static uint32_t __rmqueue_smallest(struct zone *z, unsigned int order, int mt)
{
	int o = pick_order(z, order, mt);

	if (o < 0)
		return NO_PAGE;

	uint32_t idx = free_list_first(z, (unsigned int)o, mt);
	struct page *page = &z->node->pages[idx];

	del_from_freelist(z, idx, mt, (unsigned int)o);
	rmv_page_order(page);
	z->free_area[o].nr_free--;
	expand(z, idx, order, (unsigned int)o, mt);
	return idx;
}

/* change_pageblock_range(): every pageblock a large block covers. */
static void change_pageblock_range(struct node *n, unsigned long pfn, unsigned int order,
				   int mt)
{
	unsigned long nr = 1UL << (order - n->pageblock_order);

	while (nr--) {
		if (!((n->cfg.options & RF_OPT_FIX_STEAL_ISOLATED) &&
		      get_pageblock_migratetype(n, pfn) == MIGRATE_ISOLATE))
			set_pageblock_migratetype(n, pfn, mt);
		pfn += n->pageblock_nr_pages;
	}
}

/*
 * try_to_steal_freepages() as in 3.12 (3.11 had the same steps inline).  A
 * block of pageblock_order or more takes its pageblocks over.  A smaller one
 * that is big enough, or any RECLAIMABLE request, or any request while
 * grouping by mobility is off, moves the rest of the pageblock's free blocks
 * to start_mt and, if that was at least half of it (or grouping is off),
 * claims the pageblock.  v4 (patch 31) only ever moves: at every order, under
 * the same conditions, and never retypes a pageblock -- in v4 only the region
 * allocator's hand-out does.
 */
static void try_to_steal_freepages(struct zone *z, unsigned long pfn, unsigned int current_order,
				   int start_mt)
{
	struct node *n = z->node;
	/* Whether this fallback may claim pageblocks: vanilla's does, v4's never
	 * (the test-only INJECT_STEAL_RETYPE makes v4's claim them too). */
	bool claims = !n->v4 || (n->cfg.options & RF_OPT_INJECT_STEAL_RETYPE);
	bool steal = current_order >= (n->pageblock_order >> 1) ||
		     start_mt == MIGRATE_RECLAIMABLE || n->page_group_by_mobility_disabled;

	/* 3.11/3.12 never look: an isolated pageblock can be retyped and its
	 * ISOLATE-list pages moved, uncounted (finding F6). */
	if ((n->cfg.options & RF_OPT_FIX_STEAL_ISOLATED) &&
	    get_pageblock_migratetype(n, pfn) == MIGRATE_ISOLATE)
		return;

	if (claims && current_order >= n->pageblock_order) {
		change_pageblock_range(n, pfn, current_order, start_mt);
		z->stats.nr_retype++;
		return;
	}
	if (!steal)
		return;

	unsigned long pages = move_freepages_block(z, pfn, start_mt);

	z->stats.nr_steal_block++;
	if (claims && (pages >= (1UL << (n->pageblock_order - 1)) ||
		       n->page_group_by_mobility_disabled)) {
		set_pageblock_migratetype(n, pfn, start_mt);
		z->stats.nr_retype++;
	}
}

/*
 * Take a block of another type, largest first, so that a foreign pageblock
 * is broken into as rarely as possible.  The remainder of the block goes to
 * start_mt's lists whether or not its pageblock was claimed.
 */
uint32_t __rmqueue_fallback(struct zone *z, unsigned int order, int start_mt)
{
	struct node *n = z->node;

	for (int current_order = (int)n->max_order - 1; current_order >= (int)order;
	     current_order--) {
		struct free_area *area = &z->free_area[current_order];

		for (int i = 0;; i++) {
			int mt = fallbacks[start_mt][i];

			if (mt == MIGRATE_RESERVE)
				break;

			uint32_t idx = free_list_first(z, (unsigned int)current_order, mt);

			if (idx == NO_PAGE)
				continue;

			struct page *page = &n->pages[idx];
			unsigned long pfn = idx_to_pfn(n, idx);

			area->nr_free--;
			try_to_steal_freepages(z, pfn, (unsigned int)current_order, start_mt);
			/* v4 (patch 6): off the list its freepage type names -- start_mt's
			 * if it was just moved.  Vanilla's list_del needs no list. */
			del_from_freelist(z, idx, get_freepage_migratetype(page),
					  (unsigned int)current_order);
			rmv_page_order(page);
			expand(z, idx, order, (unsigned int)current_order, start_mt);
			z->stats.nr_fallback++;
			return idx;
		}
	}
	return NO_PAGE;
}

uint32_t __rmqueue(struct zone *z, unsigned int order, int mt)
{
	uint32_t idx;

retry:
	idx = __rmqueue_smallest(z, order, mt);
	if (idx == NO_PAGE && mt != MIGRATE_RESERVE) {
		/* v4, patch 26: ask the region allocator before raiding other types. */
		if (z->node->v4 &&
		    del_from_region_allocator(z, z->node->max_order - 1, mt) == RF_OK)
			goto retry;
		idx = __rmqueue_fallback(z, order, mt);
		if (idx == NO_PAGE) {
			mt = MIGRATE_RESERVE;
			goto retry;
		}
	} else if (idx != NO_PAGE && mt == MIGRATE_RESERVE) {
		z->stats.nr_reserve_alloc++;
	}
	return idx;
}

/* The block at @idx now belongs to the caller, allocated as @mt. */
void account_alloc(struct zone *z, uint32_t idx, unsigned int order, int mt)
{
	struct node *n = z->node;
	struct page *page = &n->pages[idx];
	unsigned long pfn = idx_to_pfn(n, idx);
	unsigned long nr = 1UL << order;

	if (!(n->cfg.options & RF_OPT_INJECT_ALLOC_RECORD))
		page->flags |= PG_head;
	page->order = (uint8_t)order;
	page->alloc_mt = (uint8_t)mt;
	if (!free_accounting_fixed(n))
		z->nr_free_pages -= (long)nr;
	if (n->cfg.options & RF_OPT_INJECT_NR_DELTA)
		z->nr_free_pages++;
	z->region[pfn_to_zone_region(z, pfn)].nr_alloc[mt] += nr;
	if (mt != MIGRATE_MOVABLE)
		(*pageblock_unmovable(n, pfn))++;
	z->stats.nr_alloc++;
}

int rf_alloc_pages(struct rf_node *node, unsigned int zone, unsigned int order, int mt,
		   unsigned long *pfn)
{
	struct node *n = (struct node *)node;
	struct zone *z = zone_of_index(n, zone);

	if (!z || order >= n->max_order || !valid_alloc_type(mt))
		return RF_EINVAL;
	/* allocflags_to_migratetype(): one type for all when grouping is off. */
	if (n->page_group_by_mobility_disabled)
		mt = MIGRATE_UNMOVABLE;

	uint32_t idx = __rmqueue(z, order, mt);

	if (idx == NO_PAGE) {
		z->stats.nr_alloc_fail++;
		return RF_ENOMEM;
	}
	account_alloc(z, idx, order, mt);
	if (pfn)
		*pfn = idx_to_pfn(n, idx);
	return RF_OK;
}

/*
 * The fallback runs only where __rmqueue runs it: when @start_mt has no
 * block of the order or above and, in v4, the region allocator holds no
 * region.  Anywhere else the call is refused, since the series' fallback
 * relies on those preconditions.
 */
int rf_steal(struct rf_node *node, unsigned int zone, unsigned int order, int start_mt,
	     unsigned long *pfn)
{
	struct node *n = (struct node *)node;
	struct zone *z = zone_of_index(n, zone);

	if (!z || order >= n->max_order || !valid_alloc_type(start_mt))
		return RF_EINVAL;
	if (n->page_group_by_mobility_disabled)
		start_mt = MIGRATE_UNMOVABLE;
	if (pick_order(z, order, start_mt) >= 0 ||
	    (n->v4 && z->region_allocator.next_region != NO_REGION))
		return RF_EINVAL;

	uint32_t idx = __rmqueue_fallback(z, order, start_mt);

	if (idx == NO_PAGE) {
		z->stats.nr_alloc_fail++;
		return RF_ENOMEM;
	}
	account_alloc(z, idx, order, start_mt);
	if (pfn)
		*pfn = idx_to_pfn(n, idx);
	return RF_OK;
}
