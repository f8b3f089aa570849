/* SPDX-License-Identifier: MIT */
/*
 * refbuddy: an independently written, deliberately plain buddy allocator with
 * the semantics of Linux 3.12's page allocator (no per-cpu lists, no
 * watermarks), used by the oracle as the reference the engine's vanilla mode
 * must agree with exactly -- same pfn for every allocation, same counters and
 * lists after every operation -- and the v4 mode on every policy-independent
 * contract.
 *
 * It shares no code and no header with engine/: its own types, its own
 * names, its own data structures (per-page state and plain arrays as lists).
 * Speed is not a goal; being obviously right is.
 */
#ifndef REGIONFUZZ_REFBUDDY_H
#define REGIONFUZZ_REFBUDDY_H

#include <stdbool.h>
#include <stddef.h>

/* The kernel's migratetype numbers (no CMA). */
enum ref_mt { REF_UNMOVABLE, REF_RECLAIMABLE, REF_MOVABLE, REF_RESERVE, REF_ISOLATE, REF_NR_MT };

/* Results, numbered like the engine's rf_status so the two compare directly. */
enum ref_status {
	REF_OK = 0,
	REF_ENOMEM = -1,	/* no block */
	REF_EBUSY = -2,		/* isolation refused */
	REF_ENOENT = -3,
	REF_EINVAL = -4,	/* bad argument or precondition */
	REF_ERANGE = -5,	/* pfn outside the node */
	REF_EXDEV = -6,		/* range across zones */
	REF_ENOTALLOC = -7,	/* free of something not allocated with that order */
	REF_UNSUPPORTED = -100,	/* the reference does not model this operation */
};

#define REF_MAX_ZONES 3
#define REF_MAX_RANGES 8
#define REF_NONE (~0UL)

struct ref_range {
	unsigned long start, end;	/* [start, end) */
};

struct ref_geometry {
	unsigned int max_order;		/* 2..11 */
	unsigned int pageblock_order;	/* 1..max_order-1 */
	unsigned long node_start_pfn;
	unsigned long node_pages;
	unsigned int nr_zones;
	unsigned long zone_start[REF_MAX_ZONES];
	unsigned int nr_holes;
	struct ref_range holes[REF_MAX_RANGES];
	unsigned int nr_reserved;
	struct ref_range reserved[REF_MAX_RANGES];
};

struct ref_buddy;

/* NULL when the geometry is out of range or memory is short.  (Beyond the
 * ranges above, the reference also refuses a node so close to ~0UL that
 * node_start_pfn + node_pages + 2^11 would overflow.)  The sources are
 * refbuddy.c and its neighbours; refbuddy_internal.h maps them. */
struct ref_buddy *ref_create(const struct ref_geometry *g);
void ref_destroy(struct ref_buddy *rb);

/*
 * The six fixes for the findings F1..F6 (the FIX lines of the engine's
 * options.def), each switchable, matching the engine's RF_OPT_FIX_* bits of
 * the same names.  0 is the faithful 3.12 model.
 *
 *  F1 ISOLATE_TWICE      isolating a pageblock already ISOLATE is refused
 *                        (REF_EBUSY, nothing changed), before the busy check.
 *  F2 MOBILITY_TYPES     with grouping by mobility disabled, only UNMOVABLE,
 *                        RECLAIMABLE and MOVABLE are stored as UNMOVABLE;
 *                        RESERVE and ISOLATE are stored as asked (3.13).
 *  F3 PARTIAL_PAGEBLOCK  a pageblock not whole in one zone (its part inside
 *                        the node starts in the zone and its last pfn is in
 *                        it too) is refused by isolation and skipped by the
 *                        reserve set-up while the quota is unmet.
 *  F4 ISOLATE_MERGE      __free_one_page does not merge at order >=
 *                        pageblock_order when the head's or the buddy's
 *                        pageblock is ISOLATE; undoing an isolation takes a
 *                        free block of order >= pageblock_order heading the
 *                        pageblock off its list and frees it again, so it
 *                        merges with its buddy.
 *  F5 FREE_ACCOUNTING    NR_FREE_PAGES follows the lists: every block put on
 *                        (taken off) a list other than ISOLATE adds (takes)
 *                        its pages; the callers no longer adjust it.
 *  F6 STEAL_ISOLATED     the fallback neither moves nor retypes an ISOLATE
 *                        pageblock.
 *
 * None of them changes boot (boot frees never meet an ISOLATE pageblock and
 * boot sets no pageblock type through the F2 rule), so ref_create boots with
 * fixes 0 and the fixes are chosen right after it.
 */
enum ref_fix {
	REF_FIX_ISOLATE_TWICE = 1 << 0,
	REF_FIX_MOBILITY_TYPES = 1 << 1,
	REF_FIX_PARTIAL_PAGEBLOCK = 1 << 2,
	REF_FIX_ISOLATE_MERGE = 1 << 3,
	REF_FIX_FREE_ACCOUNTING = 1 << 4,
	REF_FIX_STEAL_ISOLATED = 1 << 5,
};

/* Call right after ref_create, before any operation; the default, 0, is the
 * faithful model.  Bits outside enum ref_fix are ignored. */
void ref_set_fixes(struct ref_buddy *rb, unsigned int fixes);

/* The operations; each returns an enum ref_status. */
int ref_alloc(struct ref_buddy *rb, unsigned int zone, unsigned int order, int mt,
	      unsigned long *pfn);
int ref_free(struct ref_buddy *rb, unsigned long pfn, unsigned int order);
int ref_steal(struct ref_buddy *rb, unsigned int zone, unsigned int order, int mt,
	      unsigned long *pfn);
int ref_move_freepages(struct ref_buddy *rb, unsigned int zone, unsigned long start,
		       unsigned long end_inclusive, int mt, unsigned long *moved);
int ref_move_freepages_block(struct ref_buddy *rb, unsigned long pfn, int mt,
			     unsigned long *moved);
int ref_setup_zone_migrate_reserve(struct ref_buddy *rb, unsigned int zone, unsigned int quota);
int ref_set_migratetype_isolate(struct ref_buddy *rb, unsigned long pfn);
int ref_unset_migratetype_isolate(struct ref_buddy *rb, unsigned long pfn, int mt);
int ref_start_isolate_page_range(struct ref_buddy *rb, unsigned long start, unsigned long end,
				 int mt);
int ref_undo_isolate_page_range(struct ref_buddy *rb, unsigned long start, unsigned long end,
				int mt);

/* What the reference knows, for comparison. */
long ref_nr_free_pages(const struct ref_buddy *rb, unsigned int zone);	/* NR_FREE_PAGES */
unsigned long ref_nr_free(const struct ref_buddy *rb, unsigned int zone, unsigned int order);
int ref_pageblock_mt(const struct ref_buddy *rb, unsigned long pfn);	/* -1 outside */
bool ref_mobility_disabled(const struct ref_buddy *rb);
/* The list free_list[order][mt] of @zone: its length and its i-th entry from the head. */
size_t ref_list_len(const struct ref_buddy *rb, unsigned int zone, unsigned int order, int mt);
unsigned long ref_list_at(const struct ref_buddy *rb, unsigned int zone, unsigned int order,
			  int mt, size_t i);
/* The free block with head @pfn: its order, or -1 when @pfn heads no free block. */
int ref_free_order(const struct ref_buddy *rb, unsigned long pfn);
/* The allocated block with head @pfn: its order, or -1. */
int ref_alloc_order(const struct ref_buddy *rb, unsigned long pfn);

#endif /* REGIONFUZZ_REFBUDDY_H */
