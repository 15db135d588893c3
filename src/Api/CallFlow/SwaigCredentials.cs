using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Receptionist.Api.Webhooks;

namespace Receptionist.Api.CallFlow;

/// <summary>
/// SWAIG function webhooks are not reliably signed (SignalWire's sources disagree), so each tenant's function URL
/// carries Basic credentials derived from the signing key and the tenant: nothing to store, nothing another tenant's
/// URL can reach, and rotating the signing key rotates them all.
/// </summary>
public sealed class SwaigCredentials(IOptions<SignalWireWebhookOptions> options)
{
    public const string UserName = "swaig";

    public string SecretFor(string tenantId) =>
        Convert.ToBase64String(HMACSHA256.HashData(
                Encoding.UTF8.GetBytes(options.Value.SigningKey ?? ""),
                Encoding.UTF8.GetBytes("swaig-tenant:" + tenantId)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>True when the request carries this tenant's credentials (always, when signatures are switched off).</summary>
    public bool Admits(HttpRequest request, string tenantId)
    {
        if (!options.Value.ValidateSignatures)
        {
            return true;
        }

        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = Encoding.UTF8.GetBytes($"{UserName}:{SecretFor(tenantId)}");
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(decoded), expected);
    }
}
