// SPDX-License-Identifier: MIT
/*
 * v4 sorted buddy (patches 5-15): region runs, run tails and counts, the
 * list's next_region, the two-level bitmap, and __rmqueue_smallest's choice of
 * the lowest region across orders.
 *
 * Pictures: one character per pfn; a free block is drawn as its order digit
 * over its pages, '#' is allocated; '|' marks a region border.
 */
#include "testlib.h"

#define CHECK_RUN(n, order, mt, region, tail, blocks)                          \
	CHECK(t_run_is(n, order, mt, region, tail, blocks))

/*
 * 64 pages, regions of 16, everything allocated; then order-0 pages freed in
 * the order 49, 17, 19, 1, 51, 33 (each with its buddy allocated):
 *
 *   pfn  0               16              32              48
 *        #0##############|#0#0############|#0##############|#0#0############
 *
 * Expect one run per region in region order, each run's tail the first block
 * of its region to arrive, later ones linked just before it:
 *   free_list[0][MOVABLE] = 1 | 19 17 | 33 | 51 49
 */
static void runs_in_region_order(void)
{
	struct rf_geometry g = t_geo(4, 2, 4, 0, 64);
	struct rf_node *n = t_node(&g);

	if (!n)
		return;
	t_drain(n);

	const unsigned long order_freed[] = { 49, 17, 19, 1, 51, 33 };

	for (unsigned int i = 0; i < 6; i++)
		t_free(n, order_freed[i], 0);
	CHECK_LIST(n, 0, 0, MIGRATE_MOVABLE, 1, 19, 17, 33, 51, 49);
	CHECK_RUN(n, 0, MIGRATE_MOVABLE, 0, 1, 1);
	CHECK_RUN(n, 0, MIGRATE_MOVABLE, 1, 17, 2);
	CHECK_RUN(n, 0, MIGRATE_MOVABLE, 2, 33, 1);
	CHECK_RUN(n, 0, MIGRATE_MOVABLE, 3, 49, 2);
	CHECK_EQ(rf_list_next_region(n, 0, 0, MIGRATE_MOVABLE), 0);

	/* Taking the head (the fast path) empties region 0's run: next_region moves on. */
	CHECK_EQ(t_alloc(n, 0, 0, MIGRATE_MOVABLE), 1);
	CHECK_RUN(n, 0, MIGRATE_MOVABLE, 0, RF_NO_PFN, 0);
	CHECK_EQ(rf_list_next_region(n, 0, 0, MIGRATE_MOVABLE), 1);

	/* Moving a run's tail away (the generic path) makes its predecessor the tail. */
	CHECK_STATUS(rf_move_freepages(n, 0, 17, 17, MIGRATE_RECLAIMABLE, NULL), RF_OK);
	CHECK_LIST(n, 0, 0, MIGRATE_MOVABLE, 19, 33, 51, 49);
	CHECK_RUN(n, 0, MIGRATE_MOVABLE, 1, 19, 1);
	/* And the last block of a run clears the region's bit. */
	CHECK_STATUS(rf_move_freepages(n, 0, 49, 49, MIGRATE_RECLAIMABLE, NULL), RF_OK);
	CHECK_RUN(n, 0, MIGRATE_MOVABLE, 3, 51, 1);
	CHECK_STATUS(rf_move_freepages(n, 0, 51, 51, MIGRATE_RECLAIMABLE, NULL), RF_OK);
	CHECK_RUN(n, 0, MIGRATE_MOVABLE, 3, RF_NO_PFN, 0);
	CHECK_LIST(n, 0, 0, MIGRATE_MOVABLE, 19, 33);
	/* On the RECLAIMABLE list the moved blocks were sorted in as they came. */
	CHECK_LIST(n, 0, 0, MIGRATE_RECLAIMABLE, 17, 51, 49);
	rf_node_destroy(n);
}

/*
 * The bitmap's summary level: 130 regions of 8 pages (three words of bits).
 * Everything allocated, then one page freed in region 129, 1, 70, 64 and 0,
 * in that order.  Each new run must find the highest lower region with a run
 * -- across word boundaries -- and link after its tail.
 *
 * Expect free_list[0][MOVABLE] = r0 | r1 | r64 | r70 | r129.
 */
