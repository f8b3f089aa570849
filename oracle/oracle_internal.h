/* SPDX-License-Identifier: MIT */
/*
 * The oracle's internals, grouped by the file that owns each function.
 *
 * One program runs on up to three sides: the engine in vanilla mode, the
 * engine in v4 mode, and the reference buddy.  Each engine side has its own
 * shadow (what the API results say is allocated and isolated) and its own
 * list of live allocations, which the program's handles index.
 */
#ifndef RF_ORACLE_INTERNAL_H
#define RF_ORACLE_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include <regionfuzz/engine.h>
#include <regionfuzz/introspect.h>
#include <regionfuzz/oracle.h>

#include "refbuddy.h"

/* A live allocation, as the API returned it.  Eight bytes: a free picks
 * one at random, and at 2^22 pages the live set is far bigger than the
 * caches, so its size is the number of lines that miss. */
struct live {
	uint64_t pfn : 48;	/* below RF_MAX_NODE_START_PFN + RF_MAX_NODE_PAGES */
	uint64_t order : 8;
	int64_t mt : 8;
};
_Static_assert(RF_MAX_NODE_START_PFN + RF_MAX_NODE_PAGES < 1UL << 48, "struct live's pfn");

struct live_set {
	struct live *v;
	uint32_t nr;
	size_t cap;
};

/* ---- buffer.c ---- */
/* @buf (NULL, or from an earlier call) with room for @need items of @size
 * bytes, its capacity *@cap in items: returned as it is when big enough,
 * else grown by realloc -- contents kept -- to at least twice *@cap.  NULL
 * when out of memory; @buf and *@cap are then untouched. */
void *buffer_reserve(void *buf, size_t *cap, size_t need, size_t size);

/* ---- shadow.c: what the API results alone say ---- */
/*
 * One byte per pfn.  An allocated block's head byte also holds its order and
 * the type it was allocated as (SH_HEAD | order << 3 | type): a free or an
 * allocation then touches one byte array, not three -- at 2^22 pages each
 * extra array is a cache miss per op.
 */
enum { SH_FREE = 0, SH_ALLOC = 1, SH_UNMANAGED = 2, SH_HEAD = 0x80 };

/* A page byte's live allocation, if it heads one: its order, or -1; its type. */
static inline int sh_byte_head_order(uint8_t b)
{
	return b & SH_HEAD ? (b >> 3) & 0xf : -1;
}

static inline int sh_byte_head_mt(uint8_t b)
{
	return b & SH_HEAD ? b & 7 : -1;
}

/*
 * A pageblock is isolated from a successful isolation until its undo.  It is
 * protected -- none of its pages may be handed out -- until the undo of its
 * MAX_ORDER-1 chunk starts: from then on the caller is giving the chunk back,
 * and a free block the first undone pageblock returns to a normal list may
 * already cover the pageblocks still waiting for their step.
 */
enum { SH_ISOLATED = 1, SH_PROTECTED = 2 };

struct shadow {
	const struct rf_geometry *geo;
	unsigned long start, end;	/* the node, [start, end) */
	unsigned long pb_pages;
	uint8_t *page;			/* SH_* per pfn, SH_HEAD bytes at allocated heads */
	size_t page_cap, isolated_cap;	/* the buffers' sizes, kept for reuse */
	uint8_t *isolated;		/* per pageblock: SH_ISOLATED | SH_PROTECTED */
	unsigned long first_pb;
	unsigned long nr_pb;
	unsigned long nr_free[RF_MAX_ZONES];
};

/* @sh is zeroed, or a shadow kept by shadow_keep(): its buffers are reused. */
int shadow_init(struct shadow *sh, const struct rf_geometry *geo);
void shadow_fini(struct shadow *sh);
/* Forget the state, keep the buffers for the next shadow_init(). */
void shadow_keep(struct shadow *sh);
unsigned int shadow_zone(const struct shadow *sh, unsigned long pfn);	/* RF_MAX_ZONES: none */
unsigned long shadow_zone_start(const struct shadow *sh, unsigned int zone);
unsigned long shadow_zone_end(const struct shadow *sh, unsigned int zone);
bool shadow_range_free(const struct shadow *sh, unsigned long pfn, unsigned long nr);
/* Free pages in [lo, hi], per the shadow: a tight loop, no engine calls. */
unsigned long shadow_count_free(const struct shadow *sh, unsigned long lo, unsigned long hi);
void shadow_alloc(struct shadow *sh, unsigned long pfn, unsigned int order, int mt);
void shadow_free(struct shadow *sh, unsigned long pfn, unsigned int order);
/* The live allocation headed at @pfn: its order, or -1; and its type. */
int shadow_head_order(const struct shadow *sh, unsigned long pfn);
int shadow_head_mt(const struct shadow *sh, unsigned long pfn);
unsigned long shadow_pageblock(const struct shadow *sh, unsigned long pfn);
bool shadow_isolated(const struct shadow *sh, unsigned long pfn);
bool shadow_protected(const struct shadow *sh, unsigned long pfn);
/* Isolating marks the pageblock isolated and protected; undoing clears its
 * isolation and the protection of its whole chunk. */
