-- A panel letter carries its personal link as a QR code; a tenant who cannot scan it types the letter's short code on
-- the panel page instead (issue 20). Only an HMAC of each code is kept (under meedoen.panel.code-secret), to look it up
-- by; links issued before have none and keep working as links (their tokens were never stored, so no code can be
-- derived for them).
ALTER TABLE member_token ADD COLUMN short_code_hash TEXT;
CREATE UNIQUE INDEX member_token_short_code ON member_token (short_code_hash) WHERE short_code_hash IS NOT NULL;
