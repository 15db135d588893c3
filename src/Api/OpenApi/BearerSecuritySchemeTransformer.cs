using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Receptionist.Api.OpenApi;

/// <summary>Declares the JWT bearer scheme the private routes' security requirements point at.</summary>
internal sealed class BearerSecuritySchemeTransformer : IOpenApiDocumentTransformer
{
    public const string SchemeName = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Receptionist API";
        document.Info.Description = "Private routes take a JWT bearer token carrying `tenant_id` and `permissions` (or `role`); " +
            "each operation names the one permission it requires (also in `x-permission`). Errors are RFC 7807 problem+json.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT with tenant_id and permissions/role claims (`dotnet run --project src/Silo -- token --tenant T --permissions a,b`).",
        };
        return Task.CompletedTask;
    }
}
