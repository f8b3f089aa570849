// SPDX-License-Identifier: MIT
/*
 * The oracle's reference buddy allocator (oracle/reference/refbuddy.h).
 *
 * Part 1 checks the reference alone on small cases whose expected state was
 * worked out by hand from the specification (the comment above each test is
 * the working); part 1b does the same for each of the six fixes (enum
 * ref_fix), mostly side by side with the faithful result.  Part 2 runs the
 * reference and the engine's vanilla mode in lockstep on seeded random
 * operation streams over varied geometries and compares, after every
 * operation, the status, the pfn or page count returned, NR_FREE_PAGES and
 * nr_free of every zone and order and every pageblock's type; every 50
 * operations and at the end also every free list entry by entry and every
 * page's free/allocated head state.  It does so faithfully (fixes 0 against
 * options 0), with all six fixes against the six RF_OPT_FIX_* options, and
 * with each fix alone.
 *
 * All tests are vanilla-only: the reference models Linux 3.12.
 *
 * Pictures: one character per pfn; a free block is its order digit repeated
 * over its pages, '#' allocated, 'x' a hole, 'r' reserved, '.' outside the node.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "refbuddy.h"
#include "testlib.h"

/* ------------------------------------------------------------ helpers */

static struct ref_geometry ref_geo(unsigned int max_order, unsigned int pageblock_order,
				   unsigned long start, unsigned long pages)
{
	struct ref_geometry g;

	memset(&g, 0, sizeof(g));
	g.max_order = max_order;
	g.pageblock_order = pageblock_order;
	g.node_start_pfn = start;
	g.node_pages = pages;
	g.nr_zones = 1;
	g.zone_start[0] = start;
	return g;
}

static bool ref_list_is(const struct ref_buddy *rb, unsigned int zone, unsigned int order,
			int mt, const unsigned long *want, size_t nr)
{
	size_t len = ref_list_len(rb, zone, order, mt);
	bool same = len == nr;

	for (size_t i = 0; same && i < nr; i++)
		same = ref_list_at(rb, zone, order, mt, i) == want[i];
	if (!same) {
		fprintf(stderr, "  ref free_list[%u][%d] is:", order, mt);
		for (size_t i = 0; i < len && i < 64; i++)
			fprintf(stderr, " %lu", ref_list_at(rb, zone, order, mt, i));
		fprintf(stderr, "\n  expected:                ");
		for (size_t i = 0; i < nr; i++)
			fprintf(stderr, " %lu", want[i]);
		fputc('\n', stderr);
	}
	return same;
}

#define CHECK_REF_LIST(rb, zone, order, mt, ...)                                \
	do {                                                                    \
		const unsigned long w_[] = { __VA_ARGS__ };                     \
		if (!ref_list_is(rb, zone, order, mt, w_, sizeof(w_) / sizeof(w_[0]))) \
			t_fail(__FILE__, __LINE__, "ref free_list[%u][%d] differs", \
			       (unsigned int)(order), (int)(mt));               \
	} while (0)
#define CHECK_REF_EMPTY(rb, zone, order, mt) CHECK_EQ(ref_list_len(rb, zone, order, mt), 0)

static unsigned long ref_alloc_ok(struct ref_buddy *rb, unsigned int zone, unsigned int order,
				  int mt)
{
	unsigned long pfn = REF_NONE;
	int err = ref_alloc(rb, zone, order, mt, &pfn);

	if (err)
		t_fail(__FILE__, __LINE__, "ref_alloc(%u, %u, %d) = %d", zone, order, mt, err);
	return pfn;
}

/* Allocate every page as order-0 MOVABLE. */
static unsigned long ref_drain(struct ref_buddy *rb)
{
	unsigned long n = 0, pfn;

	for (unsigned int z = 0; z < 3; z++)
		while (ref_alloc(rb, z, 0, REF_MOVABLE, &pfn) == REF_OK)
			n++;
	return n;
}

/* ------------------------------------------------- part 1: by hand */

/*
 * Geometry validation: each bound, one step outside it.
 */
static void ref_geometry_limits(void)
{
	struct ref_geometry g = ref_geo(4, 2, 0, 32);
	struct ref_buddy *rb = ref_create(&g);

	CHECK(rb != NULL);
	ref_destroy(rb);

	struct ref_geometry bad[12];

	for (int i = 0; i < 12; i++)
		bad[i] = g;
	bad[0].max_order = 1;
	bad[1].max_order = 12;
	bad[2].pageblock_order = 0;
	bad[3].pageblock_order = 4;			/* = max_order */
	bad[4].node_pages = 0;
	bad[5].node_pages = (1UL << 26) + 1;
	bad[6].nr_zones = 0;
	bad[7].nr_zones = 2;				/* zone 1 at 0 = zone 0 */
	bad[8].zone_start[0] = 1;
	bad[9].nr_holes = 1;				/* empty range */
	bad[9].holes[0] = (struct ref_range){ 5, 5 };
	bad[10].nr_reserved = 1;			/* past the node */
	bad[10].reserved[0] = (struct ref_range){ 30, 33 };
	bad[11].nr_holes = 9;
	for (int i = 0; i < 9; i++)
		bad[11].holes[i % REF_MAX_RANGES] = (struct ref_range){ 1, 2 };
	for (int i = 0; i < 12; i++) {
		rb = ref_create(&bad[i]);
		if (rb) {
			t_fail(__FILE__, __LINE__, "bad geometry %d accepted", i);
			ref_destroy(rb);
		}
	}
	g.nr_zones = 3;
	g.zone_start[1] = 7;
	g.zone_start[2] = 7;				/* not increasing */
	CHECK(ref_create(&g) == NULL);
	g.zone_start[2] = 32;				/* past the node */
	CHECK(ref_create(&g) == NULL);
	g.zone_start[2] = 31;
	rb = ref_create(&g);
	CHECK(rb != NULL);
	ref_destroy(rb);
}

/*
 * Boot of a node at pfn 2 of 30 pages, MAX_ORDER 4, pageblocks of 4.
 * Pageblock [0,4) starts before the node: UNMOVABLE; the rest MOVABLE.
 * Managed 30 >= 4*5: grouping by mobility on.  Boot chunks are order 3
 * (min(6, 3)), 8 pages: the run [2,32) has 8 as its first aligned chunk,
 * so 2..7 go one by one, then chunks 8, 16, 24.
 *   free 2 (UNM): buddy 3 busy; parent 2's buddy 0 outside    -> head [0]UNM: 2
 *   free 3: merges with 2 -> (2,1); buddy 0 outside           -> head [1]UNM: 2
 *   free 4 (MOV): parent 4's buddy 6 not free                 -> head [0]MOV: 4
 *   free 5: merges -> (4,1); buddy 6 busy, parent 4's buddy 0 outside -> head
 *   free 6: buddy 7 busy; parent 6's buddy 4 is free order 1  -> TAIL [0]MOV: 6
 *   free 7: -> (6,1) -> merges with (4,1) -> (4,2); order 2 = MAX_ORDER-2 -> head
 *   chunks 8, 16, 24 at order 3 = MAX_ORDER-1, each at the head.
 *
 *   pfn  0 2 4   8       16      24      32
 *        ..1122223333333333333333333333333
 */
static void ref_boot_unaligned(void)
{
	struct ref_geometry g = ref_geo(4, 2, 2, 30);
	struct ref_buddy *rb = ref_create(&g);

	if (!rb) {
		t_fail(__FILE__, __LINE__, "ref_create failed");
		return;
	}
	CHECK(!ref_mobility_disabled(rb));
	CHECK_EQ(ref_pageblock_mt(rb, 1), -1);
	CHECK_EQ(ref_pageblock_mt(rb, 2), REF_UNMOVABLE);
	CHECK_EQ(ref_pageblock_mt(rb, 3), REF_UNMOVABLE);
	for (unsigned long p = 4; p < 32; p++)
		CHECK_EQ(ref_pageblock_mt(rb, p), REF_MOVABLE);
	CHECK_EQ(ref_pageblock_mt(rb, 32), -1);
	CHECK_REF_LIST(rb, 0, 1, REF_UNMOVABLE, 2);
	CHECK_REF_LIST(rb, 0, 2, REF_MOVABLE, 4);
	CHECK_REF_LIST(rb, 0, 3, REF_MOVABLE, 24, 16, 8);
	CHECK_REF_EMPTY(rb, 0, 0, REF_MOVABLE);
	CHECK_REF_EMPTY(rb, 0, 0, REF_UNMOVABLE);
	CHECK_EQ(ref_nr_free(rb, 0, 0), 0);
	CHECK_EQ(ref_nr_free(rb, 0, 1), 1);
	CHECK_EQ(ref_nr_free(rb, 0, 2), 1);
	CHECK_EQ(ref_nr_free(rb, 0, 3), 3);
	CHECK_EQ(ref_nr_free_pages(rb, 0), 30);
	CHECK_EQ(ref_free_order(rb, 2), 1);
	CHECK_EQ(ref_free_order(rb, 3), -1);
	CHECK_EQ(ref_free_order(rb, 24), 3);
	CHECK_EQ(ref_alloc_order(rb, 24), -1);
	ref_destroy(rb);
}

/*
 * Boot around a hole at 9 and reserved pages 20, 21: node [0,32),
 * MAX_ORDER 4, pageblocks of 4.  Runs of managed pages [0,9), [10,20),
 * [22,32).
 *   [0,9):   chunk 0 (order 3); 8 alone: buddy 9 a hole, parent 8's buddy 10
 *            not free                                       -> [0]: 8
 *   [10,20): no aligned chunk fits (16+8 > 20): singles
 *     10: parent 10's buddy 8 is order 0, not 1             -> head [0]: 10 8
 *     11: -> (10,1); buddy 8 order 0; parent 8's buddy 12 not free -> head [1]: 10
 *     12: parent's buddy 14 not free                        -> head [0]: 12 8
 *     13: -> (12,1); buddy 14 busy; parent 12's buddy 8 not order 2 -> head [1]: 12 10
 *     14: parent 14's buddy 12 free order 1                 -> TAIL [0]: 8 14
 *     15: -> (14,1) -> (12,2); order 2 = MAX_ORDER-2        -> head [2]: 12
 *     16..19 the same way                                   -> [2]: 16 12
 *   [22,32): singles 22, 23, then chunk 24
 *     22: parent 22's buddy 20 reserved                     -> head [0]: 22 8
 *     23: -> (22,1); buddy 20 reserved; parent 20's buddy 16 free order 2 -> TAIL [1]: 10 22
 *     24: order 3                                           -> head [3]: 24 0
 *
 *   pfn  0       8       16      24      32
 *        333333330x1122222222rr1133333333
 */
static void ref_boot_hole_reserved(void)
{
	struct ref_geometry g = ref_geo(4, 2, 0, 32);

	g.nr_holes = 1;
	g.holes[0] = (struct ref_range){ 9, 10 };
	g.nr_reserved = 1;
	g.reserved[0] = (struct ref_range){ 20, 22 };

	struct ref_buddy *rb = ref_create(&g);

	if (!rb) {
		t_fail(__FILE__, __LINE__, "ref_create failed");
		return;
	}
	CHECK_REF_LIST(rb, 0, 0, REF_MOVABLE, 8);
	CHECK_REF_LIST(rb, 0, 1, REF_MOVABLE, 10, 22);
	CHECK_REF_LIST(rb, 0, 2, REF_MOVABLE, 16, 12);
	CHECK_REF_LIST(rb, 0, 3, REF_MOVABLE, 24, 0);
	CHECK_EQ(ref_nr_free(rb, 0, 0), 1);
	CHECK_EQ(ref_nr_free(rb, 0, 1), 2);
	CHECK_EQ(ref_nr_free(rb, 0, 2), 2);
	CHECK_EQ(ref_nr_free(rb, 0, 3), 2);
	CHECK_EQ(ref_nr_free_pages(rb, 0), 29);
	ref_destroy(rb);
}

/*
 * Split, then merge back.  Node [0,32), MAX_ORDER 5, pageblocks of 4: boot
 * chunks are order 4 (min(6, 4)) at 0 and 16, both at the head: [4]: 16 0.
 * An order-1 MOVABLE allocation takes 16 and expands 16 from 4 down to 1:
 * 24 (order 3), 20 (order 2), 18 (order 1), each at the head of its list.
 *
 *   pfn  0               16      24
 *        4444444444444444##1122223333333333
 *
 * Freeing 16 at order 1 merges with 18, 20 and 24 back to (16,4), head.
 */
