/*
 * heardctl: the command line for the IRO service's admin and for
 * operators.  It shares the server's modules, so a link is issued and
 * an answer sealed exactly as the web pages do it.
 */
#include <sys/stat.h>

#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "consult.h"
#include "ctl.h"
#include "ctl_flag.h"
#include "crypto.h"
#include "db.h"
#include "forms.h"
#include "keycheck.h"
#include "lang.h"
#include "csv.h"
#include "http.h"
#include "passport.h"
#include "outreach.h"
#include "report.h"
#include "timetable.h"
#include "vocab.h"

static struct conf	 cf;

/* Say what is wrong and exit 1. */
void
ctl_die(const char *fmt, ...)
{
	va_list	 ap;

	fputs("heardctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* Start crypto and open the database, or die with file:line. */
void
ctl_open(void)
{
	char	 err[1024];

	if (cr_init(cf.key, err, sizeof(err)) == -1 ||
	    db_open(cf.db, 0, err, sizeof(err)) == -1 ||
	    key_verify(cf.key, err, sizeof(err)) == -1)
		ctl_die("%s", err);
}

/*
 * The value of option name among argv[from..argc), or def.  Every
 * option takes a value.
 */
const char *
ctl_opt(int argc, char *argv[], int from, const char *name, const char *def)
{
	int	 i;

	for (i = from; i < argc; i++)
		if (strcmp(argv[i], name) == 0) {
			if (i + 1 >= argc)
				ctl_die("%s needs a value", name);
			return argv[i + 1];
		}
	return def;
}

/* A required option. */
const char *
ctl_need(int argc, char *argv[], int from, const char *name)
{
	const char	*v = ctl_opt(argc, argv, from, name, NULL);

	if (v == NULL)
		ctl_die("%s is required", name);
	return v;
}

/* A positive id from an option. */
int64_t
ctl_need_id(int argc, char *argv[], int from, const char *name)
{
	const char	*v = ctl_need(argc, argv, from, name);

	if (!http_field_ok(FT_UINT, v, strlen(v)) || atoll(v) <= 0)
		ctl_die("%s must be a number, not '%s'", name, v);
	return atoll(v);
}

/* A date option that must be a real YYYY-MM-DD. */
const char *
ctl_date_opt(int argc, char *argv[], int from, const char *name,
    const char *def)
{
	const char	*v = ctl_opt(argc, argv, from, name, def);

	if (v != NULL && !http_field_ok(FT_DATE, v, strlen(v)))
		ctl_die("%s must be a date as YYYY-MM-DD, not '%s'", name, v);
	return v;
}

/* Today as YYYY-MM-DD (UTC). */
const char *
ctl_today(void)
{
	static char	 d[11];
	time_t		 t = time(NULL);
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(d, sizeof(d), "%Y-%m-%d", &tm);
	return d;
}

/* The settings heardctl runs with. */
const struct conf *
ctl_conf(void)
{
	return &cf;
}

/*
 * Read the whole file at path into b (at most max bytes, 0: no limit),
 * or die saying why (a NUL byte too, naming its line: text is never cut
 * short at one).  The read buffer is wiped: files hold contacts.
 */
void
ctl_slurp(const char *path, struct buf *b, size_t max)
{
	FILE		*fp;
	char		 chunk[8192];
	const char	*nul, *p;
	size_t		 got, line = 1;

	if ((fp = fopen(path, "r")) == NULL)
		ctl_die("%s: %s", path, strerror(errno));
	while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		buf_add(b, chunk, got);
		if (max > 0 && b->len > max)
			ctl_die("%s: more than %zu bytes: not the file expected",
			    path, max);
	}
	if (ferror(fp))
		ctl_die("%s: cannot read", path);
	fclose(fp);
	explicit_bzero(chunk, sizeof(chunk));
	if (b->len > 0 && (nul = memchr(b->data, '\0', b->len)) != NULL) {
		for (p = b->data; p < nul; p++)
			if (*p == '\n')
				line++;
		ctl_die("%s:%zu: a NUL byte: not a text file", path, line);
	}
}

/* Make the folder that holds path, if it is missing. */
static void
mkparent(const char *path)
{
	char	 dir[4096], *slash;

	snprintf(dir, sizeof(dir), "%s", path);
	if ((slash = strrchr(dir, '/')) == NULL || slash == dir)
		return;
	*slash = '\0';
	if (mkdir(dir, 0700) == -1 && errno != EEXIST)
		ctl_die("%s: cannot create folder: %s", dir, strerror(errno));
}

/*
 * Refuse to make a new key file for a database that already needs its
 * own: a new key could never open what it holds (make run calls init on
 * every start).
 */
static void
init_keep_key(void)
{
	struct stat	 st;
	char		 err[1024];
	int		 needed;

	if (lstat(cf.key, &st) == 0 || errno != ENOENT ||
	    stat(cf.db, &st) == -1)
		return;
	if (db_open(cf.db, 0, err, sizeof(err)) == -1)
		ctl_die("%s", err);
	needed = key_needed();
	db_close();
	if (needed)
		ctl_die("%s:0: key file is missing but %s holds sealed data "
		    "that only its own key opens; restore the key file from "
		    "its backup (a new key is not made)", cf.key, cf.db);
}

/* heardctl init: create the key file and database (idempotent). */
static int
cmd_init(void)
{
	char	 err[1024];

	mkparent(cf.key);
	mkparent(cf.db);
	init_keep_key();
	if (cr_keyfile_create(cf.key, err, sizeof(err)) == -1 ||
	    cr_init(cf.key, err, sizeof(err)) == -1 ||
	    db_open(cf.db, 1, err, sizeof(err)) == -1 ||
	    key_verify(cf.key, err, sizeof(err)) == -1)
		ctl_die("%s", err);
	printf("database %s is at version %d; key file %s is ready\n", cf.db,
	    db_version(), cf.key);
	db_close();
	return 0;
}

/* Read one line from stdin (the password), without echo on a terminal. */
static void
read_password(char *pw, size_t n)
{
	struct termios	 t, quiet;
	int		 tty = isatty(STDIN_FILENO);
	size_t		 len;

	if (tty) {
		fputs("Password: ", stderr);
		tcgetattr(STDIN_FILENO, &t);
		quiet = t;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	if (fgets(pw, (int)n, stdin) == NULL)
		pw[0] = '\0';
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &t);
		fputc('\n', stderr);
	}
	len = strlen(pw);
	while (len > 0 && (pw[len - 1] == '\n' || pw[len - 1] == '\r'))
		pw[--len] = '\0';
}

