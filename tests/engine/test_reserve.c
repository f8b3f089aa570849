// SPDX-License-Identifier: MIT
/*
 * setup_zone_migrate_reserve (3.11 mm/page_alloc.c; unchanged in 3.12 and
 * in v4): walk the zone's pageblocks from its start rounded up to a
 * pageblock; while the quota is unmet skip a pageblock holding a hole or a
 * reserved page, count a RESERVE one, make a MOVABLE one RESERVE and
 * move_freepages_block its free pages to RESERVE; once the quota is met give
 * every further RESERVE pageblock back as MOVABLE, moving its pages back.
 *
 * Pictures: one character per pfn; a free block is drawn as its order digit
 * repeated over its pages, '#' is allocated, 'x' a hole, 'r' reserved.  The
 * "list" line names the list of each free block under its first pfn, the
 * "pb" line each pageblock's type under its first pfn (U UNMOVABLE,
 * M MOVABLE, S RESERVE).
 *
 * Every geometry has one region per zone, so that v4's region allocator
 * never takes a region and v4 moves the same blocks as vanilla.
 */
#include "testlib.h"

/*
 * The quota is met from the zone start rounded up to a pageblock.  64 pages,
 * MAX_ORDER 4, pageblocks of 8 (= top order), regions of 64; two zones,
 * [0, 12) and [12, 64).  Pageblock 8 straddles them: its type is shared and
 * MOVABLE (its first pfn lies in zone 0).  Boot, per zone:
 *
 *   pfn  0        8    12   16       24       32       40       48       56      64
 *        33333333 2222|2222 33333333 33333333 33333333 33333333 33333333 33333333
 *   list M        M    M    M        M        M        M        M        M
 *   pb   M        M         M        M        M        M        M        M
 *
 * setup_zone_migrate_reserve(zone 1, 2) starts at roundup(12, 8) = 16.
 * Expect pageblocks 16 and 24 RESERVE, their blocks on the RESERVE list
 * (24, 16 in both modes: vanilla puts each at the head, v4 before the run's
 * tail, the first one moved), with freepage type RESERVE; pageblock 8 and
 * zone 1's block 12 in it untouched; 32..56 MOVABLE; zone 0 untouched;
 * nr_free and NR_FREE_PAGES unchanged (moving is not freeing).
 */
static void reserve_from_zone_start_rounded_up(void)
{
	struct rf_geometry g = t_geo(4, 3, 6, 0, 64);

	g.nr_zones = 2;
	g.zone_start_pfn[1] = 12;

	struct rf_node *n = t_node(&g);

	if (!n)
		return;
	CHECK(!rf_page_group_by_mobility_disabled(n));
	CHECK_FREE(n, 12, 2, MIGRATE_MOVABLE);
	CHECK_FREE(n, 8, 2, MIGRATE_MOVABLE);

	CHECK_STATUS(rf_setup_zone_migrate_reserve(n, 1, 2), RF_OK);
	CHECK_EQ(rf_pageblock_migratetype(n, 0), MIGRATE_MOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 8), MIGRATE_MOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 16), MIGRATE_RESERVE);
	CHECK_EQ(rf_pageblock_migratetype(n, 24), MIGRATE_RESERVE);
	CHECK(t_pageblocks_are(n, 32, 64, 8, MIGRATE_MOVABLE));
	CHECK_LIST(n, 1, 3, MIGRATE_RESERVE, 24, 16);
	if (t_mode == RF_MODE_VANILLA)
		CHECK_LIST(n, 1, 3, MIGRATE_MOVABLE, 56, 48, 40, 32);
	else
		CHECK_LIST(n, 1, 3, MIGRATE_MOVABLE, 32, 40, 48, 56);
	CHECK_LIST(n, 1, 2, MIGRATE_MOVABLE, 12);
	CHECK_LIST_EMPTY(n, 1, 2, MIGRATE_RESERVE);
	CHECK_EQ(t_freepage_mt(n, 16), MIGRATE_RESERVE);
	CHECK_EQ(t_freepage_mt(n, 24), MIGRATE_RESERVE);
	CHECK_EQ(t_freepage_mt(n, 12), MIGRATE_MOVABLE);
	CHECK_EQ(rf_nr_free(n, 1, 3), 6);
	CHECK_EQ(rf_nr_free(n, 1, 2), 1);
	CHECK_EQ(t_nr_free_pages(n, 1), 52);
	/* Zone 0. */
	CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 0);
	CHECK_LIST(n, 0, 2, MIGRATE_MOVABLE, 8);
	for (int mt = 0; mt < MIGRATE_TYPES; mt++)
		if (mt != MIGRATE_MOVABLE)
			for (unsigned int o = 0; o < 4; o++)
				CHECK_LIST_EMPTY(n, 0, o, mt);
	CHECK_EQ(t_nr_free_pages(n, 0), 12);
	rf_node_destroy(n);
}

