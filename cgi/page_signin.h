/*
 * page_signin: staff sign-in and sign-out.
 */
#ifndef HEARD_PAGE_SIGNIN_H
#define HEARD_PAGE_SIGNIN_H

#include "page.h"

enum { LOGIN_CSRF, LOGIN_USER, LOGIN_PASSWORD, LOGIN__N };

extern const struct field signin_fields[LOGIN__N];

void	 signin_home(struct req *, struct resp *, const struct session *);
void	 signin_login(struct req *, struct resp *, const struct session *);
void	 signin_logout(struct req *, struct resp *, const struct session *);

#endif
