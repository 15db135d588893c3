using System.Globalization;
using Npgsql;

namespace Receptionist.Benchmarks;

/// <summary>
/// The database side of a profile (<c>--pg-stats</c>): pg_stat_statements on the silo's database, reset before a
/// phase and printed after it as the statements that took the server's time (executing and planning), then what the
/// tables and the WAL saw (rows written, how many updates were HOT, i.e. touched no index, and WAL volume), per webhook
/// of that phase. The table counters are read before and after, not reset: autovacuum decides from them.
/// </summary>
public sealed class StatementStats(string connectionString)
{
    private ServerCounters before = new([], new WalCounts(0, 0, 0));

    public static readonly string[] ServerSettings = ["shared_preload_libraries=pg_stat_statements", "pg_stat_statements.track=all", "pg_stat_statements.track_planning=on"];

    public static async Task<StatementStats> InstallAsync(string connectionString)
    {
        await ExecuteAsync(connectionString, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        return new StatementStats(connectionString);
    }

    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var reset = new NpgsqlCommand("SELECT pg_stat_statements_reset()", connection))
        {
            await reset.ExecuteNonQueryAsync();
        }

        before = await ServerCounters.ReadAsync(connection);
    }

    public async Task PrintAsync(string phase, double webhooks)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT calls, total_exec_time, plans, total_plan_time, left(regexp_replace(query, '\s+', ' ', 'g'), 110)
              FROM pg_stat_statements
             WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
             ORDER BY total_exec_time + total_plan_time DESC
             LIMIT 12
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        Console.WriteLine(FormattableString.Invariant($"  PostgreSQL statements during {phase} ({webhooks:F0} webhooks), by server time:"));
        while (await reader.ReadAsync())
        {
            var calls = reader.GetInt64(0);
            var milliseconds = reader.GetDouble(1);
            var plans = reader.GetInt64(2);
            var planning = reader.GetDouble(3);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {calls,8} calls {milliseconds,9:F0} ms {1000 * milliseconds / Math.Max(1, webhooks),7:F1} µs/webhook {milliseconds / Math.Max(1, calls),7:F3} ms/call; {plans,8} plans {1000 * planning / Math.Max(1, webhooks),7:F1} µs/webhook  {reader.GetString(4)}"));
        }

        await reader.CloseAsync();
        await PrintTablesAsync(connection, webhooks);
    }

    /// <summary>Rows inserted and updated per webhook by table, the share of updates that were HOT, and the WAL written.</summary>
    private async Task PrintTablesAsync(NpgsqlConnection connection, double webhooks)
    {
        // Backends publish their counts at most once a second, so a phase's edges blur by about that much.
        var after = await ServerCounters.ReadAsync(connection);
        var tables = after.Tables
            .Select(t => (Table: t.Key, Rows: t.Value.Minus(before.Tables.GetValueOrDefault(t.Key))))
            .Where(t => t.Rows.Inserted + t.Rows.Updated + t.Rows.Deleted > 0)
            .OrderByDescending(t => t.Rows.Inserted + t.Rows.Updated);
        foreach (var (table, rows) in tables)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    table {table,-28} per webhook: {rows.Inserted / webhooks,5:F2} inserted {rows.Updated / webhooks,5:F2} updated ({(rows.Updated == 0 ? 0 : 100.0 * rows.HotUpdated / rows.Updated),3:F0} % HOT) {rows.Deleted / webhooks,5:F2} deleted; vacuums {rows.Vacuums}"));
        }

        var wal = after.Wal.Minus(before.Wal);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    WAL per webhook: {wal.Records / webhooks:F1} records, {wal.FullPageImages / webhooks:F2} full-page images, {wal.Bytes / webhooks:F0} bytes"));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
