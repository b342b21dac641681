/*
 * Unit tests for notify.c: API key files, the JWT against a token made
 * independently, request bodies (escaping), reading Notify's answers,
 * and the transport's answer when nobody is listening.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "check.h"
#include "notify.h"

#define SERVICE	"26785a09-ab16-4eb0-8407-a37497a57506"
#define SECRET	"3d844edf-8d35-48ac-975b-e847b4f122b0"
#define TEMPLATE "f33517ff-2a88-4f6e-b855-c550268ce08a"

/*
 * Write text to a new temporary file with the given mode, read it as
 * a key.  Returns notify_key_read's result; err gets its message.
 */
static int
key_from(const char *text, mode_t mode, struct notify_key *k, char *err,
    size_t errlen)
{
	char	 path[] = "/tmp/heard-unit-notifyXXXXXX";
	int	 fd, rc;

	fd = mkstemp(path);
	CHECK(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
	chmod(path, mode);
	rc = notify_key_read(path, k, err, errlen);
	if (rc == -1) {
		CHECK(strncmp(err, path, strlen(path)) == 0);
		CHECK(strstr(err, SECRET) == NULL);
	}
	unlink(path);
	return rc;
}

void
test_notify_key(void)
{
	struct notify_key	 k;
	char			 err[512];

	CHECK(key_from("my-test-key-" SERVICE "-" SECRET "\n", 0600, &k, err,
	    sizeof(err)) == 0);
	CHECK_STR(k.name, "my-test-key");
	CHECK_STR(k.service, SERVICE);
	CHECK_STR(k.secret, SECRET);
	CHECK(key_from("live-" SERVICE "-" SECRET "\r\n", 0400, &k, err,
	    sizeof(err)) == 0);
	CHECK_STR(k.name, "live");
	CHECK(key_from("live-" SERVICE "-" SECRET, 0600, &k, err,
	    sizeof(err)) == 0);
	notify_key_clear(&k);
	CHECK(k.secret[0] == '\0' && k.service[0] == '\0');

	/* Readable by others: refused, whatever the key. */
	CHECK(key_from("live-" SERVICE "-" SECRET "\n", 0644, &k, err,
	    sizeof(err)) == -1);
	CHECK(strstr(err, "can be read by others") != NULL);
	CHECK(k.secret[0] == '\0');
	CHECK(key_from("live-" SERVICE "-" SECRET "\n", 0640, &k, err,
	    sizeof(err)) == -1);

	/* Wrong shapes. */
	CHECK(key_from("", 0600, &k, err, sizeof(err)) == -1);
	CHECK(strstr(err, ":1: Notify API key file is empty") != NULL);
	CHECK(key_from(SERVICE "-" SECRET "\n", 0600, &k, err,
	    sizeof(err)) == -1);
	CHECK(strstr(err, ":1: not a Notify API key") != NULL);
	CHECK(key_from(SECRET "\n", 0600, &k, err, sizeof(err)) == -1);
	CHECK(key_from("live-" SERVICE "_" SECRET "\n", 0600, &k, err,
	    sizeof(err)) == -1);
	CHECK(key_from("live-26785a09-ab16-4eb0-8407-a37497a5750g-" SECRET,
	    0600, &k, err, sizeof(err)) == -1);
	CHECK(strstr(err, "service id in the Notify API key is not a UUID") !=
	    NULL);
	CHECK(key_from("live-" SERVICE "-3d844edf-8d35-48ac-975b-e847b4f122b",
	    0600, &k, err, sizeof(err)) == -1);
	CHECK(key_from("live-" SERVICE "-3d844edf+8d35-48ac-975b-e847b4f122b0",
	    0600, &k, err, sizeof(err)) == -1);
	CHECK(strstr(err, "secret in the Notify API key is not a UUID") !=
	    NULL);
	CHECK(key_from("my key-" SERVICE "-" SECRET, 0600, &k, err,
	    sizeof(err)) == -1);
	CHECK(strstr(err, "holds a space") != NULL);
	CHECK(key_from("live-" SERVICE "-" SECRET "\nmore\n", 0600, &k, err,
	    sizeof(err)) == -1);
	CHECK(strstr(err, ":2: ") != NULL);
	CHECK(key_from(" live-" SERVICE "-" SECRET "\n", 0600, &k, err,
	    sizeof(err)) == -1);
	CHECK(notify_key_read("/nonexistent/notify.key", &k, err,
	    sizeof(err)) == -1);
	CHECK(strstr(err, "cannot open") != NULL);

	CHECK(notify_uuid_ok(SERVICE));
	CHECK(notify_uuid_ok("26785A09-AB16-4EB0-8407-A37497A57506"));
	CHECK(!notify_uuid_ok("26785a09-ab16-4eb0-8407-a37497a575061"));
	CHECK(!notify_uuid_ok("26785a09ab16-4eb0-8407-a37497a57506-"));
	CHECK(!notify_uuid_ok(""));
}

/* Decode base64url without padding; returns the length or -1. */
static int
unb64url(const char *s, size_t n, unsigned char *out)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_";
	unsigned long	 v = 0;
	int		 bits = 0, len = 0;
	const char	*p;

	for (; n > 0; n--, s++) {
		if (*s == '\0' || (p = strchr(a, *s)) == NULL)
			return -1;
		v = v << 6 | (unsigned long)(p - a);
		if ((bits += 6) >= 8) {
			bits -= 8;
			out[len++] = (unsigned char)(v >> bits);
		}
	}
	return len;
}

