-- Version 4: the statutory timetable.  A child's episodes of care (the
-- day they became looked after starts the sequence of reviews again),
-- the day a review was held, its due date (the last day the law allows,
-- worked out by cal.c and kept here so that "held in time" is a count,
-- not a calculation over years of history) and the reason given when a
-- review is booked past that day.  Bank holidays imported from gov.uk
-- and the service's own closure days make working days.

CREATE TABLE episode (
	id		INTEGER PRIMARY KEY,
	child_id	INTEGER NOT NULL REFERENCES child(id),
	started_on	TEXT NOT NULL,	-- the day the child became looked after
	ended_on	TEXT,		-- the day they left care
	UNIQUE (child_id, started_on)
) STRICT;

ALTER TABLE review ADD COLUMN held_on TEXT;
ALTER TABLE review ADD COLUMN due_on TEXT;	-- NULL: not known
ALTER TABLE review ADD COLUMN late_reason TEXT;
ALTER TABLE child ADD COLUMN next_due_on TEXT;	-- the next review's due date

-- Reviews held before this version were held on their date.
UPDATE review SET held_on = review_date WHERE status = 'held';
CREATE INDEX review_held_idx ON review(held_on) WHERE held_on IS NOT NULL;
CREATE INDEX child_next_due_idx ON child(next_due_on)
    WHERE next_due_on IS NOT NULL;

-- Days that are not working days beyond weekends and the computed bank
-- holidays.  For a year in holiday_year the 'bank' rows are the whole
-- truth (gov.uk's list, moved days included); 'closure' rows add to any
-- year.
CREATE TABLE holiday (
	day		TEXT NOT NULL,
	kind		TEXT NOT NULL CHECK (kind IN ('bank', 'closure')),
	title		TEXT NOT NULL,
	PRIMARY KEY (day, kind)
) STRICT, WITHOUT ROWID;

CREATE TABLE holiday_year (
	year		INTEGER PRIMARY KEY
) STRICT;
