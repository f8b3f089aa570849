// SPDX-License-Identifier: MIT
/*
 * The text form of a program (format.h): rf_program_print() and
 * rf_program_parse().
 *
 *   # regionfuzz program, format 1
 *   geometry max_order=11 pageblock_order=9 region_shift=10 start=0x0 pages=4096
 *   zones 0x0 0x800
 *   holes 0x10-0x20
 *   reserved 0x30-0x31
 *   modes both
 *   alloc zone=0 order=3 mt=MOVABLE
 *   free handle=5
 *
 * The parser is strict, and says what it refuses: the first error ends the
 * parse with "line N: <the token as written>: <what a program holds>".
 *
 *  - '#' starts a comment to the end of the line; blank lines are skipped.
 *  - The header comes first: the geometry line before anything else, then
 *    zones and modes (required) and holes and reserved (optional, at most
 *    two ranges each), each line once, in any order, all before the first
 *    operation.
 *  - "geometry" and op lines are key=value words; the keys may come in any
 *    order, but each the line needs must be there exactly once, and no other.
 *  - Numbers are decimal or 0x hex; a '-' only where -1 is meant (mt, region).
 *    mt is UNMOVABLE, RECLAIMABLE, MOVABLE, RESERVE, ISOLATE or -1..4.
 *  - Holes and reserved ranges are first-end, half open: 0x10-0x20 is 16 pages.
 *  - Every value must lie in the ranges of format.h (format_ranges.c), the
 *    same ranges rf_encode() accepts: a program that parses always encodes.
 */
#include <stdarg.h>
#include <string.h>

#include "format_internal.h"

#define MAX_LINE 1024
#define MAX_WORDS 32

/* The fields of an op, in rf_op_format()'s order. */
static const struct {
	const char *key;
	unsigned int field;
} op_keys[] = {
	{ "zone", F_ZONE },	{ "handle", F_HANDLE }, { "pfn", F_PFN },	{ "end", F_END },
	{ "order", F_ORDER },	{ "quota", F_QUOTA },	{ "region", F_REGION }, { "mt", F_MT },
};
#define NR_OP_KEYS (sizeof(op_keys) / sizeof(op_keys[0]))

static const char *modes_name(unsigned int modes)
{
	switch (modes) {
	case RF_RUN_VANILLA:
		return "vanilla";
	case RF_RUN_V4:
		return "v4";
	case RF_RUN_BOTH:
		return "both";
	}
	return NULL;
}

/* ------------------------------------------------------------ print */

static unsigned int at_most(unsigned int n, unsigned int max)
{
	return n < max ? n : max;
}

static void print_ranges(FILE *f, const char *what, unsigned int nr,
			 const struct rf_pfn_range *r)
{
	if (!nr)
		return;
	fputs(what, f);
	for (unsigned int i = 0; i < at_most(nr, RF_MAX_RANGES); i++)
		fprintf(f, " 0x%lx-0x%lx", r[i].start, r[i].end);
	fputc('\n', f);
}

