using System.Net.Http.Headers;
using System.Text;
using SignalWire.Emulator.Api;
using SignalWire.Emulator.State;

namespace SignalWire.Emulator.Pipeline;

/// <summary>
/// What every Compatibility API request goes through before its endpoint: the optional <c>.json</c> suffix, Basic
/// auth (the recording media URL excepted, which SignalWire serves unauthenticated), request counting and faults.
/// </summary>
internal static class CompatibilityPipeline
{
    public const string MediaRequestKey = "emulator.media";
    private const string ApiPrefix = "/api/laml/2010-04-01/Accounts";

    /// <summary>Runs before routing: <c>/Calls.json</c> and <c>/Calls</c> are the same resource; <c>.wav</c> asks for media.</summary>
    public static async Task StripSuffixAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "";
        if (path.StartsWith(ApiPrefix, StringComparison.Ordinal))
        {
            if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                context.Request.Path = path[..^5];
            }
            else if (path.Contains("/Recordings/", StringComparison.Ordinal))
            {
                context.Items[MediaRequestKey] = true;
                if (path.EndsWith(".wav", StringComparison.OrdinalIgnoreCase))
                {
                    context.Request.Path = path[..^4];
                }
            }
        }

        await next(context);
    }

    public static async Task AuthenticateAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "";
        var isMedia = context.Items.ContainsKey(MediaRequestKey) && HttpMethods.IsGet(context.Request.Method);
        if (!path.StartsWith(ApiPrefix, StringComparison.Ordinal) || isMedia)
        {
            await next(context);
            return;
        }

        var state = context.RequestServices.GetRequiredService<EmulatorState>();
        var options = context.RequestServices.GetRequiredService<EmulatorOptions>();
        var segments = path[ApiPrefix.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        var pathAccount = segments.Length > 0 ? segments[0] : "";
        if (!Authorized(context.Request, options) || pathAccount != state.ProjectId)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"SignalWire\"";
            await Errors.Standard(StatusCodes.Status401Unauthorized, 20003, "Authentication Failed").ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    /// <summary>Runs after routing, so the endpoint's name is known: counts the request and applies an armed fault.</summary>
    public static async Task ApplyFaultsAsync(HttpContext context, RequestDelegate next)
    {
        var route = context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        if (route is null || route.StartsWith('_'))
        {
            await next(context);
            return;
        }

        var state = context.RequestServices.GetRequiredService<EmulatorState>();
        var fault = state.CountAndTakeFault(route);
        if (fault is null)
        {
            await next(context);
            return;
        }

        if (fault.AnswerLate)
        {
            await AnswerLateAsync(context, next, fault.Delay);
            return;
        }

        if (fault.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(fault.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (fault.StatusCode is not { } status)
        {
            await next(context);
            return;
        }

        var code = fault.Code ?? (status >= 500 ? 0 : 10000);
        var message = fault.Message ?? (status >= 500 ? "Internal Server Error" : "Forced failure");
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "0";
        }

        var result = fault.Shape == ErrorShape.ErrorsArray ? Errors.ErrorsArray(status, code, message) : Errors.Standard(status, code, message);
        await result.ExecuteAsync(context);
    }

    /// <summary>Runs the request now and holds its answer back; a client that aborts meanwhile gets nothing.</summary>
    private static async Task AnswerLateAsync(HttpContext context, RequestDelegate next, TimeSpan delay)
    {
        var original = context.Response.Body;
        using var held = new MemoryStream();
        context.Response.Body = held;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        try
        {
            await Task.Delay(delay, context.RequestAborted);
            held.Position = 0;
            await held.CopyToAsync(original, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up: what the request did stands, its answer is lost.
        }
    }

    private static bool Authorized(HttpRequest request, EmulatorOptions options)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && decoded[..colon] == options.ProjectId && decoded[(colon + 1)..] == options.Token;
    }
}
