/*
 * Unit tests for replica.c: Litestream's metrics text is read for the
 * shadow WAL and the replica's position (labels or none, HELP and TYPE
 * lines skipped, a name that only starts the same not taken), and a
 * position is compared WAL index first.
 */
#include <string.h>

#include "check.h"
#include "replica.h"

static const char metrics[] =
    "# HELP litestream_replica_wal_index The current WAL index\n"
    "# TYPE litestream_replica_wal_index gauge\n"
    "litestream_replica_wal_bytes{db=\"/d/heard.db\",name=\"sftp\"} 99\n"
    "litestream_replica_wal_index{db=\"/d/heard.db\",name=\"sftp\"} 2\n"
    "litestream_replica_wal_offset{db=\"/d/heard.db\",name=\"sftp\"} 24752\n"
    "litestream_shadow_wal_index{db=\"/d/heard.db\"} 3\n"
    "litestream_shadow_wal_size{db=\"/d/heard.db\"} 4152\n"
    "litestream_shadow_wal_size_total 7\n";

void
test_replica_metrics(void)
{
	struct replica_seen	 s;
	struct replica_pos	 a = { 1, 500 }, b = { 1, 400 }, c = { 2, 0 };

	memset(&s, 0, sizeof(s));
	CHECK(replica_parse(metrics, &s) == 0);
	CHECK(s.replica.index == 2 && s.replica.offset == 24752);
	CHECK(s.shadow.index == 3 && s.shadow.offset == 4152);
	/* The replica at 2:24752 has not reached the shadow's 3:4152. */
	CHECK(!replica_reached(&s.replica, &s.shadow));
	CHECK(replica_reached(&s.shadow, &s.replica));
	CHECK(replica_reached(&a, &b) && !replica_reached(&b, &a));
	CHECK(replica_reached(&c, &a) && replica_reached(&a, &a));
	/* No replica yet: no position. */
	CHECK(replica_parse("litestream_shadow_wal_index 0\n"
	    "litestream_shadow_wal_size 10\n", &s) == -1);
	CHECK(replica_parse("", &s) == -1);
}
