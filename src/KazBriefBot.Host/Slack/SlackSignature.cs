using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace KazBriefBot.Host.Slack;

/// <summary>Slack request signing: v0= + hex HMAC-SHA256 of "v0:{timestamp}:{raw body}" with the signing secret.</summary>
public static class SlackSignature
{
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string SignatureHeader = "X-Slack-Signature";
    private const string Version = "v0";

    /// <summary>The signature Slack sends for this timestamp and body.</summary>
    public static string Compute(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{Version}:{timestamp}:");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), message);
        return Version + "=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>True when the signature matches (constant-time) and the timestamp is within the tolerance of now.</summary>
    public static bool IsValid(string signingSecret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        DateTimeOffset sent;
        try
        {
            sent = DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }

        if ((now - sent).Duration() > tolerance)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(signingSecret, timestamp, body));
        var given = Encoding.UTF8.GetBytes(signature);
        // FixedTimeEquals returns at once for different lengths, which only reveals the (public) length.
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
