// SPDX-License-Identifier: MIT
/*
 * Putting free blocks on the buddy lists and taking them off.
 *
 * Vanilla links a block at the head or the tail of free_list[mt] and that is
 * all; unlinking needs no knowledge of the list.
 *
 * The v4 series (patches 5-12) keeps every list sorted by region.  The blocks
 * of one region form one contiguous run, and runs appear in increasing region
 * order, so the list's first entry is always a block of its lowest region.
 * Per list and region the series keeps the run's last entry (page_block) and
 * its number of entries; per list the region of the first entry
 * (next_region); and a two-level bitmap of the regions that have a run.
 *
 *     head -> [r0: B C A] [r2: E D] [r5: F] -> head
 *                     ^tail       ^tail  ^tail
 *
 * A block of a region that has a run is linked just before the run's tail,
 * so the tail -- the first block that arrived -- stays last.  A block of a
 * region without one starts a run right after the tail of the highest lower
 * region that has one, or at the head.
 *
 * Both modes keep the zone region's nr_free (pages of free blocks headed in
 * the region): the series needs it for the region allocator, and the
 * consolidation study reads it in vanilla too.
 */
#include "internal.h"

static inline struct free_list *get_free_list(struct zone *z, unsigned int order, int mt)
{
	return &z->free_area[order].free_list[mt];
}

static inline uint32_t page_region(const struct zone *z, uint32_t idx)
{
	return pfn_to_zone_region(z, idx_to_pfn(z->node, idx));
}

uint32_t free_list_first(const struct zone *z, unsigned int order, int mt)
{
	const struct lru *lru = z->node->lru;
	uint32_t head = z->free_area[order].free_list[mt].head;

	return list_empty(lru, head) ? NO_PAGE : lru[head].next;
}

/* set_next_region_in_freelist(): the region of whatever is first now. */
static void set_next_region(struct zone *z, struct free_list *fl)
{
	const struct lru *lru = z->node->lru;

	fl->next_region = list_empty(lru, fl->head) ? NO_REGION
						    : page_region(z, lru[fl->head].next);
}

/* Steps 1-6 of the series' add_to_freelist: count, then link in sorted place. */
static void sorted_add(struct zone *z, struct free_list *fl, uint32_t idx, unsigned int order)
{
	struct lru *lru = z->node->lru;
	uint32_t r = page_region(z, idx);
	struct region_run *run = &fl->run[r];

	run->nr_blocks++;
	z->region[r].nr_free += 1UL << order;
	if (run->tail != NO_PAGE) {
		list_add_tail(lru, idx, run->tail);
		return;
	}

	uint32_t prev = list_empty(lru, fl->head) ? NO_REGION
						  : region_bitmap_find_prev(&fl->nonempty, r);

	if (prev != NO_REGION && fl->run[prev].tail != NO_PAGE) {
		list_add(lru, idx, fl->run[prev].tail);
	} else {
		list_add(lru, idx, fl->head);
		fl->next_region = r;
	}
	run->tail = idx;
	region_bitmap_set(&fl->nonempty, r);
}

/*
 * rmqueue_del_from_freelist() (patch 9): the fast path for the first entry.
 * It trusts next_region for the entry's region and leaves the run's tail
 * alone unless the run empties.
 */
static void rmqueue_del_from_freelist(struct zone *z, struct free_list *fl, uint32_t idx,
				      unsigned int order)
{
	uint32_t r = fl->next_region;
	struct region_run *run = &fl->run[r];

	list_del(z->node->lru, idx);
	z->region[r].nr_free -= 1UL << order;
	if (--run->nr_blocks)
		return;
	run->tail = NO_PAGE;
	region_bitmap_clear(&fl->nonempty, r);
	set_next_region(z, fl);
}

static void sorted_del(struct zone *z, struct free_list *fl, uint32_t idx, unsigned int order)
{
	struct lru *lru = z->node->lru;

	if (lru[fl->head].next == idx && fl->next_region != NO_REGION) {
		rmqueue_del_from_freelist(z, fl, idx, order);
		return;
	}

	uint32_t r = page_region(z, idx);
	struct region_run *run = &fl->run[r];
	uint32_t prev = lru[idx].prev;

	run->nr_blocks--;
	z->region[r].nr_free -= 1UL << order;
	list_del(lru, idx);
	if (run->tail != idx)
		return;
	if (run->nr_blocks) {
		run->tail = prev;
	} else {
		run->tail = NO_PAGE;
		region_bitmap_clear(&fl->nonempty, r);
	}
}

