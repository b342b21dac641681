/*
 * lang: a language that lacks a text the English has fails start-up,
 * naming the English file, line and language; the shipped translations
 * have no gap; pages show the translation, English otherwise.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "lang.h"
#include "tmpl.h"

/* Write text to dir/name. */
static void
put(const char *dir, const char *name, const char *text)
{
	char	 path[512];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "w")) != NULL) {
		fputs(text, f);
		fclose(f);
	}
}

/* What full_file() writes: one language's file, every text given. */
struct full {
	FILE		*f;
	const char	*code;
	const char	*skip;		/* leave this English out, or NULL */
};

/* lang_texts()'s callback: a made-up translation of en, once each. */
static int
full_text(const char *file, int line, const char *en, void *arg)
{
	struct full	*w = arg;

	(void)file;
	(void)line;
	if (w->skip != NULL && strcmp(en, w->skip) == 0)
		return 0;
	fprintf(w->f, "en: %s\n%s: [%s] %s\n", en, w->code, w->code, en);
	return 0;
}

/*
 * Write T/lang/CODE.txt for every language, each translating every
 * text of the child's form and the furniture (but skip, for Arabic).
 * Texts met twice are written once: the parser refuses a repeat.
 */
static void
write_langs(const char *t, const char *skip)
{
	const struct vocab_word *w;
	char	 path[512], cmd[1200];
	size_t	 i;

	for (i = 1; (w = vocab_at(VOCAB_LANG, i)) != NULL; i++) {
		struct full f = { NULL, w->word,
		    strcmp(w->word, "ar") == 0 ? skip : NULL };
		snprintf(path, sizeof(path), "%s/lang/%s.raw", t, w->word);
		if ((f.f = fopen(path, "w")) == NULL)
			return;
		fputs("forms: child\n", f.f);
		lang_texts(t, "child", full_text, &f);
		fclose(f.f);
		/* Drop repeated pairs (awk keeps the first of each). */
		snprintf(cmd, sizeof(cmd), "awk 'NR==1{print;next} "
		    "/^en: /{k=$0;next} !(k in s){s[k]=1;print k;print}' "
		    "%s > %s/lang/%s.txt", path, t, w->word);
		CHECK(system(cmd) == 0);
	}
}

