/*
 * week: reading a week's file into a plan, checking it against the
 * database, and writing it in one transaction.  See week.h and README
 * "Issuing a week" (the columns, the standard set of forms).
 *
 * On floor 2: it uses consult.c, outreach.c and timetable.c beside it
 * (as consult.c uses forms.c) and floor 1 below; nothing above.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consult.h"
#include "csv.h"
#include "db.h"
#include "http.h"
#include "outreach.h"
#include "timetable.h"
#include "week.h"

/* The audiences a week's file may name contacts for. */
static const char *const week_auds[WEEK_AUDS] = { "child", "young_person",
    "care_leaver", "parent", "carer", "health", "education", "professional" };

/* The columns found on line 1; -1 where a column is absent. */
struct week_cols {
	int	 ref, date, type, iro, first, dob, lang;
	int	 contact[WEEK_AUDS], name[WEEK_AUDS];
	int	 n;
};

/* The audience word for index a (0 to WEEK_AUDS - 1). */
const char *
week_aud(int a)
{
	return a >= 0 && a < WEEK_AUDS ? week_auds[a] : "";
}

/* Record one error against a line; all are kept, none stops. */
static void
bad(struct week_plan *p, int lineno, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
bad(struct week_plan *p, int lineno, const char *fmt, ...)
{
	struct week_error *e;
	va_list		 ap;
	size_t		 i;

	p->err = xrealloc(p->err, (p->nerr + 1) * sizeof(*p->err));
	e = &p->err[p->nerr];
	e->lineno = lineno;
	e->seq = (int)p->nerr;
	va_start(ap, fmt);
	vsnprintf(e->text, sizeof(e->text), fmt, ap);	/* cut is fine */
	va_end(ap);
	p->nerr++;
	for (i = 0; i < p->n; i++)
		if (p->rv[i].lineno == lineno)
			p->rv[i].nbad++;
}

/* Read the header into c; returns 0, or -1 after recording the errors. */
static int
header(struct week_plan *p, char **f, int n, struct week_cols *c)
{
	char	 name[64];
	size_t	 before = p->nerr;
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
		else if (strcmp(f[i], "lang") == 0)
			c->lang = i;
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
			bad(p, 1, "'%.40s' is not a column of a week's file",
			    f[i]);
	}
	if (c->ref < 0)
		bad(p, 1, "the header has no column child_ref");
	if (c->date < 0)
		bad(p, 1, "the header has no column review_date");
	if (c->type < 0)
		bad(p, 1, "the header has no column review_type");
	if (c->iro < 0)
		bad(p, 1, "the header has no column iro");
	return p->nerr > before ? -1 : 0;
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
standard_set(struct week_review *w)
{
	int	 a, yp;

	if (strcmp(w->type, "cic") == 0) {
		yp = w->has[1] || (w->dob[0] != '\0' && w->date[0] != '\0' &&
		    age_on(w->dob, w->date) >= 12);
		w->want[yp ? 1 : 0] = 1;
		if (yp && w->has[0]) {	/* child_contact reaches them */
			w->has[1] = 1;
			w->kind[1] = w->kind[0];
			memcpy(w->contact[1], w->contact[0], CONTACT_MAX);
			if (w->name[1][0] == '\0')
				memcpy(w->name[1], w->name[0],
				    sizeof(w->name[1]));
			w->has[0] = 0;
			memset(w->contact[0], 0, CONTACT_MAX);
		}
		w->want[3] = w->want[4] = w->want[5] = w->want[6] = 1;
	} else
		w->want[2] = w->want[4] = w->want[7] = 1;
	for (a = 0; a < WEEK_AUDS; a++)
		if (w->has[a])
			w->want[a] = 1;
}

/* Check one data line's fields into w (already in p->rv). */
static void
check_line(struct week_plan *p, char **f, const struct week_cols *c,
    struct week_review *w)
{
	const char	*why, *v;
	int		 a, ln = w->lineno;

#define COL(i) ((i) >= 0 ? f[(i)] : "")
	v = COL(c->ref);
	if (*v == '\0' || strlen(v) > 60 || !http_field_ok(FT_LINE, v,
	    strlen(v)))
		bad(p, ln, "child_ref must be 1 to 60 characters");
	snprintf(w->ref, sizeof(w->ref), "%.60s", v);
	v = COL(c->date);
	if (!http_field_ok(FT_DATE, v, strlen(v)))
		bad(p, ln, "review_date '%.20s' is not a date as YYYY-MM-DD",
		    v);
	else
		snprintf(w->date, sizeof(w->date), "%s", v);
	v = COL(c->type);
	if (strcmp(v, "cic") != 0 && strcmp(v, "pathway") != 0)
		bad(p, ln, "review_type must be cic or pathway, not '%.20s'",
		    v);
	snprintf(w->type, sizeof(w->type), "%.15s", v);
	v = COL(c->iro);
	if (strlen(v) > 60 || !http_field_ok(FT_LINE, v, strlen(v)))
		bad(p, ln, "iro is a user name of at most 60 characters");
	else
		snprintf(w->iro, sizeof(w->iro), "%s", v);
	v = COL(c->first);
	if (*v != '\0' && (strlen(v) > 40 || strchr(v, ' ') != NULL ||
	    !http_field_ok(FT_LINE, v, strlen(v))))
		bad(p, ln, "first_name is one first name of at most 40 "
		    "characters");
	else
		snprintf(w->first, sizeof(w->first), "%s", v);
	v = COL(c->dob);
	if (*v != '\0' && !http_field_ok(FT_DATE, v, strlen(v)))
		bad(p, ln, "dob '%.20s' is not a date as YYYY-MM-DD", v);
	else if (*v != '\0' && w->date[0] != '\0' && strcmp(v, w->date) > 0)
		bad(p, ln, "dob is after the review_date");
	else
		snprintf(w->dob, sizeof(w->dob), "%s", v);
	/* The language of the child's own form (issue 17). */
	v = COL(c->lang);
	if (*v != '\0' && vocab_find(VOCAB_LANG, v) == NULL)
		bad(p, ln, "lang '%.20s' is not one of en, ar, ps, prs, ckb, "
		    "ti, vi, sq, am, cy", v);
	else if (strcmp(v, "en") != 0)
		snprintf(w->lang, sizeof(w->lang), "%s", v);
	for (a = 0; a < WEEK_AUDS; a++) {
		v = COL(c->name[a]);
		if (strlen(v) > 100 || !http_field_ok(FT_LINE, v, strlen(v)))
			bad(p, ln, "%s_name is one line of at most 100 "
			    "characters", week_auds[a]);
		else
			snprintf(w->name[a], sizeof(w->name[a]), "%s", v);
		v = COL(c->contact[a]);
		if (*v == '\0')
			continue;
		if (contact_any(v, &w->kind[a], w->contact[a], &why) == -1)
			bad(p, ln, "%s_contact: %s", week_auds[a], why);
		else
			w->has[a] = 1;
	}
#undef COL
	if (w->has[0] && w->has[1])
		bad(p, ln, "give child_contact or young_person_contact, not "
		    "both");
	standard_set(w);
}

/* Order errors by line, a line's own in the order found. */
static int
err_cmp(const void *a, const void *b)
{
	const struct week_error *x = a, *y = b;

	if (x->lineno != y->lineno)
		return x->lineno < y->lineno ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Count the forms and contacts of a plan. */
static void
count(struct week_plan *p)
{
	size_t	 i;
	int	 a;

	p->nforms = p->ncontacts = 0;
	for (i = 0; i < p->n; i++)
		for (a = 0; a < WEEK_AUDS; a++)
			if (p->rv[i].want[a]) {
				p->nforms++;
				p->ncontacts += p->rv[i].has[a];
			}
}

/*
 * Read a week's file, text[0..len) (UTF-8, a byte-order mark allowed,
 * lines ending LF or CRLF), into p, which the caller zeroes and frees
 * with week_free().  Pure: no database, no I/O.  Returns the number of
 * errors; each is in p->err with its line number, in line order.
 */
int
week_parse(const char *text, size_t len, struct week_plan *p)
{
	struct week_cols c;
	struct week_review *w;
	const char	*s = text, *end = text + len, *nl;
	char		*line, *f[WEEK_FIELDS];
	size_t		 n, i;
	int		 lineno = 0, k, have_header = 0;

	line = xmalloc(WEEK_LINE_MAX + 1);
	while (s < end) {
		lineno++;
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		n = (size_t)(nl - s);
		if (n > WEEK_LINE_MAX) {
			bad(p, lineno, "the line is longer than %d bytes",
			    WEEK_LINE_MAX);
			break;
		}
		memcpy(line, s, n);
		s = nl < end ? nl + 1 : end;
		while (n > 0 && line[n - 1] == '\r')
			n--;
		line[n] = '\0';
		if (lineno == 1 && n >= 3 &&
		    memcmp(line, "\xef\xbb\xbf", 3) == 0) {
			memmove(line, line + 3, n - 2);
			n -= 3;
		}
		if (!http_utf8_valid(line, n)) {
			bad(p, lineno, "not UTF-8 text");
			if (!have_header)
				break;
			continue;
		}
		if (!have_header) {
			if ((k = csv_split(line, f, WEEK_FIELDS)) < 0) {
				bad(p, lineno, "the header is not a line of "
				    "at most %d columns", WEEK_FIELDS);
				break;
			}
			if (header(p, f, k, &c) == -1)
				break;
			have_header = 1;
			continue;
		}
		if (n == 0)
			continue;
		k = csv_split(line, f, WEEK_FIELDS);
		if (k < 0) {
			bad(p, lineno, "a quoted field is not closed properly");
			continue;
		}
		if (k != c.n) {
			bad(p, lineno, "%d fields, the header has %d", k, c.n);
			continue;
		}
		if (p->n == WEEK_MAX_LINES) {
			bad(p, lineno, "a week's file has at most %d reviews",
			    WEEK_MAX_LINES);
			break;
		}
		p->rv = xrealloc(p->rv, (p->n + 1) * sizeof(*p->rv));
		w = &p->rv[p->n++];
		memset(w, 0, sizeof(*w));
		w->lineno = lineno;
		check_line(p, f, &c, w);
		for (i = 0; i + 1 < p->n; i++)
			if (strcmp(p->rv[i].ref, w->ref) == 0 &&
			    strcmp(p->rv[i].date, w->date) == 0 &&
			    strcmp(p->rv[i].type, w->type) == 0) {
				bad(p, lineno, "the same review as line %d",
				    p->rv[i].lineno);
				break;
			}
	}
	explicit_bzero(line, WEEK_LINE_MAX + 1);	/* it held contacts */
	free(line);
	if (lineno == 0)
		bad(p, 1, "the file is empty");
	else if (have_header && p->n == 0 && p->nerr == 0)
		bad(p, 2, "no reviews after the header");
	count(p);
	return (int)p->nerr;
}

/*
 * Check a parsed plan against the database: each IRO is a member of
 * staff with the IRO role (or, when new_iros is set, as heardctl allows,
 * a name not yet in Heard, which week_apply() adds as an IRO who cannot
 * sign in), and no review is there already.  Adds errors to p in line
 * order.  Returns the number of errors, or -1 for database trouble.
 */
int
week_check(struct week_plan *p, int new_iros)
{
	struct db_staff	 st;
	struct week_review *w;
	int64_t		 child, rid;
	size_t		 i;
	int		 rc;

	p->newiro = 0;
	for (i = 0; i < p->n; i++) {
		w = &p->rv[i];
		if (w->iro[0] != '\0') {
			rc = db_staff_get(w->iro, &st);
			if (rc == DB_OK && strcmp(st.role, "iro") != 0)
				bad(p, w->lineno, "'%s' is a member of staff "
				    "who is not an IRO", w->iro);
			else if (rc == DB_NOTFOUND && !new_iros)
				bad(p, w->lineno, "iro: there is no IRO called "
				    "'%s' in Heard; check the spelling, or "
				    "add them on the Staff page first",
				    w->iro);
			else if (rc == DB_NOTFOUND)
				p->newiro = 1;
			else if (rc != DB_OK)
				return -1;
		}
		if (w->nbad > 0)
			continue;
		if ((rc = db_child_get(w->ref, &child)) == DB_OK)
			rc = db_review_find(child, w->type, w->date, &rid);
		if (rc == DB_OK)
			bad(p, w->lineno, "%s already has a %s review on %s",
			    w->ref, w->type, w->date);
		else if (rc != DB_NOTFOUND)
			return -1;
	}
	if (p->nerr > 1)
		qsort(p->err, p->nerr, sizeof(*p->err), err_cmp);
	return (int)p->nerr;
}

/*
 * Issue one form of review w for audience a: with a contact, its
 * messages are queued from today; without, the link is issued and not
 * shown (a reissue prints one for a paper copy).  Returns DB_OK.
 */
static int
issue_one(const struct cal *cal, const struct week_review *w, int a,
    const char *today)
{
	struct consult_secret sec;
	char		 invite[CAL_YMD_LEN];
	const char	*to = w->name[a][0] != '\0' ? w->name[a] : NULL;
	int64_t		 cid;
	int		 rc;

	if (w->has[a]) {
		if ((cid = outreach_issue(cal, w->rid, week_auds[a], to,
		    w->kind[a], w->contact[a], today, invite)) == 0)
			return DB_ERR;
		rc = DB_OK;
	} else {
		rc = consult_issue_tx(w->rid, week_auds[a], "online", to, NULL,
		    NULL, NULL, &cid, &sec);
		cr_random(&sec, sizeof(sec));
	}
	/* The lang column is for the child's own form. */
	if (rc == DB_OK && w->lang[0] != '\0' &&
	    vocab_is_childs(week_auds[a]))
		rc = db_consult_set_lang(cid, w->lang);
	return rc;
}

/*
 * Write a plan without errors in one transaction: each review (its
 * child added if new, and an IRO not yet in Heard), then its forms, and
 * one audit line by staff (0: the CLI) with action and the counts, never
 * a contact.  Fills each review's rid.  Returns DB_OK, or DB_ERR with
 * nothing written.
 */
int
week_apply(const struct cal *cal, struct week_plan *p, const char *today,
    int64_t staff, const char *action)
{
	struct week_review *w;
	char		 what[128];
	int64_t		 iro, child;
	size_t		 i;
	int		 a;

	if (p->nerr > 0 || p->n == 0 || db_begin() != DB_OK)
		return DB_ERR;
	for (i = 0; i < p->n; i++) {
		w = &p->rv[i];
		iro = 0;
		if ((w->iro[0] != '\0' && db_staff_iro(w->iro, &iro) !=
		    DB_OK) ||
		    db_child_get_or_add(w->ref, iro, &child) != DB_OK ||
		    ((w->first[0] != '\0' || w->dob[0] != '\0') &&
		    consult_child_details(child, w->first[0] != '\0' ?
		    w->first : NULL, w->dob[0] != '\0' ? w->dob : NULL,
		    NULL) != DB_OK) ||
		    db_review_add(child, w->type, w->date, iro, &w->rid) !=
		    DB_OK || tt_refresh(child) != DB_OK)
			goto fail;
		for (a = 0; a < WEEK_AUDS; a++)
			if (w->want[a] && issue_one(cal, w, a, today) != DB_OK)
				goto fail;
	}
	snprintf(what, sizeof(what), "%zu review%s, %d form%s, %d with a "
	    "contact", p->n, p->n == 1 ? "" : "s", p->nforms,
	    p->nforms == 1 ? "" : "s", p->ncontacts);
	if (db_audit(staff, action, what) != DB_OK || db_commit() != DB_OK)
		goto fail;
	return DB_OK;
fail:
	db_rollback();
	for (i = 0; i < p->n; i++)
		p->rv[i].rid = 0;
	return DB_ERR;
}

/*
 * A contact shown masked on the check page, so the admin can see which
 * column went where without the page holding the list: "s***@example.org",
 * "a mobile ending 111", "an address in NT2 2BB".
 */
void
week_mask(enum contact_kind k, const char *c, char *out, size_t n)
{
	const char	*at, *bar;
	size_t		 len = strlen(c);

	switch (k) {
	case CONTACT_EMAIL:
		if ((at = strrchr(c, '@')) == NULL)
			at = "";
		snprintf(out, n, "%.1s***%s", c, at);
		break;
	case CONTACT_SMS:
		snprintf(out, n, "a mobile ending %s", len > 3 ? c + len - 3 :
		    "");
		break;
	case CONTACT_LETTER:
		bar = strrchr(c, '|');
		snprintf(out, n, "an address in %s", bar != NULL ? bar + 1 :
		    "");
		break;
	}
}

/* Free a plan, wiping the contacts it held. */
void
week_free(struct week_plan *p)
{
	if (p->rv != NULL) {
		explicit_bzero(p->rv, p->n * sizeof(*p->rv));
		free(p->rv);
	}
	free(p->err);
	memset(p, 0, sizeof(*p));
}
