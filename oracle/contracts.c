// SPDX-License-Identifier: MIT
/*
 * Per-op contracts: what each call promises (MODEL.md section 5, items 6 and
 * 11), checked from the state just before the call, the call's result, and
 * the state just after.  The expectations are the intended semantics, not the
 * faithful code: where the kernel of the day did otherwise -- isolating twice,
 * merging across isolated pageblocks -- the contract fails and that is a
 * finding (docs/FINDINGS.md).
 */
#include <stdlib.h>
#include <string.h>

#include "oracle_internal.h"

enum { EXPECT_OK_OR_ENOMEM = 1, EXPECT_OK_OR_EBUSY = 2 };

static bool is_v4(const struct side *s)
{
	return s->mode == RF_MODE_V4;
}

static const struct rf_geometry *geo(const struct side *s)
{
	return rf_node_geometry(s->node);
}

static bool in_node(const struct side *s, unsigned long pfn)
{
	return pfn >= s->sh.start && pfn < s->sh.end;
}

static int effective_type(const struct side *s, int mt)
{
	return rf_page_group_by_mobility_disabled(s->node) ? MIGRATE_UNMOVABLE : mt;
}

/* The range move_freepages_block() walks for @pfn; false when it moves nothing. */
static bool block_range(const struct side *s, unsigned long pfn, unsigned long *lo,
			unsigned long *hi)
{
	unsigned int zone = shadow_zone(&s->sh, pfn);
	unsigned long zs = shadow_zone_start(&s->sh, zone), ze = shadow_zone_end(&s->sh, zone);
	unsigned long start = pfn & ~(s->sh.pb_pages - 1);
	unsigned long end = start + s->sh.pb_pages - 1;

	if (start < zs || start >= ze)
		start = pfn;
	if (end < zs || end >= ze)
		return false;
	*lo = start;
	*hi = end;
	return true;
}

/* The free block holding @pfn: its head, and its order in @order; or RF_NO_PFN. */
static unsigned long free_block_of(const struct side *s, unsigned long pfn, unsigned int *order)
{
	/* A page the shadow holds allocated or unmanaged is in no free block
	 * (where the engine thinks otherwise, conservation says so): no need to
	 * look up MAX_ORDER candidate heads for it. */
	if (!in_node(s, pfn) || s->sh.page[pfn - s->sh.start] != SH_FREE)
		return RF_NO_PFN;
	/* From the top order down: most free memory sits in top-order blocks,
	 * so the first look-up usually hits, where going up took MAX_ORDER
	 * look-ups of pages a cache line or more apart.  In a consistent state
	 * only one head covers @pfn, so the direction does not change the
	 * answer; where the state is not consistent the walks say so. */
	for (unsigned int o = geo(s)->max_order; o-- > 0;) {
		unsigned long h = pfn & ~((1UL << o) - 1);
		struct rf_page_info pi;

		if (h >= s->sh.start && rf_page_info(s->node, h, &pi) == RF_OK &&
		    (pi.buddy || pi.allocated) && pi.order >= o) {
			*order = pi.order;
			return pi.buddy ? h : RF_NO_PFN;
		}
	}
	return RF_NO_PFN;
}

/*
 * Pages of the free blocks headed in [lo, hi]: what move_freepages must move.
 * The shadow's free pages in the range, less the part of a block headed
 * before lo, plus the part beyond hi of a block headed inside: O(range) in
 * the shadow's bytes and O(MAX_ORDER) engine look-ups.  (That the blocks
 * match the shadow is the walks' business.)
 */
static unsigned long headed_free(const struct side *s, unsigned long lo, unsigned long hi)
{
	unsigned long total = shadow_count_free(&s->sh, lo, hi);
	unsigned int o;
	unsigned long h;

	if (hi >= s->sh.end)
		hi = s->sh.end - 1;
	if (lo > hi)
		return 0;
	h = free_block_of(s, lo, &o);
	if (h != RF_NO_PFN && h < lo) {
		unsigned long end = h + (1UL << o) - 1;

		total -= (end < hi ? end : hi) - lo + 1;
	}
	h = free_block_of(s, hi, &o);
	if (h != RF_NO_PFN && h >= lo && h + (1UL << o) - 1 > hi)
		total += h + (1UL << o) - 1 - hi;
	return total;
}

/* Pages of the blocks on ISOLATE lists headed in [lo, hi]. */
static unsigned long isolate_listed(const struct side *s, unsigned long lo, unsigned long hi)
{
	const struct rf_geometry *g = geo(s);
	unsigned long total = 0;

	for (unsigned int z = 0; z < g->nr_zones; z++) {
		for (unsigned int o = 0; o < g->max_order; o++) {
			unsigned long guard = g->node_spanned_pages + 1;

			for (unsigned long p = rf_list_first(s->node, z, o, MIGRATE_ISOLATE);
			     p != RF_NO_PFN && guard--; p = rf_list_next(s->node, z, o, MIGRATE_ISOLATE, p))
				if (p >= lo && p <= hi)
					total += 1UL << o;
		}
	}
	return total;
}

