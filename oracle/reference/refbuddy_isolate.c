// SPDX-License-Identifier: MIT
/*
 * refbuddy: setup_zone_migrate_reserve and pageblock isolation (3.12's
 * mm/page_isolation.c, with alloc_contig_range's widening for ranges).
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

int ref_set_migratetype_isolate(struct ref_buddy *rb, unsigned long pfn)
{
	if (!rb_in_node(rb, pfn))
		return REF_ERANGE;
	if (pageblock_busy(rb, pfn))
		return REF_EBUSY;
	/* No check that it is ISOLATE already: 3.12 isolates it again. */
	rb_pb_set(rb, pfn, REF_ISOLATE);

	unsigned long moved = rb_move_freepages_block(rb, pfn, REF_ISOLATE);

	rb->nr_free_pages[rb_zone_of(rb, pfn)] -= (long)moved;
	return REF_OK;
}

int ref_unset_migratetype_isolate(struct ref_buddy *rb, unsigned long pfn, int mt)
{
	if (!rb_valid_mt(mt, REF_ISOLATE))
		return REF_EINVAL;
	if (!rb_in_node(rb, pfn))
		return REF_ERANGE;
	if (rb_pb_get(rb, pfn) != REF_ISOLATE)
		return REF_OK;

	unsigned long moved = rb_move_freepages_block(rb, pfn, mt);

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
