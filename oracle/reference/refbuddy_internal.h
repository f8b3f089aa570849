/* SPDX-License-Identifier: MIT */
/*
 * refbuddy internals, shared by the reference's own .c files only:
 *
 *   refbuddy_list.c     a free list as a plain array of pfns in list order
 *   refbuddy.c          pageblocks, linkage, free, allocation, move_freepages
 *   refbuddy_isolate.c  setup_zone_migrate_reserve and pageblock isolation
 *   refbuddy_setup.c    geometry checks, boot frees, create/destroy, introspection
 *
 * Nothing here comes from engine/.
 */
#ifndef REGIONFUZZ_REFBUDDY_INTERNAL_H
#define REGIONFUZZ_REFBUDDY_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "refbuddy.h"

#define RL_MAX_ORDER 11	/* the largest MAX_ORDER accepted */
#define NO_ORDER (-1)

/* ---- a free list: entries v[lo .. hi), v[lo] is the list head ---- */

struct rl_list {
	unsigned long *v;
	size_t lo, hi, cap;
};

size_t rl_count(const struct rl_list *l);
unsigned long rl_get(const struct rl_list *l, size_t i);	/* i < rl_count */
void rl_add_head(struct rl_list *l, unsigned long pfn);
void rl_add_tail(struct rl_list *l, unsigned long pfn);
void rl_del(struct rl_list *l, unsigned long pfn);		/* must be on it */
void rl_release(struct rl_list *l);
/* An internal inconsistency or the host out of memory mid-operation: the
 * reference cannot go on; print why and abort. */
_Noreturn void rl_die(const char *why);

/* ---- the allocator ---- */

struct ref_buddy {
	struct ref_geometry g;
	unsigned long node_end;			/* exclusive */
	unsigned long zone_end[REF_MAX_ZONES];	/* exclusive */
	unsigned long pb_pages;			/* 1 << pageblock_order */
	unsigned long pb_first;			/* absolute index of the first pageblock */
	unsigned long nr_pb;			/* pageblocks overlapping the node */
	signed char *pb_mt;			/* per pageblock, from pb_first */

	/* Per page, indexed by pfn - node_start_pfn. */
	signed char *free_order;	/* order of the free block headed here, or -1 */
	signed char *list_mt;		/* the list that free block is on */
	signed char *alloc_order;	/* order of the allocated block headed here, or -1 */
	signed char *alloc_mt;		/* the type it was allocated as */

	bool mobility_disabled;
	unsigned int fixes;			/* enum ref_fix bits */
	long nr_free_pages[REF_MAX_ZONES];			/* NR_FREE_PAGES */
	unsigned long nr_free[REF_MAX_ZONES][RL_MAX_ORDER];	/* free_area[].nr_free */
	struct rl_list lists[REF_MAX_ZONES][RL_MAX_ORDER][REF_NR_MT];
};

static inline bool rb_in_node(const struct ref_buddy *rb, unsigned long pfn)
{
	return pfn >= rb->g.node_start_pfn && pfn < rb->node_end;
}

static inline unsigned long rb_idx(const struct ref_buddy *rb, unsigned long pfn)
{
	return pfn - rb->g.node_start_pfn;
}

/* The zone spanning @pfn (holes included), or -1 outside the node. */
static inline int rb_zone_of(const struct ref_buddy *rb, unsigned long pfn)
{
	if (!rb_in_node(rb, pfn))
		return -1;
	for (unsigned int z = 0; z < rb->g.nr_zones; z++)
		if (pfn >= rb->g.zone_start[z] && pfn < rb->zone_end[z])
			return (int)z;
	return -1;
}

static inline bool rb_zone_spans(const struct ref_buddy *rb, int zone, unsigned long pfn)
{
	return zone >= 0 && pfn >= rb->g.zone_start[zone] && pfn < rb->zone_end[zone];
}

static inline bool rb_in_ranges(const struct ref_range *r, unsigned int nr, unsigned long pfn)
{
	for (unsigned int i = 0; i < nr; i++)
		if (pfn >= r[i].start && pfn < r[i].end)
			return true;
	return false;
}

static inline bool rb_is_hole(const struct ref_buddy *rb, unsigned long pfn)
{
	return rb_in_ranges(rb->g.holes, rb->g.nr_holes, pfn);
}

/* Present and reserved: a pfn in both kinds of range is a hole. */
static inline bool rb_is_reserved(const struct ref_buddy *rb, unsigned long pfn)
{
	return !rb_is_hole(rb, pfn) && rb_in_ranges(rb->g.reserved, rb->g.nr_reserved, pfn);
}

static inline bool rb_is_managed(const struct ref_buddy *rb, unsigned long pfn)
{
	return rb_in_node(rb, pfn) && !rb_is_hole(rb, pfn) && !rb_is_reserved(rb, pfn);
}

static inline unsigned long rb_round_down(unsigned long x, unsigned long align)
{
	return x & ~(align - 1);
}

static inline unsigned long rb_round_up(unsigned long x, unsigned long align)
{
	return (x + align - 1) & ~(align - 1);
}

#define RB_FIX_ALL                                                                      \
	(REF_FIX_ISOLATE_TWICE | REF_FIX_MOBILITY_TYPES | REF_FIX_PARTIAL_PAGEBLOCK |   \
	 REF_FIX_ISOLATE_MERGE | REF_FIX_FREE_ACCOUNTING | REF_FIX_STEAL_ISOLATED)

static inline bool rb_fix(const struct ref_buddy *rb, enum ref_fix f)
{
	return (rb->fixes & (unsigned int)f) != 0;
}

/* F3: the pageblock holding @pfn is whole in zone @zone -- its part inside
 * the node, from max(aligned start, node start) to aligned start +
 * pageblock - 1, starts in the zone and ends in it. */
static inline bool rb_pb_whole_in_zone(const struct ref_buddy *rb, unsigned long pfn, int zone)
{
	unsigned long a = rb_round_down(pfn, rb->pb_pages);
	unsigned long first = a < rb->g.node_start_pfn ? rb->g.node_start_pfn : a;

	return zone >= 0 && rb_zone_of(rb, first) == zone &&
	       rb_zone_of(rb, a + rb->pb_pages - 1) == zone;
}

/* The order of the free block headed at @pfn, or -1 (outside the node too). */
static inline int rb_free_order_of(const struct ref_buddy *rb, unsigned long pfn)
{
	return rb_in_node(rb, pfn) ? rb->free_order[rb_idx(rb, pfn)] : NO_ORDER;
}

static inline bool rb_valid_mt(int mt, int limit)
{
	return mt >= 0 && mt < limit;
}

/* refbuddy.c */
int rb_pb_get(const struct ref_buddy *rb, unsigned long pfn);
void rb_pb_set(struct ref_buddy *rb, unsigned long pfn, int mt);
void rb_free_block(struct ref_buddy *rb, unsigned long pfn, unsigned int order);
/* __free_one_page onto free_list[..][mt], nr_free counted, NR_FREE_PAGES not
 * (but see F5); and taking a free block off its list, nr_free uncounted. */
void rb_free_one_page(struct ref_buddy *rb, unsigned long pfn, unsigned int order, int mt);
void rb_take_free_block(struct ref_buddy *rb, unsigned long pfn);
unsigned long rb_move_freepages(struct ref_buddy *rb, unsigned long start,
				unsigned long end_inclusive, int mt);
unsigned long rb_move_freepages_block(struct ref_buddy *rb, unsigned long pfn, int mt);

#endif /* REGIONFUZZ_REFBUDDY_INTERNAL_H */
