-- What seed 001's team does when the reshaping refuses its rows ("Fix or delete these rows, then run the reshaping
-- again"): each statement answers one refusal of changelog/adoption/seed-001-final.yaml's preflight.
-- A message with no role: an inbound message of an archived conversation, so the user's.
update public.messages_v2 set role = 'user' where role is null;
