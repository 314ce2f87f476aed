using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using KazBriefBot.Engine.Corpus;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KazBriefBot.Ingestion;

/// <summary>One article or feed item and what became of it.</summary>
public sealed record IngestItem(string? Path, string Url, string? Title, DateOnly? Date, IngestStatus Status, string? Reason);

/// <summary>The outcome of one fetch of a feed or page.</summary>
/// <param name="Error">Why the feed or page itself could not be used (unreachable, refused, malformed); null on success.</param>
/// <param name="NotModified">The feed answered 304: nothing new since the last poll.</param>
public sealed record IngestReport(string Source, IReadOnlyList<IngestItem> Items, string? Error, bool NotModified = false, TimeSpan? RetryAfter = null)
{
    public int Count(IngestStatus status) => Items.Count(i => i.Status == status);
}

/// <summary>Fetches feeds and pages and stores their articles in the corpus folder.</summary>
/// <remarks>Remembers each address's ETag and Last-Modified for conditional requests for as long as it lives (the host keeps
/// one for its lifetime). Pages are fetched one after another: polite to the sites, and a feed's items arrive in order.</remarks>
public sealed partial class Ingestor(SafeFetcher fetcher, IngestOptions options, CorpusOptions corpus, ILogger<Ingestor>? logger = null)
{
    private const string FeedAccept = "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5";
    private const string PageAccept = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";
    private const int MaxRememberedValidators = 10_000;
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly ConcurrentDictionary<string, Validators> _validators = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<Regex> _keywords = options.Keywords.Where(k => !string.IsNullOrWhiteSpace(k)).Select(KeywordPattern).ToList();

    /// <summary>Fetches a feed and stores each of its items (at most Ingest:MaxItemsPerFeed): the linked page's article, else
    /// the item's own text. Never throws for bad input: the report says what went wrong.</summary>
    /// <param name="outlet">The publisher to record; null to use the page's site name or the feed's title.</param>
    public async Task<IngestReport> IngestFeedAsync(Uri feedUrl, string? outlet, string corpusFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedUrl);
        var source = feedUrl.AbsoluteUri;
        ParsedFeed feed;
        try
        {
            var fetched = await fetcher.GetAsync(feedUrl, _validators.GetValueOrDefault(source), FeedAccept, cancellationToken);
            if (fetched.Outcome == FetchOutcome.NotModified)
            {
                return new IngestReport(source, [], null, NotModified: true);
            }

            feed = FeedDocument.Parse(fetched.Body, fetched.FinalUri);
            Remember(source, fetched.Validators);
        }
        catch (Exception ex) when (ex is FetchRefusedException or FetchFailedException or FeedFormatException)
        {
            _logger.LogWarning("Feed {Feed} not ingested: {Reason}", source, ex.Message);
            return new IngestReport(source, [], ex.Message, RetryAfter: (ex as FetchFailedException)?.RetryAfter);
        }

