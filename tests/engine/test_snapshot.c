// SPDX-License-Identifier: MIT
/*
 * rf_node_copy(): one node's whole state into another created with the same
 * geometry and configuration; rf_node_clone(): into a new node.  The oracle
 * starts every program from a copy of a node set up once, so a copy must be
 * indistinguishable from the original -- through every introspection call
 * and through every later operation -- and a refused copy must leave its
 * target as it was.
 *
 * Pictures: one character per pfn; a free block is drawn as its order digit
 * repeated over its pages, '#' is allocated, 'x' a hole.
 */
#include "testlib.h"

/*
 * G64: 64 pages, MAX_ORDER 4, pageblocks of 4, regions of 16 (v4: four
 * regions), a hole at [40, 44).  At boot:
 *
 *   pfn  0       8       16      24      32      40      48      56
 *        3333333333333333333333333333333333333333xxxx22223333333333333333
 *
 * churn() then splits, merges, falls back, isolates [16, 20) (a pageblock
 * type and the ISOLATE lists) and, in v4, moves regions through the region
 * allocator.  The tests compare whole states and later results, so they
 * hold whatever the exact layout after churn() is in each mode.
 */
static struct rf_geometry g64(void)
{
	struct rf_geometry g = t_geo(4, 2, 4, 0, 64);

	g.nr_holes = 1;
	g.holes[0] = (struct rf_pfn_range){ 40, 44 };
	return g;
}

/* Every introspected detail of @a and @b agrees. */
#define CHECK_SAME_STATE(a, b)                                                 \
	do {                                                                   \
		struct t_snapshot *sa_ = t_snap(a), *sb_ = t_snap(b);          \
		t_snap_same(sa_, sb_, __FILE__, __LINE__);                     \
		t_snap_free(sa_);                                              \
		t_snap_free(sb_);                                              \
	} while (0)

static void churn(struct rf_node *n, unsigned long *kept)
{
	unsigned long a = t_alloc(n, 0, 1, MIGRATE_UNMOVABLE);
	unsigned long b = t_alloc(n, 0, 0, MIGRATE_RECLAIMABLE);

	*kept = t_alloc(n, 0, 2, MIGRATE_MOVABLE);
	t_free(n, a, 1);
	CHECK_STATUS(rf_start_isolate_page_range(n, 16, 20, MIGRATE_MOVABLE), RF_OK);
	t_alloc(n, 0, 3, MIGRATE_UNMOVABLE);
	t_free(n, b, 0);
}

/*
 * @dst, a copy of @src after churn(), is the same state and stays the same
 * under the same calls: the copy carries the list order and every count,
 * not just what the snapshot shows.
 */
static void same_now_and_after(struct rf_node *src, struct rf_node *dst, unsigned long kept)
{
	CHECK_SAME_STATE(src, dst);
	for (unsigned int i = 0; i < 12; i++) {
		unsigned long p1 = RF_NO_PFN, p2 = RF_NO_PFN;
		int mt = (int)(i % 3);
		int s1 = rf_alloc_pages(src, 0, i % 3, mt, &p1);
		int s2 = rf_alloc_pages(dst, 0, i % 3, mt, &p2);

		CHECK_EQ(s1, s2);
		CHECK_EQ(p1, p2);
	}
	t_free(src, kept, 2);
	t_free(dst, kept, 2);
	CHECK_STATUS(rf_undo_isolate_page_range(src, 16, 20, MIGRATE_MOVABLE), RF_OK);
	CHECK_STATUS(rf_undo_isolate_page_range(dst, 16, 20, MIGRATE_MOVABLE), RF_OK);
	CHECK_SAME_STATE(src, dst);
}

static void copy_is_indistinguishable(void)
{
	struct rf_geometry g = g64();
	struct rf_node *src = t_node(&g), *dst = t_node(&g);
	unsigned long kept;

	if (!src || !dst)
		goto out;
	churn(src, &kept);
	CHECK_STATUS(rf_node_copy(dst, src), RF_OK);
	same_now_and_after(src, dst, kept);
out:
	rf_node_destroy(src);
	rf_node_destroy(dst);
}

