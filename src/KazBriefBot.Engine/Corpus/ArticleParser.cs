using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using KazBriefBot.Engine.Text;

namespace KazBriefBot.Engine.Corpus;

/// <summary>How an article file is written.</summary>
public enum ArticleFormat
{
    /// <summary>Plain text (.txt): paragraphs separated by blank lines.</summary>
    PlainText,

    /// <summary>Markdown (.md, .markdown): headings, lists, quotes, rules and code are recognised.</summary>
    Markdown,
}

/// <summary>The metadata and quotable sentences read from an article's text, and notes about what could not be read.</summary>
public sealed record ParsedArticle(ArticleMetadata Metadata, IReadOnlyList<Sentence> Sentences)
{
    /// <summary>Problems worth logging (a header date that is not a date, say); the article still loads.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>Reads metadata (header block first, then general heuristics) and quotable sentences from an article's decoded text.</summary>
/// <remarks>Sentence offsets are exact indexes into the text given (CRLF and all): a sentence's Text is always text[Start..End).
/// Headline, byline, dateline and date prefixes, header block and site furniture are never part of a sentence.</remarks>
public static partial class ArticleParser
{
    // Publisher evidence, strongest first: a lower number wins.
    private const int FromHeader = 0;
    private const int FromSourceLine = 1;
    private const int FromOutletLine = 2;
    private const int FromSignUpOrCopyright = 3;
    private const int FromDatelineAgency = 4;
    private const int FromDatelineCredit = 5;
    private const int FromCorrespondent = 6;
    private const int FromSiteName = 7;

    private static readonly FrozenDictionary<string, string> KnownAgencies = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["KAZINFORM"] = "Kazinform", ["QAZINFORM"] = "Qazinform", ["KAZTAG"] = "KazTAG", ["REUTERS"] = "Reuters", ["AP"] = "AP",
        ["AFP"] = "AFP", ["TASS"] = "TASS", ["XINHUA"] = "Xinhua", ["INTERFAX"] = "Interfax", ["TREND"] = "Trend", ["AKIPRESS"] = "AKIpress",
        ["KABAR"] = "Kabar", ["AZERTAC"] = "AZERTAC", ["APA"] = "APA", ["UPI"] = "UPI", ["DPA"] = "dpa", ["EFE"] = "EFE",
        ["ANSA"] = "ANSA", ["BLOOMBERG"] = "Bloomberg", ["SPUTNIK"] = "Sputnik", ["ANADOLU"] = "Anadolu Agency",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> NotAnOutlet = FrozenSet.ToFrozenSet(
        ["A", "An", "Our", "Its", "His", "Her", "Their", "Special", "Senior", "Foreign", "Chief", "Staff", "Political", "Diplomatic",
            "Economic", "Local", "Own", "This", "That", "Former", "Correspondent", "Another", "Every", "Each", "Business", "War"],
        StringComparer.Ordinal);

    private enum LineKind
    {
        Unclassified,
        Blank,
        Header,
        Furniture,
        Heading,
        Candidate,
        Body,
    }

    /// <summary>The format implied by a file name (.md, .markdown, .mdown, .mkd are Markdown; anything else is plain text).</summary>
    public static ArticleFormat FormatOf(string path)
    {
        var extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
        return extension is ".md" or ".markdown" or ".mdown" or ".mkd" ? ArticleFormat.Markdown : ArticleFormat.PlainText;
    }

    /// <summary>Parses plain text.</summary>
    public static ParsedArticle Parse(string text) => Parse(text, ArticleFormat.PlainText);

    /// <summary>Parses an article's decoded text (without BOM); sentence offsets index into <paramref name="text"/>.</summary>
    public static ParsedArticle Parse(string text, ArticleFormat format)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = SplitLines(text);
        var draft = new MetadataDraft(format == ArticleFormat.Markdown);
        var warnings = new List<string>();
        var first = ApplyHeader(text, lines, draft, warnings);
        if (format == ArticleFormat.Markdown)
        {
            MarkMarkdown(text, lines, first);
        }
        else
        {
            MarkBullets(text, lines, first);
        }

        Classify(text, lines, first);
        var firstBody = lines.FindIndex(first, l => l.Kind == LineKind.Body);
        var topEnd = firstBody < 0 ? lines.Count : firstBody;
        ResolveTopBlock(text, lines, first, topEnd, draft);
        ResolveLaterLines(text, lines, topEnd);
        ReadFurnitureMetadata(lines, first, topEnd, draft);
        if (firstBody >= 0)
        {
            ReadOpening(text, lines[firstBody], draft);
        }

