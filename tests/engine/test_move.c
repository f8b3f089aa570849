// SPDX-License-Identifier: MIT
/*
 * move_freepages / move_freepages_block (3.11 mm/page_alloc.c; v4 changes
 * only where the blocks land on the new list, and patch 30's region
 * allocator step, which no test here reaches: every geometry has one region
 * per zone, or no region is ever wholly free).
 *
 * move_freepages(zone, start, end, mt) walks [start, end] -- the end is
 * INCLUSIVE, as the kernel's end_page -- one pfn at a time over holes and
 * pages that do not head a free block; a free block head is put on
 * free_list[its order][mt] with its freepage migratetype set to mt, and the
 * walk jumps over the whole block, even past @end.  It returns the pages of
 * every free block headed in the range, whatever list it was on.  It frees
 * and allocates nothing: free_area[].nr_free and NR_FREE_PAGES stay as they
 * are, and it never changes a pageblock's type.
 *
 * move_freepages_block(zone, page, mt): the pageblock holding page; if its
 * start is outside the zone, start at page itself; if its end is outside
 * the zone, move nothing and return 0.
 *
 * Pictures: one character per pfn; a free block is drawn as its order digit
 * repeated over its pages, '#' is allocated, 'x' a hole, 'r' reserved, '|'
 * a zone boundary.  The "list" line names the list of each free block under
 * its first pfn, the "pb" line each pageblock's type under its first pfn
 * (U UNMOVABLE, R RECLAIMABLE, M MOVABLE, S RESERVE, I ISOLATE).
 *
 * Where a block lands, vanilla: at the head of the new list, so blocks moved
 * in one walk (ascending pfns) end up in descending pfn order.  v4: in sorted
 * place -- a block whose region already has a run on the list is linked just
 * before the run's tail (the run's first block ever added stays last); a
 * region without a run starts one right after the tail of the highest lower
 * region that has one, or at the head.
 *
 * "Drained": every page allocated as order-0 MOVABLE (t_drain), then the
 * pages drawn free given back one by one, merging with what is already free.
 */
#include <limits.h>

#include "testlib.h"

#define SENTINEL 0x5a5a5a5aUL

static unsigned long region_nr_free(const struct rf_node *n, unsigned int zone,
				    unsigned int region)
{
	struct rf_region_info ri;

	return rf_region_info(n, zone, region, &ri) ? ~0UL : ri.nr_free;
}

/*
 * G32: 32 pages, MAX_ORDER 4 (top blocks of 8), pageblocks of 4, one region.
 * Boot frees order-3 chunks at 0, 8, 16, 24:
 *
 *   pfn  0       8       16      24      32
 *        33333333 33333333 33333333 33333333
 *   list M        M        M        M
 *
 *   free_list[3][MOVABLE]: vanilla 24, 16, 8, 0 (each at the head);
 *                          v4      8, 16, 24, 0 (each before the tail, 0).
 */
static struct rf_node *boot32(void)
{
	struct rf_geometry g = t_geo(4, 2, 5, 0, 32);
	struct rf_node *n = t_node(&g);

	if (!n)
		return NULL;
	CHECK(!rf_page_group_by_mobility_disabled(n));
	if (t_mode == RF_MODE_VANILLA)
		CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 24, 16, 8, 0);
	else
		CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 8, 16, 24, 0);
	return n;
}

/*
 * A range lying inside a free block whose head is before the range: the
 * walk sees only tail pages, none of which is PageBuddy.  G32 at boot:
 *
 *   pfn  0       8       16
 *        33333333 33333333 ...
 *          [  ]                 [2, 5]
 *         [     ]               [1, 7]
 *                  [     ]      [9, 15]
 *
 * Expect 0 pages moved and nothing at all changed, for each of [2, 5],
 * [1, 7], [7, 7] and [9, 15].  Then [7, 8]: 7 is still a tail of block 0,
 * which stays MOVABLE, but 8 heads a block, which moves whole: 8 pages.
 */
static void move_inside_block_headed_before(void)
{
	struct rf_node *n = boot32();
	unsigned long moved = SENTINEL;

	if (!n)
		return;
	CHECK_NOTHING_CHANGES(n, rf_move_freepages(n, 0, 2, 5, MIGRATE_UNMOVABLE, &moved));
	CHECK_EQ(moved, 0);
	moved = SENTINEL;
	CHECK_NOTHING_CHANGES(n, rf_move_freepages(n, 0, 1, 7, MIGRATE_RECLAIMABLE, &moved));
	CHECK_EQ(moved, 0);
	moved = SENTINEL;
	CHECK_NOTHING_CHANGES(n, rf_move_freepages(n, 0, 7, 7, MIGRATE_UNMOVABLE, &moved));
	CHECK_EQ(moved, 0);
	moved = SENTINEL;
	CHECK_NOTHING_CHANGES(n, rf_move_freepages(n, 0, 9, 15, MIGRATE_RESERVE, &moved));
	CHECK_EQ(moved, 0);

	CHECK_STATUS(rf_move_freepages(n, 0, 7, 8, MIGRATE_UNMOVABLE, &moved), RF_OK);
	CHECK_EQ(moved, 8);
	CHECK_LIST(n, 0, 3, MIGRATE_UNMOVABLE, 8);
	CHECK_FREE(n, 0, 3, MIGRATE_MOVABLE);
	CHECK_EQ(t_freepage_mt(n, 0), MIGRATE_MOVABLE);
	CHECK_EQ(t_freepage_mt(n, 8), MIGRATE_UNMOVABLE);
	CHECK_NR_FREE(n, 0, 0, 0, 0, 4);
	CHECK_EQ(t_nr_free_pages(n, 0), 32);
	rf_node_destroy(n);
}

