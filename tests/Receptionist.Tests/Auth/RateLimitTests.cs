using System.Net;
using Receptionist.Api;
using Receptionist.Api.Auth;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Auth;

/// <summary>Issue 3.5: a per-tenant token bucket on private routes; anonymous (webhook) routes are never limited.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private const int Burst = 3;
    private TestSilo? silo;

    private HttpClient Client => silo!.Client;

    public async Task InitializeAsync()
    {
        var configuration = AuthSiloFixture.Configuration;
        configuration["RateLimiting:Burst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture);
        configuration["RateLimiting:PermitsPerSecond"] = "1";
        silo = await TestSilo.StartAsync(configuration, TestRoutes.Map);
    }

    public async Task DisposeAsync() => await silo!.DisposeAsync();

    [Fact]
    public async Task Over_the_limit_a_tenant_gets_429_with_retry_after_while_others_and_webhooks_are_served()
    {
        var busy = AuthTokens.For("busy", Permissions.SettingsRead);
        var quiet = AuthTokens.For("quiet", Permissions.SettingsRead);

        // The bucket refills one permit a second, so allow for one refill during the burst.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Burst + 2; i++)
        {
            using var response = await Client.SendAsync(HttpMethod.Get, "/api/tenant/settings", busy);
            statuses.Add(response.StatusCode);
        }

        Assert.True(statuses.Take(Burst).All(s => s == HttpStatusCode.OK), string.Join(",", statuses));
        using var limited = await Client.SendAsync(HttpMethod.Get, "/api/tenant/settings", busy);
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests, ApiProblems.RateLimited);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 5);

        using var other = await Client.SendAsync(HttpMethod.Get, "/api/tenant/settings", quiet);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);

        // Concurrent requests spend the bucket exactly once each: the burst, plus at most one permit per second begun.
        var crowd = AuthTokens.For("crowd", Permissions.SettingsRead);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 24).Select(async _ =>
        {
            using var response = await Client.SendAsync(HttpMethod.Get, "/api/tenant/settings", crowd);
            return response.StatusCode;
        }));
        var granted = concurrent.Count(s => s == HttpStatusCode.OK);
        Assert.InRange(granted, Burst, Burst + 1 + (int)started.Elapsed.TotalSeconds);
        Assert.All(concurrent, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, s.ToString()));

        // A webhook burst far over the limit, even carrying the limited tenant's token, loses nothing.
        var webhooks = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            using var response = await Client.SendAsync(HttpMethod.Post, TestRoutes.Webhook, busy,
                new FormUrlEncodedContent(new Dictionary<string, string> { ["CallSid"] = $"call-{i}", ["CallStatus"] = "ringing" }));
            return response.StatusCode;
        }));
        Assert.All(webhooks, s => Assert.Equal(HttpStatusCode.OK, s));

        await Task.Delay(retryAfter.Value + TimeSpan.FromMilliseconds(200));
        using var afterWait = await Client.SendAsync(HttpMethod.Get, "/api/tenant/settings", busy);
        Assert.Equal(HttpStatusCode.OK, afterWait.StatusCode);
    }
}
