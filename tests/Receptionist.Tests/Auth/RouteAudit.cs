using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Receptionist.Api.Auth;

namespace Receptionist.Tests.Auth;

/// <summary>Walks every endpoint an app maps and lists the ones that break the private-route rules.</summary>
public static class RouteAudit
{
    /// <summary>Where anonymous routes may live: health, API docs, SignalWire webhooks.</summary>
    public static readonly string[] PublicPrefixes = ["/health/", "/openapi/", "/api-docs", "/api/mcp/", "/api/signalwire/webhook/"];

    public static IReadOnlyList<RouteEndpoint> Endpoints(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToArray();

    public static string Describe(RouteEndpoint endpoint) =>
        $"{string.Join("|", endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])} /{endpoint.RoutePattern.RawText?.TrimStart('/')}";

    public static List<string> Violations(IServiceProvider services)
    {
        var violations = new List<string>();
        foreach (var endpoint in Endpoints(services))
        {
            var route = Describe(endpoint);
            var path = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            if (endpoint.RoutePattern.Parameters.Any(p => p.Name.Contains("tenant", StringComparison.OrdinalIgnoreCase)))
            {
                violations.Add($"{route}: takes a tenant from the URL");
            }

            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                if (!PublicPrefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal)))
                {
                    violations.Add($"{route}: anonymous outside the public prefixes");
                }

                continue;
            }

            var permissions = endpoint.Metadata.GetOrderedMetadata<RequiredPermission>();
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToArray();
            if (permissions.Count != 1)
            {
                violations.Add($"{route}: declares {permissions.Count} permissions, not exactly one");
            }
            else if (policies.Length > 0)
            {
                // The API authorizes by RequiredPermission alone; a policy would not be enforced.
                violations.Add($"{route}: declares authorization policies [{string.Join(", ", policies)}] beside its permission");
            }
        }

        foreach (var api in services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items.SelectMany(g => g.Items))
        {
            foreach (var parameter in api.ParameterDescriptions)
            {
                if (parameter.Name.Contains("tenant", StringComparison.OrdinalIgnoreCase))
                {
                    violations.Add($"{api.HttpMethod} /{api.RelativePath}: takes a tenant from {parameter.Source.DisplayName}");
                }

                if (parameter.Source == BindingSource.Body &&
                    parameter.Type.GetProperties().Any(p => p.Name.Contains("tenant", StringComparison.OrdinalIgnoreCase)))
                {
                    violations.Add($"{api.HttpMethod} /{api.RelativePath}: its body {parameter.Type.Name} carries a tenant");
                }
            }
        }

        return violations;
    }
}
