-- Shared mechanisms every service carries in its own database (versions 0.1.x: commons; 0.2.x: population; 1+: the service).

-- Transactional outbox: events written in the business transaction, relayed to Kafka in id order.
CREATE TABLE outbox_event (
    id             BIGSERIAL PRIMARY KEY,
    event_id       UUID        NOT NULL UNIQUE,
    topic          TEXT        NOT NULL,
    event_key      TEXT        NOT NULL,
    type           TEXT        NOT NULL,
    source         TEXT        NOT NULL,
    subject        TEXT,
    occurred_at    TIMESTAMPTZ NOT NULL,
    correlation_id TEXT,
    payload        TEXT,         -- JSON; NULL is a tombstone
    published_at   TIMESTAMPTZ
);
CREATE INDEX outbox_event_pending ON outbox_event (id) WHERE published_at IS NULL;

-- Idempotent consumer: ids of events a consumer has handled, written in the handler's transaction.
CREATE TABLE processed_event (
    consumer     TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

-- Idempotency-Key store for retried writes.
CREATE TABLE idempotency_record (
    scope           TEXT        NOT NULL,
    idempotency_key TEXT        NOT NULL,
    request_hash    TEXT        NOT NULL,
    state           TEXT        NOT NULL, -- IN_FLIGHT | DONE
    response_status INT,
    response_body   TEXT,
    response_location TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, idempotency_key)
);
