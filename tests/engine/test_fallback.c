// SPDX-License-Identifier: MIT
/*
 * __rmqueue_fallback: which block it takes (the largest order first, then the
 * fallback table's order, never RESERVE or ISOLATE lists), its steal rules
 * (3.11's inline steps / 3.12's try_to_steal_freepages; v4 patch 31), the
 * RESERVE retry of __rmqueue, and the rf_steal() entry point.
 *
 * Pictures: one character per pfn; a free block is drawn as its order digit
 * repeated over its pages, '#' is allocated, 'r' reserved.  The line below a
 * picture names the list each free block is on (U UNMOVABLE, R RECLAIMABLE,
 * M MOVABLE, S RESERVE, I ISOLATE), under the block's first pfn.
 *
 * Most tests use G128: 128 pages, MAX_ORDER 6 (top order 5, 32 pages),
 * pageblock_order 4 (16 pages), so
 *   - an order below pageblock_order/2 = 2 is "small" (orders 0 and 1),
 *   - claiming needs 1 << (pageblock_order-1) = 8 moved pages,
 *   - orders 4 and 5 are >= pageblock_order (order 5 covers two pageblocks),
 * 128 >= 16 * MIGRATE_TYPES managed pages keeps grouping by mobility on, and
 * one region of 128 pages makes v4 take the same pfns as vanilla: with a
 * single region no list ever has its head and tail in different regions, so
 * the region allocator never takes a region (patch 33).
 *
 * "Drained" below: every page allocated as order-0 MOVABLE (t_drain), then the
 * pages drawn free given back one by one; each free merges up with what is
 * already free, into the pageblock type's (MOVABLE) lists.
 */
#include "testlib.h"

/* Give back the order-0 pages [start, end) one by one, ascending. */
static void free_range(struct rf_node *n, unsigned long start, unsigned long end)
{
	for (unsigned long pfn = start; pfn < end; pfn++)
		t_free(n, pfn, 0);
}

/* The fallback's counters: blocks found, move_freepages_block runs, retypes. */
#define CHECK_STEALS(n, fallback, steal_block, retype)                         \
	do {                                                                   \
		struct rf_zone_stats st_ = t_stats(n);                         \
		CHECK_EQ(st_.nr_fallback, fallback);                           \
		CHECK_EQ(st_.nr_steal_block, steal_block);                     \
		CHECK_EQ(st_.nr_retype, retype);                               \
	} while (0)

static struct rf_geometry g128(void)
{
	return t_geo(6, 4, 7, 0, 128);
}

/* A G128 node with every page allocated; NULL (and a failure) otherwise. */
static struct rf_node *drained128(void)
{
	struct rf_geometry g = g128();
	struct rf_node *n = t_node(&g);

	if (!n)
		return NULL;
	CHECK(!rf_page_group_by_mobility_disabled(n));
	CHECK_EQ(t_drain(n), 128);
	CHECK_EQ(t_nr_free_pages(n, 0), 0);
	CHECK_EQ(t_stats(n).nr_alloc_fail, 1);	/* the drain's last, failing call */
	CHECK_STEALS(n, 0, 0, 0);
	return n;
}

/* ---- which block the fallback takes ---- */

/*
 * The largest order first, across the fallback types.  Drained G128, then
 * 2..3 freed and moved to the RECLAIMABLE list, and 36..39 freed (MOVABLE):
 *
 *   pfn  0               16       32              48
 *        ##11############ ...     ####2222########
 *          R                          M
 *
 * An UNMOVABLE order-0 request: UNMOVABLE's row is RECLAIMABLE, MOVABLE.
 * Expect the order-2 MOVABLE block 36, not the order-1 RECLAIMABLE block of
 * the type listed first: the outer loop is over orders, from the top.  The
 * steal (order 2 >= 2) moves pageblock 32 -- 4 pages, under 8, so it is not
 * claimed -- and the remainder, 38 (order 1) and 37 (order 0), goes to the
 * UNMOVABLE lists:
 *
 *        ##11############ ...     #####011########
 *          R                           UU
 */
static void fallback_takes_largest_order_first(void)
{
	struct rf_node *n = drained128();

	if (!n)
		return;
	free_range(n, 2, 4);
	CHECK_STATUS(rf_move_freepages(n, 0, 2, 3, MIGRATE_RECLAIMABLE, NULL), RF_OK);
	free_range(n, 36, 40);
	CHECK_FREE(n, 2, 1, MIGRATE_RECLAIMABLE);
	CHECK_FREE(n, 36, 2, MIGRATE_MOVABLE);

	CHECK_EQ(t_alloc(n, 0, 0, MIGRATE_UNMOVABLE), 36);
	CHECK(t_allocated_as(n, 36, 0, MIGRATE_UNMOVABLE));
	CHECK_LIST(n, 0, 1, MIGRATE_RECLAIMABLE, 2);
	CHECK_LIST_EMPTY(n, 0, 2, MIGRATE_MOVABLE);
	CHECK_LIST_EMPTY(n, 0, 2, MIGRATE_UNMOVABLE);
	CHECK_LIST(n, 0, 1, MIGRATE_UNMOVABLE, 38);
	CHECK_LIST(n, 0, 0, MIGRATE_UNMOVABLE, 37);
	CHECK_NR_FREE(n, 0, 1, 2, 0, 0, 0, 0);
	CHECK_EQ(t_nr_free_pages(n, 0), 5);
	CHECK_EQ(rf_pageblock_migratetype(n, 32), MIGRATE_MOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 0), MIGRATE_MOVABLE);
	CHECK_STEALS(n, 1, 1, 0);
	rf_node_destroy(n);
}

