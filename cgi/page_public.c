/*
 * page_public: the pages a person answering a consultation sees.
 *
 * A link token appears in exactly one request, GET /c/TOKEN, which
 * swaps it for a visit cookie and redirects to /form: the token never
 * stays in the address bar, the history or a Referer.  The visit cookie
 * is SameSite=Lax, not Strict, because links are opened from email and
 * text messages: a Strict cookie set on a cross-site navigation is not
 * sent on its own redirect, and the person would see "session ended".
 * POSTs are protected by a CSRF token derived from the cookie instead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "asking.h"
#include "cal.h"
#include "consult.h"
#include "forms.h"
#include "lang.h"
#include "log.h"
#include "page_public.h"
#include "scribe.h"
#include "speak.h"

#define MAX_ERRORS	64

/*
 * The draft remembers the page the person reached under this key, so a
 * saved form opens where they left it.  A dot is never in a question id,
 * and the key is taken out before the answers are sent.
 */
#define REACHED		".page"

/* A text box says its limit once the text is this share of it (in %). */
#define NEAR_LIMIT	80

const struct field pub_code_fields[CODE__N] = {
	[CODE_CSRF] = { "csrf", FS_BODY, FT_TOKEN, 0, NULL },
	[CODE_CODE] = { "code", FS_BODY, FT_LINE, 40, NULL },
	[CODE_Q_LANG] = { "lang", FS_QUERY, FT_VOCAB, 8, VOCAB(VOCAB_LANG) },
	[CODE_LANG] = { "lang", FS_BODY, FT_VOCAB, 8, VOCAB(VOCAB_LANG) },
};

const struct field pub_form_fields[FORM__N] = {
	[FORM_Q_PAGE] = { "p", FS_QUERY, FT_UINT, 3, NULL },
	[FORM_CSRF] = { "csrf", FS_BODY, FT_TOKEN, 0, NULL },
	[FORM_PAGE] = { "page", FS_BODY, FT_UINT, 3, NULL },
	[FORM_ACTION] = { "action", FS_BODY, FT_WORD, 8, NULL },
	[FORM_Q_CHECK] = { "check", FS_QUERY, FT_UINT, 1, NULL },
	[FORM_Q_LANG] = { "lang", FS_QUERY, FT_VOCAB, 8, VOCAB(VOCAB_LANG) },
};

/*
 * Put English en in the current language into dst (n bytes), {1} and
 * {2} replaced by a and b: for texts shown as values (escaped later),
 * such as an error message with numbers in it.
 */
static void
words_fill(char *dst, size_t n, const char *en, const char *a,
    const char *b)
{
	const char	*s = lang_t(en), *p;
	size_t		 k = 0;

	for (p = s; *p != '\0' && k + 1 < n; p++) {
		if (p[0] == '{' && (p[1] == '1' || p[1] == '2') &&
		    p[2] == '}') {
			k += (size_t)snprintf(dst + k, n - k, "%s",
			    p[1] == '1' ? a : b);
			if (k >= n)
				k = n - 1;
			p += 2;
		} else
			dst[k++] = *p;
	}
	dst[k] = '\0';
}

/*
 * On a page in another language, mark English words program-rendered
 * elsewhere (who is asking, what happens next: asking.c, for the forms
 * whose words it has only in English) as English, so
 * they read left to right and a screen reader says them in English.
 * b is replaced; nothing changes on an English page.
 */
static void
english_part(struct buf *b)
{
	struct buf	 w = { 0 };

	if (b->len == 0 || strcmp(lang_code(), "en") == 0)
		return;
	struct tvar	 v[] = { TM("html", b) };
	tmpl_render(&w, "lang_en", v, NVARS(v));
	buf_reset(b);
	buf_add(b, w.data, w.len);
	buf_free(&w);
}

/*
 * The language links of a form's first page (or the code page, aud
 * NULL): every language offering the form, each named in itself, the
 * current one not a link.  href is the page's path, page its ?p= (or
 * NULL).
 */
static void
language_links(struct buf *out, const char *aud, const char *href,
    const char *page)
{
	const struct vocab_word *w;
	struct buf	 items = { 0 };
	size_t		 i;

	for (i = 0; (w = vocab_at(VOCAB_LANG, i)) != NULL; i++) {
		if (aud != NULL && !lang_offers(w->word, aud))
			continue;
		struct tvar v[] = {
			TV("code", w->word), TV("name", w->meaning),
			TV("dir", lang_rtl(w->word) ? "rtl" : "ltr"),
			TV("href", href), TV("page", page),
			TV("current", strcmp(w->word, lang_code()) == 0 ?
			    "1" : NULL),
		};
		tmpl_render(&items, "lang_link", v, NVARS(v));
	}
	struct tvar lv[] = { TM("items", &items) };
	tmpl_render(out, "lang_links", lv, NVARS(lv));
	buf_free(&items);
}

/* GET /: where to start. */
void
pub_home(struct req *r, struct resp *p, const struct session *s_)
{
	struct buf	 m = { 0 };

	(void)r;
	(void)s_;
	tmpl_render(&m, "home", NULL, 0);
	page_layout(p, "Give your views", &m);
	buf_free(&m);
}

