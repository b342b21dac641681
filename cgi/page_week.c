/*
 * page_week: Issue a week (admins only).  GET /admin/week explains the
 * file; POST /admin/week/check (a multipart upload) shows what will be
 * created and every error by line, writing nothing; POST
 * /admin/week/issue creates it all in one transaction.  The reading,
 * checking and writing are week.c's, shared with heardctl import-week.
 *
 * Carrying the checked file from check to issue: the check page seals
 * the file's text with cr_carry_seal(), bound to this purpose and the
 * staff session's cookie, and the issue form sends it back in hidden
 * fields.  The browser can neither read the contacts in it nor change a
 * byte without the box failing to open (refused, nothing written), and
 * the box is worthless to any other session.  Nothing is kept on the
 * server between the two requests.  The urlencoded parser bounds every
 * value at HTTP_MAX_VALUE bytes, so the box is cut into WEEK_CHUNKS
 * declared fields; hence the upload limit, WEEK_UPLOAD_MAX, which keeps
 * the issue form's body under HEARD_MAX_BODY too.  Issue checks the file
 * again against the database, so a file issued twice is refused.
 *
 * The check page shows contacts masked (week_mask: "s***@example.org",
 * "a mobile ending 111", "an address in NT2 2BB"): enough to see that
 * each column went to the right person and channel, without the page,
 * a screenshot of it or a browser's memory holding the week's contact
 * list.  An admin who needs a contact in full opens the review.
 */
#include <stdio.h>
#include <string.h>

#include "cal.h"
#include "log.h"
#include "page_admin.h"
#include "page_week.h"
#include "timetable.h"
#include "vocab.h"
#include "week.h"

#define WEEK_UPLOAD_MAX	(160 * 1024)	/* bytes of one week's file */
#define WEEK_CHUNK	19000		/* characters in one hidden field */
#define WEEK_BIND	"week\n"	/* what the sealed file is for */

/* The hidden fields that carry the sealed file back, w1 to w12. */
const struct field week_issue_fields[WEEK_CHUNKS] = {
	{ "w1", FS_BODY, FT_LINE, WEEK_CHUNK, NULL },
	{ "w2", FS_BODY, FT_LINE, WEEK_CHUNK, NULL },
	{ "w3", FS_BODY, FT_LINE, WEEK_CHUNK, NULL },
	{ "w4", FS_BODY, FT_LINE, WEEK_CHUNK, NULL },
	{ "w5", FS_BODY, FT_LINE, WEEK_CHUNK, NULL },
	{ "w6", FS_BODY, FT_LINE, WEEK_CHUNK, NULL },
	{ "w7", FS_BODY, FT_LINE, WEEK_CHUNK, NULL },
	{ "w8", FS_BODY, FT_LINE, WEEK_CHUNK, NULL },
	{ "w9", FS_BODY, FT_LINE, WEEK_CHUNK, NULL },
	{ "w10", FS_BODY, FT_LINE, WEEK_CHUNK, NULL },
	{ "w11", FS_BODY, FT_LINE, WEEK_CHUNK, NULL },
	{ "w12", FS_BODY, FT_LINE, WEEK_CHUNK, NULL },
};

/* The bind string of a session's sealed file: purpose and cookie. */
static void
bind_of(const struct session *s, struct buf *b)
{
	buf_reset(b);
	buf_puts(b, WEEK_BIND);
	buf_puts(b, s->cookie);
}

/* The upload form into out, with an error and a label of its own. */
static void
upload_form(struct buf *out, const struct session *s, const char *err,
    const char *label)
{
	struct tvar	 v[] = { TV("csrf", s->csrf), TV("error", err),
	    TV("label", label) };

	tmpl_render(out, "admin_week_upload", v, NVARS(v));
}

/* The GET page (or the same after an upload Heard could not take). */
static void
show_start(struct resp *p, const struct session *s, const char *err)
{
	struct buf	 m = { 0 }, up = { 0 };

	upload_form(&up, s, err, "The week's file");
	struct tvar	 v[] = { TV("error", err), TM("upload", &up) };
	tmpl_render(&m, "admin_week", v, NVARS(v));
	page_staff(p, s, err != NULL ? "Error: Issue a week" :
	    "Issue a week", &m);
	buf_free(&m);
	buf_free(&up);
}

/* GET /admin/week: the columns, an example, and the upload. */
void
week_page(struct req *r, struct resp *p, const struct session *s)
{
	(void)r;
	show_start(p, s, NULL);
}

/* How form a of review w will go, in words, the contact masked. */
static void
how_it_goes(const struct week_review *w, int a, char *out, size_t n)
{
	char	 m[CONTACT_MAX];

	if (!w->has[a]) {
		snprintf(out, n, "No contact: issued, not sent");
		return;
	}
	week_mask(w->kind[a], w->contact[a], m, sizeof(m));
	snprintf(out, n, "%s %s", w->kind[a] == CONTACT_EMAIL ? "Email to" :
	    w->kind[a] == CONTACT_SMS ? "Text to" : "Letter to", m);
	explicit_bzero(m, sizeof(m));
}

