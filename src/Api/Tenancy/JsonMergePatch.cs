using System.Text.Json.Nodes;

namespace Receptionist.Api.Tenancy;

/// <summary>JSON merge patch (RFC 7396): objects merge member by member, <c>null</c> removes, anything else replaces.</summary>
public static class JsonMergePatch
{
    public const string ContentType = "application/merge-patch+json";

    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject members)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? [];
        foreach (var (name, value) in members)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                var merged = Apply(result[name], value);
                result.Remove(name);
                result[name] = merged;
            }
        }

        return result;
    }
}
