-- Jobs: work that can outlast a request (draw commitments, imports, large exports, mailings). A caller
-- gets 202 + Location of the job and follows it; the row is the whole truth about it, so a restart of
-- the service resumes or fails it instead of leaving it "running" forever.
CREATE TABLE job (
    id               UUID        PRIMARY KEY,
    kind             TEXT        NOT NULL,  -- e.g. draw-commit; names the handler
    subject          TEXT        NOT NULL,  -- what it works on, e.g. the campaign id
    status           TEXT        NOT NULL,  -- QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED
    phase            TEXT,                  -- what it is doing now, in words
    done             BIGINT      NOT NULL DEFAULT 0,
    total            BIGINT,                -- unknown until the job knows it
    input            TEXT,                  -- JSON the handler reads (never personal data)
    result           TEXT,                  -- JSON summary when SUCCEEDED
    result_location  TEXT,                  -- where the result is read when SUCCEEDED
    problem          TEXT,                  -- RFC 9457 problem (JSON) when FAILED or CANCELLED
    cancel_requested BOOLEAN     NOT NULL DEFAULT false,
    started_by       TEXT        NOT NULL,  -- JWT subject of the caller; only they and ops read the job
    attempts         INT         NOT NULL DEFAULT 0,
    worker           TEXT,                  -- the process running it
    heartbeat_at     TIMESTAMPTZ,           -- the worker's last sign of life
    created_at       TIMESTAMPTZ NOT NULL,
    started_at       TIMESTAMPTZ,
    updated_at       TIMESTAMPTZ NOT NULL,
    finished_at      TIMESTAMPTZ
);
-- One live job per kind and subject: a retried or repeated request can never start a second solver.
CREATE UNIQUE INDEX job_one_live_per_subject ON job (kind, subject) WHERE status IN ('QUEUED', 'RUNNING');
CREATE INDEX job_queued ON job (created_at) WHERE status = 'QUEUED';
CREATE INDEX job_running ON job (heartbeat_at) WHERE status = 'RUNNING';
