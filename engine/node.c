// SPDX-License-Identifier: MIT
/*
 * Node set-up: the model's free_area_init_node + memmap_init_zone +
 * build_all_zonelists + free_all_bootmem, in that order.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static bool in_ranges(unsigned long pfn, unsigned int nr, const struct rf_pfn_range *r)
{
	for (unsigned int i = 0; i < nr; i++)
		if (pfn >= r[i].start && pfn < r[i].end)
			return true;
	return false;
}

/*
 * The only writer of pageblock types.  While mobility grouping is disabled
 * every type is stored as UNMOVABLE -- even RESERVE and ISOLATE -- as in
 * 3.11/3.12, so isolation and reserve set-up cannot work (finding F2; 3.13
 * spared the types above MIGRATE_PCPTYPES).
 */
void set_pageblock_migratetype(struct node *n, unsigned long pfn, int mt)
{
	if (n->page_group_by_mobility_disabled &&
	    !((n->cfg.options & RF_OPT_FIX_MOBILITY_TYPES) && mt >= MIGRATE_PCPTYPES))
		mt = MIGRATE_UNMOVABLE;
	n->pageblock_mt[pfn_to_pageblock(n, pfn)] = (uint8_t)mt;
}

static void free_zone_state(struct zone *z)
{
	for (unsigned int o = 0; o < RF_MAX_MAX_ORDER; o++) {
		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct free_list *fl = &z->free_area[o].free_list[mt];

			free(fl->run);
			fl->run = NULL;
			region_bitmap_free(&fl->nonempty);
		}
	}
	free(z->region);
	z->region = NULL;
	free(z->region_allocator.region);
	z->region_allocator.region = NULL;
	region_bitmap_free(&z->region_allocator.held);
}

void rf_node_destroy(struct rf_node *node)
{
	struct node *n = (struct node *)node;

	if (!n)
		return;
	for (unsigned int i = 0; i < n->nr_zones; i++)
		free_zone_state(&n->zones[i]);
	free(n->pages);
	free(n->lru);
	free(n->pageblock_mt);
	free(n->pageblock_unmovable);
	free(n);
}

/* Lay out the zones and their regions; allocate what each zone needs. */
static int build_zones(struct node *n, uint32_t *ra_heads)
{
	const struct rf_geometry *g = &n->geo;

	n->nr_zones = g->nr_zones;
	*ra_heads = 0;
	for (unsigned int i = 0; i < n->nr_zones; i++) {
		struct zone *z = &n->zones[i];

		z->node = n;
		z->zone_idx = i;
		z->zone_start_pfn = g->zone_start_pfn[i];
		z->zone_end_pfn = i + 1 < n->nr_zones ? g->zone_start_pfn[i + 1] : n->node_end_pfn;
		z->first_node_region =
			(uint32_t)((z->zone_start_pfn - n->region_base) >> g->region_shift);
		z->nr_regions = (uint32_t)((z->zone_end_pfn - 1 - n->region_base) >>
					   g->region_shift) - z->first_node_region + 1;
		z->region = calloc(z->nr_regions, sizeof(*z->region));
		if (!z->region)
			return RF_ENOSPC;
		if (!n->v4)
			continue;
		for (unsigned int o = 0; o < n->max_order; o++) {
			for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
				struct free_list *fl = &z->free_area[o].free_list[mt];

				fl->run = calloc(z->nr_regions, sizeof(*fl->run));
				if (!fl->run || region_bitmap_init(&fl->nonempty, z->nr_regions))
					return RF_ENOSPC;
			}
		}
		z->region_allocator.region = calloc(z->nr_regions, sizeof(struct ra_region));
		if (!z->region_allocator.region ||
		    region_bitmap_init(&z->region_allocator.held, z->nr_regions))
			return RF_ENOSPC;
		for (uint32_t r = 0; r < z->nr_regions; r++)
			z->region_allocator.region[r].head =
				(uint32_t)(n->nr_pages + RF_MAX_ZONES * RF_MAX_MAX_ORDER *
					   MIGRATE_TYPES) + *ra_heads + r;
		*ra_heads += z->nr_regions;
	}
	return RF_OK;
}

/* A node's memory laid out for @geo, its state not yet set: rf_node_create()
 * boots it, rf_node_clone() copies another node's state into it. */
