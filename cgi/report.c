/*
 * report: return-rate arithmetic and the plain-text, CSV and JSON forms
 * of a report.  HTML is page_report.c's business (through tmpl).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csv.h"
#include "forms.h"
#include "cal.h"
#include "report.h"

static const char *const group_names[DB_BY__COUNT] = {
	[DB_BY_AUDIENCE] = "audience",
	[DB_BY_IRO] = "iro",
	[DB_BY_MONTH] = "month",
	[DB_BY_CHANNEL] = "channel",
	[DB_BY_REVIEW] = "review",
	[DB_BY_RETURN_CHANNEL] = "return_channel",
	[DB_BY_WORDING] = "wording",
};

/* returned / sent as a whole percent, half up; -1 when sent is 0. */
int
report_rate(int64_t returned, int64_t sent)
{
	if (sent <= 0)
		return -1;
	return (int)((returned * 200 + sent) / (sent * 2));
}

/* The grouping named s, or -1. */
int
report_group(const char *s)
{
	int	 i;

	for (i = 0; i < DB_BY__COUNT; i++)
		if (strcmp(s, group_names[i]) == 0)
			return i;
	return -1;
}

/* The name of a grouping. */
const char *
report_group_name(enum db_group g)
{
	return group_names[g];
}

/* The financial year (1 April to 31 March) that contains date. */
void
report_financial_year(const char *date, char from[11], char to[11])
{
	int	 y = atoi(date), m = atoi(date + 5);

	if (m < 4)
		y--;
	cal_format(cal_day(y, 4, 1), from);
	cal_format(cal_day(y + 1, 3, 31), to);
}

/* The financial year (named by the year of its 1 April) of a date. */
int
report_fy(const char *date)
{
	return atoi(date) - (atoi(date + 5) < 4 ? 1 : 0);
}

/*
 * The period a report is compared with, and which kind it is: a whole
 * financial year's is the financial year before (REP_PREV_YEAR); a year
 * to date (1 April to a day of the same financial year) is the same
 * span of the year before (REP_PREV_SPAN: to 10 November against to 10
 * November, 29 February against 28); any other period is the one of
 * the same length just before it (REP_PREV_BEFORE).  Returns the kind,
 * or -1 if to is before from or either is not a date.
 */
int
report_previous(const char *from, const char *to, char pfrom[11],
    char pto[11])
{
	int32_t	 a = cal_parse(from), b = cal_parse(to);
	int	 y = atoi(from);

	if (a == CAL_NONE || b == CAL_NONE || b < a)
		return -1;
	if (strcmp(from + 4, "-04-01") == 0 && b <= cal_day(y + 1, 3, 31)) {
		cal_format(cal_day(y - 1, 4, 1), pfrom);
		cal_format(cal_add_months(b, -12), pto);
		return b == cal_day(y + 1, 3, 31) ? REP_PREV_YEAR :
		    REP_PREV_SPAN;
	}
	cal_format(a - 1, pto);
	cal_format(a - 1 - (b - a), pfrom);
	return REP_PREV_BEFORE;
}

/* The period before as words for a page: "the same part of ...". */
const char *
report_previous_words(int kind)
{
	switch (kind) {
	case REP_PREV_YEAR:
		return "the financial year before";
	case REP_PREV_SPAN:
		return "the same part of the financial year before";
	default:
		return "the period of the same length just before";
	}
}

struct collect {
	struct report	*r;
	int		 prev;
	int		 shift;		/* months from the period before */
};

/*
 * The months between the start of the period before and the start of
 * this one, so that a month of the period before can be named by the
 * month it sits beside (the held-in-time report does the same).
 */
static int
month_shift(const char *from, const char *pfrom)
{
	int	 y, m, d, py, pm;

	cal_ymd_of(cal_parse(from), &y, &m, &d);
	cal_ymd_of(cal_parse(pfrom), &py, &pm, &d);
	return (y - py) * 12 + (m - pm);
}

/*
 * Rename a month of the period before ("YYYY-MM" in group) as the month
 * of this period it is compared with, shift months later.
 */
static void
month_beside(char *group, size_t len, int shift)
{
	char	 day[16];
	int32_t	 d;

	if (len < 8 || snprintf(day, sizeof(day), "%.7s-01", group) >=
	    (int)sizeof(day) || (d = cal_parse(day)) == CAL_NONE)
		return;
	cal_format(cal_add_months(d, shift), day);
	snprintf(group, len, "%.7s", day);
}

