-- Contacts with clients: visits and calls that reached them, and attempts that did not. They are the evidence
-- behind UNABLE_TO_LOCATE and the monthly-contact rule. Append-only facts: a contact belongs to the client
-- (it follows them on a merge) and keeps the agency and member who made it.
create table client_contact (
    id          uuid primary key,
    client_id   uuid not null references client (id),
    agency_id   uuid not null references agency (id),
    member_id   uuid not null references app_user (id),
    kind        text not null check (kind in ('VISIT', 'CALL', 'ATTEMPT')),
    occurred_at timestamptz not null,
    note        text check (length(note) <= 1000),
    recorded_at timestamptz not null
);
-- A client's contacts, newest first, and their last reaching contact for the worklist.
create index client_contact_client on client_contact (client_id, occurred_at desc);
create index client_contact_reached on client_contact (client_id, occurred_at desc) where kind <> 'ATTEMPT';

-- The worklist reads open pathways by agency in due-date order, and a CHW's clients.
create index pathway_open_agency_due on pathway (agency_id, due_date, id) where status = 'ACTIVE';
create index client_assigned on client (assigned_user_id) where merged_into is null;
