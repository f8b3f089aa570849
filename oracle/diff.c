// SPDX-License-Identifier: MIT
/*
 * The differential layer: the reference buddy runs every op in lockstep.
 * Against the engine's vanilla mode it must agree exactly -- the same status,
 * pfn and count for every op, the same counters and pageblock types, and (at
 * the full level) every list entry by entry.  Against v4 it must agree on what
 * no placement policy changes: the free blocks once everything is freed.
 * (Order-0 success and free page totals are policy-independent too, but once
 * placements differ the two free page sets differ, so they are checked on
 * each side against its own shadow -- SHADOW-SPURIOUS-FAIL and
 * SHADOW-CONSERVATION -- rather than against each other.)
 *
 * Operations the reference does not model (the region allocator) are
 * "unsupported" and skipped; nothing is invented for them.
 */
#include <stdlib.h>
#include <string.h>

#include "oracle_internal.h"

static struct ref_geometry ref_geo(const struct rf_geometry *g)
{
	struct ref_geometry r;

	memset(&r, 0, sizeof(r));
	r.max_order = g->max_order;
	r.pageblock_order = g->pageblock_order;
	r.node_start_pfn = g->node_start_pfn;
	r.node_pages = g->node_spanned_pages;
	r.nr_zones = g->nr_zones;
	for (unsigned int i = 0; i < g->nr_zones; i++)
		r.zone_start[i] = g->zone_start_pfn[i];
	r.nr_holes = g->nr_holes;
	for (unsigned int i = 0; i < g->nr_holes; i++)
		r.holes[i] = (struct ref_range){ g->holes[i].start, g->holes[i].end };
	r.nr_reserved = g->nr_reserved;
	for (unsigned int i = 0; i < g->nr_reserved; i++)
		r.reserved[i] = (struct ref_range){ g->reserved[i].start, g->reserved[i].end };
	return r;
}

/* The reference's own switches for the engine's vanilla fixes. */
static unsigned int ref_fixes(unsigned long options)
{
	static const struct {
		unsigned long opt;
		unsigned int fix;
	} map[] = {
		{ RF_OPT_FIX_ISOLATE_TWICE, REF_FIX_ISOLATE_TWICE },
		{ RF_OPT_FIX_MOBILITY_TYPES, REF_FIX_MOBILITY_TYPES },
		{ RF_OPT_FIX_PARTIAL_PAGEBLOCK, REF_FIX_PARTIAL_PAGEBLOCK },
		{ RF_OPT_FIX_ISOLATE_MERGE, REF_FIX_ISOLATE_MERGE },
		{ RF_OPT_FIX_FREE_ACCOUNTING, REF_FIX_FREE_ACCOUNTING },
		{ RF_OPT_FIX_STEAL_ISOLATED, REF_FIX_STEAL_ISOLATED },
	};
	unsigned int fixes = 0;

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (options & map[i].opt)
			fixes |= map[i].fix;
	return fixes;
}

int ref_side_init(struct ref_side *r, const struct rf_geometry *geo, unsigned long options)
{
	struct ref_geometry g = ref_geo(geo);

	memset(r, 0, sizeof(*r));
	r->rb = ref_create(&g);
	if (!r->rb)
		return RF_EGEOMETRY;
	ref_set_fixes(r->rb, ref_fixes(options));
	if (shadow_init(&r->sh, geo)) {
		ref_destroy(r->rb);
		r->rb = NULL;
		return RF_ENOSPC;
	}
	r->active = true;
	return RF_OK;
}

void ref_side_fini(struct ref_side *r)
{
	if (r->rb)
		ref_destroy(r->rb);
	shadow_fini(&r->sh);
	free(r->live.v);
	memset(r, 0, sizeof(*r));
}

/* The pfn isolation works on for the pageblock at @p, or RF_NO_PFN. */
static unsigned long first_in_pageblock(const struct shadow *sh, unsigned long p)
{
	unsigned long q = p < sh->start ? sh->start : p;

	return q < sh->end && q < p + sh->pb_pages ? q : RF_NO_PFN;
}

static void widen(const struct shadow *sh, unsigned int max_order, unsigned long *lo,
		  unsigned long *hi)
{
	unsigned long align = 1UL << (max_order - 1);

	if (align < sh->pb_pages)
		align = sh->pb_pages;
	*lo &= ~(align - 1);
	*hi = (*hi + align - 1) & ~(align - 1);
}

/* The reference's view of which pageblocks are isolated, from its results. */
static void ref_track_isolation(struct ref_side *r, const struct rf_op *op, unsigned int max_order)
{
	unsigned long lo = op->pfn, hi = op->end;

	if (r->status != REF_OK)
		return;
	switch (op->kind) {
	case RF_OP_ISOLATE:
		shadow_set_isolated(&r->sh, op->pfn, true);
		break;
	case RF_OP_UNISOLATE:
		shadow_set_isolated(&r->sh, op->pfn, false);
		break;
	case RF_OP_ISOLATE_RANGE:
	case RF_OP_UNISOLATE_RANGE:
		widen(&r->sh, max_order, &lo, &hi);
		for (unsigned long p = lo; p < hi; p += r->sh.pb_pages) {
			unsigned long q = first_in_pageblock(&r->sh, p);

			if (q != RF_NO_PFN)
				shadow_set_isolated(&r->sh, q, op->kind == RF_OP_ISOLATE_RANGE);
		}
		break;
	default:
		break;
	}
}

