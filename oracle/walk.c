// SPDX-License-Identifier: MIT
/*
 * Structural walks of the engine's state (MODEL.md section 5), at two costs.
 *
 * The cheap walk runs after every operation and costs O(MAX_ORDER + regions +
 * ISOLATE entries): the counters against each other and against the shadow.
 * When it finds a mismatch it walks the lists once more to name the right
 * check (a wrong counter and a lost block are different buckets).
 *
 * The full walk looks at everything: every list entry and both its links,
 * every free block and every page it covers, every region and its runs,
 * the region allocator, and each against the shadow.
 */
#include <stdlib.h>
#include <string.h>

#include "oracle_internal.h"

#define SEEN_RA 0x80000000u

struct walk {
	struct exec *ex;
	struct side *s;
	const struct rf_node *node;
	const struct rf_geometry *g;
	bool v4;
	unsigned long start, end;
	struct walk_scratch ws;		/* the side's buffers (oracle_internal.h) */
	bool word_nonempty;		/* scratch of walk_list: the current bitmap word */
	unsigned long free_pages[RF_MAX_ZONES];
	unsigned long isolate_pages[RF_MAX_ZONES];
	struct rf_zone_info zi[RF_MAX_ZONES];	/* read once per walk */
};

static bool is_v4(const struct rf_node *node)
{
	return rf_node_config(node)->mode == RF_MODE_V4;
}

/* Pages the region allocator holds, from its zone total (the full walk
 * checks that total against the regions). */
static unsigned long ra_pages(const struct rf_node *node, unsigned int zone)
{
	struct rf_zone_info zi;

	if (!is_v4(node) || rf_zone_info(node, zone, &zi))
		return 0;
	return zi.ra_blocks << (rf_node_geometry(node)->max_order - 1);
}

/* Free pages on the lists, walked; @isolate gets those on ISOLATE lists. */
static unsigned long walked_free(const struct rf_node *node, unsigned int zone,
				 unsigned long *isolate)
{
	const struct rf_geometry *g = rf_node_geometry(node);
	unsigned long total = 0;

	*isolate = 0;
	for (unsigned int o = 0; o < g->max_order; o++) {
		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			unsigned long guard = g->node_spanned_pages + 1;

			for (unsigned long p = rf_list_first(node, zone, o, mt); p != RF_NO_PFN && guard--;
			     p = rf_list_next(node, zone, o, mt, p)) {
				total += 1UL << o;
				if (mt == MIGRATE_ISOLATE)
					*isolate += 1UL << o;
			}
		}
	}
	return total + ra_pages(node, zone);
}

void walk_cheap(struct exec *ex, struct side *s, unsigned int zone_lo, unsigned int zone_hi,
		const struct rf_zone_counters now[RF_MAX_ZONES])
{
	const struct rf_geometry *g = rf_node_geometry(s->node);

	for (unsigned int z = zone_lo; z < zone_hi && !ex->failed; z++) {
		const struct rf_zone_counters *c = &now[z];
		unsigned long counted = 0, isolate = 0;

		if (is_v4(s->node))
			counted = c->ra_blocks << (g->max_order - 1);
		for (unsigned int o = 0; o < g->max_order; o++) {
			counted += c->nr_free[o] << o;
			isolate += c->nr_isolate[o] << o;
		}
		if (counted != s->sh.nr_free[z]) {
			unsigned long walked = walked_free(s->node, z, &isolate);

			if (walked == s->sh.nr_free[z])
				oracle_fail(ex, s, RF_CHECK_NR_FREE, RF_NO_PFN,
					    "zone %u: free_area[].nr_free counts %lu free pages, the lists hold %lu",
					    z, counted, walked);
			else
				oracle_fail(ex, s, RF_CHECK_CONSERVATION, RF_NO_PFN,
					    "zone %u: the engine holds %lu free pages (lists and RA), the shadow expects %lu",
					    z, walked, s->sh.nr_free[z]);
			return;
		}
		if (c->nr_free_pages != (long)(counted - isolate))
			oracle_fail(ex, s, RF_CHECK_NR_FREE_PAGES, RF_NO_PFN,
				    "zone %u: NR_FREE_PAGES is %ld, but %lu pages are free outside ISOLATE lists",
				    z, c->nr_free_pages, counted - isolate);
	}
}

