/*
 * page_reviews: the reviews list, adding a review, a review's page.
 */
#ifndef HEARD_PAGE_REVIEWS_H
#define HEARD_PAGE_REVIEWS_H

#include "page.h"

enum { REVIEWS_FROM, REVIEWS_TO, REVIEWS__N };
enum { REVIEW_ID, REVIEW__N };
enum { NEW_QCHILD, NEW_CHILD, NEW_DATE, NEW_TYPE, NEW_IRO, NEW_NAME, NEW_DOB,
    NEW_SINCE, NEW_REASON, NEW_CONFIRM, NEW__N };

extern const struct field reviews_list_fields[REVIEWS__N];
extern const struct field reviews_review_fields[REVIEW__N];
extern const struct field reviews_new_fields[NEW__N];

void	 reviews_list(struct req *, struct resp *, const struct session *);
void	 reviews_review(struct req *, struct resp *, const struct session *);
void	 reviews_new(struct req *, struct resp *, const struct session *);
void	 reviews_page(struct resp *, const struct session *,
	    const struct db_review *, const char *, const char *, const char *);
void	 reviews_page_kept(struct resp *, const struct session *,
	    const struct db_review *, const char *, const char *, const char *,
	    const struct kvlist *);

#endif