void rf_program_print(FILE *f, const struct rf_program *prog)
{
	const struct rf_geometry *g = &prog->geo;
	const char *modes = modes_name(prog->modes);
	uint32_t nr_ops = prog->nr_ops < RF_PROGRAM_MAX_OPS ? prog->nr_ops : RF_PROGRAM_MAX_OPS;
	/* Two comment lines, geometry, zones, holes and reserved if any, modes. */
	unsigned int first_op_line = 5 + (g->nr_holes > 0) + (g->nr_reserved > 0) + 1;

	fprintf(f, "# regionfuzz program, format %d\n", RF_FORMAT_VERSION);
	if (nr_ops)
		fprintf(f, "# %lu operation%s: op i is on line %u + i\n", (unsigned long)nr_ops,
			nr_ops == 1 ? "" : "s", first_op_line);
	else
		fprintf(f, "# no operations\n");
	fprintf(f, "geometry max_order=%u pageblock_order=%u region_shift=%u start=0x%lx pages=%lu\n",
		g->max_order, g->pageblock_order, g->region_shift, g->node_start_pfn,
		g->node_spanned_pages);
	fputs("zones", f);
	for (unsigned int i = 0; i < at_most(g->nr_zones, RF_MAX_ZONES); i++)
		fprintf(f, " 0x%lx", g->zone_start_pfn[i]);
	fputc('\n', f);
	print_ranges(f, "holes", g->nr_holes, g->holes);
	print_ranges(f, "reserved", g->nr_reserved, g->reserved);
	if (modes)
		fprintf(f, "modes %s\n", modes);
	else
		fprintf(f, "modes %u\n", prog->modes);	/* not a program's: parse refuses it */
	for (uint32_t i = 0; i < nr_ops; i++) {
		rf_op_print(f, &prog->ops[i]);
		fputc('\n', f);
	}
}

/* ------------------------------------------------------------ parse */

enum header { H_GEOMETRY, H_ZONES, H_HOLES, H_RESERVED, H_MODES, NR_HEADER };
static const char *const header_names[NR_HEADER] = {
	[H_GEOMETRY] = "geometry", [H_ZONES] = "zones", [H_HOLES] = "holes",
	[H_RESERVED] = "reserved", [H_MODES] = "modes",
};

struct parser {
	struct rf_program *prog;
	char *err;
	size_t errlen;
	unsigned int line;
	unsigned int seen[NR_HEADER];	/* the line of each header line, 0: not yet */
	unsigned int first_op_line;
};

__attribute__((format(printf, 2, 3)))
static int fail(struct parser *ps, const char *fmt, ...)
{
	if (ps->err && ps->errlen) {
		int n = snprintf(ps->err, ps->errlen, "line %u: ", ps->line);
		va_list ap;

		if (n >= 0 && (size_t)n < ps->errlen) {
			va_start(ap, fmt);
			vsnprintf(ps->err + n, ps->errlen - (size_t)n, fmt, ap);
			va_end(ap);
		}
	}
	return -1;
}

static int digit(char c, unsigned int base)
{
	int d = c >= '0' && c <= '9' ? c - '0'
		: c >= 'a' && c <= 'f' ? c - 'a' + 10
		: c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;

	return d < (int)base ? d : -1;
}

/*
 * Decimal or 0x hex, with an optional '-'; false when @s is not a number.
 * Values saturate at 2^40, beyond every range a program has, so that an
 * overlong number is reported as out of range rather than wrapped.
 */
static bool number(const char *s, long *out)
{
	const unsigned long limit = 1UL << 40;
	unsigned long v = 0;
	unsigned int base = 10;
	bool neg = *s == '-';

	if (neg)
		s++;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return false;
	for (; *s; s++) {
		int d = digit(*s, base);

		if (d < 0)
			return false;
		v = v * base + (unsigned long)d;
		if (v > limit)
			v = limit;
	}
	*out = neg ? -(long)v : (long)v;
	return true;
}

static bool migratetype(const char *s, long *out)
{
	for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
		if (!strcmp(s, rf_migratetype_name(mt))) {
			*out = mt;
			return true;
		}
	}
	return number(s, out);
}

/* "zone, order, mt": the keys of @fields, in rf_op_format()'s order. */
static const char *key_list(unsigned int fields, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < NR_OP_KEYS; i++)
		if (fields & op_keys[i].field)
			n += (size_t)snprintf(buf + n, n < len ? len - n : 0, "%s%s",
					      n ? ", " : "", op_keys[i].key);
	return buf;
}

/* One key=value word: the key's length and its value, after the '='. */
static bool split(const char *word, size_t *keylen, const char **value)
{
	const char *eq = strchr(word, '=');

	if (!eq || eq == word)
		return false;
	*keylen = (size_t)(eq - word);
	*value = eq + 1;
	return true;
}