/* The widened range of the range isolation calls. */
static void widen(const struct side *s, unsigned long *lo, unsigned long *hi)
{
	unsigned long align = 1UL << (geo(s)->max_order - 1);

	if (align < s->sh.pb_pages)
		align = s->sh.pb_pages;
	*lo &= ~(align - 1);
	*hi = (*hi + align - 1) & ~(align - 1);
}

/* The pfn isolation works on for the pageblock at @p: its first pfn in the node. */
static unsigned long pageblock_pfn(const struct side *s, unsigned long p)
{
	return p < s->sh.start ? s->sh.start : p;
}

/* The pageblock of @pfn, but for a part before the node, lies in @pfn's zone. */
static bool pageblock_whole(const struct side *s, unsigned long pfn)
{
	unsigned long start = pfn & ~(s->sh.pb_pages - 1), end = start + s->sh.pb_pages - 1;
	unsigned int zone = shadow_zone(&s->sh, pfn);

	if (start < s->sh.start)
		start = s->sh.start;
	return shadow_zone(&s->sh, end) == zone && shadow_zone(&s->sh, start) == zone;
}

/*
 * Isolation must refuse a pageblock holding unmovable pages, one that is
 * isolated already, and one its zone does not wholly span: in none of them
 * could it take every free page out of circulation.
 */
static bool pageblock_busy(const struct side *s, unsigned long pfn)
{
	int mt = rf_pageblock_migratetype(s->node, pfn);

	return mt == MIGRATE_ISOLATE || !pageblock_whole(s, pfn) ||
	       (mt != MIGRATE_MOVABLE && shadow_unmovable_content(&s->sh, pfn));
}

static bool any_isolate_pageblock(const struct side *s, unsigned long lo, unsigned long hi)
{
	for (unsigned long p = lo & ~(s->sh.pb_pages - 1); p <= hi; p += s->sh.pb_pages)
		if (rf_pageblock_migratetype(s->node, pageblock_pfn(s, p)) == MIGRATE_ISOLATE)
			return true;
	return false;
}

/* A block of order >= @order on a list of @types (bit mask), or in the RA. */
static bool listed_block(const struct side *s, unsigned int zone, unsigned int order,
			 unsigned int types, bool ra)
{
	for (unsigned int o = order; o < geo(s)->max_order; o++)
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			if ((types >> mt & 1) && rf_list_first(s->node, zone, o, mt) != RF_NO_PFN)
				return true;
	return ra && is_v4(s) && rf_ra_lowest_region(s->node, zone) >= 0;
}

static unsigned int fallback_types(int mt)
{
	return (1u << MIGRATE_UNMOVABLE | 1u << MIGRATE_RECLAIMABLE | 1u << MIGRATE_MOVABLE) &
	       ~(1u << mt);
}