/*
 * heardctl user disable|enable|passwd|role NAME [--role R]: staff who
 * leave (issue 16 item 4).  NAME exactly as written; passwd reads a
 * temporary password from stdin (the person chooses their own at next
 * sign-in); disable and passwd end the account's sessions.  Audited as
 * the command line and its operating-system user.
 */
static int
cmd_user_change(int argc, char *argv[])
{
	struct db_staff	 st;
	const char	*act = argv[2], *role = NULL, *action;
	char		 pw[1024], hash[CR_PWHASH_LEN], what[160];
	int		 rc;

	if (strcmp(act, "role") == 0) {
		role = ctl_need(argc, argv, 4, "--role");
		if (vocab_find(VOCAB_ROLE, role) == NULL)
			ctl_die("--role must be admin, iro or manager");
	}
	if (strcmp(act, "passwd") == 0) {
		read_password(pw, sizeof(pw));
		if (strlen(pw) < 10)
			ctl_die("the password must be at least 10 characters");
		if (cr_pw_hash(pw, hash) != 0)
			ctl_die("cannot hash the password (out of memory)");
		cr_random(pw, sizeof(pw));
	}
	ctl_open();
	if ((rc = db_staff_get(argv[3], &st)) == DB_NOTFOUND)
		ctl_die("there is no user called %s", argv[3]);
	if (rc != DB_OK || db_begin() != DB_OK)
		ctl_die("cannot read the user");
	snprintf(what, sizeof(what), "%s", st.username);
	if (strcmp(act, "disable") == 0) {
		action = "user-disable";
		rc = db_staff_disable(st.id, 1);
	} else if (strcmp(act, "enable") == 0) {
		action = "user-enable";
		rc = db_staff_disable(st.id, 0);
	} else if (strcmp(act, "passwd") == 0) {
		action = "user-passwd";
		rc = db_staff_new_pw(st.id, hash, 1);
	} else {
		action = "user-role";
		snprintf(what, sizeof(what), "%s: %s to %s", st.username,
		    st.role, role);
		rc = db_staff_role(st.id, role);
	}
	if (rc != DB_OK || db_audit(0, action, what) != DB_OK ||
	    db_commit() != DB_OK) {
		db_rollback();
		ctl_die("cannot change the user");
	}
	printf("%s: %s\n", st.username, act);
	db_close();
	return 0;
}

/*
 * heardctl user passport NAME --first-name X [--face N] [--about TEXT]:
 * an IRO's passport as children and families see it (passport.c
 * checks each, as the passport page does).  --face none and --about ''
 * remove them; an option left out keeps what is there.  Audited.
 */
static int
cmd_user_passport(int argc, char *argv[])
{
	struct db_passport p;
	const char	*first, *face, *about, *why;
	int64_t		 id;
	int		 n, rc;

	first = ctl_need(argc, argv, 4, "--first-name");
	face = ctl_opt(argc, argv, 4, "--face", NULL);
	about = ctl_opt(argc, argv, 4, "--about", NULL);
	if ((why = passport_first_check(first)) != NULL || *first == '\0')
		ctl_die("--first-name: %s", why != NULL ? why :
		    "enter a first name");
	if (about != NULL && (why = passport_about_check(about)) != NULL)
		ctl_die("--about: %s", why);
	if (face != NULL && strcmp(face, "none") != 0 &&
	    passport_face_check(face, &n) != NULL)
		ctl_die("--face must be a number from 1 to %zu, or none",
		    vocab_count(VOCAB_PASSPORT_FACE));
	ctl_open();
	if ((rc = db_passport_id(argv[3], &id)) == DB_NOTFOUND)
		ctl_die("there is no user called %s", argv[3]);
	if (rc != DB_OK || db_passport_get(id, &p) != DB_OK)
		ctl_die("cannot read the user");
	if (face != NULL)
		p.face = strcmp(face, "none") == 0 ? 0 : n;
	if (passport_save(id, first, p.face, about != NULL ? about :
	    p.about) != DB_OK)
		ctl_die("cannot change the passport");
	printf("%s: passport\n", argv[3]);
	db_close();
	return 0;
}

/* heardctl user add NAME --role R: password from stdin, never argv. */
static int
cmd_user(int argc, char *argv[])
{
	const char	*role;
	char		 pw[1024], hash[CR_PWHASH_LEN];
	int64_t		 id;
	int		 rc;

	if (argc >= 4 && (strcmp(argv[2], "disable") == 0 ||
	    strcmp(argv[2], "enable") == 0 || strcmp(argv[2], "passwd") == 0 ||
	    strcmp(argv[2], "role") == 0))
		return cmd_user_change(argc, argv);
	if (argc >= 4 && strcmp(argv[2], "passport") == 0)
		return cmd_user_passport(argc, argv);
	if (argc < 4 || strcmp(argv[2], "add") != 0)
		ctl_die("usage: heardctl user add NAME --role admin|iro|manager\n"
		    "       heardctl user disable|enable|passwd NAME\n"
		    "       heardctl user role NAME --role admin|iro|manager\n"
		    "       heardctl user passport NAME --first-name X "
		    "[--face N] [--about TEXT]");
	role = ctl_need(argc, argv, 4, "--role");
	if (vocab_find(VOCAB_ROLE, role) == NULL)
		ctl_die("--role must be admin, iro or manager");
	if (!http_field_ok(FT_LINE, argv[3], strlen(argv[3])) ||
	    strlen(argv[3]) > 60)
		ctl_die("a user name is one line of at most 60 characters");
	read_password(pw, sizeof(pw));
	if (strlen(pw) < 10)
		ctl_die("the password must be at least 10 characters");
	ctl_open();
	if (cr_pw_hash(pw, hash) != 0)
		ctl_die("cannot hash the password (out of memory)");
	rc = db_staff_add(argv[3], hash, role, &id);
	if (rc == DB_EXISTS)
		ctl_die("there is already a user called %s", argv[3]);
	if (rc != DB_OK)
		ctl_die("cannot add the user");
	db_audit(0, "user-add", argv[3]);
	printf("%lld\n", (long long)id);
	db_close();
	return 0;
}

/*
 * heardctl review add --child REF --date D --type T [--iro USER]
 *     [--first-name NAME] [--dob YYYY-MM-DD] [--age-band BAND]
 */