        var sentences = SplitBody(text, lines);
        ReadCredits(sentences, draft);
        return new ParsedArticle(draft.Build(), sentences) { Warnings = warnings };
    }

    /// <summary>The lines' texts, cut from the file only when read: the header reader looks at the first few lines, and
    /// copying every line of every file cost as much memory as the corpus itself.</summary>
    private sealed class LineTexts(string text, List<Line> lines) : IReadOnlyList<string>
    {
        public int Count => lines.Count;

        public string this[int index] => text[lines[index].Start..lines[index].End];

        public IEnumerator<string> GetEnumerator()
        {
            for (var i = 0; i < lines.Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static List<Line> SplitLines(string text)
    {
        var lines = new List<Line>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '\n')
            {
                var end = i > start && text[i - 1] == '\r' ? i - 1 : i;
                if (i < text.Length || start < text.Length)
                {
                    lines.Add(new Line(start, end));
                }

                start = i + 1;
            }
        }

        return lines;
    }

    private static int ApplyHeader(string text, List<Line> lines, MetadataDraft draft, List<string> warnings)
    {
        var header = ArticleHeader.Read(new LineTexts(text, lines));
        if (header is null)
        {
            return 0;
        }

        for (var i = 0; i < header.LineCount; i++)
        {
            lines[i].Kind = LineKind.Header;
        }

        var fields = header.Fields;
        draft.Title.Offer(FromHeader, fields.GetValueOrDefault("title"));
        draft.Publisher.Offer(FromHeader, fields.GetValueOrDefault("publisher"));
        draft.Author.Offer(FromHeader, fields.GetValueOrDefault("author"));
        draft.Url.Offer(FromHeader, fields.GetValueOrDefault("url"));
        draft.Dateline.Offer(FromHeader, fields.GetValueOrDefault("dateline"));
        if (fields.TryGetValue("date", out var dateText))
        {
            if (ArticleDates.ParseWhole(dateText) is { } date)
            {
                draft.Date.Offer(FromHeader, date);
            }
            else
            {
                warnings.Add($"header date '{dateText}' is not a date (use YYYY-MM-DD); the date is read from the text or left unknown");
            }
        }

        return header.LineCount;
    }

    private static void MarkMarkdown(string text, List<Line> lines, int first)
    {
        string? fence = null;
        for (var i = first; i < lines.Count; i++)
        {
            var line = lines[i];
            var raw = text[line.Start..line.End];
            var trimmed = raw.Trim();
            if (fence is not null)
            {
                line.Kind = LineKind.Furniture;
                if (trimmed.StartsWith(fence, StringComparison.Ordinal))
                {
                    fence = null;
                }

                continue;
            }

            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                fence = trimmed[..3];
                line.Kind = LineKind.Furniture;
                continue;
            }

            if (MarkdownHeading().Match(raw) is { Success: true } heading)
            {
                line.Kind = LineKind.Heading;
                line.HeadingLevel = heading.Groups["hashes"].Length;
                line.HeadingText = heading.Groups["text"].Value;
                continue;
            }

            if (MarkdownSetextUnderline().IsMatch(raw) && i > first && lines[i - 1].Kind == LineKind.Unclassified
                && !string.IsNullOrWhiteSpace(text[lines[i - 1].Start..lines[i - 1].End]))
            {
                var previous = lines[i - 1];
                previous.Kind = LineKind.Heading;
                previous.HeadingLevel = trimmed[0] == '=' ? 1 : 2;
                previous.HeadingText = text[previous.Start..previous.End].Trim();
                line.Kind = LineKind.Furniture;
                continue;
            }

            if (MarkdownRule().IsMatch(raw) || MarkdownLinkOnly().IsMatch(raw) || trimmed.StartsWith('|') || trimmed.StartsWith('<'))
            {
                line.Kind = LineKind.Furniture;
                continue;
            }

            if (MarkdownBlockMarker().Match(raw) is { Success: true, Length: > 0 } marker)
            {
                line.ContentStart = line.Start + marker.Length;
                line.StartsParagraph = true;
            }
        }
    }

