// SPDX-License-Identifier: MIT
/*
 * The simulated machine under load, as both workloads set it up: a node
 * booted in one mode, the memory a running system already holds (the
 * kernel's, the page cache's), and the ebizzy-like workers.  One step moves
 * one worker; every @turnover steps one block of each kind of long-lived
 * memory is replaced, so that it too is allocated while the churn has the
 * free lists in whatever order the churn left them.
 */
#include "study.h"

int load_init(struct load *l, const struct study_config *cfg, enum rf_mode mode,
	      unsigned int workers)
{
	unsigned long pages = config_pages(cfg);

	*l = (struct load){ .turnover = cfg->turnover };
	l->node = config_node(cfg, mode);
	if (!l->node)
		return -1;
	if (background_init(&l->kernel, BACKGROUND_KERNEL, pages, cfg->seed) ||
	    background_init(&l->cache, BACKGROUND_CACHE, pages, cfg->seed) ||
	    churn_init(&l->churn, workers, 1UL << cfg->chunk_shift, cfg->seed)) {
		fprintf(stderr, "rf-study: out of host memory for the %s load\n", mode_name(mode));
		return -1;
	}
	/* Boot order: the kernel's memory first, then what user space reads
	 * and maps before the load starts. */
	background_fill(&l->kernel, l->node, pages / 1000 * cfg->kernel_permille);
	background_fill(&l->cache, l->node, pages / 1000 * cfg->cache_permille);
	return 0;
}

void load_exit(struct load *l)
{
	churn_exit(&l->churn);
	background_exit(&l->kernel);
	background_exit(&l->cache);
	if (l->node)
		rf_node_destroy(l->node);
	l->node = NULL;
}

bool load_step(struct load *l)
{
	if (!churn_step(&l->churn, l->node))
		return false;
	if (l->turnover && l->churn.steps % l->turnover == 0) {
		if (l->kernel.nr)
			background_turnover(&l->kernel, l->node);
		if (l->cache.nr)
			background_turnover(&l->cache, l->node);
	}
	return true;
}

unsigned long load_in_use_percent(const struct load *l)
{
	struct rf_zone_info zi;

	if (rf_zone_info(l->node, 0, &zi) != RF_OK || !zi.managed_pages)
		return 0;
	return (zi.managed_pages - (unsigned long)zi.nr_free_pages) * 100 / zi.managed_pages;
}