void ref_apply(struct exec *ex)
{
	struct ref_side *r = &ex->ref;
	const struct rf_op *op = ex->op;
	unsigned int max_order = ex->geo.max_order;
	int *st = &r->status;

	r->pfn = RF_NO_PFN;
	r->moved = 0;
	r->skipped = false;
	switch (op->kind) {
	case RF_OP_ALLOC:
	case RF_OP_STEAL:
		*st = op->kind == RF_OP_ALLOC ? ref_alloc(r->rb, op->zone, op->order, op->mt, &r->pfn)
					      : ref_steal(r->rb, op->zone, op->order, op->mt, &r->pfn);
		if (*st == REF_OK) {
			int mt = ref_mobility_disabled(r->rb) ? MIGRATE_UNMOVABLE : op->mt;

			shadow_alloc(&r->sh, r->pfn, op->order, mt);
			live_push(&r->live, r->pfn, op->order, mt);
		}
		break;
	case RF_OP_FREE:
	case RF_OP_FREE_PFN: {
		unsigned long pfn = op->pfn;
		unsigned int order = op->order;
		long i;

		if (op->kind == RF_OP_FREE) {
			if (!r->live.nr) {
				r->skipped = true;
				break;
			}
			pfn = r->live.v[op->handle % r->live.nr].pfn;
			order = r->live.v[op->handle % r->live.nr].order;
		}
		*st = ref_free(r->rb, pfn, order);
		r->pfn = pfn;
		if (*st == REF_OK) {
			shadow_free(&r->sh, pfn, order);
			i = op->kind == RF_OP_FREE ? (long)(op->handle % r->live.nr)
						   : live_find(&r->live, pfn);
			if (i >= 0)
				live_remove(&r->live, (uint32_t)i);
		}
		break;
	}
	case RF_OP_MOVE:
		*st = ref_move_freepages(r->rb, op->zone, op->pfn, op->end, op->mt, &r->moved);
		break;
	case RF_OP_MOVE_BLOCK:
		*st = ref_move_freepages_block(r->rb, op->pfn, op->mt, &r->moved);
		break;
	case RF_OP_ISOLATE:
		*st = ref_set_migratetype_isolate(r->rb, op->pfn);
		break;
	case RF_OP_UNISOLATE:
		*st = ref_unset_migratetype_isolate(r->rb, op->pfn, op->mt);
		break;
	case RF_OP_ISOLATE_RANGE:
		*st = ref_start_isolate_page_range(r->rb, op->pfn, op->end, op->mt);
		break;
	case RF_OP_UNISOLATE_RANGE:
		*st = ref_undo_isolate_page_range(r->rb, op->pfn, op->end, op->mt);
		break;
	case RF_OP_RESERVE:
		*st = ref_setup_zone_migrate_reserve(r->rb, op->zone, op->quota);
		break;
	case RF_OP_RA_REQUEST:
		*st = REF_UNSUPPORTED;
		break;
	case RF_OP_FREE_ALL:
		while (r->live.nr) {
			struct live l = r->live.v[0];

			ref_free(r->rb, l.pfn, l.order);
			shadow_free(&r->sh, l.pfn, l.order);
			live_remove(&r->live, 0);
		}
		for (unsigned long b = 0; b < r->sh.nr_pb; b++) {
			unsigned long q = first_in_pageblock(&r->sh, (r->sh.first_pb + b) * r->sh.pb_pages);

			if (q != RF_NO_PFN && shadow_isolated(&r->sh, q)) {
				ref_unset_migratetype_isolate(r->rb, q, MIGRATE_MOVABLE);
				shadow_set_isolated(&r->sh, q, false);
			}
		}
		*st = REF_OK;
		break;
	case RF_OP_CHECK:
	case RF_OP_NR:
		*st = REF_OK;
		break;
	}
	if (*st != REF_OK && op->kind != RF_OP_FREE && op->kind != RF_OP_FREE_PFN)
		r->pfn = RF_NO_PFN;
	if (!r->skipped)
		ref_track_isolation(r, op, max_order);
}

static bool result_matters(const struct rf_op *op)
{
	return op->kind != RF_OP_FREE_ALL && op->kind != RF_OP_CHECK && op->kind != RF_OP_RA_REQUEST;
}

