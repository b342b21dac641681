/*
 * The disk's yardstick: how many durable single-row commits SQLite makes
 * per second on this disk (WAL, synchronous=FULL, as Heard writes).
 * usage: commit FILE SECONDS
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <sqlite3.h>

int
main(int argc, char *argv[])
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	struct timespec	 a, b;
	double		 secs, limit;
	long		 n = 0;

	if (argc != 3)
		return 2;
	limit = atof(argv[2]);
	remove(argv[1]);
	if (sqlite3_open(argv[1], &db) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
	    "CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB)", 0, 0, 0) ||
	    sqlite3_prepare_v2(db, "INSERT INTO t (v) VALUES (randomblob(300))",
	    -1, &st, NULL))
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &a);
	do {
		sqlite3_exec(db, "BEGIN IMMEDIATE", 0, 0, 0);
		sqlite3_step(st);
		sqlite3_reset(st);
		sqlite3_exec(db, "COMMIT", 0, 0, 0);
		n++;
		clock_gettime(CLOCK_MONOTONIC, &b);
		secs = (double)(b.tv_sec - a.tv_sec) +
		    (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	} while (secs < limit);
	printf("%.0f\n", (double)n / secs);
	sqlite3_close(db);
	return 0;
}
