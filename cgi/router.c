/*
 * router: pages by enum, a handler table, and the order of checks:
 * method known (405), route (404), method allowed for the route (405),
 * body usable (413/415), POST from our own site with a valid CSRF token
 * (403), declared fields validated, then the handler.
 */
#include <string.h>

#include "consult.h"
#include "page_public.h"
#include "router.h"

enum page {
	P_HOME,
	P_HEALTH,
	P_LINK,
	P_CODE,
	P_FORM,
	P__COUNT
};

/* Names for the log: a page's name, never its path (paths hold tokens). */
static const char *const page_names[P__COUNT] = {
	[P_HOME] = "home",
	[P_HEALTH] = "healthz",
	[P_LINK] = "link",
	[P_CODE] = "code",
	[P_FORM] = "form",
};

static const struct page_def pages[P__COUNT] = {
	[P_HOME] = { "/", 0, M_GET, CSRF_NONE, NULL, 0, pub_home },
	[P_HEALTH] = { "/healthz", 0, M_GET, CSRF_NONE, NULL, 0, pub_health },
	[P_LINK] = { "/c/", 1, M_GET, CSRF_NONE, NULL, 0, pub_link },
	[P_CODE] = { "/code", 0, M_GET | M_POST, CSRF_PRE, pub_code_fields,
	    CODE__N, pub_code },
	[P_FORM] = { "/form", 0, M_GET | M_POST, CSRF_VISIT, pub_form_fields,
	    FORM__N, pub_form },
};

/* Every template the pages use: checked at start-up. */
static const char *const templates[] = {
	"layout", "message", "home", "code", "error_summary", "error_item",
	"form_page", "q_section", "q_text", "q_choice", "q_option", "q_date",
	"thanks", "saved", NULL
};

/* The templates that must exist, for tmpl_load(). */
const char *const *
router_templates(void)
{
	return templates;
}

/* Find the page for a path, or P__COUNT. */
static enum page
route(const char *path)
{
	int	 i;

	for (i = 0; i < P__COUNT; i++)
		if (pages[i].prefix ? strncmp(path, pages[i].path,
		    strlen(pages[i].path)) == 0 :
		    strcmp(path, pages[i].path) == 0)
			return (enum page)i;
	return P__COUNT;
}

/* Does a POST carry the CSRF token its page expects? */
static int
csrf_ok(const struct req *r, enum page_csrf kind)
{
	const char	*cookie;

	if (kind == CSRF_NONE)
		return 0;
	cookie = kv_get(&r->cookies, kind == CSRF_VISIT ? COOKIE_VISIT :
	    COOKIE_PRE);
	return kv_count(&r->body, "csrf") == 1 &&
	    consult_csrf_ok(cookie, kv_get(&r->body, "csrf"));
}

/*
 * Answer one request into p.  read_status is what http_read() said
 * (0, or 400/413).  Returns the page's name for the log line.
 */
const char *
router_handle(struct req *r, struct resp *p, int read_status)
{
	const struct page_def	*d;
	enum page		 pg;
	unsigned		 m;

	if (r->method == HTTP_OTHER) {
		resp_header(p, "Allow", "GET, HEAD, POST");
		page_message(p, 405, "This page cannot do that",
		    "Your browser asked for something this site does not "
		    "do.", "Go back and try again.");
		return "-";
	}
	if ((pg = route(r->path)) == P__COUNT) {
		page_message(p, 404, "Page not found",
		    "If you typed the web address, check it is correct.",
		    "If you followed a link from a letter or message, ask "
		    "your IRO for a new one.");
		return "-";
	}
	d = &pages[pg];
	m = r->method == HTTP_POST ? M_POST : M_GET;
	if ((d->methods & m) == 0) {
		resp_header(p, "Allow", d->methods & M_POST ?
		    "GET, HEAD, POST" : "GET, HEAD");
		page_message(p, 405, "This page cannot do that",
		    "Your browser asked for something this page does not "
		    "do.", "Go back and try again.");
		return page_names[pg];
	}
	if (read_status == 413) {
		page_message(p, 413, "That was too much to send in one go",
		    "Please go back, shorten your longest answers and send "
		    "again, or send the rest another way.", NULL);
		return page_names[pg];
	}
	if (read_status != 0) {
		page_message(p, 400, "Sorry, we could not read that",
		    "Please go back and try again.", NULL);
		return page_names[pg];
	}
	if (r->method == HTTP_POST && r->body_bad) {
		page_message(p, 415, "Sorry, we could not read that",
		    "Please go back and try again.", NULL);
		return page_names[pg];
	}
	if (r->method == HTTP_POST && (strcmp(r->fetch_site, "cross-site") ==
	    0 || !csrf_ok(r, d->csrf))) {
		page_message(p, 403, "This page has timed out",
		    "For your security, please go back, reload the page and "
		    "try again.", NULL);
		return page_names[pg];
	}
	http_validate(r, d->fields, d->nfields);
	d->fn(r, p);
	return page_names[pg];
}
