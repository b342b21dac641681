/*
 * http: request parsing, declared-field validation and response headers.
 *
 * Parsing never fails a whole request because of one bad pair: a pair
 * with a malformed escape or invalid UTF-8 is kept with its key and an
 * empty value, marked bad, so that a form can say which answer it could
 * not read and keep every other answer the person typed.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http.h"

/*
 * Return 1 if s[0..n) is well-formed UTF-8 (no overlongs, surrogates or
 * code points past U+10FFFF) and contains no NUL byte, else 0.
 */
int
http_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t	 i = 0, k, len;
	unsigned int cp, min;

	while (i < n) {
		if (p[i] == 0)
			return 0;
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if ((p[i] & 0xe0) == 0xc0) {
			len = 2; cp = p[i] & 0x1f; min = 0x80;
		} else if ((p[i] & 0xf0) == 0xe0) {
			len = 3; cp = p[i] & 0x0f; min = 0x800;
		} else if ((p[i] & 0xf8) == 0xf0) {
			len = 4; cp = p[i] & 0x07; min = 0x10000;
		} else
			return 0;
		if (n - i < len)
			return 0;
		for (k = 1; k < len; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		i += len;
	}
	return 1;
}

/* Value of one hex digit, or -1. */
static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Percent-decode s[0..n) ('+' is a space) into out.
 * Returns KV_OK or the reason the text is bad.
 */
static enum kv_bad
urldecode(const char *s, size_t n, struct buf *out)
{
	size_t	 i;
	int	 hi, lo;

	buf_reset(out);
	buf_add(out, "", 0);
	for (i = 0; i < n; i++) {
		if (s[i] == '+')
			buf_putc(out, ' ');
		else if (s[i] == '%') {
			if (n - i < 3 || (hi = hexval(s[i + 1])) < 0 ||
			    (lo = hexval(s[i + 2])) < 0)
				return KV_BAD_ENCODING;
			buf_putc(out, (char)(hi << 4 | lo));
			i += 2;
		} else
			buf_putc(out, s[i]);
		if (out->len > HTTP_MAX_VALUE)
			return KV_TOO_LONG;
	}
	if (!http_utf8_valid(out->data, out->len))
		return KV_BAD_UTF8;
	return KV_OK;
}

/* Append a pair (copies both); a bad pair keeps an empty value. */
void
kv_add(struct kvlist *l, const char *k, size_t kn, const char *v, size_t vn,
    enum kv_bad bad)
{
	if (l->n == l->cap) {
		l->cap = l->cap == 0 ? 16 : l->cap * 2;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n].key = xstrndup(k, kn);
	l->v[l->n].val = bad == KV_OK ? xstrndup(v, vn) : xstrdup("");
	l->v[l->n].bad = bad;
	l->n++;
}

/*
 * Parse an application/x-www-form-urlencoded string into l.
 * Pairs whose key cannot be decoded are dropped; pairs whose value
 * cannot be decoded are kept and marked bad.  Pairs past
 * HTTP_MAX_FIELDS set l->truncated.  Returns the number of bad pairs.
 */
int
http_parse_urlencoded(const char *s, size_t n, struct kvlist *l)
{
	struct buf	 k = { 0 }, v = { 0 };
	const char	*p = s, *end = s + n, *amp, *eq;
	enum kv_bad	 kb, vb;
	int		 bad = 0;

	while (p < end) {
		if ((amp = memchr(p, '&', (size_t)(end - p))) == NULL)
			amp = end;
		if (amp == p) {
			p++;
			continue;
		}
		if ((eq = memchr(p, '=', (size_t)(amp - p))) == NULL)
			eq = amp;
		if (l->n >= HTTP_MAX_FIELDS) {
			l->truncated = 1;
			break;
		}
		kb = urldecode(p, (size_t)(eq - p), &k);
		vb = urldecode(eq == amp ? eq : eq + 1,
		    (size_t)(amp - (eq == amp ? eq : eq + 1)), &v);
		if (kb != KV_OK || k.len == 0 || k.len > 64)
			bad++;
		else {
			if (vb != KV_OK)
				bad++;
			kv_add(l, k.data, k.len, v.data, v.len, vb);
		}
		p = amp + 1;
	}
	buf_free(&k);
	buf_free(&v);
	return bad;
}

