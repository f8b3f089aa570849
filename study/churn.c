// SPDX-License-Identifier: MIT
/*
 * The ebizzy-like load.  ebizzy's threads each malloc a large buffer, touch
 * it, search and copy through it, and free it; with glibc a buffer that large
 * is an anonymous mmap, so the kernel sees order-0 MOVABLE page faults, one
 * page-table page per PTRS_PER_PTE pages, then a munmap that frees them all.
 * A worker here does the same, one step at a time:
 *
 *   SLEEP -> FAULT -> WORK -> UNMAP -> FAULT ... -> DONE
 *
 * and a scheduler picks a random worker for each step, so that many workers'
 * faults and unmaps interleave as concurrent threads' do.  Each step moves
 * PCP_BATCH pages: the kernel's per-cpu lists take pages from and give pages
 * back to the buddy allocator in batches of that size (rmqueue_bulk,
 * free_pcppages_bulk), so that is the grain at which the buddy allocator
 * sees the threads interleave.
 */
#include <stdlib.h>

#include "study.h"

/* pcp->batch of a zone of more than 512 MiB: 32 pages, made 2^n - 1. */
#define PCP_BATCH	31
/* Entries of one x86-64 page-table page: one such page maps 2 MiB. */
#define PTRS_PER_PTE	512

enum worker_state { W_SLEEP, W_FAULT, W_WORK, W_UNMAP, W_DONE };

struct worker {
	uint32_t *pages;	/* the mapped chunk, in fault order */
	uint32_t *ptes;		/* its page-table pages */
	uint32_t nr_pages, nr_ptes;
	uint32_t unmapped;	/* pages of the chunk freed so far, from the front */
	uint32_t wait;		/* steps left to sleep or to work */
	uint32_t chunks_left;	/* 0: map chunks until stopped */
	uint8_t state;
};

static uint32_t steps_per_phase(const struct churn *c)
{
	return (uint32_t)((c->chunk_pages + PCP_BATCH - 1) / PCP_BATCH);
}

unsigned long churn_steps_per_chunk(const struct churn *c)
{
	/* FAULT, WORK and UNMAP each take one phase. */
	return 3UL * steps_per_phase(c);
}

int churn_init(struct churn *c, unsigned int nr_workers, unsigned long chunk_pages,
	       uint64_t seed)
{
	unsigned long nr_ptes = (chunk_pages + PTRS_PER_PTE - 1) / PTRS_PER_PTE;

	*c = (struct churn){ .nr_workers = nr_workers, .chunk_pages = chunk_pages };
	rng_init(&c->sched, seed, 2);
	c->workers = calloc(nr_workers, sizeof(*c->workers));
	c->active = malloc(nr_workers * sizeof(*c->active));
	if (!c->workers || !c->active)
		return -1;
	for (unsigned int i = 0; i < nr_workers; i++) {
		struct worker *w = &c->workers[i];

		w->pages = malloc(chunk_pages * sizeof(*w->pages));
		w->ptes = malloc(nr_ptes * sizeof(*w->ptes));
		if (!w->pages || !w->ptes)
			return -1;
		w->state = W_DONE;
	}
	return 0;
}

void churn_exit(struct churn *c)
{
	for (unsigned int i = 0; c->workers && i < c->nr_workers; i++) {
		free(c->workers[i].pages);
		free(c->workers[i].ptes);
	}
	free(c->workers);
	free(c->active);
	c->workers = NULL;
	c->active = NULL;
}

void churn_start(struct churn *c, unsigned int chunks)
{
	c->nr_active = 0;
	for (unsigned int i = 0; i < c->nr_workers; i++) {
		struct worker *w = &c->workers[i];

		/* Threads do not start in step: each sleeps a random part of a
		 * whole chunk cycle first, so that they are soon spread over
		 * every phase instead of all faulting at once. */
		*w = (struct worker){ .pages = w->pages, .ptes = w->ptes,
				      .state = W_SLEEP, .chunks_left = chunks,
				      .wait = (uint32_t)rng_below(&c->sched,
								  churn_steps_per_chunk(c)) };
		c->active[c->nr_active++] = i;
	}
}

static bool churn_alloc(struct churn *c, struct rf_node *node, int mt, uint32_t *pfn)
{
	unsigned long p;

	c->page_ops++;
	if (rf_alloc_pages(node, 0, 0, mt, &p) != RF_OK) {
		c->alloc_fail++;
		return false;
	}
	*pfn = (uint32_t)p;
	return true;
}

static void churn_free(struct churn *c, struct rf_node *node, uint32_t pfn)
{
	c->page_ops++;
	rf_free_pages(node, pfn, 0);
}

/* Fault in the next batch.  A refusal ends the chunk where it is, as an
 * mmap'd buffer the kernel cannot back any further would. */
static void worker_fault(struct churn *c, struct worker *w, struct rf_node *node)
{
	for (unsigned int k = 0; k < PCP_BATCH && w->nr_pages < c->chunk_pages; k++) {
		/* __pte_alloc: the first fault in a 2 MiB range allocates the
		 * page-table page before the page itself. */
		if (w->nr_pages % PTRS_PER_PTE == 0) {
			if (!churn_alloc(c, node, MIGRATE_UNMOVABLE, &w->ptes[w->nr_ptes]))
				goto full;
			w->nr_ptes++;
		}
		if (!churn_alloc(c, node, MIGRATE_MOVABLE, &w->pages[w->nr_pages]))
			goto full;
		w->nr_pages++;
	}
	if (w->nr_pages < c->chunk_pages)
		return;
full:
	w->state = W_WORK;
	w->wait = steps_per_phase(c);
}

/* munmap: the pages in the order they were mapped, then the page tables
 * (free_pgtables runs after the range is unmapped). */
static void worker_unmap(struct churn *c, struct worker *w, struct rf_node *node)
{
	for (unsigned int k = 0; k < PCP_BATCH && w->unmapped < w->nr_pages; k++)
		churn_free(c, node, w->pages[w->unmapped++]);
	if (w->unmapped < w->nr_pages)
		return;
	for (uint32_t i = 0; i < w->nr_ptes; i++)
		churn_free(c, node, w->ptes[i]);
	w->nr_pages = w->nr_ptes = w->unmapped = 0;
	if (w->chunks_left && --w->chunks_left == 0)
		w->state = W_DONE;
	else
		w->state = W_FAULT;
}

bool churn_step(struct churn *c, struct rf_node *node)
{
	if (!c->nr_active)
		return false;

	unsigned long slot = rng_below(&c->sched, c->nr_active);
	struct worker *w = &c->workers[c->active[slot]];

	/* SLEEP and WORK only count their wait down; once it is over, the
	 * state they lead to acts in the same step. */
	if (w->state == W_SLEEP || w->state == W_WORK) {
		if (w->wait) {
			w->wait--;
			goto stepped;
		}
		w->state = w->state == W_SLEEP ? W_FAULT : W_UNMAP;
	}
	if (w->state == W_FAULT)
		worker_fault(c, w, node);
	else
		worker_unmap(c, w, node);
	if (w->state == W_DONE)
		c->active[slot] = c->active[--c->nr_active];
stepped:
	c->steps++;
	return true;
}
