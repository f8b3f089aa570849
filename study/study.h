/* SPDX-License-Identifier: MIT */
/*
 * The consolidation study (issue 8): does the region allocator keep memory in
 * few regions?  Seeded workloads drive an engine node in each mode through
 * the public API only; the results are read back through the introspection
 * API and written as CSV for the plots and docs/CONSOLIDATION.md.
 *
 * Module map -- which file owns what:
 *   main.c        arguments, the plan (which workloads, which modes), timing
 *   config.c      the study's parameters, their defaults and presets
 *   rng.c         the seeded generator every random choice comes from
 *   background.c  long-lived memory: kernel (UNMOVABLE, RECLAIMABLE), page cache
 *   churn.c       ebizzy-like workers mapping and unmapping large chunks
 *   load.c        a booted node with its long-lived memory and its workers
 *   ebizzy.c      the churn workload: runs of the workers over a background
 *   sweep.c       the utilization sweep: churn at 10 % .. 90 % in use
 *   probe.c       the fragmentation probe: high-order allocation attempts
 *   metrics.c     the region census: free, referenced, mixed, minimum
 *   output.c      CSV files, the zone map and the printed tables
 *   progress.c    the progress line on stderr
 */
#ifndef RF_STUDY_H
#define RF_STUDY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <regionfuzz/engine.h>
#include <regionfuzz/introspect.h>

/* ------------------------------------------------------------- config.c */

/* Every parameter of a study; config_defaults() then config_parse() fill it. */
struct study_config {
	/* Geometry: one zone of 2^pages_shift pages at pfn 0. */
	unsigned int pages_shift;
	unsigned int region_shift;
	unsigned int pageblock_order;
	unsigned int max_order;
	unsigned long options;		/* engine options, RF_OPT_* (0: faithful) */
	unsigned int reserve;		/* setup_zone_migrate_reserve quota, pageblocks */

	uint64_t seed;

	/* The ebizzy-like churn. */
	unsigned int runs;
	unsigned int chunks;		/* chunks each worker maps and unmaps per run */
	unsigned int chunk_shift;	/* a chunk is 2^chunk_shift pages */
	unsigned int workers;
	unsigned int samples_per_run;

	/* Long-lived memory allocated at "boot", per mille of the pages: the
	 * kernel's and the page cache's; one block of each is replaced every
	 * @turnover steps. */
	unsigned int kernel_permille;
	unsigned int cache_permille;
	unsigned int turnover;

	/* The sweep: utilization levels, and how many chunk cycles each worker
	 * runs at a level before it is measured. */
	unsigned int sweep_from, sweep_to, sweep_step;	/* percent */
	unsigned int sweep_cycles;

	bool run_ebizzy, run_sweep;
	bool modes[2];			/* indexed by enum rf_mode */
	bool quick;
	bool progress;
	const char *out_dir;
};

void config_defaults(struct study_config *cfg);
/* Read the command line: presets (--quick, --geometry), then explicit options,
 * then what derives from them, then every check.  0, or -1 with a sentence in
 * @err (nothing has been written then). */
int config_parse(struct study_config *cfg, int argc, char **argv, char *err, size_t errlen);
void config_usage(FILE *f);
/* The node geometry the study runs on. */
void config_geometry(const struct study_config *cfg, struct rf_geometry *geo);
/* A fresh node of @mode as the kernel would hand it over after boot: the
 * boot frees, then the migrate reserve.  NULL only when the host has no memory. */
struct rf_node *config_node(const struct study_config *cfg, enum rf_mode mode);
/* The parameters as one line of "name=value" pairs, for the outputs. */
void config_describe(const struct study_config *cfg, char *buf, size_t len);

static inline unsigned long config_pages(const struct study_config *cfg)
{
	return 1UL << cfg->pages_shift;
}

static inline unsigned long config_region_pages(const struct study_config *cfg)
{
	return 1UL << cfg->region_shift;
}

/* ---------------------------------------------------------------- rng.c */

/* splitmix64: one 64-bit word of state, the same stream on every compiler. */
struct rng {
	uint64_t state;
};

/* Independent streams from one seed: @stream names the consumer, so adding a
 * consumer does not shift the numbers another one draws. */
void rng_init(struct rng *r, uint64_t seed, uint64_t stream);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, n); n > 0. */
unsigned long rng_below(struct rng *r, unsigned long n);

/* --------------------------------------------------------- background.c */

/* One allocated block.  pfns fit 32 bits: nodes are at most RF_MAX_NODE_PAGES
 * pages from pfn 0. */
struct block {
	uint32_t pfn;
	uint8_t order;
	uint8_t mt;
};

enum background_kind {
	/* Slab, kernel stacks, page tables of long-lived processes:
	 * UNMOVABLE and RECLAIMABLE blocks of orders 0 to 3. */
	BACKGROUND_KERNEL,
	/* Page cache and the anonymous memory of other processes: order-0
	 * MOVABLE pages, evicted and faulted back in while the load runs. */
	BACKGROUND_CACHE,
};

/* Long-lived memory that outlives the churn; a random block of it is now and
 * then replaced by a new one. */
struct background {
	enum background_kind kind;
	struct block *blocks;
	unsigned long nr, cap;
	unsigned long pages;
	unsigned long alloc_fail;
	bool owed;			/* a block was freed and is to be replaced */
	struct rng rng;
};

