/*
 * Unit tests for cal.c: dates round-trip, Easter agrees with a second
 * method, bank holidays match gov.uk's published lists, and working
 * days and due dates match what was counted by hand on a calendar.
 */
#include <stdint.h>
#include <string.h>

#include "cal.h"
#include "check.h"

#define D(y, m, d)	cal_day((y), (m), (d))

/* Days in a month, written out again so the test does not trust cal.c. */
static int
month_len(int y, int m)
{
	if (m == 2)
		return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28;
	return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
}

/*
 * Easter Sunday by Oudin's algorithm (1940), a method independent of
 * the anonymous Gregorian one in cal.c; sets *m and *d.
 */
static void
oudin(int y, int *m, int *d)
{
	int	 g = y % 19, c = y / 100, h, i, j, p;

	h = (c - c / 4 - (8 * c + 13) / 25 + 19 * g + 15) % 30;
	i = h - (h / 28) * (1 - (h / 28) * (29 / (h + 1)) *
	    ((21 - g) / 11));
	j = (y + y / 4 + i + 2 - c + c / 4) % 7;
	p = i - j;
	*d = 1 + (p + 27 + (p + 6) / 40) % 31;
	*m = 3 + (p + 26) / 30;
}

void
test_cal_dates(void)
{
	static const char *const bad[] = { "2026-02-29", "2026-2-01",
	    "2026-13-01", "", "2026-01-01x", "0000-01-01", "2026-00-10",
	    "2026-04-31", "2026/01/01", "20260101", "2026-01-0", "+026-01-01",
	    "2026-01- 1", "1900-02-29" };
	char	 ymd[CAL_YMD_LEN], words[CAL_WORDS_LEN], want[32];
	int32_t	 day, expect;
	int	 y, m, d, yy, mm, dd, wd;
	size_t	 i;

	/* Anchors: the epoch, a known weekday, both ends of the range. */
	CHECK(D(1970, 1, 1) == 0);
	CHECK(D(1969, 12, 31) == -1);
	CHECK(D(2000, 3, 1) == 11017);
	CHECK(cal_weekday(0) == 4);			/* Thursday */
	CHECK(cal_weekday(D(1900, 1, 1)) == 1);		/* Monday */
	CHECK(D(1, 1, 1) == -719162);
	CHECK(D(9999, 12, 31) == 2932896);
	CHECK(D(0, 12, 31) == CAL_NONE && D(10000, 1, 1) == CAL_NONE);
	CHECK(D(2026, 0, 1) == CAL_NONE && D(2026, 13, 1) == CAL_NONE);
	CHECK(D(2026, 1, 0) == CAL_NONE && D(2026, 1, 32) == CAL_NONE);
	CHECK(D(2024, 2, 29) != CAL_NONE && D(2025, 2, 29) == CAL_NONE);
	CHECK(D(2000, 2, 29) != CAL_NONE && D(1900, 2, 29) == CAL_NONE);

	/* Every day 1900-2100: consecutive, invertible, parse(format). */
	expect = D(1900, 1, 1);
	wd = 1;
	for (y = 1900; y <= 2100; y++)
		for (m = 1; m <= 12; m++)
			for (d = 1; d <= month_len(y, m); d++) {
				day = D(y, m, d);
				CHECK(day == expect);
				cal_ymd_of(day, &yy, &mm, &dd);
				CHECK(yy == y && mm == m && dd == d);
				CHECK(cal_weekday(day) == wd);
				cal_format(day, ymd);
				CHECK(snprintf(want, sizeof(want),
				    "%04d-%02d-%02d", y, m, d) == 10);
				CHECK(strcmp(ymd, want) == 0);
				CHECK(cal_parse(ymd) == day);
				expect = day + 1;
				wd = wd % 7 + 1;
			}
	CHECK(cal_parse("0001-01-01") == D(1, 1, 1));
	cal_format(D(1, 1, 1), ymd);
	CHECK_STR(ymd, "0001-01-01");
	cal_format(D(999, 7, 9), ymd);
	CHECK_STR(ymd, "0999-07-09");
	CHECK(cal_parse("9999-12-31") == D(9999, 12, 31));

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(cal_parse(bad[i]) == CAL_NONE);

	cal_words(D(2026, 12, 15), words);
	CHECK_STR(words, "Tuesday 15 December 2026");
	cal_words(D(2026, 9, 30), words);
	CHECK_STR(words, "Wednesday 30 September 2026");
	cal_words(D(2027, 1, 3), words);
	CHECK_STR(words, "Sunday 3 January 2027");
	cal_words(D(1969, 7, 21), words);
	CHECK_STR(words, "Monday 21 July 1969");

	/* No day in, nothing out. */
	cal_format(CAL_NONE, ymd);
	CHECK_STR(ymd, "");
	cal_words(CAL_NONE, words);
	CHECK_STR(words, "");
	cal_ymd_of(CAL_NONE, &yy, &mm, &dd);
	CHECK(yy == 0 && mm == 0 && dd == 0);
	CHECK(cal_weekday(CAL_NONE) == 0);

	/* Month ends and leap years. */
	CHECK(cal_add_months(D(2025, 1, 31), 1) == D(2025, 2, 28));
	CHECK(cal_add_months(D(2024, 1, 31), 1) == D(2024, 2, 29));
	CHECK(cal_add_months(D(1900, 1, 31), 1) == D(1900, 2, 28));
	CHECK(cal_add_months(D(2000, 1, 31), 1) == D(2000, 2, 29));
	CHECK(cal_add_months(D(2024, 2, 29), 12) == D(2025, 2, 28));
	CHECK(cal_add_months(D(2024, 2, 29), 48) == D(2028, 2, 29));
	CHECK(cal_add_months(D(2025, 8, 31), -6) == D(2025, 2, 28));
	CHECK(cal_add_months(D(2024, 8, 31), -6) == D(2024, 2, 29));
	CHECK(cal_add_months(D(2025, 11, 30), 3) == D(2026, 2, 28));
	CHECK(cal_add_months(D(2027, 11, 30), 3) == D(2028, 2, 29));
	CHECK(cal_add_months(D(2026, 3, 31), 1) == D(2026, 4, 30));
	CHECK(cal_add_months(D(2026, 12, 15), 1) == D(2027, 1, 15));
	CHECK(cal_add_months(D(2027, 1, 15), -12) == D(2026, 1, 15));
	CHECK(cal_add_months(D(2026, 1, 15), -1) == D(2025, 12, 15));
	CHECK(cal_add_months(D(2026, 7, 4), 0) == D(2026, 7, 4));
	CHECK(cal_add_months(D(2026, 7, 4), -2026 * 12) == CAL_NONE);
	CHECK(cal_add_months(D(9999, 12, 1), 1) == CAL_NONE);
	CHECK(cal_add_months(CAL_NONE, 1) == CAL_NONE);
}