static int
cmd_review(int argc, char *argv[])
{
	const char	*ref, *date, *type, *iro, *name, *dob, *band, *reason;
	struct db_review rv;
	struct db_staff	 s;
	int64_t		 child, id, iro_id = 0;
	int		 rc;

	if (argc < 3 || strcmp(argv[2], "add") != 0)
		ctl_die("usage: heardctl review add --child REF --date YYYY-MM-DD "
		    "--type cic|pathway [--iro USER]");
	ref = ctl_need(argc, argv, 3, "--child");
	date = ctl_date_opt(argc, argv, 3, "--date", NULL);
	if (date == NULL)
		ctl_die("--date is required");
	type = ctl_need(argc, argv, 3, "--type");
	iro = ctl_opt(argc, argv, 3, "--iro", NULL);
	name = ctl_opt(argc, argv, 3, "--first-name", NULL);
	dob = ctl_date_opt(argc, argv, 3, "--dob", NULL);
	band = ctl_opt(argc, argv, 3, "--age-band", NULL);
	reason = ctl_opt(argc, argv, 3, "--reason", NULL);
	if (reason != NULL && (*reason == '\0' || strlen(reason) > 250 ||
	    !http_field_ok(FT_LINE, reason, strlen(reason))))
		ctl_die("--reason is one line of at most 250 characters");
	if (name != NULL && (strlen(name) > 40 || strchr(name, ' ') != NULL ||
	    !http_field_ok(FT_LINE, name, strlen(name))))
		ctl_die("--first-name is one first name of at most 40 characters");
	if (band != NULL && !http_field_ok(FT_LINE, band, strlen(band)))
		ctl_die("--age-band is a short label such as 4-11");
	if (vocab_find(VOCAB_REVIEW_TYPE, type) == NULL)
		ctl_die("--type must be cic or pathway");
	if (!http_field_ok(FT_LINE, ref, strlen(ref)) || strlen(ref) > 60)
		ctl_die("--child is a case reference of at most 60 characters");
	ctl_open();
	if (iro != NULL) {
		if (db_staff_get(iro, &s) != DB_OK || strcmp(s.role, "iro") != 0)
			ctl_die("there is no IRO called %s", iro);
		iro_id = s.id;
	}
	if (db_begin() != DB_OK)
		ctl_die("the database is busy; try again");
	if (db_child_get_or_add(ref, iro_id, &child) != DB_OK ||
	    ((name != NULL || dob != NULL || band != NULL) &&
	    consult_child_details(child, name, dob, band) != DB_OK) ||
	    (rc = db_review_add(child, type, date, iro_id, &id)) == DB_ERR) {
		db_rollback();
		ctl_die("cannot add the review");
	}
	if (rc == DB_EXISTS) {
		db_rollback();
		ctl_die("%s already has a %s review on %s", ref, type, date);
	}
	if (tt_refresh(child) != DB_OK || db_review_get(id, &rv) != DB_OK ||
	    (reason != NULL && db_review_reason(id, reason) != DB_OK)) {
		db_rollback();
		ctl_die("cannot add the review");
	}
	if (db_commit() != DB_OK)
		ctl_die("cannot add the review");
	printf("%lld\n", (long long)id);
	if (rv.due_on[0] != '\0' && strcmp(date, rv.due_on) > 0 &&
	    reason == NULL)
		fprintf(stderr, "heardctl: note: the review is due by %s, "
		    "before %s; --reason keeps why\n", rv.due_on, date);
	db_close();
	return 0;
}

/* Print a new link and code: the only time they are ever shown. */
static void
print_secret(int64_t cid, const struct consult_secret *sec)
{
	char		 base[CONSULT_URL_BUF];
	const char	*url;

	if ((url = consult_base_url(conf_base_url_given(&cf), base,
	    sizeof(base))) == NULL)
		ctl_die("the base URL is too long to print a link with");
	printf("consultation %lld\nlink %s/c/%s\ncode %s\n", (long long)cid,
	    url, sec->token, sec->code);
}

/*
 * heardctl issue --review ID --audience AUD [--channel C] [--to L]
 * [--email ADDR | --phone NUMBER | --address 'LINE 1|...|POSTCODE']:
 * without a contact, prints the link and code once; with one, Heard
 * sends them itself and prints only the consultation's id.
 */
static int
cmd_issue(int argc, char *argv[])
{
	struct consult_secret sec;
	struct cal	 cal;
	enum contact_kind k = CONTACT_EMAIL;
	const char	*aud, *channel, *to, *sent, *why, *given = NULL, *lang;
	const char	*opt[3] = { "--email", "--phone", "--address" }, *v;
	char		 contact[CONTACT_MAX], invite[CAL_YMD_LEN];
	int64_t		 review, cid;
	int		 i, n = 0;

	review = ctl_need_id(argc, argv, 2, "--review");
	aud = ctl_need(argc, argv, 2, "--audience");
	channel = ctl_opt(argc, argv, 2, "--channel", "online");
	to = ctl_opt(argc, argv, 2, "--to", NULL);
	sent = ctl_date_opt(argc, argv, 2, "--sent", ctl_today());
	lang = ctl_opt(argc, argv, 2, "--lang", NULL);
	for (i = 0; i < 3; i++)
		if ((v = ctl_opt(argc, argv, 2, opt[i], NULL)) != NULL) {
			n++;
			given = v;
			k = (enum contact_kind)i;
		}
	if (n > 1)
		ctl_die("give at most one of --email, --phone and --address");
	if (given != NULL && contact_check(k, given, contact, &why) == -1)
		ctl_die("%s: %s", opt[k], why);
	if (form_audience_index(aud) < 0) {
		fprintf(stderr, "heardctl: '%s' is not an audience; use one "
		    "of:\n", aud);
		for (i = 0; i < FORM_NAUDIENCES; i++)
			fprintf(stderr, "  %s\n",
			    vocab_at(VOCAB_AUDIENCE, i)->word);
		return 1;
	}
	if (vocab_find(VOCAB_SEND_CHANNEL, channel) == NULL)
		ctl_die("--channel must be online, post, email or hand");
	if (to != NULL && (!http_field_ok(FT_LINE, to, strlen(to)) ||
	    strlen(to) > 100))
		ctl_die("--to is one line of at most 100 characters");
	if (lang != NULL) {
		if (!lang_known(lang))
			ctl_die("--lang must be one of en, ar, ps, prs, ckb, ti, "
			    "vi, sq, am, cy");
		ctl_lang_load();
		if (!lang_offers(lang, aud))
			ctl_die("the %s texts do not cover the %s form",
			    vocab_label(VOCAB_LANG, lang), aud);
	}
	ctl_open();
	if (db_review_exists(review) != DB_OK)
		ctl_die("there is no review %lld", (long long)review);
	if (given == NULL) {
		if (consult_issue(review, aud, channel, to, sent, &cid,
		    &sec) != DB_OK ||
		    (lang != NULL && db_consult_set_lang(cid, lang) != DB_OK))
			ctl_die("cannot issue the consultation");
		print_secret(cid, &sec);
		db_close();
		return 0;
	}
	if (tt_cal(&cal) == -1)
		ctl_die("cannot read the holidays");
	if (db_begin() != DB_OK)
		ctl_die("the database is busy; try again");
	if ((cid = outreach_issue(&cal, review, aud, to, k, contact,
	    ctl_today(), invite)) == 0 || (lang != NULL &&
	    db_consult_set_lang(cid, lang) != DB_OK)) {
		db_rollback();
		ctl_die("cannot issue the consultation");
	}
	if (db_commit() != DB_OK)
		ctl_die("cannot issue the consultation");
	cr_random(contact, sizeof(contact));
	printf("consultation %lld\n", (long long)cid);
	if (invite[0] != '\0')
		printf("Heard sends the invitation by %s on %s, with the link "
		    "and code (they are not shown)\n", contact_kind_name(k),
		    invite);
	else
		printf("Heard sends the invitation by %s the working day after "
		    "the review is held (the link and code are not shown)\n",
		    contact_kind_name(k));
	db_close();
	return 0;
}

