/*
 * page_actions: the review page's changes, one route each.  Who may do
 * what is the router's table (router.c); what remains here is the finer
 * rule that an IRO touches only their own children's reviews
 * (adm_load_review()) and a consultation only through its own review.
 * After a change the review page is shown again with a notice, except
 * issuing without a contact, which shows the new links and codes once.
 * Issuing with a contact (an email address, a mobile number or a postal
 * address) queues the messages Heard sends itself, exactly as `heardctl
 * issue --email` does (outreach_issue()): nobody sees the link or code.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consult.h"
#include "contact.h"
#include "forms.h"
#include "lang.h"
#include "log.h"
#include "outreach.h"
#include "page_actions.h"
#include "page_letters.h"
#include "page_admin.h"
#include "page_public.h"
#include "page_reviews.h"
#include "qr.h"
#include "timetable.h"
#include "vocab.h"

#define MAX_ISSUE	FORM_NAUDIENCES

#define ID	{ "id", FS_QUERY, FT_UINT, 0, NULL }
#define C	{ "c", FS_BODY, FT_UINT, 0, NULL }
#define DATE	{ "date", FS_BODY, FT_DATE, 0, NULL }

const struct field act_issue_fields[ISSUE__N] = {
	[ISSUE_ID] = ID,
	[ISSUE_CHANNEL] = { "channel", FS_BODY, FT_VOCAB, 0,
	    VOCAB(VOCAB_SEND_CHANNEL) },
	[ISSUE_TO] = { "to", FS_BODY, FT_LINE, 100, NULL },
	[ISSUE_CONTACT] = { "contact", FS_BODY, FT_TEXT, CONTACT_MAX, NULL },
	[ISSUE_LANG] = { "lang", FS_BODY, FT_VOCAB, 8, VOCAB(VOCAB_LANG) },
};

/*
 * The admin's choice of language for a consultation just issued, when
 * its form is offered in it (the children's forms); other forms stay
 * English.  Returns DB_OK or DB_ERR.
 */
static int
issue_lang(int64_t cid, const char *aud, const char *lang)
{
	if (lang == NULL || strcmp(lang, "en") == 0 ||
	    !lang_offers(lang, aud))
		return DB_OK;
	return db_consult_set_lang(cid, lang);
}

const struct field act_contact_fields[CONTACT__N] = {
	[CONTACT_ID] = ID,
	[CONTACT_C] = C,
	[CONTACT_VALUE] = { "contact", FS_BODY, FT_TEXT, CONTACT_MAX, NULL },
};

const struct field act_link_fields[LINK__N] = {
	[LINK_ID] = ID,
	[LINK_C] = C,
};

const struct field act_return_fields[RETURN__N] = {
	[RETURN_ID] = ID,
	[RETURN_C] = C,
	[RETURN_DATE] = DATE,
	[RETURN_CHANNEL] = { "channel", FS_BODY, FT_VOCAB, 0,
	    VOCAB(VOCAB_RETURN_CHANNEL) },
};

const struct field act_pn_fields[PN__N] = {
	[PN_ID] = ID,
	[PN_CODE] = { "code", FS_BODY, FT_VOCAB, 0,
	    VOCAB(VOCAB_PARTICIPATION) },
};

const struct field act_format_fields[FMT__N] = {
	[FMT_ID] = ID,
	[FMT_FORMAT] = { "format", FS_BODY, FT_VOCAB, 0,
	    VOCAB(VOCAB_REVIEW_FORMAT) },
};

const struct field act_move_fields[MOVE__N] = {
	[MOVE_ID] = ID,
	[MOVE_DATE] = DATE,
	[MOVE_REASON] = { "reason", FS_BODY, FT_LINE, 250, NULL },
};

const struct field act_held_fields[HELD__N] = {
	[HELD_ID] = ID,
	[HELD_ON] = { "held_on", FS_BODY, FT_DATE, 0, NULL },
};

const struct field act_allocate_fields[ALLOC__N] = {
	[ALLOC_ID] = ID,
	[ALLOC_IRO] = { "iro", FS_BODY, FT_UINT, 0, NULL },
};

const struct field act_end_fields[END__N] = {
	[END_ID] = ID,
};

/* Is a typed value empty, or only spaces and line breaks? */
static int
blank(const char *v)
{
	for (; v != NULL && *v != '\0'; v++)
		if (*v != ' ' && *v != '\t' && *v != '\r' && *v != '\n')
			return 0;
	return 1;
}

