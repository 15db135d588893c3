using System.Text.Json;
using System.Text.Json.Serialization;

namespace Receptionist.Api.Calls;

/// <summary>
/// The live status read's answer written by generated code rather than reflection-driven converters (it is the most
/// polled answer the API gives), through <see cref="GeneratedJsonResult{T}"/>. Its options are the HTTP JSON options'
/// web defaults, so the JSON is the same.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CallResponse))]
internal sealed partial class CallJsonContext : JsonSerializerContext;
