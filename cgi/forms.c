/*
 * forms: the form-definition parser and answer validation.
 *
 * Definitions are trusted files written by the council, but they are
 * still checked strictly at start-up: a mistake names its file and line
 * and stops Heard, so a child never meets a half-broken form.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms.h"

static const struct form_option feelings[] = {
	{ "1", "Very sad", "face-1.svg" },
	{ "2", "Sad", "face-2.svg" },
	{ "3", "OK", "face-3.svg" },
	{ "4", "Happy", "face-4.svg" },
	{ "5", "Very happy", "face-5.svg" },
};

static const struct form_option yesno[] = {
	{ "yes", "Yes", "yes.svg" },
	{ "no", "No", "no.svg" },
	{ "not_sure", "Not sure", "not-sure.svg" },
};

static const char *const type_names[] = {
	[Q_SHORT] = "short", [Q_LONG] = "long", [Q_ONE] = "one",
	[Q_MANY] = "many", [Q_FEELINGS] = "feelings", [Q_YESNO] = "yesno",
	[Q_DATE] = "date",
};

static struct form	 forms[FORM_NAUDIENCES];

/* Index of an audience identifier in the domain's order, or -1. */
int
form_audience_index(const char *aud)
{
	return vocab_index(VOCAB_AUDIENCE, aud);
}

/* The committee name of an audience's form, or the identifier. */
const char *
form_audience_name(const char *aud)
{
	return vocab_label(VOCAB_AUDIENCE, aud);
}

/*
 * The options of a choice question: its own, or the built-in scales.  The
 * yes/no scale has pictures, which only the child's style shows.
 */
const struct form_option *
form_options(const struct form_question *q, size_t *n)
{
	switch (q->type) {
	case Q_FEELINGS:
		*n = sizeof(feelings) / sizeof(feelings[0]);
		return feelings;
	case Q_YESNO:
		*n = sizeof(yesno) / sizeof(yesno[0]);
		return yesno;
	default:
		*n = q->nopts;
		return q->opts;
	}
}

/* Is s a word: 1 to 32 of [a-z0-9_]? */
static int
word_ok(const char *s)
{
	size_t	 n = strlen(s), i;

	if (n == 0 || n > 32)
		return 0;
	for (i = 0; i < n; i++)
		if (!islower((unsigned char)s[i]) &&
		    !isdigit((unsigned char)s[i]) && s[i] != '_')
			return 0;
	return 1;
}

/* Free one form definition. */
void
form_free(struct form *f)
{
	size_t	 i, j;

	for (i = 0; i < f->nq; i++) {
		struct form_question *q = &f->qs[i];
		free(q->id); free(q->label); free(q->hint); free(q->error);
		free(q->section); free(q->cond_id); free(q->brief);
		for (j = 0; j < q->nopts; j++) {
			free(q->opts[j].value);
			free(q->opts[j].text);
			free(q->opts[j].picture);
		}
		free(q->opts);
		for (j = 0; j < q->ncond; j++)
			free(q->cond_vals[j]);
		free(q->cond_vals);
	}
	free(f->qs);
	for (i = 0; i < f->npages; i++) {
		free(f->pages[i].heading);
		free(f->pages[i].intro);
		free(f->pages[i].picture);
		for (j = 0; j < f->pages[i].nhelp; j++)
			free(f->pages[i].help[j]);
		free(f->pages[i].help);
	}
	free(f->pages);
	free(f->audience); free(f->title); free(f->intro); free(f->thanks);
	memset(f, 0, sizeof(*f));
}

/* Find a question by id among the first n of f; index or -1. */
static long
find_q(const struct form *f, size_t n, const char *id)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(f->qs[i].id, id) == 0)
			return (long)i;
	return -1;
}

/* Does option value v belong to question q? */
static int
has_option(const struct form_question *q, const char *v)
{
	const struct form_option *o;
	size_t	 n, i;

	o = form_options(q, &n);
	for (i = 0; i < n; i++)
		if (strcmp(o[i].value, v) == 0)
			return 1;
	return 0;
}

#define FAIL(...) do {							\
	int k_ = snprintf(err, errlen, "%s:%d: ", path, line);		\
	if (k_ > 0 && (size_t)k_ < errlen)				\
		snprintf(err + k_, errlen - (size_t)k_, __VA_ARGS__);	\
	goto fail;							\
} while (0)

