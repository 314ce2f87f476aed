using KazBriefBot.Engine;
using KazBriefBot.Engine.Commands;
using KazBriefBot.Engine.Figures;
using KazBriefBot.Host.Scheduling;
using KazBriefBot.Host.Slack;
using KazBriefBot.Host.Tests.Infrastructure;
using KazBriefBot.Host.Tests.Teams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SkiaSharp;

namespace KazBriefBot.Host.Tests.Slack;

/// <summary>A real host with a capturing log, for the chart upload tests.</summary>
public sealed class SlackChartHostFixture : IAsyncLifetime
{
    public SlackHost Slack { get; private set; } = null!;

    public CapturingLoggerProvider Logs { get; } = new();

    public async Task InitializeAsync() => Slack = await SlackHost.StartAsync(
        new Dictionary<string, string?> { ["Slack:Workers"] = "1" },
        builder => builder.Logging.AddProvider(Logs));

    public async Task DisposeAsync() => await Slack.DisposeAsync();
}

/// <summary>Charts in Slack: a PNG drawn server-side, shared with the external upload flow after the tables; the fake enforces the flow.</summary>
public sealed class SlackChartUploadTests(SlackChartHostFixture fixture) : IClassFixture<SlackChartHostFixture>
{
    private SlackHost S => fixture.Slack;

    private IChannelPoster Poster => S.Host.Services.GetServices<IChannelPoster>().Single(p => p.Channel == "slack");

    private SlackApiClient Api => S.Host.Services.GetRequiredService<SlackApiClient>();

    private Reply TradeFigures => new([new FiguresBlock(S.Host.Services.GetRequiredService<BriefingEngine>().Figures("trade"))], []);

    private static ConversationRef Channel(string id, string? thread = null) => new SlackConversation("T0TESTTEAM", id, thread).ToRef(null);