/*
 * While the quota is unmet, a pageblock holding a hole or a reserved page is
 * skipped: neither counted nor reverted.  64 pages, MAX_ORDER 4, pageblocks
 * of 8, one region; a hole at 3, a reserved page at 9.  Boot:
 *
 *   pfn  0        8        16      24     56      64
 *        110x2222 0r112222 33333333 ...   33333333
 *   list M M M    M M M    M              M
 *   pb   M        M        M        ...   M
 *
 * Pageblock 8 is first made RESERVE by isolating it and undoing the
 * isolation as RESERVE: 8, 10, 12 go to the RESERVE lists (NR_FREE_PAGES
 * drops by 7 and comes back).  Then setup_zone_migrate_reserve(1):
 * pageblock 0 (hole) skipped, pageblock 8 (reserved page, RESERVE) skipped and
 * not counted, pageblock 16 made RESERVE -- the quota is met -- and 24..56
 * left MOVABLE.
 *
 *   pb   M        S        S        ...   M
 *   list M M M    S S S    S              M
 *
 * Expect two RESERVE pageblocks for a quota of one.  Then a quota of 0: every
 * RESERVE pageblock is beyond the (met) quota and given back, the reserved
 * page no longer protecting pageblock 8; all blocks back on MOVABLE lists.
 */
static void reserve_skips_holes_and_reserved_pages(void)
{
	struct rf_geometry g = t_geo(4, 3, 6, 0, 64);

	g.nr_holes = 1;
	g.holes[0] = (struct rf_pfn_range){ 3, 4 };
	g.nr_reserved = 1;
	g.reserved[0] = (struct rf_pfn_range){ 9, 10 };

	struct rf_node *n = t_node(&g);

	if (!n)
		return;
	CHECK_EQ(t_nr_free_pages(n, 0), 62);
	CHECK_FREE(n, 0, 1, MIGRATE_MOVABLE);
	CHECK_FREE(n, 2, 0, MIGRATE_MOVABLE);
	CHECK_FREE(n, 4, 2, MIGRATE_MOVABLE);
	CHECK_FREE(n, 8, 0, MIGRATE_MOVABLE);
	CHECK_FREE(n, 10, 1, MIGRATE_MOVABLE);
	CHECK_FREE(n, 12, 2, MIGRATE_MOVABLE);

	CHECK_STATUS(rf_set_migratetype_isolate(n, 8), RF_OK);
	CHECK_EQ(t_nr_free_pages(n, 0), 55);
	CHECK_STATUS(rf_unset_migratetype_isolate(n, 8, MIGRATE_RESERVE), RF_OK);
	CHECK_EQ(t_nr_free_pages(n, 0), 62);
	CHECK_EQ(rf_pageblock_migratetype(n, 8), MIGRATE_RESERVE);
	CHECK_LIST(n, 0, 0, MIGRATE_RESERVE, 8);
	CHECK_LIST(n, 0, 1, MIGRATE_RESERVE, 10);
	CHECK_LIST(n, 0, 2, MIGRATE_RESERVE, 12);

	CHECK_STATUS(rf_setup_zone_migrate_reserve(n, 0, 1), RF_OK);
	CHECK_EQ(rf_pageblock_migratetype(n, 0), MIGRATE_MOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 8), MIGRATE_RESERVE);
	CHECK_EQ(rf_pageblock_migratetype(n, 16), MIGRATE_RESERVE);
	CHECK(t_pageblocks_are(n, 24, 64, 8, MIGRATE_MOVABLE));
	CHECK_FREE(n, 0, 1, MIGRATE_MOVABLE);
	CHECK_FREE(n, 2, 0, MIGRATE_MOVABLE);
	CHECK_FREE(n, 4, 2, MIGRATE_MOVABLE);
	CHECK_LIST(n, 0, 0, MIGRATE_RESERVE, 8);
	CHECK_LIST(n, 0, 1, MIGRATE_RESERVE, 10);
	CHECK_LIST(n, 0, 2, MIGRATE_RESERVE, 12);
	CHECK_LIST(n, 0, 3, MIGRATE_RESERVE, 16);
	CHECK_FREE(n, 24, 3, MIGRATE_MOVABLE);
	CHECK_EQ(rf_nr_free(n, 0, 3), 6);
	CHECK_EQ(t_nr_free_pages(n, 0), 62);

	CHECK_STATUS(rf_setup_zone_migrate_reserve(n, 0, 0), RF_OK);
	CHECK(t_pageblocks_are(n, 0, 64, 8, MIGRATE_MOVABLE));
	for (unsigned int o = 0; o < 4; o++)
		CHECK_LIST_EMPTY(n, 0, o, MIGRATE_RESERVE);
	CHECK_FREE(n, 8, 0, MIGRATE_MOVABLE);
	CHECK_FREE(n, 10, 1, MIGRATE_MOVABLE);
	CHECK_FREE(n, 12, 2, MIGRATE_MOVABLE);
	CHECK_FREE(n, 16, 3, MIGRATE_MOVABLE);
	CHECK_EQ(t_freepage_mt(n, 16), MIGRATE_MOVABLE);
	CHECK_EQ(t_nr_free_pages(n, 0), 62);
	rf_node_destroy(n);
}

