using System.ComponentModel.DataAnnotations;

namespace Receptionist.Api.Problems;

/// <summary>Request size limits for every route (the private API and webhooks alike).</summary>
public sealed class RequestLimitsOptions
{
    public const string SectionName = "RequestLimits";

    /// <summary>Largest accepted request body. SignalWire webhooks and our JSON bodies are a few KB.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 256 * 1024;
}
