/*
 * week: a week of reviews in one go, for heardctl import-week and the
 * admin's Issue a week page (one implementation for both).
 *
 * week_parse() is pure: it reads the CSV text in memory into a plan (the
 * reviews to create and, for each, the forms with their audience and
 * how each will go) and every error with its line number.  week_check()
 * adds what only the database knows (IROs, reviews already there).
 * week_apply() writes a plan with no errors in one transaction: all or
 * nothing.  Contacts live in the plan in memory only: never logged,
 * never audited, and wiped by week_free().
 */
#ifndef HEARD_WEEK_H
#define HEARD_WEEK_H

#include <stddef.h>
#include <stdint.h>

#include "cal.h"
#include "contact.h"

#define WEEK_AUDS	8	/* audiences a file may name contacts for */
#define WEEK_FIELDS	40	/* most columns */
#define WEEK_LINE_MAX	8192	/* most bytes on one line */
#define WEEK_MAX_LINES	2000	/* most reviews in one file */
#define WEEK_ERR_MAX	200	/* bytes of one error's text */

/* One review to create, with its forms. */
struct week_review {
	int		 lineno;
	int		 nbad;			/* errors on this line */
	int64_t		 rid;			/* filled by week_apply() */
	char		 ref[64];
	char		 date[11];
	char		 type[16];
	char		 iro[64];
	char		 first[48];
	char		 dob[11];
	char		 lang[8];		/* the child's own form's, or "" */
	int		 want[WEEK_AUDS];	/* issue this audience */
	int		 has[WEEK_AUDS];	/* with a contact */
	enum contact_kind kind[WEEK_AUDS];
	char		 contact[WEEK_AUDS][CONTACT_MAX];
	char		 name[WEEK_AUDS][104];
};

/* One error, against the line it is on (1 is the header). */
struct week_error {
	int		 lineno;
	int		 seq;			/* keeps a line's errors in order */
	char		 text[WEEK_ERR_MAX];
};

/* What a file will create, or why it cannot. */
struct week_plan {
	struct week_review *rv;
	size_t		 n;
	struct week_error *err;
	size_t		 nerr;
	int		 nforms;		/* consultations to issue */
	int		 ncontacts;		/* of them with a contact */
	int		 newiro;		/* some IRO is not in Heard yet */
};

const char *week_aud(int);
int	 week_parse(const char *, size_t, struct week_plan *);
int	 week_check(struct week_plan *, int);
int	 week_apply(const struct cal *, struct week_plan *, const char *,
	    int64_t, const char *);
void	 week_mask(enum contact_kind, const char *, char *, size_t);
void	 week_free(struct week_plan *);

#endif