static uint32_t list_id(unsigned int zone, unsigned int order, int mt)
{
	return (zone * RF_MAX_MAX_ORDER + order) * MIGRATE_TYPES + (uint32_t)mt;
}

static int list_id_mt(uint32_t id)
{
	return (int)(id % MIGRATE_TYPES);
}

/* One list: links, entries, one-list membership, freepage types and (v4) runs. */
static void walk_list(struct walk *w, unsigned int z, unsigned int o, int mt, unsigned long *count)
{
	struct exec *ex = w->ex;
	struct side *s = w->s;
	const struct rf_node *node = w->node;
	unsigned long prev = RF_NO_PFN, guard = w->g->node_spanned_pages + 1, entries = 0;
	unsigned int nr_regions = w->zi[z].nr_regions;
	unsigned long *run_count = NULL, *run_tail = NULL;
	long last_region = -1;

	if (w->v4) {
		run_count = w->ws.run_count;
		run_tail = w->ws.run_tail;
		memset(run_count, 0, nr_regions * sizeof(*run_count));
	}
	for (unsigned long p = rf_list_first(node, z, o, mt); p != RF_NO_PFN;
	     prev = p, p = rf_list_next(node, z, o, mt, p)) {
		struct rf_page_info pi;

		if (!guard--) {
			oracle_fail(ex, s, RF_CHECK_LIST_LINKS, p,
				    "free_list[%u][%s] of zone %u does not come back to its head", o,
				    rf_migratetype_name(mt), z);
			goto out;
		}
		if (p < w->start || p >= w->end || w->ws.page[p - w->start].zone != z) {
			oracle_fail(ex, s, RF_CHECK_LIST_LINKS, prev,
				    "free_list[%u][%s] of zone %u links to pfn %#lx, outside the zone", o,
				    rf_migratetype_name(mt), z, p);
			goto out;
		}
		if (rf_list_prev(node, z, o, mt, p) != prev) {
			oracle_fail(ex, s, RF_CHECK_LIST_LINKS, p,
				    "the entry before %#lx on free_list[%u][%s] is %#lx, its prev link says %#lx",
				    p, o, rf_migratetype_name(mt), prev, rf_list_prev(node, z, o, mt, p));
			goto out;
		}
		pi = w->ws.page[p - w->start];
		if (!pi.buddy || pi.order != o) {
			oracle_fail(ex, s, RF_CHECK_LIST_LINKS, p,
				    "%#lx is on free_list[%u][%s] but %s", p, o, rf_migratetype_name(mt),
				    pi.buddy ? "heads a free block of another order" : "heads no free block");
			goto out;
		}
		if (w->ws.seen[p - w->start]) {
			oracle_fail(ex, s, RF_CHECK_ONE_LIST, p,
				    "%#lx is on free_list[%u][%s] and on another list or the RA", p, o,
				    rf_migratetype_name(mt));
			goto out;
		}
		w->ws.seen[p - w->start] = 1 + list_id(z, o, mt);
		if (w->v4 && pi.freepage_mt != mt) {
			oracle_fail(ex, s, RF_CHECK_FREEPAGE_MT, p,
				    "%#lx is on free_list[%u][%s] with freepage migratetype %s", p, o,
				    rf_migratetype_name(mt), rf_migratetype_name(pi.freepage_mt));
			goto out;
		}
		if (w->v4) {
			long r = rf_pfn_region(node, p);

			if (r < last_region || (r != last_region && run_count[r])) {
				oracle_fail(ex, s, RF_CHECK_SORTED, p,
					    "free_list[%u][%s]: %#lx of region %ld comes after region %ld's run",
					    o, rf_migratetype_name(mt), p, r, last_region);
				goto out;
			}
			last_region = r;
			run_count[r]++;
			run_tail[r] = p;
		}
		(*count)++;
		entries++;
		w->free_pages[z] += 1UL << o;
		if (mt == MIGRATE_ISOLATE)
			w->isolate_pages[z] += 1UL << o;
	}
	if (rf_list_length(node, z, o, mt) != entries) {
		oracle_fail(ex, s, RF_CHECK_NR_FREE, RF_NO_PFN,
			    "free_list[%u][%s] of zone %u: the model counts %lu entries, the list holds %lu",
			    o, rf_migratetype_name(mt), z, rf_list_length(node, z, o, mt), entries);
		goto out;
	}
	if (rf_list_last(node, z, o, mt) != prev) {
		oracle_fail(ex, s, RF_CHECK_LIST_LINKS, prev,
			    "free_list[%u][%s]: the head's prev link is %#lx, the last entry %#lx", o,
			    rf_migratetype_name(mt), rf_list_last(node, z, o, mt), prev);
		goto out;
	}
	if (!w->v4)
		goto out;

	unsigned long first = rf_list_first(node, z, o, mt);
	long want_next = first == RF_NO_PFN ? -1 : rf_pfn_region(node, first);

	if (rf_list_next_region(node, z, o, mt) != want_next) {
		oracle_fail(ex, s, RF_CHECK_SORTED, first,
			    "free_list[%u][%s]: next_region is %ld, the first entry is in region %ld", o,
			    rf_migratetype_name(mt), rf_list_next_region(node, z, o, mt), want_next);
		goto out;
	}
	rf_run_info_all(node, z, o, mt, w->ws.runs);
	for (unsigned int r = 0; r < nr_regions; r++) {
		const struct rf_run_info ri = w->ws.runs[r];
		bool word_nonempty = false;

		/* Whether any region sharing r's bitmap word has a run. */
		if (!(r & 63)) {
			bool any = false;

			for (unsigned int q = r; q < (r | 63u) + 1 && q < nr_regions; q++)
				any |= run_count[q] != 0;
			w->word_nonempty = any;
		}
		word_nonempty = w->word_nonempty;
		if (ri.nr_blocks != run_count[r] ||
		    (run_count[r] && ri.tail_pfn != run_tail[r]) ||
		    (!run_count[r] && ri.tail_pfn != RF_NO_PFN)) {
			oracle_fail(ex, s, RF_CHECK_SORTED, run_count[r] ? run_tail[r] : RF_NO_PFN,
				    "free_list[%u][%s] region %u: recorded run of %lu ending at %#lx, the list has %lu ending at %#lx",
				    o, rf_migratetype_name(mt), r, ri.nr_blocks, ri.tail_pfn, run_count[r],
				    run_count[r] ? run_tail[r] : RF_NO_PFN);
			goto out;
		}
		if (ri.bitmap_bit != (run_count[r] != 0) || ri.summary_bit != word_nonempty) {
			oracle_fail(ex, s, RF_CHECK_BITMAP, RF_NO_PFN,
				    "free_list[%u][%s] region %u: bitmap bit %d summary bit %d, but the region has %lu entries (its word %s)",
				    o, rf_migratetype_name(mt), r, ri.bitmap_bit, ri.summary_bit,
				    run_count[r], word_nonempty ? "is not empty" : "is empty");
			goto out;
		}
	}
out:
	return;
}

