using System.Globalization;
using System.Text.RegularExpressions;

namespace KazBriefBot.Engine.Figures;

/// <summary>
/// Groups figures of one identity (metric, kind, parties, unit) over one period, and decides whether their values can all
/// be true: each figure stands for an interval (exact ±1% for rounding, approximate and forecast ±10%, lower bound [v, ∞),
/// upper bound [0.85v, v]); a group is consistent when the intervals share a point, a conflict when they do not.
/// A figure for a relative period of an undated article ("the first half of this year") joins the latest dated group of
/// its identity and period part ("first half of 2023"), and the group is then only possibly consistent or a possible
/// conflict. Values are never averaged and no figure is dropped; a figure without a metric or a period stays single, and
/// one whose parties are unknown is compared only within its own article.
/// </summary>
public static partial class FigureReconciler
{
    [GeneratedRegex(@"^(?:(?<part>.+?) of )?(?<year>\d{4}|this year|last year|next year)$", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodParts();

    public static IReadOnlyList<FigureGroup> Group(IReadOnlyList<Figure> figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var groups = new List<FigureGroup>();
        var reconcilable = Enumerable.Range(0, figures.Count).Where(i => Reconcilable(figures[i])).ToList();
        var undated = reconcilable.Where(i => figures[i].PeriodUnresolved).ToList();
        var dated = reconcilable.Except(undated).GroupBy(i => Identity(figures[i]) + "|" + figures[i].Period, StringComparer.Ordinal)
            .Select(g => g.ToList()).ToList();

        // each undated figure joins the latest dated group of its identity and period part, if there is one
        var joins = new Dictionary<int, List<int>>();
        var alone = new List<int>();
        foreach (var i in undated)
        {
            var part = Part(figures[i].Period);
            var target = part is null ? -1 : dated.Select((g, k) => (Group: g, Index: k))
                .Where(x => Identity(figures[x.Group[0]]) == Identity(figures[i]) && Part(figures[x.Group[0]].Period) is { } p && p.Part == part.Value.Part && p.Year is not null)
                .OrderByDescending(x => x.Group.Select(j => Part(figures[j].Period)!.Value.Year).Max())
                .Select(x => x.Index)
                .DefaultIfEmpty(-1)
                .First();
            if (target >= 0)
            {
                (joins.TryGetValue(target, out var list) ? list : joins[target] = []).Add(i);
            }
            else
            {
                alone.Add(i);
            }
        }

        for (var k = 0; k < dated.Count; k++)
        {
            AddGroups(figures, dated[k], joins.GetValueOrDefault(k) ?? [], groups);
        }

        foreach (var g in alone.GroupBy(i => figures[i].Source.Id + "|" + Identity(figures[i]) + "|" + figures[i].Period, StringComparer.Ordinal))
        {
            AddGroups(figures, [.. g], [], groups);
        }

        // figures with an unknown metric or no period cannot be compared with anything honestly: each is its own group
        groups.AddRange(Enumerable.Range(0, figures.Count).Where(i => !Reconcilable(figures[i])).Select(i => SingleGroup(figures, i)));
        return [.. groups.OrderBy(g => g.Metric == MetricLexicon.Other).ThenBy(g => g.Metric, StringComparer.Ordinal)
            .ThenBy(g => g.Parties.ToString(), StringComparer.Ordinal).ThenBy(g => g.Kind).ThenBy(g => g.Period, StringComparer.Ordinal)];
    }

    /// <summary>What a figure measures, of whom, what kind of number and in what unit; parties unknown means "this article's".</summary>
    public static string Identity(Figure f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return $"{f.Metric}|{f.Kind}|{(f.Parties.IsEmpty ? "article:" + f.Source.Id : f.Parties.ToString())}|{f.Unit}";
    }

    /// <summary>Only figures that say what they measure and over which period are compared with others.</summary>
    public static bool Reconcilable(Figure f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return f.Metric != MetricLexicon.Other && f.Period is not null;
    }

    private static void AddGroups(IReadOnlyList<Figure> figures, List<int> members, List<int> undated, List<FigureGroup> groups)
    {
        // Two figures of one sentence are different quantities ("from £6 to £10", "£35bn ... £2.5bn"), never two
        // reports of the same one; and disagreeing figures of one article measure different things. Both stay single.
        var all = members.Concat(undated).ToList();
        var sharedSentence = all.Where(i => all.Count(j => SameSentence(figures[i], figures[j])) > 1).ToList();
        groups.AddRange(sharedSentence.Select(i => SingleGroup(figures, i)));
        members = [.. members.Except(sharedSentence)];
        undated = [.. undated.Except(sharedSentence)];
        if (members.Count == 0)
        {
            groups.AddRange(undated.Select(i => SingleGroup(figures, i)));
            return;
        }

        var all2 = members.Concat(undated).ToList();
        var status = Status([.. all2.Select(i => figures[i])]);
        if (status == GroupStatus.Conflict && all2.Select(i => figures[i].Source.Id).Distinct(StringComparer.Ordinal).Count() == 1)
        {
            groups.AddRange(all2.Select(i => SingleGroup(figures, i)));
            return;
        }

        var first = figures[members[0]];
        string? note = null;
        if (undated.Count > 0)
        {
            status = status == GroupStatus.Conflict ? GroupStatus.PossibleConflict : GroupStatus.PossiblyConsistent;
            note = string.Join("; ", undated.Select(i => figures[i]).Select(f =>
                $"{f.Source.Publisher ?? f.Source.Id} has no date: its \"{f.Period!.Replace(PeriodRecognizer.UndatedMark, string.Empty, StringComparison.Ordinal)}\" may not be {first.Period}"));
        }

        groups.Add(new FigureGroup(first.Metric, first.Period, status, all2) { Kind = first.Kind, Parties = first.Parties, Note = note });
    }

    private static FigureGroup SingleGroup(IReadOnlyList<Figure> figures, int i) =>
        new(figures[i].Metric, figures[i].Period, GroupStatus.Single, [i]) { Kind = figures[i].Kind, Parties = figures[i].Parties };

    /// <summary>"first half of 2023" → (first half, 2023); "2022" → (year, 2022); "last year (article undated)" → (year, null).</summary>
    private static (string Part, int? Year)? Part(string? period)
    {
        if (period is null)
        {
            return null;
        }

        var m = PeriodParts().Match(period.Replace(PeriodRecognizer.UndatedMark, string.Empty, StringComparison.Ordinal));
        if (!m.Success)
        {
            return null;
        }

        var part = m.Groups["part"].Success ? m.Groups["part"].Value : "year";
        return (part, int.TryParse(m.Groups["year"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : null);
    }

    private static bool SameSentence(Figure a, Figure b) =>
        a.Source.Id == b.Source.Id && a.Source.Start == b.Source.Start && a.Source.End == b.Source.End;

    public static GroupStatus Status(IReadOnlyList<Figure> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 1)
        {
            return GroupStatus.Single;
        }

        var low = decimal.MinValue;
        var high = decimal.MaxValue;
        foreach (var f in members)
        {
            var (lo, hi) = Interval(f);
            low = Math.Max(low, lo);
            high = Math.Min(high, hi);
        }

        return low <= high ? GroupStatus.Consistent : GroupStatus.Conflict;
    }

    public static (decimal Low, decimal High) Interval(Figure f)
    {
        ArgumentNullException.ThrowIfNull(f);
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
            Qualifiers.Approximate => (v - (0.10m * a), v + (0.10m * a)),
            _ when f.Kind == FigureKind.Forecast => (v - (0.10m * a), v + (0.10m * a)),
            _ => (v - (0.01m * a), v + (0.01m * a)),
        };
    }
}