static bool key_is(const char *word, size_t keylen, const char *key)
{
	return strlen(key) == keylen && !strncmp(word, key, keylen);
}

/* ---- the geometry line */

enum { G_MAX_ORDER, G_PAGEBLOCK_ORDER, G_REGION_SHIFT, G_START, G_PAGES, NR_G };
static const char *const geometry_keys[NR_G] = {
	"max_order", "pageblock_order", "region_shift", "start", "pages",
};

static int parse_geometry(struct parser *ps, char **w, unsigned int nw)
{
	const char *tok[NR_G] = { NULL };
	long v[NR_G] = { 0 };
	struct rf_geometry *g = &ps->prog->geo;
	const char *all = "max_order, pageblock_order, region_shift, start, pages";

	for (unsigned int i = 1; i < nw; i++) {
		size_t kl;
		const char *val;
		unsigned int k;

		if (!split(w[i], &kl, &val))
			return fail(ps, "'%.60s' is not key=value (geometry takes %s)", w[i], all);
		for (k = 0; k < NR_G; k++)
			if (key_is(w[i], kl, geometry_keys[k]))
				break;
		if (k == NR_G)
			return fail(ps, "geometry: unknown field '%.*s' (geometry takes %s)",
				    (int)(kl > 40 ? 40 : kl), w[i], all);
		if (tok[k])
			return fail(ps, "geometry: %s= given twice", geometry_keys[k]);
		if (!number(val, &v[k]))
			return fail(ps, "%.60s: not a number (decimal, or hex as 0x1f)", w[i]);
		tok[k] = w[i];
	}
	for (unsigned int k = 0; k < NR_G; k++)
		if (!tok[k])
			return fail(ps, "geometry: missing %s= (geometry takes %s)", geometry_keys[k],
				    all);

	long mo = v[G_MAX_ORDER], pbo = v[G_PAGEBLOCK_ORDER], rs = v[G_REGION_SHIFT];
	long pages = v[G_PAGES], start = v[G_START];

	if (mo < 2 || mo > RF_MAX_MAX_ORDER)
		return fail(ps, "%.60s: a program holds MAX_ORDER 2..%d", tok[G_MAX_ORDER],
			    RF_MAX_MAX_ORDER);
	if (pbo < 1 || pbo > mo - 1)
		return fail(ps, "%.60s: a program holds pageblock_order 1..%ld with MAX_ORDER %ld",
			    tok[G_PAGEBLOCK_ORDER], mo - 1, mo);
	if (pages < (long)RF_FUZZ_MIN_PAGES || pages > (long)RF_FUZZ_MAX_PAGES)
		return fail(ps, "%.60s: a program holds nodes of %lu..%lu pages", tok[G_PAGES],
			    RF_FUZZ_MIN_PAGES, RF_FUZZ_MAX_PAGES);
	if (start < 0 || start > (long)RF_FUZZ_MAX_START_PFN)
		return fail(ps, "%.60s: a program holds node starts 0x0..0x%lx", tok[G_START],
			    RF_FUZZ_MAX_START_PFN);

	struct rf_fmt_range r = rf_fmt_region_shift_range((unsigned int)mo, (unsigned long)pages);
	long least = (long)rf_fmt_min_region_shift((unsigned long)pages);

	if (rs < mo - 1)
		return fail(ps, "%.60s is too small: a region holds a MAX_ORDER-1 block, so "
				"MAX_ORDER %ld needs at least %ld", tok[G_REGION_SHIFT], mo, mo - 1);
	if (rs < least)
		return fail(ps, "%.60s is too small: this node needs at least %ld to stay within %d "
				"regions", tok[G_REGION_SHIFT], least, RF_FUZZ_MAX_REGIONS);
	if (rs > r.hi) {
		if (r.lo == r.hi)
			return fail(ps, "%.60s is too large: this node holds region_shift %ld only "
					"(the least within %d regions, above MAX_ORDER-1 + %d)",
				    tok[G_REGION_SHIFT], r.lo, RF_FUZZ_MAX_REGIONS,
				    RF_FUZZ_REGION_EXTRA);
		return fail(ps, "%.60s is too large: a program holds region_shift %ld..%ld here "
				"(MAX_ORDER-1 plus up to %d)", tok[G_REGION_SHIFT], r.lo, r.hi,
			    RF_FUZZ_REGION_EXTRA);
	}

	memset(g, 0, sizeof(*g));
	g->max_order = (unsigned int)mo;
	g->pageblock_order = (unsigned int)pbo;
	g->region_shift = (unsigned int)rs;
	g->node_start_pfn = (unsigned long)start;
	g->node_spanned_pages = (unsigned long)pages;
	/* One zone until the zones line says otherwise. */
	g->nr_zones = 1;
	g->zone_start_pfn[0] = g->node_start_pfn;
	return 0;
}

