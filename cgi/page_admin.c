/*
 * page_admin: what the staff pages share: 404 for what is not there or
 * not the person's to see, loading a review with the IRO's scope,
 * dates, and <option> lists of a vocabulary.  The pages themselves are
 * page_signin.c, page_reviews.c, page_actions.c, page_answers.c and
 * page_staff.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "page_admin.h"
#include "vocab.h"

/* Today, or today plus n days, as YYYY-MM-DD (UTC). */
void
adm_date_in(int n, char out[11])
{
	time_t		 t = time(NULL) + (time_t)n * 86400;
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/*
 * Append an <option> to out for each word of list l that has every flag
 * in flags (0: every word), the word sel selected.
 */
void
adm_options(struct buf *out, enum vocab_list l, unsigned flags,
    const char *sel)
{
	const struct vocab_word *w;
	size_t		 i;

	for (i = 0; i < vocab_count(l); i++) {
		w = vocab_at(l, i);
		if ((w->flags & flags) != flags)
			continue;
		struct tvar v[] = { TV("value", w->word), TV("text", w->label),
		    TV("selected", sel != NULL && strcmp(sel, w->word) == 0 ?
		    "1" : NULL) };
		tmpl_render(out, "admin_option", v, NVARS(v));
	}
}

/*
 * 404 for something a member of staff may not see, or that is not
 * there: the same answer, so ids cannot be probed.  A refusal is logged
 * and audited.
 */
void
adm_not_found(struct resp *p, const struct session *s, const char *what)
{
	struct buf	 m = { 0 };
	struct tvar	 v[] = { TV("heading", "Page not found"),
	    TV("text", "There is nothing here, or it is not yours to see.") };

	if (what != NULL) {
		log_line("%s: %s refused %s", __func__, s->who.username, what);
		db_audit(s->who.id, "refused", what);
	}
	p->status = 404;
	tmpl_render(&m, "message", v, NVARS(v));
	page_staff(p, s, "Page not found", &m);
	buf_free(&m);
}

/*
 * Load a review the member of staff may see into rv.  Returns 0, or -1
 * after answering 404 (and auditing an IRO's reach for another's child).
 */
int
adm_load_review(struct resp *p, const struct session *s, const char *id,
    struct db_review *rv)
{
	char	 what[64];

	if (id == NULL || db_review_get(atoll(id), rv) != DB_OK) {
		adm_not_found(p, s, NULL);
		return -1;
	}
	if (page_role(s) == R_IRO && rv->iro_id != s->who.id) {
		snprintf(what, sizeof(what), "review %lld", (long long)rv->id);
		adm_not_found(p, s, what);
		return -1;
	}
	return 0;
}

/*
 * A value typed into a textarea, one line each (an address), as the
 * one line contact.c reads: lines joined by '|', carriage returns and
 * a trailing newline dropped.  Writes out (n bytes); returns 0, or -1
 * when it does not fit.
 */
int
adm_lines(const char *typed, char *out, size_t n)
{
	size_t	 i = 0;

	for (; *typed != '\0'; typed++) {
		if (*typed == '\r')
			continue;
		if (i + 1 >= n)
			return -1;
		out[i++] = *typed == '\n' ? '|' : *typed;
	}
	while (i > 0 && out[i - 1] == '|')
		i--;
	out[i] = '\0';
	return 0;
}

/*
 * A stored value with '|' between lines (an address) as lines for a
 * textarea, appended to out.
 */
void
adm_unlines(struct buf *out, const char *stored)
{
	for (; *stored != '\0'; stored++)
		buf_putc(out, *stored == '|' ? '\n' : *stored);
}
