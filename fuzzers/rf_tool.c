// SPDX-License-Identifier: MIT
/*
 * rf-tool: what users do with a fuzz input besides fuzzing it.  Everything
 * runs in-process with the oracle's failures recorded instead of aborting,
 * so the same input gives the same answer in every build.  A FILE is a fuzz
 * input (bytes) or, named *.txt, a program's text.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "format.h"
#include "picture.h"
#include "reduce.h"
#include "target.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: rf-tool [--options OPTS] COMMAND TARGET ARGS...\n"
		"\n"
		"  run TARGET FILE|DIR...         run inputs; one line each: ok, or the failure id\n"
		"  reproduce TARGET FILE [--no-state] [--picture-data OUT]\n"
		"                                 the program as text, then every op with its\n"
		"                                 results and the state after it, then the failure;\n"
		"                                 --picture-data: the state at the failure (or the\n"
		"                                 end) as a picture, for fuzzers/picture.gp\n"
		"  minimize TARGET IN -o OUT [--text OUT.txt]\n"
		"                                 the fewest, simplest ops that fail the same way\n"
		"                                 (same check, same engine); OUT named *.txt is\n"
		"                                 written as text, any other as bytes; IN is\n"
		"                                 never overwritten\n"
		"  triage TARGET DIR              bucket a folder of inputs by failure id\n"
		"  check TARGET FILE|DIR...       regression files: each runs clean on the clean\n"
		"                                 engine, and fails as its '# expect' line says\n"
		"  stats TARGET [--require] FILE|DIR...\n"
		"                                 what a corpus reaches: ops by kind, and per\n"
		"                                 engine allocations, fallbacks, steals, RA\n"
		"                                 hand-outs; --require: exit 1 unless every op\n"
		"                                 and every path the target can reach is reached\n"
		"  targets                        list the targets\n"
		"\n"
		"A FILE is a fuzz input (bytes, read as TARGET reads them) or, named *.txt, a\n"
		"program's text (rf-text --help).  The engine is the clean one (every\n"
		"finding's fix on) unless --options or RF_ENGINE_OPTIONS says otherwise:\n"
		"'faithful' (the posted code, every fix off), 'clean-V2' (one fix off),\n"
		"'clean+INJECT_NR_DELTA' (a test-only bug on), or a number.\n"
		"\n"
		"A '# expect ID on MODE with OPTS' line in a text program (minimize writes\n"
		"one) says which failure the program shows with which options.\n"
		"\n"
		"Exit status: 0 success; 1 an input failed (run, reproduce), a check did not\n"
		"hold (check), a requirement was not met (stats --require) or IN does not\n"
		"fail (minimize); 2 a usage or file error.\n");
}

__attribute__((format(printf, 1, 2)))
static int fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "rf-tool: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 2;
}

static const char *mode_name(enum rf_mode m)
{
	return m == RF_MODE_V4 ? "v4" : "vanilla";
}

static long op_index(const struct rf_outcome *o)
{
	return o->failure.op_index == RF_NO_OP ? -1L : (long)o->failure.op_index;
}

/* @path loaded for @t and run on its configuration into @o; 2 (said) if unreadable. */
static int load_and_run(const struct rf_target *t, const char *path, struct rf_program *prog,
			struct rf_outcome *o)
{
	char err[512];

	if (rf_target_load(t, path, prog, err, sizeof(err)))
		return fail("%s", err);
	rf_target_outcome(t, prog, NULL, false, o);
	return 0;
}

/* ---- run ---- */

struct run_ctx {
	const struct rf_target *t;
	int failures;
};

static int run_one(const char *path, void *ctx)
{
	static struct rf_program prog;
	struct run_ctx *c = ctx;
	struct rf_outcome o;

	if (load_and_run(c->t, path, &prog, &o))
		return 2;
	if (o.failed) {
		printf("%s: FAILED %s [%s] at op %ld\n", path, rf_check_id(o.failure.check),
		       mode_name(o.failure.mode), op_index(&o));
		c->failures++;
	} else {
		printf("%s: ok (%u ops)\n", path, o.result.ops_run);
	}
	return 0;
}

static int for_each_arg(int argc, char **argv, rf_file_fn fn, void *ctx)
{
	char err[512];
	int bad = 0;

	for (int i = 0; i < argc; i++) {
		int r = rf_for_each_file(argv[i], fn, ctx, err, sizeof(err));

		if (r < 0 && *err)
			fail("%s", err);
		bad |= r != 0;
		*err = '\0';
	}
	return bad;
}

