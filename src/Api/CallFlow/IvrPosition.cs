using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Receptionist.Api.CallFlow;

/// <summary>
/// Where in the flow a webhook comes from, carried in the action URL's query (which SignalWire signs with the rest).
/// <see cref="Turn"/> counts the prompts the call has had, so every step of the call has its own key.
/// </summary>
public sealed record IvrPosition(string Stage, int Turn, int Attempt, string? Option)
{
    public const string Menu = "menu";
    public const string Dialed = "dialed";
    public const string Recorded = "recorded";

    /// <summary>The voicemail left after hours or as the fallback, not after a menu option.</summary>
    public const string NoOption = "none";

    public string Key => $"{Turn}:{Stage}:{Attempt}:{Option}";

    public string ToQuery() =>
        QueryString.Create(new KeyValuePair<string, string?>[]
        {
            new("stage", Stage), new("turn", Turn.ToString(CultureInfo.InvariantCulture)),
            new("attempt", Attempt.ToString(CultureInfo.InvariantCulture)), new("option", Option ?? NoOption),
        }).ToUriComponent();

    public static IvrPosition? Parse(IQueryCollection query)
    {
        var stage = query["stage"].ToString();
        if (stage is not (Menu or Dialed or Recorded)
            || !int.TryParse(query["turn"], NumberStyles.None, CultureInfo.InvariantCulture, out var turn)
            || !int.TryParse(query["attempt"], NumberStyles.None, CultureInfo.InvariantCulture, out var attempt))
        {
            return null;
        }

        var option = query["option"].ToString();
        return new IvrPosition(stage, turn, attempt, option.Length == 0 || option == NoOption ? null : option);
    }
}

/// <summary>What the caller's webhook told us: keys pressed, words heard, how a forward ended, a recording.</summary>
public sealed record IvrInput(string? Digits, string? Speech, string? DialStatus, string? RecordingUrl)
{
    public static IvrInput From(IFormCollection form)
    {
        string? Text(string name) => form[name].FirstOrDefault() is { Length: > 0 } value ? value.Trim() : null;
        return new IvrInput(Text("Digits"), Text("SpeechResult"), Text("DialCallStatus")?.ToLowerInvariant(), Text("RecordingUrl"));
    }
}
