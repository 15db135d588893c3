using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Receptionist.Api.Webhooks;

namespace Receptionist.Api.CallFlow;

/// <summary>
/// SWAIG function webhooks are not reliably signed (SignalWire's sources disagree), so each tenant's function URL
/// carries Basic credentials: the tenant as user name, and a password derived from the signing key and the tenant.
/// Nothing to store, the tenant comes from verified credentials (never from the path), and rotating the signing key
/// rotates them all.
/// </summary>
public sealed class SwaigCredentials(IOptions<SignalWireWebhookOptions> options)
{
    public string SecretFor(string tenantId) =>
        Convert.ToBase64String(HMACSHA256.HashData(
                Encoding.UTF8.GetBytes(options.Value.SigningKey ?? ""),
                Encoding.UTF8.GetBytes("swaig-tenant:" + tenantId)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The tenant whose credentials the request carries, or null.</summary>
    public string? TenantOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon > 128)
        {
            return null;
        }

        var tenantId = decoded[..colon];
        if (!options.Value.ValidateSignatures)
        {
            return tenantId;
        }

        var expected = Encoding.UTF8.GetBytes(SecretFor(tenantId));
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(decoded[(colon + 1)..]), expected) ? tenantId : null;
    }
}