static int cmd_run(const struct rf_target *t, int argc, char **argv)
{
	struct run_ctx c = { t, 0 };

	if (argc < 1)
		return fail("run: give at least one FILE or DIR");
	if (for_each_arg(argc, argv, run_one, &c))
		return 2;
	return c.failures ? 1 : 0;
}

/* ---- reproduce ---- */

static int cmd_reproduce(const struct rf_target *t, int argc, char **argv)
{
	static struct rf_program prog;
	bool state = true;
	const char *path = NULL, *picture = NULL;
	struct rf_outcome o;
	char err[512], opts[256];

	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--no-state"))
			state = false;
		else if (!strcmp(argv[i], "--picture-data") && i + 1 < argc)
			picture = argv[++i];
		else if (!strcmp(argv[i], "--picture-data"))
			return fail("reproduce: --picture-data needs the file to write");
		else if (!path)
			path = argv[i];
		else
			return fail("reproduce: unexpected argument '%s'", argv[i]);
	}
	if (!path)
		return fail("reproduce: give the FILE to reproduce");
	if (picture && (!strcmp(path, picture) || rf_same_file(path, picture)))
		return fail("reproduce: --picture-data %s would overwrite the input", picture);
	if (rf_target_load(t, path, &prog, err, sizeof(err)))
		return fail("%s", err);
	rf_options_format(rf_target_options(), opts, sizeof(opts));
	printf("# %s on target %s (%s), engine options %s\n", path, t->name, t->help, opts);
	rf_program_print(stdout, &prog);
	printf("\n# the run, op by op%s:\n", state ? ", with the state after each" : "");
	fflush(stdout);
	rf_target_outcome(t, &prog, stdout, state, &o);
	if (picture && rf_picture_file(t, &prog, path, &o, picture, err, sizeof(err)))
		return fail("%s", err);
	if (!o.failed) {
		printf("\n# no failure: every check held (%u ops)\n", o.result.ops_run);
		return 0;
	}
	printf("\n");
	rf_failure_print(stdout, &o.failure);
	return 1;
}

/* ---- minimize ---- */

static bool is_text_name(const char *path)
{
	size_t n = strlen(path);

	return n > 4 && !strcmp(path + n - 4, ".txt");
}

/* The program's text headed by where it came from and what it shows. */
static int write_text(const char *path, const char *from, const struct rf_target *t,
		      const struct rf_program *prog, const struct rf_outcome *o)
{
	struct rf_output out;
	char err[512], opts[256];

	rf_options_format(rf_target_options(), opts, sizeof(opts));
	if (rf_output_open(&out, path, err, sizeof(err)))
		return fail("%s", err);
	fprintf(out.f, "# minimized from %s on target %s: %u ops\n", from, t->name, prog->nr_ops);
	fprintf(out.f, "# expect %s on %s with %s\n", rf_check_id(o->failure.check),
		mode_name(o->failure.mode), opts);
	rf_program_print(out.f, prog);
	if (rf_output_commit(&out, err, sizeof(err)))
		return fail("%s", err);
	return 0;
}

static int cmd_minimize(const struct rf_target *t, int argc, char **argv)
{
	static struct rf_program prog;
	const char *in = NULL, *out = NULL, *text = NULL;
	struct rf_outcome want;
	char err[512];

	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out = argv[++i];
		else if (!strcmp(argv[i], "--text") && i + 1 < argc)
			text = argv[++i];
		else if (!in)
			in = argv[i];
		else
			return fail("minimize: unexpected argument '%s'", argv[i]);
	}
	if (!in || !out)
		return fail("minimize: give IN and -o OUT");
	if (!strcmp(in, out) || rf_same_file(in, out) ||
	    (text && (!strcmp(in, text) || rf_same_file(in, text))))
		return fail("minimize: that would overwrite the input %s; name another output", in);
	if (text && is_text_name(out))
		return fail("minimize: -o %s is already text; --text is for a byte OUT", out);
	if (load_and_run(t, in, &prog, &want))
		return 2;
	if (!want.failed) {
		fprintf(stderr, "rf-tool: %s does not fail on target %s; nothing to minimize\n", in,
			t->name);
		return 1;
	}
	fprintf(stderr, "minimize: %s fails with %s [%s] at op %ld; %u ops to start with\n", in,
		rf_check_id(want.failure.check), mode_name(want.failure.mode), op_index(&want),
		prog.nr_ops);

	unsigned long runs = rf_reduce(t, &prog, &want, stderr);
	size_t n = rf_encode(&prog, NULL, 0);
	uint8_t *buf = n ? malloc(n) : NULL;
	int status = 0;

	if (!buf) {
		return fail("minimize: the reduced program cannot be encoded%s",
			    n ? " (out of memory)" : " (a bug: please report)");
	}
	rf_encode(&prog, buf, n);
	if (is_text_name(out))
		status = write_text(out, in, t, &prog, &want);
	else if (rf_write_file(out, buf, n, err, sizeof(err)))
		status = fail("%s", err);
	if (!status && text)
		status = write_text(text, in, t, &prog, &want);
	free(buf);
	if (status)
		return status;
	rf_program_print(stdout, &prog);
	fprintf(stderr, "minimize: %u ops after %lu runs, same failure %s [%s]; written to %s%s%s\n",
		prog.nr_ops, runs, rf_check_id(want.failure.check), mode_name(want.failure.mode), out,
		text ? " and " : "", text ? text : "");
	return 0;
}