/* The region allocator's lists, index and lowest region. */
static void walk_ra(struct walk *w, unsigned int z)
{
	struct exec *ex = w->ex;
	struct side *s = w->s;
	const struct rf_node *node = w->node;
	unsigned int top = w->g->max_order - 1;
	const struct rf_zone_info *zi = &w->zi[z];
	long lowest = -1;

	unsigned long held_blocks = 0;

	for (unsigned int r = 0; r < zi->nr_regions && !ex->failed; r++) {
		struct rf_region_info ri;
		unsigned long n = 0, guard = w->g->node_spanned_pages + 1;

		rf_region_info(node, z, r, &ri);
		held_blocks += ri.ra_blocks;
		if (ri.in_ra && lowest < 0)
			lowest = r;
		if (ri.in_ra != (ri.ra_blocks != 0)) {
			oracle_fail(ex, s, RF_CHECK_RA_INDEX, ri.start_pfn,
				    "region %u: RA bitmap bit %d but %lu blocks held", r, ri.in_ra,
				    ri.ra_blocks);
			return;
		}
		if (!ri.ra_blocks)
			continue;
		for (unsigned long p = rf_ra_first(node, z, r); p != RF_NO_PFN && n <= ri.ra_blocks;
		     p = rf_ra_next(node, z, r, p), n++) {
			struct rf_page_info pi;

			if (!guard-- || p < w->start || p >= w->end) {
				oracle_fail(ex, s, RF_CHECK_RA_INDEX, ri.start_pfn,
					    "region %u: the RA's list is broken at %#lx", r, p);
				return;
			}
			pi = w->ws.page[p - w->start];
			if (!pi.buddy || pi.order != top || rf_pfn_region(node, p) != (long)r) {
				oracle_fail(ex, s, RF_CHECK_RA_INDEX, p,
					    "region %u: the RA holds %#lx, which is not a free top-order block of the region",
					    r, p);
				return;
			}
			if (w->ws.seen[p - w->start]) {
				oracle_fail(ex, s, RF_CHECK_ONE_LIST, p,
					    "%#lx is held by the RA and is on a buddy list too", p);
				return;
			}
			w->ws.seen[p - w->start] = SEEN_RA | r;
			w->free_pages[z] += 1UL << top;
		}
		if (n != ri.ra_blocks) {
			oracle_fail(ex, s, RF_CHECK_RA_INDEX, ri.start_pfn,
				    "region %u: the RA counts %lu blocks, its list holds %lu", r,
				    ri.ra_blocks, n);
			return;
		}
	}
	if (!ex->failed && rf_ra_lowest_region(node, z) != lowest)
		oracle_fail(ex, s, RF_CHECK_RA_INDEX, RF_NO_PFN,
			    "zone %u: the RA's lowest region is recorded as %ld, the lowest held is %ld", z,
			    rf_ra_lowest_region(node, z), lowest);
	if (!ex->failed && zi->ra_blocks != held_blocks)
		oracle_fail(ex, s, RF_CHECK_RA_INDEX, RF_NO_PFN,
			    "zone %u: the RA counts %lu blocks in all, its regions %lu", z, zi->ra_blocks,
			    held_blocks);
}

