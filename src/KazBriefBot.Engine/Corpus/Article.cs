namespace KazBriefBot.Engine.Corpus;

/// <summary>What an article file says about itself; anything the file does not say stays null.</summary>
/// <param name="Title">The headline (header "title", a Markdown heading, or the headline line of a web page).</param>
/// <param name="Publisher">The outlet: header "publisher", a "Source :" line, an outlet line under the byline, a newsletter
/// or copyright line, the agency of the dateline ("KAZINFORM"), or "Kazinform correspondent" in the text.</param>
/// <param name="Author">"Written by ...", "Posted on ... by ...", a "By ..." line, or header "author".</param>
/// <param name="Date">The publication date only when the file states it with a year ("date 2023-09-14", "Posted on October 21, 2015").</param>
/// <param name="Dateline">The dateline that opens the story ("ASTANA", "WASHINGTON D.C. KAZINFORM").</param>
/// <param name="Url">Header "url".</param>
/// <param name="SourceLine">What a "Source : ..." line names ("bnn-news.com").</param>
/// <param name="SiteName">The web site the page was saved from, when it differs from the outlet ("Kazakhstan Chamber of Commerce in the USA").</param>
/// <param name="ReportedBy">The outlet the story credits as its own source ("..., reports Reuters.", "(Reuters)").</param>
public sealed record ArticleMetadata(
    string? Title,
    string? Publisher,
    string? Author,
    DateOnly? Date,
    string? Dateline = null,
    string? Url = null,
    string? SourceLine = null,
    string? SiteName = null,
    string? ReportedBy = null);

/// <summary>One sentence of an article: its exact text and its character offsets in the decoded file text.</summary>
/// <remarks>A sentence split from an article keeps a reference to the article's text and makes its own string only when
/// <see cref="Text"/> is first read: loading and indexing read sentences as spans, so a corpus is not held twice in
/// memory, and most sentences are never quoted. Equality is by value (ordinal, offsets, text).</remarks>
public sealed record Sentence
{
    // Text is _source[_sourceStart .. _sourceStart + (End - Start)): the article text, or the sentence's own string.
    private readonly string _source;
    private readonly int _sourceStart;
    private string? _text;

    public Sentence(int Ordinal, int Start, int End, string Text)
    {
        ArgumentNullException.ThrowIfNull(Text);
        this.Ordinal = Ordinal;
        this.Start = Start;
        this.End = End;
        _source = Text;
        _text = Text;
    }

    private Sentence(int ordinal, int start, int end, string source, int sourceStart)
    {
        Ordinal = ordinal;
        Start = start;
        End = end;
        _source = source;
        _sourceStart = sourceStart;
    }

    public int Ordinal { get; }

    public int Start { get; }

    public int End { get; }

    /// <summary>The sentence's exact text (made once, on first use).</summary>
    public string Text => _text ??= _source.Substring(_sourceStart, Length);

    /// <summary>Characters in the sentence (without making its string).</summary>
    public int Length => _text?.Length ?? End - Start;

    /// <summary>The sentence's text without making a string.</summary>
    internal ReadOnlySpan<char> Span => _text is { } text ? text.AsSpan() : _source.AsSpan(_sourceStart, End - Start);

    /// <summary>The string that holds the sentence's text and where it starts there, for regex matching without a copy
    /// (<c>regex.Match(Source, SourceStart, Length)</c> sees exactly the sentence).</summary>
    internal string Source => _text ?? _source;

    internal int SourceStart => _text is null ? _sourceStart : 0;

    /// <summary>The sentence text[start..end) of an article's text, sharing that string.</summary>
    internal static Sentence Within(string text, int ordinal, int start, int end) => new(ordinal, start, end, text, start);

    public bool Equals(Sentence? other) =>
        other is not null && Ordinal == other.Ordinal && Start == other.Start && End == other.End && Span.SequenceEqual(other.Span);

    public override int GetHashCode() => HashCode.Combine(Ordinal, Start, End, string.GetHashCode(Span, StringComparison.Ordinal));

    public void Deconstruct(out int Ordinal, out int Start, out int End, out string Text)
    {
        Ordinal = this.Ordinal;
        Start = this.Start;
        End = this.End;
        Text = this.Text;
    }

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"Ordinal = {Ordinal}, Start = {Start}, End = {End}, Text = {Text}");
        return true;
    }
}

/// <summary>One loaded article: the exact decoded file text, its metadata and its quotable sentences.</summary>
public sealed class Article
{
    public Article(string id, string path, string text, ArticleMetadata metadata, IReadOnlyList<Sentence> sentences, DateTimeOffset addedAt)
    {
        Id = id;
        Path = path;
        SourcePath = ShownPath(path);
        Text = text;
        Metadata = metadata;
        Sentences = sentences;
        AddedAt = addedAt;
    }

    /// <summary>File name without extension, e.g. "001_43cb461444ca7a2a".</summary>
    public string Id { get; }

    /// <summary>Path of the file as given to the loader (corpus folder + file name).</summary>
    public string Path { get; }

    /// <summary>The path answers show: the corpus folder's name and the file name ("seeds/001_43cb461444ca7a2a.txt"), the
    /// same whether the folder was given relative (the CLI) or absolute (the host), and never the server's directory layout.</summary>
    public string SourcePath { get; }

    /// <summary>The file's bytes decoded as UTF-8 (without a BOM); offsets refer to this string.</summary>
    public string Text { get; }

    public ArticleMetadata Metadata { get; }

    /// <summary>Quotable sentences in file order; site furniture and metadata lines are excluded.</summary>
    public IReadOnlyList<Sentence> Sentences { get; }

    /// <summary>When the file was added to the corpus (its last write time); used for undated "what's new".</summary>
    public DateTimeOffset AddedAt { get; }

    /// <summary>The file's size in bytes when it was read (-1 when the article did not come from a file); with
    /// <see cref="AddedAt"/> it tells a reload that the file is unchanged.</summary>
    internal long FileBytes { get; init; } = -1;

    public SourceRef SourceFor(int start, int end) =>
        new(Id, Metadata.Title, Metadata.Publisher, Metadata.Author, Metadata.Date, SourcePath, start, end);

    private static string ShownPath(string path)
    {
        var file = System.IO.Path.GetFileName(path);
        var folder = System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(path));
        return string.IsNullOrEmpty(folder) ? file : folder + "/" + file;
    }
}
