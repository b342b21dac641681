/*
 * page_admin: what the staff pages share (page_signin, page_reviews,
 * page_actions, page_answers, page_staff).
 */
#ifndef HEARD_PAGE_ADMIN_H
#define HEARD_PAGE_ADMIN_H

#include "page.h"

void	 adm_date_in(int, char[11]);
int	 adm_load_review(struct resp *, const struct session *, const char *,
	    struct db_review *);
void	 adm_options(struct buf *, enum vocab_list, unsigned, const char *);
void	 adm_not_found(struct resp *, const struct session *, const char *);
int	 adm_lines(const char *, char *, size_t);
void	 adm_unlines(struct buf *, const char *);

#endif
