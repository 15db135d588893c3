using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Receptionist.Grains.SignalWire.Models;
using SignalWire.Emulator.State;
using SignalWire.Emulator.Voice;

namespace Receptionist.Tests.SignalWire;

/// <summary>
/// The emulator as a caller meets it: it plays the cXML (or SWML) a small app answers, posts each action with what the
/// caller did, and reports what the caller heard; the app sees signed requests exactly as from SignalWire.
/// </summary>
public sealed class EmulatedInboundCallTests
{
    private const string Caller = "+15553334444";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_caller_walks_a_menu_hears_each_prompt_in_order_and_the_call_completes_with_its_duration()
    {
        await using var harness = await SignalWireHarness.StartAsync();
        await using var app = await CallbackReceiver.StartAsync();
        app.Answer("/ivr/entry", """
            <Response>
              <Gather input="dtmf speech" action="menu?step=1" numDigits="1" timeout="3"><Say>Press 1 or say hours.</Say></Gather>
              <Say>We did not hear you.</Say>
              <Redirect>/ivr/entry</Redirect>
            </Response>
            """);
        app.Answer("/ivr/menu", "<Response><Say>We are open nine to five.</Say><Sms>Our hours: 9-5.</Sms><Pause length=\"2\"/><Say>Goodbye.</Say><Hangup/></Response>");
        await PointNumberAtAsync(harness, app, "/ivr/entry");

        var call = await harness.Emulator.Controls.DialInAsync(SignalWireHarness.OwnedNumber, Caller);

        Assert.Equal(200, call.AnswerStatusCode);
        Assert.Equal("gather", call.Progress.WaitingFor);
        Assert.Equal(["dtmf", "speech"], call.Progress.Input);
        Assert.Equal(["Press 1 or say hours."], call.Progress.Heard);
        var entry = Assert.Single(app.At("/ivr/entry"));
        Assert.Equal(("ringing", "inbound", call.CallSid), (entry["CallStatus"], entry["Direction"], entry["CallSid"]));
        Assert.True(entry.IsSignedWith(SignalWireHarness.SigningKey));

        // Silence: the Gather times out and the document goes on (its Redirect fetches the menu again).
        var reprompt = await call.StaySilentAsync();
        Assert.Equal(["We did not hear you.", "Press 1 or say hours."], reprompt.Heard);
        Assert.Equal("gather", reprompt.WaitingFor);

        // Two keys for a one-digit Gather: only the first counts; the relative action resolves against the document URL.
        var answered = await call.PressAsync("12");
        var choice = Assert.Single(app.At("/ivr/menu"));
        Assert.Equal(app.Url("/ivr/menu?step=1").ToString(), choice.Url);
        Assert.Equal(("1", "in-progress"), (choice["Digits"], choice["CallStatus"]));
        Assert.True(choice.IsSignedWith(SignalWireHarness.SigningKey));
        Assert.Equal(["We are open nine to five.", "Goodbye."], answered.Heard);
        Assert.Equal(("completed", null), (answered.Status, answered.WaitingFor));
        Assert.Equal(["Press 1 or say hours.", "We did not hear you.", "Press 1 or say hours.", "We are open nine to five.", "Goodbye."], call.Transcript);
        var text = Assert.Single(harness.Emulator.State.Messages());
        Assert.Equal((Caller, SignalWireHarness.OwnedNumber, "Our hours: 9-5."), (text.To, text.From, text.Body));

        var ended = Assert.Single(await app.WaitAsync("/status", r => r.Count > 0, Wait));
        Assert.Equal(("completed", call.CallSid), (ended["CallStatus"], ended["CallSid"]));
        Assert.True(int.Parse(ended["CallDuration"], System.Globalization.CultureInfo.InvariantCulture) >= 5, ended["CallDuration"]);
        Assert.Equal(answered.Duration.ToString(), ended["CallDuration"]);
        Assert.True(ended.IsSignedWith(SignalWireHarness.SigningKey));
        var fetched = await harness.Client.GetCallAsync(call.CallSid);
        Assert.Equal(("completed", answered.Duration), (fetched.Status, fetched.Duration));
        await Assert.ThrowsAsync<CallNotWaitingException>(() => call.PressAsync("1"));
    }

