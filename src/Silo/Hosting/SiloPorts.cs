using System.Net;
using System.Net.Sockets;

namespace Receptionist.Silo.Hosting;

/// <summary>
/// Orleans binds its silo and gateway ports with address reuse, so a second silo configured with a port already in
/// use on this host binds it too, and the two then share (and steal) each other's cluster traffic; with a shared
/// membership table the newcomer even declares the first one dead. A plain, exclusive bind of each port just before
/// the silo starts is refused while anyone listens on it, and turns that into the usual one-line start error.
/// </summary>
public static class SiloPorts
{
    public static void EnsureFree(OrleansHostingOptions hosting, bool listenOnAnyAddress)
    {
        var address = listenOnAnyAddress ? IPAddress.Any : IPAddress.Loopback;
        EnsureFree(address, hosting.SiloPort, "Orleans:SiloPort");
        if (hosting.GatewayPort > 0)
        {
            EnsureFree(address, hosting.GatewayPort, "Orleans:GatewayPort");
        }
    }

    private static void EnsureFree(IPAddress address, int port, string setting)
    {
        using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.Bind(new IPEndPoint(address, port));
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            throw new StartupException(
                $"{setting} {port} is already in use on this host (another silo?); give each silo on one host its own silo and gateway ports.", e);
        }
    }
}
