using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Receptionist.Grains.Analytics;
using Receptionist.Silo.Schema;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Benchmarks;

/// <summary>
/// `--contribution-statement [--rows N] [--executions N]`: PostgreSQL's own CPU time for one execution of the analytics
/// companion statement that every group commit carrying an ended call runs (as built by <see cref="ContributionRow"/>:
/// whatever that statement is, today the append to <c>analytics_appended</c>), beside a control statement that receives
/// the same parameters and does nothing with them, so the difference is the statement's own work: executor start-up
/// and the writes. Measured from the server backend's CPU time
/// (<see cref="ProcessMonitor.RunTime"/>), not wall time, so the load generator and scheduling stay out of it. Each
/// execution is its own transaction of N new calls' contributions to one tenant's number and day (the benchmark's
/// stream: one hot rollup row), with the generic plans a grown database gets; the two alternate in blocks, and each
/// figure is the median block.
/// </summary>
public static class ContributionStatementCost
{
    private const int Blocks = 12;

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = CommandLine.IntOption(args, "--rows", 3);
        var executions = CommandLine.IntOption(args, "--executions", 300);
        await using var postgres = await PostgresServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync("contribution_statement");
        await using (var schema = NpgsqlDataSource.Create(database))
        {
            await SchemaSetup.ApplyAsync(schema, database, NullLoggerFactory.Instance);
        }

        var settings = new NpgsqlConnectionStringBuilder(database) { MaxAutoPrepare = 16, Options = "-c plan_cache_mode=force_generic_plan" };
        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync();
        var backend = new ProcessMonitor(connection.ProcessID);
        var sids = 0L;
        IReadOnlyList<ContributionRow> NewCalls() => [.. Enumerable.Range(0, rows).Select(_ => Row($"CA{++sids:x32}"))];

        var statement = new List<double>();
        var control = new List<double>();
        for (var block = 0; block < Blocks; block++)
        {
            // The first two blocks warm the connection's prepared statements and plans up; they are not counted.
            var counted = block >= 2;
            var ofStatement = await CpuPerExecutionAsync(connection, backend, executions, () => Statement(NewCalls()));
            var ofControl = await CpuPerExecutionAsync(connection, backend, executions, () => Control(Statement(NewCalls())));
            if (counted)
            {
                statement.Add(ofStatement);
                control.Add(ofControl);
            }
        }

        var (own, baseline) = (Median(statement), Median(control));
        Console.WriteLine(FormattableString.Invariant(
            $"analytics companion statement, {rows} new calls per execution: {own:F0} µs of PostgreSQL CPU per execution; the same parameters to a statement that ignores them: {baseline:F0} µs; the statement's own work {own - baseline:F0} µs ({(own - baseline) / rows:F0} µs per call)"));
        return 0;
    }

    private static ContributionRow Row(string callSid)
    {
        var contribution = new AnalyticsContribution
        {
            Kind = ContributionKind.Call,
            Sid = callSid,
            TenantId = "acme",
            Version = 4,
            OccurredAt = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero),
            PhoneNumber = "+15550100001",
            Counts = new AnalyticsCounts { CallsTotal = 1, CallsAnswered = 1, CallsInbound = 1, TalkSeconds = 42, RingSeconds = 3, RingCalls = 1 },
        };
        return new ContributionRow(new LedgerEntry(contribution, DateOnly.FromDateTime(contribution.OccurredAt.UtcDateTime)), _ => Task.CompletedTask);
    }

    private static NpgsqlBatchCommand Statement(IReadOnlyList<ContributionRow> rows)
    {
        var commands = new NpgsqlBatch().BatchCommands;
        rows[0].Group.AddTo(commands, rows);
        return commands[0];
    }

    /// <summary>The statement's parameters, bound to a statement that only counts them.</summary>
    private static NpgsqlBatchCommand Control(NpgsqlBatchCommand statement)
    {
        var parameters = statement.Parameters.ToList();
        statement.Parameters.Clear();
        var control = new NpgsqlBatchCommand("SELECT " + string.Join(" + ", parameters.Select((_, i) => $"cardinality(${i + 1})")));
        parameters.ForEach(p => control.Parameters.Add(p));
        return control;
    }

    private static async Task<double> CpuPerExecutionAsync(NpgsqlConnection connection, ProcessMonitor backend, int executions, Func<NpgsqlBatchCommand> command)
    {
        var before = backend.RunTime();
        for (var i = 0; i < executions; i++)
        {
            await using var batch = new NpgsqlBatch(connection);
            batch.BatchCommands.Add(command());
            await batch.ExecuteNonQueryAsync();
        }

        return (backend.RunTime() - before).TotalMicroseconds / executions;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
