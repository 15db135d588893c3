using Receptionist.Grains.CallFlow;
using Receptionist.Grains.Tenancy;

namespace Receptionist.Tests.Ivr;

public sealed class SpeechAndEngineTests
{
    private static readonly MenuOption[] Options =
    [
        new() { Digit = "1", Keywords = ["sales"], Action = new MenuAction { Kind = MenuActionKind.Forward, Number = "+15005550155" } },
        new() { Digit = "2", Keywords = ["support", "billing support"], Action = new MenuAction { Kind = MenuActionKind.Say, Message = "Info" } },
        new() { Digit = "3", Keywords = ["billing"], Action = new MenuAction { Kind = MenuActionKind.Voicemail } },
    ];

    [Theory]
    [InlineData("1", null, "1")]
    [InlineData(" 3 ", null, "3")]
    [InlineData("7", null, null)]
    [InlineData(null, "SALES", "1")]
    [InlineData(null, "uh, I'd like to talk to someone in sales please", "1")]
    [InlineData(null, "Billing support.", "2")]
    [InlineData(null, "billing, um, support", "2")]
    [InlineData(null, "it's about billing", "3")]
    [InlineData(null, "press two", "2")]
    [InlineData(null, "3", "3")]
    [InlineData(null, "I want to go", null)]
    [InlineData(null, "salesman", null)]
    [InlineData(null, "", null)]
    public void Digits_and_speech_choose_options_whatever_the_case_and_filler_words(string? digits, string? speech, string? expected) =>
        Assert.Equal(expected, SpeechMatcher.Match(Options, digits, speech)?.Digit);

    [Fact]
    public void The_menu_is_retried_the_configured_number_of_times_then_the_fallback_runs()
    {
        var flow = new CallFlowSettings
        {
            Options = Options, MaxRetries = 1, Reprompt = "Again?",
            Fallback = new MenuAction { Kind = MenuActionKind.Voicemail, Message = "Leave a message." },
        };
        var now = DateTimeOffset.UnixEpoch;
        var first = IvrEngine.Next(flow, new IvrPosition(IvrPosition.Menu, 0, 0, null), new IvrInput(null, "pizza", null, null), now);
        var retry = Assert.IsType<PromptMenu>(first.Next);
        Assert.Equal((1, 1, "Again?"), (retry.Turn, retry.Attempt, retry.Lead));

        var second = IvrEngine.Next(flow, new IvrPosition(IvrPosition.Menu, retry.Turn, retry.Attempt, null), new IvrInput(null, null, null, null), now);
        Assert.Equal([IvrStepKind.NoInput, IvrStepKind.Fallback, IvrStepKind.VoicemailPrompt], second.Steps.Select(s => s.Kind).ToArray());
        Assert.Equal("Leave a message.", Assert.IsType<TakeVoicemail>(second.Next).Prompt);
        Assert.Equal(second.Steps.Count, second.Steps.Select(s => s.Key).Distinct().Count());
    }

    [Fact]
    public void A_forward_answered_ends_the_call_and_one_busy_goes_to_voicemail_only_when_enabled()
    {
        var noVoicemail = Options[0].Action with { VoicemailOnNoAnswer = false };
        var flow = new CallFlowSettings { Options = [Options[0], Options[1] with { Digit = "5", Action = noVoicemail }] };
        var dialed = (string option) => new IvrPosition(IvrPosition.Dialed, 0, 0, option);
        Assert.IsType<EndCall>(IvrEngine.Next(flow, dialed("1"), new IvrInput(null, null, "completed", null), DateTimeOffset.UnixEpoch).Next);
        Assert.IsType<TakeVoicemail>(IvrEngine.Next(flow, dialed("1"), new IvrInput(null, null, "busy", null), DateTimeOffset.UnixEpoch).Next);
        Assert.IsType<EndCall>(IvrEngine.Next(flow, dialed("5"), new IvrInput(null, null, "no-answer", null), DateTimeOffset.UnixEpoch).Next);
    }

