using System.Text;
using CodeHollow.FeedReader;
using KazBriefBot.Ingestion.Tests.Support;

namespace KazBriefBot.Ingestion.Tests.Feeds;

public sealed class FeedDocumentTests
{
    private static readonly Uri Base = new("https://feeds.example.org/feed.xml");

    private static ParsedFeed ParseFixture(string name) => FeedDocument.Parse(File.ReadAllBytes(Path.Combine(Fixtures.Feeds, name)), Base);

    // Kinds and item counts read off the files by hand (count of <item>/<entry> elements).
    [Theory]
    [InlineData("Rss091FullSample.xml", FeedType.Rss_0_91, 1)]
    [InlineData("Rss10OrfAt.xml", FeedType.Rss_1_0, 50)]
    [InlineData("Rss20BreakingNews.xml", FeedType.Rss_2_0, 10)]
    [InlineData("Rss20CTVNews.xml", FeedType.Rss_2_0, 10)]
    [InlineData("Rss20ISO88591Intranet30.xml", FeedType.Rss_2_0, 30)]
    [InlineData("Rss20MoscowTimes.xml", FeedType.Rss_2_0, 50)]
    [InlineData("Rss20Reuters.xml", FeedType.Rss_2_0, 10)]
    [InlineData("AtomTheVerge.xml", FeedType.Atom, 10)]
    [InlineData("AtomSpecialCharacters.xml", FeedType.Atom, 1)]
    public void Real_feeds_parse_with_their_kind_and_every_item(string file, FeedType kind, int items)
    {
        var feed = ParseFixture(file);
        Assert.Equal(kind, feed.Kind);
        Assert.Equal(items, feed.Entries.Count);
        Assert.All(feed.Entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Title)));
    }

    [Fact]
    public void An_ISO_8859_1_feed_is_decoded_as_it_declares()
    {
        var feed = ParseFixture("Rss20ISO88591Intranet30.xml");
        var first = feed.Entries[0];
        Assert.Equal("SVART MÅNAD - DÖDSOLYCKA i Vetlanda", first.Title);
        Assert.Equal("Höglandsnytt", first.Author);
        Assert.Contains("skadades i vägtrafiken", first.Html, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2018, 8, 19, 7, 14, 0, TimeSpan.Zero), first.Published);
        Assert.Equal("www.retriever-info.com", first.Link!.Host);
    }

    [Fact]
    public void Atom_entries_have_links_dates_and_content()
    {
        var feed = ParseFixture("AtomTheVerge.xml");
        Assert.All(feed.Entries, e =>
        {
            Assert.NotNull(e.Link);
            Assert.NotNull(e.Published);
            Assert.False(string.IsNullOrWhiteSpace(e.Html));
        });
    }

    [Fact]
    public void Rss_0_92_is_read()
    {
        var xml = """
            <?xml version="1.0"?>
            <rss version="0.92"><channel><title>Steppe Wire</title><link>https://steppe.example.org/</link><description>News</description>
              <item><title>Grain exports rise</title><link>https://steppe.example.org/grain</link>
                <description>Kazakhstan exported more grain this season than last.</description></item>
            </channel></rss>
            """;
        var feed = FeedDocument.Parse(Encoding.UTF8.GetBytes(xml), Base);
        Assert.Equal(FeedType.Rss_0_92, feed.Kind);
        Assert.Equal("Steppe Wire", feed.Title);
        Assert.Equal(new Uri("https://steppe.example.org/grain"), Assert.Single(feed.Entries).Link);
    }

    [Fact]
    public void Json_feed_is_read()
    {
        var json = """
            {"version": "https://jsonfeed.org/version/1.1", "title": "Steppe Wire", "home_page_url": "https://steppe.example.org/",
             "items": [
               {"id": "1", "url": "https://steppe.example.org/rail", "title": "New rail link opens",
                "content_html": "<p>The line joins two regions.</p>", "date_published": "2024-03-05T08:00:00Z",
                "authors": [{"name": "A. Writer"}]},
               {"id": "2", "url": "/relative/path", "title": "Relative link", "content_text": "Plain text."}
             ]}
            """;
        var feed = FeedDocument.Parse(Encoding.UTF8.GetBytes(json), new Uri("https://steppe.example.org/feed.json"));
        Assert.Equal(FeedType.JsonFeed, feed.Kind);
        Assert.Equal(2, feed.Entries.Count);
        Assert.Equal("New rail link opens", feed.Entries[0].Title);
        Assert.Equal(new DateOnly(2024, 3, 5), DateOnly.FromDateTime(feed.Entries[0].Published!.Value.UtcDateTime));
        Assert.Contains("two regions", feed.Entries[0].Html, StringComparison.Ordinal);
        Assert.Equal(new Uri("https://steppe.example.org/relative/path"), feed.Entries[1].Link);
    }

    [Theory]
    [InlineData("<html><body>Not a feed</body></html>")]
    [InlineData("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>cut off")]
    [InlineData("{\"not\": \"a feed\"")]
    [InlineData("")]
    public void Malformed_feeds_are_refused_with_a_reason(string body)
    {
        var ex = Assert.Throws<FeedFormatException>(() => FeedDocument.Parse(Encoding.UTF8.GetBytes(body), Base));
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }
}
