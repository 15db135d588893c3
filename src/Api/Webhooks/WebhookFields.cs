using Microsoft.AspNetCore.Http;

namespace Receptionist.Api.Webhooks;

/// <summary>How every webhook parser reads a form field: the first value, trimmed; empty counts as absent.</summary>
public static class WebhookFields
{
    public static string? Text(IFormCollection form, string name) =>
        form[name].FirstOrDefault() is { } value && value.Trim() is { Length: > 0 } trimmed ? trimmed : null;
}
