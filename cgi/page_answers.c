/*
 * page_answers: reading the views sent back for a review (IROs and
 * managers; every reading audited), and typing in a form that came back
 * on paper, by email or by phone (admins, who cannot read it back).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consult.h"
#include "forms.h"
#include "page_admin.h"
#include "page_answers.h"
#include "page_public.h"
#include "page_reviews.h"
#include "vocab.h"

const struct field answers_fields[ANSWERS__N] = {
	[ANSWERS_REVIEW] = { "review", FS_QUERY, FT_UINT, 0, NULL },
};

const struct field answers_typein_fields[TYPEIN__N] = {
	[TYPEIN_C] = { "c", FS_QUERY, FT_UINT, 0, NULL },
	[TYPEIN_DATE] = { "date", FS_BODY, FT_DATE, 0, NULL },
	[TYPEIN_CHANNEL] = { "channel", FS_BODY, FT_VOCAB, 0,
	    VOCAB(VOCAB_RETURN_CHANNEL) },
};

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

/*
 * Render one consultation's answers; each with a "Mark as a worry"
 * button (POST /admin/answers/worry, page_flags.c) carrying csrf.
 */
static void
render_answers(struct buf *out, const struct db_consult *c, const char *csrf)
{
	char		 cid[24];
	const struct form *f = form_get(c->audience);
	struct kvlist	 ans = { 0 };
	struct buf	 items = { 0 }, val = { 0 };
	size_t		 i, j;
	int		 rc = consult_load(1, c->id, &ans);

	snprintf(cid, sizeof(cid), "%lld", (long long)c->id);
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
		    TV("private", q->private ? "1" : NULL),
		    TV("csrf", csrf), TV("c", cid), TV("q", q->id) };
		tmpl_render(&items, "admin_answer_item", v, NVARS(v));
	}
	struct tvar	 v[] = { TV("form", form_audience_name(c->audience)),
	    TV("to", c->to_label), TV("date", c->returned_on),
	    TV("channel", c->return_channel),
	    TV("broken", rc == DB_ERR ? "1" : NULL),
	    TV("held", kv_get(&ans, HELD_ON_FILE) ? "1" : NULL),
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
answers_read(struct req *r, struct resp *p, const struct session *s)
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
		render_answers(&forms, &ap.cs[i], s->csrf);
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
