using Npgsql;

namespace Receptionist.Benchmarks;

/// <summary>The server's cumulative counters, read before and after a phase rather than reset: autovacuum decides from the table counters.</summary>
internal sealed record ServerCounters(Dictionary<string, TableCounts> Tables, WalCounts Wal)
{
    public static async Task<ServerCounters> ReadAsync(NpgsqlConnection connection)
    {
        var tables = new Dictionary<string, TableCounts>();
        await using (var command = new NpgsqlCommand(
            "SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del, autovacuum_count + vacuum_count FROM pg_stat_user_tables", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables[reader.GetString(0)] = new TableCounts(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
            }
        }

        await using var wal = new NpgsqlCommand("SELECT wal_records, wal_fpi, wal_bytes::bigint FROM pg_stat_wal", connection);
        await using var walReader = await wal.ExecuteReaderAsync();
        await walReader.ReadAsync();
        return new ServerCounters(tables, new WalCounts(walReader.GetInt64(0), walReader.GetInt64(1), walReader.GetInt64(2)));
    }
}

internal sealed record TableCounts(long Inserted, long Updated, long HotUpdated, long Deleted, long Vacuums)
{
    /// <summary>What happened since <paramref name="earlier"/> (null: the table did not exist then).</summary>
    public TableCounts Minus(TableCounts? earlier) => earlier is null ? this
        : new(Inserted - earlier.Inserted, Updated - earlier.Updated, HotUpdated - earlier.HotUpdated, Deleted - earlier.Deleted, Vacuums - earlier.Vacuums);
}

internal sealed record WalCounts(long Records, long FullPageImages, long Bytes)
{
    public WalCounts Minus(WalCounts earlier) => new(Records - earlier.Records, FullPageImages - earlier.FullPageImages, Bytes - earlier.Bytes);
}
