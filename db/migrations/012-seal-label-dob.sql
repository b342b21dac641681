-- Version 12: the least data, sealed (issue 16 item 6).
--
-- "Who it is for" labels (consultation.to_label) and children's dates
-- of birth (child.dob) are sealed like first names, each with its own
-- table letter ('l', 'b') and key version, bound to its row.  SQL
-- cannot seal: the plain values stay in to_label and dob until the
-- first start with the key (heard-fcgi or any heardctl command,
-- db_seal_plain() in db.c) seals them and clears the plain column, in
-- one transaction.  turns_4 (the day a child turns 4) stays in clear:
-- it names nobody, and the annual figures count reviews of children
-- aged 4 or more by it.
ALTER TABLE consultation ADD COLUMN to_box BLOB;
ALTER TABLE consultation ADD COLUMN to_ver INTEGER NOT NULL DEFAULT 0;
ALTER TABLE child ADD COLUMN dob_box BLOB;
ALTER TABLE child ADD COLUMN dob_ver INTEGER NOT NULL DEFAULT 0;
ALTER TABLE child ADD COLUMN turns_4 TEXT;
UPDATE child SET turns_4 = date(dob, '+4 years') WHERE date(dob) IS NOT NULL;
