/*
 * ctl_send: heardctl send (the sender: the only caller of notify.c's
 * network side), heardctl notify (templates, the plan, reminders per
 * channel, wordings, what became of a consultation's messages) and
 * heardctl setting (the council's name and return address).
 *
 * The sender is a command run on a timer (every minute by `make run`
 * and the production systemd timer), not a process beside the workers:
 * nothing is ever sent inside a person's request, a run that dies is
 * simply run again, and a lock file keeps two runs from overlapping.
 *
 * Crash safety: a message is marked 'sending' and committed before the
 * request, and 'sent' with Notify's id after its 201.  A run that finds
 * a message still 'sending' was cut off between the two: it sends that
 * one again once (Notify may have it already), and a second cut-off
 * marks it failed rather than send it a third time.  Nothing due is
 * skipped: every run reads everything not yet sent.
 */
#include <sys/file.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cal.h"
#include "conf.h"
#include "consult.h"
#include "contact.h"
#include "ctl.h"
#include "ctl_flag.h"
#include "db.h"
#include "flag.h"
#include "forms.h"
#include "notify.h"
#include "outreach.h"
#include "timetable.h"

#define SEND_TRIES	5	/* requests per message within one run */

/* What one run did, for its closing line. */
struct tally {
	int	 invites;
	int	 reminders;
	int	 failed;
	int	 waiting;
	int	 would[2];		/* dry run: invitations, reminders */
	int	 untemplated;
	int	 delivery;		/* statuses read */
	int	 refused;		/* a 403: the key was refused */
	char	 noted[8][24];		/* template gaps already reported */
};

struct sender {
	const struct conf *cf;
	struct notify_key key;
	struct cal	 cal;
	const char	*today;
	int		 dry;
	int64_t		 last_us;	/* the last request, for pacing */
	struct tally	 t;
};

