-- Rule packages authored at run time. PostgreSQL holds every version and which one is in force per
-- decision; every application instance polls it and switches its in-memory package within seconds.
create table rule_package (
    id           uuid primary key,
    decision     text not null check (decision in ('RISK', 'ELIGIBILITY', 'PAYMENT')),
    -- HUB-assigned: default-1 (the shipped package, seeded at first start), then risk-2, risk-3, ...
    version      text not null,
    sequence     integer not null check (sequence > 0),
    drl          text not null,
    checksum     text not null,
    note         text,
    status       text not null check (status in ('DRAFT', 'ACTIVE', 'RETIRED')),
    created_by   uuid references app_user (id),
    created_at   timestamptz not null,
    activated_by uuid references app_user (id),
    activated_at timestamptz,
    unique (decision, version),
    unique (decision, sequence)
);
-- At most one package in force per decision.
create unique index rule_package_one_active on rule_package (decision) where status = 'ACTIVE';

-- A version is immutable and never deleted: decisions record it, so its DRL must never change under them.
-- Only its status and activation (who, when) change.
create function rule_package_is_immutable() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        raise exception 'rule_package % % cannot be deleted: decisions may record it', old.decision, old.version;
    end if;
    if new.decision <> old.decision or new.version <> old.version or new.sequence <> old.sequence
       or new.drl <> old.drl or new.checksum <> old.checksum or new.note is distinct from old.note
       or new.created_by is distinct from old.created_by or new.created_at <> old.created_at then
        raise exception 'rule_package % % is immutable: upload a new version instead', old.decision, old.version;
    end if;
    return new;
end $$;
create trigger rule_package_immutable before update or delete on rule_package
    for each row execute function rule_package_is_immutable();