/*
 * A range whose first pfn heads a block that reaches past its end: the
 * block moves whole and all of it is counted.  G32 at boot.
 *
 * [8, 8] to RECLAIMABLE: a one-pfn range (the end is inclusive) moves the
 * whole order-3 block 8: 8 pages.  [16, 17] likewise: 8.
 *
 *   pfn  0       8       16      24
 *        33333333 33333333 33333333 33333333
 *   list M        R        R        M
 *
 *   free_list[3][RECLAIMABLE]: 16, 8 in both modes (vanilla: head insertion;
 *   v4: 16 goes before the run's tail, 8).
 *
 * Then [0, 17] to UNMOVABLE: 0 (MOVABLE), 8 and 16 (RECLAIMABLE) are headed
 * in the range; the walk jumps 0 -> 8 -> 16 -> 24, past 17: 24 pages.
 *
 *   list U        U        U        M
 *
 *   free_list[3][UNMOVABLE]: vanilla 16, 8, 0; v4 8, 16, 0 (0 arrived
 *   first and stays the run's tail).
 */
static void move_block_reaching_past_end(void)
{
	struct rf_node *n = boot32();
	unsigned long moved = SENTINEL;

	if (!n)
		return;
	CHECK_STATUS(rf_move_freepages(n, 0, 8, 8, MIGRATE_RECLAIMABLE, &moved), RF_OK);
	CHECK_EQ(moved, 8);
	CHECK_STATUS(rf_move_freepages(n, 0, 16, 17, MIGRATE_RECLAIMABLE, &moved), RF_OK);
	CHECK_EQ(moved, 8);
	CHECK_LIST(n, 0, 3, MIGRATE_RECLAIMABLE, 16, 8);
	CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 24, 0);
	CHECK_EQ(t_freepage_mt(n, 8), MIGRATE_RECLAIMABLE);
	CHECK_EQ(t_freepage_mt(n, 16), MIGRATE_RECLAIMABLE);
	CHECK_NR_FREE(n, 0, 0, 0, 0, 4);
	CHECK_EQ(t_nr_free_pages(n, 0), 32);

	CHECK_STATUS(rf_move_freepages(n, 0, 0, 17, MIGRATE_UNMOVABLE, &moved), RF_OK);
	CHECK_EQ(moved, 24);
	if (t_mode == RF_MODE_VANILLA)
		CHECK_LIST(n, 0, 3, MIGRATE_UNMOVABLE, 16, 8, 0);
	else
		CHECK_LIST(n, 0, 3, MIGRATE_UNMOVABLE, 8, 16, 0);
	CHECK_LIST_EMPTY(n, 0, 3, MIGRATE_RECLAIMABLE);
	CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 24);
	for (unsigned long pfn = 0; pfn < 24; pfn += 8)
		CHECK_EQ(t_freepage_mt(n, pfn), MIGRATE_UNMOVABLE);
	CHECK_EQ(t_freepage_mt(n, 24), MIGRATE_MOVABLE);
	/* Moving never retypes a pageblock. */
	for (unsigned long pfn = 0; pfn < 32; pfn += 4)
		CHECK_EQ(rf_pageblock_migratetype(n, pfn), MIGRATE_MOVABLE);
	CHECK_NR_FREE(n, 0, 0, 0, 0, 4);
	CHECK_EQ(t_nr_free_pages(n, 0), 32);
	rf_node_destroy(n);
}

/*
 * Holes, reserved pages and allocated pages -- heads and tails alike -- are
 * stepped over one pfn at a time.  64 pages, MAX_ORDER 4, pageblocks of 8,
 * one region; a hole at [10, 12), a reserved page at 13.  Drained (61
 * pages); 20..23 freed (an order-2 block) and taken again as one order-2
 * MOVABLE allocation; then 8, 9, 14, 16, 17, 18, 19 freed:
 *
 *   pfn  8       16      24
 *        11xx#r0# 2222####
 *   list M     M  M
 *
 * 8,9 merge into an order-1 block (the order-1 buddy 10 is a hole); 14 stays
 * order 0 (15 allocated); 16..19 merge into an order-2 block (its buddy 20
 * heads an allocated block).  NR_FREE_PAGES 7; nr_free 1, 1, 1, 0.
 *
 * Expect:
 *   [10, 21] to RECLAIMABLE: 14 and 16, 1 + 4 = 5 pages (the hole, 12, 13,
 *            15 and the allocated head 20 and tail 21 skipped);
 *   [8, 23] to UNMOVABLE: 8, 14 and 16, 2 + 1 + 4 = 7 pages (14 and 16 now
 *            come off the RECLAIMABLE lists);
 *   [10, 13], [12, 13], [15, 15], [20, 23], [21, 23]: nothing, 0.
 * The counters never move: NR_FREE_PAGES 7, nr_free 1, 1, 1, 0.
 */