/* Microseconds on the monotonic clock. */
static int64_t
now_us(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Wait so that requests keep under HEARD_NOTIFY_RATE a minute. */
static void
pace(struct sender *s)
{
	int64_t	 gap = 60000000LL / (s->cf->notify_rate > 0 ?
	    s->cf->notify_rate : 3000), t = now_us();

	if (s->last_us != 0 && t - s->last_us < gap)
		usleep((useconds_t)(gap - (t - s->last_us)));
	s->last_us = now_us();
}

/* The endpoint of a contact kind. */
static enum notify_kind
endpoint(const char *kind)
{
	return strcmp(kind, "email") == 0 ? NOTIFY_EMAIL :
	    strcmp(kind, "sms") == 0 ? NOTIFY_SMS : NOTIFY_LETTER;
}

/* Report a missing template once per kind and channel. */
static void
no_template(struct sender *s, const char *kind, const char *ch)
{
	char	 k[24];
	size_t	 i;

	s->t.untemplated++;
	snprintf(k, sizeof(k), "%s %s", kind, ch);
	for (i = 0; i < 8 && s->t.noted[i][0] != '\0'; i++)
		if (strcmp(s->t.noted[i], k) == 0)
			return;
	if (i < 8)
		snprintf(s->t.noted[i], sizeof(s->t.noted[i]), "%s", k);
	fprintf(stderr, "heardctl: no GOV.UK Notify template for %s by %s: "
	    "set one with heardctl notify template %s %s UUID\n",
	    kind[0] == 'i' ? "invitations" : "reminders", ch, kind, ch);
}

/* Commit a one-statement change to a message; 0 or -1. */
static int
commit1(int rc)
{
	if (rc != DB_OK) {
		db_rollback();
		return -1;
	}
	return db_commit() == DB_OK ? 0 : -1;
}

/*
 * Build and send one message, retrying 429 and 5xx a few times with a
 * short backoff, then leaving it for a later run.  The caller has
 * decided it is due.  Never prints or logs the contact, link or code.
 */
static void
send_one(struct sender *s, const struct db_outbox *o)
{
	struct consult_secret sec;
	struct notify_result r;
	struct outreach_pers m;
	struct buf	 body = { 0 };
	char		 kind[16], addr[CONTACT_MAX], *lines[CONTACT_LINES_MAX];
	char		 key[64], tid[64], ref[64], base[CONSULT_URL_BUF];
	char		 why[NOTIFY_MSG_MAX + NOTIFY_KIND_MAX + 96];
	size_t		 nlines;
	int		 rc, i, ok;

	memset(&m, 0, sizeof(m));
	snprintf(key, sizeof(key), "template.%s.%s", o->kind,
	    o->contact_kind);
	if (db_setting_get(key, tid, sizeof(tid)) != DB_OK ||
	    !notify_uuid_ok(tid)) {
		no_template(s, o->kind, o->contact_kind);
		return;
	}
	if ((rc = consult_contact(o->cid, kind, addr, sizeof(addr))) != DB_OK) {
		if (rc == DB_NOTFOUND)
			db_outbox_stop(o->id, "no contact");
		else {
			db_outbox_fail(o->id, "the contact does not decrypt");
			s->t.failed++;
		}
		return;
	}
	if ((rc = consult_secret_of(o->cid, &sec)) != DB_OK) {
		db_outbox_stop(o->id, rc == DB_NOTFOUND ? "no live link: "
		    "returned, revoked or expired" : "the link does not "
		    "decrypt");
		goto out;
	}
	if (consult_base_url(conf_base_url_given(s->cf), base, sizeof(base)) ==
	    NULL || outreach_pers(&s->cal, base, o, &sec, &m) == -1) {
		db_outbox_fail(o->id, "the base URL is too long for a link");
		s->t.failed++;
		goto out;
	}
	snprintf(ref, sizeof(ref), "heard-c%lld-m%lld", (long long)o->cid,
	    (long long)o->id);
	if (strcmp(kind, "email") == 0)
		ok = notify_body_email(addr, tid, &m.p, ref, &body);
	else if (strcmp(kind, "sms") == 0)
		ok = notify_body_sms(addr, tid, &m.p, ref, &body);
	else {
		nlines = contact_lines(addr, lines);
		ok = notify_body_letter((const char *const *)lines, nlines, tid,
		    &m.p, ref, &body);
	}
	if (ok == -1) {
		db_outbox_fail(o->id, "the message could not be built");
		s->t.failed++;
		goto out;
	}
	/* Marked and committed before the request: see the top of file. */
	if (db_begin() != DB_OK || commit1(db_outbox_start(o->id)) == -1) {
		fprintf(stderr, "heardctl: the database is busy; consultation "
		    "%lld waits for the next run\n", (long long)o->cid);
		goto out;
	}
	for (i = 0; i < SEND_TRIES; i++) {
		if (i > 0)
			usleep((useconds_t)(250000 << (i - 1)));
		pace(s);
		notify_send(s->cf->notify_url, &s->key, endpoint(kind), &body,
		    (int64_t)time(NULL), &r);
		if (r.outcome != NOTIFY_RETRY)
			break;
	}
	if (r.outcome == NOTIFY_OK) {
		rc = db_begin();
		if (rc == DB_OK)
			rc = db_outbox_sent(o->id, r.id, s->today);
		if (rc == DB_OK && o->kind[0] == 'i')
			rc = db_consult_sent(o->cid, s->today);
		if (commit1(rc) == -1)
			fprintf(stderr, "heardctl: consultation %lld was sent "
			    "but could not be marked so; the next run sends "
			    "it once more\n", (long long)o->cid);
		else if (o->kind[0] == 'i')
			s->t.invites++;
		else
			s->t.reminders++;
	} else if (r.outcome == NOTIFY_FAIL) {
		snprintf(why, sizeof(why), "GOV.UK Notify refused it (HTTP "
		    "%ld %s): %s", r.http, r.kind, r.message);
		db_outbox_fail(o->id, why);
		if (o->kind[0] == 'i')	/* its reminders would fail too */
			db_outbox_stop_consult(o->cid, "the invitation did "
			    "not go");
		s->t.failed++;
		printf("consultation %lld: not sent: GOV.UK Notify answered "
		    "HTTP %ld (heardctl notify status --consultation %lld)\n",
		    (long long)o->cid, r.http, (long long)o->cid);
		if (r.http == 401 || r.http == 403)
			s->t.refused = 1;
	} else {
		snprintf(why, sizeof(why), "will try again: HTTP %ld %s",
		    r.http, r.message);
		db_outbox_retry(o->id, (int64_t)time(NULL) + 60 *
		    (1 << (o->tries / SEND_TRIES > 5 ? 5 : o->tries /
		    SEND_TRIES)), why);
		s->t.waiting++;
	}
out:
	cr_random(&sec, sizeof(sec));
	cr_random(addr, sizeof(addr));
	outreach_pers_free(&m);
	buf_free(&body);
}

/* The row of a consultation's invitation, for its reminders. */
static int
find_invite(const void *row, void *arg)
{
	const struct db_outbox *o = row;

	if (o->step == 0)
		*(struct db_outbox *)arg = *o;
	return 0;
}

/*
 * Decide about one message not yet sent (v[i], sorted by consultation
 * and step) and send it if it is due.
 */
static void
consider(struct sender *s, struct db_outbox *v, size_t n, size_t i)
{
	struct db_outbox *o = &v[i], inv;
	char		 due[CAL_YMD_LEN], next[CAL_YMD_LEN], why[64];
	int		 known;

	known = outreach_due(&s->cal, o->audience, o->review_date, o->held_on,
	    o->workdays, due) == 0;
	if (!s->dry && strcmp(due, o->due_on) != 0)
		db_outbox_due(o->id, due);
	if (o->closed || strcmp(o->review_status, "cancelled") == 0 ||
	    strcmp(o->review_status, "stood_down") == 0) {
		if (!s->dry)
			db_outbox_stop(o->id, "returned, withdrawn or the "
			    "review is off");
		return;
	}
	if (!known || strcmp(due, s->today) > 0)
		return;
	if (o->kind[0] == 'r') {
		if (!outreach_reminders_on(o->contact_kind)) {
			snprintf(why, sizeof(why), "reminders by %s are "
			    "switched off", o->contact_kind);
			if (!s->dry)
				db_outbox_stop(o->id, why);
			return;
		}
		memset(&inv, 0, sizeof(inv));
		db_outbox_of_each(o->cid, find_invite, &inv);
		if (strcmp(inv.state, "failed") == 0 ||
		    strcmp(inv.state, "stopped") == 0) {
			if (!s->dry)
				db_outbox_stop(o->id, "the invitation did not "
				    "go");
			return;
		}
		if (strcmp(inv.state, "sent") != 0 ||
		    strcmp(inv.sent_on, s->today) >= 0)
			return;		/* a reminder waits a day at least */
		if (i + 1 < n && v[i + 1].cid == o->cid &&
		    outreach_due(&s->cal, v[i + 1].audience,
		    v[i + 1].review_date, v[i + 1].held_on, v[i + 1].workdays,
		    next) == 0 && strcmp(next, s->today) <= 0) {
			if (!s->dry)
				db_outbox_stop(o->id, "overtaken by a later "
				    "reminder");
			return;
		}
	}
	if (s->dry) {
		s->t.would[o->kind[0] == 'r']++;
		printf("  would send %s %d to consultation %lld by %s (due "
		    "%s)\n", o->kind[0] == 'r' ? "reminder" : "invitation",
		    o->step, (long long)o->cid, o->contact_kind, due);
		return;
	}
	if (strcmp(o->state, "sending") == 0 && o->cut_off >= 1) {
		db_outbox_fail(o->id, "cut off twice while sending: not sent "
		    "again, so that nobody gets it three times; GOV.UK "
		    "Notify's dashboard shows whether it went");
		s->t.failed++;
		return;
	}
	if (strcmp(o->state, "queued") == 0 &&
	    o->next_try_at > (int64_t)time(NULL)) {
		s->t.waiting++;
		return;
	}
	if (s->t.refused)
		return;
	send_one(s, o);
}

/* Ask Notify what became of sent messages whose delivery is not final. */
static void
poll_delivery(struct sender *s)
{
	struct notify_result r;
	struct db_outbox *v;
	size_t		 n, i;

	v = outreach_pending(1, &n);
	for (i = 0; i < n && !s->t.refused; i++) {
		pace(s);
		notify_status(s->cf->notify_url, &s->key, v[i].notify_id,
		    (int64_t)time(NULL), &r);
		if (r.outcome == NOTIFY_OK && r.status[0] != '\0' &&
		    db_outbox_delivery(v[i].id, r.status) == DB_OK)
			s->t.delivery++;
		else if (r.http == 401 || r.http == 403)
			s->t.refused = 1;
	}
	free(v);
}

/* Load the forms' titles from the templates folder, or die. */
static void
load_forms(const struct conf *cf)
{
	char	 dir[4096], img[4096], err[1024];

	snprintf(dir, sizeof(dir), "%s/forms", cf->templates);
	snprintf(img, sizeof(img), "%s/img", cf->static_dir);
	if (form_load_dir(dir, img, err, sizeof(err)) == -1)
		ctl_die("%s", err);
}

/*
 * heardctl send [--today YYYY-MM-DD]: send every message due on or
 * before the day; then read the delivery of those sent.  Without a
 * Notify key, changes nothing and says what would go.
 */
int
ctl_send(int argc, char *argv[])
{
	static struct sender s;
	struct db_outbox *v;
	char		 err[1024], lock[4200];
	size_t		 n, i;
	int		 fd = -1, flags, fsent, ffailed;

	s.cf = ctl_conf();
	s.today = ctl_date_opt(argc, argv, 2, "--today", ctl_today());
	s.dry = s.cf->notify_key == NULL || s.cf->notify_key[0] == '\0';
	if (!s.dry && notify_key_read(s.cf->notify_key, &s.key, err,
	    sizeof(err)) == -1)
		ctl_die("%s", err);
	ctl_open();
	/* The replica first: a warning must not wait for the sending. */
	ctl_replica_check();
	load_forms(s.cf);
	if (tt_cal(&s.cal) == -1)
		ctl_die("cannot read the holidays");
	if (!s.dry) {
		snprintf(lock, sizeof(lock), "%s-send.lock", s.cf->db);
		if ((fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) == -1)
			ctl_die("%s: cannot open the sender's lock file", lock);
		if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
			printf("another heardctl send is running; nothing "
			    "done\n");
			close(fd);
			db_close();
			return 0;
		}
		if (notify_init() == -1)
			ctl_die("cannot start libcurl");
		db_secret_expire(s.today);
	} else
		printf("sending is not set up (no HEARD_NOTIFY_KEY): nothing "
		    "is sent.  Due on or before %s:\n", s.today);
	v = outreach_pending(0, &n);
	for (i = 0; i < n; i++)
		consider(&s, v, n, i);
	free(v);
	/* Safeguarding flags: the one-working-day check, then messages. */
	if (flag_check((int64_t)time(NULL), &flags) == 0 && flags > 0)
		printf("%d safeguarding flag%s raised to the managers\n", flags,
		    flags == 1 ? "" : "s");
	ctl_flag_send(s.cf, &s.key, s.dry, &fsent, &ffailed);
	if (fsent + ffailed > 0)
		printf("safeguarding flags: sent %d message%s; %d failed\n",
		    fsent, fsent == 1 ? "" : "s", ffailed);
	if (s.dry) {
		printf("would send %d invitation%s, %d reminder%s\n",
		    s.t.would[0], s.t.would[0] == 1 ? "" : "s", s.t.would[1],
		    s.t.would[1] == 1 ? "" : "s");
		db_close();
		return 0;
	}
	poll_delivery(&s);
	printf("sent %d invitation%s, %d reminder%s; %d failed; %d waiting "
	    "to retry\n", s.t.invites, s.t.invites == 1 ? "" : "s",
	    s.t.reminders, s.t.reminders == 1 ? "" : "s", s.t.failed,
	    s.t.waiting);
	if (s.t.untemplated > 0)
		printf("%d not sent: no template set\n", s.t.untemplated);
	if (s.t.refused)
		printf("GOV.UK Notify refused the API key: check "
		    "HEARD_NOTIFY_KEY\n");
	notify_key_clear(&s.key);
	notify_end();
	db_close();
	close(fd);
	return s.t.refused ? 1 : 0;
}

