using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Scalar.AspNetCore;

namespace Receptionist.Api.OpenApi;

/// <summary>
/// The OpenAPI document, generated from the mapped endpoints (routes, bodies, typed results, permissions), at
/// <c>/openapi/v1.json</c>, and the interactive Scalar UI over it at <c>/api-docs</c>; both anonymous.
/// </summary>
public static class ApiDocs
{
    public const string DocumentPath = "/openapi/{documentName}.json";
    public const string UiPath = "/api-docs";

    public static IServiceCollection AddReceptionistApiDocs(this IServiceCollection services)
    {
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
            o.AddOperationTransformer<PermissionOperationTransformer>();
        });
        return services;
    }

    public static IEndpointRouteBuilder MapReceptionistApiDocs(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi(DocumentPath).AllowAnonymous();
        routes.MapScalarApiReference(UiPath, o => o
                .WithTitle("Receptionist API")
                .WithOpenApiRoutePattern(DocumentPath)
                .AddPreferredSecuritySchemes(BearerSecuritySchemeTransformer.SchemeName))
            .AllowAnonymous();
        return routes;
    }
}
