/*
 * ctl_week: heardctl import-week FILE.csv, a week of reviews in one go.
 * Every line is checked before anything is written, and every error is
 * reported with its line number; then, in one transaction, each line
 * becomes a review with the standard set of forms for its type, each
 * with its contact and its messages queued.  All or nothing.
 *
 * Columns (README "Issuing a week"): child_ref, review_date,
 * review_type, iro; optional first_name, dob; and per audience
 * AUDIENCE_contact (an email address, a UK mobile number, or an
 * address with '|' between lines) and AUDIENCE_name (who it is for).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal.h"
#include "consult.h"
#include "contact.h"
#include "csv.h"
#include "ctl.h"
#include "db.h"
#include "forms.h"
#include "http.h"
#include "outreach.h"
#include "timetable.h"

#define WEEK_FIELDS	40
#define WEEK_AUDS	8
#define WEEK_MAX_LINES	2000

/* The audiences a week's file may name contacts for. */
static const char *const week_auds[WEEK_AUDS] = { "child", "young_person",
    "care_leaver", "parent", "carer", "health", "education", "professional" };

/* One line of the file, checked. */
struct week_line {
	int		 lineno;
	char		 ref[64];
	char		 date[11];
	char		 type[16];
	char		 iro[64];
	char		 first[48];
	char		 dob[11];
	int		 want[WEEK_AUDS];	/* issue this audience */
	int		 has[WEEK_AUDS];	/* with a contact */
	enum contact_kind kind[WEEK_AUDS];
	char		 contact[WEEK_AUDS][CONTACT_MAX];
	char		 name[WEEK_AUDS][104];
};

/* The columns found on line 1. */
struct week_cols {
	int	 ref, date, type, iro, first, dob;
	int	 contact[WEEK_AUDS], name[WEEK_AUDS];
	int	 n;
};

static int	 nerrors;

