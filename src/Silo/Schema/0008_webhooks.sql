-- The tenant events outbox and webhook delivery log: one row per (event, endpoint), inserted in the transaction of
-- the grain-state write that produced the event, then updated by the tenant's dispatcher on every attempt.
-- Idempotent: safe to run again.
CREATE TABLE IF NOT EXISTS receptionist_webhook_delivery (
    delivery_id     text        PRIMARY KEY,
    tenant_id       text        NOT NULL,
    endpoint_id     text        NOT NULL,
    -- The webhook-id: derived from the event's cause, so the same event is queued once per endpoint.
    event_id        text        NOT NULL,
    event_type      text        NOT NULL,
    -- The exact JSON body sent and signed.
    payload         text        NOT NULL,
    created_at      timestamptz NOT NULL,
    -- Start of the retry window (the creation, or the last replay); a delivery failing past it is parked.
    retry_from      timestamptz NOT NULL,
    status          text        NOT NULL,
    next_attempt_at timestamptz,
    attempt_count   integer     NOT NULL DEFAULT 0,
    -- The latest attempts (at, statusCode, error, durationMs), newest last, bounded by the dispatcher.
    attempts        jsonb       NOT NULL DEFAULT '[]',
    updated_at      timestamptz NOT NULL,
    CONSTRAINT receptionist_webhook_delivery_once UNIQUE (endpoint_id, event_id)
);

-- What the dispatcher asks: a tenant's pending deliveries by due time.
CREATE INDEX IF NOT EXISTS receptionist_webhook_delivery_due
    ON receptionist_webhook_delivery (tenant_id, next_attempt_at) WHERE status = 'pending';

-- The delivery log: one endpoint's deliveries, newest first, the delivery id breaking ties of the keyset cursor.
CREATE INDEX IF NOT EXISTS receptionist_webhook_delivery_log
    ON receptionist_webhook_delivery (tenant_id, endpoint_id, created_at DESC, delivery_id DESC);

-- Retention: finished deliveries by age.
CREATE INDEX IF NOT EXISTS receptionist_webhook_delivery_finished
    ON receptionist_webhook_delivery (tenant_id, updated_at) WHERE status <> 'pending';