/*
 * At equal order the fallback table decides:
 *   UNMOVABLE   -> RECLAIMABLE, MOVABLE
 *   RECLAIMABLE -> UNMOVABLE, MOVABLE
 *   MOVABLE     -> RECLAIMABLE, UNMOVABLE
 * For each start type, drained G128 with two lone order-0 pages: 1 on the
 * list of the row's second type, 17 on the list of its first type.
 *
 *   pfn  0                16              32
 *        #0############## #0##############
 *         2nd              1st
 *
 * Expect the first request to take 17 (although 1 is the lower pfn), the
 * second 1, the third to find nothing at all.  Order 0 is small, so only a
 * RECLAIMABLE start moves the pageblock (1 page each time: never claimed).
 */
static void fallback_table_order_at_equal_order(void)
{
	static const int row[MIGRATE_PCPTYPES][2] = {
		[MIGRATE_UNMOVABLE] = { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE },
		[MIGRATE_RECLAIMABLE] = { MIGRATE_UNMOVABLE, MIGRATE_MOVABLE },
		[MIGRATE_MOVABLE] = { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE },
	};
	struct rf_node *n = drained128();
	unsigned long pfn;

	if (!n)
		return;
	for (int start = 0; start < MIGRATE_PCPTYPES; start++) {
		if (start) {
			rf_node_reset(n);
			CHECK_EQ(t_drain(n), 128);
		}
		t_free(n, 1, 0);
		t_free(n, 17, 0);
		CHECK_STATUS(rf_move_freepages(n, 0, 1, 1, row[start][1], NULL), RF_OK);
		CHECK_STATUS(rf_move_freepages(n, 0, 17, 17, row[start][0], NULL), RF_OK);
		CHECK_FREE(n, 1, 0, row[start][1]);
		CHECK_FREE(n, 17, 0, row[start][0]);

		CHECK_EQ(t_alloc(n, 0, 0, start), 17);
		CHECK_FREE(n, 1, 0, row[start][1]);
		CHECK_EQ(t_alloc(n, 0, 0, start), 1);
		CHECK_STATUS(rf_alloc_pages(n, 0, 0, start, &pfn), RF_ENOMEM);
		CHECK(t_allocated_as(n, 17, 0, start));
		CHECK(t_allocated_as(n, 1, 0, start));
		CHECK_NR_FREE(n, 0, 0, 0, 0, 0, 0, 0);
		CHECK_EQ(t_nr_free_pages(n, 0), 0);
		CHECK_EQ(t_stats(n).nr_alloc_fail, 2);	/* the drain's and this one */
		CHECK_STEALS(n, 2, start == MIGRATE_RECLAIMABLE ? 2 : 0, 0);
		CHECK_EQ(rf_pageblock_migratetype(n, 0), MIGRATE_MOVABLE);
		CHECK_EQ(rf_pageblock_migratetype(n, 16), MIGRATE_MOVABLE);
	}
	rf_node_destroy(n);
}

/*
 * RESERVE and ISOLATE lists are never raided.  Drained G128; 0..15 freed
 * (order 4), then made RESERVE by setup_zone_migrate_reserve(1); 32..47 freed
 * (order 4), then pageblock 32 isolated; 65 freed (order 0, MOVABLE).
 *
 *   pfn  0               16              32              48               64
 *        4444444444444444################4444444444444444################ #0###...
 *        S                               I                                 M
 *
 * Expect an UNMOVABLE order-0 request to take the MOVABLE order-0 page 65,
 * the fallback skipping the two order-4 blocks; then rf_steal for every start
 * type to find nothing (RF_ENOMEM), leaving both blocks where they are.
 */
static void fallback_never_raids_reserve_or_isolate(void)
{
	struct rf_node *n = drained128();
	unsigned long pfn = RF_NO_PFN;

	if (!n)
		return;
	free_range(n, 0, 16);
	free_range(n, 32, 48);
	t_free(n, 65, 0);
	CHECK_STATUS(rf_setup_zone_migrate_reserve(n, 0, 1), RF_OK);
	CHECK_STATUS(rf_set_migratetype_isolate(n, 32), RF_OK);
	CHECK_LIST(n, 0, 4, MIGRATE_RESERVE, 0);
	CHECK_LIST(n, 0, 4, MIGRATE_ISOLATE, 32);
	CHECK_EQ(t_nr_free_pages(n, 0), 17);	/* 33 freed, 16 isolated */

	CHECK_EQ(t_alloc(n, 0, 0, MIGRATE_UNMOVABLE), 65);
	CHECK_STEALS(n, 1, 0, 0);
	CHECK_STATUS(rf_steal(n, 0, 0, MIGRATE_UNMOVABLE, &pfn), RF_ENOMEM);
	CHECK_STATUS(rf_steal(n, 0, 0, MIGRATE_RECLAIMABLE, &pfn), RF_ENOMEM);
	CHECK_STATUS(rf_steal(n, 0, 4, MIGRATE_MOVABLE, &pfn), RF_ENOMEM);
	CHECK_EQ(pfn, RF_NO_PFN);
	CHECK_EQ(t_stats(n).nr_alloc_fail, 4);	/* the drain's and these three */
	CHECK_STEALS(n, 1, 0, 0);
	CHECK_LIST(n, 0, 4, MIGRATE_RESERVE, 0);
	CHECK_LIST(n, 0, 4, MIGRATE_ISOLATE, 32);
	CHECK_NR_FREE(n, 0, 0, 0, 0, 0, 2, 0);
	CHECK_EQ(rf_pageblock_migratetype(n, 0), MIGRATE_RESERVE);
	CHECK_EQ(rf_pageblock_migratetype(n, 32), MIGRATE_ISOLATE);
	CHECK_EQ(t_nr_free_pages(n, 0), 16);
	rf_node_destroy(n);
}

