-- A letter that is not transactional prints its opt-out as a short code to type on the preferences page instead of a
-- long link nobody types (issue 20). Only an HMAC of each code is kept, to look it up by; set when the letter goes into a
-- print batch. Emails, transactional letters and letters batched before this have none.
ALTER TABLE delivery ADD COLUMN opt_out_code_hash TEXT;
CREATE UNIQUE INDEX delivery_opt_out_code ON delivery (opt_out_code_hash) WHERE opt_out_code_hash IS NOT NULL;