/*
 * Read a contact typed into a textarea (an address one line each) into
 * its kind and normal form.  Returns 0, or -1 with why: the rule it
 * broke (contact.c's words).
 */
static int
typed_contact(const char *raw, const char *valid, enum contact_kind *k,
    char out[CONTACT_MAX], const char **why)
{
	char	 joined[CONTACT_MAX];
	int	 rc;

	if (blank(raw)) {
		*why = "Enter an email address, a UK mobile number, or a postal "
		    "address of 3 to 7 lines with the postcode last";
		return -1;
	}
	if (valid == NULL || adm_lines(valid, joined, sizeof(joined)) == -1) {
		*why = "That is too long for an email address, a mobile number "
		    "or an address";
		return -1;
	}
	rc = contact_any(joined, k, out, why);
	cr_random(joined, sizeof(joined));
	return rc;
}

/*
 * Issue one form with a contact: its messages are queued by the plan
 * and Heard sends them; the link and code are never shown.  Shows the
 * review again saying when and how the invitation goes.
 */
static void
issue_to(struct resp *p, const struct session *s, struct db_review *rv,
    const char *aud, const char *to, enum contact_kind k,
    const char *contact, const char *lang)
{
	struct cal	 cal;
	char		 today[11], invite[CAL_YMD_LEN], words[CAL_WORDS_LEN];
	char		 notice[320];
	int64_t		 cid;

	adm_date_in(0, today);
	if (tt_cal(&cal) == -1 || db_begin() != DB_OK) {
		page_fail(p, __func__);
		return;
	}
	if ((cid = outreach_issue(&cal, rv->id, aud, to, k, contact, today,
	    invite)) == 0 || issue_lang(cid, aud, lang) != DB_OK ||
	    db_commit() != DB_OK) {
		db_rollback();
		page_fail(p, __func__);
		return;
	}
	db_audit(s->who.id, "issue", rv->child_ref);
	if (invite[0] != '\0') {
		cal_words(cal_parse(invite), words);
		snprintf(notice, sizeof(notice), "Heard will send the %s on "
		    "%s by %s, with its link and code. They are not shown "
		    "here.", form_audience_name(aud), words,
		    k == CONTACT_EMAIL ? "email" : k == CONTACT_SMS ? "text" :
		    "letter");
	} else
		snprintf(notice, sizeof(notice), "Heard will send the %s by %s "
		    "the working day after the review is held, with its link "
		    "and code. They are not shown here.",
		    form_audience_name(aud), k == CONTACT_EMAIL ? "email" :
		    k == CONTACT_SMS ? "text" : "letter");
	reviews_page(p, s, rv, notice, NULL, NULL);
}

/*
 * POST /admin/review/issue: a consultation per ticked audience ("aud",
 * many), then the links, codes and letters, shown once.  With a
 * contact, one audience, sent by Heard (issue_to()).
 */
