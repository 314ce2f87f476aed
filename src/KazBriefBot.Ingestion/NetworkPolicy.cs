using System.Net;
using System.Net.Sockets;

namespace KazBriefBot.Ingestion;

/// <summary>Thrown when a request would reach an address or scheme the policy refuses; the message says why.</summary>
public sealed class FetchRefusedException(string message) : Exception(message);

/// <summary>Which addresses a fetch may connect to: public unicast only, unless private networks are allowed.</summary>
/// <remarks>Checked on the resolved address of every connection (redirect hops included), so a public name that resolves
/// to 127.0.0.1 or 169.254.169.254 is refused as surely as the literal address.</remarks>
public static class NetworkPolicy
{
    /// <summary>Why <paramref name="address"/> is refused, or null when it may be reached.</summary>
    public static string? Refusal(IPAddress address, bool allowPrivateNetwork)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var kind = Classify(address);
        if (kind is null)
        {
            return null;
        }

        // Unspecified and multicast addresses are never a web server, even on a private network.
        if (allowPrivateNetwork && kind is not ("unspecified" or "multicast"))
        {
            return null;
        }

        return $"{address} is a {kind} address; refused against server-side request forgery"
            + (kind is "unspecified" or "multicast" ? "" : " (set Ingest:AllowPrivateNetwork or --allow-private-network to allow it)");
    }

    private static string? Classify(IPAddress address)
    {
        if (IPAddress.IsLoopback(address))
        {
            return "loopback";
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 => "unspecified",
                10 => "private",
                100 when b[1] >= 64 && b[1] <= 127 => "private", // carrier-grade NAT
                169 when b[1] == 254 => "link-local",
                172 when b[1] >= 16 && b[1] <= 31 => "private",
                192 when b[1] == 168 => "private",
                192 when b[1] == 0 && b[2] == 0 => "private", // IETF protocol assignments
                198 when b[1] is 18 or 19 => "private", // benchmarking
                >= 224 and <= 239 => "multicast",
                >= 240 => "reserved",
                _ => null,
            };
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any))
            {
                return "unspecified";
            }

            if (address.IsIPv6LinkLocal)
            {
                return "link-local";
            }

            if (address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal)
            {
                return "private";
            }

            if (address.IsIPv6Multicast)
            {
                return "multicast";
            }

            return null;
        }

        return "non-IP";
    }

    /// <summary>Refuses anything but absolute http and https addresses.</summary>
    public static void CheckScheme(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new FetchRefusedException($"{uri} is not an http or https address; only those are fetched");
        }
    }
}