/* ---- zones, holes, reserved, modes */

static int parse_zones(struct parser *ps, char **w, unsigned int nw)
{
	struct rf_geometry *g = &ps->prog->geo;
	unsigned long end = g->node_start_pfn + g->node_spanned_pages;

	if (nw < 2)
		return fail(ps, "zones: no zone start given (zone 0 starts at the node start 0x%lx)",
			    g->node_start_pfn);
	if (nw - 1 > RF_FUZZ_MAX_ZONES)
		return fail(ps, "%u zones: a program holds 1..%d", nw - 1, RF_FUZZ_MAX_ZONES);
	for (unsigned int i = 0; i < nw - 1; i++) {
		long v;

		if (!number(w[i + 1], &v))
			return fail(ps, "zones: '%.60s' is not a number (decimal, or hex as 0x1f)",
				    w[i + 1]);
		if (i == 0 && v != (long)g->node_start_pfn)
			return fail(ps, "zone 0 starts at %.60s, not at the node start 0x%lx",
				    w[1], g->node_start_pfn);
		if (i > 0 && (v <= (long)g->zone_start_pfn[i - 1] || v >= (long)end))
			return fail(ps, "zone %u starts at %.60s: zones are non-empty, in order, "
					"inside the node [0x%lx, 0x%lx)", i, w[i + 1],
				    g->node_start_pfn, end);
		g->zone_start_pfn[i] = (unsigned long)v;
	}
	g->nr_zones = nw - 1;
	return 0;
}

static int parse_ranges(struct parser *ps, char **w, unsigned int nw, const char *what,
			unsigned int max_nr, unsigned long max_len, unsigned int *nr,
			struct rf_pfn_range *out)
{
	const struct rf_geometry *g = &ps->prog->geo;
	unsigned long end = g->node_start_pfn + g->node_spanned_pages;

	if (nw - 1 > max_nr)
		return fail(ps, "%u %s ranges: a program holds 0..%u", nw - 1, what, max_nr);
	for (unsigned int i = 0; i < nw - 1; i++) {
		char first[MAX_LINE];
		const char *word = w[i + 1], *dash = strchr(word, '-');
		long a, b;

		if (!dash || dash == word)
			return fail(ps, "%s: '%.60s' is not a range first-end (half open, as "
					"0x10-0x20)", what, word);
		memcpy(first, word, (size_t)(dash - word));
		first[dash - word] = '\0';
		if (!number(first, &a) || !number(dash + 1, &b) || a < 0 || b < 0)
			return fail(ps, "%s: '%.60s' is not a range first-end (half open, as "
					"0x10-0x20)", what, word);
		if (b <= a)
			return fail(ps, "%s range %.60s is empty or reversed (first-end, end "
					"excluded)", what, word);
		if (a < (long)g->node_start_pfn || b > (long)end)
			return fail(ps, "%s range %.60s is outside the node [0x%lx, 0x%lx)", what, word,
				    g->node_start_pfn, end);
		if (b - a > (long)max_len)
			return fail(ps, "%s range %.60s spans %ld pages: a program holds %s ranges "
					"of 1..%lu pages", what, word, b - a, what, max_len);
		out[i] = (struct rf_pfn_range){ (unsigned long)a, (unsigned long)b };
	}
	*nr = nw - 1;
	return 0;
}

