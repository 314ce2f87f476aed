using System.Text.RegularExpressions;

namespace KazBriefBot.Engine.Corpus;

/// <summary>The optional header block at the top of an article file: "key: value" lines or YAML front matter between "---" lines.</summary>
/// <remarks>A plain header is the run of "key: value" lines at the very top (at least one key recognised), ended by a blank
/// line, a "---" line or the first line that is not "key: value". Front matter starts with a "---" first line and ends at the
/// next "---" (or "...") line. Recognised keys (case and "_"/"-"/space insensitive): title/headline, date/published,
/// publisher/outlet/source/site/publication, author/byline/by, url/link, dateline. Other keys are ignored.</remarks>
public sealed partial record ArticleHeader(IReadOnlyDictionary<string, string> Fields, int LineCount)
{
    private static readonly Dictionary<string, string> KeyAliases = new(StringComparer.Ordinal)
    {
        ["title"] = "title",
        ["headline"] = "title",
        ["date"] = "date",
        ["published"] = "date",
        ["publishdate"] = "date",
        ["publisheddate"] = "date",
        ["publicationdate"] = "date",
        ["datepublished"] = "date",
        ["pubdate"] = "date",
        ["publisher"] = "publisher",
        ["outlet"] = "publisher",
        ["source"] = "publisher",
        ["site"] = "publisher",
        ["publication"] = "publisher",
        ["newspaper"] = "publisher",
        ["author"] = "author",
        ["authors"] = "author",
        ["byline"] = "author",
        ["by"] = "author",
        ["writer"] = "author",
        ["url"] = "url",
        ["link"] = "url",
        ["canonicalurl"] = "url",
        ["dateline"] = "dateline",
    };

    /// <summary>The canonical field (title, date, publisher, author, url, dateline) for a header key, or null when not recognised.</summary>
    public static string? CanonicalKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var normalized = string.Concat(key.Where(char.IsLetter)).ToLowerInvariant();
        return KeyAliases.GetValueOrDefault(normalized);
    }

    /// <summary>Reads the header block from the start of <paramref name="lines"/>; null when the file has none.</summary>
    /// <param name="lines">The file's lines without line terminators.</param>
    public static ArticleHeader? Read(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            return null;
        }

        return lines[0].Trim() == "---" ? ReadFrontMatter(lines) : ReadKeyValueBlock(lines);
    }

    private static ArticleHeader? ReadFrontMatter(IReadOnlyList<string> lines)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < lines.Count; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed is "---" or "...")
            {
                return new ArticleHeader(fields, i + 1);
            }

            var m = KeyValueLine().Match(lines[i]);
            if (m.Success && CanonicalKey(m.Groups["key"].Value) is { } key && !fields.ContainsKey(key))
            {
                var value = Unquote(m.Groups["value"].Value.Trim());
                if (value.Length > 0)
                {
                    fields[key] = value;
                }
            }
        }

        // No closing "---": not front matter (a Markdown rule line at the top, say).
        return null;
    }

    private static ArticleHeader? ReadKeyValueBlock(IReadOnlyList<string> lines)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var recognised = 0;
        var i = 0;
        for (; i < lines.Count; i++)
        {
            var m = KeyValueLine().Match(lines[i]);
            if (!m.Success || m.Groups["key"].Value.Contains(' ', StringComparison.Ordinal) && CanonicalKey(m.Groups["key"].Value) is null)
            {
                break;
            }

            if (CanonicalKey(m.Groups["key"].Value) is { } key)
            {
                recognised++;
                var value = Unquote(m.Groups["value"].Value.Trim());
                if (value.Length > 0 && !fields.ContainsKey(key))
                {
                    fields[key] = value;
                }
            }
        }

        if (recognised == 0)
        {
            return null;
        }

        // Two or more recognised lines are a header even when text follows at once. A single one ("Published: 14.09.2023 The
        // agenda ...", "Source: ...") could be article text: it counts only when it is followed by a blank or "---" line, its
        // value is short and a date value really is a date.
        if (recognised == 1)
        {
            var terminated = i < lines.Count && (string.IsNullOrWhiteSpace(lines[i]) || lines[i].Trim() == "---");
            var plausible = fields.All(f => f.Key == "date" ? ArticleDates.ParseWhole(f.Value) is not null : f.Value.Split(' ').Length <= 20);
            if (!terminated || !plausible)
            {
                return null;
            }
        }

        var consumed = i < lines.Count && lines[i].Trim() == "---" ? i + 1 : i;
        return new ArticleHeader(fields, consumed);
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\'')) ? value[1..^1].Trim() : value;

    [GeneratedRegex(@"^\s*(?<key>[A-Za-z][A-Za-z _-]{0,29}?)\s*:\s*(?<value>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyValueLine();
}
