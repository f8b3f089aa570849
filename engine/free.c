// SPDX-License-Identifier: MIT
/*
 * Giving blocks back: __free_one_page and the rf_free_pages() entry point.
 *
 * The buddy idea: a free block of order k at pfn p (p aligned to 2^k) has
 * exactly one buddy, the block at p ^ 2^k; when that buddy is free and of
 * the same order the two merge into one block of order k+1 at the lower pfn,
 * and the test repeats one order up.  Migratetypes are not compared in
 * 3.11/3.12, so a freed block can swallow a buddy of any list -- including
 * an ISOLATE one, which is why NR_FREE_PAGES can drift (docs/FINDINGS.md).
 */
#include "internal.h"

/*
 * page_is_buddy(): @buddy_pfn has a struct page, lies in the same zone as
 * @pfn, and heads a free block of @order.  A pfn outside the node has no zone.
 */
static bool page_is_buddy(struct node *n, unsigned long pfn, unsigned long buddy_pfn,
			  unsigned int order)
{
	if (!pfn_valid(n, buddy_pfn))
		return false;

	const struct zone *z = pfn_to_zone(n, pfn);

	if (!z || z != pfn_to_zone(n, buddy_pfn))
		return false;

	const struct page *buddy = pfn_to_page(n, buddy_pfn);

	return PageBuddy(buddy) && page_order(buddy) == order;
}

/*
 * Vanilla's tail rule: a block that did not reach the top two orders goes to
 * the tail of its list when its parent's buddy is free, in the hope that it
 * is not handed out before its own buddy comes back and the pair merges.
 * @buddy_pfn is the buddy last looked at by the merge loop.
 */
static bool vanilla_add_to_tail(struct node *n, unsigned long pfn, unsigned long buddy_pfn,
				unsigned int order)
{
	if (order >= n->max_order - 2 || !pfn_valid(n, buddy_pfn))
		return false;

	unsigned long higher_pfn = buddy_pfn & pfn;
	unsigned long higher_buddy = higher_pfn ^ (1UL << (order + 1));

	return page_is_buddy(n, higher_pfn, higher_buddy, order + 1);
}

void __free_one_page(struct zone *z, uint32_t idx, unsigned int order, int mt)
{
	struct node *n = z->node;
	unsigned long pfn = idx_to_pfn(n, idx);
	unsigned long buddy_pfn = pfn;

	while (order < n->max_order - 1) {
		buddy_pfn = pfn ^ (1UL << order);
		if (!page_is_buddy(n, pfn, buddy_pfn, order))
			break;
		/* F4: a merge across an isolated pageblock's edge would carry its
		 * pages onto a normal list, or normal pages onto the ISOLATE list. */
		if ((n->cfg.options & RF_OPT_FIX_ISOLATE_MERGE) && order >= n->pageblock_order &&
		    (get_pageblock_migratetype(n, pfn) == MIGRATE_ISOLATE ||
		     get_pageblock_migratetype(n, buddy_pfn) == MIGRATE_ISOLATE))
			break;

		uint32_t buddy_idx = pfn_to_idx(n, buddy_pfn);
		struct page *buddy = &n->pages[buddy_idx];

		/* v4 (patch 8): off the list of the buddy's own type. */
		del_from_freelist(z, buddy_idx, get_freepage_migratetype(buddy), order);
		z->free_area[order].nr_free--;
		rmv_page_order(buddy);
		if (n->v4)
			set_freepage_migratetype(buddy, mt);
		pfn &= buddy_pfn;
		order++;
	}

	uint32_t head = pfn_to_idx(n, pfn);
	bool tail = !n->v4 && vanilla_add_to_tail(n, pfn, buddy_pfn, order);

	set_page_order(&n->pages[head], order);
	add_to_freelist(z, head, mt, order, tail);
	z->free_area[order].nr_free++;
}

/* free_one_page(): NR_FREE_PAGES counts what is not freed into ISOLATE. */
void free_one_page(struct zone *z, uint32_t idx, unsigned int order, int mt)
{
	__free_one_page(z, idx, order, mt);
	if (mt != MIGRATE_ISOLATE && !free_accounting_fixed(z->node))
		z->nr_free_pages += 1L << order;
}

int rf_free_pages(struct rf_node *node, unsigned long pfn, unsigned int order)
{
	struct node *n = (struct node *)node;

	if (order >= n->max_order)
		return RF_EINVAL;
	if (!node_spans_pfn(n, pfn))
		return RF_ERANGE;

	struct page *page = pfn_to_page(n, pfn);

	if (!(page->flags & PG_head) || page->order != order) {
		if (n->cfg.options & RF_OPT_INJECT_REFUSAL)
			pfn_to_zone(n, pfn)->nr_free_pages--;
		return RF_ENOTALLOC;
	}

	struct zone *z = pfn_to_zone(n, pfn);
	uint32_t idx = pfn_to_idx(n, pfn);
	unsigned long nr = 1UL << order;

	z->region[pfn_to_zone_region(z, pfn)].nr_alloc[page->alloc_mt] -= nr;
	if (page->alloc_mt != MIGRATE_MOVABLE)
		(*pageblock_unmovable(n, pfn))--;
	if (!(n->cfg.options & RF_OPT_INJECT_FREE_RESULT))
		page->flags &= (uint8_t)~PG_head;
	page->order = 0;
	page->alloc_mt = 0;
	z->stats.nr_free++;

	/* __free_pages_ok(): the pageblock decides the list. */
	int mt = get_pageblock_migratetype(n, pfn);

	set_freepage_migratetype(page, mt);
	free_one_page(z, idx, order, mt);
	return RF_OK;
}