/* heardctl reissue|revoke --consultation ID */
static int
cmd_relink(int argc, char *argv[], int reissue)
{
	struct consult_secret sec;
	struct db_consult c;
	int64_t		 cid = ctl_need_id(argc, argv, 2, "--consultation");

	ctl_open();
	if (db_consult_get(cid, &c) != DB_OK)
		ctl_die("there is no consultation %lld", (long long)cid);
	if (reissue) {
		if (consult_reissue(0, cid, &sec) != DB_OK)
			ctl_die("cannot reissue");
		print_secret(cid, &sec);
	} else {
		if (consult_revoke(0, cid) != DB_OK)
			ctl_die("cannot revoke");
		printf("revoked consultation %lld\n", (long long)cid);
	}
	db_close();
	return 0;
}

/*
 * heardctl return --consultation ID --channel paper|email|phone
 * [--date D] [--answers FILE]: record a return that did not come online,
 * with its answers typed into FILE as urlencoded text, or none
 * ("answers held on file").
 */
static int
cmd_return(int argc, char *argv[])
{
	int64_t		 cid = ctl_need_id(argc, argv, 2, "--consultation");
	const char	*channel = ctl_need(argc, argv, 2, "--channel");
	const char	*date = ctl_date_opt(argc, argv, 2, "--date", ctl_today());
	const char	*file = ctl_opt(argc, argv, 2, "--answers", NULL);
	struct kvlist	 ans = { 0 };
	struct buf	 text = { 0 };
	char		 chunk[4096];
	size_t		 got;
	FILE		*fp;
	int		 rc;

	if (!vocab_flag(VOCAB_RETURN_CHANNEL, channel, VW_BY_STAFF))
		ctl_die("--channel must be paper, email or phone");
	if (file != NULL) {
		if ((fp = fopen(file, "r")) == NULL)
			ctl_die("%s: %s", file, strerror(errno));
		while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0)
			buf_add(&text, chunk, got);
		fclose(fp);
		if (http_parse_urlencoded(buf_str(&text), text.len, &ans) > 0)
			ctl_die("%s: answers must be urlencoded UTF-8", file);
	} else
		kv_add(&ans, "_held_on_file", 13, "yes", 3, KV_OK);
	ctl_open();
	rc = consult_submit(cid, &ans, channel, date);
	if (rc == DB_EXISTS)
		ctl_die("consultation %lld has already come back", (long long)cid);
	if (rc != DB_OK)
		ctl_die("cannot record the return");
	printf("recorded consultation %lld as returned by %s on %s\n",
	    (long long)cid, channel, date);
	kv_free(&ans);
	buf_free(&text);
	db_close();
	return 0;
}

/*
 * heardctl answers --consultation ID: print the returned answers, one
 * "id<TAB>value" line per answer with newlines in values as "\n".  The
 * reading is written to the audit log.
 */
static int
cmd_answers(int argc, char *argv[])
{
	int64_t		 cid = ctl_need_id(argc, argv, 2, "--consultation");
	struct kvlist	 ans = { 0 };
	char		 subject[64];
	const char	*v;
	size_t		 i;
	int		 rc;

	ctl_open();
	snprintf(subject, sizeof(subject), "consultation %lld",
	    (long long)cid);
	db_audit(0, "read-answers", subject);
	rc = consult_load(1, cid, &ans);
	if (rc == DB_NOTFOUND)
		ctl_die("consultation %lld has no answers", (long long)cid);
	if (rc != DB_OK)
		ctl_die("the answers to consultation %lld do not decrypt: they "
		    "were changed or moved", (long long)cid);
	for (i = 0; i < ans.n; i++) {
		printf("%s\t", ans.v[i].key);
		for (v = ans.v[i].val; *v != '\0'; v++)
			if (*v == '\n')
				fputs("\\n", stdout);
			else if (*v == '\\')
				fputs("\\\\", stdout);
			else
				putchar(*v);
		putchar('\n');
	}
	kv_free(&ans);
	db_close();
	return 0;
}

/* heardctl rotate-key: re-seal everything under a new key version. */
static int
cmd_rotate(void)
{
	uint32_t	 v;
	int64_t		 n;

	ctl_open();
	if (consult_rotate_key(&v, &n) != DB_OK)
		ctl_die("key rotation failed; nothing was changed");
	printf("key version %u: %lld values re-sealed\n", v, (long long)n);
	db_close();
	return 0;
}

/*
 * heardctl report --measure held --from D --to D [--by all|iro|month]
 * [--format text|csv]: reviews held within timescale, with the period
 * before.
 */
