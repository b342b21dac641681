/*
 * page_flags: safeguarding flags (issue 15 item 4).
 *
 * Who: an IRO sees and acknowledges the flags on their own children's
 * reviews; a manager sees and acknowledges every flag, and is the one
 * a flag is raised to when nobody acknowledged it within one working
 * day.  Admins do not: they do not read answers, and a flag's page
 * shows which question raised it.  Marking an answer as a worry is for
 * those who read answers: IROs (their children) and managers.
 *
 * No page here shows a person's answer: a flag names the child's case
 * reference, the review, why it was raised and which question.  What
 * the person who acknowledged it did is sealed at rest and shown on the
 * flag's page only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crypto.h"
#include "csv.h"
#include "flag.h"
#include "forms.h"
#include "page_admin.h"
#include "page_flags.h"
#include "timetable.h"
#include "vocab.h"

const struct field flags_fields[FLAGS__N] = {
	[FLAGS_FORMAT] = { "format", FS_QUERY, FT_WORD, 8, NULL },
};

const struct field flag_fields[FLAG__N] = {
	[FLAG_ID] = { "id", FS_QUERY, FT_UINT, 0, NULL },
};

const struct field flag_ack_fields[FLAGACK__N] = {
	[FLAGACK_ID] = { "id", FS_BODY, FT_UINT, 0, NULL },
	[FLAGACK_WHAT] = { "what", FS_BODY, FT_TEXT, FLAG_ACK_MAX * 4, NULL },
};

const struct field flag_worry_fields[WORRY__N] = {
	[WORRY_C] = { "c", FS_BODY, FT_UINT, 0, NULL },
	[WORRY_Q] = { "q", FS_BODY, FT_WORD, 32, NULL },
};

/* One CSV row of n cells, neutralised (csv.c), ended CRLF. */
static void
csv_row(struct buf *out, const char *const *cells, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(out, ',');
		csv_field(out, cells[i]);
	}
	buf_puts(out, "\r\n");
}

/* The IRO filter of the signed-in person: their id, or 0 for a manager. */
static int64_t
flag_scope(const struct session *s)
{
	return page_role(s) == R_IRO ? s->who.id : 0;
}

struct flag_rows {
	struct buf	 rows;
	int		 csv;
	int		 n;
};

/* db_flag_each() callback: one row of the list (or the CSV). */
static int
flag_row(const void *row, void *arg)
{
	const struct db_flag *f = row;
	struct flag_rows *fr = arg;
	const struct vocab_word *why = vocab_find(VOCAB_FLAG_SOURCE, f->source);
	char		 raised[FLAG_TIME_LEN], acked[FLAG_TIME_LEN];
	char		 hours[32], id[24], rid[24];

	flag_time_words(f->raised_at, raised);
	acked[0] = hours[0] = '\0';
	if (f->acked_at > 0) {
		flag_time_words(f->acked_at, acked);
		flag_hours(f->raised_at, f->acked_at, hours, sizeof(hours));
	}
	snprintf(id, sizeof(id), "%lld", (long long)f->id);
	snprintf(rid, sizeof(rid), "%lld", (long long)f->review_id);
	fr->n++;
	if (fr->csv) {
		const char *cells[] = { id, f->child_ref, f->review_date,
		    f->source, f->question, raised, f->escalated_at > 0 ?
		    "yes" : "no", f->acked_by, acked, hours };
		csv_row(&fr->rows, cells, sizeof(cells) / sizeof(cells[0]));
		return 0;
	}
	struct tvar	 v[] = { TV("id", id), TV("rid", rid),
	    TV("child", f->child_ref), TV("date", f->review_date),
	    TV("why", why != NULL ? why->label : f->source),
	    TV("raised", raised), TV("open", f->acked_at == 0 ? "1" : NULL),
	    TV("escalated", f->escalated_at > 0 ? "1" : NULL),
	    TV("by", f->acked_by), TV("acked", acked), TV("hours", hours),
	    TV("iro", f->iro) };
	tmpl_render(&fr->rows, "flags_row", v, NVARS(v));
	return 0;
}

/*
 * GET /admin/flags[?format=csv]: the flags, open first, with when each
 * was raised, who acknowledged it, when, and the hours between (clock
 * hours, not working hours).  IROs see their own children's.
 */