/* GET /healthz: 200 "ok" only when the database answers. */
void
pub_health(struct req *r, struct resp *p, const struct session *s_)
{
	(void)r;
	(void)s_;
	p->ctype = "text/plain; charset=utf-8";
	if (db_ping() == 0)
		buf_puts(&p->body, "ok\n");
	else {
		p->status = 503;
		buf_puts(&p->body, "database unavailable\n");
	}
}

/* The kind pages for a link or code that cannot be used. */
static void
not_usable(struct resp *p, enum consult_state s)
{
	switch (s) {
	case CS_UNKNOWN:
		page_message(p, 404, "We cannot find this form",
		    "Check that you used the whole link, or typed the code "
		    "exactly as it is on your letter.",
		    "If it still does not work, ask your IRO or the person "
		    "who sent it to you for a new one.");
		break;
	case CS_LIMITED:
		page_message(p, 429, "Please wait a few minutes",
		    "There have been too many tries with links or codes that "
		    "do not work from your connection.",
		    "Wait ten minutes, then try again. Check the code against "
		    "your letter, or ask your IRO for help.");
		break;
	case CS_GONE:
		page_message(p, 410, "This link no longer works",
		    "It may have been replaced by a newer one, or the review "
		    "it was for has already happened.",
		    "If you still want to give your views, ask your IRO or "
		    "the person who sent it to you.");
		break;
	default:
		page_fail(p, __func__);
		break;
	}
}

/* The thank-you page after sending, or when the form was answered. */
static void
thanks(struct resp *p, const struct db_consult *c, int again)
{
	const struct form *f = form_get(c->audience);
	struct buf	 m = { 0 }, next = { 0 };
	struct asking	 a;

	/* What happens next: who reads it, by when (asking.c). */
	asking_of(c->audience, c->review_id, c->iro_id, 0, &a);
	if (!asking_next(&next, &a))
		english_part(&next);
	struct tvar	 v[] = {
		TV("heading", lang_t(again ? "We already have your answers" :
		    "Thank you! We have your answers")),
		TV("text", lang_t(a.feedback && f != NULL ? f->thanks : NULL)),
		TM("next", &next),
	};

	tmpl_render(&m, "thanks", v, NVARS(v));
	page_layout(p, v[0].val, &m);
	buf_free(&m);
	buf_free(&next);
	asking_free(&a);
}

/* Start a visit: set its cookie and send the browser to the form. */
static void
start_visit(struct resp *p, enum consult_state s, const struct db_consult *c,
    const char *cookie)
{
	if (s == CS_DONE) {
		lang_use(c->lang);
		thanks(p, c, 1);
	} else if (s != CS_LIVE)
		not_usable(p, s);
	else {
		resp_cookie(p, COOKIE_VISIT, cookie, -1, "Lax");
		resp_redirect(p, "/form");
	}
}

/* GET /c/TOKEN: swap a link token for a visit cookie. */
void
pub_link(struct req *r, struct resp *p, const struct session *s_)
{
	const char	*tok = r->path + 3;
	struct db_consult c;
	char		 cookie[CR_TOKEN_LEN + 1];

	(void)s_;
	/* A malformed token is looked up all the same: it is a guess too,
	 * and counts as one. */
	if (strlen(tok) > 64)
		tok = "";
	start_visit(p, consult_open(0, tok, r->remote, &c, cookie), &c,
	    cookie);
}

/* Render the code page, with an error message if there is one. */
static void
code_page(struct resp *p, const char *csrf, const char *typed,
    const char *error)
{
	struct buf	 m = { 0 }, langs = { 0 };
	char		 title[256];

	error = lang_t(error);
	language_links(&langs, NULL, "/code", NULL);
	struct tvar	 v[] = { TV("csrf", csrf), TV("code", typed),
	    TV("error", error), TV("errors", error), TM("langs", &langs),
	    TV("lang", strcmp(lang_code(), "en") != 0 ? lang_code() : NULL) };

	tmpl_render(&m, "code", v, NVARS(v));
	if (error != NULL)
		words_fill(title, sizeof(title), "Error: {1}",
		    lang_t("Enter your code"), NULL);
	page_layout(p, error != NULL ? title : lang_t("Enter your code"), &m);
	buf_free(&m);
	buf_free(&langs);
}

/*
 * GET /code shows the box (and sets the pre-visit cookie its CSRF token
 * hangs on); POST /code opens the consultation for a typed paper code.
 */
