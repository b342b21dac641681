/*
 * page_reviews: the list of reviews, adding a review, and a review's
 * page with its consultations and the controls for each role (the
 * changes themselves are page_actions.c).  The router has checked the
 * role; an IRO sees only their own children's reviews.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "consult.h"
#include "contact.h"
#include "forms.h"
#include "page_admin.h"
#include "page_reviews.h"
#include "timetable.h"
#include "vocab.h"

const struct field reviews_list_fields[REVIEWS__N] = {
	[REVIEWS_FROM] = { "from", FS_QUERY, FT_DATE, 0, NULL },
	[REVIEWS_TO] = { "to", FS_QUERY, FT_DATE, 0, NULL },
};

const struct field reviews_review_fields[REVIEW__N] = {
	[REVIEW_ID] = { "id", FS_QUERY, FT_UINT, 0, NULL },
};

const struct field reviews_new_fields[NEW__N] = {
	[NEW_QCHILD] = { "child", FS_QUERY, FT_LINE, 60, NULL },
	[NEW_CHILD] = { "child", FS_BODY, FT_LINE, 60, NULL },
	[NEW_NAME] = { "first_name", FS_BODY, FT_LINE, 40, NULL },
	[NEW_DOB] = { "dob", FS_BODY, FT_DATE, 0, NULL },
	[NEW_SINCE] = { "since", FS_BODY, FT_DATE, 0, NULL },
	[NEW_REASON] = { "reason", FS_BODY, FT_LINE, 250, NULL },
	[NEW_CONFIRM] = { "confirm", FS_BODY, FT_WORD, 8, NULL },
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
	int	 late;

	if (c->returned_at != 0) {
		/* Late: a form before the review back after it. */
		late = strcmp(c->returned_on, review_date) > 0 &&
		    !vocab_is_feedback(c->audience);
		*colour = late ? "yellow" : "green";
		return late ? "returned late" : "returned";
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
	struct buf		 book;		/* children to book */
	const struct db_review	*review;
	int			 outstanding;
	int			 child_back;	/* the child's form came back */
	struct cal		 cal;
	char			 today[11];
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
	enum tt_state	 st;

	l->review = rv;
	l->outstanding = 0;
	buf_reset(&l->tags);
	if (db_consult_each(rv->id, tag_consult, l) != DB_OK)
		return -1;
	snprintf(id, sizeof(id), "%lld", (long long)rv->id);
	snprintf(out, sizeof(out), "%d", l->outstanding);
	st = tt_state(&l->cal, l->today, rv->status, rv->date, rv->held_on,
	    rv->due_on);
	struct tvar	 v[] = { TV("date", rv->date), TV("id", id),
	    TV("child", rv->child_ref), TV("type", rv->type),
	    TV("status", vocab_label(VOCAB_REVIEW_STATUS, rv->status)),
	    TV("iro", rv->iro[0] ? rv->iro : "not allocated"),
	    TM("tags", &l->tags), TV("outstanding", out),
	    TV("due", rv->due_on), TV("due_label", tt_label(st)),
	    TV("due_colour", tt_colour(st)) };
	tmpl_render(&l->rows, "admin_review_row", v, NVARS(v));
	return 0;
}

/*
 * Add a child whose next review is due and not booked to the list:
 * overdue is late, within TT_SOON_WORKDAYS is due soon.
 */
static int
list_to_book(const void *row, void *arg)
{
	const struct db_child *c = row;
	struct listing	*l = arg;
	char		 words[CAL_WORDS_LEN];
	int32_t		 due = cal_parse(c->next_due_on);
	int		 late = strcmp(c->next_due_on, l->today) < 0;
	int		 soon = due <= cal_add_workdays(&l->cal,
	    cal_parse(l->today), TT_SOON_WORKDAYS);

	cal_words(due, words);
	buf_reset(&l->tags);
	http_urlencode(&l->tags, c->ref);
	struct tvar	 v[] = { TV("child", c->ref), TV("due", words),
	    TM("childq", &l->tags),
	    TV("label", late ? "Late: not booked" : soon ? "Due soon" :
	    "To book"), TV("colour", late ? "red" : soon ? "yellow" : "blue"),
	    TV("iro", c->iro[0] ? c->iro : "not allocated"),
	    TV("admin", page_role(l->s) == R_ADMIN ? "1" : NULL) };
	tmpl_render(&l->book, "admin_to_book_row", v, NVARS(v));
	return 0;
}

