-- The public draw page: a drawn draw is readable without a token at /campaigns/public-draws/{public_id}. The campaign id
-- is no secret (it is in every event, message source, mailing and audit line), so the page has its own random id,
-- given when the draw is committed and told to the pool in the outcome messages.
ALTER TABLE draw ADD COLUMN public_id UUID;
UPDATE draw SET public_id = gen_random_uuid();
ALTER TABLE draw ALTER COLUMN public_id SET NOT NULL;
ALTER TABLE draw ADD CONSTRAINT draw_public_id_key UNIQUE (public_id);
