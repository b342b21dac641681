/*
 * page_week: Issue a week (admins): the CSV's columns and an upload,
 * a check of what will be created with every error by line, and one
 * action that creates it all.
 */
#ifndef HEARD_PAGE_WEEK_H
#define HEARD_PAGE_WEEK_H

#include "page.h"

#define WEEK_CHUNKS	12	/* hidden fields carrying the sealed file */

extern const struct field week_issue_fields[WEEK_CHUNKS];

void	 week_page(struct req *, struct resp *, const struct session *);
void	 week_check_page(struct req *, struct resp *, const struct session *);
void	 week_issue_page(struct req *, struct resp *, const struct session *);

#endif
