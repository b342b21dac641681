-- Version 13: the audit log says who (issue 16 item 2).
--
-- A row written by the command line has no staff_id; actor names the
-- program and the operating-system user that ran it, such as
-- "heardctl (root)" (heardctl sets it from getpwuid(getuid()) at
-- start), so no row is left without a name.  Rows from before this
-- version stay NULL and show as "heardctl".
ALTER TABLE audit ADD COLUMN actor TEXT;
