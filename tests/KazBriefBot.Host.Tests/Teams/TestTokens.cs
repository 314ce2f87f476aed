using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KazBriefBot.Host.Tests.Teams;

/// <summary>Bot Framework channel tokens signed in the test, good and deliberately broken.</summary>
public static class TestTokens
{
    public const string AppId = "11111111-2222-3333-4444-555555555555";
    public const string Issuer = "https://api.botframework.com";

    public static string Create(
        SecurityKey key,
        string serviceUrl,
        string audience = AppId,
        string issuer = Issuer,
        TimeSpan? expiresIn = null,
        string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromMinutes(30));
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expires < now ? expires.AddMinutes(-60) : now,
            NotBefore = expires < now ? expires.AddMinutes(-60) : now.AddMinutes(-1),
            Expires = expires,
            SigningCredentials = new SigningCredentials(key, algorithm),
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>A token with "alg":"none" and no signature.</summary>
    public static string Unsigned(string serviceUrl)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("{\"alg\":\"none\",\"typ\":\"JWT\"}"));
        var payload = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(
            $"{{\"iss\":\"{Issuer}\",\"aud\":\"{AppId}\",\"serviceurl\":\"{serviceUrl}\",\"nbf\":{now - 60},\"exp\":{now + 1800}}}"));
        return header + "." + payload + ".";
    }

    /// <summary>A validly signed token whose payload was then changed (the audience swapped for ours, same length).</summary>
    public static string Tampered(SecurityKey key, string serviceUrl)
    {
        var token = Create(key, serviceUrl, audience: "99999999-2222-3333-4444-555555555555");
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]))
            .Replace("99999999-2222", "11111111-2222", StringComparison.Ordinal);
        return parts[0] + "." + Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload)) + "." + parts[2];
    }
}
