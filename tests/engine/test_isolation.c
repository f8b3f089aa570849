// SPDX-License-Identifier: MIT
/*
 * Pageblock isolation (3.11/3.12 mm/page_isolation.c; unchanged by v4).
 *
 * set_migratetype_isolate(page): refused (busy) when has_unmovable_pages()
 * finds something -- never for a MOVABLE pageblock; for any other type, when
 * the pageblock holds a reserved page, a hole (x86 holes are reserved struct
 * pages) or the head of a block allocated as UNMOVABLE or RECLAIMABLE (the
 * model's MOVABLE allocations stand for LRU pages; tail pages have no
 * refcount).  Otherwise: the type becomes ISOLATE, move_freepages_block
 * moves the pageblock's free blocks to the ISOLATE lists, and the pages it
 * returns are subtracted from NR_FREE_PAGES.  Whether the pageblock was
 * already ISOLATE is not checked.
 *
 * unset_migratetype_isolate(page, mt): only if the type is ISOLATE:
 * move_freepages_block to mt, the returned pages added back, the type set to
 * mt -- the caller's type, not the one the pageblock had.
 *
 * Pages freed into an ISOLATE pageblock go to the ISOLATE lists and are not
 * counted; nothing allocates from ISOLATE lists.
 *
 * The range entry points widen [start, end) as alloc_contig_range does
 * (pfn_max_align_down/up, to max(MAX_ORDER_NR_PAGES, pageblock_nr_pages)),
 * then isolate pageblock by pageblock; on the first refusal every earlier
 * pageblock of the range that is ISOLATE is undone with the caller's type.
 *
 * Pictures: one character per pfn; a free block is drawn as its order digit
 * repeated over its pages, '#' is allocated (as MOVABLE unless marked U
 * UNMOVABLE or R RECLAIMABLE), 'x' a hole, 'r' reserved.  The "list" line
 * names the list of each free block under its first pfn, the "pb" line each
 * pageblock's type under its first pfn (U UNMOVABLE, R RECLAIMABLE,
 * M MOVABLE, S RESERVE, I ISOLATE).
 *
 * Geometries: one region per zone throughout, so v4's region allocator never
 * takes a region (patch 33 keeps one region on each list) and v4 works on the
 * same pfns as vanilla; v4 differs only in list order (a block joining its
 * region's run is linked just before the run's tail -- the first block ever
 * added stays last).
 *   G64b: 64 pages, MAX_ORDER 4 (top blocks of 8), pageblocks of 8.
 *   G64:  64 pages, MAX_ORDER 4, pageblocks of 4 -- a top block covers two
 *         pageblocks, and the range entry points widen to 8.
 * Both have 64 >= 5 pageblocks' worth of managed pages: grouping by mobility
 * is on (except where a test says otherwise).
 *
 * "Drained": every page allocated as order-0 MOVABLE (t_drain), then the
 * pages drawn free given back one by one, merging with what is already free.
 */
#include <limits.h>
#include <string.h>

#include "testlib.h"

static void free_range(struct rf_node *n, unsigned long start, unsigned long end)
{
	for (unsigned long pfn = start; pfn < end; pfn++)
		t_free(n, pfn, 0);
}

/* A drained node of geometry @g; NULL (and a failure) otherwise. */
static struct rf_node *drained(struct rf_geometry g, unsigned long expect_pages)
{
	struct rf_node *n = t_node(&g);

	if (!n)
		return NULL;
	CHECK(!rf_page_group_by_mobility_disabled(n));
	CHECK_EQ(t_drain(n), expect_pages);
	CHECK_EQ(t_nr_free_pages(n, 0), 0);
	return n;
}

static struct rf_geometry g64b(void)
{
	return t_geo(4, 3, 6, 0, 64);
}

static struct rf_geometry g64(void)
{
	return t_geo(4, 2, 6, 0, 64);
}

/*
 * Drained G64b, then 7, 8, 10, 11, 12, 13, 14, 15 and 17 freed, in that
 * order:
 *
 *   pfn  0       8       16
 *        #######0 0#112222 #0######
 *   list        M M M M     M
 *   pb   M        M        M
 *
 * 10,11 merge into an order-1 block (its buddy 8 is order 0); 12..15 into
 * an order-2 block (its buddy 8 is order 0).  NR_FREE_PAGES 9; nr_free 3, 1,
 * 1, 0.  free_list[0][MOVABLE]: vanilla 17 8 7 (each at the head; 14 went to
 * the tail, its parent's buddy 12 being free, but merged away);
 * v4 8 17 7 (7 arrived first and is the run's tail).
 */
static struct rf_node *pageblock8(void)
{
	struct rf_node *n = drained(g64b(), 64);
	const unsigned long freed[] = { 7, 8, 10, 11, 12, 13, 14, 15, 17 };

	if (!n)
		return NULL;
	for (size_t i = 0; i < sizeof(freed) / sizeof(freed[0]); i++)
		t_free(n, freed[i], 0);
	if (t_mode == RF_MODE_VANILLA)
		CHECK_LIST(n, 0, 0, MIGRATE_MOVABLE, 17, 8, 7);
	else
		CHECK_LIST(n, 0, 0, MIGRATE_MOVABLE, 8, 17, 7);
	CHECK_LIST(n, 0, 1, MIGRATE_MOVABLE, 10);
	CHECK_LIST(n, 0, 2, MIGRATE_MOVABLE, 12);
	CHECK_NR_FREE(n, 0, 3, 1, 1, 0);
	CHECK_EQ(t_nr_free_pages(n, 0), 9);
	return n;
}

/*
 * Isolating a MOVABLE pageblock.  pageblock8(), then
 * set_migratetype_isolate(13) -- any pfn of the pageblock will do:
 *
 *   pfn  0       8       16
 *        #######0 0#112222 #0######
 *   list        M I I I     M
 *   pb   M        I        M
 *
 * Expect pageblock 8 ISOLATE (0 and 16 untouched), 8, 10 and 12 on the
 * ISOLATE lists of their orders with freepage type ISOLATE, 7 and 17 still
 * MOVABLE (free_list[0][MOVABLE] 17 7 in both modes), and NR_FREE_PAGES
 * down by exactly the 1 + 2 + 4 = 7 pages moved: 2.  nr_free per order and
 * the free pages on the lists (9) do not change: isolating frees nothing.
 */
