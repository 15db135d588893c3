using System.Text.Json;
using System.Text.Json.Nodes;
using Receptionist.Grains.CallFlow;

namespace Receptionist.Api.CallFlow;

/// <summary>SWML documents (JSON, built as a DOM and serialised by System.Text.Json) for SignalWire's AI agent.</summary>
public static class SwmlDocuments
{
    public const string ContentType = "application/json";
    private const string Transfer = AgentFunctionCall.Transfer;
    private const string TakeMessage = AgentFunctionCall.TakeMessage;
    private const string CheckBusinessHours = AgentFunctionCall.CheckBusinessHours;

    /// <summary>
    /// What the agent is asked once the conversation ends; its answer comes back in the post-prompt report as the
    /// call's summary for the business.
    /// </summary>
    public const string PostPrompt =
        "The call has ended. Summarize it for the business in a few plain sentences: the caller's name, why they called, " +
        "the number to call them back on, and what happened (answered, transferred and to whom, message taken, or " +
        "follow-up needed). Write \"unknown\" for anything the caller did not say.";

    /// <summary>Refuses the call unanswered: SWML's equivalent of cXML's <c>&lt;Reject reason="rejected"/&gt;</c>.</summary>
    public static string Decline() => new JsonObject
    {
        ["version"] = "1.0.0",
        ["sections"] = new JsonObject { ["main"] = new JsonArray(new JsonObject { ["hangup"] = new JsonObject { ["reason"] = "decline" } }) },
    }.ToJsonString();

    /// <summary>
    /// Answers and hands the call to the agent, whose functions post to <paramref name="functionsUrl"/> and whose
    /// post-call report posts to <paramref name="reportUrl"/>.
    /// </summary>
    public static string Agent(HandToAgent handoff, Uri functionsUrl, Uri reportUrl)
    {
        var (agent, callSid, businessName) = (handoff.Agent, handoff.CallSid, handoff.BusinessName);
        var departments = new JsonArray([.. agent.Departments.Select(d => JsonValue.Create(d.Name))]);
        var ai = new JsonObject
        {
            ["prompt"] = new JsonObject { ["text"] = agent.Prompt },
            ["languages"] = new JsonArray(new JsonObject
            {
                ["name"] = handoff.Style.Language,
                ["code"] = handoff.Style.Language,
                ["voice"] = handoff.Style.Voice,
            }),
            ["hints"] = departments.DeepClone(),
            // The transfer function answers with SWML that connects the caller; SignalWire runs it only when allowed.
            ["params"] = new JsonObject { ["swaig_allow_swml"] = true },
            ["global_data"] = new JsonObject { ["call_sid"] = callSid, ["business_name"] = businessName },
            ["post_prompt"] = new JsonObject { ["text"] = PostPrompt },
            ["post_prompt_url"] = reportUrl.AbsoluteUri,
            ["SWAIG"] = new JsonObject
            {
                ["defaults"] = new JsonObject { ["web_hook_url"] = functionsUrl.AbsoluteUri },
                ["functions"] = new JsonArray(
                    Function(Transfer, "Transfer the caller to one of the business's departments.",
                        new JsonObject { ["department"] = Property("The department's name.", departments) }, "department"),
                    Function(TakeMessage, "Take a message for the business when the caller wants one or nobody can help now.",
                        new JsonObject
                        {
                            ["name"] = Property("The caller's name."),
                            ["callback_number"] = Property("A number to call the caller back on."),
                            ["message"] = Property("The message, in the caller's words."),
                        }, "message"),
                    Function(CheckBusinessHours, "Tell whether the business is open now, and its opening hours.", new JsonObject())),
            },
        };
        // The notices are played before the ai verb, so the caller hears them before the agent's first words.
        var main = new JsonArray(new JsonObject { ["answer"] = new JsonObject() });
        foreach (var notice in handoff.Notices)
        {
            main.Add(Say(notice, handoff.Style));
        }

        main.Add(new JsonObject { ["ai"] = ai });
        var document = new JsonObject { ["version"] = "1.0.0", ["sections"] = new JsonObject { ["main"] = main } };
        return document.ToJsonString();
    }

    /// <summary>
    /// SWML <c>play</c> of <c>say:</c> text in the call's language. cXML's generic voices (<c>woman</c>, <c>man</c>)
    /// are no SWML voice names, so they choose the gender; any other voice (<c>Polly.Joanna</c>, …) is named.
    /// </summary>
    public static JsonObject Say(string text, VoiceStyle style)
    {
        // SWML's play URL is one line (its schema's pattern): line breaks in stored text become spaces.
        var play = new JsonObject { ["url"] = "say:" + string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) };
        switch (style.Voice.ToLowerInvariant())
        {
            case "woman" or "alice":
                play["say_gender"] = "female";
                break;
            case "man":
                play["say_gender"] = "male";
                break;
            default:
                play["say_voice"] = style.Voice;
                break;
        }

        play["say_language"] = style.Language;
        return new JsonObject { ["play"] = play };
    }

    /// <summary>A function's answer: <paramref name="response"/> is for the AI to read; actions change the call.</summary>
    public static string FunctionResult(string response, params JsonObject[] actions)
    {
        var result = new JsonObject { ["response"] = response };
        if (actions.Length > 0)
        {
            result["action"] = new JsonArray([.. actions]);
        }

        return result.ToJsonString();
    }

    /// <summary>The action that says goodbye and connects the caller to <paramref name="number"/>, ending the AI session.</summary>
    public static JsonObject ConnectAction(string number) => new()
    {
        ["SWML"] = new JsonObject
        {
            ["version"] = "1.0.0",
            ["sections"] = new JsonObject { ["main"] = new JsonArray(new JsonObject { ["connect"] = new JsonObject { ["to"] = number } }) },
        },
        ["transfer"] = true,
    };

    private static JsonObject Function(string name, string description, JsonObject properties, params string[] required) => new()
    {
        ["function"] = name,
        ["description"] = description,
        ["parameters"] = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray([.. required.Select(r => JsonValue.Create(r))]),
        },
    };

    private static JsonObject Property(string description, JsonArray? allowed = null)
    {
        var property = new JsonObject { ["type"] = "string", ["description"] = description };
        if (allowed is { Count: > 0 })
        {
            property["enum"] = allowed.DeepClone();
        }

        return property;
    }

    /// <summary>The arguments of a SWAIG request: <c>argument.parsed[0]</c>, else <c>argument.raw</c> as JSON.</summary>
    public static JsonObject Arguments(JsonObject request)
    {
        if (request["argument"] is JsonObject argument)
        {
            if (argument["parsed"] is JsonArray { Count: > 0 } parsed && parsed[0] is JsonObject first)
            {
                return first;
            }

            if (argument["raw"] is JsonValue raw && raw.TryGetValue<string>(out var text))
            {
                try
                {
                    return JsonNode.Parse(text) as JsonObject ?? [];
                }
                catch (JsonException)
                {
                    return [];
                }
            }
        }

        return [];
    }
}
