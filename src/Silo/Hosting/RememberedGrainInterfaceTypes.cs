using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Metadata;
using Orleans.Runtime;

namespace Receptionist.Silo.Hosting;

/// <summary>
/// Orleans' grain interface type providers, asked once per interface. <c>GetGrain&lt;T&gt;(key)</c> resolves
/// <c>T</c>'s grain interface type on every call by reading its attributes through reflection, which allocates;
/// profiled on the webhook path it was ~3 % of the silo's CPU, spread over every grain a webhook reaches. The answer
/// for a type never changes in a running process, so the first one is kept.
/// </summary>
internal sealed class RememberedGrainInterfaceTypes(IGrainInterfaceTypeProvider[] providers) : IGrainInterfaceTypeProvider
{
    private readonly ConcurrentDictionary<Type, GrainInterfaceType?> answers = new();

    /// <summary>Replaces the registered providers with one that asks them, in their order, once per type.</summary>
    public static void Replace(IServiceCollection services)
    {
        var registered = services.Where(d => d.ServiceType == typeof(IGrainInterfaceTypeProvider) && !d.IsKeyedService).ToList();
        if (registered.Count == 0)
        {
            throw new InvalidOperationException("Orleans' grain interface type providers must be registered before they are replaced.");
        }

        services.RemoveAll<IGrainInterfaceTypeProvider>();
        services.AddSingleton<IGrainInterfaceTypeProvider>(sp => new RememberedGrainInterfaceTypes([.. registered.Select(d => Create(sp, d))]));
    }

    public bool TryGetGrainInterfaceType(Type type, [NotNullWhen(true)] out GrainInterfaceType grainInterfaceType)
    {
        var answer = answers.GetOrAdd(type, Ask);
        grainInterfaceType = answer.GetValueOrDefault();
        return answer.HasValue;
    }

    private GrainInterfaceType? Ask(Type type)
    {
        foreach (var provider in providers)
        {
            if (provider.TryGetGrainInterfaceType(type, out var grainInterfaceType))
            {
                return grainInterfaceType;
            }
        }

        return null;
    }

    private static IGrainInterfaceTypeProvider Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        (IGrainInterfaceTypeProvider)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
