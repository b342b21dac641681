/*
 * page_audit: the audit log for managers, a page at a time and
 * filtered by child, review, person, action and dates, and the same
 * rows as CSV.
 */
#ifndef HEARD_PAGE_AUDIT_H
#define HEARD_PAGE_AUDIT_H

#include "page.h"

enum { AUD_CHILD, AUD_REVIEW, AUD_PERSON, AUD_ACTION, AUD_FROM, AUD_TO,
    AUD_BEFORE, AUD_AFTER, AUD__N };

extern const struct field audit_fields[AUD__N];

void	 audit_page(struct req *, struct resp *, const struct session *);
void	 audit_csv(struct req *, struct resp *, const struct session *);

#endif
