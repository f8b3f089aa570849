/* SPDX-License-Identifier: MIT */
/*
 * regionfuzz engine: an executable userspace model of the Linux 3.11/3.12
 * buddy page allocator ("vanilla") and of the region-aware allocator of the
 * "mm: Memory Power Management" v4 series ("v4"), selected at set-up.
 *
 * This header is the caller's API: build a node from a geometry, then drive
 * it with the allocator's entry points.  Every entry point validates its
 * arguments first; an invalid call returns a negative rf_status and leaves
 * the node exactly as it was.  The engine never prints, aborts or exits.
 *
 * The read-only view of the state (for oracles, studies and pictures) is in
 * <regionfuzz/introspect.h>.
 */
#ifndef REGIONFUZZ_ENGINE_H
#define REGIONFUZZ_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Migratetypes, numbered as in the kernel (no CMA): MIGRATE_TYPES == 5. */
enum migratetype {
	MIGRATE_UNMOVABLE,
	MIGRATE_RECLAIMABLE,
	MIGRATE_MOVABLE,
	MIGRATE_PCPTYPES,	/* the number of types an allocation may ask for */
	MIGRATE_RESERVE = MIGRATE_PCPTYPES,
	MIGRATE_ISOLATE,
	MIGRATE_TYPES
};

/* Outcome of an engine call.  Zero is success; everything else is negative. */
enum rf_status {
	RF_OK = 0,
	RF_ENOMEM = -1,		/* no free block satisfies the request (not a misuse) */
	RF_EBUSY = -2,		/* isolation refused: the pageblock holds unmovable pages */
	RF_ENOENT = -3,		/* the region asked for is not in the region allocator */
	RF_EINVAL = -4,		/* a bad order, migratetype, zone index or quota */
	RF_ERANGE = -5,		/* a pfn outside the node */
	RF_EXDEV = -6,		/* a pfn range that crosses a zone boundary */
	RF_ENOTALLOC = -7,	/* freeing what is not an allocated block of that order */
	RF_EMODE = -8,		/* the operation does not exist in this mode (vanilla) */
	RF_EGEOMETRY = -9,	/* a geometry outside the accepted ranges */
	RF_ENOSPC = -10,	/* the host could not give the engine memory */
};

const char *rf_strerror(int status);
const char *rf_migratetype_name(int mt);

/* Limits of the geometry the engine accepts (MODEL.md section 1). */
#define RF_MIN_MAX_ORDER	2
#define RF_MAX_MAX_ORDER	11
#define RF_MAX_ZONES		3
#define RF_MAX_RANGES		8	/* holes, and reserved ranges, each */
#define RF_MAX_NODE_PAGES	(1UL << 26)
#define RF_MAX_NODE_START_PFN	(1UL << 40)
#define RF_MAX_REGION_SHIFT	40
#define RF_MAX_NODE_REGIONS	(1U << 16)

/* A half-open pfn range [start, end). */
struct rf_pfn_range {
	unsigned long start;
	unsigned long end;
};

struct rf_geometry {
	unsigned int max_order;		/* MAX_ORDER: orders 0 .. max_order-1 */
	unsigned int pageblock_order;	/* 1 .. max_order-1 */
	unsigned int region_shift;	/* region size 2^region_shift >= 2^(max_order-1) */
	unsigned long node_start_pfn;
	unsigned long node_spanned_pages;
	unsigned int nr_zones;		/* 1 .. RF_MAX_ZONES */
	/* zone_start_pfn[0] == node_start_pfn; strictly increasing; zone i
	 * spans [zone_start_pfn[i], zone_start_pfn[i+1] or the node end). */
	unsigned long zone_start_pfn[RF_MAX_ZONES];
	unsigned int nr_holes;		/* absent pfns: no page at all */
	struct rf_pfn_range holes[RF_MAX_RANGES];
	unsigned int nr_reserved;	/* present pages reserved at boot, never free */
	struct rf_pfn_range reserved[RF_MAX_RANGES];
};

enum rf_mode {
	RF_MODE_VANILLA,	/* Linux 3.11/3.12 */
	RF_MODE_V4,		/* the posted Memory Power Management series, v4 */
};

struct rf_config {
	enum rf_mode mode;
	unsigned long options;	/* RF_OPT_* bits; 0 is the faithful model */
};

/* Engine options (options.def): RF_OPT_FIX_* and, test-only, RF_OPT_INJECT_*. */
#define FIX(name, bit, finding, help) static const unsigned long RF_OPT_FIX_##name = 1UL << (bit);
#define INJECT(name, bit, help) static const unsigned long RF_OPT_INJECT_##name = 1UL << (bit);
#include "options.def"
#undef FIX
#undef INJECT

/* Every fix: "the clean engine".  Options 0 is the faithful model. */
static const unsigned long RF_OPT_FIXES = 0UL
#define FIX(name, bit, finding, help) | 1UL << (bit)
#define INJECT(name, bit, help)
#include "options.def"
#undef FIX
#undef INJECT
	;
static const unsigned long RF_OPT_INJECTS = 0UL
#define FIX(name, bit, finding, help)
#define INJECT(name, bit, help) | 1UL << (bit)
#include "options.def"
#undef FIX
#undef INJECT
	;

/* Every option the engine knows. */
#define RF_OPT_ALL (RF_OPT_FIXES | RF_OPT_INJECTS)

