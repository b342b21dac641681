/*
 * page_chase: the chase list.  GET /admin/chase shows every
 * consultation not yet back for reviews in a date range (today to 8
 * weeks ahead unless asked), filtered by audience, IRO, how it was
 * sent, opened or not, and a message that failed; at most CHASE_LIMIT
 * rows, with how many there are in all.  POST /admin/chase/remind
 * queues a reminder due today for each ticked one (heardctl send sends
 * it); POST /admin/chase/csv downloads the ticked ones in GOV.UK
 * Notify's bulk-upload format, with the same personalisation the
 * sender builds (outreach_pers()).  Recording a return and fixing a
 * contact are the review page's: the list links there.
 *
 * Letters for the ticked ones are not printed here yet: the letter is
 * drawn by page_actions.c's letter(), which belongs to the review page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consult.h"
#include "contact.h"
#include "csv.h"
#include "lang.h"
#include "log.h"
#include "outreach.h"
#include "page_admin.h"
#include "page_chase.h"
#include "page_letters.h"
#include "timetable.h"
#include "vocab.h"

const struct field chase_fields[CHASE__N] = {
	[CHASE_FROM] = { "from", FS_QUERY, FT_DATE, 0, NULL },
	[CHASE_TO] = { "to", FS_QUERY, FT_DATE, 0, NULL },
	[CHASE_AUD] = { "aud", FS_QUERY, FT_VOCAB, 0,
	    VOCAB(VOCAB_AUDIENCE) },
	[CHASE_IRO] = { "iro", FS_QUERY, FT_UINT, 0, NULL },
	[CHASE_CHANNEL] = { "channel", FS_QUERY, FT_VOCAB, 0,
	    VOCAB(VOCAB_SEND_CHANNEL) },
	[CHASE_OPENED] = { "opened", FS_QUERY, FT_UINT, 1, NULL },
	[CHASE_FAILED] = { "failed", FS_QUERY, FT_UINT, 1, NULL },
	[CHASE_ALL] = { "all", FS_QUERY, FT_UINT, 1, NULL },
	[CHASE_KIND] = { "kind", FS_BODY, FT_VOCAB, 0, VOCAB(VOCAB_CONTACT) },
};

/* The filters of one request, as given (or the defaults). */
struct filters {
	struct db_chase_q q;
	char		 from[11], to[11], today[11];
	const char	*iro;		/* as given, or NULL */
	struct buf	 qs;		/* the filters as a query string */
};

/*
 * The last list this worker rendered, kept until the database changes:
 * admins reload the list far more often than it moves, and a large
 * authority's eight weeks are some 15,000 consultations to filter.
 */
static struct {
	char		 key[256];
	int64_t		 stamp;
	struct buf	 rows;
	int64_t		 total;
	size_t		 shown;
} cache;

/* Add key=value to a query string being built. */
static void
qs_add(struct buf *qs, const char *key, const char *val)
{
	if (val == NULL)
		return;
	buf_printf(qs, "%s%s=", qs->len ? "&" : "", key);
	http_urlencode(qs, val);
}

/* Read the filters from the query string into f. */
static void
filters_of(const struct req *r, struct filters *f)
{
	const char	*o = r->in[CHASE_OPENED];

	memset(f, 0, sizeof(*f));
	adm_date_in(0, f->today);
	adm_date_in(0, f->from);
	adm_date_in(56, f->to);
	if (r->in[CHASE_FROM] != NULL)
		snprintf(f->from, sizeof(f->from), "%s", r->in[CHASE_FROM]);
	if (r->in[CHASE_TO] != NULL)
		snprintf(f->to, sizeof(f->to), "%s", r->in[CHASE_TO]);
	f->q.from = f->from;
	f->q.to = f->to;
	f->q.audience = r->in[CHASE_AUD];
	f->q.channel = r->in[CHASE_CHANNEL];
	f->iro = r->in[CHASE_IRO];
	f->q.iro = f->iro != NULL ? atoll(f->iro) : 0;
	f->q.opened = o != NULL ? o[0] == '1' : -1;
	f->q.failed = r->in[CHASE_FAILED] != NULL &&
	    r->in[CHASE_FAILED][0] == '1';
	f->q.limit = CHASE_LIMIT;
	qs_add(&f->qs, "from", f->from);
	qs_add(&f->qs, "to", f->to);
	qs_add(&f->qs, "aud", f->q.audience);
	qs_add(&f->qs, "iro", f->iro);
	qs_add(&f->qs, "channel", f->q.channel);
	qs_add(&f->qs, "opened", o);
	qs_add(&f->qs, "failed", f->q.failed ? "1" : NULL);
}

