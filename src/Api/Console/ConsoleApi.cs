using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Receptionist.Api.Auth;

namespace Receptionist.Api.Console;

/// <summary>
/// The receptionist console: a static page (ES modules and CSS embedded in this assembly, so every host serves the
/// same files with no web root to deploy) that signs in with a tenant's token and calls only the public API.
/// </summary>
public static class ConsoleApi
{
    public const string Path = "/console";

    /// <summary>What the page learns before sign-in: whether (and where) it can sign in with the OIDC authority.</summary>
    public const string ConfigPath = Path + "/config.json";

    // The page loads nothing from elsewhere and talks only to this service and, when the console signs in with an OIDC
    // authority, to that authority's origin (its discovery document and token endpoint); recordings are SignalWire
    // media URLs, so audio may come from any https origin.
    private static string ContentSecurityPolicy(string? authority) =>
        $"default-src 'self'; img-src 'self' data:; media-src 'self' https:; connect-src 'self'{(authority is null ? "" : " " + authority)}; " +
        "style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static readonly JsonSerializerOptions ConfigJson = new(JsonSerializerDefaults.Web);

    private static readonly IFileProvider Assets =
        new EmbeddedFileProvider(typeof(ConsoleApi).Assembly, "Receptionist.Api.Console.wwwroot");

    /// <summary>Serves the console's files under <see cref="Path"/>, before authentication: the files hold no data.</summary>
    public static WebApplication UseReceptionistConsole(this WebApplication app)
    {
        var auth = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var oidc = string.IsNullOrEmpty(auth.ConsoleClientId) || auth.Authority is null
            ? null
            : new ConsoleOidc(auth.Authority.TrimEnd('/'), auth.ConsoleClientId, auth.ConsoleScope);
        var policy = ContentSecurityPolicy(oidc is null ? null : new Uri(oidc.Authority).GetLeftPart(UriPartial.Authority));
        var config = JsonSerializer.SerializeToUtf8Bytes(new ConsoleConfig(oidc), ConfigJson);

        // "/" leads to the console, and "/console" to its folder so the page's relative module paths resolve. Not
        // routes: routing would match "/console/" too, and every route is a private API route or a listed public one.
        app.Use((context, next) =>
        {
            if (HttpMethods.IsGet(context.Request.Method) && context.Request.Path.Value is "/" or Path)
            {
                context.Response.Redirect(Path + "/");
                return Task.CompletedTask;
            }

            if (HttpMethods.IsGet(context.Request.Method) && context.Request.Path.Value == ConfigPath)
            {
                context.Response.ContentType = "application/json";
                context.Response.Headers.CacheControl = "no-cache";
                context.Response.Headers.XContentTypeOptions = "nosniff";
                return context.Response.Body.WriteAsync(config).AsTask();
            }

            return next(context);
        });
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = Assets, RequestPath = Path });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = Assets,
            RequestPath = Path,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                // Revalidated on every load (a 304 costs a round trip, not the file): a new release shows at once.
                headers.CacheControl = "no-cache";
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
            },
        });
        return app;
    }
}

/// <summary>The console's <c>config.json</c>: <c>oidc</c> is null when the console signs in by pasted token only.</summary>
internal sealed record ConsoleConfig(ConsoleOidc? Oidc);

/// <summary>Where the console signs in: the authority (its discovery document), the console's client id and scopes.</summary>
internal sealed record ConsoleOidc(string Authority, string ClientId, string Scope);
