// SPDX-License-Identifier: MIT
/*
 * Boot state, splitting, merging and the vanilla tail rule.
 *
 * Pictures: one character per pfn; a free block is drawn as its order digit
 * repeated over its pages, '#' is allocated, 'x' a hole, 'r' reserved.
 */
#include "testlib.h"

/*
 * 32 pages, MAX_ORDER 4, pageblocks of 4, regions of 8.  Boot frees the
 * node as order-3 chunks at 0, 8, 16, 24, ascending.
 *
 *   pfn  0       8       16      24      32
 *        33333333333333333333333333333333
 *
 * Expect, vanilla: every chunk at the head of the MOVABLE order-3 list, so
 * the list reads 24, 16, 8, 0.  v4: region 0 stays on the list as the cache;
 * regions 1-3 each became wholly free on a list that already held another
 * region, so they went to the region allocator as soon as they were freed.
 */
static void boot_state(void)
{
	struct rf_geometry g = t_geo(4, 2, 3, 0, 32);
	struct rf_node *n = t_node(&g);

	if (!n)
		return;
	CHECK_EQ(t_nr_free_pages(n, 0), 32);
	CHECK_EQ(t_free_pages(n, 0), 32);
	CHECK(!rf_page_group_by_mobility_disabled(n));
	for (unsigned long pfn = 0; pfn < 32; pfn += 4)
		CHECK_EQ(rf_pageblock_migratetype(n, pfn), MIGRATE_MOVABLE);
	if (t_mode == RF_MODE_VANILLA) {
		CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 24, 16, 8, 0);
		CHECK_EQ(rf_nr_free(n, 0, 3), 4);
	} else {
		CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 0);
		CHECK_EQ(rf_nr_free(n, 0, 3), 1);
		CHECK_EQ(rf_ra_lowest_region(n, 0), 1);
		for (unsigned int r = 1; r < 4; r++)
			CHECK(rf_ra_bitmap_bit(n, 0, r));
	}
	for (unsigned int o = 0; o < 3; o++)
		CHECK_EQ(rf_nr_free(n, 0, o), 0);
	rf_node_destroy(n);
}

/*
 * Boot frees a range as __free_pages_memory did: single pages up to a
 * 64-page boundary, order-6 chunks, then single pages -- each merging with
 * what is already free.  A node at pfn 60 of 72 pages, MAX_ORDER 11:
 *
 *   pfn 60  64                                                      128  132
 *       0000666666...(order-6 chunk at 64)...6666666666666666666666666 0000
 *
 * Expect 60..63 to have merged into one order-2 block at 60, the chunk at 64
 * to be an order-6 block (its buddy at 0 is outside the node), and 128..131
 * an order-2 block at 128 (the order-2 buddy 132 is outside the node).
 */
static void boot_chunks(void)
{
	struct rf_geometry g = t_geo(11, 8, 10, 60, 72);
	struct rf_node *n = t_node(&g);

	if (!n)
		return;
	CHECK_FREE(n, 60, 2, MIGRATE_UNMOVABLE);	/* partial leading pageblock */
	CHECK_FREE(n, 64, 6, MIGRATE_UNMOVABLE);
	CHECK_FREE(n, 128, 2, MIGRATE_UNMOVABLE);
	CHECK_EQ(t_nr_free_pages(n, 0), 72);
	rf_node_destroy(n);
}

/*
 * A node at pfn 2 (not pageblock-aligned): memmap_init_zone types only the
 * pageblocks whose first pfn is in the zone, so the partial pageblock [0, 4)
 * keeps the zeroed type, UNMOVABLE, and its free pages go to UNMOVABLE lists.
 *
 *   pfn  0 2   4       8 ...
 *        ..11 2222 ...        (pageblocks of 4: [0,4) UNMOVABLE, rest MOVABLE)
 */
static void boot_partial_pageblock(void)
{
	struct rf_geometry g = t_geo(4, 2, 4, 2, 30);
	struct rf_node *n = t_node(&g);

	if (!n)
		return;
	CHECK_EQ(rf_pageblock_migratetype(n, 2), MIGRATE_UNMOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 4), MIGRATE_MOVABLE);
	CHECK_FREE(n, 2, 1, MIGRATE_UNMOVABLE);
	CHECK_FREE(n, 4, 2, MIGRATE_MOVABLE);
	CHECK_FREE(n, 8, 3, MIGRATE_MOVABLE);
	rf_node_destroy(n);
}

