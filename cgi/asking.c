/*
 * asking: the words that say who is asking, about whom, and what
 * happens next (see asking.h), rendered through tmpl.c.
 */
#include <stdio.h>
#include <string.h>

#include "asking.h"
#include "consult.h"
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
		cal_words(cal_parse(rv.date), a->when);
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
 * The heading area of a form page into out: on the first page (first)
 * who is asking, about whom and when, with the IRO's passport for the
 * child's own forms; on every page of a professional's form the child's
 * reference and first name and the review date.  Nothing for other
 * audiences' later pages.
 */
void
asking_head(struct buf *out, const struct asking *a, int first)
{
	if (!first && a->kind != ASK_PRO)
		return;
	struct tvar	 v[] = { ASK_VARS(a), TV("first", first ? "1" :
	    NULL) };

	tmpl_render(out, "asking_head", v, NVARS(v));
}

/*
 * What happens next, for the thank-you page, into out: who reads the
 * answers and by when, in the audience's words, with a picture for a
 * child (the IRO's passport picture, or a drawn one).
 */
void
asking_next(struct buf *out, const struct asking *a)
{
	struct tvar	 v[] = { ASK_VARS(a) };

	tmpl_render(out, "asking_next", v, NVARS(v));
}