/*
 * RESERVE pageblocks beyond the quota are given back.  64 pages, MAX_ORDER
 * 4, pageblocks of 8, one region; everything allocated, then every page but
 * 17 freed:
 *
 *   pfn  0        8        16       24           56      64
 *        33333333 33333333 0#112222 33333333 ... 33333333
 *
 * setup_zone_migrate_reserve(3) makes pageblocks 0, 8, 16 RESERVE and moves
 * 0, 8, 16, 18, 20 to the RESERVE lists.  A second call with a quota of 1
 * counts pageblock 0 and gives 8 and 16 back: MOVABLE again, their blocks
 * back on the MOVABLE lists.
 *
 *   pb   S        M        M        M        ... M
 *   list S        M        M M M    M        ... M
 */
static void reserve_extra_given_back(void)
{
	struct rf_geometry g = t_geo(4, 3, 6, 0, 64);
	struct rf_node *n = t_node(&g);

	if (!n)
		return;
	CHECK_EQ(t_drain(n), 64);
	for (unsigned long pfn = 0; pfn < 64; pfn++)
		if (pfn != 17)
			t_free(n, pfn, 0);
	CHECK_FREE(n, 16, 0, MIGRATE_MOVABLE);
	CHECK_FREE(n, 18, 1, MIGRATE_MOVABLE);
	CHECK_FREE(n, 20, 2, MIGRATE_MOVABLE);

	CHECK_STATUS(rf_setup_zone_migrate_reserve(n, 0, 3), RF_OK);
	CHECK(t_pageblocks_are(n, 0, 24, 8, MIGRATE_RESERVE));
	CHECK(t_pageblocks_are(n, 24, 64, 8, MIGRATE_MOVABLE));
	CHECK_LIST(n, 0, 3, MIGRATE_RESERVE, 8, 0);
	CHECK_LIST(n, 0, 2, MIGRATE_RESERVE, 20);
	CHECK_LIST(n, 0, 1, MIGRATE_RESERVE, 18);
	CHECK_LIST(n, 0, 0, MIGRATE_RESERVE, 16);
	for (unsigned int o = 0; o < 3; o++)
		CHECK_LIST_EMPTY(n, 0, o, MIGRATE_MOVABLE);

	CHECK_STATUS(rf_setup_zone_migrate_reserve(n, 0, 1), RF_OK);
	CHECK_EQ(rf_pageblock_migratetype(n, 0), MIGRATE_RESERVE);
	CHECK(t_pageblocks_are(n, 8, 64, 8, MIGRATE_MOVABLE));
	CHECK_LIST(n, 0, 3, MIGRATE_RESERVE, 0);
	for (unsigned int o = 0; o < 3; o++)
		CHECK_LIST_EMPTY(n, 0, o, MIGRATE_RESERVE);
	CHECK_FREE(n, 8, 3, MIGRATE_MOVABLE);
	CHECK_LIST(n, 0, 2, MIGRATE_MOVABLE, 20);
	CHECK_LIST(n, 0, 1, MIGRATE_MOVABLE, 18);
	CHECK_LIST(n, 0, 0, MIGRATE_MOVABLE, 16);
	CHECK_EQ(t_freepage_mt(n, 8), MIGRATE_MOVABLE);
	CHECK_EQ(t_freepage_mt(n, 0), MIGRATE_RESERVE);
	CHECK_EQ(rf_nr_free(n, 0, 3), 7);
	CHECK_EQ(rf_nr_free(n, 0, 2), 1);
	CHECK_EQ(rf_nr_free(n, 0, 1), 1);
	CHECK_EQ(rf_nr_free(n, 0, 0), 1);
	CHECK_EQ(t_nr_free_pages(n, 0), 63);
	rf_node_destroy(n);
}

