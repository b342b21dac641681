/*
 * Unit tests for http.c: UTF-8, urlencoded bodies, cookies, field
 * validation and response headers, with hostile input in every table.
 */
#include <string.h>

#include "check.h"
#include "http.h"

void
test_http_utf8(void)
{
	static const struct {
		const char	*s;
		size_t		 n;
		int		 ok;
	} t[] = {
		{ "", 0, 1 },
		{ "plain", 5, 1 },
		{ "caf\xc3\xa9", 5, 1 },			/* é */
		{ "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d", 8, 1 },	/* Hebrew */
		{ "\xf0\x9f\x98\x80", 4, 1 },			/* emoji */
		{ "\xc3", 1, 0 },				/* cut short */
		{ "\xc0\xaf", 2, 0 },				/* overlong / */
		{ "\xe0\x80\xaf", 3, 0 },			/* overlong */
		{ "\xed\xa0\x80", 3, 0 },			/* surrogate */
		{ "\xf4\x90\x80\x80", 4, 0 },			/* > U+10FFFF */
		{ "\xff", 1, 0 },
		{ "a\0b", 3, 0 },				/* NUL */
		{ "\x80", 1, 0 },				/* lone continuation */
	};
	size_t	 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		CHECK(http_utf8_valid(t[i].s, t[i].n) == t[i].ok);
}

void
test_http_urlencoded(void)
{
	struct kvlist	 l = { 0 };
	char		 big[HTTP_MAX_FIELDS * 4 + 16];
	size_t		 i;
	int		 bad;

	bad = http_parse_urlencoded("a=1&b=two+words&c=%41%42&d=&e", 29, &l);
	CHECK(bad == 0);
	CHECK(l.n == 5);
	CHECK_STR(kv_get(&l, "a"), "1");
	CHECK_STR(kv_get(&l, "b"), "two words");
	CHECK_STR(kv_get(&l, "c"), "AB");
	CHECK_STR(kv_get(&l, "d"), "");
	CHECK_STR(kv_get(&l, "e"), "");
	kv_free(&l);

	/* Bad escapes and bad UTF-8 mark one pair; the others survive. */
	bad = http_parse_urlencoded("x=%zz&y=ok&z=%C3&w=%00&v=%F0%9F%98%80",
	    37, &l);
	CHECK(bad == 3);
	CHECK(kv_get(&l, "x") == NULL && kv_count(&l, "x") == 1);
	CHECK(l.v[0].bad == KV_BAD_ENCODING);
	CHECK_STR(kv_get(&l, "y"), "ok");
	CHECK(l.v[2].bad == KV_BAD_UTF8);
	CHECK(l.v[3].bad == KV_BAD_UTF8);	/* NUL byte */
	CHECK_STR(kv_get(&l, "v"), "\xf0\x9f\x98\x80");
	kv_free(&l);

	/* Trailing '%', empty pairs, empty keys. */
	bad = http_parse_urlencoded("&&=v&k=%&k2=%4&&", 16, &l);
	CHECK(bad == 3);
	CHECK(kv_count(&l, "k") == 1 && kv_get(&l, "k") == NULL);
	kv_free(&l);

	/* Duplicates are all kept, in order. */
	http_parse_urlencoded("m=a&m=b&m=c", 11, &l);
	CHECK(kv_count(&l, "m") == 3);
	CHECK_STR(l.v[2].val, "c");
	kv_free(&l);

	/* More pairs than allowed: truncated, never overflowing. */
	for (i = 0; i < HTTP_MAX_FIELDS + 3; i++)
		memcpy(big + i * 4, "a=1&", 4);
	http_parse_urlencoded(big, (HTTP_MAX_FIELDS + 3) * 4, &l);
	CHECK(l.truncated);
	CHECK(l.n == HTTP_MAX_FIELDS);
	kv_free(&l);

	/* Not NUL-terminated input is read only to its length. */
	http_parse_urlencoded("a=12345", 3, &l);
	CHECK_STR(kv_get(&l, "a"), "1");
	kv_free(&l);
}