/* The status the API's documentation promises for the op on this side. */
int expected_status(struct exec *ex, struct side *s)
{
	const struct rf_op *op = ex->op;
	const struct rf_geometry *g = geo(s);
	bool alloc_type = op->mt >= 0 && op->mt < MIGRATE_PCPTYPES;
	bool any_type = op->mt >= 0 && op->mt < MIGRATE_TYPES;
	bool undo_type = op->mt >= 0 && op->mt < MIGRATE_ISOLATE;

	switch (op->kind) {
	case RF_OP_ALLOC:
		if (op->zone >= g->nr_zones || op->order >= g->max_order || !alloc_type)
			return RF_EINVAL;
		return EXPECT_OK_OR_ENOMEM;
	case RF_OP_STEAL: {
		if (op->zone >= g->nr_zones || op->order >= g->max_order || !alloc_type)
			return RF_EINVAL;

		int mt = effective_type(s, op->mt);

		if (listed_block(s, op->zone, op->order, 1u << mt, false) ||
		    (is_v4(s) && rf_ra_lowest_region(s->node, op->zone) >= 0))
			return RF_EINVAL;
		return EXPECT_OK_OR_ENOMEM;
	}
	case RF_OP_FREE:
		return RF_OK;
	case RF_OP_FREE_PFN:
		if (op->order >= g->max_order)
			return RF_EINVAL;
		if (!in_node(s, op->pfn))
			return RF_ERANGE;
		return shadow_head_order(&s->sh, op->pfn) == (int)op->order ? RF_OK : RF_ENOTALLOC;
	case RF_OP_MOVE:
		if (op->zone >= g->nr_zones || !any_type || op->pfn > op->end)
			return RF_EINVAL;
		if (!in_node(s, op->pfn) || !in_node(s, op->end))
			return RF_ERANGE;
		if (shadow_zone(&s->sh, op->pfn) != op->zone || shadow_zone(&s->sh, op->end) != op->zone)
			return RF_EXDEV;
		if (op->mt == MIGRATE_ISOLATE || any_isolate_pageblock(s, op->pfn, op->end))
			return RF_EINVAL;
		return RF_OK;
	case RF_OP_MOVE_BLOCK:
		if (!any_type)
			return RF_EINVAL;
		if (!in_node(s, op->pfn))
			return RF_ERANGE;
		if (op->mt == MIGRATE_ISOLATE ||
		    rf_pageblock_migratetype(s->node, op->pfn) == MIGRATE_ISOLATE)
			return RF_EINVAL;
		return RF_OK;
	case RF_OP_ISOLATE:
		if (!in_node(s, op->pfn))
			return RF_ERANGE;
		return pageblock_busy(s, s->pfn) ? RF_EBUSY : RF_OK;
	case RF_OP_UNISOLATE:
		if (!undo_type)
			return RF_EINVAL;
		return in_node(s, op->pfn) ? RF_OK : RF_ERANGE;
	case RF_OP_ISOLATE_RANGE:
	case RF_OP_UNISOLATE_RANGE:
		if (!undo_type || op->pfn >= op->end)
			return RF_EINVAL;
		if (!in_node(s, op->pfn) || !in_node(s, op->end - 1))
			return RF_ERANGE;
		if (shadow_zone(&s->sh, op->pfn) != shadow_zone(&s->sh, op->end - 1))
			return RF_EXDEV;
		return op->kind == RF_OP_ISOLATE_RANGE ? EXPECT_OK_OR_EBUSY : RF_OK;
	case RF_OP_RESERVE: {
		if (op->zone >= g->nr_zones)
			return RF_EINVAL;

		unsigned long pb = s->sh.pb_pages, ze = shadow_zone_end(&s->sh, op->zone);
		unsigned long first = (shadow_zone_start(&s->sh, op->zone) + pb - 1) & ~(pb - 1);

		if (op->quota > (first < ze ? (ze - first + pb - 1) / pb : 0))
			return RF_EINVAL;
		return RF_OK;
	}
	case RF_OP_RA_REQUEST:
		if (!is_v4(s))
			return RF_EMODE;
		if (op->zone >= g->nr_zones || !alloc_type)
			return RF_EINVAL;
		{
			struct rf_zone_info zi;

			rf_zone_info(s->node, op->zone, &zi);
			if (op->region >= 0 && (unsigned int)op->region >= zi.nr_regions)
				return RF_EINVAL;
			if (op->region < 0)
				return rf_ra_bitmap_lowest(s->node, op->zone) >= 0 ? RF_OK : RF_ENOENT;
			return rf_ra_bitmap_bit(s->node, op->zone, (unsigned int)op->region) ? RF_OK
											    : RF_ENOENT;
		}
	case RF_OP_FREE_ALL:
	case RF_OP_CHECK:
	case RF_OP_NR:
		break;
	}
	return RF_OK;
}

/*
 * The zones an op can change: the one it names or its pfn lies in.  Ranges
 * (moves, range isolation) and anything odd -- a bad zone, a pfn outside the
 * node, free_all -- get every zone; the full walks see everything anyway.
 */
static void op_zones(struct exec *ex, const struct side *s, unsigned int *lo, unsigned int *hi)
{
	const struct rf_op *op = ex->op;
	unsigned int nr = geo(s)->nr_zones, z = nr;

	switch (op->kind) {
	case RF_OP_ALLOC:
	case RF_OP_STEAL:
	case RF_OP_RESERVE:
	case RF_OP_RA_REQUEST:
		z = op->zone;
		break;
	case RF_OP_FREE:
	case RF_OP_FREE_PFN:
	case RF_OP_MOVE_BLOCK:
	case RF_OP_ISOLATE:
	case RF_OP_UNISOLATE:
		z = shadow_zone(&s->sh, s->pfn);
		break;
	default:
		break;
	}
	/* A pageblock can be shared by two zones: isolation and block moves
	 * may reach the next one's type; counters stay per zone. */
	if (z < nr) {
		*lo = z;
		*hi = z + 1;
	} else {
		*lo = 0;
		*hi = nr;
	}
}