/* ---- the steal rules ---- */

/*
 * A small order: the block found is of order 1 < pageblock_order/2 and the
 * request is UNMOVABLE, so nothing is moved and nothing claimed.  Drained
 * G128, pageblock 16 holds an order-1 block and seven lone order-0 pages --
 * 9 free pages, enough to claim had they been moved:
 *
 *   pfn 16              32
 *       11#0#0#0#0#0#0#0        every other page allocated
 *       M  M M M M M M M
 *
 * Expect an UNMOVABLE order-0 request to take 16 (the only order-1 block:
 * orders are tried from the top) and its other half, 17, to go to the
 * UNMOVABLE list; 19..31 stay MOVABLE, pageblock 16 stays MOVABLE.
 *
 *       #0#0#0#0#0#0#0#0
 *        U M M M M M M M
 *
 * v4's expand gives 17 the freepage type UNMOVABLE; vanilla's leaves it
 * MOVABLE, as 17 was last freed into a MOVABLE pageblock.
 */
static void steal_small_order_moves_nothing(void)
{
	struct rf_node *n = drained128();

	if (!n)
		return;
	free_range(n, 16, 18);
	for (unsigned long pfn = 19; pfn < 32; pfn += 2)
		t_free(n, pfn, 0);
	CHECK_FREE(n, 16, 1, MIGRATE_MOVABLE);

	CHECK_EQ(t_alloc(n, 0, 0, MIGRATE_UNMOVABLE), 16);
	CHECK(t_allocated_as(n, 16, 0, MIGRATE_UNMOVABLE));
	CHECK_LIST_EMPTY(n, 0, 1, MIGRATE_MOVABLE);
	CHECK_LIST_EMPTY(n, 0, 1, MIGRATE_UNMOVABLE);
	CHECK_LIST(n, 0, 0, MIGRATE_UNMOVABLE, 17);
	for (unsigned long pfn = 19; pfn < 32; pfn += 2) {
		CHECK_FREE(n, pfn, 0, MIGRATE_MOVABLE);
		CHECK_EQ(t_freepage_mt(n, pfn), MIGRATE_MOVABLE);
	}
	CHECK_EQ(t_freepage_mt(n, 17),
		 t_mode == RF_MODE_V4 ? MIGRATE_UNMOVABLE : MIGRATE_MOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 16), MIGRATE_MOVABLE);
	CHECK_NR_FREE(n, 0, 8, 0, 0, 0, 0, 0);
	CHECK_EQ(t_nr_free_pages(n, 0), 8);
	CHECK_STEALS(n, 1, 0, 0);
	rf_node_destroy(n);
}

/*
 * Order >= pageblock_order/2, less than half the pageblock moved.  Drained
 * G128; pageblock 16 holds 20 (order 2), 26 (order 1), 29 (order 0) -- 7
 * pages, one short of 8 -- and 33, in the next pageblock, is free too:
 *
 *   pfn 16               32              48
 *       ####2222##11#0## #0##############
 *           M     M  M    M
 *
 * Expect an UNMOVABLE order-0 request to take 20, move_freepages_block to
 * move all three blocks of pageblock 16 (7 pages) to UNMOVABLE lists but not
 * 33, no claim in either mode, and 20's remainder, 22 (order 1) and 21
 * (order 0), to go to the UNMOVABLE lists ahead of the moved blocks:
 *
 *       #####011##11#0## #0##############
 *             UU  U  U    M
 *   free_list[1][UNMOVABLE] = 22, 26    free_list[0][UNMOVABLE] = 21, 29
 * (vanilla: heads of the lists; v4: before the run's tail, the first added).
 */
static void steal_moves_less_than_half(void)
{
	struct rf_node *n = drained128();

	if (!n)
		return;
	free_range(n, 20, 24);
	free_range(n, 26, 28);
	t_free(n, 29, 0);
	t_free(n, 33, 0);
	CHECK_FREE(n, 20, 2, MIGRATE_MOVABLE);
	CHECK_FREE(n, 26, 1, MIGRATE_MOVABLE);

	CHECK_EQ(t_alloc(n, 0, 0, MIGRATE_UNMOVABLE), 20);
	CHECK(t_allocated_as(n, 20, 0, MIGRATE_UNMOVABLE));
	CHECK_LIST_EMPTY(n, 0, 2, MIGRATE_MOVABLE);
	CHECK_LIST_EMPTY(n, 0, 2, MIGRATE_UNMOVABLE);
	CHECK_LIST_EMPTY(n, 0, 1, MIGRATE_MOVABLE);
	CHECK_LIST(n, 0, 1, MIGRATE_UNMOVABLE, 22, 26);
	CHECK_LIST(n, 0, 0, MIGRATE_UNMOVABLE, 21, 29);
	CHECK_LIST(n, 0, 0, MIGRATE_MOVABLE, 33);
	CHECK_EQ(t_freepage_mt(n, 26), MIGRATE_UNMOVABLE);
	CHECK_EQ(t_freepage_mt(n, 29), MIGRATE_UNMOVABLE);
	CHECK_EQ(t_freepage_mt(n, 33), MIGRATE_MOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 16), MIGRATE_MOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 32), MIGRATE_MOVABLE);
	CHECK_NR_FREE(n, 0, 3, 2, 0, 0, 0, 0);
	CHECK_EQ(t_nr_free_pages(n, 0), 7);
	CHECK_STEALS(n, 1, 1, 0);
	rf_node_destroy(n);
}

