using System.Globalization;
using System.Text;

namespace KazBriefBot.Host.Slack;

/// <summary>
/// Escaping for Slack mrkdwn: corpus and user text can never form a mention, a channel ping or a link. Every cut falls
/// between grapheme clusters (an emoji, a flag or a letter with its accents stays whole) and outside an entity (&amp;amp;).
/// </summary>
public static class SlackMrkdwn
{
    /// <summary>Replaces the three control characters Slack parses (&amp;, &lt;, &gt;) with their entities.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    /// <summary>
    /// Splits raw text into escaped pieces of at most <paramref name="limit"/> characters each, cutting at paragraph, line or
    /// word breaks when possible and never inside a grapheme cluster. With a <paramref name="linePrefix"/> (a quote's "&gt; ")
    /// every line of every piece starts with it, and the prefixes count towards the limit.
    /// </summary>
    public static IReadOnlyList<string> SplitEscaped(string text, int limit, string linePrefix = "")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 16 + (linePrefix.Length * 2));
        var pieces = new List<string>();
        var rest = text;
        while (rest.Length > 0)
        {
            var fit = 0;
            var length = linePrefix.Length;
            while (fit < rest.Length)
            {
                var element = StringInfo.GetNextTextElementLength(rest, fit);
                var cost = 0;
                for (var i = fit; i < fit + element; i++)
                {
                    cost += rest[i] switch { '&' => 5, '<' or '>' => 4, '\n' => 1 + linePrefix.Length, _ => 1 };
                }

                if (length + cost > limit)
                {
                    break;
                }

                length += cost;
                fit += element;
            }

            if (fit == 0)
            {
                // One grapheme longer than the limit (absurd combining sequences): take it by its first scalar value.
                fit = char.IsHighSurrogate(rest[0]) && rest.Length > 1 ? 2 : 1;
            }
            else if (fit < rest.Length)
            {
                // Prefer a paragraph, then a line, then a word boundary in the second half; else the grapheme boundary.
                var cut = rest.LastIndexOf("\n\n", fit - 1, fit, StringComparison.Ordinal);
                if (cut < fit / 2)
                {
                    cut = rest.LastIndexOf('\n', fit - 1, fit);
                }

                if (cut < fit / 2)
                {
                    cut = rest.LastIndexOf(' ', fit - 1, fit);
                }

                fit = cut >= fit / 2 && cut > 0 ? cut : fit;
            }

            var piece = rest[..fit].Trim();
            if (piece.Length > 0)
            {
                var escaped = Escape(piece);
                pieces.Add(linePrefix.Length == 0 ? escaped : linePrefix + escaped.Replace("\n", "\n" + linePrefix, StringComparison.Ordinal));
            }

            rest = rest[fit..];
        }

        return pieces;
    }

    /// <summary>Cuts our own plain text to a length limit with an ellipsis, between grapheme clusters.</summary>
    public static string Truncate(string text, int limit)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= limit)
        {
            return text;
        }

        return text[..GraphemeBoundaryAtOrBefore(text, limit - 1)].TrimEnd() + "…";
    }

    /// <summary>Cuts already escaped mrkdwn to a length limit with an ellipsis, never inside an entity or a grapheme cluster.</summary>
    public static string TruncateEscaped(string escaped, int limit)
    {
        ArgumentNullException.ThrowIfNull(escaped);
        if (escaped.Length <= limit)
        {
            return escaped;
        }

        var cut = GraphemeBoundaryAtOrBefore(escaped, limit - 1);
        var amp = escaped.LastIndexOf('&', Math.Max(0, cut - 1));
        if (amp >= 0 && amp > cut - 5 && escaped.IndexOf(';', amp) is var semi && (semi < 0 || semi >= cut))
        {
            cut = amp; // The cut would split "&amp;", "&lt;" or "&gt;".
        }

        return escaped[..cut].TrimEnd() + "…";
    }

    /// <summary>The largest grapheme boundary at or before <paramref name="index"/>.</summary>
    internal static int GraphemeBoundaryAtOrBefore(string text, int index)
    {
        var boundary = 0;
        while (boundary < text.Length)
        {
            var next = boundary + StringInfo.GetNextTextElementLength(text, boundary);
            if (next > index)
            {
                break;
            }

            boundary = next;
        }

        return boundary;
    }
}
