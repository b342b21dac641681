/*
 * contact: checking and normalising email addresses, UK mobile numbers
 * and postal addresses.  No I/O, no allocation: every result goes into
 * the caller's buffer and every message is a static string.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "contact.h"

/* Characters an email address's local part may hold (RFC 5322 atext). */
#define LOCAL_CHARS \
	"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" \
	".!#$%&'*+/=?^_`{|}~-"

/* Copy s without leading and trailing blanks into out (n bytes); -1 if long. */
static int
trim(const char *s, char *out, size_t n)
{
	size_t	 len;

	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
	    s[len - 1] == '\r' || s[len - 1] == '\n'))
		len--;
	if (len >= n)
		return -1;
	memmove(out, s, len);
	out[len] = '\0';
	return 0;
}

/* 1 if one domain label (between dots) is letters, digits and inner '-'. */
static int
label_ok(const char *s, size_t n)
{
	size_t	 i;

	if (n == 0 || n > 63 || s[0] == '-' || s[n - 1] == '-')
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-')
			return 0;
	return 1;
}

/*
 * Check an email address and write it, trimmed and with its domain in
 * lower case, to out.  Returns 0, or -1 with *why naming the rule.
 */
int
contact_email(const char *in, char out[CONTACT_MAX], const char **why)
{
	char	*at, *p, *dot;
	size_t	 local, i;

	if (trim(in, out, CONTACT_EMAIL_MAX + 1) == -1) {
		*why = "An email address is at most 254 characters";
		return -1;
	}
	if ((at = strchr(out, '@')) == NULL || strchr(at + 1, '@') != NULL) {
		*why = "An email address has exactly one @, as in "
		    "name@example.org";
		return -1;
	}
	local = (size_t)(at - out);
	if (local == 0 || local > 64) {
		*why = "An email address needs 1 to 64 characters before the @";
		return -1;
	}
	if (strspn(out, LOCAL_CHARS) < local) {
		*why = "An email address cannot have spaces or symbols such as "
		    "( ) , ; : < > before the @";
		return -1;
	}
	*at = '\0';
	dot = strstr(out, "..");
	*at = '@';
	if (out[0] == '.' || at[-1] == '.' || dot != NULL) {
		*why = "An email address cannot start or end its name with a "
		    "dot, or have two dots together";
		return -1;
	}
	p = at + 1;
	if ((dot = strrchr(p, '.')) == NULL) {
		*why = "An email address needs a domain with a dot after the @, "
		    "as in example.org";
		return -1;
	}
	for (;;) {
		dot = strchr(p, '.');
		if (!label_ok(p, dot == NULL ? strlen(p) : (size_t)(dot - p))) {
			*why = "The part after the @ must be a domain such as "
			    "example.org (letters, digits, dots and dashes)";
			return -1;
		}
		if (dot == NULL)
			break;
		p = dot + 1;
	}
	if (strlen(p) < 2 || strspn(p, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != strlen(p)) {
		*why = "An email address must end in a domain such as .org or "
		    ".uk";
		return -1;
	}
	for (i = local + 1; out[i] != '\0'; i++)
		out[i] = (char)tolower((unsigned char)out[i]);
	return 0;
}

/*
 * Check a UK mobile number (07..., +447..., 447..., 00447..., with
 * spaces, dashes or brackets between digits) and write it as 11 digits
 * starting 07.  Landlines and other numbers are refused: a text needs a
 * mobile.  Returns 0, or -1 with *why.
 */
int
contact_phone(const char *in, char out[CONTACT_MAX], const char **why)
{
	char	 d[32];
	size_t	 n = 0;
	const char *s = in, *digits;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '+')
		s++;
	for (; *s != '\0'; s++) {
		if (isdigit((unsigned char)*s)) {
			if (n + 1 >= sizeof(d)) {
				*why = "A UK mobile number has 11 digits, as in "
				    "07700 900123";
				return -1;
			}
			d[n++] = *s;
		} else if (strchr(" \t-()\r\n", *s) == NULL) {
			*why = "A phone number holds only digits, spaces, "
			    "dashes and a + at the start";
			return -1;
		}
	}
	d[n] = '\0';
	digits = d;
	if (strncmp(digits, "0044", 4) == 0)
		digits += 4;
	else if (strncmp(digits, "44", 2) == 0)
		digits += 2;
	else if (digits[0] == '0')
		digits += 1;
	else {
		*why = "A UK mobile number starts 07 or +44 7";
		return -1;
	}
	if (digits[0] == '0' && digits != d + 1)
		digits++;	/* +44 (0)7700 ... */
	if (digits[0] != '7') {
		*why = "A text needs a UK mobile number (starting 07); this "
		    "looks like a landline or another kind of number";
		return -1;
	}
	if (strlen(digits) != 10) {
		*why = strlen(digits) < 10 ? "A UK mobile number has 11 "
		    "digits: this has too few" : "A UK mobile number has 11 "
		    "digits: this has too many";
		return -1;
	}
	if (digits[1] == '0' || (digits[1] == '6' &&
	    strncmp(digits, "7624", 4) != 0)) {
		*why = "Numbers starting 070 or 076 are not mobiles and cannot "
		    "take a text";
		return -1;
	}
	snprintf(out, CONTACT_MAX, "0%s", digits);
	return 0;
}

