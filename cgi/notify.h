/*
 * notify: GOV.UK Notify's v2 API on the wire.  The API key file, the
 * JWT, request bodies, reading Notify's answers, and one HTTP request
 * per call (libcurl).  No outbox, no scheduling, no retries: callers
 * decide what to do with a notify_result's outcome.
 *
 * Nothing here ever logs a recipient, a body, a JWT or the secret.
 */
#ifndef HEARD_NOTIFY_H
#define HEARD_NOTIFY_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define NOTIFY_UUID_LEN		36	/* 8-4-4-4-12 hex digits */
#define NOTIFY_NAME_MAX		255	/* the key's name, before the UUIDs */
#define NOTIFY_JWT_MAX		256	/* ample for our header and claims */
#define NOTIFY_STATUS_MAX	31	/* "pending-virus-check" and kin */
#define NOTIFY_KIND_MAX		63	/* "ValidationError" and kin */
#define NOTIFY_MSG_MAX		1023	/* Notify's messages, joined */
#define NOTIFY_LINES_MAX	7	/* address lines on a letter */
#define NOTIFY_DEFAULT_URL	"https://api.notifications.service.gov.uk"

/* An API key, "keyname-SERVICE_UUID-SECRET_UUID", split. */
struct notify_key {
	char	 name[NOTIFY_NAME_MAX + 1];
	char	 service[NOTIFY_UUID_LEN + 1];	/* the JWT's iss */
	char	 secret[NOTIFY_UUID_LEN + 1];	/* signs the JWT */
};

/* One personalisation field: ((name)) in a template becomes value. */
struct notify_field {
	const char	*name;
	const char	*value;
};

/* The personalisation of one message; the caller owns the fields. */
struct notify_pers {
	const struct notify_field *fields;
	size_t		 n;
};

/* Which endpoint: /v2/notifications/email, /sms or /letter. */
enum notify_kind {
	NOTIFY_EMAIL,
	NOTIFY_SMS,
	NOTIFY_LETTER,
};

/* What a caller should do after a request. */
enum notify_outcome {
	NOTIFY_OK,	/* 200 or 201: done */
	NOTIFY_RETRY,	/* 429, 5xx, no answer, timeout: try again later */
	NOTIFY_FAIL,	/* 400, 403 or any other 4xx: never retry */
};

/* What became of one request. */
struct notify_result {
	long		 http;		/* HTTP status; 0 if no answer */
	enum notify_outcome outcome;
	char		 id[NOTIFY_UUID_LEN + 1];	/* notification id */
	char		 status[NOTIFY_STATUS_MAX + 1];	/* notify_status() */
	char		 kind[NOTIFY_KIND_MAX + 1];	/* first error kind */
	char		 message[NOTIFY_MSG_MAX + 1];	/* for the admin */
};

int	 notify_key_read(const char *, struct notify_key *, char *, size_t);
void	 notify_key_clear(struct notify_key *);
int	 notify_uuid_ok(const char *);
int	 notify_jwt(const struct notify_key *, int64_t, char *, size_t);

int	 notify_body_email(const char *, const char *,
	    const struct notify_pers *, const char *, struct buf *);
int	 notify_body_sms(const char *, const char *,
	    const struct notify_pers *, const char *, struct buf *);
int	 notify_body_letter(const char *const *, size_t, const char *,
	    const struct notify_pers *, const char *, struct buf *);

int	 notify_parse_created(const char *, char [NOTIFY_UUID_LEN + 1]);
int	 notify_parse_error(const char *, char *, size_t, char *, size_t);
int	 notify_parse_status(const char *, char [NOTIFY_STATUS_MAX + 1]);

int	 notify_init(void);
void	 notify_end(void);
void	 notify_send(const char *, const struct notify_key *,
	    enum notify_kind, const struct buf *, int64_t,
	    struct notify_result *);
void	 notify_status(const char *, const struct notify_key *, const char *,
	    int64_t, struct notify_result *);

#endif