/* 1 if the cookie name p[0..n) is one of Heard's (__Host-heard-...). */
static int
ours(const char *p, size_t n)
{
	return n > 13 && strncmp(p, "__Host-heard-", 13) == 0;
}

/*
 * Parse a Cookie header ("a=b; c=d") into l.  Values are not decoded:
 * ours are base64url.  At most 32 cookies are kept, and 8 more of
 * Heard's own, so other sites' cookies on the domain cannot hide ours.
 * Returns the number of malformed or surplus pairs skipped.
 */
int
http_parse_cookies(const char *s, struct kvlist *l)
{
	const char	*p = s, *end, *eq;
	size_t		 kn, vn;
	int		 bad = 0;

	while (*p != '\0') {
		while (*p == ' ' || *p == ';')
			p++;
		if (*p == '\0')
			break;
		end = strchr(p, ';');
		if (end == NULL)
			end = p + strlen(p);
		eq = memchr(p, '=', (size_t)(end - p));
		kn = eq == NULL ? 0 : (size_t)(eq - p);
		vn = eq == NULL ? 0 : (size_t)(end - eq - 1);
		if (eq == NULL || kn == 0 || kn > 64 || vn > 256 ||
		    l->n >= (ours(p, kn) ? 40 : 32) ||
		    !http_utf8_valid(p, (size_t)(end - p)))
			bad++;
		else
			kv_add(l, p, kn, eq + 1, vn, KV_OK);
		p = end;
	}
	return bad;
}

/* Is c a character RFC 2046 allows in a boundary? */
static int
bchar(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || (c != '\0' && strchr("'()+_,-./:=? ",
	    c) != NULL);
}