static void move_skips_holes_reserved_and_allocated(void)
{
	struct rf_geometry g = t_geo(4, 3, 6, 0, 64);

	g.nr_holes = 1;
	g.holes[0] = (struct rf_pfn_range){ 10, 12 };
	g.nr_reserved = 1;
	g.reserved[0] = (struct rf_pfn_range){ 13, 14 };

	struct rf_node *n = t_node(&g);
	unsigned long moved = SENTINEL;

	if (!n)
		return;
	CHECK(!rf_page_group_by_mobility_disabled(n));
	CHECK_EQ(t_drain(n), 61);
	for (unsigned long pfn = 20; pfn < 24; pfn++)
		t_free(n, pfn, 0);
	CHECK_FREE(n, 20, 2, MIGRATE_MOVABLE);
	CHECK_EQ(t_alloc(n, 0, 2, MIGRATE_MOVABLE), 20);
	const unsigned long to_free[] = { 8, 9, 14, 16, 17, 18, 19 };

	for (size_t i = 0; i < sizeof(to_free) / sizeof(to_free[0]); i++)
		t_free(n, to_free[i], 0);
	CHECK_FREE(n, 8, 1, MIGRATE_MOVABLE);
	CHECK_FREE(n, 14, 0, MIGRATE_MOVABLE);
	CHECK_FREE(n, 16, 2, MIGRATE_MOVABLE);
	CHECK_NR_FREE(n, 0, 1, 1, 1, 0);
	CHECK_EQ(t_nr_free_pages(n, 0), 7);

	CHECK_STATUS(rf_move_freepages(n, 0, 10, 21, MIGRATE_RECLAIMABLE, &moved), RF_OK);
	CHECK_EQ(moved, 5);
	CHECK_LIST(n, 0, 0, MIGRATE_RECLAIMABLE, 14);
	CHECK_LIST(n, 0, 2, MIGRATE_RECLAIMABLE, 16);
	CHECK_LIST(n, 0, 1, MIGRATE_MOVABLE, 8);
	CHECK_NR_FREE(n, 0, 1, 1, 1, 0);
	CHECK_EQ(t_nr_free_pages(n, 0), 7);

	CHECK_STATUS(rf_move_freepages(n, 0, 8, 23, MIGRATE_UNMOVABLE, &moved), RF_OK);
	CHECK_EQ(moved, 7);
	CHECK_LIST(n, 0, 0, MIGRATE_UNMOVABLE, 14);
	CHECK_LIST(n, 0, 1, MIGRATE_UNMOVABLE, 8);
	CHECK_LIST(n, 0, 2, MIGRATE_UNMOVABLE, 16);
	CHECK(t_lists_empty(n, 0, MIGRATE_RECLAIMABLE));
	CHECK(t_lists_empty(n, 0, MIGRATE_MOVABLE));
	CHECK_EQ(t_freepage_mt(n, 8), MIGRATE_UNMOVABLE);
	CHECK_EQ(t_freepage_mt(n, 14), MIGRATE_UNMOVABLE);
	CHECK_EQ(t_freepage_mt(n, 16), MIGRATE_UNMOVABLE);
	CHECK_NR_FREE(n, 0, 1, 1, 1, 0);
	CHECK_EQ(t_nr_free_pages(n, 0), 7);

	const unsigned long empty[][2] = { { 10, 13 }, { 12, 13 }, { 15, 15 }, { 20, 23 },
					   { 21, 23 } };

	for (size_t i = 0; i < sizeof(empty) / sizeof(empty[0]); i++) {
		moved = SENTINEL;
		CHECK_NOTHING_CHANGES(n, rf_move_freepages(n, 0, empty[i][0], empty[i][1],
							   MIGRATE_MOVABLE, &moved));
		CHECK_EQ(moved, 0);
	}
	/* Moving retypes nothing, and the allocated block is still allocated. */
	CHECK_EQ(rf_pageblock_migratetype(n, 8), MIGRATE_MOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 16), MIGRATE_MOVABLE);

	struct rf_page_info pi;

	CHECK_STATUS(rf_page_info(n, 20, &pi), RF_OK);
	CHECK(pi.allocated && !pi.buddy && pi.order == 2);
	rf_node_destroy(n);
}

/*
 * Where the moved blocks land, and their freepage migratetype.  64 pages,
 * MAX_ORDER 4, pageblocks of 8, regions of 16 (four regions; drained, and no
 * region is ever wholly free, so v4's region allocator stays out of it).
 * Order-0 pages freed in the order 33, 35, 1, 17, 19, each with its buddy
 * allocated:
 *
 *   pfn  0               16              32              48
 *        #0############## #0#0############ #0#0############ ################
 *   list  M                M M              M M
 *
 *   free_list[0][MOVABLE]: vanilla 19 17 1 35 33; v4 1 | 19 17 | 35 33.
 *
 * [33, 35] to UNMOVABLE: 33 then 35 (2 pages).  free_list[0][UNMOVABLE]:
 * 35 33 in both modes.  Then [1, 19] to UNMOVABLE: 1, 17, 19 (3 pages).
 *   vanilla: each at the head:          19 17 1 35 33
 *   v4: 1 opens region 0's run at the head, 17 opens region 1's run after
 *       1 (the tail of the highest lower region), 19 goes before 17, the
 *       run's tail:                     1 | 19 17 | 35 33
 * Every moved block's freepage migratetype is UNMOVABLE; nr_free[0] stays
 * 5, NR_FREE_PAGES 5, and each region's nr_free (1, 2, 2, 0) is unchanged.
 */
