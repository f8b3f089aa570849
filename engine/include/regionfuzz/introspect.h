/* SPDX-License-Identifier: MIT */
/*
 * regionfuzz engine: the read-only view of a node's state.
 *
 * Oracles, studies and pictures read the engine only through these calls;
 * none of them changes anything.  Lists are walked with a cursor: start from
 * rf_list_first() and step with rf_list_next() until RF_NO_PFN.
 */
#ifndef REGIONFUZZ_INTROSPECT_H
#define REGIONFUZZ_INTROSPECT_H

#include <stdbool.h>
#include <stdint.h>

#include <regionfuzz/engine.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RF_NO_PFN (~0UL)

/* Events the allocator counts, per zone, since set-up (boot excluded). */
struct rf_zone_stats {
	unsigned long nr_alloc;		/* successful allocations and steals */
	unsigned long nr_alloc_fail;
	unsigned long nr_free;		/* blocks given back */
	unsigned long nr_fallback;	/* __rmqueue_fallback found a block */
	unsigned long nr_steal_block;	/* fallback ran move_freepages_block */
	unsigned long nr_retype;	/* fallback changed a pageblock's type */
	unsigned long nr_reserve_alloc;	/* allocations served by the RESERVE retry */
	unsigned long nr_ra_handout;	/* v4: regions the RA gave to the buddy lists: */
	unsigned long nr_ra_pull;	/*   of those, pulled out by move_freepages (patch 30) */
	unsigned long nr_ra_request;	/*   and asked for by rf_del_from_region_allocator */
	unsigned long nr_ra_return;	/* v4: regions the buddy lists gave to the RA */
};

/* Small on purpose: the oracle's full walk reads one per page of the node,
 * twice or more per fuzz input. */
struct rf_page_info {
	bool present : 1;	/* not a hole */
	bool reserved : 1;
	bool buddy : 1;		/* heads a free block */
	bool allocated : 1;	/* heads an allocated block */
	bool linked : 1;	/* its lru is on some list (buddy list or RA) */
	uint8_t order;		/* of the free or allocated block it heads */
	uint8_t freepage_mt;
	uint8_t alloc_mt;	/* when allocated */
	uint8_t zone;
};

struct rf_zone_info {
	unsigned long zone_start_pfn;
	unsigned long zone_end_pfn;	/* exclusive */
	unsigned long present_pages;
	unsigned long managed_pages;
	long nr_free_pages;		/* NR_FREE_PAGES */
	unsigned int nr_regions;	/* zone regions (v4 bookkeeping in both modes) */
	unsigned long ra_blocks;	/* v4: top-order blocks the region allocator holds */
	struct rf_zone_stats stats;
};

/*
 * A zone's counters, all in one call: a checker that compares them before and
 * after every operation pays one call per zone instead of one per counter.
 * Orders at and above the node's MAX_ORDER read 0.
 */
struct rf_zone_counters {
	long nr_free_pages;		/* NR_FREE_PAGES */
	unsigned long ra_blocks;	/* v4: top-order blocks the region allocator holds */
	unsigned long nr_free[RF_MAX_MAX_ORDER];	/* free_area[order].nr_free */
	unsigned long nr_isolate[RF_MAX_MAX_ORDER];	/* entries on free_list[order][ISOLATE] */
	struct rf_zone_stats stats;
};

struct rf_region_info {
	unsigned long start_pfn, end_pfn;	/* the zone region, [start, end) */
	unsigned long present_pages;
	unsigned long nr_free;		/* pages of free blocks headed here, RA included */
	unsigned long nr_alloc[MIGRATE_PCPTYPES];	/* allocated pages by type */
	bool in_ra;			/* v4: the region allocator holds it */
	unsigned long ra_blocks;	/* v4: blocks the RA holds for it */
};

/* v4: a region's run on one free list, as the engine recorded it. */
struct rf_run_info {
	unsigned long tail_pfn;		/* RF_NO_PFN when the region has no run */
	unsigned long nr_blocks;
	bool bitmap_bit;		/* the list's non-empty bit for the region */
	bool summary_bit;		/* the summary bit over that bit's word */
};

