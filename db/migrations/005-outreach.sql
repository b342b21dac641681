-- Version 5: sending and chasing (issue 14).  Heard sends invitations
-- and reminders itself through GOV.UK Notify, so it holds how to reach
-- each person and, for a while, the link and code it sends them.
--
-- Contacts are personal data.  Each is sealed at rest with
-- XChaCha20-Poly1305 (crypto.c's cr_seal, table 'k', bound to the
-- consultation's id and key version); only its kind is in clear.  They
-- are shown to admins only, never logged, and removed by purge.
--
-- Links staff never see (the decision): a consultation with a contact
-- keeps its live link's token and code sealed at rest (table 't',
-- bound to the link's id) beside the keyed hashes, so that every
-- reminder carries the same working link.  The sealed copy is wiped
-- (secure_delete is on) the moment the consultation is returned by any
-- channel, its link revoked, it is withdrawn, its review cancelled or
-- stood down, or the link expires (heardctl send wipes those).  A
-- reissue revokes the old link (wiping its copy) and seals the new one,
-- so messages not yet sent carry the new link.  A dump without the key
-- file opens nothing: the boxes need the key, and the hashes are keyed.
--
-- The channel vocabulary of consultation.channel is kept (online, post,
-- email, hand): an email contact makes an 'email' consultation, a letter
-- 'post', and a text 'online' (what it carries is the online link).
-- contact.kind says exactly how: email, sms or letter.

CREATE TABLE contact (
	consultation_id	INTEGER PRIMARY KEY REFERENCES consultation(id),
	kind		TEXT NOT NULL CHECK (kind IN ('email', 'sms', 'letter')),
	key_version	INTEGER NOT NULL,
	box		BLOB NOT NULL
) STRICT;

CREATE TABLE link_secret (
	link_id		INTEGER PRIMARY KEY REFERENCES link(id),
	key_version	INTEGER NOT NULL,
	box		BLOB NOT NULL
) STRICT;

-- Which reminder wording (A or B, drawn at random) a consultation got.
ALTER TABLE consultation ADD COLUMN wording TEXT
    CHECK (wording IN ('A', 'B'));

-- The timetable per audience: working days from the review date (before
-- it: negative), or for feedback forms from the day the review was
-- held.  Step 0 is the invitation; reminders are steps 1, 2, ...
CREATE TABLE plan (
	audience	TEXT NOT NULL,
	kind		TEXT NOT NULL CHECK (kind IN ('invite', 'reminder')),
	step		INTEGER NOT NULL,
	workdays	INTEGER NOT NULL,
	PRIMARY KEY (audience, step)
) STRICT, WITHOUT ROWID;

INSERT INTO plan (audience, kind, step, workdays)
SELECT a.value, s.kind, s.step, s.workdays
FROM json_each('["child","young_person","care_leaver","parent","carer",
    "health","education","professional"]') a,
    (SELECT 'invite' kind, 0 step, -15 workdays UNION ALL
     SELECT 'reminder', 1, -10 UNION ALL SELECT 'reminder', 2, -5) s;
INSERT INTO plan (audience, kind, step, workdays)
SELECT a.value, s.kind, s.step, s.workdays
FROM json_each('["feedback_young_person","feedback_attendee",
    "feedback_leaver_attended","feedback_leaver_absent",
    "feedback_leaver_parent"]') a,
    (SELECT 'invite' kind, 0 step, 1 workdays UNION ALL
     SELECT 'reminder', 1, 6) s;

-- Service settings: the council's name, the return address, Notify's
-- template ids (template.KIND.CHANNEL), reminder wordings
-- (wording.STEP.A|B) and reminders switched off per channel
-- (reminders.CHANNEL = off).  None of it is personal data.
CREATE TABLE setting (
	key		TEXT PRIMARY KEY,
	value		TEXT NOT NULL
) STRICT;

INSERT INTO setting (key, value) VALUES
    ('wording.1.A', 'We have not heard from you yet, and there is still time.'),
    ('wording.1.B', 'What you tell us makes a difference: the IRO reads every answer before the review.'),
    ('wording.2.A', 'This is the last reminder before the review.'),
    ('wording.2.B', 'It takes about five minutes, and your views will be heard at the review.');

-- The outbox: one row per planned message.  Sending marks a row
-- 'sending' and commits before the request, and 'sent' with Notify's id
-- after its 201; a row found 'sending' by a later run was cut off and
-- is sent again at most once more (cut_off counts such runs).
CREATE TABLE outbox (
	id		INTEGER PRIMARY KEY,
	consultation_id	INTEGER NOT NULL REFERENCES consultation(id),
	kind		TEXT NOT NULL CHECK (kind IN ('invite', 'reminder')),
	step		INTEGER NOT NULL,
	workdays	INTEGER NOT NULL,	-- from the plan at issue
	due_on		TEXT,		-- NULL: not known yet (not held)
	state		TEXT NOT NULL DEFAULT 'queued' CHECK (state IN
			    ('queued', 'sending', 'sent', 'failed',
			    'stopped')),
	cut_off		INTEGER NOT NULL DEFAULT 0,	-- runs cut off mid-send
	tries		INTEGER NOT NULL DEFAULT 0,
	next_try_at	INTEGER,
	notify_id	TEXT,
	delivery	TEXT,		-- Notify's status of a sent message
	error		TEXT,		-- Notify's own message, or why stopped
	sent_on		TEXT,
	sent_at		INTEGER,
	UNIQUE (consultation_id, step)
) STRICT;
CREATE INDEX outbox_state_idx ON outbox(state, due_on);

-- Reminders stop, and the sealed link is wiped, the moment a
-- consultation comes back by any channel or is withdrawn.
CREATE TRIGGER outreach_returned AFTER UPDATE OF returned_at, withdrawn_at
ON consultation
WHEN NEW.returned_at IS NOT NULL OR NEW.withdrawn_at IS NOT NULL
BEGIN
	UPDATE outbox SET state = 'stopped', error = CASE WHEN
	    NEW.returned_at IS NOT NULL THEN 'returned' ELSE 'withdrawn' END
	    WHERE consultation_id = NEW.id AND state IN ('queued', 'sending');
	DELETE FROM link_secret WHERE link_id IN
	    (SELECT id FROM link WHERE consultation_id = NEW.id);
END;

-- A revoked link's sealed copy goes at once (a reissue seals the new).
CREATE TRIGGER outreach_revoked AFTER UPDATE OF revoked_at ON link
WHEN NEW.revoked_at IS NOT NULL
BEGIN
	DELETE FROM link_secret WHERE link_id = NEW.id;
END;

-- A cancelled or stood-down review stops everything not yet sent.
CREATE TRIGGER outreach_review_off AFTER UPDATE OF status ON review
WHEN NEW.status IN ('cancelled', 'stood_down')
BEGIN
	UPDATE outbox SET state = 'stopped', error = 'review ' || NEW.status
	    WHERE state IN ('queued', 'sending') AND consultation_id IN
	    (SELECT id FROM consultation WHERE review_id = NEW.id);
	DELETE FROM link_secret WHERE link_id IN (SELECT l.id FROM link l
	    JOIN consultation c ON c.id = l.consultation_id
	    WHERE c.review_id = NEW.id);
END;
