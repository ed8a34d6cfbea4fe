-- A client's consent to share their record with a partner (docs/fhir.md): what (categories), until when,
-- revocable. Every FHIR read by a partner checks for an active one.

create table consent (
    id                uuid primary key,
    client_id         uuid not null references client (id),
    partner_agency_id uuid not null references agency (id),
    categories        jsonb not null,
    valid_from        date not null,
    valid_to          date,
    recorded_by       uuid not null references app_user (id),
    recorded_at       timestamptz not null,
    revoked_at        timestamptz,
    revoked_by        uuid references app_user (id),
    revoke_reason     text,
    version           bigint not null default 0,
    check (valid_to is null or valid_to >= valid_from),
    check ((revoked_at is null) = (revoke_reason is null))
);
create index consent_client_partner on consent (client_id, partner_agency_id);