/* Exact agreement with the vanilla engine. */
static void diff_vanilla(struct exec *ex, struct side *s)
{
	struct ref_side *r = &ex->ref;
	const struct rf_geometry *g = rf_node_geometry(s->node);

	if (s->skipped != r->skipped) {
		oracle_fail(ex, s, RF_CHECK_DIFF_RESULT, RF_NO_PFN,
			    "the op was %s on the engine but %s on the reference",
			    s->skipped ? "skipped" : "run", r->skipped ? "skipped" : "run");
		return;
	}
	if (!s->skipped && result_matters(ex->op) &&
	    (s->status != r->status || s->pfn != r->pfn || s->moved != r->moved)) {
		oracle_fail(ex, s, RF_CHECK_DIFF_RESULT, s->pfn != RF_NO_PFN ? s->pfn : r->pfn,
			    "engine: %s pfn %#lx moved %lu; reference: %s pfn %#lx moved %lu",
			    rf_strerror(s->status), s->pfn, s->moved, rf_strerror(r->status), r->pfn,
			    r->moved);
		return;
	}
	for (unsigned int z = 0; z < g->nr_zones; z++) {
		struct rf_zone_info zi;

		rf_zone_info(s->node, z, &zi);
		if (zi.nr_free_pages != ref_nr_free_pages(r->rb, z)) {
			oracle_fail(ex, s, RF_CHECK_DIFF_STATE, RF_NO_PFN,
				    "zone %u: NR_FREE_PAGES %ld, the reference has %ld", z,
				    zi.nr_free_pages, ref_nr_free_pages(r->rb, z));
			return;
		}
		for (unsigned int o = 0; o < g->max_order; o++) {
			if (rf_nr_free(s->node, z, o) != ref_nr_free(r->rb, z, o)) {
				oracle_fail(ex, s, RF_CHECK_DIFF_STATE, RF_NO_PFN,
					    "zone %u: free_area[%u].nr_free %lu, the reference has %lu", z,
					    o, rf_nr_free(s->node, z, o), ref_nr_free(r->rb, z, o));
				return;
			}
		}
	}
	if (ex->cfg->level < RF_LEVEL_FULL && ex->op->kind != RF_OP_CHECK)
		return;
	for (unsigned long p = s->sh.start & ~(s->sh.pb_pages - 1); p < s->sh.end; p += s->sh.pb_pages) {
		unsigned long q = p < s->sh.start ? s->sh.start : p;

		if (rf_pageblock_migratetype(s->node, q) != ref_pageblock_mt(r->rb, q)) {
			oracle_fail(ex, s, RF_CHECK_DIFF_STATE, q,
				    "the pageblock at %#lx is %s, on the reference %s", p,
				    rf_migratetype_name(rf_pageblock_migratetype(s->node, q)),
				    rf_migratetype_name(ref_pageblock_mt(r->rb, q)));
			return;
		}
	}
	for (unsigned int z = 0; z < g->nr_zones; z++) {
		for (unsigned int o = 0; o < g->max_order; o++) {
			for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
				size_t i = 0, n = ref_list_len(r->rb, z, o, mt);
				unsigned long p = rf_list_first(s->node, z, o, mt);

				for (; i < n && p != RF_NO_PFN; i++, p = rf_list_next(s->node, z, o, mt, p))
					if (p != ref_list_at(r->rb, z, o, mt, i))
						break;
				if (i != n || p != RF_NO_PFN) {
					oracle_fail(ex, s, RF_CHECK_DIFF_STATE, p,
						    "free_list[%u][%s] of zone %u differs from the reference at entry %zu: %#lx against %#lx",
						    o, rf_migratetype_name(mt), z, i, p,
						    i < n ? ref_list_at(r->rb, z, o, mt, i) : RF_NO_PFN);
					return;
				}
			}
		}
	}
}

void diff_compare(struct exec *ex)
{
	if (!ex->ref.active)
		return;
	if (ex->side[RF_MODE_VANILLA].active && !ex->failed)
		diff_vanilla(ex, &ex->side[RF_MODE_VANILLA]);
}

/* After free_all: the same free blocks everywhere. */
void diff_free_all(struct exec *ex)
{
	struct ref_side *r = &ex->ref;

	if (!r->active)
		return;
	for (int m = 0; m < 2 && !ex->failed; m++) {
		struct side *s = &ex->side[m];
		struct block_iter it;
		unsigned long block;

		if (!s->active)
			continue;
		block_iter_init(&it, s->node);
		while (!ex->failed && block_iter_next(&it, &block)) {
			unsigned long pfn = block >> 8;
			int order = (int)(block & 0xff);

			if (ref_free_order(r->rb, pfn) != order)
				oracle_fail(ex, s, RF_CHECK_DIFF_MERGED, pfn,
					    "with everything freed, the engine has a free order-%d block at %#lx, the reference %s",
					    order, pfn, ref_free_order(r->rb, pfn) < 0 ? "none there" : "another order");
		}
		for (unsigned long p = s->sh.start; p < s->sh.end && !ex->failed; p++) {
			int order = ref_free_order(r->rb, p);
			struct rf_page_info pi;

			rf_page_info(s->node, p, &pi);
			if (order >= 0 && !(pi.buddy && pi.order == (unsigned int)order))
				oracle_fail(ex, s, RF_CHECK_DIFF_MERGED, p,
					    "with everything freed, the reference has a free order-%d block at %#lx, the engine does not",
					    order, p);
		}
	}
}
