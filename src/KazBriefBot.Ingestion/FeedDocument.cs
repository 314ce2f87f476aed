using System.Text.RegularExpressions;
using System.Xml;
using CodeHollow.FeedReader;
using CodeHollow.FeedReader.Parser;

namespace KazBriefBot.Ingestion;

/// <summary>A feed that cannot be read, and why.</summary>
public sealed class FeedFormatException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>One item of a feed: its link and whatever text and metadata the feed carries.</summary>
/// <param name="Html">The item's content, else its description (HTML or plain text as the feed gives it).</param>
public sealed record FeedEntry(string? Title, Uri? Link, DateTimeOffset? Published, string? Author, string? Html);

/// <summary>A parsed feed: its kind (RSS 0.91 ... Atom, JSON Feed), title and items in the feed's order.</summary>
public sealed record ParsedFeed(FeedType Kind, string? Title, IReadOnlyList<FeedEntry> Entries);

/// <summary>Reads RSS 0.91/0.92/1.0/2.0, Atom and JSON Feed through CodeHollow.FeedReader, from the raw bytes so that the
/// encoding the XML declares (ISO-8859-1, say) is honoured.</summary>
public static partial class FeedDocument
{
    /// <exception cref="FeedFormatException">The bytes are not a feed of a known kind.</exception>
    public static ParsedFeed Parse(byte[] body, Uri feedUri)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(feedUri);
        if (body.Length == 0)
        {
            throw new FeedFormatException("the feed is empty");
        }

        Feed feed;
        try
        {
            feed = FeedReader.ReadFromByteArray(body);
        }
        catch (Exception ex) when (ex is XmlException or FeedTypeNotSupportedException or FormatException or ArgumentException
            or InvalidOperationException or NullReferenceException or System.Text.Json.JsonException)
        {
            throw new FeedFormatException($"not a readable RSS, Atom or JSON feed: {FirstLine(ex.Message)}", ex);
        }

        if (feed.Type == FeedType.Unknown)
        {
            throw new FeedFormatException("not an RSS, Atom or JSON feed (unknown root element)");
        }

        var entries = feed.Items.Select(item => new FeedEntry(
            Clean(item.Title),
            LinkOf(item.Link, feedUri),
            item.PublishingDate is { } date ? AsOffset(date) : null,
            Clean(item.Author),
            string.IsNullOrWhiteSpace(item.Content) ? item.Description : item.Content)).ToList();
        return new ParsedFeed(feed.Type, Clean(feed.Title), entries);
    }

    // FeedReader gives dates parsed into DateTime: a UTC kind stays UTC, anything else is taken as it stands.
    private static DateTimeOffset AsOffset(DateTime date) =>
        date.Kind == DateTimeKind.Utc ? new DateTimeOffset(date, TimeSpan.Zero) : new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Unspecified), TimeSpan.Zero);

    private static Uri? LinkOf(string? link, Uri feedUri)
    {
        if (string.IsNullOrWhiteSpace(link) || !Uri.TryCreate(feedUri, link.Trim(), out var uri))
        {
            return null;
        }

        return uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps ? uri : null;
    }

    private static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var decoded = System.Net.WebUtility.HtmlDecode(Tags().Replace(text, " "));
        return Whitespace().Replace(decoded, " ").Trim() is { Length: > 0 } clean ? clean : null;
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
