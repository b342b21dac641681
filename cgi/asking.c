/*
 * asking: the words that say who is asking, about whom, and what
 * happens next (see asking.h), rendered through tmpl.c.
 */
#include <stdio.h>
#include <string.h>

#include "asking.h"
#include "consult.h"
#include "lang.h"
#include "log.h"
#include "tmpl.h"
#include "vocab.h"

/* Which of the four ways of speaking audience aud gets. */
enum asking_kind
asking_kind_of(const char *aud)
{
	if (strcmp(aud, "child") == 0)
		return ASK_CHILD;
	if (vocab_is_childs(aud) || strcmp(aud, "feedback_young_person") ==
	    0 || strcmp(aud, "feedback_leaver_attended") == 0 ||
	    strcmp(aud, "feedback_leaver_absent") == 0)
		return ASK_YOUNG;
	if (strcmp(aud, "health") == 0 || strcmp(aud, "education") == 0 ||
	    strcmp(aud, "professional") == 0 ||
	    strcmp(aud, "feedback_attendee") == 0)
		return ASK_PRO;
	return ASK_FAMILY;
}

/*
 * Fill a for audience aud of review review, whose IRO is staff member
 * iro (0: none).  staff: the picture is for a staff page (a letter) and
 * its photo is fetched by staff id; else from the visitor's own form
 * (/form/iro.png).  Whatever cannot be read is left empty (logged),
 * so a page always has words.  The caller frees a with asking_free().
 */
void
asking_of(const char *aud, int64_t review, int64_t iro, int staff,
    struct asking *a)
{
	struct db_review rv;

	memset(a, 0, sizeof(*a));
	a->kind = asking_kind_of(aud);
	a->feedback = vocab_is_feedback(aud);
	if (db_setting_get("council", a->council, sizeof(a->council)) !=
	    DB_OK)
		a->council[0] = '\0';
	if (db_review_get(review, &rv) == DB_OK) {
		int32_t	 d = cal_parse(rv.date);
		int	 y, m, dd;

		cal_words(d, a->when);
		if (d != CAL_NONE) {
			/* Digits, as the letters in other languages have. */
			cal_ymd_of(d, &y, &m, &dd);
			snprintf(a->day, sizeof(a->day), "%02d/%02d/%04d",
			    dd, m, y);
		}
		if (a->kind == ASK_PRO)
			snprintf(a->ref, sizeof(a->ref), "%s", rv.child_ref);
		if (a->kind == ASK_FAMILY || a->kind == ASK_PRO)
			consult_child_name(&rv, &a->child);
	} else
		log_line("%s: review %lld not read", __func__,
		    (long long)review);
	if (iro <= 0 || db_passport_get(iro, &a->iro) != DB_OK ||
	    a->iro.first_name[0] == '\0') {
		/* No first name: no passport at all, whatever else is set. */
		memset(&a->iro, 0, sizeof(a->iro));
		return;
	}
	if (a->iro.photo && staff)
		snprintf(a->picture, sizeof(a->picture),
		    "/admin/passport.png?id=%lld", (long long)iro);
	else if (a->iro.photo)
		snprintf(a->picture, sizeof(a->picture), "/form/iro.png");
	else if (a->iro.face > 0)
		snprintf(a->picture, sizeof(a->picture),
		    "/static/img/passport-%d.svg", a->iro.face);
}

/* Free what asking_of() filled. */
void
asking_free(struct asking *a)
{
	buf_free(&a->child);
}

/* The template variables every asking template shares, into v. */
#define ASK_VARS(a) \
	TV("council", (a)->council[0] ? (a)->council : NULL), \
	TV("when", (a)->when[0] ? (a)->when : NULL), \
	TV("ref", (a)->ref[0] ? (a)->ref : NULL), \
	TV("child", (a)->child.len ? buf_str(&(a)->child) : NULL), \
	TV("iro", (a)->iro.first_name[0] ? (a)->iro.first_name : NULL), \
	TV("about", (a)->iro.about[0] ? (a)->iro.about : NULL), \
	TV("picture", (a)->picture[0] ? (a)->picture : NULL), \
	TV("feedback", (a)->feedback ? "1" : NULL), \
	TV("k_child", (a)->kind == ASK_CHILD ? "1" : NULL), \
	TV("k_young", (a)->kind == ASK_YOUNG ? "1" : NULL), \
	TV("k_family", (a)->kind == ASK_FAMILY ? "1" : NULL), \
	TV("k_pro", (a)->kind == ASK_PRO ? "1" : NULL)