/* Is c a character of an RFC 7230 token? */
static int
tchar(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || (c != '\0' &&
	    strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

/*
 * Read one header parameter at *sp ("; name=value" or "; name="value""),
 * within end.  Copies the name (lower case) into name[0..nn) and the
 * value into val[0..vn); a quoted value may not hold a backslash, a
 * quote, CR, LF or NUL (browsers percent-encode those in names).
 * Returns 1 with *sp past it, 0 at the end, -1 when malformed.
 */
static int
param_next(const char **sp, const char *end, char *name, size_t nn,
    char *val, size_t vn)
{
	const char	*s = *sp;
	size_t		 i;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (s == end)
		return 0;
	if (*s++ != ';')
		return -1;
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	for (i = 0; s < end && tchar((unsigned char)*s); s++) {
		if (i + 1 >= nn)
			return -1;
		name[i++] = (char)tolower((unsigned char)*s);
	}
	name[i] = '\0';
	if (i == 0 || s == end || *s++ != '=')
		return -1;
	i = 0;
	if (s < end && *s == '"') {
		for (s++; s < end && *s != '"'; s++) {
			if (*s == '\\' || *s == '\r' || *s == '\n' ||
			    *s == '\0' || i + 1 >= vn)
				return -1;
			val[i++] = *s;
		}
		if (s == end)
			return -1;
		s++;
	} else
		for (; s < end && tchar((unsigned char)*s); s++) {
			if (i + 1 >= vn)
				return -1;
			val[i++] = *s;
		}
	val[i] = '\0';
	*sp = s;
	return 1;
}

/*
 * Find the boundary in a Content-Type of multipart/form-data: 1 to 70
 * characters RFC 2046 allows, not ending in a space, given once.
 * Copies it into out[0..n).  Returns 0, or -1 for any other type or a
 * missing, repeated or malformed boundary.
 */
int
http_multipart_boundary(const char *ctype, char *out, size_t n)
{
	static const char mt[] = "multipart/form-data";
	const char	*s = ctype, *end = ctype + strlen(ctype);
	char		 name[32], val[HTTP_MAX_BOUNDARY + 2];
	size_t		 i;
	int		 rc, found = 0;

	if (strncasecmp(s, mt, sizeof(mt) - 1) != 0)
		return -1;
	s += sizeof(mt) - 1;
	while ((rc = param_next(&s, end, name, sizeof(name), val,
	    sizeof(val))) == 1) {
		if (strcmp(name, "boundary") != 0)
			continue;
		if (found++ || val[0] == '\0' ||
		    strlen(val) > HTTP_MAX_BOUNDARY ||
		    val[strlen(val) - 1] == ' ')
			return -1;
		for (i = 0; val[i] != '\0'; i++)
			if (!bchar((unsigned char)val[i]))
				return -1;
		if (strlen(val) >= n)
			return -1;
		memcpy(out, val, strlen(val) + 1);
	}
	return rc == 0 && found == 1 ? 0 : -1;
}

/* What one part's headers said. */
struct part_head {
	char	 name[65];
	char	 filename[256];
	int	 has_filename;
};

/*
 * Read one part header line s[0..n) (no CRLF) into h.  Only
 * Content-Disposition (form-data, a name, perhaps a filename) and a
 * Content-Type that is not multipart are allowed; *seen counts them so
 * each comes once.  Returns 0 or -1.
 */
static int
part_header(const char *s, size_t n, struct part_head *h, unsigned *seen)
{
	static const char cd[] = "content-disposition:";
	static const char ct[] = "content-type:";
	const char	*end = s + n, *v;
	char		 name[32], val[256];
	int		 rc, names = 0, files = 0;
	size_t		 i;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\t') ||
		    s[i] == 0x7f)
			return -1;	/* no lone CR or LF, no controls */
	if (!http_utf8_valid(s, n))
		return -1;
	if (n >= sizeof(ct) - 1 && strncasecmp(s, ct, sizeof(ct) - 1) == 0) {
		if (*seen & 2)
			return -1;
		*seen |= 2;
		for (v = s + sizeof(ct) - 1; v < end && (*v == ' ' ||
		    *v == '\t'); v++)
			;
		if ((size_t)(end - v) >= 10 && strncasecmp(v, "multipart/",
		    10) == 0)
			return -1;	/* nothing nested */
		return 0;
	}
	if (n < sizeof(cd) - 1 || strncasecmp(s, cd, sizeof(cd) - 1) != 0 ||
	    (*seen & 1))
		return -1;	/* any other header is refused */
	*seen |= 1;
	for (v = s + sizeof(cd) - 1; v < end && (*v == ' ' || *v == '\t');
	    v++)
		;
	if ((size_t)(end - v) < 9 || strncasecmp(v, "form-data", 9) != 0)
		return -1;
	v += 9;
	while ((rc = param_next(&v, end, name, sizeof(name), val,
	    sizeof(val))) == 1) {
		if (strcmp(name, "name") == 0) {
			if (names++ || val[0] == '\0' || strlen(val) >=
			    sizeof(h->name))
				return -1;
			memcpy(h->name, val, strlen(val) + 1);
		} else if (strcmp(name, "filename") == 0) {
			if (files++)
				return -1;
			memcpy(h->filename, val, strlen(val) + 1);
			h->has_filename = 1;
		} else
			return -1;	/* filename*= and the like */
	}
	return rc == 0 && names == 1 ? 0 : -1;
}

/* Find needle[0..nn) in hay[0..hn), or NULL. */
static const char *
find(const char *hay, size_t hn, const char *needle, size_t nn)
{
	return memmem(hay, hn, needle, nn);
}

/* Free the files a multipart body held. */
void
http_files_free(struct http_files *f)
{
	size_t	 i;

	for (i = 0; i < f->n; i++) {
		free(f->v[i].name);
		free(f->v[i].filename);
		free(f->v[i].data);
	}
	memset(f, 0, sizeof(*f));
}

/* The first file sent as field name, or NULL. */
const struct http_file *
http_file_get(const struct http_files *f, const char *name)
{
	size_t	 i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->v[i].name, name) == 0)
			return &f->v[i];
	return NULL;
}

