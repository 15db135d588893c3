using Microsoft.AspNetCore.Http;

namespace Receptionist.Api.Webhooks;

/// <summary>How every webhook parser reads a form field: the first value, trimmed; empty counts as absent.</summary>
public static class WebhookFields
{
    // Indexed, not through LINQ: every webhook reads some twenty fields, and FirstOrDefault() boxed each StringValues.
    public static string? Text(IFormCollection form, string name) =>
        form[name] is { Count: > 0 } values && values[0]?.Trim() is { Length: > 0 } trimmed ? trimmed : null;
}
