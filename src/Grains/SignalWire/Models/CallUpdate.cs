namespace Receptionist.Grains.SignalWire.Models;

/// <summary>A change to a live call: end it, cancel it before answer, or redirect it to new cXML.</summary>
public sealed record CallUpdate
{
    private CallUpdate(string? status, Uri? url)
    {
        Status = status;
        Url = url;
    }

    public string? Status { get; }

    public Uri? Url { get; }

    /// <summary>Hangs up a call in any state (<c>Status=completed</c>).</summary>
    public static CallUpdate HangUp() => new("completed", null);

    /// <summary>Drops a call that is still queued or ringing (<c>Status=canceled</c>); SignalWire refuses it once answered.</summary>
    public static CallUpdate Cancel() => new("canceled", null);

    /// <summary>Makes an in-progress call fetch and run the cXML at <paramref name="url"/>.</summary>
    public static CallUpdate Redirect(Uri url) => new(null, url);
}
