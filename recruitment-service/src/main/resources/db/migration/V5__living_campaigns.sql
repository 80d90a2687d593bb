-- Campaigns that live: a co-owning tenant organisation, the participation statement and who signed it (required before
-- opening), cancellation, terms (a standing form re-selects per term; ENDED when the last term is over) and the outcome
-- whose feedback is mailed to everyone who signed up.
ALTER TABLE campaign ADD COLUMN partner_organisation TEXT;
ALTER TABLE campaign ADD COLUMN statement TEXT;              -- JSON {goal, canInfluence, cannotInfluence, influenceLevel, outcomeUse, outcomeBy}
ALTER TABLE campaign ADD COLUMN statement_signatures TEXT;   -- JSON {party: {client, at}}
ALTER TABLE campaign ADD COLUMN cancelled_reason TEXT;
ALTER TABLE campaign ADD COLUMN cancelled_at TIMESTAMPTZ;
ALTER TABLE campaign ADD COLUMN term_number INT NOT NULL DEFAULT 1;
ALTER TABLE campaign ADD COLUMN ended_at TIMESTAMPTZ;
ALTER TABLE campaign ADD COLUMN outcome TEXT;
ALTER TABLE campaign ADD COLUMN outcome_at TIMESTAMPTZ;

-- One reminder per participant per session, whichever replica's scheduler gets there first: the primary key is the claim.
CREATE TABLE session_reminder (
    session_id UUID NOT NULL REFERENCES campaign_session(id),
    tenant_ref TEXT NOT NULL,
    sent_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (session_id, tenant_ref)
);

-- Feedback goes to a tenant once per occasion: a campaign's outcome (campaign:<id>) or an advice trajectory's answer
-- (advice:<trajectoryId>, however many linked campaigns the tenant took part in).
CREATE TABLE feedback_sent (
    feedback_key TEXT NOT NULL,
    tenant_ref   TEXT NOT NULL,
    campaign_id  UUID NOT NULL REFERENCES campaign(id),
    sent_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (feedback_key, tenant_ref)
);