    /// <summary>Plain-text bullet lines ("- item", "• item") are list items: each its own paragraph, the marker not quoted.</summary>
    private static void MarkBullets(string text, List<Line> lines, int first)
    {
        for (var i = first; i < lines.Count; i++)
        {
            var line = lines[i];
            var at = line.Start;
            while (at < line.End && text[at] is ' ' or '\t')
            {
                at++;
            }

            // A bullet, then whitespace, then text: "- item", "• item" (a hyphen glued to a word is not a bullet).
            if (at + 2 < line.End && text[at] is '-' or '*' or '•' or '–' && char.IsWhiteSpace(text[at + 1]))
            {
                var content = at + 1;
                while (content < line.End && char.IsWhiteSpace(text[content]))
                {
                    content++;
                }

                if (content < line.End)
                {
                    line.ContentStart = content;
                    line.StartsParagraph = true;
                }
            }
        }
    }

    private static void Classify(string text, List<Line> lines, int first)
    {
        for (var i = first; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Kind != LineKind.Unclassified)
            {
                continue;
            }

            if (text.AsSpan(line.ContentStart, line.End - line.ContentStart).IsWhiteSpace())
            {
                line.Kind = LineKind.Blank;
            }
            else if (SiteFurniture.Classify(text, line.ContentStart, line.End) is { } furniture)
            {
                line.Kind = LineKind.Furniture;
                line.Furniture = furniture;
            }
        }

