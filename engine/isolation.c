// SPDX-License-Identifier: MIT
/*
 * Pageblock isolation (mm/page_isolation.c): take a pageblock's free pages
 * out of circulation by typing it ISOLATE and moving its free blocks to the
 * ISOLATE lists, which nothing allocates from; and the undo.
 */
#include "internal.h"

/*
 * The model's has_unmovable_pages(): a pageblock that is not MOVABLE and
 * holds a reserved page, a hole, or the head of a block not allocated as
 * MOVABLE (the model's MOVABLE allocations stand for LRU pages).
 */
static bool has_unmovable_pages(struct node *n, unsigned long pfn)
{
	if (get_pageblock_migratetype(n, pfn) == MIGRATE_MOVABLE)
		return false;
	return n->pageblock_unmovable[pfn_to_pageblock(n, pfn)] > 0;
}

/*
 * Note what 3.11/3.12 do not check: a pageblock that is already ISOLATE is
 * isolated again, and its ISOLATE-list pages are subtracted from
 * NR_FREE_PAGES twice (finding F1; fixed upstream in 4.17).
 */
static int set_migratetype_isolate(struct node *n, unsigned long pfn)
{
	struct zone *z = pfn_to_zone(n, pfn);

	if ((n->cfg.options & RF_OPT_FIX_ISOLATE_TWICE) &&
	    get_pageblock_migratetype(n, pfn) == MIGRATE_ISOLATE)
		return RF_EBUSY;
	/* move_freepages_block() would move nothing, or only part (finding F3). */
	if ((n->cfg.options & RF_OPT_FIX_PARTIAL_PAGEBLOCK) && !pageblock_in_zone(z, pfn))
		return RF_EBUSY;
	if (has_unmovable_pages(n, pfn))
		return RF_EBUSY;

	set_pageblock_migratetype(n, pfn, MIGRATE_ISOLATE);

	unsigned long nr_pages = move_freepages_block(z, pfn, MIGRATE_ISOLATE);

	if (!free_accounting_fixed(n))
		z->nr_free_pages -= (long)nr_pages;
	return RF_OK;
}

/*
 * F4 (upstream 3.18): a free block covering the whole pageblock could not
 * merge with its buddy while isolated; freed again now, it merges.  Returns
 * whether it did so (the pageblock is then done).
 */
static bool unset_isolate_remerge(struct zone *z, unsigned long pfn, int mt)
{
	struct node *n = z->node;
	unsigned long start = pfn & ~(n->pageblock_nr_pages - 1);

	if (!zone_spans_pfn(z, start))
		return false;

	struct page *page = pfn_to_page(n, start);
	unsigned int order = page_order(page);

	if (!PageBuddy(page) || order < n->pageblock_order || order >= n->max_order - 1 ||
	    !node_spans_pfn(n, start ^ (1UL << order)) ||
	    get_pageblock_migratetype(n, start ^ (1UL << order)) == MIGRATE_ISOLATE)
		return false;
	del_from_freelist(z, pfn_to_idx(n, start), get_freepage_migratetype(page), order);
	z->free_area[order].nr_free--;
	rmv_page_order(page);
	set_pageblock_migratetype(n, start, mt);
	set_freepage_migratetype(page, mt);
	free_one_page(z, pfn_to_idx(n, start), order, mt);
	return true;
}

static void unset_migratetype_isolate(struct node *n, unsigned long pfn, int mt)
{
	struct zone *z = pfn_to_zone(n, pfn);

	if (get_pageblock_migratetype(n, pfn) != MIGRATE_ISOLATE)
		return;
	if ((n->cfg.options & RF_OPT_FIX_ISOLATE_MERGE) && unset_isolate_remerge(z, pfn, mt))
		return;

	unsigned long nr_pages = move_freepages_block(z, pfn, mt);

	if (!free_accounting_fixed(n))
		z->nr_free_pages += (long)nr_pages;
	set_pageblock_migratetype(n, pfn, mt);
}

/* A type a pageblock may be given back as: never ISOLATE itself. */
static bool valid_undo_type(int mt)
{
	return valid_migratetype(mt) && mt != MIGRATE_ISOLATE;
}