/* ---- triage ---- */

struct bucket {
	unsigned long count;
	size_t ops;
	char example[1024];
};

struct triage {
	const struct rf_target *t;
	struct bucket b[2 * RF_CHECK_NR + 1];	/* the last: inputs that do not fail */
	unsigned long files;
};

static int triage_one(const char *path, void *ctx)
{
	static struct rf_program prog;
	struct triage *tr = ctx;
	struct rf_outcome o;

	if (load_and_run(tr->t, path, &prog, &o))
		return 2;

	struct bucket *b = o.failed ? &tr->b[o.failure.check * 2 + o.failure.mode]
				    : &tr->b[2 * RF_CHECK_NR];

	/* The example to look at first: the shortest program. */
	if (!b->count || prog.nr_ops < b->ops) {
		b->ops = prog.nr_ops;
		snprintf(b->example, sizeof(b->example), "%s", path);
	}
	b->count++;
	tr->files++;
	return 0;
}

static int cmd_triage(const struct rf_target *t, int argc, char **argv)
{
	static struct triage tr;
	int buckets = 0;

	if (argc != 1)
		return fail("triage: give one DIR of inputs");
	tr.t = t;
	if (for_each_arg(1, argv, triage_one, &tr))
		return 2;
	printf("%lu inputs on target %s\n\n%-26s %-8s %6s  %s\n", tr.files, t->name, "failure id",
	       "engine", "inputs", "shortest example");
	for (size_t i = 0; i < 2 * RF_CHECK_NR; i++) {
		const struct bucket *b = &tr.b[i];

		if (!b->count)
			continue;
		buckets++;
		printf("%-26s %-8s %6lu  %s (%zu ops)\n", rf_check_id((enum rf_check)(i / 2)),
		       mode_name((enum rf_mode)(i % 2)), b->count, b->example, b->ops);
		printf("%-26s %-8s %6s    scripts/reproduce %s %s\n", "", "", "", t->name, b->example);
	}
	if (tr.b[2 * RF_CHECK_NR].count)
		printf("%-26s %-8s %6lu  %s\n", "(no failure)", "", tr.b[2 * RF_CHECK_NR].count,
		       tr.b[2 * RF_CHECK_NR].example);
	printf("\n%d failure bucket%s\n", buckets, buckets == 1 ? "" : "s");
	return 0;
}

/* ---- check ---- */

struct expectation {
	enum rf_check check;
	enum rf_mode mode;
	unsigned long options;
};

/* The '# expect ID on MODE with OPTS' lines of @text, into @e (up to @max);
 * the count, or -1 with @err for a line that does not parse. */
static int expectations(const char *text, struct expectation *e, int max, char *err, size_t errlen)
{
	int n = 0, line = 1;

	for (const char *p = text; *p; line++) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		char buf[512], id[64], mode[16], opts[256];

		if (len < sizeof(buf) && !strncmp(p, "# expect ", 9)) {
			memcpy(buf, p, len);
			buf[len] = '\0';
			if (sscanf(buf, "# expect %63s on %15s with %255s", id, mode, opts) != 3) {
				snprintf(err, errlen, "line %d: write '# expect ID on MODE with OPTS'", line);
				return -1;
			}

			int c = 0;

			while (c < RF_CHECK_NR && strcmp(rf_check_id((enum rf_check)c), id))
				c++;
			if (c == RF_CHECK_NR) {
				snprintf(err, errlen, "line %d: no check id '%s'", line, id);
				return -1;
			}
			if (strcmp(mode, "v4") && strcmp(mode, "vanilla")) {
				snprintf(err, errlen, "line %d: the engine is v4 or vanilla, not '%s'", line,
					 mode);
				return -1;
			}
			if (n == max) {
				snprintf(err, errlen, "line %d: at most %d expectations", line, max);
				return -1;
			}
			e[n].check = (enum rf_check)c;
			e[n].mode = strcmp(mode, "v4") ? RF_MODE_VANILLA : RF_MODE_V4;
			if (rf_options_parse(opts, &e[n].options, err, errlen))
				return -1;
			n++;
		}
		p = eol ? eol + 1 : p + len;
	}
	return n;
}

