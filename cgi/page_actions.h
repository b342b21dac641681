/*
 * page_actions: every change a member of staff makes to a review from
 * its page, one route each (POST /admin/review/ACTION?id=N).  The router
 * has checked the role, the CSRF token and the declared fields below
 * before a handler runs.
 */
#ifndef HEARD_PAGE_ACTIONS_H
#define HEARD_PAGE_ACTIONS_H

#include "page.h"

enum { ISSUE_ID, ISSUE_CHANNEL, ISSUE_TO, ISSUE_CONTACT, ISSUE_LANG,
    ISSUE__N };
enum { CONTACT_ID, CONTACT_C, CONTACT_VALUE, CONTACT__N };
enum { LINK_ID, LINK_C, LINK__N };	/* reissue, revoke */
enum { RETURN_ID, RETURN_C, RETURN_DATE, RETURN_CHANNEL, RETURN__N };
enum { PN_ID, PN_CODE, PN__N };
enum { FMT_ID, FMT_FORMAT, FMT__N };
enum { MOVE_ID, MOVE_DATE, MOVE_REASON, MOVE__N };	/* rearrange */
enum { HELD_ID, HELD_ON, HELD__N };
enum { ALLOC_ID, ALLOC_IRO, ALLOC__N };
enum { END_ID, END__N };		/* stand down, cancel */

extern const struct field act_issue_fields[ISSUE__N];
extern const struct field act_link_fields[LINK__N];
extern const struct field act_return_fields[RETURN__N];
extern const struct field act_pn_fields[PN__N];
extern const struct field act_format_fields[FMT__N];
extern const struct field act_move_fields[MOVE__N];
extern const struct field act_end_fields[END__N];
extern const struct field act_held_fields[HELD__N];
extern const struct field act_allocate_fields[ALLOC__N];
extern const struct field act_contact_fields[CONTACT__N];

void	 act_issue(struct req *, struct resp *, const struct session *);
void	 act_reissue(struct req *, struct resp *, const struct session *);
void	 act_revoke(struct req *, struct resp *, const struct session *);
void	 act_return(struct req *, struct resp *, const struct session *);
void	 act_format(struct req *, struct resp *, const struct session *);
void	 act_participation(struct req *, struct resp *,
	    const struct session *);
void	 act_rearrange(struct req *, struct resp *, const struct session *);
void	 act_standdown(struct req *, struct resp *, const struct session *);
void	 act_cancel(struct req *, struct resp *, const struct session *);
void	 act_held(struct req *, struct resp *, const struct session *);
void	 act_allocate(struct req *, struct resp *, const struct session *);
void	 act_contact(struct req *, struct resp *, const struct session *);

#endif
