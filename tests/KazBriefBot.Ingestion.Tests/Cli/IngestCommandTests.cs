using System.Diagnostics;
using System.Text.Json;
using KazBriefBot.Cli;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Tests;
using KazBriefBot.Ingestion.Tests.Support;

namespace KazBriefBot.Ingestion.Tests.Cli;

public sealed class IngestCommandTests : IAsyncLifetime
{
    private LocalWebServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalWebServer.StartAsync();
        _server.MapFile("/world/nytimes-1", Path.Combine(Fixtures.Readability, "nytimes-1", "source.html"), "text/html; charset=utf-8");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>Runs the built kazbrief program in its own process, in <paramref name="workingDirectory"/>.</summary>
    private static async Task<(int Exit, string Out, string Err)> RunProgramAsync(string workingDirectory, params string[] args)
    {
        // The CLI's own build output (artifacts/bin/KazBriefBot.Cli/<config>/), with its own dependency manifest.
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var program = Path.Combine(testBin.Parent!.Parent!.FullName, "KazBriefBot.Cli", testBin.Name, "kazbrief.dll");
        Assert.True(File.Exists(program), $"the CLI was not built: {program}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task Ingest_url_json_writes_a_file_the_engine_loads()
    {
        var corpus = TestCorpus.NewTempFolder();
        var (exit, output, error) = await RunProgramAsync(corpus, "ingest", "--url", _server.Url("/world/nytimes-1").AbsoluteUri, "--corpus", corpus, "--json", "--allow-private-network");
        Assert.True(exit == 0, $"exit {exit}: {error}");

        using var doc = JsonDocument.Parse(output);
        var item = Assert.Single(doc.RootElement.GetProperty("items").EnumerateArray().ToList());
        Assert.Equal("added", item.GetProperty("status").GetString());
        Assert.Equal("United States to Lift Sudan Sanctions", item.GetProperty("title").GetString());
        Assert.Equal("2017-01-13", item.GetProperty("date").GetString());
        var path = Path.GetFullPath(item.GetProperty("path").GetString()!, corpus);

        var loaded = new CorpusLoader(new CorpusOptions { Path = corpus }).Load();
        Assert.Empty(loaded.Skipped);
        var article = Assert.Single(loaded.Articles);
        Assert.Equal(path, Path.GetFullPath(article.Path));
        Assert.Equal("United States to Lift Sudan Sanctions", article.Metadata.Title);
        Assert.Equal("Jeffrey Gettleman", article.Metadata.Author);
        Assert.Equal(new DateOnly(2017, 1, 13), article.Metadata.Date);
        Assert.Equal(item.GetProperty("url").GetString(), article.Metadata.Url);
    }

    [Fact]
    public async Task Without_the_switch_a_loopback_page_is_refused_and_nothing_is_written()
    {
        var corpus = TestCorpus.NewTempFolder();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(["ingest", "--url", _server.Url("/world/nytimes-1").AbsoluteUri, "--corpus", corpus, "--json"], stdout, stderr);
        Assert.Equal(5, exit);
        Assert.Contains("127.0.0.1 is a loopback address", stderr.ToString(), StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(stdout.ToString());
        Assert.Equal("failed", doc.RootElement.GetProperty("items")[0].GetProperty("status").GetString());
        Assert.Empty(Directory.GetFiles(corpus));
    }

    [Fact]
    public async Task Ingest_feed_prints_what_was_added_and_skipped()
    {
        var feed = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Wire</title><link>{_server.BaseAddress}</link><description>d</description>
            <item><title>Sudan</title><link>{_server.Url("/world/nytimes-1")}</link></item>
            <item><title>Gone</title><link>{_server.Url("/gone")}</link></item>
            </channel></rss>
            """;
        _server.MapBytes("/feed.xml", System.Text.Encoding.UTF8.GetBytes(feed), "application/rss+xml");
        var corpus = TestCorpus.NewTempFolder();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(["ingest", "--feed", _server.Url("/feed.xml").AbsoluteUri, "--corpus", corpus, "--allow-private-network"], stdout, stderr);
        Assert.Equal(0, exit);
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("added", lines[0], StringComparison.Ordinal);
        Assert.Contains("United States to Lift Sudan Sanctions", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("failed", lines[1], StringComparison.Ordinal);
        Assert.Contains("HTTP 404", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("1 added, 1 failed.", lines[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ingest")]
    [InlineData("ingest --feed https://a.example/f --url https://a.example/p")]
    [InlineData("ingest --url ftp://a.example/p")]
    public async Task Bad_arguments_are_usage_errors(string line)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliApp.RunAsync([.. line.Split(' '), "--corpus", TestCorpus.NewTempFolder()], stdout, stderr);
        Assert.Equal(2, exit);
        Assert.StartsWith("error:", stderr.ToString(), StringComparison.Ordinal);
    }
}
