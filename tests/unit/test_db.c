/*
 * Unit tests for db.c and consult.c against a real SQLite file:
 * migrations, refusing a newer database, and a consultation's life
 * (issue, open by token and code, draft, send once, tamper, rotate).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "check.h"
#include "consult.h"
#include "db.h"

/* A fresh temporary database path (file not created). */
static void
tmpdb(char *path, size_t n)
{
	snprintf(path, n, "/tmp/heard-unit-db-%d-%d.db", (int)getpid(),
	    rand());
}

/* Remove a database and its WAL files. */
static void
rmdb(const char *path)
{
	char	 p[512];

	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
}

/* Run one SQL statement on a side connection. */
static int
side_exec(const char *path, const char *sql)
{
	sqlite3	*s;
	int	 rc;

	if (sqlite3_open(path, &s) != SQLITE_OK)
		return -1;
	sqlite3_busy_timeout(s, 2000);
	rc = sqlite3_exec(s, sql, NULL, NULL, NULL);
	sqlite3_close(s);
	return rc == SQLITE_OK ? 0 : -1;
}

void
test_db_migrate(void)
{
	char	 path[256], err[512];

	tmpdb(path, sizeof(path));
	CHECK(db_open(path, 0, err, sizeof(err)) == -1);	/* no create */
	CHECK(db_open(path, 1, err, sizeof(err)) == 0);
	CHECK(db_version() >= 1);
	CHECK(db_ping() == 0);
	db_close();
	/* Opening again applies nothing and keeps the data. */
	CHECK(db_open(path, 0, err, sizeof(err)) == 0);
	CHECK(db_meta_set("probe", "1") == DB_OK);
	db_close();
	CHECK(side_exec(path, "PRAGMA user_version = 999") == 0);
	CHECK(db_open(path, 0, err, sizeof(err)) == -1);
	CHECK(strstr(err, "version 999") != NULL);
	CHECK(strncmp(err, path, strlen(path)) == 0);
	rmdb(path);
}