/*
 * Parse a multipart/form-data body (RFC 7578) of Content-Type ctype,
 * strictly: the body opens with its first delimiter (no preamble), each
 * part has CRLF-ended headers (Content-Disposition: form-data with a
 * name and perhaps a filename, perhaps a Content-Type that is not
 * multipart; nothing else), a blank line and its bytes; the last
 * delimiter is followed by nothing or one CRLF.  Parts with a filename
 * go into files (at most HTTP_MAX_FILES of HTTP_MAX_FILE bytes); the
 * others into fields like urlencoded pairs (a value past
 * HTTP_MAX_VALUE or not UTF-8 kept and marked bad).  Returns 0, or -1
 * with fields and files emptied: a body that breaks a rule is refused
 * whole, never half read.
 */
int
http_parse_multipart(const char *ctype, const char *body, size_t n,
    struct kvlist *fields, struct http_files *files)
{
	char		 b[HTTP_MAX_BOUNDARY + 1], delim[HTTP_MAX_BOUNDARY + 5];
	const char	*s = body, *end = body + n, *eol, *next;
	struct part_head h;
	struct http_file *f;
	size_t		 dn, len, parts = 0;
	unsigned	 seen;
	enum kv_bad	 vb;

	memset(fields, 0, sizeof(*fields));
	memset(files, 0, sizeof(*files));
	if (http_multipart_boundary(ctype, b, sizeof(b)) == -1)
		return -1;
	dn = (size_t)snprintf(delim, sizeof(delim), "\r\n--%s", b);
	/* The first delimiter has no CRLF before it. */
	if (n < dn - 2 || memcmp(s, delim + 2, dn - 2) != 0)
		return -1;
	s += dn - 2;
	for (;;) {
		/* After a delimiter: "--" closes, CRLF opens a part. */
		if (end - s >= 2 && s[0] == '-' && s[1] == '-') {
			s += 2;
			if (parts > 0 && (s == end || (end - s == 2 &&
			    s[0] == '\r' && s[1] == '\n')))
				return 0;
			goto bad;
		}
		if (end - s < 2 || s[0] != '\r' || s[1] != '\n' ||
		    ++parts > HTTP_MAX_PARTS)
			goto bad;
		s += 2;
		memset(&h, 0, sizeof(h));
		seen = 0;
		for (;;) {
			eol = find(s, (size_t)(end - s), "\r\n", 2);
			if (eol == NULL || eol - s > HTTP_PART_HEAD)
				goto bad;
			if (eol == s)
				break;
			if (part_header(s, (size_t)(eol - s), &h, &seen) == -1)
				goto bad;
			s = eol + 2;
		}
		s = eol + 2;
		if ((seen & 1) == 0)
			goto bad;
		if ((next = find(s, (size_t)(end - s), delim, dn)) == NULL)
			goto bad;
		len = (size_t)(next - s);
		if (h.has_filename) {
			if (files->n == HTTP_MAX_FILES || len > HTTP_MAX_FILE)
				goto bad;
			f = &files->v[files->n++];
			f->name = xstrdup(h.name);
			f->filename = xstrdup(h.filename);
			f->data = xmalloc(len + 1);	/* may hold NULs */
			memcpy(f->data, s, len);
			f->data[len] = '\0';
			f->len = len;
		} else {
			if (fields->n >= HTTP_MAX_FIELDS)
				goto bad;
			vb = len > HTTP_MAX_VALUE ? KV_TOO_LONG :
			    !http_utf8_valid(s, len) ? KV_BAD_UTF8 : KV_OK;
			kv_add(fields, h.name, strlen(h.name), s, len, vb);
		}
		s = next + dn;
	}
bad:
	kv_free(fields);
	http_files_free(files);
	return -1;
}

/* The first good value for key, or NULL. */
const char *
kv_get(const struct kvlist *l, const char *key)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].bad == KV_OK && strcmp(l->v[i].key, key) == 0)
			return l->v[i].val;
	return NULL;
}

/* How many pairs (good or bad) have this key. */
size_t
kv_count(const struct kvlist *l, const char *key)
{
	size_t	 i, c = 0;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0)
			c++;
	return c;
}

/* Free every pair and reset the list. */
void
kv_free(struct kvlist *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].key);
		free(l->v[i].val);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* Is y a leap year? */