/*
 * Read a UK postcode (any case, any spaces) and write it in upper case
 * with one space before the last three characters.  Returns 0, or -1
 * if it is not shaped like a UK postcode.
 */
int
contact_postcode(const char *in, char *out, size_t n)
{
	char	 c[16];
	size_t	 k = 0, i, outward;

	for (; *in != '\0'; in++) {
		if (*in == ' ' || *in == '\t')
			continue;
		if (!isalnum((unsigned char)*in) || k + 1 >= sizeof(c))
			return -1;
		c[k++] = (char)toupper((unsigned char)*in);
	}
	c[k] = '\0';
	if (strcmp(c, "GIR0AA") == 0)
		return snprintf(out, n, "GIR 0AA") >= (int)n ? -1 : 0;
	if (k < 5 || k > 7)
		return -1;
	outward = k - 3;
	/* Inward: a digit and two letters. */
	if (!isdigit((unsigned char)c[outward]) ||
	    !isalpha((unsigned char)c[outward + 1]) ||
	    !isalpha((unsigned char)c[outward + 2]))
		return -1;
	/* Outward: A9, A99, AA9, AA99, A9A, AA9A. */
	if (!isalpha((unsigned char)c[0]))
		return -1;
	i = isalpha((unsigned char)c[1]) ? 2 : 1;
	if (i >= outward || !isdigit((unsigned char)c[i]))
		return -1;
	i++;
	if (i < outward && !isalnum((unsigned char)c[i]))
		return -1;
	if (i < outward)
		i++;
	if (i != outward)
		return -1;
	if (snprintf(out, n, "%.*s %s", (int)outward, c, c + outward) >=
	    (int)n)
		return -1;
	return 0;
}

/*
 * Check a postal address given as lines joined by '|' ("LINE 1|LINE
 * 2|TOWN|POSTCODE"): 3 to 7 lines once empty ones are dropped, each at
 * most CONTACT_LINE_MAX characters of printable text, the last a UK
 * postcode.  Writes the lines trimmed and joined by '|' with the
 * postcode normalised.  Returns 0, or -1 with *why.
 */