void
pub_code(struct req *r, struct resp *p, const struct session *s_)
{
	const char	*pre = kv_get(&r->cookies, COOKIE_PRE);
	char		 fresh[CR_TOKEN_LEN + 1], csrf[CR_TOKEN_LEN + 1];
	char		 raw[CR_CODE_RAW + 1], cookie[CR_TOKEN_LEN + 1];
	const char	*typed = r->in[CODE_CODE];
	struct db_consult c;
	enum consult_state s;

	(void)s_;
	/* The language chosen on the code page, kept by its form. */
	lang_use(r->in[CODE_Q_LANG] != NULL ? r->in[CODE_Q_LANG] :
	    r->in[CODE_LANG]);
	if (pre == NULL || !http_field_ok(FT_TOKEN, pre, strlen(pre))) {
		cr_token_new(fresh);
		resp_cookie(p, COOKIE_PRE, fresh, 3600, "Strict");
		pre = fresh;
	}
	cr_csrf(pre, csrf);
	if (r->method != HTTP_POST) {
		code_page(p, csrf, "", NULL);
		return;
	}
	if (typed == NULL || typed[0] == '\0') {
		code_page(p, csrf, "", "Type the code from your letter");
		return;
	}
	switch (cr_code_read(typed, raw)) {
	case CR_CODE_SHAPE:
		code_page(p, csrf, typed, "The code has 12 letters and "
		    "numbers. Check you typed all of it");
		return;
	case CR_CODE_TYPO:
		code_page(p, csrf, typed, "There is a mistake in the code. "
		    "Check each letter and number on your letter");
		return;
	case CR_CODE_OK:
		break;
	}
	s = consult_open(1, raw, r->remote, &c, cookie);
	/* A language chosen on the code page sticks, unless one was set. */
	if (s == CS_LIVE && c.lang[0] == '\0' && lang_code()[0] != 'e' &&
	    lang_offers(lang_code(), c.audience))
		db_consult_set_lang(c.id, lang_code());
	if (s == CS_UNKNOWN) {
		p->status = 404;
		code_page(p, csrf, typed, "We cannot find a form with this "
		    "code. Check it, or ask your IRO for a new one");
		return;
	}
	start_visit(p, s, &c, cookie);
}

/* The ids a field's aria-describedby names: hint, error, limit. */
static void
described_by(struct buf *b, const char *id, int hint, int error, int limit)
{
	buf_reset(b);
	if (hint)
		buf_printf(b, "q-%s-hint", id);
	if (error)
		buf_printf(b, "%sq-%s-error", b->len ? " " : "", id);
	if (limit)
		buf_printf(b, "%sq-%s-limit", b->len ? " " : "", id);
}

/* Is value v among ans's answers to question id? */
static int
chosen(const struct kvlist *ans, const char *id, const char *v)
{
	size_t	 i;

	for (i = 0; i < ans->n; i++)
		if (strcmp(ans->v[i].key, id) == 0 &&
		    strcmp(ans->v[i].val, v) == 0)
			return 1;
	return 0;
}

/*
 * Render one question with its answer and error into out; with say, its
 * "read to me" controls too (speak.c decides which texts have one).
 */
