/*
 * The send's own ceiling: Heard's consult_submit() (encode, seal, one
 * durable transaction of response, consultation, rate_day and draft) in
 * one process with no HTTP, for the consultation ids on stdin, for up to
 * SECONDS.  Prints sends per second.  Set beside the single-row commit
 * yardstick, it shows how much of the sending figure is the shape of the
 * transaction and how much is serving it.
 * usage: send DB KEYFILE SECONDS < IDS
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "http.h"
#include "db.h"
#include "crypto.h"
#include "consult.h"

/* Seconds on the monotonic clock. */
static double
now(void)
{
	struct timespec	 t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int
main(int argc, char *argv[])
{
	static const char *const ans[][2] = { { "how", "4" },
	    { "listened", "yes" }, { "better", "More time" } };
	struct kvlist	 l = { 0 };
	char		 err[1024], today[11];
	time_t		 t = time(NULL);
	long long	 id;
	double		 t0, limit, secs = 0;
	long		 n = 0;
	size_t		 i;

	if (argc != 4)
		return 2;
	limit = atof(argv[3]);
	if (cr_init(argv[2], err, sizeof(err)) == -1 ||
	    db_open(argv[1], 0, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	for (i = 0; i < sizeof(ans) / sizeof(ans[0]); i++)
		kv_add(&l, ans[i][0], strlen(ans[i][0]), ans[i][1],
		    strlen(ans[i][1]), KV_OK);
	strftime(today, sizeof(today), "%Y-%m-%d", gmtime(&t));
	t0 = now();
	while (secs < limit && scanf("%lld", &id) == 1) {
		if (consult_submit(id, &l, "online", today) != DB_OK) {
			fprintf(stderr, "send: consultation %lld failed\n", id);
			return 1;
		}
		n++;
		secs = now() - t0;
	}
	printf("%.0f\n", secs > 0 ? (double)n / secs : 0);
	kv_free(&l);
	db_close();
	return 0;
}