/* Every free block: shape, membership, coverage; every page against the shadow. */
static void walk_pages(struct walk *w)
{
	struct exec *ex = w->ex;
	struct side *s = w->s;
	/* Locals, not w->: the loops store to cover[], which the compiler must
	 * otherwise assume may change w, and reload (and, under ASan, check)
	 * every field on every page. */
	const struct rf_page_info *page = w->ws.page;
	const uint8_t *shadow = s->sh.page;
	const uint32_t *seen = w->ws.seen;
	uint32_t *cover = w->ws.cover;
	unsigned long start = w->start, nr = w->end - w->start;

	for (unsigned long i = 0; i < nr; i++) {
		const struct rf_page_info *pi = &page[i];
		unsigned long p = start + i;

		if (!pi->buddy)
			continue;
		if (!seen[i]) {
			oracle_fail(ex, s, RF_CHECK_ONE_LIST, p,
				    "%#lx heads a free order-%u block that is on no list and not in the RA",
				    p, pi->order);
			return;
		}

		unsigned long size = 1UL << pi->order;

		if ((p & (size - 1)) || p + size > w->zi[pi->zone].zone_end_pfn) {
			oracle_fail(ex, s, RF_CHECK_BLOCK, p,
				    "the free order-%u block at %#lx is %s", pi->order, p,
				    (p & (size - 1)) ? "not aligned to its size" : "not inside its zone");
			return;
		}
		for (unsigned long j = i; j < i + size; j++) {
			const struct rf_page_info *qi = &page[j];
			unsigned long q = start + j;

			if (!qi->present || qi->reserved || cover[j] ||
			    (j != i && (qi->buddy || qi->allocated))) {
				oracle_fail(ex, s, RF_CHECK_BLOCK, q,
					    "the free order-%u block at %#lx covers %#lx, which is %s", pi->order,
					    p, q,
					    !qi->present ? "a hole" : qi->reserved ? "reserved" :
					    cover[j] ? "in another free block" :
					    qi->buddy ? "the head of another free block" : "allocated");
				return;
			}
			cover[j] = (uint32_t)i + 1;
		}
	}
	/* Every managed page: free in a block exactly when the shadow says free;
	 * every allocated head exactly the shadow's live allocations. */
	for (unsigned long i = 0; i < nr; i++) {
		const struct rf_page_info *pi = &page[i];
		unsigned long p = start + i;
		uint8_t st = shadow[i];
		bool covered = cover[i] != 0;

		if (st != SH_UNMANAGED && covered != (st == SH_FREE)) {
			oracle_fail(ex, s, RF_CHECK_CONSERVATION, p,
				    covered ? "%#lx lies in a free block but was allocated through the API"
					    : "%#lx was freed through the API but lies in no free block", p);
			return;
		}

		int want = sh_byte_head_order(st);

		if (pi->allocated != (want >= 0) ||
		    (want >= 0 && (pi->order != (unsigned int)want ||
				   pi->alloc_mt != sh_byte_head_mt(st)))) {
			oracle_fail(ex, s, RF_CHECK_PARTITION, p,
				    "%#lx: the engine records %s, the API returned %s", p,
				    pi->allocated ? "an allocated block head" : "no allocated block",
				    want >= 0 ? "an allocated block here" : "no block here");
			return;
		}
	}
}

