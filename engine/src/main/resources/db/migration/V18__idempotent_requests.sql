-- The first answer to a request sent with an Idempotency-Key, kept so that a retry gets the same answer and
-- writes nothing. Scoped to the caller and the endpoint (method and path); kept for hub.idempotency.retention.
create table idempotent_request (
    user_id         uuid not null,
    method          text not null,
    path            text not null,
    idempotency_key text not null,
    request_hash    text not null,
    status          integer not null,
    content_type    text,
    location        text,
    etag            text,
    body            bytea not null,
    created_at      timestamptz not null,
    primary key (user_id, method, path, idempotency_key)
);
create index idempotent_request_age on idempotent_request (created_at);

-- A pathway's revision: the changes its readers see (steps, close request, outcome, agency), its ETag.
alter table pathway add column revision bigint not null default 0;
