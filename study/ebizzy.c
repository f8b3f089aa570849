// SPDX-License-Identifier: MIT
/*
 * The churn workload, the series' own test: on a booted node (kernel memory
 * already allocated), run the ebizzy-like load @runs times; every run ends
 * with every worker's memory freed.  Then count the fully free regions, as
 * the series did, and see why: which regions are still referenced, by what
 * types, how far that is from the physical minimum, and how much of the free
 * memory could still be had as huge pages.
 *
 * Writes timeline.csv (the census through the runs), ebizzy.csv (at the start
 * and at the end, with the probe) and zonemap-<mode>.csv (at the end).
 */
#include <stdlib.h>

#include "study.h"

struct ebizzy_result {
	bool done;
	struct census start, end;
	struct probe pageblock, max;
	unsigned long page_ops, alloc_fail;
};

/* The census samples of one run, written once the run's length is known so
 * that each can be placed at its fraction of the run. */
struct sample {
	struct census census;
	unsigned long step, page_ops;
};

struct samples {
	struct sample *s;
	unsigned long nr, cap;
};

static int samples_add(struct samples *ss, const struct rf_node *node, unsigned long step,
		       unsigned long page_ops)
{
	if (ss->nr == ss->cap) {
		unsigned long cap = ss->cap ? 2 * ss->cap : 64;
		struct sample *s = realloc(ss->s, cap * sizeof(*s));

		if (!s)
			return -1;
		ss->s = s;
		ss->cap = cap;
	}
	census_take(node, &ss->s[ss->nr].census);
	ss->s[ss->nr].step = step;
	ss->s[ss->nr++].page_ops = page_ops;
	return 0;
}

static void samples_write(struct samples *ss, FILE *f, const char *mode, unsigned int run,
			  unsigned long run_steps)
{
	for (unsigned long i = 0; i < ss->nr; i++) {
		const struct sample *s = &ss->s[i];
		/* Integer steps divided once: the same digits on every compiler. */
		double t = run + (run_steps ? (double)s->step / (double)run_steps : 1.0);

		fprintf(f, "%s,%u,%.4f,%lu,", mode, run + 1, t, s->page_ops);
		census_csv_row(f, &s->census);
		fputc('\n', f);
	}
	ss->nr = 0;
}

static void ebizzy_row(FILE *f, const char *mode, const char *phase, const struct census *c,
		       const struct probe *pageblock, const struct probe *max)
{
	fprintf(f, "%s,%s,", mode, phase);
	census_csv_row(f, c);
	probe_csv_row(f, pageblock, max);
	fputc('\n', f);
}

static int ebizzy_mode(const struct study_config *cfg, enum rf_mode mode, struct output *out,
		       FILE *timeline, struct ebizzy_result *res)
{
	const char *name = mode_name(mode);
	struct load load;
	struct samples samples = { 0 };
	unsigned long sample_every;
	int err = -1;

	if (load_init(&load, cfg, mode, cfg->workers))
		goto out;
	census_take(load.node, &res->start);
	fprintf(timeline, "%s,0,0.0000,0,", name);
	census_csv_row(timeline, &res->start);
	fputc('\n', timeline);

	/* A run lasts about (chunks + 1/2) chunk cycles of each worker: half
	 * a cycle of sleep on average, then its chunks. */
	sample_every = churn_steps_per_chunk(&load.churn) * cfg->workers *
		       (2 * cfg->chunks + 1) / (2 * cfg->samples_per_run);
	if (!sample_every)
		sample_every = 1;

	for (unsigned int run = 0; run < cfg->runs; run++) {
		unsigned long first = load.churn.steps;

		churn_start(&load.churn, cfg->chunks);
		while (load_step(&load)) {
			unsigned long step = load.churn.steps - first;

			if (step % sample_every == 0 &&
			    samples_add(&samples, load.node, step, load.churn.page_ops))
				goto out;
			if (step % 4096 == 0)
				progress("ebizzy %-7s run %u/%u: %lu%% in use, %u regions fully free",
					 name, run + 1, cfg->runs, load_in_use_percent(&load),
					 samples.nr ? samples.s[samples.nr - 1].census.free_regions
						    : res->start.free_regions);
		}
		if (samples_add(&samples, load.node, load.churn.steps - first,
				load.churn.page_ops))
			goto out;
		samples_write(&samples, timeline, name, run, load.churn.steps - first);
	}

	census_take(load.node, &res->end);
	if (output_zonemap(out, load.node, name) ||
	    probe_run(load.node, cfg->pageblock_order, &res->pageblock) ||
	    probe_run(load.node, cfg->max_order - 1, &res->max))
		goto out;
	res->page_ops = load.churn.page_ops;
	res->alloc_fail = load.churn.alloc_fail + load.kernel.alloc_fail + load.cache.alloc_fail;
	res->done = true;
	err = 0;
out:
	if (err)
		fprintf(stderr, "rf-study: the %s churn failed (host memory or a file)\n", name);
	free(samples.s);
	load_exit(&load);
	return err;
}