void
act_issue(struct req *r, struct resp *p, const struct session *s)
{
	struct db_review rv;
	struct consult_secret sec;
	struct cal	 cal;
	struct buf	 rows = { 0 }, letters = { 0 }, m = { 0 };
	enum contact_kind k;
	const char	*channel = r->in[ISSUE_CHANNEL], *to = r->in[ISSUE_TO];
	const char	*why, *aud = NULL;
	char		 link[CONSULT_URL_BUF + CR_TOKEN_LEN + 4], id[24], sent[11];
	char		 basebuf[CONSULT_URL_BUF], contact[CONTACT_MAX];
	const char	*base;
	int64_t		 cid;
	size_t		 i, n = 0, ticked = 0;

	if (adm_load_review(p, s, r->in[ISSUE_ID], &rv) == -1)
		return;
	if ((base = consult_base_url(getenv("HEARD_BASE_URL"), basebuf,
	    sizeof(basebuf))) == NULL) {
		page_fail(p, __func__);
		return;
	}
	if (to != NULL && *to == '\0')
		to = NULL;
	for (i = 0; i < r->body.n; i++)
		if (strcmp(r->body.v[i].key, "aud") == 0 &&
		    vocab_find(VOCAB_AUDIENCE, r->body.v[i].val) != NULL) {
			aud = r->body.v[i].val;
			ticked++;
		}
	if (!blank(kv_get(&r->body, "contact"))) {
		if (ticked == 0)
			reviews_page_kept(p, s, &rv, NULL, "Tick the form to "
			    "send to this contact", "aud-child", &r->body);
		else if (ticked > 1)
			reviews_page_kept(p, s, &rv, NULL, "A contact is for one "
			    "person: tick one form when you give a contact",
			    "contact", &r->body);
		else if (typed_contact(kv_get(&r->body, "contact"),
		    r->in[ISSUE_CONTACT], &k, contact, &why) == -1)
			reviews_page_kept(p, s, &rv, NULL, why, "contact",
			    &r->body);
		else
			issue_to(p, s, &rv, aud, to, k, contact,
			    r->in[ISSUE_LANG]);
		cr_random(contact, sizeof(contact));
		return;
	}
	if (channel == NULL) {
		reviews_page_kept(p, s, &rv, NULL, "Choose how the forms are "
		    "sent", "channel", &r->body);
		return;
	}
	adm_date_in(0, sent);
	if (strcmp(channel, "post") == 0)
		tt_cal(&cal);	/* on failure, the computed holidays */
	for (i = 0; i < r->body.n; i++) {
		const struct kv *kv = &r->body.v[i];
		if (strcmp(kv->key, "aud") != 0)
			continue;
		if (vocab_find(VOCAB_AUDIENCE, kv->val) == NULL ||
		    n == MAX_ISSUE)
			continue;
		if (consult_issue(rv.id, kv->val, channel, to, sent, &cid,
		    &sec) != DB_OK ||
		    issue_lang(cid, kv->val, r->in[ISSUE_LANG]) != DB_OK) {
			page_fail(p, __func__);
			goto out;
		}
		n++;
		snprintf(link, sizeof(link), "%s/c/%s", base, sec.token);
		struct tvar v[] = { TV("form", form_audience_name(kv->val)),
		    TV("to", to), TV("link", link), TV("code", sec.code),
		    TV("date", rv.date), TV("base", base) };
		tmpl_render(&rows, "admin_issued_row", v, NVARS(v));
		if (strcmp(channel, "post") == 0) {
			/* In the form's language, when it has one. */
			if (r->in[ISSUE_LANG] != NULL &&
			    lang_offers(r->in[ISSUE_LANG], kv->val))
				lang_use(r->in[ISSUE_LANG]);
			letters_render(&letters, &cal, kv->val, to, rv.date,
			    base, link, sec.code, rv.id, rv.iro_id);
			lang_use(NULL);
		}
	}
	if (n == 0) {
		reviews_page_kept(p, s, &rv, NULL, "Tick at least one form to "
		    "send", "aud-child", &r->body);
		goto out;
	}
	db_audit(s->who.id, "issue", rv.child_ref);
	snprintf(id, sizeof(id), "%lld", (long long)rv.id);
	struct tvar	 v[] = { TV("id", id), TM("rows", &rows),
	    TM("letters", &letters) };
	tmpl_render(&m, "admin_issued", v, NVARS(v));
	page_staff(p, s, "Links and codes", &m);
out:
	buf_free(&rows);
	buf_free(&letters);
	buf_free(&m);
}

/*
 * Load the review named by id and its consultation c into rv and co.
 * Returns 0, or -1 after answering 404 (unknown, not this member of
 * staff's, or a consultation of another review).
 */
static int
load_consult(struct resp *p, const struct session *s, const char *id,
    const char *c, struct db_review *rv, struct db_consult *co)
{
	if (adm_load_review(p, s, id, rv) == -1)
		return -1;
	if (c == NULL || db_consult_get(atoll(c), co) != DB_OK ||
	    co->review_id != rv->id) {
		adm_not_found(p, s, NULL);
		return -1;
	}
	return 0;
}

/* POST /admin/review/reissue: a new link and code, shown once. */
void
act_reissue(struct req *r, struct resp *p, const struct session *s)
{
	struct db_review rv;
	struct db_consult c;
	struct consult_secret sec;
	char		 notice[CONSULT_URL_BUF + 128];
	char		 base[CONSULT_URL_BUF];
	const char	*url;

	if (load_consult(p, s, r->in[LINK_ID], r->in[LINK_C], &rv, &c) == -1)
		return;
	if (consult_reissue(s->who.id, c.id, &sec) != DB_OK) {
		page_fail(p, __func__);
		return;
	}
	/* The whole base URL and code: this is the only time they show. */
	url = consult_base_url(getenv("HEARD_BASE_URL"), base, sizeof(base));
	if (url == NULL || snprintf(notice, sizeof(notice), "New link for "
	    "this form (shown once): %s/c/%s  code %s", url, sec.token,
	    sec.code) >= (int)sizeof(notice)) {
		page_fail(p, __func__);
		return;
	}
	reviews_page(p, s, &rv, notice, NULL, NULL);
}