static void ref_split_merge(void)
{
	struct ref_geometry g = ref_geo(5, 2, 0, 32);
	struct ref_buddy *rb = ref_create(&g);

	if (!rb) {
		t_fail(__FILE__, __LINE__, "ref_create failed");
		return;
	}
	CHECK_REF_LIST(rb, 0, 4, REF_MOVABLE, 16, 0);
	CHECK_EQ(ref_alloc_ok(rb, 0, 1, REF_MOVABLE), 16);
	CHECK_EQ(ref_alloc_order(rb, 16), 1);
	CHECK_REF_LIST(rb, 0, 3, REF_MOVABLE, 24);
	CHECK_REF_LIST(rb, 0, 2, REF_MOVABLE, 20);
	CHECK_REF_LIST(rb, 0, 1, REF_MOVABLE, 18);
	CHECK_REF_LIST(rb, 0, 4, REF_MOVABLE, 0);
	for (unsigned int o = 1; o < 5; o++)
		CHECK_EQ(ref_nr_free(rb, 0, o), 1);
	CHECK_EQ(ref_nr_free_pages(rb, 0), 30);

	/* Wrong order, wrong pfn, out of range, bad order. */
	CHECK_EQ(ref_free(rb, 16, 0), REF_ENOTALLOC);
	CHECK_EQ(ref_free(rb, 17, 1), REF_ENOTALLOC);
	CHECK_EQ(ref_free(rb, 32, 1), REF_ERANGE);
	CHECK_EQ(ref_free(rb, 16, 5), REF_EINVAL);

	CHECK_EQ(ref_free(rb, 16, 1), REF_OK);
	CHECK_REF_LIST(rb, 0, 4, REF_MOVABLE, 16, 0);
	for (unsigned int o = 0; o < 4; o++)
		CHECK_EQ(ref_nr_free(rb, 0, o), 0);
	CHECK_EQ(ref_nr_free(rb, 0, 4), 2);
	CHECK_EQ(ref_nr_free_pages(rb, 0), 32);
	CHECK_EQ(ref_free(rb, 16, 1), REF_ENOTALLOC);	/* twice */
	ref_destroy(rb);
}

/*
 * The tail rule, on a drained node [0,32), MAX_ORDER 5, pageblocks of 4.
 *   free 20: parent 20's buddy 22 not free                -> head [0]: 20
 *   free 4:  parent 4's buddy 6 not free                  -> head [0]: 4 20
 *   free 5:  -> (4,1); buddy 6 busy; parent 4's buddy 0 busy -> head [1]: 4
 *   free 6:  buddy 7 busy; parent 6's buddy 4 free order 1 -> TAIL [0]: 20 6
 *   free 1:  parent 0's buddy 2 not free                  -> head [0]: 1 20 6
 *   free 2:  parent 2's buddy 0 not order 1               -> head [0]: 2 1 20 6
 *   free 3:  -> (2,1); buddy 0 busy; parent 0's buddy 4 is order 1, not 2
 *                                                         -> head [1]: 2 4
 * Then order-0 allocations take 1, 20, 6 in list order, and the next one
 * splits the order-1 head 2: returns 2, puts 3 on [0].
 */
static void ref_tail_rule(void)
{
	struct ref_geometry g = ref_geo(5, 2, 0, 32);
	struct ref_buddy *rb = ref_create(&g);

	if (!rb) {
		t_fail(__FILE__, __LINE__, "ref_create failed");
		return;
	}
	CHECK_EQ(ref_drain(rb), 32);
	CHECK_EQ(ref_nr_free_pages(rb, 0), 0);
	const unsigned long order_of_frees[] = { 20, 4, 5, 6, 1, 2, 3 };

	for (size_t i = 0; i < sizeof(order_of_frees) / sizeof(order_of_frees[0]); i++)
		CHECK_EQ(ref_free(rb, order_of_frees[i], 0), REF_OK);
	CHECK_REF_LIST(rb, 0, 0, REF_MOVABLE, 1, 20, 6);
	CHECK_REF_LIST(rb, 0, 1, REF_MOVABLE, 2, 4);
	CHECK_EQ(ref_nr_free(rb, 0, 0), 3);
	CHECK_EQ(ref_nr_free(rb, 0, 1), 2);
	CHECK_EQ(ref_nr_free_pages(rb, 0), 7);
	CHECK_EQ(ref_alloc_ok(rb, 0, 0, REF_MOVABLE), 1);
	CHECK_EQ(ref_alloc_ok(rb, 0, 0, REF_MOVABLE), 20);
	CHECK_EQ(ref_alloc_ok(rb, 0, 0, REF_MOVABLE), 6);
	CHECK_EQ(ref_alloc_ok(rb, 0, 0, REF_MOVABLE), 2);
	CHECK_REF_LIST(rb, 0, 0, REF_MOVABLE, 3);
	CHECK_REF_LIST(rb, 0, 1, REF_MOVABLE, 4);
	ref_destroy(rb);
}

/*
 * Fallback.  Node [0,32), MAX_ORDER 4, pageblocks of 4; boot: [3]MOV:
 * 24 16 8 0.  An order-0 MOVABLE allocation takes 24 and leaves 28 (2),
 * 26 (1), 25 (0) on the MOVABLE lists; three order-3 allocations take 16,
 * 8, 0.
 *
 *   pfn  0                       24  28
 *        #########################0112222
 *
 * steal(0, UNMOVABLE): from order 3 down, the first non-empty fallback list
 * is [2]MOVABLE: 28.  Order 2 >= pageblock_order: only its pageblock [28,32)
 * becomes UNMOVABLE; expand into UNMOVABLE: 30 (1), 29 (0).
 * steal(0, RECLAIMABLE): [1]UNMOVABLE: 30.  Order 1 < 2 but >= 2/2, so
 * move_freepages_block(30, RECLAIMABLE) walks [28,31]: 29 (1 page) and 30
 * (2 pages) move, 3 >= 2^(2-1): pageblock 28 becomes RECLAIMABLE.  30 comes
 * off the RECLAIMABLE list; 31 goes to [0]RECLAIMABLE ahead of 29.
 */
static void ref_fallback_steal(void)
{
	struct ref_geometry g = ref_geo(4, 2, 0, 32);
	struct ref_buddy *rb = ref_create(&g);
	unsigned long pfn = 0;

	if (!rb) {
		t_fail(__FILE__, __LINE__, "ref_create failed");
		return;
	}
	CHECK_REF_LIST(rb, 0, 3, REF_MOVABLE, 24, 16, 8, 0);
	CHECK_EQ(ref_alloc_ok(rb, 0, 0, REF_MOVABLE), 24);
	/* MOVABLE still has blocks: no steal. */
	CHECK_EQ(ref_steal(rb, 0, 0, REF_MOVABLE, &pfn), REF_EINVAL);
	CHECK_EQ(ref_alloc_ok(rb, 0, 3, REF_MOVABLE), 16);
	CHECK_EQ(ref_alloc_ok(rb, 0, 3, REF_MOVABLE), 8);
	CHECK_EQ(ref_alloc_ok(rb, 0, 3, REF_MOVABLE), 0);
	CHECK_REF_LIST(rb, 0, 2, REF_MOVABLE, 28);
	CHECK_REF_LIST(rb, 0, 1, REF_MOVABLE, 26);
	CHECK_REF_LIST(rb, 0, 0, REF_MOVABLE, 25);

	CHECK_EQ(ref_steal(rb, 0, 0, REF_UNMOVABLE, &pfn), REF_OK);
	CHECK_EQ(pfn, 28);
	CHECK_EQ(ref_pageblock_mt(rb, 28), REF_UNMOVABLE);
	CHECK_EQ(ref_pageblock_mt(rb, 24), REF_MOVABLE);
	CHECK_REF_LIST(rb, 0, 1, REF_UNMOVABLE, 30);
	CHECK_REF_LIST(rb, 0, 0, REF_UNMOVABLE, 29);
	CHECK_REF_EMPTY(rb, 0, 2, REF_MOVABLE);

	CHECK_EQ(ref_steal(rb, 0, 0, REF_RECLAIMABLE, &pfn), REF_OK);
	CHECK_EQ(pfn, 30);
	CHECK_EQ(ref_pageblock_mt(rb, 28), REF_RECLAIMABLE);
	CHECK_REF_LIST(rb, 0, 0, REF_RECLAIMABLE, 31, 29);
	CHECK_REF_EMPTY(rb, 0, 0, REF_UNMOVABLE);
	CHECK_REF_EMPTY(rb, 0, 1, REF_UNMOVABLE);
	CHECK_REF_EMPTY(rb, 0, 1, REF_RECLAIMABLE);
	CHECK_REF_LIST(rb, 0, 0, REF_MOVABLE, 25);
	CHECK_REF_LIST(rb, 0, 1, REF_MOVABLE, 26);
	CHECK_EQ(ref_nr_free(rb, 0, 0), 3);
	CHECK_EQ(ref_nr_free(rb, 0, 1), 1);
	CHECK_EQ(ref_nr_free(rb, 0, 2), 0);
	CHECK_EQ(ref_nr_free(rb, 0, 3), 0);
	CHECK_EQ(ref_nr_free_pages(rb, 0), 5);
	CHECK_EQ(ref_alloc_order(rb, 30), 0);
	ref_destroy(rb);
}

/*
 * Grouping by mobility disabled: 16 pages < 4 * 5.  Pageblocks start
 * MOVABLE all the same.  An isolation stores UNMOVABLE yet moves the free
 * pages to the ISOLATE list and uncounts them; the undo then sees a type
 * other than ISOLATE and does nothing.
 * Boot: chunks of order 3 at 0 and 8: [3]MOV: 8 0.
 */
static void ref_mobility_off(void)
{
	struct ref_geometry g = ref_geo(4, 2, 0, 16);
	struct ref_buddy *rb = ref_create(&g);
	unsigned long moved = 0;

	if (!rb) {
		t_fail(__FILE__, __LINE__, "ref_create failed");
		return;
	}
	CHECK(ref_mobility_disabled(rb));
	CHECK_EQ(ref_pageblock_mt(rb, 0), REF_MOVABLE);
	CHECK_REF_LIST(rb, 0, 3, REF_MOVABLE, 8, 0);
	/* [3]UNMOVABLE is empty: MOVABLE asked, UNMOVABLE used, so the fallback
	 * finds 8 at order 3 >= pageblock_order: pageblocks 8 and 12 retyped
	 * (to UNMOVABLE, as asked); halves 12 (2), 10 (1), 9 (0) to UNMOVABLE. */
	CHECK_EQ(ref_alloc_ok(rb, 0, 0, REF_MOVABLE), 8);
	CHECK_EQ(ref_pageblock_mt(rb, 8), REF_UNMOVABLE);
	CHECK_REF_LIST(rb, 0, 2, REF_UNMOVABLE, 12);
	CHECK_REF_LIST(rb, 0, 0, REF_UNMOVABLE, 9);
	/* Isolating pageblock 0 (MOVABLE): not busy; stored as UNMOVABLE; the
	 * block at 0 reaches past the pageblock and moves whole: 8 pages. */
	CHECK_EQ(ref_set_migratetype_isolate(rb, 1), REF_OK);
	CHECK_EQ(ref_pageblock_mt(rb, 0), REF_UNMOVABLE);
	CHECK_REF_LIST(rb, 0, 3, REF_ISOLATE, 0);
	CHECK_EQ(ref_nr_free_pages(rb, 0), 15 - 8);
	CHECK_EQ(ref_unset_migratetype_isolate(rb, 0, REF_MOVABLE), REF_OK);
	CHECK_REF_LIST(rb, 0, 3, REF_ISOLATE, 0);
	CHECK_EQ(ref_nr_free_pages(rb, 0), 7);
	/* Isolating it again: UNMOVABLE now, and pageblock 0 has no allocated
	 * head, hole or reserved page: not busy; moves (and uncounts) 8 again. */
	CHECK_EQ(ref_set_migratetype_isolate(rb, 0), REF_OK);
	CHECK_EQ(ref_nr_free_pages(rb, 0), -1);
	/* Pageblock 8 is UNMOVABLE and holds 8, allocated (as UNMOVABLE): busy. */
	CHECK_EQ(ref_set_migratetype_isolate(rb, 8), REF_EBUSY);
	CHECK_EQ(ref_move_freepages_block(rb, 12, REF_RESERVE, &moved), REF_OK);
	CHECK_EQ(moved, 4);
	CHECK_REF_LIST(rb, 0, 2, REF_RESERVE, 12);
	ref_destroy(rb);
}

/*
 * Argument checks of the entry points, on a 2-zone node [0,64) split at 30,
 * MAX_ORDER 4, pageblocks of 4.
 */
