-- Analytics contributions as the transaction of their source's state write appends them: one narrow row each, so the
-- webhook's commit carries the contribution without the ledger's read-compare-replace and the rollups' upserts. The
-- tenant's ledger and rollups take appended rows in (and they are deleted) in one transaction per fold: in the
-- background every few seconds, and before every read, so reports stay exact. `entry` is the contribution's figures and
-- day as JSON, read only by the fold. Idempotent: safe to run again.
CREATE TABLE IF NOT EXISTS analytics_appended (
    tenant_id text   NOT NULL,
    appended  bigint GENERATED ALWAYS AS IDENTITY,
    kind      text   NOT NULL,
    sid       text   NOT NULL,
    entry     text   NOT NULL,
    PRIMARY KEY (tenant_id, appended)
);
