/*
 * flag: safeguarding flags (issue 15 item 4).  A "yes" to the question
 * talk_soon in a form that comes back (online or typed in from paper),
 * or a member of staff marking an answer as a worry, raises a flag on
 * the review; the child's IRO and the duty address are told at once
 * (the staff pages' banner, and a GOV.UK Notify email queued in
 * flag_notice that heardctl send sends); a named person acknowledges it
 * with what they did (sealed); one not acknowledged within one working
 * day is raised to every manager, once (flag_check).
 *
 * Heard never reads what a person wrote to decide: only which question
 * and, for talk_soon, the option "yes".  No flag message carries any of
 * a person's words.
 */
#ifndef HEARD_FLAG_H
#define HEARD_FLAG_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "cal.h"
#include "db.h"

#define FLAG_QUESTION	"talk_soon"	/* yes raises a flag */
#define FLAG_ACK_MAX	500		/* characters of what was done */
#define FLAG_TIME_LEN	48		/* "Friday 27 November 2026, 14:05" */

int	 flag_from_answers(int64_t, const char *, size_t, int64_t);
int	 flag_raise(int64_t, const char *, const char *, int64_t, int64_t,
	    int64_t *);
int	 flag_mark(int64_t, const char *, int64_t, int64_t, int64_t *);
int	 flag_ack(int64_t, int64_t, const char *, int64_t);
int	 flag_ack_text(const struct db_flag *, struct buf *);
int64_t	 flag_deadline(const struct cal *, int64_t);
int	 flag_check(int64_t, int *);
void	 flag_time_words(int64_t, char[FLAG_TIME_LEN]);
int64_t	 flag_parse_time(const char *);
void	 flag_hours(int64_t, int64_t, char *, size_t);

#endif
