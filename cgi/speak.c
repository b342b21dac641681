/*
 * speak: "read to me" controls and the clips behind them.
 *
 * The clips are made by `make` (tools/clips.py), never by hand: it runs
 * build/formtexts, which prints every text this module would speak (the
 * same functions as the pages use, so the two cannot drift apart), makes
 * or copies one Ogg Vorbis file per language and text, named by a hash,
 * and lists them in AUDIO/clips.tsv.  Here that list is read once at
 * start, and a text gets a control only when it has a clip.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "speak.h"
#include "tmpl.h"

/*
 * The languages of issue 17 and the voice each is read in.  Debian 12's
 * festival has no British English voice, so every voice is espeak-ng's.
 * Dari is read by the Persian voice (the same script and, written, very
 * nearly the same language).  espeak-ng has no Pashto, Tigrinya or
 * Sorani ('ku' is Kurmanji, in Latin letters): those get recorded clips
 * or no control at all, never a wrong voice.
 */
static const struct speak_lang langs[] = {
	{ "en", "English", "espeak-ng en-gb" },
	{ "ar", "Arabic", "espeak-ng ar" },
	{ "ps", "Pashto", NULL },
	{ "prs", "Dari", "espeak-ng fa" },
	{ "ckb", "Sorani", NULL },
	{ "ti", "Tigrinya", NULL },
	{ "vi", "Vietnamese", "espeak-ng vi" },
	{ "sq", "Albanian", "espeak-ng sq" },
	{ "am", "Amharic", "espeak-ng am" },
	{ "cy", "Welsh", "espeak-ng cy" },
};
#define NLANGS	(sizeof(langs) / sizeof(langs[0]))

/* The forms read aloud: the child's, the young person's, the care leaver's. */
static const char *const audiences[] = { "child", "young_person",
    "care_leaver" };

struct clip {
	char	*lang;
	char	*text;
	char	*name;		/* file name in /audio/, without ".ogg" */
};

static struct clip	*clips;
static size_t		 nclips;

/* Order clips by language, then text: for qsort and bsearch. */
static int
clip_cmp(const void *a, const void *b)
{
	const struct clip *x = a, *y = b;
	int	 c;

	if ((c = strcmp(x->lang, y->lang)) != 0)
		return c;
	return strcmp(x->text, y->text);
}

/* Is s a clip's name: 16 to 64 lower-case hex digits? */
static int
name_ok(const char *s)
{
	size_t	 n = strlen(s), i;

	if (n < 16 || n > 64)
		return 0;
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]) &&
		    (s[i] < 'a' || s[i] > 'f'))
			return 0;
	return 1;
}

/* Forget every clip loaded. */
void
speak_free(void)
{
	size_t	 i;

	for (i = 0; i < nclips; i++) {
		free(clips[i].lang);
		free(clips[i].text);
		free(clips[i].name);
	}
	free(clips);
	clips = NULL;
	nclips = 0;
}

/*
 * Read DIR/clips.tsv (LANG TAB CLIP TAB TEXT per line).  No file means
 * no clips were built: nothing is read aloud, and that is not an error.
 * Returns 0, or -1 with "file:line: what is wrong" in err.
 */
int
speak_load(const char *dir, char *err, size_t errlen)
{
	char	 path[4096], *line = NULL, *t1, *t2, *nl;
	size_t	 cap = 0, have = 0, i;
	ssize_t	 len;
	FILE	*fp;
	int	 ln = 0, known;

	speak_free();
	snprintf(path, sizeof(path), "%s/clips.tsv", dir);
	if ((fp = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, errlen, "%s:0: cannot read: %s", path,
		    strerror(errno));
		return -1;
	}
	while ((len = getline(&line, &cap, fp)) != -1) {
		ln++;
		if ((nl = strchr(line, '\n')) != NULL)
			*nl = '\0';
		if (line[0] == '\0' || line[0] == '#')
			continue;
		if ((t1 = strchr(line, '\t')) == NULL ||
		    (t2 = strchr(t1 + 1, '\t')) == NULL || t2[1] == '\0') {
			snprintf(err, errlen, "%s:%d: want LANG, CLIP and "
			    "TEXT separated by tabs", path, ln);
			goto fail;
		}
		*t1 = *t2 = '\0';
		for (known = 0, i = 0; i < NLANGS; i++)
			if (strcmp(langs[i].code, line) == 0)
				known = 1;
		if (!known || !name_ok(t1 + 1)) {
			snprintf(err, errlen, "%s:%d: %s", path, ln, known ?
			    "the clip's name is not 16 to 64 hex digits" :
			    "unknown language");
			goto fail;
		}
		if (nclips == have) {
			have = have ? have * 2 : 64;
			clips = xrealloc(clips, have * sizeof(*clips));
		}
		clips[nclips].lang = xstrdup(line);
		clips[nclips].name = xstrdup(t1 + 1);
		clips[nclips].text = xstrdup(t2 + 1);
		nclips++;
	}
	free(line);
	fclose(fp);
	if (nclips > 0)
		qsort(clips, nclips, sizeof(*clips), clip_cmp);
	return 0;
fail:
	free(line);
	fclose(fp);
	speak_free();
	return -1;
}