/*
 * A trailing partial pageblock.  60 pages, MAX_ORDER 4, pageblocks of 8,
 * one region: the zone ends inside pageblock 56.  Boot:
 *
 *   pfn  0       8       48       56  60
 *        33333333 ...    33333333 2222|
 *
 * setup_zone_migrate_reserve(8) reaches pageblock 56 with the quota unmet:
 * it is set RESERVE and counted, but move_freepages_block returns 0 (the
 * pageblock's end, 63, is outside the zone), so 56 stays on the MOVABLE list.
 * Expect it to be handed out to a MOVABLE order-2 request, and, freed, to go
 * to the RESERVE list (its pageblock's type).  A second call with a quota of
 * 7 gives pageblock 56 back -- MOVABLE -- and again moves nothing: 56 stays
 * on the RESERVE list.
 */
static void reserve_trailing_partial_pageblock(void)
{
	struct rf_geometry g = t_geo(4, 3, 6, 0, 60);
	struct rf_node *n = t_node(&g);

	if (!n)
		return;
	CHECK_LIST(n, 0, 2, MIGRATE_MOVABLE, 56);

	CHECK_STATUS(rf_setup_zone_migrate_reserve(n, 0, 8), RF_OK);
	CHECK(t_pageblocks_are(n, 0, 60, 8, MIGRATE_RESERVE));
	if (t_mode == RF_MODE_VANILLA)
		CHECK_LIST(n, 0, 3, MIGRATE_RESERVE, 48, 40, 32, 24, 16, 8, 0);
	else
		CHECK_LIST(n, 0, 3, MIGRATE_RESERVE, 8, 16, 24, 32, 40, 48, 0);
	CHECK_LIST_EMPTY(n, 0, 3, MIGRATE_MOVABLE);
	CHECK_LIST(n, 0, 2, MIGRATE_MOVABLE, 56);
	CHECK_LIST_EMPTY(n, 0, 2, MIGRATE_RESERVE);
	CHECK_EQ(t_freepage_mt(n, 56), MIGRATE_MOVABLE);
	CHECK_EQ(t_nr_free_pages(n, 0), 60);

	CHECK_EQ(t_alloc(n, 0, 2, MIGRATE_MOVABLE), 56);
	CHECK_EQ(t_nr_free_pages(n, 0), 56);
	t_free(n, 56, 2);
	CHECK_LIST(n, 0, 2, MIGRATE_RESERVE, 56);
	CHECK_LIST_EMPTY(n, 0, 2, MIGRATE_MOVABLE);
	CHECK_EQ(t_nr_free_pages(n, 0), 60);

	CHECK_STATUS(rf_setup_zone_migrate_reserve(n, 0, 7), RF_OK);
	CHECK(t_pageblocks_are(n, 0, 56, 8, MIGRATE_RESERVE));
	CHECK_EQ(rf_pageblock_migratetype(n, 56), MIGRATE_MOVABLE);
	CHECK_LIST(n, 0, 2, MIGRATE_RESERVE, 56);
	CHECK_LIST_EMPTY(n, 0, 2, MIGRATE_MOVABLE);
	CHECK_EQ(rf_nr_free(n, 0, 3), 7);
	CHECK_EQ(rf_nr_free(n, 0, 2), 1);
	rf_node_destroy(n);
}

