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
        var unknown = Services.Children.Values.Cast<YamlMappingNode>()
            .Where(service => service.Children.ContainsKey(new YamlScalarNode("build")))
            .SelectMany(service => Environment(service).Keys)
            .Where(key => !SiloReads(key))
            .ToArray();

        Assert.Empty(unknown);
    }

    /// <summary>
    /// What each base image carries, from the images themselves: Debian's slim base under the .NET runtime image plus
    /// <c>dotnet</c>; the postgres image's client tools; busybox under prom/prometheus and Alpine's busybox under
    /// grafana/grafana. No curl or wget in the .NET runtime image: that is why the silo has its own `health` command.
    /// </summary>
    private static readonly Dictionary<string, string[]> CommandsInImage = new(StringComparer.Ordinal)
    {
        ["mcr.microsoft.com/dotnet/aspnet"] = ["dotnet", "sh", "bash"],
        ["postgres"] = ["pg_isready", "psql", "sh", "bash"],
        ["prom/prometheus"] = ["wget", "sh", "promtool"],
        ["grafana/grafana"] = ["wget", "sh", "grafana"],
        ["nginx"] = ["nginx", "sh", "bash"],
    };

    [Fact]
    public void Every_health_check_runs_a_command_that_its_image_contains()
    {
        var checkedServices = 0;
        foreach (var (name, node) in Services.Children)
        {
            var service = (YamlMappingNode)node;
            if (!service.Children.TryGetValue(new YamlScalarNode("healthcheck"), out var healthcheck))
            {
                continue;
            }

            var image = BaseImage(service).Split(':')[0];
            var test = Sequence((YamlMappingNode)healthcheck, "test");
            var executable = test[0] switch
            {
                "CMD" => test[1],
                "CMD-SHELL" => test[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0],
                _ => throw new InvalidOperationException($"{((YamlScalarNode)name).Value}: unknown health check form {test[0]}"),
            };
            Assert.True(CommandsInImage.TryGetValue(image, out var commands), $"{((YamlScalarNode)name).Value}: no record of what {image} contains");
            Assert.True(commands.Contains(executable), $"{((YamlScalarNode)name).Value}: its health check runs '{executable}', which {image} does not contain");
            checkedServices++;
        }

        Assert.True(checkedServices >= 4, "postgres, silo, prometheus and grafana have health checks");
        Assert.Equal(["CMD", "dotnet", "Receptionist.Silo.dll", "health"], Sequence((YamlMappingNode)Service("silo").Children[new YamlScalarNode("healthcheck")], "test"));
    }

    [Fact]
    public void Prometheus_scrapes_every_silo_replica_on_its_metrics_port_and_grafana_gets_the_dashboard()
    {
        var silo = Environment(Service("silo"));
        var prometheus = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "deploy", "prometheus.yml"));
        using var reader = new StringReader(prometheus);
        var yaml = new YamlStream();
        yaml.Load(reader);
        var job = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode).Children[new YamlScalarNode("scrape_configs")]).Children[0];
        Assert.Equal(silo["Observability__PrometheusPath"], Scalar(job, "metrics_path"));
        var discovery = (YamlMappingNode)((YamlSequenceNode)job.Children[new YamlScalarNode("dns_sd_configs")]).Children[0];
        Assert.Equal(["silo"], Sequence(discovery, "names"));
        Assert.Equal(silo["Observability__PrometheusPort"], Scalar(discovery, "port"));
        Assert.Contains(Sequence(Service("prometheus"), "volumes"), v => v.StartsWith("./deploy/prometheus.yml:", StringComparison.Ordinal));

        var dashboard = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "deploy", "grafana", "dashboards", "receptionist.json")))!;
        var expressions = dashboard["panels"]!.AsArray().SelectMany(p => p!["targets"]!.AsArray()).Select(t => (string)t!["expr"]!).ToArray();
        foreach (var metric in new[] { "receptionist_webhooks_total", "receptionist_webhook_duration_seconds_bucket", "receptionist_signalwire_requests_total", "receptionist_calls_live", "up{job=\"receptionist\"}" })
        {
            Assert.Contains(expressions, e => e.Contains(metric, StringComparison.Ordinal));
        }

        Assert.Contains(Sequence(Service("grafana"), "volumes"), v => v.StartsWith("./deploy/grafana/dashboards:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Docker_compose_accepts_the_file_where_the_cli_is_installed()
    {
        if (await RunAsync("docker", "compose", "version") is not (0, _))
        {
            return; // No compose CLI on this machine: the parse above is what checks the file.
        }

        var environment = new Dictionary<string, string>
        {
            ["RECEPTIONIST_DB_PASSWORD"] = "x", ["RECEPTIONIST_JWT_SECRET"] = "x", ["SIGNALWIRE_SIGNING_KEY"] = "x", ["GRAFANA_ADMIN_PASSWORD"] = "x",
        };
        var (exit, output) = await RunAsync("docker", ["compose", "-f", Path.Combine(RepositoryPaths.Root, "docker-compose.yml"), "config", "--quiet"], environment);
        Assert.True(exit == 0, output);
    }

    private static Task<(int Exit, string Output)> RunAsync(string file, params string[] arguments) => RunAsync(file, arguments, new Dictionary<string, string>());

    private static async Task<(int Exit, string Output)> RunAsync(string file, string[] arguments, Dictionary<string, string> environment)
    {
        var start = new System.Diagnostics.ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        try
        {
            using var process = System.Diagnostics.Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }

    /// <summary>The image a service runs: its <c>image</c>, or the last <c>FROM</c> of the Dockerfile it builds.</summary>
    private static string BaseImage(YamlMappingNode service)
    {
        if (service.Children.ContainsKey(new YamlScalarNode("image")))
        {
            return Scalar(service, "image")!;
        }

        var from = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "Dockerfile")).Last(l => l.StartsWith("FROM ", StringComparison.Ordinal));
        return from.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
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

        // `Section__Key`, or `Section__Key__0` for an element of an array property.
        var parts = variable.Split("__");
        if (parts.Length is < 2 or > 3 || (parts.Length == 3 && !int.TryParse(parts[2], out _)))
        {
            return false;
        }

        return OptionsTypes().Any(type =>
            Equals(type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetValue(null), parts[0])
            && type.GetProperty(parts[1], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is { CanWrite: true } property
            && (parts.Length == 2 || property.PropertyType.IsArray));
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
