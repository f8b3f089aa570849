// SPDX-License-Identifier: MIT
/* The op and check tables, and an op as one line of the text form. */
#include <regionfuzz/oracle.h>

static const struct {
	const char *name;
	unsigned int fields;
	const char *help;
} ops[RF_OP_NR] = {
#define OP(name, text, fields, help) [RF_OP_##name] = { text, fields, help },
#include <regionfuzz/ops.def>
#undef OP
};

static const struct {
	const char *id, *layer, *help;
} checks[RF_CHECK_NR] = {
#define CHECKID(name, id, layer, help) [RF_CHECK_##name] = { id, layer, help },
#include <regionfuzz/checks.def>
#undef CHECKID
};

const char *rf_op_name(enum rf_op_kind kind)
{
	return kind < RF_OP_NR ? ops[kind].name : "?";
}

unsigned int rf_op_fields(enum rf_op_kind kind)
{
	return kind < RF_OP_NR ? ops[kind].fields : 0;
}

const char *rf_op_help(enum rf_op_kind kind)
{
	return kind < RF_OP_NR ? ops[kind].help : "";
}

const char *rf_check_id(enum rf_check c)
{
	return c < RF_CHECK_NR ? checks[c].id : "?";
}

const char *rf_check_layer(enum rf_check c)
{
	return c < RF_CHECK_NR ? checks[c].layer : "?";
}

const char *rf_check_help(enum rf_check c)
{
	return c < RF_CHECK_NR ? checks[c].help : "";
}

/* Fields print in one fixed order, so that text parses back to the same op. */
int rf_op_format(char *buf, size_t len, const struct rf_op *op)
{
	unsigned int fl = rf_op_fields(op->kind);
	size_t n = 0;

#define PUT(...) (n += (size_t)snprintf(buf + n, n < len ? len - n : 0, __VA_ARGS__))
	PUT("%s", rf_op_name(op->kind));
	if (fl & F_ZONE)
		PUT(" zone=%u", op->zone);
	if (fl & F_HANDLE)
		PUT(" handle=%u", (unsigned int)op->handle);
	if (fl & F_PFN)
		PUT(" pfn=%#lx", op->pfn);
	if (fl & F_END)
		PUT(" end=%#lx", op->end);
	if (fl & F_ORDER)
		PUT(" order=%u", op->order);
	if (fl & F_QUOTA)
		PUT(" quota=%u", op->quota);
	if (fl & F_REGION)
		PUT(" region=%d", op->region);
	if ((fl & F_MT) && op->mt >= 0 && op->mt < MIGRATE_TYPES)
		PUT(" mt=%s", rf_migratetype_name(op->mt));
	else if (fl & F_MT)
		PUT(" mt=%d", op->mt);
#undef PUT
	return (int)n;
}

void rf_op_print(FILE *f, const struct rf_op *op)
{
	char line[200];

	rf_op_format(line, sizeof(line), op);
	fputs(line, f);
}
