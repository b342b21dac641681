/*
 * ctl_flag: heardctl flags check [--now YYYY-MM-DDTHH:MM] (the
 * one-working-day check, also run by heardctl send every minute),
 * heardctl flags list, heardctl user email NAME ADDRESS, and the
 * sending of flag messages through GOV.UK Notify for heardctl send.
 *
 * A flag message names the child's case reference, the review's date,
 * why it was raised (which of two reasons: never a person's words), when,
 * and a link to the flag's staff page.  Nothing else.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ctl.h"
#include "ctl_flag.h"
#include "db.h"
#include "flag.h"
#include "outreach.h"
#include "vocab.h"

#define FLAG_SEND_TRIES	3	/* requests per message within one run */

/* db_flag_notice_each() collects: the messages waiting, at most 256. */
struct pending {
	struct db_flag_notice v[256];
	size_t		 n;
};

/* db_flag_notice_each() callback: keep one message. */
static int
keep_notice(const void *row, void *arg)
{
	struct pending	*p = arg;

	if (p->n < sizeof(p->v) / sizeof(p->v[0]))
		p->v[p->n++] = *(const struct db_flag_notice *)row;
	return 0;
}

/* Commit one change to a message, or roll back; 0 or -1. */
static int
note(int64_t id, const char *state, const char *nid, const char *why,
    int64_t sent, int tries)
{
	if (db_begin() != DB_OK)
		return -1;
	if (db_flag_notice_set(id, state, nid, why, sent, tries) != DB_OK) {
		db_rollback();
		return -1;
	}
	return db_commit() == DB_OK ? 0 : -1;
}

/*
 * The personalisation of a message about flag f (kind raised or
 * escalated) into fields (7) from strings in st: none of it a person's
 * words.
 */
struct flag_msg {
	char	 review_date[CAL_WORDS_LEN];
	char	 raised[FLAG_TIME_LEN];
	char	 link[CONSULT_URL_BUF + 64];
	char	 council[128];
	struct notify_field f[7];
};

static void
flag_pers(const struct conf *cf, const struct db_flag *f, const char *kind,
    struct flag_msg *m)
{
	char		 base[CONSULT_URL_BUF];
	const struct vocab_word *why = vocab_find(VOCAB_FLAG_SOURCE, f->source);
	const struct vocab_word *lv = vocab_find(VOCAB_FLAG_NOTICE, kind);

	cal_words(cal_parse(f->review_date), m->review_date);
	flag_time_words(f->raised_at, m->raised);
	if (consult_base_url(conf_base_url_given(cf), base, sizeof(base)) ==
	    NULL)
		base[0] = '\0';
	snprintf(m->link, sizeof(m->link), "%s/admin/flag?id=%lld", base,
	    (long long)f->id);
	outreach_setting("council", "", m->council, sizeof(m->council));
	m->f[0] = (struct notify_field){ "reference", f->child_ref };
	m->f[1] = (struct notify_field){ "review_date", m->review_date };
	m->f[2] = (struct notify_field){ "reason", why != NULL ? why->label :
	    "" };
	m->f[3] = (struct notify_field){ "raised", m->raised };
	m->f[4] = (struct notify_field){ "level", lv != NULL ? lv->label :
	    "" };
	m->f[5] = (struct notify_field){ "link", m->link };
	m->f[6] = (struct notify_field){ "council", m->council };
}

/*
 * Send every flag message waiting (heardctl send): to the member of
 * staff's email address, or the duty address.  dry: say what would go
 * and change nothing.  Retries 429 and 5xx a few times, then leaves it
 * for the next run; a message with no address, or no template, is
 * stopped or waits (said on stderr).  Fills *sent and *failed.
 */