static void
render_question(struct buf *out, const struct form *f,
    const struct form_question *q, const struct kvlist *ans, const char *err,
    int say)
{
	const struct form_option *o;
	struct buf	 opts = { 0 }, desc = { 0 }, ctl = { 0 }, text = { 0 };
	struct buf	 octl = { 0 };
	char		 n[24], limit[24], max[24], used[24], key[64];
	char		 parts[3][8] = { "", "", "" };
	const char	*v;
	struct buf	 lim = { 0 };
	size_t		 no, i;
	int		 pictures = 0, near;

	if (q->section != NULL) {
		struct tvar sv[] = { TV("heading", lang_t(q->section)) };
		tmpl_render(out, "q_section", sv, NVARS(sv));
	}
	if (say) {
		speak_question_text(&text, q);
		speak_control(&ctl, f, lang_code(), buf_str(&text));
	}
	if (q->type == Q_SHORT || q->type == Q_LONG) {
		v = kv_get(ans, q->id);
		/* The limit is said only when the text comes near it. */
		no = v != NULL ? form_chars(v) : 0;
		near = no * 100 >= q->max * NEAR_LIMIT;
		snprintf(max, sizeof(max), "%zu", q->max);
		snprintf(limit, sizeof(limit), "%zu", q->max);
		snprintf(used, sizeof(used), "%zu", no);
		described_by(&desc, q->id, q->hint != NULL, err != NULL, near);
		if (near)
			lang_fill(&lim, f->child_style ? "You can use {1} "
			    "letters. You have used {2}." : "You can use up to "
			    "{1} characters. You have used {2}.", limit, used);
		struct tvar tv[] = {
			TV("id", q->id), TV("label", lang_t(q->label)),
			TV("hint", lang_t(q->hint)), TV("error", err),
			TV("value", v), TV("describedby", buf_str(&desc)),
			TV("required", q->required ? "1" : NULL),
			TV("private", q->private ? "1" : NULL),
			TV("long", q->type == Q_LONG ? "1" : NULL),
			TV("rows", f->child_style ? "2" : "6"),
			TV("child", f->child_style ? "1" : NULL),
			TM("limit", &lim), TV("max", max), TM("say", &ctl),
		};
		tmpl_render(out, "q_text", tv, NVARS(tv));
	} else if (q->type == Q_DATE) {
		if ((v = kv_get(ans, q->id)) != NULL && strlen(v) == 10) {
			snprintf(parts[0], sizeof(parts[0]), "%d", atoi(v + 8));
			snprintf(parts[1], sizeof(parts[1]), "%d", atoi(v + 5));
			snprintf(parts[2], sizeof(parts[2]), "%.4s", v);
		} else {
			static const char *const suf[] = { "day", "month",
			    "year" };
			for (i = 0; i < 3; i++) {
				snprintf(key, sizeof(key), "%s-%s", q->id,
				    suf[i]);
				if ((v = kv_get(ans, key)) != NULL)
					snprintf(parts[i], sizeof(parts[i]),
					    "%s", v);
			}
		}
		described_by(&desc, q->id, 1, err != NULL, 0);
		struct tvar dv[] = {
			TV("id", q->id), TV("label", lang_t(q->label)),
			TV("hint", lang_t(q->hint)), TV("error", err),
			TV("describedby", buf_str(&desc)),
			TV("required", q->required ? "1" : NULL),
			TV("child", f->child_style ? "1" : NULL),
			TV("day", parts[0]), TV("month", parts[1]),
			TV("year", parts[2]), TM("say", &ctl),
		};
		tmpl_render(out, "q_date", dv, NVARS(dv));
	} else {
		o = form_options(q, &no);
		for (i = 0; i < no; i++)
			if (o[i].picture != NULL)
				pictures = 1;
		/* Yes and No are pictures only for children. */
		if (q->type == Q_YESNO && !f->child_style)
			pictures = 0;
		for (i = 0; i < no; i++) {
			snprintf(n, sizeof(n), "%zu", i);
			buf_reset(&octl);
			if (say)
				speak_control(&octl, f, lang_code(), lang_t(o[i].text));
			struct tvar ov[] = {
				TV("id", q->id), TV("n", n),
				TV("kind", q->type == Q_MANY ? "checkbox" :
				    "radio"),
				TV("value", o[i].value),
				TV("text", lang_t(o[i].text)),
				TV("picture", pictures ? o[i].picture : NULL),
				TV("checked", chosen(ans, q->id, o[i].value) ?
				    "1" : NULL),
				TM("say", &octl),
			};
			tmpl_render(&opts, "q_option", ov, NVARS(ov));
		}
		described_by(&desc, q->id, q->hint != NULL, err != NULL, 0);
		struct tvar cv[] = {
			TV("id", q->id), TV("label", lang_t(q->label)),
			TV("hint", lang_t(q->hint)), TV("error", err),
			TV("describedby", buf_str(&desc)),
			TV("required", q->required ? "1" : NULL),
			TV("private", q->private ? "1" : NULL),
			TV("pictures", pictures ? "1" : NULL),
			TV("inline", q->type == Q_YESNO && !pictures ? "1" :
			    NULL),
			TV("faces", q->type == Q_FEELINGS ? "1" : NULL),
			TV("child", f->child_style ? "1" : NULL),
			TM("options", &opts), TM("say", &ctl),
		};
		tmpl_render(out, "q_choice", cv, NVARS(cv));
	}
	buf_free(&opts);
	buf_free(&desc);
	buf_free(&lim);
	buf_free(&ctl);
	buf_free(&text);
	buf_free(&octl);
}

/* The id of the input an error summary link should focus. */
static void
error_target(const struct form_question *q, char *dst, size_t n)
{
	if (q->type == Q_DATE)
		snprintf(dst, n, "q-%s-day", q->id);
	else if (q->type == Q_SHORT || q->type == Q_LONG)
		snprintf(dst, n, "q-%s", q->id);
	else
		snprintf(dst, n, "q-%s-0", q->id);
}

/* The next (dir 1) or previous (dir -1) shown page after pi, or -1. */
static long
step(const struct form *f, long pi, int dir, const struct kvlist *ans)
{
	for (pi += dir; pi >= 0 && (size_t)pi < f->npages; pi += dir)
		if (form_page_shown(f, (size_t)pi, ans))
			return pi;
	return -1;
}

/*
 * Render the questions of page pi into qs, and a summary line per error
 * into items.  Questions hidden by show-if are left out unless all is
 * set (staff typing in a paper form answer every question at once, and
 * hear nothing read aloud); retired questions are always left out.
 */
