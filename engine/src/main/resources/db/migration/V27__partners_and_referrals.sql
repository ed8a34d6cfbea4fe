-- Partners (health systems, EHRs, referral platforms) refer clients over FHIR; a referral waits for the
-- receiving agency to accept it (docs/fhir.md).

alter table agency drop constraint agency_kind_check;
alter table agency add constraint agency_kind_check
    check (kind in ('HUB', 'CARE_COORDINATION_AGENCY', 'PAYER', 'PARTNER'));
alter table app_user drop constraint app_user_role_check;
alter table app_user add constraint app_user_role_check
    check (role in ('HUB_ADMIN', 'SUPERVISOR', 'CHW', 'FUNDER', 'PARTNER'));

create table referral (
    id                  uuid primary key,
    partner_agency_id   uuid not null references agency (id),
    referred_by         uuid not null references app_user (id),
    -- The partner's own id of its Task (Task.identifier): one referral per partner and id.
    partner_reference   text,
    receiving_agency_id uuid not null references agency (id),
    pathway_code        text not null,
    given_name          text not null,
    family_name         text not null,
    birth_date          date not null,
    phone               text,
    medicaid_id         text,
    note                text,
    status              text not null check (status in ('PENDING', 'ACCEPTED', 'REJECTED')),
    received_at         timestamptz not null,
    decided_at          timestamptz,
    decided_by          uuid references app_user (id),
    reject_reason       text,
    client_id           uuid references client (id),
    pathway_id          uuid references pathway (id),
    version             bigint not null default 0,
    unique (partner_agency_id, partner_reference),
    check ((status = 'ACCEPTED') = (client_id is not null and pathway_id is not null)),
    check ((status = 'REJECTED') = (reject_reason is not null))
);
create index referral_receiving on referral (receiving_agency_id, status, received_at);
create index referral_client on referral (client_id) where client_id is not null;