/* Check a finished question; returns NULL or what is wrong. */
static const char *
q_problem(const struct form *f, const struct form_question *q)
{
	long	 c;
	size_t	 i;

	if (q->label == NULL)
		return "question has no 'label:'";
	if ((int)q->type < 0)
		return "question has no 'type:'";
	if ((q->type == Q_ONE || q->type == Q_MANY) && q->nopts < 2)
		return "a 'one' or 'many' question needs at least two options";
	if (q->cond_id == NULL)
		return NULL;
	c = find_q(f, (size_t)(q - f->qs), q->cond_id);
	if (c < 0 || f->qs[c].page >= q->page)
		return "show-if must name a question on an earlier page";
	if (f->qs[c].type != Q_ONE && f->qs[c].type != Q_MANY &&
	    f->qs[c].type != Q_YESNO && f->qs[c].type != Q_FEELINGS)
		return "show-if must name a choice question";
	for (i = 0; i < q->ncond; i++)
		if (!has_option(&f->qs[c], q->cond_vals[i]))
			return "show-if names a value the question does not "
			    "offer";
	return NULL;
}

/*
 * Parse one form definition from text (path is for messages).  When
 * imgdir is not NULL every picture must exist there.  Returns 0, or -1
 * with "path:line: what is wrong" in err and *out freed.
 */
