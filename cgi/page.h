/*
 * page: what every page module shares: the page table's entry type,
 * the layout around a page's content, and kind error pages.
 */
#ifndef HEARD_PAGE_H
#define HEARD_PAGE_H

#include "conf.h"
#include "http.h"
#include "session.h"
#include "tmpl.h"

/* Methods a page answers, as a bit set. */
#define M_GET	0x1	/* GET and HEAD */
#define M_POST	0x2
#define M_UPLOAD 0x4	/* its POSTs are multipart/form-data, and only */

/* How a page's POSTs prove they came from our own form. */
enum page_csrf {
	CSRF_NONE,	/* the page takes no POST */
	CSRF_VISIT,	/* keyed hash of the visit cookie */
	CSRF_PRE,	/* keyed hash of the pre-visit cookie (/code, sign-in) */
	CSRF_STAFF,	/* keyed hash of the staff session cookie */
};

/* Who may open a page, as a bit set; 0 is everyone (public pages). */
#define R_ADMIN		(1u << VR_ADMIN)
#define R_IRO		(1u << VR_IRO)
#define R_MANAGER	(1u << VR_MANAGER)
#define R_STAFF		(R_ADMIN | R_IRO | R_MANAGER)

/* s is the signed-in staff member on staff pages, NULL elsewhere. */
typedef void (*page_fn)(struct req *, struct resp *, const struct session *);

struct page_def {
	const char		*path;
	int			 prefix;	/* path is a prefix: /c/TOKEN */
	unsigned		 methods;
	enum page_csrf		 csrf;
	unsigned		 roles;
	const struct field	*fields;
	size_t			 nfields;
	page_fn			 fn;
};

#define COOKIE_VISIT	"__Host-heard-visit"
#define COOKIE_PRE	"__Host-heard-pre"

void	 page_set_conf(const struct conf *);
const struct conf *page_conf(void);
unsigned page_role(const struct session *);
void	 page_layout(struct resp *, const char *, const struct buf *);
void	 page_staff(struct resp *, const struct session *, const char *,
	    const struct buf *);
void	 page_staff_nobanner(struct resp *, const struct session *,
	    const char *, const struct buf *);
void	 page_message(struct resp *, int, const char *, const char *,
	    const char *);
void	 page_fail(struct resp *, const char *);

#endif
