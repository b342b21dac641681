/*
 * page_staff: the staff page (admins).
 */
#ifndef HEARD_PAGE_STAFF_H
#define HEARD_PAGE_STAFF_H

#include "page.h"

enum { STAFF_NAME, STAFF_ROLE, STAFF_PASSWORD, STAFF__N };

enum { STAFF_ACT_USER, STAFF_ACT_ROLE, STAFF_ACT_PASSWORD, STAFF_ACT_EMAIL,
    STAFF_ACT__N };
enum { STAFF_PW_NEW, STAFF_PW_AGAIN, STAFF_PW__N };

extern const struct field staff_fields[STAFF__N];
extern const struct field staff_act_fields[STAFF_ACT__N];
extern const struct field staff_pw_fields[STAFF_PW__N];

void	 staff_manage(struct req *, struct resp *, const struct session *);
void	 staff_disable(struct req *, struct resp *, const struct session *);
void	 staff_enable(struct req *, struct resp *, const struct session *);
void	 staff_passwd(struct req *, struct resp *, const struct session *);
void	 staff_role(struct req *, struct resp *, const struct session *);
void	 staff_approvals(struct req *, struct resp *, const struct session *);
void	 staff_approve(struct req *, struct resp *, const struct session *);
void	 staff_refuse(struct req *, struct resp *, const struct session *);
void	 staff_own_password(struct req *, struct resp *,
	    const struct session *);

void	 staff_email(struct req *, struct resp *, const struct session *);

#endif