    [Fact]
    public void Every_recording_the_IVR_starts_is_preceded_by_the_recording_notice_and_the_agent_by_the_disclosure_each_recorded_as_a_step()
    {
        var now = DateTimeOffset.UnixEpoch;
        var notices = new CallNotices
        {
            Recording = new CallNotice { Enabled = true, Message = "Calls are recorded." },
            AiDisclosure = new CallNotice { Enabled = true, Message = "I am an AI." },
        };
        var agentOption = new MenuOption { Digit = "4", Action = new MenuAction { Kind = MenuActionKind.Agent } };
        var agent = new AiAgentSettings { Prompt = "Help.", HandoffNumber = "+15005550199" };
        var off = new CallFlowSettings
        {
            Greeting = "Hi.", Options = [Options[0] with { Action = Options[0].Action with { VoicemailOnNoAnswer = true } }, Options[2], agentOption], AiAgent = agent,
        };
        var on = off with { Notices = notices, AiAgent = agent with { Notices = notices } };
        var menu = new IvrPosition(IvrPosition.Menu, 0, 0, null);
        IvrDecision[] Recordings(CallFlowSettings flow) =>
        [
            IvrEngine.Enter(flow, open: false, now),
            IvrEngine.Enter(flow with { Options = [] }, open: true, now),
            IvrEngine.Screened(flow, CallerAdmission.Voicemail, "withheld", now),
            IvrEngine.Next(flow, menu, new IvrInput("3", null, null, null), now),
            IvrEngine.Next(flow, new IvrPosition(IvrPosition.Dialed, 0, 0, "1"), new IvrInput(null, null, "no-answer", null), now),
        ];

        foreach (var decision in Recordings(on))
        {
            var voicemail = Assert.IsType<TakeVoicemail>(decision.Next);
            Assert.Contains("Calls are recorded. ", voicemail.Prompt, StringComparison.Ordinal);
            Assert.EndsWith("Please leave a message after the tone.", voicemail.Prompt, StringComparison.Ordinal);
            var noticed = Assert.Single(decision.Steps, s => s.Kind == IvrStepKind.RecordingNotice);
            Assert.Equal("Calls are recorded.", noticed.Detail);
            Assert.Equal(decision.Steps.Count, decision.Steps.Select(s => s.Key).Distinct().Count());
        }

        Assert.All(Recordings(off), decision =>
        {
            Assert.DoesNotContain("recorded", Assert.IsType<TakeVoicemail>(decision.Next).Prompt, StringComparison.Ordinal);
            Assert.DoesNotContain(decision.Steps, s => s.Kind == IvrStepKind.RecordingNotice);
        });

        // No notice where nothing is recorded: the menu, information, a forward.
        Assert.Equal([IvrStepKind.Menu], IvrEngine.Enter(on, open: true, now).Steps.Select(s => s.Kind).ToArray());
        var forward = IvrEngine.Next(on, menu, new IvrInput("1", null, null, null), now);
        Assert.IsType<ForwardCall>(forward.Next);
        Assert.DoesNotContain(forward.Steps, s => s.Kind == IvrStepKind.RecordingNotice);

        var answered = IvrEngine.AnswerByAgent(on.AiAgent!, now);
        Assert.Equal([IvrStepKind.AiDisclosure, IvrStepKind.RecordingNotice, IvrStepKind.AgentHandoff], answered.Steps.Select(s => s.Kind).ToArray());
        Assert.Equal(["I am an AI.", "Calls are recorded."], Assert.IsType<AnswerWithAgent>(answered.Next).Notices);
        Assert.Empty(Assert.IsType<AnswerWithAgent>(IvrEngine.AnswerByAgent(agent, now).Next).Notices);
        Assert.Equal([IvrStepKind.AgentHandoff], IvrEngine.AnswerByAgent(agent, now).Steps.Select(s => s.Kind).ToArray());

        var dialedAgent = IvrEngine.Next(on, menu, new IvrInput("4", null, null, null), now);
        Assert.Equal("I am an AI. Calls are recorded.", Assert.IsType<DialNumber>(IvrVoice.For(on, dialedAgent.Next)).Say);
        Assert.Null(Assert.IsType<DialNumber>(IvrVoice.For(off, IvrEngine.Next(off, menu, new IvrInput("4", null, null, null), now).Next)).Say);
    }

    [Fact]
    public void The_agents_SWML_plays_its_notices_before_the_ai_verb_in_the_calls_voice()
    {
        var handoff = new HandToAgent
        {
            Style = new VoiceStyle("Polly.Joanna", "en-GB"), TenantId = "t", CallSid = "c", BusinessName = "B",
            Agent = new AiAgentSettings { Prompt = "Help." }, Notices = ["I am an AI.", "Calls are\nrecorded."],
        };
        var url = new Uri("https://example.com/f");
        var main = System.Text.Json.Nodes.JsonNode.Parse(Receptionist.Api.CallFlow.SwmlDocuments.Agent(handoff, url, url))!["sections"]!["main"]!.AsArray();

        Assert.Equal(["answer", "play", "play", "ai"], main.Select(v => ((System.Text.Json.Nodes.JsonObject)v!).First().Key).ToArray());
        Assert.Equal(("say:I am an AI.", "Polly.Joanna", "en-GB"), ((string?)main[1]!["play"]!["url"], (string?)main[1]!["play"]!["say_voice"], (string?)main[1]!["play"]!["say_language"]));
        Assert.Equal("say:Calls are recorded.", (string?)main[2]!["play"]!["url"]);
        var plain = System.Text.Json.Nodes.JsonNode.Parse(Receptionist.Api.CallFlow.SwmlDocuments.Agent(handoff with { Notices = [] }, url, url))!;
        Assert.Equal(["answer", "ai"], plain["sections"]!["main"]!.AsArray().Select(v => ((System.Text.Json.Nodes.JsonObject)v!).First().Key).ToArray());
    }

    [Fact]
    public void Business_hours_follow_the_time_zone_weekdays_overnight_openings_and_holidays()
    {
        var hours = new BusinessHours
        {
            TimeZone = "America/New_York",
            Week = [new(DayOfWeek.Monday, new(9, 0), new(17, 0)), new(DayOfWeek.Friday, new(22, 0), new(2, 0))],
            Holidays = [new DateOnly(2026, 12, 28)],
        };
        // 2026-03-02 is a Monday; New York is UTC-5 then.
        Assert.True(hours.IsOpen(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero)));
        Assert.False(hours.IsOpen(new DateTimeOffset(2026, 3, 2, 13, 59, 0, TimeSpan.Zero)));
        Assert.False(hours.IsOpen(new DateTimeOffset(2026, 3, 2, 22, 0, 0, TimeSpan.Zero)));
        Assert.True(hours.IsOpen(new DateTimeOffset(2026, 3, 7, 6, 30, 0, TimeSpan.Zero)));   // Saturday 01:30, Friday's night
        Assert.False(hours.IsOpen(new DateTimeOffset(2026, 3, 7, 7, 30, 0, TimeSpan.Zero)));
        Assert.False(hours.IsOpen(new DateTimeOffset(2026, 12, 28, 15, 0, 0, TimeSpan.Zero))); // a Monday, but a holiday
    }
}
