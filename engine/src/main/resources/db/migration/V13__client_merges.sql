-- Two records of one person are merged by a HUB administrator in two steps: a proposal that shows what
-- would move and what stands in the way, then a confirmation. The duplicate record stays, pointing at
-- its survivor, so that old links and the audit log still resolve.
alter table client add column merged_into uuid references client (id);

create table client_merge (
    id                uuid primary key,
    survivor_id       uuid not null references client (id),
    duplicate_id      uuid not null references client (id),
    reason            text not null,
    status            text not null check (status in ('PROPOSED', 'MERGED')),
    survivor_version  bigint not null,
    duplicate_version bigint not null,
    proposed_by       uuid not null references app_user (id),
    proposed_at       timestamptz not null,
    confirmed_by      uuid references app_user (id),
    confirmed_at      timestamptz,
    moved             jsonb,
    check (survivor_id <> duplicate_id)
);
-- A record is merged away once.
create unique index client_merge_once on client_merge (duplicate_id) where status = 'MERGED';
create index client_merge_survivor on client_merge (survivor_id);
