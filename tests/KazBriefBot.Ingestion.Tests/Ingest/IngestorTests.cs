using System.Text;
using System.Text.RegularExpressions;
using KazBriefBot.Ingestion.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace KazBriefBot.Ingestion.Tests.Ingest;

public sealed class IngestorTests : IAsyncLifetime
{
    private static readonly Encoding Latin1 = Encoding.Latin1;
    private LocalWebServer _server = null!;

    public async Task InitializeAsync() => _server = await LocalWebServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private void MapPage(string name, string? path = null) =>
        _server.MapFile(path ?? $"/news/{name}/", Path.Combine(Fixtures.Readability, name, "source.html"), "text/html");

    /// <summary>The real ISO-8859-1 feed, cut to its first items, with their links pointing at the local server.</summary>
    private void MapIsoFeed(string path, params string[] links)
    {
        var xml = Latin1.GetString(File.ReadAllBytes(Path.Combine(Fixtures.Feeds, "Rss20ISO88591Intranet30.xml")));
        var items = Regex.Matches(xml, @"<item>.*?</item>", RegexOptions.Singleline).Take(links.Length).ToList();
        var start = items[0].Index;
        var rewritten = items.Select((m, i) => Regex.Replace(m.Value, @"<link>.*?</link>", $"<link>{_server.Url(links[i])}</link>", RegexOptions.Singleline));
        var feed = xml[..start] + string.Concat(rewritten) + "</channel></rss>";
        _server.MapBytes(path, Latin1.GetBytes(feed), "application/rss+xml");
    }

    [Fact]
    public async Task Feed_items_become_articles_the_loader_reads_with_the_feed_text_when_the_page_fails()
    {
        MapPage("bbc-1");
        MapPage("cnn");
        MapIsoFeed("/feed.xml", "/gone", "/news/bbc-1/", "/news/cnn/", "/news/005/");
        MapPage("005-unescape-html-entities", "/news/005/");
        using var ingest = new TestIngest();

        var report = await ingest.FeedAsync(_server.Url("/feed.xml"));

        Assert.Null(report.Error);
        Assert.Equal([IngestStatus.Added, IngestStatus.Added, IngestStatus.Added, IngestStatus.Added], report.Items.Select(i => i.Status));
        var bbc = TestIngest.Load(report.Items[1].Path!);
        Assert.Equal("Obama admits US gun laws are his 'biggest frustration'", bbc.Metadata.Title);
        Assert.Equal("BBC News", bbc.Metadata.Publisher);
        Assert.Contains("text-source: article page", bbc.Text, StringComparison.Ordinal);
        Assert.Equal("The 'birth lottery' and economic mobility", TestIngest.Load(report.Items[2].Path!).Metadata.Title);

        // The dead link: the feed's own (ISO-8859-1) text, stored as UTF-8, with the reason in the header.
        var dead = TestIngest.Load(report.Items[0].Path!);
        Assert.Equal("SVART MÅNAD - DÖDSOLYCKA i Vetlanda", dead.Metadata.Title);
        Assert.Equal(new DateOnly(2018, 8, 19), dead.Metadata.Date);
        Assert.Equal("intranet30", dead.Metadata.Publisher);
        Assert.Contains("skadades i vägtrafiken", dead.Text, StringComparison.Ordinal);
        Assert.Matches(@"text-source: feed item summary, because the page could not be fetched: HTTP 404", dead.Text);
        Assert.Contains("HTTP 404", report.Items[0].Reason, StringComparison.Ordinal);

        // A page that is not an article falls back the same way.
        Assert.Contains("not an article", TestIngest.Load(report.Items[3].Path!).Text, StringComparison.Ordinal);
        Assert.Equal(4, ingest.Files.Count);
        Assert.DoesNotContain(ingest.Files, f => Path.GetFileName(f).StartsWith('.'));
    }

    [Fact]
    public async Task A_second_poll_rewrites_nothing_and_asks_whether_anything_changed()
    {
        MapPage("bbc-1");
        MapIsoFeed("/feed.xml", "/news/bbc-1/", "/gone");
        using var ingest = new TestIngest();
        var first = await ingest.FeedAsync(_server.Url("/feed.xml"));
        var written = ingest.Files.ToDictionary(f => f, File.GetLastWriteTimeUtc);
        await Task.Delay(50);

        var second = await ingest.FeedAsync(_server.Url("/feed.xml"));
        Assert.True(second.NotModified);
        Assert.Empty(second.Items);
        Assert.Equal(written, ingest.Files.ToDictionary(f => f, File.GetLastWriteTimeUtc));
        Assert.NotNull(_server.Requests.Last(r => r.Path == "/feed.xml").IfNoneMatch);

        // A fresh ingestor (no remembered ETags, as after a restart) finds the same texts: unchanged, not rewritten.
        using var restarted = new TestIngestSharingFolder(ingest);
        var third = await restarted.FeedAsync(_server.Url("/feed.xml"));
        Assert.Equal([IngestStatus.Unchanged, IngestStatus.Unchanged], third.Items.Select(i => i.Status));
        Assert.Equal(first.Items.Select(i => i.Path), third.Items.Select(i => i.Path));
        Assert.Equal(written, ingest.Files.ToDictionary(f => f, File.GetLastWriteTimeUtc));
    }

