// SPDX-License-Identifier: MIT
/*
 * The study's parameters: defaults, the presets (--quick, --geometry series),
 * the command line, and the checks that make a bad argument an error before
 * anything is written.  Explicit options win over presets whatever their
 * order on the line, so every option is first collected, then applied.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "study.h"

/*
 * The default geometry: 16 GiB of 4 KiB pages in 128 MiB regions, so 128
 * regions -- half the series' 256, at an eighth of its pages, which keeps a
 * full study to minutes.  pageblock_order 9 is x86-64's with hugetlb.
 */
enum {
	DEFAULT_PAGES_SHIFT = 22,
	DEFAULT_REGION_SHIFT = 15,
	DEFAULT_PAGEBLOCK_ORDER = 9,
	/* The series' machine: 128 GiB, 512 MiB regions. */
	SERIES_PAGES_SHIFT = 25,
	SERIES_REGION_SHIFT = 17,
	/* --quick: the default's 128 regions, 4 times smaller. */
	QUICK_PAGES_SHIFT = 20,
	QUICK_REGION_SHIFT = 13,
	QUICK_RUNS = 5,
	QUICK_SWEEP_CYCLES = 1,
};

void config_usage(FILE *f)
{
	fputs("usage: rf-study [options]\n"
	      "\n"
	      "The consolidation study: does the v4 region allocator keep allocations in few\n"
	      "memory regions?  Seeded ebizzy-like churn, a utilization sweep and a\n"
	      "fragmentation probe on the engine in vanilla and v4 mode; CSV files, the zone\n"
	      "maps and summary.txt in the output folder, the tables on stdout, a progress\n"
	      "line on stderr.  The same seed writes the same files.\n"
	      "\n"
	      "Scale and geometry:\n"
	      "  --quick              a small study: 2^20 pages in regions of 2^13, 5 runs, one\n"
	      "                       sweep cycle (what the test runs)\n"
	      "  --geometry NAME      default: 2^22 pages, regions of 2^15 (16 GiB, 128 MiB)\n"
	      "                       series:  2^25 pages, regions of 2^17 (128 GiB, 512 MiB,\n"
	      "                       the series' machine)\n"
	      "  --pages-shift N      a node of 2^N pages (12..26)\n"
	      "  --region-shift N     memory regions of 2^N pages (10 .. pages-shift - 1)\n"
	      "  --pageblock-order N  pageblock_order, 1..10 (default 9; the series' machine: 10)\n"
	      "  --options STR        engine options: faithful (default), clean, or +NAME/-NAME\n"
	      "                       as rf_options_parse() reads them\n"
	      "  --reserve N          MIGRATE_RESERVE pageblocks set up at boot (default 2)\n"
	      "\n"
	      "What to run:\n"
	      "  --only WORKLOAD      ebizzy or sweep (default: both; each ends with the probe)\n"
	      "  --mode MODE          vanilla or v4 (default: both)\n"
	      "\n"
	      "The ebizzy-like churn:\n"
	      "  --runs N             runs of the load (default 20, as in the series)\n"
	      "  --chunk-shift N      chunks of 2^N pages (default region-shift - 1: half a\n"
	      "                       region, as the series' 256 MiB chunks of 512 MiB regions)\n"
	      "  --workers N          workers (default: chunks for 5/4 of memory, the series'\n"
	      "                       20 x 32 threads of 256 MiB on 128 GiB)\n"
	      "  --chunks N           chunks each worker maps and unmaps per run (default 2)\n"
	      "  --kernel N           kernel memory allocated at boot, per mille (default 10)\n"
	      "  --cache N            page cache allocated at boot, per mille (default 0)\n"
	      "  --turnover N         one block of each replaced every N steps (default 16;\n"
	      "                       0: never)\n"
	      "  --samples N          timeline samples per run (default 20)\n"
	      "\n"
	      "The utilization sweep:\n"
	      "  --sweep FROM:TO:STEP levels of memory in use, percent (default 10:90:10)\n"
	      "  --sweep-cycles N     chunk cycles per worker before a level is measured\n"
	      "                       (default 2)\n"
	      "\n"
	      "Output:\n"
	      "  --seed N             the seed of every random choice (default 1)\n"
	      "  --out DIR            the output folder, created if needed (default study-out)\n"
	      "  --no-progress        no progress line\n"
	      "  -h, --help           this text\n"
	      "\n"
	      "Exit status: 0 done, 1 a run failed (host memory, a file), 2 bad arguments\n"
	      "(nothing is written then).\n",
	      f);
}