static void isolate_movable_pageblock(void)
{
	struct rf_node *n = pageblock8();

	if (!n)
		return;
	CHECK_STATUS(rf_set_migratetype_isolate(n, 13), RF_OK);
	CHECK_EQ(rf_pageblock_migratetype(n, 8), MIGRATE_ISOLATE);
	CHECK_EQ(rf_pageblock_migratetype(n, 15), MIGRATE_ISOLATE);
	CHECK_EQ(rf_pageblock_migratetype(n, 7), MIGRATE_MOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 16), MIGRATE_MOVABLE);
	CHECK_LIST(n, 0, 0, MIGRATE_ISOLATE, 8);
	CHECK_LIST(n, 0, 1, MIGRATE_ISOLATE, 10);
	CHECK_LIST(n, 0, 2, MIGRATE_ISOLATE, 12);
	CHECK_LIST(n, 0, 0, MIGRATE_MOVABLE, 17, 7);
	CHECK_LIST_EMPTY(n, 0, 1, MIGRATE_MOVABLE);
	CHECK_LIST_EMPTY(n, 0, 2, MIGRATE_MOVABLE);
	CHECK_EQ(t_freepage_mt(n, 8), MIGRATE_ISOLATE);
	CHECK_EQ(t_freepage_mt(n, 10), MIGRATE_ISOLATE);
	CHECK_EQ(t_freepage_mt(n, 12), MIGRATE_ISOLATE);
	CHECK_EQ(t_freepage_mt(n, 7), MIGRATE_MOVABLE);
	CHECK_EQ(t_freepage_mt(n, 17), MIGRATE_MOVABLE);
	CHECK_EQ(t_nr_free_pages(n, 0), 2);
	CHECK_NR_FREE(n, 0, 3, 1, 1, 0);
	CHECK_EQ(t_free_pages(n, 0), 9);

	/* The same counters in one call, with the ISOLATE entries per order;
	 * orders from MAX_ORDER (4) up read 0, and there is no zone 1. */
	struct rf_zone_counters c;

	memset(&c, 0xa5, sizeof(c));
	CHECK_STATUS(rf_zone_counters(n, 0, &c), RF_OK);
	CHECK_EQ(c.nr_free_pages, 2);
	CHECK_EQ(c.ra_blocks, 0);
	const unsigned long nr_free[RF_MAX_MAX_ORDER] = { 3, 1, 1, 0 };

	for (unsigned int o = 0; o < RF_MAX_MAX_ORDER; o++) {
		CHECK_EQ(c.nr_free[o], nr_free[o]);
		CHECK_EQ(c.nr_isolate[o], o < 3 ? 1 : 0);
	}
	CHECK_STATUS(rf_zone_counters(n, 1, &c), RF_EINVAL);
	rf_node_destroy(n);
}

/*
 * Undo with a type.  pageblock8(), isolated as above (NR_FREE_PAGES 2), then
 * unset_migratetype_isolate(15, mt) for mt = MOVABLE and RECLAIMABLE:
 *
 *   pfn  0       8       16
 *        #######0 0#112222 #0######
 *   list        M t t t     M           t = mt
 *   pb   M        t        M
 *
 * Expect 8, 10, 12 back on mt's lists with freepage type mt, the pageblock
 * of type mt -- the caller's, whatever it was before -- the ISOLATE lists
 * empty and NR_FREE_PAGES restored to 9.  For MOVABLE,
 * free_list[0][MOVABLE] is vanilla 8 17 7 (8 at the head); v4 17 8 7 (8
 * before the run's tail, 7).  For RECLAIMABLE it stays 17 7.
 */
static void undo_isolation_with_type(void)
{
	const int types[] = { MIGRATE_MOVABLE, MIGRATE_RECLAIMABLE };

	for (size_t i = 0; i < 2; i++) {
		int mt = types[i];
		struct rf_node *n = pageblock8();

		if (!n)
			return;
		CHECK_STATUS(rf_set_migratetype_isolate(n, 8), RF_OK);
		CHECK_EQ(t_nr_free_pages(n, 0), 2);
		CHECK_STATUS(rf_unset_migratetype_isolate(n, 15, mt), RF_OK);
		CHECK_EQ(rf_pageblock_migratetype(n, 8), mt);
		CHECK_EQ(rf_pageblock_migratetype(n, 0), MIGRATE_MOVABLE);
		CHECK_EQ(rf_pageblock_migratetype(n, 16), MIGRATE_MOVABLE);
		CHECK(t_lists_empty(n, 0, MIGRATE_ISOLATE));
		CHECK_FREE(n, 8, 0, mt);
		CHECK_LIST(n, 0, 1, mt, 10);
		CHECK_LIST(n, 0, 2, mt, 12);
		if (mt == MIGRATE_RECLAIMABLE)
			CHECK_LIST(n, 0, 0, MIGRATE_MOVABLE, 17, 7);
		else if (t_mode == RF_MODE_VANILLA)
			CHECK_LIST(n, 0, 0, MIGRATE_MOVABLE, 8, 17, 7);
		else
			CHECK_LIST(n, 0, 0, MIGRATE_MOVABLE, 17, 8, 7);
		CHECK_EQ(t_freepage_mt(n, 8), mt);
		CHECK_EQ(t_freepage_mt(n, 10), mt);
		CHECK_EQ(t_freepage_mt(n, 12), mt);
		CHECK_EQ(t_nr_free_pages(n, 0), 9);
		CHECK_NR_FREE(n, 0, 3, 1, 1, 0);
		rf_node_destroy(n);
	}
}

/*
 * Undo of a pageblock that is not ISOLATE does nothing -- not even set the
 * type.  pageblock8(): unset_migratetype_isolate on each pageblock, which
 * are all MOVABLE, with UNMOVABLE, RECLAIMABLE and RESERVE: RF_OK and
 * nothing changes (an undo that moved would take 7 and 8, 10, 12, 17 off the
 * MOVABLE lists and add to NR_FREE_PAGES).  Then pageblock 8 isolated and
 * undone as RECLAIMABLE; undoing it again, as MOVABLE, does nothing: it
 * stays RECLAIMABLE with its blocks on the RECLAIMABLE lists, NR_FREE_PAGES
 * stays 9.
 */
static void undo_of_non_isolated_does_nothing(void)
{
	struct rf_node *n = pageblock8();
	const int types[] = { MIGRATE_UNMOVABLE, MIGRATE_RECLAIMABLE, MIGRATE_RESERVE };

	if (!n)
		return;
	for (unsigned long pb = 0; pb < 64; pb += 8)
		for (size_t i = 0; i < 3; i++)
			CHECK_NOTHING_CHANGES(n, rf_unset_migratetype_isolate(n, pb + 1, types[i]));

	CHECK_STATUS(rf_set_migratetype_isolate(n, 8), RF_OK);
	CHECK_STATUS(rf_unset_migratetype_isolate(n, 8, MIGRATE_RECLAIMABLE), RF_OK);
	CHECK_EQ(t_nr_free_pages(n, 0), 9);
	CHECK_NOTHING_CHANGES(n, rf_unset_migratetype_isolate(n, 8, MIGRATE_MOVABLE));
	CHECK_NOTHING_CHANGES(n, rf_unset_migratetype_isolate(n, 12, MIGRATE_UNMOVABLE));
	CHECK_EQ(rf_pageblock_migratetype(n, 8), MIGRATE_RECLAIMABLE);
	CHECK_FREE(n, 8, 0, MIGRATE_RECLAIMABLE);
	CHECK_FREE(n, 10, 1, MIGRATE_RECLAIMABLE);
	CHECK_FREE(n, 12, 2, MIGRATE_RECLAIMABLE);
	CHECK_EQ(t_nr_free_pages(n, 0), 9);
	rf_node_destroy(n);
}

