-- The payment report sums a payer's ledger over a period. Read from the ledger itself, its cost grows with
-- every earning ever recorded (a year of a million pathways is a million rows to aggregate per request).
-- The ledger is append-only, so its sums per day only ever grow: this table keeps them, one row per payer,
-- day, agency, pathway, milestone and outcome variant, and the report reads at most one row per group and
-- day. It is kept in the same transaction as the ledger rows (a statement trigger over the inserted rows),
-- so the report still reconciles with the ledger to the cent at every moment.
create table payment_ledger_daily (
    payer_id        uuid not null references payer (id),
    occurred_on     date not null,
    agency_id       uuid not null references agency (id),
    pathway_code    text not null,
    milestone       text not null,
    outcome_variant text not null,
    earnings        bigint not null,
    reversals       bigint not null,
    amount_cents    bigint not null,
    primary key (payer_id, occurred_on, agency_id, pathway_code, milestone, outcome_variant)
);

create function payment_ledger_daily_add() returns trigger language plpgsql as $$
begin
    -- Rows locked in key order, so two transactions adding to the same groups cannot deadlock.
    insert into payment_ledger_daily as daily (payer_id, occurred_on, agency_id, pathway_code, milestone,
                                               outcome_variant, earnings, reversals, amount_cents)
    select payer_id, occurred_on, agency_id, pathway_code, milestone, outcome_variant,
           count(*) filter (where entry_type = 'EARNING'), count(*) filter (where entry_type = 'REVERSAL'),
           sum(amount_cents)
      from inserted
     group by payer_id, occurred_on, agency_id, pathway_code, milestone, outcome_variant
     order by payer_id, occurred_on, agency_id, pathway_code, milestone, outcome_variant
    on conflict (payer_id, occurred_on, agency_id, pathway_code, milestone, outcome_variant) do update
       set earnings = daily.earnings + excluded.earnings,
           reversals = daily.reversals + excluded.reversals,
           amount_cents = daily.amount_cents + excluded.amount_cents;
    return null;
end $$;

-- One statement trigger per insert (a COPY of a million rows is one aggregate, not a million upserts).
create trigger payment_ledger_daily_add after insert on payment_ledger
    referencing new table as inserted
    for each statement execute function payment_ledger_daily_add();

insert into payment_ledger_daily (payer_id, occurred_on, agency_id, pathway_code, milestone, outcome_variant,
                                  earnings, reversals, amount_cents)
select payer_id, occurred_on, agency_id, pathway_code, milestone, outcome_variant,
       count(*) filter (where entry_type = 'EARNING'), count(*) filter (where entry_type = 'REVERSAL'),
       sum(amount_cents)
  from payment_ledger
 group by payer_id, occurred_on, agency_id, pathway_code, milestone, outcome_variant;