int
form_parse(const char *path, const char *text, size_t len,
    const char *imgdir, struct form *out, char *err, size_t errlen)
{
	char	*copy, *p, *nl, *s, *key, *val, *colon, *bar, *tok;
	int	 line = 0, qline = 0;
	struct form_question *q = NULL;
	struct form_page *pg;
	char	 pic[4096];
	char	*pending_section = NULL;
	const char *why;
	struct stat sb;
	size_t	 i;

	memset(out, 0, sizeof(*out));
	copy = xstrndup(text, len);
	for (p = copy; p != NULL && *p != '\0'; p = nl) {
		if ((nl = strchr(p, '\n')) != NULL)
			*nl++ = '\0';
		line++;
		s = buf_trim(p);
		if (*s == '\0' || *s == '#')
			continue;
		colon = strchr(s, ':');
		key = s;
		val = NULL;
		if (colon != NULL) {
			*colon = '\0';
			val = buf_trim(colon + 1);
		}
		key = buf_trim(key);
		if (val == NULL && strcmp(key, "required") != 0 &&
		    strcmp(key, "private") != 0 && strcmp(key, "optional") != 0 &&
		    strcmp(key, "retired") != 0)
			FAIL("expected 'key: value', found '%s'", key);
		if (val != NULL && *val == '\0')
			FAIL("'%s:' has no value", key);

		if (strcmp(key, "form") == 0) {
			if (out->audience != NULL)
				FAIL("'form:' given twice");
			if (form_audience_index(val) < 0)
				FAIL("'%s' is not an audience", val);
			out->audience = xstrdup(val);
		} else if (strcmp(key, "title") == 0 && out->npages == 0) {
			free(out->title);
			out->title = xstrdup(val);
		} else if (strcmp(key, "intro") == 0 && out->npages == 0) {
			free(out->intro);
			out->intro = xstrdup(val);
		} else if (strcmp(key, "thanks") == 0 && out->npages == 0) {
			free(out->thanks);
			out->thanks = xstrdup(val);
		} else if (strcmp(key, "style") == 0 && out->npages == 0) {
			if (strcmp(val, "child") != 0)
				FAIL("style must be 'child'");
			out->child_style = 1;
		} else if (strcmp(key, "page") == 0) {
			if (q != NULL && (why = q_problem(out, q)) != NULL) {
				line = qline;
				FAIL("%s", why);
			}
			q = NULL;
			if (out->audience == NULL || out->title == NULL)
				FAIL("'form:' and 'title:' must come before "
				    "the first page");
			out->pages = xrealloc(out->pages,
			    (out->npages + 1) * sizeof(*out->pages));
			pg = &out->pages[out->npages++];
			memset(pg, 0, sizeof(*pg));
			pg->heading = xstrdup(val);
			pg->first = out->nq;
		} else if (strcmp(key, "intro") == 0) {
			pg = &out->pages[out->npages - 1];
			if (q != NULL || pg->intro != NULL)
				FAIL("a page 'intro:' must come right after "
				    "'page:'");
			pg->intro = xstrdup(val);
		} else if (strcmp(key, "picture") == 0 && q == NULL &&
		    out->npages > 0) {
			pg = &out->pages[out->npages - 1];
			if (strchr(val, '/') != NULL || strstr(val, ".svg") ==
			    NULL || (imgdir != NULL && ((size_t)snprintf(pic,
			    sizeof(pic), "%s/%s", imgdir, val) >= sizeof(pic) ||
			    stat(pic, &sb) == -1)))
				FAIL("picture '%s' must be a .svg file in "
				    "static/img", val);
			free(pg->picture);
			pg->picture = xstrdup(val);
		} else if (strcmp(key, "help") == 0) {
			/* The help-now box: a paragraph a line (forms README). */
			if (out->npages == 0)
				FAIL("'help:' before the first page");
			pg = &out->pages[out->npages - 1];
			if (pg->nhelp >= FORM_HELP_MAX)
				FAIL("at most %d 'help:' lines a page",
				    FORM_HELP_MAX);
			pg->help = xrealloc(pg->help, (pg->nhelp + 1) *
			    sizeof(*pg->help));
			pg->help[pg->nhelp++] = xstrdup(val);
		} else if (strcmp(key, "section") == 0) {
			if (out->npages == 0)
				FAIL("'section:' before the first page");
			free(pending_section);
			pending_section = xstrdup(val);
		} else if (strcmp(key, "q") == 0) {
			if (out->npages == 0)
				FAIL("question before the first 'page:'");
			if (q != NULL && (why = q_problem(out, q)) != NULL) {
				line = qline;
				FAIL("%s", why);
			}
			if (!word_ok(val))
				FAIL("question id '%s' must be 1 to 32 of a-z, "
				    "0-9 and _", val);
			if (find_q(out, out->nq, val) >= 0)
				FAIL("question id '%s' is used twice", val);
			out->qs = xrealloc(out->qs,
			    (out->nq + 1) * sizeof(*out->qs));
			q = &out->qs[out->nq++];
			memset(q, 0, sizeof(*q));
			q->id = xstrdup(val);
			q->type = (enum q_type)-1;
			q->page = out->npages - 1;
			q->line = qline = line;
			q->section = pending_section;
			pending_section = NULL;
			out->pages[out->npages - 1].count++;
		} else if (q == NULL) {
			FAIL("'%s' must belong to a question ('q:')", key);
		} else if (strcmp(key, "type") == 0) {
			for (i = 0; i < sizeof(type_names) /
			    sizeof(type_names[0]); i++)
				if (strcmp(val, type_names[i]) == 0)
					break;
			if (i == sizeof(type_names) / sizeof(type_names[0]))
				FAIL("unknown type '%s' (short, long, one, "
				    "many, feelings, yesno, date)", val);
			q->type = (enum q_type)i;
			q->max = q->type == Q_SHORT ? 200 : 5000;
		} else if (strcmp(key, "label") == 0) {
			free(q->label);
			q->label = xstrdup(val);
		} else if (strcmp(key, "hint") == 0) {
			free(q->hint);
			q->hint = xstrdup(val);
		} else if (strcmp(key, "error") == 0) {
			free(q->error);
			q->error = xstrdup(val);
		} else if (strcmp(key, "required") == 0) {
			q->required = 1;
		} else if (strcmp(key, "optional") == 0) {
			q->required = 0;
		} else if (strcmp(key, "private") == 0) {
			q->private = 1;
		} else if (strcmp(key, "retired") == 0) {
			q->retired = 1;
		} else if (strcmp(key, "brief") == 0) {
			/* Data, not ids in C: which answers the IRO's
			 * page lists at the top, and under what words. */
			if (q->brief != NULL)
				FAIL("'brief:' given twice");
			if (form_chars(val) > 60)
				FAIL("'brief:' must be at most 60 characters");
			q->brief = xstrdup(val);
		} else if (strcmp(key, "max") == 0) {
			if (q->type != Q_SHORT && q->type != Q_LONG)
				FAIL("'max:' is for short and long answers "
				    "(put it after 'type:')");
			q->max = strtoul(val, &s, 10);
			if (*s != '\0' || q->max == 0 || q->max > 20000)
				FAIL("'max:' must be a number from 1 to 20000");
		} else if (strcmp(key, "option") == 0) {
			if (q->type != Q_ONE && q->type != Q_MANY)
				FAIL("'option:' is only for 'one' and 'many' "
				    "questions (put it after 'type:')");
			if ((bar = strchr(val, '|')) == NULL)
				FAIL("write an option as 'VALUE | TEXT'");
			*bar++ = '\0';
			q->opts = xrealloc(q->opts,
			    (q->nopts + 1) * sizeof(*q->opts));
			memset(&q->opts[q->nopts], 0, sizeof(*q->opts));
			q->opts[q->nopts].value = xstrdup(buf_trim(val));
			q->nopts++;
			if (!word_ok(q->opts[q->nopts - 1].value))
				FAIL("option value '%s' must be 1 to 32 of "
				    "a-z, 0-9 and _", buf_trim(val));
			for (i = 0; i + 1 < q->nopts; i++)
				if (strcmp(q->opts[i].value,
				    q->opts[q->nopts - 1].value) == 0)
					FAIL("option value '%s' is used twice",
					    q->opts[i].value);
			if ((s = strchr(bar, '|')) != NULL) {
				*s++ = '\0';
				s = buf_trim(s);
				if (*s == '\0' || strchr(s, '/') != NULL ||
				    strstr(s, ".svg") == NULL)
					FAIL("picture '%s' must be a .svg file "
					    "name in static/img", s);
				q->opts[q->nopts - 1].picture = xstrdup(s);
				if (imgdir != NULL &&
				    ((size_t)snprintf(pic, sizeof(pic), "%s/%s",
				    imgdir, s) >= sizeof(pic) ||
				    stat(pic, &sb) == -1))
					FAIL("picture '%s' is not in %s", s,
					    imgdir);
			}
			if (*buf_trim(bar) == '\0')
				FAIL("option '%s' has no text",
				    q->opts[q->nopts - 1].value);
			q->opts[q->nopts - 1].text = xstrdup(buf_trim(bar));
		} else if (strcmp(key, "show-if") == 0) {
			if ((s = strchr(val, '=')) == NULL)
				FAIL("write 'show-if: ID = VALUE, VALUE'");
			*s++ = '\0';
			free(q->cond_id);
			q->cond_id = xstrdup(buf_trim(val));
			for (tok = strtok(s, ","); tok != NULL;
			    tok = strtok(NULL, ",")) {
				q->cond_vals = xrealloc(q->cond_vals,
				    (q->ncond + 1) * sizeof(char *));
				q->cond_vals[q->ncond++] = xstrdup(buf_trim(tok));
			}
			if (q->ncond == 0)
				FAIL("show-if needs at least one value");
		} else
			FAIL("unknown key '%s'", key);
	}
	if (q != NULL && (why = q_problem(out, q)) != NULL) {
		line = qline;
		FAIL("%s", why);
	}
	if (out->audience == NULL)
		FAIL("no 'form:' line");
	if (out->npages == 0)
		FAIL("a form needs at least one 'page:'");
	for (i = 0; i < out->npages; i++)
		if (out->pages[i].count == 0) {
			line = 0;
			FAIL("page '%s' has no questions",
			    out->pages[i].heading);
		}
	free(pending_section);
	free(copy);
	return 0;
fail:
	free(pending_section);
	free(copy);
	form_free(out);
	return -1;
}

