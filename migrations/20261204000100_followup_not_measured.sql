-- Issue 13.6: a sub-goal with an indicator and a unit needs a measured value before its follow-up
-- is submitted, or the owner says explicitly that nothing was measured in the period and why.
-- The reason is that statement: NULL means "not said"; a value and a reason never both.
ALTER TABLE followups
    ADD COLUMN not_measured_reason text
        CHECK (length(not_measured_reason) BETWEEN 1 AND 2000),
    ADD CONSTRAINT followups_value_or_not_measured
        CHECK (measured_value IS NULL OR not_measured_reason IS NULL);