/*
 * Into out (outlen bytes): why the replica is not keeping up and since
 * when, as `heardctl send` last found it (ctl_replica.c), or "" when it
 * keeps up or nobody checks it.
 */
static void
replica_warning(char *out, size_t outlen)
{
	char		 state[32], since[32], why[512], when[64];
	time_t		 t;
	struct tm	 tm;

	out[0] = '\0';
	if (db_meta_get("replica_state", state, sizeof(state)) != DB_OK ||
	    !vocab_flag(VOCAB_REPLICA_STATE, state, VW_WARN))
		return;
	if (db_meta_get("replica_why", why, sizeof(why)) != DB_OK)
		why[0] = '\0';
	when[0] = '\0';
	if (db_meta_get("replica_since", since, sizeof(since)) == DB_OK &&
	    (t = (time_t)strtoll(since, NULL, 10)) > 0 &&
	    gmtime_r(&t, &tm) != NULL)
		strftime(when, sizeof(when), "Since %H:%M UTC on %d %B %Y: ",
		    &tm);
	snprintf(out, outlen, "%s%s.", when, why[0] ? why : state);
}

/*
 * GET /admin/reviews: children whose next review is due within the
 * dates shown and not booked, then the reviews in those dates (8 weeks
 * from today unless asked) with their due dates and what is outstanding.
 */
void
reviews_list(struct req *r, struct resp *p, const struct session *s)
{
	struct listing	 l = { 0 };
	struct buf	 m = { 0 };
	char		 from[11], to[11], replica[700] = "";
	int64_t		 iro = page_role(s) == R_IRO ? s->who.id : 0;

	l.s = s;
	tt_cal(&l.cal);
	adm_date_in(0, l.today);
	adm_date_in(0, from);
	adm_date_in(56, to);
	if (r->in[REVIEWS_FROM] != NULL)
		snprintf(from, sizeof(from), "%s", r->in[REVIEWS_FROM]);
	if (r->in[REVIEWS_TO] != NULL)
		snprintf(to, sizeof(to), "%s", r->in[REVIEWS_TO]);
	if (db_to_book_each(to, iro, list_to_book, &l) != DB_OK ||
	    db_review_each(from, to, iro, list_review, &l) != DB_OK) {
		page_fail(p, __func__);
		goto out;
	}
	if (page_role(s) == R_ADMIN)
		replica_warning(replica, sizeof(replica));
	struct tvar	 v[] = { TV("from", from), TV("to", to),
	    TM("rows", &l.rows), TM("book", &l.book),
	    TV("admin", page_role(s) == R_ADMIN ? "1" : NULL),
	    TV("replica", replica[0] ? replica : NULL) };
	tmpl_render(&m, "admin_reviews", v, NVARS(v));
	page_staff(p, s, "Reviews", &m);
out:
	buf_free(&l.rows);
	buf_free(&l.tags);
	buf_free(&l.book);
	buf_free(&m);
}

struct iro_list {
	struct buf	 opts;
	const char	*selected;
	int		 found;		/* selected is an IRO's id */
};

/* One IRO in a select list; a disabled account is left out. */
static int
iro_option(const void *row, void *arg)
{
	const struct db_staff *st = row;
	struct iro_list	*l = arg;
	char		 id[24];

	if (st->disabled)
		return 0;

	snprintf(id, sizeof(id), "%lld", (long long)st->id);
	if (l->selected != NULL && strcmp(l->selected, id) == 0)
		l->found = 1;
	struct tvar	 v[] = { TV("value", id), TV("text", st->username),
	    TV("selected", l->selected != NULL && strcmp(l->selected, id) ==
	    0 ? "1" : NULL) };
	tmpl_render(&l->opts, "admin_option", v, NVARS(v));
	return 0;
}

