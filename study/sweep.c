// SPDX-License-Identifier: MIT
/*
 * The utilization sweep: how close does each mode stay to the physical
 * minimum while memory is in use?  At each level a fresh booted node runs the
 * ebizzy-like load with as many workers as make that share of memory busy on
 * average (a worker holds two thirds of a chunk on average: its chunk fills
 * during one phase, is held through one and empties during one), for a few
 * chunk cycles each; then, with the workers still holding their memory, the
 * census and the probe.  Writes sweep.csv.
 */
#include <stdlib.h>

#include "study.h"

struct sweep_result {
	unsigned int level;
	unsigned int workers;
	struct census census;
	struct probe pageblock, max;
};

/* Workers that keep @level percent of memory in use on average, on top of
 * @background long-lived pages.  At least one, so every level churns. */
static unsigned int sweep_workers(const struct study_config *cfg, unsigned int level,
				  unsigned long background)
{
	unsigned long target = config_pages(cfg) / 100 * level;
	unsigned long chunk = 1UL << cfg->chunk_shift;
	unsigned long need = target > background ? target - background : 0;
	unsigned long workers = (3 * need + 2 * chunk - 1) / (2 * chunk);

	return workers ? (unsigned int)workers : 1;
}

static int sweep_level(const struct study_config *cfg, enum rf_mode mode, unsigned int level,
		       struct sweep_result *res)
{
	struct load load;
	unsigned long steps;
	int err = -1;

	res->level = level;
	/* The long-lived memory's share is known before the node boots. */
	res->workers = sweep_workers(cfg, level,
				     config_pages(cfg) / 1000 *
					     (cfg->kernel_permille + cfg->cache_permille));
	if (load_init(&load, cfg, mode, res->workers))
		goto out;

	/* Each worker gets about one step in nr_workers: the first cycle's
	 * worth spreads them over their phases, then @sweep_cycles more. */
	steps = churn_steps_per_chunk(&load.churn) * res->workers * (cfg->sweep_cycles + 1);
	churn_start(&load.churn, 0);
	for (unsigned long i = 0; i < steps; i++) {
		load_step(&load);
		if (i % 4096 == 0)
			progress("sweep %2u%% %-7s: %lu%% done, %lu%% in use", level,
				 mode_name(mode), i * 100 / steps, load_in_use_percent(&load));
	}

	census_take(load.node, &res->census);
	if (probe_run(load.node, cfg->pageblock_order, &res->pageblock) ||
	    probe_run(load.node, cfg->max_order - 1, &res->max))
		goto out;
	err = 0;
out:
	if (err)
		fprintf(stderr, "rf-study: the %s sweep at %u%% failed (host memory)\n",
			mode_name(mode), level);
	load_exit(&load);
	return err;
}

static void sweep_row(FILE *f, enum rf_mode mode, const struct sweep_result *r)
{
	fprintf(f, "%s,%u,%u,", mode_name(mode), r->level, r->workers);
	census_csv_row(f, &r->census);
	probe_csv_row(f, &r->pageblock, &r->max);
	fputc('\n', f);
}

/* One mode's cells of a table line: memory in use, the minimum, referenced,
 * fully free and mixed regions, the probes. */
static void sweep_cells(const struct study_config *cfg, struct output *out,
			const struct sweep_result *r)
{
	unsigned long pb = probe_permille(&r->pageblock), max = probe_permille(&r->max);

	output_printf(out, " | %5lu%% %4u %4u %4u %4u %6lu.%lu%% %6lu.%lu%%",
		      r->census.allocated * 100 / config_pages(cfg), r->census.minimum,
		      r->census.referenced, r->census.free_regions, r->census.mixed, pb / 10,
		      pb % 10, max / 10, max % 10);
}

static void sweep_print(const struct study_config *cfg, struct output *out,
			struct sweep_result *const res[2], unsigned int nr_levels)
{
	output_printf(out, "\nutilization sweep: %u cycle%s of the churn per level, measured "
			   "with the workers' memory in use\n\n", cfg->sweep_cycles,
		      cfg->sweep_cycles == 1 ? "" : "s");
	output_printf(out, "       ");
	for (int m = 0; m < 2; m++)
		if (res[m])
			output_printf(out, " | %-46s", mode_name((enum rf_mode)m));
	output_printf(out, "\n  level");
	for (int m = 0; m < 2; m++)
		if (res[m])
			output_printf(out, " | in use  min  ref free  mix   order%-2u   order%-2u",
				      cfg->pageblock_order, cfg->max_order - 1);
	output_printf(out, "\n");
	for (unsigned int i = 0; i < nr_levels; i++) {
		output_printf(out, "  %4u%%", cfg->sweep_from + i * cfg->sweep_step);
		for (int m = 0; m < 2; m++)
			if (res[m])
				sweep_cells(cfg, out, &res[m][i]);
		output_printf(out, "\n");
	}
}

int sweep_study(const struct study_config *cfg, struct output *out)
{
	unsigned int nr_levels = (cfg->sweep_to - cfg->sweep_from) / cfg->sweep_step + 1;
	struct sweep_result *res[2] = { NULL, NULL };
	FILE *f = output_file(out, "sweep.csv");
	int err = f ? 0 : -1;

	for (int m = 0; m < 2 && !err; m++)
		if (cfg->modes[m] && !(res[m] = calloc(nr_levels, sizeof(*res[m]))))
			err = -1;
	if (err)
		goto out;
	fputs("mode,level,workers,", f);
	census_csv_header(f);
	probe_csv_header(f);
	fputc('\n', f);

	/* Mode by mode, so each mode's rows are together in sweep.csv (a
	 * plotted line is one mode's rows in order). */
	for (int m = 0; m < 2 && !err; m++) {
		for (unsigned int i = 0; res[m] && i < nr_levels && !err; i++) {
			err = sweep_level(cfg, (enum rf_mode)m, cfg->sweep_from + i * cfg->sweep_step,
					  &res[m][i]);
			if (!err)
				sweep_row(f, (enum rf_mode)m, &res[m][i]);
		}
	}
	progress_clear();
	if (!err)
		sweep_print(cfg, out, res, nr_levels);
out:
	if (f && fclose(f))
		err = -1;
	free(res[0]);
	free(res[1]);
	return err;
}