void add_to_freelist(struct zone *z, uint32_t idx, int mt, unsigned int order, bool tail)
{
	struct node *n = z->node;
	struct free_list *fl = get_free_list(z, order, mt);

	n->pages[idx].list_mt = (uint8_t)mt;
	fl->nr_entries++;
	account_freepages(z, mt, 1L << order);
	if (!n->v4) {
		z->region[page_region(z, idx)].nr_free += 1UL << order;
		if (tail)
			list_add_tail(n->lru, idx, fl->head);
		else
			list_add(n->lru, idx, fl->head);
		return;
	}
	sorted_add(z, fl, idx, order);
	region_allocator_check(z, idx, mt, order);
}

/*
 * Vanilla unlinks from whatever list the block is on (@mt is not needed);
 * v4 does the bookkeeping of the list it is told the block is on, right or
 * wrong -- patch 8 exists because callers once named the wrong one.
 */
/* The model's count of the list the block is really on (vanilla callers
 * need not know it; v4's may name the wrong one). */
static void uncount_entry(struct zone *z, uint32_t idx, unsigned int order)
{
	int on = z->node->pages[idx].list_mt;

	if (on < MIGRATE_TYPES)
		z->free_area[order].free_list[on].nr_entries--;
	account_freepages(z, on, -(1L << order));
}

void del_from_freelist(struct zone *z, uint32_t idx, int mt, unsigned int order)
{
	struct node *n = z->node;

	uncount_entry(z, idx, order);
	if (!n->v4) {
		z->region[page_region(z, idx)].nr_free -= 1UL << order;
		list_del(n->lru, idx);
		return;
	}
	sorted_del(z, get_free_list(z, order, mt), idx, order);
}

void move_page_freelist(struct zone *z, uint32_t idx, int old_mt, int mt, unsigned int order)
{
	del_from_freelist(z, idx, old_mt, order);
	add_to_freelist(z, idx, mt, order, false);
}

/*
 * del_from_freelist_bulk() (patch 18): cut region @r's run off free_list[@mt]
 * into the list headed by @bulk, in list order.  All but the run's tail are
 * cut in one piece -- from after the tail of the previous region's run, or
 * from the head -- and the tail goes through del_from_freelist() so the
 * run's bookkeeping is closed.  free_area's nr_free loses the entries; the
 * zone region's nr_free does not (the pages are still free).  Returns the
 * entries moved.
 */
unsigned long del_from_freelist_bulk(struct zone *z, uint32_t bulk, int mt, unsigned int order,
				     uint32_t r)
{
	struct lru *lru = z->node->lru;
	struct free_list *fl = get_free_list(z, order, mt);
	struct region_run *run = &fl->run[r];
	uint32_t tail = run->tail;
	uint32_t prev = region_bitmap_find_prev(&fl->nonempty, r);
	uint32_t from = prev == NO_REGION ? fl->head : fl->run[prev].tail;
	unsigned long n = 0;

	INIT_LIST_HEAD(lru, bulk);
	if (tail == NO_PAGE)
		return 0;
	while (lru[from].next != tail && lru[from].next != fl->head) {
		uint32_t idx = lru[from].next;

		list_del(lru, idx);
		list_add_tail(lru, idx, bulk);
		uncount_entry(z, idx, order);
		n++;
	}
	run->nr_blocks -= (uint32_t)n;
	del_from_freelist(z, tail, mt, order);
	list_add_tail(lru, tail, bulk);
	z->free_area[order].nr_free -= n + 1;
	z->region[r].nr_free += 1UL << order;
	return n + 1;
}

/*
 * add_to_freelist_bulk() (patch 17): put the blocks of @bulk back on
 * free_list[@mt] as region @r's run.  The first goes through
 * add_to_freelist() -- which opens the run and, like every add, runs the
 * PA => RA check -- and the rest are spliced in just before it, so it ends
 * up the run's tail.  Returns the entries moved.
 */
unsigned long add_to_freelist_bulk(struct zone *z, uint32_t bulk, int mt, unsigned int order,
				   uint32_t r)
{
	struct lru *lru = z->node->lru;
	struct free_list *fl = get_free_list(z, order, mt);
	unsigned long n = 0;

	if (list_empty(lru, bulk))
		return 0;

	uint32_t first = lru[bulk].next;

	list_del(lru, first);
	add_to_freelist(z, first, mt, order, false);

	/* The series splices before the run's tail; with no run (only an
	 * inconsistent state gets here) the kernel would follow NULL, and the
	 * model splices at the head so that the oracle can report it. */
	uint32_t where = fl->run[r].tail != NO_PAGE ? fl->run[r].tail : lru[fl->head].next;

	while (!list_empty(lru, bulk)) {
		uint32_t idx = lru[bulk].next;

		list_del(lru, idx);
		list_add_tail(lru, idx, where);
		z->node->pages[idx].list_mt = (uint8_t)mt;
		fl->nr_entries++;
		account_freepages(z, mt, 1L << order);
		n++;
	}
	fl->run[r].nr_blocks += (uint32_t)n;
	z->free_area[order].nr_free += n + 1;
	z->region[r].nr_free -= 1UL << order;
	return n + 1;
}
