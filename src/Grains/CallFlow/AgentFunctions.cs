using System.Globalization;
using Receptionist.Grains.Tenancy;

namespace Receptionist.Grains.CallFlow;

/// <summary>What the AI agent's functions answer, and the step each records on the call.</summary>
public static class AgentFunctions
{
    public const string NoAgent = "This business has no AI agent configured.";

    public static (AgentFunctionResult Result, IvrStep? Step) Run(CallSetup setup, AgentFunctionCall call, DateTimeOffset now)
    {
        if (setup.Flow.AiAgent is not { } agent)
        {
            return (new AgentFunctionResult(NoAgent), null);
        }

        var key = $"ai:{call.Function}:{call.RequestKey}";
        switch (call.Function)
        {
            case AgentFunctionCall.Transfer:
                var wanted = call.Department?.Trim() ?? "";
                var department = agent.Departments.FirstOrDefault(d => string.Equals(d.Name, wanted, StringComparison.OrdinalIgnoreCase))
                    ?? agent.Departments.FirstOrDefault(d => SpeechMatcher.Words(wanted).SequenceEqual(SpeechMatcher.Words(d.Name)));
                if (department is null)
                {
                    return (new AgentFunctionResult(
                        $"There is no department called '{wanted}'. The departments are: {string.Join(", ", agent.Departments.Select(d => d.Name))}."), null);
                }

                return (new AgentFunctionResult($"Transferring the caller to {department.Name}.", $"Transferring you to {department.Name}.", department.Number),
                    new IvrStep { Key = key, Kind = IvrStepKind.AgentTransfer, At = now, Detail = department.Name });

            case AgentFunctionCall.TakeMessage:
                if (string.IsNullOrWhiteSpace(call.Message))
                {
                    return (new AgentFunctionResult("Ask the caller for their message first."), null);
                }

                var from = string.Join(", ", new[] { call.CallerName, call.CallbackNumber }.Where(t => !string.IsNullOrWhiteSpace(t)));
                return (new AgentFunctionResult("The message has been recorded; tell the caller the business will get back to them."),
                    new IvrStep { Key = key, Kind = IvrStepKind.AgentMessage, At = now, Input = call.Message, Detail = from.Length == 0 ? null : from });

            default:
                return (new AgentFunctionResult(Describe(setup.Hours, now)), null);
        }
    }

    /// <summary>Whether the business is open now, its weekly hours and the next holidays, in words.</summary>
    public static string Describe(BusinessHours? hours, DateTimeOffset now)
    {
        if (hours is null)
        {
            return "The business is open now; it has no set closing hours.";
        }

        var state = hours.IsOpen(now) ? "The business is open now." : "The business is closed now.";
        var week = hours.Week.Count == 0
            ? "It has no regular opening hours."
            : "Opening hours (" + hours.TimeZone + "): " + string.Join("; ", hours.Week.OrderBy(h => ((int)h.Day + 6) % 7).ThenBy(h => h.Opens)
                .Select(h => $"{h.Day} {h.Opens.ToString("HH:mm", CultureInfo.InvariantCulture)} to {h.Closes.ToString("HH:mm", CultureInfo.InvariantCulture)}")) + ".";
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.TryFindSystemTimeZoneById(hours.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc).DateTime);
        var upcoming = hours.Holidays.Where(d => d >= today).Take(3).ToList();
        var holidays = upcoming.Count == 0 ? "" : " Closed on " + string.Join(", ", upcoming.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))) + ".";
        return $"{state} {week}{holidays}";
    }
}
