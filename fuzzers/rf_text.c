// SPDX-License-Identifier: MIT
/*
 * rf-text: fuzz inputs (bytes) to reproducers (text) and back (format.h), and
 * the dictionaries the fuzzing engines take.
 *
 *   rf-text decode [--target T] FILE... [-o OUT]   each byte file as text
 *   rf-text encode TEXTFILE -o OUT                 a text's canonical bytes
 *   rf-text dict TEXTFILE... -o OUT                tokens for -dict / -x
 *
 * Outputs are written all-or-nothing (fileio.h); OUT may not be an input.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "format.h"
#include "target.h"

static const char *me = "rf-text";

static void usage(FILE *f)
{
	fprintf(f,
		"usage: rf-text decode [--target TARGET] FILE... [-o OUT]\n"
		"       rf-text encode TEXTFILE -o OUT\n"
		"       rf-text dict TEXTFILE... -o OUT\n"
		"       rf-text --help\n"
		"\n"
		"decode  prints each byte file (a fuzz input) as the text of its program, to\n"
		"        stdout or OUT; several files are each headed by a '# ==> FILE <==' line.\n"
		"        A fuzzer's own inputs mean what TARGET reads in them (its op mix):\n"
		"        give the target they came from.  Canonical bytes (every corpus\n"
		"        file, everything encode writes) read the same for every target.\n"
		"encode  parses a program's text and writes its canonical bytes to OUT;\n"
		"        decoding them gives the same program back.\n"
		"dict    a dictionary for libFuzzer (-dict) and AFL++ (-x): the canonical\n"
		"        bytes of every distinct op and geometry header in the programs.\n"
		"\n"
		"Text lines: 'geometry max_order=.. pageblock_order=.. region_shift=.. start=..\n"
		"pages=..', 'zones PFN...', 'holes A-B...', 'reserved A-B...', 'modes\n"
		"vanilla|v4|both', then one operation a line as 'name key=value...'; '#'\n"
		"starts a comment.  The format and its ranges: fuzzers/format.h.\n"
		"Targets: 'rf-tool targets'.\n"
		"\n"
		"Exit status: 0 on success, 1 when a file cannot be read, parsed or written,\n"
		"2 on a usage error.\n");
}

__attribute__((format(printf, 1, 2)))
static void error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", me);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* @out names the same file as one of @in (when @out exists at all). */
static int refuse_overwrite(const char *out, char **in, int nr_in)
{
	for (int i = 0; i < nr_in; i++) {
		if (rf_same_file(out, in[i])) {
			error("refusing to write %s: it is the input %s", out, in[i]);
			return -1;
		}
	}
	return 0;
}

/* The command's file arguments, its -o and --target. */
struct args {
	char **files;
	int nr_files;
	const char *out;
	const struct rf_target *target;
};

static int parse_args(int argc, char **argv, struct args *a)
{
	a->files = calloc((size_t)argc, sizeof(*a->files));
	if (!a->files) {
		error("out of memory");
		return -1;
	}

	bool options = true;

	for (int i = 2; i < argc; i++) {
		if (options && !strcmp(argv[i], "--")) {
			options = false;
		} else if (options && (!strcmp(argv[i], "-o") || !strcmp(argv[i], "--target"))) {
			if (i + 1 >= argc) {
				error("%s needs a value", argv[i]);
				return -1;
			}
			if (!strcmp(argv[i], "-o")) {
				if (a->out) {
					error("-o given twice");
					return -1;
				}
				a->out = argv[++i];
			} else if (!(a->target = rf_target_find(argv[++i]))) {
				error("no target '%s'; 'rf-tool targets' lists them", argv[i]);
				return -1;
			}
		} else if (options && argv[i][0] == '-' && argv[i][1]) {
			error("unknown option '%s'", argv[i]);
			return -1;
		} else {
			a->files[a->nr_files++] = argv[i];
		}
	}
	return 0;
}

