using System.Text.Json;
using System.Text.Json.Nodes;

namespace SignalWire.Emulator.Voice;

/// <summary>
/// The part of SWML an AI receptionist uses: <c>answer</c>, <c>ai</c> (its SWAIG functions posting JSON to their
/// web_hook_url, and the post-prompt report to post_prompt_url when the session ends), <c>play</c> of <c>say:</c>
/// text, <c>connect</c> and <c>hangup</c>. The emulated AI says nothing of its own; a test drives its functions.
/// </summary>
internal static class SwmlAgent
{
    public static async Task RunAsync(InboundCallPlayer player, CallSession session, JsonNode? document, CancellationToken cancellationToken)
    {
        if (document?["sections"]?["main"] is not JsonArray main)
        {
            session.Note("application error: SWML without sections.main");
            player.End(session, "failed");
            return;
        }

        foreach (var step in main.OfType<JsonObject>())
        {
            if (session.Call.IsTerminal)
            {
                return;
            }

            var (verb, body) = step.First();
            switch (verb)
            {
                case "answer":
                    player.Answer(session);
                    break;
                case "play":
                    var url = (string?)body?["url"] ?? "";
                    player.Answer(session);
                    if (url.StartsWith("say:", StringComparison.Ordinal))
                    {
                        session.Hear(url[4..].Trim());
                    }
                    else
                    {
                        session.Note("play " + url);
                    }

                    break;
                case "ai":
                    player.Answer(session);
                    session.Agent = Start(body as JsonObject ?? []);
                    session.Note("AI agent answers" + (session.Agent.PostPromptUrl is null ? "" : "; post-prompt report to " + session.Agent.PostPromptUrl.GetLeftPart(UriPartial.Path)));
                    return;
                case "connect":
                    player.Answer(session);
                    session.ConnectedTo = body?["to"]?.GetValue<string>() ?? "?";
                    session.Note("connected to " + session.ConnectedTo);
                    return;
                case "hangup":
                    player.End(session, "completed");
                    return;
                default:
                    session.Note($"SWML {verb} skipped");
                    break;
            }
        }

        if (!session.Call.IsTerminal)
        {
            session.Note("end of SWML");
            player.End(session, "completed");
        }

        await Task.CompletedTask;
    }

    public static async Task CallFunctionAsync(
        InboundCallPlayer player, CallSession session, AgentSession agent, string function, JsonObject arguments, CancellationToken cancellationToken)
    {
        if (!agent.Functions.TryGetValue(function, out var ownUrl))
        {
            throw new CallNotWaitingException($"The AI agent has no function '{function}' (it has {string.Join(", ", agent.Functions.Keys)}).");
        }

        if ((ownUrl ?? agent.DefaultFunctionUrl) is not { } target || !Uri.TryCreate(target, UriKind.Absolute, out var url))
        {
            throw new CallNotWaitingException($"The function '{function}' has no web_hook_url.");
        }

        var request = new JsonObject
        {
            ["function"] = function,
            ["argument"] = new JsonObject { ["parsed"] = new JsonArray(arguments.DeepClone()), ["raw"] = arguments.ToJsonString(), ["substituted"] = "" },
            ["call_id"] = session.Call.Sid,
            ["ai_session_id"] = agent.SessionId,
            ["app_name"] = "swml app",
            ["global_data"] = agent.GlobalData.DeepClone(),
            ["meta_data"] = new JsonObject(),
            ["caller_id_name"] = session.Call.From,
            ["caller_id_num"] = session.Call.From,
            ["channel_active"] = true,
            ["channel_offhook"] = true,
            ["channel_ready"] = true,
            ["content_type"] = "text/swaig",
            ["content_disposition"] = "SWAIG Function",
            ["conversation_type"] = "voice",
            ["version"] = "2.0",
            ["project_id"] = player.State.ProjectId,
            ["space_id"] = player.State.ProjectId,
        };
        session.Note($"AI calls {function}({arguments.ToJsonString()})");
        var answer = await player.Sender.SendJsonAsync("ai-function", url, request.ToJsonString(), cancellationToken);
        JsonObject? result = null;
        try
        {
            result = answer.StatusCode is >= 200 and < 300 && answer.ResponseBody is { Length: > 0 } text ? JsonNode.Parse(text) as JsonObject : null;
        }
        catch (JsonException)
        {
            // An unreadable answer is treated like a failed function.
        }

        agent.SwaigLog.Add(new JsonObject { ["command_name"] = function, ["command_arg"] = arguments.ToJsonString(), ["post_response"] = result?.DeepClone() });
        if (result is null)
        {
            session.Note($"{function} failed (HTTP {answer.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer"})");
            return;
        }

