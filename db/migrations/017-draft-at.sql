-- Version 17 (issue 15 item 5): consultation.draft_at, "last draft
-- saved", was never written, so neither the review page nor the chase
-- list could say a form was started, and the IRO's page could not say
-- who saved a draft and did not send it.  The draft table's own time
-- keeps it now, by whichever path a draft is saved or dropped (a new
-- link drops it: the form starts again).
CREATE TRIGGER draft_saved AFTER INSERT ON draft BEGIN
	UPDATE consultation SET draft_at = NEW.saved_at
	WHERE id = NEW.consultation_id;
END;
CREATE TRIGGER draft_resaved AFTER UPDATE OF saved_at ON draft BEGIN
	UPDATE consultation SET draft_at = NEW.saved_at
	WHERE id = NEW.consultation_id;
END;
CREATE TRIGGER draft_dropped AFTER DELETE ON draft BEGIN
	UPDATE consultation SET draft_at = NULL
	WHERE id = OLD.consultation_id AND returned_at IS NULL;
END;
UPDATE consultation SET draft_at = (SELECT d.saved_at FROM draft d
    WHERE d.consultation_id = consultation.id)
WHERE draft_at IS NULL;
