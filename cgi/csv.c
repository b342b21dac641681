/*
 * csv: one record at a time, in place.
 */
#include <string.h>

#include "csv.h"

/*
 * Split one CSV record (no line ending) in place into at most max
 * fields.  Quoted fields may hold commas and "" for a quote.  Returns
 * the number of fields, or -1 for an unclosed or malformed quoted field
 * or more than max fields.
 */
int
csv_split(char *line, char **f, int max)
{
	char	*r = line, *w, c;
	int	 n = 0;

	for (;;) {
		if (n == max)
			return -1;
		if (*r == '"') {
			f[n++] = w = ++r;
			for (;;) {
				if (*r == '\0')
					return -1;
				if (*r == '"' && r[1] == '"') {
					*w++ = '"';
					r += 2;
				} else if (*r == '"') {
					r++;
					break;
				} else
					*w++ = *r++;
			}
			if (*r != ',' && *r != '\0')
				return -1;
		} else {
			f[n++] = r;
			while (*r != ',' && *r != '\0')
				r++;
			w = r;
		}
		c = *r;
		*w = '\0';
		if (c == '\0')
			return n;
		r++;
	}
}

/*
 * 1 if a spreadsheet could run s as a formula: its first character that
 * is not a space, tab, CR, LF or non-breaking space (U+00A0) is = + - @,
 * or it starts with a tab or CR.
 */
static int
formula_like(const char *s)
{
	if (s[0] == '\t' || s[0] == '\r')
		return 1;
	for (;;) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		else if ((unsigned char)s[0] == 0xc2 &&
		    (unsigned char)s[1] == 0xa0)
			s += 2;
		else
			break;
	}
	return *s != '\0' && strchr("=+-@", *s) != NULL;
}

/*
 * Append one field, quoted, quotes doubled; a field a spreadsheet could
 * run as a formula (formula_like()) is neutralised with an apostrophe.
 */
void
csv_field(struct buf *out, const char *s)
{
	buf_putc(out, '"');
	if (formula_like(s))
		buf_putc(out, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_putc(out, '"');
		buf_putc(out, *s);
	}
	buf_putc(out, '"');
}