void contracts_pre(struct exec *ex, struct side *s, struct pre *pre)
{
	const struct rf_op *op = ex->op;

	/* Only what is read below for the op's zones is filled in: no memset of
	 * the counter arrays on every op. */
	pre->expect_moved = 0;
	pre->reserve_eligible = 0;
	pre->was_movable = NULL;
	pre->pb_types = NULL;
	pre->pageblock_mt = 0;
	pre->digest = 0;
	pre->target = s->pfn;
	op_zones(ex, s, &pre->zone_lo, &pre->zone_hi);
	for (unsigned int z = pre->zone_lo; z < pre->zone_hi; z++)
		rf_zone_counters(s->node, z, &pre->counters[z]);
	pre->expect_status = expected_status(ex, s);
	pre->ra_lowest = -1;
	pre->smallest_pfn = RF_NO_PFN;
	pre->busy_pageblock = RF_NO_PFN;
	if (ex->cfg->level >= RF_LEVEL_EXPENSIVE)
		pre->digest = state_digest(s->node);
	/* s->pfn is the op's target: a free's block once its handle is resolved. */
	if (in_node(s, s->pfn))
		pre->pageblock_mt = rf_pageblock_migratetype(s->node, s->pfn);
	if (pre->expect_status < 0)
		return;

	unsigned long lo, hi;

	/* The RA's lowest region from its held bits, not from its own record. */
	if (is_v4(s) && (op->kind == RF_OP_ALLOC || op->kind == RF_OP_RA_REQUEST))
		pre->ra_lowest = rf_ra_bitmap_lowest(s->node, op->zone);
	switch (op->kind) {
	case RF_OP_ALLOC:
		if (is_v4(s))
			pre->smallest_pfn = v4_smallest_pfn(s->node, op->zone, op->order,
							    effective_type(s, op->mt));
		/* Nothing on the type's lists, nothing in the RA: the fallback. */
		if (is_v4(s) && pre->smallest_pfn == RF_NO_PFN && pre->ra_lowest < 0)
			pre->pb_types = policy_pre_steal(s, op->zone);
		break;
	case RF_OP_STEAL:
		if (is_v4(s))
			pre->pb_types = policy_pre_steal(s, op->zone);
		break;
	case RF_OP_MOVE:
		pre->expect_moved = headed_free(s, op->pfn, op->end);
		break;
	case RF_OP_RESERVE: {
		/* Eligible: clean pageblocks (no hole, no reserved page) that are
		 * MOVABLE or RESERVE already; the walk never takes other types. */
		unsigned long pb = s->sh.pb_pages, ze = shadow_zone_end(&s->sh, op->zone);
		unsigned long first = (shadow_zone_start(&s->sh, op->zone) + pb - 1) & ~(pb - 1);
		unsigned long i = 0;

		pre->was_movable = side_pb_scratch(s, first < ze ? (ze - first) / pb + 1 : 1);
		for (unsigned long p = first; p < ze; p += pb, i++) {
			int mt = rf_pageblock_migratetype(s->node, p);
			bool clean = true;

			for (unsigned long q = p; q < p + pb && q < ze; q++)
				clean &= s->sh.page[q - s->sh.start] != SH_UNMANAGED;
			pre->reserve_eligible += clean && pageblock_whole(s, p) &&
						 (mt == MIGRATE_MOVABLE || mt == MIGRATE_RESERVE);
			if (pre->was_movable)
				pre->was_movable[i] = mt == MIGRATE_MOVABLE;
		}
		break;
	}
	case RF_OP_MOVE_BLOCK:
		if (block_range(s, op->pfn, &lo, &hi))
			pre->expect_moved = headed_free(s, lo, hi);
		break;
	case RF_OP_ISOLATE:
		/* Isolation takes what is free and not yet isolated. */
		if (block_range(s, pre->target, &lo, &hi))
			pre->expect_moved = headed_free(s, lo, hi) - isolate_listed(s, lo, hi);
		break;
	case RF_OP_UNISOLATE:
		if (pre->pageblock_mt == MIGRATE_ISOLATE && block_range(s, pre->target, &lo, &hi))
			pre->expect_moved = isolate_listed(s, lo, hi);
		break;
	case RF_OP_ISOLATE_RANGE:
	case RF_OP_UNISOLATE_RANGE:
		lo = op->pfn;
		hi = op->end;
		widen(s, &lo, &hi);
		for (unsigned long p = lo; p < hi; p += s->sh.pb_pages) {
			unsigned long q = pageblock_pfn(s, p), blo, bhi;

			if (q >= s->sh.end || q >= p + s->sh.pb_pages)
				continue;
			if (op->kind == RF_OP_ISOLATE_RANGE && pre->busy_pageblock == RF_NO_PFN &&
			    pageblock_busy(s, q))
				pre->busy_pageblock = q;
			if (!block_range(s, q, &blo, &bhi))
				continue;
			if (op->kind == RF_OP_ISOLATE_RANGE)
				pre->expect_moved += headed_free(s, blo, bhi) - isolate_listed(s, blo, bhi);
			else if (rf_pageblock_migratetype(s->node, q) == MIGRATE_ISOLATE)
				pre->expect_moved += isolate_listed(s, blo, bhi);
		}
		break;
	default:
		break;
	}
}