/* Add one group's counts to the report (this period or the last). */
static int
add_rate(const void *rate, void *arg)
{
	const struct db_rate *d = rate;
	struct collect	*c = arg;
	struct report	*r = c->r;
	struct report_row *row = NULL;
	char		 group[128];
	size_t		 i;

	snprintf(group, sizeof(group), "%s", d->group);
	/* A month of the period before sits beside its match in this one. */
	if (c->prev && r->by == DB_BY_MONTH)
		month_beside(group, sizeof(group), c->shift);
	for (i = 0; i < r->n; i++)
		if (strcmp(r->rows[i].group, group) == 0)
			row = &r->rows[i];
	/* A review of the period before has no row of its own. */
	if (row == NULL && c->prev && r->by == DB_BY_REVIEW) {
		r->all.prev_sent += d->sent;
		r->all.prev_returned += d->returned;
		return 0;
	}
	if (row == NULL) {
		r->rows = xrealloc(r->rows, (r->n + 1) * sizeof(*r->rows));
		row = &r->rows[r->n++];
		memset(row, 0, sizeof(*row));
		snprintf(row->group, sizeof(row->group), "%s", group);
	}
	if (c->prev) {
		row->prev_sent = d->sent;
		row->prev_returned = d->returned;
		r->all.prev_sent += d->sent;
		r->all.prev_returned += d->returned;
	} else {
		row->sent = d->sent;
		row->returned = d->returned;
		row->late = d->late;
		r->all.sent += d->sent;
		r->all.returned += d->returned;
		r->all.late += d->late;
	}
	return 0;
}

/* Add one group's open forms to the report (this period only). */
static int
add_open(const void *rate, void *arg)
{
	const struct db_rate *d = rate;
	struct report	*r = arg;
	size_t		 i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->rows[i].group, d->group) == 0) {
			r->rows[i].open = d->open;
			r->all.open += d->open;
		}
	return 0;
}

/* Order groups: audiences in the domain's order, others by name. */
static int
cmp_rows(const void *a, const void *b)
{
	const struct report_row *x = a, *y = b;
	int	 i = form_audience_index(x->group), j = form_audience_index(y->group);

	if (i >= 0 && j >= 0)
		return i - j;
	return strcmp(x->group, y->group);
}

/*
 * Build the report for consultations sent from..to grouped by g, with
 * the previous period beside it and each audience's target.  Returns
 * DB_OK or DB_ERR; report_free() in either case.
 */
