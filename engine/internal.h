/* SPDX-License-Identifier: MIT */
/*
 * The engine's internal structures and functions, grouped by the .c file that
 * owns them: this header is also the module map.  Names follow the kernel's
 * (mm/page_alloc.c, mm/page_isolation.c, and the v4 series) so that a line of
 * the model can be read beside the line of the patch it models.
 */
#ifndef RF_ENGINE_INTERNAL_H
#define RF_ENGINE_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <regionfuzz/engine.h>
#include <regionfuzz/introspect.h>

#include "list.h"

/* "None" for a region id or a page index (the kernel's NULL / -1). */
#define NO_REGION UINT32_MAX
#define NO_PAGE UINT32_MAX

/* struct page: the per-pfn state.  Its lru link lives in node->lru[]. */
/*
 * Holes are modelled as x86 has them (no CONFIG_HOLES_IN_ZONE): a struct page
 * exists, belongs to the zone spanning it, is reserved-like and never free,
 * and pfn_valid_within() is true.  They differ from reserved pages only in
 * not being counted as present.
 */
enum {
	PG_buddy = 1 << 0,	/* heads a free block of 2^order pages */
	PG_hole = 1 << 1,	/* absent memory: not present, never free */
	PG_reserved = 1 << 2,	/* present but reserved at boot, never free */
	PG_head = 1 << 3,	/* heads an allocated block of 2^order pages */
};

struct page {
	uint8_t flags;
	uint8_t order;		/* of the free block (PG_buddy) or allocated one (PG_head) */
	uint8_t freepage_mt;	/* set_freepage_migratetype(): page->index in the kernel */
	uint8_t alloc_mt;	/* the type the block was allocated as (PG_head) */
	uint8_t list_mt;	/* the model's own record: the list it is on, or LIST_RA */
};

/* page->list_mt of a block held by the region allocator. */
#define LIST_RA MIGRATE_TYPES


/* One bit per zone region, and one summary bit per word of those bits, so the
 * previous set bit below a region is found in two word scans. */
struct region_bitmap {
	uint64_t *bits;
	uint64_t *summary;
	uint32_t nr_words;
	uint32_t nr_summary;
};

/* v4: a region's run on one free list (mem_region_list): its blocks are
 * contiguous there.  The series' page_block pointer is the run's tail. */
struct region_run {
	uint32_t tail;		/* page index of the run's last entry, NO_PAGE if none */
	uint32_t nr_blocks;	/* entries, not pages */
};

struct free_list {
	uint32_t head;		/* the sentinel's index in node->lru */
	unsigned long nr_entries;	/* the model's own count, for introspection */
	/* v4 (sorted buddy) only; NULL/unused in vanilla. */
	struct region_run *run;		/* [zone->nr_regions] */
	uint32_t next_region;		/* region of the first entry, NO_REGION when empty */
	struct region_bitmap nonempty;	/* regions with a run on this list */
};

struct free_area {
	struct free_list free_list[MIGRATE_TYPES];
	unsigned long nr_free;	/* blocks on this order's lists, all types */
};

/* The part of a node-level memory region that lies inside one zone. */
struct zone_mem_region {
	unsigned long start_pfn, end_pfn;	/* [start, end) */
	unsigned long present_pages;		/* not holes; reserved pages count */
	unsigned long nr_free;			/* pages of free blocks headed here, RA included */
	unsigned long nr_alloc[MIGRATE_PCPTYPES]; /* allocated pages by type, by head pfn */
};

/* v4: the region allocator's hold on one zone region (only the
 * MAX_ORDER-1 free_area_region of the series is ever used). */
struct ra_region {
	uint32_t head;		/* sentinel of its list of MAX_ORDER-1 blocks */
	unsigned long nr_blocks;	/* entries, not pages */
};

struct region_allocator {
	struct ra_region *region;	/* [zone->nr_regions] */
	struct region_bitmap held;
	uint32_t next_region;		/* lowest held region, NO_REGION when empty */
	unsigned long nr_blocks;	/* the model's total over regions, for introspection */
};

struct zone {
	struct node *node;
	unsigned int zone_idx;
	unsigned long zone_start_pfn;
	unsigned long zone_end_pfn;	/* exclusive */
	unsigned long present_pages;
	unsigned long managed_pages;	/* present minus reserved */
	long nr_free_pages;		/* the zone's NR_FREE_PAGES vm_stat */
	struct free_area free_area[RF_MAX_MAX_ORDER];
	uint32_t first_node_region;	/* node region id of zone region 0 */
	uint32_t nr_regions;
	struct zone_mem_region *region;
	struct region_allocator region_allocator;	/* v4 */
	struct rf_zone_stats stats;
};

