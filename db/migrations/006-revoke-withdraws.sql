-- Version 6 (5 is the outreach migration): a consultation whose every
-- link was revoked and none reissued was sent in error.  Revoking now
-- withdraws it (consult_revoke), so it leaves the return rates as a
-- withdrawal does, and a reissue counts it again (once).  The same for
-- those revoked before: withdrawn when their last link was revoked.
-- One that came back stays counted.  The rate_day triggers follow.
UPDATE consultation SET withdrawn_at = (SELECT max(l.revoked_at) FROM link l
    WHERE l.consultation_id = consultation.id)
WHERE withdrawn_at IS NULL AND returned_at IS NULL
    AND EXISTS (SELECT 1 FROM link l WHERE l.consultation_id = consultation.id)
    AND NOT EXISTS (SELECT 1 FROM link l
        WHERE l.consultation_id = consultation.id AND l.revoked_at IS NULL);
