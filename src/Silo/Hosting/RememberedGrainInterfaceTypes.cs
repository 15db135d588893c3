using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Metadata;
using Orleans.Runtime;
using Orleans.Serialization.TypeSystem;

namespace Receptionist.Silo.Hosting;

/// <summary>
/// Orleans' grain interface type providers, asked once per interface. <c>GetGrain&lt;T&gt;(key)</c> resolves
/// <c>T</c>'s grain interface type on every call by reading its attributes through reflection, which allocates;
/// profiled on the webhook path it was ~3 % of the silo's CPU, spread over every grain a webhook reaches. The answer
/// for a type never changes in a running process, so the first one is kept. For an interface no provider names (ours
/// have no <c>[GrainInterfaceType]</c>), Orleans' resolver falls back to naming it by convention, formatting the type's
/// name again on every call (another ~3.5 %): the convention's name, from Orleans' own resolver, is kept too, and is
/// exactly what that fallback would answer.
/// </summary>
internal sealed class RememberedGrainInterfaceTypes(IGrainInterfaceTypeProvider[] providers, GrainInterfaceTypeResolver convention) : IGrainInterfaceTypeProvider
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
        services.AddSingleton<IGrainInterfaceTypeProvider>(sp => new RememberedGrainInterfaceTypes(
            [.. registered.Select(d => Create(sp, d))], new GrainInterfaceTypeResolver([], sp.GetRequiredService<TypeConverter>())));
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

        return type.IsInterface ? convention.GetGrainInterfaceTypeByConvention(type) : null;
    }

    private static IGrainInterfaceTypeProvider Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        (IGrainInterfaceTypeProvider)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