static void ref_argument_checks(void)
{
	struct ref_geometry g = ref_geo(4, 2, 0, 64);

	g.nr_zones = 2;
	g.zone_start[1] = 30;

	struct ref_buddy *rb = ref_create(&g);
	unsigned long x = 0;

	if (!rb) {
		t_fail(__FILE__, __LINE__, "ref_create failed");
		return;
	}
	CHECK_EQ(ref_alloc(rb, 2, 0, REF_MOVABLE, &x), REF_EINVAL);
	CHECK_EQ(ref_alloc(rb, 0, 4, REF_MOVABLE, &x), REF_EINVAL);
	CHECK_EQ(ref_alloc(rb, 0, 0, REF_RESERVE, &x), REF_EINVAL);
	CHECK_EQ(ref_alloc(rb, 0, 0, -1, &x), REF_EINVAL);
	CHECK_EQ(ref_steal(rb, 0, 0, REF_ISOLATE, &x), REF_EINVAL);
	CHECK_EQ(ref_move_freepages(rb, 0, 5, 4, REF_MOVABLE, &x), REF_EINVAL);
	CHECK_EQ(ref_move_freepages(rb, 0, 5, 64, REF_MOVABLE, &x), REF_ERANGE);
	CHECK_EQ(ref_move_freepages(rb, 0, 5, 30, REF_MOVABLE, &x), REF_EXDEV);
	CHECK_EQ(ref_move_freepages(rb, 0, 5, 9, REF_ISOLATE, &x), REF_EINVAL);
	CHECK_EQ(ref_move_freepages(rb, 0, 5, 9, 5, &x), REF_EINVAL);
	CHECK_EQ(ref_move_freepages_block(rb, 64, REF_MOVABLE, &x), REF_ERANGE);
	CHECK_EQ(ref_move_freepages_block(rb, 0, REF_ISOLATE, &x), REF_EINVAL);
	CHECK_EQ(ref_setup_zone_migrate_reserve(rb, 2, 0), REF_EINVAL);
	/* zone 1 spans 34 pages: 34 >> 2 = 8, + 1 = 9 pageblocks at most. */
	CHECK_EQ(ref_setup_zone_migrate_reserve(rb, 1, 10), REF_EINVAL);
	CHECK_EQ(ref_set_migratetype_isolate(rb, 64), REF_ERANGE);
	CHECK_EQ(ref_unset_migratetype_isolate(rb, 0, REF_ISOLATE), REF_EINVAL);
	CHECK_EQ(ref_unset_migratetype_isolate(rb, 64, REF_MOVABLE), REF_ERANGE);
	CHECK_EQ(ref_unset_migratetype_isolate(rb, 0, REF_MOVABLE), REF_OK);	/* not isolated */
	CHECK_EQ(ref_start_isolate_page_range(rb, 4, 4, REF_MOVABLE), REF_EINVAL);
	CHECK_EQ(ref_start_isolate_page_range(rb, 4, 8, REF_ISOLATE), REF_EINVAL);
	CHECK_EQ(ref_start_isolate_page_range(rb, 60, 65, REF_MOVABLE), REF_ERANGE);
	CHECK_EQ(ref_start_isolate_page_range(rb, 28, 31, REF_MOVABLE), REF_EXDEV);
	CHECK_EQ(ref_undo_isolate_page_range(rb, 28, 31, REF_MOVABLE), REF_EXDEV);
	CHECK_EQ(ref_nr_free_pages(rb, 0) + ref_nr_free_pages(rb, 1), 64);

	/* Range isolation of [9, 10) widens to [8, 16): pageblocks 8 and 12;
	 * boot left (8,3) in zone 0: 8 pages move. */
	CHECK_EQ(ref_start_isolate_page_range(rb, 9, 10, REF_MOVABLE), REF_OK);
	CHECK_EQ(ref_pageblock_mt(rb, 8), REF_ISOLATE);
	CHECK_EQ(ref_pageblock_mt(rb, 12), REF_ISOLATE);
	CHECK_EQ(ref_pageblock_mt(rb, 16), REF_MOVABLE);
	CHECK_EQ(ref_nr_free_pages(rb, 0), 30 - 8);
	CHECK_EQ(ref_move_freepages_block(rb, 9, REF_MOVABLE, &x), REF_EINVAL);
	CHECK_EQ(ref_move_freepages(rb, 0, 0, 8, REF_MOVABLE, &x), REF_EINVAL);
	CHECK_EQ(ref_undo_isolate_page_range(rb, 15, 16, REF_RECLAIMABLE), REF_OK);
	CHECK_EQ(ref_pageblock_mt(rb, 8), REF_RECLAIMABLE);
	CHECK_EQ(ref_pageblock_mt(rb, 12), REF_RECLAIMABLE);
	CHECK_EQ(ref_nr_free_pages(rb, 0), 30);
	CHECK_REF_LIST(rb, 0, 3, REF_RECLAIMABLE, 8);
	ref_destroy(rb);
}

/* ------------------------------------------- part 1b: the fixes, by hand */

/* A reference booted from @g with @fixes; NULL (and a failure) if refused. */
static struct ref_buddy *ref_fixed(const struct ref_geometry *g, unsigned int fixes)
{
	struct ref_buddy *rb = ref_create(g);

	if (!rb) {
		t_fail(__FILE__, __LINE__, "ref_create failed");
		return NULL;
	}
	ref_set_fixes(rb, fixes);
	return rb;
}

/*
 * F1 ISOLATE_TWICE.  Node [0,32), MAX_ORDER 4, pageblocks of 4; boot:
 * [3]MOV: 24 16 8 0.
 *
 *   pfn  0       8       16      24      32
 *        33333333333333333333333333333333
 *
 * Isolating pfn 8 moves (8,3) -- it starts in pageblock 8 -- to ISOLATE:
 * NR 24, [3]MOV: 24 16 0, [3]ISO: 8.  Isolating 8 again:
 *   faithful: pageblock 8 is ISOLATE, not MOVABLE, but holds nothing busy:
 *             isolated again, the 8 pages uncounted again: NR 16.
 *   F1:       refused, nothing changes: NR 24.
 * Then the range [0,16) (widened to 8-page units, already aligned):
 *   faithful: pageblock 0 moves (0,3): NR 8; 4 moves nothing; 8 once more:
 *             NR 0; 12 nothing.  OK, with 16 free pages and NR 0.
 *   F1:       pageblock 0 moves (0,3) to the head of [3]ISO: NR 16; 4
 *             nothing; 8 refused, so 0 and 4 are undone with MOVABLE: (0,3)
 *             back to the head of [3]MOV: 0 24 16, NR 24; pageblock 8 stays
 *             ISOLATE with [3]ISO: 8.  EBUSY.
 * Undoing pfn 8 moves (8,3) back: NR 32 with F1.  Faithfully, once [0,8)
 * is undone too ((0,3) back, NR 8), NR is 16: the pages of 8, uncounted
 * three times, are given back once.
 */
static void ref_fix_isolate_twice(void)
{
	struct ref_geometry g = ref_geo(4, 2, 0, 32);

	for (int fixed = 0; fixed < 2; fixed++) {
		struct ref_buddy *rb = ref_fixed(&g, fixed ? REF_FIX_ISOLATE_TWICE : 0);

		if (!rb)
			return;
		CHECK_EQ(ref_set_migratetype_isolate(rb, 8), REF_OK);
		CHECK_EQ(ref_nr_free_pages(rb, 0), 24);
		CHECK_REF_LIST(rb, 0, 3, REF_ISOLATE, 8);
		CHECK_REF_LIST(rb, 0, 3, REF_MOVABLE, 24, 16, 0);
		CHECK_EQ(ref_set_migratetype_isolate(rb, 9), fixed ? REF_EBUSY : REF_OK);
		CHECK_EQ(ref_nr_free_pages(rb, 0), fixed ? 24 : 16);
		CHECK_EQ(ref_start_isolate_page_range(rb, 0, 16, REF_MOVABLE),
			 fixed ? REF_EBUSY : REF_OK);
		if (fixed) {
			CHECK_EQ(ref_nr_free_pages(rb, 0), 24);
			CHECK_EQ(ref_pageblock_mt(rb, 0), REF_MOVABLE);
			CHECK_EQ(ref_pageblock_mt(rb, 4), REF_MOVABLE);
			CHECK_REF_LIST(rb, 0, 3, REF_MOVABLE, 0, 24, 16);
		} else {
			CHECK_EQ(ref_nr_free_pages(rb, 0), 0);
			CHECK_EQ(ref_pageblock_mt(rb, 0), REF_ISOLATE);
			CHECK_EQ(ref_pageblock_mt(rb, 4), REF_ISOLATE);
			CHECK_EQ(ref_pageblock_mt(rb, 12), REF_ISOLATE);
			CHECK_REF_LIST(rb, 0, 3, REF_ISOLATE, 8, 0);
			CHECK_EQ(ref_undo_isolate_page_range(rb, 0, 8, REF_MOVABLE), REF_OK);
		}
		CHECK_EQ(ref_pageblock_mt(rb, 8), REF_ISOLATE);
		CHECK_REF_LIST(rb, 0, 3, REF_ISOLATE, 8);
		CHECK_EQ(ref_unset_migratetype_isolate(rb, 8, REF_MOVABLE), REF_OK);
		CHECK_EQ(ref_nr_free_pages(rb, 0), fixed ? 32 : 16);
		CHECK_REF_LIST(rb, 0, 3, REF_MOVABLE, 8, 0, 24, 16);
		ref_destroy(rb);
	}
}

/*
 * F2 MOBILITY_TYPES.  Node [0,16), MAX_ORDER 4, pageblocks of 4: 16 < 4*5,
 * grouping by mobility disabled; pageblocks MOVABLE from boot; [3]MOV: 8 0.
 *
 *   pfn  0       8       16
 *        3333333333333333
 *
 * Isolating pfn 1 moves (0,3) to ISOLATE (NR 8) and stores ISOLATE with F2
 * (UNMOVABLE faithfully).  Undoing with MOVABLE: with F2 the type is ISOLATE,
 * so (0,3) goes back to the head of [3]MOV (NR 16) and MOVABLE is stored as
 * UNMOVABLE; faithfully the undo sees UNMOVABLE and does nothing.
 * An allocation asked MOVABLE is still made UNMOVABLE: it falls back to the
 * head of [3]MOV, (0,3), and retypes pageblocks 0 and 4 UNMOVABLE, the
 * halves going to UNMOVABLE: 4 (2), 2 (1), 1 (0); it returns 0.
 * setup_zone_migrate_reserve(0, 1) then skips pageblocks 0 and 4
 * (UNMOVABLE); pageblock 8 is MOVABLE: with F2 RESERVE is stored and kept,
 * and (8,3) moves to [3]RESERVE.  Asked again, the quota is met by
 * pageblock 8 and nothing changes.  Faithfully (no allocation) the first
 * call "reserves" pageblock 4, stored UNMOVABLE, and the second, finding no
 * RESERVE, takes pageblock 8 as well.
 */