/* Render every review of a plan, with its forms, into out. */
static void
render_plan(struct buf *out, const struct week_plan *p)
{
	const struct week_review *w;
	struct buf	 forms = { 0 };
	char		 how[CONTACT_MAX + 32], date[CAL_WORDS_LEN], line[16];
	size_t		 i;
	int		 a;

	for (i = 0; i < p->n; i++) {
		w = &p->rv[i];
		buf_reset(&forms);
		for (a = 0; a < WEEK_AUDS; a++) {
			if (!w->want[a])
				continue;
			how_it_goes(w, a, how, sizeof(how));
			struct tvar fv[] = { TV("form",
			    vocab_label(VOCAB_AUDIENCE, week_aud(a))),
			    TV("to", w->name[a]), TV("how", how) };
			tmpl_render(&forms, "admin_week_form", fv, NVARS(fv));
		}
		cal_words(cal_parse(w->date), date);
		snprintf(line, sizeof(line), "%d", w->lineno);
		struct tvar v[] = { TV("line", line), TV("ref", w->ref),
		    TV("type", vocab_label(VOCAB_REVIEW_TYPE, w->type)),
		    TV("date", date[0] != '\0' ? date : "no valid date"),
		    TV("iro", w->iro), TV("bad", w->nbad > 0 ? "1" : NULL),
		    TM("forms", &forms) };
		tmpl_render(out, "admin_week_review", v, NVARS(v));
	}
	explicit_bzero(how, sizeof(how));
	buf_free(&forms);
}

/* "3 reviews and 13 forms; 7 sent by Notify, 6 without a contact." */
static void
summary(char *out, size_t n, const struct week_plan *p, const char *lead)
{
	snprintf(out, n, "%s %zu review%s and %d form%s: %d to be sent by "
	    "email, text or letter, %d without a contact.", lead, p->n,
	    p->n == 1 ? "" : "s", p->nforms, p->nforms == 1 ? "" : "s",
	    p->ncontacts, p->nforms - p->ncontacts);
}

/*
 * The check page for plan pl (errors and all), with the file's text
 * text[0..len) sealed for the issue form when there are none.
 */
static void
show_check(struct resp *p, const struct session *s, struct week_plan *pl,
    const char *text, size_t len)
{
	struct buf	 m = { 0 }, errs = { 0 }, rv = { 0 }, sealed = { 0 };
	struct buf	 box = { 0 }, bind = { 0 }, up = { 0 };
	char		 msg[WEEK_ERR_MAX + 32], nerr[48], sum[200], issue[96];
	char		 name[8], chunk[WEEK_CHUNK + 1];
	size_t		 i, off, k;

	for (i = 0; i < pl->nerr; i++) {
		snprintf(msg, sizeof(msg), "Line %d: %s", pl->err[i].lineno,
		    pl->err[i].text);
		struct tvar ev[] = { TV("target", "file"), TV("msg", msg) };
		tmpl_render(&errs, "error_item", ev, NVARS(ev));
	}
	snprintf(nerr, sizeof(nerr), "%zu error%s", pl->nerr,
	    pl->nerr == 1 ? "" : "s");
	render_plan(&rv, pl);
	if (pl->nerr == 0) {
		bind_of(s, &bind);
		cr_carry_seal(buf_str(&bind), text, len, &box);
		for (k = 0, off = 0; off < box.len; k++, off += WEEK_CHUNK) {
			if (k == WEEK_CHUNKS) {	/* WEEK_UPLOAD_MAX forbids */
				page_fail(p, __func__);
				goto out;
			}
			snprintf(name, sizeof(name), "w%zu", k + 1);
			snprintf(chunk, sizeof(chunk), "%.*s",
			    (int)(box.len - off < WEEK_CHUNK ? box.len - off :
			    WEEK_CHUNK), box.data + off);
			struct tvar hv[] = { TV("name", name),
			    TV("value", chunk) };
			tmpl_render(&sealed, "admin_week_sealed", hv,
			    NVARS(hv));
		}
	} else
		upload_form(&up, s, "Correct the file and check it again",
		    "The corrected file");
	summary(sum, sizeof(sum), pl, "This file will create");
	snprintf(issue, sizeof(issue), "Issue %zu review%s and %d form%s",
	    pl->n, pl->n == 1 ? "" : "s", pl->nforms,
	    pl->nforms == 1 ? "" : "s");
	struct tvar	 v[] = { TV("csrf", s->csrf),
	    TM("errors", &errs), TV("nerr", nerr), TM("reviews", &rv),
	    TM("sealed", &sealed), TV("summary", sum), TV("issue", issue),
	    TM("upload", &up) };
	tmpl_render(&m, "admin_week_check", v, NVARS(v));
	page_staff(p, s, pl->nerr > 0 ? "Error: Issue a week" :
	    "Issue a week: check", &m);
out:
	buf_free(&m);
	buf_free(&errs);
	buf_free(&rv);
	buf_free(&sealed);
	buf_free(&box);
	buf_free(&bind);
	buf_free(&up);
}