/*
 * Splitting at every order.  16 pages, one region, MAX_ORDER 4: boot leaves
 * two order-3 blocks, 8 on top of 0 (in v4 too: the second block of a run
 * goes before the run's tail).
 *
 *   pfn  0       8      16
 *        33333333 33333333      free_list[3][MOVABLE]: 8, 0
 *
 * Allocating order k takes the block at 8 and leaves 8 + 2^j free at each
 * order j from k to 2, e.g. for k = 0:  ######## #0122222
 */
static void split_every_order(void)
{
	for (unsigned int k = 0; k < 4; k++) {
		struct rf_geometry g = t_geo(4, 1, 4, 0, 16);
		struct rf_node *n = t_node(&g);

		if (!n)
			return;
		CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 8, 0);
		CHECK_EQ(t_alloc(n, 0, k, MIGRATE_MOVABLE), 8);
		for (unsigned int j = k; j < 3; j++) {
			CHECK_FREE(n, 8 + (1UL << j), j, MIGRATE_MOVABLE);
			CHECK_EQ(rf_nr_free(n, 0, j), 1);
		}
		CHECK_EQ(rf_nr_free(n, 0, 3), 1);
		CHECK_EQ(t_nr_free_pages(n, 0), 16 - (1L << k));

		/* Freeing it merges all the way back up. */
		t_free(n, 8, k);
		CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 8, 0);
		for (unsigned int j = 0; j < 3; j++)
			CHECK_EQ(rf_nr_free(n, 0, j), 0);
		CHECK_EQ(t_nr_free_pages(n, 0), 16);
		rf_node_destroy(n);
	}
}

/*
 * The largest geometry: MAX_ORDER 11, one 2048-page node: boot leaves two
 * order-10 blocks; an order-k allocation splits 1024 down to k.
 */
static void split_max_order_11(void)
{
	struct rf_geometry g = t_geo(11, 8, 11, 0, 2048);
	struct rf_node *n = t_node(&g);

	if (!n)
		return;
	CHECK_LIST(n, 0, 10, MIGRATE_MOVABLE, 1024, 0);
	CHECK_EQ(t_alloc(n, 0, 0, MIGRATE_MOVABLE), 1024);
	for (unsigned int j = 0; j < 10; j++)
		CHECK_FREE(n, 1024 + (1UL << j), j, MIGRATE_MOVABLE);
	CHECK_EQ(t_alloc(n, 0, 10, MIGRATE_MOVABLE), 0);
	CHECK_EQ(t_nr_free_pages(n, 0), 1023);
	t_free(n, 0, 10);
	t_free(n, 1024, 0);
	CHECK_LIST(n, 0, 10, MIGRATE_MOVABLE, 1024, 0);
	CHECK_EQ(t_nr_free_pages(n, 0), 2048);
	rf_node_destroy(n);
}

/*
 * The smallest MAX_ORDER: 2 (orders 0 and 1).  Boot frees order-1 chunks
 * (the order-6 chunk clamped to MAX_ORDER-1) that cannot merge further.
 *
 *   pfn  0 2 4 6 8 ...14 16
 *        1111111111111111
 *
 * Expect vanilla to list them newest first, 14 .. 0; v4 keeps one run whose
 * tail is the first block freed: 2, 4, ..., 14, 0.
 */
static void small_max_order(void)
{
	struct rf_geometry g = t_geo(2, 1, 4, 0, 16);
	struct rf_node *n = t_node(&g);

	if (!n)
		return;
	if (t_mode == RF_MODE_VANILLA)
		CHECK_LIST(n, 0, 1, MIGRATE_MOVABLE, 14, 12, 10, 8, 6, 4, 2, 0);
	else
		CHECK_LIST(n, 0, 1, MIGRATE_MOVABLE, 2, 4, 6, 8, 10, 12, 14, 0);

	unsigned long first = t_mode == RF_MODE_VANILLA ? 14 : 2;

	CHECK_EQ(t_alloc(n, 0, 0, MIGRATE_MOVABLE), first);
	CHECK_FREE(n, first + 1, 0, MIGRATE_MOVABLE);
	CHECK_EQ(t_alloc(n, 0, 0, MIGRATE_MOVABLE), first + 1);
	t_free(n, first, 0);
	CHECK_FREE(n, first, 0, MIGRATE_MOVABLE);
	t_free(n, first + 1, 0);
	CHECK_FREE(n, first, 1, MIGRATE_MOVABLE);
	CHECK_EQ(rf_nr_free(n, 0, 0), 0);
	CHECK_EQ(rf_nr_free(n, 0, 1), 8);
	rf_node_destroy(n);
}

