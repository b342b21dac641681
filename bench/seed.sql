-- A large authority's ten years (April 2016 to March 2026): 40 IROs,
-- 20,000 children, 100,000 reviews and 1,000,000 consultations, ten per
-- review in a realistic mix of audiences, channels and return rates.
-- Loaded with the sqlite3 shell by bench/run.sh; not product code.
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
INSERT INTO staff (username, pw_hash, role, created_at)
SELECT 'iro' || i, '!', 'iro', 0 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
INSERT INTO child (ref, iro_id, created_at)
SELECT printf('C%06d', i), 1 + i % 40, 0 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO review (child_id, type, review_date, status, iro_id, created_at)
SELECT 1 + i % 20000, CASE WHEN i % 7 = 0 THEN 'pathway' ELSE 'cic' END,
    date('2016-04-21', '+' || (i * 3640 / 100000) || ' days'),
    CASE WHEN i % 50 = 0 THEN 'cancelled' ELSE 'held' END, 1 + i % 40, 0
FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999999),
aud(k, a, pct) AS (VALUES (0, 'child', 15), (1, 'young_person', 25),
    (2, 'parent', 11), (3, 'parent', 11), (4, 'carer', 45),
    (5, 'health', 55), (6, 'education', 60), (7, 'professional', 40),
    (8, 'feedback_young_person', 20), (9, 'feedback_attendee', 30)),
c AS (SELECT i, 1 + i / 10 AS review, a, pct,
    date('2016-04-21', '+' || ((1 + i / 10) * 3640 / 100000) || ' days',
    '-21 days') AS sent, (i * 7919) % 100 AS roll
    FROM n JOIN aud ON aud.k = n.i % 10)
INSERT INTO consultation (review_id, audience, channel, issued_at, sent_on,
    returned_at, returned_on, return_channel)
SELECT review, a, CASE roll % 4 WHEN 0 THEN 'post' WHEN 1 THEN 'email'
    ELSE 'online' END, 0, sent,
    CASE WHEN roll < pct THEN 1 END,
    CASE WHEN roll < pct THEN date(sent, '+' || (roll % 28) || ' days') END,
    CASE WHEN roll < pct THEN CASE roll % 3 WHEN 0 THEN 'paper'
    ELSE 'online' END END
FROM c;
-- Targets from the first year on, carried forward (migration 8).
INSERT INTO target_year (audience, year, percent) VALUES ('child', 2016, 30),
    ('parent', 2016, 30), ('health', 2016, 50), ('education', 2016, 50);
COMMIT;
ANALYZE;
