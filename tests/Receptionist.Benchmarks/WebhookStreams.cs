using Receptionist.Tests.Infrastructure;

namespace Receptionist.Benchmarks;

/// <summary>
/// The pre-signed webhook streams a run sends to one target, numbered on from the last one so no call SID repeats
/// across phases (a replayed SID would be a duplicate, which writes nothing).
/// </summary>
internal sealed class WebhookStreams(string work, Uri target)
{
    /// <summary>The number of the next stream's first call.</summary>
    public int Next { get; private set; }

    public async Task<string> WriteAsync(int calls, WebhookStream.Part part = WebhookStream.Part.WholeCalls)
    {
        var first = Next;
        Next += calls;
        return await WebhookStream.WriteAsync(work, target, SiloProcess.SigningKey, first, calls, part);
    }
}
