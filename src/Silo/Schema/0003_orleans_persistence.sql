-- 0003_orleans_persistence.sql
--
-- Receptionist: Orleans grain state in PostgreSQL (15+). Requires 0001_orleans_query.sql.
--
-- Implements the ADO.NET grain storage contract of Orleans 10 (Microsoft.Orleans.Persistence.AdoNet,
-- AddAdoNetGrainStorage with Invariant "Npgsql"): the OrleansStorage table and the query keys
-- WriteToStorageKey, ReadFromStorageKey, ClearStorageKey (all required) and DeleteStorageKey (used when
-- DeleteStateOnClear = true).
--
-- How the provider addresses a row: serviceid = ClusterOptions.ServiceId; graintypestring = the *state
-- name* (not the grain class); grainidn0/grainidn1/grainidextensionstring = the parsed grain key; the two
-- *hash columns are hashes of key and state name (narrow index; collisions are resolved by comparing the
-- full values). version is the ETag: 1 on the first write, +1 on every write/clear. A write or clear that
-- returns the caller's own version (or NULL) means "lost the race": Orleans throws
-- InconsistentStateException.
--
-- Idempotent: safe to apply again to the same database.

-- fillfactor < 100 leaves room on each page so that the frequent "rewrite the state" UPDATEs can stay
-- HOT (no index maintenance).
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    grainidhash            integer      NOT NULL,
    grainidn0              bigint       NOT NULL,
    grainidn1              bigint       NOT NULL,
    graintypehash          integer      NOT NULL,
    graintypestring        varchar(512) NOT NULL,
    grainidextensionstring varchar(512) NULL,
    serviceid              varchar(150) NOT NULL,
    payloadbinary          bytea        NULL,
    modifiedon             timestamptz  NOT NULL DEFAULT now(),
    version                integer      NOT NULL
)
WITH (fillfactor = 90);

-- The provider's lookup index.
CREATE INDEX IF NOT EXISTS ix_orleansstorage
    ON OrleansStorage USING btree (grainidhash, graintypehash);

-- At most one row per grain state. The upstream schema has no such constraint, so two concurrent
-- first writes of one state (duplicate activations) could insert two rows, after which every read of that
-- state fails. The long strings are indexed through md5() to stay far below the btree row-size limit;
-- NULLS NOT DISTINCT (PostgreSQL 15+) makes a NULL key extension count as one value.
CREATE UNIQUE INDEX IF NOT EXISTS ux_orleansstorage_grainstate
    ON OrleansStorage USING btree
    (grainidhash, graintypehash, grainidn0, grainidn1, serviceid, md5(graintypestring), md5(grainidextensionstring))
    NULLS NOT DISTINCT;

-- Writes a grain state and returns its new version.
--   p_grainstateversion NULL: the state was not found on read -> insert it with version 1; if a row
--     already exists (someone else wrote it first) nothing is written and NULL is returned.
--   otherwise: update the row only if its version still equals p_grainstateversion; if not, nothing is
--     written and p_grainstateversion itself is returned.
-- The version wraps from 2147483647 to 1 instead of failing with "integer out of range".
CREATE OR REPLACE FUNCTION writetostorage(
    p_grainidhash            integer,
    p_grainidn0              bigint,
    p_grainidn1              bigint,
    p_graintypehash          integer,
    p_graintypestring        text,
    p_grainidextensionstring text,
    p_serviceid              text,
    p_grainstateversion      integer,
    p_payloadbinary          bytea)
    RETURNS integer
    LANGUAGE plpgsql
AS $fn$
DECLARE
    v_new_version integer;
BEGIN
    IF p_grainstateversion IS NULL THEN
        INSERT INTO OrleansStorage
            (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring,
             serviceid, payloadbinary, modifiedon, version)
        VALUES
            (p_grainidhash, p_grainidn0, p_grainidn1, p_graintypehash, p_graintypestring, p_grainidextensionstring,
             p_serviceid, p_payloadbinary, now(), 1)
        ON CONFLICT DO NOTHING   -- ux_orleansstorage_grainstate: the state already exists
        RETURNING version INTO v_new_version;
    ELSE
        UPDATE OrleansStorage
           SET payloadbinary = p_payloadbinary,
               modifiedon = now(),
               version = CASE WHEN version = 2147483647 THEN 1 ELSE version + 1 END
         WHERE grainidhash = p_grainidhash
           AND graintypehash = p_graintypehash
           AND grainidn0 = p_grainidn0
           AND grainidn1 = p_grainidn1
           AND graintypestring = p_graintypestring
           AND grainidextensionstring IS NOT DISTINCT FROM p_grainidextensionstring
           AND serviceid = p_serviceid
           AND version = p_grainstateversion
        RETURNING version INTO v_new_version;
    END IF;

    RETURN COALESCE(v_new_version, p_grainstateversion);
END
$fn$;

-- The 4 query keys. Results are read by name: PayloadBinary and Version (read), NewGrainStateVersion
-- (write); clear/delete are read by position (first column). Identity predicate is the same everywhere.
INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    'WriteToStorageKey',
    $q$SELECT writetostorage(
    p_grainidhash            => @GrainIdHash,
    p_grainidn0              => @GrainIdN0,
    p_grainidn1              => @GrainIdN1,
    p_graintypehash          => @GrainTypeHash,
    p_graintypestring        => @GrainTypeString,
    p_grainidextensionstring => @GrainIdExtensionString,
    p_serviceid              => @ServiceId,
    p_grainstateversion      => @GrainStateVersion,
    p_payloadbinary          => @PayloadBinary) AS NewGrainStateVersion;$q$
),
(
    'ReadFromStorageKey',
    -- No row: the grain starts from a default state. PayloadBinary NULL (after a clear): likewise, but the
    -- Version is still returned so that the next write updates the existing row.
    $q$SELECT payloadbinary AS PayloadBinary,
       version       AS Version,
       modifiedon    AS ModifiedOn
  FROM OrleansStorage
 WHERE grainidhash = @GrainIdHash
   AND graintypehash = @GrainTypeHash
   AND grainidn0 = @GrainIdN0
   AND grainidn1 = @GrainIdN1
   AND graintypestring = @GrainTypeString
   AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
   AND serviceid = @ServiceId;$q$
),
(
    'ClearStorageKey',
    -- Keeps the row (and its version history), drops the payload.
    $q$UPDATE OrleansStorage
   SET payloadbinary = NULL,
       modifiedon = now(),
       version = CASE WHEN version = 2147483647 THEN 1 ELSE version + 1 END
 WHERE grainidhash = @GrainIdHash
   AND graintypehash = @GrainTypeHash
   AND grainidn0 = @GrainIdN0
   AND grainidn1 = @GrainIdN1
   AND graintypestring = @GrainTypeString
   AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
   AND serviceid = @ServiceId
   AND version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion;$q$
),
(
    'DeleteStorageKey',
    -- Only with DeleteStateOnClear = true: removes the row; the returned value only has to differ from
    -- @GrainStateVersion (Orleans then forgets the ETag, and the next write inserts version 1 again).
    $q$DELETE FROM OrleansStorage
 WHERE grainidhash = @GrainIdHash
   AND graintypehash = @GrainTypeHash
   AND grainidn0 = @GrainIdN0
   AND grainidn1 = @GrainIdN1
   AND graintypestring = @GrainTypeString
   AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
   AND serviceid = @ServiceId
   AND version = @GrainStateVersion
RETURNING CASE WHEN version = 2147483647 THEN 1 ELSE version + 1 END AS NewGrainStateVersion;$q$
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
