using System.Net;
using Receptionist.Api.Auth;
using Receptionist.Tests.Auth;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Hardening;

/// <summary>A tenant's rate limit is the tenant's across the cluster: more silos do not multiply it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterRateLimitTests(PostgresFixture postgres)
{
    private const int Burst = 12;

    [Fact]
    public async Task Requests_spread_over_three_silos_get_one_burst_between_them_not_one_each()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "clusterlimit", silos: 3, new Dictionary<string, string?>
        {
            ["RateLimiting:PermitsPerSecond"] = "1",
            ["RateLimiting:Burst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var token = TestTokens.For("busy", Permissions.SettingsRead);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Burst * 3; i++)
        {
            using var response = await cluster[i % 3].Client.SendAsync(HttpMethod.Get, "/api/tenant/settings", token);
            statuses.Add(response.StatusCode);
        }

        // The burst, plus at most one refilled permit per silo share while the requests ran.
        var served = statuses.Count(s => s == HttpStatusCode.OK);
        Assert.True(served is >= Burst - 3 and <= Burst + 3, $"{served} of {statuses.Count} served: {string.Join(",", statuses.Select(s => (int)s))}");
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));

        // Another tenant has its own limit.
        using var other = await cluster[0].Client.SendAsync(HttpMethod.Get, "/api/tenant/settings", TestTokens.For("quiet", Permissions.SettingsRead));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
