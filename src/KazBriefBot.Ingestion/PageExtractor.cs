using System.Text;
using System.Text.RegularExpressions;
using SmartReader;

namespace KazBriefBot.Ingestion;

/// <summary>An article's main text and metadata, extracted from its page.</summary>
public sealed record ExtractedPage(string Title, string? Byline, DateTimeOffset? Published, string? SiteName, Uri? CanonicalUrl, IReadOnlyList<string> Paragraphs);

/// <summary>Extracts the main text of a news page with SmartReader (a port of Mozilla's Readability).</summary>
public static partial class PageExtractor
{
    /// <summary>Fewer characters of article text than this and the page is not taken as an article (a hub or error page).</summary>
    public const int MinArticleCharacters = 250;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The page's article, or null with the reason it is not one.</summary>
    public static ExtractedPage? Extract(string html, Uri pageUri, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(pageUri);
        Article article;
        try
        {
            using var reader = new Reader(pageUri.AbsoluteUri, html);
            article = reader.GetArticle();
        }
#pragma warning disable CA1031 // A page that breaks the extractor is one bad page: reported, never fatal for the feed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            reason = $"the page could not be parsed as HTML: {ex.Message}";
            return null;
        }

        if (string.IsNullOrWhiteSpace(article.Content))
        {
            reason = "the page is not an article (no main text found)";
            return null;
        }

        var paragraphs = HtmlText.Paragraphs(article.Content).ToList();
        var title = HtmlText.Normalize(article.Title ?? "");
        // The extracted content often starts with the headline again: it is the title, not a paragraph.
        if (paragraphs.Count > 0 && string.Equals(paragraphs[0], title, StringComparison.OrdinalIgnoreCase))
        {
            paragraphs.RemoveAt(0);
        }

        var characters = paragraphs.Sum(p => p.Length);
        if (characters < MinArticleCharacters)
        {
            reason = $"the page is not an article (only {characters} characters of main text)";
            return null;
        }

        if (title.Length == 0)
        {
            reason = "the page has no title";
            return null;
        }

