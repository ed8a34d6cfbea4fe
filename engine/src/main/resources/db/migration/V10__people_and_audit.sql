-- People of the HUB and the record of every access to client data.

-- A PAYER agency stands for one payer: its funders see that payer's reports and nothing else.
alter table payer add column agency_id uuid references agency (id);

create table app_user (
    id             uuid primary key,
    username       text not null unique,
    password_hash  text not null,
    role           text not null check (role in ('HUB_ADMIN', 'SUPERVISOR', 'CHW', 'FUNDER')),
    agency_id      uuid not null references agency (id),
    active         boolean not null default true,
    -- Bumped on deactivation: tokens carry it, so every token issued before stops working at once.
    token_version  integer not null default 0,
    created_at     timestamptz not null,
    deactivated_at timestamptz
);

-- The CHW a client is assigned to (the CHW who registered them, until reassigned).
alter table client add column assigned_user_id uuid references app_user (id);

-- Append-only, like the ledger: who did what to which object, when, from where, and how it ended.
create table audit_event (
    id          bigserial primary key,
    at          timestamptz not null,
    user_id     uuid,
    username    text,
    role        text,
    agency_id   uuid,
    action      text not null,
    path        text not null,
    object_type text,
    object_id   text,
    client_id   uuid,
    status      integer not null,
    outcome     text not null check (outcome in ('ALLOWED', 'DENIED', 'FAILED')),
    remote_addr text
);
create index audit_event_object on audit_event (object_type, object_id, at);
create index audit_event_user on audit_event (user_id, at);
create index audit_event_client on audit_event (client_id, at) where client_id is not null;

create function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only';
end $$;
create trigger audit_event_append_only before update or delete on audit_event
    for each row execute function audit_event_is_append_only();
