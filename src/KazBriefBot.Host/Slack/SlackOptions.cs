namespace KazBriefBot.Host.Slack;

/// <summary>Slack channel settings (configuration section "Slack"); the two secrets come from the environment or user-secrets only.</summary>
public sealed class SlackOptions
{
    public const string SectionName = "Slack";

    /// <summary>The bot scopes the bot uses; the manifests ask for the same.</summary>
    public static readonly IReadOnlyList<string> DefaultScopes =
    [
        "app_mentions:read", "channels:history", "chat:write", "chat:write.public", "commands", "files:write", "groups:history", "im:history", "mpim:history",
    ];

    /// <summary>The app's signing secret; without it the Slack endpoints refuse every request (503).</summary>
    public string? SigningSecret { get; set; }

    /// <summary>The bot token (xoxb-…) sent as a bearer token to the Web API. Never logged.</summary>
    public string? BotToken { get; set; }

    /// <summary>Base address of the Web API; the method name (chat.postMessage) is appended.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>The bot's own user id (U…); optional: taken from each event's authorizations when absent.</summary>
    public string? BotUserId { get; set; }

    /// <summary>The app's client id, for the OAuth v2 install (GET /slack/install); with <see cref="ClientSecret"/> the bot serves many workspaces.</summary>
    public string? ClientId { get; set; }

    /// <summary>The app's client secret, sent only to oauth.v2.access (HTTP Basic). Never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The redirect URL registered with the app (…/slack/oauth/callback); optional when the app has a single one.</summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>Slack's authorize page the install redirects to.</summary>
    public Uri AuthorizeUrl { get; set; } = new("https://slack.com/oauth/v2/authorize");

    /// <summary>The bot scopes the install asks for (the same as the manifest's).</summary>
    public string[] Scopes { get; set; } = [.. DefaultScopes];

    /// <summary>An app-level token (xapp-…) with connections:write: when set, the host receives events over Socket Mode. Never logged.</summary>
    public string? AppToken { get; set; }

    /// <summary>First delay before reconnecting a dropped Socket Mode connection (doubles up to <see cref="SocketMaxReconnectDelay"/>).</summary>
    public TimeSpan SocketReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between Socket Mode reconnection attempts.</summary>
    public TimeSpan SocketMaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where ASP.NET Core Data Protection keeps the keys that encrypt stored bot tokens (relative to the content root);
    /// by default the folder "keys" beside the Storage:Path database.</summary>
    public string? DataProtectionKeysPath { get; set; }

    /// <summary>Requests whose timestamp is further than this from now are refused (replay protection).</summary>
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest request body accepted.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Events and deferred replies waiting for the background worker; when full, Slack is asked to retry later.</summary>
    public int QueueCapacity { get; set; } = 256;

    /// <summary>How many queued items are handled at the same time.</summary>
    public int Workers { get; set; } = 4;

    /// <summary>At shutdown, how long acknowledged work may still run before it is abandoned.</summary>
    public TimeSpan ShutdownDrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an event id is remembered so that Slack's retries (immediately, after 1 and 5 minutes) are handled once.</summary>
    public TimeSpan EventDedupeWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Lease on acknowledged work while a host runs it (renewed every third of it); when a host dies, its work is
    /// taken over by another host this long after its last renewal.</summary>
    public TimeSpan WorkLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often each host looks for acknowledged work whose lease ran out (its host died).</summary>
    public TimeSpan WorkRecoveryInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Slash command answers: "in_channel" (everyone sees them) or "ephemeral" (only the asker).</summary>
    public string SlashResponseType { get; set; } = "in_channel";

    /// <summary>First delay between Web API retries (exponential back-off with jitter); Retry-After wins for 429.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries after the first Web API attempt for 429, 5xx and timeouts.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Timeout of one Web API attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Hosts besides Slack's own (hooks.slack.com) that a response_url may point to; for local tests only.</summary>
    public string[] ExtraResponseUrlHosts { get; set; } = [];

