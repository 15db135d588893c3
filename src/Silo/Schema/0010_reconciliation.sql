-- Reconciliation of calls and messages whose terminal status callback never came (lost by SignalWire or by us).
-- The sweeper reads the log tables for rows that are not final and old enough; these partial indexes hold only those
-- rows (a small set: nearly every call and message ends), so a sweep costs a short index range scan however many
-- calls are logged, and the webhook path writes nothing more than before. Idempotent: safe to run again.
CREATE INDEX IF NOT EXISTS receptionist_call_log_unsettled
    ON receptionist_call_log (created_at)
    WHERE status IN ('queued', 'initiated', 'ringing', 'in-progress');

CREATE INDEX IF NOT EXISTS receptionist_message_log_unsettled
    ON receptionist_message_log (created_at)
    WHERE status IN ('queued', 'initiated', 'sending', 'receiving', 'sent');

-- What the sweeper learnt about each call or message it checked (written by the sweeper only, never on the webhook
-- path): when to check again a call SignalWire still reports live, that SignalWire no longer knows a SID (never
-- fetched again), or that the SID was settled. kind 'reply' is an auto-reply whose send timed out, so no SID is
-- known: sid is the inbound message's, and from/to/body identify the reply in SignalWire's message list.
CREATE TABLE IF NOT EXISTS receptionist_reconciliation (
    kind          text        NOT NULL,
    sid           text        NOT NULL,
    tenant_id     text        NOT NULL,
    state         text        NOT NULL,
    checks        integer     NOT NULL DEFAULT 0,
    next_check_at timestamptz NOT NULL,
    created_at    timestamptz NOT NULL,
    last_status   text,
    from_number   text,
    to_number     text,
    body          text,
    PRIMARY KEY (kind, sid)
);

CREATE INDEX IF NOT EXISTS receptionist_reconciliation_due
    ON receptionist_reconciliation (kind, next_check_at)
    WHERE state = 'waiting';

CREATE INDEX IF NOT EXISTS receptionist_reconciliation_created
    ON receptionist_reconciliation (created_at);
