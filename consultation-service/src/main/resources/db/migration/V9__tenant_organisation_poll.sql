-- The tenant organisation as an equal party.
-- alignment_requested_at: when the other party was (last) asked to align, i.e. when the current alignment became
-- PENDING. A corporation's consultation whose partner stays silent may open meedoen.consultation.alignment-period
-- after it; it then records NOT_GIVEN and respondents are told.
ALTER TABLE consultation ADD COLUMN alignment_requested_at TIMESTAMPTZ;
UPDATE consultation SET alignment_requested_at = created_at WHERE alignment_status = 'PENDING';
-- A tenant organisation's own poll (initiator_party = 'tenant-organisation') is private to it: the corporation reads
-- its raw responses and exports only while the tenant organisation grants it (granted_at not null), and its results
-- once they are published. Grant and revoke are audited.
ALTER TABLE consultation ADD COLUMN corporation_access_granted_at TIMESTAMPTZ;
ALTER TABLE consultation ADD COLUMN corporation_access_granted_by TEXT;
