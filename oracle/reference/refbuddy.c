// SPDX-License-Identifier: MIT
/*
 * refbuddy: the oracle's independent reference buddy allocator (vanilla
 * Linux 3.12 semantics, no per-cpu lists, no watermarks, no CMA).
 *
 * Written from the specification (shared/design/MODEL.md sections 1-3 and 5,
 * notes/vanilla-check.md, docs/MODEL.md), never from engine/.  It is meant to
 * be read and believed, not to be fast:
 *
 *  - every pfn of the node has a few bytes of state: the order of the free
 *    block it heads (or -1) and the list that block is on, the order and type
 *    of the allocated block it heads (or -1);
 *  - whether a pfn is a hole or reserved, and which zone it is in, is
 *    computed from the geometry each time it is asked;
 *  - each free list is a plain array of head pfns in list order, index 0
 *    being the list head (refbuddy_list.c);
 *  - the counters (NR_FREE_PAGES, free_area[].nr_free) change exactly where
 *    the kernel changes them, so they disagree with the lists where 3.12's
 *    would (isolating twice, merging across an isolated pageblock): a
 *    faithful reference reproduces those;
 *  - the six fixes (enum ref_fix) are each a test of rb->fixes at the one
 *    place the specification names; with no bit set nothing differs.
 *
 * The page's "freepage migratetype" is not kept: nothing in vanilla 3.12
 * without per-cpu lists reads it, and this interface does not show it.
 *
 * This file: pageblock types, putting blocks on and off the lists, the free
 * path (__free_one_page), allocation (__rmqueue and its parts) and
 * move_freepages.  refbuddy_isolate.c has reserve set-up and isolation;
 * refbuddy_setup.c set-up, boot frees and the introspection calls.
 */
#include "refbuddy_internal.h"

/* ------------------------------------------------------------- pageblocks */

/* The slot of the pageblock holding @pfn, which must overlap the node. */
static unsigned long pb_index(const struct ref_buddy *rb, unsigned long pfn)
{
	unsigned long pb = pfn >> rb->g.pageblock_order;

	if (pb < rb->pb_first || pb - rb->pb_first >= rb->nr_pb)
		rl_die("pageblock outside the node");
	return pb - rb->pb_first;
}

int rb_pb_get(const struct ref_buddy *rb, unsigned long pfn)
{
	return rb->pb_mt[pb_index(rb, pfn)];
}

/* set_pageblock_migratetype: while grouping by mobility is disabled, 3.12
 * stores UNMOVABLE whatever it is asked to store; with F2 (3.13) only the
 * allocation types become UNMOVABLE, RESERVE and ISOLATE are kept. */
void rb_pb_set(struct ref_buddy *rb, unsigned long pfn, int mt)
{
	if (rb->mobility_disabled &&
	    (!rb_fix(rb, REF_FIX_MOBILITY_TYPES) || mt < REF_RESERVE))
		mt = REF_UNMOVABLE;
	rb->pb_mt[pb_index(rb, pfn)] = (signed char)mt;
}

void ref_set_fixes(struct ref_buddy *rb, unsigned int fixes)
{
	rb->fixes = fixes & RB_FIX_ALL;
}

/* ------------------------------------------------------ free list linkage */

/* Put the free block @pfn of @order on free_list[order][mt] of its zone;
 * the counters are the caller's business, except that with F5 NR_FREE_PAGES
 * follows the lists here: a block put on a list other than ISOLATE counts. */
static void link_block(struct ref_buddy *rb, unsigned long pfn, unsigned int order, int mt,
		       bool at_tail)
{
	int z = rb_zone_of(rb, pfn);

	if (z < 0 || rb->free_order[rb_idx(rb, pfn)] != NO_ORDER)
		rl_die("linking a block that cannot be free");
	rb->free_order[rb_idx(rb, pfn)] = (signed char)order;
	rb->list_mt[rb_idx(rb, pfn)] = (signed char)mt;
	if (at_tail)
		rl_add_tail(&rb->lists[z][order][mt], pfn);
	else
		rl_add_head(&rb->lists[z][order][mt], pfn);
	if (rb_fix(rb, REF_FIX_FREE_ACCOUNTING) && mt != REF_ISOLATE)
		rb->nr_free_pages[z] += 1L << order;
}

/* Take the free block headed at @pfn off whatever list it is on (with F5,
 * uncounting it unless that list is ISOLATE). */