void config_defaults(struct study_config *cfg)
{
	*cfg = (struct study_config){
		.pages_shift = DEFAULT_PAGES_SHIFT,
		.region_shift = DEFAULT_REGION_SHIFT,
		.pageblock_order = DEFAULT_PAGEBLOCK_ORDER,
		.max_order = RF_MAX_MAX_ORDER,
		.options = 0,
		/* The kernel's quota is min(2, a watermark share); 2 on any
		 * zone of this size. */
		.reserve = 2,
		.seed = 1,
		.runs = 20,
		.chunks = 2,
		.samples_per_run = 20,
		/* A booted kernel holds about 1 % of memory in slab, stacks
		 * and tables. */
		.kernel_permille = 10,
		.cache_permille = 0,
		.turnover = 16,
		.sweep_from = 10,
		.sweep_to = 90,
		.sweep_step = 10,
		.sweep_cycles = 2,
		.run_ebizzy = true,
		.run_sweep = true,
		.modes = { true, true },
		.progress = true,
		.out_dir = "study-out",
	};
}

/* A decimal number in [lo, hi], all of @s; -1 with a message if not. */
static int parse_uint(const char *opt, const char *s, unsigned long long lo,
		      unsigned long long hi, unsigned long long *out, char *err, size_t errlen)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (!*s || *s == '-' || *s == '+' || *end || errno || v < lo || v > hi) {
		snprintf(err, errlen, "%s wants a whole number from %llu to %llu, not '%s'", opt,
			 lo, hi, s);
		return -1;
	}
	*out = v;
	return 0;
}

/* An option given on the line, before presets and derivations. */
struct given {
	bool set;
	unsigned long long v;
};

/* The options that take a number, with their ranges; the index is the slot
 * in the given[] array of config_parse. */
enum num_opt {
	O_PAGES_SHIFT, O_REGION_SHIFT, O_PAGEBLOCK_ORDER, O_RESERVE, O_RUNS, O_CHUNK_SHIFT,
	O_WORKERS, O_CHUNKS, O_KERNEL, O_CACHE, O_TURNOVER, O_SAMPLES, O_SWEEP_CYCLES, O_SEED,
	NR_NUM_OPTS
};

static const struct {
	const char *name;
	unsigned long long lo, hi;
} num_opts[NR_NUM_OPTS] = {
	[O_PAGES_SHIFT] = { "--pages-shift", 12, 26 },
	[O_REGION_SHIFT] = { "--region-shift", RF_MAX_MAX_ORDER - 1, 25 },
	[O_PAGEBLOCK_ORDER] = { "--pageblock-order", 1, RF_MAX_MAX_ORDER - 1 },
	[O_RESERVE] = { "--reserve", 0, 1000 },
	[O_RUNS] = { "--runs", 1, 1000 },
	[O_CHUNK_SHIFT] = { "--chunk-shift", 0, 25 },
	[O_WORKERS] = { "--workers", 1, 1UL << 20 },
	[O_CHUNKS] = { "--chunks", 1, 1000 },
	[O_KERNEL] = { "--kernel", 0, 500 },
	[O_CACHE] = { "--cache", 0, 500 },
	[O_TURNOVER] = { "--turnover", 0, 1UL << 30 },
	[O_SAMPLES] = { "--samples", 1, 1000 },
	[O_SWEEP_CYCLES] = { "--sweep-cycles", 1, 100 },
	[O_SEED] = { "--seed", 0, UINT64_MAX },
};

static int parse_sweep(struct study_config *cfg, const char *s, char *err, size_t errlen)
{
	unsigned int from, to, step;
	char tail;

	if (sscanf(s, "%u:%u:%u%c", &from, &to, &step, &tail) != 3 || from < 1 || to > 99 ||
	    from > to || step < 1 || step > 98) {
		snprintf(err, errlen,
			 "--sweep wants FROM:TO:STEP in percent, 1 <= FROM <= TO <= 99, "
			 "STEP >= 1, not '%s'", s);
		return -1;
	}
	cfg->sweep_from = from;
	cfg->sweep_to = to;
	cfg->sweep_step = step;
	return 0;
}

/* The checks that need every parameter: derived sizes and the engine's own
 * geometry ranges. */
