using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Receptionist.Api.Calls;

/// <summary>
/// 200 with <paramref name="value"/> as JSON written by its source-generated writer. Serializing with the HTTP JSON
/// options never runs that writer (System.Text.Json runs it only for options without a custom encoder, and the HTTP
/// options have one), so this serializes with the generated context's own type info and puts the HTTP options' encoder
/// and indentation on the writer: the same bytes as <c>TypedResults.Ok</c>, unescaped <c>+</c> in phone numbers included.
/// </summary>
public sealed class GeneratedJsonResult<T>(T value, JsonTypeInfo<T> typeInfo) : IResult
{
    public T Value => value;

    /// <remarks>
    /// Written whole with its length, not streamed: a streamed body goes out chunked, its data and then the closing
    /// chunk as two writes to the socket; with a Content-Length the headers and the body leave in one.
    /// </remarks>
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var http = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var body = new ArrayBufferWriter<byte>(InitialBodyBytes);
        using (var writer = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = http.Encoder, Indented = http.WriteIndented, SkipValidation = true }))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.WrittenCount;
        return response.BodyWriter.WriteAsync(body.WrittenMemory, httpContext.RequestAborted).AsTask();
    }

    /// <summary>A call's detail is ~800 bytes; a larger one grows the buffer once or twice.</summary>
    private const int InitialBodyBytes = 1024;
}
