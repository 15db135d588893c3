using System.Globalization;
using Receptionist.Grains.SignalWire;
using Receptionist.Grains.SignalWire.Models;
using SignalWire.Emulator.State;

namespace Receptionist.Tests.SignalWire;

public sealed class SignalWireCallTests
{
    private const string Callee = "+15557654321";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Outbound_call_plays_out_to_completed_with_signed_sequenced_callbacks_at_the_receiver()
    {
        await using var harness = await SignalWireHarness.StartAsync();
        await using var receiver = await CallbackReceiver.StartAsync();
        harness.Emulator.Controls.ScriptCallsTo(Callee, new CallScript(CallOutcome.Completed, DurationSeconds: 42));

        var created = await harness.Client.CreateCallAsync(new CreateCallRequest(Callee, SignalWireHarness.OwnedNumber, receiver.Url("/cxml?tenant=acme"))
        {
            StatusCallback = receiver.Url("/status?tenant=acme"),
            StatusCallbackEvents = CreateCallRequest.AllProgressEvents,
            TimeoutSeconds = 25,
        });

        Assert.True(Guid.TryParse(created.Sid, out _));
        Assert.Equal(SignalWireHarness.ProjectId, created.AccountSid);
        Assert.Equal("queued", created.Status);
        Assert.Equal(Callee, created.To);
        Assert.NotNull(created.DateCreated);
        Assert.True(created.DateCreated > DateTimeOffset.UtcNow.AddMinutes(-1));

        var callbacks = await receiver.WaitAsync("/status", r => r.Any(c => c["CallStatus"] == "completed"), Wait);
        Assert.Equal(["initiated", "ringing", "in-progress", "completed"], callbacks.Select(c => c["CallStatus"]));
        Assert.Equal(["0", "1", "2", "3"], callbacks.Select(c => c["SequenceNumber"]));
        var completed = callbacks[^1];
        Assert.Equal("42", completed["CallDuration"]);
        Assert.Equal(created.Sid, completed["CallSid"]);
        Assert.Equal(SignalWireHarness.ProjectId, completed["AccountSid"]);
        Assert.Equal("outbound-api", completed["Direction"]);
        Assert.Equal(SignalWireHarness.OwnedNumber, completed["From"]);
        Assert.Equal("2010-04-01", completed["ApiVersion"]);
        Assert.True(Receptionist.Grains.SignalWire.Wire.Rfc2822Date.TryParse(completed["Timestamp"], out _));
        Assert.All(callbacks, c => Assert.True(c.IsSignedWith(SignalWireHarness.SigningKey), $"bad signature on {c.Url}"));
        Assert.All(callbacks, c => Assert.False(c.IsSignedWith("PSK_someone_else")));

        // On answer SignalWire fetches the call's cXML, signed as well.
        var cxml = Assert.Single(receiver.At("/cxml"));
        Assert.Equal("in-progress", cxml["CallStatus"]);
        Assert.True(cxml.IsSignedWith(SignalWireHarness.SigningKey));

        var fetched = await harness.Client.GetCallAsync(created.Sid);
        Assert.Equal("completed", fetched.Status);
        Assert.Equal(42, fetched.Duration);
        Assert.Equal("outbound", fetched.Direction);
        Assert.NotNull(fetched.EndTime);
        Assert.True(fetched.Price > 0);
    }

    [Fact]
    public async Task Create_call_sends_every_requested_option_as_form_fields()
    {
        await using var harness = await SignalWireHarness.StartAsync();
        var created = await harness.Client.CreateCallAsync(new CreateCallRequest(Callee, SignalWireHarness.OwnedNumber, new Uri("https://example.test/cxml"))
        {
            StatusCallback = new Uri("https://example.test/status"),
            StatusCallbackEvents = ["initiated", "answered"],
            Record = true,
            MachineDetection = "Enable",
            TimeoutSeconds = 25,
        });

        var seen = harness.Emulator.State.Call(created.Sid)!;
        Assert.Equal(["answered", "initiated"], seen.Events.Order());
        Assert.True(seen.Record);
        Assert.Equal("Enable", seen.MachineDetection);
        Assert.Equal(25, seen.TimeoutSeconds);
        Assert.Equal("https://example.test/status", seen.StatusCallback);
    }

    [Theory]
    [InlineData(CallOutcome.Busy, "busy")]
    [InlineData(CallOutcome.NoAnswer, "no-answer")]
    [InlineData(CallOutcome.Failed, "failed")]
    public async Task Unanswered_outcomes_end_with_their_status_and_no_duration(CallOutcome outcome, string status)
    {
        await using var harness = await SignalWireHarness.StartAsync();
        await using var receiver = await CallbackReceiver.StartAsync();
        harness.Emulator.Controls.ScriptNextCall(new CallScript(outcome));

        var created = await harness.Client.CreateCallAsync(new CreateCallRequest(Callee, SignalWireHarness.OwnedNumber, receiver.Url("/cxml"))
        {
            StatusCallback = receiver.Url("/status"),
            StatusCallbackEvents = CreateCallRequest.AllProgressEvents,
        });

        var callbacks = await receiver.WaitAsync("/status", r => r.Any(c => c["CallStatus"] == status), Wait);
        Assert.Equal("0", callbacks[^1]["CallDuration"]);
        Assert.DoesNotContain(callbacks, c => c["CallStatus"] == "in-progress");
        Assert.Empty(receiver.At("/cxml"));
        var fetched = await harness.Client.GetCallAsync(created.Sid);
        Assert.Equal(status, fetched.Status);
        Assert.Equal(0, fetched.Duration);
    }