static void walk_merged(struct walk *w)
{
	const struct rf_node *node = w->node;
	const struct rf_page_info *page = w->ws.page;	/* locals: see walk_pages */
	unsigned long start = w->start, end = w->end;
	unsigned int top = w->g->max_order - 1, pageblock_order = w->g->pageblock_order;

	for (unsigned long p = start; p < end; p++) {
		const struct rf_page_info *pi = &page[p - start];

		if (!pi->buddy || pi->order >= top)
			continue;

		unsigned long b = p ^ (1UL << pi->order);

		if (b < p || b >= end)
			continue;
		const struct rf_page_info *bi = &page[b - start];

		if (bi->zone != pi->zone)
			continue;

		/* Allowed apart: buddies across an isolated pageblock's edge. */
		if (pi->order >= pageblock_order &&
		    (rf_pageblock_migratetype(node, p) == MIGRATE_ISOLATE ||
		     rf_pageblock_migratetype(node, b) == MIGRATE_ISOLATE))
			continue;
		if (bi->buddy && bi->order == pi->order) {
			oracle_fail(w->ex, w->s, RF_CHECK_MERGED, p,
				    "free order-%u buddies %#lx and %#lx are not merged", pi->order, p, b);
			return;
		}
	}
}

/* Zone regions: nr_free by head pfn; with the RA, wholly in or wholly out. */
static void walk_regions(struct walk *w, unsigned int z)
{
	struct exec *ex = w->ex;
	const struct rf_node *node = w->node;
	/* Locals: see walk_pages. */
	const struct rf_page_info *page = w->ws.page;
	const uint32_t *seen_at = w->ws.seen, *cover = w->ws.cover;
	unsigned long start = w->start;
	bool v4 = w->v4;

	for (unsigned int r = 0; r < w->zi[z].nr_regions && !ex->failed; r++) {
		struct rf_region_info ri;
		unsigned long headed = 0;

		rf_region_info(node, z, r, &ri);
		for (unsigned long p = ri.start_pfn; p < ri.end_pfn; p++) {
			const struct rf_page_info *pi = &page[p - start];

			if (pi->buddy)
				headed += 1UL << pi->order;
			if (!v4 || !pi->present)
				continue;

			uint32_t c = cover[p - start];

			if (!c && !ri.in_ra)
				continue;	/* not free, and need not be */

			uint32_t seen = c ? seen_at[c - 1] : 0;
			bool in_ra_block = (seen & SEEN_RA) != 0;

			if (ri.in_ra && (!in_ra_block || (seen & ~SEEN_RA) != r)) {
				oracle_fail(ex, w->s, RF_CHECK_RA_WHOLE, p,
					    "region %u is held by the RA, but its page %#lx is %s", r, p,
					    in_ra_block ? "in a block the RA holds for another region" :
					    c ? "in a free block on a buddy list" : "not free");
				return;
			}
			if (!ri.in_ra && in_ra_block) {
				oracle_fail(ex, w->s, RF_CHECK_RA_WHOLE, p,
					    "region %u is not held by the RA, but its page %#lx is in a block the RA holds",
					    r, p);
				return;
			}
		}
		if (headed != ri.nr_free) {
			oracle_fail(ex, w->s, RF_CHECK_REGION_FREE, ri.start_pfn,
				    "region %u [%#lx, %#lx): nr_free is %lu, its free blocks hold %lu pages", r,
				    ri.start_pfn, ri.end_pfn, ri.nr_free, headed);
			return;
		}
	}
}

