using System.Globalization;
using System.Text;
using KazBriefBot.Engine.Commands;

namespace KazBriefBot.Engine.Figures;

/// <summary>The readable figures table: metric | period | value | qualifier | source, group by group, conflicts marked.</summary>
public static class FigureTable
{
    public static string Render(FigureReport report)
    {
        var sb = new StringBuilder();
        if (report.Figures.Count == 0)
        {
            sb.AppendLine("No figures found" + (report.Topic is null ? "." : $" about '{report.Topic}'."));
            return sb.ToString();
        }

        var conflicts = report.Groups.Count(g => g.Status == FigureReconciler.Conflict);
        sb.AppendLine(CultureInfo.InvariantCulture, $"{(report.Topic is null ? "All figures" : $"Figures about '{report.Topic}'")}: {report.Figures.Count} figure(s) in {report.Groups.Count} group(s){(conflicts > 0 ? $", {conflicts} conflict(s)" : string.Empty)}.");
        sb.AppendLine("metric | period | value | qualifier | source");
        foreach (var g in report.Groups)
        {
            var members = g.Figures.Where(i => i >= 0 && i < report.Figures.Count).Select(i => report.Figures[i]).ToList();
            var mark = g.Status switch
            {
                FigureReconciler.Conflict => "⚠ CONFLICT ",
                FigureReconciler.Consistent => "✓ ",
                _ => string.Empty,
            };
            foreach (var f in members)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"{mark}{f.Metric} | {f.Period ?? "-"} | {Value(f)} | {f.Qualifier}{(f.Change is null ? string.Empty : $" ({f.Change})")} | {TextRenderer.SourceLine(f.Source)}");
            }

            if (g.Status == FigureReconciler.Conflict)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  ⚠ sources disagree on {g.Metric}, {g.Period ?? "period unknown"}: {string.Join(" vs ", members.Select(f => $"{f.Text} ({f.Source.Publisher ?? f.Source.Id})"))}");
            }
        }

        return sb.ToString();
    }

    /// <summary>The verbatim text with the normalized value: "around $3.7bn = 3,700,000,000 USD".</summary>
    public static string Value(Figure f) =>
        f.Unit is Units.Percent or Units.PercentagePoints
            ? f.Text
            : f.High is { } high
                ? string.Create(CultureInfo.InvariantCulture, $"{f.Text} = {f.Value:#,0.##}–{high:#,0.##} {f.Unit}")
                : string.Create(CultureInfo.InvariantCulture, $"{f.Text} = {f.Value:#,0.##} {f.Unit}");
}
