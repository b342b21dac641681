/*
 * session: sign-in with argon2id, slowed per account and per address,
 * and the sessions it starts.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "http.h"
#include "log.h"
#include "session.h"

#define FAIL_WINDOW	(15 * 60)	/* failures count this long */
#define FAIL_FREE	3	/* of one account from one address, no wait */
#define FAIL_PER_ADDR	20	/* from one address, any account, no wait */
#define FAIL_WAIT_MAX	(15 * 60)

/*
 * Seconds to wait after the last of n failures when the first `free`
 * cost nothing: 1, 2, 4, 8 ... doubling with each failure past them,
 * at most FAIL_WAIT_MAX.
 */
static int64_t
fail_wait(int64_t n, int64_t free)
{
	int64_t	 w = 1;

	if (n < free)
		return 0;
	for (n -= free; n > 0 && w < FAIL_WAIT_MAX; n--)
		w *= 2;
	return w < FAIL_WAIT_MAX ? w : FAIL_WAIT_MAX;
}

/*
 * A hash to verify against when the user does not exist, so that an
 * unknown name takes as long as a wrong password.
 */
static const char *
dummy_hash(void)
{
	static char	 h[CR_PWHASH_LEN];

	if (h[0] == '\0' && cr_pw_hash("no such user: timing only", h) != 0)
		h[0] = '\0';
	return h;
}

/*
 * Sign a staff user in.  On SES_OK, s holds the user, the new session
 * cookie and its CSRF token.  Failures slow the guesser, never lock out
 * the account (issue 16 item 5): counted per account and address and
 * per address, apart from link guessing, each try past a few typos
 * waits twice as long as the last (SES_LIMITED meanwhile, even with the
 * right password), and the right password from an address that has not
 * been failing always goes through.
 */
enum session_result
session_login(const char *user, const char *pw, const char *addr,
    struct session *s)
{
	struct db_staff	 st;
	unsigned char	 h[CR_HASH_LEN];
	char		 pair[320];
	int64_t		 np = 0, na = 0, lp = 0, la = 0;
	int64_t		 t = (int64_t)time(NULL);
	int		 rc, ok;

	memset(s, 0, sizeof(*s));
	snprintf(pair, sizeof(pair), "%s\n%s", addr, user);
	if (db_attempt_last("signin-pair", pair, FAIL_WINDOW, &np, &lp) !=
	    DB_OK || db_attempt_last("signin-addr", addr, FAIL_WINDOW, &na,
	    &la) != DB_OK)
		return SES_ERROR;
	if (t - lp < fail_wait(np, FAIL_FREE) ||
	    t - la < fail_wait(na, FAIL_PER_ADDR))
		return SES_LIMITED;
	rc = db_staff_get(user, &st);
	if (rc == DB_ERR)
		return SES_ERROR;
	if (rc == DB_OK)
		ok = cr_pw_verify(st.pw_hash, pw) && !st.disabled;
	else
		ok = (cr_pw_verify(dummy_hash(), pw), 0);
	if (!ok) {
		if (db_begin() != DB_OK)
			return SES_ERROR;
		if (db_attempt_add("signin-pair", pair) != DB_OK ||
		    db_attempt_add("signin-addr", addr) != DB_OK) {
			db_rollback();
			return SES_ERROR;
		}
		return db_commit() == DB_OK ? SES_BAD : SES_ERROR;
	}
	if (cr_pw_needs_rehash(st.pw_hash)) {
		char	 nh[CR_PWHASH_LEN];
		if (cr_pw_hash(pw, nh) == 0)
			db_staff_set_pw(st.id, nh);
	}
	cr_token_new(s->cookie);
	cr_hash(CR_SESSION, s->cookie, CR_TOKEN_LEN, h);
	if (db_begin() != DB_OK)
		return SES_ERROR;
	if (db_session_add(st.id, h) != DB_OK ||
	    db_audit(st.id, "sign-in", st.username) != DB_OK) {
		db_rollback();
		return SES_ERROR;
	}
	if (db_commit() != DB_OK)
		return SES_ERROR;
	s->who = st;
	memset(s->who.pw_hash, 0, sizeof(s->who.pw_hash));
	cr_csrf(s->cookie, s->csrf);
	return SES_OK;
}

/*
 * The staff user behind a session cookie.  An idle or too old session
 * is ended here.  Returns SES_OK (and touches the session), SES_BAD or
 * SES_ERROR.
 */
enum session_result
session_check(const char *cookie, struct session *s)
{
	unsigned char	 h[CR_HASH_LEN];
	int64_t		 created, seen, t = (int64_t)time(NULL);
	int		 rc;

	memset(s, 0, sizeof(*s));
	if (cookie == NULL || !http_field_ok(FT_TOKEN, cookie, strlen(cookie)))
		return SES_BAD;
	cr_hash(CR_SESSION, cookie, CR_TOKEN_LEN, h);
	rc = db_staff_by_session(h, &s->who, &created, &seen);
	if (rc == DB_NOTFOUND)
		return SES_BAD;
	if (rc != DB_OK)
		return SES_ERROR;
	if (s->who.disabled || t - seen > SESSION_IDLE ||
	    t - created > SESSION_ABSOLUTE) {
		db_session_delete(h);
		return SES_BAD;
	}
	/* Touch at most once a minute: sessions need not cost a write. */
	if (t - seen >= 60 && db_session_touch(h) != DB_OK)
		return SES_ERROR;
	snprintf(s->cookie, sizeof(s->cookie), "%s", cookie);
	cr_csrf(s->cookie, s->csrf);
	return SES_OK;
}

/* End a session for good.  Returns 0 or -1. */
int
session_logout(const char *cookie)
{
	unsigned char	 h[CR_HASH_LEN];

	if (cookie == NULL || !http_field_ok(FT_TOKEN, cookie, strlen(cookie)))
		return 0;
	cr_hash(CR_SESSION, cookie, CR_TOKEN_LEN, h);
	return db_session_delete(h) == DB_OK ? 0 : -1;
}