    [Fact]
    public async Task A_changed_page_updates_its_file_in_place()
    {
        var html = File.ReadAllText(Path.Combine(Fixtures.Readability, "missing-paragraphs", "source.html"));
        var current = html;
        _server.Map("/story", context => context.Response.WriteAsync(current));
        using var ingest = new TestIngest();
        var first = Assert.Single((await ingest.PageAsync(_server.Url("/story"))).Items);
        Assert.Equal(IngestStatus.Added, first.Status);

        current = html.Replace("Secondary header", "Corrected header", StringComparison.Ordinal);
        var second = Assert.Single((await ingest.PageAsync(_server.Url("/story"))).Items);
        Assert.Equal(IngestStatus.Updated, second.Status);
        Assert.Equal(first.Path, second.Path);
        Assert.Contains("Corrected header", File.ReadAllText(second.Path!), StringComparison.Ordinal);
        Assert.Single(ingest.Files);
    }

    [Fact]
    public async Task Syndicated_copies_and_tracking_links_are_dropped_as_duplicates()
    {
        MapPage("missing-paragraphs", "/original");
        MapPage("missing-paragraphs", "/partner/copy");
        var feed = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Wire</title><link>{_server.BaseAddress}</link><description>d</description>
            <item><title>One</title><link>{_server.Url("/original")}</link></item>
            <item><title>One again</title><link>{_server.Url("/original?utm_source=rss&amp;utm_medium=feed")}</link></item>
            <item><title>One, syndicated</title><link>{_server.Url("/partner/copy")}</link></item>
            </channel></rss>
            """;
        _server.MapBytes("/feed.xml", Encoding.UTF8.GetBytes(feed), "application/rss+xml");
        using var ingest = new TestIngest();

        var report = await ingest.FeedAsync(_server.Url("/feed.xml"));

        Assert.Equal([IngestStatus.Added, IngestStatus.Duplicate, IngestStatus.Duplicate], report.Items.Select(i => i.Status));
        Assert.Contains("twice", report.Items[1].Reason, StringComparison.Ordinal);
        Assert.Contains("syndicated copy", report.Items[2].Reason, StringComparison.Ordinal);
        Assert.Single(ingest.Files);
    }

    [Fact]
    public async Task A_malformed_feed_is_reported_and_the_corpus_keeps_what_it_had()
    {
        MapPage("bbc-1");
        using var ingest = new TestIngest();
        var kept = Assert.Single((await ingest.PageAsync(_server.Url("/news/bbc-1/"))).Items).Path!;
        var before = File.ReadAllBytes(kept);
        _server.MapBytes("/broken.xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>cut"u8.ToArray(), "application/rss+xml");

        var report = await ingest.FeedAsync(_server.Url("/broken.xml"));

        Assert.StartsWith("not a readable RSS, Atom or JSON feed", report.Error, StringComparison.Ordinal);
        Assert.Empty(report.Items);
        Assert.Equal(before, File.ReadAllBytes(Assert.Single(ingest.Files)));
    }

    [Fact]
    public async Task An_item_with_a_dead_link_and_no_text_fails_with_both_reasons()
    {
        var json = $$"""
            {"version": "https://jsonfeed.org/version/1.1", "title": "Wire",
             "items": [{"id": "1", "url": "{{_server.Url("/gone")}}", "title": "Nothing here"}]}
            """;
        _server.MapBytes("/feed.json", Encoding.UTF8.GetBytes(json), "application/feed+json");
        using var ingest = new TestIngest();
        var item = Assert.Single((await ingest.FeedAsync(_server.Url("/feed.json"))).Items);
        Assert.Equal(IngestStatus.Failed, item.Status);
        Assert.Contains("HTTP 404", item.Reason, StringComparison.Ordinal);
        Assert.Contains("no text of its own", item.Reason, StringComparison.Ordinal);
        Assert.Empty(ingest.Files);
    }

    [Fact]
    public async Task Keywords_keep_only_matching_articles()
    {
        MapPage("bbc-1");
        MapPage("cnn");
        MapIsoFeed("/feed.xml", "/news/bbc-1/", "/news/cnn/");
        using var ingest = new TestIngest(o => o.Keywords = ["obama"]);
        var report = await ingest.FeedAsync(_server.Url("/feed.xml"));
        Assert.Equal([IngestStatus.Added, IngestStatus.Filtered], report.Items.Select(i => i.Status));
        Assert.Single(ingest.Files);
    }

    [Fact]
    public async Task Without_the_switch_a_loopback_feed_is_refused_with_a_clear_reason()
    {
        MapIsoFeed("/feed.xml", "/gone");
        using var ingest = new TestIngest(o => o.AllowPrivateNetwork = false);
        var report = await ingest.FeedAsync(_server.Url("/feed.xml"));
        Assert.Contains("127.0.0.1 is a loopback address", report.Error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
        Assert.Empty(ingest.Files);
    }

    /// <summary>A second ingestor over the same corpus folder, as a restarted host would have.</summary>
    private sealed class TestIngestSharingFolder(TestIngest other) : IDisposable
    {
        private readonly SafeFetcher _fetcher = SafeFetcher.Create(other.Options);

        public Task<IngestReport> FeedAsync(Uri url) =>
            new Ingestor(_fetcher, other.Options, new KazBriefBot.Engine.Corpus.CorpusOptions { Path = other.Corpus }).IngestFeedAsync(url, null, other.Corpus, CancellationToken.None);

        public void Dispose() => _fetcher.Dispose();
    }
}
