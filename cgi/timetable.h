/*
 * timetable: the statutory timetable as the service sees it.  Loads the
 * working-day calendar (cal.c's rules plus the holidays in the
 * database), works out and stores every review's due date and each
 * child's next one, and says how each review stands against it.
 * Shared by the staff pages, the reports and heardctl.
 */
#ifndef HEARD_TIMETABLE_H
#define HEARD_TIMETABLE_H

#include <stdint.h>

#include "cal.h"
#include "db.h"

/* Working days before a due date that count as "due soon". */
#define TT_SOON_WORKDAYS	10

/* How a review stands against its due date. */
enum tt_state {
	TT_NONE,		/* cancelled or stood down: no timetable */
	TT_UNKNOWN,		/* no due date: no looked-after date known */
	TT_ON_TIME,		/* booked on or before its due date */
	TT_SOON,		/* not yet held, due within TT_SOON_WORKDAYS */
	TT_LATE,		/* booked past its due date, or overdue */
	TT_HELD_IN_TIME,
	TT_HELD_LATE,
};

int	 tt_cal(struct cal *);
int	 tt_refresh(int64_t);
int	 tt_refresh_all(void);
enum tt_state tt_state(const struct cal *, const char *, const char *,
	    const char *, const char *, const char *);
const char *tt_label(enum tt_state);
const char *tt_colour(enum tt_state);

#endif
