/*
 * page_admin: the IRO service's staff pages: sign-in, reviews and their
 * consultations, and reading the views.
 */
#ifndef HEARD_PAGE_ADMIN_H
#define HEARD_PAGE_ADMIN_H

#include "page.h"

enum { LOGIN_CSRF, LOGIN_USER, LOGIN_PASSWORD, LOGIN__N };
enum { REVIEWS_FROM, REVIEWS_TO, REVIEWS__N };
enum { REVIEW_ID, REVIEW__N };
enum { NEW_CHILD, NEW_DATE, NEW_TYPE, NEW_IRO, NEW__N };
enum { ANSWERS_REVIEW, ANSWERS__N };
enum { TYPEIN_C, TYPEIN_DATE, TYPEIN_CHANNEL, TYPEIN__N };
enum { STAFF_NAME, STAFF_ROLE, STAFF_PASSWORD, STAFF__N };

extern const struct field adm_login_fields[LOGIN__N];
extern const struct field adm_reviews_fields[REVIEWS__N];
extern const struct field adm_review_fields[REVIEW__N];
extern const struct field adm_new_fields[NEW__N];
extern const struct field adm_answers_fields[ANSWERS__N];
extern const struct field adm_typein_fields[TYPEIN__N];
extern const struct field adm_staff_fields[STAFF__N];

void	 adm_home(struct req *, struct resp *, const struct session *);
void	 adm_login(struct req *, struct resp *, const struct session *);
void	 adm_logout(struct req *, struct resp *, const struct session *);
void	 adm_reviews(struct req *, struct resp *, const struct session *);
void	 adm_review(struct req *, struct resp *, const struct session *);
void	 adm_new_review(struct req *, struct resp *, const struct session *);
void	 adm_typein(struct req *, struct resp *, const struct session *);
void	 adm_staff(struct req *, struct resp *, const struct session *);
void	 adm_answers(struct req *, struct resp *, const struct session *);
void	 adm_date_in(int, char[11]);
int	 adm_load_review(struct resp *, const struct session *, const char *,
	    struct db_review *);
void	 adm_review_page(struct resp *, const struct session *,
	    const struct db_review *, const char *, const char *, const char *);
void	 adm_options(struct buf *, enum vocab_list, unsigned, const char *);
void	 adm_not_found(struct resp *, const struct session *, const char *);

#endif
