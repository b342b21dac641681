/*
 * lang: the languages of the children's forms, their texts and gaps.
 *
 * Why keyed by the English words: the English forms are edited by the
 * service (and rewritten often); a translation keyed by a question id
 * would silently keep showing an old meaning.  Keyed by the words, a
 * changed sentence is simply missing, and start-up says where.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"

/* One translated text. */
struct lang_pair {
	char	*en;
	char	*tr;
};

/* One language's file, loaded. */
struct lang_set {
	char			 code[8];
	char			 path[4096];
	char			**forms;	/* audiences it offers */
	size_t			 nforms;
	struct lang_pair	*pairs;		/* sorted by en */
	size_t			 n;
};

static struct lang_set	*sets;
static size_t		 nsets;
static const struct lang_set *cur;	/* NULL: English */

/*
 * The words C code passes through lang_t() on the public pages (the
 * rest of the furniture is {{t ...}} in templates/).  Each carries its
 * line here, so a gap is named "cgi/lang.c:LINE".  A text C code shows
 * in a language must be in this list.
 */
#define W(s)	{ (s), __LINE__ }
static const struct {
	const char	*en;
	int		 line;
} words[] = {
	W("Page {1} of {2}"),
	W("Thank you: your answers have been sent"),
	W("We already have your answers"),
	W("Your answers will be read before the review."),
	W("Check your answers"),
	W("Error: {1}"),
	W("Your answers are saved"),
	W("You did not answer"),
	W("Not answered"),
	W("Enter your code"),
	W("Enter the code from your letter"),
	W("The code is 12 letters and numbers: check you have typed all of it"),
	W("There is a mistake in the code: check each letter and number "
	    "against your letter"),
	W("We cannot find a form with this code. Check it, or ask your IRO "
	    "for a new one"),
	W("Enter an answer to this question"),
	W("This answer has characters we cannot read: please type it again"),
	W("This answer is too long: please shorten it"),
	W("This answer is too long: please shorten it, or send the rest "
	    "another way"),
	W("This answer is too long: you can use up to {1} characters and it "
	    "has {2}. Please make it shorter"),
	W("Choose one of the answers shown"),
	W("Choose only one answer"),
	W("Choose an answer to this question"),
	W("We could not send your answers just now. Please wait a moment and "
	    "press Send again."),
	W("We could not save your answers just now: they are still on this "
	    "page. Please wait a moment and try again."),
	W("You can use up to {1} characters. You have used {2}."),
	/* Who is asking and what happens next, on the child's own forms
	 * (asking.c). */
	W("From {1}"),
	W("{1} runs your meeting."),
	W("Your meeting is on {1}."),
	W("{1} is your IRO, the person who runs your review meeting."),
	W("Your review meeting is on {1}."),
	W("{1} will read this before your meeting. It is on {2}."),
	W("The person who runs your meeting will read this. They will read "
	    "it before your meeting. It is on {1}."),
	W("Your IRO, {1}, will read this before your meeting on {2}."),
	W("Your IRO, the person who runs your meeting, will read this before "
	    "your meeting on {1}."),
	/* The child's words (issue 15 item 1) on the same pages. */
	W("Thank you! We have your answers"),
	W("This is too long. You can use {1} letters. It has {2}. Please make "
	    "it shorter"),
	W("You can use {1} letters. You have used {2}."),
	W("Type the code from your letter"),
	W("The code has 12 letters and numbers. Check you typed all of it"),
	W("There is a mistake in the code. Check each letter and number on "
	    "your letter"),
	/* Letters for the post (page_letters.c), in the form's language. */
	W("Hello {1}!"),
	W("Hello!"),
	W("You have a meeting about you on {1}. The person who runs your "
	    "meeting wants to know what you think."),
	W("Tell us about the good things, the things that worry you, and "
	    "your wishes. You can ask a grown-up to help you."),
	W("Please do it by {1}."),
	W("Scan this square with a phone's camera. It opens your own form."),
	W("Or go to {1} and type this code:"),
	W("Or fill in the pages after this letter and post them back."),
	W("Send them to:"),
	W("Code {1}"),
	W("Hello {1},"),
	W("Hello,"),
	W("Before the review on {1}, the Independent Reviewing Officer would "
	    "like to hear your views. It takes a few minutes."),
	W("Please reply by {1}."),
	W("Go to {1} and type this code:"),
	W("Or scan this square with your phone's camera: it opens your form."),
	W("Or fill in the form below and send it back. Your answers go to the "
	    "IRO. Thank you."),
	W("Send it to:"),
	W("QR code: scan it with a phone's camera to open the form"),
};
#undef W

/* qsort and bsearch order of pairs: by the English. */
static int
pair_cmp(const void *a, const void *b)
{
	return strcmp(((const struct lang_pair *)a)->en,
	    ((const struct lang_pair *)b)->en);
}

