using System.Text.Json;

namespace Receptionist.Grains.Events;

/// <summary>The JSON of event payloads and stored attempts: camelCase, as the rest of the API.</summary>
public static class WebhookJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