/* Each isolated pageblock: ISOLATE, and its free pages on ISOLATE lists. */
static void walk_isolated(struct walk *w)
{
	struct side *s = w->s;
	unsigned long pb = s->sh.pb_pages;

	for (unsigned long b = 0; b < s->sh.nr_pb && !w->ex->failed; b++) {
		if (!(s->sh.isolated[b] & SH_PROTECTED))
			continue;

		unsigned long first = (s->sh.first_pb + b) * pb;
		unsigned long lo = first < w->start ? w->start : first;
		unsigned long hi = first + pb < w->end ? first + pb : w->end;
		int mt = rf_pageblock_migratetype(w->node, lo);

		if (mt != MIGRATE_ISOLATE) {
			oracle_fail(w->ex, s, RF_CHECK_ISOLATED, lo,
				    "the pageblock at %#lx is isolated (its undo has not started), but its type is %s",
				    first, rf_migratetype_name(mt));
			return;
		}
		for (unsigned long p = lo; p < hi; p++) {
			uint32_t c = w->ws.cover[p - w->start];

			if (!c)
				continue;

			uint32_t seen = w->ws.seen[c - 1];

			if ((seen & SEEN_RA) || list_id_mt(seen - 1) != MIGRATE_ISOLATE) {
				oracle_fail(w->ex, s, RF_CHECK_ISOLATED, p,
					    "the pageblock at %#lx is isolated, but its free page %#lx is in the block at %#lx, %s",
					    first, p, w->start + c - 1,
					    (seen & SEEN_RA) ? "held by the RA"
							     : "on a list other than ISOLATE");
				return;
			}
		}
	}
}

/* The full walk's buffers, sized for the node once and kept in the side. */
static int walk_scratch(struct side *s, const struct rf_geometry *g)
{
	struct walk_scratch *ws = &s->scratch;
	unsigned long regions = 0;

	if (ws->seen)
		return RF_OK;
	for (unsigned int z = 0; z < g->nr_zones; z++) {
		struct rf_zone_info zi;

		rf_zone_info(s->node, z, &zi);
		if (zi.nr_regions > regions)
			regions = zi.nr_regions;
	}
	ws->seen = calloc(g->node_spanned_pages, sizeof(*ws->seen));
	ws->cover = calloc(g->node_spanned_pages, sizeof(*ws->cover));
	ws->page = malloc(g->node_spanned_pages * sizeof(*ws->page));
	ws->run_count = calloc(regions + 1, sizeof(*ws->run_count));
	ws->run_tail = calloc(regions + 1, sizeof(*ws->run_tail));
	ws->runs = calloc(regions + 1, sizeof(*ws->runs));
	if (ws->seen && ws->cover && ws->page && ws->run_count && ws->run_tail && ws->runs)
		return RF_OK;
	walk_scratch_free(ws);
	return RF_ENOSPC;
}