static void unlink_block(struct ref_buddy *rb, unsigned long pfn)
{
	int z = rb_zone_of(rb, pfn);
	int order = rb_free_order_of(rb, pfn);

	if (z < 0 || order == NO_ORDER)
		rl_die("unlinking a block that is not free");

	int mt = rb->list_mt[rb_idx(rb, pfn)];

	rl_del(&rb->lists[z][order][mt], pfn);
	rb->free_order[rb_idx(rb, pfn)] = NO_ORDER;
	rb->list_mt[rb_idx(rb, pfn)] = -1;
	if (rb_fix(rb, REF_FIX_FREE_ACCOUNTING) && mt != REF_ISOLATE)
		rb->nr_free_pages[z] -= 1L << order;
}

/* list_move to the head of free_list[its order][mt]. */
static void move_block(struct ref_buddy *rb, unsigned long pfn, int mt)
{
	int order = rb_free_order_of(rb, pfn);

	unlink_block(rb, pfn);
	link_block(rb, pfn, (unsigned int)order, mt, false);
}

/* ------------------------------------------------------------------- free */

/* page_is_buddy: @buddy is in the node, in the same zone as @page, and heads
 * a free block of exactly @order.  Migratetypes are not compared. */
static bool is_buddy(const struct ref_buddy *rb, unsigned long page, unsigned long buddy,
		     unsigned int order)
{
	int zp = rb_zone_of(rb, page), zb = rb_zone_of(rb, buddy);

	return rb_in_node(rb, buddy) && zp >= 0 && zb >= 0 && zp == zb &&
	       rb_free_order_of(rb, buddy) == (int)order;
}

/* F4: at order >= pageblock_order, no merging when the head's or the
 * buddy's pageblock is ISOLATE. */
static bool merge_blocked(const struct ref_buddy *rb, unsigned long pfn, unsigned long buddy,
			  unsigned int order)
{
	return rb_fix(rb, REF_FIX_ISOLATE_MERGE) && order >= rb->g.pageblock_order &&
	       (rb_pb_get(rb, pfn) == REF_ISOLATE || rb_pb_get(rb, buddy) == REF_ISOLATE);
}

void rb_free_one_page(struct ref_buddy *rb, unsigned long pfn, unsigned int order, int mt)
{
	unsigned int max_order = rb->g.max_order;
	int z = rb_zone_of(rb, pfn);
	unsigned long buddy = 0;
	bool stopped = false;

	while (order < max_order - 1) {
		buddy = pfn ^ (1UL << order);
		/* Blocked by F4, the buddy is still the last one examined. */
		if (!is_buddy(rb, pfn, buddy, order) || merge_blocked(rb, pfn, buddy, order)) {
			stopped = true;
			break;
		}
		unlink_block(rb, buddy);
		rb->nr_free[z][order]--;
		pfn &= buddy;	/* the lower of the two */
		order++;
	}

	/* The tail rule: if the block's parent has a free buddy of the
	 * parent's order, this block will likely merge soon; keep it at the
	 * tail so it is not allocated first. */
	bool at_tail = false;

	if (stopped && order < max_order - 2 && rb_in_node(rb, buddy)) {
		unsigned long parent = buddy & pfn;
		unsigned long higher_buddy = parent ^ (1UL << (order + 1));

		at_tail = is_buddy(rb, parent, higher_buddy, order + 1);
	}
	link_block(rb, pfn, order, mt, at_tail);
	rb->nr_free[z][order]++;
}

/* free_one_page as the free path calls it: the pageblock's type decides the
 * list, and NR_FREE_PAGES grows by the freed size unless that is ISOLATE
 * (with F5 the lists do the counting instead). */
void rb_free_block(struct ref_buddy *rb, unsigned long pfn, unsigned int order)
{
	int mt = rb_pb_get(rb, pfn);
	int z = rb_zone_of(rb, pfn);

	rb_free_one_page(rb, pfn, order, mt);
	if (mt != REF_ISOLATE && !rb_fix(rb, REF_FIX_FREE_ACCOUNTING))
		rb->nr_free_pages[z] += 1L << order;
}

/* F4's undo: take the free block headed at @pfn off its list, as
 * __isolate_free_page does, ready to be freed again. */
void rb_take_free_block(struct ref_buddy *rb, unsigned long pfn)
{
	int z = rb_zone_of(rb, pfn);
	int order = rb_free_order_of(rb, pfn);

	unlink_block(rb, pfn);
	rb->nr_free[z][order]--;
}

/* ------------------------------------------------------------------- move */