static void move_sets_type_and_list_place(void)
{
	struct rf_geometry g = t_geo(4, 3, 4, 0, 64);
	struct rf_node *n = t_node(&g);
	unsigned long moved = SENTINEL;
	const unsigned long freed[] = { 33, 35, 1, 17, 19 };
	const unsigned long region_free[] = { 1, 2, 2, 0 };

	if (!n)
		return;
	CHECK(!rf_page_group_by_mobility_disabled(n));
	CHECK_EQ(t_drain(n), 64);
	for (size_t i = 0; i < 5; i++)
		t_free(n, freed[i], 0);
	if (t_mode == RF_MODE_VANILLA)
		CHECK_LIST(n, 0, 0, MIGRATE_MOVABLE, 19, 17, 1, 35, 33);
	else
		CHECK_LIST(n, 0, 0, MIGRATE_MOVABLE, 1, 19, 17, 35, 33);
	for (unsigned int r = 0; r < 4; r++)
		CHECK_EQ(region_nr_free(n, 0, r), region_free[r]);

	CHECK_STATUS(rf_move_freepages(n, 0, 33, 35, MIGRATE_UNMOVABLE, &moved), RF_OK);
	CHECK_EQ(moved, 2);
	CHECK_LIST(n, 0, 0, MIGRATE_UNMOVABLE, 35, 33);
	if (t_mode == RF_MODE_VANILLA)
		CHECK_LIST(n, 0, 0, MIGRATE_MOVABLE, 19, 17, 1);
	else
		CHECK_LIST(n, 0, 0, MIGRATE_MOVABLE, 1, 19, 17);

	CHECK_STATUS(rf_move_freepages(n, 0, 1, 19, MIGRATE_UNMOVABLE, &moved), RF_OK);
	CHECK_EQ(moved, 3);
	if (t_mode == RF_MODE_VANILLA) {
		CHECK_LIST(n, 0, 0, MIGRATE_UNMOVABLE, 19, 17, 1, 35, 33);
	} else {
		CHECK_LIST(n, 0, 0, MIGRATE_UNMOVABLE, 1, 19, 17, 35, 33);
		CHECK(t_run_is(n, 0, MIGRATE_UNMOVABLE, 0, 1, 1));
		CHECK(t_run_is(n, 0, MIGRATE_UNMOVABLE, 1, 17, 2));
		CHECK(t_run_is(n, 0, MIGRATE_UNMOVABLE, 2, 33, 2));
		CHECK(t_run_is(n, 0, MIGRATE_UNMOVABLE, 3, RF_NO_PFN, 0));
		CHECK(t_run_is(n, 0, MIGRATE_MOVABLE, 1, RF_NO_PFN, 0));
		CHECK_EQ(rf_list_next_region(n, 0, 0, MIGRATE_UNMOVABLE), 0);
		CHECK_EQ(rf_list_next_region(n, 0, 0, MIGRATE_MOVABLE), -1);
	}
	CHECK_LIST_EMPTY(n, 0, 0, MIGRATE_MOVABLE);
	for (size_t i = 0; i < 5; i++)
		CHECK_EQ(t_freepage_mt(n, freed[i]), MIGRATE_UNMOVABLE);
	CHECK_NR_FREE(n, 0, 5, 0, 0, 0);
	CHECK_EQ(t_nr_free_pages(n, 0), 5);
	for (unsigned int r = 0; r < 4; r++)
		CHECK_EQ(region_nr_free(n, 0, r), region_free[r]);
	rf_node_destroy(n);
}

/*
 * The count is every free block headed in the range, whatever list it was
 * on -- the target list included.  64 pages, MAX_ORDER 4, pageblocks of 8,
 * one region; drained, then 1, 3, 5, 7, 9 freed (order 0, buddies
 * allocated; each goes to the head of the MOVABLE list in vanilla -- no
 * parent buddy is free -- and before the run's tail 1 in v4), then moved one
 * by one:
 *
 *   pfn  0       8
 *        #0#0#0#0 #0######
 *   list  M R S U  U          3 RECLAIMABLE, 5 RESERVE, 7 then 9 UNMOVABLE
 *
 *   free_list[0][UNMOVABLE]: 9 7 in both modes (v4: 7 is the run's tail).
 *
 * [1, 7] to UNMOVABLE meets 1 (MOVABLE), 3 (RECLAIMABLE), 5 (RESERVE) and 7
 * (already UNMOVABLE): 4 pages.
 *   vanilla: each to the head -- 7 is unlinked and put back at the head:
 *            7 5 3 1 9
 *   v4: 1, 3, 5 each go just before the tail 7 (9 1 3 5 7); then 7 leaves
 *       (5 becomes the tail) and comes back just before 5:   9 1 3 7 5
 * Then [9, 9] to UNMOVABLE: 1 page, 9 being on that list already.
 *   vanilla 9 7 5 3 1;  v4: 9 leaves the head and goes before the tail 5:
 *   1 3 7 9 5.
 */
static void move_counts_every_list(void)
{
	struct rf_geometry g = t_geo(4, 3, 6, 0, 64);
	struct rf_node *n = t_node(&g);
	unsigned long moved = SENTINEL;

	if (!n)
		return;
	CHECK_EQ(t_drain(n), 64);
	for (unsigned long pfn = 1; pfn < 10; pfn += 2)
		t_free(n, pfn, 0);
	if (t_mode == RF_MODE_VANILLA)
		CHECK_LIST(n, 0, 0, MIGRATE_MOVABLE, 9, 7, 5, 3, 1);
	else
		CHECK_LIST(n, 0, 0, MIGRATE_MOVABLE, 3, 5, 7, 9, 1);
	CHECK_STATUS(rf_move_freepages(n, 0, 3, 3, MIGRATE_RECLAIMABLE, &moved), RF_OK);
	CHECK_EQ(moved, 1);
	CHECK_STATUS(rf_move_freepages(n, 0, 5, 5, MIGRATE_RESERVE, &moved), RF_OK);
	CHECK_EQ(moved, 1);
	CHECK_STATUS(rf_move_freepages(n, 0, 7, 7, MIGRATE_UNMOVABLE, &moved), RF_OK);
	CHECK_EQ(moved, 1);
	CHECK_STATUS(rf_move_freepages(n, 0, 9, 9, MIGRATE_UNMOVABLE, &moved), RF_OK);
	CHECK_EQ(moved, 1);
	CHECK_LIST(n, 0, 0, MIGRATE_MOVABLE, 1);
	CHECK_LIST(n, 0, 0, MIGRATE_RECLAIMABLE, 3);
	CHECK_LIST(n, 0, 0, MIGRATE_RESERVE, 5);
	CHECK_LIST(n, 0, 0, MIGRATE_UNMOVABLE, 9, 7);

	moved = SENTINEL;
	CHECK_STATUS(rf_move_freepages(n, 0, 1, 7, MIGRATE_UNMOVABLE, &moved), RF_OK);
	CHECK_EQ(moved, 4);
	if (t_mode == RF_MODE_VANILLA)
		CHECK_LIST(n, 0, 0, MIGRATE_UNMOVABLE, 7, 5, 3, 1, 9);
	else
		CHECK_LIST(n, 0, 0, MIGRATE_UNMOVABLE, 9, 1, 3, 7, 5);
	CHECK_LIST_EMPTY(n, 0, 0, MIGRATE_MOVABLE);
	CHECK_LIST_EMPTY(n, 0, 0, MIGRATE_RECLAIMABLE);
	CHECK_LIST_EMPTY(n, 0, 0, MIGRATE_RESERVE);

	moved = SENTINEL;
	CHECK_STATUS(rf_move_freepages(n, 0, 9, 9, MIGRATE_UNMOVABLE, &moved), RF_OK);
	CHECK_EQ(moved, 1);
	if (t_mode == RF_MODE_VANILLA)
		CHECK_LIST(n, 0, 0, MIGRATE_UNMOVABLE, 9, 7, 5, 3, 1);
	else
		CHECK_LIST(n, 0, 0, MIGRATE_UNMOVABLE, 1, 3, 7, 9, 5);
	for (unsigned long pfn = 1; pfn < 10; pfn += 2)
		CHECK_EQ(t_freepage_mt(n, pfn), MIGRATE_UNMOVABLE);
	CHECK_NR_FREE(n, 0, 5, 0, 0, 0);
	CHECK_EQ(t_nr_free_pages(n, 0), 5);
	rf_node_destroy(n);
}