/* A clone is a copy into a node of its own; NULL arguments are refused. */
static void clone_is_indistinguishable(void)
{
	struct rf_geometry g = g64();
	struct rf_node *src = t_node(&g), *dst = NULL;
	unsigned long kept;

	if (!src)
		return;
	churn(src, &kept);
	CHECK_STATUS(rf_node_clone(src, &dst), RF_OK);
	if (dst)
		same_now_and_after(src, dst, kept);
	CHECK_STATUS(rf_node_clone(NULL, &dst), RF_EINVAL);
	CHECK_STATUS(rf_node_clone(src, NULL), RF_EINVAL);
	rf_node_destroy(src);
	rf_node_destroy(dst);
}

/* Copying a fresh node over a used one is a reset. */
static void copy_of_fresh_node_resets(void)
{
	struct rf_geometry g = g64();
	struct rf_node *fresh = t_node(&g), *used = t_node(&g), *other = t_node(&g);
	unsigned long kept;

	if (!fresh || !used || !other)
		goto out;
	churn(used, &kept);
	CHECK_STATUS(rf_node_copy(used, fresh), RF_OK);
	CHECK_SAME_STATE(used, other);
out:
	rf_node_destroy(fresh);
	rf_node_destroy(used);
	rf_node_destroy(other);
}

/* Different geometry, mode or options: refused, the target untouched. */
static void copy_refusals(void)
{
	struct rf_geometry g = g64(), h = g64();
	struct rf_node *src, *dst, *bigger, *fixed;
	struct rf_config other = { .mode = t_mode == RF_MODE_V4 ? RF_MODE_VANILLA : RF_MODE_V4 };
	struct rf_node *mode;
	unsigned long kept;

	h.holes[0].end = 48;	/* one field differs */
	src = t_node(&g);
	dst = t_node(&h);
	bigger = t_node(&g);
	fixed = t_node_opts(&g, RF_OPT_FIX_ISOLATE_TWICE);
	if (!src || !dst || !bigger || !fixed ||
	    rf_node_create(&g, &other, &mode, NULL, 0) != RF_OK)
		goto out;
	churn(src, &kept);
	CHECK_REFUSED(dst, rf_node_copy(dst, src), RF_EINVAL);
	CHECK_REFUSED(fixed, rf_node_copy(fixed, src), RF_EINVAL);
	CHECK_REFUSED(mode, rf_node_copy(mode, src), RF_EINVAL);
	CHECK_REFUSED(bigger, rf_node_copy(bigger, NULL), RF_EINVAL);
	CHECK_STATUS(rf_node_copy(NULL, src), RF_EINVAL);
	/* Onto itself: nothing to do. */
	CHECK_REFUSED(src, rf_node_copy(src, src), RF_OK);
	rf_node_destroy(mode);
out:
	rf_node_destroy(src);
	rf_node_destroy(dst);
	rf_node_destroy(bigger);
	rf_node_destroy(fixed);
}

/* Geometries equal field by field, whatever the unused entries hold. */
static void geometry_equality(void)
{
	struct rf_geometry a = g64(), b = g64();

	CHECK(rf_geometry_equal(&a, &b));
	b.reserved[3] = (struct rf_pfn_range){ 7, 9 };	/* beyond nr_reserved */
	b.zone_start_pfn[2] = 99;			/* beyond nr_zones */
	CHECK(rf_geometry_equal(&a, &b));
	b.holes[0].start = 41;
	CHECK(!rf_geometry_equal(&a, &b));
	b = a;
	b.region_shift = 5;
	CHECK(!rf_geometry_equal(&a, &b));
}

static const struct t_case cases[] = {
	TEST(copy_is_indistinguishable, BOTH),
	TEST(clone_is_indistinguishable, BOTH),
	TEST(copy_of_fresh_node_resets, BOTH),
	TEST(copy_refusals, BOTH),
	TEST(geometry_equality, BOTH),
	{ 0 },
};

int main(int argc, char **argv)
{
	return t_main(argc, argv, "snapshot", cases);
}