/*
 * Frees into an isolated pageblock.  Drained G64b; pageblock 8 isolated
 * while wholly allocated (RF_OK, nothing moved, NR_FREE_PAGES 0).  Then
 * freed, in order: 9, 11, 10, 8.
 *
 *   9:   #0######          ISOLATE o0: 9
 *   11:  #0#0####          ISOLATE o0: 11 9 (head; in v4 before the tail 9)
 *   10:  #011####          10 takes 11 off the ISOLATE list: order 1 at 10
 *   8:   2222####          8 takes 9, then 10: order 2 at 8 (buddy 12
 *                          allocated), on the ISOLATE list
 *
 * Expect every free on the ISOLATE lists with freepage type ISOLATE, and
 * NR_FREE_PAGES still 0 after each; then 17 freed (pageblock 16, MOVABLE):
 * NR_FREE_PAGES 1.  Undo as MOVABLE: the order-2 block moves, 4 pages:
 * NR_FREE_PAGES 5.  Freeing 12..15 now merges them, counted, with it into
 * one order-3 MOVABLE block: NR_FREE_PAGES 9.
 */
static void frees_into_isolated_pageblock(void)
{
	struct rf_node *n = drained(g64b(), 64);

	if (!n)
		return;
	CHECK_STATUS(rf_set_migratetype_isolate(n, 8), RF_OK);
	CHECK_EQ(rf_pageblock_migratetype(n, 8), MIGRATE_ISOLATE);
	CHECK_EQ(t_nr_free_pages(n, 0), 0);

	t_free(n, 9, 0);
	CHECK_LIST(n, 0, 0, MIGRATE_ISOLATE, 9);
	CHECK_EQ(t_freepage_mt(n, 9), MIGRATE_ISOLATE);
	CHECK_EQ(t_nr_free_pages(n, 0), 0);
	t_free(n, 11, 0);
	CHECK_LIST(n, 0, 0, MIGRATE_ISOLATE, 11, 9);
	CHECK_EQ(t_nr_free_pages(n, 0), 0);
	t_free(n, 10, 0);
	CHECK_LIST(n, 0, 0, MIGRATE_ISOLATE, 9);
	CHECK_LIST(n, 0, 1, MIGRATE_ISOLATE, 10);
	CHECK_EQ(t_nr_free_pages(n, 0), 0);
	t_free(n, 8, 0);
	CHECK_LIST(n, 0, 2, MIGRATE_ISOLATE, 8);
	CHECK_LIST_EMPTY(n, 0, 0, MIGRATE_ISOLATE);
	CHECK_LIST_EMPTY(n, 0, 1, MIGRATE_ISOLATE);
	CHECK_EQ(t_freepage_mt(n, 8), MIGRATE_ISOLATE);
	CHECK(t_lists_empty(n, 0, MIGRATE_MOVABLE));
	CHECK_NR_FREE(n, 0, 0, 0, 1, 0);
	CHECK_EQ(t_free_pages(n, 0), 4);
	CHECK_EQ(t_nr_free_pages(n, 0), 0);

	t_free(n, 17, 0);
	CHECK_LIST(n, 0, 0, MIGRATE_MOVABLE, 17);
	CHECK_EQ(t_nr_free_pages(n, 0), 1);

	CHECK_STATUS(rf_unset_migratetype_isolate(n, 8, MIGRATE_MOVABLE), RF_OK);
	CHECK_EQ(rf_pageblock_migratetype(n, 8), MIGRATE_MOVABLE);
	CHECK_LIST(n, 0, 2, MIGRATE_MOVABLE, 8);
	CHECK(t_lists_empty(n, 0, MIGRATE_ISOLATE));
	CHECK_EQ(t_freepage_mt(n, 8), MIGRATE_MOVABLE);
	CHECK_EQ(t_nr_free_pages(n, 0), 5);

	free_range(n, 12, 16);
	CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 8);
	CHECK_LIST_EMPTY(n, 0, 2, MIGRATE_MOVABLE);
	CHECK_NR_FREE(n, 0, 1, 0, 0, 1);
	CHECK_EQ(t_nr_free_pages(n, 0), 9);
	CHECK_EQ(t_free_pages(n, 0), 9);
	rf_node_destroy(n);
}

/*
 * Nothing allocates from ISOLATE lists.  Drained G64b; 8..15 freed (one
 * order-3 block), 17 freed, 25 freed and moved to the RECLAIMABLE list;
 * then pageblock 8 isolated (8 pages moved: NR_FREE_PAGES 10 -> 2):
 *
 *   pfn  0       8       16      24
 *        ######## 33333333 #0###### #0######
 *   list          I         M        R
 *
 * Expect a MOVABLE order-0 request to take 17, the next one to fall back
 * to the RECLAIMABLE 25 (order 0 is too small to steal anything), and every
 * later request -- MOVABLE order 0 or 3, UNMOVABLE, RECLAIMABLE, and the
 * fallback alone for each type -- to fail with RF_ENOMEM, the order-3 block
 * staying on the ISOLATE list, uncounted.  Undone as MOVABLE, it is
 * counted (NR_FREE_PAGES 8) and a MOVABLE order-3 request gets it.
 */
static void nothing_allocates_from_isolate(void)
{
	struct rf_node *n = drained(g64b(), 64);
	unsigned long pfn = RF_NO_PFN;

	if (!n)
		return;
	free_range(n, 8, 16);
	t_free(n, 17, 0);
	t_free(n, 25, 0);
	CHECK_STATUS(rf_move_freepages(n, 0, 25, 25, MIGRATE_RECLAIMABLE, NULL), RF_OK);
	CHECK_FREE(n, 8, 3, MIGRATE_MOVABLE);
	CHECK_EQ(t_nr_free_pages(n, 0), 10);
	CHECK_STATUS(rf_set_migratetype_isolate(n, 8), RF_OK);
	CHECK_LIST(n, 0, 3, MIGRATE_ISOLATE, 8);
	CHECK_EQ(t_nr_free_pages(n, 0), 2);

	CHECK_EQ(t_alloc(n, 0, 0, MIGRATE_MOVABLE), 17);
	CHECK_EQ(t_alloc(n, 0, 0, MIGRATE_MOVABLE), 25);
	CHECK(t_allocated_as(n, 25, 0, MIGRATE_MOVABLE));
	CHECK_EQ(t_nr_free_pages(n, 0), 0);

	CHECK_STATUS(rf_alloc_pages(n, 0, 0, MIGRATE_MOVABLE, &pfn), RF_ENOMEM);
	CHECK_STATUS(rf_alloc_pages(n, 0, 3, MIGRATE_MOVABLE, &pfn), RF_ENOMEM);
	CHECK_STATUS(rf_alloc_pages(n, 0, 0, MIGRATE_UNMOVABLE, &pfn), RF_ENOMEM);
	CHECK_STATUS(rf_alloc_pages(n, 0, 1, MIGRATE_RECLAIMABLE, &pfn), RF_ENOMEM);
	for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
		CHECK_STATUS(rf_steal(n, 0, 0, mt, &pfn), RF_ENOMEM);
	CHECK_EQ(pfn, RF_NO_PFN);
	CHECK_LIST(n, 0, 3, MIGRATE_ISOLATE, 8);
	CHECK_NR_FREE(n, 0, 0, 0, 0, 1);
	CHECK_EQ(t_free_pages(n, 0), 8);
	CHECK_EQ(t_nr_free_pages(n, 0), 0);

	CHECK_STATUS(rf_unset_migratetype_isolate(n, 8, MIGRATE_MOVABLE), RF_OK);
	CHECK_EQ(t_nr_free_pages(n, 0), 8);
	CHECK_EQ(t_alloc(n, 0, 3, MIGRATE_MOVABLE), 8);
	CHECK_EQ(t_nr_free_pages(n, 0), 0);
	rf_node_destroy(n);
}

