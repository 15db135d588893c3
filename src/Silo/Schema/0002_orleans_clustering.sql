-- 0002_orleans_clustering.sql
--
-- Receptionist: Orleans cluster membership in PostgreSQL (15+). Requires 0001_orleans_query.sql.
--
-- Implements the ADO.NET clustering provider contract of Orleans 10 (Microsoft.Orleans.Clustering.AdoNet,
-- UseAdoNetClustering with Invariant "Npgsql"): the two membership tables and the 9 query keys that the
-- provider requires at start-up (a missing one fails every silo and client with
-- "Not all required queries found"). Parameter names (@DeploymentId, ...) and result column names are the
-- contract; DeploymentId holds ClusterOptions.ClusterId. Boolean-like queries return one row with one
-- integer column: > 0 means success, 0 means "lost the optimistic-concurrency race, re-read and retry".
--
-- Idempotent: safe to apply again to the same database.

-- One row per cluster. Version is the optimistic-concurrency token of the whole membership table:
-- every silo insert/update must name the Version it read and bumps it by one.
CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150)   NOT NULL,
    Timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    Version      integer        NOT NULL DEFAULT 0,

    CONSTRAINT PK_OrleansMembershipVersionTable_DeploymentId PRIMARY KEY (DeploymentId)
);

-- One row per silo incarnation (Address, Port, Generation). Status is Orleans' SiloStatus
-- (3 = Active, 6 = Dead); ProxyPort is the gateway port (0 = no gateway);
-- SuspectTimes is "<silo>,<date>|<silo>,<date>..." as written by Orleans.
CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150)   NOT NULL,
    Address      varchar(45)    NOT NULL,
    Port         integer        NOT NULL,
    Generation   integer        NOT NULL,
    SiloName     varchar(150)   NOT NULL,
    HostName     varchar(150)   NOT NULL,
    Status       integer        NOT NULL,
    ProxyPort    integer        NULL,
    SuspectTimes varchar(8000)  NULL,
    StartTime    timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,

    CONSTRAINT PK_MembershipTable_DeploymentId PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_MembershipTable_MembershipVersionTable_DeploymentId
        FOREIGN KEY (DeploymentId) REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

-- Functions. Arguments are typed as Npgsql sends Orleans' parameters (string -> text, int -> integer,
-- DateTime of Kind Utc -> timestamptz), so calls resolve without casts. A private SQLSTATE ('OR409')
-- is raised to roll back a version bump whose row change did not happen; it never leaves the function.

-- Creates the cluster's version row if missing. Returns 1 if inserted, 0 if it already existed.
CREATE OR REPLACE FUNCTION insert_membership_version(p_deployment_id text)
    RETURNS integer
    LANGUAGE plpgsql
AS $fn$
DECLARE
    v_inserted integer;
BEGIN
    INSERT INTO OrleansMembershipVersionTable (DeploymentId)
    VALUES (p_deployment_id)
    ON CONFLICT (DeploymentId) DO NOTHING;

    GET DIAGNOSTICS v_inserted = ROW_COUNT;
    RETURN v_inserted;
END
$fn$;

-- Adds a silo row and bumps the table version, both or neither.
-- Returns 0 if p_version is not the current version or the silo row already exists.
CREATE OR REPLACE FUNCTION insert_membership(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_silo_name       text,
    p_host_name       text,
    p_status          integer,
    p_proxy_port      integer,
    p_start_time      timestamptz,
    p_i_am_alive_time timestamptz,
    p_version         integer)
    RETURNS integer
    LANGUAGE plpgsql
AS $fn$
BEGIN
    -- The version row is updated first: this row-locks it, so concurrent membership writers of one
    -- cluster are serialised in the same order as in update_membership (no deadlocks).
    UPDATE OrleansMembershipVersionTable
       SET Version = Version + 1,
           Timestamp = now()
     WHERE DeploymentId = p_deployment_id
       AND Version = p_version;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    VALUES
        (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, p_proxy_port,
         p_start_time, p_i_am_alive_time)
    ON CONFLICT ON CONSTRAINT PK_MembershipTable_DeploymentId DO NOTHING;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'OR409', MESSAGE = 'membership row already exists';
    END IF;

    RETURN 1;
EXCEPTION
    WHEN SQLSTATE 'OR409' THEN
        RETURN 0;   -- the version bump above is rolled back with the block
END
$fn$;

-- Changes a silo's status / suspicions / liveness and bumps the table version, both or neither.
-- Returns 0 if p_version is not the current version or the silo row does not exist.
CREATE OR REPLACE FUNCTION update_membership(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_status          integer,
    p_suspect_times   text,
    p_i_am_alive_time timestamptz,
    p_version         integer)
    RETURNS integer
    LANGUAGE plpgsql