void
ctl_flag_send(const struct conf *cf, const struct notify_key *key, int dry,
    int *sent, int *failed)
{
	static struct pending p;
	struct db_flag	 f;
	struct flag_msg	 m;
	struct notify_pers pers;
	struct notify_result r;
	struct buf	 body = { 0 };
	char		 tid[64], duty[CONTACT_MAX], ref[64];
	const char	*to, *why;
	size_t		 i;
	int		 t;

	*sent = *failed = 0;
	p.n = 0;
	if (db_flag_notice_each(keep_notice, &p) != DB_OK || p.n == 0)
		return;
	if (dry) {
		printf("would send %zu safeguarding flag message%s\n", p.n,
		    p.n == 1 ? "" : "s");
		return;
	}
	if (db_setting_get("template.flag.email", tid, sizeof(tid)) != DB_OK ||
	    !notify_uuid_ok(tid)) {
		fprintf(stderr, "heardctl: %zu safeguarding flag message%s "
		    "waiting: no GOV.UK Notify template for flags: set one "
		    "with heardctl notify template flag UUID\n", p.n,
		    p.n == 1 ? "" : "s");
		return;
	}
	outreach_setting("duty_address", "", duty, sizeof(duty));
	for (i = 0; i < p.n; i++) {
		to = p.v[i].staff_id > 0 ? p.v[i].email : duty;
		if (*to == '\0') {
			why = p.v[i].staff_id > 0 ? "no email address for "
			    "this member of staff" : "no duty address set";
			note(p.v[i].id, "stopped", NULL, why, 0, 0);
			fprintf(stderr, "heardctl: flag %lld: not emailed to %s: "
			    "%s\n", (long long)p.v[i].flag_id,
			    p.v[i].staff_id > 0 ? p.v[i].username : "the duty "
			    "address", why);
			continue;
		}
		if (db_flag_get(p.v[i].flag_id, &f) != DB_OK)
			continue;
		flag_pers(cf, &f, p.v[i].kind, &m);
		pers.fields = m.f;
		pers.n = sizeof(m.f) / sizeof(m.f[0]);
		snprintf(ref, sizeof(ref), "heard-f%lld-n%lld",
		    (long long)f.id, (long long)p.v[i].id);
		buf_reset(&body);
		if (notify_body_email(to, tid, &pers, ref, &body) == -1) {
			note(p.v[i].id, "failed", NULL, "the message could not "
			    "be built", 0, 0);
			(*failed)++;
			continue;
		}
		if (note(p.v[i].id, "sending", NULL, NULL, 0, 0) == -1)
			continue;
		for (t = 0; t < FLAG_SEND_TRIES; t++) {
			if (t > 0)
				usleep((useconds_t)(250000 << (t - 1)));
			notify_send(cf->notify_url, key, NOTIFY_EMAIL, &body,
			    (int64_t)time(NULL), &r);
			if (r.outcome != NOTIFY_RETRY)
				break;
		}
		if (r.outcome == NOTIFY_OK) {
			note(p.v[i].id, "sent", r.id, NULL, (int64_t)time(NULL),
			    t + 1);
			(*sent)++;
		} else if (r.outcome == NOTIFY_FAIL) {
			note(p.v[i].id, "failed", NULL, r.message, 0, t + 1);
			(*failed)++;
			fprintf(stderr, "heardctl: flag %lld: GOV.UK Notify "
			    "refused the message (HTTP %ld)\n",
			    (long long)f.id, r.http);
		} else
			note(p.v[i].id, "queued", NULL, r.message, 0, t + 1);
	}
	buf_free(&body);
}

/* db_flag_each() callback: print one flag, without anyone's words. */
static int
print_flag(const void *row, void *arg)
{
	const struct db_flag *f = row;
	char		 t[FLAG_TIME_LEN];

	(void)arg;
	flag_time_words(f->raised_at, t);
	printf("%lld\t%s\t%s\t%s\t%s\t%s%s\n", (long long)f->id, f->child_ref,
	    f->source, t, f->acked_at > 0 ? "acknowledged" : "open",
	    f->acked_by, f->escalated_at > 0 ? "\traised to managers" : "");
	return 0;
}

/*
 * heardctl flags check [--now YYYY-MM-DDTHH:MM] | list: raise to every
 * manager each flag not acknowledged within one working day (the clock
 * is the option, never a sleep); or list the flags, open first.
 */
int
ctl_flags(int argc, char *argv[])
{
	const char	*nows;
	int64_t		 now = (int64_t)time(NULL);
	int		 raised;

	if (argc >= 3 && strcmp(argv[2], "list") == 0) {
		ctl_open();
		db_flag_each(0, 0, 0, print_flag, NULL);
		db_close();
		return 0;
	}
	if (argc < 3 || strcmp(argv[2], "check") != 0)
		ctl_die("usage: heardctl flags check [--now YYYY-MM-DDTHH:MM]\n"
		    "       heardctl flags list");
	if ((nows = ctl_opt(argc, argv, 3, "--now", NULL)) != NULL &&
	    (now = flag_parse_time(nows)) == -1)
		ctl_die("--now is a local time written YYYY-MM-DDTHH:MM, not "
		    "'%s'", nows);
	ctl_open();
	if (flag_check(now, &raised) == -1)
		ctl_die("cannot check the flags");
	printf("%d flag%s raised to the managers\n", raised,
	    raised == 1 ? "" : "s");
	db_close();
	return 0;
}

/*
 * heardctl user email NAME [ADDRESS]: a member of staff's email address
 * for safeguarding flag messages (empty: none), audited.
 */
int
ctl_user_email(int argc, char *argv[])
{
	struct db_staff	 st;
	char		 out[CONTACT_MAX], what[160];
	const char	*why;
	int		 rc;

	if (argc != 5)
		ctl_die("usage: heardctl user email NAME ADDRESS ('' for none)");
	out[0] = '\0';
	if (*argv[4] != '\0' && contact_email(argv[4], out, &why) == -1)
		ctl_die("email: %s", why);
	ctl_open();
	if ((rc = db_staff_get(argv[3], &st)) == DB_NOTFOUND)
		ctl_die("there is no user called %s", argv[3]);
	snprintf(what, sizeof(what), "%s", st.username);
	if (rc != DB_OK || db_begin() != DB_OK ||
	    db_staff_email(st.id, out) != DB_OK ||
	    db_audit(0, "user-email", what) != DB_OK ||
	    db_commit() != DB_OK) {
		db_rollback();
		ctl_die("cannot change the user");
	}
	printf("%s: %s\n", st.username, *out != '\0' ? out : "no email");
	db_close();
	return 0;
}