/*
 * Whether a's words are shown in the page's language: the child's own
 * forms (before the review) on a page in a language other than English.
 * The other audiences' forms are English only, so their words stay so.
 */
static int
asking_in_lang(const struct asking *a)
{
	return strcmp(lang_code(), "en") != 0 && !a->feedback &&
	    (a->kind == ASK_CHILD || a->kind == ASK_YOUNG);
}

/*
 * asking_head()'s first page of a child's own form in the page's
 * language, into out: each sentence whole through lang_fill(), its
 * name and date isolated (<bdi>).  The IRO's own words stay as written
 * (English), marked so.
 */
static void
head_in_lang(struct buf *out, const struct asking *a)
{
	struct buf	 from = { 0 }, name = { 0 }, when = { 0 };
	int		 child = a->kind == ASK_CHILD;

	if (a->council[0] != '\0')
		lang_fill(&from, "From {1}", a->council, NULL);
	if (a->iro.first_name[0] != '\0')
		lang_fill(&name, child ? "{1} runs your meeting." :
		    "{1} is your IRO, the person who runs your review meeting.",
		    a->iro.first_name, NULL);
	if (a->day[0] != '\0')
		lang_fill(&when, child ? "Your meeting is on {1}." :
		    "Your review meeting is on {1}.", a->day, NULL);
	struct tvar	 v[] = { ASK_VARS(a), TM("from", &from),
	    TM("name", &name), TM("on", &when) };

	tmpl_render(out, "asking_head_lang", v, NVARS(v));
	buf_free(&from);
	buf_free(&name);
	buf_free(&when);
}

/*
 * The heading area of a form page into out: on the first page (first)
 * who is asking, about whom and when, with the IRO's passport for the
 * child's own forms; on every page of a professional's form the child's
 * reference and first name and the review date.  Nothing for other
 * audiences' later pages.  Returns 1 when the words are in the page's
 * language (lang.c), 0 when they are English.
 */
int
asking_head(struct buf *out, const struct asking *a, int first)
{
	if (!first && a->kind != ASK_PRO)
		return 1;
	if (asking_in_lang(a)) {
		head_in_lang(out, a);
		return 1;
	}
	struct tvar	 v[] = { ASK_VARS(a), TV("first", first ? "1" :
	    NULL) };

	tmpl_render(out, "asking_head", v, NVARS(v));
	return strcmp(lang_code(), "en") == 0;
}

/*
 * What happens next, for the thank-you page, into out: who reads the
 * answers and by when, in the audience's words, with a picture for a
 * child (the IRO's passport picture, or a drawn one).  Returns 1 when
 * the words are in the page's language (lang.c), 0 when English.
 */
int
asking_next(struct buf *out, const struct asking *a)
{
	struct buf	 said = { 0 };
	int		 iro = a->iro.first_name[0] != '\0';

	if (!asking_in_lang(a)) {
		struct tvar v[] = { ASK_VARS(a) };
		tmpl_render(out, "asking_next", v, NVARS(v));
		return strcmp(lang_code(), "en") == 0;
	}
	/* Each sentence whole, its name and date isolated (<bdi>). */
	if (a->kind == ASK_CHILD && iro)
		lang_fill(&said, "{1} will read this before your meeting. It is "
		    "on {2}.", a->iro.first_name, a->day);
	else if (a->kind == ASK_CHILD)
		lang_fill(&said, "The person who runs your meeting will read "
		    "this. They will read it before your meeting. It is on {1}.",
		    a->day, NULL);
	else if (iro)
		lang_fill(&said, "Your IRO, {1}, will read this before your "
		    "meeting on {2}.", a->iro.first_name, a->day);
	else
		lang_fill(&said, "Your IRO, the person who runs your meeting, "
		    "will read this before your meeting on {1}.", a->day, NULL);
	struct tvar	 v[] = { ASK_VARS(a), TM("said", &said) };

	tmpl_render(out, "asking_next_lang", v, NVARS(v));
	buf_free(&said);
	return 1;
}
