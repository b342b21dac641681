/*
 * consult: the life of a consultation, from issue to answers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "consult.h"
#include "flag.h"
#include "forms.h"
#include "log.h"
#include "vocab.h"

/* The key version answers are sealed under now (meta key_version). */
static uint32_t
key_version(void)
{
	char	 v[16];

	if (db_meta_get("key_version", v, sizeof(v)) != DB_OK)
		return 0;
	return (uint32_t)strtoul(v, NULL, 10);
}

/*
 * Make a new token and code and store their hashes as a live link.
 * With keep, also seal the token and code at rest (table 't', bound to
 * the link's id) so that Heard can send them: see migration 5.
 */
static int
new_link(int64_t cid, struct consult_secret *sec, int keep)
{
	unsigned char	 th[CR_HASH_LEN], ch[CR_HASH_LEN];
	char		 raw[CR_CODE_RAW + 1], both[CR_TOKEN_LEN + CR_CODE_LEN + 2];
	struct buf	 box = { 0 };
	uint32_t	 v;
	int64_t		 lid;
	int		 tries, rc = DB_ERR;

	/* A clash of 256-bit tokens will not happen; of 55-bit codes,
	 * hardly ever; either way, draw again. */
	for (tries = 0; tries < 4; tries++) {
		cr_token_new(sec->token);
		cr_code_new(sec->code);
		cr_hash(CR_LINK, sec->token, CR_TOKEN_LEN, th);
		if (cr_code_read(sec->code, raw) != CR_CODE_OK)
			return DB_ERR;
		cr_hash(CR_CODE, raw, CR_CODE_RAW, ch);
		if ((rc = db_link_add(cid, th, ch, &lid)) != DB_EXISTS)
			break;
	}
	if (rc != DB_OK || !keep)
		return rc;
	v = key_version();
	snprintf(both, sizeof(both), "%s %s", sec->token, sec->code);
	cr_seal(v, 't', lid, both, strlen(both), &box);
	rc = db_secret_put(lid, v, &box);
	cr_random(both, sizeof(both));	/* overwrite the plain copy */
	buf_free(&box);
	return rc;
}

/* 1 if the consultation has a contact (so Heard sends its link). */
static int
has_contact(int64_t cid)
{
	struct db_box	 b = { 0 };
	int		 rc = db_contact_get(cid, &b);

	buf_free(&b.box);
	return rc == DB_OK;
}

/*
 * Seal and store a consultation's contact: kind "email", "sms" or
 * "letter" and its normalised value (contact.c), table 'k' bound to the
 * consultation.  Inside the caller's transaction.
 */
int
consult_set_contact(int64_t cid, const char *kind, const char *value)
{
	struct buf	 box = { 0 };
	uint32_t	 v = key_version();
	int		 rc;

	cr_seal(v, 'k', cid, value, strlen(value), &box);
	rc = db_contact_put(cid, kind, v, &box);
	buf_free(&box);
	return rc;
}

/*
 * Issue a consultation inside the caller's transaction: one audience, a
 * channel, an optional label for whom it is for, the date it was sent
 * (NULL: not sent yet) and optionally a contact (kind and normalised
 * value, or NULL and NULL).  With a contact, the link is kept sealed
 * for sending and a reminder wording, A or B, is drawn at random.
 * Fills *cid and the secret.
 */
int
consult_issue_tx(int64_t review, const char *aud, const char *channel,
    const char *to, const char *sent_on, const char *ckind,
    const char *contact, int64_t *cid, struct consult_secret *sec)
{
	int	 keep = ckind != NULL && contact != NULL;
	char	 what[48];

	if (db_consult_add(review, aud, channel, to, sent_on, cid) != DB_OK ||
	    (keep && consult_set_contact(*cid, ckind, contact) != DB_OK) ||
	    (keep && db_consult_wording(*cid, cr_uniform(2) == 0 ? "A" :
	    "B") != DB_OK) ||
	    new_link(*cid, sec, keep) != DB_OK)
		return DB_ERR;
	snprintf(what, sizeof(what), "consultation %lld", (long long)*cid);
	if (db_audit(0, "issue", what) != DB_OK)
		return DB_ERR;
	return DB_OK;
}

/*
 * Issue a consultation without a contact in its own transaction (see
 * consult_issue_tx).  Fills *cid and the secret shown once.
 */
int
consult_issue(int64_t review, const char *aud, const char *channel,
    const char *to, const char *sent_on, int64_t *cid,
    struct consult_secret *sec)
{
	if (db_begin() != DB_OK)
		return DB_ERR;
	if (consult_issue_tx(review, aud, channel, to, sent_on, NULL, NULL,
	    cid, sec) != DB_OK) {
		db_rollback();
		return DB_ERR;
	}
	return db_commit();
}

