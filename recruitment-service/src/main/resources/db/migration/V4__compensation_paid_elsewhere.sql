-- Volunteer allowances a tenant was paid elsewhere in a calendar year (another organisation, a payment outside the
-- platform): the yearly maximum counts them with the payments booked here.
CREATE TABLE compensation_paid_elsewhere (
    id           UUID PRIMARY KEY,
    tenant_ref   TEXT NOT NULL,
    year         INT NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    note         TEXT,
    recorded_by  TEXT NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX compensation_paid_elsewhere_person_year ON compensation_paid_elsewhere(tenant_ref, year);
