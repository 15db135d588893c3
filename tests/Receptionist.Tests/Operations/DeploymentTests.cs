using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Receptionist.Silo.Commands;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;
using SignalWire.Emulator.Playout;

namespace Receptionist.Tests.Operations;

/// <summary>The silo behind a reverse proxy, and the health command the container image runs.</summary>
public sealed class DeploymentTests(OperationsSiloFixture fixture) : IClassFixture<OperationsSiloFixture>
{
    private const string PublicHost = "receptionist.example.com";

    [Fact]
    public async Task A_webhook_signed_for_the_public_url_validates_through_a_configured_proxy_and_not_without_one()
    {
        await using var unproxied = await TestSilo.StartAsync(new Dictionary<string, string?>());

        using var throughProxy = await PostAsProxiedAsync(fixture.Silo);
        using var withoutTrust = await PostAsProxiedAsync(unproxied);

        Assert.True(throughProxy.IsSuccessStatusCode, $"through the trusted proxy: {(int)throughProxy.StatusCode} {await throughProxy.Content.ReadAsStringAsync()}");
        Assert.Equal(HttpStatusCode.Forbidden, withoutTrust.StatusCode);
    }

    [Fact]
    public async Task The_health_command_exits_0_for_a_ready_silo_and_1_when_nothing_answers()
    {
        using var output = new StringWriter();
        var ready = await HealthCommand.RunAsync(Urls($"http://+:{fixture.Silo.HttpPort}"), output);
        var nothing = await HealthCommand.RunAsync(Urls($"http://127.0.0.1:{PostgresServer.FreeTcpPort()}"), output);

        Assert.Equal((0, 1), (ready, nothing));
        Assert.Contains("/health/ready: 200", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_image_checks_its_health_with_the_silos_own_command()
    {
        var healthcheck = Assert.Single(File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "Dockerfile")), l => l.StartsWith("HEALTHCHECK", StringComparison.Ordinal));
        Assert.EndsWith("CMD [\"dotnet\", \"Receptionist.Silo.dll\", \"health\"]", healthcheck, StringComparison.Ordinal);
    }

    /// <summary>What nginx forwards: SignalWire called https://PublicHost/…, the silo is reached on its own address.</summary>
    private static Task<HttpResponseMessage> PostAsProxiedAsync(TestSilo silo)
    {
        var path = CallWebhookClient.CallStatusPath;
        List<KeyValuePair<string, string>> form =
        [
            KeyValuePair.Create("CallSid", $"CA-proxy-{Guid.NewGuid():N}"),
            KeyValuePair.Create("AccountSid", "6bfbbe86-a901-4197-8759-2a0de1fa319d"),
            KeyValuePair.Create("From", "+14155550001"),
            KeyValuePair.Create("To", "+15550000001"),
            KeyValuePair.Create("Direction", "inbound"),
            KeyValuePair.Create("CallStatus", "ringing"),
        ];
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-SignalWire-Signature", WebhookSigner.Sign(SiloProcess.SigningKey, $"https://{PublicHost}{path}", form));
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", PublicHost);
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        return silo.Client.SendAsync(request);
    }

    private static IConfiguration Urls(string urls) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = urls }).Build();
}
