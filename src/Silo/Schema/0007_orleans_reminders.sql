-- 0007_orleans_reminders.sql
--
-- Receptionist: Orleans reminders in PostgreSQL (15+). Requires 0001_orleans_query.sql.
--
-- Implements the ADO.NET reminder provider contract of Orleans 10 (Microsoft.Orleans.Reminders.AdoNet,
-- UseAdoNetReminderService with Invariant "Npgsql"): the reminders table and the 7 query keys the provider requires
-- at start-up. Parameter names (@ServiceId, @GrainId, ...) and result column names are the contract. GrainHash is
-- the grain's position on the ring; a silo reads the reminders of its range with ReadRangeRows1Key (a range that
-- does not wrap) or ReadRangeRows2Key (one that wraps past the end). Version is the optimistic-concurrency token of
-- one reminder: a delete names the version it read.
--
-- Idempotent: safe to apply again to the same database.

CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    varchar(150)   NOT NULL,
    GrainId      text           NOT NULL,  -- upstream's 150 characters would cap tenant ids (keys embed them)
    ReminderName varchar(150)   NOT NULL,
    StartTime    timestamptz(3) NOT NULL,
    Period       bigint         NOT NULL,
    GrainHash    integer        NOT NULL,
    Version      integer        NOT NULL,

    CONSTRAINT PK_RemindersTable_ServiceId_GrainId_ReminderName PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

CREATE INDEX IF NOT EXISTS IX_RemindersTable_ServiceId_GrainHash ON OrleansRemindersTable (ServiceId, GrainHash);

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    'UpsertReminderRowKey',
    $q$INSERT INTO OrleansRemindersTable (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period::bigint, @GrainHash, 0)
ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
   SET StartTime = excluded.StartTime,
       Period = excluded.Period,
       GrainHash = excluded.GrainHash,
       Version = OrleansRemindersTable.Version + 1
RETURNING Version AS version;$q$
),
(
    'ReadReminderRowsKey',
    $q$SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId AND GrainId = @GrainId;$q$
),
(
    'ReadReminderRowKey',
    $q$SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName;$q$
),
(
    'ReadRangeRows1Key',
    $q$SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash;$q$
),
(
    'ReadRangeRows2Key',
    $q$SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
 WHERE ServiceId = @ServiceId AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);$q$
),
(
    'DeleteReminderRowKey',
    $q$WITH deleted AS (
    DELETE FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName AND Version = @Version
    RETURNING 1)
SELECT count(*)::integer AS row_count FROM deleted;$q$
),
(
    'DeleteReminderRowsKey',
    $q$DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId;$q$
)
ON CONFLICT (QueryKey) DO NOTHING;