/*
 * Revoke a consultation's live link and give it a new one.  With a
 * contact the new one is sealed for sending (the old copy is wiped by
 * the revocation), so messages not yet sent carry the new link.  The
 * draft is deleted: whoever holds the new link (staff, who saw it
 * once) starts a fresh form and never sees what the person typed.
 * Audited as staff (0: the command line) with the consultation.
 */
int
consult_reissue(int64_t staff, int64_t cid, struct consult_secret *sec)
{
	char	 what[48];

	snprintf(what, sizeof(what), "consultation %lld", (long long)cid);
	if (db_begin() != DB_OK)
		return DB_ERR;
	if (db_link_revoke(cid) != DB_OK ||
	    db_draft_delete(cid) != DB_OK ||
	    new_link(cid, sec, has_contact(cid)) != DB_OK ||
	    db_consult_unwithdraw(cid) != DB_OK ||
	    db_audit(staff, "reissue", what) != DB_OK) {
		db_rollback();
		return DB_ERR;
	}
	return db_commit();
}

/*
 * Open a consultation's contact into out (n bytes) and its kind into
 * kind (16 bytes).  DB_OK, DB_NOTFOUND, or DB_ERR (logged) when it does
 * not decrypt.  Never log what comes out.
 */
int
consult_contact(int64_t cid, char kind[16], char *out, size_t n)
{
	struct db_box	 b = { 0 };
	struct buf	 pt = { 0 };
	int		 rc;

	if ((rc = db_contact_get(cid, &b)) == DB_OK) {
		if (cr_open(b.key_version, 'k', cid, b.box.data, b.box.len,
		    &pt) == -1 || pt.len >= n) {
			log_line("%s: consultation %lld: the contact does not "
			    "decrypt", __func__, (long long)cid);
			rc = DB_ERR;
		} else {
			memcpy(out, pt.len == 0 ? "" : pt.data, pt.len);
			out[pt.len] = '\0';
			snprintf(kind, 16, "%s", b.channel);
		}
	}
	if (pt.data != NULL)
		cr_random(pt.data, pt.len);
	buf_free(&b.box);
	buf_free(&pt);
	return rc;
}

/*
 * Open the sealed token and code of a consultation's live link into
 * sec.  DB_OK, DB_NOTFOUND (none kept: no contact, or wiped when it was
 * returned, revoked or expired) or DB_ERR (logged).
 */
int
consult_secret_of(int64_t cid, struct consult_secret *sec)
{
	struct db_box	 b = { 0 };
	struct buf	 pt = { 0 };
	int		 rc;

	if ((rc = db_secret_get(cid, &b)) == DB_OK) {
		if (cr_open(b.key_version, 't', b.at, b.box.data, b.box.len,
		    &pt) == -1 || pt.len != CR_TOKEN_LEN + 1 + CR_CODE_LEN) {
			log_line("%s: consultation %lld: the link does not "
			    "decrypt", __func__, (long long)cid);
			rc = DB_ERR;
		} else {
			memcpy(sec->token, pt.data, CR_TOKEN_LEN);
			sec->token[CR_TOKEN_LEN] = '\0';
			memcpy(sec->code, (char *)pt.data + CR_TOKEN_LEN + 1,
			    CR_CODE_LEN);
			sec->code[CR_CODE_LEN] = '\0';
		}
	}
	if (pt.data != NULL)
		cr_random(pt.data, pt.len);
	buf_free(&b.box);
	buf_free(&pt);
	return rc;
}

/*
 * Revoke a consultation's live link and stop its messages; nothing is
 * deleted.  With no live link left it is withdrawn (a form sent in error
 * leaves the counts, as a withdrawal does) unless it came back; a
 * reissue sends it again.  Audited as staff (0: the command line) with
 * the consultation.
 */
int
consult_revoke(int64_t staff, int64_t cid)
{
	char	 what[48];

	snprintf(what, sizeof(what), "consultation %lld", (long long)cid);
	if (db_begin() != DB_OK)
		return DB_ERR;
	if (db_link_revoke(cid) != DB_OK ||
	    db_outbox_stop_consult(cid, "revoked") != DB_OK ||
	    db_consult_withdraw(cid) != DB_OK ||
	    db_audit(staff, "revoke", what) != DB_OK) {
		db_rollback();
		return DB_ERR;
	}
	return db_commit();
}