static void ref_fix_mobility_types(void)
{
	struct ref_geometry g = ref_geo(4, 2, 0, 16);
	struct ref_buddy *rb = ref_fixed(&g, REF_FIX_MOBILITY_TYPES);

	if (!rb)
		return;
	CHECK(ref_mobility_disabled(rb));
	CHECK_EQ(ref_set_migratetype_isolate(rb, 1), REF_OK);
	CHECK_EQ(ref_pageblock_mt(rb, 0), REF_ISOLATE);
	CHECK_REF_LIST(rb, 0, 3, REF_ISOLATE, 0);
	CHECK_EQ(ref_nr_free_pages(rb, 0), 8);
	CHECK_EQ(ref_unset_migratetype_isolate(rb, 0, REF_MOVABLE), REF_OK);
	CHECK_EQ(ref_pageblock_mt(rb, 0), REF_UNMOVABLE);
	CHECK_REF_EMPTY(rb, 0, 3, REF_ISOLATE);
	CHECK_REF_LIST(rb, 0, 3, REF_MOVABLE, 0, 8);
	CHECK_EQ(ref_nr_free_pages(rb, 0), 16);

	CHECK_EQ(ref_alloc_ok(rb, 0, 0, REF_MOVABLE), 0);
	CHECK_EQ(ref_pageblock_mt(rb, 0), REF_UNMOVABLE);
	CHECK_EQ(ref_pageblock_mt(rb, 4), REF_UNMOVABLE);
	CHECK_REF_LIST(rb, 0, 2, REF_UNMOVABLE, 4);
	CHECK_REF_LIST(rb, 0, 1, REF_UNMOVABLE, 2);
	CHECK_REF_LIST(rb, 0, 0, REF_UNMOVABLE, 1);
	CHECK_REF_LIST(rb, 0, 3, REF_MOVABLE, 8);

	CHECK_EQ(ref_setup_zone_migrate_reserve(rb, 0, 1), REF_OK);
	CHECK_EQ(ref_pageblock_mt(rb, 4), REF_UNMOVABLE);
	CHECK_EQ(ref_pageblock_mt(rb, 8), REF_RESERVE);
	CHECK_EQ(ref_pageblock_mt(rb, 12), REF_MOVABLE);
	CHECK_REF_LIST(rb, 0, 3, REF_RESERVE, 8);
	CHECK_REF_EMPTY(rb, 0, 3, REF_MOVABLE);
	CHECK_EQ(ref_setup_zone_migrate_reserve(rb, 0, 1), REF_OK);
	CHECK_EQ(ref_pageblock_mt(rb, 8), REF_RESERVE);
	CHECK_EQ(ref_pageblock_mt(rb, 12), REF_MOVABLE);
	CHECK_REF_LIST(rb, 0, 3, REF_RESERVE, 8);
	CHECK_EQ(ref_nr_free_pages(rb, 0), 15);
	ref_destroy(rb);

	/* Faithful, the same steps: the type is UNMOVABLE throughout. */
	rb = ref_fixed(&g, 0);
	if (!rb)
		return;
	CHECK_EQ(ref_set_migratetype_isolate(rb, 1), REF_OK);
	CHECK_EQ(ref_pageblock_mt(rb, 0), REF_UNMOVABLE);
	CHECK_EQ(ref_unset_migratetype_isolate(rb, 0, REF_MOVABLE), REF_OK);
	CHECK_REF_LIST(rb, 0, 3, REF_ISOLATE, 0);
	CHECK_EQ(ref_nr_free_pages(rb, 0), 8);
	CHECK_EQ(ref_setup_zone_migrate_reserve(rb, 0, 1), REF_OK);
	CHECK_EQ(ref_pageblock_mt(rb, 4), REF_UNMOVABLE);
	CHECK_EQ(ref_setup_zone_migrate_reserve(rb, 0, 1), REF_OK);
	CHECK_EQ(ref_pageblock_mt(rb, 8), REF_UNMOVABLE);	/* the quota never met */
	ref_destroy(rb);
}

/*
 * F3 PARTIAL_PAGEBLOCK.  Node [0,32) in two zones split at 14, MAX_ORDER 4,
 * pageblocks of 4.  Pageblock 12 has 12, 13 in zone 0 and 14, 15 in zone 1:
 * not whole in either.  Boot, zone 0 [0,14): chunk (0,3), then 8..13 one by
 * one -> (8,2), and (12,1) at the tail of [1] (its parent 12's buddy 8 is a
 * free order 2).  Zone 1 [14,32): 14, 15 -> (14,1), then chunks 16 and 24.
 *
 *   pfn  0       8   12  16      24      32
 *        333333332222111133333333333333333    zone 1 from 14
 *
 * Isolating 13 or 14 -- both work on the pageblock's first pfn, 12, in zone 0,
 * as the kernel's callers pass __first_valid_page():
 *   faithful: OK.  move_freepages_block gives up, the pageblock's end 15
 *             being outside zone 0: nothing moves, zone 1's (14,1) included.
 *   F3:       EBUSY, nothing changes.
 * setup_zone_migrate_reserve(0, 4) visits pageblocks 0, 4, 8, 12:
 *   faithful: all four become RESERVE (12 moving nothing, as above).
 *   F3:       12 is skipped; three are RESERVE, the quota stays unmet.
 * A second node [2,30), one zone: its leading partial pageblock 0 (2, 3 in
 * the node) is whole and may be isolated; its trailing one, 28 (28, 29 in
 * the node, 31 outside), is not.
 */
static void ref_fix_partial_pageblock(void)
{
	struct ref_geometry g = ref_geo(4, 2, 0, 32);

	g.nr_zones = 2;
	g.zone_start[1] = 14;
	for (int fixed = 0; fixed < 2; fixed++) {
		struct ref_buddy *rb = ref_fixed(&g, fixed ? REF_FIX_PARTIAL_PAGEBLOCK : 0);

		if (!rb)
			return;
		CHECK_REF_LIST(rb, 0, 3, REF_MOVABLE, 0);
		CHECK_REF_LIST(rb, 0, 2, REF_MOVABLE, 8);
		CHECK_REF_LIST(rb, 0, 1, REF_MOVABLE, 12);
		CHECK_REF_LIST(rb, 1, 1, REF_MOVABLE, 14);
		CHECK_REF_LIST(rb, 1, 3, REF_MOVABLE, 24, 16);
		CHECK_EQ(ref_set_migratetype_isolate(rb, 13), fixed ? REF_EBUSY : REF_OK);
		CHECK_EQ(ref_pageblock_mt(rb, 12), fixed ? REF_MOVABLE : REF_ISOLATE);
		CHECK_REF_LIST(rb, 0, 1, REF_MOVABLE, 12);
		CHECK_EQ(ref_nr_free_pages(rb, 0), 14);
		CHECK_EQ(ref_unset_migratetype_isolate(rb, 12, REF_MOVABLE), REF_OK);
		CHECK_EQ(ref_set_migratetype_isolate(rb, 14), fixed ? REF_EBUSY : REF_OK);
		CHECK_REF_LIST(rb, 1, 1, REF_MOVABLE, 14);
		CHECK_EQ(ref_nr_free_pages(rb, 1), 18);
		CHECK_EQ(ref_unset_migratetype_isolate(rb, 14, REF_MOVABLE), REF_OK);
		CHECK_EQ(ref_nr_free_pages(rb, 1), 18);
		/* The same refusal inside a range: [12,16) widens to [8,16). */
		CHECK_EQ(ref_start_isolate_page_range(rb, 12, 14, REF_MOVABLE),
			 fixed ? REF_EBUSY : REF_OK);
		CHECK_EQ(ref_pageblock_mt(rb, 8), fixed ? REF_MOVABLE : REF_ISOLATE);
		CHECK_EQ(ref_undo_isolate_page_range(rb, 12, 14, REF_MOVABLE), REF_OK);
		CHECK_EQ(ref_nr_free_pages(rb, 0), 14);

		CHECK_EQ(ref_setup_zone_migrate_reserve(rb, 0, 4), REF_OK);
		for (unsigned long p = 0; p < 12; p += 4)
			CHECK_EQ(ref_pageblock_mt(rb, p), REF_RESERVE);
		CHECK_EQ(ref_pageblock_mt(rb, 12), fixed ? REF_MOVABLE : REF_RESERVE);
		CHECK_REF_LIST(rb, 0, 3, REF_RESERVE, 0);
		CHECK_REF_LIST(rb, 0, 2, REF_RESERVE, 8);
		CHECK_REF_LIST(rb, 0, 1, REF_MOVABLE, 12);
		ref_destroy(rb);
	}

	struct ref_geometry h = ref_geo(4, 2, 2, 28);

	for (int fixed = 0; fixed < 2; fixed++) {
		struct ref_buddy *rb = ref_fixed(&h, fixed ? REF_FIX_PARTIAL_PAGEBLOCK : 0);

		if (!rb)
			return;
		CHECK_EQ(ref_set_migratetype_isolate(rb, 3), REF_OK);
		CHECK_EQ(ref_pageblock_mt(rb, 2), REF_ISOLATE);
		CHECK_EQ(ref_set_migratetype_isolate(rb, 29), fixed ? REF_EBUSY : REF_OK);
		CHECK_EQ(ref_pageblock_mt(rb, 28), fixed ? REF_MOVABLE : REF_ISOLATE);
		ref_destroy(rb);
	}
}

/*
 * F4 ISOLATE_MERGE, (a) and (b), on node [0,32), MAX_ORDER 4, pageblocks of
 * 4; boot [3]MOV: 24 16 8 0.  An order-2 MOVABLE allocation takes 24 and
 * leaves (28,2) on [2]MOV; isolating 28 moves it to ISOLATE: NR 24.
 *
 *   pfn  0       8       16      24  28  32
 *        333333333333333333333333####2222    pageblock 28 ISOLATE
 *
 * Freeing 24 (order 2, pageblock MOVABLE): its buddy 28 is a free order 2.
 *   faithful: merged: (24,3) at the head of [3]MOV, NR 28 with all 32 pages
 *             on MOVABLE lists; undoing 28 then moves nothing (28 heads no
 *             block): NR stays 28.
 *   F4:       order 2 >= pageblock_order and the buddy's pageblock is
 *             ISOLATE: no merge; (24,2) on [2]MOV (order 2 is MAX_ORDER-2:
 *             no tail rule).  NR 28.  Undoing 28 with MOVABLE: 28 heads an
 *             order 2 (>= 2, < 3), its buddy 24 is not ISOLATE: (28,2) comes
 *             off [2]ISO, pageblock 28 becomes MOVABLE, and freeing it again
 *             merges with 24: (24,3) at the head of [3]MOV.  NR 32.
 * Then with both pageblocks isolated: take 24 again (order 2), isolate 24
 * (nothing free in it) and 28 ((28,2) to ISOLATE, NR 24), free 24: into
 * ISOLATE, and not merged, the head's pageblock being ISOLATE: [2]ISO: 24 28.
 * Undo 28 (MOVABLE): the buddy 24 is ISOLATE, so as today: (28,2) moves to
 * [2]MOV, NR 28.  Undo 24 (RECLAIMABLE): the buddy 28 is MOVABLE: (24,2)
 * comes off ISOLATE, is freed as RECLAIMABLE and merges: [3]RECL: 24, NR 32;
 * pageblock 28 stays MOVABLE.
 */
static void ref_fix_isolate_merge(void)
{
	struct ref_geometry g = ref_geo(4, 2, 0, 32);

	for (int fixed = 0; fixed < 2; fixed++) {
		struct ref_buddy *rb = ref_fixed(&g, fixed ? REF_FIX_ISOLATE_MERGE : 0);

		if (!rb)
			return;
		CHECK_EQ(ref_alloc_ok(rb, 0, 2, REF_MOVABLE), 24);
		CHECK_EQ(ref_set_migratetype_isolate(rb, 28), REF_OK);
		CHECK_REF_LIST(rb, 0, 2, REF_ISOLATE, 28);
		CHECK_EQ(ref_nr_free_pages(rb, 0), 24);
		CHECK_EQ(ref_free(rb, 24, 2), REF_OK);
		CHECK_EQ(ref_nr_free_pages(rb, 0), 28);
		if (fixed) {
			CHECK_REF_LIST(rb, 0, 2, REF_MOVABLE, 24);
			CHECK_REF_LIST(rb, 0, 2, REF_ISOLATE, 28);
			CHECK_REF_LIST(rb, 0, 3, REF_MOVABLE, 16, 8, 0);
			CHECK_EQ(ref_nr_free(rb, 0, 2), 2);
		} else {
			CHECK_REF_EMPTY(rb, 0, 2, REF_ISOLATE);
			CHECK_REF_LIST(rb, 0, 3, REF_MOVABLE, 24, 16, 8, 0);
			CHECK_EQ(ref_nr_free(rb, 0, 2), 0);
		}
		CHECK_EQ(ref_unset_migratetype_isolate(rb, 29, REF_MOVABLE), REF_OK);
		CHECK_EQ(ref_pageblock_mt(rb, 28), REF_MOVABLE);
		CHECK_REF_LIST(rb, 0, 3, REF_MOVABLE, 24, 16, 8, 0);
		CHECK_EQ(ref_nr_free(rb, 0, 2), 0);
		CHECK_EQ(ref_nr_free(rb, 0, 3), 4);
		CHECK_EQ(ref_nr_free_pages(rb, 0), fixed ? 32 : 28);
		ref_destroy(rb);
	}

	struct ref_buddy *rb = ref_fixed(&g, REF_FIX_ISOLATE_MERGE);

	if (!rb)
		return;
	CHECK_EQ(ref_alloc_ok(rb, 0, 2, REF_MOVABLE), 24);
	CHECK_EQ(ref_set_migratetype_isolate(rb, 24), REF_OK);
	CHECK_EQ(ref_set_migratetype_isolate(rb, 28), REF_OK);
	CHECK_EQ(ref_nr_free_pages(rb, 0), 24);
	CHECK_EQ(ref_free(rb, 24, 2), REF_OK);
	CHECK_REF_LIST(rb, 0, 2, REF_ISOLATE, 24, 28);
	CHECK_EQ(ref_nr_free_pages(rb, 0), 24);
	CHECK_EQ(ref_unset_migratetype_isolate(rb, 28, REF_MOVABLE), REF_OK);
	CHECK_REF_LIST(rb, 0, 2, REF_ISOLATE, 24);
	CHECK_REF_LIST(rb, 0, 2, REF_MOVABLE, 28);
	CHECK_EQ(ref_nr_free_pages(rb, 0), 28);
	CHECK_EQ(ref_unset_migratetype_isolate(rb, 24, REF_RECLAIMABLE), REF_OK);
	CHECK_EQ(ref_pageblock_mt(rb, 24), REF_RECLAIMABLE);
	CHECK_EQ(ref_pageblock_mt(rb, 28), REF_MOVABLE);
	CHECK_REF_LIST(rb, 0, 3, REF_RECLAIMABLE, 24);
	CHECK_REF_EMPTY(rb, 0, 2, REF_ISOLATE);
	CHECK_REF_EMPTY(rb, 0, 2, REF_MOVABLE);
	CHECK_EQ(ref_nr_free(rb, 0, 2), 0);
	CHECK_EQ(ref_nr_free(rb, 0, 3), 4);
	CHECK_EQ(ref_nr_free_pages(rb, 0), 32);
	ref_destroy(rb);
}