int
report_build(struct report *r, enum db_group g, const char *from,
    const char *to)
{
	struct collect	 c = { r, 0, 0 };
	size_t		 i;
	int		 t;
	char		 today[11];
	time_t		 t0;
	struct tm	 tm;

	memset(r, 0, sizeof(*r));
	r->by = g;
	snprintf(r->from, sizeof(r->from), "%s", from);
	snprintf(r->to, sizeof(r->to), "%s", to);
	snprintf(r->all.group, sizeof(r->all.group), "all");
	if ((r->prev_kind = report_previous(from, to, r->pfrom, r->pto)) == -1)
		return DB_ERR;
	if (db_rates(g, from, to, add_rate, &c) != DB_OK)
		return DB_ERR;
	c.prev = 1;
	c.shift = month_shift(from, r->pfrom);
	if (db_rates(g, r->pfrom, r->pto, add_rate, &c) != DB_OK)
		return DB_ERR;
	t0 = time(NULL);
	gmtime_r(&t0, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	if (db_rates_open(g, from, to, today, add_open, r) != DB_OK)
		return DB_ERR;
	if (r->n > 0)
		qsort(r->rows, r->n, sizeof(*r->rows), cmp_rows);
	for (i = 0; i < r->n; i++) {
		r->rows[i].rate = report_rate(r->rows[i].returned,
		    r->rows[i].sent);
		r->rows[i].prev_rate = report_rate(r->rows[i].prev_returned,
		    r->rows[i].prev_sent);
		r->rows[i].target = g == DB_BY_AUDIENCE &&
		    db_target_get(r->rows[i].group, report_fy(from), &t) ==
		    DB_OK ? t : -1;
		r->rows[i].not_returned = r->rows[i].sent -
		    r->rows[i].returned - r->rows[i].open;
	}
	r->all.not_returned = r->all.sent - r->all.returned - r->all.open;
	r->all.rate = report_rate(r->all.returned, r->all.sent);
	r->all.prev_rate = report_rate(r->all.prev_returned, r->all.prev_sent);
	r->all.target = -1;
	return DB_OK;
}

/* Free a report's rows. */
void
report_free(struct report *r)
{
	free(r->rows);
	r->rows = NULL;
	r->n = 0;
}

/*
 * What a row is called where people read it: an audience's label (from
 * vocab.c), "All forms" for the total, else the group itself (a month,
 * a user name, a review).  Not to be freed.
 */
const char *
report_label(const struct report *r, const struct report_row *row)
{
	if (row == &r->all)
		return "All forms";
	if (r->by == DB_BY_AUDIENCE)
		return form_audience_name(row->group);
	return row->group;
}

/* A CSV field of a percent, empty when there is none. */
static void
csv_pct(struct buf *out, int v)
{
	buf_putc(out, ',');
	if (v >= 0)
		buf_printf(out, "%d", v);
}

/* One CSV row of counts (the columns of report_csv). */
static void
csv_row(struct buf *out, const struct report *r, const struct report_row *row)
{
	csv_field(out, row->group);
	buf_printf(out, ",%lld,%lld,%lld", (long long)row->sent,
	    (long long)row->returned, (long long)row->late);
	csv_pct(out, row->rate);
	buf_putc(out, ',');
	csv_field(out, report_label(r, row));
	csv_pct(out, row->target);
	buf_printf(out, ",%s", row->target < 0 || row->rate < 0 ? "" :
	    row->rate >= row->target ? "yes" : "no");
	buf_printf(out, ",%lld,%lld", (long long)row->prev_sent,
	    (long long)row->prev_returned);
	csv_pct(out, row->prev_rate);
	buf_printf(out, ",%lld,%lld\r\n", (long long)row->open,
	    (long long)row->not_returned);
}

/*
 * The report as CSV, 'all' last.  The first five columns are those
 * spreadsheets were built on (group,sent,returned,late,rate_percent);
 * then the group's label, its target and whether the rate met it
 * (yes, no, or empty without a target), the period before's counts and
 * rate, and the forms not returned split into still open and closed.
 */
void
report_csv(const struct report *r, struct buf *out)
{
	size_t	 i;

	buf_puts(out, "group,sent,returned,late,rate_percent,label,"
	    "target_percent,target_met,previous_sent,previous_returned,"
	    "previous_rate_percent,open,not_returned\r\n");
	for (i = 0; i < r->n; i++)
		csv_row(out, r, &r->rows[i]);
	csv_row(out, r, &r->all);
}

/* A JSON string (the groups are ours, but escape properly anyway). */
static void
json_str(struct buf *out, const char *s)
{
	buf_putc(out, '"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			buf_printf(out, "\\%c", c);
		else if (c < 0x20)
			buf_printf(out, "\\u%04x", c);
		else
			buf_putc(out, (char)c);
	}
	buf_putc(out, '"');
}

/* One JSON object of counts. */
static void
json_row(struct buf *out, const struct report_row *row)
{
	buf_puts(out, "{\"group\":");
	json_str(out, row->group);
	buf_printf(out, ",\"sent\":%lld,\"returned\":%lld,\"late\":%lld,"
	    "\"rate_percent\":", (long long)row->sent,
	    (long long)row->returned, (long long)row->late);
	if (row->rate >= 0)
		buf_printf(out, "%d", row->rate);
	else
		buf_puts(out, "null");
	if (row->target >= 0)
		buf_printf(out, ",\"target_percent\":%d", row->target);
	buf_printf(out, ",\"previous\":{\"sent\":%lld,\"returned\":%lld},"
	    "\"open\":%lld,\"not_returned\":%lld}", (long long)row->prev_sent,
	    (long long)row->prev_returned, (long long)row->open,
	    (long long)row->not_returned);
}

/* The report as JSON. */
void
report_json(const struct report *r, struct buf *out)
{
	size_t	 i;

	buf_printf(out, "{\"from\":\"%s\",\"to\":\"%s\",\"by\":\"%s\","
	    "\"previous_from\":\"%s\",\"previous_to\":\"%s\","
	    "\"compared_with\":\"%s\",\"groups\":[", r->from, r->to,
	    group_names[r->by], r->pfrom, r->pto,
	    report_previous_words(r->prev_kind));
	for (i = 0; i < r->n; i++) {
		if (i > 0)
			buf_putc(out, ',');
		json_row(out, &r->rows[i]);
	}
	buf_puts(out, "],\"all\":");
	json_row(out, &r->all);
	buf_puts(out, "}\n");
}

/* The report as an aligned table for a terminal. */
void
report_table(const struct report *r, struct buf *out)
{
	size_t	 i;
	const struct report_row *row;

	buf_printf(out, "Return rates for consultations sent %s to %s, by %s\n"
	    "compared with %s to %s, %s\n", r->from, r->to,
	    group_names[r->by], r->pfrom, r->pto,
	    report_previous_words(r->prev_kind));
	buf_printf(out, "%-32s %8s %8s %6s %5s\n", "group", "sent",
	    "returned", "late", "rate");
	for (i = 0; i <= r->n; i++) {
		row = i < r->n ? &r->rows[i] : &r->all;
		buf_printf(out, "%-32.32s %8lld %8lld %6lld ", row->group,
		    (long long)row->sent, (long long)row->returned,
		    (long long)row->late);
		if (row->rate >= 0)
			buf_printf(out, "%4d%%\n", row->rate);
		else
			buf_puts(out, "    -\n");
	}
}

/*
 * One line per group in the style committees read: "Consultation form
 * for parents (823 sent and 89 returned - 11%)".
 */
void
report_text(const struct report *r, struct buf *out)
{
	size_t	 i;
	const struct report_row *row;

	for (i = 0; i < r->n; i++) {
		row = &r->rows[i];
		buf_printf(out, "%s (%lld sent and %lld returned - ",
		    r->by == DB_BY_AUDIENCE ? form_audience_name(row->group) :
		    row->group, (long long)row->sent, (long long)row->returned);
		if (row->rate >= 0)
			buf_printf(out, "%d%%)\n", row->rate);
		else
			buf_puts(out, "no rate)\n");
	}
	buf_printf(out, "All forms (%lld sent and %lld returned - ",
	    (long long)r->all.sent, (long long)r->all.returned);
	if (r->all.rate >= 0)
		buf_printf(out, "%d%%)\n", r->all.rate);
	else
		buf_puts(out, "no rate)\n");
}

static const char *const held_group_names[DB_HELD__COUNT] = {
	[DB_HELD_ALL] = "all",
	[DB_HELD_IRO] = "iro",
	[DB_HELD_MONTH] = "month",
};

/* The held-in-time grouping named s (all, iro, month), or -1. */
int
report_held_group(const char *s)
{
	int	 i;

	for (i = 0; i < DB_HELD__COUNT; i++)
		if (strcmp(s, held_group_names[i]) == 0)
			return i;
	return -1;
}

struct held_collect {
	struct report_held *r;
	int		 prev;
	int		 shift;		/* months from the period before */
};

/* Add one group's held counts to the report (this period or the last). */
static int
add_held(const void *row_, void *arg)
{
	const struct db_held *d = row_;
	struct held_collect *c = arg;
	struct report_held *r = c->r;
	struct report_held_row *row = NULL;
	char		 group[128];
	size_t		 i;

	snprintf(group, sizeof(group), "%s", d->group);
	/* A month of the period before sits beside its match in this one. */
	if (c->prev && r->by == DB_HELD_MONTH)
		month_beside(group, sizeof(group), c->shift);
	for (i = 0; i < r->n; i++)
		if (strcmp(r->rows[i].group, group) == 0)
			row = &r->rows[i];
	if (row == NULL && !(c->prev && r->by == DB_HELD_ALL)) {
		r->rows = xrealloc(r->rows, (r->n + 1) * sizeof(*r->rows));
		row = &r->rows[r->n++];
		memset(row, 0, sizeof(*row));
		snprintf(row->group, sizeof(row->group), "%s", group);
	}
	if (c->prev) {
		if (row != NULL) {
			row->prev_held = d->held;
			row->prev_in_time = d->in_time;
		}
		r->all.prev_held += d->held;
		r->all.prev_in_time += d->in_time;
	} else {
		row->held = d->held;
		row->in_time = d->in_time;
		row->unknown = d->unknown;
		r->all.held += d->held;
		r->all.in_time += d->in_time;
		r->all.unknown += d->unknown;
	}
	return 0;
}

/* Order rows by their group's name. */
static int
cmp_held(const void *a, const void *b)
{
	return strcmp(((const struct report_held_row *)a)->group,
	    ((const struct report_held_row *)b)->group);
}

/*
 * Build the held-in-time figures for reviews held from..to grouped by g
 * (the 'all' grouping has no rows, only r->all), with the period before
 * beside them; a month is compared with the same month of the period
 * before.  Returns DB_OK or DB_ERR; report_held_free() in either case.
 */
int
report_held_build(struct report_held *r, enum db_held_group g,
    const char *from, const char *to)
{
	struct held_collect c = { r, 0, 0 };
	size_t		 i;

	memset(r, 0, sizeof(*r));
	r->by = g;
	snprintf(r->from, sizeof(r->from), "%s", from);
	snprintf(r->to, sizeof(r->to), "%s", to);
	snprintf(r->all.group, sizeof(r->all.group), "all");
	if ((r->prev_kind = report_previous(from, to, r->pfrom, r->pto)) == -1)
		return DB_ERR;
	if (db_held_each(g, from, to, add_held, &c) != DB_OK)
		return DB_ERR;
	c.prev = 1;
	c.shift = month_shift(from, r->pfrom);
	if (db_held_each(g, r->pfrom, r->pto, add_held, &c) != DB_OK)
		return DB_ERR;
	if (g == DB_HELD_ALL) {
		/* The one 'all' row the query made is r->all itself. */
		free(r->rows);
		r->rows = NULL;
		r->n = 0;
	}
	if (r->n > 0)
		qsort(r->rows, r->n, sizeof(*r->rows), cmp_held);
	for (i = 0; i < r->n; i++) {
		r->rows[i].rate = report_rate(r->rows[i].in_time,
		    r->rows[i].held);
		r->rows[i].prev_rate = report_rate(r->rows[i].prev_in_time,
		    r->rows[i].prev_held);
	}
	r->all.rate = report_rate(r->all.in_time, r->all.held);
	r->all.prev_rate = report_rate(r->all.prev_in_time, r->all.prev_held);
	return DB_OK;
}

/* Free a held-in-time report's rows. */
void
report_held_free(struct report_held *r)
{
	free(r->rows);
	r->rows = NULL;
	r->n = 0;
}

/* The committee line: "412 of 431 reviews held within timescale - 96%". */
void
report_held_line(const struct report_held_row *row, struct buf *out)
{
	buf_printf(out, "%lld of %lld review%s held within timescale",
	    (long long)row->in_time, (long long)row->held,
	    row->held == 1 ? "" : "s");
	if (row->rate >= 0)
		buf_printf(out, " - %d%%", row->rate);
}

/* One CSV row of held-in-time counts. */
static void
held_csv_row(struct buf *out, const struct report_held_row *row)
{
	csv_field(out, row->group);
	buf_printf(out, ",%lld,%lld,", (long long)row->held,
	    (long long)row->in_time);
	if (row->rate >= 0)
		buf_printf(out, "%d", row->rate);
	buf_printf(out, ",%lld,%lld,", (long long)row->prev_held,
	    (long long)row->prev_in_time);
	if (row->prev_rate >= 0)
		buf_printf(out, "%d", row->prev_rate);
	buf_printf(out, ",%lld\r\n", (long long)row->unknown);
}

/* The held-in-time figures as CSV, 'all' last. */
void
report_held_csv(const struct report_held *r, struct buf *out)
{
	size_t	 i;

	buf_puts(out, "group,held,held_in_time,percent,previous_held,"
	    "previous_held_in_time,previous_percent,held_without_due_date\r\n");
	for (i = 0; i < r->n; i++)
		held_csv_row(out, &r->rows[i]);
	held_csv_row(out, &r->all);
}

/* One committee line per group and one for all, each with the last. */
void
report_held_text(const struct report_held *r, struct buf *out)
{
	size_t	 i;
	const struct report_held_row *row;

	for (i = 0; i <= r->n; i++) {
		row = i < r->n ? &r->rows[i] : &r->all;
		if (i < r->n)
			buf_printf(out, "%s: ", row->group);
		report_held_line(row, out);
		buf_printf(out, " (%s to %s: %lld of %lld", r->pfrom, r->pto,
		    (long long)row->prev_in_time, (long long)row->prev_held);
		if (row->prev_rate >= 0)
			buf_printf(out, " - %d%%", row->prev_rate);
		buf_puts(out, ")\n");
	}
	if (r->all.unknown > 0)
		buf_printf(out, "%lld review%s held without a known due date "
		    "(no date the child became looked after) are not counted\n",
		    (long long)r->all.unknown, r->all.unknown == 1 ? "" : "s");
}

/*
 * The in-person target (the in_person_target setting, 0 to 100), or -1
 * when none is set.
 */
int
report_pn_target(void)
{
	char		 v[16], *end;
	long		 t;

	if (db_setting_get("in_person_target", v, sizeof(v)) != DB_OK ||
	    v[0] == '\0')
		return -1;
	t = strtol(v, &end, 10);
	if (*end != '\0' || t < 0 || t > 100)
		return -1;
	return (int)t;
}

struct pn_collect {
	struct report_pn *r;
	int		 prev;
	int		 shift;		/* months from the period before */
};

/* Add one group's participation counts (this period or the last). */
static int
add_pn(const void *row_, void *arg)
{
	const struct db_pn *d = row_;
	struct pn_collect *c = arg;
	struct report_pn *r = c->r;
	struct report_pn_row *row = NULL;
	char		 group[128];
	size_t		 i;
	int		 k;

	snprintf(group, sizeof(group), "%s", d->group);
	/* A month of the period before sits beside its match in this one. */
	if (c->prev && r->by == DB_HELD_MONTH)
		month_beside(group, sizeof(group), c->shift);
	for (i = 0; i < r->n; i++)
		if (strcmp(r->rows[i].group, group) == 0)
			row = &r->rows[i];
	if (row == NULL && !(c->prev && r->by == DB_HELD_ALL)) {
		r->rows = xrealloc(r->rows, (r->n + 1) * sizeof(*r->rows));
		row = &r->rows[r->n++];
		memset(row, 0, sizeof(*row));
		snprintf(row->group, sizeof(row->group), "%s", group);
	}
	for (k = 0; k < DB_PN__N; k++) {
		if (c->prev) {
			if (row != NULL)
				row->prev[k] = d->n[k];
			r->all.prev[k] += d->n[k];
		} else {
			row->n[k] = d->n[k];
			r->all.n[k] += d->n[k];
		}
	}
	return 0;
}

/* Order rows by their group's name. */
static int
cmp_pn(const void *a, const void *b)
{
	return strcmp(((const struct report_pn_row *)a)->group,
	    ((const struct report_pn_row *)b)->group);
}

/*
 * Build the participation and format figures for reviews held from..to
 * grouped by g (all: no rows, only r->all), with the period before
 * beside them.  Returns DB_OK or DB_ERR; report_pn_free() in either case.
 */
int
report_pn_build(struct report_pn *r, enum db_held_group g,
    const char *from, const char *to)
{
	struct pn_collect c = { r, 0, 0 };

	memset(r, 0, sizeof(*r));
	r->by = g;
	r->target = report_pn_target();
	snprintf(r->from, sizeof(r->from), "%s", from);
	snprintf(r->to, sizeof(r->to), "%s", to);
	snprintf(r->all.group, sizeof(r->all.group), "all");
	if ((r->prev_kind = report_previous(from, to, r->pfrom, r->pto)) == -1)
		return DB_ERR;
	if (db_pn_each(g, from, to, add_pn, &c) != DB_OK)
		return DB_ERR;
	c.prev = 1;
	c.shift = month_shift(from, r->pfrom);
	if (db_pn_each(g, r->pfrom, r->pto, add_pn, &c) != DB_OK)
		return DB_ERR;
	if (g == DB_HELD_ALL) {
		/* The one 'all' row the query made is r->all itself. */
		free(r->rows);
		r->rows = NULL;
		r->n = 0;
	}
	if (r->n > 0)
		qsort(r->rows, r->n, sizeof(*r->rows), cmp_pn);
	return DB_OK;
}

/* Free a participation report's rows. */
void
report_pn_free(struct report_pn *r)
{
	free(r->rows);
	r->rows = NULL;
	r->n = 0;
}

/*
 * A period in a committee's words: "In 2025/26" for a whole financial
 * year, else "From 2025-04-01 to 2025-11-10".
 */
void
report_pn_period(const char *from, const char *to, struct buf *out)
{
	char	 f[11], t[11];

	report_financial_year(from, f, t);
	if (strcmp(f, from) == 0 && strcmp(t, to) == 0)
		buf_printf(out, "In %d/%02d", report_fy(from),
		    (report_fy(from) + 1) % 100);
	else
		buf_printf(out, "From %s to %s", from, to);
}

/* One figure's count and what it is counted among, from counts n. */
void
report_pn_figure(const int64_t *n, enum report_pn_figure f, int64_t *num,
    int64_t *den)
{
	static const int nums[REP_PN__N] = { DB_PN_TOOK_PART, DB_PN_ATTENDED,
	    DB_PN_MEDIUM, DB_PN_IN_PERSON };

	*num = n[nums[f]];
	*den = n[f == REP_PN_IN_PERSON ? DB_PN_FORMATS : DB_PN_AGED4];
}

/*
 * A figure's committee line for counts n (of this period, or of the
 * period before when prev): "In 2025/26, 412 of 521 children aged 4
 * and over (79%) took part in their review (PN1-PN6)"; the in-person
 * share names this period's target.
 */
void
report_pn_line(const struct report_pn *r, const int64_t *n, int prev,
    enum report_pn_figure f, struct buf *out)
{
	static const char *const what[REP_PN__N] = {
		"took part in their review (PN1-PN6)",
		"attended their review (PN1-PN4)",
		"conveyed their views by a form or other medium (PN6)",
		NULL,
	};
	int64_t	 num, den;
	int	 rate;

	report_pn_figure(n, f, &num, &den);
	rate = report_rate(num, den);
	report_pn_period(prev ? r->pfrom : r->from, prev ? r->pto : r->to,
	    out);
	if (f == REP_PN_IN_PERSON) {
		buf_printf(out, ", reviews held in person: %lld of %lld",
		    (long long)num, (long long)den);
		if (rate >= 0)
			buf_printf(out, " (%d%%)", rate);
		if (!prev && r->target >= 0)
			buf_printf(out, " against a target of %d%%%s",
			    r->target, rate < 0 ? "" : rate >= r->target ?
			    " (met)" : " (not met)");
		else if (!prev)
			buf_puts(out, "; no target is set");
		return;
	}
	buf_printf(out, ", %lld of %lld %s aged 4 and over ", (long long)num,
	    (long long)den, den == 1 ? "child" : "children");
	if (rate >= 0)
		buf_printf(out, "(%d%%) ", rate);
	buf_puts(out, what[f]);
}

/* What this period counts apart, in one sentence, or nothing. */
void
report_pn_apart(const struct report_pn *r, struct buf *out)
{
	const int64_t	*n = r->all.n;
	int		 any = 0;

#define APART(k, one, many) do {					\
	if (n[(k)] > 0) {						\
		buf_printf(out, "%s%lld %s", any ? "; " : "Counted "	\
		    "apart: ", (long long)n[(k)], n[(k)] == 1 ? (one) :	\
		    (many));						\
		any = 1;						\
	}								\
} while (0)
	APART(DB_PN_UNDER4, "review of a child under 4 on the day (PN0)",
	    "reviews of children under 4 on the day (PN0)");
	APART(DB_PN_NO_DOB, "review of a child without a date of birth",
	    "reviews of children without a date of birth");
	APART(DB_PN_NO_CODE, "review of a child aged 4 or over without a "
	    "participation code", "reviews of children aged 4 or over "
	    "without a participation code");
	APART(DB_PN_NO_FORMAT, "review whose format is not recorded "
	    "(not in the in-person share)", "reviews whose format is not "
	    "recorded (not in the in-person share)");
#undef APART
	if (any)
		buf_puts(out, ".");
}