/* An audience's short label: "parents", not "Consultation form for ...". */
static const char *
aud_label(const char *aud)
{
	const char	*l = vocab_label(VOCAB_AUDIENCE, aud);

	return strncmp(l, "Consultation form for ", 22) == 0 ? l + 22 : l;
}

/* How a consultation went: its contact's kind, else its channel. */
static const char *
how_label(const char *contact_kind, const char *channel)
{
	if (strcmp(contact_kind, "email") == 0)
		return "Email";
	if (strcmp(contact_kind, "sms") == 0)
		return "Text message";
	if (strcmp(contact_kind, "letter") == 0)
		return "Letter";
	return vocab_label(VOCAB_SEND_CHANNEL, channel);
}

/* Notify's delivery status in words, and its tag colour. */
static const char *
delivery_label(const char *d, const char **colour)
{
	*colour = "red";
	if (strcmp(d, "permanent-failure") == 0)
		return "not delivered: the address or number is wrong";
	if (strcmp(d, "temporary-failure") == 0)
		return "not delivered: inbox full or phone off";
	if (strcmp(d, "technical-failure") == 0)
		return "not delivered: a fault at GOV.UK Notify";
	*colour = "green";
	if (strcmp(d, "delivered") == 0)
		return "delivered";
	if (strcmp(d, "received") == 0)
		return "received for printing";
	*colour = "blue";
	return "on its way";
}

/* One consultation's row of the list; arg is 1 to tick every box. */
static int
chase_row(const void *row, void *arg)
{
	const struct db_chase *c = row;
	const int	*all = arg;
	struct buf	 msg = { 0 };
	const char	*colour = "grey", *state = NULL;
	char		 id[24], rid[24];

	cache.total = c->total;
	cache.shown++;
	snprintf(id, sizeof(id), "%lld", (long long)c->id);
	snprintf(rid, sizeof(rid), "%lld", (long long)c->review_id);
	if (c->msg_kind[0] != '\0') {
		buf_printf(&msg, "%s ", c->msg_kind[0] == 'i' ? "Invitation" :
		    "Reminder");
		if (strcmp(c->msg_state, "sent") == 0) {
			buf_printf(&msg, "sent %s", c->msg_on);
			state = delivery_label(c->msg_delivery, &colour);
		} else if (strcmp(c->msg_state, "failed") == 0) {
			buf_printf(&msg, "not sent: %s", c->msg_error);
			state = "failed";
			colour = "red";
		} else if (strcmp(c->msg_state, "queued") == 0)
			buf_printf(&msg, "due %s", c->msg_on[0] != '\0' ?
			    c->msg_on : "after the review is held");
		else if (strcmp(c->msg_state, "sending") == 0)
			buf_printf(&msg, "being sent");
		else
			buf_printf(&msg, "stopped: %s", c->msg_error);
	} else
		buf_printf(&msg, "None: Heard has no contact for it");
	struct tvar	 v[] = { TV("id", id), TV("review", rid),
	    TV("child", c->child_ref), TV("date", c->review_date),
	    TV("form", aud_label(c->audience)),
	    TV("to", c->to_label[0] != '\0' ? c->to_label : "-"),
	    TV("sent", c->sent_on[0] != '\0' ? c->sent_on : "Not yet"),
	    TV("how", how_label(c->contact_kind, c->channel)),
	    TV("opened", c->draft_at ? "started" : c->opened_at ? "opened" :
	    "not opened"), TV("ocolour", c->opened_at ? "blue" : "grey"),
	    TV("msg", buf_str(&msg)), TV("state", state), TV("colour", colour),
	    TV("iro", c->iro[0] != '\0' ? c->iro : "not allocated"),
	    TV("ticked", *all ? "1" : NULL) };
	tmpl_render(&cache.rows, "admin_chase_row", v, NVARS(v));
	buf_free(&msg);
	return 0;
}

