using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using Receptionist.Grains.Observability;
using Receptionist.Grains.SignalWire.Wire;

namespace Receptionist.Grains.SignalWire;

/// <summary>
/// The SignalWire Compatibility REST API (<c>{space}/api/laml/2010-04-01/Accounts/{project}/…</c>): Basic auth, form
/// bodies, snake_case JSON. Every failure is a <see cref="SignalWireException"/> whose kind says whether SignalWire
/// refused (4xx), broke (5xx, unreachable) or did not answer in time. Operations live in the partial files by resource.
/// The exceptions carry no inner exception: they cross grain boundaries, and Orleans cannot serialize the transport's
/// own exceptions (Polly's TimeoutRejectedException, for one), so the cause is logged here instead.
/// </summary>
public sealed partial class SignalWireClient(
    HttpClient http, IOptionsMonitor<SignalWireOptions> options, ILogger<SignalWireClient> logger, ReceptionistTelemetry telemetry)
{
    public const string HttpClientName = "SignalWire";
    private const string ApiRoot = "api/laml/2010-04-01/Accounts/";

    public bool IsConfigured => options.CurrentValue.IsConfigured;

    private (Uri Space, string ProjectId, AuthenticationHeaderValue Auth) Connection()
    {
        var current = options.CurrentValue;
        if (!current.IsConfigured || current.SpaceBaseUri is not { } space)
        {
            throw SignalWireException.NotConfigured();
        }

        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{current.ProjectId}:{current.Token}"));
        return (space, current.ProjectId!, new AuthenticationHeaderValue("Basic", credentials));
    }

    /// <summary>The URL of a resource under the project, e.g. <c>Calls/{sid}</c>; empty for the project (account) itself.</summary>
    private Uri AccountUri(string relative, string query = "")
    {
        var (space, projectId, _) = Connection();
        var path = ApiRoot + Uri.EscapeDataString(projectId) + (relative.Length == 0 ? "" : "/" + relative);
        return new Uri(space, path + query);
    }

    /// <summary>Resolves a <c>next_page_uri</c> or <c>uri</c> field against the space, never against another host.</summary>
    private Uri SpaceUri(string pathAndQuery)
    {
        var (space, _, _) = Connection();
        if (Uri.TryCreate(pathAndQuery, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal))
        {
            pathAndQuery = absolute.PathAndQuery;
        }

        return new Uri(space, pathAndQuery.TrimStart('/'));
    }

    private static string Segment(string value) => Uri.EscapeDataString(value);

    private async Task<T> SendAsync<T>(HttpMethod method, Uri uri, FormBody? form, string operation, CancellationToken cancellationToken)
    {
        using var document = await SendForJsonAsync(method, uri, form, operation, cancellationToken);
        try
        {
            return document.RootElement.Deserialize<T>(SignalWireJson.Options)
                ?? throw new SignalWireException(SignalWireFailureKind.Upstream, $"SignalWire answered an empty body to {operation}.");
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "SignalWire answered an unreadable body to {Operation}", operation);
            throw new SignalWireException(SignalWireFailureKind.Upstream, $"SignalWire answered an unreadable body to {operation}.");
        }
    }

    /// <summary>Sends one request and reports its outcome (ok, refused, upstream, timeout) and latency by operation.</summary>
    private async Task<JsonDocument> SendForJsonAsync(HttpMethod method, Uri uri, FormBody? form, string operation, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "upstream";
        try
        {
            var document = await SendUnmeteredAsync(method, uri, form, operation, cancellationToken);
            outcome = "ok";
            return document;
        }
        catch (SignalWireException e)
        {
            outcome = e.Kind switch
            {
                SignalWireFailureKind.Timeout => "timeout",
                SignalWireFailureKind.Rejected => "refused",
                _ => e.Kind.ToString().ToLowerInvariant(),
            };
            throw;
        }
        finally
        {
            telemetry.RecordSignalWireRequest(operation, outcome, Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task<JsonDocument> SendUnmeteredAsync(HttpMethod method, Uri uri, FormBody? form, string operation, CancellationToken cancellationToken)
    {
        var (_, _, auth) = Connection();
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = auth;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (form is not null)
        {
            request.Content = form.ToContent();
        }

        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutRejectedException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("SignalWire {Operation} timed out after {ElapsedMs} ms", operation, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw new SignalWireException(SignalWireFailureKind.Timeout, $"SignalWire did not answer the request to {operation} in time.");
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning(ex, "SignalWire {Operation} could not reach the API", operation);
            throw new SignalWireException(SignalWireFailureKind.Upstream, $"SignalWire could not be reached to {operation}.");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var failure = ErrorBody.ToException(response.StatusCode, body, operation);
                logger.LogWarning(
                    "SignalWire {Operation} failed: {Status} code {SignalWireCode}: {SignalWireMessage}",
                    operation, (int)response.StatusCode, failure.Code, failure.Message);
                throw failure;
            }

            try
            {
                return JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
            }
            catch (JsonException ex)
            {
                logger.LogWarning(ex, "SignalWire answered non-JSON to {Operation}", operation);
                throw new SignalWireException(SignalWireFailureKind.Upstream, $"SignalWire answered non-JSON to {operation}.", response.StatusCode);
            }
        }
    }

    /// <summary>Follows <c>next_page_uri</c> until the last page or <paramref name="maxResults"/> items.</summary>
    private async Task<IReadOnlyList<T>> ListAsync<T>(Uri firstPage, string itemsKey, int maxResults, string operation, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Uri? next = firstPage;
        while (next is not null && items.Count < maxResults && seen.Add(next.PathAndQuery))
        {
            using var page = await SendForJsonAsync(HttpMethod.Get, next, null, operation, cancellationToken);
            var root = page.RootElement;
            if (root.TryGetProperty(itemsKey, out var array) && array.ValueKind == JsonValueKind.Array)
            {
                try
                {
                    items.AddRange(array.Deserialize<List<T>>(SignalWireJson.Options) ?? []);
                }
                catch (JsonException ex)
                {
                    logger.LogWarning(ex, "SignalWire answered an unreadable page to {Operation}", operation);
                    throw new SignalWireException(SignalWireFailureKind.Upstream, $"SignalWire answered an unreadable page to {operation}.");
                }
            }

            next = root.TryGetProperty("next_page_uri", out var link) && link.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(link.GetString())
                ? SpaceUri(link.GetString()!)
                : null;
        }

        return items.Count > maxResults ? items.GetRange(0, maxResults) : items;
    }
}