/* Audit a check or issue by its counts, never a contact. */
static void
audit(const struct session *s, const char *action,
    const struct week_plan *pl)
{
	char	 what[128];

	snprintf(what, sizeof(what), "%zu review%s, %d form%s, %d with a "
	    "contact, %zu error%s", pl->n, pl->n == 1 ? "" : "s",
	    pl->nforms, pl->nforms == 1 ? "" : "s", pl->ncontacts, pl->nerr,
	    pl->nerr == 1 ? "" : "s");
	db_audit(s->who.id, action, what);
}

/*
 * POST /admin/week/check: read the uploaded file, show what it will
 * create and every error by line.  Nothing is written but the audit.
 */
void
week_check_page(struct req *r, struct resp *p, const struct session *s)
{
	const struct http_file *f = http_file_get(&r->files, "file");
	struct week_plan pl = { 0 };

	if (f == NULL || f->len == 0 || r->files.n != 1) {
		show_start(p, s, "Choose the week's CSV file");
		return;
	}
	if (f->len > WEEK_UPLOAD_MAX) {
		show_start(p, s, "The file is larger than 160 KB: split the "
		    "week into two files");
		return;
	}
	week_parse(f->data, f->len, &pl);
	if (week_check(&pl, 0) == -1) {
		page_fail(p, __func__);
		goto out;
	}
	audit(s, "week-check", &pl);
	show_check(p, s, &pl, f->data, f->len);
out:
	week_free(&pl);
}

/* The refusal of a sealed file that did not come back as it went. */
static void
refuse(struct resp *p, const struct session *s)
{
	struct buf	 m = { 0 };
	struct tvar	 v[] = { TV("heading", "The checked file did not come "
	    "back unchanged"), TV("text", "Nothing has been created."),
	    TV("more", "Upload the file and check it again, then issue it "
	    "from the page that shows what will be created.") };

	log_line("%s: %s sent a changed or stale week", __func__,
	    s->who.username);
	db_audit(s->who.id, "week-refused", "sealed file did not open");
	p->status = 400;
	tmpl_render(&m, "message", v, NVARS(v));
	page_staff(p, s, "Error: Issue a week", &m);
	buf_free(&m);
}

/*
 * POST /admin/week/issue: open the sealed file the check page made,
 * check it again against the database, and create every review and
 * form in one transaction; then show what was created.
 */
void
week_issue_page(struct req *r, struct resp *p, const struct session *s)
{
	struct buf	 box = { 0 }, bind = { 0 }, text = { 0 }, rows = { 0 };
	struct buf	 m = { 0 };
	struct week_plan pl = { 0 };
	struct cal	 cal;
	char		 today[11], line[16], id[24], forms[16], sum[200];
	char		 date[CAL_WORDS_LEN];
	size_t		 i, k;
	int		 a, n, ended = 0;

	for (k = 0; k < WEEK_CHUNKS; k++) {
		if (r->in_err[k] == FE_MISSING && k > 0) {
			ended = 1;
			continue;
		}
		if (r->in[k] == NULL || ended) {	/* bad, twice, a gap */
			refuse(p, s);
			goto out;
		}
		buf_puts(&box, r->in[k]);
	}
	bind_of(s, &bind);
	if (cr_carry_open(buf_str(&bind), buf_str(&box), &text) == -1) {
		refuse(p, s);
		goto out;
	}
	week_parse(text.data, text.len, &pl);
	explicit_bzero(text.data, text.len);
	if (week_check(&pl, 0) == -1 || tt_cal(&cal) == -1) {
		page_fail(p, __func__);
		goto out;
	}
	if (pl.nerr > 0) {	/* the database changed since the check */
		audit(s, "week-check", &pl);
		show_check(p, s, &pl, "", 0);
		goto out;
	}
	adm_date_in(0, today);
	if (week_apply(&cal, &pl, today, s->who.id, "week-issue") != DB_OK) {
		page_fail(p, __func__);
		goto out;
	}
	for (i = 0; i < pl.n; i++) {
		for (n = 0, a = 0; a < WEEK_AUDS; a++)
			n += pl.rv[i].want[a];
		snprintf(line, sizeof(line), "%d", pl.rv[i].lineno);
		snprintf(id, sizeof(id), "%lld", (long long)pl.rv[i].rid);
		snprintf(forms, sizeof(forms), "%d", n);
		cal_words(cal_parse(pl.rv[i].date), date);
		struct tvar rv[] = { TV("line", line), TV("id", id),
		    TV("ref", pl.rv[i].ref), TV("type",
		    vocab_label(VOCAB_REVIEW_TYPE, pl.rv[i].type)),
		    TV("date", date), TV("forms", forms) };
		tmpl_render(&rows, "admin_week_done_row", rv, NVARS(rv));
	}
	summary(sum, sizeof(sum), &pl, "Created");
	struct tvar	 v[] = { TV("summary", sum), TM("rows", &rows) };
	tmpl_render(&m, "admin_week_done", v, NVARS(v));
	page_staff(p, s, "Week issued", &m);
out:
	week_free(&pl);
	buf_free(&box);
	buf_free(&bind);
	buf_free(&text);
	buf_free(&rows);
	buf_free(&m);
}