struct review_page {
	const struct session	*s;
	const struct db_review	*rv;
	const struct kvlist	*kept;	/* a form sent back with a mistake */
	const char		*error;
	const char		*error_target;
	struct buf		 rows;
	struct buf		 msgs;
	char			 review[24];
	char			 today[11];
	int			 child_back;
	int			 any_back;
};

/*
 * A message's state in words and the colour of its tag: waiting (with
 * its day), sending, delivered, a failure as GOV.UK Notify reports it,
 * not sent (with Notify's own words for a 400), or stopped (and why).
 */
static const char *
msg_state(const struct db_outbox *o, const char **colour, struct buf *more)
{
	*colour = "grey";
	if (strcmp(o->state, "queued") == 0) {
		if (o->due_on[0] != '\0')
			buf_printf(more, "due %s", o->due_on);
		else
			buf_puts(more, "due after the review is held");
		if (o->error[0] != '\0')
			buf_printf(more, "; %s", o->error);
		return "waiting";
	}
	if (strcmp(o->state, "failed") == 0) {
		*colour = "red";
		buf_puts(more, o->error);
		return "not sent";
	}
	if (strcmp(o->state, "stopped") == 0) {
		buf_puts(more, o->error);
		return "stopped";
	}
	*colour = "blue";
	if (o->sent_on[0] != '\0')
		buf_printf(more, "sent %s", o->sent_on);
	/* GOV.UK Notify's own status words (notify.c reads them). */
	if (strcmp(o->delivery, "delivered") == 0 ||
	    strcmp(o->delivery, "received") == 0) {
		*colour = "green";
		return o->delivery;
	}
	if (strcmp(o->delivery, "permanent-failure") == 0) {
		*colour = "red";
		return "permanent failure (bad address)";
	}
	if (strcmp(o->delivery, "temporary-failure") == 0) {
		*colour = "red";
		return "temporary failure (inbox full or phone off)";
	}
	if (strcmp(o->delivery, "technical-failure") == 0) {
		*colour = "red";
		return "technical failure";
	}
	return "sending";
}

/* db_outbox_of_each() callback: one message of a consultation. */
static int
consult_msg(const void *row, void *arg)
{
	const struct db_outbox *o = row;
	struct buf	*out = arg, more = { 0 };
	const char	*colour, *st;
	char		 what[32];

	st = msg_state(o, &colour, &more);
	if (o->kind[0] == 'r')
		snprintf(what, sizeof(what), "%s %d",
		    vocab_label(VOCAB_MESSAGE, o->kind), o->step);
	else
		snprintf(what, sizeof(what), "%s",
		    vocab_label(VOCAB_MESSAGE, o->kind));
	struct tvar	 v[] = { TV("what", what), TV("colour", colour),
	    TV("state", st), TV("more", buf_str(&more)) };
	tmpl_render(out, "admin_consult_msg", v, NVARS(v));
	buf_free(&more);
	return 0;
}