/* Counters that no refused call may change. */
static void check_unchanged(struct exec *ex, struct side *s, const struct pre *pre,
			    bool stats_too)
{
	const struct rf_geometry *g = geo(s);

	for (unsigned int z = pre->zone_lo; z < pre->zone_hi; z++) {
		const struct rf_zone_counters *was = &pre->counters[z], *now = &pre->after[z];

		if (now->nr_free_pages != was->nr_free_pages ||
		    (stats_too && memcmp(&now->stats, &was->stats, sizeof(now->stats)))) {
			oracle_fail(ex, s, RF_CHECK_REFUSAL, ex->op->pfn,
				    "the call returned %s but changed zone %u's %s", rf_strerror(s->status),
				    z, now->nr_free_pages != was->nr_free_pages ? "NR_FREE_PAGES"
									       : "statistics");
			return;
		}
		for (unsigned int o = 0; o < g->max_order; o++) {
			if (now->nr_free[o] != was->nr_free[o]) {
				oracle_fail(ex, s, RF_CHECK_REFUSAL, ex->op->pfn,
					    "the call returned %s but changed free_area[%u].nr_free of zone %u",
					    rf_strerror(s->status), o, z);
				return;
			}
		}
	}
	if (ex->cfg->level >= RF_LEVEL_EXPENSIVE && state_digest(s->node) != pre->digest)
		oracle_fail(ex, s, RF_CHECK_REFUSAL, ex->op->pfn,
			    "the call returned %s but the state changed", rf_strerror(s->status));
}

static void check_nr_delta(struct exec *ex, struct side *s, const struct pre *pre,
			   unsigned int zone, long want)
{
	if (zone < pre->zone_lo || zone >= pre->zone_hi)
		return;	/* not a zone the op names: its counters were not read */
	long got = pre->after[zone].nr_free_pages - pre->counters[zone].nr_free_pages;

	if (got != want)
		oracle_fail(ex, s, RF_CHECK_NR_DELTA, ex->op->pfn,
			    "NR_FREE_PAGES of zone %u changed by %ld, the op should change it by %ld",
			    zone, got, want);
}

/* A successful allocation or steal: the block's shape and records. */
static void post_alloc(struct exec *ex, struct side *s, const struct pre *pre, int mt)
{
	const struct rf_op *op = ex->op;
	unsigned long pfn = s->pfn, size = 1UL << op->order;
	struct rf_page_info pi;

	if ((pfn & (size - 1)) || !in_node(s, pfn) || shadow_zone(&s->sh, pfn) != op->zone ||
	    pfn + size > shadow_zone_end(&s->sh, op->zone) || !shadow_range_free(&s->sh, pfn, size)) {
		oracle_fail(ex, s, RF_CHECK_ALLOC_BLOCK, pfn,
			    "returned %#lx for order %u in zone %u: %s", pfn, op->order, op->zone,
			    (pfn & (size - 1)) ? "not aligned" :
			    !in_node(s, pfn) || shadow_zone(&s->sh, pfn) != op->zone ||
			    pfn + size > shadow_zone_end(&s->sh, op->zone) ? "not inside the zone" :
			    "some of its pages are allocated already or not managed");
		return;
	}
	rf_page_info(s->node, pfn, &pi);
	if (!pi.allocated || pi.order != op->order || pi.alloc_mt != mt) {
		oracle_fail(ex, s, RF_CHECK_ALLOC_RECORD, pfn,
			    "returned %#lx, but the engine records %s order %u type %s", pfn,
			    pi.allocated ? "an allocated block of" : "no allocated block;", pi.order,
			    rf_migratetype_name(pi.alloc_mt));
		return;
	}
	if (shadow_range_protected(&s->sh, pfn, size)) {
		oracle_fail(ex, s, RF_CHECK_ALLOC_ISOLATED, pfn,
			    "returned %#lx (order %u), which lies in an isolated pageblock", pfn, op->order);
		return;
	}
	check_nr_delta(ex, s, pre, op->zone, -(long)size);
	if (ex->failed)
		return;
	shadow_alloc(&s->sh, pfn, op->order, mt);
	if (live_push(&s->live, pfn, op->order, mt))
		oracle_fail(ex, s, RF_CHECK_ALLOC_RECORD, pfn, "out of memory for the live set");
}

/* An allocation that found nothing: was something owed? */
static void post_alloc_failed(struct exec *ex, struct side *s, const struct pre *pre, int mt)
{
	const struct rf_op *op = ex->op;
	unsigned long where = RF_NO_PFN;
	unsigned int types = op->kind == RF_OP_STEAL ? fallback_types(mt)
						     : (1u << MIGRATE_ISOLATE) - 1;

	(void)pre;
	if (listed_block(s, op->zone, op->order, types, op->kind == RF_OP_ALLOC)) {
		oracle_fail(ex, s, RF_CHECK_SPURIOUS_FAIL, RF_NO_PFN,
			    "order %u failed in zone %u, though a block of that order or more is on a list it may use%s",
			    op->order, op->zone, is_v4(s) ? " or in the region allocator" : "");
		return;
	}
	/* The shadow's own proof costs O(zone pages): the full level pays it. */
	if (op->kind == RF_OP_ALLOC && ex->cfg->level >= RF_LEVEL_FULL &&
	    shadow_entitled_block(&s->sh, op->zone, op->order, geo(s)->max_order, &where))
		oracle_fail(ex, s, RF_CHECK_SPURIOUS_FAIL, where,
			    "order %u failed in zone %u, though the free pages at %#lx form a block of that order outside every isolated pageblock",
			    op->order, op->zone, where);
}

