namespace KazBriefBot.Engine.Figures;

/// <summary>
/// Groups figures that measure the same metric over the same period in the same unit, and decides whether their values
/// can all be true: each figure stands for an interval (exact ±1% for rounding, approximate ±10%, lower bound [v, ∞),
/// upper bound [0.85v, v]); a group is consistent when the intervals share a point, a conflict when they do not.
/// Values are never averaged and no figure is dropped; figures without a period or metric stay single.
/// </summary>
public static class FigureReconciler
{
    public const string Single = "single";
    public const string Consistent = "consistent";
    public const string Conflict = "conflict";

    public static IReadOnlyList<FigureGroup> Group(IReadOnlyList<Figure> figures)
    {
        var groups = new List<FigureGroup>();
        var byKey = Enumerable.Range(0, figures.Count)
            .Where(i => Reconcilable(figures[i]))
            .GroupBy(i => figures[i].GroupKey + (figures[i].Qualifier == Qualifiers.Forecast ? "|forecast" : string.Empty), StringComparer.Ordinal);
        foreach (var g in byKey)
        {
            // Two figures of one sentence are different quantities ("from £6 to £10", "£35bn ... £2.5bn"), never two
            // reports of the same one; and disagreeing figures of one article measure different things. Both stay single.
            var members = g.ToList();
            var sharedSentence = members.Where(i => members.Count(j => SameSentence(figures[i], figures[j])) > 1).ToList();
            foreach (var i in sharedSentence)
            {
                groups.Add(new FigureGroup(figures[i].Metric, figures[i].Period, Single, [i]));
            }

            members = [.. members.Except(sharedSentence)];
            if (members.Count == 0)
            {
                continue;
            }

            var status = Status(members.Select(i => figures[i]).ToList());
            if (status == Conflict && members.Select(i => figures[i].Source.Id).Distinct(StringComparer.Ordinal).Count() == 1)
            {
                groups.AddRange(members.Select(i => new FigureGroup(figures[i].Metric, figures[i].Period, Single, [i])));
                continue;
            }

            var first = figures[members[0]];
            groups.Add(new FigureGroup(first.Metric, first.Period, status, members));
        }

        // figures with an unknown metric or no period cannot be compared with anything honestly: each is its own group
        groups.AddRange(Enumerable.Range(0, figures.Count)
            .Where(i => !Reconcilable(figures[i]))
            .Select(i => new FigureGroup(figures[i].Metric, figures[i].Period, Single, [i])));

        return [.. groups.OrderBy(g => g.Metric == MetricLexicon.Other).ThenBy(g => g.Metric, StringComparer.Ordinal).ThenBy(g => g.Period, StringComparer.Ordinal)];
    }

    private static bool SameSentence(Figure a, Figure b) =>
        a.Source.Id == b.Source.Id && a.Source.Start == b.Source.Start && a.Source.End == b.Source.End;

    /// <summary>Only figures that say what they measure and over which period are compared with others.</summary>
    public static bool Reconcilable(Figure f) => f.Metric != MetricLexicon.Other && f.Period is not null;

    public static string Status(IReadOnlyList<Figure> members)
    {
        if (members.Count == 1)
        {
            return Single;
        }

        var low = decimal.MinValue;
        var high = decimal.MaxValue;
        foreach (var f in members)
        {
            var (lo, hi) = Interval(f);
            low = Math.Max(low, lo);
            high = Math.Min(high, hi);
        }

        return low <= high ? Consistent : Conflict;
    }

    public static (decimal Low, decimal High) Interval(Figure f)
    {
        var v = f.Value;
        var a = Math.Abs(v);
        if (f.High is { } high)
        {
            return (v, high);
        }

        return f.Qualifier switch
        {
            Qualifiers.LowerBound => (v, decimal.MaxValue),
            Qualifiers.UpperBound => (v - (0.15m * a), v),
            Qualifiers.Approximate or Qualifiers.Forecast => (v - (0.10m * a), v + (0.10m * a)),
            _ => (v - (0.01m * a), v + (0.01m * a)),
        };
    }
}