/* One consultation row on the review page. */
static int
consult_row(const void *row, void *arg)
{
	const struct db_consult *c = row;
	struct review_page *rp = arg;
	struct buf	 returns = { 0 }, shown = { 0 }, typed = { 0 };
	const char	*colour, *st, *err = NULL;
	const struct vocab_word *lw;
	char		 id[24], kind[16] = "", contact[CONTACT_MAX] = "";
	char		 target[40];
	int		 admin = page_role(rp->s) == R_ADMIN, mine = 0, rc;

	st = consult_status(c, rp->rv->date, &colour);
	buf_reset(&rp->msgs);
	/* Contacts and messages: admins only (IROs and managers never). */
	if (admin) {
		rc = consult_contact(c->id, kind, contact, sizeof(contact));
		if (rc == DB_ERR || db_outbox_of_each(c->id, consult_msg,
		    &rp->msgs) != DB_OK)
			return -1;
		snprintf(target, sizeof(target), "contact-%lld",
		    (long long)c->id);
		mine = rp->kept != NULL && kv_get(rp->kept, "c") != NULL &&
		    atoll(kv_get(rp->kept, "c")) == c->id;
		if (mine && rp->error_target != NULL &&
		    strcmp(rp->error_target, target) == 0)
			err = rp->error;
		for (const char *q = contact; *q != '\0'; q++)
			if (*q == '|')
				buf_puts(&shown, ", ");
			else
				buf_putc(&shown, *q);
		if (mine)
			buf_puts(&typed, kv_get(rp->kept, "contact") ?
			    kv_get(rp->kept, "contact") : "");
		else
			adm_unlines(&typed, contact);
	}
	snprintf(id, sizeof(id), "%lld", (long long)c->id);
	if (c->returned_at != 0) {
		rp->any_back = 1;
		if (vocab_is_childs(c->audience))
			rp->child_back = 1;
	}
	lw = vocab_find(VOCAB_LANG, c->lang);
	struct tvar	 v[] = {
		TV("form", form_audience_name(c->audience)),
		TV("lang", lw != NULL ? lw->label : NULL),
		TV("native", lw != NULL ? lw->meaning : NULL),
		TV("code", c->lang), TV("dir", lw != NULL && (lw->flags &
		    VW_RTL) ? "rtl" : "ltr"),
		TV("to", c->to_label), TV("sent", c->sent_on[0] ? c->sent_on :
		    "not sent"), TV("channel", c->channel),
		TV("colour", colour), TV("status", st), TV("id", id),
		TV("review", rp->review), TV("csrf", rp->s->csrf),
		TV("admin", page_role(rp->s) == R_ADMIN ? "1" : NULL),
		TV("returned", c->returned_at ? "1" : NULL),
		TV("held", c->returned_at && strcmp(c->return_channel,
		    "online") != 0 && consult_held(c->id) ? "1" : NULL),
		TV("live", c->link_id ? "1" : NULL), TV("today", rp->today),
		TM("returns", &returns),
		TV("contact_kind", kind[0] ? vocab_label(VOCAB_CONTACT, kind) :
		    NULL), TV("contact", buf_str(&shown)),
		TV("typed", buf_str(&typed)), TM("msgs", &rp->msgs),
		TV("open", mine ? "1" : NULL), TV("e_contact", err),
		TV("contacts", admin ? "1" : NULL),
	};
	adm_options(&returns, VOCAB_RETURN_CHANNEL, VW_BY_STAFF, NULL);
	tmpl_render(&rp->rows, "admin_consult_row", v, NVARS(v));
	buf_free(&returns);
	buf_free(&shown);
	buf_free(&typed);
	cr_random(contact, sizeof(contact));
	return 0;
}

/* Render the review page, with a notice or an error when given. */
void
reviews_page(struct resp *p, const struct session *s,
    const struct db_review *rv, const char *notice, const char *error,
    const char *error_target)
{
	reviews_page_kept(p, s, rv, notice, error, error_target, NULL);
}

/* Is value among the values of key in kept (a ticked box)? */
static int
ticked(const struct kvlist *kept, const char *key, const char *value)
{
	size_t	 i;

	for (i = 0; kept != NULL && i < kept->n; i++)
		if (strcmp(kept->v[i].key, key) == 0 &&
		    strcmp(kept->v[i].val, value) == 0)
			return 1;
	return 0;
}

/*
 * The review page as reviews_page(), with the issue form or one
 * consultation's contact form (kept has "c") filled in as typed in
 * kept, the request body that had a mistake (NULL: none).
 */