void
flags_list(struct req *r, struct resp *p, const struct session *s)
{
	struct flag_rows fr = { { 0 }, 0, 0 };
	struct buf	 m = { 0 };
	const char	*fmt = r->in[FLAGS_FORMAT];

	fr.csv = fmt != NULL && strcmp(fmt, "csv") == 0;
	if (fr.csv) {
		const char *head[] = { "flag", "child_ref", "review_date",
		    "raised_by", "question", "raised_at", "escalated",
		    "acknowledged_by", "acknowledged_at",
		    "hours_to_acknowledge" };
		csv_row(&fr.rows, head, sizeof(head) / sizeof(head[0]));
	}
	if (db_flag_each(flag_scope(s), 0, 0, flag_row, &fr) != DB_OK) {
		page_fail(p, __func__);
		goto out;
	}
	if (fr.csv) {
		p->ctype = "text/csv; charset=utf-8";
		resp_header(p, "Content-Disposition",
		    "attachment; filename=\"flags.csv\"");
		buf_reset(&p->body);
		buf_add(&p->body, fr.rows.data, fr.rows.len);
		goto out;
	}
	struct tvar	 v[] = { TM("rows", &fr.rows),
	    TV("any", fr.n > 0 ? "1" : NULL),
	    TV("manager", page_role(s) == R_MANAGER ? "1" : NULL) };
	tmpl_render(&m, "flags", v, NVARS(v));
	page_staff_nobanner(p, s, "Safeguarding flags", &m);
out:
	buf_free(&fr.rows);
	buf_free(&m);
}

/*
 * Load flag id for s: an IRO only their own children's.  Returns 0, or
 * -1 having answered (not found, audited as refused).
 */
static int
load_flag(struct resp *p, const struct session *s, const char *id,
    struct db_flag *f)
{
	char	 what[64];

	if (id == NULL || db_flag_get(atoll(id), f) != DB_OK) {
		adm_not_found(p, s, NULL);
		return -1;
	}
	if (page_role(s) == R_IRO && f->iro_id != s->who.id) {
		snprintf(what, sizeof(what), "flag %lld", (long long)f->id);
		adm_not_found(p, s, what);
		return -1;
	}
	return 0;
}

/* The label of question q of audience aud's form, or q itself. */
static const char *
question_label(const char *aud, const char *q)
{
	const struct form *fm = form_get(aud);
	size_t		 i;

	for (i = 0; fm != NULL && i < fm->nq; i++)
		if (strcmp(fm->qs[i].id, q) == 0)
			return fm->qs[i].label;
	return q;
}

/*
 * One flag's page: what raised it, when, and either the form to
 * acknowledge it (with error and typed kept) or who did, when and what
 * they did.  Reading what they did is audited.
 */
static void
render_flag(struct resp *p, const struct session *s, const struct db_flag *f,
    const char *error, const char *typed, const char *notice)
{
	const struct vocab_word *why = vocab_find(VOCAB_FLAG_SOURCE, f->source);
	struct buf	 m = { 0 }, did = { 0 }, title = { 0 };
	char		 raised[FLAG_TIME_LEN], acked[FLAG_TIME_LEN];
	char		 due[FLAG_TIME_LEN], hours[32], id[24], rid[24];
	char		 what[64];
	struct cal	 c;
	int64_t		 d;

	flag_time_words(f->raised_at, raised);
	acked[0] = hours[0] = due[0] = '\0';
	if (f->acked_at > 0) {
		flag_time_words(f->acked_at, acked);
		flag_hours(f->raised_at, f->acked_at, hours, sizeof(hours));
		if (flag_ack_text(f, &did) == 0) {
			snprintf(what, sizeof(what), "flag %lld",
			    (long long)f->id);
			db_audit(s->who.id, "flag-read", what);
		}
	} else if (tt_cal(&c) == 0 && (d = flag_deadline(&c,
	    f->raised_at)) > 0)
		flag_time_words(d, due);
	snprintf(id, sizeof(id), "%lld", (long long)f->id);
	snprintf(rid, sizeof(rid), "%lld", (long long)f->review_id);
	struct tvar	 v[] = { TV("id", id), TV("rid", rid),
	    TV("child", f->child_ref), TV("date", f->review_date),
	    TV("form", form_audience_name(f->audience)),
	    TV("why", why != NULL ? why->label : f->source),
	    TV("question", question_label(f->audience, f->question)),
	    TV("staff", f->raised_by), TV("raised", raised),
	    TV("iro", f->iro), TV("due", due),
	    TV("escalated", f->escalated_at > 0 ? "1" : NULL),
	    TV("open", f->acked_at == 0 ? "1" : NULL),
	    TV("by", f->acked_by), TV("acked", acked), TV("hours", hours),
	    TV("did", buf_str(&did)), TV("csrf", s->csrf),
	    TV("error", error), TV("typed", typed), TV("notice", notice) };
	tmpl_render(&m, "flag", v, NVARS(v));
	buf_printf(&title, "%sSafeguarding flag %s", error != NULL ?
	    "Error: " : "", id);
	if (error != NULL)
		p->status = 400;
	page_staff_nobanner(p, s, buf_str(&title), &m);
	if (did.data != NULL)
		memset(did.data, 0, did.len);
	buf_free(&did);
	buf_free(&m);
	buf_free(&title);
}

