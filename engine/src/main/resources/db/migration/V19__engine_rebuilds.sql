-- Rebuilding engine state from PostgreSQL: one row per rebuild with its progress, one row per pathway it
-- handed over to a new process instance (so that a resumed rebuild skips those), and the outbox rows a
-- rebuild replaced by its replay.
create table engine_rebuild (
    id              uuid primary key,
    requested_by    text not null,
    scope           uuid[],             -- the pathways asked for; null: every open pathway
    status          text not null check (status in ('RUNNING', 'FINISHED', 'FAILED')),
    phase           text not null check (phase in ('WAITING_FOR_ENGINE', 'REDEPLOYING', 'CANCELLING', 'REPLAYING', 'DONE')),
    definitions     integer not null default 0,
    pathways_total  integer not null default 0,
    pathways_done   integer not null default 0,
    pathways_failed integer not null default 0,
    last_error      text,
    started_at      timestamptz not null,
    finished_at     timestamptz
);
-- One rebuild at a time, across every instance of the application on this database.
create unique index engine_rebuild_one_running on engine_rebuild ((true)) where status = 'RUNNING';

create table engine_rebuild_pathway (
    rebuild_id   uuid not null references engine_rebuild (id),
    pathway_id   uuid not null references pathway (id),
    outcome      text not null check (outcome in ('REPLAYED', 'CLOSED', 'FAILED')),
    steps        integer not null default 0,
    error        text,
    at           timestamptz not null,
    primary key (rebuild_id, pathway_id)
);

alter table outbox add column superseded_by uuid references engine_rebuild (id);
