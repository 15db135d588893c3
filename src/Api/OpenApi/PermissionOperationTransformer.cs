using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Receptionist.Api.Auth;

namespace Receptionist.Api.OpenApi;

/// <summary>
/// Shows each private operation's permission (description and <c>x-permission</c>), requires the bearer scheme, and
/// documents the problems every private route may answer. Read from <see cref="RequiredPermission"/> metadata, so a
/// route gets this by declaring its permission.
/// </summary>
internal sealed class PermissionOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var required = context.Description.ActionDescriptor.EndpointMetadata.OfType<RequiredPermission>().FirstOrDefault();
        if (required is null)
        {
            return Task.CompletedTask;
        }

        var sentence = $"Requires permission `{required.Permission}`.";
        operation.Description = string.IsNullOrEmpty(operation.Description) ? sentence : $"{sentence}\n\n{operation.Description}";
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions["x-permission"] = new JsonNodeExtension(JsonValue.Create(required.Permission));
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(BearerSecuritySchemeTransformer.SchemeName, context.Document)] = [],
        });

        operation.Responses ??= new OpenApiResponses();
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "Missing or invalid token (problem+json; `reason` says which)." });
        operation.Responses.TryAdd("403", new OpenApiResponse { Description = $"The token does not grant `{required.Permission}` (problem+json)." });
        operation.Responses.TryAdd("429", new OpenApiResponse { Description = "The tenant's rate limit is exceeded; see Retry-After (problem+json)." });
        return Task.CompletedTask;
    }
}
