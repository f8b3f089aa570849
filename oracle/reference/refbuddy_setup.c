// SPDX-License-Identifier: MIT
/*
 * refbuddy: the geometry, set-up with the boot frees, teardown, and the
 * read-only calls the oracle compares with.
 */
#include <stdlib.h>
#include <string.h>

#include "refbuddy_internal.h"

/* ------------------------------------------------------------ set-up */

static bool ranges_ok(const struct ref_range *r, unsigned int nr, unsigned long s,
		      unsigned long e)
{
	if (nr > REF_MAX_RANGES)
		return false;
	for (unsigned int i = 0; i < nr; i++)
		if (r[i].start >= r[i].end || r[i].start < s || r[i].end > e)
			return false;
	return true;
}

static bool geometry_ok(const struct ref_geometry *g)
{
	if (g->max_order < 2 || g->max_order > RL_MAX_ORDER)
		return false;
	if (g->pageblock_order < 1 || g->pageblock_order > g->max_order - 1)
		return false;
	if (g->node_pages < 1 || g->node_pages > (1UL << 26))
		return false;
	/* Not in the specification: keep every pfn arithmetic below (rounding
	 * up to a MAX_ORDER block or a pageblock) clear of overflow. */
	if (g->node_start_pfn > ~0UL - g->node_pages - (1UL << RL_MAX_ORDER))
		return false;
	if (g->nr_zones < 1 || g->nr_zones > REF_MAX_ZONES)
		return false;

	unsigned long s = g->node_start_pfn, e = s + g->node_pages;

	if (g->zone_start[0] != s)
		return false;
	for (unsigned int z = 1; z < g->nr_zones; z++)
		if (g->zone_start[z] <= g->zone_start[z - 1] || g->zone_start[z] >= e)
			return false;
	return ranges_ok(g->holes, g->nr_holes, s, e) &&
	       ranges_ok(g->reserved, g->nr_reserved, s, e);
}

/* free_all_bootmem, zone by zone: each maximal run of managed pages is freed
 * as 3.12's __free_pages_memory frees a range, with the chunk order clamped
 * to MAX_ORDER-1. */
static void boot_free_run(struct ref_buddy *rb, unsigned long s, unsigned long e)
{
	unsigned int c = rb->g.max_order - 1 < 6 ? rb->g.max_order - 1 : 6;
	unsigned long size = 1UL << c;
	unsigned long a = rb_round_up(s, size);
	unsigned long pfn = s;

	if (a + size <= e) {
		for (; pfn < a; pfn++)
			rb_free_block(rb, pfn, 0);
		for (; pfn + size <= e; pfn += size)
			rb_free_block(rb, pfn, c);
	}
	for (; pfn < e; pfn++)
		rb_free_block(rb, pfn, 0);
}

static void boot_free(struct ref_buddy *rb)
{
	for (unsigned int z = 0; z < rb->g.nr_zones; z++) {
		unsigned long pfn = rb->g.zone_start[z], ze = rb->zone_end[z];

		while (pfn < ze) {
			if (!rb_is_managed(rb, pfn)) {
				pfn++;
				continue;
			}
			unsigned long s = pfn;

			while (pfn < ze && rb_is_managed(rb, pfn))
				pfn++;
			boot_free_run(rb, s, pfn);
		}
	}
}

struct ref_buddy *ref_create(const struct ref_geometry *g)
{
	if (!g || !geometry_ok(g))
		return NULL;

	struct ref_buddy *rb = calloc(1, sizeof(*rb));

	if (!rb)
		return NULL;
	rb->g = *g;
	rb->node_end = g->node_start_pfn + g->node_pages;
	for (unsigned int z = 0; z < g->nr_zones; z++)
		rb->zone_end[z] = z + 1 < g->nr_zones ? g->zone_start[z + 1] : rb->node_end;
	rb->pb_pages = 1UL << g->pageblock_order;
	rb->pb_first = g->node_start_pfn >> g->pageblock_order;
	rb->nr_pb = ((rb->node_end - 1) >> g->pageblock_order) - rb->pb_first + 1;

	size_t n = g->node_pages;

