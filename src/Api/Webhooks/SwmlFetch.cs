using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Receptionist.Api.CallFlow;

namespace Receptionist.Api.Webhooks;

/// <summary>
/// SignalWire's request for a SWML document (a number routed to SWML): a JSON body <c>{call: {call_id, from, to,
/// direction, call_state, project_id…}, vars}</c>, signed over its raw text. Routes that answer it carry
/// <see cref="Accepted"/>; the signature filter reads and checks the body and hands it on as this feature.
/// </summary>
public sealed record SwmlFetch(string Raw, JsonObject Body)
{
    /// <summary>Route metadata: this webhook also takes SWML fetches (JSON), not only forms.</summary>
    public sealed class Accepted
    {
        public static readonly Accepted Instance = new();
    }

    public static bool IsJson(HttpRequest request) =>
        request.ContentType is { } type && type.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The fetch as the form fields of a voice request, so one parser reads both: <c>call_id</c> is the CallSid, the
    /// numbers are <c>from_number</c>/<c>to_number</c> (else <c>from</c>/<c>to</c>), and a call being set up is ringing.
    /// </summary>
    public IFormCollection AsVoiceRequest()
    {
        var call = Body["call"] as JsonObject;
        var fields = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        void Put(string name, string? value)
        {
            if (value is not null)
            {
                fields[name] = value;
            }
        }

        Put("CallSid", AgentWebhook.Text(call, "call_id"));
        Put("AccountSid", AgentWebhook.Text(call, "project_id"));
        Put("From", AgentWebhook.Text(call, "from_number") ?? AgentWebhook.Text(call, "from"));
        Put("To", AgentWebhook.Text(call, "to_number") ?? AgentWebhook.Text(call, "to"));
        Put("Direction", AgentWebhook.Text(call, "direction") is "outbound" ? "outbound-api" : AgentWebhook.Text(call, "direction"));
        Put("CallStatus", AgentWebhook.Text(call, "call_state") switch
        {
            "answered" => "in-progress",
            "ending" or "ended" => "completed",
            _ => "ringing",
        });
        return new FormCollection(fields);
    }
}
