-- The register of tenant organisations and residents' committees (bewonerscommissies). It lives here because an
-- organisation's contact person and email are personal data; the rest (no contact data) is published on
-- organisations.v1 for the other services. clients: the JWT subjects that act for the organisation (each at most one).
CREATE TABLE organisation (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    complex_ids   TEXT[] NOT NULL,
    clients       TEXT[] NOT NULL,
    contact_email TEXT,
    active        BOOLEAN NOT NULL,
    version       BIGINT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX organisation_clients ON organisation USING GIN (clients);
