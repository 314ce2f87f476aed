using System.Net;
using System.Text.RegularExpressions;
using KazBriefBot.Host.Tests.Infrastructure;

namespace KazBriefBot.Host.Tests.Web;

/// <summary>The chat page's assets as served by the real host: self-contained (works offline) and locked down by CSP.</summary>
public sealed partial class ChatPageTests
{
    [Fact]
    public async Task The_page_and_its_assets_are_served_without_external_references()
    {
        await using var host = await TestHost.StartAsync();

        using var page = await host.Client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);

        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<script src=\"/app.js\"></script>", html, StringComparison.Ordinal);
        foreach (var asset in new[] { "/app.js", "/app.css" })
        {
            using var response = await host.Client.GetAsync(new Uri(asset, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            // The SVG namespace name is an identifier for createElementNS, never fetched; nothing else may look like a URL.
            var text = (await response.Content.ReadAsStringAsync()).Replace("\"http://www.w3.org/2000/svg\"", "\"\"", StringComparison.Ordinal);
            Assert.DoesNotMatch(ExternalUrl(), text);
            Assert.DoesNotContain("@import", text, StringComparison.Ordinal);
        }

        Assert.DoesNotMatch(ExternalUrl(), html);
    }

    [Fact]
    public async Task The_script_never_parses_text_as_html()
    {
        await using var host = await TestHost.StartAsync();
        var script = await host.Client.GetStringAsync(new Uri("/app.js", UriKind.Relative));

        Assert.Contains("textContent", script, StringComparison.Ordinal);
        Assert.DoesNotContain("innerHTML", script, StringComparison.Ordinal);
        Assert.DoesNotContain("outerHTML", script, StringComparison.Ordinal);
        Assert.DoesNotContain("insertAdjacentHTML", script, StringComparison.Ordinal);
        Assert.DoesNotContain("document.write", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unchanged_assets_answer_304_to_their_etag()
    {
        await using var host = await TestHost.StartAsync();
        using var first = await host.Client.GetAsync(new Uri("/app.css", UriKind.Relative));
        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri("/app.css", UriKind.Relative));
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var second = await host.Client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [GeneratedRegex(@"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalUrl();
}