/* One CSV row of participation counts. */
static void
pn_csv_row(const struct report_pn *r, struct buf *out,
    const struct report_pn_row *row)
{
	int64_t	 num, den;
	int	 f, rate;

	csv_field(out, row->group);
	buf_printf(out, ",%lld", (long long)row->n[DB_PN_AGED4]);
	for (f = 0; f < REP_PN__N; f++) {
		report_pn_figure(row->n, f, &num, &den);
		if (f == REP_PN_IN_PERSON)
			buf_printf(out, ",%lld,%lld,%lld,%lld",
			    (long long)den, (long long)num,
			    (long long)row->n[DB_PN_ONLINE],
			    (long long)row->n[DB_PN_MIXED]);
		else
			buf_printf(out, ",%lld", (long long)num);
		if ((rate = report_rate(num, den)) >= 0)
			buf_printf(out, ",%d", rate);
		else
			buf_puts(out, ",");
	}
	if (r->target >= 0)
		buf_printf(out, ",%d", r->target);
	else
		buf_puts(out, ",");
	buf_printf(out, ",%lld", (long long)row->prev[DB_PN_AGED4]);
	for (f = 0; f < REP_PN__N; f++) {
		report_pn_figure(row->prev, f, &num, &den);
		if (f == REP_PN_IN_PERSON)
			buf_printf(out, ",%lld", (long long)den);
		buf_printf(out, ",%lld", (long long)num);
		if ((rate = report_rate(num, den)) >= 0)
			buf_printf(out, ",%d", rate);
		else
			buf_puts(out, ",");
	}
	buf_printf(out, ",%lld,%lld,%lld,%lld\r\n",
	    (long long)row->n[DB_PN_UNDER4], (long long)row->n[DB_PN_NO_DOB],
	    (long long)row->n[DB_PN_NO_CODE],
	    (long long)row->n[DB_PN_NO_FORMAT]);
}