static int parse_modes(struct parser *ps, char **w, unsigned int nw)
{
	if (nw != 2)
		return fail(ps, "modes takes one word: vanilla, v4 or both");
	for (unsigned int m = RF_RUN_VANILLA; m <= RF_RUN_BOTH; m++) {
		if (!strcmp(w[1], modes_name(m))) {
			ps->prog->modes = m;
			return 0;
		}
	}
	return fail(ps, "modes %.60s: a program runs on vanilla, v4 or both", w[1]);
}

/* ---- op lines */

static int range_error(struct parser *ps, enum rf_op_kind kind, unsigned int field,
		       const char *tok, struct rf_fmt_range r)
{
	const struct rf_geometry *g = &ps->prog->geo;
	unsigned long end = g->node_start_pfn + g->node_spanned_pages;

	switch (field) {
	case F_ZONE:
		return fail(ps, "%.60s: a program holds zones 0..%ld with %u zone%s", tok, r.hi,
			    g->nr_zones, g->nr_zones == 1 ? "" : "s");
	case F_ORDER:
		return fail(ps, "%.60s: a program holds orders 0..%ld with MAX_ORDER %u", tok, r.hi,
			    g->max_order);
	case F_MT:
		return fail(ps, "%.60s: a program holds mt -1..%ld (UNMOVABLE, RECLAIMABLE, "
				"MOVABLE, RESERVE, ISOLATE, or a number)", tok, r.hi);
	case F_HANDLE:
		return fail(ps, "%.60s: a program holds handles 0..%ld", tok, r.hi);
	case F_PFN:
		return fail(ps, "%.60s: a program holds pfns 0x%lx..0x%lx: the node [0x%lx, 0x%lx) "
				"and %lu past it", tok, r.lo, r.hi, g->node_start_pfn, end,
			    RF_FUZZ_PFN_PAST);
	case F_END:
		return fail(ps, "%.60s: %s holds end %s, here 0x%lx..0x%lx", tok, rf_op_name(kind),
			    kind == RF_OP_MOVE ? "pfn .. pfn + pages - 1 (inclusive)"
					       : "pfn + 1 .. pfn + pages",
			    r.lo, r.hi);
	case F_QUOTA:
		return fail(ps, "%.60s: a program holds quotas 0..%ld pageblocks", tok, r.hi);
	case F_REGION:
		return fail(ps, "%.60s: a program holds regions -1..%ld (-1: the lowest held)", tok,
			    r.hi);
	}
	return fail(ps, "%.60s: out of range", tok);
}

