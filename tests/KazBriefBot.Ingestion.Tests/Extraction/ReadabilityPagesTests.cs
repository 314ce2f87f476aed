using System.Text.Json;
using AngleSharp.Html.Parser;
using KazBriefBot.Ingestion.Tests.Support;
using Xunit.Abstractions;

namespace KazBriefBot.Ingestion.Tests.Extraction;

/// <summary>Mozilla Readability's test pages served by a local server, ingested, and read back through the engine's loader:
/// the stored text must hold at least 90 % of the expected article's words, at most 10 % of it may be anything else (page
/// furniture), and the title must be the expected one. Tuning pages and held-out pages are reported apart.</summary>
public sealed class ReadabilityPagesTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const double Floor = 0.90;
    private LocalWebServer _server = null!;

    public async Task InitializeAsync() => _server = await LocalWebServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string> Tuning => Articles(Fixtures.TuningPages);

    public static TheoryData<string> HeldOut => Articles(Fixtures.HeldOutPages);

    // A page whose expected result is "not readerable" is not an article: it is tested as such below.
    private static TheoryData<string> Articles(IEnumerable<string> names)
    {
        var data = new TheoryData<string>();
        foreach (var name in names.Where(IsArticle))
        {
            data.Add(name);
        }

        return data;
    }

    private static bool IsArticle(string name) => ExpectedMetadata(name).GetProperty("title").GetString() is { Length: > 0 };

    private static JsonElement ExpectedMetadata(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures.Readability, name, "expected-metadata.json"))).RootElement;

    [Theory]
    [MemberData(nameof(Tuning))]
    public Task Tuning_page_is_stored_whole_and_clean(string name) => CheckAsync(name);

    [Theory]
    [MemberData(nameof(HeldOut))]
    public Task Held_out_page_is_stored_whole_and_clean(string name) => CheckAsync(name);

    private async Task CheckAsync(string name)
    {
        var (score, title, expectedTitle) = await IngestAndScoreAsync(name);
        output.WriteLine($"{name}: recall {score.Recall:P1}, precision {score.Precision:P1}");
        Assert.Equal(expectedTitle, title);
        Assert.True(score.Recall >= Floor, $"{name}: only {score.Recall:P1} of the expected words were stored");
        Assert.True(score.Precision >= Floor, $"{name}: {1 - score.Precision:P1} of the stored words are not the article's (page furniture)");
    }

    private async Task<((double Recall, double Precision) Score, string? Title, string? ExpectedTitle)> IngestAndScoreAsync(string name)
    {
        var folder = Path.Combine(Fixtures.Readability, name);
        _server.MapFile($"/news/{name}/", Path.Combine(folder, "source.html"), "text/html");
        using var ingest = new TestIngest();
        var report = await ingest.PageAsync(_server.Url($"/news/{name}/"));
        var item = Assert.Single(report.Items);
        Assert.True(item.Status == IngestStatus.Added, $"{name}: {item.Status} ({item.Reason})");
        var article = TestIngest.Load(item.Path!);

        // The expected text through an independent reading of the HTML (AngleSharp's text content).
        var expected = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(folder, "expected.html"))).Body!.TextContent;
        var score = WordScore.Compare(expected, TestIngest.BodyOf(item.Path!));
        return (score, article.Metadata.Title, ExpectedMetadata(name).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_page_that_is_not_an_article_is_refused_with_its_reason()
    {
        _server.MapFile("/not-an-article", Path.Combine(Fixtures.Readability, "005-unescape-html-entities", "source.html"), "text/html");
        using var ingest = new TestIngest();
        var report = await ingest.PageAsync(_server.Url("/not-an-article"));
        var item = Assert.Single(report.Items);
        Assert.Equal(IngestStatus.Failed, item.Status);
        Assert.Contains("not an article", item.Reason, StringComparison.Ordinal);
        Assert.Empty(ingest.Files);
    }

    [Fact]
    public async Task Scores_per_half()
    {
        foreach (var (label, names) in new[] { ("tuning", Fixtures.TuningPages), ("held-out", Fixtures.HeldOutPages) })
        {
            var scores = new List<(double Recall, double Precision)>();
            var titles = 0;
            foreach (var name in names.Where(IsArticle))
            {
                var (score, title, expectedTitle) = await IngestAndScoreAsync(name);
                scores.Add(score);
                titles += title == expectedTitle ? 1 : 0;
            }

            output.WriteLine($"{label}: {scores.Count} pages, mean recall {scores.Average(s => s.Recall):P1} (min {scores.Min(s => s.Recall):P1}), mean precision {scores.Average(s => s.Precision):P1} (min {scores.Min(s => s.Precision):P1}), titles {titles}/{scores.Count}");
            Assert.All(scores, s => Assert.True(s.Recall >= Floor && s.Precision >= Floor));
        }
    }
}

public sealed class PageMetadataTests
{
    private static ExtractedPage Extract(string name) =>
        PageExtractor.Extract(File.ReadAllText(Path.Combine(Fixtures.Readability, name, "source.html")), new Uri("https://www.example.org/story"), out _)!;

    // Values from each page's expected-metadata.json.
    [Fact]
    public void Byline_site_and_date_are_read()
    {
        var bbc = Extract("bbc-1");
        Assert.Equal("BBC News", bbc.SiteName);
        Assert.Equal(new DateOnly(2015, 7, 24), DateOnly.FromDateTime(bbc.Published!.Value.DateTime));
        Assert.Equal("Eleanor Ainge Roy", Extract("guardian-1").Byline);
        var mnt = Extract("medicalnewstoday");
        Assert.Equal("Ana Sandoiu", mnt.Byline);
        Assert.Equal("Medical News Today", mnt.SiteName);
    }

    [Fact]
    public void A_canonical_link_counts_only_on_the_page_own_site()
    {
        var html = File.ReadAllText(Path.Combine(Fixtures.Readability, "nytimes-1", "source.html"));
        Assert.Equal(new Uri("https://www.nytimes.com/2017/01/13/world/africa/sudan-sanctions.html"), PageExtractor.CanonicalOf(html, new Uri("https://mobile.nytimes.com/x")));
        Assert.Null(PageExtractor.CanonicalOf(html, new Uri("https://nytimes.com.evil.example/x")));
    }

    [Fact]
    public void Legacy_encodings_are_decoded_from_the_meta_tag_or_the_bytes()
    {
        var declared = System.Text.Encoding.Latin1.GetBytes("<html><head><meta charset=\"iso-8859-1\"></head><body>Köln</body></html>");
        Assert.Contains("Köln", PageExtractor.Decode(declared, null), StringComparison.Ordinal);
        Assert.Contains("Köln", PageExtractor.Decode(System.Text.Encoding.Latin1.GetBytes("<p>Köln</p>"), null), StringComparison.Ordinal);
        Assert.Contains("Köln", PageExtractor.Decode(System.Text.Encoding.UTF8.GetBytes("<p>Köln</p>"), "utf-8"), StringComparison.Ordinal);
    }
}
