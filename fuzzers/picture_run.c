// SPDX-License-Identifier: MIT
/*
 * The state a picture shows: the program run again under the oracle, one op
 * at a time, stopping where the first run stopped.  The oracle keeps its
 * nodes to itself; its before_op hook is the one place that hands them out,
 * so the hook only notes them -- nothing here changes a node -- and the
 * picture is read through the introspection API before the session closes
 * and the nodes go back to the set-up cache.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fileio.h"
#include "picture.h"

struct nodes {
	struct rf_node *node[2];	/* [enum rf_mode], once an op has run */
};

static void note_nodes(uint32_t op_index, struct rf_node *vanilla, struct rf_node *v4,
		       void *reference, void *ctx)
{
	struct nodes *n = ctx;

	(void)op_index;
	(void)reference;
	n->node[RF_MODE_VANILLA] = vanilla;
	n->node[RF_MODE_V4] = v4;
}

/* The session's result keeps the failure; this only stops the abort. */
static void keep_failure(const struct rf_failure *f, void *ctx)
{
	(void)f;
	(void)ctx;
}

int rf_picture_file(const struct rf_target *t, const struct rf_program *prog, const char *file,
		    const struct rf_outcome *o, const char *out, char *err, size_t errlen)
{
	struct rf_picture_about a = { t->name, file, rf_target_options(), 0, RF_MODE_V4, o };
	struct rf_exec_config cfg;
	struct rf_exec_result res;
	struct rf_session *s;
	struct nodes seen = { { NULL, NULL } };
	struct rf_node *own = NULL;
	struct rf_output picture;
	int status;

	rf_target_config(t, prog, &cfg);
	cfg.on_fail = keep_failure;
	cfg.before_op = note_nodes;
	cfg.before_op_ctx = &seen;
	a.modes = cfg.modes;
	if (o->failed)
		a.mode = o->failure.mode;
	else if (!(cfg.modes & RF_RUN_V4))
		a.mode = RF_MODE_VANILLA;
	if (rf_session_open(&prog->geo, &cfg, &s, err, errlen))
		return -1;
	for (uint32_t i = 0; i < prog->nr_ops && i < o->result.ops_run; i++)
		if (!rf_session_step(s, &prog->ops[i]))
			break;

	struct rf_node *node = seen.node[a.mode];

	/* No op ran (none to run, or the set-up failed): the state is the
	 * set-up's, which is what rf_node_create() builds. */
	if (!node && rf_node_create(&prog->geo, &(struct rf_config){ .mode = a.mode, .options = cfg.options }, &own,
				    err, errlen)) {
		rf_session_close(s, &res);
		return -1;
	}
	if (!node)
		node = own;
	status = rf_output_open(&picture, out, err, errlen);
	if (!status && rf_picture_write(picture.f, node, &a)) {
		rf_output_abort(&picture);
		snprintf(err, errlen, "%s: out of memory drawing the picture; not written", out);
		status = -1;
	}
	rf_node_destroy(own);
	rf_session_close(s, &res);
	if (status)
		return -1;
	if (res.failed != o->failed || res.ops_run != o->result.ops_run ||
	    (o->failed && !(res.failure.check == o->failure.check &&
			    res.failure.mode == o->failure.mode))) {
		/* Runs are deterministic; one that ended elsewhere drew another
		 * state, and that picture must not stand. */
		rf_output_abort(&picture);
		snprintf(err, errlen, "the run did not repeat itself for the picture (a bug: please "
			 "report); %s not written", out);
		return -1;
	}
	return rf_output_commit(&picture, err, errlen);
}