/* Every input, read before anything is written; NULL after an error. */
static char **read_all(struct args *a, size_t **lens)
{
	char **data = calloc((size_t)a->nr_files, sizeof(*data));
	char err[512];

	*lens = calloc((size_t)a->nr_files, sizeof(**lens));
	if (!data || !*lens) {
		error("out of memory");
		free(data);
		free(*lens);
		return NULL;
	}
	for (int i = 0; i < a->nr_files; i++) {
		if (!(data[i] = rf_read_file(a->files[i], &(*lens)[i], err, sizeof(err)))) {
			error("%s", err);
			for (int j = 0; j < i; j++)
				free(data[j]);
			free(data);
			free(*lens);
			return NULL;
		}
	}
	return data;
}

static void free_all(struct args *a, char **data, size_t *lens)
{
	for (int i = 0; i < a->nr_files; i++)
		free(data[i]);
	free(data);
	free(lens);
}

/* @text parsed into @prog; a message naming @path when it is not a program. */
static int parse(const char *path, const char *text, size_t len, struct rf_program *prog)
{
	char err[512];

	if (memchr(text, '\0', len)) {
		error("%s: holds a NUL byte: not a program's text (is it a byte file? "
		      "'rf-text decode' reads those)", path);
		return -1;
	}
	if (rf_program_parse(text, prog, err, sizeof(err))) {
		error("%s: %s", path, err);
		return -1;
	}
	return 0;
}

static int cmd_decode(struct args *a)
{
	if (!a->nr_files) {
		error("decode needs at least one FILE");
		return 2;
	}
	if (a->out && refuse_overwrite(a->out, a->files, a->nr_files))
		return 1;

	size_t *lens;
	char **data = read_all(a, &lens);
	struct rf_program *prog = malloc(sizeof(*prog));
	struct rf_output o;
	char err[512];
	int status = 0;

	if (!data || !prog) {
		if (data)
			free_all(a, data, lens);
		free(prog);
		return 1;
	}
	if (rf_output_open(&o, a->out, err, sizeof(err))) {
		error("%s", err);
		status = 1;
	} else {
		for (int i = 0; i < a->nr_files; i++) {
			if (a->target)
				rf_target_decode(a->target, (const uint8_t *)data[i], lens[i], prog);
			else
				rf_decode((const uint8_t *)data[i], lens[i], prog);
			if (a->nr_files > 1)
				fprintf(o.f, "%s# ==> %s <==\n", i ? "\n" : "", a->files[i]);
			rf_program_print(o.f, prog);
		}
		if (rf_output_commit(&o, err, sizeof(err))) {
			error("%s", err);
			status = 1;
		}
	}
	free_all(a, data, lens);
	free(prog);
	return status;
}

static int cmd_encode(struct args *a)
{
	if (a->nr_files != 1) {
		error("encode takes one TEXTFILE (%d given)", a->nr_files);
		return 2;
	}
	if (!a->out) {
		error("encode needs -o OUT: the bytes are written to a file");
		return 2;
	}
	if (refuse_overwrite(a->out, a->files, 1))
		return 1;

	size_t *lens;
	char **data = read_all(a, &lens);
	struct rf_program *prog = malloc(sizeof(*prog));
	uint8_t *bytes = NULL;
	size_t need = 0;
	char err[512];
	int status = 1;

	if (!data || !prog)
		goto out;
	if (parse(a->files[0], data[0], lens[0], prog))
		goto out;
	need = rf_encode(prog, NULL, 0);
	if (!need) {
		/* Not reached: everything the parser accepts encodes. */
		error("%s: the program cannot be encoded", a->files[0]);
		goto out;
	}
	if (!(bytes = malloc(need))) {
		error("out of memory");
		goto out;
	}
	rf_encode(prog, bytes, need);
	if (rf_write_file(a->out, bytes, need, err, sizeof(err)))
		error("%s", err);
	else
		status = 0;
out:
	if (data)
		free_all(a, data, lens);
	free(bytes);
	free(prog);
	return status;
}

/* ---- dict ---- */

#define DICT_MAX_TOKENS 256
#define TOKEN_MAX 32

struct token {
	uint8_t b[TOKEN_MAX];
	size_t len;
	unsigned long seen;
};

