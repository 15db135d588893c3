namespace SignalWire.Emulator.State;

/// <summary>A call as the emulator holds it; mutated only under <see cref="EmulatorState"/>'s lock.</summary>
internal sealed class CallEntity
{
    public required string Sid { get; init; }
    public required string To { get; init; }
    public required string From { get; init; }

    /// <summary><c>outbound-api</c> or <c>inbound</c> (webhook spelling; REST shows <c>outbound</c>/<c>inbound</c>).</summary>
    public required string Direction { get; init; }
    public Uri? Url { get; set; }
    public string Method { get; init; } = "POST";
    public Uri? StatusCallback { get; init; }
    public string StatusCallbackMethod { get; init; } = "POST";
    public HashSet<string> Events { get; init; } = new(StringComparer.Ordinal);
    public bool Record { get; init; }
    public string? MachineDetection { get; init; }
    public int TimeoutSeconds { get; init; } = 60;
    public required CallScript Script { get; init; }
    public string Status { get; set; } = "queued";
    public DateTimeOffset DateCreated { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset DateUpdated { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? StartTime { get; set; }
    public DateTimeOffset? EndTime { get; set; }
    public int? Duration { get; set; }
    public decimal? Price { get; set; }
    public string? AnsweredBy { get; set; }
    public int NextSequence { get; set; }
    public List<Uri> CxmlRequests { get; } = [];
    public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsTerminal => Status is "completed" or "busy" or "failed" or "no-answer" or "canceled";
}

internal sealed class MessageEntity
{
    public required string Sid { get; init; }
    public required string To { get; init; }
    public required string From { get; init; }
    public string? Body { get; init; }
    public List<string> MediaUrls { get; init; } = [];
    public required string Direction { get; init; }
    public Uri? StatusCallback { get; init; }
    public required MessageScript Script { get; init; }
    public string Status { get; set; } = "queued";
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }
    public DateTimeOffset DateCreated { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset DateUpdated { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? DateSent { get; set; }

    public int NumSegments => Body is null ? 1 : Math.Max(1, (Body.Length + 159) / 160);
}

internal sealed class NumberEntity
{
    public required string Sid { get; init; }
    public required string PhoneNumber { get; init; }
    public string FriendlyName { get; set; } = "";
    public string? VoiceUrl { get; set; }
    public string VoiceMethod { get; set; } = "POST";
    public string? VoiceFallbackUrl { get; set; }
    public string? StatusCallback { get; set; }
    public string StatusCallbackMethod { get; set; } = "POST";
    public string? SmsUrl { get; set; }
    public string SmsMethod { get; set; } = "POST";
    public string? SmsFallbackUrl { get; set; }
    public DateTimeOffset DateCreated { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset DateUpdated { get; set; } = DateTimeOffset.UtcNow;
}

internal sealed class RecordingEntity
{
    public required string Sid { get; init; }
    public required string CallSid { get; init; }
    public int Duration { get; init; }
    public DateTimeOffset DateCreated { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset StartTime { get; init; }

    /// <summary><c>OutBoundApi</c> for a call created with Record=true, <c>RecordVerb</c> for a cXML &lt;Record&gt;.</summary>
    public string Source { get; init; } = "OutBoundApi";
}

internal sealed record AvailableNumber(string PhoneNumber, string Region, string RateCenter, bool TollFree);
