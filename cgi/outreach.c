/*
 * outreach: when each message to a person is due, and what it says
 * besides their link.
 *
 * A message's due day is worked out from its plan row's working days
 * and an anchor: the review date, or for a feedback form the day the
 * review was held (not known until it is).  The outbox keeps the
 * working days, not only the day, so a rearranged review moves every
 * message not yet sent, whichever page or command moved it: the sender
 * works each day out again on every run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms.h"
#include "consult.h"
#include "log.h"
#include "outreach.h"

/* 1 if an audience's form is a feedback form (sent after the review). */
int
outreach_is_feedback(const char *aud)
{
	return strncmp(aud, "feedback", 8) == 0;
}

/*
 * The day a message is due: workdays working days from the review date
 * (feedback forms: from the day the review was held, held "" if not
 * yet).  Writes out; returns 0, or -1 when it is not known yet.
 */
int
outreach_due(const struct cal *c, const char *aud, const char *review_date,
    const char *held_on, int workdays, char out[CAL_YMD_LEN])
{
	int32_t	 d;

	d = cal_parse(outreach_is_feedback(aud) ? held_on : review_date);
	if (d == CAL_NONE) {
		out[0] = '\0';
		return -1;
	}
	cal_format(cal_add_workdays(c, d, workdays), out);
	return 0;
}

struct plan_rows {
	struct db_plan	 r[OUTREACH_STEPS];
	size_t		 n;
};

/* db_plan_each() callback: keep a row. */
static int
keep_plan(const void *row, void *arg)
{
	struct plan_rows *p = arg;

	if (p->n < OUTREACH_STEPS)
		p->r[p->n++] = *(const struct db_plan *)row;
	return 0;
}

/*
 * Queue the planned messages of consultation cid (audience aud, review
 * rid), inside the caller's transaction.  An invitation whose day has
 * passed is due today; a reminder due on or before the invitation is
 * left out (a person is not sent three messages at once).  Writes the
 * invitation's due day to invite ("" if not known yet).  Returns DB_OK
 * or DB_ERR.
 */
int
outreach_queue(const struct cal *c, int64_t cid, const char *aud,
    int64_t rid, const char *today, char invite[CAL_YMD_LEN])
{
	struct plan_rows p = { .n = 0 };
	struct db_review rv;
	char		 due[CAL_YMD_LEN];
	size_t		 i;
	int		 known;

	invite[0] = '\0';
	if (db_review_get(rid, &rv) != DB_OK ||
	    db_plan_each(aud, keep_plan, &p) != DB_OK)
		return DB_ERR;
	for (i = 0; i < p.n; i++) {
		known = outreach_due(c, aud, rv.date, rv.held_on,
		    p.r[i].workdays, due) == 0;
		if (p.r[i].step == 0) {
			if (known && strcmp(due, today) < 0)
				snprintf(due, sizeof(due), "%s", today);
			snprintf(invite, CAL_YMD_LEN, "%s", due);
		} else if (known && (strcmp(due, today) <= 0 ||
		    (invite[0] != '\0' && strcmp(due, invite) <= 0)))
			continue;
		if (db_outbox_add(cid, p.r[i].kind, p.r[i].step,
		    p.r[i].workdays, known ? due : NULL) == DB_ERR)
			return DB_ERR;
	}
	return DB_OK;
}

/*
 * Issue a consultation with a contact (kind k, normalised value) inside
 * the caller's transaction, and queue its messages by the plan: what
 * `heardctl issue --email`, the week import and the review page do.
 * The link and code are kept sealed for sending and never shown.
 * Writes the invitation's due day to invite ("" if not known yet).
 * Returns the consultation's id, or 0 (the caller rolls back).
 */
int64_t
outreach_issue(const struct cal *c, int64_t review, const char *aud,
    const char *to, enum contact_kind k, const char *contact,
    const char *today, char invite[CAL_YMD_LEN])
{
	struct consult_secret sec;
	int64_t		 cid;
	int		 rc;

	rc = consult_issue_tx(review, aud, contact_channel(k), to, NULL,
	    contact_kind_name(k), contact, &cid, &sec);
	cr_random(&sec, sizeof(sec));
	if (rc != DB_OK || outreach_queue(c, cid, aud, review, today,
	    invite) != DB_OK)
		return 0;
	return cid;
}

/*
 * Give a consultation (audience aud, review rid) a new contact inside
 * the caller's transaction: sealed in place of the old, and every
 * message that never reached the old one (not sent yet, failed,
 * stopped, or sent and not delivered) queued again by the plan as at
 * issue: an invitation whose day has passed goes at once, reminders
 * due by today are left out.  open is 0 for a consultation that is
 * returned, withdrawn, revoked or whose review is off: only the contact
 * changes.  Returns DB_OK or DB_ERR.
 */
