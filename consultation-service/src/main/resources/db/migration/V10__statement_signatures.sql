-- The owning parties sign the participation statement: JSON {party: {"client": …, "at": …}} for the current
-- statement (party corporation or tenant-organisation). Saving a new statement clears it.
ALTER TABLE consultation ADD COLUMN statement_signatures TEXT;
