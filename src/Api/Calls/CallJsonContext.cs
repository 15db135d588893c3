using System.Text.Json;
using System.Text.Json.Serialization;

namespace Receptionist.Api.Calls;

/// <summary>
/// The live status read's answer written by generated code rather than reflection-driven converters (it is the most
/// polled answer the API gives). Put first in the HTTP JSON options' resolver chain: types it does not list fall
/// through to the default resolver, and the options (web defaults) are the same, so the JSON is the same.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CallResponse))]
internal sealed partial class CallJsonContext : JsonSerializerContext;