/* POST /admin/review/revoke: the link stops opening the form. */
void
act_revoke(struct req *r, struct resp *p, const struct session *s)
{
	struct db_review rv;
	struct db_consult c;

	if (load_consult(p, s, r->in[LINK_ID], r->in[LINK_C], &rv, &c) == -1)
		return;
	if (consult_revoke(s->who.id, c.id) != DB_OK) {
		page_fail(p, __func__);
		return;
	}
	reviews_page(p, s, &rv, "The link is revoked. It no longer opens "
	    "the form, and the form is withdrawn: not counted as sent "
	    "unless it came back (a new link sends it again).", NULL, NULL);
}

/*
 * POST /admin/review/return: a form came back by paper, email or phone
 * and is held on file; it counts as returned on that date.
 */
void
act_return(struct req *r, struct resp *p, const struct session *s)
{
	struct db_review rv;
	struct db_consult c;
	struct kvlist	 held = { 0 };
	const char	*ch = r->in[RETURN_CHANNEL];

	if (load_consult(p, s, r->in[RETURN_ID], r->in[RETURN_C], &rv,
	    &c) == -1)
		return;
	if (r->in[RETURN_DATE] == NULL ||
	    !vocab_flag(VOCAB_RETURN_CHANNEL, ch, VW_BY_STAFF)) {
		reviews_page(p, s, &rv, NULL, "Enter the date it came back "
		    "and how", "main");
		return;
	}
	kv_add(&held, HELD_ON_FILE, strlen(HELD_ON_FILE), "yes", 3, KV_OK);
	switch (consult_submit(c.id, &held, ch, r->in[RETURN_DATE])) {
	case DB_OK:
		reviews_page(p, s, &rv, "The return is recorded.", NULL,
		    NULL);
		break;
	case DB_EXISTS:
		reviews_page(p, s, &rv, "That form had already come back.",
		    NULL, NULL);
		break;
	default:
		page_fail(p, __func__);
	}
	kv_free(&held);
}

/* POST /admin/review/participation: the review's PN code. */
void
act_participation(struct req *r, struct resp *p, const struct session *s)
{
	struct db_review rv;

	if (adm_load_review(p, s, r->in[PN_ID], &rv) == -1)
		return;
	if (r->in[PN_CODE] == NULL) {
		reviews_page(p, s, &rv, NULL, "Choose a participation code "
		    "from PN0 to PN7", "code-PN0");
		return;
	}
	if (db_review_participation(rv.id, r->in[PN_CODE]) != DB_OK) {
		page_fail(p, __func__);
		return;
	}
	db_audit(s->who.id, "participation", rv.child_ref);
	db_review_get(rv.id, &rv);
	reviews_page(p, s, &rv, "The participation code is recorded.",
	    NULL, NULL);
}

/*
 * POST /admin/review/format: how the review was held (in person,
 * online, mixed), for the annual report's in-person share.
 */
void
act_format(struct req *r, struct resp *p, const struct session *s)
{
	struct db_review rv;

	if (adm_load_review(p, s, r->in[FMT_ID], &rv) == -1)
		return;
	if (r->in[FMT_FORMAT] == NULL) {
		reviews_page(p, s, &rv, NULL, "Choose how the review was held: "
		    "in person, online or mixed", "format-in_person");
		return;
	}
	if (db_review_format(rv.id, r->in[FMT_FORMAT]) != DB_OK) {
		page_fail(p, __func__);
		return;
	}
	db_audit(s->who.id, "review-format", rv.child_ref);
	db_review_get(rv.id, &rv);
	reviews_page(p, s, &rv, "The review's format is recorded.", NULL,
	    NULL);
}

/*
 * Change a review and work its child's due dates out again, in one
 * transaction: its status (and date and reason, when not NULL).
 * Returns DB_OK or DB_ERR.
 */
static int
change(const struct db_review *rv, const char *date, const char *status,
    const char *reason)
{
	if (db_begin() != DB_OK)
		return DB_ERR;
	if (db_review_set(rv->id, date, status) == DB_OK &&
	    (reason == NULL || db_review_reason(rv->id, reason) == DB_OK) &&
	    tt_refresh(rv->child_id) == DB_OK && db_commit() == DB_OK)
		return DB_OK;
	db_rollback();
	return DB_ERR;
}

