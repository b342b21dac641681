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
#include "contact.h"
#include "db.h"

#define OUTREACH_STEPS	8	/* an invitation and up to 7 reminders */

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

#endif
