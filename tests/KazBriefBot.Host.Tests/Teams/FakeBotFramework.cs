using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using KazBriefBot.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace KazBriefBot.Host.Tests.Teams;

/// <summary>
/// The remote side of Teams on 127.0.0.1: the Bot Framework OpenID metadata and keys (http), a fake Bot Connector that
/// records what the bot posts (http), and a token endpoint for MSAL (https with a self-signed certificate, because MSAL
/// accepts only https authorities).
/// </summary>
public sealed class FakeBotFramework : IAsyncDisposable
{
    public const string TenantId = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
    public const string AccessToken = "fake-connector-token";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ConnectorRequest> _received = new();
    private readonly ConcurrentQueue<Func<HttpResponse, Task>> _scripted = new();
    private readonly ConcurrentQueue<(RsaSecurityKey Key, string[] Endorsements)> _rolledKeys = new();
    private int _keyRequests;
    private int _tokenRequests;

    private FakeBotFramework(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        Certificate = certificate;
    }

    /// <summary>The key published with endorsements for "msteams".</summary>
    public RsaSecurityKey TeamsKey { get; } = NewKey("teams-key");

    /// <summary>A published key that endorses only "skype": tokens it signs must not be accepted for msteams activities.</summary>
    public RsaSecurityKey SkypeOnlyKey { get; } = NewKey("skype-key");

    /// <summary>A published key with no endorsements at all (refused, as the Bot Builder SDK refuses it since 4.22.4).</summary>
    public RsaSecurityKey PlainKey { get; } = NewKey("plain-key");

    /// <summary>The certificate a bot may authenticate with instead of a secret (client assertion signed with its key).</summary>
    public X509Certificate2 ClientCertificate { get; } = SelfSignedClientCertificate();

    /// <summary>The scope the token endpoint expects (the public cloud's unless a test sets a sovereign one).</summary>
    public string ExpectedScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>The secret of the managed identity endpoint (the X-IDENTITY-HEADER an App Service host sets).</summary>
    public const string IdentityHeader = "fake-identity-header";

    /// <summary>The largest message the fake connector accepts, counted as Teams counts: UTF-16 bytes (Teams: about 100 KB).</summary>
    public int MaxMessageUtf16Bytes { get; set; } = 102_400;

    /// <summary>How each token was obtained ("secret", "certificate" or "managed-identity"), with the authority path or resource asked for.</summary>
    public ConcurrentQueue<(string Grant, string Detail)> Grants { get; } = new();

    /// <summary>The managed identity endpoint of this fake (what App Service puts in IDENTITY_ENDPOINT).</summary>
    public string IdentityEndpoint => new Uri(HttpBase, "msi/token").ToString();

    public X509Certificate2 Certificate { get; }

    public Uri HttpBase { get; private set; } = null!;

    public Uri HttpsBase { get; private set; } = null!;

    public string MetadataUrl => new Uri(HttpBase, "v1/.well-known/openidconfiguration").ToString();

    public string Authority => new Uri(HttpsBase, TenantId).ToString();

    /// <summary>A service URL of this fake, shaped like Teams' regional ones.</summary>
    public string ServiceUrl => new Uri(HttpBase, $"amer/{TenantId}/").ToString();

    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>How often the signing keys were fetched.</summary>
    public int KeyRequests => Volatile.Read(ref _keyRequests);

    /// <summary>Publishes a new signing key (endorsing msteams unless told otherwise), as the Bot Framework does when it rolls keys over.</summary>
    public RsaSecurityKey RollOverKey(params string[] endorsements)
    {
        var key = NewKey("rolled-" + Guid.NewGuid().ToString("N")[..8]);
        _rolledKeys.Enqueue((key, endorsements.Length == 0 ? ["msteams"] : endorsements));
        return key;
    }

    public IReadOnlyList<ConnectorRequest> Received => [.. _received];

    public ConcurrentQueue<string> UnmatchedPaths { get; } = new();

