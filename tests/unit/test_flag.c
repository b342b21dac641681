/*
 * test_flag: the one-working-day rule of safeguarding flags (Working
 * Together to Safeguard Children 2023: a decision within one working
 * day), the check's --now clock, and the forms' help-now lines.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cal.h"
#include "check.h"
#include "flag.h"
#include "forms.h"

/* A local time, as flag.c reads --now. */
static int64_t
at(int y, int mo, int d, int h, int mi)
{
	struct tm	 tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

void
test_flag_deadline(void)
{
	struct cal	 c;
	char		 w[FLAG_TIME_LEN], hrs[32];

	memset(&c, 0, sizeof(c));	/* England's computed bank holidays */
	/* A working day: the same time the next working day. */
	CHECK(flag_deadline(&c, at(2026, 11, 25, 9, 15)) ==
	    at(2026, 11, 26, 9, 15));
	/* Friday to Monday, not Saturday. */
	CHECK(flag_deadline(&c, at(2026, 11, 27, 14, 0)) ==
	    at(2026, 11, 30, 14, 0));
	/* A bank holiday Monday (31 August 2026) is skipped. */
	CHECK(flag_deadline(&c, at(2026, 8, 28, 10, 30)) ==
	    at(2026, 9, 1, 10, 30));
	/* Christmas: Thursday 24 December 2026 to Tuesday 29th (25th a
	 * Friday, Boxing Day substitute Monday 28th). */
	CHECK(flag_deadline(&c, at(2026, 12, 24, 16, 0)) ==
	    at(2026, 12, 29, 16, 0));
	/* Raised on a day off: the end of the next working day. */
	CHECK(flag_deadline(&c, at(2026, 11, 28, 11, 0)) ==
	    at(2026, 12, 1, 0, 0));
	CHECK(flag_parse_time("2026-11-30T14:00") == at(2026, 11, 30, 14, 0));
	CHECK(flag_parse_time("2026-11-30 14:00") == -1);
	CHECK(flag_parse_time("2026-11-30T24:00") == -1);
	CHECK(flag_parse_time("2026-02-30T10:00") == -1);
	CHECK(flag_parse_time(NULL) == -1);
	flag_time_words(at(2026, 11, 27, 14, 5), w);
	CHECK_STR(w, "Friday 27 November 2026, 14:05");
	flag_hours(0, 3600, hrs, sizeof(hrs));
	CHECK_STR(hrs, "1.0 hour");
	flag_hours(0, 95 * 60, hrs, sizeof(hrs));
	CHECK_STR(hrs, "1.6 hours");
}

void
test_forms_help(void)
{
	struct form	 f;
	char		 err[256];
	const char	*ok = "form: parent\ntitle: T\npage: P\nhelp: One.\n"
	    "help: Two.\nq: a\ntype: short\nlabel: A\n";
	const char	*early = "form: parent\ntitle: T\nhelp: One.\npage: P\n"
	    "q: a\ntype: short\nlabel: A\n";
	const char	*many = "form: parent\ntitle: T\npage: P\nhelp: 1\n"
	    "help: 2\nhelp: 3\nhelp: 4\nhelp: 5\nhelp: 6\nhelp: 7\n";

	CHECK(form_parse("t", ok, strlen(ok), NULL, &f, err, sizeof(err)) == 0);
	CHECK(f.npages == 1 && f.pages[0].nhelp == 2);
	if (f.npages == 1 && f.pages[0].nhelp == 2)
		CHECK_STR(f.pages[0].help[1], "Two.");
	form_free(&f);
	CHECK(form_parse("t", early, strlen(early), NULL, &f, err,
	    sizeof(err)) == -1);
	CHECK(strstr(err, "t:3:") != NULL && strstr(err, "help") != NULL);
	CHECK(form_parse("t", many, strlen(many), NULL, &f, err,
	    sizeof(err)) == -1);
	CHECK(strstr(err, "t:10:") != NULL);
}
