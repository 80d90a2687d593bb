-- Large exports are written by a job (commons `job`) into the database and downloaded from there:
-- one row per export, its bytes in chunks of at most 1 MiB (so neither writing nor reading ever holds a
-- whole file in memory). The export has the id of its job. Rows expire (meedoen.consultation.export-retention)
-- and the scheduler deletes them with their chunks.
CREATE TABLE response_export (
    id              UUID        PRIMARY KEY,  -- = the job's id
    consultation_id UUID        NOT NULL REFERENCES consultation (id),
    format          TEXT        NOT NULL,     -- responses.csv, portchoice.csv, pabulib.pb
    dialect         TEXT,                     -- rfc4180 or excel-nl for the CSV formats
    filename        TEXT        NOT NULL,
    media_type      TEXT        NOT NULL,
    complete        BOOLEAN     NOT NULL DEFAULT false,  -- downloadable only once the job has written every row
    rows_written    BIGINT      NOT NULL DEFAULT 0,
    bytes           BIGINT      NOT NULL DEFAULT 0,
    chunks          INT         NOT NULL DEFAULT 0,
    requested_by    TEXT        NOT NULL,     -- JWT subject (a client, not a person)
    created_at      TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX response_export_expiry ON response_export (expires_at);

CREATE TABLE response_export_chunk (
    export_id UUID  NOT NULL REFERENCES response_export (id) ON DELETE CASCADE,
    seq       INT   NOT NULL,
    data      BYTEA NOT NULL,
    PRIMARY KEY (export_id, seq)
);
