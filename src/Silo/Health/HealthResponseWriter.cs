using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Receptionist.Silo.Health;

/// <summary>Writes a health report as JSON: overall status, and each check's status, description and duration.</summary>
public static class HealthResponseWriter
{
    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerOptions.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var body = new
        {
            status = report.Status.ToString(),
            durable = report.Entries.Count == 0 ? (bool?)null : !report.Entries.ContainsKey(HealthChecks.EmbeddedStorage),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, durationMs = e.Value.Duration.TotalMilliseconds, data = e.Value.Data }),
        };
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, SerializerOptions));
    }
}
