-- 0001_orleans_query.sql
--
-- Receptionist: the OrleansQuery catalogue for PostgreSQL (15+).
--
-- Implements the ADO.NET provider contract of Orleans 10 (Microsoft.Orleans.*.AdoNet, Invariant "Npgsql"):
-- every ADO.NET provider loads its SQL from this table once at start-up
-- ("SELECT QueryKey, QueryText FROM OrleansQuery") and binds @Parameters by name. The rows are added by
-- 0002_orleans_clustering.sql (9 keys) and 0003_orleans_persistence.sql (4 keys).
-- Changing a row affects only providers initialised afterwards.
--
-- Idempotent: safe to apply again to the same database.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64)   NOT NULL,
    QueryText varchar(8000) NOT NULL,

    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);