    /// <summary>A response_url is only ever Slack's own webhook host (or a configured test host): the bot never posts elsewhere.</summary>
    public bool IsAllowedResponseUrl(Uri url) =>
        (url.Scheme == Uri.UriSchemeHttps && string.Equals(url.Host, "hooks.slack.com", StringComparison.OrdinalIgnoreCase))
        || ExtraResponseUrlHosts.Any(h => string.Equals(url.Host, h, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when inbound HTTP requests can be verified.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(SigningSecret);

    /// <summary>True when the OAuth v2 install is set up (client id and secret).</summary>
    public bool IsOAuthConfigured => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);

    /// <summary>True when events come over Socket Mode.</summary>
    public bool IsSocketMode => !string.IsNullOrWhiteSpace(AppToken);

    /// <summary>Problems with the settings, empty when valid; checked at start.</summary>
    public IEnumerable<string> Validate()
    {
        if (!ApiBaseUrl.IsAbsoluteUri || (ApiBaseUrl.Scheme != Uri.UriSchemeHttps && ApiBaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            yield return "Slack:ApiBaseUrl must be an absolute http(s) URL such as https://slack.com/api/.";
        }
        else if (!ApiBaseUrl.AbsolutePath.EndsWith('/'))
        {
            yield return "Slack:ApiBaseUrl must end with '/' so that method names are appended (https://slack.com/api/).";
        }

        if ((IsConfigured || IsSocketMode) && string.IsNullOrWhiteSpace(BotToken) && !IsOAuthConfigured)
        {
            yield return "Slack:BotToken is required when Slack:SigningSecret or Slack:AppToken is set (set it with user-secrets or the Slack__BotToken environment variable), "
                + "unless Slack:ClientId and Slack:ClientSecret are set for the OAuth install.";
        }

        if (string.IsNullOrWhiteSpace(ClientId) != string.IsNullOrWhiteSpace(ClientSecret))
        {
            yield return "Slack:ClientId and Slack:ClientSecret go together (the OAuth install needs both).";
        }

        if (IsOAuthConfigured && !IsConfigured && !IsSocketMode)
        {
            yield return "Slack:SigningSecret is required with the OAuth install: installed workspaces send signed events.";
        }

        if (IsSocketMode && !AppToken!.StartsWith("xapp-", StringComparison.Ordinal))
        {
            yield return "Slack:AppToken must be an app-level token (it starts with xapp-; Basic Information → App-Level Tokens, scope connections:write).";
        }

        if (!AuthorizeUrl.IsAbsoluteUri || (RedirectUri is not null && !RedirectUri.IsAbsoluteUri) || Scopes.Length == 0)
        {
            yield return "Slack:AuthorizeUrl and Slack:RedirectUri must be absolute URLs and Slack:Scopes must not be empty.";
        }

        if (SocketReconnectDelay <= TimeSpan.Zero || SocketMaxReconnectDelay < SocketReconnectDelay)
        {
            yield return "Slack:SocketReconnectDelay must be positive and Slack:SocketMaxReconnectDelay at least as long.";
        }

        if (TimestampTolerance <= TimeSpan.Zero)
        {
            yield return "Slack:TimestampTolerance must be positive.";
        }

        if (MaxBodyBytes <= 0 || QueueCapacity <= 0 || Workers <= 0 || MaxRetries < 0)
        {
            yield return "Slack:MaxBodyBytes, Slack:QueueCapacity and Slack:Workers must be positive and Slack:MaxRetries not negative.";
        }

        if (EventDedupeWindow <= TimeSpan.Zero || RetryBaseDelay < TimeSpan.Zero || AttemptTimeout <= TimeSpan.Zero || ShutdownDrainTimeout < TimeSpan.Zero)
        {
            yield return "Slack:EventDedupeWindow and Slack:AttemptTimeout must be positive, Slack:RetryBaseDelay and Slack:ShutdownDrainTimeout not negative.";
        }

        if (WorkLease < TimeSpan.FromSeconds(1) || WorkRecoveryInterval <= TimeSpan.Zero)
        {
            yield return "Slack:WorkLease must be at least one second and Slack:WorkRecoveryInterval positive.";
        }

        if (SlashResponseType is not ("in_channel" or "ephemeral"))
        {
            yield return "Slack:SlashResponseType must be \"in_channel\" or \"ephemeral\".";
        }
    }
}