int node_alloc(const struct rf_geometry *geo, const struct rf_config *cfg, struct node **out,
	       char *why, size_t whylen)
{
	int err = rf_geometry_check(geo, why, whylen);

	if (err)
		return err;
	if (!out || !cfg || (cfg->mode != RF_MODE_VANILLA && cfg->mode != RF_MODE_V4) ||
	    (cfg->options & ~RF_OPT_ALL)) {
		if (why && whylen)
			strncpy(why, "bad configuration: unknown mode or option bits", whylen - 1),
				why[whylen - 1] = '\0';
		return RF_EINVAL;
	}

	struct node *n = calloc(1, sizeof(*n));

	if (!n)
		return RF_ENOSPC;
	n->geo = *geo;
	n->cfg = *cfg;
	n->v4 = cfg->mode == RF_MODE_V4;
	n->max_order = geo->max_order;
	n->pageblock_order = geo->pageblock_order;
	n->pageblock_nr_pages = 1UL << geo->pageblock_order;
	n->node_start_pfn = geo->node_start_pfn;
	n->nr_pages = geo->node_spanned_pages;
	n->node_end_pfn = n->node_start_pfn + n->nr_pages;
	n->first_pageblock = n->node_start_pfn >> n->pageblock_order;
	/* The series counts regions from the node's first pfn (patch 2); V1
	 * aligns them to their size, so they line up with MAX_ORDER-1 blocks. */
	n->region_base = (cfg->options & RF_OPT_FIX_REGION_ALIGN)
				 ? n->node_start_pfn & ~((1UL << geo->region_shift) - 1)
				 : n->node_start_pfn;
	n->nr_pageblocks = ((n->node_end_pfn - 1) >> n->pageblock_order) - n->first_pageblock + 1;

	uint32_t ra_heads;

	err = build_zones(n, &ra_heads);
	if (!err) {
		n->nr_links = (uint32_t)(n->nr_pages + RF_MAX_ZONES * RF_MAX_MAX_ORDER *
					 MIGRATE_TYPES) + ra_heads;
		n->pages = malloc(n->nr_pages * sizeof(*n->pages));
		n->lru = malloc((size_t)n->nr_links * sizeof(*n->lru));
		n->pageblock_mt = malloc(n->nr_pageblocks);
		n->pageblock_unmovable = malloc(n->nr_pageblocks * sizeof(uint32_t));
		if (!n->pages || !n->lru || !n->pageblock_mt || !n->pageblock_unmovable)
			err = RF_ENOSPC;
	}
	if (err) {
		rf_node_destroy((struct rf_node *)n);
		return err;
	}
	*out = n;
	return RF_OK;
}

int rf_node_create(const struct rf_geometry *geo, const struct rf_config *cfg,
		   struct rf_node **out, char *why, size_t whylen)
{
	struct node *n;
	/* A NULL @out is refused there, with the other bad arguments. */
	int err = node_alloc(geo, cfg, out ? &n : NULL, why, whylen);

	if (err)
		return err;
	rf_node_reset((struct rf_node *)n);
	*out = (struct rf_node *)n;
	return RF_OK;
}

static void reset_zone(struct zone *z)
{
	struct node *n = z->node;

	z->present_pages = z->managed_pages = 0;
	z->nr_free_pages = 0;
	memset(&z->stats, 0, sizeof(z->stats));
	for (unsigned int o = 0; o < n->max_order; o++) {
		z->free_area[o].nr_free = 0;
		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct free_list *fl = &z->free_area[o].free_list[mt];

			fl->head = free_list_head(n, z->zone_idx, o, mt);
			fl->nr_entries = 0;
			INIT_LIST_HEAD(n->lru, fl->head);
			fl->next_region = NO_REGION;
			if (fl->run) {
				for (uint32_t r = 0; r < z->nr_regions; r++) {
					fl->run[r].tail = NO_PAGE;
					fl->run[r].nr_blocks = 0;
				}
				region_bitmap_clear_all(&fl->nonempty);
			}
		}
	}
	for (uint32_t r = 0; r < z->nr_regions; r++) {
		struct zone_mem_region *zr = &z->region[r];
		unsigned long node_region = z->first_node_region + r;
		unsigned long start = n->region_base + (node_region << n->geo.region_shift);
		unsigned long end = start + (1UL << n->geo.region_shift);

		memset(zr, 0, sizeof(*zr));
		zr->start_pfn = start > z->zone_start_pfn ? start : z->zone_start_pfn;
		zr->end_pfn = end < z->zone_end_pfn ? end : z->zone_end_pfn;
	}
	if (n->v4) {
		struct region_allocator *ra = &z->region_allocator;

		for (uint32_t r = 0; r < z->nr_regions; r++) {
			INIT_LIST_HEAD(n->lru, ra->region[r].head);
			ra->region[r].nr_blocks = 0;
		}
		region_bitmap_clear_all(&ra->held);
		ra->next_region = NO_REGION;
		ra->nr_blocks = 0;
	}
}

