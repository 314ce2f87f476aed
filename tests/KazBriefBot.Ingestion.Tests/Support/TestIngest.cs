using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Tests;

namespace KazBriefBot.Ingestion.Tests.Support;

/// <summary>An ingestor over the real fetcher, allowed to reach the local test server, writing into a fresh corpus folder.</summary>
public sealed class TestIngest : IDisposable
{
    public TestIngest(Action<IngestOptions>? change = null)
    {
        Options = new IngestOptions { AllowPrivateNetwork = true };
        change?.Invoke(Options);
        Corpus = TestCorpus.NewTempFolder();
        Fetcher = SafeFetcher.Create(Options);
        Ingestor = new Ingestor(Fetcher, Options, new CorpusOptions { Path = Corpus });
    }

    public IngestOptions Options { get; }

    public string Corpus { get; }

    public SafeFetcher Fetcher { get; }

    public Ingestor Ingestor { get; }

    public Task<IngestReport> FeedAsync(Uri url, string? outlet = null) => Ingestor.IngestFeedAsync(url, outlet, Corpus, CancellationToken.None);

    public Task<IngestReport> PageAsync(Uri url) => Ingestor.IngestPageAsync(url, Corpus, CancellationToken.None);

    /// <summary>The article files in the corpus folder (hidden temporary files would show here too).</summary>
    public IReadOnlyList<string> Files => Directory.GetFiles(Corpus).Order(StringComparer.Ordinal).ToList();

    public static Article Load(string path)
    {
        var (article, reason) = new CorpusLoader(new CorpusOptions { Path = Path.GetDirectoryName(path)! }).TryLoad(path);
        Assert.True(article is not null, $"{path} does not load: {reason}");
        return article!;
    }

    /// <summary>The file's text after its header block.</summary>
    public static string BodyOf(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = ArticleHeader.Read(lines);
        return string.Join("\n", lines.Skip(header?.LineCount ?? 0));
    }

    public void Dispose() => Fetcher.Dispose();
}
