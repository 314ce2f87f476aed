using System.Text.Json.Serialization;
using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Figures;

namespace KazBriefBot.Engine.Digests;

/// <summary>A verbatim key sentence of a digest item: Text == article.Text[Source.Start..Source.End].</summary>
public sealed record Highlight(string Text, SourceRef Source);

/// <summary>One article in a digest: headline, key sentences, key figures and topics.</summary>
/// <param name="Headline">The article's title (verbatim), or its first sentence when it has none.</param>
/// <param name="Source">The article; its span is the headline's when the headline is found in the text.</param>
/// <param name="AddedAt">When the article was added to the corpus; set only in "what's new" digests.</param>
public sealed record DigestItem(
    string Headline,
    IReadOnlyList<Highlight> Highlights,
    IReadOnlyList<Figure> Figures,
    IReadOnlyList<string> Topics,
    SourceRef Source,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? AddedAt = null);

/// <summary>A topic across the digest's range and the (0-based) indexes of its items in Digest.Items.</summary>
public sealed record DigestTopic(string Name, IReadOnlyList<int> Items);

/// <summary>The articles published in [From, To], most important first; undated articles apart, never given a date.</summary>
/// <param name="Since">Set only for "what's new" digests: the articles added to the corpus after this instant.</param>
public sealed record Digest(
    DateOnly? From,
    DateOnly? To,
    IReadOnlyList<DigestItem> Items,
    IReadOnlyList<DigestTopic> Topics,
    IReadOnlyList<DigestItem> Undated,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? Since = null)
{
    /// <summary>True when the digest has no article at all (dated or undated).</summary>
    [JsonIgnore]
    public bool IsEmpty => Items.Count == 0 && Undated.Count == 0;

    /// <summary>Charts of the series (over the whole corpus) to which the digest's articles bring figures.</summary>
    public IReadOnlyList<FigureChart> Charts { get; init; } = [];
}
