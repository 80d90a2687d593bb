-- panel-service's own schema (versions 1+; commons is 0.1.x, the population read model 0.2.x).
-- Members are tenantRefs; their profile attributes come from population_member. No contact data here.

-- A standing panel. Parties: 'corporation' | 'tenant-organisation'. The tenant organisation on a
-- panel (as owner or co-owner) is identified by its client id (the JWT subject).
CREATE TABLE panel (
    id                     UUID PRIMARY KEY,
    name                   TEXT        NOT NULL,
    purpose                TEXT        NOT NULL,
    owner_party            TEXT        NOT NULL,
    co_owner_party         TEXT,
    tenant_organisation    TEXT,
    target_size            INT         NOT NULL,
    strata                 TEXT        NOT NULL, -- JSON list of population attributes
    target_composition     TEXT        NOT NULL, -- JSON {attribute: {value: share}}; a stratum absent here follows the population
    fatigue_cap            INT         NOT NULL, -- max waves per member per 12 months
    cooldown_days          INT         NOT NULL, -- default: skip members invited in the last X days
    membership_term_months INT,                  -- NULL: open-ended
    consent_version        INT         NOT NULL, -- the current consent text
    created_at             TIMESTAMPTZ NOT NULL,
    created_by             TEXT        NOT NULL,
    version                BIGINT      NOT NULL
);
CREATE INDEX panel_tenant_organisation ON panel (tenant_organisation);

-- Every version of the consent text; members consent to one version.
CREATE TABLE consent_text (
    panel_id           UUID        NOT NULL REFERENCES panel (id),
    version            INT         NOT NULL,
    text               TEXT        NOT NULL,
    published_at       TIMESTAMPTZ NOT NULL,
    published_by_party TEXT        NOT NULL,
    reconsent_days     INT,                  -- members had this long to consent again (NULL for version 1)
    PRIMARY KEY (panel_id, version)
);

-- A tenant's membership: INVITED -> ACTIVE <-> PAUSED, and LEFT (terminal until invited again).
CREATE TABLE panel_member (
    id                     UUID PRIMARY KEY,
    panel_id               UUID        NOT NULL REFERENCES panel (id),
    tenant_ref             TEXT        NOT NULL,
    status                 TEXT        NOT NULL,
    invited_at             TIMESTAMPTZ,
    joined_at              TIMESTAMPTZ,
    term_ends_at           TIMESTAMPTZ,
    paused_at              TIMESTAMPTZ,
    paused_until           TIMESTAMPTZ,
    pause_reason           TEXT,                 -- MEMBER | STAFF | CONSENT_LAPSED
    left_at                TIMESTAMPTZ,
    left_reason            TEXT,                 -- MEMBER | STAFF | TERM_ENDED
    consent_version        INT,
    consented_at           TIMESTAMPTZ,
    consent_channel        TEXT,
    reconsent_due          TIMESTAMPTZ,          -- set while a newer consent text awaits this member's consent
    preferred_moments      TEXT        NOT NULL DEFAULT '[]', -- JSON list
    -- Members recorded from outside the platform (paper form, predecessor panel): when they were last
    -- invited before, and from when their invitation history is known (NULL: known all along).
    previous_invitation_at TIMESTAMPTZ,
    history_known_since    TIMESTAMPTZ,
    version                BIGINT      NOT NULL,
    CONSTRAINT panel_member_once UNIQUE (panel_id, tenant_ref)
);
CREATE INDEX panel_member_status ON panel_member (panel_id, status);
CREATE INDEX panel_member_tenant ON panel_member (tenant_ref);

