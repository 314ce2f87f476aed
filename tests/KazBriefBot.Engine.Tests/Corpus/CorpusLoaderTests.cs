using KazBriefBot.Engine.Corpus;
using Microsoft.Extensions.Logging;

namespace KazBriefBot.Engine.Tests.Corpus;

public sealed class CorpusLoaderTests
{
    [Fact]
    public void Seeds_load_and_sentences_are_exact_spans_of_the_file()
    {
        var snapshot = TestCorpus.Seeds;
        Assert.Equal(5, snapshot.Articles.Count);
        foreach (var article in snapshot.Articles)
        {
            var fileText = File.ReadAllText(article.Path);
            Assert.NotEmpty(article.Sentences);
            foreach (var s in article.Sentences)
            {
                Assert.Equal(s.Text, fileText[s.Start..s.End]);
            }
        }
    }

    [Fact]
    public void Broken_files_are_skipped_with_a_reason_and_the_rest_load()
    {
        var dir = TestCorpus.NewTempFolder();
        File.Copy(Path.Combine(TestCorpus.SeedsFolder, "001_43cb461444ca7a2a.txt"), Path.Combine(dir, "good.txt"));
        File.WriteAllBytes(Path.Combine(dir, "empty.txt"), []);
        File.WriteAllBytes(Path.Combine(dir, "binary.txt"), [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0xFF]);
        File.WriteAllBytes(Path.Combine(dir, "latin1.txt"), [0x53, 0xE1, 0x6E, 0x63, 0x68, 0x65, 0x7A, 0x2E]);
        File.WriteAllText(Path.Combine(dir, "huge.txt"), new string('a', 5000));

        var result = new CorpusLoader(new CorpusOptions { Path = dir, MaxFileBytes = 4096 }).Load();

        Assert.Single(result.Articles);
        Assert.Equal(4, result.Skipped.Count);
        Assert.Contains(result.Skipped, s => s.Path.EndsWith("empty.txt", StringComparison.Ordinal) && s.Reason.Contains("empty", StringComparison.Ordinal));
        Assert.Contains(result.Skipped, s => s.Path.EndsWith("binary.txt", StringComparison.Ordinal) && s.Reason.Contains("binary", StringComparison.Ordinal));
        Assert.Contains(result.Skipped, s => s.Path.EndsWith("latin1.txt", StringComparison.Ordinal) && s.Reason.Contains("UTF-8", StringComparison.Ordinal));
        Assert.Contains(result.Skipped, s => s.Path.EndsWith("huge.txt", StringComparison.Ordinal) && s.Reason.Contains("limit", StringComparison.Ordinal));
    }

    [Fact]
    public void A_utf8_bom_is_dropped_and_offsets_index_the_decoded_text()
    {
        var dir = TestCorpus.NewTempFolder();
        var body = "Headline\r\n\r\nFirst sentence here. Second sentence «with quotes».\r\n";
        File.WriteAllBytes(Path.Combine(dir, "bom.txt"), [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(body)]);

        var article = Assert.Single(new CorpusLoader(new CorpusOptions { Path = dir }).Load().Articles);

        Assert.Equal(body, article.Text);
        Assert.Equal(File.ReadAllText(article.Path), article.Text);
        Assert.Equal(["First sentence here.", "Second sentence «with quotes»."], article.Sentences.Select(s => s.Text));
        Assert.All(article.Sentences, s => Assert.Equal(s.Text, body[s.Start..s.End]));
    }

    [Fact]
    public void Utf16_and_furniture_only_files_are_skipped_with_reasons()
    {
        var dir = TestCorpus.NewTempFolder();
        File.WriteAllBytes(Path.Combine(dir, "utf16.txt"), [0xFF, 0xFE, .. System.Text.Encoding.Unicode.GetBytes("Some text here.")]);
        File.WriteAllText(Path.Combine(dir, "furniture.txt"), "Home » News\n\nPrint Friendly\n\nLeave a Reply\n");
        File.WriteAllText(Path.Combine(dir, "blank.txt"), " \n\t\n");

        var result = new CorpusLoader(new CorpusOptions { Path = dir }).Load();

        Assert.Empty(result.Articles);
        Assert.Contains(result.Skipped, s => s.Path.EndsWith("utf16.txt", StringComparison.Ordinal) && s.Reason.Contains("UTF-16", StringComparison.Ordinal));
        Assert.Contains(result.Skipped, s => s.Path.EndsWith("furniture.txt", StringComparison.Ordinal) && s.Reason.Contains("no quotable sentence", StringComparison.Ordinal));
        Assert.Contains(result.Skipped, s => s.Path.EndsWith("blank.txt", StringComparison.Ordinal) && s.Reason.Contains("whitespace", StringComparison.Ordinal));
    }

