using System.Xml.Linq;
using SignalWire.Emulator.State;

namespace SignalWire.Emulator.Voice;

/// <summary>
/// One inbound call being played: the cXML document it runs, the verb it waits on, and what the caller heard. The
/// caller's moves take <see cref="Turn"/> one at a time; the logs are read under <see cref="Log"/>.
/// </summary>
internal sealed class CallSession(CallEntity call)
{
    public CallEntity Call { get; } = call;

    public SemaphoreSlim Turn { get; } = new(1, 1);

    public Lock Log { get; } = new();

    /// <summary>The URL the running document came from; relative action URLs resolve against it.</summary>
    public Uri? DocumentUrl { get; set; }

    public IReadOnlyList<XElement> Verbs { get; set; } = [];

    public int Next { get; set; }

    /// <summary>The Gather, Dial or Record waiting for the caller's move, or null.</summary>
    public XElement? Pending { get; set; }

    /// <summary>The SWML AI agent the caller talks to, while it runs.</summary>
    public AgentSession? Agent { get; set; }

    /// <summary>The last post-prompt report sent, and where, so a test can have it delivered again.</summary>
    public (Uri Url, string Json)? LastReport { get; set; }

    /// <summary>Connected elsewhere (an AI transfer): only a hang-up remains.</summary>
    public string? ConnectedTo { get; set; }

    /// <summary>Emulated call time: speech, pauses, waits, ringing, talk and recordings, so durations are stable.</summary>
    public double Seconds { get; set; }

    public List<string> Transcript { get; } = [];

    public List<string> Timeline { get; } = [];

    public int HeardMark { get; set; }

    public void Hear(string text)
    {
        lock (Log)
        {
            Transcript.Add(text);
            Timeline.Add("Say: " + text);
        }
    }

    public void Note(string entry)
    {
        lock (Log)
        {
            Timeline.Add(entry);
        }
    }

    public string? WaitingFor => Agent is not null ? "ai" : ConnectedTo is not null ? "connected" : Pending?.Name.LocalName.ToLowerInvariant();
}
