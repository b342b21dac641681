/*
 * consult: consultations as the service works with them: issuing links
 * and codes, opening them, drafts and answers sealed at rest.  Shared by
 * the public pages and heardctl, so a link is issued and checked in one
 * place.
 */
#ifndef HEARD_CONSULT_H
#define HEARD_CONSULT_H

#include <stdint.h>

#include "crypto.h"
#include "db.h"
#include "http.h"

/* What became of an attempt to open a link or code. */
enum consult_state {
	CS_LIVE,		/* open: show the form */
	CS_UNKNOWN,		/* no such link or code: 404 */
	CS_GONE,		/* revoked, withdrawn, expired, cancelled: 410 */
	CS_DONE,		/* answered already: thank-you page */
	CS_ERROR,		/* database trouble: 503 */
	CS_LIMITED,		/* too many unknown links from here: 429 */
};

/* Unknown links or codes one address may try in GUESS_WINDOW seconds. */
#define CONSULT_GUESSES		20
#define CONSULT_GUESS_WINDOW	600

/* A fresh link and code, shown once and never stored. */
struct consult_secret {
	char	 token[CR_TOKEN_LEN + 1];
	char	 code[CR_CODE_LEN + 1];
};

#define CONSULT_VISIT_SECONDS	(4 * 3600)	/* a visit cookie's life */

/* The one answer of a return recorded without its answers typed in. */
#define HELD_ON_FILE		"_held_on_file"

/* One person's answers to send, encoded; rc is filled by the send. */
struct consult_send {
	int64_t		 cid;
	const char	*pt;		/* form_encode() output */
	size_t		 ptlen;
	const char	*channel;
	const char	*date;
	int64_t		 until;		/* consult_ms() past which the sender
					   has stopped waiting; 0: none */
	int		 rc;		/* DB_OK, DB_EXISTS or DB_ERR */
};

int	 consult_issue(int64_t, const char *, const char *, const char *,
	    const char *, int64_t *, struct consult_secret *);
int	 consult_issue_tx(int64_t, const char *, const char *, const char *,
	    const char *, const char *, const char *, int64_t *,
	    struct consult_secret *);
int	 consult_set_contact(int64_t, const char *, const char *);
int	 consult_contact(int64_t, char [16], char *, size_t);
int	 consult_secret_of(int64_t, struct consult_secret *);
int	 consult_reissue(int64_t, int64_t, struct consult_secret *);
int	 consult_revoke(int64_t, int64_t);
enum consult_state consult_state(int, const struct db_consult *);
enum consult_state consult_open(int, const char *, const char *,
	    struct db_consult *, char [CR_TOKEN_LEN + 1]);
enum consult_state consult_visit(const char *, struct db_consult *);
int	 consult_load(int, int64_t, struct kvlist *);
int	 consult_save_draft(int64_t, const struct kvlist *);
int	 consult_held(int64_t);
int	 consult_fill_held(int64_t, const struct kvlist *);
int	 consult_submit(int64_t, const struct kvlist *, const char *,
	    const char *);
void	 consult_submit_all(struct consult_send *, size_t);
int64_t	 consult_ms(void);
int	 consult_rotate_key(uint32_t *, int64_t *);
int	 consult_child_details(int64_t, const char *, const char *,
	    const char *);
void	 consult_child_name_of(int64_t, const unsigned char *, size_t,
	    uint32_t, struct buf *);
void	 consult_child_name(const struct db_review *, struct buf *);

/* The base URL of printed links: see consult_base_url(). */
#define CONSULT_BASE_URL	"http://127.0.0.1:8080"
#define CONSULT_BASE_URL_MAX	200	/* the setting; given: CONSULT_URL_BUF */
#define CONSULT_URL_BUF		1024
const char *consult_base_url(const char *, char *, size_t);
int	 consult_base_url_ok(const char *);

#endif
