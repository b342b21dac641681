/*
 * Tests for speak.c: the clip list read at start (and its mistakes named
 * by file and line), which texts get a control, the words each control
 * says, and the Sending page's line on voices.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "speak.h"
#include "tmpl.h"

#define A32	"0123456789abcdef0123456789abcdef"
#define B32	"fedcba9876543210fedcba9876543210"

/* Write text as DIR/clips.tsv. */
static void
put(const char *dir, const char *text)
{
	char	 path[512];
	FILE	*fp;

	snprintf(path, sizeof(path), "%s/clips.tsv", dir);
	if ((fp = fopen(path, "w")) != NULL) {
		fputs(text, fp);
		fclose(fp);
	}
}

/* The list of clips: loaded, looked up, and refused when wrong. */
void
test_speak_load(void)
{
	char	 dir[] = "/tmp/heard-speak-XXXXXX", err[512] = "", path[600];
	struct buf b = { 0 };

	if (mkdtemp(dir) == NULL) {
		CHECK(0);
		return;
	}
	/* No list: nothing is read aloud, and that is not a mistake. */
	CHECK(speak_load(dir, err, sizeof(err)) == 0);
	CHECK(speak_clip("en", "Mum") == NULL);

	put(dir, "en\t" A32 "\tMum\nps\t" B32 "\tMor\n\nen\t" B32 "\tA <b> & 'c'\n");
	CHECK(speak_load(dir, err, sizeof(err)) == 0);
	CHECK_STR(speak_clip("en", "Mum"), A32);
	CHECK_STR(speak_clip("en", "A <b> & 'c'"), B32);
	CHECK(speak_clip("en", "Dad") == NULL);
	CHECK(speak_clip("ar", "Mum") == NULL);
	CHECK(speak_clip("en", "") == NULL);
	CHECK(speak_has_clips("ps") && !speak_has_clips("ti"));

	/* Pashto has recorded clips; Sorani and Tigrinya have no voice. */
	speak_summary(&b);
	CHECK(strncmp(buf_str(&b), "English (espeak-ng en-gb), Arabic "
	    "(espeak-ng ar), Pashto (recorded clips), Dari (espeak-ng fa)",
	    80) == 0);
	CHECK(strstr(buf_str(&b), "; no voice for Sorani, Tigrinya") != NULL);
	CHECK(speak_voice("ps") == NULL && speak_voice("ckb") == NULL &&
	    speak_voice("ti") == NULL);
	CHECK_STR(speak_voice("en"), "espeak-ng en-gb");

	/* Mistakes are named by file and line, and nothing is kept. */
	snprintf(path, sizeof(path), "%s/clips.tsv:2: unknown language", dir);
	put(dir, "en\t" A32 "\tMum\nxx\t" A32 "\tMum\n");
	CHECK(speak_load(dir, err, sizeof(err)) == -1);
	CHECK_STR(err, path);
	CHECK(speak_clip("en", "Mum") == NULL);
	snprintf(path, sizeof(path), "%s/clips.tsv:1: the clip's name is "
	    "not 16 to 64 hex digits", dir);
	put(dir, "en\t../../etc/passwd\tMum\n");
	CHECK(speak_load(dir, err, sizeof(err)) == -1);
	CHECK_STR(err, path);
	put(dir, "en\t" A32 "\n");
	CHECK(speak_load(dir, err, sizeof(err)) == -1);
	CHECK(strstr(err, "clips.tsv:1: want LANG, CLIP and TEXT") != NULL);

	snprintf(path, sizeof(path), "%s/clips.tsv", dir);
	unlink(path);
	rmdir(dir);
	speak_free();
	buf_free(&b);
}

/* Which forms and texts get a control, what it says, escaped. */
void
test_speak_control(void)
{
	const char *tpl = "[{{clip}}|{{lang}}|{{text}}]";
	char	 dir[] = "/tmp/heard-speak-XXXXXX", err[512] = "", path[600];
	struct form_question q = { 0 };
	struct form_page pg = { 0 };
	struct form f = { 0 };
	struct buf b = { 0 };

	CHECK(tmpl_parse("speak", tpl, strlen(tpl), err, sizeof(err)) == 0);
	if (mkdtemp(dir) == NULL) {
		CHECK(0);
		return;
	}
	put(dir, "en\t" A32 "\tA <b> & 'c'\nen\t" B32 "\tWho? Pick one.\n");
	CHECK(speak_load(dir, err, sizeof(err)) == 0);

	f.audience = "child";
	speak_control(&b, &f, "en", "A <b> & 'c'");
	CHECK_STR(buf_str(&b), "[" A32 "|en|A &lt;b&gt; &amp; &#39;c&#39;]");
	/* No clip, or a form not read aloud: no control at all. */
	buf_reset(&b);
	speak_control(&b, &f, "en", "Not made");
	speak_control(&b, &f, "ps", "A <b> & 'c'");
	f.audience = "parent";
	speak_control(&b, &f, "en", "A <b> & 'c'");
	CHECK(b.len == 0);
	CHECK(speak_audience("child") && speak_audience("young_person") &&
	    speak_audience("care_leaver") && !speak_audience("parent") &&
	    !speak_audience("professional"));

	/* A question says its label then its hint, as sentences. */
	q.label = "Who?";
	q.hint = "Pick one.";
	speak_question_text(&b, &q);
	CHECK_STR(buf_str(&b), "Who? Pick one.");
	q.label = "Your name";
	q.hint = "As you like to be called";
	speak_question_text(&b, &q);
	CHECK_STR(buf_str(&b), "Your name. As you like to be called");
	q.hint = NULL;
	speak_question_text(&b, &q);
	CHECK_STR(buf_str(&b), "Your name");
	/* A page says its heading then its introduction (the form's on
	   the first page when it has none of its own). */
	pg.heading = "How are you today?";
	f.pages = &pg;
	f.npages = 1;
	f.intro = "This is your form.";
	speak_page_text(&b, &f, 0);
	CHECK_STR(buf_str(&b), "How are you today? This is your form.");

	snprintf(path, sizeof(path), "%s/clips.tsv", dir);
	unlink(path);
	rmdir(dir);
	speak_free();
	buf_free(&b);
}