static int
report_held_cmd(const char *from, const char *to, const char *by,
    const char *fmt)
{
	struct report_held r;
	struct buf	 out = { 0 };
	int		 g = report_held_group(by);

	if (g < 0)
		ctl_die("with --measure held, --by must be all, iro or month");
	if (strcmp(fmt, "csv") != 0 && strcmp(fmt, "text") != 0 &&
	    strcmp(fmt, "table") != 0)
		ctl_die("with --measure held, --format must be text or csv");
	ctl_open();
	if (report_held_build(&r, (enum db_held_group)g, from, to) != DB_OK)
		ctl_die("cannot compute the figures");
	if (fmt[0] == 'c')
		report_held_csv(&r, &out);
	else
		report_held_text(&r, &out);
	fwrite(buf_str(&out), 1, out.len, stdout);
	report_held_free(&r);
	buf_free(&out);
	db_close();
	return 0;
}

/*
 * heardctl report --measure participation --from D --to D [--by
 * all|iro|month] [--format text|csv]: the annual report's figures
 * (participation among children aged 4 and over, the in-person share),
 * with the period before.
 */
static int
report_pn_cmd(const char *from, const char *to, const char *by,
    const char *fmt)
{
	struct report_pn r;
	struct buf	 out = { 0 };
	int		 g = report_held_group(by);

	if (g < 0)
		ctl_die("with --measure participation, --by must be all, iro "
		    "or month");
	if (strcmp(fmt, "csv") != 0 && strcmp(fmt, "text") != 0 &&
	    strcmp(fmt, "table") != 0)
		ctl_die("with --measure participation, --format must be text "
		    "or csv");
	ctl_open();
	if (report_pn_build(&r, (enum db_held_group)g, from, to) != DB_OK)
		ctl_die("cannot compute the figures");
	if (fmt[0] == 'c')
		report_pn_csv(&r, &out);
	else
		report_pn_text(&r, &out);
	fwrite(buf_str(&out), 1, out.len, stdout);
	report_pn_free(&r);
	buf_free(&out);
	db_close();
	return 0;
}

/*
 * heardctl report --from D --to D [--by G] [--format table|csv|json|text]:
 * the same numbers as the admin report page.
 */
static int
cmd_report(int argc, char *argv[])
{
	const char	*from = ctl_date_opt(argc, argv, 2, "--from", NULL);
	const char	*to = ctl_date_opt(argc, argv, 2, "--to", NULL);
	const char	*by = ctl_opt(argc, argv, 2, "--by", "audience");
	const char	*fmt = ctl_opt(argc, argv, 2, "--format", "table");
	struct report	 rep;
	struct buf	 out = { 0 };
	int		 g = report_group(by);

	if (from == NULL || to == NULL)
		ctl_die("--from and --to are required (YYYY-MM-DD)");
	if (strcmp(from, to) > 0)
		ctl_die("--from must not be after --to");
	if (strcmp(ctl_opt(argc, argv, 2, "--measure", "returns"), "held") ==
	    0)
		return report_held_cmd(from, to, ctl_opt(argc, argv, 2, "--by",
		    "all"), fmt);
	if (strcmp(ctl_opt(argc, argv, 2, "--measure", "returns"),
	    "participation") == 0)
		return report_pn_cmd(from, to, ctl_opt(argc, argv, 2, "--by",
		    "all"), fmt);
	if (g < 0)
		ctl_die("--by must be audience, iro, month, channel, review, "
		    "return_channel or wording");
	if (strcmp(fmt, "table") != 0 && strcmp(fmt, "csv") != 0 &&
	    strcmp(fmt, "json") != 0 && strcmp(fmt, "text") != 0)
		ctl_die("--format must be table, csv, json or text");
	ctl_open();
	if (report_build(&rep, (enum db_group)g, from, to) != DB_OK)
		ctl_die("cannot compute the report");
	if (fmt[0] == 'c')
		report_csv(&rep, &out);
	else if (fmt[0] == 'j')
		report_json(&rep, &out);
	else if (fmt[1] == 'e')
		report_text(&rep, &out);
	else
		report_table(&rep, &out);
	fwrite(buf_str(&out), 1, out.len, stdout);
	report_free(&rep);
	buf_free(&out);
	db_close();
	return 0;
}

/*
 * How many times each import key has been seen in this file: an open
 * hash table, so a tracker of many years imports in linear time.
 */
struct seen {
	char	**keys;
	size_t	 *counts;
	size_t	  cap;
	size_t	  n;
};

/* FNV-1a over a string. */
static size_t
seen_hash(const char *s)
{
	size_t	 h = (size_t)14695981039346656037ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ULL;
	return h;
}

/* Count one more sighting of key; returns how many came before it. */
static size_t
seen_add(struct seen *t, const char *key)
{
	struct seen	 old = *t;
	size_t		 i, j;

	if (t->n * 2 >= t->cap) {
		t->cap = t->cap == 0 ? 1024 : t->cap * 2;
		t->keys = xcalloc(t->cap, sizeof(*t->keys));
		t->counts = xcalloc(t->cap, sizeof(*t->counts));
		for (i = 0; i < old.cap; i++) {
			if (old.keys[i] == NULL)
				continue;
			for (j = seen_hash(old.keys[i]) & (t->cap - 1);
			    t->keys[j] != NULL; j = (j + 1) & (t->cap - 1))
				;
			t->keys[j] = old.keys[i];
			t->counts[j] = old.counts[i];
		}
		free(old.keys);
		free(old.counts);
	}
	for (i = seen_hash(key) & (t->cap - 1); t->keys[i] != NULL;
	    i = (i + 1) & (t->cap - 1))
		if (strcmp(t->keys[i], key) == 0)
			return t->counts[i]++;
	t->keys[i] = xstrdup(key);
	t->counts[i] = 1;
	t->n++;
	return 0;
}

/* Free the table. */
static void
seen_free(struct seen *t)
{
	size_t	 i;

	for (i = 0; i < t->cap; i++)
		free(t->keys[i]);
	free(t->keys);
	free(t->counts);
}

static const char *const import_cols[] = { "child_ref", "review_date",
    "review_type", "iro", "audience", "channel", "sent_on", "returned_on",
    "review_status", "looked_after_since" };
#define IMPORT_NCOLS	10	/* the last two are optional */

/*
 * heardctl import FILE.csv: the service's old tracker, all or nothing.
 * Each row becomes a consultation (no link: it went out before Heard),
 * creating the child, review and IRO as needed.  A row's import key is
 * its own content plus how many identical rows came before it, so
 * importing the same file twice adds nothing, yet two genuinely equal
 * rows (two parents asked by post on the same day) both count.
 */