void
test_cal_easter(void)
{
	static const struct {
		int	 y, m, d;
	} known[] = {
		{ 2024, 3, 31 }, { 2025, 4, 20 }, { 2026, 4, 5 },
		{ 2027, 3, 28 }, { 2038, 4, 25 }, { 2285, 3, 22 },
		{ 1943, 4, 25 }, { 1961, 4, 2 }, { 2000, 4, 23 },
	};
	int	 y, m, d;
	size_t	 i;

	for (y = 1900; y <= 2100; y++) {
		oudin(y, &m, &d);
		CHECK(cal_easter(y) == D(y, m, d));
		CHECK(cal_weekday(cal_easter(y)) == 7);
	}
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		CHECK(cal_easter(known[i].y) ==
		    D(known[i].y, known[i].m, known[i].d));
	CHECK(cal_easter(0) == CAL_NONE && cal_easter(10000) == CAL_NONE);
}

void
test_cal_holidays(void)
{
	/* gov.uk's England and Wales lists, one row a year, 0-ended. */
	static const int pub[][11][2] = {
		{ { 2019 }, { 1, 1 }, { 4, 19 }, { 4, 22 }, { 5, 6 },
		    { 5, 27 }, { 8, 26 }, { 12, 25 }, { 12, 26 } },
		{ { 2020 }, { 1, 1 }, { 4, 10 }, { 4, 13 }, { 5, 8 },
		    { 5, 25 }, { 8, 31 }, { 12, 25 }, { 12, 28 } },
		{ { 2021 }, { 1, 1 }, { 4, 2 }, { 4, 5 }, { 5, 3 },
		    { 5, 31 }, { 8, 30 }, { 12, 27 }, { 12, 28 } },
		{ { 2022 }, { 1, 3 }, { 4, 15 }, { 4, 18 }, { 5, 2 },
		    { 6, 2 }, { 6, 3 }, { 8, 29 }, { 9, 19 }, { 12, 26 },
		    { 12, 27 } },
		{ { 2023 }, { 1, 2 }, { 4, 7 }, { 4, 10 }, { 5, 1 },
		    { 5, 8 }, { 5, 29 }, { 8, 28 }, { 12, 25 }, { 12, 26 } },
		{ { 2024 }, { 1, 1 }, { 3, 29 }, { 4, 1 }, { 5, 6 },
		    { 5, 27 }, { 8, 26 }, { 12, 25 }, { 12, 26 } },
		{ { 2025 }, { 1, 1 }, { 4, 18 }, { 4, 21 }, { 5, 5 },
		    { 5, 26 }, { 8, 25 }, { 12, 25 }, { 12, 26 } },
		{ { 2026 }, { 1, 1 }, { 4, 3 }, { 4, 6 }, { 5, 4 },
		    { 5, 25 }, { 8, 31 }, { 12, 25 }, { 12, 28 } },
		{ { 2027 }, { 1, 1 }, { 3, 26 }, { 3, 29 }, { 5, 3 },
		    { 5, 31 }, { 8, 30 }, { 12, 27 }, { 12, 28 } },
	};
	/* The other one-off years, their changed days only. */
	static const int old[][3] = {
		{ 1981, 7, 29 }, { 1995, 5, 8 }, { 1999, 12, 31 },
		{ 2002, 6, 3 }, { 2002, 6, 4 }, { 2011, 4, 29 },
		{ 2012, 6, 4 }, { 2012, 6, 5 },
	};
	int32_t	 h[CAL_MAX_HOLS], day;
	size_t	 i, j, n;
	int	 y, count;

	for (i = 0; i < sizeof(pub) / sizeof(pub[0]); i++) {
		y = pub[i][0][0];
		n = cal_bank_holidays(y, h);
		for (j = 0; j < 10 && pub[i][j + 1][0] != 0; j++) {
			day = D(y, pub[i][j + 1][0], pub[i][j + 1][1]);
			CHECK(j < n && h[j] == day);
		}
		CHECK(n == j);

		/* cal_is_holiday agrees, day by day through the year. */
		count = 0;
		for (day = D(y, 1, 1); day <= D(y, 12, 31); day++)
			count += cal_is_holiday(NULL, day);
		CHECK((size_t)count == n);
		for (j = 0; j < n; j++)
			CHECK(cal_is_holiday(NULL, h[j]));
	}
	for (i = 0; i < sizeof(old) / sizeof(old[0]); i++)
		CHECK(cal_is_holiday(NULL, D(old[i][0], old[i][1],
		    old[i][2])));
	CHECK(!cal_is_holiday(NULL, D(1995, 5, 1)));
	CHECK(!cal_is_holiday(NULL, D(2002, 5, 27)));
	CHECK(!cal_is_holiday(NULL, D(2012, 5, 28)));
	CHECK(cal_bank_holidays(1999, h) == 9);
	CHECK(cal_bank_holidays(2002, h) == 9);

	/*
	 * Every year: sorted weekdays, New Year's Day or its substitute,
	 * and two days for Christmas between the 25th and the 28th.
	 */
	for (y = 1978; y <= 2100; y++) {
		n = cal_bank_holidays(y, h);
		CHECK(n >= 8 && n <= CAL_MAX_HOLS);
		count = 0;
		for (j = 0; j < n; j++) {
			CHECK(cal_weekday(h[j]) >= 1 && cal_weekday(h[j]) <= 5);
			CHECK(j == 0 || h[j - 1] < h[j]);
			count += h[j] >= D(y, 12, 25) && h[j] <= D(y, 12, 28);
		}
		CHECK(count == 2);
		CHECK(h[0] >= D(y, 1, 1) && h[0] <= D(y, 1, 3));
	}
	CHECK(cal_bank_holidays(0, h) == 0);
}

