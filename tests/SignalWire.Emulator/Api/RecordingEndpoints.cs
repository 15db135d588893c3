using SignalWire.Emulator.Pipeline;
using SignalWire.Emulator.State;

namespace SignalWire.Emulator.Api;

internal static class RecordingEndpoints
{
    public static void MapRecordings(this RouteGroupBuilder account)
    {
        account.MapGet("/Recordings", (HttpRequest request, EmulatorState state) => List(request, state, request.Query["CallSid"]))
            .WithName(EmulatorRoutes.RecordingList);
        account.MapGet("/Calls/{callSid}/Recordings", (string callSid, HttpRequest request, EmulatorState state) => List(request, state, callSid))
            .WithName(EmulatorRoutes.RecordingList + ".call");
        account.MapGet("/Recordings/{sid}", Fetch).WithName(EmulatorRoutes.RecordingFetch);
    }

    private static IResult List(HttpRequest request, EmulatorState state, string? callSid)
    {
        lock (state.Gate)
        {
            var matching = state.RecordingEntities.Where(r => callSid is null || r.CallSid == callSid).Reverse().ToList();
            return Paging.Page(request, matching, r => r.Sid, "recordings", r => Representations.Recording(state.ProjectId, r));
        }
    }

    /// <summary><c>.json</c> gives metadata (authenticated); no extension or <c>.wav</c> gives the audio, unauthenticated.</summary>
    private static IResult Fetch(string sid, HttpContext context, EmulatorState state)
    {
        lock (state.Gate)
        {
            if (state.RecordingEntities.FirstOrDefault(r => r.Sid == sid) is not { } recording)
            {
                return Errors.NotFound();
            }

            return context.Items.ContainsKey(CompatibilityPipeline.MediaRequestKey)
                ? Results.File(Wav.Silence(recording.Duration), "audio/x-wav")
                : WireJson.Json(Representations.Recording(state.ProjectId, recording));
        }
    }
}