int background_init(struct background *bg, enum background_kind kind, unsigned long max_pages,
		    uint64_t seed);
void background_exit(struct background *bg);
/* Allocate blocks until @pages pages are held (boot-time memory). */
void background_fill(struct background *bg, struct rf_node *node, unsigned long pages);
/* Allocate the replacement of the block freed last time, if any, then free
 * a random block. */
void background_turnover(struct background *bg, struct rf_node *node);

/* -------------------------------------------------------------- churn.c */

struct worker;

/*
 * ebizzy-like workers: each maps a chunk (faults it in as order-0 MOVABLE
 * pages, with a page-table page per PTRS_PER_PTE pages), works on it, unmaps
 * it, and starts again.  A scheduler picks a random worker for each step, so
 * the workers' allocations and frees interleave as concurrent threads do.
 */
struct churn {
	struct worker *workers;
	unsigned int nr_workers;
	unsigned int *active;		/* indices of workers not done */
	unsigned int nr_active;
	unsigned long chunk_pages;
	struct rng sched;
	unsigned long steps;		/* scheduler steps since churn_init */
	unsigned long page_ops;		/* allocations and frees */
	unsigned long alloc_fail;	/* allocations the allocator refused */
};

int churn_init(struct churn *c, unsigned int nr_workers, unsigned long chunk_pages,
	       uint64_t seed);
void churn_exit(struct churn *c);
/* Every worker sleeps a random while, then maps @chunks chunks (0: forever). */
void churn_start(struct churn *c, unsigned int chunks);
/* One scheduler step; false once every worker is done. */
bool churn_step(struct churn *c, struct rf_node *node);
/* Scheduler steps one worker takes, on average, for one chunk. */
unsigned long churn_steps_per_chunk(const struct churn *c);

/* --------------------------------------------------------------- load.c */

/* The simulated machine under load: a booted node, its long-lived memory and
 * the workers. */
struct load {
	struct rf_node *node;
	struct background kernel, cache;
	struct churn churn;
	unsigned int turnover;		/* steps per replaced background block */
};

/* Boot a node of @mode, allocate the long-lived memory, ready @workers
 * workers.  0, or -1 (and a message) when the host has no memory for it. */
int load_init(struct load *l, const struct study_config *cfg, enum rf_mode mode,
	      unsigned int workers);
void load_exit(struct load *l);
/* One step of the workers, and of the long-lived memory's turnover; false
 * once every worker is done. */
bool load_step(struct load *l);
/* Memory in use, percent of the managed pages: for the progress line. */
unsigned long load_in_use_percent(const struct load *l);

/* ------------------------------------------------------------ metrics.c */

/* One look at every zone region of the node, and the zones' counters. */
struct census {
	unsigned long allocated;	/* pages */
	unsigned long free_pages;	/* NR_FREE_PAGES */
	unsigned int regions;
	unsigned int free_regions;	/* every present page free (the series' metric) */
	unsigned int referenced;	/* holding any allocated page */
	unsigned int mixed;		/* allocations of two or more migratetypes */
	unsigned int minimum;		/* ceil(allocated / region pages) */
	unsigned int ra_regions;	/* v4: regions the region allocator holds */
	struct rf_zone_stats stats;	/* summed over the zones */
};

void census_take(const struct rf_node *node, struct census *c);

/* -------------------------------------------------------------- probe.c */

/* Attempts at allocating high-order MOVABLE blocks (huge pages): as many as
 * the free memory could hold, stopping at the first refusal. */
struct probe {
	unsigned int order;
	unsigned long attempts;
	unsigned long successes;
};

/* Probe @order on @node, then free what it got: the node's free memory is as
 * it was, though not necessarily on the same lists. */
int probe_run(struct rf_node *node, unsigned int order, struct probe *p);
/* Successes per attempt, in thousandths (integer: the same on every compiler). */
unsigned long probe_permille(const struct probe *p);

/* ------------------------------------------------------------- output.c */

struct output {
	const char *dir;
	FILE *summary;			/* summary.txt; stdout gets the same */
};

int output_open(struct output *o, const char *dir);
int output_close(struct output *o);
/* Create @dir/@name for writing; NULL (and a message on stderr) on failure. */
FILE *output_file(const struct output *o, const char *name);
/* printf to stdout and summary.txt. */
void output_printf(struct output *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The census columns shared by every CSV, and one row of them. */
void census_csv_header(FILE *f);
void census_csv_row(FILE *f, const struct census *c);
/* The probe columns (with their leading comma): the pageblock_order probe,
 * then the MAX_ORDER-1 one; empty cells when @pageblock is NULL. */
void probe_csv_header(FILE *f);
void probe_csv_row(FILE *f, const struct probe *pageblock, const struct probe *max);
/* The zone map of @node: one row per pageblock, grouped by region. */
int output_zonemap(const struct output *o, const struct rf_node *node, const char *mode);

const char *mode_name(enum rf_mode mode);

/* ----------------------------------------------------- ebizzy.c, sweep.c */

int ebizzy_study(const struct study_config *cfg, struct output *out);
int sweep_study(const struct study_config *cfg, struct output *out);

/* ----------------------------------------------------------- progress.c */

void progress_enable(bool on);
/* Replace the progress line (throttled: at most a few times a second). */
void progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* End the progress line, if one is showing. */
void progress_clear(void);

#endif /* RF_STUDY_H */
