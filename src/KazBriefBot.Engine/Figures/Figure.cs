using System.Text.Json.Serialization;
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
    SourceRef Source)
{
    /// <summary>True when the period is relative ("last year") and the article has no date to resolve it against.</summary>
    [JsonIgnore]
    public bool PeriodUnresolved { get; init; }

    /// <summary>Where the figure's text starts in the article file (Source.Start..End is the whole sentence).</summary>
    [JsonIgnore]
    public int TextStart { get; init; }

    /// <summary>What kind of expression the figure was read from: money, percent or count.</summary>
    [JsonIgnore]
    public string Kind { get; init; } = Units.Count;

    /// <summary>The upper end when the figure is a range ("5-10%"); Value is then the lower end and Qualifier "range".</summary>
    [JsonIgnore]
    public decimal? High { get; init; }

    /// <summary>True when the amount is an increment ("an additional 25 million"), not a level; increments are not reconciled with totals.</summary>
    [JsonIgnore]
    public bool IsIncrement { get; init; }

    /// <summary>Figures with the same key measure the same thing; relative periods of undated articles only match within their article.</summary>
    [JsonIgnore]
    public string GroupKey => $"{Metric}|{(PeriodUnresolved || MetricLexicon.IsArticleScoped(Metric) ? Source.Id + ":" : string.Empty)}{Period}|{Unit}{(IsIncrement ? "|increment" : string.Empty)}";
}

/// <summary>Figures measuring the same metric over the same period; Status is "consistent", "conflict" or "single".</summary>
public sealed record FigureGroup(string Metric, string? Period, string Status, IReadOnlyList<int> Figures);

/// <summary>The answer to a figures request: the matching figures and their reconciled groups.</summary>
public sealed record FigureReport(string? Topic, IReadOnlyList<Figure> Figures, IReadOnlyList<FigureGroup> Groups);

/// <summary>The unit and kind names figures use.</summary>
public static class Units
{
    public const string Percent = "percent";
    public const string PercentagePoints = "percentage points";
    public const string Count = "count";
    public const string Money = "money";
    public const string Quantity = "quantity";
}

/// <summary>The qualifier vocabulary: how a figure's value bounds the true value.</summary>
public static class Qualifiers
{
    public const string Exact = "exact";
    public const string Approximate = "approximate";
    public const string LowerBound = "lower bound";
    public const string UpperBound = "upper bound";
    public const string Forecast = "forecast";
    public const string Range = "range";
}
