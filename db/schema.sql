-- Heard's database, version 1.  Later changes are numbered files in
-- db/migrations/ (002-*.sql, ...), applied in order at start-up and
-- tracked with PRAGMA user_version.  Both are compiled into the program.
--
-- What is stored and why (UK GDPR: hold the least that serves):
--   * a child is a case reference; a first name is optional and sealed
--   * link tokens, paper codes, visit cookies and sessions are stored
--     only as keyed BLAKE2b hashes
--   * answers and drafts are sealed with XChaCha20-Poly1305
-- Times are Unix seconds (UTC); calendar dates are 'YYYY-MM-DD' text.

CREATE TABLE meta (
	key		TEXT PRIMARY KEY,
	value		TEXT NOT NULL
) STRICT;

CREATE TABLE staff (
	id		INTEGER PRIMARY KEY,
	username	TEXT NOT NULL UNIQUE,
	pw_hash		TEXT NOT NULL,
	role		TEXT NOT NULL CHECK (role IN ('admin', 'iro', 'manager')),
	created_at	INTEGER NOT NULL,
	disabled_at	INTEGER
) STRICT;

CREATE TABLE child (
	id		INTEGER PRIMARY KEY,
	ref		TEXT NOT NULL UNIQUE,
	first_name	BLOB,		-- sealed, table 'n'
	key_version	INTEGER NOT NULL DEFAULT 0,
	dob		TEXT,
	age_band	TEXT,
	iro_id		INTEGER REFERENCES staff(id),
	created_at	INTEGER NOT NULL
) STRICT;

CREATE TABLE review (
	id		INTEGER PRIMARY KEY,
	child_id	INTEGER NOT NULL REFERENCES child(id),
	type		TEXT NOT NULL CHECK (type IN ('cic', 'pathway')),
	review_date	TEXT NOT NULL,
	status		TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN
			    ('scheduled', 'held', 'rearranged', 'stood_down',
			    'cancelled')),
	participation	TEXT CHECK (participation IN ('PN0', 'PN1', 'PN2',
			    'PN3', 'PN4', 'PN5', 'PN6', 'PN7')),
	iro_id		INTEGER REFERENCES staff(id),
	created_at	INTEGER NOT NULL,
	UNIQUE (child_id, review_date, type)
) STRICT;
CREATE INDEX review_date_idx ON review(review_date);

-- One row per person asked.  Reissuing a link adds a row to link, not
-- here, so a revoked-and-reissued consultation is counted once.
CREATE TABLE consultation (
	id		INTEGER PRIMARY KEY,
	review_id	INTEGER NOT NULL REFERENCES review(id),
	audience	TEXT NOT NULL CHECK (audience IN ('child',
			    'young_person', 'care_leaver', 'parent', 'carer',
			    'health', 'education', 'professional',
			    'feedback_young_person', 'feedback_attendee',
			    'feedback_leaver_attended', 'feedback_leaver_absent',
			    'feedback_leaver_parent')),
	channel		TEXT NOT NULL CHECK (channel IN ('online', 'post',
			    'email', 'hand')),
	to_label	TEXT,
	issued_at	INTEGER NOT NULL,
	sent_on		TEXT,		-- the date it went out
	opened_at	INTEGER,	-- first opened online
	draft_at	INTEGER,	-- last draft saved
	returned_at	INTEGER,
	returned_on	TEXT,		-- the date it came back, any channel
	return_channel	TEXT CHECK (return_channel IN ('online', 'paper',
			    'email', 'phone')),
	expires_on	TEXT,		-- NULL: worked out from the review date
	withdrawn_at	INTEGER,
	import_key	TEXT UNIQUE	-- set by heardctl import
) STRICT;
CREATE INDEX consultation_review_idx ON consultation(review_id);
CREATE INDEX consultation_sent_idx ON consultation(sent_on, audience);

CREATE TABLE link (
	id		INTEGER PRIMARY KEY,
	consultation_id	INTEGER NOT NULL REFERENCES consultation(id),
	token_hash	BLOB NOT NULL UNIQUE,
	code_hash	BLOB NOT NULL UNIQUE,
	created_at	INTEGER NOT NULL,
	revoked_at	INTEGER
) STRICT;
CREATE INDEX link_consultation_idx ON link(consultation_id);

-- A browser that opened a link: the cookie's hash, bound to one link.
CREATE TABLE visit (
	id		INTEGER PRIMARY KEY,
	link_id		INTEGER NOT NULL REFERENCES link(id),
	cookie_hash	BLOB NOT NULL UNIQUE,
	expires_at	INTEGER NOT NULL
) STRICT;

-- Answers, sealed (table 'r' and 'd'); the row id is the consultation.
CREATE TABLE response (
	consultation_id	INTEGER PRIMARY KEY REFERENCES consultation(id),
	key_version	INTEGER NOT NULL,
	box		BLOB NOT NULL,
	submitted_at	INTEGER NOT NULL,
	channel		TEXT NOT NULL
) STRICT;

CREATE TABLE draft (
	consultation_id	INTEGER PRIMARY KEY REFERENCES consultation(id),
	key_version	INTEGER NOT NULL,
	box		BLOB NOT NULL,
	saved_at	INTEGER NOT NULL
) STRICT;

CREATE TABLE session (
	id		INTEGER PRIMARY KEY,
	staff_id	INTEGER NOT NULL REFERENCES staff(id),
	token_hash	BLOB NOT NULL UNIQUE,
	created_at	INTEGER NOT NULL,
	seen_at		INTEGER NOT NULL
) STRICT;

CREATE TABLE target (
	audience	TEXT PRIMARY KEY,
	percent		INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
	aspiration	INTEGER CHECK (aspiration BETWEEN 0 AND 100)
) STRICT;

-- Who read whose answers, and every other act worth answering for.
CREATE TABLE audit (
	id		INTEGER PRIMARY KEY,
	at		INTEGER NOT NULL,
	staff_id	INTEGER REFERENCES staff(id),
	action		TEXT NOT NULL,
	subject		TEXT NOT NULL
) STRICT;

-- Failed attempts, for slowing guessers: by address or account.
CREATE TABLE attempt (
	kind		TEXT NOT NULL,
	who		TEXT NOT NULL,
	at		INTEGER NOT NULL
) STRICT;
CREATE INDEX attempt_idx ON attempt(kind, who, at);

INSERT INTO meta (key, value) VALUES ('key_version', '0');