/*
 * Order >= pageblock_order/2, at least half moved.  Drained G128; pageblock
 * 16 holds two order-2 blocks, 20 and 24 (not buddies: 20's is 16, 24's 28),
 * exactly 8 pages.  Freed 20 first, so the MOVABLE order-2 list is 24, 20 in
 * both modes (vanilla: head insertion; v4: 24 linked before the tail, 20).
 *
 *   pfn 16              32
 *       ####22222222####
 *           M   M
 *
 * An UNMOVABLE order-1 request takes 24.  move_freepages_block moves 20 and
 * 24, 8 pages = 1 << (pageblock_order-1): vanilla claims pageblock 16 for
 * UNMOVABLE; v4 (patch 31) never retypes.  The remainder 26 (order 1) goes to
 * the UNMOVABLE list either way:
 *
 *       ####2222##11####
 *           U     U
 *
 * Then 24 is freed: it goes to its pageblock type's list -- vanilla
 * UNMOVABLE, v4 MOVABLE -- merging with 26 into an order-2 block at 24 (its
 * order-2 buddy, 28, is allocated).
 */
static void steal_claims_half_or_more(void)
{
	struct rf_node *n = drained128();

	if (!n)
		return;
	free_range(n, 20, 24);
	free_range(n, 24, 28);
	CHECK_LIST(n, 0, 2, MIGRATE_MOVABLE, 24, 20);

	CHECK_EQ(t_alloc(n, 0, 1, MIGRATE_UNMOVABLE), 24);
	CHECK(t_allocated_as(n, 24, 1, MIGRATE_UNMOVABLE));
	CHECK_LIST_EMPTY(n, 0, 2, MIGRATE_MOVABLE);
	CHECK_LIST(n, 0, 2, MIGRATE_UNMOVABLE, 20);
	CHECK_LIST(n, 0, 1, MIGRATE_UNMOVABLE, 26);
	CHECK_NR_FREE(n, 0, 0, 1, 1, 0, 0, 0);
	CHECK_EQ(t_nr_free_pages(n, 0), 6);
	if (t_mode == RF_MODE_VANILLA) {
		CHECK_EQ(rf_pageblock_migratetype(n, 16), MIGRATE_UNMOVABLE);
		CHECK_STEALS(n, 1, 1, 1);
	} else {
		CHECK_EQ(rf_pageblock_migratetype(n, 16), MIGRATE_MOVABLE);
		CHECK_STEALS(n, 1, 1, 0);
	}
	CHECK_EQ(rf_pageblock_migratetype(n, 0), MIGRATE_MOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 32), MIGRATE_MOVABLE);

	t_free(n, 24, 1);
	CHECK_LIST_EMPTY(n, 0, 1, MIGRATE_UNMOVABLE);
	if (t_mode == RF_MODE_VANILLA) {
		CHECK_LIST(n, 0, 2, MIGRATE_UNMOVABLE, 24, 20);
		CHECK_LIST_EMPTY(n, 0, 2, MIGRATE_MOVABLE);
	} else {
		CHECK_LIST(n, 0, 2, MIGRATE_UNMOVABLE, 20);
		CHECK_LIST(n, 0, 2, MIGRATE_MOVABLE, 24);
	}
	CHECK_NR_FREE(n, 0, 0, 0, 2, 0, 0, 0);
	CHECK_EQ(t_nr_free_pages(n, 0), 8);
	rf_node_destroy(n);
}

/*
 * A RECLAIMABLE request moves even at order 0.  Drained G128; 33 freed
 * first, then 17, 19, 21, all lone order-0 pages on the MOVABLE list:
 *
 *   pfn 16               32              48
 *       #0#0#0########## #0##############
 *        M M M            M
 *   free_list[0][MOVABLE]: vanilla 21, 19, 17, 33 (heads); v4 17, 19, 21, 33
 *   (each linked before the tail, 33)
 *
 * A RECLAIMABLE order-0 request finds order 0 only; RECLAIMABLE's row is
 * UNMOVABLE (empty), MOVABLE: it takes the list head -- vanilla 21, v4 17 --
 * and, although order 0 < pageblock_order/2, moves pageblock 16's free pages
 * (3, under 8: no claim) to RECLAIMABLE.  33, in pageblock 32, stays.
 *   free_list[0][RECLAIMABLE]: vanilla 19, 17 (moved 17, 19, 21 to the head,
 *   then 21 taken); v4 19, 21 (17 the run's tail, 19 and 21 before it, then
 *   17 taken).
 */
static void steal_reclaimable_order0_moves(void)
{
	struct rf_node *n = drained128();
	bool vanilla = t_mode == RF_MODE_VANILLA;

	if (!n)
		return;
	t_free(n, 33, 0);
	t_free(n, 17, 0);
	t_free(n, 19, 0);
	t_free(n, 21, 0);
	if (vanilla)
		CHECK_LIST(n, 0, 0, MIGRATE_MOVABLE, 21, 19, 17, 33);
	else
		CHECK_LIST(n, 0, 0, MIGRATE_MOVABLE, 17, 19, 21, 33);

	CHECK_EQ(t_alloc(n, 0, 0, MIGRATE_RECLAIMABLE), vanilla ? 21 : 17);
	CHECK(t_allocated_as(n, vanilla ? 21 : 17, 0, MIGRATE_RECLAIMABLE));
	if (vanilla)
		CHECK_LIST(n, 0, 0, MIGRATE_RECLAIMABLE, 19, 17);
	else
		CHECK_LIST(n, 0, 0, MIGRATE_RECLAIMABLE, 19, 21);
	CHECK_LIST(n, 0, 0, MIGRATE_MOVABLE, 33);
	CHECK_EQ(t_freepage_mt(n, 19), MIGRATE_RECLAIMABLE);
	CHECK_EQ(t_freepage_mt(n, 33), MIGRATE_MOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 16), MIGRATE_MOVABLE);
	CHECK_NR_FREE(n, 0, 3, 0, 0, 0, 0, 0);
	CHECK_EQ(t_nr_free_pages(n, 0), 3);
	CHECK_STEALS(n, 1, 1, 0);
	rf_node_destroy(n);
}

