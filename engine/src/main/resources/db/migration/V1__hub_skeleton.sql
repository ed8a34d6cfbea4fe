-- The HUB's system of record. Public ids are UUIDs; money is integer cents; every client-facing row
-- carries the agency it belongs to.

create table agency (
    id         uuid primary key,
    name       text not null,
    kind       text not null check (kind in ('HUB', 'CARE_COORDINATION_AGENCY', 'PAYER')),
    created_at timestamptz not null default now()
);

create table payer (
    id   uuid primary key,
    code text not null unique,
    name text not null
);

create table client (
    id                        uuid primary key,
    agency_id                 uuid not null references agency (id),
    given_name                text not null,
    family_name               text not null,
    name_key                  text not null,
    birth_date                date not null,
    phone                     text,
    phone_key                 text,
    medicaid_id               text,
    payer_id                  uuid references payer (id),
    coverage_member_id        text,
    duplicate_override_reason text,
    created_at                timestamptz not null,
    version                   bigint not null default 0
);
-- An exact identifier is one person: the database, not a read-then-insert, keeps it unique.
create unique index client_medicaid_id_unique on client (medicaid_id) where medicaid_id is not null;
create index client_name_birth on client (name_key, birth_date);
create index client_phone_birth on client (phone_key, birth_date) where phone_key is not null;

create table checklist (
    id                   uuid primary key,
    client_id            uuid not null references client (id),
    agency_id            uuid not null references agency (id),
    kind                 text not null,
    answers              jsonb not null,
    score                integer not null,
    tier                 text not null,
    rule_package_version text not null,
    submitted_at         timestamptz not null
);
create index checklist_client on checklist (client_id, submitted_at desc);

create table checklist_recommendation (
    checklist_id uuid not null references checklist (id),
    pathway_code text not null,
    rule_name    text not null,
    primary key (checklist_id, pathway_code)
);

-- Every published version of a pathway definition. Pathways start on the version recorded on them,
-- by that version's engine key, never on "latest".
create table pathway_definition (
    id           uuid primary key,
    code         text not null,
    version      integer not null,
    process_id   text not null,
    descriptor   jsonb not null,
    bpmn         bytea not null,
    checksum     text not null,
    engine_key   bigint,
    active       boolean not null,
    published_at timestamptz not null,
    unique (code, version)
);
create unique index pathway_definition_one_active on pathway_definition (code) where active;

create table pathway (
    id                        uuid primary key,
    client_id                 uuid not null references client (id),
    agency_id                 uuid not null references agency (id),
    definition_id             uuid not null references pathway_definition (id),
    code                      text not null,
    type_code                 text not null default '',
    payer_id                  uuid references payer (id),
    status                    text not null check (status in ('ACTIVE', 'COMPLETED', 'FINISHED_INCOMPLETE')),
    current_step              text,
    close_requested_reason    text,
    close_reason              text,
    outcome_variant           text,
    opening_fields            jsonb not null,
    eligibility_rule_version  text not null,
    opened_on                 date not null,
    due_date                  date not null,
    deadline                  timestamptz not null,
    process_instance_key      bigint,
    opened_at                 timestamptz not null,
    closed_at                 timestamptz,
    version                   bigint not null default 0
);
-- One open pathway per client, pathway code and type code in the whole HUB.
create unique index pathway_one_open on pathway (client_id, code, type_code) where status = 'ACTIVE';
create index pathway_client on pathway (client_id);

create table pathway_step (
    id              uuid primary key,
    pathway_id      uuid not null references pathway (id),
    agency_id       uuid not null references agency (id),
    step_code       text not null,
    occurred_on     date not null,
    recorded_at     timestamptz not null,
    data            jsonb not null,
    evidence        jsonb,
    note            text,
    idempotency_key text not null,
    request_hash    text not null,
    unique (pathway_id, idempotency_key),
    unique (pathway_id, step_code)
);