/*
 * Classify a consultation found by link: answered beats everything (a
 * person who sent their answers is thanked, not told the link is dead).
 */
enum consult_state
consult_state(int rc, const struct db_consult *c)
{
	if (rc == DB_NOTFOUND)
		return CS_UNKNOWN;
	if (rc != DB_OK)
		return CS_ERROR;
	if (c->returned_at != 0)
		return CS_DONE;
	if (c->revoked_at != 0 || c->withdrawn_at != 0 || c->expired ||
	    vocab_flag(VOCAB_REVIEW_STATUS, c->review_status, VW_ENDED))
		return CS_GONE;
	return CS_LIVE;
}

/*
 * Open a link token (code == 0) or a typed paper code (code == 1, in
 * canonical form) for a person at address remote.  For a live one,
 * records a visit and fills cookie with the new visit cookie's value.
 * Unknown secrets are counted per address (apart from staff sign-in);
 * past CONSULT_GUESSES in the window, the address gets CS_LIMITED
 * without a lookup.  Lookup is by keyed hash, so how long it takes
 * says nothing about how close a guess was.
 */
enum consult_state
consult_open(int code, const char *secret, const char *remote,
    struct db_consult *c, char cookie[CR_TOKEN_LEN + 1])
{
	unsigned char	 h[CR_HASH_LEN];
	enum consult_state s;
	int64_t		 n = 0;

	if (db_attempt_count("link-addr", remote, CONSULT_GUESS_WINDOW, &n) !=
	    DB_OK)
		return CS_ERROR;
	if (n >= CONSULT_GUESSES)
		return CS_LIMITED;
	cr_hash(code ? CR_CODE : CR_LINK, secret, strlen(secret), h);
	s = consult_state(db_consult_by_link(code, h, c), c);
	if (s == CS_UNKNOWN && db_attempt_add("link-addr", remote) != DB_OK)
		return CS_ERROR;
	if (s != CS_LIVE)
		return s;
	cr_token_new(cookie);
	cr_hash(CR_VISIT, cookie, CR_TOKEN_LEN, h);
	if (db_begin() != DB_OK)
		return CS_ERROR;
	if (db_visit_add(c->link_id, h, (int64_t)time(NULL) +
	    CONSULT_VISIT_SECONDS) != DB_OK ||
	    db_consult_opened(c->id) != DB_OK) {
		db_rollback();
		return CS_ERROR;
	}
	return db_commit() == DB_OK ? CS_LIVE : CS_ERROR;
}

/* The consultation a visit cookie belongs to, and its state. */
enum consult_state
consult_visit(const char *cookie, struct db_consult *c)
{
	unsigned char	 h[CR_HASH_LEN];

	if (cookie == NULL || !http_field_ok(FT_TOKEN, cookie, strlen(cookie)))
		return CS_UNKNOWN;
	cr_hash(CR_VISIT, cookie, CR_TOKEN_LEN, h);
	return consult_state(db_consult_by_visit(h, c), c);
}

/*
 * Load and open a consultation's draft (response == 0) or response into
 * ans.  Returns DB_OK, DB_NOTFOUND, or DB_ERR, which includes a box that
 * fails to open: tampered, moved or sealed under a lost key.  That is
 * logged and never shown as garbage.
 */
int
consult_load(int response, int64_t cid, struct kvlist *ans)
{
	struct db_box	 b = { 0 };
	struct buf	 pt = { 0 };
	int		 rc;

	rc = response ? db_response_get(cid, &b) : db_draft_get(cid, &b);
	if (rc == DB_OK) {
		if (cr_open(b.key_version, response ? 'r' : 'd', cid,
		    b.box.data, b.box.len, &pt) == -1) {
			log_line("%s: consultation %lld: %s does not decrypt",
			    __func__, (long long)cid, response ? "response" :
			    "draft");
			rc = DB_ERR;
		} else
			http_parse_urlencoded(buf_str(&pt), pt.len, ans);
	}
	buf_free(&b.box);
	buf_free(&pt);
	return rc;
}

/* Seal and save answers as the consultation's draft. */
int
consult_save_draft(int64_t cid, const struct kvlist *ans)
{
	struct buf	 pt = { 0 }, box = { 0 };
	uint32_t	 v = key_version();
	int		 rc;

	form_encode(ans, &pt);
	cr_seal(v, 'd', cid, pt.data == NULL ? "" : pt.data, pt.len, &box);
	rc = db_draft_put(cid, v, &box);
	buf_free(&pt);
	buf_free(&box);
	return rc;
}

