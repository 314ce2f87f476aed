namespace KazBriefBot.Host.Slack;

/// <summary>Slack channel settings (configuration section "Slack"); the two secrets come from the environment or user-secrets only.</summary>
public sealed class SlackOptions
{
    public const string SectionName = "Slack";

    /// <summary>The app's signing secret; without it the Slack endpoints refuse every request (503).</summary>
    public string? SigningSecret { get; set; }

    /// <summary>The bot token (xoxb-…) sent as a bearer token to the Web API. Never logged.</summary>
    public string? BotToken { get; set; }

    /// <summary>Base address of the Web API; the method name (chat.postMessage) is appended.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>The bot's own user id (U…); optional: taken from each event's authorizations when absent.</summary>
    public string? BotUserId { get; set; }

    /// <summary>How long a slash command may compute before it is acknowledged and answered through its response_url (Slack allows 3 s).</summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(2.5);

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

    /// <summary>True when inbound requests can be verified.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(SigningSecret);

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

        if (IsConfigured && string.IsNullOrWhiteSpace(BotToken))
        {
            yield return "Slack:BotToken is required when Slack:SigningSecret is set (set it with user-secrets or the Slack__BotToken environment variable).";
        }

        if (AckTimeout <= TimeSpan.Zero || AckTimeout >= TimeSpan.FromSeconds(3))
        {
            yield return "Slack:AckTimeout must be positive and under 3 seconds (Slack's limit for acknowledging a slash command).";
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

        if (SlashResponseType is not ("in_channel" or "ephemeral"))
        {
            yield return "Slack:SlashResponseType must be \"in_channel\" or \"ephemeral\".";
        }
    }
}