/* The option of bit @bit: its name ("FIX_ISOLATE_TWICE"), its finding id
 * ("F1", or "" for an injection) and a line of help; NULL if no such bit. */
const char *rf_option_name(unsigned int bit);
const char *rf_option_finding(unsigned int bit);
const char *rf_option_help(unsigned int bit);

/*
 * Options from a string: "clean" (every fix), "faithful" (0) or a number,
 * then any of +NAME and -NAME, NAME a finding ("V2"), an option's name
 * ("FIX_PULL_KEEPS_TYPES", "INJECT_NR_DELTA") or that name without its
 * prefix.  RF_OK, or RF_EINVAL with a message in @err; *@out is untouched
 * then.  rf_options_format() writes the shortest such string (snprintf's
 * contract); the two round-trip.
 */
int rf_options_parse(const char *s, unsigned long *out, char *err, size_t errlen);
int rf_options_format(unsigned long options, char *buf, size_t len);

struct rf_node;

/* RF_OK when @geo is inside the accepted ranges; else RF_EGEOMETRY and, when
 * @why is given, a sentence naming the parameter and its range. */
int rf_geometry_check(const struct rf_geometry *geo, char *why, size_t whylen);

/*
 * Build a node from @geo: zones, pages, pageblocks (all MOVABLE), then the
 * boot-time frees of every present, non-reserved page.  On an invalid
 * geometry returns RF_EGEOMETRY and, when @why is given, a sentence saying
 * what was wrong.
 */
int rf_node_create(const struct rf_geometry *geo, const struct rf_config *cfg,
		   struct rf_node **out, char *why, size_t whylen);
void rf_node_destroy(struct rf_node *node);
/* Back to the state right after rf_node_create(), reusing the memory. */
void rf_node_reset(struct rf_node *node);
/*
 * @dst takes @src's whole state, as if it had run the same calls: the cheap
 * way to start many runs from one set-up.  Both must have been created with
 * equal geometries and configurations; otherwise RF_EINVAL, @dst untouched.
 */
int rf_node_copy(struct rf_node *dst, const struct rf_node *src);
/* A new node in @src's state, without booting one first (rf_node_create()
 * then rf_node_copy() would). */
int rf_node_clone(const struct rf_node *src, struct rf_node **out);
/* Equal field by field (padding and unused entries ignored). */
bool rf_geometry_equal(const struct rf_geometry *a, const struct rf_geometry *b);
/* Fill @geo with a valid default: one zone of 2^pages_shift pages at pfn 0. */
void rf_geometry_default(struct rf_geometry *geo, unsigned int pages_shift);

/*
 * Allocate a block of 2^order pages of migratetype @mt (UNMOVABLE,
 * RECLAIMABLE or MOVABLE) from zone @zone: __rmqueue with its fallback and
 * RESERVE retry.  No watermarks, per-cpu lists or zonelists.
 */
int rf_alloc_pages(struct rf_node *node, unsigned int zone, unsigned int order,
		   int mt, unsigned long *pfn);
/* Give back the block at @pfn, allocated with this @order. */
int rf_free_pages(struct rf_node *node, unsigned long pfn, unsigned int order);
/* Run only the fallback path, __rmqueue_fallback, as an allocation. */
int rf_steal(struct rf_node *node, unsigned int zone, unsigned int order,
	     int start_mt, unsigned long *pfn);

/* move_freepages over [start_pfn, end_pfn] -- inclusive, as the kernel's
 * end_page -- both in @zone.  @moved (may be NULL) gets the pages moved.
 * Moving to ISOLATE, or over an isolated pageblock, is refused (RF_EINVAL):
 * only isolation moves pages there, with its accounting. */
int rf_move_freepages(struct rf_node *node, unsigned int zone,
		      unsigned long start_pfn, unsigned long end_pfn, int mt,
		      unsigned long *moved);
int rf_move_freepages_block(struct rf_node *node, unsigned long pfn, int mt,
			    unsigned long *moved);

/* setup_zone_migrate_reserve with the reserve quota given in pageblocks; a
 * quota above the pageblocks starting in the zone is refused. */
int rf_setup_zone_migrate_reserve(struct rf_node *node, unsigned int zone,
				  unsigned int quota);

/* One pageblock: set_migratetype_isolate / unset_migratetype_isolate. */
int rf_set_migratetype_isolate(struct rf_node *node, unsigned long pfn);
int rf_unset_migratetype_isolate(struct rf_node *node, unsigned long pfn, int mt);
/* A range [start_pfn, end_pfn) inside one zone, widened as alloc_contig_range
 * widens it; on a refusal the pageblocks already isolated are undone with @mt. */
int rf_start_isolate_page_range(struct rf_node *node, unsigned long start_pfn,
				unsigned long end_pfn, int mt);
int rf_undo_isolate_page_range(struct rf_node *node, unsigned long start_pfn,
			       unsigned long end_pfn, int mt);

/* v4 only: hand a region of the region allocator out to @mt's buddy lists.
 * @region < 0 asks for the lowest held region (del_from_region_allocator). */
int rf_del_from_region_allocator(struct rf_node *node, unsigned int zone,
				 int region, int mt);

#ifdef __cplusplus
}
#endif
#endif /* REGIONFUZZ_ENGINE_H */