static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Return 1 if s is a real calendar date YYYY-MM-DD (1900-2199). */
static int
date_ok(const char *s, size_t n)
{
	static const int mdays[] = { 31,28,31,30,31,30,31,31,30,31,30,31 };
	int	 y, m, d;
	size_t	 i;

	if (n != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < n; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= mdays[m - 1] + (m == 2 && leap(y));
}

/* Return 1 if v[0..n) is valid for the type and within max bytes. */
int
http_field_ok(enum field_type t, const char *v, size_t n)
{
	size_t	 i;

	switch (t) {
	case FT_LINE:
	case FT_TEXT:
		for (i = 0; i < n; i++) {
			unsigned char c = (unsigned char)v[i];
			if (c == 0x7f || (c < 0x20 && !(t == FT_TEXT &&
			    (c == '\n' || c == '\r' || c == '\t'))))
				return 0;
		}
		return http_utf8_valid(v, n);
	case FT_TOKEN:
		if (n != 43)
			return 0;
		for (i = 0; i < n; i++)
			if (!isalnum((unsigned char)v[i]) && v[i] != '-' &&
			    v[i] != '_')
				return 0;
		return 1;
	case FT_WORD:
		if (n == 0)
			return 0;
		for (i = 0; i < n; i++)
			if (!islower((unsigned char)v[i]) &&
			    !isdigit((unsigned char)v[i]) && v[i] != '_')
				return 0;
		return 1;
	case FT_UINT:
		if (n == 0 || n > 9)
			return 0;
		for (i = 0; i < n; i++)
			if (!isdigit((unsigned char)v[i]))
				return 0;
		return 1;
	case FT_DATE:
		return date_ok(v, n);
	case FT_VOCAB:
		return 0;	/* needs its list: http_validate() */
	}
	return 0;
}

/* Default most bytes for a type when a field says 0. */
static size_t
type_max(enum field_type t)
{
	switch (t) {
	case FT_TEXT:
		return HTTP_MAX_VALUE;
	case FT_TOKEN:
		return 43;
	case FT_DATE:
		return 10;
	default:
		return 200;
	}
}

/*
 * Is one sent value valid for its declared field: parsed cleanly, of
 * the field's type and length, or one of its vocabulary's words?
 */
static int
value_ok(const struct field *f, const struct kv *kv)
{
	size_t	 n = strlen(kv->val);

	if (kv->bad != KV_OK)
		return 0;
	if (f->type == FT_VOCAB)
		return vocab_in(f->vocab, kv->val) != NULL;
	if (n > (f->max != 0 ? f->max : type_max(f->type)))
		return 0;
	return http_field_ok(f->type, kv->val, n);
}

/*
 * Validate the request against a page's declared fields.  For field i,
 * r->in[i] is its value (NULL unless valid) and r->in_err[i] says why
 * not.  A single-valued field sent twice is a duplicate, not a choice
 * we make silently.
 */
void
http_validate(struct req *r, const struct field *f, size_t nf)
{
	const struct kvlist	*l;
	const struct kv		*hit;
	size_t			 i, j, seen;

	for (i = 0; i < nf && i < FIELD_MAX; i++) {
		l = f[i].src == FS_QUERY ? &r->query :
		    f[i].src == FS_BODY ? &r->body : &r->cookies;
		r->in[i] = NULL;
		hit = NULL;
		for (seen = j = 0; j < l->n; j++)
			if (strcmp(l->v[j].key, f[i].name) == 0) {
				seen++;
				hit = &l->v[j];
			}
		if (seen == 0)
			r->in_err[i] = FE_MISSING;
		else if (seen > 1)
			r->in_err[i] = FE_DUPLICATE;
		else if (!value_ok(&f[i], hit))
			r->in_err[i] = FE_INVALID;
		else {
			r->in_err[i] = FE_NONE;
			r->in[i] = hit->val;
		}
	}
}

/* Free everything a request holds. */
void
req_free(struct req *r)
{
	free(r->path);
	free(r->remote);
	free(r->ctype);
	free(r->fetch_site);
	kv_free(&r->query);
	kv_free(&r->body);
	kv_free(&r->cookies);
	http_files_free(&r->files);
	free(r->raw);
	memset(r, 0, sizeof(*r));
}

/* Start an empty 200 HTML response. */
void
resp_init(struct resp *p)
{
	memset(p, 0, sizeof(*p));
	p->status = 200;
	p->ctype = "text/html; charset=utf-8";
}

/* Free a response's buffers. */
void
resp_free(struct resp *p)
{
	buf_free(&p->head);
	buf_free(&p->body);
}

/*
 * Add a header line.  Values come from the program, but a CR or LF would
 * split the header, so such a value is refused outright.
 */
void
resp_header(struct resp *p, const char *name, const char *val)
{
	if (strpbrk(name, "\r\n:") != NULL || strpbrk(val, "\r\n") != NULL)
		return;
	buf_printf(&p->head, "%s: %s\r\n", name, val);
}

/* Make the response a 303 See Other to a path on this site. */
void
resp_redirect(struct resp *p, const char *path)
{
	p->status = 303;
	resp_header(p, "Location", path);
}

/*
 * Set a __Host- style cookie: Secure, HttpOnly, Path=/.  maxage < 0 means
 * a session cookie, 0 deletes it.  samesite is "Strict" or "Lax".
 */
void
resp_cookie(struct resp *p, const char *name, const char *val, int maxage,
    const char *samesite)
{
	struct buf	 b = { 0 };

	buf_printf(&b, "%s=%s; Path=/; Secure; HttpOnly; SameSite=%s",
	    name, val, samesite);
	if (maxage >= 0)
		buf_printf(&b, "; Max-Age=%d", maxage);
	resp_header(p, "Set-Cookie", buf_str(&b));
	buf_free(&b);
}

/* The reason phrase for the statuses Heard uses. */
const char *
http_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 410: return "Gone";
	case 413: return "Content Too Large";
	case 415: return "Unsupported Media Type";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Unknown";
	}
}

