using System.Net;
using System.Net.Sockets;

namespace Receptionist.Grains.Events;

/// <summary>
/// Connects webhook deliveries to public addresses only: a tenant's URL must not reach our own network (a metadata
/// service, the database, a silo's ports). Checked on the addresses the name resolves to at connect time, so a DNS
/// name pointing inside is refused as an IP literal is. Loopback is allowed with
/// <see cref="WebhookOptions.AllowLoopbackHttp"/> (development and tests).
/// </summary>
public static class PublicAddressGuard
{
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectCallback(bool allowLoopback) =>
        async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
            IPAddress[] allowed = [.. addresses.Where(a => IsPublic(a) || (allowLoopback && IPAddress.IsLoopback(a)))];
            if (allowed.Length == 0)
            {
                throw new HttpRequestException($"{host} resolves to no public address; webhooks are not delivered inside the service's network");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };

    /// <summary>False for loopback, private, shared (CGNAT), link-local, unspecified, multicast and reserved ranges.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] >= 224
                || (b[0] == 100 && b[1] >= 64 && b[1] < 128)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] < 32)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19)));
        }

        var bytes = address.GetAddressBytes();
        return !(address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
            || (bytes[0] & 0xFE) == 0xFC);
    }
}