int
outreach_recontact(const struct cal *c, int64_t cid, const char *aud,
    int64_t rid, enum contact_kind k, const char *contact, int open,
    const char *today)
{
	char	 invite[CAL_YMD_LEN];

	if (consult_set_contact(cid, contact_kind_name(k), contact) != DB_OK)
		return DB_ERR;
	if (!open)
		return DB_OK;
	if (db_outbox_restart(cid) != DB_OK ||
	    outreach_queue(c, cid, aud, rid, today, invite) != DB_OK)
		return DB_ERR;
	return DB_OK;
}

/*
 * Set an audience's plan: kind "invite" and one number of working days,
 * or "reminder" and a comma-separated list ("-10,-5") or "none".
 * Working days count from the review date (negative: before it), or for
 * feedback forms from the day the review was held.  Applies to
 * consultations issued afterwards.  Returns 0, or -1 with err.
 */
int
outreach_plan_set(const char *aud, const char *kind, const char *days,
    char *err, size_t errlen)
{
	char	 copy[128], *p, *end, *tok;
	long	 v[OUTREACH_STEPS];
	size_t	 n = 0, i;

	if (strcmp(kind, "invite") != 0 && strcmp(kind, "reminder") != 0) {
		snprintf(err, errlen, "the kind is invite or reminder");
		return -1;
	}
	if (snprintf(copy, sizeof(copy), "%s", days) >= (int)sizeof(copy)) {
		snprintf(err, errlen, "too many working days");
		return -1;
	}
	if (strcmp(copy, "none") != 0)
		for (p = copy; (tok = strsep(&p, ",")) != NULL; ) {
			v[n] = strtol(tok, &end, 10);
			if (*tok == '\0' || *end != '\0' || v[n] < -60 ||
			    v[n] > 60) {
				snprintf(err, errlen, "'%s' is not a number of "
				    "working days from -60 to 60", tok);
				return -1;
			}
			if (++n == OUTREACH_STEPS) {
				snprintf(err, errlen, "at most %d reminders",
				    OUTREACH_STEPS - 1);
				return -1;
			}
		}
	if (kind[0] == 'i' && n != 1) {
		snprintf(err, errlen, "an invitation has one number of working "
		    "days");
		return -1;
	}
	for (i = 1; i < n; i++)
		if (v[i] <= v[i - 1]) {
			snprintf(err, errlen, "reminders go in order: each "
			    "later than the one before");
			return -1;
		}
	if (db_begin() != DB_OK) {
		snprintf(err, errlen, "the database is busy");
		return -1;
	}
	if (kind[0] == 'i') {
		if (db_plan_set(aud, "invite", 0, (int)v[0]) != DB_OK)
			goto fail;
	} else {
		if (db_plan_clear(aud, "reminder") != DB_OK)
			goto fail;
		for (i = 0; i < n; i++)
			if (db_plan_set(aud, "reminder", (int)i + 1,
			    (int)v[i]) != DB_OK)
				goto fail;
	}
	if (db_audit(0, "plan", aud) == DB_OK && db_commit() == DB_OK)
		return 0;
	snprintf(err, errlen, "cannot save the plan");
	return -1;
fail:
	db_rollback();
	snprintf(err, errlen, "cannot save the plan");
	return -1;
}

/* A setting's value into out (n bytes), or def when it is not set. */
void
outreach_setting(const char *key, const char *def, char *out, size_t n)
{
	if (db_setting_get(key, out, n) != DB_OK)
		snprintf(out, n, "%s", def);
}

/* 1 unless reminders by a channel (email, sms, letter) are switched off. */
int
outreach_reminders_on(const char *channel)
{
	char	 key[64], v[16];

	snprintf(key, sizeof(key), "reminders.%s", channel);
	outreach_setting(key, "on", v, sizeof(v));
	return strcmp(v, "off") != 0;
}

/*
 * The text of reminder step's wording ab ("A" or "B"): wording.STEP.AB,
 * else the first reminder's, else "".
 */
void
outreach_wording(int step, const char *ab, char *out, size_t n)
{
	char	 key[64];

	snprintf(key, sizeof(key), "wording.%d.%s", step, ab);
	if (db_setting_get(key, out, n) == DB_OK)
		return;
	snprintf(key, sizeof(key), "wording.1.%s", ab);
	outreach_setting(key, "", out, n);
}

/*
 * The reply-by day in words: the working day before the review; for a
 * feedback form, 10 working days after it was held.
 */
void
outreach_reply_by(const struct cal *c, const struct db_outbox *o,
    char out[CAL_WORDS_LEN])
{
	int32_t	 d;

	if (outreach_is_feedback(o->audience)) {
		d = cal_parse(o->held_on);
		d = d == CAL_NONE ? d : cal_add_workdays(c, d, 10);
	} else {
		d = cal_parse(o->review_date);
		d = d == CAL_NONE ? d : cal_add_workdays(c, d, -1);
	}
	if (d == CAL_NONE)
		out[0] = '\0';
	else
		cal_words(d, out);
}

