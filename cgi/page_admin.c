/*
 * page_admin: staff pages.  The router has already checked that a
 * signed-in member of staff with an allowed role is asking, and the CSRF
 * token of every POST.  What remains here is the finer rule: an IRO sees
 * only the reviews of the children allocated to them, and an admin
 * manages consultations but does not read answers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "consult.h"
#include "forms.h"
#include "log.h"
#include "page_admin.h"
#include "page_public.h"
#include "vocab.h"

const struct field adm_login_fields[LOGIN__N] = {
	[LOGIN_CSRF] = { "csrf", FS_BODY, FT_TOKEN, 0, NULL },
	[LOGIN_USER] = { "username", FS_BODY, FT_LINE, 60, NULL },
	[LOGIN_PASSWORD] = { "password", FS_BODY, FT_LINE, 1000, NULL },
};

const struct field adm_reviews_fields[REVIEWS__N] = {
	[REVIEWS_FROM] = { "from", FS_QUERY, FT_DATE, 0, NULL },
	[REVIEWS_TO] = { "to", FS_QUERY, FT_DATE, 0, NULL },
};

const struct field adm_review_fields[REVIEW__N] = {
	[REVIEW_ID] = { "id", FS_QUERY, FT_UINT, 0, NULL },
};

const struct field adm_new_fields[NEW__N] = {
	[NEW_CHILD] = { "child", FS_BODY, FT_LINE, 60, NULL },
	[NEW_DATE] = { "date", FS_BODY, FT_DATE, 0, NULL },
	[NEW_TYPE] = { "type", FS_BODY, FT_VOCAB, 0,
	    VOCAB(VOCAB_REVIEW_TYPE) },
	[NEW_IRO] = { "iro", FS_BODY, FT_UINT, 0, NULL },
};

const struct field adm_answers_fields[ANSWERS__N] = {
	[ANSWERS_REVIEW] = { "review", FS_QUERY, FT_UINT, 0, NULL },
};

const struct field adm_typein_fields[TYPEIN__N] = {
	[TYPEIN_C] = { "c", FS_QUERY, FT_UINT, 0, NULL },
	[TYPEIN_DATE] = { "date", FS_BODY, FT_DATE, 0, NULL },
	[TYPEIN_CHANNEL] = { "channel", FS_BODY, FT_VOCAB, 0,
	    VOCAB(VOCAB_RETURN_CHANNEL) },
};

const struct field adm_staff_fields[STAFF__N] = {
	[STAFF_NAME] = { "username", FS_BODY, FT_LINE, 60, NULL },
	[STAFF_ROLE] = { "role", FS_BODY, FT_VOCAB, 0,
	    VOCAB(VOCAB_ROLE) },
	[STAFF_PASSWORD] = { "password", FS_BODY, FT_LINE, 1000, NULL },
};

/* Today, or today plus n days, as YYYY-MM-DD (UTC). */
void
adm_date_in(int n, char out[11])
{
	time_t		 t = time(NULL) + (time_t)n * 86400;
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/*
 * Append an <option> to out for each word of list l that has every flag
 * in flags (0: every word), the word sel selected.
 */
void
adm_options(struct buf *out, enum vocab_list l, unsigned flags,
    const char *sel)
{
	const struct vocab_word *w;
	size_t		 i;

	for (i = 0; i < vocab_count(l); i++) {
		w = vocab_at(l, i);
		if ((w->flags & flags) != flags)
			continue;
		struct tvar v[] = { TV("value", w->word), TV("text", w->label),
		    TV("selected", sel != NULL && strcmp(sel, w->word) == 0 ?
		    "1" : NULL) };
		tmpl_render(out, "admin_option", v, NVARS(v));
	}
}

/*
 * 404 for something a member of staff may not see, or that is not
 * there: the same answer, so ids cannot be probed.  A refusal is logged
 * and audited.
 */
void
adm_not_found(struct resp *p, const struct session *s, const char *what)
{
	struct buf	 m = { 0 };
	struct tvar	 v[] = { TV("heading", "Page not found"),
	    TV("text", "There is nothing here, or it is not yours to see.") };

	if (what != NULL) {
		log_line("%s: %s refused %s", __func__, s->who.username, what);
		db_audit(s->who.id, "refused", what);
	}
	p->status = 404;
	tmpl_render(&m, "message", v, NVARS(v));
	page_staff(p, s, "Page not found", &m);
	buf_free(&m);
}

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
adm_home(struct req *r, struct resp *p, const struct session *s_)
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
adm_login(struct req *r, struct resp *p, const struct session *s_)
{
	struct session	 s;
	char		 fresh[CR_TOKEN_LEN + 1];
	const char	*user = r->in[LOGIN_USER], *pw = r->in[LOGIN_PASSWORD];
	const char	*pre = pre_cookie(r, p, fresh);

	(void)s_;
	if (user == NULL || pw == NULL || *user == '\0' || *pw == '\0') {
		signin_page(p, pre, user, "Enter your user name and password");
		return;
	}
	switch (session_login(user, pw, r->remote, &s)) {
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
		page_message(p, 429, "Too many tries",
		    "Signing in has been paused for this account or "
		    "connection for 15 minutes.", "Ask your system "
		    "administrator if you have forgotten your password.");
		break;
	default:
		page_fail(p, __func__);
		break;
	}
}

/* POST /admin/logout: end the session for good. */
void
adm_logout(struct req *r, struct resp *p, const struct session *s)
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

/* A consultation's status at a glance, and the tag colour for it. */
static const char *
consult_status(const struct db_consult *c, const char *review_date,
    const char **colour)
{
	if (c->returned_at != 0) {
		*colour = strcmp(c->returned_on, review_date) > 0 ? "yellow" :
		    "green";
		return strcmp(c->returned_on, review_date) > 0 ?
		    "returned late" : "returned";
	}
	*colour = "grey";
	if (c->withdrawn_at != 0)
		return "withdrawn";
	if (c->expired)
		return "expired";
	if (c->link_id == 0) {
		*colour = "red";
		return "no live link";
	}
	*colour = "blue";
	if (c->draft_at != 0)
		return "started";
	if (c->opened_at != 0)
		return "opened";
	*colour = "grey";
	return c->sent_on[0] != '\0' ? "sent" : "not sent";
}

struct listing {
	const struct session	*s;
	struct buf		 rows;
	struct buf		 tags;
	const struct db_review	*review;
	int			 outstanding;
	int			 child_back;	/* the child's form came back */
};

/* Add one consultation's tag to a review's row. */
static int
tag_consult(const void *row, void *arg)
{
	const struct db_consult *c = row;
	struct listing	*l = arg;
	const char	*colour, *st;

	st = consult_status(c, l->review->date, &colour);
	struct tvar	 v[] = { TV("colour", colour), TV("label", c->audience),
	    TV("status", st) };
	tmpl_render(&l->tags, "admin_tag", v, NVARS(v));
	if (c->returned_at == 0 && c->withdrawn_at == 0)
		l->outstanding++;
	return 0;
}

/* Add one review's row to the list. */
static int
list_review(const void *row, void *arg)
{
	const struct db_review *rv = row;
	struct listing	*l = arg;
	char		 id[24], out[24];

	l->review = rv;
	l->outstanding = 0;
	buf_reset(&l->tags);
	if (db_consult_each(rv->id, tag_consult, l) != DB_OK)
		return -1;
	snprintf(id, sizeof(id), "%lld", (long long)rv->id);
	snprintf(out, sizeof(out), "%d", l->outstanding);
	struct tvar	 v[] = { TV("date", rv->date), TV("id", id),
	    TV("child", rv->child_ref), TV("type", rv->type),
	    TV("status", rv->status), TV("iro", rv->iro[0] ? rv->iro :
	    "not allocated"), TM("tags", &l->tags), TV("outstanding", out) };
	tmpl_render(&l->rows, "admin_review_row", v, NVARS(v));
	return 0;
}

/* GET /admin/reviews: upcoming reviews (8 weeks) and what is outstanding. */
void
adm_reviews(struct req *r, struct resp *p, const struct session *s)
{
	struct listing	 l = { 0 };
	struct buf	 m = { 0 };
	char		 from[11], to[11];

	l.s = s;
	adm_date_in(0, from);
	adm_date_in(56, to);
	if (r->in[REVIEWS_FROM] != NULL)
		snprintf(from, sizeof(from), "%s", r->in[REVIEWS_FROM]);
	if (r->in[REVIEWS_TO] != NULL)
		snprintf(to, sizeof(to), "%s", r->in[REVIEWS_TO]);
	if (db_review_each(from, to, page_role(s) == R_IRO ? s->who.id : 0,
	    list_review, &l) != DB_OK) {
		page_fail(p, __func__);
		goto out;
	}
	struct tvar	 v[] = { TV("from", from), TV("to", to),
	    TM("rows", &l.rows) };
	tmpl_render(&m, "admin_reviews", v, NVARS(v));
	page_staff(p, s, "Reviews", &m);
out:
	buf_free(&l.rows);
	buf_free(&l.tags);
	buf_free(&m);
}

/*
 * Load a review the member of staff may see into rv.  Returns 0, or -1
 * after answering 404 (and auditing an IRO's reach for another's child).
 */
int
adm_load_review(struct resp *p, const struct session *s, const char *id,
    struct db_review *rv)
{
	char	 what[64];

	if (id == NULL || db_review_get(atoll(id), rv) != DB_OK) {
		adm_not_found(p, s, NULL);
		return -1;
	}
	if (page_role(s) == R_IRO && rv->iro_id != s->who.id) {
		snprintf(what, sizeof(what), "review %lld", (long long)rv->id);
		adm_not_found(p, s, what);
		return -1;
	}
	return 0;
}

struct review_page {
	const struct session	*s;
	const struct db_review	*rv;
	struct buf		 rows;
	char			 review[24];
	char			 today[11];
	int			 child_back;
	int			 any_back;
};

/* One consultation row on the review page. */
static int
consult_row(const void *row, void *arg)
{
	const struct db_consult *c = row;
	struct review_page *rp = arg;
	struct buf	 returns = { 0 };
	const char	*colour, *st;
	char		 id[24];

	st = consult_status(c, rp->rv->date, &colour);
	snprintf(id, sizeof(id), "%lld", (long long)c->id);
	if (c->returned_at != 0) {
		rp->any_back = 1;
		if (vocab_is_childs(c->audience))
			rp->child_back = 1;
	}
	struct tvar	 v[] = {
		TV("form", form_audience_name(c->audience)),
		TV("to", c->to_label), TV("sent", c->sent_on[0] ? c->sent_on :
		    "not sent"), TV("channel", c->channel),
		TV("colour", colour), TV("status", st), TV("id", id),
		TV("review", rp->review), TV("csrf", rp->s->csrf),
		TV("admin", page_role(rp->s) == R_ADMIN ? "1" : NULL),
		TV("returned", c->returned_at ? "1" : NULL),
		TV("live", c->link_id ? "1" : NULL), TV("today", rp->today),
		TM("returns", &returns),
	};
	adm_options(&returns, VOCAB_RETURN_CHANNEL, VW_BY_STAFF, NULL);
	tmpl_render(&rp->rows, "admin_consult_row", v, NVARS(v));
	buf_free(&returns);
	return 0;
}

/* Render the review page, with a notice or an error when given. */
void
adm_review_page(struct resp *p, const struct session *s,
    const struct db_review *rv, const char *notice, const char *error,
    const char *error_target)
{
	const struct vocab_word *w;
	struct review_page rp = { 0 };
	struct buf	 m = { 0 }, auds = { 0 }, pns = { 0 }, title = { 0 };
	struct buf	 name = { 0 }, channels = { 0 };
	unsigned	 role = page_role(s);
	size_t		 i;

	rp.s = s;
	rp.rv = rv;
	snprintf(rp.review, sizeof(rp.review), "%lld", (long long)rv->id);
	adm_date_in(0, rp.today);
	if (db_consult_each(rv->id, consult_row, &rp) != DB_OK) {
		page_fail(p, __func__);
		goto out;
	}
	for (i = 0; i < vocab_count(VOCAB_AUDIENCE); i++) {
		w = vocab_at(VOCAB_AUDIENCE, i);
		struct tvar v[] = { TV("value", w->word),
		    TV("text", w->label) };
		tmpl_render(&auds, "admin_checkbox", v, NVARS(v));
	}
	for (i = 0; i < vocab_count(VOCAB_PARTICIPATION); i++) {
		w = vocab_at(VOCAB_PARTICIPATION, i);
		int sel = rv->participation[0] ?
		    strcmp(rv->participation, w->word) == 0 :
		    rp.child_back && strcmp(w->word, "PN6") == 0;
		struct tvar v[] = { TV("value", w->word), TV("text", w->label),
		    TV("selected", sel ? "1" : NULL) };
		tmpl_render(&pns, "admin_option", v, NVARS(v));
	}
	adm_options(&channels, VOCAB_SEND_CHANNEL, 0, NULL);
	consult_child_name(rv, &name);
	struct tvar	 v[] = {
		TV("name", buf_str(&name)), TV("dob", rv->dob),
		TV("age_band", rv->age_band),
		TV("notice", notice), TV("error", error),
		TV("error_target", error_target), TV("id", rp.review),
		TV("child", rv->child_ref), TV("type", rv->type),
		TV("date", rv->date), TV("status", rv->status),
		TV("iro", rv->iro[0] ? rv->iro : "not allocated"),
		TV("participation", rv->participation[0] ? rv->participation :
		    "not recorded"),
		TV("can_read", role & (R_IRO | R_MANAGER) && rp.any_back ?
		    "1" : NULL),
		TM("rows", &rp.rows), TV("admin", role == R_ADMIN ? "1" : NULL),
		TV("csrf", s->csrf), TM("audiences", &auds),
		TV("can_pn", role & (R_ADMIN | R_IRO) ? "1" : NULL),
		TV("suggest", rp.child_back && !rv->participation[0] ?
		    "1" : NULL),
		TM("pn_options", &pns), TM("channels", &channels),
	};
	tmpl_render(&m, "admin_review", v, NVARS(v));
	buf_printf(&title, "%s%s review", error ? "Error: " : "", rv->child_ref);
	page_staff(p, s, buf_str(&title), &m);
out:
	buf_free(&rp.rows);
	buf_free(&m);
	buf_free(&auds);
	buf_free(&pns);
	buf_free(&title);
	buf_free(&name);
	buf_free(&channels);
}

/* GET /admin/review?id=N: a review, its consultations and its actions. */
void
adm_review(struct req *r, struct resp *p, const struct session *s)
{
	struct db_review rv;

	if (adm_load_review(p, s, r->in[REVIEW_ID], &rv) == -1)
		return;
	adm_review_page(p, s, &rv, NULL, NULL, NULL);
}

struct iro_list {
	struct buf	 opts;
	const char	*selected;
	int		 found;		/* selected is an IRO's id */
};

/* One IRO in a select list. */
static int
iro_option(const void *row, void *arg)
{
	const struct db_staff *st = row;
	struct iro_list	*l = arg;
	char		 id[24];

	snprintf(id, sizeof(id), "%lld", (long long)st->id);
	if (l->selected != NULL && strcmp(l->selected, id) == 0)
		l->found = 1;
	struct tvar	 v[] = { TV("value", id), TV("text", st->username),
	    TV("selected", l->selected != NULL && strcmp(l->selected, id) ==
	    0 ? "1" : NULL) };
	tmpl_render(&l->opts, "admin_option", v, NVARS(v));
	return 0;
}

/*
 * GET/POST /admin/reviews/new: add a review (and its child if new),
 * allocated to an IRO from the list or to nobody yet.
 */
void
adm_new_review(struct req *r, struct resp *p, const struct session *s)
{
	struct iro_list	 l = { { 0 }, r->in[NEW_IRO], 0 };
	struct buf	 m = { 0 }, types = { 0 };
	const char	*child = r->in[NEW_CHILD], *type = r->in[NEW_TYPE];
	const char	*err = NULL, *target = NULL;
	int64_t		 cid, rid, iro = r->in[NEW_IRO] ? atoll(r->in[NEW_IRO]) : 0;
	char		 loc[64];
	int		 rc;

	if (db_staff_each(vocab_at(VOCAB_ROLE, VR_IRO)->word, iro_option,
	    &l) != DB_OK) {
		page_fail(p, __func__);
		goto out;
	}
	if (r->method == HTTP_POST) {
		if (child == NULL || *child == '\0')
			err = "Enter the child's case reference", target = "child";
		else if (r->in[NEW_DATE] == NULL)
			err = "Enter the review date as a real date",
			    target = "date";
		else if (type == NULL)
			err = "Choose the type of review", target = "type";
		else if (iro != 0 && !l.found)
			err = "Choose an IRO from the list", target = "iro";
		if (err == NULL) {
			if (db_begin() != DB_OK) {
				page_fail(p, __func__);
				goto out;
			}
			rc = db_child_get_or_add(child, iro, &cid);
			if (rc == DB_OK)
				rc = db_review_add(cid, type, r->in[NEW_DATE],
				    iro, &rid);
			if (rc == DB_OK && (rc = db_commit()) == DB_OK) {
				db_audit(s->who.id, "review-add", child);
				snprintf(loc, sizeof(loc), "/admin/review?id=%lld",
				    (long long)rid);
				resp_redirect(p, loc);
				goto out;
			}
			db_rollback();
			if (rc != DB_EXISTS) {
				page_fail(p, __func__);
				goto out;
			}
			err = "This child already has that review on that date";
			target = "date";
		}
	}
	struct tvar	 v[] = { TV("error", err), TV("error_target", target),
	    TV("csrf", s->csrf), TV("child", child), TV("date",
	    r->in[NEW_DATE]), TM("iros", &l.opts), TM("types", &types) };
	adm_options(&types, VOCAB_REVIEW_TYPE, 0, type);
	tmpl_render(&m, "admin_new_review", v, NVARS(v));
	page_staff(p, s, err ? "Error: Add a review" : "Add a review", &m);
out:
	buf_free(&l.opts);
	buf_free(&types);
	buf_free(&m);
}

/* The text of a stored value: an option's words, or the value itself. */
static const char *
answer_text(const struct form_question *q, const char *v)
{
	const struct form_option *o;
	size_t	 n, i;

	if (q->type == Q_SHORT || q->type == Q_LONG || q->type == Q_DATE)
		return v;
	o = form_options(q, &n);
	for (i = 0; i < n; i++)
		if (strcmp(o[i].value, v) == 0)
			return o[i].text;
	return v;
}

struct answers_page {
	const struct session	*s;
	struct db_consult	*cs;
	size_t			 n;
};

/* Collect a returned consultation. */
static int
collect_returned(const void *row, void *arg)
{
	const struct db_consult *c = row;
	struct answers_page *ap = arg;

	if (c->returned_at == 0)
		return 0;
	ap->cs = xrealloc(ap->cs, (ap->n + 1) * sizeof(*ap->cs));
	ap->cs[ap->n++] = *c;
	return 0;
}

/* Children's and young people's views first, then the domain's order. */
static int
cmp_audience(const void *a, const void *b)
{
	const struct db_consult *x = a, *y = b;

	return form_audience_index(x->audience) -
	    form_audience_index(y->audience);
}

/* Render one consultation's answers. */
static void
render_answers(struct buf *out, const struct db_consult *c)
{
	const struct form *f = form_get(c->audience);
	struct kvlist	 ans = { 0 };
	struct buf	 items = { 0 }, val = { 0 };
	size_t		 i, j;
	int		 rc = consult_load(1, c->id, &ans);

	for (i = 0; f != NULL && rc == DB_OK && i < f->nq; i++) {
		const struct form_question *q = &f->qs[i];
		buf_reset(&val);
		for (j = 0; j < ans.n; j++)
			if (strcmp(ans.v[j].key, q->id) == 0)
				buf_printf(&val, "%s%s", val.len ? ", " : "",
				    answer_text(q, ans.v[j].val));
		if (val.len == 0)
			continue;
		struct tvar v[] = { TV("label", q->label),
		    TV("value", buf_str(&val)),
		    TV("private", q->private ? "1" : NULL) };
		tmpl_render(&items, "admin_answer_item", v, NVARS(v));
	}
	struct tvar	 v[] = { TV("form", form_audience_name(c->audience)),
	    TV("to", c->to_label), TV("date", c->returned_on),
	    TV("channel", c->return_channel),
	    TV("broken", rc == DB_ERR ? "1" : NULL),
	    TV("held", kv_get(&ans, "_held_on_file") ? "1" : NULL),
	    TM("items", &items) };
	tmpl_render(out, "admin_answers_form", v, NVARS(v));
	kv_free(&ans);
	buf_free(&items);
	buf_free(&val);
}

/*
 * GET /admin/answers?review=N: every returned answer for a review on one
 * page, the child's first.  Each reading is audited.
 */
void
adm_answers(struct req *r, struct resp *p, const struct session *s)
{
	struct db_review rv;
	struct answers_page ap = { s, NULL, 0 };
	struct buf	 forms = { 0 }, m = { 0 };
	char		 id[24], what[96];
	size_t		 i;

	if (adm_load_review(p, s, r->in[ANSWERS_REVIEW], &rv) == -1)
		return;
	if (db_consult_each(rv.id, collect_returned, &ap) != DB_OK) {
		page_fail(p, __func__);
		goto out;
	}
	if (ap.n > 0)
		qsort(ap.cs, ap.n, sizeof(*ap.cs), cmp_audience);
	for (i = 0; i < ap.n; i++) {
		snprintf(what, sizeof(what), "consultation %lld (%s, review %lld)",
		    (long long)ap.cs[i].id, ap.cs[i].audience,
		    (long long)rv.id);
		if (db_audit(s->who.id, "read-answers", what) != DB_OK) {
			page_fail(p, __func__);
			goto out;
		}
		render_answers(&forms, &ap.cs[i]);
	}
	snprintf(id, sizeof(id), "%lld", (long long)rv.id);
	struct tvar	 v[] = { TV("id", id), TV("child", rv.child_ref),
	    TV("date", rv.date), TM("forms", &forms) };
	tmpl_render(&m, "admin_answers", v, NVARS(v));
	page_staff(p, s, "Views", &m);
out:
	free(ap.cs);
	buf_free(&forms);
	buf_free(&m);
}

/*
 * GET/POST /admin/typein?c=ID: type in the answers of a form that came
 * back on paper, by email or by phone.  Every question of every page is
 * on one page; the answers are checked as the person's own would be,
 * sealed and counted as returned by that channel on that date.  The
 * admin types them in but, as ever, cannot read them back afterwards.
 */
void
adm_typein(struct req *r, struct resp *p, const struct session *s)
{
	struct db_consult c;
	struct db_review rv;
	const struct form *f;
	struct kvlist	 ans = { 0 };
	struct form_error errs[64];
	struct buf	 pages = { 0 }, items = { 0 }, summary = { 0 }, m = { 0 };
	struct buf	 qs = { 0 };
	const char	*date = r->in[TYPEIN_DATE], *ch = r->in[TYPEIN_CHANNEL];
	const char	*problem = NULL;
	char		 id[24], rid[24], loc[64], today[11];
	size_t		 i, nerr = 0;

	if (r->in[TYPEIN_C] == NULL ||
	    db_consult_get(atoll(r->in[TYPEIN_C]), &c) != DB_OK ||
	    db_review_get(c.review_id, &rv) != DB_OK ||
	    (f = form_get(c.audience)) == NULL) {
		adm_not_found(p, s, NULL);
		return;
	}
	if (c.returned_at != 0) {
		adm_review_page(p, s, &rv, "That form had already come back.", NULL,
		    NULL);
		return;
	}
	adm_date_in(0, today);
	if (r->method == HTTP_POST) {
		for (i = 0; i < f->npages; i++)
			nerr += form_read_page(f, i, &r->body, &ans, errs + nerr,
			    64 - nerr);
		if (date == NULL)
			problem = "Enter the date it came back as a real date";
		else if (!vocab_flag(VOCAB_RETURN_CHANNEL, ch, VW_BY_STAFF))
			problem = "Choose how it came back";
		if (nerr == 0 && problem == NULL &&
		    (nerr = form_check_all(f, &ans, errs, 64)) == 0) {
			switch (consult_submit(c.id, &ans, ch, date)) {
			case DB_OK:
			case DB_EXISTS:
				db_audit(s->who.id, "type-in", c.audience);
				snprintf(loc, sizeof(loc),
				    "/admin/review?id=%lld", (long long)rv.id);
				resp_redirect(p, loc);
				goto out;
			default:
				page_fail(p, __func__);
				goto out;
			}
		}
	}
	for (i = 0; i < f->npages; i++) {
		buf_reset(&qs);
		pub_questions(&qs, &items, f, i, &ans, errs, nerr, 1);
		struct tvar pv[] = { TV("heading", f->pages[i].heading),
		    TM("questions", &qs) };
		tmpl_render(&pages, "admin_typein_page", pv, NVARS(pv));
	}
	if (problem != NULL) {
		struct tvar ev[] = { TV("target", "date"), TV("msg", problem) };
		tmpl_render(&items, "error_item", ev, NVARS(ev));
	}
	if (items.len > 0) {
		struct tvar sv[] = { TM("items", &items) };
		tmpl_render(&summary, "error_summary", sv, NVARS(sv));
	}
	snprintf(id, sizeof(id), "%lld", (long long)c.id);
	snprintf(rid, sizeof(rid), "%lld", (long long)rv.id);
	struct tvar	 v[] = { TM("summary", &summary), TV("id", id),
	    TV("form", form_audience_name(c.audience)), TV("to", c.to_label),
	    TV("child", rv.child_ref), TV("csrf", s->csrf),
	    TV("date", date != NULL ? date : today), TM("pages", &pages),
	    TV("review", rid) };
	tmpl_render(&m, "admin_typein", v, NVARS(v));
	page_staff(p, s, items.len ? "Error: Type in answers" :
	    "Type in answers", &m);
out:
	kv_free(&ans);
	buf_free(&pages);
	buf_free(&items);
	buf_free(&summary);
	buf_free(&m);
	buf_free(&qs);
}

/* One member of staff in the list. */
static int
staff_row(const void *row, void *arg)
{
	const struct db_staff *st = row;
	struct tvar	 v[] = { TV("name", st->username), TV("role", st->role),
	    TV("disabled", st->disabled ? "1" : NULL) };

	tmpl_render(arg, "admin_staff_row", v, NVARS(v));
	return 0;
}

/*
 * GET/POST /admin/staff: who can sign in, and adding someone.  The
 * password is set here once and hashed with argon2id; it is never shown.
 */
void
adm_staff(struct req *r, struct resp *p, const struct session *s)
{
	struct buf	 rows = { 0 }, m = { 0 }, roles = { 0 };
	const char	*name = r->in[STAFF_NAME], *role = r->in[STAFF_ROLE];
	const char	*pw = r->in[STAFF_PASSWORD], *err = NULL, *target = NULL;
	const char	*notice = NULL;
	char		 hash[CR_PWHASH_LEN];
	int64_t		 id;
	size_t		 i;

	if (r->method == HTTP_POST) {
		if (name == NULL || *name == '\0')
			err = "Enter a user name", target = "username";
		else if (role == NULL)
			err = "Choose a role", target = "role";
		else if (pw == NULL || form_chars(pw) < 10)
			err = "The password must be at least 10 characters",
			    target = "password";
		else if (cr_pw_hash(pw, hash) != 0) {
			page_fail(p, __func__);
			return;
		} else
			switch (db_staff_add(name, hash, role, &id)) {
			case DB_OK:
				db_audit(s->who.id, "user-add", name);
				notice = "They can sign in now.";
				name = NULL;
				break;
			case DB_EXISTS:
				err = "There is already someone with that user "
				    "name", target = "username";
				break;
			default:
				page_fail(p, __func__);
				return;
			}
	}
	for (i = 0; i < vocab_count(VOCAB_ROLE); i++)
		if (db_staff_each(vocab_at(VOCAB_ROLE, i)->word, staff_row,
		    &rows) != DB_OK) {
			page_fail(p, __func__);
			goto out;
		}
	struct tvar	 v[] = { TV("csrf", s->csrf), TM("rows", &rows),
	    TV("error", err), TV("target", target), TV("notice", notice),
	    TV("username", name), TM("roles", &roles) };
	adm_options(&roles, VOCAB_ROLE, 0, err != NULL ? role : NULL);
	tmpl_render(&m, "admin_staff", v, NVARS(v));
	page_staff(p, s, err ? "Error: Staff" : "Staff", &m);
out:
	buf_free(&rows);
	buf_free(&roles);
	buf_free(&m);
}
