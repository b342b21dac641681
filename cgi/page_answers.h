/*
 * page_answers: reading the views, and typing in a paper return.
 */
#ifndef HEARD_PAGE_ANSWERS_H
#define HEARD_PAGE_ANSWERS_H

#include "page.h"

enum { ANSWERS_REVIEW, ANSWERS_LEAVE, ANSWERS__N };
enum { TYPEIN_C, TYPEIN_DATE, TYPEIN_CHANNEL, TYPEIN__N };

extern const struct field answers_fields[ANSWERS__N];
extern const struct field answers_typein_fields[TYPEIN__N];

void	 answers_read(struct req *, struct resp *, const struct session *);
void	 answers_typein(struct req *, struct resp *, const struct session *);

#endif
