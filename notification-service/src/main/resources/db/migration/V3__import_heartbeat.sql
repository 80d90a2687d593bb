-- The process holding an unfinished import vouches for it; a stale one is taken over or failed,
-- so a starting replica no longer fails imports that another replica is running.
ALTER TABLE tenant_import ADD COLUMN heartbeat_at TIMESTAMPTZ;