static int
cmd_import(int argc, char *argv[])
{
	FILE		*fp;
	char		 line[4096], *f[16], key[4200], err[256] = "";
	int		 col[IMPORT_NCOLS], ncol = 0, lineno = 0, i, rc;
	size_t		 k, len;
	int		 n;
	int64_t		 iro, child, review, cid, added = 0, skipped = 0;
	struct seen	 seen = { 0 };
	size_t		 dup;
	const char	*v[IMPORT_NCOLS];

	if (argc < 3)
		ctl_die("usage: heardctl import FILE.csv");
	if ((fp = fopen(argv[2], "r")) == NULL)
		ctl_die("%s: %s", argv[2], strerror(errno));
	ctl_open();
	if (db_begin() != DB_OK)
		ctl_die("the database is busy; try again");
	while (fgets(line, sizeof(line), fp) != NULL) {
		lineno++;
		len = strlen(line);
		if (len == sizeof(line) - 1 && line[len - 1] != '\n') {
			snprintf(err, sizeof(err), "line %d: too long", lineno);
			break;
		}
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (lineno == 1 && strncmp(line, "\xef\xbb\xbf", 3) == 0)
			memmove(line, line + 3, len - 2);
		if (!http_utf8_valid(line, strlen(line))) {
			snprintf(err, sizeof(err), "line %d: not UTF-8 text",
			    lineno);
			break;
		}
		n = csv_split(line, f, 16);
		if (n < 0) {
			snprintf(err, sizeof(err), "line %d: a quoted field is "
			    "not closed properly", lineno);
			break;
		}
		if (lineno == 1) {
			for (i = 0; i < IMPORT_NCOLS; i++) {
				col[i] = -1;
				for (k = 0; k < (size_t)n; k++)
					if (strcmp(f[k], import_cols[i]) == 0)
						col[i] = (int)k;
				if (col[i] < 0 && i < 8) {
					snprintf(err, sizeof(err), "line 1: the "
					    "header has no column %s",
					    import_cols[i]);
					break;
				}
			}
			if (err[0] != '\0')
				break;
			ncol = n;
			continue;
		}
		if (len == 0)
			continue;
		if (n != ncol) {
			snprintf(err, sizeof(err), "line %d: %d fields, the "
			    "header has %d", lineno, n, ncol);
			break;
		}
		for (i = 0; i < IMPORT_NCOLS; i++)
			v[i] = col[i] >= 0 ? f[col[i]] : "";
		if (*v[0] == '\0' || strlen(v[0]) > 60 ||
		    !http_field_ok(FT_LINE, v[0], strlen(v[0])))
			snprintf(err, sizeof(err), "line %d: child_ref must be "
			    "1 to 60 characters", lineno);
		else if (!http_field_ok(FT_DATE, v[1], strlen(v[1])))
			snprintf(err, sizeof(err), "line %d: review_date '%s' "
			    "is not a date as YYYY-MM-DD", lineno, v[1]);
		else if (vocab_find(VOCAB_REVIEW_TYPE, v[2]) == NULL)
			snprintf(err, sizeof(err), "line %d: review_type must "
			    "be cic or pathway", lineno);
		else if (strlen(v[3]) > 60 ||
		    !http_field_ok(FT_LINE, v[3], strlen(v[3])))
			snprintf(err, sizeof(err), "line %d: iro is too long",
			    lineno);
		else if (form_audience_index(v[4]) < 0)
			snprintf(err, sizeof(err), "line %d: '%.40s' is not an "
			    "audience", lineno, v[4]);
		else if (vocab_find(VOCAB_SEND_CHANNEL, v[5]) == NULL)
			snprintf(err, sizeof(err), "line %d: channel must be "
			    "online, post, email or hand", lineno);
		else if (!http_field_ok(FT_DATE, v[6], strlen(v[6])))
			snprintf(err, sizeof(err), "line %d: sent_on '%.20s' is "
			    "not a date as YYYY-MM-DD", lineno, v[6]);
		else if (*v[7] != '\0' &&
		    !http_field_ok(FT_DATE, v[7], strlen(v[7])))
			snprintf(err, sizeof(err), "line %d: returned_on "
			    "'%.20s' is not a date as YYYY-MM-DD", lineno,
			    v[7]);
		else if (*v[7] != '\0' && strcmp(v[7], v[6]) < 0)
			snprintf(err, sizeof(err), "line %d: returned_on is "
			    "before sent_on", lineno);
		else if (*v[8] != '\0' &&
		    vocab_find(VOCAB_REVIEW_STATUS, v[8]) == NULL)
			snprintf(err, sizeof(err), "line %d: review_status must "
			    "be scheduled, held, rearranged, stood_down or "
			    "cancelled", lineno);
		else if (*v[9] != '\0' &&
		    !http_field_ok(FT_DATE, v[9], strlen(v[9])))
			snprintf(err, sizeof(err), "line %d: looked_after_since "
			    "'%.20s' is not a date as YYYY-MM-DD", lineno, v[9]);
		else if (*v[9] != '\0' && strcmp(v[9], v[1]) > 0)
			snprintf(err, sizeof(err), "line %d: looked_after_since "
			    "is after the review_date", lineno);
		if (err[0] != '\0')
			break;
		iro = 0;
		if (*v[3] != '\0' && db_staff_iro(v[3], &iro) != DB_OK) {
			snprintf(err, sizeof(err), "line %d: '%s' is a member "
			    "of staff who is not an IRO", lineno, v[3]);
			break;
		}
		rc = db_child_get_or_add(v[0], iro, &child);
		if (rc == DB_OK && (rc = db_review_find(child, v[2], v[1],
		    &review)) == DB_NOTFOUND)
			rc = db_review_add(child, v[2], v[1], iro, &review);
		if (rc == DB_OK && strcmp(v[8], "held") == 0)
			rc = db_review_held(review, v[1]);
		else if (rc == DB_OK && *v[8] != '\0')
			rc = db_review_set(review, NULL, v[8]);
		if (rc == DB_OK && *v[9] != '\0' &&
		    (rc = db_episode_add(child, v[9])) == DB_EXISTS)
			rc = DB_OK;
		if (rc != DB_OK) {
			snprintf(err, sizeof(err), "line %d: cannot store the "
			    "review", lineno);
			break;
		}
		snprintf(key, sizeof(key), "%s|%s|%s|%s|%s|%s", v[0], v[1],
		    v[2], v[4], v[5], v[6]);
		dup = seen_add(&seen, key);
		len = strlen(key);
		snprintf(key + len, sizeof(key) - len, "|%zu", dup);
		rc = db_consult_import(review, v[4], v[5], v[6], key, &cid);
		if (rc == DB_EXISTS) {
			skipped++;
			continue;
		}
		if (rc == DB_OK && *v[7] != '\0')
			rc = db_consult_returned(cid, v[7], "paper");
		if (rc != DB_OK) {
			snprintf(err, sizeof(err), "line %d: cannot store the "
			    "consultation", lineno);
			break;
		}
		added++;
	}
	fclose(fp);
	seen_free(&seen);
	if (err[0] == '\0' && lineno == 0)
		snprintf(err, sizeof(err), "line 1: the file is empty");
	if (err[0] != '\0') {
		db_rollback();
		fprintf(stderr, "%s\nNothing was imported.\n", err);
		db_close();
		return 1;
	}
	db_audit(0, "import", argv[2]);
	if (tt_refresh_all() != DB_OK) {
		db_rollback();
		ctl_die("cannot work out the due dates; nothing was imported");
	}
	if (db_commit() != DB_OK)
		ctl_die("the import could not be saved; nothing was imported");
	printf("imported %lld consultations; %lld were already there\n",
	    (long long)added, (long long)skipped);
	db_close();
	return 0;
}

