using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace KazBriefBot.Ingestion;

/// <summary>An article ready to be written into the corpus.</summary>
/// <param name="Url">The canonical address: the file name and the duplicate check come from it.</param>
/// <param name="FetchedFrom">The address the text was fetched from, when it differs from <paramref name="Url"/> (a feed link that redirects, say).</param>
/// <param name="FallbackReason">Null when the text is the page's; else why the feed item's own text was used instead.</param>
public sealed record ArticleDraft(
    string Title,
    DateOnly? Date,
    string? Publisher,
    string? Author,
    Uri Url,
    Uri? FetchedFrom,
    IReadOnlyList<string> Paragraphs,
    string? FallbackReason);

/// <summary>Writes an article as the corpus loader reads it: a "key: value" header block (title, date, publisher, author,
/// url, and how the text was obtained), a blank line, then the paragraphs separated by blank lines.</summary>
public static partial class ArticleDocument
{
    /// <summary>Header key saying where the text came from; the loader ignores keys it does not know.</summary>
    public const string TextSourceKey = "text-source";

    /// <summary>Header key with the address the article was fetched from, when not its canonical url.</summary>
    public const string FetchedFromKey = "fetched-from";

    public static string Render(ArticleDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var text = new StringBuilder();
        Field(text, "title", draft.Title);
        Field(text, "date", draft.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Field(text, "publisher", draft.Publisher);
        Field(text, "author", draft.Author);
        Field(text, "url", draft.Url.AbsoluteUri);
        if (draft.FetchedFrom is { } from && from.AbsoluteUri != draft.Url.AbsoluteUri)
        {
            Field(text, FetchedFromKey, from.AbsoluteUri);
        }

        Field(text, TextSourceKey, draft.FallbackReason is null ? "article page" : "feed item summary, because " + draft.FallbackReason);
        foreach (var paragraph in draft.Paragraphs)
        {
            text.Append('\n').Append(paragraph).Append('\n');
        }

        return text.ToString();
    }

    private static void Field(StringBuilder text, string key, string? value)
    {
        var clean = value is null ? "" : HtmlText.Normalize(value);
        if (clean.Length > 0)
        {
            text.Append(key).Append(": ").Append(clean).Append('\n');
        }
    }

    /// <summary>A hash of the article's words (case and punctuation ignored), equal for syndicated copies of one text.</summary>
    public static string ContentHash(IEnumerable<string> paragraphs)
    {
        ArgumentNullException.ThrowIfNull(paragraphs);
        var words = string.Join(' ', paragraphs.SelectMany(p => Word().Matches(p.ToLowerInvariant()).Select(m => m.Value)));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(words)))[..32];
    }

    /// <summary>A stable file name for a canonical address: a readable slug (host and last path segment) and a hash of the address.</summary>
    public static string FileNameFor(Uri canonical)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        var host = canonical.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? canonical.Host[4..] : canonical.Host;
        var segment = canonical.Segments.Select(s => Uri.UnescapeDataString(s.Trim('/'))).LastOrDefault(s => s.Length > 0) ?? "";
        segment = Path.GetFileNameWithoutExtension(segment);
        var slug = NotSlug().Replace((host + "-" + segment).ToLowerInvariant(), "-").Trim('-');
        if (slug.Length > 60)
        {
            slug = slug[..60].TrimEnd('-');
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.AbsoluteUri)))[..12].ToLowerInvariant();
        return $"{slug}-{hash}.txt";
    }

    /// <summary>The address an article is known by: scheme and host lower-cased, default port, fragment and tracking
    /// parameters (utm_*, fbclid, gclid ...) dropped.</summary>
    public static Uri Canonicalize(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var builder = new UriBuilder(uri) { Fragment = "", Scheme = uri.Scheme.ToLowerInvariant(), Host = uri.Host.ToLowerInvariant() };
        if (uri.IsDefaultPort)
        {
            builder.Port = -1;
        }

        var query = uri.Query.TrimStart('?');
        if (query.Length > 0)
        {
            var kept = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Where(p => !IsTracking(p.Split('=')[0])).ToList();
            builder.Query = string.Join('&', kept);
        }

        return builder.Uri;
    }

    private static bool IsTracking(string name)
    {
        var n = Uri.UnescapeDataString(name).ToLowerInvariant();
        return n.StartsWith("utm_", StringComparison.Ordinal) || n is "fbclid" or "gclid" or "dclid" or "msclkid" or "mc_cid" or "mc_eid" or "ocid" or "cmpid" or "ito" or "at_medium" or "at_campaign";
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    [GeneratedRegex(@"[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NotSlug();
}
