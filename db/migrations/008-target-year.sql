-- Version 8: targets belong to a financial year (1 April to 31 March,
-- named by the year it starts) and are carried forward until changed:
-- a year's target for an audience is the one set for the latest year
-- not after it.  Targets set before this version are taken as the
-- current financial year's, so they no longer judge earlier years.
CREATE TABLE target_year (
	audience	TEXT NOT NULL,
	year		INTEGER NOT NULL,	-- the financial year from 1 April
	percent		INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
	PRIMARY KEY (audience, year)
) STRICT, WITHOUT ROWID;

INSERT INTO target_year (audience, year, percent)
SELECT audience, CAST(strftime('%Y', 'now', '-3 months') AS INTEGER), percent
FROM target;

DROP TABLE target;