-- Transactional outbox: written with the change it announces, delivered to the engine in order per pathway.
create table outbox (
    id              bigserial primary key,
    pathway_id      uuid not null,
    kind            text not null check (kind in ('START_PROCESS', 'PUBLISH_MESSAGE')),
    payload         jsonb not null,
    created_at      timestamptz not null,
    attempts        integer not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    delivered_at    timestamptz
);
create index outbox_undelivered on outbox (pathway_id, id) where delivered_at is null;

create table payment_contract (
    id             uuid primary key,
    payer_id       uuid not null references payer (id),
    name           text not null,
    effective_from date not null,
    effective_to   date
);

create table payment_rate (
    contract_id     uuid not null references payment_contract (id),
    pathway_code    text not null,
    milestone       text not null,
    outcome_variant text not null,
    amount_cents    bigint not null check (amount_cents >= 0),
    primary key (contract_id, pathway_code, milestone, outcome_variant)
);

-- What the payment rules decided for a step, kept so a redelivered job never recomputes it.
create table milestone_decision (
    step_id              uuid primary key references pathway_step (id),
    pathway_id           uuid not null references pathway (id),
    milestone            text,
    outcome_variant      text,
    rule_name            text,
    rule_package_version text not null,
    decided_at           timestamptz not null
);

-- Append-only: a correction is a reversal row, never an update or a delete.
create table payment_ledger (
    id                   uuid primary key,
    seq                  bigserial not null unique,
    entry_type           text not null check (entry_type in ('EARNING', 'REVERSAL')),
    reverses             uuid references payment_ledger (id),
    pathway_id           uuid not null references pathway (id),
    step_id              uuid not null references pathway_step (id),
    payer_id             uuid not null references payer (id),
    agency_id            uuid not null references agency (id),
    pathway_code         text not null,
    milestone            text not null,
    outcome_variant      text not null,
    occurrence           integer not null default 1,
    amount_cents         bigint not null,
    contract_id          uuid not null references payment_contract (id),
    rule_package_version text not null,
    occurred_on          date not null,
    recorded_at          timestamptz not null
);
create unique index payment_ledger_one_earning on payment_ledger (pathway_id, milestone, occurrence)
    where entry_type = 'EARNING';
create index payment_ledger_report on payment_ledger (payer_id, occurred_on);

create function payment_ledger_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'payment_ledger is append-only: record a reversal instead';
end $$;
create trigger payment_ledger_append_only before update or delete on payment_ledger
    for each row execute function payment_ledger_is_append_only();

-- Seeds: the HUB itself, one care coordination agency, one payer with a default contract.
insert into agency (id, name, kind) values
    ('00000000-0000-0000-0000-000000000001', 'Community HUB', 'HUB'),
    ('00000000-0000-0000-0000-000000000002', 'Default Care Coordination Agency', 'CARE_COORDINATION_AGENCY');
insert into payer (id, code, name) values
    ('00000000-0000-0000-0000-0000000000a1', 'STATE_MEDICAID', 'State Medicaid (default contract)');
insert into payment_contract (id, payer_id, name, effective_from, effective_to) values
    ('00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-0000000000a1', 'Default outcome contract', date '2020-01-01', null);
insert into payment_rate (contract_id, pathway_code, milestone, outcome_variant, amount_cents) values
    ('00000000-0000-0000-0000-0000000000c1', 'HOUSING',       'OUTCOME_CONFIRMED', 'STANDARD',             45000),
    ('00000000-0000-0000-0000-0000000000c1', 'PREGNANCY',     'SERVICE_CONFIRMED', 'STANDARD',             15000),
    ('00000000-0000-0000-0000-0000000000c1', 'PREGNANCY',     'OUTCOME_CONFIRMED', 'HEALTHY_BIRTH_WEIGHT', 60000),
    ('00000000-0000-0000-0000-0000000000c1', 'PREGNANCY',     'OUTCOME_CONFIRMED', 'LOW_BIRTH_WEIGHT',         0),
    ('00000000-0000-0000-0000-0000000000c1', 'MEDICAL_HOME',  'OUTCOME_CONFIRMED', 'STANDARD',             20000),
    ('00000000-0000-0000-0000-0000000000c1', 'FOOD_SECURITY', 'OUTCOME_CONFIRMED', 'STANDARD',             12500);
