// SPDX-License-Identifier: MIT
/* The targets table and the runner every target shares. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "target.h"

const struct rf_target *const rf_targets[] = {
#define TARGET(name, help) &rf_target_##name,
#include "targets.def"
#undef TARGET
	NULL,
};

const struct rf_target *rf_target_find(const char *name)
{
	for (const struct rf_target *const *t = rf_targets; *t; t++)
		if (!strcmp((*t)->name, name))
			return *t;
	return NULL;
}

static unsigned long engine_opts;
static bool engine_opts_set;

void rf_target_set_options(unsigned long opts)
{
	engine_opts = opts;
	engine_opts_set = true;
}

/* Read once: fuzzing loops call rf_target_config for every input. */
unsigned long rf_target_options(void)
{
	if (!engine_opts_set) {
		const char *v = getenv("RF_ENGINE_OPTIONS");
		char err[256];

		engine_opts = RF_OPT_FIXES;
		if (v && *v && rf_options_parse(v, &engine_opts, err, sizeof(err))) {
			/* Fuzzing the wrong engine for hours is worse than stopping. */
			fprintf(stderr, "RF_ENGINE_OPTIONS: %s\n", err);
			exit(2);
		}
		engine_opts_set = true;
	}
	return engine_opts;
}

void rf_target_config(const struct rf_target *t, const struct rf_program *prog,
		      struct rf_exec_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->modes = t->modes & prog->modes ? t->modes & prog->modes : t->modes;
	cfg->reference = t->reference;
	cfg->level = t->level;
	cfg->options = rf_target_options();
}

void rf_target_decode(const struct rf_target *t, const uint8_t *data, size_t size,
		      struct rf_program *prog)
{
	rf_decode_profile(t->profile, data, size, prog);
}

int rf_target_run(const struct rf_target *t, const uint8_t *data, size_t size,
		  const struct rf_exec_config *cfg, struct rf_exec_result *result)
{
	/* One program at a time: static, so a fuzzing loop allocates nothing. */
	static struct rf_program prog;
	struct rf_exec_config own;
	struct rf_exec_result res;

	char why[256];
	int err;

	rf_target_decode(t, data, size, &prog);
	if (!cfg) {
		rf_target_config(t, &prog, &own);
		cfg = &own;
	}
	err = rf_exec(&prog, cfg, result ? result : &res, why, sizeof(why));
	if (err && cfg == &own) {
		/* The decoder promises geometries the engine accepts: a refusal
		 * here is a harness bug, and the fuzzer should see it. */
		fprintf(stderr, "%s: the program could not run (%d): %s\n", t->name, err, why);
		abort();
	}
	return err;
}

static void record(const struct rf_failure *f, void *ctx)
{
	struct rf_outcome *o = ctx;

	o->failed = true;
	o->failure = *f;
}

void rf_target_outcome(const struct rf_target *t, const struct rf_program *prog, FILE *trace,
		       bool state, struct rf_outcome *o)
{
	struct rf_exec_config cfg;

	rf_target_config(t, prog, &cfg);
	memset(o, 0, sizeof(*o));
	cfg.on_fail = record;
	cfg.fail_ctx = o;
	cfg.trace = trace;
	cfg.trace_state = state;
	rf_exec(prog, &cfg, &o->result, NULL, 0);
}

bool rf_same_failure(const struct rf_outcome *a, const struct rf_outcome *b)
{
	return a->failed && b->failed && a->failure.check == b->failure.check &&
	       a->failure.mode == b->failure.mode;
}

static bool is_text(const char *path)
{
	size_t n = strlen(path);

	return n > 4 && !strcmp(path + n - 4, ".txt");
}

int rf_target_load(const struct rf_target *t, const char *path, struct rf_program *prog,
		   char *err, size_t errlen)
{
	size_t len;
	char why[400];
	char *data = rf_read_file(path, &len, err, errlen);

	if (!data)
		return -1;
	if (!is_text(path)) {
		rf_target_decode(t, (const uint8_t *)data, len, prog);
	} else if (memchr(data, '\0', len) || rf_program_parse(data, prog, why, sizeof(why))) {
		snprintf(err, errlen, "%s: %s", path,
			 memchr(data, '\0', len) ? "a .txt file holding a NUL byte: not a program's text"
						  : why);
		free(data);
		return -1;
	}
	free(data);
	return 0;
}