void shadow_set_isolated(struct shadow *sh, unsigned long pfn, bool on);
bool shadow_range_isolated(const struct shadow *sh, unsigned long pfn, unsigned long nr);
bool shadow_range_protected(const struct shadow *sh, unsigned long pfn, unsigned long nr);
/* What has_unmovable_pages() must find in @pfn's pageblock: holes, reserved
 * pages, heads of live non-MOVABLE allocations. */
bool shadow_unmovable_content(const struct shadow *sh, unsigned long pfn);
/* A block of order >= @order the allocator must be able to give out. */
bool shadow_entitled_block(const struct shadow *sh, unsigned int zone, unsigned int order,
			   unsigned int max_order, unsigned long *where);

/* ---- walk.c's buffers, kept per side ---- */
struct walk_scratch {
	uint32_t *seen;		/* per pfn: 0, 1 + list id, or SEEN_RA | region */
	uint32_t *cover;	/* per pfn: 1 + offset of the free block head covering it */
	struct rf_page_info *page;	/* every page's info, read once per walk */
	unsigned long *run_count;	/* per region: walk_list's count of a list's run */
	unsigned long *run_tail;	/* and its last entry */
	struct rf_run_info *runs;	/* and the engine's record of the runs */
};

/* ---- exec.c: the executor ---- */
struct side {
	bool active;
	enum rf_mode mode;
	struct rf_node *node;
	struct shadow sh;
	struct live_set live;
	long setup_nr_free_pages[RF_MAX_ZONES];
	unsigned long *setup_blocks;	/* pfn << 8 | order of every free block after set-up */
	size_t nr_setup_blocks, setup_blocks_cap;
	/* Per-pageblock scratch for the contracts: struct pre's was_movable or
	 * pb_types (no op needs both), kept for reuse. */
	uint8_t *pb_scratch;
	size_t pb_scratch_cap;
	struct walk_scratch scratch;
	bool setup_verified;		/* a copy of a set-up already walked */
	/* A full walk of this session passed and nothing has reached the node
	 * since (no op, no test hook): another walk would read the same state
	 * and reach the same verdict, so checkpoints in a row cost one walk. */
	bool walked;
	/* the current op: its target (a free's block) and results */
	int status;
	unsigned long pfn;
	unsigned int order;
	long live_index;		/* a free's entry in the live set, or -1 */
	unsigned long moved;
	bool skipped;			/* the op's harness precondition did not hold */
	bool ran;			/* the current op reached this side (no earlier failure) */
};

struct ref_side {
	bool active;
	struct ref_buddy *rb;
	struct shadow sh;		/* from the reference's own results */
	struct live_set live;
	int status;
	unsigned long pfn, moved;
	bool skipped;
	bool ran;
};

struct exec {
	struct rf_exec_config cfg_copy;
	const struct rf_exec_config *cfg;
	struct rf_geometry geo;
	struct rf_exec_result result;
	struct rf_exec_result *res;
	struct side side[2];		/* indexed by enum rf_mode */
	struct ref_side ref;
	uint32_t op_index;
	const struct rf_op *op;
	bool failed;
};

/* exec.c keeps one closed session's buffers for the next; this frees them. */
void exec_spare_free(void);

/* Live sets. */
int live_push(struct live_set *ls, unsigned long pfn, unsigned int order, int mt);
void live_remove(struct live_set *ls, uint32_t i);
long live_find(const struct live_set *ls, unsigned long pfn);
/* @n zeroed bytes of the side's pageblock scratch, valid until the next
 * call; NULL when out of memory. */
uint8_t *side_pb_scratch(struct side *s, unsigned long n);
/* The op's harness precondition on a side with this shadow and live set. */
bool op_precondition(const struct shadow *sh, const struct live_set *ls, const struct rf_op *op,
		     unsigned int max_order);