struct iro_opts {
	struct buf	 opts;
	const char	*selected;
};

/* One IRO in the filter's select list. */
static int
iro_option(const void *row, void *arg)
{
	const struct db_staff *st = row;
	struct iro_opts	*l = arg;
	char		 id[24];

	snprintf(id, sizeof(id), "%lld", (long long)st->id);
	struct tvar	 v[] = { TV("value", id), TV("text", st->username),
	    TV("selected", l->selected != NULL && strcmp(l->selected, id) ==
	    0 ? "1" : NULL) };
	tmpl_render(&l->opts, "admin_option", v, NVARS(v));
	return 0;
}

/*
 * Render the chase list for the filters in r, with a notice (markup
 * from this file) or an error when given, and the ticks kept.
 */
static void
chase_page(struct req *r, struct resp *p, const struct session *s,
    const struct buf *notice, const char *error)
{
	static const struct buf none;
	struct filters	 f;
	struct iro_opts	 iros = { { 0 }, NULL };
	struct buf	 m = { 0 }, auds = { 0 }, chans = { 0 }, rows = { 0 };
	char		 key[256], shown[24], total[24];
	int64_t		 stamp;
	int		 all = r->in[CHASE_ALL] != NULL &&
	    r->in[CHASE_ALL][0] == '1';

	filters_of(r, &f);
	snprintf(key, sizeof(key), "%s %d %s", f.today, all, buf_str(&f.qs));
	stamp = db_stamp();
	if (stamp == -1 || stamp != cache.stamp || strcmp(key, cache.key) != 0) {
		buf_reset(&cache.rows);
		cache.total = 0;
		cache.shown = 0;
		cache.stamp = -1;
		if (db_chase_each(&f.q, chase_row, &all) != DB_OK) {
			page_fail(p, __func__);
			goto out;
		}
		snprintf(cache.key, sizeof(cache.key), "%s", key);
		cache.stamp = stamp;
	}
	buf_add(&rows, buf_str(&cache.rows), cache.rows.len);
	iros.selected = f.iro;
	if (db_staff_each(vocab_at(VOCAB_ROLE, VR_IRO)->word, iro_option,
	    &iros) != DB_OK) {
		page_fail(p, __func__);
		goto out;
	}
	adm_options(&auds, VOCAB_AUDIENCE, 0, f.q.audience);
	adm_options(&chans, VOCAB_SEND_CHANNEL, 0, f.q.channel);
	snprintf(shown, sizeof(shown), "%zu", cache.shown);
	snprintf(total, sizeof(total), "%lld", (long long)cache.total);
	struct tvar	 v[] = { TV("from", f.from), TV("to", f.to),
	    TM("auds", &auds), TM("chans", &chans), TM("iros", &iros.opts),
	    TV("opened_yes", f.q.opened == 1 ? "1" : NULL),
	    TV("opened_no", f.q.opened == 0 ? "1" : NULL),
	    TV("failed", f.q.failed ? "1" : NULL), TV("qs", buf_str(&f.qs)),
	    TM("rows", &rows), TV("shown", shown), TV("total", total),
	    TV("more", cache.total > (int64_t)cache.shown ? "1" : NULL),
	    TV("all", all ? "1" : NULL), TV("csrf", s->csrf),
	    TM("notice", notice != NULL ? notice : &none),
	    TV("error", error), TV("today", f.today) };
	tmpl_render(&m, "admin_chase", v, NVARS(v));
	page_staff(p, s, error != NULL ? "Error: Chase list" : "Chase list",
	    &m);
out:
	buf_free(&f.qs);
	buf_free(&iros.opts);
	buf_free(&auds);
	buf_free(&chans);
	buf_free(&rows);
	buf_free(&m);
}

/* GET /admin/chase: the list. */
void
chase_list(struct req *r, struct resp *p, const struct session *s)
{
	chase_page(r, p, s, NULL, NULL);
}