AS $fn$
BEGIN
    UPDATE OrleansMembershipVersionTable
       SET Version = Version + 1,
           Timestamp = now()
     WHERE DeploymentId = p_deployment_id
       AND Version = p_version;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    UPDATE OrleansMembershipTable
       SET Status = p_status,
           SuspectTimes = p_suspect_times,
           IAmAliveTime = p_i_am_alive_time
     WHERE DeploymentId = p_deployment_id
       AND Address = p_address
       AND Port = p_port
       AND Generation = p_generation;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'OR409', MESSAGE = 'membership row does not exist';
    END IF;

    RETURN 1;
EXCEPTION
    WHEN SQLSTATE 'OR409' THEN
        RETURN 0;
END
$fn$;

-- Heartbeat. Deliberately does not touch the table version; Orleans ignores the result.
CREATE OR REPLACE FUNCTION update_i_am_alive_time(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_i_am_alive_time timestamptz)
    RETURNS void
    LANGUAGE plpgsql
AS $fn$
BEGIN
    UPDATE OrleansMembershipTable
       SET IAmAliveTime = p_i_am_alive_time
     WHERE DeploymentId = p_deployment_id
       AND Address = p_address
       AND Port = p_port
       AND Generation = p_generation;
END
$fn$;

-- The 9 query keys. Note the lower-case "t" in UpdateIAmAlivetimeKey: keys are matched exactly.
-- Membership reads must return the columns DeploymentId, Address, Port, Generation, SiloName, HostName,
-- Status, ProxyPort, SuspectTimes, StartTime, IAmAliveTime, Version (read by name); a NULL StartTime
-- means "version row only, no silo row", hence the LEFT JOIN.
INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    'InsertMembershipVersionKey',
    $q$SELECT insert_membership_version(p_deployment_id => @DeploymentId) AS row_count;$q$
),
(
    'InsertMembershipKey',
    $q$SELECT insert_membership(
    p_deployment_id   => @DeploymentId,
    p_address         => @Address,
    p_port            => @Port,
    p_generation      => @Generation,
    p_silo_name       => @SiloName,
    p_host_name       => @HostName,
    p_status          => @Status,
    p_proxy_port      => @ProxyPort,
    p_start_time      => @StartTime,
    p_i_am_alive_time => @IAmAliveTime,
    p_version         => @Version) AS row_count;$q$
),
(
    'UpdateMembershipKey',
    $q$SELECT update_membership(
    p_deployment_id   => @DeploymentId,
    p_address         => @Address,
    p_port            => @Port,
    p_generation      => @Generation,
    p_status          => @Status,
    p_suspect_times   => @SuspectTimes,
    p_i_am_alive_time => @IAmAliveTime,
    p_version         => @Version) AS row_count;$q$
),
(
    'UpdateIAmAlivetimeKey',
    $q$SELECT update_i_am_alive_time(
    p_deployment_id   => @DeploymentId,
    p_address         => @Address,
    p_port            => @Port,
    p_generation      => @Generation,
    p_i_am_alive_time => @IAmAliveTime);$q$
),
(
    'MembershipReadRowKey',
    $q$SELECT v.DeploymentId,
       m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime,
       v.Version
  FROM OrleansMembershipVersionTable AS v
  LEFT JOIN OrleansMembershipTable AS m
         ON m.DeploymentId = v.DeploymentId
        AND m.Address = @Address
        AND m.Port = @Port
        AND m.Generation = @Generation
 WHERE v.DeploymentId = @DeploymentId;$q$
),
(
    'MembershipReadAllKey',
    $q$SELECT v.DeploymentId,
       m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime,
       v.Version
  FROM OrleansMembershipVersionTable AS v
  LEFT JOIN OrleansMembershipTable AS m
         ON m.DeploymentId = v.DeploymentId
 WHERE v.DeploymentId = @DeploymentId;$q$
),
(
    'DeleteMembershipTableEntriesKey',
    -- One statement, so silo rows and the version row go together (the FK is checked at statement end).
    $q$WITH silos AS (
    DELETE FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId
)
DELETE FROM OrleansMembershipVersionTable
 WHERE DeploymentId = @DeploymentId;$q$
),
(
    'GatewaysQueryKey',
    -- @Status is SiloStatus.Active (3); silos without a gateway have ProxyPort 0.
    $q$SELECT Address, ProxyPort, Generation
  FROM OrleansMembershipTable
 WHERE DeploymentId = @DeploymentId
   AND Status = @Status
   AND ProxyPort > 0;$q$
),
(
    'CleanupDefunctSiloEntriesKey',
    -- @IAmAliveTime is the cut-off; rows of Active (3) silos are never removed.
    $q$DELETE FROM OrleansMembershipTable
 WHERE DeploymentId = @DeploymentId
   AND IAmAliveTime < @IAmAliveTime
   AND Status <> 3;$q$
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