static void post_free(struct exec *ex, struct side *s, const struct pre *pre, unsigned long pfn,
		      unsigned int order)
{
	struct rf_page_info pi;
	unsigned int zone = shadow_zone(&s->sh, pfn);

	rf_page_info(s->node, pfn, &pi);
	if (pi.allocated) {
		oracle_fail(ex, s, RF_CHECK_FREE_RESULT, pfn,
			    "freed %#lx, but the engine still records it allocated", pfn);
		return;
	}
	/* What a free adds to NR_FREE_PAGES depends on where the merged block
	 * lands; the walks check the counter against the lists right after. */
	(void)pre;
	(void)zone;
	shadow_free(&s->sh, pfn, order);

	long i = s->live_index >= 0 ? s->live_index : live_find(&s->live, pfn);

	if (i >= 0)
		live_remove(&s->live, (uint32_t)i);
}

/* After a move over [lo, hi] -- or, with !@walked, a move_freepages_block
 * that walked nothing (its pageblock reaches outside the zone). */
static void post_move(struct exec *ex, struct side *s, const struct pre *pre, bool walked,
		      unsigned long lo, unsigned long hi)
{
	if (s->moved != pre->expect_moved) {
		oracle_fail(ex, s, RF_CHECK_MOVE_COUNT, lo,
			    "move_freepages over [%#lx, %#lx] reported %lu pages moved, %lu were free in blocks headed there",
			    lo, hi, s->moved, pre->expect_moved);
		return;
	}
	/* Only free pages head free blocks: memchr jumps over the allocated
	 * stretches of the shadow, and each block found is skipped whole, so
	 * the engine is asked once per free block, not once per page. */
	unsigned long end = hi < s->sh.end - 1 ? hi : s->sh.end - 1;

	for (unsigned long p = lo < s->sh.start ? s->sh.start : lo; walked && p <= end; p++) {
		const uint8_t *next = memchr(&s->sh.page[p - s->sh.start], SH_FREE, end - p + 1);
		struct rf_page_info pi;

		if (!next)
			break;
		p = s->sh.start + (unsigned long)(next - s->sh.page);
		rf_page_info(s->node, p, &pi);
		if (!pi.buddy) {
			/* A free page of a block headed before the range (or of no
			 * block, which the walks report): skip that block whole,
			 * not page by page -- it can be MAX_ORDER-1 pages long. */
			unsigned int o;
			unsigned long h = free_block_of(s, p, &o);

			if (h != RF_NO_PFN && h < p)
				p = h + (1UL << o) - 1;
			continue;
		}
		if (pi.freepage_mt != ex->op->mt) {
			oracle_fail(ex, s, RF_CHECK_MOVE_COUNT, p,
				    "after moving [%#lx, %#lx] to %s, the free block at %#lx has type %s",
				    lo, hi, rf_migratetype_name(ex->op->mt), p,
				    rf_migratetype_name(pi.freepage_mt));
			return;
		}
		p += (1UL << pi.order) - 1;
	}
	for (unsigned int z = pre->zone_lo; z < pre->zone_hi && !ex->failed; z++)
		check_nr_delta(ex, s, pre, z, 0);
}

static void post_isolate(struct exec *ex, struct side *s, const struct pre *pre)
{
	unsigned long pfn = pre->target;
	int mt = rf_pageblock_migratetype(s->node, pfn);

	if (mt != MIGRATE_ISOLATE) {
		oracle_fail(ex, s, RF_CHECK_ISOLATE_RESULT, pfn,
			    "isolation succeeded but the pageblock's type is %s", rf_migratetype_name(mt));
		return;
	}
	check_nr_delta(ex, s, pre, shadow_zone(&s->sh, pfn), -(long)pre->expect_moved);
	shadow_set_isolated(&s->sh, pfn, true);
}

static void post_unisolate(struct exec *ex, struct side *s, const struct pre *pre)
{
	unsigned long pfn = pre->target;
	int want = effective_type(s, ex->op->mt);
	int mt = rf_pageblock_migratetype(s->node, pfn);

	if (shadow_isolated(&s->sh, pfn) && pre->pageblock_mt != MIGRATE_ISOLATE) {
		oracle_fail(ex, s, RF_CHECK_UNISOLATE_RESULT, pfn,
			    "the pageblock was isolated, but the undo found it %s and gave nothing back",
			    rf_migratetype_name(pre->pageblock_mt));
		return;
	}
	if (pre->pageblock_mt == MIGRATE_ISOLATE && mt != want) {
		oracle_fail(ex, s, RF_CHECK_UNISOLATE_RESULT, pfn,
			    "undoing the isolation to %s left the pageblock %s", rf_migratetype_name(want),
			    rf_migratetype_name(mt));
		return;
	}
	check_nr_delta(ex, s, pre, shadow_zone(&s->sh, pfn), (long)pre->expect_moved);
	shadow_set_isolated(&s->sh, pfn, false);
}

