// SPDX-License-Identifier: MIT
/*
 * v4 region allocator (patches 16-33), and the two seed patches:
 * rmqueue-region-allocator (26) and move_freepages-region-allocator (30).
 *
 * Most tests use 48 pages, MAX_ORDER 4 (top blocks of 8), pageblocks of 4
 * and regions of 16: two top blocks per region.  Boot frees 0, 8, ..., 40 as
 * order-3 chunks, ascending.  Region 0 completes first but is the only region
 * on the MOVABLE list, so it stays (patch 33's cache); regions 1 and 2 each
 * complete on a list that holds region 0 too, and leave for the RA:
 *
 *   pfn  0       8       16      24      32      40      48
 *        33333333 33333333|RRRRRRRR RRRRRRRR|RRRRRRRR RRRRRRRR
 *        free_list[3][MOVABLE] = 8, 0      RA: r1 = 24, 16; r2 = 40, 32
 *
 * ('R': held by the RA.)  An RA list is the run in list order: the part cut
 * in one piece, then the run's tail.
 */
#include "testlib.h"

static struct rf_node *boot48(void)
{
	struct rf_geometry g = t_geo(4, 2, 4, 0, 48);

	return t_node(&g);
}

static bool ra_list_is(const struct rf_node *n, unsigned int region, unsigned long a,
		       unsigned long b)
{
	unsigned long first = rf_ra_first(n, 0, region);

	return first == a && rf_ra_next(n, 0, region, first) == b;
}

static bool in_ra(const struct rf_node *n, unsigned int region)
{
	struct rf_region_info ri;

	return !rf_region_info(n, 0, region, &ri) && ri.in_ra;
}

static void boot_releases_whole_regions(void)
{
	struct rf_node *n = boot48();
	struct rf_region_info ri;

	if (!n)
		return;
	CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 8, 0);
	CHECK_EQ(rf_nr_free(n, 0, 3), 2);	/* RA blocks are not in nr_free */
	CHECK_EQ(t_nr_free_pages(n, 0), 48);	/* but are in NR_FREE_PAGES */
	CHECK_EQ(rf_ra_lowest_region(n, 0), 1);
	CHECK_EQ(rf_ra_bitmap_lowest(n, 0), 1);
	CHECK(!in_ra(n, 0));
	CHECK(in_ra(n, 1));
	CHECK(in_ra(n, 2));
	CHECK(rf_ra_bitmap_bit(n, 0, 1) && rf_ra_bitmap_bit(n, 0, 2));
	CHECK(ra_list_is(n, 1, 24, 16));
	CHECK(ra_list_is(n, 2, 40, 32));
	for (unsigned int r = 0; r < 3; r++) {
		rf_region_info(n, 0, r, &ri);
		CHECK_EQ(ri.nr_free, 16);	/* held pages stay counted as free */
		CHECK_EQ(ri.ra_blocks, r ? 2 : 0);
	}
	rf_node_destroy(n);
}

/*
 * Seed patch 26.  An UNMOVABLE request finds every UNMOVABLE list empty.
 * Before raiding another type it takes the RA's lowest region, region 1, onto
 * the UNMOVABLE top-order list -- retyping each block and the pageblock
 * holding its head -- and allocates from it.
 *
 *   after:  pfn 16  17 18  20      24
 *               #   0  11  2222    33333333    (UNMOVABLE lists)
 *
 * Expect pfn 16, no fallback, the MOVABLE list untouched, region 2 now the
 * lowest held.  With pageblock_order (2) below MAX_ORDER-1 (3) only the
 * pageblocks of the heads, 16 and 24, are retyped; 20 and 28 stay MOVABLE.
 */
