// SPDX-License-Identifier: MIT
/* The read-only view of a node (<regionfuzz/introspect.h>).  Nothing here writes. */
#include <string.h>

#include "internal.h"

static inline const struct node *N(const struct rf_node *node)
{
	return (const struct node *)node;
}

static const struct zone *zone_at(const struct rf_node *node, unsigned int zone)
{
	return zone < N(node)->nr_zones ? &N(node)->zones[zone] : NULL;
}

static const struct free_list *list_at(const struct rf_node *node, unsigned int zone,
				       unsigned int order, int mt)
{
	const struct zone *z = zone_at(node, zone);

	if (!z || order >= N(node)->max_order || !valid_migratetype(mt))
		return NULL;
	return &z->free_area[order].free_list[mt];
}

const struct rf_geometry *rf_node_geometry(const struct rf_node *node)
{
	return &N(node)->geo;
}

const struct rf_config *rf_node_config(const struct rf_node *node)
{
	return &N(node)->cfg;
}

bool rf_page_group_by_mobility_disabled(const struct rf_node *node)
{
	return N(node)->page_group_by_mobility_disabled;
}

unsigned long rf_pageblock_nr_pages(const struct rf_node *node)
{
	return N(node)->pageblock_nr_pages;
}

int rf_zone_info(const struct rf_node *node, unsigned int zone, struct rf_zone_info *info)
{
	const struct zone *z = zone_at(node, zone);

	if (!z)
		return RF_EINVAL;
	info->zone_start_pfn = z->zone_start_pfn;
	info->zone_end_pfn = z->zone_end_pfn;
	info->present_pages = z->present_pages;
	info->managed_pages = z->managed_pages;
	info->nr_free_pages = z->nr_free_pages;
	info->nr_regions = z->nr_regions;
	info->ra_blocks = z->region_allocator.nr_blocks;
	info->stats = z->stats;
	return RF_OK;
}

int rf_zone_counters(const struct rf_node *node, unsigned int zone, struct rf_zone_counters *c)
{
	const struct zone *z = zone_at(node, zone);

	if (!z)
		return RF_EINVAL;
	memset(c->nr_free, 0, sizeof(c->nr_free));
	memset(c->nr_isolate, 0, sizeof(c->nr_isolate));
	c->nr_free_pages = z->nr_free_pages;
	c->ra_blocks = z->region_allocator.nr_blocks;
	for (unsigned int o = 0; o < N(node)->max_order; o++) {
		c->nr_free[o] = z->free_area[o].nr_free;
		c->nr_isolate[o] = z->free_area[o].free_list[MIGRATE_ISOLATE].nr_entries;
	}
	c->stats = z->stats;
	return RF_OK;
}

unsigned long rf_nr_free(const struct rf_node *node, unsigned int zone, unsigned int order)
{
	const struct zone *z = zone_at(node, zone);

	return z && order < N(node)->max_order ? z->free_area[order].nr_free : 0;
}

int rf_pfn_zone(const struct rf_node *node, unsigned long pfn)
{
	const struct zone *z = pfn_to_zone((struct node *)N(node), pfn);

	return z ? (int)z->zone_idx : -1;
}

/* Built whole and stored once: the bulk read calls this per page. */
static inline struct rf_page_info page_info_of(struct page p, const struct lru *lru,
					       uint32_t idx, unsigned int zone)
{
	return (struct rf_page_info){
		.present = !(p.flags & PG_hole),
		.reserved = p.flags & PG_reserved,
		.buddy = p.flags & PG_buddy,
		.allocated = p.flags & PG_head,
		.linked = list_linked(lru, idx),
		.order = p.order,
		.freepage_mt = p.freepage_mt,
		.alloc_mt = p.alloc_mt,
		.zone = (uint8_t)zone,
	};
}

int rf_page_info(const struct rf_node *node, unsigned long pfn, struct rf_page_info *info)
{
	return rf_page_info_range(node, pfn, 1, info);
}

/* Zones are consecutive pfn ranges: the zone changes only at their starts. */
int rf_page_info_range(const struct rf_node *node, unsigned long pfn, unsigned long nr,
		       struct rf_page_info *info)
{
	const struct node *n = N(node);

	if (nr > n->nr_pages || !node_spans_pfn(n, pfn) || pfn + nr > n->node_end_pfn)
		return nr ? RF_ERANGE : RF_OK;

