-- Selection per participation form. A campaign selects by APPOINTMENT (the organising board chooses from the
-- sign-ups, with a recorded reason), OPEN_UP_TO_CAPACITY (everyone is in, first come, up to the seats; the rest
-- waitlisted) or LOTTERY_WHEN_OVERSUBSCRIBED (everyone seated when sign-ups <= seats, a lottery only above).
-- Campaigns from before this column kept today's path: the lottery.
ALTER TABLE campaign ADD COLUMN selection_mode TEXT NOT NULL DEFAULT 'LOTTERY_WHEN_OVERSUBSCRIBED';
-- How the seats were given when that was not a draw: EVERYONE_SEATED (no lottery needed), APPOINTED, FIRST_COME.
ALTER TABLE campaign ADD COLUMN seating TEXT;
ALTER TABLE campaign ADD COLUMN seated_at TIMESTAMPTZ;

-- Outside a draw: why the board appointed (or kept as reserve) this tenant, who did, and when the seat or the
-- waitlist place was given (the waitlist's order).
ALTER TABLE signup ADD COLUMN selection_reason TEXT;
ALTER TABLE signup ADD COLUMN selected_by TEXT;
ALTER TABLE signup ADD COLUMN placed_at TIMESTAMPTZ;
