/*
 * page_audit: who did what, and when, for managers.  A page holds
 * AUDIT_PAGE entries, newest first; "Older" and "Newer" carry the id
 * of the last entry shown (a keyset cursor, so a page deep in a large
 * log costs what the first does).  Filters narrow it to a child, a
 * review, a person, an action or a span of days; the CSV holds every
 * entry the filters pass, and is itself audited.
 *
 * What a filter matches is what the log stores: an entry names a
 * review when its subject is "consultation N ..." or "review N" (reading
 * views, a refused reach), and a child when it names a review or is a
 * review's change, which names the child (db.c's S_AUDIT).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cal.h"
#include "csv.h"
#include "page_audit.h"

#define AUDIT_PAGE	50	/* entries on one page */

const struct field audit_fields[AUD__N] = {
	[AUD_CHILD] = { "child", FS_QUERY, FT_LINE, 60, NULL },
	[AUD_REVIEW] = { "review", FS_QUERY, FT_UINT, 0, NULL },
	[AUD_PERSON] = { "person", FS_QUERY, FT_LINE, 64, NULL },
	[AUD_ACTION] = { "action", FS_QUERY, FT_VOCAB, 0,
	    VOCAB(VOCAB_AUDIT_ACTION) },
	[AUD_FROM] = { "from", FS_QUERY, FT_DATE, 0, NULL },
	[AUD_TO] = { "to", FS_QUERY, FT_DATE, 0, NULL },
	[AUD_BEFORE] = { "before", FS_QUERY, FT_UINT, 0, NULL },
	[AUD_AFTER] = { "after", FS_QUERY, FT_UINT, 0, NULL },
};

/* What each filter says when its value cannot be used. */
static const char *const audit_errors[AUD__N] = {
	[AUD_CHILD] = "Enter a case reference on one line, at most 60 "
	    "characters",
	[AUD_REVIEW] = "Enter a review number, like 1024",
	[AUD_PERSON] = "Enter a user name on one line, at most 64 characters",
	[AUD_ACTION] = "Choose an action from the list",
	[AUD_FROM] = "Enter a real date, like 2026-04-01",
	[AUD_TO] = "Enter a real date, like 2026-04-30",
	[AUD_BEFORE] = "That page is not in the log",
	[AUD_AFTER] = "That page is not in the log",
};

/* The filters as read: each raw value, and why it is not used. */
struct audit_ask {
	struct db_audit_filter f;
	const char	*raw[AUD__N];	/* as sent, or "" */
	const char	*err[AUD__N];	/* NULL when usable or not given */
	int		 nerr;
};

/*
 * Read the query into a: a blank field is no filter, a value its field
 * refuses is an error beside it (and no filter), and the rest make the
 * database's filter.  Dates are whole days, UTC, as the page shows.
 */
static void
audit_read(struct req *r, struct audit_ask *a, int64_t limit)
{
	const char	*v;
	int		 i;

	memset(a, 0, sizeof(*a));
	for (i = 0; i < AUD__N; i++) {
		v = kv_get(&r->query, audit_fields[i].name);
		a->raw[i] = v != NULL ? v : "";
		if (v == NULL || *v == '\0')
			continue;
		if (r->in[i] == NULL) {
			a->err[i] = audit_errors[i];
			a->nerr++;
		}
	}
	a->f.child = r->in[AUD_CHILD] != NULL && *r->in[AUD_CHILD] != '\0' ?
	    r->in[AUD_CHILD] : NULL;
	a->f.review = r->in[AUD_REVIEW] != NULL ?
	    strtoll(r->in[AUD_REVIEW], NULL, 10) : 0;
	a->f.person = r->in[AUD_PERSON] != NULL &&
	    *r->in[AUD_PERSON] != '\0' ? r->in[AUD_PERSON] : NULL;
	a->f.action = r->in[AUD_ACTION];
	if (r->in[AUD_FROM] != NULL)
		a->f.at_from = (int64_t)cal_parse(r->in[AUD_FROM]) * 86400;
	if (r->in[AUD_TO] != NULL)
		a->f.at_to = ((int64_t)cal_parse(r->in[AUD_TO]) + 1) * 86400;
	if (r->in[AUD_AFTER] != NULL) {
		a->f.cursor = strtoll(r->in[AUD_AFTER], NULL, 10);
		a->f.newer = 1;
	} else if (r->in[AUD_BEFORE] != NULL)
		a->f.cursor = strtoll(r->in[AUD_BEFORE], NULL, 10);
	a->f.limit = limit;
}