static void bitmap_across_words(void)
{
	struct rf_geometry g = t_geo(4, 2, 3, 0, 8 * 130);
	struct rf_node *n = t_node(&g);

	if (!n)
		return;
	t_drain(n);

	const unsigned int regions[] = { 129, 1, 70, 64, 0 };

	for (unsigned int i = 0; i < 5; i++)
		t_free(n, regions[i] * 8 + 1, 0);
	CHECK_LIST(n, 0, 0, MIGRATE_MOVABLE, 1, 9, 64 * 8 + 1, 70 * 8 + 1, 129 * 8 + 1);
	for (unsigned int i = 0; i < 5; i++)
		CHECK_RUN(n, 0, MIGRATE_MOVABLE, regions[i], regions[i] * 8 + 1, 1);

	struct rf_run_info ri;

	CHECK_STATUS(rf_run_info(n, 0, 0, MIGRATE_MOVABLE, 100, &ri), RF_OK);
	CHECK(!ri.bitmap_bit);
	CHECK(ri.summary_bit);		/* word 1 holds regions 64 and 70 */
	CHECK_STATUS(rf_run_info(n, 0, 0, MIGRATE_MOVABLE, 129, &ri), RF_OK);
	CHECK(ri.summary_bit);
	rf_node_destroy(n);
}

/*
 * __rmqueue_smallest (patch 15): among the orders with a block, the one whose
 * list head lies in the lowest region.  64 pages, regions of 16, everything
 * allocated; then 33 (region 2, order 0) and 20..23 (region 1, order 2) freed:
 *
 *   pfn  0               16              32              48
 *        ################|####2222########|#0##############|################
 *
 * Expect an order-0 request to split 20 (region 1 beats region 2) where
 * vanilla takes the order-0 block 33.
 */
static void lowest_region_across_orders(void)
{
	struct rf_geometry g = t_geo(4, 2, 4, 0, 64);
	struct rf_node *n = t_node(&g);

	if (!n)
		return;
	t_drain(n);
	t_free(n, 33, 0);
	for (unsigned long pfn = 20; pfn < 24; pfn++)
		t_free(n, pfn, 0);
	CHECK_FREE(n, 20, 2, MIGRATE_MOVABLE);
	CHECK_EQ(t_alloc(n, 0, 0, MIGRATE_MOVABLE), t_mode == RF_MODE_V4 ? 20 : 33);
	if (t_mode == RF_MODE_V4) {
		/* The split halves are sorted in: 21 before region 2's 33. */
		CHECK_LIST(n, 0, 0, MIGRATE_MOVABLE, 21, 33);
		CHECK_FREE(n, 22, 1, MIGRATE_MOVABLE);
	}
	rf_node_destroy(n);
}

/*
 * On a tie of regions the lower order wins.  Everything allocated, then 1
 * (order 0) and 4..7 (order 2), both in region 0:
 *
 *   pfn  0   4   8
 *        #0##2222########|...
 *
 * Expect an order-0 request to take 1, not to split 4.
 */
static void lowest_region_tie_takes_lower_order(void)
{
	struct rf_geometry g = t_geo(4, 2, 4, 0, 64);
	struct rf_node *n = t_node(&g);

	if (!n)
		return;
	t_drain(n);
	t_free(n, 1, 0);
	for (unsigned long pfn = 4; pfn < 8; pfn++)
		t_free(n, pfn, 0);
	CHECK_EQ(t_alloc(n, 0, 0, MIGRATE_MOVABLE), 1);
	CHECK_FREE(n, 4, 2, MIGRATE_MOVABLE);
	rf_node_destroy(n);
}

/*
 * v4 keeps the freepage migratetype of every listed block equal to its list
 * (patch 7 for split halves, patch 8 for merges); vanilla does not.  A
 * RECLAIMABLE allocation that falls back into a MOVABLE block at boot:
 * vanilla leaves the halves' freepage type as it was (0, UNMOVABLE, from the
 * zeroed memmap); v4 sets it to RECLAIMABLE.
 */
static void expand_sets_freepage_migratetype(void)
{
	struct rf_geometry g = t_geo(4, 1, 4, 0, 16);
	struct rf_node *n = t_node(&g);
	struct rf_page_info pi;

	if (!n)
		return;
	/* Boot: 8 and 0, order 3, MOVABLE.  A RECLAIMABLE order-0 request steals 8. */
	CHECK_EQ(t_alloc(n, 0, 0, MIGRATE_RECLAIMABLE), 8);
	for (unsigned int j = 0; j < 3; j++) {
		unsigned long half = 8 + (1UL << j);

		CHECK_FREE(n, half, j, MIGRATE_RECLAIMABLE);
		rf_page_info(n, half, &pi);
		CHECK_EQ(pi.freepage_mt, t_mode == RF_MODE_V4 ? MIGRATE_RECLAIMABLE : 0);
	}
	rf_node_destroy(n);
}