static int parse_op(struct parser *ps, enum rf_op_kind kind, char **w, unsigned int nw)
{
	const struct rf_geometry *g = &ps->prog->geo;
	const char *name = rf_op_name(kind);
	unsigned int fields = rf_op_fields(kind);
	const char *tok[NR_OP_KEYS] = { NULL };
	long v[NR_OP_KEYS] = { 0 };
	char keys[80], takes[112];

	if (fields)
		snprintf(takes, sizeof(takes), "%s takes %s", name,
			 key_list(fields, keys, sizeof(keys)));
	else
		snprintf(takes, sizeof(takes), "%s takes no fields", name);

	for (unsigned int h = 0; h < NR_HEADER; h++) {
		if (h != H_HOLES && h != H_RESERVED && !ps->seen[h])
			return fail(ps, "%s before the '%s' line: the header (geometry, zones, "
					"modes; holes and reserved if any) comes first",
				    name, header_names[h]);
	}
	if (ps->prog->nr_ops >= RF_FUZZ_MAX_OPS)
		return fail(ps, "%s: operation %u: a program holds at most %d operations", name,
			    ps->prog->nr_ops + 1, RF_FUZZ_MAX_OPS);

	for (unsigned int i = 1; i < nw; i++) {
		size_t kl;
		const char *val;
		unsigned int k;

		if (!split(w[i], &kl, &val))
			return fail(ps, "'%.60s' is not key=value (%s)", w[i], takes);
		for (k = 0; k < NR_OP_KEYS; k++)
			if (key_is(w[i], kl, op_keys[k].key))
				break;
		if (k == NR_OP_KEYS)
			return fail(ps, "%s: unknown field '%.*s' (%s)", name,
				    (int)(kl > 40 ? 40 : kl), w[i], takes);
		if (!(fields & op_keys[k].field))
			return fail(ps, "%s takes no %s= (%s)", name, op_keys[k].key, takes);
		if (tok[k])
			return fail(ps, "%s: %s= given twice", name, op_keys[k].key);
		if (op_keys[k].field == F_MT) {
			if (!migratetype(val, &v[k]))
				return fail(ps, "%.60s: not a migratetype (UNMOVABLE, RECLAIMABLE, "
						"MOVABLE, RESERVE, ISOLATE, or -1..%d)", w[i],
					    MIGRATE_TYPES - 1);
		} else if (!number(val, &v[k])) {
			return fail(ps, "%.60s: not a number (decimal, or hex as 0x1f)", w[i]);
		}
		tok[k] = w[i];
	}

	struct rf_op *op = &ps->prog->ops[ps->prog->nr_ops];

	memset(op, 0, sizeof(*op));
	op->kind = kind;
	for (unsigned int k = 0; k < NR_OP_KEYS; k++) {
		unsigned int f = op_keys[k].field;

		if (!(fields & f))
			continue;
		if (!tok[k])
			return fail(ps, "%s: missing %s= (%s)", name, op_keys[k].key, takes);

		/* In this order pfn is set before end's range is asked for. */
		struct rf_fmt_range r = rf_fmt_field_range(g, kind, f, op->pfn);

		if (v[k] < r.lo || v[k] > r.hi)
			return range_error(ps, kind, f, tok[k], r);
		switch (f) {
		case F_ZONE:
			op->zone = (unsigned int)v[k];
			break;
		case F_HANDLE:
			op->handle = (uint32_t)v[k];
			break;
		case F_PFN:
			op->pfn = (unsigned long)v[k];
			break;
		case F_END:
			op->end = (unsigned long)v[k];
			break;
		case F_ORDER:
			op->order = (unsigned int)v[k];
			break;
		case F_QUOTA:
			op->quota = (unsigned int)v[k];
			break;
		case F_REGION:
			op->region = (int)v[k];
			break;
		case F_MT:
			op->mt = (int)v[k];
			break;
		}
	}
	ps->prog->nr_ops++;
	if (!ps->first_op_line)
		ps->first_op_line = ps->line;
	return 0;
}

/* ---- lines */

static int parse_header(struct parser *ps, enum header h, char **w, unsigned int nw)
{
	struct rf_geometry *g = &ps->prog->geo;

	if (ps->seen[h])
		return fail(ps, "a second '%s' line (the first is line %u)", header_names[h],
			    ps->seen[h]);
	if (h != H_GEOMETRY && !ps->seen[H_GEOMETRY])
		return fail(ps, "'%s' before the geometry line: a program starts with 'geometry "
				"max_order=... pageblock_order=... region_shift=... start=... "
				"pages=...'", header_names[h]);
	if (ps->first_op_line)
		return fail(ps, "'%s' after the operations (the first is on line %u): the header "
				"comes first", header_names[h], ps->first_op_line);
	ps->seen[h] = ps->line;
	switch (h) {
	case H_GEOMETRY:
		return parse_geometry(ps, w, nw);
	case H_ZONES:
		return parse_zones(ps, w, nw);
	case H_HOLES:
		return parse_ranges(ps, w, nw, "hole", RF_FUZZ_MAX_HOLES, RF_FUZZ_MAX_HOLE_PAGES,
				    &g->nr_holes, g->holes);
	case H_RESERVED:
		return parse_ranges(ps, w, nw, "reserved", RF_FUZZ_MAX_RESERVED,
				    RF_FUZZ_MAX_RESERVED_PAGES, &g->nr_reserved, g->reserved);
	case H_MODES:
		return parse_modes(ps, w, nw);
	case NR_HEADER:
		break;
	}
	return -1;
}

