using System.Text.RegularExpressions;

namespace KazBriefBot.Engine.Corpus;

/// <summary>What a line of page furniture is (never a quotable sentence) and what metadata it carries.</summary>
public enum FurnitureKind
{
    /// <summary>Navigation, sharing, comment or "back to top" links, tags, copyright, rules.</summary>
    Noise,

    /// <summary>"Home » Section » Headline".</summary>
    Breadcrumb,

    /// <summary>"Written by ...", "By ...", "Posted on DATE by ...", "date 2023-09-14".</summary>
    Byline,

    /// <summary>"Source : outlet".</summary>
    Source,

    /// <summary>"Photo: ..." and other picture credits.</summary>
    PhotoCredit,

    /// <summary>Newsletter and social sign-up lines.</summary>
    SignUp,

    /// <summary>A line that is only a date.</summary>
    DateOnly,
}

/// <summary>A recognised furniture line and the metadata it names.</summary>
public sealed record FurnitureLine(FurnitureKind Kind, string? Author = null, DateOnly? Date = null, string? Publisher = null, string? Value = null);

/// <summary>Recognises site furniture on single lines with general patterns (not per-site rules).</summary>
public static partial class SiteFurniture
{
    /// <summary>Classifies one trimmed line; null when it is not furniture.</summary>
    /// <summary>As <see cref="Classify(string)"/> for text[start..end], copying the line only when it is short enough to be
    /// anything but a photo credit (a paragraph of body text is never copied).</summary>
    public static FurnitureLine? Classify(string text, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = text.AsSpan(start, end - start).Trim();
        if (line.IsEmpty || IsNoise(line) || WordCount(line) <= LongestNonCredit)
        {
            return Classify(text[start..end]);
        }

        return PhotoCredit().IsMatch(line) ? new FurnitureLine(FurnitureKind.PhotoCredit) : null;
    }

    // The most words any kind of furniture but a photo credit has (a sign-up line).
    private const int LongestNonCredit = 40;

    private static bool IsNoise(ReadOnlySpan<char> text)
    {
        var letters = 0;
        var digits = false;
        foreach (var c in text)
        {
            letters += char.IsLetter(c) ? 1 : 0;
            digits |= char.IsDigit(c);
        }

        return letters <= 1 && !digits;
    }

    public static FurnitureLine? Classify(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = line.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (!text.Any(char.IsLetterOrDigit) || text.Count(char.IsLetter) <= 1 && !text.Any(char.IsDigit))
        {
            return new FurnitureLine(FurnitureKind.Noise);
        }

        var words = WordCount(text);
        if (words <= 30 && LooksLikeBreadcrumb(text) && Breadcrumb().Match(text) is { Success: true } crumb)
        {
            return new FurnitureLine(FurnitureKind.Breadcrumb, Value: crumb.Groups["tail"].Value.Trim());
        }

        if (words <= 12 && WrittenBy().Match(text) is { Success: true } written)
        {
            return new FurnitureLine(FurnitureKind.Byline, Author: CleanName(written.Groups["name"].Value));
        }

        if (words <= 8 && ByLine().Match(text) is { Success: true } by)
        {
            return new FurnitureLine(FurnitureKind.Byline, Author: CleanName(by.Groups["name"].Value));
        }

        if (words <= 16 && DatedLine(text) is { } dated)
        {
            return dated;
        }

        if (words <= 8 && SourceLine().Match(text) is { Success: true } source)
        {
            var value = source.Groups["value"].Value.Trim().TrimEnd('.');
            return new FurnitureLine(FurnitureKind.Source, Publisher: value, Value: value);
        }

        if (PhotoCredit().IsMatch(text))
        {
            return new FurnitureLine(FurnitureKind.PhotoCredit);
        }

        if (words <= LongestNonCredit && SignUp().IsMatch(text))
        {
            var outlet = SignUpOutlet().Match(text);
            return new FurnitureLine(FurnitureKind.SignUp, Publisher: outlet.Success ? outlet.Groups["name"].Value.Trim() : null);
        }

        if (words <= 16 && Copyright().Match(text) is { Success: true } copyright)
        {
            var holder = copyright.Groups["holder"].Value.Trim().TrimEnd('.', ',').Trim();
            return new FurnitureLine(FurnitureKind.Noise, Publisher: holder.Length > 1 ? holder : null);
        }

        if (words <= 8 && FixedNoise().IsMatch(text.TrimEnd('.', ':', '!', '»', '›', '→')))
        {
            return new FurnitureLine(FurnitureKind.Noise);
        }

        if (words <= 6 && ArticleDates.ParseWhole(text) is { } onlyDate)
        {
            return new FurnitureLine(FurnitureKind.DateOnly, Date: onlyDate);
        }

        return null;
    }