    public static async Task<FakeBotFramework> StartAsync()
    {
        var certificate = SelfSignedLoopbackCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Listen(IPAddress.Loopback, 0, o => o.UseHttps(certificate));
        });
        var app = builder.Build();
        var fake = new FakeBotFramework(app, certificate);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var addresses = LocalServer.AddressesOf(app);
        fake.HttpBase = new Uri(addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)) + "/");
        fake.HttpsBase = new Uri(addresses.First(a => a.StartsWith("https://", StringComparison.Ordinal)) + "/");
        return fake;
    }

    /// <summary>The next connector responses, in order (afterwards: 200).</summary>
    public void Script(params Func<HttpResponse, Task>[] responses)
    {
        foreach (var response in responses)
        {
            _scripted.Enqueue(response);
        }
    }

    public static Func<HttpResponse, Task> Status(int status, string? body = null, string? retryAfter = null) => async response =>
    {
        response.StatusCode = status;
        if (retryAfter is not null)
        {
            response.Headers.RetryAfter = retryAfter;
        }

        if (body is not null)
        {
            response.ContentType = "application/json";
            await response.WriteAsync(body);
        }
    };

    /// <summary>Message activities posted to one conversation (typing indicators apart).</summary>
    public IReadOnlyList<ConnectorRequest> For(string conversationId) => [.. _received.Where(r => r.ConversationId == conversationId && r.Type != "typing")];

    /// <summary>Everything posted to one conversation, typing indicators included, in arrival order.</summary>
    public IReadOnlyList<ConnectorRequest> AllFor(string conversationId) => [.. _received.Where(r => r.ConversationId == conversationId)];

    /// <summary>Waits until <paramref name="count"/> requests for the conversation have arrived.</summary>
    public async Task<IReadOnlyList<ConnectorRequest>> WaitForAsync(string conversationId, int count = 1, int timeoutMs = 15_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (Environment.TickCount64 < deadline)
        {
            var found = For(conversationId);
            if (found.Count >= count)
            {
                return found;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Expected {count} connector request(s) for {conversationId}, got {For(conversationId).Count}. Unmatched: {string.Join(", ", UnmatchedPaths)}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
        ClientCertificate.Dispose();
    }

    /// <summary>The client certificate as a PFX file (what Teams:CertificatePath points to).</summary>
    public string WriteClientCertificate(string folder)
    {
        var path = Path.Combine(folder, "bot-client.pfx");
        File.WriteAllBytes(path, ClientCertificate.Export(X509ContentType.Pfx, "pfx-password"));
        return path;
    }

    private async Task<bool> ValidAssertionAsync(string assertion, string clientId)
    {
        var result = await new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            ValidateAudience = false,
            ValidIssuer = clientId,
            IssuerSigningKey = new X509SecurityKey(X509CertificateLoader.LoadCertificate(ClientCertificate.RawData)),
            ValidateLifetime = true,
        });
        return result.IsValid;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (context.Request.Method == "GET" && path == "/v1/.well-known/openidconfiguration")
        {
            await WriteJsonAsync(context.Response, new JsonObject
            {
                ["issuer"] = "https://api.botframework.com",
                ["authorization_endpoint"] = "https://invalid.botframework.com",
                ["jwks_uri"] = new Uri(HttpBase, "v1/.well-known/keys").ToString(),
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
            });
            return;
        }

        if (context.Request.Method == "GET" && path == "/v1/.well-known/keys")
        {
            Interlocked.Increment(ref _keyRequests);
            var keys = new JsonArray(Jwk(TeamsKey, "msteams", "emulator"), Jwk(SkypeOnlyKey, "skype"), Jwk(PlainKey));
            foreach (var (rolled, endorsements) in _rolledKeys)
            {
                keys.Add(Jwk(rolled, endorsements));
            }

            await WriteJsonAsync(context.Response, new JsonObject { ["keys"] = keys });
            return;
        }

        if (context.Request.Method == "POST" && path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal) && context.Request.IsHttps)
        {
            var form = await context.Request.ReadFormAsync();
            var grant = !string.IsNullOrEmpty(form["client_secret"]) ? "secret"
                : form["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" && await ValidAssertionAsync(form["client_assertion"].ToString(), form["client_id"].ToString()) ? "certificate"
                : null;
            if (form["grant_type"] != "client_credentials" || form["scope"] != ExpectedScope || grant is null)
            {
                await WriteJsonAsync(context.Response, new JsonObject { ["error"] = "invalid_client" }, 401);
                return;
            }

            Interlocked.Increment(ref _tokenRequests);
            Grants.Enqueue((grant, path));
            await WriteJsonAsync(context.Response, new JsonObject
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = 3600,
                ["ext_expires_in"] = 3600,
                ["access_token"] = AccessToken,
            });
            return;
        }

        if (context.Request.Method == "GET" && path == "/msi/token")
        {
            // The App Service managed identity protocol (api-version 2019-08-01): a resource, the identity's client id, the header secret.
            var query = context.Request.Query;
            if (context.Request.Headers["X-IDENTITY-HEADER"] != IdentityHeader || string.IsNullOrEmpty(query["resource"]) || string.IsNullOrEmpty(query["client_id"]))
            {
                await WriteJsonAsync(context.Response, new JsonObject { ["error"] = "invalid_request" }, 400);
                return;
            }

            Interlocked.Increment(ref _tokenRequests);
            Grants.Enqueue(("managed-identity", $"{query["resource"]} {query["client_id"]}"));
            await WriteJsonAsync(context.Response, new JsonObject
            {
                ["access_token"] = AccessToken,
                ["expires_on"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["resource"] = query["resource"].ToString(),
                ["token_type"] = "Bearer",
                ["client_id"] = query["client_id"].ToString(),
            });
            return;
        }

        var raw = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var marker = raw.IndexOf("/v3/conversations/", StringComparison.Ordinal);
        if (context.Request.Method == "POST" && marker >= 0)
        {
            var parts = raw[(marker + "/v3/conversations/".Length)..].Split('/');
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            _received.Enqueue(new ConnectorRequest(
                raw[..marker] + "/",
                Uri.UnescapeDataString(parts[0]),
                parts.Length > 2 ? Uri.UnescapeDataString(parts[2]) : null,
                context.Request.Headers.Authorization.ToString(),
                body,
                Encoding.UTF8.GetByteCount(body)));
            if (body.Length * 2 > MaxMessageUtf16Bytes)
            {
                // What Teams answers for a message over its limit.
                await WriteJsonAsync(context.Response, new JsonObject { ["error"] = new JsonObject { ["code"] = "MessageSizeTooBig", ["message"] = "Message size too big." } }, 413);
                return;
            }

            if (_scripted.TryDequeue(out var scripted))
            {
                await scripted(context.Response);
                return;
            }

            await WriteJsonAsync(context.Response, new JsonObject { ["id"] = Guid.NewGuid().ToString("N") });
            return;
        }

        UnmatchedPaths.Enqueue(context.Request.Method + " " + raw);
        context.Response.StatusCode = 404;
    }

    private static async Task WriteJsonAsync(HttpResponse response, JsonNode json, int status = 200)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        await response.WriteAsync(json.ToJsonString());
    }

    private static JsonObject Jwk(RsaSecurityKey key, params string[] endorsements)
    {
        var parameters = key.Rsa.ExportParameters(false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (endorsements.Length > 0)
        {
            jwk["endorsements"] = new JsonArray([.. endorsements.Select(e => (JsonNode)e)]);
        }

        return jwk;
    }

    private static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    private static X509Certificate2 SelfSignedClientCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=KazBriefBot test client", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddHours(2));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
    }

    private static X509Certificate2 SelfSignedLoopbackCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddHours(2));

        // Re-import from PFX so the private key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
    }
}

