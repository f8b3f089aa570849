// SPDX-License-Identifier: MIT
/*
 * The progress line on stderr.  A terminal gets one line rewritten in place a
 * few times a second; a log (ctest, a pipe) gets a plain line every few
 * seconds, so it shows the run is alive without flooding.  Only stderr is
 * touched: the outputs stay the same whether progress is on or off.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <time.h>
#include <unistd.h>

#include "study.h"

static bool enabled, tty, showing;
static double last = -1e9;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void progress_enable(bool on)
{
	enabled = on;
	tty = isatty(STDERR_FILENO);
}

void progress(const char *fmt, ...)
{
	double t;
	va_list ap;

	if (!enabled)
		return;
	t = now();
	if (t - last < (tty ? 0.2 : 5.0))
		return;
	last = t;
	va_start(ap, fmt);
	if (tty) {
		fputs("\r\033[K", stderr);
		vfprintf(stderr, fmt, ap);
		showing = true;
	} else {
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	}
	va_end(ap);
	fflush(stderr);
}

void progress_clear(void)
{
	if (showing)
		fputs("\r\033[K", stderr);
	showing = false;
	fflush(stderr);
}
