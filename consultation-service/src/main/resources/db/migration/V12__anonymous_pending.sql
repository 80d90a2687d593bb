-- ANONYMOUS submissions wait here until at least k of one consultation (meedoen.consultation.min-cell-size) can be
-- released into response together, or the consultation closes. A waiting row was written in the same transaction
-- as its invitation's completion, so it is sealed (AES-GCM under a key derived from the service's token secret,
-- which the database never holds): someone reading the database, its WAL or a backup sees which invitation
-- completed, never what it answered. Released rows are deleted and the table vacuumed.
CREATE TABLE anonymous_pending (
    id              UUID  PRIMARY KEY,
    consultation_id UUID  NOT NULL REFERENCES consultation (id),
    sealed          BYTEA NOT NULL
);
CREATE INDEX anonymous_pending_consultation ON anonymous_pending (consultation_id);