/* The participation and format figures as CSV, 'all' last. */
void
report_pn_csv(const struct report_pn *r, struct buf *out)
{
	size_t	 i;

	buf_puts(out, "group,aged_4_and_over,took_part,took_part_percent,"
	    "attended,attended_percent,form_or_medium,form_or_medium_percent,"
	    "format_recorded,in_person,online,mixed,in_person_percent,"
	    "in_person_target_percent,previous_aged_4_and_over,"
	    "previous_took_part,previous_took_part_percent,"
	    "previous_attended,previous_attended_percent,"
	    "previous_form_or_medium,previous_form_or_medium_percent,"
	    "previous_format_recorded,previous_in_person,"
	    "previous_in_person_percent,under_4,without_dob,without_code,"
	    "without_format\r\n");
	for (i = 0; i < r->n; i++)
		pn_csv_row(r, out, &r->rows[i]);
	pn_csv_row(r, out, &r->all);
}

/* A group's four figures on one line: "took part 3 of 4 (75%), ...". */
void
report_pn_short(const int64_t *n, struct buf *out)
{
	static const char *const names[REP_PN__N] = { "took part",
	    "attended", "form or other medium", "in person" };
	int64_t	 num, den;
	int	 f, rate;

	for (f = 0; f < REP_PN__N; f++) {
		report_pn_figure(n, f, &num, &den);
		buf_printf(out, "%s%s %lld of %lld", f > 0 ? ", " : "",
		    names[f], (long long)num, (long long)den);
		if ((rate = report_rate(num, den)) >= 0)
			buf_printf(out, " (%d%%)", rate);
	}
}