        agent.CallLog.Add(Turn("tool", result["response"]?.ToJsonString() ?? ""));
        var actions = result["action"] switch
        {
            JsonArray list => list.OfType<JsonObject>().ToList(),
            JsonObject single => [single],
            _ => [],
        };
        foreach (var action in actions)
        {
            foreach (var (key, value) in action)
            {
                switch (key)
                {
                    case "say":
                        session.Hear(value?.GetValue<string>() ?? "");
                        break;
                    case "set_global_data" when value is JsonObject data:
                        foreach (var (name, item) in data)
                        {
                            agent.GlobalData[name] = item?.DeepClone();
                        }

                        break;
                    case "hangup":
                        player.End(session, "completed");
                        await player.PostConversationAsync(session, agent, "assistant", cancellationToken);
                        return;
                    case "SWML":
                        var swml = value is JsonValue text ? JsonNode.Parse(text.GetValue<string>()) : value;
                        session.Agent = null;
                        await player.PostConversationAsync(session, agent, "assistant", cancellationToken);
                        await RunAsync(player, session, swml, cancellationToken);
                        return;
                    case "transfer":
                        break;
                    default:
                        session.Note($"AI action {key} not emulated");
                        break;
                }
            }
        }
    }

    /// <summary>The post-prompt report SignalWire posts once the AI session ends.</summary>
    public static string Report(string projectId, CallSession session, AgentSession agent, string endedBy)
    {
        var said = agent.CallLog.OfType<JsonObject>().Where(t => (string?)t["role"] == "user").Select(t => (string?)t["content"]).ToList();
        var summary = agent.Summary ?? (said.Count == 0 ? "The caller said nothing." : "The caller said: " + string.Join(" ", said));
        var now = DateTimeOffset.UtcNow;
        var report = new JsonObject
        {
            ["action"] = "post_conversation",
            ["ai_session_id"] = agent.SessionId,
            ["call_id"] = session.Call.Sid,
            ["project_id"] = projectId,
            ["space_id"] = projectId,
            ["app_name"] = "swml app",
            ["caller_id_name"] = session.Call.From,
            ["caller_id_num"] = session.Call.From,
            ["content_type"] = "text/swaig",
            ["content_disposition"] = "Conversation Log",
            ["conversation_type"] = "voice",
            ["conversation_summary"] = summary,
            ["call_log"] = agent.CallLog.DeepClone(),
            ["raw_call_log"] = agent.CallLog.DeepClone(),
            ["swaig_log"] = agent.SwaigLog.DeepClone(),
            ["global_data"] = agent.GlobalData.DeepClone(),
            ["call_start_date"] = Microseconds(session.Call.DateCreated),
            ["call_answer_date"] = Microseconds(session.Call.StartTime ?? agent.StartedAt),
            ["call_end_date"] = Microseconds(now),
            ["call_ended_by"] = endedBy,
            ["total_minutes"] = Math.Round(session.Seconds / 60, 2),
            ["total_input_tokens"] = said.Sum(s => (s?.Length ?? 0) / 4) + (agent.Prompt?.Length ?? 0) / 4,
            ["total_output_tokens"] = summary.Length / 4,
            ["total_tts_chars"] = 0,
            ["total_asr_minutes"] = Math.Round(session.Seconds / 60, 2),
        };
        if (agent.PostPrompt is not null)
        {
            report["post_prompt_data"] = new JsonObject { ["raw"] = summary, ["substituted"] = summary, ["parsed"] = new JsonArray() };
        }

        return report.ToJsonString();
    }

    private static AgentSession Start(JsonObject ai)
    {
        var swaig = ai["SWAIG"] as JsonObject;
        var functions = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var function in (swaig?["functions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if ((string?)function["function"] is { } name)
            {
                functions[name] = (string?)function["web_hook_url"];
            }
        }

        var postPrompt = ai["post_prompt"] switch
        {
            JsonValue text => text.GetValue<string>(),
            JsonObject prompt => (string?)prompt["text"],
            _ => null,
        };
        var agent = new AgentSession
        {
            Prompt = (string?)ai["prompt"]?["text"],
            PostPrompt = postPrompt,
            PostPromptUrl = (string?)ai["post_prompt_url"] is { } url && Uri.TryCreate(url, UriKind.Absolute, out var parsed) ? parsed : null,
            DefaultFunctionUrl = (string?)swaig?["defaults"]?["web_hook_url"],
            Functions = functions,
            GlobalData = ai["global_data"]?.DeepClone() as JsonObject ?? [],
        };
        if (agent.Prompt is not null)
        {
            agent.CallLog.Add(Turn("system", agent.Prompt));
        }

        return agent;
    }

    /// <summary>A call log entry as SignalWire writes it: role, content, and when (epoch microseconds).</summary>
    public static JsonObject Turn(string role, string content) =>
        new() { ["role"] = role, ["content"] = content, ["timestamp"] = Microseconds(DateTimeOffset.UtcNow) };

    private static long Microseconds(DateTimeOffset at) => at.ToUnixTimeMilliseconds() * 1000;
}