/*
 * When isolation refuses.  G64b with a hole at 3 and a reserved page at 9;
 * drained (62 pages).  17 freed and taken by an UNMOVABLE order-0 request
 * (a fallback from MOVABLE: order 0 moves nothing, claims nothing -- the
 * pageblock stays MOVABLE); 25 freed and taken by a RECLAIMABLE request
 * (the same, except that a RECLAIMABLE request moves the pageblock's free
 * pages -- just 25 -- to its list first; 1 page, not claimed).  Then 0, 8,
 * 19, 27, 35 freed (buddies allocated or reserved), NR_FREE_PAGES 5:
 *
 *   pfn  0       8       16      24      32      40
 *        0##x#### 0r###### #U#0#### #R#0#### ###0#### ...
 *   list M        M           M        M        M
 *   pb   M        M        M        M        M
 *
 * has_unmovable_pages' count per pageblock: 1 (hole), 1 (reserved page),
 * 1 (UNMOVABLE head), 1 (RECLAIMABLE head), 0.
 *
 * Expect every one of the five MOVABLE pageblocks to be isolated (RF_OK,
 * 1 page each: NR_FREE_PAGES 0): a MOVABLE pageblock is never refused.
 * Undone as UNMOVABLE, RECLAIMABLE, UNMOVABLE, RECLAIMABLE, RESERVE
 * (NR_FREE_PAGES 5):
 *
 *   pb   U        R        U        R        S
 *
 * Expect RF_EBUSY, and no change at all, when isolating through any pfn of
 * the first four; the RESERVE pageblock 32, holding only MOVABLE
 * allocations, is isolated (35 moved, NR_FREE_PAGES 4).  Freeing the
 * UNMOVABLE 17 (onto the UNMOVABLE list: NR_FREE_PAGES 5) and the
 * RECLAIMABLE 25 (RECLAIMABLE: 6) leaves their pageblocks with nothing
 * unmovable: both are isolated, moving 17, 19 and 25, 27: NR_FREE_PAGES 2.
 * The hole and the reserved page keep pageblocks 0 and 8 refused.
 *
 *   free_list[0][ISOLATE]: vanilla 27 25 19 17 35 (each at the head);
 *   v4 17 19 25 27 35 (35 arrived first: the run's tail).
 */
static void isolation_refused_when_busy(void)
{
	struct rf_geometry g = g64b();

	g.nr_holes = 1;
	g.holes[0] = (struct rf_pfn_range){ 3, 4 };
	g.nr_reserved = 1;
	g.reserved[0] = (struct rf_pfn_range){ 9, 10 };

	struct rf_node *n = drained(g, 62);
	const unsigned long pbs[] = { 0, 8, 16, 24, 32 };
	const int undo_mt[] = { MIGRATE_UNMOVABLE, MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE,
				MIGRATE_RECLAIMABLE, MIGRATE_RESERVE };
	const long unmovable[] = { 1, 1, 1, 1, 0 };

	if (!n)
		return;
	t_free(n, 17, 0);
	CHECK_EQ(t_alloc(n, 0, 0, MIGRATE_UNMOVABLE), 17);
	CHECK(t_allocated_as(n, 17, 0, MIGRATE_UNMOVABLE));
	t_free(n, 25, 0);
	CHECK_EQ(t_alloc(n, 0, 0, MIGRATE_RECLAIMABLE), 25);
	CHECK(t_allocated_as(n, 25, 0, MIGRATE_RECLAIMABLE));
	CHECK(t_pageblocks_are(n, 0, 64, 8, MIGRATE_MOVABLE));
	t_free(n, 0, 0);
	t_free(n, 8, 0);
	t_free(n, 19, 0);
	t_free(n, 27, 0);
	t_free(n, 35, 0);
	CHECK_EQ(t_nr_free_pages(n, 0), 5);
	for (size_t i = 0; i < 5; i++)
		CHECK_EQ(rf_pageblock_unmovable(n, pbs[i]), unmovable[i]);

	for (size_t i = 0; i < 5; i++) {
		CHECK_STATUS(rf_set_migratetype_isolate(n, pbs[i] + 5), RF_OK);
		CHECK_EQ(rf_pageblock_migratetype(n, pbs[i]), MIGRATE_ISOLATE);
		CHECK_EQ(t_nr_free_pages(n, 0), 4 - (long)i);
	}
	CHECK_LIST_EMPTY(n, 0, 0, MIGRATE_MOVABLE);
	for (size_t i = 0; i < 5; i++) {
		CHECK_STATUS(rf_unset_migratetype_isolate(n, pbs[i], undo_mt[i]), RF_OK);
		CHECK_EQ(rf_pageblock_migratetype(n, pbs[i]), undo_mt[i]);
	}
	CHECK_EQ(t_nr_free_pages(n, 0), 5);
	CHECK_FREE(n, 0, 0, MIGRATE_UNMOVABLE);
	CHECK_FREE(n, 8, 0, MIGRATE_RECLAIMABLE);
	CHECK_FREE(n, 35, 0, MIGRATE_RESERVE);

	for (size_t i = 0; i < 4; i++)
		for (unsigned long pfn = pbs[i]; pfn < pbs[i] + 8; pfn++)
			CHECK_REFUSED(n, rf_set_migratetype_isolate(n, pfn), RF_EBUSY);
	CHECK_STATUS(rf_set_migratetype_isolate(n, 32), RF_OK);
	CHECK_EQ(rf_pageblock_migratetype(n, 32), MIGRATE_ISOLATE);
	CHECK_LIST(n, 0, 0, MIGRATE_ISOLATE, 35);
	CHECK_EQ(t_nr_free_pages(n, 0), 4);

	t_free(n, 17, 0);
	CHECK_FREE(n, 17, 0, MIGRATE_UNMOVABLE);
	CHECK_EQ(rf_pageblock_unmovable(n, 16), 0);
	CHECK_EQ(t_nr_free_pages(n, 0), 5);
	t_free(n, 25, 0);
	CHECK_FREE(n, 25, 0, MIGRATE_RECLAIMABLE);
	CHECK_EQ(rf_pageblock_unmovable(n, 24), 0);
	CHECK_EQ(t_nr_free_pages(n, 0), 6);
	CHECK_STATUS(rf_set_migratetype_isolate(n, 16), RF_OK);
	CHECK_STATUS(rf_set_migratetype_isolate(n, 24), RF_OK);
	if (t_mode == RF_MODE_VANILLA)
		CHECK_LIST(n, 0, 0, MIGRATE_ISOLATE, 27, 25, 19, 17, 35);
	else
		CHECK_LIST(n, 0, 0, MIGRATE_ISOLATE, 17, 19, 25, 27, 35);
	CHECK_EQ(t_nr_free_pages(n, 0), 2);
	CHECK_REFUSED(n, rf_set_migratetype_isolate(n, 0), RF_EBUSY);
	CHECK_REFUSED(n, rf_set_migratetype_isolate(n, 8), RF_EBUSY);
	CHECK_LIST(n, 0, 0, MIGRATE_UNMOVABLE, 0);
	CHECK_LIST(n, 0, 0, MIGRATE_RECLAIMABLE, 8);
	rf_node_destroy(n);
}

