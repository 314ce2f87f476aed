using System.Text;
using System.Text.RegularExpressions;

namespace KazBriefBot.Host.Teams;

/// <summary>Makes untrusted text (corpus text, user input) safe to place in an Adaptive Card TextRun (which renders no markdown): no mentions, no date templates.</summary>
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
