-- Deliveries handed to SMTP whose outcome is not recorded yet. The email worker looks for ones
-- abandoned by a worker that died (older than the sending lease) to fail them instead of resending.
CREATE INDEX delivery_sending ON delivery (updated_at) WHERE status = 'SENDING';