/*
 * Write the CGI header block of a response into out: status, type,
 * the security headers every response carries, then the extra lines.
 */
void
http_head(const struct resp *p, struct buf *out)
{
	buf_printf(out, "Status: %d %s\r\n", p->status, http_reason(p->status));
	buf_printf(out, "Content-Type: %s\r\n", p->ctype);
	buf_printf(out, "Content-Length: %zu\r\n", p->body.len);
	buf_puts(out,
	    "Content-Security-Policy: default-src 'none'; "
	    "style-src 'self'; img-src 'self'; media-src 'self'; "
	    "script-src 'self'; "
	    "form-action 'self'; base-uri 'none'; object-src 'none'; "
	    "frame-ancestors 'none'\r\n"
	    "Referrer-Policy: no-referrer\r\n"
	    "X-Content-Type-Options: nosniff\r\n"
	    "X-Frame-Options: DENY\r\n"
	    "Cross-Origin-Opener-Policy: same-origin\r\n"
	    "Cross-Origin-Resource-Policy: same-origin\r\n"
	    "Permissions-Policy: camera=(), microphone=(), geolocation=()\r\n"
	    "Cache-Control: no-store\r\n");
	buf_add(out, buf_str(&p->head), p->head.len);
	buf_puts(out, "\r\n");
}

/*
 * 1 if the Content-Type ct is the media type mt exactly (any case),
 * perhaps followed by parameters: not a longer name that starts so.
 */
static int
media_is(const char *ct, const char *mt)
{
	size_t	 n = strlen(mt);

	if (strncasecmp(ct, mt, n) != 0)
		return 0;
	ct += n;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	return *ct == '\0' || *ct == ';';
}

/* Copy a FastCGI parameter, or "" when absent. */
static char *
param(FCGX_Request *f, const char *name)
{
	const char	*v = FCGX_GetParam(name, f->envp);

	return xstrdup(v == NULL ? "" : v);
}

/*
 * Read a request's parameters and body into r, bounded by maxbody.
 * Returns 0 when the request is usable, or the status to answer
 * with: 413 for a body over the limit, 400 for a short body.  A POST
 * whose type is neither urlencoded nor multipart is usable but has
 * r->body_bad set; a multipart body is kept raw in r->raw (r->multipart
 * set) for the router to parse if the route takes uploads.
 */