/*
 * A move of everything frees and allocates nothing.  64 pages, MAX_ORDER 4,
 * pageblocks of 8, one region; a hole at 3 and a reserved page at 9.  Boot
 * (free ranges [0, 3), [4, 9), [10, 64), each page by page up to a 64-page
 * boundary, merging):
 *
 *   pfn  0       8       16      24 ...  56      64
 *        110x2222 0r112222 33333333 ...   33333333
 *   list M M M    M M M    M        ...   M
 *
 * 62 free pages: nr_free 2, 2, 2, 6.  Expect [0, 63] to RECLAIMABLE to move
 * all 62 pages, every block now on a RECLAIMABLE list with that freepage
 * type, and nr_free per order, NR_FREE_PAGES and the free pages on the lists
 * unchanged; and [0, 63] back to MOVABLE the same.
 */
static void move_everything_keeps_counters(void)
{
	struct rf_geometry g = t_geo(4, 3, 6, 0, 64);

	g.nr_holes = 1;
	g.holes[0] = (struct rf_pfn_range){ 3, 4 };
	g.nr_reserved = 1;
	g.reserved[0] = (struct rf_pfn_range){ 9, 10 };

	struct rf_node *n = t_node(&g);
	const unsigned long heads[] = { 0, 2, 4, 8, 10, 12, 16, 24, 32, 40, 48, 56 };
	const unsigned int orders[] = { 1, 0, 2, 0, 1, 2, 3, 3, 3, 3, 3, 3 };
	unsigned long moved = SENTINEL;

	if (!n)
		return;
	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++)
		CHECK_FREE(n, heads[i], orders[i], MIGRATE_MOVABLE);
	CHECK_NR_FREE(n, 0, 2, 2, 2, 6);
	CHECK_EQ(t_nr_free_pages(n, 0), 62);

	for (int pass = 0; pass < 2; pass++) {
		int mt = pass ? MIGRATE_MOVABLE : MIGRATE_RECLAIMABLE;

		moved = SENTINEL;
		CHECK_STATUS(rf_move_freepages(n, 0, 0, 63, mt, &moved), RF_OK);
		CHECK_EQ(moved, 62);
		for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
			CHECK_FREE(n, heads[i], orders[i], mt);
			CHECK_EQ(t_freepage_mt(n, heads[i]), mt);
		}
		CHECK(t_lists_empty(n, 0, pass ? MIGRATE_RECLAIMABLE : MIGRATE_MOVABLE));
		CHECK_NR_FREE(n, 0, 2, 2, 2, 6);
		CHECK_EQ(t_nr_free_pages(n, 0), 62);
		CHECK_EQ(t_free_pages(n, 0), 62);
	}
	rf_node_destroy(n);
}

/*
 * G2Z: two zones whose boundary is not pageblock-aligned.  The node is
 * [16, 80), MAX_ORDER 4, pageblocks of 8, one node region (so one region in
 * each zone); zone 0 is [16, 44), zone 1 [44, 80).  Pageblock 40 straddles
 * the boundary: 40..43 in zone 0, 44..47 in zone 1.  Boot, per zone (the
 * chunks of zone 0 reach 40; 40..43 and 44..47 are freed page by page and
 * merge up to order 2, the buddies 40 and 44 being in different zones):
 *
 *   pfn 16      24      32      40  44  48      56      64      72      80
 *       33333333 33333333 33333333 2222|2222 33333333 33333333 33333333 33333333
 *   list M        M        M        M   |M    M        M        M        M
 *   pb   M        M        M        M        M        M        M        M
 *
 *   zone 0: free_list[3][MOVABLE] vanilla 32 24 16, v4 24 32 16;
 *           free_list[2][MOVABLE] 40.
 *   zone 1: free_list[2][MOVABLE] 44;
 *           free_list[3][MOVABLE] vanilla 72 64 56 48, v4 56 64 72 48.
 */
static struct rf_node *two_zones(void)
{
	struct rf_geometry g = t_geo(4, 3, 6, 16, 64);

	g.nr_zones = 2;
	g.zone_start_pfn[1] = 44;

	struct rf_node *n = t_node(&g);