/* Is cid's response a return held on file, with no answers typed in? */
int
consult_held(int64_t cid)
{
	struct kvlist	 ans = { 0 };
	int		 held;

	held = consult_load(1, cid, &ans) == DB_OK &&
	    kv_get(&ans, HELD_ON_FILE) != NULL;
	kv_free(&ans);
	return held;
}

/*
 * Put typed-in answers in place of a response recorded as held on file
 * (a return recorded before its answers were typed in), keeping the
 * date and way it came back.  DB_EXISTS if the response holds answers
 * already: those are never overwritten.
 */
int
consult_fill_held(int64_t cid, const struct kvlist *ans)
{
	struct buf	 pt = { 0 }, box = { 0 };
	uint32_t	 v = key_version();
	int		 rc;

	if (db_begin() != DB_OK)
		return DB_ERR;
	if (!consult_held(cid)) {
		db_rollback();
		return DB_EXISTS;
	}
	form_encode(ans, &pt);
	cr_seal(v, 'r', cid, pt.data == NULL ? "" : pt.data, pt.len, &box);
	rc = db_sealed_update('r', cid, v, &box);
	/* A "yes" to talk_soon raises a flag, typed in from paper too. */
	if (rc == DB_OK)
		rc = flag_from_answers(cid, pt.data, pt.len, (int64_t)time(NULL));
	if (rc == DB_OK)
		rc = db_commit();
	else
		db_rollback();
	buf_free(&pt);
	buf_free(&box);
	return rc;
}

/* Seal encoded answers and store them as cid's response (in a transaction). */
static int
put_response(const struct consult_send *c)
{
	struct buf	 box = { 0 };
	uint32_t	 v = key_version();
	int		 rc;

	cr_seal(v, 'r', c->cid, c->pt == NULL ? "" : c->pt, c->ptlen, &box);
	rc = db_response_put(c->cid, v, &box, c->channel, c->date);
	/* In the same transaction: a sent "yes" never lacks its flag. */
	if (rc == DB_OK)
		rc = flag_from_answers(c->cid, c->pt, c->ptlen,
		    (int64_t)time(NULL));
	buf_free(&box);
	return rc;
}

/*
 * Seal and store answers as the consultation's response, in one
 * transaction with the record that it came back.  DB_EXISTS if it had
 * already come back (the second click of a double click).
 */
int
consult_submit(int64_t cid, const struct kvlist *ans, const char *channel,
    const char *date)
{
	struct buf		 pt = { 0 };
	struct consult_send	 c = { .cid = cid, .channel = channel,
	    .date = date };

	form_encode(ans, &pt);
	c.pt = pt.data;
	c.ptlen = pt.len;
	consult_submit_all(&c, 1);
	buf_free(&pt);
	return c.rc;
}

/*
 * Milliseconds on the monotonic clock, which every process on the
 * machine shares: deadlines between a worker and the scribe.
 */
