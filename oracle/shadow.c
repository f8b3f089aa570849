// SPDX-License-Identifier: MIT
/*
 * The shadow model: page ownership and isolation as the API results say,
 * built without looking at the engine's state.  Set-up makes every managed
 * page free; a successful allocation takes its pages, a free gives them back,
 * an isolation marks its pageblocks.  From this alone the oracle knows what
 * must be free, what must be allocated, and which allocations the allocator
 * owes its caller.
 */
#include <stdlib.h>
#include <string.h>

#include "oracle_internal.h"

_Static_assert(RF_MAX_MAX_ORDER <= 16 && MIGRATE_TYPES <= 8, "an SH_HEAD byte holds the order and the type");

static void mark_unmanaged(struct shadow *sh, unsigned int nr, const struct rf_pfn_range *r)
{
	for (unsigned int i = 0; i < nr; i++) {
		unsigned long lo = r[i].start > sh->start ? r[i].start : sh->start;
		unsigned long hi = r[i].end < sh->end ? r[i].end : sh->end;

		if (lo < hi)
			memset(sh->page + (lo - sh->start), SH_UNMANAGED, hi - lo);
	}
}

int shadow_init(struct shadow *sh, const struct rf_geometry *g)
{
	unsigned long n = g->node_spanned_pages;
	struct shadow kept = *sh;

	memset(sh, 0, sizeof(*sh));
	sh->geo = g;
	sh->start = g->node_start_pfn;
	sh->end = g->node_start_pfn + n;
	sh->pb_pages = 1UL << g->pageblock_order;
	sh->first_pb = sh->start >> g->pageblock_order;
	sh->nr_pb = ((sh->end - 1) >> g->pageblock_order) - sh->first_pb + 1;
	sh->page = kept.page;
	sh->page_cap = kept.page_cap;
	sh->isolated = kept.isolated;
	sh->isolated_cap = kept.isolated_cap;

	uint8_t *page = buffer_reserve(sh->page, &sh->page_cap, n, 1);
	uint8_t *isolated = page ? buffer_reserve(sh->isolated, &sh->isolated_cap, sh->nr_pb, 1)
				 : NULL;

	if (!page || !isolated) {
		if (page)
			sh->page = page;
		shadow_fini(sh);
		return RF_ENOSPC;
	}
	sh->page = page;
	sh->isolated = isolated;
	memset(sh->isolated, 0, sh->nr_pb);
	/* Range by range rather than pfn by pfn: every session starts here. */
	memset(sh->page, SH_FREE, n);
	mark_unmanaged(sh, g->nr_holes, g->holes);
	mark_unmanaged(sh, g->nr_reserved, g->reserved);
	for (unsigned int z = 0; z < g->nr_zones; z++) {
		unsigned long lo = shadow_zone_start(sh, z), hi = shadow_zone_end(sh, z);

		for (unsigned long pfn = lo; pfn < hi; pfn++)
			sh->nr_free[z] += sh->page[pfn - sh->start] == SH_FREE;
	}
	return RF_OK;
}

void shadow_fini(struct shadow *sh)
{
	free(sh->page);
	free(sh->isolated);
	memset(sh, 0, sizeof(*sh));
}

void shadow_keep(struct shadow *sh)
{
	struct shadow kept = {
		.page = sh->page, .page_cap = sh->page_cap,
		.isolated = sh->isolated, .isolated_cap = sh->isolated_cap,
	};

	*sh = kept;
}

unsigned int shadow_zone(const struct shadow *sh, unsigned long pfn)
{
	const struct rf_geometry *g = sh->geo;

	if (pfn < sh->start || pfn >= sh->end)
		return RF_MAX_ZONES;
	for (unsigned int z = g->nr_zones; z-- > 1;)
		if (pfn >= g->zone_start_pfn[z])
			return z;
	return 0;
}

unsigned long shadow_zone_start(const struct shadow *sh, unsigned int zone)
{
	return sh->geo->zone_start_pfn[zone];
}

unsigned long shadow_zone_end(const struct shadow *sh, unsigned int zone)
{
	return zone + 1 < sh->geo->nr_zones ? sh->geo->zone_start_pfn[zone + 1] : sh->end;
}

bool shadow_range_free(const struct shadow *sh, unsigned long pfn, unsigned long nr)
{
	if (pfn < sh->start || pfn + nr > sh->end)
		return false;
	for (unsigned long i = 0; i < nr; i++)
		if (sh->page[pfn - sh->start + i] != SH_FREE)
			return false;
	return true;
}

unsigned long shadow_count_free(const struct shadow *sh, unsigned long lo, unsigned long hi)
{
	unsigned long n = 0;

	if (lo < sh->start)
		lo = sh->start;
	if (hi >= sh->end)
		hi = sh->end - 1;
	if (lo > hi)
		return 0;

	/* One bound and a byte compare: a loop the compiler vectorises.  Every
	 * move asks this of a pageblock or more, so it shows in the oracle's cost. */
	const uint8_t *page = &sh->page[lo - sh->start];
	size_t nr = hi - lo + 1;

	for (size_t i = 0; i < nr; i++)
		n += page[i] == SH_FREE;
	return n;
}