static void rmqueue_takes_ra_region_before_fallback(void)
{
	struct rf_node *n = boot48();

	if (!n)
		return;
	CHECK_EQ(t_alloc(n, 0, 0, MIGRATE_UNMOVABLE), 16);
	CHECK_EQ(t_stats(n).nr_fallback, 0);
	CHECK_EQ(t_stats(n).nr_ra_handout, 1);
	CHECK_EQ(t_stats(n).nr_ra_pull, 0);
	CHECK_EQ(t_stats(n).nr_ra_request, 0);
	CHECK_EQ(rf_ra_lowest_region(n, 0), 2);
	CHECK_EQ(rf_ra_bitmap_lowest(n, 0), 2);
	CHECK(!in_ra(n, 1));
	CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 8, 0);
	CHECK_LIST(n, 0, 3, MIGRATE_UNMOVABLE, 24);
	CHECK_FREE(n, 20, 2, MIGRATE_UNMOVABLE);
	CHECK_FREE(n, 18, 1, MIGRATE_UNMOVABLE);
	CHECK_FREE(n, 17, 0, MIGRATE_UNMOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 16), MIGRATE_UNMOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 24), MIGRATE_UNMOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 20), MIGRATE_MOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 28), MIGRATE_MOVABLE);
	CHECK_EQ(t_nr_free_pages(n, 0), 47);
	rf_node_destroy(n);
}

/*
 * With pageblock_order == MAX_ORDER-1 (the series' assumption) a hand-out
 * retypes every pageblock of the region.
 */
static void handout_retypes_whole_region_when_pageblock_is_top_order(void)
{
	struct rf_geometry g = t_geo(4, 3, 4, 0, 48);
	struct rf_node *n = t_node(&g);

	if (!n)
		return;
	CHECK_EQ(t_alloc(n, 0, 0, MIGRATE_RECLAIMABLE), 16);
	for (unsigned long pfn = 16; pfn < 32; pfn += 4)
		CHECK_EQ(rf_pageblock_migratetype(n, pfn), MIGRATE_RECLAIMABLE);
	rf_node_destroy(n);
}

/*
 * The fallback runs only once the RA is empty.  UNMOVABLE order-3 requests:
 * the first takes region 1 (16, then 24 from the list), the third region 2
 * (32, 40), and only the fifth, with the RA empty, falls back to MOVABLE,
 * taking the head 8.  v4 steals without retyping: pageblock 8 stays MOVABLE.
 */
static void fallback_only_when_ra_empty(void)
{
	struct rf_node *n = boot48();
	const unsigned long want[] = { 16, 24, 32, 40 };

	if (!n)
		return;
	for (unsigned int i = 0; i < 4; i++) {
		CHECK_EQ(t_alloc(n, 0, 3, MIGRATE_UNMOVABLE), want[i]);
		CHECK_EQ(t_stats(n).nr_fallback, 0);
	}
	CHECK_EQ(t_stats(n).nr_ra_handout, 2);
	CHECK_EQ(t_stats(n).nr_ra_pull, 0);
	CHECK_EQ(t_stats(n).nr_ra_request, 0);
	CHECK_EQ(rf_ra_lowest_region(n, 0), -1);
	CHECK_EQ(rf_ra_bitmap_lowest(n, 0), -1);
	CHECK_EQ(t_alloc(n, 0, 3, MIGRATE_UNMOVABLE), 8);
	CHECK_EQ(t_stats(n).nr_fallback, 1);
	CHECK_EQ(t_stats(n).nr_retype, 0);
	CHECK_EQ(rf_pageblock_migratetype(n, 8), MIGRATE_MOVABLE);
	CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 0);
	rf_node_destroy(n);
}

/*
 * Seed patch 30.  move_freepages over [24, 31] to RECLAIMABLE meets 24, a
 * block held by the RA.  The whole of region 1 first returns to the MOVABLE
 * lists -- 24 and 16 -- and then 24, looked at again, moves as usual.
 *
 *   MOVABLE top list before: 8, 0            after: 8, 0, 16
 *   RECLAIMABLE top list:    (empty)                24
 *
 * Expect 8 pages moved, region 1 out of the RA with its other block on the
 * MOVABLE list, region 2 still held.
 */
