-- Analytics (issue 17): ring time apart from talk time, missed calls texted back, and post-call outcomes (the call's
-- way through the menu; the AI agent's post-call report) as counters beside the others, in the ledger and the rollups.
-- Rows written before this script count zero for each. Idempotent: safe to run again.
ALTER TABLE analytics_contribution
    ADD COLUMN IF NOT EXISTS ring_seconds bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS ring_calls bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS texted_back bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS outcome_transferred bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS outcome_voicemail bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS outcome_sms_sent bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS outcome_information bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS outcome_agent bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS outcome_rejected bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS outcome_abandoned bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS ai_resolved bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS ai_transferred bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS ai_message_taken bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS ai_follow_up bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS ai_other bigint NOT NULL DEFAULT 0;

ALTER TABLE analytics_rollup
    ADD COLUMN IF NOT EXISTS ring_seconds bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS ring_calls bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS texted_back bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS outcome_transferred bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS outcome_voicemail bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS outcome_sms_sent bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS outcome_information bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS outcome_agent bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS outcome_rejected bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS outcome_abandoned bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS ai_resolved bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS ai_transferred bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS ai_message_taken bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS ai_follow_up bigint NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS ai_other bigint NOT NULL DEFAULT 0;
