/* SPDX-License-Identifier: MIT */
/*
 * A picture of an engine state, for a person reading a failure: each zone a
 * labelled strip of pageblocks coloured by migratetype, the share of each
 * pageblock in use, region borders, the regions the region allocator holds,
 * and the failure's pfn.  scripts/reproduce --picture draws it.
 *
 * Why gnuplot paints it rather than a PNG encoder of our own: a picture for a
 * reader is half text -- a title, a label on every row, a key -- and gnuplot's
 * cairo terminal sets text well, where an encoder of ours would need a bitmap
 * font; the consolidation study draws with gnuplot already.  The split keeps
 * every decision here: picture.c lays the picture out in pixels and writes it
 * as a gnuplot data file, fuzzers/picture.gp only paints it (in the study's
 * zone-map colours).  pngcairo writes no time stamp, so the same state gives
 * the same PNG, byte for byte.
 */
#ifndef RF_FUZZ_PICTURE_H
#define RF_FUZZ_PICTURE_H

#include <stddef.h>
#include <stdio.h>

#include <regionfuzz/introspect.h>

#include "target.h"

/* What the picture says about the run, besides the state. */
struct rf_picture_about {
	const char *target;		/* the target's name */
	const char *file;		/* the input, as named on the command line */
	unsigned long options;		/* the engine's options */
	unsigned int modes;		/* the engines that ran: enum rf_run_modes */
	enum rf_mode mode;		/* the engine drawn */
	const struct rf_outcome *o;	/* how the run ended */
};

/* picture.c: @node's state, laid out, as gnuplot data for fuzzers/picture.gp;
 * 0, or -1 when out of memory. */
int rf_picture_write(FILE *f, const struct rf_node *node, const struct rf_picture_about *a);

/*
 * picture_run.c: run @prog on @t again, as the run that gave @o, up to the
 * same point -- the failure, or the end of a clean run -- and write the
 * picture of the failing engine (clean: v4 if it ran) to @out, all or
 * nothing.  0, or -1 with @err.
 */
int rf_picture_file(const struct rf_target *t, const struct rf_program *prog, const char *file,
		    const struct rf_outcome *o, const char *out, char *err, size_t errlen);

#endif /* RF_FUZZ_PICTURE_H */