const struct rf_geometry *rf_node_geometry(const struct rf_node *node);
const struct rf_config *rf_node_config(const struct rf_node *node);
bool rf_page_group_by_mobility_disabled(const struct rf_node *node);
unsigned long rf_pageblock_nr_pages(const struct rf_node *node);

int rf_zone_info(const struct rf_node *node, unsigned int zone, struct rf_zone_info *info);
int rf_zone_counters(const struct rf_node *node, unsigned int zone, struct rf_zone_counters *c);
/* free_area[order].nr_free */
unsigned long rf_nr_free(const struct rf_node *node, unsigned int zone, unsigned int order);
/* The zone spanning @pfn, or -1. */
int rf_pfn_zone(const struct rf_node *node, unsigned long pfn);

int rf_page_info(const struct rf_node *node, unsigned long pfn, struct rf_page_info *info);
/* The same for @nr consecutive pfns into @info[0..nr): one call per walk. */
int rf_page_info_range(const struct rf_node *node, unsigned long pfn, unsigned long nr,
		       struct rf_page_info *info);
/* The pageblock migratetype of the pageblock holding @pfn, or a negative rf_status. */
int rf_pageblock_migratetype(const struct rf_node *node, unsigned long pfn);
/* Allocated non-MOVABLE pages the engine counts in @pfn's pageblock. */
long rf_pageblock_unmovable(const struct rf_node *node, unsigned long pfn);

/* Walk free_area[order].free_list[mt] of @zone. */
unsigned long rf_list_first(const struct rf_node *node, unsigned int zone,
			    unsigned int order, int mt);
unsigned long rf_list_next(const struct rf_node *node, unsigned int zone,
			   unsigned int order, int mt, unsigned long pfn);
/* The entries of a list, as the model counts them (the kernel keeps no such
 * count; the oracle's cheap level reads it, its full walk checks it). */
unsigned long rf_list_length(const struct rf_node *node, unsigned int zone, unsigned int order,
			     int mt);
/* The previous entry (RF_NO_PFN at the head): lets a walk check both links. */
unsigned long rf_list_prev(const struct rf_node *node, unsigned int zone,
			   unsigned int order, int mt, unsigned long pfn);
unsigned long rf_list_last(const struct rf_node *node, unsigned int zone,
			   unsigned int order, int mt);

/* Zone regions (maintained in both modes; the RA fields are v4 only). */
int rf_region_info(const struct rf_node *node, unsigned int zone, unsigned int region,
		   struct rf_region_info *info);
/* The zone region @pfn belongs to, or -1. */
long rf_pfn_region(const struct rf_node *node, unsigned long pfn);

/* v4 sorted-buddy bookkeeping of one list; RF_EMODE in vanilla. */
int rf_run_info(const struct rf_node *node, unsigned int zone, unsigned int order,
		int mt, unsigned int region, struct rf_run_info *info);
/* The same for every region of the zone, into @info[0 .. nr_regions). */
int rf_run_info_all(const struct rf_node *node, unsigned int zone, unsigned int order,
		    int mt, struct rf_run_info *info);
/* The list's next_region: the region of its first entry, as recorded (-1: none). */
long rf_list_next_region(const struct rf_node *node, unsigned int zone,
			 unsigned int order, int mt);

/* v4 region allocator. */
long rf_ra_lowest_region(const struct rf_node *node, unsigned int zone);	/* -1: empty */
bool rf_ra_bitmap_bit(const struct rf_node *node, unsigned int zone, unsigned int region);
/* v4: the lowest region whose bit is set in the RA's bitmap, read from the
 * bits alone (not the summary, not next_region); -1 when none is. */
long rf_ra_bitmap_lowest(const struct rf_node *node, unsigned int zone);
unsigned long rf_ra_first(const struct rf_node *node, unsigned int zone, unsigned int region);
unsigned long rf_ra_next(const struct rf_node *node, unsigned int zone, unsigned int region,
			 unsigned long pfn);

#ifdef __cplusplus
}
#endif
#endif /* REGIONFUZZ_INTROSPECT_H */