unsigned long rb_move_freepages(struct ref_buddy *rb, unsigned long start,
				unsigned long end_inclusive, int mt)
{
	unsigned long moved = 0, pfn = start;

	while (pfn <= end_inclusive) {
		int order = rb_free_order_of(rb, pfn);

		if (order == NO_ORDER) {
			pfn++;
			continue;
		}
		move_block(rb, pfn, mt);
		moved += 1UL << order;
		pfn += 1UL << order;
	}
	return moved;
}

unsigned long rb_move_freepages_block(struct ref_buddy *rb, unsigned long pfn, int mt)
{
	int z = rb_zone_of(rb, pfn);
	unsigned long start = rb_round_down(pfn, rb->pb_pages);
	unsigned long end = start + rb->pb_pages - 1;

	if (!rb_zone_spans(rb, z, start))
		start = pfn;
	if (!rb_zone_spans(rb, z, end))
		return 0;
	return rb_move_freepages(rb, start, end, mt);
}

/* -------------------------------------------------------------- allocation */

/* expand: split the block at @pfn of order @high down to @low, the upper
 * halves going to the head of free_list[..][mt]. */
static void expand(struct ref_buddy *rb, int z, unsigned long pfn, unsigned int low,
		   unsigned int high, int mt)
{
	while (high > low) {
		high--;
		link_block(rb, pfn + (1UL << high), high, mt, false);
		rb->nr_free[z][high]++;
	}
}

static bool rmqueue_smallest(struct ref_buddy *rb, int z, unsigned int order, int mt,
			     unsigned long *pfn)
{
	for (unsigned int o = order; o < rb->g.max_order; o++) {
		struct rl_list *l = &rb->lists[z][o][mt];

		if (rl_count(l) == 0)
			continue;
		unsigned long page = rl_get(l, 0);

		unlink_block(rb, page);
		rb->nr_free[z][o]--;
		expand(rb, z, page, order, o, mt);
		*pfn = page;
		return true;
	}
	return false;
}

static const int fallbacks[3][2] = {
	[REF_UNMOVABLE] = { REF_RECLAIMABLE, REF_MOVABLE },
	[REF_RECLAIMABLE] = { REF_UNMOVABLE, REF_MOVABLE },
	[REF_MOVABLE] = { REF_RECLAIMABLE, REF_UNMOVABLE },
};

static bool rmqueue_fallback(struct ref_buddy *rb, int z, unsigned int order, int start_mt,
			     unsigned long *pfn)
{
	unsigned int pbo = rb->g.pageblock_order;

	for (int co = (int)rb->g.max_order - 1; co >= (int)order; co--) {
		for (int i = 0; i < 2; i++) {
			struct rl_list *l = &rb->lists[z][co][fallbacks[start_mt][i]];

			if (rl_count(l) == 0)
				continue;
			unsigned long page = rl_get(l, 0);

			rb->nr_free[z][co]--;
			/* 3.12 try_to_steal_freepages; with F6 an ISOLATE
			 * pageblock is neither moved nor retyped. */
			bool keep = rb_fix(rb, REF_FIX_STEAL_ISOLATED);

			if (keep && rb_pb_get(rb, page) == REF_ISOLATE) {
				/* nothing */
			} else if ((unsigned int)co >= pbo) {
				unsigned long n = 1UL << ((unsigned int)co - pbo);

				for (unsigned long k = 0; k < n; k++) {
					unsigned long p = page + k * rb->pb_pages;

					if (!keep || rb_pb_get(rb, p) != REF_ISOLATE)
						rb_pb_set(rb, p, start_mt);
				}
			} else if ((unsigned int)co >= pbo / 2 || start_mt == REF_RECLAIMABLE ||
				   rb->mobility_disabled) {
				unsigned long moved = rb_move_freepages_block(rb, page, start_mt);

				if (moved >= (1UL << (pbo - 1)) || rb->mobility_disabled)
					rb_pb_set(rb, page, start_mt);
			}
			unlink_block(rb, page);	/* from whatever list it is on now */
			expand(rb, z, page, order, (unsigned int)co, start_mt);
			*pfn = page;
			return true;
		}
	}
	return false;
}

static bool rmqueue(struct ref_buddy *rb, int z, unsigned int order, int mt, unsigned long *pfn)
{
	if (rmqueue_smallest(rb, z, order, mt, pfn))
		return true;
	if (mt != REF_RESERVE && rmqueue_fallback(rb, z, order, mt, pfn))
		return true;
	return rmqueue_smallest(rb, z, order, REF_RESERVE, pfn);
}

