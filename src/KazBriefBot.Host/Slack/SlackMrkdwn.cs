using System.Text;

namespace KazBriefBot.Host.Slack;

/// <summary>Escaping for Slack mrkdwn: corpus and user text can never form a mention, a channel ping or a link.</summary>
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

    /// <summary>Splits raw text into pieces whose escaped form is at most <paramref name="limit"/> characters, cutting at line breaks or spaces when possible.</summary>
    public static IReadOnlyList<string> SplitEscaped(string text, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 8);
        var pieces = new List<string>();
        var rest = text;
        while (rest.Length > 0)
        {
            var fit = 0;
            var escapedLength = 0;
            while (fit < rest.Length)
            {
                var add = rest[fit] switch { '&' => 5, '<' or '>' => 4, _ => 1 };
                if (escapedLength + add > limit)
                {
                    break;
                }

                escapedLength += add;
                fit++;
            }

            if (fit < rest.Length)
            {
                // Never cut a surrogate pair; prefer a paragraph, then a line, then a word boundary in the second half.
                var cut = rest.LastIndexOf("\n\n", fit - 1, fit, StringComparison.Ordinal);
                if (cut < fit / 2)
                {
                    cut = rest.LastIndexOf('\n', fit - 1, fit);
                }

                if (cut < fit / 2)
                {
                    cut = rest.LastIndexOf(' ', fit - 1, fit);
                }

                if (cut < fit / 2)
                {
                    cut = char.IsHighSurrogate(rest[fit - 1]) ? fit - 1 : fit;
                }

                fit = Math.Max(1, cut);
            }

            var piece = rest[..fit].Trim();
            if (piece.Length > 0)
            {
                pieces.Add(Escape(piece));
            }

            rest = rest[fit..];
        }

        return pieces;
    }

    /// <summary>Cuts our own plain text to a length limit with an ellipsis.</summary>
    public static string Truncate(string text, int limit)
    {
        if (text.Length <= limit)
        {
            return text;
        }

        // Never leave half of a surrogate pair (an emoji) before the ellipsis.
        var cut = char.IsHighSurrogate(text[limit - 2]) ? limit - 2 : limit - 1;
        return text[..cut].TrimEnd() + "…";
    }
}
