/*
 * log: a single write(2) per line, so lines from several workers never
 * interleave.
 */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

/* Write one timestamped line to standard error. */
void
log_line(const char *fmt, ...)
{
	char		 line[1024];
	va_list		 ap;
	time_t		 t = time(NULL);
	struct tm	 tm;
	size_t		 n;
	int		 k;

	gmtime_r(&t, &tm);
	n = strftime(line, sizeof(line), "%Y-%m-%dT%H:%M:%SZ ", &tm);
	k = snprintf(line + n, sizeof(line) - n, "[%d] ", (int)getpid());
	if (k > 0)
		n += (size_t)k;
	va_start(ap, fmt);
	k = vsnprintf(line + n, sizeof(line) - n - 1, fmt, ap);
	va_end(ap);
	/* A truncated line is still one line. */
	if (k < 0)
		k = 0;
	n += (size_t)k;
	if (n > sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	/* Nowhere to report a failed log write. */
	if (write(STDERR_FILENO, line, n) < 0)
		return;
}