static int check_alloc_args(const struct ref_buddy *rb, unsigned int zone, unsigned int order,
			    int mt)
{
	if (zone >= rb->g.nr_zones || order >= rb->g.max_order || !rb_valid_mt(mt, REF_RESERVE))
		return REF_EINVAL;
	return REF_OK;
}

static void record_alloc(struct ref_buddy *rb, int z, unsigned long pfn, unsigned int order,
			 int mt)
{
	rb->alloc_order[rb_idx(rb, pfn)] = (signed char)order;
	rb->alloc_mt[rb_idx(rb, pfn)] = (signed char)mt;
	if (!rb_fix(rb, REF_FIX_FREE_ACCOUNTING))
		rb->nr_free_pages[z] -= 1L << order;
}

int ref_alloc(struct ref_buddy *rb, unsigned int zone, unsigned int order, int mt,
	      unsigned long *pfn)
{
	unsigned long page;
	int err = check_alloc_args(rb, zone, order, mt);

	if (err)
		return err;
	if (rb->mobility_disabled)
		mt = REF_UNMOVABLE;
	if (!rmqueue(rb, (int)zone, order, mt, &page))
		return REF_ENOMEM;
	record_alloc(rb, (int)zone, page, order, mt);
	if (pfn)
		*pfn = page;
	return REF_OK;
}

int ref_steal(struct ref_buddy *rb, unsigned int zone, unsigned int order, int mt,
	      unsigned long *pfn)
{
	unsigned long page;
	int err = check_alloc_args(rb, zone, order, mt);

	if (err)
		return err;
	if (rb->mobility_disabled)
		mt = REF_UNMOVABLE;
	/* The kernel falls back only when the type itself has nothing. */
	for (unsigned int o = order; o < rb->g.max_order; o++)
		if (rl_count(&rb->lists[zone][o][mt]))
			return REF_EINVAL;
	if (!rmqueue_fallback(rb, (int)zone, order, mt, &page))
		return REF_ENOMEM;
	record_alloc(rb, (int)zone, page, order, mt);
	if (pfn)
		*pfn = page;
	return REF_OK;
}

int ref_free(struct ref_buddy *rb, unsigned long pfn, unsigned int order)
{
	if (order >= rb->g.max_order)
		return REF_EINVAL;
	if (!rb_in_node(rb, pfn))
		return REF_ERANGE;
	if (rb->alloc_order[rb_idx(rb, pfn)] != (int)order)
		return REF_ENOTALLOC;
	rb->alloc_order[rb_idx(rb, pfn)] = NO_ORDER;
	rb->alloc_mt[rb_idx(rb, pfn)] = -1;
	rb_free_block(rb, pfn, order);
	return REF_OK;
}

/* ------------------------------------------------- moving, the entry points */

int ref_move_freepages(struct ref_buddy *rb, unsigned int zone, unsigned long start,
		       unsigned long end_inclusive, int mt, unsigned long *moved)
{
	if (zone >= rb->g.nr_zones || !rb_valid_mt(mt, REF_NR_MT) || start > end_inclusive)
		return REF_EINVAL;
	if (!rb_in_node(rb, start) || !rb_in_node(rb, end_inclusive))
		return REF_ERANGE;
	if (!rb_zone_spans(rb, (int)zone, start) || !rb_zone_spans(rb, (int)zone, end_inclusive))
		return REF_EXDEV;
	if (mt == REF_ISOLATE)
		return REF_EINVAL;
	for (unsigned long pb = rb_round_down(start, rb->pb_pages); pb <= end_inclusive;
	     pb += rb->pb_pages)
		if (rb_pb_get(rb, pb < start ? start : pb) == REF_ISOLATE)
			return REF_EINVAL;

	unsigned long n = rb_move_freepages(rb, start, end_inclusive, mt);

	if (moved)
		*moved = n;
	return REF_OK;
}

int ref_move_freepages_block(struct ref_buddy *rb, unsigned long pfn, int mt,
			     unsigned long *moved)
{
	if (!rb_valid_mt(mt, REF_NR_MT))
		return REF_EINVAL;
	if (!rb_in_node(rb, pfn))
		return REF_ERANGE;
	if (mt == REF_ISOLATE || rb_pb_get(rb, pfn) == REF_ISOLATE)
		return REF_EINVAL;

	unsigned long n = rb_move_freepages_block(rb, pfn, mt);

	if (moved)
		*moved = n;
	return REF_OK;
}