int
contact_address(const char *in, char out[CONTACT_MAX], const char **why)
{
	char		 line[CONTACT_MAX], pc[16];
	const char	*p = in, *bar;
	size_t		 n = 0, len, used = 0, i, last = 0;

	out[0] = '\0';
	for (;;) {
		bar = strchr(p, '|');
		len = bar == NULL ? strlen(p) : (size_t)(bar - p);
		if (len >= sizeof(line)) {
			*why = "An address line is at most 80 characters";
			return -1;
		}
		memcpy(line, p, len);
		line[len] = '\0';
		trim(line, line, sizeof(line));
		if (line[0] != '\0') {
			for (i = 0; line[i] != '\0'; i++)
				if ((unsigned char)line[i] < 0x20 ||
				    line[i] == 0x7f) {
					*why = "An address line cannot hold "
					    "control characters";
					return -1;
				}
			if (strlen(line) > CONTACT_LINE_MAX) {
				*why = "An address line is at most 80 "
				    "characters";
				return -1;
			}
			if (++n > CONTACT_LINES_MAX) {
				*why = "An address has at most 7 lines, the "
				    "last its postcode";
				return -1;
			}
			last = used + (n > 1);
			if (used + (n > 1) + strlen(line) + 1 > CONTACT_MAX) {
				*why = "The address is too long";
				return -1;
			}
			used += (size_t)snprintf(out + used, CONTACT_MAX - used,
			    "%s%s", n > 1 ? "|" : "", line);
		}
		if (bar == NULL)
			break;
		p = bar + 1;
	}
	if (n < CONTACT_LINES_MIN) {
		*why = "An address needs at least 3 lines, the last its "
		    "postcode, with | between lines";
		return -1;
	}
	if (contact_postcode(out + last, pc, sizeof(pc)) == -1) {
		*why = "The last line of an address must be a UK postcode, "
		    "such as SW1A 1AA";
		return -1;
	}
	snprintf(out + last, CONTACT_MAX - last, "%s", pc);
	return 0;
}

/* Check a contact of a known kind; as the three functions above. */
int
contact_check(enum contact_kind k, const char *in, char out[CONTACT_MAX],
    const char **why)
{
	switch (k) {
	case CONTACT_EMAIL:
		return contact_email(in, out, why);
	case CONTACT_SMS:
		return contact_phone(in, out, why);
	case CONTACT_LETTER:
		return contact_address(in, out, why);
	}
	*why = "unknown kind of contact";
	return -1;
}

/*
 * A contact of any kind, as a spreadsheet cell holds it: with an @ it
 * is an email address, with a | an address, else a mobile number.
 * Sets *k and writes the normal form; returns 0, or -1 with *why.
 */
int
contact_any(const char *in, enum contact_kind *k, char out[CONTACT_MAX],
    const char **why)
{
	if (strchr(in, '@') != NULL)
		*k = CONTACT_EMAIL;
	else if (strchr(in, '|') != NULL)
		*k = CONTACT_LETTER;
	else
		*k = CONTACT_SMS;
	return contact_check(*k, in, out, why);
}

/* The stored name of a kind: "email", "sms" or "letter". */
const char *
contact_kind_name(enum contact_kind k)
{
	return k == CONTACT_EMAIL ? "email" : k == CONTACT_SMS ? "sms" :
	    "letter";
}

/* The kind a stored name stands for, or -1. */
int
contact_kind_of(const char *s)
{
	if (strcmp(s, "email") == 0)
		return CONTACT_EMAIL;
	if (strcmp(s, "sms") == 0)
		return CONTACT_SMS;
	if (strcmp(s, "letter") == 0)
		return CONTACT_LETTER;
	return -1;
}

/*
 * The consultation channel a contact implies, in the existing vocabulary
 * (online, post, email, hand): an email is "email", a letter "post", and
 * a text "online" (what it carries is the online link).
 */
const char *
contact_channel(enum contact_kind k)
{
	return k == CONTACT_EMAIL ? "email" : k == CONTACT_SMS ? "online" :
	    "post";
}

/*
 * Split a normalised address (modified in place) into its lines.
 * Returns how many (at most CONTACT_LINES_MAX); lines point into s.
 */
size_t
contact_lines(char *s, char *lines[CONTACT_LINES_MAX])
{
	size_t	 n = 0;
	char	*bar;

	while (n < CONTACT_LINES_MAX) {
		lines[n++] = s;
		if ((bar = strchr(s, '|')) == NULL)
			break;
		*bar = '\0';
		s = bar + 1;
	}
	return n;
}
