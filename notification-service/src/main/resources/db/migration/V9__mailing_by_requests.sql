-- A mailing whose recipients come as message requests (issue 18): a sending service opens it
-- (nl.meedoen.notification.mailing-requested.v1) and names it in each message request (mailingId), each with its
-- own data (a personal sign-up link). No audience to materialise here: it is complete once the sender's
-- count of requests (audience_size) has arrived as deliveries. Pause, resume and cancel work as for any mailing.
ALTER TABLE mailing ADD COLUMN by_requests BOOLEAN NOT NULL DEFAULT false;
