-- Templates, message deliveries, opt-outs, suppressed addresses and mailings (issue 3).

-- Qute templates per message kind and language; every save is a new version (the latest is used).
CREATE TABLE message_template (
    template_key TEXT        NOT NULL,
    language     TEXT        NOT NULL,
    version      INT         NOT NULL,
    subject      TEXT        NOT NULL,
    html         TEXT        NOT NULL,
    text         TEXT        NOT NULL,
    sample_data  TEXT        NOT NULL, -- JSON object: declares the data placeholders; also the preview's data
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (template_key, language, version)
);

-- A mailing: one template to an audience, materialised a chunk at a time (cursor = last tenantRef done).
CREATE TABLE mailing (
    id               UUID PRIMARY KEY,
    name             TEXT        NOT NULL,
    template_key     TEXT        NOT NULL,
    purpose          TEXT        NOT NULL,
    channel          TEXT,
    data             TEXT        NOT NULL, -- JSON, the same for every recipient
    audience_filter  TEXT,                 -- JSON segment filter; NULL when the audience is an explicit list
    explicit_list    BOOLEAN     NOT NULL,
    status           TEXT        NOT NULL, -- DRAFT, SCHEDULED, RUNNING, PAUSED, COMPLETED, CANCELLED
    scheduled_at     TIMESTAMPTZ,
    cursor_ref       TEXT,
    materialised     BOOLEAN     NOT NULL DEFAULT false,
    audience_size    INT,
    version          BIGINT      NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    started_at       TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ
);
CREATE TABLE mailing_recipient (
    mailing_id UUID NOT NULL REFERENCES mailing (id) ON DELETE CASCADE,
    tenant_ref TEXT NOT NULL,
    PRIMARY KEY (mailing_id, tenant_ref)
);

-- Letters are collected into print batches the corporation downloads.
CREATE TABLE print_batch (
    id          UUID PRIMARY KEY,
    status      TEXT        NOT NULL, -- CREATED, PRINTED, POSTED
    letters     INT         NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    printed_at  TIMESTAMPTZ,
    posted_at   TIMESTAMPTZ
);

-- One row per message to one tenant: from a message request (unique requestId) or a mailing
-- (unique per mailing and tenant), so neither is ever sent twice.
CREATE TABLE delivery (
    id                     UUID PRIMARY KEY,
    request_id             TEXT UNIQUE,
    mailing_id             UUID REFERENCES mailing (id),
    tenant_ref             TEXT        NOT NULL,
    purpose                TEXT        NOT NULL,
    template_key           TEXT        NOT NULL,
    channel                TEXT        NOT NULL, -- EMAIL, LETTER
    data                   TEXT,                 -- JSON placeholders (may hold personal data: removed on erasure)
    status                 TEXT        NOT NULL,
    reason                 TEXT,
    language               TEXT,
    template_version       INT,
    recipient              TEXT,                 -- the email address it went to (removed on erasure)
    attempts               INT         NOT NULL DEFAULT 0,
    next_attempt_at        TIMESTAMPTZ NOT NULL,
    last_error             TEXT,
    unsubscribe_token_hash TEXT UNIQUE,
    print_batch_id         UUID REFERENCES print_batch (id),
    created_at             TIMESTAMPTZ NOT NULL,
    updated_at             TIMESTAMPTZ NOT NULL,
    sent_at                TIMESTAMPTZ,
    CONSTRAINT delivery_once_per_mailing UNIQUE (mailing_id, tenant_ref)
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'QUEUED' AND channel = 'EMAIL';
CREATE INDEX delivery_letters_due ON delivery (created_at) WHERE status = 'QUEUED' AND channel = 'LETTER';
CREATE INDEX delivery_tenant ON delivery (tenant_ref, created_at);
CREATE INDEX delivery_mailing_status ON delivery (mailing_id, status);
CREATE INDEX delivery_print_batch ON delivery (print_batch_id);

-- Purpose-scoped opt-outs: consultation, panel, recruitment or all.
CREATE TABLE opt_out (
    tenant_ref TEXT        NOT NULL,
    purpose    TEXT        NOT NULL,
    source     TEXT        NOT NULL, -- LINK, API
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_ref, purpose)
);

-- Addresses that hard-bounced or complained: never mailed again. Kept as a hash (survives erasure
-- without keeping the address).
CREATE TABLE suppressed_address (
    address_hash TEXT PRIMARY KEY,
    reason       TEXT        NOT NULL, -- BOUNCED_HARD, COMPLAINED
    created_at   TIMESTAMPTZ NOT NULL
);

-- Bulk imports of the register: the upload is spooled, then processed in chunks.
CREATE TABLE tenant_import (
    id           UUID PRIMARY KEY,
    format       TEXT        NOT NULL, -- CSV, NDJSON
    status       TEXT        NOT NULL, -- QUEUED, RUNNING, COMPLETED, FAILED
    total_rows   INT         NOT NULL,
    processed    INT         NOT NULL DEFAULT 0,
    created      INT         NOT NULL DEFAULT 0,
    updated      INT         NOT NULL DEFAULT 0,
    unchanged    INT         NOT NULL DEFAULT 0,
    rejected     INT         NOT NULL DEFAULT 0,
    spool_path   TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ
);
CREATE TABLE tenant_import_error (
    import_id  UUID NOT NULL REFERENCES tenant_import (id) ON DELETE CASCADE,
    row_number INT  NOT NULL,
    tenant_ref TEXT,
    field      TEXT NOT NULL,
    message    TEXT NOT NULL,
    PRIMARY KEY (import_id, row_number, field)
);
