namespace Receptionist.Tests.Infrastructure.Cluster;

/// <summary>A grain used only by tests: a durable counter that says which silo hosts it.</summary>
[Alias("test-probe")]
public interface IProbeGrain : IGrainWithStringKey
{
    [Alias("increment")]
    Task<int> Increment();

    [Alias("count")]
    Task<int> Count();

    [Alias("host")]
    Task<string> Host();
}