	unsigned int zone = (unsigned int)rf_pfn_zone(node, pfn);
	uint32_t first = pfn_to_idx(n, pfn);
	unsigned long i = 0;

	/* A zone's stretch at a time: a tight loop, walked once or twice per
	 * fuzz input over every page of the node. */
	while (i < nr) {
		unsigned long stop = nr;

		while (zone + 1 < n->nr_zones && pfn + i >= n->zones[zone + 1].zone_start_pfn)
			zone++;
		if (zone + 1 < n->nr_zones && n->zones[zone + 1].zone_start_pfn - pfn < stop)
			stop = n->zones[zone + 1].zone_start_pfn - pfn;
		for (; i < stop; i++)
			info[i] = page_info_of(n->pages[first + i], n->lru, first + (uint32_t)i, zone);
	}
	return RF_OK;
}

int rf_pageblock_migratetype(const struct rf_node *node, unsigned long pfn)
{
	if (!node_spans_pfn(N(node), pfn))
		return RF_ERANGE;
	return get_pageblock_migratetype(N(node), pfn);
}

long rf_pageblock_unmovable(const struct rf_node *node, unsigned long pfn)
{
	if (!node_spans_pfn(N(node), pfn))
		return RF_ERANGE;
	return N(node)->pageblock_unmovable[pfn_to_pageblock(N(node), pfn)];
}

/* A link index as a pfn, or RF_NO_PFN for a list head (or a bad link). */
static unsigned long link_pfn(const struct node *n, uint32_t idx)
{
	return idx < n->nr_pages ? idx_to_pfn(n, idx) : RF_NO_PFN;
}

static unsigned long list_step(const struct rf_node *node, const struct free_list *fl,
			       unsigned long pfn, bool forward)
{
	const struct node *n = N(node);

	if (!fl)
		return RF_NO_PFN;

	uint32_t from = pfn == RF_NO_PFN ? fl->head : pfn_to_idx(n, pfn);

	if (pfn != RF_NO_PFN && !node_spans_pfn(n, pfn))
		return RF_NO_PFN;

	uint32_t to = forward ? n->lru[from].next : n->lru[from].prev;

	return to == LIST_POISON ? RF_NO_PFN : link_pfn(n, to);
}

unsigned long rf_list_length(const struct rf_node *node, unsigned int zone, unsigned int order,
			     int mt)
{
	const struct free_list *fl = list_at(node, zone, order, mt);

	return fl ? fl->nr_entries : 0;
}

unsigned long rf_list_first(const struct rf_node *node, unsigned int zone, unsigned int order,
			    int mt)
{
	return list_step(node, list_at(node, zone, order, mt), RF_NO_PFN, true);
}

unsigned long rf_list_last(const struct rf_node *node, unsigned int zone, unsigned int order,
			   int mt)
{
	return list_step(node, list_at(node, zone, order, mt), RF_NO_PFN, false);
}

unsigned long rf_list_next(const struct rf_node *node, unsigned int zone, unsigned int order,
			   int mt, unsigned long pfn)
{
	return pfn == RF_NO_PFN ? RF_NO_PFN
				: list_step(node, list_at(node, zone, order, mt), pfn, true);
}

unsigned long rf_list_prev(const struct rf_node *node, unsigned int zone, unsigned int order,
			   int mt, unsigned long pfn)
{
	return pfn == RF_NO_PFN ? RF_NO_PFN
				: list_step(node, list_at(node, zone, order, mt), pfn, false);
}

int rf_region_info(const struct rf_node *node, unsigned int zone, unsigned int region,
		   struct rf_region_info *info)
{
	const struct zone *z = zone_at(node, zone);

	if (!z || region >= z->nr_regions)
		return RF_EINVAL;

	const struct zone_mem_region *zr = &z->region[region];

	info->start_pfn = zr->start_pfn;
	info->end_pfn = zr->end_pfn;
	info->present_pages = zr->present_pages;
	info->nr_free = zr->nr_free;
	for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
		info->nr_alloc[mt] = zr->nr_alloc[mt];
	info->in_ra = N(node)->v4 && region_bitmap_test(&z->region_allocator.held, region);
	info->ra_blocks = N(node)->v4 ? z->region_allocator.region[region].nr_blocks : 0;
	return RF_OK;
}

