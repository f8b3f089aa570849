// SPDX-License-Identifier: MIT
/*
 * move_freepages and move_freepages_block: put the free blocks headed in a
 * pfn range on another type's lists.  The fallback path, the reserve set-up
 * and isolation all go through here.
 */
#include "internal.h"

/*
 * Walk [start_pfn, end_pfn] (inclusive, as the kernel's end_page).  Holes and
 * pages that do not head a free block are stepped over one pfn at a time; a
 * free block head is moved whole, even when it reaches past @end_pfn, and the
 * walk jumps past it.  The tail pages of a block headed before @start_pfn are
 * therefore skipped and that block stays where it is.
 *
 * v4 (patch 30): a block held by the region allocator is first returned,
 * with its whole region, to the MOVABLE lists; the same pfn is then looked
 * at again, now on a buddy list, and moved as usual.
 */
/*
 * V5: the walk can complete a region on @mt's list, the RA banks it at once,
 * and the next pfn of the same region -- now in the RA -- pulls the whole
 * region back out to MOVABLE, undoing the moves just made.  With the fix the
 * walk banks nothing; afterwards each top-order block it moved gets the check
 * it would have had.  The walk notes the top-order blocks it moves; a range
 * with more than fit is walked again.
 */
#define DEFERRED_MAX 16

struct deferred {
	uint32_t idx[DEFERRED_MAX];
	unsigned int nr;
	bool overflow;
};

static void deferred_note(struct deferred *d, uint32_t idx)
{
	if (d->nr < DEFERRED_MAX)
		d->idx[d->nr++] = idx;
	else
		d->overflow = true;
}

static void deferred_check(struct zone *z, uint32_t idx, int mt)
{
	struct page *page = &z->node->pages[idx];

	/* Still on @mt's list at the top order: not banked by an earlier check. */
	if (PageBuddy(page) && page_order(page) == z->node->max_order - 1 && page->list_mt == mt)
		region_allocator_check(z, idx, mt, page_order(page));
}

static void deferred_region_checks(struct zone *z, const struct deferred *d,
				   unsigned long start_pfn, unsigned long end_pfn, int mt)
{
	struct node *n = z->node;

	if (!d->overflow) {
		for (unsigned int i = 0; i < d->nr; i++)
			deferred_check(z, d->idx[i], mt);
		return;
	}
	for (unsigned long pfn = start_pfn; pfn <= end_pfn; pfn++) {
		uint32_t idx = pfn_to_idx(n, pfn);
		struct page *page = &n->pages[idx];

		if (!PageBuddy(page))
			continue;
		deferred_check(z, idx, mt);
		pfn += (1UL << page_order(page)) - 1;
	}
}

unsigned long move_freepages(struct zone *z, unsigned long start_pfn, unsigned long end_pfn,
			     int mt)
{
	struct node *n = z->node;
	unsigned long moved = 0;
	unsigned long pfn = start_pfn;
	bool defer = n->v4 && (n->cfg.options & RF_OPT_FIX_MOVE_DEFERS_RA);
	struct deferred d = { .nr = 0 };

	n->ra_check_deferred = defer;

	while (pfn <= end_pfn) {
		if (!pfn_valid(n, pfn)) {
			pfn++;
			continue;
		}

		uint32_t idx = pfn_to_idx(n, pfn);
		struct page *page = &n->pages[idx];

		if (!PageBuddy(page)) {
			pfn++;
			continue;
		}
		unsigned int order = page_order(page);

		if (n->v4 && page_in_region_allocator(z, idx)) {
			/* V2: patch 32's retype here would overwrite the ISOLATE or
			 * RESERVE type its caller has just set, and its neighbours'. */
			__del_from_region_allocator(z, order, MIGRATE_MOVABLE,
						    pfn_to_zone_region(z, pfn),
						    !(n->cfg.options & RF_OPT_FIX_PULL_KEEPS_TYPES));
			z->stats.nr_ra_pull++;
			continue;	/* the same page, now on a buddy list */
		}
		move_page_freelist(z, idx, get_freepage_migratetype(page), mt, order);
		set_freepage_migratetype(page, mt);
		if (defer && order == n->max_order - 1)
			deferred_note(&d, idx);
		pfn += 1UL << order;
		moved += 1UL << order;
	}
	if (defer) {
		n->ra_check_deferred = false;
		deferred_region_checks(z, &d, start_pfn,
				       end_pfn < n->node_end_pfn ? end_pfn : n->node_end_pfn - 1, mt);
	}
	return moved;
}

/*
 * The pageblock holding @pfn.  Its part before the zone is left out by
 * starting at @pfn itself; if its end lies beyond the zone nothing moves.
 */
unsigned long move_freepages_block(struct zone *z, unsigned long pfn, int mt)
{
	struct node *n = z->node;
	unsigned long start_pfn = pfn & ~(n->pageblock_nr_pages - 1);
	unsigned long end_pfn = start_pfn + n->pageblock_nr_pages - 1;

	if (!zone_spans_pfn(z, start_pfn))
		start_pfn = pfn;
	if (!zone_spans_pfn(z, end_pfn))
		return 0;
	return move_freepages(z, start_pfn, end_pfn, mt);
}

/*
 * The entry points stand for the kernel's callers, and no caller moves pages
 * to or from the ISOLATE lists except isolation itself, which accounts for
 * them in NR_FREE_PAGES.  A direct move to ISOLATE, or of an isolated
 * pageblock's pages, would break that accounting behind the allocator's back:
 * refused.
 */
static bool touches_isolation(struct node *n, unsigned long start_pfn, unsigned long end_pfn,
			      int mt)
{
	if (mt == MIGRATE_ISOLATE)
		return true;
	for (unsigned long pfn = start_pfn & ~(n->pageblock_nr_pages - 1); pfn <= end_pfn;
	     pfn += n->pageblock_nr_pages)
		if (get_pageblock_migratetype(n, pfn < start_pfn ? start_pfn : pfn) == MIGRATE_ISOLATE)
			return true;
	return false;
}

int rf_move_freepages(struct rf_node *node, unsigned int zone, unsigned long start_pfn,
		      unsigned long end_pfn, int mt, unsigned long *moved)
{
	struct node *n = (struct node *)node;
	struct zone *z = zone_of_index(n, zone);

	if (!z || !valid_migratetype(mt) || start_pfn > end_pfn)
		return RF_EINVAL;
	if (!node_spans_pfn(n, start_pfn) || !node_spans_pfn(n, end_pfn))
		return RF_ERANGE;
	/* The kernel BUG()s on a range outside one zone. */
	if (!zone_spans_pfn(z, start_pfn) || !zone_spans_pfn(z, end_pfn))
		return RF_EXDEV;
	if (touches_isolation(n, start_pfn, end_pfn, mt))
		return RF_EINVAL;

	unsigned long nr = move_freepages(z, start_pfn, end_pfn, mt);

	if (n->cfg.options & RF_OPT_INJECT_MOVE_COUNT)
		nr++;
	if (moved)
		*moved = nr;
	return RF_OK;
}

int rf_move_freepages_block(struct rf_node *node, unsigned long pfn, int mt,
			    unsigned long *moved)
{
	struct node *n = (struct node *)node;

	if (!valid_migratetype(mt))
		return RF_EINVAL;
	if (!node_spans_pfn(n, pfn))
		return RF_ERANGE;
	if (touches_isolation(n, pfn, pfn, mt))
		return RF_EINVAL;

	unsigned long nr = move_freepages_block(pfn_to_zone(n, pfn), pfn, mt);

	if (moved)
		*moved = nr;
	return RF_OK;
}