static int config_check(const struct study_config *cfg, char *err, size_t errlen)
{
	struct rf_geometry geo;
	char why[160];

	if (cfg->region_shift >= cfg->pages_shift) {
		snprintf(err, errlen, "regions of 2^%u pages do not fit twice in 2^%u pages",
			 cfg->region_shift, cfg->pages_shift);
		return -1;
	}
	if (cfg->workers > 1U << 20) {
		snprintf(err, errlen, "%u workers are too many (at most 2^20; see --workers)",
			 cfg->workers);
		return -1;
	}
	if (cfg->chunk_shift >= cfg->pages_shift) {
		snprintf(err, errlen, "chunks of 2^%u pages do not fit in 2^%u pages",
			 cfg->chunk_shift, cfg->pages_shift);
		return -1;
	}
	/* Four times memory is already far past any load that makes sense,
	 * and the study keeps 4 bytes per chunk page. */
	if ((unsigned long long)cfg->workers << cfg->chunk_shift > 4ULL << cfg->pages_shift) {
		snprintf(err, errlen, "%u workers of 2^%u pages ask for more than 4 times memory",
			 cfg->workers, cfg->chunk_shift);
		return -1;
	}
	if (cfg->reserve > config_pages(cfg) >> cfg->pageblock_order) {
		snprintf(err, errlen, "--reserve %u is more than the zone's %lu pageblocks",
			 cfg->reserve, config_pages(cfg) >> cfg->pageblock_order);
		return -1;
	}
	config_geometry(cfg, &geo);
	if (rf_geometry_check(&geo, why, sizeof(why)) != RF_OK) {
		snprintf(err, errlen, "the engine refuses this geometry: %s", why);
		return -1;
	}
	return 0;
}

int config_parse(struct study_config *cfg, int argc, char **argv, char *err, size_t errlen)
{
	struct given given[NR_NUM_OPTS] = { 0 };
	const char *geometry = NULL;
	bool quick = false;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		/* An option's value never starts with "--": "--seed --out x"
		 * is a missing seed, not a seed of "--out". */
		const char *val = i + 1 < argc && strncmp(argv[i + 1], "--", 2) ? argv[i + 1] : NULL;
		int n;

		for (n = 0; n < NR_NUM_OPTS; n++)
			if (!strcmp(a, num_opts[n].name))
				break;
		if (n < NR_NUM_OPTS) {
			if (!val) {
				snprintf(err, errlen, "%s needs a number", a);
				return -1;
			}
			if (parse_uint(a, val, num_opts[n].lo, num_opts[n].hi, &given[n].v, err,
				       errlen))
				return -1;
			given[n].set = true;
			i++;
			continue;
		}
		if (!strcmp(a, "--quick")) {
			quick = true;
			continue;
		}
		if (!strcmp(a, "--no-progress")) {
			cfg->progress = false;
			continue;
		}
		/* The rest take a word. */
		if (strcmp(a, "--geometry") && strcmp(a, "--options") && strcmp(a, "--only") &&
		    strcmp(a, "--mode") && strcmp(a, "--sweep") && strcmp(a, "--out")) {
			snprintf(err, errlen, "unknown argument '%s' (try --help)", a);
			return -1;
		}
		if (!val) {
			snprintf(err, errlen, "%s needs a value (try --help)", a);
			return -1;
		}
		i++;
		if (!strcmp(a, "--geometry")) {
			if (strcmp(val, "default") && strcmp(val, "series")) {
				snprintf(err, errlen, "--geometry is default or series, not '%s'",
					 val);
				return -1;
			}
			geometry = val;
		} else if (!strcmp(a, "--options")) {
			char why[160];

			if (rf_options_parse(val, &cfg->options, why, sizeof(why)) != RF_OK) {
				snprintf(err, errlen, "--options: %s", why);
				return -1;
			}
		} else if (!strcmp(a, "--only")) {
			if (strcmp(val, "ebizzy") && strcmp(val, "sweep")) {
				snprintf(err, errlen, "--only is ebizzy or sweep, not '%s'", val);
				return -1;
			}
			cfg->run_ebizzy = !strcmp(val, "ebizzy");
			cfg->run_sweep = !cfg->run_ebizzy;
		} else if (!strcmp(a, "--mode")) {
			if (strcmp(val, "vanilla") && strcmp(val, "v4")) {
				snprintf(err, errlen, "--mode is vanilla or v4, not '%s'", val);
				return -1;
			}
			cfg->modes[RF_MODE_VANILLA] = !strcmp(val, "vanilla");
			cfg->modes[RF_MODE_V4] = !strcmp(val, "v4");
		} else if (!strcmp(a, "--sweep")) {
			if (parse_sweep(cfg, val, err, errlen))
				return -1;
		} else {
			if (!*val) {
				snprintf(err, errlen, "--out needs a folder name");
				return -1;
			}
			cfg->out_dir = val;
		}
	}

	/* Presets first, then what was given explicitly, then what derives
	 * from the result. */
	cfg->quick = quick;
	if (quick) {
		cfg->pages_shift = QUICK_PAGES_SHIFT;
		cfg->region_shift = QUICK_REGION_SHIFT;
		cfg->runs = QUICK_RUNS;
		cfg->sweep_cycles = QUICK_SWEEP_CYCLES;
	}
	if (geometry && !strcmp(geometry, "series")) {
		cfg->pages_shift = SERIES_PAGES_SHIFT;
		cfg->region_shift = SERIES_REGION_SHIFT;
	} else if (geometry) {
		cfg->pages_shift = DEFAULT_PAGES_SHIFT;
		cfg->region_shift = DEFAULT_REGION_SHIFT;
	}

	unsigned int *const slot[NR_NUM_OPTS] = {
		[O_PAGES_SHIFT] = &cfg->pages_shift, [O_REGION_SHIFT] = &cfg->region_shift,
		[O_PAGEBLOCK_ORDER] = &cfg->pageblock_order, [O_RESERVE] = &cfg->reserve,
		[O_RUNS] = &cfg->runs, [O_CHUNK_SHIFT] = &cfg->chunk_shift,
		[O_WORKERS] = &cfg->workers, [O_CHUNKS] = &cfg->chunks,
		[O_KERNEL] = &cfg->kernel_permille, [O_CACHE] = &cfg->cache_permille,
		[O_TURNOVER] = &cfg->turnover,
		[O_SAMPLES] = &cfg->samples_per_run, [O_SWEEP_CYCLES] = &cfg->sweep_cycles,
	};

	for (int n = 0; n < NR_NUM_OPTS; n++)
		if (given[n].set && slot[n])
			*slot[n] = (unsigned int)given[n].v;
	if (given[O_SEED].set)
		cfg->seed = given[O_SEED].v;

	/* Half a region, as the series' 256 MiB chunks in 512 MiB regions. */
	if (!given[O_CHUNK_SHIFT].set)
		cfg->chunk_shift = cfg->region_shift ? cfg->region_shift - 1 : 0;
	/* The series' load: 20 ebizzy instances of 32 threads, each thread
	 * holding a 256 MiB copy while it searches -- 160 GiB asked of a
	 * 128 GiB machine, 5/4 of memory.  The same ratio here. */
	if (!given[O_WORKERS].set && cfg->chunk_shift < cfg->pages_shift)
		cfg->workers = 5U << (cfg->pages_shift - cfg->chunk_shift) >> 2;

	return config_check(cfg, err, errlen);
}