/*
 * Only the head of an allocated block counts.  Drained G64 (pageblocks of
 * 4); 8..15 freed: one order-3 block covering pageblocks 8 and 12.
 *
 * Isolating pageblock 8 moves that block whole -- it reaches past the
 * pageblock's end -- 8 pages (NR_FREE_PAGES 8 -> 0), though pageblock 12
 * stays MOVABLE; isolating pageblock 12 then finds only tail pages: 0 pages.
 * Both undone as UNMOVABLE (8 pages back, then 0):
 *
 *   pfn  0   4   8   12  16
 *        ######## 33333333 ########
 *   list          U
 *   pb   M   M   U   U   M
 *
 * An UNMOVABLE order-3 request takes 8.  Expect isolating pageblock 8 (its
 * head) to be refused, RF_EBUSY with nothing changed, for any of its pfns;
 * and pageblock 12 -- not MOVABLE, but holding only tail pages of the
 * UNMOVABLE block -- to be isolated (RF_OK, nothing moved).
 */
static void isolation_counts_only_heads(void)
{
	struct rf_node *n = drained(g64(), 64);

	if (!n)
		return;
	free_range(n, 8, 16);
	CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 8);
	CHECK_EQ(t_nr_free_pages(n, 0), 8);

	CHECK_STATUS(rf_set_migratetype_isolate(n, 8), RF_OK);
	CHECK_LIST(n, 0, 3, MIGRATE_ISOLATE, 8);
	CHECK_EQ(rf_pageblock_migratetype(n, 8), MIGRATE_ISOLATE);
	CHECK_EQ(rf_pageblock_migratetype(n, 12), MIGRATE_MOVABLE);
	CHECK_EQ(t_nr_free_pages(n, 0), 0);
	CHECK_STATUS(rf_set_migratetype_isolate(n, 12), RF_OK);
	CHECK_EQ(rf_pageblock_migratetype(n, 12), MIGRATE_ISOLATE);
	CHECK_EQ(t_nr_free_pages(n, 0), 0);
	CHECK_STATUS(rf_unset_migratetype_isolate(n, 8, MIGRATE_UNMOVABLE), RF_OK);
	CHECK_EQ(t_nr_free_pages(n, 0), 8);
	CHECK_STATUS(rf_unset_migratetype_isolate(n, 12, MIGRATE_UNMOVABLE), RF_OK);
	CHECK_EQ(t_nr_free_pages(n, 0), 8);
	CHECK_LIST(n, 0, 3, MIGRATE_UNMOVABLE, 8);
	CHECK_EQ(rf_pageblock_migratetype(n, 8), MIGRATE_UNMOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 12), MIGRATE_UNMOVABLE);

	CHECK_EQ(t_alloc(n, 0, 3, MIGRATE_UNMOVABLE), 8);
	CHECK(t_allocated_as(n, 8, 3, MIGRATE_UNMOVABLE));
	CHECK_EQ(rf_pageblock_unmovable(n, 8), 1);
	CHECK_EQ(rf_pageblock_unmovable(n, 12), 0);
	CHECK_EQ(t_nr_free_pages(n, 0), 0);
	for (unsigned long pfn = 8; pfn < 12; pfn++)
		CHECK_REFUSED(n, rf_set_migratetype_isolate(n, pfn), RF_EBUSY);
	CHECK_STATUS(rf_set_migratetype_isolate(n, 14), RF_OK);
	CHECK_EQ(rf_pageblock_migratetype(n, 12), MIGRATE_ISOLATE);
	CHECK_EQ(rf_pageblock_migratetype(n, 8), MIGRATE_UNMOVABLE);
	CHECK_EQ(t_nr_free_pages(n, 0), 0);
	rf_node_destroy(n);
}

/*
 * Isolating a pageblock that is already isolated is allowed, and subtracts
 * its free pages from NR_FREE_PAGES a second time.  This is the faithful
 * 3.11/3.12 behaviour, a bug (set_migratetype_isolate never checks for
 * ISOLATE; finding F1, fixed upstream in 4.17 by 2c7452a075d4): the test
 * asserts it.  Drained G64b; 8..15 (one order-3 block), 17, and 24..31
 * (another order-3 block) freed: NR_FREE_PAGES 17.
 *
 *   pfn  0       8       16      24
 *        ######## 33333333 #0###### 33333333
 *   list          M         M        M
 *
 * Isolate pageblock 8: 8 pages moved, NR_FREE_PAGES 9.  Isolate it again
 * (through pfn 12): RF_OK -- the type is ISOLATE, not MOVABLE, but nothing
 * unmovable is there -- and the block, already on the ISOLATE list, is
 * "moved" again and subtracted again: NR_FREE_PAGES 1.  One undo (MOVABLE)
 * adds 8 back: 9; a second undo does nothing, the pageblock being MOVABLE.
 * The zone ends with 17 free pages on MOVABLE lists and none isolated, but
 * NR_FREE_PAGES 9: 8 pages short for good.
 *
 *   free_list[3][MOVABLE] after the undo: 8 24 in both modes (vanilla: 8
 *   at the head; v4: before the run's tail, 24).
 */
static void isolate_twice_double_counts(void)
{
	struct rf_node *n = drained(g64b(), 64);

	if (!n)
		return;
	free_range(n, 8, 16);
	t_free(n, 17, 0);
	free_range(n, 24, 32);
	CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 24, 8);
	CHECK_EQ(t_nr_free_pages(n, 0), 17);

	CHECK_STATUS(rf_set_migratetype_isolate(n, 8), RF_OK);
	CHECK_EQ(t_nr_free_pages(n, 0), 9);
	CHECK_STATUS(rf_set_migratetype_isolate(n, 12), RF_OK);
	CHECK_EQ(rf_pageblock_migratetype(n, 8), MIGRATE_ISOLATE);
	CHECK_LIST(n, 0, 3, MIGRATE_ISOLATE, 8);
	CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 24);
	CHECK_EQ(t_nr_free_pages(n, 0), 1);
	CHECK_EQ(t_free_pages(n, 0), 17);

	CHECK_STATUS(rf_unset_migratetype_isolate(n, 8, MIGRATE_MOVABLE), RF_OK);
	CHECK_EQ(t_nr_free_pages(n, 0), 9);
	CHECK_NOTHING_CHANGES(n, rf_unset_migratetype_isolate(n, 8, MIGRATE_MOVABLE));
	CHECK_EQ(rf_pageblock_migratetype(n, 8), MIGRATE_MOVABLE);
	CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 8, 24);
	CHECK(t_lists_empty(n, 0, MIGRATE_ISOLATE));
	CHECK_EQ(t_free_pages(n, 0), 17);
	CHECK_EQ(t_nr_free_pages(n, 0), 9);
	rf_node_destroy(n);
}