struct node {
	struct rf_geometry geo;
	struct rf_config cfg;
	bool v4;
	unsigned int max_order;		/* MAX_ORDER */
	unsigned int pageblock_order;
	unsigned long pageblock_nr_pages;
	unsigned long node_start_pfn;
	unsigned long node_end_pfn;	/* exclusive */
	unsigned long region_base;	/* node region k starts at region_base + k * 2^region_shift */
	unsigned long nr_pages;		/* spanned */
	bool page_group_by_mobility_disabled;
	bool ra_check_deferred;		/* V5: inside move_freepages' walk */
	struct page *pages;		/* [nr_pages] */
	struct lru *lru;		/* [nr_pages + every list head] */
	uint32_t nr_links;
	uint8_t *pageblock_mt;		/* [nr_pageblocks] */
	uint32_t *pageblock_unmovable;	/* allocated non-MOVABLE pages per pageblock */
	unsigned long first_pageblock;	/* pfn >> pageblock_order of the node's first pfn */
	unsigned long nr_pageblocks;
	unsigned int nr_zones;
	struct zone zones[RF_MAX_ZONES];
};

/* ---- pfn, page and pageblock helpers (inline) ---- */

/*
 * F5: with RF_OPT_FIX_FREE_ACCOUNTING, NR_FREE_PAGES is changed only here,
 * by whatever goes on or off a list that is not ISOLATE (the RA counts as
 * not ISOLATE), so it cannot drift from what the lists hold.  Without it the
 * callers adjust the counter as 3.11 did.
 */
static inline bool free_accounting_fixed(const struct node *n)
{
	return n->cfg.options & RF_OPT_FIX_FREE_ACCOUNTING;
}

static inline void account_freepages(struct zone *z, int list_mt, long pages)
{
	if (free_accounting_fixed(z->node) && list_mt != MIGRATE_ISOLATE)
		z->nr_free_pages += pages;
}


static inline uint32_t pfn_to_idx(const struct node *n, unsigned long pfn)
{
	return (uint32_t)(pfn - n->node_start_pfn);
}

static inline unsigned long idx_to_pfn(const struct node *n, uint32_t idx)
{
	return n->node_start_pfn + idx;
}

static inline bool node_spans_pfn(const struct node *n, unsigned long pfn)
{
	return pfn >= n->node_start_pfn && pfn < n->node_end_pfn;
}

static inline bool zone_spans_pfn(const struct zone *z, unsigned long pfn)
{
	return pfn >= z->zone_start_pfn && pfn < z->zone_end_pfn;
}

static inline struct page *pfn_to_page(struct node *n, unsigned long pfn)
{
	return &n->pages[pfn - n->node_start_pfn];
}

/*
 * pfn_valid_within(): a struct page exists.  Every pfn of the node has one,
 * holes included; pfns outside the node are treated as holes of no zone.
 */
static inline bool pfn_valid(const struct node *n, unsigned long pfn)
{
	return node_spans_pfn(n, pfn);
}

/* Present and not reserved: a page the allocator may hand out. */
static inline bool page_managed(const struct page *p)
{
	return !(p->flags & (PG_hole | PG_reserved));
}

static inline bool PageBuddy(const struct page *p) { return p->flags & PG_buddy; }
/* Holes are reserved struct pages too (see PG_hole). */
static inline bool PageReserved(const struct page *p)
{
	return p->flags & (PG_reserved | PG_hole);
}

static inline unsigned int page_order(const struct page *p) { return p->order; }

static inline void set_page_order(struct page *p, unsigned int order)
{
	p->order = (uint8_t)order;
	p->flags |= PG_buddy;
}

static inline void rmv_page_order(struct page *p)
{
	p->order = 0;
	p->flags &= (uint8_t)~PG_buddy;
}

static inline int get_freepage_migratetype(const struct page *p)
{
	return p->freepage_mt;
}

static inline void set_freepage_migratetype(struct page *p, int mt)
{
	p->freepage_mt = (uint8_t)mt;
}

static inline unsigned long pfn_to_pageblock(const struct node *n, unsigned long pfn)
{
	return (pfn >> n->pageblock_order) - n->first_pageblock;
}

static inline int get_pageblock_migratetype(const struct node *n, unsigned long pfn)
{
	return n->pageblock_mt[pfn_to_pageblock(n, pfn)];
}

/*
 * pageblock_unmovable[] counts, per pageblock, what has_unmovable_pages()
 * would find there: reserved pages, holes, and the head page of every
 * allocated block not allocated as MOVABLE (only heads have a refcount; the
 * model's MOVABLE allocations stand for LRU pages, which are skipped).
 */
static inline uint32_t *pageblock_unmovable(struct node *n, unsigned long pfn)
{
	return &n->pageblock_unmovable[pfn_to_pageblock(n, pfn)];
}

/*
 * Whether move_freepages_block() can reach every free page of @pfn's
 * pageblock from zone @z: the pageblock's part inside the node must lie in
 * the zone, and its last pfn too (the node's leading partial pageblock is
 * fine; a trailing one, or one shared with another zone, is not).
 */
static inline bool pageblock_in_zone(const struct zone *z, unsigned long pfn)
{
	const struct node *n = z->node;
	unsigned long start = pfn & ~(n->pageblock_nr_pages - 1);
	unsigned long end = start + n->pageblock_nr_pages - 1;

	if (start < n->node_start_pfn)
		start = n->node_start_pfn;
	return zone_spans_pfn(z, start) && zone_spans_pfn(z, end);
}