/* ---- report.c ---- */
void oracle_fail(struct exec *ex, const struct side *s, enum rf_check check, unsigned long pfn,
		 const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* A few lines showing the pageblocks and pages around @pfn. */
void picture_write(char *buf, size_t len, const struct rf_node *node, unsigned long pfn);

/* ---- contracts.c: per-op pre-state and postconditions ---- */
struct pre {
	unsigned long target;		/* the pfn the op works on (isolation: its pageblock's first) */
	unsigned int zone_lo, zone_hi;	/* the zones the op can touch, [lo, hi) */
	struct rf_zone_counters counters[RF_MAX_ZONES];	/* the op's zones only */
	/* The same right after the call, read once for the postconditions and
	 * the cheap walk (nothing writes to the node between them). */
	struct rf_zone_counters after[RF_MAX_ZONES];
	int pageblock_mt;		/* of the op's pfn, when it has one */
	unsigned long expect_moved;	/* free pages headed in a move's range */
	long ra_lowest;			/* v4 */
	unsigned long smallest_pfn;	/* v4: where __rmqueue_smallest must take from */
	uint64_t digest;		/* expensive level */
	int expect_status;		/* the status the API must return */
	unsigned long busy_pageblock;	/* range isolation: the first busy one */
	unsigned long reserve_eligible;	/* reserve set-up: pageblocks it can count */
	uint8_t *was_movable;		/* reserve set-up: per pageblock of the zone walk */
	uint8_t *pb_types;		/* v4 fallback: the zone's pageblock types before */
};

void contracts_pre(struct exec *ex, struct side *s, struct pre *pre);
void contracts_post(struct exec *ex, struct side *s, const struct pre *pre);
int expected_status(struct exec *ex, struct side *s);

/* ---- walk.c: structural walks ---- */
/* After every op: counters against each other and the shadow, in the zones
 * [zone_lo, zone_hi) the op could touch. */
void walk_cheap(struct exec *ex, struct side *s, unsigned int zone_lo, unsigned int zone_hi,
		const struct rf_zone_counters now[RF_MAX_ZONES]);
/* Every list, every page, every region, the RA, against the shadow. */
void walk_full(struct exec *ex, struct side *s);

/* setup_cache.c: set-ups kept between sessions, one per engine mode. */
int setup_node(struct side *s, const struct rf_geometry *geo, const struct rf_config *cfg,
	       bool *verified, char *why, size_t whylen);
void setup_node_verified(const struct side *s);
void setup_node_release(struct side *s);
void walk_scratch_free(struct walk_scratch *ws);
/* Every free block, as pfn << 8 | order, sorted, into *@v (of *@cap entries,
 * grown as needed; the caller frees it); RF_ENOSPC when it cannot grow. */
int free_blocks(const struct rf_node *node, unsigned long **v, size_t *cap, size_t *nr);
/* The same one at a time, with nothing allocated: page info is read a
 * stretch at a time into the iterator. */
#define BLOCK_ITER_STRETCH 256
struct block_iter {
	const struct rf_node *node;
	unsigned long base, end;	/* pi[0]'s pfn, the node's end */
	unsigned long len, i;		/* pi[] holds len pages, the next to look at is i */
	struct rf_page_info pi[BLOCK_ITER_STRETCH];
};
void block_iter_init(struct block_iter *it, const struct rf_node *node);
/* The next free block, pfn << 8 | order; false after the last. */
bool block_iter_next(struct block_iter *it, unsigned long *block);

/* ---- policy.c: v4 policy properties ---- */
unsigned long v4_smallest_pfn(const struct rf_node *node, unsigned int zone, unsigned int order,
			      int mt);
void policy_post_alloc(struct exec *ex, struct side *s, const struct pre *pre);
void policy_post_ra(struct exec *ex, struct side *s, const struct pre *pre, long region);
/* v4: before an op that can only be served by the fallback, the zone's
 * pageblock types (NULL otherwise); after it, that none changed. */
uint8_t *policy_pre_steal(struct side *s, unsigned int zone);
void policy_post_steal(struct exec *ex, struct side *s, const struct pre *pre);

/* ---- diff.c: the reference side ---- */
int ref_side_init(struct ref_side *r, const struct rf_geometry *geo, unsigned long options);
void ref_side_fini(struct ref_side *r);
void ref_apply(struct exec *ex);
void diff_compare(struct exec *ex);
void diff_free_all(struct exec *ex);

/* ---- digest.c ---- */
uint64_t state_digest(const struct rf_node *node);

#endif /* RF_ORACLE_INTERNAL_H */
