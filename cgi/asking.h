/*
 * asking: who is asking, and about whom (issue 15 item 3).  Every form
 * page and letter names the service, the review date in words and, to
 * the audiences that may see them, the child's first name and the IRO's
 * passport; the thank-you page says what happens next.  Which audience
 * sees what is decided here, once:
 *
 *   the child's own forms (child, young_person, care_leaver and the
 *     young person's and care leaver's feedback forms): "you", never
 *     their name; the IRO's passport (first name, picture, words);
 *   parents and carers (and a care leaver's parent): the child's first
 *     name and the IRO's first name;
 *   professionals (health, education, professional, feedback_attendee):
 *     the child's case reference and first name, the review date and
 *     the IRO's first name at the top of every page.
 *
 * On a page in another language (lang.c) the child's own forms get
 * these words in it; the other audiences' stay English.
 *
 * Floor 2: reads the review (db), the child's sealed name (consult),
 * the page's language (lang).
 */
#ifndef HEARD_ASKING_H
#define HEARD_ASKING_H

#include <stdint.h>

#include "buf.h"
#include "cal.h"
#include "db.h"

enum asking_kind {
	ASK_CHILD,	/* the child's form (about 4 to 11) */
	ASK_YOUNG,	/* a young person's or care leaver's own form */
	ASK_FAMILY,	/* a parent or carer */
	ASK_PRO,	/* a professional or review attendee */
};

struct asking {
	enum asking_kind kind;
	int		 feedback;	/* a form after the review */
	char		 council[256];	/* the service's name, or "" */
	char		 when[CAL_WORDS_LEN];	/* the review date in words */
	char		 day[16];	/* the same as DD/MM/YYYY, or "": the
					 * date on pages in other languages */
	char		 ref[64];	/* the case reference: ASK_PRO only */
	struct buf	 child;		/* first name, "" when not for them */
	struct db_passport iro;		/* iro.id 0: no IRO known */
	char		 picture[64];	/* the passport picture's src, or "" */
};

enum asking_kind asking_kind_of(const char *);
void	 asking_of(const char *, int64_t, int64_t, int, struct asking *);
void	 asking_free(struct asking *);
int	 asking_head(struct buf *, const struct asking *, int);
int	 asking_next(struct buf *, const struct asking *);

#endif