/*
 * Mobility grouping disabled.  32 pages, MAX_ORDER 5, pageblock_order 4,
 * one region; reserved [0, 21) and [24, 30) leave 5 managed pages, fewer than
 * 16 * MIGRATE_TYPES, so page_group_by_mobility_disabled is set (after the
 * pageblocks were made MOVABLE).  Boot leaves:
 *
 *   pfn 16              32
 *       rrrrr011rrrrrr11          pageblocks 0 and 16 MOVABLE
 *            MM       M
 *   free_list[1][MOVABLE] = 30, 22 (vanilla heads; v4 before the tail 22)
 *
 * A RECLAIMABLE order-0 request becomes UNMOVABLE (allocflags_to_migratetype).
 * The fallback takes 30, order 1 -- small -- yet with grouping disabled it
 * moves pageblock 16 (5 pages, under 8) to UNMOVABLE and, in vanilla, claims
 * it all the same (set_pageblock_migratetype, which would store UNMOVABLE
 * whatever it were asked); v4 moves without retyping.  31 goes to UNMOVABLE:
 *
 *       rrrrr011rrrrrr#0
 *            UU        U
 *   free_list[1][UNMOVABLE] = 22    free_list[0][UNMOVABLE] = 31, 21
 */
static void steal_mobility_disabled(void)
{
	struct rf_geometry g = t_geo(5, 4, 5, 0, 32);

	g.nr_reserved = 2;
	g.reserved[0] = (struct rf_pfn_range){ 0, 21 };
	g.reserved[1] = (struct rf_pfn_range){ 24, 30 };

	struct rf_node *n = t_node(&g);

	if (!n)
		return;
	CHECK(rf_page_group_by_mobility_disabled(n));
	CHECK_EQ(rf_pageblock_migratetype(n, 16), MIGRATE_MOVABLE);
	CHECK_LIST(n, 0, 0, MIGRATE_MOVABLE, 21);
	CHECK_LIST(n, 0, 1, MIGRATE_MOVABLE, 30, 22);

	CHECK_EQ(t_alloc(n, 0, 0, MIGRATE_RECLAIMABLE), 30);
	CHECK(t_allocated_as(n, 30, 0, MIGRATE_UNMOVABLE));
	for (unsigned int o = 0; o < 5; o++)
		CHECK_LIST_EMPTY(n, 0, o, MIGRATE_MOVABLE);
	CHECK_LIST_EMPTY(n, 0, 0, MIGRATE_RECLAIMABLE);
	CHECK_LIST(n, 0, 1, MIGRATE_UNMOVABLE, 22);
	CHECK_LIST(n, 0, 0, MIGRATE_UNMOVABLE, 31, 21);
	CHECK_EQ(t_freepage_mt(n, 21), MIGRATE_UNMOVABLE);
	CHECK_EQ(t_freepage_mt(n, 22), MIGRATE_UNMOVABLE);
	CHECK_NR_FREE(n, 0, 2, 1, 0, 0, 0);
	CHECK_EQ(t_nr_free_pages(n, 0), 4);
	if (t_mode == RF_MODE_VANILLA) {
		CHECK_EQ(rf_pageblock_migratetype(n, 16), MIGRATE_UNMOVABLE);
		CHECK_STEALS(n, 1, 1, 1);
	} else {
		CHECK_EQ(rf_pageblock_migratetype(n, 16), MIGRATE_MOVABLE);
		CHECK_STEALS(n, 1, 1, 0);
	}
	CHECK_EQ(rf_pageblock_migratetype(n, 0), MIGRATE_MOVABLE);
	rf_node_destroy(n);
}

/*
 * Orders >= pageblock_order.  Drained G128; 32..63 freed (order 5, covering
 * pageblocks 32 and 48), 80..95 freed (order 4, pageblock 80):
 *
 *   pfn 32                              64                              96
 *       55555555555555555555555555555555################4444444444444444
 *       M                                               M
 *
 * 1. An UNMOVABLE order-4 request: the fallback takes 32 at order 5.
 *    Vanilla (3.12 try_to_steal_freepages): change_pageblock_range retypes
 *    pageblocks 32 and 48 to UNMOVABLE, and nothing is moved.  v4 (patch
 *    31): move_freepages_block(32) -- which moves just 32 itself, whole --
 *    and no retype.  The remainder, 48 (order 4), goes to UNMOVABLE.
 *
 *       ################4444444444444444################4444444444444444
 *                       U                               M
 *
 * 2. A RECLAIMABLE order-0 request: RECLAIMABLE's row puts UNMOVABLE first,
 *    so at order 4 the fallback takes 48, not 80.  Vanilla retypes exactly
 *    pageblock 48 to RECLAIMABLE; v4 moves it and retypes nothing.  The
 *    remainder 56, 52, 50, 49 goes to the RECLAIMABLE lists.
 *
 *       #################011222233333333################4444444444444444
 *                        RR R   R                       M
 *
 * 3. 48 freed: it merges back to order 4 (its order-4 buddy 32 is allocated)
 *    on its pageblock type's list: vanilla RECLAIMABLE; v4 MOVABLE, where it
 *    is linked before the run's tail 80.
 */
