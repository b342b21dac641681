/*
 * http: parse requests (query strings, urlencoded bodies, cookies),
 * validate inputs through declared field tables, and write responses
 * with the security headers every response carries.
 *
 * The parsing functions (urlencoded, cookies, and multipart/form-data
 * for the routes that declare uploads) are pure (no FastCGI) so that
 * unit tests and fuzz targets drive them directly; http_read(), http_send() and
 * http_finish() are the only code that touches libfcgi's request streams.
 */
#ifndef HEARD_HTTP_H
#define HEARD_HTTP_H

#include <stddef.h>

#include <fcgiapp.h>

#include "buf.h"
#include "vocab.h"

#define HTTP_MAX_FIELDS	256	/* most key=value pairs in one body */
#define HTTP_MAX_VALUE	20000	/* most bytes in one decoded value */
#define HTTP_MAX_PARTS	16	/* most parts in one multipart body */
#define HTTP_MAX_FILES	2	/* most file parts in one multipart body */
#define HTTP_MAX_FILE	(1024 * 1024)	/* most bytes in one uploaded file */
#define HTTP_MAX_BOUNDARY 70	/* RFC 2046 */
#define HTTP_PART_HEAD	1024	/* most bytes in one part's header line */

enum http_method {
	HTTP_GET,
	HTTP_HEAD,
	HTTP_POST,
	HTTP_OTHER,
};

/* Why a pair was marked bad while parsing. */
enum kv_bad {
	KV_OK = 0,
	KV_BAD_ENCODING,	/* malformed percent-escape */
	KV_BAD_UTF8,		/* not valid UTF-8, or contains NUL */
	KV_TOO_LONG,		/* over HTTP_MAX_VALUE */
};

struct kv {
	char		*key;
	char		*val;	/* "" when bad */
	enum kv_bad	 bad;
};

struct kvlist {
	struct kv	*v;
	size_t		 n;
	size_t		 cap;
	int		 truncated;	/* more than HTTP_MAX_FIELDS pairs */
};

/* What a declared input must look like. */
enum field_type {
	FT_LINE,	/* one line of text: no control characters */
	FT_TEXT,	/* text that may span lines */
	FT_TOKEN,	/* 43 base64url characters (a link token) */
	FT_WORD,	/* lower-case letters, digits and '_' */
	FT_UINT,	/* a decimal number without sign */
	FT_DATE,	/* YYYY-MM-DD that is a real calendar date */
	FT_VOCAB,	/* one word of the field's vocabulary (vocab.h) */
};

/* One uploaded file of a multipart/form-data body. */
struct http_file {
	char		*name;		/* the form field's name */
	char		*filename;	/* as the browser sent it; may be "" */
	char		*data;		/* the bytes, NUL-terminated for ease */
	size_t		 len;
};

struct http_files {
	struct http_file v[HTTP_MAX_FILES];
	size_t		 n;
};

enum field_src {
	FS_QUERY,
	FS_BODY,
	FS_COOKIE,
};

/*
 * One declared input of a page: validated before its handler runs.  An
 * FT_VOCAB field names its word list, and its value must be one of them:
 * { "channel", FS_BODY, FT_VOCAB, 0, VOCAB(VOCAB_SEND_CHANNEL) }.
 */
struct field {
	const char		*name;
	enum field_src		 src;
	enum field_type		 type;
	size_t			 max;	/* most bytes; 0: the type's default */
	const struct vocab	*vocab;	/* FT_VOCAB: the words; else NULL */
};

#define FIELD_MAX	16	/* most declared fields for one page */

enum field_err {
	FE_NONE = 0,
	FE_MISSING,
	FE_INVALID,
	FE_DUPLICATE,
};

struct req {
	enum http_method method;
	char		*path;		/* raw path, without the query */
	char		*remote;	/* REMOTE_ADDR, "" if absent */
	char		*ctype;		/* CONTENT_TYPE, "" if absent */
	char		*fetch_site;	/* Sec-Fetch-Site, "" if absent */
	struct kvlist	 query;
	struct kvlist	 body;
	struct kvlist	 cookies;
	int		 body_bad;	/* wrong content type or bad read */
	int		 multipart;	/* a multipart/form-data POST: raw */
	char		*raw;		/* its body, unparsed, for the router */
	size_t		 rawlen;
	struct http_files files;	/* a multipart body's files */
	/* Filled by http_validate() from a page's field table. */
	const char	*in[FIELD_MAX];
	enum field_err	 in_err[FIELD_MAX];
};

struct resp {
	int		 status;
	const char	*ctype;		/* default text/html; charset=utf-8 */
	struct buf	 head;		/* extra header lines, CRLF-terminated */
	struct buf	 body;
};

int	 http_utf8_valid(const char *, size_t);
int	 http_parse_urlencoded(const char *, size_t, struct kvlist *);
int	 http_parse_cookies(const char *, struct kvlist *);
int	 http_multipart_boundary(const char *, char *, size_t);
int	 http_parse_multipart(const char *, const char *, size_t,
	    struct kvlist *, struct http_files *);
void	 http_files_free(struct http_files *);
const struct http_file *http_file_get(const struct http_files *,
	    const char *);
void	 kv_add(struct kvlist *, const char *, size_t, const char *,
	    size_t, enum kv_bad);
const char *kv_get(const struct kvlist *, const char *);
size_t	 kv_count(const struct kvlist *, const char *);
void	 kv_free(struct kvlist *);
int	 http_field_ok(enum field_type, const char *, size_t);
void	 http_validate(struct req *, const struct field *, size_t);
void	 req_free(struct req *);
void	 http_urlencode(struct buf *, const char *);

void	 resp_init(struct resp *);
void	 resp_free(struct resp *);
void	 resp_header(struct resp *, const char *, const char *);
void	 resp_redirect(struct resp *, const char *);
void	 resp_cookie(struct resp *, const char *, const char *, int,
	    const char *);
void	 http_head(const struct resp *, struct buf *);
const char *http_reason(int);
int	 http_read(FCGX_Request *, struct req *, size_t);
void	 http_send(FCGX_Request *, const struct resp *, int);
void	 http_finish(FCGX_Request *);

#endif