/* Free one language's texts. */
static void
set_free(struct lang_set *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++) {
		free(l->pairs[i].en);
		free(l->pairs[i].tr);
	}
	free(l->pairs);
	for (i = 0; i < l->nforms; i++)
		free(l->forms[i]);
	free(l->forms);
	memset(l, 0, sizeof(*l));
}

/* Free every language loaded; pages are English again. */
void
lang_free(void)
{
	size_t	 i;

	for (i = 0; i < nsets; i++)
		set_free(&sets[i]);
	free(sets);
	sets = NULL;
	nsets = 0;
	cur = NULL;
	tmpl_set_translate(NULL);
}

#define FAIL(...) do {							\
	int k_ = snprintf(err, errlen, "%s:%d: ", l->path, line);	\
	if (k_ > 0 && (size_t)k_ < errlen)				\
		snprintf(err + k_, errlen - (size_t)k_, __VA_ARGS__);	\
	goto fail;							\
} while (0)

/*
 * Parse a language file's text into l (its code and path already set).
 * Returns 0, or -1 with "path:line: what is wrong" in err.
 */
static int
set_parse(struct lang_set *l, char *text, char *err, size_t errlen)
{
	char	*p, *nl, *s, *colon, *key, *val, *tok, *en = NULL;
	int	 line = 0, enline = 0;
	size_t	 i;

	for (p = text; p != NULL && *p != '\0'; p = nl) {
		if ((nl = strchr(p, '\n')) != NULL)
			*nl++ = '\0';
		line++;
		s = buf_trim(p);
		if (*s == '\0' || *s == '#')
			continue;
		if ((colon = strchr(s, ':')) == NULL)
			FAIL("expected 'en: ENGLISH' or '%s: TRANSLATION'",
			    l->code);
		*colon = '\0';
		key = buf_trim(s);
		val = buf_trim(colon + 1);
		if (strcmp(key, "forms") == 0 && l->n == 0 && en == NULL) {
			for (tok = strtok(val, " ,"); tok != NULL;
			    tok = strtok(NULL, " ,")) {
				if (form_audience_index(tok) < 0)
					FAIL("'%s' is not an audience", tok);
				l->forms = xrealloc(l->forms, (l->nforms + 1) *
				    sizeof(*l->forms));
				l->forms[l->nforms++] = xstrdup(tok);
			}
		} else if (strcmp(key, "en") == 0) {
			if (en != NULL)
				FAIL("'en:' twice: line %d has no '%s:' line "
				    "after it", enline, l->code);
			if (*val == '\0')
				FAIL("'en:' has no words");
			en = val;
			enline = line;
		} else if (strcmp(key, l->code) == 0) {
			if (en == NULL)
				FAIL("'%s:' must follow an 'en:' line",
				    l->code);
			if (*val == '\0')
				FAIL("no %s text for '%s'",
				    vocab_label(VOCAB_LANG, l->code), en);
			l->pairs = xrealloc(l->pairs, (l->n + 1) *
			    sizeof(*l->pairs));
			l->pairs[l->n].en = xstrdup(en);
			l->pairs[l->n++].tr = xstrdup(val);
			en = NULL;
		} else
			FAIL("unknown key '%s' (this file is for '%s')", key,
			    l->code);
	}
	if (en != NULL) {
		line = enline;
		FAIL("'en:' has no '%s:' line after it", l->code);
	}
	qsort(l->pairs, l->n, sizeof(*l->pairs), pair_cmp);
	for (i = 1; i < l->n; i++)
		if (strcmp(l->pairs[i - 1].en, l->pairs[i].en) == 0) {
			line = 0;
			FAIL("'%s' is translated twice", l->pairs[i].en);
		}
	return 0;
fail:
	return -1;
}
#undef FAIL

/* The translation of en in the words for pages ({{t}}); lang_t(). */
static const char *
translate(const char *en)
{
	return lang_t(en);
}

/*
 * Load templates/lang/CODE.txt for every language but English.
 * Returns 0, or -1 with "file:line: what is wrong" in err (everything
 * loaded is freed then).  Pages translate {{t ...}} from now on.
 */
int
lang_load(const char *dir, char *err, size_t errlen)
{
	const struct vocab_word *w;
	struct lang_set	*l;
	struct buf	 text = { 0 };
	char		 chunk[4096];
	FILE		*fp;
	size_t		 i, got;

	lang_free();
	for (i = 1; (w = vocab_at(VOCAB_LANG, i)) != NULL; i++) {
		sets = xrealloc(sets, (nsets + 1) * sizeof(*sets));
		l = &sets[nsets++];
		memset(l, 0, sizeof(*l));
		snprintf(l->code, sizeof(l->code), "%s", w->word);
		if ((size_t)snprintf(l->path, sizeof(l->path), "%s/%s.txt",
		    dir, w->word) >= sizeof(l->path) ||
		    (fp = fopen(l->path, "r")) == NULL) {
			snprintf(err, errlen, "%s:0: cannot read the %s "
			    "texts", l->path, w->label);
			goto fail;
		}
		buf_reset(&text);
		while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0)
			buf_add(&text, chunk, got);
		fclose(fp);
		if (set_parse(l, text.data, err, errlen) == -1)
			goto fail;
	}
	buf_free(&text);
	tmpl_set_translate(translate);
	return 0;
