-- Version 10: the audit log paged and filtered (issue 13 item 9).
--
-- An entry's subject is free text and names its review or child in
-- different ways: reading views names "consultation N (audience,
-- review M)" on the web and "consultation N" from heardctl, a refused
-- reach "review N", and a review's changes the child's reference.  So
-- that who read a child's views can be found by child or review, each
-- entry also keeps the review and child its subject names, where it
-- names one (db_audit fills them on insert; here, the entries before).
ALTER TABLE audit ADD COLUMN review_id INTEGER;
ALTER TABLE audit ADD COLUMN child_id INTEGER;
UPDATE audit SET review_id = (SELECT c.review_id FROM consultation c
    WHERE c.id = CAST(substr(audit.subject, 14) AS INTEGER))
    WHERE subject LIKE 'consultation %';
UPDATE audit SET review_id = (SELECT r.id FROM review r
    WHERE r.id = CAST(substr(audit.subject, 8) AS INTEGER))
    WHERE subject LIKE 'review %';
UPDATE audit SET child_id = (SELECT r.child_id FROM review r
    WHERE r.id = audit.review_id) WHERE review_id IS NOT NULL;
UPDATE audit SET child_id = (SELECT c.id FROM child c
    WHERE c.ref = audit.subject)
    WHERE child_id IS NULL AND action IN ('issue', 'participation',
    'rearrange', 'standdown', 'cancel', 'review-held', 'review-allocate',
    'review-add', 'child-add', 'child-left');
-- Pages are read newest first by id (a keyset, never OFFSET): each
-- index ends in the rowid, so "child = ? AND id < ? ORDER BY id DESC"
-- reads only the rows it shows.
CREATE INDEX audit_child ON audit(child_id);
CREATE INDEX audit_review ON audit(review_id);
CREATE INDEX audit_staff ON audit(staff_id);
CREATE INDEX audit_action ON audit(action);