struct check_ctx {
	const struct rf_target *t;
	int files, broken;
};

static int check_one(const char *path, void *ctx)
{
	static struct rf_program prog;
	struct check_ctx *c = ctx;
	struct expectation e[8];
	struct rf_outcome o;
	char err[512], opts[256];
	size_t len;
	int n, bad = 0;

	if (!is_text_name(path))
		return 0;	/* compiled bytes beside the texts are the corpus's business */
	if (rf_target_load(c->t, path, &prog, err, sizeof(err)))
		return fail("%s", err);

	char *text = rf_read_file(path, &len, err, sizeof(err));

	if (!text)
		return fail("%s", err);
	n = expectations(text, e, 8, err, sizeof(err));
	free(text);
	if (n < 0)
		return fail("%s: %s", path, err);
	c->files++;

	rf_target_set_options(RF_OPT_FIXES);
	rf_target_outcome(c->t, &prog, NULL, false, &o);
	if (o.failed) {
		printf("%s: FAILED on the clean engine: %s [%s] at op %ld\n", path,
		       rf_check_id(o.failure.check), mode_name(o.failure.mode), op_index(&o));
		bad = 1;
	}
	for (int i = 0; i < n; i++) {
		rf_options_format(e[i].options, opts, sizeof(opts));
		if (e[i].options == RF_OPT_FIXES) {
			printf("%s: expects a failure from the clean engine: an open bug, not a "
			       "regression\n", path);
			bad = 1;
			continue;
		}
		rf_target_set_options(e[i].options);
		rf_target_outcome(c->t, &prog, NULL, false, &o);
		if (!o.failed || o.failure.check != e[i].check || o.failure.mode != e[i].mode) {
			printf("%s: with %s expected %s [%s], got %s%s%s%s\n", path, opts,
			       rf_check_id(e[i].check), mode_name(e[i].mode),
			       o.failed ? rf_check_id(o.failure.check) : "no failure",
			       o.failed ? " [" : "", o.failed ? mode_name(o.failure.mode) : "",
			       o.failed ? "]" : "");
			bad = 1;
		}
	}
	if (!bad)
		printf("%s: ok (clean%s%d expectation%s)\n", path, n ? "; " : ", ", n,
		       n == 1 ? "" : "s");
	c->broken += bad;
	return 0;
}

static int cmd_check(const struct rf_target *t, int argc, char **argv)
{
	struct check_ctx c = { t, 0, 0 };

	if (argc < 1)
		return fail("check: give at least one FILE or DIR");
	if (for_each_arg(argc, argv, check_one, &c))
		return 2;
	printf("%d regression file%s, %d broken\n", c.files, c.files == 1 ? "" : "s", c.broken);
	return c.broken ? 1 : 0;
}

/* ---- stats ---- */

struct stats_ctx {
	const struct rf_target *t;
	unsigned long files, failed;
	unsigned long ops[RF_OP_NR];
	unsigned long runs[2];			/* programs each engine ran */
	struct rf_zone_stats sum[2];
};

static int stats_one(const char *path, void *ctx)
{
	static struct rf_program prog;
	struct stats_ctx *c = ctx;
	struct rf_exec_config cfg;
	struct rf_outcome o;

	if (load_and_run(c->t, path, &prog, &o))
		return 2;
	rf_target_config(c->t, &prog, &cfg);
	c->files++;
	c->failed += o.failed;
	for (uint32_t i = 0; i < o.result.ops_run; i++)
		c->ops[prog.ops[i].kind]++;
	for (int m = 0; m < 2; m++) {
		const struct rf_zone_stats *z = &o.result.stats[m];
		struct rf_zone_stats *s = &c->sum[m];

		if (!(cfg.modes & 1u << m))
			continue;
		c->runs[m]++;
		s->nr_alloc += z->nr_alloc;
		s->nr_alloc_fail += z->nr_alloc_fail;
		s->nr_free += z->nr_free;
		s->nr_fallback += z->nr_fallback;
		s->nr_steal_block += z->nr_steal_block;
		s->nr_retype += z->nr_retype;
		s->nr_reserve_alloc += z->nr_reserve_alloc;
		s->nr_ra_handout += z->nr_ra_handout;
		s->nr_ra_pull += z->nr_ra_pull;
		s->nr_ra_request += z->nr_ra_request;
		s->nr_ra_return += z->nr_ra_return;
	}
	return 0;
}

