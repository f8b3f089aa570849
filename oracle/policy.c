// SPDX-License-Identifier: MIT
/*
 * The v4 policy properties (MODEL.md section 5, item 9), from the state
 * before an allocation or region request: the lowest region first on the
 * chosen lists, the region allocator before the fallback, and its lowest
 * region out first, retyped whole.
 *
 * Regions are computed from pfns here, never read from the engine's own
 * run bookkeeping, so a wrong next_region cannot hide a wrong choice.
 */

#include "oracle_internal.h"

/*
 * Where __rmqueue_smallest must take from (patch 15): among the orders from
 * @order up whose @mt list is not empty, the one whose first entry lies in
 * the strictly lowest region, the lower order on a tie; its first entry.
 */
unsigned long v4_smallest_pfn(const struct rf_node *node, unsigned int zone, unsigned int order,
			      int mt)
{
	const struct rf_geometry *g = rf_node_geometry(node);
	unsigned long best = RF_NO_PFN;
	long best_region = -1;

	for (unsigned int o = order; o < g->max_order; o++) {
		unsigned long first = rf_list_first(node, zone, o, mt);

		if (first == RF_NO_PFN)
			continue;

		long r = rf_pfn_region(node, first);

		if (best == RF_NO_PFN || r < best_region) {
			best = first;
			best_region = r;
		}
	}
	return best;
}

static void check_region_type(struct exec *ex, struct side *s, unsigned int zone, long region,
			      int mt)
{
	struct rf_region_info ri;
	unsigned long pb = s->sh.pb_pages;

	if (rf_region_info(s->node, zone, (unsigned int)region, &ri))
		return;
	for (unsigned long p = ri.start_pfn; p < ri.end_pfn; p = (p & ~(pb - 1)) + pb) {
		int got = rf_pageblock_migratetype(s->node, p);
		bool managed = false;

		/* A pageblock of holes and reserved pages holds nothing to type. */
		for (unsigned long q = p; q < (p & ~(pb - 1)) + pb && q < ri.end_pfn; q++)
			managed |= s->sh.page[q - s->sh.start] != SH_UNMANAGED;
		if (managed && got != mt) {
			oracle_fail(ex, s, RF_CHECK_POL_RA_TYPE, p,
				    "region %ld was handed out to %s, but its pageblock at %#lx is %s",
				    region, rf_migratetype_name(mt), p & ~(pb - 1),
				    rf_migratetype_name(got));
			return;
		}
	}
}

void policy_post_alloc(struct exec *ex, struct side *s, const struct pre *pre)
{
	const struct rf_op *op = ex->op;
	struct rf_zone_info zi;

	if (s->mode != RF_MODE_V4)
		return;
	rf_zone_info(s->node, op->zone, &zi);
	if (s->status == RF_ENOMEM) {
		if (pre->ra_lowest >= 0)
			oracle_fail(ex, s, RF_CHECK_POL_RA_FIRST, RF_NO_PFN,
				    "the allocation failed while the region allocator held region %ld",
				    pre->ra_lowest);
		return;
	}
	if (pre->smallest_pfn != RF_NO_PFN) {
		if (s->pfn != pre->smallest_pfn)
			oracle_fail(ex, s, RF_CHECK_POL_LOWEST, s->pfn,
				    "took %#lx (region %ld), but %#lx heads a list it may use in region %ld",
				    s->pfn, rf_pfn_region(s->node, s->pfn), pre->smallest_pfn,
				    rf_pfn_region(s->node, pre->smallest_pfn));
		return;
	}
	if (pre->ra_lowest < 0)
		return;
	/* Nothing on the type's lists: the RA's lowest region, and no fallback. */
	if (zi.stats.nr_fallback != pre->counters[op->zone].stats.nr_fallback) {
		oracle_fail(ex, s, RF_CHECK_POL_RA_FIRST, s->pfn,
			    "fell back to another type while the region allocator held region %ld",
			    pre->ra_lowest);
		return;
	}
	policy_post_ra(ex, s, pre, pre->ra_lowest);
	if (!ex->failed && rf_pfn_region(s->node, s->pfn) != pre->ra_lowest)
		oracle_fail(ex, s, RF_CHECK_POL_RA_LOWEST, s->pfn,
			    "the allocation took %#lx of region %ld, the RA's lowest region was %ld",
			    s->pfn, rf_pfn_region(s->node, s->pfn), pre->ra_lowest);
}

