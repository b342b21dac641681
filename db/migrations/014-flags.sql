-- Version 14: safeguarding flags (issue 15 item 4).  A "yes" to "Do you
-- want someone to talk to you soon?" (question talk_soon) in a form that
-- comes back by any channel, or a member of staff marking an answer as a
-- worry while reading the views, raises a flag on the review.  The
-- child's IRO and the duty address (setting duty_address) are told at
-- once; a flag not acknowledged within one working day is raised to
-- every manager (escalated_at, set once).  Heard never looks at what a
-- person wrote: a flag holds no answer, only which question.
--
-- What the person who acknowledged it did may be sensitive: it is sealed
-- at rest (crypto.c's cr_seal, table 'f', bound to the flag's id and key
-- version), like answers.

-- Staff email addresses, for the flag messages (not personal data of a
-- child; set on the Staff page or with heardctl user email).
ALTER TABLE staff ADD COLUMN email TEXT;

CREATE TABLE flag (
	id		INTEGER PRIMARY KEY,
	review_id	INTEGER NOT NULL REFERENCES review(id),
	consultation_id	INTEGER NOT NULL REFERENCES consultation(id),
	source		TEXT NOT NULL CHECK (source IN ('talk_soon', 'staff')),
	question	TEXT NOT NULL,	-- the question's id, never its answer
	raised_at	INTEGER NOT NULL,
	raised_by	INTEGER REFERENCES staff(id),	-- source 'staff'
	escalated_at	INTEGER,	-- raised to the managers (once)
	acked_at	INTEGER,
	acked_by	INTEGER REFERENCES staff(id),
	ack_ver		INTEGER,
	ack_box		BLOB,		-- sealed: what they did
	UNIQUE (consultation_id, question)
) STRICT;
CREATE INDEX flag_open_idx ON flag(acked_at, escalated_at);
CREATE INDEX flag_review_idx ON flag(review_id);

-- The flag's messages through GOV.UK Notify (heardctl send): one row per
-- person told.  staff_id NULL is the duty address.  A row left
-- 'sending' by a run that died is sent again: for a safeguarding alert
-- a second copy is better than none.
CREATE TABLE flag_notice (
	id		INTEGER PRIMARY KEY,
	flag_id		INTEGER NOT NULL REFERENCES flag(id),
	kind		TEXT NOT NULL CHECK (kind IN ('raised', 'escalated')),
	staff_id	INTEGER REFERENCES staff(id),
	state		TEXT NOT NULL DEFAULT 'queued' CHECK (state IN
			    ('queued', 'sending', 'sent', 'failed',
			    'stopped')),
	tries		INTEGER NOT NULL DEFAULT 0,
	notify_id	TEXT,
	error		TEXT,
	sent_at		INTEGER
) STRICT;
CREATE INDEX flag_notice_state_idx ON flag_notice(state);
