using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Auth;

/// <summary>The app exactly as Program builds it (no test routes), for audits of what it maps.</summary>
public sealed class PlainSiloFixture : IAsyncLifetime
{
    private TestSilo? silo;

    public TestSilo Silo => silo ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => silo = await TestSilo.StartAsync(new Dictionary<string, string?>());

    public async Task DisposeAsync()
    {
        if (silo is not null)
        {
            await silo.DisposeAsync();
        }
    }
}
