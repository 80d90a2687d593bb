-- The W3C trace context of the request that wrote an event (NULL when it was not traced): the relay
-- sends it as the Kafka record's traceparent/tracestate headers, so consumers continue the request's trace.
ALTER TABLE outbox_event ADD COLUMN traceparent TEXT, ADD COLUMN tracestate TEXT;