void shadow_alloc(struct shadow *sh, unsigned long pfn, unsigned int order, int mt)
{
	unsigned long nr = 1UL << order;

	memset(&sh->page[pfn - sh->start], SH_ALLOC, nr);
	/* Orders stay below 16 and types below 8 (RF_MAX_MAX_ORDER, MIGRATE_TYPES). */
	sh->page[pfn - sh->start] = (uint8_t)(SH_HEAD | order << 3 | (unsigned int)mt);
	sh->nr_free[shadow_zone(sh, pfn)] -= nr;
}

void shadow_free(struct shadow *sh, unsigned long pfn, unsigned int order)
{
	unsigned long nr = 1UL << order;

	memset(&sh->page[pfn - sh->start], SH_FREE, nr);
	sh->nr_free[shadow_zone(sh, pfn)] += nr;
}

int shadow_head_order(const struct shadow *sh, unsigned long pfn)
{
	return sh_byte_head_order(pfn >= sh->start && pfn < sh->end ? sh->page[pfn - sh->start] : 0);
}

int shadow_head_mt(const struct shadow *sh, unsigned long pfn)
{
	return sh_byte_head_mt(pfn >= sh->start && pfn < sh->end ? sh->page[pfn - sh->start] : 0);
}

unsigned long shadow_pageblock(const struct shadow *sh, unsigned long pfn)
{
	return (pfn >> sh->geo->pageblock_order) - sh->first_pb;
}

bool shadow_isolated(const struct shadow *sh, unsigned long pfn)
{
	return pfn >= sh->start && pfn < sh->end &&
	       (sh->isolated[shadow_pageblock(sh, pfn)] & SH_ISOLATED);
}

bool shadow_protected(const struct shadow *sh, unsigned long pfn)
{
	return pfn >= sh->start && pfn < sh->end &&
	       (sh->isolated[shadow_pageblock(sh, pfn)] & SH_PROTECTED);
}

void shadow_set_isolated(struct shadow *sh, unsigned long pfn, bool on)
{
	if (pfn < sh->start || pfn >= sh->end)
		return;
	if (on) {
		sh->isolated[shadow_pageblock(sh, pfn)] = SH_ISOLATED | SH_PROTECTED;
		return;
	}
	sh->isolated[shadow_pageblock(sh, pfn)] &= (uint8_t)~SH_ISOLATED;

	unsigned long chunk = 1UL << (sh->geo->max_order - 1);

	if (chunk < sh->pb_pages)
		chunk = sh->pb_pages;
	for (unsigned long p = pfn & ~(chunk - 1); p < (pfn & ~(chunk - 1)) + chunk; p += sh->pb_pages) {
		unsigned long q = p < sh->start ? sh->start : p;

		if (q < sh->end)
			sh->isolated[shadow_pageblock(sh, q)] &= (uint8_t)~SH_PROTECTED;
	}
}

static bool range_has(const struct shadow *sh, unsigned long pfn, unsigned long nr, uint8_t bit)
{
	unsigned long first = pfn & ~(sh->pb_pages - 1);

	for (unsigned long p = first; p < pfn + nr; p += sh->pb_pages) {
		unsigned long q = p < pfn ? pfn : p;

		if (q >= sh->start && q < sh->end && (sh->isolated[shadow_pageblock(sh, q)] & bit))
			return true;
	}
	return false;
}

bool shadow_range_isolated(const struct shadow *sh, unsigned long pfn, unsigned long nr)
{
	return range_has(sh, pfn, nr, SH_ISOLATED);
}

bool shadow_range_protected(const struct shadow *sh, unsigned long pfn, unsigned long nr)
{
	return range_has(sh, pfn, nr, SH_PROTECTED);
}

bool shadow_unmovable_content(const struct shadow *sh, unsigned long pfn)
{
	unsigned long first = pfn & ~(sh->pb_pages - 1);

	for (unsigned long p = first; p < first + sh->pb_pages; p++) {
		if (p < sh->start || p >= sh->end)
			continue;
		if (sh->page[p - sh->start] == SH_UNMANAGED)
			return true;
		int mt = shadow_head_mt(sh, p);

		if (mt >= 0 && mt != MIGRATE_MOVABLE)
			return true;
	}
	return false;
}

/*
 * Walk the zone's free pages as the buddy allocator must have merged them:
 * from each free pfn, the largest aligned all-free range inside the zone (at
 * most MAX_ORDER-1) is one block.  A block of order >= @order none of whose
 * pages lies in an isolated pageblock is one the allocator owes: it is on a
 * non-ISOLATE list (or in the region allocator), and every allocation path --
 * the type's own lists, the region allocator, the fallback, the RESERVE retry
 * -- reaches it.
 */
bool shadow_entitled_block(const struct shadow *sh, unsigned int zone, unsigned int order,
			   unsigned int max_order, unsigned long *where)
{
	unsigned long zs = shadow_zone_start(sh, zone), ze = shadow_zone_end(sh, zone);
	unsigned long pfn = zs;

	while (pfn < ze) {
		if (sh->page[pfn - sh->start] != SH_FREE) {
			pfn++;
			continue;
		}

		unsigned int o = 0;

		while (o + 1 < max_order && !(pfn & ((2UL << o) - 1)) && pfn + (2UL << o) <= ze &&
		       shadow_range_free(sh, pfn + (1UL << o), 1UL << o))
			o++;
		if (o >= order && !shadow_range_isolated(sh, pfn, 1UL << o)) {
			if (where)
				*where = pfn;
			return true;
		}
		pfn += 1UL << o;
	}
	return false;
}
