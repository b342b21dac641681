/*
 * notify: GOV.UK Notify's v2 API on the wire (see notify.h).  JSON is
 * built and read with jansson, so any UTF-8 is escaped right and
 * nothing is parsed by hand; HTTP goes through libcurl's easy
 * interface, one handle per request; the HMAC comes from crypto.c.
 */
#include <sys/stat.h>

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>
#include <jansson.h>

#include "buf.h"
#include "crypto.h"
#include "log.h"
#include "notify.h"

#define KEY_MAX		(NOTIFY_NAME_MAX + 2 * NOTIFY_UUID_LEN + 2)
#define RESPONSE_MAX	(1024 * 1024)	/* more of an answer is dropped */
#define USER_AGENT	"heard-notify/1 (+libcurl)"

static int	 curl_ready;

/* 1 if s is exactly a UUID in Notify's form: 8-4-4-4-12 hex digits. */
int
notify_uuid_ok(const char *s)
{
	size_t	 i;

	for (i = 0; i < NOTIFY_UUID_LEN; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (!isxdigit((unsigned char)s[i]))
			return 0;
	}
	return s[i] == '\0';
}

/*
 * Split a key "keyname-SERVICE_UUID-SECRET_UUID" into k.  The name may
 * itself hold '-', so the two UUIDs are taken from the end.  Returns
 * NULL, or what is wrong (never quoting the key).
 */
static const char *
key_split(const char *s, struct notify_key *k)
{
	size_t	 n = strlen(s), name, i;

	if (n < 2 * NOTIFY_UUID_LEN + 3)
		return "not a Notify API key: expected "
		    "keyname-SERVICE_ID-SECRET_KEY (two UUIDs after a name)";
	name = n - 2 * NOTIFY_UUID_LEN - 2;
	if (name > NOTIFY_NAME_MAX)
		return "the Notify API key's name is too long";
	if (s[name] != '-' || s[name + NOTIFY_UUID_LEN + 1] != '-')
		return "not a Notify API key: expected "
		    "keyname-SERVICE_ID-SECRET_KEY (two UUIDs after a name)";
	for (i = 0; i < name; i++)
		if (s[i] <= ' ' || s[i] > '~')
			return "the Notify API key's name holds a space or "
			    "a character that is not plain ASCII";
	memcpy(k->name, s, name);
	k->name[name] = '\0';
	memcpy(k->service, s + name + 1, NOTIFY_UUID_LEN);
	k->service[NOTIFY_UUID_LEN] = '\0';
	memcpy(k->secret, s + name + NOTIFY_UUID_LEN + 2, NOTIFY_UUID_LEN);
	k->secret[NOTIFY_UUID_LEN] = '\0';
	if (!notify_uuid_ok(k->service))
		return "the service id in the Notify API key is not a UUID";
	if (!notify_uuid_ok(k->secret))
		return "the secret in the Notify API key is not a UUID";
	return NULL;
}

/*
 * Read a Notify API key from the file at path: one line, a final
 * newline allowed, and nobody but its owner may read the file.
 * Returns 0 with k filled, or -1 with k zeroed and "file:line: what is
 * wrong" in err.  The secret is never written into err.
 */
int
notify_key_read(const char *path, struct notify_key *k, char *err,
    size_t errlen)
{
	struct stat	 st;
	char		 line[KEY_MAX + 4];
	const char	*why;
	ssize_t		 got;
	size_t		 n;
	int		 fd, rc = -1;

	memset(k, 0, sizeof(*k));
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1) {
		snprintf(err, errlen, "%s:0: cannot open Notify API key file: "
		    "%s", path, strerror(errno));
		return -1;
	}
	got = -1;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode))
		snprintf(err, errlen, "%s:0: Notify API key file is not a "
		    "regular file", path);
	else if ((st.st_mode & 077) != 0)
		snprintf(err, errlen, "%s:0: Notify API key file can be read "
		    "by others (mode %04o); run: chmod 600 %s", path,
		    (unsigned)(st.st_mode & 07777), path);
	else if ((got = read(fd, line, sizeof(line) - 1)) == -1)
		snprintf(err, errlen, "%s:0: cannot read Notify API key file: "
		    "%s", path, strerror(errno));
	close(fd);
	if (got < 0)
		goto out;
	n = (size_t)got;
	line[n] = '\0';
	if (n > 0 && line[n - 1] == '\n')
		line[--n] = '\0';
	if (n > 0 && line[n - 1] == '\r')
		line[--n] = '\0';
	if (n == 0)
		snprintf(err, errlen, "%s:1: Notify API key file is empty", path);
	else if (n > KEY_MAX)
		snprintf(err, errlen, "%s:1: Notify API key is too long", path);
	else if (strlen(line) != n || strpbrk(line, "\r\n") != NULL)
		snprintf(err, errlen, "%s:2: Notify API key file must hold "
		    "the key alone on one line", path);
	else if ((why = key_split(line, k)) != NULL)
		snprintf(err, errlen, "%s:1: %s", path, why);
	else
		rc = 0;
