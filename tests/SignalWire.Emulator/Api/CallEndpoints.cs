using System.Globalization;
using SignalWire.Emulator.Playout;
using SignalWire.Emulator.State;
using SignalWire.Emulator.Voice;

namespace SignalWire.Emulator.Api;

internal static class CallEndpoints
{
    private static readonly HashSet<string> Events = new(StringComparer.Ordinal) { "initiated", "ringing", "answered", "completed", "ringing_forwarded", "ringing_queued" };

    public static void MapCalls(this RouteGroupBuilder account)
    {
        account.MapPost("/Calls", CreateAsync).WithName(EmulatorRoutes.CallCreate);
        account.MapGet("/Calls", List).WithName(EmulatorRoutes.CallList);
        account.MapGet("/Calls/{sid}", Fetch).WithName(EmulatorRoutes.CallFetch);
        account.MapPost("/Calls/{sid}", UpdateAsync).WithName(EmulatorRoutes.CallUpdate);
    }

    /// <summary>Create-call 400s use the <c>{"errors":[…]}</c> shape, as SignalWire's do.</summary>
    private static async Task<IResult> CreateAsync(HttpRequest request, EmulatorState state, CallLifecycle calls)
    {
        var form = await FormReader.ReadAsync(request);
        var to = form.Single("To");
        var from = form.Single("From");
        var url = form.Single("Url");
        if (!PhoneNumbers.IsDialable(to))
        {
            return Errors.ErrorsArray(400, 21211, to is null ? "'To' is required" : $"'To' number {to} is not a valid phone number");
        }

        if (!PhoneNumbers.IsDialable(from))
        {
            return Errors.ErrorsArray(400, 21212, from is null ? "'From' is required" : $"'From' number {from} is not a valid phone number or SIP address");
        }

        if (url is null && form.Single("ApplicationSid") is null)
        {
            return Errors.ErrorsArray(400, 21205, "Url or ApplicationSid is required");
        }

        if (!FormReader.IsHttpUrl(url))
        {
            return Errors.ErrorsArray(400, 21205, $"Url '{url}' is not a valid URL");
        }

        var statusCallback = form.Single("StatusCallback");
        if (statusCallback is not null && !FormReader.IsHttpUrl(statusCallback))
        {
            return Errors.ErrorsArray(400, 21402, $"StatusCallback '{statusCallback}' is not a valid URL");
        }

        var events = form["StatusCallbackEvent"].SelectMany(v => (v ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (events.FirstOrDefault(e => !Events.Contains(e)) is { } badEvent)
        {
            return Errors.ErrorsArray(400, 10000, $"StatusCallbackEvent '{badEvent}' is not one of initiated, ringing, answered, completed");
        }

        var timeout = 60;
        if (form.Single("Timeout") is { } timeoutText
            && (!int.TryParse(timeoutText, NumberStyles.None, CultureInfo.InvariantCulture, out timeout) || timeout is < 1 or > 600))
        {
            return Errors.ErrorsArray(400, 21208, "Timeout must be between 1 and 600 seconds");
        }

        var machineDetection = form.Single("MachineDetection");
        if (machineDetection is not null and not ("Enable" or "DetectMessageEnd" or "none"))
        {
            return Errors.ErrorsArray(400, 10000, $"MachineDetection '{machineDetection}' must be Enable, DetectMessageEnd or none");
        }

        var call = new CallEntity
        {
            Sid = Guid.NewGuid().ToString(),
            To = to!,
            From = from!,
            Direction = "outbound-api",
            Url = new Uri(url!),
            Method = form.Single("Method") ?? "POST",
            StatusCallback = statusCallback is null ? null : new Uri(statusCallback),
            StatusCallbackMethod = form.Single("StatusCallbackMethod") ?? "POST",
            Events = events.Count == 0 ? ["completed"] : [.. events],
            Record = string.Equals(form.Single("Record"), "true", StringComparison.OrdinalIgnoreCase),
            MachineDetection = machineDetection,
            TimeoutSeconds = timeout,
            Script = state.TakeCallScript(to!),
        };
        object body;
        lock (state.Gate)
        {
            state.CallEntities.Add(call);
            body = Representations.Call(state.ProjectId, call);
        }

        calls.StartOutbound(call);
        return WireJson.Json(body);
    }

    private static IResult Fetch(string sid, EmulatorState state)
    {
        lock (state.Gate)
        {
            return state.CallEntities.FirstOrDefault(c => c.Sid == sid) is { } call
                ? WireJson.Json(Representations.Call(state.ProjectId, call))
                : Errors.NotFound();
        }
    }

    private static IResult List(HttpRequest request, EmulatorState state)
    {
        string? to = request.Query["To"], from = request.Query["From"], status = request.Query["Status"];
        lock (state.Gate)
        {
            var matching = state.CallEntities
                .Where(c => (to is null || c.To == to) && (from is null || c.From == from) && (status is null || c.Status == status))
                .Reverse()
                .ToList();
            return Paging.Page(request, matching, c => c.Sid, "calls", c => Representations.Call(state.ProjectId, c));
        }
    }

    private static async Task<IResult> UpdateAsync(string sid, HttpRequest request, EmulatorState state, CallLifecycle calls, InboundCallPlayer inbound)
    {
        var form = await FormReader.ReadAsync(request);
        CallEntity? call;
        string current;
        lock (state.Gate)
        {
            call = state.CallEntities.FirstOrDefault(c => c.Sid == sid);
            current = call?.Status ?? "";
        }

        if (call is null)
        {
            return Errors.NotFound();
        }

        var status = form.Single("Status");
        var url = form.Single("Url");
        if (status is null && url is null)
        {
            return Errors.Standard(400, 10000, "Status or Url is required");
        }

        if (status is not null)
        {
            if (status is not ("completed" or "canceled"))
            {
                return Errors.Standard(400, 10000, $"Status '{status}' must be completed or canceled");
            }

            if (call.IsTerminal)
            {
                return Errors.Standard(400, 10000, $"Call is already {current} and cannot be updated");
            }

            if (status == "canceled" && current is not ("queued" or "ringing"))
            {
                return Errors.Standard(400, 10000, "Only a queued or ringing call can be canceled");
            }

            // Hanging up a call nobody answered yet ends it as canceled, as SignalWire reports it.
            calls.TryEnd(call, status == "completed" && current == "in-progress" ? "completed" : "canceled");
        }
        else
        {
            if (!FormReader.IsHttpUrl(url))
            {
                return Errors.Standard(400, 21402, $"Url '{url}' is not a valid URL");
            }

            if (current != "in-progress")
            {
                return Errors.Standard(400, 21220, "Call is not in-progress. Cannot redirect.");
            }

            if (inbound.IsPlayed(call.Sid))
            {
                inbound.Redirect(call, new Uri(url!), form.Single("Method") ?? "POST");
            }
            else
            {
                calls.Redirect(call, new Uri(url!));
            }
        }

        lock (state.Gate)
        {
            return WireJson.Json(Representations.Call(state.ProjectId, call));
        }
    }
}
