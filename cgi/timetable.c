/*
 * timetable: due dates of reviews, worked out from a child's episodes
 * of care and the reviews held or booked in each (reg 33), and kept in
 * the database so that lists and reports read them, not recompute them.
 *
 * The rule for one review: find the episode it falls in (the latest
 * that started on or before it); count the reviews of that episode
 * before it that were held or are booked (cancelled and stood-down ones
 * do not count: the child still needs the review they would have been).
 * The first is due 20 working days after the child became looked
 * after, the second 3 months after the first, later ones 6 months after
 * the one before; a care leaver's pathway review 6 months after the one
 * before.  A booked review stands in for a held one, so a review booked
 * after it is projected from the booking, and a review that is held on
 * another day moves every later due date: callers refresh the child
 * after any change to its reviews or episodes.
 */
#include <string.h>

#include "log.h"
#include "timetable.h"
#include "vocab.h"

#define TT_MAX_DAYS	4096	/* holidays held in memory */
#define TT_MAX_YEARS	256
#define TT_MAX_EPISODES	64
#define TT_MAX_REVIEWS	1024	/* reviews of one child */

static int32_t	 hol_days[TT_MAX_DAYS];
static int	 hol_years[TT_MAX_YEARS];
static size_t	 hol_n, year_n;

/* db_holiday_each() callback: keep one holiday's day. */
static int
add_holiday(const void *row, void *arg)
{
	const struct db_holiday *h = row;
	int32_t		 d = cal_parse(h->day);

	(void)arg;
	if (d == CAL_NONE)
		return 0;
	if (hol_n == TT_MAX_DAYS)
		return 1;
	hol_days[hol_n++] = d;
	return 0;
}

/* db_holiday_years_each() callback: keep one imported year. */
static int
add_year(const void *row, void *arg)
{
	(void)arg;
	if (year_n == TT_MAX_YEARS)
		return 1;
	hol_years[year_n++] = *(const int *)row;
	return 0;
}

/*
 * Load the working-day calendar: the database's holidays and imported
 * years into static storage that *c points at until the next call.
 * Returns 0, or -1 (logged) with *c holding the computed rules only.
 */
int
tt_cal(struct cal *c)
{
	memset(c, 0, sizeof(*c));
	hol_n = year_n = 0;
	if (db_holiday_each(add_holiday, NULL) != DB_OK ||
	    db_holiday_years_each(add_year, NULL) != DB_OK) {
		log_line("%s: cannot read the holidays", __func__);
		hol_n = year_n = 0;
		return -1;
	}
	c->days = hol_days;
	c->ndays = hol_n;
	c->years = hol_years;
	c->nyears = year_n;
	return 0;
}

/* What tt_refresh() reads of one child. */
struct child_rows {
	struct db_episode	 ep[TT_MAX_EPISODES];
	size_t			 nep;
	struct db_timeline	 rv[TT_MAX_REVIEWS];
	size_t			 nrv;
	int			 full;
};

/* db_episode_each() callback: keep an episode. */
static int
keep_episode(const void *row, void *arg)
{
	struct child_rows *c = arg;

	if (c->nep == TT_MAX_EPISODES) {
		c->full = 1;
		return 1;
	}
	c->ep[c->nep++] = *(const struct db_episode *)row;
	return 0;
}

/* db_timeline_each() callback: keep a review. */
static int
keep_review(const void *row, void *arg)
{
	struct child_rows *c = arg;

	if (c->nrv == TT_MAX_REVIEWS) {
		c->full = 1;
		return 1;
	}
	c->rv[c->nrv++] = *(const struct db_timeline *)row;
	return 0;
}

/* Does a review of this status take its place in the sequence? */
static int
counts(const char *status)
{
	return !vocab_flag(VOCAB_REVIEW_STATUS, status, VW_ENDED);
}

/* Is a review of this status booked but not yet held? */
static int
pending(const char *status)
{
	return counts(status) && strcmp(status, "held") != 0;
}

/* The reg 33 kind of a review type. */
static enum cal_review
kind(const char *type)
{
	return strcmp(type, "pathway") == 0 ? CAL_PATHWAY : CAL_CIC;
}

/*
 * Work out and store the due date of every review of a child and the
 * child's next due date.  Call inside the caller's write transaction.
 * Returns DB_OK or DB_ERR (logged).
 */
