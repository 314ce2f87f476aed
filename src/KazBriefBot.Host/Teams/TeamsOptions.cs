namespace KazBriefBot.Host.Teams;

/// <summary>How the bot's Azure registration authenticates (Bot Framework "MicrosoftAppType").</summary>
public enum TeamsAppType
{
    /// <summary>An app registration in one tenant (the only kind Azure creates for new bots since 31 July 2025): secret or certificate, tokens from that tenant.</summary>
    SingleTenant,

    /// <summary>A multi-tenant app registration (bots created before the cut-off): secret or certificate, tokens from botframework.com.</summary>
    MultiTenant,

    /// <summary>A user-assigned managed identity: no secret, tokens from the Azure host's managed identity endpoint.</summary>
    UserAssignedMSI,
}

/// <summary>The Azure cloud the bot is registered in; each has its own Bot Framework endpoints.</summary>
public enum TeamsCloud
{
    /// <summary>Azure public cloud (api.botframework.com, login.microsoftonline.com).</summary>
    Public,

    /// <summary>Azure US Government (api.botframework.us, login.microsoftonline.us, login.botframework.azure.us).</summary>
    USGovernment,
}

/// <summary>Settings of the Teams channel, bound from the "Teams" configuration section and validated at start.</summary>
public sealed class TeamsOptions
{
    public const string SectionName = "Teams";

    /// <summary>The Bot Framework issuer of channel tokens in the public cloud.</summary>
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    /// <summary>The scope of outbound Bot Connector tokens in the public cloud.</summary>
    public const string BotConnectorScope = "https://api.botframework.com/.default";

    /// <summary>The Microsoft App ID of the bot registration (for UserAssignedMSI: the identity's client id); empty means local mode (no token checks, replies unsigned).</summary>
    public string AppId { get; set; } = string.Empty;

    /// <summary>How the registration authenticates; only read when <see cref="AppId"/> is set.</summary>
    public TeamsAppType AppType { get; set; } = TeamsAppType.SingleTenant;

    /// <summary>The app's client secret. Only from environment variables or user-secrets; never logged.</summary>
    public string AppPassword { get; set; } = string.Empty;

    /// <summary>A PFX (or PEM with its key) certificate file used instead of a secret.</summary>
    public string CertificatePath { get; set; } = string.Empty;

    /// <summary>The password of <see cref="CertificatePath"/>, if any. Only from environment variables or user-secrets.</summary>
    public string CertificatePassword { get; set; } = string.Empty;

    /// <summary>The tenant of the registration; required for SingleTenant and UserAssignedMSI.</summary>
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The cloud, which sets the defaults of the endpoints below.</summary>
    public TeamsCloud Cloud { get; set; } = TeamsCloud.Public;

    /// <summary>Where the signing keys of channel tokens are published; empty means the cloud's default.</summary>
    public string OpenIdMetadataUrl { get; set; } = string.Empty;

    /// <summary>The issuer of inbound channel tokens; empty means the cloud's default.</summary>
    public string TokenIssuer { get; set; } = string.Empty;

    /// <summary>The resource of outbound tokens (without "/.default"); empty means the cloud's default.</summary>
    public string OAuthScope { get; set; } = string.Empty;

    /// <summary>The Entra ID login host; empty means the cloud's default.</summary>
    public string LoginEndpoint { get; set; } = string.Empty;

    /// <summary>Whether the metadata document must be fetched over HTTPS; http is always allowed on loopback addresses (local fakes).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The full token authority; empty means {LoginEndpoint}/{TenantId} (SingleTenant) or {LoginEndpoint}/{the cloud's Bot Framework tenant} (MultiTenant).</summary>
    public string Authority { get; set; } = string.Empty;

    /// <summary>Allowed clock difference when checking token lifetimes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often outbound sends are retried on 429 and 5xx.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>The first back-off delay (doubled each try) when the service gives no Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The largest activity sent to Teams, measured as Teams does: UTF-16 bytes (Teams refuses about 100 KB and recommends 80 KB).</summary>
    public int MaxMessageBytes { get; set; } = 80_000;

    /// <summary>How long preparing and delivering one reply may take after the request was acknowledged (retries included).</summary>
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>After this long without an answer a typing indicator is shown (and repeated while the answer is prepared).</summary>
    public TimeSpan TypingDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Set when the section could not be bound (e.g. an unknown Teams:AppType); reported by <see cref="Problems"/>.</summary>
    internal string? BindingError { get; set; }

    /// <summary>Whether the endpoint runs without authentication (no app id configured).</summary>
    public bool IsLocalMode => string.IsNullOrWhiteSpace(AppId);

    /// <summary>The issuer inbound tokens must carry.</summary>
    public string EffectiveTokenIssuer => Pick(TokenIssuer, Cloud == TeamsCloud.USGovernment ? "https://api.botframework.us" : BotFrameworkIssuer);

    /// <summary>The OpenID metadata of the channel's signing keys.</summary>
    public string EffectiveOpenIdMetadataUrl => Pick(
        OpenIdMetadataUrl,
        Cloud == TeamsCloud.USGovernment
            ? "https://login.botframework.azure.us/v1/.well-known/openidconfiguration"
            : "https://login.botframework.com/v1/.well-known/openidconfiguration");