void
pub_questions(struct buf *qs, struct buf *items, const struct form *f,
    size_t pi, const struct kvlist *ans, const struct form_error *errs,
    size_t nerr, int all)
{
	const struct form_page *pg = &f->pages[pi];
	const struct form_question *q;
	const char	*err, *v;
	char		 target[80], toolong[512], a[24], b[24];
	size_t		 i, k;

	for (i = pg->first; i < pg->first + pg->count; i++) {
		if (f->qs[i].retired || (!all && !form_shown(f, i, ans)))
			continue;
		q = &f->qs[i];
		for (err = NULL, k = 0; k < nerr; k++)
			if (errs[k].q == i) {
				err = lang_t(errs[k].msg);
				/* A text too long says the limit; the text stays. */
				if ((q->type == Q_SHORT || q->type == Q_LONG) &&
				    (v = kv_get(ans, q->id)) != NULL &&
				    form_chars(v) > q->max) {
					snprintf(a, sizeof(a), "%zu", q->max);
					snprintf(b, sizeof(b), "%zu",
					    form_chars(v));
					words_fill(toolong, sizeof(toolong),
					    f->child_style ? "This is too long."
					    " You can use {1} letters. It has "
					    "{2}. Please make it shorter" :
					    "This answer is too long: you can "
					    "use up to {1} characters and it "
					    "has {2}. Please make it shorter",
					    a, b);
					err = toolong;
				}
				error_target(q, target, sizeof(target));
				struct tvar ev[] = { TV("target", target),
				    TV("msg", err) };
				tmpl_render(items, "error_item", ev,
				    NVARS(ev));
			}
		/* Read aloud in the page's language, in its own voice
		 * (speak_control() shows none where there is no clip). */
		render_question(qs, f, &f->qs[i], ans, err, !all);
	}
}

/*
 * Render page pi of the form with the answers so far and the errors
 * that belong to this page.  notice, when set, is a problem of ours
 * (such as a failed save) shown at the top.  fresh says that a new
 * link started the form again (the old draft was deleted with it).
 */
static void
form_page(struct resp *p, const struct form *f, size_t pi,
    const struct kvlist *ans, const struct form_error *errs, size_t nerr,
    const char *csrf, const char *notice, int fresh, const struct asking *a)
{
	const struct form_page *pg = &f->pages[pi];
	struct buf	 qs = { 0 }, items = { 0 }, summary = { 0 }, m = { 0 };
	struct buf	 title = { 0 }, say = { 0 }, text = { 0 }, head = { 0 };
	struct buf	 help = { 0 }, progress = { 0 }, langs = { 0 };
	char		 page[24], back[24], npos[24], nshown[24];
	char		 etitle[512];
	size_t		 i, shown = 0, pos = 0;
	long		 prev;

	for (i = 0; i < f->npages; i++)
		if (form_page_shown(f, i, ans)) {
			shown++;
			if (i <= pi)
				pos++;
		}
	pub_questions(&qs, &items, f, pi, ans, errs, nerr, 0);
	speak_page_text(&text, f, pi);
	speak_control(&say, f, lang_code(), buf_str(&text));
	if (notice != NULL) {
		struct tvar ev[] = { TV("target", "main"),
		    TV("msg", lang_t(notice)) };
		tmpl_render(&items, "error_item", ev, NVARS(ev));
	}
	if (items.len > 0) {
		struct tvar sv[] = { TM("items", &items) };
		tmpl_render(&summary, "error_summary", sv, NVARS(sv));
	}
	for (i = 0; i < pg->nhelp; i++) {	/* the help-now box */
		struct tvar hv[] = { TV("text", lang_t(pg->help[i])) };
		tmpl_render(&help, "form_help_p", hv, NVARS(hv));
	}
	/* The person picks a language on the form's first page. */
	if (pos == 1)
		language_links(&langs, f->audience, "/form", "1");
	snprintf(npos, sizeof(npos), "%zu", pos);
	snprintf(nshown, sizeof(nshown), "%zu", shown);
	lang_fill(&progress, "Page {1} of {2}", npos, nshown);
	snprintf(page, sizeof(page), "%zu", pi + 1);
	prev = step(f, (long)pi, -1, ans);
	snprintf(back, sizeof(back), "%ld", prev + 1);
	if (!asking_head(&head, a, pos == 1))
		english_part(&head);
	struct tvar v[] = {
		/* A child's first screen is its question (the faces): the
		 * passport comes after it, before the buttons. */
		TM(a->kind == ASK_CHILD ? "asking_after" : "asking", &head),
		TM("summary", &summary), TV("back", prev >= 0 ? back : NULL),
		TV("title", lang_t(f->title)),
		TV("heading", lang_t(pg->heading)),
		/* Rendered by lang_fill(): program markup. */
		{ "progress", shown > 1 ? buf_str(&progress) : NULL, 1 },
		TV("picture", pg->picture), TM("langs", &langs),
		TV("intro", lang_t(form_page_intro(f, pi))),
		TV("csrf", csrf), TV("page", page), TM("questions", &qs),
		TV("last", step(f, (long)pi, 1, ans) < 0 ? "1" : NULL),
		TV("child", f->child_style ? "1" : NULL),
		TV("fresh", fresh ? "1" : NULL), TM("say", &say), TM("help", &help),
		/* The script is fetched only by pages that read aloud. */
		TV("speak", say.len > 0 || strstr(buf_str(&qs),
		    "class=\"speak\"") != NULL ? "1" : NULL),
	};
	tmpl_render(&m, "form_page", v, NVARS(v));
	words_fill(etitle, sizeof(etitle), "Error: {1}", lang_t(pg->heading),
	    NULL);
	buf_puts(&title, items.len > 0 ? etitle : lang_t(pg->heading));
	page_layout(p, buf_str(&title), &m);
	buf_free(&qs); buf_free(&items); buf_free(&summary); buf_free(&m);
	buf_free(&title); buf_free(&say); buf_free(&text); buf_free(&head);
	buf_free(&help); buf_free(&progress); buf_free(&langs);
}

