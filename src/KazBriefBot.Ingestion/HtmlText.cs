using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace KazBriefBot.Ingestion;

/// <summary>Turns an HTML fragment (an extracted article, a feed item's content) into plain-text paragraphs.</summary>
public static partial class HtmlText
{
    // Elements that start and end a paragraph of their own.
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6",
        "li", "ul", "ol", "dl", "dt", "dd", "figure", "figcaption", "table", "tr", "caption", "hr", "address", "details", "summary",
    };

    // Never text: code, media and form controls.
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "video", "audio", "canvas", "img",
        "picture", "source", "button", "input", "select", "textarea", "form", "head", "title", "meta", "link",
    };

    /// <summary>The fragment's paragraphs: whitespace collapsed, empty ones dropped, in document order.</summary>
    public static IReadOnlyList<string> Paragraphs(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var parser = new HtmlParser();
        var document = parser.ParseDocument("<!DOCTYPE html><html><body></body></html>");
        var body = document.Body!;
        var nodes = parser.ParseFragment(html, body);
        var paragraphs = new List<string>();
        var current = new StringBuilder();
        foreach (var node in nodes)
        {
            Walk(node, current, paragraphs);
        }

        Flush(current, paragraphs);
        return paragraphs;
    }

    private static void Walk(INode node, StringBuilder current, List<string> paragraphs)
    {
        switch (node)
        {
            case IText text:
                current.Append(text.Data);
                return;
            case IElement element:
                var name = element.LocalName;
                if (Skipped.Contains(name) || element.HasAttribute("hidden"))
                {
                    return;
                }

                if (name is "br")
                {
                    current.Append(' ');
                    return;
                }

                var block = Blocks.Contains(name);
                if (block)
                {
                    Flush(current, paragraphs);
                }
                else if (name is "td" or "th")
                {
                    current.Append(' ');
                }

                foreach (var child in element.ChildNodes)
                {
                    Walk(child, current, paragraphs);
                }

                if (block)
                {
                    Flush(current, paragraphs);
                }

                return;
        }
    }

    private static void Flush(StringBuilder current, List<string> paragraphs)
    {
        var text = Normalize(current.ToString());
        current.Clear();
        if (text.Length > 0)
        {
            paragraphs.Add(text);
        }
    }

    /// <summary>Collapses whitespace (non-breaking and zero-width spaces included) and trims.</summary>
    public static string Normalize(string text) =>
        Whitespace().Replace(text.Replace('\u00A0', ' ').Replace("\u200B", "", StringComparison.Ordinal).Replace("\uFEFF", "", StringComparison.Ordinal), " ").Trim();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
