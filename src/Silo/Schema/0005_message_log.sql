-- The message log: one row per SMS/MMS, derived from (and written by) the message's grain, so the SMS list can filter,
-- order and page over any number of messages without activating them. Idempotent: safe to run again.
CREATE TABLE IF NOT EXISTS receptionist_message_log (
    message_sid   text        PRIMARY KEY,
    tenant_id     text        NOT NULL,
    direction     text        NOT NULL,
    status        text        NOT NULL,
    from_number   text,
    to_number     text,
    body          text,
    media_urls    text[]      NOT NULL DEFAULT '{}',
    error_code    text,
    error_message text,
    price         numeric(12, 5),
    price_unit    text,
    created_at    timestamptz NOT NULL,
    sent_at       timestamptz,
    delivered_at  timestamptz,
    updated_at    timestamptz NOT NULL,
    in_reply_to   text,
    version       integer     NOT NULL
);

-- Newest first per tenant, with the message SID as the tie-breaker of the keyset cursor.
CREATE INDEX IF NOT EXISTS receptionist_message_log_tenant_created
    ON receptionist_message_log (tenant_id, created_at DESC, message_sid DESC);

CREATE INDEX IF NOT EXISTS receptionist_message_log_tenant_from
    ON receptionist_message_log (tenant_id, from_number, created_at DESC);

CREATE INDEX IF NOT EXISTS receptionist_message_log_tenant_to
    ON receptionist_message_log (tenant_id, to_number, created_at DESC);
