using System.Reflection;
using Receptionist.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Receptionist.Tests.Foundation;

/// <summary>
/// No Docker engine runs here, so the compose file is kept honest by reading it: it must parse, describe the
/// deployment the README promises, and set only configuration keys that the silo actually reads.
/// </summary>
public sealed class DockerComposeTests
{
    private static readonly YamlMappingNode Services = LoadServices();

    [Fact]
    public void Compose_describes_postgres_with_a_volume_a_migrate_step_scalable_silos_and_a_load_balancer()
    {
        var postgres = Service("postgres");
        Assert.StartsWith("postgres:", Scalar(postgres, "image"), StringComparison.Ordinal);
        Assert.Contains(Sequence(postgres, "volumes"), v => v.EndsWith(":/var/lib/postgresql/data", StringComparison.Ordinal));

        var migrate = Service("migrate");
        Assert.Equal(["migrate"], Sequence(migrate, "command"));
        Assert.Equal("no", Scalar(migrate, "restart"));

        var silo = Service("silo");
        var dependsOn = (YamlMappingNode)silo.Children[new YamlScalarNode("depends_on")];
        Assert.Equal("service_completed_successfully", Scalar((YamlMappingNode)dependsOn.Children[new YamlScalarNode("migrate")], "condition"));
        Assert.False(silo.Children.ContainsKey(new YamlScalarNode("ports")), "replicas cannot share published host ports; the load balancer publishes");
        Assert.Equal("auto", Environment(silo)["Orleans__AdvertisedIP"]);

        var balancer = Service("loadbalancer");
        Assert.Contains(Sequence(balancer, "ports"), p => p.EndsWith(":80", StringComparison.Ordinal));
        var nginx = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "deploy", "nginx.conf"));
        Assert.Contains("http://silo:8080", nginx, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_environment_key_the_compose_file_sets_is_read_by_the_silo()
    {
        var unknown = Services.Children.Values
            .SelectMany(service => Environment((YamlMappingNode)service).Keys)
            .Where(key => !key.StartsWith("POSTGRES_", StringComparison.Ordinal))
            .Where(key => !SiloReads(key))
            .ToArray();

        Assert.Empty(unknown);
    }

    /// <summary>
    /// A `Section__Key` variable is read when some options class of the service binds `Section` (its
    /// <c>SectionName</c> constant) and has a property `Key`; host-level variables are read by ASP.NET Core itself.
    /// </summary>
    private static bool SiloReads(string variable)
    {
        if (variable is "ASPNETCORE_URLS" or "ASPNETCORE_ENVIRONMENT" || variable == "ConnectionStrings__Postgres")
        {
            return true;
        }

        var parts = variable.Split("__");
        if (parts.Length != 2)
        {
            return false;
        }

        return OptionsTypes().Any(type =>
            Equals(type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetValue(null), parts[0])
            && type.GetProperty(parts[1], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is { CanWrite: true });
    }

    private static IEnumerable<Type> OptionsTypes() =>
        new[] { typeof(Receptionist.Silo.ReceptionistHost), typeof(Receptionist.Api.ApiSetup), typeof(Receptionist.Grains.GrainKeys), typeof(Receptionist.Grains.StorageNames) }
            .Select(t => t.Assembly)
            .Distinct()
            .SelectMany(a => a.GetTypes())
            .Where(t => t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true });

    private static Dictionary<string, string> Environment(YamlMappingNode service)
    {
        var result = new Dictionary<string, string>();
        if (service.Children.TryGetValue(new YamlScalarNode("environment"), out var node))
        {
            Collect((YamlMappingNode)node, result);
        }

        return result;
    }

    private static void Collect(YamlMappingNode mapping, Dictionary<string, string> into)
    {
        foreach (var (key, value) in mapping.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            if (name == "<<")
            {
                Collect((YamlMappingNode)value, into);
            }
            else
            {
                into[name] = ((YamlScalarNode)value).Value ?? "";
            }
        }
    }

    private static YamlMappingNode Service(string name) => (YamlMappingNode)Services.Children[new YamlScalarNode(name)];

    private static string? Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value;

    private static string[] Sequence(YamlMappingNode node, string key) =>
        ((YamlSequenceNode)node.Children[new YamlScalarNode(key)]).Children.Select(c => ((YamlScalarNode)c).Value!).ToArray();

    private static YamlMappingNode LoadServices()
    {
        using var reader = new StreamReader(Path.Combine(RepositoryPaths.Root, "docker-compose.yml"));
        var yaml = new YamlStream();
        yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return (YamlMappingNode)root.Children[new YamlScalarNode("services")];
    }
}
