// SPDX-License-Identifier: MIT
/*
 * The engine's options (options.def) by name: for messages, and for the
 * option strings users write -- "clean", "faithful", "clean-V2",
 * "clean+INJECT_NR_DELTA", "0x1f" -- in environment variables, script
 * arguments and the expectations of regression files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <regionfuzz/engine.h>

static const struct {
	const char *name, *finding, *help;
} options[64] = {
#define FIX(name, bit, finding, help) [bit] = { "FIX_" #name, finding, help },
#define INJECT(name, bit, help) [bit] = { "INJECT_" #name, "", help },
#include <regionfuzz/options.def>
#undef FIX
#undef INJECT
};

const char *rf_option_name(unsigned int bit)
{
	return bit < 64 ? options[bit].name : NULL;
}

const char *rf_option_finding(unsigned int bit)
{
	return bit < 64 ? options[bit].finding : NULL;
}

const char *rf_option_help(unsigned int bit)
{
	return bit < 64 ? options[bit].help : NULL;
}

/* The bit named @name (of @len chars): "FIX_REGION_ALIGN", "REGION_ALIGN",
 * its finding "V1", "INJECT_NR_DELTA" or "NR_DELTA"; -1 if none. */
static int option_bit(const char *name, size_t len)
{
	for (unsigned int b = 0; b < 64; b++) {
		const char *n = options[b].name, *f = options[b].finding;

		if (!n)
			continue;

		const char *bare = strchr(n, '_') + 1;

		if ((strlen(n) == len && !strncmp(n, name, len)) ||
		    (strlen(bare) == len && !strncmp(bare, name, len)) ||
		    (*f && strlen(f) == len && !strncmp(f, name, len)))
			return (int)b;
	}
	return -1;
}

int rf_options_parse(const char *s, unsigned long *out, char *err, size_t errlen)
{
	unsigned long v;
	const char *p = s;
	char *end;

	if (!strncmp(p, "clean", 5)) {
		v = RF_OPT_FIXES;
		p += 5;
	} else if (!strncmp(p, "faithful", 8)) {
		v = 0;
		p += 8;
	} else if (*p >= '0' && *p <= '9') {
		v = strtoul(p, &end, 0);
		p = end;
	} else {
		snprintf(err, errlen, "options '%s': start with 'clean', 'faithful' or a number", s);
		return RF_EINVAL;
	}
	while (*p) {
		char sign = *p++;
		size_t len = strcspn(p, "+-");
		int bit = option_bit(p, len);

		if ((sign != '+' && sign != '-') || !len) {
			snprintf(err, errlen, "options '%s': expected +NAME or -NAME at '%s'", s, p - 1);
			return RF_EINVAL;
		}
		if (bit < 0) {
			snprintf(err, errlen,
				 "options '%s': no option '%.*s' (a finding such as V2, or a name such "
				 "as FIX_REGION_ALIGN or INJECT_NR_DELTA)", s, (int)len, p);
			return RF_EINVAL;
		}
		v = sign == '+' ? v | 1UL << bit : v & ~(1UL << bit);
		p += len;
	}
	if (v & ~RF_OPT_ALL) {
		snprintf(err, errlen, "options '%s': bits 0x%lx name no option", s, v & ~RF_OPT_ALL);
		return RF_EINVAL;
	}
	*out = v;
	return RF_OK;
}

int rf_options_format(unsigned long v, char *buf, size_t len)
{
	/* From whichever base needs fewer terms. */
	unsigned long base = __builtin_popcountl(v ^ RF_OPT_FIXES) <= __builtin_popcountl(v)
				     ? RF_OPT_FIXES : 0;
	int n = snprintf(buf, len, "%s", base ? "clean" : "faithful");

	for (unsigned int b = 0; b < 64; b++) {
		unsigned long bit = 1UL << b;
		const char *name = options[b].name;

		if (!((v ^ base) & bit) || !name)
			continue;

		size_t at = n < 0 ? 0 : (size_t)n;

		n += snprintf(at < len ? buf + at : NULL, at < len ? len - at : 0, "%c%s",
			      v & bit ? '+' : '-', *options[b].finding ? options[b].finding : name);
	}
	return n;
}