/* One line of the report; a requirement not met is marked and counted. */
static void stat_line(const char *what, unsigned long v, bool required, int *missing)
{
	bool miss = required && !v;

	printf("  %-44s %8lu%s\n", what, v, miss ? "   <-- never reached" : "");
	*missing += miss;
}

static int cmd_stats(const struct rf_target *t, int argc, char **argv)
{
	static struct stats_ctx c;
	bool require = false;
	int missing = 0, first = 0;

	if (argc && !strcmp(argv[0], "--require"))
		require = true, first = 1;
	if (argc - first < 1)
		return fail("stats: give at least one FILE or DIR");
	c.t = t;
	if (for_each_arg(argc - first, argv + first, stats_one, &c))
		return 2;
	printf("%lu programs on target %s (%lu failing)\n\nops run, by kind:\n", c.files, t->name,
	       c.failed);
	for (int k = 0; k < RF_OP_NR; k++)
		stat_line(rf_op_name((enum rf_op_kind)k), c.ops[k], require, &missing);
	for (int m = 0; m < 2; m++) {
		const struct rf_zone_stats *s = &c.sum[m];
		bool want = require && (t->modes & 1u << m);
		bool v4 = m == RF_MODE_V4;

		printf("\n%s engine:\n", mode_name((enum rf_mode)m));
		stat_line("programs run", c.runs[m], want, &missing);
		if (!c.runs[m])
			continue;
		stat_line("allocations", s->nr_alloc, want, &missing);
		stat_line("failed allocations", s->nr_alloc_fail, want, &missing);
		stat_line("frees", s->nr_free, want, &missing);
		stat_line("fallbacks (__rmqueue_fallback)", s->nr_fallback, want, &missing);
		stat_line("pageblock steals (move_freepages_block)", s->nr_steal_block, want, &missing);
		stat_line("RESERVE retries", s->nr_reserve_alloc, want, &missing);
		if (!v4) {
			stat_line("pageblocks retyped by the fallback", s->nr_retype, want, &missing);
			continue;
		}
		/* The two seed mails' paths: patch 26 and patch 30. */
		stat_line("regions to the RA (PA => RA)", s->nr_ra_return, want, &missing);
		stat_line("RA => PA in __rmqueue (patch 26)",
			  s->nr_ra_handout - s->nr_ra_pull - s->nr_ra_request, want, &missing);
		stat_line("RA regions move_freepages pulled (patch 30)", s->nr_ra_pull, want, &missing);
		stat_line("RA regions requested", s->nr_ra_request, want, &missing);
	}
	if (require)
		printf("\n%d requirement%s not met\n", missing, missing == 1 ? "" : "s");
	return missing ? 1 : 0;
}

/* ---- main ---- */

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(const struct rf_target *t, int argc, char **argv);
	} cmds[] = {
		{ "run", cmd_run }, { "reproduce", cmd_reproduce }, { "minimize", cmd_minimize },
		{ "triage", cmd_triage }, { "check", cmd_check }, { "stats", cmd_stats },
	};
	int i = 1;

	for (int k = 1; k < argc; k++) {
		if (!strcmp(argv[k], "-h") || !strcmp(argv[k], "--help")) {
			usage(stdout);
			return 0;
		}
	}
	if (i + 1 < argc && !strcmp(argv[i], "--options")) {
		unsigned long opts;
		char err[512];

		if (rf_options_parse(argv[i + 1], &opts, err, sizeof(err)))
			return fail("%s", err);
		rf_target_set_options(opts);
		i += 2;
	}
	if (i >= argc) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[i], "targets")) {
		for (const struct rf_target *const *t = rf_targets; *t; t++)
			printf("%-14s %s\n", (*t)->name, (*t)->help);
		return 0;
	}
	for (size_t c = 0; c < sizeof(cmds) / sizeof(cmds[0]); c++) {
		if (strcmp(argv[i], cmds[c].name))
			continue;
		if (i + 1 >= argc)
			return fail("%s: give a TARGET ('rf-tool targets' lists them)", argv[i]);

		const struct rf_target *t = rf_target_find(argv[i + 1]);

		if (!t)
			return fail("no target '%s'; 'rf-tool targets' lists them", argv[i + 1]);
		return cmds[c].fn(t, argc - i - 2, argv + i + 2);
	}
	return fail("unknown command '%s' (run, reproduce, minimize, triage, check, stats, targets; "
		    "--help for more)", argv[i]);
}