void
test_notify_jwt(void)
{
	struct notify_key	 k;
	char			 jwt[NOTIFY_JWT_MAX], *dot1, *dot2;
	unsigned char		 part[128];
	json_t			*j;
	int			 n;

	memset(&k, 0, sizeof(k));
	strcpy(k.service, SERVICE);
	strcpy(k.secret, SECRET);
	CHECK(notify_jwt(&k, 1568818578, jwt, sizeof(jwt)) == 0);
	/*
	 * Made independently with Debian's python3-jwt 2.6.0, once:
	 *   python3 -c 'import jwt; print(jwt.encode({"iss": SERVICE,
	 *       "iat": 1568818578}, SECRET, algorithm="HS256"))'
	 * (SERVICE and SECRET as above: the example key of Notify's docs).
	 */
	CHECK_STR(jwt, "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
	    ".eyJpc3MiOiIyNjc4NWEwOS1hYjE2LTRlYjAtODQwNy1hMzc0OTdhNTc1MDYi"
	    "LCJpYXQiOjE1Njg4MTg1Nzh9"
	    ".YlLRluAeKD8aULjyZVgSwNwmUxolUmcv5g2k84o7ZTU");

	/* Decoded, the header and claims say what Notify reads. */
	dot1 = strchr(jwt, '.');
	dot2 = dot1 == NULL ? NULL : strchr(dot1 + 1, '.');
	CHECK(dot1 != NULL && dot2 != NULL);
	if (dot1 == NULL || dot2 == NULL)
		return;
	n = unb64url(jwt, (size_t)(dot1 - jwt), part);
	CHECK(n > 0);
	part[n > 0 ? n : 0] = '\0';
	CHECK_STR((char *)part, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
	n = unb64url(dot1 + 1, (size_t)(dot2 - dot1 - 1), part);
	CHECK(n > 0);
	j = json_loadb((char *)part, n > 0 ? (size_t)n : 0, 0, NULL);
	CHECK(j != NULL);
	CHECK_STR(json_string_value(json_object_get(j, "iss")), SERVICE);
	CHECK(json_integer_value(json_object_get(j, "iat")) == 1568818578);
	CHECK(json_object_size(j) == 2);
	json_decref(j);
	CHECK(unb64url(dot2 + 1, strlen(dot2 + 1), part) == 32);

	/* Made again by python3-jwt for iat 1768818571. */
	CHECK(notify_jwt(&k, 1768818571, jwt, sizeof(jwt)) == 0);
	CHECK_STR(strrchr(jwt, '.'),
	    ".s4UHW4vZVf93NHAqXvppSqI0eLhWZ0BwEZUBZYbqhbk");

	/* Another secret signs differently; a short buffer is refused. */
	k.secret[0] = '4';
	CHECK(notify_jwt(&k, 1568818578, jwt, sizeof(jwt)) == 0);
	CHECK(strcmp(strrchr(jwt, '.'),
	    ".YlLRluAeKD8aULjyZVgSwNwmUxolUmcv5g2k84o7ZTU") != 0);
	CHECK(notify_jwt(&k, 1568818578, jwt, 100) == -1);
	k.service[0] = '"';
	CHECK(notify_jwt(&k, 1568818578, jwt, sizeof(jwt)) == -1);
}

void
test_notify_bodies(void)
{
	static const struct notify_field f[] = {
		{ "name", "Sam \"Sammy\" O'Neil" },
		{ "form", "Your review\nline two\ttab \\ back" },
		{ "child", "Zoë 🌟 ☂" },
		{ "link", "https://heard.example/c/abc</script>" },
	};
	struct notify_pers	 p = { f, 4 }, dup;
	struct notify_field	 twice[2] = { { "a", "1" }, { "a", "2" } };
	const char		*lines[8] = { "Flat 2", "1 High Street",
	    "Leeds", "LS1 1AA", "5", "6", "7", "8" };
	struct buf		 b = { NULL, 0, 0 };
	json_t			*j, *pj;

	CHECK(notify_body_email("sam@example.org", TEMPLATE, NULL, NULL,
	    &b) == 0);
	CHECK_STR(buf_str(&b), "{\"email_address\":\"sam@example.org\","
	    "\"template_id\":\"" TEMPLATE "\",\"personalisation\":{}}");

	CHECK(notify_body_email("sam@example.org", TEMPLATE, &p, "c-42",
	    &b) == 0);
	CHECK(strstr(b.data, "\"name\":\"Sam \\\"Sammy\\\" O'Neil\"") != NULL);
	CHECK(strstr(b.data, "line two\\ttab \\\\ back") != NULL);
	CHECK(strstr(b.data, "\\n") != NULL && strchr(b.data, '\n') == NULL);
	CHECK(strstr(b.data, "Zoë 🌟 ☂") != NULL);	/* UTF-8 as is */
	j = json_loads(b.data, 0, NULL);
	CHECK(j != NULL);
	CHECK_STR(json_string_value(json_object_get(j, "email_address")),
	    "sam@example.org");
	CHECK_STR(json_string_value(json_object_get(j, "reference")), "c-42");
	pj = json_object_get(j, "personalisation");
	CHECK(json_object_size(pj) == 4);
	CHECK_STR(json_string_value(json_object_get(pj, "name")), f[0].value);
	CHECK_STR(json_string_value(json_object_get(pj, "form")), f[1].value);
	CHECK_STR(json_string_value(json_object_get(pj, "child")), f[2].value);
	CHECK_STR(json_string_value(json_object_get(pj, "link")), f[3].value);
	json_decref(j);

	CHECK(notify_body_sms("07700 900123", TEMPLATE, &p, NULL, &b) == 0);
	CHECK(strncmp(b.data, "{\"phone_number\":\"07700 900123\",", 31) == 0);
	CHECK(strstr(b.data, "reference") == NULL);

	CHECK(notify_body_letter(lines, 4, TEMPLATE, &p, "c-7", &b) == 0);
	j = json_loads(b.data, 0, NULL);
	pj = json_object_get(j, "personalisation");
	CHECK(json_object_get(j, "template_id") != NULL);
	CHECK(json_object_size(j) == 3);
	CHECK(json_object_size(pj) == 8);
	CHECK_STR(json_string_value(json_object_get(pj, "address_line_1")),
	    "Flat 2");
	CHECK_STR(json_string_value(json_object_get(pj, "address_line_4")),
	    "LS1 1AA");
	CHECK(json_object_get(pj, "address_line_5") == NULL);
	json_decref(j);
	CHECK(notify_body_letter(lines, 7, TEMPLATE, NULL, NULL, &b) == 0);
	CHECK(strstr(b.data, "\"address_line_7\":\"7\"}") != NULL);

	/* Refused, leaving nothing behind. */
	CHECK(notify_body_letter(lines, 8, TEMPLATE, NULL, NULL, &b) == -1);
	CHECK(b.len == 0);
	CHECK(notify_body_letter(lines, 0, TEMPLATE, NULL, NULL, &b) == -1);
	CHECK(notify_body_email("a@b.c", "not-a-uuid", NULL, NULL, &b) == -1);
	CHECK(notify_body_email("a@b.c", TEMPLATE, NULL, "bad \xff utf-8",
	    &b) == -1);
	CHECK(notify_body_email("\xc3(@b.c", TEMPLATE, NULL, NULL, &b) == -1);
	CHECK(notify_body_sms(NULL, TEMPLATE, NULL, NULL, &b) == -1);
	dup.fields = twice;
	dup.n = 2;
	CHECK(notify_body_email("a@b.c", TEMPLATE, &dup, NULL, &b) == -1);
	twice[0].name = "address_line_1";
	dup.n = 1;
	CHECK(notify_body_letter(lines, 3, TEMPLATE, &dup, NULL, &b) == -1);
	CHECK(b.len == 0);
	buf_free(&b);
}

void
test_notify_parse(void)
{
	char	 id[NOTIFY_UUID_LEN + 1], kind[NOTIFY_KIND_MAX + 1];
	char	 msg[NOTIFY_MSG_MAX + 1], small[12];
	char	 status[NOTIFY_STATUS_MAX + 1];

	/* A 201 for an email, shaped as Notify's documentation shows. */
	CHECK(notify_parse_created("{\"id\":\"740e5834-3a29-46b4-9a6f-"
	    "16142fde36a1\",\"reference\":\"c-42\",\"content\":{\"subject\":"
	    "\"Your views\",\"body\":\"Dear Sam\\n...\",\"from_email\":"
	    "\"heard@notifications.service.gov.uk\"},\"uri\":\"https://api."
	    "notifications.service.gov.uk/v2/notifications/740e5834-3a29-"
	    "46b4-9a6f-16142fde36a1\",\"template\":{\"id\":\"" TEMPLATE
	    "\",\"version\":1,\"uri\":\"https://api.notifications.service."
	    "gov.uk/v2/template/" TEMPLATE "\"},\"scheduled_for\":null}",
	    id) == 0);
	CHECK_STR(id, "740e5834-3a29-46b4-9a6f-16142fde36a1");
	CHECK(notify_parse_created("{\"id\":\"../../etc\"}", id) == -1);
	CHECK(id[0] == '\0');
	CHECK(notify_parse_created("{\"id\":42}", id) == -1);
	CHECK(notify_parse_created("[\"id\"]", id) == -1);
	CHECK(notify_parse_created("<html>502 Bad Gateway</html>", id) == -1);
	CHECK(notify_parse_created("", id) == -1);

	/* Each kind of error Notify documents. */
	CHECK(notify_parse_error("{\"status_code\":400,\"errors\":[{\"error\":"
	    "\"ValidationError\",\"message\":\"email_address Not a valid email "
	    "address\"},{\"error\":\"ValidationError\",\"message\":\"template_id"
	    " is not a valid UUID\"}]}", kind, sizeof(kind), msg,
	    sizeof(msg)) == 0);
	CHECK_STR(kind, "ValidationError");
	CHECK_STR(msg, "email_address Not a valid email address; template_id "
	    "is not a valid UUID");
	CHECK(notify_parse_error("{\"status_code\":400,\"errors\":[{\"error\":"
	    "\"BadRequestError\",\"message\":\"Can't send to this recipient "
	    "using a team-only API key\"}]}", kind, sizeof(kind), msg,
	    sizeof(msg)) == 0);
	CHECK_STR(kind, "BadRequestError");
	CHECK_STR(msg, "Can't send to this recipient using a team-only API key");
	CHECK(notify_parse_error("{\"status_code\":403,\"errors\":[{\"error\":"
	    "\"AuthError\",\"message\":\"Invalid token: signature, api token "
	    "not found\"}]}", kind, sizeof(kind), msg, sizeof(msg)) == 0);
	CHECK_STR(kind, "AuthError");
	CHECK_STR(msg, "Invalid token: signature, api token not found");
	CHECK(notify_parse_error("{\"status_code\":429,\"errors\":[{\"error\":"
	    "\"RateLimitError\",\"message\":\"Exceeded rate limit for key type "
	    "LIVE of 3000 requests per 60 seconds\"}]}", kind, sizeof(kind),
	    msg, sizeof(msg)) == 0);
	CHECK_STR(kind, "RateLimitError");
	CHECK(notify_parse_error("{\"status_code\":429,\"errors\":[{\"error\":"
	    "\"TooManyRequestsError\",\"message\":\"Exceeded send limits "
	    "(250000) for today\"}]}", kind, sizeof(kind), msg,
	    sizeof(msg)) == 0);
	CHECK_STR(kind, "TooManyRequestsError");
	CHECK_STR(msg, "Exceeded send limits (250000) for today");
	CHECK(notify_parse_error("{\"status_code\":500,\"errors\":[{\"error\":"
	    "\"Exception\",\"message\":\"Internal server error\"}]}", NULL, 0,
	    msg, sizeof(msg)) == 0);
	CHECK_STR(msg, "Internal server error");
	CHECK(notify_parse_error("{\"status_code\":404,\"errors\":[{\"error\":"
	    "\"NoResultFound\",\"message\":\"No result found\"}]}", kind,
	    sizeof(kind), msg, sizeof(msg)) == 0);
	CHECK_STR(kind, "NoResultFound");
	/* The older shape, and answers with no message at all. */
	CHECK(notify_parse_error("{\"result\":\"error\",\"message\":\"The "
	    "requested URL was not found on the server.\"}", kind,
	    sizeof(kind), msg, sizeof(msg)) == 0);
	CHECK(kind[0] == '\0');
	CHECK_STR(msg, "The requested URL was not found on the server.");
	CHECK(notify_parse_error("<html>Bad Gateway</html>", kind,
	    sizeof(kind), msg, sizeof(msg)) == -1);
	CHECK(msg[0] == '\0');
	CHECK(notify_parse_error("{\"errors\":[{\"error\":\"Bad kind!\"}]}",
	    kind, sizeof(kind), msg, sizeof(msg)) == -1);
	CHECK(kind[0] == '\0');
	/* Cut to fit, never inside a character. */
	CHECK(notify_parse_error("{\"errors\":[{\"error\":\"X\",\"message\":"
	    "\"ëëëëëë\"}]}", NULL, 0, small, sizeof(small)) == 0);
	CHECK_STR(small, "ëëëëë");
	CHECK(notify_parse_error("{\"errors\":[{\"error\":\"X\",\"message\":"
	    "\"abcdefghijë\"}]}", NULL, 0, small, sizeof(small)) == 0);
	CHECK_STR(small, "abcdefghij");

	/* Statuses of each channel. */
	CHECK(notify_parse_status("{\"id\":\"740e5834-3a29-46b4-9a6f-"
	    "16142fde36a1\",\"reference\":null,\"email_address\":\"sam@"
	    "example.org\",\"type\":\"email\",\"status\":\"delivered\","
	    "\"template\":{\"version\":1},\"body\":\"...\",\"created_at\":"
	    "\"2026-01-05T09:00:00.000000Z\",\"completed_at\":null}",
	    status) == 0);
	CHECK_STR(status, "delivered");
	CHECK(notify_parse_status("{\"type\":\"sms\",\"status\":"
	    "\"permanent-failure\"}", status) == 0);
	CHECK_STR(status, "permanent-failure");
	CHECK(notify_parse_status("{\"type\":\"letter\",\"status\":"
	    "\"accepted\"}", status) == 0);
	CHECK_STR(status, "accepted");
	CHECK(notify_parse_status("{\"status\":\"pending-virus-check\"}",
	    status) == 0);
	CHECK(notify_parse_status("{\"status\":\"Delivered<b>\"}", status) ==
	    -1);
	CHECK(status[0] == '\0');
	CHECK(notify_parse_status("{\"status\":\"\"}", status) == -1);
	CHECK(notify_parse_status("{\"status\":null}", status) == -1);
	CHECK(notify_parse_status("not json", status) == -1);
}

void
test_notify_transport(void)
{
	struct notify_key	 k;
	struct notify_result	 r;
	struct buf		 b = { NULL, 0, 0 };

	memset(&k, 0, sizeof(k));
	strcpy(k.service, SERVICE);
	strcpy(k.secret, SECRET);
	CHECK(notify_init() == 0);
	/* Nobody listens on port 1: no answer, so try again later. */
	CHECK(notify_body_email("a@example.org", TEMPLATE, NULL, NULL,
	    &b) == 0);
	notify_send("http://127.0.0.1:1/", &k, NOTIFY_EMAIL, &b, 1568818578,
	    &r);
	CHECK(r.http == 0);
	CHECK(r.outcome == NOTIFY_RETRY);
	CHECK(strstr(r.message, "no answer from GOV.UK Notify") != NULL);
	CHECK(r.id[0] == '\0');
	/* A status for something that is not an id asks nobody. */
	notify_status("http://127.0.0.1:1", &k, "../admin", 1568818578, &r);
	CHECK(r.outcome == NOTIFY_FAIL);
	CHECK(r.http == 0);
	/* A URL libcurl will not fetch is a transport failure too. */
	notify_send("file:///etc", &k, NOTIFY_SMS, &b, 1568818578, &r);
	CHECK(r.outcome == NOTIFY_RETRY);
	buf_free(&b);
	notify_end();
}
