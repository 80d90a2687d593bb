-- consultation-service's own schema (versions 1+; commons is 0.1.x, the population read model 0.2.x).

-- A consultation and its lifecycle DRAFT -> OPEN -> CLOSED -> RESULTS_PUBLISHED -> FEEDBACK_PUBLISHED.
-- Multilingual texts and small structured settings are JSON documents in TEXT columns.
CREATE TABLE consultation (
    id                    UUID PRIMARY KEY,
    kind                  TEXT        NOT NULL, -- SURVEY | PWE
    status                TEXT        NOT NULL,
    languages             TEXT        NOT NULL, -- JSON list; the first is the default every text needs
    title                 TEXT        NOT NULL, -- JSON {language: text}
    description           TEXT,
    initiator_party       TEXT        NOT NULL, -- corporation | tenant-organisation
    initiator_client      TEXT        NOT NULL, -- the JWT subject that created it
    partner_organisation  TEXT,                 -- the tenant organisation (JWT subject) co-owning a corporation's consultation
    anonymity             TEXT        NOT NULL, -- ANONYMOUS | PSEUDONYMOUS
    audience              TEXT        NOT NULL, -- JSON {type, filter | panelId, waveId}
    opens_at              TIMESTAMPTZ,
    closes_at             TIMESTAMPTZ,
    reminders             TEXT        NOT NULL, -- JSON list of instants
    reminders_requested   INT         NOT NULL DEFAULT 0, -- reminder rounds started so far
    statement             TEXT,                 -- JSON participation statement
    questionnaire_version INT         NOT NULL DEFAULT 0,
    alignment_status      TEXT        NOT NULL, -- NOT_APPLICABLE | PENDING | AGREED | DISAGREED
    alignment_by          TEXT,
    alignment_at          TIMESTAMPTZ,
    alignment_version     INT,                  -- the questionnaire version the decision is about
    alignment_comment     TEXT,
    schedule_problem      TEXT,                 -- why a scheduled opening could not happen yet
    invitations_done      BOOLEAN     NOT NULL DEFAULT false,
    invitations_cursor    TEXT,                 -- last tenantRef invited (audiences are invited a chunk at a time)
    feedback              TEXT,                 -- JSON {language: text}
    created_at            TIMESTAMPTZ NOT NULL,
    opened_at             TIMESTAMPTZ,
    closed_at             TIMESTAMPTZ,
    results_published_at  TIMESTAMPTZ,
    feedback_published_at TIMESTAMPTZ,
    version               BIGINT      NOT NULL
);
CREATE INDEX consultation_due ON consultation (status, opens_at, closes_at);

-- Every saved questionnaire is a new version; the consultation points at its current one.
CREATE TABLE questionnaire (
    consultation_id UUID        NOT NULL REFERENCES consultation (id),
    version         INT         NOT NULL,
    document        TEXT        NOT NULL, -- JSON {questions: [...]}
    created_at      TIMESTAMPTZ NOT NULL,
    created_by      TEXT        NOT NULL,
    PRIMARY KEY (consultation_id, version)
);

-- Explicit audiences: an invited list, or the sample of a panel wave (from panel.events.v1).
CREATE TABLE audience_member (
    consultation_id UUID NOT NULL REFERENCES consultation (id),
    tenant_ref      TEXT NOT NULL,
    PRIMARY KEY (consultation_id, tenant_ref)
);

-- One invitation per tenant. The token is never stored: only its SHA-256.
CREATE TABLE invitation (
    id              UUID PRIMARY KEY,
    consultation_id UUID        NOT NULL REFERENCES consultation (id),
    tenant_ref      TEXT        NOT NULL,
    token_hash      TEXT        NOT NULL UNIQUE,
    status          TEXT        NOT NULL, -- INVITED | OPENED | PARTIAL | COMPLETED
    language        TEXT,
    draft           BYTEA,                -- saved partial answers, AES-GCM under a key derived from the token
    reminders_sent  INT         NOT NULL DEFAULT 0,
    feedback_sent   BOOLEAN     NOT NULL DEFAULT false,
    invited_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT invitation_once_per_tenant UNIQUE (consultation_id, tenant_ref)
);
CREATE INDEX invitation_not_completed ON invitation (consultation_id, id) WHERE status <> 'COMPLETED';
CREATE INDEX invitation_feedback_due ON invitation (consultation_id, id) WHERE NOT feedback_sent;

-- A submitted response. Deliberately no column that names an invitation, a tenant or a token, and
-- only the day of submission: in ANONYMOUS mode nothing links a response to a person. The id is
-- random, so even the order of ids says nothing.
CREATE TABLE response (
    id                    UUID PRIMARY KEY,
    consultation_id       UUID NOT NULL REFERENCES consultation (id),
    questionnaire_version INT  NOT NULL,
    submitted_on          DATE NOT NULL,
    answers               TEXT NOT NULL -- JSON {questionId: answer}
);
CREATE INDEX response_consultation ON response (consultation_id, id);

-- PSEUDONYMOUS consultations only: which invitation a response came from. Never exposed by the API.
CREATE TABLE response_link (
    response_id   UUID        PRIMARY KEY REFERENCES response (id),
    invitation_id UUID        NOT NULL UNIQUE REFERENCES invitation (id),
    submitted_at  TIMESTAMPTZ NOT NULL
);

-- Results, kept up to date in the submit transaction so reading never rescans responses.
-- attribute/attr_value '' is the whole; otherwise a profile attribute (ageBand, ...) and its value.
-- answer_key: '__respondents', '__invited', '__answered' (total = sum of values), 'o:<option>',
-- 'v:<value>', 'r:<option>:<rank>', 'p:<portfolio>', '__measure' (PWE spend or reach).
-- Concurrent submissions update different shards of a counter, so they do not queue on one row.
CREATE TABLE result_cell (
    consultation_id UUID             NOT NULL,
    attribute       TEXT             NOT NULL,
    question_id     TEXT             NOT NULL,
    attr_value      TEXT             NOT NULL,
    answer_key      TEXT             NOT NULL,
    shard           SMALLINT         NOT NULL,
    n               BIGINT           NOT NULL,
    total           DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (consultation_id, attribute, question_id, attr_value, answer_key, shard)
);

-- PWE motivations, per option (option_id NULL: the overall motivation), for the results page.
CREATE TABLE pwe_motivation (
    id              UUID PRIMARY KEY,
    consultation_id UUID NOT NULL REFERENCES consultation (id),
    question_id     TEXT NOT NULL,
    option_id       TEXT,
    text            TEXT NOT NULL
);
CREATE INDEX pwe_motivation_option ON pwe_motivation (consultation_id, question_id, option_id);
