// SPDX-License-Identifier: MIT
/*
 * refbuddy: setup_zone_migrate_reserve and pageblock isolation (3.12's
 * mm/page_isolation.c, with alloc_contig_range's widening for ranges), with
 * the fixes F1, F3, F4 (the undo half) and F5 where they touch these.
 */
#include "refbuddy_internal.h"

/* ---------------------------------------------------------------- reserve */

int ref_setup_zone_migrate_reserve(struct ref_buddy *rb, unsigned int zone, unsigned int quota)
{
	if (zone >= rb->g.nr_zones)
		return REF_EINVAL;

	unsigned long zs = rb->g.zone_start[zone], ze = rb->zone_end[zone];

	/* A quota above the number of pageblocks the walk visits -- those
	 * starting inside the zone -- can never be met: refused. */
	unsigned long first = rb_round_up(zs, rb->pb_pages);

	if (quota > (first < ze ? (ze - first + rb->pb_pages - 1) / rb->pb_pages : 0))
		return REF_EINVAL;

	for (unsigned long pfn = rb_round_up(zs, rb->pb_pages); pfn < ze; pfn += rb->pb_pages) {
		int t = rb_pb_get(rb, pfn);

		if (quota > 0) {
			unsigned long end = pfn + rb->pb_pages < ze ? pfn + rb->pb_pages : ze;
			bool unusable = false;

			for (unsigned long p = pfn; p < end; p++)
				if (rb_is_hole(rb, p) || rb_is_reserved(rb, p))
					unusable = true;
			/* F3: a pageblock running past the zone's end. */
			if (rb_fix(rb, REF_FIX_PARTIAL_PAGEBLOCK) &&
			    !rb_pb_whole_in_zone(rb, pfn, (int)zone))
				unusable = true;
			if (unusable)
				continue;
			if (t == REF_RESERVE) {
				quota--;
				continue;
			}
			if (t == REF_MOVABLE) {
				rb_pb_set(rb, pfn, REF_RESERVE);
				rb_move_freepages_block(rb, pfn, REF_RESERVE);
				quota--;
				continue;
			}
		}
		if (t == REF_RESERVE) {
			rb_pb_set(rb, pfn, REF_MOVABLE);
			rb_move_freepages_block(rb, pfn, REF_MOVABLE);
		}
	}
	return REF_OK;
}

/* -------------------------------------------------------------- isolation */

/* The stand-in for has_unmovable_pages: a pageblock not of type MOVABLE that
 * holds a hole, a reserved page or the head of a block allocated as another
 * type than MOVABLE. */
static bool pageblock_busy(struct ref_buddy *rb, unsigned long pfn)
{
	if (rb_pb_get(rb, pfn) == REF_MOVABLE)
		return false;

	unsigned long start = rb_round_down(pfn, rb->pb_pages);

	for (unsigned long p = start; p < start + rb->pb_pages; p++) {
		if (!rb_in_node(rb, p))
			continue;
		if (rb_is_hole(rb, p) || rb_is_reserved(rb, p))
			return true;
		if (rb->alloc_order[rb_idx(rb, p)] != NO_ORDER &&
		    rb->alloc_mt[rb_idx(rb, p)] != REF_MOVABLE)
			return true;
	}
	return false;
}

/* The one-pageblock calls work on the pageblock's first pfn in the node, as
 * the kernel's callers pass __first_valid_page(). */
static unsigned long first_pfn_of_pageblock(const struct ref_buddy *rb, unsigned long pfn)
{
	unsigned long start = rb_round_down(pfn, rb->pb_pages);

	return start < rb->g.node_start_pfn ? rb->g.node_start_pfn : start;
}

int ref_set_migratetype_isolate(struct ref_buddy *rb, unsigned long pfn)
{
	if (!rb_in_node(rb, pfn))
		return REF_ERANGE;
	pfn = first_pfn_of_pageblock(rb, pfn);
	/* 3.12 has no check that it is ISOLATE already and isolates it again;
	 * F1 refuses. */
	if (rb_fix(rb, REF_FIX_ISOLATE_TWICE) && rb_pb_get(rb, pfn) == REF_ISOLATE)
		return REF_EBUSY;
	/* F3: a pageblock the zone of @pfn does not wholly span. */
	if (rb_fix(rb, REF_FIX_PARTIAL_PAGEBLOCK) &&
	    !rb_pb_whole_in_zone(rb, pfn, rb_zone_of(rb, pfn)))
		return REF_EBUSY;
	if (pageblock_busy(rb, pfn))
		return REF_EBUSY;
	rb_pb_set(rb, pfn, REF_ISOLATE);

	unsigned long moved = rb_move_freepages_block(rb, pfn, REF_ISOLATE);

	if (!rb_fix(rb, REF_FIX_FREE_ACCOUNTING))
		rb->nr_free_pages[rb_zone_of(rb, pfn)] -= (long)moved;
	return REF_OK;
}

