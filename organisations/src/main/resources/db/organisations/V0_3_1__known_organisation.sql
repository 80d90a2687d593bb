-- Tenant organisations and residents' committees as this service knows them, from organisations.v1 (no contact data).
CREATE TABLE known_organisation (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    complex_ids TEXT[] NOT NULL,
    clients     TEXT[] NOT NULL,
    active      BOOLEAN NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX known_organisation_clients ON known_organisation USING GIN (clients);
