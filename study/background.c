// SPDX-License-Identifier: MIT
/*
 * Long-lived memory.  The series' test ran on a booted machine: its kernel
 * already held slab, kernel stacks and page tables, the rest of the system
 * its page cache and anonymous memory, and both went on being freed and
 * allocated again while the load ran.  Such memory is what can pin a region
 * after the load is gone: kernel memory can never be moved, and nothing in
 * the model moves the rest either.
 */
#include <stdlib.h>

#include "study.h"

/*
 * Orders of kernel allocations, one entry per sixteenth: mostly single pages
 * (small-object slabs, page tables), some order 1 to 3 (larger slab caches,
 * the order-2 kernel stacks of x86-64 in 3.x).
 */
static const unsigned char kernel_orders[16] = { 0, 0, 0, 0, 0, 0, 0, 0,
						 0, 0, 1, 1, 1, 2, 2, 3 };

int background_init(struct background *bg, enum background_kind kind, unsigned long max_pages,
		    uint64_t seed)
{
	bg->kind = kind;
	bg->nr = bg->pages = bg->alloc_fail = 0;
	bg->owed = false;
	/* A block holds at least one page, so max_pages blocks always suffice. */
	bg->cap = max_pages ? max_pages : 1;
	bg->blocks = malloc(bg->cap * sizeof(*bg->blocks));
	rng_init(&bg->rng, seed, 10 + kind);
	return bg->blocks ? 0 : -1;
}

void background_exit(struct background *bg)
{
	free(bg->blocks);
	bg->blocks = NULL;
}

/* One new block of a random order and type of the kind; false if refused. */
static bool background_alloc(struct background *bg, struct rf_node *node)
{
	unsigned int order = 0;
	int mt = MIGRATE_MOVABLE;
	unsigned long pfn;

	if (bg->kind == BACKGROUND_KERNEL) {
		order = kernel_orders[rng_below(&bg->rng, 16)];
		/* Two thirds unmovable (kmalloc, stacks, page tables), one
		 * third reclaimable (dentries, inodes). */
		mt = rng_below(&bg->rng, 3) ? MIGRATE_UNMOVABLE : MIGRATE_RECLAIMABLE;
	}

	if (bg->nr == bg->cap || bg->pages + (1UL << order) > bg->cap)
		return false;
	if (rf_alloc_pages(node, 0, order, mt, &pfn) != RF_OK) {
		bg->alloc_fail++;
		return false;
	}
	bg->blocks[bg->nr++] = (struct block){ .pfn = (uint32_t)pfn, .order = (uint8_t)order,
					       .mt = (uint8_t)mt };
	bg->pages += 1UL << order;
	return true;
}

void background_fill(struct background *bg, struct rf_node *node, unsigned long pages)
{
	while (bg->pages < pages && background_alloc(bg, node))
		;
}

void background_turnover(struct background *bg, struct rf_node *node)
{
	/* The replacement of the block freed last time comes first: a freed
	 * object's slab page, an evicted file page, is wanted again later,
	 * not at once -- and at once, the free list's head would hand the
	 * same page straight back. */
	if (bg->owed) {
		bg->owed = false;
		background_alloc(bg, node);
	}
	if (bg->nr) {
		unsigned long i = rng_below(&bg->rng, bg->nr);
		struct block b = bg->blocks[i];

		rf_free_pages(node, b.pfn, b.order);
		bg->pages -= 1UL << b.order;
		bg->blocks[i] = bg->blocks[--bg->nr];
		bg->owed = true;
	}
}
