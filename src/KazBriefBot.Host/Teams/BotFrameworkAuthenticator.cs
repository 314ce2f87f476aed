using System.Collections;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace KazBriefBot.Host.Teams;

/// <summary>Validates the bearer token of an inbound Bot Framework request (keys from the OpenID metadata, issuer, audience, algorithm, lifetime, serviceurl and endorsements).</summary>
public sealed partial class BotFrameworkAuthenticator
{
    /// <summary>The claim carrying the service URL the token was issued for.</summary>
    public const string ServiceUrlClaim = "serviceurl";

    private static readonly string[] AllowedAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];
    private readonly TeamsOptions _options;
    private readonly SigningKeyCache _keys;
    private readonly TimeProvider _time;
    private readonly ILogger<BotFrameworkAuthenticator> _logger;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public BotFrameworkAuthenticator(IOptions<TeamsOptions> options, IHttpClientFactory httpClientFactory, TimeProvider time, ILogger<BotFrameworkAuthenticator> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        var url = _options.EffectiveOpenIdMetadataUrl;
        var retriever = new HttpDocumentRetriever(httpClientFactory.CreateClient(TeamsChannel.MetadataClientName))
        {
            RequireHttps = _options.RequireHttpsMetadata && !(Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.IsLoopback),
        };
        _keys = new SigningKeyCache(url, retriever, time);
    }

    /// <summary>Checks the Authorization header value against the activity; the result says why a request was refused.</summary>
    public async Task<AuthResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(authorizationHeader) || !authorizationHeader.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthResult.Fail("missing bearer token");
        }

        var token = authorizationHeader["Bearer ".Length..].Trim();
        if (!_handler.CanReadToken(token))
        {
            return AuthResult.Fail("malformed token");
        }

        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await _keys.GetAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or HttpRequestException or ArgumentException)
        {
            LogMetadataUnavailable(_logger, _options.EffectiveOpenIdMetadataUrl, ex.Message);
            return AuthResult.Fail("signing keys unavailable");
        }

        var result = await _handler.ValidateTokenAsync(token, Parameters(configuration));
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // A key published since the last fetch (rollover): one blocking refresh, at most one per interval, then check again.
            var refreshed = await _keys.RefreshForUnknownKeyAsync(cancellationToken);
            if (refreshed is not null)
            {
                configuration = refreshed;
                result = await _handler.ValidateTokenAsync(token, Parameters(configuration));
            }
        }

        if (!result.IsValid)
        {
            return AuthResult.Fail(result.Exception?.GetType().Name ?? "invalid token");
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        if (!jwt.TryGetPayloadValue<string>(ServiceUrlClaim, out var serviceUrl) || string.IsNullOrEmpty(serviceUrl))
        {
            return AuthResult.Fail("serviceurl claim missing");
        }

        if (!SameServiceUrl(serviceUrl, activity.ServiceUrl))
        {
            return AuthResult.Fail("serviceurl claim does not match the activity");
        }

        // As the Bot Builder SDK since 4.22.4: a key must endorse the activity's channel; a key without endorsements is refused.
        var endorsements = Endorsements(jwt, configuration);
        if (endorsements is null || endorsements.Count == 0)
        {
            return AuthResult.Fail("could not validate endorsement key: the signing key lists no endorsements");
        }

        if (!endorsements.Contains(activity.ChannelId ?? string.Empty, StringComparer.OrdinalIgnoreCase))
        {
            return AuthResult.Fail($"signing key does not endorse channel '{activity.ChannelId}'");
        }

        return AuthResult.Success;
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration configuration) => new()
    {
        ValidateIssuer = true,
        ValidIssuer = _options.EffectiveTokenIssuer,
        ValidateAudience = true,
        ValidAudience = _options.AppId,
        ValidateIssuerSigningKey = true,
        IssuerSigningKeys = configuration.SigningKeys,
        RequireSignedTokens = true,
        ValidAlgorithms = AllowedAlgorithms,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = _options.ClockSkew,
        LifetimeValidator = ValidateLifetime,
    };

    // The handler's own check reads the wall clock; this one uses the injected TimeProvider.
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (expires is null)
        {
            return false;
        }

        if (notBefore is { } nbf && nbf > now + parameters.ClockSkew)
        {
            return false;
        }

        return expires.Value >= now - parameters.ClockSkew;
    }

    private static bool SameServiceUrl(string claimed, string? activityUrl) =>
        activityUrl is not null && string.Equals(claimed.TrimEnd('/'), activityUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    /// <summary>The endorsements of the key that signed the token, or null when the key lists none.</summary>
    private static List<string>? Endorsements(JsonWebToken jwt, OpenIdConnectConfiguration configuration)
    {
        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => k.Kid is not null && k.Kid == jwt.Kid)
            ?? (jwt.SigningKey as JsonWebKey);
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var raw) || raw is null)
        {
            return null;
        }

        var values = new List<string>();
        switch (raw)
        {
            case JsonElement { ValueKind: JsonValueKind.Array } array:
                values.AddRange(array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
                break;
            case string single:
                values.Add(single);
                break;
            case IEnumerable items:
                values.AddRange(items.Cast<object?>().Select(o => o?.ToString()).OfType<string>());
                break;
        }

        return values;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Teams: the OpenID metadata at {Url} could not be read: {Reason}")]
    private static partial void LogMetadataUnavailable(ILogger logger, string url, string reason);
}

/// <summary>The outcome of authenticating a request; Reason is safe to log (it never contains the token).</summary>
public sealed record AuthResult(bool Succeeded, string? Reason)
{
    public static AuthResult Success { get; } = new(true, null);

    public static AuthResult Fail(string reason) => new(false, reason);
}