    /// <summary>The resource outbound tokens are issued for (no "/.default").</summary>
    public string EffectiveResource => Pick(OAuthScope, Cloud == TeamsCloud.USGovernment ? "https://api.botframework.us" : BotFrameworkIssuer).TrimEnd('/');

    /// <summary>The MSAL scope of outbound tokens.</summary>
    public string EffectiveScope => EffectiveResource + "/.default";

    /// <summary>The authority used by MSAL for outbound tokens (not used by UserAssignedMSI).</summary>
    public string EffectiveAuthority
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(Authority))
            {
                return Authority.Trim();
            }

            var login = Pick(LoginEndpoint, Cloud == TeamsCloud.USGovernment ? "https://login.microsoftonline.us" : "https://login.microsoftonline.com").TrimEnd('/');
            var tenant = AppType == TeamsAppType.MultiTenant || string.IsNullOrWhiteSpace(TenantId)
                ? (Cloud == TeamsCloud.USGovernment ? "MicrosoftServices.onmicrosoft.us" : "botframework.com")
                : TenantId.Trim();
            return $"{login}/{tenant}";
        }
    }

    /// <summary>Checks the settings together; returns a message per problem (empty when valid).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (BindingError is not null)
        {
            problems.Add(BindingError);
            return problems;
        }

        if (!Uri.TryCreate(EffectiveOpenIdMetadataUrl, UriKind.Absolute, out var metadata) || metadata.Scheme is not ("https" or "http"))
        {
            problems.Add("Teams:OpenIdMetadataUrl must be an absolute http(s) URL.");
        }
        else if (RequireHttpsMetadata && metadata.Scheme != "https" && !metadata.IsLoopback)
        {
            problems.Add("Teams:OpenIdMetadataUrl must use https (http is accepted only on a loopback address, for local fakes).");
        }

        if (!IsLocalMode)
        {
            CredentialProblems(problems);
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
            problems.Add("Teams:MaxMessageBytes must be between 8192 and 100000 (UTF-16 bytes, as Teams counts).");
        }

        if (RetryBaseDelay < TimeSpan.Zero || RetryBaseDelay > TimeSpan.FromMinutes(1))
        {
            problems.Add("Teams:RetryBaseDelay must be between 0 and 1 minute.");
        }

        if (ReplyTimeout < TimeSpan.FromSeconds(1) || ReplyTimeout > TimeSpan.FromMinutes(30))
        {
            problems.Add("Teams:ReplyTimeout must be between 1 second and 30 minutes.");
        }

        if (TypingDelay < TimeSpan.Zero || TypingDelay > TimeSpan.FromMinutes(1))
        {
            problems.Add("Teams:TypingDelay must be between 0 and 1 minute.");
        }

        return problems;
    }

    private void CredentialProblems(List<string> problems)
    {
        var hasSecret = !string.IsNullOrWhiteSpace(AppPassword);
        var hasCertificate = !string.IsNullOrWhiteSpace(CertificatePath);
        var tenantRequired = AppType is TeamsAppType.SingleTenant or TeamsAppType.UserAssignedMSI;
        if (tenantRequired && string.IsNullOrWhiteSpace(TenantId))
        {
            problems.Add($"Teams:TenantId is required for Teams:AppType {AppType} (the directory (tenant) id of the bot's registration; bots registered as multi-tenant before 31 July 2025 set Teams:AppType to MultiTenant).");
        }

        if (AppType == TeamsAppType.UserAssignedMSI)
        {
            if (hasSecret || hasCertificate)
            {
                problems.Add("Teams:AppPassword and Teams:CertificatePath must not be set for Teams:AppType UserAssignedMSI (the managed identity needs no secret).");
            }

            return;
        }

        if (!hasSecret && !hasCertificate)
        {
            problems.Add($"Teams:AppPassword (or Teams:CertificatePath) is required for Teams:AppType {AppType} when Teams:AppId is set (set it with user-secrets or the Teams__AppPassword environment variable).");
        }
        else if (hasSecret && hasCertificate)
        {
            problems.Add("Set either Teams:AppPassword or Teams:CertificatePath, not both.");
        }
        else if (hasCertificate && !File.Exists(CertificatePath))
        {
            problems.Add($"Teams:CertificatePath '{CertificatePath}' does not exist.");
        }

        // MSAL accepts only https authorities; an http one is tolerated on loopback (fakes in tests) and then fails per send, logged.
        if (!Uri.TryCreate(EffectiveAuthority, UriKind.Absolute, out var authority) || (authority.Scheme != "https" && !(authority.Scheme == "http" && authority.IsLoopback)))
        {
            problems.Add("Teams:Authority must be an absolute https URL (MSAL accepts only https authorities).");
        }
    }

    /// <summary>Binds the section; a value the binder cannot convert (Teams:AppType = "Multi") becomes one clear problem instead of a stack trace.</summary>
    internal static void Bind(IConfiguration section, TeamsOptions options)
    {
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            options.BindingError = $"Teams settings could not be read: {ex.Message} (Teams:AppType is SingleTenant, MultiTenant or UserAssignedMSI; Teams:Cloud is Public or USGovernment).";
        }
    }

    private static string Pick(string configured, string fallback) => string.IsNullOrWhiteSpace(configured) ? fallback : configured.Trim();
}
