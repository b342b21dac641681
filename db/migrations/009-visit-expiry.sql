-- Version 9 (numbered after 005 to 008, which other changes of this
-- round hold): visits indexed by expiry.  Opening a link first deletes
-- expired visits; without this index that delete read the whole visit
-- table, inside a write, on every open (36-40 opens a second with
-- 300,000 visits).  Every message Heard sends is a link opened, often in
-- bursts (email scanners open them too).  Found by the bench; the test
-- is tests/unit/test_db.c (db_visit_purge).
CREATE INDEX visit_expires ON visit(expires_at);
