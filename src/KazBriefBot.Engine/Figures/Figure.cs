using System.Text.Json.Serialization;
using KazBriefBot.Engine.Corpus;

namespace KazBriefBot.Engine.Figures;

/// <summary>What kind of number a figure is; only figures of one kind are ever compared.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FigureKind>))]
public enum FigureKind
{
    /// <summary>An amount or a rate at a time: "trade reached $3.7bn", "inflation was 2.1%".</summary>
    [JsonStringEnumMemberName("level")]
    Level,

    /// <summary>A rise or fall, against a base when one is given: "an increase of 37.2% compared to 2021", "an additional $25m".</summary>
    [JsonStringEnumMemberName("change")]
    Change,

    /// <summary>A part of a whole: "accounted for 2.5% of foreign trade", "a 15% stake".</summary>
    [JsonStringEnumMemberName("share")]
    Share,

    /// <summary>An expected, planned or targeted future figure: "could reach $500 million by the year-end".</summary>
    [JsonStringEnumMemberName("forecast")]
    Forecast,

    /// <summary>A total over a span: "over $50 billion overall since 1991".</summary>
    [JsonStringEnumMemberName("cumulative")]
    Cumulative,
}

/// <summary>What sort of expression a figure was read from.</summary>
public enum Measure
{
    Count,
    Money,
    Percent,
    Quantity,
}

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
    SourceRef Source)
{
    /// <summary>Level, change, share, forecast or cumulative.</summary>
    public FigureKind Kind { get; init; }

    /// <summary>Of whom or between whom the figure is.</summary>
    public Parties Parties { get; init; } = Parties.None;

    /// <summary>The comparison base of a change ("2021" in "compared to 2021"), when the sentence gives one.</summary>
    public string? Base { get; init; }

    /// <summary>True when the period is relative ("last year") and the article has no date to resolve it against.</summary>
    [JsonIgnore]
    public bool PeriodUnresolved { get; init; }

    /// <summary>Where the figure's text starts in the article file (Source.Start..End is the whole sentence).</summary>
    [JsonIgnore]
    public int TextStart { get; init; }

    /// <summary>What kind of expression the figure was read from: money, percent, count or quantity.</summary>
    [JsonIgnore]
    public Measure Measure { get; init; } = Measure.Count;

    /// <summary>The upper end when the figure is a range ("5-10%"); Value is then the lower end and Qualifier "range".</summary>
    [JsonIgnore]
    public decimal? High { get; init; }
}

/// <summary>How the figures of a group relate: one figure; values that can all be true; values that cannot; and the same
/// two when a member's period is relative and its article undated, so that it may not be the same period at all.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GroupStatus>))]
public enum GroupStatus
{
    [JsonStringEnumMemberName("single")]
    Single,

    [JsonStringEnumMemberName("consistent")]
    Consistent,

    [JsonStringEnumMemberName("conflict")]
    Conflict,

    [JsonStringEnumMemberName("possibly-consistent")]
    PossiblyConsistent,

    [JsonStringEnumMemberName("possible-conflict")]
    PossibleConflict,
}

/// <summary>Figures of one identity (metric, kind, parties, unit) over one period; Figures index into the report's list.</summary>
public sealed record FigureGroup(string Metric, string? Period, GroupStatus Status, IReadOnlyList<int> Figures)
{
    public FigureKind Kind { get; init; }

    public Parties Parties { get; init; } = Parties.None;

    /// <summary>Why the status is only possible: which members come from undated articles.</summary>
    public string? Note { get; init; }

    [JsonIgnore]
    public bool Disagrees => Status is GroupStatus.Conflict or GroupStatus.PossibleConflict;
}

/// <summary>One line of a figures summary: an identity's latest value, its change, and whether its sources agree.</summary>
/// <param name="Group">Index into the report's groups: the latest period's group of this identity.</param>
/// <param name="Change">Index into the report's figures of the change reported for that period, if any.</param>
/// <param name="Spread">How far the sources' values lie apart, as a percentage of the smallest, when they disagree.</param>
/// <param name="Earlier">Groups of the same identity for earlier periods, newest first.</param>
public sealed record FigureSummaryLine(string Metric, FigureKind Kind, Parties Parties, string? Period, GroupStatus Status, int Group, int? Change,
    int Sources, decimal? Spread, IReadOnlyList<int> Earlier);

/// <summary>The answer to a figures request: the matching figures, their reconciled groups, and a summary most relevant first.</summary>
public sealed record FigureReport(string? Topic, IReadOnlyList<Figure> Figures, IReadOnlyList<FigureGroup> Groups)
{
    public IReadOnlyList<FigureSummaryLine> Summary { get; init; } = [];

    /// <summary>Charts of the summary lines worth drawing (two or more periods, or disagreeing sources); the table stays beside them.</summary>
    public IReadOnlyList<FigureChart> Charts { get; init; } = [];
}

/// <summary>The unit names figures use besides currency codes.</summary>
public static class Units
{
    public const string Percent = "percent";
    public const string PercentagePoints = "percentage points";
    public const string Count = "count";
}

/// <summary>The qualifier vocabulary: how a figure's value bounds the true value.</summary>
public static class Qualifiers
{
    public const string Exact = "exact";
    public const string Approximate = "approximate";
    public const string LowerBound = "lower bound";
    public const string UpperBound = "upper bound";
    public const string Range = "range";
}
