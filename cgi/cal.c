/*
 * cal: calendar dates, England and Wales working days and the statutory
 * timetable of reviews.  Pure functions: no I/O, no allocation, no
 * clock, nothing static that changes.
 *
 * Semantics:
 * - A day is the number of days since 1970-01-01, negative before it,
 *   on the proleptic Gregorian calendar.  Only days of the years 1 to
 *   9999 are days at all: anything outside, CAL_NONE included, is "no
 *   day", and every function passes it through as CAL_NONE (or 0, or
 *   an empty string).
 * - cal_add_months() keeps the day of the month; a day the target month
 *   lacks becomes its last day, so 3 months after 30 November 2025 is
 *   28 February 2026, and after 30 November 2027 is 29 February 2028.
 * - Bank holidays are England and Wales's: New Year's Day, Good Friday,
 *   Easter Monday, the first Monday of May, the last Monday of May, the
 *   last Monday of August, Christmas Day and Boxing Day, a weekend one
 *   moved to the next weekday not already a holiday, plus the one-off
 *   changes in the table below.  These are the rules since 1978; earlier
 *   years get them too, which is wrong for them but harmless here.
 * - A working day is Monday to Friday and not a holiday (cal_is_holiday:
 *   the bank holidays, or an imported list, plus closure days).
 * - cal_add_workdays(c, day, n) is the n-th working day after day (n >
 *   0), the |n|-th before it (n < 0), or day itself (n == 0); day itself
 *   is never counted.
 * - cal_due() is the last permitted day of a review (reg 33): a child's
 *   first review within 20 working days of becoming looked after, the
 *   second within 3 months of the first, each later one within 6 months
 *   of the one before; a care leaver's pathway review within 6 months of
 *   the one before.  A due date on a weekend is not moved: the regulations
 *   count months, not working days.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

#include "cal.h"

#define DAY_MIN		(-719162)	/* 0001-01-01 */
#define DAY_MAX		2932896		/* 9999-12-31 */

/*
 * The one-off changes to England and Wales bank holidays by royal
 * proclamation.  A row with a `from` month moves that regular holiday
 * to m/d; a row without one (from 0) adds m/d.
 */
static const struct {
	int	y;
	int	fm, fd;		/* the regular holiday moved, or 0, 0 */
	int	m, d;		/* the day it falls on instead, or the extra */
} oneoffs[] = {
	{ 1981, 0, 0, 7, 29 },		/* royal wedding */
	{ 1995, 5, 1, 5, 8 },		/* early May, for VE Day's 50th */
	{ 1999, 0, 0, 12, 31 },		/* the millennium */
	{ 2002, 5, 27, 6, 4 },		/* spring, for the Golden Jubilee */
	{ 2002, 0, 0, 6, 3 },		/* Golden Jubilee */
	{ 2011, 0, 0, 4, 29 },		/* royal wedding */
	{ 2012, 5, 28, 6, 4 },		/* spring, for the Diamond Jubilee */
	{ 2012, 0, 0, 6, 5 },		/* Diamond Jubilee */
	{ 2020, 5, 4, 5, 8 },		/* early May, for VE Day's 75th */
	{ 2022, 5, 30, 6, 2 },		/* spring, for the Platinum Jubilee */
	{ 2022, 0, 0, 6, 3 },		/* Platinum Jubilee */
	{ 2022, 0, 0, 9, 19 },		/* the Queen's state funeral */
	{ 2023, 0, 0, 5, 8 },		/* the King's coronation */
};

static const char *const wdays[] = { "Monday", "Tuesday", "Wednesday",
    "Thursday", "Friday", "Saturday", "Sunday" };
static const char *const months[] = { "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October",
    "November", "December" };

/* Whether day is a day at all (in the years 1 to 9999). */
static int
valid(int32_t day)
{
	return day >= DAY_MIN && day <= DAY_MAX;
}