/*
 * Merging stops at a buddy that is not free, and ignores migratetypes.
 * Everything allocated, then 4 and 5 freed, then 7:
 *
 *   pfn  0   4   8
 *        ####00#0########     4,5 merge into an order-1 block at 4;
 *                             7 stays order 0 (its buddy 6 is allocated).
 *
 * Then 5's list is changed by hand (move_freepages to RECLAIMABLE) and 6 is
 * freed: it merges with 7, then with the RECLAIMABLE block at 4, into an
 * order-2 block on the MOVABLE list.
 */
static void merge_stops_and_ignores_type(void)
{
	struct rf_geometry g = t_geo(4, 1, 4, 0, 16);
	struct rf_node *n = t_node(&g);

	if (!n)
		return;
	CHECK_EQ(t_drain(n), 16);
	t_free(n, 4, 0);
	t_free(n, 5, 0);
	t_free(n, 7, 0);
	CHECK_FREE(n, 4, 1, MIGRATE_MOVABLE);
	CHECK_FREE(n, 7, 0, MIGRATE_MOVABLE);
	CHECK_STATUS(rf_move_freepages(n, 0, 4, 5, MIGRATE_RECLAIMABLE, NULL), RF_OK);
	CHECK_FREE(n, 4, 1, MIGRATE_RECLAIMABLE);
	t_free(n, 6, 0);
	CHECK_FREE(n, 4, 2, MIGRATE_MOVABLE);
	CHECK_LIST_EMPTY(n, 0, 1, MIGRATE_RECLAIMABLE);
	CHECK_EQ(rf_nr_free(n, 0, 0), 0);
	CHECK_EQ(rf_nr_free(n, 0, 1), 0);
	CHECK_EQ(rf_nr_free(n, 0, 2), 1);
	CHECK_EQ(t_nr_free_pages(n, 0), 4);
	rf_node_destroy(n);
}

/*
 * Merging never crosses a zone boundary.  Two zones, [0, 6) and [6, 16):
 * freeing 4..5 and 6..7 gives two order-1 blocks that are buddies by pfn
 * but live in different zones.
 *
 *   pfn  0     6         16
 *        ####11|11########
 */
static void merge_stops_at_zone_boundary(void)
{
	struct rf_geometry g = t_geo(4, 1, 4, 0, 16);

	g.nr_zones = 2;
	g.zone_start_pfn[1] = 6;

	struct rf_node *n = t_node(&g);

	if (!n)
		return;
	t_drain(n);
	t_free(n, 4, 0);
	t_free(n, 5, 0);
	t_free(n, 6, 0);
	t_free(n, 7, 0);
	CHECK_FREE(n, 4, 1, MIGRATE_MOVABLE);
	CHECK_FREE(n, 6, 1, MIGRATE_MOVABLE);
	CHECK_EQ(t_nr_free_pages(n, 0), 2);
	CHECK_EQ(t_nr_free_pages(n, 1), 2);
	rf_node_destroy(n);
}

/*
 * The vanilla tail rule.  Everything allocated, then 8, 2, 3 freed:
 *
 *   pfn  0   4   8  12  16
 *        ##11####0#######      2,3 merged into an order-1 block at 2
 *
 * Freeing 0: its buddy 1 is allocated, but its parent [0,2)'s buddy [2,4)
 * is a free order-1 block, so 0 is likely to merge soon and goes to the
 * tail.  Freeing 12 (parent's buddy [14,16) allocated) goes to the head.
 *
 * Expect vanilla: free_list[0] = 12, 8, 0.  v4 has no tail rule; one
 * region's run gets each block just before its tail (the first, 8): 0, 12, 8.
 */
