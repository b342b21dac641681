/*
 * page: what every page module shares: the page table's entry type,
 * the layout around a page's content, and kind error pages.
 */
#ifndef HEARD_PAGE_H
#define HEARD_PAGE_H

#include "http.h"
#include "tmpl.h"

/* Methods a page answers, as a bit set. */
#define M_GET	0x1	/* GET and HEAD */
#define M_POST	0x2

/* How a page's POSTs prove they came from our own form. */
enum page_csrf {
	CSRF_NONE,	/* the page takes no POST */
	CSRF_VISIT,	/* keyed hash of the visit cookie */
	CSRF_PRE,	/* keyed hash of the pre-visit cookie (/code) */
};

typedef void (*page_fn)(struct req *, struct resp *);

struct page_def {
	const char		*path;
	int			 prefix;	/* path is a prefix: /c/TOKEN */
	unsigned		 methods;
	enum page_csrf		 csrf;
	const struct field	*fields;
	size_t			 nfields;
	page_fn			 fn;
};

#define COOKIE_VISIT	"__Host-heard-visit"
#define COOKIE_PRE	"__Host-heard-pre"

void	 page_layout(struct resp *, const char *, const struct buf *);
void	 page_message(struct resp *, int, const char *, const char *,
	    const char *);
void	 page_fail(struct resp *, const char *);

#endif