void
test_db_consult(void)
{
	char		 path[256], kpath[300], err[512], raw[CR_CODE_RAW + 1];
	char		 cookie[CR_TOKEN_LEN + 1], csrf[CR_TOKEN_LEN + 1];
	struct consult_secret sec, sec2;
	struct db_consult c;
	struct kvlist	 ans = { 0 }, back = { 0 };
	int64_t		 child, review, cid, cid2;
	uint32_t	 ver;
	int64_t		 count;
	unsigned char	 h[CR_HASH_LEN];

	tmpdb(path, sizeof(path));
	snprintf(kpath, sizeof(kpath), "%s.key", path);
	CHECK(cr_keyfile_create(kpath, err, sizeof(err)) == 0);
	CHECK(cr_init(kpath, err, sizeof(err)) == 0);
	CHECK(db_open(path, 1, err, sizeof(err)) == 0);

	CHECK(db_child_get_or_add("REF-1", 0, &child) == DB_OK);
	CHECK(db_review_add(child, "cic", "2030-01-10", 0, &review) == DB_OK);
	CHECK(db_review_add(child, "cic", "2030-01-10", 0, &cid) == DB_EXISTS);
	CHECK(consult_issue(review, "child", "online", NULL, "2029-12-01",
	    &cid, &sec) == DB_OK);
	CHECK(consult_issue(review, "parent", "post", "Mum", "2029-12-01",
	    &cid2, &sec2) == DB_OK);

	/* The token and code open it; a wrong one does not. */
	CHECK(consult_open(0, sec.token, "t", &c, cookie) == CS_LIVE);
	CHECK(c.id == cid);
	CHECK_STR(c.audience, "child");
	CHECK_STR(c.expires_on, "2030-01-24");
	CHECK(cr_code_read(sec2.code, raw) == CR_CODE_OK);
	CHECK(consult_open(1, raw, "t", &c, cookie) == CS_LIVE && c.id == cid2);
	CHECK(consult_open(0, sec2.token, "t", &c, cookie) == CS_LIVE);
	CHECK(consult_open(1, sec2.token, "t", &c, cookie) == CS_UNKNOWN);
	CHECK(consult_visit(cookie, &c) == CS_LIVE && c.id == cid2);
	CHECK(consult_visit("x", &c) == CS_UNKNOWN);
	cr_csrf(cookie, csrf);
	CHECK(cr_csrf_ok(cookie, csrf));
	csrf[0] = csrf[0] == 'A' ? 'B' : 'A';
	CHECK(!cr_csrf_ok(cookie, csrf));

	/* Only hashes are stored: the token is nowhere in the database. */
	cr_hash(CR_LINK, sec.token, CR_TOKEN_LEN, h);
	CHECK(db_consult_by_link(0, h, &c) == DB_OK);

	/* Drafts and answers round-trip, sealed. */
	kv_add(&ans, "good", 4, "Football \xe2\x9a\xbd", 12, KV_OK);
	CHECK(consult_save_draft(cid, &ans) == DB_OK);
	CHECK(consult_load(0, cid, &back) == DB_OK);
	CHECK(back.n == 1 && strcmp(back.v[0].val, "Football \xe2\x9a\xbd")
	    == 0);
	kv_free(&back);
	CHECK(consult_submit(cid, &ans, "online", "2029-12-02") == DB_OK);
	CHECK(consult_submit(cid, &ans, "online", "2029-12-02") == DB_EXISTS);
	CHECK(consult_load(0, cid, &back) == DB_NOTFOUND);	/* draft gone */
	CHECK(consult_open(0, sec.token, "t", &c, cookie) == CS_DONE);

	/* Reissue: the old link is gone, the new one works, one row. */
	CHECK(consult_reissue(0, cid2, &sec) == DB_OK);
	CHECK(consult_open(0, sec2.token, "t", &c, cookie) == CS_GONE);
	CHECK(consult_open(0, sec.token, "t", &c, cookie) == CS_LIVE);
	CHECK(c.id == cid2);

	/* Rotation re-seals; answers still read. */
	CHECK(consult_rotate_key(&ver, &count) == DB_OK);
	CHECK(ver == 1 && count == 1);
	CHECK(consult_load(1, cid, &back) == DB_OK && back.n == 1);
	kv_free(&back);

	/* Swapped or tampered boxes are refused, not shown as garbage. */
	db_close();
	{
		char sql[256];
		snprintf(sql, sizeof(sql), "INSERT INTO response SELECT %lld,"
		    " key_version, box, submitted_at, channel FROM response "
		    "WHERE consultation_id = %lld", (long long)cid2,
		    (long long)cid);
		CHECK(side_exec(path, sql) == 0);
		/* Byte 31 changed, whatever it was (a fixed value would
		 * leave one box in 256 untouched). */
		CHECK(side_exec(path, "UPDATE response SET box = "
		    "CAST(substr(box, 1, 30) || CASE WHEN substr(box, 31, 1) = "
		    "x'00' THEN x'01' ELSE x'00' END || substr(box, 32) AS "
		    "BLOB) WHERE consultation_id = 1") == 0);
	}
	CHECK(db_open(path, 0, err, sizeof(err)) == 0);
	CHECK(consult_load(1, cid2, &back) == DB_ERR);
	CHECK(consult_load(1, cid, &back) == DB_ERR);
	CHECK(back.n == 0);
	db_close();
	kv_free(&ans);
	rmdb(path);
	unlink(kpath);
}

/*
 * A fresh database and key file holding one child's review, for a test
 * of consultations: fills path and kpath, returns the review's id.
 * teardown() removes them.
 */
static int64_t
setup(char path[256], char kpath[300], const char *ref)
{
	char	 err[512];
	int64_t	 child = 0, review = 0;

	tmpdb(path, 256);
	snprintf(kpath, 300, "%s.key", path);
	CHECK(cr_keyfile_create(kpath, err, sizeof(err)) == 0);
	CHECK(cr_init(kpath, err, sizeof(err)) == 0);
	CHECK(db_open(path, 1, err, sizeof(err)) == 0);
	CHECK(db_child_get_or_add(ref, 0, &child) == DB_OK);
	CHECK(db_review_add(child, "cic", "2030-01-10", 0, &review) == DB_OK);
	return review;
}

/* Close the database and remove what setup() made. */
static void
teardown(const char *path, const char *kpath)
{
	db_close();
	rmdb(path);
	unlink(kpath);
}

