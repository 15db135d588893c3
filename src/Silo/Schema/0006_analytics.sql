-- Analytics (issue 6): the contribution ledger and the rollups derived from it, changed together in one transaction
-- per batch by the tenant's grain. The ledger holds exactly one row per call or message (its latest contribution), so
-- a re-delivered contribution is recognised and a corrected one replaces the old (its difference goes to the rollups).
-- Idempotent: safe to run again.
CREATE TABLE IF NOT EXISTS analytics_contribution (
    tenant_id      text          NOT NULL,
    kind           text          NOT NULL,
    sid            text          NOT NULL,
    version        integer       NOT NULL,
    occurred_at    timestamptz   NOT NULL,
    bucket_day     date          NOT NULL,
    phone_number   text          NOT NULL,
    currency       text          NOT NULL,
    cost           numeric(18, 5) NOT NULL,
    calls_total    bigint        NOT NULL,
    calls_answered bigint        NOT NULL,
    calls_missed   bigint        NOT NULL,
    calls_failed   bigint        NOT NULL,
    calls_inbound  bigint        NOT NULL,
    calls_outbound bigint        NOT NULL,
    talk_seconds   bigint        NOT NULL,
    sms_sent       bigint        NOT NULL,
    sms_received   bigint        NOT NULL,
    sms_delivered  bigint        NOT NULL,
    sms_failed     bigint        NOT NULL,
    ivr_choices    jsonb         NOT NULL DEFAULT '[]',
    PRIMARY KEY (tenant_id, kind, sid)
);

-- One row per tenant-local day, tenant number and currency ('' for contributions without a price).
CREATE TABLE IF NOT EXISTS analytics_rollup (
    tenant_id      text          NOT NULL,
    bucket_day     date          NOT NULL,
    phone_number   text          NOT NULL,
    currency       text          NOT NULL,
    cost           numeric(20, 5) NOT NULL,
    calls_total    bigint        NOT NULL,
    calls_answered bigint        NOT NULL,
    calls_missed   bigint        NOT NULL,
    calls_failed   bigint        NOT NULL,
    calls_inbound  bigint        NOT NULL,
    calls_outbound bigint        NOT NULL,
    talk_seconds   bigint        NOT NULL,
    sms_sent       bigint        NOT NULL,
    sms_received   bigint        NOT NULL,
    sms_delivered  bigint        NOT NULL,
    sms_failed     bigint        NOT NULL,
    PRIMARY KEY (tenant_id, bucket_day, phone_number, currency)
);

CREATE TABLE IF NOT EXISTS analytics_ivr_rollup (
    tenant_id    text   NOT NULL,
    bucket_day   date   NOT NULL,
    phone_number text   NOT NULL,
    choice       text   NOT NULL,
    taken        bigint NOT NULL,
    PRIMARY KEY (tenant_id, bucket_day, phone_number, choice)
);
