/*
 * formtexts: print every text the read-aloud forms speak, one line each:
 * LANG TAB VOICE TAB TEXT (VOICE is "espeak-ng en-gb", or "-" where the
 * language has none).  tools/clips.py makes a clip of each; the texts come
 * from speak.c's own functions, so what is built is what pages ask for.
 *
 *	build/formtexts [TEMPLATES [STATIC]]
 */
#include <stdio.h>

#include "forms.h"
#include "speak.h"

/* Print one text in lang, if there is one. */
static void
say(const char *lang, const char *text)
{
	const char	*v = speak_voice(lang);

	if (text != NULL && text[0] != '\0')
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
	char		 dir[4096], img[4096], err[1024];
	struct buf	 b = { 0 };
	size_t		 a, i, k, n;

	snprintf(dir, sizeof(dir), "%s/forms", tdir);
	snprintf(img, sizeof(img), "%s/img", sdir);
	if (form_load_dir(dir, img, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	/* English only, until the forms carry other languages' texts. */
	for (a = 0; a < sizeof(auds) / sizeof(auds[0]); a++) {
		if (!speak_audience(auds[a]) || (f = form_get(auds[a])) == NULL)
			continue;
		for (i = 0; i < f->npages; i++) {
			speak_page_text(&b, f, i);
			say("en", buf_str(&b));
		}
		for (i = 0; i < f->nq; i++) {
			speak_question_text(&b, &f->qs[i]);
			say("en", buf_str(&b));
			o = form_options(&f->qs[i], &n);
			for (k = 0; k < n; k++)
				say("en", o[k].text);
		}
	}
	buf_free(&b);
	form_free_all();
	return ferror(stdout) ? 1 : 0;
}
