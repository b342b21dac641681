/*
 * buf: growing buffers and allocation wrappers that treat out-of-memory
 * as fatal.  A worker that cannot allocate exits; the parent respawns it
 * (see main.c), which is simpler and safer than threading ENOMEM through
 * every HTML writer.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"

/* Report out-of-memory and exit: the only reaction we allow. */
static void
oom(void)
{
	fputs("heard: out of memory\n", stderr);
	exit(70);
}

/* malloc that never returns NULL. */
void *
xmalloc(size_t n)
{
	void	*p;

	if ((p = malloc(n == 0 ? 1 : n)) == NULL)
		oom();
	return p;
}

/* calloc that never returns NULL. */
void *
xcalloc(size_t n, size_t sz)
{
	void	*p;

	if ((p = calloc(n == 0 ? 1 : n, sz == 0 ? 1 : sz)) == NULL)
		oom();
	return p;
}

/* realloc that never returns NULL. */
void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n == 0 ? 1 : n)) == NULL)
		oom();
	return p;
}

/* strdup that never returns NULL; the caller frees. */
char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

/* Copy at most n bytes of s into a new NUL-terminated string. */
char *
xstrndup(const char *s, size_t n)
{
	char	*p;

	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Make room for n more bytes plus the terminating NUL. */
static void
buf_grow(struct buf *b, size_t n)
{
	size_t	 need;

	if (n > SIZE_MAX / 2 - b->len)
		oom();
	need = b->len + n + 1;
	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 256;
	while (b->cap < need)
		b->cap *= 2;
	b->data = xrealloc(b->data, b->cap);
}

/* Append n bytes. */
void
buf_add(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

/* Append a NUL-terminated string. */
void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* Append one byte. */
void
buf_putc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

/* Append printf-formatted text. */
void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* Empty the buffer but keep its memory. */
void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

/* Release the buffer's memory; it may be reused afterwards. */
void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

/* The contents as a string; "" for an empty buffer. */
const char *
buf_str(const struct buf *b)
{
	return b->data == NULL ? "" : b->data;
}

/*
 * Trim white space at both ends of the string s, in place: returns the
 * first character kept (inside s; nothing is allocated).
 */
char *
buf_trim(char *s)
{
	char	*e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}
