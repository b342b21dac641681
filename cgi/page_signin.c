/*
 * page_signin: staff sign-in, sign-out, and /admin, which sends a
 * signed-in member of staff on to their reviews.
 */
#include <string.h>

#include "gate.h"
#include "page_admin.h"
#include "page_signin.h"

const struct field signin_fields[LOGIN__N] = {
	[LOGIN_CSRF] = { "csrf", FS_BODY, FT_TOKEN, 0, NULL },
	[LOGIN_USER] = { "username", FS_BODY, FT_LINE, 60, NULL },
	[LOGIN_PASSWORD] = { "password", FS_BODY, FT_LINE, 1000, NULL },
};

/* Render the sign-in page. */
static void
signin_page(struct resp *p, const char *pre, const char *user,
    const char *error)
{
	struct buf	 m = { 0 };
	char		 csrf[CR_TOKEN_LEN + 1];

	cr_csrf(pre, csrf);
	struct tvar	 v[] = { TV("csrf", csrf), TV("username", user),
	    TV("error", error) };
	tmpl_render(&m, "admin_signin", v, NVARS(v));
	page_layout(p, error != NULL ? "Error: Sign in" : "Sign in", &m);
	buf_free(&m);
}

/* The pre-sign-in cookie (for the form's CSRF token), set if missing. */
static const char *
pre_cookie(struct req *r, struct resp *p, char fresh[CR_TOKEN_LEN + 1])
{
	const char	*pre = kv_get(&r->cookies, COOKIE_PRE);

	if (pre != NULL && http_field_ok(FT_TOKEN, pre, strlen(pre)))
		return pre;
	cr_token_new(fresh);
	resp_cookie(p, COOKIE_PRE, fresh, 3600, "Strict");
	return fresh;
}

/* GET /admin: the reviews for someone signed in, else the sign-in. */
void
signin_home(struct req *r, struct resp *p, const struct session *s_)
{
	struct session	 s;
	char		 fresh[CR_TOKEN_LEN + 1];

	(void)s_;
	if (session_check(kv_get(&r->cookies, COOKIE_STAFF), &s) == SES_OK) {
		resp_redirect(p, "/admin/reviews");
		return;
	}
	signin_page(p, pre_cookie(r, p, fresh), "", NULL);
}

/* POST /admin/login. */
void
signin_login(struct req *r, struct resp *p, const struct session *s_)
{
	struct session	 s;
	char		 fresh[CR_TOKEN_LEN + 1];
	const char	*user = r->in[LOGIN_USER], *pw = r->in[LOGIN_PASSWORD];
	const char	*pre = pre_cookie(r, p, fresh);
	enum session_result rc;

	(void)s_;
	if (user == NULL || pw == NULL || *user == '\0' || *pw == '\0') {
		signin_page(p, pre, user, "Enter your user name and password");
		return;
	}
	/* At most a few sign-ins hash at once (gate.c); the rest try again. */
	if (!gate_enter()) {
		p->status = 503;
		resp_header(p, "Retry-After", "2");
		signin_page(p, pre, user, "Several people are signing in at "
		    "this moment: wait a few seconds and sign in again");
		return;
	}
	rc = session_login(user, pw, r->remote, &s);
	gate_leave();
	switch (rc) {
	case SES_OK:
		resp_cookie(p, COOKIE_STAFF, s.cookie, -1, "Strict");
		resp_redirect(p, "/admin/reviews");
		break;
	case SES_BAD:
		p->status = 401;
		signin_page(p, pre, user, "The user name or password is not "
		    "right");
		break;
	case SES_LIMITED:
		page_message(p, 429, "Please wait a moment",
		    "After several wrong passwords, each try from this "
		    "connection has to wait a little longer than the last.",
		    "Wait a minute and try again. Ask your system "
		    "administrator if you have forgotten your password.");
		break;
	default:
		page_fail(p, __func__);
		break;
	}
}

/* POST /admin/logout: end the session for good. */
void
signin_logout(struct req *r, struct resp *p, const struct session *s)
{
	(void)r;
	if (session_logout(s->cookie) == -1) {
		page_fail(p, __func__);
		return;
	}
	db_audit(s->who.id, "sign-out", s->who.username);
	resp_cookie(p, COOKIE_STAFF, "", 0, "Strict");
	resp_redirect(p, "/admin");
}
