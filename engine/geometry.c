// SPDX-License-Identifier: MIT
/*
 * Geometry: the ranges of MODEL.md section 1, checked before anything is
 * built, with a sentence for the caller saying what was out of range.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

static int reject(char *why, size_t whylen, const char *fmt, ...)
{
	if (why && whylen) {
		va_list ap;

		va_start(ap, fmt);
		vsnprintf(why, whylen, fmt, ap);
		va_end(ap);
	}
	return RF_EGEOMETRY;
}

static int check_ranges(const struct rf_geometry *g, const char *what, unsigned int nr,
			const struct rf_pfn_range *r, char *why, size_t whylen)
{
	unsigned long end = g->node_start_pfn + g->node_spanned_pages;

	if (nr > RF_MAX_RANGES)
		return reject(why, whylen, "%u %s ranges; at most %u are accepted",
			      nr, what, RF_MAX_RANGES);
	for (unsigned int i = 0; i < nr; i++) {
		if (r[i].start >= r[i].end)
			return reject(why, whylen, "%s range %u [%#lx, %#lx) is empty or reversed",
				      what, i, r[i].start, r[i].end);
		if (r[i].start < g->node_start_pfn || r[i].end > end)
			return reject(why, whylen,
				      "%s range %u [%#lx, %#lx) is outside the node [%#lx, %#lx)",
				      what, i, r[i].start, r[i].end, g->node_start_pfn, end);
	}
	return RF_OK;
}

int rf_geometry_check(const struct rf_geometry *g, char *why, size_t whylen)
{
	if (!g)
		return reject(why, whylen, "no geometry given");
	if (g->max_order < RF_MIN_MAX_ORDER || g->max_order > RF_MAX_MAX_ORDER)
		return reject(why, whylen, "MAX_ORDER %u is outside %u..%u",
			      g->max_order, RF_MIN_MAX_ORDER, RF_MAX_MAX_ORDER);
	if (g->pageblock_order < 1 || g->pageblock_order > g->max_order - 1)
		return reject(why, whylen, "pageblock_order %u is outside 1..MAX_ORDER-1 (%u)",
			      g->pageblock_order, g->max_order - 1);
	if (g->region_shift < g->max_order - 1 || g->region_shift > RF_MAX_REGION_SHIFT)
		return reject(why, whylen,
			      "region size 2^%u is outside 2^(MAX_ORDER-1) (2^%u) .. 2^%u pages",
			      g->region_shift, g->max_order - 1, RF_MAX_REGION_SHIFT);
	if (g->node_spanned_pages < 1 || g->node_spanned_pages > RF_MAX_NODE_PAGES)
		return reject(why, whylen, "the node spans %lu pages; 1..%lu are accepted",
			      g->node_spanned_pages, RF_MAX_NODE_PAGES);
	if (g->node_start_pfn > RF_MAX_NODE_START_PFN)
		return reject(why, whylen, "node_start_pfn %#lx is above %#lx",
			      g->node_start_pfn, RF_MAX_NODE_START_PFN);

	unsigned long nr_regions = ((g->node_spanned_pages - 1) >> g->region_shift) + 1;

	if (nr_regions > RF_MAX_NODE_REGIONS)
		return reject(why, whylen,
			      "%lu regions of 2^%u pages; at most %u per node are accepted",
			      nr_regions, g->region_shift, RF_MAX_NODE_REGIONS);
	if (g->nr_zones < 1 || g->nr_zones > RF_MAX_ZONES)
		return reject(why, whylen, "%u zones; 1..%u are accepted", g->nr_zones, RF_MAX_ZONES);
	if (g->zone_start_pfn[0] != g->node_start_pfn)
		return reject(why, whylen, "zone 0 starts at %#lx, not at the node start %#lx",
			      g->zone_start_pfn[0], g->node_start_pfn);
	for (unsigned int i = 1; i < g->nr_zones; i++) {
		if (g->zone_start_pfn[i] <= g->zone_start_pfn[i - 1] ||
		    g->zone_start_pfn[i] >= g->node_start_pfn + g->node_spanned_pages)
			return reject(why, whylen,
				      "zone %u starts at %#lx: zones must be non-empty, in order, inside the node",
				      i, g->zone_start_pfn[i]);
	}
	int err = check_ranges(g, "hole", g->nr_holes, g->holes, why, whylen);

	if (err)
		return err;
	return check_ranges(g, "reserved", g->nr_reserved, g->reserved, why, whylen);
}

void rf_geometry_default(struct rf_geometry *g, unsigned int pages_shift)
{
	memset(g, 0, sizeof(*g));
	g->max_order = RF_MAX_MAX_ORDER;
	g->pageblock_order = RF_MAX_MAX_ORDER - 1;
	g->region_shift = pages_shift > RF_MAX_MAX_ORDER - 1 + 2 ? pages_shift - 2
								 : RF_MAX_MAX_ORDER - 1;
	g->node_start_pfn = 0;
	g->node_spanned_pages = 1UL << pages_shift;
	g->nr_zones = 1;
	g->zone_start_pfn[0] = 0;
}
