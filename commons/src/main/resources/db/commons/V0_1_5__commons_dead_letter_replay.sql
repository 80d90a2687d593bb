-- Which dead-lettered records ops replayed (the record stays on its DLQ topic: Kafka keeps it until retention).
CREATE TABLE dead_letter_replay (
    dlq_topic   TEXT        NOT NULL,
    dlq_partition INT       NOT NULL,
    dlq_offset  BIGINT      NOT NULL,
    replayed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    replayed_by TEXT        NOT NULL,
    PRIMARY KEY (dlq_topic, dlq_partition, dlq_offset)
);
