/* SPDX-License-Identifier: MIT */
/*
 * Test-only: break a node's state on purpose, to prove that each of the
 * oracle's checks notices.  Linked only into tests (library rfengine-testhooks);
 * nothing in the engine calls it.
 *
 * Each corruption damages one thing and keeps the rest consistent where that
 * is possible, so that exactly one check should fire.
 */
#ifndef REGIONFUZZ_TESTHOOKS_H
#define REGIONFUZZ_TESTHOOKS_H

#include <regionfuzz/engine.h>

#ifdef __cplusplus
extern "C" {
#endif

enum rf_corruption {
	RF_CORRUPT_NR_FREE,		/* free_area[order].nr_free of zone += value */
	RF_CORRUPT_NR_FREE_PAGES,	/* NR_FREE_PAGES of zone += value */
	RF_CORRUPT_LIST_PREV,		/* pfn's prev link points at value (a pfn) */
	RF_CORRUPT_UNLINK,		/* the free block at pfn leaves its list (nr_free kept right) */
	RF_CORRUPT_LEAK,		/* the free block at pfn vanishes: unlinked, no longer free */
	RF_CORRUPT_RESERVE_PAGE,	/* pfn becomes a reserved page, wherever it is */
	RF_CORRUPT_FREEPAGE_MT,		/* pfn's freepage migratetype := mt */
	RF_CORRUPT_PAGEBLOCK_MT,	/* pfn's pageblock type := mt, raw */
	RF_CORRUPT_MOVE_RAW,		/* the free block at pfn to free_list[its order][mt], no bookkeeping */
	RF_CORRUPT_MOVE,		/* the same through the allocator's own list functions */
	RF_CORRUPT_ROTATE,		/* free_list[order][mt] of zone: its head goes to the tail (vanilla) */
	RF_CORRUPT_SPLIT,		/* the free block at pfn becomes its two halves, unmerged */
	RF_CORRUPT_ALLOC_HEAD,		/* the allocated block at pfn loses its allocated mark */
	RF_CORRUPT_FAKE_FREE,		/* pfn is made a free block of order, at the head of free_list[order][mt] */
	RF_CORRUPT_REGION_NR_FREE,	/* the zone region holding pfn: nr_free += value */
	RF_CORRUPT_RUN_TAIL,		/* v4: run of pfn's region on free_list[order][mt]: tail := value (a pfn) */
	RF_CORRUPT_RUN_COUNT,		/* v4: that run's count += value */
	RF_CORRUPT_NEXT_REGION,		/* v4: free_list[order][mt] of zone: next_region := value */
	RF_CORRUPT_BITMAP,		/* v4: flip the list's bit for pfn's region */
	RF_CORRUPT_RA_BIT,		/* v4: flip the RA's held bit for pfn's region */
	RF_CORRUPT_RA_COUNT,		/* v4: the RA's block count for pfn's region += value */
	RF_CORRUPT_RA_LOWEST,		/* v4: the RA's lowest region of zone := value */
	RF_CORRUPT_RA_LEAK,		/* v4: one held block of pfn's region onto the MOVABLE top list */
};

/* RF_OK, or RF_EINVAL when the corruption does not apply (wrong mode, no
 * such block); nothing is changed then. */
int rf_test_corrupt(struct rf_node *node, enum rf_corruption what, unsigned int zone,
		    unsigned long pfn, unsigned int order, int mt, long value);

#ifdef __cplusplus
}
#endif
#endif /* REGIONFUZZ_TESTHOOKS_H */
