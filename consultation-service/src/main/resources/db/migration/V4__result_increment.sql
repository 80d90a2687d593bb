-- Counter increments, appended with the responses they count (one row per batch and consultation,
-- one array element per counter) and folded into result_cell in the background: a submission no
-- longer updates dozens of counter rows in its own transaction. Reads add the rows not folded yet.
-- Like result_cell, nothing here names a tenant, an invitation or a time.
CREATE TABLE result_increment (
    id              BIGSERIAL PRIMARY KEY,
    consultation_id UUID               NOT NULL,
    attribute       TEXT[]             NOT NULL,
    question_id     TEXT[]             NOT NULL,
    attr_value      TEXT[]             NOT NULL,
    answer_key      TEXT[]             NOT NULL,
    n               BIGINT[]           NOT NULL,
    total           DOUBLE PRECISION[] NOT NULL
);
CREATE INDEX result_increment_consultation ON result_increment (consultation_id);
