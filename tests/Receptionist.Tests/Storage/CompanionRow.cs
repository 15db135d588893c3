using Npgsql;
using Receptionist.Grains.Storage;

namespace Receptionist.Tests.Storage;

/// <summary>
/// A companion write of the kind the call log and analytics make: one row keyed by the grain, in a table of the test's
/// own whose CHECK refuses the note "refuse", so a test can make exactly one companion fail.
/// </summary>
internal sealed record CompanionRow(NpgsqlDataSource Data, string Key, string Note) : ICommitCompanion
{
    public const string CreateTable = """
        CREATE TABLE IF NOT EXISTS companion_rows (key text PRIMARY KEY, note text NOT NULL CHECK (note <> 'refuse'))
        """;

    private const string Upsert = "INSERT INTO companion_rows (key, note) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET note = EXCLUDED.note";

    public void AddTo(NpgsqlBatchCommandCollection commands)
    {
        var command = new NpgsqlBatchCommand(Upsert);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Key });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Note });
        commands.Add(command);
    }

    public async Task WriteAloneAsync(CancellationToken cancellationToken)
    {
        await using var command = Data.CreateCommand(Upsert);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Key });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Note });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Note and writing transaction (xmin) of every companion row, by key.</summary>
    public static async Task<Dictionary<string, (string Note, string Transaction)>> ReadAllAsync(NpgsqlDataSource data)
    {
        var rows = new Dictionary<string, (string, string)>();
        await using var command = data.CreateCommand("SELECT key, note, xmin::text FROM companion_rows");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2));
        }

        return rows;
    }
}
