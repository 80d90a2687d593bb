-- The tenant population as this service knows it: the non-personal profile from tenants.profile.v1.
CREATE TABLE population_member (
    tenant_ref         TEXT PRIMARY KEY,
    complex_id         TEXT,
    neighbourhood_code TEXT,
    age_band           TEXT,
    household_type     TEXT,
    dwelling_type      TEXT,
    tenancy_band       TEXT,
    language           TEXT,
    household_key      TEXT,
    updated_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX population_member_neighbourhood ON population_member (neighbourhood_code);
CREATE INDEX population_member_complex ON population_member (complex_id);
CREATE INDEX population_member_household ON population_member (household_key);