    [Fact]
    public async Task A_live_call_is_redirected_then_hung_up_and_its_recording_is_listed_with_a_public_media_url()
    {
        await using var harness = await SignalWireHarness.StartAsync();
        await using var receiver = await CallbackReceiver.StartAsync();
        harness.Emulator.Controls.ScriptNextCall(new CallScript(HoldUntilHangUp: true));
        var created = await harness.Client.CreateCallAsync(new CreateCallRequest(Callee, SignalWireHarness.OwnedNumber, receiver.Url("/cxml"))
        {
            StatusCallback = receiver.Url("/status"),
            Record = true,
        });
        await harness.Emulator.Controls.WaitForCallStatusAsync(created.Sid, "in-progress", Wait);

        var canceling = await Assert.ThrowsAsync<SignalWireException>(() => harness.Client.UpdateCallAsync(created.Sid, CallUpdate.Cancel()));
        Assert.Equal(SignalWireFailureKind.Rejected, canceling.Kind);
        Assert.Equal(10000, canceling.Code);

        var redirected = await harness.Client.UpdateCallAsync(created.Sid, CallUpdate.Redirect(receiver.Url("/next-step")));
        Assert.Equal("in-progress", redirected.Status);
        var next = Assert.Single(await receiver.WaitAsync("/next-step", r => r.Count > 0, Wait));
        Assert.Equal(created.Sid, next["CallSid"]);

        var hungUp = await harness.Client.UpdateCallAsync(created.Sid, CallUpdate.HangUp());
        Assert.Equal("completed", hungUp.Status);
        var final = Assert.Single(await receiver.WaitAsync("/status", r => r.Count > 0, Wait));
        Assert.Equal("completed", final["CallStatus"]);
        Assert.True(int.Parse(final["CallDuration"], CultureInfo.InvariantCulture) >= 1);

        var again = await Assert.ThrowsAsync<SignalWireException>(() => harness.Client.UpdateCallAsync(created.Sid, CallUpdate.HangUp()));
        Assert.Equal(10000, again.Code);

        var recording = Assert.Single(await harness.Client.ListCallRecordingsAsync(created.Sid));
        Assert.Equal(created.Sid, recording.CallSid);
        Assert.Equal(-0.0025m, recording.Price);
        Assert.NotNull(recording.MediaUrl);
        Assert.DoesNotContain(".json", recording.MediaUrl!.AbsoluteUri, StringComparison.Ordinal);
        using var anonymous = new HttpClient();
        using var audio = await anonymous.GetAsync(recording.MediaUrl);
        Assert.True(audio.IsSuccessStatusCode);
        Assert.Equal("audio/x-wav", audio.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await harness.Client.ListCallRecordingsAsync(Guid.NewGuid().ToString()));
    }

    [Fact]
    public async Task A_ringing_call_can_be_canceled_and_redirecting_it_is_refused()
    {
        await using var harness = await SignalWireHarness.StartAsync();

        // Ringing until canceled: with a timed step the call could be answered before a slow test's redirect arrives.
        harness.Emulator.Controls.ScriptNextCall(new CallScript(RingUntilHangUp: true));
        var created = await harness.Client.CreateCallAsync(new CreateCallRequest(Callee, SignalWireHarness.OwnedNumber, new Uri("https://example.test/cxml")));
        await harness.Emulator.Controls.WaitForCallStatusAsync(created.Sid, "ringing", Wait);

        var redirect = await Assert.ThrowsAsync<SignalWireException>(() => harness.Client.UpdateCallAsync(created.Sid, CallUpdate.Redirect(new Uri("https://example.test/other"))));
        Assert.Equal(21220, redirect.Code);

        var canceled = await harness.Client.UpdateCallAsync(created.Sid, CallUpdate.Cancel());
        Assert.Equal("canceled", canceled.Status);
        Assert.Equal("canceled", (await harness.Client.GetCallAsync(created.Sid)).Status);
    }

    [Fact]
    public async Task Fetching_an_unknown_call_is_a_rejection_with_code_20404()
    {
        await using var harness = await SignalWireHarness.StartAsync();
        var missing = await Assert.ThrowsAsync<SignalWireException>(() => harness.Client.GetCallAsync(Guid.NewGuid().ToString()));
        Assert.Equal(SignalWireFailureKind.Rejected, missing.Kind);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(20404, missing.Code);
    }
}
