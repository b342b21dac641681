/*
 * page_chase: the chase list (admins): every consultation not yet back
 * for reviews in a date range, filtered, and what an admin does with
 * the ticked ones, one route each: send a reminder now, or download
 * them as a CSV in GOV.UK Notify's bulk-upload format.  The router has
 * checked the role, the CSRF token and the declared fields below.
 */
#ifndef HEARD_PAGE_CHASE_H
#define HEARD_PAGE_CHASE_H

#include "page.h"

#define CHASE_LIMIT	200	/* rows on one page; "narrow the dates" */

/*
 * The filters (in the query string of all three routes, so that the
 * list comes back as it was after an action) and the CSV's kind.  The
 * ticked consultations are repeated "c" values in the body, read by
 * the handlers (a declared field is single-valued: two are refused as
 * a duplicate).
 */
enum {
	CHASE_FROM, CHASE_TO, CHASE_AUD, CHASE_IRO, CHASE_CHANNEL,
	CHASE_OPENED, CHASE_FAILED, CHASE_ALL, CHASE_KIND, CHASE__N
};

extern const struct field chase_fields[CHASE__N];

void	 chase_list(struct req *, struct resp *, const struct session *);
void	 chase_remind(struct req *, struct resp *, const struct session *);
void	 chase_letters(struct req *, struct resp *, const struct session *);
void	 chase_csv(struct req *, struct resp *, const struct session *);

#endif