/* The form lines whose value a person reads, so a translation needs. */
static const char *const text_keys[] = {
	"title", "intro", "thanks", "page", "label", "hint", "error",
	"section", "help",
};

/*
 * Call fn(file, line, english, arg) for every text a person reads on
 * audience aud's form (TMPLDIR/forms/AUD.form): the lines above, each
 * option's text, and the built-in answers of 'feelings' and 'yesno'
 * questions (named at their 'type:' line).  This is the list each
 * language must translate (lang.c), and the list of texts the
 * read-aloud clips are made from.  The file is read as form_parse()
 * reads it, without checking it again (start-up did).  Returns fn's
 * first non-zero value, -1 when the file cannot be read, or 0.
 */
int
form_texts(const char *tmpldir, const char *aud, form_text_fn fn, void *arg)
{
	char		 path[4096], chunk[4096];
	struct buf	 text = { 0 };
	char		*p, *nl, *s, *key, *colon, *val, *bar;
	const struct form_option *o;
	FILE		*fp;
	size_t		 got, i, n;
	int		 line = 0, rc = 0;

	if ((size_t)snprintf(path, sizeof(path), "%s/forms/%s.form", tmpldir,
	    aud) >= sizeof(path) || (fp = fopen(path, "r")) == NULL)
		return -1;
	while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(&text, chunk, got);
	fclose(fp);
	for (p = text.data; rc == 0 && p != NULL && *p != '\0'; p = nl) {
		if ((nl = strchr(p, '\n')) != NULL)
			*nl++ = '\0';
		line++;
		s = buf_trim(p);
		if (*s == '#' || (colon = strchr(s, ':')) == NULL)
			continue;
		*colon = '\0';
		key = buf_trim(s);
		val = buf_trim(colon + 1);
		for (i = 0; i < sizeof(text_keys) / sizeof(text_keys[0]); i++)
			if (strcmp(key, text_keys[i]) == 0 && *val != '\0')
				rc = fn(path, line, val, arg);
		if (rc == 0 && strcmp(key, "option") == 0 &&
		    (bar = strchr(val, '|')) != NULL) {
			bar++;
			if ((s = strchr(bar, '|')) != NULL)
				*s = '\0';
			if (*(bar = buf_trim(bar)) != '\0')
				rc = fn(path, line, bar, arg);
		}
		if (strcmp(key, "type") == 0 && (strcmp(val, "feelings") == 0 ||
		    strcmp(val, "yesno") == 0)) {
			o = val[0] == 'f' ? feelings : yesno;
			n = val[0] == 'f' ? sizeof(feelings) /
			    sizeof(feelings[0]) : sizeof(yesno) /
			    sizeof(yesno[0]);
			for (i = 0; rc == 0 && i < n; i++)
				rc = fn(path, line, o[i].text, arg);
		}
	}
	buf_free(&text);
	return rc;
}

