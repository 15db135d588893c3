using SignalWire.Emulator.Playout;
using SignalWire.Emulator.State;

namespace SignalWire.Emulator.Api;

internal static class MessageEndpoints
{
    public static void MapMessages(this RouteGroupBuilder account)
    {
        account.MapPost("/Messages", CreateAsync).WithName(EmulatorRoutes.MessageCreate);
        account.MapGet("/Messages", List).WithName(EmulatorRoutes.MessageList);
        account.MapGet("/Messages/{sid}", Fetch).WithName(EmulatorRoutes.MessageFetch);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, EmulatorState state, MessageLifecycle messages)
    {
        var form = await FormReader.ReadAsync(request);
        var to = form.Single("To");
        var from = form.Single("From");
        var body = form.Single("Body");
        var media = form["MediaUrl"].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
        if (to is null)
        {
            return Errors.Standard(400, 21604, "A 'To' phone number is required");
        }

        if (!PhoneNumbers.IsE164(to))
        {
            return Errors.Standard(400, 21211, $"The 'To' number {to} is not a valid phone number");
        }

        if (from is null)
        {
            return Errors.Standard(400, 21603, "A 'From' phone number is required");
        }

        if (body is null && media.Count == 0)
        {
            return Errors.Standard(400, 21602, "Message body or media URL is required");
        }

        if (body?.Length > 1600)
        {
            return Errors.Standard(400, 21617, "The concatenated message body exceeds the 1600 character limit");
        }

        if (media.Count > 8)
        {
            return Errors.Standard(400, 21623, "Too many media URLs; at most 8 are allowed");
        }

        if (media.FirstOrDefault(m => !FormReader.IsHttpUrl(m)) is { } badMedia)
        {
            return Errors.Standard(400, 21620, $"Invalid media URL '{badMedia}'");
        }

        var statusCallback = form.Single("StatusCallback");
        if (statusCallback is not null && !FormReader.IsHttpUrl(statusCallback))
        {
            return Errors.Standard(400, 21402, $"StatusCallback '{statusCallback}' is not a valid URL");
        }

        MessageEntity message;
        object json;
        lock (state.Gate)
        {
            // Messages, unlike calls, cannot come from a verified caller id: only from a number the project owns.
            if (state.NumberEntities.All(n => n.PhoneNumber != from))
            {
                return Errors.Standard(400, 21210, $"The source phone number {from} is not owned by this project");
            }

            message = new MessageEntity
            {
                Sid = Guid.NewGuid().ToString(), To = to, From = from, Body = body, MediaUrls = media, Direction = "outbound-api",
                StatusCallback = statusCallback is null ? null : new Uri(statusCallback), Script = state.MessageScriptFor(to),
            };
            state.MessageEntities.Add(message);
            json = Representations.Message(state.ProjectId, message);
        }

        messages.StartOutbound(message);
        return WireJson.Json(json, StatusCodes.Status201Created);
    }

    private static IResult Fetch(string sid, EmulatorState state)
    {
        lock (state.Gate)
        {
            return state.MessageEntities.FirstOrDefault(m => m.Sid == sid) is { } message
                ? WireJson.Json(Representations.Message(state.ProjectId, message))
                : Errors.NotFound();
        }
    }

    private static IResult List(HttpRequest request, EmulatorState state)
    {
        string? to = request.Query["To"], from = request.Query["From"], dateSent = request.Query["DateSent"];
        DateOnly? day = null;
        if (dateSent is not null)
        {
            if (!DateOnly.TryParseExact(dateSent, "yyyy-MM-dd", out var parsed))
            {
                return Errors.Standard(400, 10000, "DateSent must be YYYY-MM-DD");
            }

            day = parsed;
        }

        lock (state.Gate)
        {
            var matching = state.MessageEntities
                .Where(m => (to is null || m.To == to) && (from is null || m.From == from)
                    && (day is null || (m.DateSent is { } sent && DateOnly.FromDateTime(sent.UtcDateTime) == day)))
                .Reverse()
                .ToList();
            return Paging.Page(request, matching, m => m.Sid, "messages", m => Representations.Message(state.ProjectId, m));
        }
    }
}
