using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;

namespace Receptionist.Grains.Reconciliation;

/// <summary>
/// The status callback URL for texts a reconciled call sends (the missed-call text-back a call's end may trigger). A
/// webhook builds it from the URL SignalWire reached; a sweep has no request, so it uses <c>SignalWire:PublicBaseUrl</c>,
/// or failing that the address this silo listens on (such a text's status is then settled by the message sweep).
/// </summary>
public sealed class ReconciliationCallbacks(IConfiguration configuration, IServer server, string smsStatusPath)
{
    public string TextStatus => Base() + smsStatusPath;

    private string Base()
    {
        if (configuration["SignalWire:PublicBaseUrl"] is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/');
        }

        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return (listening ?? "http://localhost").TrimEnd('/');
    }
}
