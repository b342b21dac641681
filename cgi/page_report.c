/*
 * page_report: the return-rate report as a page (a table and a bar
 * chart drawn as inline SVG on the server) and as CSV, targets, and
 * the SSDA903 export (the audit log is page_audit.c).  The numbers
 * come from report.c, the same code that heardctl report uses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cal.h"
#include "forms.h"
#include "page_report.h"
#include "report.h"

const struct field rep_fields[REP__N] = {
	[REP_FROM] = { "from", FS_QUERY, FT_DATE, 0, NULL },
	[REP_TO] = { "to", FS_QUERY, FT_DATE, 0, NULL },
	[REP_BY] = { "by", FS_QUERY, FT_WORD, 16, NULL },
};

/* Read the period and grouping (default: this financial year, audience). */
static void
period(struct req *r, char from[11], char to[11], enum db_group *by)
{
	char		 today[11];
	time_t		 t = time(NULL);
	struct tm	 tm;
	int		 g;

	gmtime_r(&t, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	report_financial_year(today, from, to);
	if (r->in[REP_FROM] != NULL && r->in[REP_TO] != NULL &&
	    strcmp(r->in[REP_FROM], r->in[REP_TO]) <= 0) {
		snprintf(from, 11, "%s", r->in[REP_FROM]);
		snprintf(to, 11, "%s", r->in[REP_TO]);
	}
	g = r->in[REP_BY] != NULL ? report_group(r->in[REP_BY]) : -1;
	*by = g < 0 ? DB_BY_AUDIENCE : (enum db_group)g;
}

/* A percentage for a table cell: "23%" or "-". */
static const char *
pct(int v, char buf[8])
{
	if (v < 0)
		return "-";
	snprintf(buf, 8, "%d%%", v % 1000);
	return buf;
}

/*
 * The last report page this worker computed, kept until the database
 * changes: a year of a large authority is 100,000 consultations to
 * count, and managers reload the same report far more often than the
 * numbers move.
 */
static struct {
	char		 key[48];
	int64_t		 stamp;
	struct buf	 html;
} cache;

/*
 * The reviews held within timescale in from..to, by IRO (by month when
 * the page is by month), beside the period before, as HTML into out.
 * Returns DB_OK or DB_ERR.
 */
static int
held_section(struct buf *out, enum db_group by, const char *from,
    const char *to)
{
	struct report_held h;
	struct buf	 rows = { 0 }, line = { 0 }, pline = { 0 };
	const struct report_held_row *row;
	char		 n[4][24], r1[8], r2[8], unknown[24];
	size_t		 i;

	if (report_held_build(&h, by == DB_BY_MONTH ? DB_HELD_MONTH :
	    DB_HELD_IRO, from, to) != DB_OK) {
		report_held_free(&h);
		return DB_ERR;
	}
	for (i = 0; i <= h.n; i++) {
		row = i < h.n ? &h.rows[i] : &h.all;
		snprintf(n[0], sizeof(n[0]), "%lld", (long long)row->held);
		snprintf(n[1], sizeof(n[1]), "%lld", (long long)row->in_time);
		snprintf(n[2], sizeof(n[2]), "%lld", (long long)row->prev_held);
		snprintf(n[3], sizeof(n[3]), "%lld",
		    (long long)row->prev_in_time);
		struct tvar v[] = { TV("group", row->group),
		    TV("held", n[0]), TV("in_time", n[1]),
		    TV("rate", pct(row->rate, r1)), TV("prev_held", n[2]),
		    TV("prev_in_time", n[3]),
		    TV("prev_rate", pct(row->prev_rate, r2)),
		    TV("all", i == h.n ? "1" : NULL) };
		tmpl_render(&rows, "report_held_row", v, NVARS(v));
	}
	report_held_line(&h.all, &line);
	buf_printf(&pline, "%lld of %lld", (long long)h.all.prev_in_time,
	    (long long)h.all.prev_held);
	snprintf(unknown, sizeof(unknown), "%lld", (long long)h.all.unknown);
	struct tvar	 v[] = { TM("line", &line), TM("pline", &pline),
	    TV("prev_rate", h.all.prev_rate >= 0 ? pct(h.all.prev_rate, r2) :
	    NULL), TV("pfrom", h.pfrom), TV("pto", h.pto),
	    TV("basis", report_previous_words(h.prev_kind)),
	    TV("by", by == DB_BY_MONTH ? "month" : "IRO"),
	    TV("byq", by == DB_BY_MONTH ? "month" : "iro"),
	    TV("from", from), TV("to", to), TM("rows", &rows),
	    TV("unknown", h.all.unknown > 0 ? unknown : NULL) };
	tmpl_render(out, "report_held", v, NVARS(v));
	report_held_free(&h);
	buf_free(&rows);
	buf_free(&line);
	buf_free(&pline);
	return DB_OK;
}

/* A figure of counts n for a table cell: "3 (75%)" or "2 of 3 (67%)". */
static void
pn_cell(const int64_t *n, enum report_pn_figure f, int of, struct buf *out)
{
	int64_t	 num, den;
	int	 rate;

	report_pn_figure(n, f, &num, &den);
	if (of)
		buf_printf(out, "%lld of %lld", (long long)num,
		    (long long)den);
	else
		buf_printf(out, "%lld", (long long)num);
	if ((rate = report_rate(num, den)) >= 0)
		buf_printf(out, " (%d%%)", rate);
}

/*
 * The annual report's figures for reviews held in from..to (children
 * aged 4 and over who took part, attended, or conveyed their views by
 * a form; the share held in person against its target), each with its
 * committee line, by IRO (by month when the page is by month) beside
 * the period before, as HTML into out.  Returns DB_OK or DB_ERR.
 */
static int
pn_section(struct buf *out, enum db_group by, const char *from,
    const char *to)
{
	struct report_pn rp;
	struct buf	 rows = { 0 }, lines[REP_PN__N], plines[REP_PN__N];
	struct buf	 c[REP_PN__N], prev = { 0 }, apart = { 0 };
	const struct report_pn_row *row;
	char		 aged[24], target[8];
	size_t		 i;
	int		 f, rc = DB_ERR;

	memset(lines, 0, sizeof(lines));
	memset(plines, 0, sizeof(plines));
	memset(c, 0, sizeof(c));
	if (report_pn_build(&rp, by == DB_BY_MONTH ? DB_HELD_MONTH :
	    DB_HELD_IRO, from, to) != DB_OK)
		goto out;
	for (i = 0; i <= rp.n; i++) {
		row = i < rp.n ? &rp.rows[i] : &rp.all;
		for (f = 0; f < REP_PN__N; f++) {
			buf_reset(&c[f]);
			pn_cell(row->n, f, f == REP_PN_IN_PERSON, &c[f]);
		}
		buf_reset(&prev);
		report_pn_short(row->prev, &prev);
		snprintf(aged, sizeof(aged), "%lld",
		    (long long)row->n[DB_PN_AGED4]);
		struct tvar v[] = { TV("group", row->group),
		    TV("aged", aged), TM("took_part", &c[REP_PN_TOOK_PART]),
		    TM("attended", &c[REP_PN_ATTENDED]),
		    TM("medium", &c[REP_PN_MEDIUM]),
		    TM("in_person", &c[REP_PN_IN_PERSON]), TM("prev", &prev),
		    TV("all", i == rp.n ? "1" : NULL) };
		tmpl_render(&rows, "report_pn_row", v, NVARS(v));
	}
	for (f = 0; f < REP_PN__N; f++) {
		report_pn_line(&rp, rp.all.n, 0, f, &lines[f]);
		report_pn_line(&rp, rp.all.prev, 1, f, &plines[f]);
	}
	report_pn_apart(&rp, &apart);
	snprintf(target, sizeof(target), "%d%%", rp.target % 1000);
	struct tvar	 v[] = {
	    TM("l_took_part", &lines[REP_PN_TOOK_PART]),
	    TM("l_attended", &lines[REP_PN_ATTENDED]),
	    TM("l_medium", &lines[REP_PN_MEDIUM]),
	    TM("l_in_person", &lines[REP_PN_IN_PERSON]),
	    TM("p_took_part", &plines[REP_PN_TOOK_PART]),
	    TM("p_attended", &plines[REP_PN_ATTENDED]),
	    TM("p_medium", &plines[REP_PN_MEDIUM]),
	    TM("p_in_person", &plines[REP_PN_IN_PERSON]),
	    TV("target", rp.target >= 0 ? target : NULL),
	    TV("pfrom", rp.pfrom), TV("pto", rp.pto),
	    TV("basis", report_previous_words(rp.prev_kind)),
	    TV("by", by == DB_BY_MONTH ? "month" : "IRO"),
	    TV("byq", by == DB_BY_MONTH ? "month" : "iro"),
	    TV("from", from), TV("to", to), TM("rows", &rows),
	    TM("apart", &apart) };
	tmpl_render(out, "report_pn", v, NVARS(v));
	rc = DB_OK;
out:
	report_pn_free(&rp);
	for (f = 0; f < REP_PN__N; f++) {
		buf_free(&lines[f]);
		buf_free(&plines[f]);
		buf_free(&c[f]);
	}
	buf_free(&rows);
	buf_free(&prev);
	buf_free(&apart);
	return rc;
}

/*
 * A group's name on the chart, short enough for its 290 units: an
 * audience without "Consultation form for ", a feedback form as
 * "Feedback: ...".  Returns l or label, which holds it.
 */
static const char *
chart_label(const struct report *rep, const struct report_row *row,
    char label[128])
{
	const char	*l = report_label(rep, row);

	if (rep->by != DB_BY_AUDIENCE)
		return l;
	if (strncmp(l, "Consultation form for ", 22) == 0)
		return l + 22;
	if (strncmp(l, "Feedback form for ", 18) == 0) {
		snprintf(label, 128, "Feedback: %s", l + 18);
		return label;
	}
	return l;
}

/*
 * The bar chart's legend and bars (one per group: 0-100% across 400
 * units from x = 300, the period before as a black mark, a target as a
 * red dashed one), drawn from y = top down, into out.  Returns the
 * height used.
 */
static size_t
chart(struct buf *out, const struct report *rep, size_t top)
{
	const struct report_row *row;
	char		 n[10][24], r1[8], label[128];
	size_t		 i, y;
	int		 targets = 0;

	for (i = 0; i < rep->n; i++)
		targets |= rep->rows[i].target >= 0;
	snprintf(n[0], sizeof(n[0]), "%zu", top);
	snprintf(n[1], sizeof(n[1]), "%zu", top + 13);
	snprintf(n[2], sizeof(n[2]), "%zu", top + 16);
	struct tvar	 lv[] = { TV("y", n[0]), TV("ty", n[1]), TV("y2", n[2]),
	    TV("from", rep->from), TV("to", rep->to), TV("pfrom", rep->pfrom),
	    TV("pto", rep->pto), TV("targets", targets ? "1" : NULL) };
	tmpl_render(out, "report_legend", lv, NVARS(lv));
	for (i = 0; i < rep->n; i++) {
		row = &rep->rows[i];
		y = top + 32 + i * 28;
		snprintf(n[0], sizeof(n[0]), "%zu", y);
		snprintf(n[1], sizeof(n[1]), "%zu", y + 16);
		snprintf(n[2], sizeof(n[2]), "%d", row->rate < 0 ? 0 :
		    row->rate * 4);
		snprintf(n[3], sizeof(n[3]), "%d", 306 + (row->rate < 0 ? 0 :
		    row->rate * 4));
		snprintf(n[4], sizeof(n[4]), "%d", row->prev_rate * 4 + 300);
		snprintf(n[5], sizeof(n[5]), "%d", row->target * 4 + 300);
		snprintf(n[6], sizeof(n[6]), "%zu", y - 3);
		snprintf(n[7], sizeof(n[7]), "%zu", y + 23);
		struct tvar bv[] = { TV("y", n[0]), TV("ty", n[1]),
		    TV("w", n[2]), TV("vx", n[3]),
		    TV("label", chart_label(rep, row, label)),
		    TV("rate", pct(row->rate, r1)),
		    TV("px", row->prev_rate >= 0 ? n[4] : NULL),
		    TV("tx", row->target >= 0 ? n[5] : NULL),
		    TV("py1", n[6]), TV("py2", n[7]) };
		tmpl_render(out, "report_bar", bv, NVARS(bv));
	}
	return 32 + rep->n * 28 + 4;
}

/* The months from..to ("YYYY-MM"), at most max; returns how many. */
static size_t
months_of(const char *from, const char *to, char (*m)[8], size_t max)
{
	int32_t	 d = cal_parse(from), end = cal_parse(to);
	int	 y, mo, dd;
	size_t	 n = 0;
	char	 day[CAL_YMD_LEN];

	cal_ymd_of(d, &y, &mo, &dd);
	d = cal_day(y, mo, 1);
	for (; d <= end && n < max; d = cal_add_months(d, 1)) {
		cal_format(d, day);
		memcpy(m[n], day, 7);
		m[n++][7] = '\0';
	}
	return n;
}

#define AM_MONTHS	24	/* most months the audience-by-month table shows */

struct am {
	char		 months[AM_MONTHS][8];
	size_t		 nm;
	int64_t		 sent[FORM_NAUDIENCES][AM_MONTHS + 1];
	int64_t		 returned[FORM_NAUDIENCES][AM_MONTHS + 1];
};

/* Put one audience's month in its cell (db_rates_audience_month). */
static int
am_add(const void *rate, void *arg)
{
	const struct db_rate *d = rate;
	struct am	*a = arg;
	const char	*sp = strchr(d->group, ' ');
	char		 aud[64];
	int		 i;
	size_t		 j;

	if (sp == NULL)
		return 0;
	snprintf(aud, sizeof(aud), "%.*s", (int)(sp - d->group), d->group);
	if ((i = form_audience_index(aud)) < 0)
		return 0;
	for (j = 0; j < a->nm; j++)
		if (strcmp(a->months[j], sp + 1) == 0) {
			a->sent[i][j] += d->sent;
			a->returned[i][j] += d->returned;
			a->sent[i][a->nm] += d->sent;
			a->returned[i][a->nm] += d->returned;
		}
	return 0;
}

/*
 * The audience-by-month table (rows audiences with anything sent,
 * columns the months of from..to and the whole period; each cell
 * "returned of sent (rate)") into out.  Returns DB_OK or DB_ERR.
 */
static int
audience_months(struct buf *out, const char *from, const char *to)
{
	struct am	*a = xcalloc(1, sizeof(*a));
	struct buf	 head = { 0 }, rows = { 0 }, cells = { 0 }, cell = { 0 };
	char		 r1[8];
	size_t		 i, j;
	int		 rc = DB_ERR;

	a->nm = months_of(from, to, a->months, AM_MONTHS);
	if (db_rates_audience_month(from, to, am_add, a) != DB_OK)
		goto out;
	for (j = 0; j < a->nm; j++) {
		struct tvar hv[] = { TV("text", a->months[j]) };
		tmpl_render(&head, "report_am_head", hv, NVARS(hv));
	}
	for (i = 0; i < FORM_NAUDIENCES; i++) {
		if (a->sent[i][a->nm] == 0)
			continue;
		buf_reset(&cells);
		for (j = 0; j <= a->nm; j++) {
			buf_reset(&cell);
			if (a->sent[i][j] > 0)
				buf_printf(&cell, "%lld of %lld (%s)",
				    (long long)a->returned[i][j],
				    (long long)a->sent[i][j],
				    pct(report_rate(a->returned[i][j],
				    a->sent[i][j]), r1));
			struct tvar cv[] = { TV("month", j < a->nm ?
			    a->months[j] : "Whole period"),
			    TV("text", cell.len > 0 ? buf_str(&cell) : "-"),
			    TV("total", j == a->nm ? "1" : NULL) };
			tmpl_render(&cells, "report_am_cell", cv, NVARS(cv));
		}
		struct tvar rv[] = { TV("label", form_audience_name(
		    vocab_at(VOCAB_AUDIENCE, i)->word)), TM("cells", &cells) };
		tmpl_render(&rows, "report_am_row", rv, NVARS(rv));
	}
	struct tvar	 v[] = { TM("head", &head), TM("rows", &rows),
	    TV("cut", a->nm == AM_MONTHS && strncmp(a->months[AM_MONTHS - 1],
	    to, 7) < 0 ? a->months[AM_MONTHS - 1] : NULL),
	    TV("any", rows.len > 0 ? "1" : NULL) };
	tmpl_render(out, "report_am", v, NVARS(v));
	rc = DB_OK;
out:
	free(a);
	buf_free(&head);
	buf_free(&rows);
	buf_free(&cells);
	buf_free(&cell);
	return rc;
}

/* GET /admin/reports: the table, the chart and the breakdowns. */
void
rep_page(struct req *r, struct resp *p, const struct session *s)
{
	static const char *const bys[] = { "audience", "iro", "month",
	    "channel", "return_channel", "review", "wording" };
	struct report	 rep;
	struct buf	 rows = { 0 }, bars = { 0 }, m = { 0 }, links = { 0 };
	struct buf	 held = { 0 }, am = { 0 };
	char		 from[11], to[11], n[6][24], r1[8], r2[8], t1[8];
	char		 y[24], height[24];
	enum db_group	 by;
	size_t		 i;
	const struct report_row *row;

	char		 key[48], today[11];
	int64_t		 stamp;
	time_t		 t = time(NULL);
	struct tm	 tm;

	memset(&rep, 0, sizeof(rep));
	period(r, from, to, &by);
	/* Today too: a form stops being open when a day passes. */
	gmtime_r(&t, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	snprintf(key, sizeof(key), "%s %s %d %s", from, to, (int)by, today);
	stamp = db_stamp();
	if (stamp != -1 && stamp == cache.stamp && strcmp(key, cache.key) == 0) {
		page_staff(p, s, "Reports", &cache.html);
		return;
	}
	if (report_build(&rep, by, from, to) != DB_OK) {
		page_fail(p, __func__);
		goto out;
	}
	for (i = 0; i <= rep.n; i++) {
		row = i < rep.n ? &rep.rows[i] : &rep.all;
		snprintf(n[0], sizeof(n[0]), "%lld", (long long)row->sent);
		snprintf(n[1], sizeof(n[1]), "%lld", (long long)row->returned);
		snprintf(n[2], sizeof(n[2]), "%lld", (long long)row->late);
		snprintf(n[3], sizeof(n[3]), "%lld", (long long)row->prev_sent);
		snprintf(n[4], sizeof(n[4]), "%lld",
		    (long long)row->prev_returned);
		snprintf(n[5], sizeof(n[5]), "%lld", (long long)row->open);
		snprintf(y, sizeof(y), "%lld", (long long)row->not_returned);
		struct tvar v[] = {
			TV("group", report_label(&rep, row)),
			TV("sent", n[0]), TV("returned", n[1]),
			TV("late", n[2]), TV("rate", pct(row->rate, r1)),
			TV("target", row->target >= 0 ? pct(row->target, t1) :
			    NULL),
			TV("met", row->target >= 0 && row->rate >= row->target
			    ? "1" : NULL),
			TV("missed", row->target >= 0 && row->rate <
			    row->target ? "1" : NULL),
			TV("prev_sent", n[3]), TV("prev_returned", n[4]),
			TV("prev_rate", pct(row->prev_rate, r2)),
			TV("open", n[5]), TV("not_returned", y),
			TV("all", i == rep.n ? "1" : NULL),
		};
		tmpl_render(&rows, "report_row", v, NVARS(v));
	}
	snprintf(height, sizeof(height), "%zu", chart(&bars, &rep, 0));
	for (i = 0; i < sizeof(bys) / sizeof(bys[0]); i++) {
		struct tvar lv[] = { TV("from", from), TV("to", to),
		    TV("by", bys[i]), TV("current", strcmp(bys[i],
		    report_group_name(by)) == 0 ? "1" : NULL) };
		tmpl_render(&links, "report_by", lv, NVARS(lv));
	}
	if (held_section(&held, by, from, to) != DB_OK ||
	    pn_section(&held, by, from, to) != DB_OK ||
	    (by == DB_BY_AUDIENCE && audience_months(&am, from, to) !=
	    DB_OK)) {
		page_fail(p, __func__);
		goto out;
	}
	struct tvar	 v[] = { TM("held", &held), TV("from", from), TV("to", to),
	    TV("pfrom", rep.pfrom), TV("pto", rep.pto),
	    TV("basis", report_previous_words(rep.prev_kind)),
	    TV("by", report_group_name(by)), TM("rows", &rows),
	    TM("bars", &bars), TV("height", height), TM("links", &links),
	    TM("am", &am), TV("bymonth", by == DB_BY_MONTH ? "1" : NULL),
	    TV("any", rep.n > 0 ? "1" : NULL) };
	tmpl_render(&m, "report", v, NVARS(v));
	page_staff(p, s, "Reports", &m);
	buf_reset(&cache.html);
	buf_add(&cache.html, buf_str(&m), m.len);
	snprintf(cache.key, sizeof(cache.key), "%s", key);
	cache.stamp = stamp;
out:
	report_free(&rep);
	buf_free(&rows);
	buf_free(&bars);
	buf_free(&links);
	buf_free(&held);
	buf_free(&am);
	buf_free(&m);
}

/* GET /admin/reports.csv: the same report as a CSV download. */
void
rep_csv(struct req *r, struct resp *p, const struct session *s)
{
	struct report	 rep;
	char		 from[11], to[11], disp[96];
	enum db_group	 by;

	(void)s;
	period(r, from, to, &by);
	if (report_build(&rep, by, from, to) != DB_OK) {
		report_free(&rep);
		page_fail(p, __func__);
		return;
	}
	p->ctype = "text/csv; charset=utf-8";
	snprintf(disp, sizeof(disp), "attachment; filename=\"return-rates-"
	    "%s-to-%s-by-%s.csv\"", from, to, report_group_name(by));
	resp_header(p, "Content-Disposition", disp);
	report_csv(&rep, &p->body);
	report_free(&rep);
}

/*
 * GET /admin/reports.svg: the report's chart as a standalone SVG file,
 * with its own title, the period and the one it is compared with, and
 * a legend; every word in it escaped by tmpl.
 */
void
rep_svg(struct req *r, struct resp *p, const struct session *s)
{
	struct report	 rep;
	struct buf	 bars = { 0 }, title = { 0 }, desc = { 0 };
	char		 from[11], to[11], disp[96], height[24];
	enum db_group	 by;

	(void)s;
	period(r, from, to, &by);
	if (report_build(&rep, by, from, to) != DB_OK) {
		page_fail(p, __func__);
		goto out;
	}
	snprintf(height, sizeof(height), "%zu", 60 + chart(&bars, &rep, 60));
	buf_printf(&title, "Return rates by %s, %s to %s",
	    report_group_name(by), from, to);
	buf_printf(&desc, "Returned as a share of sent (%lld of %lld in all). "
	    "Black marks: %s to %s, %s.", (long long)rep.all.returned,
	    (long long)rep.all.sent, rep.pfrom, rep.pto,
	    report_previous_words(rep.prev_kind));
	struct tvar	 v[] = { TV("title", buf_str(&title)),
	    TV("desc", buf_str(&desc)), TV("height", height),
	    TM("chart", &bars) };
	tmpl_render(&p->body, "report_svg", v, NVARS(v));
	p->ctype = "image/svg+xml; charset=utf-8";
	snprintf(disp, sizeof(disp), "attachment; filename=\"return-rates-"
	    "%s-to-%s-by-%s.svg\"", from, to, report_group_name(by));
	resp_header(p, "Content-Disposition", disp);
out:
	report_free(&rep);
	buf_free(&bars);
	buf_free(&title);
	buf_free(&desc);
}

/*
 * The grouping a measure's CSV asks for (?by=iro|month|all; iro when not
 * given), after reading the period into from and to.
 */
static enum db_held_group
measure_by(struct req *r, char from[11], char to[11])
{
	enum db_group	 by;
	int		 g;

	period(r, from, to, &by);
	g = r->in[REP_BY] != NULL ? report_held_group(r->in[REP_BY]) : -1;
	return g < 0 ? DB_HELD_IRO : (enum db_held_group)g;
}

/* Send out as a CSV download named NAME-FROM-to-TO.csv. */
static void
measure_csv(struct resp *p, const char *name, const char *from,
    const char *to)
{
	char	 disp[96];

	p->ctype = "text/csv; charset=utf-8";
	snprintf(disp, sizeof(disp), "attachment; filename=\"%s-%s-to-%s.csv\"",
	    name, from, to);
	resp_header(p, "Content-Disposition", disp);
}

/*
 * GET /admin/reports/held.csv: reviews held within timescale as CSV, by
 * IRO, month or all (?by=iro|month|all; iro when not given).
 */
void
rep_held_csv(struct req *r, struct resp *p, const struct session *s)
{
	struct report_held h;
	char		 from[11], to[11];

	(void)s;
	if (report_held_build(&h, measure_by(r, from, to), from, to) !=
	    DB_OK) {
		report_held_free(&h);
		page_fail(p, __func__);
		return;
	}
	measure_csv(p, "reviews-held-in-time", from, to);
	report_held_csv(&h, &p->body);
	report_held_free(&h);
}

/*
 * GET /admin/reports/participation.csv: the annual report's
 * participation and in-person figures as CSV, by IRO, month or all
 * (?by=iro|month|all; iro when not given).
 */
void
rep_pn_csv(struct req *r, struct resp *p, const struct session *s)
{
	struct report_pn rp;
	char		 from[11], to[11];

	(void)s;
	if (report_pn_build(&rp, measure_by(r, from, to), from, to) !=
	    DB_OK) {
		report_pn_free(&rp);
		page_fail(p, __func__);
		return;
	}
	measure_csv(p, "participation", from, to);
	report_pn_csv(&rp, &p->body);
	report_pn_free(&rp);
}

/*
 * The financial year the targets page shows: ?year=YYYY (the year of
 * its 1 April), else the current one.
 */
static int
targets_year(struct req *r)
{
	const char	*v = kv_get(&r->query, "year");
	char		 today[11];
	time_t		 t = time(NULL);
	struct tm	 tm;

	if (v != NULL && strlen(v) == 4 && http_field_ok(FT_UINT, v, 4) &&
	    atoi(v) >= 2000 && atoi(v) <= 2099)
		return atoi(v);
	gmtime_r(&t, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	return report_fy(today);
}

/*
 * GET/POST /admin/targets?year=YYYY: a target percentage per audience
 * for one financial year, carried forward to later years until changed.
 */
void
rep_targets(struct req *r, struct resp *p, const struct session *s)
{
	struct buf	 rows = { 0 }, m = { 0 };
	const char	*v, *aud, *err = NULL, *target = NULL;
	char		 cur[8], id[48], y[16], yn[16], yp[16], yname[32];
	char		 subject[32];
	int		 i, t, year = targets_year(r);
	char		*end;
	long		 n;

	if (r->method == HTTP_POST) {
		if (db_begin() != DB_OK) {
			page_fail(p, __func__);
			goto out;
		}
		for (i = 0; i < FORM_NAUDIENCES && err == NULL; i++) {
			aud = vocab_at(VOCAB_AUDIENCE, i)->word;
			v = kv_get(&r->body, aud);
			if (v == NULL || *v == '\0')
				continue;
			n = strtol(v, &end, 10);
			if (*end != '\0' || n < 0 || n > 100) {
				err = "A target is a whole number from 0 to 100";
				target = aud;
			} else if (db_target_set(aud, year, (int)n) != DB_OK) {
				db_rollback();
				page_fail(p, __func__);
				goto out;
			}
		}
		snprintf(subject, sizeof(subject), "%d/%02d", year,
		    (year + 1) % 100);
		if (err != NULL)
			db_rollback();
		else if (db_commit() != DB_OK ||
		    db_audit(s->who.id, "targets", subject) != DB_OK) {
			page_fail(p, __func__);
			goto out;
		}
	}
	for (i = 0; i < FORM_NAUDIENCES; i++) {
		aud = vocab_at(VOCAB_AUDIENCE, i)->word;
		v = kv_get(&r->body, aud);
		if (r->method != HTTP_POST || err == NULL || v == NULL)
			v = db_target_get(aud, year, &t) == DB_OK ?
			    (snprintf(cur, sizeof(cur), "%d", t), cur) : "";
		snprintf(id, sizeof(id), "%s", aud);
		struct tvar tv[] = { TV("id", id),
		    TV("label", form_audience_name(aud)),
		    TV("value", v), TV("error", target != NULL &&
		    strcmp(target, id) == 0 ? err : NULL) };
		tmpl_render(&rows, "report_target", tv, NVARS(tv));
	}
	snprintf(y, sizeof(y), "%d", year);
	snprintf(yp, sizeof(yp), "%d", year - 1);
	snprintf(yn, sizeof(yn), "%d", year + 1);
	snprintf(yname, sizeof(yname), "%d/%02d", year, (year + 1) % 100);
	struct tvar	 tv[] = { TV("csrf", s->csrf), TM("rows", &rows),
	    TV("error", err), TV("target", target), TV("year", y),
	    TV("yname", yname), TV("prev", yp), TV("next", yn),
	    TV("saved", r->method == HTTP_POST && err == NULL ? "1" : NULL) };
	tmpl_render(&m, "report_targets", tv, NVARS(tv));
	page_staff(p, s, err ? "Error: Targets" : "Targets", &m);
out:
	buf_free(&rows);
	buf_free(&m);
}

/* One line of problems as a list item. */
static void
problem_items(const struct buf *problems, struct buf *items)
{
	const char	*p = buf_str(problems), *nl;
	char		 line[512];

	for (; *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			break;
		snprintf(line, sizeof(line), "%.*s", (int)(nl - p), p);
		struct tvar v[] = { TV("text", line) };
		tmpl_render(items, "report_903_item", v, NVARS(v));
	}
}

/*
 * GET /admin/reports/ssda903.csv?from=D&to=D (managers): the DfE's
 * SSDA903 Reviews table for reviews held in the period (this financial
 * year when not given), or a page naming each review that would fail
 * its checks (409).  Audited.
 */
void
rep_ssda903(struct req *r, struct resp *p, const struct session *s)
{
	struct buf	 csv = { 0 }, problems = { 0 }, items = { 0 }, m = { 0 };
	char		 from[11], to[11], disp[96], count[24];
	enum db_group	 by;
	int		 n;

	period(r, from, to, &by);
	if ((n = report_ssda903(from, to, &csv, &problems)) < 0) {
		page_fail(p, __func__);
		goto out;
	}
	if (n > 0) {
		problem_items(&problems, &items);
		snprintf(count, sizeof(count), "%d", n);
		struct tvar v[] = { TV("count", count), TV("from", from),
		    TV("to", to), TM("items", &items) };
		tmpl_render(&m, "report_903", v, NVARS(v));
		page_staff(p, s, "SSDA903 export refused", &m);
		p->status = 409;
		goto out;
	}
	if (db_audit(s->who.id, "export", "ssda903") != DB_OK) {
		page_fail(p, __func__);
		goto out;
	}
	p->ctype = "text/csv; charset=utf-8";
	snprintf(disp, sizeof(disp), "attachment; filename=\"ssda903-reviews-"
	    "%s-to-%s.csv\"", from, to);
	resp_header(p, "Content-Disposition", disp);
	buf_add(&p->body, csv.data, csv.len);
out:
	buf_free(&csv);
	buf_free(&problems);
	buf_free(&items);
	buf_free(&m);
}
