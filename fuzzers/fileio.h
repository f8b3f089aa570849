/* SPDX-License-Identifier: MIT */
/*
 * Files for the tools (fileio.c): read whole, write all-or-nothing.  An
 * output goes to a temporary file beside its path and is renamed into place
 * only once written, so an error never leaves a partial or truncated file,
 * and never touches the file that was there.
 */
#ifndef RF_FUZZ_FILEIO_H
#define RF_FUZZ_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The whole of @path, with a NUL after it (not counted in *@len); NULL with
 * a message in @err ("cannot open x: No such file or directory"). */
char *rf_read_file(const char *path, size_t *len, char *err, size_t errlen);

/* @a and @b name the same existing file. */
bool rf_same_file(const char *a, const char *b);

/* An output file in the making, or stdout when path is NULL. */
struct rf_output {
	const char *path;
	char *tmp;
	FILE *f;
};

int rf_output_open(struct rf_output *o, const char *path, char *err, size_t errlen);
/* Flush, sync, rename into place; -1 with @err (the temporary file removed). */
int rf_output_commit(struct rf_output *o, char *err, size_t errlen);
/* Give up: the temporary file is removed, @path left as it was. */
void rf_output_abort(struct rf_output *o);

/* The whole of @data into @path through an rf_output. */
int rf_write_file(const char *path, const void *data, size_t len, char *err, size_t errlen);

/* Every regular file of @path -- itself, or a directory's, skipping dot
 * files, in name order -- through @fn; stops at nothing, ORs the results.
 * A path that cannot be read gives -1 with @err set, before any call. */
typedef int (*rf_file_fn)(const char *path, void *ctx);
int rf_for_each_file(const char *path, rf_file_fn fn, void *ctx, char *err, size_t errlen);

#endif /* RF_FUZZ_FILEIO_H */
