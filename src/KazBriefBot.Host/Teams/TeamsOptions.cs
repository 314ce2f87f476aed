namespace KazBriefBot.Host.Teams;

/// <summary>Settings of the Teams channel, bound from the "Teams" configuration section and validated at start.</summary>
public sealed class TeamsOptions
{
    public const string SectionName = "Teams";

    /// <summary>The Bot Framework issuer of channel tokens.</summary>
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    /// <summary>The scope of outbound Bot Connector tokens.</summary>
    public const string BotConnectorScope = "https://api.botframework.com/.default";

    /// <summary>The Microsoft App ID of the bot registration; empty means local mode (no token checks, replies unsigned).</summary>
    public string AppId { get; set; } = string.Empty;

    /// <summary>The app's client secret. Only from environment variables or user-secrets; never logged.</summary>
    public string AppPassword { get; set; } = string.Empty;

    /// <summary>The tenant of a single-tenant bot; empty for a multi-tenant bot (authority tenant "botframework.com").</summary>
    public string TenantId { get; set; } = string.Empty;

    /// <summary>Where the signing keys of channel tokens are published.</summary>
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Whether the metadata document must be fetched over HTTPS; http is always allowed on loopback addresses (local fakes).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The token authority for outbound tokens; empty means https://login.microsoftonline.com/{TenantId or botframework.com}.</summary>
    public string Authority { get; set; } = string.Empty;

    /// <summary>Allowed clock difference when checking token lifetimes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often outbound sends are retried on 429 and 5xx.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>The first back-off delay (doubled each try) when the service gives no Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The largest serialized activity sent to Teams; the service refuses messages above about 80 KB.</summary>
    public int MaxMessageBytes { get; set; } = 80_000;

    /// <summary>Whether the endpoint runs without authentication (no app id configured).</summary>
    public bool IsLocalMode => string.IsNullOrWhiteSpace(AppId);

    /// <summary>The authority used by MSAL for outbound tokens.</summary>
    public string EffectiveAuthority => string.IsNullOrWhiteSpace(Authority)
        ? $"https://login.microsoftonline.com/{(string.IsNullOrWhiteSpace(TenantId) ? "botframework.com" : TenantId.Trim())}"
        : Authority.Trim();

    /// <summary>Checks the settings together; returns a message per problem (empty when valid).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(OpenIdMetadataUrl, UriKind.Absolute, out var metadata) || metadata.Scheme is not ("https" or "http"))
        {
            problems.Add("Teams:OpenIdMetadataUrl must be an absolute http(s) URL.");
        }
        else if (RequireHttpsMetadata && metadata.Scheme != "https" && !metadata.IsLoopback)
        {
            problems.Add("Teams:OpenIdMetadataUrl must use https (http is accepted only on a loopback address, for local fakes).");
        }

        if (!IsLocalMode)
        {
            if (string.IsNullOrWhiteSpace(AppPassword))
            {
                problems.Add("Teams:AppPassword is required when Teams:AppId is set (set it with user-secrets or the Teams__AppPassword environment variable).");
            }

            // MSAL accepts only https authorities; an http one is tolerated on loopback (fakes in tests) and then fails per send, logged.
            if (!Uri.TryCreate(EffectiveAuthority, UriKind.Absolute, out var authority) || (authority.Scheme != "https" && !(authority.Scheme == "http" && authority.IsLoopback)))
            {
                problems.Add("Teams:Authority must be an absolute https URL (MSAL accepts only https authorities).");
            }
        }

        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromMinutes(10))
        {
            problems.Add("Teams:ClockSkew must be between 0 and 10 minutes.");
        }

        if (MaxRetries is < 0 or > 10)
        {
            problems.Add("Teams:MaxRetries must be between 0 and 10.");
        }

        if (MaxMessageBytes is < 8_192 or > 100_000)
        {
            problems.Add("Teams:MaxMessageBytes must be between 8192 and 100000.");
        }

        if (RetryBaseDelay < TimeSpan.Zero || RetryBaseDelay > TimeSpan.FromMinutes(1))
        {
            problems.Add("Teams:RetryBaseDelay must be between 0 and 1 minute.");
        }

        return problems;
    }
}
