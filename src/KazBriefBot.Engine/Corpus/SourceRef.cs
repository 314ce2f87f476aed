namespace KazBriefBot.Engine.Corpus;

/// <summary>Where a quote or figure comes from: the article, its metadata and the character span in the file.</summary>
public sealed record SourceRef(
    string Id,
    string? Title,
    string? Publisher,
    string? Author,
    DateOnly? Date,
    string Path,
    int Start,
    int End);