/* heardctl backup FILE: an online copy, safe while Heard serves. */
static int
cmd_backup(int argc, char *argv[])
{
	if (argc < 3)
		ctl_die("usage: heardctl backup FILE");
	if (access(argv[2], F_OK) == 0)
		ctl_die("%s already exists: choose a new file", argv[2]);
	ctl_open();
	if (db_backup(argv[2]) != DB_OK)
		ctl_die("the backup failed");
	db_audit(0, "backup", argv[2]);
	printf("backed up to %s (keep the key file apart from it)\n", argv[2]);
	db_close();
	return 0;
}

/*
 * 1 if Litestream replicates the database: HEARD_REPLICA is set, or
 * Litestream's own folder (.NAME-litestream) sits beside it, as it does
 * once Litestream has run on it (a purge run from a shell without the
 * service's environment).  Else 0.
 */
static int
replicated(void)
{
	const char	*slash = strrchr(cf.db, '/');
	char		 dir[4200];
	struct stat	 sb;

	if (cf.replica != NULL && cf.replica[0] != '\0')
		return 1;
	if (slash == NULL)
		snprintf(dir, sizeof(dir), ".%s-litestream", cf.db);
	else
		snprintf(dir, sizeof(dir), "%.*s/.%s-litestream",
		    (int)(slash - cf.db), cf.db, slash + 1);
	return stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* heardctl purge --before DATE: retention. */
static int
cmd_purge(int argc, char *argv[])
{
	const char	*before = ctl_date_opt(argc, argv, 2, "--before", NULL);
	int64_t		 n;

	if (before == NULL)
		ctl_die("--before YYYY-MM-DD is required");
	ctl_open();
	if (db_purge(before, replicated(), &n) != DB_OK)
		ctl_die("the purge failed; nothing was removed");
	printf("removed the answers to %lld consultations for reviews before "
	    "%s\n", (long long)n, before);
	db_close();
	return 0;
}

/* Print usage to f. */
static void
usage(FILE *f)
{
	fputs("usage: heardctl [--instance NAME] [--db FILE] [--key FILE] "
	    "[--base-url URL] COMMAND ...\n"
	    "  (--instance NAME, or HEARD_INSTANCE: one council of many, "
	    "its database and key\n   in /var/lib/heard/NAME, or "
	    "HEARD_INSTANCE_ROOT/NAME)\n"
	    "  init\n"
	    "  user add NAME --role admin|iro|manager   (password on stdin)\n"
	    "  user disable|enable NAME                  (disable ends sessions)\n"
	    "  user passwd NAME    (temporary password on stdin; reset at sign-in)\n"
	    "  user role NAME --role admin|iro|manager\n"
	    "  user passport NAME --first-name X [--face 1-8|none] [--about TEXT]\n"
	    "  user email NAME ADDRESS   (where safeguarding flag emails go; '' "
	    "none)\n"
	    "  flags check [--now YYYY-MM-DDTHH:MM]   (flags not acknowledged "
	    "in a working day\n"
	    "      go to every manager, once)\n"
	    "  flags list\n"
	    "  review add --child REF --date YYYY-MM-DD --type cic|pathway "
	    "[--iro USER]\n        [--first-name NAME] [--dob YYYY-MM-DD] "
	    "[--age-band BAND]\n        [--reason WHY]   (why it is "
	    "booked after its due date)\n"
	    "  review held --review ID [--on YYYY-MM-DD]\n"
	    "  review participation --review ID --code PN0..PN7\n"
	    "  review format --review ID --format in_person|online|mixed\n"
	    "  child add REF --looked-after-since YYYY-MM-DD [--iro USER]\n"
	    "        [--first-name NAME] [--dob YYYY-MM-DD]\n"
	    "  child show REF\n"
	    "  child left REF --on YYYY-MM-DD\n"
	    "  holidays import FILE   (gov.uk bank-holidays.json, or a CSV "
	    "of closure days)\n"
	    "  holidays list --year YYYY\n"
	    "  workdays YYYY-MM-DD N\n"
	    "  issue --review ID --audience AUD [--channel online|post|email|"
	    "hand]\n        [--to LABEL] [--sent YYYY-MM-DD] [--lang CODE]\n"
	    "        [--email ADDR | --phone NUMBER | --address "
	    "'LINE 1|LINE 2|TOWN|POSTCODE']\n"
	    "  import-week FILE.csv   (the week's reviews, their standard forms "
	    "and contacts)\n"
	    "  send [--today YYYY-MM-DD]   (send what is due through GOV.UK "
	    "Notify)\n"
	    "  notify template invite|reminder email|sms|letter UUID\n"
	    "  notify template flag UUID   (safeguarding flag emails)\n"
	    "  notify plan [AUDIENCE [invite|reminder DAYS[,DAYS...]|none]]\n"
	    "  notify reminders email|sms|letter on|off\n"
	    "  notify wording [STEP A|B TEXT]\n"
	    "  notify status --consultation ID\n"
	    "  setting [council|return_address|duty_address VALUE]\n"
	    "  setting in_person_target PERCENT   (0 to 100: reviews held "
	    "in person)\n"
	    "  reissue --consultation ID\n"
	    "  revoke --consultation ID\n"
	    "  return --consultation ID --channel paper|email|phone "
	    "[--date D] [--answers FILE]\n"
	    "  answers --consultation ID\n"
	    "  rotate-key\n"
	    "  report --from YYYY-MM-DD --to YYYY-MM-DD [--by audience|iro|"
	    "month|channel|review|\n        return_channel|wording]\n        [--format table|csv|json|text]\n"
	    "  report --measure held --from YYYY-MM-DD --to YYYY-MM-DD "
	    "[--by all|iro|month]\n        [--format text|csv]   (reviews "
	    "held within timescale)\n"
	    "  report --measure participation --from YYYY-MM-DD --to "
	    "YYYY-MM-DD\n        [--by all|iro|month] [--format text|csv]   "
	    "(the annual report's\n        participation and in-person "
	    "figures)\n"
	    "  import FILE.csv\n"
	    "  backup FILE\n"
	    "  restore --from REPLICA --to FILE [--at YYYY-MM-DDTHH:MM:SSZ]\n"
	    "        (Litestream's replica: file:///PATH, sftp://USER@HOST/PATH,"
	    "\n        s3://BUCKET/PATH; then checked)\n"
	    "  purge --before YYYY-MM-DD\n"
	    "  setting base_url [URL]   (the start of printed links; "
	    "HEARD_BASE_URL wins)\n"
	    "  export ssda903 --from YYYY-MM-DD --to YYYY-MM-DD   (the DfE's "
	    "Reviews table)\n"
	    "  lang status [CODE [checked|draft]]   (each translation's "
	    "status)\n"
	    "  lang missing CODE [AUDIENCE]   (texts a language lacks, "
	    "ready to translate)\n"
	    "  lang texts CODE AUDIENCE   (every text of a form in a "
	    "language)\n", f);
}

/*
 * Name the command line in the audit log with the operating-system user
 * that runs it, such as "heardctl (root)" (issue 16 item 2).
 */
static void
audit_who(void)
{
	struct passwd	*pw = getpwuid(getuid());
	char		 who[96];

	if (pw != NULL && pw->pw_name != NULL)
		snprintf(who, sizeof(who), "heardctl (%s)", pw->pw_name);
	else
		snprintf(who, sizeof(who), "heardctl (uid %lu)",
		    (unsigned long)getuid());
	db_audit_as(0, who);
}

int
main(int argc, char *argv[])
{
	char	 err[256];
	int	 i, rc;

	audit_who();
	conf_defaults(&cf);
	/* Settings come first, then the command and its own options. */
	for (i = 1; i < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
		if (strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		}
		rc = conf_option(&cf, argv[i], i + 1 < argc ? argv[i + 1] :
		    NULL, err, sizeof(err));
		if (rc <= 0) {
			fprintf(stderr, "heardctl: %s\n", rc < 0 ? err :
			    "unknown setting");
			usage(stderr);
			return 2;
		}
	}
	/* One council of many: its folder's database and key file. */
	if (conf_instance(&cf, err, sizeof(err)) == -1) {
		fprintf(stderr, "heardctl: %s\n", err);
		return 2;
	}
	argc -= i - 1;
	argv += i - 1;
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "init") == 0)
		return cmd_init();
	if (strcmp(argv[1], "user") == 0 && argc >= 3 &&
	    strcmp(argv[2], "email") == 0)
		return ctl_user_email(argc, argv);
	if (strcmp(argv[1], "user") == 0)
		return cmd_user(argc, argv);
	if (strcmp(argv[1], "flags") == 0)
		return ctl_flags(argc, argv);
	if (strcmp(argv[1], "review") == 0 && argc >= 3 &&
	    strcmp(argv[2], "held") == 0)
		return ctl_review_held(argc, argv);
	if (strcmp(argv[1], "review") == 0 && argc >= 3 &&
	    strcmp(argv[2], "participation") == 0)
		return ctl_review_participation(argc, argv);
	if (strcmp(argv[1], "review") == 0 && argc >= 3 &&
	    strcmp(argv[2], "format") == 0)
		return ctl_review_format(argc, argv);
	if (strcmp(argv[1], "review") == 0)
		return cmd_review(argc, argv);
	if (strcmp(argv[1], "child") == 0)
		return ctl_child(argc, argv);
	if (strcmp(argv[1], "holidays") == 0)
		return ctl_holidays(argc, argv);
	if (strcmp(argv[1], "workdays") == 0)
		return ctl_workdays(argc, argv);
	if (strcmp(argv[1], "issue") == 0)
		return cmd_issue(argc, argv);
	if (strcmp(argv[1], "reissue") == 0)
		return cmd_relink(argc, argv, 1);
	if (strcmp(argv[1], "revoke") == 0)
		return cmd_relink(argc, argv, 0);
	if (strcmp(argv[1], "return") == 0)
		return cmd_return(argc, argv);
	if (strcmp(argv[1], "answers") == 0)
		return cmd_answers(argc, argv);
	if (strcmp(argv[1], "rotate-key") == 0)
		return cmd_rotate();
	if (strcmp(argv[1], "report") == 0)
		return cmd_report(argc, argv);
	if (strcmp(argv[1], "import") == 0)
		return cmd_import(argc, argv);
	if (strcmp(argv[1], "send") == 0)
		return ctl_send(argc, argv);
	if (strcmp(argv[1], "notify") == 0)
		return ctl_notify(argc, argv);
	if (strcmp(argv[1], "setting") == 0)
		return ctl_setting(argc, argv);
	if (strcmp(argv[1], "import-week") == 0)
		return ctl_import_week(argc, argv);
	if (strcmp(argv[1], "backup") == 0)
		return cmd_backup(argc, argv);
	if (strcmp(argv[1], "restore") == 0)
		return ctl_restore(argc, argv);
	if (strcmp(argv[1], "purge") == 0)
		return cmd_purge(argc, argv);
	if (strcmp(argv[1], "lang") == 0)
		return ctl_lang(argc, argv);
	if (strcmp(argv[1], "export") == 0)
		return ctl_export(argc, argv);
	fprintf(stderr, "heardctl: unknown command %s\n", argv[1]);
	usage(stderr);
	return 2;
}
