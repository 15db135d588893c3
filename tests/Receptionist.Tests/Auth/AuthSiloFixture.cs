using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Auth;

/// <summary>
/// One in-memory silo (the real host, Production environment) with issuer and audience validation switched on and
/// the test routes mapped, shared by the auth tests that do not need a special configuration.
/// </summary>
public sealed class AuthSiloFixture : IAsyncLifetime
{
    public const int MaxBodyBytes = 4096;

    private TestSilo? silo;

    public TestSilo Silo => silo ?? throw new InvalidOperationException("not started");

    public HttpClient Client => Silo.Client;

    public static Dictionary<string, string?> Configuration => new()
    {
        ["Auth:Issuer"] = AuthTokens.Issuer,
        ["Auth:Audience"] = AuthTokens.Audience,
        ["RequestLimits:MaxBodyBytes"] = MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public async Task InitializeAsync()
    {
        silo = await TestSilo.StartAsync(Configuration, TestRoutes.Map);
        if (!silo.Services.GetRequiredService<IHostEnvironment>().IsProduction())
        {
            throw new InvalidOperationException("The auth tests must run the host in Production (no developer exception page).");
        }
    }

    public async Task DisposeAsync()
    {
        if (silo is not null)
        {
            await silo.DisposeAsync();
        }
    }
}
