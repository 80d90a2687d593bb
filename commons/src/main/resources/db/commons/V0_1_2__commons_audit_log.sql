-- Audit log of privileged actions (exports, reads of personal data, draws, erasures), written in the
-- transaction of the action itself and readable by ops only. Append-only: nothing updates or deletes rows.
CREATE TABLE audit_log (
    id             BIGSERIAL   PRIMARY KEY,
    occurred_at    TIMESTAMPTZ NOT NULL,
    actor          TEXT        NOT NULL,  -- the JWT subject, or "system" for event-driven actions
    actor_roles    TEXT        NOT NULL,  -- the caller's Meedoen roles, comma-separated
    action         TEXT        NOT NULL,  -- e.g. consultation.responses.exported
    subject_type   TEXT        NOT NULL,  -- what was acted on: consultation, tenant, campaign, ...
    subject_id     TEXT,
    correlation_id TEXT,
    details        TEXT                   -- JSON with action-specific facts (never personal data)
);
CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id);
