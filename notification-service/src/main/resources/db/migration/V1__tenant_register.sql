-- The tenant register: the only place in Meedoen that holds personal contact data.
CREATE TABLE tenant (
    tenant_ref          TEXT PRIMARY KEY,
    name                TEXT        NOT NULL,
    email               TEXT,
    street              TEXT        NOT NULL,
    house_number        INT         NOT NULL,
    house_number_suffix TEXT,
    postcode            TEXT        NOT NULL,
    city                TEXT        NOT NULL,
    language            TEXT        NOT NULL,
    preferred_channel   TEXT        NOT NULL,
    complex_id          TEXT,
    neighbourhood_code  TEXT,
    birth_year          INT,
    household_type      TEXT,
    tenancy_start       DATE,
    dwelling_type       TEXT,
    household_key       TEXT        NOT NULL,
    version             BIGINT      NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL
);