/*
 * Load templates/forms/AUDIENCE.form for all 13 audiences.  Returns 0,
 * or -1 with "file:line: what is wrong" in err.
 */
int
form_load_dir(const char *dir, const char *imgdir, char *err, size_t errlen)
{
	char		 path[4096];
	const char	*aud;
	struct buf	 text = { 0 };
	char		 chunk[4096];
	FILE		*fp;
	size_t		 got;
	int		 i;

	for (i = 0; i < FORM_NAUDIENCES; i++) {
		aud = vocab_at(VOCAB_AUDIENCE, i)->word;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s.form", dir,
		    aud) >= sizeof(path) ||
		    (fp = fopen(path, "r")) == NULL) {
			snprintf(err, errlen, "%s:0: cannot read the form "
			    "for audience '%s'", path, aud);
			goto fail;
		}
		buf_reset(&text);
		while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0)
			buf_add(&text, chunk, got);
		fclose(fp);
		if (form_parse(path, buf_str(&text), text.len, imgdir,
		    &forms[i], err, errlen) == -1)
			goto fail;
		if (strcmp(forms[i].audience, aud) != 0) {
			snprintf(err, errlen, "%s:1: 'form: %s' does not match "
			    "the file name", path, forms[i].audience);
			goto fail;
		}
	}
	buf_free(&text);
	return 0;
fail:
	buf_free(&text);
	form_free_all();
	return -1;
}

/* The loaded form for an audience, or NULL. */
const struct form *
form_get(const char *aud)
{
	int	 i = form_audience_index(aud);

	return i < 0 || forms[i].audience == NULL ? NULL : &forms[i];
}

/* Free every loaded form. */
void
form_free_all(void)
{
	int	 i;

	for (i = 0; i < FORM_NAUDIENCES; i++)
		form_free(&forms[i]);
}

