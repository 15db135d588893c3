using System.Diagnostics;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Benchmarks;

/// <summary>
/// The seed-style baseline (Express + pg, <c>seed-baseline.js</c>) as a process of its own, run from a temporary copy
/// of its folder with its npm dependencies installed there. Only started when <c>node</c> and <c>npm</c> are present.
/// </summary>
public sealed class SeedBaseline : IDisposable
{
    private readonly Process process;

    private SeedBaseline(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => process.Id;

    public static bool CanRun => Wrk.FindOnPath("node") is not null && Wrk.FindOnPath("npm") is not null;

    /// <summary>The baseline folder: <c>--baseline-dir</c>, else <c>../shared/baseline</c> beside the repository.</summary>
    public static string DefaultDirectory => Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "baseline"));

    public static async Task<SeedBaseline> StartAsync(string sourceDirectory, string workDirectory, string connectionString, string signingKey)
    {
        var directory = Path.Combine(workDirectory, "baseline");
        Directory.CreateDirectory(directory);
        foreach (var file in Directory.GetFiles(sourceDirectory))
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)), overwrite: true);
        }

        await RunAsync("npm", directory, "install", "--no-audit", "--no-fund", "--silent");
        var port = PostgresServer.FreeTcpPort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var npgsql = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var pgUrl = $"postgres://{npgsql.Username}@{npgsql.Host}:{npgsql.Port}/{npgsql.Database}";
        var start = new ProcessStartInfo("node") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "seed-baseline.js", port.ToString(System.Globalization.CultureInfo.InvariantCulture), pgUrl, signingKey, baseAddress.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(argument);
        }

        var baseline = new SeedBaseline(Process.Start(start) ?? throw new InvalidOperationException("node did not start"), baseAddress);
        using var probe = new HttpClient();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            try
            {
                if ((await probe.GetAsync(new Uri(baseAddress, "/empty"))).IsSuccessStatusCode)
                {
                    return baseline;
                }
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        baseline.Dispose();
        throw new InvalidOperationException("the seed baseline did not start");
    }

    private static async Task RunAsync(string program, string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {await error}");
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }
}