/*
 * A free block larger than a pageblock.  32 pages, MAX_ORDER 4 (top blocks
 * of 8), pageblocks of 4, one region: boot leaves 0, 8, 16, 24 of order 3,
 * each covering two pageblocks.  Pageblock 8 is isolated and given back as
 * UNMOVABLE, which moves 8 to the UNMOVABLE list (pageblock 12 stays MOVABLE).
 *
 *   pfn  0   4    8   12   16  20   24  28  32
 *        33333333 33333333 33333333 33333333
 *   list M        U        M        M
 *   pb   M   M    U   M    M   M    M   M
 *
 * setup_zone_migrate_reserve(3): pageblock 0 made RESERVE -- 0 is headed
 * there and moves whole, 8 pages; pageblock 4 made RESERVE -- it holds only
 * the tail of 0, nothing moves; pageblock 8 UNMOVABLE, passed over;
 * pageblock 12 made RESERVE -- the tail of 8, which stays on the UNMOVABLE
 * list; quota met.
 *
 *   list S        U        M        M
 *   pb   S   S    U   S    M   M    M   M
 */
static void reserve_block_larger_than_pageblock(void)
{
	struct rf_geometry g = t_geo(4, 2, 5, 0, 32);
	struct rf_node *n = t_node(&g);

	if (!n)
		return;
	CHECK(!rf_page_group_by_mobility_disabled(n));
	CHECK_STATUS(rf_set_migratetype_isolate(n, 8), RF_OK);
	CHECK_STATUS(rf_unset_migratetype_isolate(n, 8, MIGRATE_UNMOVABLE), RF_OK);
	CHECK_LIST(n, 0, 3, MIGRATE_UNMOVABLE, 8);
	CHECK_EQ(rf_pageblock_migratetype(n, 8), MIGRATE_UNMOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 12), MIGRATE_MOVABLE);

	CHECK_STATUS(rf_setup_zone_migrate_reserve(n, 0, 3), RF_OK);
	CHECK_EQ(rf_pageblock_migratetype(n, 0), MIGRATE_RESERVE);
	CHECK_EQ(rf_pageblock_migratetype(n, 4), MIGRATE_RESERVE);
	CHECK_EQ(rf_pageblock_migratetype(n, 8), MIGRATE_UNMOVABLE);
	CHECK_EQ(rf_pageblock_migratetype(n, 12), MIGRATE_RESERVE);
	CHECK(t_pageblocks_are(n, 16, 32, 4, MIGRATE_MOVABLE));
	CHECK_LIST(n, 0, 3, MIGRATE_RESERVE, 0);
	CHECK_LIST(n, 0, 3, MIGRATE_UNMOVABLE, 8);
	if (t_mode == RF_MODE_VANILLA)
		CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 24, 16);
	else
		CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 16, 24);
	CHECK_EQ(t_freepage_mt(n, 0), MIGRATE_RESERVE);
	CHECK_EQ(t_freepage_mt(n, 8), MIGRATE_UNMOVABLE);
	CHECK_EQ(rf_nr_free(n, 0, 3), 4);
	CHECK_EQ(t_nr_free_pages(n, 0), 32);
	rf_node_destroy(n);
}

/*
 * Mobility grouping disabled: 32 pages, pageblocks of 8, so fewer managed
 * pages than 8 * MIGRATE_TYPES.  The pageblocks were made MOVABLE before the
 * flag was set; set_pageblock_migratetype then stores UNMOVABLE for RESERVE.
 *
 *   pfn  0        8        16       24      32
 *        33333333 33333333 33333333 33333333
 *
 * setup_zone_migrate_reserve(2): pageblocks 0 and 8, MOVABLE, are "set
 * RESERVE" -- stored UNMOVABLE -- and 0 and 8 move to the RESERVE list.
 * Expect no RESERVE pageblock at all.  A second call with the same quota
 * finds 0 and 8 UNMOVABLE (neither counted nor given back) and takes 16 and
 * 24 too: every block on the RESERVE list, every pageblock UNMOVABLE.
 */
