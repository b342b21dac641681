-- Version 7: "late" is a consultation before a review that came back
-- after the review date.  Feedback forms are sent after the review and
-- come back after it by definition: never late (the 2017/18 year showed
-- 25 of 25 feedback returns as late).  The rate_day triggers of version
-- 2 are made again with that rule, and the feedback days' late counts,
-- kept under the old rule, are cleared.

DROP TRIGGER rate_day_insert;
DROP TRIGGER rate_day_update;
DROP TRIGGER rate_day_delete;
DROP TRIGGER rate_day_review;

UPDATE rate_day SET late = 0 WHERE audience LIKE 'feedback%';

CREATE TRIGGER rate_day_insert AFTER INSERT ON consultation
BEGIN
	INSERT INTO rate_delta
	SELECT NEW.sent_on, NEW.audience, 1, NEW.returned_on IS NOT NULL,
	    COALESCE(NEW.returned_on > r.review_date AND
	    NEW.audience NOT LIKE 'feedback%', 0)
	FROM review r WHERE r.id = NEW.review_id AND NEW.sent_on IS NOT NULL
	    AND NEW.withdrawn_at IS NULL AND r.status <> 'cancelled';
END;

CREATE TRIGGER rate_day_update AFTER UPDATE OF sent_on, returned_on,
    withdrawn_at, audience, review_id ON consultation
BEGIN
	INSERT INTO rate_delta
	SELECT OLD.sent_on, OLD.audience, -1, -(OLD.returned_on IS NOT NULL),
	    -COALESCE(OLD.returned_on > r.review_date AND
	    OLD.audience NOT LIKE 'feedback%', 0)
	FROM review r WHERE r.id = OLD.review_id AND OLD.sent_on IS NOT NULL
	    AND OLD.withdrawn_at IS NULL AND r.status <> 'cancelled';
	INSERT INTO rate_delta
	SELECT NEW.sent_on, NEW.audience, 1, NEW.returned_on IS NOT NULL,
	    COALESCE(NEW.returned_on > r.review_date AND
	    NEW.audience NOT LIKE 'feedback%', 0)
	FROM review r WHERE r.id = NEW.review_id AND NEW.sent_on IS NOT NULL
	    AND NEW.withdrawn_at IS NULL AND r.status <> 'cancelled';
END;

CREATE TRIGGER rate_day_delete AFTER DELETE ON consultation
BEGIN
	INSERT INTO rate_delta
	SELECT OLD.sent_on, OLD.audience, -1, -(OLD.returned_on IS NOT NULL),
	    -COALESCE(OLD.returned_on > r.review_date AND
	    OLD.audience NOT LIKE 'feedback%', 0)
	FROM review r WHERE r.id = OLD.review_id AND OLD.sent_on IS NOT NULL
	    AND OLD.withdrawn_at IS NULL AND r.status <> 'cancelled';
END;

CREATE TRIGGER rate_day_review AFTER UPDATE OF status, review_date ON review
BEGIN
	INSERT INTO rate_delta
	SELECT c.sent_on, c.audience, -1, -(c.returned_on IS NOT NULL),
	    -COALESCE(c.returned_on > OLD.review_date AND
	    c.audience NOT LIKE 'feedback%', 0)
	FROM consultation c WHERE c.review_id = OLD.id AND c.sent_on IS NOT NULL
	    AND c.withdrawn_at IS NULL AND OLD.status <> 'cancelled';
	INSERT INTO rate_delta
	SELECT c.sent_on, c.audience, 1, c.returned_on IS NOT NULL,
	    COALESCE(c.returned_on > NEW.review_date AND
	    c.audience NOT LIKE 'feedback%', 0)
	FROM consultation c WHERE c.review_id = NEW.id AND c.sent_on IS NOT NULL
	    AND c.withdrawn_at IS NULL AND NEW.status <> 'cancelled';
END;