void
reviews_page_kept(struct resp *p, const struct session *s,
    const struct db_review *rv, const char *notice, const char *error,
    const char *error_target, const struct kvlist *kept)
{
	const struct vocab_word *w;
	struct review_page rp = { 0 };
	struct buf	 m = { 0 }, auds = { 0 }, pns = { 0 }, title = { 0 };
	struct buf	 fmts = { 0 };
	const struct vocab_word *pn, *fmt;
	struct buf	 name = { 0 }, channels = { 0 }, langs = { 0 };
	struct iro_list	 iros = { { 0 }, NULL, 0 };
	struct cal	 cal;
	enum tt_state	 st;
	char		 due[CAL_WORDS_LEN] = "", iro_id[24];
	const struct kvlist *issue_kept;
	unsigned	 role = page_role(s);
	size_t		 i;

/* The error for one field, when it is the one in error. */
#define E(f)	(error_target != NULL && strcmp(error_target, (f)) == 0 ? \
	    error : NULL)

	rp.s = s;
	rp.rv = rv;
	rp.kept = kept;
	rp.error = error;
	rp.error_target = error_target;
	issue_kept = kept != NULL && kv_get(kept, "c") == NULL ? kept : NULL;
	snprintf(rp.review, sizeof(rp.review), "%lld", (long long)rv->id);
	adm_date_in(0, rp.today);
	if (db_consult_each(rv->id, consult_row, &rp) != DB_OK) {
		page_fail(p, __func__);
		goto out;
	}
	for (i = 0; i < vocab_count(VOCAB_AUDIENCE); i++) {
		w = vocab_at(VOCAB_AUDIENCE, i);
		struct tvar v[] = { TV("value", w->word),
		    TV("text", w->label), TV("checked", ticked(issue_kept,
		    "aud", w->word) ? "1" : NULL) };
		tmpl_render(&auds, "admin_checkbox", v, NVARS(v));
	}
	for (i = 0; i < vocab_count(VOCAB_PARTICIPATION); i++) {
		w = vocab_at(VOCAB_PARTICIPATION, i);
		int sel = rv->participation[0] ?
		    strcmp(rv->participation, w->word) == 0 :
		    rp.child_back && strcmp(w->word, "PN6") == 0;
		struct tvar v[] = { TV("name", "code"), TV("value", w->word),
		    TV("text", w->label), TV("hint", w->meaning),
		    TV("checked", sel ? "1" : NULL) };
		tmpl_render(&pns, "admin_radio", v, NVARS(v));
	}
	for (i = 0; i < vocab_count(VOCAB_REVIEW_FORMAT); i++) {
		w = vocab_at(VOCAB_REVIEW_FORMAT, i);
		struct tvar v[] = { TV("name", "format"), TV("value", w->word),
		    TV("text", w->label), TV("hint", w->meaning),
		    TV("checked", strcmp(rv->format, w->word) == 0 ? "1" :
		    NULL) };
		tmpl_render(&fmts, "admin_radio", v, NVARS(v));
	}
	pn = vocab_find(VOCAB_PARTICIPATION, rv->participation);
	fmt = vocab_find(VOCAB_REVIEW_FORMAT, rv->format);
	adm_options(&channels, VOCAB_SEND_CHANNEL, 0, issue_kept != NULL ?
	    kv_get(issue_kept, "channel") : NULL);
	adm_options(&langs, VOCAB_LANG, 0, issue_kept != NULL ?
	    kv_get(issue_kept, "lang") : NULL);
	snprintf(iro_id, sizeof(iro_id), "%lld", (long long)rv->iro_id);
	iros.selected = iro_id;
	if (role == R_ADMIN && db_staff_each(vocab_at(VOCAB_ROLE,
	    VR_IRO)->word, iro_option, &iros) != DB_OK) {
		page_fail(p, __func__);
		goto out;
	}
	tt_cal(&cal);
	st = tt_state(&cal, rp.today, rv->status, rv->date, rv->held_on,
	    rv->due_on);
	if (rv->due_on[0] != '\0')
		cal_words(cal_parse(rv->due_on), due);
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
		TV("pn_meaning", pn != NULL ? pn->meaning : NULL),
		TV("format", fmt != NULL ? fmt->label : "not recorded"),
		TM("format_options", &fmts), TV("e_format",
		    E("format-in_person")),
		/* The IRO's page lists who has not replied, so it is
		 * worth opening before anything has come back. */
		TV("can_read", role & (R_IRO | R_MANAGER) && rp.rows.len > 0 ?
		    "1" : NULL), TV("any_back", rp.any_back ? "1" : NULL),
		TM("rows", &rp.rows), TV("admin", role == R_ADMIN ? "1" : NULL),
		TV("csrf", s->csrf), TM("audiences", &auds),
		TV("can_pn", role & (R_ADMIN | R_IRO) ? "1" : NULL),
		TV("suggest", rp.child_back && !rv->participation[0] ?
		    "1" : NULL),
		TM("pn_options", &pns), TM("channels", &channels),
		TM("langs", &langs),
		TV("due", due), TV("due_label", tt_label(st)),
		TV("due_colour", tt_colour(st)), TV("held_on", rv->held_on),
		TV("late_reason", rv->late_reason), TM("iros", &iros.opts),
		TV("status_label", vocab_label(VOCAB_REVIEW_STATUS,
		    rv->status)),
		TV("can_hold", role & (R_ADMIN | R_IRO) &&
		    !vocab_flag(VOCAB_REVIEW_STATUS, rv->status, VW_ENDED) &&
		    rv->held_on[0] == '\0' ? "1" : NULL),
		TV("held_default", rv->date), TV("today", rp.today),
		TV("e_date", E("date")), TV("e_reason", E("reason")),
		TV("e_held_on", E("held_on")), TV("e_iro", E("iro")),
		TV("e_code", E("code-PN0")), TV("e_contact", E("contact")),
		TV("e_aud", E("aud-child")),
		TV("kept_to", issue_kept ? kv_get(issue_kept, "to") : NULL),
		TV("kept_contact", issue_kept ? kv_get(issue_kept, "contact") :
		    NULL),
	};
	tmpl_render(&m, "admin_review", v, NVARS(v));
	buf_printf(&title, "%s%s review", error ? "Error: " : "", rv->child_ref);
	page_staff(p, s, buf_str(&title), &m);
