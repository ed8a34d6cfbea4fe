-- A client moves between agencies only by a HUB administrator's transfer, with a reason, kept here.
create table client_transfer (
    id             uuid primary key,
    client_id      uuid not null references client (id),
    from_agency_id uuid not null references agency (id),
    to_agency_id   uuid not null references agency (id),
    reason         text not null,
    transferred_by uuid not null references app_user (id),
    transferred_at timestamptz not null
);
create index client_transfer_client on client_transfer (client_id, transferred_at);
