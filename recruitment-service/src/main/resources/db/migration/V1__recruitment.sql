-- Campaigns of every people-form, with sessions.
CREATE TABLE campaign (
    id                 UUID PRIMARY KEY,
    form               TEXT NOT NULL,
    organiser_party    TEXT NOT NULL,
    title              TEXT NOT NULL,
    theme              TEXT NOT NULL,
    mandate            TEXT,
    seats              INT NOT NULL CHECK (seats BETWEEN 1 AND 500),
    signup_opens       DATE NOT NULL,
    signup_closes      DATE NOT NULL,
    term_end           DATE,
    eligibility        TEXT NOT NULL,              -- JSON list of {attribute, values}
    compensation_type  TEXT NOT NULL,              -- NONE, PER_SESSION, PER_YEAR
    compensation_cents BIGINT NOT NULL DEFAULT 0,
    status             TEXT NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    version            BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE campaign_session (
    id          UUID PRIMARY KEY,
    campaign_id UUID NOT NULL REFERENCES campaign(id),
    starts_at   TIMESTAMPTZ NOT NULL,
    place       TEXT,
    online_link TEXT
);
CREATE INDEX campaign_session_campaign ON campaign_session(campaign_id);

-- Personal sign-up links from outreach: only the SHA-256 of the token is stored.
CREATE TABLE outreach_invitation (
    token_hash  TEXT PRIMARY KEY,
    campaign_id UUID NOT NULL REFERENCES campaign(id),
    tenant_ref  TEXT NOT NULL,
    source      TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (campaign_id, tenant_ref, source)
);

CREATE TABLE signup (
    id           UUID PRIMARY KEY,
    campaign_id  UUID NOT NULL REFERENCES campaign(id),
    tenant_ref   TEXT NOT NULL,
    motivation   TEXT,
    expertise    TEXT,
    availability TEXT,
    source       TEXT NOT NULL,
    status       TEXT NOT NULL,      -- ACTIVE, WITHDRAWN
    outcome      TEXT,               -- SELECTED, WAITLISTED, NOT_SELECTED, DECLINED, CONFIRMED
    created_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (campaign_id, tenant_ref)
);

-- One draw per campaign: the record JSON of the engine (phase a, then b) and the current panel/waitlist.
CREATE TABLE draw (
    campaign_id UUID PRIMARY KEY REFERENCES campaign(id),
    commitment  TEXT NOT NULL,
    record      TEXT NOT NULL,
    panel       TEXT,                -- JSON list of sign-up ids
    waitlist    TEXT,
    committed_at TIMESTAMPTZ NOT NULL,
    drawn_at    TIMESTAMPTZ
);

CREATE TABLE attendance (
    session_id UUID NOT NULL REFERENCES campaign_session(id),
    tenant_ref TEXT NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (session_id, tenant_ref)
);

CREATE TABLE compensation_payment (
    id             UUID PRIMARY KEY,
    tenant_ref     TEXT NOT NULL,
    year           INT NOT NULL,
    campaign_id    UUID NOT NULL REFERENCES campaign(id),
    session_id     UUID,
    requested_cents BIGINT NOT NULL,
    paid_cents     BIGINT NOT NULL,
    capped         BOOLEAN NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX compensation_payment_person_year ON compensation_payment(tenant_ref, year);
