-- Version 16 (issue 17): forms in the languages children in care speak.
--
-- The language a consultation's form is shown in: chosen by the person
-- on the form's first page (?lang=CODE) or by the admin when issuing.
-- NULL is English, as every form was before this version.
ALTER TABLE consultation ADD COLUMN lang TEXT
    CHECK (lang IN ('en', 'ar', 'ps', 'prs', 'ckb', 'ti', 'vi', 'sq', 'am', 'cy'));

-- Each translation's status, as the service sees and changes it: a
-- language without a row is a draft, not yet checked by an interpreter.
-- Who signed it off (a staff member, or the command line's actor) and
-- when; the change is audited as well.
CREATE TABLE lang_status (
    code TEXT PRIMARY KEY
        CHECK (code IN ('en', 'ar', 'ps', 'prs', 'ckb', 'ti', 'vi', 'sq', 'am', 'cy')),
    status TEXT NOT NULL CHECK (status IN ('draft', 'checked')),
    staff_id INTEGER REFERENCES staff(id),
    actor TEXT,
    at INTEGER NOT NULL
);
