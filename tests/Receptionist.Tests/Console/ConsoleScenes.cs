using System.Net;
using Receptionist.Api.Auth;
using Receptionist.Tests.Analytics;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;
using Receptionist.Tests.Outbound;

namespace Receptionist.Tests.WebConsole;

/// <summary>A tenant as the console's tests find it: its number, a business name, and calls already in the log.</summary>
public static class ConsoleScenes
{
    public static string OwnerToken(string tenant) => TestTokens.For(tenant, [.. Permissions.All]);

    /// <summary>Calls that happened at <paramref name="starts"/>, played in as SignalWire's signed webhooks.</summary>
    public static async Task PlayCallsAsync(TestSilo silo, string number, IEnumerable<DateTimeOffset> starts, int firstVariant = 0)
    {
        var i = firstVariant;
        foreach (var start in starts)
        {
            var call = AnalyticsCalls.Create(i++, $"CA{Guid.NewGuid():N}", number, (int)(start - CallScenario.Epoch).TotalMinutes);
            foreach (var (path, form) in call.Webhooks)
            {
                await silo.PostAcceptedAsync(path, form);
            }
        }
    }

    public static async Task NameBusinessAsync(TestSilo silo, string tenant, string name, string timeZone = "UTC")
    {
        var (status, body) = await silo.SendAsync(HttpMethod.Put, "/api/tenant/settings", tenant, new { businessName = name, timeZone },
            Permissions.SettingsWrite);
        Assert.True(status == HttpStatusCode.OK, $"naming the business: {status} {body}");
    }
}