/* db_outbox_of_each() callback: print one message's state. */
static int
print_msg(const void *row, void *arg)
{
	const struct db_outbox *o = row;

	(void)arg;
	printf("%-8s %d  due %-10s  %-8s  %s%s%s%s\n", o->kind, o->step,
	    o->due_on[0] != '\0' ? o->due_on : "-", o->state,
	    o->sent_on[0] != '\0' ? "sent " : "", o->sent_on,
	    o->delivery[0] != '\0' ? "  " : "", o->delivery);
	if (o->error[0] != '\0')
		printf("           %s\n", o->error);
	return 0;
}

/* db_plan_each() callback: print one plan row. */
static int
print_plan(const void *row, void *arg)
{
	const struct db_plan *p = row;

	(void)arg;
	printf("%-26s %-8s %d  %+d working days\n", p->audience, p->kind,
	    p->step, p->workdays);
	return 0;
}

/* db_setting_each() callback: print one setting. */
static int
print_setting(const void *row, void *arg)
{
	const struct db_setting *s = row;

	(void)arg;
	printf("%s\t%s\n", s->key, s->value);
	return 0;
}

/* Is s a whole percent, 0 to 100, in digits only (at most three)? */
static int
percent(const char *s)
{
	size_t	 n = strlen(s), i;

	if (n == 0 || n > 3)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return atoi(s) <= 100;
}