        var store = CorpusStore.Open(corpusFolder, corpus.Extensions);
        var items = new List<IngestItem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in feed.Entries.Take(options.MaxItemsPerFeed))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (entry.Link is null)
            {
                items.Add(new IngestItem(null, "", entry.Title, Date(entry.Published), IngestStatus.Failed, "the feed item has no http(s) link"));
                continue;
            }

            if (!seen.Add(ArticleDocument.Canonicalize(entry.Link).AbsoluteUri))
            {
                items.Add(new IngestItem(null, entry.Link.AbsoluteUri, entry.Title, Date(entry.Published), IngestStatus.Duplicate, "the feed lists this link twice"));
                continue;
            }

            items.Add(await IngestEntryAsync(entry, outlet, feed.Title, store, cancellationToken));
        }

        _logger.LogInformation("Feed {Feed}: {Added} added, {Updated} updated, {Unchanged} unchanged, {Duplicates} duplicates, {Filtered} filtered, {Failed} failed",
            source, Count(IngestStatus.Added), Count(IngestStatus.Updated), Count(IngestStatus.Unchanged), Count(IngestStatus.Duplicate), Count(IngestStatus.Filtered), Count(IngestStatus.Failed));
        return new IngestReport(source, items, null);

        int Count(IngestStatus status) => items.Count(i => i.Status == status);
    }

    /// <summary>Fetches one page and stores its article (the keyword filter does not apply: the page was asked for by name).</summary>
    public async Task<IngestReport> IngestPageAsync(Uri pageUrl, string corpusFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pageUrl);
        var store = CorpusStore.Open(corpusFolder, corpus.Extensions);
        var (page, finalUri, reason) = await FetchArticleAsync(pageUrl, store, cancellationToken);
        if (page is null)
        {
            var unchanged = reason == NotModifiedReason && store.PathOf(pageUrl) is { } path;
            var item = unchanged
                ? new IngestItem(store.PathOf(pageUrl), pageUrl.AbsoluteUri, null, null, IngestStatus.Unchanged, "not modified since the last fetch (HTTP 304)")
                : new IngestItem(null, pageUrl.AbsoluteUri, null, null, IngestStatus.Failed, reason);
            if (!unchanged)
            {
                _logger.LogWarning("Page {Url} not ingested: {Reason}", pageUrl, reason);
            }

            return new IngestReport(pageUrl.AbsoluteUri, [item], unchanged ? null : reason);
        }

        var draft = new ArticleDraft(page.Title, Date(page.Published), page.SiteName ?? finalUri.Host, page.Byline,
            page.CanonicalUrl ?? finalUri, pageUrl, page.Paragraphs, null);
        return new IngestReport(pageUrl.AbsoluteUri, [Save(store, draft)], null);
    }

    private const string NotModifiedReason = "not modified";

    private async Task<IngestItem> IngestEntryAsync(FeedEntry entry, string? outlet, string? feedTitle, CorpusStore store, CancellationToken cancellationToken)
    {
        var link = entry.Link!;
        var (page, finalUri, reason) = await FetchArticleAsync(link, store, cancellationToken);
        if (page is null && reason == NotModifiedReason)
        {
            return new IngestItem(store.PathOf(link), link.AbsoluteUri, entry.Title, Date(entry.Published), IngestStatus.Unchanged, "not modified since the last fetch (HTTP 304)");
        }

        ArticleDraft draft;
        if (page is not null)
        {
            draft = new ArticleDraft(page.Title, Date(page.Published) ?? Date(entry.Published), outlet ?? page.SiteName ?? feedTitle ?? finalUri.Host, page.Byline ?? entry.Author,
                page.CanonicalUrl ?? finalUri, link, page.Paragraphs, null);
        }
        else
        {
            var paragraphs = entry.Html is null ? [] : HtmlText.Paragraphs(entry.Html);
            if (paragraphs.Sum(p => p.Length) < 40 || entry.Title is null)
            {
                _logger.LogWarning("Feed item {Url} not ingested: {Reason}; the feed item has no text of its own to fall back on", link, reason);
                return new IngestItem(null, link.AbsoluteUri, entry.Title, Date(entry.Published), IngestStatus.Failed, reason + "; the feed item has no text of its own to fall back on");
            }

            _logger.LogInformation("Feed item {Url}: using the feed's own text because {Reason}", link, reason);
            draft = new ArticleDraft(entry.Title, Date(entry.Published), outlet ?? feedTitle ?? link.Host, entry.Author, link, null, paragraphs, reason);
        }

        if (_keywords.Count > 0 && !_keywords.Any(k => k.IsMatch(draft.Title) || draft.Paragraphs.Any(p => k.IsMatch(p))))
        {
            return new IngestItem(null, draft.Url.AbsoluteUri, draft.Title, draft.Date, IngestStatus.Filtered, "matches none of Ingest:Keywords");
        }

        return Save(store, draft);
    }

    private static IngestItem Save(CorpusStore store, ArticleDraft draft)
    {
        var result = store.Store(draft);
        var reason = draft.FallbackReason is null ? result.Reason : string.Join("; ", new[] { result.Reason, "feed text used because " + draft.FallbackReason }.OfType<string>());
        return new IngestItem(result.Path, draft.Url.AbsoluteUri, draft.Title, draft.Date, result.Status, reason);
    }

    /// <summary>The page's article, or null with the reason (unreachable, refused, not HTML, not an article, or not modified).</summary>
    private async Task<(ExtractedPage? Page, Uri FinalUri, string? Reason)> FetchArticleAsync(Uri url, CorpusStore store, CancellationToken cancellationToken)
    {
        var key = url.AbsoluteUri;
        // Only ask "has it changed?" when the article is still in the folder: a deleted file is fetched again in full.
        var validators = store.PathOf(url) is not null ? _validators.GetValueOrDefault(key) : null;
        FetchedResource fetched;
        try
        {
            fetched = await fetcher.GetAsync(url, validators, PageAccept, cancellationToken);
        }
        catch (Exception ex) when (ex is FetchRefusedException or FetchFailedException)
        {
            return (null, url, "the page could not be fetched: " + ex.Message);
        }

        if (fetched.Outcome == FetchOutcome.NotModified)
        {
            return (null, url, NotModifiedReason);
        }

        if (fetched.MediaType is { } type && !type.Contains("html", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
        {
            return (null, fetched.FinalUri, $"the page is {type}, not HTML");
        }

        var html = PageExtractor.Decode(fetched.Body, fetched.Charset);
        var page = PageExtractor.Extract(html, fetched.FinalUri, out var reason);
        if (page is not null)
        {
            Remember(key, fetched.Validators);
        }

        return (page, fetched.FinalUri, reason);
    }

    private void Remember(string key, Validators validators)
    {
        if (validators.ETag is null && validators.LastModified is null)
        {
            _validators.TryRemove(key, out _);
            return;
        }

        if (_validators.Count >= MaxRememberedValidators)
        {
            _validators.Clear();
        }

        _validators[key] = validators;
    }

    private static DateOnly? Date(DateTimeOffset? value) => value is { } v ? DateOnly.FromDateTime(v.DateTime) : null;

    private static Regex KeywordPattern(string keyword) =>
        new($@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(keyword.Trim())}(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
