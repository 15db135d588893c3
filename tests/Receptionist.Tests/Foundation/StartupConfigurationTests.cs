using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Foundation;

/// <summary>Bad or missing configuration stops the silo at start-up with one line that names the problem.</summary>
public sealed class StartupConfigurationTests
{
    [Theory]
    [InlineData("--Orleans:SiloPort=70000", "SiloPort")]
    [InlineData("--Orleans:SiloPort=not-a-port", "Orleans")]
    [InlineData("--Orleans:AdvertisedIP=300.1.2.3", "AdvertisedIP")]
    [InlineData("--ConnectionStrings:Postgres=Host=;Nonsense", "ConnectionStrings:Postgres")]
    [InlineData("--ConnectionStrings:Postgres=Host=127.0.0.1;Port=1;Username=x;Database=x;Timeout=2", "cannot apply the schema")]
    [InlineData("--Auth:JwtSecret=too-short", "JwtSecret")]
    public async Task Invalid_configuration_fails_with_one_clear_line(string argument, string expected)
    {
        // A free silo port, unless the case under test is the silo port itself (a later argument would win).
        var siloPort = argument.StartsWith("--Orleans:SiloPort", StringComparison.Ordinal) ? "--Unused=0" : $"--Orleans:SiloPort={PostgresServer.FreeTcpPort()}";
        var (exitCode, _, error) = await SiloProcess.RunCommandAsync(siloPort, argument, "--urls=http://127.0.0.1:0", "--Orleans:GatewayPort=0");

        Assert.Equal(2, exitCode);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("receptionist: cannot start:", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_without_a_connection_string_says_what_it_needs()
    {
        var (exitCode, _, error) = await SiloProcess.RunCommandAsync("migrate");

        Assert.Equal(2, exitCode);
        Assert.Contains("migrate needs ConnectionStrings:Postgres", error, StringComparison.Ordinal);
    }
}