    [Fact]
    public async Task Figures_trade_posts_the_tables_then_shares_the_chart_png_with_alt_text_in_the_thread()
    {
        S.Fake.Reset();
        var result = await Poster.PostAsync(Channel("C0CHART", "1700000000.000100"), TradeFigures, "charts-1", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        var methods = S.Fake.Calls.Select(c => c.Method).Where(m => m != "conversations.history").ToList();
        var lastPost = methods.LastIndexOf("chat.postMessage");
        Assert.True(lastPost >= 0);
        Assert.Equal(["files.getUploadURLExternal", "upload", "files.completeUploadExternal"], methods.Skip(lastPost + 1));

        var ask = S.Fake.Calls.Single(c => c.Method == "files.getUploadURLExternal");
        var upload = S.Fake.Calls.Single(c => c.Path.StartsWith("/upload/", StringComparison.Ordinal));
        Assert.Null(upload.Authorization);
        Assert.Equal(ask.Str("length"), upload.Body["length"]!.ToString());
        Assert.Equal("image/png", upload.Str("content_type"));
        Assert.StartsWith("Chart of trade (level), Kazakhstan + United States", ask.Str("alt_txt"), StringComparison.Ordinal);
        Assert.InRange(ask.Str("alt_txt")!.Length, 100, SlackApiClient.MaxAltText);

        var file = Assert.Single(S.Fake.SharedFiles("C0CHART"));
        Assert.Equal("1700000000.000100", file.ThreadTs);
        Assert.Equal("Trade (level), Kazakhstan + United States: by period and source", file.Title);
        using var image = SKBitmap.Decode(file.Bytes);
        Assert.Equal((SlackChartImage.Width, SlackChartImage.Height), (image.Width, image.Height));

        // Kept under the test output for a look at what Slack shows.
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
        await File.WriteAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "screenshots", "slack-chart-trade.png"), file.Bytes!);
    }

    [Fact]
    public async Task A_retried_delivery_shares_its_chart_only_once()
    {
        S.Fake.Reset();
        Assert.Equal(DeliveryOutcome.Delivered, (await Poster.PostAsync(Channel("C0TWICE"), TradeFigures, "charts-twice", CancellationToken.None)).Outcome);
        Assert.Equal(DeliveryOutcome.Delivered, (await Poster.PostAsync(Channel("C0TWICE"), TradeFigures, "charts-twice", CancellationToken.None)).Outcome);

        Assert.Single(S.Fake.SharedFiles("C0TWICE"));
        Assert.Single(S.Fake.Calls, c => c.Method == "files.getUploadURLExternal");
    }

    [Fact]
    public async Task Without_files_write_the_tables_alone_are_sent_and_the_reason_is_logged()
    {
        S.Fake.Reset();
        S.Fake.Scopes = ["chat:write", "commands"];

        var result = await Poster.PostAsync(Channel("C0NOSCOPE"), TradeFigures, "charts-noscope", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        Assert.Empty(S.Fake.SharedFiles("C0NOSCOPE"));
        Assert.DoesNotContain(S.Fake.Calls, c => c.Method is "files.completeUploadExternal" or "upload");
        var posted = S.Fake.MessagesIn("C0NOSCOPE");
        Assert.NotEmpty(posted);
        Assert.All(posted, m => Assert.DoesNotContain("missing_scope", m.Body.ToJsonString(), StringComparison.Ordinal));
        Assert.Contains(fixture.Logs.Lines, l => l.Contains("not shared in C0NOSCOPE", StringComparison.Ordinal)
            && l.Contains("missing_scope", StringComparison.Ordinal) && l.Contains("files:write", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Uploads_disabled_by_the_workspace_leave_the_tables_alone()
    {
        S.Fake.Reset();
        S.Fake.ScriptFor("files.getUploadURLExternal", FakeSlackResponse.Error("file_uploads_disabled"));

        var result = await Poster.PostAsync(Channel("C0NOFILES"), TradeFigures, "charts-disabled", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        Assert.NotEmpty(S.Fake.MessagesIn("C0NOFILES"));
        Assert.Empty(S.Fake.SharedFiles("C0NOFILES"));
        Assert.Contains(fixture.Logs.Lines, l => l.Contains("not shared in C0NOFILES", StringComparison.Ordinal) && l.Contains("file_uploads_disabled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_fake_fails_the_flow_as_Slack_does()
    {
        S.Fake.Reset();
        var bytes = new byte[] { 1, 2, 3, 4, 5 };

        // A completion before any upload, and one of an unknown file id: Slack has no such file.
        var (url, id, asked) = await Api.GetUploadUrlAsync(null, "a.png", bytes.Length, "alt", CancellationToken.None);
        Assert.True(asked.Ok);
        Assert.Equal("file_not_found", (await Api.CompleteUploadAsync(null, id!, "t", "C0FLOW", null, CancellationToken.None)).Error);
        Assert.Equal("file_not_found", (await Api.CompleteUploadAsync(null, "F999999999", "t", "C0FLOW", null, CancellationToken.None)).Error);

        // Bytes of another length than announced are refused by the upload URL, and the file cannot be completed.
        var wrong = await Api.UploadAsync(url!, bytes[..4], "image/png", CancellationToken.None);
        Assert.False(wrong.Ok);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, wrong.Status);
        Assert.Equal("file_not_found", (await Api.CompleteUploadAsync(null, id!, "t", "C0FLOW", null, CancellationToken.None)).Error);

        // The announced length, once, then one completion; a second completion fails.
        Assert.True((await Api.UploadAsync(url!, bytes, "image/png", CancellationToken.None)).Ok);
        Assert.True((await Api.CompleteUploadAsync(null, id!, "t", "C0FLOW", null, CancellationToken.None)).Ok);
        Assert.Equal("file_not_found", (await Api.CompleteUploadAsync(null, id!, "t", "C0FLOW", null, CancellationToken.None)).Error);

        // A zero length and an alt text over 1,000 characters are refused when the URL is asked for.
        Assert.Equal("invalid_arguments", (await Api.GetUploadUrlAsync(null, "a.png", 0, null, CancellationToken.None)).Result.Error);
        Assert.Equal("alt_txt_too_large", (await Api.GetUploadUrlAsync(null, "a.png", 5, new string('x', 1001), CancellationToken.None)).Result.Error);
        Assert.Single(S.Fake.SharedFiles("C0FLOW"));
    }

    [Fact]
    public void The_png_draws_each_point_where_the_chart_puts_it_in_its_source_colour()
    {
        var chart = Assert.Single(TestCorpusFigures.Trade().Charts);
        var picture = SlackChartImage.Render(chart);

        // By hand: categories at x = 0 (2022) and 1 (first half of 2023); three sources at offsets -0.25, 0, +0.25.
        Assert.Equal([(-0.25, 3.7), (0.0, 3.0), (0.25, 3.0), (0.75, 1.9), (1.25, 1.8)], picture.DataPoints.Select(p => (Math.Round(p.X, 6), Math.Round(p.Y, 6))));
        using var image = SKBitmap.Decode(picture.Png);

        // Filled markers (not the undated, open one) carry their source's colour at their centre.
        int[] sources = [0, 1, 2, 0];
        for (var i = 0; i < 4; i++)
        {
            var (x, y) = picture.PixelPoints[i];
            var expected = SKColor.Parse(SlackChartImage.Palette[sources[i]]);
            Assert.True(Near(image, x, y, expected), $"point {i} at ({x}, {y}) is not {expected}");
        }

        // The disagreeing period is shaded, the agreeing one is not.
        var (bandX, bandY) = picture.PixelPoints[3];
        Assert.Equal(SKColor.Parse(SlackChartImage.ConflictShade), image.GetPixel((int)bandX + 60, (int)bandY + 40));
        Assert.Equal(SKColors.White, image.GetPixel((int)picture.PixelPoints[1].X + 20, (int)bandY + 40));
    }

    private static bool Near(SKBitmap image, float x, float y, SKColor colour)
    {
        for (var dx = -2; dx <= 2; dx++)
        {
            for (var dy = -2; dy <= 2; dy++)
            {
                if (image.GetPixel((int)x + dx, (int)y + dy) == colour)
                {
                    return true;
                }
            }
        }

        return false;
    }
}

/// <summary>The seeds' trade report, built as the engine does, for rendering tests without a host.</summary>
internal static class TestCorpusFigures
{
    private static readonly Lazy<FigureReport> TradeReport = new(() =>
    {
        var options = new KazBriefBot.Engine.Corpus.CorpusOptions { Path = Paths.Seeds };
        var loaded = new KazBriefBot.Engine.Corpus.CorpusLoader(options).Load();
        return CorpusSnapshot.Build(Paths.Seeds, loaded, DateTimeOffset.UnixEpoch).Figures.Report("trade");
    });

    public static FigureReport Trade() => TradeReport.Value;

    /// <summary>The figures of articles written to a new corpus folder (dated 2023-09-01, -02, … in order), loaded as the host loads them.</summary>
    public static FigureSet Of(params (string Id, string Publisher, string Text)[] articles)
    {
        var folder = Paths.NewTempFolder();
        for (var i = 0; i < articles.Length; i++)
        {
            var (id, publisher, text) = articles[i];
            File.WriteAllText(Path.Combine(folder, id + ".txt"), $"title: Article {id}\ndate: 2023-09-{i + 1:00}\npublisher: {publisher}\n\n{text}\n");
        }

        var loaded = new KazBriefBot.Engine.Corpus.CorpusLoader(new KazBriefBot.Engine.Corpus.CorpusOptions { Path = folder }).Load();
        return CorpusSnapshot.Build(folder, loaded, DateTimeOffset.UnixEpoch).Figures;
    }
}
