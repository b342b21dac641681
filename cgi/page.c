/*
 * page: layout and kind error pages, shared by every page module.
 */
#include <stdio.h>
#include <string.h>

#include "log.h"
#include "page.h"
#include "vocab.h"

static const struct conf	*conf;

/* Keep the server's settings for the pages (main.c, before forking). */
void
page_set_conf(const struct conf *c)
{
	conf = c;
}

/*
 * The server's settings, for pages that need more than the base URL
 * (the Sending page: is a Notify key configured?).  Never NULL: a
 * program that did not call page_set_conf() gets the defaults.
 */
const struct conf *
page_conf(void)
{
	static struct conf	 def;
	static int		 have;

	if (conf != NULL)
		return conf;
	if (!have) {
		conf_defaults(&def);
		have = 1;
	}
	return &def;
}

/*
 * Wrap rendered content in the site layout and make it the response
 * body.  title goes in <title> (escaped); main is program-rendered HTML.
 */
void
page_layout(struct resp *p, const char *title, const struct buf *main)
{
	page_staff(p, NULL, title, main);
}

/* The R_* bit of a signed-in staff member's role (0 for none). */
unsigned
page_role(const struct session *s)
{
	int	 i;

	if (s == NULL)
		return 0;
	i = vocab_index(VOCAB_ROLE, s->who.role);
	return i < 0 ? 0 : 1u << i;
}

/*
 * The layout for a staff page: as page_layout(), with the staff menu
 * and sign-out button in the header when s is not NULL.
 */
void
page_staff(struct resp *p, const struct session *s, const char *title,
    const struct buf *main)
{
	struct buf	 nav = { 0 };
	unsigned	 role = page_role(s);

	if (s != NULL) {
		struct tvar nv[] = {
			TV("user", s->who.username), TV("role", s->who.role),
			TV("csrf", s->csrf),
			TV("reports", role & (R_ADMIN | R_MANAGER) ? "1" : NULL),
			TV("admin", role & R_ADMIN ? "1" : NULL),
			TV("manager", role & R_MANAGER ? "1" : NULL),
			TV("passport", role & (R_IRO | R_MANAGER) ? "1" :
			    NULL),
		};
		tmpl_render(&nav, "admin_nav", nv, NVARS(nv));
	}
	struct tvar	 v[] = { TV("title", title), TM("main", main),
	    TM("nav", &nav), TV("staff", s != NULL ? "1" : NULL) };

	buf_reset(&p->body);
	if (tmpl_render(&p->body, "layout", v, NVARS(v)) == -1) {
		/* Templates are checked at start: this cannot happen. */
		buf_puts(&p->body, "Heard: the layout template is missing.");
		p->ctype = "text/plain; charset=utf-8";
	}
	buf_free(&nav);
}

/*
 * A kind page with a heading and one or two short paragraphs, at the
 * given status.
 */
void
page_message(struct resp *p, int status, const char *heading,
    const char *text, const char *more)
{
	struct buf	 m = { 0 };
	struct tvar	 v[] = { TV("heading", heading), TV("text", text),
	    TV("more", more) };

	p->status = status;
	tmpl_render(&m, "message", v, NVARS(v));
	page_layout(p, heading, &m);
	buf_free(&m);
}

/*
 * Something went wrong on our side while serving: log one line and
 * answer 503 with a page that tells the person nothing is their fault.
 */
void
page_fail(struct resp *p, const char *where)
{
	log_line("%s: failed; answered 503", where);
	buf_reset(&p->head);
	page_message(p, 503, "Sorry, something went wrong on our side",
	    "Nothing you did caused this. Please wait a minute and try "
	    "again.", "If you were filling in a form, the answers on the "
	    "pages you finished are saved.");
}
