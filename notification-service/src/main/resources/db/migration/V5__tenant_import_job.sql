-- Tenant imports run as commons jobs (table job): the job row is the one record of who is running an
-- import and whether it is alive, so the import's own heartbeat goes. The upload is staged here, in
-- parts, instead of in one replica's /tmp: whichever replica claims the job can read it, also after a
-- restart. The parts are deleted when the import has finished (they hold personal data).
ALTER TABLE tenant_import ADD COLUMN job_id UUID;
CREATE TABLE tenant_import_upload (
    import_id UUID  NOT NULL REFERENCES tenant_import (id) ON DELETE CASCADE,
    part      INT   NOT NULL,
    data      BYTEA NOT NULL,
    PRIMARY KEY (import_id, part)
);
-- An import left unfinished by the old mechanism has no job and its spool file is one replica's: it
-- cannot resume, so it fails now rather than staying RUNNING.
UPDATE tenant_import SET status = 'FAILED', finished_at = now() WHERE status IN ('QUEUED', 'RUNNING');
ALTER TABLE tenant_import DROP COLUMN heartbeat_at;
ALTER TABLE tenant_import DROP COLUMN spool_path;