/* GET /admin/flag?id=N: one flag, and acknowledging it. */
void
flag_page(struct req *r, struct resp *p, const struct session *s)
{
	struct db_flag	 f;

	if (load_flag(p, s, r->in[FLAG_ID], &f) == -1)
		return;
	render_flag(p, s, &f, NULL, NULL, NULL);
}

/*
 * POST /admin/flag/ack: acknowledge a flag with what was done (required,
 * at most FLAG_ACK_MAX characters; a mistake is shown next to the box
 * with the text kept).  Audited (flag.c).
 */
void
flag_ack_post(struct req *r, struct resp *p, const struct session *s)
{
	struct db_flag	 f;
	const char	*typed = kv_get(&r->body, "what"), *err = NULL;
	char		 loc[64];
	size_t		 n;
	int		 rc;

	if (load_flag(p, s, r->in[FLAGACK_ID], &f) == -1)
		return;
	if (f.acked_at > 0) {
		render_flag(p, s, &f, NULL, NULL, "This flag had already been "
		    "acknowledged.");
		return;
	}
	n = typed != NULL ? form_chars(typed) : 0;
	if (typed == NULL || strspn(typed, " \t\r\n") == strlen(typed))
		err = "Enter what you did about this flag";
	else if (n > FLAG_ACK_MAX || r->in[FLAGACK_WHAT] == NULL)
		err = "What you did must be 500 characters or fewer";
	if (err != NULL) {
		render_flag(p, s, &f, err, typed, NULL);
		return;
	}
	rc = flag_ack(f.id, s->who.id, typed, (int64_t)time(NULL));
	if (rc == DB_ERR) {
		page_fail(p, __func__);
		return;
	}
	snprintf(loc, sizeof(loc), "/admin/flag?id=%lld", (long long)f.id);
	resp_redirect(p, loc);
}

/*
 * POST /admin/answers/worry: mark question q of a returned consultation
 * as a worry: a flag on its review (an IRO only on their own children's
 * reviews).  Then the flag's page.
 */
void
flag_worry(struct req *r, struct resp *p, const struct session *s)
{
	struct db_consult c;
	struct db_review rv;
	const struct form *fm;
	char		 rid[24], loc[64];
	int64_t		 id;
	size_t		 i;
	int		 rc, known = 0;

	if (r->in[WORRY_C] == NULL || r->in[WORRY_Q] == NULL ||
	    db_consult_get(atoll(r->in[WORRY_C]), &c) != DB_OK ||
	    c.returned_at == 0) {
		adm_not_found(p, s, NULL);
		return;
	}
	snprintf(rid, sizeof(rid), "%lld", (long long)c.review_id);
	if (adm_load_review(p, s, rid, &rv) == -1)
		return;
	fm = form_get(c.audience);
	for (i = 0; fm != NULL && i < fm->nq; i++)
		if (strcmp(fm->qs[i].id, r->in[WORRY_Q]) == 0)
			known = 1;
	if (!known) {
		adm_not_found(p, s, NULL);
		return;
	}
	rc = flag_mark(c.id, r->in[WORRY_Q], s->who.id, (int64_t)time(NULL),
	    &id);
	if (rc == DB_EXISTS) {
		/* Flagged already: show the flags, where it is. */
		resp_redirect(p, "/admin/flags");
		return;
	}
	if (rc != DB_OK) {
		page_fail(p, __func__);
		return;
	}
	snprintf(loc, sizeof(loc), "/admin/flag?id=%lld", (long long)id);
	resp_redirect(p, loc);
}
