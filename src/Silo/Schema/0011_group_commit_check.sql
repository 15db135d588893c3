-- The group-committed grain storage sends a batch's state writes and their companion rows in one round trip, as one
-- implicit transaction, expecting every state write to win its version check (the common case: a stale writer means
-- a duplicate activation). This check fails that transaction when one did not, so no companion of a stale write can
-- commit; the storage then writes the batch again the careful way (state first, then only the winners' companions).
-- Idempotent: safe to run again.
CREATE OR REPLACE FUNCTION receptionist_require_all_written(expected integer, written bigint) RETURNS bigint
LANGUAGE plpgsql AS $$
BEGIN
    IF written <> expected THEN
        RAISE EXCEPTION 'only % of % state writes in the batch held their expected version', written, expected
            USING ERRCODE = 'RC409';
    END IF;
    RETURN written;
END
$$;