/* __first_valid_page(): the first pfn of [pfn, pfn + nr) with a struct page. */
static unsigned long first_valid_pfn(struct node *n, unsigned long pfn, unsigned long nr)
{
	for (unsigned long i = 0; i < nr; i++)
		if (pfn_valid(n, pfn + i))
			return pfn + i;
	return RF_NO_PFN;
}

/*
 * The one-pageblock entry points work on the pageblock's first pfn in the
 * node, as the kernel's callers pass __first_valid_page(): from a later pfn,
 * move_freepages_block() of a leading partial pageblock would start there and
 * miss the blocks before it.
 */
static unsigned long first_pfn_of_pageblock(struct node *n, unsigned long pfn)
{
	return first_valid_pfn(n, pfn & ~(n->pageblock_nr_pages - 1), n->pageblock_nr_pages);
}

int rf_set_migratetype_isolate(struct rf_node *node, unsigned long pfn)
{
	struct node *n = (struct node *)node;

	if (!pfn_valid(n, pfn))
		return RF_ERANGE;
	return set_migratetype_isolate(n, first_pfn_of_pageblock(n, pfn));
}

int rf_unset_migratetype_isolate(struct rf_node *node, unsigned long pfn, int mt)
{
	struct node *n = (struct node *)node;

	if (!valid_undo_type(mt))
		return RF_EINVAL;
	if (!pfn_valid(n, pfn))
		return RF_ERANGE;
	unset_migratetype_isolate(n, first_pfn_of_pageblock(n, pfn), mt);
	return RF_OK;
}


/*
 * The kernel's start/undo_isolate_page_range() want pageblock-aligned ends;
 * their caller alloc_contig_range() widens its range to whole MAX_ORDER-1
 * blocks and pageblocks (pfn_max_align_down/up), so that no free block
 * straddles the edge.  The model's range entry points take the caller's
 * range and widen it the same way.  The widened range may leave the zone or
 * the node: each pageblock is handled in the zone of its first page, and
 * pageblocks wholly outside the node are skipped.
 */
static int check_range(struct node *n, unsigned long start_pfn, unsigned long end_pfn, int mt,
		       unsigned long *wstart, unsigned long *wend)
{
	if (!valid_undo_type(mt) || start_pfn >= end_pfn)
		return RF_EINVAL;
	if (!node_spans_pfn(n, start_pfn) || !node_spans_pfn(n, end_pfn - 1))
		return RF_ERANGE;
	if (pfn_to_zone(n, start_pfn) != pfn_to_zone(n, end_pfn - 1))
		return RF_EXDEV;

	unsigned long align = 1UL << (n->max_order - 1);

	if (align < n->pageblock_nr_pages)
		align = n->pageblock_nr_pages;
	*wstart = start_pfn & ~(align - 1);
	*wend = (end_pfn + align - 1) & ~(align - 1);
	return RF_OK;
}

static void undo_isolate_page_range(struct node *n, unsigned long start_pfn,
				    unsigned long end_pfn, int mt)
{
	for (unsigned long pfn = start_pfn; pfn < end_pfn; pfn += n->pageblock_nr_pages) {
		unsigned long valid = first_valid_pfn(n, pfn, n->pageblock_nr_pages);

		if (valid != RF_NO_PFN)
			unset_migratetype_isolate(n, valid, mt);
	}
}

int rf_start_isolate_page_range(struct rf_node *node, unsigned long start_pfn,
				unsigned long end_pfn, int mt)
{
	struct node *n = (struct node *)node;
	unsigned long start, end;
	int err = check_range(n, start_pfn, end_pfn, mt, &start, &end);

	if (err)
		return err;
	for (unsigned long pfn = start; pfn < end; pfn += n->pageblock_nr_pages) {
		unsigned long valid = first_valid_pfn(n, pfn, n->pageblock_nr_pages);

		if (valid != RF_NO_PFN && set_migratetype_isolate(n, valid) != RF_OK) {
			undo_isolate_page_range(n, start, pfn, mt);
			return RF_EBUSY;
		}
	}
	return RF_OK;
}

int rf_undo_isolate_page_range(struct rf_node *node, unsigned long start_pfn,
			       unsigned long end_pfn, int mt)
{
	struct node *n = (struct node *)node;
	unsigned long start, end;
	int err = check_range(n, start_pfn, end_pfn, mt, &start, &end);

	if (err)
		return err;
	undo_isolate_page_range(n, start, end, mt);
	return RF_OK;
}
