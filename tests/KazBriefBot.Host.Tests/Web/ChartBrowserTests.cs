using KazBriefBot.Host.Tests.Infrastructure;
using Microsoft.Playwright;
using static KazBriefBot.Host.Tests.Web.ChatPageDriver;

namespace KazBriefBot.Host.Tests.Web;

/// <summary>The page's inline SVG charts in a real headless Chromium against the real host on the seeds.</summary>
public sealed class ChartBrowserTests
{
    private static readonly float Timeout = 15_000;

    [Fact]
    public async Task Figures_trade_draws_the_series_as_an_inline_svg_with_hand_checked_points()
    {
        await using var host = await TestHost.StartAsync();
        await using var browser = await HeadlessChromium.LaunchAsync();
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        var (external, errors) = Watch(page, host.BaseAddress);
        await page.GotoAsync(host.BaseAddress.ToString());
        await SendAsync(page, "figures trade");

        var reply = page.Locator(".message.bot").Last;
        var chart = reply.Locator("figure.chart").First;
        await Assertions.Expect(chart.Locator("svg")).ToBeVisibleAsync();

        // Accessible: a title, a text alternative (desc + visible "Chart as text") and both axis labels.
        var svg = chart.Locator("svg");
        Assert.Equal("group", await svg.GetAttributeAsync("role"));
        Assert.Equal("Trade (level), Kazakhstan + United States: by period and source", await svg.Locator("title").First.TextContentAsync());
        Assert.StartsWith("Chart of trade (level), Kazakhstan + United States, in USD, billions", await svg.Locator("desc").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(["period", "USD, billions"], await svg.Locator(".chart-axis-label").AllTextContentsAsync());
        Assert.Equal(["0", "1", "2", "3", "4"], await svg.Locator(".chart-tick").AllTextContentsAsync());
        Assert.Equal(["2022", "⚠ first half of 2023"], await svg.Locator(".chart-category").AllTextContentsAsync());
        await Assertions.Expect(chart.Locator("details.chart-text p")).ToContainTextAsync("$1.8 billion (Kazinform, undated, its period may differ)");

        // Five points, placed by hand: plot x 64..624 in two bands of 280, a source at (k + 1) / 4 of its band;
        // y = 260 - 240 × value / 4 (axis 0..4 billion USD).
        var points = await svg.Locator("circle.chart-point").EvaluateAllAsync<string[]>(
            "cs => cs.map(c => c.getAttribute('cx') + ',' + c.getAttribute('cy') + ',' + c.nextElementSibling.textContent)");
        Assert.Equal(
            ["134,38,around $3.7bn", "204,80,3 billion US dollars", "274,80,over $3 billion", "414,146,$1.9bn", "554,152,$1.8 billion"],
            points);
        Assert.Equal(2, await svg.Locator("path.chart-bound").CountAsync());
        Assert.Equal(1, await svg.Locator("rect.conflict-band").CountAsync());
        Assert.Equal(2, await svg.Locator("circle.chart-point.conflict").CountAsync());
        Assert.Equal(1, await svg.Locator("circle.chart-point.undated").CountAsync());
        var band = await svg.Locator("rect.conflict-band").EvaluateAsync<string>("r => [r.getAttribute('x'), r.getAttribute('width')].join(',')");
        Assert.Equal("344,280", band);

        // The points are drawn on screen where the coordinates say (the SVG is not scaled away or hidden).
        var box = await svg.Locator("circle.chart-point").First.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.InRange(box!.Width, 8, 16);

        // The table stays beside the chart.
        Assert.True(await reply.Locator("table.figures-table tbody tr").CountAsync() >= 5);

        // Every point links to its verbatim sentence: the undated $1.8 billion opens 004 with its sentence marked.
        await svg.Locator("a.chart-link").Nth(4).ClickAsync();
        var mark = page.Locator("#article-text mark.quoted");
        await Assertions.Expect(mark).ToHaveTextAsync("In the first half of this year, bilateral trade between the countries rose 30% to reach $1.8 billion.");
        await Assertions.Expect(page.Locator("#article-meta")).ToContainTextAsync("004_cd3a20b2551dd919");
        await Screenshot(page, "chart-figures-trade.png");
        await chart.ScreenshotAsync(new LocatorScreenshotOptions { Path = ScreenshotPath("chart-trade-only.png") });

        Assert.Empty(external);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_digest_of_the_day_with_trade_figures_shows_the_trade_chart()
    {
        await using var host = await TestHost.StartAsync();
        await using var browser = await HeadlessChromium.LaunchAsync();
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        var (external, errors) = Watch(page, host.BaseAddress);
        await page.GotoAsync(host.BaseAddress.ToString());
        await SendAsync(page, "digest 2023-09-14");

        var digest = page.Locator(".message.bot").Last.Locator("section.digest");
        var chart = digest.Locator("figure.chart");
        await Assertions.Expect(chart).ToHaveCountAsync(1);
        Assert.Equal(5, await chart.Locator("circle.chart-point").CountAsync());
        Assert.Equal("Trade (level), Kazakhstan + United States: by period and source", await chart.Locator("svg title").First.TextContentAsync());
        await Assertions.Expect(digest.Locator(".digest-item")).ToHaveCountAsync(1);
        await Screenshot(page, "chart-digest.png");
        Assert.Empty(external);
        Assert.Empty(errors);
    }

    private static (List<string> External, List<string> Errors) Watch(IPage page, Uri host)
    {
        var external = new List<string>();
        var errors = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(host.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                external.Add(request.Url);
            }
        };

        // A Content-Security-Policy violation is reported as a console error.
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        return (external, errors);
    }
}
