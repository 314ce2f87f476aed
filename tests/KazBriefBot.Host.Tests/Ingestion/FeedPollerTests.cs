using System.Text;
using KazBriefBot.Engine;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Host.Ingestion;
using KazBriefBot.Host.Tests.Infrastructure;
using KazBriefBot.Ingestion;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KazBriefBot.Host.Tests.Ingestion;

public sealed class FeedPollerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>A feed server on 127.0.0.1: /feed.xml lists the real nytimes-1 page it also serves; /broken.xml is cut off;
    /// /flaky.xml fails with 500 while <paramref name="flakyFails"/> says so.</summary>
    private static async Task<WebApplication> StartFeedServerAsync(Func<bool>? flakyFails = null)
    {
        var page = Path.Combine(Paths.Shared, "fixtures", "articles", "readability", "nytimes-1", "source.html");
        Assert.True(File.Exists(page), $"../shared fixture absent: {page}");
        var app = LocalServer.CreateHttp();
        app.MapGet("/world/sudan", () => Results.File(File.ReadAllBytes(page), "text/html; charset=utf-8"));
        app.MapGet("/feed.xml", (HttpRequest request) => Results.Text(Feed(request), "application/rss+xml", Encoding.UTF8));
        app.MapGet("/flaky.xml", (HttpRequest request) => flakyFails?.Invoke() == true
            ? Results.StatusCode(StatusCodes.Status500InternalServerError)
            : Results.Text(Feed(request), "application/rss+xml", Encoding.UTF8));
        app.MapGet("/broken.xml", () => Results.Text("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>cut", "application/rss+xml"));
        await app.StartAsync();
        return app;

        static string Feed(HttpRequest request) => $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Wire</title><link>http://{request.Host}/</link><description>d</description>
            <item><title>Sudan</title><link>http://{request.Host}/world/sudan</link><pubDate>Fri, 13 Jan 2017 10:00:00 GMT</pubDate></item>
            </channel></rss>
            """;
    }

    [Fact]
    public async Task The_host_polls_its_feeds_the_corpus_reloads_and_readyz_counts_per_feed()
    {
        await using var server = await StartFeedServerAsync();
        var address = LocalServer.AddressesOf(server).First();
        var corpus = Paths.CopyOfSeeds();
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Corpus:Path"] = corpus,
            ["Corpus:ReloadDelayMs"] = "50",
            ["Ingest:AllowPrivateNetwork"] = "true",
            ["Ingest:Feeds:0:Url"] = $"{address}/feed.xml",
            ["Ingest:Feeds:0:Outlet"] = "Test Wire",
            ["Ingest:Feeds:1:Url"] = $"{address}/broken.xml",
        });

        var deadline = DateTime.UtcNow + Patience;
        System.Text.Json.JsonElement ready;
        do
        {
            await Task.Delay(100);
            ready = (await host.ReadyAsync()).RootElement;
        }
        while (DateTime.UtcNow < deadline && (ready.GetProperty("articles").GetInt32() < 6 || ready.GetProperty("ingest").GetProperty("feeds")[1].GetProperty("polls").GetInt32() < 1));

        Assert.Equal(6, ready.GetProperty("articles").GetInt32());
        var feeds = ready.GetProperty("ingest").GetProperty("feeds");
        Assert.Equal(1, feeds[0].GetProperty("added").GetInt32());
        Assert.Equal(0, feeds[0].GetProperty("failedPolls").GetInt32());
        Assert.Equal(1, feeds[1].GetProperty("failedPolls").GetInt32());
        Assert.StartsWith("not a readable RSS, Atom or JSON feed", feeds[1].GetProperty("lastError").GetString(), StringComparison.Ordinal);

        var article = host.Services.GetRequiredService<BriefingEngine>().Current.Articles.Single(a => a.Metadata.Title == "United States to Lift Sudan Sanctions");
        Assert.Equal("Test Wire", article.Metadata.Publisher);
        Assert.Equal(5, Directory.GetFiles(Paths.Seeds).Length);
    }

    [Fact]
    public async Task The_host_refuses_to_start_with_a_feed_that_is_not_http()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Ingest:Feeds:0:Url"] = "file:///etc/passwd",
        }));
        Assert.Contains("Ingest:Feeds:0:Url", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_feed_backs_off_doubling_up_to_the_limit_and_recovers()
    {
        var fails = true;
        await using var server = await StartFeedServerAsync(() => Volatile.Read(ref fails));
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 6, 8, 0, 0, TimeSpan.Zero));
        var options = new IngestOptions
        {
            AllowPrivateNetwork = true,
            PollIntervalMinutes = 10,
            MaxBackoffMinutes = 30,
            Feeds = [new FeedSource { Url = $"{LocalServer.AddressesOf(server).First()}/flaky.xml" }],
        };
        var corpus = new CorpusOptions { Path = Paths.NewTempFolder() };
        using var fetcher = SafeFetcher.Create(options);
        var environment = new FixedEnvironment { ContentRootPath = corpus.Path };
        using var poller = new FeedPoller(new Ingestor(fetcher, options, corpus), Options.Create(options), Options.Create(corpus), environment, time, NullLogger<FeedPoller>.Instance);
        await poller.StartAsync(CancellationToken.None);
        var start = time.GetUtcNow();

        var first = await PollsAsync(poller, 1);
        Assert.Equal(1, first.ConsecutiveFailures);
        Assert.Contains("HTTP 500", first.LastError, StringComparison.Ordinal);
        Assert.Equal(start + TimeSpan.FromMinutes(20), first.NextPollAt);

        time.Advance(TimeSpan.FromMinutes(19));
        await Task.Delay(200);
        Assert.Equal(1, poller.Status[0].Polls);
        time.Advance(TimeSpan.FromMinutes(1));
        var second = await PollsAsync(poller, 2);
        Assert.Equal(2, second.ConsecutiveFailures);
        Assert.Equal(start + TimeSpan.FromMinutes(20 + 30), second.NextPollAt);

        Volatile.Write(ref fails, false);
        time.Advance(TimeSpan.FromMinutes(30));
        var third = await PollsAsync(poller, 3);
        Assert.Equal(0, third.ConsecutiveFailures);
        Assert.Equal(1, third.Added);
        Assert.Equal(2, third.FailedPolls);
        Assert.Equal(start + TimeSpan.FromMinutes(50 + 10), third.NextPollAt);
        await poller.StopAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData(0, null, 10)]
    [InlineData(1, null, 20)]
    [InlineData(2, null, 40)]
    [InlineData(3, null, 60)]
    [InlineData(10, null, 60)]
    [InlineData(0, 90, 90)]
    [InlineData(1, 5, 20)]
    public void The_wait_doubles_per_failure_up_to_the_limit_and_honours_retry_after(int failures, int? retryAfterMinutes, int expectedMinutes) =>
        Assert.Equal(
            TimeSpan.FromMinutes(expectedMinutes),
            FeedPoller.NextInterval(TimeSpan.FromMinutes(10), failures, TimeSpan.FromMinutes(60), retryAfterMinutes is { } r ? TimeSpan.FromMinutes(r) : null));

    private static async Task<FeedStatus> PollsAsync(FeedPoller poller, int polls)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (poller.Status.Count == 0 || poller.Status[0].Polls < polls)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the feed was not polled {polls} times");
            await Task.Delay(20);
        }

        return poller.Status[0];
    }

    private sealed class FixedEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";

        public string ApplicationName { get; set; } = "tests";

        public string ContentRootPath { get; set; } = "";

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
