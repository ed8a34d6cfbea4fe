-- Checklists are versioned definitions, published by HUB administrators like pathways: one active
-- version per kind; a submitted checklist records the version it answered.
create table checklist_definition (
    id           uuid primary key,
    kind         text not null,
    version      integer not null,
    definition   jsonb not null,
    checksum     text not null,
    active       boolean not null,
    published_by uuid references app_user (id),
    published_at timestamptz not null,
    unique (kind, version)
);
create unique index checklist_definition_one_active on checklist_definition (kind) where active;

-- Checklists submitted before definitions existed answered the initial checklist's first version; the
-- application fills the column in when it seeds that version.
alter table checklist add column definition_id uuid references checklist_definition (id),
                      add column definition_version integer;
