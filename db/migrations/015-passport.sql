-- Version 15: the IRO passport (issue 15 item 3).  What an IRO chooses
-- to show the children and families they work with, as the paper
-- passports services send to children new into care: a first name, a
-- picture (one of the drawn faces, static/img/passport-N.svg, or a
-- photo) and a few words about themselves.
--
-- Kept in clear, and the least of it: these are published on purpose
-- to every family the IRO works with, like a name badge; the first
-- name alone (never the surname), at most 300 characters about them,
-- and a photo only as Heard re-encoded it (a small PNG that holds
-- pixels and nothing else: no EXIF, GPS or comments survive).  NULL:
-- not set.  face: 1 to 8, a drawn face; photo wins over face.
ALTER TABLE staff ADD COLUMN first_name TEXT;
ALTER TABLE staff ADD COLUMN face INTEGER CHECK (face BETWEEN 1 AND 8);
ALTER TABLE staff ADD COLUMN about TEXT;
ALTER TABLE staff ADD COLUMN photo BLOB;
