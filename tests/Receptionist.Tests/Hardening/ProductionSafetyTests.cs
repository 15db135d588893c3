using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Hardening;

/// <summary>Outside Development, settings only safe on a developer's machine stop the start with one line (exit 2).</summary>
public sealed class ProductionSafetyTests
{
    [Theory]
    [InlineData("--Auth:JwtSecret=development-only-secret-never-use-in-production-0123456789", "Auth:JwtSecret is the development value")]
    [InlineData("--SignalWire:SigningKey=PSK_development_only_signing_key", "SignalWire:SigningKey is the development value")]
    [InlineData("--SignalWire:ValidateSignatures=false", "SignalWire:ValidateSignatures=false is refused")]
    public async Task Production_refuses_the_committed_development_secrets_and_unsigned_webhooks(string argument, string expected)
    {
        var (exitCode, _, error) = await SiloProcess.RunCommandAsync(
            $"--Orleans:SiloPort={PostgresServer.FreeTcpPort()}", "--Orleans:GatewayPort=0", "--urls=http://127.0.0.1:0",
            $"--Auth:JwtSecret={SiloProcess.JwtSecret}", $"--SignalWire:SigningKey={SiloProcess.SigningKey}", argument);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("receptionist: cannot start:", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SiloPort")]
    [InlineData("GatewayPort")]
    public async Task A_second_silo_on_a_port_already_in_use_on_this_host_fails_to_start_with_one_line(string port)
    {
        var gatewayPort = PostgresServer.FreeTcpPort();
        await using var first = SiloProcess.Start(new Dictionary<string, string> { ["Orleans:GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await first.WaitUntilReadyAsync();
        var (siloPort, secondGateway) = port == "SiloPort" ? (first.SiloPort, 0) : (PostgresServer.FreeTcpPort(), gatewayPort);

        var (exitCode, _, error) = await SiloProcess.RunCommandAsync(
            $"--Orleans:SiloPort={siloPort}", $"--Orleans:GatewayPort={secondGateway}", "--urls=http://127.0.0.1:0",
            $"--Auth:JwtSecret={SiloProcess.JwtSecret}", $"--SignalWire:SigningKey={SiloProcess.SigningKey}");

        Assert.Equal(2, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"receptionist: cannot start: Orleans:{port} ", line, StringComparison.Ordinal);
        Assert.Contains("already in use", line, StringComparison.Ordinal);
        Assert.False(first.HasExited);
    }
}