	if (!n)
		return NULL;
	CHECK(!rf_page_group_by_mobility_disabled(n));
	CHECK_FREE(n, 40, 2, MIGRATE_MOVABLE);
	CHECK_FREE(n, 44, 2, MIGRATE_MOVABLE);
	CHECK_EQ(rf_pfn_zone(n, 43), 0);
	CHECK_EQ(rf_pfn_zone(n, 44), 1);
	if (t_mode == RF_MODE_VANILLA) {
		CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 32, 24, 16);
		CHECK_LIST(n, 1, 3, MIGRATE_MOVABLE, 72, 64, 56, 48);
	} else {
		CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 24, 32, 16);
		CHECK_LIST(n, 1, 3, MIGRATE_MOVABLE, 56, 64, 72, 48);
	}
	CHECK_EQ(t_nr_free_pages(n, 0), 28);
	CHECK_EQ(t_nr_free_pages(n, 1), 36);
	return n;
}

/*
 * move_freepages_block at the zone boundary, G2Z at boot.
 *
 *   pfn 40  44  48
 *       2222|2222
 *       zone 0 | zone 1      pageblock [40, 47]
 *
 * From zone 1 (pfn 44..47) the pageblock's start, 40, is outside the zone,
 * so the walk starts at the pfn itself:
 *   pfn 45: walks 45..47, tails of block 44: 0 pages, nothing changes (had
 *           it started at the zone start, 44, it would have moved 4);
 *   pfn 44: walks 44..47: block 44 moves, 4 pages, to zone 1's UNMOVABLE
 *           list; then pfn 47 (to MOVABLE) walks 47 only: 0, 44 stays.
 * From zone 0 (pfn 40..43) the pageblock's end, 47, is outside the zone:
 *   pfn 40, 41, 43: 0 pages, nothing changes; block 40 stays MOVABLE --
 *   while move_freepages itself over [40, 43] in zone 0 moves it: 4 pages.
 * Whole pageblocks on either side move as usual: 37 -> block 32 (8 pages),
 * 50 -> block 48 (8 pages).  No counter of either zone moves.
 */
static void move_block_at_zone_boundary(void)
{
	struct rf_node *n = two_zones();
	unsigned long moved = SENTINEL;

	if (!n)
		return;
	CHECK_NOTHING_CHANGES(n, rf_move_freepages_block(n, 45, MIGRATE_UNMOVABLE, &moved));
	CHECK_EQ(moved, 0);

	CHECK_STATUS(rf_move_freepages_block(n, 44, MIGRATE_UNMOVABLE, &moved), RF_OK);
	CHECK_EQ(moved, 4);
	CHECK_LIST(n, 1, 2, MIGRATE_UNMOVABLE, 44);
	CHECK_LIST_EMPTY(n, 1, 2, MIGRATE_MOVABLE);
	CHECK_EQ(t_freepage_mt(n, 44), MIGRATE_UNMOVABLE);
	moved = SENTINEL;
	CHECK_NOTHING_CHANGES(n, rf_move_freepages_block(n, 47, MIGRATE_MOVABLE, &moved));
	CHECK_EQ(moved, 0);

	const unsigned long zone0_side[] = { 40, 41, 43 };

	for (size_t i = 0; i < 3; i++) {
		moved = SENTINEL;
		CHECK_NOTHING_CHANGES(n, rf_move_freepages_block(n, zone0_side[i],
								 MIGRATE_UNMOVABLE, &moved));
		CHECK_EQ(moved, 0);
	}
	CHECK_LIST(n, 0, 2, MIGRATE_MOVABLE, 40);
	CHECK_STATUS(rf_move_freepages(n, 0, 40, 43, MIGRATE_UNMOVABLE, &moved), RF_OK);
	CHECK_EQ(moved, 4);
	CHECK_LIST(n, 0, 2, MIGRATE_UNMOVABLE, 40);
	CHECK_LIST_EMPTY(n, 0, 2, MIGRATE_MOVABLE);

	CHECK_STATUS(rf_move_freepages_block(n, 37, MIGRATE_RECLAIMABLE, &moved), RF_OK);
	CHECK_EQ(moved, 8);
	CHECK_LIST(n, 0, 3, MIGRATE_RECLAIMABLE, 32);
	CHECK_STATUS(rf_move_freepages_block(n, 50, MIGRATE_RECLAIMABLE, &moved), RF_OK);
	CHECK_EQ(moved, 8);
	CHECK_LIST(n, 1, 3, MIGRATE_RECLAIMABLE, 48);

	CHECK_NR_FREE(n, 0, 0, 0, 1, 3);
	CHECK_NR_FREE(n, 1, 0, 0, 1, 4);
	CHECK_EQ(t_nr_free_pages(n, 0), 28);
	CHECK_EQ(t_nr_free_pages(n, 1), 36);
	for (unsigned long pfn = 16; pfn < 80; pfn += 8)
		CHECK_EQ(rf_pageblock_migratetype(n, pfn), MIGRATE_MOVABLE);
	rf_node_destroy(n);
}

/*
 * A pageblock straddling two zones has ONE type (SPARSEMEM: the bits belong
 * to the absolute pageblock), G2Z at boot.
 *
 * setup_zone_migrate_reserve(zone 0, 4) walks 16, 24, 32, 40: each is
 * MOVABLE and clean, so each becomes RESERVE; 16, 24, 32 have their blocks
 * moved, but for 40 move_freepages_block returns 0 (its end, 47, is in zone
 * 1), so zone 0's block 40 stays on the MOVABLE list.
 *
 *   pfn 16      24      32      40  44  48
 *       33333333 33333333 33333333 2222|2222 33333333 ...
 *   list S        S        S        M   |M    M
 *   pb   S        S        S        S        M
 *
 *   zone 0 free_list[3][RESERVE]: vanilla 32 24 16, v4 24 32 16.
 *
 * Zone 1 reads the same type for 44..47.  A zone-1 order-0 MOVABLE request
 * takes 44 (its only block below order 3) and leaves 46 (order 1) and 45
 * (order 0) on the MOVABLE lists; freeing 44 reads the pageblock type,
 * RESERVE: it merges with 45 and 46 into an order-2 block on zone 1's
 * RESERVE list (not with 40: another zone), freepage type RESERVE.
 *
 *   list S        S        S        M   |S    M
 *
 * move_freepages_block(44, MOVABLE) moves it back (4 pages) without
 * retyping: the pageblock is still RESERVE.  The other direction: isolating
 * the pageblock through pfn 44 works on its first pfn, 40, in zone 0 (the
 * one-pageblock calls take the pageblock's first pfn in the node, as the
 * kernel's callers do); move_freepages_block gives up there, the end being
 * in zone 1, so nothing moves -- yet both halves read ISOLATE; undoing it as
 * UNMOVABLE moves nothing either and makes both halves read UNMOVABLE.
 */
