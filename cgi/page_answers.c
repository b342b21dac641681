/*
 * page_answers: reading the views sent back for a review (IROs and
 * managers; every reading audited), and typing in a form that came back
 * on paper, by email or by phone (admins, who cannot read it back).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cal.h"
#include "consult.h"
#include "forms.h"
#include "page_admin.h"
#include "page_answers.h"
#include "page_public.h"
#include "page_reviews.h"
#include "vocab.h"

const struct field answers_fields[ANSWERS__N] = {
	[ANSWERS_REVIEW] = { "review", FS_QUERY, FT_UINT, 0, NULL },
	/* "private": a copy to print without the child's private answer. */
	[ANSWERS_LEAVE] = { "leave_out", FS_QUERY, FT_WORD, 16, NULL },
};

const struct field answers_typein_fields[TYPEIN__N] = {
	[TYPEIN_C] = { "c", FS_QUERY, FT_UINT, 0, NULL },
	[TYPEIN_DATE] = { "date", FS_BODY, FT_DATE, 0, NULL },
	[TYPEIN_CHANNEL] = { "channel", FS_BODY, FT_VOCAB, 0,
	    VOCAB(VOCAB_RETURN_CHANNEL) },
};

/*
 * May this copy of the page carry a private answer ("Things I only want
 * my IRO to know")?  Only the review's own IRO's copy, as the form
 * promised the child, and never a copy asked for without it (to print
 * and leave on a desk).  Managers read every other answer.
 */
static int
private_shown(const struct session *s, const struct db_review *rv,
    int leave_out)
{
	return !leave_out && page_role(s) == R_IRO && rv->iro_id == s->who.id;
}