/*
 * The committee lines for the whole period and the period before, then
 * one line per group (when grouped), then what is counted apart.
 */
void
report_pn_text(const struct report_pn *r, struct buf *out)
{
	size_t	 i;
	int	 f;

	for (f = 0; f < REP_PN__N; f++) {
		report_pn_line(r, r->all.n, 0, f, out);
		buf_puts(out, "\n");
	}
	buf_printf(out, "Previous period (%s):\n",
	    report_previous_words(r->prev_kind));
	for (f = 0; f < REP_PN__N; f++) {
		report_pn_line(r, r->all.prev, 1, f, out);
		buf_puts(out, "\n");
	}
	for (i = 0; i < r->n; i++) {
		buf_printf(out, "%s: ", r->rows[i].group);
		report_pn_short(r->rows[i].n, out);
		buf_puts(out, " (previous period: ");
		report_pn_short(r->rows[i].prev, out);
		buf_puts(out, ")\n");
	}
	report_pn_apart(r, out);
	if (out->len > 0 && buf_str(out)[out->len - 1] == '.')
		buf_puts(out, "\n");
}

/*
 * What the DfE's validators would refuse in one review of the SSDA903
 * Reviews table, or NULL: no code (167), a day held or a date of birth
 * that is not a date (166), PN0 for a child aged 4 or over on the day
 * (440), any other code for a child under 4 (441).  The string is
 * static.
 */