/*
 * Set the review's status (and date and reason, when not NULL), audit
 * it as action, and show the review again.
 */
static void
set_status(struct resp *p, const struct session *s, struct db_review *rv,
    const char *date, const char *status, const char *reason,
    const char *action)
{
	if (change(rv, date, status, reason) != DB_OK) {
		page_fail(p, __func__);
		return;
	}
	db_audit(s->who.id, action, rv->child_ref);
	db_review_get(rv->id, rv);
	reviews_page(p, s, rv, "The review is changed. Its consultations "
	    "carry over.", NULL, NULL);
}

/*
 * POST /admin/review/rearrange: a new date; consultations carry over.
 * A date after the review is due needs a reason, which is kept.
 */
void
act_rearrange(struct req *r, struct resp *p, const struct session *s)
{
	struct db_review rv;
	char		 due[CAL_WORDS_LEN], msg[160];

	if (adm_load_review(p, s, r->in[MOVE_ID], &rv) == -1)
		return;
	if (r->in[MOVE_DATE] == NULL) {
		reviews_page(p, s, &rv, NULL, "Enter the new date as a real "
		    "date, for example 2027-01-20", "date");
		return;
	}
	if (r->in[MOVE_REASON] == NULL && kv_get(&r->body, "reason") != NULL &&
	    *kv_get(&r->body, "reason") != '\0') {
		reviews_page(p, s, &rv, NULL, "The reason must be one line of "
		    "at most 250 characters", "reason");
		return;
	}
	if (rv.due_on[0] != '\0' && strcmp(r->in[MOVE_DATE], rv.due_on) > 0 &&
	    (r->in[MOVE_REASON] == NULL || *r->in[MOVE_REASON] == '\0')) {
		cal_words(cal_parse(rv.due_on), due);
		snprintf(msg, sizeof(msg), "This review is due by %s: say why "
		    "the new date is after that", due);
		reviews_page(p, s, &rv, NULL, msg, "reason");
		return;
	}
	set_status(p, s, &rv, r->in[MOVE_DATE], "rearranged",
	    r->in[MOVE_REASON] != NULL && *r->in[MOVE_REASON] != '\0' ?
	    r->in[MOVE_REASON] : NULL, "rearrange");
}

/* POST /admin/review/standdown: the review is stood down. */
void
act_standdown(struct req *r, struct resp *p, const struct session *s)
{
	struct db_review rv;

	if (adm_load_review(p, s, r->in[END_ID], &rv) == -1)
		return;
	set_status(p, s, &rv, NULL, "stood_down", NULL, "standdown");
}

/* POST /admin/review/cancel: the review is cancelled. */
void
act_cancel(struct req *r, struct resp *p, const struct session *s)
{
	struct db_review rv;

	if (adm_load_review(p, s, r->in[END_ID], &rv) == -1)
		return;
	set_status(p, s, &rv, NULL, "cancelled", NULL, "cancel");
}

/*
 * POST /admin/review/held: the review took place on a day: not before
 * its date, not in the future.  Every later due date follows from it.
 */
void
act_held(struct req *r, struct resp *p, const struct session *s)
{
	struct db_review rv;
	const char	*on = r->in[HELD_ON];
	char		 today[11];
	int		 ok;

	if (adm_load_review(p, s, r->in[HELD_ID], &rv) == -1)
		return;
	adm_date_in(0, today);
	if (vocab_flag(VOCAB_REVIEW_STATUS, rv.status, VW_ENDED) ||
	    rv.held_on[0] != '\0') {
		reviews_page(p, s, &rv, NULL, "This review cannot be marked "
		    "held: it is already held, stood down or cancelled",
		    "held_on");
		return;
	}
	if (on == NULL || strcmp(on, rv.date) < 0 || strcmp(on, today) > 0) {
		reviews_page(p, s, &rv, NULL, "Enter the day the review was "
		    "held: on or after its date and not after today, for "
		    "example 2027-01-20", "held_on");
		return;
	}
	ok = db_begin() == DB_OK && db_review_held(rv.id, on) == DB_OK &&
	    tt_refresh(rv.child_id) == DB_OK && db_commit() == DB_OK;
	if (!ok) {
		db_rollback();
		page_fail(p, __func__);
		return;
	}
	db_audit(s->who.id, "review-held", rv.child_ref);
	db_review_get(rv.id, &rv);
	reviews_page(p, s, &rv, "The review is marked as held.", NULL, NULL);
}