int
http_read(FCGX_Request *f, struct req *r, size_t maxbody)
{
	const char	*m, *uri, *q, *cl, *ck;
	char		*body;
	size_t		 len;
	int		 got;

	memset(r, 0, sizeof(*r));
	m = FCGX_GetParam("REQUEST_METHOD", f->envp);
	if (m == NULL)
		m = "";
	r->method = strcmp(m, "GET") == 0 ? HTTP_GET :
	    strcmp(m, "HEAD") == 0 ? HTTP_HEAD :
	    strcmp(m, "POST") == 0 ? HTTP_POST : HTTP_OTHER;
	if ((uri = FCGX_GetParam("REQUEST_URI", f->envp)) == NULL)
		uri = "/";
	q = strchr(uri, '?');
	r->path = q == NULL ? xstrdup(uri) : xstrndup(uri, (size_t)(q - uri));
	if (q != NULL)
		http_parse_urlencoded(q + 1, strlen(q + 1), &r->query);
	r->remote = param(f, "REMOTE_ADDR");
	r->ctype = param(f, "CONTENT_TYPE");
	r->fetch_site = param(f, "HTTP_SEC_FETCH_SITE");
	if ((ck = FCGX_GetParam("HTTP_COOKIE", f->envp)) != NULL)
		http_parse_cookies(ck, &r->cookies);
	if (r->method != HTTP_POST)
		return 0;
	cl = FCGX_GetParam("CONTENT_LENGTH", f->envp);
	len = cl == NULL ? 0 : strtoul(cl, NULL, 10);
	if (cl != NULL && strlen(cl) > 9)
		return 413;
	if (len > maxbody)
		return 413;
	if (media_is(r->ctype, "multipart/form-data"))
		r->multipart = 1;
	else if (!media_is(r->ctype, "application/x-www-form-urlencoded")) {
		r->body_bad = 1;
		return 0;
	}
	body = xmalloc(len + 1);
	got = len == 0 ? 0 : FCGX_GetStr(body, (int)len, f->in);
	if (got < 0 || (size_t)got != len) {
		free(body);
		return 400;
	}
	if (r->multipart) {
		/* Parsed by the router, for a route that takes uploads. */
		body[len] = '\0';
		r->raw = body;
		r->rawlen = len;
		return 0;
	}
	http_parse_urlencoded(body, len, &r->body);
	free(body);
	return 0;
}

/* Send a response; for HEAD, the headers only. */
void
http_send(FCGX_Request *f, const struct resp *p, int head_only)
{
	struct buf	 h = { 0 };

	http_head(p, &h);
	FCGX_PutStr(h.data, (int)h.len, f->out);
	if (!head_only && p->body.len > 0)
		FCGX_PutStr(p->body.data, (int)p->body.len, f->out);
	buf_free(&h);
}

/*
 * Finish a request and close its connection at once.  libfcgi's own
 * close shuts the socket down and then waits for nginx to close its
 * side: a sleep and a wake-up per request, which halved what a worker
 * served (perf; README, Performance).  Closing a Unix socket with data
 * still unread resets it under nginx (a 502 for a body Heard refused
 * unread), so what nginx sent is read to its end first; nginx buffers
 * the whole request before passing it on, so this does not wait.
 */
void
http_finish(FCGX_Request *f)
{
	char	 trash[4096];

	while (FCGX_GetStr(trash, (int)sizeof(trash), f->in) > 0)
		;
	FCGX_Detach(f);
	FCGX_Finish_r(f);
}

/*
 * Append s to out percent-encoded for a URL's query: everything but
 * letters, digits and "-._~" becomes %XX, so a value can never end the
 * query or start another field.
 */
void
http_urlencode(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *u;

	for (u = (const unsigned char *)s; *u != '\0'; u++)
		if ((*u >= 'a' && *u <= 'z') || (*u >= 'A' && *u <= 'Z') ||
		    (*u >= '0' && *u <= '9') || *u == '-' || *u == '.' ||
		    *u == '_' || *u == '~')
			buf_putc(out, (char)*u);
		else
			buf_printf(out, "%%%c%c", hex[*u >> 4], hex[*u & 15]);
}