/* A stored time (seconds) as the day it fell on, YYYY-MM-DD, in out. */
static void
day_of(int64_t t, char out[11])
{
	time_t		 tt = (time_t)t;
	struct tm	 tm;

	gmtime_r(&tt, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

struct answers_page {
	const struct db_review	*rv;
	struct db_consult	*cs;
	int			*held;		/* each one held on file */
	size_t			 n;
	int			 leave_out;	/* a copy without private answers */
	int			 shown;		/* private answers shown */
};

/* Collect every consultation of the review, back or not. */
static int
collect_consult(const void *row, void *arg)
{
	const struct db_consult *c = row;
	struct answers_page *ap = arg;

	ap->cs = xrealloc(ap->cs, (ap->n + 1) * sizeof(*ap->cs));
	ap->cs[ap->n++] = *c;
	return 0;
}

/* Children's and young people's views first, then the domain's order. */
static int
cmp_audience(const void *a, const void *b)
{
	const struct db_consult *x = a, *y = b;
	int	 d = form_audience_index(x->audience) -
	    form_audience_index(y->audience);

	return d != 0 ? d : (x->id > y->id) - (x->id < y->id);
}

/*
 * Where one consultation stands, for the list of who has replied: a
 * short state for its tag (returned; held on file; revoked, which
 * withdraws it; link expired; no live link; draft saved, opened, sent or
 * not sent yet), how far it got in detail (written to more), and the
 * tag's colour in *colour.  Returns the state, a static string.
 */
static const char *
reply_state(const struct db_consult *c, int held, const char *review_date,
    const char **colour, struct buf *more)
{
	char	 day[11];

	if (c->sent_on[0] != '\0')
		buf_printf(more, "Sent on %s (%s)", c->sent_on,
		    vocab_label(VOCAB_SEND_CHANNEL, c->channel));
	else
		buf_puts(more, "Not sent yet");
	if (c->returned_at != 0) {
		buf_printf(more, "; came back on %s %s%s", c->returned_on,
		    strcmp(c->return_channel, "online") == 0 ? "" : "by ",
		    vocab_label(VOCAB_RETURN_CHANNEL, c->return_channel));
		if (held) {
			buf_puts(more, ", not typed in");
			*colour = "yellow";
			return "held on file";
		}
		*colour = "green";
		return strcmp(c->returned_on, review_date) > 0 &&
		    !vocab_is_feedback(c->audience) ? "returned late" :
		    "returned";
	}
	if (c->opened_at != 0) {
		day_of(c->opened_at, day);
		buf_printf(more, "; opened on %s", day);
	}
	if (c->draft_at != 0) {
		day_of(c->draft_at, day);
		buf_printf(more, "; a draft saved on %s", day);
	}
	*colour = "red";
	/* Revoking a link withdraws the form (migration 6). */
	if (c->withdrawn_at != 0)
		return "revoked";
	if (c->expired)
		return "link expired";
	if (c->link_id == 0)
		return "no live link";
	*colour = "blue";
	if (c->draft_at != 0)
		return "draft saved";
	if (c->opened_at != 0)
		return "opened";
	*colour = "grey";
	return c->sent_on[0] != '\0' ? "sent" : "not sent yet";
}

/*
 * The list of who was asked and where each stands, with "N of M
 * replied" and the names of those not heard from in missing.
 */
static void
render_replies(struct buf *out, struct buf *missing, int *replied,
    const struct answers_page *ap)
{
	struct buf	 more = { 0 };
	const char	*colour, *st;
	char		 id[24];
	size_t		 i;

	*replied = 0;
	for (i = 0; i < ap->n; i++) {
		const struct db_consult *c = &ap->cs[i];
		buf_reset(&more);
		st = reply_state(c, ap->held[i], ap->rv->date, &colour, &more);
		if (c->returned_at != 0)
			(*replied)++;
		else
			/* Who it was for says it best; else the form. */
			buf_printf(missing, "%s%s", missing->len ? "; " : "",
			    c->to_label[0] != '\0' ? c->to_label :
			    form_audience_name(c->audience));
		snprintf(id, sizeof(id), "%lld", (long long)c->id);
		struct tvar v[] = { TV("form", form_audience_name(c->audience)),
		    TV("to", c->to_label), TV("state", st),
		    TV("colour", colour), TV("more", buf_str(&more)),
		    TV("id", id), TV("back", c->returned_at != 0 &&
		    !ap->held[i] ? "1" : NULL) };
		tmpl_render(out, "admin_reply_row", v, NVARS(v));
	}
	buf_free(&more);
}

/*
 * One answer as the IRO reads it: an option's words (with its picture
 * where it has one, as markup in pics) or the text itself (in text).
 */
static void
answer_words(const struct form_question *q, const struct kvlist *ans,
    struct buf *text, struct buf *pics)
{
	const struct form_option *o;
	size_t	 n, i, j;

	o = form_options(q, &n);
	for (j = 0; j < ans->n; j++) {
		if (strcmp(ans->v[j].key, q->id) != 0)
			continue;
		for (i = 0; i < n; i++)
			if (strcmp(o[i].value, ans->v[j].val) == 0)
				break;
		if (i < n && o[i].picture != NULL) {
			struct tvar v[] = { TV("picture", o[i].picture),
			    TV("text", o[i].text) };
			tmpl_render(pics, "check_item", v, NVARS(v));
			continue;
		}
		buf_printf(text, "%s%s", text->len ? ", " : "",
		    i < n ? o[i].text : ans->v[j].val);
	}
}

/*
 * The short list at the top: what the child asked for, read from each
 * child's, young person's or care leaver's form that came back.  Which
 * questions feed it is the form files' "brief:" lines.  A private
 * answer is only said to be there, with a link to it.
 */
static void
render_briefs(struct buf *out, const struct answers_page *ap)
{
	struct buf	 items = { 0 }, text = { 0 }, pics = { 0 };
	char		 anchor[80], id[24];
	size_t		 i, k;

	for (i = 0; i < ap->n; i++) {
		const struct db_consult *c = &ap->cs[i];
		const struct form *f = form_get(c->audience);
		struct kvlist	 ans = { 0 };
		int		 rc;

		if (c->returned_at == 0 || !vocab_is_childs(c->audience) ||
		    f == NULL)
			continue;
		rc = ap->held[i] ? DB_OK : consult_load(1, c->id, &ans);
		buf_reset(&items);
		/* Two passes: what they asked for, then the private line. */
		for (k = 0; rc == DB_OK && !ap->held[i] && k < 2 * f->nq; k++) {
			const struct form_question *q = &f->qs[k % f->nq];
			if (q->brief == NULL || q->private != (k >= f->nq) ||
			    !form_shown(f, k % f->nq, &ans))
				continue;
			buf_reset(&text);
			buf_reset(&pics);
			answer_words(q, &ans, &text, &pics);
			snprintf(anchor, sizeof(anchor), "a-%lld-%s",
			    (long long)c->id, q->id);
			int there = text.len > 0 || pics.len > 0;
			if (q->private && there) {
				/* Never the words here: only that they are. */
				buf_reset(&text);
				buf_reset(&pics);
			}
			struct tvar v[] = { TV("label", q->brief),
			    TV("text", buf_str(&text)), TM("pics", &pics),
			    TV("none", there ? NULL : "1"),
			    TV("private", q->private && there ? "1" : NULL),
			    TV("shown", ap->shown ? "1" : NULL),
			    TV("left_out", ap->leave_out ? "1" : NULL),
			    TV("anchor", anchor) };
			tmpl_render(&items, "admin_brief_item", v, NVARS(v));
		}
		snprintf(id, sizeof(id), "%lld", (long long)c->id);
		struct tvar v[] = { TV("form", form_audience_name(c->audience)),
		    TV("to", c->to_label), TV("date", c->returned_on),
		    TV("id", id), TM("items", &items),
		    TV("held", ap->held[i] ? "1" : NULL),
		    TV("broken", rc == DB_ERR ? "1" : NULL) };
		tmpl_render(out, "admin_brief", v, NVARS(v));
		kv_free(&ans);
	}
	buf_free(&items);
	buf_free(&text);
	buf_free(&pics);
}

/* The review's participation code with its meaning, and every code's. */
static void
render_pn(struct buf *out, const struct db_review *rv)
{
	const struct vocab_word *w, *pn;
	struct buf	 codes = { 0 };
	size_t		 i;

	for (i = 0; i < vocab_count(VOCAB_PARTICIPATION); i++) {
		w = vocab_at(VOCAB_PARTICIPATION, i);
		struct tvar v[] = { TV("code", w->label),
		    TV("meaning", w->meaning) };
		tmpl_render(&codes, "admin_pn_code", v, NVARS(v));
	}
	pn = rv->participation[0] ? vocab_find(VOCAB_PARTICIPATION,
	    rv->participation) : NULL;
	struct tvar	 v[] = { TV("code", pn != NULL ? pn->label : NULL),
	    TV("meaning", pn != NULL ? pn->meaning : NULL),
	    TM("codes", &codes) };
	tmpl_render(out, "admin_pn", v, NVARS(v));
	buf_free(&codes);
}

/*
 * Render one consultation's answers.  A private answer is written only
 * where shown says it may be; otherwise a line says it was left out.
 * Each answer shown has a "Mark as a worry" button (POST
 * /admin/answers/worry, page_flags.c) carrying csrf.
 */
static void
render_answers(struct buf *out, const struct db_consult *c, int shown,
    int leave_out, const char *csrf)
{
	const struct form *f = form_get(c->audience);
	struct kvlist	 ans = { 0 };
	struct buf	 items = { 0 }, val = { 0 }, pics = { 0 };
	char		 anchor[80], id[24], cid[24];
	size_t		 i;
	int		 rc = consult_load(1, c->id, &ans);

	snprintf(cid, sizeof(cid), "%lld", (long long)c->id);
	for (i = 0; f != NULL && rc == DB_OK && i < f->nq; i++) {
		const struct form_question *q = &f->qs[i];
		buf_reset(&val);
		buf_reset(&pics);
		answer_words(q, &ans, &val, &pics);
		if (val.len == 0 && pics.len == 0)
			continue;
		if (q->private && !shown) {
			buf_reset(&val);
			buf_reset(&pics);
		}
		snprintf(anchor, sizeof(anchor), "a-%lld-%s",
		    (long long)c->id, q->id);
		struct tvar v[] = { TV("label", q->label),
		    TV("value", buf_str(&val)), TM("pics", &pics),
		    TV("private", q->private ? "1" : NULL),
		    TV("hidden", q->private && !shown ? "1" : NULL),
		    TV("left_out", leave_out ? "1" : NULL),
		    TV("anchor", anchor),
		    TV("csrf", csrf), TV("c", cid), TV("q", q->id) };
		tmpl_render(&items, "admin_answer_item", v, NVARS(v));
	}
	snprintf(id, sizeof(id), "%lld", (long long)c->id);
	const struct vocab_word *lw = vocab_find(VOCAB_LANG, c->lang);
	struct tvar	 v[] = { TV("form", form_audience_name(c->audience)),
	    TV("lang", lw != NULL ? lw->label : NULL),
	    TV("native", lw != NULL ? lw->meaning : NULL),
	    TV("code", c->lang), TV("dir", lw != NULL && (lw->flags &
	    VW_RTL) ? "rtl" : "ltr"),
	    TV("to", c->to_label), TV("date", c->returned_on),
	    TV("channel", c->return_channel), TV("id", id),
	    TV("online", strcmp(c->return_channel, "online") == 0 ? "1" :
	    NULL),
	    TV("broken", rc == DB_ERR ? "1" : NULL),
	    TV("held", kv_get(&ans, HELD_ON_FILE) ? "1" : NULL),
	    TM("items", &items) };
	tmpl_render(out, "admin_answers_form", v, NVARS(v));
	kv_free(&ans);
	buf_free(&items);
	buf_free(&val);
	buf_free(&pics);
}

/*
 * GET /admin/answers?review=N[&leave_out=private]: the IRO's page before
 * the meeting.  At the top, what the child asked for (the form files'
 * "brief:" questions); beside the views, everyone asked and where each
 * stands, so a missing voice shows; the participation code with its
 * meaning; then every returned answer, the child's first.  leave_out
 * gives a copy to print without the child's private answer.  Each
 * reading is audited.
 */
void
answers_read(struct req *r, struct resp *p, const struct session *s)
{
	struct db_review rv;
	struct answers_page ap = { 0 };
	struct buf	 forms = { 0 }, m = { 0 }, replies = { 0 };
	struct buf	 missing = { 0 }, briefs = { 0 }, pn = { 0 };
	char		 id[24], what[96], words[CAL_WORDS_LEN];
	char		 nrep[24], nasked[24];
	size_t		 i;
	int		 replied, any_back = 0;

	if (adm_load_review(p, s, r->in[ANSWERS_REVIEW], &rv) == -1)
		return;
	ap.rv = &rv;
	ap.leave_out = r->in[ANSWERS_LEAVE] != NULL &&
	    strcmp(r->in[ANSWERS_LEAVE], "private") == 0;
	ap.shown = private_shown(s, &rv, ap.leave_out);
	if (db_consult_each(rv.id, collect_consult, &ap) != DB_OK) {
		page_fail(p, __func__);
		goto out;
	}
	if (ap.n > 0)
		qsort(ap.cs, ap.n, sizeof(*ap.cs), cmp_audience);
	ap.held = xrealloc(NULL, (ap.n + 1) * sizeof(*ap.held));
	for (i = 0; i < ap.n; i++) {
		ap.held[i] = ap.cs[i].returned_at != 0 &&
		    strcmp(ap.cs[i].return_channel, "online") != 0 &&
		    consult_held(ap.cs[i].id);
		if (ap.cs[i].returned_at == 0)
			continue;
		any_back = 1;
		snprintf(what, sizeof(what), "consultation %lld (%s, review %lld)",
		    (long long)ap.cs[i].id, ap.cs[i].audience,
		    (long long)rv.id);
		if (db_audit(s->who.id, "read-answers", what) != DB_OK) {
			page_fail(p, __func__);
			goto out;
		}
		render_answers(&forms, &ap.cs[i], ap.shown, ap.leave_out,
		    s->csrf);
	}
	render_replies(&replies, &missing, &replied, &ap);
	render_briefs(&briefs, &ap);
	render_pn(&pn, &rv);
	snprintf(id, sizeof(id), "%lld", (long long)rv.id);
	snprintf(nrep, sizeof(nrep), "%d", replied);
	snprintf(nasked, sizeof(nasked), "%zu", ap.n);
	cal_words(cal_parse(rv.date), words);
	struct tvar	 v[] = { TV("id", id), TV("child", rv.child_ref),
	    TV("date", words), TM("forms", &forms), TM("replies", &replies),
	    TV("replied", nrep), TV("asked", nasked),
	    TV("missing", buf_str(&missing)), TM("briefs", &briefs),
	    TM("pn", &pn), TV("any_back", any_back ? "1" : NULL),
	    TV("left_out", ap.leave_out ? "1" : NULL),
	    TV("iro", page_role(s) == R_IRO ? "1" : NULL) };
	tmpl_render(&m, "admin_answers", v, NVARS(v));
	page_staff(p, s, "Views", &m);
out:
	free(ap.cs);
	free(ap.held);
	buf_free(&forms);
	buf_free(&m);
	buf_free(&replies);
	buf_free(&missing);
	buf_free(&briefs);
	buf_free(&pn);
}

/*
 * GET/POST /admin/typein?c=ID: type in the answers of a form that came
 * back on paper, by email or by phone.  Every question of every page is
 * on one page; the answers are checked as the person's own would be,
 * sealed and counted as returned by that channel on that date.  The
 * admin types them in but, as ever, cannot read them back afterwards.
 * A return recorded first ("held on file") can have its answers typed
 * in afterwards: they take the place of "held on file", and the date
 * and way it came back stay as recorded.
 */
void
answers_typein(struct req *r, struct resp *p, const struct session *s)
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
	int		 held = 0, rc;

	if (r->in[TYPEIN_C] == NULL ||
	    db_consult_get(atoll(r->in[TYPEIN_C]), &c) != DB_OK ||
	    db_review_get(c.review_id, &rv) != DB_OK ||
	    (f = form_get(c.audience)) == NULL) {
		adm_not_found(p, s, NULL);
		return;
	}
	if (c.returned_at != 0 && !(held = consult_held(c.id))) {
		reviews_page(p, s, &rv, "That form had already come back.", NULL,
		    NULL);
		return;
	}
	adm_date_in(0, today);
	if (held) {
		/* Already recorded: the form shows how, and keeps it. */
		date = c.returned_on;
		ch = c.return_channel;
	}
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
			rc = held ? consult_fill_held(c.id, &ans) :
			    consult_submit(c.id, &ans, ch, date);
			switch (rc) {
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
	    TV("review", rid), TV("held", held ? "1" : NULL),
	    TV("channel", held ? vocab_label(VOCAB_RETURN_CHANNEL, ch) :
	    NULL) };
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
