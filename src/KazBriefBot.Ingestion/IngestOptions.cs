namespace KazBriefBot.Ingestion;

/// <summary>One feed the host polls (configuration "Ingest:Feeds:N").</summary>
public sealed class FeedSource
{
    /// <summary>The feed's address (RSS 0.91-2.0, Atom or JSON Feed), http or https.</summary>
    public string Url { get; set; } = "";

    /// <summary>The outlet's name for the articles' publisher line; when empty, the page's site name or the feed's title is used.</summary>
    public string? Outlet { get; set; }

    /// <summary>How often to poll this feed; when unset, <see cref="IngestOptions.PollIntervalMinutes"/>.</summary>
    public int? PollIntervalMinutes { get; set; }
}

/// <summary>How articles are fetched into the corpus (configuration section "Ingest").</summary>
public sealed class IngestOptions
{
    public const string SectionName = "Ingest";

    /// <summary>The feeds the host polls in the background; none means no polling.</summary>
    public List<FeedSource> Feeds { get; set; } = [];

    /// <summary>When not empty, only articles whose title or text holds one of these words or phrases (any case) are kept.</summary>
    public string[] Keywords { get; set; } = [];

    /// <summary>Allow private, loopback and link-local addresses (tests and intranet feeds only): off by default against
    /// server-side request forgery.</summary>
    public bool AllowPrivateNetwork { get; set; }

    /// <summary>The User-Agent sent with every request: it names the bot so a site can recognise and contact it.</summary>
    public string UserAgent { get; set; } = "KazBriefBot/1.0 (news briefing bot; set Ingest:UserAgent to add a contact address)";

    /// <summary>Default poll interval of a feed.</summary>
    public int PollIntervalMinutes { get; set; } = 30;

    /// <summary>Longest wait between polls of a failing feed (the wait doubles after each failure up to this).</summary>
    public int MaxBackoffMinutes { get; set; } = 24 * 60;

    /// <summary>Time limit of one request, headers and body.</summary>
    public int TimeoutSeconds { get; set; } = 20;

    /// <summary>Largest response body read; a larger one is refused.</summary>
    public long MaxResponseBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Most redirects followed for one request.</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Most items taken from one feed per poll (the newest first, as the feed lists them).</summary>
    public int MaxItemsPerFeed { get; set; } = 50;

    /// <summary>Problems that stop the host from starting; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        for (var i = 0; i < Feeds.Count; i++)
        {
            var feed = Feeds[i];
            if (!Uri.TryCreate(feed.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                problems.Add($"Ingest:Feeds:{i}:Url '{feed.Url}' is not an absolute http or https address");
            }

            if (feed.PollIntervalMinutes is < 1)
            {
                problems.Add($"Ingest:Feeds:{i}:PollIntervalMinutes must be at least 1");
            }
        }

        if (PollIntervalMinutes < 1)
        {
            problems.Add("Ingest:PollIntervalMinutes must be at least 1");
        }

        if (MaxBackoffMinutes < PollIntervalMinutes)
        {
            problems.Add("Ingest:MaxBackoffMinutes must be at least Ingest:PollIntervalMinutes");
        }

        if (TimeoutSeconds is < 1 or > 300)
        {
            problems.Add("Ingest:TimeoutSeconds must be between 1 and 300");
        }

        if (MaxResponseBytes < 1024)
        {
            problems.Add("Ingest:MaxResponseBytes must be at least 1024");
        }

        if (MaxRedirects is < 0 or > 20)
        {
            problems.Add("Ingest:MaxRedirects must be between 0 and 20");
        }

        if (MaxItemsPerFeed < 1)
        {
            problems.Add("Ingest:MaxItemsPerFeed must be at least 1");
        }

        if (string.IsNullOrWhiteSpace(UserAgent) || UserAgent.Any(char.IsControl))
        {
            problems.Add("Ingest:UserAgent must be a single line naming the bot");
        }

        return problems;
    }
}