/* The zone spanning @pfn, or NULL outside the node. */
static inline struct zone *pfn_to_zone(struct node *n, unsigned long pfn)
{
	if (!node_spans_pfn(n, pfn))
		return NULL;
	for (unsigned int i = n->nr_zones; i-- > 1;)
		if (pfn >= n->zones[i].zone_start_pfn)
			return &n->zones[i];
	return &n->zones[0];
}

/* The zone region a pfn of zone @z belongs to (page_zone_region_id). */
static inline uint32_t pfn_to_zone_region(const struct zone *z, unsigned long pfn)
{
	const struct node *n = z->node;

	return (uint32_t)((pfn - n->region_base) >> n->geo.region_shift) - z->first_node_region;
}

/* List-head sentinels: one per (zone, order, migratetype), then the RA's. */
static inline uint32_t free_list_head(const struct node *n, unsigned int zone,
				      unsigned int order, int mt)
{
	return (uint32_t)(n->nr_pages +
		((zone * RF_MAX_MAX_ORDER + order) * MIGRATE_TYPES + (unsigned int)mt));
}

/* ---- node.c: set-up, reset, teardown ---- */
int node_alloc(const struct rf_geometry *geo, const struct rf_config *cfg, struct node **out,
	       char *why, size_t whylen);
void set_pageblock_migratetype(struct node *n, unsigned long pfn, int mt);

/* ---- region_bitmap.c: two-level bitmaps over zone regions ---- */
int region_bitmap_init(struct region_bitmap *b, uint32_t nr_bits);
void region_bitmap_free(struct region_bitmap *b);
void region_bitmap_clear_all(struct region_bitmap *b);
void region_bitmap_set(struct region_bitmap *b, uint32_t bit);
void region_bitmap_clear(struct region_bitmap *b, uint32_t bit);
bool region_bitmap_test(const struct region_bitmap *b, uint32_t bit);
/* Highest set bit below @bit, or NO_REGION. */
uint32_t region_bitmap_find_prev(const struct region_bitmap *b, uint32_t bit);
/* Lowest set bit, or NO_REGION. */
uint32_t region_bitmap_find_first(const struct region_bitmap *b);

/* ---- freelist.c: putting blocks on and off the buddy lists ---- */
/* Vanilla placement at the head or the tail; v4 ignores @tail and sorts. */
void add_to_freelist(struct zone *z, uint32_t idx, int mt, unsigned int order,
		     bool tail);
void del_from_freelist(struct zone *z, uint32_t idx, int mt, unsigned int order);
/* move_page_freelist(): off the list of @old_mt, onto @mt's. */
void move_page_freelist(struct zone *z, uint32_t idx, int old_mt, int mt,
			unsigned int order);
/* The first entry of a list, or NO_PAGE when empty. */
uint32_t free_list_first(const struct zone *z, unsigned int order, int mt);
/* v4 patches 17/18: move region @r's run between a list and @bulk. */
unsigned long del_from_freelist_bulk(struct zone *z, uint32_t bulk, int mt,
				     unsigned int order, uint32_t r);
unsigned long add_to_freelist_bulk(struct zone *z, uint32_t bulk, int mt,
				   unsigned int order, uint32_t r);

/* ---- region_allocator.c (v4) ---- */
bool page_in_region_allocator(const struct zone *z, uint32_t idx);
/* can_return_region() and the release it decides, after an add. */
void region_allocator_check(struct zone *z, uint32_t idx, int mt, unsigned int order);
/* @retype: set the pageblock types to @mt, as every hand-out of the series does. */
void __del_from_region_allocator(struct zone *z, unsigned int order, int mt, uint32_t r,
				 bool retype);
int del_from_region_allocator(struct zone *z, unsigned int order, int mt);

/* ---- rmqueue.c: taking blocks ---- */
uint32_t __rmqueue(struct zone *z, unsigned int order, int mt);
uint32_t __rmqueue_fallback(struct zone *z, unsigned int order, int start_mt);
void account_alloc(struct zone *z, uint32_t idx, unsigned int order, int mt);

/* ---- free.c: giving blocks back ---- */
void __free_one_page(struct zone *z, uint32_t idx, unsigned int order, int mt);
void free_one_page(struct zone *z, uint32_t idx, unsigned int order, int mt);

/* ---- move.c ---- */
unsigned long move_freepages(struct zone *z, unsigned long start_pfn,
			     unsigned long end_pfn, int mt);
unsigned long move_freepages_block(struct zone *z, unsigned long pfn, int mt);

/* ---- argument checks shared by the entry points ---- */
/* A type an allocation may ask for. */
static inline bool valid_alloc_type(int mt)
{
	return mt >= 0 && mt < MIGRATE_PCPTYPES;
}

static inline bool valid_migratetype(int mt)
{
	return mt >= 0 && mt < MIGRATE_TYPES;
}

static inline struct zone *zone_of_index(struct node *n, unsigned int zone)
{
	return zone < n->nr_zones ? &n->zones[zone] : NULL;
}

#endif /* RF_ENGINE_INTERNAL_H */
