-- An outreach is a mailing in notification-service (issue 18): the outreach job's id is the mailing's id, opened there
-- with a mailing request and named in each invitation's message request, so the organiser follows, pauses, resumes or
-- cancels it at /api/v1/mailings/{id}. Invitations from before carry none.
ALTER TABLE outreach_invitation ADD COLUMN mailing_id UUID;
CREATE INDEX outreach_invitation_mailing ON outreach_invitation (mailing_id) WHERE mailing_id IS NOT NULL;
