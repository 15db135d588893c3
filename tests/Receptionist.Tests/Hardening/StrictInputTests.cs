using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using Receptionist.Api;
using Receptionist.Api.Auth;
using Receptionist.Grains;
using Receptionist.Grains.Messaging;
using Receptionist.Tests.Auth;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;
using Receptionist.Tests.Messaging;
using SignalWire.Emulator;

namespace Receptionist.Tests.Hardening;

/// <summary>Input that used to slip through a check or crash a route: each is now a clear 4xx that changes nothing.</summary>
public sealed class StrictInputTests
{
    private const string Acme = "acme";
    private const string AcmeNumber = "+15005550100";
    private const string Customer = "+15557770009";

    [Fact]
    public async Task A_trailing_newline_does_not_slip_a_number_past_its_opt_out_and_signalwire_is_not_called()
    {
        await using var emulator = await SmsEmulator.StartAsync(AcmeNumber);
        await using var silo = await TestSilo.StartAsync(SmsEmulator.Configuration(emulator));
        await CallLifecycleTests.AssignAsync(silo, Acme, AcmeNumber);
        Assert.Null(await silo.TextAsync(Guid.NewGuid().ToString(), Customer, AcmeNumber, "STOP"));

        foreach (var to in new[] { Customer + "\n", Customer + "\r\n", Customer, " " + Customer })
        {
            using var refused = await silo.SendSmsAsync(Acme, new { to, from = AcmeNumber, body = "Your appointment is tomorrow" });
            var body = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict, $"{JsonValue.Create(to)}: {(int)refused.StatusCode} {body}");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        using (var call = await silo.Client.SendAsync(HttpMethod.Post, "/api/signalwire/call/outbound", TestTokens.For(Acme, Permissions.CallsCreate),
            JsonContent.Create(new { to = Customer + "\n", from = AcmeNumber })))
        {
            await call.AssertProblemAsync(HttpStatusCode.BadRequest, ApiProblems.Validation);
        }

        Assert.Equal(0, emulator.State.RequestCount(EmulatorRoutes.MessageCreate));
        Assert.Equal(0, emulator.State.RequestCount(EmulatorRoutes.CallCreate));
        Assert.True(await silo.Grains.GetGrain<IOptOutGrain>(GrainKeys.OptOut(Acme, Customer)).IsOptedOut());
    }

    /// <summary>Each case is a request to one silo; they share it, since none changes anything.</summary>
    [Fact]
    public async Task A_token_whose_algorithm_holds_control_or_non_ascii_characters_is_a_401_with_a_safe_challenge()
    {
        await using var silo = await TestSilo.StartAsync(new Dictionary<string, string?>());
        foreach (var algorithm in new[] { "HS256\u0001", "HS256\r\nX-Injected: 1", "HS\u00e9256", "\u65e5\u672c" })
        {
            var header = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(new JsonObject { ["alg"] = algorithm, ["typ"] = "JWT" }.ToJsonString()));
            var payload = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("""{"sub":"x","tenant_id":"acme","exp":4102444800}"""));
            var token = $"{header}.{payload}.c2lnbmF0dXJl";

            using var response = await silo.Client.SendAsync(HttpMethod.Get, "/api/tenant/settings", token);

            var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, ApiProblems.Unauthorized);
            var challenge = Assert.Single(response.Headers.WwwAuthenticate).ToString();
            Assert.StartsWith("Bearer error=\"invalid_token\"", challenge, StringComparison.Ordinal);
            Assert.All(challenge, c => Assert.InRange(c, ' ', '~'));
            Assert.DoesNotContain("X-Injected", response.Headers.Select(h => h.Key));
            Assert.NotNull(problem.GetProperty("reason").GetString());
        }
    }

    [Fact]
    public async Task Analytics_ranges_at_the_ends_of_the_calendar_are_a_400_problem()
    {
        await using var silo = await TestSilo.StartAsync(new Dictionary<string, string?>());
        string[] queries =
        [
            "from=9999-12-31", "to=0001-01-01", "from=0001-01-01", "to=9999-12-31",
            "from=9999-12-01&to=9999-12-31", "from=0001-01-01&to=0001-01-31&groupBy=day",
        ];
        foreach (var query in queries)
        {
            using var response = await silo.Client.SendAsync(HttpMethod.Get, $"/api/signalwire/analytics?{query}", TestTokens.For(Acme, Permissions.AnalyticsRead));

            await response.AssertProblemAsync(HttpStatusCode.BadRequest, ApiProblems.Validation);
        }
    }

    [Fact]
    public async Task A_webhook_repeating_a_field_is_refused_though_signed_and_changes_nothing()
    {
        await using var silo = await TestSilo.StartAsync(new Dictionary<string, string?>());
        await CallLifecycleTests.AssignAsync(silo, Acme, AcmeNumber);
        var messageSid = Guid.NewGuid().ToString();
        var text = SmsTestClient.InboundForm(messageSid, Customer, AcmeNumber, "hello");
        text.Add(new("Body", "world"));

        using (var response = await silo.PostSignedAsync(SmsTestClient.InboundPath, text))
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ApiProblems.Validation);
            Assert.Contains("'Body' appears 2 times", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var callSid = Guid.NewGuid().ToString();
        var status = new List<KeyValuePair<string, string>>
        {
            new("CallSid", callSid), new("CallStatus", "ringing"), new("CallStatus", "completed"), new("To", AcmeNumber), new("From", Customer),
        };
        using (var response = await silo.PostSignedAsync(CallWebhookClient.CallStatusPath, status))
        {
            await response.AssertProblemAsync(HttpStatusCode.BadRequest, ApiProblems.Validation);
        }

        Assert.Empty(await silo.MessagesAsync(Acme));
        Assert.Equal(HttpStatusCode.NotFound, (await silo.GetCallAsync(Acme, callSid)).Status);
    }
}