/* memmap_init_zone(): pages, then the pageblock types. */
static void init_pages(struct node *n)
{
	const struct rf_geometry *g = &n->geo;

	for (uint32_t i = 0; i < n->nr_pages; i++)
		n->lru[i].next = n->lru[i].prev = LIST_POISON;
	memset(n->pageblock_unmovable, 0, n->nr_pageblocks * sizeof(uint32_t));
	for (unsigned long pfn = n->node_start_pfn; pfn < n->node_end_pfn; pfn++) {
		struct page *p = pfn_to_page(n, pfn);
		struct zone *z = pfn_to_zone(n, pfn);

		memset(p, 0, sizeof(*p));
		if (in_ranges(pfn, g->nr_holes, g->holes))
			p->flags = PG_hole;
		else if (in_ranges(pfn, g->nr_reserved, g->reserved))
			p->flags = PG_reserved;
		if (p->flags) {
			/* A reserved struct page: has_unmovable_pages() finds it. */
			(*pageblock_unmovable(n, pfn))++;
		} else {
			z->managed_pages++;
		}
		if (!(p->flags & PG_hole)) {
			z->present_pages++;
			z->region[pfn_to_zone_region(z, pfn)].present_pages++;
		}
	}
	/*
	 * The usemap starts zeroed (UNMOVABLE) and memmap_init_zone marks
	 * MOVABLE the pageblocks whose first pfn lies in a zone.  A node that
	 * starts inside a pageblock leaves that partial pageblock UNMOVABLE.
	 * The flags are per pfn (SPARSEMEM), so a pageblock straddling two
	 * zones has one type, shared by both.
	 */
	memset(n->pageblock_mt, MIGRATE_UNMOVABLE, n->nr_pageblocks);
	for (unsigned long b = 0; b < n->nr_pageblocks; b++) {
		unsigned long pfn = (n->first_pageblock + b) << n->pageblock_order;

		if (node_spans_pfn(n, pfn))
			n->pageblock_mt[b] = MIGRATE_MOVABLE;
	}
}

/* __free_pages_bootmem() -> __free_pages(): the ordinary free path. */
static void free_boot_chunk(struct zone *z, unsigned long pfn, unsigned int order)
{
	struct node *n = z->node;
	int mt = get_pageblock_migratetype(n, pfn);

	set_freepage_migratetype(pfn_to_page(n, pfn), mt);
	free_one_page(z, pfn_to_idx(n, pfn), order, mt);
}

/*
 * __free_pages_memory() of 3.11/3.12: single pages up to a 2^6 boundary,
 * then chunks of 2^6 pages (ilog2(BITS_PER_LONG)), then single pages, all
 * ascending.  The chunk order is clamped to MAX_ORDER-1 for small MAX_ORDER.
 */
static void free_pages_memory(struct zone *z, unsigned long start, unsigned long end)
{
	unsigned int chunk = z->node->max_order - 1 < 6 ? z->node->max_order - 1 : 6;
	unsigned long size = 1UL << chunk;
	unsigned long aligned = (start + size - 1) & ~(size - 1);
	unsigned long pfn = start;

	if (aligned + size <= end) {
		for (; pfn < aligned; pfn++)
			free_boot_chunk(z, pfn, 0);
		for (; pfn + size <= end; pfn += size)
			free_boot_chunk(z, pfn, chunk);
	}
	for (; pfn < end; pfn++)
		free_boot_chunk(z, pfn, 0);
}

/*
 * free_all_bootmem(): each free range -- a run of present, non-reserved
 * pages -- in ascending order.  memblock's ranges know nothing of zones; here
 * a range is split at zone boundaries so that no block spans two zones.
 */
static void free_boot_memory(struct node *n)
{
	for (unsigned int i = 0; i < n->nr_zones; i++) {
		struct zone *z = &n->zones[i];
		unsigned long pfn = z->zone_start_pfn;

		while (pfn < z->zone_end_pfn) {
			if (!page_managed(pfn_to_page(n, pfn))) {
				pfn++;
				continue;
			}
			unsigned long end = pfn;

			while (end < z->zone_end_pfn && page_managed(pfn_to_page(n, end)))
				end++;
			free_pages_memory(z, pfn, end);
			pfn = end;
		}
		/* Boot frees are not allocator events. */
		memset(&z->stats, 0, sizeof(z->stats));
	}
}

void rf_node_reset(struct rf_node *node)
{
	struct node *n = (struct node *)node;
	unsigned long managed = 0;

	for (unsigned int i = 0; i < n->nr_zones; i++)
		reset_zone(&n->zones[i]);
	init_pages(n);
	for (unsigned int i = 0; i < n->nr_zones; i++)
		managed += n->zones[i].managed_pages;
	/* build_all_zonelists(): after the pageblocks were marked MOVABLE. */
	n->page_group_by_mobility_disabled =
		managed < n->pageblock_nr_pages * MIGRATE_TYPES;
	free_boot_memory(n);
}
