-- How a response came in when staff entered it: PAPER or PHONE. NULL for one given online, and for every response of
-- an ANONYMOUS consultation, whose channel is not kept: a few paper responses among many online ones would stand out.
ALTER TABLE response ADD COLUMN channel TEXT;
