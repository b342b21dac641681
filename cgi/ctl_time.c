/*
 * ctl_time: heardctl's commands for the statutory timetable: children
 * and their episodes of care, reviews held, bank holidays and working
 * days.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "cal.h"
#include "consult.h"
#include "csv.h"
#include "ctl.h"
#include "db.h"
#include "http.h"
#include "timetable.h"
#include "vocab.h"

/* Most bytes of a holidays file: gov.uk's is about 20 KB. */
#define HOLIDAYS_MAX	(1024 * 1024)

/* Die unless s is a case reference: one line of 1 to 60 characters. */
static void
check_ref(const char *s)
{
	if (*s == '\0' || strlen(s) > 60 || !http_field_ok(FT_LINE, s,
	    strlen(s)))
		ctl_die("a case reference is one line of 1 to 60 characters");
}

/* The IRO called name (NULL: none, 0), or die. */
static int64_t
iro_id(const char *name)
{
	struct db_staff	 s;

	if (name == NULL)
		return 0;
	if (db_staff_get(name, &s) != DB_OK || strcmp(s.role, "iro") != 0)
		ctl_die("there is no IRO called %s", name);
	return s.id;
}

/* Commit, or die saying nothing was changed. */
static void
commit_or_die(void)
{
	if (db_commit() != DB_OK)
		ctl_die("the change could not be saved; nothing was changed");
}

/* Roll back and die with a message. */
static void __attribute__((noreturn))
undo(const char *what)
{
	db_rollback();
	ctl_die("%s; nothing was changed", what);
}

/*
 * heardctl child add REF --looked-after-since D [--iro USER]
 * [--first-name NAME] [--dob D]: a child, or a new episode of care for
 * one already known (which restarts the timetable).
 */
static int
child_add(int argc, char *argv[])
{
	const char	*ref, *since, *iro, *name, *dob;
	struct db_child	 c;
	int64_t		 child, iro_n;
	int		 rc;

	if (argc < 4)
		ctl_die("usage: heardctl child add REF --looked-after-since "
		    "YYYY-MM-DD [--iro USER] [--first-name NAME] "
		    "[--dob YYYY-MM-DD]");
	ref = argv[3];
	check_ref(ref);
	since = ctl_date_opt(argc, argv, 4, "--looked-after-since", NULL);
	if (since == NULL)
		ctl_die("--looked-after-since is required (YYYY-MM-DD)");
	iro = ctl_opt(argc, argv, 4, "--iro", NULL);
	name = ctl_opt(argc, argv, 4, "--first-name", NULL);
	dob = ctl_date_opt(argc, argv, 4, "--dob", NULL);
	if (name != NULL && (*name == '\0' || strlen(name) > 40 ||
	    strchr(name, ' ') != NULL ||
	    !http_field_ok(FT_LINE, name, strlen(name))))
		ctl_die("--first-name is one first name of at most 40 "
		    "characters");
	if (dob != NULL && strcmp(dob, since) > 0)
		ctl_die("--looked-after-since (%s) is before --dob (%s)", since,
		    dob);
	if (strcmp(since, ctl_today()) > 0)
		ctl_die("--looked-after-since (%s) is in the future", since);
	ctl_open();
	iro_n = iro_id(iro);
	if (db_begin() != DB_OK)
		ctl_die("the database is busy; try again");
	if (db_child_get_or_add(ref, iro_n, &child) != DB_OK)
		undo("cannot add the child");
	if (iro_n > 0 && db_child_iro(child, iro_n) != DB_OK)
		undo("cannot allocate the IRO");
	if ((name != NULL || dob != NULL) &&
	    consult_child_details(child, name, dob, NULL) != DB_OK)
		undo("cannot store the child's details");
	rc = db_episode_add(child, since);
	if (rc == DB_ERR)
		undo("cannot store the episode of care");
	if (tt_refresh(child) != DB_OK)
		undo("cannot work out the due dates");
	db_audit(0, "child-add", ref);
	commit_or_die();
	if (db_child_by_ref(ref, &c) != DB_OK)
		ctl_die("cannot read the child back");
	printf("%s: %s %s\nnext review due: %s\n", ref,
	    rc == DB_EXISTS ? "already looked after since" :
	    "looked after since", since,
	    c.next_due_on[0] != '\0' ? c.next_due_on : "not known");
	db_close();
	return 0;
}

