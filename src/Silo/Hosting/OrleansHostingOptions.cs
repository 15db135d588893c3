using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Receptionist.Silo.Hosting;

/// <summary>The silo's cluster identity and endpoints. Several silos on one host differ in their ports.</summary>
public sealed class OrleansHostingOptions : IValidatableObject
{
    public const string SectionName = "Orleans";

    /// <summary>The membership group: every silo of one cluster shares it.</summary>
    [Required, StringLength(150)]
    public string ClusterId { get; set; } = "receptionist";

    /// <summary>Namespaces stored grain state; keep it stable for the life of the deployment.</summary>
    [Required, StringLength(150)]
    public string ServiceId { get; set; } = "receptionist";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>0 disables the gateway (no external Orleans clients); the co-hosted API does not need it.</summary>
    [Range(0, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address other silos dial. Unset: loopback, right for several silos on one host. <c>auto</c>: this host's
    /// first non-loopback IPv4 address, for containers and VMs whose address is only known when they start.
    /// </summary>
    public string? AdvertisedIP { get; set; }

    public const string AutoAddress = "auto";

    public IPAddress AdvertisedAddress => AdvertisedIP switch
    {
        null or "" => IPAddress.Loopback,
        AutoAddress => Dns.GetHostAddresses(Dns.GetHostName())
            .FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? throw new StartupException("Orleans:AdvertisedIP is 'auto' but this host has no non-loopback IPv4 address."),
        _ => IPAddress.Parse(AdvertisedIP),
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(AdvertisedIP) && AdvertisedIP != AutoAddress && !IPAddress.TryParse(AdvertisedIP, out _))
        {
            yield return new ValidationResult($"Orleans:AdvertisedIP '{AdvertisedIP}' is neither an IP address nor 'auto'.");
        }

        if (SiloPort == GatewayPort)
        {
            yield return new ValidationResult($"Orleans:SiloPort and Orleans:GatewayPort are both {SiloPort}; they must differ.");
        }
    }
}