out:
	buf_free(&rp.rows);
	buf_free(&rp.msgs);
	buf_free(&m);
	buf_free(&auds);
	buf_free(&pns);
	buf_free(&fmts);
	buf_free(&title);
	buf_free(&name);
	buf_free(&channels);
	buf_free(&langs);
	buf_free(&iros.opts);
#undef E
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

/* Does a case reference look like a person's name (no digit at all)? */
static int
looks_like_name(const char *ref)
{
	int	 letters = 0;

	for (; *ref != '\0'; ref++) {
		if (*ref >= '0' && *ref <= '9')
			return 0;
		letters += (*ref >= 'a' && *ref <= 'z') ||
		    (*ref >= 'A' && *ref <= 'Z');
	}
	return letters >= 2;
}

/* What the add-a-review form holds: everything as typed. */
struct new_form {
	const char	*child, *date, *type, *name, *dob, *since, *reason;
	int		 confirm;	/* "add it anyway" ticked */
	int		 ask;		/* show that box */
	int		 ask_reason;	/* show the reason box */
	const char	*err, *target;
	char		 msg[320];
	char		 due[CAL_WORDS_LEN];
};

/* A body value as typed ("" becomes NULL: an empty optional field). */
static const char *
typed(const struct req *r, const char *name)
{
	const char	*v = kv_get(&r->body, name);

	return v != NULL && *v != '\0' ? v : NULL;
}

