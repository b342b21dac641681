/*
 * buf: a growing byte buffer, always NUL-terminated.
 * Out of memory is fatal (the worker exits and the parent respawns it),
 * so callers never check for allocation failure.
 */
#ifndef HEARD_BUF_H
#define HEARD_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*data;	/* NUL-terminated, NULL until first write */
	size_t	 len;
	size_t	 cap;
};

void	 buf_add(struct buf *, const void *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_putc(struct buf *, char);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_reset(struct buf *);
void	 buf_free(struct buf *);
const char *buf_str(const struct buf *);
char	*buf_trim(char *);
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);

#endif