    private static bool LooksLikeBreadcrumb(string text) =>
        !text.Contains('«', StringComparison.Ordinal)
        && (text.Contains('»', StringComparison.Ordinal) || text.Contains('›', StringComparison.Ordinal)
            || text.StartsWith("Home", StringComparison.OrdinalIgnoreCase) || text.StartsWith("Main", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("Start", StringComparison.OrdinalIgnoreCase));

    /// <summary>"Central Asia Kazakhstan News Politics US": capitalised words only, two or more of them section names.</summary>
    public static bool IsCategoryLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var words = line.Split([' ', '\t', '|', '/', ',', '·', '•'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 2 && words.All(w => char.IsUpper(w[0]) || w == "&")
            && words.Count(w => SectionWord().IsMatch(w)) >= 2 && !line.TrimEnd().EndsWith('.');
    }

    /// <summary>Number of whitespace-separated words.</summary>
    public static int WordCount(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return WordCount(text.AsSpan());
    }

    public static int WordCount(ReadOnlySpan<char> text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                inWord = false;
            }
            else if (!inWord)
            {
                inWord = true;
                count++;
            }
        }

        return count;
    }

    private static FurnitureLine? DatedLine(string text)
    {
        var label = DateLabel().Match(text);
        if (label.Success)
        {
            var rest = text[label.Length..];
            if (ArticleDates.TryReadAtStart(rest, out var date, out var used))
            {
                var after = rest[used..].Trim();
                var byAuthor = AfterDateBy().Match(after);
                if (after.Length == 0 || byAuthor.Success || ArticleDates.IsTimeOfDay(after))
                {
                    return new FurnitureLine(FurnitureKind.Byline, Author: byAuthor.Success ? CleanName(byAuthor.Groups["name"].Value) : null, Date: date);
                }
            }
        }

        var postedBy = PostedByOn().Match(text);
        if (postedBy.Success && ArticleDates.ParseWhole(postedBy.Groups["date"].Value) is { } postedDate)
        {
            return new FurnitureLine(FurnitureKind.Byline, Author: CleanName(postedBy.Groups["name"].Value), Date: postedDate);
        }

        return null;
    }

    /// <summary>"KazCham", "Rustem Kozhybayev" from "by KazCham | 3 comments", "Rustem Kozhybayev, Kazinform".</summary>
    private static string? CleanName(string raw)
    {
        var name = raw.Split(['|', '•', '·', '\t', ';'])[0].Trim().TrimEnd('.', ',', ';', ':').Trim();
        var inIndex = name.IndexOf(" in ", StringComparison.Ordinal);
        if (inIndex > 0)
        {
            name = name[..inIndex];
        }

        return name.Length is > 1 and <= 80 ? name : null;
    }