/* One line of the table: the label, then each mode's value of @field. */
#define ROW(label, field)                                                      \
	do {                                                                   \
		output_printf(out, "  %-40s", label);                           \
		for (int m_ = 0; m_ < 2; m_++)                                 \
			if (res[m_].done)                                      \
				output_printf(out, " %14lu", (unsigned long)res[m_].field); \
		output_printf(out, "\n");                                      \
	} while (0)

/* A probe's line: the share of its attempts that succeeded, per mode. */
static void print_probe(struct output *out, const struct ebizzy_result *res, unsigned int order,
			bool max)
{
	char cell[64];

	snprintf(cell, sizeof(cell), "order-%u probe at the end", order);
	output_printf(out, "  %-40s", cell);
	for (int m = 0; m < 2; m++) {
		if (!res[m].done)
			continue;

		const struct probe *p = max ? &res[m].max : &res[m].pageblock;
		unsigned long pm = probe_permille(p);

		snprintf(cell, sizeof(cell), "%lu.%lu%% of %lu", pm / 10, pm % 10, p->attempts);
		output_printf(out, " %14s", cell);
	}
	output_printf(out, "\n");
}

static void ebizzy_print(const struct study_config *cfg, struct output *out,
			 const struct ebizzy_result *res)
{
	output_printf(out, "\nebizzy-like churn: %u runs; %u workers each map %u chunks of %lu pages "
			   "per run;\nat boot %u.%u%% of memory to the kernel, %u.%u%% to the page cache\n\n",
		      cfg->runs, cfg->workers, cfg->chunks, 1UL << cfg->chunk_shift,
		      cfg->kernel_permille / 10, cfg->kernel_permille % 10,
		      cfg->cache_permille / 10, cfg->cache_permille % 10);
	output_printf(out, "  %-40s", "");
	for (int m = 0; m < 2; m++)
		if (res[m].done)
			output_printf(out, " %14s", mode_name((enum rf_mode)m));
	output_printf(out, "\n");
	ROW("regions", end.regions);
	ROW("fully free regions at the start", start.free_regions);
	ROW("fully free regions at the end", end.free_regions);
	ROW("referenced regions at the start", start.referenced);
	ROW("referenced regions at the end", end.referenced);
	ROW("physical minimum at the end", end.minimum);
	ROW("regions mixing types at the end", end.mixed);
	ROW("pages still allocated at the end", end.allocated);
	ROW("fallbacks", end.stats.nr_fallback);
	ROW("pageblock steals (move_freepages_block)", end.stats.nr_steal_block);
	ROW("pageblock retypes by the fallback", end.stats.nr_retype);
	ROW("RA hand-outs", end.stats.nr_ra_handout);
	ROW("RA returns", end.stats.nr_ra_return);
	ROW("page operations of the workers", page_ops);
	ROW("allocations refused", alloc_fail);
	print_probe(out, res, cfg->pageblock_order, false);
	/* With pageblock_order == MAX_ORDER-1 the two probes ask for one order. */
	if (cfg->max_order - 1 != cfg->pageblock_order)
		print_probe(out, res, cfg->max_order - 1, true);
}

int ebizzy_study(const struct study_config *cfg, struct output *out)
{
	struct ebizzy_result res[2] = { 0 };
	FILE *timeline = output_file(out, "timeline.csv");
	FILE *summary = output_file(out, "ebizzy.csv");
	int err = 0;

	if (!timeline || !summary) {
		err = -1;
		goto out;
	}
	fputs("mode,run,time,page_ops,", timeline);
	census_csv_header(timeline);
	fputc('\n', timeline);
	fputs("mode,phase,", summary);
	census_csv_header(summary);
	probe_csv_header(summary);
	fputc('\n', summary);

	for (int m = 0; m < 2 && !err; m++) {
		if (!cfg->modes[m])
			continue;
		err = ebizzy_mode(cfg, (enum rf_mode)m, out, timeline, &res[m]);
		if (err)
			break;
		ebizzy_row(summary, mode_name((enum rf_mode)m), "start", &res[m].start, NULL, NULL);
		ebizzy_row(summary, mode_name((enum rf_mode)m), "end", &res[m].end, &res[m].pageblock,
			   &res[m].max);
	}
	progress_clear();
	if (!err)
		ebizzy_print(cfg, out, res);
out:
	if (timeline && fclose(timeline))
		err = -1;
	if (summary && fclose(summary))
		err = -1;
	return err;
}
