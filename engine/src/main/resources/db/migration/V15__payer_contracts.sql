-- Payer contracts authored by HUB administrators (issue 5, item 5). A contract prices the events that
-- occur within its effective dates; contracts of one payer never overlap, so exactly one prices a day.
-- btree_gist lets the exclusion constraint compare payer ids with "=" in a GiST index; it ships with
-- PostgreSQL's contrib (also in the embedded binaries) and is a trusted extension since PostgreSQL 13.
create extension if not exists btree_gist;

alter table payment_contract
    add column requires_outcome_approval boolean not null default false,
    add column created_by uuid references app_user (id),
    add column created_at timestamptz not null default now(),
    add constraint payment_contract_dates check (effective_to is null or effective_to >= effective_from),
    add constraint payment_contract_no_overlap exclude using gist (
        payer_id with =, daterange(effective_from, effective_to, '[]') with &&);

-- An outcome priced by a contract that requires a supervisor's approval waits here; the approval writes
-- its earning to the ledger (append-only, so nothing is written there before it is billable). One row
-- per outcome step, written in the transaction that stores the step's milestone decision.
create table outcome_approval (
    step_id              uuid primary key references pathway_step (id),
    pathway_id           uuid not null unique references pathway (id),
    payer_id             uuid not null references payer (id),
    agency_id            uuid not null references agency (id),
    pathway_code         text not null,
    milestone            text not null,
    outcome_variant      text not null,
    amount_cents         bigint not null check (amount_cents >= 0),
    contract_id          uuid not null references payment_contract (id),
    rule_package_version text not null,
    occurred_on          date not null,
    awaiting_since       timestamptz not null,
    approved_by          uuid references app_user (id),
    approved_at          timestamptz,
    check ((approved_by is null) = (approved_at is null))
);
create index outcome_approval_awaiting on outcome_approval (awaiting_since) where approved_at is null;
create index outcome_approval_contract on outcome_approval (contract_id, occurred_on);
create index payment_ledger_contract on payment_ledger (contract_id, occurred_on);

-- One payer of record per pathway, from the client's coverage when it opened: it never changes, not on a
-- transfer nor a merge (the survivor may take a payer, its existing pathways keep theirs).
create function pathway_payer_is_fixed() returns trigger language plpgsql as $$
begin
    raise exception 'pathway.payer_id is the payer of record from the opening and never changes';
end $$;
create trigger pathway_payer_fixed before update of payer_id on pathway
    for each row when (old.payer_id is distinct from new.payer_id) execute function pathway_payer_is_fixed();
