/*
 * flag: safeguarding flags: raising, acknowledging, the one-working-day
 * check.  See flag.h.  Every function that writes says whether it runs
 * in the caller's transaction or its own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crypto.h"
#include "flag.h"
#include "http.h"
#include "log.h"
#include "timetable.h"

/* The key version values are sealed under now (meta key_version). */
static uint32_t
flag_key_version(void)
{
	char	 v[16];

	if (db_meta_get("key_version", v, sizeof(v)) != DB_OK)
		return 0;
	return (uint32_t)strtoul(v, NULL, 10);
}

/*
 * Raise a flag on consultation cid's review, in the caller's
 * transaction: the flag, a message to the review's IRO (when it has
 * one) and to the duty address, and the audit line.  staff is who
 * marked an answer (0: the person's own answer raised it).  Fills *id.
 * Returns DB_OK, DB_EXISTS (that question has raised one already) or
 * DB_ERR.
 */
int
flag_raise(int64_t cid, const char *source, const char *question,
    int64_t staff, int64_t now, int64_t *id)
{
	struct db_consult c;
	char		 what[160];
	int		 rc;

	if ((rc = db_consult_get(cid, &c)) != DB_OK)
		return rc == DB_NOTFOUND ? DB_ERR : rc;
	if ((rc = db_flag_add(c.review_id, cid, source, question, now, staff,
	    id)) != DB_OK)
		return rc;
	if (c.iro_id > 0 && (rc = db_flag_notice_add(*id, "raised",
	    c.iro_id)) != DB_OK)
		return rc;
	if ((rc = db_flag_notice_add(*id, "raised", 0)) != DB_OK)
		return rc;
	snprintf(what, sizeof(what), "flag %lld (review %lld, consultation "
	    "%lld): %s", (long long)*id, (long long)c.review_id,
	    (long long)cid, source);
	return db_audit(staff, "flag-raise", what);
}

/*
 * The answers of consultation cid have come back (encoded, pt of len
 * bytes): a "yes" to talk_soon raises a flag, in the caller's
 * transaction.  Returns DB_OK (also when there is nothing to raise, or
 * a flag was raised already) or DB_ERR.
 */
int
flag_from_answers(int64_t cid, const char *pt, size_t len, int64_t now)
{
	struct kvlist	 ans = { 0 };
	const char	*v;
	int64_t		 id;
	int		 rc = DB_OK;

	if (pt == NULL || len == 0)
		return DB_OK;
	if (http_parse_urlencoded(pt, len, &ans) == -1) {
		kv_free(&ans);
		return DB_OK;
	}
	v = kv_get(&ans, FLAG_QUESTION);
	if (v != NULL && strcmp(v, "yes") == 0) {
		rc = flag_raise(cid, "talk_soon", FLAG_QUESTION, 0, now, &id);
		if (rc == DB_EXISTS)
			rc = DB_OK;
		else if (rc == DB_OK)
			log_line("%s: consultation %lld: flag %lld raised",
			    __func__, (long long)cid, (long long)id);
	}
	kv_free(&ans);
	return rc;
}

/*
 * A member of staff marks question q of consultation cid as a worry:
 * a flag, in its own transaction.  Returns DB_OK (fills *id), DB_EXISTS
 * (that answer is flagged already) or DB_ERR.
 */
int
flag_mark(int64_t cid, const char *q, int64_t staff, int64_t now,
    int64_t *id)
{
	int	 rc;

	if (db_begin() != DB_OK)
		return DB_ERR;
	rc = flag_raise(cid, "staff", q, staff, now, id);
	if (rc == DB_OK)
		return db_commit();
	db_rollback();
	return rc;
}

/*
 * Acknowledge flag id: staff, and what they did (sealed, table 'f'),
 * audited, in its own transaction.  Returns DB_OK, DB_NOTFOUND (no such
 * open flag) or DB_ERR.
 */
int
flag_ack(int64_t id, int64_t staff, const char *what, int64_t now)
{
	struct buf	 box = { 0 };
	uint32_t	 v;
	char		 subj[96];
	int		 rc;

	if (db_begin() != DB_OK)
		return DB_ERR;
	v = flag_key_version();
	cr_seal(v, 'f', id, what, strlen(what), &box);
	rc = db_flag_ack(id, staff, now, v, &box);
	snprintf(subj, sizeof(subj), "flag %lld: acknowledged, what was done "
	    "sealed with it", (long long)id);
	if (rc == DB_OK)
		rc = db_audit(staff, "flag-ack", subj);
	if (rc == DB_OK)
		rc = db_commit();
	else
		db_rollback();
	buf_free(&box);
	return rc;
}

/*
 * What the person who acknowledged flag f did, unsealed into out (NUL
 * ended; the caller frees out).  Returns 0, or -1 when there is none or
 * it does not decrypt (logged).
 */
int
flag_ack_text(const struct db_flag *f, struct buf *out)
{
	if (f->ack_len == 0)
		return -1;
	if (cr_open(f->ack_ver, 'f', f->id, f->ack_box, f->ack_len,
	    out) == -1) {
		log_line("%s: flag %lld does not decrypt", __func__,
		    (long long)f->id);
		return -1;
	}
	buf_add(out, "", 1);
	out->len--;
	return 0;
}