/*
 * The answer to question q as shown on the check page, into out; child
 * says the child's style, where Yes and No have their pictures.
 */
static void
check_value(struct buf *out, const struct form_question *q,
    const struct kvlist *ans, int child)
{
	const struct form_option *o;
	const char	*v;
	char		 words[CAL_WORDS_LEN];
	int32_t		 day;
	size_t		 no, i;

	if (q->type == Q_SHORT || q->type == Q_LONG) {
		if ((v = kv_get(ans, q->id)) != NULL && v[0] != '\0') {
			struct tvar tv[] = { TV("text", v) };
			tmpl_render(out, "check_item", tv, NVARS(tv));
		}
	} else if (q->type == Q_DATE) {
		if ((v = kv_get(ans, q->id)) != NULL &&
		    (day = cal_parse(v)) != CAL_NONE) {
			cal_words(day, words);
			struct tvar dv[] = { TV("text", words) };
			tmpl_render(out, "check_item", dv, NVARS(dv));
		}
	} else {
		o = form_options(q, &no);
		for (i = 0; i < no; i++) {
			if (!chosen(ans, q->id, o[i].value))
				continue;
			struct tvar ov[] = { TV("text", lang_t(o[i].text)),
			    TV("picture", q->type != Q_YESNO || child ?
			    o[i].picture : NULL) };
			tmpl_render(out, "check_item", ov, NVARS(ov));
		}
	}
}

/*
 * The check-your-answers page: every shown question of every shown page
 * with its answer and a link to change it, then Send (the GOV.UK
 * "check answers" pattern).  Children see their pictures again.
 */
static void
check_page(struct resp *p, const struct form *f, const struct kvlist *ans,
    const char *csrf, const char *notice, const struct asking *a)
{
	const struct form_question *q;
	struct buf	 pages = { 0 }, rows = { 0 }, val = { 0 }, m = { 0 };
	struct buf	 items = { 0 }, summary = { 0 }, head = { 0 };
	char		 page[24], back[24], target[80], etitle[256];
	size_t		 pi, i;
	long		 last;

	for (pi = 0; pi < f->npages; pi++) {
		if (!form_page_shown(f, pi, ans))
			continue;
		buf_reset(&rows);
		snprintf(page, sizeof(page), "%zu", pi + 1);
		for (i = f->pages[pi].first; i < f->pages[pi].first +
		    f->pages[pi].count; i++) {
			if (!form_shown(f, i, ans))
				continue;
			q = &f->qs[i];
			buf_reset(&val);
			check_value(&val, q, ans, f->child_style);
			error_target(q, target, sizeof(target));
			struct tvar rv[] = {
				TV("label", lang_t(q->label)),
				TM("value", &val),
				TV("empty", val.len == 0 ? lang_t(f->child_style ?
				    "You did not answer" : "Not answered") :
				    NULL),
				TV("private", q->private ? "1" : NULL),
				TV("page", page), TV("target", target),
			};
			tmpl_render(&rows, "check_row", rv, NVARS(rv));
		}
		if (rows.len == 0)
			continue;
		struct tvar pv[] = {
		    TV("heading", lang_t(f->pages[pi].heading)),
		    TM("rows", &rows) };
		tmpl_render(&pages, "check_page", pv, NVARS(pv));
	}
	if (notice != NULL) {
		struct tvar ev[] = { TV("target", "main"),
		    TV("msg", lang_t(notice)) };
		tmpl_render(&items, "error_item", ev, NVARS(ev));
		struct tvar sv[] = { TM("items", &items) };
		tmpl_render(&summary, "error_summary", sv, NVARS(sv));
	}
	last = (long)f->npages;
	while (last > 0 && !form_page_shown(f, (size_t)last - 1, ans))
		last--;
	snprintf(back, sizeof(back), "%ld", last > 0 ? last : 1);
	snprintf(page, sizeof(page), "%zu", f->npages + 1);
	if (!asking_head(&head, a, 0))
		english_part(&head);
	struct tvar v[] = {
		TM("asking", &head),
		TM("summary", &summary), TV("back", back),
		TV("title", lang_t(f->title)), TM("pages", &pages),
		TV("csrf", csrf), TV("page", page),
		TV("child", f->child_style ? "1" : NULL),
	};
	tmpl_render(&m, "check", v, NVARS(v));
	words_fill(etitle, sizeof(etitle), "Error: {1}",
	    lang_t("Check your answers"), NULL);
	page_layout(p, notice != NULL ? etitle : lang_t("Check your answers"),
	    &m);
	buf_free(&pages); buf_free(&rows); buf_free(&val); buf_free(&m);
	buf_free(&items); buf_free(&summary); buf_free(&head);
}