/* Region @region has just left the RA for @mt's lists. */
void policy_post_ra(struct exec *ex, struct side *s, const struct pre *pre, long region)
{
	const struct rf_op *op = ex->op;
	int mt = rf_page_group_by_mobility_disabled(s->node) ? MIGRATE_UNMOVABLE : op->mt;

	if (op->kind == RF_OP_RA_REQUEST && op->region < 0 && region != pre->ra_lowest) {
		oracle_fail(ex, s, RF_CHECK_POL_RA_LOWEST, RF_NO_PFN,
			    "the RA gave out region %ld, its lowest was %ld", region, pre->ra_lowest);
		return;
	}
	if (rf_ra_bitmap_bit(s->node, op->zone, (unsigned int)region)) {
		oracle_fail(ex, s, RF_CHECK_POL_RA_LOWEST, RF_NO_PFN,
			    "the RA still holds region %ld after giving it out", region);
		return;
	}
	check_region_type(ex, s, op->zone, region, mt);
}

/* The pageblocks of @zone, [first, last], pageblocks shared with a
 * neighbouring zone included: their type is the zone's too. */
static void zone_pageblocks(const struct side *s, unsigned int zone, unsigned long *first,
			    unsigned long *nr)
{
	unsigned long pb = s->sh.pb_pages;
	unsigned long lo = shadow_zone_start(&s->sh, zone) & ~(pb - 1);
	unsigned long hi = shadow_zone_end(&s->sh, zone) - 1;

	*first = lo;
	*nr = (hi - lo) / pb + 1;
}

/* The pfn to ask a pageblock's type at: the @i-th from @first, clamped to
 * the node (a first pageblock can start before it). */
static unsigned long pageblock_at(const struct side *s, unsigned long first, unsigned long i)
{
	unsigned long p = first + i * s->sh.pb_pages;

	return p < s->sh.start ? s->sh.start : p;
}

/* Read by pageblock, not by page; the fallback is rare enough to afford it. */
uint8_t *policy_pre_steal(struct side *s, unsigned int zone)
{
	unsigned long first, nr;
	uint8_t *types;

	if (zone >= rf_node_geometry(s->node)->nr_zones)
		return NULL;
	zone_pageblocks(s, zone, &first, &nr);
	types = side_pb_scratch(s, nr);
	for (unsigned long i = 0; types && i < nr; i++)
		types[i] = (uint8_t)rf_pageblock_migratetype(s->node, pageblock_at(s, first, i));
	return types;
}

/*
 * v4 never claims a pageblock on the fallback path (patch 31): stealing moves
 * free blocks between lists and leaves every type as it was; only the
 * region allocator's hand-out retypes, and the fallback runs only when the
 * RA is empty.
 */
void policy_post_steal(struct exec *ex, struct side *s, const struct pre *pre)
{
	unsigned long first, nr;

	if (!pre->pb_types || s->status != RF_OK)
		return;
	zone_pageblocks(s, ex->op->zone, &first, &nr);
	for (unsigned long i = 0; i < nr; i++) {
		unsigned long p = pageblock_at(s, first, i);
		int now = rf_pageblock_migratetype(s->node, p);

		if (now != pre->pb_types[i]) {
			oracle_fail(ex, s, RF_CHECK_POL_STEAL_TYPE, p,
				    "the fallback retyped the pageblock at %#lx from %s to %s",
				    p, rf_migratetype_name(pre->pb_types[i]),
				    rf_migratetype_name(now));
			return;
		}
	}
}
