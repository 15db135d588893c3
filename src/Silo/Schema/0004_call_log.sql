-- The call log: one row per call, derived from (and written by) the call's grain, so the call list can filter,
-- order and page over any number of calls without activating them. Idempotent: safe to run again.
CREATE TABLE IF NOT EXISTS receptionist_call_log (
    call_sid         text        PRIMARY KEY,
    tenant_id        text        NOT NULL,
    direction        text        NOT NULL,
    status           text        NOT NULL,
    from_number      text,
    to_number        text,
    created_at       timestamptz NOT NULL,
    rang_at          timestamptz,
    answered_at      timestamptz,
    ended_at         timestamptz,
    duration_seconds integer,
    price            numeric(12, 5),
    price_unit       text,
    answered_by      text,
    version          integer     NOT NULL
);

-- Newest first per tenant, with the call SID as the tie-breaker of the keyset cursor.
CREATE INDEX IF NOT EXISTS receptionist_call_log_tenant_created
    ON receptionist_call_log (tenant_id, created_at DESC, call_sid DESC);

CREATE INDEX IF NOT EXISTS receptionist_call_log_tenant_from
    ON receptionist_call_log (tenant_id, from_number, created_at DESC);

CREATE INDEX IF NOT EXISTS receptionist_call_log_tenant_to
    ON receptionist_call_log (tenant_id, to_number, created_at DESC);
