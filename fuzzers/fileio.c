// SPDX-License-Identifier: MIT
/* Files for the tools: see fileio.h. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "fileio.h"

char *rf_read_file(const char *path, size_t *len, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	*len = 0;
	if (!f) {
		snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		if (cap - n < 4096) {
			char *grown = realloc(buf, cap ? cap * 2 : 65536);

			if (!grown) {
				snprintf(err, errlen, "%s: out of memory", path);
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = grown;
			cap = cap ? cap * 2 : 65536;
		}

		size_t got = fread(buf + n, 1, cap - n - 1, f);

		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

bool rf_same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return !stat(a, &sa) && !stat(b, &sb) && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int rf_output_open(struct rf_output *o, const char *path, char *err, size_t errlen)
{
	o->path = path;
	o->tmp = NULL;
	o->f = stdout;
	if (!path)
		return 0;

	size_t len = strlen(path) + sizeof(".tmp.XXXXXX");

	o->tmp = malloc(len);
	if (!o->tmp) {
		snprintf(err, errlen, "%s: out of memory", path);
		return -1;
	}
	snprintf(o->tmp, len, "%s.tmp.XXXXXX", path);

	int fd = mkstemp(o->tmp);

	if (fd < 0) {
		snprintf(err, errlen, "cannot create a temporary file beside %s: %s", path,
			 strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		return -1;
	}
	/* The mode a plain fopen() would give, not mkstemp's 0600; if fchmod
	 * fails the file is still written, with mode 0600. */
	mode_t mask = umask(0);

	umask(mask);
	(void)!fchmod(fd, 0666 & ~mask);
	o->f = fdopen(fd, "wb");
	if (!o->f) {
		snprintf(err, errlen, "%s: %s", o->tmp, strerror(errno));
		close(fd);
		unlink(o->tmp);
		free(o->tmp);
		o->tmp = NULL;
		return -1;
	}
	return 0;
}

void rf_output_abort(struct rf_output *o)
{
	if (!o->path)
		return;
	if (o->f)
		fclose(o->f);
	unlink(o->tmp);
	free(o->tmp);
	o->f = NULL;
	o->tmp = NULL;
}

int rf_output_commit(struct rf_output *o, char *err, size_t errlen)
{
	if (!o->path) {
		if (fflush(stdout) || ferror(stdout)) {
			snprintf(err, errlen, "writing to stdout: %s", strerror(errno));
			return -1;
		}
		return 0;
	}

	int bad = ferror(o->f) || fflush(o->f) || fsync(fileno(o->f));
	int saved = errno;

	if (fclose(o->f))
		bad = 1, saved = errno;
	o->f = NULL;
	if (!bad && rename(o->tmp, o->path))
		bad = 1, saved = errno;
	if (bad) {
		snprintf(err, errlen, "cannot write %s: %s", o->path, strerror(saved));
		unlink(o->tmp);
	}
	free(o->tmp);
	o->tmp = NULL;
	return bad ? -1 : 0;
}

int rf_write_file(const char *path, const void *data, size_t len, char *err, size_t errlen)
{
	struct rf_output o;

	if (rf_output_open(&o, path, err, errlen))
		return -1;
	if (fwrite(data, 1, len, o.f) != len) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		rf_output_abort(&o);
		return -1;
	}
	return rf_output_commit(&o, err, errlen);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int rf_for_each_file(const char *path, rf_file_fn fn, void *ctx, char *err, size_t errlen)
{
	struct stat st;

	if (stat(path, &st)) {
		snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return fn(path, ctx);

	DIR *d = opendir(path);
	char **names = NULL;
	size_t n = 0, cap = 0;
	int status = 0;

	if (!d) {
		snprintf(err, errlen, "cannot open directory %s: %s", path, strerror(errno));
		return -1;
	}
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **grown = realloc(names, (cap = cap * 2 + 64) * sizeof(*names));

			if (!grown) {
				status = -1;
				snprintf(err, errlen, "%s: out of memory", path);
				break;
			}
			names = grown;
		}

		size_t len = strlen(path) + strlen(e->d_name) + 2;

		names[n] = malloc(len);
		if (!names[n]) {
			status = -1;
			snprintf(err, errlen, "%s: out of memory", path);
			break;
		}
		snprintf(names[n++], len, "%s/%s", path, e->d_name);
	}
	closedir(d);
	if (!status) {
		qsort(names, n, sizeof(*names), cmp_str);
		for (size_t i = 0; i < n; i++) {
			struct stat fs;

			/* Subfolders (a corpus's regressions/) are not inputs. */
			if (!stat(names[i], &fs) && S_ISREG(fs.st_mode))
				status |= fn(names[i], ctx);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return status;
}