int
tt_refresh(int64_t child)
{
	static struct child_rows c;
	struct cal	 cal;
	int32_t		 d, due, last = CAL_NONE, next = CAL_NONE;
	int32_t		 start = CAL_NONE, first_pending = CAL_NONE;
	size_t		 i, e, cur = (size_t)-1;
	int		 seq = 0;
	const char	*type = "cic";
	char		 ymd[CAL_YMD_LEN];

	memset(&c, 0, sizeof(c));
	tt_cal(&cal);
	if (db_episode_each(child, keep_episode, &c) != DB_OK && !c.full)
		return DB_ERR;
	if (db_timeline_each(child, keep_review, &c) != DB_OK && !c.full)
		return DB_ERR;
	if (c.full) {
		log_line("%s: child %lld has too many reviews or episodes",
		    __func__, (long long)child);
		return DB_ERR;
	}
	for (i = 0; i < c.nrv; i++) {
		d = cal_parse(c.rv[i].held_on[0] != '\0' ? c.rv[i].held_on :
		    c.rv[i].date);
		/* The episode the review falls in; a new one restarts. */
		for (e = c.nep; e > 0 && cal_parse(c.ep[e - 1].started_on) > d;
		    e--)
			;
		if (e == 0) {
			due = CAL_NONE;
		} else {
			if (e - 1 != cur) {
				cur = e - 1;
				start = cal_parse(c.ep[cur].started_on);
				seq = 0;
				last = CAL_NONE;
				first_pending = CAL_NONE;
			}
			due = cal_due(&cal, kind(c.rv[i].type), seq + 1,
			    seq == 0 ? start : last);
			if (counts(c.rv[i].status)) {
				seq++;
				last = d;
				type = c.rv[i].type;
				if (pending(c.rv[i].status) &&
				    first_pending == CAL_NONE)
					first_pending = due;
			}
		}
		if (due != CAL_NONE)
			cal_format(due, ymd);
		if (strcmp(c.rv[i].due_on, due == CAL_NONE ? "" : ymd) != 0 &&
		    db_review_due(c.rv[i].id, due == CAL_NONE ? NULL : ymd) !=
		    DB_OK)
			return DB_ERR;
	}
	/* The next review: of the latest episode, unless the child left. */
	if (c.nep > 0 && c.ep[c.nep - 1].ended_on[0] == '\0') {
		if (cur != c.nep - 1) {
			start = cal_parse(c.ep[c.nep - 1].started_on);
			seq = 0;
			first_pending = CAL_NONE;
			type = "cic";
		}
		next = first_pending != CAL_NONE ? first_pending :
		    cal_due(&cal, kind(type), seq + 1, seq == 0 ? start : last);
	}
	if (next != CAL_NONE)
		cal_format(next, ymd);
	return db_child_next_due(child, next == CAL_NONE ? NULL : ymd);
}

/* db_child_ids_each() callback: refresh one child. */
static int
refresh_one(const void *row, void *arg)
{
	(void)arg;
	return tt_refresh(*(const int64_t *)row) != DB_OK;
}

/*
 * Work out every child's due dates again (after the calendar changed).
 * Call inside the caller's write transaction.  Returns DB_OK or DB_ERR.
 */
int
tt_refresh_all(void)
{
	return db_child_ids_each(refresh_one, NULL);
}

/*
 * How a review stands on `today` (YYYY-MM-DD): from its status, date,
 * day held and due date ("" for none).  c gives working days.
 */
enum tt_state
tt_state(const struct cal *c, const char *today, const char *status,
    const char *date, const char *held_on, const char *due_on)
{
	int32_t	 now = cal_parse(today);

	if (!counts(status))
		return TT_NONE;
	if (due_on[0] == '\0')
		return TT_UNKNOWN;
	if (strcmp(status, "held") == 0)
		return strcmp(held_on[0] != '\0' ? held_on : date, due_on) <= 0 ?
		    TT_HELD_IN_TIME : TT_HELD_LATE;
	if (strcmp(date, due_on) > 0 || strcmp(today, due_on) > 0)
		return TT_LATE;
	if (now != CAL_NONE && cal_parse(due_on) <=
	    cal_add_workdays(c, now, TT_SOON_WORKDAYS))
		return TT_SOON;
	return TT_ON_TIME;
}

/* Words for a state, as the review list shows them. */
const char *
tt_label(enum tt_state s)
{
	switch (s) {
	case TT_UNKNOWN:
		return "Not known";
	case TT_ON_TIME:
		return "On time";
	case TT_SOON:
		return "Due soon";
	case TT_LATE:
		return "Late";
	case TT_HELD_IN_TIME:
		return "Held in time";
	case TT_HELD_LATE:
		return "Held late";
	case TT_NONE:
		break;
	}
	return "";
}

/* The GOV.UK tag colour for a state. */
const char *
tt_colour(enum tt_state s)
{
	switch (s) {
	case TT_ON_TIME:
	case TT_HELD_IN_TIME:
		return "green";
	case TT_SOON:
		return "yellow";
	case TT_LATE:
	case TT_HELD_LATE:
		return "red";
	default:
		break;
	}
	return "grey";
}