/*
 * Several people's answers in one transaction: one that had come back
 * already, or that fails, leaves the others stored.
 */
void
test_db_batch(void)
{
	char		 path[256], kpath[300], err[512];
	struct consult_secret sec;
	struct consult_send s[4];
	struct kvlist	 ans = { 0 }, back = { 0 };
	int64_t		 review, cid[4];
	size_t		 i;

	review = setup(path, kpath, "REF-2");
	for (i = 0; i < 3; i++)
		CHECK(consult_issue(review, "parent", "online", NULL,
		    "2029-12-01", &cid[i], &sec) == DB_OK);
	kv_add(&ans, "good", 4, "first", 5, KV_OK);
	CHECK(consult_submit(cid[0], &ans, "online", "2029-12-02") == DB_OK);

	memset(s, 0, sizeof(s));
	s[0].cid = cid[1];	/* new */
	s[1].cid = cid[0];	/* came back already */
	s[2].cid = 999999;	/* no such consultation */
	s[3].cid = cid[2];	/* new, after the failure */
	for (i = 0; i < 4; i++) {
		s[i].pt = "good=batch";
		s[i].ptlen = 10;
		s[i].channel = "online";
		s[i].date = "2029-12-03";
	}
	consult_submit_all(s, 4);
	CHECK(s[0].rc == DB_OK && s[1].rc == DB_EXISTS);
	CHECK(s[2].rc == DB_ERR && s[3].rc == DB_OK);
	CHECK(consult_load(1, cid[0], &back) == DB_OK);
	CHECK(back.n == 1 && strcmp(back.v[0].val, "first") == 0);
	kv_free(&back);
	for (i = 1; i < 3; i++) {
		CHECK(consult_load(1, cid[i], &back) == DB_OK);
		CHECK(back.n == 1 && strcmp(back.v[0].val, "batch") == 0);
		kv_free(&back);
	}

	/*
	 * A commit that fails (here a deferred constraint every response
	 * breaks, found only at COMMIT) stores nothing, and a repeat met
	 * inside the batch is no proof the first copy was kept: the same
	 * person twice in one batch both hear DB_ERR.
	 */
	db_close();
	CHECK(side_exec(path, "CREATE TABLE fault (x INTEGER REFERENCES "
	    "consultation(id) DEFERRABLE INITIALLY DEFERRED); CREATE TRIGGER "
	    "fault AFTER INSERT ON response BEGIN INSERT INTO fault VALUES "
	    "(-1); END;") == 0);
	CHECK(db_open(path, 0, err, sizeof(err)) == 0);
	CHECK(consult_issue(review, "parent", "online", NULL, "2029-12-01",
	    &cid[3], &sec) == DB_OK);
	s[0].cid = s[1].cid = cid[3];
	consult_submit_all(s, 2);
	CHECK(s[0].rc == DB_ERR && s[1].rc == DB_ERR);
	CHECK(consult_load(1, cid[3], &back) == DB_NOTFOUND);
	kv_free(&ans);
	teardown(path, kpath);
}

/*
 * Work the database does to turn a guess away, in VM steps; checks the
 * guess was turned away.  A fresh address each time, so every guess
 * starts from no earlier failures, and each sorting after the last, so
 * every count of them ends its index walk in the same place (the walk
 * depends on the address, which a guesser knows anyway, never on the
 * guess).
 */
static uint64_t
guess_cost(int code, const char *guess)
{
	static int		 addr;
	struct db_consult	 c;
	char			 remote[32], cookie[CR_TOKEN_LEN + 1];
	uint64_t		 s0 = db_steps();

	snprintf(remote, sizeof(remote), "guesser-%05d", ++addr);
	CHECK(consult_open(code, guess, remote, &c, cookie) == CS_UNKNOWN);
	return db_steps() - s0;
}

/*
 * Guessing: a wrong link or code costs the same database work however
 * close it is to a real one (one character off at the start, middle or
 * end) as a random one, because the lookup is by keyed hash of the
 * whole.  Counted in SQLite's VM steps, not timed, so the test cannot
 * fail on a slow or busy machine; the real link is the control that
 * shows the count sees a difference when there is one.
 */