/* F4's undo: the free block of order o, pageblock_order <= o < MAX_ORDER-1,
 * heading the pageblock at @s, whose buddy is inside the node and not in an
 * ISOLATE pageblock, is taken off its list and freed again with @mt after
 * the pageblock is retyped, so that it merges.  False when there is none. */
static bool undo_by_freeing(struct ref_buddy *rb, unsigned long s, int zone, int mt)
{
	if (!rb_zone_spans(rb, zone, s))
		return false;

	int o = rb_free_order_of(rb, s);

	if (o == NO_ORDER || (unsigned int)o < rb->g.pageblock_order ||
	    (unsigned int)o >= rb->g.max_order - 1)
		return false;

	unsigned long buddy = s ^ (1UL << o);

	if (!rb_in_node(rb, buddy) || rb_pb_get(rb, buddy) == REF_ISOLATE)
		return false;
	rb_take_free_block(rb, s);
	rb_pb_set(rb, s, mt);
	rb_free_one_page(rb, s, (unsigned int)o, mt);
	if (!rb_fix(rb, REF_FIX_FREE_ACCOUNTING))
		rb->nr_free_pages[zone] += 1L << o;
	return true;
}

int ref_unset_migratetype_isolate(struct ref_buddy *rb, unsigned long pfn, int mt)
{
	if (!rb_valid_mt(mt, REF_ISOLATE))
		return REF_EINVAL;
	if (!rb_in_node(rb, pfn))
		return REF_ERANGE;
	pfn = first_pfn_of_pageblock(rb, pfn);
	if (rb_pb_get(rb, pfn) != REF_ISOLATE)
		return REF_OK;
	if (rb_fix(rb, REF_FIX_ISOLATE_MERGE) &&
	    undo_by_freeing(rb, rb_round_down(pfn, rb->pb_pages), rb_zone_of(rb, pfn), mt))
		return REF_OK;

	unsigned long moved = rb_move_freepages_block(rb, pfn, mt);

	if (!rb_fix(rb, REF_FIX_FREE_ACCOUNTING))
		rb->nr_free_pages[rb_zone_of(rb, pfn)] += (long)moved;
	rb_pb_set(rb, pfn, mt);
	return REF_OK;
}

static int check_range(const struct ref_buddy *rb, unsigned long start, unsigned long end,
		       int mt)
{
	if (!rb_valid_mt(mt, REF_ISOLATE) || start >= end)
		return REF_EINVAL;
	if (!rb_in_node(rb, start) || !rb_in_node(rb, end - 1))
		return REF_ERANGE;
	if (rb_zone_of(rb, start) != rb_zone_of(rb, end - 1))
		return REF_EXDEV;
	return REF_OK;
}

/* alloc_contig_range's widening: to max(MAX_ORDER_NR_PAGES, pageblock). */
static void widen(const struct ref_buddy *rb, unsigned long *start, unsigned long *end)
{
	unsigned long a = 1UL << (rb->g.max_order - 1);

	if (a < rb->pb_pages)
		a = rb->pb_pages;
	*start = rb_round_down(*start, a);
	*end = rb_round_up(*end, a);
}

/* __first_valid_page: the first pfn of the pageblock at @pb inside the node. */
static bool first_in_node(const struct ref_buddy *rb, unsigned long pb, unsigned long *q)
{
	for (unsigned long p = pb; p < pb + rb->pb_pages; p++) {
		if (rb_in_node(rb, p)) {
			*q = p;
			return true;
		}
	}
	return false;
}

int ref_start_isolate_page_range(struct ref_buddy *rb, unsigned long start, unsigned long end,
				 int mt)
{
	int err = check_range(rb, start, end, mt);

	if (err)
		return err;
	widen(rb, &start, &end);
	for (unsigned long p = start; p < end; p += rb->pb_pages) {
		unsigned long q;

		if (!first_in_node(rb, p, &q))
			continue;
		if (ref_set_migratetype_isolate(rb, q) == REF_OK)
			continue;
		/* Refused: undo every earlier pageblock, whoever isolated it. */
		for (unsigned long u = start; u < p; u += rb->pb_pages)
			if (first_in_node(rb, u, &q))
				ref_unset_migratetype_isolate(rb, q, mt);
		return REF_EBUSY;
	}
	return REF_OK;
}

int ref_undo_isolate_page_range(struct ref_buddy *rb, unsigned long start, unsigned long end,
				int mt)
{
	int err = check_range(rb, start, end, mt);

	if (err)
		return err;
	widen(rb, &start, &end);
	for (unsigned long p = start; p < end; p += rb->pb_pages) {
		unsigned long q;

		if (first_in_node(rb, p, &q))
			ref_unset_migratetype_isolate(rb, q, mt);
	}
	return REF_OK;
}