static int parse_line(struct parser *ps, char *line)
{
	char *w[MAX_WORDS];
	unsigned int nw = 0;
	char *hash = strchr(line, '#');

	if (hash)
		*hash = '\0';
	for (char *s = line;;) {
		while (*s && strchr(" \t\r\v\f", *s))
			s++;
		if (!*s)
			break;
		if (nw == MAX_WORDS)
			return fail(ps, "more than %d words", MAX_WORDS);
		w[nw++] = s;
		while (*s && !strchr(" \t\r\v\f", *s))
			s++;
		if (*s)
			*s++ = '\0';
	}
	if (!nw)
		return 0;

	for (unsigned int h = 0; h < NR_HEADER; h++)
		if (!strcmp(w[0], header_names[h]))
			return parse_header(ps, (enum header)h, w, nw);
	for (unsigned int k = 0; k < RF_OP_NR; k++) {
		if (!strcmp(w[0], rf_op_name((enum rf_op_kind)k))) {
			if (!ps->seen[H_GEOMETRY])
				return fail(ps, "'%s' before the geometry line: a program starts with "
						"'geometry ...'", w[0]);
			return parse_op(ps, (enum rf_op_kind)k, w, nw);
		}
	}

	char ops[400];
	size_t n = 0;

	ops[0] = '\0';
	for (unsigned int k = 0; k < RF_OP_NR; k++)
		n += (size_t)snprintf(ops + n, n < sizeof(ops) ? sizeof(ops) - n : 0, "%s%s",
				      k ? ", " : "", rf_op_name((enum rf_op_kind)k));
	return fail(ps, "unknown line '%.40s': expected geometry, zones, holes, reserved, modes or "
			"an operation (%s)", w[0], ops);
}

int rf_program_parse(const char *text, struct rf_program *prog, char *err, size_t errlen)
{
	struct parser ps = { .prog = prog, .err = err, .errlen = errlen };
	char line[MAX_LINE];

	if (err && errlen)
		err[0] = '\0';
	memset(&prog->geo, 0, sizeof(prog->geo));
	prog->modes = 0;
	prog->nr_ops = 0;
	if (!text)
		text = "";
	for (const char *s = text; *s;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);

		ps.line++;
		if (len >= sizeof(line))
			return fail(&ps, "longer than %zu characters", sizeof(line) - 1);
		memcpy(line, s, len);
		line[len] = '\0';
		if (parse_line(&ps, line))
			return -1;
		s += len + (nl ? 1 : 0);
	}

	if (!ps.line)
		ps.line = 1;
	for (unsigned int h = 0; h < NR_HEADER; h++)
		if (h != H_HOLES && h != H_RESERVED && !ps.seen[h])
			return fail(&ps, "the text ends with no '%s' line", header_names[h]);

	/* Every line was checked on its own; this is the whole, as encode sees it. */
	char why[200];

	if (rf_geometry_check(&prog->geo, why, sizeof(why)))
		return fail(&ps, "the geometry is refused: %s", why);
	if (!rf_fmt_geometry_ok(&prog->geo))
		return fail(&ps, "the geometry is outside the fuzzing ranges of format.h");
	return 0;
}
