// SPDX-License-Identifier: MIT
/*
 * rf_node_copy(): one node's whole state into another of the same shape;
 * rf_node_clone(): into a new one.
 * Setting a node up replays the boot (every page initialised, every boot
 * chunk freed through the buddy allocator); callers that run many short
 * programs on one geometry copy a node set up once instead.  Nothing here
 * is a kernel concept: the kernel never clones a zone.
 */
#include <string.h>

#include "internal.h"

static bool ranges_equal(unsigned int nr, const struct rf_pfn_range *a,
			 const struct rf_pfn_range *b)
{
	for (unsigned int i = 0; i < nr; i++)
		if (a[i].start != b[i].start || a[i].end != b[i].end)
			return false;
	return true;
}

/* Field by field: the structs may come from callers with garbage padding. */
bool rf_geometry_equal(const struct rf_geometry *a, const struct rf_geometry *b)
{
	if (a->max_order != b->max_order || a->pageblock_order != b->pageblock_order ||
	    a->region_shift != b->region_shift || a->node_start_pfn != b->node_start_pfn ||
	    a->node_spanned_pages != b->node_spanned_pages || a->nr_zones != b->nr_zones ||
	    a->nr_holes != b->nr_holes || a->nr_reserved != b->nr_reserved)
		return false;
	for (unsigned int i = 0; i < a->nr_zones && i < RF_MAX_ZONES; i++)
		if (a->zone_start_pfn[i] != b->zone_start_pfn[i])
			return false;
	return a->nr_holes <= RF_MAX_RANGES && a->nr_reserved <= RF_MAX_RANGES &&
	       ranges_equal(a->nr_holes, a->holes, b->holes) &&
	       ranges_equal(a->nr_reserved, a->reserved, b->reserved);
}

static void copy_bitmap(struct region_bitmap *dst, const struct region_bitmap *src)
{
	memcpy(dst->bits, src->bits, src->nr_words * sizeof(*src->bits));
	memcpy(dst->summary, src->summary, src->nr_summary * sizeof(*src->summary));
}

/*
 * The zone's scalars wholesale, then the contents of what it points to: the
 * pointers themselves stay @dst's own.  Copying the struct first means a
 * scalar added to struct zone later is copied without anyone remembering.
 */
static void copy_zone(struct zone *dst, const struct zone *src, bool v4)
{
	struct zone mine = *dst;

	*dst = *src;
	dst->node = mine.node;
	dst->region = mine.region;
	memcpy(dst->region, src->region, src->nr_regions * sizeof(*src->region));
	for (unsigned int o = 0; o < RF_MAX_MAX_ORDER; o++) {
		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct free_list *d = &dst->free_area[o].free_list[mt];
			const struct free_list *m = &mine.free_area[o].free_list[mt];
			const struct free_list *s = &src->free_area[o].free_list[mt];

			d->run = m->run;
			d->nonempty = m->nonempty;
			if (!s->run)
				continue;
			memcpy(d->run, s->run, src->nr_regions * sizeof(*s->run));
			copy_bitmap(&d->nonempty, &s->nonempty);
		}
	}
	dst->region_allocator.region = mine.region_allocator.region;
	dst->region_allocator.held = mine.region_allocator.held;
	if (v4) {
		memcpy(dst->region_allocator.region, src->region_allocator.region,
		       src->nr_regions * sizeof(*src->region_allocator.region));
		copy_bitmap(&dst->region_allocator.held, &src->region_allocator.held);
	}
}

/* @src's state into @dst, laid out for the same geometry and configuration. */
static void copy_state(struct node *dst, const struct node *src)
{
	memcpy(dst->pages, src->pages, src->nr_pages * sizeof(*src->pages));
	memcpy(dst->lru, src->lru, (size_t)src->nr_links * sizeof(*src->lru));
	memcpy(dst->pageblock_mt, src->pageblock_mt, src->nr_pageblocks);
	memcpy(dst->pageblock_unmovable, src->pageblock_unmovable,
	       src->nr_pageblocks * sizeof(*src->pageblock_unmovable));
	dst->page_group_by_mobility_disabled = src->page_group_by_mobility_disabled;
	dst->ra_check_deferred = src->ra_check_deferred;
	for (unsigned int i = 0; i < src->nr_zones; i++)
		copy_zone(&dst->zones[i], &src->zones[i], src->v4);
}

int rf_node_copy(struct rf_node *dst_node, const struct rf_node *src_node)
{
	struct node *dst = (struct node *)dst_node;
	const struct node *src = (const struct node *)src_node;

	if (!dst || !src)
		return RF_EINVAL;
	if (dst == src)
		return RF_OK;
	if (!rf_geometry_equal(&dst->geo, &src->geo) || dst->cfg.mode != src->cfg.mode ||
	    dst->cfg.options != src->cfg.options)
		return RF_EINVAL;
	copy_state(dst, src);
	return RF_OK;
}

int rf_node_clone(const struct rf_node *src_node, struct rf_node **out)
{
	const struct node *src = (const struct node *)src_node;
	struct node *n;
	int err;

	if (!src || !out)
		return RF_EINVAL;
	err = node_alloc(&src->geo, &src->cfg, &n, NULL, 0);
	if (err)
		return err;
	copy_state(n, src);	/* laid out from @src's own geometry and configuration */
	*out = (struct rf_node *)n;
	return RF_OK;
}
