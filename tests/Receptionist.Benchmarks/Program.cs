using Receptionist.Benchmarks;

// `dotnet run -c Release --project tests/Receptionist.Benchmarks [-- --smoke] [--json PATH]`
// (`--ceiling-server PORT` is how the benchmark starts its own empty-endpoint process; not for people.)
// `-- --analytics-rollup [--smoke]`: rollup throughput of one hot tenant instead (AnalyticsRollupBenchmark).
// `-- --console-page-load [--calls N] [--runs R]`: the console's page load times with N calls stored (ConsolePageLoad).
// `-- --versus-baseline [--smoke] [--storage GroupCommit,AdoNet] [--baseline-dir DIR]`: beside the seed-style
// baseline with wrk (BaselineComparison); the baseline itself only where node is installed.
// `-- --active-call-memory [--variant NAME[:DOTNET_X=V,...]]... [--rounds N] [--phase S] [--pg-stats] [--webhooks-only]`: that run's webhook
// phases (with the silo's and PostgreSQL's CPU per webhook) and memory per active call alone, for silo variants side by
// side (ActiveCallMemory).
// `-- --contribution-statement [--rows N] [--executions N]`: PostgreSQL's CPU per execution of the analytics companion
// statement of a group commit, beside a control with the same parameters (ContributionStatementCost).
if (args.Length == 2 && args[0] == "--ceiling-server")
{
    await CeilingServer.RunAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}

if (args.Contains("--versus-baseline"))
{
    return await BaselineComparison.RunAsync(args);
}

if (args.Contains("--active-call-memory"))
{
    return await ActiveCallMemory.RunAsync(args);
}

if (args.Contains("--contribution-statement"))
{
    return await ContributionStatementCost.RunAsync(args);
}

if (args.Contains("--console-page-load"))
{
    return await ConsolePageLoad.RunAsync(args);
}

if (args.Contains("--analytics-rollup"))
{
    await AnalyticsRollupBenchmark.RunAsync(smoke: args.Contains("--smoke"));
    return 0;
}

var settings = BenchmarkSettings.Parse(args);
var report = await BenchmarkRun.ExecuteAsync(settings);
report.PrintTable(Console.Out);
if (settings.JsonPath is not null)
{
    await report.WriteJsonAsync(settings.JsonPath);
    Console.WriteLine($"figures written to {settings.JsonPath}");
}

return 0;