out:
	explicit_bzero(line, sizeof(line));
	if (rc == -1)
		notify_key_clear(k);
	return rc;
}

/* Forget a key: zero all of it, the secret above all. */
void
notify_key_clear(struct notify_key *k)
{
	explicit_bzero(k, sizeof(*k));
}

/* Append p[0..n) to out in base64url without padding (RFC 7515). */
static void
b64url(struct buf *out, const void *p, size_t n)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_";
	const unsigned char *s = p;
	unsigned long	 v;
	size_t		 i, left;

	for (i = 0; i < n; i += 3) {
		left = n - i;
		v = (unsigned long)s[i] << 16;
		if (left > 1)
			v |= (unsigned long)s[i + 1] << 8;
		if (left > 2)
			v |= s[i + 2];
		buf_putc(out, a[v >> 18 & 63]);
		buf_putc(out, a[v >> 12 & 63]);
		if (left > 1)
			buf_putc(out, a[v >> 6 & 63]);
		if (left > 2)
			buf_putc(out, a[v & 63]);
	}
}

/*
 * The JWT Notify wants: header {"alg":"HS256","typ":"JWT"}, claims
 * {"iss":SERVICE_ID,"iat":iat}, signed with HMAC-SHA256 under the
 * secret UUID's text.  Writes it NUL-terminated into out[0..outlen).
 * Returns 0, or -1 if out is too small or the key is not a key.
 */
int
notify_jwt(const struct notify_key *k, int64_t iat, char *out,
    size_t outlen)
{
	static const char header[] = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
	char		 claims[128];
	unsigned char	 mac[32];
	struct buf	 b = { NULL, 0, 0 };
	int		 n, rc = -1;

	if (!notify_uuid_ok(k->service) || !notify_uuid_ok(k->secret))
		return -1;
	n = snprintf(claims, sizeof(claims), "{\"iss\":\"%s\",\"iat\":%lld}",
	    k->service, (long long)iat);
	if (n < 0 || (size_t)n >= sizeof(claims))
		return -1;
	b64url(&b, header, sizeof(header) - 1);
	buf_putc(&b, '.');
	b64url(&b, claims, (size_t)n);
	cr_hmac_sha256(k->secret, NOTIFY_UUID_LEN, b.data, b.len, mac);
	buf_putc(&b, '.');
	b64url(&b, mac, sizeof(mac));
	if (b.len < outlen) {
		memcpy(out, b.data, b.len + 1);
		rc = 0;
	}
	explicit_bzero(b.data, b.len);
	buf_free(&b);
	return rc;
}

/* Set obj[name] to the string value: -1 if either is not UTF-8. */
static int
set_str(json_t *obj, const char *name, const char *value)
{
	if (name == NULL || value == NULL)
		return -1;
	if (json_object_get(obj, name) != NULL)
		return -1;	/* a name given twice is a caller's mistake */
	return json_object_set_new(obj, name, json_string(value));
}

/*
 * A request body in out: the recipient field (unless rname is NULL),
 * template_id, personalisation (address lines first, then p's fields)
 * and reference (when not NULL).  Returns 0, or -1 with out empty for
 * text that is not UTF-8, a field named twice, a template id that is
 * not a UUID, or no memory.
 */
