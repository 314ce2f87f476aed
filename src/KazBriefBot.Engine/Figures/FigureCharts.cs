using System.Globalization;
using System.Text;
using KazBriefBot.Engine.Commands;

namespace KazBriefBot.Engine.Figures;

/// <summary>
/// Builds the charts of a figures summary: one per summary line worth drawing, that is with two or more periods, or with
/// one period whose sources disagree. Periods run oldest to newest (the line's earlier groups, then its latest); each
/// group's figures are its points, one per figure, with the group's status so that conflicts stay marked.
/// </summary>
public static class FigureCharts
{
    /// <summary>The charts of a report's summary lines, in the summary's order.</summary>
    public static IReadOnlyList<FigureChart> Build(IReadOnlyList<Figure> figures, IReadOnlyList<FigureGroup> groups, IReadOnlyList<FigureSummaryLine> summary)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(summary);
        var charts = new List<FigureChart>();
        for (var i = 0; i < summary.Count; i++)
        {
            if (For(figures, groups, summary[i], i) is { } chart)
            {
                charts.Add(chart);
            }
        }

        return charts;
    }

    /// <summary>True when a line has two or more periods, or one period reported by two or more sources that disagree.</summary>
    public static bool WorthDrawing(IReadOnlyList<Figure> figures, IReadOnlyList<FigureGroup> groups, FigureSummaryLine line)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(line);
        return line.Earlier.Count > 0 || (groups[line.Group].Disagrees && groups[line.Group].Figures.Select(f => figures[f].Source.Id).Distinct(StringComparer.Ordinal).Count() >= 2);
    }

    /// <summary>The chart of one summary line, or null when it is not worth drawing.</summary>
    public static FigureChart? For(IReadOnlyList<Figure> figures, IReadOnlyList<FigureGroup> groups, FigureSummaryLine line, int lineIndex)
    {
        if (!WorthDrawing(figures, groups, line))
        {
            return null;
        }

        var groupIndexes = line.Earlier.Reverse().Append(line.Group).ToList();
        var members = groupIndexes.SelectMany(g => groups[g].Figures).Select(i => figures[i]).ToList();
        var unit = members[0].Unit;
        var (scale, unitLabel) = ScaleFor(unit, members.Max(f => Math.Abs(f.High ?? f.Value)));
        var sources = Sources(members);
        var sourceIndex = sources.Select((s, k) => (s.Id, k)).ToDictionary(x => x.Id, x => x.k, StringComparer.Ordinal);
        var periods = groupIndexes.Select(g => Period(figures, groups, g, scale, sourceIndex)).ToList();
        var layout = periods.Count == 1 ? ChartLayout.Sources : ChartLayout.Periods;
        var shown = periods.SelectMany(p => p.Points).SelectMany(p => p.ShownHigh is { } h ? new[] { p.Shown, h } : [p.Shown]).ToList();
        var axis = AxisFor(shown.Min(), shown.Max());
        var parties = line.Parties.IsEmpty ? "parties unknown" : line.Parties.ToString();
        var title = $"{Capitalize(line.Metric)} ({FigureTable.Kind(line.Kind)}), {parties}: by {(layout == ChartLayout.Periods ? "period and source" : "source")}";
        var chart = new FigureChart(line.Metric, line.Kind, line.Parties, unit, layout, lineIndex, title, unitLabel,
            layout == ChartLayout.Periods ? "period" : "source", scale, axis, sources, periods, string.Empty);
        return chart with { Description = Describe(chart) };
    }

    /// <summary>The text alternative: what is drawn, then each period's values with their sources and whether they agree.</summary>
    public static string Describe(FigureChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Chart of {chart.Metric} ({FigureTable.Kind(chart.Kind)}), {(chart.Parties.IsEmpty ? "parties unknown" : chart.Parties.ToString())}, in {chart.ValueAxis}, ");
        sb.Append(CultureInfo.InvariantCulture, $"{chart.Periods.Count} period(s) from {chart.Sources.Count} source(s).");
        foreach (var period in chart.Periods)
        {
            sb.Append(' ').Append(period.Label).Append(": ");
            sb.Append(string.Join(", ", period.Points.Select(p => $"{p.Text} ({chart.Sources[p.Source].Label}{(p.Undated ? ", its period may differ" : string.Empty)})")));
            sb.Append("; ").Append(Agreement(period.Status)).Append('.');
        }

        return sb.ToString();
    }

    /// <summary>The status in words, as the charts' legends and text alternatives say it.</summary>
    public static string Agreement(GroupStatus status) => status switch
    {
        GroupStatus.Consistent => "sources agree",
        GroupStatus.Conflict => "sources disagree",
        GroupStatus.PossibleConflict => "sources may disagree (a source is undated)",
        GroupStatus.PossiblyConsistent => "sources may agree (a source is undated)",
        _ => "one source",
    };

    /// <summary>A value formatted for an axis or a label in scaled units: "3.7", "1.25", "40".</summary>
    public static string Number(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static ChartPeriod Period(IReadOnlyList<Figure> figures, IReadOnlyList<FigureGroup> groups, int g, decimal scale, Dictionary<string, int> sourceIndex)
    {
        var group = groups[g];
        var points = group.Figures.Select(i => (Index: i, Figure: figures[i]))
            .OrderBy(x => sourceIndex[x.Figure.Source.Id])
            .ThenBy(x => x.Index)
            .Select(x => new ChartPoint(sourceIndex[x.Figure.Source.Id], x.Index, x.Figure.Text, x.Figure.Value, x.Figure.High, x.Figure.Value / scale,
                x.Figure.High is { } h ? h / scale : null, x.Figure.Qualifier, x.Figure.Period, x.Figure.PeriodUnresolved, x.Figure.Quote, x.Figure.Source))
            .ToList();
        return new ChartPeriod(group.Period ?? "period unknown", group.Period, g, group.Status, group.Note, points);
    }

    /// <summary>The sources in order of first appearance; an outlet that published several gets its date (or "undated") added.</summary>
    private static List<ChartSource> Sources(IReadOnlyList<Figure> members)
    {
        var distinct = members.Select(f => f.Source).DistinctBy(s => s.Id, StringComparer.Ordinal).ToList();
        var labels = distinct.Select(s => s.Publisher ?? s.Id).ToList();
        labels = Disambiguate(labels, distinct.Select(s => s.Date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "undated").ToList(), ", ");
        labels = Disambiguate(labels, distinct.Select(s => s.Id).ToList(), " · ");
        return [.. distinct.Select((s, i) => new ChartSource(s.Id, labels[i], s.Publisher, s.Date))];
    }

    private static List<string> Disambiguate(List<string> labels, List<string> extra, string separator)
    {
        var repeated = labels.GroupBy(l => l, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return [.. labels.Select((l, i) => repeated.Contains(l) ? l + separator + extra[i] : l)];
    }

    /// <summary>Billions, millions or thousands for amounts, by the largest value; percentages and small numbers as they are.</summary>
    internal static (decimal Scale, string Label) ScaleFor(string unit, decimal largest)
    {
        if (unit is Units.Percent or Units.PercentagePoints)
        {
            return (1m, unit);
        }

        var (scale, word) = largest switch
        {
            >= 1_000_000_000m => (1_000_000_000m, "billions"),
            >= 1_000_000m => (1_000_000m, "millions"),
            >= 10_000m => (1_000m, "thousands"),
            _ => (1m, null),
        };
        return (scale, word is null ? unit : $"{unit}, {word}");
    }

    /// <summary>A zero-based (or, with negatives, zero-spanning) axis: the smallest "nice" step (1, 2, 2.5 or 5 × 10^k) that
    /// covers the values in at most five intervals.</summary>
    internal static ChartAxis AxisFor(decimal low, decimal high)
    {
        const int MaxIntervals = 5;
        var min = Math.Min(0m, low);
        var max = Math.Max(0m, high);
        if (max == min)
        {
            return new ChartAxis(0m, 1m, 0.25m);
        }

        var rough = (max - min) / MaxIntervals;
        var magnitude = 1m;
        while (magnitude * 10m <= rough)
        {
            magnitude *= 10m;
        }

        while (magnitude > rough)
        {
            magnitude /= 10m;
        }

        foreach (var step in new[] { 1m, 2m, 2.5m, 5m, 10m, 20m, 25m, 50m }.Select(n => n * magnitude).Where(s => s >= rough))
        {
            var (from, to) = (Math.Floor(min / step) * step, Math.Ceiling(max / step) * step);
            if ((to - from) / step <= MaxIntervals)
            {
                return new ChartAxis(Normal(from), Normal(to), Normal(step));
            }
        }

        throw new InvalidOperationException("unreachable: a step of 10 × the rough step always fits");
    }

    // 4.0m and 4m are equal but print differently; the JSON should read 4.
    private static decimal Normal(decimal d) => d / 1.000000000000000000000000000000000m;

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
