using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Receptionist.Api.Auth;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Analytics;

/// <summary>Call streams with every outcome analytics distinguishes, and the analytics route read back.</summary>
public static class AnalyticsCalls
{
    /// <summary>
    /// <see cref="CallScenario"/>'s four kinds, plus failed and canceled calls, plus answered calls whose price comes
    /// in a second, later <c>completed</c> callback (SignalWire prices some calls only after reporting them).
    /// </summary>
    public static CallScenario Create(int i, string callSid, string tenantNumber, int minuteOffset)
    {
        var call = CallScenario.Create(i, callSid, tenantNumber, minuteOffset);
        var webhooks = call.Webhooks.ToList();
        var last = webhooks[^1];
        switch (i % 8)
        {
            case 5:
                webhooks[^1] = (last.Path, With(last.Form, "CallStatus", "canceled"));
                break;
            case 6:
                webhooks[^1] = (last.Path, With(last.Form, "CallStatus", "failed"));
                break;
            case 4 when i % 16 == 4:
                webhooks[^1] = (last.Path, [.. last.Form.Where(p => p.Key is not ("Price" or "PriceUnit"))]);
                webhooks.Add((last.Path, With(last.Form, "Price", "0.0125")));
                break;
        }

        return call with { Webhooks = webhooks };
    }

    public static IReadOnlyList<KeyValuePair<string, string>> With(IReadOnlyList<KeyValuePair<string, string>> form, string key, string value) =>
        [.. form.Where(p => p.Key != key), new(key, value)];

    public static async Task<JsonObject> GetAnalyticsAsync(this TestSilo silo, string tenantId, string query)
    {
        using var response = await silo.GetAnalyticsResponseAsync(tenantId, query);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static Task<HttpResponseMessage> GetAnalyticsResponseAsync(this TestSilo silo, string tenantId, string query, string permission = Permissions.AnalyticsRead)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/signalwire/analytics?{query}").Authorized(TestTokens.For(tenantId, permission));
        return silo.Client.SendAsync(request);
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
