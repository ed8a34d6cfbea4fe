-- Dead letters: a row the engine keeps refusing (not one it cannot reach) stops being retried and waits
-- for a HUB administrator; its pathway's later rows wait behind it. Attempt times say since when it fails.
alter table outbox add column refusals         integer not null default 0,
                   add column first_attempt_at timestamptz,
                   add column last_attempt_at  timestamptz,
                   add column dead_at          timestamptz;
create index outbox_dead on outbox (id) where dead_at is not null and delivered_at is null;