/* Remove the page-reached mark from answers before they are sent. */
static void
unmark(struct kvlist *ans)
{
	size_t	 i, j;

	for (i = j = 0; i < ans->n; i++) {
		if (strcmp(ans->v[i].key, REACHED) == 0) {
			free(ans->v[i].key);
			free(ans->v[i].val);
			continue;
		}
		ans->v[j++] = ans->v[i];
	}
	ans->n = j;
}

/* Mark page pi (0-based; npages is the check page) as the one reached. */
static void
mark(struct kvlist *ans, long pi)
{
	char	 n[24];

	unmark(ans);
	snprintf(n, sizeof(n), "%ld", pi + 1);
	kv_add(ans, REACHED, strlen(REACHED), n, strlen(n), KV_OK);
}

/* The "saved, finish later" page: carrying on resumes where they were. */
static void
saved_page(struct resp *p)
{
	struct buf	 m = { 0 };

	tmpl_render(&m, "saved", NULL, 0);
	page_layout(p, lang_t("Your answers are saved"), &m);
	buf_free(&m);
}

/* Redirect to page pi (0-based; npages is the check page) of form f. */
static void
go_page(struct resp *p, const struct form *f, long pi)
{
	char	 loc[32];

	if ((size_t)pi == f->npages)
		snprintf(loc, sizeof(loc), "/form?check=1");
	else
		snprintf(loc, sizeof(loc), "/form?p=%ld", pi + 1);
	resp_redirect(p, loc);
}

/*
 * The page a GET shows (0-based; npages for the check page): the one
 * asked for, or else the one the draft says the person reached.
 */
static long
page_asked(const struct req *r, const struct form *f,
    const struct kvlist *ans)
{
	const char	*reached = kv_get(ans, REACHED);
	long		 pi;

	if (r->in[FORM_Q_CHECK] != NULL)
		return (long)f->npages;
	if (r->in[FORM_Q_PAGE] != NULL)
		pi = atol(r->in[FORM_Q_PAGE]) - 1;
	else if (reached != NULL && strlen(reached) < 5)
		pi = atol(reached) - 1;
	else
		pi = 0;
	if (pi == (long)f->npages && r->in[FORM_Q_PAGE] == NULL)
		return pi;
	if (pi < 0 || (size_t)pi >= f->npages)
		pi = 0;
	if (!form_page_shown(f, (size_t)pi, ans) &&
	    (pi = step(f, pi, 1, ans)) < 0)
		pi = step(f, -1, 1, ans);
	return pi;
}

/*
 * Show page pi, or the check page when pi is past the last; fresh as
 * for form_page.
 */
static void
show(struct resp *p, const struct form *f, long pi, const struct kvlist *ans,
    const struct form_error *errs, size_t nerr, const char *csrf,
    const char *notice, int fresh, const struct asking *a)
{
	if ((size_t)pi == f->npages)
		check_page(p, f, ans, csrf, notice, a);
	else
		form_page(p, f, (size_t)pi, ans, errs, nerr, csrf, notice,
		    fresh, a);
}

/*
 * GET /form?p=N shows a page of the form with the draft's answers,
 * GET /form?check=1 the check-your-answers page, and GET /form the page
 * the person reached.  POST /form takes a page's answers, always saves
 * them as the draft with the page reached (so nothing typed is lost,
 * whether they go on, go back, skip or stop), then moves on, shows
 * errors, or sends.
 */
