/*
 * page_langs: the Languages page (managers and admins): each
 * translation of the children's forms with its status, who signed it
 * off and when; signing off (or back to draft) is its own route,
 * audited.
 */
#ifndef HEARD_PAGE_LANGS_H
#define HEARD_PAGE_LANGS_H

#include "page.h"

enum { LANGS_CODE, LANGS_STATUS, LANGS__N };

extern const struct field langs_status_fields[LANGS__N];

void	 langs_page(struct req *, struct resp *, const struct session *);
void	 langs_status(struct req *, struct resp *, const struct session *);

#endif