/* Number of characters (code points) in a UTF-8 string. */
size_t
form_chars(const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/*
 * Is question qi shown, given the answers so far?  A retired question is
 * never asked again (its past answers are still read by staff).
 */
int
form_shown(const struct form *f, size_t qi, const struct kvlist *ans)
{
	const struct form_question *q = &f->qs[qi];
	size_t	 i, j;

	if (q->retired)
		return 0;
	if (q->cond_id == NULL)
		return 1;
	for (i = 0; i < ans->n; i++) {
		if (strcmp(ans->v[i].key, q->cond_id) != 0)
			continue;
		for (j = 0; j < q->ncond; j++)
			if (strcmp(ans->v[i].val, q->cond_vals[j]) == 0)
				return 1;
	}
	return 0;
}

/* Is any question on page pi shown? */
int
form_page_shown(const struct form *f, size_t pi, const struct kvlist *ans)
{
	size_t	 i;

	for (i = 0; i < f->pages[pi].count; i++)
		if (form_shown(f, f->pages[pi].first + i, ans))
			return 1;
	return 0;
}

/* Remove every answer pair belonging to question id (and date parts). */
static void
drop_answers(struct kvlist *ans, const char *id)
{
	size_t	 i, j, n = strlen(id);

	for (i = j = 0; i < ans->n; i++) {
		const char *k = ans->v[i].key;
		if (strcmp(k, id) == 0 || (strncmp(k, id, n) == 0 &&
		    (strcmp(k + n, "-day") == 0 ||
		    strcmp(k + n, "-month") == 0 ||
		    strcmp(k + n, "-year") == 0))) {
			free(ans->v[i].key);
			free(ans->v[i].val);
			continue;
		}
		ans->v[j++] = ans->v[i];
	}
	ans->n = j;
}

/* Is s empty or only white space? */
static int
blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

/* Is s one or more ASCII digits? */
static int
digits(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/*
 * What is wrong with the stored answer to q, or NULL.  Never looks at
 * hidden questions; the caller decides that.
 */
static const char *
check_q(const struct form_question *q, const struct kvlist *ans)
{
	char	 key[64];
	const char *v = kv_get(ans, q->id);
	size_t	 i, seen = 0;

	switch (q->type) {
	case Q_SHORT:
	case Q_LONG:
		if (v == NULL || blank(v))
			return q->required ? (q->error != NULL ? q->error :
			    "Enter an answer to this question") : NULL;
		if (!http_field_ok(q->type == Q_SHORT ? FT_LINE : FT_TEXT, v,
		    strlen(v)))
			return "This answer has characters we cannot read: "
			    "please type it again";
		if (form_chars(v) > q->max)
			return q->type == Q_SHORT ?
			    "This answer is too long: please shorten it" :
			    "This answer is too long: please shorten it, or "
			    "send the rest another way";
		return NULL;
	case Q_DATE:
		if (v != NULL)
			return http_field_ok(FT_DATE, v, strlen(v)) ? NULL :
			    "Enter a real date";
		snprintf(key, sizeof(key), "%s-day", q->id);
		if (kv_get(ans, key) != NULL)
			return "Enter a real date, for example 27 3 2025";
		return q->required ? (q->error != NULL ? q->error :
		    "Enter a date") : NULL;
	default:
		for (i = 0; i < ans->n; i++) {
			if (strcmp(ans->v[i].key, q->id) != 0)
				continue;
			if (!has_option(q, ans->v[i].val))
				return "Choose one of the answers shown";
			seen++;
		}
		if (seen > 1 && q->type != Q_MANY)
			return "Choose only one answer";
		if (seen == 0 && q->required)
			return q->error != NULL ? q->error :
			    "Choose an answer to this question";
		return NULL;
	}
}

/* Copy a typed text, turning CRLF into LF. */
static void
add_text(struct kvlist *ans, const char *key, const char *v)
{
	struct buf	 b = { 0 };

	for (; *v != '\0'; v++)
		if (!(v[0] == '\r' && v[1] == '\n'))
			buf_putc(&b, *v == '\r' ? '\n' : *v);
	kv_add(ans, key, strlen(key), buf_str(&b), b.len, KV_OK);
	buf_free(&b);
}

/*
 * Take the answers to page pi from a submitted body into ans, replacing
 * what ans held for those questions, and check them.  Everything typed
 * is kept, valid or not, so the page can be shown again as it was.
 * Fills up to maxerr errors; returns how many there are.
 */
size_t
form_read_page(const struct form *f, size_t pi, const struct kvlist *body,
    struct kvlist *ans, struct form_error *errs, size_t maxerr)
{
	const struct form_page *pg = &f->pages[pi];
	const struct form_question *q;
	char	 key[3][64], date[16];
	const char *part[3];
	size_t	 i, j, nerr = 0;
	const char *msg;
	int	 bad;

	for (i = pg->first; i < pg->first + pg->count; i++) {
		q = &f->qs[i];
		drop_answers(ans, q->id);
		if (!form_shown(f, i, ans))
			continue;
		bad = 0;
		if (q->type == Q_DATE) {
			snprintf(key[0], sizeof(key[0]), "%s-day", q->id);
			snprintf(key[1], sizeof(key[1]), "%s-month", q->id);
			snprintf(key[2], sizeof(key[2]), "%s-year", q->id);
			for (j = 0; j < 3; j++) {
				part[j] = kv_get(body, key[j]);
				if (part[j] == NULL || strlen(part[j]) > 4)
					part[j] = "";
			}
			if (!blank(part[0]) || !blank(part[1]) ||
			    !blank(part[2])) {
				/* Parts are at most 4 bytes: date fits. */
				snprintf(date, sizeof(date), "%04d-%02d-%02d",
				    atoi(part[2]), atoi(part[1]),
				    atoi(part[0]));
				if (digits(part[0]) && digits(part[1]) &&
				    digits(part[2]) && strlen(part[2]) == 4 &&
				    http_field_ok(FT_DATE, date, strlen(date)))
					kv_add(ans, q->id, strlen(q->id), date,
					    strlen(date), KV_OK);
				else
					for (j = 0; j < 3; j++)
						add_text(ans, key[j], part[j]);
			}
		} else {
			for (j = 0; j < body->n; j++) {
				if (strcmp(body->v[j].key, q->id) != 0)
					continue;
				if (body->v[j].bad != KV_OK)
					bad = 1;
				else
					add_text(ans, q->id, body->v[j].val);
			}
		}
		msg = bad ? "This answer has characters we cannot read: "
		    "please type it again" : check_q(q, ans);
		if (msg != NULL && nerr < maxerr) {
			errs[nerr].q = i;
			errs[nerr++].msg = msg;
		}
	}
	return nerr;
}

/*
 * Before sending: drop answers to questions that are no longer shown,
 * then check every shown question.  Returns the number of errors.
 */
size_t
form_check_all(const struct form *f, struct kvlist *ans,
    struct form_error *errs, size_t maxerr)
{
	size_t	 i, nerr = 0;
	const char *msg;

	for (i = 0; i < f->nq; i++) {
		if (!form_shown(f, i, ans)) {
			drop_answers(ans, f->qs[i].id);
			continue;
		}
		if ((msg = check_q(&f->qs[i], ans)) != NULL && nerr < maxerr) {
			errs[nerr].q = i;
			errs[nerr++].msg = msg;
		}
	}
	return nerr;
}

/* Percent-encode s for a urlencoded body. */
static void
enc(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if (isalnum(c) || c == '-' || c == '_' || c == '.')
			buf_putc(out, (char)c);
		else {
			buf_putc(out, '%');
			buf_putc(out, hex[c >> 4]);
			buf_putc(out, hex[c & 15]);
		}
	}
}

/* Encode answers as urlencoded text (for sealing). */
void
form_encode(const struct kvlist *ans, struct buf *out)
{
	size_t	 i;

	buf_reset(out);
	for (i = 0; i < ans->n; i++) {
		if (i > 0)
			buf_putc(out, '&');
		enc(out, ans->v[i].key);
		buf_putc(out, '=');
		enc(out, ans->v[i].val);
	}
}

/*
 * The introduction shown under page pi's heading: its own 'intro:', or
 * on the first page the form's.  NULL when there is none.  The form
 * owns it.
 */
const char *
form_page_intro(const struct form *f, size_t pi)
{
	if (pi == 0 && f->pages[0].intro == NULL)
		return f->intro;
	return f->pages[pi].intro;
}
