/*
 * session: staff sign-in, sessions and their CSRF tokens.
 * A session is 32 random bytes in a __Host- cookie (SameSite=Strict),
 * stored only as a keyed hash; new at every sign-in; ends after 30
 * minutes idle or 12 hours, or at sign-out.
 */
#ifndef HEARD_SESSION_H
#define HEARD_SESSION_H

#include "crypto.h"
#include "db.h"

#define SESSION_IDLE		(30 * 60)
#define SESSION_ABSOLUTE	(12 * 3600)
#define COOKIE_STAFF		"__Host-heard-staff"

struct session {
	struct db_staff	 who;
	char		 cookie[CR_TOKEN_LEN + 1];
	char		 csrf[CR_TOKEN_LEN + 1];
};

enum session_result {
	SES_OK,
	SES_BAD,		/* wrong name or password, or none */
	SES_LIMITED,		/* too many failures: wait */
	SES_ERROR,
};

enum session_result session_login(const char *, const char *, const char *,
	    struct session *);
enum session_result session_check(const char *, struct session *);
int	 session_logout(const char *);

#endif
