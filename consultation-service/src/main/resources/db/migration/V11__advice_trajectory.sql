-- Advice trajectories ((on)gevraagd advies, toolkit §3): the tenant organisation advises the corporation, which answers
-- every recommendation. Documents, links, recommendations and answers are small JSON lists.
CREATE TABLE advice_trajectory (
    id                      UUID PRIMARY KEY,
    origin                  TEXT        NOT NULL, -- REQUESTED (gevraagd, by the corporation) | UNSOLICITED (ongevraagd)
    status                  TEXT        NOT NULL, -- REQUESTED | IN_PREPARATION | ADVICE_GIVEN | RESPONSE_GIVEN | CLOSED
    organisation            TEXT        NOT NULL, -- the advising tenant organisation (its client id)
    subject                 TEXT        NOT NULL,
    description             TEXT,
    documents               TEXT        NOT NULL, -- JSON [{title, url}]
    deadline                DATE        NOT NULL, -- the advice is due by the end of this day
    linked_consultation_ids TEXT        NOT NULL, -- JSON [uuid]
    linked_campaign_ids     TEXT        NOT NULL, -- JSON [uuid] (campaigns live in recruitment-service)
    recommendations         TEXT,                 -- JSON [{number, text, answer, reason}]
    created_by              TEXT        NOT NULL,
    created_at              TIMESTAMPTZ NOT NULL,
    advice_given_at         TIMESTAMPTZ,
    answered_at             TIMESTAMPTZ,
    closed_at               TIMESTAMPTZ,
    feedback_done           BOOLEAN     NOT NULL DEFAULT false,
    version                 INT         NOT NULL DEFAULT 0
);
CREATE INDEX advice_trajectory_organisation ON advice_trajectory (organisation, status);
CREATE INDEX advice_trajectory_feedback_due ON advice_trajectory (id) WHERE answered_at IS NOT NULL AND NOT feedback_done;

-- Who has been mailed the corporation's answer of a trajectory: each tenant once, however many linked consultations
-- invited it. Only tenantRefs (pseudonyms), never a response.
CREATE TABLE advice_feedback (
    trajectory_id UUID NOT NULL REFERENCES advice_trajectory (id),
    tenant_ref    TEXT NOT NULL,
    PRIMARY KEY (trajectory_id, tenant_ref)
);
