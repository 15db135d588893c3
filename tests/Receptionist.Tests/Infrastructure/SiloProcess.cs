using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Receptionist.Tests.Infrastructure;

/// <summary>
/// The real `src/Silo` as a separate process (Kestrel on 127.0.0.1, its own silo port), exactly as an operator runs it.
/// Its output is kept for the failure message of a test that waited on it.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    public const string JwtSecret = "test-secret-for-the-receptionist-suite-0123456789";

    /// <summary>The webhook signing key every test silo is configured with.</summary>
    public const string SigningKey = "PSK_test_receptionist_suite_signing_key";

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private SiloProcess(Process process, int httpPort, int siloPort)
    {
        this.process = process;
        HttpPort = httpPort;
        SiloPort = siloPort;
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public int HttpPort { get; }

    public int SiloPort { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}");

    public HttpClient Client { get; }

    public string Output => string.Join(Environment.NewLine, output);

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>Starts a silo with the given configuration (`Section:Key` → value) on fresh ports.</summary>
    public static SiloProcess Start(IReadOnlyDictionary<string, string> configuration, params string[] extraArguments)
    {
        var httpPort = PostgresServer.FreeTcpPort();
        var siloPort = PostgresServer.FreeTcpPort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.SiloDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(RepositoryPaths.SiloAssembly);
        foreach (var argument in extraArguments)
        {
            start.ArgumentList.Add(argument);
        }

        var settings = new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{httpPort}",
            ["Orleans:SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = "0",
            ["Auth:JwtSecret"] = JwtSecret,
            ["SignalWire:SigningKey"] = SigningKey,
        };
        foreach (var (key, value) in configuration)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var silo = new SiloProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"), httpPort, siloPort);
        silo.process.OutputDataReceived += (_, e) => silo.Collect(e.Data);
        silo.process.ErrorDataReceived += (_, e) => silo.Collect(e.Data);
        silo.process.BeginOutputReadLine();
        silo.process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Runs the silo executable as a one-shot command and returns its exit code, stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunCommandAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.SiloDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(RepositoryPaths.SiloAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A command expected to stop at once started a server instead: it must not outlive the test.
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"silo {string.Join(' ', arguments)} did not exit within 90 s: {await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Waits until `/health/ready` answers 200; fails with the silo's output if it exits or times out.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"silo on port {HttpPort} exited with {process.ExitCode}:{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await Client.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Kestrel is not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"silo on port {HttpPort} was not ready in time:{Environment.NewLine}{Output}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancellation.Token);
        return process.ExitCode;
    }

    /// <summary>Kills the process at once, as a crash would: no graceful shutdown, no membership update.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        Client.Dispose();
        process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 400 && output.TryDequeue(out _))
        {
            // Keep the tail only: long runs log a lot, and the end is what explains a failure.
        }
    }
}