static void steal_pageblock_order_and_above(void)
{
	struct rf_node *n = drained128();
	bool vanilla = t_mode == RF_MODE_VANILLA;

	if (!n)
		return;
	free_range(n, 32, 64);
	free_range(n, 80, 96);
	CHECK_LIST(n, 0, 5, MIGRATE_MOVABLE, 32);
	CHECK_LIST(n, 0, 4, MIGRATE_MOVABLE, 80);

	/* 1 */
	CHECK_EQ(t_alloc(n, 0, 4, MIGRATE_UNMOVABLE), 32);
	CHECK(t_allocated_as(n, 32, 4, MIGRATE_UNMOVABLE));
	CHECK_LIST_EMPTY(n, 0, 5, MIGRATE_MOVABLE);
	CHECK_LIST_EMPTY(n, 0, 5, MIGRATE_UNMOVABLE);
	CHECK_LIST(n, 0, 4, MIGRATE_UNMOVABLE, 48);
	CHECK_LIST(n, 0, 4, MIGRATE_MOVABLE, 80);
	CHECK_EQ(t_freepage_mt(n, 48), vanilla ? MIGRATE_MOVABLE : MIGRATE_UNMOVABLE);
	CHECK_NR_FREE(n, 0, 0, 0, 0, 0, 2, 0);
	CHECK_EQ(t_nr_free_pages(n, 0), 32);
	CHECK_EQ(rf_pageblock_migratetype(n, 32), vanilla ? MIGRATE_UNMOVABLE : MIGRATE_MOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 48), vanilla ? MIGRATE_UNMOVABLE : MIGRATE_MOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 16), MIGRATE_MOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 64), MIGRATE_MOVABLE);
	if (vanilla)
		CHECK_STEALS(n, 1, 0, 1);
	else
		CHECK_STEALS(n, 1, 1, 0);

	/* 2 */
	CHECK_EQ(t_alloc(n, 0, 0, MIGRATE_RECLAIMABLE), 48);
	CHECK(t_allocated_as(n, 48, 0, MIGRATE_RECLAIMABLE));
	CHECK_LIST_EMPTY(n, 0, 4, MIGRATE_UNMOVABLE);
	CHECK_LIST_EMPTY(n, 0, 4, MIGRATE_RECLAIMABLE);
	CHECK_LIST(n, 0, 4, MIGRATE_MOVABLE, 80);
	CHECK_LIST(n, 0, 3, MIGRATE_RECLAIMABLE, 56);
	CHECK_LIST(n, 0, 2, MIGRATE_RECLAIMABLE, 52);
	CHECK_LIST(n, 0, 1, MIGRATE_RECLAIMABLE, 50);
	CHECK_LIST(n, 0, 0, MIGRATE_RECLAIMABLE, 49);
	CHECK_NR_FREE(n, 0, 1, 1, 1, 1, 1, 0);
	CHECK_EQ(t_nr_free_pages(n, 0), 31);
	CHECK_EQ(rf_pageblock_migratetype(n, 32), vanilla ? MIGRATE_UNMOVABLE : MIGRATE_MOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 48), vanilla ? MIGRATE_RECLAIMABLE : MIGRATE_MOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 64), MIGRATE_MOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 80), MIGRATE_MOVABLE);
	if (vanilla)
		CHECK_STEALS(n, 2, 0, 2);
	else
		CHECK_STEALS(n, 2, 2, 0);

	/* 3 */
	t_free(n, 48, 0);
	for (unsigned int o = 0; o < 4; o++)
		CHECK_LIST_EMPTY(n, 0, o, MIGRATE_RECLAIMABLE);
	if (vanilla) {
		CHECK_LIST(n, 0, 4, MIGRATE_RECLAIMABLE, 48);
		CHECK_LIST(n, 0, 4, MIGRATE_MOVABLE, 80);
	} else {
		CHECK_LIST_EMPTY(n, 0, 4, MIGRATE_RECLAIMABLE);
		CHECK_LIST(n, 0, 4, MIGRATE_MOVABLE, 48, 80);
	}
	CHECK_NR_FREE(n, 0, 0, 0, 0, 0, 2, 0);
	CHECK_EQ(t_nr_free_pages(n, 0), 32);
	rf_node_destroy(n);
}

/* ---- the RESERVE retry ---- */

/*
 * 128 pages, MAX_ORDER 5, pageblock_order 4 (= MAX_ORDER-1), one region:
 * boot frees eight order-4 blocks, 0, 16, ..., 112.  setup_zone_migrate_reserve
 * with a quota of 1 makes pageblock 0 RESERVE and moves 0 to the RESERVE list.
 * Seven MOVABLE order-4 allocations then take every other block.
 *
 *   pfn  0               16
 *        4444444444444444################ ... ################  (16..127 allocated)
 *        S
 *
 * Expect rf_steal to find nothing for UNMOVABLE or MOVABLE (the fallback
 * stops at RESERVE).  An UNMOVABLE order-0 request falls through smallest and
 * fallback to the RESERVE retry: it splits 0, the halves going to the RESERVE
 * lists:
 *
 *        #0122223333333333
 *         SS S   S
 *
 * then a RECLAIMABLE order-1 request takes 2 the same way, and an order-4
 * request finds nothing.
 */