void
test_lang_gaps(void)
{
	char	 t[] = "/tmp/heard-lang-XXXXXX", dir[256], err[1024];
	struct buf b = { 0 };
	FILE	*out;
	char	*printed = NULL;
	size_t	 plen = 0;

	if (mkdtemp(t) == NULL) {
		CHECK(0);
		return;
	}
	snprintf(dir, sizeof(dir), "%s/forms", t);
	mkdir(dir, 0700);
	snprintf(dir, sizeof(dir), "%s/lang", t);
	mkdir(dir, 0700);
	snprintf(dir, sizeof(dir), "%s/forms", t);
	put(dir, "child.form", "form: child\ntitle: My views\n"
	    "page: Today\n  q: today\n  type: feelings\n"
	    "  label: How do you feel?\n");
	CHECK(tmpl_parse("t_lang", "<b>{{t Next}}</b>", 17, err,
	    sizeof(err)) == 0);
	CHECK(tmpl_parse("bdi", "<bdi>{{v}}</bdi>", 16, err,
	    sizeof(err)) == 0);

	/* Every text translated: no gap. */
	write_langs(t, NULL);
	snprintf(dir, sizeof(dir), "%s/lang", t);
	CHECK(lang_load(dir, err, sizeof(err)) == 0);
	CHECK(lang_check(t, err, sizeof(err)) == 0);
	lang_use("ar");
	CHECK_STR(lang_t("How do you feel?"), "[ar] How do you feel?");
	CHECK_STR(lang_t("Very happy"), "[ar] Very happy");
	CHECK_STR(lang_dir(), "rtl");
	CHECK_STR(lang_tag(), "ar");
	CHECK(tmpl_render(&b, "t_lang", NULL, 0) == 0);
	CHECK_STR(buf_str(&b), "<b>[ar] Next</b>");
	buf_reset(&b);
	lang_fill(&b, "Page {1} of {2}", "1", "<5>");
	CHECK_STR(buf_str(&b), "[ar] Page <bdi>1</bdi> of <bdi>&lt;5&gt;</bdi>");
	CHECK_STR(lang_t("Not a text of ours"), "Not a text of ours");
	lang_use("ti");
	CHECK_STR(lang_dir(), "ltr");
	lang_use(NULL);
	CHECK_STR(lang_t("How do you feel?"), "How do you feel?");
	CHECK_STR(lang_tag(), "en-GB");
	CHECK(lang_offers("ar", "child") && !lang_offers("ar", "parent"));
	CHECK(lang_offers("en", "parent"));

	/* Arabic lacks one label: start-up names the form's line. */
	write_langs(t, "How do you feel?");
	CHECK(lang_load(dir, err, sizeof(err)) == 0);
	CHECK(lang_check(t, err, sizeof(err)) == -1);
	CHECK(strstr(err, "/forms/child.form:6: no Arabic (ar) text for "
	    "'How do you feel?': add it to ") != NULL);
	CHECK(strstr(err, "/lang/ar.txt") != NULL);
	/* ...and "heardctl lang missing ar" prints it, ready to fill in. */
	out = open_memstream(&printed, &plen);
	CHECK(lang_missing(t, "ar", NULL, out) == 1);
	fclose(out);
	CHECK(printed != NULL && strstr(printed, "en: How do you feel?\n"
	    "ar: \n") != NULL);
	free(printed);

	/* A question added in English is a gap in every language. */
	write_langs(t, NULL);
	CHECK(lang_load(dir, err, sizeof(err)) == 0);
	snprintf(dir, sizeof(dir), "%s/forms", t);
	put(dir, "child.form", "form: child\ntitle: My views\n"
	    "page: Today\n  q: today\n  type: feelings\n"
	    "  label: How do you feel?\n  q: new\n  type: long\n"
	    "  label: A new question\n");
	CHECK(lang_check(t, err, sizeof(err)) == -1);
	CHECK(strstr(err, "/forms/child.form:9: no Arabic (ar) text for "
	    "'A new question'") != NULL);

	/* A translation is text: escaped like any value. */
	snprintf(dir, sizeof(dir), "%s/lang", t);
	put(dir, "ar.txt", "forms: child\nen: Next\nar: <i>Next & co\n");
	CHECK(lang_load(dir, err, sizeof(err)) == 0);
	lang_use("ar");
	buf_reset(&b);
	CHECK(tmpl_render(&b, "t_lang", NULL, 0) == 0);
	CHECK_STR(buf_str(&b), "<b>&lt;i&gt;Next &amp; co</b>");
	lang_use(NULL);

	/* A file's own mistakes name its line. */
	put(dir, "ar.txt", "forms: child\nen: Next\nen: Back\nar: x\n");
	CHECK(lang_load(dir, err, sizeof(err)) == -1);
	CHECK(strstr(err, "/lang/ar.txt:3: 'en:' twice: line 2 has no 'ar:' "
	    "line after it") != NULL);
	put(dir, "ar.txt", "forms: child\nen: Next\nar:\n");
	CHECK(lang_load(dir, err, sizeof(err)) == -1);
	CHECK(strstr(err, "/lang/ar.txt:3: no Arabic text for 'Next'") !=
	    NULL);
	lang_free();
	buf_free(&b);
	snprintf(err, sizeof(err), "rm -rf %s", t);
	CHECK(system(err) == 0);
}

/*
 * The shipped translations: every language has every text of the forms
 * it offers and of the page furniture.  This fails when English is
 * changed or added without its translations (heardctl lang missing
 * CODE prints what to add).
 */
void
test_lang_shipped(void)
{
	char	 err[1024];

	CHECK(tmpl_load("templates", NULL, err, sizeof(err)) == 0);
	CHECK(lang_load("templates/lang", err, sizeof(err)) == 0);
	if (lang_check("templates", err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		CHECK(0);
	}
	CHECK(lang_offers("ti", "child") && lang_offers("cy", "child"));
	lang_free();
}