/* db_episode_each() callback for child show. */
static int
print_episode(const void *row, void *arg)
{
	const struct db_episode *e = row;

	(void)arg;
	if (e->ended_on[0] != '\0')
		printf("looked after: %s to %s\n", e->started_on, e->ended_on);
	else
		printf("looked after since: %s\n", e->started_on);
	return 0;
}

/* What child show needs in its review callback. */
struct show {
	struct cal	 cal;
	const char	*today;
};

/* db_timeline_each() callback for child show. */
static int
print_review(const void *row, void *arg)
{
	const struct db_timeline *t = row;
	struct show	*sh = arg;
	enum tt_state	 st;

	st = tt_state(&sh->cal, sh->today, t->status, t->date, t->held_on,
	    t->due_on);
	printf("review %lld: %s %s, %s%s%s, due %s%s%s\n", (long long)t->id,
	    t->type, t->date, t->status, t->held_on[0] != '\0' ? " on " : "",
	    t->held_on, t->due_on[0] != '\0' ? t->due_on : "not known",
	    st == TT_NONE ? "" : ": ", tt_label(st));
	return 0;
}

/* heardctl child show REF: the child, their episodes and reviews. */
static int
child_show(int argc, char *argv[])
{
	struct db_child	 c;
	struct show	 sh;
	struct buf	 name = { 0 };

	if (argc < 4)
		ctl_die("usage: heardctl child show REF");
	ctl_open();
	if (db_child_by_ref(argv[3], &c) != DB_OK)
		ctl_die("there is no child with case reference %s", argv[3]);
	consult_child_name_of(c.id, c.name_box, c.name_len, c.name_ver,
	    &name);
	printf("child: %s\n", c.ref);
	if (name.len > 0)
		printf("first name: %s\n", buf_str(&name));
	if (c.dob[0] != '\0')
		printf("date of birth: %s\n", c.dob);
	printf("IRO: %s\n", c.iro[0] != '\0' ? c.iro : "not allocated");
	db_episode_each(c.id, print_episode, NULL);
	tt_cal(&sh.cal);
	sh.today = ctl_today();
	db_timeline_each(c.id, print_review, &sh);
	printf("next review due: %s\n", c.next_due_on[0] != '\0' ?
	    c.next_due_on : "not known (no date the child became looked "
	    "after, or they have left care)");
	buf_free(&name);
	db_close();
	return 0;
}

/* heardctl child left REF --on D: the end of an episode of care. */
static int
child_left(int argc, char *argv[])
{
	const char	*on;
	struct db_child	 c;

	if (argc < 4)
		ctl_die("usage: heardctl child left REF --on YYYY-MM-DD");
	on = ctl_date_opt(argc, argv, 4, "--on", NULL);
	if (on == NULL)
		ctl_die("--on is required (YYYY-MM-DD)");
	ctl_open();
	if (db_child_by_ref(argv[3], &c) != DB_OK)
		ctl_die("there is no child with case reference %s", argv[3]);
	if (db_begin() != DB_OK)
		ctl_die("the database is busy; try again");
	if (db_episode_end(c.id, on) != DB_OK || tt_refresh(c.id) != DB_OK)
		undo("cannot record the end of the episode");
	db_audit(0, "child-left", argv[3]);
	commit_or_die();
	printf("%s: left care on %s; no review is due\n", argv[3], on);
	db_close();
	return 0;
}

/* heardctl child add|show|left ... */
int
ctl_child(int argc, char *argv[])
{
	if (argc >= 3 && strcmp(argv[2], "add") == 0)
		return child_add(argc, argv);
	if (argc >= 3 && strcmp(argv[2], "show") == 0)
		return child_show(argc, argv);
	if (argc >= 3 && strcmp(argv[2], "left") == 0)
		return child_left(argc, argv);
	ctl_die("usage: heardctl child add|show|left REF ...");
}