/* The local day (days since 1970-01-01) and seconds into it of t. */
static int32_t
local_day(int64_t t, int *secs)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;

	localtime_r(&tt, &tm);
	*secs = tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
	return cal_day(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* The local time at secs into day. */
static int64_t
local_time(int32_t day, int secs)
{
	struct tm	 tm;
	int		 y, m, d;

	cal_ymd_of(day, &y, &m, &d);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = secs / 3600;
	tm.tm_min = secs / 60 % 60;
	tm.tm_sec = secs % 60;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/*
 * When a flag raised at t must have been acknowledged: one working day
 * later (Working Together to Safeguard Children 2023: a decision within
 * one working day).  Raised on a working day, the same time on the next
 * working day (Friday 14:00: Monday 14:00, a bank holiday skipped);
 * raised on a day off, the end of the next working day.  Returns -1 if
 * the calendar runs out.
 */
int64_t
flag_deadline(const struct cal *c, int64_t t)
{
	int	 secs;
	int32_t	 day = local_day(t, &secs), next;

	if ((next = cal_add_workdays(c, day, 1)) == CAL_NONE)
		return -1;
	if (cal_is_workday(c, day))
		return local_time(next, secs);
	return local_time(next + 1, 0);
}

struct check {
	const struct cal *cal;
	int64_t		 now;
	int64_t		 due[256];	/* flags to raise, this run */
	size_t		 n;
};

/* db_flag_each() callback: note an open flag past its working day. */
static int
check_one(const void *row, void *arg)
{
	const struct db_flag *f = row;
	struct check	*k = arg;
	int64_t		 d = flag_deadline(k->cal, f->raised_at);

	if (d >= 0 && k->now >= d && k->n < sizeof(k->due) / sizeof(k->due[0]))
		k->due[k->n++] = f->id;
	return 0;
}

/*
 * Raise to every manager each open flag not acknowledged within one
 * working day of being raised, as at now: once each (escalated_at),
 * with a message queued to every active manager and an audit line, in
 * one transaction.  Fills *raised.  Returns 0 or -1 (logged).
 */
int
flag_check(int64_t now, int *raised)
{
	static struct check k;
	struct cal	 c;
	char		 what[96];
	size_t		 i;
	int		 rc = DB_OK;

	*raised = 0;
	memset(&k, 0, sizeof(k));
	if (db_begin() != DB_OK)
		return -1;
	if (tt_cal(&c) == -1) {
		db_rollback();
		return -1;
	}
	k.cal = &c;
	k.now = now;
	if (db_flag_each(0, 1, 1, check_one, &k) != DB_OK) {
		db_rollback();
		return -1;
	}
	for (i = 0; i < k.n && rc == DB_OK; i++) {
		if ((rc = db_flag_escalate(k.due[i], now)) == DB_NOTFOUND) {
			rc = DB_OK;
			continue;
		}
		if (rc == DB_OK)
			rc = db_flag_notice_managers(k.due[i]);
		snprintf(what, sizeof(what), "flag %lld: not acknowledged "
		    "within one working day", (long long)k.due[i]);
		if (rc == DB_OK)
			rc = db_audit(0, "flag-escalate", what);
		if (rc == DB_OK)
			(*raised)++;
	}
	if (rc != DB_OK || db_commit() != DB_OK) {
		db_rollback();
		log_line("%s: cannot raise flags to the managers", __func__);
		*raised = 0;
		return -1;
	}
	return 0;
}

/* Time t in words, local: "Friday 27 November 2026, 14:05". */
void
flag_time_words(int64_t t, char out[FLAG_TIME_LEN])
{
	char	 w[CAL_WORDS_LEN];
	int	 secs;
	int32_t	 day = local_day(t, &secs);

	cal_words(day, w);
	snprintf(out, FLAG_TIME_LEN, "%s, %02d:%02d", w, secs / 3600,
	    secs / 60 % 60);
}

/*
 * A local time written YYYY-MM-DDTHH:MM (the check's --now), as seconds
 * since the epoch; -1 when it is not one.
 */
int64_t
flag_parse_time(const char *s)
{
	char	 day[CAL_YMD_LEN];
	int	 h, m;
	int32_t	 d;

	if (s == NULL || strlen(s) != 16 || s[10] != 'T' || s[13] != ':')
		return -1;
	memcpy(day, s, 10);
	day[10] = '\0';
	if ((d = cal_parse(day)) == CAL_NONE || s[11] < '0' || s[11] > '9' ||
	    s[12] < '0' || s[12] > '9' || s[14] < '0' || s[14] > '9' ||
	    s[15] < '0' || s[15] > '9')
		return -1;
	h = (s[11] - '0') * 10 + s[12] - '0';
	m = (s[14] - '0') * 10 + s[15] - '0';
	if (h > 23 || m > 59)
		return -1;
	return local_time(d, h * 3600 + m * 60);
}

/* The time from a to b in hours, one decimal: "26.5 hours". */
void
flag_hours(int64_t a, int64_t b, char *out, size_t n)
{
	int64_t	 tenths = (b - a + 180) / 360;

	if (tenths < 0)
		tenths = 0;
	snprintf(out, n, "%lld.%lld hour%s", (long long)(tenths / 10),
	    (long long)(tenths % 10), tenths == 10 ? "" : "s");
}
