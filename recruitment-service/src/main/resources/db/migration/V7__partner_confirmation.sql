-- In a corporation's APPOINTMENT campaign with a partner tenant organisation, an appointment the corporation makes waits
-- for the partner's confirmation: it holds its place, but the appointee is not told and the campaign is not seated until then.
ALTER TABLE signup ADD COLUMN awaiting_partner BOOLEAN NOT NULL DEFAULT FALSE;
