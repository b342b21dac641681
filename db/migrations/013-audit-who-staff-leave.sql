-- Version 13: the audit log says who (issue 16 item 2), and staff who
-- leave (item 4).
--
-- A row written by the command line has no staff_id; actor names the
-- program and the operating-system user that ran it, such as
-- "heardctl (root)" (heardctl sets it from getpwuid(getuid()) at
-- start), so no row is left without a name.  Rows from before this
-- version stay NULL and show as "heardctl".
ALTER TABLE audit ADD COLUMN actor TEXT;

-- Staff who leave (issue 16 item 4): an account's password reset by an
-- admin (or heardctl user passwd) is a temporary one, and pw_reset = 1
-- sends its next sign-in to a page that sets the person's own before
-- anything else.  (disabled_at has been there since version 1.)
ALTER TABLE staff ADD COLUMN pw_reset INTEGER NOT NULL DEFAULT 0;

-- Duties kept apart (issue 16 item 3): an admin's request for a role
-- that reads answers (an IRO or a manager), as a new account or a
-- change of role, waits here for a manager's approval.  pending_add:
-- the request is the account itself, disabled until approved.
ALTER TABLE staff ADD COLUMN pending_role TEXT;
ALTER TABLE staff ADD COLUMN pending_by INTEGER REFERENCES staff(id);
ALTER TABLE staff ADD COLUMN pending_add INTEGER NOT NULL DEFAULT 0;