/*
 * The ticked consultations ("c", repeated in the body) into ids, at
 * most CHASE_LIMIT; a value that is not a number is ignored.  Returns
 * how many.
 */
static size_t
ticked(const struct req *r, int64_t ids[CHASE_LIMIT])
{
	size_t	 i, n = 0;

	for (i = 0; i < r->body.n && n < CHASE_LIMIT; i++) {
		const struct kv *kv = &r->body.v[i];
		if (strcmp(kv->key, "c") != 0 || kv->bad != KV_OK ||
		    !http_field_ok(FT_UINT, kv->val, strlen(kv->val)) ||
		    strlen(kv->val) > 18)
			continue;
		ids[n++] = atoll(kv->val);
	}
	return n;
}

/* "REF: parents (Mum)", to name a consultation in a notice. */
static void
name_of(const struct db_consult *c, struct buf *out)
{
	buf_printf(out, "%s: %s", c->child_ref, aud_label(c->audience));
	if (c->to_label[0] != '\0')
		buf_printf(out, " (%s)", c->to_label);
}

/*
 * POST /admin/chase/remind: a reminder due today for each ticked
 * consultation, in one transaction; the list again with what was
 * queued and what was skipped, and why.
 */
void
chase_remind(struct req *r, struct resp *p, const struct session *s)
{
	struct db_consult c;
	struct cal	 cal;
	struct buf	 notice = { 0 }, skipped = { 0 }, who = { 0 };
	int64_t		 ids[CHASE_LIMIT];
	char		 today[11], why[512], what[64], q[24], k[24];
	size_t		 n, i, queued = 0, skips = 0;
	enum outreach_now rc;

	if ((n = ticked(r, ids)) == 0) {
		chase_page(r, p, s, NULL, "Tick at least one consultation to "
		    "remind");
		return;
	}
	adm_date_in(0, today);
	if (tt_cal(&cal) == -1 || db_begin() != DB_OK) {
		page_fail(p, __func__);
		return;
	}
	for (i = 0; i < n; i++) {
		if (db_consult_get(ids[i], &c) != DB_OK)
			continue;
		rc = outreach_remind_now(&cal, ids[i], today, why, sizeof(why));
		if (rc == OUTREACH_ERROR) {
			db_rollback();
			page_fail(p, __func__);
			goto out;
		}
		if (rc == OUTREACH_QUEUED) {
			queued++;
			continue;
		}
		skips++;
		buf_reset(&who);
		name_of(&c, &who);
		struct tvar v[] = { TV("who", buf_str(&who)), TV("why", why) };
		tmpl_render(&skipped, "admin_chase_skip", v, NVARS(v));
	}
	snprintf(what, sizeof(what), "%zu queued, %zu skipped", queued, skips);
	if (db_audit(s->who.id, "chase-remind", what) != DB_OK ||
	    db_commit() != DB_OK) {
		db_rollback();
		page_fail(p, __func__);
		goto out;
	}
	snprintf(q, sizeof(q), "%zu", queued);
	snprintf(k, sizeof(k), "%zu", skips);
	struct tvar	 v[] = { TV("queued", q), TV("one", queued == 1 ? "1" :
	    NULL), TV("any", queued > 0 ? "1" : NULL), TV("skips", k),
	    TM("skipped", &skipped) };
	tmpl_render(&notice, "admin_chase_done", v, NVARS(v));
	chase_page(r, p, s, &notice, NULL);
out:
	buf_free(&notice);
	buf_free(&skipped);
	buf_free(&who);
}

/*
 * POST /admin/chase/letters: a letter for each ticked consultation whose
 * link Heard keeps (sealed, for one sent by Heard), to print; the ones
 * without a kept link are listed with why.  Audited with the count.
 */
