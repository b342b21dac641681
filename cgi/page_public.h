/*
 * page_public: what a child, parent, carer or professional sees: the
 * home page, opening a link or paper code, the form and its thank-you.
 */
#ifndef HEARD_PAGE_PUBLIC_H
#define HEARD_PAGE_PUBLIC_H

#include "forms.h"
#include "page.h"

enum { CODE_CSRF, CODE_CODE, CODE_Q_LANG, CODE_LANG, CODE__N };
enum { FORM_Q_PAGE, FORM_CSRF, FORM_PAGE, FORM_ACTION, FORM_Q_CHECK,
    FORM_Q_LANG,
    FORM__N };

extern const struct field pub_code_fields[CODE__N];
extern const struct field pub_form_fields[FORM__N];

void	 pub_questions(struct buf *, struct buf *, const struct form *, size_t,
	    const struct kvlist *, const struct form_error *, size_t, int);
void	 pub_home(struct req *, struct resp *, const struct session *);
void	 pub_health(struct req *, struct resp *, const struct session *);
void	 pub_link(struct req *, struct resp *, const struct session *);
void	 pub_code(struct req *, struct resp *, const struct session *);
void	 pub_form(struct req *, struct resp *, const struct session *);

#endif