static void move_freepages_returns_ra_region_first(void)
{
	struct rf_node *n = boot48();
	unsigned long moved = 0;
	struct rf_page_info pi;

	if (!n)
		return;
	CHECK_STATUS(rf_move_freepages(n, 0, 24, 31, MIGRATE_RECLAIMABLE, &moved), RF_OK);
	CHECK_EQ(moved, 8);
	CHECK_LIST(n, 0, 3, MIGRATE_RECLAIMABLE, 24);
	CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 8, 0, 16);
	CHECK(!in_ra(n, 1));
	CHECK(in_ra(n, 2));
	CHECK_EQ(rf_ra_lowest_region(n, 0), 2);
	CHECK_EQ(rf_ra_bitmap_lowest(n, 0), 2);
	CHECK_EQ(t_stats(n).nr_ra_handout, 1);
	CHECK_EQ(t_stats(n).nr_ra_pull, 1);
	CHECK_EQ(t_stats(n).nr_ra_request, 0);
	CHECK_EQ(rf_nr_free(n, 0, 3), 4);
	CHECK_EQ(t_nr_free_pages(n, 0), 48);
	rf_page_info(n, 16, &pi);
	CHECK_EQ(pi.freepage_mt, MIGRATE_MOVABLE);
	rf_page_info(n, 24, &pi);
	CHECK_EQ(pi.freepage_mt, MIGRATE_RECLAIMABLE);
	rf_node_destroy(n);
}

/*
 * move_freepages to MOVABLE over a held region: each block is handed out,
 * moved onto the MOVABLE list where region 0 is, which completes the region
 * on one list again -- so it goes straight back to the RA.  Twice, once per
 * block; 16 pages are reported moved and the region ends up held again.
 */
static void move_to_movable_sends_region_back(void)
{
	struct rf_node *n = boot48();
	unsigned long moved = 0;

	if (!n)
		return;
	CHECK_STATUS(rf_move_freepages(n, 0, 16, 31, MIGRATE_MOVABLE, &moved), RF_OK);
	CHECK_EQ(moved, 16);
	CHECK(in_ra(n, 1));
	CHECK(ra_list_is(n, 1, 24, 16));
	CHECK_EQ(t_stats(n).nr_ra_handout, 2);
	CHECK_EQ(t_stats(n).nr_ra_pull, 2);
	CHECK_EQ(t_stats(n).nr_ra_return, 2);
	CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 8, 0);
	rf_node_destroy(n);
}

/* Region 1 handed back to the MOVABLE list: 8, 0, 16, 24. */
static struct rf_node *boot48_region1_on_list(void)
{
	struct rf_node *n = boot48();

	if (!n)
		return NULL;
	CHECK_STATUS(rf_del_from_region_allocator(n, 0, 1, MIGRATE_MOVABLE), RF_OK);
	CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 8, 0, 16, 24);
	return n;
}

/*
 * PA => RA when all four conditions hold.  Region 1 on the list; 8 and 0
 * allocated (order 3), then 16 split by an order-0 request; 0 freed (a
 * region-0 block back at the head), then 16 freed: it merges back to order 3
 * and completes region 1, on a list that also holds region 0.
 *
 *   pfn  0       8       16      24
 *        33333333 ########|#0112222 33333333   -> free 16 ->  region 1 to the RA
 *
 * Expect region 1 held again as [16, 24] and the MOVABLE list left with 0.
 */
static void release_when_all_four_hold(void)
{
	struct rf_node *n = boot48_region1_on_list();

	if (!n)
		return;
	CHECK_EQ(t_alloc(n, 0, 3, MIGRATE_MOVABLE), 8);
	CHECK_EQ(t_alloc(n, 0, 3, MIGRATE_MOVABLE), 0);
	CHECK_EQ(t_alloc(n, 0, 0, MIGRATE_MOVABLE), 16);
	t_free(n, 0, 3);
	CHECK(!in_ra(n, 1));
	t_free(n, 16, 0);
	CHECK(in_ra(n, 1));
	CHECK(ra_list_is(n, 1, 16, 24));
	CHECK_EQ(rf_ra_lowest_region(n, 0), 1);
	CHECK_EQ(rf_ra_bitmap_lowest(n, 0), 1);
	CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 0);
	CHECK_EQ(t_stats(n).nr_ra_return, 1);
	rf_node_destroy(n);
}

/*
 * Condition 1 fails alone: region 1's block 24 is allocated, 16 freed onto a
 * list with region 0.  All of region 1's free pages are that one block, but
 * the region is not entirely free.  Freeing 24 then completes it.
 */