/* Set a setting from the command line, audited, or die. */
static void
set_one(const char *key, const char *value)
{
	if (db_setting_set(key, value) != DB_OK ||
	    db_audit(0, "setting", key) != DB_OK)
		ctl_die("cannot save the setting");
}

/*
 * heardctl setting base_url [URL]: with a URL, keep it (audited): the
 * start of every link the server and the CLI print, so a printed link
 * is always the real one; without, print the one links use (a
 * HEARD_BASE_URL or --base-url set where it runs still wins, for both).
 * The database is open; closes it.  Returns the exit status.
 */
static int
setting_base_url(const char *url)
{
	char		 cur[CONSULT_URL_BUF];
	const char	*env = getenv("HEARD_BASE_URL");

	if (url == NULL) {
		if (consult_base_url(NULL, cur, sizeof(cur)) == NULL)
			ctl_die("cannot read the setting");
		printf("%s\n", cur);
		if (env != NULL && *env != '\0' && strcmp(env, cur) != 0)
			fprintf(stderr, "heardctl: note: HEARD_BASE_URL=%s is "
			    "set here and wins over the setting\n", env);
	} else {
		if (!consult_base_url_ok(url))
			ctl_die("base_url is http:// or https:// and a host, at "
			    "most %d characters, without a '/' at the end: not "
			    "'%s'", CONSULT_BASE_URL_MAX, url);
		set_one("base_url", url);
		printf("links now start %s/c/\n", url);
	}
	db_close();
	return 0;
}

