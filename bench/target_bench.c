// SPDX-License-Identifier: MIT
/*
 * rf-target-bench: how fast each fuzz target runs its compiled seed corpus,
 * in process, with its oracle and with the engine alone, measured in one
 * run.  The fuzzing engines' own rates (libFuzzer, AFL++) are scripts/bench's
 * business; this is the part of an execution that is ours.
 *
 * "The engine alone" applies every op of the same decoded programs straight
 * through the engine's API, handles indexing live allocations as the
 * executor does, starting each program from a copy of a node set up once
 * (as the oracle's kept set-ups do), so the two rates differ by the checks.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cputime.h"

#include "fileio.h"
#include "target.h"

struct input {
	uint8_t *data;
	size_t size;
	struct rf_program *prog;
	struct rf_exec_config cfg;
	struct rf_node *pristine[2], *work[2];	/* [enum rf_mode] */
};

struct corpus {
	struct input *v;
	size_t nr, cap;
	const struct rf_target *t;
};

static int add_input(const char *path, void *ctx)
{
	struct corpus *c = ctx;
	struct input *in;
	char err[256];

	if (c->nr == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 64;
		struct input *v = realloc(c->v, cap * sizeof(*v));

		if (!v)
			return -1;
		c->v = v;
		c->cap = cap;
	}
	in = &c->v[c->nr];
	memset(in, 0, sizeof(*in));
	in->data = (uint8_t *)rf_read_file(path, &in->size, err, sizeof(err));
	in->prog = malloc(sizeof(*in->prog));
	if (!in->data || !in->prog) {
		fprintf(stderr, "rf-target-bench: %s\n", in->data ? "out of memory" : err);
		return -1;
	}
	rf_target_decode(c->t, in->data, in->size, in->prog);
	rf_target_config(c->t, in->prog, &in->cfg);
	for (int m = 0; m < 2; m++) {
		struct rf_config ec = { .mode = (enum rf_mode)m, .options = in->cfg.options };

		if (!(in->cfg.modes & (1u << m)))
			continue;
		if (rf_node_create(&in->prog->geo, &ec, &in->pristine[m], NULL, 0) ||
		    rf_node_create(&in->prog->geo, &ec, &in->work[m], NULL, 0)) {
			fprintf(stderr, "rf-target-bench: %s: its geometry is refused\n", path);
			return -1;
		}
	}
	c->nr++;
	return 0;
}

/* The executor's dispatch without its checks: live allocations by handle. */
static void run_engine(struct rf_node *n, const struct rf_program *p, unsigned long *live_pfn,
		       unsigned char *live_order)
{
	unsigned long nr = 0, pfn, moved;

	for (uint32_t i = 0; i < p->nr_ops; i++) {
		const struct rf_op *op = &p->ops[i];

		switch (op->kind) {
		case RF_OP_ALLOC:
		case RF_OP_STEAL:
			if ((op->kind == RF_OP_ALLOC ? rf_alloc_pages : rf_steal)(
				    n, op->zone, op->order, op->mt, &pfn) == RF_OK) {
				live_pfn[nr] = pfn;
				live_order[nr++] = (unsigned char)op->order;
			}
			break;
		case RF_OP_FREE:
			if (nr) {
				unsigned long h = op->handle % nr;

				rf_free_pages(n, live_pfn[h], live_order[h]);
				live_pfn[h] = live_pfn[--nr];
				live_order[h] = live_order[nr];
			}
			break;
		case RF_OP_FREE_PFN:
			rf_free_pages(n, op->pfn, op->order);
			break;
		case RF_OP_MOVE:
			rf_move_freepages(n, op->zone, op->pfn, op->end, op->mt, &moved);
			break;
		case RF_OP_MOVE_BLOCK:
			rf_move_freepages_block(n, op->pfn, op->mt, &moved);
			break;
		case RF_OP_ISOLATE:
			rf_set_migratetype_isolate(n, op->pfn);
			break;
		case RF_OP_UNISOLATE:
			rf_unset_migratetype_isolate(n, op->pfn, op->mt);
			break;
		case RF_OP_ISOLATE_RANGE:
			rf_start_isolate_page_range(n, op->pfn, op->end, op->mt);
			break;
		case RF_OP_UNISOLATE_RANGE:
			rf_undo_isolate_page_range(n, op->pfn, op->end, op->mt);
			break;
		case RF_OP_RESERVE:
			rf_setup_zone_migrate_reserve(n, op->zone, op->quota);
			break;
		case RF_OP_RA_REQUEST:
			rf_del_from_region_allocator(n, op->zone, op->region, op->mt);
			break;
		case RF_OP_FREE_ALL:
			while (nr) {
				nr--;
				rf_free_pages(n, live_pfn[nr], live_order[nr]);
			}
			break;
		case RF_OP_CHECK:
		case RF_OP_NR:
			break;
		}
	}
}

