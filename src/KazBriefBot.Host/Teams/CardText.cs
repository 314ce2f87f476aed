using System.Text;
using System.Text.RegularExpressions;

namespace KazBriefBot.Host.Teams;

/// <summary>Makes untrusted text (corpus text, user input) safe to place in an Adaptive Card: no markdown, no mentions, no date templates.</summary>
public static partial class CardText
{
    // A zero-width space breaks a token without changing what the reader sees.
    private const char Breaker = '\u200B';

    /// <summary>For TextRun (which renders no markdown): neutralizes &lt;at&gt; mention tags and {{DATE()}} templates, drops control characters.</summary>
    public static string Plain(string text)
    {
        var cleaned = StripControl(text);
        cleaned = MentionTag().Replace(cleaned, m => "<" + Breaker + m.Value[1..]);
        return cleaned.Replace("{{", "{" + Breaker + "{", StringComparison.Ordinal);
    }

    /// <summary>For TextBlock (which renders a markdown subset): everything <see cref="Plain"/> does plus backslash-escaping markdown syntax.</summary>
    public static string Markdown(string text)
    {
        var plain = Plain(text);
        var sb = new StringBuilder(plain.Length + 16);
        var lineStart = true;
        for (var i = 0; i < plain.Length; i++)
        {
            var c = plain[i];
            if (lineStart)
            {
                // List markers are only syntax at the start of a line: "- x", "+ x", "1. x".
                var digits = 0;
                while (i + digits < plain.Length && char.IsAsciiDigit(plain[i + digits]))
                {
                    digits++;
                }

                if (digits > 0 && i + digits < plain.Length && plain[i + digits] is '.' or ')')
                {
                    sb.Append(plain, i, digits).Append('\\').Append(plain[i + digits]);
                    i += digits;
                    lineStart = false;
                    continue;
                }

                if (c is '-' or '+')
                {
                    sb.Append('\\').Append(c);
                    lineStart = false;
                    continue;
                }
            }

            if (c is '\\' or '*' or '_' or '[' or ']' or '(' or ')' or '`' or '~' or '#' or '>' or '<' or '|' or '!')
            {
                sb.Append('\\');
            }

            sb.Append(c);
            lineStart = c == '\n' || (lineStart && c is ' ' or '\t');
        }

        return sb.ToString();
    }

    private static string StripControl(string text)
    {
        if (!text.Any(c => char.IsControl(c) && c is not ('\n' or '\t')))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c == '\r')
            {
                continue;
            }

            sb.Append(char.IsControl(c) && c is not ('\n' or '\t') ? ' ' : c);
        }

        return sb.ToString();
    }

    [GeneratedRegex("</?at[\\s>/]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MentionTag();
}