void
chase_letters(struct req *r, struct resp *p, const struct session *s)
{
	struct consult_secret sec;
	struct db_consult c;
	struct cal	 cal;
	struct buf	 m = { 0 }, letters = { 0 }, skipped = { 0 };
	struct buf	 who = { 0 };
	int64_t		 ids[CHASE_LIMIT];
	char		 base[CONSULT_URL_BUF], link[CONSULT_URL_BUF + 64];
	char		 what[64], cnt[24];
	size_t		 n, i, made = 0, skips = 0;
	int		 rc;

	if ((n = ticked(r, ids)) == 0) {
		chase_page(r, p, s, NULL, "Tick at least one consultation to "
		    "print a letter for");
		return;
	}
	if (consult_base_url(getenv("HEARD_BASE_URL"), base, sizeof(base)) ==
	    NULL) {
		page_fail(p, __func__);
		return;
	}
	tt_cal(&cal);	/* on failure, the computed holidays */
	for (i = 0; i < n; i++) {
		if (db_consult_get(ids[i], &c) != DB_OK)
			continue;
		if ((rc = consult_secret_of(ids[i], &sec)) == DB_OK) {
			snprintf(link, sizeof(link), "%s/c/%s", base, sec.token);
			lang_use(c.lang);	/* the form's language */
			letters_render(&letters, &cal, c.audience, c.to_label,
			    c.review_date, base, link, sec.code, c.review_id,
			    c.iro_id);
			lang_use(NULL);
			cr_random(&sec, sizeof(sec));
			made++;
			continue;
		}
		if (rc == DB_ERR) {
			page_fail(p, __func__);
			goto out;
		}
		skips++;
		buf_reset(&who);
		name_of(&c, &who);
		struct tvar v[] = { TV("who", buf_str(&who)), TV("why", "Heard "
		    "keeps no link for it (its link was shown once when it was "
		    "issued): make a new link on the review page to print a "
		    "new letter") };
		tmpl_render(&skipped, "admin_chase_skip", v, NVARS(v));
	}
	snprintf(what, sizeof(what), "%zu letter%s", made, made == 1 ? "" :
	    "s");
	db_audit(s->who.id, "chase-letters", what);
	snprintf(cnt, sizeof(cnt), "%zu", made);
	struct tvar	 v[] = { TV("count", cnt), TV("one", made == 1 ? "1" :
	    NULL), TV("any", made > 0 ? "1" : NULL), TV("skips", skips > 0 ?
	    "1" : NULL), TM("skipped", &skipped), TM("letters", &letters) };
	tmpl_render(&m, "admin_chase_letters", v, NVARS(v));
	page_staff(p, s, "Letters to print", &m);
out:
	buf_free(&m);
	buf_free(&letters);
	buf_free(&skipped);
	buf_free(&who);
}

/* The recipient columns of a contact kind, as Notify's upload wants. */
static void
csv_head(struct buf *out, int kind, const struct outreach_pers *m)
{
	size_t	 i;

	if (kind == CONTACT_EMAIL)
		buf_printf(out, "email address");
	else if (kind == CONTACT_SMS)
		buf_printf(out, "phone number");
	else
		for (i = 1; i <= CONTACT_LINES_MAX; i++)
			buf_printf(out, "%saddress line %zu", i > 1 ? "," : "",
			    i);
	for (i = 0; i < m->p.n; i++)
		buf_printf(out, ",%s", m->f[i].name);
	buf_printf(out, "\r\n");
}

/* One recipient's row: the contact, then the personalisation. */
static void
csv_row(struct buf *out, int kind, char *addr, const struct outreach_pers *m)
{
	char	*lines[CONTACT_LINES_MAX];
	size_t	 i, nl;

	if (kind == CONTACT_LETTER) {
		/* Lines in order; the postcode is the last one filled. */
		nl = contact_lines(addr, lines);
		for (i = 0; i < CONTACT_LINES_MAX; i++) {
			if (i > 0)
				buf_putc(out, ',');
			csv_field(out, i < nl ? lines[i] : "");
		}
	} else
		csv_field(out, addr);
	for (i = 0; i < m->p.n; i++) {
		buf_putc(out, ',');
		csv_field(out, m->f[i].value);
	}
	buf_printf(out, "\r\n");
}