/// <summary>One message the bot posted to the fake Bot Connector.</summary>
public sealed record ConnectorRequest(string ServiceUrl, string ConversationId, string? ReplyToId, string Authorization, string Body, int Bytes)
{
    public JsonNode Json => JsonNode.Parse(Body)!;

    /// <summary>The activity type ("message", "typing").</summary>
    public string? Type => JsonNode.Parse(Body)?["type"]?.GetValue<string>();

    /// <summary>The size Teams counts: UTF-16 bytes.</summary>
    public int Utf16Bytes => Body.Length * 2;

    /// <summary>The Adaptive Card of the message.</summary>
    public JsonObject Card
    {
        get
        {
            var attachment = Json["attachments"]![0]!;
            Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
            return attachment["content"]!.AsObject();
        }
    }

    /// <summary>Every text shown on the card (TextBlocks and TextRuns), in order.</summary>
    public string CardText => CardTexts.Of(Card);
}

/// <summary>Reads the visible text of a card.</summary>
public static class CardTexts
{
    public static string Of(JsonNode card)
    {
        var sb = new StringBuilder();
        Walk(card, sb);
        return sb.ToString();
    }

    /// <summary>The texts of every TextRun, in order.</summary>
    public static IEnumerable<string> Runs(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"]?.GetValue<string>() == "TextRun")
                {
                    yield return obj["text"]!.GetValue<string>();
                }

                foreach (var (_, value) in obj)
                {
                    foreach (var run in Runs(value))
                    {
                        yield return run;
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var run in Runs(item))
                    {
                        yield return run;
                    }
                }

                break;
        }
    }

    private static void Walk(JsonNode? node, StringBuilder sb)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"]?.GetValue<string>() is "TextBlock" or "TextRun" && obj["text"] is { } text)
                {
                    sb.AppendLine(text.GetValue<string>());
                }

                foreach (var (key, value) in obj)
                {
                    if (key != "text")
                    {
                        Walk(value, sb);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Walk(item, sb);
                }

                break;
        }
    }
}