static void straddling_pageblock_shares_type(void)
{
	struct rf_node *n = two_zones();
	unsigned long moved = SENTINEL;

	if (!n)
		return;
	CHECK_STATUS(rf_setup_zone_migrate_reserve(n, 0, 4), RF_OK);
	for (unsigned long pfn = 16; pfn < 48; pfn++)
		CHECK_EQ(rf_pageblock_migratetype(n, pfn), MIGRATE_RESERVE);
	for (unsigned long pfn = 48; pfn < 80; pfn += 8)
		CHECK_EQ(rf_pageblock_migratetype(n, pfn), MIGRATE_MOVABLE);
	if (t_mode == RF_MODE_VANILLA)
		CHECK_LIST(n, 0, 3, MIGRATE_RESERVE, 32, 24, 16);
	else
		CHECK_LIST(n, 0, 3, MIGRATE_RESERVE, 24, 32, 16);
	CHECK_LIST(n, 0, 2, MIGRATE_MOVABLE, 40);
	CHECK_LIST(n, 1, 2, MIGRATE_MOVABLE, 44);
	CHECK_EQ(t_freepage_mt(n, 40), MIGRATE_MOVABLE);
	CHECK_EQ(t_nr_free_pages(n, 0), 28);

	CHECK_EQ(t_alloc(n, 1, 0, MIGRATE_MOVABLE), 44);
	CHECK_LIST(n, 1, 1, MIGRATE_MOVABLE, 46);
	CHECK_LIST(n, 1, 0, MIGRATE_MOVABLE, 45);
	CHECK_EQ(t_nr_free_pages(n, 1), 35);
	t_free(n, 44, 0);
	CHECK_LIST(n, 1, 2, MIGRATE_RESERVE, 44);
	CHECK_EQ(t_freepage_mt(n, 44), MIGRATE_RESERVE);
	for (unsigned int o = 0; o < 3; o++)
		CHECK_LIST_EMPTY(n, 1, o, MIGRATE_MOVABLE);
	CHECK_LIST(n, 0, 2, MIGRATE_MOVABLE, 40);
	CHECK_NR_FREE(n, 1, 0, 0, 1, 4);
	CHECK_EQ(t_nr_free_pages(n, 1), 36);

	CHECK_STATUS(rf_move_freepages_block(n, 44, MIGRATE_MOVABLE, &moved), RF_OK);
	CHECK_EQ(moved, 4);
	CHECK_LIST(n, 1, 2, MIGRATE_MOVABLE, 44);
	CHECK_EQ(rf_pageblock_migratetype(n, 40), MIGRATE_RESERVE);
	CHECK_EQ(rf_pageblock_migratetype(n, 44), MIGRATE_RESERVE);

	/*
	 * Isolation from pfn 44 works on the pageblock's first pfn, 40, in
	 * zone 0, as the kernel's callers pass __first_valid_page(): its end
	 * lies in zone 1, so move_freepages_block moves nothing -- neither 40
	 * nor zone 1's 44 -- yet the shared type becomes ISOLATE for both.
	 */
	CHECK_STATUS(rf_set_migratetype_isolate(n, 44), RF_OK);
	CHECK_EQ(rf_pageblock_migratetype(n, 40), MIGRATE_ISOLATE);
	CHECK_EQ(rf_pageblock_migratetype(n, 43), MIGRATE_ISOLATE);
	CHECK_LIST(n, 1, 2, MIGRATE_MOVABLE, 44);
	CHECK_LIST(n, 0, 2, MIGRATE_MOVABLE, 40);
	CHECK_EQ(t_nr_free_pages(n, 1), 36);
	CHECK_EQ(t_nr_free_pages(n, 0), 28);
	CHECK_STATUS(rf_unset_migratetype_isolate(n, 44, MIGRATE_UNMOVABLE), RF_OK);
	CHECK_EQ(rf_pageblock_migratetype(n, 40), MIGRATE_UNMOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 47), MIGRATE_UNMOVABLE);
	CHECK_LIST(n, 1, 2, MIGRATE_MOVABLE, 44);
	CHECK_LIST(n, 0, 2, MIGRATE_MOVABLE, 40);
	CHECK_EQ(t_nr_free_pages(n, 1), 36);
	CHECK_EQ(t_nr_free_pages(n, 0), 28);
	rf_node_destroy(n);
}

/*
 * Refusals, G2Z with pageblock 56 (zone 1) isolated first (block 56 on the
 * ISOLATE list, NR_FREE_PAGES of zone 1 36 -> 28).  Each call below names a
 * range holding free blocks, so an accepted call would change something;
 * each must return its status and change nothing at all:
 *   start > end                                  RF_EINVAL
 *   a pfn outside the node [16, 80)              RF_ERANGE
 *   a range crossing the zone boundary at 44     RF_EXDEV
 *   a bad migratetype, or ISOLATE (only isolation moves pages there, with
 *   its accounting), or a range over the isolated pageblock      RF_EINVAL
 *   a zone that does not exist                   RF_EINVAL
 * and for move_freepages_block a pfn outside the node (RF_ERANGE) and a bad
 * or ISOLATE type or an isolated pageblock (RF_EINVAL).  Then the positive
 * control: [16, 31] in zone 0 to UNMOVABLE moves 16 and 24, 16 pages.
 */