static void tail_rule(void)
{
	struct rf_geometry g = t_geo(4, 1, 4, 0, 16);
	struct rf_node *n = t_node(&g);

	if (!n)
		return;
	t_drain(n);
	t_free(n, 8, 0);
	t_free(n, 2, 0);
	t_free(n, 3, 0);
	CHECK_FREE(n, 2, 1, MIGRATE_MOVABLE);
	t_free(n, 0, 0);
	t_free(n, 12, 0);
	if (t_mode == RF_MODE_VANILLA)
		CHECK_LIST(n, 0, 0, MIGRATE_MOVABLE, 12, 8, 0);
	else
		CHECK_LIST(n, 0, 0, MIGRATE_MOVABLE, 0, 12, 8);
	rf_node_destroy(n);
}

/*
 * The tail rule applies only below MAX_ORDER-2.  32 pages, MAX_ORDER 4:
 * an order-2 block at 16 (its buddy 20 allocated) freed first, then an
 * order-2 block at 0 whose parent's buddy [8,16) is a free order-3 block.
 *
 *   pfn  0   4   8       16  20      32
 *        2222####33333333 2222########
 *
 * Order 2 is MAX_ORDER-2, so 0 goes to the head: 0, 16.
 */
static void tail_rule_order_limit(void)
{
	struct rf_geometry g = t_geo(4, 2, 5, 0, 32);
	struct rf_node *n = t_node(&g);

	if (!n)
		return;
	t_drain(n);
	for (unsigned long pfn = 8; pfn < 16; pfn++)
		t_free(n, pfn, 0);
	for (unsigned long pfn = 16; pfn < 20; pfn++)
		t_free(n, pfn, 0);
	for (unsigned long pfn = 0; pfn < 4; pfn++)
		t_free(n, pfn, 0);
	CHECK_FREE(n, 8, 3, MIGRATE_MOVABLE);
	/* v4 gets the same order from its sorting: 0 goes before the run's tail 16. */
	CHECK_LIST(n, 0, 2, MIGRATE_MOVABLE, 0, 16);
	rf_node_destroy(n);
}

/* Holes and reserved pages are never free and never merged across. */
static void holes_and_reserved(void)
{
	struct rf_geometry g = t_geo(4, 2, 5, 0, 32);

	g.nr_holes = 1;
	g.holes[0] = (struct rf_pfn_range){ 4, 6 };
	g.nr_reserved = 1;
	g.reserved[0] = (struct rf_pfn_range){ 9, 10 };

	struct rf_node *n = t_node(&g);
	struct rf_zone_info zi;

	if (!n)
		return;
	/*
	 *   pfn  0   4   8   12  16      24      32
	 *        2222xx11 1r2222 33333333 33333333
	 */
	CHECK_FREE(n, 0, 2, MIGRATE_MOVABLE);
	CHECK_FREE(n, 6, 1, MIGRATE_MOVABLE);
	CHECK_FREE(n, 8, 0, MIGRATE_MOVABLE);
	CHECK_FREE(n, 10, 1, MIGRATE_MOVABLE);
	CHECK_FREE(n, 12, 2, MIGRATE_MOVABLE);
	CHECK_FREE(n, 16, 3, MIGRATE_MOVABLE);
	CHECK_FREE(n, 24, 3, MIGRATE_MOVABLE);
	rf_zone_info(n, 0, &zi);
	CHECK_EQ(zi.present_pages, 30);
	CHECK_EQ(zi.managed_pages, 29);
	CHECK_EQ(zi.nr_free_pages, 29);
	CHECK_EQ(t_drain(n), 29);
	rf_node_destroy(n);
}

static const struct t_case cases[] = {
	TEST(boot_state, BOTH),
	TEST(boot_chunks, BOTH),
	TEST(boot_partial_pageblock, BOTH),
	TEST(split_every_order, BOTH),
	TEST(split_max_order_11, BOTH),
	TEST(small_max_order, BOTH),
	TEST(merge_stops_and_ignores_type, BOTH),
	TEST(merge_stops_at_zone_boundary, BOTH),
	TEST(tail_rule, BOTH),
	TEST(tail_rule_order_limit, BOTH),
	TEST(holes_and_reserved, BOTH),
	{ 0 },
};

int main(int argc, char **argv)
{
	return t_main(argc, argv, "buddy", cases);
}
