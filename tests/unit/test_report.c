/*
 * Unit tests of report.c's pure parts: financial years and the period a
 * report is compared with.
 */
#include <string.h>

#include "check.h"
#include "report.h"

/* A period's comparison: its dates and kind. */
static void
prev_is(const char *from, const char *to, const char *pf, const char *pt,
    int kind)
{
	char	 a[11], b[11];

	CHECK(report_previous(from, to, a, b) == kind);
	CHECK_STR(a, pf);
	CHECK_STR(b, pt);
}

void
test_report_previous(void)
{
	char	 a[11], b[11];

	/* A whole financial year: the one before. */
	prev_is("2025-04-01", "2026-03-31", "2024-04-01", "2025-03-31",
	    REP_PREV_YEAR);
	/* A year to date: the same span of the year before. */
	prev_is("2025-04-01", "2025-11-10", "2024-04-01", "2024-11-10",
	    REP_PREV_SPAN);
	prev_is("2025-04-01", "2026-01-31", "2024-04-01", "2025-01-31",
	    REP_PREV_SPAN);
	/* 29 February against the last day of the February before. */
	prev_is("2027-04-01", "2028-02-29", "2026-04-01", "2027-02-28",
	    REP_PREV_SPAN);
	prev_is("2025-04-01", "2025-04-01", "2024-04-01", "2024-04-01",
	    REP_PREV_SPAN);
	/* Anything else: the same length just before. */
	prev_is("2025-06-01", "2025-06-30", "2025-05-02", "2025-05-31",
	    REP_PREV_BEFORE);
	prev_is("2025-04-01", "2026-04-30", "2024-03-02", "2025-03-31",
	    REP_PREV_BEFORE);
	CHECK(report_previous("2025-06-01", "2025-05-31", a, b) == -1);
	CHECK(report_previous("2025-02-30", "2025-05-31", a, b) == -1);
	CHECK(report_fy("2026-03-31") == 2025);
	CHECK(report_fy("2026-04-01") == 2026);
	CHECK(report_fy("2026-01-01") == 2025);
	CHECK(strstr(report_previous_words(REP_PREV_SPAN), "same part") !=
	    NULL);
}

void
test_report_903(void)
{
	/* Fine: 4 or over with PN1-PN7, under 4 with PN0. */
	CHECK(report_903_problem("2015-06-01", "2025-06-01", "PN1") == NULL);
	CHECK(report_903_problem("2021-06-02", "2025-06-01", "PN0") == NULL);
	/* The fourth birthday itself is 4 (440, 441). */
	CHECK(report_903_problem("2021-06-01", "2025-06-01", "PN6") == NULL);
	CHECK(report_903_problem("2021-06-01", "2025-06-01", "PN0") != NULL);
	CHECK(report_903_problem("2021-06-02", "2025-06-01", "PN7") != NULL);
	CHECK(report_903_problem("2020-02-29", "2024-02-28", "PN0") == NULL);
	CHECK(report_903_problem("2020-02-29", "2024-02-29", "PN0") != NULL);
	/* No code, a bad code, no date of birth, a bad date (166, 167). */
	CHECK(report_903_problem("2015-06-01", "2025-06-01", "") != NULL);
	CHECK(report_903_problem("2015-06-01", "2025-06-01", "PN8") != NULL);
	CHECK(report_903_problem("", "2025-06-01", "PN1") != NULL);
	CHECK(report_903_problem("2015-06-01", "2025-02-30", "PN1") != NULL);
	CHECK(report_903_problem("2026-01-01", "2025-06-01", "PN0") != NULL);
}
