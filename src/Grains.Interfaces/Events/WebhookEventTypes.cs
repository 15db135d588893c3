namespace Receptionist.Grains.Events;

/// <summary>The events a tenant's endpoints can subscribe to (the payload's <c>type</c>).</summary>
public static class WebhookEventTypes
{
    public const string CallCompleted = "call.completed";
    public const string CallMissed = "call.missed";
    public const string VoicemailReceived = "voicemail.received";
    public const string CallSummaryReady = "call.summary.ready";
    public const string SmsReceived = "sms.received";
    public const string SmsOptedOut = "sms.opted_out";

    public static readonly IReadOnlyList<string> All =
        [CallCompleted, CallMissed, VoicemailReceived, CallSummaryReady, SmsReceived, SmsOptedOut];

    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);
}
