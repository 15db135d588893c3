using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Receptionist.Grains.SignalWire;
using Receptionist.Grains.SignalWire.Models;
using SignalWire.Emulator;
using SignalWire.Emulator.State;

namespace Receptionist.Tests.SignalWire;

public sealed class SignalWireFailureTests
{
    private static CreateCallRequest Call() => new("+15557654321", SignalWireHarness.OwnedNumber, new Uri("https://example.test/cxml"));

    [Fact]
    public async Task Wrong_credentials_are_a_401_rejection_with_code_20003()
    {
        await using var harness = await SignalWireHarness.StartAsync(token: "not-the-token");

        var refused = await Assert.ThrowsAsync<SignalWireException>(() => harness.Client.GetCallAsync(Guid.NewGuid().ToString()));

        Assert.Equal(SignalWireFailureKind.Rejected, refused.Kind);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(20003, refused.Code);
        Assert.Equal("Authentication Failed", refused.Message);
    }

    [Fact]
    public async Task Create_call_validation_errors_arrive_in_the_errors_array_shape_and_keep_their_code()
    {
        await using var harness = await SignalWireHarness.StartAsync();

        var badTo = await Assert.ThrowsAsync<SignalWireException>(() => harness.Client.CreateCallAsync(Call() with { To = "12345" }));

        Assert.Equal(SignalWireFailureKind.Rejected, badTo.Kind);
        Assert.Equal(HttpStatusCode.BadRequest, badTo.StatusCode);
        Assert.Equal(21211, badTo.Code);
        Assert.Contains("12345", badTo.Message, StringComparison.Ordinal);
        Assert.NotNull(badTo.MoreInfo);
        Assert.Empty(harness.Emulator.State.Calls());
    }

