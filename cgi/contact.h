/*
 * contact: how to reach the person a consultation is for.  An email
 * address, a UK mobile number for a text, or a postal address of 3 to
 * 7 lines ending in a UK postcode (what GOV.UK Notify accepts).  Pure
 * functions: each checks one typed value, writes its normal form, or
 * says which rule it broke, in words a person can act on.
 */
#ifndef HEARD_CONTACT_H
#define HEARD_CONTACT_H

#include <stddef.h>

#define CONTACT_MAX		600	/* a normalised contact and its NUL */
#define CONTACT_EMAIL_MAX	254
#define CONTACT_LINE_MAX	80	/* characters on one address line */
#define CONTACT_LINES_MIN	3
#define CONTACT_LINES_MAX	7

/* The three ways to reach someone; the names are stored in clear. */
enum contact_kind {
	CONTACT_EMAIL,
	CONTACT_SMS,
	CONTACT_LETTER,
};

int	 contact_email(const char *, char [CONTACT_MAX], const char **);
int	 contact_phone(const char *, char [CONTACT_MAX], const char **);
int	 contact_address(const char *, char [CONTACT_MAX], const char **);
int	 contact_postcode(const char *, char *, size_t);
int	 contact_any(const char *, enum contact_kind *, char [CONTACT_MAX],
	    const char **);
int	 contact_check(enum contact_kind, const char *, char [CONTACT_MAX],
	    const char **);
const char *contact_kind_name(enum contact_kind);
int	 contact_kind_of(const char *);
const char *contact_channel(enum contact_kind);
size_t	 contact_lines(char *, char *[CONTACT_LINES_MAX]);

#endif