/*
 * heardctl notify template KIND CHANNEL UUID | plan [AUDIENCE KIND DAYS]
 * | reminders CHANNEL on|off | wording STEP A|B TEXT | status
 * --consultation ID
 */
int
ctl_notify(int argc, char *argv[])
{
	char		 key[64], err[256];
	const char	*sub = argc > 2 ? argv[2] : "";
	char		*e;
	long		 step;

	if (strcmp(sub, "template") == 0 && argc == 5 &&
	    strcmp(argv[3], "flag") == 0) {
		/* Safeguarding flag messages: email only (see ctl_flag.c). */
		if (!notify_uuid_ok(argv[4]))
			ctl_die("'%s' is not a template id (a UUID as GOV.UK "
			    "Notify shows it)", argv[4]);
		ctl_open();
		set_one("template.flag.email", argv[4]);
		printf("safeguarding flag messages use template %s\n",
		    argv[4]);
	} else if (strcmp(sub, "template") == 0 && argc == 6) {
		if (strcmp(argv[3], "invite") != 0 &&
		    strcmp(argv[3], "reminder") != 0)
			ctl_die("KIND is invite or reminder");
		if (contact_kind_of(argv[4]) < 0)
			ctl_die("CHANNEL is email, sms or letter");
		if (!notify_uuid_ok(argv[5]))
			ctl_die("'%s' is not a template id (a UUID as GOV.UK "
			    "Notify shows it)", argv[5]);
		ctl_open();
		snprintf(key, sizeof(key), "template.%s.%s", argv[3], argv[4]);
		set_one(key, argv[5]);
		printf("%s messages by %s use template %s\n", argv[3], argv[4],
		    argv[5]);
	} else if (strcmp(sub, "plan") == 0 && (argc == 3 || argc == 4)) {
		ctl_open();
		db_plan_each(argc == 4 ? argv[3] : NULL, print_plan, NULL);
	} else if (strcmp(sub, "plan") == 0 && argc == 6) {
		if (form_audience_index(argv[3]) < 0)
			ctl_die("'%s' is not an audience", argv[3]);
		ctl_open();
		if (outreach_plan_set(argv[3], argv[4], argv[5], err,
		    sizeof(err)) == -1)
			ctl_die("%s", err);
		db_plan_each(argv[3], print_plan, NULL);
	} else if (strcmp(sub, "reminders") == 0 && argc == 5) {
		if (contact_kind_of(argv[3]) < 0)
			ctl_die("CHANNEL is email, sms or letter");
		if (strcmp(argv[4], "on") != 0 && strcmp(argv[4], "off") != 0)
			ctl_die("reminders are on or off");
		ctl_open();
		snprintf(key, sizeof(key), "reminders.%s", argv[3]);
		set_one(key, argv[4]);
		printf("reminders by %s are %s\n", argv[3], argv[4]);
	} else if (strcmp(sub, "wording") == 0 && argc == 6) {
		step = strtol(argv[3], &e, 10);
		if (*e != '\0' || step < 1 || step >= OUTREACH_STEPS ||
		    (strcmp(argv[4], "A") != 0 && strcmp(argv[4], "B") != 0))
			ctl_die("usage: heardctl notify wording STEP A|B TEXT");
		if (strlen(argv[5]) > 500)
			ctl_die("a wording is at most 500 characters");
		ctl_open();
		snprintf(key, sizeof(key), "wording.%ld.%s", step, argv[4]);
		set_one(key, argv[5]);
	} else if (strcmp(sub, "wording") == 0 && argc == 3) {
		ctl_open();
		db_setting_each(print_setting, NULL);
	} else if (strcmp(sub, "status") == 0) {
		int64_t	 cid = ctl_need_id(argc, argv, 3, "--consultation");

		ctl_open();
		db_outbox_of_each(cid, print_msg, NULL);
	} else
		ctl_die("usage: heardctl notify template invite|reminder "
		    "email|sms|letter UUID\n"
		    "       heardctl notify template flag UUID\n"
		    "       heardctl notify plan [AUDIENCE [invite|reminder "
		    "DAYS]]\n"
		    "       heardctl notify reminders email|sms|letter on|off\n"
		    "       heardctl notify wording [STEP A|B TEXT]\n"
		    "       heardctl notify status --consultation ID");
	db_close();
	return 0;
}