fail:
	buf_free(&text);
	lang_free();
	return -1;
}

/* The loaded set of a language code, or NULL (English, or unknown). */
static const struct lang_set *
find_set(const char *code)
{
	size_t	 i;

	if (code == NULL)
		return NULL;
	for (i = 0; i < nsets; i++)
		if (strcmp(sets[i].code, code) == 0)
			return &sets[i];
	return NULL;
}

/* The translation of en in l, or NULL. */
static const char *
set_get(const struct lang_set *l, const char *en)
{
	struct lang_pair key, *hit;

	if (l == NULL || l->n == 0)
		return NULL;
	key.en = (char *)(uintptr_t)en;
	hit = bsearch(&key, l->pairs, l->n, sizeof(*l->pairs), pair_cmp);
	return hit == NULL ? NULL : hit->tr;
}

/* Is code one of the languages (English included)? */
int
lang_known(const char *code)
{
	return code != NULL && vocab_find(VOCAB_LANG, code) != NULL;
}

/* Is code right to left (Arabic script)? */
int
lang_rtl(const char *code)
{
	return code != NULL && vocab_flag(VOCAB_LANG, code, VW_RTL);
}

/*
 * Does language code offer audience's form?  English offers all; the
 * others the forms their file's 'forms:' line names (and only those
 * are checked for gaps).
 */
int
lang_offers(const char *code, const char *aud)
{
	const struct lang_set *l;
	size_t	 i;

	if (code == NULL || strcmp(code, "en") == 0)
		return 1;
	if ((l = find_set(code)) == NULL)
		return 0;
	for (i = 0; i < l->nforms; i++)
		if (strcmp(l->forms[i], aud) == 0)
			return 1;
	return 0;
}

/*
 * Show pages in language code from now on (NULL, "" or an unknown or
 * unloaded code: English).  The router sets English before each
 * request, so one person's language never reaches the next page.
 */
void
lang_use(const char *code)
{
	cur = code != NULL && code[0] != '\0' ? find_set(code) : NULL;
}

/* The current language's code ("en" for English). */
const char *
lang_code(void)
{
	return cur == NULL ? "en" : cur->code;
}

/* The current language as the lang attribute says it. */
const char *
lang_tag(void)
{
	return cur == NULL ? "en-GB" : cur->code;
}

/* "rtl" or "ltr", for the dir attribute. */
const char *
lang_dir(void)
{
	return cur != NULL && lang_rtl(cur->code) ? "rtl" : "ltr";
}

/*
 * The words to show for English en in the current language: its
 * translation, or en itself (English, or a text start-up did not
 * check, such as a staff page's).  Never NULL for a non-NULL en.
 */
const char *
lang_t(const char *en)
{
	const char	*tr;

	if (cur == NULL || en == NULL)
		return en;
	return (tr = set_get(cur, en)) != NULL ? tr : en;
}

/*
 * The translation of en in language code, or NULL when it has none
 * ("en" gives en).  For the read-aloud clips: every text of a form in
 * each language is lang_texts()'s English passed through this.
 */
const char *
lang_get(const char *code, const char *en)
{
	if (code == NULL || strcmp(code, "en") == 0)
		return en;
	return set_get(find_set(code), en);
}

/*
 * Append en in the current language to out as markup, its {1} and {2}
 * replaced by a and b, isolated in <bdi> in a language other than
 * English (numbers, names and codes keep their own direction inside
 * right-to-left words; English pages stay as they were).  Everything
 * is escaped by tmpl.c.
 */
void
lang_fill(struct buf *out, const char *en, const char *a, const char *b)
{
	const char	*s = lang_t(en), *p;

	while ((p = strchr(s, '{')) != NULL) {
		if ((p[1] == '1' || p[1] == '2') && p[2] == '}') {
			tmpl_escape(out, s, (size_t)(p - s));
			struct tvar v[] = { TV("v", p[1] == '1' ? a : b) };
			if (cur != NULL)
				tmpl_render(out, "bdi", v, NVARS(v));
			else if (v[0].val != NULL)
				tmpl_escape(out, v[0].val, strlen(v[0].val));
			s = p + 3;
		} else {
			tmpl_escape(out, s, (size_t)(p - s) + 1);
			s = p + 1;
		}
	}
	tmpl_escape(out, s, strlen(s));
}