static void post_range(struct exec *ex, struct side *s, const struct pre *pre)
{
	const struct rf_op *op = ex->op;
	unsigned long lo = op->pfn, hi = op->end;
	bool isolate = op->kind == RF_OP_ISOLATE_RANGE;
	unsigned int zone = shadow_zone(&s->sh, op->pfn);

	widen(s, &lo, &hi);
	if (isolate && s->status == RF_EBUSY) {
		/* Refused: the pageblocks it isolated are undone, the others untouched. */
		check_nr_delta(ex, s, pre, zone, 0);
		return;
	}
	for (unsigned long p = lo; p < hi && !ex->failed; p += s->sh.pb_pages) {
		unsigned long q = pageblock_pfn(s, p);

		if (q >= s->sh.end || q >= p + s->sh.pb_pages)
			continue;

		int mt = rf_pageblock_migratetype(s->node, q);

		if (isolate && mt != MIGRATE_ISOLATE)
			oracle_fail(ex, s, RF_CHECK_ISOLATE_RESULT, q,
				    "the range isolation succeeded but the pageblock at %#lx is %s", q,
				    rf_migratetype_name(mt));
		else if (!isolate && mt == MIGRATE_ISOLATE)
			oracle_fail(ex, s, RF_CHECK_UNISOLATE_RESULT, q,
				    "the range undo left the pageblock at %#lx ISOLATE", q);
		shadow_set_isolated(&s->sh, q, isolate);
	}
	if (!ex->failed && shadow_zone(&s->sh, lo < s->sh.start ? s->sh.start : lo) ==
				   shadow_zone(&s->sh, hi - 1 < s->sh.end ? hi - 1 : s->sh.end - 1))
		check_nr_delta(ex, s, pre, zone, isolate ? -(long)pre->expect_moved
							 : (long)pre->expect_moved);
}

static int cmp_ulong(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return (x > y) - (x < y);
}

/* The heads on @zone's RESERVE lists, sorted; the caller frees them. */
static unsigned long *reserve_listed(const struct side *s, unsigned int zone, size_t *nr)
{
	const struct rf_geometry *g = geo(s);
	unsigned long *v = NULL;
	size_t n = 0, cap = 0;

	for (unsigned int o = 0; o < g->max_order; o++) {
		unsigned long guard = g->node_spanned_pages + 1;

		for (unsigned long p = rf_list_first(s->node, zone, o, MIGRATE_RESERVE);
		     p != RF_NO_PFN && guard--; p = rf_list_next(s->node, zone, o, MIGRATE_RESERVE, p)) {
			if (n == cap) {
				unsigned long *nv = realloc(v, (cap = cap * 2 + 16) * sizeof(*v));

				if (!nv)
					break;
				v = nv;
			}
			v[n++] = p;
		}
	}
	if (v)
		qsort(v, n, sizeof(*v), cmp_ulong);
	*nr = n;
	return v;
}

/*
 * Reserve set-up: the requested number of RESERVE pageblocks, as far as the
 * eligible ones allow, and the free blocks of each pageblock it turned
 * RESERVE on the RESERVE lists -- not elsewhere, not in the region allocator.
 */
static void post_reserve(struct exec *ex, struct side *s, const struct pre *pre)
{
	unsigned int zone = ex->op->zone;
	unsigned long zs = shadow_zone_start(&s->sh, zone), ze = shadow_zone_end(&s->sh, zone);
	unsigned long pb = s->sh.pb_pages, first = (zs + pb - 1) & ~(pb - 1);
	unsigned long reserve = 0, i = 0;
	size_t nr_listed = 0;
	unsigned long *listed = reserve_listed(s, zone, &nr_listed);

	for (unsigned long p = first; p < ze && !ex->failed; p += pb, i++) {
		int mt = rf_pageblock_migratetype(s->node, p);

		reserve += mt == MIGRATE_RESERVE;
		if (mt != MIGRATE_RESERVE || !pre->was_movable || !pre->was_movable[i])
			continue;
		for (unsigned long q = p; q < p + pb && q < ze; q++) {
			struct rf_page_info pi;

			rf_page_info(s->node, q, &pi);
			/* bsearch() may not be given a NULL array, even empty. */
			if (pi.buddy && (!nr_listed ||
					 !bsearch(&q, listed, nr_listed, sizeof(*listed), cmp_ulong))) {
				oracle_fail(ex, s, RF_CHECK_RESERVE_RESULT, q,
					    "the pageblock at %#lx was made RESERVE, but its free block %#lx is not on a RESERVE list%s",
					    p, q, is_v4(s) && rf_ra_bitmap_bit(s->node, zone,
							(unsigned int)rf_pfn_region(s->node, q))
						  ? " (the region allocator holds it)" : "");
				break;
			}
		}
	}
	free(listed);
	if (ex->failed)
		return;

	unsigned long want = ex->op->quota < pre->reserve_eligible ? ex->op->quota
								    : pre->reserve_eligible;

	if (reserve != want)
		oracle_fail(ex, s, RF_CHECK_RESERVE_RESULT, first,
			    "asked for %u RESERVE pageblocks (%lu eligible), the zone has %lu",
			    ex->op->quota, pre->reserve_eligible, reserve);
	for (unsigned int z = pre->zone_lo; z < pre->zone_hi && !ex->failed; z++)
		check_nr_delta(ex, s, pre, z, 0);
}

