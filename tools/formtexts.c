/*
 * formtexts: print every text the read-aloud forms speak, one line each:
 * LANG TAB VOICE TAB TEXT (VOICE is "espeak-ng en-gb", or "-" where the
 * language has none), in English and in every language of
 * templates/lang/.  tools/clips.py makes a clip of each; the texts come
 * from speak.c's own functions and lang.c's translations, so what is
 * built is what pages ask for.
 *
 *	build/formtexts [TEMPLATES [STATIC]]
 */
#include <stdio.h>
#include <string.h>

#include "forms.h"
#include "lang.h"
#include "speak.h"
#include "vocab.h"

/*
 * Print one text in lang, if there is one and it is whole in lang: a text
 * its language file does not translate gets no clip, never English in
 * another voice.
 */
static void
say(const char *lang, const char *text, int whole)
{
	const char	*v = speak_voice(lang);

	if (text != NULL && text[0] != '\0' && whole)
		printf("%s\t%s\t%s\n", lang, v != NULL ? v : "-", text);
}

int
main(int argc, char *argv[])
{
	static const char *const auds[] = { "child", "young_person",
	    "care_leaver" };
	const char	*tdir = argc > 1 ? argv[1] : "templates";
	const char	*sdir = argc > 2 ? argv[2] : "static";
	const struct form *f;
	const struct form_option *o;
	const struct vocab_word *w;
	const char	*code;
	char		 dir[4096], img[4096], err[1024];
	struct buf	 b = { 0 };
	int		 whole;
	size_t		 a, i, k, l, n;

	snprintf(dir, sizeof(dir), "%s/forms", tdir);
	snprintf(img, sizeof(img), "%s/img", sdir);
	if (form_load_dir(dir, img, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	snprintf(dir, sizeof(dir), "%s/lang", tdir);
	if (lang_load(dir, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	/* Each language as its pages say it (lang_use(), as the router). */
	for (l = 0; (w = vocab_at(VOCAB_LANG, l)) != NULL; l++) {
		lang_use(w->word);
		code = lang_code();
		if (l > 0 && strcmp(code, "en") == 0)
			continue;	/* not loaded: no texts of its own */
		for (a = 0; a < sizeof(auds) / sizeof(auds[0]); a++) {
			if (!speak_audience(auds[a]) ||
			    (f = form_get(auds[a])) == NULL)
				continue;
			for (i = 0; i < f->npages; i++) {
				whole = speak_page_text(&b, f, i);
				say(code, buf_str(&b), whole);
			}
			for (i = 0; i < f->nq; i++) {
				whole = speak_question_text(&b, &f->qs[i]);
				say(code, buf_str(&b), whole);
				o = form_options(&f->qs[i], &n);
				for (k = 0; k < n; k++)
					say(code, lang_t(o[k].text),
					    lang_get(code, o[k].text) != NULL);
			}
		}
	}
	buf_free(&b);
	lang_free();
	form_free_all();
	return ferror(stdout) ? 1 : 0;
}