/*
 * The range entry points widen the range to whole MAX_ORDER-1 blocks and
 * pageblocks (alloc_contig_range's pfn_max_align_down/up: here to 8 pages,
 * MAX_ORDER_NR_PAGES being larger than a pageblock).  G64 at boot: order-3
 * blocks at 0, 8, ..., 56, each covering two pageblocks of 4:
 *
 *   pfn  0       8       16      24      32
 *        33333333 33333333 33333333 33333333 ...
 *   pb   M   M   M   M   M   M   M   M   M ...
 *
 *   free_list[3][MOVABLE]: vanilla 56 48 40 32 24 16 8 0;
 *                          v4 8 16 24 32 40 48 56 0.
 *
 * start_isolate_page_range(13, 18) isolates [8, 24): pageblocks 8 (block 8
 * moves, 8 pages), 12 (tail pages only, 0), 16 (block 16, 8), 20 (0).  Had
 * the range been widened to pageblocks only ([12, 20)), block 8 -- free
 * pages of the range -- would have stayed MOVABLE, and pageblock 20 would
 * not be ISOLATE.  Expect NR_FREE_PAGES 48, pageblocks 0, 4 and 24 on
 * MOVABLE:
 *
 *   list M        I        I        M ...
 *   pb   M   M   I   I   I   I   M   M ...
 *
 *   free_list[3][ISOLATE] 16 8 (both modes); free_list[3][MOVABLE]:
 *   vanilla 56 48 40 32 24 0; v4 24 32 40 48 56 0.
 *
 * undo_isolate_page_range(5, 33, RECLAIMABLE) covers [0, 40): the four
 * ISOLATE pageblocks become RECLAIMABLE, blocks 8 and 16 moving to the
 * RECLAIMABLE list (16 8), NR_FREE_PAGES 64; the pageblocks that were not
 * ISOLATE (0, 4, 24..36) are left alone -- still MOVABLE.
 */
static void isolate_range_widens_and_undoes(void)
{
	struct rf_geometry g = g64();
	struct rf_node *n = t_node(&g);

	if (!n)
		return;
	CHECK(!rf_page_group_by_mobility_disabled(n));
	CHECK_STATUS(rf_start_isolate_page_range(n, 13, 18, MIGRATE_MOVABLE), RF_OK);
	CHECK(t_pageblocks_are(n, 0, 8, 4, MIGRATE_MOVABLE));
	CHECK(t_pageblocks_are(n, 8, 24, 4, MIGRATE_ISOLATE));
	CHECK(t_pageblocks_are(n, 24, 64, 4, MIGRATE_MOVABLE));
	CHECK_LIST(n, 0, 3, MIGRATE_ISOLATE, 16, 8);
	if (t_mode == RF_MODE_VANILLA)
		CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 56, 48, 40, 32, 24, 0);
	else
		CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 24, 32, 40, 48, 56, 0);
	CHECK_EQ(t_freepage_mt(n, 8), MIGRATE_ISOLATE);
	CHECK_EQ(t_freepage_mt(n, 16), MIGRATE_ISOLATE);
	CHECK_EQ(t_nr_free_pages(n, 0), 48);
	CHECK_NR_FREE(n, 0, 0, 0, 0, 8);

	CHECK_STATUS(rf_undo_isolate_page_range(n, 5, 33, MIGRATE_RECLAIMABLE), RF_OK);
	CHECK(t_pageblocks_are(n, 0, 8, 4, MIGRATE_MOVABLE));
	CHECK(t_pageblocks_are(n, 8, 24, 4, MIGRATE_RECLAIMABLE));
	CHECK(t_pageblocks_are(n, 24, 64, 4, MIGRATE_MOVABLE));
	CHECK_LIST(n, 0, 3, MIGRATE_RECLAIMABLE, 16, 8);
	CHECK(t_lists_empty(n, 0, MIGRATE_ISOLATE));
	CHECK_EQ(t_freepage_mt(n, 8), MIGRATE_RECLAIMABLE);
	CHECK_EQ(t_freepage_mt(n, 16), MIGRATE_RECLAIMABLE);
	CHECK_EQ(t_nr_free_pages(n, 0), 64);
	CHECK_NR_FREE(n, 0, 0, 0, 0, 8);
	rf_node_destroy(n);
}

/*
 * A range with a busy pageblock.  Drained G64 (pageblocks of 4; grouping
 * by mobility on, and an order below pageblock_order/2 = 1 neither moves
 * nor claims when stolen).  Built in steps:
 *   - 17 freed, taken by an UNMOVABLE order-0 request (fallback): pageblock
 *     16 holds an UNMOVABLE head;
 *   - 19 freed, pageblock 16 isolated and undone as UNMOVABLE: 19 on the
 *     UNMOVABLE list, pageblock 16 UNMOVABLE -- now busy;
 *   - 9, 13, 21 freed (MOVABLE); pageblock 12 isolated and undone as
 *     RECLAIMABLE: 13 on the RECLAIMABLE list.
 *
 *   pfn  8   12  16  20  24
 *        #0## #0## #U#0 #0## ...
 *   list  M    R      U  M
 *   pb   M   R   U   M   M
 *
 *   NR_FREE_PAGES 4; free_list[0][MOVABLE]: vanilla 21 9, v4 21 9 (13 was
 *   taken off the head; 9 is the run's tail).
 *
 * start_isolate_page_range(16, 20) and (17, 18) both widen to [16, 24) and
 * meet the busy pageblock first: RF_EBUSY with nothing changed.
 *
 * start_isolate_page_range(8, 24, UNMOVABLE) isolates pageblock 8 (9
 * moved) and 12 (RECLAIMABLE, nothing unmovable: 13 moved), is refused at
 * 16, and undoes 8 and 12 with the caller's type, UNMOVABLE -- neither gets
 * its old type (MOVABLE, RECLAIMABLE) back.  Pageblock 20 is never reached.
 * Expect RF_EBUSY and:
 *
 *   list  U    U      U  M
 *   pb   U   U   U   M   M
 *
 *   NR_FREE_PAGES 4; free_list[0][UNMOVABLE]: vanilla 13 9 19 (each undone
 *   block at the head); v4 9 13 19 (each before the run's tail, 19);
 *   free_list[0][MOVABLE]: 21.
 *
 * Then 17 is freed (UNMOVABLE list; nothing unmovable left in pageblock 16)
 * and the same range is isolated whole -- pageblocks 8, 12 and 16 are
 * UNMOVABLE now, but hold nothing unmovable: 9, 13, 17 + 19, 21 moved,
 * NR_FREE_PAGES 5 -> 0; undone as MOVABLE: 5, every pageblock MOVABLE.
 */