void walk_scratch_free(struct walk_scratch *ws)
{
	free(ws->seen);
	free(ws->cover);
	free(ws->page);
	free(ws->run_count);
	free(ws->run_tail);
	free(ws->runs);
	memset(ws, 0, sizeof(*ws));
}

void walk_full(struct exec *ex, struct side *s)
{
	const struct rf_geometry *g = rf_node_geometry(s->node);
	struct walk w = {
		.ex = ex, .s = s, .node = s->node, .g = g, .v4 = is_v4(s->node),
		.start = g->node_start_pfn, .end = g->node_start_pfn + g->node_spanned_pages,
	};

	if (walk_scratch(s, g))
		return;
	w.ws = s->scratch;
	memset(w.ws.seen, 0, g->node_spanned_pages * sizeof(*w.ws.seen));
	memset(w.ws.cover, 0, g->node_spanned_pages * sizeof(*w.ws.cover));
	rf_page_info_range(s->node, w.start, w.end - w.start, w.ws.page);
	for (unsigned int z = 0; z < g->nr_zones; z++)
		rf_zone_info(s->node, z, &w.zi[z]);
	for (unsigned int z = 0; z < g->nr_zones && !ex->failed; z++) {
		for (unsigned int o = 0; o < g->max_order && !ex->failed; o++) {
			unsigned long count = 0;

			for (int mt = 0; mt < MIGRATE_TYPES && !ex->failed; mt++)
				walk_list(&w, z, o, mt, &count);
			if (!ex->failed && count != rf_nr_free(s->node, z, o))
				oracle_fail(ex, s, RF_CHECK_NR_FREE, RF_NO_PFN,
					    "zone %u: free_area[%u].nr_free is %lu, the order-%u lists hold %lu blocks",
					    z, o, rf_nr_free(s->node, z, o), o, count);
		}
		if (w.v4 && !ex->failed)
			walk_ra(&w, z);
	}
	if (!ex->failed)
		walk_pages(&w);
	if (!ex->failed)
		walk_merged(&w);
	for (unsigned int z = 0; z < g->nr_zones && !ex->failed; z++) {
		if (w.zi[z].nr_free_pages != (long)(w.free_pages[z] - w.isolate_pages[z]))
			oracle_fail(ex, s, RF_CHECK_NR_FREE_PAGES, RF_NO_PFN,
				    "zone %u: NR_FREE_PAGES is %ld, but %lu pages are free outside ISOLATE lists",
				    z, w.zi[z].nr_free_pages, w.free_pages[z] - w.isolate_pages[z]);
		if (!ex->failed)
			walk_regions(&w, z);
	}
	if (!ex->failed)
		walk_isolated(&w);
}

void block_iter_init(struct block_iter *it, const struct rf_node *node)
{
	const struct rf_geometry *g = rf_node_geometry(node);

	it->node = node;
	it->base = g->node_start_pfn;
	it->end = g->node_start_pfn + g->node_spanned_pages;
	it->len = it->i = 0;
}

bool block_iter_next(struct block_iter *it, unsigned long *block)
{
	for (;;) {
		for (; it->i < it->len; it->i++) {
			if (it->pi[it->i].buddy) {
				*block = (it->base + it->i) << 8 | it->pi[it->i].order;
				it->i++;
				return true;
			}
		}
		it->base += it->len;
		if (it->base >= it->end)
			return false;
		it->len = it->end - it->base < BLOCK_ITER_STRETCH ? it->end - it->base : BLOCK_ITER_STRETCH;
		it->i = 0;
		rf_page_info_range(it->node, it->base, it->len, it->pi);
	}
}

int free_blocks(const struct rf_node *node, unsigned long **v, size_t *cap, size_t *nr)
{
	struct block_iter it;
	unsigned long block;

	*nr = 0;
	block_iter_init(&it, node);
	while (block_iter_next(&it, &block)) {
		unsigned long *nv = buffer_reserve(*v, cap, *nr + 1, sizeof(*nv));

		if (!nv)
			return RF_ENOSPC;
		*v = nv;
		(*v)[(*nr)++] = block;
	}
	return RF_OK;
}