/*
 * heardctl setting [NAME [VALUE]]: the service's settings that messages
 * and letters carry: council (its name), return_address (lines joined
 * by '|').  Without a value, prints it; without a name, prints all.
 */
int
ctl_setting(int argc, char *argv[])
{
	char		 v[512], out[CONTACT_MAX];
	const char	*why;

	if (argc > 4 || (argc == 3 && strcmp(argv[2], "base_url") != 0))
		ctl_die("usage: heardctl setting [council|return_address|base_url|"
		    "in_person_target|duty_address VALUE]");
	ctl_open();
	if (argc == 2) {
		db_setting_each(print_setting, NULL);
		db_close();
		return 0;
	}
	if (strcmp(argv[2], "base_url") == 0)
		return setting_base_url(argc == 4 ? argv[3] : NULL);
	if (strcmp(argv[2], "council") == 0) {
		if (*argv[3] == '\0' || strlen(argv[3]) > 100 ||
		    strchr(argv[3], '\n') != NULL)
			ctl_die("council is one line of at most 100 characters");
		set_one("council", argv[3]);
	} else if (strcmp(argv[2], "return_address") == 0) {
		if (contact_address(argv[3], out, &why) == -1)
			ctl_die("return_address: %s", why);
		set_one("return_address", out);
	} else if (strcmp(argv[2], "duty_address") == 0) {
		/* Who is told of every safeguarding flag, at once. */
		if (contact_email(argv[3], out, &why) == -1)
			ctl_die("duty_address: %s", why);
		set_one("duty_address", out);
	} else if (strcmp(argv[2], "in_person_target") == 0) {
		if (!percent(argv[3]))
			ctl_die("in_person_target is a whole percent from 0 to "
			    "100");
		set_one("in_person_target", argv[3]);
	} else
		ctl_die("the settings are council, return_address, base_url, "
		    "in_person_target and duty_address");
	outreach_setting(argv[2], "", v, sizeof(v));
	printf("%s\t%s\n", argv[2], v);
	db_close();
	return 0;
}