static void isolate_range_busy_undoes_earlier(void)
{
	struct rf_node *n = drained(g64(), 64);

	if (!n)
		return;
	t_free(n, 17, 0);
	CHECK_EQ(t_alloc(n, 0, 0, MIGRATE_UNMOVABLE), 17);
	t_free(n, 19, 0);
	CHECK_STATUS(rf_set_migratetype_isolate(n, 16), RF_OK);
	CHECK_STATUS(rf_unset_migratetype_isolate(n, 16, MIGRATE_UNMOVABLE), RF_OK);
	t_free(n, 9, 0);
	t_free(n, 13, 0);
	t_free(n, 21, 0);
	CHECK_STATUS(rf_set_migratetype_isolate(n, 12), RF_OK);
	CHECK_STATUS(rf_unset_migratetype_isolate(n, 12, MIGRATE_RECLAIMABLE), RF_OK);
	CHECK_EQ(rf_pageblock_migratetype(n, 8), MIGRATE_MOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 12), MIGRATE_RECLAIMABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 16), MIGRATE_UNMOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 20), MIGRATE_MOVABLE);
	CHECK_EQ(rf_pageblock_unmovable(n, 16), 1);
	CHECK_LIST(n, 0, 0, MIGRATE_MOVABLE, 21, 9);
	CHECK_LIST(n, 0, 0, MIGRATE_RECLAIMABLE, 13);
	CHECK_LIST(n, 0, 0, MIGRATE_UNMOVABLE, 19);
	CHECK_EQ(t_nr_free_pages(n, 0), 4);

	CHECK_REFUSED(n, rf_start_isolate_page_range(n, 16, 20, MIGRATE_MOVABLE), RF_EBUSY);
	CHECK_REFUSED(n, rf_start_isolate_page_range(n, 17, 18, MIGRATE_RECLAIMABLE), RF_EBUSY);

	CHECK_STATUS(rf_start_isolate_page_range(n, 8, 24, MIGRATE_UNMOVABLE), RF_EBUSY);
	CHECK_EQ(rf_pageblock_migratetype(n, 8), MIGRATE_UNMOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 12), MIGRATE_UNMOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 16), MIGRATE_UNMOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 20), MIGRATE_MOVABLE);
	if (t_mode == RF_MODE_VANILLA)
		CHECK_LIST(n, 0, 0, MIGRATE_UNMOVABLE, 13, 9, 19);
	else
		CHECK_LIST(n, 0, 0, MIGRATE_UNMOVABLE, 9, 13, 19);
	CHECK_LIST(n, 0, 0, MIGRATE_MOVABLE, 21);
	CHECK_LIST_EMPTY(n, 0, 0, MIGRATE_RECLAIMABLE);
	CHECK(t_lists_empty(n, 0, MIGRATE_ISOLATE));
	CHECK_EQ(t_freepage_mt(n, 9), MIGRATE_UNMOVABLE);
	CHECK_EQ(t_freepage_mt(n, 13), MIGRATE_UNMOVABLE);
	CHECK_EQ(t_nr_free_pages(n, 0), 4);

	t_free(n, 17, 0);
	CHECK_FREE(n, 17, 0, MIGRATE_UNMOVABLE);
	CHECK_EQ(t_nr_free_pages(n, 0), 5);
	CHECK_STATUS(rf_start_isolate_page_range(n, 8, 24, MIGRATE_MOVABLE), RF_OK);
	CHECK(t_pageblocks_are(n, 8, 24, 4, MIGRATE_ISOLATE));
	CHECK_EQ(t_nr_free_pages(n, 0), 0);
	CHECK(t_lists_empty(n, 0, MIGRATE_MOVABLE));
	CHECK(t_lists_empty(n, 0, MIGRATE_UNMOVABLE));
	CHECK_STATUS(rf_undo_isolate_page_range(n, 8, 24, MIGRATE_MOVABLE), RF_OK);
	CHECK(t_pageblocks_are(n, 0, 64, 4, MIGRATE_MOVABLE));
	CHECK(t_lists_empty(n, 0, MIGRATE_ISOLATE));
	CHECK_EQ(t_nr_free_pages(n, 0), 5);
	rf_node_destroy(n);
}

/*
 * Grouping by mobility disabled.  32 pages, MAX_ORDER 4, pageblocks of 8,
 * one region: 32 managed pages < 8 * MIGRATE_TYPES, so the flag is set --
 * after the pageblocks were marked MOVABLE.  Boot:
 *
 *   pfn  0       8       16      24
 *        33333333 33333333 33333333 33333333
 *   list M        M        M        M
 *   pb   M        M        M        M
 *
 * In 3.11/3.12 set_pageblock_migratetype stores UNMOVABLE whatever it is
 * asked to store, ISOLATE included (the 3.13 fix spared the non-PCP types;
 * finding F2).  Faithfully, isolating pageblock 8 -- MOVABLE, so allowed --
 * types it UNMOVABLE, moves block 8 to the ISOLATE list and subtracts it:
 * NR_FREE_PAGES 24.  The type never reads ISOLATE, so the undo does nothing
 * at all: block 8 stays isolated and uncounted.  The same through the range
 * entry points: start_isolate_page_range(17, 20) widens to [16, 24),
 * isolates block 16 (NR_FREE_PAGES 16), pageblock 16 reading UNMOVABLE;
 * undo_isolate_page_range(16, 24) does nothing.
 *
 *   list M        I        I        M
 *   pb   M        U        U        M
 *
 * Draining the node (every request becomes UNMOVABLE) gets the 16 pages of
 * blocks 0 and 24 and nothing from the ISOLATE list (16 8 in both modes).
 */
static void isolation_with_mobility_disabled(void)
{
	struct rf_geometry g = t_geo(4, 3, 5, 0, 32);
	struct rf_node *n = t_node(&g);

	if (!n)
		return;
	CHECK(rf_page_group_by_mobility_disabled(n));
	CHECK(t_pageblocks_are(n, 0, 32, 8, MIGRATE_MOVABLE));
	CHECK_EQ(t_nr_free_pages(n, 0), 32);

	CHECK_STATUS(rf_set_migratetype_isolate(n, 8), RF_OK);
	CHECK_EQ(rf_pageblock_migratetype(n, 8), MIGRATE_UNMOVABLE);
	CHECK_LIST(n, 0, 3, MIGRATE_ISOLATE, 8);
	CHECK_EQ(t_freepage_mt(n, 8), MIGRATE_ISOLATE);
	CHECK_EQ(t_nr_free_pages(n, 0), 24);
	CHECK_NOTHING_CHANGES(n, rf_unset_migratetype_isolate(n, 8, MIGRATE_MOVABLE));
	CHECK_NOTHING_CHANGES(n, rf_unset_migratetype_isolate(n, 8, MIGRATE_UNMOVABLE));

	CHECK_STATUS(rf_start_isolate_page_range(n, 17, 20, MIGRATE_MOVABLE), RF_OK);
	CHECK_EQ(rf_pageblock_migratetype(n, 16), MIGRATE_UNMOVABLE);
	CHECK_LIST(n, 0, 3, MIGRATE_ISOLATE, 16, 8);
	CHECK_EQ(t_nr_free_pages(n, 0), 16);
	CHECK_NOTHING_CHANGES(n, rf_undo_isolate_page_range(n, 16, 24, MIGRATE_MOVABLE));
	CHECK_EQ(rf_pageblock_migratetype(n, 0), MIGRATE_MOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 24), MIGRATE_MOVABLE);

	CHECK_EQ(t_drain(n), 16);
	CHECK_LIST(n, 0, 3, MIGRATE_ISOLATE, 16, 8);
	CHECK_EQ(t_free_pages(n, 0), 16);
	CHECK_EQ(t_nr_free_pages(n, 0), 0);
	rf_node_destroy(n);
}