    [Fact]
    public void Loads_txt_and_markdown_from_the_top_folder_only_and_keeps_ids_unique()
    {
        var dir = TestCorpus.NewTempFolder();
        File.WriteAllText(Path.Combine(dir, "story.txt"), "Plain story text is here. It has two sentences.");
        File.WriteAllText(Path.Combine(dir, "story.md"), "# Markdown story\n\nMarkdown body text is here.");
        File.WriteAllText(Path.Combine(dir, "notes.json"), "{\"not\": \"an article\"}");
        File.WriteAllText(Path.Combine(dir, ".hidden.txt"), "Hidden files are editor leftovers.");
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        File.WriteAllText(Path.Combine(dir, "sub", "nested.txt"), "Nested files are not read.");

        var result = new CorpusLoader(new CorpusOptions { Path = dir }).Load();

        Assert.Empty(result.Skipped);
        // Files load in name order: "story.md" takes the id "story", "story.txt" keeps its extension in its id.
        Assert.Equal(["story", "story.txt"], result.Articles.Select(a => a.Id).Order(StringComparer.Ordinal));
        var markdown = result.Articles.Single(a => a.Path.EndsWith(".md", StringComparison.Ordinal));
        Assert.Equal("Markdown story", markdown.Metadata.Title);
        Assert.Equal("Markdown body text is here.", Assert.Single(markdown.Sentences).Text);
    }

    [Fact]
    public void Header_block_metadata_reaches_the_article_source()
    {
        var dir = TestCorpus.NewTempFolder();
        File.WriteAllText(Path.Combine(dir, "mine.txt"),
            "title: My own article\ndate: 2024-05-06\npublisher: Own Desk\nauthor: A. Writer\nurl: https://example.org/mine\n\nThe body says one thing. Then another.\n");

        var article = Assert.Single(new CorpusLoader(new CorpusOptions { Path = dir }).Load().Articles);
        var source = article.SourceFor(article.Sentences[0].Start, article.Sentences[0].End);

        Assert.Equal(new SourceRef("mine", "My own article", "Own Desk", "A. Writer", new DateOnly(2024, 5, 6), article.SourcePath, article.Sentences[0].Start, article.Sentences[0].End), source);
        Assert.Equal("https://example.org/mine", article.Metadata.Url);
        Assert.Equal("The body says one thing.", article.Text[source.Start..source.End]);
    }

    [Fact]
    public void Missing_folder_is_a_clear_error()
    {
        var missing = Path.Combine(TestCorpus.NewTempFolder(), "nope");
        var ex = Assert.Throws<DirectoryNotFoundException>(() => new CorpusLoader(new CorpusOptions { Path = missing }).Load());
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_skipped_file_is_logged_with_its_reason()
    {
        var dir = TestCorpus.NewTempFolder();
        File.WriteAllText(Path.Combine(dir, "good.txt"), "A real sentence is here. Another one.");
        File.WriteAllBytes(Path.Combine(dir, "bad.txt"), [0xC3, 0x28, 0x41]);
        var logger = new ListLogger();

        var result = new CorpusLoader(new CorpusOptions { Path = dir }, logger).Load();

        Assert.Single(result.Articles);
        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("bad.txt", warning.Message, StringComparison.Ordinal);
        Assert.Contains("not valid UTF-8", warning.Message, StringComparison.Ordinal);
    }

    /// <summary>A real, in-memory logger: keeps what was logged.</summary>
    private sealed class ListLogger : ILogger<CorpusLoader>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