    [GeneratedRegex(@"^(?:(?:Home|Main|Main page|Homepage|Start)\s*(?:»|›|>|/|\||→|::)\s*(?:.+(?:»|›|>|/|\||→|::)\s*)*|(?:[^»›]+?»\s*){2,}|(?:[^»›]+?›\s*){2,})(?<tail>[^»›>|→]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Breadcrumb();

    [GeneratedRegex(@"^(?:Written|Reported|Reporting|Story|Text|Words|Article)\s+by\s*:?\s*(?<name>\p{L}.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WrittenBy();

    [GeneratedRegex(@"^(?:By|Author|Authors|Byline)\s*:?\s+(?<name>\p{Lu}[\p{L}\p{M}.'’\-]*(?:\s+(?:\p{Lu}[\p{L}\p{M}.'’\-]*|and|&|de|da|van|von|der|al|el|bin|ibn)){0,5})\s*(?:[|,•·].*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ByLine();

    [GeneratedRegex(@"^(?:date|dated|published|posted|updated|last updated|created|publication date)(?:\s+on)?\s*:?\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateLabel();

    [GeneratedRegex(@"^(?:[|,•·-]\s*)?by\s+(?<name>\p{L}.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AfterDateBy();

    [GeneratedRegex(@"^(?:Posted|Published|Written)\s+by\s+(?<name>.+?)\s+on\s+(?<date>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PostedByOn();

    [GeneratedRegex(@"^Source\s*:\s*(?<value>\S.{0,80})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SourceLine();

    [GeneratedRegex(@"^[(\[]?\s*(?:photos?|photograph|photo credit|image|images|picture|pic|illustration|video|credits?|cover photo|main photo|фото)\s*(?:by\b|:|©|–|—|-|/)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PhotoCredit();

    // Sign-up lines address the reader ("Sign up ...", "Get ... sent directly to you", "Follow us on ..."); a sentence that
    // merely mentions signing up ("customers who sign up to broadband") is not one.
    [GeneratedRegex(@"^(?:sign\s*up|subscribe|follow us|join us|download (?:our|the) app|register (?:now|here|for free)|never miss|don'?t miss|stay (?:up to date|informed|updated))\b|\bsent directly to (?:you|your inbox)\b|\b(?:sign\s*up|subscribe)\b.{0,40}\b(?:our|newsletters?|channel|twitter|telegram|youtube|facebook|instagram|feed|website|here)\b|\bfollow us on\b|^(?:follow|join|read)\b.{1,40}\bon (?:telegram|twitter|facebook|instagram|youtube|tiktok|linkedin|whatsapp|x|vk)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SignUp();

    [GeneratedRegex(@"^(?:Get|Receive)\s+(?<name>.+?)\s+(?:stories|news|headlines|newsletters?|updates|articles|alerts)\b|^Subscribe to (?<name>.+?)(?:'s|’s)?\s+(?:newsletter|updates|channel)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SignUpOutlet();

    [GeneratedRegex(@"^(?:©|\(c\)|copyright\s*(?:©|\(c\)|(?=\d{4})))\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?<holder>.*?)\s*(?:[.|,]?\s*all rights reserved.*)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Copyright();

    [GeneratedRegex(@"^(?:[↑⬆^▲]\s*)?(?:top|back to top|to top|go to top|scroll to top|print|print friendly|printer[- ]friendly(?: version)?|print this (?:article|page|story)|leave a (?:reply|comment)|add (?:a )?comment|comments?|\d+\s+comments?|no comments(?: yet)?|share|share this(?: article| story| post)?|share on \w+|tweet|email|e-mail|whatsapp|telegram|facebook|twitter|linkedin|related(?: articles| posts| news| stories)?|read (?:more|also|next)|see also|also read|advertisement|advertising|sponsored(?: content)?|continue reading|loading|previous|next|previous (?:article|post)|next (?:article|post)|you may also like|you might also like|most read|most popular|popular|recommended|more news|latest news|click here.*|all rights reserved.*|tags?\s*:.*|filed under\s*:?.*|categor(?:y|ies)\s*:.*|related topics\s*:?.*|views?\s*:?\s*\d+|\d+\s+views?|reading time.*|\d+\s+min(?:ute)?s?\s+read|our standards\s*:.*|(?:additional )?(?:reporting|editing|writing) by\b.*|.{0,40}\b(?:writers?|correspondents?|reporters?|staff)\b.{0,40}\bcontributed(?: to this (?:report|story|article))?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FixedNoise();

    [GeneratedRegex(@"^(?:News|Politics|Economy|Business|World|Opinion|Society|Sports?|Culture|Analytics|Analysis|Region|Regions|Tech|Technology|Energy|Finance|Markets|Diplomacy|Features?|Interviews?|Top|Latest|Investments?|Trade|Security|Health|Science|Education|Multimedia|Photo|Video)$", RegexOptions.CultureInvariant)]
    private static partial Regex SectionWord();
}
