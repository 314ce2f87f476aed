using KazBriefBot.Engine.Corpus;
using KazBriefBot.Engine.Figures;

namespace KazBriefBot.Engine.Digests;

/// <summary>A verbatim key sentence of a digest item.</summary>
public sealed record Highlight(string Text, SourceRef Source);

/// <summary>One article in a digest: headline, key sentences, key figures and topics.</summary>
public sealed record DigestItem(string Headline, IReadOnlyList<Highlight> Highlights, IReadOnlyList<Figure> Figures, IReadOnlyList<string> Topics, SourceRef Source);

/// <summary>A topic across the digest's range and the indexes of its items.</summary>
public sealed record DigestTopic(string Name, IReadOnlyList<int> Items);

/// <summary>The articles published in [From, To], most important first; undated articles apart.</summary>
public sealed record Digest(DateOnly? From, DateOnly? To, IReadOnlyList<DigestItem> Items, IReadOnlyList<DigestTopic> Topics, IReadOnlyList<DigestItem> Undated);