static int
body(const char *rname, const char *rvalue, const char *const *lines,
    size_t nlines, const char *tid, const struct notify_pers *p,
    const char *ref, struct buf *out)
{
	json_t	*root, *pers;
	char	*s = NULL, name[] = "address_line_N";
	size_t	 i;
	int	 rc = -1;

	buf_reset(out);
	if (tid == NULL || !notify_uuid_ok(tid))
		return -1;
	root = json_object();
	pers = json_object();
	if (root == NULL || pers == NULL)
		goto out;
	if (rname != NULL && set_str(root, rname, rvalue) == -1)
		goto out;
	if (set_str(root, "template_id", tid) == -1)
		goto out;
	for (i = 0; i < nlines; i++) {
		name[sizeof(name) - 2] = (char)('1' + i);	/* i < 7 */
		if (set_str(pers, name, lines[i]) == -1)
			goto out;
	}
	for (i = 0; p != NULL && i < p->n; i++)
		if (set_str(pers, p->fields[i].name, p->fields[i].value) == -1)
			goto out;
	if (json_object_set(root, "personalisation", pers) == -1)
		goto out;
	if (ref != NULL && set_str(root, "reference", ref) == -1)
		goto out;
	if ((s = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER)) == NULL)
		goto out;
	buf_puts(out, s);
	rc = 0;
out:
	free(s);
	json_decref(pers);
	json_decref(root);
	return rc;
}

/* The body of POST /v2/notifications/email; see body(). */
int
notify_body_email(const char *to, const char *tid,
    const struct notify_pers *p, const char *ref, struct buf *out)
{
	return body("email_address", to, NULL, 0, tid, p, ref, out);
}

/* The body of POST /v2/notifications/sms; see body(). */
int
notify_body_sms(const char *phone, const char *tid,
    const struct notify_pers *p, const char *ref, struct buf *out)
{
	return body("phone_number", phone, NULL, 0, tid, p, ref, out);
}

/*
 * The body of POST /v2/notifications/letter: lines[0..n) become
 * address_line_1..n in the personalisation, as Notify requires (1 to 7
 * lines here; Notify itself wants 3 to 7, the last a postcode).
 * Returns 0 or -1 as body() does, and -1 for a count out of range.
 */
int
notify_body_letter(const char *const *lines, size_t n, const char *tid,
    const struct notify_pers *p, const char *ref, struct buf *out)
{
	buf_reset(out);
	if (lines == NULL || n < 1 || n > NOTIFY_LINES_MAX)
		return -1;
	return body(NULL, NULL, lines, n, tid, p, ref, out);
}

/* Parse s as a JSON object; NULL if it is not one.  The caller decrefs. */
static json_t *
load_object(const char *s)
{
	json_error_t	 e;
	json_t		*j;

	if (s == NULL || (j = json_loads(s, JSON_REJECT_DUPLICATES, &e)) == NULL)
		return NULL;
	if (!json_is_object(j)) {
		json_decref(j);
		return NULL;
	}
	return j;
}

/*
 * Append s to the string in dst[0..len), cutting it at a character
 * boundary if it does not fit, so the result stays valid UTF-8.
 */
