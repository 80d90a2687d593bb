-- The email worker's sweep clears the data (the tenant's link) of emails sent longer ago than the bounce window: this
-- index holds just the rows that still have data, so the sweep never scans the whole delivery history.
CREATE INDEX delivery_sent_with_data ON delivery (sent_at) WHERE status = 'SENT' AND data IS NOT NULL;
