using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;

namespace Receptionist.Api.Console;

/// <summary>
/// The receptionist console: a static page (ES modules and CSS embedded in this assembly, so every host serves the
/// same files with no web root to deploy) that signs in with a tenant's token and calls only the public API.
/// </summary>
public static class ConsoleApi
{
    public const string Path = "/console";

    // The page loads nothing from elsewhere; recordings are SignalWire media URLs, so audio may come from any https origin.
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; media-src 'self' https:; connect-src 'self'; style-src 'self'; " +
        "script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static readonly IFileProvider Assets =
        new EmbeddedFileProvider(typeof(ConsoleApi).Assembly, "Receptionist.Api.Console.wwwroot");

    /// <summary>Serves the console's files under <see cref="Path"/>, before authentication: the files hold no data.</summary>
    public static WebApplication UseReceptionistConsole(this WebApplication app)
    {
        // "/" leads to the console, and "/console" to its folder so the page's relative module paths resolve. Not
        // routes: routing would match "/console/" too, and every route is a private API route or a listed public one.
        app.Use((context, next) =>
        {
            if (HttpMethods.IsGet(context.Request.Method) && context.Request.Path.Value is "/" or Path)
            {
                context.Response.Redirect(Path + "/");
                return Task.CompletedTask;
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
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
            },
        });
        return app;
    }
}