/*
 * POST /admin/chase/csv: the ticked consultations that have a contact
 * of one kind (chosen, or the only kind among them) and a live link,
 * as a CSV for GOV.UK Notify's "upload a list": the recipient columns,
 * then name, form, child, review_date, reply_by, link, code, council
 * exactly as a message carries them.  It holds links, codes and
 * contacts: admins only (the router), audited with the number of rows,
 * never stored (every response is no-store).
 */
void
chase_csv(struct req *r, struct resp *p, const struct session *s)
{
	struct consult_secret sec;
	struct outreach_pers m;
	struct db_consult c;
	struct db_review rv;
	struct db_outbox o;
	struct cal	 cal;
	struct buf	 out = { 0 };
	int64_t		 ids[CHASE_LIMIT];
	char		 kname[16], addr[CONTACT_MAX], base[CONSULT_URL_BUF];
	char		 disp[128], what[64], today[11];
	const char	*err = NULL;
	size_t		 n, i, rows = 0;
	int		 kind = -1, k, mixed = 0;

	if ((n = ticked(r, ids)) == 0) {
		chase_page(r, p, s, NULL, "Tick at least one consultation to "
		    "download");
		return;
	}
	if (r->in[CHASE_KIND] != NULL)
		kind = contact_kind_of(r->in[CHASE_KIND]);
	if (tt_cal(&cal) == -1 || consult_base_url(getenv("HEARD_BASE_URL"),
	    base, sizeof(base)) == NULL) {
		page_fail(p, __func__);
		return;
	}
	for (i = 0; i < n; i++) {
		if (db_consult_get(ids[i], &c) != DB_OK || c.returned_at != 0 ||
		    c.withdrawn_at != 0 ||
		    consult_contact(ids[i], kname, addr, sizeof(addr)) != DB_OK)
			continue;
		k = contact_kind_of(kname);
		if (kind == -1 && r->in[CHASE_KIND] == NULL)
			kind = k;
		if (k != kind) {
			mixed = 1;
			continue;
		}
		if (consult_secret_of(ids[i], &sec) != DB_OK ||
		    db_review_get(c.review_id, &rv) != DB_OK)
			continue;
		/* The invitation's fields, as the sender builds them. */
		memset(&o, 0, sizeof(o));
		o.cid = c.id;
		o.review_id = c.review_id;
		snprintf(o.kind, sizeof(o.kind), "invite");
		snprintf(o.audience, sizeof(o.audience), "%s", c.audience);
		snprintf(o.review_date, sizeof(o.review_date), "%s", rv.date);
		snprintf(o.held_on, sizeof(o.held_on), "%s", rv.held_on);
		snprintf(o.to_label, sizeof(o.to_label), "%s", c.to_label);
		if (outreach_pers(&cal, base, &o, &sec, &m) == 0) {
			if (rows++ == 0)
				csv_head(&out, kind, &m);
			csv_row(&out, kind, addr, &m);
		}
		outreach_pers_free(&m);
		cr_random(&sec, sizeof(sec));
	}
	cr_random(addr, sizeof(addr));
	if (rows == 0) {
		err = mixed && r->in[CHASE_KIND] == NULL ? "The ticked ones "
		    "are reached in different ways: choose email, text or "
		    "letter" : "None of the ticked ones has a contact of that "
		    "kind and a live link";
		chase_page(r, p, s, NULL, err);
		goto out;
	}
	if (mixed && r->in[CHASE_KIND] == NULL) {
		chase_page(r, p, s, NULL, "The ticked ones are reached in "
		    "different ways: choose email, text or letter");
		goto out;
	}
	snprintf(what, sizeof(what), "%zu rows by %s", rows,
	    contact_kind_name((enum contact_kind)kind));
	if (db_audit(s->who.id, "chase-csv", what) != DB_OK) {
		page_fail(p, __func__);
		goto out;
	}
	adm_date_in(0, today);
	p->ctype = "text/csv; charset=utf-8";
	snprintf(disp, sizeof(disp), "attachment; filename=\"chase-%s-%s.csv\"",
	    contact_kind_name((enum contact_kind)kind), today);
	resp_header(p, "Content-Disposition", disp);
	buf_add(&p->body, buf_str(&out), out.len);
out:
	if (out.data != NULL)
		cr_random(out.data, out.len);
	buf_free(&out);
}
