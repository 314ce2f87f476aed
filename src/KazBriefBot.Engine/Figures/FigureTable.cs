using System.Globalization;
using System.Text;
using System.Text.Json;
using KazBriefBot.Engine.Commands;

namespace KazBriefBot.Engine.Figures;

/// <summary>The readable figures report: the summary (latest value per identity, its change, agreement), then the table
/// metric | kind | parties | period | value | qualifier | source, group by group, disagreements marked.</summary>
public static class FigureTable
{
    public static string Render(FigureReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        if (report.Figures.Count == 0)
        {
            sb.AppendLine("No figures found" + (report.Topic is null ? "." : $" about '{report.Topic}'."));
            return sb.ToString();
        }

        var conflicts = report.Groups.Count(g => g.Disagrees);
        sb.AppendLine(CultureInfo.InvariantCulture, $"{(report.Topic is null ? "All figures" : $"Figures about '{report.Topic}'")}: {report.Figures.Count} figure(s) in {report.Groups.Count} group(s){(conflicts > 0 ? $", {conflicts} disagreement(s)" : string.Empty)}.");
        if (report.Summary.Count > 0)
        {
            sb.AppendLine("Summary:");
            foreach (var line in report.Summary)
            {
                AppendSummaryLine(sb, report, line);
            }

            sb.AppendLine();
        }

        sb.AppendLine("metric | kind | parties | period | value | qualifier | source");
        foreach (var g in report.Groups)
        {
            var members = g.Figures.Where(i => i >= 0 && i < report.Figures.Count).Select(i => report.Figures[i]).ToList();
            var mark = Mark(g.Status);
            foreach (var f in members)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"{mark}{f.Metric} | {Kind(f.Kind)} | {f.Parties} | {f.Period ?? "-"} | {Value(f)} | {f.Qualifier}{(f.Change is null ? string.Empty : $" ({f.Change})")} | {TextRenderer.SourceLine(f.Source)}");
            }

            if (g.Disagrees)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  ⚠ sources {(g.Status == GroupStatus.PossibleConflict ? "may " : string.Empty)}disagree on {g.Metric}, {g.Period ?? "period unknown"}: {string.Join(" vs ", members.Select(f => $"{f.Text} ({f.Source.Publisher ?? f.Source.Id})"))}");
            }

            if (g.Note is not null)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  note: {g.Note}");
            }
        }

        return sb.ToString();
    }

    /// <summary>"trade (level), Kazakhstan + United States, 2022: 3 sources agree".</summary>
    public static string Headline(FigureSummaryLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var agreement = line.Status switch
        {
            GroupStatus.Consistent => $"{line.Sources} sources agree",
            GroupStatus.Conflict => $"sources disagree ({Spread(line)})",
            GroupStatus.PossibleConflict => $"sources may disagree ({Spread(line)}; a source is undated)",
            GroupStatus.PossiblyConsistent => "sources may agree (a source is undated)",
            _ => "one source",
        };
        return $"{line.Metric} ({Kind(line.Kind)}), {line.Parties}, {line.Period ?? "period unknown"}: {agreement}";
    }

    public static string Kind(FigureKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The status as the JSON writes it: "single", "consistent", "conflict", "possibly-consistent", "possible-conflict".</summary>
    public static string StatusName(GroupStatus status) => JsonSerializer.Serialize(status).Trim('"');

    /// <summary>One summary line as plain text: the headline, then each latest value with its source, the change and the note.</summary>
    public static IReadOnlyList<string> SummaryText(FigureReport report, FigureSummaryLine line)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(line);
        var group = report.Groups[line.Group];
        var lines = new List<string> { Headline(line) };
        lines.AddRange(group.Figures.Select(i => report.Figures[i]).Select(f => $"{f.Text} — {TextRenderer.SourceLine(f.Source)}"));
        if (line.Change is { } c)
        {
            lines.Add($"change: {report.Figures[c].Change ?? report.Figures[c].Text} — {TextRenderer.SourceLine(report.Figures[c].Source)}");
        }

        if (group.Note is not null)
        {
            lines.Add("note: " + group.Note);
        }

        return lines;
    }

    public static string Mark(GroupStatus status) => status switch
    {
        GroupStatus.Conflict => "⚠ CONFLICT ",
        GroupStatus.PossibleConflict => "⚠ POSSIBLE CONFLICT ",
        GroupStatus.Consistent => "✓ ",
        GroupStatus.PossiblyConsistent => "✓? ",
        _ => string.Empty,
    };

    /// <summary>The verbatim text with the normalized value: "around $3.7bn = 3,700,000,000 USD".</summary>
    public static string Value(Figure f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return f.Unit is Units.Percent or Units.PercentagePoints
            ? f.Text
            : f.High is { } high
                ? string.Create(CultureInfo.InvariantCulture, $"{f.Text} = {f.Value:#,0.##}–{high:#,0.##} {f.Unit}")
                : string.Create(CultureInfo.InvariantCulture, $"{f.Text} = {f.Value:#,0.##} {f.Unit}");
    }

    private static string Spread(FigureSummaryLine line) =>
        line.Spread is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s:0.#}% apart") : "values differ";

    private static void AppendSummaryLine(StringBuilder sb, FigureReport report, FigureSummaryLine line)
    {
        var group = report.Groups[line.Group];
        sb.AppendLine("• " + Headline(line));
        foreach (var f in group.Figures.Select(i => report.Figures[i]))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"    {f.Text} — “{f.Quote.Trim()}” — {TextRenderer.SourceLine(f.Source)}");
        }

        if (line.Change is { } c)
        {
            var change = report.Figures[c];
            sb.AppendLine(CultureInfo.InvariantCulture, $"    change: {change.Change ?? change.Text} — {TextRenderer.SourceLine(change.Source)}");
        }

        if (group.Note is not null)
        {
            sb.AppendLine("    note: " + group.Note);
        }

        if (line.Earlier.Count > 0)
        {
            sb.AppendLine("    earlier: " + string.Join("; ", line.Earlier.Select(e => report.Groups[e]).Select(e =>
                $"{e.Period}: {string.Join(", ", e.Figures.Select(i => report.Figures[i].Text).Distinct(StringComparer.Ordinal))}")));
        }
    }
}
