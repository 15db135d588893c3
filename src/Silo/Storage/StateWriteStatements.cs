using Npgsql;
using NpgsqlTypes;

namespace Receptionist.Silo.Storage;

/// <summary>
/// The statement that writes every state row of a group commit at once (<c>unnest</c> input, an
/// <c>UPDATE … WHERE version = expected</c> and an <c>INSERT … ON CONFLICT DO NOTHING</c> for first writes), in its two
/// forms: one that reports which writes won, and one that fails its transaction unless all of them did.
/// </summary>
internal static class StateWriteStatements
{
    /// <summary>The SQLSTATE of <c>receptionist_require_all_written</c> (schema 0011): a write of the batch was stale.</summary>
    public const string StaleWriteInBatch = "RC409";

    private const string Writes = """
        WITH input AS (
            SELECT * FROM unnest($1::integer[], $2::bigint[], $3::bigint[], $4::integer[], $5::text[], $6::text[], $7::integer[], $8::bytea[])
                WITH ORDINALITY AS i(grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring, expected, payload, unit)
        ),
        updated AS (
            UPDATE OrleansStorage s
               SET payloadbinary = i.payload,
                   modifiedon = now(),
                   version = CASE WHEN s.version = 2147483647 THEN 1 ELSE s.version + 1 END
              FROM input i
             WHERE i.expected IS NOT NULL
               AND s.grainidhash = i.grainidhash
               AND s.graintypehash = i.graintypehash
               AND s.grainidn0 = i.grainidn0
               AND s.grainidn1 = i.grainidn1
               AND s.graintypestring = i.graintypestring
               AND s.grainidextensionstring IS NOT DISTINCT FROM i.grainidextensionstring
               AND s.serviceid = $9
               AND s.version = i.expected
            RETURNING i.unit, s.version
        ),
        inserted AS (
            INSERT INTO OrleansStorage
                (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring, serviceid, payloadbinary, modifiedon, version)
            SELECT grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring, $9, payload, now(), 1
              FROM input
             WHERE expected IS NULL
            ON CONFLICT DO NOTHING   -- ux_orleansstorage_grainstate: someone else wrote this state first
            RETURNING grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring
        ),
        won AS (
            SELECT unit, version FROM updated
            UNION ALL
            SELECT i.unit, 1
              FROM inserted n
              JOIN input i
                ON i.expected IS NULL
               AND n.grainidhash = i.grainidhash
               AND n.graintypehash = i.graintypehash
               AND n.grainidn0 = i.grainidn0
               AND n.grainidn1 = i.grainidn1
               AND n.graintypestring = i.graintypestring
               AND n.grainidextensionstring IS NOT DISTINCT FROM i.grainidextensionstring
        )
        """;

    /// <summary>Rows of (unit, new version): one per write that won; a write without a row was stale.</summary>
    private const string EachReportedSql = Writes + """

        SELECT unit, version FROM won
        """;

    /// <summary>One row: every unit and its new version; fails (<see cref="StaleWriteInBatch"/>) unless every write won.</summary>
    private const string AllOrNothingSql = Writes + """

        SELECT array_agg(unit), array_agg(version), receptionist_require_all_written(cardinality($1::integer[]), count(*)) FROM won
        """;

    public static NpgsqlBatchCommand AllOrNothing(IReadOnlyList<StateWrite> batch, string serviceId)
    {
        var command = new NpgsqlBatchCommand(AllOrNothingSql);
        AddParameters(command.Parameters, batch, serviceId);
        return command;
    }

    public static void EachReported(NpgsqlCommand command, IReadOnlyList<StateWrite> batch, string serviceId)
    {
        command.CommandText = EachReportedSql;
        AddParameters(command.Parameters, batch, serviceId);
    }

    private static void AddParameters(NpgsqlParameterCollection p, IReadOnlyList<StateWrite> batch, string serviceId)
    {
        p.Add(new NpgsqlParameter<int[]> { TypedValue = [.. batch.Select(w => w.Row.GrainIdHash)] });
        p.Add(new NpgsqlParameter<long[]> { TypedValue = [.. batch.Select(w => w.Row.GrainIdN0)] });
        p.Add(new NpgsqlParameter<long[]> { TypedValue = [.. batch.Select(w => w.Row.GrainIdN1)] });
        p.Add(new NpgsqlParameter<int[]> { TypedValue = [.. batch.Select(w => w.Row.GrainTypeHash)] });
        p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(w => w.Row.GrainTypeString)] });
        p.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. batch.Select(w => w.Row.GrainIdExtension)] });
        p.Add(new NpgsqlParameter<int?[]> { TypedValue = [.. batch.Select(w => w.ExpectedVersion)] });
        p.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. batch.Select(w => w.Payload)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        p.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
    }
}