/* Set the form's one error (the first found wins) and its field. */
static void
form_err(struct new_form *f, const char *target, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void
form_err(struct new_form *f, const char *target, const char *fmt, ...)
{
	va_list	 ap;

	if (f->err != NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(f->msg, sizeof(f->msg), fmt, ap);
	va_end(ap);
	f->err = f->msg;
	f->target = target;
}

/*
 * Check the add-a-review form before anything is written: the mistakes
 * a person can fix, and the two things to confirm on the web (a date in
 * the past, whose links would be dead on arrival, and a reference that
 * looks like a name).  The CLI and the import do not ask.
 */
static void
new_check(const struct req *r, struct new_form *f, const struct iro_list *l,
    const char *today)
{
	int	 past, named;

	named = f->child != NULL && looks_like_name(f->child);
	past = f->date != NULL && r->in[NEW_DATE] != NULL &&
	    strcmp(f->date, today) < 0;
	f->ask = (named || past) && !f->confirm;
	if (f->child == NULL)
		form_err(f, "child", "Enter the child's case reference");
	else if (r->in[NEW_CHILD] == NULL)
		form_err(f, "child", "The case reference must be one line of "
		    "at most 60 characters");
	if (f->date == NULL)
		form_err(f, "date", "Enter the review date");
	else if (r->in[NEW_DATE] == NULL)
		form_err(f, "date", "The review date must be a real date, for "
		    "example 2027-01-20");
	if (r->in[NEW_TYPE] == NULL)
		form_err(f, "type", "Choose the type of review");
	if (r->in[NEW_IRO] != NULL && atoll(r->in[NEW_IRO]) != 0 && !l->found)
		form_err(f, "iro", "Choose an IRO from the list");
	if (f->name != NULL && (r->in[NEW_NAME] == NULL ||
	    strchr(f->name, ' ') != NULL))
		form_err(f, "first_name", "First name must be one name of at "
		    "most 40 characters, with no spaces");
	if (f->dob != NULL && (r->in[NEW_DOB] == NULL ||
	    strcmp(f->dob, today) > 0))
		form_err(f, "dob", "Date of birth must be a real date in the "
		    "past, for example 2015-06-27");
	if (f->since != NULL && (r->in[NEW_SINCE] == NULL ||
	    strcmp(f->since, today) > 0))
		form_err(f, "since", "The date the child became looked after "
		    "must be a real date, today or before, for example "
		    "2026-10-01");
	else if (f->since != NULL && f->dob != NULL &&
	    strcmp(f->since, f->dob) < 0)
		form_err(f, "since", "The date the child became looked after "
		    "must be on or after their date of birth");
	else if (f->since != NULL && r->in[NEW_DATE] != NULL &&
	    strcmp(f->since, f->date) > 0)
		form_err(f, "since", "The date the child became looked after "
		    "must be before the review date");
	if (f->reason != NULL && r->in[NEW_REASON] == NULL)
		form_err(f, "reason", "The reason must be one line of at most "
		    "250 characters");
	if (named && !f->confirm)
		form_err(f, "confirm", "\"%s\" looks like a person's name. Use "
		    "the council's case reference, or tick the box if this is "
		    "one", f->child);
	else if (past && !f->confirm)
		form_err(f, "confirm", "The review date is in the past: tick "
		    "the box if you are recording a review that has already "
		    "taken place");
}

/*
 * Write the new review, its child's details and episode, and work out
 * its due date; a review booked after it needs a reason, else nothing is
 * kept.  Returns DB_OK with *rid set, DB_EXISTS, DB_NOTFOUND (a reason
 * is needed: f says so), or DB_ERR.
 */
static int
new_store(struct new_form *f, int64_t iro, int64_t *rid)
{
	struct db_review rv;
	int64_t		 cid;
	int		 rc;

	if (db_begin() != DB_OK)
		return DB_ERR;
	rc = db_child_get_or_add(f->child, iro, &cid);
	if (rc == DB_OK && (f->name != NULL || f->dob != NULL))
		rc = consult_child_details(cid, f->name, f->dob, NULL);
	if (rc == DB_OK && f->since != NULL &&
	    (rc = db_episode_add(cid, f->since)) == DB_EXISTS)
		rc = DB_OK;
	if (rc == DB_OK)
		rc = db_review_add(cid, f->type, f->date, iro, rid);
	if (rc == DB_OK && (rc = tt_refresh(cid)) == DB_OK)
		rc = db_review_get(*rid, &rv);
	if (rc == DB_OK && rv.due_on[0] != '\0' &&
	    strcmp(f->date, rv.due_on) > 0) {
		if (f->reason == NULL) {
			db_rollback();
			f->ask_reason = 1;
			cal_words(cal_parse(rv.due_on), f->due);
			form_err(f, "reason", "This review is due by %s: say why "
			    "it is booked after that", f->due);
			return DB_NOTFOUND;
		}
		rc = db_review_reason(*rid, f->reason);
	}
	if (rc == DB_OK && (rc = db_commit()) == DB_OK)
		return DB_OK;
	db_rollback();
	return rc;
}

/*
 * GET/POST /admin/reviews/new: add a review (and its child if new, with
 * first name, date of birth and the day they became looked after),
 * allocated to an IRO from the list or to nobody yet.  GET ?child=REF
 * starts the form for a child on the "to book" list.
 */
void
reviews_new(struct req *r, struct resp *p, const struct session *s)
{
	struct iro_list	 l = { { 0 }, r->in[NEW_IRO], 0 };
	struct buf	 m = { 0 }, types = { 0 };
	struct new_form	 f = { 0 };
	int64_t		 rid, iro = r->in[NEW_IRO] ? atoll(r->in[NEW_IRO]) : 0;
	char		 loc[64], today[11];
	int		 rc;

	adm_date_in(0, today);
	if (db_staff_each(vocab_at(VOCAB_ROLE, VR_IRO)->word, iro_option,
	    &l) != DB_OK) {
		page_fail(p, __func__);
		goto out;
	}
	f.child = r->method == HTTP_POST ? typed(r, "child") :
	    r->in[NEW_QCHILD];
	f.date = typed(r, "date");
	f.type = r->in[NEW_TYPE];
	f.name = typed(r, "first_name");
	f.dob = typed(r, "dob");
	f.since = typed(r, "since");
	f.reason = typed(r, "reason");
	f.ask_reason = f.reason != NULL;
	f.confirm = r->in[NEW_CONFIRM] != NULL &&
	    strcmp(r->in[NEW_CONFIRM], "yes") == 0;
	if (r->method == HTTP_POST) {
		new_check(r, &f, &l, today);
		if (f.err == NULL) {
			rc = new_store(&f, iro, &rid);
			if (rc == DB_OK) {
				db_audit(s->who.id, "review-add", f.child);
				snprintf(loc, sizeof(loc), "/admin/review?id=%lld",
				    (long long)rid);
				resp_redirect(p, loc);
				goto out;
			}
			if (rc == DB_EXISTS)
				form_err(&f, "date", "This child already has "
				    "that review on that date");
			else if (rc == DB_ERR) {
				page_fail(p, __func__);
				goto out;
			}
		}
	}
	adm_options(&types, VOCAB_REVIEW_TYPE, 0, f.type);
	struct tvar	 v[] = { TV("error", f.err), TV("error_target", f.target),
	    TV("csrf", s->csrf), TV("child", f.child), TV("date", f.date),
	    TV("first_name", f.name), TV("dob", f.dob), TV("since", f.since),
	    TV("reason", f.reason), TM("iros", &l.opts), TM("types", &types),
	    TV("ask", f.ask || f.confirm ? "1" : NULL),
	    TV("confirmed", f.confirm ? "1" : NULL),
	    TV("ask_reason", f.ask_reason ? "1" : NULL),
	    TV("e_child", f.target && !strcmp(f.target, "child") ? f.err : NULL),
	    TV("e_date", f.target && !strcmp(f.target, "date") ? f.err : NULL),
	    TV("e_type", f.target && !strcmp(f.target, "type") ? f.err : NULL),
	    TV("e_iro", f.target && !strcmp(f.target, "iro") ? f.err : NULL),
	    TV("e_first_name", f.target && !strcmp(f.target, "first_name") ?
	    f.err : NULL),
	    TV("e_dob", f.target && !strcmp(f.target, "dob") ? f.err : NULL),
	    TV("e_since", f.target && !strcmp(f.target, "since") ? f.err :
	    NULL),
	    TV("e_reason", f.target && !strcmp(f.target, "reason") ? f.err :
	    NULL),
	    TV("e_confirm", f.target && !strcmp(f.target, "confirm") ? f.err :
	    NULL) };
	tmpl_render(&m, "admin_new_review", v, NVARS(v));
	page_staff(p, s, f.err ? "Error: Add a review" : "Add a review", &m);
out:
	buf_free(&l.opts);
	buf_free(&types);
	buf_free(&m);
}
