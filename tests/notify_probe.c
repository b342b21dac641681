/*
 * notify-probe: drives notify.c once against a Notify (the tests' double)
 * and prints what came back, one "name value" line each, for
 * tests/e2e/test_notify_client.py.
 *
 *   notify-probe [--skew S] BASE_URL KEYFILE email TO TEMPLATE [--ref R] [NAME=VALUE ...]
 *   notify-probe [--skew S] BASE_URL KEYFILE sms PHONE TEMPLATE [...]
 *   notify-probe [--skew S] BASE_URL KEYFILE letter 'L1|L2|...' TEMPLATE [...]
 *   notify-probe [--skew S] BASE_URL KEYFILE status ID
 *
 * --skew adds S seconds to the clock the JWT is made with.  Exits 0
 * when a request was made (whatever its outcome), 1 if the body could
 * not be built, 2 for a usage or key file mistake.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "notify.h"

#define FIELDS_MAX	32

/* Print how to call us and exit 2. */
static void __attribute__((noreturn))
usage(void)
{
	fputs("usage: notify-probe [--skew S] BASE_URL KEYFILE "
	    "email|sms|letter TO TEMPLATE [--ref R] [NAME=VALUE ...]\n"
	    "       notify-probe [--skew S] BASE_URL KEYFILE status ID\n",
	    stderr);
	exit(2);
}

/* Print a result, one line a field. */
static void
show(const struct notify_result *r)
{
	static const char *const outcome[] = { "ok", "retry", "fail" };

	printf("http %ld\noutcome %s\nid %s\nstatus %s\nkind %s\nmessage %s\n",
	    r->http, outcome[r->outcome], r->id, r->status, r->kind,
	    r->message);
}

/*
 * Build one message's body from the command line and send it.
 * Returns the exit status.
 */
static int
send_one(const char *base, const struct notify_key *k, int64_t now,
    int argc, char *argv[])
{
	struct notify_field	 f[FIELDS_MAX];
	struct notify_pers	 p = { f, 0 };
	struct notify_result	 r;
	struct buf		 body = { NULL, 0, 0 };
	const char		*ref = NULL, *lines[NOTIFY_LINES_MAX + 1];
	char			*eq, *s;
	enum notify_kind	 kind;
	size_t			 n = 0;
	int			 i, rc;

	if (argc < 3)
		usage();
	for (i = 3; i < argc; i++) {
		if (strcmp(argv[i], "--ref") == 0 && i + 1 < argc)
			ref = argv[++i];
		else if ((eq = strchr(argv[i], '=')) != NULL &&
		    p.n < FIELDS_MAX) {
			*eq = '\0';
			f[p.n].name = argv[i];
			f[p.n++].value = eq + 1;
		} else
			usage();
	}
	if (strcmp(argv[0], "email") == 0) {
		kind = NOTIFY_EMAIL;
		rc = notify_body_email(argv[1], argv[2], &p, ref, &body);
	} else if (strcmp(argv[0], "sms") == 0) {
		kind = NOTIFY_SMS;
		rc = notify_body_sms(argv[1], argv[2], &p, ref, &body);
	} else if (strcmp(argv[0], "letter") == 0) {
		kind = NOTIFY_LETTER;
		for (s = argv[1]; n <= NOTIFY_LINES_MAX; s = NULL)
			if ((lines[n] = strtok(s, "|")) == NULL)
				break;
			else
				n++;
		rc = notify_body_letter(lines, n, argv[2], &p, ref, &body);
	} else
		usage();
	if (rc == -1) {
		fputs("notify-probe: could not build the body\n", stderr);
		return 1;
	}
	printf("body %s\n", buf_str(&body));
	notify_send(base, k, kind, &body, now, &r);
	show(&r);
	buf_free(&body);
	return 0;
}

int
main(int argc, char *argv[])
{
	struct notify_key	 k;
	struct notify_result	 r;
	char			 err[512];
	int64_t			 now = (int64_t)time(NULL);
	int			 rc = 0;

	if (argc > 2 && strcmp(argv[1], "--skew") == 0) {
		now += strtoll(argv[2], NULL, 10);
		argc -= 2;
		argv += 2;
	}
	if (argc < 5)
		usage();
	if (notify_key_read(argv[2], &k, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\n", err);
		return 2;
	}
	if (notify_init() == -1) {
		fputs("notify-probe: libcurl would not start\n", stderr);
		return 2;
	}
	if (strcmp(argv[3], "status") == 0) {
		notify_status(argv[1], &k, argv[4], now, &r);
		show(&r);
	} else
		rc = send_one(argv[1], &k, now, argc - 3, argv + 3);
	notify_key_clear(&k);
	notify_end();
	return rc;
}