    [Fact]
    public async Task A_forward_nobody_answers_goes_to_a_voicemail_the_app_hears_of_with_a_fetchable_recording()
    {
        await using var harness = await SignalWireHarness.StartAsync();
        await using var app = await CallbackReceiver.StartAsync();
        app.Answer("/entry", "<Response><Say>Connecting you.</Say><Dial action=\"/dial-done\" timeout=\"15\"><Number>+15005550155</Number></Dial></Response>");
        app.Answer("/dial-done", "<Response><Say>Nobody is available. Leave a message.</Say><Record action=\"/recorded\" maxLength=\"30\" recordingStatusCallback=\"/recording-status\" transcribe=\"true\" transcribeCallback=\"/transcribed\"/></Response>");
        app.Answer("/recorded", "<Response><Say>Thank you.</Say><Hangup/></Response>");
        await PointNumberAtAsync(harness, app, "/entry");

        var call = await harness.Emulator.Controls.DialInAsync(SignalWireHarness.OwnedNumber, Caller);
        Assert.Equal("dial", call.Progress.WaitingFor);
        await Assert.ThrowsAsync<CallNotWaitingException>(() => call.PressAsync("1"));

        var voicemail = await call.MissForwardAsync();
        var dialed = Assert.Single(app.At("/dial-done"));
        Assert.Equal(("no-answer", "0"), (dialed["DialCallStatus"], dialed["DialCallDuration"]));
        Assert.Equal("record", voicemail.WaitingFor);
        Assert.Equal(["Nobody is available. Leave a message."], voicemail.Heard);

        var goodbye = await call.LeaveRecordingAsync(seconds: 45, transcription: "Please call me back about my crown.");

        Assert.Equal("completed", goodbye.Status);
        Assert.Equal(["Thank you."], goodbye.Heard);
        var recorded = Assert.Single(app.At("/recorded"));
        Assert.Equal("30", recorded["RecordingDuration"]);
        var onSignalWire = Assert.Single(await harness.Client.ListCallRecordingsAsync(call.CallSid));
        Assert.Equal((recorded["RecordingSid"], 30), (onSignalWire.Sid, onSignalWire.Duration));
        using (var media = await new HttpClient().GetAsync(recorded["RecordingUrl"]))
        {
            Assert.Equal((HttpStatusCode.OK, "audio/x-wav"), (media.StatusCode, media.Content.Headers.ContentType?.MediaType));
        }

        var status = Assert.Single(await app.WaitAsync("/recording-status", r => r.Count > 0, Wait));
        Assert.Equal(("completed", recorded["RecordingSid"], "RecordVerb"), (status["RecordingStatus"], status["RecordingSid"], status["RecordingSource"]));
        Assert.True(status.IsSignedWith(SignalWireHarness.SigningKey));
        var transcript = Assert.Single(await app.WaitAsync("/transcribed", r => r.Count > 0, Wait));
        Assert.Equal(("Please call me back about my crown.", "completed"), (transcript["TranscriptionText"], transcript["TranscriptionStatus"]));
    }

    [Fact]
    public async Task A_caller_who_hangs_up_to_end_the_message_still_delivers_it_and_an_answered_forward_reports_its_talk_time()
    {
        await using var harness = await SignalWireHarness.StartAsync();
        await using var app = await CallbackReceiver.StartAsync();
        app.Answer("/entry", "<Response><Record action=\"/recorded\"/></Response>");
        app.Answer("/forward", "<Response><Dial action=\"/dial-done\"><Number>+15005550155</Number></Dial></Response>");
        app.Answer("/dial-done", "<Response><Hangup/></Response>");
        await PointNumberAtAsync(harness, app, "/entry");

        var voicemail = await harness.Emulator.Controls.DialInAsync(SignalWireHarness.OwnedNumber, Caller);
        var ended = await voicemail.LeaveRecordingAsync(seconds: 7, hangUp: true);

        Assert.Equal("completed", ended.Status);
        var recorded = Assert.Single(app.At("/recorded"));
        Assert.Equal(("hangup", "completed", "7"), (recorded["Digits"], recorded["CallStatus"], recorded["RecordingDuration"]));
        Assert.Equal("completed", Assert.Single(await app.WaitAsync("/status", r => r.Count > 0, Wait))["CallStatus"]);

        await PointNumberAtAsync(harness, app, "/forward");
        var forwarded = await harness.Emulator.Controls.DialInAsync(SignalWireHarness.OwnedNumber, Caller);
        var done = await forwarded.AnswerForwardAsync(talkSeconds: 95);
        var dialed = Assert.Single(app.At("/dial-done"));
        Assert.Equal(("completed", "95"), (dialed["DialCallStatus"], dialed["DialCallDuration"]));
        Assert.True(done.Duration >= 95, $"duration {done.Duration}");
    }