void config_geometry(const struct study_config *cfg, struct rf_geometry *geo)
{
	rf_geometry_default(geo, cfg->pages_shift);
	geo->max_order = cfg->max_order;
	geo->pageblock_order = cfg->pageblock_order;
	geo->region_shift = cfg->region_shift;
}

struct rf_node *config_node(const struct study_config *cfg, enum rf_mode mode)
{
	struct rf_geometry geo;
	struct rf_config ecfg = { .mode = mode, .options = cfg->options };
	struct rf_node *node;
	char why[160];

	config_geometry(cfg, &geo);
	if (rf_node_create(&geo, &ecfg, &node, why, sizeof(why)) != RF_OK) {
		fprintf(stderr, "rf-study: cannot set up a %s node: %s\n", mode_name(mode), why);
		return NULL;
	}
	/* init_per_zone_wmark_min sets the reserve up at boot, in both modes. */
	if (cfg->reserve && rf_setup_zone_migrate_reserve(node, 0, cfg->reserve) != RF_OK) {
		fprintf(stderr, "rf-study: the migrate reserve of %u pageblocks was refused\n",
			cfg->reserve);
		rf_node_destroy(node);
		return NULL;
	}
	return node;
}

void config_describe(const struct study_config *cfg, char *buf, size_t len)
{
	char options[256];

	rf_options_format(cfg->options, options, sizeof(options));
	snprintf(buf, len,
		 "seed=%llu pages=2^%u region=2^%u pageblock_order=%u max_order=%u options=%s "
		 "reserve=%u runs=%u workers=%u chunk=2^%u chunks=%u kernel=%u.%u%% "
		 "cache=%u.%u%% turnover=%u sweep=%u:%u:%u sweep_cycles=%u",
		 (unsigned long long)cfg->seed, cfg->pages_shift, cfg->region_shift,
		 cfg->pageblock_order, cfg->max_order, options, cfg->reserve, cfg->runs,
		 cfg->workers, cfg->chunk_shift, cfg->chunks, cfg->kernel_permille / 10,
		 cfg->kernel_permille % 10, cfg->cache_permille / 10, cfg->cache_permille % 10,
		 cfg->turnover, cfg->sweep_from, cfg->sweep_to, cfg->sweep_step,
		 cfg->sweep_cycles);
}