static void reserve_retry_after_other_types_exhausted(void)
{
	struct rf_geometry g = t_geo(5, 4, 7, 0, 128);
	struct rf_node *n = t_node(&g);
	unsigned long pfn = RF_NO_PFN;

	if (!n)
		return;
	CHECK_STATUS(rf_setup_zone_migrate_reserve(n, 0, 1), RF_OK);
	CHECK_LIST(n, 0, 4, MIGRATE_RESERVE, 0);
	for (unsigned int i = 0; i < 7; i++) {
		unsigned long got = t_alloc(n, 0, 4, MIGRATE_MOVABLE);

		CHECK(got != 0 && got != RF_NO_PFN && got % 16 == 0);
	}
	CHECK_LIST_EMPTY(n, 0, 4, MIGRATE_MOVABLE);
	CHECK_LIST(n, 0, 4, MIGRATE_RESERVE, 0);
	CHECK_EQ(t_nr_free_pages(n, 0), 16);

	CHECK_STATUS(rf_steal(n, 0, 0, MIGRATE_UNMOVABLE, &pfn), RF_ENOMEM);
	CHECK_STATUS(rf_steal(n, 0, 0, MIGRATE_MOVABLE, &pfn), RF_ENOMEM);
	CHECK_LIST(n, 0, 4, MIGRATE_RESERVE, 0);
	CHECK_EQ(t_stats(n).nr_reserve_alloc, 0);

	CHECK_EQ(t_alloc(n, 0, 0, MIGRATE_UNMOVABLE), 0);
	CHECK(t_allocated_as(n, 0, 0, MIGRATE_UNMOVABLE));
	CHECK_LIST_EMPTY(n, 0, 4, MIGRATE_RESERVE);
	CHECK_LIST(n, 0, 3, MIGRATE_RESERVE, 8);
	CHECK_LIST(n, 0, 2, MIGRATE_RESERVE, 4);
	CHECK_LIST(n, 0, 1, MIGRATE_RESERVE, 2);
	CHECK_LIST(n, 0, 0, MIGRATE_RESERVE, 1);
	CHECK_NR_FREE(n, 0, 1, 1, 1, 1, 0);
	CHECK_EQ(t_stats(n).nr_reserve_alloc, 1);
	CHECK_STEALS(n, 0, 0, 0);
	CHECK_EQ(t_nr_free_pages(n, 0), 15);

	CHECK_EQ(t_alloc(n, 0, 1, MIGRATE_RECLAIMABLE), 2);
	CHECK_LIST_EMPTY(n, 0, 1, MIGRATE_RESERVE);
	CHECK_EQ(t_stats(n).nr_reserve_alloc, 2);
	CHECK_STATUS(rf_alloc_pages(n, 0, 4, MIGRATE_UNMOVABLE, &pfn), RF_ENOMEM);
	CHECK_EQ(t_stats(n).nr_reserve_alloc, 2);
	CHECK_EQ(t_stats(n).nr_alloc_fail, 3);
	CHECK_STEALS(n, 0, 0, 0);
	CHECK_EQ(rf_pageblock_migratetype(n, 0), MIGRATE_RESERVE);
	CHECK_EQ(t_nr_free_pages(n, 0), 13);
	rf_node_destroy(n);
}

/* ---- rf_steal ---- */

/*
 * Drained G128; 2..3 freed and moved to UNMOVABLE, 16..31 freed (order 4,
 * MOVABLE):
 *
 *   pfn  0               16              32
 *        ##11############4444444444444444
 *          U             M
 *
 * rf_steal runs the fallback only where __rmqueue would: expect RF_EINVAL,
 * nothing changed, for UNMOVABLE at order 0 and 1 (UNMOVABLE has an order-1
 * block), for MOVABLE at order 0 and 4 (MOVABLE has an order-4 block), and
 * for a bad order, type or zone.  UNMOVABLE at order 2 is allowed: expect
 * exactly the state an order-2 UNMOVABLE allocation leaves on a twin node --
 * 16 taken at order 4 (vanilla retypes pageblock 16; v4 moves it), 24
 * (order 3) and 20 (order 2) on the UNMOVABLE lists.
 */
static void steal_refused_while_own_type_has_block(void)
{
	struct rf_node *n = drained128();
	struct rf_node *twin = drained128();
	unsigned long pfn = RF_NO_PFN;

	if (!n || !twin) {
		rf_node_destroy(n);
		rf_node_destroy(twin);
		return;
	}
	for (int i = 0; i < 2; i++) {
		struct rf_node *m = i ? twin : n;

		free_range(m, 2, 4);
		CHECK_STATUS(rf_move_freepages(m, 0, 2, 3, MIGRATE_UNMOVABLE, NULL), RF_OK);
		free_range(m, 16, 32);
	}
	CHECK_REFUSED(n, rf_steal(n, 0, 1, MIGRATE_UNMOVABLE, &pfn), RF_EINVAL);
	CHECK_REFUSED(n, rf_steal(n, 0, 0, MIGRATE_UNMOVABLE, &pfn), RF_EINVAL);
	CHECK_REFUSED(n, rf_steal(n, 0, 0, MIGRATE_MOVABLE, &pfn), RF_EINVAL);
	CHECK_REFUSED(n, rf_steal(n, 0, 4, MIGRATE_MOVABLE, &pfn), RF_EINVAL);
	CHECK_REFUSED(n, rf_steal(n, 0, 6, MIGRATE_UNMOVABLE, &pfn), RF_EINVAL);
	CHECK_REFUSED(n, rf_steal(n, 0, 2, MIGRATE_RESERVE, &pfn), RF_EINVAL);
	CHECK_REFUSED(n, rf_steal(n, 0, 2, MIGRATE_ISOLATE, &pfn), RF_EINVAL);
	CHECK_REFUSED(n, rf_steal(n, 0, 2, -1, &pfn), RF_EINVAL);
	CHECK_REFUSED(n, rf_steal(n, 1, 2, MIGRATE_UNMOVABLE, &pfn), RF_EINVAL);
	CHECK_EQ(pfn, RF_NO_PFN);

	CHECK_STATUS(rf_steal(n, 0, 2, MIGRATE_UNMOVABLE, &pfn), RF_OK);
	CHECK_EQ(pfn, 16);
	CHECK_EQ(t_alloc(twin, 0, 2, MIGRATE_UNMOVABLE), 16);

	struct t_snapshot *a = t_snap(n), *b = t_snap(twin);

	t_snap_same(a, b, __FILE__, __LINE__);
	t_snap_free(a);
	t_snap_free(b);

	CHECK(t_allocated_as(n, 16, 2, MIGRATE_UNMOVABLE));
	CHECK_LIST_EMPTY(n, 0, 4, MIGRATE_MOVABLE);
	CHECK_LIST_EMPTY(n, 0, 4, MIGRATE_UNMOVABLE);
	CHECK_LIST(n, 0, 3, MIGRATE_UNMOVABLE, 24);
	CHECK_LIST(n, 0, 2, MIGRATE_UNMOVABLE, 20);
	CHECK_LIST(n, 0, 1, MIGRATE_UNMOVABLE, 2);
	CHECK_NR_FREE(n, 0, 0, 1, 1, 1, 0, 0);
	CHECK_EQ(t_nr_free_pages(n, 0), 14);
	CHECK_EQ(rf_pageblock_migratetype(n, 16),
		 t_mode == RF_MODE_VANILLA ? MIGRATE_UNMOVABLE : MIGRATE_MOVABLE);
	if (t_mode == RF_MODE_VANILLA)
		CHECK_STEALS(n, 1, 0, 1);
	else
		CHECK_STEALS(n, 1, 1, 0);
	CHECK_EQ(t_stats(n).nr_alloc_fail, 1);	/* the drain's only: refusals do not count */
	rf_node_destroy(n);
	rf_node_destroy(twin);
}

