using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using Receptionist.Grains;
using Receptionist.Grains.CallFlow;
using Receptionist.Grains.Tenancy;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;
using Receptionist.Tests.Ivr;

namespace Receptionist.Tests.Tenancy;

/// <summary>One business-hours model on the tenant: calls, texts and the AI agent agree on whether it is open.</summary>
[Collection(PostgresCollection.Name)]
public sealed class BusinessHoursModelTests(PostgresFixture postgres)
{
    private const string Tenant = "old-shape";
    private const string TenantNumber = "+15005550176";
    private const string Caller = "+14155550166";

    [Fact]
    public async Task Settings_stored_with_hours_inside_the_call_flow_load_with_them_on_the_tenant_and_calls_and_texts_agree()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "hoursupgrade", silos: 1);
        var silo = cluster[0];
        await CallLifecycleTests.AssignAsync(silo, Tenant, TenantNumber);

        // The shape stored before the hours moved: the flow had its own, the tenant none. Written straight to storage,
        // as an older version left it, before the tenant's grain ever reads it.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var closedToday = new BusinessHours
        {
            TimeZone = "America/New_York",
            Week = [.. Enum.GetValues<DayOfWeek>().Select(d => new DailyHours(d, TimeOnly.MinValue, TimeOnly.MinValue))],
            Holidays = [today.AddDays(-1), today, today.AddDays(1)],
        };
        var flow = new CallFlowSettings
        {
            Greeting = "Welcome.", MenuPrompt = "Press 1.", AfterHoursMessage = "Closed for the holidays.", BusinessHours = closedToday,
            Options = [new MenuOption { Digit = "1", Action = new MenuAction { Kind = MenuActionKind.Say, Message = "Hi." } }],
        };
        var old = new TenantState
        {
            Settings = new TenantSettings
            {
                BusinessName = "Old Shape", Version = 3, CallFlow = flow,
                Sms = new Grains.Messaging.SmsSettings { DefaultReply = "Hello!", AfterHoursReply = "Closed for the holidays, by text." },
            },
            Numbers = [TenantNumber],
            CallFlowHistory = [new VersionedCallFlow(3, flow)],
        };
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var tenantGrainId = silo.Grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(Tenant)).GetGrainId();
        await silo.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var stored = new GrainState<TenantState>();
        await storage.ReadStateAsync("tenant", tenantGrainId, stored);
        stored.State = old;
        await storage.WriteStateAsync("tenant", tenantGrainId, stored);

        var settings = await silo.GetSettingsAsync(Tenant);
        Assert.Equal("America/New_York", (string?)settings["businessHours"]!["timeZone"]);
        Assert.Equal(3, settings["businessHours"]!["holidays"]!.AsArray().Count);
        Assert.False(settings["callFlow"]!.AsObject().ContainsKey("businessHours"));
        Assert.Equal("Welcome.", (string?)settings["callFlow"]!["greeting"]);

        var closed = await new IvrCaller(silo, TenantNumber, Caller).DialInAsync();
        Assert.StartsWith("Closed for the holidays.", closed.Element("Say")!.Value, StringComparison.Ordinal);

        using var text = await silo.PostSignedAsync("/api/signalwire/webhook/sms", [
            new("MessageSid", Guid.NewGuid().ToString()), new("AccountSid", "6bfbbe86-a901-4197-8759-2a0de1fa319d"),
            new("From", Caller), new("To", TenantNumber), new("Body", "are you open?"), new("NumMedia", "0")]);
        Assert.Equal(HttpStatusCode.OK, text.StatusCode);
        Assert.Contains("Closed for the holidays, by text.", await text.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Saving any change stores the new shape; the hours stay the tenant's.
        var saved = await silo.PutSettingsOkAsync(Tenant, new { businessName = "New Shape", businessHours = Flows.AlwaysOpen });
        Assert.Equal("America/New_York", (string?)saved["businessHours"]!["timeZone"]);
        Assert.Null(saved["callFlow"]);
    }
}