struct dict {
	struct token t[DICT_MAX_TOKENS];
	size_t n;
	unsigned long dropped;
};

static void dict_add(struct dict *d, const uint8_t *b, size_t len)
{
	if (len > TOKEN_MAX)
		return;
	for (size_t i = 0; i < d->n; i++) {
		if (d->t[i].len == len && !memcmp(d->t[i].b, b, len)) {
			d->t[i].seen++;
			return;
		}
	}
	if (d->n == DICT_MAX_TOKENS) {
		d->dropped++;
		return;
	}
	memcpy(d->t[d->n].b, b, len);
	d->t[d->n].len = len;
	d->t[d->n++].seen = 1;
}

static int by_seen(const void *a, const void *b)
{
	const struct token *x = a, *y = b;

	if (x->seen != y->seen)
		return x->seen > y->seen ? -1 : 1;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(x->b, y->b, x->len);
}

static int cmd_dict(struct args *a)
{
	if (!a->nr_files) {
		error("dict needs at least one TEXTFILE");
		return 2;
	}
	if (!a->out) {
		error("dict needs -o OUT");
		return 2;
	}
	if (refuse_overwrite(a->out, a->files, a->nr_files))
		return 1;

	size_t *lens;
	char **data = read_all(a, &lens);
	struct rf_program *prog = malloc(sizeof(*prog));
	struct dict *d = calloc(1, sizeof(*d));
	struct rf_output o;
	char err[512];
	int status = 1;

	if (!data || !prog || !d)
		goto out;
	for (int i = 0; i < a->nr_files; i++) {
		uint8_t head[64], op[TOKEN_MAX];
		size_t n;

		if (parse(a->files[i], data[i], lens[i], prog))
			goto out;
		/* The header alone: a program with no ops is exactly its header. */
		uint32_t nr_ops = prog->nr_ops;

		prog->nr_ops = 0;
		n = rf_encode(prog, head, sizeof(head));
		prog->nr_ops = nr_ops;
		if (n && n <= sizeof(head))
			dict_add(d, head, n);
		for (uint32_t k = 0; k < prog->nr_ops; k++)
			if ((n = rf_encode_op(&prog->geo, &prog->ops[k], op, sizeof(op))) &&
			    n <= sizeof(op))
				dict_add(d, op, n);
	}
	qsort(d->t, d->n, sizeof(d->t[0]), by_seen);
	if (rf_output_open(&o, a->out, err, sizeof(err))) {
		error("%s", err);
		goto out;
	}
	fprintf(o.f, "# regionfuzz dictionary: canonical ops and geometry headers of %d program%s,\n"
		     "# most frequent first (rf-text dict).%s\n",
		a->nr_files, a->nr_files == 1 ? "" : "s",
		d->dropped ? "  Rarer tokens past the first 256 were left out." : "");
	for (size_t i = 0; i < d->n; i++) {
		fprintf(o.f, "t%zu=\"", i);
		for (size_t k = 0; k < d->t[i].len; k++)
			fprintf(o.f, "\\x%02x", d->t[i].b[k]);
		fprintf(o.f, "\"\n");
	}
	if (rf_output_commit(&o, err, sizeof(err)))
		error("%s", err);
	else
		status = 0;
out:
	if (data)
		free_all(a, data, lens);
	free(prog);
	free(d);
	return status;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(struct args *a);
	} cmds[] = { { "decode", cmd_decode }, { "encode", cmd_encode }, { "dict", cmd_dict } };
	struct args a = { 0 };
	int status = -1;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return 0;
		}
	}
	for (size_t c = 0; c < sizeof(cmds) / sizeof(cmds[0]); c++) {
		if (strcmp(argv[1], cmds[c].name))
			continue;
		if (parse_args(argc, argv, &a)) {
			free(a.files);
			return 2;
		}
		if (a.target && cmds[c].fn != cmd_decode) {
			error("--target is for decode only: text means the same to every target");
			free(a.files);
			return 2;
		}
		status = cmds[c].fn(&a);
		free(a.files);
		return status;
	}
	error("unknown command '%s' (decode, encode or dict; --help for more)", argv[1]);
	return 2;
}