        // The remaining lines form blocks (hard-wrapped paragraphs span several lines); a block is prose or not as a whole.
        var i2 = first;
        var isFirstBlock = true;
        while (i2 < lines.Count)
        {
            if (lines[i2].Kind != LineKind.Unclassified)
            {
                i2++;
                continue;
            }

            var blockStart = i2;
            i2++;
            if (isFirstBlock && i2 < lines.Count && lines[i2].Kind == LineKind.Unclassified && IsHeadlineAboveText(text, lines[blockStart], lines[i2]))
            {
                // "Headline\nFirst paragraph ..." with no blank line between: the headline is a line of its own.
                lines[blockStart].Kind = LineKind.Candidate;
                isFirstBlock = false;
                continue;
            }

            isFirstBlock = false;
            while (i2 < lines.Count && lines[i2].Kind == LineKind.Unclassified && !lines[i2].StartsParagraph)
            {
                i2++;
            }

            var kind = IsProse(text.AsSpan(lines[blockStart].ContentStart, lines[i2 - 1].End - lines[blockStart].ContentStart)) ? LineKind.Body : LineKind.Candidate;
            for (var k = blockStart; k < i2; k++)
            {
                lines[k].Kind = kind;
            }
        }
    }

    /// <summary>A first line that reads as a headline rather than the start of a wrapped paragraph: no end punctuation, the
    /// next line starts a new sentence, and the line is title-cased or much shorter than the next.</summary>
    private static bool IsHeadlineAboveText(string text, Line line, Line next)
    {
        var head = text[line.ContentStart..line.End].Trim();
        var body = text[next.ContentStart..next.End].Trim();
        if (head.Length == 0 || body.Length == 0 || head[^1] is '.' or ',' or ';' or ':' or '-' or '–' or '—' || !StartsLikeSentence(body[0]))
        {
            return false;
        }

        var words = head.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var capitalised = words.Count(w => char.IsUpper(w[0]) || !char.IsLetter(w[0]));
        return words.Length <= 20 && (capitalised >= 0.6 * words.Length || head.Length < 0.6 * body.Length) && IsProse(body);
    }

    /// <summary>A paragraph of running text rather than a headline, site name or label.</summary>
    private static bool IsProse(ReadOnlySpan<char> content)
    {
        var words = SiteFurniture.WordCount(content);
        var trimmed = content.TrimEnd().TrimEnd("\"'’”»)]");
        var last = trimmed.Length > 0 ? trimmed[^1] : ' ';
        // "Rivals of the £400 Apple..." is a teaser headline, not a paragraph.
        var trailingEllipsis = trimmed.EndsWith("...", StringComparison.Ordinal) || last == '…';
        return (words >= 4 && last is '.' or '…' && !(trailingEllipsis && words <= 12))
            || (words > 15 && last is '?' or '!')
            || words >= 25
            || (words >= 12 && InnerSentenceBreak().IsMatch(content));
    }

    /// <summary>Lines above the first paragraph of text: headline, site name, outlet line, category line. None is a sentence.</summary>
    private static void ResolveTopBlock(string text, List<Line> lines, int from, int to, MetadataDraft draft)
    {
        var headings = lines.Where(l => l.Kind == LineKind.Heading).ToList();
        var mainHeading = headings.FirstOrDefault(h => h.HeadingLevel == 1) ?? headings.FirstOrDefault(h => lines.IndexOf(h) < to);
        if (mainHeading is not null)
        {
            draft.Title.Offer(1, mainHeading.HeadingText);
        }

        var candidates = new List<(int Index, string Text)>();
        string? crumbTail = null;
        var bylineIndex = -1;
        for (var i = from; i < to; i++)
        {
            var line = lines[i];
            if (line.Kind == LineKind.Candidate)
            {
                candidates.Add((i, text[line.ContentStart..line.End].Trim()));
                line.Kind = LineKind.Furniture;
            }
            else if (line.Furniture?.Kind == FurnitureKind.Breadcrumb)
            {
                crumbTail ??= line.Furniture.Value;
            }
            else if (line.Furniture?.Kind == FurnitureKind.Byline && bylineIndex < 0)
            {
                bylineIndex = i;
            }
        }

        string? title = null;
        string? site = null;
        string? outlet = null;
        var matched = crumbTail is null ? -1 : candidates.FindIndex(c => string.Equals(c.Text, crumbTail, StringComparison.OrdinalIgnoreCase));
        if (matched >= 0)
        {
            // "Home » Headline", then section names, then the headline again: what sits between is the category line.
            title = candidates[matched].Text;
            outlet = candidates.Skip(matched + 1).Select(c => c.Text).FirstOrDefault(IsShortName);
            KeepStandfirst(lines, candidates.Skip(matched + 1));
        }
        else
        {
            candidates.RemoveAll(c => SiteFurniture.IsCategoryLine(c.Text));
            var before = candidates.Where(c => bylineIndex >= 0 && c.Index < bylineIndex).ToList();
            if (before.Count > 0)
            {
                // Site name, headline, "Posted on ... by ...", outlet line.
                title = before[^1].Text;
                site = before.Count >= 2 ? before[0].Text : null;
                var underByline = candidates.Where(c => c.Index > bylineIndex).ToList();
                outlet = underByline.Select(c => c.Text).FirstOrDefault(IsShortName);
                KeepStandfirst(lines, underByline);
            }
            else if (candidates.Count > 0)
            {
                // Without a byline to anchor it, the first line is the headline (as saved pages and wire copy begin).
                title = candidates[0].Text;
                KeepStandfirst(lines, candidates.Skip(1));
            }

            title ??= crumbTail;
        }

        if (title is not null && title.Split(" | ") is [var head, var siteSuffix] && IsShortName(siteSuffix.Trim()))
        {
            title = head;
            site ??= siteSuffix.Trim();
        }

        draft.Title.Offer(2, title);
        draft.SiteName.Offer(1, site);
        draft.Publisher.Offer(FromOutletLine, outlet);
        draft.Publisher.Offer(FromSiteName, site);
    }

    /// <summary>A long line under the headline without final punctuation is a standfirst: real text, so quotable.</summary>
    private static void KeepStandfirst(List<Line> lines, IEnumerable<(int Index, string Text)> underHeadline)
    {
        foreach (var (index, text) in underHeadline)
        {
            if (SiteFurniture.WordCount(text) >= 8)
            {
                lines[index].Kind = LineKind.Body;
            }
        }
    }

    private static bool IsShortName(string candidate) =>
        SiteFurniture.WordCount(candidate) <= 5 && !candidate.Any(char.IsDigit) && char.IsUpper(candidate.FirstOrDefault(char.IsLetter));

    /// <summary>Below the first paragraph, a short line without final punctuation is a subheading or leftover label, not a sentence.</summary>
    private static void ResolveLaterLines(string text, List<Line> lines, int firstBody)
    {
        for (var i = firstBody; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Kind != LineKind.Candidate)
            {
                continue;
            }

            var content = text[line.ContentStart..line.End].TrimEnd();
            var endsSentence = content.Length > 0 && content.TrimEnd('"', '\'', '’', '”', '»', ')')[^1] is '.' or '!' or '?' or '…';
            line.Kind = SiteFurniture.WordCount(content) >= 4 || endsSentence ? LineKind.Body : LineKind.Furniture;
        }
    }

    private static void ReadFurnitureMetadata(List<Line> lines, int from, int topEnd, MetadataDraft draft)
    {
        var lastBody = lines.FindLastIndex(l => l.Kind == LineKind.Body);
        for (var i = from; i < lines.Count; i++)
        {
            var furniture = lines[i].Furniture;
            if (furniture is null)
            {
                continue;
            }

            // Above or below the story a "Source:" or date line describes the article; between paragraphs it may cite a
            // chart's data source or a timeline date, so it is still not quoted but says nothing about the article.
            var inTop = i < topEnd;
            var aroundStory = inTop || i > lastBody;
            if (!aroundStory && furniture.Kind is FurnitureKind.Source or FurnitureKind.DateOnly)
            {
                continue;
            }

            switch (furniture.Kind)
            {
                case FurnitureKind.Byline:
                    draft.Author.Offer(2, furniture.Author);
                    draft.Date.Offer(1, furniture.Date);
                    break;
                case FurnitureKind.Source:
                    draft.Publisher.Offer(FromSourceLine, furniture.Publisher);
                    draft.SourceLine.Offer(1, furniture.Value);
                    break;
                case FurnitureKind.SignUp:
                case FurnitureKind.Noise:
                    draft.Publisher.Offer(FromSignUpOrCopyright, furniture.Publisher);
                    break;
                case FurnitureKind.DateOnly:
                    draft.Date.Offer(inTop ? 2 : 3, furniture.Date);
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>Moves the first paragraph's start past a date prefix ("date 2023-09-14 ") and a dateline ("ASTANA — ").</summary>
    private static void ReadOpening(string text, Line line, MetadataDraft draft)
    {
        var s = line.ContentStart;
        while (s < line.End && char.IsWhiteSpace(text[s]))
        {
            s++;
        }

        var label = DatePrefixLabel().Match(text, s, line.End - s);
        var dateAt = label.Success ? s + label.Length : s;
        if (ArticleDates.TryReadAtStart(text[dateAt..line.End], out var date, out var used))
        {
            var after = AfterPrefixSeparator().Match(text, dateAt + used, line.End - dateAt - used);
            var next = dateAt + used + after.Length;
            if (after.Length > 0 && next < line.End && StartsLikeSentence(text[next]))
            {
                draft.Date.Offer(1, date);
                s = next;
            }
        }

        var body = text[s..line.End];
        var dash = DashDateline().Match(body);
        if (!dash.Success)
        {
            dash = TitleCaseDatelineWithCredit().Match(body);
        }

        if (dash.Success && dash.Groups["place"].Value.Count(char.IsLetter) >= 3)
        {
            var place = dash.Groups["place"].Value.Trim().TrimEnd(',', '.').Trim();
            draft.Dateline.Offer(1, place);
            draft.Date.Offer(2, ArticleDates.ParseWhole(dash.Groups["date"].Value));
            if (dash.Groups["credit"].Success)
            {
                var credit = dash.Groups["credit"].Value.Trim();
                draft.ReportedBy.Offer(1, credit);
                draft.Publisher.Offer(FromDatelineCredit, credit);
            }

            draft.Publisher.Offer(FromDatelineAgency, AgencyOf(text, LastToken(place)));
            s += dash.Length;
        }
        else if (CapsDateline().Match(body) is { Success: true } caps)
        {
            var run = caps.Groups["run"].Value.Trim().TrimEnd(',', '.').Trim();
            var tokens = run.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
            var agency = AgencyOf(text, LastToken(run));
            if ((tokens.Length >= 2 && tokens.Any(t => t.Count(char.IsLetter) >= 4)) || (tokens.Length == 1 && agency is not null))
            {
                draft.Dateline.Offer(1, run);
                draft.Publisher.Offer(FromDatelineAgency, agency);
                s += caps.Length;
            }
        }

        line.ContentStart = s;
    }

    private static bool StartsLikeSentence(char c) => char.IsUpper(c) || char.IsDigit(c) || c is '«' or '“' or '"' or '‘' or '\'';

    private static string LastToken(string run) => run.Split([' ', ',', '.'], StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? run;

    /// <summary>The news agency a dateline token names, spelled as the text spells it, or null when the token is a place.</summary>
    private static string? AgencyOf(string text, string token)
    {
        if (token.Length < 2 || !token.All(c => char.IsUpper(c) || !char.IsLetter(c)))
        {
            return null;
        }

        var mentioned = Regex.Match(text, $@"\b(?<name>{Regex.Escape(token)})(?:['’]s)?\s+(?:correspondent|reporter|news agency|agency|reports)\b",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        if (!KnownAgencies.TryGetValue(token, out var known) && !mentioned.Success)
        {
            return null;
        }

        foreach (Match m in Regex.Matches(text, $@"\b{Regex.Escape(token)}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            if (m.Value.Any(char.IsLower))
            {
                return m.Value;
            }
        }

        return known ?? CultureInfo.InvariantCulture.TextInfo.ToTitleCase(token.ToLowerInvariant());
    }

    private static List<Sentence> SplitBody(string text, List<Line> lines)
    {
        var sentences = new List<Sentence>();
        var i = 0;
        while (i < lines.Count)
        {
            if (lines[i].Kind != LineKind.Body)
            {
                i++;
                continue;
            }

            var start = lines[i].ContentStart;
            var end = lines[i].End;
            i++;
            while (i < lines.Count && lines[i].Kind == LineKind.Body && !lines[i].StartsParagraph && lines[i].ContentStart == lines[i].Start)
            {
                end = lines[i].End;
                i++;
            }

            sentences.AddRange(SentenceSplitter.Split(text, start, end, sentences.Count));
        }

        return sentences;
    }

    /// <summary>"..., reports Reuters." in the opening sentence, and "Kazinform correspondent" anywhere in the text.</summary>
    private static void ReadCredits(List<Sentence> sentences, MetadataDraft draft)
    {
        if (sentences.Count > 0 && ReportsCredit().Match(sentences[0].Text) is { Success: true } reports)
        {
            draft.ReportedBy.Offer(2, reports.Groups["name"].Value.TrimEnd('.'));
        }

        foreach (var sentence in sentences)
        {
            if (!sentence.Span.Contains("correspondent", StringComparison.Ordinal) && !sentence.Span.Contains("reporter", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match m in Correspondent().Matches(sentence.Text))
            {
                var name = m.Groups["name"].Value;
                var firstWord = name.Split(' ')[0];
                var lastWord = name.Split(' ')[^1];

                // "our Jewish / Russian / Western correspondent" name a beat, not an outlet.
                var isAdjective = lastWord.EndsWith("ish", StringComparison.Ordinal) || lastWord.EndsWith("ese", StringComparison.Ordinal)
                    || lastWord.EndsWith("ian", StringComparison.Ordinal) || lastWord.EndsWith("ern", StringComparison.Ordinal);
                if (!NotAnOutlet.Contains(firstWord) && !isAdjective)
                {
                    draft.Publisher.Offer(FromCorrespondent, name);
                    return;
                }
            }
        }
    }

    [GeneratedRegex(@"^\s{0,3}(?<hashes>#{1,6})\s+(?<text>.*?)\s*#*\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex MarkdownHeading();

    [GeneratedRegex(@"^\s{0,3}(?:=+|-+)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex MarkdownSetextUnderline();

    [GeneratedRegex(@"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$", RegexOptions.CultureInvariant)]
    private static partial Regex MarkdownRule();

    [GeneratedRegex(@"^\s*!?\[[^\]]*\]\([^)]*\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex MarkdownLinkOnly();

    [GeneratedRegex(@"^\s{0,3}(?:(?:>\s?)+|(?:[-*+]|\d{1,3}[.)])\s+)", RegexOptions.CultureInvariant)]
    private static partial Regex MarkdownBlockMarker();

    [GeneratedRegex(@"\p{Ll}[.!?][""”»’)]?\s+[""“«]?\p{Lu}\p{Ll}", RegexOptions.CultureInvariant)]
    private static partial Regex InnerSentenceBreak();

    [GeneratedRegex(@"\G(?:date|dated|published|posted|updated)(?:\s+on)?\s*:?\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DatePrefixLabel();

    [GeneratedRegex(@"\G(?:\s*(?:[-—–|,:]\s*)|\s+)", RegexOptions.CultureInvariant)]
    private static partial Regex AfterPrefixSeparator();

    [GeneratedRegex(@"^(?<place>\p{Lu}[\p{Lu}\p{M}'’.\-]*(?:[ ,.]+\p{Lu}[\p{Lu}\p{M}'’.\-]*){0,5})\s*(?:,\s*(?<date>[^()—–\-]{3,30}?))?\s*(?:\((?<credit>[^)]{2,30})\))?\s*(?:—|–|--|-)\s+", RegexOptions.CultureInvariant)]
    private static partial Regex DashDateline();

    [GeneratedRegex(@"^(?<place>\p{Lu}[\p{L}\p{M}'’.\-]*(?:[ ,]+\p{Lu}[\p{L}\p{M}'’.\-]*){0,4}?)(?:,\s*(?<date>[^()—–]{3,30}?))?\s*\((?<credit>[^)]{2,30})\)\s*(?:—|–|--|-)\s+", RegexOptions.CultureInvariant)]
    private static partial Regex TitleCaseDatelineWithCredit();

    [GeneratedRegex(@"^(?<run>\p{Lu}[\p{Lu}'’.\-]+(?:[ ,.]+\p{Lu}[\p{Lu}'’.\-]+){0,5})[ ,.]+(?=\p{Lu}\p{Ll})", RegexOptions.CultureInvariant)]
    private static partial Regex CapsDateline();

    [GeneratedRegex(@"[,\s]\s*(?:reports|reported|writes|wrote|informs)\s+(?<name>\p{Lu}[\p{L}.\-]*(?:\s+\p{Lu}[\p{L}.\-]*){0,3}?)\s*[.!]?$", RegexOptions.CultureInvariant)]
    private static partial Regex ReportsCredit();

    // "in an interview with Kazinform correspondent", "told a Trend correspondent", "Kazinform correspondent reports".
    [GeneratedRegex(@"\b(?:with|told|to|by|for|from|according to)\s+(?:an?\s+|the\s+)?(?<name>\p{Lu}[\p{L}\-]+(?:\s+\p{Lu}[\p{L}\-]+){0,2}?)(?:['’]s)?\s+(?:correspondent|reporter)s?\b|(?<name>\p{Lu}[\p{L}\-]+(?:\s+\p{Lu}[\p{L}\-]+){0,2}?)(?:['’]s)?\s+(?:correspondent|reporter)\s+(?:reports|reported|writes|learned|learnt|says)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Correspondent();

    /// <summary>One line of the file: its span without the line terminator, and what it turned out to be.</summary>
    private sealed class Line(int start, int end)
    {
        public int Start { get; } = start;

        public int End { get; } = end;

        /// <summary>Where quotable text starts: after Markdown markers, a date prefix or a dateline.</summary>
        public int ContentStart { get; set; } = start;

        public LineKind Kind { get; set; }

        public bool StartsParagraph { get; set; }

        public int HeadingLevel { get; set; }

        public string HeadingText { get; set; } = "";

        public FurnitureLine? Furniture { get; set; }
    }

    /// <summary>Metadata evidence collected from many places; for each field the strongest evidence wins.</summary>
    private sealed class MetadataDraft(bool markdown)
    {
        public Slot Title { get; } = new(markdown);

        public Slot Publisher { get; } = new(markdown);

        public Slot Author { get; } = new(markdown);

        public Slot Dateline { get; } = new(markdown);

        public Slot Url { get; } = new(false);

        public Slot SourceLine { get; } = new(markdown);

        public Slot SiteName { get; } = new(markdown);

        public Slot ReportedBy { get; } = new(markdown);

        public DateSlot Date { get; } = new();

        public ArticleMetadata Build() => new(
            Title.Value, Publisher.Value, Author.Value, Date.Value, Dateline.Value, Url.Value, SourceLine.Value, SiteName.Value, ReportedBy.Value);
    }

    private sealed partial class Slot(bool markdown)
    {
        private int _priority = int.MaxValue;

        public string? Value { get; private set; }

        public void Offer(int priority, string? value)
        {
            if (priority >= _priority || value is null)
            {
                return;
            }

            var clean = markdown ? MarkdownLink().Replace(value, "$1").Replace("**", "", StringComparison.Ordinal).Replace("__", "", StringComparison.Ordinal) : value;
            clean = Whitespace().Replace(clean, " ").Trim().Trim('*', '_', '`').Trim();
            if (clean.Length == 0)
            {
                return;
            }

            _priority = priority;
            Value = clean;
        }

        [GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)", RegexOptions.CultureInvariant)]
        private static partial Regex MarkdownLink();

        [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
        private static partial Regex Whitespace();
    }

    private sealed class DateSlot
    {
        private int _priority = int.MaxValue;

        public DateOnly? Value { get; private set; }

        public void Offer(int priority, DateOnly? value)
        {
            if (value is not null && priority < _priority)
            {
                _priority = priority;
                Value = value;
            }
        }
    }
}