struct audit_rows {
	struct db_audit_row *v;
	size_t		 n;
};

/* Keep one entry (db_audit_page's callback). */
static int
audit_keep(const void *row, void *arg)
{
	struct audit_rows *rs = arg;

	rs->v = xrealloc(rs->v, (rs->n + 1) * sizeof(*rs->v));
	rs->v[rs->n++] = *(const struct db_audit_row *)row;
	return 0;
}

/* An entry's time as the page and the CSV show it. */
static void
audit_when(int64_t at, char when[32])
{
	time_t		 t = (time_t)at;
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(when, 32, "%Y-%m-%d %H:%M UTC", &tm);
}

/* One entry as a table row. */
static void
audit_row(struct buf *rows, const struct db_audit_row *a)
{
	char		 when[32], rv[24];

	audit_when(a->at, when);
	snprintf(rv, sizeof(rv), "%lld", (long long)a->review);
	struct tvar	 v[] = { TV("when", when), TV("who", a->who),
	    TV("action", vocab_label(VOCAB_AUDIT_ACTION, a->action)),
	    TV("subject", a->subject), TV("child", a->child),
	    TV("review", a->review > 0 ? rv : NULL) };
	tmpl_render(rows, "audit_row", v, NVARS(v));
}

/*
 * The query string of the filters in use (as sent, every one but the
 * cursors), URL-encoded, starting with '&' before each.
 */
static void
audit_query(const struct audit_ask *a, struct buf *q)
{
	int	 i;

	for (i = 0; i < AUD_BEFORE; i++)
		if (*a->raw[i] != '\0') {
			buf_printf(q, "&%s=", audit_fields[i].name);
			http_urlencode(q, a->raw[i]);
		}
}

/*
 * GET /admin/audit (managers): a page of the log, filtered; "Older" and
 * "Newer" links by id.  A filter that cannot be used is said beside its
 * field, with what was typed kept, and the log is not shown.
 */
void
audit_page(struct req *r, struct resp *p, const struct session *s)
{
	struct audit_ask a;
	struct audit_rows rs = { NULL, 0 };
	struct buf	 rows = { 0 }, opts = { 0 }, m = { 0 }, q = { 0 };
	struct buf	 items = { 0 }, summary = { 0 };
	char		 older[24], newer[24];
	const struct vocab_word *w;
	size_t		 i, shown;
	int		 more, k;

	audit_read(r, &a, AUDIT_PAGE + 1);
	for (k = 0; k < AUD__N; k++)
		if (a.err[k] != NULL) {
			struct tvar ev[] = { TV("target",
			    audit_fields[k].name), TV("msg", a.err[k]) };
			tmpl_render(&items, "error_item", ev, NVARS(ev));
		}
	if (a.nerr > 0) {
		struct tvar sv[] = { TM("items", &items) };
		tmpl_render(&summary, "error_summary", sv, NVARS(sv));
	} else if (db_audit_page(&a.f, audit_keep, &rs) != DB_OK) {
		page_fail(p, __func__);
		goto out;
	}
	more = rs.n > AUDIT_PAGE;
	shown = more ? AUDIT_PAGE : rs.n;
	/* Newer pages come oldest first: shown newest first all the same. */
	for (i = 0; i < shown; i++)
		audit_row(&rows, &rs.v[a.f.newer ? shown - 1 - i : i]);
	older[0] = newer[0] = '\0';
	if (shown > 0) {
		int64_t lo = a.f.newer ? rs.v[0].id : rs.v[shown - 1].id;
		int64_t hi = a.f.newer ? rs.v[shown - 1].id : rs.v[0].id;
		if (a.f.newer || more)
			snprintf(older, sizeof(older), "%lld", (long long)lo);
		if ((a.f.newer && more) || (!a.f.newer && a.f.cursor > 0))
			snprintf(newer, sizeof(newer), "%lld", (long long)hi);
	}
	for (i = 0; (w = vocab_at(VOCAB_AUDIT_ACTION, i)) != NULL; i++) {
		struct tvar ov[] = { TV("value", w->word), TV("text", w->label),
		    TV("selected", strcmp(a.raw[AUD_ACTION], w->word) == 0 ?
		    "1" : NULL) };
		tmpl_render(&opts, "admin_option", ov, NVARS(ov));
	}
	audit_query(&a, &q);
	struct tvar	 v[] = { TM("summary", &summary), TM("rows", &rows),
	    TM("actions", &opts), TV("child", a.raw[AUD_CHILD]),
	    TV("review", a.raw[AUD_REVIEW]), TV("person", a.raw[AUD_PERSON]),
	    TV("from", a.raw[AUD_FROM]), TV("to", a.raw[AUD_TO]),
	    TV("e_child", a.err[AUD_CHILD]), TV("e_review", a.err[AUD_REVIEW]),
	    TV("e_person", a.err[AUD_PERSON]),
	    TV("e_action", a.err[AUD_ACTION]), TV("e_from", a.err[AUD_FROM]),
	    TV("e_to", a.err[AUD_TO]), TV("e_page", a.err[AUD_BEFORE] != NULL ?
	    a.err[AUD_BEFORE] : a.err[AUD_AFTER]),
	    TV("q", buf_str(&q)), TV("older", older[0] ? older : NULL),
	    TV("newer", newer[0] ? newer : NULL),
	    TV("any", shown > 0 ? "1" : NULL),
	    TV("none", shown == 0 && a.nerr == 0 ? "1" : NULL) };
	tmpl_render(&m, "audit", v, NVARS(v));
	page_staff(p, s, a.nerr > 0 ? "Error: Audit log" : "Audit log", &m);
	if (a.nerr > 0)
		p->status = 400;
out:
	free(rs.v);
	buf_free(&rows);
	buf_free(&opts);
	buf_free(&m);
	buf_free(&q);
	buf_free(&items);
	buf_free(&summary);
}

