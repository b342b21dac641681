/*
 * cal: calendar dates, England and Wales working days and the statutory
 * timetable of reviews (Care Planning, Placement and Case Review
 * (England) Regulations 2010, reg 33; Care Leavers (England) Regulations
 * 2010).  Pure functions: no I/O, no allocation, no clock.
 *
 * A day is a count of days since 1970-01-01 (negative before it), so
 * that "the day after" is +1 and a week is 7 whatever the month.
 */
#ifndef HEARD_CAL_H
#define HEARD_CAL_H

#include <stddef.h>
#include <stdint.h>

#define CAL_NONE	INT32_MIN	/* no day: a parse failure, an unset date */
#define CAL_YMD_LEN	11		/* "YYYY-MM-DD" and its NUL */
#define CAL_WORDS_LEN	32		/* "Wednesday 30 September 2026" */
#define CAL_MAX_HOLS	16		/* most bank holidays in one year */

/*
 * Days that are not working days beyond Saturdays, Sundays and the
 * regular bank holidays.  Both arrays are sorted ascending and owned by
 * the caller.  For a year listed in `years`, the bank holidays come
 * wholly from `days` (an imported gov.uk list is the truth for the years
 * it covers, moved days included); for every other year they are
 * computed, and `days` adds to them (a service's own closure days).
 */
struct cal {
	const int32_t	*days;
	size_t		 ndays;
	const int	*years;
	size_t		 nyears;
};

/* The review types of the timetable. */
enum cal_review {
	CAL_CIC,	/* a child looked after */
	CAL_PATHWAY,	/* a care leaver's pathway plan review */
};

int32_t	 cal_day(int, int, int);
void	 cal_ymd_of(int32_t, int *, int *, int *);
int32_t	 cal_parse(const char *);
void	 cal_format(int32_t, char[CAL_YMD_LEN]);
void	 cal_words(int32_t, char[CAL_WORDS_LEN]);
int	 cal_weekday(int32_t);
int32_t	 cal_add_months(int32_t, int);
int32_t	 cal_easter(int);
size_t	 cal_bank_holidays(int, int32_t[CAL_MAX_HOLS]);
int	 cal_is_holiday(const struct cal *, int32_t);
int	 cal_is_workday(const struct cal *, int32_t);
int32_t	 cal_add_workdays(const struct cal *, int32_t, int);
int32_t	 cal_due(const struct cal *, enum cal_review, int, int32_t);

#endif