	rb->pb_mt = malloc(rb->nr_pb);
	rb->free_order = malloc(n);
	rb->list_mt = malloc(n);
	rb->alloc_order = malloc(n);
	rb->alloc_mt = malloc(n);
	if (!rb->pb_mt || !rb->free_order || !rb->list_mt || !rb->alloc_order || !rb->alloc_mt) {
		ref_destroy(rb);
		return NULL;
	}
	memset(rb->free_order, NO_ORDER, n);
	memset(rb->list_mt, -1, n);
	memset(rb->alloc_order, NO_ORDER, n);
	memset(rb->alloc_mt, -1, n);

	/* memmap_init_zone: MOVABLE for the pageblocks whose aligned first pfn
	 * is in a zone; the zeroed usemap (UNMOVABLE) for the rest, which is
	 * the leading partial pageblock of an unaligned node. */
	for (unsigned long i = 0; i < rb->nr_pb; i++) {
		unsigned long first = (rb->pb_first + i) << g->pageblock_order;

		rb->pb_mt[i] = (signed char)(rb_in_node(rb, first) ? REF_MOVABLE : REF_UNMOVABLE);
	}

	/* build_all_zonelists: the flag, after the pageblocks were typed. */
	unsigned long managed = 0;

	for (unsigned long pfn = g->node_start_pfn; pfn < rb->node_end; pfn++)
		managed += rb_is_managed(rb, pfn);
	rb->mobility_disabled = managed < (rb->pb_pages * REF_NR_MT);

	boot_free(rb);
	return rb;
}

void ref_destroy(struct ref_buddy *rb)
{
	if (!rb)
		return;
	for (unsigned int z = 0; z < REF_MAX_ZONES; z++)
		for (unsigned int o = 0; o < RL_MAX_ORDER; o++)
			for (int mt = 0; mt < REF_NR_MT; mt++)
				rl_release(&rb->lists[z][o][mt]);
	free(rb->pb_mt);
	free(rb->free_order);
	free(rb->list_mt);
	free(rb->alloc_order);
	free(rb->alloc_mt);
	free(rb);
}

/* ----------------------------------------------------------- introspection */

long ref_nr_free_pages(const struct ref_buddy *rb, unsigned int zone)
{
	return zone < rb->g.nr_zones ? rb->nr_free_pages[zone] : 0;
}

unsigned long ref_nr_free(const struct ref_buddy *rb, unsigned int zone, unsigned int order)
{
	if (zone >= rb->g.nr_zones || order >= rb->g.max_order)
		return 0;
	return rb->nr_free[zone][order];
}

int ref_pageblock_mt(const struct ref_buddy *rb, unsigned long pfn)
{
	if (!rb_in_node(rb, pfn))
		return -1;
	return rb->pb_mt[(pfn >> rb->g.pageblock_order) - rb->pb_first];
}

bool ref_mobility_disabled(const struct ref_buddy *rb)
{
	return rb->mobility_disabled;
}

static const struct rl_list *list_of(const struct ref_buddy *rb, unsigned int zone,
				      unsigned int order, int mt)
{
	if (zone >= rb->g.nr_zones || order >= rb->g.max_order || !rb_valid_mt(mt, REF_NR_MT))
		return NULL;
	return &rb->lists[zone][order][mt];
}

size_t ref_list_len(const struct ref_buddy *rb, unsigned int zone, unsigned int order, int mt)
{
	const struct rl_list *l = list_of(rb, zone, order, mt);

	return l ? rl_count(l) : 0;
}

unsigned long ref_list_at(const struct ref_buddy *rb, unsigned int zone, unsigned int order,
			  int mt, size_t i)
{
	const struct rl_list *l = list_of(rb, zone, order, mt);

	return l && i < rl_count(l) ? rl_get(l, i) : REF_NONE;
}

int ref_free_order(const struct ref_buddy *rb, unsigned long pfn)
{
	return rb_free_order_of(rb, pfn);
}

int ref_alloc_order(const struct ref_buddy *rb, unsigned long pfn)
{
	return rb_in_node(rb, pfn) ? rb->alloc_order[rb_idx(rb, pfn)] : NO_ORDER;
}
