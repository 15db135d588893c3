using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Receptionist.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server from the machine's own initdb/pg_ctl, on a free loopback port, in a temporary
/// directory removed on dispose. As root, the server runs as the `postgres` user (PostgreSQL refuses root).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string Superuser = "postgres";
    private readonly string directory;
    private readonly string dataDirectory;
    private string serverOptions = "";

    private PostgresServer(string directory, int port)
    {
        this.directory = directory;
        dataDirectory = Path.Combine(directory, "data");
        Port = port;
    }

    public int Port { get; }

    /// <summary>The postmaster's process id (the first line of its pid file): its children are the server's backends.</summary>
    public int ServerProcessId => int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);

    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = Superuser,
            Database = database,
            Pooling = true,
            MaxPoolSize = 50,
            Timeout = 15,

            // Every silo a test starts opens pools (grain storage, clustering, reminders, logs), and Npgsql keeps a
            // stopped silo's idle connections for five minutes by default: dozens of finished tests' pools would
            // otherwise fill the server's connection slots.
            ConnectionIdleLifetime = 10,
            ConnectionPruningInterval = 5,
        }.ConnectionString;

    /// <param name="durable">
    /// False (tests): fsync and synchronous commit off, since the tests prove durability against process death, not
    /// power loss, and run much faster without them. True (benchmarks): PostgreSQL's durable defaults, so the figures
    /// are what a real deployment pays for every acknowledged webhook.
    /// </param>
    /// <param name="settings">More server settings (<c>-c name=value</c> each), e.g. a profiling extension to preload.</param>
    public static async Task<PostgresServer> StartAsync(bool durable = false, params string[] settings)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"receptionist-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var server = new PostgresServer(directory, FreeTcpPort());
        try
        {
            await server.InitAndStartAsync(durable, settings);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8'", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    private async Task InitAndStartAsync(bool durable, string[] settings)
    {
        if (RunningAsRoot)
        {
            await RunAsync("chown", ["-R", $"{Superuser}:", directory]);
        }

        await RunAsServerUserAsync("initdb", ["-D", dataDirectory, "-A", "trust", "-U", Superuser, "-E", "UTF8", "--no-sync"]);
        serverOptions = $"-p {Port} -k {directory} -c listen_addresses=127.0.0.1 -c max_connections=1000"
            + (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off")
            + string.Concat(settings.Select(s => $" -c {s}"));
        await RestartAsync();
    }

    /// <summary>Starts the server again after <see cref="CrashAsync"/>, with the same data and port.</summary>
    public Task RestartAsync() =>
        RunAsServerUserAsync("pg_ctl", ["-D", dataDirectory, "-o", serverOptions, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "start"]);

    /// <summary>Stops the server at once, as a crash would: open transactions are lost, recovery runs on the next start.</summary>
    public Task CrashAsync() => RunAsServerUserAsync("pg_ctl", ["-D", dataDirectory, "-m", "immediate", "-w", "stop"]);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(dataDirectory, "postmaster.pid")))
            {
                await RunAsServerUserAsync("pg_ctl", ["-D", dataDirectory, "-m", "immediate", "-w", "stop"]);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a dying server process; the temp directory is cleaned by the OS later.
            }
        }
    }

    private static bool RunningAsRoot => Environment.UserName == "root";

    private static Task RunAsServerUserAsync(string program, string[] arguments) =>
        RunningAsRoot ? RunAsync("runuser", ["-u", Superuser, "--", program, .. arguments]) : RunAsync(program, arguments);

    private static async Task RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }

    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
