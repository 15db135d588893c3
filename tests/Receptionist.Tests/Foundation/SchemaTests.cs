using Npgsql;
using Microsoft.Extensions.Logging.Abstractions;
using Receptionist.Silo.Schema;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Foundation;

[Collection(PostgresCollection.Name)]
public sealed class SchemaTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Schema_applies_twice_and_the_second_time_changes_nothing()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("schema_twice"));
        var migrator = new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance);

        var first = await migrator.ApplyAsync();
        var second = await migrator.ApplyAsync();

        Assert.Equal(SchemaMigrator.EmbeddedScripts.Select(s => s.Version), first);
        Assert.Empty(second);
        Assert.Equal(20L, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM OrleansQuery"));
    }

    [Fact]
    public async Task Schema_has_every_query_the_Orleans_providers_require()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("schema_keys"));
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).ApplyAsync();

        string[] required =
        [
            "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
            "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
            "CleanupDefunctSiloEntriesKey", "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey",
            "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
            "DeleteReminderRowKey", "DeleteReminderRowsKey",
        ];
        await using var command = dataSource.CreateCommand("SELECT QueryKey FROM OrleansQuery");
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        Assert.Equal(required.Order(), keys.Order());
    }

    [Fact]
    public async Task Silos_migrating_at_once_apply_each_script_exactly_once()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("schema_race"));

        var results = await Task.WhenAll(Enumerable.Range(0, 4)
            .Select(_ => Task.Run(() => new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).ApplyAsync())));

        Assert.Equal(SchemaMigrator.EmbeddedScripts.Count, results.Sum(r => r.Count));
        Assert.Equal((long)SchemaMigrator.EmbeddedScripts.Count, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM receptionist_schema_history"));
    }

    [Fact]
    public async Task An_applied_script_that_was_edited_is_refused()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("schema_edit"));
        var migrator = new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance);
        await migrator.ApplyAsync();
        await using (var tamper = dataSource.CreateCommand("UPDATE receptionist_schema_history SET checksum = 'edited' WHERE version = 1"))
        {
            await tamper.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => migrator.ApplyAsync());
        Assert.Contains("immutable", error.Message, StringComparison.Ordinal);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
