-- Version 3: failed attempts indexed by time.  Every failed link, code
-- or sign-in first deletes attempts older than a day; without this index
-- that delete read the whole table, so each wrong guess cost more than
-- the one before, and a guesser with many addresses could make every
-- guess slower (found by the guessing test, tests/unit/test_db.c).
CREATE INDEX attempt_at ON attempt(at);
