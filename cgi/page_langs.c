/*
 * page_langs: the Languages page.  A translation stays "draft, not yet
 * checked by an interpreter" until a manager or admin signs it off
 * here (or with heardctl lang status CODE checked); who and when are
 * kept with it, and the change is in the audit log.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lang.h"
#include "log.h"
#include "page_admin.h"
#include "page_langs.h"

const struct field langs_status_fields[LANGS__N] = {
	[LANGS_CODE] = { "code", FS_BODY, FT_VOCAB, 8, VOCAB(VOCAB_LANG) },
	[LANGS_STATUS] = { "status", FS_BODY, FT_VOCAB, 8,
	    VOCAB(VOCAB_LANG_STATUS) },
};

/* The statuses recorded, kept for the page. */
struct statuses {
	struct db_lang_status	 s[16];
	size_t			 n;
};

/* db_lang_status_each()'s callback: keep the row. */
static int
keep(const void *row, void *arg)
{
	struct statuses	*st = arg;

	if (st->n < sizeof(st->s) / sizeof(st->s[0]))
		st->s[st->n++] = *(const struct db_lang_status *)row;
	return 0;
}

/* The forms a language offers, in words, into out. */
static void
forms_of(struct buf *out, const char *code)
{
	const struct vocab_word *w;
	size_t	 i;

	buf_reset(out);
	for (i = 0; (w = vocab_at(VOCAB_AUDIENCE, i)) != NULL; i++)
		if (lang_offers(code, w->word))
			buf_printf(out, "%s%s", out->len ? ", " : "",
			    w->label);
	if (out->len == 0)
		buf_puts(out, "None yet");
}

/* Render the page, with notice (or NULL) at the top. */
static void
render(struct resp *p, const struct session *s, const char *notice)
{
	struct statuses	 st = { 0 };
	const struct vocab_word *w;
	const struct db_lang_status *hit;
	struct buf	 rows = { 0 }, forms = { 0 }, m = { 0 };
	char		 when[32];
	size_t		 i, j;
	time_t		 t;
	struct tm	 tm;
	int		 checked;

	if (db_lang_status_each(keep, &st) != DB_OK) {
		page_fail(p, __func__);
		return;
	}
	for (i = 1; (w = vocab_at(VOCAB_LANG, i)) != NULL; i++) {
		for (hit = NULL, j = 0; j < st.n; j++)
			if (strcmp(st.s[j].code, w->word) == 0)
				hit = &st.s[j];
		checked = hit != NULL && strcmp(hit->status, "checked") == 0;
		when[0] = '\0';
		if (hit != NULL) {
			t = (time_t)hit->at;
			gmtime_r(&t, &tm);
			strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
		}
		forms_of(&forms, w->word);
		struct tvar v[] = {
			TV("code", w->word), TV("name", w->label),
			TV("native", w->meaning),
			TV("dir", w->flags & VW_RTL ? "rtl" : "ltr"),
			TV("forms", buf_str(&forms)),
			TV("checked", checked ? "1" : NULL),
			TV("status", vocab_label(VOCAB_LANG_STATUS, checked ?
			    "checked" : "draft")),
			TV("by", hit != NULL ? hit->by : NULL),
			TV("when", when), TV("csrf", s->csrf),
		};
		tmpl_render(&rows, "admin_lang_row", v, NVARS(v));
	}
	struct tvar	 v[] = { TM("rows", &rows), TV("notice", notice) };
	tmpl_render(&m, "admin_langs", v, NVARS(v));
	page_staff(p, s, "Languages", &m);
	buf_free(&rows);
	buf_free(&forms);
	buf_free(&m);
}

/* GET /admin/languages: every translation and its status. */
void
langs_page(struct req *r, struct resp *p, const struct session *s)
{
	(void)r;
	render(p, s, NULL);
}

/*
 * POST /admin/languages/status: sign a translation off as checked by
 * an interpreter, or put it back to draft; recorded with who and when,
 * and audited, in one transaction.
 */
void
langs_status(struct req *r, struct resp *p, const struct session *s)
{
	const char	*code = r->in[LANGS_CODE], *st = r->in[LANGS_STATUS];
	char		 subject[64], notice[160];

	if (code == NULL || st == NULL || strcmp(code, "en") == 0) {
		adm_not_found(p, s, NULL);
		return;
	}
	snprintf(subject, sizeof(subject), "%s %s", code, st);
	if (db_begin() != DB_OK) {
		page_fail(p, __func__);
		return;
	}
	if (db_lang_status_set(code, st) != DB_OK ||
	    db_audit(s->who.id, "lang-status", subject) != DB_OK ||
	    db_commit() != DB_OK) {
		db_rollback();
		page_fail(p, __func__);
		return;
	}
	snprintf(notice, sizeof(notice), strcmp(st, "checked") == 0 ?
	    "The %s translation is signed off as checked." :
	    "The %s translation is a draft again.",
	    vocab_label(VOCAB_LANG, code));
	render(p, s, notice);
}
