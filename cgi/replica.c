/*
 * replica: read Litestream's metrics (GET http://ADDR/metrics, the
 * Prometheus text format) for one database: the shadow WAL (what
 * Litestream has copied from the database) and the replica's position
 * (what has reached the replica).  Floor 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "buf.h"
#include "replica.h"

#define METRICS_MAX	(1024 * 1024)

/*
 * The value of the first line of text whose metric name is exactly name
 * (labels allowed), into *v.  Returns 0, or -1 if there is none.
 */
static int
metric(const char *text, const char *name, double *v)
{
	const char	*p = text, *q;
	size_t		 n = strlen(name);
	char		*end;

	while (p != NULL && *p != '\0') {
		if (strncmp(p, name, n) == 0 && (p[n] == '{' || p[n] == ' ')) {
			q = p + n;
			if (*q == '{' && (q = strchr(q, '}')) != NULL)
				q++;
			if (q != NULL && *q == ' ') {
				*v = strtod(q + 1, &end);
				if (end != q + 1)
					return 0;
			}
		}
		if ((p = strchr(p, '\n')) != NULL)
			p++;
	}
	return -1;
}

/*
 * Fill s from Litestream's metrics text (one database, one replica).
 * Returns 0, or -1 if a position is missing (no replica yet).
 */
int
replica_parse(const char *text, struct replica_seen *s)
{
	if (metric(text, "litestream_shadow_wal_index", &s->shadow.index) ||
	    metric(text, "litestream_shadow_wal_size", &s->shadow.offset) ||
	    metric(text, "litestream_replica_wal_index",
	    &s->replica.index) ||
	    metric(text, "litestream_replica_wal_offset",
	    &s->replica.offset))
		return -1;
	return 0;
}

/* 1 if position a is at or past position b, else 0. */
int
replica_reached(const struct replica_pos *a, const struct replica_pos *b)
{
	return a->index > b->index ||
	    (a->index == b->index && a->offset >= b->offset);
}

/* libcurl's write callback: keep up to METRICS_MAX bytes. */
static size_t
collect(char *p, size_t size, size_t n, void *arg)
{
	struct buf	*b = arg;
	size_t		 len = size * n;

	if (b->len + len > METRICS_MAX)
		return 0;
	buf_add(b, p, len);
	return len;
}

/*
 * Read Litestream's metrics at addr (host:port, plain HTTP on the same
 * machine) into s.  Returns 0, or -1 with why in err.
 */
int
replica_fetch(const char *addr, struct replica_seen *s, char *err,
    size_t errlen)
{
	static int	 ready;
	CURL		*c;
	CURLcode	 cc;
	struct buf	 b = { 0 };
	char		 url[512];
	long		 code = 0;
	int		 rc = -1;

	if (!ready) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			snprintf(err, errlen, "libcurl would not start");
			return -1;
		}
		ready = 1;
	}
	snprintf(url, sizeof(url), "http://%s/metrics", addr);
	if ((c = curl_easy_init()) == NULL) {
		snprintf(err, errlen, "libcurl would not start");
		return -1;
	}
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http");
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 3L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 5L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	if ((cc = curl_easy_perform(c)) != CURLE_OK)
		snprintf(err, errlen, "Litestream does not answer at %s: %s",
		    addr, curl_easy_strerror(cc));
	else if (curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code),
	    code != 200)
		snprintf(err, errlen, "Litestream's metrics at %s answered "
		    "%ld", addr, code);
	else if (replica_parse(buf_str(&b), s) == -1)
		snprintf(err, errlen, "Litestream at %s has no replica "
		    "position yet", addr);
	else
		rc = 0;
	curl_easy_cleanup(c);
	buf_free(&b);
	return rc;
}
