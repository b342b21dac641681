-- Version 11: how each review was held (issue 13 item 13).
--
-- An IRO annual report gives the share of reviews held in person
-- against a target.  The format is recorded on the review page or
-- with heardctl review format; NULL until recorded.  The words are
-- VOCAB_REVIEW_FORMAT in cgi/vocab.c (tests/unit/test_vocab.c holds
-- the two equal).
ALTER TABLE review ADD COLUMN format TEXT CHECK (format IN ('in_person',
    'online', 'mixed'));