static void
append_utf8(char *dst, size_t len, const char *s)
{
	size_t	 have = strlen(dst), n = strlen(s);

	if (have + 1 >= len)
		return;
	if (n > len - 1 - have) {
		n = len - 1 - have;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(dst + have, s, n);
	dst[have + n] = '\0';
}

/* The notification id of a 201 answer in id.  Returns 0 or -1. */
int
notify_parse_created(const char *json, char id[NOTIFY_UUID_LEN + 1])
{
	json_t		*o = load_object(json);
	const char	*s;
	int		 rc = -1;

	id[0] = '\0';
	s = o == NULL ? NULL : json_string_value(json_object_get(o, "id"));
	if (s != NULL && notify_uuid_ok(s)) {
		memcpy(id, s, NOTIFY_UUID_LEN + 1);
		rc = 0;
	}
	json_decref(o);
	return rc;
}

/*
 * Read Notify's error answer {"status_code":N,"errors":[{"error":KIND,
 * "message":TEXT}, ...]}: the first KIND into kind (when not NULL; only
 * if it is a plain word), every TEXT joined by "; " into msg (cut to
 * fit).  A bare {"message":TEXT} is read too.  Returns 0, or -1 with
 * msg empty if there was no message.
 */
int
notify_parse_error(const char *json, char *kind, size_t kindlen, char *msg,
    size_t msglen)
{
	json_t		*o = load_object(json), *errs, *e;
	const char	*s, *k;
	size_t		 i;

	if (kind != NULL && kindlen > 0)
		kind[0] = '\0';
	msg[0] = '\0';
	errs = o == NULL ? NULL : json_object_get(o, "errors");
	json_array_foreach(errs, i, e) {
		k = json_string_value(json_object_get(e, "error"));
		if (kind != NULL && kind[0] == '\0' && k != NULL &&
		    strlen(k) < kindlen && strspn(k, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789") == strlen(k))
			memcpy(kind, k, strlen(k) + 1);
		if ((s = json_string_value(json_object_get(e, "message"))) ==
		    NULL)
			continue;
		if (msg[0] != '\0')
			append_utf8(msg, msglen, "; ");
		append_utf8(msg, msglen, s);
	}
	if (msg[0] == '\0' && o != NULL &&
	    (s = json_string_value(json_object_get(o, "message"))) != NULL)
		append_utf8(msg, msglen, s);
	json_decref(o);
	return msg[0] == '\0' ? -1 : 0;
}

/*
 * The status word of GET /v2/notifications/{id}'s answer ("delivered",
 * "permanent-failure", ...) in status.  Returns 0, or -1 if there is
 * none or it is not a plain lower-case word.
 */
int
notify_parse_status(const char *json, char status[NOTIFY_STATUS_MAX + 1])
{
	json_t		*o = load_object(json);
	const char	*s;
	int		 rc = -1;

	status[0] = '\0';
	s = o == NULL ? NULL : json_string_value(json_object_get(o, "status"));
	if (s != NULL && *s != '\0' && strlen(s) <= NOTIFY_STATUS_MAX &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz-") == strlen(s)) {
		memcpy(status, s, strlen(s) + 1);
		rc = 0;
	}
	json_decref(o);
	return rc;
}

/*
 * Start libcurl once per process (curl_global_init).  The process that
 * sends (the sender, `heardctl send`, the test probe) calls it at
 * start, before any thread exists, and notify_end() before it exits;
 * notify_send() and notify_status() call it too if nobody has.
 * Returns 0 or -1.
 */
int
notify_init(void)
{
	if (curl_ready)
		return 0;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return -1;
	curl_ready = 1;
	return 0;
}

/* Undo notify_init(): libcurl's global memory is freed. */
void
notify_end(void)
{
	if (curl_ready)
		curl_global_cleanup();
	curl_ready = 0;
}

/* libcurl's write callback: keep up to RESPONSE_MAX bytes of an answer. */
static size_t
collect(char *p, size_t size, size_t n, void *arg)
{
	struct buf	*b = arg;
	size_t		 len = size * n;

	if (b->len < RESPONSE_MAX)
		buf_add(b, p, len < RESPONSE_MAX - b->len ? len :
		    RESPONSE_MAX - b->len);
	return len;
}

/*
 * One request to url with a fresh JWT made at now: a POST of body, or
 * a GET when body is NULL.  TLS is always verified, redirects are not
 * followed.  Fills r->http (0 with no answer, and r->message says why)
 * and resp with the answer's body.
 */
static void
request(const char *url, const struct notify_key *k, const struct buf *body,
    int64_t now, struct notify_result *r, struct buf *resp)
{
	CURL			*c = NULL;
	struct curl_slist	*h = NULL, *t;
	char			 auth[NOTIFY_JWT_MAX + 32], jwt[NOTIFY_JWT_MAX];
	const char		*hdr[] = { auth, "Content-Type: application/json",
	    "Accept: application/json", "Expect:" };
	CURLcode		 cc = CURLE_OUT_OF_MEMORY;
	size_t			 i;

	r->http = 0;
	auth[0] = jwt[0] = '\0';
	if (notify_init() == -1) {
		snprintf(r->message, sizeof(r->message), "libcurl would not start");
		return;
	}
	if (notify_jwt(k, now, jwt, sizeof(jwt)) == -1) {
		snprintf(r->message, sizeof(r->message), "no JWT: bad API key");
		return;
	}
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", jwt);
	for (i = 0; i < sizeof(hdr) / sizeof(hdr[0]); i++) {
		if ((t = curl_slist_append(h, hdr[i])) == NULL)
			goto out;
		h = t;
	}
	if ((c = curl_easy_init()) == NULL)
		goto out;
	if ((cc = curl_easy_setopt(c, CURLOPT_URL, url)) != CURLE_OK ||
	    (cc = curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https")) !=
	    CURLE_OK)
		goto out;
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_USERAGENT, USER_AGENT);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, resp);
	if (body != NULL) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, buf_str(body));
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)body->len);
	} else
		curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	if ((cc = curl_easy_perform(c)) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->http);
out:
	if (cc != CURLE_OK)
		snprintf(r->message, sizeof(r->message), "no answer from "
		    "GOV.UK Notify: %s", curl_easy_strerror(cc));
	curl_easy_cleanup(c);
	curl_slist_free_all(h);
	explicit_bzero(auth, sizeof(auth));
	explicit_bzero(jwt, sizeof(jwt));
}