/*
 * heardctl review held --review ID [--on D]: the review took place
 * (on its date unless --on says otherwise; never before it, never in
 * the future).
 */
int
ctl_review_held(int argc, char *argv[])
{
	int64_t		 id = ctl_need_id(argc, argv, 3, "--review");
	const char	*on = ctl_date_opt(argc, argv, 3, "--on", NULL);
	struct db_review rv;

	ctl_open();
	if (db_review_get(id, &rv) != DB_OK)
		ctl_die("there is no review %lld", (long long)id);
	if (on == NULL)
		on = rv.date;
	if (vocab_flag(VOCAB_REVIEW_STATUS, rv.status, VW_ENDED))
		ctl_die("review %lld (%s) cannot be held", (long long)id,
		    vocab_label(VOCAB_REVIEW_STATUS, rv.status));
	if (strcmp(on, rv.date) < 0)
		ctl_die("%s is before review %lld's date (%s): a review "
		    "cannot be held before its date", on, (long long)id,
		    rv.date);
	if (strcmp(on, ctl_today()) > 0)
		ctl_die("%s is in the future: a review is marked held once it "
		    "has taken place", on);
	if (db_begin() != DB_OK)
		ctl_die("the database is busy; try again");
	if (db_review_held(id, on) != DB_OK || tt_refresh(rv.child_id) !=
	    DB_OK)
		undo("cannot mark the review held");
	db_audit(0, "review-held", rv.child_ref);
	commit_or_die();
	if (rv.due_on[0] == '\0')
		printf("review %lld held on %s (its due date is not known)\n",
		    (long long)id, on);
	else
		printf("review %lld held on %s (%s: due by %s)\n",
		    (long long)id, on, strcmp(on, rv.due_on) <= 0 ? "in time" :
		    "late", rv.due_on);
	db_close();
	return 0;
}

/*
 * gov.uk's bank-holidays.json: the England and Wales list replaces the
 * computed bank holidays of every year it covers.  A year with fewer
 * than eight is refused (England and Wales never has fewer), so a cut
 * file cannot wipe a year's holidays.  Returns how many were stored.
 */
static int
import_json(const char *path, const struct buf *text)
{
	json_t		*root, *events, *ev;
	json_error_t	 jerr;
	const char	*day, *title;
	int		 per_year[10000] = { 0 }, y, n = 0;
	size_t		 i;

	root = json_loadb(buf_str(text), text->len, 0, &jerr);
	if (root == NULL)
		ctl_die("%s:%d: not JSON: %s", path, jerr.line, jerr.text);
	events = json_object_get(json_object_get(root, "england-and-wales"),
	    "events");
	if (!json_is_array(events))
		ctl_die("%s: no \"england-and-wales\" list of \"events\" (is "
		    "this gov.uk's bank-holidays.json?)", path);
	json_array_foreach(events, i, ev) {
		day = json_string_value(json_object_get(ev, "date"));
		title = json_string_value(json_object_get(ev, "title"));
		if (day == NULL || cal_parse(day) == CAL_NONE)
			ctl_die("%s: event %zu: \"date\" is not a date as "
			    "YYYY-MM-DD", path, i + 1);
		if (title == NULL || strlen(title) > 100 ||
		    !http_field_ok(FT_LINE, title, strlen(title)))
			ctl_die("%s: event %zu: \"title\" must be one line of "
			    "at most 100 characters", path, i + 1);
		per_year[atoi(day)]++;
	}
	for (y = 0; y < 10000; y++)
		if (per_year[y] > 0 && per_year[y] < 8)
			ctl_die("%s: %d lists %d bank holidays; England and "
			    "Wales has at least 8 a year: is the file whole?",
			    path, y, per_year[y]);
	for (y = 0; y < 10000; y++)
		if (per_year[y] > 0 && db_holiday_year(y) != DB_OK)
			undo("cannot store the holidays");
	json_array_foreach(events, i, ev) {
		day = json_string_value(json_object_get(ev, "date"));
		title = json_string_value(json_object_get(ev, "title"));
		if (db_holiday_add(day, "bank", title) != DB_OK)
			undo("cannot store the holidays");
		n++;
	}
	json_decref(root);
	return n;
}