void
test_db_guessing(void)
{
	char		 path[256], kpath[300];
	char		 g[CR_TOKEN_LEN + 1], raw[CR_CODE_RAW + 1], code[CR_CODE_LEN + 1];
	char		 cookie[CR_TOKEN_LEN + 1];
	struct consult_secret sec, real = { 0 };
	struct db_consult c;
	int64_t		 review, cid;
	uint64_t	 link_cost, code_cost, live;
	static const int at[] = { 0, 1, 21, 41, 42 };
	size_t		 i;

	review = setup(path, kpath, "REF-3");
	/* Enough links for the index to have several levels. */
	for (i = 0; i < 400; i++) {
		CHECK(consult_issue(review, "parent", "online", NULL,
		    "2029-12-01", &cid, &sec) == DB_OK);
		if (i == 200)
			real = sec;
	}

	/*
	 * Links: random, then one character off the real one.  The first
	 * guess meets an empty table of failures, so it is not the measure.
	 */
	cr_token_new(g);
	guess_cost(0, g);
	cr_token_new(g);
	link_cost = guess_cost(0, g);
	CHECK(link_cost > 0);
	for (i = 0; i < 20; i++) {
		cr_token_new(g);
		CHECK(guess_cost(0, g) == link_cost);
	}
	for (i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		memcpy(g, real.token, sizeof(g));
		g[at[i]] = g[at[i]] == 'A' ? 'B' : 'A';
		CHECK(guess_cost(0, g) == link_cost);
	}

	/* Codes: random valid ones, then one data character off the real. */
	cr_code_new(code);
	CHECK(cr_code_read(code, raw) == CR_CODE_OK);
	code_cost = guess_cost(1, raw);
	for (i = 0; i < 20; i++) {
		cr_code_new(code);
		CHECK(cr_code_read(code, raw) == CR_CODE_OK);
		CHECK(guess_cost(1, raw) == code_cost);
	}
	for (i = 0; i < CR_CODE_RAW - 1; i += 5) {
		CHECK(cr_code_read(real.code, raw) == CR_CODE_OK);
		raw[i] = raw[i] == 'A' ? 'B' : 'A';
		raw[CR_CODE_RAW - 1] = cr_code_check(raw, CR_CODE_RAW - 1);
		CHECK(guess_cost(1, raw) == code_cost);
	}

	/* The control: the real link does more, so the count can tell. */
	live = db_steps();
	CHECK(consult_open(0, real.token, "guesser-99999", &c, cookie) ==
	    CS_LIVE);
	CHECK(db_steps() - live > link_cost);
	printf("guessing: every wrong link costs %llu database steps, every "
	    "wrong code %llu, near or far\n", (unsigned long long)link_cost,
	    (unsigned long long)code_cost);
	teardown(path, kpath);
}

/*
 * Opening a link deletes expired visits: its cost follows the expired
 * ones, not the live ones (an index on expiry), so a table of many live
 * visits does not slow every open.  Counted in SQLite VM steps.
 */
void
test_db_visit_purge(void)
{
	char		 path[256], kpath[300], cookie[CR_TOKEN_LEN + 1];
	unsigned char	 h[DB_HASH_LEN];
	struct consult_secret sec;
	struct db_consult c;
	int64_t		 review, cid, link;
	uint64_t	 before, cost;
	int		 i;

	review = setup(path, kpath, "REF-V");
	CHECK(consult_issue(review, "parent", "online", NULL, "2029-12-01",
	    &cid, &sec) == DB_OK);
	CHECK(consult_open(0, sec.token, "opener", &c, cookie) == CS_LIVE);
	link = c.link_id;
	CHECK(db_begin() == DB_OK);
	for (i = 0; i < 20000; i++) {
		memset(h, 0, sizeof(h));
		memcpy(h, &i, sizeof(i));
		CHECK(db_visit_add(link, h, (int64_t)time(NULL) + 3600) ==
		    DB_OK);
	}
	CHECK(db_commit() == DB_OK);
	before = db_steps();
	CHECK(consult_open(0, sec.token, "opener", &c, cookie) == CS_LIVE);
	cost = db_steps() - before;
	CHECK(cost < 2000);
	printf("visit purge: opening a link with 20,000 live visits costs %llu "
	    "database steps\n", (unsigned long long)cost);
	teardown(path, kpath);
}
