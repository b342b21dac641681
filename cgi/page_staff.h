/*
 * page_staff: the staff page (admins).
 */
#ifndef HEARD_PAGE_STAFF_H
#define HEARD_PAGE_STAFF_H

#include "page.h"

enum { STAFF_NAME, STAFF_ROLE, STAFF_PASSWORD, STAFF__N };

extern const struct field staff_fields[STAFF__N];

void	 staff_manage(struct req *, struct resp *, const struct session *);

#endif
