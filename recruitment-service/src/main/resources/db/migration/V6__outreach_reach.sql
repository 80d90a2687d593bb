-- An outreach message counts as reaching the tenant only when notification-service reports it delivered (an email SENT)
-- or printed (a letter PRINTED or POSTED), on whichever channel the register chose — not when it was requested.
ALTER TABLE outreach_invitation ADD COLUMN reached_at TIMESTAMPTZ;
ALTER TABLE outreach_invitation ADD COLUMN reached_channel TEXT;
