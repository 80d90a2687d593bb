-- A submission and a first fetch change an invitation's status. An index whose predicate reads the
-- status made each of those updates write new entries into every index of the table (not HOT);
-- indexed columns that never change, and free space in each page, keep them in place.
DROP INDEX invitation_not_completed;
CREATE INDEX invitation_by_consultation ON invitation (consultation_id, id);
ALTER TABLE invitation SET (fillfactor = 80);
