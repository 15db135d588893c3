using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Receptionist.Grains.Calls;
using Receptionist.Silo.Schema;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Calls;

[Collection(PostgresCollection.Name)]
public sealed class PostgresCallLogTests(PostgresFixture postgres)
{
    [Fact]
    public async Task One_statement_for_many_calls_keeps_the_version_and_tenant_guard()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("call_log_batch"));
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).ApplyAsync();
        var log = new PostgresCallLog(dataSource);
        var at = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        await log.UpsertManyAsync([
            Call("newer", "acme", CallStatus.Completed, 3, at) with { AnsweredAt = at.AddSeconds(5), DurationSeconds = 60, Price = 0.0125m, PriceUnit = "USD" },
            Call("foreign", "acme", CallStatus.Ringing, 1, at),
        ]);

        await log.UpsertManyAsync([
            Call("newer", "acme", CallStatus.Ringing, 2, at),
            Call("foreign", "globex", CallStatus.Completed, 5, at),
            Call("fresh", "acme", CallStatus.InProgress, 2, at.AddMinutes(1)),
        ]);

        var page = await log.QueryAsync(new CallQuery { TenantId = "acme", Limit = 10 });
        Assert.Equal(["fresh", "newer", "foreign"], page.Calls.Select(c => c.CallSid));
        var newer = page.Calls.Single(c => c.CallSid == "newer");
        Assert.Equal((CallStatus.Completed, 3, 60, 0.0125m, "USD"), (newer.Status, newer.Version, newer.DurationSeconds, newer.Price, newer.PriceUnit));
        Assert.Null(page.Calls.Single(c => c.CallSid == "fresh").AnsweredAt);
        Assert.Equal(CallStatus.Ringing, page.Calls.Single(c => c.CallSid == "foreign").Status);
        Assert.Empty((await log.QueryAsync(new CallQuery { TenantId = "globex", Limit = 10 })).Calls);
    }

    private static CallSummary Call(string callSid, string tenantId, CallStatus status, int version, DateTimeOffset createdAt) => new()
    {
        CallSid = callSid,
        TenantId = tenantId,
        Direction = "inbound",
        Status = status,
        From = "+12125550100",
        To = "+16465550000",
        CreatedAt = createdAt,
        Version = version,
    };
}