/*
 * F4 and the tail rule.  Node [0,32), MAX_ORDER 5, pageblocks of 2, all 32
 * pages allocated, pageblock 6 isolated (nothing free in it), then freed:
 *   6, 7   -> (6,1) on [1]ISO (the merge at order 0 is below pageblock_order)
 *   0..3   -> (0,2) at the head of [2]MOV
 *   20, 21 -> (20,1) at the head of [1]MOV
 *   4      -> at the tail of [0]MOV (its parent's buddy (6,1) is free)
 *   5      -> merges to (4,1); at order 1 its buddy (6,1) is free but in an
 *             ISOLATE pageblock: F4 stops there.  The tail rule takes 6 as
 *             the last buddy: the parent 4's buddy 0 is a free order 2, so
 *             (4,1) goes to the TAIL: [1]MOV: 20 4.
 *   pfn  0   4 6 8                   20  24      32
 *        22221111########################11##########   (6,1) ISOLATE
 * Faithfully 5 would merge on through (6,1) and (0,2) to (0,3).  Undoing 6
 * (F4): (6,1) comes off ISOLATE, merges with (4,1) and (0,2): [3]MOV: 0.
 */
static void ref_fix_isolate_merge_tail(void)
{
	struct ref_geometry g = ref_geo(5, 1, 0, 32);

	for (int fixed = 0; fixed < 2; fixed++) {
		struct ref_buddy *rb = ref_fixed(&g, fixed ? REF_FIX_ISOLATE_MERGE : 0);

		if (!rb)
			return;
		CHECK_EQ(ref_drain(rb), 32);
		CHECK_EQ(ref_set_migratetype_isolate(rb, 6), REF_OK);

		const unsigned long frees[] = { 6, 7, 0, 1, 2, 3, 20, 21, 4 };

		for (size_t i = 0; i < sizeof(frees) / sizeof(frees[0]); i++)
			CHECK_EQ(ref_free(rb, frees[i], 0), REF_OK);
		CHECK_REF_LIST(rb, 0, 1, REF_ISOLATE, 6);
		CHECK_REF_LIST(rb, 0, 2, REF_MOVABLE, 0);
		CHECK_REF_LIST(rb, 0, 1, REF_MOVABLE, 20);
		CHECK_REF_LIST(rb, 0, 0, REF_MOVABLE, 4);
		CHECK_EQ(ref_free(rb, 5, 0), REF_OK);
		CHECK_EQ(ref_nr_free_pages(rb, 0), 8);
		CHECK_REF_EMPTY(rb, 0, 0, REF_MOVABLE);
		if (fixed) {
			CHECK_REF_LIST(rb, 0, 1, REF_MOVABLE, 20, 4);
			CHECK_REF_LIST(rb, 0, 1, REF_ISOLATE, 6);
			CHECK_REF_LIST(rb, 0, 2, REF_MOVABLE, 0);
			CHECK_EQ(ref_nr_free(rb, 0, 1), 3);
			CHECK_EQ(ref_unset_migratetype_isolate(rb, 6, REF_MOVABLE), REF_OK);
			CHECK_EQ(ref_nr_free_pages(rb, 0), 10);
		} else {
			CHECK_REF_LIST(rb, 0, 1, REF_MOVABLE, 20);
			CHECK_REF_EMPTY(rb, 0, 1, REF_ISOLATE);
			CHECK_REF_EMPTY(rb, 0, 2, REF_MOVABLE);
		}
		CHECK_REF_LIST(rb, 0, 3, REF_MOVABLE, 0);
		CHECK_EQ(ref_nr_free(rb, 0, 1), 1);
		CHECK_EQ(ref_nr_free(rb, 0, 2), 0);
		CHECK_EQ(ref_nr_free(rb, 0, 3), 1);
		ref_destroy(rb);
	}
}

/*
 * F5 FREE_ACCOUNTING: NR_FREE_PAGES is the pages on lists other than
 * ISOLATE, whatever the callers do.  Node [0,32), MAX_ORDER 4, pageblocks
 * of 4; boot [3]MOV: 24 16 8 0, NR 32.
 *   isolate 8 twice:        faithful NR 24 then 16; F5 24 and 24 (the
 *                           second move is ISOLATE to ISOLATE)
 *   undo 8:                 faithful 24; F5 32; (8,3) to the head of [3]MOV
 *   alloc order 2 (8):      -4: 20 and 28 ((8,3) off, (12,2) on MOVABLE)
 *   isolate 12:             -4: 16 and 24
 *   free 8 (order 2):       merges with (12,2) off ISOLATE into (8,3) on
 *                           MOVABLE: faithful +4 = 20 (12 too few); F5
 *                           -0 +8 = 32
 *   undo 12:                moves nothing (12 heads nothing): unchanged
 * With F5 NR_FREE_PAGES ends equal to the 32 free pages.
 */
static void ref_fix_free_accounting(void)
{
	struct ref_geometry g = ref_geo(4, 2, 0, 32);

	for (int fixed = 0; fixed < 2; fixed++) {
		struct ref_buddy *rb = ref_fixed(&g, fixed ? REF_FIX_FREE_ACCOUNTING : 0);

		if (!rb)
			return;
		CHECK_EQ(ref_nr_free_pages(rb, 0), 32);
		CHECK_EQ(ref_set_migratetype_isolate(rb, 8), REF_OK);
		CHECK_EQ(ref_nr_free_pages(rb, 0), 24);
		CHECK_EQ(ref_set_migratetype_isolate(rb, 8), REF_OK);
		CHECK_EQ(ref_nr_free_pages(rb, 0), fixed ? 24 : 16);
		CHECK_EQ(ref_unset_migratetype_isolate(rb, 8, REF_MOVABLE), REF_OK);
		CHECK_EQ(ref_nr_free_pages(rb, 0), fixed ? 32 : 24);
		CHECK_EQ(ref_alloc_ok(rb, 0, 2, REF_MOVABLE), 8);
		CHECK_EQ(ref_nr_free_pages(rb, 0), fixed ? 28 : 20);
		CHECK_EQ(ref_set_migratetype_isolate(rb, 12), REF_OK);
		CHECK_REF_LIST(rb, 0, 2, REF_ISOLATE, 12);
		CHECK_EQ(ref_nr_free_pages(rb, 0), fixed ? 24 : 16);
		CHECK_EQ(ref_free(rb, 8, 2), REF_OK);
		CHECK_REF_LIST(rb, 0, 3, REF_MOVABLE, 8, 24, 16, 0);
		CHECK_EQ(ref_nr_free_pages(rb, 0), fixed ? 32 : 20);
		CHECK_EQ(ref_unset_migratetype_isolate(rb, 12, REF_MOVABLE), REF_OK);
		CHECK_EQ(ref_nr_free_pages(rb, 0), fixed ? 32 : 20);
		ref_destroy(rb);
	}
}

/*
 * F6 STEAL_ISOLATED.  Node [0,32), MAX_ORDER 4, pageblocks of 4; three
 * order-3 MOVABLE allocations take 24, 16, 8, leaving (0,3); isolating 4
 * moves nothing (4 heads nothing) but types pageblock 4 ISOLATE.
 *
 *   pfn  0   4   8                       32
 *        33333333########################    pageblock 4 ISOLATE
 *
 * steal(order 0, UNMOVABLE) finds (0,3) on [3]MOV: order 3 >= 2, so the
 * pageblocks it covers, 0 and 4, are retyped UNMOVABLE -- with F6 4 is left
 * ISOLATE.  Halves to UNMOVABLE: 4 (2), 2 (1), 1 (0); returns 0.
 * steal(order 0, RECLAIMABLE) finds (4,2) on [2]UNM: faithfully pageblock 4
 * (UNMOVABLE now) becomes RECLAIMABLE; with F6 its head is in an ISOLATE
 * pageblock: nothing.  Halves to RECLAIMABLE: 6 (1), 5 (0); returns 4.
 * steal(order 0, MOVABLE) finds (6,1) on [1]RECL: order 1 >= 2/2, so
 * faithfully move_freepages_block(6, MOVABLE) moves 5 and 6 (3 pages >= 2)
 * and retypes pageblock 4 MOVABLE; with F6 nothing, 5 stays on [0]RECL.
 * Half 7 to the head of [0]MOV; returns 6.  NR 5 either way.
 */
static void ref_fix_steal_isolated(void)
{
	struct ref_geometry g = ref_geo(4, 2, 0, 32);

	for (int fixed = 0; fixed < 2; fixed++) {
		struct ref_buddy *rb = ref_fixed(&g, fixed ? REF_FIX_STEAL_ISOLATED : 0);
		unsigned long pfn = REF_NONE;

		if (!rb)
			return;
		CHECK_EQ(ref_alloc_ok(rb, 0, 3, REF_MOVABLE), 24);
		CHECK_EQ(ref_alloc_ok(rb, 0, 3, REF_MOVABLE), 16);
		CHECK_EQ(ref_alloc_ok(rb, 0, 3, REF_MOVABLE), 8);
		CHECK_EQ(ref_set_migratetype_isolate(rb, 4), REF_OK);
		CHECK_REF_LIST(rb, 0, 3, REF_MOVABLE, 0);

		CHECK_EQ(ref_steal(rb, 0, 0, REF_UNMOVABLE, &pfn), REF_OK);
		CHECK_EQ(pfn, 0);
		CHECK_EQ(ref_pageblock_mt(rb, 0), REF_UNMOVABLE);
		CHECK_EQ(ref_pageblock_mt(rb, 4), fixed ? REF_ISOLATE : REF_UNMOVABLE);
		CHECK_REF_LIST(rb, 0, 2, REF_UNMOVABLE, 4);
		CHECK_REF_LIST(rb, 0, 1, REF_UNMOVABLE, 2);
		CHECK_REF_LIST(rb, 0, 0, REF_UNMOVABLE, 1);

		CHECK_EQ(ref_steal(rb, 0, 0, REF_RECLAIMABLE, &pfn), REF_OK);
		CHECK_EQ(pfn, 4);
		CHECK_EQ(ref_pageblock_mt(rb, 4), fixed ? REF_ISOLATE : REF_RECLAIMABLE);
		CHECK_REF_LIST(rb, 0, 1, REF_RECLAIMABLE, 6);
		CHECK_REF_LIST(rb, 0, 0, REF_RECLAIMABLE, 5);

		CHECK_EQ(ref_steal(rb, 0, 0, REF_MOVABLE, &pfn), REF_OK);
		CHECK_EQ(pfn, 6);
		CHECK_EQ(ref_pageblock_mt(rb, 4), fixed ? REF_ISOLATE : REF_MOVABLE);
		if (fixed) {
			CHECK_REF_LIST(rb, 0, 0, REF_RECLAIMABLE, 5);
			CHECK_REF_LIST(rb, 0, 0, REF_MOVABLE, 7);
		} else {
			CHECK_REF_EMPTY(rb, 0, 0, REF_RECLAIMABLE);
			CHECK_REF_LIST(rb, 0, 0, REF_MOVABLE, 7, 5);
		}
		CHECK_REF_EMPTY(rb, 0, 1, REF_RECLAIMABLE);
		CHECK_REF_EMPTY(rb, 0, 1, REF_MOVABLE);
		CHECK_EQ(ref_nr_free_pages(rb, 0), 5);
		ref_destroy(rb);
	}
}

/*
 * ref_set_fixes keeps only the six bits, and the fixes are off by default:
 * the same calls give the same states with fixes 0 and with bits outside
 * enum ref_fix only.
 */
