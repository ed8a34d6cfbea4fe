-- Corrections (issue 8 item 1): a step entered in error is voided, never deleted. It stays in the step log
-- with who voided it, when and why; only the steps that are not void count for the pathway, so a voided
-- step no longer blocks a later valid step with the same code.
alter table pathway_step
    add column voided_at   timestamptz,
    add column voided_by   text,
    add column void_reason text,
    add constraint pathway_step_void_complete
        check ((voided_at is null) = (voided_by is null) and (voided_at is null) = (void_reason is null));
alter table pathway_step drop constraint pathway_step_pathway_id_step_code_key;
create unique index pathway_step_one_valid on pathway_step (pathway_id, step_code) where voided_at is null;

-- An outcome awaiting approval whose step is voided is withdrawn: nothing is left to approve, and a later
-- valid outcome step holds its own earning for approval.
alter table outcome_approval add column withdrawn_at timestamptz;
alter table outcome_approval drop constraint outcome_approval_pathway_id_key;
create unique index outcome_approval_one_held on outcome_approval (pathway_id) where withdrawn_at is null;

-- A void hands the pathway over to a new process instance: the old one is cancelled through the outbox (in
-- order, before the new start), and the pathway's undelivered rows are replaced by the replay.
alter table outbox drop constraint outbox_kind_check;
alter table outbox add constraint outbox_kind_check
    check (kind in ('START_PROCESS', 'PUBLISH_MESSAGE', 'CANCEL_INSTANCE'));
alter table outbox add column superseded_by_void uuid references pathway_step (id);

-- A reversal reverses one earning, once.
create unique index payment_ledger_one_reversal on payment_ledger (reverses) where entry_type = 'REVERSAL';