/* What lang_texts() walks: where the templates are, and the callback. */
struct walk {
	const char	*tmpldir;
	lang_text_fn	 fn;
	void		*arg;
};

/* tmpl_texts()'s callback: name the template's file. */
static int
tmpl_text(const char *name, int line, const char *en, void *p)
{
	const struct walk *w = p;
	char	 file[512];

	snprintf(file, sizeof(file), "%s/%s.html", w->tmpldir, name);
	return w->fn(file, line, en, w->arg);
}

/*
 * Call fn(file, line, english, arg) for every text a person meets on
 * audience aud's form: the form's own (lines of TMPLDIR/forms/AUD.form),
 * the furniture of the templates ({{t ...}}) and of C code (this
 * file's list).  aud NULL walks the furniture alone.  Returns fn's
 * first non-zero value, -1 when the form cannot be read, or 0.
 */
int
lang_texts(const char *tmpldir, const char *aud, lang_text_fn fn, void *arg)
{
	struct walk	 w = { tmpldir, fn, arg };
	size_t		 i;
	int		 rc;

	if (aud != NULL && (rc = form_texts(tmpldir, aud, fn, arg)) != 0)
		return rc;
	if ((rc = tmpl_texts(tmpl_text, &w)) != 0)
		return rc;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if ((rc = fn("cgi/lang.c", words[i].line, words[i].en,
		    arg)) != 0)
			return rc;
	return 0;
}

/* What a gap check carries. */
struct gap {
	const struct lang_set	*l;
	char			*err;
	size_t			 errlen;
	FILE			*out;	/* lang_missing(): print each */
	size_t			 n;
	char			**seen;	/* printed once each */
	size_t			 nseen;
};

/* A text without a translation: stop with a message, or print it. */
static int
gap_text(const char *file, int line, const char *en, void *p)
{
	struct gap	*g = p;
	size_t		 i;

	if (set_get(g->l, en) != NULL)
		return 0;
	if (g->out == NULL) {
		snprintf(g->err, g->errlen, "%s:%d: no %s (%s) text for '%s': "
		    "add it to %s (heardctl lang missing %s prints every gap)",
		    file, line, vocab_label(VOCAB_LANG, g->l->code),
		    g->l->code, en, g->l->path, g->l->code);
		return 1;
	}
	for (i = 0; i < g->nseen; i++)
		if (strcmp(g->seen[i], en) == 0)
			return 0;
	g->seen = xrealloc(g->seen, (g->nseen + 1) * sizeof(*g->seen));
	g->seen[g->nseen++] = xstrdup(en);
	fprintf(g->out, "# %s:%d\nen: %s\n%s: \n\n", file, line, en,
	    g->l->code);
	g->n++;
	return 0;
}

/*
 * Start-up's check: every language has a text for every English text
 * of the forms it offers and of the furniture.  Returns 0, or -1 with
 * "file:line: no LANGUAGE (CODE) text for '...'" for the first gap.
 * Loaded templates are walked, so call it after tmpl_load().
 */
int
lang_check(const char *tmpldir, char *err, size_t errlen)
{
	struct gap	 g = { 0 };
	size_t		 i, j;
	int		 rc;

	g.err = err;
	g.errlen = errlen;
	for (i = 0; i < nsets; i++) {
		g.l = &sets[i];
		if ((rc = lang_texts(tmpldir, NULL, gap_text, &g)) != 0)
			return -1;
		for (j = 0; j < sets[i].nforms; j++)
			if ((rc = form_texts(tmpldir, sets[i].forms[j],
			    gap_text, &g)) != 0) {
				if (rc == -1)
					snprintf(err, errlen, "%s/forms/%s.form"
					    ":0: cannot read it", tmpldir,
					    sets[i].forms[j]);
				return -1;
			}
	}
	return 0;
}

/*
 * Print every text language code lacks, for the forms it offers (or
 * aud alone, when not NULL) and the furniture, in its file's format
 * ready to translate and append.  Returns how many, or -1 for an
 * unknown or English code.
 */
int
lang_missing(const char *tmpldir, const char *code, const char *aud,
    FILE *out)
{
	struct gap	 g = { 0 };
	size_t		 j;

	if ((g.l = find_set(code)) == NULL)
		return -1;
	g.out = out;
	lang_texts(tmpldir, NULL, gap_text, &g);
	if (aud != NULL)
		form_texts(tmpldir, aud, gap_text, &g);
	else
		for (j = 0; j < g.l->nforms; j++)
			form_texts(tmpldir, g.l->forms[j], gap_text, &g);
	for (j = 0; j < g.nseen; j++)
		free(g.seen[j]);
	free(g.seen);
	return (int)g.n;
}