void
test_http_cookies(void)
{
	struct kvlist	 l = { 0 };
	int		 bad;

	bad = http_parse_cookies("a=1; __Host-heard-visit=abc;b=2", &l);
	CHECK(bad == 0);
	CHECK_STR(kv_get(&l, "__Host-heard-visit"), "abc");
	CHECK_STR(kv_get(&l, "b"), "2");
	kv_free(&l);
	bad = http_parse_cookies(";;  novalue; =x; ok=1;", &l);
	CHECK(bad == 2);
	CHECK(l.n == 1);
	CHECK_STR(kv_get(&l, "ok"), "1");
	kv_free(&l);
	bad = http_parse_cookies("", &l);
	CHECK(bad == 0 && l.n == 0);
	kv_free(&l);
}

void
test_http_fields(void)
{
	static const struct {
		enum field_type	 t;
		const char	*v;
		int		 ok;
	} t[] = {
		{ FT_LINE, "Hello, world", 1 },
		{ FT_LINE, "two\nlines", 0 },
		{ FT_LINE, "tab\there", 0 },
		{ FT_LINE, "del\x7f", 0 },
		{ FT_TEXT, "two\r\nlines\tand tab", 1 },
		{ FT_TEXT, "bell\x07", 0 },
		{ FT_TEXT, "\xc3\x28", 0 },
		{ FT_TOKEN, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123-_", 0 },
		{ FT_TOKEN, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123-_Q", 1 },
		{ FT_TOKEN, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123-_=", 0 },
		{ FT_TOKEN, "../../../etc/passwd/aaaaaaaaaaaaaaaaaaaaaaaaa", 0 },
		{ FT_WORD, "young_person", 1 },
		{ FT_WORD, "Young", 0 },
		{ FT_WORD, "", 0 },
		{ FT_WORD, "a;b", 0 },
		{ FT_UINT, "12", 1 },
		{ FT_UINT, "-1", 0 },
		{ FT_UINT, "1e3", 0 },
		{ FT_UINT, "9999999999", 0 },
		{ FT_DATE, "2024-02-29", 1 },
		{ FT_DATE, "2023-02-29", 0 },
		{ FT_DATE, "1900-02-29", 0 },
		{ FT_DATE, "2000-02-29", 1 },
		{ FT_DATE, "2024-13-01", 0 },
		{ FT_DATE, "2024-04-31", 0 },
		{ FT_DATE, "2024-4-1", 0 },
		{ FT_DATE, "2024-04-01x", 0 },
		{ FT_DATE, "20a4-04-01", 0 },
	};
	size_t	 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (http_field_ok(t[i].t, t[i].v, strlen(t[i].v)) != t[i].ok) {
			check_failures++;
			fprintf(stderr, "field type %d '%s': expected %d\n",
			    (int)t[i].t, t[i].v, t[i].ok);
		}
}

void
test_http_validate(void)
{
	static const struct field f[] = {
		{ "page", FS_QUERY, FT_UINT, 3, NULL },
		{ "csrf", FS_BODY, FT_TOKEN, 0, NULL },
		{ "name", FS_BODY, FT_LINE, 5, NULL },
		{ "dup", FS_BODY, FT_WORD, 0, NULL },
		{ "gone", FS_BODY, FT_WORD, 0, NULL },
		{ "c", FS_COOKIE, FT_WORD, 0, NULL },
	};
	struct req	 r;

	memset(&r, 0, sizeof(r));
	http_parse_urlencoded("page=1234", 9, &r.query);
	http_parse_urlencoded("csrf=short&name=abcdef&dup=a&dup=b&extra=1",
	    42, &r.body);
	http_parse_cookies("c=ok", &r.cookies);
	http_validate(&r, f, 6);
	CHECK(r.in_err[0] == FE_INVALID);	/* over max */
	CHECK(r.in_err[1] == FE_INVALID);
	CHECK(r.in_err[2] == FE_INVALID);	/* 6 bytes > 5 */
	CHECK(r.in_err[3] == FE_DUPLICATE);
	CHECK(r.in_err[4] == FE_MISSING);
	CHECK(r.in_err[5] == FE_NONE);
	CHECK_STR(r.in[5], "ok");
	CHECK(r.in[0] == NULL && r.in[3] == NULL);
	req_free(&r);
}

void
test_http_head(void)
{
	struct resp	 p;
	struct buf	 h = { 0 };

	resp_init(&p);
	buf_puts(&p.body, "hello");
	resp_header(&p, "X-Test", "a\r\nSet-Cookie: evil=1");	/* refused */
	resp_header(&p, "Bad:Name", "x");			/* refused */
	resp_redirect(&p, "/form");
	resp_cookie(&p, "__Host-x", "v", -1, "Lax");
	http_head(&p, &h);
	CHECK(strstr(h.data, "Status: 303 See Other\r\n") != NULL);
	CHECK(strstr(h.data, "Content-Length: 5\r\n") != NULL);
	CHECK(strstr(h.data, "frame-ancestors 'none'") != NULL);
	CHECK(strstr(h.data, "object-src 'none'") != NULL);
	CHECK(strstr(h.data, "base-uri 'none'") != NULL);
	CHECK(strstr(h.data, "Referrer-Policy: no-referrer\r\n") != NULL);
	CHECK(strstr(h.data, "X-Content-Type-Options: nosniff\r\n") != NULL);
	CHECK(strstr(h.data, "Cache-Control: no-store\r\n") != NULL);
	CHECK(strstr(h.data, "evil") == NULL);
	CHECK(strstr(h.data, "Bad:Name") == NULL);
	CHECK(strstr(h.data, "Set-Cookie: __Host-x=v; Path=/; Secure; "
	    "HttpOnly; SameSite=Lax\r\n") != NULL);
	CHECK(strstr(h.data, "Location: /form\r\n") != NULL);
	CHECK(strcmp(h.data + h.len - 4, "\r\n\r\n") == 0);
	buf_free(&h);
	resp_free(&p);
}

/* A value percent-encoded for a query reads back as itself. */
void
test_http_urlencode(void)
{
	struct buf	 b = { 0 };
	struct kvlist	 l = { 0 };
	const char	*v = "A&B=C #1/é+%";

	http_urlencode(&b, v);
	CHECK_STR(buf_str(&b), "A%26B%3DC%20%231%2F%C3%A9%2B%25");
	CHECK(http_parse_urlencoded(buf_str(&b), b.len, &l) == 0);
	CHECK(l.n == 1 && strcmp(l.v[0].key, v) == 0);
	buf_free(&b);
	kv_free(&l);
}

/* A multipart body of parts joined with boundary "XyZ". */
#define MP_CT	"multipart/form-data; boundary=XyZ"

void
test_http_multipart_boundary(void)
{
	static const struct {
		const char	*ct;
		const char	*want;	/* NULL: refused */
	} t[] = {
		{ "multipart/form-data; boundary=abc", "abc" },
		{ "Multipart/Form-Data;boundary=abc", "abc" },
		{ "multipart/form-data; boundary=\"a b:c\"", "a b:c" },
		{ "multipart/form-data; charset=utf-8; boundary=----WebKitFormBoundaryx7", "----WebKitFormBoundaryx7" },
		{ "multipart/form-data", NULL },		/* none */
		{ "multipart/form-data; boundary=", NULL },	/* empty */
		{ "multipart/form-data; boundary=a; boundary=b", NULL },
		{ "multipart/form-data; boundary=\"ab \"", NULL }, /* ends in space */
		{ "multipart/form-data; boundary=\"a<b\"", NULL }, /* not a bchar */
		{ "multipart/form-data; boundary=\"abc", NULL },	/* unclosed */
		{ "multipart/form-data; boundary=\"a\\\"b\"", NULL }, /* escape */
		{ "multipart/form-data; boundary=12345678901234567890123456789012345678901234567890123456789012345678901", NULL },	/* 71 */
		{ "multipart/mixed; boundary=abc", NULL },
		{ "application/x-www-form-urlencoded", NULL },
		{ "multipart/form-data boundary=abc", NULL },	/* no ';' */
		{ "", NULL },
	};
	char	 b[HTTP_MAX_BOUNDARY + 1];
	size_t	 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (t[i].want == NULL)
			CHECK(http_multipart_boundary(t[i].ct, b, sizeof(b)) == -1);
		else {
			CHECK(http_multipart_boundary(t[i].ct, b, sizeof(b)) == 0);
			CHECK_STR(b, t[i].want);
		}
	}
}

/* Parse a body with MP_CT; returns the parser's result. */
static int
mp(const char *body, struct kvlist *l, struct http_files *f)
{
	return http_parse_multipart(MP_CT, body, strlen(body), l, f);
}

void
test_http_multipart(void)
{
	struct kvlist	 l;
	struct http_files f;
	const struct http_file *file;
	static const char *const bad[] = {
		"",						/* empty */
		"--XyZ--\r\n",					/* no parts */
		"preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1",	/* no close */
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--\r\nepilogue",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\n\n1\r\n--XyZ--",	/* LF only */
		"--XyZ\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data\r\n\r\n1\r\n--XyZ--",	/* no name */
		"--XyZ\r\nContent-Disposition: form-data; name=\"\"\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=a; name=b\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"; filename*=UTF-8''x\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Transfer-Encoding: base64\r\n\r\nMQ==\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Type: multipart/mixed; boundary=Q\r\n\r\n--Q--\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\"\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n1\r\n--XyZ--",	/* no blank line */
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\x01\"\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"\xc3\"\r\n\r\n1\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZx\r\n",	/* no delimiter */
		"--XyZ",
		"--XyZ\r\n",
	};
	static const char nul[] = "--XyZ\r\nContent-Disposition: form-data; "
	    "name=f; filename=x\r\n\r\na\0b--XyZ\r\n--XyZ--";
	char	 many[4096];
	size_t	 i, k;

	CHECK(mp("--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n"
	    "tok\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
	    "filename=\"week.csv\"\r\nContent-Type: text/csv\r\n\r\n"
	    "a,b\r\n1,2\r\n\r\n--XyZ--\r\n", &l, &f) == 0);
	CHECK(l.n == 1);
	CHECK_STR(kv_get(&l, "csrf"), "tok");
	CHECK(f.n == 1);
	file = http_file_get(&f, "file");
	CHECK(file != NULL && file->len == 10 &&
	    memcmp(file->data, "a,b\r\n1,2\r\n", 10) == 0);
	CHECK_STR(file != NULL ? file->filename : NULL, "week.csv");
	CHECK(http_file_get(&f, "csrf") == NULL);
	kv_free(&l);
	http_files_free(&f);

	/* No file chosen: an empty filename and no bytes; no final CRLF. */
	CHECK(mp("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
	    "filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n"
	    "\r\n--XyZ--", &l, &f) == 0);
	CHECK(f.n == 1 && f.v[0].len == 0 && f.v[0].filename[0] == '\0');
	kv_free(&l);
	http_files_free(&f);

	/* A file may hold NUL bytes and "--XyZ" not after a CRLF. */
	CHECK(http_parse_multipart(MP_CT, nul, sizeof(nul) - 1, &l, &f) == 0);
	CHECK(f.n == 1 && f.v[0].len == 8 && memcmp(f.v[0].data, "a\0b--XyZ",
	    8) == 0);
	kv_free(&l);
	http_files_free(&f);

	/* A text field that is not UTF-8 is kept and marked bad. */
	CHECK(mp("--XyZ\r\ncontent-disposition: form-data; name=\"a\"\r\n\r\n"
	    "\xff\r\n--XyZ\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n"
	    "ok\r\n--XyZ--", &l, &f) == 0);
	CHECK(l.n == 2 && kv_get(&l, "a") == NULL && kv_count(&l, "a") == 1);
	CHECK_STR(kv_get(&l, "b"), "ok");
	kv_free(&l);
	http_files_free(&f);

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		l.n = 99;
		CHECK(mp(bad[i], &l, &f) == -1);
		CHECK(l.n == 0 && f.n == 0 && l.v == NULL);
	}
	CHECK(http_parse_multipart("text/plain", "--XyZ--", 7, &l, &f) == -1);

	/* Too many parts, too many files. */
	for (k = 0, i = 0; i < HTTP_MAX_PARTS + 1; i++)
		k += (size_t)snprintf(many + k, sizeof(many) - k, "--XyZ\r\n"
		    "Content-Disposition: form-data; name=\"p\"\r\n\r\nv\r\n");
	snprintf(many + k, sizeof(many) - k, "--XyZ--");
	CHECK(mp(many, &l, &f) == -1);
	for (k = 0, i = 0; i < HTTP_MAX_FILES + 1; i++)
		k += (size_t)snprintf(many + k, sizeof(many) - k, "--XyZ\r\n"
		    "Content-Disposition: form-data; name=\"f\"; filename=\"x\""
		    "\r\n\r\nv\r\n");
	snprintf(many + k, sizeof(many) - k, "--XyZ--");
	CHECK(mp(many, &l, &f) == -1);
	CHECK(f.n == 0);
}