static void post_ra_request(struct exec *ex, struct side *s, const struct pre *pre)
{
	long region = ex->op->region >= 0 ? ex->op->region : pre->ra_lowest;

	if (region < 0)
		return;
	if (rf_ra_bitmap_bit(s->node, ex->op->zone, (unsigned int)region)) {
		oracle_fail(ex, s, RF_CHECK_RA_REQUEST, RF_NO_PFN,
			    "region %ld was handed out but the RA still holds it", region);
		return;
	}
	policy_post_ra(ex, s, pre, region);
	for (unsigned int z = pre->zone_lo; z < pre->zone_hi && !ex->failed; z++)
		check_nr_delta(ex, s, pre, z, 0);
}

void contracts_post(struct exec *ex, struct side *s, const struct pre *pre)
{
	const struct rf_op *op = ex->op;
	int want = pre->expect_status;
	bool ok_or = (want == EXPECT_OK_OR_ENOMEM && (s->status == RF_OK || s->status == RF_ENOMEM)) ||
		     (want == EXPECT_OK_OR_EBUSY && (s->status == RF_OK || s->status == RF_EBUSY));

	if (!ok_or && s->status != want) {
		bool isolation = op->kind == RF_OP_ISOLATE || op->kind == RF_OP_ISOLATE_RANGE;

		oracle_fail(ex, s, isolation ? RF_CHECK_ISOLATE_RESULT : RF_CHECK_REFUSAL, op->pfn,
			    "returned %d (%s), the API promises %s",
			    s->status, rf_strerror(s->status),
			    want == EXPECT_OK_OR_ENOMEM ? "success or RF_ENOMEM" :
			    want == EXPECT_OK_OR_EBUSY ? "success or RF_EBUSY" : rf_strerror(want));
		return;
	}
	if (s->status != RF_OK && !(op->kind == RF_OP_ISOLATE_RANGE && s->status == RF_EBUSY)) {
		check_unchanged(ex, s, pre, s->status != RF_ENOMEM);
		if (!ex->failed && s->status == RF_ENOMEM)
			post_alloc_failed(ex, s, pre, effective_type(s, op->mt));
		if (!ex->failed && s->status == RF_ENOMEM && op->kind == RF_OP_ALLOC)
			policy_post_alloc(ex, s, pre);
		return;
	}
	switch (op->kind) {
	case RF_OP_ALLOC:
		post_alloc(ex, s, pre, effective_type(s, op->mt));
		if (!ex->failed)
			policy_post_alloc(ex, s, pre);
		if (!ex->failed)
			policy_post_steal(ex, s, pre);
		break;
	case RF_OP_STEAL:
		post_alloc(ex, s, pre, effective_type(s, op->mt));
		if (!ex->failed)
			policy_post_steal(ex, s, pre);
		break;
	case RF_OP_FREE:
	case RF_OP_FREE_PFN:
		post_free(ex, s, pre, s->pfn, s->order);
		break;
	case RF_OP_MOVE:
		post_move(ex, s, pre, true, op->pfn, op->end);
		break;
	case RF_OP_MOVE_BLOCK: {
		unsigned long lo = op->pfn, hi = op->pfn;
		bool walked = block_range(s, op->pfn, &lo, &hi);

		post_move(ex, s, pre, walked, lo, hi);
		break;
	}
	case RF_OP_ISOLATE:
		post_isolate(ex, s, pre);
		break;
	case RF_OP_UNISOLATE:
		post_unisolate(ex, s, pre);
		break;
	case RF_OP_ISOLATE_RANGE:
	case RF_OP_UNISOLATE_RANGE:
		post_range(ex, s, pre);
		break;
	case RF_OP_RESERVE:
		post_reserve(ex, s, pre);
		break;
	case RF_OP_RA_REQUEST:
		post_ra_request(ex, s, pre);
		break;
	default:
		break;
	}
}