/* The number of days in month m (1-12) of year y. */
static int
mdays(int y, int m)
{
	static const int n[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		return 29;
	return n[m - 1];
}

/*
 * The day of year y, month m, day of month d, or CAL_NONE if that is not
 * a date of the years 1 to 9999.  Counts from 1 March so that the leap
 * day falls at the end of the counted year (H. Hinnant's
 * days_from_civil).
 */
int32_t
cal_day(int y, int m, int d)
{
	int	 era, yoe, doy, doe;

	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > mdays(y, m))
		return CAL_NONE;
	y -= m <= 2;
	era = y / 400;			/* y >= 0 here, so no floor needed */
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/*
 * Set *y, *m, *d to the date of day, the inverse of cal_day(); all three
 * are 0 if day is not a day.
 */
void
cal_ymd_of(int32_t day, int *y, int *m, int *d)
{
	int32_t	 z, era, doe, yoe, doy, mp;

	if (!valid(day)) {
		*y = *m = *d = 0;
		return;
	}
	z = day + 719468;		/* >= 0 for every valid day */
	era = z / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

/*
 * The day written "YYYY-MM-DD", exactly: ten characters, digits where
 * digits belong, a real date.  Returns CAL_NONE for anything else.
 */
int32_t
cal_parse(const char *s)
{
	int	 i, v[3] = { 0, 0, 0 }, f = 0;

	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return CAL_NONE;
			f++;
		} else if (s[i] >= '0' && s[i] <= '9')
			v[f] = v[f] * 10 + (s[i] - '0');
		else
			return CAL_NONE;	/* a NUL too: short string */
	}
	if (s[10] != '\0')
		return CAL_NONE;
	return cal_day(v[0], v[1], v[2]);
}

/* Write day as "YYYY-MM-DD" into out; "" if it is not a day. */
void
cal_format(int32_t day, char out[CAL_YMD_LEN])
{
	int	 y, m, d;

	cal_ymd_of(day, &y, &m, &d);
	if (y == 0 || snprintf(out, CAL_YMD_LEN, "%04d-%02d-%02d", y, m,
	    d) != CAL_YMD_LEN - 1)
		out[0] = '\0';
}

/*
 * Write day in words, "Tuesday 15 December 2026", into out; "" if it is
 * not a day.
 */
void
cal_words(int32_t day, char out[CAL_WORDS_LEN])
{
	int	 y, m, d, n;

	cal_ymd_of(day, &y, &m, &d);
	if (y == 0)
		n = -1;
	else	/* the longest, "Wednesday 30 September 2026", is 27 */
		n = snprintf(out, CAL_WORDS_LEN, "%s %d %s %d",
		    wdays[cal_weekday(day) - 1], d, months[m - 1], y);
	if (n < 0 || n >= CAL_WORDS_LEN)
		out[0] = '\0';
}

/* The ISO weekday of day, 1 = Monday to 7 = Sunday; 0 if not a day. */
int
cal_weekday(int32_t day)
{
	if (!valid(day))
		return 0;
	/* 1970-01-01 was a Thursday (4); % may be negative before it. */
	return ((day % 7) + 7 + 3) % 7 + 1;
}

/*
 * The same day of the month n months after day (before it if n < 0),
 * clamped to the target month's last day.  CAL_NONE if day is not a day
 * or the result would fall outside the years 1 to 9999.
 */
int32_t
cal_add_months(int32_t day, int n)
{
	long long	 t;
	int		 y, m, d;

	if (!valid(day))
		return CAL_NONE;
	cal_ymd_of(day, &y, &m, &d);
	t = (long long)y * 12 + (m - 1) + n;
	if (t < 12 || t > 9999LL * 12 + 11)
		return CAL_NONE;
	y = (int)(t / 12);
	m = (int)(t % 12) + 1;
	if (d > mdays(y, m))
		d = mdays(y, m);
	return cal_day(y, m, d);
}

/*
 * Easter Sunday of year (Gregorian), by the anonymous algorithm of
 * 1876 as given by Meeus, or CAL_NONE if year is out of range.
 */
int32_t
cal_easter(int year)
{
	int	 a, b, c, d, e, f, g, h, i, k, l, m;

	if (year < 1 || year > 9999)
		return CAL_NONE;
	a = year % 19;
	b = year / 100;
	c = year % 100;
	d = b / 4;
	e = b % 4;
	f = (b + 8) / 25;
	g = (b - f + 1) / 3;
	h = (19 * a + b - d - g + 15) % 30;
	i = c / 4;
	k = c % 4;
	l = (32 + 2 * e + 2 * i - h - k) % 7;
	m = (a + 11 * h + 22 * l) / 451;
	return cal_day(year, (h + l - 7 * m + 114) / 31,
	    (h + l - 7 * m + 114) % 31 + 1);
}

/*
 * day, or if it is a weekend or the holiday just before (taken), the
 * next weekday that is neither: how a holiday on a weekend is
 * substituted, and why Boxing Day after a Saturday Christmas lands on
 * Tuesday.
 */
static int32_t
substitute(int32_t day, int32_t taken)
{
	while (cal_weekday(day) > 5 || day == taken)
		day++;
	return day;
}

/* Order two days for qsort() and bsearch(). */
static int
cmpday(const void *a, const void *b)
{
	int32_t	 x = *(const int32_t *)a, y = *(const int32_t *)b;

	return (x > y) - (x < y);
}