struct rows {
	struct db_outbox *v;
	size_t		 n;
};

/* db_outbox_*_each() callback: keep a copy of the row. */
static int
keep_row(const void *row, void *arg)
{
	struct rows	*r = arg;

	r->v = xrealloc(r->v, (r->n + 1) * sizeof(*r->v));
	r->v[r->n++] = *(const struct db_outbox *)row;
	return 0;
}

/*
 * Every message not yet sent (unfinal == 0) or sent and not yet known
 * to be delivered (unfinal == 1), read first so the caller may update
 * them.  Returns an array of *n rows the caller frees, or NULL with *n
 * = 0 (none, or a database error, logged).
 */
struct db_outbox *
outreach_pending(int unfinal, size_t *n)
{
	struct rows	 r = { NULL, 0 };

	if ((unfinal ? db_outbox_unfinal_each(keep_row, &r) :
	    db_outbox_pending_each(keep_row, &r)) != DB_OK) {
		log_line("%s: cannot read the outbox", __func__);
		free(r.v);
		*n = 0;
		return NULL;
	}
	*n = r.n;
	return r.v;
}

/*
 * 1 if an audience may see the child's first name in ((child)): the
 * child's own forms, parents and carers; not health, education, other
 * professionals or review attendees, who know the child by their case.
 */
int
outreach_sees_child(const char *aud)
{
	return strcmp(aud, "health") != 0 && strcmp(aud, "education") != 0 &&
	    strcmp(aud, "professional") != 0 &&
	    strcmp(aud, "feedback_attendee") != 0;
}

/*
 * Fill m with the personalisation of message o (its consultation,
 * audience, review, kind and step) carrying the live link and code in
 * sec, the link under base (the site's address).  The one place these
 * fields are built: the sender and the chase list's CSV both use it.
 * The caller frees m with outreach_pers_free(), whatever this returns:
 * 0, or -1 when the link does not fit (a cut link is never sent).
 */
int
outreach_pers(const struct cal *c, const char *base,
    const struct db_outbox *o, const struct consult_secret *sec,
    struct outreach_pers *m)
{
	struct db_review rv;
	const struct form *fm;
	size_t		 n = 0;

	memset(m, 0, sizeof(*m));
	if (outreach_sees_child(o->audience) &&
	    db_review_get(o->review_id, &rv) == DB_OK)
		consult_child_name(&rv, &m->child);
	fm = form_get(o->audience);
	cal_words(cal_parse(o->review_date), m->when);
	outreach_reply_by(c, o, m->reply);
	outreach_setting("council", "the IRO service", m->council,
	    sizeof(m->council));
	if (snprintf(m->link, sizeof(m->link), "%s/c/%s", base, sec->token) >=
	    (int)sizeof(m->link))
		return -1;
	snprintf(m->code, sizeof(m->code), "%s", sec->code);
#define FIELD(k_, v_) do { m->f[n].name = (k_); m->f[n].value = (v_); n++; } \
	while (0)
	FIELD("name", o->to_label[0] != '\0' ? o->to_label : "there");
	FIELD("form", fm != NULL ? fm->title :
	    form_audience_name(o->audience));
	FIELD("child", buf_str(&m->child));
	FIELD("review_date", m->when);
	FIELD("reply_by", m->reply);
	FIELD("link", m->link);
	FIELD("code", m->code);
	FIELD("council", m->council);
	if (o->kind[0] == 'r') {
		outreach_wording(o->step, o->wording[0] != '\0' ? o->wording :
		    "A", m->wording, sizeof(m->wording));
		FIELD("wording", m->wording);
	}
#undef FIELD
	m->p.fields = m->f;
	m->p.n = n;
	return 0;
}

/* Wipe the link and code of a message's personalisation, free the rest. */
void
outreach_pers_free(struct outreach_pers *m)
{
	cr_random(m->link, sizeof(m->link));
	cr_random(m->code, sizeof(m->code));
	buf_free(&m->child);
}

/* What outreach_remind_now() reads of a consultation's messages. */
struct remind {
	struct db_outbox inv;		/* the invitation (step 0) */
	struct db_outbox any;		/* any row, for the review's facts */
	const struct cal *cal;
	const char	*today;
	int		 rows;
	int		 max_step;
	int		 due_now;	/* a reminder queued, due by today */
	int		 went_today;	/* a message went today */
};