/*
 * A service's closure days: CSV lines "YYYY-MM-DD,what" (a header line
 * starting "date" is skipped).  Returns how many were stored.
 */
static int
import_closures(const char *path, struct buf *text)
{
	char	*line, *next, *f[4];
	int	 lineno = 0, n = 0, nf;

	for (line = text->data; line != NULL && *line != '\0'; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		line[strcspn(line, "\r")] = '\0';
		if (*line == '\0' || (lineno == 1 &&
		    strncmp(line, "date", 4) == 0))
			continue;
		if ((nf = csv_split(line, f, 4)) < 1 || nf > 2 ||
		    cal_parse(f[0]) == CAL_NONE) {
			db_rollback();
			ctl_die("%s:%d: expected a date as YYYY-MM-DD and what "
			    "it is, such as 2026-12-24,Service closed; nothing "
			    "was imported", path, lineno);
		}
		if (nf == 2 && (strlen(f[1]) > 100 ||
		    !http_field_ok(FT_LINE, f[1], strlen(f[1])))) {
			db_rollback();
			ctl_die("%s:%d: what the day is must be one line of at "
			    "most 100 characters; nothing was imported", path,
			    lineno);
		}
		if (db_holiday_add(f[0], "closure", nf == 2 && *f[1] != '\0' ?
		    f[1] : "Service closed") != DB_OK)
			undo("cannot store the closure days");
		n++;
	}
	return n;
}

/*
 * heardctl holidays import FILE: gov.uk's bank-holidays.json, or a CSV
 * of the service's own closure days.  Every due date is worked out
 * again.  All or nothing.
 */
static int
holidays_import(int argc, char *argv[])
{
	struct buf	 text = { 0 };
	const char	*p;
	int		 bank = 0, closed = 0;

	if (argc < 4)
		ctl_die("usage: heardctl holidays import FILE "
		    "(bank-holidays.json, or a CSV of closure days)");
	ctl_slurp(argv[3], &text, HOLIDAYS_MAX);
	if (!http_utf8_valid(buf_str(&text), text.len))
		ctl_die("%s: not UTF-8 text", argv[3]);
	ctl_open();
	if (db_begin() != DB_OK)
		ctl_die("the database is busy; try again");
	for (p = buf_str(&text); *p == ' ' || *p == '\t' || *p == '\r' ||
	    *p == '\n'; p++)
		;
	if (*p == '{')
		bank = import_json(argv[3], &text);
	else
		closed = import_closures(argv[3], &text);
	if (tt_refresh_all() != DB_OK)
		undo("cannot work out the due dates again");
	db_audit(0, "holidays-import", argv[3]);
	commit_or_die();
	printf("imported %d bank holidays and %d closure days; due dates "
	    "worked out again\n", bank, closed);
	buf_free(&text);
	db_close();
	return 0;
}

/* heardctl holidays list --year Y: every weekday that is not worked. */
static int
holidays_list(int argc, char *argv[])
{
	const char	*ys = ctl_need(argc, argv, 3, "--year");
	struct cal	 cal;
	int32_t		 d, end;
	char		 ymd[CAL_YMD_LEN], words[CAL_WORDS_LEN];
	int		 y = atoi(ys);

	if (!http_field_ok(FT_UINT, ys, strlen(ys)) || y < 1900 || y > 2200)
		ctl_die("--year must be a year such as 2027");
	ctl_open();
	tt_cal(&cal);
	end = cal_day(y, 12, 31);
	for (d = cal_day(y, 1, 1); d <= end; d++)
		if (cal_weekday(d) <= 5 && cal_is_holiday(&cal, d)) {
			cal_format(d, ymd);
			cal_words(d, words);
			printf("%s  %s\n", ymd, words);
		}
	db_close();
	return 0;
}