    [Fact]
    public async Task A_broken_answer_is_an_application_error_the_caller_hears_and_Reject_never_answers()
    {
        await using var harness = await SignalWireHarness.StartAsync();
        await using var app = await CallbackReceiver.StartAsync();
        app.Answer("/entry", "<Response><Gather action=\"/next\"><Say>Press a key.</Say></Gather></Response>");
        app.Answer("/next", "<Response><Say>unterminated</Response>");
        app.Answer("/reject", "<Response><Reject reason=\"busy\"/></Response>");
        await PointNumberAtAsync(harness, app, "/entry");

        var call = await harness.Emulator.Controls.DialInAsync(SignalWireHarness.OwnedNumber, Caller);
        var broken = await call.PressAsync("5");
        Assert.Equal("completed", broken.Status);
        Assert.Equal([EmulatedCall.ApplicationError], broken.Heard);

        await PointNumberAtAsync(harness, app, "/reject");
        var rejected = await harness.Emulator.Controls.DialInAsync(SignalWireHarness.OwnedNumber, Caller);
        Assert.Equal(("busy", 0), (rejected.Progress.Status, rejected.Progress.Duration));
        Assert.Empty(rejected.Transcript);
    }

    [Fact]
    public async Task Dropped_terminal_callbacks_are_never_sent_but_the_REST_API_reports_the_final_state()
    {
        await using var harness = await SignalWireHarness.StartAsync();
        await using var app = await CallbackReceiver.StartAsync();
        app.Answer("/entry", "<Response><Gather action=\"/next\"><Say>Press a key.</Say></Gather></Response>");
        await PointNumberAtAsync(harness, app, "/entry");
        harness.Emulator.Controls.SetCallbackDelivery(CallbackDelivery.DropTerminal);

        var call = await harness.Emulator.Controls.DialInAsync(SignalWireHarness.OwnedNumber, Caller);
        await call.HangUpAsync();
        var message = await harness.Client.SendMessageAsync(new SendMessageRequest(Caller, SignalWireHarness.OwnedNumber) { Body = "See you at 3pm", StatusCallback = app.Url("/sms-status") });

        await app.WaitAsync("/sms-status", r => r.Any(c => c["MessageStatus"] == "sent"), Wait);
        await WaitUntilAsync(() => harness.Emulator.State.LostCallbacks().Count == 2);
        Assert.Empty(app.At("/status"));
        Assert.DoesNotContain(app.At("/sms-status"), c => c["MessageStatus"] == "delivered");
        Assert.Equal("completed", (await harness.Client.GetCallAsync(call.CallSid)).Status);
        Assert.Equal("delivered", (await harness.Client.GetMessageAsync(message.Sid)).Status);
    }

    [Fact]
    public async Task An_armed_loss_drops_exactly_the_next_terminal_callback()
    {
        await using var harness = await SignalWireHarness.StartAsync();
        await using var app = await CallbackReceiver.StartAsync();
        harness.Emulator.Controls.LoseNextTerminalCallbacks(1);

        CreateCallRequest Call(string path) => new("+15557654321", SignalWireHarness.OwnedNumber, app.Url("/cxml"))
        {
            StatusCallback = app.Url(path),
            StatusCallbackEvents = CreateCallRequest.AllProgressEvents,
        };
        var first = await harness.Client.CreateCallAsync(Call("/first"));
        await WaitUntilAsync(() => harness.Emulator.State.LostCallbacks().Count == 1);
        var second = await harness.Client.CreateCallAsync(Call("/second"));

        await app.WaitAsync("/second", r => r.Any(c => c["CallStatus"] == "completed"), Wait);
        Assert.Equal(["initiated", "ringing", "in-progress"], app.At("/first").Select(c => c["CallStatus"]));
        Assert.Equal(first.Sid, Assert.Single(harness.Emulator.State.LostCallbacks()).Form.Single(f => f.Key == "CallSid").Value);
        Assert.Equal("completed", (await harness.Client.GetCallAsync(first.Sid)).Status);
        Assert.NotEqual(first.Sid, second.Sid);
    }

