/*
 * page: layout and kind error pages, shared by every page module.
 */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "lang.h"
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
 * The safeguarding banner on every staff page (issue 15 item 4), into
 * out: for an IRO, the open flags on their children's reviews; for a
 * manager, every open flag and how many were raised to the managers;
 * nothing for admins, who do not read answers (the duty address is
 * the team's).  Counts and a link only: no child's words.
 */
static void
flag_banner(struct buf *out, const struct session *s, unsigned role)
{
	int64_t		 open, raised;
	char		 n[24], e[24];

	if ((role & (R_IRO | R_MANAGER)) == 0 || db_flag_open(role & R_IRO ?
	    s->who.id : 0, &open, &raised) != DB_OK || open == 0)
		return;
	snprintf(n, sizeof(n), "%lld", (long long)open);
	snprintf(e, sizeof(e), "%lld", (long long)raised);
	struct tvar	 v[] = { TV("n", n), TV("one", open == 1 ? "1" : NULL),
	    TV("raised", raised > 0 ? e : NULL),
	    TV("raised_one", raised == 1 ? "1" : NULL) };
	tmpl_render(out, "flag_banner", v, NVARS(v));
}

/*
 * The layout for a staff page: as page_layout(), with the staff menu
 * and sign-out button in the header when s is not NULL, and with
 * banner_on the safeguarding banner (flag_banner) above the page.
 */
static void
staff_layout(struct resp *p, const struct session *s, const char *title,
    const struct buf *main, int banner_on)
{
	struct buf	 nav = { 0 }, banner = { 0 };
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
			TV("flags", role & (R_IRO | R_MANAGER) ? "1" : NULL),
		};
		tmpl_render(&nav, "admin_nav", nv, NVARS(nv));
		if (banner_on)
			flag_banner(&banner, s, role);
	}
	struct tvar	 v[] = { TV("title", title), TM("main", main),
	    TM("nav", &nav), TV("staff", s != NULL ? "1" : NULL),
	    TM("banner", &banner), TV("lang", lang_tag()),
	    /* English is left to right by default: said only elsewhere. */
	    TV("dir", strcmp(lang_code(), "en") != 0 ? lang_dir() : NULL) };

	buf_reset(&p->body);
	if (tmpl_render(&p->body, "layout", v, NVARS(v)) == -1) {
		/* Templates are checked at start: this cannot happen. */
		buf_puts(&p->body, "Heard: the layout template is missing.");
		p->ctype = "text/plain; charset=utf-8";
	}
	buf_free(&nav);
	buf_free(&banner);
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

/*
 * The layout for a staff page: as page_layout(), with the staff menu
 * and sign-out button in the header when s is not NULL, and the
 * safeguarding banner above the page.
 */
void
page_staff(struct resp *p, const struct session *s, const char *title,
    const struct buf *main)
{
	staff_layout(p, s, title, main, 1);
}

/*
 * As page_staff(), without the safeguarding banner: for the flags'
 * own pages, where it would only repeat them (and push a page's error
 * summary down).
 */
void
page_staff_nobanner(struct resp *p, const struct session *s,
    const char *title, const struct buf *main)
{
	staff_layout(p, s, title, main, 0);
}