static void no_release_region_not_free(void)
{
	struct rf_node *n = boot48_region1_on_list();

	if (!n)
		return;
	CHECK_EQ(t_alloc(n, 0, 3, MIGRATE_MOVABLE), 8);
	CHECK_EQ(t_alloc(n, 0, 3, MIGRATE_MOVABLE), 0);
	CHECK_EQ(t_alloc(n, 0, 3, MIGRATE_MOVABLE), 16);
	CHECK_EQ(t_alloc(n, 0, 3, MIGRATE_MOVABLE), 24);
	t_free(n, 0, 3);
	t_free(n, 16, 3);
	CHECK(!in_ra(n, 1));
	CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 0, 16);
	t_free(n, 24, 3);
	CHECK(in_ra(n, 1));
	CHECK(ra_list_is(n, 1, 24, 16));
	rf_node_destroy(n);
}

/*
 * Condition 2 fails alone: a region whose free memory cannot be top-order
 * blocks.  Holes [20, 32) leave region 1 four present pages, [16, 20).  With
 * regions 0 and 1 allocated as order-2 blocks, 12 freed, then 16:
 *
 *   pfn  0           12  16  20          32
 *        ############2222|2222xxxxxxxxxxxx|...
 *
 * Region 1 is entirely free, all on this one list, with region 0 beside it;
 * but the block is of order 2, so it stays.
 */
static void no_release_not_top_order(void)
{
	struct rf_geometry g = t_geo(4, 2, 4, 0, 48);

	g.nr_holes = 1;
	g.holes[0] = (struct rf_pfn_range){ 20, 32 };

	struct rf_node *n = t_node(&g);
	struct rf_region_info ri;

	if (!n)
		return;
	const unsigned long want[] = { 8, 12, 0, 4, 16 };

	for (unsigned int i = 0; i < 5; i++)
		CHECK_EQ(t_alloc(n, 0, 2, MIGRATE_MOVABLE), want[i]);
	t_free(n, 12, 2);
	t_free(n, 16, 2);
	CHECK_LIST(n, 0, 2, MIGRATE_MOVABLE, 12, 16);
	rf_region_info(n, 0, 1, &ri);
	CHECK_EQ(ri.present_pages, 4);
	CHECK_EQ(ri.nr_free, 4);
	CHECK(!in_ra(n, 1));
	rf_node_destroy(n);
}

/*
 * Condition 3 (patch 33) fails alone, and the cache it makes.  Region 1 on
 * the list, 8, 0, 16 allocated, 16 freed: region 1 is entirely free, all on
 * this list, top order -- but the only region there, so it stays.  Then 0 and
 * 8 are freed: region 0 completes on a list that holds region 1 too, so
 * region 0 -- the lower one -- leaves, and region 1 stays as the cache.
 */
static void cache_keeps_one_region_per_list(void)
{
	struct rf_node *n = boot48_region1_on_list();

	if (!n)
		return;
	CHECK_EQ(t_alloc(n, 0, 3, MIGRATE_MOVABLE), 8);
	CHECK_EQ(t_alloc(n, 0, 3, MIGRATE_MOVABLE), 0);
	CHECK_EQ(t_alloc(n, 0, 3, MIGRATE_MOVABLE), 16);
	t_free(n, 16, 3);
	CHECK(!in_ra(n, 1));
	CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 16, 24);
	t_free(n, 0, 3);
	t_free(n, 8, 3);
	CHECK(in_ra(n, 0));
	CHECK(!in_ra(n, 1));
	CHECK_EQ(rf_ra_lowest_region(n, 0), 0);
	CHECK_EQ(rf_ra_bitmap_lowest(n, 0), 0);
	CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 16, 24);
	rf_node_destroy(n);
}

/*
 * Condition 4 fails alone: region 1's free pages are split over two lists.
 * 16 is moved to RECLAIMABLE; 8, 0, 24 allocated; 0 then 24 freed.  Region 1
 * is entirely free and 24 is a top block next to region 0 on the MOVABLE
 * list, but only half of the region is on that list.
 */
static void no_release_region_split_over_lists(void)
{
	struct rf_node *n = boot48_region1_on_list();

	if (!n)
		return;
	CHECK_STATUS(rf_move_freepages(n, 0, 16, 23, MIGRATE_RECLAIMABLE, NULL), RF_OK);
	CHECK_EQ(t_alloc(n, 0, 3, MIGRATE_MOVABLE), 8);
	CHECK_EQ(t_alloc(n, 0, 3, MIGRATE_MOVABLE), 0);
	CHECK_EQ(t_alloc(n, 0, 3, MIGRATE_MOVABLE), 24);
	t_free(n, 0, 3);
	t_free(n, 24, 3);
	CHECK(!in_ra(n, 1));
	CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 0, 24);
	CHECK_LIST(n, 0, 3, MIGRATE_RECLAIMABLE, 16);
	rf_node_destroy(n);
}