/*
 * v4: rf_steal is refused while the region allocator holds a region, as
 * __rmqueue would hand a region out instead.  48 pages, MAX_ORDER 4,
 * pageblocks of 4, regions of 16 (as in test_region_allocator): boot leaves
 * region 0 on the MOVABLE list and regions 1 and 2 in the RA.
 *
 *   pfn  0       8       16      24      32      40      48
 *        33333333 33333333|RRRRRRRR RRRRRRRR|RRRRRRRR RRRRRRRR
 *        free_list[3][MOVABLE] = 8, 0
 *
 * Expect RF_EINVAL, nothing changed, while the RA holds both regions and
 * while it still holds region 1 after region 2 was handed out (to MOVABLE).
 * Once region 1 is handed out too, the fallback runs: it takes the MOVABLE
 * list's head, 8 (order 3 >= pageblock_order/2: pageblock 8 moved, not
 * retyped), and leaves 12, 10, 9 on the UNMOVABLE lists.
 */
static void steal_refused_while_region_allocator_holds(void)
{
	struct rf_geometry g = t_geo(4, 2, 4, 0, 48);
	struct rf_node *n = t_node(&g);
	unsigned long pfn = RF_NO_PFN;

	if (!n)
		return;
	CHECK_EQ(rf_ra_lowest_region(n, 0), 1);
	CHECK_REFUSED(n, rf_steal(n, 0, 0, MIGRATE_UNMOVABLE, &pfn), RF_EINVAL);
	CHECK_STATUS(rf_del_from_region_allocator(n, 0, 2, MIGRATE_MOVABLE), RF_OK);
	CHECK_EQ(rf_ra_lowest_region(n, 0), 1);
	CHECK_REFUSED(n, rf_steal(n, 0, 0, MIGRATE_UNMOVABLE, &pfn), RF_EINVAL);
	CHECK_REFUSED(n, rf_steal(n, 0, 0, MIGRATE_RECLAIMABLE, &pfn), RF_EINVAL);
	CHECK_EQ(pfn, RF_NO_PFN);
	CHECK_STATUS(rf_del_from_region_allocator(n, 0, 1, MIGRATE_MOVABLE), RF_OK);
	CHECK_EQ(rf_ra_lowest_region(n, 0), -1);
	CHECK_EQ(t_stats(n).nr_fallback, 0);
	CHECK_EQ(t_stats(n).nr_ra_request, 2);
	CHECK_EQ(t_stats(n).nr_ra_handout, 2);

	CHECK_STATUS(rf_steal(n, 0, 0, MIGRATE_UNMOVABLE, &pfn), RF_OK);
	CHECK_EQ(pfn, 8);
	CHECK(t_allocated_as(n, 8, 0, MIGRATE_UNMOVABLE));
	CHECK_LIST_EMPTY(n, 0, 3, MIGRATE_UNMOVABLE);
	CHECK_LIST(n, 0, 2, MIGRATE_UNMOVABLE, 12);
	CHECK_LIST(n, 0, 1, MIGRATE_UNMOVABLE, 10);
	CHECK_LIST(n, 0, 0, MIGRATE_UNMOVABLE, 9);
	CHECK_EQ(rf_pageblock_migratetype(n, 8), MIGRATE_MOVABLE);
	CHECK_STEALS(n, 1, 1, 0);
	CHECK_EQ(t_nr_free_pages(n, 0), 47);
	rf_node_destroy(n);
}

static const struct t_case cases[] = {
	TEST(fallback_takes_largest_order_first, BOTH),
	TEST(fallback_table_order_at_equal_order, BOTH),
	TEST(fallback_never_raids_reserve_or_isolate, BOTH),
	TEST(steal_small_order_moves_nothing, BOTH),
	TEST(steal_moves_less_than_half, BOTH),
	TEST(steal_claims_half_or_more, BOTH),
	TEST(steal_reclaimable_order0_moves, BOTH),
	TEST(steal_mobility_disabled, BOTH),
	TEST(steal_pageblock_order_and_above, BOTH),
	TEST(reserve_retry_after_other_types_exhausted, BOTH),
	TEST(steal_refused_while_own_type_has_block, BOTH),
	TEST(steal_refused_while_region_allocator_holds, V4),
	{ 0 },
};

int main(int argc, char **argv)
{
	return t_main(argc, argv, "fallback", cases);
}
