-- Version 2: return rates kept per day and audience, so a report over
-- ten years by audience or month reads thousands of rows, not a million.
-- Triggers keep it exact as consultations are sent, returned, withdrawn
-- or deleted and as reviews are cancelled or rearranged.  A counted
-- consultation has a sent date, is not withdrawn and its review is not
-- cancelled; it is late when it came back after the review date.

CREATE TABLE rate_day (
	day		TEXT NOT NULL,
	audience	TEXT NOT NULL,
	sent		INTEGER NOT NULL,
	returned	INTEGER NOT NULL,
	late		INTEGER NOT NULL,
	PRIMARY KEY (day, audience)
) STRICT, WITHOUT ROWID;

INSERT INTO rate_day (day, audience, sent, returned, late)
SELECT c.sent_on, c.audience, count(*), count(c.returned_on),
    count(CASE WHEN c.returned_on > r.review_date THEN 1 END)
FROM consultation c JOIN review r ON r.id = c.review_id
WHERE c.sent_on IS NOT NULL AND c.withdrawn_at IS NULL
    AND r.status <> 'cancelled'
GROUP BY 1, 2;

-- Adding to rate_delta adds to (or subtracts from) a day's counts: the
-- one place the arithmetic is written.
CREATE VIEW rate_delta (day, audience, sent, returned, late) AS
SELECT day, audience, sent, returned, late FROM rate_day;

CREATE TRIGGER rate_delta_add INSTEAD OF INSERT ON rate_delta
BEGIN
	INSERT INTO rate_day (day, audience, sent, returned, late)
	VALUES (NEW.day, NEW.audience, NEW.sent, NEW.returned, NEW.late)
	ON CONFLICT (day, audience) DO UPDATE SET sent = sent + excluded.sent,
	    returned = returned + excluded.returned, late = late + excluded.late;
END;

CREATE TRIGGER rate_day_insert AFTER INSERT ON consultation
BEGIN
	INSERT INTO rate_delta
	SELECT NEW.sent_on, NEW.audience, 1, NEW.returned_on IS NOT NULL,
	    COALESCE(NEW.returned_on > r.review_date, 0)
	FROM review r WHERE r.id = NEW.review_id AND NEW.sent_on IS NOT NULL
	    AND NEW.withdrawn_at IS NULL AND r.status <> 'cancelled';
END;

CREATE TRIGGER rate_day_update AFTER UPDATE OF sent_on, returned_on,
    withdrawn_at, audience, review_id ON consultation
BEGIN
	INSERT INTO rate_delta
	SELECT OLD.sent_on, OLD.audience, -1, -(OLD.returned_on IS NOT NULL),
	    -COALESCE(OLD.returned_on > r.review_date, 0)
	FROM review r WHERE r.id = OLD.review_id AND OLD.sent_on IS NOT NULL
	    AND OLD.withdrawn_at IS NULL AND r.status <> 'cancelled';
	INSERT INTO rate_delta
	SELECT NEW.sent_on, NEW.audience, 1, NEW.returned_on IS NOT NULL,
	    COALESCE(NEW.returned_on > r.review_date, 0)
	FROM review r WHERE r.id = NEW.review_id AND NEW.sent_on IS NOT NULL
	    AND NEW.withdrawn_at IS NULL AND r.status <> 'cancelled';
END;

CREATE TRIGGER rate_day_delete AFTER DELETE ON consultation
BEGIN
	INSERT INTO rate_delta
	SELECT OLD.sent_on, OLD.audience, -1, -(OLD.returned_on IS NOT NULL),
	    -COALESCE(OLD.returned_on > r.review_date, 0)
	FROM review r WHERE r.id = OLD.review_id AND OLD.sent_on IS NOT NULL
	    AND OLD.withdrawn_at IS NULL AND r.status <> 'cancelled';
END;

CREATE TRIGGER rate_day_review AFTER UPDATE OF status, review_date ON review
BEGIN
	INSERT INTO rate_delta
	SELECT c.sent_on, c.audience, -1, -(c.returned_on IS NOT NULL),
	    -COALESCE(c.returned_on > OLD.review_date, 0)
	FROM consultation c WHERE c.review_id = OLD.id AND c.sent_on IS NOT NULL
	    AND c.withdrawn_at IS NULL AND OLD.status <> 'cancelled';
	INSERT INTO rate_delta
	SELECT c.sent_on, c.audience, 1, c.returned_on IS NOT NULL,
	    COALESCE(c.returned_on > NEW.review_date, 0)
	FROM consultation c WHERE c.review_id = NEW.id AND c.sent_on IS NOT NULL
	    AND c.withdrawn_at IS NULL AND NEW.status <> 'cancelled';
END;
