/*
 * Benchmark fixtures that need Heard's keys: N consultations already
 * opened in a browser (visit cookie, CSRF token and the link's token per
 * line, for the form page, sending and link-opening benchmarks), and a
 * signed-in manager's session.
 * Written with its own SQLite connection in one transaction, because
 * issuing 20,000 links one durable commit at a time would take minutes.
 * usage: prep DB KEYFILE N VISITS_OUT SESSION_OUT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "crypto.h"

int
main(int argc, char *argv[])
{
	sqlite3		*db;
	sqlite3_stmt	*c, *l, *v, *s;
	char		 err[512], tok[CR_TOKEN_LEN + 1], cookie[CR_TOKEN_LEN + 1];
	char		 code[CR_CODE_LEN + 1], raw[CR_CODE_RAW + 1], csrf[CR_TOKEN_LEN + 1];
	unsigned char	 th[CR_HASH_LEN], ch[CR_HASH_LEN], vh[CR_HASH_LEN];
	FILE		*out;
	long		 n, i;
	long long	 now = (long long)time(NULL);

	if (argc != 6)
		return 2;
	if (cr_init(argv[2], err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	n = atol(argv[3]);
	if (sqlite3_open(argv[1], &db) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA synchronous=OFF; BEGIN;"
	    "INSERT INTO child (ref, created_at) VALUES ('BENCH', 0);"
	    "INSERT INTO review (child_id, type, review_date, created_at) "
	    "VALUES (last_insert_rowid(), 'cic', date('now', '+30 days'), 0);",
	    0, 0, 0) ||
	    sqlite3_prepare_v2(db, "INSERT INTO consultation (review_id, "
	    "audience, channel, issued_at, sent_on) SELECT max(id), "
	    "'feedback_attendee', 'online', 0, date('now') FROM review", -1,
	    &c, NULL) ||
	    sqlite3_prepare_v2(db, "INSERT INTO link (consultation_id, "
	    "token_hash, code_hash, created_at) VALUES (last_insert_rowid(), "
	    "?, ?, 0)", -1, &l, NULL) ||
	    sqlite3_prepare_v2(db, "INSERT INTO visit (link_id, cookie_hash, "
	    "expires_at) VALUES (last_insert_rowid(), ?, ?)", -1, &v, NULL)) {
		fprintf(stderr, "prep: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	if ((out = fopen(argv[4], "w")) == NULL)
		return 1;
	for (i = 0; i < n; i++) {
		cr_token_new(tok);
		cr_code_new(code);
		cr_code_read(code, raw);
		cr_token_new(cookie);
		cr_hash(CR_LINK, tok, CR_TOKEN_LEN, th);
		cr_hash(CR_CODE, raw, CR_CODE_RAW, ch);
		cr_hash(CR_VISIT, cookie, CR_TOKEN_LEN, vh);
		cr_csrf(cookie, csrf);
		sqlite3_step(c);
		sqlite3_reset(c);
		sqlite3_bind_blob(l, 1, th, CR_HASH_LEN, SQLITE_STATIC);
		sqlite3_bind_blob(l, 2, ch, CR_HASH_LEN, SQLITE_STATIC);
		sqlite3_step(l);
		sqlite3_reset(l);
		sqlite3_bind_blob(v, 1, vh, CR_HASH_LEN, SQLITE_STATIC);
		sqlite3_bind_int64(v, 2, now + 24 * 3600);
		if (sqlite3_step(v) != SQLITE_DONE) {
			fprintf(stderr, "prep: %s\n", sqlite3_errmsg(db));
			return 1;
		}
		sqlite3_reset(v);
		fprintf(out, "%s %s %s\n", cookie, csrf, tok);
	}
	fclose(out);
	/* A manager's session, for the report page. */
	cr_token_new(cookie);
	cr_hash(CR_SESSION, cookie, CR_TOKEN_LEN, vh);
	if (sqlite3_exec(db, "INSERT INTO staff (username, pw_hash, role, "
	    "created_at) VALUES ('benchboss', '!', 'manager', 0)", 0, 0, 0) ||
	    sqlite3_prepare_v2(db, "INSERT INTO session (staff_id, token_hash, "
	    "created_at, seen_at) VALUES (last_insert_rowid(), ?, ?, ?)", -1,
	    &s, NULL))
		return 1;
	sqlite3_bind_blob(s, 1, vh, CR_HASH_LEN, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, now);
	sqlite3_bind_int64(s, 3, now);
	sqlite3_step(s);
	sqlite3_finalize(s);
	sqlite3_finalize(c);
	sqlite3_finalize(l);
	sqlite3_finalize(v);
	if (sqlite3_exec(db, "COMMIT", 0, 0, 0) != SQLITE_OK)
		return 1;
	sqlite3_close(db);
	if ((out = fopen(argv[5], "w")) == NULL)
		return 1;
	fprintf(out, "%s\n", cookie);
	fclose(out);
	return 0;
}