/* del_from_region_allocator gives out the lowest held region; patch 29 a named one. */
static void ra_gives_lowest_or_requested_region(void)
{
	struct rf_node *n = boot48();

	if (!n)
		return;
	CHECK_STATUS(rf_del_from_region_allocator(n, 0, 2, MIGRATE_RECLAIMABLE), RF_OK);
	CHECK(!in_ra(n, 2));
	CHECK_EQ(rf_ra_lowest_region(n, 0), 1);
	CHECK_EQ(rf_ra_bitmap_lowest(n, 0), 1);
	CHECK_LIST(n, 0, 3, MIGRATE_RECLAIMABLE, 32, 40);
	CHECK_STATUS(rf_del_from_region_allocator(n, 0, -1, MIGRATE_UNMOVABLE), RF_OK);
	CHECK(!in_ra(n, 1));
	CHECK_LIST(n, 0, 3, MIGRATE_UNMOVABLE, 16, 24);
	CHECK_EQ(rf_ra_lowest_region(n, 0), -1);
	CHECK_EQ(rf_ra_bitmap_lowest(n, 0), -1);
	CHECK_REFUSED(n, rf_del_from_region_allocator(n, 0, -1, MIGRATE_MOVABLE), RF_ENOENT);
	CHECK_EQ(t_nr_free_pages(n, 0), 48);
	rf_node_destroy(n);
}

/*
 * An unaligned node start: regions start at node_start_pfn (4), not at a
 * multiple of the top order, so top-order blocks straddle regions and belong
 * to the region of their head.  Node [4, 40), regions of 8:
 *
 *   pfn  4   8   12      20      28      36  40
 *        2222|3333 3333|3333 3333|33333333|....|     (blocks 4, 8, 16, 24, 32)
 *         r0      r1       r2       r3     r4
 *
 * Expect region 0 to count 12 free pages for 8 present ones, and region 1 --
 * whose head block 16 covers half of region 2 while its own pages 12..15 sit
 * in block 8 on the MOVABLE list -- to be held by the RA all the same.
 */
static void unaligned_node_start(void)
{
	struct rf_geometry g = t_geo(4, 2, 3, 4, 36);
	struct rf_node *n = t_node(&g);
	struct rf_region_info ri;

	if (!n)
		return;
	CHECK_FREE(n, 4, 2, MIGRATE_MOVABLE);
	CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 8);
	rf_region_info(n, 0, 0, &ri);
	CHECK_EQ(ri.start_pfn, 4);
	CHECK_EQ(ri.present_pages, 8);
	CHECK_EQ(ri.nr_free, 12);
	CHECK(in_ra(n, 1));
	CHECK_EQ(rf_ra_first(n, 0, 1), 16);
	CHECK(in_ra(n, 2) && in_ra(n, 3));
	rf_region_info(n, 0, 4, &ri);
	CHECK_EQ(ri.present_pages, 4);
	CHECK_EQ(ri.nr_free, 0);
	CHECK_EQ(t_nr_free_pages(n, 0), 36);
	rf_node_destroy(n);
}

static const struct t_case cases[] = {
	TEST(boot_releases_whole_regions, V4),
	TEST(rmqueue_takes_ra_region_before_fallback, V4),
	TEST(handout_retypes_whole_region_when_pageblock_is_top_order, V4),
	TEST(fallback_only_when_ra_empty, V4),
	TEST(move_freepages_returns_ra_region_first, V4),
	TEST(move_to_movable_sends_region_back, V4),
	TEST(release_when_all_four_hold, V4),
	TEST(no_release_region_not_free, V4),
	TEST(no_release_not_top_order, V4),
	TEST(cache_keeps_one_region_per_list, V4),
	TEST(no_release_region_split_over_lists, V4),
	TEST(ra_gives_lowest_or_requested_region, V4),
	TEST(unaligned_node_start, V4),
	{ 0 },
};

int main(int argc, char **argv)
{
	return t_main(argc, argv, "region_allocator", cases);
}
