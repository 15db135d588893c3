using System.Globalization;

namespace SignalWire.Emulator.State;

/// <summary>
/// Everything the emulated project holds: owned numbers, calls, messages, recordings, the numbers for sale, and the
/// test's scripts and faults. One lock guards it all; the emulator is a test tool, not a hot path.
/// </summary>
public sealed class EmulatorState
{
    private static readonly Dictionary<string, (string Region, string RateCenter)> AreaCodes = new()
    {
        ["212"] = ("NY", "NWYRCYZN01"), ["310"] = ("CA", "LSAN DA 03"), ["415"] = ("CA", "SNFC CNTRL"), ["512"] = ("TX", "AUSTIN"),
        ["206"] = ("WA", "SEATTLE"), ["305"] = ("FL", "MIAMI"), ["312"] = ("IL", "CHICAGO"), ["617"] = ("MA", "BOSTON"),
    };

    private readonly Lock gate = new();
    private readonly List<NumberEntity> numbers = [];
    private readonly List<CallEntity> calls = [];
    private readonly List<MessageEntity> messages = [];
    private readonly List<RecordingEntity> recordings = [];
    private readonly List<AvailableNumber> forSale = [];
    private readonly List<Fault> faults = [];
    private readonly Queue<CallScript> nextCalls = new();
    private readonly Dictionary<string, CallScript> callsTo = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MessageScript> messagesTo = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> requestCounts = new(StringComparer.Ordinal);
    private readonly List<DeliveredWebhook> webhooks = [];
    private readonly List<DeliveredWebhook> lost = [];
    private CallbackDelivery delivery;
    private int terminalCallbacksToLose;

    internal EmulatorState(EmulatorOptions options)
    {
        ProjectId = options.ProjectId;
        foreach (var number in options.OwnedNumbers)
        {
            AddOwnedNumber(number);
        }

        foreach (var areaCode in AreaCodes.Keys)
        {
            StockAreaCode(areaCode);
        }

        foreach (var prefix in new[] { "800", "833", "888" })
        {
            for (var i = 0; i < 5; i++)
            {
                forSale.Add(new AvailableNumber($"+1{prefix}555{i + 100:0000}", "", "", TollFree: true));
            }
        }
    }

    public string ProjectId { get; }

    internal Lock Gate => gate;

    internal List<NumberEntity> NumberEntities => numbers;

    internal List<CallEntity> CallEntities => calls;

    internal List<MessageEntity> MessageEntities => messages;

    internal List<RecordingEntity> RecordingEntities => recordings;

    internal List<AvailableNumber> ForSale => forSale;

    public CallbackDelivery Delivery
    {
        get { lock (gate) { return delivery; } }
        set { lock (gate) { delivery = value; } }
    }

    /// <summary>How many requests reached a route (see <see cref="EmulatorRoutes"/>), forced failures included.</summary>
    public int RequestCount(string route)
    {
        lock (gate)
        {
            return requestCounts.GetValueOrDefault(route);
        }
    }

    public IReadOnlyDictionary<string, int> RequestCounts()
    {
        lock (gate)
        {
            return new Dictionary<string, int>(requestCounts);
        }
    }

    public IReadOnlyList<CallView> Calls()
    {
        lock (gate)
        {
            return [.. calls.Select(View)];
        }
    }

    public CallView? Call(string sid)
    {
        lock (gate)
        {
            return calls.FirstOrDefault(c => c.Sid == sid) is { } call ? View(call) : null;
        }
    }

    public IReadOnlyList<MessageView> Messages()
    {
        lock (gate)
        {
            return [.. messages.Select(m => new MessageView(m.Sid, m.To, m.From, m.Body, [.. m.MediaUrls], m.Direction, m.Status, m.ErrorCode, m.StatusCallback?.AbsoluteUri))];
        }
    }

    public IReadOnlyList<NumberView> Numbers()
    {
        lock (gate)
        {
            return [.. numbers.Select(n => new NumberView(n.Sid, n.PhoneNumber, n.FriendlyName, n.VoiceUrl, n.VoiceMethod, n.StatusCallback, n.SmsUrl, n.SmsMethod))];
        }
    }

    public IReadOnlyList<RecordingView> Recordings()
    {
        lock (gate)
        {
            return [.. recordings.Select(r => new RecordingView(r.Sid, r.CallSid, r.Duration))];
        }
    }

    /// <summary>Every webhook and status callback sent so far, in sending order.</summary>
    public IReadOnlyList<DeliveredWebhook> Webhooks()
    {
        lock (gate)
        {
            return [.. webhooks];
        }
    }

    /// <summary>The status callbacks dropped on purpose (<see cref="CallbackDelivery.DropTerminal"/>), never sent.</summary>
    public IReadOnlyList<DeliveredWebhook> LostCallbacks()
    {
        lock (gate)
        {
            return [.. lost];
        }
    }