const char *
report_903_problem(const char *dob, const char *held_on, const char *code)
{
	int32_t	 born = cal_parse(dob), held = cal_parse(held_on);
	int	 under4;

	if (held == CAL_NONE)
		return "the day it was held is not a date";
	if (*code == '\0')
		return "no participation code is recorded";
	if (strlen(code) != 3 || strncmp(code, "PN", 2) != 0 ||
	    code[2] < '0' || code[2] > '7')
		return "the participation code is not PN0 to PN7";
	if (born == CAL_NONE)
		return "the child's date of birth is not recorded";
	if (born > held)
		return "the child's date of birth is after the review";
	under4 = held < cal_add_months(born, 48);
	if (under4 && strcmp(code, "PN0") != 0)
		return "the child was under 4 on the day, so the code is PN0";
	if (!under4 && strcmp(code, "PN0") == 0)
		return "PN0 is only for a child under 4, and the child was 4 "
		    "or over on the day";
	return NULL;
}

struct export903 {
	struct buf	*csv;
	struct buf	*problems;
	int		 n;
};

/* A date as dd/mm/YYYY. */
static void
dmy(struct buf *out, const char *ymd)
{
	buf_printf(out, "%.2s/%.2s/%.4s", ymd + 8, ymd + 5, ymd);
}

