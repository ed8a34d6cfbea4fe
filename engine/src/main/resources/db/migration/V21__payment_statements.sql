-- Payment statements (issue 8, item 2). An open statement is computed from the ledger each time it is read;
-- closing one freezes it here: which ledger rows it billed and the lines and totals it showed. Nothing in
-- these tables is ever updated or deleted.
create table payment_statement (
    id               uuid primary key,
    payer_id         uuid not null references payer (id),
    month_start      date not null check (extract(day from month_start) = 1),
    closed_at        timestamptz not null,
    closed_by        uuid not null references app_user (id),
    current_cents    bigint not null,
    adjustment_cents bigint not null,
    total_cents      bigint not null check (total_cents = current_cents + adjustment_cents),
    -- A payer's month closes once: a second close, on this instance or another, finds this row.
    constraint payment_statement_once unique (payer_id, month_start)
);

-- Which closed statement billed a ledger row: the primary key puts every row on at most one closed
-- statement, so two closes can never bill it twice.
create table payment_statement_entry (
    ledger_entry_id uuid primary key references payment_ledger (id),
    statement_id    uuid not null references payment_statement (id),
    kind            text not null check (kind in ('CURRENT', 'ADJUSTMENT'))
);
create index payment_statement_entry_statement on payment_statement_entry (statement_id);

-- The lines as the closed statement showed them (agency names included, should an agency be renamed later).
create table payment_statement_line (
    statement_id    uuid not null references payment_statement (id),
    line_no         integer not null,
    kind            text not null check (kind in ('CURRENT', 'ADJUSTMENT')),
    agency_id       uuid not null references agency (id),
    agency_name     text not null,
    pathway_code    text not null,
    milestone       text not null,
    outcome_variant text not null,
    entry_count     bigint not null,
    amount_cents    bigint not null,
    primary key (statement_id, line_no)
);

-- Each release of a closed statement's member-level export to its payer, for claims matching: who, when, why.
create table payment_statement_member_export (
    id           uuid primary key,
    statement_id uuid not null references payment_statement (id),
    released_by  uuid not null references app_user (id),
    released_at  timestamptz not null,
    reason       text not null,
    entry_count  integer not null
);
create index payment_statement_member_export_statement on payment_statement_member_export (statement_id);

create function payment_statement_is_immutable() returns trigger language plpgsql as $$
begin
    raise exception '% is immutable: a closed statement never changes, corrections go on the next one', tg_table_name;
end $$;
create trigger payment_statement_immutable before update or delete on payment_statement
    for each row execute function payment_statement_is_immutable();
create trigger payment_statement_entry_immutable before update or delete on payment_statement_entry
    for each row execute function payment_statement_is_immutable();
create trigger payment_statement_line_immutable before update or delete on payment_statement_line
    for each row execute function payment_statement_is_immutable();
create trigger payment_statement_member_export_immutable before update or delete on payment_statement_member_export
    for each row execute function payment_statement_is_immutable();
