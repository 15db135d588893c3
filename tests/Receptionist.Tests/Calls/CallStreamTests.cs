using Microsoft.Extensions.DependencyInjection;
using Receptionist.Api.Auth;
using Receptionist.Api.Calls;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Calls;

[Collection(PostgresCollection.Name)]
public sealed class CallStreamTests(PostgresFixture postgres)
{
    private const string Tenant = "streamer";
    private const string TenantNumber = "+15005550177";

    [Fact]
    public async Task A_stream_whose_client_leaves_is_released_and_a_new_one_still_receives_changes()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "callstream", silos: 1);
        await CallLifecycleTests.AssignAsync(cluster[0], Tenant, TenantNumber);
        var hub = cluster[0].Services.GetRequiredService<CallFeedHub>();
        var token = TestTokens.For(Tenant, Permissions.CallsRead);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var first = await SseReader.OpenAsync(cluster[0], token, timeout.Token);
        Assert.Equal(1, hub.ListenerCount(Tenant));
        await first.DisposeAsync();
        while (hub.ListenerCount(Tenant) != 0)
        {
            await Task.Delay(50, timeout.Token);
        }

        await using var second = await SseReader.OpenAsync(cluster[0], token, timeout.Token);
        var call = CallScenario.Create(2, Guid.NewGuid().ToString(), TenantNumber, 0);
        foreach (var (path, form) in call.Webhooks)
        {
            await cluster[0].PostAcceptedAsync(path, form);
        }

        var events = await second.ReadUntilAsync(e => e.Contains(call.CallSid, StringComparison.Ordinal) && e.Contains("\"busy\"", StringComparison.Ordinal), timeout.Token);
        Assert.All(events, e => Assert.Contains(call.CallSid, e, StringComparison.Ordinal));
    }
}