void
test_cal_workdays(void)
{
	/* A service closed on Christmas Eve, 2026 and 2027. */
	static const int32_t	 eves_days[] = { 20811, 21176 };
	static const struct cal	 eves = { eves_days, 2, NULL, 0 };
	/*
	 * An imported 2026 in which spring bank holiday moved to Friday 29
	 * May and the summer one was dropped; 2027 is computed, with
	 * closure days added on Monday 4 January and Friday 2 July.
	 */
	int32_t		 imp_days[9];
	static const int imp_years[] = { 2026 };
	struct cal	 imp = { imp_days, 9, imp_years, 1 };
	int32_t		 la = D(2026, 12, 18);

	CHECK(eves_days[0] == D(2026, 12, 24));
	CHECK(eves_days[1] == D(2027, 12, 24));
	imp_days[0] = D(2026, 1, 1);
	imp_days[1] = D(2026, 4, 3);
	imp_days[2] = D(2026, 4, 6);
	imp_days[3] = D(2026, 5, 4);
	imp_days[4] = D(2026, 5, 29);
	imp_days[5] = D(2026, 12, 25);
	imp_days[6] = D(2026, 12, 28);
	imp_days[7] = D(2027, 1, 4);
	imp_days[8] = D(2027, 7, 2);

	/*
	 * Looked after from Friday 18 December 2026.  Working days: 21, 22,
	 * 23, 24 (4); 25 and 28 holidays; 29, 30, 31 (7); 1 January a
	 * holiday; 4-8 (12), 11-15 (17), 18, 19, 20 (20).
	 */
	CHECK(cal_add_workdays(NULL, la, 1) == D(2026, 12, 21));
	CHECK(cal_add_workdays(NULL, la, 4) == D(2026, 12, 24));
	CHECK(cal_add_workdays(NULL, la, 5) == D(2026, 12, 29));
	CHECK(cal_add_workdays(NULL, la, 7) == D(2026, 12, 31));
	CHECK(cal_add_workdays(NULL, la, 8) == D(2027, 1, 4));
	CHECK(cal_add_workdays(NULL, la, 20) == D(2027, 1, 20));
	/* Closed on Christmas Eve too: one more day. */
	CHECK(cal_add_workdays(&eves, la, 4) == D(2026, 12, 29));
	CHECK(cal_add_workdays(&eves, la, 20) == D(2027, 1, 21));
	CHECK(!cal_is_workday(&eves, D(2026, 12, 24)));
	CHECK(cal_is_workday(NULL, D(2026, 12, 24)));
	CHECK(cal_is_holiday(&eves, D(2026, 12, 25)));	/* still computed */

	/* Backwards across the same Christmas, and n == 0. */
	CHECK(cal_add_workdays(NULL, D(2027, 1, 4), -1) == D(2026, 12, 31));
	CHECK(cal_add_workdays(NULL, D(2027, 1, 4), -4) == D(2026, 12, 24));
	CHECK(cal_add_workdays(NULL, D(2026, 12, 29), -1) ==
	    D(2026, 12, 24));
	CHECK(cal_add_workdays(NULL, D(2027, 1, 20), -20) == la);
	CHECK(cal_add_workdays(NULL, D(2026, 12, 26), 0) == D(2026, 12, 26));
	CHECK(cal_add_workdays(NULL, D(2026, 12, 25), 1) == D(2026, 12, 29));
	CHECK(cal_add_workdays(NULL, D(2026, 12, 25), -1) ==
	    D(2026, 12, 24));

	/*
	 * Easter 2026: Good Friday 3 April, Easter Monday 6 April.  From
	 * Wednesday 1 April: Thursday 2 (1), Tuesday 7 (2) ... Friday 10 (5).
	 */
	CHECK(cal_add_workdays(NULL, D(2026, 4, 1), 1) == D(2026, 4, 2));
	CHECK(cal_add_workdays(NULL, D(2026, 4, 1), 2) == D(2026, 4, 7));
	CHECK(cal_add_workdays(NULL, D(2026, 4, 1), 5) == D(2026, 4, 10));
	CHECK(cal_add_workdays(NULL, D(2026, 4, 4), 1) == D(2026, 4, 7));
	CHECK(cal_add_workdays(NULL, D(2026, 4, 7), -1) == D(2026, 4, 2));
	CHECK(cal_add_workdays(NULL, D(2026, 4, 7), -3) == D(2026, 3, 31));

	/* The imported year replaces the computed one entirely. */
	CHECK(cal_is_holiday(NULL, D(2026, 5, 25)));
	CHECK(!cal_is_holiday(&imp, D(2026, 5, 25)));
	CHECK(cal_is_workday(&imp, D(2026, 5, 25)));
	CHECK(cal_is_holiday(&imp, D(2026, 5, 29)));
	CHECK(!cal_is_holiday(NULL, D(2026, 5, 29)));
	CHECK(!cal_is_holiday(&imp, D(2026, 8, 31)));	/* dropped */
	CHECK(cal_is_holiday(&imp, D(2026, 12, 28)));
	/* 2027 is not imported: computed days plus the listed ones. */
	CHECK(cal_is_holiday(&imp, D(2027, 1, 1)));
	CHECK(cal_is_holiday(&imp, D(2027, 5, 31)));
	CHECK(cal_is_holiday(&imp, D(2027, 7, 2)));
	CHECK(!cal_is_holiday(&imp, D(2027, 7, 1)));
	/* Friday 22 May 2026: 25th is a working day, 29th is not. */
	CHECK(cal_add_workdays(NULL, D(2026, 5, 22), 4) == D(2026, 5, 29));
	CHECK(cal_add_workdays(&imp, D(2026, 5, 22), 4) == D(2026, 5, 28));
	CHECK(cal_add_workdays(&imp, D(2026, 5, 22), 5) == D(2026, 6, 1));
	/* Across into computed 2027: 1 January and 4 January are off. */
	CHECK(cal_add_workdays(&imp, D(2026, 12, 31), 1) == D(2027, 1, 5));

	/* No day, and off the end of the calendar. */
	CHECK(cal_add_workdays(NULL, CAL_NONE, 1) == CAL_NONE);
	CHECK(cal_add_workdays(NULL, D(9999, 12, 31), 1) == CAL_NONE);
	CHECK(cal_add_workdays(NULL, D(1, 1, 1), -1) == CAL_NONE);
	CHECK(!cal_is_workday(NULL, CAL_NONE));
	CHECK(!cal_is_holiday(NULL, CAL_NONE));
}

