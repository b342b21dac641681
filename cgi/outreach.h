/*
 * outreach: the timetable of invitations and reminders (the plan, per
 * audience, in working days), queueing a consultation's messages in
 * the outbox, working out when each is due, and the service settings
 * that messages carry.  Sending itself is ctl_send.c's (floor 3).
 */
#ifndef HEARD_OUTREACH_H
#define HEARD_OUTREACH_H

#include <stddef.h>
#include <stdint.h>

#include "cal.h"
#include "consult.h"
#include "contact.h"
#include "db.h"
#include "notify.h"

#define OUTREACH_STEPS	8	/* an invitation and up to 7 reminders */
#define OUTREACH_FIELDS	9	/* personalisation fields of a message */

/*
 * A message's personalisation (the README's table): name, form, child,
 * review_date, reply_by, link, code, council, and for a reminder
 * wording.  The fields point into the struct; outreach_pers_free()
 * wipes the link and code.
 */
struct outreach_pers {
	struct notify_field f[OUTREACH_FIELDS];
	struct notify_pers p;		/* f, n: what notify.c takes */
	struct buf	 child;
	char		 link[CONSULT_URL_BUF + CR_TOKEN_LEN + 8];
	char		 code[CR_CODE_LEN + 1];
	char		 when[CAL_WORDS_LEN];
	char		 reply[CAL_WORDS_LEN];
	char		 council[256];
	char		 wording[512];
};

/* What outreach_remind_now() did for one consultation. */
enum outreach_now {
	OUTREACH_QUEUED,	/* a reminder is queued, due today */
	OUTREACH_SKIPPED,	/* not queued: why says why */
	OUTREACH_ERROR,		/* database trouble (logged) */
};

int	 outreach_is_feedback(const char *);
int	 outreach_due(const struct cal *, const char *, const char *,
	    const char *, int, char [CAL_YMD_LEN]);
int	 outreach_queue(const struct cal *, int64_t, const char *, int64_t,
	    const char *, char [CAL_YMD_LEN]);
int64_t	 outreach_issue(const struct cal *, int64_t, const char *,
	    const char *, enum contact_kind, const char *, const char *,
	    char [CAL_YMD_LEN]);
int	 outreach_recontact(const struct cal *, int64_t, const char *,
	    int64_t, enum contact_kind, const char *, int, const char *);
int	 outreach_plan_set(const char *, const char *, const char *, char *,
	    size_t);
void	 outreach_setting(const char *, const char *, char *, size_t);
int	 outreach_reminders_on(const char *);
void	 outreach_wording(int, const char *, char *, size_t);
void	 outreach_reply_by(const struct cal *, const struct db_outbox *,
	    char [CAL_WORDS_LEN]);
struct db_outbox *outreach_pending(int, size_t *);
int	 outreach_sees_child(const char *);
int	 outreach_pers(const struct cal *, const char *,
	    const struct db_outbox *, const struct consult_secret *,
	    struct outreach_pers *);
void	 outreach_pers_free(struct outreach_pers *);
enum outreach_now outreach_remind_now(const struct cal *, int64_t,
	    const char *, char *, size_t);

#endif
