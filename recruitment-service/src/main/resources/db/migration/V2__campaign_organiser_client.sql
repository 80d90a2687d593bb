-- The tenant organisation (its JWT client) that created a campaign: other tenant organisations of
-- the same corporation must not see or change it. Null when a corporation created it for the tenant
-- organisations (or before this column existed): every tenant organisation may work on it.
ALTER TABLE campaign ADD COLUMN organiser_client TEXT;