int64_t
consult_ms(void)
{
	struct timespec	 t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/*
 * Store several people's answers (encoded, as form_encode() makes them)
 * in one durable transaction: one fdatasync for all of them.  Each gets
 * its own savepoint, so one that had already come back (DB_EXISTS) or
 * fails does not take the others with it.  Answers whose sender has
 * stopped waiting (until) are not written: the sender stores them itself,
 * or tells the person to send again, and a late copy must not then win
 * over what they send next.  Fills each rc; if the commit fails, every
 * rc is DB_ERR, since a DB_EXISTS met inside the batch may have come
 * from an answer the failed commit took with it.
 */
void
consult_submit_all(struct consult_send *c, size_t n)
{
	size_t	 i;
	int	 rc;

	if (db_begin() != DB_OK) {
		for (i = 0; i < n; i++)
			c[i].rc = DB_ERR;
		return;
	}
	for (i = 0; i < n; i++) {
		/* Checked with the write lock held: no one writes between. */
		if (c[i].until != 0 && consult_ms() > c[i].until) {
			log_line("%s: consultation %lld: the sender stopped "
			    "waiting; left to it", __func__,
			    (long long)c[i].cid);
			c[i].rc = DB_ERR;
			continue;
		}
		if ((rc = db_savepoint()) == DB_OK) {
			c[i].rc = put_response(&c[i]);
			rc = db_release(c[i].rc == DB_OK);
		}
		if (rc != DB_OK) {
			db_rollback();
			for (i = 0; i < n; i++)
				c[i].rc = DB_ERR;
			return;
		}
	}
	if (db_commit() != DB_OK)
		for (i = 0; i < n; i++)
			c[i].rc = DB_ERR;
}

struct rotate {
	uint32_t	 to;
	int64_t		 count;
	struct buf	 pt;
	struct buf	 box;
};

/* Re-seal one value under the new key version. */
static int
reseal(char table, int64_t id, uint32_t ver, const struct buf *box,
    void *arg)
{
	struct rotate	*r = arg;

	if (ver == r->to)
		return 0;
	if (cr_open(ver, table, id, box->data, box->len, &r->pt) == -1) {
		log_line("%s: %c %lld does not decrypt: rotation stopped",
		    __func__, table, (long long)id);
		return -1;
	}
	cr_seal(r->to, table, id, r->pt.data == NULL ? "" : r->pt.data,
	    r->pt.len, &r->box);
	if (db_sealed_update(table, id, r->to, &r->box) != DB_OK)
		return -1;
	r->count++;
	return 0;
}

/*
 * Move to the next key version and re-seal everything under it, in one
 * transaction: either every value moves or none does.  Fills the new
 * version and how many values were re-sealed.
 */
int
consult_rotate_key(uint32_t *to, int64_t *count)
{
	struct rotate	 r = { 0 };
	char		 v[16];
	int		 rc;

	if (db_begin() != DB_OK)
		return DB_ERR;
	r.to = key_version() + 1;
	snprintf(v, sizeof(v), "%u", r.to);
	rc = db_sealed_each(reseal, &r);
	if (rc == DB_OK)
		rc = db_meta_set("key_version", v);
	if (rc == DB_OK)
		rc = db_audit(0, "rotate-key", v);
	if (rc == DB_OK)
		rc = db_commit();
	else
		db_rollback();
	buf_free(&r.pt);
	buf_free(&r.box);
	*to = r.to;
	*count = r.count;
	return rc;
}

/*
 * Set a child's details: first name (sealed; NULL leaves it), date of
 * birth and age band (NULL leaves them).
 */
int
consult_child_details(int64_t child, const char *name, const char *dob,
    const char *band)
{
	struct buf	 box = { 0 };
	uint32_t	 v = key_version();
	int		 rc;

	if (name != NULL)
		cr_seal(v, 'n', child, name, strlen(name), &box);
	rc = db_child_details(child, name != NULL ? &box : NULL, v, dob, band);
	buf_free(&box);
	return rc;
}

/*
 * A child's sealed first name (box of len bytes under key version ver),
 * opened into out ("" when there is none or it does not open, which is
 * logged).
 */
void
consult_child_name_of(int64_t child, const unsigned char *box, size_t len,
    uint32_t ver, struct buf *out)
{
	buf_reset(out);
	if (len == 0)
		return;
	if (cr_open(ver, 'n', child, box, len, out) == -1)
		log_line("%s: child %lld: name does not decrypt", __func__,
		    (long long)child);
}

/* A review's child's first name, as consult_child_name_of(). */
void
consult_child_name(const struct db_review *rv, struct buf *out)
{
	consult_child_name_of(rv->child_id, rv->name_box, rv->name_len,
	    rv->name_ver, out);
}

/*
 * The base URL printed links start with, into out (n bytes): given
 * (HEARD_BASE_URL or --base-url) when not NULL or empty, else the
 * database's setting (base_url, from heardctl setting), else
 * CONSULT_BASE_URL.  The server and heardctl both ask here, so a link
 * either prints is the same.  Returns out, or NULL if a given URL does
 * not fit (a cut link must never be printed).
 */
const char *
consult_base_url(const char *given, char *out, size_t n)
{
	if (given != NULL && *given != '\0') {
		if (snprintf(out, n, "%s", given) >= (int)n)
			return NULL;
	} else if (db_setting_get("base_url", out, n) != DB_OK || *out == '\0')
		snprintf(out, n, "%s", CONSULT_BASE_URL);
	return out;
}

/*
 * Is u a base URL Heard can print links with: http:// or https://, a
 * host, no spaces or control characters, no trailing '/', at most
 * CONSULT_BASE_URL_MAX bytes?  1 or 0.
 */
int
consult_base_url_ok(const char *u)
{
	size_t	 len = strlen(u), skip;

	if (strncmp(u, "https://", 8) == 0)
		skip = 8;
	else if (strncmp(u, "http://", 7) == 0)
		skip = 7;
	else
		return 0;
	if (len <= skip || len > CONSULT_BASE_URL_MAX || u[len - 1] == '/' ||
	    !http_field_ok(FT_LINE, u, len) || strpbrk(u, " \"<>") != NULL)
		return 0;
	return 1;
}
