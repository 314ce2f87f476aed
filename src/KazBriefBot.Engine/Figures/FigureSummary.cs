using System.Globalization;
using System.Text.RegularExpressions;

namespace KazBriefBot.Engine.Figures;

/// <summary>
/// The summary an analyst reads first: one line per identity (metric, kind, parties, unit) with its latest period's group,
/// the change reported for that period, how many sources report it and, when they disagree, how far apart they are.
/// The request's own metric comes first, then identities more sources report, then the rest; changes of an identity that
/// also has a level are told on the level's line rather than on their own.
/// </summary>
public static partial class FigureSummary
{
    [GeneratedRegex(@"\b(?:19|20)\d{2}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Year();

    public static IReadOnlyList<FigureSummaryLine> Lines(IReadOnlyList<Figure> figures, IReadOnlyList<FigureGroup> groups, FigureRequest request)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(request);
        var reconciled = Enumerable.Range(0, groups.Count).Where(g => FigureReconciler.Reconcilable(figures[groups[g].Figures[0]])).ToList();
        var levels = reconciled.Where(g => groups[g].Kind != FigureKind.Change).Select(g => MetricAndParties(figures[groups[g].Figures[0]])).ToHashSet(StringComparer.Ordinal);
        var lines = new List<(FigureSummaryLine Line, int Rank)>();
        foreach (var identity in reconciled.GroupBy(g => FigureReconciler.Identity(figures[groups[g].Figures[0]]), StringComparer.Ordinal))
        {
            var first = figures[groups[identity.First()].Figures[0]];
            if (first.Kind == FigureKind.Change && levels.Contains(MetricAndParties(first)))
            {
                continue;
            }

            var ordered = identity.OrderByDescending(g => Order(groups[g], figures)).ThenBy(g => g).ToList();
            var latest = ordered[0];
            var members = groups[latest].Figures.Select(i => figures[i]).ToList();
            var change = first.Kind == FigureKind.Change ? null : ChangeFor(figures, first, members);
            var sources = members.Select(f => f.Source.Id).Distinct(StringComparer.Ordinal).Count();
            var line = new FigureSummaryLine(first.Metric, first.Kind, first.Parties, groups[latest].Period, groups[latest].Status, latest, change, sources,
                groups[latest].Disagrees ? Spread(members) : null, ordered.Skip(1).ToList());
            var rank = (request.Metrics.Any(m => m.Name == first.Metric) ? 0 : 1000) - (10 * Math.Min(sources, 50)) - (first.Parties.IsEmpty ? 0 : 5) - (first.Kind == FigureKind.Level ? 2 : 0);
            lines.Add((line, rank));
        }

        return [.. lines.OrderBy(l => l.Rank).ThenByDescending(l => Order(groups[l.Line.Group], figures)).ThenBy(l => l.Line.Group).Select(l => l.Line)];
    }

    /// <summary>Sort key of a group's period: its year, then dated before undated, then the larger span (a year after its halves).</summary>
    private static (int Year, int Dated, int Whole) Order(FigureGroup g, IReadOnlyList<Figure> figures)
    {
        var year = g.Period is null ? 0 : Year().Matches(g.Period).Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
        var dated = g.Figures.Any(i => !figures[i].PeriodUnresolved) ? 1 : 0;
        var whole = g.Period is not null && Year().IsMatch(g.Period) && g.Period.Length == 4 ? 1 : 0;
        return (year, dated, whole);
    }

    /// <summary>An identity without its kind and unit: a change told on the line of its level.</summary>
    private static string MetricAndParties(Figure f) =>
        $"{f.Metric}|{(f.Parties.IsEmpty ? "article:" + f.Source.Id : f.Parties.ToString())}";

    /// <summary>A change of the same metric and parties for the period of one of the members, as its article labels it.</summary>
    private static int? ChangeFor(IReadOnlyList<Figure> figures, Figure level, IReadOnlyList<Figure> members)
    {
        for (var i = 0; i < figures.Count; i++)
        {
            var f = figures[i];
            if (f.Kind == FigureKind.Change && f.Metric == level.Metric && f.Parties.Equals(level.Parties)
                && members.Any(m => m.Period == f.Period && (!f.PeriodUnresolved || m.Source.Id == f.Source.Id))
                && (!f.Parties.IsEmpty || f.Source.Id == level.Source.Id))
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>(largest - smallest) / smallest, in percent, of the members' values.</summary>
    private static decimal? Spread(IReadOnlyList<Figure> members)
    {
        var low = members.Min(f => f.Value);
        var high = members.Max(f => f.High ?? f.Value);
        return low > 0 ? Math.Round((high - low) / low * 100m, 1) : null;
    }
}