long rf_pfn_region(const struct rf_node *node, unsigned long pfn)
{
	const struct zone *z = pfn_to_zone((struct node *)N(node), pfn);

	return z ? (long)pfn_to_zone_region(z, pfn) : -1;
}

static void fill_run_info(const struct node *n, const struct free_list *fl, unsigned int region,
			  struct rf_run_info *info)
{
	const struct region_run *run = &fl->run[region];
	uint32_t word = region / 64;

	info->nr_blocks = run->nr_blocks;
	info->tail_pfn = run->tail == NO_PAGE ? RF_NO_PFN : link_pfn(n, run->tail);
	info->bitmap_bit = region_bitmap_test(&fl->nonempty, region);
	info->summary_bit = fl->nonempty.summary[word / 64] >> (word % 64) & 1;
}

int rf_run_info(const struct rf_node *node, unsigned int zone, unsigned int order, int mt,
		unsigned int region, struct rf_run_info *info)
{
	const struct free_list *fl = list_at(node, zone, order, mt);

	if (!N(node)->v4)
		return RF_EMODE;
	if (!fl || region >= N(node)->zones[zone].nr_regions)
		return RF_EINVAL;
	fill_run_info(N(node), fl, region, info);
	return RF_OK;
}

/* One call per list rather than per region: the oracle's full walk checks
 * every region's run on every list. */
int rf_run_info_all(const struct rf_node *node, unsigned int zone, unsigned int order, int mt,
		    struct rf_run_info *info)
{
	const struct free_list *fl = list_at(node, zone, order, mt);

	if (!N(node)->v4)
		return RF_EMODE;
	if (!fl)
		return RF_EINVAL;
	for (unsigned int r = 0; r < N(node)->zones[zone].nr_regions; r++)
		fill_run_info(N(node), fl, r, &info[r]);
	return RF_OK;
}

long rf_list_next_region(const struct rf_node *node, unsigned int zone, unsigned int order,
			 int mt)
{
	const struct free_list *fl = list_at(node, zone, order, mt);

	if (!fl || !N(node)->v4 || fl->next_region == NO_REGION)
		return -1;
	return fl->next_region;
}

long rf_ra_lowest_region(const struct rf_node *node, unsigned int zone)
{
	const struct zone *z = zone_at(node, zone);

	if (!z || !N(node)->v4 || z->region_allocator.next_region == NO_REGION)
		return -1;
	return z->region_allocator.next_region;
}

long rf_ra_bitmap_lowest(const struct rf_node *node, unsigned int zone)
{
	const struct zone *z = zone_at(node, zone);

	if (!z || !N(node)->v4)
		return -1;

	const struct region_bitmap *b = &z->region_allocator.held;

	/* Word by word over the bits themselves: neither the summary words nor
	 * next_region, so that a checker comparing them learns something. */
	for (uint32_t w = 0; w < b->nr_words && w * 64 < z->nr_regions; w++) {
		if (!b->bits[w])
			continue;

		uint32_t r = w * 64 + (uint32_t)__builtin_ctzll(b->bits[w]);

		return r < z->nr_regions ? (long)r : -1;
	}
	return -1;
}

bool rf_ra_bitmap_bit(const struct rf_node *node, unsigned int zone, unsigned int region)
{
	const struct zone *z = zone_at(node, zone);

	return z && N(node)->v4 && region < z->nr_regions &&
	       region_bitmap_test(&z->region_allocator.held, region);
}

static const struct ra_region *ra_region_at(const struct rf_node *node, unsigned int zone,
					    unsigned int region)
{
	const struct zone *z = zone_at(node, zone);

	if (!z || !N(node)->v4 || region >= z->nr_regions)
		return NULL;
	return &z->region_allocator.region[region];
}

unsigned long rf_ra_first(const struct rf_node *node, unsigned int zone, unsigned int region)
{
	const struct ra_region *rr = ra_region_at(node, zone, region);

	return rr ? link_pfn(N(node), N(node)->lru[rr->head].next) : RF_NO_PFN;
}

unsigned long rf_ra_next(const struct rf_node *node, unsigned int zone, unsigned int region,
			 unsigned long pfn)
{
	const struct node *n = N(node);

	if (!ra_region_at(node, zone, region) || !node_spans_pfn(n, pfn))
		return RF_NO_PFN;

	uint32_t to = n->lru[pfn_to_idx(n, pfn)].next;

	return to == LIST_POISON ? RF_NO_PFN : link_pfn(n, to);
}