/*
 * Classify r->http (429 and 5xx and no answer: retry; 2xx: done; any
 * other: never retry) and, unless done, keep Notify's error kind and
 * message from resp and log one line: what, the status, the kind.
 */
static void
judge(const char *what, struct notify_result *r, const struct buf *resp)
{
	if (r->http >= 200 && r->http < 300) {
		r->outcome = NOTIFY_OK;
		return;
	}
	r->outcome = r->http == 0 || r->http == 429 || r->http >= 500 ?
	    NOTIFY_RETRY : NOTIFY_FAIL;
	if (r->http != 0 && notify_parse_error(buf_str(resp), r->kind,
	    sizeof(r->kind), r->message, sizeof(r->message)) == -1)
		snprintf(r->message, sizeof(r->message), "GOV.UK Notify "
		    "answered HTTP %ld", r->http);
	log_line("notify: %s: HTTP %ld %s (%s)", what, r->http,
	    r->http == 0 ? "no answer" : r->kind[0] != '\0' ? r->kind :
	    "no error kind", r->outcome == NOTIFY_RETRY ? "will retry" :
	    "will not retry");
}

/* base without its trailing slashes, then path, in url. */
static void
make_url(struct buf *url, const char *base, const char *path)
{
	size_t	 n = strlen(base);

	while (n > 0 && base[n - 1] == '/')
		n--;
	buf_add(url, base, n);
	buf_puts(url, path);
}

/*
 * POST body (from notify_body_*) to {base}/v2/notifications/{kind}
 * with a JWT made at now.  On 201 r holds the notification id (empty
 * if Notify's answer held none: it still took the message, so it is
 * NOTIFY_OK and must not be sent again).  Otherwise r holds the
 * outcome, the status and Notify's message.  Nothing to free.
 */
void
notify_send(const char *base, const struct notify_key *k,
    enum notify_kind kind, const struct buf *body, int64_t now,
    struct notify_result *r)
{
	static const char *const path[] = { "/v2/notifications/email",
	    "/v2/notifications/sms", "/v2/notifications/letter" };
	static const char *const what[] = { "send email", "send sms",
	    "send letter" };
	struct buf	 url = { NULL, 0, 0 }, resp = { NULL, 0, 0 };
	const struct buf none = { NULL, 0, 0 };

	assert(kind >= NOTIFY_EMAIL && kind <= NOTIFY_LETTER);
	memset(r, 0, sizeof(*r));
	make_url(&url, base, path[kind]);
	request(buf_str(&url), k, body != NULL ? body : &none, now, r, &resp);
	judge(what[kind], r, &resp);
	if (r->outcome == NOTIFY_OK &&
	    notify_parse_created(buf_str(&resp), r->id) == -1)
		snprintf(r->message, sizeof(r->message), "GOV.UK Notify took "
		    "the message but its answer held no notification id");
	buf_free(&url);
	buf_free(&resp);
}

/*
 * GET {base}/v2/notifications/{id} with a JWT made at now.  On 200 r
 * holds Notify's status word ("delivered", "sending", ...); an answer
 * without one is NOTIFY_RETRY.  An id that is not a UUID is
 * NOTIFY_FAIL without a request.  Nothing to free.
 */
void
notify_status(const char *base, const struct notify_key *k, const char *id,
    int64_t now, struct notify_result *r)
{
	struct buf	 url = { NULL, 0, 0 }, resp = { NULL, 0, 0 };

	memset(r, 0, sizeof(*r));
	if (id == NULL || !notify_uuid_ok(id)) {
		r->outcome = NOTIFY_FAIL;
		snprintf(r->message, sizeof(r->message), "not a notification "
		    "id");
		return;
	}
	memcpy(r->id, id, NOTIFY_UUID_LEN + 1);
	make_url(&url, base, "/v2/notifications/");
	buf_puts(&url, id);
	request(buf_str(&url), k, NULL, now, r, &resp);
	judge("get status", r, &resp);
	if (r->outcome == NOTIFY_OK &&
	    notify_parse_status(buf_str(&resp), r->status) == -1) {
		r->outcome = NOTIFY_RETRY;
		snprintf(r->message, sizeof(r->message), "GOV.UK Notify's "
		    "answer held no status");
	}
	buf_free(&url);
	buf_free(&resp);
}
