using System.Text.Json.Serialization;
using KazBriefBot.Engine.Corpus;

namespace KazBriefBot.Engine.Figures;

/// <summary>What a chart's categories are: the periods of a series, or (one period only) the sources that report it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChartLayout>))]
public enum ChartLayout
{
    /// <summary>One category per period, oldest first, with one point per source in each.</summary>
    [JsonStringEnumMemberName("periods")]
    Periods,

    /// <summary>A single period whose sources disagree: one category per source.</summary>
    [JsonStringEnumMemberName("sources")]
    Sources,
}

/// <summary>
/// The values of one identity (metric, kind, parties, unit) by period and by source, drawn from a figures summary line.
/// Every point is a figure as read, with its verbatim sentence and source; values are scaled for the axis (never rounded
/// into the text) and nothing is averaged. Channels draw it their own way; <see cref="Description"/> is its text alternative.
/// </summary>
/// <param name="Line">Index into the report's summary: the line this chart draws (-1 outside a report, e.g. in a digest).</param>
/// <param name="Scale">What a value is divided by for the axis (1e9 for billions, 1 for percentages).</param>
/// <param name="ValueAxis">The value axis label: "USD, billions", "percent".</param>
/// <param name="PeriodAxis">The category axis label: "period" or "source".</param>
public sealed record FigureChart(
    string Metric,
    FigureKind Kind,
    Parties Parties,
    string Unit,
    ChartLayout Layout,
    int Line,
    string Title,
    string ValueAxis,
    string PeriodAxis,
    decimal Scale,
    ChartAxis Axis,
    IReadOnlyList<ChartSource> Sources,
    IReadOnlyList<ChartPeriod> Periods,
    string Description)
{
    /// <summary>Every point of the chart, period by period.</summary>
    [JsonIgnore]
    public IEnumerable<ChartPoint> Points => Periods.SelectMany(p => p.Points);

    /// <summary>True when some period's sources disagree or may disagree.</summary>
    [JsonIgnore]
    public bool HasConflict => Periods.Any(p => p.Status is GroupStatus.Conflict or GroupStatus.PossibleConflict);
}

/// <summary>The value axis in scaled units: from Min to Max with a tick every Step.</summary>
public sealed record ChartAxis(decimal Min, decimal Max, decimal Step)
{
    [JsonIgnore]
    public IEnumerable<decimal> Ticks
    {
        get
        {
            for (var t = Min; t <= Max; t += Step)
            {
                yield return t;
            }
        }
    }
}

/// <summary>A source article of a chart; Label tells sources apart even when one outlet published several of them.</summary>
public sealed record ChartSource(string Id, string Label, string? Publisher, DateOnly? Date);

/// <summary>One category of a chart: a period (its reconciled group) and the points reported for it.</summary>
/// <param name="Group">Index into the report's groups (-1 outside a report).</param>
public sealed record ChartPeriod(string Label, string? Period, int Group, GroupStatus Status, string? Note, IReadOnlyList<ChartPoint> Points)
{
    [JsonIgnore]
    public bool Disagrees => Status is GroupStatus.Conflict or GroupStatus.PossibleConflict;
}

/// <summary>One figure on a chart, exactly as its figure says; Shown is Value / Scale (and ShownHigh the upper end of a range).</summary>
/// <param name="Source">Index into the chart's sources.</param>
/// <param name="Figure">Index into the report's figures (null outside a report).</param>
/// <param name="Period">The figure's own period, which for an undated article may differ from its category's.</param>
/// <param name="Undated">True when the figure's period is relative and its article undated: it may not belong to this period.</param>
public sealed record ChartPoint(
    int Source,
    int? Figure,
    string Text,
    decimal Value,
    decimal? High,
    decimal Shown,
    decimal? ShownHigh,
    string Qualifier,
    string? Period,
    bool Undated,
    string Quote,
    SourceRef Origin);