/* Write one entry as a CSV line (db_audit_page's callback). */
static int
audit_csv_row(const void *row, void *arg)
{
	const struct db_audit_row *a = row;
	struct buf	*out = arg;
	char		 when[32];

	audit_when(a->at, when);
	buf_printf(out, "%lld,", (long long)a->id);
	csv_field(out, when);
	buf_putc(out, ',');
	csv_field(out, a->who);
	buf_putc(out, ',');
	csv_field(out, a->action);
	buf_putc(out, ',');
	csv_field(out, a->subject);
	buf_putc(out, ',');
	csv_field(out, a->child);
	buf_putc(out, ',');
	if (a->review > 0)
		buf_printf(out, "%lld", (long long)a->review);
	buf_puts(out, "\r\n");
	return 0;
}

/*
 * GET /admin/audit.csv (managers): every entry the filters pass (the
 * cursors are ignored), newest first, each field formula-safe.  The
 * download is audited, with its filters.  A filter that cannot be used
 * shows the page with it explained instead.
 */
void
audit_csv(struct req *r, struct resp *p, const struct session *s)
{
	struct audit_ask a;
	struct buf	 q = { 0 };
	char		 disp[96], today[11];
	time_t		 t = time(NULL);
	struct tm	 tm;

	audit_read(r, &a, -1);
	if (a.nerr > 0) {
		audit_page(r, p, s);
		return;
	}
	a.f.cursor = 0;
	a.f.newer = 0;
	audit_query(&a, &q);
	if (db_audit(s->who.id, "audit-export", q.len > 0 ? buf_str(&q) + 1 :
	    "all") != DB_OK) {
		page_fail(p, __func__);
		goto out;
	}
	buf_puts(&p->body, "id,when,who,action,subject,child,review\r\n");
	if (db_audit_page(&a.f, audit_csv_row, &p->body) != DB_OK) {
		buf_reset(&p->body);
		page_fail(p, __func__);
		goto out;
	}
	gmtime_r(&t, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	p->ctype = "text/csv; charset=utf-8";
	snprintf(disp, sizeof(disp), "attachment; filename=\"audit-log-%s.csv\"",
	    today);
	resp_header(p, "Content-Disposition", disp);
out:
	buf_free(&q);
}
