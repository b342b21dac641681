/*
 * ctl_lang: heardctl's language commands (issue 17).
 *
 *	heardctl lang status [CODE [checked|draft]]
 *	heardctl lang missing CODE [AUDIENCE]
 *	heardctl lang texts CODE AUDIENCE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ctl.h"
#include "db.h"
#include "lang.h"
#include "tmpl.h"
#include "vocab.h"

/*
 * Load the templates (for their {{t ...}} words) and every language's
 * texts from the configured templates folder, or die naming the file
 * and line.  Gaps are not checked: finding them is the point of
 * "lang missing".
 */
void
ctl_lang_load(void)
{
	const struct conf *cf = ctl_conf();
	char	 dir[4096], err[1024];

	snprintf(dir, sizeof(dir), "%s/lang", cf->templates);
	if (tmpl_load(cf->templates, NULL, err, sizeof(err)) == -1 ||
	    lang_load(dir, err, sizeof(err)) == -1)
		ctl_die("%s", err);
}

/* A language code other than English, or die listing them. */
static const char *
need_code(const char *code)
{
	const struct vocab_word *w;
	size_t	 i;

	if (code != NULL && strcmp(code, "en") != 0 && lang_known(code))
		return code;
	fprintf(stderr, "heardctl: the languages are:\n");
	for (i = 1; (w = vocab_at(VOCAB_LANG, i)) != NULL; i++)
		fprintf(stderr, "  %-4s %s\n", w->word, w->label);
	exit(2);
}

/* What status rows hold, by code, for printing every language. */
struct statuses {
	struct db_lang_status	 s[16];
	size_t			 n;
};

/* db_lang_status_each()'s callback: keep the row. */
static int
keep_status(const void *row, void *arg)
{
	struct statuses	*st = arg;

	if (st->n < sizeof(st->s) / sizeof(st->s[0]))
		st->s[st->n++] = *(const struct db_lang_status *)row;
	return 0;
}

/* Print every language but English: code, status, who and when. */
static void
print_statuses(void)
{
	struct statuses	 st = { 0 };
	const struct vocab_word *w;
	const struct db_lang_status *hit;
	char		 when[32];
	size_t		 i, j;
	time_t		 t;
	struct tm	 tm;

	db_lang_status_each(keep_status, &st);
	for (i = 1; (w = vocab_at(VOCAB_LANG, i)) != NULL; i++) {
		for (hit = NULL, j = 0; j < st.n; j++)
			if (strcmp(st.s[j].code, w->word) == 0)
				hit = &st.s[j];
		if (hit == NULL || strcmp(hit->status, "checked") != 0) {
			printf("%s\t%s\tdraft\t%s\n", w->word, w->label,
			    vocab_label(VOCAB_LANG_STATUS, "draft"));
			continue;
		}
		t = (time_t)hit->at;
		gmtime_r(&t, &tm);
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
		printf("%s\t%s\tchecked\tsigned off by %s on %s\n", w->word,
		    w->label, hit->by, when);
	}
}

/* heardctl lang status [CODE [checked|draft]] */
static int
lang_status(int argc, char *argv[])
{
	char	 subject[64];

	if (argc == 4 || argc > 5)
		ctl_die("usage: heardctl lang status [CODE [checked|draft]]");
	if (argc == 5) {
		need_code(argv[3]);
		if (vocab_find(VOCAB_LANG_STATUS, argv[4]) == NULL)
			ctl_die("a status is checked or draft");
	}
	ctl_open();
	if (argc == 5) {
		snprintf(subject, sizeof(subject), "%s %s", argv[3], argv[4]);
		if (db_begin() != DB_OK ||
		    db_lang_status_set(argv[3], argv[4]) != DB_OK ||
		    db_audit(0, "lang-status", subject) != DB_OK ||
		    db_commit() != DB_OK)
			ctl_die("cannot record the status");
	}
	print_statuses();
	db_close();
	return 0;
}

/* lang_texts()'s callback for "lang texts": one line per text. */
static int
print_text(const char *file, int line, const char *en, void *arg)
{
	const char	*code = arg, *tr = lang_get(code, en);

	printf("%s:%d\t%s\t%s\n", file, line, en, tr != NULL ? tr : "");
	return 0;
}

/*
 * heardctl lang: the translations' status, their gaps, and every text
 * of a form in a language.
 */
int
ctl_lang(int argc, char *argv[])
{
	int	 n;

	if (argc >= 3 && strcmp(argv[2], "status") == 0)
		return lang_status(argc, argv);
	if (argc >= 4 && argc <= 5 && strcmp(argv[2], "missing") == 0) {
		need_code(argv[3]);
		if (argc == 5 && form_audience_index(argv[4]) < 0)
			ctl_die("'%s' is not an audience", argv[4]);
		ctl_lang_load();
		n = lang_missing(ctl_conf()->templates, argv[3],
		    argc == 5 ? argv[4] : NULL, stdout);
		fprintf(stderr, "%d %s texts missing\n", n,
		    vocab_label(VOCAB_LANG, argv[3]));
		return n > 0 ? 1 : 0;
	}
	if (argc == 5 && strcmp(argv[2], "texts") == 0) {
		if (strcmp(argv[3], "en") != 0)
			need_code(argv[3]);
		if (form_audience_index(argv[4]) < 0)
			ctl_die("'%s' is not an audience", argv[4]);
		ctl_lang_load();
		if (!lang_offers(argv[3], argv[4]))
			ctl_die("the %s texts do not cover the %s form",
			    vocab_label(VOCAB_LANG, argv[3]), argv[4]);
		return lang_texts(ctl_conf()->templates, argv[4], print_text,
		    argv[3]) == 0 ? 0 : 1;
	}
	ctl_die("usage: heardctl lang status [CODE [checked|draft]]\n"
	    "       heardctl lang missing CODE [AUDIENCE]\n"
	    "       heardctl lang texts CODE AUDIENCE");
}