static void ref_fix_bits(void)
{
	struct ref_geometry g = ref_geo(4, 2, 0, 32);
	struct ref_buddy *a = ref_fixed(&g, 0), *b = ref_fixed(&g, ~0U << 6);

	if (!a || !b) {
		ref_destroy(a);
		ref_destroy(b);
		return;
	}
	CHECK_EQ(ref_set_migratetype_isolate(a, 8), REF_OK);
	CHECK_EQ(ref_set_migratetype_isolate(b, 8), REF_OK);
	CHECK_EQ(ref_set_migratetype_isolate(a, 8), REF_OK);	/* F1 off */
	CHECK_EQ(ref_set_migratetype_isolate(b, 8), REF_OK);
	CHECK_EQ(ref_nr_free_pages(a, 0), 16);
	CHECK_EQ(ref_nr_free_pages(b, 0), 16);
	ref_destroy(a);
	ref_destroy(b);
}

/* ------------------------------------------------- part 2: lockstep */

static uint64_t rng_state;

static uint64_t rng(void)
{
	/* splitmix64 */
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned long rnd(unsigned long n)	/* 0 .. n-1 */
{
	return n ? (unsigned long)(rng() % n) : 0;
}

static bool chance(unsigned int percent)
{
	return rnd(100) < percent;
}

static struct rf_geometry to_rf(const struct ref_geometry *g)
{
	struct rf_geometry r;

	memset(&r, 0, sizeof(r));
	r.max_order = g->max_order;
	r.pageblock_order = g->pageblock_order;
	r.region_shift = g->max_order - 1 + (unsigned int)(g->node_start_pfn % 3);
	r.node_start_pfn = g->node_start_pfn;
	r.node_spanned_pages = g->node_pages;
	r.nr_zones = g->nr_zones;
	for (unsigned int z = 0; z < g->nr_zones; z++)
		r.zone_start_pfn[z] = g->zone_start[z];
	r.nr_holes = g->nr_holes;
	for (unsigned int i = 0; i < g->nr_holes; i++)
		r.holes[i] = (struct rf_pfn_range){ g->holes[i].start, g->holes[i].end };
	r.nr_reserved = g->nr_reserved;
	for (unsigned int i = 0; i < g->nr_reserved; i++)
		r.reserved[i] = (struct rf_pfn_range){ g->reserved[i].start, g->reserved[i].end };
	return r;
}

static void print_geometry(const struct ref_geometry *g)
{
	fprintf(stderr, "  geometry: MAX_ORDER %u, pageblock_order %u, node [%lu, %lu) (%lu pages), "
		"%u zone(s) at", g->max_order, g->pageblock_order, g->node_start_pfn,
		g->node_start_pfn + g->node_pages, g->node_pages, g->nr_zones);
	for (unsigned int z = 0; z < g->nr_zones; z++)
		fprintf(stderr, " %lu", g->zone_start[z]);
	fprintf(stderr, "; holes");
	for (unsigned int i = 0; i < g->nr_holes; i++)
		fprintf(stderr, " [%lu,%lu)", g->holes[i].start, g->holes[i].end);
	fprintf(stderr, "; reserved");
	for (unsigned int i = 0; i < g->nr_reserved; i++)
		fprintf(stderr, " [%lu,%lu)", g->reserved[i].start, g->reserved[i].end);
	fputc('\n', stderr);
}

/* A random range [s, e) inside the node, at most @max pages. */
static void rand_range(const struct ref_geometry *g, unsigned long max, unsigned long *s,
		       unsigned long *e)
{
	*s = g->node_start_pfn + rnd(g->node_pages);
	*e = *s + 1 + rnd(max);
	if (*e > g->node_start_pfn + g->node_pages)
		*e = g->node_start_pfn + g->node_pages;
}

/*
 * Geometry number @i, built from the random stream: a few fixed shapes first,
 * then random ones.  Every one is accepted by both sides.
 */
static struct ref_geometry make_geometry(unsigned int i)
{
	struct ref_geometry g;

	memset(&g, 0, sizeof(g));
	g.max_order = 2 + (unsigned int)rnd(10);
	if (i < 6)
		g.max_order = (unsigned int[]){ 11, 11, 2, 3, 5, 7 }[i];
	/* Half the time the series' assumption, else anything below it. */
	g.pageblock_order = chance(40) ? g.max_order - 1 : 1 + (unsigned int)rnd(g.max_order - 1);

	unsigned long pages;

	switch (rnd(8)) {
	case 0:	/* tiny: grouping by mobility likely off */
		pages = 1 + rnd((5UL << g.pageblock_order) + 8);
		break;
	case 1:
	case 2:
		pages = 32 + rnd(256);
		break;
	case 7:
		pages = 2048 + rnd(2048);
		break;
	default:
		pages = 256 + rnd(1792);
		break;
	}
	if (i == 2)
		pages = 24;		/* MAX_ORDER 2, mobility off */
	if (i == 0)
		pages = 4096;
	g.node_pages = pages;
	g.node_start_pfn = chance(50) ? rnd(64) << g.max_order : rnd(100000);
	if (i == 0)
		g.node_start_pfn = 0;

	g.nr_zones = 1 + (unsigned int)rnd(3);
	if (g.nr_zones > pages)
		g.nr_zones = (unsigned int)pages;
	g.zone_start[0] = g.node_start_pfn;
	if (g.nr_zones > 1) {
		/* distinct cut points in (start, end) */
		unsigned long c[2];

		for (;;) {
			c[0] = 1 + rnd(pages - 1);
			c[1] = 1 + rnd(pages - 1);
			if (g.nr_zones == 2 || c[0] != c[1])
				break;
		}
		if (g.nr_zones == 3 && c[0] > c[1]) {
			unsigned long t = c[0];

			c[0] = c[1];
			c[1] = t;
		}
		for (unsigned int z = 1; z < g.nr_zones; z++)
			g.zone_start[z] = g.node_start_pfn + c[z - 1];
	}
	if (i != 0 && chance(60)) {
		g.nr_holes = 1 + (unsigned int)rnd(3);
		for (unsigned int k = 0; k < g.nr_holes; k++) {
			unsigned long s, e;

			rand_range(&g, 1 + pages / 16, &s, &e);
			g.holes[k] = (struct ref_range){ s, e };
		}
	}
	if (i != 0 && chance(60)) {
		g.nr_reserved = 1 + (unsigned int)rnd(3);
		for (unsigned int k = 0; k < g.nr_reserved; k++) {
			unsigned long s, e;

			rand_range(&g, 1 + pages / 16, &s, &e);
			g.reserved[k] = (struct ref_range){ s, e };
		}
	}
	return g;
}

/* ---- one lockstep run ---- */

enum op_kind {
	OP_ALLOC, OP_FREE, OP_STEAL, OP_MOVE, OP_MOVE_BLOCK, OP_RESERVE, OP_ISOLATE,
	OP_UNISOLATE, OP_RANGE_ISOLATE, OP_RANGE_UNDO, OP_KINDS
};

static const char *const op_names[OP_KINDS] = {
	"alloc", "free", "steal", "move_freepages", "move_freepages_block", "reserve",
	"set_isolate", "unset_isolate", "start_isolate_range", "undo_isolate_range",
};

struct op {
	enum op_kind kind;
	unsigned long a, b, c;	/* zone/pfn/start, order/end/quota, ... */
	int mt;
};

#define HISTORY 10

struct lockstep {
	const struct ref_geometry *g;
	unsigned int fixes;		/* REF_FIX_* bits, matched by the engine's options */
	struct ref_buddy *rb;
	struct rf_node *en;
	/* A faithful reference fed the same operations, until the first
	 * operation whose outcome or counters the fixes change (diverged_at);
	 * NULL when the pass has no fix, or after that operation. */
	struct ref_buddy *faithful;
	long diverged_at;
	unsigned long op_index;
	char history[HISTORY][200];
	unsigned long nr_history;
	struct { unsigned long pfn; unsigned int order; } *live;
	size_t nr_live, cap_live;
	bool failed;
	unsigned long lists_compared;	/* list entries compared */
};

static void describe(char *buf, size_t len, const struct op *op)
{
	switch (op->kind) {
	case OP_ALLOC:
	case OP_STEAL:
		snprintf(buf, len, "%s(zone %lu, order %lu, mt %d)", op_names[op->kind], op->a,
			 op->b, op->mt);
		break;
	case OP_FREE:
		snprintf(buf, len, "free(pfn %lu, order %lu)", op->a, op->b);
		break;
	case OP_MOVE:
		snprintf(buf, len, "move_freepages(zone %lu, %lu..%lu, mt %d)", op->a, op->b,
			 op->c, op->mt);
		break;
	case OP_MOVE_BLOCK:
		snprintf(buf, len, "move_freepages_block(pfn %lu, mt %d)", op->a, op->mt);
		break;
	case OP_RESERVE:
		snprintf(buf, len, "setup_zone_migrate_reserve(zone %lu, quota %lu)", op->a, op->b);
		break;
	case OP_ISOLATE:
		snprintf(buf, len, "set_migratetype_isolate(pfn %lu)", op->a);
		break;
	case OP_UNISOLATE:
		snprintf(buf, len, "unset_migratetype_isolate(pfn %lu, mt %d)", op->a, op->mt);
		break;
	case OP_RANGE_ISOLATE:
	case OP_RANGE_UNDO:
		snprintf(buf, len, "%s([%lu, %lu), mt %d)", op_names[op->kind], op->a, op->b,
			 op->mt);
		break;
	default:
		snprintf(buf, len, "?");
	}
}

static void mismatch(struct lockstep *ls, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void mismatch(struct lockstep *ls, const char *fmt, ...)
{
	va_list ap;
	char what[300];

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (ls->failed)
		return;
	ls->failed = true;
	fprintf(stderr, "LOCKSTEP MISMATCH (fixes %#x) after op %lu: %s\n", ls->fixes, ls->op_index,
		what);
	print_geometry(ls->g);
	fprintf(stderr, "  last operations (oldest first):\n");
	unsigned long first = ls->nr_history > HISTORY ? ls->nr_history - HISTORY : 0;

	for (unsigned long k = first; k < ls->nr_history; k++)
		fprintf(stderr, "    #%lu %s\n", k, ls->history[k % HISTORY]);
	t_fail(__FILE__, __LINE__, "reference and engine disagree: %s", what);
}

static void live_add(struct lockstep *ls, unsigned long pfn, unsigned int order)
{
	if (ls->nr_live == ls->cap_live) {
		ls->cap_live = ls->cap_live ? 2 * ls->cap_live : 256;
		ls->live = realloc(ls->live, ls->cap_live * sizeof(*ls->live));
		if (!ls->live)
			abort();
	}
	ls->live[ls->nr_live].pfn = pfn;
	ls->live[ls->nr_live].order = order;
	ls->nr_live++;
}

static void live_remove(struct lockstep *ls, unsigned long pfn)
{
	for (size_t k = 0; k < ls->nr_live; k++) {
		if (ls->live[k].pfn == pfn) {
			ls->live[k] = ls->live[--ls->nr_live];
			return;
		}
	}
}

/* A pfn: mostly inside the node, sometimes just outside it. */
static unsigned long rand_pfn(const struct ref_geometry *g)
{
	unsigned long s = g->node_start_pfn, e = s + g->node_pages;

	if (chance(4))
		return s >= 3 && chance(50) ? s - 1 - rnd(3) : e + rnd(3);
	if (chance(10)) {	/* near a zone boundary */
		unsigned long b = g->zone_start[rnd(g->nr_zones)];
		unsigned long p = b + rnd(8);

		p = p >= 4 ? p - 4 : p;
		if (p >= s && p < e)
			return p;
	}
	return s + rnd(g->node_pages);
}

static unsigned long zone_end_of(const struct ref_geometry *g, unsigned int z)
{
	return z + 1 < g->nr_zones ? g->zone_start[z + 1] : g->node_start_pfn + g->node_pages;
}

static int rand_mt(unsigned int limit)
{
	if (chance(3))
		return chance(50) ? -1 : (int)(limit + rnd(3));
	return (int)rnd(limit);
}

static struct op random_op(struct lockstep *ls)
{
	const struct ref_geometry *g = ls->g;
	struct op op;
	unsigned long r = rnd(100);

	memset(&op, 0, sizeof(op));
	if (r < 30)
		op.kind = OP_ALLOC;
	else if (r < 58)
		op.kind = OP_FREE;
	else if (r < 64)
		op.kind = OP_STEAL;
	else if (r < 69)
		op.kind = OP_MOVE;
	else if (r < 74)
		op.kind = OP_MOVE_BLOCK;
	else if (r < 77)
		op.kind = OP_RESERVE;
	else if (r < 83)
		op.kind = OP_ISOLATE;
	else if (r < 90)
		op.kind = OP_UNISOLATE;
	else if (r < 94)
		op.kind = OP_RANGE_ISOLATE;
	else
		op.kind = OP_RANGE_UNDO;

	switch (op.kind) {
	case OP_ALLOC:
	case OP_STEAL:
		op.a = chance(3) ? g->nr_zones + rnd(2) : rnd(g->nr_zones);
		/* small orders mostly */
		op.b = chance(60) ? rnd(2) : rnd(g->max_order);
		if (chance(2))
			op.b = g->max_order + rnd(2);
		op.mt = rand_mt(3);
		break;
	case OP_FREE:
		if (ls->nr_live && !chance(6)) {
			size_t k = rnd(ls->nr_live);

			op.a = ls->live[k].pfn;
			op.b = ls->live[k].order;
			if (chance(2))
				op.b = rnd(g->max_order + 1);
		} else {
			op.a = rand_pfn(g);
			op.b = rnd(g->max_order + 1);
		}
		break;
	case OP_MOVE: {
		unsigned int z = (unsigned int)rnd(g->nr_zones);
		unsigned long zs = g->zone_start[z], ze = zone_end_of(g, z);

		op.a = chance(3) ? g->nr_zones : z;
		if (chance(85)) {
			op.b = zs + rnd(ze - zs);
			op.c = op.b + rnd(chance(50) ? 4 : 1UL << g->max_order);
			if (op.c >= ze && chance(80))
				op.c = ze - 1;
		} else {
			op.b = rand_pfn(g);
			op.c = rand_pfn(g);
		}
		op.mt = rand_mt(5);
		break;
	}
	case OP_MOVE_BLOCK:
		op.a = rand_pfn(g);
		op.mt = rand_mt(5);
		break;
	case OP_RESERVE:
		op.a = chance(3) ? g->nr_zones : rnd(g->nr_zones);
		op.b = chance(3) ? 1000 : rnd(4);
		break;
	case OP_ISOLATE:
		op.a = rand_pfn(g);
		break;
	case OP_UNISOLATE:
		op.a = rand_pfn(g);
		op.mt = rand_mt(4);
		break;
	case OP_RANGE_ISOLATE:
	case OP_RANGE_UNDO:
		op.a = rand_pfn(g);
		op.b = op.a + (chance(3) ? 0 : 1 + rnd(chance(50) ? 8 : 2UL << g->max_order));
		op.mt = rand_mt(4);
		break;
	default:
		break;
	}
	return op;
}

/* What the operations did, over one pass (from the reference's side). */
static unsigned long op_total[OP_KINDS], op_ok[OP_KINDS];

/* Run @op on a reference; *@out gets the pfn or the page count, if any. */
static int ref_run(struct ref_buddy *rb, const struct op *op, unsigned long *out)
{
	switch (op->kind) {
	case OP_ALLOC:
		return ref_alloc(rb, (unsigned int)op->a, (unsigned int)op->b, op->mt, out);
	case OP_STEAL:
		return ref_steal(rb, (unsigned int)op->a, (unsigned int)op->b, op->mt, out);
	case OP_FREE:
		return ref_free(rb, op->a, (unsigned int)op->b);
	case OP_MOVE:
		return ref_move_freepages(rb, (unsigned int)op->a, op->b, op->c, op->mt, out);
	case OP_MOVE_BLOCK:
		return ref_move_freepages_block(rb, op->a, op->mt, out);
	case OP_RESERVE:
		return ref_setup_zone_migrate_reserve(rb, (unsigned int)op->a, (unsigned int)op->b);
	case OP_ISOLATE:
		return ref_set_migratetype_isolate(rb, op->a);
	case OP_UNISOLATE:
		return ref_unset_migratetype_isolate(rb, op->a, op->mt);
	case OP_RANGE_ISOLATE:
		return ref_start_isolate_page_range(rb, op->a, op->b, op->mt);
	case OP_RANGE_UNDO:
		return ref_undo_isolate_page_range(rb, op->a, op->b, op->mt);
	default:
		return REF_EINVAL;
	}
}

/* The same on the engine. */
static int engine_run(struct rf_node *en, const struct op *op, unsigned long *out)
{
	switch (op->kind) {
	case OP_ALLOC:
		return rf_alloc_pages(en, (unsigned int)op->a, (unsigned int)op->b, op->mt, out);
	case OP_STEAL:
		return rf_steal(en, (unsigned int)op->a, (unsigned int)op->b, op->mt, out);
	case OP_FREE:
		return rf_free_pages(en, op->a, (unsigned int)op->b);
	case OP_MOVE:
		return rf_move_freepages(en, (unsigned int)op->a, op->b, op->c, op->mt, out);
	case OP_MOVE_BLOCK:
		return rf_move_freepages_block(en, op->a, op->mt, out);
	case OP_RESERVE:
		return rf_setup_zone_migrate_reserve(en, (unsigned int)op->a, (unsigned int)op->b);
	case OP_ISOLATE:
		return rf_set_migratetype_isolate(en, op->a);
	case OP_UNISOLATE:
		return rf_unset_migratetype_isolate(en, op->a, op->mt);
	case OP_RANGE_ISOLATE:
		return rf_start_isolate_page_range(en, op->a, op->b, op->mt);
	case OP_RANGE_UNDO:
		return rf_undo_isolate_page_range(en, op->a, op->b, op->mt);
	default:
		return RF_EINVAL;
	}
}

/* The faithful shadow: same outcome and counters as the fixed reference? */
static bool same_as_faithful(const struct lockstep *ls)
{
	const struct ref_geometry *g = ls->g;

	for (unsigned int z = 0; z < g->nr_zones; z++) {
		if (ref_nr_free_pages(ls->rb, z) != ref_nr_free_pages(ls->faithful, z))
			return false;
		for (unsigned int o = 0; o < g->max_order; o++)
			if (ref_nr_free(ls->rb, z, o) != ref_nr_free(ls->faithful, z, o))
				return false;
	}

	unsigned long pb = 1UL << g->pageblock_order;
	unsigned long s = g->node_start_pfn, e = s + g->node_pages;

	for (unsigned long p = s & ~(pb - 1); p < e; p += pb) {
		unsigned long q = p < s ? s : p;

		if (ref_pageblock_mt(ls->rb, q) != ref_pageblock_mt(ls->faithful, q))
			return false;
	}
	return true;
}

/* Run @op on both sides (and on the faithful shadow); compare what each
 * returned. */
static void run_op(struct lockstep *ls, const struct op *op)
{
	unsigned long rp = REF_NONE, ep = RF_NO_PFN;
	bool has_pfn = op->kind == OP_ALLOC || op->kind == OP_STEAL;
	bool has_count = op->kind == OP_MOVE || op->kind == OP_MOVE_BLOCK;

	if (has_count)
		rp = ep = 0;

	int rs = ref_run(ls->rb, op, &rp);
	int es = engine_run(ls->en, op, &ep);

	if (ls->faithful) {
		unsigned long fp = has_count ? 0 : REF_NONE;
		int fs = ref_run(ls->faithful, op, &fp);

		if (fs != rs || ((has_pfn || has_count) && rs == REF_OK && fp != rp) ||
		    !same_as_faithful(ls)) {
			ls->diverged_at = (long)ls->op_index;
			ref_destroy(ls->faithful);
			ls->faithful = NULL;
		}
	}

	char *h = ls->history[ls->nr_history % HISTORY];
	size_t n;

	op_total[op->kind]++;
	op_ok[op->kind] += rs == REF_OK;

	describe(h, sizeof(ls->history[0]), op);
	n = strlen(h);
	snprintf(h + n, sizeof(ls->history[0]) - n, " -> ref %d engine %d", rs, es);
	n = strlen(h);
	if ((has_pfn && rs == REF_OK) || has_count)
		snprintf(h + n, sizeof(ls->history[0]) - n, " (ref %lu, engine %lu)", rp, ep);
	ls->nr_history++;

	if (rs != es) {
		mismatch(ls, "%s: status ref %d, engine %d (%s)", h, rs, es, rf_strerror(es));
		return;
	}
	if (rs != REF_OK)
		return;
	if ((has_pfn || has_count) && rp != ep) {
		mismatch(ls, "%s: ref %lu, engine %lu", h, rp, ep);
		return;
	}
	if (has_pfn)
		live_add(ls, rp, (unsigned int)op->b);
	if (op->kind == OP_FREE)
		live_remove(ls, op->a);
}

/* Counters and pageblock types, after every operation. */
static void compare_counters(struct lockstep *ls)
{
	const struct ref_geometry *g = ls->g;

	for (unsigned int z = 0; z < g->nr_zones && !ls->failed; z++) {
		struct rf_zone_info zi;

		if (rf_zone_info(ls->en, z, &zi)) {
			mismatch(ls, "rf_zone_info(%u) failed", z);
			return;
		}
		if (zi.nr_free_pages != ref_nr_free_pages(ls->rb, z))
			mismatch(ls, "zone %u NR_FREE_PAGES: ref %ld, engine %ld", z,
				 ref_nr_free_pages(ls->rb, z), zi.nr_free_pages);
		for (unsigned int o = 0; o < g->max_order && !ls->failed; o++)
			if (rf_nr_free(ls->en, z, o) != ref_nr_free(ls->rb, z, o))
				mismatch(ls, "zone %u nr_free[%u]: ref %lu, engine %lu", z, o,
					 ref_nr_free(ls->rb, z, o), rf_nr_free(ls->en, z, o));
	}

	unsigned long pb = 1UL << g->pageblock_order;
	unsigned long s = g->node_start_pfn, e = s + g->node_pages;

	for (unsigned long p = s & ~(pb - 1); p < e && !ls->failed; p += pb) {
		unsigned long q = p < s ? s : p;
		int rt = ref_pageblock_mt(ls->rb, q), et = rf_pageblock_migratetype(ls->en, q);

		if (rt != et)
			mismatch(ls, "pageblock of pfn %lu: ref type %d, engine type %d", q, rt, et);
	}
}

/* Every list entry by entry, and every page's head state. */
static void compare_lists(struct lockstep *ls)
{
	const struct ref_geometry *g = ls->g;

	for (unsigned int z = 0; z < g->nr_zones && !ls->failed; z++) {
		for (unsigned int o = 0; o < g->max_order && !ls->failed; o++) {
			size_t total = 0;

			for (int mt = 0; mt < REF_NR_MT && !ls->failed; mt++) {
				size_t len = ref_list_len(ls->rb, z, o, mt), i = 0;
				unsigned long p = rf_list_first(ls->en, z, o, mt);

				total += len;
				for (; p != RF_NO_PFN && i < len; i++, p = rf_list_next(ls->en, z, o, mt, p)) {
					unsigned long want = ref_list_at(ls->rb, z, o, mt, i);

					if (p != want) {
						mismatch(ls, "zone %u free_list[%u][%d] entry %zu: ref %lu, "
							 "engine %lu", z, o, mt, i, want, p);
						break;
					}
					ls->lists_compared++;
				}
				if (!ls->failed && (i != len || p != RF_NO_PFN))
					mismatch(ls, "zone %u free_list[%u][%d]: ref has %zu entries, "
						 "engine %s", z, o, mt, len,
						 i != len ? "fewer" : "more");
			}
			if (!ls->failed && total != ref_nr_free(ls->rb, z, o))
				mismatch(ls, "reference zone %u order %u: %zu blocks listed, nr_free %lu",
					 z, o, total, ref_nr_free(ls->rb, z, o));
		}
	}
	for (unsigned long p = g->node_start_pfn; p < g->node_start_pfn + g->node_pages &&
	     !ls->failed; p++) {
		struct rf_page_info pi;

		if (rf_page_info(ls->en, p, &pi)) {
			mismatch(ls, "rf_page_info(%lu) failed", p);
			break;
		}
		int ef = pi.buddy ? (int)pi.order : -1, ea = pi.allocated ? (int)pi.order : -1;

		if (ef != ref_free_order(ls->rb, p) || ea != ref_alloc_order(ls->rb, p))
			mismatch(ls, "pfn %lu: ref free order %d alloc order %d, engine %d %d", p,
				 ref_free_order(ls->rb, p), ref_alloc_order(ls->rb, p), ef, ea);
	}
}

static unsigned long total_ops, total_geometries, total_entries;
/* Passes with fixes: geometries where they changed something, and the
 * earliest operation at which they did (-1: none). */
static unsigned long total_diverged;
static long first_divergence;
/* After the final clean-up: geometries whose every zone has NR_FREE_PAGES ==
 * managed pages and no free block on an ISOLATE list. */
static unsigned long total_clean;
/* The mix of geometries run: grouping off, pageblock_order < MAX_ORDER-1,
 * several zones, a node start not MAX_ORDER-aligned, holes, reserved pages. */
static unsigned long mix_off, mix_general, mix_zones, mix_unaligned, mix_holes, mix_reserved;

/* The engine's options for the reference's fixes, bit by bit. */
static unsigned long rf_options_of(unsigned int fixes)
{
	unsigned long o = 0;

	if (fixes & REF_FIX_ISOLATE_TWICE)
		o |= RF_OPT_FIX_ISOLATE_TWICE;
	if (fixes & REF_FIX_MOBILITY_TYPES)
		o |= RF_OPT_FIX_MOBILITY_TYPES;
	if (fixes & REF_FIX_PARTIAL_PAGEBLOCK)
		o |= RF_OPT_FIX_PARTIAL_PAGEBLOCK;
	if (fixes & REF_FIX_ISOLATE_MERGE)
		o |= RF_OPT_FIX_ISOLATE_MERGE;
	if (fixes & REF_FIX_FREE_ACCOUNTING)
		o |= RF_OPT_FIX_FREE_ACCOUNTING;
	if (fixes & REF_FIX_STEAL_ISOLATED)
		o |= RF_OPT_FIX_STEAL_ISOLATED;
	return o;
}

#define REF_FIX_ALL_SIX                                                                 \
	(REF_FIX_ISOLATE_TWICE | REF_FIX_MOBILITY_TYPES | REF_FIX_PARTIAL_PAGEBLOCK |   \
	 REF_FIX_ISOLATE_MERGE | REF_FIX_FREE_ACCOUNTING | REF_FIX_STEAL_ISOLATED)

/* Every zone: NR_FREE_PAGES == managed pages, nothing on an ISOLATE list. */
static bool all_free_and_counted(const struct lockstep *ls)
{
	for (unsigned int z = 0; z < ls->g->nr_zones; z++) {
		struct rf_zone_info zi;

		if (rf_zone_info(ls->en, z, &zi) ||
		    ref_nr_free_pages(ls->rb, z) != (long)zi.managed_pages)
			return false;
		for (unsigned int o = 0; o < ls->g->max_order; o++)
			if (ref_list_len(ls->rb, z, o, REF_ISOLATE))
				return false;
	}
	return true;
}

static void lockstep_one(const struct ref_geometry *g, unsigned long nr_ops, unsigned int fixes)
{
	struct lockstep ls;
	struct rf_geometry rg = to_rf(g);
	struct rf_config cfg = { .mode = RF_MODE_VANILLA, .options = rf_options_of(fixes) };
	char why[200] = "";

	memset(&ls, 0, sizeof(ls));
	ls.g = g;
	ls.fixes = fixes;
	ls.diverged_at = -1;
	ls.rb = ref_create(g);
	if (!ls.rb) {
		print_geometry(g);
		t_fail(__FILE__, __LINE__, "ref_create refused the geometry");
		return;
	}
	ref_set_fixes(ls.rb, fixes);
	if (fixes) {
		ls.faithful = ref_create(g);
		if (!ls.faithful)
			t_fail(__FILE__, __LINE__, "ref_create refused the geometry twice");
	}
	int err = rf_node_create(&rg, &cfg, &ls.en, why, sizeof(why));

	if (err) {
		print_geometry(g);
		t_fail(__FILE__, __LINE__, "rf_node_create refused the geometry: %s: %s",
		       rf_strerror(err), why);
		ref_destroy(ls.rb);
		ref_destroy(ls.faithful);
		return;
	}
	mix_off += ref_mobility_disabled(ls.rb);
	mix_general += g->pageblock_order < g->max_order - 1;
	mix_zones += g->nr_zones > 1;
	mix_unaligned += (g->node_start_pfn & ((1UL << (g->max_order - 1)) - 1)) != 0;
	mix_holes += g->nr_holes > 0;
	mix_reserved += g->nr_reserved > 0;
	if (rf_page_group_by_mobility_disabled(ls.en) != ref_mobility_disabled(ls.rb))
		mismatch(&ls, "mobility grouping disabled: ref %d, engine %d",
			 ref_mobility_disabled(ls.rb), rf_page_group_by_mobility_disabled(ls.en));
	compare_counters(&ls);
	compare_lists(&ls);
	for (ls.op_index = 0; ls.op_index < nr_ops && !ls.failed; ls.op_index++) {
		struct op op = random_op(&ls);

		run_op(&ls, &op);
		if (!ls.failed)
			compare_counters(&ls);
		if (!ls.failed && (ls.op_index % 50 == 49 || ls.op_index + 1 == nr_ops))
			compare_lists(&ls);
	}
	if (!ls.failed) {
		/* Free everything still allocated and undo every isolation:
		 * both sides again, still in lockstep. */
		while (ls.nr_live && !ls.failed) {
			struct op op = { .kind = OP_FREE, .a = ls.live[0].pfn, .b = ls.live[0].order };

			run_op(&ls, &op);
			if (!ls.failed)
				compare_counters(&ls);
			ls.op_index++;
		}
		for (unsigned int z = 0; z < g->nr_zones && !ls.failed; z++) {
			struct op op = { .kind = OP_RANGE_UNDO, .a = g->zone_start[z],
					 .b = zone_end_of(g, z), .mt = REF_MOVABLE };

			run_op(&ls, &op);
			if (!ls.failed)
				compare_counters(&ls);
			ls.op_index++;
		}
		if (!ls.failed)
			compare_lists(&ls);
		if (!ls.failed)
			total_clean += all_free_and_counted(&ls);
	}
	total_ops += ls.op_index;
	total_geometries++;
	total_entries += ls.lists_compared;
	if (ls.diverged_at >= 0) {
		total_diverged++;
		if (first_divergence < 0 || ls.diverged_at < first_divergence)
			first_divergence = ls.diverged_at;
	}
	free(ls.live);
	rf_node_destroy(ls.en);
	ref_destroy(ls.rb);
	ref_destroy(ls.faithful);
}

static const char *fix_names(unsigned int fixes, char *buf, size_t len)
{
	static const char *const names[6] = {
		"ISOLATE_TWICE", "MOBILITY_TYPES", "PARTIAL_PAGEBLOCK",
		"ISOLATE_MERGE", "FREE_ACCOUNTING", "STEAL_ISOLATED",
	};

	if (fixes == 0)
		snprintf(buf, len, "faithful (fixes 0, options 0)");
	else if (fixes == REF_FIX_ALL_SIX)
		snprintf(buf, len, "all six fixes F1-F6");
	else {
		buf[0] = 0;
		for (unsigned int b = 0; b < 6; b++)
			if (fixes & (1U << b)) {
				size_t n = strlen(buf);

				snprintf(buf + n, len - n, "%sF%u %s", n ? " + " : "", b + 1, names[b]);
			}
	}
	return buf;
}

/* One pass: @nr_geometries geometries of the seeded stream, @nr_ops random
 * operations each, the reference with @fixes, the engine with the matching
 * options. */
static void lockstep_pass(unsigned long seed, unsigned int nr_geometries, unsigned long nr_ops,
			  unsigned int fixes, bool print_ops)
{
	char name[160];

	total_ops = total_geometries = total_entries = total_diverged = total_clean = 0;
	first_divergence = -1;
	mix_off = mix_general = mix_zones = mix_unaligned = mix_holes = mix_reserved = 0;
	memset(op_total, 0, sizeof(op_total));
	memset(op_ok, 0, sizeof(op_ok));
	for (unsigned int i = 0; i < nr_geometries; i++) {
		rng_state = seed * 1000003ULL + i;

		struct ref_geometry g = make_geometry(i);

		lockstep_one(&g, nr_ops, fixes);
	}
	printf("lockstep %s: seed %#lx, %lu geometries, %lu operations, %lu list entries "
	       "compared\n", fix_names(fixes, name, sizeof(name)), seed, total_geometries,
	       total_ops, total_entries);
	if (fixes)
		printf("  the fixes changed the outcome in %lu of %lu geometries (earliest at "
		       "op %ld)\n", total_diverged, total_geometries, first_divergence);
	printf("  after clean-up: %lu of %lu geometries with NR_FREE_PAGES == managed pages "
	       "and no ISOLATE list entries\n", total_clean, total_geometries);
	if (!print_ops)
		return;
	printf("  geometries: %lu with grouping by mobility off, %lu with pageblock_order < "
	       "MAX_ORDER-1, %lu with 2-3 zones, %lu unaligned, %lu with holes, %lu with reserved\n",
	       mix_off, mix_general, mix_zones, mix_unaligned, mix_holes, mix_reserved);
	for (int k = 0; k < OP_KINDS; k++)
		printf("  %-22s %7lu run, %7lu succeeded\n", op_names[k], op_total[k], op_ok[k]);
}

/*
 * Lockstep passes: faithful (fixes 0 against options 0), all six fixes
 * against the six RF_OPT_FIX_* bits, and each fix alone (half the
 * operations), because each must be right on its own.  Every pass uses the
 * same geometries; the fixed passes also run a faithful reference alongside
 * to show that the fixes were exercised.  RF_REF_SEED, RF_REF_GEOMETRIES and
 * RF_REF_OPS change the stream; RF_REF_FIXES runs one pass with those bits.
 */
static void lockstep_random(void)
{
	unsigned long seed = 0x5eedb0dd1e5ULL;
	unsigned int nr_geometries = 30;
	unsigned long nr_ops = 5000;
	const char *env = getenv("RF_REF_SEED");

	if (env)
		seed = strtoul(env, NULL, 0);
	env = getenv("RF_REF_GEOMETRIES");
	if (env)
		nr_geometries = (unsigned int)strtoul(env, NULL, 0);
	env = getenv("RF_REF_OPS");
	if (env)
		nr_ops = strtoul(env, NULL, 0);

	/* RF_REF_FIXES=<bits>: that one pass only (any combination). */
	env = getenv("RF_REF_FIXES");
	if (env) {
		lockstep_pass(seed, nr_geometries, nr_ops,
			      (unsigned int)strtoul(env, NULL, 0) & REF_FIX_ALL_SIX, true);
		return;
	}
	lockstep_pass(seed, nr_geometries, nr_ops, 0, true);
	lockstep_pass(seed, nr_geometries, nr_ops, REF_FIX_ALL_SIX, true);
	for (unsigned int b = 0; b < 6; b++)
		lockstep_pass(seed, nr_geometries, nr_ops / 2, 1U << b, false);
}

/*
 * The one test that runs in both modes: the reference has no mode, and the
 * engine's v4 mode must agree with it on what set-up does independently of
 * placement policy -- the mobility flag, NR_FREE_PAGES (v4 counts the pages
 * its region allocator holds) and every pageblock's type.
 */
static void ref_boot_policy_independent(void)
{
	for (unsigned int i = 0; i < 12; i++) {
		rng_state = 0xb007ULL + i;

		struct ref_geometry g = make_geometry(i);
		struct rf_geometry rg = to_rf(&g);
		struct ref_buddy *rb = ref_create(&g);
		struct rf_node *n = t_node(&rg);

		if (!rb)
			t_fail(__FILE__, __LINE__, "ref_create refused geometry %u", i);
		if (rb && n) {
			CHECK_EQ(rf_page_group_by_mobility_disabled(n), ref_mobility_disabled(rb));
			for (unsigned int z = 0; z < g.nr_zones; z++)
				CHECK_EQ(t_nr_free_pages(n, z), ref_nr_free_pages(rb, z));
			for (unsigned long p = g.node_start_pfn; p < g.node_start_pfn + g.node_pages; p++)
				if (rf_pageblock_migratetype(n, p) != ref_pageblock_mt(rb, p)) {
					t_fail(__FILE__, __LINE__, "geometry %u pfn %lu: engine type %d, "
					       "reference %d", i, p, rf_pageblock_migratetype(n, p),
					       ref_pageblock_mt(rb, p));
					break;
				}
		}
		if (n)
			rf_node_destroy(n);
		ref_destroy(rb);
	}
}

static const struct t_case cases[] = {
	TEST(ref_geometry_limits, VANILLA),
	TEST(ref_boot_unaligned, VANILLA),
	TEST(ref_boot_hole_reserved, VANILLA),
	TEST(ref_split_merge, VANILLA),
	TEST(ref_tail_rule, VANILLA),
	TEST(ref_fallback_steal, VANILLA),
	TEST(ref_mobility_off, VANILLA),
	TEST(ref_argument_checks, VANILLA),
	TEST(ref_fix_isolate_twice, VANILLA),
	TEST(ref_fix_mobility_types, VANILLA),
	TEST(ref_fix_partial_pageblock, VANILLA),
	TEST(ref_fix_isolate_merge, VANILLA),
	TEST(ref_fix_isolate_merge_tail, VANILLA),
	TEST(ref_fix_free_accounting, VANILLA),
	TEST(ref_fix_steal_isolated, VANILLA),
	TEST(ref_fix_bits, VANILLA),
	TEST(lockstep_random, VANILLA),
	TEST(ref_boot_policy_independent, BOTH),
	{ 0 },
};

int main(int argc, char **argv)
{
	return t_main(argc, argv, "reference", cases);
}