/*
 * Merging deletes the buddy from its own freepage type's list (patch 8) and
 * gives it the freeing type.  Everything allocated; 5 freed (MOVABLE list),
 * then moved to the RECLAIMABLE list; then 4 freed into its MOVABLE
 * pageblock: 4 and 5 merge, and the result goes on the MOVABLE list.
 *
 *   pfn  0   4   8
 *        ####.0##        5 on RECLAIMABLE, then 4 freed:  ####11##
 *
 * Expect the RECLAIMABLE list's run bookkeeping to be empty afterwards (the
 * buddy was deleted from the list it was on) and the merged block MOVABLE.
 */
static void merge_deletes_buddy_from_its_own_list(void)
{
	struct rf_geometry g = t_geo(4, 1, 4, 0, 16);
	struct rf_node *n = t_node(&g);
	struct rf_page_info pi;

	if (!n)
		return;
	t_drain(n);
	t_free(n, 5, 0);
	CHECK_STATUS(rf_move_freepages(n, 0, 5, 5, MIGRATE_RECLAIMABLE, NULL), RF_OK);
	t_free(n, 4, 0);
	CHECK_FREE(n, 4, 1, MIGRATE_MOVABLE);
	CHECK_LIST_EMPTY(n, 0, 0, MIGRATE_RECLAIMABLE);
	CHECK_RUN(n, 0, MIGRATE_RECLAIMABLE, 0, RF_NO_PFN, 0);
	CHECK_EQ(rf_list_next_region(n, 0, 0, MIGRATE_RECLAIMABLE), -1);
	rf_page_info(n, 5, &pi);
	CHECK_EQ(pi.freepage_mt, MIGRATE_MOVABLE);
	rf_node_destroy(n);
}

/* Allocated pages per region and type, as the study and the oracle read them. */
static void region_allocation_counts(void)
{
	struct rf_geometry g = t_geo(4, 2, 4, 0, 64);
	struct rf_node *n = t_node(&g);
	struct rf_region_info ri;
	unsigned long total[MIGRATE_PCPTYPES] = { 0 };

	if (!n)
		return;
	t_alloc(n, 0, 2, MIGRATE_UNMOVABLE);
	t_alloc(n, 0, 0, MIGRATE_RECLAIMABLE);
	unsigned long m = t_alloc(n, 0, 3, MIGRATE_MOVABLE);

	for (unsigned int r = 0; r < 4; r++) {
		CHECK_STATUS(rf_region_info(n, 0, r, &ri), RF_OK);
		CHECK_EQ(ri.present_pages, 16);
		CHECK_EQ(ri.start_pfn, r * 16);
		for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			total[mt] += ri.nr_alloc[mt];
	}
	CHECK_EQ(total[MIGRATE_UNMOVABLE], 4);
	CHECK_EQ(total[MIGRATE_RECLAIMABLE], 1);
	CHECK_EQ(total[MIGRATE_MOVABLE], 8);
	rf_region_info(n, 0, (unsigned int)(m / 16), &ri);
	CHECK(ri.nr_alloc[MIGRATE_MOVABLE] >= 8);
	t_free(n, m, 3);
	rf_region_info(n, 0, (unsigned int)(m / 16), &ri);
	CHECK_EQ(ri.nr_alloc[MIGRATE_MOVABLE], 0);
	rf_node_destroy(n);
}

static const struct t_case cases[] = {
	TEST(runs_in_region_order, V4),
	TEST(bitmap_across_words, V4),
	TEST(lowest_region_across_orders, BOTH),
	TEST(lowest_region_tie_takes_lower_order, BOTH),
	TEST(expand_sets_freepage_migratetype, BOTH),
	TEST(merge_deletes_buddy_from_its_own_list, V4),
	TEST(region_allocation_counts, BOTH),
	{ 0 },
};

int main(int argc, char **argv)
{
	return t_main(argc, argv, "sorted", cases);
}