-- Personal links: only the SHA-256 of each token is kept. A member keeps every link mailed to them.
CREATE TABLE member_token (
    token_hash TEXT PRIMARY KEY,
    panel_id   UUID        NOT NULL,
    tenant_ref TEXT        NOT NULL,
    purpose    TEXT        NOT NULL, -- INVITATION | CONSENT_RENEWAL
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX member_token_member ON member_token (panel_id, tenant_ref);

-- Every consent given: which text version, when, through which channel.
CREATE TABLE consent_record (
    id              BIGSERIAL PRIMARY KEY,
    panel_id        UUID        NOT NULL,
    tenant_ref      TEXT        NOT NULL,
    consent_version INT         NOT NULL,
    given_at        TIMESTAMPTZ NOT NULL,
    channel         TEXT        NOT NULL, -- ONLINE | PAPER | PHONE | IN_PERSON
    kind            TEXT        NOT NULL  -- JOIN | RENEWAL | RECORDED
);
CREATE INDEX consent_record_member ON consent_record (panel_id, tenant_ref);

-- Membership changes over time: churn is counted from here.
CREATE TABLE member_change (
    id         BIGSERIAL PRIMARY KEY,
    panel_id   UUID        NOT NULL,
    tenant_ref TEXT        NOT NULL,
    change     TEXT        NOT NULL, -- INVITED | JOINED | PAUSED | RESUMED | LEFT | CONSENT_RENEWED
    reason     TEXT,
    at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX member_change_panel ON member_change (panel_id, at);
CREATE INDEX member_change_member ON member_change (panel_id, tenant_ref);

-- A theme raised by either party; the other party co-signs or declines.
CREATE TABLE theme (
    id                UUID PRIMARY KEY,
    panel_id          UUID        NOT NULL REFERENCES panel (id),
    title             TEXT        NOT NULL,
    description       TEXT,
    status            TEXT        NOT NULL, -- PROPOSED | SIGNED | DECLINED
    proposed_by_party TEXT        NOT NULL,
    proposed_by       TEXT        NOT NULL,
    proposed_at       TIMESTAMPTZ NOT NULL,
    decided_by_party  TEXT,
    decided_by        TEXT,
    decided_at        TIMESTAMPTZ,
    decision_comment  TEXT,
    version           BIGINT      NOT NULL
);
CREATE INDEX theme_panel ON theme (panel_id, proposed_at);

-- Topic interests: members choose from the panel's themes.
CREATE TABLE member_interest (
    panel_id   UUID NOT NULL,
    tenant_ref TEXT NOT NULL,
    theme_id   UUID NOT NULL REFERENCES theme (id),
    PRIMARY KEY (panel_id, tenant_ref, theme_id)
);
CREATE INDEX member_interest_theme ON member_interest (theme_id);

-- Who proposed, changed, commented, signed, declined, launched what, and when.
CREATE TABLE audit_entry (
    id       BIGSERIAL PRIMARY KEY,
    panel_id UUID        NOT NULL,
    subject  TEXT        NOT NULL, -- panel | consent-text:<v> | theme:<id> | wave:<id>
    action   TEXT        NOT NULL,
    party    TEXT        NOT NULL,
    actor    TEXT        NOT NULL, -- the client id (JWT subject)
    at       TIMESTAMPTZ NOT NULL,
    detail   TEXT                  -- JSON
);
CREATE INDEX audit_entry_panel ON audit_entry (panel_id, id);
CREATE INDEX audit_entry_subject ON audit_entry (panel_id, subject, id);

-- A wave: one consultation sent to a stratified sample of members.
CREATE TABLE wave (
    id              UUID PRIMARY KEY,
    panel_id        UUID        NOT NULL REFERENCES panel (id),
    consultation_id UUID        NOT NULL UNIQUE,
    theme_id        UUID        NOT NULL REFERENCES theme (id),
    title           TEXT,
    size            INT         NOT NULL,
    status          TEXT        NOT NULL, -- LAUNCHED | CLOSED
    aligned         BOOLEAN     NOT NULL, -- the theme was co-signed by both parties
    asking_party    TEXT        NOT NULL, -- the party the questions are attributed to when not aligned; else the launching party
    launched_by     TEXT        NOT NULL,
    launched_at     TIMESTAMPTZ NOT NULL,
    cooldown_days   INT         NOT NULL,
    fatigue_cap     INT         NOT NULL,
    eligible        INT         NOT NULL, -- eligible members when sampled
    seed            BIGINT      NOT NULL, -- re-running the sampler with this seed on the same pool gives the same sample
    closed_at       TIMESTAMPTZ,
    invited_count   BIGINT,               -- from consultation.closed (anonymous consultations report only counts)
    completed_count BIGINT
);
CREATE INDEX wave_panel ON wave (panel_id, launched_at);

-- Participation history: who was invited by which wave, whether they responded (never what).
CREATE TABLE wave_member (
    wave_id      UUID        NOT NULL REFERENCES wave (id),
    panel_id     UUID        NOT NULL,
    tenant_ref   TEXT        NOT NULL,
    invited_at   TIMESTAMPTZ NOT NULL,
    responded_at TIMESTAMPTZ,
    cancelled_at TIMESTAMPTZ,            -- the member left before responding
    PRIMARY KEY (wave_id, tenant_ref)
);
CREATE INDEX wave_member_member ON wave_member (panel_id, tenant_ref, invited_at);

-- Consultations as consultation.events.v1 describes them: a wave is refused for a closed one.
CREATE TABLE known_consultation (
    consultation_id UUID PRIMARY KEY,
    status          TEXT        NOT NULL, -- OPEN | CLOSED | RESULTS_PUBLISHED | FEEDBACK_PUBLISHED
    anonymity       TEXT,
    updated_at      TIMESTAMPTZ NOT NULL
);
