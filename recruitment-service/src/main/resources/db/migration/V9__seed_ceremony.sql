-- A seed no single party controls (issue 19): each party of a lottery campaign (the corporation, the tenant organisation,
-- named witnesses, and optionally a public number named in advance) commits to a secret (SHA-256 hex) before the draw
-- commitment exists, and reveals it after it, until the draw's reveal deadline. The seed is a hash over the draw
-- commitment and every reveal; the draw record carries them all.
CREATE TABLE draw_seed_party (
    campaign_id   UUID NOT NULL REFERENCES campaign(id),
    party         TEXT NOT NULL,        -- corporation | tenant-organisation | witness:<name> | public-number
    commitment    TEXT,                 -- lowercase hex SHA-256 of the secret; NULL only for the public number
    source        TEXT,                 -- the public number: where and when it will be published
    registered_by TEXT NOT NULL,        -- the client that registered it
    committed_at  TIMESTAMPTZ NOT NULL,
    reveal        TEXT,                 -- the secret (or the public number), once revealed
    revealed_by   TEXT,
    revealed_at   TIMESTAMPTZ,
    PRIMARY KEY (campaign_id, party)
);

-- Reveals are accepted until this moment (set when the draw is committed: committed_at + recruitment.draw.reveal-window).
ALTER TABLE draw ADD COLUMN reveal_deadline TIMESTAMPTZ;
