-- The scheduler deletes message requests (they hold raw tokens) once Kafka has them, every tick.
-- Without an index that was a scan of the whole outbox, which keeps every other event for its
-- retention period; this one holds exactly the rows to delete.
CREATE INDEX outbox_event_published_requests ON outbox_event (id)
    WHERE topic = 'notification.requests.v1' AND published_at IS NOT NULL;
