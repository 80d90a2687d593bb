-- Every delivery and letter knows its source: what it came from, as "<kind>:<id>" (campaign:<uuid>,
-- consultation:<uuid>, panel:<uuid>, mailing:<uuid>, ...). A message request names it (optional); a mailing's
-- deliveries take the mailing's source, else "mailing:<id>". Letters can be printed and deliveries listed per
-- source; a print batch made for one source records it.
ALTER TABLE delivery ADD COLUMN source TEXT;
ALTER TABLE mailing ADD COLUMN source TEXT;
ALTER TABLE print_batch ADD COLUMN source TEXT;
CREATE INDEX delivery_source ON delivery (source, id) WHERE source IS NOT NULL;
CREATE INDEX delivery_letters_due_source ON delivery (source, created_at) WHERE status = 'QUEUED' AND channel = 'LETTER';