/*
 * Invalid calls change nothing.  Two zones whose boundary is not
 * pageblock-aligned: the node is [16, 80), MAX_ORDER 4, pageblocks of 8,
 * one node region; zone 0 [16, 44), zone 1 [44, 80).  Boot, then pageblock
 * 56 (zone 1) isolated: block 56 on the ISOLATE list, NR_FREE_PAGES of zone
 * 1 36 -> 28.
 *
 *   pfn 16      24      32      40  44  48      56      64      72      80
 *       33333333 33333333 33333333 2222|2222 33333333 33333333 33333333 33333333
 *   list M        M        M        M   |M    M        I        M        M
 *   pb   M        M        M        M        M        I        M        M
 *
 * Expect, with nothing changed:
 *   set/unset of a pfn outside the node                       RF_ERANGE
 *   unset with type ISOLATE or a type out of range            RF_EINVAL
 *   a range with start >= end                                 RF_EINVAL
 *   a range reaching outside the node                         RF_ERANGE
 *   a range crossing the zone boundary                        RF_EXDEV
 *   a range with type ISOLATE or out of range                 RF_EINVAL
 * for both start_isolate_page_range and undo_isolate_page_range.  Then the
 * positive control: undo_isolate_page_range(56, 64, MOVABLE) gives block
 * 56 back: NR_FREE_PAGES 36.
 */
static void isolation_refusals(void)
{
	struct rf_geometry g = t_geo(4, 3, 6, 16, 64);

	g.nr_zones = 2;
	g.zone_start_pfn[1] = 44;

	struct rf_node *n = t_node(&g);
	const unsigned long outside[] = { 0, 8, 15, 80, 88, 1UL << 40, ULONG_MAX };
	const int bad_mt[] = { MIGRATE_ISOLATE, -1, MIGRATE_TYPES, MIGRATE_TYPES + 1, INT_MIN,
			       INT_MAX };

	if (!n)
		return;
	CHECK_FREE(n, 44, 2, MIGRATE_MOVABLE);
	CHECK_STATUS(rf_set_migratetype_isolate(n, 56), RF_OK);
	CHECK_LIST(n, 1, 3, MIGRATE_ISOLATE, 56);
	CHECK_EQ(t_nr_free_pages(n, 1), 28);

	for (size_t i = 0; i < sizeof(outside) / sizeof(outside[0]); i++) {
		CHECK_REFUSED(n, rf_set_migratetype_isolate(n, outside[i]), RF_ERANGE);
		CHECK_REFUSED(n, rf_unset_migratetype_isolate(n, outside[i], MIGRATE_MOVABLE),
			      RF_ERANGE);
	}
	for (size_t i = 0; i < sizeof(bad_mt) / sizeof(bad_mt[0]); i++) {
		CHECK_REFUSED(n, rf_unset_migratetype_isolate(n, 56, bad_mt[i]), RF_EINVAL);
		CHECK_REFUSED(n, rf_unset_migratetype_isolate(n, 61, bad_mt[i]), RF_EINVAL);
		CHECK_REFUSED(n, rf_unset_migratetype_isolate(n, 20, bad_mt[i]), RF_EINVAL);
	}

	for (int undo = 0; undo < 2; undo++) {
		int (*fn)(struct rf_node *, unsigned long, unsigned long, int) =
			undo ? rf_undo_isolate_page_range : rf_start_isolate_page_range;

		/* start >= end */
		CHECK_REFUSED(n, fn(n, 56, 56, MIGRATE_MOVABLE), RF_EINVAL);
		CHECK_REFUSED(n, fn(n, 64, 56, MIGRATE_MOVABLE), RF_EINVAL);
		CHECK_REFUSED(n, fn(n, 17, 16, MIGRATE_MOVABLE), RF_EINVAL);
		/* outside the node */
		CHECK_REFUSED(n, fn(n, 8, 24, MIGRATE_MOVABLE), RF_ERANGE);
		CHECK_REFUSED(n, fn(n, 0, 16, MIGRATE_MOVABLE), RF_ERANGE);
		CHECK_REFUSED(n, fn(n, 56, 81, MIGRATE_MOVABLE), RF_ERANGE);
		CHECK_REFUSED(n, fn(n, 80, 96, MIGRATE_MOVABLE), RF_ERANGE);
		CHECK_REFUSED(n, fn(n, 48, ULONG_MAX, MIGRATE_MOVABLE), RF_ERANGE);
		/* crossing the zone boundary at 44 */
		CHECK_REFUSED(n, fn(n, 40, 48, MIGRATE_MOVABLE), RF_EXDEV);
		CHECK_REFUSED(n, fn(n, 43, 45, MIGRATE_MOVABLE), RF_EXDEV);
		CHECK_REFUSED(n, fn(n, 16, 80, MIGRATE_MOVABLE), RF_EXDEV);
		/* bad types */
		for (size_t i = 0; i < sizeof(bad_mt) / sizeof(bad_mt[0]); i++) {
			CHECK_REFUSED(n, fn(n, 56, 64, bad_mt[i]), RF_EINVAL);
			CHECK_REFUSED(n, fn(n, 24, 32, bad_mt[i]), RF_EINVAL);
		}
	}

	CHECK_STATUS(rf_undo_isolate_page_range(n, 56, 64, MIGRATE_MOVABLE), RF_OK);
	CHECK_EQ(rf_pageblock_migratetype(n, 56), MIGRATE_MOVABLE);
	CHECK_FREE(n, 56, 3, MIGRATE_MOVABLE);
	CHECK_EQ(t_nr_free_pages(n, 1), 36);
	CHECK_EQ(t_nr_free_pages(n, 0), 28);
	rf_node_destroy(n);
}

static const struct t_case cases[] = {
	TEST(isolate_movable_pageblock, BOTH),
	TEST(undo_isolation_with_type, BOTH),
	TEST(undo_of_non_isolated_does_nothing, BOTH),
	TEST(frees_into_isolated_pageblock, BOTH),
	TEST(nothing_allocates_from_isolate, BOTH),
	TEST(isolation_refused_when_busy, BOTH),
	TEST(isolation_counts_only_heads, BOTH),
	TEST(isolate_twice_double_counts, BOTH),
	TEST(isolate_range_widens_and_undoes, BOTH),
	TEST(isolate_range_busy_undoes_earlier, BOTH),
	TEST(isolation_with_mobility_disabled, BOTH),
	TEST(isolation_refusals, BOTH),
	{ 0 },
};

int main(int argc, char **argv)
{
	return t_main(argc, argv, "isolation", cases);
}