/* Add one review to the export, or its problem to the list. */
static int
add_903(const void *row, void *arg)
{
	const struct db_903 *r = row;
	struct export903 *e = arg;
	const char	*why;

	if ((why = report_903_problem(r->dob, r->held_on, r->code)) != NULL) {
		buf_printf(e->problems, "review %lld (child %s, held %s): %s\n",
		    (long long)r->id, r->child, r->held_on, why);
		e->n++;
		return 0;
	}
	/* A plain reference is written as it is, as the DfE's tools read
	 * it; anything else goes through csv_field (quoted, formula-safe). */
	if (r->child[0] != '\0' && strchr("=+-@", r->child[0]) == NULL &&
	    strspn(r->child, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_/.") == strlen(r->child))
		buf_puts(e->csv, r->child);
	else
		csv_field(e->csv, r->child);
	buf_putc(e->csv, ',');
	dmy(e->csv, r->dob);
	buf_putc(e->csv, ',');
	dmy(e->csv, r->held_on);
	buf_printf(e->csv, ",%s\r\n", r->code);
	return 0;
}

/*
 * The SSDA903 Reviews table for reviews held from..to into csv: UTF-8,
 * header CHILD,DOB,REVIEW,REVIEW_CODE, dates dd/mm/YYYY, one row per
 * review held.  Returns the number of reviews the DfE's rules would
 * refuse, each named on a line of problems (then csv must not be
 * used), or -1 on a database error.  The caller frees both buffers.
 */
int
report_ssda903(const char *from, const char *to, struct buf *csv,
    struct buf *problems)
{
	struct export903 e = { csv, problems, 0 };

	buf_puts(csv, "CHILD,DOB,REVIEW,REVIEW_CODE\r\n");
	if (db_ssda903_each(from, to, add_903, &e) != DB_OK)
		return -1;
	return e.n;
}