static void free_corpus(struct corpus *c)
{
	for (size_t i = 0; i < c->nr; i++) {
		free(c->v[i].data);
		free(c->v[i].prog);
		for (int m = 0; m < 2; m++) {
			rf_node_destroy(c->v[i].pristine[m]);
			rf_node_destroy(c->v[i].work[m]);
		}
	}
	free(c->v);
	memset(c, 0, sizeof(*c));
}

static int bench_target(const struct rf_target *t, const char *root, unsigned int reps)
{
	static unsigned long live_pfn[RF_FUZZ_MAX_OPS];
	static unsigned char live_order[RF_FUZZ_MAX_OPS];
	struct corpus c = { .t = t };
	char dir[4096], err[256];
	double t0, oracle_s, engine_s;
	unsigned long ops = 0;

	snprintf(dir, sizeof(dir), "%s/%s", root, t->name);
	if (rf_for_each_file(dir, add_input, &c, err, sizeof(err)) || !c.nr) {
		fprintf(stderr, "rf-target-bench: %s: %s\n", dir, c.nr ? err : "no inputs");
		free_corpus(&c);
		return 2;
	}
	for (size_t i = 0; i < c.nr; i++)
		ops += c.v[i].prog->nr_ops;

	/* One untimed pass: the oracle's kept set-ups are made here, as a
	 * fuzzer makes them in its first seconds. */
	for (size_t i = 0; i < c.nr; i++)
		rf_target_run(t, c.v[i].data, c.v[i].size, NULL, NULL);
	t0 = cpu_seconds();
	for (unsigned int r = 0; r < reps; r++)
		for (size_t i = 0; i < c.nr; i++)
			rf_target_run(t, c.v[i].data, c.v[i].size, NULL, NULL);
	oracle_s = cpu_seconds() - t0;

	t0 = cpu_seconds();
	for (unsigned int r = 0; r < reps; r++) {
		for (size_t i = 0; i < c.nr; i++) {
			struct input *in = &c.v[i];

			rf_decode_profile(t->profile, in->data, in->size, in->prog);
			for (int m = 0; m < 2; m++) {
				if (!in->work[m])
					continue;
				rf_node_copy(in->work[m], in->pristine[m]);
				run_engine(in->work[m], in->prog, live_pfn, live_order);
			}
		}
	}
	engine_s = cpu_seconds() - t0;

	double runs = (double)reps * (double)c.nr;

	printf("%-13s %6zu %9.0f %9.0f %9.0f   %5.1f%%\n", t->name, c.nr, (double)ops / c.nr,
	       runs / oracle_s, runs / engine_s, 100.0 * engine_s / oracle_s);
	free_corpus(&c);
	return 0;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: rf-target-bench [--reps N] [--target T] CORPUS_ROOT\n"
		"\n"
		"Runs each target's compiled corpus, CORPUS_ROOT/<target>/ (a build's\n"
		"corpus/ folder), N times (default 200) in this process: with the target's\n"
		"oracle, as its fuzzers run it, and with the engine alone.  Prints inputs\n"
		"per second both ways and the share of the engine-alone rate the oracle keeps.\n");
}

int main(int argc, char **argv)
{
	unsigned int reps = 200;
	const char *only = NULL, *root = NULL;
	int status = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(argv[i], "--reps") && i + 1 < argc) {
			char *end;
			unsigned long v = strtoul(argv[++i], &end, 10);

			if (*end || !v || v > 1000000) {
				fprintf(stderr, "rf-target-bench: --reps takes 1..1000000, not '%s'\n", argv[i]);
				return 2;
			}
			reps = (unsigned int)v;
		} else if (!strcmp(argv[i], "--target") && i + 1 < argc) {
			only = argv[++i];
			if (!rf_target_find(only)) {
				fprintf(stderr, "rf-target-bench: no target '%s' (rf-tool targets)\n", only);
				return 2;
			}
		} else if (argv[i][0] == '-' || root) {
			usage(stderr);
			fprintf(stderr, "rf-target-bench: unexpected argument '%s'\n", argv[i]);
			return 2;
		} else {
			root = argv[i];
		}
	}
	if (!root) {
		usage(stderr);
		return 2;
	}
	printf("%-13s %6s %9s %9s %9s   %s\n", "target", "inputs", "ops/input", "oracle/s",
	       "engine/s", "oracle keeps");
	for (const struct rf_target *const *t = rf_targets; *t; t++)
		if (!only || !strcmp(only, (*t)->name))
			status |= bench_target(*t, root, reps);
	return status;
}