/* heardctl holidays import|list ... */
int
ctl_holidays(int argc, char *argv[])
{
	if (argc >= 3 && strcmp(argv[2], "import") == 0)
		return holidays_import(argc, argv);
	if (argc >= 3 && strcmp(argv[2], "list") == 0)
		return holidays_list(argc, argv);
	ctl_die("usage: heardctl holidays import FILE | list --year YYYY");
}

/*
 * heardctl workdays YYYY-MM-DD N: the day N working days after that
 * day (N negative: before), England and Wales, with the service's
 * imported holidays and closure days.
 */
int
ctl_workdays(int argc, char *argv[])
{
	struct cal	 cal;
	int32_t		 d;
	long		 n;
	char		*end, ymd[CAL_YMD_LEN];

	if (argc != 4)
		ctl_die("usage: heardctl workdays YYYY-MM-DD N");
	if ((d = cal_parse(argv[2])) == CAL_NONE)
		ctl_die("'%s' is not a date as YYYY-MM-DD", argv[2]);
	errno = 0;
	n = strtol(argv[3], &end, 10);
	if (*argv[3] == '\0' || *end != '\0' || errno != 0 || n < -5000 ||
	    n > 5000)
		ctl_die("N must be a whole number of working days from -5000 "
		    "to 5000, not '%s'", argv[3]);
	ctl_open();
	tt_cal(&cal);
	cal_format(cal_add_workdays(&cal, d, (int)n), ymd);
	printf("%s\n", ymd);
	db_close();
	return 0;
}

/*
 * heardctl review participation --review ID --code PNx: how the child
 * took part (the DfE's SSDA903 codes), with the meaning printed back.
 */
int
ctl_review_participation(int argc, char *argv[])
{
	int64_t		 id = ctl_need_id(argc, argv, 3, "--review");
	const char	*code = ctl_need(argc, argv, 3, "--code");
	const struct vocab_word *w = vocab_find(VOCAB_PARTICIPATION, code);
	struct db_review rv;
	size_t		 i;

	if (w == NULL) {
		fprintf(stderr, "heardctl: --code must be one of:\n");
		for (i = 0; i < vocab_count(VOCAB_PARTICIPATION); i++)
			fprintf(stderr, "  %s  %s\n", vocab_at(
			    VOCAB_PARTICIPATION, i)->word, vocab_at(
			    VOCAB_PARTICIPATION, i)->meaning);
		return 1;
	}
	ctl_open();
	if (db_review_get(id, &rv) != DB_OK)
		ctl_die("there is no review %lld", (long long)id);
	if (db_review_participation(id, w->word) != DB_OK)
		ctl_die("cannot record the code");
	db_audit(0, "participation", rv.child_ref);
	printf("review %lld: %s (%s)\n", (long long)id, w->word, w->meaning);
	db_close();
	return 0;
}

/*
 * heardctl review format --review ID --format in_person|online|mixed:
 * how the review was held (the annual report's in-person share).
 */
int
ctl_review_format(int argc, char *argv[])
{
	int64_t		 id = ctl_need_id(argc, argv, 3, "--review");
	const char	*f = ctl_need(argc, argv, 3, "--format");
	const struct vocab_word *w = vocab_find(VOCAB_REVIEW_FORMAT, f);
	struct db_review rv;
	size_t		 i;

	if (w == NULL) {
		fprintf(stderr, "heardctl: --format must be one of:\n");
		for (i = 0; i < vocab_count(VOCAB_REVIEW_FORMAT); i++)
			fprintf(stderr, "  %-10s %s\n", vocab_at(
			    VOCAB_REVIEW_FORMAT, i)->word, vocab_at(
			    VOCAB_REVIEW_FORMAT, i)->meaning);
		return 1;
	}
	ctl_open();
	if (db_review_get(id, &rv) != DB_OK)
		ctl_die("there is no review %lld", (long long)id);
	if (db_review_format(id, w->word) != DB_OK)
		ctl_die("cannot record the format");
	db_audit(0, "review-format", rv.child_ref);
	printf("review %lld: %s (%s)\n", (long long)id, w->label, w->meaning);
	db_close();
	return 0;
}