    [Fact]
    public async Task An_AI_agent_calls_its_functions_with_the_URLs_credentials_and_posts_its_report_when_the_caller_hangs_up()
    {
        await using var harness = await SignalWireHarness.StartAsync();
        await using var app = await CallbackReceiver.StartAsync();
        var functions = new UriBuilder(app.Url("/swaig")) { UserName = "tenant", Password = "s3cret" }.Uri;
        var report = new UriBuilder(app.Url("/post-prompt")) { UserName = "tenant", Password = "s3cret" }.Uri;
        app.Answer("/entry", new JsonObject
        {
            ["version"] = "1.0.0",
            ["sections"] = new JsonObject
            {
                ["main"] = new JsonArray(new JsonObject { ["answer"] = new JsonObject() }, new JsonObject
                {
                    ["ai"] = new JsonObject
                    {
                        ["prompt"] = new JsonObject { ["text"] = "You are the receptionist." },
                        ["post_prompt"] = new JsonObject { ["text"] = "Summarize the call." },
                        ["post_prompt_url"] = report.AbsoluteUri,
                        ["global_data"] = new JsonObject { ["call_ref"] = "r-1" },
                        ["SWAIG"] = new JsonObject
                        {
                            ["defaults"] = new JsonObject { ["web_hook_url"] = functions.AbsoluteUri },
                            ["functions"] = new JsonArray(new JsonObject { ["function"] = "take_message" }),
                        },
                    },
                }),
            },
        }.ToJsonString(), "application/json");
        app.Answer("/swaig", """{"response":"Message taken.","action":[{"say":"I have passed your message on."}]}""", "application/json");
        await PointNumberAtAsync(harness, app, "/entry");

        var call = await harness.Emulator.Controls.DialInAsync(SignalWireHarness.OwnedNumber, Caller);
        Assert.Equal(("ai", "in-progress"), (call.Progress.WaitingFor, call.Progress.Status));
        await call.SayAsync("Please ask Dr. Lee to call me back.");
        var said = await call.CallFunctionAsync("take_message", new JsonObject { ["message"] = "Call me back." });
        await Assert.ThrowsAsync<CallNotWaitingException>(() => call.CallFunctionAsync("launch_rockets", []));

        Assert.Equal(["I have passed your message on."], said.Heard);
        var invoked = Assert.Single(app.At("/swaig"));
        var request = JsonNode.Parse(invoked.RawBody!)!;
        Assert.Equal(("take_message", "Call me back.", call.CallSid, "r-1"),
            ((string?)request["function"], (string?)request["argument"]!["parsed"]![0]!["message"], (string?)request["call_id"], (string?)request["global_data"]!["call_ref"]));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("tenant:s3cret")), invoked.Authorization);

        await call.HangUpAsync();
        var posted = Assert.Single(app.At("/post-prompt"));
        var body = JsonNode.Parse(posted.RawBody!)!;
        Assert.Equal(("post_conversation", call.CallSid, "caller"), ((string?)body["action"], (string?)body["call_id"], (string?)body["call_ended_by"]));
        Assert.Contains("Dr. Lee", (string?)body["conversation_summary"], StringComparison.Ordinal);
        Assert.Equal((string?)body["conversation_summary"], (string?)body["post_prompt_data"]!["raw"]);
        Assert.Equal(["system", "user", "tool"], body["call_log"]!.AsArray().Select(t => (string)t!["role"]!));
        Assert.Equal(posted.Authorization, invoked.Authorization);
        // SignalWire signs JSON with HMAC-SHA1; the check must use what it uses.
#pragma warning disable CA5350
        var signature = Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(SignalWireHarness.SigningKey), Encoding.UTF8.GetBytes(posted.Url + posted.RawBody)));
#pragma warning restore CA5350
        Assert.Equal(signature, posted.SignalWireSignature);
        Assert.Equal("completed", Assert.Single(await app.WaitAsync("/status", r => r.Count > 0, Wait))["CallStatus"]);

        // Hung up by the app through the REST API instead: the agent still reports.
        var second = await harness.Emulator.Controls.DialInAsync(SignalWireHarness.OwnedNumber, Caller);
        await harness.Client.UpdateCallAsync(second.CallSid, CallUpdate.HangUp());
        var reports = await app.WaitAsync("/post-prompt", r => r.Count == 2, Wait);
        Assert.Equal((second.CallSid, "system"), ((string?)JsonNode.Parse(reports[1].RawBody!)!["call_id"], (string?)JsonNode.Parse(reports[1].RawBody!)!["call_ended_by"]));
    }

    private static async Task PointNumberAtAsync(SignalWireHarness harness, CallbackReceiver app, string voicePath)
    {
        var number = Assert.Single(await harness.Client.ListIncomingNumbersAsync());
        await harness.Client.UpdateIncomingNumberAsync(number.Sid, new NumberWebhooks { VoiceUrl = app.Url(voicePath), StatusCallback = app.Url("/status") });
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition never held");
            await Task.Delay(20);
        }
    }
}