/* Report one error against a line; all are reported, none stops. */
static void
bad(int lineno, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
bad(int lineno, const char *fmt, ...)
{
	va_list	 ap;

	fprintf(stderr, "line %d: ", lineno);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	nerrors++;
}

/* Read the header; returns 0, or -1 after reporting what is wrong. */
static int
header(char **f, int n, struct week_cols *c)
{
	char	 name[64];
	int	 i, a, known;

	memset(c, -1, sizeof(*c));
	c->n = n;
	for (i = 0; i < n; i++) {
		known = 1;
		if (strcmp(f[i], "child_ref") == 0)
			c->ref = i;
		else if (strcmp(f[i], "review_date") == 0)
			c->date = i;
		else if (strcmp(f[i], "review_type") == 0)
			c->type = i;
		else if (strcmp(f[i], "iro") == 0)
			c->iro = i;
		else if (strcmp(f[i], "first_name") == 0)
			c->first = i;
		else if (strcmp(f[i], "dob") == 0)
			c->dob = i;
		else {
			known = 0;
			for (a = 0; a < WEEK_AUDS; a++) {
				snprintf(name, sizeof(name), "%s_contact",
				    week_auds[a]);
				if (strcmp(f[i], name) == 0) {
					c->contact[a] = i;
					known = 1;
				}
				snprintf(name, sizeof(name), "%s_name",
				    week_auds[a]);
				if (strcmp(f[i], name) == 0) {
					c->name[a] = i;
					known = 1;
				}
			}
		}
		if (!known)
			bad(1, "'%.40s' is not a column of a week's file", f[i]);
	}
	if (c->ref < 0)
		bad(1, "the header has no column child_ref");
	if (c->date < 0)
		bad(1, "the header has no column review_date");
	if (c->type < 0)
		bad(1, "the header has no column review_type");
	if (c->iro < 0)
		bad(1, "the header has no column iro");
	return nerrors > 0 ? -1 : 0;
}

/* Whole years from dob to day, both YYYY-MM-DD. */
static int
age_on(const char *dob, const char *day)
{
	int	 y = atoi(day) - atoi(dob);

	if (strcmp(day + 5, dob + 5) < 0)
		y--;
	return y;
}

/*
 * The standard set: for a cic review the child's own form (young_person
 * from 12 when the date of birth is known, else child), parent, carer,
 * health and education; for a pathway review care_leaver, carer and
 * professional.  Any other audience with a contact is issued too.
 */
static void
standard_set(struct week_line *w)
{
	int	 a, yp;

	if (strcmp(w->type, "cic") == 0) {
		yp = w->has[1] || (w->dob[0] != '\0' &&
		    age_on(w->dob, w->date) >= 12);
		w->want[yp ? 1 : 0] = 1;
		if (yp && w->has[0]) {	/* child_contact reaches them */
			w->has[1] = 1;
			w->kind[1] = w->kind[0];
			memcpy(w->contact[1], w->contact[0], CONTACT_MAX);
			if (w->name[1][0] == '\0')
				memcpy(w->name[1], w->name[0], sizeof(w->name[1]));
			w->has[0] = 0;
		}
		w->want[3] = w->want[4] = w->want[5] = w->want[6] = 1;
	} else
		w->want[2] = w->want[4] = w->want[7] = 1;
	for (a = 0; a < WEEK_AUDS; a++)
		if (w->has[a])
			w->want[a] = 1;
}

/* Check one data line into w; errors are reported with its number. */
static void
check_line(char **f, const struct week_cols *c, struct week_line *w)
{
	struct db_staff	 s;
	const char	*why, *v;
	int		 a, before = nerrors;
	int64_t		 child, rid;

#define COL(i) ((i) >= 0 ? f[(i)] : "")
	v = COL(c->ref);
	if (*v == '\0' || strlen(v) > 60 || !http_field_ok(FT_LINE, v,
	    strlen(v)))
		bad(w->lineno, "child_ref must be 1 to 60 characters");
	snprintf(w->ref, sizeof(w->ref), "%s", v);
	v = COL(c->date);
	if (!http_field_ok(FT_DATE, v, strlen(v)))
		bad(w->lineno, "review_date '%.20s' is not a date as "
		    "YYYY-MM-DD", v);
	snprintf(w->date, sizeof(w->date), "%s", v);
	v = COL(c->type);
	if (strcmp(v, "cic") != 0 && strcmp(v, "pathway") != 0)
		bad(w->lineno, "review_type must be cic or pathway, not "
		    "'%.20s'", v);
	snprintf(w->type, sizeof(w->type), "%s", v);
	v = COL(c->iro);
	if (strlen(v) > 60 || !http_field_ok(FT_LINE, v, strlen(v)))
		bad(w->lineno, "iro is a user name of at most 60 characters");
	else if (*v != '\0' && db_staff_get(v, &s) == DB_OK &&
	    strcmp(s.role, "iro") != 0)
		bad(w->lineno, "'%s' is a member of staff who is not an IRO", v);
	snprintf(w->iro, sizeof(w->iro), "%s", v);
	v = COL(c->first);
	if (*v != '\0' && (strlen(v) > 40 || strchr(v, ' ') != NULL ||
	    !http_field_ok(FT_LINE, v, strlen(v))))
		bad(w->lineno, "first_name is one first name of at most 40 "
		    "characters");
	snprintf(w->first, sizeof(w->first), "%s", v);
	v = COL(c->dob);
	if (*v != '\0' && !http_field_ok(FT_DATE, v, strlen(v)))
		bad(w->lineno, "dob '%.20s' is not a date as YYYY-MM-DD", v);
	else if (*v != '\0' && strcmp(v, w->date) > 0)
		bad(w->lineno, "dob is after the review_date");
	snprintf(w->dob, sizeof(w->dob), "%s", v);
	for (a = 0; a < WEEK_AUDS; a++) {
		v = COL(c->name[a]);
		if (strlen(v) > 100 || !http_field_ok(FT_LINE, v, strlen(v)))
			bad(w->lineno, "%s_name is one line of at most 100 "
			    "characters", week_auds[a]);
		snprintf(w->name[a], sizeof(w->name[a]), "%s", v);
		v = COL(c->contact[a]);
		if (*v == '\0')
			continue;
		if (contact_any(v, &w->kind[a], w->contact[a], &why) == -1)
			bad(w->lineno, "%s_contact: %s", week_auds[a], why);
		else
			w->has[a] = 1;
	}
#undef COL
	if (w->has[0] && w->has[1])
		bad(w->lineno, "give child_contact or young_person_contact, "
		    "not both");
	if (nerrors == before && db_child_get(w->ref, &child) ==
	    DB_OK && db_review_find(child, w->type, w->date, &rid) == DB_OK)
		bad(w->lineno, "%s already has a %s review on %s", w->ref,
		    w->type, w->date);
	standard_set(w);
}

/* Read and check the whole file; returns the lines (caller frees). */
static struct week_line *
read_week(const char *path, size_t *n)
{
	FILE		*fp;
	char		 line[8192], *f[WEEK_FIELDS];
	struct week_cols c;
	struct week_line *v = NULL;
	size_t		 len, i;
	int		 lineno = 0, k, have_header = 0;

	*n = 0;
	if ((fp = fopen(path, "r")) == NULL)
		ctl_die("%s: %s", path, strerror(errno));
	while (fgets(line, sizeof(line), fp) != NULL) {
		lineno++;
		len = strlen(line);
		if (len == sizeof(line) - 1 && line[len - 1] != '\n') {
			bad(lineno, "too long");
			break;
		}
		while (len > 0 && (line[len - 1] == '\n' ||
		    line[len - 1] == '\r'))
			line[--len] = '\0';
		if (lineno == 1 && strncmp(line, "\xef\xbb\xbf", 3) == 0)
			memmove(line, line + 3, len - 2);
		if (!http_utf8_valid(line, strlen(line))) {
			bad(lineno, "not UTF-8 text");
			continue;
		}
		if (!have_header) {
			if ((k = csv_split(line, f, WEEK_FIELDS)) < 0 ||
			    header(f, k, &c) == -1)
				break;
			have_header = 1;
			continue;
		}
		if (line[0] == '\0')
			continue;
		k = csv_split(line, f, WEEK_FIELDS);
		if (k < 0) {
			bad(lineno, "a quoted field is not closed properly");
			continue;
		}
		if (k != c.n) {
			bad(lineno, "%d fields, the header has %d", k, c.n);
			continue;
		}
		if (*n == WEEK_MAX_LINES) {
			bad(lineno, "a week's file has at most %d reviews",
			    WEEK_MAX_LINES);
			break;
		}
		v = xrealloc(v, (*n + 1) * sizeof(*v));
		memset(&v[*n], 0, sizeof(v[*n]));
		v[*n].lineno = lineno;
		check_line(f, &c, &v[*n]);
		for (i = 0; i < *n; i++)
			if (strcmp(v[i].ref, v[*n].ref) == 0 &&
			    strcmp(v[i].date, v[*n].date) == 0 &&
			    strcmp(v[i].type, v[*n].type) == 0)
				bad(lineno, "the same review as line %d",
				    v[i].lineno);
		(*n)++;
	}
	fclose(fp);
	if (lineno == 0)
		bad(1, "the file is empty");
	else if (have_header && *n == 0 && nerrors == 0)
		bad(2, "no reviews after the header");
	return v;
}

/* Write one checked line; returns 0, or -1 (the caller rolls back). */
static int
write_line(const struct cal *cal, const struct week_line *w, int *nc,
    int *nq)
{
	struct consult_secret sec;
	char		 invite[CAL_YMD_LEN];
	int64_t		 iro = 0, child, rid, cid;
	int		 a;

	if ((w->iro[0] != '\0' && db_staff_iro(w->iro, &iro) != DB_OK) ||
	    db_child_get_or_add(w->ref, iro, &child) != DB_OK ||
	    ((w->first[0] != '\0' || w->dob[0] != '\0') &&
	    consult_child_details(child, w->first[0] != '\0' ? w->first :
	    NULL, w->dob[0] != '\0' ? w->dob : NULL, NULL) != DB_OK) ||
	    db_review_add(child, w->type, w->date, iro, &rid) != DB_OK ||
	    tt_refresh(child) != DB_OK)
		return -1;
	printf("line %d: review %lld for %s on %s:", w->lineno,
	    (long long)rid, w->ref, w->date);
	for (a = 0; a < WEEK_AUDS; a++) {
		if (!w->want[a])
			continue;
		if (w->has[a]) {
			cid = outreach_issue(cal, rid, week_auds[a],
			    w->name[a][0] != '\0' ? w->name[a] : NULL,
			    w->kind[a], w->contact[a], ctl_today(), invite);
			if (cid == 0)
				return -1;
			printf(" %s (%s)", week_auds[a],
			    contact_kind_name(w->kind[a]));
			(*nq)++;
		} else {
			if (consult_issue_tx(rid, week_auds[a], "online",
			    w->name[a][0] != '\0' ? w->name[a] : NULL, NULL,
			    NULL, NULL, &cid, &sec) != DB_OK)
				return -1;
			cr_random(&sec, sizeof(sec));
			printf(" %s (no contact)", week_auds[a]);
		}
		(*nc)++;
	}
	printf("\n");
	return 0;
}

/* heardctl import-week FILE.csv */
int
ctl_import_week(int argc, char *argv[])
{
	struct week_line *v;
	struct cal	 cal;
	size_t		 n, i;
	int		 nc = 0, nq = 0;

	if (argc != 3)
		ctl_die("usage: heardctl import-week FILE.csv");
	ctl_open();
	if (tt_cal(&cal) == -1)
		ctl_die("cannot read the holidays");
	v = read_week(argv[2], &n);
	if (nerrors > 0) {
		fprintf(stderr, "%d error%s; nothing was imported.\n", nerrors,
		    nerrors == 1 ? "" : "s");
		free(v);
		db_close();
		return 1;
	}
	if (db_begin() != DB_OK)
		ctl_die("the database is busy; try again");
	for (i = 0; i < n; i++)
		if (write_line(&cal, &v[i], &nc, &nq) == -1) {
			db_rollback();
			ctl_die("line %d: cannot store the review; nothing was "
			    "imported", v[i].lineno);
		}
	if (db_audit(0, "import-week", argv[2]) != DB_OK ||
	    db_commit() != DB_OK)
		ctl_die("the import could not be saved; nothing was imported");
	for (i = 0; i < n; i++)
		cr_random(v[i].contact, sizeof(v[i].contact));
	free(v);
	printf("imported %zu review%s and %d consultation%s; %d with a "
	    "contact, their messages queued\n", n, n == 1 ? "" : "s", nc,
	    nc == 1 ? "" : "s", nq);
	db_close();
	return 0;
}