/* Is the audience's form read aloud?  1 or 0. */
int
speak_audience(const char *audience)
{
	size_t	 i;

	for (i = 0; i < sizeof(audiences) / sizeof(audiences[0]); i++)
		if (strcmp(audiences[i], audience) == 0)
			return 1;
	return 0;
}

/* Every language and its voice; *n is set to how many.  Static. */
const struct speak_lang *
speak_langs(size_t *n)
{
	*n = NLANGS;
	return langs;
}

/* The voice a language is made in ("espeak-ng VOICE"), or NULL: none. */
const char *
speak_voice(const char *lang)
{
	size_t	 i;

	for (i = 0; i < NLANGS; i++)
		if (strcmp(langs[i].code, lang) == 0)
			return langs[i].voice;
	return NULL;
}

/* Does any loaded clip speak lang?  1 or 0. */
int
speak_has_clips(const char *lang)
{
	size_t	 i;

	for (i = 0; i < nclips; i++)
		if (strcmp(clips[i].lang, lang) == 0)
			return 1;
	return 0;
}

/* The clip's name for text in lang, or NULL; the module owns it. */
const char *
speak_clip(const char *lang, const char *text)
{
	struct clip	 key, *c;

	if (nclips == 0 || text == NULL || text[0] == '\0')
		return NULL;
	key.lang = (char *)lang;
	key.text = (char *)text;
	c = bsearch(&key, clips, nclips, sizeof(*clips), clip_cmp);
	return c != NULL ? c->name : NULL;
}

/* Append s to b as a further sentence: a full stop between, if none. */
static void
sentence(struct buf *b, const char *s)
{
	char	 last;

	if (s == NULL || s[0] == '\0')
		return;
	if (b->len > 0) {
		last = buf_str(b)[b->len - 1];
		buf_puts(b, strchr(".?!:", last) != NULL ? " " : ". ");
	}
	buf_puts(b, s);
}

/*
 * Append s (English) to b as a sentence in the language pages are shown
 * in now (lang_use()); clear *whole when that language has no words for
 * it, so the English stands in.
 */
static void
said(struct buf *b, const char *s, int *whole)
{
	const char	*tr;

	if (s == NULL || s[0] == '\0')
		return;
	if ((tr = lang_get(lang_code(), s)) == NULL) {
		*whole = 0;
		tr = s;
	}
	sentence(b, tr);
}

/*
 * What page pi's control says: its heading, then its introduction, in
 * the current language.  Returns 1 when every part is in it, 0 when some
 * is the English standing in (formtexts makes no clip of such a text).
 */
int
speak_page_text(struct buf *b, const struct form *f, size_t pi)
{
	int	 whole = 1;

	buf_reset(b);
	said(b, f->pages[pi].heading, &whole);
	said(b, form_page_intro(f, pi), &whole);
	return whole;
}

/* What a question's control says: its label, then its hint (as above). */
int
speak_question_text(struct buf *b, const struct form_question *q)
{
	int	 whole = 1;

	buf_reset(b);
	said(b, q->label, &whole);
	said(b, q->hint, &whole);
	return whole;
}

/*
 * Append to out the "read to me" control for text in lang, when f is
 * read aloud and the text has a clip; otherwise nothing.
 */
void
speak_control(struct buf *out, const struct form *f, const char *lang,
    const char *text)
{
	const char	*name;

	if (!speak_audience(f->audience) ||
	    (name = speak_clip(lang, text)) == NULL)
		return;
	struct tvar v[] = { TV("clip", name), TV("lang", lang),
	    TV("text", text) };
	tmpl_render(out, "speak", v, NVARS(v));
}

/*
 * Append the Sending page's line on read aloud to b: each language with
 * a voice or recorded clips, then those with neither.
 */
void
speak_summary(struct buf *b)
{
	size_t	 i, n = 0, none = 0;

	for (i = 0; i < NLANGS; i++) {
		if (langs[i].voice != NULL)
			buf_printf(b, "%s%s (%s)", n++ ? ", " : "",
			    langs[i].name, langs[i].voice);
		else if (speak_has_clips(langs[i].code))
			buf_printf(b, "%s%s (recorded clips)", n++ ? ", " : "",
			    langs[i].name);
	}
	for (i = 0; i < NLANGS; i++)
		if (langs[i].voice == NULL && !speak_has_clips(langs[i].code))
			buf_printf(b, "%s%s", none++ ? ", " : "; no voice for ",
			    langs[i].name);
}