static void reserve_mobility_disabled(void)
{
	struct rf_geometry g = t_geo(4, 3, 5, 0, 32);
	struct rf_node *n = t_node(&g);

	if (!n)
		return;
	CHECK(rf_page_group_by_mobility_disabled(n));
	CHECK(t_pageblocks_are(n, 0, 32, 8, MIGRATE_MOVABLE));

	CHECK_STATUS(rf_setup_zone_migrate_reserve(n, 0, 2), RF_OK);
	CHECK(t_pageblocks_are(n, 0, 16, 8, MIGRATE_UNMOVABLE));
	CHECK(t_pageblocks_are(n, 16, 32, 8, MIGRATE_MOVABLE));
	CHECK_LIST(n, 0, 3, MIGRATE_RESERVE, 8, 0);
	if (t_mode == RF_MODE_VANILLA)
		CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 24, 16);
	else
		CHECK_LIST(n, 0, 3, MIGRATE_MOVABLE, 16, 24);
	CHECK_LIST_EMPTY(n, 0, 3, MIGRATE_UNMOVABLE);
	CHECK_EQ(t_freepage_mt(n, 0), MIGRATE_RESERVE);

	CHECK_STATUS(rf_setup_zone_migrate_reserve(n, 0, 2), RF_OK);
	CHECK(t_pageblocks_are(n, 0, 32, 8, MIGRATE_UNMOVABLE));
	if (t_mode == RF_MODE_VANILLA)
		CHECK_LIST(n, 0, 3, MIGRATE_RESERVE, 24, 16, 8, 0);
	else
		CHECK_LIST(n, 0, 3, MIGRATE_RESERVE, 8, 16, 24, 0);
	CHECK_LIST_EMPTY(n, 0, 3, MIGRATE_MOVABLE);
	CHECK_EQ(rf_nr_free(n, 0, 3), 4);
	CHECK_EQ(t_nr_free_pages(n, 0), 32);
	rf_node_destroy(n);
}

/*
 * Refusals leave everything as it was: a zone that does not exist, and a
 * quota above the zone's pageblocks -- 8 for the 64-page zone (pageblocks of
 * 8), 8 too for a 60-page zone (seven whole and the partial one).  The
 * largest quota that fits is accepted and makes every pageblock RESERVE.
 */
static void reserve_refuses_bad_zone_or_quota(void)
{
	struct rf_geometry g = t_geo(4, 3, 6, 0, 64);
	struct rf_geometry g60 = t_geo(4, 3, 6, 0, 60);
	struct rf_node *n = t_node(&g);
	struct rf_node *n60 = t_node(&g60);

	if (!n || !n60) {
		rf_node_destroy(n);
		rf_node_destroy(n60);
		return;
	}
	CHECK_REFUSED(n, rf_setup_zone_migrate_reserve(n, 1, 1), RF_EINVAL);
	CHECK_REFUSED(n, rf_setup_zone_migrate_reserve(n, RF_MAX_ZONES, 1), RF_EINVAL);
	CHECK_REFUSED(n, rf_setup_zone_migrate_reserve(n, ~0U, 1), RF_EINVAL);
	CHECK_REFUSED(n, rf_setup_zone_migrate_reserve(n, 0, 9), RF_EINVAL);
	CHECK_REFUSED(n, rf_setup_zone_migrate_reserve(n, 0, ~0U), RF_EINVAL);
	CHECK_REFUSED(n60, rf_setup_zone_migrate_reserve(n60, 0, 9), RF_EINVAL);

	CHECK_STATUS(rf_setup_zone_migrate_reserve(n, 0, 8), RF_OK);
	CHECK(t_pageblocks_are(n, 0, 64, 8, MIGRATE_RESERVE));
	CHECK_LIST_EMPTY(n, 0, 3, MIGRATE_MOVABLE);
	CHECK_EQ(rf_nr_free(n, 0, 3), 8);
	CHECK_EQ(t_nr_free_pages(n, 0), 64);
	rf_node_destroy(n);
	rf_node_destroy(n60);
}

static const struct t_case cases[] = {
	TEST(reserve_from_zone_start_rounded_up, BOTH),
	TEST(reserve_skips_holes_and_reserved_pages, BOTH),
	TEST(reserve_extra_given_back, BOTH),
	TEST(reserve_trailing_partial_pageblock, BOTH),
	TEST(reserve_block_larger_than_pageblock, BOTH),
	TEST(reserve_mobility_disabled, BOTH),
	TEST(reserve_refuses_bad_zone_or_quota, BOTH),
	{ 0 },
};

int main(int argc, char **argv)
{
	return t_main(argc, argv, "reserve", cases);
}