/*
 * db_staff_each() callback: is this IRO the one asked for?  A disabled
 * account is never allocated.
 */
static int
is_iro(const void *row, void *arg)
{
	int64_t	*want = arg;
	const struct db_staff *st = row;

	if (!st->disabled && st->id == *want)
		*want = 0;
	return 0;
}

/*
 * POST /admin/review/allocate: the review's IRO, who is also the
 * child's from now on.  Only an IRO can be allocated.
 */
void
act_allocate(struct req *r, struct resp *p, const struct session *s)
{
	struct db_review rv;
	int64_t		 iro, want;
	int		 ok;

	if (adm_load_review(p, s, r->in[ALLOC_ID], &rv) == -1)
		return;
	iro = want = r->in[ALLOC_IRO] != NULL ? atoll(r->in[ALLOC_IRO]) : 0;
	if (db_staff_each(vocab_at(VOCAB_ROLE, VR_IRO)->word, is_iro,
	    &want) != DB_OK) {
		page_fail(p, __func__);
		return;
	}
	if (iro == 0 || want != 0) {
		reviews_page(p, s, &rv, NULL, "Choose an IRO from the list",
		    "iro");
		return;
	}
	ok = db_begin() == DB_OK && db_review_iro(rv.id, iro) == DB_OK &&
	    db_child_iro(rv.child_id, iro) == DB_OK && db_commit() == DB_OK;
	if (!ok) {
		db_rollback();
		page_fail(p, __func__);
		return;
	}
	db_audit(s->who.id, "review-allocate", rv.child_ref);
	db_review_get(rv.id, &rv);
	reviews_page(p, s, &rv, "The IRO is allocated.", NULL, NULL);
}

/*
 * POST /admin/review/contact?id=N (c=CID, contact): a consultation's
 * new contact, sealed in place of the old.  While the form is still
 * out, every message that never reached the old contact is queued again
 * for the new one (outreach_recontact()).  Only a consultation Heard
 * sends (one issued with a contact) has one to change.
 */
void
act_contact(struct req *r, struct resp *p, const struct session *s)
{
	struct db_review rv;
	struct db_consult c;
	struct cal	 cal;
	enum contact_kind k;
	const char	*why;
	char		 kind[16], old[CONTACT_MAX], contact[CONTACT_MAX];
	char		 target[40], today[11];
	int		 rc, open;

	if (load_consult(p, s, r->in[CONTACT_ID], r->in[CONTACT_C], &rv,
	    &c) == -1)
		return;
	rc = consult_contact(c.id, kind, old, sizeof(old));
	cr_random(old, sizeof(old));
	if (rc == DB_ERR) {
		page_fail(p, __func__);
		return;
	}
	if (rc == DB_NOTFOUND || c.returned_at != 0) {
		reviews_page(p, s, &rv, rc == DB_NOTFOUND ? "That form was "
		    "issued without a contact: Heard does not send it. Make "
		    "a new link for it, or ask for views again with a "
		    "contact." : "That form has come back: there is nothing "
		    "to send.", NULL, NULL);
		return;
	}
	snprintf(target, sizeof(target), "contact-%lld", (long long)c.id);
	if (typed_contact(kv_get(&r->body, "contact"), r->in[CONTACT_VALUE],
	    &k, contact, &why) == -1) {
		reviews_page_kept(p, s, &rv, NULL, why, target, &r->body);
		return;
	}
	open = c.withdrawn_at == 0 && c.link_id != 0 && !c.expired &&
	    !vocab_flag(VOCAB_REVIEW_STATUS, rv.status, VW_ENDED);
	adm_date_in(0, today);
	rc = tt_cal(&cal) == 0 && db_begin() == DB_OK;
	if (!rc || outreach_recontact(&cal, c.id, c.audience, rv.id, k,
	    contact, open, today) != DB_OK || db_commit() != DB_OK) {
		if (rc)
			db_rollback();
		cr_random(contact, sizeof(contact));
		page_fail(p, __func__);
		return;
	}
	cr_random(contact, sizeof(contact));
	db_audit(s->who.id, "contact", rv.child_ref);
	reviews_page(p, s, &rv, open ? "The contact is changed. Messages "
	    "that had not reached the person go to the new contact." :
	    "The contact is changed.", NULL, NULL);
}