/* Order two years for bsearch(). */
static int
cmpyear(const void *a, const void *b)
{
	int	 x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/*
 * Fill out with the England and Wales bank holidays of year, ascending.
 * Returns how many; 0 if year is out of range.
 */
size_t
cal_bank_holidays(int year, int32_t out[CAL_MAX_HOLS])
{
	int32_t	 easter, may31, aug31, from;
	size_t	 n = 0, i, j;

	if (year < 1 || year > 9999)
		return 0;
	easter = cal_easter(year);
	may31 = cal_day(year, 5, 31);
	aug31 = cal_day(year, 8, 31);
	out[n++] = substitute(cal_day(year, 1, 1), CAL_NONE);
	out[n++] = easter - 2;
	out[n++] = easter + 1;
	out[n++] = may31 - 30 + (8 - cal_weekday(may31 - 30)) % 7;
	out[n++] = may31 - (cal_weekday(may31) - 1);
	out[n++] = aug31 - (cal_weekday(aug31) - 1);
	out[n] = substitute(cal_day(year, 12, 25), CAL_NONE);
	n++;
	out[n] = substitute(cal_day(year, 12, 26), out[n - 1]);
	n++;

	for (i = 0; i < sizeof(oneoffs) / sizeof(oneoffs[0]); i++) {
		if (oneoffs[i].y != year)
			continue;
		if (oneoffs[i].fm == 0) {
			assert(n < CAL_MAX_HOLS);
			out[n++] = cal_day(year, oneoffs[i].m, oneoffs[i].d);
			continue;
		}
		from = cal_day(year, oneoffs[i].fm, oneoffs[i].fd);
		for (j = 0; j < n && out[j] != from; j++)
			continue;
		assert(j < n);		/* the table names a regular day */
		if (j < n)
			out[j] = cal_day(year, oneoffs[i].m, oneoffs[i].d);
	}
	qsort(out, n, sizeof(out[0]), cmpday);
	return n;
}

/* Whether day is among the n sorted days a (a may be NULL if n is 0). */
static int
among(const int32_t *a, size_t n, int32_t day)
{
	return n > 0 && bsearch(&day, a, n, sizeof(a[0]), cmpday) != NULL;
}

/*
 * Whether day is a holiday: for a year in c->years, one of c->days (the
 * imported list is the whole truth); otherwise a computed bank holiday
 * or one of c->days.  c may be NULL: computed bank holidays only.
 */
int
cal_is_holiday(const struct cal *c, int32_t day)
{
	int32_t	 hols[CAL_MAX_HOLS];
	int	 y, m, d;

	if (!valid(day))
		return 0;
	cal_ymd_of(day, &y, &m, &d);
	if (c != NULL && c->nyears > 0 && bsearch(&y, c->years, c->nyears,
	    sizeof(c->years[0]), cmpyear) != NULL)
		return among(c->days, c->ndays, day);
	if (among(hols, cal_bank_holidays(y, hols), day))
		return 1;
	return c != NULL && among(c->days, c->ndays, day);
}

/* Whether day is a working day: Monday to Friday and not a holiday. */
int
cal_is_workday(const struct cal *c, int32_t day)
{
	return valid(day) && cal_weekday(day) <= 5 && !cal_is_holiday(c, day);
}

/*
 * The n-th working day after day (n > 0), the |n|-th before it (n < 0),
 * or day itself (n == 0); day is never counted.  CAL_NONE if day is not
 * a day or the count runs off either end of the calendar.
 */
int32_t
cal_add_workdays(const struct cal *c, int32_t day, int n)
{
	int	 step = n < 0 ? -1 : 1;

	if (!valid(day))
		return CAL_NONE;
	while (n != 0) {
		day += step;
		if (!valid(day))
			return CAL_NONE;
		if (cal_is_workday(c, day))
			n -= step;
	}
	return day;
}

/*
 * The last permitted day of review number seq (from 1) of the given
 * type, where prev is the day the child became looked after for a
 * child's first review, else the day of the review before.  CAL_NONE
 * for a bad type, seq < 1 or prev not a day.
 */
int32_t
cal_due(const struct cal *c, enum cal_review type, int seq, int32_t prev)
{
	if (seq < 1 || !valid(prev))
		return CAL_NONE;
	switch (type) {
	case CAL_CIC:
		if (seq == 1)
			return cal_add_workdays(c, prev, 20);
		return cal_add_months(prev, seq == 2 ? 3 : 6);
	case CAL_PATHWAY:
		return cal_add_months(prev, 6);
	}
	return CAL_NONE;
}
