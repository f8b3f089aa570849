// SPDX-License-Identifier: MIT
#include <stdbool.h>
#include <stdlib.h>

#include <regionfuzz/introspect.h>

#include "workload.h"

/* splitmix64: small, fast, and the same on every build. */
static uint64_t next_rand(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned long below(struct workload *w, unsigned long n)
{
	return (unsigned long)(next_rand(&w->rng) % n);
}

int workload_init(struct workload *w, struct rf_node *node, uint64_t seed)
{
	const struct rf_geometry *g = rf_node_geometry(node);
	struct rf_zone_info zi;

	*w = (struct workload){ .node = node, .rng = seed };
	rf_zone_info(node, 0, &zi);
	w->managed_pages = zi.managed_pages;
	w->cap_live = g->node_spanned_pages;
	w->live_pfn = malloc(w->cap_live * sizeof(*w->live_pfn));
	w->live_order = malloc(w->cap_live);
	return w->live_pfn && w->live_order ? RF_OK : RF_ENOSPC;
}

void workload_fini(struct workload *w)
{
	free(w->live_pfn);
	free(w->live_order);
}

/* Mostly small orders, now and then a large one, as a kernel sees them. */
static unsigned int pick_order(struct workload *w)
{
	unsigned int max = rf_node_geometry(w->node)->max_order - 1;
	unsigned long r = below(w, 100);
	unsigned int o;

	if (r < 70)
		o = 0;
	else if (r < 85)
		o = 1;
	else if (r < 93)
		o = 2 + (unsigned int)below(w, 2);
	else if (r < 98)
		o = 4 + (unsigned int)below(w, 5);
	else
		o = max - (unsigned int)below(w, 2);
	return o > max ? max : o;
}

static int pick_type(struct workload *w)
{
	unsigned long r = below(w, 100);

	return r < 60 ? MIGRATE_MOVABLE : r < 85 ? MIGRATE_UNMOVABLE : MIGRATE_RECLAIMABLE;
}

static void do_alloc(struct workload *w)
{
	unsigned int order = pick_order(w);
	int mt = pick_type(w);
	unsigned long pfn;

	if (w->nr_live == w->cap_live || rf_alloc_pages(w->node, 0, order, mt, &pfn)) {
		w->nr_failed++;
		return;
	}
	w->live_pfn[w->nr_live] = pfn;
	w->live_order[w->nr_live] = (unsigned char)order;
	w->nr_live++;
	w->used_pages += 1UL << order;
}

static void do_free(struct workload *w)
{
	if (!w->nr_live)
		return;

	unsigned long i = below(w, w->nr_live);

	rf_free_pages(w->node, w->live_pfn[i], w->live_order[i]);
	w->used_pages -= 1UL << w->live_order[i];
	w->nr_live--;
	w->live_pfn[i] = w->live_pfn[w->nr_live];
	w->live_order[i] = w->live_order[w->nr_live];
}

static unsigned long random_pfn(struct workload *w)
{
	const struct rf_geometry *g = rf_node_geometry(w->node);

	return g->node_start_pfn + below(w, g->node_spanned_pages);
}

static bool isolated(struct workload *w, unsigned long pfn)
{
	return rf_pageblock_migratetype(w->node, pfn) == MIGRATE_ISOLATE;
}

/*
 * Isolate a pageblock that is not isolated yet (the kernel's callers never
 * isolate twice); keep at most an eighth of the pageblocks, up to eight,
 * isolated, giving the oldest back as MOVABLE.
 */
static void do_isolate(struct workload *w)
{
	const struct rf_geometry *g = rf_node_geometry(w->node);
	unsigned long pageblocks = g->node_spanned_pages >> g->pageblock_order;
	unsigned int depth = pageblocks / 8 < 8 ? (unsigned int)(pageblocks / 8) : 8;
	unsigned long pfn = random_pfn(w);

	if (!depth || isolated(w, pfn))
		return;
	if (w->nr_isolated >= depth) {
		rf_unset_migratetype_isolate(w->node, w->isolated[0], MIGRATE_MOVABLE);
		for (unsigned int i = 1; i < 8; i++)
			w->isolated[i - 1] = w->isolated[i];
		w->nr_isolated--;
	}
	if (rf_set_migratetype_isolate(w->node, pfn) == RF_OK)
		w->isolated[w->nr_isolated++] = pfn;
}

/* Move free blocks within one pageblock, as the kernel's callers do; leave
 * isolated pageblocks alone, since only isolation may move to and from them. */
static void do_move(struct workload *w)
{
	const struct rf_geometry *g = rf_node_geometry(w->node);
	unsigned long start = random_pfn(w);
	unsigned long pb_end = (start | ((1UL << g->pageblock_order) - 1));
	unsigned long end = start + below(w, 1UL << g->pageblock_order);
	int mt = pick_type(w);

	if (isolated(w, start))
		return;
	if (end > pb_end)
		end = pb_end;
	if (end >= g->node_start_pfn + g->node_spanned_pages)
		end = g->node_start_pfn + g->node_spanned_pages - 1;
	if (below(w, 4))
		rf_move_freepages_block(w->node, start, mt, NULL);
	else
		rf_move_freepages(w->node, 0, start, end, mt, NULL);
}

void workload_step(struct workload *w)
{
	unsigned long r = below(w, 100);

	/* Keep memory between a third and four fifths used: frees win above, allocations below. */
	if (r < 90) {
		bool full = w->used_pages * 5 > w->managed_pages * 4;
		bool empty = w->used_pages * 3 < w->managed_pages;

		if (empty || (!full && r < 46))
			do_alloc(w);
		else
			do_free(w);
	} else if (r < 95) {
		do_move(w);
	} else {
		do_isolate(w);
	}
}