        reason = null;
        return new ExtractedPage(
            title,
            Byline(article.Byline) ?? Byline(article.Author),
            article.PublicationDate is { } date ? new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Unspecified), TimeSpan.Zero) : PublishedOf(html),
            NullIfEmpty(article.SiteName),
            CanonicalOf(html, pageUri),
            paragraphs);
    }

    /// <summary>"By Jane Doe" is recorded as "Jane Doe".</summary>
    private static string? Byline(string? text) => NullIfEmpty(text) is { } byline ? NullIfEmpty(ByPrefix().Replace(byline, "")) : null;

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : HtmlText.Normalize(text);

    /// <summary>The page's &lt;link rel="canonical"&gt; (or og:url), when it is an http(s) address.</summary>
    internal static Uri? CanonicalOf(string html, Uri pageUri)
    {
        var head = html.Length > 200_000 ? html[..200_000] : html;
        foreach (Match tag in LinkOrMetaTag().Matches(head))
        {
            var attributes = AttributesOf(tag.Value);
            var isCanonical = attributes.TryGetValue("rel", out var rel) && rel.Split(' ').Contains("canonical", StringComparer.OrdinalIgnoreCase);
            var isOgUrl = attributes.TryGetValue("property", out var property) && property.Equals("og:url", StringComparison.OrdinalIgnoreCase);
            var value = isCanonical ? attributes.GetValueOrDefault("href") : isOgUrl ? attributes.GetValueOrDefault("content") : null;
            if (value is not null && Uri.TryCreate(pageUri, System.Net.WebUtility.HtmlDecode(value.Trim()), out var uri)
                && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && SameSite(uri.Host, pageUri.Host))
            {
                return uri;
            }
        }

        return null;
    }

    /// <summary>The page's own publication time when the extractor found none: JSON-LD datePublished, else an
    /// article:published_time, datePublished or date meta tag.</summary>
    internal static DateTimeOffset? PublishedOf(string html)
    {
        var candidates = JsonLdPublished().Matches(html).Select(m => m.Groups["date"].Value)
            .Concat(LinkOrMetaTag().Matches(html).Select(m => AttributesOf(m.Value))
                .Where(a => (a.GetValueOrDefault("property") ?? a.GetValueOrDefault("name") ?? a.GetValueOrDefault("itemprop"))?.ToLowerInvariant()
                    is "article:published_time" or "og:published_time" or "datepublished" or "date" or "dc.date.issued" or "pubdate")
                .Select(a => a.GetValueOrDefault("content") ?? ""));
        foreach (var candidate in candidates)
        {
            if (DateTimeOffset.TryParse(candidate.Trim(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var published))
            {
                return published;
            }
        }

        return null;
    }

    /// <summary>A page may name its canonical address only on its own site (the host, a parent or a subdomain of it): else a
    /// page elsewhere could claim another outlet's article and overwrite it in the corpus.</summary>
    internal static bool SameSite(string canonicalHost, string pageHost)
    {
        static string Bare(string host) => host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;
        var a = Bare(canonicalHost).ToLowerInvariant();
        var b = Bare(pageHost).ToLowerInvariant();
        return a == b || a.EndsWith("." + b, StringComparison.Ordinal) || b.EndsWith("." + a, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> AttributesOf(string tag)
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in Attribute().Matches(tag))
        {
            attributes.TryAdd(m.Groups["name"].Value, m.Groups["dq"].Success ? m.Groups["dq"].Value : m.Groups["sq"].Success ? m.Groups["sq"].Value : m.Groups["bare"].Value);
        }

        return attributes;
    }

    /// <summary>Decodes a page's bytes: a BOM, else the HTTP charset, else a &lt;meta charset&gt; in the first 16 KiB, else UTF-8
    /// when valid, else windows-1252.</summary>
    public static string Decode(byte[] body, string? httpCharset)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
        {
            return Encoding.UTF8.GetString(body, 3, body.Length - 3);
        }

        var encoding = EncodingOf(httpCharset);
        if (encoding is null)
        {
            var head = Encoding.ASCII.GetString(body, 0, Math.Min(body.Length, 16 * 1024));
            encoding = MetaCharset().Match(head) is { Success: true } m ? EncodingOf(m.Groups["charset"].Value) : null;
        }

        if (encoding is not null)
        {
            return encoding.GetString(body);
        }

        // Undeclared: UTF-8 when the bytes are valid UTF-8, else the web's usual legacy default, windows-1252.
        try
        {
            return StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return EncodingOf("windows-1252")!.GetString(body);
        }
    }

    internal static Encoding? EncodingOf(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        RegisterCodePages();
        try
        {
            return Encoding.GetEncoding(name.Trim().Trim('"', '\''));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static int _codePagesRegistered;

    /// <summary>windows-1251, windows-1252 and other legacy encodings live in the code-pages provider.</summary>
    internal static void RegisterCodePages()
    {
        if (Interlocked.Exchange(ref _codePagesRegistered, 1) == 0)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        }
    }

    [GeneratedRegex(@"""datePublished""\s*:\s*""(?<date>[^""]{8,40})""", RegexOptions.CultureInvariant)]
    private static partial Regex JsonLdPublished();

    [GeneratedRegex(@"^by\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ByPrefix();

    [GeneratedRegex(@"<(?:link|meta)\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkOrMetaTag();

    [GeneratedRegex(@"(?<name>[a-zA-Z:_-]+)\s*=\s*(?:""(?<dq>[^""]*)""|'(?<sq>[^']*)'|(?<bare>[^\s>]+))", RegexOptions.CultureInvariant)]
    private static partial Regex Attribute();

    [GeneratedRegex(@"<meta[^>]+charset\s*=\s*[""']?(?<charset>[A-Za-z0-9_\-:.]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharset();
}
