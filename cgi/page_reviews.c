/*
 * page_reviews: the list of reviews, adding a review, and a review's
 * page with its consultations and the controls for each role (the
 * changes themselves are page_actions.c).  The router has checked the
 * role; an IRO sees only their own children's reviews.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consult.h"
#include "forms.h"
#include "page_admin.h"
#include "page_reviews.h"
#include "vocab.h"

const struct field reviews_list_fields[REVIEWS__N] = {
	[REVIEWS_FROM] = { "from", FS_QUERY, FT_DATE, 0, NULL },
	[REVIEWS_TO] = { "to", FS_QUERY, FT_DATE, 0, NULL },
};

const struct field reviews_review_fields[REVIEW__N] = {
	[REVIEW_ID] = { "id", FS_QUERY, FT_UINT, 0, NULL },
};

const struct field reviews_new_fields[NEW__N] = {
	[NEW_CHILD] = { "child", FS_BODY, FT_LINE, 60, NULL },
	[NEW_DATE] = { "date", FS_BODY, FT_DATE, 0, NULL },
	[NEW_TYPE] = { "type", FS_BODY, FT_VOCAB, 0,
	    VOCAB(VOCAB_REVIEW_TYPE) },
	[NEW_IRO] = { "iro", FS_BODY, FT_UINT, 0, NULL },
};

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
reviews_list(struct req *r, struct resp *p, const struct session *s)
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
reviews_page(struct resp *p, const struct session *s,
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
reviews_review(struct req *r, struct resp *p, const struct session *s)
{
	struct db_review rv;

	if (adm_load_review(p, s, r->in[REVIEW_ID], &rv) == -1)
		return;
	reviews_page(p, s, &rv, NULL, NULL, NULL);
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
reviews_new(struct req *r, struct resp *p, const struct session *s)
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