static void move_refusals(void)
{
	struct rf_node *n = two_zones();
	unsigned long moved = SENTINEL;
	const int bad_mt[] = { -1, MIGRATE_TYPES, MIGRATE_TYPES + 1, INT_MAX, MIGRATE_ISOLATE };

	if (!n)
		return;
	CHECK_STATUS(rf_set_migratetype_isolate(n, 56), RF_OK);
	CHECK_LIST(n, 1, 3, MIGRATE_ISOLATE, 56);
	CHECK_EQ(t_nr_free_pages(n, 1), 28);

	/* start > end (a one-pfn range, start == end, is valid). */
	CHECK_REFUSED(n, rf_move_freepages(n, 0, 24, 23, MIGRATE_UNMOVABLE, &moved), RF_EINVAL);
	CHECK_REFUSED(n, rf_move_freepages(n, 0, 17, 16, MIGRATE_UNMOVABLE, &moved), RF_EINVAL);
	CHECK_REFUSED(n, rf_move_freepages(n, 1, 79, 48, MIGRATE_RECLAIMABLE, &moved), RF_EINVAL);
	/* Outside the node, at either end. */
	CHECK_REFUSED(n, rf_move_freepages(n, 0, 15, 23, MIGRATE_UNMOVABLE, &moved), RF_ERANGE);
	CHECK_REFUSED(n, rf_move_freepages(n, 0, 0, 31, MIGRATE_UNMOVABLE, &moved), RF_ERANGE);
	CHECK_REFUSED(n, rf_move_freepages(n, 1, 64, 80, MIGRATE_UNMOVABLE, &moved), RF_ERANGE);
	CHECK_REFUSED(n, rf_move_freepages(n, 1, 80, 95, MIGRATE_UNMOVABLE, &moved), RF_ERANGE);
	CHECK_REFUSED(n, rf_move_freepages(n, 1, 64, ULONG_MAX, MIGRATE_UNMOVABLE, &moved),
		      RF_ERANGE);
	/* Crossing the zones, named by either zone. */
	CHECK_REFUSED(n, rf_move_freepages(n, 0, 40, 47, MIGRATE_UNMOVABLE, &moved), RF_EXDEV);
	CHECK_REFUSED(n, rf_move_freepages(n, 1, 40, 47, MIGRATE_UNMOVABLE, &moved), RF_EXDEV);
	CHECK_REFUSED(n, rf_move_freepages(n, 1, 43, 44, MIGRATE_UNMOVABLE, &moved), RF_EXDEV);
	CHECK_REFUSED(n, rf_move_freepages(n, 0, 16, 79, MIGRATE_RECLAIMABLE, &moved), RF_EXDEV);
	/* Bad types, ISOLATE included. */
	for (size_t i = 0; i < sizeof(bad_mt) / sizeof(bad_mt[0]); i++) {
		CHECK_REFUSED(n, rf_move_freepages(n, 0, 16, 31, bad_mt[i], &moved), RF_EINVAL);
		CHECK_REFUSED(n, rf_move_freepages(n, 1, 44, 55, bad_mt[i], NULL), RF_EINVAL);
		CHECK_REFUSED(n, rf_move_freepages_block(n, 24, bad_mt[i], &moved), RF_EINVAL);
	}
	/* Over the isolated pageblock. */
	CHECK_REFUSED(n, rf_move_freepages(n, 1, 48, 63, MIGRATE_MOVABLE, &moved), RF_EINVAL);
	CHECK_REFUSED(n, rf_move_freepages(n, 1, 60, 60, MIGRATE_UNMOVABLE, &moved), RF_EINVAL);
	CHECK_REFUSED(n, rf_move_freepages_block(n, 58, MIGRATE_MOVABLE, &moved), RF_EINVAL);
	/* No such zone. */
	CHECK_REFUSED(n, rf_move_freepages(n, 2, 16, 31, MIGRATE_UNMOVABLE, &moved), RF_EINVAL);
	CHECK_REFUSED(n, rf_move_freepages(n, RF_MAX_ZONES, 16, 31, MIGRATE_UNMOVABLE, &moved),
		      RF_EINVAL);
	CHECK_REFUSED(n, rf_move_freepages(n, UINT_MAX, 16, 31, MIGRATE_UNMOVABLE, &moved),
		      RF_EINVAL);
	/* move_freepages_block outside the node. */
	const unsigned long outside[] = { 0, 8, 15, 80, 88, ULONG_MAX };

	for (size_t i = 0; i < sizeof(outside) / sizeof(outside[0]); i++)
		CHECK_REFUSED(n, rf_move_freepages_block(n, outside[i], MIGRATE_UNMOVABLE, &moved),
			      RF_ERANGE);

	CHECK_STATUS(rf_move_freepages(n, 0, 16, 31, MIGRATE_UNMOVABLE, &moved), RF_OK);
	CHECK_EQ(moved, 16);
	CHECK_FREE(n, 16, 3, MIGRATE_UNMOVABLE);
	CHECK_FREE(n, 24, 3, MIGRATE_UNMOVABLE);
	rf_node_destroy(n);
}

static const struct t_case cases[] = {
	TEST(move_inside_block_headed_before, BOTH),
	TEST(move_block_reaching_past_end, BOTH),
	TEST(move_skips_holes_reserved_and_allocated, BOTH),
	TEST(move_sets_type_and_list_place, BOTH),
	TEST(move_counts_every_list, BOTH),
	TEST(move_everything_keeps_counters, BOTH),
	TEST(move_block_at_zone_boundary, BOTH),
	TEST(straddling_pageblock_shares_type, BOTH),
	TEST(move_refusals, BOTH),
	{ 0 },
};

int main(int argc, char **argv)
{
	return t_main(argc, argv, "move", cases);
}
