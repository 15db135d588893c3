namespace SignalWire.Emulator;

/// <summary>Route names, for request counts and forced faults.</summary>
public static class EmulatorRoutes
{
    public const string AccountFetch = "account.fetch";
    public const string CallCreate = "calls.create";
    public const string CallFetch = "calls.fetch";
    public const string CallUpdate = "calls.update";
    public const string CallList = "calls.list";
    public const string MessageCreate = "messages.create";
    public const string MessageFetch = "messages.fetch";
    public const string MessageList = "messages.list";
    public const string NumberSearch = "numbers.search";
    public const string NumberBuy = "numbers.buy";
    public const string NumberUpdate = "numbers.update";
    public const string NumberList = "numbers.list";
    public const string RecordingList = "recordings.list";
    public const string RecordingFetch = "recordings.fetch";
}