static void
form_serve(struct req *r, struct resp *p, const struct session *s_)
{
	const char	*cookie = kv_get(&r->cookies, COOKIE_VISIT);
	const char	*action = r->in[FORM_ACTION], *lang_want;
	struct db_consult c;
	struct kvlist	 ans = { 0 };
	struct form_error errs[MAX_ERRORS];
	const struct form *f;
	char		 csrf[CR_TOKEN_LEN + 1];
	enum consult_state s;
	size_t		 nerr = 0, i, epage = 0;
	long		 pi, dest;
	int		 failed = 0, checking;
	struct asking	 a = { 0 };
	char		 today[11];
	time_t		 t = time(NULL);
	struct tm	 tm;

	(void)s_;
	s = consult_visit(cookie, &c);
	if (s == CS_DONE) {
		lang_use(c.lang);
		thanks(p, &c, r->method == HTTP_POST);
		return;
	}
	if (s == CS_UNKNOWN) {
		page_message(p, 404, "Please open your link again",
		    "For your privacy, this page only works for a few hours "
		    "after you open your link or type your code.",
		    "Open the link again, or type the code from your letter. "
		    "Answers on pages you finished are saved.");
		return;
	}
	if (s != CS_LIVE) {
		not_usable(p, s);
		return;
	}
	if ((f = form_get(c.audience)) == NULL) {
		page_fail(p, __func__);
		return;
	}
	/*
	 * ?lang=CODE (a link on the first page) picks the form's language
	 * and it sticks to the consultation: every page, the thank-you page
	 * and a reopened link are in it.  A language that does not offer
	 * this form is ignored.
	 */
	lang_want = r->method != HTTP_POST ? r->in[FORM_Q_LANG] : NULL;
	if (lang_want != NULL && lang_offers(lang_want, c.audience) &&
	    strcmp(lang_want, c.lang[0] != '\0' ? c.lang : "en") != 0 &&
	    db_consult_set_lang(c.id, lang_want) == DB_OK)
		snprintf(c.lang, sizeof(c.lang), "%s",
		    strcmp(lang_want, "en") == 0 ? "" : lang_want);
	/* A language whose file no longer covers the form: English. */
	lang_use(lang_offers(c.lang, c.audience) ? c.lang : NULL);
	cr_csrf(cookie, csrf);
	/* Who is asking, about whom: the heading area of every page. */
	asking_of(c.audience, c.review_id, c.iro_id, 0, &a);
	if (consult_load(0, c.id, &ans) == DB_ERR)
		kv_free(&ans);	/* logged; start again rather than block */
	if (r->method != HTTP_POST) {
		show(p, f, page_asked(r, f, &ans), &ans, NULL, 0, csrf, NULL,
		    c.relinked && ans.n == 0, &a);
		goto out;
	}
	pi = r->in[FORM_PAGE] != NULL ? atol(r->in[FORM_PAGE]) - 1 : -1;
	checking = pi == (long)f->npages;
	if (pi < 0 || (size_t)pi > f->npages || action == NULL ||
	    (strcmp(action, "next") != 0 && strcmp(action, "back") != 0 &&
	    strcmp(action, "save") != 0 && strcmp(action, "send") != 0 &&
	    strcmp(action, "skip") != 0)) {
		page_message(p, 400, "Sorry, we could not read that",
		    "Please go back and try again.", NULL);
		goto out;
	}
	/* Every button keeps what is on the page, Back and Skip too;
	 * only Next stops at a mistake. */
	if (!checking)
		nerr = form_read_page(f, (size_t)pi, &r->body, &ans, errs,
		    MAX_ERRORS);
	if (strcmp(action, "skip") == 0)
		nerr = 0;
	/*
	 * Sending with nothing wrong costs one durable commit: the sealed
	 * answers.  Everything else saves the draft first, so nothing the
	 * person typed is lost whatever happens next.
	 */
	if (strcmp(action, "send") == 0 && nerr == 0 &&
	    (nerr = form_check_all(f, &ans, errs, MAX_ERRORS)) == 0) {
		gmtime_r(&t, &tm);
		strftime(today, sizeof(today), "%Y-%m-%d", &tm);
		unmark(&ans);
		switch (scribe_submit(c.id, &ans, "online", today)) {
		case DB_OK:
			resp_redirect(p, "/form");
			goto out;
		case DB_EXISTS:
			thanks(p, &c, 1);
			goto out;
		default:
			failed = 1;
			break;
		}
	}
	/* Where the person goes next, remembered with the draft. */
	if (failed || strcmp(action, "save") == 0)
		dest = pi;
	else if (strcmp(action, "back") == 0)
		dest = (dest = step(f, pi, -1, &ans)) < 0 ? pi : dest;
	else if (nerr > 0 && strcmp(action, "send") == 0 &&
	    f->qs[errs[0].q].page != (size_t)pi)
		dest = (long)(epage = f->qs[errs[0].q].page);
	else if (nerr > 0)
		dest = pi;
	else
		dest = (dest = step(f, pi, 1, &ans)) < 0 ?
		    (long)f->npages : dest;
	mark(&ans, dest);
	if (consult_save_draft(c.id, &ans) != DB_OK || failed) {
		p->status = 503;
		show(p, f, pi, &ans, NULL, 0, csrf, failed ?
		    "We could not send your answers just now. Please wait a "
		    "moment and press Send again." :
		    "We could not save your answers just now: they are still "
		    "on this page. Please wait a moment and try again.", 0, &a);
		goto out;
	}
	if (strcmp(action, "save") == 0)
		saved_page(p);
	else if (strcmp(action, "back") == 0)
		go_page(p, f, dest);
	else if (nerr > 0 && dest != pi) {
		/* Sending found a problem on an earlier page: show that page. */
		for (i = 0; i < nerr && f->qs[errs[i].q].page == epage; i++)
			;
		form_page(p, f, epage, &ans, errs, i, csrf, NULL, 0, &a);
	} else if (nerr > 0)
		form_page(p, f, (size_t)pi, &ans, errs, nerr, csrf, NULL, 0,
		    &a);
	else
		go_page(p, f, dest);
out:
	kv_free(&ans);
	asking_free(&a);
}

/*
 * /form.  A GET only reads (the visit, the draft), so it reads in one
 * transaction; a POST writes, in transactions of its own.
 */
void
pub_form(struct req *r, struct resp *p, const struct session *s)
{
	int	 reading;

	/* Choosing a language writes it: that GET is not read-only. */
	reading = r->method != HTTP_POST && r->in[FORM_Q_LANG] == NULL &&
	    db_read_begin() == DB_OK;
	form_serve(r, p, s);
	if (reading)
		db_read_end();
}
