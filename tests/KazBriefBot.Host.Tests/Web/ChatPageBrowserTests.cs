using KazBriefBot.Host.Tests.Infrastructure;
using Microsoft.Playwright;
using static KazBriefBot.Host.Tests.Web.ChatPageDriver;

namespace KazBriefBot.Host.Tests.Web;

/// <summary>The chat page in a real headless Chromium (Debian's package) against the real host on 127.0.0.1.</summary>
public sealed class ChatPageBrowserTests
{
    private static readonly float Timeout = 15_000;

    [Fact]
    public async Task Asking_shows_quote_cards_and_figures_show_a_table()
    {
        await using var host = await TestHost.StartAsync();
        await using var browser = await HeadlessChromium.LaunchAsync();
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout(Timeout);
        var externalRequests = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(host.BaseAddress.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                externalRequests.Add(request.Url);
            }
        };
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };

        await page.GotoAsync(host.BaseAddress.ToString());
        await page.GetByLabel("Message").FillAsync("What did Blinken announce?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();

        var card = page.Locator(".quote-card[data-article^='001_']").First;
        await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = Timeout });
        var quote = await card.Locator("blockquote").TextContentAsync();
        var article = await File.ReadAllTextAsync(Path.Combine(Paths.Seeds, "001_43cb461444ca7a2a.txt"));
        Assert.False(string.IsNullOrWhiteSpace(quote));
        Assert.Contains(quote!, article, StringComparison.Ordinal);
        await Assertions.Expect(card.Locator("a.article-link")).ToBeVisibleAsync();
        await Screenshot(page, "ask-blinken.png");

        // The article link opens the text with the quoted span highlighted.
        await card.Locator("a.article-link").ClickAsync();
        var mark = page.Locator("#article-text mark.quoted");
        await Assertions.Expect(mark).ToBeVisibleAsync();
        Assert.Equal(quote, await mark.TextContentAsync());
        await Screenshot(page, "article-highlight.png");

        await page.GetByLabel("Message").FillAsync("figures trade");
        await page.GetByLabel("Message").PressAsync("Enter");
        var rows = page.Locator(".message.bot").Last.Locator("table.figures-table tbody tr");
        await Assertions.Expect(rows.First).ToBeVisibleAsync(new() { Timeout = Timeout });
        Assert.True(await rows.CountAsync() > 0);
        var firstFigure = await rows.First.Locator(".figure-text strong").TextContentAsync();
        var seeds = string.Concat(Directory.GetFiles(Paths.Seeds).Select(File.ReadAllText));
        Assert.Contains(firstFigure!, seeds, StringComparison.Ordinal);
        await Screenshot(page, "figures-trade.png");

        Assert.Empty(externalRequests);
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task Commands_typed_in_the_box_render_digest_sources_and_help()
    {
        await using var host = await TestHost.StartAsync();
        await using var browser = await HeadlessChromium.LaunchAsync();
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        await page.GotoAsync(host.BaseAddress.ToString());

        await SendAsync(page, "sources");
        await Assertions.Expect(page.Locator(".message.bot").Last.Locator("table.sources-table tbody tr")).ToHaveCountAsync(5);

        await SendAsync(page, "digest");
        var digest = page.Locator(".message.bot").Last;
        // The latest day with articles: one section per article, each with its verbatim key sentences and source.
        await Assertions.Expect(digest.Locator("section.digest .digest-item").First).ToBeVisibleAsync();
        await Assertions.Expect(digest.Locator("section.digest .digest-item").First.Locator(".highlights blockquote").First).ToBeVisibleAsync();
        await Assertions.Expect(digest.Locator("section.digest .digest-item").First.Locator("footer.source a.article-link")).ToBeVisibleAsync();

        await SendAsync(page, "help");
        await Assertions.Expect(page.Locator(".message.bot").Last).ToContainTextAsync("figures [TOPIC]");

        // Corpus and user text is shown as text, never parsed as HTML.
        await SendAsync(page, "<img src=x onerror=alert(1)>");
        await Assertions.Expect(page.Locator(".message.user").Last).ToHaveTextAsync("<img src=x onerror=alert(1)>");
        Assert.Equal(0, await page.Locator(".conversation img").CountAsync());
        await Screenshot(page, "commands.png");
    }

    [Fact]
    public async Task Conflicting_figures_are_highlighted_in_the_table()
    {
        // The seeds plus an article that disagrees with them about 2022 trade turnover.
        var corpus = Path.Combine(Paths.NewTempFolder(), "corpus");
        Directory.CreateDirectory(corpus);
        foreach (var file in Directory.GetFiles(Paths.Seeds))
        {
            File.Copy(file, Path.Combine(corpus, Path.GetFileName(file)));
        }

        await File.WriteAllTextAsync(
            Path.Combine(corpus, "005_conflict.txt"),
            "Trade between Kazakhstan and the US\n\nASTANA, 2 October 2023. The bilateral trade turnover between Kazakhstan and the US reached $2.1 billion in 2022, the ministry said.\n");
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?> { ["Corpus:Path"] = corpus });
        using var report = System.Text.Json.JsonDocument.Parse(await host.Client.GetStringAsync(new Uri("/api/figures?topic=trade", UriKind.Relative)));
        var conflicting = report.RootElement.GetProperty("groups").EnumerateArray()
            .Where(g => g.GetProperty("status").GetString() is "conflict" or "possible-conflict")
            .SelectMany(g => g.GetProperty("figures").EnumerateArray().Select(i => i.GetInt32()))
            .Distinct()
            .Count();
        Assert.True(conflicting > 0, "precondition: the engine reports the 2022 turnover figures as a conflict");

        await using var browser = await HeadlessChromium.LaunchAsync();
        var page = await browser.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        await page.GotoAsync(host.BaseAddress.ToString());
        await SendAsync(page, "figures trade");

        var table = page.Locator(".message.bot").Last.Locator("table.figures-table");
        await Assertions.Expect(table.Locator("tbody tr.conflict")).ToHaveCountAsync(conflicting);
        await Assertions.Expect(page.Locator(".message.bot").Last.Locator(".conflict-note").Filter(new() { HasTextString = "Sources disagree" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".message.bot").Last.Locator("ul.figures-summary li").First).ToContainTextAsync("trade (level)");
        var background = await table.Locator("tbody tr.conflict td").First.EvaluateAsync<string>("cell => getComputedStyle(cell).backgroundColor");
        var plain = await table.Locator("tbody tr:not(.conflict) td").First.EvaluateAsync<string>("cell => getComputedStyle(cell).backgroundColor");
        Assert.NotEqual(plain, background);
        await Screenshot(page, "figures-conflict.png");
    }
}