void
test_cal_due(void)
{
	static const int32_t	 eve[] = { 20811 };	/* 2026-12-24 */
	static const struct cal	 c = { eve, 1, NULL, 0 };

	/* First review: 20 working days over Christmas (see workdays). */
	CHECK(cal_due(NULL, CAL_CIC, 1, D(2026, 12, 18)) == D(2027, 1, 20));
	CHECK(cal_due(&c, CAL_CIC, 1, D(2026, 12, 18)) == D(2027, 1, 21));
	/* Looked after on a Saturday: Monday is the first working day. */
	CHECK(cal_due(NULL, CAL_CIC, 1, D(2026, 3, 7)) == D(2026, 4, 7));
	/* Second: 3 months; third on: 6 months; never off a weekend. */
	CHECK(cal_due(NULL, CAL_CIC, 2, D(2027, 1, 20)) == D(2027, 4, 20));
	CHECK(cal_due(NULL, CAL_CIC, 2, D(2026, 11, 21)) == D(2027, 2, 21));
	CHECK(cal_weekday(D(2027, 2, 21)) == 7);
	CHECK(cal_due(NULL, CAL_CIC, 2, D(2025, 11, 30)) == D(2026, 2, 28));
	CHECK(cal_due(NULL, CAL_CIC, 3, D(2027, 4, 15)) == D(2027, 10, 15));
	CHECK(cal_due(NULL, CAL_CIC, 7, D(2025, 8, 31)) == D(2026, 2, 28));
	CHECK(cal_due(NULL, CAL_CIC, 3, D(2026, 12, 25)) == D(2027, 6, 25));
	/* Pathway plans: 6 months every time, the first included. */
	CHECK(cal_due(NULL, CAL_PATHWAY, 1, D(2025, 8, 31)) ==
	    D(2026, 2, 28));
	CHECK(cal_due(NULL, CAL_PATHWAY, 2, D(2027, 8, 31)) ==
	    D(2028, 2, 29));
	CHECK(cal_due(NULL, CAL_PATHWAY, 3, D(2026, 12, 15)) ==
	    D(2027, 6, 15));
	/* Bad input. */
	CHECK(cal_due(NULL, CAL_CIC, 0, D(2026, 1, 1)) == CAL_NONE);
	CHECK(cal_due(NULL, CAL_PATHWAY, -1, D(2026, 1, 1)) == CAL_NONE);
	CHECK(cal_due(NULL, CAL_CIC, 1, CAL_NONE) == CAL_NONE);
	CHECK(cal_due(NULL, CAL_PATHWAY, 2, CAL_NONE) == CAL_NONE);
	CHECK(cal_due(NULL, (enum cal_review)99, 2, D(2026, 1, 1)) ==
	    CAL_NONE);
}
