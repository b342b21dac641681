/*
 * ctl_week: heardctl import-week FILE.csv, a week of reviews in one go.
 * The reading, checking and writing are week.c's, shared with the
 * admin's Issue a week page; this file reads the file and prints.
 * Every error is reported with its line number, and nothing is written
 * unless every line is good.  An IRO not yet in Heard is added (one who
 * cannot sign in until given a password), as heardctl review add does.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "ctl.h"
#include "db.h"
#include "timetable.h"
#include "week.h"

/* Print what was created, one line per review (no contacts). */
static void
print_made(const struct week_plan *p)
{
	const struct week_review *w;
	size_t	 i;
	int	 a;

	for (i = 0; i < p->n; i++) {
		w = &p->rv[i];
		printf("line %d: review %lld for %s on %s:", w->lineno,
		    (long long)w->rid, w->ref, w->date);
		for (a = 0; a < WEEK_AUDS; a++)
			if (w->want[a])
				printf(" %s (%s)", week_aud(a), w->has[a] ?
				    contact_kind_name(w->kind[a]) :
				    "no contact");
		printf("\n");
	}
}

/* heardctl import-week FILE.csv */
int
ctl_import_week(int argc, char *argv[])
{
	struct week_plan p = { 0 };
	struct buf	 text = { 0 };
	struct cal	 cal;
	size_t		 i;
	int		 nerr;

	if (argc != 3)
		ctl_die("usage: heardctl import-week FILE.csv");
	ctl_open();
	if (tt_cal(&cal) == -1)
		ctl_die("cannot read the holidays");
	ctl_slurp(argv[2], &text, 0);
	week_parse(text.data == NULL ? "" : text.data, text.len, &p);
	if (text.data != NULL)
		explicit_bzero(text.data, text.len);
	buf_free(&text);
	if ((nerr = week_check(&p, 1)) == -1)
		ctl_die("cannot read the database");
	if (nerr > 0) {
		for (i = 0; i < p.nerr; i++)
			fprintf(stderr, "line %d: %s\n", p.err[i].lineno,
			    p.err[i].text);
		fprintf(stderr, "%d error%s; nothing was imported.\n", nerr,
		    nerr == 1 ? "" : "s");
		week_free(&p);
		db_close();
		return 1;
	}
	if (week_apply(&cal, &p, ctl_today(), 0, "import-week") != DB_OK)
		ctl_die("the import could not be saved; nothing was imported");
	print_made(&p);
	printf("imported %zu review%s and %d consultation%s; %d with a "
	    "contact, their messages queued\n", p.n, p.n == 1 ? "" : "s",
	    p.nforms, p.nforms == 1 ? "" : "s", p.ncontacts);
	week_free(&p);
	db_close();
	return 0;
}