    public NumberView AddOwnedNumber(string phoneNumber, string? voiceUrl = null, string? smsUrl = null, string? statusCallback = null)
    {
        if (!PhoneNumbers.IsE164(phoneNumber))
        {
            throw new ArgumentException($"'{phoneNumber}' is not an E.164 number.", nameof(phoneNumber));
        }

        lock (gate)
        {
            if (numbers.Any(n => n.PhoneNumber == phoneNumber))
            {
                throw new InvalidOperationException($"{phoneNumber} is already owned.");
            }

            forSale.RemoveAll(a => a.PhoneNumber == phoneNumber);
            var number = new NumberEntity
            {
                Sid = Guid.NewGuid().ToString(),
                PhoneNumber = phoneNumber,
                FriendlyName = phoneNumber,
                VoiceUrl = voiceUrl,
                SmsUrl = smsUrl,
                StatusCallback = statusCallback,
            };
            numbers.Add(number);
            return new NumberView(number.Sid, number.PhoneNumber, number.FriendlyName, number.VoiceUrl, number.VoiceMethod, number.StatusCallback, number.SmsUrl, number.SmsMethod);
        }
    }

    /// <summary>Puts a specific number up for sale (on top of the generated stock).</summary>
    public void AddNumberForSale(string phoneNumber, string region = "NY", bool tollFree = false)
    {
        lock (gate)
        {
            forSale.Add(new AvailableNumber(phoneNumber, region, "TEST", tollFree));
        }
    }

    /// <summary>Makes sure an area code has numbers for sale (any valid US area code gets a few on first search).</summary>
    internal void StockAreaCode(string areaCode)
    {
        lock (gate)
        {
            if (forSale.Any(a => a.PhoneNumber.StartsWith("+1" + areaCode, StringComparison.Ordinal)))
            {
                return;
            }

            var (region, rateCenter) = AreaCodes.GetValueOrDefault(areaCode, ("NY", "GENERIC"));
            for (var i = 0; i < 5; i++)
            {
                var number = string.Create(CultureInfo.InvariantCulture, $"+1{areaCode}555{i + 100:0000}");
                if (numbers.All(n => n.PhoneNumber != number))
                {
                    forSale.Add(new AvailableNumber(number, region, rateCenter, TollFree: false));
                }
            }
        }
    }

    internal void AddFault(Fault fault)
    {
        lock (gate)
        {
            faults.Add(fault);
        }
    }

    internal void ClearFaults()
    {
        lock (gate)
        {
            faults.Clear();
        }
    }

    /// <summary>Counts the request and consumes one use of the first fault armed for its route.</summary>
    internal Fault? CountAndTakeFault(string route)
    {
        lock (gate)
        {
            requestCounts[route] = requestCounts.GetValueOrDefault(route) + 1;
            var index = faults.FindIndex(f => f.Route == route);
            if (index < 0)
            {
                return null;
            }

            var fault = faults[index];
            if (fault.Count <= 1)
            {
                faults.RemoveAt(index);
            }
            else
            {
                faults[index] = fault with { Count = fault.Count - 1 };
            }

            return fault;
        }
    }

    internal void ScriptNextCall(CallScript script)
    {
        lock (gate)
        {
            nextCalls.Enqueue(script);
        }
    }

    internal void ScriptCallsTo(string number, CallScript script)
    {
        lock (gate)
        {
            callsTo[number] = script;
        }
    }

    internal void ScriptMessagesTo(string number, MessageScript script)
    {
        lock (gate)
        {
            messagesTo[number] = script;
        }
    }

    internal CallScript TakeCallScript(string to)
    {
        lock (gate)
        {
            return nextCalls.TryDequeue(out var next) ? next : callsTo.GetValueOrDefault(to, CallScript.Default);
        }
    }

    internal MessageScript MessageScriptFor(string to)
    {
        lock (gate)
        {
            return messagesTo.GetValueOrDefault(to, MessageScript.Default);
        }
    }

    internal void LoseTerminalCallbacks(int count)
    {
        lock (gate)
        {
            terminalCallbacksToLose += count;
        }
    }

    /// <summary>Consumes one armed loss, if any.</summary>
    internal bool TakeTerminalLoss()
    {
        lock (gate)
        {
            if (terminalCallbacksToLose == 0)
            {
                return false;
            }

            terminalCallbacksToLose--;
            return true;
        }
    }

    internal void LogLost(DeliveredWebhook webhook)
    {
        lock (gate)
        {
            lost.Add(webhook);
        }
    }

    internal void LogWebhook(DeliveredWebhook webhook)
    {
        lock (gate)
        {
            webhooks.Add(webhook);
        }
    }

    private static CallView View(CallEntity c) => new(
        c.Sid, c.To, c.From, c.Direction, c.Status, c.Duration, c.Url?.AbsoluteUri, c.StatusCallback?.AbsoluteUri,
        [.. c.Events], c.Record, c.MachineDetection, c.TimeoutSeconds, [.. c.CxmlRequests.Select(u => u.AbsoluteUri)]);
}
