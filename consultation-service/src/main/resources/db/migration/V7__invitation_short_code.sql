-- The short code a letter prints for a tenant to type instead of the link: stored only as a keyed
-- hash, unique over all invitations because the respondent API takes the code alone. Invitations
-- made before this have none (NULL; a unique index allows many).
ALTER TABLE invitation ADD COLUMN short_code_hash TEXT;
CREATE UNIQUE INDEX invitation_short_code ON invitation (short_code_hash);
