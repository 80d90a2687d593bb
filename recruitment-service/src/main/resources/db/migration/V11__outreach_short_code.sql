-- A campaign letter carries its sign-up link as a QR code; a tenant without a phone to scan it types the letter's short
-- code on the sign-up page instead (issue 20). Only a hash of each code is kept, to look it up by; invitations from before
-- have none (their tokens were never stored, so no code can be derived for them).
ALTER TABLE outreach_invitation ADD COLUMN short_code_hash TEXT;
CREATE UNIQUE INDEX outreach_invitation_short_code ON outreach_invitation (short_code_hash)
    WHERE short_code_hash IS NOT NULL;