/* db_outbox_of_each() callback: note what remind_now needs. */
static int
remind_row(const void *row, void *arg)
{
	const struct db_outbox *o = row;
	struct remind	*r = arg;
	char		 due[CAL_YMD_LEN];

	if (r->rows++ == 0)
		r->any = *o;
	if (o->step == 0)
		r->inv = *o;
	if (o->step > r->max_step)
		r->max_step = o->step;
	if (strcmp(o->sent_on, r->today) == 0)
		r->went_today = 1;
	if (o->kind[0] == 'r' && strcmp(o->state, "queued") == 0 &&
	    outreach_due(r->cal, o->audience, o->review_date, o->held_on,
	    o->workdays, due) == 0 && strcmp(due, r->today) <= 0)
		r->due_now = 1;
	return 0;
}

/*
 * Queue a reminder for consultation cid due today (the chase list's
 * "send a reminder now"); heardctl send's next run sends it by the same
 * contact and with the same live link as the invitation.  The outbox
 * keeps working days, not a day, so the row holds the latest number of
 * working days from the review (for feedback forms, from the day it was
 * held) that falls on or before today.  Not queued, with why, when the
 * sender would not send it: no contact, no live link, the invitation
 * not gone (or gone today), reminders by that contact switched off, or
 * a reminder already due.  Runs in the caller's transaction.
 */
enum outreach_now
outreach_remind_now(const struct cal *c, int64_t cid, const char *today,
    char *why, size_t n)
{
	struct remind	 r;
	struct db_box	 b = { 0 };
	const struct db_outbox *o;
	char		 due[CAL_YMD_LEN];
	int		 w, i, rc;

	memset(&r, 0, sizeof(r));
	r.cal = c;
	r.today = today;
	if (db_outbox_of_each(cid, remind_row, &r) != DB_OK)
		return OUTREACH_ERROR;
	o = &r.any;
	if (r.rows == 0 || o->contact_kind[0] == '\0') {
		snprintf(why, n, "no contact: it was not sent by Heard; add an "
		    "email address, mobile number or postal address");
		return OUTREACH_SKIPPED;
	}
	if (o->closed) {
		snprintf(why, n, "it has come back or was withdrawn");
		return OUTREACH_SKIPPED;
	}
	if ((rc = db_secret_get(cid, &b)) != DB_OK) {
		buf_free(&b.box);
		if (rc == DB_ERR)
			return OUTREACH_ERROR;
		snprintf(why, n, "no live link (revoked or past its last day): "
		    "reissue it from the review page");
		return OUTREACH_SKIPPED;
	}
	buf_free(&b.box);
	if (strcmp(r.inv.state, "failed") == 0 ||
	    strcmp(r.inv.state, "stopped") == 0) {
		snprintf(why, n, "the invitation did not go (%s): fix the "
		    "contact", r.inv.error[0] != '\0' ? r.inv.error :
		    r.inv.state);
		return OUTREACH_SKIPPED;
	}
	if (strcmp(r.inv.state, "sent") != 0) {
		snprintf(why, n, "the invitation has not gone yet%s%s%s",
		    r.inv.due_on[0] != '\0' ? " (due " : "", r.inv.due_on,
		    r.inv.due_on[0] != '\0' ? ")" : "");
		return OUTREACH_SKIPPED;
	}
	if (r.went_today) {
		snprintf(why, n, "a message went today; a reminder can go "
		    "tomorrow");
		return OUTREACH_SKIPPED;
	}
	if (r.due_now) {
		snprintf(why, n, "a reminder is already due: it goes with the "
		    "next send");
		return OUTREACH_SKIPPED;
	}
	if (!outreach_reminders_on(o->contact_kind)) {
		snprintf(why, n, "reminders by %s are switched off",
		    o->contact_kind);
		return OUTREACH_SKIPPED;
	}
	if (r.max_step + 1 >= 100) {
		snprintf(why, n, "it has had 99 messages already");
		return OUTREACH_SKIPPED;
	}
	/* The latest working-day offset whose day is on or before today. */
	w = 0;
	if (outreach_due(c, o->audience, o->review_date, o->held_on, 0,
	    due) == -1) {
		snprintf(why, n, "the review is not held yet");
		return OUTREACH_SKIPPED;
	}
	if (strcmp(due, today) > 0) {
		for (i = 0; i < 400 && strcmp(due, today) > 0; i++)
			outreach_due(c, o->audience, o->review_date,
			    o->held_on, --w, due);
	} else {
		for (i = 0; i < 400; i++) {
			outreach_due(c, o->audience, o->review_date,
			    o->held_on, w + 1, due);
			if (strcmp(due, today) > 0)
				break;
			w++;
		}
	}
	outreach_due(c, o->audience, o->review_date, o->held_on, w, due);
	if (db_outbox_add(cid, "reminder", r.max_step + 1, w, due) != DB_OK)
		return OUTREACH_ERROR;
	return OUTREACH_QUEUED;
}
