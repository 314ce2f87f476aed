using KazBriefBot.Engine.Corpus;

namespace KazBriefBot.Engine.Figures;

/// <summary>One figure read from a sentence: the exact expression, its normalized value and what it measures.</summary>
public sealed record Figure(
    string Text,
    decimal Value,
    string Unit,
    string Metric,
    string? Period,
    string Qualifier,
    string? Change,
    string Quote,
    SourceRef Source);

/// <summary>Figures measuring the same metric over the same period; Status is "consistent", "conflict" or "single".</summary>
public sealed record FigureGroup(string Metric, string? Period, string Status, IReadOnlyList<int> Figures);

/// <summary>The answer to a figures request: the matching figures and their reconciled groups.</summary>
public sealed record FigureReport(string? Topic, IReadOnlyList<Figure> Figures, IReadOnlyList<FigureGroup> Groups);