    [Theory]
    [InlineData(ErrorShape.Standard)]
    [InlineData(ErrorShape.ErrorsArray)]
    public async Task Both_error_shapes_become_the_same_exception(ErrorShape shape)
    {
        await using var harness = await SignalWireHarness.StartAsync();
        harness.Emulator.Controls.FailNext(EmulatorRoutes.MessageCreate, 1, 422, shape, 21610, "Attempt to send to unsubscribed recipient");

        var refused = await Assert.ThrowsAsync<SignalWireException>(() =>
            harness.Client.SendMessageAsync(new SendMessageRequest("+15557654321", SignalWireHarness.OwnedNumber) { Body = "hi" }));

        Assert.Equal(SignalWireFailureKind.Rejected, refused.Kind);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(21610, refused.Code);
        Assert.Equal("Attempt to send to unsubscribed recipient", refused.Message);
        Assert.StartsWith("https://", refused.MoreInfo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_create_that_outlives_the_timeout_is_a_timeout_failure_and_is_not_repeated()
    {
        await using var harness = await SignalWireHarness.StartAsync(timeoutSeconds: 0.5);
        harness.Emulator.Controls.DelayNext(EmulatorRoutes.CallCreate, 1, TimeSpan.FromSeconds(3));

        // A cold emulator on a busy machine can take longer than the 0.5 s timeout to route its first request, which
        // would time the create out before it was even counted.
        Assert.True((await harness.Client.ProbeAsync()).Reachable);
        var late = await Assert.ThrowsAsync<SignalWireException>(() => harness.Client.CreateCallAsync(Call()));

        Assert.Equal(SignalWireFailureKind.Timeout, late.Kind);
        Assert.Null(late.StatusCode);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (harness.Emulator.State.RequestCount(EmulatorRoutes.CallCreate) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(1, harness.Emulator.State.RequestCount(EmulatorRoutes.CallCreate));
    }

    [Fact]
    public async Task A_5xx_on_create_is_an_upstream_failure_and_the_post_is_sent_once()
    {
        await using var harness = await SignalWireHarness.StartAsync();
        harness.Emulator.Controls.FailNext(EmulatorRoutes.CallCreate, 5, 503);

        var failed = await Assert.ThrowsAsync<SignalWireException>(() => harness.Client.CreateCallAsync(Call()));

        Assert.Equal(SignalWireFailureKind.Upstream, failed.Kind);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(1, harness.Emulator.State.RequestCount(EmulatorRoutes.CallCreate));
        Assert.Empty(harness.Emulator.State.Calls());
    }

    [Fact]
    public async Task A_500_is_an_upstream_failure()
    {
        await using var harness = await SignalWireHarness.StartAsync();
        harness.Emulator.Controls.FailNext(EmulatorRoutes.MessageCreate, 1, 500);

        var failed = await Assert.ThrowsAsync<SignalWireException>(() =>
            harness.Client.SendMessageAsync(new SendMessageRequest("+15557654321", SignalWireHarness.OwnedNumber) { Body = "hi" }));

        Assert.Equal(SignalWireFailureKind.Upstream, failed.Kind);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
    }

    [Fact]
    public async Task A_get_is_retried_through_transient_503s_and_succeeds()
    {
        await using var harness = await SignalWireHarness.StartAsync();
        var created = await harness.Client.CreateCallAsync(Call());
        harness.Emulator.Controls.FailNext(EmulatorRoutes.CallFetch, 2, 503);

        var fetched = await harness.Client.GetCallAsync(created.Sid);

        Assert.Equal(created.Sid, fetched.Sid);
        Assert.Equal(3, harness.Emulator.State.RequestCount(EmulatorRoutes.CallFetch));
    }

    [Fact]
    public async Task A_get_that_keeps_failing_gives_up_after_the_configured_retries()
    {
        await using var harness = await SignalWireHarness.StartAsync();
        harness.Emulator.Controls.FailNext(EmulatorRoutes.CallFetch, 10, 502);

        var failed = await Assert.ThrowsAsync<SignalWireException>(() => harness.Client.GetCallAsync(Guid.NewGuid().ToString()));

        Assert.Equal(SignalWireFailureKind.Upstream, failed.Kind);
        Assert.Equal(3, harness.Emulator.State.RequestCount(EmulatorRoutes.CallFetch));
    }

    [Fact]
    public async Task An_unreachable_space_is_an_upstream_failure_and_the_probe_reports_it()
    {
        var port = Infrastructure.PostgresServer.FreeTcpPort();
        await using var services = SignalWireHarness.CreateServices(new Dictionary<string, string?>
        {
            ["SignalWire:SpaceUrl"] = $"http://127.0.0.1:{port}",
            ["SignalWire:ProjectId"] = SignalWireHarness.ProjectId,
            ["SignalWire:Token"] = SignalWireHarness.Token,
            ["SignalWire:MaxRetries"] = "0",
        });
        var client = services.GetRequiredService<SignalWireClient>();

        var failed = await Assert.ThrowsAsync<SignalWireException>(() => client.CreateCallAsync(Call()));
        Assert.Equal(SignalWireFailureKind.Upstream, failed.Kind);

        var probe = await client.ProbeAsync();
        Assert.False(probe.Reachable);
    }

    [Fact]
    public async Task The_probe_reports_latency_when_reachable_and_the_failure_when_not()
    {
        await using var harness = await SignalWireHarness.StartAsync();
        harness.Emulator.Controls.DelayNext(EmulatorRoutes.AccountFetch, 1, TimeSpan.FromMilliseconds(200));

        var healthy = await harness.Client.ProbeAsync();
        Assert.True(healthy.Reachable);
        Assert.True(healthy.Latency >= TimeSpan.FromMilliseconds(200), $"latency {healthy.Latency}");

        harness.Emulator.Controls.FailNext(EmulatorRoutes.AccountFetch, 1, 401, code: 20003, message: "Authentication Failed");
        var refused = await harness.Client.ProbeAsync();
        Assert.False(refused.Reachable);
        Assert.Contains("Authentication Failed", refused.Detail, StringComparison.Ordinal);
    }
}
