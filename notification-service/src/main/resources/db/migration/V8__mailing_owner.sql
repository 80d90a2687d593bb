-- A tenant organisation mails its constituency through notification-service (purpose tenant-organisation, its own
-- opt-out scope): its mailings carry its client id as owner and are seen and run by it alone (ops reads them too); the
-- corporation's mailings have no owner and are not the tenant organisation's to see.
ALTER TABLE mailing ADD COLUMN owner TEXT;
CREATE INDEX mailing_owner ON mailing (owner, id);
